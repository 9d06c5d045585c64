-- topics: Petitions, signatures and distinctive words per topic
--
-- One row per topic: the site's category, in English whatever the page's
-- language (a term outside the vocabulary, as older pages print, as printed):
-- petitions, signatures (sum of those given), petitions with a government
-- response, and the words that set the topic apart: the top tf-idf terms of
-- all its petitions' text taken as one document, stopwords and words found
-- in more than half the topics left out. Most
-- petitions first, ties by topic; petitions without a topic show as "(none)".
-- A UK petition's topic is the UK site's first topic, its code made readable
-- ("foreign-affairs" is "Foreign affairs"; a row of vocab/topics.csv may put
-- it under another name): the two sites' lists differ, and a name both use
-- (Health, Environment) counts both; the UK's petitions have no topic before
-- April 2020. Use --parliament-of to see one parliament.
--   --words N      distinctive words per topic (default 8)
--   and the common options (--data, --out, --format, --excel, --no-total,
--   --labels, --lang, --since, --until, --parliament, --parliament-of):
--   petlua topics --help describes them
local stats, text = petlua.stats, petlua.text
local opt = petlua.args{
  "Petitions, signatures and distinctive words per topic (a UK petition: the UK site's topic, made readable)",
  {"--words", "integer", default = 8, min = 1, help = "how many distinctive words per topic"},
  common = true,
}
local set = petlua.select(opt)

local rows = set:summarize("topic", {
  {"petitions",  function(s) return #s end},
  {"signatures", function(s)                 -- empty when no page of the topic gives a count
    local sum, missing = stats.sum(s, "signatures")
    return missing < #s and sum or nil
  end},
  {"responded",  function(s) return #s:filter{status = "responded"} end},
})

-- One document per topic: the text of its petitions, each read in its own
-- language (stopwords dropped), numbers left out; a word found in most
-- topics (the petitions' own formula: "undersigned", "call", "canada") sets
-- none apart: left out when there are enough topics.
local groups, none = set:group_by("topic")
local docs = {}
for i, row in ipairs(rows) do
  local texts = {}
  for j, r in ipairs(groups[row.topic] or none) do texts[j] = {text = r.text or "", lang = r.lang} end
  docs[i] = texts
end
local terms = text.tfidf(docs, opt.words, {numbers = false, max_df = #docs >= 4 and 0.5 or nil})
for i, top in ipairs(terms) do
  local list = {}
  for j, t in ipairs(top) do list[j] = t.word end
  rows[i].top_words = table.concat(list, " ")
end

rows:sort(function(r) return r.topic ~= "(none)" and r.petitions or nil end, true)
rows.columns = {"topic", "petitions", "signatures", "responded", "top_words"}
require("petlua.output").write(rows, opt)
