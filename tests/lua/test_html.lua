-- test_html.lua — petition pages saved as HTML read to the same records as
-- their text renderings (tests/pages/html/ holds the HTML made from
-- made-up/examples/ pages, with a site template's noise and broken markup).
local T = dofile("tests/lua/harness.lua")

local HTML = "tests/pages/html/"
local EX = "made-up/examples/"
local AS_OF = "2024-12-31"

local read = T.read_file

local function load_one(path)
  local set = petlua.load(path, {quiet = true, as_of = AS_OF})
  T.eq(set.errors, {}, path .. ": errors")
  T.eq(#set, 1, path .. ": records")
  return set[1]
end

-- Every field equal, but source (the file names differ).
local function same_record(got, want)
  for _, field in ipairs(require("petlua.schema").names) do
    if field ~= "source" then T.eq(got[field], want[field], field) end
  end
end

T.cases("HTML page reads as its text rendering", {
  {name = "English e-petition, response, dl timeline, sponsor box", "en-e-9101.html", "en-e-9101.txt"},
  {name = "French page, broken markup, entities", "fr-e-9101.html", "fr-e-9101.txt"},
  {name = "keywords, province table, split presentation", "en-e-9105.html", "en-e-9105.txt"},
}, function(row)
  local html = load_one(HTML .. row[1])
  local text = load_one(EX .. row[2])
  same_record(html, text)
  T.eq(html.source, HTML .. row[1])
end)

T.case("HTML: the values themselves (not only equal to the text page's)", function()
  local r = load_one(HTML .. "fr-e-9101.html")
  T.eq(r.id, "e-9101")
  T.eq(r.lang, "fr")
  T.eq(r.topic, "Transportation")
  T.eq(r.initiator_city, "Moose Jaw")
  T.eq(r.original_language, "English")
  T.eq(r.grievances[1], "Les lignes d’autocars rurales des provinces des Prairies ont été réduites de moitié depuis 2018;")
  T.eq(r.responses[1].text, "Le gouvernement du Canada reconnaît qu’un transport fiable est essentiel pour les collectivités rurales.")
  T.eq(r.presenter_riding, "Regina—Wascana")
  T.eq(r.sponsor, "Robin Sample")
  T.eq(r.opened_at, "2024-01-09T11:15")
  local t = load_one(HTML .. "en-e-9105.html")
  T.eq(t.signatures, 1735)
  T.eq(t.signatures_by_province.Ontario, 1204)
  T.eq(t.keywords, {"Foreign policy", "Humanitarian assistance"})
end)

T.case("HTML: petlua.parse reads HTML from a string too", function()
  local r = petlua.parse(read(HTML .. "en-e-9101.html"), "page.html", {as_of = AS_OF})
  same_record(r, load_one(EX .. "en-e-9101.txt"))
  T.eq(r.source, "page.html")
end)

T.case("HTML: the English and French HTML pages merge like text pages", function()
  local set = petlua.load({HTML .. "en-e-9101.html", HTML .. "fr-e-9101.html"},
                          {quiet = true, lang = "fr", as_of = AS_OF})
  T.eq(#set, 1)
  T.eq(set[1].lang, "fr")
  T.eq(set[1].source, HTML .. "fr-e-9101.html")
end)

T.case("HTML: warnings and errors name lines of the HTML file", function()
  local html = read(HTML .. "en-e-9101.html")
  local at = html:find("<dt>Presented to", 1, true)
  local line = select(2, html:sub(1, at):gsub("\n", "")) + 1
  T.eq(line, 65)
  html = html:sub(1, at - 1) .. "<dt>A line nobody expects</dt>\n" .. html:sub(at)
  local r, warnings = petlua.parse(html, "w.html")
  T.eq(r.id, "e-9101")
  T.eq(warnings, {{line = 65, text = "A line nobody expects"}})
  -- the site's menu (a <nav>) is not a warning
  r, warnings = petlua.parse(read(HTML .. "fr-e-9101.html"), "fr.html")
  T.eq(warnings, nil)
  local bad = "<!DOCTYPE html>\n<html><head><title>e-1 (X)</title></head>\n<body>\n\n<h1>e-1 (Health)</h1>\n</body></html>\n"
  T.eq({petlua.parse(bad, "t.html")}, {nil, "t.html:5: not a petition page: a title line but no other landmark"})
end)
