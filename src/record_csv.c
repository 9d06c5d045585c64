/* record_csv.c — a CSV file of records read back into records (see
 * record_csv.h for the cells). */
#include "record_csv.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"

#define CSV_COLUMN_STRING(name)    #name,
#define CSV_COLUMN_DATE(name)      #name,
#define CSV_COLUMN_DATETIME(name)  #name,
#define CSV_COLUMN_INTEGER(name)   #name,
#define CSV_COLUMN_BOOLEAN(name)   #name,
#define CSV_COLUMN_LIST(name)      #name,
#define CSV_COLUMN_COUNTS(name)    #name,
#define CSV_COLUMN_CONSTITUENCIES(name) #name,
#define CSV_COLUMN_RESPONSES(name) "responders", "signers", "signatures_printed", "response_departments",

const char *const record_csv_columns[] = {
#define CSV_COLUMN(name, kind, share) CSV_COLUMN_##kind(name)
    RECORD_FIELDS(CSV_COLUMN)
#undef CSV_COLUMN
};
const size_t record_csv_n_columns = sizeof record_csv_columns / sizeof record_csv_columns[0];

/* What a column of the file holds. */
enum role { ROLE_FIELD, ROLE_RESPONDERS, ROLE_SIGNERS, ROLE_SIGNATURES, ROLE_DEPARTMENTS, ROLE_RESPONSE_TEXT,
            ROLE_EXTRA };

struct column {
    enum role role;
    int field;                      /* ROLE_FIELD: the schema field */
    char *name;                     /* ROLE_EXTRA: the column's name */
};

struct ahead;

struct record_csv_reader {
    struct csv_reader *csv;
    struct column *cols;
    size_t n_cols;
    size_t id_col;
    bool has_parliament_of;         /* a file written before the UK's petitions has not */
    struct ahead *ahead;            /* NULL, or the thread that decodes ahead */
};

/* ---- the header ---- */

static enum role role_of(const char *name, size_t len, int *field)
{
    static const struct { const char *name; enum role role; } response_columns[] = {
        {"responders", ROLE_RESPONDERS}, {"signers", ROLE_SIGNERS},
        {"signatures_printed", ROLE_SIGNATURES}, {"response_departments", ROLE_DEPARTMENTS},
        {"response_text", ROLE_RESPONSE_TEXT},
    };
    for (size_t i = 0; i < sizeof response_columns / sizeof response_columns[0]; i++)
        if (strlen(response_columns[i].name) == len && memcmp(response_columns[i].name, name, len) == 0)
            return response_columns[i].role;
    *field = record_field_find(name, len);
    if (*field >= 0 && record_fields[*field].kind != RECORD_RESPONSES)
        return ROLE_FIELD;
    return ROLE_EXTRA;
}

/* The names of a header line, split at commas (quotes taken off): enough
 * to recognise one, the file itself is read by csvio. Calls fn for each. */
static void each_header_name(const char *line, size_t len, void (*fn)(const char *, size_t, void *),
                             void *ud)
{
    if (len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
        line += 3;
        len -= 3;
    }
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        len--;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || line[i] == ',') {
            const char *name = line + start;
            size_t n = i - start;
            if (n >= 2 && name[0] == '"' && name[n - 1] == '"') {
                name++;
                n -= 2;
            }
            fn(name, n, ud);
            start = i + 1;
        }
    }
}

struct header_scan {
    size_t position;
    bool starts_id_url_kind;
    bool seen[sizeof record_csv_columns / sizeof record_csv_columns[0]];
};

static void scan_name(const char *name, size_t n, void *ud)
{
    struct header_scan *h = ud;
    static const char *const first[] = {"id", "url", "kind"};
    if (h->position < 3)
        h->starts_id_url_kind = h->starts_id_url_kind && strlen(first[h->position]) == n &&
                                memcmp(first[h->position], name, n) == 0;
    h->position++;
    for (size_t c = 0; c < record_csv_n_columns; c++)
        if (strlen(record_csv_columns[c]) == n && memcmp(record_csv_columns[c], name, n) == 0)
            h->seen[c] = true;
}

bool record_csv_is_header(const char *line, size_t len)
{
    const char *nl = memchr(line, '\n', len);
    if (nl)
        len = (size_t)(nl - line);
    struct header_scan h = {0, true, {false}};
    each_header_name(line, len, scan_name, &h);
    if (h.position >= 3 && h.starts_id_url_kind)
        return true;
    for (size_t c = 0; c < record_csv_n_columns; c++)
        if (!h.seen[c])
            return false;
    return true;
}

static void ahead_stop(struct ahead *a);

void record_csv_close(struct record_csv_reader *r)
{
    if (!r)
        return;
    ahead_stop(r->ahead);
    csvr_close(r->csv);
    for (size_t i = 0; i < r->n_cols; i++)
        free(r->cols[i].name);
    free(r->cols);
    free(r);
}

struct record_csv_reader *record_csv_open(const char *path, char *err, size_t errlen)
{
    struct record_csv_reader *r = calloc(1, sizeof *r);
    if (!r) {
        snprintf(err, errlen, "%s: out of memory", path);
        return NULL;
    }
    r->csv = csvr_open(path, NULL, err, errlen);
    struct csv_row row;
    int rc = r->csv ? csvr_next(r->csv, &row) : -1;
    if (rc < 0) {
        if (r->csv)
            snprintf(err, errlen, "%s", csvr_error(r->csv));
        record_csv_close(r);
        return NULL;
    }
    size_t n = rc == 1 ? row.n : 0;
    r->cols = calloc(n ? n : 1, sizeof *r->cols);
    if (!r->cols) {
        snprintf(err, errlen, "%s: out of memory", path);
        record_csv_close(r);
        return NULL;
    }
    r->n_cols = n;
    bool has_id = false;
    for (size_t i = 0; i < n; i++) {
        struct column *c = &r->cols[i];
        c->role = role_of(row.field[i], row.len[i], &c->field);
        if (c->role == ROLE_EXTRA && !(c->name = strdup(row.field[i]))) {
            snprintf(err, errlen, "%s: out of memory", path);
            record_csv_close(r);
            return NULL;
        }
        if (c->role == ROLE_FIELD && c->field == RECORD_FIELD_id) {
            has_id = true;
            r->id_col = i;
        }
        r->has_parliament_of |= c->role == ROLE_FIELD && c->field == RECORD_FIELD_parliament_of;
    }
    if (!has_id) {
        snprintf(err, errlen, "%s:1: not a CSV file of petition records (no id column)", path);
        record_csv_close(r);
        return NULL;
    }
    csvr_set_max_fields(r->csv, n);
    return r;
}

const char *record_csv_error(const struct record_csv_reader *r)
{
    return csvr_error(r->csv);
}

/* ---- cells ---- */

struct decoder {
    struct record *rec;
    struct arena *A;
    long line;
    void (*problem)(void *ud, long line, const char *message);
    void *ud;
    bool oom;
};

static void report(struct decoder *D, const char *column, const char *what, const char *s, size_t n)
{
    char msg[256];
    snprintf(msg, sizeof msg, "column %s: %s: \"%.*s%s\"", column, what, n > 80 ? 80 : (int)n, s,
             n > 80 ? "..." : "");
    D->problem(D->ud, D->line, msg);
}

static const char *copy(struct decoder *D, const char *s, size_t n)
{
    char *out = arena_alloc(D->A, n + 1);
    if (!out) {
        D->oom = true;
        return NULL;
    }
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

/* The lines of a cell (LF or CRLF), each copied; *n_lines of them. */
static const char **split_lines(struct decoder *D, const char *s, size_t n, size_t *n_lines)
{
    size_t count = 1;
    for (size_t i = 0; i < n; i++)
        count += s[i] == '\n';
    const char **lines = arena_calloc(D->A, count, sizeof *lines);
    if (!lines) {
        D->oom = true;
        return NULL;
    }
    size_t k = 0, start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '\n') {
            size_t end = i > start && s[i - 1] == '\r' ? i - 1 : i;
            lines[k++] = copy(D, s + start, end - start);
            start = i + 1;
        }
    }
    *n_lines = k;
    return lines;
}

static bool parse_integer(const char *s, size_t n, long *out)
{
    size_t i = s[0] == '-' ? 1 : 0;
    if (i == n)
        return false;
    for (size_t j = i; j < n; j++)
        if (s[j] < '0' || s[j] > '9')
            return false;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (errno || (size_t)(end - s) != n || v == RECORD_NO_INT)
        return false;
    *out = v;
    return true;
}

static void decode_counts(struct decoder *D, int f, const char *s, size_t n)
{
    const struct record_field *d = &record_fields[f];
    size_t n_lines;
    const char **lines = split_lines(D, s, n, &n_lines);
    struct record_count *counts = lines ? arena_calloc(D->A, n_lines, sizeof *counts) : NULL;
    if (!counts) {
        D->oom = true;
        return;
    }
    size_t k = 0;
    for (size_t i = 0; i < n_lines; i++) {
        const char *eq = strrchr(lines[i], '=');
        long v;
        if (!eq || !parse_integer(eq + 1, strlen(eq + 1), &v)) {
            report(D, d->name, "not a Name=N line", lines[i], strlen(lines[i]));
            return;                         /* the field is missing, not half read */
        }
        counts[k].name = copy(D, lines[i], (size_t)(eq - lines[i]));
        counts[k++].count = v;
    }
    record_set_items(D->rec, f, counts, k);
}

/* One line "name TAB code TAB mp TAB count" (an empty code or mp: missing). */
static bool decode_constituency(char *line, struct record_constituency *c)
{
    char *part[4];
    int k = 0;
    part[k++] = line;
    for (char *p = line; *p && k < 4; p++)
        if (*p == '\t') {
            *p = '\0';
            part[k++] = p + 1;
        }
    if (k != 4 || part[0][0] == '\0' || strchr(part[3], '\t') ||
        !parse_integer(part[3], strlen(part[3]), &c->count))
        return false;
    c->name = part[0];
    c->code = part[1][0] ? part[1] : NULL;
    c->mp = part[2][0] ? part[2] : NULL;
    return true;
}

static void decode_constituencies(struct decoder *D, int f, const char *s, size_t n)
{
    const struct record_field *d = &record_fields[f];
    size_t n_lines;
    const char **lines = split_lines(D, s, n, &n_lines);
    struct record_constituency *rows = lines ? arena_calloc(D->A, n_lines, sizeof *rows) : NULL;
    if (!rows) {
        D->oom = true;
        return;
    }
    for (size_t i = 0; i < n_lines; i++) {
        size_t len = strlen(lines[i]);
        char *line = (char *)copy(D, lines[i], len);
        if (!line)
            return;
        if (!decode_constituency(line, &rows[i])) {
            report(D, d->name, "not a name<TAB>code<TAB>MP<TAB>N line", lines[i], len);
            return;                         /* the field is missing, not half read */
        }
    }
    record_set_items(D->rec, f, rows, n_lines);
}

/* Field f from the cell s[0..n) (not empty). */
static void decode_field(struct decoder *D, int f, const char *s, size_t n)
{
    const struct record_field *d = &record_fields[f];
    char *at = (char *)D->rec + d->offset;
    long v;
    switch (d->kind) {
    case RECORD_INTEGER:
        if (parse_integer(s, n, &v))
            *(long *)at = v;
        else
            report(D, d->name, "not an integer", s, n);
        break;
    case RECORD_BOOLEAN:
        if (n == 4 && memcmp(s, "true", 4) == 0)
            *(int *)at = 1;
        else if (n == 5 && memcmp(s, "false", 5) == 0)
            *(int *)at = 0;
        else
            report(D, d->name, "not true or false", s, n);
        break;
    case RECORD_LIST:
        *(const char ***)at = split_lines(D, s, n, (size_t *)((char *)D->rec + d->count_offset));
        break;
    case RECORD_COUNTS:
        decode_counts(D, f, s, n);
        break;
    case RECORD_CONSTITUENCIES:
        decode_constituencies(D, f, s, n);
        break;
    case RECORD_RESPONSES:
        break;                      /* from the response columns */
    default:
        *(const char **)at = copy(D, s, n);
        break;
    }
}

/* The cells of the response columns, kept until the row's end. */
struct response_cells {
    const char *responders, *signers, *signatures, *departments, *text;
    size_t n_responders, n_signers, n_signatures, n_departments, n_text;
};

static size_t line_count(const char *s, size_t n)
{
    if (!s || n == 0)
        return 0;
    size_t k = 1;
    for (size_t i = 0; i < n; i++)
        k += s[i] == '\n';
    return k;
}

/* Line i of a cell split as split_lines does, or NULL for an empty one. */
static const char *line_at(struct decoder *D, const char **lines, size_t n_lines, size_t i)
{
    (void)D;
    return i < n_lines && lines[i][0] != '\0' ? lines[i] : NULL;
}

/* Splits text at blank lines ("\n\n") into at most n parts: parts beyond
 * the responses stay together in the last one, so no text is lost. */
static void split_texts(struct decoder *D, const char *s, size_t len, size_t n, const char **parts)
{
    size_t k = 0, start = 0;
    for (size_t i = 0; s && i + 1 < len && k + 1 < n; i++) {
        if (s[i] == '\n' && s[i + 1] == '\n') {
            parts[k++] = i > start ? copy(D, s + start, i - start) : NULL;
            start = i + 2;
            i++;
        }
    }
    if (s && start < len)
        parts[k] = copy(D, s + start, len - start);
}

static void decode_responses(struct decoder *D, const struct response_cells *c)
{
    size_t n = line_count(c->responders, c->n_responders);
    size_t k = line_count(c->signers, c->n_signers);
    n = k > n ? k : n;
    k = line_count(c->signatures, c->n_signatures);
    n = k > n ? k : n;
    k = line_count(c->departments, c->n_departments);
    n = k > n ? k : n;
    if (n == 0 && c->text)
        n = 1;                      /* a response that is only its text (a UK one of 2015) */
    if (n == 0)
        return;
    struct record_response *rs = arena_calloc(D->A, n, sizeof *rs);
    const char **parts = arena_calloc(D->A, n, sizeof *parts);
    size_t n1 = 0, n2 = 0, n3 = 0, n4 = 0;
    const char **l1 = c->responders ? split_lines(D, c->responders, c->n_responders, &n1) : NULL;
    const char **l2 = c->signers ? split_lines(D, c->signers, c->n_signers, &n2) : NULL;
    const char **l3 = c->signatures ? split_lines(D, c->signatures, c->n_signatures, &n3) : NULL;
    const char **l4 = c->departments ? split_lines(D, c->departments, c->n_departments, &n4) : NULL;
    if (!rs || !parts || D->oom) {
        D->oom = true;
        return;
    }
    split_texts(D, c->text, c->n_text, n, parts);
    for (size_t i = 0; i < n; i++) {
        rs[i].responder = line_at(D, l1, n1, i);
        rs[i].signed_by = line_at(D, l2, n2, i);
        rs[i].signature = line_at(D, l3, n3, i);
        rs[i].department = line_at(D, l4, n4, i);
        rs[i].text = parts[i];
    }
    D->rec->responses = rs;
    D->rec->n_responses = n;
}

static void keep_extra(struct decoder *D, const char *name, const char *s, size_t n, size_t cap)
{
    if (!record_add_extra(D->rec, D->A, cap, name, s, n))
        D->oom = true;
}

/* The next record (see record_csv_next), decoded by the calling thread. */
static int decode_next(struct record_csv_reader *r, struct record **out,
                       void (*problem)(void *ud, long line, const char *message), void *ud)
{
    *out = NULL;
    struct csv_row row;
    int rc;
    while ((rc = csvr_next(r->csv, &row)) == 1) {
        if (r->id_col >= row.n || row.len[r->id_col] == 0) {
            problem(ud, row.line, "no id: row skipped");
            continue;
        }
        struct record *rec = record_new(4096);
        if (!rec)
            return -2;
        struct decoder D = {rec, record_arena(rec), row.line, problem, ud, false};
        struct response_cells cells = {0};
        for (size_t i = 0; i < row.n && i < r->n_cols; i++) {
            const char *s = row.field[i];
            size_t n = row.len[i];
            if (n == 0)
                continue;                            /* empty: missing */
            switch (r->cols[i].role) {
            case ROLE_FIELD:         decode_field(&D, r->cols[i].field, s, n); break;
            case ROLE_RESPONDERS:    cells.responders = s; cells.n_responders = n; break;
            case ROLE_SIGNERS:       cells.signers = s; cells.n_signers = n; break;
            case ROLE_SIGNATURES:    cells.signatures = s; cells.n_signatures = n; break;
            case ROLE_DEPARTMENTS:   cells.departments = s; cells.n_departments = n; break;
            case ROLE_RESPONSE_TEXT: cells.text = s; cells.n_text = n; break;
            case ROLE_EXTRA:         keep_extra(&D, r->cols[i].name, s, n, r->n_cols); break;
            }
        }
        decode_responses(&D, &cells);
        if (!r->has_parliament_of)
            rec->parliament_of = "ca";

        /* the values as written: nothing is made from others (record_complete)
         * but response_text, which the file holds in parts */
        if (D.oom || (rec->n_responses > 0 && !record_join_response_texts(rec))) {
            record_free(rec);
            return -2;
        }
        *out = rec;
        return 1;
    }
    return rc;
}

/* ---- decoding ahead ---- */

/* Records and problems decoded ahead of the caller, at most AHEAD. A side
 * that has to wait is woken when BATCH items (or room for them) are there,
 * not at each one: a wake-up per record cost more than it saved. */
#define AHEAD 256
#define BATCH 64

struct ahead_item {
    struct record *rec;             /* a record, or NULL: a problem or the end */
    bool end;                       /* the end: rc is what record_csv_next returns */
    int rc;
    long line;                      /* a problem: its line and message */
    char message[256];
};

struct ahead {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed;         /* an item was put or taken, or stop was set */
    struct ahead_item items[AHEAD]; /* a ring: count items from first */
    size_t first, count;
    bool taker_waits, putter_waits;
    bool end_put;                   /* the end is in the ring */
    bool stop;                      /* the caller closes the reader */
    int end_rc;                     /* once the end was taken: what it said */
    bool ended;
};

/* Puts it in the ring, waiting for room; false when told to stop. */
static bool ahead_put(struct ahead *a, const struct ahead_item *it)
{
    pthread_mutex_lock(&a->lock);
    if (a->count == AHEAD) {
        a->putter_waits = true;
        while (a->count > AHEAD - BATCH && !a->stop)
            pthread_cond_wait(&a->changed, &a->lock);
        a->putter_waits = false;
    }
    bool go = !a->stop;
    if (go) {
        a->items[(a->first + a->count) % AHEAD] = *it;
        a->count++;
        a->end_put = it->end;
        if (a->taker_waits && (a->count >= BATCH || it->end))
            pthread_cond_broadcast(&a->changed);
    }
    pthread_mutex_unlock(&a->lock);
    return go;
}

static void ahead_problem(void *ud, long line, const char *message)
{
    struct ahead_item it = {.line = line};
    snprintf(it.message, sizeof it.message, "%s", message);
    ahead_put(ud, &it);
}

/* The thread: decodes records until the end, an error, or stop. */
static void *ahead_main(void *arg)
{
    struct record_csv_reader *r = arg;
    for (;;) {
        struct ahead_item it = {0};
        it.rc = decode_next(r, &it.rec, ahead_problem, r->ahead);
        it.end = it.rc != 1;
        if (!ahead_put(r->ahead, &it)) {
            record_free(it.rec);
            break;
        }
        if (it.end)
            break;
    }
    return NULL;
}

int record_csv_read_ahead(struct record_csv_reader *r)
{
    if (r->ahead)
        return 0;
    struct ahead *a = calloc(1, sizeof *a);
    if (!a)
        return -1;
    if (pthread_mutex_init(&a->lock, NULL) != 0) {
        free(a);
        return -1;
    }
    if (pthread_cond_init(&a->changed, NULL) != 0) {
        pthread_mutex_destroy(&a->lock);
        free(a);
        return -1;
    }
    r->ahead = a;
    /* signals (Ctrl-C, the deadline's timer) go to the caller's thread */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    int rc = pthread_create(&a->thread, NULL, ahead_main, r);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        r->ahead = NULL;
        pthread_cond_destroy(&a->changed);
        pthread_mutex_destroy(&a->lock);
        free(a);
        return -1;
    }
    return 0;
}

/* Ends the thread and frees what it decoded that nobody took. */
static void ahead_stop(struct ahead *a)
{
    if (!a)
        return;
    pthread_mutex_lock(&a->lock);
    a->stop = true;
    pthread_cond_broadcast(&a->changed);
    pthread_mutex_unlock(&a->lock);
    pthread_join(a->thread, NULL);
    for (size_t i = 0; i < a->count; i++)
        record_free(a->items[(a->first + i) % AHEAD].rec);
    pthread_cond_destroy(&a->changed);
    pthread_mutex_destroy(&a->lock);
    free(a);
}

/* The next item of the ring, waiting for one. */
static struct ahead_item ahead_take(struct ahead *a)
{
    pthread_mutex_lock(&a->lock);
    if (a->count == 0) {
        a->taker_waits = true;
        while (a->count < BATCH && !a->end_put)
            pthread_cond_wait(&a->changed, &a->lock);
        a->taker_waits = false;
    }
    struct ahead_item it = a->items[a->first];
    a->first = (a->first + 1) % AHEAD;
    a->count--;
    if (a->putter_waits && a->count <= AHEAD - BATCH)
        pthread_cond_broadcast(&a->changed);
    pthread_mutex_unlock(&a->lock);
    return it;
}

int record_csv_next(struct record_csv_reader *r, struct record **out,
                    void (*problem)(void *ud, long line, const char *message), void *ud)
{
    struct ahead *a = r->ahead;
    if (!a)
        return decode_next(r, out, problem, ud);
    *out = NULL;
    if (a->ended)
        return a->end_rc;
    for (;;) {
        struct ahead_item it = ahead_take(a);
        if (it.end) {
            a->ended = true;
            a->end_rc = it.rc;
            return it.rc;
        }
        if (it.rec) {
            *out = it.rec;
            return 1;
        }
        problem(ud, it.line, it.message);   /* may not return (a raise): the item is taken */
    }
}
