-- text.lua — the petlua.text module: the functions written in C
-- (petlua.text.core, src/l_text.c: words, stems, similarity, tf-idf, ...)
-- and, added to the same table, those written in Lua: ngrams and freq.
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

local M = require "petlua.text.core"

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

return M
