/* test_jsonlite.c — the JSON decoder (src/jsonlite.h): a table of values and
 * of errors (exact message, byte offset and line); then the same trees as
 * jansson's, value for value, on every JSON document the project keeps
 * (tests/uk/, tests/mixed/uk/, the fuzz seeds of fuzz/seeds/ukjson/, each
 * line of an NDJSON file) and on every prefix of a real document (both
 * reject a cut one, and agree on the values of a whole one). Run from the
 * repository root. */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "jsonlite.h"

/* ---------------------------------------------------------------- rendering */

struct out {
    char buf[4096];
    size_t n;
};

static void put(struct out *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n && o->n + 1 < sizeof o->buf; i++)
        o->buf[o->n++] = s[i];
    o->buf[o->n] = '\0';
}

static void puts_(struct out *o, const char *s)
{
    put(o, s, strlen(s));
}

/* A tree written back compactly: strings with their bytes as they are
 * (\n as \n), numbers as integers or %g. */
static void render(const struct jl_value *v, struct out *o)
{
    char num[64];
    switch (v->type) {
    case JL_NULL: puts_(o, "null"); break;
    case JL_TRUE: puts_(o, "true"); break;
    case JL_FALSE: puts_(o, "false"); break;
    case JL_INTEGER: snprintf(num, sizeof num, "%lld", v->u.i); puts_(o, num); break;
    case JL_REAL: snprintf(num, sizeof num, "%g", v->u.d); puts_(o, num); break;
    case JL_STRING:
        puts_(o, "\"");
        for (size_t i = 0; i < v->n; i++) {
            if (v->u.s[i] == '\n')
                puts_(o, "\\n");
            else
                put(o, v->u.s + i, 1);
        }
        puts_(o, "\"");
        if (v->u.s[v->n] != '\0')
            puts_(o, "(not NUL-terminated)");
        break;
    case JL_ARRAY:
        puts_(o, "[");
        for (size_t i = 0; i < v->n; i++) {
            if (i)
                puts_(o, ",");
            render(&v->u.items[i], o);
        }
        puts_(o, "]");
        break;
    case JL_OBJECT:
        puts_(o, "{");
        for (size_t i = 0; i < v->n; i++) {
            if (i)
                puts_(o, ",");
            puts_(o, v->u.members[i].key);
            puts_(o, ":");
            render(&v->u.members[i].value, o);
        }
        puts_(o, "}");
        break;
    }
}

/* ---------------------------------------------------------------- cases */

static void test_values(struct jl_parser *p)
{
    static const struct { const char *in, *want; } cases[] = {
        {"0", "0"}, {"-12", "-12"}, {" 3 ", "3"}, {"1.5", "1.5"}, {"-2e3", "-2000"}, {"1E+2", "100"},
        {"123456789012345678", "123456789012345678"},
        {"12345678901234567890", "1.23457e+19"},                 /* past 18 digits: a real */
        {"true", "true"}, {"false", "false"}, {"null", "null"},
        {"\"\"", "\"\""}, {"\"a b\"", "\"a b\""},
        {"\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\"\\/\b\f\\n\r\t\""},
        {"\"\\u00e9t\\u00E9\"", "\"\xC3\xA9t\xC3\xA9\""},           /* été */
        {"\"\\u20ac\"", "\"\xE2\x82\xAC\""},                        /* the euro sign */
        {"\"\\ud83d\\ude00\"", "\"\xF0\x9F\x98\x80\""},             /* a surrogate pair */
        {"\"caf\xC3\xA9\"", "\"caf\xC3\xA9\""},
        {"[]", "[]"}, {"{}", "{}"}, {"[1,[2,[3]],{}]", "[1,[2,[3]],{}]"},
        {"{\"a\":1,\"b\":[true,null],\"c\":{\"d\":\"e\"}}", "{a:1,b:[true,null],c:{d:\"e\"}}"},
        {"\xEF\xBB\xBF", NULL},                                     /* a BOM is not JSON */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct jl_error e;
        const struct jl_value *v = jl_parse(p, cases[i].in, strlen(cases[i].in), &e);
        check_note(cases[i].in);
        if (cases[i].want == NULL) {
            CHECK(v == NULL);
            continue;
        }
        struct out o = {.n = 0};
        if (v)
            render(v, &o);
        CHECK_STR(v ? o.buf : e.text, cases[i].want);
    }
}

static void test_errors(struct jl_parser *p)
{
    static const struct { const char *in; size_t at; int line; const char *msg; } cases[] = {
        {"", 0, 1, "expected a value, found the end"},
        {"tru", 0, 1, "invalid token 'tru'"},
        {"[1,tru]", 3, 1, "invalid token 'tru'"},
        {"[truex]", 1, 1, "invalid token 'truex'"},
        {"01", 0, 1, "invalid token '01'"},
        {"1.", 0, 1, "invalid token '1.'"},
        {"-", 0, 1, "invalid token '-'"},
        {"1e", 0, 1, "invalid token '1e'"},
        {"[1 2]", 3, 1, "expected ',' or ']', found '2'"},
        {"{\"a\" 1}", 5, 1, "expected ':' after a member name, found '1'"},
        {"{1:2}", 1, 1, "expected a member name, found '1'"},
        {"{\"a\":1,}", 7, 1, "expected a member name, found '}'"},
        {"[1,]", 3, 1, "expected a value, found ']'"},
        {"[1", 2, 1, "expected ',' or ']', found the end"},
        {"1 2", 2, 1, "expected the end after the value, found '2'"},
        {"\"abc", 0, 1, "a string not closed"},
        {"[\n\"a\nb\"]", 4, 2, "a line break inside a string"},
        {"\"a\tb\"", 2, 1, "control character 0x09 inside a string"},
        {"\"\xff\"", 1, 1, "invalid UTF-8 byte 0xFF in a string"},
        {"\"\xC0\xAF\"", 1, 1, "invalid UTF-8 byte 0xC0 in a string"},      /* overlong */
        {"\"\xED\xA0\x80\"", 1, 1, "invalid UTF-8 byte 0xED in a string"},  /* a surrogate */
        {"\"\\q\"", 1, 1, "invalid escape '\\' then 'q'"},
        {"\"\\u12g4\"", 1, 1, "invalid \\u escape"},
        {"\"\\udc00\"", 1, 1, "invalid \\u escape: a lone low surrogate"},
        {"\"\\ud800x\"", 1, 1, "invalid \\u escape: a high surrogate without its low one"},
        {"\"\\u0000\"", 1, 1, "\\u0000 is not allowed in a string"},
        {"{\"a\":\n\n  @}", 9, 3, "expected a value, found '@'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct jl_error e = {0, 0, ""};
        const struct jl_value *v = jl_parse(p, cases[i].in, strlen(cases[i].in), &e);
        check_note(cases[i].in);
        CHECK(v == NULL);
        CHECK_STR(e.text, cases[i].msg);
        CHECK_INT(e.position, cases[i].at);
        CHECK_INT(e.line, cases[i].line);
    }
}

/* Nesting: 2048 levels are read, 2049 are not. */
static void test_depth(struct jl_parser *p)
{
    static char deep[2 * 2049 + 1];
    for (int levels = 2048; levels <= 2049; levels++) {
        memset(deep, '[', (size_t)levels);
        memset(deep + levels, ']', (size_t)levels);
        struct jl_error e;
        const struct jl_value *v = jl_parse(p, deep, 2 * (size_t)levels, &e);
        if (levels == 2048) {
            CHECK(v != NULL);
        } else {
            CHECK(v == NULL);
            CHECK_STR(v ? NULL : e.text, "nested deeper than 2048 levels");
            CHECK_INT(v ? 0 : e.position, 2048);
        }
    }
}

/* Duplicate member names: jl_get gives the last, as jansson keeps it. */
static void test_get(struct jl_parser *p)
{
    struct jl_error e;
    const char *s = "{\"a\":1,\"b\":2,\"a\":3}";
    const struct jl_value *v = jl_parse(p, s, strlen(s), &e);
    CHECK(v != NULL);
    CHECK_INT(jl_get(v, "a") ? jl_get(v, "a")->u.i : 0, 3);
    CHECK(jl_get(v, "c") == NULL);
    CHECK(jl_get(jl_get(v, "b"), "x") == NULL);   /* not an object */
    CHECK(jl_get(NULL, "a") == NULL);
    CHECK_STR(jl_string(jl_get(v, "a")), NULL);
}

/* ---------------------------------------------------------------- against jansson */

/* Whether v and j are the same value. */
static bool same(const struct jl_value *v, const json_t *j)
{
    switch (v->type) {
    case JL_NULL: return json_is_null(j);
    case JL_TRUE: return json_is_true(j);
    case JL_FALSE: return json_is_false(j);
    case JL_INTEGER: return json_is_integer(j) && json_integer_value(j) == v->u.i;
    case JL_REAL: return json_is_real(j) && json_real_value(j) == v->u.d;
    case JL_STRING:
        return json_is_string(j) && json_string_length(j) == v->n &&
               memcmp(json_string_value(j), v->u.s, v->n) == 0;
    case JL_ARRAY:
        if (!json_is_array(j) || json_array_size(j) != v->n)
            return false;
        for (size_t i = 0; i < v->n; i++)
            if (!same(&v->u.items[i], json_array_get(j, i)))
                return false;
        return true;
    case JL_OBJECT:
        if (!json_is_object(j))
            return false;
        for (size_t i = 0; i < v->n; i++) {
            const json_t *m = json_object_get(j, v->u.members[i].key);
            if (m == NULL || !same(jl_get(v, v->u.members[i].key), m))
                return false;
        }
        /* every jansson member is one of ours (names may repeat here) */
        const char *key;
        json_t *m;
        json_object_foreach((json_t *)j, key, m)
            if (jl_get(v, key) == NULL)
                return false;
        return true;
    }
    return false;
}

static int agreed, both_rejected;

/* One input through both: the same verdict, the same tree. */
static void compare(struct jl_parser *p, const char *label, const char *s, size_t n)
{
    struct jl_error e;
    json_error_t je;
    const struct jl_value *v = jl_parse(p, s, n, &e);
    json_t *j = json_loadb(s, n, JSON_DECODE_ANY, &je);
    bool ok = (v == NULL) == (j == NULL) && (v == NULL || same(v, j));
    if (!ok) {
        printf("not ok - %s: jsonlite %s, jansson %s\n", label, v ? "read it" : e.text, j ? "read it" : je.text);
        check_failures++;
    } else {
        agreed++;
        both_rejected += v == NULL;
    }
    json_decref(j);
}

/* Every line of s that holds something, when it is NDJSON; else s whole. */
static void compare_file(struct jl_parser *p, const char *path)
{
    size_t n;
    char *s = check_read_file(path, &n);
    if (s == NULL) {
        printf("not ok - cannot read %s (run from the repository root)\n", path);
        check_failures++;
        return;
    }
    compare(p, path, s, n);
    if (strstr(path, ".ndjson") != NULL) {
        for (char *line = s, *end; line < s + n; line = end + 1) {
            end = memchr(line, '\n', (size_t)(s + n - line));
            if (end == NULL)
                end = s + n;
            if (end > line)
                compare(p, path, line, (size_t)(end - line));
        }
    }
    free(s);
}

static void compare_dir(struct jl_parser *p, const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        printf("not ok - cannot read %s\n", dir);
        check_failures++;
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || strstr(e->d_name, ".md") || strstr(e->d_name, ".tsv"))
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        compare_file(p, path);
    }
    closedir(d);
}

/* Every prefix of a whole real document: all but the whole are rejected by
 * both; and with a byte changed at each place, both still agree. */
static void compare_prefixes(struct jl_parser *p, const char *path)
{
    size_t n;
    char *s = check_read_file(path, &n);
    if (s == NULL) {
        printf("not ok - cannot read %s\n", path);
        check_failures++;
        return;
    }
    for (size_t k = 0; k <= n; k++)
        compare(p, path, s, k);
    static const char swaps[] = {'"', '\\', ',', '}', '1', 'x', '\n', (char)0xC3};
    for (size_t k = 0; k < n; k++) {
        char keep = s[k];
        s[k] = swaps[k % sizeof swaps];
        compare(p, path, s, n);
        s[k] = keep;
    }
    free(s);
}

int main(void)
{
    struct jl_parser *p = jl_new();
    if (p == NULL) {
        printf("not ok - jl_new: out of memory\n");
        return 1;
    }
    test_values(p);
    test_errors(p);
    test_depth(p);
    test_get(p);
    compare_dir(p, "tests/uk");
    compare_dir(p, "tests/mixed/uk");
    compare_dir(p, "fuzz/seeds/ukjson");
    compare_prefixes(p, "tests/uk/petitions_736296.json");
    compare_prefixes(p, "tests/uk/preview-archived_petitions_69837.json");
    printf("%s - jsonlite and jansson agree on %d inputs (%d rejected by both)\n",
           agreed > 5000 && both_rejected > 100 ? "ok" : "not ok", agreed, both_rejected);
    if (!(agreed > 5000 && both_rejected > 100))
        check_failures++;
    jl_free(p);
    return check_done();
}
