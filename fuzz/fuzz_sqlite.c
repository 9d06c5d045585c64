/* fuzz_sqlite.c — the reader of record databases (src/record_sqlite.h) on
 * databases of any shape. The input is either a database file (it begins
 * "SQLite format 3\0") or SQL, run on a new database first (bounded: a few
 * hundred thousand steps, 100 KB values), so that the fuzzer makes tables
 * and rows the reader must survive: missing tables and columns, values of
 * every type, rows of no petition, NULL ids, duplicates. Checked: every
 * record has an id, its arrays are as long as it says with no NULL item, a
 * failure has a message; and records read cleanly, written to a new
 * database and read again, come back field for field. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "record_sqlite.h"
#include "tidy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_RECORDS 256

static int stop_after(void *ud)
{
    return ++*(int *)ud > 2000;                /* called every 100 steps */
}

static int deny_outside(void *ud, int action, const char *a, const char *b, const char *c,
                        const char *d)
{
    (void)ud, (void)a, (void)b, (void)c, (void)d;
    return action == SQLITE_ATTACH || action == SQLITE_DETACH || action == SQLITE_PRAGMA
               ? SQLITE_DENY : SQLITE_OK;
}

static void make_database(const char *path, const uint8_t *data, size_t size)
{
    unlink(path);
    if (record_sqlite_is_header((const char *)data, size)) {
        FILE *f = fopen(path, "wb");
        if (f) {
            fwrite(data, 1, size, f);
            fclose(f);
        }
        return;
    }
    char *sql = malloc(size + 1);
    sqlite3 *db = NULL;
    if (!sql || sqlite3_open(path, &db) != SQLITE_OK) {
        free(sql);
        sqlite3_close(db);
        return;
    }
    memcpy(sql, data, size);
    sql[size] = '\0';
    int steps = 0;
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 100000);
    sqlite3_progress_handler(db, 100, stop_after, &steps);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
    sqlite3_exec(db, "PRAGMA journal_mode = OFF", NULL, NULL, NULL);
    /* the SQL touches this one file: no ATTACH (nor VACUUM INTO, which
     * attaches), no PRAGMA */
    sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_set_authorizer(db, deny_outside, NULL);
    sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_close(db);
    free(sql);
}

static void db_problem(void *ud, long line, const char *message)
{
    (void)ud;
    if (line != 0 || message == NULL || message[0] == '\0')
        abort();
}

/* Every field of a table of its own (the schema's: a kind added there is
 * a warning here until checked) as long as the record says, with no NULL
 * item, name or pointer. */
static void check_db_record(const struct record *rec)
{
    if (rec->id == NULL)
        abort();
    for (int f = 0; f < RECORD_N_FIELDS; f++) {
        const struct record_field *d = &record_fields[f];
        const char *at = (const char *)rec + d->offset;
        size_t n = d->count_offset ? *(const size_t *)((const char *)rec + d->count_offset) : 0;
        if (n > 0 && *(const void *const *)at == NULL)
            abort();
        switch (d->kind) {
        case RECORD_LIST:
            for (size_t i = 0; i < n; i++)
                if ((*(const char *const *const *)at)[i] == NULL)
                    abort();
            break;
        case RECORD_COUNTS:
            for (size_t i = 0; i < n; i++)
                if ((*(const struct record_count *const *)at)[i].name == NULL)
                    abort();
            break;
        case RECORD_CONSTITUENCIES:
            for (size_t i = 0; i < n; i++)
                if ((*(const struct record_constituency *const *)at)[i].name == NULL ||
                    (*(const struct record_constituency *const *)at)[i].count == RECORD_NO_INT)
                    abort();
            break;
        case RECORD_RESPONSES:
        case RECORD_STRING:
        case RECORD_DATE:
        case RECORD_DATETIME:
        case RECORD_INTEGER:
        case RECORD_BOOLEAN:
            break;
        }
    }
}

/* Reads path: up to MAX_RECORDS records into recs; their number, or -1
 * when the database could not be read to its end. */
static int read_database(const char *path, struct record **recs)
{
    char err[512];
    struct record_sqlite_reader *r = record_sqlite_open(path, err, sizeof err);
    if (!r) {
        if (err[0] == '\0')
            abort();
        return -1;
    }
    int n = 0, rc;
    struct record *rec;
    while ((rc = record_sqlite_next(r, &rec, db_problem, NULL)) == 1) {
        check_db_record(rec);
        if (n < MAX_RECORDS)
            recs[n++] = rec;
        else
            record_free(rec);
    }
    if (rc == -1 && record_sqlite_reader_error(r)[0] == '\0')
        abort();
    record_sqlite_close(r);
    if (rc != 0 || n == MAX_RECORDS) {
        for (int i = 0; i < n; i++)
            record_free(recs[i]);
        return -1;
    }
    return n;
}

static bool same_db_text(const char *a, const char *b)
{
    return (a == NULL) == (b == NULL) && (a == NULL || strcmp(a, b) == 0);
}

static void check_same_record(const struct record *a, const struct record *b)
{
    if (!same_db_text(a->id, b->id) || !same_db_text(a->text, b->text) ||
        !same_db_text(a->response_text, b->response_text) || a->parliament != b->parliament ||
        a->late != b->late || a->n_grievances != b->n_grievances ||
        a->n_responses != b->n_responses || a->n_signatures_by_province != b->n_signatures_by_province)
        abort();
    for (size_t i = 0; i < a->n_responses; i++)
        for (int m = 0; m < TIDY_N_RESPONSE_FIELDS; m++)
            if (!same_db_text(*tidy_response_member(&a->responses[i], m),
                           *tidy_response_member(&b->responses[i], m)))
                abort();
    if (a->n_signatures_by_constituency != b->n_signatures_by_constituency ||
        a->n_signatures_by_country != b->n_signatures_by_country ||
        a->n_signatures_by_region != b->n_signatures_by_region || a->n_topics != b->n_topics)
        abort();
    for (size_t i = 0; i < a->n_signatures_by_constituency; i++) {
        const struct record_constituency *p = &a->signatures_by_constituency[i];
        const struct record_constituency *q = &b->signatures_by_constituency[i];
        if (!same_db_text(p->name, q->name) || !same_db_text(p->code, q->code) ||
            !same_db_text(p->mp, q->mp) || p->count != q->count)
            abort();
    }
}

static int by_record_id(const void *a, const void *b)
{
    return strcmp((*(struct record *const *)a)->id, (*(struct record *const *)b)->id);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64], copy[80];
    snprintf(path, sizeof path, "/tmp/petlua-fuzz-sqlite.%ld.db", (long)getpid());
    snprintf(copy, sizeof copy, "%s.copy.db", path);
    make_database(path, data, size);
    struct record *recs[MAX_RECORDS], *back[MAX_RECORDS];
    int n = read_database(path, recs);
    unlink(path);
    if (n < 0)
        return 0;
    char err[512];
    struct record_sqlite_writer *w = record_sqlite_create(copy, err, sizeof err);
    bool written = w != NULL;
    for (int i = 0; written && i < n; i++)
        written = record_sqlite_add(w, recs[i]) == 0;    /* the same id twice fails, rightly */
    written = written && record_sqlite_commit(w) == 0;
    record_sqlite_free(w);
    if (written) {
        int m = read_database(copy, back);
        if (m != n)
            abort();
        /* the ids are unique (the copy's key); put both in the same order,
         * as an id that was a number sorted as one the first time */
        qsort(recs, (size_t)n, sizeof *recs, by_record_id);
        qsort(back, (size_t)m, sizeof *back, by_record_id);
        for (int i = 0; i < n; i++)
            check_same_record(recs[i], back[i]);
        for (int i = 0; i < m; i++)
            record_free(back[i]);
    }
    unlink(copy);
    for (int i = 0; i < n; i++)
        record_free(recs[i]);
    return 0;
}
