-- petlua.loader — from files to records: petlua.load, petlua.parse and
-- petlua.select.
--
-- Files are found here (folders walked with lfs); they are read, parsed,
-- merged (the pages of one petition, in English and French, are one record)
-- and put in natural id order in C (petlua.page.load); this module reports
-- every file it skipped.
--
-- Reporting. set.errors lists every path that gave no record: {file=,
-- line=, message=}, line 0 when the message is about the whole file (it
-- cannot be read, it is too large, it is not a page at all). set.warnings
-- lists the page lines no landmark explained: {file=, line=, text=}. When a
-- file was skipped, one summary line goes to stderr, even under -q (which
-- silences progress, not reports of lost data); opts.quiet = true silences
-- it too, for a caller that reads set.errors itself. Progress goes to stderr
-- only when it is a terminal, loading takes over half a second and neither
-- -q nor opts.quiet is given.
local check = require "petlua.check"
local page = require "petlua.page"
local host = require "petlua.host"
local config = require "petlua.config"
local Set = require "petlua.set"
local lfs = require "lfs"

local M = {}

local function plural(n, word)
  return string.format("%d %s%s", n, word, n == 1 and "" or "s")
end

-- ------------------------------------------------------------ finding files

local DOT, UPPER_R, LOWER_R, UPPER_L, LOWER_L = string.byte(".RrLl", 1, 5)

local function is_hidden(name)
  return name:byte(1) == DOT
end

local function is_readme(name)
  local c = name:byte(1) -- most names cannot be: no lower-case copy made for them
  if c ~= UPPER_R and c ~= LOWER_R and c ~= UPPER_L and c ~= LOWER_L then return false end
  local lower = name:lower()
  return lower:find("^readme") ~= nil or lower:find("^license") ~= nil
end

local function join(dir, name)
  if dir:sub(-1) == "/" then return dir .. name end
  return dir .. "/" .. name
end

-- A path that stat cannot follow: a dangling symbolic link, or gone.
local function missing_entry(path)
  local link = lfs.symlinkattributes(path)
  if link and link.mode == "link" then
    return "dangling symbolic link (to " .. tostring(link.target) .. ")"
  end
  return "cannot open: No such file or directory"
end

-- Walk a folder: its files (sorted by name) go to ctx.files, hidden entries
-- and README/LICENSE files are passed over. Folders are known by device and
-- inode: one reached again through a symbolic link is not walked twice, and
-- a link back to a folder being walked is reported as a loop.
local function walk(dir, attr, ctx, ancestors)
  local key = attr.dev .. ":" .. attr.ino
  if ancestors[key] then
    ctx.problem(dir, "symbolic link loop: the folder is already being walked")
    return
  end
  if ctx.visited[key] then return end
  ctx.visited[key] = true
  ancestors[key] = true
  local names, kinds = page.list_dir(dir)
  if not names then
    ctx.problem(dir, kinds)
    ancestors[key] = nil
    return
  end
  local prefix = join(dir, "")
  for i, name in ipairs(names) do -- sorted by name
    if not is_hidden(name) then
      local path, kind = prefix .. name, kinds[i]
      if kind == "file" then
        if not is_readme(name) then ctx.files[#ctx.files + 1] = path end
      else -- a folder, or what a link leads to: ask stat
        local a = lfs.attributes(path)
        if a == nil then
          ctx.problem(path, missing_entry(path))
        elseif a.mode == "directory" then
          -- a vocab/ folder holds an analyst's vocabularies, not petitions
          if name ~= "vocab" then walk(path, a, ctx, ancestors) end
        elseif not is_readme(name) then
          ctx.files[#ctx.files + 1] = path
        end
      end
    end
  end
  ancestors[key] = nil
end

-- Every file named by paths (a path or a list of them), in order.
local function find_files(paths, ctx)
  for _, path in ipairs(paths) do
    local a = lfs.attributes(path)
    if a and a.mode == "directory" then
      walk(path, a, ctx, {})
    elseif a == nil and lfs.symlinkattributes(path) then
      ctx.problem(path, missing_entry(path))
    else
      ctx.files[#ctx.files + 1] = path -- C reports what cannot be read
    end
  end
end

-- ------------------------------------------------------------ load

-- ------------------------------------------------------------ vocabularies

-- The vocabularies' CSV files, each a kind of source for petlua.vocab.new.
local VOCAB_FILES = {
  {file = "departments", name = "departments.csv"},
  {file = "topics", name = "topics.csv"},
  {file = "labels", name = "labels_fr.csv", lang = "fr"},
}

-- The folders vocabularies come from, in order (a later one's rows win):
-- the shipped vocab/, a vocab/ in each $PETLUA_PATH folder, and a vocab/
-- beside the data (in each folder loaded, or the folder of a file loaded).
local function vocab_folders(paths)
  local dirs = {config.vocab_dir or "vocab"}
  for dir in (os.getenv("PETLUA_PATH") or ""):gmatch("[^:]+") do dirs[#dirs + 1] = join(dir, "vocab") end
  for _, path in ipairs(paths or {}) do
    local mode = lfs.attributes(path, "mode")
    local dir = mode == "directory" and path or path:match("^(.*)/[^/]*$") or "."
    dirs[#dirs + 1] = join(dir, "vocab")
  end
  return dirs
end

local vocab_cache = {}

-- The vocabulary of those folders' files (built once per list of files);
-- nil, message when a file has a bad row. paths as load takes them: by
-- default the data folder, so that a vocab/ beside it counts wherever the
-- vocabulary is asked for (the load, petlua.parse, --labels).
function M.vocab(paths)
  if paths == nil then paths = {config.data or "data"} end
  local sources, names = {}, {}
  local shipped = config.vocab_dir or "vocab"
  if lfs.attributes(join(shipped, "departments.csv"), "mode") ~= "file" then
    return nil, "cannot find petlua's vocabularies (no " .. join(shipped, "departments.csv") .. ")"
  end
  for _, dir in ipairs(vocab_folders(paths)) do
    for _, f in ipairs(VOCAB_FILES) do
      local path = join(dir, f.name)
      if lfs.attributes(path, "mode") == "file" then
        sources[#sources + 1] = {file = f.file, path = path, lang = f.lang}
        names[#names + 1] = path
      end
    end
  end
  local key = table.concat(names, "\0")
  if vocab_cache[key] == nil then
    local v, err = require("petlua.vocab").new(sources)
    if not v then return nil, err end
    vocab_cache[key] = v
  end
  return vocab_cache[key]
end

-- The collector is paused while loading: nearly everything made is kept
-- (the records), so a collection cycle during the load would go over them
-- to free little. Restarted when the returned value is closed (error or
-- not), unless the caller had stopped it. Restarted as it is, it would
-- start a cycle at once and go over every record again, only to find them
-- all alive (0.4 s after loading 100,000 pages, paid by whatever the script
-- does next); so the next cycle waits until as much again has been
-- allocated, as it would have had it run all along (the default pause of
-- 200%). "step" with a negative size is the one way to say so: it counts as
-- memory freed.
local function restart_collector()
  collectgarbage("restart")
  collectgarbage("step", -math.floor(collectgarbage("count")))
end

local function pause_collector()
  if not collectgarbage("isrunning") then return nil end
  collectgarbage("stop")
  return setmetatable({}, {__close = restart_collector})
end

local function check_opts(opts, fname)
  if opts == nil then return {} end
  if type(opts) ~= "table" then
    check.arg(3, 2, fname, "options table expected, got %s", type(opts))
  end
  if opts.lang ~= nil and opts.lang ~= "en" and opts.lang ~= "fr" then
    check.option(3, "lang", fname, '"en" or "fr" expected, got %s', tostring(opts.lang))
  end
  if opts.as_of ~= nil then
    local ok, err = require("petlua.date").parse(tostring(opts.as_of))
    if not ok then
      check.option(3, "as_of", fname, "%s", err)
    end
  end
  return opts
end

-- A file name as a message shows it: control bytes written \xNN, so that a
-- name cannot send escape sequences to the terminal.
local function printable(name)
  return (name:gsub("[%c\127]", function(c) return string.format("\\x%02X", c:byte()) end))
end

local function where(file, line)
  if line and line > 0 then return string.format("%s:%d", printable(file), line) end
  return printable(file)
end

-- A progress line on stderr once loading has taken half a second.
local function progress_meter(opts, total)
  if opts.quiet or config.quiet or not host.isatty(2) then
    return nil, function() end
  end
  local start, shown = host.clock(), false
  local function update(done)
    if shown or host.clock() - start > 0.5 then
      shown = true
      io.stderr:write(string.format("\rpetlua: loading %d/%d files", done, total))
    end
  end
  local function finish()
    if shown then io.stderr:write("\r\27[K") end
  end
  return update, finish
end

-- At most this many skipped files are named on stderr, then a count.
local NAMED_SKIPS = 10

-- On stderr, once: what was skipped (each file, up to NAMED_SKIPS, with
-- the first reason), or that there was nothing to load.
local function report_load(records, files, walk_errors, errors, paths)
  if #files + walk_errors == 0 then
    local names = {}
    for i, p in ipairs(paths) do names[i] = "'" .. printable(p) .. "'" end
    io.stderr:write(string.format("petlua: no files to load in %s\n", table.concat(names, ", ")))
    return
  end
  if #errors == 0 then return end
  local skipped, seen, first = 0, {}, {}
  for _, e in ipairs(errors) do
    if not seen[e.file] then
      seen[e.file], skipped = true, skipped + 1
      if #first < NAMED_SKIPS then first[#first + 1] = e end
    end
  end
  local lines = {string.format("petlua: loaded %s from %s; %s skipped:",
    plural(#records, "petition"), plural(#files + walk_errors, "file"), plural(skipped, "file"))}
  for _, e in ipairs(first) do lines[#lines + 1] = "  " .. where(e.file, e.line) .. ": " .. e.message end
  if skipped > #first then
    lines[#lines + 1] = string.format("  ... and %d more (all in set.errors)", skipped - #first)
  end
  io.stderr:write(table.concat(lines, "\n"), "\n")
end

-- On stderr, once: the titles and topics no vocabulary row explains (a few
-- named, then a count), and where to add them.
local function report_unmapped(unmapped)
  local by_field = {}
  for _, u in ipairs(unmapped) do
    by_field[u.field] = by_field[u.field] or {}
    table.insert(by_field[u.field], u.value)
  end
  for _, f in ipairs({{"department", "responder title", "departments.csv"}, {"topic", "topic", "topics.csv"}}) do
    local values = by_field[f[1]]
    if values then
      local shown = {}
      for i = 1, math.min(#values, 4) do shown[i] = '"' .. printable(values[i]) .. '"' end
      if #values > 4 then shown[#shown + 1] = string.format("%d more", #values - 4) end
      io.stderr:write(string.format("petlua: %s not in the vocabularies, kept as printed: %s"
        .. " (add rows to a vocab/%s of your own; all in set.unmapped)\n",
        plural(#values, f[2]), table.concat(shown, ", "), f[3]))
    end
  end
end

-- petlua.load([paths], [opts]) -> set
-- paths: a file, a folder or a list of them (default: the data folder).
-- opts: lang ("en"|"fr", default "en"), strict, as_of (a date, default
-- today), max_bytes (default 16 MB), quiet, threads (for benchmarks).
-- Misuse raises; a bad file is reported in set.errors (or raises if strict).
function M.load(paths, opts)
  opts = check_opts(opts, "load")
  if paths == nil then paths = config.data or "data" end
  if type(paths) == "string" then
    paths = {paths}
  elseif type(paths) ~= "table" then
    check.arg(2, 1, "load", "path or list of paths expected, got %s", type(paths))
  end
  for i, p in ipairs(paths) do
    if type(p) ~= "string" then
      check.arg(2, 1, "load", "item %d is a %s, not a path", i, type(p))
    end
  end
  local lang, strict = opts.lang or "en", opts.strict
  local collector <close> = pause_collector()
  local errors, warnings = {}, {}
  local ctx = {files = {}, visited = {}}
  function ctx.problem(file, message, line)
    if strict then error(where(file, line) .. ": " .. message, 0) end
    errors[#errors + 1] = {file = file, line = line or 0, message = message}
  end
  local vocab, verr = M.vocab(paths)
  if not vocab then error("petlua: " .. verr, 2) end
  find_files(paths, ctx)
  local files, walk_errors = ctx.files, #errors
  local update, finish = progress_meter(opts, #files)
  local as_of = opts.as_of and require("petlua.date").parse(tostring(opts.as_of))
    or require("petlua.date").today()
  local records, problems, page_warnings, unmapped = page.load(files, {
    as_of = as_of, max_bytes = opts.max_bytes, threads = opts.threads,
    lang = lang, strict = strict, progress = update, vocab = vocab})
  finish()
  for _, p in ipairs(problems) do ctx.problem(files[p.index], p.message, p.line) end
  for _, w in ipairs(page_warnings) do
    warnings[#warnings + 1] = {file = files[w.index], line = w.line, text = w.text}
  end
  for _, u in ipairs(unmapped) do u.file, u.index = files[u.index], nil end
  table.sort(unmapped, function(a, b)
    if a.field ~= b.field then return a.field < b.field end
    return a.value < b.value
  end)
  local set = Set.of_records(records)
  set.errors, set.warnings, set.unmapped = errors, warnings, unmapped
  set.as_of, set.sources = as_of, paths   -- what a database export records (meta)
  if not opts.quiet then report_load(records, files, walk_errors, errors, paths) end
  if #unmapped > 0 and not opts.quiet then report_unmapped(unmapped) end
  return set
end

-- petlua.parse(text, [name], [opts]) -> record, warnings | nil, message
-- One page (text or HTML) from a string; opts.as_of as for load. A text
-- that is not a petition page gives nil and "NAME:LINE: message".
function M.parse(text, name, opts)
  if type(text) ~= "string" then
    check.arg(2, 1, "parse", "string expected, got %s", type(text))
  end
  if name ~= nil and type(name) ~= "string" then
    check.arg(2, 2, "parse", "string expected, got %s", type(name))
  end
  opts = check_opts(opts, "parse")
  return page.parse(text, name, opts.as_of, (assert(M.vocab())))
end

-- An ISO date from a date option (already ISO, or any form petlua.date reads).
local function iso_date(v, name)
  if v == nil then return nil end
  if type(v) == "string" and v:match("^%d%d%d%d%-%d%d%-%d%d$") then return v end
  local d, err = require("petlua.date").parse(tostring(v))
  if not d then check.option(3, name, "select", "%s", err) end
  return d
end

-- The day a petition went to its government, which --since and --until
-- choose by: presented to the House (Canada), or the day it reached the
-- response threshold (the UK: its petitions are not presented).
function M.sent_day(r)
  if r.parliament_of == "uk" then return r.response_threshold_reached end
  return r.presented
end

-- petlua.select(opt) -> set: the records of opt.data (default the data
-- folder), loaded with opt.lang, whose day sent to the government
-- (M.sent_day: presented, the UK's response threshold) lies within
-- opt.since .. opt.until (inclusive), whose parliament is opt.parliament
-- and whose parliament_of is opt.parliament_of ("ca" or "uk"), where those
-- are given. A record without that day is left out by since/until, one
-- without a parliament by parliament.
function M.select(opt)
  opt = check_opts(opt, "select")
  local since, till = iso_date(opt.since, "since"), iso_date(opt["until"], "until")
  local parliament = opt.parliament and math.tointeger(tonumber(opt.parliament))
  if opt.parliament ~= nil and parliament == nil then
    check.option(2, "parliament", "select", "integer expected, got %s", tostring(opt.parliament))
  end
  local of = opt.parliament_of
  if of ~= nil and of ~= "ca" and of ~= "uk" then
    error("bad option 'parliament_of' to 'select' (\"ca\" or \"uk\" expected, got " .. tostring(of) .. ")", 2)
  end
  local set = M.load(opt.data, {lang = opt.lang, as_of = opt.as_of, quiet = opt.quiet,
                                strict = opt.strict, max_bytes = opt.max_bytes})
  if not since and not till and not parliament and not of then return set end
  local kept = {}
  for _, r in ipairs(set) do
    local p = (since or till) and M.sent_day(r)
    if (not since or (p and p >= since)) and (not till or (p and p <= till))
        and (not parliament or r.parliament == parliament)
        and (not of or r.parliament_of == of) then
      kept[#kept + 1] = r
    end
  end
  local out = Set.of_records(kept)
  out.errors, out.warnings, out.unmapped = set.errors, set.warnings, set.unmapped
  out.as_of, out.sources = set.as_of, set.sources
  return out
end

return M
