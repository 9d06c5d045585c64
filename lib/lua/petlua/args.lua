-- petlua.args — a script's command line, from a spec (petlua.args{...}).
--
--   local opt = petlua.args{
--     "Response times by group",                       -- one-line description
--     {"--by", "string", default = "responder", help = "field to group by"},
--     {"--chart", "path", help = "also draw an SVG chart here"},
--     {"words", "string", many = true, help = "words to look for"},  -- positional
--     common = true,  -- adds --data, --out, --lang, --since, --until, --parliament,
--                     -- --parliament-of, --format, --excel, --no-total, --labels
--   }
-- common = {except = {"--no-total", ...}} adds the shared options but those
-- named, for a script whose output they would not change.
--
-- Types (the table TYPES): string, number, integer, boolean (a flag: --any
-- sets true, --no-any false), path, date (read by petlua.date.parse, kept as
-- "YYYY-MM-DD"; a year or month stands for its first day, or its last with
-- period = "end").
-- An entry may also say choices = {...} (the values allowed), many = true
-- (an option that may repeat, or a positional that takes every remaining
-- argument: a list), required = true. A positional without a default and not
-- `many` is required. Values go to opt under the name without its dashes,
-- inner dashes as underscores: --as-of -> opt.as_of, --until -> opt["until"].
--
-- Options read "--opt value" or "--opt=value"; "--" ends them. -h or --help
-- prints the generated help and ends the script with status 0; an unknown
-- option, a missing value, a bad value or a missing argument prints one line
-- "petlua: SCRIPT: what (see --help)" and ends it with status 2 (both through
-- petlua.exit, so the REPL survives them). A wrong spec is misuse and raises.
--
-- The arguments are the global `arg` (arg[1] ...; arg[0] names the script),
-- unless the spec gives a list as spec.args (spec.args[0] or spec.name then
-- names it), as tests do.
local M = {}

-- The option types, in one table: the placeholder the help shows, and how
-- a value is read (the value, or nil and what was expected). A date reads
-- any form petlua.date.parse reads, and also a year or a month, which stand
-- for their first day, or for their last when the entry says `period =
-- "end"` (--until 2020 runs through 2020-12-31).
local function read_date(text, e)
  local date = require "petlua.date"
  local y, m = text:match("^%s*(%d%d%d%d)%-(%d%d)%s*$")
  y = y or text:match("^%s*(%d%d%d%d)%s*$")
  if y then
    local first = string.format("%s-%s-01", y, m or "01")
    if not date.parse(first) then return nil, "expected YYYY-MM-DD, YYYY-MM or YYYY" end
    if e.period ~= "end" then return first end
    local after = m and date.add(first, 31):sub(1, 7) .. "-01" or string.format("%d-01-01", tonumber(y) + 1)
    return date.add(after, -1)
  end
  local v = date.parse(text)
  if not v then return nil, "expected YYYY-MM-DD, YYYY-MM or YYYY" end
  return v
end

-- A field of the record schema (or one of the entry's `extra` names, such
-- as "year"); a name that is neither is refused with the field it may have
-- meant, as the set methods refuse it. "fields": a comma-separated list.
local function unknown_field(name, e)
  local schema, Set = require "petlua.schema", require "petlua.set"
  local names = {}
  for k in pairs(schema.type_of) do names[k] = true end
  for _, x in ipairs(e.extra or {}) do names[x] = true end
  local near = Set.closest_field(name, names)
  return string.format("unknown field '%s'%s", name, near and " (did you mean '" .. near .. "'?)" or "")
end

local function is_field(name, e)
  if require("petlua.schema").type_of[name] then return true end
  for _, x in ipairs(e.extra or {}) do if x == name then return true end end
  return false
end

local function read_field(text, e)
  if not is_field(text, e) then return nil, unknown_field(text, e), true end
  local why = e.group and require("petlua.schema").groupable(text)
  if why then return nil, why, true end
  return text
end

local function read_fields(text, e)
  local list = {}
  for name in text:gmatch("[^,%s]+") do
    if not is_field(name, e) then return nil, unknown_field(name, e), true end
    list[#list + 1] = name
  end
  if #list == 0 then return nil, "a list of fields expected" end
  return list
end

local BOOLEAN_WORDS = {["true"] = true, yes = true, on = true, ["1"] = true,
                       ["false"] = false, no = false, off = false, ["0"] = false}

local TYPES = {
  string = {placeholder = "TEXT", read = function(text) return text end},
  path = {placeholder = "PATH", read = function(text)
    if text == "" then return nil, "a path expected" end
    return text
  end},
  number = {placeholder = "NUMBER", read = function(text)
    local v = tonumber(text)
    if not v or v ~= v or v == math.huge or v == -math.huge then return nil, "a number expected" end
    return v
  end},
  integer = {placeholder = "N", read = function(text)
    local v = text:match("^%s*[+-]?%d+%s*$") and math.tointeger(tonumber(text))
    if not v then return nil, "an integer expected" end
    return v
  end},
  boolean = {placeholder = "", read = function(text)
    local v = BOOLEAN_WORDS[text:lower()]
    if v == nil then return nil, "true or false expected" end
    return v
  end},
  date = {placeholder = "DATE", read = read_date},
  field = {placeholder = "FIELD", read = read_field},
  fields = {placeholder = "FIELD,...", read = read_fields},
}
local TYPE_NAMES = "string, number, integer, boolean, path, date, field or fields"

-- The shared options of `common = true`.
M.common = {
  {"--data", "path", exists = true, help = "file or folder of petitions to load (default: the data folder)"},
  {"--out", "path", writable = true, help = "write the result to this file, whole or not at all (-: standard output); its extension gives the format: .csv, .json, .jsonl, .md, .txt (a table), any other CSV"},
  {"--lang", "string", default = "en", choices = {"en", "fr"},
   help = "language kept when a petition has an English and a French page"},
  {"--since", "date", help = "only petitions presented (UK: that reached the response threshold) on or after this day (YYYY-MM-DD, YYYY-MM or YYYY)"},
  {"--until", "date", period = "end",
   help = "only petitions presented (UK: that reached the response threshold) on or before this day (a month or year: through its end)"},
  {"--parliament", "integer", help = "only petitions of this Parliament (e.g. 44; the UK's: 58 for 2019-2024)"},
  {"--parliament-of", "string", choices = {"ca", "uk"},
   help = "only petitions to the House of Commons of Canada (ca) or to the UK Parliament (uk)"},
  {"--format", "string", choices = {"table", "csv", "json", "md"},
   help = "table, csv, json (one object a line) or md (default: by --out's extension; a table on a terminal, else csv)"},
  {"--excel", "boolean", help = "CSV for spreadsheets: a UTF-8 byte-order mark and CRLF line ends"},
  {"--no-total", "boolean", help = "leave out the total row (all)"},
  {"--labels", "string", default = "en", choices = {"en", "fr"},
   help = "language of departments, topics, caucuses, provinces and statuses shown (the data stay in English)"},
}

---------------------------------------------------------------------------
-- The spec

-- A wrong spec: read_spec throws this, and parse/help raise it at their
-- caller's line.
local function spec_error(fmt, ...)
  error({spec_error = string.format(fmt, ...)})
end

local function key_of(name)
  return (name:gsub("^%-%-", ""):gsub("%-", "_"))
end

-- Checks one entry and returns it normalized: {name, type, key, option, ...}.
local function entry_of(e, index)
  if type(e) ~= "table" then spec_error("petlua.args: entry %d is a %s, not a table", index, type(e)) end
  local name, ty = e[1], e[2]
  if type(name) ~= "string" or not (name:match("^%-%-%a[%w%-_]*$") or name:match("^%a[%w_]*$")) then
    spec_error("petlua.args: entry %d: name '--option' or 'argument' expected, got %s", index, tostring(name))
  end
  if not TYPES[ty] then
    spec_error("petlua.args: %s: unknown type '%s' (%s expected)", name, tostring(ty), TYPE_NAMES)
  end
  if e.choices ~= nil and type(e.choices) ~= "table" then
    spec_error("petlua.args: %s: choices must be a list", name)
  end
  local option = name:sub(1, 2) == "--"
  if ty == "boolean" and not option then
    spec_error("petlua.args: %s: a positional argument cannot be boolean", name)
  end
  return {
    name = name, type = ty, key = key_of(name), option = option, many = e.many and true or false,
    default = e.default, help = e.help, choices = e.choices, required = e.required and true or false,
    period = e.period, extra = e.extra, min = e.min, exists = e.exists, writable = e.writable,
    group = e.group,
  }
end

-- The spec's description, options (in order, and by name) and positionals.
local function read_spec(spec)
  if type(spec) ~= "table" then
    spec_error("bad argument #1 to 'args' (table expected, got %s)", type(spec))
  end
  local s = {options = {}, by_name = {}, positionals = {}}
  local first = 1
  if type(spec[1]) == "string" then s.description, first = spec[1], 2 end
  local entries = {}
  for i = first, #spec do entries[#entries + 1] = entry_of(spec[i], i) end
  if spec.common then
    local except = {}
    if type(spec.common) == "table" then
      for _, name in ipairs(spec.common.except or {}) do except[name] = true end
    end
    for i, e in ipairs(M.common) do
      if not except[e[1]] then entries[#entries + 1] = entry_of(e, #spec + i) end
    end
  end
  for _, e in ipairs(entries) do
    if e.option then
      if not s.by_name[e.name] then        -- a script's own entry hides a common one
        s.by_name[e.name] = e
        s.options[#s.options + 1] = e
      end
    else
      local last = s.positionals[#s.positionals]
      if last and last.many then
        spec_error("petlua.args: %s: comes after '%s', which takes every argument left", e.name, last.name)
      end
      for _, p in ipairs(s.positionals) do
        if p.name == e.name then spec_error("petlua.args: %s: named twice", e.name) end
      end
      s.positionals[#s.positionals + 1] = e
    end
  end
  return s
end

-- read_spec in protected mode: a wrong spec raises at level (the caller of
-- the caller of checked_spec).
local function checked_spec(spec)
  local ok, s = pcall(read_spec, spec)
  if ok then return s end
  if type(s) == "table" and s.spec_error then error(s.spec_error, 3) end
  error(s, 0)
end

---------------------------------------------------------------------------
-- Values

-- Can a file be written at path: "-", or a folder that exists and is
-- writable? (The file itself is made when the script writes it.) nil, or
-- why not.
local function unwritable(path)
  if path == "-" then return nil end
  local lfs = require "lfs"
  local mode = lfs.attributes(path, "mode")
  if mode == "directory" then return "it is a folder" end
  local dir = path:match("^(.*)/[^/]*$") or "."
  if dir == "" then dir = "/" end
  if lfs.attributes(dir, "mode") ~= "directory" then return "no folder " .. dir end
  return nil
end
M.unwritable = unwritable

-- The value of text for entry e, or nil and what was expected (and true
-- when that is the whole message, not a kind of value).
local function convert(e, text)
  local v, expected, whole = TYPES[e.type].read(text, e)
  if v == nil then return nil, expected, whole end
  if e.min and type(v) == "number" and v < e.min then
    return nil, string.format("a number of at least %s expected", tostring(e.min))
  end
  if e.exists and not require("lfs").attributes(v) then
    return nil, "no such file or folder", false
  end
  if e.writable then
    local why = unwritable(v)
    if why then return nil, string.format("cannot write '%s' (%s)", v, why), true end
  end
  if e.choices then
    for _, c in ipairs(e.choices) do
      if c == v then return v end
    end
    local names = {}
    for i, c in ipairs(e.choices) do names[i] = tostring(c) end
    return nil, table.concat(names, ", ", 1, #names - 1) .. (#names > 1 and " or " or "") .. names[#names] .. " expected"
  end
  return v
end

---------------------------------------------------------------------------
-- Help

local function placeholder(e)
  if e.type == "boolean" then return "" end
  if e.choices then
    local names = {}
    for i, c in ipairs(e.choices) do names[i] = tostring(c) end
    return " " .. table.concat(names, "|")
  end
  return " " .. TYPES[e.type].placeholder
end

local function describe(e)
  local parts = {e.help or ""}
  local default = e.default
  if type(default) == "table" then default = #default > 0 and table.concat(default, ", ") or nil end
  if default ~= nil and default ~= false then parts[#parts + 1] = "(default: " .. tostring(default) .. ")" end
  if e.many and e.option then parts[#parts + 1] = "(may repeat)" end
  if e.required then parts[#parts + 1] = "(required)" end
  return (table.concat(parts, " "):gsub("^ +", ""))
end

local function positional_usage(p)
  local word = p.name .. (p.many and "..." or "")
  local optional = p.many and not p.required or p.default ~= nil
  return optional and "[" .. word .. "]" or word
end

-- The generated help text.
function M.help(spec, name)
  local s = checked_spec(spec)
  name = name or spec.name or "script"
  local usage = {"usage: petlua " .. name .. " [options]"}
  for _, p in ipairs(s.positionals) do usage[#usage + 1] = positional_usage(p) end
  local lines = {table.concat(usage, " ")}
  if s.description then
    lines[#lines + 1] = ""
    lines[#lines + 1] = s.description
  end

  local rows = {}
  local function add(left, right) rows[#rows + 1] = {left, right} end
  if #s.positionals > 0 then
    add("arguments:")
    for _, p in ipairs(s.positionals) do add("  " .. p.name .. (p.many and "..." or ""), describe(p)) end
  end
  add("options:")
  for _, e in ipairs(s.options) do add("  " .. e.name .. placeholder(e), describe(e)) end
  add("  -h, --help", "show this help and exit")

  local w = 0
  for _, r in ipairs(rows) do
    if r[2] and #r[1] <= 24 then w = math.max(w, #r[1]) end
  end
  -- an option's description wrapped to 80 columns, under itself
  local indent = string.rep(" ", w + 2)
  local function described(text)
    return (require("petlua.text").wrap(text, math.max(80 - #indent, 30)):gsub("\n", "\n" .. indent))
  end
  for _, r in ipairs(rows) do
    if r[2] == nil then
      lines[#lines + 1] = ""
      lines[#lines + 1] = r[1]
    elseif r[2] == "" then
      lines[#lines + 1] = r[1]
    elseif #r[1] > w then
      lines[#lines + 1] = r[1]
      lines[#lines + 1] = indent .. described(r[2])
    else
      lines[#lines + 1] = r[1] .. string.rep(" ", w - #r[1] + 2) .. described(r[2])
    end
  end
  return table.concat(lines, "\n") .. "\n"
end

---------------------------------------------------------------------------
-- Parsing

-- parse(spec) -> opt. See the top of the file.
function M.parse(spec)
  local s = checked_spec(spec)
  local list, name
  if spec.args ~= nil then
    if type(spec.args) ~= "table" then
      error("bad field 'args' to 'args' (list expected, got " .. type(spec.args) .. ")", 2)
    end
    list, name = spec.args, spec.name or spec.args[0] or "script"
  else
    list = rawget(_G, "arg") or {}
    name = spec.name or list[0] or "petlua"
  end
  name = tostring(name)
  local petlua = require "petlua"

  local function fail(fmt, ...)
    petlua.exit(2, string.format("petlua: %s: " .. fmt .. " (see --help)", name, ...))
  end

  local opt, given, rest = {}, {}, {}
  local function set(e, text, what)
    local v, expected, whole = convert(e, text)
    if v == nil and whole then
      petlua.exit(2, string.format("petlua: %s: %s", name, expected))
    end
    if v == nil then fail("bad value '%s' for %s: %s", text, what, expected) end
    if e.many then
      opt[e.key] = given[e.key] and opt[e.key] or {}
      table.insert(opt[e.key], v)
    else
      opt[e.key] = v
    end
    given[e.key] = true
  end

  local i, n = 1, #list
  while i <= n do
    local a = tostring(list[i])
    if a == "--" then
      for j = i + 1, n do rest[#rest + 1] = tostring(list[j]) end
      break
    elseif a == "-h" or a == "--help" then
      io.stdout:write(M.help(spec, name))
      io.stdout:flush()
      petlua.exit(0)
    elseif a:sub(1, 2) == "--" then
      local oname, value = a:match("^(%-%-[^=]*)=(.*)$")
      oname = oname or a
      local e = s.by_name[oname]
      local negated = false
      if not e and oname:sub(1, 5) == "--no-" then
        local flag = s.by_name["--" .. oname:sub(6)]
        if flag and flag.type == "boolean" then e, negated = flag, true end
      end
      if not e then fail("unknown option '%s'", oname) end
      if e.type == "boolean" then
        if negated and value ~= nil then fail("option '%s' takes no value", oname) end
        set(e, value or (negated and "false" or "true"), "option '" .. e.name .. "'")
      else
        if value == nil then
          local nxt = list[i + 1]
          if nxt == nil or tostring(nxt):sub(1, 2) == "--" then fail("option '%s' needs a value", oname) end
          value = tostring(nxt)
          i = i + 1
        end
        set(e, value, "option '" .. oname .. "'")
      end
    elseif a:sub(1, 1) == "-" and a ~= "-" and not tonumber(a) then
      fail("unknown option '%s'", a)
    else
      rest[#rest + 1] = a
    end
    i = i + 1
  end

  -- Positionals, in order; a `many` one takes what is left.
  local k = 1
  for _, p in ipairs(s.positionals) do
    if p.many then
      while k <= #rest do set(p, rest[k], "argument '" .. p.name .. "'"); k = k + 1 end
    elseif k <= #rest then
      set(p, rest[k], "argument '" .. p.name .. "'")
      k = k + 1
    end
  end
  if k <= #rest then fail("unexpected argument '%s'", rest[k]) end

  -- What was not given: its default, an empty list, false for a flag.
  local all = {}
  for _, e in ipairs(s.options) do all[#all + 1] = e end
  for _, p in ipairs(s.positionals) do all[#all + 1] = p end
  for _, e in ipairs(all) do
    if not given[e.key] then
      local required = e.required or (not e.option and not e.many and e.default == nil)
      if required then
        if e.option then fail("option '%s' is required", e.name) end
        fail("missing argument '%s'", e.name)
      end
      local default = e.default
      if e.many then
        local copy = {}
        if type(default) == "table" then for j, v in ipairs(default) do copy[j] = v end
        elseif default ~= nil then copy[1] = default end
        default = copy
      elseif e.type == "boolean" and default == nil then
        default = false
      end
      opt[e.key] = default
    end
  end
  -- The data folder a script loads when --data is not given (-d,
  -- $PETLUA_DATA or ./data) is checked as --data is: a mistake in it would
  -- otherwise give an empty answer and status 0.
  if s.by_name["--data"] and not given.data then
    local folder = require("petlua.config").data or "data"
    if not require("lfs").attributes(folder) then
      petlua.exit(2, string.format("petlua: %s: no data folder '%s' (from -d, $PETLUA_DATA or ./data; "
        .. "give --data PATH)", name, folder))
    end
  end
  if opt.since and opt["until"] and opt.since > opt["until"] then
    petlua.exit(2, string.format("petlua: %s: --since %s is after --until %s (no petition is both)",
      name, opt.since, opt["until"]))
  end
  -- the script's name, for messages of what reads opt (petlua.output)
  return setmetatable(opt, {__index = {script_name = name}})
end

return M
