-- test_uk.lua — the UK Parliament's petitions JSON through petlua.load: a
-- folder of Canada's pages and the UK's JSON in one set; every real document
-- of tests/uk/ with its fields (the cut ones as saved, and closed by hand);
-- the made-up petitions of tests/mixed/uk/ field by field (list pages, a
-- single document with its signature tables, the 2015 shape); bad input
-- (malformed JSON with its byte offset, JSON not of the site, a list page
-- cut short); the file streamed when it is over max_bytes; the CSV round
-- trip; a Lua error raised in the middle of a file.
local T = dofile("tests/lua/harness.lua")
local lfs = require "lfs"

local UK, MIXED = "tests/uk/", "tests/mixed/uk/"
local AS_OF = "2025-12-31"

local tmp = os.tmpname()
os.remove(tmp)
assert(lfs.mkdir(tmp))

local function write(name, content)
  local path = tmp .. "/" .. name
  local f = assert(io.open(path, "wb"))
  f:write(content)
  f:close()
  return path
end

local function load(paths, opts)
  opts = opts or {}
  opts.quiet, opts.as_of = true, opts.as_of or AS_OF
  return petlua.load(paths, opts)
end

local function by_id(set)
  local t = {}
  for _, r in ipairs(set) do t[r.id] = r end
  return t
end

-- The bytes of a sample up to the last `before` (all of them if nil), then `tail`.
local function closed_by_hand(file, before, tail)
  local s = T.read_file(UK .. file)
  local cut = #s + 1
  if before then
    local at = 0
    repeat
      local i = s:find(before, at + 1, true)
      if i then at, cut = i, i end
    until not i
  end
  return write(file .. ".closed", s:sub(1, cut - 1) .. tail)
end

-- ------------------------------------------------------------ one set

T.case("a folder of Canada's pages and the UK's JSON is one set, in natural id order", function()
  local set = load({"data/e-2559.txt", "made-up/examples", MIXED})
  T.eq(set.errors, {})
  local n = {}
  for _, r in ipairs(set) do n[r.parliament_of] = (n[r.parliament_of] or 0) + 1 end
  T.eq(n.uk, 10)                        -- 11 petitions in the files, 700001 twice
  T.eq(n.ca > 0, true)
  -- Canada's e-petitions and paper petitions, then the UK's numbers by value
  local ids, seen_uk = {}, false
  for _, r in ipairs(set) do
    if r.parliament_of == "uk" then seen_uk = true; ids[#ids + 1] = r.id
    else T.eq(seen_uk, false, "a Canadian record after a UK one: " .. r.id) end
  end
  T.eq(ids, {"120001", "120002", "300001", "300002", "300003", "300004", "300005", "300006",
             "700001", "700002"})
  for _, r in ipairs(set) do
    if r.parliament_of == "ca" then T.eq(r.kind ~= nil and r.presented ~= nil or r.status ~= nil, true) end
  end
end)

T.case("a petition in a list page and as a single document is one record; the tables are kept", function()
  local set = load(MIXED)
  local r = by_id(set)["700001"]
  -- the list page comes first (by name) and wins: its signature count
  T.eq(r.source, MIXED .. "petitions.json_page_1_state_open")
  T.eq(r.signatures, 12550)
  -- the single document gave what the list page lacks
  T.eq(r.signatures_by_country, {["United Kingdom"] = 12501, France = 40, Spain = 9})
  T.eq(r.signatures_by_region, {Scotland = 1840, Wales = 990, London = 3120})
  T.eq(r.signatures_by_constituency, {
    {name = "Edinburgh East and Musselburgh", code = "S14000110", mp = "Chris Murray MP", signatures = 310},
    {name = "Cardiff East", code = "W07000110", mp = "Jo Stevens MP", signatures = 205},
    {name = "Belfast South and Mid Down", code = "N05000003", mp = "Claire Hanna MP", signatures = 98}})
end)

-- ------------------------------------------------------------ the made-up petitions, field by field

local src_archived = MIXED .. "archived_petitions.json_parliament_3_state_published"
local FIREWORKS = "There are no plans to ban fireworks.\nThe law already limits when fireworks may be used."

T.case("tests/mixed/uk: an archived petition, debated, answered late", function()
  T.eq(by_id(load(MIXED))["300002"], {
    id = "300002", url = "https://petition.parliament.uk/archived/petitions/300002", kind = "e-petition",
    parliament_of = "uk", lang = "en", prayer = "Ban the sale of fireworks to the public",
    text = "Ban the sale of fireworks to the public\nFireworks frighten animals and people.",
    responses = {{department = "Home Office", text = FIREWORKS}}, department = "Home Office",
    response_text = FIREWORKS, opened_at = "2018-02-14T11:00", opened = "2018-02-14",
    closed_at = "2018-08-14T22:59", closed = "2018-08-14", parliament = 57,
    response_tabled = "2018-04-05", signatures = 154320, state = "closed",
    response_threshold_reached = "2018-03-01", debate_threshold_reached = "2018-03-20",
    debated_on = "2018-06-11", debate_outcome = "debated", parliament_dissolved = "2019-11-06",
    status = "responded", response_days = 35, late = true, overdue = false, source = src_archived})
end)

T.case("tests/mixed/uk: the rule's cases", function()
  local r = by_id(load(MIXED))
  -- answered in 15 and 18 days: not late
  T.eq({r["300001"].response_days, r["300001"].late, r["300006"].response_days, r["300006"].late},
       {15, false, 18, false})
  -- 10,000 reached on 1 October 2019, no answer before the dissolution on 6 November: overdue
  T.eq({r["300003"].status, r["300003"].response_days, r["300003"].late, r["300003"].overdue},
       {"closed", nil, nil, true})
  -- never reached 10,000: the question does not arise
  T.eq({r["300004"].status, r["300004"].overdue, r["300004"].response_threshold_reached}, {"closed", nil, nil})
  -- rejected, with its code
  T.eq({r["300005"].status, r["300005"].rejection, r["300005"].state}, {"rejected", "duplicate", "rejected"})
  -- open, 30 days since the threshold as of 31 December 2025: overdue; the
  -- closing date of an open petition is its closed
  T.eq({r["700002"].status, r["700002"].overdue, r["700002"].closed, r["700002"].closed_at},
       {"open", true, "2026-05-05", nil})
  T.eq({r["700002"].topic, r["700002"].topics, r["700002"].department, r["700002"].initiator},
       {"Foreign affairs", {"foreign-affairs"}, "Foreign, Commonwealth & Development Office", "Sam Sample"})
  -- the same petition as of 2025-12-22: 21 days, not overdue yet
  T.eq(by_id(load(MIXED, {as_of = "2025-12-22"}))["700002"].overdue, false)
  T.eq(by_id(load(MIXED, {as_of = "2025-12-23"}))["700002"].overdue, true)
end)

T.case("tests/mixed/uk: the 2015 shape (open_at, no responded_on, no departments)", function()
  T.eq(by_id(load(MIXED))["120001"], {
    id = "120001", url = "https://petition.parliament.uk/petitions/120001", kind = "e-petition",
    parliament_of = "uk", lang = "en", prayer = "Keep the lights on in village halls",
    text = "Keep the lights on in village halls\nEnergy bills are closing halls.",
    responses = {{text = "Village halls can apply for grants.\nGrants are available from local councils."}},
    response_text = "Village halls can apply for grants.\nGrants are available from local councils.",
    opened_at = "2015-09-01T10:00", opened = "2015-09-01", closed_at = "2016-03-01T23:59",
    closed = "2016-03-01", parliament = 56, response_tabled = "2015-10-30", signatures = 20333,
    state = "closed", response_threshold_reached = "2015-10-01", parliament_dissolved = "2017-05-03",
    status = "responded", response_days = 29, late = true, overdue = false,
    source = MIXED .. "petitions-2015-2016.ndjson"})
end)

-- ------------------------------------------------------------ the real documents of tests/uk/

T.case("tests/uk: a current petition, rejected, every field", function()
  local set = load(UK .. "petitions_736296.json")
  T.eq(set.errors, {})
  T.eq(set[1], {
    id = "736296", url = "https://petition.parliament.uk/petitions/736296", kind = "e-petition",
    parliament_of = "uk", lang = "en", prayer = "Make Reform UK the official opposition in parliament",
    text = "Make Reform UK the official opposition in parliament\n"
      .. "I want parliament to represent the will of the people.\n"
      .. "Reform UK are constantly outperforming all other political parties in all relevant polls.",
    parliament = 59, signatures = 8, state = "rejected", rejection = "irrelevant",
    status = "rejected", source = UK .. "petitions_736296.json"})
end)

T.case("tests/uk: archived petitions of 2010-2015, rejected (imported: no background)", function()
  local r = by_id(load({UK .. "preview-archived_petitions_21675.json", UK .. "preview-archived_petitions_69837.json"}))
  T.eq({r["21675"].url, r["21675"].parliament, r["21675"].parliament_dissolved, r["21675"].rejection,
        r["21675"].status, r["21675"].prayer, r["21675"].signatures},
       {"https://preview.epetitions.website/archived/petitions/21675", 55, "2015-03-30", "duplicate",
        "rejected", "Changes to UK Elections", 1})
  T.eq(r["21675"].text:sub(1, 40), "Changes to UK Elections\nManifestos to be")
  T.eq({r["69837"].prayer, r["69837"].rejection, r["69837"].parliament},
       {"Hold a referendum on the creation of a Federal UK", "duplicate", 55})
end)

T.case("tests/uk: the 2016 document (open_at, countries and constituencies with their MPs)", function()
  local set = load(UK .. "petition-131215.2016-06-27.json", {as_of = "2016-06-27"})
  T.eq(set.errors, {})
  local r = set[1]
  T.eq({r.id, r.opened, r.opened_at, r.state, r.status, r.signatures, r.parliament, r.initiator,
        r.response_threshold_reached, r.debate_threshold_reached, r.response_days, r.overdue,
        r.topics, r.signatures_by_region},
       {"131215", "2016-05-25", "2016-05-25T11:19", "open", "open", 3555721, 56, "William Oliver Healey",
        "2016-06-24", "2016-06-24", nil, false, nil, nil})
  local countries, sum = 0, 0
  for _, n in pairs(r.signatures_by_country) do countries, sum = countries + 1, sum + n end
  T.eq({countries, sum, r.signatures_by_country.Afghanistan, r.signatures_by_country.Zimbabwe,
        r.signatures_by_country["United Kingdom"]}, {221, 3555684, 18, 57, 3417895})
  local c = r.signatures_by_constituency
  sum = 0
  for _, row in ipairs(c) do sum = sum + row.signatures end
  T.eq({#c, sum, c[1], c[650].name, c[650].mp}, {650, 3351288,
    {name = "Edinburgh East", code = "S14000022", mp = "Tommy Sheppard MP", signatures = 6052},
    "East Renfrewshire", "Kirsten Oswald MP"})
  -- 22 days after the threshold without a response: overdue; closed with its Parliament
  T.eq(load(UK .. "petition-131215.2016-06-27.json", {as_of = "2016-07-16"})[1].overdue, true)
  T.eq(load(UK .. "petition-131215.2016-06-27.json", {as_of = "2016-07-15"})[1].overdue, false)
  T.eq(load(UK .. "petition-131215.2016-06-27.json", {as_of = "2017-05-03"})[1].status, "closed")
end)

T.cases("tests/uk: a cut copy keeps no petition and says where it ends", {
  {"archived_petitions.json_page_2_parliament_2_state_published", "data[0] (begun at byte 509)"},
  {"archived_petitions.json_page_3_parliament_3_state_with_response", "data[0] (begun at byte 534)"},
  {"archived_petitions.json_parliament_3_state_published", "data[0] (begun at byte 420)"},
  {"archived_petitions_300628.json", "data (begun at byte 89)"},
  {"archived_petitions_301836.json", "data (begun at byte 89)"},
  {"petitions_737169.json", "data (begun at byte 80)"},
  {"preview-archived_petitions_65780.json", "data (begun at byte 92)"},
}, function(c)
  local set = load(UK .. c[1])
  T.eq(#set, 0)
  T.eq(set.errors, {{file = UK .. c[1], line = 1,
                     message = "cut short: the input ends inside " .. c[2] .. " at byte 2000"}})
end)

T.case("tests/uk: the cut copies closed by hand", function()
  local r = load(closed_by_hand("archived_petitions_300628.json", ',"government_response"', "}}}"))[1]
  -- the response itself was cut away: government_response_at gives its day
  T.eq({r.id, r.parliament, r.parliament_dissolved, r.response_threshold_reached, r.response_tabled,
        r.response_days, r.late, r.status, r.signatures, r.debate_threshold_reached, r.responses},
       {"300628", 58, "2024-05-30", "2020-03-11", "2020-03-24", 13, false, "responded", 123903, "2020-03-12", nil})
  r = load(closed_by_hand("archived_petitions_301836.json", ',"government_response"', "}}}"))[1]
  T.eq({r.id, r.response_days, r.late}, {"301836", 26, true})
  r = load(closed_by_hand("petitions_737169.json", ',"governme', "}}}"))[1]
  T.eq({r.id, r.rejection, r.status, r.parliament}, {"737169", "no-action", "rejected", 59})
  r = load(closed_by_hand("preview-archived_petitions_65780.json", ',"signature', "}}}"))[1]
  T.eq({r.id, r.status, r.overdue, r.signatures_by_country}, {"65780", "closed", nil, nil})
  local set = load(closed_by_hand("archived_petitions.json_parliament_3_state_published",
                                  ',"government_response"', "}}]}"))
  T.eq(set.errors, {})
  r = set[1]
  T.eq({r.id, r.url, r.signatures, r.response_days, r.late, r.parliament},
       {"241584", "https://petition.parliament.uk/archived/petitions/241584", 6103056, 8, false, 57})
end)

-- ------------------------------------------------------------ bad input

local ONE = '{"type":"petition","id":%d,"attributes":{"action":"Petition %d","state":"open"}}'

T.case("malformed JSON between petitions: the file stops there, named with its byte and line", function()
  local text = '{"data":[' .. ONE:format(1, 1) .. ',\n' .. ONE:format(2, 2) .. ' oops]}'
  local p = write("bad.json", text)
  local set = load(p)
  T.eq({#set, set[1].id, set[2].id}, {2, "1", "2"})
  local byte = text:find(" oops", 1, true)     -- the 'o', counted from 0
  T.eq(set.errors, {{file = p, line = 2,
                     message = "malformed JSON: expected ',' or ']', found 'o' at byte " .. byte}})
end)

T.case("malformed JSON inside a petition costs that petition only", function()
  local p = write("inner.json", '{"data":[' .. ONE:format(1, 1) .. ',{"type":"petition","id":2,"attributes":{"action":tru}},'
    .. ONE:format(3, 3) .. ']}')
  local set = load(p)
  T.eq({#set, set[1].id, set[2].id}, {2, "1", "3"})
  T.eq(#set.errors, 1)
  T.eq(set.errors[1].message:match("^malformed JSON in data%[1%]: ") ~= nil, true, set.errors[1].message)
  T.eq(set.errors[1].message:match(" at byte %d+$") ~= nil, true, set.errors[1].message)
end)

T.cases("JSON that is not the site's says so", {
  {'{"name":"petlua","version":1}', 'not a UK petitions document: an object with no "data" member at byte 0'},
  {'{"data":[{"type":"user","id":1,"attributes":{}}]}', 'not a UK petitions document: data[0] has type "user" at byte 9'},
  {'[1, "two"]', 'not a UK petitions document: element 0 of the top-level array is a number at byte 1',
   'not a UK petitions document: element 1 of the top-level array is a string at byte 4'},
}, function(c)
  local p = write("other.json", c[1])
  local set = load(p)
  T.eq(#set, 0)
  local want = {}
  for i = 2, #c do want[#want + 1] = {file = p, line = 1, message = c[i]} end
  T.eq(set.errors, want)
end)

-- What is read as JSON: the site's documents, and text that begins as JSON
-- does; a text page that opens with a bracket is still a page.
T.cases("which files are read as JSON", {
  {"[image] Petitions\nnothing else\n", "not a petition page: no title line (ID (Topic))",
   name = "a text opening with [image]"},
  {"{name: 1}\n", "not a petition page: no title line (ID (Topic))", name = "a brace, then no member name"},
  {" \n [\n  {\"links\": {}}\n ]", 'not a UK petitions document: an object with no "data" member at byte 7',
   name = "an array of objects, after blanks"},
}, function(c)
  local set = load(write("which.txt", c[1]))
  T.eq(#set, 0)
  T.eq(#set.errors, 1)
  T.eq(set.errors[1].message, c[2])
end)

T.case("an empty array, after a byte-order mark, is JSON with no petition and nothing wrong", function()
  local set = load(write("empty.json", "\239\187\191[]"))
  T.eq({#set, set.errors}, {0, {}})
end)

T.case("a list page cut short keeps the petitions it has whole and reports the rest", function()
  local page = T.read_file(src_archived)
  local third = page:find('{"type":"archived-petition","id":300003', 1, true)
  local p = write("cut.json", page:sub(1, third + 99))
  local set = load(p)
  T.eq({#set, set[1].id, set[2].id}, {2, "300001", "300002"})
  T.eq(set.errors, {{file = p, line = 1, message = string.format(
    "cut short: the input ends inside data[2] (begun at byte %d) at byte %d", third - 1, third + 99)}})
end)

T.case("a value of the wrong kind is a warning on the petition's line; the petition is kept", function()
  local p = write("warn.ndjson", ONE:format(1, 1) .. "\n"
    .. '{"type":"petition","id":2,"attributes":{"state":"open","opened_at":"soon","signature_count":"many"}}\n')
  local set = load(p)
  T.eq(set.errors, {})
  T.eq({#set, set[2].id, set[2].opened, set[2].signatures, set[2].status}, {2, "2", nil, nil, "open"})
  T.eq(set.warnings, {
    {file = p, line = 2, text = 'petition 2: signature_count: a string, not a count'},
    {file = p, line = 2, text = 'petition 2: opened_at: not a time: "soon"'}})
end)

-- ------------------------------------------------------------ streamed, CSV, raised

T.case("a file over max_bytes is streamed: the same records, the same errors", function()
  local whole = load(MIXED)
  local streamed = load(MIXED, {max_bytes = 100})
  T.eq(streamed.errors, {})
  T.eq(#streamed, #whole)
  for i = 1, #whole do T.eq(streamed[i], whole[i], whole[i].id) end
  local page = T.read_file(src_archived)
  local third = page:find('{"type":"archived-petition","id":300003', 1, true)
  local p = write("cut2.json", page:sub(1, third + 99))
  T.eq(load(p, {max_bytes = 100}).errors, load(p).errors)
  T.eq(#load(p, {max_bytes = 100}), 2)
end)

T.case("the UK's fields go to CSV and back", function()
  local set = load({"data/e-2559.txt", MIXED, UK .. "petition-131215.2016-06-27.json"})
  local path = tmp .. "/all.csv"
  set:to_csv(path)
  local back = load(path)
  T.eq(back.errors, {})
  T.eq(#back, #set)
  for i = 1, #set do T.eq(back[i], set[i], set[i].id) end
end)

-- ------------------------------------------------------------ rows built at first use

-- signatures_by_constituency waits in a metatable until first used: each
-- way of using it, on a fresh load (no list touched before), gives the rows
-- a plain copy holds. The copy is made from another load, by pairs.
local ROWS = "signatures_by_constituency"
local ROW_SOURCES = {MIXED, UK}

local function holds(cond, what)
  if not cond then error(what or "does not hold", 2) end
end

local function plain_copy(v)
  if type(v) ~= "table" then return v end
  local t = {}
  for k, x in pairs(v) do t[k] = plain_copy(x) end
  return t
end

-- A fresh load and, by id, the plain copy of every record's rows.
local function fresh_with_copies()
  local copies = {}
  for _, r in ipairs(load(ROW_SOURCES)) do
    if r[ROWS] then copies[r.id] = plain_copy(r[ROWS]) end
  end
  return load(ROW_SOURCES), copies
end

-- Calls use(rows, copy, id) for each record with rows, on a fresh load.
local function each_fresh(use)
  local set, copies = fresh_with_copies()
  local n = 0
  for _, r in ipairs(set) do
    local rows = r[ROWS]
    if rows and #copies[r.id] > 0 then
      n = n + 1
      use(rows, copies[r.id], r.id)
    end
  end
  holds(n >= 2, "records with constituency rows: " .. n)
end

T.case("constituency rows wait until first use, then are a plain table", function()
  each_fresh(function(rows, copy, id)
    T.eq(rawlen(rows), 0, id)
    T.eq(next(rows), nil, id)
    holds(getmetatable(rows) ~= nil, id)
    T.eq(#rows, #copy, id)
    T.eq(getmetatable(rows), nil, id)
    T.eq(rawlen(rows), #copy, id)
    T.eq(rows, copy, id)
  end)
end)

T.case("constituency rows by ipairs, pairs and index, untouched before", function()
  each_fresh(function(rows, copy, id)
    local got = {}
    for i, row in ipairs(rows) do got[i] = row end
    T.eq(got, copy, id)
  end)
  each_fresh(function(rows, copy, id)
    local got = {}
    for k, row in pairs(rows) do got[k] = row end
    T.eq(got, copy, id)
  end)
  each_fresh(function(rows, copy, id)
    T.eq(rows[1].name, copy[1].name, id)
    T.eq(rows[#copy].signatures, copy[#copy].signatures, id)
  end)
  each_fresh(function(rows, copy, id)
    T.eq(rows[#copy + 1], nil, id)
    T.eq(rawget(rows, 1), copy[1], id)
  end)
  local set_core = require "petlua.set.core"
  each_fresh(function(rows, copy, id)
    T.eq(set_core.list_length(rows), #copy, id)
  end)
end)

T.case("untouched constituency rows made a set keep their rows; their metamethods refuse a non-table", function()
  each_fresh(function(rows, copy, id)
    local s = petlua.set(rows)                   -- its metatable was replaced, the rows lost
    T.eq(#s, #copy, id)
    T.eq(s[1].name, copy[1].name, id)
  end)
  each_fresh(function(rows, _, id)
    local mt = getmetatable(rows)
    for _, name in ipairs{"__index", "__newindex", "__len", "__pairs"} do
      T.raises("table expected, got number", mt[name], 5, 1, 2)   -- it crashed
    end
    T.eq(getmetatable(rows), mt, id .. ": still waiting")
  end)
end)

T.case("constituency rows sorted, assigned, inserted into, untouched before", function()
  local by_signatures = function(a, b)
    if a.signatures ~= b.signatures then return a.signatures > b.signatures end
    return a.name < b.name
  end
  each_fresh(function(rows, copy, id)
    table.sort(rows, by_signatures)
    table.sort(copy, by_signatures)
    T.eq(rawlen(rows), #copy, id)
    T.eq(rows, copy, id)
  end)
  each_fresh(function(rows, copy, id)
    rows[1] = {name = "Nowhere", signatures = 1}
    copy[1] = {name = "Nowhere", signatures = 1}
    T.eq(rawlen(rows), #copy, id)
    T.eq(rows, copy, id)
  end)
  each_fresh(function(rows, copy, id)
    rows.note = "seen"
    T.eq(rawget(rows, "note"), "seen", id)
    T.eq(rawlen(rows), #copy, id)
  end)
  each_fresh(function(rows, copy, id)
    table.insert(rows, {name = "Elsewhere", signatures = 2})
    T.eq(rawlen(rows), #copy + 1, id)
    T.eq(rows[#copy + 1].name, "Elsewhere", id)
    T.eq(rows[1], copy[1], id)
  end)
end)

-- A set whose rows were never touched, written and read back, against the
-- same records with every list built first.
local function fresh_and_built()
  local fresh = load(ROW_SOURCES)
  local built = load(ROW_SOURCES)
  local n = 0
  for _, r in ipairs(built) do
    local rows = r[ROWS]
    if rows and #rows > 0 then
      holds(getmetatable(rows) == nil and rawlen(rows) > 0, "built: " .. r.id)
      n = n + 1
    end
  end
  holds(n >= 2, "records with constituency rows: " .. n)
  return fresh, built
end

T.case("untouched constituency rows: coverage counts them, csv and sqlite write them", function()
  local fresh, built = fresh_and_built()
  local want = built:coverage()
  local got = fresh:coverage()
  T.eq(got, want)
  local n_rows = 0
  for _, c in ipairs(got) do if c.field == ROWS then n_rows = c.present end end
  for _, r in ipairs(fresh) do
    if r[ROWS] and getmetatable(r[ROWS]) == nil and rawlen(r[ROWS]) > 0 then
      holds(false, "coverage built the rows of " .. r.id)
    end
  end
  holds(n_rows >= 2, "coverage counts the field: " .. n_rows)

  fresh, built = fresh_and_built()
  local a, b = tmp .. "/fresh.csv", tmp .. "/built.csv"
  -- petlua.csv makes the cells in C (a record it cannot is left to Lua)
  local spec = {{"id", "value"}, {ROWS, "constituencies"}}
  for _, pair in ipairs({{fresh, a}, {built, b}}) do
    local w <close> = require("petlua.csv").writer(pair[2], {"id", ROWS})
    T.eq(w:write_records(pair[1], spec, 1), #pair[1] + 1)
    w:close()
  end
  T.eq(T.read_file(a), T.read_file(b))
  fresh, built = fresh_and_built()
  petlua.Set.of_records({table.unpack(fresh)}):to_csv(a)
  petlua.Set.of_records({table.unpack(built)}):to_csv(b)
  T.eq(T.read_file(a), T.read_file(b))
  local back = load(a)
  T.eq(back.errors, {})
  T.eq(#back, #built)
  for i = 1, #built do T.eq(back[i], built[i], built[i].id) end

  fresh, built = fresh_and_built()
  local da, db = tmp .. "/fresh.db", tmp .. "/built.db"
  T.eq(fresh:to_sqlite(da), true)
  T.eq(built:to_sqlite(db), true)
  local from_a, from_b = load(da), load(db)
  T.eq(#from_a, #built)
  for i = 1, #built do
    T.eq(from_a[i][ROWS], built[i][ROWS], built[i].id)
    T.eq(from_a[i], from_b[i], built[i].id)
  end

  fresh, built = fresh_and_built()
  local ta, tb = tmp .. "/tidy-fresh", tmp .. "/tidy-built"
  fresh:to_csv_tidy(ta)
  built:to_csv_tidy(tb)
  local names = 0
  for name in lfs.dir(tb) do
    if name ~= "." and name ~= ".." then
      names = names + 1
      T.eq(T.read_file(ta .. "/" .. name), T.read_file(tb .. "/" .. name), name)
    end
  end
  holds(names >= 2, "tidy files: " .. names)
end)

T.case("untouched constituency rows print and encode as built ones", function()
  local repl = require "petlua.repl"
  local fresh, built = fresh_and_built()
  for i, r in ipairs(built) do
    if r[ROWS] then
      T.eq(repl.format(fresh[i][ROWS], 80), repl.format(r[ROWS], 80), r.id)
    end
  end
  fresh, built = fresh_and_built()
  for i, r in ipairs(built) do
    if r[ROWS] then
      T.eq(repl.format(fresh[i], 80), repl.format(r, 80), r.id)
    end
  end
  local output = require "petlua.output"
  local function json_of(set)
    local path = tmp .. "/rows.json"
    local f = assert(io.open(path, "wb"))
    output.formats.json(set, {"id", ROWS}, {}, f)
    f:close()
    return T.read_file(path)
  end
  fresh, built = fresh_and_built()
  local want = json_of(built)
  holds(want:find('"name":', 1, true), "the rows in JSON")
  T.eq(json_of(fresh), want)
end)

-- The stop of --max-seconds (the registry's deadline, set in the past),
-- raised by the check made every 1,024 petitions of a file: the load in
-- flight is closed (the reader, its file and the record being added freed:
-- make check-valgrind and check-asan see any leak).
T.case("a Lua error raised in the middle of a file leaks nothing", function()
  local lines = {}
  for i = 1, 1500 do lines[i] = ONE:format(i, i) end
  local p = write("many.ndjson", table.concat(lines, "\n"))
  T.eq(#load(p), 1500)
  local registry = debug.getregistry()
  for _, opts in ipairs({{}, {max_bytes = 100}}) do
    registry["petlua.stop"], registry["petlua.deadline"] = "stopped here", 0
    local ok, err = pcall(load, p, opts)
    registry["petlua.stop"], registry["petlua.deadline"] = nil, nil
    T.eq({ok, err}, {false, "stopped here"})
  end
  T.eq(#load(p, {max_bytes = 100}), 1500)
end)

os.execute(string.format("rm -rf %q", tmp))
