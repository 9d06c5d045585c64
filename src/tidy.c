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

static const struct {
    const char *name;
    size_t offset;
} response_fields[] = {
#define RESPONSE_FIELD_ROW(name) {#name, offsetof(struct record_response, name)},
    RECORD_RESPONSE_FIELDS(RESPONSE_FIELD_ROW)
#undef RESPONSE_FIELD_ROW
};

const char *tidy_response_field_name(int member)
{
    return response_fields[member].name;
}

const char **tidy_response_member(struct record_response *r, int member)
{
    return (const char **)(void *)((char *)r + response_fields[member].offset);
}

static bool is_scalar(enum record_kind kind)
{
    return kind != RECORD_LIST && kind != RECORD_RESPONSES && kind != RECORD_COUNTS;
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

static bool add_records_table(struct tidy_layout *layout)
{
    struct tidy_table *t = add_table(layout, TIDY_RECORDS_TABLE, TIDY_RECORDS, -1, RECORD_N_FIELDS);
    if (!t)
        return false;
    for (int f = 0; f < RECORD_N_FIELDS; f++) {
        const struct record_field *d = &record_fields[f];
        if (!is_scalar(d->kind))
            continue;
        enum tidy_type type = d->kind == RECORD_INTEGER ? TIDY_INTEGER
                              : d->kind == RECORD_BOOLEAN ? TIDY_BOOLEAN : TIDY_TEXT;
        bool id = f == RECORD_FIELD_id;
        t->columns[t->n_columns++] = column(d->name, type, id, id, f);
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

static bool add_field_table(struct tidy_layout *layout, int f)
{
    const struct record_field *d = &record_fields[f];
    if (d->kind == RECORD_COUNTS)
        return add_counts_table(layout, f);
    bool responses = d->kind == RECORD_RESPONSES;
    size_t n = 2 + (responses ? TIDY_N_RESPONSE_FIELDS : 1);
    struct tidy_table *t = add_table(layout, d->name, responses ? TIDY_RESPONSES : TIDY_LIST, f, n);
    if (!t)
        return false;
    t->columns[0] = column(TIDY_ID_COLUMN, TIDY_TEXT, true, true, -1);
    t->columns[1] = column("position", TIDY_INTEGER, true, true, -1);
    if (responses)
        for (int m = 0; m < TIDY_N_RESPONSE_FIELDS; m++)
            t->columns[2 + m] = column(response_fields[m].name, TIDY_TEXT, false, false, m);
    else
        t->columns[2] = column("text", TIDY_TEXT, false, true, -1);
    t->n_columns = n;
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
        if (!is_scalar(record_fields[f].kind))
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
    default:
        return string_cell(*(const char *const *)at);
    }
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
    const void *array = *(const void *const *)((const char *)rec + record_fields[t->field].offset);
    switch (t->shape) {
    case TIDY_LIST:
        return col == 1 ? number_cell((long)row + 1) : string_cell(((const char *const *)array)[row]);
    case TIDY_RESPONSES: {
        if (col == 1)
            return number_cell((long)row + 1);
        struct record_response *r = (struct record_response *)array + row;
        return string_cell(*tidy_response_member(r, t->columns[col].member));
    }
    default: {
        const struct record_count *c = (const struct record_count *)array + row;
        return col == 1 ? string_cell(c->name) : number_cell(c->count);
    }
    }
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
    default:
        return csvw_field(file, cell.string, strlen(cell.string));
    }
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
