/* check.h — the smallest test harness that says what failed.
 * Each CHECK prints "ok - ..." or "not ok - ..." with file:line and the values
 * seen; tests/run.sh counts the lines. main() ends with `return check_done();`. */
#ifndef PETLUA_CHECK_H
#define PETLUA_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;

static void check_report(int ok, const char *file, int line, const char *what)
{
    printf("%s - %s:%d: %s\n", ok ? "ok" : "not ok", file, line, what);
    if (!ok)
        check_failures++;
}

/* A condition. */
#define CHECK(cond) check_report(!!(cond), __FILE__, __LINE__, #cond)

/* Two strings, either of which may be NULL. */
#define CHECK_STR(got, want) do { \
        const char *g_ = (got), *w_ = (want); \
        int ok_ = (g_ == NULL || w_ == NULL) ? g_ == w_ : strcmp(g_, w_) == 0; \
        check_report(ok_, __FILE__, __LINE__, #got " == " #want); \
        if (!ok_) printf("    got:  %s%s%s\n    want: %s%s%s\n", \
                         g_ ? "\"" : "", g_ ? g_ : "NULL", g_ ? "\"" : "", \
                         w_ ? "\"" : "", w_ ? w_ : "NULL", w_ ? "\"" : ""); \
    } while (0)

/* Two integers. */
#define CHECK_INT(got, want) do { \
        long long g_ = (long long)(got), w_ = (long long)(want); \
        check_report(g_ == w_, __FILE__, __LINE__, #got " == " #want); \
        if (g_ != w_) printf("    got:  %lld\n    want: %lld\n", g_, w_); \
    } while (0)

static int check_done(void)
{
    return 0; /* failures are counted from the output; a crash shows as a status */
}

#endif
