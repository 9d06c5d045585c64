# test_demo.sh — what `make demo` shows (its demo-show part, on the program
# under test): it runs, every command it runs names its data folder (never the
# default data/, which mixes real and made-up pages), the real pages come
# first under a heading that says they are real, the generated ones after a
# heading that says they are made up, and the counts in its prose are the
# pages' own.
. tests/e2e/lib.sh

if ! command -v make >/dev/null 2>&1; then
    skip "make demo" "no make on this machine"
    exit 0
fi
run make -s --no-print-directory demo-show DEMO_PETLUA="$PETLUA"
check_status 0 "make demo-show"
cp "$TMP/out" "$TMP/demo"

# Each command shown ("$ PROG ARGS") names --data; the real folder only before
# the made-up heading, the sample only after it.
awk -v prog="$PETLUA" '
    /^== Real petitions: public records of the House of Commons of Canada ==$/ { part = "real"; next }
    /^== Made-up pages, for volume: not real petitions ==$/ { part = "sample"; next }
    index($0, "$ " prog " ") == 1 {
        n++
        if (part == "") { print "a command before any heading: " $0; bad = 1 }
        else if (index($0 " ", " --data data/" part " ") == 0) {
            print "under the " part " heading, a command not on data/" part ": " $0; bad = 1 }
    }
    END { if (n < 3) { print "only " n " commands shown"; bad = 1 }
          if (part != "sample") { print "the made-up heading is missing or not last"; bad = 1 }
          exit bad }' "$TMP/demo" >"$TMP/why"
if [ $? -eq 0 ]; then ok "make demo: real pages first, then the sample, each command on its own folder"; else
    not_ok "make demo: real pages first, then the sample, each command on its own folder" "$(cat "$TMP/why")"; fi

# The counts in the prose, against the files: one petition per page in
# data/real but the later copies (*.snapshot2.txt), and in data/sample one per
# petition id, a French page fr-ID.txt being the same petition as ID.txt.
real=$(ls data/real | grep -c '\.txt$')
snap=$(ls data/real | grep -c '\.snapshot[0-9]*\.txt$')
check_contains "$TMP/demo" "$((real - snap)) petitions as the House of Commons site printed them" \
    "make demo: the number of real petitions"
sample=$(ls data/sample | sed -n 's/^\(fr-\)\{0,1\}\(.*\)\.txt$/\2/p' | sort -u | wc -l)
check_contains "$TMP/demo" "$sample invented petitions (data/sample/" "make demo: the number of made-up petitions"
# The timed ones: the real pages whose expectation, read by hand, gives a
# response time (tests/real/NAME.expect: "response_days: N").
timed=$(grep -l '^# page: data/real/' tests/real/*.expect | xargs grep -l '^response_days: [0-9]' | wc -l | tr -d ' ')
check_contains "$TMP/demo" "Only the $timed petitions whose copy shows both dates are timed" \
    "make demo: the number of real petitions with a response time"
