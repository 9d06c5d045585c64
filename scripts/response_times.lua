-- response_times: Government response times and each parliament's rule
--
-- Per group: petitions timed (those whose record gives both days: a copy
-- cut before either gives none); median, mean, 90th percentile and longest
-- days to the government's response; how many took longer than their
-- parliament allows (late); how many are overdue. Groups in key order, then
-- "(none)", "all". The days and the rule are each parliament's own:
--   Canada  from presentation to the House to the tabled response; late
--           after 45 days (Standing Order 36(8))
--   the UK  from the day the petition reached the response threshold
--           (10,000 signatures) to the Government's response; late after
--           21 days (agreed by the Government and the Petitions Committee)
-- so --by parliament_of puts the two governments side by side, each
-- against its own rule; a group that mixes both (all) mixes the rules.
--   --by FIELD     a record field (default department: the portfolio that
--                  answered, one name whatever the language or cabinet;
--                  also responder, the title as printed, parliament,
--                  parliament_of, sponsor_caucus, topic), or year (of
--                  presented; UK: of the response threshold)
--   --chart FILE   also draw the median days per group as an SVG bar chart
--                  (FILE.svg): bars by value, or in order for years and
--                  numbers, each with its n; the "(none)" group left out
--   --as-of DATE   the day overdue is counted on (default today)
--   and the common options (--data, --out, --format, --excel, --no-total,
--   --labels, --lang, --since, --until, --parliament, --parliament-of):
--   petlua response_times --help describes them
local stats = petlua.stats
local opt = petlua.args{
  "Government response times and each parliament's rule: Canada, days from presentation to the "
    .. "tabled response, late after 45 days; the UK, days from the response threshold (10,000 "
    .. "signatures) to the response, late after 21 days",
  {"--by", "field", extra = {"year"}, default = "department", group = true,
   help = "field to group by (parliament_of: Canada and the UK side by side), or year (of presented; UK: of the response threshold)"},
  {"--chart", "path", writable = true, help = "also draw the median days per group as an SVG bar chart"},
  {"--as-of", "date", help = "count overdue petitions as of this day (default today)"},
  common = true,
}
if opt.chart and not opt.chart:lower():find("%.svg$") then
  petlua.exit(2, "petlua: " .. tostring(arg and arg[0] or "response_times") .. ": --chart must name an .svg file")
end
local by = opt.by
local sent_day = require("petlua.loader").sent_day
if by == "year" then
  by = function(r)
    local day = sent_day(r)
    return day and tonumber(day:sub(1, 4))
  end
end
local set = petlua.select(opt)
-- What the columns need of a group, gathered in one pass over its petitions
-- (once per group: a pass over 100,000 records takes a while): the response
-- days, sorted, and how many were late and are overdue.
local seen = setmetatable({}, {__mode = "k"})
local function facts(s)
  if seen[s] then return seen[s] end
  local f = {days = {}, late = 0, overdue = 0}
  for _, r in ipairs(s) do
    if r.response_days then f.days[#f.days + 1] = r.response_days end
    if r.late then f.late = f.late + 1 end
    if r.overdue then f.overdue = f.overdue + 1 end
  end
  table.sort(f.days)
  seen[s] = f
  return f
end
local function days(s) return facts(s).days end
-- Each column: a name, and a function of one group of petitions.
local rows = set:summarize(by, {
  {"petitions",   function(s) return #days(s) end},
  {"median_days", function(s) return stats.median(days(s)) end},
  {"mean_days",   function(s) return stats.round(stats.mean(days(s)), 1) end},
  {"p90_days",    function(s) return stats.round(stats.quantile(days(s), 0.9), 1) end},
  {"max_days",    function(s) return stats.max(days(s)) end},
  {"late",        function(s) return #days(s) > 0 and facts(s).late or nil end},
  {"late_share",  function(s) local n = #days(s); return n > 0 and stats.round(facts(s).late / n, 3) or nil end},
  {"overdue",     function(s) return facts(s).overdue end},
}, {name = opt.by, total = "all"})
if opt.chart then
  -- bars by value, or in order for years and numbers; n: petitions answered;
  -- a mark at each rule the petitions shown answer to
  local of = {}
  for _, r in ipairs(set) do of[r.parliament_of or "ca"] = true end
  local marks, from = {}, {}
  if of.ca then
    marks[#marks + 1] = {value = 45, label = "45 days"}
    from[#from + 1] = "presentation"
  end
  if of.uk then
    marks[#marks + 1] = {value = 21, label = of.ca and "21 days (UK)" or "21 days"}
    from[#from + 1] = of.ca and "the response threshold (UK)" or "the response threshold"
  end
  petlua.chart.svg(opt.chart, {type = "bar", rows = petlua.output.labelled(rows, opt),
    label = opt.by, value = "median_days",
    n = "petitions", total = "all", title = "Median days to a government response, by " .. opt.by,
    x_label = "median days from " .. table.concat(from, " or ") .. " to response (n: petitions answered)",
    marks = marks})
end
require("petlua.output").write(rows, opt)
