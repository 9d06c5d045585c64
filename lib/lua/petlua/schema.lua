-- petlua.schema — the record schema in one place: every field of a record,
-- in the order of the design document, with its type. Set:coverage, the
-- REPL's record view and the CSV columns all walk this list, so a new field
-- is added here once.
--
-- Types: "string", "integer", "boolean", "date" ("YYYY-MM-DD"),
-- "datetime" ("YYYY-MM-DDTHH:MM"), "list" (of strings), "responses"
-- (a list of {responder=, signed_by=, signature=, text=}), "counts"
-- (province -> integer). A missing value is always nil.
local M = {}

M.fields = {
  {name = "id",                     type = "string"},
  {name = "url",                    type = "string"},
  {name = "kind",                   type = "string"},
  {name = "topic",                  type = "string"},
  {name = "lang",                   type = "string"},
  {name = "original_language",      type = "string"},
  {name = "initiator",              type = "string"},
  {name = "initiator_city",         type = "string"},
  {name = "initiator_province",     type = "string"},
  {name = "addressee",              type = "string"},
  {name = "grievances",             type = "list"},
  {name = "prayer",                 type = "string"},
  {name = "text",                   type = "string"},
  {name = "keywords",               type = "list"},
  {name = "responses",              type = "responses"},
  {name = "responder",              type = "string"},
  {name = "signed_by",              type = "string"},
  {name = "response_text",          type = "string"},
  {name = "opened_at",              type = "datetime"},
  {name = "closed_at",              type = "datetime"},
  {name = "opened",                 type = "date"},
  {name = "closed",                 type = "date"},
  {name = "presented",              type = "date"},
  {name = "petition_no",            type = "string"},
  {name = "parliament",             type = "integer"},
  {name = "session",                type = "integer"},
  {name = "presenter",              type = "string"},
  {name = "presenter_riding",       type = "string"},
  {name = "sponsor",                type = "string"},
  {name = "sponsor_riding",         type = "string"},
  {name = "sponsor_caucus",         type = "string"},
  {name = "sponsor_province",       type = "string"},
  {name = "response_tabled",        type = "date"},
  {name = "sessional_paper",        type = "string"},
  {name = "signatures",             type = "integer"},
  {name = "signatures_by_province", type = "counts"},
  {name = "status",                 type = "string"},
  {name = "response_days",          type = "integer"},
  {name = "late",                   type = "boolean"},
  {name = "overdue",                type = "boolean"},
  {name = "source",                 type = "string"},
}

-- names: the field names in order; type_of: name -> type.
M.names, M.type_of = {}, {}
for i, f in ipairs(M.fields) do
  M.names[i] = f.name
  M.type_of[f.name] = f.type
end

return M
