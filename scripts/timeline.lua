-- timeline: Petitions opened, presented and answered per month
--
-- One row per month from the first to the last month any of these dates
-- falls in (months with nothing show 0): e-petitions opened for signature,
-- petitions presented to the House, government responses tabled.
-- A UK petition counts in opened and responded (its response's day), never
-- in presented: the UK Parliament's e-petitions are not presented to the
-- House (use --parliament-of to see one parliament).
-- --since/--until/--parliament choose petitions by their presented date (UK:
-- the day the response threshold was reached), as in every script; the
-- months then span all three dates of those petitions.
--   --chart FILE   also draw the three counts as lines in an SVG file (FILE.svg)
--   and the common options (--data, --out, --format, --excel, --no-total,
--   --labels, --lang, --since, --until, --parliament, --parliament-of):
--   petlua timeline --help describes them
local opt = petlua.args{
  "Petitions opened, presented and answered per month (presented: Canada only; the UK's e-petitions are not presented)",
  {"--chart", "path", writable = true, help = "also draw the counts per month as an SVG line chart"},
  common = true,
}
if opt.chart and not opt.chart:lower():find("%.svg$") then
  petlua.exit(2, "petlua: " .. tostring(arg and arg[0] or "timeline") .. ": --chart must name an .svg file")
end
local set = petlua.select(opt)

local columns = {opened = "opened", presented = "presented", responded = "response_tabled"}
local counts, first, last = {}, nil, nil
for _, r in ipairs(set) do
  for column, field in pairs(columns) do
    local month = r[field] and r[field]:sub(1, 7)
    if month then
      counts[month] = counts[month] or {opened = 0, presented = 0, responded = 0}
      counts[month][column] = counts[month][column] + 1
      if not first or month < first then first = month end
      if not last or month > last then last = month end
    end
  end
end

local rows = petlua.set()
local y, m = tonumber((first or ""):sub(1, 4)), tonumber((first or ""):sub(6, 7))
while first and string.format("%04d-%02d", y, m) <= last do
  local month = string.format("%04d-%02d", y, m)
  local c = counts[month] or {opened = 0, presented = 0, responded = 0}
  rows[#rows + 1] = {month = month, opened = c.opened, presented = c.presented, responded = c.responded}
  if m == 12 then y, m = y + 1, 1 else m = m + 1 end
end
rows.columns = {"month", "opened", "presented", "responded"}

if opt.chart then
  petlua.chart.svg(opt.chart, {type = "line", rows = rows, x = "month",
    y = {"opened", "presented", "responded"}, title = "Petitions per month",
    x_label = "month", y_label = "petitions"})
end
require("petlua.output").write(rows, opt)
