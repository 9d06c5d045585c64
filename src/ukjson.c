/* ukjson.c — see ukjson.h.
 *
 * Two halves. The scanner (first half) walks the bytes once: it follows the
 * structure of the JSON (objects, arrays, members, strings and their escapes,
 * numbers and literals) and knows, for the few levels that matter, what each
 * value is: a document, its "data", its "links", a petition. A petition's
 * bytes are kept (in place when they lie within one piece of input, else
 * copied into a buffer bounded by max_petition) and, once its closing brace
 * arrives, handed to the second half, which decodes them (jsonlite.h) and
 * copies what the record needs into a struct uk_petition. The contents of
 * strings are checked by that decoder, inside petitions; between petitions the
 * scanner checks the structure only. */
#include "ukjson.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "jsonlite.h"

#define MAX_DEPTH JL_MAX_DEPTH             /* as the decoder's */
#define KEY_MAX 16                         /* member names the scanner compares */
#define LINKS_MAX ((size_t)64 * 1024)
#define READ_BLOCK ((size_t)64 * 1024)
#define MSG_SIZE 320

/* ================================================================ scanner */

/* What a container expects next. */
enum expect {
    X_VALUE,            /* a value (top level, after ':' or an array's ',') */
    X_VALUE_OR_END,     /* just after '[' */
    X_KEY_OR_END,       /* just after '{' */
    X_KEY,              /* after an object's ',' */
    X_COLON,            /* after a member name */
    X_COMMA_OR_END,     /* after a value */
};

/* What a container is, for the levels that matter. */
enum role {
    R_NONE,             /* skipped */
    R_TOP,              /* the top level */
    R_TOPARRAY,         /* a top-level array: its objects are documents */
    R_DOC,              /* a document, or a bare petition */
    R_DATA,             /* a document's "data" array */
    R_PETITION,         /* a petition, being kept */
    R_LINKS,            /* a document's "links", being kept */
};

struct frame {
    unsigned char is_object, expect, role;
};

/* Member names of a document that the scanner tells apart. */
enum key { K_OTHER, K_DATA, K_LINKS, K_TYPE, K_ATTRIBUTES, K_ID };

enum doc_mode { DOC_UNDECIDED, DOC_DOCUMENT, DOC_BARE };

/* Bytes of one value, kept across pieces of input. */
struct capture {
    bool active, overflow, reported;
    bool no_memory;             /* the overflow is memory running out */
    long long start;            /* input offset of its first byte */
    int line;
    size_t from;                /* where its bytes begin in the current piece */
    char *buf;
    size_t len, cap, max;
};

/* The scalar being read (number or literal) and how far it has got. */
enum num_state { N_MINUS, N_ZERO, N_INT, N_DOT, N_FRAC, N_E, N_ESIGN, N_EXP };

struct uk_reader {
    size_t max_petition;
    uk_petition_fn on_petition;
    uk_error_fn on_error;
    void *ctx;
    int status;                 /* 0; -1 once stopped on an error; a callback's value */
    size_t n_petitions, n_errors;

    const char *piece;          /* the input being scanned */
    long long base;             /* input offset of piece[0] */
    int line;                   /* line of the next byte */
    int bom;                    /* bytes of a byte-order mark seen at the start */
    bool any_value;

    struct frame frames[MAX_DEPTH + 1];
    int depth;                  /* frames[depth] is the innermost container; 0: top */

    bool in_string, escape, is_key, key_string;   /* key_string: a document's member name, kept */
    bool in_scalar, scalar_checked;
    long long scalar_start;
    char lit[6];                /* the literal being matched ("true") */
    int lit_pos;
    enum num_state num;
    bool is_literal;

    /* the document being read (documents do not nest) */
    int doc_depth;              /* its frame; 0: none */
    enum doc_mode doc_mode;
    long long doc_start;
    int doc_line;
    char key[KEY_MAX + 1];
    size_t key_len;
    enum key doc_key;           /* the member whose value comes next */
    long data_index;            /* elements of "data" begun */
    char *doc_self;             /* the document's links.self, for a single petition */
    long top_index;             /* elements of a top-level array begun */

    struct capture pet, links;
    struct jl_parser *jl;       /* decodes each petition (and links), its memory reused */
    bool whole;                 /* the input comes in one piece (uk_read_mem) */
    bool pet_single;            /* the petition is a document's single "data" */
    char what[48];              /* "data[3]", "data", "the object": for messages */
};

/* ---------------------------------------------------------------- reports */

/* A message made one line of printable text: control bytes become spaces,
 * bytes that are not UTF-8 become '?'. */
static void one_line(char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F) {
            s[i++] = ' ';
        } else if (c < 0x80) {
            i++;
        } else {
            size_t l = utf8_seq_len((const unsigned char *)s + i, n - i);
            if (l == 0)
                s[i++] = '?';
            else
                i += l;
        }
    }
}

static void report(struct uk_reader *r, long long offset, int line, const char *fmt, ...)
{
    char msg[MSG_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    one_line(msg);
    r->n_errors++;
    if (r->on_error)
        r->on_error(r->ctx, offset, line, msg);
}

/* Malformed structure: reported, and the reading stops. */
static int malformed(struct uk_reader *r, long long offset, const char *what, const char *found)
{
    report(r, offset, r->line, "malformed JSON: %s%s%s", what, found ? ", found " : "", found ? found : "");
    r->status = -1;
    return -1;
}

/* "'x'" for printable ASCII, else "byte 0xNN". */
static const char *describe_byte(unsigned char c, char buf[16])
{
    if (c > 0x20 && c < 0x7F)
        snprintf(buf, 16, "'%c'", c);
    else
        snprintf(buf, 16, "byte 0x%02X", c);
    return buf;
}

/* "16 MB", "1.5 MB", "640 KB", "300 bytes" */
static void format_size(char *buf, size_t size, size_t n)
{
    const double mb = 1024.0 * 1024.0, kb = 1024.0, x = (double)n;
    if (x >= mb)
        snprintf(buf, size, n % (1u << 20) == 0 ? "%.0f MB" : "%.1f MB", x / mb);
    else if (x >= kb)
        snprintf(buf, size, n % 1024 == 0 ? "%.0f KB" : "%.1f KB", x / kb);
    else
        snprintf(buf, size, "%zu bytes", n);
}

static const char *value_kind(unsigned char c)
{
    switch (c) {
    case '{': return "an object";
    case '[': return "an array";
    case '"': return "a string";
    case 't': case 'f': return "a boolean";
    case 'n': return "null";
    default: return "a number";
    }
}

/* ---------------------------------------------------------------- captures */

static void capture_begin(struct uk_reader *r, struct capture *c, size_t i, size_t max)
{
    c->active = true;
    c->overflow = c->reported = c->no_memory = false;
    c->start = r->base + (long long)i;
    c->line = r->line;
    c->from = i;
    c->len = 0;
    c->max = max;
}

/* Keeps piece[from..upto) of an active capture; past its bound (or when
 * memory runs out) it keeps nothing more and is marked overflowing. */
static void capture_keep(struct uk_reader *r, struct capture *c, size_t upto)
{
    size_t add = upto - c->from;
    c->from = upto;
    if (c->overflow || add == 0)
        return;
    if (add > c->max - c->len) {
        c->overflow = true;
        return;
    }
    if (c->len + add > c->cap) {
        size_t cap = c->cap ? c->cap : 4096;
        while (cap < c->len + add)
            cap *= 2;
        char *grown = realloc(c->buf, cap);
        if (grown == NULL) {
            c->overflow = c->no_memory = true;
            return;
        }
        c->buf = grown;
        c->cap = cap;
    }
    memcpy(c->buf + c->len, r->piece + (upto - add), add);
    c->len += add;
}

/* The whole value, whose last byte is piece[end - 1]: in place when it lies
 * within this piece, else in the buffer. NULL on overflow (or no memory). */
static const char *capture_finish(struct uk_reader *r, struct capture *c, size_t end, size_t *len)
{
    c->active = false;
    if (!c->overflow && c->len == 0) {
        if (end - c->from > c->max) {
            c->overflow = true;
            return NULL;
        }
        *len = end - c->from;
        return r->piece + c->from;
    }
    capture_keep(r, c, end);
    if (c->overflow)
        return NULL;
    *len = c->len;
    return c->buf;
}

static int report_too_large(struct uk_reader *r)
{
    char lim[32];
    format_size(lim, sizeof lim, r->pet.max);
    if (r->pet.no_memory)
        report(r, r->pet.start, r->pet.line, "out of memory reading %s (skipped)", r->what);
    else
        report(r, r->pet.start, r->pet.line, "petition too large: %s is over %s (skipped)", r->what, lim);
    r->pet.reported = true;
    return 0;
}

static int deliver(struct uk_reader *r, const char *bytes, size_t len, long long start, int line);
static int deliver_value(struct uk_reader *r, const struct jl_value *data, size_t len, long long start,
                         int line);

/* ---------------------------------------------------------------- roles */

static enum key key_of(const char *k, size_t n)
{
    static const struct { const char *name; enum key key; } keys[] = {
        {"data", K_DATA}, {"links", K_LINKS}, {"type", K_TYPE},
        {"attributes", K_ATTRIBUTES}, {"id", K_ID},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strlen(keys[i].name) == n && memcmp(keys[i].name, k, n) == 0)
            return keys[i].key;
    return K_OTHER;
}

/* A member name of the document has been read: a "data" member makes it a
 * document; "type", "attributes" or "id" a bare petition. */
static void doc_key_read(struct uk_reader *r)
{
    r->doc_key = r->key_len > KEY_MAX ? K_OTHER : key_of(r->key, r->key_len);
    if (r->doc_mode != DOC_UNDECIDED)
        return;
    if (r->doc_key == K_DATA) {
        r->doc_mode = DOC_DOCUMENT;
        r->pet.active = false;            /* not a bare petition after all */
    } else if (r->doc_key == K_TYPE || r->doc_key == K_ATTRIBUTES || r->doc_key == K_ID) {
        r->doc_mode = DOC_BARE;
        r->pet_single = false;
        snprintf(r->what, sizeof r->what, "the object");
    }
}

/* The role of a value that begins with byte c at piece[i], in the innermost
 * container; reports what is not the site's. */
static enum role role_of(struct uk_reader *r, unsigned char c, size_t i)
{
    struct frame *f = &r->frames[r->depth];
    long long at = r->base + (long long)i;
    switch (f->role) {
    case R_TOP:
        if (c == '{')
            return R_DOC;
        if (c == '[')
            return R_TOPARRAY;
        report(r, at, r->line, "not a UK petitions document: %s at the top level", value_kind(c));
        return R_NONE;
    case R_TOPARRAY:
        r->top_index++;
        if (c == '{')
            return R_DOC;
        report(r, at, r->line, "not a UK petitions document: element %ld of the top-level array is %s",
               r->top_index - 1, value_kind(c));
        return R_NONE;
    case R_DOC:
        if (r->depth != r->doc_depth || r->doc_mode == DOC_BARE)
            return R_NONE;
        if (r->doc_key == K_LINKS)
            return c == '{' ? R_LINKS : R_NONE;
        if (r->doc_key != K_DATA)
            return R_NONE;
        if (c == '{') {
            snprintf(r->what, sizeof r->what, "data");
            r->pet_single = true;
            return R_PETITION;
        }
        if (c == '[')
            return R_DATA;
        report(r, at, r->line, "not a UK petitions document: \"data\" is %s", value_kind(c));
        return R_NONE;
    case R_DATA:
        snprintf(r->what, sizeof r->what, "data[%ld]", r->data_index);
        r->data_index++;
        r->pet_single = false;
        if (c == '{')
            return R_PETITION;
        report(r, at, r->line, "not a UK petitions document: %s is %s, not a petition", r->what, value_kind(c));
        return R_NONE;
    default:
        return R_NONE;
    }
}

/* The innermost container has its value: next comes ',' or its end. */
static void value_done(struct uk_reader *r)
{
    struct frame *f = &r->frames[r->depth];
    f->expect = r->depth == 0 ? X_VALUE : X_COMMA_OR_END;
}

static int open_container(struct uk_reader *r, unsigned char c, size_t i)
{
    enum role role = role_of(r, c, i);
    if (r->depth == MAX_DEPTH)
        return malformed(r, r->base + (long long)i, "nested deeper than 2048 levels", NULL);
    if (r->depth == 0)
        r->any_value = true;
    r->depth++;
    struct frame *f = &r->frames[r->depth];
    f->is_object = c == '{';
    f->expect = c == '{' ? X_KEY_OR_END : X_VALUE_OR_END;
    f->role = (unsigned char)role;
    switch (role) {
    case R_DOC:
        r->doc_depth = r->depth;
        r->doc_mode = DOC_UNDECIDED;
        r->doc_start = r->base + (long long)i;
        r->doc_line = r->line;
        r->doc_key = K_OTHER;
        r->data_index = 0;
        free(r->doc_self);
        r->doc_self = NULL;
        snprintf(r->what, sizeof r->what, "the document");
        capture_begin(r, &r->pet, i, r->max_petition);   /* in case it is a bare petition */
        break;
    case R_PETITION:
        capture_begin(r, &r->pet, i, r->max_petition);
        break;
    case R_LINKS:
        capture_begin(r, &r->links, i, LINKS_MAX);
        break;
    default:
        break;
    }
    return 0;
}

/* The document's links.self, for its single petition. */
static void read_links(struct uk_reader *r, const char *bytes, size_t len)
{
    struct jl_error e;
    const struct jl_value *links = jl_parse(r->jl, bytes, len, &e);
    if (links == NULL) {
        report(r, r->links.start + (long long)e.position, r->links.line + e.line - 1,
               "malformed JSON in \"links\": %s", e.text);
        return;
    }
    const char *self = jl_string(jl_get(links, "self"));
    if (self != NULL && self[0] != '\0') {
        free(r->doc_self);
        r->doc_self = strdup(self);
    }
}

static int close_container(struct uk_reader *r, size_t i)
{
    struct frame *f = &r->frames[r->depth];
    enum role role = (enum role)f->role;
    int rc = 0;
    size_t len;
    const char *bytes;
    switch (role) {
    case R_PETITION:
        bytes = capture_finish(r, &r->pet, i + 1, &len);
        if (bytes != NULL)
            rc = deliver(r, bytes, len, r->pet.start, r->pet.line);
        else if (!r->pet.reported)
            report_too_large(r);
        break;
    case R_LINKS:
        bytes = capture_finish(r, &r->links, i + 1, &len);
        if (bytes != NULL)
            read_links(r, bytes, len);
        break;
    case R_DOC:
        if (r->doc_mode == DOC_BARE) {
            bytes = capture_finish(r, &r->pet, i + 1, &len);
            if (bytes != NULL)
                rc = deliver(r, bytes, len, r->pet.start, r->pet.line);
            else if (!r->pet.reported)
                report_too_large(r);
        } else if (r->doc_mode == DOC_UNDECIDED) {
            r->pet.active = false;
            report(r, r->doc_start, r->doc_line, "not a UK petitions document: an object with no \"data\" member");
        }
        r->doc_depth = 0;
        break;
    default:
        break;
    }
    r->depth--;
    value_done(r);
    return rc;
}

/* ---------------------------------------------------------------- scalars */

static void scalar_begin(struct uk_reader *r, unsigned char c, size_t i)
{
    r->in_scalar = true;
    r->scalar_start = r->base + (long long)i;
    /* inside a petition the decoder checks the value, and a bad one costs only that petition */
    r->scalar_checked = !r->pet.active || r->doc_mode == DOC_UNDECIDED;
    r->is_literal = c >= 'a' && c <= 'z';
    if (r->is_literal) {
        snprintf(r->lit, sizeof r->lit, "%s", c == 't' ? "true" : c == 'f' ? "false" : "null");
        r->lit_pos = 1;
    } else {
        r->num = c == '-' ? N_MINUS : c == '0' ? N_ZERO : N_INT;
    }
}

static bool is_scalar_byte(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           c == '+' || c == '-' || c == '.';
}

/* One more byte of a number: false when no number goes on so. */
static bool number_step(enum num_state *s, unsigned char c)
{
    bool digit = c >= '0' && c <= '9';
    switch (*s) {
    case N_MINUS: *s = c == '0' ? N_ZERO : N_INT; return digit;
    case N_ZERO:
        if (c == '.') { *s = N_DOT; return true; }
        if (c == 'e' || c == 'E') { *s = N_E; return true; }
        return false;
    case N_INT:
        if (digit) return true;
        if (c == '.') { *s = N_DOT; return true; }
        if (c == 'e' || c == 'E') { *s = N_E; return true; }
        return false;
    case N_DOT: *s = N_FRAC; return digit;
    case N_FRAC:
        if (digit) return true;
        if (c == 'e' || c == 'E') { *s = N_E; return true; }
        return false;
    case N_E:
        if (c == '+' || c == '-') { *s = N_ESIGN; return true; }
        *s = N_EXP;
        return digit;
    case N_ESIGN: *s = N_EXP; return digit;
    case N_EXP: return digit;
    }
    return false;
}

static bool scalar_step(struct uk_reader *r, unsigned char c)
{
    if (r->is_literal) {
        if (r->lit[r->lit_pos] == '\0' || r->lit[r->lit_pos] != (char)c)
            return false;
        r->lit_pos++;
        return true;
    }
    return number_step(&r->num, c);
}

static int scalar_end(struct uk_reader *r)
{
    r->in_scalar = false;
    if (r->scalar_checked) {
        bool whole = r->is_literal ? r->lit[r->lit_pos] == '\0'
                                   : r->num == N_ZERO || r->num == N_INT || r->num == N_FRAC || r->num == N_EXP;
        if (!whole)
            return malformed(r, r->scalar_start, r->is_literal ? "invalid literal" : "invalid number", NULL);
    }
    value_done(r);
    return 0;
}

/* ---------------------------------------------------------------- the loop */

static const char *expected(const struct frame *f)
{
    switch (f->expect) {
    case X_VALUE: return "expected a value";
    case X_VALUE_OR_END: return "expected a value or ']'";
    case X_KEY_OR_END: return "expected a member name or '}'";
    case X_KEY: return "expected a member name";
    case X_COLON: return "expected ':' after a member name";
    default: return f->is_object ? "expected ',' or '}'" : "expected ',' or ']'";
    }
}

static int unexpected(struct uk_reader *r, size_t i, unsigned char c)
{
    char found[16];
    return malformed(r, r->base + (long long)i, expected(&r->frames[r->depth]), describe_byte(c, found));
}

/* Does the word (eight bytes) hold the byte b? (SWAR) */
#define ONES ((uint64_t)0x0101010101010101u)
#define HIGH ((uint64_t)0x8080808080808080u)
#define HAS_BYTE(w, b) ((((w) ^ (ONES * (b))) - ONES) & ~((w) ^ (ONES * (b))) & HIGH)

/* A string's bytes from piece[i]: returns the index after those scanned
 * (the closing quote included when it came). */
static size_t scan_string(struct uk_reader *r, const char *s, size_t n, size_t i)
{
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (r->escape) {
            r->escape = false;
        } else if (c == '"') {
            r->in_string = false;
            return i + 1;
        } else if (c == '\\') {
            r->escape = true;
        }
        if (c == '\n')
            r->line++;
        if (r->key_string) {
            if (r->key_len < KEY_MAX + 1)
                r->key[r->key_len] = (char)c;
            r->key_len++;
        }
        i++;
        if (r->key_string || r->escape)
            continue;
        /* the plain run to the next quote, backslash or line break, eight
         * bytes at a time */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (HAS_BYTE(w, '"') | HAS_BYTE(w, '\\') | HAS_BYTE(w, '\n'))
                break;
            i += 8;
        }
        while (i < n && s[i] != '"' && s[i] != '\\' && s[i] != '\n')
            i++;
    }
    return i;
}

static int string_end(struct uk_reader *r)
{
    if (r->is_key) {
        if (r->key_string)
            doc_key_read(r);
        r->is_key = r->key_string = false;
        r->frames[r->depth].expect = X_COLON;
        return 0;
    }
    value_done(r);
    return 0;
}

/* One structural byte (not in a string or a scalar). */
static int structural(struct uk_reader *r, unsigned char c, size_t i)
{
    struct frame *f = &r->frames[r->depth];
    switch (c) {
    case '{': case '[':
        if (f->expect != X_VALUE && f->expect != X_VALUE_OR_END)
            return unexpected(r, i, c);
        return open_container(r, c, i);
    case '}': case ']':
        if (r->depth == 0 || (c == '}') != (bool)f->is_object ||
            (f->expect != X_COMMA_OR_END && f->expect != (c == '}' ? X_KEY_OR_END : X_VALUE_OR_END)))
            return unexpected(r, i, c);
        return close_container(r, i);
    case ',':
        if (f->expect != X_COMMA_OR_END)
            return unexpected(r, i, c);
        f->expect = f->is_object ? X_KEY : X_VALUE;
        return 0;
    case ':':
        if (f->expect != X_COLON)
            return unexpected(r, i, c);
        f->expect = X_VALUE;
        return 0;
    case '"':
        if (f->expect == X_KEY || f->expect == X_KEY_OR_END) {
            r->is_key = true;
            r->key_string = r->depth == r->doc_depth;
            r->key_len = 0;
        } else if (f->expect == X_VALUE || f->expect == X_VALUE_OR_END) {
            role_of(r, c, i);
            if (r->depth == 0)
                r->any_value = true;
        } else {
            return unexpected(r, i, c);
        }
        r->in_string = true;
        return 0;
    default:
        if ((c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n') &&
            (f->expect == X_VALUE || f->expect == X_VALUE_OR_END)) {
            role_of(r, c, i);
            if (r->depth == 0)
                r->any_value = true;
            scalar_begin(r, c, i);
            return 0;
        }
        return unexpected(r, i, c);
    }
}

/* A byte-order mark at the very start is skipped (it may come in pieces);
 * r->bom counts its bytes, 3 once the start is behind. */
static size_t skip_bom(struct uk_reader *r, const char *s, size_t n)
{
    static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
    size_t i = 0;
    while (r->bom < 3 && i < n && (unsigned char)s[i] == bom[r->bom]) {
        r->bom++;
        i++;
    }
    if (i < n || r->bom == 3) {
        if (r->bom > 0 && r->bom < 3)
            malformed(r, 0, "a broken byte-order mark", NULL);
        r->bom = 3;
    }
    return i;
}

/* A petition whose '{' is s[i], just opened, decoded straight from the
 * input when it is whole and sound there: the bytes it took, or 0 (the
 * scanner then goes over it and captures it, and what is wrong is
 * reported as for any petition). Only when the input is in one piece: in
 * pieces, a petition cut by the piece's end would be decoded in vain. */
static size_t petition_in_place(struct uk_reader *r, const char *s, size_t n, size_t i)
{
    struct jl_error e;
    size_t used = 0;
    const struct jl_value *v = jl_parse_prefix(r->jl, s + i, n - i, MAX_DEPTH - r->depth + 1, &used, &e);
    if (v == NULL || used > r->max_petition)
        return 0;
    long long start = r->base + (long long)i;
    int line = r->line;
    for (const char *at = s + i, *end = s + i + used; (at = memchr(at, '\n', (size_t)(end - at))) != NULL; at++)
        r->line++;
    r->pet.active = false;
    int rc = deliver_value(r, v, used, start, line);
    if (rc != 0 && r->status == 0)
        r->status = rc;                /* a callback asked to stop */
    r->depth--;
    value_done(r);
    return used;
}

int uk_reader_feed(struct uk_reader *r, const char *s, size_t n)
{
    if (r->status != 0)
        return r->status;
    r->piece = s;
    if (r->pet.active)
        r->pet.from = 0;
    if (r->links.active)
        r->links.from = 0;
    size_t i = r->bom < 3 ? skip_bom(r, s, n) : 0;
    while (i < n && r->status == 0) {
        if (r->in_string) {
            i = scan_string(r, s, n, i);
            if (!r->in_string)
                string_end(r);
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (r->in_scalar) {
            if (is_scalar_byte(c)) {
                if (!scalar_step(r, c) && r->scalar_checked) {
                    malformed(r, r->scalar_start, r->is_literal ? "invalid literal" : "invalid number", NULL);
                    break;
                }
                i++;
                continue;
            }
            if (scalar_end(r) != 0)
                break;
        }
        if (c == ' ' || c == '\t' || c == '\r') {
            i++;
        } else if (c == '\n') {
            r->line++;
            i++;
        } else {
            int rc = structural(r, c, i);
            if (rc != 0 && r->status == 0)
                r->status = rc;            /* a callback asked to stop */
            size_t used = 0;
            if (r->whole && c == '{' && r->status == 0 && r->frames[r->depth].role == R_PETITION)
                used = petition_in_place(r, s, n, i);
            i += used ? used : 1;
        }
    }
    if (r->status == 0 && r->pet.active)
        capture_keep(r, &r->pet, n);
    if (r->status == 0 && r->links.active)
        capture_keep(r, &r->links, n);
    r->base += (long long)n;
    r->piece = NULL;
    return r->status;
}

int uk_reader_finish(struct uk_reader *r)
{
    if (r->status != 0)
        return r->status;
    if (r->in_scalar && r->depth == 0) {
        if (scalar_end(r) != 0)
            return r->status;
    }
    if (r->depth > 0 || r->in_string || r->in_scalar) {
        bool in_petition = r->pet.active && r->doc_mode != DOC_UNDECIDED;
        if (in_petition && r->pet.overflow)
            report_too_large(r);
        if (in_petition)
            report(r, r->base, r->line, "cut short: the input ends inside %s (begun at byte %lld)",
                   r->what, r->pet.start);
        else if (r->doc_depth > 0)
            report(r, r->base, r->line, "cut short: the input ends inside the document begun at byte %lld",
                   r->doc_start);
        else
            report(r, r->base, r->line, "cut short: the input ends inside a JSON value");
        r->status = -1;
    } else if (!r->any_value) {
        report(r, r->base, r->line, "not a UK petitions document: no JSON value");
        r->status = -1;
    }
    return r->status;
}

struct uk_reader *uk_reader_new(size_t max_petition, uk_petition_fn on_petition,
                                uk_error_fn on_error, void *ctx)
{
    struct uk_reader *r = calloc(1, sizeof *r);
    if (r == NULL)
        return NULL;
    if ((r->jl = jl_new()) == NULL) {
        free(r);
        return NULL;
    }
    r->max_petition = max_petition ? max_petition : UK_MAX_PETITION_DEFAULT;
    r->on_petition = on_petition;
    r->on_error = on_error;
    r->ctx = ctx;
    r->line = 1;
    r->frames[0].role = R_TOP;
    r->frames[0].expect = X_VALUE;
    return r;
}

size_t uk_reader_petitions(const struct uk_reader *r) { return r->n_petitions; }
size_t uk_reader_errors(const struct uk_reader *r) { return r->n_errors; }

void uk_reader_free(struct uk_reader *r)
{
    if (r == NULL)
        return;
    free(r->pet.buf);
    free(r->links.buf);
    free(r->doc_self);
    jl_free(r->jl);
    free(r);
}

int uk_read_mem(const char *buf, size_t n, size_t max_petition, uk_petition_fn on_petition,
                uk_error_fn on_error, void *ctx)
{
    struct uk_reader *r = uk_reader_new(max_petition, on_petition, on_error, ctx);
    if (r == NULL) {
        if (on_error)
            on_error(ctx, 0, 1, "out of memory");
        return -1;
    }
    r->whole = true;
    int rc = uk_reader_feed(r, buf, n);
    if (rc == 0)
        rc = uk_reader_finish(r);
    uk_reader_free(r);
    return rc;
}

int uk_read_fd(int fd, size_t max_petition, uk_petition_fn on_petition,
               uk_error_fn on_error, void *ctx)
{
    struct uk_reader *r = uk_reader_new(max_petition, on_petition, on_error, ctx);
    char *buf = malloc(READ_BLOCK);
    if (r == NULL || buf == NULL) {
        if (on_error)
            on_error(ctx, 0, 1, "out of memory");
        uk_reader_free(r);
        free(buf);
        return -1;
    }
    int rc = 0;
    for (;;) {
        ssize_t got = read(fd, buf, READ_BLOCK);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            report(r, r->base, r->line, "cannot read: %s", strerror(errno));
            rc = -1;
            break;
        }
        if (got == 0) {
            rc = uk_reader_finish(r);
            break;
        }
        rc = uk_reader_feed(r, buf, (size_t)got);
        if (rc != 0)
            break;
    }
    free(buf);
    uk_reader_free(r);
    return rc;
}

/* ---------------------------------------------------------------- sniffing */

static size_t skip_blanks(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        i++;
    return i;
}

/* Where the string value of a member named key (with its quotes) begins
 * after s[at], or 0. */
static size_t member_value_at(const char *s, size_t n, size_t at, const char *key)
{
    size_t kn = strlen(key);
    if (n - at < kn || memcmp(s + at, key, kn) != 0)
        return 0;
    size_t j = skip_blanks(s, n, at + kn);
    if (j >= n || s[j] != ':')
        return 0;
    j = skip_blanks(s, n, j + 1);
    return j < n && s[j] == '"' ? j : 0;
}

/* A member "type" valued "petition" or "archived-petition", or a member
 * "self" (a document's links) whose address has "/petitions" in it: so an
 * empty list page is the site's too. */
/* Where the opening '{' or '[' is, past a byte-order mark and blanks; n when
 * the text does not open with one. */
static size_t json_start(const char *s, size_t n)
{
    size_t i = skip_blanks(s, n, n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0);
    return i < n && (s[i] == '{' || s[i] == '[') ? i : n;
}

bool uk_begins_as_json(const char *s, size_t n)
{
    size_t i = json_start(s, n);
    if (i >= n)
        return false;
    size_t j = skip_blanks(s, n, i + 1);
    if (j >= n)
        return true;
    char c = s[j];
    if (s[i] == '{')
        return c == '"' || c == '}';
    return c == '{' || c == '[' || c == '"' || c == ']' || c == '-' || (c >= '0' && c <= '9');
}

bool uk_sniff(const char *s, size_t n)
{
    size_t i = json_start(s, n);
    if (i >= n)
        return false;
    for (size_t at = i; at < n; at++) {
        if (s[at] != '"')
            continue;
        size_t v = member_value_at(s, n, at, "\"type\"");
        if (v != 0) {
            static const char *const values[] = {"\"petition\"", "\"archived-petition\""};
            for (size_t k = 0; k < 2; k++) {
                size_t len = strlen(values[k]);
                if (n - v >= len && memcmp(s + v, values[k], len) == 0)
                    return true;
            }
        }
        v = member_value_at(s, n, at, "\"self\"");
        if (v != 0) {
            const char *end = memchr(s + v + 1, '"', n - v - 1);
            size_t len = end ? (size_t)(end - (s + v + 1)) : n - v - 1;
            for (size_t k = 0; k + 10 <= len; k++)
                if (memcmp(s + v + 1 + k, "/petitions", 10) == 0)
                    return true;
        }
    }
    return false;
}

/* ================================================================ petitions */

/* What a petition is built with. */
struct build {
    struct uk_petition *p;
    const char *warn[32];       /* at most this many warnings kept */
    size_t n_warn;
    bool failed;                /* memory ran out */
};

/* Memory from the petition's arena; when it runs out, the build is marked
 * failed (the caller only returns). */
static void *build_alloc(struct build *b, size_t size)
{
    void *m = arena_alloc(&b->p->arena, size);
    if (m == NULL)
        b->failed = true;
    return m;
}

static void *build_calloc(struct build *b, size_t n, size_t size)
{
    void *m = arena_calloc(&b->p->arena, n, size);
    if (m == NULL)
        b->failed = true;
    return m;
}

static void warn(struct build *b, const char *fmt, ...)
{
    if (b->n_warn >= sizeof b->warn / sizeof b->warn[0])
        return;
    char msg[MSG_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    one_line(msg);
    size_t n = strlen(msg);
    char *copy = build_alloc(b, n + 1);
    if (copy == NULL)
        return;
    memcpy(copy, msg, n + 1);
    b->warn[b->n_warn++] = copy;
}

static const char *json_kind(const struct jl_value *v)
{
    switch (v->type) {
    case JL_OBJECT: return "an object";
    case JL_ARRAY: return "an array";
    case JL_STRING: return "a string";
    case JL_INTEGER: case JL_REAL: return "a number";
    case JL_TRUE: case JL_FALSE: return "a boolean";
    default: return "null";
    }
}

/* The string value of member key, or NULL (absent, null, or of another type:
 * then a warning). */
static const char *member_string(struct build *b, const struct jl_value *obj, const char *key, size_t *len)
{
    const struct jl_value *v = jl_get(obj, key);
    if (v == NULL || jl_is(v, JL_NULL))
        return NULL;
    if (!jl_is(v, JL_STRING)) {
        warn(b, "%s: %s, not a string", key, json_kind(v));
        return NULL;
    }
    *len = (v)->n;
    return (v)->u.s;
}

/* A copy of s[0..n) with control bytes made spaces; NULL for "" (a missing
 * value is never ""). */
static const char *copy_plain(struct build *b, const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == ' ' || (unsigned char)s[n - 1] < 0x20))
        n--;
    size_t start = 0;
    while (start < n && (s[start] == ' ' || (unsigned char)s[start] < 0x20))
        start++;
    if (start == n)
        return NULL;
    char *out = build_alloc(b, n - start + 1);
    if (out == NULL)
        return NULL;
    for (size_t i = start; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        out[i - start] = c < 0x20 || c == 0x7F ? ' ' : (char)c;
    }
    out[n - start] = '\0';
    return out;
}

static const char *plain(struct build *b, const struct jl_value *obj, const char *key)
{
    size_t len = 0;
    const char *s = member_string(b, obj, key, &len);
    return s ? copy_plain(b, s, len) : NULL;
}

/* Text as the record keeps it: CR LF and CR become LF, each line loses its
 * trailing blanks, blank lines are dropped, other control bytes become
 * spaces, and the text starts with its first non-blank. Writes into out
 * (room for n + 1) and returns the length. */
static size_t normalize_text(const char *s, size_t n, char *out)
{
    size_t o = 0, line_start = 0, i = 0;
    while (i < n && ((unsigned char)s[i] <= ' ' || s[i] == 0x7F))
        i++;
    for (; i <= n; i++) {
        unsigned char c = i < n ? (unsigned char)s[i] : '\n';
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
                i++;
            while (o > line_start && (out[o - 1] == ' '))
                o--;
            if (o > line_start) {
                out[o++] = '\n';
                line_start = o;
            }
            continue;
        }
        out[o++] = c < 0x20 || c == 0x7F ? ' ' : (char)c;
    }
    if (o > 0 && out[o - 1] == '\n')
        o--;
    out[o] = '\0';
    return o;
}

static const char *text(struct build *b, const struct jl_value *obj, const char *key)
{
    size_t len = 0;
    const char *s = member_string(b, obj, key, &len);
    if (s == NULL)
        return NULL;
    char *out = build_alloc(b, len + 1);
    if (out == NULL)
        return NULL;
    return normalize_text(s, len, out) > 0 ? out : NULL;
}

static long member_int(struct build *b, const struct jl_value *obj, const char *key)
{
    const struct jl_value *v = jl_get(obj, key);
    if (v == NULL || jl_is(v, JL_NULL))
        return UK_MISSING;
    if (jl_is(v, JL_INTEGER) && (v)->u.i >= 0 && (v)->u.i <= (long long)LONG_MAX)
        return (long)(v)->u.i;
    warn(b, "%s: %s, not a count", key, jl_is(v, JL_INTEGER) ? "a negative number" : json_kind(v));
    return UK_MISSING;
}

/* ---------------------------------------------------------------- times */

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* "YYYY-MM-DD", then optionally "THH:MM", ":SS", ".fraction", and "Z" or
 * "+HH:MM" / "-HH:MM" / "+HHMM". The clock is kept as printed. Returns 0,
 * or -1 when s is not such a time. */
static int parse_time(const char *s, size_t n, struct date_value *d)
{
    if (n < 10 || s[4] != '-' || s[7] != '-')
        return -1;
    d->year = digits(s, 4), d->month = digits(s + 5, 2), d->day = digits(s + 8, 2);
    d->has_time = false;
    if (d->year < 0 || d->month < 0 || d->day < 0 || !date_is_valid(d->year, d->month, d->day))
        return -1;
    if (n == 10)
        return 0;
    if ((s[10] != 'T' && s[10] != ' ') || n < 16 || s[13] != ':')
        return -1;
    d->hour = digits(s + 11, 2), d->minute = digits(s + 14, 2);
    if (d->hour < 0 || d->hour > 23 || d->minute < 0 || d->minute > 59)
        return -1;
    d->has_time = true;
    size_t i = 16;
    if (i < n && s[i] == ':') {
        int sec = n >= i + 3 ? digits(s + i + 1, 2) : -1;
        if (sec < 0 || sec > 60)
            return -1;
        i += 3;
        if (i < n && s[i] == '.') {
            size_t j = i + 1;
            while (j < n && s[j] >= '0' && s[j] <= '9')
                j++;
            if (j == i + 1)
                return -1;
            i = j;
        }
    }
    if (i == n)
        return 0;
    if (s[i] == 'Z')
        return i + 1 == n ? 0 : -1;
    if (s[i] != '+' && s[i] != '-')
        return -1;
    const char *z = s + i + 1;
    size_t zn = n - i - 1;
    if (zn == 5 && z[2] == ':' && digits(z, 2) >= 0 && digits(z + 3, 2) >= 0)
        return 0;
    if ((zn == 4 && digits(z, 4) >= 0) || (zn == 2 && digits(z, 2) >= 0))
        return 0;
    return -1;
}

static const char *format_date(struct build *b, const struct date_value *d, bool with_time)
{
    char *out = build_alloc(b, 17);
    if (out == NULL)
        return NULL;
    if (with_time)
        date_format_iso_time(d, out, 17);
    else
        date_format_iso(d, out, 17);
    return out;
}

/* A time member: its date and date-time; a bare date gives the date only. */
static struct uk_time member_time(struct build *b, const struct jl_value *obj, const char *key)
{
    struct uk_time t = {NULL, NULL};
    size_t len = 0;
    const char *s = member_string(b, obj, key, &len);
    struct date_value d;
    if (s == NULL)
        return t;
    if (parse_time(s, len, &d) != 0) {
        warn(b, "%s: not a time: \"%.40s\"", key, s);
        return t;
    }
    t.date = format_date(b, &d, false);
    if (d.has_time)
        t.datetime = format_date(b, &d, true);
    return t;
}

/* A date member ("2019-03-27"; a full time gives its date). */
static const char *member_date(struct build *b, const struct jl_value *obj, const char *key)
{
    size_t len = 0;
    const char *s = member_string(b, obj, key, &len);
    struct date_value d;
    if (s == NULL)
        return NULL;
    if (parse_time(s, len, &d) != 0) {
        warn(b, "%s: not a date: \"%.40s\"", key, s);
        return NULL;
    }
    return format_date(b, &d, false);
}

/* The first of two spellings a member has had ("opened_at", "open_at"). */
static const char *either_key(const struct jl_value *obj, const char *now, const char *before)
{
    const struct jl_value *v = jl_get(obj, now);
    return v != NULL && !jl_is(v, JL_NULL) ? now : before;
}

/* ---------------------------------------------------------------- parts */

/* A member that must be an object when present: NULL when absent or null. */
static const struct jl_value *member_object(struct build *b, const struct jl_value *obj, const char *key)
{
    const struct jl_value *v = jl_get(obj, key);
    if (v == NULL || jl_is(v, JL_NULL))
        return NULL;
    if (!jl_is(v, JL_OBJECT)) {
        warn(b, "%s: %s, not an object", key, json_kind(v));
        return NULL;
    }
    return v;
}

static const struct jl_value *member_array(struct build *b, const struct jl_value *obj, const char *key)
{
    const struct jl_value *v = jl_get(obj, key);
    if (v == NULL || jl_is(v, JL_NULL))
        return NULL;
    if (!jl_is(v, JL_ARRAY)) {
        warn(b, "%s: %s, not an array", key, json_kind(v));
        return NULL;
    }
    return v;
}

static void read_response(struct build *b, const struct jl_value *a)
{
    const struct jl_value *g = member_object(b, a, "government_response");
    if (g == NULL)
        return;
    struct uk_response *r = build_calloc(b, 1, sizeof *r);
    if (r == NULL)
        return;
    r->responded_on = member_date(b, g, "responded_on");
    r->summary = text(b, g, "summary");
    r->details = text(b, g, "details");
    r->created = member_time(b, g, "created_at");
    r->updated = member_time(b, g, "updated_at");
    b->p->response = r;
}

static void read_debate(struct build *b, const struct jl_value *a)
{
    const struct jl_value *g = member_object(b, a, "debate");
    if (g == NULL)
        return;
    struct uk_debate *d = build_calloc(b, 1, sizeof *d);
    if (d == NULL)
        return;
    d->debated_on = member_date(b, g, "debated_on");
    d->transcript_url = plain(b, g, "transcript_url");
    d->video_url = plain(b, g, "video_url");
    d->debate_pack_url = plain(b, g, "debate_pack_url");
    d->public_engagement_url = plain(b, g, "public_engagement_url");
    d->debate_summary_url = plain(b, g, "debate_summary_url");
    d->overview = text(b, g, "overview");
    b->p->debate = d;
}

static void read_departments(struct build *b, const struct jl_value *a)
{
    const struct jl_value *arr = member_array(b, a, "departments");
    if (arr == NULL)
        return;
    size_t n = arr->n, k = 0;
    struct uk_department *d = build_calloc(b, n ? n : 1, sizeof *d);
    if (d == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        const struct jl_value *e = &(arr)->u.items[i];
        if (!jl_is(e, JL_OBJECT)) {
            warn(b, "departments[%zu]: %s, not an object", i, json_kind(e));
            continue;
        }
        d[k].acronym = plain(b, e, "acronym");
        d[k].name = plain(b, e, "name");
        d[k].url = plain(b, e, "url");
        k++;
    }
    b->p->departments = d;
    b->p->n_departments = k;
}

static void read_topics(struct build *b, const struct jl_value *a)
{
    const struct jl_value *arr = member_array(b, a, "topics");
    if (arr == NULL)
        return;
    size_t n = arr->n, k = 0;
    const char **t = build_calloc(b, n ? n : 1, sizeof *t);
    if (t == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        const struct jl_value *e = &(arr)->u.items[i];
        const char *s = jl_is(e, JL_STRING) ? copy_plain(b, (e)->u.s, (e)->n) : NULL;
        if (s == NULL && !jl_is(e, JL_STRING))
            warn(b, "topics[%zu]: %s, not a string", i, json_kind(e));
        if (s != NULL)
            t[k++] = s;
    }
    b->p->topics = t;
    b->p->n_topics = k;
}

/* signatures_by_country, _constituency or _region: rows of {name, code or
 * ons_code, mp, signature_count}. */
static struct uk_count *read_counts(struct build *b, const struct jl_value *a, const char *key, size_t *n_out)
{
    const struct jl_value *arr = member_array(b, a, key);
    if (arr == NULL)
        return NULL;
    size_t n = arr->n, k = 0;
    struct uk_count *c = build_calloc(b, n ? n : 1, sizeof *c);
    if (c == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const struct jl_value *e = &(arr)->u.items[i];
        if (!jl_is(e, JL_OBJECT)) {
            warn(b, "%s[%zu]: %s, not an object", key, i, json_kind(e));
            continue;
        }
        c[k].name = plain(b, e, "name");
        c[k].code = jl_get(e, "code") ? plain(b, e, "code") : plain(b, e, "ons_code");
        c[k].mp = plain(b, e, "mp");
        c[k].count = member_int(b, e, "signature_count");
        k++;
    }
    *n_out = k;
    return c;
}

static void read_parliament(struct build *b, const struct jl_value *data)
{
    const struct jl_value *g = member_object(b, data, "parliament");
    if (g == NULL)
        return;
    struct uk_parliament *pa = build_calloc(b, 1, sizeof *pa);
    if (pa == NULL)
        return;
    pa->period = plain(b, g, "period");
    pa->government = plain(b, g, "government");
    pa->dissolution = member_time(b, g, "dissolution_at");
    pa->response_threshold = member_int(b, g, "response_threshold");
    pa->debate_threshold = member_int(b, g, "debate_threshold");
    b->p->parliament = pa;
}

/* action, background and additional details, one after another. */
static const char *join_text(struct build *b)
{
    const char *parts[3] = {b->p->action, b->p->background, b->p->additional_details};
    size_t len = 0;
    for (int i = 0; i < 3; i++)
        len += parts[i] ? strlen(parts[i]) + 1 : 0;
    if (len == 0)
        return NULL;
    char *out = build_alloc(b, len);
    if (out == NULL)
        return NULL;
    size_t o = 0;
    for (int i = 0; i < 3; i++) {
        if (parts[i] == NULL)
            continue;
        if (o > 0)
            out[o++] = '\n';
        size_t n = strlen(parts[i]);
        memcpy(out + o, parts[i], n);
        o += n;
    }
    out[o] = '\0';
    return out;
}

/* url and json_url from links.self (the petition's, else the document's),
 * or made from the id. */
static void read_urls(struct build *b, const struct jl_value *data, const char *doc_self)
{
    const struct jl_value *links = jl_get(data, "links");
    const char *self = jl_is(links, JL_OBJECT) ? plain(b, links, "self") : NULL;
    if (self == NULL && doc_self != NULL)
        self = copy_plain(b, doc_self, strlen(doc_self));
    b->p->json_url = self;
    size_t n = self ? strlen(self) : 0;
    if (n > 5 && memcmp(self + n - 5, ".json", 5) == 0) {
        b->p->url = copy_plain(b, self, n - 5);
        return;
    }
    if (self != NULL) {
        b->p->url = self;
        return;
    }
    char made[96];
    snprintf(made, sizeof made, "https://petition.parliament.uk/%spetitions/%ld",
             b->p->archived ? "archived/" : "", b->p->number);
    b->p->url = copy_plain(b, made, strlen(made));
}

static void read_attributes(struct build *b, const struct jl_value *a)
{
    struct uk_petition *p = b->p;
    p->action = text(b, a, "action");
    p->background = text(b, a, "background");
    p->additional_details = text(b, a, "additional_details");
    p->committee_note = text(b, a, "committee_note");
    p->text = join_text(b);
    p->state = plain(b, a, "state");
    p->signatures = member_int(b, a, "signature_count");
    p->creator_name = plain(b, a, "creator_name");
    p->created = member_time(b, a, "created_at");
    p->updated = member_time(b, a, "updated_at");
    p->opened = member_time(b, a, either_key(a, "opened_at", "open_at"));
    p->closed = member_time(b, a, "closed_at");
    p->rejected = member_time(b, a, "rejected_at");
    p->moderation_threshold_reached = member_time(b, a, "moderation_threshold_reached_at");
    p->response_threshold_reached = member_time(b, a, "response_threshold_reached_at");
    p->government_response = member_time(b, a, "government_response_at");
    p->debate_threshold_reached = member_time(b, a, "debate_threshold_reached_at");
    p->debate_outcome = member_time(b, a, "debate_outcome_at");
    p->closing_date = member_date(b, a, "closing_date");
    p->scheduled_debate_date = member_date(b, a, "scheduled_debate_date");
    p->debate_scheduled_on = member_date(b, a, either_key(a, "debate_scheduled_on", "debate_scheduled_at"));
    const struct jl_value *rej = member_object(b, a, "rejection");
    if (rej != NULL) {
        p->rejection_code = plain(b, rej, "code");
        p->rejection_details = text(b, rej, "details");
    }
    read_response(b, a);
    read_debate(b, a);
    read_departments(b, a);
    read_topics(b, a);
    p->by_country = read_counts(b, a, "signatures_by_country", &p->n_by_country);
    p->by_constituency = read_counts(b, a, "signatures_by_constituency", &p->n_by_constituency);
    p->by_region = read_counts(b, a, "signatures_by_region", &p->n_by_region);
}

static void derive_parliament(struct uk_petition *p)
{
    p->parliament_no = UK_MISSING;
    if (p->parliament != NULL && p->parliament->period != NULL)
        p->parliament_no = uk_parliament_of_period(p->parliament->period);
    const char *day = p->opened.date ? p->opened.date : p->created.date;
    if (p->parliament_no == UK_MISSING && day != NULL)
        p->parliament_no = uk_parliament_of_day(
            date_days_from_civil(digits(day, 4), digits(day + 5, 2), digits(day + 8, 2)));
    p->response_threshold = p->parliament && p->parliament->response_threshold > 0
                          ? p->parliament->response_threshold : 10000;
}

/* A petition from its decoded JSON, or NULL with a message in err. */
static struct uk_petition *build_petition(const struct jl_value *data, const char *doc_self, size_t size_hint,
                                          char *err, size_t errlen, const char *what)
{
    const char *type = jl_string(jl_get(data, "type"));
    const struct jl_value *id = jl_get(data, "id");
    const struct jl_value *attributes = jl_get(data, "attributes");
    if (!jl_is(data, JL_OBJECT)) {
        snprintf(err, errlen, "not a UK petitions document: %s is %s, not a petition", what, json_kind(data));
        return NULL;
    }
    if (type == NULL || (strcmp(type, "petition") != 0 && strcmp(type, "archived-petition") != 0)) {
        if (type)
            snprintf(err, errlen, "not a UK petitions document: %s has type \"%.40s\"", what, type);
        else
            snprintf(err, errlen, "not a UK petitions document: %s has no \"type\"", what);
        return NULL;
    }
    if (!jl_is(id, JL_INTEGER) || (id)->u.i < 0 || (id)->u.i > (long long)LONG_MAX) {
        snprintf(err, errlen, "not a UK petitions document: %s has no numeric \"id\"", what);
        return NULL;
    }
    if (!jl_is(attributes, JL_OBJECT)) {
        snprintf(err, errlen, "not a UK petitions document: %s has no \"attributes\" object", what);
        return NULL;
    }
    struct uk_petition *p = calloc(1, sizeof *p);
    if (p == NULL) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    arena_init(&p->arena, size_hint + 1024);
    struct build b = {.p = p};
    p->number = (long)(id)->u.i;
    char idbuf[24];
    snprintf(idbuf, sizeof idbuf, "%ld", p->number);
    p->id = copy_plain(&b, idbuf, strlen(idbuf));
    p->archived = strcmp(type, "archived-petition") == 0;
    read_urls(&b, data, doc_self);
    read_attributes(&b, attributes);
    read_parliament(&b, data);
    derive_parliament(p);
    if (b.n_warn > 0) {
        const char **w = arena_calloc(&p->arena, b.n_warn, sizeof *w);
        if (w != NULL) {
            memcpy(w, b.warn, b.n_warn * sizeof *w);
            p->warnings = w;
            p->n_warnings = b.n_warn;
        } else {
            b.failed = true;
        }
    }
    if (b.failed || p->id == NULL) {
        uk_petition_free(p);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    return p;
}

/* One petition's bytes, decoded and handed over. */
static int deliver(struct uk_reader *r, const char *bytes, size_t len, long long start, int line)
{
    struct jl_error e;
    const struct jl_value *data = jl_parse(r->jl, bytes, len, &e);
    if (data == NULL) {
        report(r, start + (long long)e.position, line + e.line - 1, "malformed JSON in %s: %s", r->what, e.text);
        return 0;
    }
    return deliver_value(r, data, len, start, line);
}

/* A petition decoded (len bytes of input from start), built and handed over. */
static int deliver_value(struct uk_reader *r, const struct jl_value *data, size_t len, long long start,
                         int line)
{
    char err[MSG_SIZE];
    struct uk_petition *p = build_petition(data, r->pet_single ? r->doc_self : NULL,
                                           len, err, sizeof err, r->what);
    if (p == NULL) {
        report(r, start, line, "%s", err);
        return 0;
    }
    p->offset = start;
    p->line = line;
    r->n_petitions++;
    return r->on_petition ? r->on_petition(r->ctx, p) : (uk_petition_free(p), 0);
}

void uk_petition_free(struct uk_petition *p)
{
    if (p == NULL)
        return;
    arena_free(&p->arena);
    free(p);
}

/* ================================================================ Parliaments */

/* The Parliaments the site has served, numbered as the UK Parliament numbers
 * them (the 1st met on 22 January 1801), the day each first met and the day
 * it was dissolved (0: not yet). */
static const struct parliament_span {
    int number;
    int y, m, d;            /* first met */
    int dy, dm, dd;         /* dissolved */
} parliaments[] = {
    {55, 2010, 5, 18, 2015, 3, 30},
    {56, 2015, 5, 18, 2017, 5, 3},
    {57, 2017, 6, 13, 2019, 11, 6},
    {58, 2019, 12, 17, 2024, 5, 30},
    {59, 2024, 7, 9, 0, 0, 0},
};
#define N_PARLIAMENTS (sizeof parliaments / sizeof parliaments[0])

static const struct parliament_span *span_of(int number)
{
    for (size_t i = 0; i < N_PARLIAMENTS; i++)
        if (parliaments[i].number == number)
            return &parliaments[i];
    return NULL;
}

int uk_parliament_of_period(const char *period)
{
    int year = period && strlen(period) >= 4 ? digits(period, 4) : -1;
    for (size_t i = 0; i < N_PARLIAMENTS; i++)
        if (parliaments[i].y == year)
            return parliaments[i].number;
    return UK_MISSING;
}

int uk_parliament_of_day(long days)
{
    int number = UK_MISSING;
    for (size_t i = 0; i < N_PARLIAMENTS; i++)
        if (days >= date_days_from_civil(parliaments[i].y, parliaments[i].m, parliaments[i].d))
            number = parliaments[i].number;
    return number;
}

long uk_parliament_dissolved_day(int number)
{
    const struct parliament_span *sp = span_of(number);
    return sp != NULL && sp->dy != 0 ? date_days_from_civil(sp->dy, sp->dm, sp->dd) : UK_MISSING;
}
