#!/bin/sh
# Runs every test program and counts its verdicts. A test program prints one
# line per case, "ok - what" or "not ok - what" (then indented detail lines),
# and exits 0. A case that cannot run here prints "ok - what # SKIP reason":
# it is counted as skipped, never as passed. A program that exits non-zero or dies by a signal counts as one
# more failure, so a crash can never pass for success.
#   C unit tests:  $BUILD/tests/test_*     (from tests/c/test_*.c)
#   Lua tests:     tests/lua/test_*.lua    (run by petlua itself)
#   End-to-end:    tests/e2e/test_*.sh     (the command line, the scripts, the REPL)
# Environment: PETLUA (the binary, default ./petlua), BUILD (default build),
# TESTS (a pattern to run a subset, e.g. TESTS=page), RUNNER (a command the
# C test programs are run under, e.g. valgrind: see tests/valgrind.sh).
PETLUA=${PETLUA:-./petlua}
BUILD=${BUILD:-build}
export PETLUA BUILD
TESTS=${TESTS:-}
# Tests must not depend on the user's environment.
unset PETLUA_PATH PETLUA_DATA
export HOME="${TMPDIR:-/tmp}/petlua-test-home.$$"
mkdir -p "$HOME"
out="${TMPDIR:-/tmp}/petlua-test.$$"
passed=0 failed=0 skipped=0

run_one() { # name command...
    name=$1; shift
    case "$name" in *"$TESTS"*) ;; *) return ;; esac
    "$@" >"$out" 2>&1 </dev/null
    status=$?
    k=$(grep -c '^ok .* # SKIP' "$out")
    p=$(($(grep -c '^ok ' "$out") - k))
    f=$(grep -c '^not ok ' "$out")
    if [ "$status" -ne 0 ]; then
        f=$((f + 1))
        echo "not ok - $name exited with status $status" >>"$out"
    fi
    if [ "$f" -gt 0 ]; then
        echo "FAIL $name: $p passed, $f failed$([ "$k" -gt 0 ] && echo ", $k skipped")"
        grep -v '^ok ' "$out" | sed 's/^/    /' | head -n 60
    else
        echo "pass $name: $p passed$([ "$k" -gt 0 ] && echo ", $k skipped")"
    fi
    grep '^ok .* # SKIP' "$out" | sed 's/^/    /'
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + k))
}

for t in "$BUILD"/tests/test_*; do
    case "$t" in *.d|*.o) continue ;; esac
    [ -f "tests/c/${t##*/}.c" ] || continue   # left by a build of a test since removed
    [ -x "$t" ] && run_one "${t##*/}" ${RUNNER:-} "$t"
done
for t in tests/lua/test_*.lua; do
    [ -f "$t" ] && run_one "${t##*/}" "$PETLUA" "$t"
done
for t in tests/e2e/test_*.sh; do
    [ -f "$t" ] && run_one "${t##*/}" sh "$t"
done
rm -rf "$out" "$HOME"
if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
