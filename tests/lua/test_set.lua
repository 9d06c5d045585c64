-- petlua.set: every method on small hand-made record lists.
local T = dofile("tests/lua/harness.lua")
local Set = require "petlua.set"
local schema = require "petlua.schema"

-- Five records; ids tell the original order.
local function sample()
  return Set.new{
    {id = "a", topic = "Health", days = 30, caucus = "Liberal"},
    {id = "b", topic = "Environment", days = 50, caucus = nil},
    {id = "c", topic = "Health", days = nil, caucus = "Conservative"},
    {id = "d", topic = "Justice", days = 30, caucus = "Liberal"},
    {id = "e", topic = "Environment", days = 10, caucus = "Liberal"},
  }
end

local function ids(list)
  local out = {}
  for i, r in ipairs(list) do out[i] = r.id end
  return table.concat(out, " ")
end

T.case("new, is_set, tostring", function()
  local s = Set.new{{id = "x"}}
  T.eq(Set.is_set(s), true)
  T.eq(Set.is_set({}), false)
  T.eq(tostring(s), "petlua set: 1 record")
  T.eq(tostring(Set.new()), "petlua set: 0 records")
  T.eq(#s, 1)
  T.raises("bad argument #1 to 'set' (table expected, got string)", Set.new, "x")
end)

T.case("filter with a function gives a new set", function()
  local s = sample()
  local f = s:filter(function(r) return r.days and r.days >= 30 end)
  T.eq(ids(f), "a b d")
  T.eq(Set.is_set(f), true)
  T.eq(#s, 5, "the set itself is unchanged")
end)

T.case("filter with a table: every field must match", function()
  local s = sample()
  T.eq(ids(s:filter{topic = "Health"}), "a c")
  T.eq(ids(s:filter{topic = "Health", caucus = "Liberal"}), "a")
  T.eq(ids(s:filter{days = function(d) return d == nil end}), "c")
  T.eq(ids(s:filter{}), "a b c d e")
  T.eq(#s:filter{topic = "Nothing"}, 0)
  T.raises("bad argument #1 to 'filter' (function or table expected, got string)",
    function() s:filter("topic") end)
end)

T.case("sort by a field: stable, missing last, returns the set", function()
  local s = sample()
  T.eq(s:sort("days") == s, true)
  T.eq(ids(s), "e a d b c")
  T.eq(ids(sample():sort("days", true)), "b a d e c", "descending: ties still in order, missing last")
  T.eq(ids(sample():sort("caucus")), "c a d e b")
  T.eq(ids(sample():sort("caucus", true)), "a d e c b")
end)

T.case("sort stability on many equal keys", function()
  local s = Set.new()
  for i = 1, 200 do s[i] = {id = i, k = i % 3} end
  s:sort("k")
  for i = 2, 200 do
    local a, b = s[i - 1], s[i]
    if a.k == b.k and a.id > b.id then error("unstable at " .. i) end
    if a.k > b.k then error("unsorted at " .. i) end
  end
end)

T.case("sort by a key function, and by a less-than function", function()
  T.eq(ids(sample():sort(function(r) return r.topic end)), "b e a c d")
  local s = sample():sort(function(x, y) return #x.topic < #y.topic end)
  T.eq(ids(s), "a c d b e", "lengths 6 6 7 11 11, ties in order")
  local n = Set.new{{id = "x", v = 2}, {id = "y", v = 0 / 0}, {id = "z", v = 1}}
  T.eq(ids(n:sort("v")), "z x y", "NaN counts as missing")
  T.raises("bad argument #1 to 'sort' (field name or function expected, got boolean)",
    function() sample():sort(true) end)
end)

T.case("sort of mixed types: numbers, strings, booleans", function()
  local s = Set.new{{id = 1, v = "b"}, {id = 2, v = true}, {id = 3, v = 10}, {id = 4, v = false},
                    {id = 5, v = 9}, {id = 6, v = "a"}}
  s:sort("v")
  T.eq({s[1].id, s[2].id, s[3].id, s[4].id, s[5].id, s[6].id}, {5, 3, 6, 1, 4, 2})
end)

-- The order set:sort promises, written plainly: present keys by Set.less
-- (reversed when desc), missing keys (nil, NaN) last, ties in list order.
local function reference_order(keys, n, desc)
  local idx = {}
  for i = 1, n do idx[i] = i end
  local function missing(k) return k == nil or k ~= k end
  table.sort(idx, function(a, b)
    local ka, kb = keys[a], keys[b]
    if missing(ka) or missing(kb) then
      if missing(ka) and missing(kb) then return a < b end
      return missing(kb)
    end
    if Set.less(ka, kb) then return not desc end
    if Set.less(kb, ka) then return desc end
    return a < b
  end)
  return idx
end

T.case("sort calls a key function once per record, table keys too", function()
  local calls, odd = 0, {}
  local s = Set.new{{v = 2}, {v = odd}, {v = 1}}
  s:sort(function(r) calls = calls + 1; return r.v end)
  T.eq(calls, 3)
  T.eq({s[1].v, s[2].v, s[3].v}, {1, 2, odd})
end)

T.case("sort agrees with the plain order on 2,000 random mixed keys", function()
  local pool = {0, 1, -1, 2.5, -0.0, 1e300, -1e300, math.maxinteger, math.mininteger,
                2^53, 2^53 + 1, 9007199254740993, 0 / 0, "", "a", "B", "b", "é", "z",
                "a\0b", "a\0c", "a\0", "10", "9", true, false, nil}
  local seed = 12345
  local function rand(m) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % m + 1 end
  local n = 2000
  for _, with_table in ipairs({false, true}) do
    local keys, rows = {}, {}
    for i = 1, n do
      keys[i] = pool[rand(#pool + 1)]                   -- + 1: nil now and then
      rows[i] = {k = keys[i], i = i}
    end
    if with_table then keys[7] = {}; rows[7].k = keys[7] end -- ordered by tostring: the Lua path
    for _, desc in ipairs({false, true}) do
      local want = reference_order(keys, n, desc)
      for _, by in ipairs({"k", function(r) return r.k end}) do
        local s = Set.new(table.move(rows, 1, n, 1, {}))
        s:sort(by, desc)
        local got = {}
        for i = 1, n do got[i] = s[i].i end
        T.eq(got, want, string.format("desc %s, by %s, table key %s", desc, type(by), with_table))
      end
    end
  end
end)

T.case("group_by: key -> set, and the records without a key", function()
  local groups, missing = sample():group_by("caucus")
  T.eq(ids(groups.Liberal), "a d e")
  T.eq(ids(groups.Conservative), "c")
  T.eq(Set.is_set(groups.Liberal), true)
  T.eq(ids(missing), "b")
  T.eq(Set.sorted_keys(groups), {"Conservative", "Liberal"})
  local by_parity, none = sample():group_by(function(r) return r.days and r.days % 20 end)
  T.eq(ids(by_parity[10]), "a b d e", "30, 50, 30, 10 all give 10; set order kept")
  T.eq(ids(none), "c")
end)

T.case("count_by: most frequent first, ties in key order, missing counted", function()
  local rows, missing = sample():count_by("caucus")
  T.eq(rows, {{key = "Liberal", n = 3}, {key = "Conservative", n = 1}, columns = {"key", "n"}})
  T.eq(missing, 1)
  rows = sample():count_by("topic")
  T.eq(rows[1], {key = "Environment", n = 2}, "tie with Health: key order")
  T.eq(rows[2], {key = "Health", n = 2})
  T.eq(rows[3], {key = "Justice", n = 1})
  local by_days = sample():count_by("days")
  T.eq({by_days[1].key, by_days[2].key, by_days[3].key}, {30, 10, 50})
end)

T.case("column: present values in order, and the number missing", function()
  T.eq({sample():column("days")}, {{30, 50, 30, 10}, 1})
  T.eq({sample():column(function(r) return r.id:upper() end)}, {{"A", "B", "C", "D", "E"}, 0})
end)

local function n(s) return #s end
local function total(s)
  local t = 0
  for _, r in ipairs(s) do t = t + (r.days or 0) end
  return t
end

T.case("summarize by a field: key order, (none), total", function()
  local rows = sample():summarize("caucus", {{"petitions", n}, {"days", total}}, {total = "all"})
  T.eq(rows.columns, {"caucus", "petitions", "days"})
  T.eq(rows[1], {caucus = "Conservative", petitions = 1, days = 0})
  T.eq(rows[2], {caucus = "Liberal", petitions = 3, days = 70})
  T.eq(rows[3], {caucus = "(none)", petitions = 1, days = 50})
  T.eq(rows[4], {caucus = "all", petitions = 5, days = 120})
  T.eq(#rows, 4)
end)

T.case("summarize: none = false drops keyless records, a custom label", function()
  local rows = sample():summarize("caucus", {{"petitions", n}}, {none = false})
  T.eq(#rows, 2)
  rows = sample():summarize("caucus", {{"petitions", n}}, {none = "?"})
  T.eq(rows[3], {caucus = "?", petitions = 1})
end)

T.case("summarize by a function, named; and over the whole set", function()
  local rows = sample():summarize(function(r) return r.days and r.days >= 30 end,
    {{"petitions", n}}, {name = "slow"})
  T.eq(rows.columns, {"slow", "petitions"})
  T.eq(rows[1], {slow = false, petitions = 1})
  T.eq(rows[2], {slow = true, petitions = 3})
  T.eq(rows[3], {slow = "(none)", petitions = 1})
  rows = sample():summarize(function(r) return r.id end, {{"petitions", n}})
  T.eq(rows.columns[1], "key")
  rows = sample():summarize(nil, {{"petitions", n}, {"days", total}})
  T.eq(rows, {{petitions = 5, days = 120}, columns = {"petitions", "days"}})
end)

T.case("summarize keeps only the first result of a column function", function()
  local rows = sample():summarize(nil, {{"x", function() return 1, 2 end}})
  T.eq(rows[1], {x = 1})
end)

T.case("summarize misuse", function()
  T.raises("bad argument #2 to 'summarize' (entry 1 is not {name, function})",
    function() sample():summarize("topic", {{"n"}}) end)
  T.raises("bad argument #2 to 'summarize' (table expected, got nil)",
    function() sample():summarize("topic") end)
end)

T.case("coverage: every schema field in order", function()
  local s = Set.new{
    {id = "e-1", topic = "Health", grievances = {"x"}, keywords = {}, late = false},
    {id = "e-2", topic = "", signatures = 12},
    {id = "e-3", response_days = 0 / 0},
  }
  local rows = s:coverage()
  T.eq(#rows, #schema.fields)
  T.eq(rows.columns, {"field", "present", "missing", "unmapped"})
  local by = {}
  for i, r in ipairs(rows) do
    T.eq(r.field, schema.fields[i].name)
    by[r.field] = r
  end
  T.eq(rows[1], {field = "id", present = 3, missing = 0})
  T.eq(by.topic, {field = "topic", present = 1, missing = 2}, "an empty string counts as missing")
  T.eq(by.response_days.present, 0, "NaN counts as missing")
  T.eq(by.grievances.present, 1)
  T.eq(by.keywords.present, 0, "an empty list counts as missing")
  T.eq(by.late.present, 1, "false is a value")
  T.eq(by.signatures.present, 1)
  T.eq(by.source, {field = "source", present = 0, missing = 3})
end)

T.case("the schema lists the design's fields, in order", function()
  T.eq(schema.names[1], "id")
  T.eq(schema.names[#schema.names], "source")
  T.eq(schema.type_of.parliament, "integer")
  T.eq(schema.type_of.presented, "date")
  T.eq(schema.type_of.signatures_by_constituency, "constituencies")
  T.eq(#schema.names, 54)
end)

-- ---------------------------------------------------------------- record sets

local records = petlua.load("made-up/examples", {quiet = true, as_of = "2025-01-01"})

T.case("a record set refuses a field that is not the schema's, naming the one it may mean", function()
  T.raises("filter: unknown field 'respondr' (did you mean 'responder'?)", records.filter, records, {respondr = "x"})
  T.raises("sort: unknown field 'nosuch'", records.sort, records, "nosuch")
  T.raises("group_by: unknown field 'topik' (did you mean 'topic'?)", records.group_by, records, "topik")
  T.raises("count_by: unknown field 'parlament' (did you mean 'parliament'?)", records.count_by, records, "parlament")
  T.raises("column: unknown field 'nosuch'", records.column, records, "nosuch")
  -- a number is no field of a record (it counted every record as missing)
  T.raises("bad argument #1 to 'count_by' (field name or function expected, got number (42))",
    records.count_by, records, 42)
  -- a field of rows has no key to group by (every record fell in "(none)")
  T.raises("group_by: cannot group by 'responses': it holds responses, not a value (group by a field of one value or a list of strings, such as department)",
    records.group_by, records, "responses")
  T.raises("count_by: cannot group by 'signatures_by_province': it holds a count per place, not a value (group by a field of one value or a list of strings, such as department)",
    records.count_by, records, "signatures_by_province")
  T.raises("summarize: unknown field 'nosuch'", records.summarize, records, "nosuch", {{"n", function(s) return #s end}})
  -- what filter gives is a record set too
  local fr = records:filter{lang = "fr"}
  T.raises("unknown field 'nosuch'", fr.sort, fr, "nosuch")
  -- a key function is free; a field some record holds is known (a script's own)
  T.eq(#records:group_by(function(r) return r.nosuch end), 0)
  records[1].my_mark = true
  T.eq(#records:filter{my_mark = true}, 1)
  records[1].my_mark = nil
  -- rows that are not records take any field
  T.eq(#petlua.set{{a = 1}}:sort("b"), 1)
end)

T.case("filter refuses a value of another type than the field's, naming both", function()
  T.raises("filter: field 'parliament' holds integers, not a string (44)", records.filter, records, {parliament = "44"})
  T.raises("filter: field 'late' holds booleans, not number (1)", records.filter, records, {late = 1})
  T.raises("filter: field 'keywords' holds lists", records.filter, records, {keywords = "Health"})
  T.eq(#records:filter{parliament = 44} > 0, true)
end)

T.case("a list field groups by item: a record in the group of each of its items", function()
  local s = petlua.set{{k = {"a", "b"}}, {k = {"b"}}, {k = {}}, {}, {k = {"a", "a"}}}
  local groups, missing = s:group_by("k")
  T.eq({#groups.a, #groups.b, #missing}, {2, 2, 2})
  local rows, none = s:count_by("k")
  T.eq({rows[1].key, rows[1].n, rows[2].key, rows[2].n, none}, {"a", 2, "b", 2, 2})
  local sum = s:summarize("k", {{"n", function(g) return #g end}})
  T.eq({sum[1].k, sum[1].n, sum[2].k, sum[2].n, sum[3].k, sum[3].n}, {"a", 2, "b", 2, "(none)", 2})
end)

T.case("summarize keeps the group's label when a column has the group field's name", function()
  local s = petlua.set{{late = true}, {late = false}, {late = true}}
  local rows = s:summarize("late", {{"late", function(g) return #g:filter{late = true} end}})
  T.eq(rows.columns, {"late", "late_count"})
  T.eq({rows[1].late, rows[1].late_count, rows[2].late, rows[2].late_count}, {false, 0, true, 2})
end)
