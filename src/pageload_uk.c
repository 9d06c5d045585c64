/* pageload_uk.c — a file of the UK Parliament's petitions JSON read on a
 * pageload worker (see pageload.h): the UK reader (ukjson.h) over the bytes
 * in memory, each petition made a record (record_uk.h) and kept in the
 * file's result, in order, with what could not be read. */
#include "pageload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record_uk.h"
#include "ukjson.h"

#define SNIFF_BYTES 4096

bool pageload_uk_detect(const char *head, size_t len)
{
    size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES;
    return uk_sniff(head, n) || uk_begins_as_json(head, n);
}

void pageload_uk_message(char *buf, size_t size, long long offset, const char *message)
{
    snprintf(buf, size, "%s at byte %lld", message, offset);
}

/* The result being filled, and whether memory ran out. */
struct collect {
    struct pageload_result *r;
    const struct vocab *vocab;
    size_t cap_recs, cap_problems;
    bool oom;
};

static bool grow(void **items, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return true;
    size_t c = *cap ? *cap * 2 : 64;
    void *p = realloc(*items, c * size);
    if (!p)
        return false;
    *items = p;
    *cap = c;
    return true;
}

static int on_petition(void *ctx, struct uk_petition *p)
{
    struct collect *c = ctx;
    struct pageload_result *r = c->r;
    if (!grow((void **)&r->recs, &c->cap_recs, r->n_recs, sizeof *r->recs)) {
        uk_petition_free(p);
        c->oom = true;
        return 1;                       /* stop: the file is reported as not read */
    }
    struct record *rec = record_from_uk(p);
    if (!rec) {
        c->oom = true;
        return 1;
    }
    record_canonicalize(rec, c->vocab);
    r->recs[r->n_recs++] = rec;
    return 0;
}

static void on_error(void *ctx, long long offset, int line, const char *message)
{
    struct collect *c = ctx;
    struct pageload_result *r = c->r;
    char buf[PAGELOAD_ERR_SIZE + 64];
    pageload_uk_message(buf, sizeof buf, offset, message);
    char *copy = strdup(buf);
    if (!copy || !grow((void **)&r->problems, &c->cap_problems, r->n_problems, sizeof *r->problems)) {
        free(copy);
        c->oom = true;
        return;
    }
    r->problems[r->n_problems++] = (struct pageload_problem){line, copy};
}

void pageload_uk_text(const char *text, size_t len, const struct vocab *vocab,
                      struct pageload_result *r)
{
    struct collect c = {r, vocab, 0, 0, false};
    uk_read_mem(text, len, 0, on_petition, on_error, &c);
    if (c.oom) {
        pageload_result_clear(r);
        r->outcome = PAGELOAD_FAILED;
        r->err_line = 0;
        snprintf(r->err, sizeof r->err, "out of memory");
        return;
    }
    r->outcome = PAGELOAD_RECORDS;
}
