# test_demo.sh — what `make demo` shows (its demo-show part, on the program
# under test), and the folders it relies on: data/, the default data folder,
# holds real pages only (every page in it read by hand in tests/real/); the
# demo runs, shows the real pages first under a heading that says they are
# real and the made-up ones after a heading that says they are made up, runs
# every made-up command on made-up/ by name, and its prose gives the pages'
# own counts.
. tests/e2e/lib.sh

# Every page under data/ is a real one: it has a hand-read expectation.
missing=""
for f in $(find data -type f -name '*.txt' | sort); do
    grep -qx "# page: $f" tests/real/*.expect || missing="$missing $f"
done
if [ -z "$missing" ]; then ok "data/: every page is a real page read by hand (tests/real/)"; else
    not_ok "data/: every page is a real page read by hand (tests/real/)" "no tests/real/*.expect for:$missing"; fi

if ! command -v make >/dev/null 2>&1; then
    skip "make demo" "no make on this machine"
    exit 0
fi
run make -s --no-print-directory demo-show DEMO_PETLUA="$PETLUA"
check_status 0 "make demo-show"
cp "$TMP/out" "$TMP/demo"

# Each command shown ("$ PROG ARGS"): under the real heading, on the default
# folder (no --data but data/); under the made-up heading, on made-up/.
awk -v prog="$PETLUA" '
    /^== Real petitions: public records of the House of Commons of Canada ==$/ { part = "real"; next }
    /^== Made-up pages, for volume: not real petitions ==$/ { part = "made-up"; next }
    index($0, "$ " prog " ") == 1 {
        n++; line = $0 " "
        if (part == "") { print "a command before any heading: " $0; bad = 1 }
        else if (part == "real" && line ~ / --data / && line !~ / --data data(\/[^ ]*)? /) {
            print "under the real heading, a command not on data/: " $0; bad = 1 }
        else if (part == "made-up" && line !~ / --data made-up\//) {
            print "under the made-up heading, a command not on made-up/: " $0; bad = 1 }
    }
    END { if (n < 3) { print "only " n " commands shown"; bad = 1 }
          if (part != "made-up") { print "the made-up heading is missing or not last"; bad = 1 }
          exit bad }' "$TMP/demo" >"$TMP/why"
if [ $? -eq 0 ]; then ok "make demo: real pages first, then made-up ones, each command on its folder"; else
    not_ok "make demo: real pages first, then made-up ones, each command on its folder" "$(cat "$TMP/why")"; fi

# The counts in the prose, against the files: one petition per page of data/
# but the later copies (*.snapshot2.txt), and in made-up/sample one per
# petition id, a French page fr-ID.txt being the same petition as ID.txt.
pages=$(find data -type f -name '*.txt' | grep -c .)
snap=$(find data -type f -name '*.snapshot[0-9]*.txt' | grep -c .)
check_contains "$TMP/demo" "$((pages - snap)) petitions as the House of Commons petitions site printed them" \
    "make demo: the number of real petitions"
sample=$(ls made-up/sample | sed -n 's/^\(fr-\)\{0,1\}\(.*\)\.txt$/\2/p' | sort -u | wc -l | tr -d ' ')
check_contains "$TMP/demo" "$sample invented petitions (made-up/sample/" "make demo: the number of made-up petitions"
# The timed ones: the real pages whose expectation, read by hand, gives a
# response time (tests/real/NAME.expect: "response_days: N").
timed=$(grep -l '^response_days: [0-9]' tests/real/*.expect | wc -l | tr -d ' ')
check_contains "$TMP/demo" "Only the $timed petitions whose copy shows both dates are timed" \
    "make demo: the number of real petitions with a response time"
