-- sandbox.lua — takes away what a script from someone else may not do
-- (petlua --sandbox). Not a module: src/sandbox.c runs this chunk once, in
-- text mode, at the end of state set-up, passing check_write (the C function
-- that resolves a path and raises unless it lies under an --allow-write
-- folder) and, with --max-seconds, deadline_enter and deadline_leave (see
-- coroutines below). The originals it keeps are upvalues here, out of a
-- script's reach once the debug library is gone.
--
-- Taken away (each raises "NAME is not allowed in --sandbox"): os.execute,
-- os.remove, os.rename, os.tmpname, io.popen, io.tmpfile, package.loadlib,
-- string.dump, the debug library (but traceback and getinfo), and the lfs calls
-- that write (mkdir, rmdir, touch, link, lock, unlock, lock_dir).
-- Checked: io.open for writing ("w", "a", "+" in the mode) and io.output(path)
-- go through check_write. Forced to text: load, loadfile, dofile and
-- require's Lua searcher; C modules are not searched.
local check_write, deadline_enter, deadline_leave = ...

local error, type, select, pcall, tostring = error, type, select, pcall, tostring
local format = string.format

local function forbid(name)
  return function()
    error(name .. " is not allowed in --sandbox", 2)
  end
end

-- check_write, with the error pointing at the caller's caller (the script).
-- For io.open, "-" is a file of that name, not stdout as for petlua's writers.
local function checked(path, level)
  local ok, err = pcall(check_write, path == "-" and "./-" or path)
  if not ok then error(err, level + 1) end
end

-- os and io -------------------------------------------------------------------
for _, name in ipairs{"execute", "remove", "rename", "tmpname"} do
  os[name] = forbid("os." .. name)
end
-- os.exit stays: ending the process harms no one, and the status is the script's.

local io_open, io_output = io.open, io.output
io.popen = forbid("io.popen")
io.tmpfile = forbid("io.tmpfile")

function io.open(path, mode)
  if type(mode) == "string" and mode:find("[wa+]") then checked(path, 2) end
  return io_open(path, mode)
end

function io.output(file)
  if type(file) == "string" then checked(file, 2) end
  return io_output(file)
end

-- loading: text only ------------------------------------------------------------
local raw_load, raw_loadfile = load, loadfile

-- Passing env = nil explicitly is not the same as passing no env, so keep
-- the caller's argument count.
function load(chunk, name, mode, ...)
  if select("#", ...) > 0 then return raw_load(chunk, name, "t", (...)) end
  return raw_load(chunk, name, "t")
end

function loadfile(file, mode, ...)
  if select("#", ...) > 0 then return raw_loadfile(file, "t", (...)) end
  return raw_loadfile(file, "t")
end

function dofile(file)
  local fn, err = raw_loadfile(file, "t")
  if not fn then error(err, 2) end
  return fn()
end

string.dump = forbid("string.dump")

-- require: package.preload, then Lua files in text mode; never C modules.
local searchpath = package.searchpath
local function search_lua(name)
  local path, err = searchpath(name, package.path)
  if not path then return err end
  local fn, lerr = raw_loadfile(path, "t")
  if not fn then
    error(format("error loading module '%s' from file '%s':\n\t%s", name, path, lerr), 0)
  end
  return fn, path
end
local function search_c(name)
  return "no C module '" .. tostring(name) .. "' (C modules are not loaded in --sandbox)"
end
package.searchers = {package.searchers[1], search_lua, search_c}
package.cpath = ""
package.loadlib = forbid("package.loadlib")

-- debug: only traceback (scripts pass it to xpcall) and getinfo (it reads
-- what a function or a stack level is, never a value in it: petlua.set asks
-- a function's number of parameters). Not sethook: it would lift the time
-- limit; not getlocal, getupvalue, getregistry, setmetatable ...
local restricted_debug = setmetatable({traceback = debug.traceback, getinfo = debug.getinfo}, {
  __index = function(_, key)
    error("debug." .. tostring(key) .. " is not allowed in --sandbox", 2)
  end,
  __metatable = false,
})
debug = restricted_debug
package.loaded.debug = restricted_debug

-- coroutines: with --max-seconds, the deadline stops the coroutine running
-- (a hook belongs to one coroutine), so resume says which one runs.
if deadline_enter then
  local resume, create, close, status = coroutine.resume, coroutine.create, coroutine.close,
    coroutine.status
  local function tracked_resume(...)
    local co = ...
    if type(co) ~= "thread" then -- the message coroutine.resume gives
      local got = select("#", ...) == 0 and "no value" or type(co)
      error(format("bad argument #1 to 'coroutine.resume' (thread expected, got %s)", got), 2)
    end
    return deadline_leave(deadline_enter(co), resume(...))
  end
  coroutine.resume = tracked_resume
  -- as coroutine.wrap: an error closes the coroutine and goes on, with the
  -- caller's position when it is a message
  function coroutine.wrap(f)
    local co = create(f)
    return function(...)
      local results = table.pack(tracked_resume(co, ...))
      if results[1] then return table.unpack(results, 2, results.n) end
      if status(co) == "dead" then close(co) end
      error(results[2], 2)
    end
  end
end

-- lfs: reading only ----------------------------------------------------------------
local lfs = require "lfs"
for _, name in ipairs{"mkdir", "rmdir", "touch", "link", "lock", "unlock", "lock_dir"} do
  lfs[name] = forbid("lfs." .. name)
end
-- package.preload.lfs would open a fresh, unrestricted table.
package.preload.lfs = function() return lfs end
