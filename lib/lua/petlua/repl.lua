-- petlua.repl — the Lua half of the interactive loop (src/repl.c reads the
-- lines and runs them): how values print, what Tab completes, and the
-- words a Python user types to get help or leave (help, exit, quit, ?name).
local check = require "petlua.check"
local show = require "petlua.show"

local M = {}

-- Rows a list of records or rows shows before its count.
M.max_rows = 20

---------------------------------------------------------------------------
-- Printing values

local function is_list_of_tables(v)
  local n = #v   -- before any next(v): it builds constituency rows waiting in a metatable (petlua.page)
  if n == 0 then return false end
  for i = 1, math.min(n, M.max_rows) do
    if type(v[i]) ~= "table" then return false end
  end
  return true
end

-- A list with nothing but its array part (1..n), of scalars only if asked.
local function is_sequence(v, scalars_only)
  local n = 0
  for k, x in pairs(v) do
    if math.type(k) ~= "integer" or k < 1 or (scalars_only and type(x) == "table") then return false end
    n = n + 1
  end
  return n > 0 and n == #v
end
local function is_list_of_scalars(v) return is_sequence(v, true) end

local function has_tostring(v)
  local mt = getmetatable(v)
  return type(mt) == "table" and mt.__tostring ~= nil
end

-- One value inside a table, on one line: strings quoted, tables in short.
local function inline(v, depth)
  local t = type(v)
  if t == "string" then return string.format("%q", v):gsub("\\\n", "\\n") end
  if t == "number" then return tostring(v) end
  if t ~= "table" or has_tostring(v) then return tostring(v) end
  local _ = #v   -- builds constituency rows waiting in a metatable (petlua.page), which next does not see
  if next(v) == nil then return "{}" end
  if depth > 0 then return "{…}" end
  local parts = {}
  if is_sequence(v, false) then
    for i = 1, #v do parts[i] = inline(v[i], depth + 1) end
  else
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    show.sort_keys(keys)
    for i, k in ipairs(keys) do
      local name = type(k) == "string" and k:match("^[%a_][%w_]*$") and k or "[" .. inline(k, 1) .. "]"
      parts[i] = name .. " = " .. inline(v[k], depth + 1)
    end
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end

-- A record or any other table as "key = value" lines: keys aligned, in
-- record-schema order then alphabetical; each line cut to the width.
local function format_fields(v, width)
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  show.sort_keys(keys)
  local names, w = {}, 0
  for i, k in ipairs(keys) do
    names[i] = type(k) == "string" and k or "[" .. inline(k, 1) .. "]"
    w = math.max(w, show.width(names[i]))
  end
  local lines = {}
  for i, k in ipairs(keys) do
    local x = v[k]
    local text = type(x) == "string" and x or inline(x, 0)
    local name = names[i] .. string.rep(" ", w - show.width(names[i]))
    lines[i] = show.truncate(name .. " = " .. text, width)
  end
  return table.concat(lines, "\n")
end

-- A list of scalars as {a, b, c}, wrapped to the width; past max_items,
-- the first ones and the count.
M.max_items = 100
local function format_list(v, width)
  local n = #v
  local lines, line = {}, "{"
  for i = 1, math.min(n, M.max_items) do
    local item = inline(v[i], 1) .. (i < n and "," or "}")
    if show.width(line) + 1 + show.width(item) > width and line ~= "{" then
      lines[#lines + 1] = line
      line = " " .. item
    else
      line = line .. (line == "{" and "" or " ") .. item
    end
  end
  if n > M.max_items then line = line .. string.format(" … (%d items)", n) end
  lines[#lines + 1] = line
  return table.concat(lines, "\n")
end

-- How one value prints at the prompt (no final newline): a list of records
-- or rows as an aligned table (the first max_rows rows and the count), a
-- table as key = value lines, a list of scalars as {a, b, c}, a string as is.
function M.format(v, width)
  width = width or show.default_width()
  if type(v) == "string" then return v end
  if type(v) ~= "table" then return tostring(v) end
  if is_list_of_tables(v) then
    return (show.format(v, {max_rows = M.max_rows, width = width}):gsub("\n$", ""))
  end
  if has_tostring(v) then return tostring(v) end
  if next(v) == nil then return "{}" end
  if is_list_of_scalars(v) then return format_list(v, width) end
  return format_fields(v, width)
end

-- What the results after the first mean, for the functions that document
-- them, by name (%s: the field named in the call).
M.meanings = {
  count_by = {"records with no %s"},
  column = {"records with no %s"},
  group_by = {"records with no %s"},
  histogram = {"missing values, not counted", "values outside the bins"},
}
for _, f in ipairs{"count", "sum", "mean", "median", "quantile", "min", "max", "stdev"} do
  M.meanings[f] = {"missing values, skipped"}
end

-- The meanings of the extra results of the statement's last call, if it
-- is one of M.meanings: `s:count_by("topic")` -> {"records with no topic"}.
local function meanings_of(source)
  if type(source) ~= "string" then return nil end
  local name, args
  for n, a in source:gmatch("([%a_][%w_]*)%s*(%b())") do name, args = n, a end
  if not name or not source:match("%b()%s*;?%s*$") then return nil end
  local list = M.meanings[name]
  if not list then return nil end
  local _, fieldname = args:match("^%(%s*([\"'])(.-)%1%s*[,)]")
  fieldname = fieldname or "key"
  local out = {}
  for i, m in ipairs(list) do out[i] = m:gsub("%%s", (fieldname:gsub("%%", "%%%%"))) end
  return out
end

local ORDINALS = {"first", "second", "third", "fourth", "fifth", "sixth"}

-- The results of a statement, printed after `source` ran (the chunk as
-- typed; nil when unknown). Scalars side by side (tab-separated, as lua
-- prints them). When one result prints on lines (a table), or when the
-- call is one whose extra results M.meanings knows, each result after the
-- first gets a line of its own that says which it is: "73 (second value:
-- records with no sponsor_caucus)", "second value: 3".
function M.format_results(width, source, ...)
  local values = table.pack(...)          -- select(i, ...) in the loop would be quadratic
  local parts, all_scalar = {}, true
  local lined = {}
  for i = 1, values.n do
    local v = values[i]
    parts[i] = M.format(v, width)
    if (type(v) == "table" and not has_tostring(v)) or parts[i]:find("\n", 1, true) then
      all_scalar = false                  -- a table, or what prints on lines (a set of rows)
      lined[i] = true
    end
  end
  local meanings = values.n > 1 and meanings_of(source)
  if all_scalar and not meanings then return table.concat(parts, "\t") end
  for i = 2, values.n do
    local what = meanings and meanings[i - 1]
    local which = (ORDINALS[i] or ("value " .. i)) .. " value"
    if lined[i] then
      parts[i] = string.format("%s%s:\n%s", which, what and " (" .. what .. ")" or "", parts[i])
    elseif what then
      parts[i] = string.format("%s (%s: %s)", parts[i], which, what)
    else
      parts[i] = string.format("%s: %s", which, parts[i])
    end
  end
  return table.concat(parts, "\n")
end

-- The results, as format_results prints them for an unknown statement.
function M.format_values(width, ...)
  return M.format_results(width, nil, ...)
end

function M.print(width, source, ...)
  io.write(M.format_results(width, source, ...), "\n")
  io.flush()
end

---------------------------------------------------------------------------
-- help, exit, quit and ?name

local WORDS = {help = "help", exit = "exit", quit = "exit"}

-- A line typed at the prompt that is a command rather than Lua: help, exit
-- or quit alone (spaces and a ";" allowed), or ?name. Does what it asks
-- (prints the guide or the documentation) and returns "exit" (leave) or
-- "done"; nil for a line to run as Lua. Only the first line of a chunk is
-- looked at, so a variable named so is reached with =help or (help).
function M.command(line)
  local word = line:match("^%s*(%a+)%s*;?%s*$")
  if word and WORDS[word] == "exit" then return "exit" end
  if word and WORDS[word] == "help" then
    M.help()
    return "done"
  end
  local name = line:match("^%s*%?%s*(.-)%s*$")
  if name then
    M.help(name ~= "" and name or nil)
    return "done"
  end
  return nil
end

-- help() prints the guide; help(name or value) the documentation of one
-- function (or what a value is).
function M.help(target)
  local help = require "petlua.help"
  if target == nil then
    io.write(help.guide(), "\n")
  else
    local text, why = help.doc(target)
    io.write(text or why, "\n")
  end
  io.flush()
end

-- exit() and quit() end the REPL with status 0 (or the integer given),
-- unwinding as petlua.exit does; src/repl.c tells this request by its
-- repl_exit field. Outside the REPL they are not defined.
function M.exit(code)
  if code == nil or code == true then code = 0 elseif code == false then code = 1 end
  if math.type(code) ~= "integer" or code < 0 or code > 255 then
    check.arg(2, 1, "exit", "status from 0 to 255 expected, got %s", tostring(code))
  end
  error({exit = code, repl_exit = true}, 0)
end

-- At the start of the loop: help, exit and quit as functions, each only
-- where no global of that name is set (a script's own help stays its own).
function M.install(env)
  env = env or _G
  for name, f in pairs{help = M.help, exit = M.exit, quit = M.exit} do
    if rawget(env, name) == nil then rawset(env, name, f) end
  end
end

---------------------------------------------------------------------------
-- Completion

local keywords = {
  "and", "break", "do", "else", "elseif", "end", "false", "for", "function",
  "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then",
  "true", "until", "while",
}

-- petlua loads its parts on first use (through __index), so its fields are
-- not all there to be seen before then: these are the names it answers.
M.petlua_parts = {
  "args", "chart", "config", "csv", "date", "exit", "format", "load", "parse",
  "select", "set", "Set", "show", "stats", "text", "version", "versions",
}

-- Indexing that never raises: rawget first, then an __index table or
-- function (run in protected mode: petlua loads its parts there). Help
-- looks names up with it too.
local function field(t, k)
  local ty = type(t)
  if ty ~= "table" and ty ~= "string" and ty ~= "userdata" then return nil end
  if ty == "table" then
    local v = rawget(t, k)
    if v ~= nil then return v end
  end
  local ok, v = pcall(function() return t[k] end)
  if ok then return v end
  return nil
end
M.field = field

-- Adds the string keys of t, and of its __index tables (up to a depth), to
-- names; only function values when methods_only.
local function collect(t, names, methods_only, depth)
  if depth > 4 then return end
  if type(t) == "table" then
    for k, v in pairs(t) do
      if type(k) == "string" and (not methods_only or type(v) == "function") then
        names[k] = true
      end
    end
  end
  local mt = getmetatable(t)
  if type(mt) == "table" and type(rawget(mt, "__index")) == "table" then
    collect(rawget(mt, "__index"), names, methods_only, depth + 1)
  end
end

-- What Tab completes at the end of `text` (the line up to the cursor).
-- Returns the sorted candidates (whole words: "load", "select" ...) and the
-- length in bytes of the word part already typed, which they replace.
function M.complete(text)
  local expr = text:match("[%w_%.:]*$")
  -- "a.b.c" or "a:b": every part but the last must be a name; ':' only last.
  local path, sep, partial = expr:match("^(.-)([%.:])([%w_]*)$")
  if not path then path, sep, partial = nil, nil, expr end
  if partial:match("^%d") then return {}, 0 end
  if path == "" or (path and path:find(":")) then return {}, 0 end

  local names = {}
  if sep == nil then
    collect(_G, names, false, 0)
    for _, k in ipairs(keywords) do names[k] = true end
  else
    local value = _G
    for part in (path .. "."):gmatch("(.-)[.:]") do
      if not part:match("^[%a_][%w_]*$") then return {}, 0 end
      value = field(value, part)
      if value == nil then return {}, 0 end
    end
    if sep == ":" then
      if type(value) == "string" then value = string end
      collect(value, names, true, 0)
    else
      collect(value, names, false, 0)
      if rawequal(value, rawget(_G, "petlua")) then
        for _, k in ipairs(M.petlua_parts) do names[k] = true end
      end
    end
  end

  local found = {}
  for k in pairs(names) do
    -- Metamethods (__index ...) only when asked for with "_".
    local wanted = partial:sub(1, 1) == "_" or k:sub(1, 2) ~= "__"
    if wanted and k:sub(1, #partial) == partial and k:match("^[%a_][%w_]*$") then
      found[#found + 1] = k
    end
  end
  table.sort(found)
  return found, #partial
end

-- What Tab does at the end of text: returns the string to insert (what all
-- candidates share beyond what is typed) and, when that is nothing and there
-- are several, the candidates laid out in columns to list; nil when nothing
-- matches.
function M.tab(text, width)
  local found, typed = M.complete(text)
  if #found == 0 then return nil end
  local prefix = found[1]
  for i = 2, #found do
    local s, n = found[i], 0
    while n < #prefix and n < #s and prefix:byte(n + 1) == s:byte(n + 1) do n = n + 1 end
    prefix = prefix:sub(1, n)
  end
  local insert = prefix:sub(typed + 1)
  if insert ~= "" or #found == 1 then return insert, nil end
  return "", M.columns(found, width)
end

-- The candidates laid out in columns within width, for Tab on an ambiguous word.
function M.columns(list, width)
  local w = 0
  for _, s in ipairs(list) do w = math.max(w, show.width(s)) end
  w = w + 2
  local per_line = math.max(1, (width or 80) // w)
  local rows = math.ceil(#list / per_line)
  local lines = {}
  for r = 1, rows do
    local parts = {}
    for c = 0, per_line - 1 do
      local s = list[c * rows + r]
      if s then parts[#parts + 1] = s .. string.rep(" ", w - show.width(s)) end
    end
    lines[r] = (table.concat(parts):gsub("%s+$", ""))
  end
  return table.concat(lines, "\n")
end

return M
