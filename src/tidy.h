/* tidy.h — the record schema as tables, one value a cell: the layout the
 * SQLite database (record_sqlite.h) and the long-format CSV files share.
 * A C core: no Lua here.
 *
 * The layout is made from the schema table (record.h's record_fields[]),
 * never written out by hand, so a field added to RECORD_FIELDS appears in
 * the tables by itself:
 *   petitions     one row per record: every field of a scalar kind, in
 *                 schema order (STRING, DATE, DATETIME -> text; INTEGER ->
 *                 integer; BOOLEAN -> boolean, 0/1); key id
 *   a LIST field F          table F: petition_id, position, text
 *   a COUNTS field F        table F: petition_id, NAME, COUNT, where F is
 *                           "COUNT_by_NAME" (signatures_by_province:
 *                           province, signatures; signatures_by_country:
 *                           country, signatures), else name, count
 *   a field of rows F       table F: petition_id, position, then one column
 *     (RESPONSES,           per member of a row, named as the row's key in
 *     CONSTITUENCIES)       Lua (tidy_rows_of): responses: responder,
 *                           department, signed_by, signature, text;
 *                           signatures_by_constituency: name, code, mp,
 *                           signatures
 * Positions count from 1; the key of a list or rows table is (petition_id,
 * position): rows keep their order, and a constituency's name may come
 * twice in a record a script made. The key of a counts table is
 * (petition_id, NAME): a name is a key of the Lua table. Tables come in
 * that order: petitions, then the other fields in schema order.
 *
 * A kind added to record.h's enum record_kind is an error here until it
 * is given a place: every switch on a kind (tidy_is_scalar, tidy_rows_of,
 * the cells, the SQLite reader, the Lua binding) names every kind, with no
 * default, so -Wswitch names each one that does not. */
#ifndef PETLUA_TIDY_H
#define PETLUA_TIDY_H

#include <stdbool.h>
#include <stddef.h>

#include "record.h"

#define TIDY_RECORDS_TABLE "petitions"
#define TIDY_ID_COLUMN "petition_id"

enum tidy_shape { TIDY_RECORDS, TIDY_LIST, TIDY_COUNTS, TIDY_ROWS };
enum tidy_type { TIDY_TEXT, TIDY_INTEGER, TIDY_BOOLEAN };

/* Is a field of that kind a column of petitions (else a table of its own)? */
bool tidy_is_scalar(enum record_kind kind);

/* ---- fields whose value is a list of structs (rows) ---- */

struct tidy_member {          /* a member of the struct of a row */
    const char *name;         /* its column, and its key in the row's Lua table */
    enum tidy_type type;      /* TIDY_TEXT: a const char * (NULL: missing);
                               * TIDY_INTEGER: a long (RECORD_NO_INT: missing);
                               * TIDY_BOOLEAN: an int (RECORD_NO_BOOL: missing) */
    bool required;            /* never missing: a row without it is not read */
    size_t offset;            /* in the struct */
};

struct tidy_rows {
    size_t size;              /* of the struct of one row */
    const struct tidy_member *members;
    size_t n_members;
    const char *what;         /* the value, in messages: "a list of responses" */
};

/* The rows of a field of that kind (RESPONSES, CONSTITUENCIES), or NULL
 * for a kind whose value is no list of structs. */
const struct tidy_rows *tidy_rows_of(enum record_kind kind);
/* The member of a row (item row of the rows' array), to read or to set. */
void *tidy_member_at(const struct tidy_rows *rows, void *array, size_t row, size_t member);
/* That member set missing (NULL, RECORD_NO_INT, RECORD_NO_BOOL). */
void tidy_member_clear(const struct tidy_rows *rows, void *array, size_t row, size_t member);

struct tidy_column {
    const char *name;
    enum tidy_type type;
    bool key;                 /* part of the table's primary key */
    bool required;            /* never missing (NOT NULL) */
    int member;               /* TIDY_RECORDS: the schema field; TIDY_ROWS: the
                               * member of a row (rows->members), from column 2
                               * on; else -1 */
};

struct tidy_table {
    const char *name;
    enum tidy_shape shape;
    int field;                /* the schema field the rows come from; -1 for petitions */
    const struct tidy_rows *rows;  /* TIDY_ROWS: the struct of a row; else NULL */
    struct tidy_column *columns;
    size_t n_columns;
};

struct tidy_layout {
    struct tidy_table *tables;
    size_t n_tables;
    char **owned;             /* names made here (counts columns) */
    size_t n_owned;
};

/* The layout, or NULL when memory ran out; tidy_layout_free frees it (NULL
 * is fine). */
struct tidy_layout *tidy_layout_new(void);
void tidy_layout_free(struct tidy_layout *layout);
/* The table of that name, or NULL. */
const struct tidy_table *tidy_table_named(const struct tidy_layout *layout, const char *name);
/* The index of the column of that name in t, or -1. */
int tidy_column_index(const struct tidy_table *t, const char *name);

/* The fields of a response, by number (RECORD_RESPONSE_FIELDS order). */
#define TIDY_ONE_MORE(name) + 1
#define TIDY_N_RESPONSE_FIELDS (0 RECORD_RESPONSE_FIELDS(TIDY_ONE_MORE))
const char **tidy_response_member(struct record_response *r, int member);

/* ---- rows ---- */

/* One cell: missing, a number (integer; a boolean 0 or 1), or a string. */
struct tidy_cell {
    enum { TIDY_NONE, TIDY_NUMBER, TIDY_STRING } is;
    long number;
    const char *string;
};

/* How many rows of table t record rec gives (petitions: 1). */
size_t tidy_n_rows(const struct tidy_table *t, const struct record *rec);
/* Cell col of row row (< tidy_n_rows) of table t for rec. */
struct tidy_cell tidy_cell(const struct tidy_table *t, const struct record *rec, size_t row,
                           size_t col);

/* ---- long-format CSV files ---- */

/* One CSV file per table, DIR/TABLE.csv, each with a header line of the
 * table's columns, written through csvio (each file whole or not at all:
 * a temporary file beside it, renamed when the set is committed). Cells:
 * text as it is, integers as digits, booleans true/false, missing empty.
 *   w = tidy_csv_open(layout, dir, err, errlen);   the folder is made if it
 *                                                  is not there (one level)
 *   tidy_csv_add(w, rec) for each record; tidy_csv_commit(w); tidy_csv_free(w)
 * tidy_csv_add and tidy_csv_commit return 0, or -1 with the message in
 * tidy_csv_error ("cannot write 'DIR/responses.csv' (reason)"). Freeing
 * without a commit (or after a failed one) removes the temporary files, and
 * the folder if it was made here and is empty. The layout must outlive w. */
struct tidy_csv;
struct tidy_csv *tidy_csv_open(const struct tidy_layout *layout, const char *dir, char *err,
                               size_t errlen);
int tidy_csv_add(struct tidy_csv *w, const struct record *rec);
int tidy_csv_commit(struct tidy_csv *w);
void tidy_csv_free(struct tidy_csv *w);
const char *tidy_csv_error(const struct tidy_csv *w);

#endif
