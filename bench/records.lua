-- records.lua — one CSV row per page as petlua.parse reads it, for bench/accuracy.py.
--
--   ./petlua bench/records.lua DIR OUT.csv
--
-- Every file under DIR (sorted, hidden files skipped) is parsed on its own, so
-- the English and French pages of a petition each get their row. The columns
-- are those of gen's truth CSV: record fields, plus n_grievances,
-- n_responses, keywords joined by "|" and not_certified (status).
local lfs = require "lfs"

local dir, out = arg[1], arg[2]
if not dir or not out then
  io.stderr:write("usage: petlua bench/records.lua DIR OUT.csv\n")
  os.exit(2)
end

local FIELDS = {"source", "id", "lang", "kind", "topic", "original_language", "initiator", "initiator_city",
                "initiator_province", "addressee", "n_grievances", "keywords", "n_responses", "responder",
                "signed_by", "opened_at", "closed_at", "opened", "closed", "presented", "petition_no",
                "parliament", "session", "presenter", "presenter_riding", "sponsor", "sponsor_riding",
                "sponsor_caucus", "sponsor_province", "response_tabled", "sessional_paper", "signatures",
                "not_certified", "response_days", "late"}

local function files(root, list)
  local names = {}
  for name in lfs.dir(root) do
    if name:sub(1, 1) ~= "." then names[#names + 1] = name end
  end
  table.sort(names)
  for _, name in ipairs(names) do
    local path = root .. "/" .. name
    local mode = lfs.attributes(path, "mode")
    if mode == "directory" then files(path, list) elseif mode == "file" then list[#list + 1] = path end
  end
  return list
end

local function cell(v)
  if v == nil then return "" end
  v = tostring(v)
  if v:find('[,"\n\r]') then return '"' .. v:gsub('"', '""') .. '"' end
  return v
end

local f = assert(io.open(out, "w"))
f:write(table.concat(FIELDS, ","), "\n")
local bad = 0
for _, path in ipairs(files(dir, {})) do
  local h = assert(io.open(path, "rb"))
  local text = h:read("a")
  h:close()
  local rec = petlua.parse(text, path)
  if not rec then
    bad = bad + 1
  else
    local row = {}
    for k, name in ipairs(FIELDS) do
      local v = rec[name]
      if name == "n_grievances" then v = rec.grievances and #rec.grievances or nil
      elseif name == "n_responses" then v = rec.responses and #rec.responses or nil
      elseif name == "keywords" then v = v and table.concat(v, "|") or nil
      elseif name == "not_certified" then v = rec.status == "not_certified" and "true" or nil end
      row[k] = cell(v)
    end
    f:write(table.concat(row, ","), "\n")
  end
end
f:close()
io.stderr:write(string.format("records.lua: %d files not read as pages\n", bad))
