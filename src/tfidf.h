/* tfidf.h — the terms that set each document of a collection apart (tf-idf).
 * A C core: no Lua here. No global state: the result is the caller's.
 *
 * A document is a sequence of parts, each either a word (used as given) or
 * a text (split into words as text_words does with stop set: its stopwords
 * dropped, the language given or detected). Every distinct word is a term.
 * A term's score in a document is tf * idf, with tf = its count / the
 * document's words and idf = ln((1 + N) / (1 + df)) + 1 (N documents, df of
 * them holding the term): a term found everywhere still ranks by frequency,
 * and a single document gives its commonest words. Options leave some words
 * out before anything is counted:
 *   numbers  keep words made only of ASCII digits (false: leave them out)
 *   max_df   leave out the terms found in more than max_df * N documents
 *            (0 < max_df <= 1; 1 keeps every term)
 * Each document keeps its `top` best terms, best first; equal scores: the
 * term more frequent in the document first, then the one seen first. */
#ifndef PETLUA_TFIDF_H
#define PETLUA_TFIDF_H

#include <stdbool.h>
#include <stddef.h>

#include "text.h"

struct tfidf_part {
    const char *s;
    size_t len;
    bool text;            /* a text to split into words; else one word */
    enum text_lang lang;  /* a text's language (TEXT_LANG_AUTO: detect it) */
};

struct tfidf_opts {
    size_t top;           /* terms kept per document, at least 1 */
    bool numbers;
    double max_df;
};

/* Document d's terms are terms items start[d] .. start[d + 1], best first,
 * each with its score. Zero-initialise, free with tfidf_result_free. */
struct tfidf_result {
    struct text_list terms;
    double *scores;
    size_t *start;        /* docs + 1 entries */
    size_t docs;
};

/* The parts of document d are parts[part_start[d] .. part_start[d + 1]);
 * part_start has docs + 1 entries. cancel (may be NULL) is asked now and
 * then (every few dozen parts); when it answers true, tfidf frees what it
 * built and returns -2. Returns 0, or -1 when memory ran out. */
int tfidf(const struct tfidf_part *parts, const size_t *part_start, size_t docs,
          const struct tfidf_opts *opts, const struct text_cancel *cancel,
          struct tfidf_result *out);
void tfidf_result_free(struct tfidf_result *r);

#endif
