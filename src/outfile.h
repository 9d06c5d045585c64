/* outfile.h — an output file written whole or not at all. A C core: no Lua.
 *
 * "-" is standard output. A regular file, or a path that does not exist yet,
 * is written through a temporary file beside it ("NAME.XXXXXX", made with
 * the permissions a new file gets, or those of the file it replaces; a
 * symbolic link is followed to its target, so the link stays a link), which
 * outfile_commit renames over the target: a reader never sees half a file,
 * and a failure leaves the old file as it was. Anything else (a FIFO, a
 * device) is written in place. Writes are buffered.
 *
 * Errors stick: once a write fails, every later call returns -1, and
 * outfile_error gives one message, "cannot write 'NAME' (reason)" (NAME:
 * the path as given, or "standard output"). A write to a closed pipe fails
 * with EPIPE, "Broken pipe", when the process ignores SIGPIPE (the host
 * decides that, for the whole process). */
#ifndef PETLUA_OUTFILE_H
#define PETLUA_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct outfile;

/* Opens path for writing; NULL with the message in err when it cannot be. */
struct outfile *outfile_open(const char *path, char *err, size_t errlen);
/* An open stream (flushed before each write; not closed) or descriptor
 * (closed by outfile_commit only if own), named name in messages. */
struct outfile *outfile_open_stream(FILE *fp, const char *name, char *err, size_t errlen);
struct outfile *outfile_open_fd(int fd, bool own, const char *name, char *err, size_t errlen);

int outfile_write(struct outfile *o, const void *s, size_t n);
int outfile_flush(struct outfile *o);
/* fsync before the rename (for outputs that must survive a crash). */
void outfile_set_fsync(struct outfile *o, bool on);
/* Flushes and closes; a temporary file is renamed over the target. 0, or -1
 * (message in outfile_error, the temporary file removed, the target as it
 * was). Safe twice. */
int outfile_commit(struct outfile *o);
/* Abandons the output: a temporary file is removed, the target left as it
 * was; direct output is flushed as far as it goes. Safe twice. */
void outfile_discard(struct outfile *o);
/* Discards unless committed, and frees; NULL is fine. */
void outfile_free(struct outfile *o);

const char *outfile_error(const struct outfile *o);
const char *outfile_name(const struct outfile *o);   /* the path, or "standard output" */
bool outfile_failed(const struct outfile *o);
bool outfile_is_atomic(const struct outfile *o);     /* through a temporary file */
/* That temporary file's path, until it is renamed or removed; NULL for
 * direct output. For a writer that fills the file by its own means (an
 * SQLite database) and lets outfile_commit rename it. */
const char *outfile_temp_path(const struct outfile *o);

#endif
