/* test_real_pages.c — the parser on the real pages: every tests/real/NAME.expect
 * (and tests/real/html/NAME.expect) is read, its page parsed as petlua.load reads
 * it (an HTML page through the html core), the derived fields worked out as of
 * 2026-01-01, and every field of the record compared with the value read on the
 * page by hand (the format is in tests/real/README.md):
 *   ok - e-2559 presenter
 *   not ok - e-4701 sponsor_riding: expected "Peterborough—Kawartha", got "Michelle Ferreri"
 * `department` lines are not checked until the department vocabulary exists;
 * the topic of a French page is reported as skipped, not passed, while it
 * differs only for want of the topic vocabulary (both are that vocabulary's
 * work). A page may warn only about its last line (a copy cut short there).
 * The last line is the accuracy: fields right of fields checked. */
#include "check.h"
#include "date.h"
#include "page.h"
#include "pageload.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AS_OF "2026-01-01"

/* ---- key: value entries ---------------------------------------------------- */

struct entry {
    char *key;
    char *value;
};

struct entries {
    struct entry *items;
    size_t n, cap;
};

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

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
    es->items[es->n].key = dup_n(key, strlen(key));
    es->items[es->n].value = dup_n(value, strlen(value));
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

/* The value of s[0..n) with \n, \t and \\ decoded; false on any other escape. */
static bool unescape(const char *s, size_t n, char **out)
{
    char *d = dup_n(s, n);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\') {
            d[o++] = s[i];
            continue;
        }
        char c = i + 1 < n ? s[++i] : '\0';
        if (c == 'n')
            d[o++] = '\n';
        else if (c == 't')
            d[o++] = '\t';
        else if (c == '\\')
            d[o++] = '\\';
        else {
            free(d);
            return false;
        }
    }
    d[o] = '\0';
    *out = d;
    return true;
}

/* Reads an expectation file; a malformed line is a failure named by file and line. */
static bool read_expect(const char *path, struct entries *es)
{
    size_t len;
    char *text = check_read_file(path, &len);
    if (!text) {
        printf("not ok - %s: cannot be read\n", path);
        check_failures++;
        return false;
    }
    bool good = true;
    int no = 0;
    for (char *line = text; line < text + len; no++) {
        char *end = memchr(line, '\n', (size_t)(text + len - line));
        size_t n = end ? (size_t)(end - line) : (size_t)(text + len - line);
        char *sep = n > 0 && line[0] != '#' ? strstr(line, ": ") : NULL;
        if (sep && sep >= line + n)
            sep = NULL;
        char *value = NULL;
        if (n == 0 || line[0] == '#') {
            /* a comment or a blank line */
        } else if (!sep || sep == line || !unescape(sep + 2, n - (size_t)(sep + 2 - line), &value)) {
            printf("not ok - %s:%d: not a 'field: value' line\n", path, no + 1);
            check_failures++;
            good = false;
        } else {
            char *key = dup_n(line, (size_t)(sep - line));
            add(es, key, value);
            free(key);
            free(value);
        }
        line += n + 1;
    }
    free(text);
    return good;
}

/* ---- the record as entries ------------------------------------------------ */

/* The value of field f of r as the expectations write it, under key, or
 * nothing when r lacks it; for lists, responses and counts, one entry per
 * item ("grievances[]", "responses[N].text", "signatures_by_province[P]").
 * The fields are the schema's (record.h): a field added there is checked. */
static void add_field(struct entries *es, const struct record *r, int f)
{
    const struct record_field *d = &record_fields[f];
    const char *at = (const char *)r + d->offset;
    size_t n = d->count_offset ? *(const size_t *)((const char *)r + d->count_offset) : 0;
    char key[160], buf[32];
    if (!record_has(r, f))
        return;
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
#define ADD_RESPONSE_FIELD(sub) \
            if (p->sub) { snprintf(key, sizeof key, "%s[%zu]." #sub, d->name, i + 1); add(es, key, p->sub); }
            RECORD_RESPONSE_FIELDS(ADD_RESPONSE_FIELD)
#undef ADD_RESPONSE_FIELD
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
    default:
        add(es, d->name, *(const char *const *)at);
        break;
    }
}

/* Every field of the record but source (the checker knows the file). */
static void record_entries(const struct record *r, struct entries *es)
{
    for (int f = 0; f < RECORD_N_FIELDS; f++)
        if (f != RECORD_FIELD_source)
            add_field(es, r, f);
}

/* ---- comparing ------------------------------------------------------------ */

struct tally {
    int right, checked;
};

static bool is_list_key(const char *key)
{
    size_t n = strlen(key);
    return n > 2 && strcmp(key + n - 2, "[]") == 0;
}

/* department and responses[N].department: the vocabulary's, not checked yet. */
static bool is_pending_key(const char *key)
{
    const char *dot = strrchr(key, '.');
    return strcmp(key, "department") == 0 || (dot && strcmp(dot, ".department") == 0);
}

static const char *find(const struct entries *es, const char *key)
{
    for (size_t i = 0; i < es->n; i++)
        if (strcmp(es->items[i].key, key) == 0)
            return es->items[i].value;
    return NULL;
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

static void verdict(const char *page, const char *key, bool ok, const char *want, const char *got,
                    struct tally *t)
{
    t->checked++;
    t->right += ok;
    if (ok) {
        printf("ok - %s %s\n", page, key);
        return;
    }
    check_failures++;
    printf("not ok - %s %s: expected ", page, key);
    show(want, got);
    printf(", got ");
    show(got, want);
    printf("\n");
}

/* A list key: the items in order, "?" items present but not compared. */
static void compare_list(const char *page, const char *key, const struct entries *want,
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
        verdict(page, key, true, NULL, NULL, t);
        return;
    }
    char label[160], wbuf[64], gbuf[64];
    snprintf(label, sizeof label, "%s (%zu items expected, %zu got; first difference)", key, nw, ng);
    snprintf(wbuf, sizeof wbuf, "(no item)");
    snprintf(gbuf, sizeof gbuf, "(no item)");
    verdict(page, label, false, first_w ? first_w : wbuf, first_g ? first_g : gbuf, t);
}

/* Every key of either side, once, in the expectation's order then the record's. */
static void compare(const char *page, const struct entries *want, const struct entries *got,
                    const char *lang, struct tally *t)
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
        if (is_pending_key(key))
            continue;
        if (is_list_key(key)) {
            compare_list(page, key, want, got, t);
            continue;
        }
        const char *w = find(want, key), *g = find(got, key);
        if (w && strcmp(w, "?") == 0)
            continue;                       /* the copy was cut on that line */
        bool ok = w && g ? strcmp(w, g) == 0 : w == g;
        if (!ok && strcmp(key, "topic") == 0 && lang && strcmp(lang, "fr") == 0 && w && g) {
            t->checked++;                   /* not right, and not the parser's to make right */
            printf("skip - %s topic: expected \"%s\", got \"%s\" (the topic vocabulary is not there yet)\n",
                   page, w, g);
            continue;
        }
        verdict(page, key, ok, w, g, t);
    }
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

static void check_page(const char *expect_path, const char *page_path, const char *name,
                       long as_of, struct tally *t)
{
    struct entries want = { 0 }, got = { 0 };
    if (!read_expect(expect_path, &want))
        return;
    size_t len;
    char *text = check_read_file(page_path, &len);
    struct pageload_result r = { .outcome = PAGELOAD_PENDING };
    if (text)
        pageload_text(text, len, page_path, NULL, &r);
    if (!text || r.outcome != PAGELOAD_RECORD) {
        printf("not ok - %s: %s is not read as a page: %s\n", name, page_path, text ? r.err : "cannot be read");
        check_failures++;
    } else {
        record_derive(r.rec, as_of);
        record_entries(r.rec, &got);
        compare(name, &want, &got, r.rec->lang, t);
        int last = last_text_line(text, len);
        for (size_t i = 0; i < r.rec->n_warnings; i++) {
            bool ok = r.rec->warnings[i].line == last;
            printf("%s - %s warns only about its last line: line %d \"%s\"\n", ok ? "ok" : "not ok",
                   name, r.rec->warnings[i].line, r.rec->warnings[i].text);
            check_failures += !ok;
        }
    }
    pageload_result_clear(&r);
    free(text);
    entries_free(&want);
    entries_free(&got);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The NAME.expect files of a folder, sorted. */
static size_t list_expects(const char *dir, char ***names)
{
    DIR *d = opendir(dir);
    size_t n = 0, cap = 0;
    *names = NULL;
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t k = strlen(e->d_name);
        if (k <= 7 || strcmp(e->d_name + k - 7, ".expect") != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            *names = realloc(*names, cap * sizeof **names);
        }
        (*names)[n++] = dup_n(e->d_name, k - 7);
    }
    closedir(d);
    qsort(*names, n, sizeof **names, by_name);
    return n;
}

static bool file_exists(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f)
        fclose(f);
    return f != NULL;
}

/* tests/real/NAME.expect is data/real/NAME.txt, or data/NAME.txt (e-2559);
 * tests/real/html/NAME.expect is tests/real/html/NAME.html. */
static size_t check_folder(const char *dir, bool html, long as_of, struct tally *t)
{
    char **names;
    size_t n = list_expects(dir, &names);
    for (size_t i = 0; i < n; i++) {
        char expect[512], page[512];
        snprintf(expect, sizeof expect, "%s/%s.expect", dir, names[i]);
        if (html)
            snprintf(page, sizeof page, "%s/%s.html", dir, names[i]);
        else {
            snprintf(page, sizeof page, "data/real/%s.txt", names[i]);
            if (!file_exists(page))
                snprintf(page, sizeof page, "data/%s.txt", names[i]);
        }
        check_page(expect, page, names[i], as_of, t);
        free(names[i]);
    }
    free(names);
    return n;
}

int main(void)
{
    struct date_value d;
    char err[80];
    if (date_parse(AS_OF, strlen(AS_OF), &d, err, sizeof err) != 0)
        return 1;
    long as_of = date_days_from_civil(d.year, d.month, d.day);
    struct tally t = { 0, 0 };
    size_t pages = check_folder("tests/real", false, as_of, &t);
    pages += check_folder("tests/real/html", true, as_of, &t);
    check_report(pages >= 69, __FILE__, __LINE__, "every real page has its expectation (69 or more)");
    printf("# %zu pages: %d of %d fields right\n", pages, t.right, t.checked);
    return check_done();
}
