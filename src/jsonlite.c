/* jsonlite.c — see jsonlite.h. A recursive-descent parser over bytes in
 * memory: each container's children are gathered on a stack the parser
 * keeps, then copied into its blocks in one piece when the container
 * closes; each string is decoded once, into the blocks. */
#include "jsonlite.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page_arena.h"

#define BLOCK ((size_t)64 << 10)          /* an ordinary block */
#define KEEP_BLOCK (BLOCK * 16)           /* a block over this is freed after a parse */

struct block {
    struct block *next;
    size_t size, used;
    max_align_t data[];
};

struct jl_parser {
    struct block *head, *tail, *cur;      /* blocks in order; cur: being filled */
    struct jl_member *stack;              /* children of the open containers */
    size_t n_stack, cap_stack;
    /* the parse in progress */
    const char *s;
    size_t n, i;
    int depth, max_depth;
    struct jl_error *err;
};

/* ---------------------------------------------------------------- memory */

static void *alloc(struct jl_parser *p, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    struct block *b = p->cur;
    while (b != NULL && b->size - b->used < size) {
        b = b->next;
        if (b != NULL)
            b->used = 0;                  /* left over from the last parse */
    }
    if (b == NULL) {
        size_t bs = size > BLOCK ? size : BLOCK;
        b = malloc(sizeof *b + bs);
        if (b == NULL)
            return NULL;
        b->next = NULL;
        b->size = bs;
        b->used = 0;
        if (p->tail)
            p->tail->next = b;
        else
            p->head = b;
        p->tail = b;
    }
    p->cur = b;
    void *out = (char *)b->data + b->used;
    b->used += size;
    return out;
}

/* Back to the first block; the very large ones go (one huge petition
 * should not keep its memory for the rest of the load). */
static void reset(struct jl_parser *p)
{
    struct block **at = &p->head;
    p->tail = NULL;
    while (*at != NULL) {
        struct block *b = *at;
        if (b->size > KEEP_BLOCK) {
            *at = b->next;
            free(b);
            continue;
        }
        p->tail = b;
        at = &b->next;
    }
    p->cur = p->head;
    if (p->cur)
        p->cur->used = 0;
    p->n_stack = 0;
}

struct jl_parser *jl_new(void)
{
    return calloc(1, sizeof(struct jl_parser));
}

void jl_free(struct jl_parser *p)
{
    if (p == NULL)
        return;
    for (struct block *b = p->head, *next; b != NULL; b = next) {
        next = b->next;
        free(b);
    }
    free(p->stack);
    free(p);
}

/* ---------------------------------------------------------------- errors */

static bool fail_at(struct jl_parser *p, size_t at, const char *fmt, ...)
{
    struct jl_error *e = p->err;
    e->position = at;
    e->line = 1;
    for (size_t k = 0; k < at && k < p->n; k++)
        e->line += p->s[k] == '\n';
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->text, sizeof e->text, fmt, ap);
    va_end(ap);
    return false;
}

static bool no_memory(struct jl_parser *p)
{
    return fail_at(p, p->i, "out of memory");
}

/* What a byte looks like in a message: 'x', or 0xNN. */
static const char *shown(unsigned char c, char buf[8])
{
    if (c > 0x20 && c < 0x7F)
        snprintf(buf, 8, "'%c'", c);
    else
        snprintf(buf, 8, "0x%02X", c);
    return buf;
}

static bool expected(struct jl_parser *p, const char *what)
{
    char b[8];
    if (p->i >= p->n)
        return fail_at(p, p->i, "%s, found the end", what);
    return fail_at(p, p->i, "%s, found %s", what, shown((unsigned char)p->s[p->i], b));
}

/* ---------------------------------------------------------------- the grammar */

static void skip_blanks(struct jl_parser *p)
{
    while (p->i < p->n) {
        char c = p->s[p->i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return;
        p->i++;
    }
}

static bool parse_value(struct jl_parser *p, struct jl_value *out);

static bool is_token_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '+' || c == '-' || c == '.';
}

/* A token that is no value: its bytes (at most 20) in the message. */
static bool bad_token(struct jl_parser *p, size_t start)
{
    size_t end = start;
    while (end < p->n && end - start < 20 && is_token_byte(p->s[end]))
        end++;
    if (end == start)
        end = start + 1 <= p->n ? start + 1 : start;
    char b[8];
    if (end - start == 1 && !is_token_byte(p->s[start]))
        return fail_at(p, start, "expected a value, found %s", shown((unsigned char)p->s[start], b));
    return fail_at(p, start, "invalid token '%.*s'", (int)(end - start), p->s + start);
}

/* After a scalar: a blank, ',', ']', '}' or the end. */
static bool delimited(const struct jl_parser *p)
{
    if (p->i >= p->n)
        return true;
    char c = p->s[p->i];
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ']' || c == '}';
}

static bool parse_literal(struct jl_parser *p, struct jl_value *out)
{
    static const struct { const char *word; enum jl_type type; } words[] = {
        {"true", JL_TRUE}, {"false", JL_FALSE}, {"null", JL_NULL},
    };
    size_t start = p->i;
    for (size_t k = 0; k < 3; k++) {
        size_t len = strlen(words[k].word);
        if (p->n - start >= len && memcmp(p->s + start, words[k].word, len) == 0) {
            p->i = start + len;
            if (!delimited(p))
                break;
            out->type = words[k].type;
            out->n = 0;
            return true;
        }
    }
    return bad_token(p, start);
}

static size_t digits_at(const struct jl_parser *p, size_t i)
{
    size_t j = i;
    while (j < p->n && p->s[j] >= '0' && p->s[j] <= '9')
        j++;
    return j - i;
}

static bool parse_number(struct jl_parser *p, struct jl_value *out)
{
    size_t start = p->i, i = start;
    bool negative = i < p->n && p->s[i] == '-';
    i += negative;
    size_t int_digits = digits_at(p, i);
    if (int_digits == 0 || (int_digits > 1 && p->s[i] == '0'))
        return bad_token(p, start);
    i += int_digits;
    bool real = false;
    if (i < p->n && p->s[i] == '.') {
        size_t k = digits_at(p, i + 1);
        if (k == 0)
            return bad_token(p, start);
        i += 1 + k;
        real = true;
    }
    if (i < p->n && (p->s[i] == 'e' || p->s[i] == 'E')) {
        size_t j = i + 1;
        if (j < p->n && (p->s[j] == '+' || p->s[j] == '-'))
            j++;
        size_t k = digits_at(p, j);
        if (k == 0)
            return bad_token(p, start);
        i = j + k;
        real = true;
    }
    p->i = i;
    if (!delimited(p))
        return bad_token(p, start);
    if (!real && int_digits <= 18) {
        long long v = 0;
        for (size_t k = start + negative; k < i; k++)
            v = v * 10 + (p->s[k] - '0');
        out->type = JL_INTEGER;
        out->u.i = negative ? -v : v;
        out->n = 0;
        return true;
    }
    char small[64], *text = small;
    size_t len = i - start;
    if (len >= sizeof small && (text = alloc(p, len + 1)) == NULL)
        return no_memory(p);
    memcpy(text, p->s + start, len);
    text[len] = '\0';
    out->type = JL_REAL;
    out->u.d = strtod(text, NULL);
    out->n = 0;
    return true;
}

static int hex4(const char *s)
{
    int v = 0;
    for (int k = 0; k < 4; k++) {
        char c = s[k];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

static size_t put_utf8(char *out, unsigned long cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A \u escape at p->s[at] ("\uXXXX", or a surrogate pair of two): its code
 * point into out; *used the bytes it took. */
static bool unicode_escape(struct jl_parser *p, size_t at, char *out, size_t *written, size_t *used)
{
    int hi = at + 6 <= p->n ? hex4(p->s + at + 2) : -1;
    if (hi < 0)
        return fail_at(p, at, "invalid \\u escape");
    unsigned long cp = (unsigned long)hi;
    *used = 6;
    if (hi >= 0xDC00 && hi <= 0xDFFF)
        return fail_at(p, at, "invalid \\u escape: a lone low surrogate");
    if (hi >= 0xD800 && hi <= 0xDBFF) {
        int lo = at + 12 <= p->n && p->s[at + 6] == '\\' && p->s[at + 7] == 'u' ? hex4(p->s + at + 8) : -1;
        if (lo < 0xDC00 || lo > 0xDFFF)
            return fail_at(p, at, "invalid \\u escape: a high surrogate without its low one");
        cp = 0x10000 + (((unsigned long)hi - 0xD800) << 10) + ((unsigned long)lo - 0xDC00);
        *used = 12;
    }
    if (cp == 0)
        return fail_at(p, at, "\\u0000 is not allowed in a string");
    *written = put_utf8(out, cp);
    return true;
}

/* Eight bytes at a time (SWAR): a word with a byte equal to b, or below b. */
#define ONES ((uint64_t)0x0101010101010101u)
#define HIGH ((uint64_t)0x8080808080808080u)
#define HAS_BYTE(w, b) ((((w) ^ (ONES * (b))) - ONES) & ~((w) ^ (ONES * (b))) & HIGH)
#define HAS_BELOW(w, b) (((w) - ONES * (b)) & ~(w) & HIGH)

/* The end of the run of bytes from i that a string holds as they are:
 * printable ASCII but '"' and '\\'. */
static size_t plain_run(const char *s, size_t i, size_t end)
{
    while (i + 8 <= end) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if ((w & HIGH) | HAS_BELOW(w, 0x20) | HAS_BYTE(w, '"') | HAS_BYTE(w, '\\'))
            break;
        i += 8;
    }
    while (i < end) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
            break;
        i++;
    }
    return i;
}

/* The closing quote of the string whose contents begin at start, or n:
 * the first '"' after an even number of backslashes. */
static size_t closing_quote(const char *s, size_t start, size_t n)
{
    size_t at = start;
    for (;;) {
        const char *q = memchr(s + at, '"', n - at);
        if (q == NULL)
            return n;
        size_t k = (size_t)(q - s), slashes = 0;
        while (k - slashes > start && s[k - slashes - 1] == '\\')
            slashes++;
        if (slashes % 2 == 0)
            return k;
        at = k + 1;
    }
}

/* The string at p->s[p->i] (its opening quote), decoded into the blocks. */
static bool parse_string(struct jl_parser *p, const char **out, size_t *out_len)
{
    size_t start = p->i + 1, end = closing_quote(p->s, start, p->n);
    if (end >= p->n)
        return fail_at(p, p->i, "a string not closed");
    char *dst = alloc(p, end - start + 1);      /* decoded, it is never longer */
    if (dst == NULL)
        return no_memory(p);
    size_t o = 0, i = start;
    while (i < end) {
        size_t j = plain_run(p->s, i, end);
        memcpy(dst + o, p->s + i, j - i);
        o += j - i;
        i = j;
        if (i == end)
            break;
        unsigned char c = (unsigned char)p->s[i];
        if (c >= 0x80) {
            size_t k = utf8_seq_len((const unsigned char *)p->s + i, end - i);
            if (k == 0)
                return fail_at(p, i, "invalid UTF-8 byte 0x%02X in a string", c);
            memcpy(dst + o, p->s + i, k);
            o += k;
            i += k;
        } else if (c == '\\') {
            char e = p->s[i + 1];
            static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
            const char *at = e != '\0' ? strchr(from, e) : NULL;
            if (e == 'u') {
                size_t written = 0, used = 0;
                if (!unicode_escape(p, i, dst + o, &written, &used))
                    return false;
                o += written;
                i += used;
            } else if (at != NULL) {
                dst[o++] = to[at - from];
                i += 2;
            } else {
                char b[8];
                return fail_at(p, i, "invalid escape '\\' then %s", shown((unsigned char)e, b));
            }
        } else if (c == '\n') {
            return fail_at(p, i, "a line break inside a string");
        } else {
            return fail_at(p, i, "control character 0x%02X inside a string", c);
        }
    }
    dst[o] = '\0';
    *out = dst;
    *out_len = o;
    p->i = end + 1;
    return true;
}

/* Room on the stack for one more child. */
static struct jl_member *push(struct jl_parser *p)
{
    if (p->n_stack == p->cap_stack) {
        size_t cap = p->cap_stack ? p->cap_stack * 2 : 256;
        struct jl_member *grown = realloc(p->stack, cap * sizeof *grown);
        if (grown == NULL)
            return NULL;
        p->stack = grown;
        p->cap_stack = cap;
    }
    return &p->stack[p->n_stack++];
}

static bool enter(struct jl_parser *p)
{
    if (++p->depth > p->max_depth)
        return fail_at(p, p->i, "nested deeper than %d levels", JL_MAX_DEPTH);
    p->i++;                                     /* the '[' or '{' */
    skip_blanks(p);
    return true;
}

static bool parse_array(struct jl_parser *p, struct jl_value *out)
{
    size_t base = p->n_stack;
    if (!enter(p))
        return false;
    if (p->i < p->n && p->s[p->i] == ']') {
        p->i++;
    } else {
        for (;;) {
            struct jl_value v;
            if (!parse_value(p, &v))
                return false;
            struct jl_member *m = push(p);
            if (m == NULL)
                return no_memory(p);
            m->value = v;
            skip_blanks(p);
            if (p->i < p->n && p->s[p->i] == ',') {
                p->i++;
                skip_blanks(p);
            } else if (p->i < p->n && p->s[p->i] == ']') {
                p->i++;
                break;
            } else {
                return expected(p, "expected ',' or ']'");
            }
        }
    }
    size_t k = p->n_stack - base;
    struct jl_value *items = alloc(p, (k ? k : 1) * sizeof *items);
    if (items == NULL)
        return no_memory(p);
    for (size_t j = 0; j < k; j++)
        items[j] = p->stack[base + j].value;
    p->n_stack = base;
    p->depth--;
    out->type = JL_ARRAY;
    out->n = k;
    out->u.items = items;
    return true;
}

static bool parse_object(struct jl_parser *p, struct jl_value *out)
{
    size_t base = p->n_stack;
    if (!enter(p))
        return false;
    if (p->i < p->n && p->s[p->i] == '}') {
        p->i++;
    } else {
        for (;;) {
            struct jl_member m;
            if (p->i >= p->n || p->s[p->i] != '"')
                return expected(p, "expected a member name");
            if (!parse_string(p, &m.key, &m.key_len))
                return false;
            skip_blanks(p);
            if (p->i >= p->n || p->s[p->i] != ':')
                return expected(p, "expected ':' after a member name");
            p->i++;
            skip_blanks(p);
            if (!parse_value(p, &m.value))
                return false;
            struct jl_member *slot = push(p);
            if (slot == NULL)
                return no_memory(p);
            *slot = m;
            skip_blanks(p);
            if (p->i < p->n && p->s[p->i] == ',') {
                p->i++;
                skip_blanks(p);
            } else if (p->i < p->n && p->s[p->i] == '}') {
                p->i++;
                break;
            } else {
                return expected(p, "expected ',' or '}'");
            }
        }
    }
    size_t k = p->n_stack - base;
    struct jl_member *members = alloc(p, (k ? k : 1) * sizeof *members);
    if (members == NULL)
        return no_memory(p);
    if (k > 0)                                  /* the stack may not exist yet */
        memcpy(members, p->stack + base, k * sizeof *members);
    p->n_stack = base;
    p->depth--;
    out->type = JL_OBJECT;
    out->n = k;
    out->u.members = members;
    return true;
}

static bool parse_value(struct jl_parser *p, struct jl_value *out)
{
    if (p->i >= p->n)
        return fail_at(p, p->i, "expected a value, found the end");
    char c = p->s[p->i];
    switch (c) {
    case '{':
        return parse_object(p, out);
    case '[':
        return parse_array(p, out);
    case '"':
        out->type = JL_STRING;
        return parse_string(p, &out->u.s, &out->n);
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
        return parse_number(p, out);
    default:
        if (c >= 'a' && c <= 'z')
            return parse_literal(p, out);
        return bad_token(p, p->i);
    }
}

static struct jl_value *begin(struct jl_parser *p, const char *s, size_t n, struct jl_error *err)
{
    reset(p);
    p->s = s;
    p->n = n;
    p->i = 0;
    p->depth = 0;
    p->max_depth = JL_MAX_DEPTH;
    p->err = err;
    struct jl_value *root = alloc(p, sizeof *root);
    if (root == NULL)
        no_memory(p);
    return root;
}

const struct jl_value *jl_parse(struct jl_parser *p, const char *s, size_t n, struct jl_error *err)
{
    struct jl_value *root = begin(p, s, n, err);
    if (root == NULL)
        return NULL;
    skip_blanks(p);
    if (!parse_value(p, root))
        return NULL;
    skip_blanks(p);
    if (p->i < p->n) {
        expected(p, "expected the end after the value");
        return NULL;
    }
    return root;
}

const struct jl_value *jl_parse_prefix(struct jl_parser *p, const char *s, size_t n, int max_depth,
                                       size_t *used, struct jl_error *err)
{
    struct jl_value *root = begin(p, s, n, err);
    p->max_depth = max_depth < JL_MAX_DEPTH ? max_depth : JL_MAX_DEPTH;
    if (root == NULL || !parse_value(p, root))
        return NULL;
    *used = p->i;
    return root;
}

const struct jl_value *jl_get(const struct jl_value *v, const char *key)
{
    if (!jl_is(v, JL_OBJECT))
        return NULL;
    size_t len = strlen(key);
    for (size_t k = v->n; k-- > 0;) {
        const struct jl_member *m = &v->u.members[k];
        if (m->key_len == len && memcmp(m->key, key, len) == 0)
            return &m->value;
    }
    return NULL;
}
