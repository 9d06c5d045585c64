-- petlua.stats — descriptive statistics over lists of numbers.
--
-- Input. Every function takes either a list of values `xs`, or a list of
-- records (or rows) and a field: `stats.median(set, "response_days")` is
-- `stats.median(set:column("response_days"))` with the missing ones counted.
-- The field is a name or a function of one record.
--   A list may have holes: its length is xs.n when set (table.pack sets it),
-- else the largest positive integer key, so {1, nil, 3} has three entries,
-- one of them missing.
--
-- Missing values. nil and NaN are missing: they are skipped, and every
-- function returns, as its second result, how many it skipped
-- (`local m, skipped = stats.mean(xs)`). A value that is neither a number
-- nor missing is misuse and raises (count alone accepts any value).
--   The functions of one list (count, sum, mean, median, min, max, stdev)
-- also take an integer second argument: a number of values already known to
-- be missing, added to the count. So `stats.median(set:column("x"))`, which
-- passes column's two results, reports the records without x.
--
-- Empty input. count and sum give 0; mean, median, quantile, min and max give
-- nil when no value is present; stdev needs two values.
local check = require "petlua.check"
local Set = require "petlua.set"

local M = {}

local list_length = require("petlua.set.core").list_length
local type, math_type = type, math.type

-- The entries of a list, holes included: xs.n, else the largest integer key.
local function length(xs)
  if math_type(xs.n) == "integer" then return xs.n end
  return list_length(xs)
end

-- A list with nothing to skip (every entry present, numbers when numeric)
-- is used as it is rather than copied: the callers below only read it, or
-- copy it before sorting (a pass over 40,000 values costs a few ms).
local function is_clean(list, n, numeric)
  if n ~= #list then return false end
  for i = 1, n do
    local v = list[i]
    if v == nil or v ~= v or (numeric and math_type(v) == nil) then return false end
  end
  return true
end

-- (fname, list, [field]) -> array of the present values, number missing.
-- numeric: raise unless every present value is a number. The array may be
-- list itself (see is_clean): never change it.
local function values(fname, list, field, numeric)
  if type(list) ~= "table" then
    check.arg(3, 1, fname, "table expected, got %s", type(list))
  end
  local get, missing = nil, 0
  if math.type(field) == "integer" and field >= 0 then
    missing, field = field, nil -- missing values counted by the caller (set:column)
  end
  if type(field) == "string" then
    get = function(r) return r[field] end
  elseif type(field) == "function" then
    get = field
  elseif field ~= nil then
    check.arg(3, 2, fname, "field name or function expected, got %s", type(field))
  end
  local n = length(list)
  if get == nil and is_clean(list, n, numeric) then return list, missing end
  local out, k = {}, 0
  for i = 1, n do
    local v = list[i]
    if get then
      if type(v) ~= "table" then
        check.arg(3, 1, fname, "record expected at index %d, got %s", i, type(v))
      end
      v = get(v)
    end
    if v == nil or v ~= v then
      missing = missing + 1
    elseif numeric and math_type(v) == nil then
      check.arg(3, 1, fname, "number expected at index %d, got %s", i, type(v))
    else
      k = k + 1
      out[k] = v
    end
  end
  return out, missing
end

-- Splits (list, [field], extra) for functions whose last argument is not a
-- field: quantile(xs, p) or quantile(rows, field, p).
local function split_args(a, b)
  if type(a) == "string" or type(a) == "function" then return a, b end
  return nil, a
end

-- The number of present values (of any type).
function M.count(list, field)
  local xs, missing = values("count", list, field, false)
  return #xs, missing
end

-- The sum of the present values (an integer when they all are); 0 for none.
function M.sum(list, field)
  local xs, missing = values("sum", list, field, true)
  local s = 0
  for _, x in ipairs(xs) do s = s + x end
  return s, missing
end

function M.mean(list, field)
  local xs, missing = values("mean", list, field, true)
  if #xs == 0 then return nil, missing end
  local s = 0
  for _, x in ipairs(xs) do s = s + x end
  return s / #xs, missing
end

-- xs sorted: as it is when it is sorted already (one pass to see, where
-- sorting takes many: a script may pass the same sorted list to median and
-- quantile), else sorted in place, or in a copy when xs is the caller's list.
local function sorted(xs, list)
  for i = 2, #xs do
    if xs[i] < xs[i - 1] then
      if xs == list then xs = table.move(xs, 1, #xs, 1, {}) end
      table.sort(xs)
      return xs
    end
  end
  return xs
end

-- Quantile of sorted values, R's type 7: h = (n - 1) p + 1, then linear
-- interpolation between the order statistics floor(h) and floor(h) + 1.
-- When h falls on a value, that value is returned as it is (an integer
-- stays an integer).
local function quantile_sorted(xs, p)
  local n = #xs
  local h = (n - 1) * p + 1
  local lo = math.floor(h)
  local frac = h - lo
  if frac == 0 or lo >= n then return xs[math.min(lo, n)] end
  return xs[lo] + frac * (xs[lo + 1] - xs[lo])
end

-- quantile(xs, p) or quantile(rows, field, p); p in [0, 1].
function M.quantile(list, a, b)
  local field, p = split_args(a, b)
  if type(p) ~= "number" or p < 0 or p > 1 or p ~= p then
    check.arg(2, field and 3 or 2, "quantile", "number between 0 and 1 expected, got %s", tostring(p))
  end
  local xs, missing = values("quantile", list, field, true)
  if #xs == 0 then return nil, missing end
  return quantile_sorted(sorted(xs, list), p), missing
end

function M.median(list, field)
  local xs, missing = values("median", list, field, true)
  if #xs == 0 then return nil, missing end
  return quantile_sorted(sorted(xs, list), 0.5), missing
end

function M.min(list, field)
  local xs, missing = values("min", list, field, true)
  local m
  for _, x in ipairs(xs) do if m == nil or x < m then m = x end end
  return m, missing
end

function M.max(list, field)
  local xs, missing = values("max", list, field, true)
  local m
  for _, x in ipairs(xs) do if m == nil or x > m then m = x end end
  return m, missing
end

-- Sample standard deviation (divisor n - 1); nil for fewer than two values.
function M.stdev(list, field)
  local xs, missing = values("stdev", list, field, true)
  local n = #xs
  if n < 2 then return nil, missing end
  local mean = 0
  for _, x in ipairs(xs) do mean = mean + x end
  mean = mean / n
  local ss = 0
  for _, x in ipairs(xs) do ss = ss + (x - mean) ^ 2 end
  return math.sqrt(ss / (n - 1)), missing
end

-- Bin edges from a count: equal widths from the smallest to the largest
-- value (width 1 when all values are equal).
local function edges_from_count(xs, bins)
  local lo, hi = math.huge, -math.huge
  for _, x in ipairs(xs) do
    if x < lo then lo = x end
    if x > hi then hi = x end
  end
  if #xs == 0 then lo, hi = 0, bins end
  local width = (hi - lo) / bins
  if width == 0 then width = 1 end
  local edges = {}
  for i = 0, bins do edges[i + 1] = lo + i * width end
  edges[bins + 1] = math.max(hi, edges[bins + 1]) -- no rounding gap at the top
  return edges
end

-- histogram(xs, bins) or histogram(rows, field, bins): rows {from=, to=, n=}.
-- bins is a count (equal-width bins from the smallest to the largest value)
-- or a list of increasing edges e1 < e2 < ... < ek, giving k - 1 bins.
-- Each bin holds from <= x < to, except the last, which also holds x = to.
-- Results: the rows, the number of missing values, and the number of values
-- outside the edges (always 0 for a count).
function M.histogram(list, a, b)
  local field, bins = split_args(a, b)
  local xs, missing = values("histogram", list, field, true)
  local edges
  if math.type(bins) == "integer" and bins >= 1 then
    edges = edges_from_count(xs, bins)
  elseif type(bins) == "table" and #bins >= 2 then
    for i = 2, #bins do
      if type(bins[i]) ~= "number" or type(bins[i - 1]) ~= "number" or bins[i] <= bins[i - 1] then
        check.arg(2, field and 3 or 2, "histogram", "bin edges must be increasing numbers")
      end
    end
    edges = bins
  else
    check.arg(2, field and 3 or 2, "histogram", "a positive integer or a list of at least two edges expected")
  end
  local k = #edges - 1
  local rows = Set.new()
  for i = 1, k do rows[i] = {from = edges[i], to = edges[i + 1], n = 0} end
  local outside = 0
  for _, x in ipairs(xs) do
    if x < edges[1] or x > edges[k + 1] then
      outside = outside + 1
    else
      -- binary search for the bin with from <= x < to (the last bin is closed)
      local l, h = 1, k
      while l < h do
        local mid = (l + h + 1) // 2
        if x >= edges[mid] then l = mid else h = mid - 1 end
      end
      rows[l].n = rows[l].n + 1
    end
  end
  rows.columns = {"from", "to", "n"}
  return rows, missing, outside
end

-- A count table: one row per value of row_field, in key order, with a column
-- per value of col_field (named tostring(value), in key order) holding the
-- number of records. Records whose value is missing are counted under the
-- row or column "(none)", which comes last. The fields are names or key
-- functions (a function row_field names the key column "row"). Returns the
-- rows and the list of column names (the key column first); rows.columns
-- holds the same list.
function M.crosstab(list, row_field, col_field)
  if type(list) ~= "table" then
    check.arg(2, 1, "crosstab", "table expected, got %s", type(list))
  end
  local function getter(field, argn)
    if type(field) == "string" then return function(r) return r[field] end end
    if type(field) == "function" then return field end
    check.arg(3, argn, "crosstab", "field name or function expected, got %s", type(field))
  end
  local row_key, col_key = getter(row_field, 2), getter(col_field, 3)
  local row_name = type(row_field) == "string" and row_field or "row"
  local counts, row_keys, col_keys = {}, {}, {}
  local NONE = {} -- stands for a missing key until the names are written
  for i = 1, length(list) do
    local r = list[i]
    local rk, ck = row_key(r), col_key(r)
    if Set.is_missing(rk) then rk = NONE end
    if Set.is_missing(ck) then ck = NONE end
    row_keys[rk], col_keys[ck] = true, true
    counts[rk] = counts[rk] or {}
    counts[rk][ck] = (counts[rk][ck] or 0) + 1
  end
  local function ordered(keys)
    local has_none = keys[NONE]
    keys[NONE] = nil
    local list_ = Set.sorted_keys(keys)
    if has_none then list_[#list_ + 1] = NONE end
    return list_
  end
  local cols = ordered(col_keys)
  local columns = {row_name}
  for i, c in ipairs(cols) do columns[i + 1] = c == NONE and "(none)" or tostring(c) end
  local rows = Set.new()
  for _, rk in ipairs(ordered(row_keys)) do
    local row = {[row_name] = rk == NONE and "(none)" or rk}
    for i, c in ipairs(cols) do row[columns[i + 1]] = counts[rk][c] or 0 end
    rows[#rows + 1] = row
  end
  rows.columns = columns
  return rows, columns
end

-- The n rows with the largest `field`, largest first; equal values keep
-- their order. Rows where the field is missing are skipped and counted
-- (second result). Returns a new list; the input is not changed.
function M.top(rows, n, field)
  if type(rows) ~= "table" then
    check.arg(2, 1, "top", "table expected, got %s", type(rows))
  end
  if math.type(n) ~= "integer" or n < 0 then
    check.arg(2, 2, "top", "non-negative integer expected, got %s", tostring(n))
  end
  if type(field) ~= "string" and type(field) ~= "function" then
    check.arg(2, 3, "top", "field name or function expected, got %s", type(field))
  end
  local get = type(field) == "string" and function(r) return r[field] end or field
  local kept, missing = Set.new(), 0
  for i = 1, length(rows) do
    local r = rows[i]
    if r == nil or Set.is_missing(get(r)) then missing = missing + 1 else kept[#kept + 1] = r end
  end
  kept:sort(get, true)
  local out = Set.new()
  for i = 1, math.min(n, #kept) do out[i] = kept[i] end
  out.columns = rows.columns
  return out, missing
end

-- Rounds to `decimals` places (default 0), as printf rounds; nil and NaN
-- give nil. A whole result is an integer (44.0 -> 44), so a CSV column
-- reads 44 and 44.5, not 44.0. For output: "mean_days (1 decimal)".
function M.round(x, decimals)
  if x == nil or x ~= x then return nil end
  if type(x) ~= "number" then
    check.arg(2, 1, "round", "number expected, got %s", type(x))
  end
  local r = tonumber(string.format("%." .. (decimals or 0) .. "f", x))
  return math.tointeger(r) or r
end

return M
