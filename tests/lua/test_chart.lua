-- petlua.chart: terminal bars line by line, SVG documents and files.
local T = dofile("tests/lua/harness.lua")
local chart = require "petlua.chart"
local stats = require "petlua.stats"

local FULL = "█"

T.case("bar: labels padded, bars scaled to the room left, values after", function()
  -- width 30: labels 3 wide, values 1 wide: room 30 - 3 - 1 - 2 = 24 cells
  local lines = chart.bar_lines({
    {name = "a", n = 8}, {name = "bb", n = 4}, {name = "ccc", n = 1}, {name = "d"},
  }, "name", "n", {width = 30})
  T.eq(lines, {
    "a   " .. FULL:rep(24) .. " 8",
    "bb  " .. FULL:rep(12) .. " 4",
    "ccc " .. FULL:rep(3) .. " 1",
    "d",
  })
end)

T.case("bar: eighths of a cell at the end", function()
  -- room 30 - 1 - 1 - 2 = 26; 1/7 of 26 cells = 29.7 eighths -> 30 = 3 cells and 6/8
  local lines = chart.bar_lines({{k = "a", v = 7}, {k = "b", v = 1}}, "k", "v", {width = 30})
  T.eq(lines[1], "a " .. FULL:rep(26) .. " 7")
  T.eq(lines[2], "b " .. FULL:rep(3) .. "▊ 1")
end)

T.case("bar: a tiny value still shows, zero and negative show none", function()
  local lines = chart.bar_lines({{k = "a", v = 1000}, {k = "b", v = 1}, {k = "c", v = 0},
    {k = "d", v = -3}}, "k", "v", {width = 30})
  T.eq(lines[2], "b ▏ 1")
  T.eq(lines[3], "c 0")
  T.eq(lines[4], "d -3")
end)

T.case("bar: labels aligned by display width, not bytes", function()
  local lines = chart.bar_lines({{k = "Montréal", v = 2}, {k = "東京", v = 2}, {k = "e\u{301}t\u{301}e\u{301}", v = 2}},
    "k", "v", {width = 40})
  -- 8 columns of label, then a space: the bars start at column 10 on each line
  T.eq(lines[1]:sub(1, #"Montréal" + 1), "Montréal ")
  T.eq(lines[2]:sub(1, #"東京" + 5), "東京     ")
  T.eq(lines[3]:sub(1, #"e\u{301}t\u{301}e\u{301}" + 6), "e\u{301}t\u{301}e\u{301}      ")
end)

T.case("bar: long labels cut with an ellipsis, missing label (none), title, format", function()
  local lines = chart.bar_lines({{k = "Minister of Foreign Affairs", v = 1.25}, {v = 2}},
    "k", "v", {width = 20, title = "Median days", format = "%.1f"})
  T.eq(lines[1], "Median days")
  T.eq(lines[2]:sub(1, #"Ministe…" + 1), "Ministe… ", "labels take at most 8 columns here")
  T.eq(lines[2]:sub(-4), " 1.2", "%.1f of 1.25 (printf rounds to even)")
  T.eq(lines[3]:sub(1, 9), "(none)   ")
end)

T.case("bar: width from $COLUMNS is capped below by 20; misuse raises", function()
  T.raises("bad argument #1 to 'bar' (table expected, got nil)", chart.bar, nil, "a", "b")
  T.raises("bad argument #3 to 'bar' (field name expected, got nil)", chart.bar_lines, {}, "a")
  T.eq(chart.bar_lines({}, "a", "b"), {})
end)

-- Well-formed XML, checked by python3 (a test dependency) when it is there.
local function well_formed(svg)
  local path = T.temp_file(svg)
  local p = io.popen("python3 -c 'import sys, xml.etree.ElementTree as E; " ..
    "r = E.parse(sys.argv[1]).getroot(); print(r.tag)' " .. path .. " 2>&1")
  local out = p:read("a")
  p:close()
  os.remove(path)
  return out
end

local rows = {
  {label = "Minister of Health", value = 51.5},
  {label = "Prime Minister & <Cabinet> \"quoted\" 'x'", value = 3},
  {label = nil, value = 20},
  {label = "bad \255 byte\1", value = nil},
}

T.case("svg bar: well-formed, title and labels present and escaped", function()
  local svg = chart.svg_text{type = "bar", title = "Days & <days>", rows = rows,
    x_label = "days", marks = {{value = 45, label = "45 days"}}}
  T.eq(svg:sub(1, 38), '<?xml version="1.0" encoding="UTF-8"?>')
  T.eq(svg:sub(-7), "</svg>\n")
  T.eq(well_formed(svg), "{http://www.w3.org/2000/svg}svg\n")
  T.eq(svg:find("<title>Days &amp; &lt;days&gt;</title>", 1, true) ~= nil, true)
  T.eq(svg:find(">Minister of Health<", 1, true) ~= nil, true)
  T.eq(svg:find(">Prime Minister &amp; &lt;Cabinet&gt; &quot;quoted&quot; &apos;x&apos;<", 1, true) ~= nil, true)
  T.eq(svg:find(">(none)<", 1, true) ~= nil, true)
  T.eq(svg:find(">bad \u{FFFD} byte <", 1, true) ~= nil, true, "bad byte replaced, control char a space")
  T.eq(svg:find(">45 days<", 1, true) ~= nil, true)
  T.eq(svg:find(">51.5<", 1, true) ~= nil, true)
  T.eq(select(2, svg:gsub("<rect ", "")), 4, "background and three bars")
end)

T.case("svg histogram from stats.histogram rows and from values", function()
  local h = stats.histogram({1, 2, 2, 3, 4}, 3)
  local svg = chart.svg_text{type = "histogram", title = "Days", rows = h, y_label = "petitions"}
  T.eq(well_formed(svg), "{http://www.w3.org/2000/svg}svg\n")
  T.eq(select(2, svg:gsub("<rect ", "")), 4)
  T.eq(svg:find("<title>2 to 3: 2</title>", 1, true) ~= nil, true)
  svg = chart.svg_text{type = "histogram", values = {1, 2, 3}, bins = 2}
  T.eq(select(2, svg:gsub("<rect ", "")), 3)
end)

T.case("svg line over months: date ticks, one line per series, a gap breaks a line", function()
  local months = {}
  for m = 1, 12 do
    months[m] = {month = string.format("2019-%02d", m), a = m, b = (m ~= 6) and 12 - m or nil}
  end
  local svg = chart.svg_text{type = "line", title = "Per month", rows = months, x = "month", y = {"a", "b"}}
  T.eq(well_formed(svg), "{http://www.w3.org/2000/svg}svg\n")
  -- 12 months span: a tick every 2 months, on odd months
  T.eq(svg:find(">2019-03<", 1, true) ~= nil, true)
  T.eq(svg:find(">2019-02<", 1, true), nil)
  T.eq(select(2, svg:gsub("<polyline ", "")), 3, "a, and b broken at June")
  T.eq(svg:find(">b</text>", 1, true) ~= nil, true, "a legend for two series")
end)

T.case("svg misuse raises at the caller", function()
  T.raises('bad argument #2 to \'svg\' (spec.type must be "bar", "histogram" or "line", got pie)',
    chart.svg_text, {type = "pie", rows = {}})
  T.raises("bad argument #2 to 'svg' (spec.rows: table expected, got nil)", chart.svg_text, {})
  T.raises("bad argument #2 to 'svg' (spec.rows: x mixes numbers and dates)",
    chart.svg_text, {type = "line", rows = {{x = 1, y = 1}, {x = "2020-01", y = 2}}})
  T.raises("bad argument #1 to 'svg' (string expected, got nil)", chart.svg, nil, {rows = {}})
  -- a day the calendar does not have is not a date
  T.raises("bad argument #2 to 'svg' (spec.rows: x must be a number or a date, got 2024-02-31)",
    chart.svg_text, {type = "line", rows = {{x = "2024-02-28", y = 1}, {x = "2024-02-31", y = 2}}})
  T.eq(chart.svg_text{type = "line", rows = {{x = "2024-02-28", y = 1}, {x = "2024-02-29", y = 2}}}
    :find("<polyline ", 1, true) ~= nil, true, "a leap day is one")
  local ok, err = pcall(chart.svg_text, {type = "pie"})
  T.eq(ok, false)
  T.eq(err:find("^tests/lua/test_chart.lua:%d+: bad argument") ~= nil, true, err)
end)

T.case("svg file: written whole, no temporary left; a bad folder raises", function()
  local dir = os.tmpname()
  os.remove(dir)
  assert(lfs.mkdir(dir))
  local path = dir .. "/chart.svg"
  T.eq(chart.svg(path, {rows = rows, title = "t"}), true)
  local f = assert(io.open(path, "rb"))
  local data = f:read("a")
  f:close()
  T.eq(data, chart.svg_text{rows = rows, title = "t"})
  local names = {}
  for name in lfs.dir(dir) do if name ~= "." and name ~= ".." then names[#names + 1] = name end end
  T.eq(names, {"chart.svg"})
  os.remove(path)
  lfs.rmdir(dir)
  T.raises("petlua: cannot write " .. dir .. "/chart.svg: No such file or directory",
    chart.svg, path, {rows = rows})
end)
