-- petlua.stats: every function against values worked out by hand.
local T = dofile("tests/lua/harness.lua")
local stats = require "petlua.stats"
local NaN = 0 / 0

T.case("count counts present values of any type, and the missing ones", function()
  T.eq({stats.count({1, "a", true})}, {3, 0})
  T.eq({stats.count({1, nil, 3})}, {2, 1})
  T.eq({stats.count(table.pack(nil, nil))}, {0, 2}, "xs.n gives the length")
  T.eq({stats.count({})}, {0, 0})
end)

T.case("sum keeps integers, skips nil and NaN", function()
  T.eq({stats.sum({1, 2, 3})}, {6, 0})
  T.eq({stats.sum({1, nil, 3, NaN})}, {4, 2})
  T.eq({stats.sum({0.5, 1})}, {1.5, 0})
  T.eq({stats.sum({})}, {0, 0})
end)

T.case("mean", function()
  T.eq({stats.mean({1, 2, 3, 4})}, {2.5, 0})
  T.eq({stats.mean({2, NaN, 4})}, {3.0, 1})
  T.eq({stats.mean({nil, nil, n = 2})}, {nil, 2})
end)

T.case("median: odd count returns the middle value itself", function()
  T.eq({stats.median({3, 1, 2})}, {2, 0})
  T.eq({stats.median({4, 1, 3, 2})}, {2.5, 0})
  T.eq({stats.median({44, nil, 45})}, {44.5, 1})
  T.eq({stats.median({})}, {nil, 0})
end)

T.cases("quantile type 7", {
  {name = "p=0.9 of 1..4", xs = {1, 2, 3, 4}, p = 0.9, want = 3.7},  -- h = 3*0.9+1 = 3.7
  {name = "p=0.5 of 1..4", xs = {1, 2, 3, 4}, p = 0.5, want = 2.5},
  {name = "p=0", xs = {4, 1, 3, 2}, p = 0, want = 1},
  {name = "p=1", xs = {4, 1, 3, 2}, p = 1, want = 4},
  {name = "on an order statistic", xs = {50, 10, 40, 20, 30}, p = 0.25, want = 20}, -- h = 2
  {name = "p=0.4 (NumPy: 29.0)", xs = {15, 20, 35, 40, 50}, p = 0.4, want = 29}, -- h = 2.6: 20 + .6*15
  {name = "one value", xs = {7}, p = 0.9, want = 7},
}, function(c)
  T.near(stats.quantile(c.xs, c.p), c.want, 1e-12)
end)

T.case("quantile on an order statistic keeps an integer; counts missing", function()
  local q, missing = stats.quantile({50, nil, 10, 40, 20, 30, n = 6}, 0.25)
  T.eq(math.type(q), "integer")
  T.eq({q, missing}, {20, 1})
  T.eq({stats.quantile({nil, n = 1}, 0.5)}, {nil, 1})
end)

T.case("quantile rejects p outside [0, 1]", function()
  T.raises("bad argument #2 to 'quantile' (number between 0 and 1 expected, got 1.5)",
    stats.quantile, {1, 2}, 1.5)
  T.raises("bad argument #3 to 'quantile' (number between 0 and 1 expected, got nil)",
    stats.quantile, {{d = 1}}, "d")
end)

T.case("min and max", function()
  T.eq({stats.min({3, nil, -2, 8, n = 4})}, {-2, 1})
  T.eq({stats.max({3, nil, -2, 8, n = 4})}, {8, 1})
  T.eq({stats.min({})}, {nil, 0})
  T.eq({stats.max({NaN})}, {nil, 1})
end)

T.case("stdev is the sample standard deviation (n - 1)", function()
  -- mean 5, squares 9+1+1+1+0+0+4+16 = 32, 32/7, sqrt
  local s, missing = stats.stdev({2, 4, 4, 4, 5, 5, 7, 9, nil, n = 9})
  T.near(s, math.sqrt(32 / 7), 1e-12)
  T.near(s, 2.138089935299395, 1e-12)
  T.eq(missing, 1)
  T.eq({stats.stdev({5})}, {nil, 0})
  T.eq({stats.stdev({1, 3})}, {math.sqrt(2), 0})
end)

T.case("a list of records and a field, or a key function", function()
  local rows = {{d = 1}, {d = nil}, {d = 5}, {x = 1}}
  T.eq({stats.median(rows, "d")}, {3.0, 2})
  T.eq({stats.count(rows, "d")}, {2, 2})
  T.eq({stats.sum(rows, function(r) return r.d and r.d * 10 end)}, {60, 2})
  T.near(stats.quantile(rows, "d", 0.9), 4.6, 1e-12) -- h = 1.9: 1 + .9*4
end)

T.case("an integer second argument adds values known to be missing", function()
  local Set = require "petlua.set"
  local s = Set.new{{d = 4}, {}, {d = 2}, {}}
  T.eq({stats.median(s:column("d"))}, {3.0, 2})
  T.eq({stats.count(s:column("d"))}, {2, 2})
  T.eq({stats.max({1, nil, 3, n = 3}, 5)}, {3, 6})
end)

T.case("misuse raises with the index", function()
  T.raises("bad argument #1 to 'mean' (number expected at index 2, got string)",
    stats.mean, {1, "x"})
  T.raises("bad argument #1 to 'sum' (table expected, got nil)", stats.sum, nil)
  T.raises("bad argument #2 to 'max' (field name or function expected, got boolean)",
    stats.max, {}, true)
  T.raises("bad argument #1 to 'median' (record expected at index 1, got number)",
    stats.median, {1}, "d")
end)

T.case("histogram with a count of bins", function()
  -- lo 1, hi 4, width 1: [1,2) [2,3) [3,4]
  local rows, missing, outside = stats.histogram({1, 2, 2, 3, 4, nil, n = 6}, 3)
  T.eq(rows, {{from = 1, to = 2, n = 1}, {from = 2, to = 3, n = 2}, {from = 3, to = 4, n = 2},
              columns = {"from", "to", "n"}})
  T.eq({missing, outside}, {1, 0})
end)

T.case("histogram with edges: last bin closed, values outside counted", function()
  local rows, missing, outside = stats.histogram({10, 45, 90, 100, -1, NaN}, {0, 45, 90})
  T.eq(rows[1], {from = 0, to = 45, n = 1})
  T.eq(rows[2], {from = 45, to = 90, n = 2})
  T.eq({#rows, missing, outside}, {2, 1, 2})
end)

T.case("histogram of equal values, and of nothing", function()
  local rows = stats.histogram({5, 5}, 2) -- width 1: [5,6) [6,7]
  T.eq({rows[1].from, rows[1].to, rows[1].n, rows[2].to, rows[2].n}, {5, 6, 2, 7, 0})
  rows = stats.histogram({}, 1)
  T.eq(rows[1].n, 0)
  T.raises("bad argument #2 to 'histogram' (bin edges must be increasing numbers)",
    stats.histogram, {1}, {3, 2})
  T.raises("bad argument #2 to 'histogram' (a positive integer or a list of at least two edges expected)",
    stats.histogram, {1}, 0)
end)

T.case("crosstab counts, (none) last", function()
  local recs = {
    {caucus = "Liberal", late = true}, {caucus = "Liberal", late = false},
    {caucus = "Conservative", late = true}, {caucus = nil, late = true},
    {caucus = "Liberal"},
  }
  local rows, columns = stats.crosstab(recs, "caucus", "late")
  T.eq(columns, {"caucus", "false", "true", "(none)"})
  T.eq(rows[1], {caucus = "Conservative", ["false"] = 0, ["true"] = 1, ["(none)"] = 0})
  T.eq(rows[2], {caucus = "Liberal", ["false"] = 1, ["true"] = 1, ["(none)"] = 1})
  T.eq(rows[3], {caucus = "(none)", ["false"] = 0, ["true"] = 1, ["(none)"] = 0})
  T.eq(#rows, 3)
  T.eq(rows.columns, columns)
end)

T.case("top: largest first, stable, missing skipped and counted", function()
  local rows = {{k = "a", n = 2}, {k = "b", n = 5}, {k = "c"}, {k = "d", n = 2}, {k = "e", n = 9}}
  local best, missing = stats.top(rows, 3, "n")
  T.eq(best, {{k = "e", n = 9}, {k = "b", n = 5}, {k = "a", n = 2}})
  T.eq(missing, 1)
  T.eq(#stats.top(rows, 10, "n"), 4)
  T.eq(stats.top(rows, 4, "n")[4].k, "d", "ties keep their order")
  T.eq(rows[1].k, "a", "input unchanged")
  T.raises("bad argument #2 to 'top' (non-negative integer expected, got 1.5)", stats.top, rows, 1.5, "n")
end)

T.case("round", function()
  T.eq(stats.round(44.44, 1), 44.4)
  T.eq(stats.round(2 / 3, 3), 0.667)
  T.eq(stats.round(44.6), 45)
  T.eq(math.type(stats.round(44.6)), "integer")
  T.eq(stats.round(nil, 1), nil)
  T.eq(math.type(stats.round(44.04, 1)), "integer", "a whole result is an integer")
  T.eq(stats.round(0.1235, 3), 0.123, "0.1235 is stored a little below: printf rounds down")
  T.raises("bad argument #1 to 'round' (number expected, got string)", stats.round, "1")
end)
