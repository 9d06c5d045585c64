# test_scripts.sh — the shipped scripts: each answers --help, rejects a bad
# option with status 2, and gives on the sample data exactly the CSV in
# tests/expected/ (worked out independently of petlua: see
# tests/expected/README.md).
# Only response_times depends on the day it runs (overdue); it is run with
# --as-of, so these files stay right whatever the date.
. tests/e2e/lib.sh
AS_OF=2025-12-31

# The expected CSVs were worked out on data/e-2559.txt, made-up/examples/ and
# made-up/sample/, not on the real pages of data/real/: the scripts run on a
# folder that links to those three only.
DATA="$TMP/data"
mkdir -p "$DATA"
for p in data/e-2559.txt made-up/examples made-up/sample; do ln -s "$PWD/$p" "$DATA/${p#*/}"; done
SCRIPTS="response_times topics ministers sponsors boilerplate timeline search export"

# The options a script's --help must mention, beyond the shared ones.
own_options() {
    case $1 in
        response_times) echo "--by --chart --as-of" ;;
        topics) echo "--words" ;;
        ministers) echo "--top" ;;
        sponsors) echo "--caucus --top" ;;
        boilerplate) echo "--threshold --min-size --field" ;;
        timeline) echo "--chart" ;;
        search) echo "--any --in --width" ;;
        export) echo "--columns" ;;
    esac
}

for s in $SCRIPTS; do
    if head -n 1 "scripts/$s.lua" | grep -q "^-- $s: [A-Z]"; then ok "$s: metadata line"; else
        not_ok "$s: metadata line" "$(head -n 1 "scripts/$s.lua")"; fi
    run "$PETLUA" "scripts/$s.lua" --help
    check_status 0 "$s --help"
    for o in $(own_options "$s") --data --out --lang --since --until --parliament; do
        check_contains "$TMP/out" "$o" "$s --help mentions $o"
    done
    run "$PETLUA" "scripts/$s.lua" --no-such-option
    check_status 2 "$s --no-such-option"
    check_contains "$TMP/err" "unknown option '--no-such-option'" "$s names the unknown option"
    run "$PETLUA" "scripts/$s.lua" --since yesterday-ish
    check_status 2 "$s --since with a bad date"
done

# expect NAME SCRIPT ARGS...: the script's CSV on $DATA (through --out) must be
# tests/expected/NAME.csv, and the same CSV must come on stdout (not a terminal).
expect() {
    name=$1; script=$2; shift 2
    run "$PETLUA" "scripts/$script.lua" --data "$DATA" --out "$TMP/$name.csv" "$@"
    check_status 0 "$name: runs"
    check_same "$TMP/$name.csv" "tests/expected/$name.csv" "$name: the expected CSV"
    run "$PETLUA" "scripts/$script.lua" --data "$DATA" "$@"
    check_same "$TMP/out" "tests/expected/$name.csv" "$name: the same CSV on stdout"
}

expect response_times response_times --as-of $AS_OF
expect response_times_parliament response_times --by parliament --as-of $AS_OF
expect response_times_year response_times --by year --as-of $AS_OF
expect response_times_caucus_2020_2022 response_times --by sponsor_caucus \
    --since 2020-01-01 --until 2022-12-31 --as-of $AS_OF
expect response_times_44_fr response_times --by topic --parliament 44 --lang fr --as-of $AS_OF
expect topics topics --words 5
expect ministers ministers
expect sponsors sponsors
expect sponsors_caucus sponsors --caucus
expect boilerplate boilerplate
expect boilerplate_07 boilerplate --threshold 0.7
expect timeline timeline
expect search_water search water --width 25
expect search_any search "drinking water" firearms --any --width 20
expect export_columns export --columns id,kind,topic,lang,presented,parliament,response_days,late,signatures

# --as-of moves overdue only: before the first presentation nothing is overdue
# (21 as of 2025-12-31), response times stay.
run "$PETLUA" scripts/response_times.lua --data "$DATA" --as-of 2016-01-01 --out -
check_status 0 "response_times --as-of 2016-01-01"
check_contains "$TMP/out" "all,190,41,47.4,75.4,197,36,0.189,0" "as of 2016-01-01 nothing is overdue"

# --chart: a well-formed SVG with the title and the groups.
run "$PETLUA" scripts/response_times.lua --data "$DATA" --by parliament --as-of $AS_OF \
    --chart "$TMP/medians.svg" --out "$TMP/p.csv"
check_status 0 "response_times --chart"
run python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1]); print("well-formed")' "$TMP/medians.svg"
check_contains "$TMP/out" "well-formed" "the SVG chart is well-formed XML"
check_contains "$TMP/medians.svg" "Median days to a government response, by parliament" "the chart's title"
check_not_contains "$TMP/medians.svg" ">(none)" "the chart leaves the (none) group out"
check_contains "$TMP/medians.svg" ">not drawn: (none), n=" "and says so under the chart"
check_contains "$TMP/medians.svg" ">45 days</text>" "the chart marks 45 days"
# parliaments in their own order (not by median), each with its n, the total last
grep -o '<text [^>]*text-anchor="end">[^<]*' "$TMP/medians.svg" | sed 's/.*>//' >"$TMP/labels"
if grep -qx '42 (n=[0-9]*)' "$TMP/labels" && [ "$(sed 's/ .*//' "$TMP/labels" | tr '\n' ' ')" = "$(sed 's/ .*//' "$TMP/labels" | grep -v all | sort -n | tr '\n' ' ')all " ]; then
    ok "the chart's bars: parliaments in order, each with its n, then all"
else
    not_ok "the chart's bars: parliaments in order, each with its n, then all" "$(cat "$TMP/labels")"
fi
run "$PETLUA" scripts/response_times.lua --data "$DATA" --by topic --as-of $AS_OF \
    --chart "$TMP/topics.svg" --out "$TMP/p.csv"
grep -o '<text [^>]*fill="#222222">[^<]*' "$TMP/topics.svg" | sed 's/.*>//' >"$TMP/values"
if [ -s "$TMP/values" ] && sed '$d' "$TMP/values" | sort -rn -c 2>/dev/null; then
    ok "by topic, the chart's bars come by median, largest first"
else
    not_ok "by topic, the chart's bars come by median, largest first" "$(cat "$TMP/values")"
fi
for script in response_times timeline; do
    run "$PETLUA" scripts/$script.lua --data "$DATA" --chart "$TMP/chart.png" --out "$TMP/p.csv"
    check_status 2 "$script --chart chart.png"
    printf 'petlua: scripts/%s.lua: --chart must name an .svg file\n' $script >"$TMP/want"
    check_same "$TMP/err" "$TMP/want" "$script --chart chart.png: one line says only SVG is written"
    [ -e "$TMP/chart.png" ] && not_ok "$script --chart chart.png writes nothing" || ok "$script --chart chart.png writes nothing"
done
run "$PETLUA" scripts/timeline.lua --data "$DATA" --chart "$TMP/timeline.svg" --out "$TMP/t.csv"
run python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1]); print("well-formed")' "$TMP/timeline.svg"
check_contains "$TMP/out" "well-formed" "the timeline chart is well-formed XML"

# Arguments checked by the scripts themselves.
run "$PETLUA" scripts/search.lua --data "$DATA"
check_status 2 "search without words"
check_contains "$TMP/err" "petlua: search: give at least one word to look for (see --help)" "search says what is missing, as every usage error does"
run "$PETLUA" scripts/boilerplate.lua --data "$DATA" --threshold 0
check_status 2 "boilerplate --threshold 0"
# Groups hold together: at 0.6 no similarity reported is under 0.6 (chained
# groups once gave one of 73 petitions whose similarity fell to 0.369).
run "$PETLUA" scripts/boilerplate.lua --data "$DATA" --threshold 0.6 --out -
low=$(tail -n +2 "$TMP/out" | cut -d, -f3 | sort -n | head -n 1)
groups=$(tail -n +2 "$TMP/out" | wc -l)
if [ "$groups" -ge 5 ] && awk -v x="$low" 'BEGIN { exit !(x >= 0.6) }'; then
    ok "boilerplate --threshold 0.6: $groups groups, none under 0.6 (lowest $low)"; else
    not_ok "boilerplate --threshold 0.6: groups hold together" "$groups groups, lowest similarity $low"; fi
run "$PETLUA" scripts/response_times.lua --data "$DATA" --out "$TMP/no/such/dir/x.csv"
check_status 2 "response_times --out into a missing folder is bad usage"
check_text_is() { if [ "$(cat "$1")" = "$2" ]; then ok "$3"; else not_ok "$3" "got: $(cat "$1")" "want: $2"; fi; }
check_text_is "$TMP/err" "petlua: scripts/response_times.lua: cannot write '$TMP/no/such/dir/x.csv' (no folder $TMP/no/such/dir)" \
    "--out into a missing folder: one line, no traceback"

# On a terminal, without --out: an aligned table; with --out -: CSV still.
printf 'expect parliament  petitions  median_days\nexpect (none)\nexpect all               190           41       47.4\nexit 0\n' |
    python3 tests/e2e/ptydrive.py "response_times on a terminal" --timeout 20 -- \
    "$PETLUA" scripts/response_times.lua --data "$DATA" --by parliament --as-of $AS_OF
printf 'expect parliament,petitions,median_days,mean_days\nrefuse ------\nexit 0\n' |
    python3 tests/e2e/ptydrive.py "response_times --out - on a terminal" --timeout 20 -- \
    "$PETLUA" scripts/response_times.lua --data "$DATA" --by parliament --as-of $AS_OF --out -

# Under --sandbox the chart is written only inside --allow-write.
mkdir -p "$TMP/allowed"
run "$PETLUA" --sandbox --allow-write "$TMP/allowed" scripts/response_times.lua --data "$DATA" \
    --as-of $AS_OF --chart "$TMP/allowed/c.svg" --out "$TMP/allowed/c.csv"
check_status 0 "sandboxed response_times writes its chart inside --allow-write"
check_same "$TMP/allowed/c.csv" tests/expected/response_times.csv "sandboxed response_times: the expected CSV"
run "$PETLUA" --sandbox --allow-write "$TMP/allowed" scripts/response_times.lua --data "$DATA" \
    --chart "$TMP/c.svg" --out "$TMP/allowed/c.csv"
check_status 1 "sandboxed response_times: a chart outside --allow-write"
check_contains "$TMP/err" "writing '$TMP/c.svg' is not allowed in --sandbox" "says why"

# --labels fr: canonical values shown in French, the numbers the same.
run "$PETLUA" scripts/response_times.lua --data "$DATA" --as-of $AS_OF --labels fr --out "$TMP/fr.csv"
check_status 0 "response_times --labels fr"
check_contains "$TMP/fr.csv" "Santé,18,36.5" "--labels fr: the department in French"
check_contains "$TMP/fr.csv" "Affaires étrangères,17,42" "--labels fr: Foreign Affairs in French"
figures() { python3 -c 'import csv, sys; print(sorted(r[1:] for r in csv.reader(open(sys.argv[1]))))' "$1"; }
figures "$TMP/fr.csv" >"$TMP/fr.nums"
figures tests/expected/response_times.csv >"$TMP/en.nums"
check_same "$TMP/fr.nums" "$TMP/en.nums" "--labels fr: the same figures"
# in a reader's order of the French names (accents and case aside), then
# (none), then all (they came in the order of the English names)
python3 - "$TMP/fr.csv" >"$TMP/fr.order" <<'EOF'
import csv, sys, unicodedata
def key(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).casefold()
names = [r[0] for r in csv.reader(open(sys.argv[1], encoding="utf-8"))][1:]
groups = names[:-2]
print("in order" if groups == sorted(groups, key=key) and names[-2:] == ["(none)", "all"] else names)
EOF
check_contains "$TMP/fr.order" "in order" "--labels fr: rows in a reader's order of the French names"
# a vocab/ beside the default data folder gives --labels its labels too (only
# --data's folder was looked in; the load and the labels built two vocabularies)
mkdir -p "$TMP/vt/data/vocab"
cp data/e-2559.txt "$TMP/vt/data/"
printf 'kind,value,label\ndepartment,Foreign Affairs,Affaires étrangères (les nôtres)\n' >"$TMP/vt/data/vocab/labels_fr.csv"
case "$PETLUA" in /*) abs_petlua=$PETLUA ;; *) abs_petlua=$PWD/$PETLUA ;; esac
(cd "$TMP/vt" && "$abs_petlua" "$OLDPWD/scripts/response_times.lua" --labels fr --format csv) >"$TMP/out" 2>"$TMP/err"
check_contains "$TMP/out" "Affaires étrangères (les nôtres),1,44" "--labels fr: the data folder's own labels, without --data"
# ... but rows sorted by a count keep that order, and rows of one label keep
# theirs (the French order was applied to any rows whose names ascended)
mkdir -p "$TMP/lab"
cp data/real/441-01860.txt data/real/441-01920.txt data/real/432-00066.txt "$TMP/lab/"
run "$PETLUA" scripts/topics.lua --data "$TMP/lab" --format csv --labels fr
check_contains "$TMP/out" "$(printf 'topic,petitions')" "topics --labels fr: a header"
if [ "$(sed -n 2p "$TMP/out" | cut -d, -f1,2)" = "Santé,2" ]; then ok "topics --labels fr: most petitions first, as in English"; else
    not_ok "topics --labels fr: most petitions first, as in English" "$(cat "$TMP/out")"; fi
run "$PETLUA" scripts/ministers.lua --data "$TMP/lab" --format csv --labels fr
if [ "$(sed -n 2,3p "$TMP/out" | cut -d, -f1,2 | tr '\n' ' ')" = "Santé,(none) Santé,Mark Holland " ]; then
    ok "ministers --labels fr: rows of one department in their order"; else
    not_ok "ministers --labels fr: rows of one department in their order" "$(cat "$TMP/out")"; fi
run "$PETLUA" scripts/topics.lua --data "$DATA" --labels fr --words 1
check_contains "$TMP/out" "Santé,35,11515,24" "topics --labels fr: the topic in French"

# Bad usage is bad usage: one line naming the script, status 2, no traceback.
usage_is() { # message command...
    want=$1; shift
    run "$PETLUA" "$@"
    if [ "$status" -eq 2 ] && [ "$(cat "$TMP/err")" = "$want" ]; then ok "$*: status 2, one line"; else
        not_ok "$*: status 2, one line" "status $status" "got:  $(cat "$TMP/err")" "want: $want"; fi
}
usage_is "petlua: response_times: unknown field 'respondr' (did you mean 'responder'?)" response_times --data "$DATA" --by respondr
usage_is "petlua: response_times: cannot group by 'responses': it holds responses, not a value (group by a field of one value or a list of strings, such as department)" response_times --data "$DATA" --by responses
usage_is "petlua: search: unknown field 'nosuch'" search water --data "$DATA" --in nosuch
usage_is "petlua: boilerplate: unknown field 'nosuch'" boilerplate --data "$DATA" --field nosuch
usage_is "petlua: export: unknown field 'nosuch'" export --data "$DATA" --columns id,nosuch
usage_is "petlua: export: unknown option '--no-total' (see --help)" export --data "$DATA" --no-total
# export's own --out is checked before the load, as the common one is (it
# loaded, then ended with status 1)
usage_is "petlua: export: cannot write '$TMP/no/x.db' (no folder $TMP/no)" export --data "$DATA" --out "$TMP/no/x.db"
usage_is "petlua: export: cannot write '$TMP/no/x.csv' (no folder $TMP/no)" export --data "$DATA" --out "$TMP/no/x.csv"
usage_is "petlua: export: cannot write '$TMP/no/sub/' (no folder $TMP/no)" export --data "$DATA" --format csv-tidy --out "$TMP/no/sub/"
usage_is "petlua: export: cannot write '$TMP' (it is a folder)" export --data "$DATA" --out "$TMP"
# export --excel: the record CSV with a BOM and CRLF, which loads back whole
run "$PETLUA" export --data "$DATA" --excel --out "$TMP/excel.csv"
check_status 0 "export --excel"
[ "$(head -c 3 "$TMP/excel.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] && ok "export --excel begins with a BOM" ||
    not_ok "export --excel begins with a BOM" "$(head -c 8 "$TMP/excel.csv" | od -c | head -1)"
[ "$(head -n 1 "$TMP/excel.csv" | od -An -c | tr -d ' \n' | tail -c 4)" = '\r\n' ] && ok "export --excel ends lines with CRLF" ||
    not_ok "export --excel ends lines with CRLF"
run "$PETLUA" -q -e "local a, b = petlua.load('$DATA', {quiet = true}), petlua.load('$TMP/excel.csv')
  print(#a == #b and a[1].id == b[1].id and a[#a].response_text == b[#b].response_text)"
check_contains "$TMP/out" "true" "export --excel loads back to the same records"
usage_is "petlua: topics: bad value '0' for option '--words': a number of at least 1 expected (see --help)" topics --data "$DATA" --words 0
usage_is "petlua: ministers: bad value '-1' for option '--top': a number of at least 1 expected (see --help)" ministers --data "$DATA" --top -1
usage_is "petlua: response_times: --since 2022-01-01 is after --until 2021-12-31 (no petition is both)" response_times --data "$DATA" --since 2022 --until 2021
usage_is "petlua: response_times: bad value '$TMP/nowhere' for option '--data': no such file or folder (see --help)" response_times --data "$TMP/nowhere"
usage_is "petlua: response_times: cannot write '$TMP/no/x.svg' (no folder $TMP/no)" response_times --data "$DATA" --chart "$TMP/no/x.svg"
# the data folder of -d and $PETLUA_DATA is checked as --data is (it gave an
# empty answer and status 0)
usage_is "petlua: export: no data folder '$TMP/nowhere' (from -d, \$PETLUA_DATA or ./data; give --data PATH)" -d "$TMP/nowhere" export --out "$TMP/never.csv"
if [ -e "$TMP/never.csv" ]; then not_ok "-d of a missing folder: nothing written"; else ok "-d of a missing folder: nothing written"; fi
PETLUA_DATA="$TMP/nowhere"; export PETLUA_DATA
usage_is "petlua: response_times: no data folder '$TMP/nowhere' (from -d, \$PETLUA_DATA or ./data; give --data PATH)" response_times
unset PETLUA_DATA
usage_is "petlua: response_times: bad value '2020-13' for option '--until': expected YYYY-MM-DD, YYYY-MM or YYYY (see --help)" response_times --data "$DATA" --until 2020-13
# Dates as people type them: a year is the year.
run "$PETLUA" response_times --data "$DATA" --by year --since 2020 --until 2020 --as-of $AS_OF
check_status 0 "--since 2020 --until 2020"
[ "$(grep -c '^20' "$TMP/out")" -eq 1 ] && check_contains "$TMP/out" "2020," "--since 2020 --until 2020: 2020 alone" ||
    not_ok "--since 2020 --until 2020: 2020 alone" "$(cat "$TMP/out")"
# A group field that is also a column keeps its labels.
run "$PETLUA" response_times --data "$DATA" --by late --as-of $AS_OF
check_first_line_is() { if [ "$(head -n 1 "$1")" = "$2" ]; then ok "$3"; else not_ok "$3" "got: $(head -n 1 "$1")"; fi; }
check_first_line_is "$TMP/out" "late,petitions,median_days,mean_days,p90_days,max_days,late_count,late_share,overdue" \
    "--by late: the count column renamed, the label kept"
check_contains "$TMP/out" "true,36," "--by late: the group true, its count"
# A list field groups by item, piped or not.
run sh -c '"$1" response_times --data "$2" --by keywords --as-of 2025-12-31 | tail -n 2' sh "$PETLUA" "$DATA"
check_contains "$TMP/out" "all,190," "--by keywords piped: a CSV whose last row is all"
