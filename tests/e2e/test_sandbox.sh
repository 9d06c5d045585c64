# test_sandbox.sh — petlua --sandbox: what a script from someone else may not
# do, where it may write, and --max-seconds. Every run is bounded by timeout.
. tests/e2e/lib.sh
T="timeout 20"
mkdir -p "$TMP/allowed" "$TMP/elsewhere"
ELSE=$(cd "$TMP/elsewhere" && pwd -P)
TOP=$(cd "$TMP" && pwd -P)
ABS_PETLUA=$(cd "$(dirname "$PETLUA")" && pwd -P)/$(basename "$PETLUA")

# sandboxed CODE: runs the -e code under --sandbox --allow-write $TMP/allowed.
sandboxed() { run $T "$PETLUA" --sandbox --allow-write "$TMP/allowed" -e "$1"; }

# Each forbidden function raises "NAME is not allowed in --sandbox", located.
for f in os.execute io.popen os.remove os.rename os.tmpname io.tmpfile package.loadlib \
         string.dump lfs.mkdir lfs.rmdir lfs.touch lfs.link lfs.lock lfs.unlock lfs.lock_dir; do
    sandboxed "$f('$TMP/allowed/x', '$TMP/allowed/y')"
    check_status 1 "$f refused"
    check_contains "$TMP/err" "(command line):1: $f is not allowed in --sandbox" "$f: clear message"
done
[ ! -e "$TMP/allowed/x" ] && [ ! -e "$TMP/allowed/y" ] && ok "forbidden calls created nothing" ||
    not_ok "forbidden calls created nothing"

for f in sethook getlocal getupvalue setupvalue getregistry setmetatable upvaluejoin; do
    sandboxed "local x = debug.$f(1)"
    check_status 1 "debug.$f refused"
    check_contains "$TMP/err" "(command line):1: debug.$f is not allowed in --sandbox" "debug.$f: clear message"
done
sandboxed 'print(debug.getinfo(function(a, b) end, "u").nparams)'
check_contains "$TMP/out" "2" "debug.getinfo still works (petlua.set uses it)"
sandboxed 'print(#petlua.set({{n = 2}, {n = 1}}):sort(function(a, b) return a.n < b.n end))'
check_status 0 "set:sort with a comparator under --sandbox"
sandboxed 'print((debug.traceback("here"):gsub("\n.*", "")))'
check_status 0 "debug.traceback still works"
check_contains "$TMP/out" "here" "debug.traceback: its message"
sandboxed 'print(package.preload.lfs().mkdir == lfs.mkdir, require("lfs") == lfs)'
check_contains "$TMP/out" "true	true" "package.preload.lfs gives the restricted lfs"
sandboxed 'os.exit(3)'
check_status 3 "os.exit still ends the script with its status"

# C modules: not searched, whatever package.cpath says.
: >"$TMP/evil.so"
sandboxed "package.cpath = '$TMP/?.so'; require 'evil'"
check_status 1 "a C module is not loaded"
check_contains "$TMP/err" "no C module 'evil' (C modules are not loaded in --sandbox)" "C module: clear message"
check_not_contains "$TMP/err" "evil.so" "C module: the .so was never tried"

# Reading works.
sandboxed 'print(io.open("data/e-2559.txt"):read("l")); for l in io.lines("data/e-2559.txt") do print(#l) break end
           for n in lfs.dir("data") do if n == "e-2559.txt" then print("listed") end end
           print(lfs.attributes("data", "mode"))'
check_status 0 "reading files and folders"
check_contains "$TMP/out" "Skip to main content Start of content" "io.open for reading"
check_contains "$TMP/out" "listed" "lfs.dir"
check_contains "$TMP/out" "directory" "lfs.attributes"

# Writing under the allowed folder works: absolute, relative, through "..".
sandboxed "assert(io.open('$TMP/allowed/a.txt', 'w')):write('A'):close()
           io.output('$TMP/allowed/b.txt'); io.write('B'); io.close(); io.output(io.stdout)
           assert(io.open('$TMP/allowed/../allowed/c.txt', 'a')):write('C'):close()
           assert(io.open('$TMP/allowed/a.txt', 'r+')):write('a'):close()
           io.write('done\n')"
check_status 0 "writing under --allow-write"
[ "$(cat "$TMP/allowed/a.txt" "$TMP/allowed/b.txt" "$TMP/allowed/c.txt" 2>/dev/null)" = "aBC" ] &&
    ok "the files written hold what was written" || not_ok "the files written hold what was written"
run $T sh -c 'cd "$1" && exec "$2" --sandbox --allow-write . -e "assert(io.open(\"rel.txt\", \"w\")):close()"' \
    sh "$TMP/allowed" "$ABS_PETLUA"
check_status 0 "a relative path under a relative --allow-write"
[ -f "$TMP/allowed/rel.txt" ] && ok "relative: the file was written" || not_ok "relative: the file was written"

# Writing outside fails, the target untouched.
echo keep >"$TMP/victim.txt"
ln -s "$TMP/elsewhere" "$TMP/allowed/dirlink"
ln -s "$TMP/victim.txt" "$TMP/allowed/filelink"
ln -s "$TMP/nothere.txt" "$TMP/allowed/dangling"
refused() { # what code want-in-message
    sandboxed "$2"
    check_status 1 "$1 refused"
    check_contains "$TMP/err" "$3" "$1: message"
}
refused "absolute path outside" "io.open('$TMP/x.txt', 'w')" \
    "(command line):1: writing '$TMP/x.txt' is not allowed in --sandbox: $TOP/x.txt is outside the --allow-write folders"
refused "../ out of the folder" "io.open('$TMP/allowed/../x.txt', 'w')" "$TOP/x.txt is outside the --allow-write folders"
refused "appending outside" "io.open('$TMP/victim.txt', 'a')" "is outside the --allow-write folders"
refused "r+ outside" "io.open('$TMP/victim.txt', 'r+')" "is outside the --allow-write folders"
refused "wb outside" "io.open('/etc/petlua-test', 'wb')" "/etc/petlua-test is outside the --allow-write folders"
refused "io.output outside" "io.output('$TMP/x.txt')" "is outside the --allow-write folders"
refused "a folder symlink pointing outside" "io.open('$TMP/allowed/dirlink/x.txt', 'w')" \
    "$ELSE/x.txt is outside the --allow-write folders"
refused "a file symlink pointing outside" "io.open('$TMP/allowed/filelink', 'w')" \
    "it is a symbolic link to $TOP/victim.txt, outside the --allow-write folders"
refused "a dangling symlink" "io.open('$TMP/allowed/dangling', 'w')" "it is a symbolic link that leads nowhere"
refused "a folder that does not exist" "io.open('$TMP/allowed/no/x.txt', 'w')" "cannot resolve its folder"
refused "the allowed folder itself" "io.open('$TMP/allowed/', 'w')" "not a file name"
refused "a file named -" "io.open('-', 'w')" "is outside the --allow-write folders"
[ "$(cat "$TMP/victim.txt")" = keep ] && [ ! -e "$TMP/x.txt" ] && [ ! -e "$TMP/nothere.txt" ] &&
    [ ! -e "$TMP/elsewhere/x.txt" ] && [ ! -e ./- ] && ok "nothing was written outside" ||
    not_ok "nothing was written outside"
run $T "$PETLUA" --sandbox -e "io.open('$TMP/allowed/z.txt', 'w')"
check_status 1 "without --allow-write nothing may be written"
check_contains "$TMP/err" "is outside the --allow-write folders" "without --allow-write: message"
run $T "$PETLUA" --sandbox --allow-write "$TMP/none" -e "print(1)"
check_status 1 "an --allow-write folder that does not exist"
check_contains "$TMP/err" "--allow-write '$TMP/none': No such file or directory" "missing --allow-write: message"

# The check petlua's writers call, and the config flag.
sandboxed "local s = require 'petlua.sandbox'
           print(petlua.config.sandbox, s.active, s.check_write('$TMP/allowed/ok.csv'), s.check_write('-'))
           print(pcall(s.check_write, '$TMP/no.csv'))"
check_contains "$TMP/out" "true	true" "petlua.config.sandbox and petlua.sandbox.active"
check_contains "$TMP/out" "false	writing '$TMP/no.csv' is not allowed in --sandbox" "check_write raises outside"
run $T "$PETLUA" -e "local s = require 'petlua.sandbox'; s.check_write('/etc/x'); print(s.active)"
check_contains "$TMP/out" "false" "check_write does nothing outside --sandbox"

# Binary chunks are refused everywhere; the same chunk runs without --sandbox.
luac_out="$TMP/bin.luac"
run $T "$PETLUA" -e "local f = assert(io.open('$luac_out', 'wb')); f:write(string.dump(load('print(\"binary ran\")'))); f:close()"
run $T "$PETLUA" "$luac_out"
check_contains "$TMP/out" "binary ran" "without --sandbox a binary chunk runs (the test can fail)"
run $T "$PETLUA" --sandbox "$luac_out"
check_status 1 "a binary script is refused"
check_contains "$TMP/err" "attempt to load a binary chunk (mode is 't')" "binary script: message"
check_not_contains "$TMP/out" "binary ran" "binary script: did not run"
sandboxed "local s = io.open('$luac_out', 'rb'):read('a')
           print(load(s)); print(load(s, 'x', 'b')); print(loadfile('$luac_out', 'b'))
           print(pcall(dofile, '$luac_out'))"
[ "$(grep -c "attempt to load a binary chunk (mode is 't')" "$TMP/out")" -eq 4 ] &&
    ok "load, load(..., 'b'), loadfile and dofile refuse a binary chunk" ||
    not_ok "load, loadfile and dofile refuse a binary chunk" "$(cat "$TMP/out")"
mkdir -p "$TMP/mods" && cp "$luac_out" "$TMP/mods/binmod.lua"
sandboxed "package.path = '$TMP/mods/?.lua'; require 'binmod'"
check_status 1 "require of a binary module refused"
check_contains "$TMP/err" "error loading module 'binmod'" "binary module: message"
sandboxed 'print(load("return 1 + 1")(), load("return x", "c", "t", {x = 5})(), load("return y", nil, nil, nil) ~= nil)'
check_contains "$TMP/out" "2	5	true" "load of text still works, env argument kept"

# --max-seconds: Lua loops (even under pcall) stop at the deadline, status 1.
timed() { # want-max-seconds what script...
    want=$1 what=$2; shift 2
    t0=$(date +%s%N)
    run $T "$PETLUA" --sandbox --max-seconds 1 "$@"
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    check_status 1 "$what"
    check_contains "$TMP/err" "petlua: script stopped after 1 seconds (--max-seconds)" "$what: message"
    [ -n "${VALGRIND:-}" ] && want=$((want + 1500))   # its start-up is slower
    if [ "$ms" -lt "$want" ]; then ok "$what: stopped in ${ms} ms"; else
        not_ok "$what: stopped in time" "took ${ms} ms, want under $want"; fi
}
timed 2000 "while true do end" -e 'while true do end'
timed 2000 "a loop that catches the stop with pcall" \
    -e 'while true do pcall(function() while true do end end) end'
timed 2000 "a loop in coroutines" \
    -e 'while true do coroutine.resume(coroutine.create(function() while true do end end)) end'
timed 2000 "a loop inside one coroutine" -e 'coroutine.wrap(function() while true do end end)()'
timed 2000 "a loop resuming failing coroutines" \
    -e 'local f = function() while true do end end; while true do pcall(coroutine.wrap(f)) end'
# coroutines behave as without --max-seconds (resume and wrap are tracked)
cat >"$TMP/co.lua" <<'LUA'
local gen = coroutine.wrap(function(a) local b = coroutine.yield(a + 1); return b * 2 end)
print(gen(1), gen(5))
print(pcall(gen))
local boom = coroutine.wrap(function() error("boom") end)
print(pcall(boom))
local co = coroutine.create(function(...) coroutine.yield(select("#", ...)); return "done" end)
print(coroutine.resume(co, 1, nil, 3))
print(coroutine.resume(co))
print(coroutine.resume(co))
print(pcall(coroutine.resume, 42))
print(pcall(coroutine.resume))
local t = coroutine.wrap(function() error({code = 7}) end)
local ok, e = pcall(t)
print(ok, type(e), e.code)
LUA
for limit in "" "--max-seconds 30"; do
    run $T "$PETLUA" --sandbox $limit "$TMP/co.lua"
    cp "$TMP/out" "$TMP/co-out${limit:+-limited}"
done
check_same "$TMP/co-out-limited" "$TMP/co-out" "coroutines: the same results with --max-seconds as without"
check_contains "$TMP/co-out" "2	10" "coroutines: values through yield and wrap"
check_contains "$TMP/co-out" "false	cannot resume dead coroutine" "coroutines: a dead coroutine"
check_contains "$TMP/co-out" "false	$TMP/co.lua:4: boom" "coroutines: an error in wrap"
check_contains "$TMP/co-out" "(thread expected, got number)" "coroutines: resume of a number"
timed 2000 "petlua.load in a loop (its C file loop checks the deadline)" \
    -e 'while true do petlua.load("data", {quiet = true}) end'
# A C function that never returns to Lua is ended by the timer, a second later.
timed 3000 "a pattern that backtracks in C" -e 'print(string.rep("a", 50000):find(".-.-.-.-.-b"))'
run $T "$PETLUA" --sandbox --max-seconds 5 -e 'print("quick")'
check_status 0 "a quick script under --max-seconds ends normally"
check_contains "$TMP/out" "quick" "quick script: output"

# petlua's own writers: CSV and SVG, inside allowed, outside refused, "-" allowed.
sandboxed "petlua.csv.write('$TMP/allowed/t.csv', {{a = 1}})
           petlua.chart.svg('$TMP/allowed/c.svg', {rows = {{label = 'x', value = 1}}})
           petlua.csv.write('-', {{a = 'to stdout'}})"
check_status 0 "CSV and SVG writers under --allow-write"
[ -s "$TMP/allowed/t.csv" ] && [ -s "$TMP/allowed/c.svg" ] && ok "CSV and SVG files written" ||
    not_ok "CSV and SVG files written" "$(ls "$TMP/allowed")"
check_contains "$TMP/out" "to stdout" "CSV to - (stdout) allowed"
refused "petlua.csv.write outside" "petlua.csv.write('$TMP/x.csv', {{a = 1}})" \
    "writing '$TMP/x.csv' is not allowed in --sandbox: $TOP/x.csv is outside the --allow-write folders"
refused "petlua.csv.writer outside" "petlua.csv.writer('$TMP/allowed/../x.csv', {'a'})" \
    "$TOP/x.csv is outside the --allow-write folders"
refused "petlua.chart.svg outside" "petlua.chart.svg('$TMP/allowed/dirlink/x.svg', {rows = {{label = 'x', value = 1}}})" \
    "$ELSE/x.svg is outside the --allow-write folders"
[ ! -e "$TMP/x.csv" ] && [ ! -e "$TMP/elsewhere/x.svg" ] && [ -z "$(ls "$TMP/elsewhere")" ] &&
    ok "the writers left nothing outside" || not_ok "the writers left nothing outside" "$(ls "$TMP" "$TMP/elsewhere")"

# A shipped script runs the same under --sandbox: same CSV, chart written.
run $T "$PETLUA" scripts/response_times.lua --data data --out "$TMP/plain.csv"
run $T "$PETLUA" --sandbox --allow-write "$TMP/allowed" --max-seconds 20 scripts/response_times.lua \
    --data data --out "$TMP/allowed/rt.csv" --chart "$TMP/allowed/rt.svg"
check_status 0 "response_times under --sandbox"
check_same "$TMP/allowed/rt.csv" "$TMP/plain.csv" "response_times: the same CSV as without --sandbox"
[ -s "$TMP/allowed/rt.svg" ] && ok "response_times: its chart written" || not_ok "response_times: its chart written"
run $T "$PETLUA" --sandbox --allow-write "$TMP/allowed" scripts/response_times.lua --data data --out "$TMP/rt.csv"
check_status 1 "response_times --out outside the allowed folder"
check_contains "$TMP/err" "writing '$TMP/rt.csv' is not allowed in --sandbox" "response_times outside: message"
[ ! -e "$TMP/rt.csv" ] && ok "response_times outside: nothing written" || not_ok "response_times outside: nothing written"

# ---- the checks cannot be turned off or gone around from Lua ------------------
echo keep >"$TMP/victim2.txt"
# The write check reads no string method and no metatable a script can change.
refused "io.open with string.find replaced" \
    "string.find = function() return nil end; getmetatable('').__index = {}
     io.open('$TMP/victim2.txt', 'w')" "is outside the --allow-write folders"
refused "io.open with the string metatable's __index replaced" \
    "getmetatable('').__index = function() return function() end end
     io.open('$TMP/victim2.txt', 'a+')" "is outside the --allow-write folders"
# io.output opens a number as a file name: checked too, from any folder.
refused "io.output(number)" "io.output(7)" "is outside the --allow-write folders"
refused "io.output of a file the script opened for reading, through /proc/self/fd" \
    "local r = assert(io.open('$TMP/victim2.txt', 'r'))
     assert(lfs.chdir('/proc/self/fd'))
     for fd = 0, 40 do local ok, err = pcall(io.output, fd)
       if ok then error('fd ' .. fd .. ' opened for writing') end
       if not err:find('not allowed in --sandbox', 1, true) then error(err) end end
     io.output(3)" "is not allowed in --sandbox: it is a symbolic link to"
refused "/proc/self/mem" "io.open('/proc/self/mem', 'r+')" "/mem is outside the --allow-write folders"
refused "/proc/self/fd/N of a file outside" \
    "local r = assert(io.open('$TMP/victim2.txt'))
     for name in lfs.dir('/proc/self/fd') do
       local a = lfs.symlinkattributes('/proc/self/fd/' .. name)
       if a and a.target == '$TOP/victim2.txt' then io.open('/proc/self/fd/' .. name, 'w') end
     end
     error('no descriptor found')" "it is a symbolic link to $TOP/victim2.txt, outside the --allow-write folders"
echo inside >"$TMP/allowed/fd.txt"
sandboxed "local r = assert(io.open('$TMP/allowed/fd.txt'))
           for name in lfs.dir('/proc/self/fd') do
             local a = lfs.symlinkattributes('/proc/self/fd/' .. name)
             if a and a.target == '$TOP/allowed/fd.txt' then
               assert(io.open('/proc/self/fd/' .. name, 'w')):write('rewritten'):close() end
           end"
check_status 0 "/proc/self/fd/N of a file inside the allowed folder may be written"
[ "$(cat "$TMP/allowed/fd.txt")" = rewritten ] && ok "/proc/self/fd/N: judged by the file it names" ||
    not_ok "/proc/self/fd/N: judged by the file it names" "$(cat "$TMP/allowed/fd.txt")"
# io.input (and io.lines) open for reading only.
sandboxed "io.input('$TMP/victim2.txt'); print(io.input():write('x'))"
check_contains "$TMP/out" "Bad file descriptor" "a file opened by io.input cannot be written"
# An allowed folder whose name is a prefix of another's allows only itself.
mkdir -p "$TMP/allowedX"
refused "a folder whose name starts with the allowed folder's" "io.open('$TMP/allowedX/x.txt', 'w')" \
    "$TOP/allowedX/x.txt is outside the --allow-write folders"
[ "$(cat "$TMP/victim2.txt")" = keep ] && [ -z "$(ls "$TMP/allowedX")" ] &&
    ok "the attempts above wrote nothing" || not_ok "the attempts above wrote nothing" "$(cat "$TMP/victim2.txt")"
# debug.getinfo hands out no function (it would give the originals of the
# checked functions to a __gc that runs inside them).
sandboxed 'local i = debug.getinfo(1); local j = debug.getinfo(1, "f")
           print(i.func, j.func, debug.getinfo(print, "S").what, debug.getinfo(coroutine.running(), 1, "f").func)'
check_status 0 "debug.getinfo still answers"
check_contains "$TMP/out" "nil	nil	C	nil" "debug.getinfo never returns a function"

# ---- the deadline always fires, and says so once -------------------------------
# A resume that fails before the coroutine runs (too many arguments for its
# stack) leaves nothing pointing at the coroutine once it is collected.
timed 1800 "a loop after a failed resume of a collected coroutine" -e '
    local co = coroutine.create(function() end)
    local t = {} for i = 1, 600000 do t[i] = i end
    pcall(coroutine.resume, co, table.unpack(t))
    co, t = nil, nil; collectgarbage(); collectgarbage()
    while true do end'
[ "$(grep -c 'script stopped after' "$TMP/err")" -eq 1 ] && ok "the stop is reported once" ||
    not_ok "the stop is reported once" "$(cat "$TMP/err")"
timed 1800 "Lua code with hooks off (an xpcall message handler)" \
    -e 'xpcall(error, function() while true do end end)'
if [ -n "${ASAN_OPTIONS:-}" ]; then
    skip "memory filled, then a loop with hooks off" "AddressSanitizer cannot map its shadow memory under ulimit -v"
elif [ -z "${VALGRIND:-}" ]; then
    # the memory is filled first, so that nothing can be allocated at the deadline
    t0=$(date +%s%N)
    run $T sh -c 'ulimit -v 160000; exec "$1" --sandbox --max-seconds 1 -e "
        local t = {}
        pcall(function() while true do t[#t + 1] = string.rep(\"x\", 1e5) .. #t end end)
        xpcall(error, function() while true do end end)"' sh "$PETLUA"
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    check_status 1 "memory filled, then a loop with hooks off"
    [ "$ms" -lt 2500 ] && ok "memory filled: stopped in ${ms} ms" ||
        not_ok "memory filled: stopped in time" "took ${ms} ms"
else
    skip "memory filled, then a loop with hooks off" "valgrind cannot run under ulimit -v"
fi
