/* vocab.h — the canonical vocabularies: which department answered (from the
 * responder's title, English or French, any cabinet), the site's category in
 * English, and French display labels for canonical values. A C core: no Lua.
 *
 * A vocabulary is built from CSV sources (the CSV files of the project's
 * vocab/ folder, then files of the user's), added in order: a later row
 * overrides an earlier source's row for the same printed form. Once built it
 * is only read: lookups take it const, allocate nothing and keep no state, so
 * any number of threads may look up at once (building must be finished first,
 * and is not thread-safe).
 *
 * Keys. A printed form and a looked-up string are normalised alike: Unicode
 * compatibility decomposition, case folding and accents removed ("É" -> "e",
 * "œ" -> "oe", NFD or NFC alike), every apostrophe (’ ‘ ʼ ` ´ ′) one "'",
 * every dash (‐ ‑ ‒ – — ― − and the like) one "-", runs of blanks (space,
 * tab, line ends, U+00A0, U+202F, U+2009, ...) one space, trimmed, and
 * trailing periods dropped. Invalid UTF-8 bytes stand for U+FFFD. A string
 * whose key exceeds VOCAB_KEY_MAX bytes is never found.
 *
 * Titles (vocab_department). The caller passes the responder as stored,
 * without "Response by the" / "Réponse du". Then:
 *  1. a leading "Parliamentary Secretary to the" / "secrétaire parlementaire
 *     du, de la, de l'" is removed, with a trailing "(...)" (the secretary's
 *     own field: "Parliamentary Secretary to the Minister of Health (Sport)");
 *  2. the whole title is looked up;
 *  3. failing that, a compound title is cut into its parts where " and " /
 *     " et " (also " and to the ", " et du ", " et de la ", ", ") is followed
 *     by a title ("Minister", "Associate Minister", "Deputy Prime Minister",
 *     "President of the", "Leader of the Government", "Prime Minister";
 *     "ministre", "vice-premier(e)", "président(e) du", "leader du
 *     gouvernement", "premier/première ministre"). The department is that of
 *     the first part whose row is a portfolio; an office held beside a
 *     portfolio (Deputy Prime Minister, President of the King's Privy Council,
 *     House Leader, Associate Minister of X: role "office" in the data) gives
 *     way to it. When every part is an office, the first part's department.
 *     A part beginning "Minister responsible for" / "ministre responsable" is
 *     passed over (a regional agency beside the portfolio); any other part
 *     that no row knows makes the whole title unknown (NULL): never guessed.
 *
 * CSV sources (UTF-8, a header line; blank lines skipped):
 *   departments  printed,lang,department[,role]   role: portfolio (or empty) | office
 *   topics       printed,lang,topic
 *   labels       kind,value,label                 (one file per label language)
 * lang is "en" or "fr"; kind is department, topic, caucus, province,
 * original_language or status. A bad row is an error naming the source and
 * its line: "vocab/departments.csv:12: lang must be en or fr, not 'EN '". Two
 * rows of one source that give one printed form different values are an
 * error too (a later source may override). */
#ifndef PETLUA_VOCAB_H
#define PETLUA_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

#define VOCAB_KEY_MAX 512   /* bytes of a normalised key */

enum vocab_file {
    VOCAB_DEPARTMENTS,
    VOCAB_TOPICS,
    VOCAB_LABELS,
};

struct vocab;

/* An empty vocabulary, or NULL when memory runs out. */
struct vocab *vocab_new(void);
/* Adds the rows of one CSV source held in memory (text[0..len)), of the kind
 * given; for VOCAB_LABELS, lang is the labels' language ("fr"), else it is
 * ignored (NULL is fine). name is the source's name in messages. Rows override
 * those of sources added before for the same key. Returns 0, or -1 with
 * "name:line: message" (or "name: message") in err; the rows read before the
 * bad one stay added. */
int vocab_add_csv(struct vocab *v, enum vocab_file file, const char *lang,
                  const char *text, size_t len, const char *name, char *err, size_t errlen);
/* The same, reading the file at path (named path in messages). */
int vocab_add_file(struct vocab *v, enum vocab_file file, const char *lang,
                   const char *path, char *err, size_t errlen);

/* The canonical department ("Public Safety") of a responder's title, or NULL
 * when no row explains it. */
const char *vocab_department(const struct vocab *v, const char *title, size_t len);
/* The canonical topic ("Foreign affairs") of a category as printed, or NULL. */
const char *vocab_topic(const struct vocab *v, const char *s, size_t len);
/* The display label of a canonical value of kind ("department", "topic",
 * "caucus", "province", "original_language", "status") in lang ("fr"), or
 * NULL. value is a NUL-terminated string. */
const char *vocab_label(const struct vocab *v, const char *kind, const char *value, const char *lang);

/* Rows held for a kind of file (distinct keys), for tests and reports. */
size_t vocab_size(const struct vocab *v, enum vocab_file file);

/* The key s normalises to (see above), NUL-terminated in buf; false when it
 * does not fit in size bytes. Exposed so that a caller can group values the
 * way lookups see them. */
bool vocab_key(const char *s, size_t len, char *buf, size_t size, size_t *key_len);

/* Frees everything; NULL is fine. */
void vocab_free(struct vocab *v);

#endif
