/* chars.c — see chars.h. */
#include "chars.h"

#include <utf8proc.h>

bool chars_is_blank(int32_t c)
{
    return c <= 0x20 || c == 0x7F || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x2060 || c == 0x3000 || c == 0xFEFF;
}

bool chars_is_apostrophe(int32_t c)
{
    return c == '\'' || c == '`' || c == 0xB4 || c == 0x2018 || c == 0x2019 ||
           c == 0x201B || c == 0x2032 || c == 0x02BC || c == 0x02B9 || c == 0xFF07;
}

bool chars_is_dash(int32_t c)
{
    return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 ||
           c == 0xFE63 || c == 0xFF0D || c == 0x00AD;
}

bool chars_is_mark(int32_t c)
{
    return c >= 0x0300 && c <= 0x036F;
}

const char *chars_spelled_out(int32_t c)
{
    switch (c) {
    case 0x0153: return "oe"; /* œ */
    case 0x00E6: return "ae"; /* æ */
    case 0x00F8: return "o";  /* ø */
    case 0x0142: return "l";  /* ł */
    case 0x0111: return "d";  /* đ */
    case 0x00F0: return "d";  /* ð */
    case 0x00FE: return "th"; /* þ */
    case 0x0131: return "i";  /* dotless i */
    default: return NULL;
    }
}

int chars_width(int32_t c)
{
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
        return 0;
    int w = utf8proc_charwidth(c);
    return w > 0 ? w : 0;
}

size_t chars_decode(const char *s, size_t n, size_t i, int32_t *c)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                            (utf8proc_ssize_t)(n - i), &cp);
    if (len <= 0) {
        *c = 0xFFFD;
        return 1;
    }
    *c = cp;
    return (size_t)len;
}

/* U+00C0..U+00FF folded: upper case, then lower case; '?' has no ASCII letter. */
static const char latin1_folded[] =
    "aaaaaa?ceeeeiiii?nooooo?ouuuuy??aaaaaa?ceeeeiiii?nooooo?ouuuuy?y";

int chars_fold_ascii(const char *s, size_t n, size_t *i)
{
    unsigned char b = (unsigned char)s[*i];
    if (b < 0x80) {
        *i += 1;
        if (b <= 0x20 || b == 0x7F)
            return CHARS_BLANK;
        if (b >= 'A' && b <= 'Z')
            return b | 0x20;
        return b == '`' ? '\'' : b;
    }
    int32_t c;
    *i += chars_decode(s, n, *i, &c);
    if (c >= 0xC0 && c <= 0xFF && latin1_folded[c - 0xC0] != '?')
        return latin1_folded[c - 0xC0];
    if (chars_is_blank(c))
        return CHARS_BLANK;
    if (chars_is_apostrophe(c))
        return '\'';
    if (chars_is_dash(c))
        return '-';
    if (chars_is_mark(c))
        return CHARS_MARK;
    return CHARS_OTHER;
}
