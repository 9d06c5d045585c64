/* record_sqlite.c — records in a SQLite database (record_sqlite.h): the
 * tables of the tidy layout written in one transaction, and read back. */
#include "record_sqlite.h"

#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "outfile.h"
#include "tidy.h"

#ifndef PETLUA_VERSION
#define PETLUA_VERSION "unknown"
#endif

#define ERROR_SIZE 512

/* The columns people filter on, indexed where the layout has them. A
 * choice of this file, not part of the schema: a name the layout lacks is
 * passed over. */
static const char *const indexed[][2] = {
    {TIDY_RECORDS_TABLE, "department"}, {TIDY_RECORDS_TABLE, "topic"},
    {TIDY_RECORDS_TABLE, "presented"}, {TIDY_RECORDS_TABLE, "parliament"},
    {"responses", "department"},
};

/* The text searched in full (FTS5), table by table: up to 3 columns each.
 * Petition and response texts in one index over petitions: one search box
 * where a reader starts; the responses' texts are not indexed a second time. */
static const struct {
    const char *table;
    const char *columns[3];
} searchable[] = {
    {TIDY_RECORDS_TABLE, {"text", "response_text", NULL}},
};

bool record_sqlite_is_header(const char *head, size_t len)
{
    return len >= 16 && memcmp(head, "SQLite format 3", 16) == 0;   /* its NUL included */
}

const char *record_sqlite_version(void)
{
    return sqlite3_compileoption_used("ENABLE_FTS5") ? "SQLite " SQLITE_VERSION " (FTS5)"
                                                     : "SQLite " SQLITE_VERSION;
}

/* SQLite reads a file name that begins "file:" as a URI (Debian builds it
 * so): such a relative name is given as "./file:...". Returns a malloc'd
 * copy, or NULL. */
static char *file_name(const char *path)
{
    bool uri_like = strncmp(path, "file:", 5) == 0;
    size_t n = strlen(path);
    char *s = malloc(n + 3);
    if (s)
        snprintf(s, n + 3, "%s%s", uri_like ? "./" : "", path);
    return s;
}

/* An identifier as SQL text: as it is when it is a plain lower-case name
 * and no keyword, else in double quotes. */
static void append_name(sqlite3_str *s, const char *name)
{
    size_t n = strlen(name);
    bool plain = n > 0 && (islower((unsigned char)name[0]) || name[0] == '_') &&
                 !sqlite3_keyword_check(name, (int)n);
    for (size_t i = 0; plain && i < n; i++)
        plain = islower((unsigned char)name[i]) || isdigit((unsigned char)name[i]) || name[i] == '_';
    if (plain)
        sqlite3_str_appendall(s, name);
    else
        sqlite3_str_appendf(s, "\"%w\"", name);
}

/* ================================================================ writing */

struct record_sqlite_writer {
    struct tidy_layout *layout;
    struct outfile *out;              /* the temporary file, renamed over the target at commit */
    sqlite3 *db;
    sqlite3_stmt **insert;            /* one per table, in layout order */
    sqlite3_stmt *meta;
    bool failed, committed;
    char *name;                       /* the path as given, for messages */
    char error[ERROR_SIZE];
};

/* Records the first failure: "cannot write 'NAME' (what)". Returns -1. */
static int fail(struct record_sqlite_writer *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int fail(struct record_sqlite_writer *w, const char *fmt, ...)
{
    if (w->failed)
        return -1;
    w->failed = true;
    char what[ERROR_SIZE - 128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(w->error, sizeof w->error, "cannot write '%s' (%s)", w->name, what);
    return -1;
}

static int fail_db(struct record_sqlite_writer *w)
{
    return fail(w, "%s", sqlite3_errmsg(w->db));
}

/* Runs sql (several statements may follow one another); frees it if own. */
static int exec(struct record_sqlite_writer *w, char *sql, bool own)
{
    if (!sql)
        return fail(w, "out of memory");
    int rc = sqlite3_exec(w->db, sql, NULL, NULL, NULL);
    if (own)
        sqlite3_free(sql);
    return rc == SQLITE_OK ? 0 : fail_db(w);
}

static const char *sql_type(enum tidy_type type)
{
    return type == TIDY_TEXT ? "TEXT" : "INTEGER";
}

/* CREATE TABLE for t: its columns typed, NOT NULL where required, booleans
 * checked to be 0 or 1, the key, a child's petition_id referring to
 * petitions(id). */
static char *create_table_sql(const struct tidy_table *t)
{
    sqlite3_str *s = sqlite3_str_new(NULL);
    sqlite3_str_appendall(s, "CREATE TABLE ");
    append_name(s, t->name);
    sqlite3_str_appendall(s, " (\n");
    for (size_t c = 0; c < t->n_columns; c++) {
        const struct tidy_column *col = &t->columns[c];
        sqlite3_str_appendall(s, "  ");
        append_name(s, col->name);
        sqlite3_str_appendf(s, " %s%s", sql_type(col->type), col->required ? " NOT NULL" : "");
        if (col->type == TIDY_BOOLEAN) {
            sqlite3_str_appendall(s, " CHECK (");
            append_name(s, col->name);
            sqlite3_str_appendall(s, " IN (0, 1))");
        }
        if (t->shape != TIDY_RECORDS && c == 0) {
            sqlite3_str_appendall(s, " REFERENCES " TIDY_RECORDS_TABLE " (");
            append_name(s, record_fields[RECORD_FIELD_id].name);
            sqlite3_str_appendall(s, ")");
        }
        sqlite3_str_appendall(s, ",\n");
    }
    sqlite3_str_appendall(s, "  PRIMARY KEY (");
    for (size_t c = 0, k = 0; c < t->n_columns; c++) {
        if (!t->columns[c].key)
            continue;
        if (k++ > 0)
            sqlite3_str_appendall(s, ", ");
        append_name(s, t->columns[c].name);
    }
    sqlite3_str_appendall(s, ")\n)");
    return sqlite3_str_finish(s);
}

static char *insert_sql(const struct tidy_table *t)
{
    sqlite3_str *s = sqlite3_str_new(NULL);
    sqlite3_str_appendall(s, "INSERT INTO ");
    append_name(s, t->name);
    sqlite3_str_appendall(s, " VALUES (");
    for (size_t c = 0; c < t->n_columns; c++)
        sqlite3_str_appendall(s, c ? ", ?" : "?");
    sqlite3_str_appendall(s, ")");
    return sqlite3_str_finish(s);
}

static int prepare(struct record_sqlite_writer *w, char *sql, sqlite3_stmt **st)
{
    if (!sql)
        return fail(w, "out of memory");
    int rc = sqlite3_prepare_v3(w->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL);
    sqlite3_free(sql);
    return rc == SQLITE_OK ? 0 : fail_db(w);
}

/* The settings of a database that nobody else sees until it is renamed
 * into place: no journal, no syncing, one lock for the whole write (a
 * failure removes the file, so nothing needs rolling back); pages of 16 KB,
 * as most texts then fit in a row's page rather than overflow pages. */
static const char SETTINGS[] =
    "PRAGMA page_size = 16384; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;"
    "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536; PRAGMA foreign_keys = OFF;"
    "BEGIN;"
    "CREATE TABLE meta (\n  name TEXT NOT NULL,\n  value TEXT\n);";

static int create_tables(struct record_sqlite_writer *w)
{
    if (exec(w, (char *)SETTINGS, false) != 0)
        return -1;
    for (size_t i = 0; i < w->layout->n_tables; i++) {
        const struct tidy_table *t = &w->layout->tables[i];
        if (exec(w, create_table_sql(t), true) != 0 || prepare(w, insert_sql(t), &w->insert[i]) != 0)
            return -1;
    }
    if (prepare(w, sqlite3_mprintf("INSERT INTO meta VALUES (?, ?)"), &w->meta) != 0)
        return -1;
    return record_sqlite_meta(w, "petlua_version", PETLUA_VERSION);
}

struct record_sqlite_writer *record_sqlite_create(const char *path, char *err, size_t errlen)
{
    struct record_sqlite_writer *w = calloc(1, sizeof *w);
    if (w) {
        w->name = strdup(path);
        w->layout = tidy_layout_new();
        w->insert = w->layout ? calloc(w->layout->n_tables, sizeof *w->insert) : NULL;
    }
    if (!w || !w->name || !w->insert) {
        snprintf(err, errlen, "cannot write '%s' (out of memory)", path);
        record_sqlite_free(w);
        return NULL;
    }
    w->out = outfile_open(path, err, errlen);
    if (!w->out) {
        record_sqlite_free(w);
        return NULL;
    }
    char *tmp = outfile_is_atomic(w->out) ? file_name(outfile_temp_path(w->out)) : NULL;
    if (!outfile_is_atomic(w->out))
        fail(w, "a database is written to a regular file, not to %s",
             strcmp(path, "-") == 0 ? "standard output" : "a pipe or device");
    else if (!tmp)
        fail(w, "out of memory");
    else if (sqlite3_open_v2(tmp, &w->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        fail(w, "%s", w->db ? sqlite3_errmsg(w->db) : "out of memory");
    else
        create_tables(w);
    free(tmp);
    if (w->failed) {
        snprintf(err, errlen, "%s", w->error);
        record_sqlite_free(w);
        return NULL;
    }
    return w;
}

int record_sqlite_meta(struct record_sqlite_writer *w, const char *name, const char *value)
{
    if (w->failed)
        return -1;
    sqlite3_bind_text(w->meta, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(w->meta, 2, value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(w->meta);
    sqlite3_reset(w->meta);
    return rc == SQLITE_DONE ? 0 : fail_db(w);
}

static void bind_cell(sqlite3_stmt *st, int i, struct tidy_cell cell)
{
    if (cell.is == TIDY_NUMBER)
        sqlite3_bind_int64(st, i, cell.number);
    else if (cell.is == TIDY_STRING)
        sqlite3_bind_text(st, i, cell.string, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

/* What went wrong with a row of t for rec, said for a reader. */
static int fail_row(struct record_sqlite_writer *w, const struct tidy_table *t,
                    const struct record *rec, int rc)
{
    const char *id = rec->id ? rec->id : "(no id)";
    if (rc == SQLITE_INTERRUPT)
        return fail(w, "interrupted");
    if (rc == SQLITE_CONSTRAINT_PRIMARYKEY && t->shape == TIDY_RECORDS)
        return fail(w, "petition %s is there twice", id);
    if (rc == SQLITE_CONSTRAINT_NOTNULL && t->shape == TIDY_RECORDS)
        return fail(w, "a record without an id");
    return fail(w, "petition %s, table %s: %s", id, t->name, sqlite3_errmsg(w->db));
}

int record_sqlite_add(struct record_sqlite_writer *w, const struct record *rec)
{
    if (w->failed)
        return -1;
    for (size_t i = 0; i < w->layout->n_tables; i++) {
        const struct tidy_table *t = &w->layout->tables[i];
        sqlite3_stmt *st = w->insert[i];
        size_t rows = tidy_n_rows(t, rec);
        for (size_t row = 0; row < rows; row++) {
            for (size_t c = 0; c < t->n_columns; c++)
                bind_cell(st, (int)c + 1, tidy_cell(t, rec, row, c));
            int rc = sqlite3_step(st);
            sqlite3_reset(st);
            if (rc != SQLITE_DONE)
                return fail_row(w, t, rec, sqlite3_extended_errcode(w->db));
        }
    }
    return 0;
}

static int create_indexes(struct record_sqlite_writer *w)
{
    for (size_t i = 0; i < sizeof indexed / sizeof indexed[0]; i++) {
        const struct tidy_table *t = tidy_table_named(w->layout, indexed[i][0]);
        if (!t || tidy_column_index(t, indexed[i][1]) < 0)
            continue;
        sqlite3_str *s = sqlite3_str_new(NULL);
        sqlite3_str_appendf(s, "CREATE INDEX %s_%s ON ", indexed[i][0], indexed[i][1]);
        append_name(s, indexed[i][0]);
        sqlite3_str_appendall(s, " (");
        append_name(s, indexed[i][1]);
        sqlite3_str_appendall(s, ")");
        if (exec(w, sqlite3_str_finish(s), true) != 0)
            return -1;
    }
    return 0;
}

/* TABLE_fts over the searchable columns the layout has, filled from the
 * table ('rebuild'). Returns 1 when made, 0 when the table has none of
 * them, -1 on a failure. */
static int create_search(struct record_sqlite_writer *w, size_t k)
{
    const struct tidy_table *t = tidy_table_named(w->layout, searchable[k].table);
    if (!t)
        return 0;
    sqlite3_str *s = sqlite3_str_new(NULL);
    sqlite3_str_appendf(s, "CREATE VIRTUAL TABLE %s_fts USING fts5(", t->name);
    int n = 0;
    for (size_t c = 0; c < 3 && searchable[k].columns[c]; c++) {
        if (tidy_column_index(t, searchable[k].columns[c]) < 0)
            continue;
        append_name(s, searchable[k].columns[c]);
        sqlite3_str_appendall(s, ", ");
        n++;
    }
    /* content="TABLE", as Datasette looks for it; accents folded for French */
    sqlite3_str_appendf(s, "content=\"%w\", tokenize=\"unicode61 remove_diacritics 2\");"
                           "INSERT INTO %s_fts (%s_fts) VALUES ('rebuild')",
                        t->name, t->name, t->name);
    char *sql = sqlite3_str_finish(s);
    if (n == 0) {
        sqlite3_free(sql);
        return 0;
    }
    return exec(w, sql, true) == 0 ? 1 : -1;
}

static int create_searches(struct record_sqlite_writer *w)
{
    bool fts5 = sqlite3_compileoption_used("ENABLE_FTS5");
    for (size_t k = 0; fts5 && k < sizeof searchable / sizeof searchable[0]; k++)
        if (create_search(w, k) < 0)
            return -1;
    return record_sqlite_meta(w, "full_text_search", fts5 ? "fts5" : "none");
}

static void finalize_all(struct record_sqlite_writer *w)
{
    for (size_t i = 0; w->insert && w->layout && i < w->layout->n_tables; i++) {
        sqlite3_finalize(w->insert[i]);
        w->insert[i] = NULL;
    }
    sqlite3_finalize(w->meta);
    w->meta = NULL;
}

int record_sqlite_commit(struct record_sqlite_writer *w)
{
    if (w->failed || w->committed)
        return w->failed ? -1 : 0;
    if (create_indexes(w) != 0 || create_searches(w) != 0 || exec(w, (char *)"COMMIT", false) != 0)
        return -1;
    finalize_all(w);
    if (sqlite3_close(w->db) != SQLITE_OK)
        return fail_db(w);
    w->db = NULL;
    if (outfile_commit(w->out) != 0) {
        w->failed = true;
        snprintf(w->error, sizeof w->error, "%s", outfile_error(w->out));
        return -1;
    }
    w->committed = true;
    return 0;
}

void record_sqlite_free(struct record_sqlite_writer *w)
{
    if (!w)
        return;
    finalize_all(w);
    sqlite3_close(w->db);                 /* before the temporary file goes */
    outfile_free(w->out);                 /* removes it unless committed */
    tidy_layout_free(w->layout);
    free(w->insert);
    free(w->name);
    free(w);
}

const char *record_sqlite_error(const struct record_sqlite_writer *w)
{
    return w->error;
}

void record_sqlite_set_stop(struct record_sqlite_writer *w, int (*stop)(void *ud), void *ud)
{
    sqlite3_progress_handler(w->db, 10000, stop, ud);
}

/* ================================================================ reading */

/* A petition id as SQLite orders it (NULL, numbers, text, blobs), taken
 * from a row before anything converts it (a number read as text may no
 * longer say it was a number). */
struct id_key {
    int rank;                            /* 0 NULL, 1 a number, 2 text, 3 a blob */
    double number;
    const void *bytes;                   /* text or blob, valid while the row is */
    size_t len;
};

static void take_key(sqlite3_stmt *st, int col, struct id_key *k)
{
    int type = sqlite3_column_type(st, col);
    k->rank = type == SQLITE_NULL ? 0 : type == SQLITE_INTEGER || type == SQLITE_FLOAT ? 1
              : type == SQLITE_TEXT ? 2 : 3;
    k->number = k->rank == 1 ? sqlite3_column_double(st, col) : 0;
    k->bytes = k->rank == 3 ? sqlite3_column_blob(st, col) : NULL;
    k->len = k->rank >= 2 ? (size_t)sqlite3_column_bytes(st, col) : 0;
}

static int compare_keys(const struct id_key *a, const struct id_key *b)
{
    if (a->rank != b->rank)
        return a->rank - b->rank;
    if (a->rank == 1)
        return (a->number > b->number) - (a->number < b->number);
    int c = a->len && b->len ? memcmp(a->bytes, b->bytes, a->len < b->len ? a->len : b->len) : 0;
    return c != 0 ? c : (a->len > b->len) - (a->len < b->len);
}

/* A child table being read alongside petitions: both come in id order, so
 * each petition's rows are the next ones (a merge, no lookup per record). */
struct child {
    const struct tidy_table *t;
    sqlite3_stmt *st;
    int *col;                            /* the statement's column of each layout column, or -1 */
    bool has_row;                        /* st is on a row not taken yet */
    struct id_key key;                   /* that row's petition_id */
};

/* The child's next row, and its key. 0, or -1 on an error (message in err). */
static int child_step(struct child *c, sqlite3 *db, char *err, size_t errlen)
{
    int rc = sqlite3_step(c->st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        snprintf(err, errlen, "table %s: %s", c->t->name, sqlite3_errmsg(db));
        return -1;
    }
    c->has_row = rc == SQLITE_ROW;
    if (c->has_row) {
        take_key(c->st, c->col[0], &c->key);
        if (c->key.rank == 2)
            c->key.bytes = sqlite3_column_text(c->st, c->col[0]);
    }
    return 0;
}

/* field_of of a petitions column named as a field that has a table of its
 * own (grievances, signatures_by_constituency): neither that field nor a
 * string outside the schema (it would take the field's place in Lua). */
#define NOT_A_COLUMN (-2)

struct record_sqlite_reader {
    struct tidy_layout *layout;
    sqlite3 *db;
    sqlite3_stmt *petitions;
    int n_cols, id_col;
    struct id_key key;                   /* the id of the petitions row being read */
    int *field_of;                       /* a petitions column's schema field, NOT_A_COLUMN
                                          * (a field with a table of its own), or -1 */
    struct child *children;
    size_t n_children;
    void *scratch;                       /* one record's child rows, before they go to its arena */
    size_t scratch_cap;
    bool done;                           /* petitions read to the end */
    char error[ERROR_SIZE];
};

static int reader_fail(struct record_sqlite_reader *r, char *err, size_t errlen, const char *what)
{
    snprintf(err, errlen, "%s", what);
    record_sqlite_close(r);
    return -1;
}

/* The type of the schema object called name ("table", "view"...), or "". */
static int object_type(sqlite3 *db, const char *name, char *type, size_t size)
{
    sqlite3_stmt *st;
    type[0] = '\0';
    if (sqlite3_prepare_v2(db, "SELECT type FROM sqlite_master WHERE name = ?", -1, &st, NULL) !=
        SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(type, size, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static int column_named(sqlite3_stmt *st, const char *name)
{
    for (int i = 0; i < sqlite3_column_count(st); i++)
        if (strcmp(sqlite3_column_name(st, i), name) == 0)
            return i;
    return -1;
}

/* SELECT * FROM table, ORDER BY the columns named if any (BINARY: the
 * order the merge compares in, whatever collation a column was declared
 * with). */
static sqlite3_stmt *select_ordered(sqlite3 *db, const char *table, const char *by1, const char *by2)
{
    sqlite3_str *s = sqlite3_str_new(db);
    sqlite3_str_appendall(s, "SELECT * FROM ");
    append_name(s, table);
    if (by1) {
        sqlite3_str_appendall(s, " ORDER BY ");
        append_name(s, by1);
        sqlite3_str_appendall(s, " COLLATE BINARY");
    }
    if (by1 && by2) {
        sqlite3_str_appendall(s, ", ");
        append_name(s, by2);
    }
    char *sql = sqlite3_str_finish(s);
    sqlite3_stmt *st = NULL;
    if (sql)
        sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    sqlite3_free(sql);
    return st;
}

static int open_petitions(struct record_sqlite_reader *r, char *err, size_t errlen)
{
    char type[16], what[ERROR_SIZE];
    const char *id = record_fields[RECORD_FIELD_id].name;
    if (object_type(r->db, TIDY_RECORDS_TABLE, type, sizeof type) != 0)
        return reader_fail(r, err, errlen, sqlite3_errmsg(r->db));
    if (strcmp(type, "table") != 0)
        return reader_fail(r, err, errlen, "an SQLite database, but not of petition records "
                                           "(no table " TIDY_RECORDS_TABLE ")");
    /* the columns first: the ordered query needs the id column */
    r->petitions = select_ordered(r->db, TIDY_RECORDS_TABLE, NULL, NULL);
    if (r->petitions && column_named(r->petitions, id) < 0)
        return reader_fail(r, err, errlen, "table " TIDY_RECORDS_TABLE " has no id column");
    sqlite3_finalize(r->petitions);
    r->petitions = select_ordered(r->db, TIDY_RECORDS_TABLE, id, NULL);
    if (!r->petitions) {
        snprintf(what, sizeof what, "table " TIDY_RECORDS_TABLE ": %s", sqlite3_errmsg(r->db));
        return reader_fail(r, err, errlen, what);
    }
    r->n_cols = sqlite3_column_count(r->petitions);
    r->id_col = column_named(r->petitions, id);
    r->field_of = calloc((size_t)r->n_cols + 1, sizeof *r->field_of);
    if (!r->field_of)
        return reader_fail(r, err, errlen, "out of memory");
    for (int i = 0; i < r->n_cols; i++) {
        const char *name = sqlite3_column_name(r->petitions, i);
        int f = record_field_find(name, strlen(name));
        r->field_of[i] = f < 0 ? -1 : tidy_is_scalar(record_fields[f].kind) ? f : NOT_A_COLUMN;
    }
    return 0;
}

/* The child table t, when the database has it: its key columns are
 * required, the others are read where present. */
static int open_child(struct record_sqlite_reader *r, const struct tidy_table *t, char *err,
                      size_t errlen)
{
    char type[16], what[ERROR_SIZE];
    if (object_type(r->db, t->name, type, sizeof type) != 0)
        return reader_fail(r, err, errlen, sqlite3_errmsg(r->db));
    if (type[0] == '\0')
        return 0;                                    /* not there: the field is missing */
    struct child *c = &r->children[r->n_children++];
    c->t = t;
    c->col = calloc(t->n_columns, sizeof *c->col);
    if (!c->col)
        return reader_fail(r, err, errlen, "out of memory");
    for (int pass = 0; pass < 2; pass++) {    /* the columns, then the rows in order */
        c->st = pass ? select_ordered(r->db, t->name, t->columns[0].name, t->columns[1].name)
                     : select_ordered(r->db, t->name, NULL, NULL);
        if (!c->st) {
            snprintf(what, sizeof what, "table %s: %s", t->name, sqlite3_errmsg(r->db));
            return reader_fail(r, err, errlen, what);
        }
        for (size_t k = 0; k < t->n_columns; k++) {
            c->col[k] = column_named(c->st, t->columns[k].name);
            if (c->col[k] < 0 && (t->columns[k].key || t->columns[k].required)) {
                snprintf(what, sizeof what, "table %s has no column %s", t->name, t->columns[k].name);
                return reader_fail(r, err, errlen, what);
            }
        }
        if (!pass)
            sqlite3_finalize(c->st);
    }
    return 0;
}

static int first_rows(struct record_sqlite_reader *r, char *err, size_t errlen)
{
    for (size_t i = 0; i < r->n_children; i++) {
        if (child_step(&r->children[i], r->db, err, errlen) != 0) {
            record_sqlite_close(r);
            return -1;
        }
    }
    return 0;
}

struct record_sqlite_reader *record_sqlite_open(const char *path, char *err, size_t errlen)
{
    struct record_sqlite_reader *r = calloc(1, sizeof *r);
    char *name = file_name(path);
    if (r)
        r->layout = tidy_layout_new();
    if (r && r->layout)
        r->children = calloc(r->layout->n_tables, sizeof *r->children);
    if (!r || !name || !r->children) {
        free(name);
        reader_fail(r, err, errlen, "out of memory");
        return NULL;
    }
    int rc = sqlite3_open_v2(name, &r->db, SQLITE_OPEN_READONLY, NULL);
    free(name);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot open: %s", r->db ? sqlite3_errmsg(r->db) : "out of memory");
        record_sqlite_close(r);
        return NULL;
    }
    /* a file from anywhere: its schema runs nothing (no views, triggers or
     * functions it names), and nothing is written */
    sqlite3_db_config(r->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(r->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    sqlite3_db_config(r->db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
    sqlite3_db_config(r->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
    sqlite3_exec(r->db, "PRAGMA query_only = 1", NULL, NULL, NULL);
    if (open_petitions(r, err, errlen) != 0)
        return NULL;
    if (r->id_col < 0) {
        reader_fail(r, err, errlen, "table " TIDY_RECORDS_TABLE " has no id column");
        return NULL;
    }
    for (size_t i = 0; i < r->layout->n_tables; i++)
        if (r->layout->tables[i].shape != TIDY_RECORDS &&
            open_child(r, &r->layout->tables[i], err, errlen) != 0)
            return NULL;
    if (first_rows(r, err, errlen) != 0)
        return NULL;
    return r;
}

void record_sqlite_close(struct record_sqlite_reader *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_children; i++) {
        sqlite3_finalize(r->children[i].st);
        free(r->children[i].col);
    }
    sqlite3_finalize(r->petitions);
    sqlite3_close(r->db);
    tidy_layout_free(r->layout);
    free(r->children);
    free(r->field_of);
    free(r->scratch);
    free(r);
}

const char *record_sqlite_reader_error(const struct record_sqlite_reader *r)
{
    return r->error;
}

/* ---- values ---- */

struct row_reader {
    struct record_sqlite_reader *r;
    struct record *rec;
    struct arena *A;
    const char *id;                       /* the petition's, in its arena */
    void (*problem)(void *ud, long line, const char *message);
    void *ud;
    bool oom;
};

static const char *copy_text(struct row_reader *R, sqlite3_stmt *st, int col)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    size_t n = (size_t)sqlite3_column_bytes(st, col);
    char *out = s ? arena_alloc(R->A, n + 1) : NULL;
    if (!out) {
        R->oom = true;
        return NULL;
    }
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

/* A value of column col left out, said as "petition ID, PLACE NAME: WHAT:
 * "value"" (place: "column" or "table"); the names are formatted only here,
 * for a problem, not for every value read. */
static void report(struct row_reader *R, const char *place, const char *name, const char *what,
                   sqlite3_stmt *st, int col)
{
    char msg[400];
    const char *s = (const char *)sqlite3_column_text(st, col);
    int n = sqlite3_column_bytes(st, col);
    snprintf(msg, sizeof msg, "petition %s, %s %s: %s: \"%.*s%s\"", R->id ? R->id : "?", place,
             name, what, n > 80 ? 80 : n, s ? s : "", n > 80 ? "..." : "");
    R->problem(R->ud, 0, msg);
}

/* An integer of column col: an INTEGER, or a REAL with no fraction. */
static bool integer_value(sqlite3_stmt *st, int col, long *out)
{
    int type = sqlite3_column_type(st, col);
    if (type == SQLITE_INTEGER) {
        sqlite3_int64 v = sqlite3_column_int64(st, col);
        if (v <= RECORD_NO_INT || v > LONG_MAX)
            return false;
        *out = (long)v;
        return true;
    }
    if (type == SQLITE_FLOAT) {
        double d = sqlite3_column_double(st, col);
        if (!(d > (double)RECORD_NO_INT && d < (double)LONG_MAX) || d != (double)(long)d)
            return false;                        /* the range first: a cast out of it is undefined */
        *out = (long)d;
        return true;
    }
    return false;
}

/* Field f of rec from column col of petitions (not NULL). */
static void read_field(struct row_reader *R, int f, sqlite3_stmt *st, int col)
{
    const struct record_field *d = &record_fields[f];
    char *at = (char *)R->rec + d->offset;
    long v;
    switch (d->kind) {
    case RECORD_INTEGER:
        if (integer_value(st, col, &v))
            *(long *)at = v;
        else
            report(R, "column", d->name, "not an integer", st, col);
        break;
    case RECORD_BOOLEAN:
        if (integer_value(st, col, &v) && (v == 0 || v == 1))
            *(int *)at = (int)v;
        else
            report(R, "column", d->name, "not 0 or 1", st, col);
        break;
    case RECORD_STRING:
    case RECORD_DATE:
    case RECORD_DATETIME:
        *(const char **)at = copy_text(R, st, col);
        break;
    case RECORD_LIST:
    case RECORD_COUNTS:
    case RECORD_RESPONSES:
    case RECORD_CONSTITUENCIES:
        break;                                   /* tables of their own: NOT_A_COLUMN */
    }
}

static void keep_extra(struct row_reader *R, sqlite3_stmt *st, int col)
{
    const char *value = (const char *)sqlite3_column_text(st, col);
    const char *name = sqlite3_column_name(st, col);
    if (!value || !record_add_extra(R->rec, R->A, (size_t)R->r->n_cols, name, value,
                                    (size_t)sqlite3_column_bytes(st, col)))
        R->oom = true;
}

/* ---- the merge of a child table ---- */

/* Room for n items of size bytes in the scratch buffer, or NULL. */
static void *scratch(struct record_sqlite_reader *r, size_t n, size_t size)
{
    if (n * size > r->scratch_cap) {
        size_t cap = r->scratch_cap ? r->scratch_cap : 1024;
        while (cap < n * size)
            cap *= 2;
        void *p = realloc(r->scratch, cap);
        if (!p)
            return NULL;
        r->scratch = p;
        r->scratch_cap = cap;
    }
    return r->scratch;
}

static int take_list_row(struct row_reader *R, struct child *c, size_t n)
{
    const char **items = scratch(R->r, n + 1, sizeof *items);
    if (!items)
        return -1;
    if (sqlite3_column_type(c->st, c->col[2]) == SQLITE_NULL) {
        report(R, "table", c->t->name, "an item that is NULL, left out", c->st, c->col[2]);
        return 0;
    }
    items[n] = copy_text(R, c->st, c->col[2]);
    return 1;
}

static int take_counts_row(struct row_reader *R, struct child *c, size_t n)
{
    struct record_count *counts = scratch(R->r, n + 1, sizeof *counts);
    long v;
    if (!counts)
        return -1;
    if (sqlite3_column_type(c->st, c->col[1]) == SQLITE_NULL || !integer_value(c->st, c->col[2], &v)) {
        report(R, "table", c->t->name, "a row without a name or an integer count, left out", c->st,
               c->col[2]);
        return 0;
    }
    counts[n].name = copy_text(R, c->st, c->col[1]);
    counts[n].count = v;
    return 1;
}

/* Member m of a row from column col (not NULL): false when the value is
 * not of the member's type. */
static bool take_member(struct row_reader *R, struct child *c, void *at, int m, int col)
{
    long v;
    switch (c->t->rows->members[m].type) {
    case TIDY_TEXT:
        *(const char **)at = copy_text(R, c->st, col);
        return true;
    case TIDY_INTEGER:
        if (!integer_value(c->st, col, &v))
            return false;
        *(long *)at = v;
        return true;
    case TIDY_BOOLEAN:
        if (!integer_value(c->st, col, &v) || (v != 0 && v != 1))
            return false;
        *(int *)at = (int)v;
        return true;
    }
    return false;
}

/* A row of a struct (a response, a constituency): the members whose
 * columns are there and not NULL. A row lacking a required member, or
 * whose required member is of the wrong type, is left out; another value
 * of the wrong type is left missing (each reported). */
static int take_struct_row(struct row_reader *R, struct child *c, size_t n)
{
    static const char *const types[] = {"text", "an integer", "0 or 1"};
    const struct tidy_table *t = c->t;
    const struct tidy_rows *rows = t->rows;
    char what[128];
    void *items = scratch(R->r, n + 1, rows->size);
    if (!items)
        return -1;
    for (size_t k = 2; k < t->n_columns; k++) {
        int m = t->columns[k].member, col = c->col[k];
        const struct tidy_member *d = &rows->members[m];
        void *at = tidy_member_at(rows, items, n, (size_t)m);
        tidy_member_clear(rows, items, n, (size_t)m);
        if (col < 0 || sqlite3_column_type(c->st, col) == SQLITE_NULL) {
            if (!d->required)
                continue;
            snprintf(what, sizeof what, "a row without %s, left out (position)", d->name);
            report(R, "table", c->t->name, what, c->st, c->col[1]);
            return 0;
        }
        if (!take_member(R, c, at, m, col)) {
            snprintf(what, sizeof what, "%s not %s, %s", d->name, types[d->type],
                     d->required ? "the row left out" : "left missing");
            report(R, "table", c->t->name, what, c->st, col);
            if (d->required)
                return 0;
        }
    }
    return 1;
}

/* Row of child c as item n of the field's array (in the scratch buffer):
 * 1 taken, 0 left out (reported), -1 out of memory. */
static int take_child_row(struct row_reader *R, struct child *c, size_t n)
{
    int taken = 0;
    switch (c->t->shape) {
    case TIDY_LIST:
        taken = take_list_row(R, c, n);
        break;
    case TIDY_COUNTS:
        taken = take_counts_row(R, c, n);
        break;
    case TIDY_ROWS:
        taken = take_struct_row(R, c, n);
        break;
    case TIDY_RECORDS:
        break;                                   /* never a child */
    }
    return R->oom || taken < 0 ? -1 : taken;
}

static size_t item_size(const struct tidy_table *t)
{
    switch (t->shape) {
    case TIDY_LIST:
        return sizeof(const char *);
    case TIDY_COUNTS:
        return sizeof(struct record_count);
    case TIDY_ROWS:
        return t->rows->size;
    case TIDY_RECORDS:
        break;
    }
    return 0;
}

/* The n rows in the scratch buffer become field t->field of rec. */
static int keep_rows(struct row_reader *R, const struct tidy_table *t, size_t n)
{
    if (n == 0)
        return 0;
    size_t size = item_size(t);
    void *array = arena_calloc(R->A, n, size);
    if (!array)
        return -2;
    memcpy(array, R->r->scratch, n * size);
    record_set_items(R->rec, t->field, array, n);
    return 0;
}

static void report_orphan(struct row_reader *R, struct child *c)
{
    const char *id = R->id;
    R->id = (const char *)sqlite3_column_text(c->st, c->col[0]);
    report(R, "table", c->t->name,
           "a row for a petition that is not in " TIDY_RECORDS_TABLE ", left out", c->st, c->col[0]);
    R->id = id;
}

/* The rows of child c for the current petition (all of them with
 * petitions == NULL: the end), into rec's field. Rows of petitions that
 * petitions lacks, met on the way, are reported and left out. 0, -1 (an
 * error: r->error), -2 (out of memory). */
static int read_child(struct row_reader *R, struct child *c, sqlite3_stmt *petitions)
{
    struct record_sqlite_reader *r = R->r;
    size_t n = 0;
    while (c->has_row) {
        int order = petitions ? compare_keys(&c->key, &r->key) : -1;
        if (order > 0)
            break;
        if (order < 0) {
            report_orphan(R, c);
        } else {
            int taken = take_child_row(R, c, n);
            if (taken < 0)
                return -2;
            n += (size_t)taken;
        }
        if (child_step(c, r->db, r->error, sizeof r->error) != 0)
            return -1;
    }
    return petitions ? keep_rows(R, c->t, n) : 0;
}

/* The child rows of the petition being read, and what made from them. */
static int read_children(struct row_reader *R)
{
    for (size_t i = 0; i < R->r->n_children; i++) {
        int rc = read_child(R, &R->r->children[i], R->r->petitions);
        if (rc != 0)
            return rc;
    }
    struct record *rec = R->rec;
    if (rec->n_responses > 0 && !rec->response_text && !record_join_response_texts(rec))
        return -2;
    /* one text: the very string, which Lua then makes once (l_page.c) */
    if (rec->n_responses == 1 && rec->response_text && rec->responses[0].text &&
        strcmp(rec->response_text, rec->responses[0].text) == 0)
        rec->response_text = rec->responses[0].text;
    return 0;
}

static void report_not_a_column(struct row_reader *R, sqlite3_stmt *st, int col)
{
    report(R, "column", sqlite3_column_name(st, col), "a field with a table of its own, left out",
           st, col);
}

/* The petitions row the statement is on, as a record. */
static int read_row(struct record_sqlite_reader *r, struct record *rec,
                    void (*problem)(void *ud, long line, const char *message), void *ud)
{
    sqlite3_stmt *st = r->petitions;
    struct row_reader R = {r, rec, record_arena(rec), NULL, problem, ud, false};
    take_key(st, r->id_col, &r->key);            /* before the copy reads it as text */
    rec->id = R.id = copy_text(&R, st, r->id_col);
    if (r->key.rank >= 2)
        r->key.bytes = rec->id;                   /* the same bytes, which stay */
    for (int i = 0; i < r->n_cols && !R.oom; i++) {
        if (i == r->id_col || sqlite3_column_type(st, i) == SQLITE_NULL)
            continue;
        if (r->field_of[i] >= 0)
            read_field(&R, r->field_of[i], st, i);
        else if (r->field_of[i] == NOT_A_COLUMN)
            report_not_a_column(&R, st, i);
        else
            keep_extra(&R, st, i);
    }
    if (R.oom)
        return -2;
    return read_children(&R);
}

/* At the end: the child rows no petition took. */
static int read_leftovers(struct record_sqlite_reader *r,
                          void (*problem)(void *ud, long line, const char *message), void *ud)
{
    struct row_reader R = {r, NULL, NULL, NULL, problem, ud, false};
    for (size_t i = 0; i < r->n_children; i++) {
        int rc = read_child(&R, &r->children[i], NULL);
        if (rc != 0)
            return rc;
    }
    return 0;
}

int record_sqlite_next(struct record_sqlite_reader *r, struct record **out,
                       void (*problem)(void *ud, long line, const char *message), void *ud)
{
    *out = NULL;
    if (r->done)
        return 0;
    int rc;
    while ((rc = sqlite3_step(r->petitions)) == SQLITE_ROW) {
        if (sqlite3_column_type(r->petitions, r->id_col) == SQLITE_NULL) {
            problem(ud, 0, "a row of " TIDY_RECORDS_TABLE " without an id: skipped");
            continue;
        }
        struct record *rec = record_new(4096);
        if (!rec)
            return -2;
        int status = read_row(r, rec, problem, ud);
        if (status != 0) {
            record_free(rec);
            return status;
        }
        *out = rec;
        return 1;
    }
    if (rc != SQLITE_DONE) {
        snprintf(r->error, sizeof r->error, "table " TIDY_RECORDS_TABLE ": %s", sqlite3_errmsg(r->db));
        return -1;
    }
    r->done = true;
    return read_leftovers(r, problem, ud);
}
