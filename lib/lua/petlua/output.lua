-- petlua.output — where a script's result goes, and in what form
-- (petlua.output, or require "petlua.output").
--
--   output.write(rows, opt, [columns])
--     rows     a list of rows (tables keyed by column), e.g. summarize's
--     columns  the columns in order (default rows.columns, set by
--              summarize and friends, else every key, sorted)
--     opt      the options petlua.args gives with `common = true`:
--       out     a file ("-": standard output; default standard output),
--               written whole or not at all
--       format  "table" (aligned, for a person), "csv", "json" (JSON
--               lines: one object per row, keys in column order) or "md"
--               (a Markdown table); default: from the --out file's
--               extension (.csv .json .jsonl .md .txt), else a table on a
--               terminal and CSV otherwise, so `petlua topics | sort` and
--               `> file.csv` get CSV
--       excel   CSV for spreadsheets: a UTF-8 byte-order mark, CRLF
--       no_total  the total row (summarize's `total`, "all") left out
--       labels  "fr": canonical values (departments, topics, caucuses,
--               provinces, original languages, statuses) shown in French
--               (vocab/labels_fr.csv); the records keep the English names
--   output.formats          the formats, by name: format(rows, columns, opt, file)
--   output.format_of(opt)   the format write would use
--   output.labelled(rows, opt, [columns])  rows as write shows them under
--                           opt.labels (a copy), e.g. for a chart
--   output.is_terminal()    whether standard output is a terminal
--
-- Misuse raises; a file that cannot be written raises too ("cannot write
-- 'PATH' (reason)"), which ends a script with status 1 and the message.
local check = require "petlua.check"
local M = {}

local outfile = require "petlua.outfile"

-- Whether stdout is a terminal: a table for a person, CSV for a pipe or file.
function M.is_terminal()
  return require("petlua.host").isatty(1)
end

-- The columns of rows: given, rows.columns, or every key of the rows, sorted.
local function columns_of(rows, columns)
  columns = columns or rawget(rows, "columns")
  if columns then return columns end
  local seen, list = {}, {}
  for _, row in ipairs(rows) do
    for k in pairs(row) do
      if type(k) == "string" and not seen[k] then seen[k], list[#list + 1] = true, k end
    end
  end
  table.sort(list)
  return list
end

---------------------------------------------------------------------------
-- JSON values (RFC 8259)

local ESCAPES = {['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f",
                 ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t"}

local function json_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    return ESCAPES[c] or string.format("\\u%04x", c:byte())
  end) .. '"'
end

local json_value

-- A table: an array when it is a sequence (keywords), else an object with
-- its keys sorted (signatures by province).
local function json_table(t, depth)
  if depth > 20 then error("a value nested too deep for JSON", 0) end
  local n = #t   -- first: it builds constituency rows waiting in a metatable (petlua.page)
  local parts = {}
  if n > 0 or next(t) == nil then
    for i = 1, n do parts[i] = json_value(t[i], depth + 1) end
    return "[" .. table.concat(parts, ",") .. "]"
  end
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = tostring(k) end
  table.sort(keys)
  for i, k in ipairs(keys) do
    local v = t[k]
    if v == nil then v = t[tonumber(k)] end
    parts[i] = json_string(k) .. ":" .. json_value(v, depth + 1)
  end
  return "{" .. table.concat(parts, ",") .. "}"
end

function json_value(v, depth)
  local t = type(v)
  if t == "string" then return json_string(v) end
  if t == "number" then
    if v ~= v or v == math.huge or v == -math.huge then return "null" end
    if math.type(v) == "integer" then return string.format("%d", v) end
    return string.format("%.14g", v)
  end
  if t == "boolean" then return tostring(v) end
  if t == "table" then return json_table(v, depth or 0) end
  if v == nil then return "null" end
  error("cannot write a " .. t .. " value as JSON", 0)
end
M.json_value = json_value

---------------------------------------------------------------------------
-- The formats

local function cell(v)
  if v == nil or v ~= v then return "" end     -- NaN: no value
  if type(v) == "table" then return table.concat(v, "; ") end
  return tostring(v)
end

M.formats = {}

function M.formats.table(rows, columns, opt, file)
  file:write(require("petlua.show").format(rows, {columns = columns, max_rows = math.huge}))
end

function M.formats.csv(rows, columns, opt)
  require("petlua.csv").write(opt.out or "-", rows,
    {columns = columns, bom = opt.excel or nil, crlf = opt.excel or nil})
end

function M.formats.json(rows, columns, opt, file)
  for _, row in ipairs(rows) do
    local parts = {}
    for i, c in ipairs(columns) do parts[i] = json_string(tostring(c)) .. ":" .. json_value(row[c]) end
    file:write("{", table.concat(parts, ","), "}\n")
  end
end

-- A Markdown (GitHub) table: numbers right-aligned, | escaped, line breaks <br>.
function M.formats.md(rows, columns, opt, file)
  local function md(s) return (cell(s):gsub("|", "\\|"):gsub("\r?\n", "<br>")) end
  local head, rule = {}, {}
  for i, c in ipairs(columns) do
    head[i] = md(c)
    local numeric = #rows > 0
    for _, row in ipairs(rows) do
      if row[c] ~= nil and type(row[c]) ~= "number" then numeric = false break end
    end
    rule[i] = numeric and "---:" or "---"
  end
  file:write("| ", table.concat(head, " | "), " |\n| ", table.concat(rule, " | "), " |\n")
  for _, row in ipairs(rows) do
    local line = {}
    for i, c in ipairs(columns) do line[i] = md(row[c]) end
    file:write("| ", table.concat(line, " | "), " |\n")
  end
end

local BY_EXTENSION = {csv = "csv", json = "json", jsonl = "json", ndjson = "json", md = "md",
                      txt = "table"}

function M.format_of(opt)
  if opt.format then return opt.format end
  local ext = opt.out and opt.out ~= "-" and opt.out:match("%.(%w+)$")
  if ext and BY_EXTENSION[ext:lower()] then return BY_EXTENSION[ext:lower()] end
  if opt.out == nil and M.is_terminal() then return "table" end
  return "csv"
end

-- The kind of canonical value a column holds (vocab/labels_fr.csv's kinds).
local LABEL_KINDS = {
  department = "department", topic = "topic", sponsor_caucus = "caucus",
  initiator_province = "province", sponsor_province = "province", province = "province",
  original_language = "original_language", status = "status",
}

-- Rows that summarize made in key order (rows.key_order names the column)
-- are put in a reader's order of that column's labels, ties as they were;
-- "(none)" and the total row stay where they are.
local function in_label_order(out, source)
  local col = rawget(source, "key_order")
  if not col or not LABEL_KINDS[col] then return end
  local less = require("petlua.set").less
  local movable, places = {}, {}
  for i, row in ipairs(source) do
    local v = row[col]
    if type(v) == "string" and v ~= "(none)" and row ~= rawget(source, "total_row") then
      movable[#movable + 1], places[#places + 1] = {row = out[i], at = i}, i
    end
  end
  table.sort(movable, function(a, b)
    local x, y = a.row[col], b.row[col]
    if x ~= y then return less(x, y) end
    return a.at < b.at
  end)
  for k, i in ipairs(places) do out[i] = movable[k].row end
end

function M.labelled(rows, opt, columns)
  local lang = opt and opt.labels
  if lang == nil or lang == "en" then return rows end
  local vocab = assert(require("petlua.loader").vocab(opt.data and {opt.data} or nil))
  columns = columns_of(rows, columns)
  local out = {}
  for i, row in ipairs(rows) do
    local copy = {}
    for k, v in pairs(row) do copy[k] = v end
    for _, c in ipairs(columns) do
      local kind, v = LABEL_KINDS[c], row[c]
      if kind and type(v) == "string" then copy[c] = vocab:label(kind, v, lang) or v end
    end
    out[i] = copy
    if row == rawget(rows, "total_row") then out.total_row = copy end
  end
  in_label_order(out, rows)
  out.columns = rawget(rows, "columns")
  return out
end

-- The rows without the total row, when opt.no_total says so.
local function without_total(rows, opt)
  local total = rawget(rows, "total_row")
  if not (opt.no_total and total) then return rows end
  local kept = {}
  for _, row in ipairs(rows) do
    if row ~= total then kept[#kept + 1] = row end
  end
  return kept
end

function M.write(rows, opt, columns)
  if type(rows) ~= "table" then
    check.arg(2, 1, "write", "table expected, got %s", type(rows))
  end
  opt = opt or {}
  local name = M.format_of(opt)
  local format = M.formats[name]
  if not format then
    check.option(2, "format", "write", "table, csv, json or md expected, got %s", tostring(name))
  end
  columns = columns_of(rows, columns)
  rows = without_total(M.labelled(rows, opt, columns), opt)
  local ok, err = pcall(function()
    if name == "csv" then return format(rows, columns, opt) end
    local file <close> = outfile.open(opt.out or "-")
    format(rows, columns, opt, file)
  end)
  if not ok then
    -- a failure of the world (a full disk, a closed pipe): one line, status
    -- 1, for a script's user; a caller of the API gets it as an error too
    local msg = tostring(type(err) == "table" and err.message or err):gsub("^[^\n]-:%d+: ", "")
    require("petlua").exit(1, string.format("petlua: %s: %s", opt.script_name or "petlua", msg))
  end
end

return M
