-- petlua.set — a set of records: a plain Lua array with methods.
--
-- new(records) gives a list the Set metatable and returns it; `#set`,
-- `set[i]` and `ipairs(set)` work as on any array. The methods work on any
-- list of tables, so rows (from summarize, count_by, csv.read) can be wrapped
-- too: `petlua.set(rows):sort("n", true)`.
--
-- Fields and keys. Where a method takes `field`, it is a field name or a
-- function of one record that returns the key (`function(r) return
-- r.presented and r.presented:sub(1, 4) end`). A key is missing when it is
-- nil or NaN; methods never drop such records silently: sort puts them last,
-- group_by, count_by and column hand them back (or their number) as a second
-- result, summarize gives them a "(none)" row.
--
-- Key order (sort, group order, count_by ties): numbers by value, strings
-- as a reader expects (case and accents ignored first: "Pêches" among the
-- P's, "sécurité" before "Services"; then bytes: "Quebec" before "Québec"),
-- false before true; keys of different types by type: numbers, strings,
-- booleans, then the rest (compared by tostring).
--
-- Record sets (what petlua.load and select give, and the sets their methods
-- make) know their records' fields: a field name that is not the schema's
-- and that no record holds is refused with an error naming it (and the
-- field it may have meant), and filter{field = value} refuses a value of
-- the wrong type for the field. A key function is free. Sets of other rows
-- (petlua.set{...}) take any field.
--
-- A list field (keywords, grievances) groups by item: group_by, count_by
-- and summarize put a record in the group of each of its items.
--
-- Misuse (a wrong argument type, an unknown field) raises; no method here
-- fails otherwise.
local check = require "petlua.check"
local schema = require "petlua.schema"
local set_core = require "petlua.set.core"
local sort_by_keys, collate = set_core.sort_by_keys, set_core.collate

local Set = {}
Set.__index = Set
Set.__name = "petlua.Set"

function Set.new(records)
  if records ~= nil and type(records) ~= "table" then
    check.arg(2, 1, "set", "table expected, got %s", type(records))
  end
  -- a list whose rows wait to be built (a record's signatures_by_constituency)
  -- is built first: its metatable holds them
  if records ~= nil and getmetatable(records) ~= nil and getmetatable(records) ~= Set then
    local _ = #records
  end
  return setmetatable(records or {}, Set)
end

-- A set of records in the schema (the loader's): its field names are checked.
function Set.of_records(records)
  local s = Set.new(records)
  rawset(s, "fields", schema.type_of)
  return s
end

-- A new set that knows the fields `like` knows.
local function derived(like, records)
  local s = Set.new(records)
  rawset(s, "fields", rawget(like, "fields"))
  return s
end

-- The closest of names to name (within two edits, a third of its length), or nil.
local function closest(name, names)
  local best, best_d
  for cand in pairs(names) do
    local n, m = #name, #cand
    if math.abs(n - m) <= 2 then
      local prev = {}
      for j = 0, m do prev[j] = j end
      for i = 1, n do
        local cur = {[0] = i}
        for j = 1, m do
          local cost = name:byte(i) == cand:byte(j) and 0 or 1
          cur[j] = math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
        end
        prev = cur
      end
      local d = prev[m]
      if d <= math.max(1, math.min(2, n // 3)) and (not best_d or d < best_d or (d == best_d and cand < best)) then
        best, best_d = cand, d
      end
    end
  end
  return best
end
Set.closest_field = closest

-- Raises unless field is one the records of set may hold: a schema field, or
-- a key some record holds (an extra CSV column, a field a script added).
local function check_field(set, field, method)
  local fields = rawget(set, "fields")
  if fields and type(field) == "number" then
    check.arg(3, 1, method, "field name or function expected, got number (%s)", tostring(field))
  end
  if not fields or type(field) ~= "string" or fields[field] then return end
  for _, r in ipairs(set) do
    if type(r) == "table" and r[field] ~= nil then return end
  end
  local near = closest(field, fields)
  error(string.format("%s: unknown field '%s'%s", method, field,
    near and " (did you mean '" .. near .. "'?)" or ""), 3)
end
Set.check_field = check_field

-- Raises when the records of set cannot be grouped by field (a field of rows).
local function check_groupable(set, field, method)
  local fields = rawget(set, "fields")
  if not fields or type(field) ~= "string" or not fields[field] then return end
  local why = require("petlua.schema").groupable(field)
  if why then error(method .. ": " .. why, 3) end
end

local TYPE_WORDS = {string = "strings", date = "dates (strings)", datetime = "date-times (strings)",
                    integer = "integers", boolean = "booleans", list = "lists", responses = "lists",
                    counts = "tables"}
local WANT_TYPE = {string = "string", date = "string", datetime = "string", integer = "number",
                   boolean = "boolean"}

-- Raises when filter{field = want} compares a field with a value of another type.
local function check_value(set, field, want)
  local fields = rawget(set, "fields")
  local ty = fields and fields[field]
  if not ty or type(want) == "function" then return end
  if WANT_TYPE[ty] ~= type(want) then
    error(string.format("filter: field '%s' holds %s, not %s (%s)", field, TYPE_WORDS[ty] or ty,
      type(want) == "string" and "a string" or type(want), tostring(want)), 3)
  end
end

function Set.is_set(v)
  return getmetatable(v) == Set
end

function Set.__tostring(s)
  return string.format("petlua set: %d record%s", #s, #s == 1 and "" or "s")
end

-- True for a missing key or value: nil, or NaN (which cannot be a table key).
function Set.is_missing(v)
  return v == nil or v ~= v
end
local is_missing = Set.is_missing

local TYPE_RANK = {number = 1, string = 2, boolean = 3}

-- The order of present keys described at the top: true when a sorts before b.
function Set.less(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then
    local ra, rb = TYPE_RANK[ta] or 4, TYPE_RANK[tb] or 4
    if ra ~= rb then return ra < rb end
    return tostring(a) < tostring(b)
  end
  if ta == "number" then return a < b end
  if ta == "string" then return collate(a, b) < 0 end
  if ta == "boolean" then return (not a) and b end
  return tostring(a) < tostring(b)
end
local less = Set.less

-- field name or function -> function(record) returning the key.
local function keyer(field, method, argn)
  local t = type(field)
  if t == "string" or t == "number" then
    return function(r) return r[field] end
  elseif t == "function" then
    return field
  end
  check.arg(3, argn or 1, method, "field name or function expected, got %s", t)
end

-- The records of list whose field equals want (the common {field = value}
-- filter, without a call per record).
local function filter_equal(list, field, want)
  local out, n = {}, 0
  for _, r in ipairs(list) do
    if r[field] == want then n = n + 1; out[n] = r end
  end
  return out
end

-- A table predicate as a function of one record.
local function table_test(pred)
  local fields, wants = {}, {}
  for field, want in pairs(pred) do fields[#fields + 1], wants[#wants + 1] = field, want end
  return function(r)
    for i = 1, #fields do
      local v, want = r[fields[i]], wants[i]
      if type(want) == "function" then
        if not want(v) then return false end
      elseif v ~= want then
        return false
      end
    end
    return true
  end
end

-- A new set of the records for which pred is true. pred is a function of
-- one record, or a table {field = value, ...} that every field must match:
-- a value that is a function is called with the field's value (`{signatures
-- = function(n) return n and n > 1000 end}`), any other value is compared
-- with ==.
function Set:filter(pred)
  local test
  if type(pred) == "function" then
    test = pred
  elseif type(pred) == "table" then
    for field, want in pairs(pred) do
      check_field(self, field, "filter")
      check_value(self, field, want)
    end
    local field, want = next(pred)
    if field ~= nil and next(pred, field) == nil and type(want) ~= "function" then
      return derived(self, filter_equal(self, field, want))
    end
    test = table_test(pred)
  else
    check.arg(2, 1, "filter", "function or table expected, got %s", type(pred))
  end
  local out, n = {}, 0
  for _, r in ipairs(self) do
    if test(r) then n = n + 1; out[n] = r end
  end
  return derived(self, out)
end

-- Sorts the set in place and returns it. The sort is stable: records with
-- equal keys keep their order. `by` is a field name, a key function of one
-- parameter, or a "less than" function of two parameters (as table.sort
-- takes). With a field or key function, missing keys go last, whatever
-- `desc` says; `desc` = true sorts from largest to smallest.
function Set:sort(by, desc)
  rawset(self, "key_order", nil)              -- summarize's key order is gone
  local items = {}
  if type(by) == "function" and debug.getinfo(by, "u").nparams >= 2 then
    for i, r in ipairs(self) do items[i] = {r = r, i = i} end
    table.sort(items, function(x, y)
      if by(x.r, y.r) then return true end
      if by(y.r, x.r) then return false end
      return x.i < y.i
    end)
  else
    check_field(self, by, "sort")
    local key = keyer(by, "sort")
    -- in C when every key is a number, string or boolean (the usual case:
    -- 0.4 s -> 0.05 s for 77,000 records); else below
    local keys = by
    if type(by) == "function" then
      keys = {}
      for i, r in ipairs(self) do keys[i] = key(r) end
    end
    if sort_by_keys(self, keys, desc) then return self end
    for i, r in ipairs(self) do
      local k -- a key function is not called a second time
      if keys == by then k = key(r) else k = keys[i] end
      items[i] = {r = r, i = i, k = k, missing = is_missing(k)}
    end
    table.sort(items, function(x, y)
      if x.missing or y.missing then
        if x.missing and y.missing then return x.i < y.i end
        return y.missing
      end
      if less(x.k, y.k) then return not desc end
      if less(y.k, x.k) then return desc and true or false end
      return x.i < y.i
    end)
  end
  for i, item in ipairs(items) do self[i] = item.r end
  return self
end

-- Groups the records by key: returns a table key -> set (records in their
-- order in this set), and as a second result the set of records whose key
-- is missing (empty when there are none).
-- Puts r in the group of key k (of each item, for a list; an empty list
-- is missing).
local function add_to_groups(groups, missing, r, k, like)
  if type(k) == "table" then
    if #k == 0 then missing[#missing + 1] = r end
    for _, item in ipairs(k) do add_to_groups(groups, missing, r, item, like) end
  elseif k == nil or k ~= k then
    missing[#missing + 1] = r
  else
    local g = groups[k]
    if not g then g = derived(like, {}); groups[k] = g end
    if g[#g] ~= r then g[#g + 1] = r end          -- a list naming an item twice counts once
  end
end

function Set:group_by(field)
  check_field(self, field, "group_by")
  check_groupable(self, field, "group_by")
  local key = keyer(field, "group_by")
  local by_name = type(field) ~= "function"
  local groups, missing = {}, derived(self, {})
  for _, r in ipairs(self) do
    local k
    if by_name then k = r[field] else k = key(r) end
    add_to_groups(groups, missing, r, k, self)
  end
  return groups, missing
end

-- The keys of a table, sorted in key order.
function Set.sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, less)
  return keys
end

-- Rows {key=, n=}, most frequent first, equal counts in key order; and, as a
-- second result, the number of records whose key is missing.
function Set:count_by(field)
  check_field(self, field, "count_by")
  check_groupable(self, field, "count_by")
  local key = keyer(field, "count_by")
  local counts, missing = {}, 0
  for _, r in ipairs(self) do
    local k = key(r)
    if type(k) == "table" then                   -- a list: each item counts (once)
      local seen = {}
      for _, item in ipairs(k) do
        if not is_missing(item) and not seen[item] then
          seen[item] = true
          counts[item] = (counts[item] or 0) + 1
        end
      end
      if next(seen) == nil then missing = missing + 1 end
    elseif is_missing(k) then
      missing = missing + 1
    else
      counts[k] = (counts[k] or 0) + 1
    end
  end
  local rows = Set.new()
  for k, n in pairs(counts) do rows[#rows + 1] = {key = k, n = n} end
  table.sort(rows, function(a, b)
    if a.n ~= b.n then return a.n > b.n end
    return less(a.key, b.key)
  end)
  rows.columns = {"key", "n"}
  return rows, missing
end

-- The values of a field that are present, in record order, and the number
-- of records where it is missing.
function Set:column(field)
  check_field(self, field, "column")
  local key = keyer(field, "column")
  local by_name = type(field) ~= "function"
  local values, n, missing = {}, 0, 0
  for _, r in ipairs(self) do
    local v
    if by_name then v = r[field] else v = key(r) end
    if v == nil or v ~= v then missing = missing + 1 else n = n + 1; values[n] = v end
  end
  return values, missing
end

-- One row per group, groups in key order, then (when some records have no
-- key) a row for them whose key is opts.none (default "(none)"; false leaves
-- them out), then (when opts.total is given) a row over the whole set whose
-- key is opts.total (e.g. "all").
--   by    a field name or key function; nil gives a single row over the set.
--   spec  a list of {name, fn}: fn(subset) gives the column's value (its
--         first result only, so stats functions can be used as they are).
--   opts.name  the key column's name (default: by when it is a name, else "key").
-- Rows are a set; rows.columns lists the column names in order.
function Set:summarize(by, spec, opts)
  if type(spec) ~= "table" then
    check.arg(2, 2, "summarize", "table expected, got %s", type(spec))
  end
  for i, col in ipairs(spec) do
    if type(col) ~= "table" or type(col[1]) ~= "string" or type(col[2]) ~= "function" then
      check.arg(2, 2, "summarize", "entry %d is not {name, function}", i)
    end
  end
  opts = opts or {}
  check_field(self, by, "summarize")
  local keycol
  if by ~= nil then
    keyer(by, "summarize")
    keycol = opts.name or (type(by) == "string" and by) or "key"
  end
  -- a column named as the group field would write over the group's label
  -- (response_times --by late): it takes the suffix _count
  local names = {}
  for i, col in ipairs(spec) do
    names[i] = col[1] == keycol and col[1] .. "_count" or col[1]
  end
  local function row_for(subset, key)
    local row = {}
    if keycol then row[keycol] = key end
    for i, col in ipairs(spec) do
      row[names[i]] = (col[2](subset))
    end
    return row
  end
  local rows, columns = Set.new(), {}
  if by ~= nil then
    columns[1] = keycol
    local groups, missing = self:group_by(by)
    for _, k in ipairs(Set.sorted_keys(groups)) do
      rows[#rows + 1] = row_for(groups[k], k)
    end
    rows.key_order = keycol                  -- for output's --labels: rows in key order
    local none = opts.none == nil and "(none)" or opts.none
    if #missing > 0 and none then
      rows[#rows + 1] = row_for(missing, none)
    end
    if opts.total then
      rows[#rows + 1] = row_for(self, opts.total)
      rows.total_row = rows[#rows]            -- for output's --no-total
    end
  else
    rows[1] = row_for(self)
  end
  for _, name in ipairs(names) do columns[#columns + 1] = name end
  rows.columns = columns
  return rows
end

-- Per field the vocabularies canonicalize, how many records hold a value no
-- vocabulary explains: a department missing where a responder is printed; a
-- topic kept as printed (one of set.unmapped's, so known only for a set that
-- petlua.load or petlua.select made).
local function count_unmapped(set)
  local kept = nil
  if type(rawget(set, "unmapped")) == "table" then
    kept = {}
    for _, u in ipairs(set.unmapped) do
      if u.field == "topic" then kept[u.value] = true end
    end
  end
  local department, topic = 0, kept and 0 or nil
  for _, r in ipairs(set) do
    if r.department == nil and r.responder ~= nil then department = department + 1 end
    if kept and r.topic ~= nil and kept[r.topic] then topic = topic + 1 end
  end
  return {department = department, topic = topic}
end

-- Rows {field=, present=, missing=, unmapped=} for every field of the record
-- schema, in schema order: how complete the data is. A field counts as missing
-- where it holds no data: nil, NaN (or, defensively, "" or an empty table).
-- unmapped, for department and topic only: the records whose printed value no
-- vocabulary explains (see count_unmapped).
function Set:coverage()
  -- one pass over the records, each looked at for every field while it is
  -- in the cache (a pass per field took 1.8 s on 77,000 records)
  local names, present = schema.names, {}
  for i = 1, #names do present[i] = 0 end
  local n_names, type, next, getmetatable = #names, type, next, getmetatable
  for _, r in ipairs(self) do
    for i = 1, n_names do
      local v = r[names[i]]
      -- A table with a metatable is a list of constituency rows waiting to be
      -- built (petlua.page), never empty: counted without building it.
      if v ~= nil and v == v and v ~= "" and
          (type(v) ~= "table" or next(v) ~= nil or getmetatable(v) ~= nil) then
        present[i] = present[i] + 1
      end
    end
  end
  local unmapped = count_unmapped(self)
  local rows = Set.new()
  for i, name in ipairs(names) do
    rows[i] = {field = name, present = present[i], missing = #self - present[i], unmapped = unmapped[name]}
  end
  rows.columns = {"field", "present", "missing", "unmapped"}
  return rows
end

-- set:to_csv(path or "-", [columns], [{excel = true}]) -> true: one row per
-- record in the record CSV (csvrec.lua), which petlua.load reads back.
function Set:to_csv(path, columns, opts) return require("petlua.csvrec").write_set(self, path, columns, opts) end

-- set:to_sqlite(path, [opts]) -> true: the records as one SQLite database
-- (tables petitions, one per field of a list, counts or rows kind --
-- responses, grievances, signatures_by_province, signatures_by_constituency
-- ... -- and meta, full-text search: src/record_sqlite.h, src/tidy.h),
-- whole or not at all.
-- meta gets opts.as_of and one row per opts.sources, by default the load's
-- (set.as_of, set.sources). petlua.load reads the file back.
function Set:to_sqlite(path, opts)
  opts = opts or {}
  local meta = {}
  local as_of = opts.as_of or rawget(self, "as_of")
  if as_of then meta[#meta + 1] = {"as_of", tostring(as_of)} end
  for _, source in ipairs(opts.sources or rawget(self, "sources") or {}) do
    meta[#meta + 1] = {"source", tostring(source)}
  end
  return (check.relay(2, require("petlua.tidy").sqlite, path, self, meta))  -- not a tail call: level 2 is our caller
end

-- set:to_csv_tidy(dir) -> true: the same tables as CSV files in dir
-- (petitions.csv, responses.csv, ...), each whole or not at all.
function Set:to_csv_tidy(dir) return (check.relay(2, require("petlua.tidy").csv, dir, self)) end

return Set
