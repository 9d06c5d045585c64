/* vocab.c — the canonical vocabularies (see vocab.h): keys normalised with
 * utf8proc, one open-addressing hash table per kind of file, rows read with
 * csvio, and the rules that take a responder's title to its department. */
#include "vocab.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "chars.h"
#include "csvio.h"

/* ---- an arena for keys and values ------------------------------------------ */

enum { ARENA_BLOCK = 16 * 1024 };

struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    char data[];
};

static char *arena_strdup(struct arena_block **head, const char *s, size_t n)
{
    struct arena_block *b = *head;
    if (!b || b->cap - b->used < n + 1) {
        size_t cap = n + 1 > ARENA_BLOCK ? n + 1 : ARENA_BLOCK;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->next = *head;
        b->used = 0;
        b->cap = cap;
        *head = b;
    }
    char *p = b->data + b->used;
    memcpy(p, s, n);
    p[n] = '\0';
    b->used += n + 1;
    return p;
}

static void arena_free(struct arena_block *b)
{
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
}

/* ---- keys ------------------------------------------------------------------- */

struct key_out {
    char *buf;
    size_t n, size;
    bool space;      /* a blank is pending: written before the next character */
    bool full;
};

static void key_put_byte(struct key_out *k, char c)
{
    if (k->n + 1 >= k->size) {
        k->full = true;
        return;
    }
    k->buf[k->n++] = c;
}

static void key_put_cp(struct key_out *k, int32_t c)
{
    if (k->space && k->n > 0)
        key_put_byte(k, ' ');
    k->space = false;
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t len = utf8proc_encode_char(c, tmp);
    for (utf8proc_ssize_t i = 0; i < len; i++)
        key_put_byte(k, (char)tmp[i]);
}

/* One code point of the folded form: blanks, apostrophes and dashes unified. */
static void key_put_folded(struct key_out *k, int32_t c)
{
    if (chars_is_blank(c)) {
        k->space = true;
        return;
    }
    if (chars_is_apostrophe(c))
        c = '\'';
    else if (chars_is_dash(c))
        c = '-';
    const char *sp = chars_spelled_out(c);
    if (sp) {
        for (; *sp; sp++)
            key_put_cp(k, (unsigned char)*sp);
        return;
    }
    key_put_cp(k, c);
}

#define KEY_OPTS (UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_DECOMPOSE)

bool vocab_key(const char *s, size_t len, char *buf, size_t size, size_t *key_len)
{
    struct key_out k = { buf, 0, size, false, false };
    if (size == 0)
        return false;
    for (size_t pos = 0; pos < len && !k.full;) {
        int32_t c;
        pos += chars_decode(s, len, pos, &c);
        if (c < 0x80) {                                  /* ASCII: the common case */
            if (c >= 'A' && c <= 'Z')
                c += 'a' - 'A';
            key_put_folded(&k, c);
            continue;
        }
        utf8proc_int32_t out[18];
        int boundclass = 0;
        utf8proc_ssize_t m = utf8proc_decompose_char(c, out, 18, KEY_OPTS, &boundclass);
        if (m < 0 || m > 18) {
            key_put_folded(&k, 0xFFFD);
            continue;
        }
        for (utf8proc_ssize_t i = 0; i < m; i++)
            key_put_folded(&k, out[i]);
    }
    if (k.full)
        return false;
    while (k.n > 0 && (buf[k.n - 1] == '.' || buf[k.n - 1] == ' '))
        k.n--;                                            /* "Minister of Health." */
    buf[k.n] = '\0';
    if (key_len)
        *key_len = k.n;
    return true;
}

/* ---- hash tables ------------------------------------------------------------- */

enum role { ROLE_PORTFOLIO, ROLE_OFFICE };

struct entry {
    const char *key;         /* NULL: a free slot */
    size_t key_len;
    uint64_t hash;
    const char *value;
    enum role role;
    int source;              /* which vocab_add_* call gave the row */
    long line;
};

struct table {
    struct entry *slot;
    size_t cap, n;           /* cap: a power of two, or 0 */
};

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;                  /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static const struct entry *table_find(const struct table *t, const char *key, size_t n)
{
    if (t->cap == 0)
        return NULL;
    uint64_t h = hash_bytes(key, n);
    for (size_t i = (size_t)h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        const struct entry *e = &t->slot[i];
        if (!e->key)
            return NULL;
        if (e->hash == h && e->key_len == n && memcmp(e->key, key, n) == 0)
            return e;
    }
}

static int table_grow(struct table *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64;
    struct entry *slot = calloc(cap, sizeof *slot);
    if (!slot)
        return -1;
    for (size_t i = 0; i < t->cap; i++) {
        const struct entry *e = &t->slot[i];
        if (!e->key)
            continue;
        size_t j = (size_t)e->hash & (cap - 1);
        while (slot[j].key)
            j = (j + 1) & (cap - 1);
        slot[j] = *e;
    }
    free(t->slot);
    t->slot = slot;
    t->cap = cap;
    return 0;
}

/* The slot for key: its entry, or the free slot where it goes (grown first,
 * so that the table stays at most half full). NULL when memory ran out. */
static struct entry *table_slot(struct table *t, const char *key, size_t n, uint64_t h)
{
    if ((t->n + 1) * 2 > t->cap && table_grow(t))
        return NULL;
    for (size_t i = (size_t)h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        struct entry *e = &t->slot[i];
        if (!e->key || (e->hash == h && e->key_len == n && memcmp(e->key, key, n) == 0))
            return e;
    }
}

/* ---- the vocabulary ------------------------------------------------------------ */

struct vocab {
    struct table table[3];   /* by enum vocab_file */
    struct arena_block *arena;
    int sources;
};

struct vocab *vocab_new(void)
{
    return calloc(1, sizeof(struct vocab));
}

void vocab_free(struct vocab *v)
{
    if (!v)
        return;
    for (int i = 0; i < 3; i++)
        free(v->table[i].slot);
    arena_free(v->arena);
    free(v);
}

size_t vocab_size(const struct vocab *v, enum vocab_file file)
{
    return v->table[file].n;
}

/* ---- reading sources ------------------------------------------------------------- */

/* Where a source is being read, for messages. */
struct reading {
    struct vocab *v;
    enum vocab_file file;
    const char *lang;        /* of labels */
    const char *name;
    char *err;
    size_t errlen;
};

static int fail(const struct reading *r, long line, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line > 0)
        snprintf(r->err, r->errlen, "%s:%ld: %s", r->name, line, msg);
    else
        snprintf(r->err, r->errlen, "%s: %s", r->name, msg);
    return -1;
}

/* A field for a message: at most 60 bytes of it. */
#define SHOWN(s, n) (int)((n) > 60 ? 60 : (n)), (s)

static const char *const headers[3][2] = {
    { "printed,lang,department", "printed,lang,department,role" },
    { "printed,lang,topic", NULL },
    { "kind,value,label", NULL },
};

static const char *const label_kinds[] = {
    "department", "topic", "caucus", "province", "original_language", "status", NULL,
};

static bool field_is(const struct csv_row *row, size_t i, const char *s)
{
    return row->len[i] == strlen(s) && memcmp(row->field[i], s, row->len[i]) == 0;
}

/* The number of columns the header names, or 0 when it is not this file's. */
static size_t header_columns(const struct csv_row *row, enum vocab_file file)
{
    for (int h = 0; h < 2; h++) {
        const char *want = headers[file][h];
        if (!want)
            continue;
        size_t cols = 1;
        for (const char *p = want; *p; p++)
            cols += *p == ',';
        if (row->n != cols)
            continue;
        const char *p = want;
        bool ok = true;
        for (size_t i = 0; i < cols && ok; i++) {
            const char *end = strchr(p, ',');
            size_t n = end ? (size_t)(end - p) : strlen(p);
            ok = row->len[i] == n && memcmp(row->field[i], p, n) == 0;
            p += n + (end ? 1 : 0);
        }
        if (ok)
            return cols;
    }
    return 0;
}

/* Stores key -> value (with role) from row line of the current source. */
static int put(const struct reading *r, const char *key, size_t kn, const char *value,
               size_t vn, enum role role, long line)
{
    struct table *t = &r->v->table[r->file];
    uint64_t h = hash_bytes(key, kn);
    struct entry *e = table_slot(t, key, kn, h);
    if (!e)
        return fail(r, line, "out of memory");
    if (e->key && e->source == r->v->sources) {
        if (strlen(e->value) == vn && memcmp(e->value, value, vn) == 0 && e->role == role)
            return 0;                                  /* the same row again */
        return fail(r, line, "'%.*s' already maps to '%s' on line %ld", SHOWN(key, kn),
                    e->value, e->line);
    }
    const char *v = arena_strdup(&r->v->arena, value, vn);
    if (!v)
        return fail(r, line, "out of memory");
    if (!e->key) {
        const char *k = arena_strdup(&r->v->arena, key, kn);
        if (!k)
            return fail(r, line, "out of memory");
        e->key = k;
        e->key_len = kn;
        e->hash = h;
        t->n++;
    }
    e->value = v;
    e->role = role;
    e->source = r->v->sources;
    e->line = line;
    return 0;
}

/* The lookup key of a label: kind, lang and the value's key, apart. */
static bool label_key(const char *kind, const char *lang, const char *value, size_t vn,
                      char *buf, size_t size, size_t *n)
{
    int head = snprintf(buf, size, "%s\x1f%s\x1f", kind, lang);
    if (head < 0 || (size_t)head >= size)
        return false;
    size_t vk;
    if (!vocab_key(value, vn, buf + head, size - (size_t)head, &vk))
        return false;
    *n = (size_t)head + vk;
    return true;
}

static bool known_kind(const char *s, size_t n)
{
    for (int i = 0; label_kinds[i]; i++)
        if (strlen(label_kinds[i]) == n && memcmp(label_kinds[i], s, n) == 0)
            return true;
    return false;
}

static int add_label_row(const struct reading *r, const struct csv_row *row)
{
    if (!known_kind(row->field[0], row->len[0]))
        return fail(r, row->line, "kind must be department, topic, caucus, province, "
                    "original_language or status, not '%.*s'", SHOWN(row->field[0], row->len[0]));
    char key[VOCAB_KEY_MAX + 64];
    size_t kn;
    if (!label_key(row->field[0], r->lang, row->field[1], row->len[1], key, sizeof key, &kn))
        return fail(r, row->line, "value too long");
    if (kn == strlen(row->field[0]) + strlen(r->lang) + 2)   /* the kind and lang part only */
        return fail(r, row->line, "empty value");
    if (row->len[2] == 0)
        return fail(r, row->line, "empty label");
    return put(r, key, kn, row->field[2], row->len[2], ROLE_PORTFOLIO, row->line);
}

static int add_form_row(const struct reading *r, const struct csv_row *row)
{
    char key[VOCAB_KEY_MAX];
    size_t kn;
    if (!vocab_key(row->field[0], row->len[0], key, sizeof key, &kn))
        return fail(r, row->line, "printed form too long");
    if (kn == 0)
        return fail(r, row->line, "empty printed form");
    if (!field_is(row, 1, "en") && !field_is(row, 1, "fr"))
        return fail(r, row->line, "lang must be en or fr, not '%.*s'",
                    SHOWN(row->field[1], row->len[1]));
    if (row->len[2] == 0)
        return fail(r, row->line, "empty %s", r->file == VOCAB_TOPICS ? "topic" : "department");
    enum role role = ROLE_PORTFOLIO;
    if (row->n > 3 && !field_is(row, 3, "") && !field_is(row, 3, "portfolio")) {
        if (!field_is(row, 3, "office"))
            return fail(r, row->line, "role must be portfolio, office or empty, not '%.*s'",
                        SHOWN(row->field[3], row->len[3]));
        role = ROLE_OFFICE;
    }
    return put(r, key, kn, row->field[2], row->len[2], role, row->line);
}

static int read_rows(const struct reading *r, struct csv_reader *cr)
{
    struct csv_row row;
    int rc = csvr_next(cr, &row);
    if (rc < 0) {
        snprintf(r->err, r->errlen, "%s", csvr_error(cr));   /* "name:line: ..." already */
        return -1;
    }
    size_t cols = rc == 1 ? header_columns(&row, r->file) : 0;
    if (cols == 0) {
        const char *alt = headers[r->file][1];
        return fail(r, rc == 1 ? row.line : 0, "the header must be %s%s%s", headers[r->file][0],
                    alt ? " or " : "", alt ? alt : "");
    }
    csvr_set_max_fields(cr, cols);
    while ((rc = csvr_next(cr, &row)) == 1) {
        if (row.n != cols)
            return fail(r, row.line, "row has %zu field%s, header has %zu", row.n,
                        row.n == 1 ? "" : "s", cols);
        int bad = r->file == VOCAB_LABELS ? add_label_row(r, &row) : add_form_row(r, &row);
        if (bad)
            return -1;
    }
    if (rc < 0) {
        snprintf(r->err, r->errlen, "%s", csvr_error(cr));
        return -1;
    }
    return 0;
}

static int check_args(const struct reading *r)
{
    if (r->file == VOCAB_LABELS && (!r->lang || !*r->lang || strchr(r->lang, '\x1f')))
        return fail(r, 0, "labels need a language");
    return 0;
}

static int add_stream(struct vocab *v, enum vocab_file file, const char *lang, FILE *fp,
                      const char *name, char *err, size_t errlen)
{
    struct reading r = { v, file, lang, name, err, errlen };
    if (check_args(&r))
        return -1;
    v->sources++;
    struct csv_reader *cr = csvr_open_stream(fp, name, NULL, err, errlen);
    if (!cr)
        return -1;
    int rc = read_rows(&r, cr);
    csvr_close(cr);
    return rc;
}

int vocab_add_csv(struct vocab *v, enum vocab_file file, const char *lang,
                  const char *text, size_t len, const char *name, char *err, size_t errlen)
{
    struct reading r = { v, file, lang, name, err, errlen };
    if (len == 0) {
        const char *want = headers[file][0];
        return fail(&r, 0, "empty: the header must be %s", want);
    }
    FILE *fp = fmemopen((void *)text, len, "r");
    if (!fp)
        return fail(&r, 0, "%s", strerror(errno));
    int rc = add_stream(v, file, lang, fp, name, err, errlen);
    fclose(fp);
    return rc;
}

int vocab_add_file(struct vocab *v, enum vocab_file file, const char *lang,
                   const char *path, char *err, size_t errlen)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    int rc = add_stream(v, file, lang, fp, path, err, errlen);
    fclose(fp);
    return rc;
}

/* ---- lookups ------------------------------------------------------------------ */

const char *vocab_topic(const struct vocab *v, const char *s, size_t len)
{
    char key[VOCAB_KEY_MAX];
    size_t kn;
    if (!vocab_key(s, len, key, sizeof key, &kn) || kn == 0)
        return NULL;
    const struct entry *e = table_find(&v->table[VOCAB_TOPICS], key, kn);
    return e ? e->value : NULL;
}

const char *vocab_label(const struct vocab *v, const char *kind, const char *value, const char *lang)
{
    char key[VOCAB_KEY_MAX + 64];
    size_t kn;
    if (!kind || !value || !lang || strchr(lang, '\x1f') || strchr(kind, '\x1f') ||
        !label_key(kind, lang, value, strlen(value), key, sizeof key, &kn))
        return NULL;
    const struct entry *e = table_find(&v->table[VOCAB_LABELS], key, kn);
    return e ? e->value : NULL;
}

/* Does key[0..n) start with the (folded) word sequence w? */
static bool starts(const char *key, size_t n, const char *w)
{
    size_t wn = strlen(w);
    return n >= wn && memcmp(key, w, wn) == 0;
}

/* "Parliamentary Secretary to the Minister of X (Y)" -> "minister of x":
 * the prefix and a trailing parenthesis removed from key[*off..*n). */
static void strip_secretary(const char *key, size_t *off, size_t *n)
{
    static const char *const prefixes[] = {
        "parliamentary secretary to the ", "parliamentary secretary to ",
        "secretaire parlementaire du ", "secretaire parlementaire de la ",
        "secretaire parlementaire de l'", "secretaire parlementaire des ",
        "secretaire parlementaire aupres du ", "secretaire parlementaire aupres de la ",
        NULL,
    };
    for (int i = 0; prefixes[i]; i++) {
        if (!starts(key + *off, *n - *off, prefixes[i]))
            continue;
        *off += strlen(prefixes[i]);
        if (*n > *off && key[*n - 1] == ')') {
            size_t open = *n;
            while (open > *off && key[open - 1] != '(')
                open--;
            if (open > *off + 1 && key[open - 2] == ' ')
                *n = open - 2;
        }
        return;
    }
}

/* Joiners between the parts of a compound title, and the words a part may
 * start with: "deputy prime minister| and |minister of finance". */
static const char *const joiners[] = {
    " and to the ", " and ", ", and ", ", ",
    " et du ", " et de la ", " et de l'", " et des ", " et ", ", et ",
    NULL,
};
static const char *const part_heads[] = {
    "minister ", "associate minister ", "deputy prime minister", "president of the ",
    "leader of the government", "prime minister",
    "ministre ", "vice-premier ministre", "vice-premiere ministre", "president du ",
    "presidente du ", "leader du gouvernement", "premier ministre", "premiere ministre",
    NULL,
};

/* The length of a joiner at key[i] followed by a part head, or 0. */
static size_t joiner_at(const char *key, size_t n, size_t i)
{
    for (int j = 0; joiners[j]; j++) {
        if (!starts(key + i, n - i, joiners[j]))
            continue;
        size_t at = i + strlen(joiners[j]);
        for (int h = 0; part_heads[h]; h++)
            if (starts(key + at, n - at, part_heads[h]))
                return strlen(joiners[j]);
    }
    return 0;
}

static bool passed_over(const char *part, size_t n)
{
    return starts(part, n, "minister responsible for ") ||
           starts(part, n, "ministre responsable ");
}

/* The end of the part of key[0..n) that starts at start: where the next
 * joiner followed by a title is (*next: where the part after it starts), or n. */
static size_t part_end(const char *key, size_t n, size_t start, size_t *next)
{
    for (size_t i = start; i < n; i++) {
        size_t jl = joiner_at(key, n, i);
        if (jl) {
            *next = i + jl;
            return i;
        }
    }
    *next = n;
    return n;
}

/* The department of a compound title key[0..n), by the rule of vocab.h. */
static const char *compound(const struct table *t, const char *key, size_t n)
{
    size_t next;
    if (part_end(key, n, 0, &next) == n)
        return NULL;                                   /* one part: not a compound */
    const struct entry *first_office = NULL;
    for (size_t start = 0; start < n; start = next) {
        size_t end = part_end(key, n, start, &next);
        const struct entry *e = table_find(t, key + start, end - start);
        if (!e) {
            if (passed_over(key + start, end - start))
                continue;
            return NULL;                               /* a part no row explains */
        }
        if (e->role == ROLE_PORTFOLIO)
            return e->value;
        if (!first_office)
            first_office = e;
    }
    return first_office ? first_office->value : NULL;
}

const char *vocab_department(const struct vocab *v, const char *title, size_t len)
{
    char key[VOCAB_KEY_MAX];
    size_t n;
    if (!vocab_key(title, len, key, sizeof key, &n) || n == 0)
        return NULL;
    size_t off = 0;
    strip_secretary(key, &off, &n);
    if (off >= n)
        return NULL;
    const struct table *t = &v->table[VOCAB_DEPARTMENTS];
    const struct entry *e = table_find(t, key + off, n - off);
    if (e)
        return e->value;
    return compound(t, key + off, n - off);
}
