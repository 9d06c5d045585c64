-- petlua.csvrec — petition records in CSV and back: what set:to_csv and the
-- export script write, and what petlua.load reads when it meets such a file.
--
-- The columns (SCHEMA_COLUMNS) are the record schema's fields in schema order,
-- with `responses` replaced by three columns in its place:
--   responders          one line per response: its responder
--   signers             one line per response: its signed_by
--   signatures_printed  one line per response: its signature (as printed)
-- (a missing value is an empty line, so line i is always response i).
--
-- Cells:
--   strings, dates      as they are; nil is an empty cell
--   integers            digits (parliament, session, signatures, response_days)
--   booleans            true / false (late, overdue)
--   grievances, keywords  one item per line
--   signatures_by_province  one "Province=N" line per province, sorted by name
--   response_text       the texts of the responses, in order, joined by a
--                       blank line ("\n\n"); a response without text is an
--                       empty part. This is the record's response_text as the
--                       design defines it (all texts joined by a blank line).
--
-- Reading back splits response_text into as many parts as there are
-- responses (the number of lines of the three columns above), so each
-- response gets its own text back, and sets the record's response_text to the
-- non-empty parts joined by a blank line. This is exact because record texts
-- never hold a blank line (blank lines are dropped when a page is read) and
-- list items never hold a line break. Limits of the encoding: a response with
-- no responder, signer or signature at all cannot be told from no response
-- when it is the only one; a list item that is an empty string is lost.
-- A column not in the schema is written with tostring-like rules (a list of
-- strings: one per line) and read back as a string.
local csv = require "petlua.csv"
local schema = require "petlua.schema"

local M = {}

-- The schema's fields in order, with `responses` spread over three columns.
M.SCHEMA_COLUMNS = {}
for _, name in ipairs(schema.names) do
  if name == "responses" then
    table.move({"responders", "signers", "signatures_printed"}, 1, 3,
      #M.SCHEMA_COLUMNS + 1, M.SCHEMA_COLUMNS)
  else
    M.SCHEMA_COLUMNS[#M.SCHEMA_COLUMNS + 1] = name
  end
end

-- The three columns that hold the responses, and the response field of each.
local RESPONSE_COLUMNS = {
  responders = "responder",
  signers = "signed_by",
  signatures_printed = "signature",
}

-- Column -> how its cell is made and read: a schema type, or "response_lines".
local COLUMN_TYPE = {}
for _, name in ipairs(M.SCHEMA_COLUMNS) do
  COLUMN_TYPE[name] = RESPONSE_COLUMNS[name] and "response_lines" or schema.type_of[name]
end

-- ------------------------------------------------------------ helpers

-- s split at every occurrence of sep (plain), empty parts kept.
local function split(s, sep)
  local parts, start = {}, 1
  while true do
    local i, j = s:find(sep, start, true)
    if not i then
      parts[#parts + 1] = s:sub(start)
      return parts
    end
    parts[#parts + 1] = s:sub(start, i - 1)
    start = j + 1
  end
end

-- The lines of a cell (LF or CRLF); an empty cell has none.
local function lines(s)
  if s == nil or s == "" then return {} end
  if s:find("\r", 1, true) then s = s:gsub("\r\n", "\n") end
  return split(s, "\n")
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
  return table.concat(v, "\n")   -- a list; a non-string item raises here
end

-- Writes the records of set to path ("-": stdout), one row each, in the
-- columns given (default SCHEMA_COLUMNS). Returns true. As petlua.csv's
-- writers do, it raises when the file cannot be opened, a value cannot be
-- written or a write fails; a regular file is then left as it was.
function M.write_set(set, path, columns)
  if type(set) ~= "table" then
    error("bad argument #1 to 'write_set' (set expected, got " .. type(set) .. ")", 2)
  end
  if type(path) ~= "string" then
    error("bad argument #2 to 'write_set' (path expected, got " .. type(path) .. ")", 2)
  end
  columns = columns or M.SCHEMA_COLUMNS
  local w <close> = csv.writer(path, columns)
  local row = {}
  local function fill_row(rec)
    for _, col in ipairs(columns) do row[col] = cell(rec, col) end
  end
  for i, rec in ipairs(set) do
    -- one protected call per record (one per cell cost a third of the
    -- time); on an error, the cells are tried one by one to name the column
    if not pcall(fill_row, rec) then
      for _, col in ipairs(columns) do
        local ok, v = pcall(cell, rec, col)
        if not ok then
          error(string.format("%s: record %d (%s), column '%s': %s", path == "-" and "stdout" or path,
            i, tostring(rec.id), col, (tostring(v):gsub("^[^\n]-:%d+: ", ""))), 0)
        end
        row[col] = v
      end
    end
    w:write(row)
  end
  return w:close()
end

-- ------------------------------------------------------------ detection

-- Does this first line (a CSV header) name the record schema? Yes when it
-- starts with id,url,kind or holds every schema column.
function M.is_record_csv(first_line)
  if type(first_line) ~= "string" then return false end
  local line = first_line:gsub("^\239\187\191", ""):gsub("[\r\n]+$", "")
  local names = {}
  for _, name in ipairs(split(line, ",")) do
    names[#names + 1] = name:match('^"(.*)"$') or name
  end
  if names[1] == "id" and names[2] == "url" and names[3] == "kind" then return true end
  local have = {}
  for _, name in ipairs(names) do have[name] = true end
  for _, name in ipairs(M.SCHEMA_COLUMNS) do
    if not have[name] then return false end
  end
  return true
end

-- ------------------------------------------------------------ reading

-- Cell -> value of a schema type; nil, message when the cell is malformed.
local decode = {}

function decode.integer(s)
  local n = s:match("^%-?%d+$") and math.tointeger(tonumber(s))
  if not n then return nil, "not an integer: " .. string.format("%q", s) end
  return n
end

function decode.boolean(s)
  if s == "true" then return true end
  if s == "false" then return false end
  return nil, "not true or false: " .. string.format("%q", s)
end

function decode.list(s)
  return lines(s)
end

function decode.counts(s)
  local t = {}
  for _, l in ipairs(lines(s)) do
    local province, n = l:match("^(.-)=(%-?%d+)$")
    n = n and math.tointeger(tonumber(n))
    if not n then return nil, "not a Province=N line: " .. string.format("%q", l) end
    t[province] = n
  end
  return t
end

-- Responses from the three line columns and response_text (see the top).
local function rebuild_responses(row, rec)
  local cols, n = {}, 0
  for col in pairs(RESPONSE_COLUMNS) do
    cols[col] = lines(row[col])
    n = math.max(n, #cols[col])
  end
  local text = row.response_text
  if n == 0 then
    rec.response_text = text
    return
  end
  local parts = text and split(text, "\n\n") or {}
  -- Parts beyond the responses (a text that held a blank line after all)
  -- stay together in the last response, so no text is lost.
  if #parts > n then
    parts[n] = table.concat(parts, "\n\n", n)
  end
  local responses, texts = {}, {}
  for i = 1, n do
    local r = {}
    for col, field in pairs(RESPONSE_COLUMNS) do
      local v = cols[col][i]
      if v ~= nil and v ~= "" then r[field] = v end
    end
    local t = parts[i]
    if t ~= nil and t ~= "" then
      r.text = t
      texts[#texts + 1] = t
    end
    responses[i] = r
  end
  rec.responses = responses
  rec.response_text = #texts > 0 and table.concat(texts, "\n\n") or nil
end

-- One row (cells keyed by column name) -> record; problems are appended to
-- errs as {line=, message=}.
local function row_to_record(row, header, line, errs)
  local rec = {}
  for _, col in ipairs(header) do
    local s, kind = row[col], COLUMN_TYPE[col]
    if s ~= nil and kind ~= "response_lines" and col ~= "response_text" then
      local f = decode[kind]
      if f then
        local v, msg = f(s)
        if msg then
          errs[#errs + 1] = {line = line, message = string.format("column %s: %s", col, msg)}
        end
        rec[col] = v
      else
        rec[col] = s
      end
    end
  end
  rebuild_responses(row, rec)
  return rec
end

-- Reads a CSV file of records. Returns records, errors: errors is a list of
-- {line=, message=} for values that could not be read (the record is kept
-- without that value) and rows without an id (skipped). A file that cannot be
-- opened, malformed CSV or a header without the id column: nil, message
-- ("file:line: message").
function M.read_records(path)
  if type(path) ~= "string" then
    error("bad argument #1 to 'read_records' (path expected, got " .. type(path) .. ")", 2)
  end
  local ok, it, reader, _, closing = pcall(csv.rows, path)
  if not ok then return nil, it end
  local header = reader:header()
  local has_id = false
  for _, col in ipairs(header) do has_id = has_id or col == "id" end
  if not has_id then
    reader:close()
    return nil, path .. ":1: not a CSV file of petition records (no id column)"
  end
  local records, errs = {}, {}
  local done, err = pcall(function()
    for row, line in it, reader, nil, closing do
      if row.id == nil then
        errs[#errs + 1] = {line = line, message = "no id: row skipped"}
      else
        records[#records + 1] = row_to_record(row, header, line, errs)
      end
    end
  end)
  if not done then return nil, tostring(err) end
  return records, errs
end

return M
