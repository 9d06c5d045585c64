-- boilerplate: Responses that repeat the same text across petitions
--
-- Groups of petitions whose government responses are near duplicates
-- (Jaccard similarity of 3-word shingles, petlua.text.near_duplicates). A
-- group holds together: each petition's response reaches the threshold with
-- the group's first response (its representative: the first petition of the
-- group in the data's order), and a response that could join two groups
-- joins the one found first. One row per group, largest first (ties: the
-- group whose first petition comes first). similarity is the lowest
-- similarity between the first response and another in the group; ids lists
-- the petitions, the first one first; responder the distinct responders;
-- excerpt the start of the first response. A UK response names no minister:
-- its department stands in responder. A UK response's text is its summary
-- and details; use --parliament-of to compare one government's responses.
--   --threshold X  similarity from which a response joins a group (0-1,
--                  default 0.5)
--   --min-size N   only groups of at least N petitions (default 2)
--   --field NAME   compare this text field instead (default response_text;
--                  text compares the petitions themselves)
--   and the common options (--data, --out, --format, --excel, --no-total,
--   --labels, --lang, --since, --until, --parliament, --parliament-of):
--   petlua boilerplate --help describes them
-- Why 0.5: on real pages a department's reused answer is a copy with a few
-- sentences or a paragraph rewritten. The Minister of Health's responses to
-- 441-02171 and 441-02376 are 0.80 and 0.59 similar to the one to 441-01920
-- (natural health products); those to e-3786 and 441-02051 (a guaranteed
-- livable income), 0.66; to 432-00130 and 432-00547, word for word. At 0.6
-- the 441-02376 answer, its fourth paragraph rewritten, is lost; under 0.4
-- answers that share one paragraph but answer differently come together
-- (432-00066 and 441-00252, 0.38).
local stats, text, show = petlua.stats, petlua.text, require "petlua.show"
local opt = petlua.args{
  "Responses that repeat the same text across petitions",
  {"--threshold", "number", default = 0.5, help = "similarity from which a response joins a group (0-1)"},
  {"--min-size", "integer", default = 2, min = 1, help = "smallest group to list"},
  {"--field", "field", default = "response_text", help = "the text field to compare"},
  common = true,
}
if opt.threshold <= 0 or opt.threshold > 1 then
  petlua.exit(2, "boilerplate: --threshold must be above 0 and at most 1")
end
local set = petlua.select(opt):filter(function(r) return type(r[opt.field]) == "string" end)

local texts = {}
for i, r in ipairs(set) do texts[i] = r[opt.field] end
local groups, similarities = text.near_duplicates(texts, opt.threshold)
local rows = petlua.set()
for k, group in ipairs(groups) do
  if #group >= opt.min_size then
    local ids, responders, seen, lowest = {}, {}, {}, 1
    for j, i in ipairs(group) do
      local r = set[i]
      ids[j] = r.id
      lowest = math.min(lowest, similarities[k][j])
      local who = r.responder or (r.parliament_of == "uk" and r.department or nil)
      if who and not seen[who] then
        seen[who] = true
        responders[#responders + 1] = who
      end
    end
    rows[#rows + 1] = {size = #group, similarity = stats.round(lowest, 3),
      ids = table.concat(ids, " "), responder = #responders > 0 and table.concat(responders, "; ") or "(none)",
      excerpt = show.truncate(texts[group[1]]:gsub("%s+", " "), 100), first = group[1]}
  end
end
rows:sort("first"):sort("size", true)
for g, row in ipairs(rows) do row.group = g end
rows.columns = {"group", "size", "similarity", "ids", "responder", "excerpt"}
require("petlua.output").write(rows, opt)
