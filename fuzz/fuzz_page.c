/* fuzz_page.c — page_parse (and page_derive) on arbitrary bytes. Checks: a
 * record's mandatory fields are set, its lists have the lengths it says, a
 * failure gives a one-line message, and warnings name lines of the input. */
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size ? size : 1);
    if (s == NULL)
        return 0;
    memcpy(s, data, size);
    int err_line = -1;
    char err[256];
    struct page_record *r = page_parse(s, size, "fuzz.txt", &err_line, err, sizeof err);
    if (r != NULL) {
        check_record(r, size);
        page_free(r);
    } else if (err_line < 0 || memchr(err, '\0', sizeof err) == NULL) {
        abort();
    }
    free(s);
    return 0;
}
