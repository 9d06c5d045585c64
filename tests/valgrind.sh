#!/bin/sh
# valgrind.sh — the whole suite (tests/run.sh) under valgrind memcheck: the
# C test programs, and petlua itself wherever a test runs it. Every run
# writes its own log; any error in any of them (an invalid read or write,
# a use of uninitialised memory, a definite leak) fails the check, whether
# or not the test that made the run looked at its status.
# Environment: PETLUA (the binary, default ./petlua), BUILD (default build).
set -u
REAL=${PETLUA:-./petlua}
case "$REAL" in /*) ;; *) REAL="$PWD/$REAL" ;; esac
BUILD=${BUILD:-build}
VGDIR=$(mktemp -d "${TMPDIR:-/tmp}/petlua-valgrind.XXXXXX")
trap 'rm -rf "$VGDIR"' EXIT
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
--show-leak-kinds=definite --suppressions=$PWD/tests/valgrind.supp --log-file=$VGDIR/%p.log"
# petlua as the tests call it: one word, so a wrapper
cat >"$VGDIR/petlua" <<WRAP
#!/bin/sh
exec $VG "$REAL" "\$@"
WRAP
chmod +x "$VGDIR/petlua"
# PETLUA_REAL: the binary behind the wrapper, for the tests that see its path
VALGRIND=1 RUNNER="$VG" PETLUA="$VGDIR/petlua" PETLUA_REAL="$REAL" BUILD="$BUILD" sh tests/run.sh
status=$?
errors=0
for log in "$VGDIR"/*.log; do
    [ -s "$log" ] || continue
    errors=$((errors + 1))
    [ "$errors" -le 5 ] && { echo "valgrind: errors in run ${log##*/}:"; sed 's/^/    /' "$log" | head -n 40; }
done
runs=$(ls "$VGDIR"/*.log 2>/dev/null | wc -l)
echo "valgrind: $runs runs, $errors with errors"
[ "$status" -eq 0 ] && [ "$errors" -eq 0 ]
