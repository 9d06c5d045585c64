-- test_sqlite.lua — set:to_sqlite and petlua.load of the database: the same
-- records, every field, types included, over data/, over the real pages
-- (data/real) on their own and over Canada's pages with the UK's JSON
-- (tests/mixed/uk); every field of the schema is compared with a value
-- somewhere; a database merged with pages as a CSV is; the tables against
-- the schema; records of the wrong shape; set:to_csv_tidy, cell by cell.
local T = dofile("tests/lua/harness.lua")
local schema = require "petlua.schema"
local tidy = require "petlua.tidy"

local AS_OF = "2024-06-30"
local dir = os.tmpname()
os.remove(dir)
assert(lfs.mkdir(dir))

local function names_in(folder)
  local out = {}
  for name in lfs.dir(folder) do
    if name ~= "." and name ~= ".." then out[#out + 1] = name end
  end
  table.sort(out)
  return out
end

-- The Canadian pages (real and made-up) and the UK's JSON in one load: the
-- made-up petitions and the real EU referendum petition (650 constituencies,
-- 221 countries).
local MIXED = {"data/e-2559.txt", "made-up/examples", "tests/mixed/uk",
               "tests/uk/petition-131215.2016-06-27.json"}

-- The fields some round trip compared with a value (not nil on both sides).
local compared = {}

-- One case per record: every field equal, integers, booleans, lists,
-- responses, counts and constituency rows alike, and nothing more.
local function round_trip(label, source)
  local original = petlua.load(source, {as_of = AS_OF, quiet = true})
  local db = dir .. "/" .. label .. ".db"
  T.case(label .. ": loads and is written", function()
    T.eq(#original > 0, true)
    T.eq(original:to_sqlite(db), true)
    T.eq(names_in(dir), {label .. ".db"})        -- no temporary file left
  end)
  local back = petlua.load(db, {as_of = AS_OF, quiet = true})
  T.case(label .. ": the database loads without errors", function()
    T.eq(back.errors, {})
    T.eq(#back, #original)
  end)
  for i, rec in ipairs(original) do
    T.case(label .. " round trip: " .. tostring(rec.id), function()
      local got = back[i] or {}
      for _, name in ipairs(schema.names) do
        T.eq(got[name], rec[name], rec.id .. "." .. name)
        if rec[name] ~= nil then compared[name] = true end
      end
      T.eq(got, rec, rec.id .. " (fields outside the schema)")
    end)
  end
  os.remove(db)
  return original
end

local data = round_trip("data", "data")
round_trip("real", "data/real")
local mixed = round_trip("mixed", MIXED)

T.case("the round trips compared every field of the schema with a value", function()
  local never = {}
  for _, name in ipairs(schema.names) do
    if not compared[name] then never[#never + 1] = name end
  end
  T.eq(never, {}, "fields no record of the round trips has (add a record that has them)")
end)

T.case("the tables: petitions has the scalar fields in schema order, each other field a table", function()
  local tables = tidy.tables()
  local names, scalar, want, unknown = {}, {}, {"petitions"}, {}
  for i, t in ipairs(tables) do names[i] = t.name end
  -- every kind of the schema is one or the other: a new kind fails here
  -- until the layout, and this test, know it
  local child = {list = true, responses = true, counts = true, constituencies = true}
  local column = {string = true, date = true, datetime = true, integer = true, boolean = true}
  for _, f in ipairs(schema.fields) do
    if child[f.type] then want[#want + 1] = f.name
    elseif column[f.type] then scalar[#scalar + 1] = f.name
    else unknown[#unknown + 1] = f.name .. " (" .. f.type .. ")" end
  end
  T.eq(unknown, {}, "fields of a kind the tables do not know")
  T.eq(names, want)
  T.eq(table.concat(names, " "):find("petitions grievances keywords responses signatures_by_province",
    1, true) ~= nil, true)
  local by_table = {}
  for _, t in ipairs(tables) do by_table[t.name] = t end
  local columns = {}
  for i, c in ipairs(tables[1].columns) do columns[i] = c.name end
  T.eq(columns, scalar)
  T.eq(tables[1].columns[1], {name = "id", type = "text", key = true, required = true})
  local by_name = {}
  for _, c in ipairs(tables[1].columns) do by_name[c.name] = c.type end
  T.eq({by_name.parliament, by_name.late, by_name.presented}, {"integer", "boolean", "text"})
  local r = {}
  for i, c in ipairs(by_table.responses.columns) do r[i] = c.name end
  T.eq(r, {"petition_id", "position", "responder", "department", "signed_by", "signature", "text"})
  local s = {}
  for i, c in ipairs(by_table.signatures_by_province.columns) do s[i] = c.name end
  T.eq(s, {"petition_id", "province", "signatures"})
  -- each counts field its own table, its columns named from the field's name
  local function columns_of(name)
    local out, keys = {}, {}
    for i, c in ipairs(by_table[name].columns) do
      out[i] = c.name .. ":" .. c.type
      if c.key then keys[#keys + 1] = c.name end
    end
    return {out, keys}
  end
  T.eq(columns_of("signatures_by_country"),
       {{"petition_id:text", "country:text", "signatures:integer"}, {"petition_id", "country"}})
  T.eq(columns_of("signatures_by_region"),
       {{"petition_id:text", "region:text", "signatures:integer"}, {"petition_id", "region"}})
  -- constituency rows keep the document's order: keyed by position, as
  -- responses are, their columns the keys of a row
  T.eq(columns_of("signatures_by_constituency"),
       {{"petition_id:text", "position:integer", "name:text", "code:text", "mp:text",
         "signatures:integer"}, {"petition_id", "position"}})
end)

T.case("a database and pages of the same petitions merge into one record each", function()
  local db = dir .. "/merge.db"
  local page = "data/e-2559.txt"
  local one = petlua.load(page, {as_of = AS_OF, quiet = true})
  one:to_sqlite(db)
  local both = petlua.load({db, page}, {as_of = AS_OF, quiet = true})
  T.eq(#both, 1)
  T.eq(both[1], one[1])
  os.remove(db)
end)

T.case("records made by a script: missing fields, false, zero, an empty item, a response without text", function()
  local db = dir .. "/made.db"
  local records = petlua.set{
    {id = "e-1", parliament = 0, late = false, grievances = {"a", ""},
     responses = {{responder = "Minister of Health"}, {text = "Only text."}},
     signatures_by_province = {Quebec = 0, Alberta = 5}},
    {id = "e-2"},
  }
  T.eq(records:to_sqlite(db), true)
  local back = petlua.load(db, {quiet = true})
  T.eq(back.errors, {})
  -- as for a CSV file: the vocabularies give departments, the file is the
  -- source of a record that named none, response_text is the texts joined
  T.eq(back[1], {id = "e-1", parliament = 0, late = false, grievances = {"a", ""},
                 responses = {{responder = "Minister of Health", department = "Health"},
                              {text = "Only text."}},
                 department = "Health", response_text = "Only text.",
                 signatures_by_province = {Quebec = 0, Alberta = 5}, source = db})
  T.eq(back[2], {id = "e-2", source = db})
  os.remove(db)
end)

T.case("records made by a script: the UK's counts and constituency rows, a code and an MP missing", function()
  local db = dir .. "/made-uk.db"
  local uk = {id = "700", parliament_of = "uk", topics = {"health"},
              signatures_by_country = {France = 2, ["United Kingdom"] = 10},
              signatures_by_region = {London = 7, Wales = 0},
              -- not in name order, and a name twice: the order and both rows stay
              signatures_by_constituency = {
                {name = "Cardiff East", code = "W07000080", mp = "Jo Stevens MP", signatures = 4},
                {name = "Aberdeen North", signatures = 0},
                {name = "Cardiff East", code = "W07000080", signatures = 1}}}
  T.eq(petlua.set{uk}:to_sqlite(db), true)
  local back = petlua.load(db, {quiet = true})
  T.eq(back.errors, {})
  local want = {source = db}
  for k, v in pairs(uk) do want[k] = v end
  T.eq(back[1], want)
  os.remove(db)
end)

T.case("meta: petlua's version, the load's as_of and sources", function()
  local db = dir .. "/meta.db"
  local s = petlua.load({"data/e-2559.txt", "data/examples"}, {as_of = "June 4, 2021", quiet = true})
  T.eq(s.as_of, "2021-06-04")
  s:to_sqlite(db)
  local meta = {}
  local sql = "sqlite3 " .. db .. " \"SELECT name || '=' || value FROM meta\""
  local p = io.popen(sql)
  for line in p:lines() do meta[#meta + 1] = line end
  p:close()
  if #meta == 0 then return print("ok - meta # SKIP the sqlite3 command is not installed") end
  T.eq(meta, {"petlua_version=" .. petlua.version, "as_of=2021-06-04", "source=data/e-2559.txt",
              "source=data/examples", "full_text_search=fts5"})
  os.remove(db)
end)

T.case("records of the wrong shape raise, naming record, id and field; no file is left", function()
  local db = dir .. "/bad.db"
  T.raises("bad record 2 (e-2): field 'parliament' is a string, not an integer", function()
    petlua.set{{id = "e-1"}, {id = "e-2", parliament = "44"}}:to_sqlite(db)
  end)
  T.raises("field 'grievances' is a string, not a list of strings", function()
    petlua.set{{id = "e-1", grievances = "one"}}:to_sqlite(db)
  end)
  T.raises("field 'late' is a number, not a boolean", function()
    petlua.set{{id = "e-1", late = 1}}:to_sqlite(db)
  end)
  T.raises("field 'responses' holds a NUL byte", function()
    petlua.set{{id = "e-1", responses = {{text = "a\0b"}}}}:to_sqlite(db)
  end)
  T.raises("field 'signatures_by_constituency' is a string, not a list of constituency rows", function()
    petlua.set{{id = "e-1", signatures_by_constituency = "Cardiff East=4"}}:to_sqlite(db)
  end)
  T.raises("field 'signatures_by_constituency' is a number, not a list of constituency rows", function()
    petlua.set{{id = "e-1", signatures_by_constituency = {4}}}:to_sqlite(db)
  end)
  T.raises("bad record 1 (e-1): field 'signatures_by_constituency': row 2 has no name", function()
    petlua.set{{id = "e-1", signatures_by_constituency = {{name = "A", signatures = 1},
                                                          {code = "E1", signatures = 2}}}}:to_sqlite(db)
  end)
  T.raises("field 'signatures_by_constituency': row 1 has no signatures", function()
    petlua.set{{id = "e-1", signatures_by_constituency = {{name = "A"}}}}:to_sqlite(db)
  end)
  T.raises("field 'signatures_by_constituency' is a string, not an integer", function()
    petlua.set{{id = "e-1", signatures_by_constituency = {{name = "A", signatures = "3"}}}}:to_sqlite(db)
  end)
  T.raises("field 'signatures_by_country' is a string, not an integer count", function()
    petlua.set{{id = "e-1", signatures_by_country = {France = "3"}}}:to_sqlite(db)
  end)
  T.raises("bad record 1: a string, not a table", function() petlua.set{"e-1"}:to_sqlite(db) end)
  T.raises("petition e-1 is there twice", function()
    petlua.set{{id = "e-1"}, {id = "e-1"}}:to_sqlite(db)
  end)
  T.raises("a record without an id", function() petlua.set{{topic = "Health"}}:to_sqlite(db) end)
  T.raises("cannot write '" .. dir .. "/no/such.db' (No such file or directory)", function()
    data:to_sqlite(dir .. "/no/such.db")
  end)
  T.eq(names_in(dir), {})
end)

T.case("a database left unfinished by an error in the middle leaves nothing", function()
  local db = dir .. "/half.db"
  local records = {}
  for i = 1, 300 do records[i] = {id = "e-" .. i} end
  records[300].late = "yes"
  T.raises("bad record 300", function() petlua.set(records):to_sqlite(db) end)
  collectgarbage()
  T.eq(names_in(dir), {})
end)

-- A value as a tidy CSV file holds it: digits, true/false, the text; nil
-- for a missing value and for an empty string (an empty cell).
local function cell_text(v)
  if v == nil or v == "" then return nil end
  if type(v) == "boolean" then return v and "true" or "false" end
  return tostring(v)
end

-- The rows table t holds for the records, worked out here from the records
-- by the kind of the field the table is made from: a kind this does not
-- know fails the test.
local function rows_wanted(t, set)
  local out, cols = {}, {}
  for i, c in ipairs(t.columns) do cols[i] = c.name end
  local kind = t.name == "petitions" and "petitions" or schema.type_of[t.name]
  for _, r in ipairs(set) do
    local v = r[t.name]
    if kind == "petitions" then
      local row = {}
      for _, c in ipairs(cols) do row[c] = cell_text(r[c]) end
      out[#out + 1] = row
    elseif kind == "list" then
      for i, item in ipairs(v or {}) do
        out[#out + 1] = {petition_id = r.id, position = tostring(i), text = cell_text(item)}
      end
    elseif kind == "responses" or kind == "constituencies" then
      -- a row's columns after petition_id and position are its keys
      for i, item in ipairs(v or {}) do
        local row = {petition_id = r.id, position = tostring(i)}
        for k = 3, #cols do row[cols[k]] = cell_text(item[cols[k]]) end
        out[#out + 1] = row
      end
    elseif kind == "counts" then
      local names = {}
      for name in pairs(v or {}) do names[#names + 1] = name end
      table.sort(names)
      for _, name in ipairs(names) do
        out[#out + 1] = {[cols[1]] = r.id, [cols[2]] = name, [cols[3]] = tostring(v[name])}
      end
    else
      error("no rows worked out for table " .. t.name .. " (kind " .. tostring(kind) .. ")")
    end
  end
  return out
end

local function csv_tidy_case(label, set)
  T.case("to_csv_tidy (" .. label .. "): one file per table, the tables' columns, every cell", function()
    local out = dir .. "/tidy"
    T.eq(set:to_csv_tidy(out), true)
    local files = {}
    for i, t in ipairs(tidy.tables()) do files[i] = t.name .. ".csv" end
    table.sort(files)
    T.eq(names_in(out), files)
    for _, t in ipairs(tidy.tables()) do
      local rows, header = petlua.csv.read(out .. "/" .. t.name .. ".csv")
      local want = {}
      for i, c in ipairs(t.columns) do want[i] = c.name end
      T.eq(header, want, t.name .. " header")
      local wanted = rows_wanted(t, set)
      T.eq(#rows, #wanted, t.name .. " rows")
      for i = 1, math.max(#rows, #wanted) do T.eq(rows[i], wanted[i], t.name .. " row " .. i) end
    end
    for _, name in ipairs(names_in(out)) do os.remove(out .. "/" .. name) end
    lfs.rmdir(out)
  end)
end
csv_tidy_case("data", data)
csv_tidy_case("Canada and the UK", mixed)

T.case("to_csv_tidy: the UK's tables, as a reader sees them", function()
  local out = dir .. "/tidy"
  T.eq(mixed:to_csv_tidy(out), true)
  local r = mixed:filter{id = "700001"}[1]
  T.eq(#r.signatures_by_constituency > 1, true)
  local rows = petlua.csv.read(out .. "/signatures_by_constituency.csv")
  local mine = {}
  for _, row in ipairs(rows) do if row.petition_id == "700001" then mine[#mine + 1] = row end end
  T.eq(#mine, #r.signatures_by_constituency)
  T.eq(mine[1], {petition_id = "700001", position = "1", name = r.signatures_by_constituency[1].name,
                 code = r.signatures_by_constituency[1].code, mp = r.signatures_by_constituency[1].mp,
                 signatures = tostring(r.signatures_by_constituency[1].signatures)})
  for _, field in ipairs{"signatures_by_country", "signatures_by_region"} do
    local sum, want = 0, 0
    for _, row in ipairs(petlua.csv.read(out .. "/" .. field .. ".csv")) do
      if row.petition_id == "700001" then sum = sum + tonumber(row.signatures) end
    end
    for _, n in pairs(r[field]) do want = want + n end
    T.eq(sum, want, field)
  end
  for _, name in ipairs(names_in(out)) do os.remove(out .. "/" .. name) end
  lfs.rmdir(out)
end)

T.case("a file that cannot be written is said at the caller's line, not at petlua's own", function()
  local s = petlua.load("data/e-2559.txt", {quiet = true})
  local bad = dir .. "/no/such/folder/x"
  for _, write in ipairs{            -- each defined and called on one line: linedefined is the call's
    function() s:to_sqlite(bad .. ".db") end,
    function() s:to_csv_tidy(bad .. "/") end,
    function() s:to_csv(bad .. ".csv") end,
  } do
    T.raises("test_sqlite.lua:" .. debug.getinfo(write, "S").linedefined .. ": cannot write '" .. bad, write)
  end
end)

lfs.rmdir(dir)
