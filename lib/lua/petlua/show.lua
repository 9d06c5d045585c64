-- petlua.show — rows as an aligned console table.
--
--   petlua.show(rows, [opts])    prints the table (to opts.file, default stdout)
--   petlua.format(rows, [opts])  returns it as a string
--
-- rows is a list of tables (records, CSV rows, count_by rows ...). opts:
--   columns   list of keys to show, in order (default: see column_order below)
--   max_rows  show only the first N rows (the footer says how many there are)
--   width     the widest a line may be, in display columns (default: $COLUMNS, else 120)
--   file      where show() writes (default io.stdout)
-- Widths are counted in display columns, not bytes: "Montréal" is 8 wide and
-- a CJK character 2. Cells too long for the width are cut with "…"; columns
-- that cannot fit at all are left out and named in the footer. Numbers are
-- right-aligned, nil is an empty cell, a list is shown joined by "; ".
-- A number in place of opts is ignored (the count set:count_by returns beside
-- its rows). Misuse (rows not a table, opts a string) raises.
local check = require "petlua.check"
local M = {}

-- The record schema's field names, in order (id first): the order of a
-- record's columns.
M.record_fields = require("petlua.schema").names
local field_rank = {}
for i, name in ipairs(M.record_fields) do field_rank[name] = i end

-- When a wide table (records) does not fit, record fields are left out in
-- this order: long texts and minor details first; id, topic, presented,
-- status and response_days stay longest.
local drop_first = {
  "url", "text", "prayer", "grievances", "response_text", "responses",
  "signature", "source", "keywords", "signatures_by_province", "opened_at",
  "closed_at", "sessional_paper", "petition_no", "session", "initiator_city",
  "initiator_province", "original_language", "presenter_riding",
  "sponsor_riding", "sponsor_province", "addressee", "initiator", "presenter",
  "signed_by", "opened", "closed", "lang", "overdue", "late",
  "response_tabled", "kind", "parliament", "sponsor", "sponsor_caucus",
  "signatures", "responder",
}

---------------------------------------------------------------------------
-- Display width of UTF-8 text: counted in C (petlua.text.width), as
-- text.wrap and the REPL count it.

local text = require "petlua.text"

-- Valid UTF-8: each invalid byte becomes U+FFFD.
local function valid_utf8(s)
  if utf8.len(s) then return s end
  local parts, pos = {}, 1
  while true do
    local ok, bad = utf8.len(s, pos)
    if ok then parts[#parts + 1] = s:sub(pos); break end
    parts[#parts + 1] = s:sub(pos, bad - 1)
    parts[#parts + 1] = "\u{FFFD}"
    pos = bad + 1
  end
  return table.concat(parts)
end
M.valid_utf8 = valid_utf8

-- Valid UTF-8 on one line: each invalid byte becomes U+FFFD, and line breaks,
-- tabs and other control characters become a space.
local function one_line(s)
  s = valid_utf8(s)
  if s:find("[%c]") then
    s = s:gsub("\r\n", " "):gsub("%c", " ")
  end
  return s
end

local width = text.width
M.width = function(s) return width(one_line(s)) end

-- s cut to at most w display columns, ending in "…" when it was cut.
local function truncate(s, w)
  if width(s) <= w then return s end
  if w <= 0 then return "" end
  return text.fit(s, w - 1) .. "…"
end
M.truncate = function(s, w) return truncate(one_line(s), w) end

---------------------------------------------------------------------------
-- Cells

-- A number as people read it in a table: integers whole, other floats with
-- at most three decimals (more digits for tiny values).
local function format_number(x)
  if math.type(x) == "integer" then return tostring(x) end
  if x ~= x then return "nan" end
  if x == math.huge then return "inf" elseif x == -math.huge then return "-inf" end
  if x == math.floor(x) and math.abs(x) < 1e15 then return string.format("%.0f", x) end
  if math.abs(x) < 0.001 or math.abs(x) >= 1e15 then return string.format("%.4g", x) end
  local s = string.format("%.3f", x):gsub("0+$", ""):gsub("%.$", "")
  return s
end
M.format_number = format_number

local function scalar_text(v)
  if type(v) == "number" then return format_number(v) end
  return tostring(v)
end

-- The text of one cell: nil is empty, a list is joined by "; ", a table of
-- key = value pairs (signatures_by_province) reads "k=v; k=v" in key order,
-- a list of tables (responses) says how many there are.
local function cell_text(v)
  local t = type(v)
  if v == nil then return "" end
  if t == "string" then return v end
  if t ~= "table" then return scalar_text(v) end
  local mt = getmetatable(v)
  if mt and mt.__tostring then return tostring(v) end
  local n = #v
  if n > 0 then
    if type(v[1]) == "table" then return string.format("(%d %s)", n, n == 1 and "item" or "items") end
    local parts = {}
    for i = 1, n do parts[i] = cell_text(v[i]) end
    return table.concat(parts, "; ")
  end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {}
  for i, k in ipairs(keys) do parts[i] = tostring(k) .. "=" .. cell_text(v[k]) end
  return table.concat(parts, "; ")
end
M.cell_text = function(v) return one_line(cell_text(v)) end

---------------------------------------------------------------------------
-- Columns

-- Keys in display order: integer keys ascending, then record fields in schema
-- order, then other keys alphabetically. (pairs() order changes from run to
-- run, so it is never used as is.)
local function sort_keys(keys)
  table.sort(keys, function(a, b)
    local ta, tb = math.type(a) == "integer", math.type(b) == "integer"
    if ta ~= tb then return ta end
    if ta then return a < b end
    local ra, rb = field_rank[a], field_rank[b]
    if ra and rb then return ra < rb end
    if ra or rb then return ra ~= nil end
    return tostring(a) < tostring(b)
  end)
  return keys
end
M.sort_keys = sort_keys

-- The columns to show: opts.columns, else the list a producer attached to
-- the rows as rows.columns (csv.read's header, summarize's spec), else every
-- key present in the rows shown, in sort_keys order.
local function column_order(rows, n, opts)
  if opts.columns then return opts.columns end
  local attached = rawget(rows, "columns")
  if type(attached) == "table" and #attached > 0 then return attached end
  local seen, keys = {}, {}
  for i = 1, n do
    local row = rows[i]
    if type(row) == "table" then
      for k in pairs(row) do
        if not seen[k] and (type(k) == "string" or math.type(k) == "integer") then
          seen[k] = true
          keys[#keys + 1] = k
        end
      end
    end
  end
  return sort_keys(keys)
end

-- $COLUMNS, else 120.
-- $COLUMNS, else the width of the terminal stdout is (shells do not export
-- COLUMNS), else 120 (a file or a pipe).
local function default_width()
  local cols = tonumber(os.getenv("COLUMNS") or "") or require("petlua.host").columns()
  if cols and cols >= 20 then return math.floor(cols) end
  return 120
end

M.default_width = default_width

local SEP = "  "

-- Chooses the widths. Each column gets its natural width if the line fits.
-- Else, in a wide table (more than 8 columns: records), record fields are
-- left out in drop_first order until long cells need not be cut below 16
-- columns; then the widest columns are cut down to a common cap, though never
-- below their floor (their header, at least 6, at most 16 columns); if even
-- the floors do not fit, columns are left out from the right. Returns the kept column indices and their widths.
local function fit(natural, names, maxw)
  local floor = {}
  for i, name in ipairs(names) do
    floor[i] = math.min(natural[i], math.max(6, math.min(width(one_line(name)), 16)))
  end
  local keep = {}
  for i = 1, #natural do keep[i] = i end
  local function total(cap)
    local sum = #SEP * (#keep - 1)
    for _, i in ipairs(keep) do sum = sum + math.min(natural[i], math.max(cap, floor[i])) end
    return sum
  end
  if #keep > 8 then
    local pos_of = {}
    for pos, i in ipairs(keep) do pos_of[names[i]] = i end
    for _, name in ipairs(drop_first) do
      if total(16) <= maxw then break end
      local i = pos_of[name]
      if i then
        for pos, j in ipairs(keep) do
          if j == i then table.remove(keep, pos); break end
        end
      end
    end
  end
  while #keep > 1 and total(0) > maxw do table.remove(keep) end
  -- The largest cap that fits.
  local lo, hi = 0, 0
  for _, i in ipairs(keep) do hi = math.max(hi, natural[i]) end
  while lo < hi do
    local mid = (lo + hi + 1) // 2
    if total(mid) <= maxw then lo = mid else hi = mid - 1 end
  end
  local widths = {}
  for pos, i in ipairs(keep) do widths[pos] = math.min(natural[i], math.max(lo, floor[i])) end
  return keep, widths
end

local function pad(s, w, right)
  local gap = w - width(s)
  if gap <= 0 then return s end
  if right then return string.rep(" ", gap) .. s end
  return s .. string.rep(" ", gap)
end

-- opts checked. A number is taken as no options: it is the count that
-- set:count_by and set:column return beside their rows, so that
-- show(set:count_by("topic")) works.
local function options(opts, fname)
  if opts == nil or type(opts) == "number" then return {} end
  if type(opts) ~= "table" then
    check.arg(3, 2, fname, "table expected, got %s", type(opts))
  end
  return opts
end

-- The table as a string, ending with a newline. See the top of the file.
function M.format(rows, opts)
  if type(rows) ~= "table" then
    check.arg(2, 1, "format", "table expected, got %s", type(rows))
  end
  opts = options(opts, "format")
  local total_rows = #rows
  -- A single record (no list part) is shown as one row.
  if total_rows == 0 and next(rows) ~= nil and rawget(rows, "columns") == nil then
    rows, total_rows = {rows}, 1
  end
  local shown = math.min(total_rows, opts.max_rows or total_rows)
  local maxw = opts.width or default_width()

  -- Rows that are not tables show as one column, "value".
  local plain = shown > 0 and type(rows[1]) ~= "table"
  local columns = plain and {"value"} or column_order(rows, shown, opts)

  local names, natural, numeric, cells = {}, {}, {}, {}
  for c, key in ipairs(columns) do
    names[c] = tostring(key)
    natural[c] = width(one_line(names[c]))
    numeric[c] = true
  end
  for r = 1, shown do
    local row = rows[r]
    local line = {}
    for c, key in ipairs(columns) do
      local v
      if plain then v = row elseif type(row) == "table" then v = row[key] end
      if v ~= nil and type(v) ~= "number" then numeric[c] = false end
      local text = one_line(cell_text(v))
      line[c] = text
      natural[c] = math.max(natural[c], width(text))
    end
    cells[r] = line
  end
  for c in ipairs(columns) do
    if shown == 0 then numeric[c] = false end
  end

  local out = {}
  local keep, widths = {}, {}
  if #columns > 0 then keep, widths = fit(natural, names, maxw) end
  local function emit(texts)
    local parts = {}
    for pos, c in ipairs(keep) do
      parts[pos] = pad(truncate(texts[c], widths[pos]), widths[pos], numeric[c])
    end
    out[#out + 1] = (table.concat(parts, SEP):gsub("%s+$", ""))
  end
  if #keep > 0 then
    local header = {}
    for c in ipairs(columns) do header[c] = one_line(names[c]) end
    emit(header)
    local rule = {}
    for pos in ipairs(keep) do rule[pos] = string.rep("-", widths[pos]) end
    out[#out + 1] = table.concat(rule, SEP)
    for r = 1, shown do emit(cells[r]) end
  end

  local footer = string.format("(%d %s", total_rows, total_rows == 1 and "row" or "rows")
  if shown < total_rows then footer = footer .. string.format(", first %d shown", shown) end
  local hidden = {}
  local kept = {}
  for _, c in ipairs(keep) do kept[c] = true end
  for c in ipairs(columns) do
    if not kept[c] then hidden[#hidden + 1] = names[c] end
  end
  if #hidden > 0 then
    footer = footer .. string.format("; %d more %s: %s", #hidden,
      #hidden == 1 and "column" or "columns", table.concat(hidden, ", "))
  end
  out[#out + 1] = truncate(footer .. ")", maxw)
  return table.concat(out, "\n") .. "\n"
end

-- Prints format(rows, opts) to opts.file (default stdout). Returns nothing,
-- so the REPL does not print the rows a second time.
function M.show(rows, opts)
  if type(rows) ~= "table" then
    check.arg(2, 1, "show", "table expected, got %s", type(rows))
  end
  opts = options(opts, "show")
  local text = M.format(rows, opts)
  local file = opts.file or io.stdout
  file:write(text)
end

return M
