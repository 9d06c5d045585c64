-- search: Petitions whose text matches words, each match in context
--
-- Finds the petitions whose text holds every word given (or any, with
-- --any); matching ignores case and accents ("quebec" finds "Québec") and
-- a word may be a phrase ("single use"). One row per match: the petition's
-- id and topic, and the match with --width characters of context on each
-- side. Petitions in id order, matches in the order of the words, then of
-- the text.
--   WORDS...       the words (or quoted phrases) to look for
--   --any          a petition matches when any word occurs (default: all)
--   --in FIELD     search this text field (default text; e.g. response_text)
--   --width N      characters of context on each side (default 40)
--   and the common options (--data, --out, --format, --excel, --no-total,
--   --labels, --lang, --since, --until, --parliament, --parliament-of):
--   petlua search --help describes them
local text = petlua.text
local opt = petlua.args{
  "Petitions whose text matches words, each match in context",
  {"words", "string", many = true, help = "words or phrases to look for"},
  {"--any", "boolean", help = "match petitions with any of the words, not all"},
  {"--in", "field", default = "text", help = "the text field to search"},
  {"--width", "integer", default = 40, min = 1, help = "characters of context on each side"},
  common = true,
}
if #opt.words == 0 then petlua.exit(2, "petlua: search: give at least one word to look for (see --help)") end
if opt.width < 1 then petlua.exit(2, "search: --width must be at least 1") end
local set = petlua.select(opt)

local rows = petlua.set()
for _, r in ipairs(set) do
  local body = r[opt["in"]]
  if type(body) == "string" then
    local found, matched = {}, 0
    for i, word in ipairs(opt.words) do
      found[i] = text.kwic(body, word, opt.width)
      if #found[i] > 0 then matched = matched + 1 end
    end
    if matched == #opt.words or (opt.any and matched > 0) then
      for _, lines in ipairs(found) do
        for _, line in ipairs(lines) do
          rows[#rows + 1] = {id = r.id, topic = r.topic, context = line}
        end
      end
    end
  end
end
rows.columns = {"id", "topic", "context"}
require("petlua.output").write(rows, opt)
