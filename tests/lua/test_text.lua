-- test_text.lua — petlua.text as a script sees it: every function, in English
-- and French, composed and decomposed accents, both apostrophes, empty
-- strings, invalid UTF-8, and the exact errors of misuse.
local T = dofile("tests/lua/harness.lua")
local text = require "petlua.text"

local FFFD = "\u{FFFD}"
local E_ACUTE = "e\u{301}"   -- "é" decomposed

-- Call text.NAME(...) from a Lua function (not a tail call), so that
-- errors name the function as a script's call would.
local calls = {
  words = function(...) local r = text.words(...) return r end,
  stopwords = function(...) local r = text.stopwords(...) return r end,
  stem = function(...) local r = text.stem(...) return r end,
  ngrams = function(...) local r = text.ngrams(...) return r end,
  freq = function(...) local r = text.freq(...) return r end,
  tfidf = function(...) local r = text.tfidf(...) return r end,
  similarity = function(...) local r = text.similarity(...) return r end,
  near_duplicates = function(...) local r = text.near_duplicates(...) return r end,
  kwic = function(...) local r = text.kwic(...) return r end,
  wrap = function(...) local r = text.wrap(...) return r end,
}
local function call(name, ...)
  return calls[name](...)
end

T.cases("normalize", {
  {"QUÉBEC", "québec"},
  {"QU" .. "E\u{301}" .. "BEC", "québec"},
  {E_ACUTE .. "t" .. E_ACUTE, "été"},
  {"Straße ŒUVRE", "straße œuvre"},
  {"L’Eau", "l’eau"},
  {"", ""},
  {"A\xff\xfeB", "a" .. FFFD .. FFFD .. "b"},
}, function(c) T.eq(text.normalize(c[1]), c[2]) end)

T.cases("fold", {
  {"QUÉBEC", "quebec"},
  {"QU" .. "E\u{301}" .. "BEC", "quebec"},
  {"œuvre", "oeuvre"},
  {"Æ", "ae"},
  {"ŒUVRE à l’île", "oeuvre a l'ile"},
  {"Straße", "strasse"},
  {"", ""},
  {"\xffÉ", FFFD .. "e"},
}, function(c) T.eq(text.fold(c[1]), c[2]) end)

T.cases("words", {
  {"Single-use plastics, 5G networks", nil, {"single-use", "plastics", "5g", "networks"}},
  {"1,204 signatures et 1\u{A0}204 et 1\u{202F}204", nil, {"1204", "signatures", "et", "1204", "et", "1204"}},
  {"3,5 km", nil, {"3", "5", "km"}},
  {"L'eau d’été qu’il jusqu'à", nil, {"l'", "eau", "d'", "été", "qu'", "il", "jusqu'", "à"}},
  {"l" .. "’" .. E_ACUTE .. "cole", nil, {"l'", "école"}},
  {"aujourd’hui", nil, {"aujourd'hui"}},
  {"Canada's program and Canada’s citizens'", nil, {"canada", "program", "and", "canada", "citizens"}},
  {"don’t", nil, {"don't"}},
  {"", nil, {}},
  {"\xff\xfe", nil, {}},
  {"ab\xffcd", nil, {"ab", "cd"}},
  {"The Government of Canada's response", {lang = "en", stop = true}, {"government", "canada", "response"}},
  {"Le gouvernement du Canada répond à l'école", {lang = "fr", stop = true},
    {"gouvernement", "canada", "répond", "école"}},
  {"Le gouvernement du Canada répond à l'école", {stop = true},   -- detected: French
    {"gouvernement", "canada", "répond", "école"}},
  {"l'eau the water", {lang = "en", stop = true}, {"eau", "water"}},
  {"family member(s) of Plan B, Bill C-10", {lang = "en", stop = true},   -- one letter is no word
   {"family", "member", "plan", "bill", "c-10"}},
  {"family member(s)", {lang = "en"}, {"family", "member", "s"}},   -- kept without stop
  {"Governments responded to petitions", {lang = "en", stem = true}, {"govern", "respond", "to", "petit"}},
  {"Les pétitions des citoyennes", {lang = "fr", stop = true, stem = true}, {"pétit", "citoyen"}},
  {"Les pétitions des citoyennes", {lang = "fr", stop = true, stem = true, fold = true}, {"petit", "citoyen"}},
  {"L’été à Québec", {fold = true}, {"l'", "ete", "a", "quebec"}},
  {"été", {stem = true}, {"été"}},  -- language unknown: not stemmed
}, function(c) T.eq(text.words(c[1], c[2]), c[3]) end)

T.case("words: misuse", function()
  T.raises("bad argument #1 to 'words' (string expected, got nil)", call, "words", nil)
  T.raises("bad argument #2 to 'words' (table expected, got string)", call, "words", "x", "en")
  T.raises("bad argument #2 to 'words' (unknown option 'stopp')", call, "words", "x", {stopp = true})
  T.raises("bad argument #2 to 'words' (lang must be \"en\" or \"fr\", got de)", call, "words", "x", {lang = "de"})
  T.raises("bad argument #2 to 'words' (lang must be \"en\" or \"fr\", got boolean)", call, "words", "x", {lang = true})
  T.eq(text.words("x", {lang = nil, stop = false}), {"x"})
end)

T.case("stopwords", function()
  local en, fr = text.stopwords("en"), text.stopwords("fr")
  T.eq(en.the, true); T.eq(en["don't"], true); T.eq(en.le, nil)
  T.eq(fr.le, true); T.eq(fr["été"], true); T.eq(fr.ete, true)   -- as written and folded
  T.eq(fr["l'"], true); T.eq(fr["qu'"], true); T.eq(fr["à"], true); T.eq(fr.a, true)
  T.eq(fr.the, nil); T.eq(en.government, nil)
  local n = 0
  for w, v in pairs(en) do n = n + 1; T.eq(v, true, w) end
  T.eq(n >= 250, true, "a few hundred English stopwords")
  T.raises("bad argument #1 to 'stopwords' (invalid option 'de')", call, "stopwords", "de")
  T.raises("bad argument #1 to 'stopwords' (string expected, got no value)", call, "stopwords")
end)

T.cases("stem", {
  {"running", "en", "run"},
  {"Petitions", "en", "petit"},
  {"continuellement", "fr", "continuel"},
  {"PÉTITIONS", "fr", "pétit"},
  {"p" .. E_ACUTE .. "titions", "fr", "pétit"},
  {"", "fr", ""},
}, function(c) T.eq(text.stem(c[1], c[2]), c[3]) end)

T.case("stem: misuse", function()
  T.raises("bad argument #2 to 'stem' (string expected, got no value)", call, "stem", "running")
  T.raises("bad argument #2 to 'stem' (invalid option 'english')", call, "stem", "running", "english")
end)

T.case("ngrams", function()
  T.eq(text.ngrams({"a", "b", "c"}, 2), {"a b", "b c"})
  T.eq(text.ngrams({"a", "b", "c"}, 1), {"a", "b", "c"})
  T.eq(text.ngrams({"a", "b", "c"}, 3), {"a b c"})
  T.eq(text.ngrams({"a", "b", "c"}, 4), {})
  T.eq(text.ngrams({}, 2), {})
  T.eq(text.ngrams(text.words("L’eau du Québec"), 2), {"l' eau", "eau du", "du québec"})
  T.raises("bad argument #2 to 'ngrams' (positive integer expected, got 0)", call, "ngrams", {"a"}, 0)
  T.raises("bad argument #2 to 'ngrams' (positive integer expected, got 1.5)", call, "ngrams", {"a"}, 1.5)
  T.raises("bad argument #1 to 'ngrams' (string expected at index 2, got number)", call, "ngrams", {"a", 2}, 1)
  T.raises("bad argument #1 to 'ngrams' (table expected, got nil)", call, "ngrams", nil, 1)
  -- the error points at the caller's line
  local ok, err = pcall(function() local r = text.ngrams(nil, 1) return r end)
  T.eq(ok, false)
  T.eq(err:match("^tests/lua/test_text.lua:%d+: bad argument") ~= nil, true, err)
end)

T.case("freq", function()
  T.eq(text.freq({"b", "a", "b", "c", "a", "d"}),
    {{word = "b", n = 2}, {word = "a", n = 2}, {word = "c", n = 1}, {word = "d", n = 1}})
  T.eq(text.freq({}), {})
  T.eq(text.freq(text.words("Le chat, le chien et LE rat")),
    {{word = "le", n = 3}, {word = "chat", n = 1}, {word = "chien", n = 1}, {word = "et", n = 1}, {word = "rat", n = 1}})
  T.raises("bad argument #1 to 'freq' (string expected at index 1, got boolean)", call, "freq", {true})
end)

T.case("tfidf", function()
  -- N = 2; df: a 1, b 2, c 1; idf = ln((1+N)/(1+df)) + 1
  local idf1 = math.log(3 / 2) + 1
  local r = text.tfidf({{"a", "b", "a"}, {"b", "c"}})
  T.eq(#r, 2)
  T.eq(r[1][1].word, "a"); T.near(r[1][1].score, 2 / 3 * idf1)
  T.eq(r[1][2].word, "b"); T.near(r[1][2].score, 1 / 3)
  T.eq(r[2][1].word, "c"); T.near(r[2][1].score, 0.5 * idf1)
  T.eq(r[2][2].word, "b"); T.near(r[2][2].score, 0.5)
  T.eq(#text.tfidf({{"a", "b", "a"}, {"b", "c"}}, 1)[1], 1)
  -- strings: words without stopwords; ties keep first-seen order
  local s = text.tfidf({"The petition asks the government.", "Le gouvernement répond à la pétition."})
  T.eq({s[1][1].word, s[1][2].word, s[1][3].word}, {"petition", "asks", "government"})
  T.eq({s[2][1].word, s[2][2].word, s[2][3].word}, {"gouvernement", "répond", "pétition"})
  T.eq(text.tfidf({}), {})
  T.eq(text.tfidf({{}, ""}), {{}, {}})
  T.raises("bad argument #1 to 'tfidf' (string or list of words expected at index 2, got number)",
    call, "tfidf", {{"a"}, 5})
  T.raises("bad argument #1 to 'tfidf' (string or {text = ...} expected at index 2 of document 1, got boolean)",
    call, "tfidf", {{"a", false}})
  T.raises("bad argument #2 to 'tfidf' (positive integer expected, got 0)", call, "tfidf", {}, 0)
  T.raises("bad argument #2 to 'tfidf' (positive integer expected, got 1.5)", call, "tfidf", {}, 1.5)
end)

T.case("tfidf of texts, numbers and max_df", function()
  -- a text in a document gives its words as words(s, {lang =, stop = true}) does
  local en, fr = "The water of the 12 lakes, the water.", "L’eau des lacs et l’eau des 12 rivières."
  local function words_of(doc)
    local out = {}
    for _, t in ipairs(text.tfidf({doc}, 100)[1]) do out[#out + 1] = t.word end
    return out
  end
  T.eq(words_of({{text = en, lang = "en"}}), {"water", "12", "lakes"})
  T.eq(words_of({{text = fr, lang = "fr"}}), {"eau", "lacs", "12", "rivières"})
  T.eq(words_of({{text = en}}), words_of(en))                    -- no lang: detected
  T.eq(words_of({"lake", {text = en, lang = "en"}, "lake"}), {"lake", "water", "12", "lakes"})
  -- the same scores as the words given one by one
  local a = text.tfidf({{{text = en, lang = "en"}}, {{text = fr, lang = "fr"}}})
  local b = text.tfidf({text.words(en, {lang = "en", stop = true}), text.words(fr, {lang = "fr", stop = true})})
  T.eq(a, b)
  -- numbers = false: words made only of digits left out (tf counts the others)
  local r = text.tfidf({{"12", "a", "12", "b-2", "3,5"}}, 10, {numbers = false})[1]
  T.eq({r[1].word, r[2].word, r[3].word, #r}, {"a", "b-2", "3,5", 3})
  T.near(r[1].score, 1 / 3)
  -- max_df = 0.5: a term in more than half the documents is left out
  local docs = {{"x", "a", "a"}, {"x", "b"}, {"x", "c", "a"}, {"d"}}
  r = text.tfidf(docs, 10, {max_df = 0.5})
  T.eq(r[1][1].word, "a"); T.eq(#r[1], 1); T.near(r[1][1].score, 1 * (math.log(5 / 3) + 1))
  T.eq(#r[2], 1); T.eq(r[2][1].word, "b")
  T.eq(#text.tfidf(docs, 10, {max_df = 0.75})[2], 2)          -- x in 3 of 4: kept at 0.75
  T.eq(#text.tfidf(docs, 10, {max_df = 0.74})[2], 1)
  -- equal scores: the term seen first comes first
  r = text.tfidf({{"u", "v", "v", "w"}, {"u", "u", "w"}})[1]
  T.eq({r[1].word, r[2].word, r[3].word}, {"v", "u", "w"})
  T.raises("bad argument #3 to 'tfidf' (unknown option 'stem')", call, "tfidf", {}, 5, {stem = true})
  T.raises("bad argument #3 to 'tfidf' (max_df must be a number above 0 and at most 1)",
    call, "tfidf", {}, 5, {max_df = 0})
  T.raises("bad argument #1 to 'tfidf' (field 'text' at index 1 of document 2 must be a string, got nil)",
    call, "tfidf", {{}, {{lang = "en"}}})
  T.raises("bad argument #1 to 'tfidf' (lang at index 1 of document 1 must be \"en\" or \"fr\", got de)",
    call, "tfidf", {{{text = "x", lang = "de"}}})
end)

T.cases("similarity", {
  {"the quick brown fox jumps", "the quick brown fox sleeps", 0.5},
  {"Québec est belle", "QUEBEC EST BELLE", 1.0},
  {"Qu" .. E_ACUTE .. "bec est belle", "Québec est belle", 1.0},
  {"a b c", "c b a", 0.0},
  {"hello world", "world peace", 1 / 3},
  {"hello world", "hello big world", 2 / 3},
  {"a b c d e f", "a b c d e g", 3 / 5},
  {"", "", 0.0},
  {"\xff\xfe", "\xff", 0.0},
}, function(c)
  T.near(text.similarity(c[1], c[2]), c[3], 1e-12)
  T.near(text.similarity(c[2], c[1]), c[3], 1e-12)
end)

T.case("similarity: misuse", function()
  T.raises("bad argument #2 to 'similarity' (string expected, got table)", call, "similarity", "a", {})
end)

T.case("near_duplicates: small cases", function()
  local t = {"a b c d e", "x y z", "A, b, c, d, e!", "a b c d f", ""}
  T.eq(text.near_duplicates(t, 0.5), {{1, 3, 4}})
  T.eq(text.near_duplicates(t, 0.6), {{1, 3}})
  T.eq(text.near_duplicates(t, 1), {{1, 3}})
  T.eq(text.near_duplicates(t), {{1, 3}})   -- threshold 0.8
  T.eq(text.near_duplicates({}, 0.5), {})
  T.eq(text.near_duplicates({"", "", "\xff"}, 0.5), {})
  T.eq(text.near_duplicates({"yes", "no", "Yes!", "maybe", "non", "NO"}, 0.9), {{1, 3}, {2, 6}})
  T.eq(text.near_duplicates({"L’été à Québec", "l'ete a quebec", "E\u{301}te\u{301}"}, 0.9), {{1, 2}})
end)

T.case("near_duplicates: misuse", function()
  T.raises("bad argument #2 to 'near_duplicates' (threshold must be in (0, 1])", call, "near_duplicates", {}, 0)
  T.raises("bad argument #2 to 'near_duplicates' (threshold must be in (0, 1])", call, "near_duplicates", {}, 1.01)
  T.raises("bad argument #1 to 'near_duplicates' (string expected at index 2, got nil)",
    call, "near_duplicates", {"a", nil, "c"}, 0.5)
  T.raises("bad argument #1 to 'near_duplicates' (string expected at index 1, got number)",
    call, "near_duplicates", {1}, 0.5)
  T.raises("bad argument #1 to 'near_duplicates' (table expected, got string)", call, "near_duplicates", "a b")
end)

-- The groups must be those of the leader rule (text.h): each text, in order,
-- joins the first group whose representative (its first text) it reaches the
-- threshold with, or founds one; computed here by brute force.
local function leader_groups(texts, threshold)
  local reps, members = {}, {}
  for i, t in ipairs(texts) do
    local g = 1
    while g <= #reps and text.similarity(t, texts[reps[g]]) < threshold do g = g + 1 end
    if g > #reps then reps[g], members[g] = i, {} end
    table.insert(members[g], i)
  end
  local want = {}
  for _, m in ipairs(members) do
    if #m >= 2 then want[#want + 1] = m end
  end
  return want
end

T.case("near_duplicates: the groups of the leader rule, similarities to the representative", function()
  math.randomseed(7)
  local vocab = {}
  for i = 1, 40 do vocab[i] = "w" .. i end
  local texts = {}
  for i = 1, 80 do
    local base = texts[math.random(math.max(1, i - 1))]
    local w = {}
    if base and math.random() < 0.6 then
      for x in base:gmatch("%S+") do w[#w + 1] = x end
      for _ = 1, math.random(0, 4) do w[math.random(#w)] = vocab[math.random(#vocab)] end
    else
      for k = 1, math.random(1, 30) do w[k] = vocab[math.random(#vocab)] end
    end
    texts[i] = table.concat(w, " ")
  end
  for _, threshold in ipairs{0.3, 0.5, 0.8, 1.0} do
    local groups, sims = text.near_duplicates(texts, threshold)
    local want = leader_groups(texts, threshold)
    T.eq(groups, want, "threshold " .. threshold)
    T.eq(#want > 0, true)
    T.eq(#sims, #groups)
    for k, g in ipairs(groups) do
      T.eq(#sims[k], #g)
      T.eq(sims[k][1], 1)
      for m, i in ipairs(g) do
        T.eq(sims[k][m], text.similarity(texts[g[1]], texts[i]))
        T.eq(sims[k][m] >= threshold, true)
      end
    end
  end
end)

-- A group holds together: no member is brought in by another member alone.
T.case("near_duplicates: no chains", function()
  -- 20 words; each text changes one more word of the one before (at 3, 7,
  -- 11, 15): one word apart, 15 of 21 shingles shared (5/7); two, 12 of 24.
  local w = {}
  for i = 1, 20 do w[i] = "w" .. i end
  local chain = {table.concat(w, " ")}
  for _, at in ipairs{3, 7, 11, 15} do
    w[at] = "changed"
    chain[#chain + 1] = table.concat(w, " ")
  end
  for i = 1, #chain - 1 do T.eq(text.similarity(chain[i], chain[i + 1]), 5 / 7) end
  T.eq(text.similarity(chain[1], chain[3]), 0.5)
  local groups, sims = text.near_duplicates(chain, 0.7)
  T.eq(groups, {{1, 2}, {3, 4}})   -- 3 is 0.5 from 1; 5 is 0.5 from 3
  T.eq(sims, {{1, 5 / 7}, {1, 5 / 7}})
end)

-- Tables that lie: near_duplicates reads its table raw (lua_rawlen,
-- lua_rawgeti), so no metamethod runs while it holds pointers to strings.
-- Before: a __len of 2^60 + 1 made it allocate (2^60 + 1) * 16 bytes, which
-- wraps to 16, and write past them (valgrind: invalid write, then SIGSEGV).
T.case("near_duplicates: a table whose __len lies is read raw", function()
  local proxy = setmetatable({"a b c d", "a b c d"}, {
    __len = function() return (1 << 60) + 1 end,
    __index = function() return "a b c d" end,
  })
  T.eq(text.near_duplicates(proxy, 0.5), {{1, 2}})
end)
-- Before: strings that __index made were kept by pointer once popped, and
-- read after the collector freed them (valgrind: invalid reads in the core).
T.case("near_duplicates: strings from __index are never used", function()
  local made = 0
  local proxy = setmetatable({}, {
    __len = function() return 300 end,
    __index = function(_, i)
      made = made + 1
      collectgarbage()
      return ("text number %d, made on demand "):format(i):rep(20)
    end,
  })
  T.eq(text.near_duplicates(proxy, 0.5), {})
  T.eq(made, 0)
end)

T.cases("kwic", {
  {name = "two lines", "L’eau du Québec est propre.\nQUEBEC water is clean; the eau of quebec.", "quebec", 10,
    {" L’eau du Québec est propr", "t propre. QUEBEC water is ", "he eau of quebec."}},
  {"L’eau du Québec est propre.", "l'eau", 3, {"   L’eau du"}},
  {"L’eau du Québec est propre.", "QUÉBEC EST", 4, {" du Québec est pro"}},
  {"Le Qu" .. E_ACUTE .. "bec", "québec", 3, {"Le Qu" .. E_ACUTE .. "bec"}},
  {"no match here", "quebec", 5, {}},
  {"", "quebec", 5, {}},
  {"a b", "", 5, {}},
  {"a\xffb x \xfe", "x", 3, {FFFD .. "b x " .. FFFD}},
}, function(c) T.eq(text.kwic(c[1], c[2], c[3]), c[4]) end)

T.case("kwic: default width 30, misuse", function()
  local line = text.kwic(string.rep("a", 40) .. " key " .. string.rep("b", 40), "key")[1]
  T.eq(line, string.rep("a", 29) .. " key " .. string.rep("b", 29))
  T.raises("bad argument #3 to 'kwic' (width must not be negative)", call, "kwic", "a", "a", -1)
  T.raises("bad argument #2 to 'kwic' (string expected, got no value)", call, "kwic", "a")
  -- each line is padded to the width: 2^40 would ask for a terabyte
  T.raises("bad argument #3 to 'kwic' (width must be at most 10000)", call, "kwic", "a", "a", 1 << 40)
  T.eq(#text.kwic("a", "a", 10000)[1], 10001)
end)

-- Every place the query's words follow each other is a match, overlapping
-- ones too, as a brute-force search finds them (the text is read once, with
-- the query's own repeats worked out first: "a b a c" after "a b a b").
T.case("kwic: every match, overlapping ones too", function()
  T.eq(#text.kwic("a a a", "a a", 2), 2)
  T.eq(text.kwic("x a b a b a c", "a b a c", 1), {" a b a c"})
  math.randomseed(3)
  for _ = 1, 200 do
    local words, query = {}, {}
    for i = 1, math.random(0, 40) do words[i] = math.random() < 0.7 and "a" or "b" end
    for i = 1, math.random(1, 5) do query[i] = math.random() < 0.7 and "a" or "b" end
    local want = 0
    for i = 1, #words - #query + 1 do
      local k = 1
      while k <= #query and words[i + k - 1] == query[k] do k = k + 1 end
      if k > #query then want = want + 1 end
    end
    T.eq(#text.kwic(table.concat(words, " "), table.concat(query, " "), 0), want,
      table.concat(query, " ") .. " in " .. table.concat(words, " "))
  end
end)

T.cases("sentences", {
  {"Mr. Smith went to Ottawa. He said \"no!\" Then he left...",
    {"Mr. Smith went to Ottawa.", "He said \"no!\"", "Then he left..."}},
  {"« Oui ! » dit-il. C’est fini ! Voilà.", {"« Oui ! » dit-il.", "C’est fini !", "Voilà."}},
  {"M. Tremblay, député, a parlé. Mme. Roy aussi.", {"M. Tremblay, député, a parlé.", "Mme. Roy aussi."}},
  {name = "blank lines", "Is it?  Yes.\n\nA heading\n\nLast,\nline", {"Is it?", "Yes.", "A heading", "Last, line"}},
  {"", {}},
  {"\xff. Next", {FFFD .. ".", "Next"}},
}, function(c) T.eq(text.sentences(c[1]), c[2]) end)

T.cases("wrap", {
  {"The quick brown fox jumps over the lazy dog.", 10, "The quick\nbrown fox\njumps over\nthe lazy\ndog."},
  {"Le gouvernement répond à la pétition", 12, "Le\ngouvernement\nrépond à la\npétition"},
  {"r" .. E_ACUTE .. "pond à", 8, "r" .. E_ACUTE .. "pond à"},
  {name = "paragraphs", "one\ntwo\n\nthree", 80, "one two\n\nthree"},
  {"abcdefghij", 4, "abcd\nefgh\nij"},
  {"", 10, ""},
  {"a\xff", 10, "a" .. FFFD},
}, function(c) T.eq(text.wrap(c[1], c[2]), c[3]) end)

T.case("wrap: default width 72, misuse", function()
  T.eq(text.wrap(string.rep("abc ", 30)), string.rep("abc ", 17) .. "abc\n" .. string.rep("abc ", 11) .. "abc")
  T.raises("bad argument #2 to 'wrap' (width must be at least 1)", call, "wrap", "a", 0)
  T.raises("bad argument #2 to 'wrap' (number has no integer representation)", call, "wrap", "a", 1.5)
end)

T.cases("detect_lang", {
  {"The government should respond to the petition before the end of the year.", "en"},
  {"Le gouvernement doit répondre à la pétition avant la fin de l'année.", "fr"},
  {"The government and the petition; le gouvernement et la pétition.", nil},
  {"the of", nil},
  {"", nil},
  {"\xff\xfe", nil},
}, function(c) T.eq(text.detect_lang(c[1]), c[2]) end)

T.case("versions", function()
  local v = text.versions()
  T.eq(v[1]:match("^utf8proc %d+%.%d+%.%d+$") ~= nil, true, v[1])
  T.eq(v[2], "Snowball (libstemmer)")
  T.eq(petlua.text, text)
end)
