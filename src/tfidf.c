/* tfidf.c — the terms that set each document apart; see tfidf.h.
 *
 * One pass over the parts counts each document's terms in first-seen order
 * (a term is interned once, in a hash table, and remembers the last
 * document that counted it, so document frequencies come in the same pass);
 * then each document's terms are scored and sorted. */
#include "tfidf.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Ask the cancel callback every this many parts or documents. */
#define CANCEL_EVERY 64

/* A distinct term: its bytes in the arena, its document frequency, and its
 * entry in the last document that counted it. */
struct term {
    size_t off, len;
    uint64_t hash;
    size_t df;
    size_t last_doc;      /* 1 + that document; 0: none yet */
    size_t entry;
    signed char stop[2];  /* a stopword in English, French (text_is_stop)? -1: not asked yet */
};

/* A term of one document and its count there; a document's entries are in
 * the order its terms were first seen. */
struct entry {
    size_t term, count;
};

struct counts {
    char *bytes;
    size_t nbytes, capbytes;
    struct term *terms;
    size_t nterms, capterms;
    size_t *slots;        /* open addressing: 1 + a term's index, 0 empty */
    size_t nslots;        /* a power of two, more than twice nterms */
    struct entry *entries;
    size_t nentries, capentries;
    size_t *doc_entries;  /* document d: entries doc_entries[d] .. doc_entries[d + 1] */
};

/* p, an array of *cap items of size bytes, with room for need items: p
 * itself or a larger copy (*cap updated); NULL when memory ran out (p is
 * then left as it was). */
static void *room(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap && p)
        return p;
    size_t n = *cap ? *cap : 64;
    while (n < need) {
        if (n > SIZE_MAX / 2 / size)
            return NULL;
        n *= 2;
    }
    void *q = realloc(p, n * size);
    if (q)
        *cap = n;
    return q;
}

static uint64_t hash_word(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;  /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h ^ (h >> 29);
}

static int rehash(struct counts *c)
{
    size_t n = c->nslots ? c->nslots * 2 : 1024;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t t = 0; t < c->nterms; t++) {
        size_t i = (size_t)c->terms[t].hash & (n - 1);
        while (slots[i])
            i = (i + 1) & (n - 1);
        slots[i] = t + 1;
    }
    free(c->slots);
    c->slots = slots;
    c->nslots = n;
    return 0;
}

/* The index of the term w (n bytes), added if new; SIZE_MAX when memory ran out. */
static size_t intern(struct counts *c, const char *w, size_t n)
{
    if (2 * (c->nterms + 1) > c->nslots && rehash(c))
        return SIZE_MAX;
    uint64_t h = hash_word(w, n);
    size_t i = (size_t)h & (c->nslots - 1);
    for (; c->slots[i]; i = (i + 1) & (c->nslots - 1)) {
        const struct term *t = &c->terms[c->slots[i] - 1];
        if (t->hash == h && t->len == n && !memcmp(c->bytes + t->off, w, n))
            return c->slots[i] - 1;
    }
    struct term *terms = room(c->terms, &c->capterms, c->nterms + 1, sizeof *terms);
    if (terms)
        c->terms = terms;
    char *bytes = room(c->bytes, &c->capbytes, c->nbytes + n, 1);
    if (bytes)
        c->bytes = bytes;
    if (!terms || !bytes)
        return SIZE_MAX;
    if (n)
        memcpy(c->bytes + c->nbytes, w, n);
    c->terms[c->nterms] = (struct term){.off = c->nbytes, .len = n, .hash = h, .stop = {-1, -1}};
    c->nbytes += n;
    c->slots[i] = c->nterms + 1;
    return c->nterms++;
}

static bool only_digits(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (w[i] < '0' || w[i] > '9')
            return false;
    return n > 0;
}

/* Is term t a word text_words with stop drops in lang (TEXT_LANG_EN or
 * TEXT_LANG_FR)? Asked once per term and language. */
static bool is_stop(const struct counts *c, struct term *t, enum text_lang lang)
{
    int k = lang == TEXT_LANG_FR;
    if (t->stop[k] < 0)
        t->stop[k] = text_is_stop(c->bytes + t->off, t->len, lang);
    return t->stop[k];
}

/* Count word w (n bytes) in document d; stop_lang: unless it is a stopword
 * of this language (TEXT_LANG_AUTO: count it whatever it is). */
static int count_word(struct counts *c, size_t d, const char *w, size_t n, const struct tfidf_opts *o,
                      enum text_lang stop_lang)
{
    if (!o->numbers && only_digits(w, n))
        return 0;
    size_t id = intern(c, w, n);
    if (id == SIZE_MAX)
        return -1;
    struct term *t = &c->terms[id];
    if (stop_lang != TEXT_LANG_AUTO && is_stop(c, t, stop_lang))
        return 0;
    if (t->last_doc != d + 1) {
        struct entry *entries = room(c->entries, &c->capentries, c->nentries + 1, sizeof *entries);
        if (!entries)
            return -1;
        c->entries = entries;
        t->last_doc = d + 1;
        t->df++;
        t->entry = c->nentries;
        c->entries[c->nentries++] = (struct entry){.term = id, .count = 0};
    }
    c->entries[t->entry].count++;
    return 0;
}

static bool cancelled(const struct text_cancel *cancel, size_t i)
{
    return cancel && i % CANCEL_EVERY == 0 && cancel->stop(cancel->arg);
}

/* Every document's entries; words holds a text's words (reused). */
static int count_all(struct counts *c, const struct tfidf_part *parts, const size_t *part_start,
                     size_t docs, const struct tfidf_opts *o, const struct text_cancel *cancel,
                     struct text_list *words)
{
    c->doc_entries = malloc((docs + 1) * sizeof *c->doc_entries);
    if (!c->doc_entries)
        return -1;
    for (size_t d = 0; d < docs; d++) {
        c->doc_entries[d] = c->nentries;
        for (size_t p = part_start[d]; p < part_start[d + 1]; p++) {
            if (cancelled(cancel, p + 1))
                return -2;
            const struct tfidf_part *part = &parts[p];
            if (!part->text) {
                if (count_word(c, d, part->s, part->len, o, TEXT_LANG_AUTO))
                    return -1;
                continue;
            }
            /* In a known language every word comes, and each distinct one
             * is judged once (text_is_stop): the same words as text_words
             * with stop gives, at less cost. Else text_words detects it. */
            bool known = part->lang == TEXT_LANG_EN || part->lang == TEXT_LANG_FR;
            struct text_words_opts wo = {.lang = part->lang, .stop = !known};
            words->n = 0;
            words->bytes.len = 0;
            int rc = text_words_cancel(part->s, part->len, &wo, cancel, words);
            if (rc)
                return rc;
            for (size_t k = 0; k < words->n; k++) {
                size_t n;
                const char *w = text_list_item(words, k, &n);
                if (count_word(c, d, w, n, o, known ? part->lang : TEXT_LANG_AUTO))
                    return -1;
            }
        }
    }
    c->doc_entries[docs] = c->nentries;
    return 0;
}

struct scored {
    double score;
    size_t count, order, term;
};

/* Best first: higher score, then higher count, then seen first. */
static int compare_scored(const void *a, const void *b)
{
    const struct scored *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

/* Append item s (n bytes) to list l. */
static int list_add(struct text_list *l, const char *s, size_t n)
{
    char *bytes = room(l->bytes.data, &l->bytes.cap, l->bytes.len + n, 1);
    if (bytes)
        l->bytes.data = bytes;
    size_t *ends = room(l->ends, &l->cap, l->n + 1, sizeof *ends);
    if (ends)
        l->ends = ends;
    if (!bytes || !ends)
        return -1;
    if (n)
        memcpy(l->bytes.data + l->bytes.len, s, n);
    l->bytes.len += n;
    l->ends[l->n++] = l->bytes.len;
    return 0;
}

/* Score document d's kept terms into best (room for all its entries) and
 * append its top terms to out. */
static int score_doc(const struct counts *c, size_t d, size_t docs, const struct tfidf_opts *o,
                     struct scored *best, struct tfidf_result *out, size_t *cap_scores)
{
    size_t k = 0, total = 0;
    for (size_t e = c->doc_entries[d]; e < c->doc_entries[d + 1]; e++) {
        const struct term *t = &c->terms[c->entries[e].term];
        if ((double)t->df > o->max_df * (double)docs)
            continue;
        best[k] = (struct scored){.count = c->entries[e].count, .order = k, .term = c->entries[e].term};
        total += c->entries[e].count;
        k++;
    }
    for (size_t i = 0; i < k; i++) {
        double idf = log((double)(1 + docs) / (double)(1 + c->terms[best[i].term].df)) + 1;
        best[i].score = (double)best[i].count / (double)total * idf;
    }
    qsort(best, k, sizeof *best, compare_scored);
    size_t keep = k < o->top ? k : o->top;
    double *scores = room(out->scores, cap_scores, out->terms.n + keep, sizeof *scores);
    if (!scores)
        return -1;
    out->scores = scores;
    for (size_t i = 0; i < keep; i++) {
        const struct term *t = &c->terms[best[i].term];
        out->scores[out->terms.n] = best[i].score;
        if (list_add(&out->terms, c->bytes + t->off, t->len))
            return -1;
    }
    return 0;
}

static int score_all(const struct counts *c, size_t docs, const struct tfidf_opts *o,
                     const struct text_cancel *cancel, struct tfidf_result *out)
{
    size_t widest = 0, cap_scores = 0;
    for (size_t d = 0; d < docs; d++) {
        size_t n = c->doc_entries[d + 1] - c->doc_entries[d];
        widest = n > widest ? n : widest;
    }
    struct scored *best = malloc((widest ? widest : 1) * sizeof *best);
    out->start = malloc((docs + 1) * sizeof *out->start);
    int rc = best && out->start ? 0 : -1;
    for (size_t d = 0; d < docs && rc == 0; d++) {
        if (cancelled(cancel, d + 1)) {
            rc = -2;
            break;
        }
        out->start[d] = out->terms.n;
        rc = score_doc(c, d, docs, o, best, out, &cap_scores);
    }
    if (rc == 0)
        out->start[docs] = out->terms.n;
    free(best);
    return rc;
}

static void counts_free(struct counts *c)
{
    free(c->bytes);
    free(c->terms);
    free(c->slots);
    free(c->entries);
    free(c->doc_entries);
}

int tfidf(const struct tfidf_part *parts, const size_t *part_start, size_t docs,
          const struct tfidf_opts *opts, const struct text_cancel *cancel,
          struct tfidf_result *out)
{
    struct counts c = {0};
    struct text_list words = {0};
    out->docs = docs;
    int rc = count_all(&c, parts, part_start, docs, opts, cancel, &words);
    text_list_free(&words);
    if (rc == 0)
        rc = score_all(&c, docs, opts, cancel, out);
    counts_free(&c);
    if (rc)
        tfidf_result_free(out);
    return rc;
}

void tfidf_result_free(struct tfidf_result *r)
{
    text_list_free(&r->terms);
    free(r->scores);
    free(r->start);
    r->scores = NULL;
    r->start = NULL;
    r->docs = 0;
}
