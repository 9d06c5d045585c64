-- sponsors: Which MPs and caucuses sponsor and present petitions
--
-- One row per sponsor (the MP shown on the page: the sponsor of an
-- e-petition, the presenter of a paper petition; a paper petition's caucus
-- is its sponsor block's, where the page prints one) and caucus: petitions,
-- signatures (sum of those given), and how many got a government response.
-- Most petitions first; ties by sponsor, then caucus. A petition without a
-- sponsor shows as "(none)".
-- Canada only: a UK e-petition has no sponsoring MP (its creator's five
-- supporters are not published, and no MP presents it), so the UK's
-- petitions are left out, and a note on stderr says how many.
--   --caucus       one row per caucus instead (sponsor column "(all)")
--   --top N        only the N rows with most petitions
--   and the common options (--data, --out, --format, --excel, --no-total,
--   --labels, --lang, --since, --until, --parliament, --parliament-of):
--   petlua sponsors --help describes them
local stats = petlua.stats
local opt = petlua.args{
  "Which MPs and caucuses sponsor and present petitions (Canada only: a UK e-petition has no "
    .. "sponsoring MP, so the UK's petitions are left out and counted in a note on stderr)",
  {"--caucus", "boolean", help = "one row per caucus instead of per MP"},
  {"--top", "integer", min = 1, help = "only the N rows with most petitions"},
  common = true,
}
local set = petlua.select(opt)
local uk = set:filter{parliament_of = "uk"}
if #uk > 0 then
  io.stderr:write(string.format("sponsors: %d UK petition%s left out: a UK e-petition has no sponsoring MP\n",
    #uk, #uk == 1 and "" or "s"))
  set = set:filter(function(r) return r.parliament_of ~= "uk" end)
end

-- The MP the page shows: an e-petition's sponsor; a paper petition's
-- sponsor block where the page has one, else the MP who presented it.
local function mp(r)
  return r.sponsor or (r.kind == "paper" and r.presenter) or "(none)"
end

-- The signatures given, summed; empty when no page of the group gives a count.
local function signatures(group)
  local sum, missing = stats.sum(group, "signatures")
  return missing < #group and sum or nil
end

local rows = petlua.set()
for caucus, by_caucus in pairs(set:group_by(function(r) return r.sponsor_caucus or "(none)" end)) do
  local groups = opt.caucus and {["(all)"] = by_caucus} or by_caucus:group_by(mp)
  for sponsor, group in pairs(groups) do
    rows[#rows + 1] = {sponsor = sponsor, sponsor_caucus = caucus, petitions = #group,
      signatures = signatures(group),
      responded = #group:filter{status = "responded"}}
  end
end
rows:sort("sponsor_caucus"):sort("sponsor"):sort("petitions", true)
if opt.top then rows = stats.top(rows, opt.top, "petitions") end
rows.columns = {"sponsor", "sponsor_caucus", "petitions", "signatures", "responded"}
require("petlua.output").write(rows, opt)
