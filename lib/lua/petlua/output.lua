-- petlua.output — where a script's result goes.
--
--   output.write(rows, opt, [columns])
--     opt.out a file name: CSV written there (whole or not at all);
--     opt.out "-": CSV on stdout;
--     no opt.out: an aligned table (petlua.show) when stdout is a terminal,
--     else CSV on stdout, so `petlua topics | sort` and `> file.csv` get CSV.
--     columns defaults to rows.columns (set by summarize and friends).
--   output.is_terminal() -> true when stdout is a terminal.
--
-- Misuse raises; a file that cannot be written raises too (as petlua.csv
-- does), which ends a script with status 1 and the message.
local M = {}

-- Whether stdout is a terminal. petlua.core.isatty(1) when the core binding
-- offers it; else, on Linux, what /proc/self/fd/1 points to (a terminal is
-- /dev/pts/N, /dev/ttyX or /dev/console). Unknown means "not a terminal":
-- CSV is the safe default for a pipe.
function M.is_terminal()
  local ok, core = pcall(require, "petlua.core")
  if ok and type(core) == "table" and type(core.isatty) == "function" then
    return core.isatty(1) and true or false
  end
  local lfs = require "lfs"
  local target = lfs.symlinkattributes("/proc/self/fd/1", "target")
  if type(target) ~= "string" then return false end
  return target:find("^/dev/pts/") ~= nil or target:find("^/dev/tty") ~= nil
    or target == "/dev/console"
end

function M.write(rows, opt, columns)
  if type(rows) ~= "table" then
    error("bad argument #1 to 'write' (table expected, got " .. type(rows) .. ")", 2)
  end
  opt = opt or {}
  columns = columns or rawget(rows, "columns")
  local petlua = require "petlua"
  if opt.out == nil and M.is_terminal() then
    petlua.show(rows, {columns = columns, max_rows = math.huge})
  else
    petlua.csv.write(opt.out or "-", rows, {columns = columns})
  end
end

return M
