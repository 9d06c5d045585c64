-- peer.lua — the petition parse an analyst would write in plain Lua 5.4, without petlua.
--
--   lua5.4 bench/peer.lua DIR [--csv FILE] [--pages]
--
-- No libraries: the folder is walked with `find` (io.popen), pages are read
-- whole and taken apart line by line with string patterns; English and French
-- pages of the same petition are merged (English wins). The same fields as
-- bench/peer.py; the side-by-side peer of petlua.load(DIR) in bench/run.sh.

local MONTHS = {}
for i, m in ipairs{"January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December"} do MONTHS[m] = i end
for i, m in ipairs{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                   "septembre", "octobre", "novembre", "décembre"} do MONTHS[m] = i end

local PROVINCES = {}
for _, p in ipairs{"Ontario", "Quebec", "British Columbia", "Alberta", "Manitoba", "Saskatchewan", "Nova Scotia",
                   "New Brunswick", "Newfoundland and Labrador", "Prince Edward Island",
                   "Northwest Territories", "Yukon", "Nunavut"} do PROVINCES[p] = p end
for fr, en in pairs{["Colombie-Britannique"] = "British Columbia", ["Québec"] = "Quebec",
                    ["Nouvelle-Écosse"] = "Nova Scotia", ["Nouveau-Brunswick"] = "New Brunswick",
                    ["Terre-Neuve-et-Labrador"] = "Newfoundland and Labrador",
                    ["Île-du-Prince-Édouard"] = "Prince Edward Island",
                    ["Territoires du Nord-Ouest"] = "Northwest Territories"} do PROVINCES[fr] = en end

local CAUCUS = {
  ["Liberal"] = "Liberal", ["Libéral"] = "Liberal", ["Conservative"] = "Conservative",
  ["Conservateur"] = "Conservative", ["New Democratic Party"] = "New Democratic Party",
  ["Nouveau Parti démocratique"] = "New Democratic Party", ["NPD"] = "New Democratic Party",
  ["Bloc Québécois"] = "Bloc Québécois", ["Green Party"] = "Green Party", ["Parti vert"] = "Green Party",
  ["Independent"] = "Independent", ["Indépendant"] = "Independent", ["Indépendante"] = "Independent",
}
local ORIGINAL = {English = "English", Anglais = "English", French = "French", ["Français"] = "French",
                  Bilingual = "Bilingual", Bilingue = "Bilingual"}

local STATUS = {
  ["Open for signature"] = "opened", ["Ouverte pour signature"] = "opened",
  ["Closed for signature"] = "closed", ["Fermée pour signature"] = "closed",
  ["Presented to the House of Commons"] = "presented", ["Présentée à la Chambre des communes"] = "presented",
  ["Présentée à la Chambre des Communes"] = "presented",
  ["Government response tabled"] = "tabled", ["Réponse du gouvernement déposée"] = "tabled",
}
local ENGLISH_STATUS = {["Open for signature"] = true, ["Closed for signature"] = true,
                        ["Presented to the House of Commons"] = true, ["Government response tabled"] = true}
local KIND_LINES = {["Paper petition"] = true, ["E-petition"] = true, ["Pétition papier"] = true,
                    ["Pétition électronique"] = true}
local NOISE = {["Skip to main content"] = true, ["Start of content"] = true, ["Passer au contenu"] = true,
               ["Début du contenu"] = true, ["Disclaimer regarding petitions"] = true,
               ["Avis concernant les pétitions"] = true, ["Province / Territory | Signatures |"] = true,
               ["Province / Territoire | signatures |"] = true, ["---|---|"] = true}

local NBSP, NNBSP = "\u{a0}", "\u{202f}"

-- Spaces of any kind (ordinary, non-breaking, narrow non-breaking) made ordinary.
local function spaces(s)
  return (s:gsub(NBSP, " "):gsub(NNBSP, " "))
end

local function trim(s)
  s = s:gsub("^[ \t]+", ""):gsub("[ \t\r]+$", "")
  while s:sub(1, 2) == NBSP do s = s:sub(3):gsub("^[ \t]+", "") end
  return s
end

local function parse_date(s)
  local mon, d, y = s:match("(%a+) (%d%d?), (%d%d%d%d)")
  local h, mi, ap
  if mon and MONTHS[mon] then
    h, mi, ap = s:match(", at (%d%d?):(%d%d) ([ap])%.m%.")
    if h then h = tonumber(h) % 12 + (ap == "p" and 12 or 0) end
  else
    d, mon, y = s:match("(%d%d?)e?r? ([%a\128-\255]+) (%d%d%d%d)")
    if not (mon and MONTHS[mon]) then return nil end
    h, mi = s:match(" à (%d%d?) h (%d%d)")
    h = tonumber(h)
  end
  local date = string.format("%04d-%02d-%02d", tonumber(y), MONTHS[mon], tonumber(d))
  return date, h and string.format("%sT%02d:%s", date, h, mi) or nil
end

local function number(s) return tonumber((s:gsub("[^%d]", ""))) end

local function days(a, b)
  local function t(iso)
    local y, m, d = iso:match("(%d+)-(%d+)-(%d+)")
    return os.time{year = tonumber(y), month = tonumber(m), day = tonumber(d), hour = 12}
  end
  return math.floor((t(b) - t(a)) / 86400 + 0.5)
end

local function name_case(s)
  if s:upper() ~= s or not s:find("%a") then return s end
  return (s:gsub("([^%s%-'’]+)", function(w)
    return w:sub(1, 1) .. w:sub(2):lower():gsub("\195([\128-\158])", function(c)
      return "\195" .. string.char(c:byte() + 32)
    end)
  end))
end

local HONORIFICS = {"The Honourable ", "The Hon. ", "Hon. ", "L'honorable ", "L’honorable ",
                    "Le secrétaire parlementaire ", "La secrétaire parlementaire ", "Parliamentary Secretary "}
local SUFFIXES = {", M.P.", ", MP", ", DÉPUTÉE", ", DÉPUTÉ", ", députée", ", député"}

local function clean_signer(s)
  s = trim(s)
  for _, h in ipairs(HONORIFICS) do
    if s:sub(1, #h) == h then s = s:sub(#h + 1) break end
  end
  for _, x in ipairs(SUFFIXES) do
    if s:sub(-#x) == x then s = s:sub(1, -#x - 1) break end
  end
  return name_case(trim(s))
end

local function starts(s, prefix) return s:sub(1, #prefix) == prefix end

local function response_title(line)
  local t = line:match("^Response by the (.+)$")
  if t then return t, "en" end
  if STATUS[line] then return nil end
  t = line:match("^Réponse du (.+)$") or line:match("^Réponse de la (.+)$") or line:match("^Réponse de l['’](.+)$")
  if t then return t, "fr" end
end

local function sessional(line)
  local d, no = line:match("^Government response tabled on (.+) %(Sessional Paper No%. (.+)%)$")
  if not d then
    d, no = line:match("^Réponse du gouvernement déposée le (.+) %(Document parlementaire n(.-)%)$")
    if no then no = spaces(no):gsub("^\194\176", ""):gsub("^o", ""):gsub("^ +", "") end
  end
  return d, no
end

local function signed_line(line)
  if not starts(line, "Sign") then return nil end
  return line:match("^Signed by %(Minister or Parliamentary Secretary%): ?(.*)$")
      or spaces(line):match("^Signée? par %(ministre ou secrétaire parlementaire%) ?: ?(.*)$")
end

local function caucus_of(line)
  local c = line:match("^(.+) Caucus$") or line:match("^Caucus (.+)$")
  if c then return CAUCUS[c] or c end
end

local function initiator(line)
  local name, city, prov, on = line:match("^Initiated by (.-) from (.-), ([^,]-), on (.+)$")
  if name then return name, city, prov, on, "en" end
  name, city, prov = line:match("^Initiated by (.-) from (.-), ([^,]+)$")
  if name then return name, city, prov, nil, "en" end
  local rest
  name, rest = line:match("^Lancée par (.-) (d['’].+)$")
  local name2, rest2 = line:match("^Lancée par (.-) de (.+)$")
  if name2 and (not name or #name2 < #name) then name, rest = name2, rest2
  elseif name then rest = rest:gsub("^d'", ""):gsub("^d’", "") end
  if name then
    city, prov = rest:match("^(.+) %((.+)%)$")
    if city then return name, city, prov, nil, "fr" end
  end
end

local function is_prayer(line)
  local l = line:lower()
  if l:find("draw the attention", 1, true) or l:find("attirons l", 1, true) then return false end
  return starts(l, "we, the undersigned") or starts(l, "therefore") or starts(line, "Nous, soussign")
      or starts(line, "Nous soussign")
end

local function is_heading(line)
  local s = spaces(line):lower()
  return s == "whereas:" or s == "attendu que :" or s == "attendu que:" or s == "considérant que :"
      or s == "considérant que:"
end

local function addressee(line)
  local a = line:match("^[Pp][Ee][Tt][Ii][Tt][Ii][Oo][Nn] [Tt][Oo] (.+)$")
  if a then
    if a:sub(1, 4):lower() == "the " then a = a:sub(5) end
    return a, "en", true
  end
  if line == "Pétition à" or line == "Pétition au" then return nil, "fr", true end
  a = line:match("^Pétition adressée au (.+)$") or line:match("^Pétition adressée à (.+)$")
      or line:match("^Pétition au (.+)$") or line:match("^Pétition à (.+)$")
  if a then return (a:gsub("^la ", ""):gsub("^l['’]", "")), "fr", true end
end

local function parse_page(text, name)
  local lines, dashed = {}, {}
  text = text:gsub("^\239\187\191", "")
  for raw in text:gmatch("[^\n]+") do
    local s = trim(raw)
    if s == "-" then
      lines[#lines + 1], dashed[#lines + 1] = s, false
    elseif s ~= "" then
      local bare = s:gsub("^\226\128\162%s+", ""):gsub("^%-%s+", ""):gsub("^\226\128\147%s+", "")
      bare = trim(bare)
      if bare ~= "" then lines[#lines + 1], dashed[#lines + 1] = bare, starts(s, "- ") end
    end
  end
  local n, i = #lines, 1
  local id, topic
  while i <= n do
    id, topic = lines[i]:match("^(e%-%d+) %((.+)%)$")
    if not id then id, topic = lines[i]:match("^(%d%d%d%-%d%d%d%d%d) %((.+)%)$") end
    if id then break end
    i = i + 1
  end
  if not id then return nil end
  local rec = {source = name, id = id, topic = topic}
  rec.kind = id:sub(1, 2) == "e-" and "e-petition" or "paper"
  if rec.kind == "paper" then rec.petition_no = id end
  i = i + 1
  local votes, landmarks, section = 0, 0, "head"
  local text_lines, responses = {}, {}
  while i <= n do
    local line = lines[i]
    i = i + 1
    local what = STATUS[line]
    local title, tlang = response_title(line)
    local sdate, sno = sessional(line)
    if KIND_LINES[line] then
      landmarks = landmarks + 1
    elseif NOISE[line] or starts(line, "Skip to main") or starts(line, "Passer au contenu")
        or starts(line, "Subscribe to RSS") or starts(line, "An email address associated") then
      -- header and footer noise
    elseif what then
      landmarks, section = landmarks + 1, "status"
      votes = votes + (ENGLISH_STATUS[line] and 1 or -1)
      if what == "presented" then
        if lines[i] == "-" then i = i + 1 end
        local function presented_line(l)
          if not l then return nil end
          local d, no = l:match("^(.+) %(Petition No%. ([%d%-]+)%)$")
          if not d then d, no = l:match("^(.+) %(Pétition n.- ?([%d%-]+)%)$") end
          return d, no
        end
        if i <= n and not presented_line(lines[i]) then
          local who = lines[i]
          i = i + 1
          local pn, pr = who:match("^(.+) %((.+)%)$")
          if pn then rec.presenter, rec.presenter_riding = pn, pr
          else
            rec.presenter = who
            local r = lines[i] and lines[i]:match("^%((.+)%)$")
            if r then rec.presenter_riding, i = r, i + 1 end
          end
        end
        if i <= n then
          local d, no = presented_line(lines[i])
          if d then
            rec.presented, rec.petition_no, i = parse_date(d), no, i + 1
          else
            local date = parse_date(lines[i])
            if date then rec.presented, i = date, i + 1 end
          end
        end
      elseif i <= n then
        local date, dt = parse_date(lines[i])
        if date then
          i = i + 1
          if what == "tabled" then rec.response_tabled = date
          else rec[what], rec[what .. "_at"] = date, dt end
        end
      end
    elseif sdate then
      landmarks, section = landmarks + 1, "status"
      rec.response_tabled, rec.sessional_paper = parse_date(sdate), sno
    elseif title then
      landmarks, section = landmarks + 1, "response"
      votes = votes + (tlang == "en" and 1 or -1)
      responses[#responses + 1] = {responder = title, text = {}}
    elseif signed_line(line) and #responses > 0 then
      local sig = signed_line(line)
      responses[#responses].signature = sig
      responses[#responses].signed_by = clean_signer(sig)
    elseif line:match("^Photo %- (.+)$") then
      landmarks, section = landmarks + 1, "status"
      rec.sponsor = line:match("^Photo %- (.+)$")
      if i <= n and not caucus_of(lines[i]) and not STATUS[lines[i]] and not lines[i]:find(" signatures$")
          and not starts(lines[i], "Only validated") and not starts(lines[i], "Seules les") then
        rec.sponsor_riding, i = lines[i], i + 1
      end
      local c = lines[i] and caucus_of(lines[i])
      if c then
        rec.sponsor_caucus, i = c, i + 1
        if lines[i] and PROVINCES[lines[i]] then rec.sponsor_province, i = PROVINCES[lines[i]], i + 1 end
      end
    elseif line:find(" signatures$") and spaces(line):match("^[%d, ]+ signatures$") then
      landmarks, section = landmarks + 1, "status"
      rec.signatures = number(line)
    elseif line:sub(-2) == " |" and PROVINCES[line:match("^(.-) | ") or ""] then
      local p, v = line:match("^(.-) | (.+) |$")
      rec.signatures_by_province = rec.signatures_by_province or {}
      rec.signatures_by_province[PROVINCES[p]] = number(v)
      local t = 0
      for _, x in pairs(rec.signatures_by_province) do t = t + x end
      rec.signatures, section = t, "status"
    elseif starts(line, "Only validated signatures") or starts(line, "Seules les signatures") then
      votes, section = votes + (starts(line, "Only") and 1 or -1), "status"
    else
      local handled = false
      if section == "head" then
        handled = true
        local parl = line:match("^(%d+)[snrt][tdh] Parliament$")
        local iname, icity, iprov, ion, ilang = initiator(line)
        local orig = spaces(line):match("^Original language of petition ?: ?(.+)$")
            or spaces(line):match("^Langue d'origine de la pétition ?: ?(.+)$")
        local addr, alang, is_addr = addressee(line)
        if parl then
          landmarks, rec.parliament = landmarks + 1, tonumber(parl)
        elseif iname then
          landmarks, votes = landmarks + 1, votes + (ilang == "en" and 1 or -1)
          rec.initiator, rec.initiator_city = iname, icity
          rec.initiator_province = PROVINCES[iprov] or iprov
          if ion and rec.parliament then     -- 42nd layout: keyword lines, then a status word
            local kws = {}
            while i <= n and lines[i] ~= "Not Certified" and lines[i] ~= "Non certifiée"
                and not spaces(lines[i]):find("^Original language") and not spaces(lines[i]):find("^Langue d'origine")
                and not addressee(lines[i]) do
              kws[#kws + 1], i = lines[i], i + 1
            end
            if #kws > 0 then rec.keywords = kws end
          end
        elseif line == "Not Certified" or line == "Non certifiée" then
          rec.not_certified = true
        elseif line == "Keywords" or line == "Mots-clés" then
          landmarks = landmarks + 1
          local kws = {}
          while i <= n and dashed[i] and not spaces(lines[i]):find("^Original language")
              and not spaces(lines[i]):find("^Langue d'origine") and not addressee(lines[i]) do
            kws[#kws + 1], i = lines[i], i + 1
          end
          rec.keywords = kws
        elseif orig then
          landmarks, votes = landmarks + 1, votes + (starts(line, "Original") and 1 or -1)
          rec.original_language = ORIGINAL[orig] or orig
        elseif is_addr then
          landmarks, votes, section = landmarks + 1, votes + (alang == "en" and 1 or -1), "text"
          rec.addressee = addr
        else
          handled, section = false, "text"
        end
      end
      if not handled then
        if section == "text" then text_lines[#text_lines + 1] = line
        elseif section == "response" then
          local t = responses[#responses].text
          t[#t + 1] = line
        end
      end
    end
  end
  if landmarks == 0 then return nil end
  rec.lang = votes < 0 and "fr" or "en"
  -- petition text: grievances before the prayer
  local grievances = {}
  for k, line in ipairs(text_lines) do
    if is_prayer(line) then
      rec.prayer = table.concat(text_lines, "\n", k)
      break
    end
    local l = line:lower()
    if not is_heading(line) and not l:find("draw the attention", 1, true) and not l:find("attirons l", 1, true) then
      grievances[#grievances + 1] = line
    end
  end
  if #text_lines > 0 then rec.text = table.concat(text_lines, "\n") end
  if #grievances > 0 then rec.grievances = grievances end
  if #responses > 0 then
    rec.responses, rec.responder, rec.signed_by = responses, responses[1].responder, responses[1].signed_by
    local parts = {}
    for k, r in ipairs(responses) do parts[k] = table.concat(r.text, "\n") end
    rec.response_text = table.concat(parts, "\n\n")
  end
  -- derived fields
  if rec.petition_no then
    rec.parliament, rec.session = tonumber(rec.petition_no:sub(1, 2)), tonumber(rec.petition_no:sub(3, 3))
  end
  if rec.presented and rec.response_tabled then
    rec.response_days = days(rec.presented, rec.response_tabled)
    rec.late = rec.response_days > 45
  end
  return rec
end

local function list_files(root)
  local q = "'" .. root:gsub("'", "'\\''") .. "'"
  local p = assert(io.popen("find -L " .. q .. " -type f -not -path '*/.*' -not -name 'README*' -not -name 'LICENSE*' | sort"))
  local files = {}
  for f in p:lines() do files[#files + 1] = f end
  p:close()
  return files
end

local function id_less(a, b)
  local ea, eb = a:sub(1, 2) == "e-", b:sub(1, 2) == "e-"
  if ea ~= eb then return ea end
  if ea then return tonumber(a:sub(3)) < tonumber(b:sub(3)) end
  return a < b
end

local LANGUAGE_BOUND = {topic = true, addressee = true, responder = true, responses = true, response_text = true,
                        text = true, grievances = true, prayer = true, keywords = true}

local function load(root, merge)
  local records, errors = {}, {}
  for _, path in ipairs(list_files(root)) do
    local f = assert(io.open(path, "rb"))
    local text = f:read("a")
    f:close()
    local rec = parse_page(text, path)
    if rec then records[#records + 1] = rec else errors[#errors + 1] = path end
  end
  if not merge then return records, errors end
  local by_id, ids = {}, {}
  for _, rec in ipairs(records) do
    local other = by_id[rec.id]
    if not other then
      by_id[rec.id], ids[#ids + 1] = rec, rec.id
    else
      local win, lose = other, rec
      if rec.lang == "en" and other.lang ~= "en" then win, lose = rec, other end
      for k, v in pairs(lose) do
        if win[k] == nil and not LANGUAGE_BOUND[k] then win[k] = v end
      end
      by_id[rec.id] = win
    end
  end
  table.sort(ids, id_less)
  local out = {}
  for k, id in ipairs(ids) do out[k] = by_id[id] end
  return out, errors
end

local FIELDS = {"source", "id", "lang", "kind", "topic", "original_language", "initiator", "initiator_city",
                "initiator_province", "addressee", "n_grievances", "keywords", "n_responses", "responder", "signed_by",
                "opened_at", "closed_at", "opened", "closed", "presented", "petition_no", "parliament", "session",
                "presenter", "presenter_riding", "sponsor", "sponsor_riding", "sponsor_caucus", "sponsor_province",
                "response_tabled", "sessional_paper", "signatures", "not_certified", "response_days", "late"}

local function cell(v)
  if v == nil then return "" end
  v = tostring(v)
  if v:find('[,"\n\r]') then return '"' .. v:gsub('"', '""') .. '"' end
  return v
end

local function write_csv(path, records)
  local f = assert(io.open(path, "w"))
  f:write(table.concat(FIELDS, ","), "\n")
  for _, r in ipairs(records) do
    local row = {}
    for k, name in ipairs(FIELDS) do
      local v = r[name]
      if name == "n_grievances" then v = r.grievances and #r.grievances
      elseif name == "n_responses" then v = r.responses and #r.responses
      elseif name == "keywords" and v then v = table.concat(v, "|")
      elseif name == "not_certified" then v = v and "true" or nil end
      row[k] = cell(v)
    end
    f:write(table.concat(row, ","), "\n")
  end
  f:close()
end

local function main(args)
  local dir, out, merge = nil, nil, true
  local k = 1
  while k <= #args do
    if args[k] == "--pages" then merge = false
    elseif args[k] == "--csv" then out, k = args[k + 1], k + 1
    else dir = args[k] end
    k = k + 1
  end
  if not dir then
    io.stderr:write("usage: lua5.4 bench/peer.lua DIR [--csv FILE] [--pages]\n")
    os.exit(2)
  end
  local records, errors = load(dir, merge)
  if out then write_csv(out, records) end
  local responded = 0
  for _, r in ipairs(records) do if r.response_tabled then responded = responded + 1 end end
  print(string.format("%d petitions (%d responded), %d files skipped", #records, responded, #errors))
end

main(arg)
