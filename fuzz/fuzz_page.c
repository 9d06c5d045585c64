/* fuzz_page.c — page_parse (and page_derive) on arbitrary bytes. Checks: a
 * record's mandatory fields are set, its lists have the lengths it says, a
 * failure gives a one-line message, and warnings name lines of the input.
 * The natural id order (page_id_compare) is checked on the input's first
 * line and the record's id: reflexive and antisymmetric. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "page.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void touch(const char *s)
{
    if (s != NULL && strlen(s) > (1u << 30))
        abort();
}

/* Every string of every field (the schema's table: a field added there is
 * read here too) is read to its end, so ASan sees one that runs past its
 * memory; the derived fields are worked out. */
static void check_record(struct record *r, size_t size)
{
    if (r->id == NULL || r->kind == NULL)
        abort();
    for (int f = 0; f < RECORD_N_FIELDS; f++) {
        const struct record_field *d = &record_fields[f];
        const char *at = (const char *)r + d->offset;
        size_t n = d->count_offset ? *(const size_t *)((const char *)r + d->count_offset) : 0;
        if (d->kind == RECORD_LIST) {
            for (size_t i = 0; i < n; i++)
                touch((*(const char *const *const *)at)[i]);
        } else if (d->kind == RECORD_RESPONSES) {
            for (size_t i = 0; i < n; i++) {
                const struct record_response *p = &r->responses[i];
                touch(p->responder), touch(p->signed_by), touch(p->signature), touch(p->text);
            }
        } else if (d->kind == RECORD_COUNTS) {
            for (size_t i = 0; i < n; i++)
                touch((*(const struct record_count *const *)at)[i].name);
        } else if (d->kind == RECORD_CONSTITUENCIES) {
            for (size_t i = 0; i < n; i++) {
                const struct record_constituency *c = &(*(const struct record_constituency *const *)at)[i];
                touch(c->name), touch(c->code), touch(c->mp);
            }
        } else if (d->kind != RECORD_INTEGER && d->kind != RECORD_BOOLEAN) {
            touch(*(const char *const *)at);
        }
    }
    for (size_t i = 0; i < r->n_warnings; i++)
        if (r->warnings[i].line < 1 || (size_t)r->warnings[i].line > size + 1)
            abort();
    record_derive(r, 19000);
}

static int sign(int c)
{
    return (c > 0) - (c < 0);
}

static void check_id_order(const char *a, size_t an, const char *b, size_t bn)
{
    struct page_id_key ka = page_id_key(a, an), kb = page_id_key(b, bn);
    if (page_id_compare(&ka, &ka) != 0 || page_id_compare(&kb, &kb) != 0 ||
        sign(page_id_compare(&ka, &kb)) != -sign(page_id_compare(&kb, &ka)))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size ? size : 1);
    if (s == NULL)
        return 0;
    memcpy(s, data, size);
    int err_line = -1;
    char err[256];
    struct record *r = page_parse(s, size, "fuzz.txt", &err_line, err, sizeof err);
    const char *nl = memchr(s, '\n', size);
    size_t first = nl ? (size_t)(nl - s) : size;
    if (r != NULL) {
        check_record(r, size);
        check_id_order(s, first, r->id, strlen(r->id));
        record_free(r);
    } else if (err_line < 0 || memchr(err, '\0', sizeof err) == NULL) {
        abort();
    } else {
        check_id_order(s, first, "e-2559", 6);
    }
    free(s);
    return 0;
}
