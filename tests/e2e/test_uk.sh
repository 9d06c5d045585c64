# test_uk.sh — the shipped scripts on one folder of Canada's petition pages
# and the UK Parliament's petitions JSON (tests/mixed/uk/: made-up petitions
# in the site's shapes of 2015-2026; tests/mixed/README.md has the values
# and the hand count of response_times_parliament_of.csv).
. tests/e2e/lib.sh
AS_OF=2025-12-31

DATA="$TMP/data"
mkdir -p "$DATA"
for p in data/e-2559.txt made-up/examples made-up/sample; do ln -s "$PWD/$p" "$DATA/${p##*/}"; done
ln -s "$PWD/tests/mixed/uk" "$DATA/uk"
UK="$TMP/uk-only"
mkdir -p "$UK"
ln -s "$PWD/tests/mixed/uk" "$UK/uk"

# The two governments side by side, each by its own rule: Canada's row is
# the sample's (tests/expected/response_times.csv, all), the UK's the six
# petitions answered in tests/mixed/uk/.
run "$PETLUA" scripts/response_times.lua --data "$DATA" --by parliament_of --as-of $AS_OF \
    --out "$TMP/by.csv"
check_status 0 "response_times --by parliament_of"
check_same "$TMP/by.csv" tests/expected/response_times_parliament_of.csv \
    "response_times --by parliament_of: Canada and the UK side by side"
check_contains tests/expected/response_times.csv "$(grep '^ca,' "$TMP/by.csv" | sed 's/^ca,/all,/')" \
    "Canada's row is the Canadian sample's total"

# --parliament-of keeps one parliament.
run "$PETLUA" scripts/response_times.lua --data "$DATA" --by parliament_of --parliament-of uk \
    --as-of $AS_OF --out -
printf 'parliament_of,petitions,median_days,mean_days,p90_days,max_days,late,late_share,overdue\nuk,6,18.5,21.7,32,35,2,0.333,2\nall,6,18.5,21.7,32,35,2,0.333,2\n' >"$TMP/want"
check_same "$TMP/out" "$TMP/want" "--parliament-of uk: the UK's petitions only"
run "$PETLUA" scripts/response_times.lua --data "$DATA" --parliament-of ca --as-of $AS_OF --out -
check_same "$TMP/out" tests/expected/response_times.csv "--parliament-of ca: the Canadian sample's figures"
run "$PETLUA" scripts/response_times.lua --data "$DATA" --parliament-of fr
check_status 2 "--parliament-of fr"
check_contains "$TMP/err" "ca or uk expected" "--parliament-of names its choices"

# The help says what late means for each.
run "$PETLUA" scripts/response_times.lua --help
check_contains "$TMP/out" "late after 45 days" "response_times --help: Canada's rule"
check_contains "$TMP/out" "late after 21 days" "response_times --help: the UK's rule"
check_contains "$TMP/out" "--parliament-of" "response_times --help: --parliament-of"

# By year: a UK petition's year is its response threshold's.
run "$PETLUA" scripts/response_times.lua --data "$UK" --by year --as-of $AS_OF --out -
check_contains "$TMP/out" "2018,3,18,22.7,31.6,35,1,0.333,0" "by year: the UK's 2018 (three thresholds reached)"
check_contains "$TMP/out" "2019,0,,,,,,,1" "by year: 2019, one left unanswered by the dissolution"

# --since/--until choose a UK petition by the day it reached the threshold.
run "$PETLUA" scripts/response_times.lua --data "$UK" --by parliament_of --since 2025-01-01 \
    --as-of $AS_OF --out -
check_contains "$TMP/out" "uk,1,19,19,19,19,0,0,1" "--since 2025: the petitions that reached 10,000 in 2025"

# sponsors: Canada only, and a note on the UK's petitions.
run "$PETLUA" scripts/sponsors.lua --data "$DATA" --out "$TMP/sponsors.csv"
check_status 0 "sponsors on both parliaments"
check_same "$TMP/sponsors.csv" tests/expected/sponsors.csv "sponsors: the rows are Canada's"
check_contains "$TMP/err" "sponsors: 10 UK petitions left out: a UK e-petition has no sponsoring MP" \
    "sponsors says the UK's petitions have no sponsor"
run "$PETLUA" scripts/sponsors.lua --help
check_contains "$TMP/out" "Canada only" "sponsors --help says Canada only"

# topics: the UK site's codes made readable.
run "$PETLUA" scripts/topics.lua --data "$UK" --words 2 --out -
check_contains "$TMP/out" "Foreign affairs,1,10450,0," "topics: foreign-affairs is Foreign affairs"
check_contains "$TMP/out" "Health,1,12550,1," "topics: health is Health"
check_contains "$TMP/out" "(none),8," "topics: petitions before April 2020 have none"

# boilerplate on the UK's responses: the two fireworks answers, under their department.
run "$PETLUA" scripts/boilerplate.lua --data "$UK" --threshold 0.5 --out -
check_contains "$TMP/out" "1,2,0.526,300002 300006,Home Office,There are no plans to ban fireworks." \
    "boilerplate groups two UK responses, department as responder"

# timeline: a UK petition is opened and answered, never presented.
run "$PETLUA" scripts/timeline.lua --data "$UK" --out -
check_contains "$TMP/out" "2018-01,0,0,1" "timeline: a UK response counted in its month"
if [ -s "$TMP/out" ] && awk -F, 'NR > 1 && $3 != 0 { bad = 1 } END { exit bad }' "$TMP/out"; then
    ok "timeline: nothing presented for the UK"
else
    not_ok "timeline: nothing presented for the UK" "$(cat "$TMP/out")"
fi
run "$PETLUA" scripts/timeline.lua --help
check_contains "$TMP/out" "presented: Canada only" "timeline --help says presented is Canada's"

# export: the UK fields are columns (tests/lua/test_uk.lua loads them back).
run "$PETLUA" scripts/export.lua --data "$UK" --columns id,parliament_of,state,rejection,response_threshold_reached,response_days,late --out -
check_contains "$TMP/out" "300002,uk,closed,,2018-03-01,35,true" "export: a UK petition's own columns"
check_contains "$TMP/out" "300005,uk,rejected,duplicate,,," "export: a rejected one, with its code"
