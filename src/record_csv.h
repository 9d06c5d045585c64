/* record_csv.h — petition records in CSV: the columns set:to_csv writes, and
 * such a file read back into records (record.h). A C core: no Lua here.
 *
 * The columns are the schema's fields in schema order (record.h), with
 * `responses` spread over four columns in its place:
 *   responders          one line per response: its responder
 *   signers             one line per response: its signed_by
 *   signatures_printed  one line per response: its signature (as printed)
 *   response_departments  one line per response: its department (a UK
 *                       response names no minister: it is its department)
 * (a missing value is an empty line, so line i is always response i).
 * Cells: strings and dates as they are, an empty cell missing; integers as
 * digits; booleans true/false; a list one item per line; counts one
 * "Name=N" line each; constituency rows one "name<TAB>code<TAB>MP<TAB>N"
 * line each (an empty code or MP: missing; record strings hold no tab);
 * response_text the texts of the responses, in order,
 * joined by a blank line (a response without text is an empty part). Read
 * back, response_text is split into as many parts as there are responses,
 * so each response gets its own text back (exact: record texts never hold a
 * blank line, list items never a line break); a text with no other
 * response column is one response of that text. A column that is not the
 * schema's is kept as a string (record->extras). A file without a
 * parliament_of column was written before the UK's petitions were read:
 * its records are Canada's ("ca").
 *
 * A file is a CSV of records when its header starts with id,url,kind or
 * names every schema column, in any order. */
#ifndef PETLUA_RECORD_CSV_H
#define PETLUA_RECORD_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "record.h"

/* The columns, in order, and their number. */
extern const char *const record_csv_columns[];
extern const size_t record_csv_n_columns;

/* Is line (the first line of a file, its line end included or not) the
 * header of a CSV of records? */
bool record_csv_is_header(const char *line, size_t len);

/* A file of records read row by row (streamed through csvio).
 *   r = record_csv_open(path, err, errlen);   NULL: cannot open, not CSV,
 *                                             or no id column (err says)
 *   while ((rc = record_csv_next(r, &rec, problem, ud)) > 0) use rec
 *   rc 0: the end; -1: malformed CSV (record_csv_error says where);
 *   -2: out of memory
 *   record_csv_close(r);
 * Each record is the caller's, to be freed with record_free. problem(ud,
 * line, message) is told of each value that could not be read (the record
 * is kept without it, "column parliament: not an integer: \"x\"") and of
 * each row without an id (skipped: "no id: row skipped"). */
struct record_csv_reader;
struct record_csv_reader *record_csv_open(const char *path, char *err, size_t errlen);
int record_csv_next(struct record_csv_reader *r, struct record **rec,
                    void (*problem)(void *ud, long line, const char *message), void *ud);
const char *record_csv_error(const struct record_csv_reader *r);
void record_csv_close(struct record_csv_reader *r);

/* Decode ahead: from now on a thread of the reader's own reads and decodes
 * the next records (at most a few hundred ahead) while the caller uses the
 * previous ones, and record_csv_next hands out what it decoded: records,
 * problems (still told through the caller's problem function, on the
 * caller's thread) and the end, in the file's order, as without it. The
 * thread blocks every signal. record_csv_close stops it. Returns 0, or -1
 * when the thread cannot start (reading then goes on without it). */
int record_csv_read_ahead(struct record_csv_reader *r);

#endif
