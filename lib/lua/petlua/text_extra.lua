-- text_extra.lua — the parts of petlua.text written in Lua: ngrams, freq,
-- tfidf. Not a module of its own: src/l_text.c requires it and calls the
-- returned function with the petlua.text table, which gains these functions.
-- Misuse raises, naming the function and argument as Lua's own errors do.

-- Raise for the caller `depth` levels above the function that calls bad
-- (1: the caller of a petlua.text function that calls bad itself).
local function bad(depth, n, fname, msg)
  error(string.format("bad argument #%d to '%s' (%s)", n, fname, msg), depth + 2)
end

-- The strings of a list of words; raises if an item is not a string.
local function check_words(words, n, fname)
  if type(words) ~= "table" then
    bad(2, n, fname, "table expected, got " .. type(words))
  end
  for i = 1, #words do
    if type(words[i]) ~= "string" then
      bad(2, n, fname, string.format("string expected at index %d, got %s", i, type(words[i])))
    end
  end
  return words
end

return function(M)
  -- ngrams(words, n) -> every run of n consecutive words, joined by a space.
  function M.ngrams(words, n)
    check_words(words, 1, "ngrams")
    if math.type(n) ~= "integer" or n < 1 then
      bad(1, 2, "ngrams", "positive integer expected, got " .. tostring(n))
    end
    local out = {}
    for i = 1, #words - n + 1 do
      out[#out + 1] = table.concat(words, " ", i, i + n - 1)
    end
    return out
  end

  -- freq(words) -> rows {word=, n=}, most frequent first, ties in first-seen order.
  function M.freq(words)
    check_words(words, 1, "freq")
    local rows, at = {}, {}
    for _, w in ipairs(words) do
      local row = at[w]
      if row then
        row.n = row.n + 1
      else
        row = {word = w, n = 1, first = #rows + 1}
        at[w] = row
        rows[#rows + 1] = row
      end
    end
    table.sort(rows, function(a, b)
      if a.n ~= b.n then return a.n > b.n end
      return a.first < b.first
    end)
    for _, row in ipairs(rows) do row.first = nil end
    return rows
  end

  -- tfidf(docs, [n = 10]) -> for each document (same order), its n best terms
  -- as rows {word=, score=}, best first, ties in first-seen order. A document
  -- is a list of words (used as given) or a string (M.words(s, {stop = true}):
  -- lower case, stopwords of its detected language dropped). score = tf * idf
  -- with tf = count / words in the document and idf = ln((1 + N) / (1 + df)) + 1
  -- (N documents, df of them holding the term), so a term found everywhere
  -- still ranks by frequency, and a single document gives its commonest words.
  function M.tfidf(docs, n)
    if type(docs) ~= "table" then
      bad(1, 1, "tfidf", "table expected, got " .. type(docs))
    end
    n = n == nil and 10 or n
    if math.type(n) ~= "integer" or n < 1 then
      bad(1, 2, "tfidf", "positive integer expected, got " .. tostring(n))
    end
    local lists, df = {}, {}
    for i = 1, #docs do
      local d = docs[i]
      if type(d) == "string" then
        d = M.words(d, {stop = true})
      elseif type(d) == "table" then
        for j = 1, #d do
          if type(d[j]) ~= "string" then
            bad(1, 1, "tfidf", string.format("string expected at index %d of document %d, got %s",
              j, i, type(d[j])))
          end
        end
      else
        bad(1, 1, "tfidf", string.format("string or list of words expected at index %d, got %s",
          i, type(d)))
      end
      local counts = M.freq(d)
      lists[i] = {counts = counts, total = #d}
      for _, row in ipairs(counts) do df[row.word] = (df[row.word] or 0) + 1 end
    end
    local N, out = #docs, {}
    for i, doc in ipairs(lists) do
      local rows = {}
      for k, row in ipairs(doc.counts) do
        local idf = math.log((1 + N) / (1 + df[row.word])) + 1
        rows[k] = {word = row.word, score = row.n / doc.total * idf, order = k}
      end
      table.sort(rows, function(a, b)
        if a.score ~= b.score then return a.score > b.score end
        return a.order < b.order
      end)
      local top = {}
      for k = 1, math.min(n, #rows) do
        top[k] = {word = rows[k].word, score = rows[k].score}
      end
      out[i] = top
    end
    return out
  end
end
