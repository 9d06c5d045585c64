-- test_vocab.lua — the canonical vocabularies as petlua.load applies them:
-- department and topic the same whatever the page's language, a title no
-- row explains reported once and never guessed, an analyst's own vocab/
-- winning over the shipped one, French labels for display, and the
-- collation rows are sorted by.
local T = dofile("tests/lua/harness.lua")
local lfs = require "lfs"

local root = os.tmpname()
os.remove(root)
assert(lfs.mkdir(root))
local function write(path, text)
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
end
local page = T.read_file("made-up/examples/en-e-9101.txt")

T.case("the English and French pages of a petition give one department and topic", function()
  local en = petlua.parse(page, "en.txt")
  local fr = petlua.parse(T.read_file("made-up/examples/fr-e-9101.txt"), "fr.txt")
  T.eq({en.responder, fr.responder}, {"Minister of Transport", "ministre des Transports"})
  T.eq({en.department, fr.department}, {"Transport", "Transport"})
  T.eq({en.responses[1].department, fr.responses[1].department}, {"Transport", "Transport"})
  T.eq({en.topic, fr.topic}, {"Transportation", "Transportation"})
end)

T.case("a title no row explains is kept as printed, has no department, and is reported once", function()
  local dir = root .. "/unknown"
  assert(lfs.mkdir(dir))
  local odd = page:gsub("Response by the Minister of Transport", "Response by the Minister of Made-up Affairs")
  write(dir .. "/a.txt", odd)
  write(dir .. "/b.txt", odd:gsub("e%-9101", "e-9102"))
  local set = petlua.load(dir, {quiet = true})
  T.eq(#set, 2)
  T.eq({set[1].responder, set[1].department}, {"Minister of Made-up Affairs", nil})
  T.eq(set.unmapped, {{field = "department", value = "Minister of Made-up Affairs", n = 2, file = dir .. "/a.txt"}})
end)

T.case("coverage counts the values no vocabulary explains", function()
  local dir = root .. "/coverage"
  assert(lfs.mkdir(dir))
  write(dir .. "/a.txt", page:gsub("Response by the Minister of Transport", "Response by the Minister of Made-up Affairs"))
  write(dir .. "/b.txt", (page:gsub("e%-9101 %(Transportation%)", "e-9102 (Iran)")))
  write(dir .. "/c.txt", (page:gsub("e%-9101", "e-9103")))
  local set = petlua.load(dir, {quiet = true})
  T.eq(#set, 3)
  local by_field = {}
  for _, row in ipairs(set:coverage()) do by_field[row.field] = row end
  T.eq({by_field.department.present, by_field.department.unmapped}, {2, 1}, "a title without a department")
  T.eq({by_field.topic.present, by_field.topic.unmapped}, {3, 1}, "an index term kept as printed")
  T.eq(by_field.signatures.unmapped, nil, "fields with no vocabulary have no count")
  T.eq(set:coverage().columns, {"field", "present", "missing", "unmapped"})
  -- a set a script made knows no unmapped topics: unknown, not 0
  local made = petlua.Set.of_records({set[1], set[2]})
  for _, row in ipairs(made:coverage()) do by_field[row.field] = row end
  T.eq({by_field.department.unmapped, by_field.topic.unmapped}, {1, nil})
end)

T.case("a vocab/ beside the data wins over the shipped one, and is not read as pages", function()
  local dir = root .. "/own"
  assert(lfs.mkdir(dir))
  assert(lfs.mkdir(dir .. "/vocab"))
  write(dir .. "/p.txt", page)
  write(dir .. "/vocab/departments.csv",
    "printed,lang,department,role\nMinister of Transport,en,Transport Canada,\n")
  write(dir .. "/vocab/topics.csv", "printed,lang,topic\nTransportation,en,Getting around\n")
  local set = petlua.load(dir, {quiet = true})
  T.eq(set.errors, {}, "vocab/'s files are not pages")
  T.eq({#set, set[1].department, set[1].topic}, {1, "Transport Canada", "Getting around"})
  -- the shipped rows still serve what the analyst's file does not name
  local fr = page:gsub("Response by the Minister of Transport", "Response by the Minister of Health")
  write(dir .. "/p.txt", fr)
  T.eq(petlua.load(dir, {quiet = true})[1].department, "Health")
end)

T.case("a bad row in a vocabulary is a clear error naming its file and line", function()
  local dir = root .. "/bad"
  assert(lfs.mkdir(dir))
  assert(lfs.mkdir(dir .. "/vocab"))
  write(dir .. "/p.txt", page)
  write(dir .. "/vocab/topics.csv", "printed,lang,topic\nTransportation,EN,Getting around\n")
  T.raises(dir .. "/vocab/topics.csv:2: ", petlua.load, dir, {quiet = true})
end)

T.case("petlua.vocab: lookups, French labels", function()
  local v = require("petlua.loader").vocab()
  T.eq(v:department("Parliamentary Secretary to the Minister of Health"), "Health")
  T.eq(v:department("ministre de la Sécurité publique"), "Public Safety")
  T.eq(v:department("Minister of Public Safety and Emergency Preparedness"), "Public Safety")
  T.eq(v:department("President of the Queen’s Privy Council for Canada"), "Privy Council Office")
  T.eq(v:department("Minister of Nothing"), nil)
  T.eq(v:topic("Affaires étrangères"), "Foreign affairs")
  T.eq(v:topic("Iran"), nil)
  T.eq(v:label("department", "Health", "fr"), "Santé")
  T.eq(v:label("caucus", "New Democratic Party", "fr"), "Nouveau Parti démocratique")
end)

T.case("sets sort text as a reader does: accents and case first, bytes to break ties", function()
  local s = petlua.set{{k = "Services de santé"}, {k = "Pêches"}, {k = "Sécurité publique"}, {k = "agriculture"},
                      {k = "Zèbre"}, {k = "Québec"}, {k = "Quebec"}, {k = "parc"}}
  local got = {}
  for i, r in ipairs(s:sort("k")) do got[i] = r.k end
  T.eq(got, {"agriculture", "parc", "Pêches", "Quebec", "Québec", "Sécurité publique", "Services de santé", "Zèbre"})
  local keys = {"Services de santé", "Pêches", "Sécurité publique", "agriculture", "Zèbre", "Québec", "Quebec", "parc"}
  table.sort(keys, petlua.Set.less)
  T.eq(keys, got, "Set.less agrees with the C sort")
  local rows = s:count_by("k")
  T.eq(rows[1].key, "agriculture", "count_by's ties in the same order")
end)

os.execute(string.format("rm -rf %q", root))
