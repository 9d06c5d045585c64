-- petlua.help — what `help` and `?name` print at the REPL: a short guide,
-- and the documentation of one function.
--
--   help.guide()        -> the guide's text
--   help.doc(target)    -> the documentation of target (a name such as
--                          "petlua.load" or "set:filter", or a value), or nil
--                          and a message saying why there is none
--
-- Where documentation comes from. A function written in Lua is documented by
-- the comment block right above its definition: debug.getinfo says which file
-- and line define it, and the file is read when asked, so what prints is
-- what the source says today (a user's own script is documented the same
-- way). A function with no comment above it shows its definition line and
-- the comment at the top of its file. The functions written in C (the
-- bindings petlua.date, petlua.text, petlua.csv) have their documentation in
-- C_DOCS below, from the comments in their C files; tests/lua/test_repl.lua
-- checks that every one of them has an entry. Lua's own functions point to
-- the Lua manual.
local M = {}

M.GUIDE = [[
petlua runs Lua here, with your petitions a table of records away:
  s = petlua.load()                the petitions in ./data (or "folder")
  #s, s[1]                         how many; the first, field by field
  h = s:filter{topic = "Health"}   those that match (or a function of one)
  s:count_by("sponsor_caucus")     how many per value, most first
  s:summarize("responder", {{"n", function(g) return #g end}})
  petlua.stats.median(s, "response_days")
  h:to_csv("health.csv")           a CSV for a spreadsheet
Parts: petlua.load, .select, .set, .show, .stats, .text, .date, .csv, .chart;
  a set's methods: filter, sort, group_by, count_by, column, summarize, to_csv,
  to_sqlite (one database for R, pandas, Datasette), to_csv_tidy.
?name or help(name) prints a function's documentation: ?petlua.load,
  ?set:filter, help(petlua.text.words). Tab completes names and fields.
exit, quit, exit() or Ctrl-D leaves; Ctrl-C stops a running statement.
A variable of yours named help, exit or quit: =help or (help) shows it.]]

function M.guide()
  return M.GUIDE
end

-- The functions written in C, by the name a script reaches them with.
M.C_DOCS = {
  ["petlua.date.parse"] = [[
parse(s) -> "YYYY-MM-DD", or nil and a message such as `not a date: "foo"` or
`no such day: "February 30, 2021"`. English and French forms: "June 4, 2021",
"4 juin 2021", "1er février 2019", "June 10, 2020, at 9:06 a.m. (EDT)",
"5 décembre 2018 à 10 h 10 (HAE)", ISO. A time of day, if printed, is dropped.]],
  ["petlua.date.datetime"] = [[
datetime(s) -> "YYYY-MM-DDTHH:MM", or nil and a message. A date printed without
a time of day is not given one: nil, `no time of day: "June 4, 2021"`.]],
  ["petlua.date.days"] = [[
days(a, b) -> b - a in days, an integer (ISO dates; raises otherwise).]],
  ["petlua.date.add"] = [[
add(d, n) -> the ISO date n days after d (before it when n < 0).]],
  ["petlua.date.weekday"] = [[
weekday(d) -> the ISO weekday of an ISO date: Monday 1 ... Sunday 7.]],
  ["petlua.date.today"] = [[
today() -> the local date, ISO.]],
  ["petlua.text.normalize"] = [[
normalize(s) -> s in NFC, lower case.]],
  ["petlua.text.fold"] = [[
fold(s) -> s normalized, without accents, ligatures spelled out:
"QUÉBEC" -> "quebec", "œuvre" -> "oeuvre".]],
  ["petlua.text.words"] = [[
words(s, [{lang=, stop=, stem=, fold=}]) -> the words of s in order, lower case:
letters, digits and inner hyphens ("single-use", "5g"); thousands separators
dropped from numbers ("1,204" -> "1204"); a French elision (l', d', qu' ...) is
a word of its own, and a stopword. stop = true drops stopwords, stem = true
stems (Snowball), fold = true removes accents; lang is "en" (default) or "fr".]],
  ["petlua.text.stopwords"] = [[
stopwords(lang) -> a set: each stopword of "en" or "fr", as written and folded,
-> true.]],
  ["petlua.text.stem"] = [[
stem(word, lang) -> the Snowball stem (English or French) of the normalized word.]],
  ["petlua.text.similarity"] = [[
similarity(a, b) -> Jaccard similarity over 3-word shingles of the folded words,
0..1 (plain word sets for texts under three words).]],
  ["petlua.text.near_duplicates"] = [[
near_duplicates(texts, [threshold]) -> a list of groups, each a sorted list of
1-based indices (two or more) of texts whose similarity reaches the threshold;
groups ordered by their first index.]],
  ["petlua.text.tfidf"] = [[
tfidf(docs, [n = 10], [{numbers =, max_df =}]) -> for each document, its n best
terms as rows {word=, score=}, best first (tf * idf; equal scores in first-seen
order). A document is a string (its words, stopwords dropped) or a list of
words (used as given) and texts ({text = s, lang = "en" or "fr"}: the words of
s, its stopwords dropped). numbers = false leaves out words made only of
digits; max_df = x the terms found in more than x of the documents.]],
  ["petlua.text.kwic"] = [[
kwic(text, word, [width = 30]) -> one line per match of word (folded matching),
with width characters of context on each side.]],
  ["petlua.text.sentences"] = [[
sentences(s) -> the list of sentences of s, white space made single spaces.]],
  ["petlua.text.wrap"] = [[
wrap(s, [width = 72]) -> s filled to width display columns, lines joined by "\n".]],
  ["petlua.text.width"] = [[
width(s) -> the display columns s takes on a terminal (a wide character or an
emoji 2, a combining mark 0): what tables, charts and wrap count.]],
  ["petlua.text.fit"] = [[
fit(s, cols) -> the longest start of s, cut between characters, that takes at
most cols display columns.]],
  ["petlua.text.detect_lang"] = [[
detect_lang(s) -> "en", "fr", or nil when unsure.]],
  ["petlua.text.versions"] = [[
versions() -> the libraries behind petlua.text, for `petlua --version`.]],
  ["petlua.csv.read"] = [[
read(path, [opts]) -> rows, header; or nil and "file:line: message" when the
file cannot be opened or is malformed. opts: sep (one character, default ","),
header (default true: rows are tables keyed by the first row's names; false:
arrays), numbers (true: decimal fields become numbers). An empty field is
absent (nil) in a keyed row. rows.columns holds the header.]],
  ["petlua.csv.rows"] = [[
rows(path, [opts]) -> an iterator for a generic for, one row at a time:
`for row, line in petlua.csv.rows(path) do ... end`. Options as read's. A file
that cannot be opened, or malformed input, raises.]],
  ["petlua.csv.write"] = [[
write(path or "-", rows, [opts]) -> true. opts: columns (names, in order; else
rows.columns, else every string key, sorted), sep, crlf, header (default true),
fsync. A regular file is written whole or not at all; a failure raises.]],
  ["petlua.csv.writer"] = [[
writer(path or "-", columns, [opts]) -> a writer: w:write(row), w:close() (which
commits the file). The header is written at once unless opts.header is false.
A writer never closed is discarded. Raises when the file cannot be opened.]],
  ["petlua.csv.versions"] = [[
versions() -> the libraries behind petlua.csv, for `petlua --version`.]],
}

-- Lua's standard library, for the functions documented in its manual.
local STANDARD = {"string", "table", "math", "io", "os", "coroutine", "utf8", "debug", "package"}
local BASE = {
  "assert", "collectgarbage", "dofile", "error", "getmetatable", "ipairs", "load", "loadfile",
  "next", "pairs", "pcall", "print", "rawequal", "rawget", "rawlen", "rawset", "require",
  "select", "setmetatable", "tonumber", "tostring", "type", "warn", "xpcall",
}
local MANUAL = "https://www.lua.org/manual/5.4/manual.html#pdf-"

-- Indexing that never raises (the REPL's, which completion uses too).
local function field(t, k) return require("petlua.repl").field(t, k) end

local function petlua_table() return rawget(_G, "petlua") or require("petlua") end

-- The value a name stands for: "a.b.c" or "a.b:c"; "set:NAME" (or Set:)
-- is a method of petlua's sets, unless a global set or Set says otherwise.
local function lookup(name)
  local path, method = name:match("^(.-):([%a_][%w_]*)$")
  path = path or name
  local value = _G
  for part in path:gmatch("[^.]+") do
    value = field(value, part)
    if value == nil then break end
  end
  if value == nil and (path == "set" or path == "Set") then value = field(petlua_table(), "Set") end
  if value ~= nil and method then value = field(value, method) end
  return value
end

local function is_name(name)
  if type(name) ~= "string" then return false end
  local path, method = name:match("^(.-):([%a_][%w_]*)$")
  for part in ((path or name) .. "."):gmatch("(.-)%.") do
    if not part:match("^[%a_][%w_]*$") then return false end
  end
  return method == nil or path ~= ""
end

local function read_lines(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local lines = {}
  for line in f:lines() do lines[#lines + 1] = line end
  f:close()
  return lines
end

local function is_rule(line) return line:match("^%s*%-%-%-+%s*$") ~= nil end

-- The comment block right above line n, its "--" marks taken off (a rule
-- of dashes ends it).
local function comment_above(lines, n)
  local out = {}
  local i = n - 1
  while i >= 1 and lines[i]:match("^%s*%-%-") and not is_rule(lines[i]) do
    table.insert(out, 1, (lines[i]:gsub("^%s*%-%- ?", "")))
    i = i - 1
  end
  return out
end

-- The comment at the top of a file: its first lines that are comments.
local function head_comment(lines)
  local out = {}
  for _, line in ipairs(lines) do
    if not line:match("^%-%-") or is_rule(line) then break end
    out[#out + 1] = (line:gsub("^%-%- ?", ""))
  end
  return out
end

local function indent(list)
  local out = {}
  for i, l in ipairs(list) do out[i] = l == "" and "" or "  " .. l end
  return table.concat(out, "\n")
end

-- A Lua function's documentation, from its source file.
local function lua_doc(f, name)
  local info = debug.getinfo(f, "S")
  local source, line = info.source or "", info.linedefined or 0
  local path = source:match("^@(.+)$")
  if not path then
    return string.format("%s: a function defined at %s:%d; no file to read its comment from",
      name, info.short_src or "?", line)
  end
  local lines = read_lines(path)
  if not lines or not lines[line] then
    return string.format("%s: defined at %s:%d, which cannot be read", name, path, line)
  end
  local defined, params = lines[line]:match("function%s*([%w_.:]*)%s*(%b())")
  params = params or "(...)"
  if name == "this function" and defined and defined ~= "" then name = defined end
  local comment = comment_above(lines, line)
  local short = name:match("[%w_]+$")
  local commented = #comment > 0
  local parts = {}
  -- the comment's first line often is the signature already ("load([paths]) -> set")
  if commented and comment[1]:find(short .. "(", 1, true) then
    parts[1] = table.remove(comment, 1)
  else
    parts[1] = name .. params
  end
  if #comment > 0 then
    parts[#parts + 1] = indent(comment)
  elseif not commented then
    parts[#parts + 1] = "  (no comment above its definition; the notes at the top of its file:)"
    parts[#parts + 1] = indent(head_comment(lines))
  end
  parts[#parts + 1] = string.format("  (%s:%d)", path, line)
  return table.concat(parts, "\n")
end

-- The name of a C function among petlua's bindings or Lua's library.
local function c_doc(f, name)
  for doc_name, text in pairs(M.C_DOCS) do
    if rawequal(lookup(doc_name), f) then
      local lines = {}
      for l in (text .. "\n"):gmatch("(.-)\n") do lines[#lines + 1] = l end
      local first = doc_name:match("^(.*%.)") .. table.remove(lines, 1) -- "petlua.date." .. "parse(s) -> ..."
      return #lines > 0 and first .. "\n" .. indent(lines) or first
    end
  end
  for _, b in ipairs(BASE) do
    if rawequal(rawget(_G, b), f) then
      return string.format("%s: a function of Lua itself; see %s%s", b, MANUAL, b)
    end
  end
  for _, lib in ipairs(STANDARD) do
    local t = rawget(_G, lib)
    if type(t) == "table" then
      for k, v in pairs(t) do
        if rawequal(v, f) then
          return string.format("%s.%s: a function of Lua's standard library; see %s%s.%s", lib, k, MANUAL, lib, k)
        end
      end
    end
  end
  local lfs = package.loaded.lfs
  if type(lfs) == "table" then
    for k, v in pairs(lfs) do
      if rawequal(v, f) then
        return string.format("lfs.%s: a function of LuaFileSystem; see " ..
          "https://lunarmodules.github.io/luafilesystem/manual.html", k)
      end
    end
  end
  return name .. ": a function written in C, without documentation here"
end

-- The names of a table's functions, sorted; and its module's path, if it is one.
local function table_doc(t, name)
  local names = {}
  local seen = {}
  local function add(k, v)
    if type(k) == "string" and type(v) == "function" and not seen[k] and k:sub(1, 2) ~= "__" then
      seen[k] = true
      names[#names + 1] = k
    end
  end
  for k, v in pairs(t) do add(k, v) end
  if rawequal(t, rawget(_G, "petlua")) then
    for _, k in ipairs(require("petlua.repl").petlua_parts) do add(k, field(t, k)) end
  end
  table.sort(names)
  local parts = {}
  if #names == 0 then
    parts[1] = name .. ": a table with no functions"
  else
    parts[1] = name .. ": a table; its functions and parts:"
    parts[2] = "  " .. table.concat(names, ", ")
    parts[3] = string.format("  ?%s.NAME prints one.", name)
  end
  for mod_name, mod in pairs(package.loaded) do
    if rawequal(mod, t) and type(mod_name) == "string" and package.searchpath then
      local path = package.searchpath(mod_name, package.path)
      local lines = path and read_lines(path)
      if lines then parts[#parts + 1] = indent(head_comment(lines)) end
      break
    end
  end
  return table.concat(parts, "\n")
end

-- A name that reaches f: petlua.NAME, petlua.PART.NAME, set:NAME, a global.
local function name_of(f)
  local petlua = petlua_table()
  local parts = require("petlua.repl").petlua_parts
  for _, part in ipairs(parts) do
    if rawequal(field(petlua, part), f) then return "petlua." .. part end
  end
  for _, part in ipairs(parts) do
    local t = field(petlua, part)
    if type(t) == "table" then
      for k, v in pairs(t) do
        if rawequal(v, f) and type(k) == "string" then
          if part ~= "Set" then return "petlua." .. part .. "." .. k end
          -- a method (function Set:k) reads set:k; Set.new and the like petlua.Set.k
          local info = debug.getinfo(f, "S")
          local lines = info.source:match("^@") and read_lines(info.source:sub(2))
          local line = lines and lines[info.linedefined] or ""
          return (line:find("Set:" .. k, 1, true) and "set:" or "petlua.Set.") .. k
        end
      end
    end
  end
  for k, v in pairs(_G) do
    if rawequal(v, f) and type(k) == "string" then return k end
  end
  return "this function"
end

-- The documentation of target, a name or a value; or nil and why there is none.
function M.doc(target)
  local name, value
  if type(target) == "string" then
    name = target:match("^%s*(.-)%s*$")
    if not is_name(name) then
      return nil, string.format("'%s' is not a name: try ?petlua.load or ?set:filter", name)
    end
    value = lookup(name)
    if value == nil and name:sub(1, 7) ~= "petlua." then
      local longer = "petlua." .. name
      value = lookup(longer)
      if value ~= nil then name = longer end
    end
    if value == nil then return nil, string.format("no function or value named '%s'", name) end
  elseif type(target) == "function" then
    name, value = name_of(target), target
  else
    name, value = "this " .. type(target), target
  end
  local ty = type(value)
  if ty == "function" then
    local info = debug.getinfo(value, "S")
    if info.what == "C" then return c_doc(value, name) end
    return lua_doc(value, name)
  elseif ty == "table" then
    return table_doc(value, name)
  end
  local text = ty == "string" and string.format("%q", value) or tostring(value)
  return string.format("%s: a %s, %s", name, ty, text)
end

return M
