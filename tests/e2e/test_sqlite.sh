# test_sqlite.sh — export --format sqlite and csv-tidy as other tools see
# them. The sqlite3 command-line tool and Python's sqlite3 module count the
# rows, check the types (typeof), join responses to petitions by department
# and sum signatures by province, country, region and constituency (and per
# petition) without splitting a cell, and find the search table as
# Datasette looks for it; pandas reads a join where it is installed. Every figure is compared with the same figure worked out in Lua
# over the records petlua.load gives. Then: the database loads back to the
# same CSV export; bad --out values and the sandbox.
. tests/e2e/lib.sh
T="timeout 120"
DB="$TMP/petitions.db"
# The real pages and the made-up ones (the real copies print no province
# table), as the scripts' tests read them, with the UK's JSON: the made-up
# petitions (tests/mixed/uk) and the real EU referendum petition of 2016
# (650 constituencies, 221 countries).
DATA="$TMP/data"
mkdir -p "$DATA"
for p in data/e-2559.txt made-up/examples made-up/sample; do ln -s "$PWD/$p" "$DATA/${p#*/}"; done
ln -s "$PWD/tests/mixed/uk" "$DATA/uk"
ln -s "$PWD/tests/uk/petition-131215.2016-06-27.json" "$DATA/uk-131215.json"

# The figures, from the records: one "name value" line each.
cat >"$TMP/figures.lua" <<'EOF'
local set = petlua.load(arg[1], {quiet = true})
local n = {petitions = #set, responses = 0, grievances = 0, keywords = 0, provinces = 0, water = 0,
           uk = 0, constituencies = 0}
local by_dept, by_province = {}, {}
-- signatures summed by name over every petition, and per petition
local sums = {country = {}, region = {}, constituency = {}, code = {}, petition = {}}
local function add(t, k, v) t[k] = (t[k] or 0) + v end
for _, r in ipairs(set) do
  if r.parliament_of == "uk" then n.uk = n.uk + 1 end
  for name, count in pairs(r.signatures_by_country or {}) do add(sums.country, name, count) end
  for name, count in pairs(r.signatures_by_region or {}) do add(sums.region, name, count) end
  for _, row in ipairs(r.signatures_by_constituency or {}) do
    n.constituencies = n.constituencies + 1
    add(sums.constituency, row.name, row.signatures)
    add(sums.code, row.code or "(none)", row.signatures)
    add(sums.petition, r.id, row.signatures)
  end
  n.grievances = n.grievances + #(r.grievances or {})
  n.keywords = n.keywords + #(r.keywords or {})
  for _, resp in ipairs(r.responses or {}) do
    n.responses = n.responses + 1
    local d = resp.department or "(none)"
    local row = by_dept[d] or {responses = 0, signatures = 0}
    row.responses, row.signatures = row.responses + 1, row.signatures + (r.signatures or 0)
    by_dept[d] = row
  end
  for province, count in pairs(r.signatures_by_province or {}) do
    n.provinces = n.provinces + 1
    by_province[province] = (by_province[province] or 0) + count
  end
  local text = ((r.text or "") .. "\n" .. (r.response_text or "")):lower()
  if text:find("%f[%w]water%f[^%w]") then n.water = n.water + 1 end
end
for _, k in ipairs{"petitions", "responses", "grievances", "keywords", "provinces", "water", "uk",
                   "constituencies"} do
  print(k .. " " .. n[k])
end
local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  return keys
end
for _, d in ipairs(sorted_keys(by_dept)) do
  print("department " .. d .. "|" .. by_dept[d].responses .. "|" .. by_dept[d].signatures)
end
for _, p in ipairs(sorted_keys(by_province)) do print("province " .. p .. "|" .. by_province[p]) end
for _, what in ipairs{"country", "region", "constituency", "code", "petition"} do
  for _, k in ipairs(sorted_keys(sums[what])) do print(what .. " " .. k .. "|" .. sums[what][k]) end
end
EOF

run $T "$PETLUA" scripts/export.lua --data "$DATA" --format sqlite --out "$DB"
check_status 0 "export --format sqlite"
run $T "$PETLUA" "$TMP/figures.lua" "$DATA"
cp "$TMP/out" "$TMP/want"
want() { sed -n "s/^$1 //p" "$TMP/want"; }

if ! command -v sqlite3 >/dev/null 2>&1; then
    skip "the sqlite3 command-line tool reads the database" "sqlite3 is not installed"
else
    q() { sqlite3 -batch "$DB" "$1"; }
    same() { # got want what
        if [ "$1" = "$2" ]; then ok "$3"; else not_ok "$3" "got:  $1" "want: $2"; fi
    }
    same "$(q 'SELECT count(*) FROM petitions')" "$(want petitions)" "sqlite3: one row per petition"
    same "$(q 'SELECT count(*) FROM responses')" "$(want responses)" "sqlite3: one row per response"
    same "$(q 'SELECT count(*) FROM grievances')" "$(want grievances)" "sqlite3: one row per grievance"
    same "$(q 'SELECT count(*) FROM keywords')" "$(want keywords)" "sqlite3: one row per keyword"
    same "$(q 'SELECT count(*) FROM signatures_by_province')" "$(want provinces)" \
        "sqlite3: one row per petition and province"
    same "$(q "SELECT group_concat(t, ',') FROM (SELECT DISTINCT typeof(parliament) AS t FROM petitions
                UNION SELECT DISTINCT typeof(late) FROM petitions ORDER BY 1)")" "integer,null" \
        "sqlite3: integers and booleans are INTEGER, missing ones NULL"
    same "$(q "SELECT DISTINCT typeof(presented) FROM petitions ORDER BY 1" | tr '\n' ,)" "null,text," \
        "sqlite3: dates are TEXT"
    same "$(q "SELECT count(*) FROM petitions WHERE presented NOT GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'")" \
        0 "sqlite3: dates are ISO"
    same "$(q "SELECT DISTINCT late FROM petitions WHERE late IS NOT NULL ORDER BY 1" | tr '\n' ,)" "0,1," \
        "sqlite3: booleans are 0 and 1"
    same "$(q "SELECT DISTINCT typeof(signatures) FROM signatures_by_province")" integer \
        "sqlite3: counts are INTEGER"
    same "$(q "SELECT coalesce(r.department, '(none)') || '|' || count(*) || '|' || sum(coalesce(p.signatures, 0))
               FROM responses r JOIN petitions p ON p.id = r.petition_id
               GROUP BY r.department ORDER BY coalesce(r.department, '(none)')")" \
        "$(want department)" "sqlite3: responses joined to petitions, by department"
    same "$(q "SELECT province || '|' || sum(signatures) FROM signatures_by_province
               GROUP BY province ORDER BY province")" "$(want province)" \
        "sqlite3: signatures summed by province"
    # the UK's tables: rows per constituency, summed by name, by code and
    # per petition, and the counts of countries and regions summed by name
    if [ "$(want uk)" -gt 0 ] && [ "$(want constituencies)" -gt 600 ]; then
        ok "the data holds UK petitions and their constituency rows"; else
        not_ok "the data holds UK petitions and their constituency rows" \
            "uk $(want uk), constituency rows $(want constituencies)"; fi
    same "$(q "SELECT count(*) FROM petitions WHERE parliament_of = 'uk'")" "$(want uk)" \
        "sqlite3: one row per UK petition"
    same "$(q 'SELECT count(*) FROM signatures_by_constituency')" "$(want constituencies)" \
        "sqlite3: one row per petition and constituency"
    same "$(q "SELECT name || '|' || sum(signatures) FROM signatures_by_constituency
               GROUP BY name ORDER BY name")" "$(want constituency)" \
        "sqlite3: signatures summed by constituency"
    same "$(q "SELECT coalesce(code, '(none)') || '|' || sum(signatures) FROM signatures_by_constituency
               GROUP BY coalesce(code, '(none)') ORDER BY coalesce(code, '(none)')")" "$(want code)" \
        "sqlite3: signatures summed by constituency code"
    same "$(q "SELECT petition_id || '|' || sum(signatures) FROM signatures_by_constituency
               GROUP BY petition_id ORDER BY petition_id")" "$(want petition)" \
        "sqlite3: constituency signatures summed per petition"
    same "$(q "SELECT count(*) FROM (SELECT petition_id FROM signatures_by_constituency
               GROUP BY petition_id HAVING min(position) != 1 OR max(position) != count(*))")" 0 \
        "sqlite3: constituency rows numbered 1 to n in each petition"
    same "$(q "SELECT count(*) FROM signatures_by_constituency k JOIN petitions p ON p.id = k.petition_id
               WHERE p.parliament_of = 'uk'")" "$(want constituencies)" \
        "sqlite3: constituency rows join UK petitions"
    same "$(q "SELECT group_concat(t, ',') FROM (SELECT DISTINCT typeof(signatures) AS t
               FROM signatures_by_constituency UNION SELECT DISTINCT typeof(position)
               FROM signatures_by_constituency)")" integer \
        "sqlite3: constituency positions and counts are INTEGER"
    same "$(q "SELECT country || '|' || sum(signatures) FROM signatures_by_country
               GROUP BY country ORDER BY country")" "$(want country)" \
        "sqlite3: signatures summed by country"
    same "$(q "SELECT region || '|' || sum(signatures) FROM signatures_by_region
               GROUP BY region ORDER BY region")" "$(want region)" \
        "sqlite3: signatures summed by region"
    same "$(q "SELECT count(*) FROM petitions WHERE rowid IN
               (SELECT rowid FROM petitions_fts WHERE petitions_fts MATCH 'water')")" "$(want water)" \
        "sqlite3: full-text search finds the petitions whose text or response says water"
    same "$(q 'PRAGMA foreign_key_check')" "" "sqlite3: every child row has its petition (foreign keys)"
    same "$(q 'PRAGMA integrity_check')" ok "sqlite3: integrity_check"
    same "$(q "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY 1" |
            tr '\n' ' ')" \
        "petitions_department petitions_parliament petitions_presented petitions_topic responses_department " \
        "sqlite3: indexes on the columns people filter on"
    same "$(q "SELECT value FROM meta WHERE name = 'source'")" "$DATA" "sqlite3: meta names the source"
fi

# ---- Python's sqlite3 module (and pandas)
cat >"$TMP/check.py" <<'EOF'
import sqlite3, sys
db, want_file = sys.argv[1], sys.argv[2]
want = {}
for line in open(want_file, encoding="utf-8"):
    k, _, v = line.rstrip("\n").partition(" ")
    want.setdefault(k, []).append(v)
want = {k: want.get(k, []) for k in ("petitions", "responses", "department", "province", "water",
                                     "constituency")}
def check(what, got, expected):
    if got == expected:
        print("ok - python sqlite3: " + what)
    else:
        print("not ok - python sqlite3: " + what)
        print("    got:  %r\n    want: %r" % (got, expected))
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
check("petitions", [str(con.execute("SELECT count(*) FROM petitions").fetchone()[0])], want["petitions"])
types = {type(v).__name__ for (v,) in con.execute("SELECT parliament FROM petitions")}
check("parliament is int or None", sorted(types), ["NoneType", "int"])
types = {type(v).__name__ for (v,) in con.execute("SELECT late FROM petitions WHERE late IS NOT NULL")}
check("late is int", sorted(types), ["int"])
types = {type(v).__name__ for (v,) in con.execute("SELECT id FROM petitions")}
check("id is str", sorted(types), ["str"])
rows = con.execute("""SELECT coalesce(r.department, '(none)'), count(*), sum(coalesce(p.signatures, 0))
                      FROM responses r JOIN petitions p ON p.id = r.petition_id
                      GROUP BY r.department ORDER BY coalesce(r.department, '(none)')""").fetchall()
check("responses by department", ["%s|%d|%d" % r for r in rows], want["department"])
rows = con.execute("SELECT province, sum(signatures) FROM signatures_by_province "
                   "GROUP BY province ORDER BY province").fetchall()
check("signatures by province", ["%s|%d" % r for r in rows], want["province"])
rows = con.execute("SELECT name, sum(signatures) FROM signatures_by_constituency "
                   "GROUP BY name ORDER BY name").fetchall()
check("signatures by constituency", ["%s|%d" % r for r in rows], want["constituency"])
fks = {(r[2], r[3], r[4]) for t in ("responses", "grievances", "keywords", "signatures_by_province",
                                    "topics", "signatures_by_country", "signatures_by_region",
                                    "signatures_by_constituency")
       for r in con.execute("PRAGMA foreign_key_list(%s)" % t)}
check("foreign keys", sorted(fks), [("petitions", "petition_id", "id")])
# Datasette offers a search box on a table when a virtual FTS table names
# it as its content table; then it searches with rowid IN (...)
fts = [r[0] for r in con.execute("""SELECT name FROM sqlite_master WHERE rootpage = 0
       AND sql LIKE '%VIRTUAL TABLE%USING FTS%content="petitions"%'""")]
check("a search table for petitions, as Datasette finds it", fts, ["petitions_fts"])
n = con.execute("""SELECT count(*) FROM petitions WHERE rowid IN
                   (SELECT rowid FROM petitions_fts WHERE petitions_fts MATCH ?)""", ("water",)).fetchone()[0]
check("search: water", [str(n)], want["water"])
try:
    import pandas as pd
except ImportError:
    print("ok - pandas reads a join # SKIP pandas is not installed")
else:
    df = pd.read_sql("""SELECT p.id, p.topic, p.parliament, r.department, r.position
                        FROM petitions p JOIN responses r ON r.petition_id = p.id""", con)
    check("pandas reads a join", [str(len(df))], want["responses"])
EOF
if command -v python3 >/dev/null 2>&1; then
    "$DEBIAN_PYTHON" "$TMP/check.py" "$DB" "$TMP/want" || not_ok "the Python checks ran to the end" "status $?"
else
    skip "python sqlite3 reads the database" "python3 is not installed"
fi

# ---- the database loads back: the CSV export of it is that of the pages
run $T "$PETLUA" scripts/export.lua --data "$DATA" --out "$TMP/from-pages.csv"
run $T "$PETLUA" scripts/export.lua --data "$DB" --out "$TMP/from-db.csv"
check_status 0 "export --data petitions.db"
check_same "$TMP/from-db.csv" "$TMP/from-pages.csv" "the database loads back to the same records (CSV export)"

# ---- the format from the extension; --out required
run $T "$PETLUA" scripts/export.lua --data data/e-2559.txt --out "$TMP/one.sqlite3"
check_status 0 "export --out x.sqlite3"
if [ "$(head -c 15 "$TMP/one.sqlite3" 2>/dev/null)" = "SQLite format 3" ]; then
    ok "--out x.sqlite3 is a database"; else not_ok "--out x.sqlite3 is a database"; fi
run $T "$PETLUA" scripts/export.lua --data data/e-2559.txt --format sqlite
check_status 2 "--format sqlite without --out"
check_contains "$TMP/err" "petlua: export: --format sqlite needs --out FILE (see --help)" "says --out is needed"
run $T "$PETLUA" scripts/export.lua --data data/e-2559.txt --format csv-tidy --out -
check_status 2 "--format csv-tidy --out -"
run $T "$PETLUA" scripts/export.lua --data data/e-2559.txt --format sqlite --out "$TMP/c.db" --columns id
check_status 2 "--columns with --format sqlite"
check_contains "$TMP/err" "--columns applies to --format csv and table only" "says --columns does not apply"
run $T "$PETLUA" scripts/export.lua --help
for w in "sqlite" "csv-tidy" "the file to write (for csv-tidy a folder"; do
    check_contains "$TMP/out" "$w" "--help mentions $w"
done

# ---- an --out that cannot be written: bad usage, said in one line before
# the load (status 2), nothing left
mkdir -p "$TMP/bad"
for out in "$TMP/bad/no/such/p.db" "$TMP/bad"; do
    run $T "$PETLUA" scripts/export.lua --data data/e-2559.txt --format sqlite --out "$out"
    check_status 2 "export to $out"
    n=$(grep -c "cannot write '$out'" "$TMP/err")
    if [ "$n" = 1 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ]; then ok "one line says why ($out)"; else
        not_ok "one line says why ($out)" "$(cat "$TMP/err")"; fi
done
check_contains "$TMP/err" "petlua: export: cannot write '$TMP/bad' (it is a folder)" "a folder is no database"
if [ -z "$(ls -A "$TMP/bad")" ]; then ok "no file left behind"; else
    not_ok "no file left behind" "$(ls -A "$TMP/bad")"; fi
run $T "$PETLUA" scripts/export.lua --data data/e-2559.txt --format csv-tidy --out "$TMP/bad/no/such"
check_status 2 "csv-tidy into a folder whose parent is missing"
check_contains "$TMP/err" "petlua: export: cannot write '$TMP/bad/no/such' (no folder $TMP/bad/no)" \
    "csv-tidy says why"
: >"$TMP/afile"
run $T "$PETLUA" scripts/export.lua --data data/e-2559.txt --format csv-tidy --out "$TMP/afile"
check_status 2 "csv-tidy onto a file"
check_contains "$TMP/err" "petlua: export: cannot write '$TMP/afile' (not a folder)" "csv-tidy onto a file says why"

# ---- csv-tidy: the same tables, read by Python's csv module
run $T "$PETLUA" scripts/export.lua --data "$DATA" --format csv-tidy --out "$TMP/tidy"
check_status 0 "export --format csv-tidy"
cat >"$TMP/check_csv.py" <<'EOF'
import csv, sys
d, want_file = sys.argv[1], sys.argv[2]
want = {}
for line in open(want_file, encoding="utf-8"):
    k, _, v = line.rstrip("\n").partition(" ")
    want.setdefault(k, []).append(v)
want = {k: want.get(k, []) for k in ("department", "province", "constituency", "country", "region")}
def rows(name):
    with open("%s/%s.csv" % (d, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
petitions = {r["id"]: r for r in rows("petitions")}
by_dept = {}
for r in rows("responses"):
    k = r["department"] or "(none)"
    n, s = by_dept.get(k, (0, 0))
    by_dept[k] = (n + 1, s + int(petitions[r["petition_id"]]["signatures"] or 0))
got = ["%s|%d|%d" % (k, n, s) for k, (n, s) in sorted(by_dept.items())]
print(("ok" if got == want["department"] else "not ok") + " - csv-tidy: responses joined to petitions by department")
by_prov = {}
for r in rows("signatures_by_province"):
    by_prov[r["province"]] = by_prov.get(r["province"], 0) + int(r["signatures"])
got = ["%s|%d" % kv for kv in sorted(by_prov.items())]
print(("ok" if got == want["province"] else "not ok") + " - csv-tidy: signatures summed by province")
for table, column, what in (("signatures_by_constituency", "name", "constituency"),
                            ("signatures_by_country", "country", "country"),
                            ("signatures_by_region", "region", "region")):
    sums = {}
    for r in rows(table):
        sums[r[column]] = sums.get(r[column], 0) + int(r["signatures"])
    got = ["%s|%d" % kv for kv in sorted(sums.items())]
    print(("ok" if got == want[what] and got else "not ok") + " - csv-tidy: signatures summed by " + what)
lates = {r["late"] for r in petitions.values()}
print(("ok" if lates <= {"", "true", "false"} else "not ok") + " - csv-tidy: booleans true/false, missing empty")
EOF
if command -v python3 >/dev/null 2>&1; then
    python3 "$TMP/check_csv.py" "$TMP/tidy" "$TMP/want" ||
        not_ok "the Python CSV checks ran to the end" "status $?"
else
    skip "python csv reads the tidy files" "python3 is not installed"
fi

# ---- the sandbox: a database outside --allow-write is refused, inside is written
mkdir -p "$TMP/allowed"
run $T "$PETLUA" --sandbox --allow-write "$TMP/allowed" scripts/export.lua --data data/e-2559.txt \
    --format sqlite --out "$TMP/outside.db"
check_status 1 "sandboxed export outside --allow-write"
check_contains "$TMP/err" "writing '$TMP/outside.db' is not allowed in --sandbox" "the sandbox says no"
if [ -e "$TMP/outside.db" ] || ls "$TMP" | grep -q '^outside\.db\.'; then
    not_ok "nothing written outside"; else ok "nothing written outside"; fi
run $T "$PETLUA" --sandbox --allow-write "$TMP/allowed" scripts/export.lua --data data/e-2559.txt \
    --format csv-tidy --out "$TMP/outside-dir"
check_status 1 "sandboxed csv-tidy outside --allow-write"
if [ -e "$TMP/outside-dir" ]; then not_ok "no folder made outside"; else ok "no folder made outside"; fi
run $T "$PETLUA" --sandbox --allow-write "$TMP/allowed" scripts/export.lua --data data/e-2559.txt \
    --format sqlite --out "$TMP/allowed/in.db"
check_status 0 "sandboxed export inside --allow-write"

# ---- --max-seconds stops a long write, and its temporary file goes with it
mkdir -p "$TMP/allowed/slow"
cat >"$TMP/slow.lua" <<'LUA'
local text = string.rep("water and more words here ", 400)
local records = {}
for i = 1, 60000 do records[i] = {id = "e-" .. i, text = text, response_text = text} end
petlua.set(records):to_sqlite(arg[1])
LUA
run $T "$PETLUA" --sandbox --allow-write "$TMP/allowed" --max-seconds 1 "$TMP/slow.lua" "$TMP/allowed/slow/x.db"
check_status 1 "--max-seconds stops to_sqlite"
check_contains "$TMP/err" "petlua: script stopped after 1 seconds (--max-seconds)" "the stop is said"
if [ -z "$(ls -A "$TMP/allowed/slow")" ]; then ok "a stopped write leaves no file"; else
    not_ok "a stopped write leaves no file" "$(ls -A "$TMP/allowed/slow")"; fi
