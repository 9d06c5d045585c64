/* fuzz_jsonlite.c — the JSON decoder (src/jsonlite.h) on arbitrary bytes,
 * against jansson: both accept or both reject (but where jansson differs:
 * an integer beyond 64 bits, a real that overflows, a NUL byte, which
 * jansson takes for the end of the input), the trees are
 * the same value for value, every string is NUL-terminated with no NUL
 * inside, and an error names a byte inside the input. The same bytes as a
 * prefix (jl_parse_prefix) give the same tree and say how far they went. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonlite.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fz_same(const struct jl_value *v, const json_t *j)
{
    switch (v->type) {
    case JL_NULL: return json_is_null(j);
    case JL_TRUE: return json_is_true(j);
    case JL_FALSE: return json_is_false(j);
    case JL_INTEGER: return json_is_integer(j) && json_integer_value(j) == v->u.i;
    case JL_REAL: return json_is_number(j);
    case JL_STRING:
        if (strlen(v->u.s) != v->n)
            abort();
        return json_is_string(j) && json_string_length(j) == v->n && memcmp(json_string_value(j), v->u.s, v->n) == 0;
    case JL_ARRAY:
        if (!json_is_array(j) || json_array_size(j) != v->n)
            return 0;
        for (size_t i = 0; i < v->n; i++)
            if (!fz_same(&v->u.items[i], json_array_get(j, i)))
                return 0;
        return 1;
    case JL_OBJECT:
        if (!json_is_object(j))
            return 0;
        for (size_t i = 0; i < v->n; i++) {
            const json_t *m = json_object_get(j, v->u.members[i].key);
            if (m == NULL || !fz_same(jl_get(v, v->u.members[i].key), m))
                return 0;
        }
        return 1;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct jl_parser *p;
    if (p == NULL && (p = jl_new()) == NULL)
        abort();
    const char *s = (const char *)data;
    struct jl_error e;
    const struct jl_value *v = jl_parse(p, s, size, &e);
    json_error_t je;
    json_t *j = json_loadb(s, size, JSON_DECODE_ANY, &je);
    int limits = (j == NULL && (strstr(je.text, "too big") || strstr(je.text, "overflow"))) ||
                 memchr(s, '\0', size) != NULL;
    if (v == NULL && (e.position > size || e.line < 1 || e.text[0] == '\0'))
        abort();
    if (!limits && ((v == NULL) != (j == NULL) || (v != NULL && !fz_same(v, j))))
        abort();
    json_decref(j);
    size_t used = 0;
    const char *first = memchr(s, '{', size);
    if (first != NULL) {
        v = jl_parse_prefix(p, first, size - (size_t)(first - s), JL_MAX_DEPTH, &used, &e);
        if (v != NULL && (used == 0 || used > size - (size_t)(first - s) || first[used - 1] != '}'))
            abort();
    }
    return 0;
}
