/* test_sqlite.c — the tidy layout (tables made from the schema table), the
 * SQLite database written from records and read back (every field, types
 * included), what a write that fails leaves (nothing), what the reader says
 * of databases made by hand (missing tables, bad values, rows of no
 * petition, views, a damaged file), and the long-format CSV files. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "check.h"
#include "record_sqlite.h"
#include "tidy.h"

static char tmpdir[] = "/tmp/petlua-test-sqlite.XXXXXX";

static char *in_tmp(const char *name)
{
    static char paths[8][512];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, sizeof paths[0], "%s/%s", tmpdir, name);
    return p;
}

/* The names in tmpdir, sorted, separated by spaces. */
static void listing(char *out, size_t size)
{
    char names[32][256];
    int n = 0;
    DIR *d = opendir(tmpdir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL && n < 32)
        if (e->d_name[0] != '.')
            snprintf(names[n++], sizeof names[0], "%s", e->d_name);
    if (d)
        closedir(d);
    qsort(names, (size_t)n, sizeof names[0], (int (*)(const void *, const void *))strcmp);
    out[0] = '\0';
    for (int i = 0; i < n; i++)
        snprintf(out + strlen(out), size - strlen(out), "%s%s", i ? " " : "", names[i]);
}

static void clear_tmp(void)
{
    DIR *d = opendir(tmpdir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *p = in_tmp(e->d_name);
        if (unlink(p) != 0) {               /* a folder of CSV files */
            DIR *sub = opendir(p);
            struct dirent *f;
            char q[1024];
            while (sub && (f = readdir(sub)) != NULL)
                if (f->d_name[0] != '.' && snprintf(q, sizeof q, "%s/%s", p, f->d_name) > 0)
                    unlink(q);
            if (sub)
                closedir(sub);
            rmdir(p);
        }
    }
    if (d)
        closedir(d);
}

/* ---- records made here ---- */

static const char *copy_in(struct record *rec, const char *s)
{
    char *p = arena_alloc(record_arena(rec), strlen(s) + 1);
    strcpy(p, s);
    return p;
}

static void *array(struct record *rec, size_t n, size_t size)
{
    return arena_calloc(record_arena(rec), n, size);
}

/* e-2: most fields, two responses (the second with no signer), two
 * provinces, a list of two grievances, late false, a zero. */
static struct record *full_record(void)
{
    struct record *rec = record_new(1024);
    rec->id = copy_in(rec, "e-2");
    rec->kind = copy_in(rec, "e-petition");
    rec->topic = copy_in(rec, "Health");
    rec->text = copy_in(rec, "Whereas one;\nWhereas two, \"quoted\".");
    rec->presented = copy_in(rec, "2021-04-21");
    rec->opened_at = copy_in(rec, "2020-06-10T09:06");
    rec->parliament = 43;
    rec->session = 0;
    rec->late = 0;
    rec->overdue = 1;
    rec->grievances = array(rec, 2, sizeof *rec->grievances);
    rec->grievances[0] = copy_in(rec, "one");
    rec->grievances[1] = copy_in(rec, "");              /* an empty item stays one */
    rec->n_grievances = 2;
    rec->responses = array(rec, 2, sizeof *rec->responses);
    rec->responses[0] = (struct record_response){copy_in(rec, "Minister of Health"), copy_in(rec, "Health"),
                                                 copy_in(rec, "Jane Roe"), copy_in(rec, "JANE ROE"),
                                                 copy_in(rec, "First answer.")};
    rec->responses[1].responder = copy_in(rec, "Minister of Justice");
    rec->responses[1].text = copy_in(rec, "Second answer.");
    rec->n_responses = 2;
    rec->signatures_by_province = array(rec, 2, sizeof *rec->signatures_by_province);
    rec->signatures_by_province[0] = (struct record_count){copy_in(rec, "Alberta"), 12};
    rec->signatures_by_province[1] = (struct record_count){copy_in(rec, "Quebec"), 0};
    rec->n_signatures_by_province = 2;
    record_complete(rec);
    return rec;
}

/* 700001: the UK's fields, each counts field with rows of its own, and
 * constituency rows out of name order, one without a code or an MP, one
 * name twice. */
static struct record *uk_record(void)
{
    struct record *rec = record_new(1024);
    rec->id = copy_in(rec, "700001");
    rec->parliament_of = copy_in(rec, "uk");
    rec->state = copy_in(rec, "open");
    rec->response_threshold_reached = copy_in(rec, "2025-11-01");
    rec->topics = array(rec, 1, sizeof *rec->topics);
    rec->topics[0] = copy_in(rec, "health");
    rec->n_topics = 1;
    rec->signatures_by_country = array(rec, 2, sizeof *rec->signatures_by_country);
    rec->signatures_by_country[0] = (struct record_count){copy_in(rec, "France"), 40};
    rec->signatures_by_country[1] = (struct record_count){copy_in(rec, "United Kingdom"), 12501};
    rec->n_signatures_by_country = 2;
    rec->signatures_by_region = array(rec, 1, sizeof *rec->signatures_by_region);
    rec->signatures_by_region[0] = (struct record_count){copy_in(rec, "Wales"), 990};
    rec->n_signatures_by_region = 1;
    rec->signatures_by_constituency = array(rec, 3, sizeof *rec->signatures_by_constituency);
    rec->signatures_by_constituency[0] = (struct record_constituency){
        copy_in(rec, "Edinburgh East and Musselburgh"), copy_in(rec, "S14000107"),
        copy_in(rec, "Chris Murray MP"), 1840};
    rec->signatures_by_constituency[1] = (struct record_constituency){copy_in(rec, "Cardiff East"),
                                                                      NULL, NULL, 0};
    rec->signatures_by_constituency[2] = (struct record_constituency){copy_in(rec, "Cardiff East"),
                                                                      copy_in(rec, "W07000080"), NULL, 5};
    rec->n_signatures_by_constituency = 3;
    return rec;
}

static struct record *bare_record(const char *id)
{
    struct record *rec = record_new(256);
    rec->id = copy_in(rec, id);
    return rec;
}

static bool same_text(const char *a, const char *b)
{
    return (a == NULL) == (b == NULL) && (a == NULL || strcmp(a, b) == 0);
}

/* Field f of a and b the same (both missing, or equal values)? The
 * switch names every kind: a new one is a warning here until compared. */
static bool same_field(const struct record *a, const struct record *b, int f)
{
    const struct record_field *d = &record_fields[f];
    if (record_has(a, f) != record_has(b, f))
        return false;
    if (!record_has(a, f))
        return true;
    const char *x = (const char *)a + d->offset, *y = (const char *)b + d->offset;
    size_t n = d->count_offset ? *(const size_t *)((const char *)a + d->count_offset) : 0;
    if (d->count_offset && n != *(const size_t *)((const char *)b + d->count_offset))
        return false;
    switch (d->kind) {
    case RECORD_INTEGER:
        return *(const long *)x == *(const long *)y;
    case RECORD_BOOLEAN:
        return *(const int *)x == *(const int *)y;
    case RECORD_LIST:
        for (size_t i = 0; i < n; i++)
            if (strcmp((*(const char *const *const *)x)[i], (*(const char *const *const *)y)[i]))
                return false;
        return true;
    case RECORD_RESPONSES:
        for (size_t i = 0; i < n; i++)
            for (int m = 0; m < TIDY_N_RESPONSE_FIELDS; m++) {
                const char *p = *tidy_response_member(*(struct record_response **)(void *)x + i, m);
                const char *q = *tidy_response_member(*(struct record_response **)(void *)y + i, m);
                if (!same_text(p, q))
                    return false;
            }
        return true;
    case RECORD_COUNTS:
        for (size_t i = 0; i < n; i++) {
            const struct record_count *p = *(const struct record_count *const *)x + i;
            const struct record_count *q = *(const struct record_count *const *)y + i;
            if (strcmp(p->name, q->name) != 0 || p->count != q->count)
                return false;
        }
        return true;
    case RECORD_CONSTITUENCIES:
        for (size_t i = 0; i < n; i++) {
            const struct record_constituency *p = *(const struct record_constituency *const *)x + i;
            const struct record_constituency *q = *(const struct record_constituency *const *)y + i;
            if (!same_text(p->name, q->name) || !same_text(p->code, q->code) ||
                !same_text(p->mp, q->mp) || p->count != q->count)
                return false;
        }
        return true;
    case RECORD_STRING:
    case RECORD_DATE:
    case RECORD_DATETIME:
        return strcmp(*(const char *const *)x, *(const char *const *)y) == 0;
    }
    return false;
}

static void check_same_record(const struct record *got, const struct record *want)
{
    for (int f = 0; f < RECORD_N_FIELDS; f++) {
        bool same = got && same_field(got, want, f);
        char what[128];
        snprintf(what, sizeof what, "%s: field %s read back as written", want->id,
                 record_fields[f].name);
        check_report(same, __FILE__, __LINE__, what);
    }
}

/* ---- the layout ---- */

/* The table a field of that kind should have, written out here apart from
 * tidy.c: no default, so a new kind is a warning until it is given one. */
static const char *shape_wanted(enum record_kind kind)
{
    switch (kind) {
    case RECORD_STRING:
    case RECORD_DATE:
    case RECORD_DATETIME:
    case RECORD_INTEGER:
    case RECORD_BOOLEAN:
        return "a column";
    case RECORD_LIST:
        return "list";
    case RECORD_COUNTS:
        return "counts";
    case RECORD_RESPONSES:
    case RECORD_CONSTITUENCIES:
        return "rows";
    }
    return "?";
}

static void test_layout(void)
{
    struct tidy_layout *layout = tidy_layout_new();
    CHECK(layout != NULL);
    /* petitions, then a table for each field of a list, responses or counts
     * kind, in schema order: the schema's, whatever fields it has */
    char names[1024] = "", want[1024] = "petitions";
    for (size_t i = 0; i < layout->n_tables; i++)
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? " " : "",
                 layout->tables[i].name);
    for (int f = 0; f < RECORD_N_FIELDS; f++) {
        const char *shape = shape_wanted(record_fields[f].kind);
        if (strcmp(shape, "a column") != 0)
            snprintf(want + strlen(want), sizeof want - strlen(want), " %s", record_fields[f].name);
        /* each table of the shape its field's kind asks for */
        const struct tidy_table *t = tidy_table_named(layout, record_fields[f].name);
        const char *got = !t ? "a column" : t->shape == TIDY_LIST ? "list"
                          : t->shape == TIDY_COUNTS ? "counts" : t->shape == TIDY_ROWS ? "rows" : "?";
        CHECK_STR(got, shape);
        CHECK(tidy_is_scalar(record_fields[f].kind) == (t == NULL));
        CHECK((t && t->shape == TIDY_ROWS) == (tidy_rows_of(record_fields[f].kind) != NULL));
    }
    CHECK_STR(names, want);
    CHECK(strstr(names, "petitions grievances keywords responses signatures_by_province topics "
                        "signatures_by_country signatures_by_region signatures_by_constituency") != NULL);

    /* petitions: every scalar field, in schema order, with its type */
    const struct tidy_table *p = &layout->tables[0];
    size_t scalars = 0;
    bool in_order = true;
    for (int f = 0; f < RECORD_N_FIELDS; f++) {
        if (strcmp(shape_wanted(record_fields[f].kind), "a column") != 0)
            continue;
        in_order = in_order && scalars < p->n_columns &&
                   strcmp(p->columns[scalars].name, record_fields[f].name) == 0;
        scalars++;
    }
    CHECK_INT(p->n_columns, scalars);
    CHECK(in_order);
    CHECK(p->columns[0].key && p->columns[0].required);
    int late = tidy_column_index(p, "late"), parliament = tidy_column_index(p, "parliament");
    CHECK(late > 0 && p->columns[late].type == TIDY_BOOLEAN);
    CHECK(parliament > 0 && p->columns[parliament].type == TIDY_INTEGER);
    CHECK(tidy_column_index(p, "grievances") < 0);
    CHECK(tidy_column_index(p, "signatures_by_constituency") < 0);

    /* a counts field "X_by_Y" gives the columns Y and X */
    const struct tidy_table *c = tidy_table_named(layout, "signatures_by_province");
    CHECK(c && c->shape == TIDY_COUNTS && c->n_columns == 3);
    CHECK_STR(c ? c->columns[0].name : NULL, "petition_id");
    CHECK_STR(c ? c->columns[1].name : NULL, "province");
    CHECK_STR(c ? c->columns[2].name : NULL, "signatures");
    const char *want_counts[][2] = {{"signatures_by_country", "country"},
                                    {"signatures_by_region", "region"}};
    for (int i = 0; i < 2; i++) {
        c = tidy_table_named(layout, want_counts[i][0]);
        CHECK(c && c->shape == TIDY_COUNTS && c->n_columns == 3);
        CHECK_STR(c ? c->columns[1].name : NULL, want_counts[i][1]);
        CHECK_STR(c ? c->columns[2].name : NULL, "signatures");
        CHECK(c && c->columns[1].key && c->columns[2].type == TIDY_INTEGER);
    }
    /* constituency rows: by position (their order kept, a name may come
     * twice), a column per member, named as the row's keys in Lua */
    const struct tidy_table *k = tidy_table_named(layout, "signatures_by_constituency");
    CHECK(k && k->shape == TIDY_ROWS && k->n_columns == 6);
    if (k && k->n_columns == 6) {
        const char *names6[] = {"petition_id", "position", "name", "code", "mp", "signatures"};
        const enum tidy_type types6[] = {TIDY_TEXT, TIDY_INTEGER, TIDY_TEXT, TIDY_TEXT, TIDY_TEXT,
                                         TIDY_INTEGER};
        const bool keys6[] = {true, true, false, false, false, false};
        const bool required6[] = {true, true, true, false, false, true};
        for (int i = 0; i < 6; i++) {
            CHECK_STR(k->columns[i].name, names6[i]);
            CHECK(k->columns[i].type == types6[i] && k->columns[i].key == keys6[i] &&
                  k->columns[i].required == required6[i]);
        }
    }
    const struct tidy_table *r = tidy_table_named(layout, "responses");
    CHECK(r && r->n_columns == 7);
    CHECK_STR(r ? r->columns[1].name : NULL, "position");
    CHECK_STR(r ? r->columns[3].name : NULL, "department");
    CHECK_STR(r ? r->columns[6].name : NULL, "text");
    const struct tidy_table *g = tidy_table_named(layout, "grievances");
    CHECK(g && g->shape == TIDY_LIST && g->n_columns == 3 && strcmp(g->columns[2].name, "text") == 0);
    CHECK(tidy_table_named(layout, "meta") == NULL);
    tidy_layout_free(layout);
    tidy_layout_free(NULL);
}

static void test_header(void)
{
    CHECK(record_sqlite_is_header("SQLite format 3\0\x10\x00", 18));
    CHECK(!record_sqlite_is_header("SQLite format 3", 15));
    CHECK(!record_sqlite_is_header("SQLite format 3 and more", 24));
    CHECK(!record_sqlite_is_header("id,url,kind\n", 12));
}

/* ---- writing and reading back ---- */

struct problems {
    char text[2048];
    int n;
};

static void note(void *ud, long line, const char *message)
{
    struct problems *p = ud;
    snprintf(p->text + strlen(p->text), sizeof p->text - strlen(p->text), "%s[%ld] %s",
             p->n++ ? " | " : "", line, message);
}

/* Reads path; the records in *recs (up to max), their number returned, -1
 * when it cannot be opened (err says why). */
static int read_all(const char *path, struct record **recs, int max, struct problems *p,
                    char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    struct record_sqlite_reader *r = record_sqlite_open(path, err, errlen);
    if (!r)
        return -1;
    int n = 0, rc;
    struct record *rec;
    while ((rc = record_sqlite_next(r, &rec, note, p)) == 1) {
        if (n < max)
            recs[n++] = rec;
        else
            record_free(rec);
    }
    if (rc < 0)
        snprintf(err, errlen, "rc %d: %s", rc, record_sqlite_reader_error(r));
    else
        err[0] = '\0';
    CHECK_INT(record_sqlite_next(r, &rec, note, p), 0);       /* the end stays the end */
    record_sqlite_close(r);
    return n;
}

static void test_round_trip(void)
{
    clear_tmp();
    char err[512], files[512];
    const char *path = in_tmp("p.db");
    struct record *written[4] = {full_record(), bare_record("e-10"), bare_record("441-00001"),
                                 uk_record()};
    struct record_sqlite_writer *w = record_sqlite_create(path, err, sizeof err);
    CHECK(w != NULL);
    CHECK_INT(record_sqlite_meta(w, "as_of", "2024-06-30"), 0);
    for (int i = 0; i < 4; i++)
        CHECK_INT(record_sqlite_add(w, written[i]), 0);
    listing(files, sizeof files);
    CHECK(strncmp(files, "p.db.", 5) == 0);             /* a temporary file beside it, until... */
    CHECK_INT(record_sqlite_commit(w), 0);
    CHECK_INT(record_sqlite_commit(w), 0);              /* twice is harmless */
    record_sqlite_free(w);
    listing(files, sizeof files);
    CHECK_STR(files, "p.db");                           /* ...renamed: nothing else is left */

    struct record *back[5] = {NULL};
    struct problems p;
    int n = read_all(path, back, 5, &p, err, sizeof err);
    CHECK_INT(n, 4);
    CHECK_STR(err, "");
    CHECK_STR(p.text, "");
    /* in id order as SQLite sorts text: "441-..." < "700001" < "e-10" < "e-2" */
    CHECK_STR(n == 4 ? back[0]->id : NULL, "441-00001");
    CHECK_STR(n == 4 ? back[1]->id : NULL, "700001");
    CHECK_STR(n == 4 ? back[2]->id : NULL, "e-10");
    if (n == 4) {
        check_same_record(back[3], written[0]);
        check_same_record(back[2], written[1]);
        check_same_record(back[1], written[3]);
        check_same_record(back[0], written[2]);
        CHECK_INT(back[3]->n_grievances, 2);
        CHECK_STR(back[3]->grievances[1], "");
        CHECK(back[3]->responses[1].signed_by == NULL);
        CHECK_STR(back[3]->response_text, "First answer.\n\nSecond answer.");
        CHECK_INT(back[1]->n_signatures_by_constituency, 3);    /* in their order, both Cardiffs */
        CHECK_STR(back[1]->signatures_by_constituency[2].code, "W07000080");
        CHECK(back[1]->signatures_by_constituency[1].mp == NULL);
        CHECK(back[1]->signatures_by_province == NULL && back[1]->n_signatures_by_country == 2);
    }
    for (int i = 0; i < 5; i++)
        record_free(back[i]);
    for (int i = 0; i < 4; i++)
        record_free(written[i]);

    /* the meta table, and the types SQLite holds */
    sqlite3 *db;
    sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "SELECT group_concat(name || '=' || value, ' ') FROM meta", -1, &st, NULL);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(st, 0),
              "petlua_version=" PETLUA_VERSION " as_of=2024-06-30 full_text_search=fts5");
    sqlite3_finalize(st);
    sqlite3_prepare_v2(db, "SELECT typeof(parliament), typeof(late), typeof(presented), "
                           "typeof(signatures), late, overdue FROM petitions WHERE id = 'e-2'",
                       -1, &st, NULL);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(st, 0), "integer");
    CHECK_STR((const char *)sqlite3_column_text(st, 1), "integer");
    CHECK_STR((const char *)sqlite3_column_text(st, 2), "text");
    CHECK_STR((const char *)sqlite3_column_text(st, 3), "integer");  /* the provinces' sum */
    CHECK_INT(sqlite3_column_int(st, 4), 0);
    CHECK_INT(sqlite3_column_int(st, 5), 1);
    sqlite3_finalize(st);
    /* the UK's tables as a reader of the database sees them */
    sqlite3_prepare_v2(db, "SELECT group_concat(position || ':' || name || ':' || coalesce(code, '-')"
                           " || ':' || coalesce(mp, '-') || ':' || signatures || ':' || typeof(signatures),"
                           " ' | ') FROM (SELECT * FROM signatures_by_constituency"
                           " WHERE petition_id = '700001' ORDER BY position)", -1, &st, NULL);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(st, 0),
              "1:Edinburgh East and Musselburgh:S14000107:Chris Murray MP:1840:integer"
              " | 2:Cardiff East:-:-:0:integer | 3:Cardiff East:W07000080:-:5:integer");
    sqlite3_finalize(st);
    sqlite3_prepare_v2(db, "SELECT (SELECT group_concat(country || '=' || signatures, ' ') FROM "
                           "signatures_by_country), (SELECT group_concat(region || '=' || signatures, ' ')"
                           " FROM signatures_by_region), (SELECT count(*) FROM signatures_by_province"
                           " WHERE petition_id = '700001')", -1, &st, NULL);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(st, 0), "France=40 United Kingdom=12501");
    CHECK_STR((const char *)sqlite3_column_text(st, 1), "Wales=990");
    CHECK_INT(sqlite3_column_int(st, 2), 0);
    sqlite3_finalize(st);
    sqlite3_prepare_v2(db, "SELECT id FROM petitions WHERE rowid IN (SELECT rowid FROM "
                           "petitions_fts WHERE petitions_fts MATCH 'second')", -1, &st, NULL);
    CHECK(sqlite3_step(st) == SQLITE_ROW);              /* response text is searched */
    CHECK_STR((const char *)sqlite3_column_text(st, 0), "e-2");
    sqlite3_finalize(st);
    sqlite3_close(db);
}

/* A write that fails leaves the target as it was and no temporary file. */
static void test_write_failures(void)
{
    clear_tmp();
    char err[512], files[512];
    CHECK(record_sqlite_create(in_tmp("no/such/folder/p.db"), err, sizeof err) == NULL);
    char want[600];
    snprintf(want, sizeof want, "cannot write '%s' (No such file or directory)",
             in_tmp("no/such/folder/p.db"));
    CHECK_STR(err, want);
    CHECK(record_sqlite_create("-", err, sizeof err) == NULL);
    CHECK_STR(err, "cannot write '-' (a database is written to a regular file, "
                   "not to standard output)");
    CHECK(record_sqlite_create(tmpdir, err, sizeof err) == NULL);   /* a folder */
    CHECK(strstr(err, "Is a directory") != NULL);

    /* the same id twice: the write fails, an old file stays as it was */
    const char *path = in_tmp("old.db");
    FILE *f = fopen(path, "wb");
    fputs("old", f);
    fclose(f);
    struct record_sqlite_writer *w = record_sqlite_create(path, err, sizeof err);
    struct record *a = bare_record("e-1"), *b = bare_record("e-1");
    CHECK_INT(record_sqlite_add(w, a), 0);
    CHECK_INT(record_sqlite_add(w, b), -1);
    snprintf(want, sizeof want, "cannot write '%s' (petition e-1 is there twice)", path);
    CHECK_STR(record_sqlite_error(w), want);
    CHECK_INT(record_sqlite_commit(w), -1);             /* the failure sticks */
    record_sqlite_free(w);
    record_free(a);
    record_free(b);
    listing(files, sizeof files);
    CHECK_STR(files, "old.db");
    size_t len;
    char *text = check_read_file(path, &len);
    CHECK_STR(text, "old");
    free(text);

    /* freed without a commit: nothing is left */
    w = record_sqlite_create(in_tmp("never.db"), err, sizeof err);
    a = bare_record("e-1");
    record_sqlite_add(w, a);
    record_sqlite_free(w);
    record_free(a);
    listing(files, sizeof files);
    CHECK_STR(files, "old.db");
}

static int stop_at_third(void *ud)
{
    return ++*(int *)ud >= 3;
}

/* A write stopped by its caller (a deadline) fails and leaves nothing. */
static void test_stopped(void)
{
    clear_tmp();
    char err[512], files[512];
    int asked = 0;
    struct record_sqlite_writer *w = record_sqlite_create(in_tmp("s.db"), err, sizeof err);
    record_sqlite_set_stop(w, stop_at_third, &asked);
    struct record *rec = full_record();
    int rc = 0;
    char id[16];
    for (int i = 0; i < 2000 && rc == 0; i++) {
        snprintf(id, sizeof id, "e-%d", i);
        rec->id = id;
        rc = record_sqlite_add(w, rec);
    }
    if (rc == 0)
        rc = record_sqlite_commit(w);
    CHECK_INT(rc, -1);
    CHECK(asked >= 3);
    char want[600];
    snprintf(want, sizeof want, "cannot write '%s' (interrupted)", in_tmp("s.db"));
    CHECK_STR(record_sqlite_error(w), want);
    record_sqlite_free(w);
    record_free(rec);
    listing(files, sizeof files);
    CHECK_STR(files, "");
}

/* ---- databases made by hand ---- */

static void make_db(const char *path, const char *sql)
{
    unlink(path);
    sqlite3 *db;
    char *msg = NULL;
    sqlite3_open(path, &db);
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        printf("not ok - test database: %s\n", msg);
    sqlite3_free(msg);
    sqlite3_close(db);
}

static void test_open_failures(void)
{
    clear_tmp();
    char err[512];
    struct problems p;
    struct record *recs[4];
    const char *path = in_tmp("h.db");
    make_db(path, "CREATE TABLE other (x);");
    CHECK_INT(read_all(path, recs, 4, &p, err, sizeof err), -1);
    CHECK_STR(err, "an SQLite database, but not of petition records (no table petitions)");
    make_db(path, "CREATE TABLE t (id TEXT); CREATE VIEW petitions AS SELECT * FROM t;");
    CHECK_INT(read_all(path, recs, 4, &p, err, sizeof err), -1);
    CHECK_STR(err, "an SQLite database, but not of petition records (no table petitions)");
    make_db(path, "CREATE TABLE petitions (name TEXT);");
    CHECK_INT(read_all(path, recs, 4, &p, err, sizeof err), -1);
    CHECK_STR(err, "table petitions has no id column");
    make_db(path, "CREATE TABLE petitions (id TEXT); CREATE TABLE grievances (petition_id, text);");
    CHECK_INT(read_all(path, recs, 4, &p, err, sizeof err), -1);
    CHECK_STR(err, "table grievances has no column position");

    /* a damaged file: an SQLite header, then noise */
    FILE *f = fopen(path, "wb");
    fwrite("SQLite format 3\0", 1, 16, f);
    for (int i = 0; i < 5000; i++)
        fputc((i * 7919) & 0xff, f);
    fclose(f);
    int n = read_all(path, recs, 4, &p, err, sizeof err);
    CHECK(n <= 0);
    CHECK(strstr(err, "malformed") != NULL || strstr(err, "not a database") != NULL);
    if (n <= 0 && err[0] == '\0')
        printf("    err: (empty)\n");
    for (int i = 0; i < n; i++)
        record_free(recs[i]);
    unlink(path);
    CHECK_INT(read_all(path, recs, 4, &p, err, sizeof err), -1);    /* gone */
    CHECK(strncmp(err, "cannot open: ", 13) == 0);
}

static void test_hand_made(void)
{
    clear_tmp();
    char err[512];
    struct problems p;
    struct record *recs[8] = {NULL};
    const char *path = in_tmp("h.db");
    /* no child tables but responses; values of the wrong kind; a column
     * outside the schema; rows of petitions that are not there (before the
     * first, between two, after the last); a row without an id */
    make_db(path,
            "CREATE TABLE petitions (id TEXT, parliament, late, topic, note TEXT, response_text);"
            "INSERT INTO petitions VALUES ('e-2', 'x', 2, 7, 'kept', NULL),"
            "  ('e-4', 44.0, 1, 'Health', NULL, 'Own text.'), (NULL, 1, 1, 't', NULL, NULL);"
            "CREATE TABLE responses (petition_id TEXT, position INTEGER, responder TEXT, text TEXT,"
            "  extra TEXT);"
            "INSERT INTO responses VALUES ('e-1', 1, 'R0', 'T0', 'x'), ('e-2', 2, 'R2', 'T2', 'x'),"
            "  ('e-2', 1, 'R1', NULL, 'x'), ('e-3', 1, 'R', 'T', 'x'), ('e-9', 1, 'R', 'T', 'x');");
    int n = read_all(path, recs, 8, &p, err, sizeof err);
    CHECK_INT(n, 2);
    CHECK_STR(err, "");
    CHECK_STR(p.text,
              "[0] a row of petitions without an id: skipped"
              " | [0] petition e-2, column parliament: not an integer: \"x\""
              " | [0] petition e-2, column late: not 0 or 1: \"2\""
              " | [0] petition e-1, table responses: a row for a petition that is not in petitions, "
              "left out: \"e-1\""
              " | [0] petition e-3, table responses: a row for a petition that is not in petitions, "
              "left out: \"e-3\""
              " | [0] petition e-9, table responses: a row for a petition that is not in petitions, "
              "left out: \"e-9\"");
    if (n == 2) {
        struct record *a = recs[0], *b = recs[1];
        CHECK_STR(a->id, "e-2");
        CHECK_INT(a->parliament, RECORD_NO_INT);
        CHECK_INT(a->late, RECORD_NO_BOOL);
        CHECK_STR(a->topic, "7");                       /* a number in a text field: its text */
        CHECK_INT(a->n_extras, 1);
        CHECK_STR(a->n_extras ? a->extra_names[0] : NULL, "note");
        CHECK_STR(a->n_extras ? a->extra_values[0] : NULL, "kept");
        CHECK_INT(a->n_responses, 2);                   /* in position order */
        CHECK_STR(a->n_responses == 2 ? a->responses[0].responder : NULL, "R1");
        CHECK(a->n_responses == 2 && a->responses[0].text == NULL);
        CHECK_STR(a->response_text, "T2");              /* not in the file: joined */
        CHECK(a->grievances == NULL && a->signatures_by_province == NULL);
        CHECK_STR(b->id, "e-4");
        CHECK_INT(b->parliament, 44);                   /* a REAL with no fraction */
        CHECK_INT(b->late, 1);
        CHECK_INT(b->n_responses, 0);
        CHECK_STR(b->response_text, "Own text.");
    }
    for (int i = 0; i < 8; i++)
        record_free(recs[i]);
}

/* Constituency rows made by hand: read in position order, whatever order
 * they were inserted in; a row without a name or with a count that is no
 * integer is left out, a code column that is not there leaves every code
 * missing; a petitions column named as a field with a table of its own is
 * left out, not read as that field nor kept as a string in its place. */
static void test_hand_made_constituencies(void)
{
    clear_tmp();
    char err[512];
    struct problems p;
    struct record *recs[4] = {NULL};
    const char *path = in_tmp("k.db");
    make_db(path,
            "CREATE TABLE petitions (id TEXT, signatures_by_constituency TEXT, grievances TEXT);"
            "INSERT INTO petitions VALUES ('700001', 'Cardiff East=4', 'one');"
            "CREATE TABLE signatures_by_constituency (petition_id TEXT, position INTEGER, name TEXT,"
            "  mp TEXT, signatures INTEGER);"
            "INSERT INTO signatures_by_constituency VALUES ('700001', 3, 'Falkirk', NULL, 7),"
            "  ('700001', 1, 'Cardiff East', 'Jo Stevens MP', 4), ('700001', 2, NULL, NULL, 1),"
            "  ('700001', 4, 'Leeds East', NULL, 'x'), ('700001', 5, 'Leeds West', NULL, NULL);");
    int n = read_all(path, recs, 4, &p, err, sizeof err);
    CHECK_INT(n, 1);
    CHECK_STR(err, "");
    CHECK_STR(p.text,
              "[0] petition 700001, column signatures_by_constituency: a field with a table of its "
              "own, left out: \"Cardiff East=4\""
              " | [0] petition 700001, column grievances: a field with a table of its own, left out: "
              "\"one\""
              " | [0] petition 700001, table signatures_by_constituency: a row without name, left out "
              "(position): \"2\""
              " | [0] petition 700001, table signatures_by_constituency: signatures not an integer, "
              "the row left out: \"x\""
              " | [0] petition 700001, table signatures_by_constituency: a row without signatures, "
              "left out (position): \"5\"");
    if (n == 1) {
        struct record *r = recs[0];
        CHECK(r->n_extras == 0 && r->grievances == NULL);
        CHECK_INT(r->n_signatures_by_constituency, 2);
        if (r->n_signatures_by_constituency == 2) {
            CHECK_STR(r->signatures_by_constituency[0].name, "Cardiff East");
            CHECK_STR(r->signatures_by_constituency[0].mp, "Jo Stevens MP");
            CHECK(r->signatures_by_constituency[0].code == NULL);
            CHECK_INT(r->signatures_by_constituency[0].count, 4);
            CHECK_STR(r->signatures_by_constituency[1].name, "Falkirk");
            CHECK(r->signatures_by_constituency[1].mp == NULL);
            CHECK_INT(r->signatures_by_constituency[1].count, 7);
        }
    }
    for (int i = 0; i < 4; i++)
        record_free(recs[i]);
    /* a table without a column every row needs is no table of those rows */
    make_db(path, "CREATE TABLE petitions (id TEXT);"
                  "CREATE TABLE signatures_by_constituency (petition_id, position, code, signatures);");
    CHECK_INT(read_all(path, recs, 4, &p, err, sizeof err), -1);
    CHECK_STR(err, "table signatures_by_constituency has no column name");
}

/* Ids that are numbers are ordered as SQLite orders them (numbers before
 * text), so each petition still gets its rows. */
static void test_number_ids(void)
{
    clear_tmp();
    char err[512];
    struct problems p;
    struct record *recs[4] = {NULL};
    const char *path = in_tmp("n.db");
    make_db(path, "CREATE TABLE petitions (id INTEGER);"
                  "INSERT INTO petitions VALUES (10), (5), ('e-1');"
                  "CREATE TABLE grievances (petition_id, position, text);"
                  "INSERT INTO grievances VALUES (5, 1, 'five'), (10, 1, 'ten'), (10, 2, 'ten 2'),"
                  "  ('e-1', 1, 'e'), ('5', 1, 'five as text');");
    int n = read_all(path, recs, 4, &p, err, sizeof err);
    CHECK_INT(n, 3);
    CHECK_STR(err, "");
    if (n == 3) {
        CHECK_STR(recs[0]->id, "5");
        CHECK_INT(recs[0]->n_grievances, 1);           /* the text '5' is not the number 5 */
        CHECK_STR(recs[1]->id, "10");
        CHECK_INT(recs[1]->n_grievances, 2);
        CHECK_STR(recs[1]->n_grievances ? recs[1]->grievances[1] : NULL, "ten 2");
        CHECK_STR(recs[2]->id, "e-1");
        CHECK_INT(recs[2]->n_grievances, 1);
    }
    CHECK_STR(p.text, "[0] petition 5, table grievances: a row for a petition that is not in "
                      "petitions, left out: \"5\"");
    for (int i = 0; i < 4; i++)
        record_free(recs[i]);
}

/* ---- the long-format CSV files ---- */

static void test_csv(void)
{
    clear_tmp();
    char err[512], files[512];
    struct tidy_layout *layout = tidy_layout_new();
    const char *dir = in_tmp("out");
    struct tidy_csv *w = tidy_csv_open(layout, dir, err, sizeof err);
    CHECK(w != NULL);
    struct record *a = full_record(), *b = bare_record("e-3"), *uk = uk_record();
    CHECK_INT(tidy_csv_add(w, a), 0);
    CHECK_INT(tidy_csv_add(w, b), 0);
    CHECK_INT(tidy_csv_add(w, uk), 0);
    CHECK_INT(tidy_csv_commit(w), 0);
    tidy_csv_free(w);
    size_t len;
    char *text = check_read_file(in_tmp("out/responses.csv"), &len);
    CHECK_STR(text, "petition_id,position,responder,department,signed_by,signature,text\n"
                    "e-2,1,Minister of Health,Health,Jane Roe,JANE ROE,First answer.\n"
                    "e-2,2,Minister of Justice,,,,Second answer.\n");
    free(text);
    text = check_read_file(in_tmp("out/signatures_by_province.csv"), &len);
    CHECK_STR(text, "petition_id,province,signatures\ne-2,Alberta,12\ne-2,Quebec,0\n");
    free(text);
    text = check_read_file(in_tmp("out/signatures_by_constituency.csv"), &len);
    CHECK_STR(text, "petition_id,position,name,code,mp,signatures\n"
                    "700001,1,Edinburgh East and Musselburgh,S14000107,Chris Murray MP,1840\n"
                    "700001,2,Cardiff East,,,0\n700001,3,Cardiff East,W07000080,,5\n");
    free(text);
    text = check_read_file(in_tmp("out/signatures_by_country.csv"), &len);
    CHECK_STR(text, "petition_id,country,signatures\n700001,France,40\n700001,United Kingdom,12501\n");
    free(text);
    text = check_read_file(in_tmp("out/signatures_by_region.csv"), &len);
    CHECK_STR(text, "petition_id,region,signatures\n700001,Wales,990\n");
    free(text);
    text = check_read_file(in_tmp("out/topics.csv"), &len);
    CHECK_STR(text, "petition_id,position,text\n700001,1,health\n");
    free(text);
    text = check_read_file(in_tmp("out/grievances.csv"), &len);
    CHECK_STR(text, "petition_id,position,text\ne-2,1,one\ne-2,2,\n");
    free(text);
    text = check_read_file(in_tmp("out/petitions.csv"), &len);
    CHECK(text && strncmp(text, "id,url,kind,parliament_of,topic,", 32) == 0);
    CHECK(text && strstr(text, "\ne-2,,e-petition,,Health,") != NULL);   /* no parliament_of set */
    CHECK(text && strstr(text, ",43,0,") != NULL);     /* parliament, session */
    CHECK(text && strstr(text, ",false,true,") != NULL); /* late, overdue */
    CHECK(text && strstr(text, "\"Whereas one;\nWhereas two, \"\"quoted\"\".\"") != NULL);
    free(text);

    /* a folder that is a file; a failure after the folder was made leaves none */
    const char *file = in_tmp("plain");
    FILE *f = fopen(file, "wb");
    fclose(f);
    CHECK(tidy_csv_open(layout, file, err, sizeof err) == NULL);
    char want[600];
    snprintf(want, sizeof want, "cannot write '%s' (Not a directory)", file);
    CHECK_STR(err, want);
    w = tidy_csv_open(layout, in_tmp("new"), err, sizeof err);
    CHECK_INT(tidy_csv_add(w, a), 0);
    tidy_csv_free(w);                                   /* never committed */
    listing(files, sizeof files);
    CHECK_STR(files, "out plain");
    record_free(a);
    record_free(b);
    record_free(uk);
    tidy_layout_free(layout);
}

int main(void)
{
    if (!mkdtemp(tmpdir)) {
        printf("not ok - cannot make a temporary folder\n");
        return 1;
    }
    test_layout();
    test_header();
    test_round_trip();
    test_write_failures();
    test_stopped();
    test_open_failures();
    test_hand_made();
    test_hand_made_constituencies();
    test_number_ids();
    test_csv();
    clear_tmp();
    rmdir(tmpdir);
    return check_done();
}
