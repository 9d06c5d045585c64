-- petlua.show: aligned console tables. Expected tables worked out by hand.
local T = dofile("tests/lua/harness.lua")
local show = require "petlua.show"

local function lines(...) return table.concat({...}, "\n") .. "\n" end

T.case("numbers right-aligned, nil empty, UTF-8 widths, footer", function()
  local rows = {{city = "Montréal", n = 3}, {city = "Québec", n = 12}, {city = "x"}}
  T.eq(show.format(rows), lines(
    "city       n",
    "--------  --",
    "Montréal   3",
    "Québec    12",
    "x",
    "(3 rows)"))
end)

T.case("one row says 'row'; no rows is just the count", function()
  T.eq(show.format({{key = "a", n = 1}}), lines("key  n", "---  -", "a    1", "(1 row)"))
  T.eq(show.format({}), "(0 rows)\n")
end)

T.cases("display width", {
  {"Montréal", 8}, {"東京", 4}, {"e\u{301}t\u{e9}", 3}, {"", 0}, {"a\255b", 3},
}, function(c) T.eq(show.width(c[1]), c[2]) end)

-- One notion of a character's width: a table, text.wrap and the REPL agree
-- (show.lua once counted an emoji 1 where wrap counted it 2).
T.case("show.width and text.wrap count the same columns", function()
  for _, s in ipairs{"🚀🚀🚀", "東京 Montréal", "e\u{301}te\u{301}", "ｆｕｌｌ"} do
    local w = show.width(s)
    T.eq(w, petlua.text.width(s), s)
    T.eq(petlua.text.wrap(s .. " x", w + 2), s .. " x", s .. ": fits in width + 2")
    T.eq(petlua.text.wrap(s .. " x", w + 1), s .. "\nx", s .. ": x passes width + 1")
  end
  T.eq(show.width("🚀"), 2)
end)

T.cases("truncate to a width with an ellipsis", {
  {"abcdefghij", 5, "abcd…"}, {"Montréal", 6, "Montr…"}, {"Montréal", 8, "Montréal"},
  {"東京都庁", 5, "東京…"}, {"abc", 0, ""}, {"line\nbreak", 20, "line break", name = "a line break"},
}, function(c) T.eq(show.truncate(c[1], c[2]), c[3]) end)

T.cases("cells", {
  {{"a", "b", "c"}, "a; b; c"},
  {{Ontario = 10, Alberta = 2}, "Alberta=2; Ontario=10"},
  {{{responder = "x"}, {responder = "y"}}, "(2 items)"},
  {1.5, "1.5"}, {2.0, "2"}, {1 / 3, "0.333"}, {0.0001234, "0.0001234"}, {-7, "-7"},
  {true, "true"}, {false, "false"}, {"two\nlines", "two lines", name = "a line break"}, {"tab\there", "tab here", name = "a tab"},
}, function(c) T.eq(show.cell_text(c[1]), c[2]) end)

T.case("columns: opts.columns chooses and orders them", function()
  local rows = {{a = 1, b = "x", c = true}}
  T.eq(show.format(rows, {columns = {"c", "a"}}), lines("c     a", "----  -", "true  1", "(1 row)"))
end)

T.case("columns: rows.columns (a producer's order) is used", function()
  local rows = {{n = 2, key = "z"}, columns = {"n", "key"}}
  T.eq(show.format(rows), lines("n  key", "-  ---", "2  z", "(1 row)"))
end)

T.case("columns: record fields in schema order, others after, alphabetically", function()
  local rows = {{presented = "2021-04-21", zeta = 1, id = "e-1", topic = "Health", alpha = 2}}
  T.eq(show.format(rows), lines(
    "id   topic   presented   alpha  zeta",
    "---  ------  ----------  -----  ----",
    "e-1  Health  2021-04-21      2     1",
    "(1 row)"))
end)

T.case("a list cell and a missing value", function()
  local rows = {{id = "e-1", keywords = {"water", "health"}}, {id = "e-2"}}
  T.eq(show.format(rows), lines(
    "id   keywords",
    "---  -------------",
    "e-1  water; health",
    "e-2",
    "(2 rows)"))
end)

T.case("max_rows: the first rows, and the count", function()
  local rows = {{n = 1}, {n = 2}, {n = 3}}
  T.eq(show.format(rows, {max_rows = 2}), lines("n", "-", "1", "2", "(3 rows, first 2 shown)"))
end)

T.case("too wide: cells cut with …, then columns left out and named", function()
  local rows = {{a = ("x"):rep(30), b = ("y"):rep(30), c = ("z"):rep(30)}}
  T.eq(show.format(rows, {width = 20}), lines(
    "a          b",
    "---------  ---------",
    "xxxxxxxx…  yyyyyyyy…",
    "(1 row; 1 more colu…"))   -- the footer too stays within the width
  rows[1].d = ("w"):rep(30)
  T.eq(show.format(rows, {width = 26}), lines(
    "a        b        c",
    "-------  -------  -------",
    "xxxxxx…  yyyyyy…  zzzzzz…",
    "(1 row; 1 more column: d)"))
  rows[1].d = nil
  T.eq(show.format(rows, {width = 40}), lines(
    "a             b             c",
    "------------  ------------  ------------",
    "xxxxxxxxxxx…  yyyyyyyyyyy…  zzzzzzzzzzz…",
    "(1 row)"))
end)

T.case("every line within the width, in display columns", function()
  local rows = {}
  for i = 1, 5 do
    rows[i] = {id = "e-" .. i, topic = ("Économie et société "):rep(i), city = "Montréal", n = i * 1000}
  end
  for _, w in ipairs{30, 45, 80} do
    for line in show.format(rows, {width = w}):gmatch("[^\n]+") do
      if show.width(line) > w then error("line wider than " .. w .. ": " .. line) end
    end
  end
end)

T.case("records: long and minor fields left out first; responder cut to fit", function()
  local r = {id = "e-2559", url = "https://www.ourcommons.ca/petitions/en/Petition/Details?Petition=e-2559",
    kind = "e-petition", topic = "Foreign affairs", lang = "en", text = ("words "):rep(100),
    prayer = ("We, the undersigned "):rep(10), presented = "2021-04-21", status = "responded",
    response_days = 44, parliament = 43, session = 2, source = "data/e-2559.txt",
    responder = "Minister of Foreign Affairs", sponsor = "Stephanie Kusie"}
  local text = show.format({r}, {width = 100})
  local header = text:match("^[^\n]+")
  T.eq(header, "id      topic            responder             presented   sponsor          status     response_days")
  T.eq(text:match("\n([^\n]+)\n$"),
    "(1 row; 8 more columns: url, kind, lang, prayer, text, parliament, session, source)")
end)

T.case("invalid UTF-8 is shown as U+FFFD", function()
  T.eq(show.format({{s = "a\255b"}}), lines("s", "---", "a\u{FFFD}b", "(1 row)"))
end)

T.case("a single record (no list part) shows as one row", function()
  T.eq(show.format({id = "e-1", n = 5}), lines("id   n", "---  -", "e-1  5", "(1 row)"))
end)

T.case("show writes to opts.file and returns nothing", function()
  local f = io.tmpfile()
  T.eq(select("#", show.show({{n = 1}}, {file = f})), 0)
  f:seek("set")
  T.eq(f:read("a"), lines("n", "-", "1", "(1 row)"))
  f:close()
end)

T.case("$COLUMNS is not needed: the width can be given", function()
  T.eq(show.format({{a = ("x"):rep(10)}}, {width = 8}), lines("a", "--------", "xxxxxxx…", "(1 row)"))
end)

T.case("a number for opts is ignored: show(set:count_by(f)) works", function()
  local rows, missing = {{key = "a", n = 2}}, 3
  T.eq(show.format(rows, missing), lines("key  n", "---  -", "a    2", "(1 row)"))
end)

T.case("misuse raises", function()
  T.raises("bad argument #1 to 'format' (table expected, got nil)", show.format, nil)
  T.raises("bad argument #1 to 'show' (table expected, got string)", show.show, "rows")
  T.raises("bad argument #2 to 'format' (table expected, got string)", show.format, {}, "wide")
end)

T.case("petlua.show and petlua.format are this module's", function()
  T.eq(petlua.show, show.show)
  T.eq(petlua.format, show.format)
end)
