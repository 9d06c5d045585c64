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

static void check_record(const struct page_record *r, size_t size)
{
    if (r->id == NULL || r->kind == NULL)
        abort();
    touch(r->url), touch(r->topic), touch(r->text), touch(r->prayer);
    for (size_t i = 0; i < r->n_grievances; i++)
        touch(r->grievances[i]);
    for (size_t i = 0; i < r->n_keywords; i++)
        touch(r->keywords[i]);
    for (size_t i = 0; i < r->n_responses; i++) {
        touch(r->responses[i].responder), touch(r->responses[i].signed_by);
        touch(r->responses[i].text);
    }
    for (size_t i = 0; i < r->n_by_province; i++)
        touch(r->by_province[i].province);
    for (size_t i = 0; i < r->n_warnings; i++)
        if (r->warnings[i].line < 1 || (size_t)r->warnings[i].line > size + 1)
            abort();
    (void)page_derive(r, 19000);
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
    struct page_record *r = page_parse(s, size, "fuzz.txt", &err_line, err, sizeof err);
    const char *nl = memchr(s, '\n', size);
    size_t first = nl ? (size_t)(nl - s) : size;
    if (r != NULL) {
        check_record(r, size);
        check_id_order(s, first, r->id, strlen(r->id));
        page_free(r);
    } else if (err_line < 0 || memchr(err, '\0', sizeof err) == NULL) {
        abort();
    } else {
        check_id_order(s, first, "e-2559", 6);
    }
    free(s);
    return 0;
}
