/* page_text.h — the line-level reading of a petition page: blanks, bullets,
 * the folded "key" that landmarks are matched against, and the closed
 * vocabularies (provinces, caucuses, languages). A C core, used by page.c.
 *
 * A key folds the start of a line so that one ASCII pattern matches every way
 * a page prints a label: lower case, accents removed (é, È, î -> e, e, i), any
 * run of blanks (space, tab, control bytes, U+00A0, U+202F, U+2009 ...) one
 * space, curly apostrophes ’ ‘ ʼ and ` one ', dashes ‐ – — − one -. */
#ifndef PETLUA_PAGE_TEXT_H
#define PETLUA_PAGE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#define LINE_KEY_MAX 128

struct line {
    int no;                        /* 1-based line number */
    const char *s;                 /* content: blanks and bullets trimmed */
    size_t n;
    bool bullet;                   /* a bullet (• - * ...) was stripped */
    size_t indent;                 /* bytes of blanks before the content or its bullet */
    char key[LINE_KEY_MAX + 1];    /* folded start of the content, NUL-terminated */
    size_t key_len;
    bool key_whole;                /* the key covers the whole content */
};

/* Length of the blank (or control byte) at s[i] of s[0..n), or 0. */
size_t line_blank_len(const char *s, size_t n, size_t i);
/* Length of the blank ending just before s[end], or 0. */
size_t line_blank_len_before(const char *s, size_t end);
/* s[0..*n) without blanks at both ends. */
const char *line_trim(const char *s, size_t *n);

/* Fills l from the raw line (no line end): trims blanks and bullets, folds the key. */
void line_read(struct line *l, int no, const char *raw, size_t raw_len);

/* The content offset where key byte p starts (p == key_len: where the key
 * stopped, the content's end when key_whole). Re-walks the key: for a match. */
size_t line_key_offset(const struct line *l, size_t p);

/* The key is exactly pat, optionally followed by " :" or ":". */
static inline bool line_is(const struct line *l, const char *pat);
/* The key starts with pat and the content goes on past it (pat ends a word:
 * the next content byte is not a letter or digit). *rest gets the content after
 * pat with leading blanks trimmed (may be empty). */
static inline bool line_starts(const struct line *l, const char *pat, const char **rest, size_t *rest_n);
/* The content is a proper prefix of pat: a label cut short. */
static inline bool line_is_cut_of(const struct line *l, const char *pat);

/* The same with pat's length given: called by the three above once the first
 * byte matched. Those test the first byte inline, where most lines fail, so
 * that a line is offered to many landmarks without a call or a strlen each. */
bool line_is_n(const struct line *l, const char *pat, size_t pat_len);
bool line_starts_n(const struct line *l, const char *pat, size_t pat_len,
                   const char **rest, size_t *rest_n);
bool line_is_cut_of_n(const struct line *l, const char *pat, size_t pat_len);

static inline bool line_is(const struct line *l, const char *pat)
{
    return l->key[0] == pat[0] && line_is_n(l, pat, strlen(pat));
}

static inline bool line_starts(const struct line *l, const char *pat, const char **rest, size_t *rest_n)
{
    return (l->key[0] == pat[0] || pat[0] == '\0') && line_starts_n(l, pat, strlen(pat), rest, rest_n);
}

static inline bool line_is_cut_of(const struct line *l, const char *pat)
{
    return l->key[0] == pat[0] && line_is_cut_of_n(l, pat, strlen(pat));
}

/* Folds s[0..n) into a lookup key: the key rules above, then '-' and '.'
 * dropped to spaces/nothing, and trimmed. Returns false when it does not fit. */
bool line_fold_key(const char *s, size_t n, char *buf, size_t size);

/* The English name of a province or territory printed in English or French
 * (any case, with or without accents, or a two-letter postal code), or NULL. */
const char *page_province_en(const char *s, size_t n);
/* Is s[0..n) a caucus line ("Conservative Caucus", "Caucus Bloc Québécois",
 * "Caucus du NPD", or a bare known party name)? Then *english is the party's
 * English name ("Conservative", "New Democratic Party", "Bloc Québécois",
 * "Green Party", "Independent", ...) or NULL for a party we do not know, and
 * s[*party_off .. +*party_n) is the party as printed, without "Caucus". */
bool page_caucus(const char *s, size_t n, const char **english, size_t *party_off, size_t *party_n);
/* "English"/"Anglais" -> "English", "French"/"Français" -> "French",
 * "Bilingual"/"Bilingue" -> "Bilingual", else NULL. */
const char *page_language_en(const char *s, size_t n);

/* The signer as a person's name, written into out (NUL-terminated, at most
 * size bytes): honorifics and titles dropped from the front, everything from
 * the first comma on (", M.P.", ", DÉPUTÉE") and a trailing "M.P."/"député(e)"
 * dropped, and each word printed all in capitals put in name case. Returns the
 * length, 0 when nothing is left. */
size_t page_signer_name(const char *s, size_t n, char *out, size_t size);

/* A number printed with thousands separators ("1,204", "1 312" with U+00A0 or
 * U+202F, "1.204"): the whole of s[0..n) must be the number. -1 if not. */
long page_parse_count(const char *s, size_t n);

#endif
