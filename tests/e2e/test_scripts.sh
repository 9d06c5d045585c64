# test_scripts.sh — the shipped scripts: each answers --help, rejects a bad
# option with status 2, and gives on data/ exactly the CSV in tests/expected/
# (worked out independently of petlua: see tests/expected/README.md).
# Only response_times depends on the day it runs (overdue); it is run with
# --as-of, so these files stay right whatever the date.
. tests/e2e/lib.sh
AS_OF=2025-12-31
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

# expect NAME SCRIPT ARGS...: the script's CSV on data/ (through --out) must be
# tests/expected/NAME.csv, and the same CSV must come on stdout (not a terminal).
expect() {
    name=$1; script=$2; shift 2
    run "$PETLUA" "scripts/$script.lua" --data data --out "$TMP/$name.csv" "$@"
    check_status 0 "$name: runs"
    check_same "$TMP/$name.csv" "tests/expected/$name.csv" "$name: the expected CSV"
    run "$PETLUA" "scripts/$script.lua" --data data "$@"
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
run "$PETLUA" scripts/response_times.lua --data data --as-of 2016-01-01 --out -
check_status 0 "response_times --as-of 2016-01-01"
check_contains "$TMP/out" "all,190,41,47.4,75.4,197,36,0.189,0" "as of 2016-01-01 nothing is overdue"

# --chart: a well-formed SVG with the title and the groups.
run "$PETLUA" scripts/response_times.lua --data data --by parliament --as-of $AS_OF \
    --chart "$TMP/medians.svg" --out "$TMP/p.csv"
check_status 0 "response_times --chart"
run python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1]); print("well-formed")' "$TMP/medians.svg"
check_contains "$TMP/out" "well-formed" "the SVG chart is well-formed XML"
check_contains "$TMP/medians.svg" "Median days to a government response, by parliament" "the chart's title"
check_contains "$TMP/medians.svg" ">(none)</text>" "the chart's (none) group"
check_contains "$TMP/medians.svg" ">45 days</text>" "the chart marks 45 days"
run "$PETLUA" scripts/timeline.lua --data data --chart "$TMP/timeline.svg" --out "$TMP/t.csv"
run python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1]); print("well-formed")' "$TMP/timeline.svg"
check_contains "$TMP/out" "well-formed" "the timeline chart is well-formed XML"

# Arguments checked by the scripts themselves.
run "$PETLUA" scripts/search.lua --data data
check_status 2 "search without words"
check_contains "$TMP/err" "give at least one word" "search says what is missing"
run "$PETLUA" scripts/boilerplate.lua --data data --threshold 0
check_status 2 "boilerplate --threshold 0"
# Groups hold together: at 0.6 no similarity reported is under 0.6 (chained
# groups once gave one of 73 petitions whose similarity fell to 0.369).
run "$PETLUA" scripts/boilerplate.lua --data data --threshold 0.6 --out -
low=$(tail -n +2 "$TMP/out" | cut -d, -f3 | sort -n | head -n 1)
groups=$(tail -n +2 "$TMP/out" | wc -l)
if [ "$groups" -ge 5 ] && awk -v x="$low" 'BEGIN { exit !(x >= 0.6) }'; then
    ok "boilerplate --threshold 0.6: $groups groups, none under 0.6 (lowest $low)"; else
    not_ok "boilerplate --threshold 0.6: groups hold together" "$groups groups, lowest similarity $low"; fi
run "$PETLUA" scripts/response_times.lua --data data --out "$TMP/no/such/dir/x.csv"
check_status 1 "response_times --out into a missing folder"

# On a terminal, without --out: an aligned table; with --out -: CSV still.
printf 'expect parliament  petitions  median_days\nexpect (none)\nexpect all               190           41       47.4\nexit 0\n' |
    python3 tests/e2e/ptydrive.py "response_times on a terminal" --timeout 20 -- \
    "$PETLUA" scripts/response_times.lua --data data --by parliament --as-of $AS_OF
printf 'expect parliament,petitions,median_days,mean_days\nrefuse ------\nexit 0\n' |
    python3 tests/e2e/ptydrive.py "response_times --out - on a terminal" --timeout 20 -- \
    "$PETLUA" scripts/response_times.lua --data data --by parliament --as-of $AS_OF --out -

# Under --sandbox the chart is written only inside --allow-write.
mkdir -p "$TMP/allowed"
run "$PETLUA" --sandbox --allow-write "$TMP/allowed" scripts/response_times.lua --data data \
    --as-of $AS_OF --chart "$TMP/allowed/c.svg" --out "$TMP/allowed/c.csv"
check_status 0 "sandboxed response_times writes its chart inside --allow-write"
check_same "$TMP/allowed/c.csv" tests/expected/response_times.csv "sandboxed response_times: the expected CSV"
run "$PETLUA" --sandbox --allow-write "$TMP/allowed" scripts/response_times.lua --data data \
    --chart "$TMP/c.svg" --out "$TMP/allowed/c.csv"
check_status 1 "sandboxed response_times: a chart outside --allow-write"
check_contains "$TMP/err" "petlua: writing '$TMP/c.svg' is not allowed in --sandbox" "says why"
