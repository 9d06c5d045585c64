-- petlua.schema — the record schema, as the C core defines it (src/record.h,
-- RECORD_FIELDS: the one list of fields), for the Lua side: set:coverage,
-- the REPL's record view, the CSV columns, the field checks of set methods.
--
--   fields           {name=, type=, share=} in the order of the design document
--   names            the field names, in order
--   type_of[name]    "string", "integer", "boolean", "date" ("YYYY-MM-DD"),
--                    "datetime" ("YYYY-MM-DDTHH:MM"), "list" (of strings),
--                    "responses" (a list of {responder=, signed_by=,
--                    signature=, text=}), "counts" (name -> integer),
--                    "constituencies" (a list of {name=, code=, mp=,
--                    signatures=}: a UK petition's signatures per constituency)
--   share_of[name]   "same" (language-free: filled from another page of the
--                    petition), "lang" (in the page's language), "derived"
--                    (worked out against a day), "file"
--   response_fields  the fields of a response, in order
--   csv_columns      the columns set:to_csv writes (responses spread over
--                    responders, signers, signatures_printed)
--   groupable(name)  nil, or why records cannot be grouped by the field (its
--                    values are tables of rows: no key to group by)
-- A missing value is always nil.
local page = require "petlua.page"

local M = {}

M.fields, M.response_fields, M.csv_columns = page.fields()
M.names, M.type_of, M.share_of = {}, {}, {}
for i, f in ipairs(M.fields) do
  M.names[i] = f.name
  M.type_of[f.name] = f.type
  M.share_of[f.name] = f.share
end

local ROWS = {responses = "responses", counts = "a count per place", constituencies = "rows of constituencies"}

function M.groupable(name)
  local rows = ROWS[M.type_of[name]]
  if not rows then return nil end
  return string.format("cannot group by '%s': it holds %s, not a value (group by a field of one value or a list of strings, such as department)", name, rows)
end

return M
