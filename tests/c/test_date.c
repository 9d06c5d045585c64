/* test_date.c — the date core: calendar arithmetic, the printed forms, exact
 * messages. The printed forms and their messages are the rows of
 * tests/dates.tsv, which the Lua tests read too. Every expected value was
 * worked out by hand. */
#include "check.h"
#include "date.h"
#include "testdata.h"

#include <stdlib.h>

/* Parses s[0..n) into out: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" on success,
 * else "error: " and the message. */
static void parse_n(const char *s, size_t n, char *out, size_t size)
{
    struct date_value d;
    char err[160];
    if (date_parse(s, n, &d, err, sizeof err) != 0)
        snprintf(out, size, "error: %s", err);
    else if (d.has_time)
        date_format_iso_time(&d, out, size);
    else
        date_format_iso(&d, out, size);
}

static void test_calendar(void)
{
    CHECK_INT(date_days_from_civil(1970, 1, 1), 0);
    CHECK_INT(date_days_from_civil(1970, 1, 2), 1);
    CHECK_INT(date_days_from_civil(1969, 12, 31), -1);
    CHECK_INT(date_days_from_civil(2000, 3, 1), 11017);    /* 30 years: 10957 + Jan 31 + Feb 29 */
    CHECK_INT(date_days_from_civil(2021, 6, 4) - date_days_from_civil(2021, 4, 21), 44); /* e-2559 */
    CHECK_INT(date_days_from_civil(2024, 3, 1) - date_days_from_civil(2024, 2, 28), 2);   /* leap */
    CHECK_INT(date_days_from_civil(2023, 3, 1) - date_days_from_civil(2023, 2, 28), 1);
    CHECK_INT(date_days_from_civil(2001, 1, 1) - date_days_from_civil(2000, 1, 1), 366);
    CHECK_INT(date_days_from_civil(1901, 1, 1) - date_days_from_civil(1900, 1, 1), 365);

    int y, m, d;
    date_civil_from_days(0, &y, &m, &d);
    CHECK(y == 1970 && m == 1 && d == 1);
    date_civil_from_days(-1, &y, &m, &d);
    CHECK(y == 1969 && m == 12 && d == 31);
    date_civil_from_days(11016, &y, &m, &d);
    CHECK(y == 2000 && m == 2 && d == 29);
    /* round trip over 1900..2100 */
    int bad = 0;
    for (long n = date_days_from_civil(1900, 1, 1); n <= date_days_from_civil(2100, 12, 31); n++) {
        date_civil_from_days(n, &y, &m, &d);
        if (!date_is_valid(y, m, d) || date_days_from_civil(y, m, d) != n)
            bad++;
    }
    CHECK_INT(bad, 0);

    CHECK(date_is_valid(2024, 2, 29));
    CHECK(!date_is_valid(2023, 2, 29));
    CHECK(date_is_valid(2000, 2, 29));
    CHECK(!date_is_valid(1900, 2, 29));
    CHECK(!date_is_valid(2021, 4, 31));
    CHECK(date_is_valid(2021, 12, 31));
    CHECK(!date_is_valid(2021, 13, 1));
    CHECK(!date_is_valid(2021, 0, 1));
    CHECK(!date_is_valid(2021, 1, 0));

    CHECK_INT(date_weekday(0), 4);                                  /* 1970-01-01 Thursday */
    CHECK_INT(date_weekday(date_days_from_civil(2021, 6, 4)), 5);   /* a Friday */
    CHECK_INT(date_weekday(date_days_from_civil(2024, 1, 7)), 7);   /* a Sunday */
    CHECK_INT(date_weekday(date_days_from_civil(2024, 1, 8)), 1);   /* a Monday */
    CHECK_INT(date_weekday(-1), 3);                                 /* 1969-12-31 Wednesday */
}

static void test_format(void)
{
    struct date_value d = { .year = 2020, .month = 6, .day = 10, .hour = 9, .minute = 6, .has_time = true };
    char buf[17];
    CHECK_INT(date_format_iso(&d, buf, 11), 10);
    CHECK_STR(buf, "2020-06-10");
    CHECK_INT(date_format_iso_time(&d, buf, 17), 16);
    CHECK_STR(buf, "2020-06-10T09:06");
    CHECK_INT(date_format_iso_time(&d, buf, 16), -1);
    CHECK_STR(buf, "");
    CHECK_INT(date_format_iso(&d, buf, 10), -1);
    CHECK_STR(buf, "");
    CHECK_INT(date_format_iso(&d, buf, 0), -1);

    /* the edges of the hand-written range, and beyond it (through snprintf) */
    char wide[32];
    struct date_value edge = { .year = 0, .month = 1, .day = 1, .hour = 0, .minute = 0 };
    CHECK_INT(date_format_iso_time(&edge, wide, sizeof wide), 16);
    CHECK_STR(wide, "0000-01-01T00:00");
    edge = (struct date_value){ .year = 9999, .month = 12, .day = 31, .hour = 23, .minute = 59 };
    CHECK_INT(date_format_iso_time(&edge, wide, sizeof wide), 16);
    CHECK_STR(wide, "9999-12-31T23:59");
    edge.year = 10000;
    CHECK_INT(date_format_iso(&edge, wide, sizeof wide), 11);
    CHECK_STR(wide, "10000-12-31");
    edge.year = -1;
    CHECK_INT(date_format_iso(&edge, wide, sizeof wide), 10);
    CHECK_STR(wide, "-001-12-31");
    CHECK_INT(date_format_iso(&edge, wide, 10), -1);
}

/* Every row of tests/dates.tsv (shared with tests/lua/test_date.lua): the
 * ISO form of the input, or the exact message. */
static void test_table(void)
{
    struct testdata_table t;
    testdata_read_table("tests/dates.tsv", 2, &t);
    for (size_t i = 0; i < t.n; i++) {
        const struct testdata_row *row = &t.rows[i];
        char got[200], what[300];
        parse_n(row->fields[0].s, row->fields[0].len, got, sizeof got);
        bool ok = strcmp(got, row->fields[1].s) == 0;
        snprintf(what, sizeof what, "tests/dates.tsv:%d: %s", row->line, row->fields[1].s);
        check_report(ok, __FILE__, __LINE__, what);
        if (!ok)
            printf("    got:  %s\n", got);
    }
    check_report(t.n >= 104, __FILE__, __LINE__, "tests/dates.tsv has its 104 rows or more");
    testdata_table_free(&t);
}

static void test_lengths(void)
{
    /* the length is honoured: bytes past len are never read; a NUL is a byte */
    struct date_value d;
    char err[100];
    CHECK_INT(date_parse("June 4, 2021xyz", 12, &d, err, sizeof err), 0);
    CHECK(d.year == 2021 && d.month == 6 && d.day == 4 && !d.has_time);
    CHECK_INT(date_parse("2021-06-04T09:06", 10, &d, err, sizeof err), 0);
    CHECK(!d.has_time);
    CHECK_INT(date_parse("June 4, 2021\0(EDT)", 18, &d, err, sizeof err), -1);
    CHECK_STR(err, "not a date: \"June 4, 2021?(EDT)\"");
    char *exact = malloc(12);             /* no NUL after it: ASan would catch an over-read */
    memcpy(exact, "4 juin 2021 ", 12);
    CHECK_INT(date_parse(exact, 11, &d, err, sizeof err), 0);
    CHECK_INT(date_parse(exact, 12, &d, err, sizeof err), 0);
    memcpy(exact, "4 juin 2021\xc2", 12); /* a cut character at the end */
    CHECK_INT(date_parse(exact, 12, &d, err, sizeof err), -1);
    free(exact);
    /* a small err buffer is not overrun */
    char small[8];
    CHECK_INT(date_parse("foo", 3, &d, small, sizeof small), -1);
    CHECK_STR(small, "not a d");
    CHECK_INT(date_parse(NULL, 0, &d, err, sizeof err), -1);
    CHECK_STR(err, "not a date: \"\"");
}

int main(void)
{
    test_calendar();
    test_format();
    test_table();
    test_lengths();
    return check_done();
}
