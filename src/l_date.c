/* l_date.c — the "petlua.date" module: dates as printed on petition pages
 * (English, French, ISO) to ISO strings, and calendar arithmetic on ISO
 * dates, over the C core in date.c.
 *
 * Two error channels, as everywhere in petlua: parse and datetime read text
 * from the world, so a text that is not a date gives `nil, message`; days,
 * add and weekday take ISO dates a script already holds, so a wrong one is a
 * bug in the script and raises ("bad argument #1 to 'days' (...)"). */
#include <string.h>
#include <time.h>

#include "lauxlib.h"
#include "bindings.h"
#include "date.h"

/* Days from 1970-01-01 of 0001-01-01 and 9999-12-31: the range of ISO dates
 * with four-digit years, which add() keeps to. */
#define FIRST_DAY (-719162L)
#define LAST_DAY  2932896L

/* Parse s as date_parse does; on failure push nil and the message, return 2. */
static int parse_or_fail(lua_State *L, struct date_value *d)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    char err[160];
    if (date_parse(s, len, d, err, sizeof err) != 0) {
        luaL_pushfail(L);
        lua_pushstring(L, err);
        return 2;
    }
    return 0;
}

static void push_iso(lua_State *L, const struct date_value *d)
{
    char buf[32];
    int n = date_format_iso(d, buf, sizeof buf);
    lua_pushlstring(L, buf, n > 0 ? (size_t)n : 0);
}

/* parse(s) -> "YYYY-MM-DD" (a time of day, if printed, is dropped), or nil and
 * a message such as `not a date: "foo"` or `no such day: "February 30, 2021"`. */
static int date_l_parse(lua_State *L)
{
    struct date_value d;
    if (parse_or_fail(L, &d))
        return 2;
    push_iso(L, &d);
    return 1;
}

/* datetime(s) -> "YYYY-MM-DDTHH:MM", or nil and a message. A date printed
 * without a time of day is not given one: nil, `no time of day: "June 4, 2021"`
 * (midnight would be a time nobody wrote). */
static int date_l_datetime(lua_State *L)
{
    struct date_value d;
    if (parse_or_fail(L, &d))
        return 2;
    if (!d.has_time) {
        size_t len;
        const char *s = lua_tolstring(L, 1, &len);
        luaL_pushfail(L);
        lua_pushfstring(L, "no time of day: \"%s\"", s);
        return 2;
    }
    char buf[32];
    int n = date_format_iso_time(&d, buf, sizeof buf);
    lua_pushlstring(L, buf, n > 0 ? (size_t)n : 0);
    return 1;
}

/* Argument arg as an ISO date "YYYY-MM-DD" (a "THH:MM" after it is allowed
 * and ignored), as a day number; anything else raises. */
static long check_iso_day(lua_State *L, int arg)
{
    size_t len;
    const char *s = luaL_checklstring(L, arg, &len);
    bool shaped = len == 10 || (len == 16 && s[10] == 'T');
    for (size_t i = 0; shaped && i < 10; i++)
        shaped = (i == 4 || i == 7) ? s[i] == '-' : (s[i] >= '0' && s[i] <= '9');
    if (!shaped)
        luaL_argerror(L, arg, lua_pushfstring(L, "ISO date expected (YYYY-MM-DD), got \"%s\"", s));
    struct date_value d;
    char err[160];
    if (date_parse(s, len, &d, err, sizeof err) != 0)
        luaL_argerror(L, arg, lua_pushstring(L, err));
    return date_days_from_civil(d.year, d.month, d.day);
}

/* days(a, b) -> b - a in days, an integer (ISO dates; raises otherwise). */
static int date_l_days(lua_State *L)
{
    long a = check_iso_day(L, 1);
    long b = check_iso_day(L, 2);
    lua_pushinteger(L, (lua_Integer)(b - a));
    return 1;
}

/* add(d, n) -> the ISO date n days after d (before it when n < 0). */
static int date_l_add(lua_State *L)
{
    long day = check_iso_day(L, 1);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_argcheck(L, n >= FIRST_DAY - day && n <= LAST_DAY - day, 2,
                  "result out of range (years 1 to 9999)");
    struct date_value d = {0};
    date_civil_from_days(day + (long)n, &d.year, &d.month, &d.day);
    push_iso(L, &d);
    return 1;
}

/* weekday(d) -> ISO weekday of an ISO date: Monday 1 ... Sunday 7. */
static int date_l_weekday(lua_State *L)
{
    lua_pushinteger(L, date_weekday(check_iso_day(L, 1)));
    return 1;
}

/* today() -> the local date, ISO. */
static int date_l_today(lua_State *L)
{
    time_t now = time(NULL);
    struct tm tm;
    if (now == (time_t)-1 || !localtime_r(&now, &tm))
        return luaL_error(L, "cannot read the clock");
    struct date_value d = {.year = tm.tm_year + 1900, .month = tm.tm_mon + 1, .day = tm.tm_mday};
    push_iso(L, &d);
    return 1;
}

static const luaL_Reg date_funcs[] = {
    {"add", date_l_add},
    {"datetime", date_l_datetime},
    {"days", date_l_days},
    {"parse", date_l_parse},
    {"today", date_l_today},
    {"weekday", date_l_weekday},
    {NULL, NULL},
};

int luaopen_petlua_date(lua_State *L)
{
    luaL_newlib(L, date_funcs);
    return 1;
}
