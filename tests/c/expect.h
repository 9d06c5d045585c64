/* expect.h — expectation files (NAME.expect): what a page's record holds,
 * one `field: value` a line, and the check of a parsed record against one,
 * field by field through the schema (record.h). The format is described in
 * tests/real/README.md. Used by test_expect.c, which checks every
 * expectation file of the project.
 *
 * A check prints one line per field:
 *   ok - tests/real/e-2559.expect presenter
 *   not ok - tests/real/e-4701.expect sponsor_riding: expected "Peterborough—Kawartha", got "Michelle Ferreri"
 * The record is put in the vocabularies the rules give, as petlua.load puts
 * it: department and topic are the canonical names. */
#ifndef PETLUA_EXPECT_H
#define PETLUA_EXPECT_H

#include "check.h"
#include "date.h"
#include "page.h"
#include "pageload.h"
#include "testdata.h"
#include "vocab.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The day the derived fields are worked out against, unless a file says. */
#define EXPECT_AS_OF "2026-01-01"

/* ---- key: value entries ---------------------------------------------------- */

struct entry {
    char *key;
    char *value;
};

struct entries {
    struct entry *items;
    size_t n, cap;
};

static void add(struct entries *es, const char *key, const char *value)
{
    if (es->n == es->cap) {
        es->cap = es->cap ? es->cap * 2 : 64;
        es->items = realloc(es->items, es->cap * sizeof *es->items);
        if (!es->items) {
            fprintf(stderr, "out of memory\n");
            exit(1);
        }
    }
    es->items[es->n].key = testdata_dup(key, strlen(key));
    es->items[es->n].value = testdata_dup(value, strlen(value));
    es->n++;
}

static void entries_free(struct entries *es)
{
    for (size_t i = 0; i < es->n; i++) {
        free(es->items[i].key);
        free(es->items[i].value);
    }
    free(es->items);
    es->items = NULL;
    es->n = es->cap = 0;
}

static const char *find(const struct entries *es, const char *key)
{
    for (size_t i = 0; i < es->n; i++)
        if (strcmp(es->items[i].key, key) == 0)
            return es->items[i].value;
    return NULL;
}

/* ---- an expectation file --------------------------------------------------- */

struct expect_file {
    char *path;               /* the expectation file */
    char *page;               /* the page it describes */
    char as_of[11];           /* YYYY-MM-DD: the day of the derived fields */
    bool warnings_stated;     /* it has `warnings: none` or `warnings[]` lines */
    struct entries want;
};

static bool expect_fail(const char *path, int line, const char *what)
{
    if (line > 0)
        printf("not ok - %s:%d: %s\n", path, line, what);
    else
        printf("not ok - %s: %s\n", path, what);
    check_failures++;
    return false;
}

static bool file_exists(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f)
        fclose(f);
    return f != NULL;
}

/* The page beside an expectation file: NAME.txt, else NAME.html; NULL if neither. */
static char *page_beside(const char *path)
{
    size_t n = strlen(path) - strlen(".expect");
    char *page = testdata_alloc(n + sizeof ".html");
    static const char *const exts[] = { ".txt", ".html" };
    for (int k = 0; k < 2; k++) {
        memcpy(page, path, n);
        strcpy(page + n, exts[k]);
        if (file_exists(page))
            return page;
    }
    free(page);
    return NULL;
}

/* A header line "# NAME: VALUE" (before the first entry): its value, or NULL. */
static const char *header_value(const char *line, size_t n, const char *name, size_t *vlen)
{
    size_t k = strlen(name);
    if (n < k + 4 || strncmp(line, "# ", 2) != 0 || strncmp(line + 2, name, k) != 0 ||
        strncmp(line + 2 + k, ": ", 2) != 0)
        return NULL;
    *vlen = n - (k + 4);
    return line + k + 4;
}

/* One `NAME: VALUE` line into ef->want; false if it is not one. */
static bool read_entry(struct expect_file *ef, const char *line, size_t n)
{
    const char *sep = NULL;
    for (size_t i = 0; i + 1 < n && !sep; i++)
        if (line[i] == ':' && line[i + 1] == ' ')
            sep = line + i;
    char *value;
    if (!sep || sep == line || !testdata_unescape(sep + 2, n - (size_t)(sep + 2 - line), &value, NULL))
        return false;
    char *key = testdata_dup(line, (size_t)(sep - line));
    bool ok = strcmp(key, "warnings") != 0 || strcmp(value, "none") == 0;
    if (ok) {
        ef->warnings_stated |= strcmp(key, "warnings") == 0 || strcmp(key, "warnings[]") == 0;
        add(&ef->want, key, value);
    }
    free(key);
    free(value);
    return ok;
}

/* Reads an expectation file and finds its page; a malformed line, a bad
 * header or a missing page is a failure named by file and line. */
static bool expect_read(const char *path, struct expect_file *ef)
{
    memset(ef, 0, sizeof *ef);
    ef->path = testdata_dup(path, strlen(path));
    strcpy(ef->as_of, EXPECT_AS_OF);
    size_t len;
    char *text = check_read_file(path, &len);
    if (!text)
        return expect_fail(path, 0, "cannot be read");
    bool good = true, in_header = true;
    int no = 0;
    for (const char *line = text; line < text + len; line++) {
        const char *end = memchr(line, '\n', (size_t)(text + len - line));
        size_t n = end ? (size_t)(end - line) : (size_t)(text + len - line), vlen;
        const char *v;
        no++;
        if ((v = header_value(line, n, "page", &vlen)) || (v = header_value(line, n, "as_of", &vlen))) {
            bool is_page = line[2] == 'p';
            struct date_value d;
            char err[80];
            if (!in_header)
                good = expect_fail(path, no, "a '# page:' or '# as_of:' line belongs before the first entry");
            else if (is_page && !ef->page)
                ef->page = testdata_dup(v, vlen);
            else if (!is_page && vlen == 10 && date_parse(v, vlen, &d, err, sizeof err) == 0 && !d.has_time)
                memcpy(ef->as_of, v, 10);
            else
                good = expect_fail(path, no, is_page ? "a second '# page:' line" : "as_of is not a date YYYY-MM-DD");
        } else if (n > 0 && line[0] != '#') {
            in_header = false;
            if (!read_entry(ef, line, n))
                good = expect_fail(path, no, "not a 'field: value' line (or 'warnings: none')");
        }
        line += n;
    }
    free(text);
    if (!ef->page && !(ef->page = page_beside(path)))
        good = expect_fail(path, 0, "no page: no NAME.txt or NAME.html beside it, and no '# page:' line");
    return good;
}

static void expect_file_free(struct expect_file *ef)
{
    free(ef->path);
    free(ef->page);
    entries_free(&ef->want);
    memset(ef, 0, sizeof *ef);
}

/* ---- the record as entries ------------------------------------------------ */

/* The value of field f of r as the expectations write it, under key, or
 * nothing when r lacks it; for lists, responses and counts, one entry per
 * item ("grievances[]", "responses[N].text", "signatures_by_province[P]").
 * A list present with no item, or a response with no field, is an entry no
 * expectation can state, so it always fails. The fields are the schema's
 * (record.h): a field added there is checked. */
static void add_field(struct entries *es, const struct record *r, int f)
{
    const struct record_field *d = &record_fields[f];
    const char *at = (const char *)r + d->offset;
    size_t n = d->count_offset ? *(const size_t *)((const char *)r + d->count_offset) : 0;
    char key[160], buf[32];
    if (!record_has(r, f))
        return;
    if (d->count_offset && n == 0) {
        add(es, d->name, "(present, with no item)");
        return;
    }
    switch (d->kind) {
    case RECORD_INTEGER:
        snprintf(buf, sizeof buf, "%ld", *(const long *)at);
        add(es, d->name, buf);
        break;
    case RECORD_BOOLEAN:
        add(es, d->name, *(const int *)at ? "true" : "false");
        break;
    case RECORD_LIST:
        snprintf(key, sizeof key, "%s[]", d->name);
        for (size_t i = 0; i < n; i++)
            add(es, key, (*(const char *const *const *)at)[i]);
        break;
    case RECORD_RESPONSES:
        for (size_t i = 0; i < n; i++) {
            const struct record_response *p = &(*(const struct record_response *const *)at)[i];
            bool any = false;
#define ADD_RESPONSE_FIELD(sub) \
            if (p->sub) { snprintf(key, sizeof key, "%s[%zu]." #sub, d->name, i + 1); add(es, key, p->sub); any = true; }
            RECORD_RESPONSE_FIELDS(ADD_RESPONSE_FIELD)
#undef ADD_RESPONSE_FIELD
            if (!any) {
                snprintf(key, sizeof key, "%s[%zu]", d->name, i + 1);
                add(es, key, "(a response with no field)");
            }
        }
        break;
    case RECORD_COUNTS:
        for (size_t i = 0; i < n; i++) {
            const struct record_count *c = &(*(const struct record_count *const *)at)[i];
            snprintf(key, sizeof key, "%s[%s]", d->name, c->name);
            snprintf(buf, sizeof buf, "%ld", c->count);
            add(es, key, buf);
        }
        break;
    case RECORD_CONSTITUENCIES:
        for (size_t i = 0; i < n; i++) {
            const struct record_constituency *c = &(*(const struct record_constituency *const *)at)[i];
            char row[512];
            snprintf(key, sizeof key, "%s[]", d->name);
            snprintf(row, sizeof row, "%s | %s | %s | %ld", c->name, c->code ? c->code : "-",
                     c->mp ? c->mp : "-", c->count);
            add(es, key, row);
        }
        break;
    default:
        add(es, d->name, *(const char *const *)at);
        break;
    }
}

/* The page's warnings as the expectations write them: `warnings: none`, or
 * one `warnings[]: LINE TEXT` each, in order. */
static void add_warnings(struct entries *es, const struct record *r)
{
    if (r->n_warnings == 0)
        add(es, "warnings", "none");
    for (size_t i = 0; i < r->n_warnings; i++) {
        size_t n = strlen(r->warnings[i].text) + 24;
        char *v = testdata_alloc(n);
        snprintf(v, n, "%d %s", r->warnings[i].line, r->warnings[i].text);
        add(es, "warnings[]", v);
        free(v);
    }
}

/* Every field of the record. */
static void record_entries(const struct record *r, struct entries *es)
{
    for (int f = 0; f < RECORD_N_FIELDS; f++)
        add_field(es, r, f);
}

/* ---- comparing ------------------------------------------------------------ */

struct tally {
    int right, checked;
};

/* What the checker makes of a file beyond its lines: the vocabularies the
 * records are put in (as petlua.load does). */
struct expect_rules {
    const struct vocab *vocab;
};

static bool is_list_key(const char *key)
{
    size_t n = strlen(key);
    return n > 2 && strcmp(key + n - 2, "[]") == 0;
}

/* A value for a message: quoted, escaped, and around the first difference
 * from other when it is long. */
static void show(const char *v, const char *other)
{
    if (!v) {
        printf("(missing)");
        return;
    }
    size_t at = 0;
    while (other && v[at] && v[at] == other[at])
        at++;
    size_t from = at > 60 ? at - 40 : 0, n = strlen(v);
    while (from > 0 && ((unsigned char)v[from] & 0xC0) == 0x80)
        from--;                             /* not inside a character */
    printf("%s\"", from > 0 ? "..." : "");
    for (size_t i = from; i < n && i < from + 160; i++) {
        if (v[i] == '\n')
            printf("\\n");
        else if (v[i] == '\\')
            printf("\\\\");
        else
            putchar(v[i]);
    }
    printf("\"%s", n > from + 160 ? "..." : "");
}

static void verdict(const char *label, const char *key, bool ok, const char *want, const char *got,
                    struct tally *t)
{
    t->checked++;
    t->right += ok;
    if (ok) {
        printf("ok - %s %s\n", label, key);
        return;
    }
    check_failures++;
    printf("not ok - %s %s: expected ", label, key);
    show(want, got);
    printf(", got ");
    show(got, want);
    printf("\n");
}

/* A list key: the items in order, "?" items present but not compared. */
static void compare_list(const char *label, const char *key, const struct entries *want,
                         const struct entries *got, struct tally *t)
{
    size_t nw = 0, ng = 0;
    bool same = true;
    const char *first_w = NULL, *first_g = NULL;
    for (size_t i = 0, j = 0; i < want->n || j < got->n;) {
        while (i < want->n && strcmp(want->items[i].key, key) != 0)
            i++;
        while (j < got->n && strcmp(got->items[j].key, key) != 0)
            j++;
        const char *w = i < want->n ? want->items[i++].value : NULL;
        const char *g = j < got->n ? got->items[j++].value : NULL;
        nw += w != NULL;
        ng += g != NULL;
        if ((w || g) && same && (!w || !g || (strcmp(w, "?") != 0 && strcmp(w, g) != 0))) {
            same = false;
            first_w = w, first_g = g;
        }
    }
    if (same) {
        verdict(label, key, true, NULL, NULL, t);
        return;
    }
    char what[160];
    snprintf(what, sizeof what, "%s (%zu items expected, %zu got; first difference)", key, nw, ng);
    verdict(label, what, false, first_w ? first_w : "(no item)", first_g ? first_g : "(no item)", t);
}

static bool is_count_key(const char *key)
{
    return strncmp(key, "signatures_by_province[", 23) == 0;
}

/* The keys of the province table's rows of es, in order, joined by ", ". */
static void count_order(const struct entries *es, char *out, size_t size)
{
    size_t at = 0;
    out[0] = '\0';
    for (size_t i = 0; i < es->n && at < size; i++)
        if (is_count_key(es->items[i].key))
            at += (size_t)snprintf(out + at, size - at, "%s%.*s", at ? ", " : "",
                                   (int)strlen(es->items[i].key + 23) - 1, es->items[i].key + 23);
}

/* The province table's rows in the page's order (the record keeps it; a
 * Lua table cannot), when both sides have the same rows (else the rows
 * themselves were told). */
static void compare_count_order(const char *label, const struct entries *want, const struct entries *got,
                                struct tally *t)
{
    size_t nw = 0, ng = 0, shared = 0;
    for (size_t i = 0; i < want->n; i++)
        nw += is_count_key(want->items[i].key);
    for (size_t i = 0; i < got->n; i++) {
        ng += is_count_key(got->items[i].key);
        shared += is_count_key(got->items[i].key) && find(want, got->items[i].key);
    }
    if (nw < 2 || ng != nw || shared != nw)
        return;
    char w[600], g[600];
    count_order(want, w, sizeof w);
    count_order(got, g, sizeof g);
    verdict(label, "signatures_by_province (the rows' order)", strcmp(w, g) == 0, w, g, t);
}

/* Every key of either side, once, in the expectation's order then the record's. */
static void compare(const char *label, const struct entries *want, const struct entries *got,
                    struct tally *t)
{
    struct entries keys = { 0 };
    for (int side = 0; side < 2; side++) {
        const struct entries *es = side == 0 ? want : got;
        for (size_t i = 0; i < es->n; i++)
            if (!find(&keys, es->items[i].key))
                add(&keys, es->items[i].key, "");
    }
    for (size_t k = 0; k < keys.n; k++) {
        const char *key = keys.items[k].key;
        if (is_list_key(key)) {
            compare_list(label, key, want, got, t);
            continue;
        }
        const char *w = find(want, key), *g = find(got, key);
        if (w && strcmp(w, "?") == 0)
            continue;                       /* the copy was cut on that line */
        bool ok = w && g ? strcmp(w, g) == 0 : w == g;
        verdict(label, key, ok, w, g, t);
    }
    compare_count_order(label, want, got, t);
    entries_free(&keys);
}

/* ---- one page -------------------------------------------------------------- */

/* The line number of the last line of text[0..len) that holds a non-blank byte. */
static int last_text_line(const char *text, size_t len)
{
    int line = 1, last = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n')
            line++;
        else if (text[i] != ' ' && text[i] != '\r' && text[i] != '\t')
            last = line;
    }
    return last;
}

static long iso_day(const char *iso)
{
    struct date_value d;
    char err[80];
    if (date_parse(iso, strlen(iso), &d, err, sizeof err) != 0)
        return 0;
    return date_days_from_civil(d.year, d.month, d.day);
}

/* The page of ef parsed as petlua.load reads it (an HTML page through the
 * html core), the derived fields worked out as of its as_of, and every field
 * compared; source must be the page's path. Warnings are compared where the
 * file states them; elsewhere a page may warn only about its last line (a
 * copy cut short there). */
static void expect_check(const struct expect_file *ef, const struct expect_rules *rules, struct tally *t)
{
    struct entries got = { 0 };
    size_t len;
    char *text = check_read_file(ef->page, &len);
    struct pageload_result r = { .outcome = PAGELOAD_PENDING };
    if (text)
        pageload_text(text, len, ef->page, rules->vocab, &r);
    if (!text || r.outcome != PAGELOAD_RECORD) {
        printf("not ok - %s: %s is not read as a page: %s\n", ef->path, ef->page, text ? r.err : "cannot be read");
        check_failures++;
    } else {
        record_derive(r.rec, iso_day(ef->as_of));
        record_entries(r.rec, &got);
        struct entries want = ef->want;    /* with source, unless the file gives it */
        struct entries with_source = { 0 };
        if (!find(&want, "source")) {
            for (size_t i = 0; i < want.n; i++)
                add(&with_source, want.items[i].key, want.items[i].value);
            add(&with_source, "source", ef->page);
            want = with_source;
        }
        if (ef->warnings_stated)
            add_warnings(&got, r.rec);
        compare(ef->path, &want, &got, t);
        entries_free(&with_source);
        int last = last_text_line(text, len);
        for (size_t i = 0; !ef->warnings_stated && i < r.rec->n_warnings; i++) {
            bool ok = r.rec->warnings[i].line == last;
            printf("%s - %s warns only about its last line: line %d \"%s\"\n", ok ? "ok" : "not ok",
                   ef->path, r.rec->warnings[i].line, r.rec->warnings[i].text);
            check_failures += !ok;
        }
    }
    pageload_result_clear(&r);
    free(text);
    entries_free(&got);
}

#endif
