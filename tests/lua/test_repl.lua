-- petlua.repl: what Tab completes and how the REPL prints values.
local T = dofile("tests/lua/harness.lua")
local repl = require "petlua.repl"

local function complete(text)
  local found, typed = repl.complete(text)
  return {found = found, typed = typed}
end

T.cases("completion", {
  {"pri", {found = {"print"}, typed = 3}},
  {"x = tostr", {found = {"tostring"}, typed = 5}},
  {"whi", {found = {"while"}, typed = 3}},
  {"string.up", {found = {"upper"}, typed = 2}},
  {"petlua.lo", {found = {"load"}, typed = 2}},
  {"petlua.st", {found = {"stats"}, typed = 2}},
  {"petlua.s", {found = {"select", "set", "show", "stats"}, typed = 1}},
  {"(\"x\"):up", {found = {}, typed = 0}, name = "a method of a literal is not guessed"},
  {"math.nosuch.x", {found = {}, typed = 0}},
  {"3.1", {found = {}, typed = 0}, name = "a number is not a field"},
  {"a:b.c", {found = {}, typed = 0}},
}, function(c) T.eq(complete(c[1]), c[2]) end)

T.case("completion of methods through the metatable's __index", function()
  _G.test_set = petlua.set{}
  local c = complete("test_set:fil")
  _G.test_set = nil
  T.eq(c, {found = {"filter"}, typed = 3})
end)

T.case("completion after ':' lists functions only; '__' names only when asked", function()
  local mt = {__index = {go = function() end, speed = 3}}
  _G.test_obj = setmetatable({}, mt)
  local a = complete("test_obj:")
  local b = complete("test_obj.")
  _G.test_obj = nil
  T.eq(a, {found = {"go"}, typed = 0})
  T.eq(b, {found = {"go", "speed"}, typed = 0})
end)

T.cases("Tab: what to insert, or the list to show", {
  {"petlua.lo", "ad", nil},
  {"petlua.se", "", "select  set"},
  {"coroutine.is", "yieldable", nil},
  {"string.for", "mat", nil},
}, function(c)
  local insert, listing = repl.tab(c[1], 80)
  T.eq({insert, listing}, {c[2], c[3]})
end)

T.case("Tab with nothing to complete", function()
  T.eq(repl.tab("zzzqqq", 80), nil)
end)

T.case("the candidates in columns", function()
  T.eq(repl.columns({"a", "bb", "ccc", "dddd", "e"}, 12), "a     dddd\nbb    e\nccc")
end)

T.cases("values", {
  {"plain", "plain"},
  {42, "42"},
  {1.5, "1.5"},
  {true, "true"},
  {{}, "{}"},
  {{1, 2, "z"}, '{1, 2, "z"}'},
  {{10, 20, 30, 40, 50, 60}, "{10, 20, 30,\n 40, 50, 60}", width = 14, name = "a list wraps at the width"},
  {{id = "e-1", topic = "Health", n = 3}, "id    = e-1\ntopic = Health\nn     = 3"},
  {{a = {1, 2}, b = {x = 1}, c = {{}}}, "a = {1, 2}\nb = {x = 1}\nc = {{}}"},
  {{{a = 1, b = "x"}, {a = 22, b = "y"}}, " a  b\n--  -\n 1  x\n22  y\n(2 rows)"},
}, function(c) T.eq(repl.format(c[1], c.width or 80), c[2]) end)

T.case("a long list: its first max_items items and the count", function()
  local t = {}
  for i = 1, 150 do t[i] = i % 10 end
  local saved = repl.max_items
  repl.max_items = 5
  local text = repl.format(t, 80)
  repl.max_items = saved
  T.eq(text, "{1, 2, 3, 4, 5, … (150 items)")
end)

T.case("a long field line is cut to the width", function()
  T.eq(repl.format({text = ("word "):rep(40)}, 20), "text = word word wo…")
end)

T.case("several values: side by side when scalars, on lines when tables", function()
  T.eq(repl.format_values(80, 1, "a", nil), "1\ta\tnil")
  T.eq(repl.format_values(80, {1}, 2), "{1}\n2")
  -- rows printed as a table, then a count: the count on a line of its own
  local rows = setmetatable({{key = "a", n = 1}}, {__tostring = function() return "rows" end})
  local got = repl.format_values(80, rows, 3)
  T.eq(got:sub(-2), "\n3")
end)

T.case("a value with __tostring prints through it", function()
  local v = setmetatable({}, {__tostring = function() return "<thing>" end})
  T.eq(repl.format(v, 80), "<thing>")
end)
