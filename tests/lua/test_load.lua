-- test_load.lua — petlua.load, petlua.parse, petlua.select and petlua.page:
-- finding files, what is skipped and reported, merging the two language pages
-- of a petition, natural order, as_of, strict mode, limits, odd files.
local T = dofile("tests/lua/harness.lua")
local page = require "petlua.page"
local lfs = require "lfs"

local EX = "made-up/examples/"
local PETLUA = os.getenv("PETLUA") or arg[-1]

-- A scratch folder, removed at the end.
local tmp = os.tmpname()
os.remove(tmp)
assert(lfs.mkdir(tmp))

local read = T.read_file

local function write(path, content)
  local f = assert(io.open(path, "wb"))
  f:write(content)
  f:close()
end

local function mkdirs(path)
  local at = ""
  for part in path:gmatch("[^/]+") do
    at = at == "" and (path:sub(1, 1) == "/" and "/" .. part or part) or at .. "/" .. part
    lfs.mkdir(at)
  end
end

-- A fresh folder under tmp holding files: {["a/b.txt"] = content, ...}.
local function tree(name, files)
  local root = tmp .. "/" .. name
  mkdirs(root)
  for rel, content in pairs(files) do
    local path = root .. "/" .. rel
    mkdirs(path:match("^(.*)/[^/]*$"))
    write(path, content)
  end
  return root
end

local function ids(set)
  local out = {}
  for i, r in ipairs(set) do out[i] = r.id end
  return out
end

local function sh(cmd)
  local ok = os.execute(cmd)
  assert(ok, "command failed: " .. cmd)
end

local quiet = {quiet = true}

T.case("load: folders walked recursively, hidden entries and README/LICENSE skipped", function()
  local root = tree("walk", {
    ["en-e-9101.txt"] = read(EX .. "en-e-9101.txt"),
    ["sub/deeper/fr-441-09007.txt"] = read(EX .. "fr-441-09007.txt"),
    ["x.txt/en-441-09002.txt"] = read(EX .. "en-441-09002.txt"), -- a folder named like a file
    [".hidden/en-e-9103.txt"] = read(EX .. "en-e-9103.txt"),
    ["sub/.en-e-9104.txt"] = read(EX .. "en-e-9104.txt"),
    ["README.md"] = "Notes about this folder.\n",
    ["LICENSE"] = "Do what you like.\n",
    ["sub/readme.txt"] = "more notes\n",
  })
  local set = petlua.load(root, quiet)
  T.eq(ids(set), {"e-9101", "441-09002", "441-09007"})
  T.eq(set.errors, {})
  T.eq(set[2].source, root .. "/x.txt/en-441-09002.txt")
  T.eq(set[3].source, root .. "/sub/deeper/fr-441-09007.txt")
  T.eq(getmetatable(set), petlua.Set)
end)

T.case("load: a list of paths, files and folders mixed; a file named directly is read", function()
  local set = petlua.load({EX .. "fr-e-9106.txt", tmp .. "/walk/sub"}, quiet)
  T.eq(ids(set), {"e-9106", "441-09007"})
end)

T.case("load: files that are not pages are named in set.errors, nothing is lost silently", function()
  local root = tree("bad", {
    ["good.txt"] = read(EX .. "en-e-9105.txt"),
    ["notes.txt"] = "Some notes about petitions\nnothing more\n",
    ["title-only.txt"] = "e-9999 (Health)\n",
    ["empty.txt"] = "",
    ["junk.bin"] = "\0\1\2\3\255\254binary\0junk\n\0",
  })
  local set = petlua.load(root, quiet)
  T.eq(ids(set), {"e-9105"})
  local by_file = {}
  for _, e in ipairs(set.errors) do by_file[e.file:match("[^/]+$")] = e end
  T.eq(#set.errors, 4)
  T.eq(by_file["empty.txt"], {file = root .. "/empty.txt", line = 0, message = "empty file"})
  local NO_TITLE = "not a petition page: no title line (ID (Topic))"
  T.eq(by_file["notes.txt"], {file = root .. "/notes.txt", line = 0, message = NO_TITLE})
  T.eq(by_file["junk.bin"], {file = root .. "/junk.bin", line = 0, message = NO_TITLE})
  T.eq(by_file["title-only.txt"], {file = root .. "/title-only.txt", line = 1,
    message = "not a petition page: a title line but no other landmark"})
  -- errors come in the order the files were met (sorted names)
  local order = {}
  for i, e in ipairs(set.errors) do order[i] = e.file:match("[^/]+$") end
  T.eq(order, {"empty.txt", "junk.bin", "notes.txt", "title-only.txt"})
end)

T.case("load: the summary line on stderr when files were skipped", function()
  local cmd = string.format("%s -e 'petlua.load(%q)' 2>&1", PETLUA, tmp .. "/bad")
  local p = assert(io.popen(cmd))
  local out = p:read("a")
  p:close()
  T.eq(out, "petlua: loaded 1 petition from 5 files; 4 files skipped:\n"
    .. "  " .. tmp .. "/bad/empty.txt: empty file\n"
    .. "  " .. tmp .. "/bad/junk.bin: not a petition page: no title line (ID (Topic))\n"
    .. "  " .. tmp .. "/bad/notes.txt: not a petition page: no title line (ID (Topic))\n"
    .. "  " .. tmp .. "/bad/title-only.txt:1: not a petition page: a title line but no other landmark\n")
  -- nothing when every file loaded
  p = assert(io.popen(string.format("%s -e 'petlua.load(%q)' 2>&1", PETLUA, tmp .. "/walk")))
  out = p:read("a")
  p:close()
  T.eq(out, "")
end)

T.case("load: strict mode raises on the first bad file, naming it", function()
  T.raises(tmp .. "/bad/empty.txt: empty file", petlua.load, tmp .. "/bad", {strict = true})
  local ok = pcall(petlua.load, tmp .. "/walk", {strict = true})
  T.eq(ok, true)
end)

T.case("load: the collector, paused while loading, is as it was after", function()
  T.eq(collectgarbage("isrunning"), true)
  petlua.load(tmp .. "/walk")
  T.eq(collectgarbage("isrunning"), true)
  pcall(petlua.load, tmp .. "/bad", {strict = true}) -- raises mid-load
  T.eq(collectgarbage("isrunning"), true)
  collectgarbage("stop")
  petlua.load(tmp .. "/walk")
  T.eq(collectgarbage("isrunning"), false)
  collectgarbage("restart")
end)

T.case("load: after a load, the next cycle waits for as much again, then collects", function()
  collectgarbage()
  local set = petlua.load(EX, quiet)
  local after = collectgarbage("count")
  -- garbage made right after the load is not collected at once ...
  for _ = 1, 100 do local _ = {} end
  T.eq(collectgarbage("count") >= after, true)
  -- ... but it is once a few times the heap has been allocated
  local peak = 0
  for _ = 1, 40 do
    local junk = {}
    for i = 1, math.ceil(after * 3) do junk[i] = {i} end -- about a quarter of the heap
    peak = math.max(peak, collectgarbage("count"))
  end
  T.eq(peak < after * 6, true)
  T.eq(#set > 0, true) -- the records stay alive throughout
end)

T.case("load: max_bytes refuses a larger page without reading it", function()
  local root = tree("big", {
    ["big.txt"] = read(EX .. "en-e-9105.txt") .. string.rep("padding line\n", 300),
    ["small.txt"] = read(EX .. "en-e-9101.txt"),
  })
  local size = lfs.attributes(root .. "/big.txt", "size")
  T.eq(size, 737 + 3900)
  local set = petlua.load(root, {quiet = true, max_bytes = 2048})
  T.eq(ids(set), {"e-9101"})
  T.eq(set.errors, {{file = root .. "/big.txt", line = 0,
    message = "file is larger than the limit of 2 KB (4.5 KB)"}})
  set = petlua.load(root, {quiet = true, max_bytes = 100})
  T.eq(set.errors[1].message, "file is larger than the limit of 100 bytes (4.5 KB)")
  -- the default limit is 16 MB: both load
  T.eq(#petlua.load(root, quiet), 2)
end)

T.case("load: a named pipe does not hang and is reported", function()
  local root = tree("fifo", {["page.txt"] = read(EX .. "en-e-9101.txt")})
  sh(string.format("mkfifo %q", root .. "/pipe"))
  local set = petlua.load(root, quiet)
  T.eq(ids(set), {"e-9101"})
  T.eq(set.errors, {{file = root .. "/pipe", line = 0, message = "not a regular file (a named pipe)"}})
  -- named directly, too
  set = petlua.load(root .. "/pipe", quiet)
  T.eq(set.errors[1].message, "not a regular file (a named pipe)")
end)

T.case("load: a symbolic link to a folder is followed once, a loop is reported, never walked", function()
  local root = tree("links", {
    ["pages/en-e-9101.txt"] = read(EX .. "en-e-9101.txt"),
    ["other/fr-e-9106.txt"] = read(EX .. "fr-e-9106.txt"),
  })
  sh(string.format("ln -s .. %q", root .. "/pages/up"))           -- a loop
  sh(string.format("ln -s ../other %q", root .. "/pages/other"))  -- a link to a folder
  sh(string.format("ln -s ../pages/en-e-9101.txt %q", root .. "/other/copy.txt")) -- to a file
  sh(string.format("ln -s nowhere.txt %q", root .. "/pages/dangling.txt"))
  local set = petlua.load(root, quiet)
  T.eq(ids(set), {"e-9101", "e-9106"})
  T.eq(set.errors, {
    {file = root .. "/pages/dangling.txt", line = 0, message = "dangling symbolic link (to nowhere.txt)"},
    {file = root .. "/pages/up", line = 0, message = "symbolic link loop: the folder is already being walked"},
  })
  -- through the link to the folder, the link to the file is a second copy:
  -- one record, from the first file met
  T.eq(set[1].source, root .. "/other/copy.txt")
end)

T.case("load: a device is not read", function()
  local set = petlua.load("/dev/null", quiet)
  T.eq(set.errors, {{file = "/dev/null", line = 0, message = "not a regular file (a device)"}})
end)

T.case("load: without paths, the data folder (-d)", function()
  local p = assert(io.popen(string.format("%s -q -d %s -e 'io.write(#petlua.load())' 2>&1", PETLUA, EX)))
  local out = p:read("a")
  p:close()
  T.eq(out, "11")
end)

T.case("load: a missing path is an error, not a raise", function()
  local set = petlua.load(tmp .. "/no-such-file.txt", quiet)
  T.eq(#set, 0)
  T.eq(set.errors, {{file = tmp .. "/no-such-file.txt", line = 0,
    message = "cannot open: No such file or directory"}})
end)

T.case("load: misuse raises", function()
  T.raises("bad argument #1 to 'load' (path or list of paths expected, got number)", petlua.load, 42)
  T.raises("bad argument #1 to 'load' (item 2 is a boolean, not a path)", petlua.load, {"a", true})
  T.raises("bad option 'lang' to 'load' (\"en\" or \"fr\" expected, got de)", petlua.load, EX, {lang = "de"})
  T.raises("bad option 'as_of' to 'load' (" .. select(2, petlua.date.parse("soon")) .. ")",
    petlua.load, EX, {as_of = "soon", quiet = true})
  T.raises("bad option 'as_of' to 'parse'", petlua.parse, "text", "name", {as_of = "2024-02-30"})
end)

-- ---------------------------------------------------------------- merging

T.case("load: the English and French pages of a petition are one record; lang picks the winner", function()
  local root = tree("pair", {
    ["en-e-9101.txt"] = read(EX .. "en-e-9101.txt"),
    ["fr-e-9101.txt"] = read(EX .. "fr-e-9101.txt"),
  })
  local en = petlua.load(root, quiet)
  T.eq(#en, 1)
  T.eq(en[1].lang, "en")
  T.eq(en[1].topic, "Transportation")
  T.eq(en[1].source, root .. "/en-e-9101.txt")
  local fr = petlua.load(root, {quiet = true, lang = "fr"})
  T.eq(#fr, 1)
  T.eq(fr[1].lang, "fr")
  T.eq(fr[1].topic, "Transportation")               -- the site's category, in English
  T.eq(fr[1].source, root .. "/fr-e-9101.txt")
  T.eq(fr[1].responder, "ministre des Transports")  -- as printed
  T.eq({en[1].department, fr[1].department}, {"Transport", "Transport"})
end)

T.case("load: the winner takes the language-free fields it lacks from the other page", function()
  -- an English page cut before its status block, and the full French page
  local en = read(EX .. "en-e-9101.txt")
  en = en:sub(1, en:find("Open for signature", 1, true) - 1)
  local root = tree("fill", {["en.txt"] = en, ["fr.txt"] = read(EX .. "fr-e-9101.txt")})
  local r = petlua.load(root, {quiet = true, as_of = "2025-01-01"})[1]
  T.eq(r.lang, "en")
  T.eq(r.topic, "Transportation")                  -- language-bound: kept
  T.eq(r.addressee, "Minister of Transport")
  T.eq(r.responder, "Minister of Transport")
  T.eq(r.opened_at, "2024-01-09T11:15")             -- filled from the French page
  T.eq(r.closed, "2024-05-08")
  T.eq(r.presented, "2024-06-03")
  T.eq(r.petition_no, "441-09013")
  T.eq(r.parliament, 44)
  T.eq(r.session, 1)
  T.eq(r.presenter, "Robin Sample")
  T.eq(r.presenter_riding, "Regina—Wascana")
  T.eq(r.sponsor, "Robin Sample")
  T.eq(r.sponsor_caucus, "Conservative")
  T.eq(r.sponsor_province, "Saskatchewan")
  T.eq(r.response_tabled, "2024-07-18")
  T.eq(r.status, "responded")                       -- worked out again after filling
  T.eq(r.response_days, 45)
  T.eq(r.late, false)
  T.eq(r.overdue, false)
  T.eq(r.source, root .. "/en.txt")
  -- French wins: nothing to fill, and nothing of the English text leaks in
  local f = petlua.load(root, {quiet = true, lang = "fr"})[1]
  T.eq(f.topic, "Transportation")
  T.eq(f.addressee, "ministre des Transports")
end)

T.case("load: records in natural id order", function()
  local page = read(EX .. "en-e-9103.txt")
  local paper = read(EX .. "en-441-09002.txt")
  local function with_id(text, old, new) return (text:gsub(old, new, 1)) end
  local root = tree("order", {
    ["a.txt"] = with_id(paper, "441%-09002", "441-00001"),
    ["b.txt"] = with_id(page, "e%-9103", "e-10"),
    ["c.txt"] = with_id(paper, "441%-09002", "432-00840"),
    ["d.txt"] = with_id(page, "e%-9103", "e-2"),
    ["e.txt"] = with_id(paper, "441%-09002", "441-00010"),
    ["f.txt"] = with_id(paper, "441%-09002", "441-00002"),
  })
  T.eq(ids(petlua.load(root, quiet)), {"e-2", "e-10", "432-00840", "441-00001", "441-00002", "441-00010"})
end)

T.case("load: natural order: ties in the order met, long numbers, ids of no known form last", function()
  local page = read(EX .. "en-e-9103.txt")
  local root = tree("order2", {
    ["a.txt"] = (page:gsub("e%-9103", "e-1", 1)),
    ["b.txt"] = (page:gsub("e%-9103", "e-2", 1)),
    ["c.txt"] = (page:gsub("e%-9103", "e-02", 1)),
    ["d.txt"] = (page:gsub("e%-9103", "e-3", 1)),
  })
  local set = petlua.load(root, quiet)
  T.eq(ids(set), {"e-1", "e-2", "e-02", "e-3"})
  -- ids no page has, through a CSV file: rows met in this order
  set[1].id, set[4].id = "e-12345678901", "b-7"
  mkdirs(tmp .. "/order3")
  set:to_csv(tmp .. "/order3/all.csv")
  T.eq(ids(petlua.load(tmp .. "/order3", quiet)), {"e-2", "e-02", "e-12345678901", "b-7"})
end)

-- ---------------------------------------------------------------- as_of

T.case("load: as_of decides open/closed and overdue", function()
  -- e-9103: closes 2022-12-30, never presented
  local r = petlua.load(EX .. "en-e-9103.txt", {quiet = true, as_of = "2022-10-01"})[1]
  T.eq(r.status, "open")
  r = petlua.load(EX .. "en-e-9103.txt", {quiet = true, as_of = "2023-01-15"})[1]
  T.eq(r.status, "closed")
  -- e-9105: presented 2023-11-20, no response: overdue after 45 days
  r = petlua.load(EX .. "en-e-9105.txt", {quiet = true, as_of = "2024-01-04"})[1]
  T.eq({r.status, r.overdue, r.response_days, r.late}, {"presented", false, nil, nil})
  r = petlua.load(EX .. "en-e-9105.txt", {quiet = true, as_of = "2024-01-05"})[1]
  T.eq({r.status, r.overdue}, {"presented", true})
  -- a response settles it whatever the day
  r = petlua.load(EX .. "en-e-9101.txt", {quiet = true, as_of = "2030-01-01"})[1]
  T.eq({r.status, r.overdue, r.response_days, r.late}, {"responded", false, 45, false})
end)

-- ---------------------------------------------------------------- records

T.case("load: a record has the schema's fields and types", function()
  local r = petlua.load(EX .. "en-e-9105.txt", {quiet = true, as_of = "2024-06-01"})[1]
  T.eq(r.signatures_by_province, {Alberta = 120, ["British Columbia"] = 310, Ontario = 1204,
                                  Quebec = 98, Yukon = 3})
  T.eq(math.type(r.signatures), "integer")
  T.eq(r.signatures, 1735)
  T.eq(r.keywords, {"Foreign policy", "Humanitarian assistance"})
  T.eq(math.type(r.parliament), "integer")
  T.eq(r.responses, nil)
  T.eq(r.responder, nil)
  local schema = require "petlua.schema"
  for k, v in pairs(r) do
    T.eq(schema.type_of[k] ~= nil, true, "not a schema field: " .. tostring(k))
    T.eq(v ~= "" and v ~= false or k == "late" or k == "overdue", true, k .. " is empty")
  end
  local p = petlua.load(EX .. "en-441-09002.txt", quiet)[1]
  T.eq(#p.responses, 2)
  T.eq(p.responses[1], {responder = "Minister of Health", department = "Health", signed_by = "Dana Fictive",
                        signature = "DANA FICTIVE, M.P.",
                        text = "Health care delivery is a provincial and territorial responsibility. "
                            .. "The federal government supports the provinces through the Canada Health Transfer."})
  T.eq(p.responder, "Minister of Health")
  T.eq(p.signed_by, "Dana Fictive")
  T.eq(p.response_text, p.responses[1].text .. "\n\n" .. p.responses[2].text)
end)

T.case("load: warnings name the file and line", function()
  local text = read(EX .. "en-e-9101.txt"):gsub("Presented to", "A line nobody expects\nPresented to", 1)
  local root = tree("warn", {["w.txt"] = text})
  local set = petlua.load(root, quiet)
  T.eq(#set, 1)
  local found
  for _, w in ipairs(set.warnings) do
    if w.text == "A line nobody expects" then found = w end
  end
  T.eq(found, {file = root .. "/w.txt", line = 32, text = "A line nobody expects"})
end)

-- ---------------------------------------------------------------- parse

T.case("parse: a page from a string", function()
  local r, warnings = petlua.parse(read(EX .. "en-e-9104.txt"), "e-9104.txt", {as_of = "2024-01-01"})
  T.eq(r.id, "e-9104")
  T.eq(r.source, "e-9104.txt")
  T.eq(r.status, "responded")
  T.eq(type(warnings == nil or warnings), "boolean")
  r = petlua.parse(read(EX .. "en-e-9104.txt"))
  T.eq(r.source, nil)
  T.eq(r.id, "e-9104")
end)

T.case("parse: not a page gives nil and NAME:LINE: message", function()
  local r, msg = petlua.parse("", "empty.txt")
  T.eq({r, msg}, {nil, "empty.txt: empty file"})
  T.eq({petlua.parse("e-9999 (Health)\n", "t.txt")},
       {nil, "t.txt:1: not a petition page: a title line but no other landmark"})
  T.eq({petlua.parse("e-9999 (Health)\n")},
       {nil, "(text):1: not a petition page: a title line but no other landmark"})
  T.eq({petlua.parse("Dear MP,\nplease act.\n", "letter.txt")},
       {nil, "letter.txt: not a petition page: no title line (ID (Topic))"})
  T.raises("bad argument #1 to 'parse' (string expected, got nil)", petlua.parse)
end)

-- ---------------------------------------------------------------- select

T.case("select: dates and parliament", function()
  local all = petlua.select{data = EX, quiet = true}
  T.eq(#all, 11)  -- 12 files, e-9101 in both languages
  local s = petlua.select{data = EX, since = "2023-10-01", ["until"] = "2024-02-12", quiet = true}
  -- presented 2023-11-20, 2023-10-09 and 2024-02-12 (the last day, inclusive);
  -- e-9111 was presented on 2023-09-18, e-9101 on 2024-06-03
  T.eq(ids(s), {"e-9105", "441-09007", "441-09012"})
  s = petlua.select{data = EX, since = "2024-02-13", quiet = true}
  T.eq(ids(s), {"e-9101"})
  -- e-9108 was never presented: its parliament comes from its "42nd Parliament" line
  local p42 = petlua.select{data = EX, parliament = 42, quiet = true}
  T.eq(ids(p42), {"e-9104", "e-9106", "e-9108"})
  T.eq(petlua.select{data = EX, parliament = 44, lang = "fr", quiet = true}[1].lang, "fr")
end)

-- ---------------------------------------------------------------- page

T.case("page.load: threads or not, the same results in the same order", function()
  local paths = {}
  for name in lfs.dir(EX) do
    if name:sub(1, 1) ~= "." then paths[#paths + 1] = EX .. name end
  end
  table.sort(paths)
  paths[#paths + 1] = tmp .. "/bad/notes.txt"
  local text = read(EX .. "en-e-9101.txt"):gsub("Presented to", "A line nobody expects\nPresented to", 1)
  paths[#paths + 1] = tree("warned", {["w.txt"] = text}) .. "/w.txt"
  paths[#paths + 1] = EX
  local one, one_problems, one_warnings = page.load(paths, {threads = 1, as_of = "2024-01-01"})
  local two, two_problems, two_warnings = page.load(paths, {threads = 2, as_of = "2024-01-01"})
  T.eq(one, two)
  T.eq(one_problems, two_problems)
  T.eq(one_warnings, two_warnings)
  T.eq(one_problems, {{index = #paths - 2, line = 0, message = "not a petition page: no title line (ID (Topic))"},
                      {index = #paths, line = 0, message = "not a regular file (a folder)"}})
  T.eq(one[1].id, "e-9101")                        -- natural id order
  T.eq(one[#one].id, "441-09012")
  -- w.txt repeats e-9101 after it: merged into it, its warning kept
  T.eq(one_warnings, {{index = #paths - 1, line = 32, text = "A line nobody expects"}})
end)

T.case("page.load: the records of one petition are one, the preferred language's winning", function()
  local fr = EX .. "fr-e-9101.txt"
  local text = read(EX .. "en-e-9101.txt"):gsub("Government response tabled\nJuly 18, 2024\n", "", 1)
  local en = tree("fold", {["en.txt"] = text}) .. "/en.txt"
  local alone = page.load({en}, {as_of = "2024-01-01"})[1]
  local french = page.load({fr}, {as_of = "2024-01-01"})[1]
  T.eq({alone.response_tabled, alone.response_days}, {nil, nil})
  for _, order in ipairs({{en, fr}, {fr, en}, {fr, en, fr}, {en, fr, en}}) do
    local r = page.load(order, {as_of = "2024-01-01"})
    T.eq(#r, 1, "one record")
    -- the English page wins; the French one fills its gap (a shared field)
    T.eq({r[1].lang, r[1].source}, {"en", en})
    T.eq({r[1].response_tabled, r[1].response_days, r[1].late}, {"2024-07-18", 45, false})
    r[1].response_tabled, r[1].response_days, r[1].late = nil, nil, nil
    T.eq(r[1], alone) -- nothing else taken from the French page
  end
  local r = page.load({en, fr}, {as_of = "2024-01-01", lang = "fr"})
  T.eq(r[1], french)   -- the French page had everything the English one had
end)

T.case("load: pages of one id merged in the order met, whatever the order of languages", function()
  local en = read(EX .. "en-e-9101.txt")
  local fr = read(EX .. "fr-e-9101.txt")
  local no_tabled = en:gsub("Government response tabled\nJuly 18, 2024\n", "", 1)
  local want = petlua.load(EX .. "en-e-9101.txt", {quiet = true, as_of = "2024-12-31"})[1]
  for _, names in ipairs({{"a.txt", "b.txt"}, {"b.txt", "a.txt"}}) do
    -- the English page without its tabled date, and the French page, in both orders
    local root = tree("merge-" .. names[1], {[names[1]] = no_tabled, [names[2]] = fr})
    local set = petlua.load(root, {quiet = true, as_of = "2024-12-31"})
    T.eq(#set, 1)
    local r = set[1]
    T.eq({r.lang, r.response_tabled, r.response_days, r.late}, {"en", "2024-07-18", 45, false})
    r.source, want.source = nil, nil
    T.eq(r, want, names[1])
  end
end)

T.case("page.load: files of several folders, in any order, read as one by one", function()
  local a = tree("folders-a", {["x.txt"] = read(EX .. "en-e-9101.txt"), ["y.txt"] = read(EX .. "en-e-9103.txt")})
  local b = tree("folders-b", {["x.txt"] = read(EX .. "fr-e-9106.txt")})
  local paths = {a .. "/x.txt", b .. "/x.txt", a .. "/y.txt", b .. "/gone.txt", a .. "//y.txt",
                 EX .. "en-e-9105.txt"}
  for _, threads in ipairs({1, 2}) do
    local all, problems = page.load(paths, {threads = threads, as_of = "2024-01-01"})
    T.eq(problems, {{index = 4, line = 0, message = "cannot open: No such file or directory"}})
    local ids, want = {}, {"e-9101", "e-9103", "e-9105", "e-9106"}
    for i, r in ipairs(all) do ids[i] = r.id end
    T.eq(ids, want)
    for _, path in ipairs({a .. "/x.txt", b .. "/x.txt", EX .. "en-e-9105.txt"}) do
      local alone = page.load({path}, {threads = 1, as_of = "2024-01-01"})[1]
      for _, r in ipairs(all) do
        if r.id == alone.id then T.eq(r, alone, path) end
      end
    end
  end
end)

T.case("page.load: a CSV file of records is read as records, another as a page", function()
  local root = tree("csv", {["r.csv"] = "id,url,kind\ne-1,,e-petition\n",
                            ["q.csv"] = '\239\187\191"id","url","kind"\n',
                            ["other.csv"] = "name,n\na,1\n"})
  local r, problems = page.load({root .. "/r.csv", root .. "/q.csv", root .. "/other.csv"})
  T.eq(r, {{id = "e-1", kind = "e-petition", parliament_of = "ca", source = root .. "/r.csv"}})
  T.eq(problems, {{index = 3, line = 0, message = "not a petition page: no title line (ID (Topic))"}})
end)

T.case("load: a CSV export loads back to the same records", function()
  local set = petlua.load(EX, {quiet = true, as_of = "2024-12-31"})
  local root = tree("export", {})
  set:to_csv(root .. "/all.csv")
  local back = petlua.load(root, {quiet = true})
  T.eq(back.errors, {})
  T.eq(#back, #set)
  for i = 1, #set do T.eq(back[i], set[i], set[i].id) end
  -- a row without an id is reported with its line (cells hold line breaks:
  -- the line of the file, not the row number)
  local csv = read(root .. "/all.csv")
  local _, lines = csv:gsub("\n", "")
  write(root .. "/all.csv", csv .. ",,,\n")
  back = petlua.load(root, {quiet = true})
  T.eq(#back, #set)
  T.eq(back.errors, {{file = root .. "/all.csv", line = lines + 1, message = "no id: row skipped"}})
end)

T.case("page.load: misuse raises", function()
  T.raises("table expected, got string", page.load, "a.txt")
  T.raises("item 1 is a number, not a path", page.load, {1})
  T.raises("bad option 'max_bytes' to 'load' (integer expected, got string)", page.load, {}, {max_bytes = "big"})
  T.raises("option 'lang' must be a string", page.load, {}, {lang = 5})
  T.raises("option 'progress' must be a function", page.load, {}, {progress = 1})
end)

T.case("page.load: progress is told of the files done", function()
  local paths = {}
  for i = 1, 4500 do paths[i] = EX .. "en-e-9101.txt" end
  local calls = {}
  page.load(paths, {progress = function(done, total) calls[#calls + 1] = done .. "/" .. total end})
  T.eq(calls, {"2000/4500", "4000/4500"})
end)

T.case("set.core.list_length: the largest positive integer key", function()
  local set_core = require "petlua.set.core"
  T.eq(set_core.list_length({}), 0)
  T.eq(set_core.list_length({1, 2, 3}), 3)
  T.eq(set_core.list_length({1, nil, 3}), 3)
  T.eq(set_core.list_length({nil, nil, nil, 4}), 4)
  T.eq(set_core.list_length({1, [9] = 9, x = 1, [2.5] = 1, [-3] = 1, [0] = 1}), 9)
  T.raises("table expected, got string", set_core.list_length, "x")
end)

T.case("page.versions, page.fields", function()
  T.eq(page.versions(), {"gumbo 0.10 (HTML5 parser)"})
  local fields, response_fields, columns = page.fields()
  T.eq({fields[1].name, fields[1].type, fields[1].share}, {"id", "string", "same"})
  T.eq(response_fields, {"responder", "department", "signed_by", "signature", "text"})
  T.eq(columns[16], "responders")
end)

os.execute(string.format("rm -rf %q", tmp))
