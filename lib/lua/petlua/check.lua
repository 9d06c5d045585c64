-- petlua.check — the one shape of a misuse error in petlua's Lua modules,
-- worded as lauxlib's luaL_argerror words it and raised at the caller's
-- line, as error(message, level) raises: level 2 is the caller of the
-- function that calls check (the usual case), 3 the caller of that, for a
-- check made in a helper, 0 no position (for a message a caller re-raises).
--
--   check.arg(level, n, fname, fmt, ...)    "bad argument #n to 'fname' (...)"
--   check.type(level, v, ty, n, fname)      unless type(v) == ty:
--                                           "bad argument #n to 'fname' (ty expected, got T)"
--   check.option(level, name, fname, fmt, ...)  "bad option 'name' to 'fname' (...)"
--   check.relay(level, fn, ...)             fn(...)'s results; a message it raises
--                                           (a file that cannot be written) is
--                                           raised again at that level's line, not
--                                           at petlua's own line that called fn
local M = {}

-- error()'s level, counted from check's caller
local function at(level)
  return level > 0 and level + 1 or 0
end

function M.arg(level, n, fname, fmt, ...)
  error(string.format("bad argument #%d to '%s' (%s)", n, fname, string.format(fmt, ...)), at(level))
end

function M.type(level, v, ty, n, fname)
  if type(v) ~= ty then M.arg(level > 0 and level + 1 or 0, n, fname, "%s expected, got %s", ty, type(v)) end
  return v
end

function M.option(level, name, fname, fmt, ...)
  error(string.format("bad option '%s' to '%s' (%s)", name, fname, string.format(fmt, ...)), at(level))
end

function M.relay(level, fn, ...)
  local res = table.pack(pcall(fn, ...))
  if res[1] then return table.unpack(res, 2, res.n) end
  local err = res[2]
  if type(err) ~= "string" then error(err, 0) end   -- a --max-seconds stop, petlua.exit
  error((err:gsub("^[^\n]-:%d+: ", "", 1)), at(level))
end

return M
