-- petlua.repl: what Tab completes and how the REPL prints values.
local T = dofile("tests/lua/harness.lua")
local repl = require "petlua.repl"

local function complete(text)
  local found, typed = repl.complete(text)
  return {found = found, typed = typed}
end

T.cases("completion", {
  {"pri", {found = {"print"}, typed = 3}},
  {"x = tostr", {found = {"tostring"}, typed = 5}},
  {"whi", {found = {"while"}, typed = 3}},
  {"string.up", {found = {"upper"}, typed = 2}},
  {"petlua.lo", {found = {"load"}, typed = 2}},
  {"petlua.st", {found = {"stats"}, typed = 2}},
  {"petlua.s", {found = {"select", "set", "show", "stats"}, typed = 1}},
  {"(\"x\"):up", {found = {}, typed = 0}, name = "a method of a literal is not guessed"},
  {"math.nosuch.x", {found = {}, typed = 0}},
  {"3.1", {found = {}, typed = 0}, name = "a number is not a field"},
  {"a:b.c", {found = {}, typed = 0}},
}, function(c) T.eq(complete(c[1]), c[2]) end)

T.case("completion of methods through the metatable's __index", function()
  _G.test_set = petlua.set{}
  local c = complete("test_set:fil")
  _G.test_set = nil
  T.eq(c, {found = {"filter"}, typed = 3})
end)

T.case("completion after ':' lists functions only; '__' names only when asked", function()
  local mt = {__index = {go = function() end, speed = 3}}
  _G.test_obj = setmetatable({}, mt)
  local a = complete("test_obj:")
  local b = complete("test_obj.")
  _G.test_obj = nil
  T.eq(a, {found = {"go"}, typed = 0})
  T.eq(b, {found = {"go", "speed"}, typed = 0})
end)

T.cases("Tab: what to insert, or the list to show", {
  {"petlua.lo", "ad", nil},
  {"petlua.se", "", "select  set"},
  {"coroutine.is", "yieldable", nil},
  {"string.for", "mat", nil},
}, function(c)
  local insert, listing = repl.tab(c[1], 80)
  T.eq({insert, listing}, {c[2], c[3]})
end)

T.case("Tab with nothing to complete", function()
  T.eq(repl.tab("zzzqqq", 80), nil)
end)

T.case("the candidates in columns", function()
  T.eq(repl.columns({"a", "bb", "ccc", "dddd", "e"}, 12), "a     dddd\nbb    e\nccc")
end)

T.cases("values", {
  {"plain", "plain"},
  {42, "42"},
  {1.5, "1.5"},
  {true, "true"},
  {{}, "{}"},
  {{1, 2, "z"}, '{1, 2, "z"}'},
  {{10, 20, 30, 40, 50, 60}, "{10, 20, 30,\n 40, 50, 60}", width = 14, name = "a list wraps at the width"},
  {{id = "e-1", topic = "Health", n = 3}, "id    = e-1\ntopic = Health\nn     = 3"},
  {{a = {1, 2}, b = {x = 1}, c = {{}}}, "a = {1, 2}\nb = {x = 1}\nc = {{}}"},
  {{{a = 1, b = "x"}, {a = 22, b = "y"}}, " a  b\n--  -\n 1  x\n22  y\n(2 rows)"},
}, function(c) T.eq(repl.format(c[1], c.width or 80), c[2]) end)

T.case("a long list: its first max_items items and the count", function()
  local t = {}
  for i = 1, 150 do t[i] = i % 10 end
  local saved = repl.max_items
  repl.max_items = 5
  local text = repl.format(t, 80)
  repl.max_items = saved
  T.eq(text, "{1, 2, 3, 4, 5, … (150 items)")
end)

T.case("a long field line is cut to the width", function()
  T.eq(repl.format({text = ("word "):rep(40)}, 20), "text = word word wo…")
end)

T.case("several values: side by side when scalars, on lines when tables", function()
  T.eq(repl.format_values(80, 1, "a", nil), "1\ta\tnil")
  T.eq(repl.format_values(80, {1}, 2), "{1}\nsecond value: 2")
  -- rows printed as a table, then a count: the count on a line of its own, labelled
  local rows = setmetatable({{key = "a", n = 1}}, {__tostring = function() return "rows" end})
  local got = repl.format_values(80, rows, 3)
  T.eq(got:sub(-16), "\nsecond value: 3")
end)

T.case("a value with __tostring prints through it", function()
  local v = setmetatable({}, {__tostring = function() return "<thing>" end})
  T.eq(repl.format(v, 80), "<thing>")
end)

---------------------------------------------------------------------------
-- The values after the first, labelled

local records = petlua.set{
  {id = "1", sponsor_caucus = "Liberal", response_days = 40},
  {id = "2", sponsor_caucus = "Liberal"},
  {id = "3", response_days = 50},
}

T.cases("the results of a call, its extra results labelled", {
  {'s:count_by("sponsor_caucus")', {records:count_by("sponsor_caucus")},
   "key      n\n-------  -\nLiberal  2\n(1 row)\n1 (second value: records with no sponsor_caucus)"},
  {"s:count_by('sponsor_caucus');", {records:count_by("sponsor_caucus")},
   "key      n\n-------  -\nLiberal  2\n(1 row)\n1 (second value: records with no sponsor_caucus)",
   name = "single quotes, a final ;"},
  {'s:count_by(function(r) return r.kind end)', {records:count_by(function(r) return r.kind end)},
   "petlua set: 0 records\n3 (second value: records with no key)"},
  {'s:column("response_days")', {records:column("response_days")},
   "{40, 50}\n1 (second value: records with no response_days)"},
  {'petlua.stats.median(s, "response_days")', {petlua.stats.median(records, "response_days")},
   "45.0\n1 (second value: missing values, skipped)", name = "scalars too, for a known call"},
  {'s:group_by("sponsor_caucus")', {select(2, records:group_by("sponsor_caucus"))},
   "id  response_days\n--  -------------\n3              50\n(1 row)", name = "one value: no label"},
  {'petlua.csv.read("x.csv")', {{{a = "1"}}, {"a"}}, 'a\n-\n1\n(1 row)\nsecond value:\n{"a"}',
   name = "a table after a table: a label line above it"},
  {"f()", {{{a = 1}}, 1, 2}, "a\n-\n1\n(1 row)\nsecond value: 1\nthird value: 2",
   name = "an unknown call: the value's place"},
  {"f()", {1, "a", false}, "1\ta\tfalse", name = "scalars of an unknown call: side by side, as lua prints"},
  {"n = 1", {3}, "3"},
}, function(c)
  T.eq(repl.format_results(80, c[1], table.unpack(c[2], 1, #c[2])), c[3])
end)

---------------------------------------------------------------------------
-- help, exit, quit, ?name

-- What fn prints with io.write, and what it returns.
local function output_of(fn, ...)
  local path = os.tmpname()
  local saved = io.output()
  io.output(path)
  local ok, res = pcall(fn, ...)
  io.output():close()
  io.output(saved)
  local f = assert(io.open(path, "rb"))
  local text = f:read("a")
  f:close()
  os.remove(path)
  if not ok then error(res, 0) end
  return text, res
end

local help = require "petlua.help"

T.cases("the words typed alone at the prompt", {
  {"exit", "exit"}, {"quit", "exit"}, {"  exit  ", "exit"}, {"quit;", "exit"},
  {"help", "done"}, {" help ", "done"}, {"?petlua.load", "done"}, {"? set:filter", "done"}, {"?", "done"},
  {"exit()", nil, name = "exit() is Lua: a call"}, {"=help", nil}, {"(help)", nil}, {"help(petlua.load)", nil},
  {"x = exit", nil}, {"helpful", nil}, {"exit 3", nil},
}, function(c)
  local _, got = output_of(repl.command, c[1])
  T.eq(got, c[2])
end)

T.case("help prints the guide; ?name and help(name) the documentation", function()
  T.eq(output_of(repl.command, "help"), help.guide() .. "\n")
  T.eq(output_of(repl.command, "?"), help.guide() .. "\n")
  local doc = output_of(repl.command, "?petlua.load")
  T.eq(doc:find("paths: a file, a folder or a list of them", 1, true) ~= nil, true, doc)
  T.eq(output_of(repl.help, petlua.load), doc, "help(petlua.load) is ?petlua.load")
  T.eq(output_of(repl.help, "petlua.load"), doc)
  T.eq(output_of(repl.command, "?nosuch.thing"), "no function or value named 'nosuch.thing'\n")
end)

T.case("the guide fits 80 columns, and its examples run", function()
  local lfs = require "lfs"
  local dir = os.tmpname()
  os.remove(dir)
  assert(lfs.mkdir(dir))
  local here = lfs.currentdir()
  assert(lfs.link(here .. "/data", dir .. "/data", true))
  local env = setmetatable({}, {__index = _G})
  local ran = 0
  assert(lfs.chdir(dir))
  local ok, err = pcall(function()
    for line in (help.guide() .. "\n"):gmatch("(.-)\n") do
      T.eq(require("petlua.show").width(line) <= 80, true, line)
      -- an example: two spaces, code, then two spaces or more and what it does
      local code = line:match("^  (%S.-)%s%s+%S") or line:match("^  ([%a#].*[%)}])$")
      if code then
        local chunk = assert(load("return " .. code, "=guide", "t", env) or load(code, "=guide", "t", env))
        chunk()
        ran = ran + 1
      end
    end
  end)
  lfs.chdir(here)
  os.remove(dir .. "/health.csv")
  os.remove(dir .. "/data")
  lfs.rmdir(dir)
  if not ok then error(err, 0) end
  T.eq(ran, 7, "the seven examples")
end)

T.case("exit() and quit() raise the REPL's request to leave; help, exit, quit installed only where free", function()
  local ok, err = pcall(repl.exit)
  T.eq({ok, err}, {false, {exit = 0, repl_exit = true}})
  ok, err = pcall(repl.exit, 3)
  T.eq(err, {exit = 3, repl_exit = true})
  T.raises("bad argument #1 to 'exit' (status from 0 to 255 expected, got soon)", repl.exit, "soon")
  local mine = function() return "mine" end
  local env = {help = mine}
  repl.install(env)
  T.eq(env.help, mine, "a script's own help stays")
  T.eq(env.exit, repl.exit)
  T.eq(env.quit, repl.exit)
end)

T.case("documentation of Lua functions: the comment above the definition", function()
  local doc = help.doc("set:filter")
  T.eq(doc:match("^[^\n]*"), "set:filter(pred)")
  T.eq(doc:find("A new set of the records for which pred is true", 1, true) ~= nil, true, doc)
  T.eq(doc:find("set.lua:%d+%)$") ~= nil, true, "where it is defined")
  T.eq(help.doc("Set:filter"):find("A new set of the records", 1, true) ~= nil, true)
  T.eq(help.doc(petlua.set{}.filter), doc, "the function itself finds its name")
  T.eq(help.doc("stats.quantile"), help.doc("petlua.stats.quantile"), "petlua. may be left out")
  T.eq(help.doc("petlua.stats.quantile"):match("^[^\n]*"), "quantile(xs, p) or quantile(rows, field, p); p in [0, 1].")
  -- a function with no comment above it: its parameters, then its file's notes
  local median = help.doc("petlua.stats.median")
  T.eq(median:match("^[^\n]*"), "petlua.stats.median(list, field)")
  T.eq(median:find("petlua.stats — descriptive statistics", 1, true) ~= nil, true, median)
  -- read from the file when asked: a script's own functions too
  local path = os.tmpname() .. ".lua"
  local f = assert(io.open(path, "w"))
  f:write("local M = {}\n-- shout(s) -> s in capitals, and louder.\n-- Second line.\nfunction M.shout(s) return s:upper() end\nreturn M\n")
  f:close()
  local shout = dofile(path).shout
  T.eq(help.doc(shout), "shout(s) -> s in capitals, and louder.\n  Second line.\n  (" .. path .. ":4)")
  os.remove(path)
  T.eq(help.doc(shout), "this function: defined at " .. path .. ":4, which cannot be read")
end)

T.case("documentation of C functions, Lua's own, tables and other values", function()
  T.eq(help.doc("petlua.date.days"), "petlua.date.days(a, b) -> b - a in days, an integer (ISO dates; raises otherwise).")
  T.eq(help.doc(petlua.text.words):match("^[^\n]*"),
    "petlua.text.words(s, [{lang=, stop=, stem=, fold=}]) -> the words of s in order, lower case:")
  T.eq(help.doc("string.format"),
    "string.format: a function of Lua's standard library; see https://www.lua.org/manual/5.4/manual.html#pdf-string.format")
  T.eq(help.doc("print"), "print: a function of Lua itself; see https://www.lua.org/manual/5.4/manual.html#pdf-print")
  local stats = help.doc("petlua.stats")
  T.eq(stats:find("count, crosstab, histogram, max, mean, median", 1, true) ~= nil, true, stats)
  T.eq(help.doc("petlua.version"), string.format("petlua.version: a string, %q", petlua.version))
  T.eq({help.doc("no.such")}, {nil, "no function or value named 'no.such'"})
  T.eq({help.doc("2 + 2")}, {nil, "'2 + 2' is not a name: try ?petlua.load or ?set:filter"})
end)

T.case("every function written in C in petlua.date, petlua.text and petlua.csv is documented", function()
  local missing = {}
  for _, part in ipairs{"date", "text", "csv"} do
    for name, f in pairs(petlua[part]) do
      if type(f) == "function" and debug.getinfo(f, "S").what == "C" then
        local doc = help.doc("petlua." .. part .. "." .. name)
        if doc:find("without documentation", 1, true) then missing[#missing + 1] = part .. "." .. name end
      end
    end
  end
  table.sort(missing)
  T.eq(missing, {})
  -- and no entry names a function that is not there
  for name in pairs(help.C_DOCS) do
    T.eq(type(petlua[name:match("^petlua%.(%a+)")][name:match("([%w_]+)$")]), "function", name)
  end
end)
