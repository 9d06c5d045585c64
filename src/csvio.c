/* csvio.c — CSV in and out over libcsv; see csvio.h for the contract.
 *
 * Reader: libcsv calls back once per field and once per row end. Fields are
 * copied into an arena (bytes + spans); finished rows are queued. The caller
 * takes rows from the queue; when it is empty, the arena is compacted (only the
 * unfinished row is kept) and the next block is parsed. Line numbers are counted
 * from what libcsv reports: the line breaks inside fields, and every unquoted
 * CR or LF (CSV_REPALL_NL reports them all, a CRLF counting once).
 *
 * Writer: rows are quoted into an output file (outfile.h), which buffers them
 * and makes a regular file appear whole or not at all. */
#include "csvio.h"
#include "outfile.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ERROR_SIZE (PATH_MAX + 256)

#define STR_(x) #x
#define STR(x) STR_(x)

const char *csvio_libcsv_version(void)
{
    return STR(CSV_MAJOR) "." STR(CSV_MINOR) "." STR(CSV_RELEASE);
}

static void set_message(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
}

/* ================================================================ reading */

struct span {                 /* one field in the arena */
    size_t off, len;
};

struct queued_row {           /* a finished row not yet handed out */
    size_t first, n;          /* its spans */
    long line;
};

struct csv_reader {
    struct csv_parser parser;
    FILE *fp;
    bool own_fp;
    char *name;
    unsigned char *block;
    size_t block_size;
    bool started;             /* the first block was read (BOM checked) */
    bool eof;
    bool failed;              /* error holds the message */
    size_t max_fields;

    long line;                /* line of the next byte not yet accounted for */
    long row_line;            /* line where the unfinished row starts */
    int prev_term;            /* the last row end seen ('\r', '\n', -1 or 0) */
    size_t row_fields;        /* fields of the unfinished row */
    size_t row_first;         /* its first span */

    char *bytes;              /* the arena: field bytes, each followed by a NUL */
    size_t nbytes, capbytes;
    struct span *spans;
    size_t nspans, capspans;
    struct queued_row *rows;
    size_t nrows, caprows, next_row;

    const char **out_field;   /* the row handed out */
    size_t *out_len;
    size_t out_cap;

    char error[ERROR_SIZE];
};

static void reader_fail(struct csv_reader *r, long line, const char *fmt, ...)
{
    if (r->failed)
        return;
    r->failed = true;
    int n = line > 0 ? snprintf(r->error, sizeof r->error, "%s:%ld: ", r->name, line)
                     : snprintf(r->error, sizeof r->error, "%s: ", r->name);
    if (n < 0 || (size_t)n >= sizeof r->error)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->error + n, sizeof r->error - (size_t)n, fmt, ap);
    va_end(ap);
}

/* Grows *buf (of *cap elements of size elem) to hold at least need elements. */
static bool grow(void *buf, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : 64;
    while (n < need) {
        if (n > SIZE_MAX / 2 / elem)
            return false;
        n *= 2;
    }
    void *p = realloc(*(void **)buf, n * elem);
    if (p == NULL)
        return false;
    *(void **)buf = p;
    *cap = n;
    return true;
}

/* Line breaks inside a field: LF, CRLF or a lone CR count one each. */
static long count_breaks(const char *s, size_t len)
{
    if (len == 0)
        return 0;
    long n = 0;
    const char *end = s + len;
    for (const char *p = s; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        n++;                                    /* at memchr speed: texts have many lines */
    for (const char *p = s; (p = memchr(p, '\r', (size_t)(end - p))) != NULL; p++)
        if (p + 1 == end || p[1] != '\n')
            n++;                                /* a lone CR */
    return n;
}

/* libcsv: a field has ended. */
static void on_field(void *data, size_t len, void *ctx)
{
    struct csv_reader *r = ctx;
    if (r->failed)
        return;
    if (r->row_fields == 0)
        r->row_line = r->line;
    r->line += count_breaks(data, len);
    r->row_fields++;
    if (!grow(&r->bytes, &r->capbytes, r->nbytes + len + 1, 1)
        || !grow(&r->spans, &r->capspans, r->nspans + 1, sizeof *r->spans)) {
        reader_fail(r, r->row_line, "out of memory");
        return;
    }
    if (len > 0)
        memcpy(r->bytes + r->nbytes, data, len);
    r->bytes[r->nbytes + len] = '\0';
    r->spans[r->nspans++] = (struct span){r->nbytes, len};
    r->nbytes += len + 1;
}

/* libcsv: a row has ended with c (CR, LF, or -1 at the end of the data).
 * With CSV_REPALL_NL a blank line comes as a row of no fields, and so does
 * the LF of a CRLF, which must not count as a second line. */
static void on_row(int c, void *ctx)
{
    struct csv_reader *r = ctx;
    if (r->failed)
        return;
    bool is_break = c == '\r' || c == '\n';
    if (r->row_fields == 0) {
        bool crlf_tail = c == '\n' && r->prev_term == '\r';
        r->prev_term = crlf_tail ? 0 : c;
        if (is_break && !crlf_tail)
            r->line++;
        return;
    }
    if (!grow(&r->rows, &r->caprows, r->nrows + 1, sizeof *r->rows)) {
        reader_fail(r, r->row_line, "out of memory");
        return;
    }
    r->rows[r->nrows++] = (struct queued_row){r->row_first, r->row_fields, r->row_line};
    r->row_first = r->nspans;
    r->row_fields = 0;
    r->prev_term = c;
    if (is_break)
        r->line++;
}

/* RFC 4180: spaces are part of a field, never trimmed. */
static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

/* Feeds len bytes to libcsv. In strict mode libcsv stops at a quote inside an
 * unquoted field and at text after a closing quote. The first is accepted as a
 * literal quote, as most readers do: it is put into libcsv's field buffer (its
 * struct is public; libcsv guarantees room for one more byte before it reads
 * one) and parsing resumes after it. The second is an error. */
static void parse_bytes(struct csv_reader *r, const unsigned char *buf, size_t len)
{
    struct csv_parser *p = &r->parser;
    size_t done = 0;
    while (done < len && !r->failed) {
        done += csv_parse(p, buf + done, len - done, on_field, on_row, r);
        if (done >= len || r->failed)
            break;
        int status = csv_error(p);
        if (status == CSV_EPARSE && !p->quoted && p->entry_pos < p->entry_size) {
            p->entry_buf[p->entry_pos++] = buf[done++];
            p->status = 0;
        } else if (status == CSV_EPARSE) {
            long line = r->line + count_breaks((const char *)p->entry_buf, p->entry_pos);
            reader_fail(r, line, "text after a closing quote");
        } else {
            reader_fail(r, r->line, "%s", csv_strerror(status));
        }
    }
}

/* Keeps only the unfinished row in the arena; every queued row was handed out. */
static void compact(struct csv_reader *r)
{
    size_t first = r->row_first;
    size_t off = first < r->nspans ? r->spans[first].off : r->nbytes;
    if (off > 0) {
        memmove(r->bytes, r->bytes + off, r->nbytes - off);
        r->nbytes -= off;
    }
    for (size_t i = first; i < r->nspans; i++)
        r->spans[i - first] = (struct span){r->spans[i].off - off, r->spans[i].len};
    r->nspans -= first;
    r->row_first = 0;
    r->nrows = r->next_row = 0;
}

/* Reads and parses the next block; at the end of the file, finishes parsing. */
static void read_block(struct csv_reader *r)
{
    compact(r);
    /* The first read takes at least 3 bytes, to see a whole BOM. */
    size_t want = r->block_size;
    if (!r->started && want < 3)
        want = 3;
    size_t n = fread(r->block, 1, want, r->fp);
    if (n < want) {
        if (ferror(r->fp)) {
            reader_fail(r, 0, "read error: %s", strerror(errno));
            return;
        }
        r->eof = true;
    }
    const unsigned char *start = r->block;
    if (!r->started) {
        r->started = true;
        if (n >= 3 && memcmp(start, "\xEF\xBB\xBF", 3) == 0) {
            start += 3;
            n -= 3;
        }
    }
    parse_bytes(r, start, n);
    if (r->eof && !r->failed
        && csv_fini(&r->parser, on_field, on_row, r) != 0 && !r->failed)
        reader_fail(r, r->line, "unclosed quote");
}

/* Room for a row of n fields in out_field and out_len (same capacity). */
static bool grow_out(struct csv_reader *r, size_t n)
{
    if (n <= r->out_cap)
        return true;
    size_t cap = r->out_cap, cap2 = r->out_cap;
    if (!grow(&r->out_field, &cap, n, sizeof *r->out_field))
        return false;
    if (!grow(&r->out_len, &cap2, n, sizeof *r->out_len))
        return false;
    r->out_cap = cap < cap2 ? cap : cap2;
    return true;
}

int csvr_next(struct csv_reader *r, struct csv_row *row)
{
    for (;;) {
        if (r->next_row < r->nrows) {
            const struct queued_row *q = &r->rows[r->next_row++];
            /* Checked here, not while parsing: the limit is set after the
             * header, when the rows of its block are already queued. */
            if (r->max_fields > 0 && q->n > r->max_fields) {
                reader_fail(r, q->line, "row has %zu fields, header has %zu", q->n, r->max_fields);
                r->next_row = r->nrows;
                return -1;
            }
            if (!grow_out(r, q->n)) {
                reader_fail(r, q->line, "out of memory");
                return -1;
            }
            for (size_t i = 0; i < q->n; i++) {
                r->out_field[i] = r->bytes + r->spans[q->first + i].off;
                r->out_len[i] = r->spans[q->first + i].len;
            }
            row->n = q->n;
            row->field = r->out_field;
            row->len = r->out_len;
            row->line = q->line;
            return 1;
        }
        if (r->failed)
            return -1;
        if (r->eof)
            return 0;
        read_block(r);
    }
}

static struct csv_reader *reader_new(FILE *fp, bool own_fp, const char *name,
                                     const struct csvr_options *opt, char *err, size_t errlen)
{
    struct csv_reader *r = calloc(1, sizeof *r);
    size_t block = opt && opt->block_size ? opt->block_size : CSVIO_BLOCK_SIZE;
    if (r != NULL) {
        r->name = strdup(name);
        r->block = malloc(block < 3 ? 3 : block);
    }
    if (r == NULL || r->name == NULL || r->block == NULL
        || csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0) {
        set_message(err, errlen, "%s: out of memory", name);
        if (r != NULL) {
            free(r->name);
            free(r->block);
            free(r);
        }
        if (own_fp)
            fclose(fp);
        return NULL;
    }
    csv_set_delim(&r->parser, (unsigned char)(opt && opt->sep ? opt->sep : ','));
    csv_set_space_func(&r->parser, no_space);
    csv_set_blk_size(&r->parser, 4096);
    r->fp = fp;
    r->own_fp = own_fp;
    r->block_size = block;
    r->max_fields = opt ? opt->max_fields : 0;
    r->line = 1;
    return r;
}

struct csv_reader *csvr_open(const char *path, const struct csvr_options *opt,
                             char *err, size_t errlen)
{
    if (strcmp(path, "-") == 0)
        return reader_new(stdin, false, "stdin", opt, err, errlen);
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        set_message(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        set_message(err, errlen, "%s: %s", path, strerror(EISDIR));
        fclose(fp);
        return NULL;
    }
    return reader_new(fp, true, path, opt, err, errlen);
}

struct csv_reader *csvr_open_stream(FILE *fp, const char *name,
                                    const struct csvr_options *opt,
                                    char *err, size_t errlen)
{
    return reader_new(fp, false, name, opt, err, errlen);
}

void csvr_set_max_fields(struct csv_reader *r, size_t n)
{
    r->max_fields = n;
}

const char *csvr_error(const struct csv_reader *r)
{
    return r->failed ? r->error : "";
}

const char *csvr_name(const struct csv_reader *r)
{
    return r->name;
}

void csvr_close(struct csv_reader *r)
{
    if (r == NULL)
        return;
    if (r->own_fp)
        fclose(r->fp);
    csv_free(&r->parser);
    free(r->name);
    free(r->block);
    free(r->bytes);
    free(r->spans);
    free(r->rows);
    free(r->out_field);
    free(r->out_len);
    free(r);
}

/* ================================================================ writing */

struct csv_writer {
    struct outfile *out;      /* where the rows go (outfile.h) */
    char sep;
    bool crlf;
    size_t row_fields;        /* fields written in the current row */
    bool last_empty;          /* the last field written was empty */
};

static int put(struct csv_writer *w, const char *s, size_t n)
{
    return outfile_write(w->out, s, n);
}

int csvw_flush(struct csv_writer *w)
{
    return outfile_flush(w->out);
}

static bool needs_quotes(const char *s, size_t len, char sep)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == sep || c == '"' || c == '\r' || c == '\n')
            return true;
    }
    return false;
}

/* "...", each quote doubled. */
static int put_quoted(struct csv_writer *w, const char *s, size_t len)
{
    if (put(w, "\"", 1) != 0)
        return -1;
    const char *end = s + len;
    while (s < end) {
        const char *q = memchr(s, '"', (size_t)(end - s));
        size_t chunk = q ? (size_t)(q - s) + 1 : (size_t)(end - s);
        if (put(w, s, chunk) != 0 || (q && put(w, "\"", 1) != 0))
            return -1;
        s += chunk;
    }
    return put(w, "\"", 1);
}

int csvw_field(struct csv_writer *w, const char *s, size_t len)
{
    if (outfile_failed(w->out))
        return -1;
    if (w->row_fields > 0 && put(w, &w->sep, 1) != 0)
        return -1;
    w->row_fields++;
    w->last_empty = len == 0;
    if (needs_quotes(s, len, w->sep))
        return put_quoted(w, s, len);
    return put(w, s, len);
}

/* A row of one empty field is written "" so that it does not read back as a
 * blank line, which readers skip. */
int csvw_end_row(struct csv_writer *w)
{
    if (outfile_failed(w->out))
        return -1;
    if (w->row_fields == 1 && w->last_empty && put(w, "\"\"", 2) != 0)
        return -1;
    w->row_fields = 0;
    return w->crlf ? put(w, "\r\n", 2) : put(w, "\n", 1);
}

int csvw_row(struct csv_writer *w, size_t n, const char *const *field, const size_t *len)
{
    for (size_t i = 0; i < n; i++)
        if (csvw_field(w, field[i], len[i]) != 0)
            return -1;
    return csvw_end_row(w);
}

int csvw_bytes(struct csv_writer *w, const char *s, size_t n)
{
    return put(w, s, n);
}

const char *csvw_error(const struct csv_writer *w)
{
    return outfile_error(w->out);
}

const char *csvw_name(const struct csv_writer *w)
{
    return outfile_name(w->out);
}

/* A writer over out (which it owns from now on, and frees). */
static struct csv_writer *writer_over(struct outfile *out, const struct csvw_options *opt,
                                      char *err, size_t errlen)
{
    if (out == NULL)
        return NULL;
    struct csv_writer *w = calloc(1, sizeof *w);
    if (w == NULL) {
        set_message(err, errlen, "cannot write '%s' (out of memory)", outfile_name(out));
        outfile_free(out);
        return NULL;
    }
    w->out = out;
    w->sep = opt && opt->sep ? opt->sep : ',';
    w->crlf = opt && opt->crlf;
    outfile_set_fsync(out, opt && opt->fsync);
    return w;
}

struct csv_writer *csvw_open(const char *path, const struct csvw_options *opt,
                             char *err, size_t errlen)
{
    return writer_over(outfile_open(path, err, errlen), opt, err, errlen);
}

struct csv_writer *csvw_open_stream(FILE *fp, const char *name, const struct csvw_options *opt,
                                    char *err, size_t errlen)
{
    return writer_over(outfile_open_stream(fp, name, err, errlen), opt, err, errlen);
}

struct csv_writer *csvw_open_fd(int fd, const char *name, const struct csvw_options *opt,
                                char *err, size_t errlen)
{
    return writer_over(outfile_open_fd(fd, false, name, err, errlen), opt, err, errlen);
}

int csvw_close(struct csv_writer *w)
{
    return outfile_commit(w->out);
}

void csvw_discard(struct csv_writer *w)
{
    outfile_discard(w->out);
}

void csvw_free(struct csv_writer *w)
{
    if (w == NULL)
        return;
    outfile_free(w->out);
    free(w);
}
