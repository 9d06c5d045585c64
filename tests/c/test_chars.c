/* test_chars.c — the character classes every reader of text shares: blanks,
 * apostrophes, dashes, marks, spelled-out letters, display widths, UTF-8
 * decoding and the one-byte folding of landmark and date keys; and that the
 * cores built on them agree (a page key, a date word, a vocabulary key, a
 * text width). */
#include <string.h>

#include "chars.h"
#include "check.h"
#include "date.h"
#include "page_text.h"
#include "text.h"
#include "vocab.h"

/* The folded bytes of s, marks skipped, blanks as ' ' and others as '?'. */
static void fold_all(const char *s, char *out, size_t size)
{
    size_t n = strlen(s), i = 0, k = 0;
    while (i < n && k + 1 < size) {
        int f = chars_fold_ascii(s, n, &i);
        if (f == CHARS_MARK)
            continue;
        out[k++] = f == CHARS_OTHER ? '?' : (char)f;
    }
    out[k] = '\0';
}

static void test_classes(void)
{
    const int32_t blanks[] = { ' ', '\t', '\n', 0x7F, 0x85, 0xA0, 0x1680, 0x2000, 0x2009, 0x200B,
                               0x2028, 0x2029, 0x202F, 0x205F, 0x2060, 0x3000, 0xFEFF };
    for (size_t i = 0; i < sizeof blanks / sizeof *blanks; i++)
        CHECK(chars_is_blank(blanks[i]));
    CHECK(!chars_is_blank('a'));
    CHECK(!chars_is_blank(0x2019));

    const int32_t apostrophes[] = { '\'', '`', 0xB4, 0x2018, 0x2019, 0x201B, 0x2032, 0x02BC, 0x02B9, 0xFF07 };
    for (size_t i = 0; i < sizeof apostrophes / sizeof *apostrophes; i++)
        CHECK(chars_is_apostrophe(apostrophes[i]));
    CHECK(!chars_is_apostrophe('"'));
    CHECK(!chars_is_apostrophe(0x201C));                /* a double quote is no apostrophe */

    const int32_t dashes[] = { '-', 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D, 0xAD };
    for (size_t i = 0; i < sizeof dashes / sizeof *dashes; i++)
        CHECK(chars_is_dash(dashes[i]));
    CHECK(!chars_is_dash('_'));

    CHECK(chars_is_mark(0x0301));
    CHECK(!chars_is_mark(0x00E9));
    CHECK_STR(chars_spelled_out(0x0153), "oe");
    CHECK_STR(chars_spelled_out(0x00FE), "th");
    CHECK_STR(chars_spelled_out('o'), NULL);
}

static void test_width(void)
{
    CHECK_INT(chars_width('a'), 1);
    CHECK_INT(chars_width(0xE9), 1);                    /* é */
    CHECK_INT(chars_width(0x0301), 0);                  /* a combining acute */
    CHECK_INT(chars_width(0x200B), 0);                  /* zero width space */
    CHECK_INT(chars_width('\t'), 0);
    CHECK_INT(chars_width(0x4E2D), 2);                  /* 中 */
    CHECK_INT(chars_width(0x1F680), 2);                 /* 🚀: the width show.lua counted 1 */
    CHECK_INT(chars_width(0xFF21), 2);                  /* a fullwidth A */

    CHECK_INT(text_width("Montr\xC3\xA9" "al", 9), 8);
    CHECK_INT(text_width("Montre\xCC\x81" "al", 10), 8);    /* decomposed: the same width */
    CHECK_INT(text_width("\xF0\x9F\x9A\x80!", 5), 3);
    CHECK_INT(text_width("a\xFF" "b", 3), 3);            /* an invalid byte is U+FFFD: 1 */
    CHECK_INT(text_fit("\xE4\xB8\xAD\xE6\x96\x87", 6, 3), 3);  /* 中文 in 3 columns: 中 only */
    CHECK_INT(text_fit("\xE4\xB8\xAD\xE6\x96\x87", 6, 4), 6);
    CHECK_INT(text_fit("abc", 3, 0), 0);
    CHECK_INT(text_fit("e\xCC\x81x", 4, 1), 3);          /* the mark stays with its letter */
}

static void test_decode(void)
{
    int32_t c;
    CHECK_INT(chars_decode("\xC3\xA9", 2, 0, &c), 2);
    CHECK_INT(c, 0xE9);
    CHECK_INT(chars_decode("\xF0\x9F\x9A\x80", 4, 0, &c), 4);
    CHECK_INT(c, 0x1F680);
    CHECK_INT(chars_decode("\xC3", 1, 0, &c), 1);        /* cut: one bad byte */
    CHECK_INT(c, 0xFFFD);
    CHECK_INT(chars_decode("\xED\xA0\x80", 3, 0, &c), 1); /* a surrogate is not UTF-8 */
    CHECK_INT(c, 0xFFFD);
}

static void test_fold(void)
{
    char out[64];
    fold_all("D\xC3\xA9" "cembre", out, sizeof out);
    CHECK_STR(out, "decembre");
    fold_all("De\xCC\x81" "cembre", out, sizeof out);   /* NFD: the mark is skipped */
    CHECK_STR(out, "decembre");
    fold_all("King\xE2\x80\x99s Crown\xE2\x80\x93" "x", out, sizeof out);
    CHECK_STR(out, "king's crown-x");
    fold_all("a\xC2\xA0" "b\xE2\x80\xAF" "c\xEF\xBB\xBF" "d", out, sizeof out);
    CHECK_STR(out, "a b c d");
    fold_all("\xC3\x9F\xC3\x97\xE4\xB8\xAD", out, sizeof out);  /* ß × 中: no ASCII letter */
    CHECK_STR(out, "???");
    fold_all("\xC3", out, sizeof out);                   /* a cut sequence */
    CHECK_STR(out, "?");
}

/* The cores built on the classes read one character the same way. */
static void test_cores_agree(void)
{
    char key[64];
    const char *title = "Re\xCC\x81ponse du ministre";
    CHECK(line_fold_key(title, strlen(title), key, sizeof key));
    CHECK_STR(key, "reponse du ministre");
    struct date_value d;
    char err[128];
    const char *day = "5 de\xCC\x81" "cembre 2018";
    CHECK(date_parse(day, strlen(day), &d, err, sizeof err) == 0);  /* NFD month */
    CHECK_INT(d.month, 12);
    char vkey[64];
    size_t vlen = 0;
    const char *printed = "Minister\xE2\x80\x99s \xE2\x80\x94 Office\xE2\x80\x8B";
    CHECK(vocab_key(printed, strlen(printed), vkey, sizeof vkey, &vlen));
    CHECK_STR(vkey, "minister's - office");
}

int main(void)
{
    test_classes();
    test_width();
    test_decode();
    test_fold();
    test_cores_agree();
    return check_done();
}
