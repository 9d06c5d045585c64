-- test_csv.lua — petlua.csv (read, rows, write, writer) and petlua.csvrec.
local T = dofile("tests/lua/harness.lua")
local csv = petlua.csv
local lfs = require "lfs"

local dir = os.tmpname()
os.remove(dir)
assert(lfs.mkdir(dir))
local function path(name) return dir .. "/" .. name end

local function spit(name, text)
  local f = assert(io.open(path(name), "wb"))
  f:write(text)
  f:close()
  return path(name)
end

local slurp = T.read_file

-- The names in the scratch folder, sorted: temporary files show up here.
local function listing()
  local names = {}
  for name in lfs.dir(dir) do
    if name ~= "." and name ~= ".." then names[#names + 1] = name end
  end
  table.sort(names)
  return names
end

local function clear()
  for _, name in ipairs(listing()) do os.remove(path(name)) end
end

-- ------------------------------------------------------------ read

T.case("read: rows keyed by header, header list, rows.columns", function()
  local p = spit("a.csv", "id,name,n\n1,\"Smith, J\",3\n2,,x\n")
  local rows, header = csv.read(p)
  T.eq(header, {"id", "name", "n"})
  T.eq(rows[1], {id = "1", name = "Smith, J", n = "3"})
  T.eq(rows[2], {id = "2", n = "x"})          -- an empty field is missing
  T.eq(#rows, 2)
  T.eq(rows.columns, {"id", "name", "n"})
end)

T.case("read: BOM, CRLF, quotes and line breaks inside fields", function()
  local p = spit("b.csv", "\239\187\191id,text\r\n1,\"say \"\"hi\"\"\r\nand go\"\r\n2,\"a,b\"\r\n")
  local rows, header = csv.read(p)
  T.eq(header, {"id", "text"})
  T.eq(rows, {columns = {"id", "text"}, {id = "1", text = "say \"hi\"\r\nand go"}, {id = "2", text = "a,b"}})
end)

T.cases("read: numbers=true", {
  {"12", 12}, {"-3", -3}, {"+4", 4}, {"1.5", 1.5}, {"1e3", 1000.0}, {".5", 0.5},
  {"2.", 2.0}, {"99999999999999999999", 1e20}, {"0x10", "0x10"}, {" 12", " 12"},
  {"12a", "12a"}, {"1e", "1e"}, {"-", "-"}, {"inf", "inf"}, {"nan", "nan"}, {"1,5", "1,5"},
}, function(c)
  local cell = c[1]:find(",") and ('"' .. c[1] .. '"') or c[1]
  local p = spit("n.csv", "v\n" .. cell .. "\n")
  local rows = csv.read(p, {numbers = true})
  T.eq(rows[1].v, c[2])
  T.eq(math.type(rows[1].v), math.type(c[2]))
end)

T.case("read: numbers off by default", function()
  local rows = csv.read(spit("n.csv", "v\n12\n"))
  T.eq(rows[1].v, "12")
end)

T.case("read: header=false gives arrays, empty fields kept as \"\"", function()
  local rows, header = csv.read(spit("c.csv", "a,,3\n\nx\n"), {header = false, numbers = true})
  T.eq(rows, {{"a", "", 3}, {"x"}})
  T.eq(header, nil)
end)

T.case("read: separators", function()
  T.eq(csv.read(spit("s.csv", "a;b\n1,5;\"x;y\"\n"), {sep = ";"}),
    {columns = {"a", "b"}, {a = "1,5", b = "x;y"}})
  T.eq(csv.read(spit("t.tsv", "a\tb\n1\t2\n"), {sep = "\t"}),
    {columns = {"a", "b"}, {a = "1", b = "2"}})
end)

T.case("read: empty file and header only", function()
  local rows, header = csv.read(spit("e.csv", ""))
  T.eq(#rows, 0)
  T.eq(header, {})
  rows, header = csv.read(spit("h.csv", "a,b\n"))
  T.eq(#rows, 0)
  T.eq(header, {"a", "b"})
end)

T.case("read: shorter rows leave fields missing", function()
  local rows = csv.read(spit("s.csv", "a,b,c\n1\n"))
  T.eq(rows[1], {a = "1"})
end)

T.cases("read: malformed input returns nil, file:line: message", {
  {name = "unclosed quote", text = "a,b\n1,2\n3,\"open\nmore\n", want = ":3: unclosed quote"},
  {name = "row too long", text = "a,b\n1,2\n\"x\ny\",2,3\n", want = ":3: row has 3 fields, header has 2"},
  {name = "text after closing quote", text = "a\n\"x\"y\n", want = ":2: text after a closing quote"},
  {name = "duplicate column", text = "a,b,a\n1,2,3\n", want = ":1: duplicate column name 'a'"},
}, function(c)
  local p = spit("bad.csv", c.text)
  local rows, err = csv.read(p)
  T.eq(rows, nil)
  T.eq(err, p .. c.want)
end)

T.case("read: a missing file returns nil, message", function()
  local rows, err = csv.read(path("none.csv"))
  T.eq(rows, nil)
  T.eq(err, path("none.csv") .. ": No such file or directory")
end)

T.case("read: misuse raises", function()
  T.raises("bad argument #1 to 'petlua.csv.read' (string expected, got no value)", csv.read)
  T.raises("bad argument #2 to 'petlua.csv.read' (option 'sep' must be one character, not a quote or line break)",
    csv.read, "x.csv", {sep = "ab"})
  T.raises("option 'sep' must be one character", csv.read, "x.csv", {sep = '"'})
  T.raises("option 'sep' must be one character", csv.read, "x.csv", {sep = "\0"})
  T.raises("option 'sep' must be one character", csv.read, "x.csv", {sep = "\n"})
  T.raises("bad argument #2 to 'petlua.csv.read' (unknown option 'seperator')", csv.read, "x.csv", {seperator = ";"})
  T.raises("bad argument #2 to 'petlua.csv.read' (option 'header' must be a boolean, got string)",
    csv.read, "x.csv", {header = "yes"})
  T.raises("bad argument #2 to 'petlua.csv.read' (table expected, got string)", csv.read, "x.csv", ";")
end)

-- ------------------------------------------------------------ rows

T.case("rows: one row at a time with its line; header from the reader", function()
  local p = spit("r.csv", "id,t\n1,\"two\nlines\"\n\n2,x\n")
  local got = {}
  local it, reader = csv.rows(p, {numbers = true})
  T.eq(reader:header(), {"id", "t"})
  for row, line in it, reader, nil, reader do
    got[#got + 1] = {row.id, row.t, line}
  end
  T.eq(got, {{1, "two\nlines", 2}, {2, "x", 5}})
  T.eq(tostring(reader), "petlua.CsvReader (closed)")
end)

T.case("rows: breaking out of the loop closes the file", function()
  local p = spit("r.csv", "a\n1\n2\n3\n")
  local it, reader = csv.rows(p)
  T.eq(tostring(reader), "petlua.CsvReader (" .. p .. ")")
  for row in it, reader, nil, reader do
    if row.a == "1" then break end
  end
  T.eq(tostring(reader), "petlua.CsvReader (closed)")
end)

T.case("rows: malformed input raises file:line after the good rows", function()
  local p = spit("r.csv", "a\n1\n2\n\"3\n")
  local seen = {}
  local ok, err = pcall(function()
    for row in csv.rows(p) do seen[#seen + 1] = row.a end
  end)
  T.eq(ok, false)
  T.eq(err, p .. ":4: unclosed quote")
  T.eq(seen, {"1", "2"})
end)

T.case("rows: a missing file raises", function()
  T.raises(path("none.csv") .. ": No such file or directory", csv.rows, path("none.csv"))
end)

T.case("rows: header=false gives arrays", function()
  local got = {}
  for row in csv.rows(spit("r.csv", "a,b\nc\n"), {header = false}) do got[#got + 1] = row end
  T.eq(got, {{"a", "b"}, {"c"}})
end)

-- ------------------------------------------------------------ write

T.cases("write: columns and values", {
  {name = "union of keys, sorted", rows = {{b = 1, a = "x"}, {c = true}},
   want = "a,b,c\nx,1,\n,,true\n"},
  {name = "opts.columns", rows = {{b = 1, a = "x"}}, opts = {columns = {"b", "a"}},
   want = "b,a\n1,x\n"},
  {name = "rows.columns", rows = {columns = {"z", "a"}, {a = 1, z = 2}}, want = "z,a\n2,1\n"},
  {name = "no header line", rows = {{a = 1}}, opts = {header = false}, want = "1\n"},
  {name = "CRLF", rows = {{a = 1}}, opts = {crlf = true}, want = "a\r\n1\r\n"},
  {name = "separator", rows = {{a = "x;y", b = "1,2"}}, opts = {sep = ";"}, want = "a;b\n\"x;y\";1,2\n"},
  {name = "numbers", rows = {{a = 3, b = 2.5, c = 1 / 3, d = 1e20, e = 3.0, f = -0.0, g = math.mininteger}},
   want = "a,b,c,d,e,f,g\n3,2.5,0.33333333333333,1e+20,3,-0,-9223372036854775808\n"},
  {name = "booleans", rows = {{a = true, b = false}}, want = "a,b\ntrue,false\n"},
  {name = "quoting", rows = {{a = 'say "hi"', b = "l1\nl2", c = "cr\r", d = " sp "}},
   want = 'a,b,c,d\n"say ""hi""","l1\nl2","cr\r", sp \n'},
  {name = "one empty field", rows = {{a = "x"}, {}}, opts = {columns = {"a"}}, want = 'a\nx\n""\n'},
  {name = "arrays by position", rows = {{"a", "b"}, {"c"}}, want = "a,b\nc,\n"},
  {name = "no rows", rows = {}, want = ""},
}, function(c)
  clear()
  T.eq(csv.write(path("w.csv"), c.rows, c.opts), true)
  T.eq(slurp(path("w.csv")), c.want)
  T.eq(listing(), {"w.csv"})
end)

T.case("write then read gives the same values back", function()
  local rows = {
    {id = "1", text = 'quote " comma , semicolon ;', note = "line\nbreak"},
    {id = "2", text = "accents: éàüœ — “curly”", note = "crlf\r\ninside"},
    {id = "3", text = " leading and trailing spaces "},
  }
  csv.write(path("rt.csv"), rows)
  local back = csv.read(path("rt.csv"))
  back.columns = nil
  T.eq(back, rows)
end)

T.cases("write: a value that cannot be written raises, naming file, row and column", {
  {value = {}, type = "table"}, {value = print, type = "function"},
  {value = coroutine.create(print), type = "thread"},
}, function(c)
  local p = path("v.csv")
  T.raises(p .. ": row 2, column 'b': cannot write a " .. c.type .. " value",
    csv.write, p, {{a = 1, b = 2}, {a = 1, b = c.value}})
end)

T.case("write: a failed write leaves the old file untouched and no temporary file", function()
  clear()
  local p = spit("keep.csv", "old\n")
  local rows = {}
  for i = 1, 50000 do rows[i] = {a = i, b = string.rep("x", 20)} end
  rows[40000].b = {}                             -- past the first buffers
  T.raises(p .. ": row 40000, column 'b': cannot write a table value", csv.write, p, rows)
  T.eq(slurp(p), "old\n")
  T.eq(listing(), {"keep.csv"})
  T.raises("bad argument #2 to 'petlua.csv.write' (row 2 must be a table, got string)", csv.write, p, {{a = 1}, "x"})
  T.eq(slurp(p), "old\n")
  T.eq(listing(), {"keep.csv"})
end)

T.case("write: /dev/full raises, and stays a device", function()
  T.raises("cannot write '/dev/full' (No space left on device)", csv.write, "/dev/full", {{a = 1}})
  T.eq(lfs.attributes("/dev/full", "mode"), "char device")
end)

T.case("write: a file that cannot be opened raises", function()
  T.raises("cannot write '" .. path("no/x.csv") .. "' (No such file or directory)",
    csv.write, path("no/x.csv"), {{a = 1}})
  T.raises("cannot write '" .. dir .. "' (Is a directory)", csv.write, dir, {{a = 1}})
end)

T.case("write: misuse raises", function()
  T.raises("bad argument #2 to 'petlua.csv.write' (table expected, got no value)", csv.write, path("x.csv"))
  T.raises("bad argument #3 to 'petlua.csv.write' (unknown option 'colums')", csv.write, path("x.csv"), {}, {colums = {}})
  T.raises("bad argument #3 to 'petlua.csv.write' (column 2 must be a string, got number)",
    csv.write, path("x.csv"), {}, {columns = {"a", 2}})
  T.raises("bad argument #3 to 'petlua.csv.write' (no columns)", csv.write, path("x.csv"), {}, {columns = {}})
end)

-- ------------------------------------------------------------ writer

T.case("writer: rows, close, tostring", function()
  clear()
  local w = csv.writer(path("w.csv"), {"id", "v"})
  T.eq(tostring(w), "petlua.CsvWriter (" .. path("w.csv") .. ")")
  w:write{id = 1, v = "a,b"}
  w:write{id = 2}
  T.eq(listing()[1] ~= "w.csv", true)            -- only the temporary file so far
  T.eq(w:close(), true)
  T.eq(w:close(), true)                          -- twice is harmless
  T.eq(tostring(w), "petlua.CsvWriter (closed)")
  T.eq(slurp(path("w.csv")), 'id,v\n1,"a,b"\n2,\n')
  T.eq(listing(), {"w.csv"})
  T.raises("attempt to use a closed petlua.CsvWriter", w.write, w, {id = 3})
end)

T.case("writer: a bad value raises and leaves no half row", function()
  local w = csv.writer(path("w.csv"), {"a", "b"}, {crlf = true, header = false})
  T.raises(path("w.csv") .. ": row 1, column 'b': cannot write a table value", w.write, w, {a = 1, b = {}})
  w:write{a = 1, b = 2}
  w:close()
  T.eq(slurp(path("w.csv")), "1,2\r\n")
end)

T.case("writer: garbage-collected without close() is discarded", function()
  clear()
  spit("g.csv", "old\n")
  local w = csv.writer(path("g.csv"), {"a"})
  w:write{a = 1}
  w = nil
  collectgarbage()
  collectgarbage()
  T.eq(slurp(path("g.csv")), "old\n")
  T.eq(listing(), {"g.csv"})
end)

T.case("writer: <close> commits on normal exit, discards on error", function()
  clear()
  do
    local w <close> = csv.writer(path("c.csv"), {"a"})
    w:write{a = "new"}
  end
  T.eq(slurp(path("c.csv")), "a\nnew\n")
  local ok = pcall(function()
    local w <close> = csv.writer(path("c.csv"), {"a"})
    w:write{a = "newer"}
    error("stop")
  end)
  T.eq(ok, false)
  T.eq(slurp(path("c.csv")), "a\nnew\n")
  T.eq(listing(), {"c.csv"})
end)

T.case("writer: /dev/full raises at close", function()
  local w = csv.writer("/dev/full", {"a"})
  w:write{a = 1}
  T.raises("cannot write '/dev/full' (No space left on device)", w.close, w)
  T.eq(tostring(w), "petlua.CsvWriter (closed)")
end)

T.case("writer: misuse raises", function()
  T.raises("bad argument #2 to 'petlua.csv.writer' (table expected, got no value)", csv.writer, path("x.csv"))
  T.raises("bad argument #2 to 'petlua.csv.writer' (no columns)", csv.writer, path("x.csv"), {})
  T.raises("bad argument #2 to 'petlua.csv.writer' (column 1 must be a string, got number)", csv.writer, path("x.csv"), {1})
  T.raises("bad argument #3 to 'petlua.csv.writer' (unknown option 'columns')", csv.writer, path("x.csv"), {"a"}, {columns = {}})
  local w = csv.writer(path("x.csv"), {"a"})
  T.raises("bad argument #1 to 'write' (table expected, got number)", function() w:write(5) end)
  w:close()
end)

T.case("versions", function()
  T.eq(csv.versions(), {"libcsv 3.0.3"})
end)

-- ------------------------------------------------------------ streaming

T.case("rows: 200k rows streamed in little memory", function()
  local p = path("big.csv")
  local w = csv.writer(p, {"id", "name", "text"})
  for i = 1, 200000 do
    w:write{id = i, name = "name " .. i, text = i % 7 == 0 and "two\nlines" or "plain, text"}
  end
  w:close()
  T.eq(lfs.attributes(p, "size") > 5000000, true)
  collectgarbage()
  local base, peak, n, sum, last_line = collectgarbage("count"), 0, 0, 0, 0
  for row, line in csv.rows(p, {numbers = true}) do
    n = n + 1
    sum = sum + row.id
    last_line = line
    if n % 1000 == 0 then peak = math.max(peak, collectgarbage("count") - base) end
  end
  T.eq(n, 200000)
  T.eq(sum, 200000 * 200001 // 2)
  T.eq(last_line, 200001 + 200000 // 7)
  print("# peak Lua memory while streaming: " .. math.floor(peak) .. " KB")
  if peak > 4096 then error(string.format("Lua memory grew by %.0f KB while streaming", peak)) end
  os.remove(p)
end)

-- ------------------------------------------------------------ csvrec

local csvrec = require "petlua.csvrec"

T.case("csvrec: SCHEMA_COLUMNS", function()
  T.eq(csvrec.SCHEMA_COLUMNS, {
    "id", "url", "kind", "parliament_of", "topic", "lang", "original_language", "initiator", "initiator_city",
    "initiator_province", "addressee", "grievances", "prayer", "text", "keywords",
    "responders", "signers", "signatures_printed", "response_departments", "responder", "department", "signed_by", "response_text",
    "opened_at", "closed_at", "opened", "closed", "presented", "petition_no", "parliament",
    "session", "presenter", "presenter_riding", "sponsor", "sponsor_riding", "sponsor_caucus",
    "sponsor_province", "response_tabled", "sessional_paper", "signatures",
    "signatures_by_province", "state", "rejection", "topics", "response_threshold_reached",
    "debate_threshold_reached", "debated_on", "debate_outcome", "parliament_dissolved",
    "signatures_by_country", "signatures_by_region", "signatures_by_constituency",
    "status", "response_days", "late", "overdue", "source"})
  -- every schema field but responses has its column, in schema order
  local schema, cols = require "petlua.schema", {}
  for _, c in ipairs(csvrec.SCHEMA_COLUMNS) do
    if c ~= "responders" and c ~= "signers" and c ~= "signatures_printed" and c ~= "response_departments" then
      cols[#cols + 1] = c
    end
  end
  local names = {}
  for _, n in ipairs(schema.names) do if n ~= "responses" then names[#names + 1] = n end end
  T.eq(cols, names)
end)

-- A file is a CSV of records when its header starts with id,url,kind or
-- names every schema column: petlua.load reads it as records (in C), and
-- reads anything else as a page.
T.cases("load: a CSV of records is known by its header", {
  {"id,url,kind,topic", true}, {"\239\187\191id,url,kind\r\n", true, name = "BOM and CRLF"},
  {'"id","url","kind"', true},
  {table.concat(csvrec.SCHEMA_COLUMNS, ","), true},
  {table.concat(csvrec.SCHEMA_COLUMNS, ","):gsub("^id,url,", "url,id,"), true, name = "every column, another order"},
  {"url,id,kind", false}, {"id,topic", false},
}, function(c)
  local p = spit("header.csv", c[1] .. "\ne-1,x,y\n")
  local set = petlua.load(p, {quiet = true})
  T.eq(#set == 1 and #set.errors == 0, c[2], "read as records")
end)

local full = {
  id = "e-2559", url = "https://www.ourcommons.ca/petitions/en/Petition/Details?Petition=e-2559",
  kind = "e-petition", topic = "Foreign affairs", lang = "en", original_language = "English",
  initiator = "Conita Chan", initiator_city = "Calgary", initiator_province = "Alberta",
  addressee = "Government of Canada",
  grievances = {"Canadians are \"concerned\", deeply", "second, with é"},
  prayer = "We, the undersigned, call upon the Government to:\n1. Apply the law;\n2. Ban it.",
  text = "Petition to the Government of Canada\nWe, the undersigned ...",
  keywords = {"China", "Hong Kong"},
  responses = {
    {responder = "Minister of Foreign Affairs", department = "Foreign Affairs", signed_by = "Rob Oliphant",
     signature = "Rob Oliphant", text = "1. Canada is judicious.\nOn March 22, 2021, ..."},
    {responder = "Minister of Public Safety", department = "Public Safety", signed_by = "Pam Damoff",
     signature = "The Honourable Pam Damoff, M.P.", text = "Second answer."},
  },
  responder = "Minister of Foreign Affairs", department = "Foreign Affairs", signed_by = "Rob Oliphant",
  response_text = "1. Canada is judicious.\nOn March 22, 2021, ...\n\nSecond answer.",
  opened_at = "2020-06-10T09:06", closed_at = "2020-10-08T09:06",
  opened = "2020-06-10", closed = "2020-10-08", presented = "2021-04-21",
  petition_no = "432-00840", parliament = 43, session = 2,
  presenter = "Stephanie Kusie", presenter_riding = "Calgary Midnapore",
  sponsor = "Stephanie Kusie", sponsor_riding = "Calgary Midnapore", sponsor_caucus = "Conservative",
  response_tabled = "2021-06-04", signatures = 1204,
  signatures_by_province = {Alberta = 1000, Quebec = 200, ["Northwest Territories"] = 4},
  status = "responded", response_days = 44, late = false, overdue = false,
  source = "data/e-2559.txt",
}
local sparse = {id = "441-09002", kind = "paper", late = true}
local no_text = {
  id = "e-9", responses = {{responder = "A", text = "first"}, {responder = "B"}, {signed_by = "C", text = "third"}},
  responder = "A", response_text = "first\n\nthird",
}

T.case("csvrec: write_set, then petlua.load gives the same records, types included", function()
  local set = petlua.set{full, sparse, no_text}
  T.eq(set:to_csv(path("rec.csv")), true)
  local back = petlua.load(path("rec.csv"), {quiet = true})
  T.eq(back.errors, {})
  -- in natural id order; a record that named no source gets the file's
  local want_sparse, want_no_text = {}, {}
  for k, v in pairs(sparse) do want_sparse[k] = v end
  for k, v in pairs(no_text) do want_no_text[k] = v end
  want_sparse.source, want_no_text.source = path("rec.csv"), path("rec.csv")
  T.eq({back[1], back[2], back[3]}, {want_no_text, full, want_sparse})
  T.eq(math.type(back[2].parliament), "integer")
end)

-- Each counts field its own cell and read back into its own field (the
-- reader once put every counts cell into signatures_by_province); the
-- constituency rows in their order, a code and an MP missing.
T.case("csvrec: the UK's counts and constituency rows, then petlua.load: each field its own", function()
  local uk = {id = "700001", parliament_of = "uk", state = "open", topics = {"health", "economy"},
              signatures_by_province = {Alberta = 1},
              signatures_by_country = {France = 40, ["United Kingdom"] = 12501},
              signatures_by_region = {Wales = 990, London = 3120},
              signatures_by_constituency = {
                {name = "Edinburgh East and Musselburgh", code = "S14000110", mp = "Chris Murray MP",
                 signatures = 310},
                {name = "Cardiff East", signatures = 0},
                {name = "Belfast South and Mid Down", code = "N05000003", signatures = 98}}}
  local only_country = {id = "700002", parliament_of = "uk", signatures_by_country = {Spain = 9}}
  T.eq(petlua.set{uk, only_country}:to_csv(path("uk.csv")), true)
  local back = petlua.load(path("uk.csv"), {quiet = true})
  T.eq(back.errors, {})
  for _, rec in ipairs{uk, only_country} do rec.source = path("uk.csv") end
  T.eq({back[1], back[2]}, {uk, only_country})
  local rows = csv.read(path("uk.csv"))
  T.eq({rows[1].signatures_by_province, rows[1].signatures_by_country, rows[1].signatures_by_region},
       {"Alberta=1", "France=40\nUnited Kingdom=12501", "London=3120\nWales=990"})
  T.eq(rows[1].signatures_by_constituency,
       "Edinburgh East and Musselburgh\tS14000110\tChris Murray MP\t310\nCardiff East\t\t\t0\n"
       .. "Belfast South and Mid Down\tN05000003\t\t98")
  T.eq({rows[2].signatures_by_province, rows[2].signatures_by_region}, {nil, nil})
end)

T.case("csvrec: the cells of a record", function()
  csvrec.write_set({full}, path("rec.csv"), {"grievances", "responders", "signatures_printed",
    "response_text", "signatures_by_province", "late", "parliament"})
  T.eq(slurp(path("rec.csv")),
    "grievances,responders,signatures_printed,response_text,signatures_by_province,late,parliament\n"
    .. '"Canadians are ""concerned"", deeply\nsecond, with é",'
    .. '"Minister of Foreign Affairs\nMinister of Public Safety",'
    .. '"Rob Oliphant\nThe Honourable Pam Damoff, M.P.",'
    .. '"1. Canada is judicious.\nOn March 22, 2021, ...\n\nSecond answer.",'
    .. '"Alberta=1000\nNorthwest Territories=4\nQuebec=200",false,43\n')
end)

T.case("load: bad values of a CSV of records are reported with their line, the record kept", function()
  local p = spit("bad.csv", "id,url,kind,parliament,late,signatures_by_province\n"
    .. "e-1,,,4x,true,\n,,,43,,\ne-2,,,43,maybe,\"Alberta=3\nQuebec\"\n")
  local set = petlua.load(p, {quiet = true})
  -- a file without a parliament_of column was written before the UK: Canada's
  T.eq({set[1], set[2]}, {{id = "e-1", parliament_of = "ca", late = true, source = p},
                          {id = "e-2", parliament_of = "ca", parliament = 43, source = p}})
  T.eq(set.errors, {
    {file = p, line = 2, message = 'column parliament: not an integer: "4x"'},
    {file = p, line = 3, message = "no id: row skipped"},
    {file = p, line = 4, message = 'column late: not true or false: "maybe"'},
    {file = p, line = 4, message = 'column signatures_by_province: not a Name=N line: "Quebec"'},
  })
end)

T.case("load: list cells with CRLF line breaks (a file saved on Windows) read the same", function()
  local p = spit("crlf.csv", "id,url,kind,keywords,signatures_by_province\r\n"
    .. "e-1,,,\"Health\r\nSeniors\",\"Alberta=3\r\nQuebec=4\"\r\ne-2,,,\"One\nTwo\",\r\n")
  local set = petlua.load(p, {quiet = true})
  T.eq(set.errors, {})
  T.eq({set[1], set[2]}, {
    {id = "e-1", parliament_of = "ca", keywords = {"Health", "Seniors"},
     signatures_by_province = {Alberta = 3, Quebec = 4}, source = p},
    {id = "e-2", parliament_of = "ca", keywords = {"One", "Two"}, source = p}})
end)

T.case("load: a CSV of records that is malformed is reported with its line", function()
  local p = spit("broken.csv", "id,url,kind\n\"e-1\n")
  local set = petlua.load(p, {quiet = true})
  T.eq(#set, 0)
  T.eq(set.errors, {{file = p, line = 2, message = "unclosed quote"}})
end)

T.case("csvrec: records with values the C writer leaves to Lua are written by the same rules", function()
  -- a record with a metatable, a list holding a number, a count that is a
  -- float, a response field that is a number: cell() writes them, in order
  -- with the records around them
  local set = {
    {id = "e-1", keywords = {"x", "y"}, signatures_by_province = {Quebec = 2, Alberta = 1},
     responses = {{signature = "S", text = "t1"}, {text = "t2"}}},
    setmetatable({}, {__index = {id = "e-2", keywords = {"k"}}}),
    {id = "e-3", keywords = {"a", 5}, signatures_by_province = {Alberta = 1.5},
     responses = {{signature = 12, text = ""}}},
    {id = "e-4", responses = {}, response_text = "kept"},
  }
  set[1].signatures_by_constituency = {{name = "Bath", code = "E1", mp = "A B", signatures = 12},
    {name = "York", signatures = 3}}
  set[3].signatures_by_constituency = {{name = "Bath", signatures = 2.5}}
  csvrec.write_set(set, path("mixed.csv"), {"id", "keywords", "signatures_by_province",
    "signatures_printed", "response_text", "signatures_by_constituency"})
  T.eq(slurp(path("mixed.csv")),
    "id,keywords,signatures_by_province,signatures_printed,response_text,signatures_by_constituency\n"
    .. 'e-1,"x\ny","Alberta=1\nQuebec=2","S\n","t1\n\nt2","Bath\tE1\tA B\t12\nYork\t\t\t3"\n'
    .. "e-2,k,,,,\n"
    .. 'e-3,"a\n5",Alberta=1.5,12,,Bath\t\t\t2.5\n'
    .. "e-4,,,,kept,\n")
end)

T.case("csvrec: a value that cannot be written raises, the file untouched", function()
  clear()
  local p = spit("keep.csv", "old\n")
  T.raises(p .. ": record 2 (e-2), column 'keywords': ",
    csvrec.write_set, {full, {id = "e-2", keywords = {"a", {}}}}, p)
  T.eq(slurp(p), "old\n")
  T.eq(listing(), {"keep.csv"})
end)

clear()
lfs.rmdir(dir)
