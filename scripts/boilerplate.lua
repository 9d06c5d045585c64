-- boilerplate: Responses that repeat the same text across petitions
--
-- Groups of petitions whose government responses are near duplicates
-- (Jaccard similarity of 3-word shingles, petlua.text.near_duplicates): one
-- row per group, largest first (ties: the group whose first petition comes
-- first). similarity is the lowest similarity between the group's first
-- response and another in the group; ids lists the petitions; responder the
-- distinct responders (a UK response names no minister: its department
-- stands there); excerpt the start of the first response. A UK response's
-- text is its summary and details; use --parliament-of to compare one
-- government's responses.
--   --threshold X  similarity from which two texts group (0-1, default 0.8)
--   --min-size N   only groups of at least N petitions (default 2)
--   --field NAME   compare this text field instead (default response_text;
--                  text compares the petitions themselves)
--   --data, --out, --lang, --since, --until, --parliament, --parliament-of:
--                  as in every script
local stats, text, show = petlua.stats, petlua.text, require "petlua.show"
local opt = petlua.args{
  "Responses that repeat the same text across petitions",
  {"--threshold", "number", default = 0.8, help = "similarity from which texts group (0-1)"},
  {"--min-size", "integer", default = 2, help = "smallest group to list"},
  {"--field", "string", default = "response_text", help = "the text field to compare"},
  common = true,
}
if opt.threshold <= 0 or opt.threshold > 1 then
  petlua.exit(2, "boilerplate: --threshold must be above 0 and at most 1")
end
local set = petlua.select(opt):filter(function(r) return type(r[opt.field]) == "string" end)

local texts = {}
for i, r in ipairs(set) do texts[i] = r[opt.field] end
local rows = petlua.set()
for _, group in ipairs(text.near_duplicates(texts, opt.threshold)) do
  if #group >= opt.min_size then
    local first, ids, responders, seen, lowest = set[group[1]], {}, {}, {}, 1
    for j, i in ipairs(group) do
      local r = set[i]
      ids[j] = r.id
      local who = r.responder or (r.parliament_of == "uk" and r.department or nil)
      if who and not seen[who] then
        seen[who] = true
        responders[#responders + 1] = who
      end
      if j > 1 then lowest = math.min(lowest, text.similarity(texts[group[1]], texts[i])) end
    end
    rows[#rows + 1] = {size = #group, similarity = stats.round(lowest, 3), ids = table.concat(ids, " "),
      responder = #responders > 0 and table.concat(responders, "; ") or "(none)",
      excerpt = show.truncate(first[opt.field]:gsub("%s+", " "), 100), first = group[1]}
  end
end
rows:sort("first"):sort("size", true)
for g, row in ipairs(rows) do row.group = g end
rows.columns = {"group", "size", "similarity", "ids", "responder", "excerpt"}
require("petlua.output").write(rows, opt)
