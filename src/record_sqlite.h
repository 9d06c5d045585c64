/* record_sqlite.h — petition records in one SQLite database, through
 * libsqlite3: written from records, read back into records (record.h).
 * A C core: no Lua here.
 *
 * The tables are those of the tidy layout (tidy.h), made from the schema
 * table: petitions (one row per record, the scalar fields typed: TEXT,
 * INTEGER, booleans INTEGER 0/1, missing NULL; primary key id), then one
 * table per field of a list, counts or rows kind (grievances, keywords,
 * responses, signatures_by_province, topics, signatures_by_country,
 * signatures_by_region, signatures_by_constituency), each row's petition_id
 * a foreign key to petitions(id). Besides them:
 *   meta             name, value: petlua_version, full_text_search, and what
 *                    the caller adds (as_of, one source row per path loaded)
 *   indexes          on petitions' department, topic, presented and
 *                    parliament, and responses' department, where the
 *                    layout has those columns
 *   petitions_fts    FTS5 over petitions' text and response_text (accents
 *                    folded), an external content table (content="petitions",
 *                    the form Datasette looks for): `... WHERE rowid IN
 *                    (SELECT rowid FROM petitions_fts WHERE petitions_fts
 *                    MATCH 'water')`; left out (meta full_text_search =
 *                    "none") where libsqlite3 has no FTS5
 *
 * Writing is whole or not at all: the database is made in a temporary file
 * beside the target (outfile.h: "TARGET.XXXXXX", a symbolic link followed,
 * the old file's permissions kept), in one transaction with no journal,
 * and renamed over the target by record_sqlite_commit. Anything but a
 * regular file or a new path (standard output, a FIFO) is refused.
 *
 * Reading takes what is there: petitions (its id column required), each
 * child table the layout names (absent: the field is missing), columns by
 * name; a petitions column outside the schema is kept as a string
 * (record->extras), one named as a field with a table of its own is left
 * out (reported), a child table's unknown columns are passed over; a child
 * row without a value its table requires (a constituency's name or count)
 * is left out (reported). Values
 * are those written (the derived fields included); response_text, when
 * absent, is the responses' texts joined. The database is opened read-only
 * and defensively (no views, no triggers, an untrusted schema), so a file
 * someone sent cannot run anything or hang the load. */
#ifndef PETLUA_RECORD_SQLITE_H
#define PETLUA_RECORD_SQLITE_H

#include <stdbool.h>
#include <stddef.h>

#include "record.h"

/* Do the first bytes of a file say it is an SQLite database
 * ("SQLite format 3\0": 16 bytes)? */
bool record_sqlite_is_header(const char *head, size_t len);

/* "SQLite 3.40.1 (FTS5)". */
const char *record_sqlite_version(void);

/* ---- writing ----
 *   w = record_sqlite_create(path, err, errlen);    NULL: err says why
 *   record_sqlite_meta(w, name, value) ...; record_sqlite_add(w, rec) ...
 *   record_sqlite_commit(w); record_sqlite_free(w);
 * Each returns 0, or -1 with the message in record_sqlite_error: "cannot
 * write 'PATH' (reason)"; after a failure every later call fails too, and
 * record_sqlite_free (without a successful commit) removes the temporary
 * file and leaves the target as it was. */
struct record_sqlite_writer;
struct record_sqlite_writer *record_sqlite_create(const char *path, char *err, size_t errlen);
int record_sqlite_meta(struct record_sqlite_writer *w, const char *name, const char *value);
int record_sqlite_add(struct record_sqlite_writer *w, const struct record *rec);
int record_sqlite_commit(struct record_sqlite_writer *w);
void record_sqlite_free(struct record_sqlite_writer *w);
/* stop(ud) is asked now and then while the database is written (every few
 * thousand SQLite steps, within the long ones of the commit too: the
 * indexes, the full-text index); when it returns nonzero the write stops
 * and fails ("interrupted"). For a deadline. */
void record_sqlite_set_stop(struct record_sqlite_writer *w, int (*stop)(void *ud), void *ud);
const char *record_sqlite_error(const struct record_sqlite_writer *w);

/* ---- reading ----
 *   r = record_sqlite_open(path, err, errlen);     NULL: cannot open, not a
 *                                                  database of records (err)
 *   while ((rc = record_sqlite_next(r, &rec, problem, ud)) > 0) use rec
 *   rc 0: the end; -1: the database cannot be read further
 *   (record_sqlite_reader_error); -2: out of memory
 *   record_sqlite_close(r);
 * Records come in id order, each the caller's (record_free). problem(ud,
 * line, message) hears of each value that could not be read (the record is
 * kept without it: "petition e-1, column parliament: not an integer:
 * \"x\""), of a row without an id (skipped) and of a child row whose
 * petition is not in petitions (skipped); line is always 0. Messages name
 * no file: the caller adds it. */
struct record_sqlite_reader;
struct record_sqlite_reader *record_sqlite_open(const char *path, char *err, size_t errlen);
int record_sqlite_next(struct record_sqlite_reader *r, struct record **rec,
                       void (*problem)(void *ud, long line, const char *message), void *ud);
const char *record_sqlite_reader_error(const struct record_sqlite_reader *r);
void record_sqlite_close(struct record_sqlite_reader *r);

#endif
