/* chars.h — what a character is: the classes of Unicode code points that every
 * reader of text here shares (the page parser's landmark keys, dates, the
 * vocabularies' keys, words, display widths), so that they agree.
 *
 * A C core: no Lua. Code points are int32_t; UTF-8 is bytes + length. */
#ifndef PETLUA_CHARS_H
#define PETLUA_CHARS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Blanks: ASCII controls and space, DEL, NEL, the no-break, thin, narrow and
 * other Unicode spaces, the line and paragraph separators, and the
 * zero-width ones (U+200B, U+2060, U+FEFF, a byte-order mark). */
bool chars_is_blank(int32_t c);

/* Apostrophes as pages type them: ' ’ ‘ ‛ ʼ ʹ ´ ′ ` and the fullwidth one. */
bool chars_is_apostrophe(int32_t c);

/* Dashes and hyphens: - ‐ ‑ ‒ – — ― − ﹘ ﹣ － and the soft hyphen. */
bool chars_is_dash(int32_t c);

/* A combining diacritical mark (U+0300..U+036F), as decomposed text holds. */
bool chars_is_mark(int32_t c);

/* The spelling of a letter that has no decomposition but folds to Latin
 * letters (already case-folded: œ -> "oe", æ -> "ae", ø -> "o", ł -> "l",
 * đ ð -> "d", þ -> "th", dotless i -> "i"), or NULL. */
const char *chars_spelled_out(int32_t c);

/* Display columns of c on a terminal: 0 (combining, zero-width, controls),
 * 1, or 2 (East Asian wide and fullwidth, emoji). */
int chars_width(int32_t c);

/* The code point of the UTF-8 sequence at s[i..n) into *c (U+FFFD for an
 * invalid byte); returns its length (1 for an invalid byte). i < n. */
size_t chars_decode(const char *s, size_t n, size_t i, int32_t *c);

/* Folding to one ASCII byte, for keys matched against ASCII patterns: the
 * character at s[*i] (advancing *i past it) as ASCII lower case, accents
 * removed (Latin-1 letters: é -> e, ç -> c), apostrophes as ', dashes as -;
 * CHARS_BLANK for a blank, CHARS_MARK for a combining mark (a key skips it),
 * CHARS_OTHER for a character with no ASCII folding. */
enum { CHARS_BLANK = ' ', CHARS_OTHER = 0x80, CHARS_MARK = 0x81 };
int chars_fold_ascii(const char *s, size_t n, size_t *i);

#endif
