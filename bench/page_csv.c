/* page_csv.c — the C page parser alone (src/page.c), one CSV row per page, for bench/accuracy.py.
 * Lets the parser's accuracy be scored before or without the Lua binding:
 *
 *   make build
 *   cc -O2 -std=c11 -Isrc -o build/page_csv bench/page_csv.c build/page.o build/page_arena.o \
 *      build/page_text.o build/date.o $(pkg-config --libs libutf8proc)
 *   build/page_csv FILE... > records.csv
 *
 * Columns as in gen's truth CSV. Derived fields as of 2026-01-01. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "page.h"
#include "date.h"

static void cell(const char *s)
{
    if (!s) return;
    if (!strpbrk(s, ",\"\n\r")) { fputs(s, stdout); return; }
    putchar('"');
    for (; *s; s++) { if (*s == '"') putchar('"'); putchar(*s); }
    putchar('"');
}

static void num(long v) { if (v != PAGE_MISSING_INT) printf("%ld", v); }

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0, k;
    char *b = malloc(cap);
    while ((k = fread(b + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) b = realloc(b, cap *= 2);
    }
    fclose(f);
    *len = n;
    return b;
}

int main(int argc, char **argv)
{
    puts("source,id,lang,kind,topic,original_language,initiator,initiator_city,initiator_province,addressee,"
         "n_grievances,keywords,n_responses,responder,signed_by,opened_at,closed_at,opened,closed,presented,"
         "petition_no,parliament,session,presenter,presenter_riding,sponsor,sponsor_riding,sponsor_caucus,"
         "sponsor_province,response_tabled,sessional_paper,signatures,not_certified,response_days,late");
    long as_of = date_days_from_civil(2026, 1, 1);
    for (int i = 1; i < argc; i++) {
        size_t len;
        char *text = slurp(argv[i], &len), err[256];
        int err_line;
        if (!text) continue;
        struct record *r = page_parse(text, len, argv[i], &err_line, err, sizeof err);
        free(text);
        if (!r) continue;
        struct page_derived d = page_derive(r, as_of);
        const char *s1[] = {r->source, r->id, r->lang, r->kind, r->topic, r->original_language, r->initiator,
                            r->initiator_city, r->initiator_province, r->addressee};
        for (size_t k = 0; k < 10; k++) { if (k) putchar(','); cell(s1[k]); }
        putchar(',');
        if (r->grievances) printf("%zu", r->n_grievances);
        putchar(',');
        for (size_t k = 0; r->keywords && k < r->n_keywords; k++) { if (k) putchar('|'); cell(r->keywords[k]); }
        putchar(',');
        if (r->responses) printf("%zu", r->n_responses);
        putchar(','); cell(r->n_responses ? r->responses[0].responder : NULL);
        putchar(','); cell(r->n_responses ? r->responses[0].signed_by : NULL);
        const char *s2[] = {r->opened_at, r->closed_at, r->opened, r->closed, r->presented, r->petition_no};
        for (size_t k = 0; k < 6; k++) { putchar(','); cell(s2[k]); }
        putchar(','); num(r->parliament);
        putchar(','); num(r->session);
        const char *s3[] = {r->presenter, r->presenter_riding, r->sponsor, r->sponsor_riding, r->sponsor_caucus,
                            r->sponsor_province, r->response_tabled, r->sessional_paper};
        for (size_t k = 0; k < 8; k++) { putchar(','); cell(s3[k]); }
        putchar(','); num(r->signatures);
        putchar(','); cell(d.status && !strcmp(d.status, "not_certified") ? "true" : NULL);
        putchar(','); num(d.response_days);
        putchar(','); cell(d.late == PAGE_MISSING_INT ? NULL : d.late ? "true" : "false");
        putchar('\n');
        record_free(r);
    }
    return 0;
}
