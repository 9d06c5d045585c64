/* csvio.h — CSV in and out (RFC 4180), over libcsv. A C core: no Lua here.
 *
 * Reading is streamed: the file is fed to libcsv in blocks (64 KiB by default)
 * and rows are handed out one at a time, so memory stays near one block plus
 * the longest row, whatever the size of the file. Quotes, separators and line
 * breaks inside quoted fields, a UTF-8 BOM and CRLF line ends are handled
 * without the caller knowing. Blank lines are skipped. A bare quote inside an
 * unquoted field (5" screen) is kept as a character, as most readers do.
 *
 * Every error message names the file and, for data, the 1-based line:
 *   "data.csv:12: unclosed quote"                (line of the opening quote)
 *   "data.csv:4: text after a closing quote"     (line of that text)
 *   "data.csv:9: row has 4 fields, header has 3" (line where the row starts)
 *   "data.csv: No such file or directory"
 *
 * Writing quotes a field when it holds the separator, a quote, CR or LF, and
 * doubles its quotes. The rows go to an output file (outfile.h): a regular
 * file (or a new path) is written whole or not at all, through a temporary
 * file renamed over it by csvw_close(); anything else ("-" for stdout, a
 * pipe, a device, a FIFO) is written directly. Write errors read
 * "cannot write 'out.csv' (No space left on device)". */
#ifndef PETLUA_CSVIO_H
#define PETLUA_CSVIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define CSVIO_BLOCK_SIZE (64 * 1024)

/* ---- Reading ---- */

struct csvr_options {
    char sep;            /* field separator; 0 means ',' */
    size_t block_size;   /* bytes read at a time; 0 means CSVIO_BLOCK_SIZE */
    size_t max_fields;   /* a longer row is an error; 0: no limit (see csvr_set_max_fields) */
};

/* One row, valid until the next csvr_next() or csvr_close(). Each field is
 * len[i] bytes at field[i], followed by a NUL that is not part of it. */
struct csv_row {
    size_t n;
    const char *const *field;
    const size_t *len;
    long line;           /* 1-based line where the row starts */
};

struct csv_reader;

/* Opens path for reading ("-": standard input, named "stdin" in messages).
 * Returns NULL with a message in err when the file cannot be opened or memory
 * runs out. */
struct csv_reader *csvr_open(const char *path, const struct csvr_options *opt,
                             char *err, size_t errlen);
/* Reads from an open stream; name is used in messages. The stream is not
 * closed by csvr_close(). */
struct csv_reader *csvr_open_stream(FILE *fp, const char *name,
                                    const struct csvr_options *opt,
                                    char *err, size_t errlen);
/* Rows after this call may hold at most n fields (0: no limit). Used once the
 * header has been read. */
void csvr_set_max_fields(struct csv_reader *r, size_t n);
/* The next row: 1 and *row filled, 0 at the end of the data, -1 on an error
 * (csvr_error() says which; every later call returns -1 too). */
int csvr_next(struct csv_reader *r, struct csv_row *row);
/* The message of the last error, "file:line: message", or "" when none. */
const char *csvr_error(const struct csv_reader *r);
/* The name given for messages. */
const char *csvr_name(const struct csv_reader *r);
/* Closes the file (unless it was given open) and frees everything; NULL is fine. */
void csvr_close(struct csv_reader *r);

/* ---- Writing ---- */

struct csvw_options {
    char sep;            /* field separator; 0 means ',' */
    bool crlf;           /* end lines with CRLF instead of LF */
    bool fsync;          /* fsync a regular file before renaming it into place */
};

struct csv_writer;

/* Opens path for writing: "-" is standard output (named "stdout" in messages);
 * a regular file, or a path that does not exist yet, is written through a
 * temporary file beside it (a symbolic link is followed to its target); any
 * other existing file (FIFO, device) is opened and written directly. Returns
 * NULL with a message in err when that fails. */
struct csv_writer *csvw_open(const char *path, const struct csvw_options *opt,
                             char *err, size_t errlen);
/* Writes to an open stream (flushed first, then written through its file
 * descriptor); name is used in messages. csvw_close() flushes but does not
 * close it. */
struct csv_writer *csvw_open_stream(FILE *fp, const char *name,
                                    const struct csvw_options *opt,
                                    char *err, size_t errlen);
/* Writes to a file descriptor, which csvw_close() leaves open. */
struct csv_writer *csvw_open_fd(int fd, const char *name, const struct csvw_options *opt,
                                char *err, size_t errlen);
/* Appends one field to the current row, quoting it when needed. */
int csvw_field(struct csv_writer *w, const char *s, size_t len);
/* Ends the current row. */
int csvw_end_row(struct csv_writer *w);
/* A whole row at once: n fields. */
int csvw_row(struct csv_writer *w, size_t n, const char *const *field, const size_t *len);
/* Writes out what is buffered. */
int csvw_flush(struct csv_writer *w);
/* Bytes as they are (a byte-order mark before the header). */
int csvw_bytes(struct csv_writer *w, const char *s, size_t n);
/* The functions above return 0, or -1 once a write has failed: the error
 * sticks, and csvw_error() gives "cannot write 'out.csv' (No space left on device)". */
const char *csvw_error(const struct csv_writer *w);
/* The name given for messages (the path, or "standard output"). */
const char *csvw_name(const struct csv_writer *w);
/* Flushes and closes; for a regular file, renames the temporary file over the
 * target. Returns 0, or -1 (message in csvw_error(), temporary file removed,
 * the old file untouched). Frees nothing: call csvw_free() after. */
int csvw_close(struct csv_writer *w);
/* Abandons the output: a temporary file is removed and the target left as it
 * was; direct output is flushed as far as it goes. */
void csvw_discard(struct csv_writer *w);
/* Discards (unless closed) and frees; NULL is fine. */
void csvw_free(struct csv_writer *w);

/* The libcsv version this was built with, e.g. "3.0.3". */
const char *csvio_libcsv_version(void);

#endif
