/* pageload.h — petition page files found, read and parsed, on worker threads.
 * A C core: no Lua here. The loader's binding (l_core.c) turns the records
 * into tables on its own thread while workers read and parse the next files.
 *
 * One file: read whole (open, fstat, read, close; a named pipe never blocks,
 * anything but a regular file is turned away, a file over max_bytes is not
 * read), HTML rendered to text (html.h), then page_parse. Messages name no
 * file: the caller adds the path. */
#ifndef PETLUA_PAGELOAD_H
#define PETLUA_PAGELOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "page.h"
#include "record.h"

#define PAGELOAD_ERR_SIZE 256

enum pageload_outcome {
    PAGELOAD_PENDING,
    PAGELOAD_RECORD,          /* rec is the page's record */
    PAGELOAD_FAILED,          /* not a page, or not read: err, err_line */
    PAGELOAD_CSV,             /* a CSV file of records ("id,url,kind..."): the caller reads it */
    PAGELOAD_SQLITE,          /* an SQLite database ("SQLite format 3\0"): the caller reads it */
    PAGELOAD_RECORDS,         /* a file of many petitions (the UK's JSON), read: recs, problems */
    PAGELOAD_UKJSON,          /* the UK's JSON, too large to read whole: the caller streams it */
};

/* What could not be read in a file of many petitions: a one-line message
 * ("malformed JSON: ... at byte 1702") and its 1-based line. */
struct pageload_problem {
    int line;
    char *message;
};

/* What became of one file or text. */
struct pageload_result {
    enum pageload_outcome outcome;
    struct record *rec;        /* owned here until pageload_result_clear */
    struct record **recs;      /* PAGELOAD_RECORDS: n_recs records in file order, and */
    size_t n_recs;             /* n_problems problems; owned here too */
    struct pageload_problem *problems;
    size_t n_problems;
    int err_line;                   /* 1-based line of the message, 0 for the whole file */
    char err[PAGELOAD_ERR_SIZE];    /* "not a petition page: ...", "cannot open: ..." */
};

/* A page held in memory (text or HTML); name becomes the record's source.
 * Line numbers of an HTML page are those of its source. The record is put
 * in the canonical vocabularies of vocab (record_canonicalize; NULL: none),
 * which must outlive it and is only read (any thread). */
void pageload_text(const char *text, size_t len, const char *name, const struct vocab *vocab,
                   struct pageload_result *r);
/* Frees the record; safe twice. */
void pageload_result_clear(struct pageload_result *r);

/* The UK Parliament's petitions JSON (ukjson.h) held in memory: every
 * petition's record (record_uk.h, in the vocabularies of vocab) into
 * r->recs, what could not be read into r->problems (pageload_uk.c). One
 * petition over 16 MB is a problem, not read (ukjson.h's default bound). */
void pageload_uk_text(const char *text, size_t len, const struct vocab *vocab,
                      struct pageload_result *r);
/* Is this (the first bytes of a file) JSON, read as the UK's? The site's
 * documents (uk_sniff), and any other text that begins as JSON does ('{'
 * then '"' or '}'; '[' then '{', '[', '"', ']' or a number): the UK reader
 * then says why it is not the site's. */
bool pageload_uk_detect(const char *head, size_t len);
/* The message of a UK reader's error, as a problem names it: "MESSAGE at
 * byte OFFSET" (into buf). */
void pageload_uk_message(char *buf, size_t size, long long offset, const char *message);

/* Many files, in order. The files are read and parsed on threads - 1
 * workers and by the calling thread while it waits; at most a few hundred
 * files run ahead of the caller.
 *   job = pageload_new(n, max_bytes, vocab); pageload_set_path(job, i, path) for
 *   each i; pageload_start(job, threads); then for i = 0 .. n-1 in order:
 *   r = pageload_wait(job, i), use r, pageload_done(job, i) (frees r's
 *   record); pageload_free(job) at any time stops the workers and frees all.
 * pageload_new and pageload_set_path return NULL / -1 when memory runs out. */
struct pageload;
struct pageload *pageload_new(size_t n, size_t max_bytes, const struct vocab *vocab);
int pageload_set_path(struct pageload *job, size_t i, const char *path);
void pageload_start(struct pageload *job, int threads);
struct pageload_result *pageload_wait(struct pageload *job, size_t i);
void pageload_done(struct pageload *job, size_t i);
void pageload_free(struct pageload *job);
/* One per processor online (at most 16). */
int pageload_default_threads(void);

/* The entries of a folder ("." and ".." left out), sorted as Lua's < sorts
 * strings, with the kind readdir knows without a stat per entry: "file",
 * "directory", "link", "other" or "unknown". Returns 0, or -1 (cannot read
 * the folder) / -2 (out of memory) with a message in err and d empty. */
struct pageload_dir_entry { char *name; const char *kind; };
struct pageload_dir { struct pageload_dir_entry *entries; size_t n, cap; };
int pageload_list_dir(const char *path, struct pageload_dir *d, char *err, size_t errlen);
void pageload_dir_free(struct pageload_dir *d);

#endif
