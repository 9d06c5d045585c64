-- petlua.chart — charts: horizontal bars in the terminal, and standalone SVG
-- files (bar charts, histograms, lines over time).
--
--   chart.bar(rows, label_field, value_field, [opts])   prints a bar chart
--   chart.bar_lines(rows, label_field, value_field, [opts]) -> its lines
--   chart.svg(path, spec)        writes an SVG file (path "-": stdout)
--   chart.svg_text(spec)         -> the SVG document as a string
--
-- Misuse (a wrong argument type, an unknown spec.type) raises; so does a file
-- that cannot be written, as petlua.csv's writers do.
local check = require "petlua.check"
local show = require "petlua.show"
local outfile = require "petlua.outfile"
local date = require "petlua.date"

local M = {}

---------------------------------------------------------------------------
-- Terminal bars

-- Bar ends for 1..7 eighths of a character cell.
local EIGHTHS = {"▏", "▎", "▍", "▌", "▋", "▊", "▉"}
local FULL = "█"

local function value_text(v, fmt)
  if v == nil or v ~= v then return "" end
  if type(fmt) == "function" then return fmt(v) end
  if type(fmt) == "string" then return string.format(fmt, v) end
  if type(v) == "number" then return show.format_number(v) end
  return tostring(v)
end

local function label_text(v)
  if v == nil or v ~= v then return "(none)" end
  if type(v) == "number" then return show.format_number(v) end
  return tostring(v)
end

-- A bar of `eighths` eighths of a cell.
local function bar_string(eighths)
  local s = FULL:rep(eighths // 8)
  local rest = eighths % 8
  if rest > 0 then s = s .. EIGHTHS[rest] end
  return s
end

local function check_rows(fname, rows, label_field, value_field)
  if type(rows) ~= "table" then
    check.arg(3, 1, fname, "table expected, got %s", type(rows))
  end
  if type(label_field) ~= "string" then
    check.arg(3, 2, fname, "field name expected, got %s", type(label_field))
  end
  if type(value_field) ~= "string" then
    check.arg(3, 3, fname, "field name expected, got %s", type(value_field))
  end
end

-- The lines of a horizontal bar chart: "label  ████▌ value" per row, labels
-- aligned (display width), bars scaled so the largest value fills the room
-- left. opts: width (default $COLUMNS, else 80), max (the value of a full
-- bar; default the largest value), format (a string.format pattern or a
-- function for the values), title (a first line). A missing label reads
-- "(none)"; a missing value (nil, NaN, infinite) gets no bar and no number;
-- a negative value no bar. A positive value too small for an eighth still
-- gets one.
function M.bar_lines(rows, label_field, value_field, opts)
  check_rows("bar", rows, label_field, value_field)
  opts = opts or {}
  local width = opts.width or tonumber(os.getenv("COLUMNS") or "") or 80
  width = math.max(math.floor(width), 20)
  local labels, values, texts = {}, {}, {}
  local label_w, value_w, top = 0, 0, 0
  for i, row in ipairs(rows) do
    labels[i] = label_text(row[label_field])
    local v = row[value_field]
    if type(v) ~= "number" or v ~= v or v == math.huge or v == -math.huge then v = nil end
    values[i], texts[i] = v, value_text(v, opts.format)
    label_w = math.max(label_w, show.width(labels[i]))
    value_w = math.max(value_w, show.width(texts[i]))
    if v and v > top then top = v end
  end
  top = opts.max or top
  -- Labels take at most 40% of the line; the bar gets what is left.
  label_w = math.min(label_w, math.max(8, (width * 2) // 5))
  local room = math.max(1, width - label_w - value_w - 2)
  local lines = {}
  if opts.title then lines[1] = show.truncate(opts.title, width) end
  for i = 1, #labels do
    local label = show.truncate(labels[i], label_w)
    local pad = (" "):rep(label_w - show.width(label))
    local v, bar = values[i], ""
    if v and v > 0 and top > 0 then
      local eighths = math.floor(math.min(v / top, 1) * room * 8 + 0.5)
      bar = bar_string(math.max(eighths, 1))
    end
    local line = label .. pad .. " " .. bar
    if texts[i] ~= "" then line = line .. (bar ~= "" and " " or "") .. texts[i] end
    lines[#lines + 1] = line:gsub("%s+$", "")
  end
  return lines
end

-- Prints bar_lines to opts.file (default io.stdout).
function M.bar(rows, label_field, value_field, opts)
  check_rows("bar", rows, label_field, value_field)
  local lines = M.bar_lines(rows, label_field, value_field, opts)
  local f = opts and opts.file or io.stdout
  for _, line in ipairs(lines) do f:write(line, "\n") end
end

---------------------------------------------------------------------------
-- SVG helpers

-- Text safe inside XML: valid UTF-8 (a bad byte becomes U+FFFD), control
-- characters XML forbids become spaces, and & < > " ' are escaped.
local function xml_text(s)
  s = show.valid_utf8(tostring(s))
  s = s:gsub("[%z\1-\8\11\12\14-\31\127]", " ")
  return (s:gsub("[&<>\"']", {
    ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&apos;",
  }))
end
M.xml_text = xml_text

local HUGE = math.huge

local function finite(v)
  return type(v) == "number" and v == v and v ~= HUGE and v ~= -HUGE
end

-- A number for an attribute: at most two decimals, no trailing zeros. The
-- charts below keep NaN and infinities out of every position; one getting
-- here would be a bug, and raises rather than write "nan" into a file.
local function num(x)
  if not finite(x) then error("petlua.chart: non-finite coordinate " .. tostring(x) .. " (a bug)", 0) end
  local s = string.format("%.2f", x):gsub("0+$", ""):gsub("%.$", "")
  if s == "-0" then s = "0" end
  return s
end

-- Attributes in the order given: attrs{"x", 1, "y", 2} -> ' x="1" y="2"'.
local function attrs(list)
  local parts = {}
  for i = 1, #list, 2 do
    local v = list[i + 1]
    if v ~= nil then
      if type(v) == "number" then v = num(v) else v = xml_text(v) end
      parts[#parts + 1] = string.format(' %s="%s"', list[i], v)
    end
  end
  return table.concat(parts)
end

local function element(out, name, list, content)
  if content == nil then
    out[#out + 1] = "<" .. name .. attrs(list) .. "/>"
  else
    out[#out + 1] = "<" .. name .. attrs(list) .. ">" .. content .. "</" .. name .. ">"
  end
end

local function text(out, x, y, s, extra)
  local list = {"x", x, "y", y}
  for _, v in ipairs(extra or {}) do list[#list + 1] = v end
  element(out, "text", list, xml_text(s))
end

-- Rough width in pixels of text at a font size (default 12): DejaVu Sans
-- and Arial average about 0.6 em a character, digits a little more; a wide
-- (CJK) character counts twice. Used to leave room, never to clip.
local function text_px(s, size)
  return show.width(s) * (size or 12) * 0.62
end

-- Round steps of about (hi - lo) / target: 1, 2, 2.5 or 5 times a power of
-- ten; `whole` (counts, whole-number data): 1, 2 or 5 times, and at least 1.
local function nice_step(lo, hi, target, whole)
  local raw = hi / target - lo / target   -- (hi - lo) / target overflows for far-apart values
  if not (raw > 0 and raw < HUGE) then return 1 end
  local mag = 10 ^ math.floor(math.log(raw, 10))
  local step = 10 * mag
  for _, m in ipairs(whole and {1, 2, 5} or {1, 2, 2.5, 5}) do
    if raw <= m * mag * (1 + 1e-9) then step = m * mag; break end
  end
  if not (step > 0 and step < HUGE) then step = raw end -- mag under- or overflowed
  if whole then step = math.max(step, 1) end
  return step
end

-- Axis domain [lo, hi] widened to whole steps, and its ticks (at most ~200;
-- each larger than the one before).
local function nice_axis(lo, hi, target, whole)
  if not (hi > lo) then
    local pad = math.max(1, math.abs(lo) / 10) -- lo + 1 == lo when lo is huge
    if finite(lo + pad) then hi = lo + pad else lo = lo - pad end
  end
  local step = nice_step(lo, hi, target, whole)
  local first = math.floor(lo / step + 1e-9) * step
  local last = math.ceil(hi / step - 1e-9) * step
  if not finite(first) then first = lo end
  if not finite(last) then last = hi end
  local start = math.ceil(first / step - 1e-9) * step -- the first round tick, when first is not one
  local ticks = {}
  for i = 0, 200 do
    local t = start + i * step
    if not finite(t) then t = ticks[#ticks] + step end -- i * step overflowed
    if not finite(t) or t > last + step * 1e-9 then break end
    if #ticks == 0 or t > ticks[#ticks] then ticks[#ticks + 1] = t end
  end
  return first, last, ticks, step
end

-- v in [d0, d1] -> pixels in [p0, p1]; through halves when d1 - d0 overflows.
local function scale(d0, d1, p0, p1)
  local span = d1 - d0
  if span > 0 and span < HUGE then
    return function(v) return p0 + (v - d0) / span * (p1 - p0) end
  end
  local half = d1 / 2 - d0 / 2
  if not (half > 0) then return function() return p0 end end
  return function(v) return p0 + (v / 2 - d0 / 2) / half * (p1 - p0) end
end

-- Decimals that show every multiple of step: 0 for 5, 1 for 0.5, 2 for 0.25.
local function decimals_of(step)
  for d = 0, 10 do
    local s = step * 10 ^ d
    if math.abs(s - math.floor(s + 0.5)) < 1e-6 * math.max(1, s) then return d end
  end
  return 10
end

-- A tick's text: as many decimals as the step needs ("0.3", not
-- "0.30000000000000004"); very large or small values as 2e+300.
local function tick_label(v, step)
  if math.abs(v) >= 1e15 or (v ~= 0 and step < 1e-6) then return show.format_number(v) end
  local s = string.format("%." .. decimals_of(step) .. "f", v)
  if s:match("^%-[0.]+$") then s = s:sub(2) end -- "-0"
  return s
end

-- Day numbers (1970-01-01 is 0) through petlua.date, which knows the
-- calendar: a day that does not exist ("2024-02-31") is not a date.
local EPOCH = "1970-01-01"

local function day_number(iso)
  local ok, n = pcall(date.days, EPOCH, iso)
  return ok and n or nil
end

-- An x value for a line chart: a number, or a date "YYYY-MM-DD" (a time
-- after it is ignored), a month "YYYY-MM" or a year "YYYY", as a day number.
-- Returns the number and "date" or "number"; nil when it is neither; for a
-- number that is NaN or infinite, nil and "number" (no place on an axis).
local function x_value(v)
  if type(v) == "number" then
    if finite(v) then return v, "number" end
    return nil, "number"
  end
  if type(v) ~= "string" then return nil end
  local iso = v:match("^(%d%d%d%d%-%d%d%-%d%d)") or (v:match("^%d%d%d%d%-%d%d$") and v .. "-01")
              or (v:match("^%d%d%d%d$") and v .. "-01-01")
  local day = iso and day_number(iso)
  if day then return day, "date" end
  return nil
end

-- Ticks on a date axis from day lo to day hi: first days of months, every
-- 1, 2, 3, 6 months or 1, 2, 5, 10 years, at most about 8 of them.
local function date_ticks(lo, hi)
  local function ym_of(day) -- year and month of a day number
    local y, m = date.add(EPOCH, day):match("^(%d+)%-(%d+)")
    return tonumber(y), tonumber(m)
  end
  local y0, m0 = ym_of(lo)
  local y1, m1 = ym_of(hi)
  local span = (y1 - y0) * 12 + (m1 - m0) + 1
  local step = 120
  for _, s in ipairs{1, 2, 3, 6, 12, 24, 60, 120} do
    if span / s <= 8 then step = s; break end
  end
  local ticks = {}
  local y, m = y0, m0
  while (y - y1) * 12 + (m - m1) <= 0 do
    local index = (y * 12 + m - 1)
    if index % step == 0 then
      local day = day_number(string.format("%04d-%02d-01", y, m))
      if day >= lo and day <= hi then
        ticks[#ticks + 1] = {day, step >= 12 and string.format("%d", y) or string.format("%d-%02d", y, m)}
      end
    end
    m = m + 1
    if m > 12 then y, m = y + 1, 1 end
  end
  return ticks
end

local PALETTE = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1"}
local FONT = 'font-family="DejaVu Sans, Arial, Helvetica, sans-serif"'
local CHAR_W = 7 -- rough width of a 12px character, to leave room for labels
local NOTE_H = 16 -- a line of notes under a chart
local MUTED = "#666666"

local function open_doc(out, spec, width, height)
  out[1] = '<?xml version="1.0" encoding="UTF-8"?>'
  out[2] = string.format('<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" ' ..
    'viewBox="0 0 %s %s" %s font-size="12">', num(width), num(height), num(width), num(height), FONT)
  if spec.title then element(out, "title", {}, xml_text(spec.title)) end
  element(out, "rect", {"x", 0, "y", 0, "width", width, "height", height, "fill", "#ffffff"})
  if spec.title then
    text(out, width / 2, 24, spec.title, {"text-anchor", "middle", "font-size", 16, "font-weight", "bold"})
  end
end

-- Notes under a chart (what was left out of it), from baseline y down.
local function draw_notes(out, notes, x, y)
  for i, note in ipairs(notes) do
    text(out, x, y + (i - 1) * NOTE_H, note, {"font-size", 11, "fill", MUTED})
  end
end

-- A chart with nothing to draw: its title, "no data", and the notes.
local function draw_no_data(spec, out, width, notes)
  local top = spec.title and 44 or 16
  local height = spec.height or (top + 100 + #notes * NOTE_H)
  open_doc(out, spec, width, height)
  text(out, width / 2, top + 50, "no data", {"text-anchor", "middle", "font-size", 16, "fill", MUTED})
  draw_notes(out, notes, 16, top + 84)
end

local function field(spec, name, default)
  local f = spec[name]
  if f == nil then return default end
  if type(f) ~= "string" then
    check.arg(0, 2, "svg", "spec.%s: field name expected, got %s", name, type(f))
  end
  return f
end

-- spec.width or spec.height: pixels, 100 to 100,000.
local function pixels(spec, name, default)
  local v = spec[name]
  if v == nil then return default end
  if not finite(v) or v < 100 or v > 100000 then
    check.arg(0, 2, "svg", "spec.%s: a number of pixels from 100 to 100000 expected, got %s", name, tostring(v))
  end
  return v
end

-- One of the words a spec option allows.
local function choice(spec, name, default, allowed)
  local v = spec[name]
  if v == nil then return default end
  for _, a in ipairs(allowed) do
    if v == a then return v end
  end
  error(string.format('bad argument #2 to \'svg\' (spec.%s must be "%s", got %s)', name,
    table.concat(allowed, '", "', 1, #allowed - 1) .. '" or "' .. allowed[#allowed], tostring(v)), 0)
end

-- How many things, in words: plural(3, "row") -> "3 rows".
local function plural(n, word)
  return string.format("%d %s%s", n, word, n == 1 and "" or "s")
end

---------------------------------------------------------------------------
-- SVG charts

-- The label summarize gives the records without a key.
local NONE = "(none)"

local function is_none(key)
  return key == nil or key ~= key or key == NONE
end

-- A key that has an order of its own: a number, a year, a month, a day.
local function ordered_key(key)
  if type(key) == "number" or type(key) == "boolean" then return true end
  return type(key) == "string" and (key:match("^%d%d%d%d$") or key:match("^%d%d%d%d%-%d%d$")
    or key:match("^%d%d%d%d%-%d%d%-%d%d$")) ~= nil
end

local function sort_bars(items, order)
  local less = require("petlua.set").less
  if order == "auto" then
    order = "label"
    for _, it in ipairs(items) do
      if not ordered_key(it.key) then order = "value"; break end
    end
  end
  if order == "given" then return end
  table.sort(items, function(a, b)
    if order == "value" then
      if (a.value == nil) ~= (b.value == nil) then return b.value == nil end
      if a.value ~= nil and a.value ~= b.value then return a.value > b.value end
    end
    if is_none(a.key) ~= is_none(b.key) then return is_none(b.key) end
    if not is_none(a.key) and (less(a.key, b.key) or less(b.key, a.key)) then return less(a.key, b.key) end
    return a.i < b.i
  end)
end

-- The bars of a bar chart, in order, the total row (spec.total) apart, and
-- notes on the rows left out.
local function bar_items(spec, label_f, value_f, n_f)
  local items, total, notes = {}, nil, {}
  for i, row in ipairs(spec.rows) do
    local key, v = row[label_f], row[value_f]
    local n = n_f and row[n_f]
    local item = {key = key, value = finite(v) and v or nil, n = finite(n) and n or nil, i = i}
    if spec.total ~= nil and key == spec.total and not total then
      total = item
    elseif is_none(key) and not spec.none then
      local what = {}
      if item.n then what[#what + 1] = "n=" .. show.format_number(item.n) end
      if item.value then what[#what + 1] = value_f .. " " .. show.format_number(item.value) end
      what[0] = "not drawn: " .. NONE
      notes[#notes + 1] = table.concat(what, ", ", 0)
    else
      items[#items + 1] = item
    end
  end
  sort_bars(items, choice(spec, "order", "auto", {"auto", "value", "label", "given"}))
  return items, total, notes
end

-- Where a value's text goes: just after its bar (x), unless that crosses a
-- reference line; then just after the line.
local function clear_of_marks(x, w, mark_xs)
  for _, m in ipairs(mark_xs) do
    if m >= x - 3 and m <= x + w + 3 then x = m + 4 end
  end
  return x
end

-- Horizontal bars, one per row, labels on the left (with the n behind each
-- bar when spec.n names it), values at the bar ends, dashed reference lines.
local function svg_bar(spec, out)
  local label_f, value_f = field(spec, "label", "label"), field(spec, "value", "value")
  local n_f = field(spec, "n", nil)
  local width = pixels(spec, "width", 800)
  local items, total, notes = bar_items(spec, label_f, value_f, n_f)
  local drawn = {}
  for _, it in ipairs(items) do drawn[#drawn + 1] = it end
  if total then drawn[#drawn + 1] = total end
  local any = false
  for _, it in ipairs(drawn) do any = any or it.value ~= nil end
  if not any then return draw_no_data(spec, out, width, notes) end

  local marks = {}
  for _, mark in ipairs(spec.marks or {}) do
    if type(mark) == "table" and finite(mark.value) then marks[#marks + 1] = mark end
  end
  table.sort(marks, function(a, b) return a.value < b.value end)
  local lo, hi = 0, 0
  local max_chars = math.floor(width * 0.4 / CHAR_W)
  local label_w, value_w = 0, 0
  for _, it in ipairs(drawn) do
    local suffix = it.n and string.format(" (n=%s)", show.format_number(it.n)) or ""
    it.label = show.truncate(label_text(it.key), math.max(4, max_chars - show.width(suffix))) .. suffix
    it.text = it.value and show.format_number(it.value) or "no value"
    label_w = math.max(label_w, show.width(it.label) * CHAR_W)
    value_w = math.max(value_w, text_px(it.text))
    if it.value then lo, hi = math.min(lo, it.value), math.max(hi, it.value) end
  end
  for _, mark in ipairs(marks) do lo, hi = math.min(lo, mark.value), math.max(hi, mark.value) end

  local bar_h, gap, total_gap = 20, 6, 10
  local d0, d1, ticks, step = nice_axis(lo, hi, 6)
  local left = math.max(label_w + 16, text_px(tick_label(ticks[1], step)) / 2 + 8)
  local right = width - math.max(60, value_w + 16)
  local top = (spec.title and 44 or 16) + (#marks > 0 and 14 or 0)
  local plot_h = #drawn * (bar_h + gap) + (total and total_gap or 0)
  local axis_y = top + plot_h
  local below = axis_y + 36 + (spec.x_label and 20 or 0)
  local height = pixels(spec, "height", below + #notes * NOTE_H)
  local sx = scale(d0, d1, left, right)
  open_doc(out, spec, width, height)
  for _, t in ipairs(ticks) do -- grid and x ticks
    element(out, "line", {"x1", sx(t), "y1", top, "x2", sx(t), "y2", axis_y, "stroke", "#dddddd"})
    text(out, sx(t), axis_y + 16, tick_label(t, step), {"text-anchor", "middle", "fill", "#444444"})
  end
  local mark_xs = {}
  for i, mark in ipairs(marks) do mark_xs[i] = sx(mark.value) end
  for i, it in ipairs(drawn) do
    local y = top + (i - 1) * (bar_h + gap) + gap / 2 + (it == total and total_gap or 0)
    local v = it.value
    text(out, left - 8, y + bar_h / 2 + 4, it.label, {"text-anchor", "end"})
    local x1 = sx(0)
    if v then
      local x0
      x0, x1 = sx(math.min(0, v)), sx(math.max(0, v))
      out[#out + 1] = "<g>"
      element(out, "title", {}, xml_text(it.label .. ": " .. it.text))
      element(out, "rect", {"x", x0, "y", y, "width", math.max(x1 - x0, 0), "height", bar_h,
        "fill", it == total and "#9a9a9a" or PALETTE[1]})
      out[#out + 1] = "</g>"
    end
    local tx = clear_of_marks(x1 + 4, text_px(it.text), mark_xs)
    text(out, tx, y + bar_h / 2 + 4, it.text, {"fill", v and "#222222" or MUTED})
  end
  -- reference lines over the bars (which they cross is the point); the
  -- value texts were kept off them
  for i, mark in ipairs(marks) do
    local x = mark_xs[i]
    element(out, "line", {"x1", x, "y1", top - 4, "x2", x, "y2", axis_y, "stroke", PALETTE[4],
      "stroke-width", 1.5, "stroke-dasharray", "5,3"})
    if mark.label then
      text(out, x, top - 8, mark.label, {"text-anchor", "middle", "fill", PALETTE[4]})
    end
  end
  element(out, "line", {"x1", sx(0), "y1", top, "x2", sx(0), "y2", axis_y, "stroke", "#333333"})
  element(out, "line", {"x1", left, "y1", axis_y, "x2", right, "y2", axis_y, "stroke", "#333333"})
  if spec.x_label then
    text(out, (left + right) / 2, axis_y + 36, spec.x_label, {"text-anchor", "middle"})
  end
  if spec.y_label then
    text(out, 12, top - 6, spec.y_label, {"font-weight", "bold"})
  end
  draw_notes(out, notes, 16, below)
end

-- Frame of a chart with a vertical value axis from ylo to yhi (whole: steps
-- of whole numbers): returns the plot box and the y scale, after drawing the
-- y grid, ticks and axis labels (y_label when spec has none). Leaves room
-- under the plot for n_notes notes.
local function value_frame(spec, out, ylo, yhi, whole, width, height, n_notes, y_label)
  local d0, d1, ticks, step = nice_axis(ylo, yhi, 5, whole)
  local labels, widest = {}, 0
  for i, t in ipairs(ticks) do
    labels[i] = tick_label(t, step)
    widest = math.max(widest, text_px(labels[i]))
  end
  local top = spec.title and 44 or 20
  local left, right = math.max(64, widest + 36), width - 40 -- room for half an x tick's text
  local bottom = height - 56 - n_notes * NOTE_H
  local sy = scale(d0, d1, bottom, top)
  for i, t in ipairs(ticks) do
    element(out, "line", {"x1", left, "y1", sy(t), "x2", right, "y2", sy(t), "stroke", "#dddddd"})
    text(out, left - 6, sy(t) + 4, labels[i], {"text-anchor", "end", "fill", "#444444"})
  end
  element(out, "line", {"x1", left, "y1", top, "x2", left, "y2", bottom, "stroke", "#333333"})
  element(out, "line", {"x1", left, "y1", bottom, "x2", right, "y2", bottom, "stroke", "#333333"})
  if spec.x_label then
    text(out, (left + right) / 2, bottom + 44, spec.x_label, {"text-anchor", "middle"})
  end
  y_label = spec.y_label or y_label
  if y_label then
    local cy = (top + bottom) / 2
    text(out, 16, cy, y_label,
      {"text-anchor", "middle", "transform", string.format("rotate(-90 16 %s)", num(cy))})
  end
  return {left = left, right = right, top = top, bottom = bottom, notes_y = bottom + 62}, sy
end

-- Bin edges on round numbers for values xs (not empty), about `target`
-- bins: multiples of a step of 1, 2, 2.5 or 5 times a power of ten (1, 2 or
-- 5 and at least 1 for whole numbers), the first at or below the smallest
-- value, the last above the largest, so every bin holds from <= x < to.
local function round_edges(xs, target)
  local lo, hi, whole = HUGE, -HUGE, true
  for _, x in ipairs(xs) do
    lo, hi = math.min(lo, x), math.max(hi, x)
    if x ~= math.floor(x) then whole = false end
  end
  local step = hi > lo and nice_step(lo, hi, target, whole) or nice_step(0, math.max(math.abs(lo), 1), target, whole)
  local first = math.floor(lo / step) * step
  if not finite(first) then first = lo end
  local edges = {first}
  for i = 1, target + 3 do
    local e = first + i * step
    if not finite(e) then e = edges[#edges] + step end -- i * step overflowed
    if not finite(e) then e = hi end -- the top bin then closes on the largest value
    if e > edges[#edges] then edges[#edges + 1] = e end
    if e > hi then break end
  end
  if edges[#edges] < hi then edges[#edges + 1] = hi end
  if #edges < 2 then edges[2] = hi > first and hi or first + step end
  return edges, step
end

-- The rows of a histogram: spec.rows as they are, or spec.values binned here
-- (spec.bins: about how many round bins, default 10, or a list of edges).
-- Returns the rows, the step of round edges (nil for given ones), notes.
local function histogram_rows(spec)
  local notes = {}
  if spec.rows ~= nil or spec.values == nil then
    if type(spec.rows) ~= "table" then
      check.arg(0, 2, "svg", "spec.rows or spec.values expected for a histogram")
    end
    local rows, bad = {}, 0
    for _, r in ipairs(spec.rows) do
      if type(r) == "table" and finite(r.from) and finite(r.to) and r.from < r.to
         and (r.n == nil or (finite(r.n) and r.n >= 0)) then
        rows[#rows + 1] = r
      else
        bad = bad + 1
      end
    end
    table.sort(rows, function(a, b) return a.from < b.from end)
    if bad > 0 then notes[1] = plural(bad, "bin") .. " left out: not finite, or from >= to" end
    return rows, nil, notes
  end
  if type(spec.values) ~= "table" then
    check.arg(0, 2, "svg", "spec.values: list of numbers expected, got %s", type(spec.values))
  end
  local xs, missing, infinite = {}, 0, 0
  local n = math.type(spec.values.n) == "integer" and spec.values.n or #spec.values
  for i = 1, n do
    local v = spec.values[i]
    if finite(v) then
      xs[#xs + 1] = v
    elseif v == nil or v ~= v then
      missing = missing + 1
    elseif type(v) == "number" then
      infinite = infinite + 1
    else
      check.arg(0, 2, "svg", "spec.values: number expected at index %d, got %s", i, type(v))
    end
  end
  if missing > 0 then notes[#notes + 1] = plural(missing, "missing value") .. " left out" end
  if infinite > 0 then notes[#notes + 1] = plural(infinite, "infinite value") .. " left out" end
  local bins = spec.bins == nil and 10 or spec.bins
  local edges, step
  if type(bins) == "table" then
    edges = bins
  elseif math.type(bins) == "integer" and bins >= 1 and bins <= 1000 then
    if #xs == 0 then return {}, nil, notes end
    edges, step = round_edges(xs, bins)
  else
    check.arg(0, 2, "svg", "spec.bins: a count from 1 to 1000 or a list of edges expected, got %s", tostring(bins))
  end
  local rows, _, outside = require("petlua.stats").histogram(xs, edges)
  if outside > 0 then notes[#notes + 1] = plural(outside, "value") .. " outside the bins left out" end
  return rows, step, notes
end

-- Adjacent vertical bars over [from, to) bins, ticks at the bin edges, a y
-- label ("count" unless spec.y_label says otherwise).
local function svg_histogram(spec, out)
  local rows, step, notes = histogram_rows(spec)
  local width = pixels(spec, "width", 800)
  local ymax, x0, x1, whole = 0, HUGE, -HUGE, true
  for _, r in ipairs(rows) do
    local n = r.n or 0
    ymax = math.max(ymax, n)
    if n ~= math.floor(n) then whole = false end
    x0, x1 = math.min(x0, r.from), math.max(x1, r.to)
  end
  if ymax == 0 then return draw_no_data(spec, out, width, notes) end
  local height = pixels(spec, "height", 450 + #notes * NOTE_H)
  open_doc(out, spec, width, height)
  local box, sy = value_frame(spec, out, 0, ymax, whole, width, height, #notes, "count")
  local sx = scale(x0, x1, box.left, box.right)
  local edges = {}
  for _, r in ipairs(rows) do
    local xa, xb = sx(r.from), sx(r.to)
    local n = r.n or 0
    out[#out + 1] = "<g>"
    element(out, "title", {}, xml_text(string.format("%s to %s: %s",
      show.format_number(r.from), show.format_number(r.to), show.format_number(n))))
    element(out, "rect", {"x", xa + 0.5, "y", sy(n), "width", math.max(xb - xa - 1, 0),
      "height", math.max(box.bottom - sy(n), 0), "fill", PALETTE[1]})
    out[#out + 1] = "</g>"
    if edges[#edges] ~= r.from then edges[#edges + 1] = r.from end
    edges[#edges + 1] = r.to
  end
  -- ticks at the bin edges (every k-th when there are many): a bar starts
  -- and ends on a tick
  local every = math.max(1, math.ceil((#edges - 1) / 12))
  for i = 1, #edges, every do
    local e = edges[i]
    element(out, "line", {"x1", sx(e), "y1", box.bottom, "x2", sx(e), "y2", box.bottom + 4, "stroke", "#333333"})
    text(out, sx(e), box.bottom + 18, step and tick_label(e, step) or show.format_number(e),
      {"text-anchor", "middle", "fill", "#444444"})
  end
  draw_notes(out, notes, 16, box.notes_y)
end

-- Lines over x: spec.x (field, default "x"; numbers, or dates, months
-- "YYYY-MM" or years) and spec.y (a field or a list of fields, one line
-- each, default "y"). A missing y breaks its line.
local function svg_line(spec, out)
  local x_f = field(spec, "x", "x")
  local y_fields = spec.y or "y"
  if type(y_fields) == "string" then y_fields = {y_fields} end
  if type(y_fields) ~= "table" then
    check.arg(0, 2, "svg", "spec.y: field name or list of names expected")
  end
  local points, kind, skipped = {}, nil, 0
  local xmin, xmax, ymin, ymax, whole, any = HUGE, -HUGE, 0, 0, true, false
  for _, row in ipairs(spec.rows) do
    local x, k = x_value(row[x_f])
    if x == nil and k == nil then
      check.arg(0, 2, "svg", "spec.rows: %s must be a number or a date, got %s", x_f, tostring(row[x_f]))
    end
    if kind and k ~= kind then
      check.arg(0, 2, "svg", "spec.rows: x mixes numbers and dates")
    end
    kind = k
    if x == nil then
      skipped = skipped + 1
    else
      points[#points + 1] = {x = x, row = row}
      xmin, xmax = math.min(xmin, x), math.max(xmax, x)
      for _, f in ipairs(y_fields) do
        local y = row[f]
        if finite(y) then
          ymin, ymax, any = math.min(ymin, y), math.max(ymax, y), true
          if y ~= math.floor(y) then whole = false end
        end
      end
    end
  end
  local notes = {}
  if skipped > 0 then notes[1] = plural(skipped, "row") .. " left out: " .. x_f .. " not a finite number" end
  local width = pixels(spec, "width", 800)
  if not any then return draw_no_data(spec, out, width, notes) end
  table.sort(points, function(a, b) return a.x < b.x end)
  if not (xmax > xmin) then xmin, xmax = xmin - 0.5, xmax + 0.5 end
  if not (xmax > xmin) then xmin, xmax = xmin * 0.9, xmax * 1.1 end -- huge x: +-0.5 changes nothing
  local height = pixels(spec, "height", 450 + #notes * NOTE_H)
  open_doc(out, spec, width, height)
  local box, sy = value_frame(spec, out, ymin, ymax, whole, width, height, #notes)
  local sx = scale(xmin, xmax, box.left, box.right)
  local xticks = {}
  if kind == "date" then
    xticks = date_ticks(math.ceil(xmin), math.floor(xmax))
  else
    local _, _, ticks, step = nice_axis(xmin, xmax, 8)
    for _, t in ipairs(ticks) do
      if t >= xmin - 1e-9 and t <= xmax + 1e-9 then xticks[#xticks + 1] = {t, tick_label(t, step)} end
    end
  end
  for _, t in ipairs(xticks) do
    element(out, "line", {"x1", sx(t[1]), "y1", box.bottom, "x2", sx(t[1]), "y2", box.bottom + 4, "stroke", "#333333"})
    text(out, sx(t[1]), box.bottom + 18, t[2], {"text-anchor", "middle", "fill", "#444444"})
  end
  for s, f in ipairs(y_fields) do
    local color = PALETTE[(s - 1) % #PALETTE + 1]
    local segment = {}
    local function flush()
      if #segment > 1 then
        local coords = {}
        for i, p in ipairs(segment) do coords[i] = num(p[1]) .. "," .. num(p[2]) end
        element(out, "polyline", {"points", table.concat(coords, " "), "fill", "none",
          "stroke", color, "stroke-width", 2})
      elseif #segment == 1 then
        element(out, "circle", {"cx", segment[1][1], "cy", segment[1][2], "r", 2.5, "fill", color})
      end
      segment = {}
    end
    for _, p in ipairs(points) do
      local y = p.row[f]
      if finite(y) then
        segment[#segment + 1] = {sx(p.x), sy(y)}
      else
        flush()
      end
    end
    flush()
  end
  if #y_fields > 1 then -- legend, top left inside the plot, on white so lines do not cross it
    local names_w = 0
    for _, f in ipairs(y_fields) do names_w = math.max(names_w, text_px(f)) end
    element(out, "rect", {"x", box.left + 6, "y", box.top, "width", names_w + 34,
      "height", #y_fields * 18 + 4, "fill", "#ffffff", "fill-opacity", 0.85})
    for s, f in ipairs(y_fields) do
      local y = box.top + 4 + (s - 1) * 18
      element(out, "rect", {"x", box.left + 12, "y", y, "width", 14, "height", 4,
        "fill", PALETTE[(s - 1) % #PALETTE + 1]})
      text(out, box.left + 32, y + 6, f)
    end
  end
  draw_notes(out, notes, 16, box.notes_y)
end

local DRAW = {bar = svg_bar, histogram = svg_histogram, line = svg_line}

local function build(spec)
  if type(spec) ~= "table" then
    check.arg(0, 2, "svg", "table expected, got %s", type(spec))
  end
  local kind = spec.type or "bar"
  local draw = DRAW[kind]
  if not draw then
    check.arg(0, 2, "svg", 'spec.type must be "bar", "histogram" or "line", got %s', tostring(kind))
  end
  if kind ~= "histogram" and type(spec.rows) ~= "table" then
    check.arg(0, 2, "svg", "spec.rows: table expected, got %s", type(spec.rows))
  end
  local out = {}
  draw(spec, out)
  out[#out + 1] = "</svg>"
  return table.concat(out, "\n") .. "\n"
end

-- build(spec), its misuse errors raised at the caller of the public function.
local function build_at_caller(spec)
  local ok, res = pcall(build, spec)
  if ok then return res end
  if type(res) == "string" and res:find("^bad argument") then error(res, 3) end
  error(res, 0)
end

-- The SVG document for spec (see svg below) as a string.
function M.svg_text(spec)
  return build_at_caller(spec)
end

-- Writes an SVG chart to path (a name ending in .svg, or "-" for stdout).
-- spec:
--   type     "bar" (default): horizontal bars, rows with spec.label and
--            spec.value fields (default "label", "value"). Options:
--              order  "auto" (default): "label" when every label is a
--                     number, a year, a month or a day, else "value";
--                     "value": largest first, rows without a value last;
--                     "label": in key order (as petlua.set sorts);
--                     "given": as the rows come;
--              n      a field with the count behind each bar: the label
--                     reads "Health (n=31)";
--              none   true to draw the row with no label, "(none)" (left
--                     out by default, and a note under the chart says so);
--              total  the label of a total row (e.g. "all"): drawn last,
--                     apart and grey, whatever the order;
--              marks  a list of {value=, label=}: dashed reference lines,
--                     which no value text crosses.
--            "histogram": rows {from=, to=, n=} (stats.histogram), drawn
--            as given; or spec.values, put in about spec.bins (default 10)
--            bins on round numbers, or in the bins of a list of edges.
--            Ticks sit on bin edges; the y label defaults to "count".
--            "line": rows with spec.x (number, date "YYYY-MM-DD", month
--            "YYYY-MM" or year) and spec.y (a field or a list of fields).
--   title, x_label, y_label   texts (escaped: any text is safe)
--   width, height             pixels (defaults 800, and 450 or by the rows)
-- Missing, NaN and infinite values are left out (a note under the chart
-- counts what it could not show); a chart with nothing to show says
-- "no data". Returns true; raises when the file cannot be written.
function M.svg(path, spec)
  if type(path) ~= "string" then
    check.arg(2, 1, "svg", "string expected, got %s", type(path))
  end
  if path ~= "-" and not path:lower():find("%.svg$") then
    check.arg(2, 1, "svg", "a file name ending in .svg expected, got '%s'", path)
  end
  -- whole or not at all, and under --sandbox only in the allowed folders
  local ok, err = pcall(outfile.write, path, build_at_caller(spec))
  if not ok then error((tostring(err):gsub("^[^\n]-:%d+: ", "")), 2) end
  return true
end

return M
