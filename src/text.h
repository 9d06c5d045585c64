/* text.h — words, stems, stopwords and near-duplicates for English and French.
 * A C core: no Lua here. Built on utf8proc (normalization, case, widths) and
 * Snowball's libstemmer. No global state: every result goes into a structure
 * the caller owns and frees.
 *
 * Strings are bytes plus a length and may hold anything. Invalid UTF-8 never
 * fails: a byte that does not start a valid sequence (a stray continuation
 * byte, a truncated or overlong sequence, an encoded surrogate, 0xF5..0xFF)
 * stands for U+FFFD, one per such byte. Functions that return text write
 * U+FFFD (EF BF BD) for it; U+FFFD is not a letter, so it never joins a word.
 *
 * Functions returning int return 0 on success and -1 when memory ran out
 * (the output then holds whatever was written; free it all the same). */
#ifndef PETLUA_TEXT_H
#define PETLUA_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A growable byte string; zero-initialise, free with text_buf_free. */
struct text_buf {
    char *data;
    size_t len, cap;
};
void text_buf_free(struct text_buf *b);

/* A list of strings: item i is data[ends[i-1] .. ends[i]) (from 0 for i = 0).
 * Zero-initialise, free with text_list_free. */
struct text_list {
    struct text_buf bytes;
    size_t *ends;
    size_t n, cap;
};
void text_list_free(struct text_list *l);
/* Pointer and length of item i. */
const char *text_list_item(const struct text_list *l, size_t i, size_t *len);

enum text_lang {
    TEXT_LANG_AUTO = 0, /* as an option: detect it (text_detect_lang) */
    TEXT_LANG_EN,
    TEXT_LANG_FR,
    TEXT_LANG_BOTH,     /* as an option: either language (stopwords of both) */
};
/* "en" -> TEXT_LANG_EN, "fr" -> TEXT_LANG_FR; anything else TEXT_LANG_AUTO. */
enum text_lang text_lang_from_name(const char *name, size_t len);

/* NFC, then lower case (per code point: "ß" stays "ß"). Appends to out. */
int text_normalize(const char *s, size_t len, struct text_buf *out);

/* For matching: compatibility decomposition (NFKC: "ﬁ" -> "fi", U+00A0 -> " "),
 * case folding ("ß" -> "ss"), accents and other marks removed, and the letters
 * that do not decompose spelled out: "œ" -> "oe", "æ" -> "ae", "ø" -> "o",
 * "ł" -> "l", "đ"/"ð" -> "d", "þ" -> "th", "ı" -> "i"; the typographic
 * apostrophes U+2019 and U+02BC become "'". "QUÉBEC" -> "quebec". Appends. */
int text_fold(const char *s, size_t len, struct text_buf *out);

/* Words, in order. A word is a run of letters and digits (with any combining
 * marks that follow them), joined by inner hyphens ("single-use", "5g",
 * "2019-2020"); U+2010 and U+2011 are written "-". Apostrophes (' U+2019
 * U+02BC) between letters:
 *  - after l d j n s c m t qu jusqu lorsqu puisqu quoiqu at the start of a word,
 *    a French elision: a word of its own, always written with the straight
 *    apostrophe: "L’eau" -> "l'", "eau";
 *  - before a final s, an English possessive or "is": dropped with the s:
 *    "Canada’s" -> "canada", "it's" -> "it";
 *  - otherwise kept inside the word, as "'": "don’t" -> "don't", "aujourd'hui".
 * Numbers lose their thousands separators (",", U+00A0, U+202F, U+2009) when
 * each group after the first has exactly three digits: "1,204" -> "1204",
 * "1 204 567" -> "1204567"; "3,5" and "1234,567" stay two numbers. Decimal
 * points split numbers ("3.5" -> "3", "5").
 * Every word is normalized (NFC, lower case). Options:
 *   lang  the language for stopwords and stemming; TEXT_LANG_AUTO detects it
 *         from s when stop or stem is set, and falls back to TEXT_LANG_BOTH
 *   stop  drop stopwords of lang (both lists for TEXT_LANG_BOTH) and words of
 *         one letter ("s" of "member(s)"); elisions are always stopwords
 *   stem  Snowball stem of each word (not of elisions); with TEXT_LANG_BOTH
 *         (language unknown) words are left as they are
 *   fold  fold each word (after stemming), as text_fold */
struct text_words_opts {
    enum text_lang lang;
    bool stop, stem, fold;
};
int text_words(const char *s, size_t len, const struct text_words_opts *opts,
               struct text_list *out);
/* The same, asking cancel->stop(cancel->arg) now and then (as
 * text_near_duplicates_cancel, below); when it answers true, returns -2
 * (out holds the words so far: free it all the same). */
struct text_cancel;
int text_words_cancel(const char *s, size_t len, const struct text_words_opts *opts,
                      const struct text_cancel *cancel, struct text_list *out);

/* Is word (normalized: NFC, lower case, straight apostrophe) a stopword of lang?
 * TEXT_LANG_BOTH (or AUTO) checks both lists. */
bool text_is_stopword(const char *word, size_t len, enum text_lang lang);
/* Would text_words with stop drop word, a word as text_words gives it
 * without stop (normalized; an elision is the one kind of word that ends in
 * "'")? Stopwords of lang (TEXT_LANG_BOTH: of either), words of one letter,
 * elisions. For a caller that takes the words without stop and judges each
 * distinct word once. */
bool text_is_stop(const char *word, size_t len, enum text_lang lang);
/* The stopword list of TEXT_LANG_EN or TEXT_LANG_FR, sorted by bytes
 * (as strcmp), each word normalized; French includes the elisions ("l'"). */
const char *const *text_stopword_list(enum text_lang lang, size_t *n);

/* The Snowball stem of word (normalized first) for TEXT_LANG_EN or
 * TEXT_LANG_FR. Appends to out. A word of more than INT_MAX bytes (which
 * libstemmer cannot take) stays as it is, here and in text_words. */
int text_stem(const char *word, size_t len, enum text_lang lang, struct text_buf *out);

/* The language of s by counting the stopwords found in only one of the two
 * lists (elisions count as French): TEXT_LANG_EN or TEXT_LANG_FR when that
 * count is at least 3 and more than twice the other's; otherwise (too short,
 * mixed, neither, or out of memory) TEXT_LANG_AUTO. */
enum text_lang text_detect_lang(const char *s, size_t len);

/* Jaccard similarity of two sets of hashes, each sorted ascending without
 * repeats; 0 when both are empty. */
double text_jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);

/* The set a text is compared by: hashes (64 bits) of its 3-word shingles of
 * folded words, or of its folded words when it has fewer than three words.
 * Sorted, without repeats; *words is the number of words in the text.
 * *set is malloc'd (NULL when empty): free it. */
int text_shingles(const char *s, size_t len, uint64_t **set, size_t *n, size_t *words);

/* Jaccard similarity of a and b over 3-word shingles of folded words; when
 * either has fewer than three words, over the sets of their folded words.
 * 0 when there are no words at all. Returns -1 when memory ran out. Shingles
 * and words are compared by 64-bit hashes (a collision is negligible). */
double text_similarity(const char *a, size_t alen, const char *b, size_t blen);

/* Groups of near-duplicate texts, by the leader rule. The texts are taken in
 * index order; each one joins the first group, in the order the groups were
 * founded, whose representative it is similar to (text_similarity reaching
 * threshold, 0 < threshold <= 1), or else founds a group of its own as its
 * representative. So:
 *  - every member of a group reaches the threshold with the group's
 *    representative, which is its first (lowest) index; two other members
 *    may be less similar to each other (groups are not chained: a member
 *    never brings in texts similar only to it);
 *  - a text that could join several groups joins the one founded first,
 *    even if it is more similar to a later one's representative;
 *  - texts with the same bytes, or the same shingles, are always in the same
 *    group (the representative of one takes the others with similarity 1);
 *    texts without words are never in a group.
 * Which representatives a text is compared with is proposed by MinHash:
 * 128 functions (256 for thresholds from 0.7) cut into bands so that a pair
 * at the threshold shares a band with probability >= 0.996, and whose values
 * agree often enough to pass a filter with probability >= 0.999; only those
 * are compared, exactly. A text whose first group is not proposed to it
 * (about 1 time in 200 at the threshold, rarer above it) goes to a later
 * group or founds one. The functions are fixed: the same texts always give
 * the same groups. A text is compared with representatives only, never with
 * every member of a large group, so the time grows with the number of texts
 * times the number of groups that share a band with them.
 *
 * Groups of a single text are left out. Group g holds index[start[g] ..
 * start[g+1]) (0-based, ascending: the representative first), and
 * similarity[m] is the text_similarity of index[m] with the representative
 * (1 for the representative itself); groups are ordered by their
 * representative's index. At most UINT32_MAX texts. Zero-initialise, free with
 * text_groups_free. */
struct text_groups {
    size_t *index;
    size_t *start;       /* n + 1 entries */
    double *similarity;  /* as index */
    size_t n;
};
struct text_str {
    const char *s;
    size_t len;
};
int text_near_duplicates(const struct text_str *texts, size_t n, double threshold,
                         struct text_groups *out);
/* The same, asking cancel->stop(cancel->arg) now and then: after every few
 * hundred thousand steps of work (a word read, a hash computed, a set element
 * compared), well under a millisecond apart. When it answers true, frees
 * everything and returns -2. */
struct text_cancel {
    bool (*stop)(void *arg);
    void *arg;
};
int text_near_duplicates_cancel(const struct text_str *texts, size_t n, double threshold,
                                const struct text_cancel *cancel, struct text_groups *out);
void text_groups_free(struct text_groups *g);

/* Sentences of s, each with its runs of white space (ASCII white space,
 * U+0085, U+2028, U+2029; not U+00A0) made one space, trimmed, never empty.
 * A sentence ends after . ! ? or … (repeats and closing quotes or brackets
 * included, also after a space as French typography puts them: "Oui ! »")
 * when white space follows and then anything but a lower-case letter, or at
 * the end of the text; and at a blank line. A "." after a single letter
 * ("J. Smith") or a common abbreviation (Mr. Mrs. Dr. St. e.g. No. Mme ...)
 * ends nothing. */
int text_sentences(const char *s, size_t len, struct text_list *out);

/* Display columns of s on a terminal (chars_width of each character: a
 * combining mark or a control takes 0, a wide character or an emoji 2; an
 * invalid byte is U+FFFD, 1). */
size_t text_width(const char *s, size_t len);

/* The length in bytes of the longest prefix of s, cut between characters,
 * that takes at most cols display columns. */
size_t text_fit(const char *s, size_t len, size_t cols);

/* Fill paragraphs to width display columns (utf8proc_charwidth: a combining
 * mark takes 0, a wide character 2): words (runs of non-blank characters;
 * U+00A0 does not separate words) are joined by one space, lines by "\n".
 * Line breaks inside a paragraph become spaces; paragraphs (separated by a
 * blank line) are kept apart by an empty line. A word wider than width is cut
 * at width columns (a character wider than width gets a line to itself).
 * No trailing blanks or newline. width >= 1. Appends to out. */
int text_wrap(const char *s, size_t len, size_t width, struct text_buf *out);

/* Keyword in context: for each place where the words of query (folded, in
 * sequence) occur as words of text (folded), a line made of the width display
 * columns before the match (padded with spaces on the left to exactly width),
 * the match as written, and up to width columns after it; white space and
 * control characters shown as single spaces. Matches may overlap ("a a" in
 * "a a a" twice). A query without words matches nothing. The text is read
 * once, whatever the query (time linear in both). */
int text_kwic(const char *text, size_t len, const char *query, size_t qlen,
              size_t width, struct text_list *out);

/* The version of utf8proc linked in, e.g. "2.8.0". */
const char *text_utf8proc_version(void);

#endif
