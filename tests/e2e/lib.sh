# lib.sh — helpers for end-to-end tests, sourced by tests/e2e/test_*.sh.
# Each check prints "ok - what" or "not ok - what" with the detail.
PETLUA=${PETLUA:-./petlua}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/petlua-e2e.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

ok()     { echo "ok - $1"; }
# skip WHAT REASON: a check that cannot run here, counted apart (never as a pass).
skip()   { echo "ok - $1 # SKIP $2"; }
not_ok() { echo "not ok - $1"; shift; for l in "$@"; do echo "    $l"; done; }

# run CMD...: runs it, keeping stdout in $TMP/out, stderr in $TMP/err, status in $status.
run() { "$@" >"$TMP/out" 2>"$TMP/err"; status=$?; }

check_status() { # want what
    if [ "$status" -eq "$1" ]; then ok "$2 (status $1)"; else
        not_ok "$2" "status $status, want $1" "stderr: $(head -c 600 "$TMP/err")"; fi
}
check_contains() { # file text what
    if grep -qF -- "$2" "$1"; then ok "$3"; else
        not_ok "$3" "missing: $2" "in: $(head -c 800 "$1")"; fi
}
check_not_contains() { # file text what
    if grep -qF -- "$2" "$1"; then not_ok "$3" "unexpected: $2"; else ok "$3"; fi
}
check_same() { # got-file want-file what
    if cmp -s "$1" "$2"; then ok "$3"; else
        not_ok "$3" "$(diff -u "$2" "$1" | head -n 40)"; fi
}

# The Python with Debian's packages (python3-pandas): /usr/bin/python3, which
# make deps-test installs them for, even where another python3 is first on PATH.
if [ -x /usr/bin/python3 ]; then DEBIAN_PYTHON=/usr/bin/python3; else DEBIAN_PYTHON=python3; fi
