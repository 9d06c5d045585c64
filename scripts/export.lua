-- export: Every record as CSV, for other tools
--
-- One row per petition, one column per field of the record schema (lists
-- one item per line inside a cell; responses as the columns responders,
-- signers, signatures_printed and response_text). The file loads back with
-- petlua.load, values and types alike. On a terminal without --out, a table
-- of the main fields is shown instead.
--   --columns LIST  only these columns, comma-separated (e.g. id,topic,presented)
--   --data, --out, --lang, --since, --until, --parliament: as in every script
local opt = petlua.args{
  "Every record as CSV, for other tools",
  {"--columns", "fields", extra = require("petlua.schema").csv_columns,
   help = "only these columns, separated by commas"},
  common = true,
}
local set = petlua.select(opt)

local columns = opt.columns
if opt.out == nil and require("petlua.output").is_terminal() then
  petlua.show(set, {columns = columns})
else
  set:to_csv(opt.out or "-", columns)
end
