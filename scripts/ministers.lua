-- ministers: Who answers petitions: responses per department and signer
--
-- Every response counts, not only the first (a petition may have several):
-- one row per department (the portfolio that answered, one name whatever
-- the page's language or the cabinet of the day: see vocab/) and signer,
-- with the number of responses, the median days from presentation to the
-- tabled response of the petitions they answered, and how many of those were
-- late (over 45 days). Most responses first; ties by department, then
-- signer. A title no vocabulary row explains, or a missing name, shows as
-- "(none)" (petlua.load reports the titles). Pages that give only a
-- "Government response tabled" line, with no response text, have no
-- response to count.
--   --top N        only the N rows with most responses
--   and the common options (--data, --out, --format, --excel, --no-total,
--   --labels, --lang, --since, --until, --parliament, --parliament-of):
--   petlua ministers --help describes them
local stats = petlua.stats
local opt = petlua.args{
  "Who answers petitions: responses per department and signer",
  {"--top", "integer", min = 1, help = "only the N rows with most responses"},
  common = true,
}
local set = petlua.select(opt)

-- One item per response, carrying its petition's response time.
local responses = petlua.set()
for _, r in ipairs(set) do
  for _, resp in ipairs(r.responses or {}) do
    responses[#responses + 1] = {department = resp.department or "(none)",
      signed_by = resp.signed_by or "(none)", response_days = r.response_days, late = r.late}
  end
end

local rows = petlua.set()
for department, by_department in pairs(responses:group_by("department")) do
  for signer, group in pairs(by_department:group_by("signed_by")) do
    rows[#rows + 1] = {department = department, signed_by = signer, responses = #group,
      median_days = stats.median(group:column("response_days")),
      late = #group:column("response_days") > 0 and #group:filter{late = true} or nil}
  end
end
rows:sort("signed_by"):sort("department"):sort("responses", true)
if opt.top then rows = stats.top(rows, opt.top, "responses") end
rows.columns = {"department", "signed_by", "responses", "median_days", "late"}
require("petlua.output").write(rows, opt)
