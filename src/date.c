/* date.c — calendar arithmetic and the date forms printed on petition pages.
 * See date.h. A C core: no Lua here, no state, never reads past the length given.
 *
 * date_parse reads the text as a short list of tokens (numbers, words, a colon,
 * one trailing note in parentheses) and matches them against the few shapes a
 * page prints:
 *     MONTH DAY YEAR [TIME]      "June 10, 2020, at 9:06 a.m. (EDT)"
 *     DAY MONTH YEAR [TIME]      "5 décembre 2018 à 10 h 10 (HAE)", "1er février 2019"
 *     YYYY-MM-DD[THH:MM[:SS]]    ISO
 * where TIME is "9:06 a.m." / "9:06 pm" / "9 a.m." / "21:06" / "10 h 10" / "10h" / "14 h 00".
 * Commas and the connectors "at", "à", "a" are ignored wherever they stand. */
#include "date.h"

#include "chars.h"

#include <stdio.h>
#include <string.h>

/* ---- calendar ---------------------------------------------------------- */

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
long date_days_from_civil(int year, int month, int day)
{
    long y = (long)year - (month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;                                        /* [0, 399] */
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1; /* [0, 365] */
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

void date_civil_from_days(long days, int *year, int *month, int *day)
{
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    *year = (int)(yoe + era * 400 + (m <= 2));
    *month = (int)m;
    *day = (int)d;
}

static bool is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

bool date_is_valid(int year, int month, int day)
{
    static const int days_in[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (month < 1 || month > 12 || day < 1)
        return false;
    int last = days_in[month - 1] + (month == 2 && is_leap(year));
    return day <= last;
}

int date_weekday(long days)
{
    /* 1970-01-01 was a Thursday (4). */
    long r = (days + 3) % 7;
    if (r < 0)
        r += 7;
    return (int)r + 1;
}

/* ---- formatting -------------------------------------------------------- */

/* Writes v (0..10^width - 1) as width digits, zero-padded. */
static void put_digits(char *p, int v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

static bool in_range(int v, int lo, int hi)
{
    return v >= lo && v <= hi;
}

/* "YYYY-MM-DD", or with time "YYYY-MM-DDTHH:MM". Fields in the usual ranges
 * are written by hand: the parser formats several dates per page, and
 * snprintf was a visible part of its time. Anything else (a year before 0 or
 * after 9999) goes through snprintf, which gives the same text. */
static int format_iso(const struct date_value *d, bool with_time, char *buf, size_t size)
{
    size_t need = with_time ? 16 : 10;
    int n;
    if (in_range(d->year, 0, 9999) && in_range(d->month, 0, 99) && in_range(d->day, 0, 99) &&
        (!with_time || (in_range(d->hour, 0, 99) && in_range(d->minute, 0, 99)))) {
        if (size <= need) {
            if (size > 0)
                buf[0] = '\0';
            return -1;
        }
        put_digits(buf, d->year, 4);
        buf[4] = '-';
        put_digits(buf + 5, d->month, 2);
        buf[7] = '-';
        put_digits(buf + 8, d->day, 2);
        if (with_time) {
            buf[10] = 'T';
            put_digits(buf + 11, d->hour, 2);
            buf[13] = ':';
            put_digits(buf + 14, d->minute, 2);
        }
        buf[need] = '\0';
        return (int)need;
    }
    if (with_time)
        n = snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d",
                     d->year, d->month, d->day, d->hour, d->minute);
    else
        n = snprintf(buf, size, "%04d-%02d-%02d", d->year, d->month, d->day);
    if (n < 0 || (size_t)n >= size) {
        if (size > 0)
            buf[0] = '\0';
        return -1;
    }
    return n;
}

/* Both return -1 (and an empty string) when buf is too small. */
int date_format_iso(const struct date_value *d, char *buf, size_t size)
{
    return format_iso(d, false, buf, size);
}

int date_format_iso_time(const struct date_value *d, char *buf, size_t size)
{
    return format_iso(d, true, buf, size);
}

/* ---- blanks ------------------------------------------------------------ */

/* Length of the blank at s[i] (space, tab, CR, LF, U+00A0, U+2009, U+202F), or 0. */
static size_t blank_len(const char *s, size_t len, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
        return 1;
    if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0)
        return 2;
    if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0xAF || (unsigned char)s[i + 2] == 0x89))
        return 3;
    return 0;
}

/* Length of the blank ending just before s[end], or 0. */
static size_t blank_len_before(const char *s, size_t end)
{
    if (end >= 1) {
        unsigned char c = (unsigned char)s[end - 1];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
            return 1;
    }
    if (end >= 2 && (unsigned char)s[end - 2] == 0xC2 && (unsigned char)s[end - 1] == 0xA0)
        return 2;
    if (end >= 3 && (unsigned char)s[end - 3] == 0xE2 && (unsigned char)s[end - 2] == 0x80 &&
        ((unsigned char)s[end - 1] == 0xAF || (unsigned char)s[end - 1] == 0x89))
        return 3;
    return 0;
}

/* ---- messages ---------------------------------------------------------- */

/* Writes `what: "TEXT"` into err, TEXT cut at 60 bytes (on a character
 * boundary, then "...") and with control bytes shown as '?'. */
static int fail(char *err, size_t errlen, const char *what, const char *s, size_t len)
{
    char quoted[80];
    size_t n = 0, limit = 60;
    size_t i = 0;
    for (; i < len && n < limit; i++) {
        unsigned char c = (unsigned char)s[i];
        quoted[n++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
    }
    if (i < len) {
        while (n > 0 && ((unsigned char)quoted[n - 1] & 0xC0) == 0x80)
            n--;                                  /* drop continuation bytes ... */
        if (n > 0 && (unsigned char)quoted[n - 1] >= 0xC0)
            n--;                                  /* ... and their lead byte */
        memcpy(quoted + n, "...", 3);
        n += 3;
    }
    quoted[n] = '\0';
    if (err && errlen > 0)
        snprintf(err, errlen, "%s: \"%s\"", what, quoted);
    return -1;
}

/* ---- tokens ------------------------------------------------------------ */

enum tok_kind { TOK_NUM, TOK_WORD, TOK_COLON };

struct token {
    enum tok_kind kind;
    const char *p;      /* the token's bytes in the text */
    size_t n;
    long value;         /* TOK_NUM: the number (digits beyond 9 saturate) */
    int digits;         /* TOK_NUM: how many digits */
    bool ordinal;       /* TOK_NUM: followed by "er", "st", "nd", "rd", "th" */
    char folded[16];    /* TOK_WORD: lower case, accents and dots removed, "" if too long */
};

#define MAX_TOKENS 12

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static bool is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* Folds a word for comparison: ASCII lower case, accents removed (either
 * composed or decomposed), dots dropped. A character with no ASCII letter, or
 * a word longer than 15 letters, makes it unfoldable (""). */
static void fold_word(const char *p, size_t n, char out[16])
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        int f = chars_fold_ascii(p, n, &i);
        if (f == '.' || f == CHARS_MARK)
            continue;
        if (!(f >= 'a' && f <= 'z') || o + 1 >= 16) {
            out[0] = '\0';
            return;
        }
        out[o++] = (char)f;
    }
    out[o] = '\0';
}

static bool is_connector(const char *folded)
{
    return strcmp(folded, "at") == 0 || strcmp(folded, "a") == 0;   /* "at", "à", "a" */
}

static bool is_ordinal_suffix(const char *p, size_t n)
{
    char f[16];
    fold_word(p, n, f);
    return strcmp(f, "er") == 0 || strcmp(f, "re") == 0 || strcmp(f, "st") == 0 ||
           strcmp(f, "nd") == 0 || strcmp(f, "rd") == 0 || strcmp(f, "th") == 0;
}

/* Splits s[0..len) into tokens. A note in parentheses is allowed only at the
 * end, holds no digits or parentheses, and is skipped. Returns the number of
 * tokens, or -1 when the text holds a character no date form uses. */
static int tokenize(const char *s, size_t len, struct token *toks)
{
    int nt = 0;
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        size_t b = blank_len(s, len, i);
        if (b) {
            i += b;
        } else if (c == ',') {
            i++;
        } else if (c == '(') {
            size_t j = i + 1;
            while (j < len && s[j] != ')' && s[j] != '(' && !is_digit((unsigned char)s[j]))
                j++;
            if (j >= len || s[j] != ')')
                return -1;
            for (j++; j < len; j += blank_len(s, len, j))   /* only blanks may follow */
                if (!blank_len(s, len, j))
                    return -1;
            i = len;
        } else if (c == ':' || c == 'h' || c == 'H') {
            /* 'h' alone between numbers is the French hour mark ("10h10"). */
            bool lone_h = (c == 'h' || c == 'H') &&
                          (i + 1 >= len || !is_alpha((unsigned char)s[i + 1]));
            if (c != ':' && !lone_h)
                goto word;
            if (nt == MAX_TOKENS)
                return -1;
            toks[nt] = (struct token){ .kind = c == ':' ? TOK_COLON : TOK_WORD, .p = s + i, .n = 1 };
            if (c != ':')
                strcpy(toks[nt].folded, "h");
            nt++;
            i++;
        } else if (is_digit(c)) {
            size_t j = i;
            long v = 0;
            while (j < len && is_digit((unsigned char)s[j])) {
                if (v < 1000000000L)
                    v = v * 10 + (s[j] - '0');
                j++;
            }
            if (nt == MAX_TOKENS)
                return -1;
            toks[nt] = (struct token){ .kind = TOK_NUM, .p = s + i, .n = j - i, .value = v,
                                       .digits = (int)(j - i) };
            /* "1er", "1st": an ordinal suffix glued to the number. */
            size_t k = j;
            while (k < len && is_alpha((unsigned char)s[k]))
                k++;
            if (k > j && k - j <= 2 && is_ordinal_suffix(s + j, k - j)) {
                toks[nt].ordinal = true;
                j = k;
            }
            nt++;
            i = j;
        } else if (is_alpha(c) || c >= 0x80) {
        word:;
            size_t j = i;
            while (j < len && !blank_len(s, len, j)) {
                unsigned char d = (unsigned char)s[j];
                if (!(is_alpha(d) || d >= 0x80 || d == '.'))
                    break;
                j++;
            }
            if (nt == MAX_TOKENS)
                return -1;
            toks[nt] = (struct token){ .kind = TOK_WORD, .p = s + i, .n = j - i };
            fold_word(s + i, j - i, toks[nt].folded);
            if (toks[nt].folded[0] == '\0')
                return -1;
            if (!is_connector(toks[nt].folded))
                nt++;
            i = j;
        } else {
            return -1;
        }
    }
    return nt;
}

/* ---- the shapes -------------------------------------------------------- */

/* Month 1..12 of a folded English or French month name or abbreviation, or 0. */
static int month_of(const char *f)
{
    static const char *const names[][5] = {
        { "january", "jan", "janvier", "janv", NULL },
        { "february", "feb", "fevrier", "fevr", "fev" },
        { "march", "mar", "mars", NULL, NULL },
        { "april", "apr", "avril", "avr", NULL },
        { "may", "mai", NULL, NULL, NULL },
        { "june", "jun", "juin", NULL, NULL },
        { "july", "jul", "juillet", "juil", "juill" },
        { "august", "aug", "aout", NULL, NULL },
        { "september", "sep", "sept", "septembre", NULL },
        { "october", "oct", "octobre", NULL, NULL },
        { "november", "nov", "novembre", NULL, NULL },
        { "december", "dec", "decembre", NULL, NULL },
    };
    for (int m = 0; m < 12; m++)
        for (int k = 0; k < 5 && names[m][k]; k++)
            if (strcmp(f, names[m][k]) == 0)
                return m + 1;
    return 0;
}

static bool is_num(const struct token *t, int min_digits, int max_digits)
{
    return t->kind == TOK_NUM && !t->ordinal && t->digits >= min_digits && t->digits <= max_digits;
}

/* A day of the month: one or two digits, "1er" and "1st" allowed. */
static bool is_day(const struct token *t)
{
    return t->kind == TOK_NUM && t->digits <= 2;
}

static bool is_word(const struct token *t, const char *folded)
{
    return t->kind == TOK_WORD && strcmp(t->folded, folded) == 0;
}

enum { SHAPE_OK = 0, SHAPE_NOT_DATE = -1, SHAPE_BAD_TIME = -2 };

/* Reads the time from toks[0..n): fills hour and minute. */
static int read_time(const struct token *t, int n, struct date_value *out)
{
    long hour, minute = 0;
    int i = 0;
    if (n < 1 || !is_num(&t[0], 1, 2))
        return SHAPE_NOT_DATE;
    hour = t[0].value;
    i = 1;
    bool french = false, colon = false;
    if (i < n && t[i].kind == TOK_COLON) {
        colon = true;
        if (i + 1 >= n || !is_num(&t[i + 1], 2, 2))
            return SHAPE_NOT_DATE;
        minute = t[i + 1].value;
        i += 2;
    } else if (i < n && is_word(&t[i], "h")) {
        french = true;
        i++;
        if (i < n && is_num(&t[i], 2, 2)) {
            minute = t[i].value;
            i++;
        }
    }
    int half = 0;  /* 1: a.m., 2: p.m. */
    if (!french && i < n && t[i].kind == TOK_WORD) {
        if (strcmp(t[i].folded, "am") == 0)
            half = 1;
        else if (strcmp(t[i].folded, "pm") == 0)
            half = 2;
        else
            return SHAPE_NOT_DATE;
        i++;
    }
    if (i != n)
        return SHAPE_NOT_DATE;
    if (!half && !french && !colon)
        return SHAPE_NOT_DATE;          /* a bare number is no time */
    if (minute > 59)
        return SHAPE_BAD_TIME;
    if (half) {
        if (hour < 1 || hour > 12)
            return SHAPE_BAD_TIME;
        hour = hour % 12 + (half == 2 ? 12 : 0);   /* 12 a.m. is 00, 12 p.m. is 12 */
    } else if (hour > 23) {
        return SHAPE_BAD_TIME;
    }
    out->hour = (int)hour;
    out->minute = (int)minute;
    out->has_time = true;
    return SHAPE_OK;
}

/* ISO "YYYY-MM-DD", then optionally 'T' or a space and "HH:MM" or "HH:MM:SS". */
static int read_iso(const char *s, size_t len, struct date_value *out, bool *is_iso)
{
    *is_iso = false;
    if (len < 10 || s[4] != '-' || s[7] != '-')
        return SHAPE_NOT_DATE;
    for (int k = 0; k < 10; k++)
        if (k != 4 && k != 7 && !is_digit((unsigned char)s[k]))
            return SHAPE_NOT_DATE;
    *is_iso = true;
    out->year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    out->month = (s[5] - '0') * 10 + (s[6] - '0');
    out->day = (s[8] - '0') * 10 + (s[9] - '0');
    out->has_time = false;
    out->hour = out->minute = 0;
    if (len == 10)
        return SHAPE_OK;
    if ((len != 16 && len != 19) || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' ||
        (len == 19 && s[16] != ':'))
        return SHAPE_NOT_DATE;
    static const int digit_at[] = { 11, 12, 14, 15, 17, 18 };
    for (size_t k = 0; k < (len == 19 ? 6u : 4u); k++)
        if (!is_digit((unsigned char)s[digit_at[k]]))
            return SHAPE_NOT_DATE;
    out->hour = (s[11] - '0') * 10 + (s[12] - '0');
    out->minute = (s[14] - '0') * 10 + (s[15] - '0');
    out->has_time = true;
    if (out->hour > 23 || out->minute > 59 || (len == 19 && (s[17] - '0') * 10 + (s[18] - '0') > 59))
        return SHAPE_BAD_TIME;
    return SHAPE_OK;
}

int date_parse(const char *s, size_t len, struct date_value *out, char *err, size_t errlen)
{
    struct date_value d = { 0 };
    struct token toks[MAX_TOKENS];
    size_t b;

    if (!s)
        len = 0;
    while (len > 0 && (b = blank_len(s, len, 0)) != 0) {
        s += b;
        len -= b;
    }
    while (len > 0 && (b = blank_len_before(s, len)) != 0)
        len -= b;
    if (len == 0)
        return fail(err, errlen, "not a date", "", 0);

    bool is_iso;
    int r = read_iso(s, len, &d, &is_iso);
    if (is_iso) {
        if (r == SHAPE_NOT_DATE)
            return fail(err, errlen, "not a date", s, len);
        if (!date_is_valid(d.year, d.month, d.day))
            return fail(err, errlen, "no such day", s, len);
        if (r == SHAPE_BAD_TIME)
            return fail(err, errlen, "no such time", s, len);
        *out = d;
        return 0;
    }

    int nt = tokenize(s, len, toks);
    if (nt < 3)
        return fail(err, errlen, "not a date", s, len);
    const struct token *month_tok, *day_tok;
    if (toks[0].kind == TOK_WORD && is_day(&toks[1]) && is_num(&toks[2], 4, 4)) {
        month_tok = &toks[0];                       /* June 4, 2021 */
        day_tok = &toks[1];
    } else if (is_day(&toks[0]) && toks[1].kind == TOK_WORD &&
               is_num(&toks[2], 4, 4)) {
        month_tok = &toks[1];                       /* 4 juin 2021, 1er février 2019 */
        day_tok = &toks[0];
    } else {
        return fail(err, errlen, "not a date", s, len);
    }
    d.month = month_of(month_tok->folded);
    if (d.month == 0) {
        char what[64];
        int n = month_tok->n > 24 ? 24 : (int)month_tok->n;
        while (n > 0 && (size_t)n < month_tok->n &&
               ((unsigned char)month_tok->p[n] & 0xC0) == 0x80)
            n--;                      /* never cut a character in two */
        snprintf(what, sizeof what, "unknown month \"%.*s\"", n, month_tok->p);
        return fail(err, errlen, what, s, len);
    }
    d.day = (int)day_tok->value;
    d.year = (int)toks[2].value;
    if (nt > 3) {
        r = read_time(toks + 3, nt - 3, &d);
        if (r == SHAPE_NOT_DATE)
            return fail(err, errlen, "not a date", s, len);
    } else {
        r = SHAPE_OK;
    }
    if (!date_is_valid(d.year, d.month, d.day))
        return fail(err, errlen, "no such day", s, len);
    if (r == SHAPE_BAD_TIME)
        return fail(err, errlen, "no such time", s, len);
    *out = d;
    return 0;
}
