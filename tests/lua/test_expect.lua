-- test_expect.lua — the record tables a script gets, field by field, against
-- the same expectation files as tests/c/test_expect.c: each NAME.expect under
-- tests/ (format in tests/real/README.md). Each page goes through both
-- doors, petlua.load (the file, on the loader's threads) and petlua.parse
-- (its text), with the file's as_of; every key of the table and every key
-- of the file is compared, so a field the binding drops, adds, misnames or
-- gives the wrong Lua type (a float for an integer, a string for a boolean,
-- a list with holes) fails:
--   ok - load tests/real/e-2559.expect presenter
--   not ok - parse tests/pages/en-junk-warnings.expect warnings[] ...
-- The rules are the C checker's: the records in the shipped vocabularies
-- (department and topic canonical); warnings exact where the file states
-- them, else only about the page's last line. The
-- province table's order is the C checker's to compare (a Lua table has
-- none). tests/pages/not-pages.tsv: the same texts refused, with the same
-- line and message, through both doors.
local T = dofile("tests/lua/harness.lua")
local page = require "petlua.page"
local lfs = require "lfs"

local AS_OF = "2026-01-01"
local REAL = "tests/real/"
local FIELDS, RESPONSE_FIELDS = page.fields()

local TYPE_OF, RESPONSE_FIELD = {}, {}
for _, f in ipairs(FIELDS) do TYPE_OF[f.name] = f.type end
for _, name in ipairs(RESPONSE_FIELDS) do RESPONSE_FIELD[name] = true end

local function exists(path)
  return lfs.attributes(path, "mode") == "file"
end

-- ------------------------------------------------------------ the files

-- Every NAME.expect under dir, sorted (hidden entries passed over).
local function find_expects(dir, out)
  out = out or {}
  for name in lfs.dir(dir) do
    if name:sub(1, 1) ~= "." then
      local path = dir .. "/" .. name
      if lfs.attributes(path, "mode") == "directory" then
        find_expects(path, out)
      elseif name:match("%.expect$") then
        out[#out + 1] = path
      end
    end
  end
  table.sort(out)
  return out
end

-- An expectation file: {path=, page=, as_of=, warnings_stated=, entries =
-- {{key, value}, ...}}; raises naming FILE:LINE on a malformed line.
local function read_expect(path)
  local ef = {path = path, as_of = AS_OF, entries = {}}
  local in_header, n = true, 0
  for line in (T.read_file(path) .. "\n"):gmatch("([^\n]*)\n") do
    n = n + 1
    local name, v = line:match("^# (%a[%w_]*): (.*)$")
    if name == "page" or name == "as_of" then
      assert(in_header, string.format("%s:%d: '# %s:' belongs before the first entry", path, n, name))
      if name == "page" then ef.page = v else ef.as_of = v end
    elseif line ~= "" and line:sub(1, 1) ~= "#" then
      in_header = false
      local key, raw = line:match("^(.-): (.*)$")
      local value = raw and T.unescape(raw)
      if not key or key == "" or not value or (key == "warnings" and value ~= "none") then
        error(string.format("%s:%d: not a 'field: value' line (or 'warnings: none')", path, n), 0)
      end
      if key == "warnings" or key == "warnings[]" then ef.warnings_stated = true end
      ef.entries[#ef.entries + 1] = {key, value}
    end
  end
  if not ef.page then
    local base = path:gsub("%.expect$", "")
    ef.page = exists(base .. ".txt") and base .. ".txt" or exists(base .. ".html") and base .. ".html" or nil
    assert(ef.page, path .. ": no page: no NAME.txt or NAME.html beside it, and no '# page:' line")
  end
  return ef
end

-- ------------------------------------------------------------ a record as entries

-- What a value that is not of the schema's type becomes: an entry no file
-- can state.
local function wrong(v, want)
  return string.format("(a Lua %s%s, not %s)", math.type(v) or type(v), type(v) == "string" and " " .. string.format("%q", v) or "", want)
end

-- Is t a sequence of n > 0 items 1..n and nothing else?
local function is_sequence(t)
  local n = 0
  for _ in pairs(t) do n = n + 1 end
  return n == #t
end

local SCALAR = {string = "string", date = "string", datetime = "string", integer = "integer", boolean = "boolean"}

-- Adds the entries of one field of a record table, as the files write them.
local function add_field(out, key, v)
  local kind = TYPE_OF[key]
  local function add(k, value) out[#out + 1] = {k, value} end
  if kind == nil then
    add(key, "(not a field of the schema: " .. tostring(v) .. ")")
  elseif SCALAR[kind] then
    if kind == "integer" and math.type(v) == "integer" then
      add(key, string.format("%d", v))
    elseif kind == "boolean" and type(v) == "boolean" then
      add(key, tostring(v))
    elseif SCALAR[kind] == "string" and type(v) == "string" then
      add(key, v)
    else
      add(key, wrong(v, kind))
    end
  elseif type(v) ~= "table" then
    add(key, wrong(v, kind))
  elseif next(v) == nil then
    add(key, "(present, with no item)")
  elseif kind == "list" or kind == "responses" then
    if not is_sequence(v) then add(key, "(a table with keys other than 1.." .. #v .. ")") end
    for i, item in ipairs(v) do
      if kind == "list" then
        add(key .. "[]", type(item) == "string" and item or wrong(item, "string"))
      elseif type(item) ~= "table" then
        add(string.format("%s[%d]", key, i), wrong(item, "table"))
      elseif next(item) == nil then
        add(string.format("%s[%d]", key, i), "(a response with no field)")
      else
        for _, sub in ipairs(RESPONSE_FIELDS) do
          local s = item[sub]
          if s ~= nil then add(string.format("%s[%d].%s", key, i, sub), type(s) == "string" and s or wrong(s, "string")) end
        end
        for sub, s in pairs(item) do
          if not RESPONSE_FIELD[sub] then add(string.format("%s[%d].%s", key, i, tostring(sub)), "(not a response field: " .. tostring(s) .. ")") end
        end
      end
    end
  else                                                    -- counts: name -> integer
    local names = {}
    for name in pairs(v) do names[#names + 1] = tostring(name) end
    table.sort(names)
    for _, name in ipairs(names) do
      local c = v[name]
      add(key .. "[" .. name .. "]", math.type(c) == "integer" and string.format("%d", c) or wrong(c, "integer"))
    end
  end
end

-- Every key of the record table, in the schema's order, then any other.
local function record_entries(r)
  local out, seen = {}, {}
  for _, f in ipairs(FIELDS) do
    if r[f.name] ~= nil then add_field(out, f.name, r[f.name]) end
    seen[f.name] = true
  end
  local others = {}
  for k in pairs(r) do if not seen[k] then others[#others + 1] = tostring(k) end end
  table.sort(others)
  for _, k in ipairs(others) do add_field(out, k, r[k]) end
  return out
end

-- warnings: a list of {line=, text=} (or nil for none) as entries.
local function warning_entries(out, warnings)
  if warnings == nil or #warnings == 0 then
    out[#out + 1] = {"warnings", "none"}
  end
  for _, w in ipairs(warnings or {}) do
    out[#out + 1] = {"warnings[]", string.format("%s %s", tostring(w.line), tostring(w.text))}
  end
end

-- ------------------------------------------------------------ comparing

local function printable(v)
  if v == nil then return "(missing)" end
  v = v:gsub("\\", "\\\\"):gsub("\n", "\\n")
  if #v > 160 then v = v:sub(1, 160) .. "..." end
  return '"' .. v .. '"'
end

local function verdict(label, key, ok, want, got)
  if ok then
    print(string.format("ok - %s %s", label, key))
  else
    print(string.format("not ok - %s %s: expected %s, got %s", label, key, printable(want), printable(got)))
  end
end

local function values_of(entries, key)
  local out = {}
  for _, e in ipairs(entries) do if e[1] == key then out[#out + 1] = e[2] end end
  return out
end

-- Every key of either side once, in the file's order then the record's.
local function compare(label, want, got)
  local keys, seen = {}, {}
  for _, side in ipairs({want, got}) do
    for _, e in ipairs(side) do
      if not seen[e[1]] then seen[e[1]], keys[#keys + 1] = true, e[1] end
    end
  end
  for _, key in ipairs(keys) do
    local w, g = values_of(want, key), values_of(got, key)
    if key:sub(-2) == "[]" then
      local same = #w == #g
      for i = 1, math.max(#w, #g) do
        if same and w[i] ~= "?" and w[i] ~= g[i] then same = false end
      end
      local first = 1
      while first <= #w and (w[first] == "?" or w[first] == g[first]) do first = first + 1 end
      verdict(label, same and key or string.format("%s (%d items expected, %d got; first difference)", key, #w, #g),
        same, w[first] or "(no item)", g[first] or "(no item)")
    elseif w[1] ~= "?" then
      verdict(label, key, w[1] == g[1] and #w <= 1 and #g <= 1, w[1], g[1])
    end
  end
end

-- The line number of the last line of text that holds a non-blank byte.
local function last_text_line(text)
  local last, n = 0, 0
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do
    n = n + 1
    if line:find("[^ \r\t]") then last = n end
  end
  return last
end

-- One door's record and warnings against the file.
local function check(door, ef, r, warnings, text)
  local label = door .. " " .. ef.path
  local want = {table.unpack(ef.entries)}
  if #values_of(want, "source") == 0 then want[#want + 1] = {"source", ef.page} end
  local got = record_entries(r)
  if ef.warnings_stated then warning_entries(got, warnings) end
  compare(label, want, got)
  if not ef.warnings_stated then
    local last = last_text_line(text)
    for _, w in ipairs(warnings or {}) do
      verdict(label, string.format("warns only about its last line: line %s %q", tostring(w.line), tostring(w.text)),
        w.line == last, tostring(last), tostring(w.line))
    end
  end
end

-- ------------------------------------------------------------ the pages

local files = find_expects("tests")
local real = 0
for _, path in ipairs(files) do
  local ok, ef = pcall(read_expect, path)
  if not ok then
    print("not ok - " .. tostring(ef))
  else
    real = real + (path:sub(1, #REAL) == REAL and 1 or 0)
    local text = T.read_file(ef.page)
    local set = petlua.load(ef.page, {as_of = ef.as_of, quiet = true})
    if #set ~= 1 or #set.errors > 0 then
      print(string.format("not ok - load %s: %s gives %d records (%s)", path, ef.page, #set,
        set.errors[1] and set.errors[1].message or "no error"))
    else
      local warnings = {}
      for i, w in ipairs(set.warnings) do
        if w.file ~= ef.page then
          print(string.format("not ok - load %s: a warning names %s", path, tostring(w.file)))
        end
        warnings[i] = {line = w.line, text = w.text}
      end
      check("load", ef, set[1], warnings, text)
    end
    local r, warnings = petlua.parse(text, ef.page, {as_of = ef.as_of})
    if not r then
      print(string.format("not ok - parse %s: %s", path, tostring(warnings)))
    else
      if warnings ~= nil and #warnings == 0 then print("not ok - parse " .. path .. ": an empty list of warnings (nil expected)") end
      check("parse", ef, r, warnings, text)
    end
  end
end

T.case("every expectation file is there (133 or more, 69 real)", function()
  T.eq(#files >= 133 and real >= 69, true, #files .. " files, " .. real .. " real")
end)

-- ------------------------------------------------------------ not pages

local NOT_PAGES = T.read_table("tests/pages/not-pages.tsv", 3)

T.case("tests/pages/not-pages.tsv is there, whole", function()
  T.eq(#NOT_PAGES >= 8, true, #NOT_PAGES .. " rows")
end)

for _, row in ipairs(NOT_PAGES) do
  local path, line, message = row[1], math.tointeger(tonumber(row[2])), row[3]
  local text = T.read_file(path)
  if text == "" then line, message = 0, "empty file" end    -- the loader says so before the parser
  T.case("not a page, parse: " .. path, function()
    local r, msg = petlua.parse(text, path)
    T.eq(r, nil, "record")
    T.eq(msg, line > 0 and string.format("%s:%d: %s", path, line, message) or path .. ": " .. message)
  end)
  T.case("not a page, load: " .. path, function()
    local set = petlua.load(path, {quiet = true})
    T.eq(#set, 0, "records")
    T.eq(set.errors, {{file = path, line = line, message = message}})
  end)
end
