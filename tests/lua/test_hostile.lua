-- test_hostile.lua — hostile strings and files through the parsers reachable
-- from Lua: each gives nil and an exact message (or a result), never a crash.
-- The file-system cases (links, FIFOs, huge files) are in tests/e2e/test_hostile.sh.
local T = dofile("tests/lua/harness.lua")

-- petlua.parse: a text that is not a page is an expected failure, named.
T.cases("parse refuses", {
  {name = "empty", "", "x.txt", "x.txt: empty file"},
  {name = "empty, no name", "", nil, "(text): empty file"},
  {name = "a BOM alone", "\239\187\191", "bom.txt", "bom.txt: not a petition page: no title line (ID (Topic))"},
  {name = "NUL bytes only", string.rep("\0", 100), "nul.txt", "nul.txt: not a petition page: no title line (ID (Topic))"},
  {name = "a 1 MB line", string.rep("x", 1 << 20), "long.txt", "long.txt: not a petition page: no title line (ID (Topic))"},
  {name = "invalid UTF-8 only", string.rep("\255\254\192", 50), "bad.txt", "bad.txt: not a petition page: no title line (ID (Topic))"},
  {name = "a title alone", "e-9999 (Health)\n", "t.txt", "t.txt:1: not a petition page: a title line but no other landmark"},
  {name = "a title alone, CRLF and BOM", "\239\187\191e-9999 (Health)\r\n", "t.txt",
   "t.txt:1: not a petition page: a title line but no other landmark"},
}, function(row)
  local rec, err = petlua.parse(row[1], row[2])
  T.eq(rec, nil, "no record")
  T.eq(err, row[3], "message")
end)

T.case("parse: misuse raises", function()
  T.raises("bad argument #1 to 'parse' (string expected, got nil)", petlua.parse, nil)
end)

T.case("parse: an HTML list numbered past the integers renders", function()
  -- fuzz_html found a signed overflow here (tests/regress/html/ol-start-overflow.html)
  local html = '<html><body><ol start="99999999999999999999"><li>a</li><li>b</li></ol></body></html>'
  local rec, err = petlua.parse(html, "h.html")
  T.eq(rec, nil, "not a page")
  T.eq(err, "h.html: not a petition page: no title line (ID (Topic))", "message")
end)

T.case("parse: invalid UTF-8 inside a page becomes U+FFFD, fields stay valid", function()
  local page = assert(io.open("data/e-2559.txt", "rb")):read("a")
  page = page:gsub("Conita Chan", "Conita\255Chan"):gsub("Foreign affairs", "Foreign \192\175affairs")
  local rec = assert(petlua.parse(page, "bad.txt"))
  T.eq(rec.id, "e-2559")
  T.eq(utf8.len(rec.initiator) ~= nil, true, "initiator is valid UTF-8")
  T.eq(utf8.len(rec.topic) ~= nil, true, "topic is valid UTF-8")
  T.eq(rec.presented, "2021-04-21", "later landmarks still read")
end)

-- Dates and text: bad bytes are a failure or U+FFFD, never a crash.
T.case("date.parse: bytes that are not a date", function()
  local d, err = petlua.date.parse("\255\254")
  T.eq(d, nil)
  T.eq(err, 'not a date: "\255\254"')
  d, err = petlua.date.parse(string.rep("9", 1000))
  T.eq(d, nil)
  T.eq(err, 'not a date: "' .. string.rep("9", 60) .. '..."')
end)

T.case("text: invalid UTF-8 becomes U+FFFD and never a word", function()
  T.eq(petlua.text.normalize("a\255b"), "a\239\191\189b")
  T.eq(#petlua.text.words(string.rep("\255", 100)), 0)
end)

-- CSV files: an expected failure names file:line.
local temp_file = T.temp_file

T.cases("csv.read refuses", {
  {name = "unclosed quote", 'a,b\n"x,1\n2,3\n', ":2: unclosed quote"},
  {name = "a row wider than the header", "a,b\n1,2,3\n", ":2: row has 3 fields, header has 2"},
}, function(row)
  local path = temp_file(row[1])
  local rows, err = petlua.csv.read(path)
  os.remove(path)
  T.eq(rows, nil)
  T.eq(err, path .. row[2])
end)

T.case("csv.rows raises on an unclosed quote, naming file:line", function()
  local path = temp_file('a,b\n1,2\n"x,1\n2,3\n')
  local ok, err = pcall(function() for _ in petlua.csv.rows(path) do end end)
  os.remove(path)
  T.eq(ok, false)
  T.eq(err, path .. ":3: unclosed quote")
end)

T.case("csv.read of an empty file: no rows", function()
  local path = temp_file("")
  local rows, header = petlua.csv.read(path)
  os.remove(path)
  T.eq(#rows, 0, "rows")
  T.eq(#header, 0, "header")
end)

-- The C API functions a script can reach through require: hostile tables give
-- an error or a result, never a read or write of freed or foreign memory
-- (these were seen under valgrind; run `make check-valgrind`).
local page = require "petlua.page"

T.case("page.load reads the list's length once, without __len", function()
  local calls = 0
  local paths = setmetatable({"data/e-2559.txt"}, {__len = function()
    calls = calls + 1
    return calls == 1 and 50 or 1
  end})
  local records = page.load(paths, {as_of = "2024-01-01"})
  T.eq(#records, 1, "one record for one path")
  T.eq(records[1].id, "e-2559")
  T.eq(calls, 0, "__len never asked")
end)

T.case("page.load: a number as opts.lang is refused (its string would not outlive the check)", function()
  T.raises("option 'lang' must be a string", page.load, {"data/e-2559.txt"}, {lang = 5})
end)

T.case("csv writer: a row whose __index closes the writer raises, nothing is written", function()
  local path = os.tmpname()
  local w = petlua.csv.writer(path, {"a", "b"})
  local row = setmetatable({}, {__index = function() w:close(); return "x" end})
  T.raises("was closed while a row was read", w.write, w, row)
  T.eq(T.read_file(path), "a,b\n", "the header only (the writer was closed by the row)")
  os.remove(path)
end)

-- One table of labels serves recognition and cut labels: every status label
-- cut short on a page's last line is a cut, not a line to warn about.
T.cases("parse: a status label cut short on the last line is no warning", {
  {"Ouverte aux sign"}, {"Fermée aux signa"}, {"Ouverte pour sig"}, {"Closed for sig"},
  {"Réponse du gouvernement dépos"},
}, function(row)
  local page = T.read_file("data/e-2559.txt"):gsub("Disclaimer regarding petitions.*$", "")
  local rec, warnings = petlua.parse(page .. "\n" .. row[1], "cut.txt")
  T.eq(rec.id, "e-2559")
  T.eq(warnings, nil, "no warning")
end)
