-- near_dup.lua — how long petlua.text.near_duplicates takes, in CPU seconds,
-- and whether its groups are right.
--
--   ./petlua bench/near_dup.lua [texts = 10000] [threshold = 0.5] [seed = 42]
--   ./petlua bench/near_dup.lua --corpus DIR [threshold = 0.5]
--
-- Generated texts (the first form) are made the way government responses
-- reuse text: each department has a few template answers of three to six
-- paragraphs; 70% of the texts are one of them with small edits (a word or
-- two changed in some sentences, now and then a paragraph rewritten or
-- dropped, an opening sentence of their own), the others answers of their
-- own; and 30% of all texts open with one of five sentences every
-- department uses. Words come from a Zipf-like vocabulary of English and
-- French function words and made-up content words.
-- A corpus (the second form) is every response_text of the pages in DIR, as
-- petlua.load reads them (bench/gen.c writes such pages).
--
-- Checks, exit 1 when one fails: every member of a group reaches the
-- threshold with the group's first text (text.similarity, on up to 3,000
-- members), and the similarity reported is that one; for generated texts,
-- at most 2% of the edited copies that reach the threshold with their
-- template's first copy are in no group (MinHash may miss a few).
-- Prints one line `result: texts=N threshold=T cpu=S groups=G grouped=M`.
local text = require "petlua.text"

local texts, template_of
local threshold, corpus
if arg[1] == "--corpus" then
  corpus = assert(arg[2], "usage: petlua bench/near_dup.lua --corpus DIR [threshold]")
  threshold = tonumber(arg[3]) or 0.5
else
  threshold = tonumber(arg[2]) or 0.5
end

local t0 = os.clock()
if corpus then
  local set = petlua.load(corpus, {quiet = true})
  texts = {}
  for _, r in ipairs(set) do
    if type(r.response_text) == "string" then texts[#texts + 1] = r.response_text end
  end
else
  local N = tonumber(arg[1]) or 10000
  math.randomseed(tonumber(arg[3]) or 42)
  local function_words = {
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "by",
    "this", "are", "be", "it", "from", "will", "has", "le", "la", "les", "de", "des",
    "du", "et", "à", "en", "un", "une", "pour", "sur", "qui", "que", "dans", "est",
  }
  local syllables = {"ca", "na", "da", "gou", "ver", "ne", "ment", "pro", "gram", "fe", "de",
    "ral", "san", "te", "mi", "nis", "tre", "pe", "ti", "tion", "eau", "re", "ponse", "lo"}
  local content = {}
  for i = 1, 20000 do
    local parts = {}
    for k = 1, 2 + i % 3 do parts[k] = syllables[math.random(#syllables)] end
    content[i] = table.concat(parts)
  end
  local function word()
    if math.random() < 0.45 then return function_words[math.random(#function_words)] end
    return content[math.floor((#content) ^ math.random())]
  end
  local function sentence()
    local w = {}
    for k = 1, math.random(12, 25) do w[k] = word() end
    return table.concat(w, " ") .. "."
  end
  local function paragraph()
    local s = {}
    for k = 1, math.random(2, 4) do s[k] = sentence() end
    return s
  end
  local openings = {}
  for b = 1, 5 do openings[b] = sentence() end
  -- a template: a list of paragraphs, each a list of sentences
  local templates = {}
  for t = 1, math.max(1, N // 40) do
    local p = {}
    for k = 1, math.random(3, 6) do p[k] = paragraph() end
    templates[t] = p
  end
  local function edited(s)
    if math.random() >= 0.3 then return s end
    local w = {}
    for x in s:gmatch("%S+") do w[#w + 1] = x end
    for _ = 1, math.random(1, 2) do w[math.random(#w)] = word() end
    return table.concat(w, " ")
  end
  local function render(paragraphs)
    local out = {}
    if math.random() < 0.3 then out[1] = openings[math.random(#openings)] end
    for _, p in ipairs(paragraphs) do out[#out + 1] = table.concat(p, " ") end
    return table.concat(out, "\n\n")
  end
  texts, template_of = {}, {}
  for i = 1, N do
    local paragraphs = {}
    if math.random() < 0.7 then
      local t = math.random(#templates)
      template_of[i] = t
      paragraphs[1] = {sentence()}                     -- an opening of its own
      for _, p in ipairs(templates[t]) do
        local r = math.random()
        if r < 0.1 then                                -- rewritten
          paragraphs[#paragraphs + 1] = paragraph()
        elseif r >= 0.15 then                          -- kept, a few sentences edited (else dropped)
          local q = {}
          for k, s in ipairs(p) do q[k] = edited(s) end
          paragraphs[#paragraphs + 1] = q
        end
      end
    else
      for k = 1, math.random(3, 6) do paragraphs[k] = paragraph() end
    end
    texts[i] = render(paragraphs)
  end
end
local words = 0
for _, t in ipairs(texts) do words = words + select(2, t:gsub("%S+", "")) end
local t1 = os.clock()

local groups, sims = text.near_duplicates(texts, threshold)
local t2 = os.clock()

-- Every member reaches the threshold with its representative, as reported.
local failures, checked, grouped = {}, 0, 0
local group_of = {}
for k, g in ipairs(groups) do
  grouped = grouped + #g
  for m, i in ipairs(g) do
    group_of[i] = k
    if m > 1 and checked < 3000 and k % math.max(1, #groups // 300) == 0 then
      checked = checked + 1
      local s = text.similarity(texts[g[1]], texts[i])
      if s ~= sims[k][m] or s < threshold then
        failures[#failures + 1] = string.format("group %d: text %d is %.4f from %d (reported %.4f)",
          k, i, s, g[1], sims[k][m])
      end
    end
  end
end
-- Edited copies that should have found their template's first copy.
local lost, eligible = 0, 0
if template_of then
  local first = {}
  for i = 1, #texts do
    local t = template_of[i]
    if t and not first[t] then
      first[t] = i
    elseif t and eligible < 3000 and text.similarity(texts[first[t]], texts[i]) >= threshold then
      eligible = eligible + 1
      if not group_of[i] then lost = lost + 1 end
    end
  end
end

print(string.format("texts: %d (%.0f words each on average), threshold %.2f%s", #texts, words / #texts,
  threshold, corpus and (", responses in " .. corpus) or ", generated"))
print(string.format("%s: %.2f s (CPU)", corpus and "load" or "generate", t1 - t0))
print(string.format("near_duplicates: %.2f s (CPU)", t2 - t1))
print(string.format("groups: %d, texts in them: %d; members checked against their representative: %d",
  #groups, grouped, checked))
if template_of then
  print(string.format("edited copies at the threshold with their template's first copy: %d, in no group: %d",
    eligible, lost))
end
print(string.format("result: texts=%d threshold=%g cpu=%.2f groups=%d grouped=%d", #texts, threshold,
  t2 - t1, #groups, grouped))
for _, f in ipairs(failures) do print("wrong: " .. f) end
if #failures > 0 or lost > 0.02 * eligible then os.exit(1) end
