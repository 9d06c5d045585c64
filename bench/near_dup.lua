-- near_dup.lua — how long petlua.text.near_duplicates takes on a corpus of
-- generated government responses, and whether it finds the near-duplicate
-- groups planted in it.
--   ./petlua bench/near_dup.lua [texts = 10000] [threshold = 0.7] [seed = 42]
-- Each text has 100 to 200 words drawn from a Zipf-like vocabulary (English
-- and French function words, made-up content words); 30% open with one of
-- five boilerplate sentences, as real responses do. Planted groups: copies of
-- one text, each with 1 to 3 words replaced, so any two copies share at least
-- (n-18)/(n+18) of their 3-word shingles (> 0.78 at 150 words). Exits 1 if a
-- planted group is missed or merged, or a group appears that was not planted.
local text = require "petlua.text"

local N = tonumber(arg and arg[1]) or 10000
local THRESHOLD = tonumber(arg and arg[2]) or 0.7
math.randomseed(tonumber(arg and arg[3]) or 42)

local function_words = {
  "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "by",
  "this", "are", "be", "it", "from", "will", "has", "le", "la", "les", "de", "des",
  "du", "et", "à", "en", "un", "une", "pour", "sur", "qui", "que", "dans", "est",
}
local syllables = {"ca", "na", "da", "gou", "ver", "ne", "ment", "pro", "gram", "fe", "de",
  "ral", "san", "te", "mi", "nis", "tre", "pe", "ti", "tion", "eau", "re", "ponse", "lo"}
local content = {}
for i = 1, 6000 do
  local parts = {}
  for k = 1, 2 + i % 3 do parts[k] = syllables[math.random(#syllables)] end
  content[i] = table.concat(parts)
end

-- A word: half the time a function word, else a content word, rank ~ Zipf.
local function word()
  if math.random() < 0.45 then return function_words[math.random(#function_words)] end
  local r = math.random()
  return content[math.floor((#content) ^ r)]
end

local boiler = {}
for b = 1, 5 do
  local w = {}
  for k = 1, 20 do w[k] = word() end
  boiler[b] = w
end

local function new_text()
  local w = {}
  if math.random() < 0.3 then
    for _, x in ipairs(boiler[math.random(#boiler)]) do w[#w + 1] = x end
  end
  for _ = #w + 1, math.random(100, 200) do w[#w + 1] = word() end
  return w
end

local function variant(words)
  local w = table.move(words, 1, #words, 1, {})
  for _ = 1, math.random(1, 3) do w[math.random(#w)] = "changed" .. math.random(1e6) end
  return w
end

local t0 = os.clock()
local texts, planted = {}, {}
local groups_wanted = N // 100        -- 1% of the corpus are planted groups
local slots = {}
for i = 1, N do slots[i] = i end
for i = N, 2, -1 do                   -- shuffle, so group members are scattered
  local j = math.random(i)
  slots[i], slots[j] = slots[j], slots[i]
end
local used = 0
for g = 1, groups_wanted do
  local base = new_text()
  local members = {}
  for _ = 1, math.random(2, 5) do
    used = used + 1
    local at = slots[used]
    members[#members + 1] = at
    texts[at] = table.concat(variant(base), " ")
  end
  table.sort(members)
  planted[g] = members
end
for i = 1, N do
  if not texts[i] then texts[i] = table.concat(new_text(), " ") end
end
local words = 0
for _, t in ipairs(texts) do words = words + select(2, t:gsub("%S+", "")) end
local t1 = os.clock()

local found = text.near_duplicates(texts, THRESHOLD)
local t2 = os.clock()

-- Compare the groups found with those planted.
local key = function(g) return table.concat(g, ",") end
local want, got = {}, {}
for _, g in ipairs(planted) do want[key(g)] = true end
for _, g in ipairs(found) do got[key(g)] = true end
local missed, extra = 0, 0
for k in pairs(want) do if not got[k] then missed = missed + 1 end end
for k in pairs(got) do if not want[k] then extra = extra + 1 end end

print(string.format("texts: %d (%.0f words each on average), threshold %.2f", N, words / N, THRESHOLD))
print(string.format("generate: %.2f s", t1 - t0))
print(string.format("near_duplicates: %.2f s (CPU)", t2 - t1))
print(string.format("groups planted: %d, found: %d, missed: %d, not planted: %d",
  #planted, #found, missed, extra))
if missed > 0 or extra > 0 then os.exit(1) end
