/* tidy.c — the record schema as tables (tidy.h): the layout made from
 * record_fields[], the cells of a record, and the long-format CSV files. */
#include "tidy.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvio.h"

#define ERROR_SIZE 512

/* ---------------------------------------------------------------- layout */

bool tidy_is_scalar(enum record_kind kind)
{
    switch (kind) {
    case RECORD_STRING:
    case RECORD_DATE:
    case RECORD_DATETIME:
    case RECORD_INTEGER:
    case RECORD_BOOLEAN:
        return true;
    case RECORD_LIST:
    case RECORD_COUNTS:
    case RECORD_RESPONSES:
    case RECORD_CONSTITUENCIES:
        return false;
    }
    return false;
}

/* The members of a row, named as the keys of the Lua table of a row
 * (l_page.c pushes them so): a response's fields, and a constituency's
 * name, code, mp and signatures. */
static const struct tidy_member response_members[] = {
#define RESPONSE_MEMBER(name) {#name, TIDY_TEXT, false, offsetof(struct record_response, name)},
    RECORD_RESPONSE_FIELDS(RESPONSE_MEMBER)
#undef RESPONSE_MEMBER
};

static const struct tidy_member constituency_members[] = {
    {"name", TIDY_TEXT, true, offsetof(struct record_constituency, name)},
    {"code", TIDY_TEXT, false, offsetof(struct record_constituency, code)},
    {"mp", TIDY_TEXT, false, offsetof(struct record_constituency, mp)},
    {"signatures", TIDY_INTEGER, true, offsetof(struct record_constituency, count)},
};

#define N_OF(a) (sizeof (a) / sizeof (a)[0])

static const struct tidy_rows responses_rows = {
    sizeof(struct record_response), response_members, N_OF(response_members), "a list of responses",
};
static const struct tidy_rows constituencies_rows = {
    sizeof(struct record_constituency), constituency_members, N_OF(constituency_members),
    "a list of constituency rows",
};

const struct tidy_rows *tidy_rows_of(enum record_kind kind)
{
    switch (kind) {
    case RECORD_RESPONSES:
        return &responses_rows;
    case RECORD_CONSTITUENCIES:
        return &constituencies_rows;
    case RECORD_STRING:
    case RECORD_DATE:
    case RECORD_DATETIME:
    case RECORD_INTEGER:
    case RECORD_BOOLEAN:
    case RECORD_LIST:
    case RECORD_COUNTS:
        return NULL;
    }
    return NULL;
}

void *tidy_member_at(const struct tidy_rows *rows, void *array, size_t row, size_t member)
{
    return (char *)array + row * rows->size + rows->members[member].offset;
}

void tidy_member_clear(const struct tidy_rows *rows, void *array, size_t row, size_t member)
{
    void *at = tidy_member_at(rows, array, row, member);
    switch (rows->members[member].type) {
    case TIDY_TEXT:
        *(const char **)at = NULL;
        break;
    case TIDY_INTEGER:
        *(long *)at = RECORD_NO_INT;
        break;
    case TIDY_BOOLEAN:
        *(int *)at = RECORD_NO_BOOL;
        break;
    }
}

const char **tidy_response_member(struct record_response *r, int member)
{
    return tidy_member_at(&responses_rows, r, 0, (size_t)member);
}

static struct tidy_column column(const char *name, enum tidy_type type, bool key, bool required,
                                 int member)
{
    return (struct tidy_column){name, type, key, required, member};
}

/* A new table with room for n columns, or NULL. */
static struct tidy_table *add_table(struct tidy_layout *layout, const char *name,
                                    enum tidy_shape shape, int field, size_t n)
{
    struct tidy_table *t = &layout->tables[layout->n_tables];
    t->columns = calloc(n, sizeof *t->columns);
    if (!t->columns)
        return NULL;
    layout->n_tables++;
    t->name = name;
    t->shape = shape;
    t->field = field;
    return t;
}

static const char *own(struct tidy_layout *layout, char *s)
{
    if (s)
        layout->owned[layout->n_owned++] = s;
    return s;
}

/* The type of the column of a field of a scalar kind. */
static enum tidy_type column_type(enum record_kind kind)
{
    switch (kind) {
    case RECORD_INTEGER:
        return TIDY_INTEGER;
    case RECORD_BOOLEAN:
        return TIDY_BOOLEAN;
    case RECORD_STRING:
    case RECORD_DATE:
    case RECORD_DATETIME:
    case RECORD_LIST:
    case RECORD_COUNTS:
    case RECORD_RESPONSES:
    case RECORD_CONSTITUENCIES:
        break;                          /* text; only scalar kinds have a column */
    }
    return TIDY_TEXT;
}

static bool add_records_table(struct tidy_layout *layout)
{
    struct tidy_table *t = add_table(layout, TIDY_RECORDS_TABLE, TIDY_RECORDS, -1, RECORD_N_FIELDS);
    if (!t)
        return false;
    for (int f = 0; f < RECORD_N_FIELDS; f++) {
        const struct record_field *d = &record_fields[f];
        if (!tidy_is_scalar(d->kind))
            continue;
        bool id = f == RECORD_FIELD_id;
        t->columns[t->n_columns++] = column(d->name, column_type(d->kind), id, id, f);
    }
    return true;
}

/* A counts field "COUNT_by_NAME" names its columns NAME and COUNT
 * (signatures_by_province: province, signatures); any other, name and count. */
static bool add_counts_table(struct tidy_layout *layout, int f)
{
    const char *field = record_fields[f].name;
    const char *by = strstr(field, "_by_");
    const char *count = "count", *name = "name";
    if (by && by > field && by[4] != '\0') {
        count = own(layout, strndup(field, (size_t)(by - field)));
        name = own(layout, strdup(by + 4));
        if (!count || !name)
            return false;
    }
    struct tidy_table *t = add_table(layout, field, TIDY_COUNTS, f, 3);
    if (!t)
        return false;
    t->columns[0] = column(TIDY_ID_COLUMN, TIDY_TEXT, true, true, -1);
    t->columns[1] = column(name, TIDY_TEXT, true, true, -1);
    t->columns[2] = column(count, TIDY_INTEGER, false, true, -1);
    t->n_columns = 3;
    return true;
}

static bool add_list_table(struct tidy_layout *layout, int f)
{
    struct tidy_table *t = add_table(layout, record_fields[f].name, TIDY_LIST, f, 3);
    if (!t)
        return false;
    t->columns[0] = column(TIDY_ID_COLUMN, TIDY_TEXT, true, true, -1);
    t->columns[1] = column("position", TIDY_INTEGER, true, true, -1);
    t->columns[2] = column("text", TIDY_TEXT, false, true, -1);
    t->n_columns = 3;
    return true;
}

/* petition_id, position, then a column per member of a row. */
static bool add_rows_table(struct tidy_layout *layout, int f, const struct tidy_rows *rows)
{
    struct tidy_table *t = add_table(layout, record_fields[f].name, TIDY_ROWS, f, 2 + rows->n_members);
    if (!t)
        return false;
    t->rows = rows;
    t->columns[0] = column(TIDY_ID_COLUMN, TIDY_TEXT, true, true, -1);
    t->columns[1] = column("position", TIDY_INTEGER, true, true, -1);
    for (size_t m = 0; m < rows->n_members; m++)
        t->columns[2 + m] = column(rows->members[m].name, rows->members[m].type, false,
                                   rows->members[m].required, (int)m);
    t->n_columns = 2 + rows->n_members;
    return true;
}

static bool add_field_table(struct tidy_layout *layout, int f)
{
    enum record_kind kind = record_fields[f].kind;
    switch (kind) {
    case RECORD_LIST:
        return add_list_table(layout, f);
    case RECORD_COUNTS:
        return add_counts_table(layout, f);
    case RECORD_RESPONSES:
    case RECORD_CONSTITUENCIES:
        return add_rows_table(layout, f, tidy_rows_of(kind));
    case RECORD_STRING:
    case RECORD_DATE:
    case RECORD_DATETIME:
    case RECORD_INTEGER:
    case RECORD_BOOLEAN:
        break;                          /* columns of petitions */
    }
    return true;
}

struct tidy_layout *tidy_layout_new(void)
{
    struct tidy_layout *layout = calloc(1, sizeof *layout);
    if (!layout)
        return NULL;
    layout->tables = calloc(RECORD_N_FIELDS + 1, sizeof *layout->tables);
    layout->owned = calloc(2 * RECORD_N_FIELDS, sizeof *layout->owned);
    bool ok = layout->tables && layout->owned && add_records_table(layout);
    for (int f = 0; ok && f < RECORD_N_FIELDS; f++)
        ok = add_field_table(layout, f);
    if (!ok) {
        tidy_layout_free(layout);
        return NULL;
    }
    return layout;
}

void tidy_layout_free(struct tidy_layout *layout)
{
    if (!layout)
        return;
    for (size_t i = 0; layout->tables && i < layout->n_tables; i++)
        free(layout->tables[i].columns);
    for (size_t i = 0; i < layout->n_owned; i++)
        free(layout->owned[i]);
    free(layout->tables);
    free(layout->owned);
    free(layout);
}

const struct tidy_table *tidy_table_named(const struct tidy_layout *layout, const char *name)
{
    for (size_t i = 0; i < layout->n_tables; i++)
        if (strcmp(layout->tables[i].name, name) == 0)
            return &layout->tables[i];
    return NULL;
}

int tidy_column_index(const struct tidy_table *t, const char *name)
{
    for (size_t c = 0; c < t->n_columns; c++)
        if (strcmp(t->columns[c].name, name) == 0)
            return (int)c;
    return -1;
}

/* ---------------------------------------------------------------- cells */

static struct tidy_cell number_cell(long n)
{
    return (struct tidy_cell){TIDY_NUMBER, n, NULL};
}

static struct tidy_cell string_cell(const char *s)
{
    return (struct tidy_cell){s ? TIDY_STRING : TIDY_NONE, 0, s};
}

static struct tidy_cell field_cell(const struct record *rec, int f)
{
    const char *at = (const char *)rec + record_fields[f].offset;
    if (!record_has(rec, f))
        return string_cell(NULL);
    switch (record_fields[f].kind) {
    case RECORD_INTEGER:
        return number_cell(*(const long *)at);
    case RECORD_BOOLEAN:
        return number_cell(*(const int *)at != 0);
    case RECORD_STRING:
    case RECORD_DATE:
    case RECORD_DATETIME:
        return string_cell(*(const char *const *)at);
    case RECORD_LIST:
    case RECORD_COUNTS:
    case RECORD_RESPONSES:
    case RECORD_CONSTITUENCIES:
        break;                          /* tables of their own, never a column of petitions */
    }
    return string_cell(NULL);
}

static struct tidy_cell member_cell(const struct tidy_table *t, void *array, size_t row, size_t col)
{
    int m = t->columns[col].member;
    const void *at = tidy_member_at(t->rows, array, row, (size_t)m);
    switch (t->rows->members[m].type) {
    case TIDY_INTEGER: {
        long n = *(const long *)at;
        return n == RECORD_NO_INT ? string_cell(NULL) : number_cell(n);
    }
    case TIDY_BOOLEAN: {
        int b = *(const int *)at;
        return b == RECORD_NO_BOOL ? string_cell(NULL) : number_cell(b != 0);
    }
    case TIDY_TEXT:
        break;
    }
    return string_cell(*(const char *const *)at);
}

size_t tidy_n_rows(const struct tidy_table *t, const struct record *rec)
{
    if (t->shape == TIDY_RECORDS)
        return 1;
    return *(const size_t *)((const char *)rec + record_fields[t->field].count_offset);
}

struct tidy_cell tidy_cell(const struct tidy_table *t, const struct record *rec, size_t row,
                           size_t col)
{
    if (t->shape == TIDY_RECORDS)
        return field_cell(rec, t->columns[col].member);
    if (col == 0)
        return string_cell(rec->id);
    void *array = *(void *const *)((const char *)rec + record_fields[t->field].offset);
    switch (t->shape) {
    case TIDY_LIST:
        return col == 1 ? number_cell((long)row + 1) : string_cell(((const char *const *)array)[row]);
    case TIDY_COUNTS: {
        const struct record_count *c = (const struct record_count *)array + row;
        return col == 1 ? string_cell(c->name) : number_cell(c->count);
    }
    case TIDY_ROWS:
        return col == 1 ? number_cell((long)row + 1) : member_cell(t, array, row, col);
    case TIDY_RECORDS:
        break;
    }
    return string_cell(NULL);
}

/* ---------------------------------------------------------------- CSV files */

struct tidy_csv {
    const struct tidy_layout *layout;
    struct csv_writer **files;          /* one per table, in layout order */
    char *dir;
    bool made_dir;                      /* the folder was made here */
    bool committed;
    char error[ERROR_SIZE];
};

static int csv_failed(struct tidy_csv *w, struct csv_writer *file)
{
    snprintf(w->error, sizeof w->error, "%s", csvw_error(file));
    return -1;
}

/* The folder, made when it is not there: 0, or -1 with the message in err. */
static int make_folder(struct tidy_csv *w, char *err, size_t errlen)
{
    struct stat st;
    if (mkdir(w->dir, 0777) == 0) {
        w->made_dir = true;
        return 0;
    }
    int e = errno;
    if (e == EEXIST && stat(w->dir, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    snprintf(err, errlen, "cannot write '%s' (%s)", w->dir, strerror(e == EEXIST ? ENOTDIR : e));
    return -1;
}

static int write_header(struct tidy_csv *w, struct csv_writer *file, const struct tidy_table *t)
{
    for (size_t c = 0; c < t->n_columns; c++)
        if (csvw_field(file, t->columns[c].name, strlen(t->columns[c].name)) != 0)
            return csv_failed(w, file);
    return csvw_end_row(file) != 0 ? csv_failed(w, file) : 0;
}

struct tidy_csv *tidy_csv_open(const struct tidy_layout *layout, const char *dir, char *err,
                               size_t errlen)
{
    struct tidy_csv *w = calloc(1, sizeof *w);
    if (w) {
        w->layout = layout;
        w->dir = strdup(dir);
        w->files = calloc(layout->n_tables, sizeof *w->files);
    }
    if (!w || !w->dir || !w->files) {
        snprintf(err, errlen, "cannot write '%s' (out of memory)", dir);
        tidy_csv_free(w);
        return NULL;
    }
    if (make_folder(w, err, errlen) != 0) {
        tidy_csv_free(w);
        return NULL;
    }
    size_t dlen = strlen(dir);
    const char *sep = dlen > 0 && dir[dlen - 1] == '/' ? "" : "/";
    for (size_t i = 0; i < layout->n_tables; i++) {
        char path[4096];
        if ((size_t)snprintf(path, sizeof path, "%s%s%s.csv", dir, sep, layout->tables[i].name) >=
            sizeof path) {
            snprintf(err, errlen, "cannot write '%s' (%s)", dir, strerror(ENAMETOOLONG));
            tidy_csv_free(w);
            return NULL;
        }
        w->files[i] = csvw_open(path, NULL, err, errlen);
        if (!w->files[i] || write_header(w, w->files[i], &layout->tables[i]) != 0) {
            if (w->files[i])
                snprintf(err, errlen, "%s", w->error);
            tidy_csv_free(w);
            return NULL;
        }
    }
    return w;
}

/* One cell as CSV text: digits, true/false, or the string; "" when missing. */
static int write_cell(struct csv_writer *file, const struct tidy_column *c, struct tidy_cell cell)
{
    char digits[32];
    switch (cell.is) {
    case TIDY_NONE:
        return csvw_field(file, "", 0);
    case TIDY_NUMBER:
        if (c->type == TIDY_BOOLEAN)
            return cell.number ? csvw_field(file, "true", 4) : csvw_field(file, "false", 5);
        return csvw_field(file, digits, (size_t)snprintf(digits, sizeof digits, "%ld", cell.number));
    case TIDY_STRING:
        break;
    }
    return csvw_field(file, cell.string, strlen(cell.string));
}

int tidy_csv_add(struct tidy_csv *w, const struct record *rec)
{
    for (size_t i = 0; i < w->layout->n_tables; i++) {
        const struct tidy_table *t = &w->layout->tables[i];
        size_t rows = tidy_n_rows(t, rec);
        for (size_t row = 0; row < rows; row++) {
            for (size_t c = 0; c < t->n_columns; c++)
                if (write_cell(w->files[i], &t->columns[c], tidy_cell(t, rec, row, c)) != 0)
                    return csv_failed(w, w->files[i]);
            if (csvw_end_row(w->files[i]) != 0)
                return csv_failed(w, w->files[i]);
        }
    }
    return 0;
}

int tidy_csv_commit(struct tidy_csv *w)
{
    for (size_t i = 0; i < w->layout->n_tables; i++) {
        if (csvw_close(w->files[i]) != 0) {
            csv_failed(w, w->files[i]);
            for (size_t j = i + 1; j < w->layout->n_tables; j++)
                csvw_discard(w->files[j]);
            return -1;
        }
    }
    w->committed = true;
    return 0;
}

void tidy_csv_free(struct tidy_csv *w)
{
    if (!w)
        return;
    for (size_t i = 0; w->files && i < w->layout->n_tables; i++)
        csvw_free(w->files[i]);
    if (w->made_dir && !w->committed)
        rmdir(w->dir);                  /* only when empty: a committed file stays */
    free(w->files);
    free(w->dir);
    free(w);
}

const char *tidy_csv_error(const struct tidy_csv *w)
{
    return w->error;
}
