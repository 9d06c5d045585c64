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

-- Whether stdout is a terminal: a table for a person, CSV for a pipe or file.
function M.is_terminal()
  return require("petlua.host").isatty(1)
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
