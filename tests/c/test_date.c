/* test_date.c — the date core: calendar arithmetic, the printed forms, exact messages.
 * Every expected value below was worked out by hand. */
#include "check.h"
#include "date.h"

#include <stdlib.h>

/* Parses s; on success returns "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM", else the message. */
static const char *parse(const char *s)
{
    static char out[200];
    struct date_value d;
    char err[160];
    if (date_parse(s, strlen(s), &d, err, sizeof err) != 0) {
        snprintf(out, sizeof out, "error: %s", err);
        return out;
    }
    if (d.has_time)
        date_format_iso_time(&d, out, sizeof out);
    else
        date_format_iso(&d, out, sizeof out);
    return out;
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

static void test_english(void)
{
    CHECK_STR(parse("June 4, 2021"), "2021-06-04");
    CHECK_STR(parse("June 4 2021"), "2021-06-04");
    CHECK_STR(parse("june 4, 2021"), "2021-06-04");
    CHECK_STR(parse("JUNE 4, 2021"), "2021-06-04");
    CHECK_STR(parse("Sept. 30, 2019"), "2019-09-30");
    CHECK_STR(parse("Dec 25, 2020"), "2020-12-25");
    CHECK_STR(parse("June 1st, 2021"), "2021-06-01");
    CHECK_STR(parse("4 June 2021"), "2021-06-04");
    CHECK_STR(parse("June 10, 2020, at 9:06 a.m. (EDT)"), "2020-06-10T09:06");
    CHECK_STR(parse("October 8, 2020, at 9:06 a.m. (EDT)"), "2020-10-08T09:06");
    CHECK_STR(parse("September 1, 2022, at 2:05 p.m. (EDT)"), "2022-09-01T14:05");
    CHECK_STR(parse("December 30, 2022, at 2:05 p.m. (EST)"), "2022-12-30T14:05");
    CHECK_STR(parse("June 10, 2020, at 9:06 a.m"), "2020-06-10T09:06");
    CHECK_STR(parse("June 10, 2020 at 9:06 am"), "2020-06-10T09:06");
    CHECK_STR(parse("June 10, 2020, 9:06AM"), "2020-06-10T09:06");
    CHECK_STR(parse("June 10, 2020, at 9:06 P.M."), "2020-06-10T21:06");
    CHECK_STR(parse("June 10, 2020, at 9 p.m."), "2020-06-10T21:00");
    CHECK_STR(parse("June 10, 2020, at 21:06"), "2020-06-10T21:06");
    CHECK_STR(parse("June 10, 2020, at 12:30 a.m. (EDT)"), "2020-06-10T00:30");
    CHECK_STR(parse("June 10, 2020, at 12:30 p.m. (EDT)"), "2020-06-10T12:30");
    CHECK_STR(parse("June 10, 2020, at 11:59 p.m."), "2020-06-10T23:59");
    CHECK_STR(parse("February 29, 2024"), "2024-02-29");
    CHECK_STR(parse("  \t June 4, 2021 \r\n"), "2021-06-04");
    CHECK_STR(parse("\xc2\xa0June\xc2\xa0" "4, 2021\xe2\x80\xaf"), "2021-06-04");
    CHECK_STR(parse("June 10, 2020, at 9:06\xc2\xa0" "a.m.\xc2\xa0(EDT)"), "2020-06-10T09:06");
}

static void test_french(void)
{
    CHECK_STR(parse("4 juin 2021"), "2021-06-04");
    CHECK_STR(parse("1er février 2019"), "2019-02-01");
    CHECK_STR(parse("1er fevrier 2019"), "2019-02-01");
    CHECK_STR(parse("1 FÉVRIER 2019"), "2019-02-01");
    CHECK_STR(parse("31 août 2023"), "2023-08-31");
    CHECK_STR(parse("31 aout 2023"), "2023-08-31");
    CHECK_STR(parse("31 AOÛT 2023"), "2023-08-31");
    CHECK_STR(parse("5 décembre 2018"), "2018-12-05");
    CHECK_STR(parse("5 decembre 2018"), "2018-12-05");
    CHECK_STR(parse("5 déc. 2018"), "2018-12-05");
    CHECK_STR(parse("12 janvier 2020"), "2020-01-12");
    CHECK_STR(parse("3 mars 2020"), "2020-03-03");
    CHECK_STR(parse("3 avril 2020"), "2020-04-03");
    CHECK_STR(parse("3 mai 2020"), "2020-05-03");
    CHECK_STR(parse("18 juillet 2024"), "2024-07-18");
    CHECK_STR(parse("18 septembre 2023"), "2023-09-18");
    CHECK_STR(parse("9 octobre 2023"), "2023-10-09");
    CHECK_STR(parse("22 novembre 2023"), "2023-11-22");
    CHECK_STR(parse("5 décembre 2018 à 10 h 10 (HAE)"), "2018-12-05T10:10");
    CHECK_STR(parse("2 mai 2023 à 14 h 00 (HAE)"), "2023-05-02T14:00");
    CHECK_STR(parse("1er février 2019 à 9 h 30 (HNE)"), "2019-02-01T09:30");
    CHECK_STR(parse("9 janvier 2024 à 11 h 15 (HAE)"), "2024-01-09T11:15");
    CHECK_STR(parse("9 janvier 2024 a 11h15"), "2024-01-09T11:15");
    CHECK_STR(parse("9 janvier 2024 à 11 h"), "2024-01-09T11:00");
    CHECK_STR(parse("9 janvier 2024, 0 h 05"), "2024-01-09T00:05");
    CHECK_STR(parse("9 janvier 2024 à 11\xc2\xa0h\xc2\xa0" "15\xc2\xa0(HAE)"), "2024-01-09T11:15");
    CHECK_STR(parse("9 janvier 2024 à 11 h 15 (heure avancée de l'Est)"), "2024-01-09T11:15");
}

static void test_iso(void)
{
    CHECK_STR(parse("2021-06-04"), "2021-06-04");
    CHECK_STR(parse("2021-06-04T09:06"), "2021-06-04T09:06");
    CHECK_STR(parse("2021-06-04 09:06"), "2021-06-04T09:06");
    CHECK_STR(parse("2021-06-04T09:06:59"), "2021-06-04T09:06");
    CHECK_STR(parse(" 2024-02-29 "), "2024-02-29");
}

static void test_errors(void)
{
    CHECK_STR(parse("foo"), "error: not a date: \"foo\"");
    CHECK_STR(parse(""), "error: not a date: \"\"");
    CHECK_STR(parse("   "), "error: not a date: \"\"");
    CHECK_STR(parse("June"), "error: not a date: \"June\"");
    CHECK_STR(parse("June 2021"), "error: not a date: \"June 2021\"");
    CHECK_STR(parse("June 4, 21"), "error: not a date: \"June 4, 21\"");
    CHECK_STR(parse("February 30, 2021"), "error: no such day: \"February 30, 2021\"");
    CHECK_STR(parse("February 29, 2023"), "error: no such day: \"February 29, 2023\"");
    CHECK_STR(parse("February 29, 1900"), "error: no such day: \"February 29, 1900\"");
    CHECK_STR(parse("31 avril 2020"), "error: no such day: \"31 avril 2020\"");
    CHECK_STR(parse("June 0, 2021"), "error: no such day: \"June 0, 2021\"");
    CHECK_STR(parse("2021-13-01"), "error: no such day: \"2021-13-01\"");
    CHECK_STR(parse("2021-02-29"), "error: no such day: \"2021-02-29\"");
    CHECK_STR(parse("2021-6-4"), "error: not a date: \"2021-6-4\"");
    CHECK_STR(parse("2021-06-04T9:06"), "error: not a date: \"2021-06-04T9:06\"");
    CHECK_STR(parse("2021-06-04T24:00"), "error: no such time: \"2021-06-04T24:00\"");
    CHECK_STR(parse("Juen 4, 2021"), "error: unknown month \"Juen\": \"Juen 4, 2021\"");
    CHECK_STR(parse("4 juim 2021"), "error: unknown month \"juim\": \"4 juim 2021\"");
    CHECK_STR(parse("June 10, 2020, at 13:06 p.m."), "error: no such time: \"June 10, 2020, at 13:06 p.m.\"");
    CHECK_STR(parse("June 10, 2020, at 0:06 a.m."), "error: no such time: \"June 10, 2020, at 0:06 a.m.\"");
    CHECK_STR(parse("June 10, 2020, at 9:60"), "error: no such time: \"June 10, 2020, at 9:60\"");
    CHECK_STR(parse("June 10, 2020, at 24:00"), "error: no such time: \"June 10, 2020, at 24:00\"");
    CHECK_STR(parse("5 décembre 2018 à 25 h 10"), "error: no such time: \"5 décembre 2018 à 25 h 10\"");
    CHECK_STR(parse("June 10, 2020, at 9"), "error: not a date: \"June 10, 2020, at 9\"");
    CHECK_STR(parse("June 10, 2020, at 9:6"), "error: not a date: \"June 10, 2020, at 9:6\"");
    CHECK_STR(parse("June 10, 2020, at 9:06 xm"), "error: not a date: \"June 10, 2020, at 9:06 xm\"");
    CHECK_STR(parse("June 4, 2021 (EDT) extra"), "error: not a date: \"June 4, 2021 (EDT) extra\"");
    CHECK_STR(parse("April 21, 2021 (Petition No. 432-00840)"),
              "error: not a date: \"April 21, 2021 (Petition No. 432-00840)\"");
    CHECK_STR(parse("June 4, 2021 (EDT"), "error: not a date: \"June 4, 2021 (EDT\"");
    CHECK_STR(parse("June\x01 4, 2021"), "error: not a date: \"June? 4, 2021\"");
    CHECK_STR(parse("June 4; 2021"), "error: not a date: \"June 4; 2021\"");
    /* long text: cut at 60 bytes, never inside a character */
    CHECK_STR(parse("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
              "error: not a date: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\"");
    CHECK_STR(parse("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaé"),
              "error: not a date: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\"");

    /* the length is honoured: bytes past len are never read */
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
    test_english();
    test_french();
    test_iso();
    test_errors();
    return check_done();
}
