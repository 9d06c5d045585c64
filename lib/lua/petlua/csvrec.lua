-- petlua.csvrec — petition records in CSV: what set:to_csv and the export
-- script write. Such a file is read back by petlua.load, in C
-- (src/record_csv.c), with the same rules.
--
-- The columns (SCHEMA_COLUMNS) are the record schema's fields in schema order,
-- with `responses` replaced by four columns in its place:
--   responders          one line per response: its responder
--   signers             one line per response: its signed_by
--   signatures_printed  one line per response: its signature (as printed)
--   response_departments  one line per response: its department (a UK
--                       response names no minister, only its department)
-- (a missing value is an empty line, so line i is always response i).
--
-- Cells:
--   strings, dates      as they are; nil is an empty cell
--   integers            digits (parliament, session, signatures, response_days)
--   booleans            true / false (late, overdue)
--   grievances, keywords  one item per line
--   signatures_by_province, _by_country, _by_region  one "Name=N" line per
--                       row, sorted by name
--   signatures_by_constituency  one "name<TAB>code<TAB>MP<TAB>N" line per row,
--                       in order (an empty code or MP: missing)
--   response_text       the texts of the responses, in order, joined by a
--                       blank line ("\n\n"); a response without text is an
--                       empty part. This is the record's response_text as the
--                       design defines it (all texts joined by a blank line).
--
-- Read back (src/record_csv.h), response_text is split into as many parts as
-- there are responses, so each response gets its own text back. This is
-- exact because record texts never hold a blank line (blank lines are dropped
-- when a page is read) and list items never hold a line break. Limits of the
-- encoding: a response with no field at all but its text is read back as
-- the only response (it is one: a UK response of 2015 is only its text);
-- one without even a text is lost; a list item that is an empty string is
-- lost. A column not in the schema is written with
-- tostring-like rules (a list of strings: one per line) and read back as a
-- string.
local check = require "petlua.check"
local csv = require "petlua.csv"
local schema = require "petlua.schema"

local M = {}

-- The columns, in order (the C core's record_csv_columns).
M.SCHEMA_COLUMNS = schema.csv_columns

-- The four columns that hold the responses, and the response field of each.
local RESPONSE_COLUMNS = {
  responders = "responder",
  signers = "signed_by",
  signatures_printed = "signature",
  response_departments = "department",
}

-- Column -> how its cell is made and read: a schema type, or "response_lines".
local COLUMN_TYPE = {}
for _, name in ipairs(M.SCHEMA_COLUMNS) do
  COLUMN_TYPE[name] = RESPONSE_COLUMNS[name] and "response_lines" or schema.type_of[name]
end

-- ------------------------------------------------------------ writing

local function counts_cell(t)
  local names = {}
  for province in pairs(t) do names[#names + 1] = province end
  table.sort(names)
  for i, province in ipairs(names) do
    names[i] = province .. "=" .. tostring(t[province])
  end
  return table.concat(names, "\n")
end

local function constituencies_cell(rows)
  local lines = {}
  for i, c in ipairs(rows) do
    lines[i] = table.concat({c.name, c.code or "", c.mp or "", tostring(c.signatures)}, "\t")
  end
  return table.concat(lines, "\n")
end

-- The cell of column col for record rec (a string, number, boolean or nil).
local function cell(rec, col)
  local kind = COLUMN_TYPE[col]
  local v
  if kind == "response_lines" then
    local responses = rec.responses
    if not responses or #responses == 0 then return nil end
    local field, out = RESPONSE_COLUMNS[col], {}
    for i, r in ipairs(responses) do out[i] = r[field] or "" end
    return table.concat(out, "\n")
  elseif col == "response_text" and rec.responses and #rec.responses > 0 then
    local out = {}
    for i, r in ipairs(rec.responses) do out[i] = r.text or "" end
    v = table.concat(out, "\n\n")
    return v ~= "" and v or nil
  end
  v = rec[col]
  if type(v) ~= "table" then return v end
  if kind == "counts" then return counts_cell(v) end
  if kind == "constituencies" then return constituencies_cell(v) end
  return table.concat(v, "\n")   -- a list; a non-string item raises here
end

-- Writes the records of set to path ("-": stdout), one row each, in the
-- columns given (default SCHEMA_COLUMNS). Returns true. As petlua.csv's
-- writers do, it raises when the file cannot be opened, a value cannot be
-- written or a write fails; a regular file is then left as it was.
-- opts.excel: a UTF-8 byte-order mark and CRLF line ends, for spreadsheets.
function M.write_set(set, path, columns, opts)
  if type(set) ~= "table" then
    check.arg(2, 1, "write_set", "set expected, got %s", type(set))
  end
  if type(path) ~= "string" then
    check.arg(2, 2, "write_set", "path expected, got %s", type(path))
  end
  columns = columns or M.SCHEMA_COLUMNS
  local excel = type(opts) == "table" and opts.excel or nil
  local w <close> = check.relay(2, csv.writer, path, columns, {bom = excel, crlf = excel})
  -- The cells are made in C (w:write_records, by the kinds below), which
  -- stops at a record holding a value these rules do not expect; that
  -- record is written here, by cell(), which names the problem.
  local spec = {}
  for k, col in ipairs(columns) do
    local kind = COLUMN_TYPE[col]
    if kind == "response_lines" then
      spec[k] = {col, "lines", RESPONSE_COLUMNS[col]}
    elseif col == "response_text" then
      spec[k] = {col, "texts", "text"}
    else
      spec[k] = {col, (kind == "counts" or kind == "constituencies") and kind or "value"}
    end
  end
  local row = {}
  local function fill_row(rec)
    for _, col in ipairs(columns) do row[col] = cell(rec, col) end
  end
  local i, n = 1, #set
  while true do
    i = w:write_records(set, spec, i)
    if i > n then break end
    local rec = set[i]
    -- one protected call for the record; on an error, the cells are tried
    -- one by one to name the column
    if not pcall(fill_row, rec) then
      for _, col in ipairs(columns) do
        local ok, v = pcall(cell, rec, col)
        if not ok then
          error(string.format("%s: record %d (%s), column '%s': %s", path == "-" and "stdout" or path,
            i, tostring(type(rec) == "table" and rec.id or nil), col, (tostring(v):gsub("^[^\n]-:%d+: ", ""))), 0)
        end
        row[col] = v
      end
    end
    w:write(row)
    i = i + 1
  end
  return w:close()
end

return M
