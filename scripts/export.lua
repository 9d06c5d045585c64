-- export: Every record as CSV or as one SQLite database, for other tools
--
-- --format csv (the default): one row per petition, one column per field of
-- the record schema (lists one item per line inside a cell; responses as the
-- columns responders, signers, signatures_printed and response_text). The
-- file loads back with petlua.load, values and types alike. On a terminal
-- without --out, a table of the main fields is shown instead.
-- --format sqlite --out FILE: one database whose tables join without
-- splitting a cell: petitions (one row each), responses, grievances,
-- keywords, topics, signatures_by_province, _by_country, _by_region
-- (petition_id, province or country or region, signatures),
-- signatures_by_constituency (petition_id, position, name, code, mp,
-- signatures), meta, and full-text search over petition and response text
-- (petitions_fts), for R, pandas, DuckDB or Datasette as they are;
-- petlua.load reads it back. The default for an --out ending .db, .sqlite
-- or .sqlite3.
-- --format csv-tidy --out DIR: the same tables as CSV files in DIR
-- (petitions.csv, responses.csv, ...), one value a cell.
--   --columns LIST  only these columns, comma-separated (csv and table only)
--   --excel         csv for spreadsheets: a byte-order mark and CRLF line ends
--   and the common options --data, --lang, --since, --until, --parliament,
--   --parliament-of: petlua export --help describes them
local opt = petlua.args{
  "Every record as CSV or as one SQLite database, for other tools",
  {"--columns", "fields", extra = require("petlua.schema").csv_columns,
   help = "only these columns, separated by commas (csv and table)"},
  {"--format", "string", choices = {"csv", "sqlite", "csv-tidy", "table"},
   help = "csv (one row per petition), sqlite (a database: --out FILE), csv-tidy (a CSV file "
     .. "per table: --out DIR) or table (default: sqlite for --out *.db, *.sqlite, *.sqlite3; "
     .. "a table on a terminal, else csv)"},
  {"--out", "path", help = "the file to write (for csv-tidy a folder, made if missing in a folder that exists; -: standard output)"},
  -- the records as they are: no total row, no French labels
  common = {except = {"--no-total", "--labels"}},
}

local function usage(message)
  petlua.exit(2, "petlua: export: " .. message .. " (see --help)")
end

local format = opt.format
if not format then
  local ext = opt.out and opt.out:match("%.(%w+)$")
  ext = ext and ext:lower()
  if ext == "db" or ext == "sqlite" or ext == "sqlite3" then
    format = "sqlite"
  elseif opt.out == nil and require("petlua.output").is_terminal() then
    format = "table"
  else
    format = "csv"
  end
end
local tidy = format == "sqlite" or format == "csv-tidy"
if tidy and (opt.out == nil or opt.out == "-") then
  usage(string.format("--format %s needs --out %s", format, format == "sqlite" and "FILE" or "DIR"))
end
if tidy and opt.columns then usage("--columns applies to --format csv and table only") end
-- Where it goes, checked before the load, as the common --out is: a file in
-- a folder that exists; for csv-tidy a folder, or one to make in a folder
-- that exists.
if opt.out and opt.out ~= "-" then
  local target = format == "csv-tidy" and opt.out:gsub("(.)/+$", "%1") or opt.out
  local mode = require("lfs").attributes(target, "mode")
  local ready = format == "csv-tidy" and mode == "directory"
  local why = not ready and (format == "csv-tidy" and mode and "not a folder"
    or require("petlua.args").unwritable(target))
  if why then petlua.exit(2, string.format("petlua: export: cannot write '%s' (%s)", opt.out, why)) end
end

local columns = opt.columns

local set = petlua.select(opt)

-- A file that cannot be written ends the script with one line, status 1.
local function write(fn)
  local ok, err = pcall(fn)
  if ok then return end
  if type(err) ~= "string" then error(err, 0) end   -- --max-seconds, petlua.exit
  petlua.exit(1, "petlua: export: " .. err:gsub("^[^\n]-:%d+: ", ""))
end

if format == "table" and not opt.out then
  petlua.show(set, {columns = columns})
elseif format == "table" then
  write(function()
    require("petlua.outfile").write(opt.out, petlua.format(set, {columns = columns, max_rows = math.huge}))
  end)
elseif format == "sqlite" then
  write(function() set:to_sqlite(opt.out) end)
elseif format == "csv-tidy" then
  write(function() set:to_csv_tidy(opt.out) end)
else
  write(function() set:to_csv(opt.out or "-", columns, {excel = opt.excel}) end)
end
