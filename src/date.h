/* date.h — calendar dates and the date forms printed on petition pages.
 * A C core: no Lua here. Days are counted from 1970-01-01 in the proleptic
 * Gregorian calendar, so the difference of two day numbers is a span in days. */
#ifndef PETLUA_DATE_H
#define PETLUA_DATE_H

#include <stdbool.h>
#include <stddef.h>

/* A parsed date, with the time of day when one was printed. */
struct date_value {
    int year, month, day;     /* month 1..12, day 1..31 */
    int hour, minute;         /* 24-hour clock; meaningful only if has_time */
    bool has_time;
};

/* Day number of a valid civil date (1970-01-01 is 0). */
long date_days_from_civil(int year, int month, int day);
/* The civil date of a day number. */
void date_civil_from_days(long days, int *year, int *month, int *day);
/* True when year-month-day names a real day (leap years included). */
bool date_is_valid(int year, int month, int day);
/* ISO weekday of a day number: Monday 1 ... Sunday 7. */
int date_weekday(long days);

/* Parse one date as printed on a page, in English or French, or ISO:
 * "June 4, 2021", "4 juin 2021", "1er février 2019",
 * "June 10, 2020, at 9:06 a.m. (EDT)", "5 décembre 2018 à 10 h 10 (HAE)",
 * "2021-06-04", "2021-06-04T09:06". Leading and trailing blanks (including
 * U+00A0 and U+202F) are ignored; a time-zone note in parentheses is accepted
 * and ignored. The whole text must be a date: returns 0 and fills *out, or -1
 * and writes a one-line message (no file name, no trailing newline) into err. */
int date_parse(const char *s, size_t len, struct date_value *out, char *err, size_t errlen);

/* Format as "YYYY-MM-DD" (buf needs 11 bytes) or "YYYY-MM-DDTHH:MM" (17 bytes).
 * Return the length written. */
int date_format_iso(const struct date_value *d, char *buf, size_t size);
int date_format_iso_time(const struct date_value *d, char *buf, size_t size);

#endif
