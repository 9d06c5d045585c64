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

T.case("bar: NaN and infinite values are missing: no bar, no number", function()
  local lines = chart.bar_lines({{k = "a", v = math.huge}, {k = "b", v = 2}, {k = "c", v = -math.huge},
    {k = "d", v = 0 / 0}}, "k", "v", {width = 30})
  T.eq(lines, {"a", "b " .. FULL:rep(26) .. " 2", "c", "d"})
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
  T.eq(svg:find(">(none)<", 1, true), nil, "the row without a label is left out")
  T.eq(svg:find(">not drawn: (none), value 20<", 1, true) ~= nil, true, "and a note says so")
  T.eq(svg:find(">bad \u{FFFD} byte <", 1, true) ~= nil, true, "bad byte replaced, control char a space")
  T.eq(svg:find(">45 days<", 1, true) ~= nil, true)
  T.eq(svg:find(">51.5<", 1, true) ~= nil, true)
  T.eq(svg:find(">no value<", 1, true) ~= nil, true, "a row without a value says so")
  T.eq(select(2, svg:gsub("<rect ", "")), 3, "background and two bars")
  svg = chart.svg_text{type = "bar", rows = rows, none = true}
  T.eq(svg:find(">(none)<", 1, true) ~= nil, true, "none = true draws it")
  T.eq(select(2, svg:gsub("<rect ", "")), 4, "background and three bars")
end)

T.case("svg histogram from stats.histogram rows and from values", function()
  local h = stats.histogram({1, 2, 2, 3, 4}, 3)
  local svg = chart.svg_text{type = "histogram", title = "Days", rows = h, y_label = "petitions"}
  T.eq(well_formed(svg), "{http://www.w3.org/2000/svg}svg\n")
  T.eq(select(2, svg:gsub("<rect ", "")), 4)
  T.eq(svg:find("<title>2 to 3: 2</title>", 1, true) ~= nil, true)
  -- whole numbers 1..3 in about 2 bins: a step of 1, bins [1,2) [2,3) [3,4)
  svg = chart.svg_text{type = "histogram", values = {1, 2, 3}, bins = 2}
  T.eq(select(2, svg:gsub("<rect ", "")), 4)
  T.eq(svg:find("<title>3 to 4: 1</title>", 1, true) ~= nil, true)
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
  -- at the caller's line
  T.raises("test_chart.lua:165: cannot write '" .. dir .. "/chart.svg' (No such file or directory)",
    function() chart.svg(path, {rows = rows}) end)
end)

---------------------------------------------------------------------------
-- What a reader sees: order, counts, reference lines, empty charts, bins.

-- The texts of a document in order, with their x and y: {x=, y=, s=, attrs=}.
local function texts(svg)
  local list = {}
  for a, s in svg:gmatch("<text([^>]*)>([^<]*)</text>") do
    list[#list + 1] = {x = tonumber(a:match(' x="([^"]+)"')), y = tonumber(a:match(' y="([^"]+)"')),
      s = s, attrs = a}
  end
  return list
end

-- The texts of the bar labels (the ones right-aligned before the bars).
local function bar_labels(svg)
  local out = {}
  for _, t in ipairs(texts(svg)) do
    if t.attrs:find('text-anchor="end"', 1, true) then out[#out + 1] = t.s end
  end
  return out
end

local groups = {
  {g = "Health", d = 38, n = 15}, {g = "Justice", d = 45, n = 11}, {g = "Finance", d = 69, n = 1},
  {g = "Seniors", n = 0}, {g = "Transport", d = 35, n = 6},
}

T.case("svg bar: largest first by default, rows without a value last, n in the labels", function()
  local svg = chart.svg_text{rows = groups, label = "g", value = "d", n = "n"}
  T.eq(bar_labels(svg), {"Finance (n=1)", "Justice (n=11)", "Health (n=15)", "Transport (n=6)", "Seniors (n=0)"})
  svg = chart.svg_text{rows = groups, label = "g", value = "d", order = "label"}
  T.eq(bar_labels(svg), {"Finance", "Health", "Justice", "Seniors", "Transport"})
  svg = chart.svg_text{rows = groups, label = "g", value = "d", order = "given"}
  T.eq(bar_labels(svg), {"Health", "Justice", "Finance", "Seniors", "Transport"})
  T.raises('spec.order must be "auto", "value", "label" or "given", got size', chart.svg_text,
    {rows = groups, order = "size"})
end)

T.case("svg bar: years, months and numbers keep their own order; a total row goes last", function()
  local years = {{y = 2021, v = 40}, {y = 2019, v = 50}, {y = 2020, v = 10}, {y = "all", v = 33}}
  T.eq(bar_labels(chart.svg_text{rows = years, label = "y", value = "v", total = "all"}),
    {"2019", "2020", "2021", "all"})
  local months = {{m = "2020-02", v = 1}, {m = "2020-01", v = 5}}
  T.eq(bar_labels(chart.svg_text{rows = months, label = "m", value = "v"}), {"2020-01", "2020-02"})
  -- by value, the total stays last all the same, in grey
  local svg = chart.svg_text{rows = {{k = "all", v = 99}, {k = "a", v = 1}, {k = "b", v = 2}},
    label = "k", value = "v", total = "all"}
  T.eq(bar_labels(svg), {"b", "a", "all"})
  T.eq(select(2, svg:gsub('fill="#9a9a9a"', "")), 1)
end)

-- The value texts (dark or muted, left-aligned) and the reference lines' x.
local function value_texts(svg)
  local out = {}
  for _, t in ipairs(texts(svg)) do
    if t.attrs:find('fill="#222222"', 1, true) or (t.s == "no value") then out[#out + 1] = t end
  end
  return out
end
local function mark_xs(svg)
  local out = {}
  for x in svg:gmatch('<line x1="([^"]+)"[^>]*stroke%-dasharray') do out[#out + 1] = tonumber(x) end
  return out
end

T.case("svg bar: no value text crosses a reference line", function()
  local near = {}
  for i, v in ipairs{30, 42, 43, 43.5, 44, 44.9, 45, 45.1, 46, 47, 60, 1234.5} do near[i] = {label = "g" .. i, value = v} end
  for _, width in ipairs{400, 800, 1600} do
    local svg = chart.svg_text{rows = near, width = width, marks = {{value = 45, label = "45 days"}, {value = 47}}}
    local marks = mark_xs(svg)
    T.eq(#marks, 2)
    local vt = value_texts(svg)
    T.eq(#vt, #near)
    for _, t in ipairs(vt) do
      local w = #t.s * 12 * 0.62 -- the text's width, as the chart reckons it (ASCII digits here)
      for _, m in ipairs(marks) do
        if m >= t.x - 1 and m <= t.x + w + 1 then
          error(string.format("width %d: value %s at x=%s..%s crosses the line at x=%s", width, t.s, t.x, t.x + w, m))
        end
      end
    end
  end
end)

-- No NaN or infinity anywhere in a document (labels here never spell them).
local function no_nonfinite(svg, what)
  for _, word in ipairs{"nan", "inf"} do
    local at = svg:lower():find("%f[%a]" .. word .. "%f[%A]")
    if at then error(what .. ": '" .. word .. "' written: " .. svg:sub(math.max(1, at - 80), at + 40), 2) end
  end
  T.eq(well_formed(svg), "{http://www.w3.org/2000/svg}svg\n", what)
end

T.case("svg: NaN, infinities, huge and negative values never put nan or inf in a document", function()
  local nan, inf = 0 / 0, math.huge
  local hostile = {
    {label = "a", value = nan}, {label = "b", value = inf}, {label = "c", value = -inf},
    {label = "d", value = 30}, {label = "e", value = -12}, {label = "f", value = 1e300},
    {label = "g", value = -1e300}, {label = "h", value = 1.7976931348623157e308},
    {label = "i", value = -1.7976931348623157e308}, {label = "j", value = 4.9e-324},
  }
  no_nonfinite(chart.svg_text{rows = hostile, n = "value", marks = {{value = 45}, {value = nan}, {value = inf}}},
    "bars")
  for i = 1, #hostile do
    no_nonfinite(chart.svg_text{rows = {hostile[i]}, marks = {{value = 45, label = "45"}}}, "one bar " .. i)
  end
  local values = {}
  for i, r in ipairs(hostile) do values[i] = r.value end
  values.n = #hostile
  no_nonfinite(chart.svg_text{type = "histogram", values = values}, "histogram of hostile values")
  no_nonfinite(chart.svg_text{type = "histogram", values = {1e300, -1e300, 3}}, "histogram of huge values")
  no_nonfinite(chart.svg_text{type = "histogram", values = {1.7976931348623157e308, -1.7976931348623157e308}},
    "histogram of the largest values")
  no_nonfinite(chart.svg_text{type = "histogram", rows = {{from = 0, to = inf, n = 1}, {from = nan, to = 1, n = 1},
    {from = 0, to = 1, n = nan}, {from = 1, to = 2, n = 3}}}, "histogram of hostile bins")
  local points = {}
  for i, r in ipairs(hostile) do points[i] = {x = i, y = r.value} end
  points[#points + 1] = {x = nan, y = 1}
  points[#points + 1] = {x = inf, y = 1}
  no_nonfinite(chart.svg_text{type = "line", rows = points}, "line")
  no_nonfinite(chart.svg_text{type = "line", rows = {{x = 1e300, y = 1}, {x = -1e300, y = 2}}}, "line, huge x")
  no_nonfinite(chart.svg_text{type = "line", rows = {{x = 1e300, y = 1}}}, "line, one huge x")
  no_nonfinite(chart.svg_text{type = "line", rows = {{x = "2020-01", y = 1}}}, "line, one month")
end)

local function show_width(escaped)
  local plain = escaped:gsub("&(%a+);", {lt = "<", gt = ">", amp = "&", quot = '"', apos = "'"})
  return require("petlua.show").width(plain)
end

T.case("svg bar: 200 rows, long UTF-8 labels and XML characters", function()
  local many = {}
  for i = 1, 200 do
    many[i] = {label = ("Ministre de l’Environnement 東京 <&\"> "):rep(i % 4 + 1) .. i, value = (i * 37) % 90, n = i}
  end
  local svg = chart.svg_text{rows = many, n = "n", marks = {{value = 45, label = "45 days"}}}
  no_nonfinite(svg, "200 rows")
  local labels = bar_labels(svg)
  T.eq(#labels, 200)
  for _, l in ipairs(labels) do
    -- cut to fit (at most 40% of the width), but the n is always whole
    T.eq(l:find(" %(n=%d+%)$") ~= nil, true, l)
    T.eq(show_width(l) <= math.floor(800 * 0.4 / 7), true, l)
  end
  T.eq(labels[1]:find("&lt;&amp;&quot;&gt;", 1, true) ~= nil, true, labels[1])
  -- the values come down the chart
  local last = math.huge
  for _, t in ipairs(value_texts(svg)) do
    T.eq(tonumber(t.s) <= last, true)
    last = tonumber(t.s)
  end
end)

T.case("svg: a chart of nothing says no data, without axes", function()
  local empty = {
    chart.svg_text{rows = {}, title = "Nothing"},
    chart.svg_text{rows = {{label = "a"}, {label = "b", value = 0 / 0}, {label = "c", value = math.huge}}},
    chart.svg_text{rows = {{value = 3}}},  -- only a (none) row, left out
    chart.svg_text{type = "histogram", values = {}},
    chart.svg_text{type = "histogram", values = {0 / 0}},
    chart.svg_text{type = "histogram", rows = {}},
    chart.svg_text{type = "line", rows = {}},
    chart.svg_text{type = "line", rows = {{x = 1}, {x = 2, y = 0 / 0}}},
  }
  for i, svg in ipairs(empty) do
    no_nonfinite(svg, "empty " .. i)
    T.eq(svg:find(">no data</text>", 1, true) ~= nil, true, "empty " .. i)
    T.eq(svg:find("<line ", 1, true), nil, "no axis in empty " .. i)
  end
  T.eq(empty[1]:find(">Nothing</text>", 1, true) ~= nil, true, "the title stays")
  T.eq(empty[3]:find(">not drawn: (none), value 3</text>", 1, true) ~= nil, true, "what was left out")
end)

T.case("svg histogram: round bins, a tick on each edge, a y label", function()
  local xs = {}
  for i = 1, 50 do xs[i] = 3 + (i * 1.9) % 94 end -- 3 .. 97, not whole numbers
  local svg = chart.svg_text{type = "histogram", values = xs, bins = 10}
  local edges = {}
  for from, to in svg:gmatch("<title>([%d.]+) to ([%d.]+):") do edges[#edges + 1] = {tonumber(from), tonumber(to)} end
  T.eq(#edges, 10)
  for i, e in ipairs(edges) do T.eq(e, {(i - 1) * 10, i * 10}) end
  -- each bar starts on the x of the tick that names its edge
  local tick_x = {}
  for _, t in ipairs(texts(svg)) do
    if t.attrs:find('text-anchor="middle"', 1, true) and tonumber(t.s) then tick_x[tonumber(t.s)] = t.x end
  end
  local i = 0
  for x in svg:gmatch('<rect x="([^"]+)" y="[^"]+" width="[^"]+" height="[^"]+" fill="#4e79a7"') do
    T.near(tonumber(x) - 0.5, tick_x[i * 10], 0.02, "bar " .. i)
    i = i + 1
  end
  T.eq(i, 10)
  T.eq(svg:find(">count</text>", 1, true) ~= nil, true, "y label")
  T.eq(chart.svg_text{type = "histogram", values = xs, y_label = "petitions"}:find(">petitions</text>", 1, true) ~= nil,
    true)
  -- small values: steps of 0.005, labelled without float noise
  svg = chart.svg_text{type = "histogram", values = {0.01, 0.02, 0.033, 0.05}, bins = 10}
  T.eq(svg:find(">0.035</text>", 1, true) ~= nil, true)
  T.eq(svg:find("0000000", 1, true), nil)
  T.raises("spec.bins: a count from 1 to 1000 or a list of edges expected, got 0", chart.svg_text,
    {type = "histogram", values = {1}, bins = 0})
end)

T.case("svg file: only a name ending in .svg (or - for stdout)", function()
  T.raises("bad argument #1 to 'svg' (a file name ending in .svg expected, got 'x.png')",
    chart.svg, "x.png", {rows = rows})
  T.raises("bad argument #1 to 'svg' (a file name ending in .svg expected, got 'chart')",
    chart.svg, "chart", {rows = rows})
end)
