/* jsonlite.h — one JSON value held in memory, parsed into a tree. A C core:
 * no Lua here.
 *
 * Why not a library: the UK reader (ukjson.c) decodes every petition's bytes,
 * and jansson spent most of the load doing it, mostly in malloc and free (a
 * call for every value, every member name, every string). This parser
 * builds the tree in memory the parser keeps from one value to the next (a
 * few blocks, reused: no allocation per value once they have grown), and
 * copies each string once. It checks what a strict JSON parser checks
 * (RFC 8259: the grammar, strings of valid UTF-8 with no raw control
 * characters, escapes, surrogate pairs), and rejects "\u0000" so that
 * every string is a C string.
 *
 *   struct jl_parser *p = jl_new();
 *   const struct jl_value *v = jl_parse(p, bytes, n, &err);   NULL: err says why
 *   ... jl_get(v, "attributes") ...   (valid until the next jl_parse)
 *   jl_free(p);
 *
 * Errors give the byte offset in the input (from 0) where the problem is,
 * its 1-based line, and a one-line message:
 *   "invalid token 'tru'", "invalid UTF-8 byte 0xFF in a string",
 *   "a line break inside a string", "expected ',' or '}'".
 * No global state: a parser belongs to one thread at a time. */
#ifndef PETLUA_JSONLITE_H
#define PETLUA_JSONLITE_H

#include <stdbool.h>
#include <stddef.h>

enum jl_type { JL_NULL, JL_FALSE, JL_TRUE, JL_INTEGER, JL_REAL, JL_STRING, JL_ARRAY, JL_OBJECT };

struct jl_member;

struct jl_value {
    enum jl_type type;
    size_t n;                            /* bytes of a string; items or members */
    union {
        long long i;                     /* JL_INTEGER (one too large is a JL_REAL) */
        double d;                        /* JL_REAL */
        const char *s;                   /* JL_STRING: NUL-terminated, valid UTF-8 */
        const struct jl_value *items;    /* JL_ARRAY */
        const struct jl_member *members; /* JL_OBJECT, in the order of the input */
    } u;
};

struct jl_member {
    const char *key;                     /* NUL-terminated */
    size_t key_len;
    struct jl_value value;
};

struct jl_error {
    size_t position;                     /* byte offset in the input */
    int line;                            /* 1-based */
    char text[160];
};

#define JL_MAX_DEPTH 2048

struct jl_parser;

/* NULL when memory runs out. */
struct jl_parser *jl_new(void);
void jl_free(struct jl_parser *p);

/* The value in s[0..n), blanks allowed around it and nothing else; NULL
 * with *err filled when it is not one (or memory ran out: "out of memory").
 * The tree lives in p until the next jl_parse or jl_free. */
const struct jl_value *jl_parse(struct jl_parser *p, const char *s, size_t n, struct jl_error *err);

/* The same for the value that begins at s[0], followed by anything, in at
 * most max_depth levels (the levels its reader has left): *used is the bytes
 * it took. For a reader that knows where values begin. */
const struct jl_value *jl_parse_prefix(struct jl_parser *p, const char *s, size_t n, int max_depth,
                                       size_t *used, struct jl_error *err);

/* The member named key of an object (the last one, should the name come
 * twice), or NULL: no such member, or v is not an object (or NULL). */
const struct jl_value *jl_get(const struct jl_value *v, const char *key);

static inline bool jl_is(const struct jl_value *v, enum jl_type t)
{
    return v != NULL && v->type == t;
}

/* The string of v, or NULL when v is not a string. */
static inline const char *jl_string(const struct jl_value *v)
{
    return jl_is(v, JL_STRING) ? v->u.s : NULL;
}

#endif
