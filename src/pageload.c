/* pageload.c — see pageload.h. */
#include "pageload.h"
#include "record_csv.h"
#include "record_sqlite.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "html.h"

#define MAX_THREADS 16
#define WINDOW 256            /* files parsed ahead of the conversion, at most */

/* ---------------------------------------------------------------- reading */

/* "16 MB", "23.1 MB", "12.0 KB", "300 bytes" */
static void format_size(char *buf, size_t size, double n)
{
    const double mb = 1024.0 * 1024.0, kb = 1024.0;
    if (n >= mb)
        snprintf(buf, size, n == (double)(long long)(n / mb) * mb ? "%.0f MB" : "%.1f MB", n / mb);
    else if (n >= kb)
        snprintf(buf, size, n == (double)(long long)(n / kb) * kb ? "%.0f KB" : "%.1f KB", n / kb);
    else
        snprintf(buf, size, "%.0f bytes", n);
}

static void too_large(char *err, size_t errlen, size_t limit, double size)
{
    char lim[32], got[32];
    format_size(lim, sizeof lim, (double)limit);
    format_size(got, sizeof got, size);
    snprintf(err, errlen, "file is larger than the limit of %s (%s)", lim, got);
}

static const char *file_kind(mode_t mode)
{
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISFIFO(mode)) return "a named pipe";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a file";
}

static void errno_message(char *err, size_t errlen, const char *what, int e)
{
    char msg[128];
    if (strerror_r(e, msg, sizeof msg) != 0)
        snprintf(msg, sizeof msg, "error %d", e);
    snprintf(err, errlen, "%s: %s", what, msg);
}

/* The folder of the last file a thread opened, kept open: the next file of
 * the same folder is opened relative to it (openat), which spares the kernel
 * walking the whole path again (~0.8 of ~5 us per file here). */
struct folder_handle {
    int fd;                   /* -1: none open */
    char *path;               /* the folder's path, len bytes */
    size_t len;
};

#define FOLDER_HANDLE_NONE {-1, NULL, 0}

static void folder_close(struct folder_handle *h)
{
    if (h->fd >= 0)
        close(h->fd);
    free(h->path);
    *h = (struct folder_handle)FOLDER_HANDLE_NONE;
}

/* open(path, flags), through the folder handle when path has a folder part.
 * Whatever goes wrong with the handle, the plain open() decides. */
static int open_in_folder(struct folder_handle *h, const char *path, int flags)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL || slash == path || slash[1] == '\0')
        return open(path, flags);
    size_t n = (size_t)(slash - path);
    if (h->fd < 0 || n != h->len || memcmp(h->path, path, n) != 0) {
        folder_close(h);
        char *folder = malloc(n + 1);
        if (folder == NULL)
            return open(path, flags);
        memcpy(folder, path, n);
        folder[n] = '\0';
        int fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) {
            free(folder);
            return open(path, flags);
        }
        *h = (struct folder_handle){fd, folder, n};
    }
    return openat(h->fd, slash + 1, flags);
}

/* A file over max_bytes that the caller reads itself, whatever its size,
 * from its first bytes: PAGELOAD_SQLITE, PAGELOAD_UKJSON, PAGELOAD_CSV, or
 * PAGELOAD_PENDING (none of them). */
static enum pageload_outcome streamed_kind(const char *head, size_t len)
{
    if (record_sqlite_is_header(head, len))
        return PAGELOAD_SQLITE;
    if (pageload_uk_detect(head, len))
        return PAGELOAD_UKJSON;
    return record_csv_is_header(head, len) ? PAGELOAD_CSV : PAGELOAD_PENDING;
}

/* Read a whole regular file into a NUL-terminated malloc'd buffer with few
 * system calls: open, fstat, read (until end of file), close. Opening does
 * not block on a named pipe (O_NONBLOCK), which fstat then turns away.
 * Returns NULL with a message in err, or with *streamed set: a file over
 * max_bytes that the caller reads as it goes (CSV, the UK's JSON, a database). */
static char *read_file(struct folder_handle *folder, const char *path, size_t max_bytes,
                       size_t *len, enum pageload_outcome *streamed, char *err, size_t errlen)
{
    int fd = open_in_folder(folder, path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        errno_message(err, errlen, "cannot open", errno);
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        errno_message(err, errlen, "cannot read", errno);
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "not a regular file (%s)", file_kind(st.st_mode));
        close(fd);
        return NULL;
    }
    if ((unsigned long long)st.st_size > max_bytes) {
        char head[4096];                 /* room for a header line */
        ssize_t got = read(fd, head, sizeof head);
        *streamed = got > 0 ? streamed_kind(head, (size_t)got) : PAGELOAD_PENDING;
        if (*streamed == PAGELOAD_PENDING)   /* else the caller streams it, whatever its size */
            too_large(err, errlen, max_bytes, (double)st.st_size);
        close(fd);
        return NULL;
    }
    /* one byte more than fstat said, to see the end of file in the first read */
    size_t cap = (size_t)st.st_size + 2, n = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        if (n + 1 == cap) { /* the file grew since fstat */
            if (n > max_bytes) {
                too_large(err, errlen, max_bytes, (double)n);
                break;
            }
            char *p = realloc(buf, cap * 2);
            if (p == NULL)
                break;
            buf = p;
            cap *= 2;
        }
        size_t want = cap - 1 - n;
        ssize_t got = read(fd, buf + n, want);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            errno_message(err, errlen, "cannot read", errno);
            break;
        }
        n += (size_t)got;
        /* A short read that brings the size to what fstat said is the end of
         * a regular file: no second read just to be told so. */
        if (got == 0 || ((size_t)got < want && n == (size_t)st.st_size)) {
            close(fd);
            if (n > max_bytes) {
                too_large(err, errlen, max_bytes, (double)n);
                free(buf);
                return NULL;
            }
            buf[n] = '\0';
            *len = n;
            return buf;
        }
    }
    if (buf == NULL || err[0] == '\0')
        snprintf(err, errlen, "cannot read: out of memory");
    free(buf);
    close(fd);
    return NULL;
}

/* ------------------------------------------------------------ one page */

void pageload_result_clear(struct pageload_result *r)
{
    if (r->rec)
        record_free(r->rec);
    r->rec = NULL;
    for (size_t i = 0; i < r->n_recs; i++)
        record_free(r->recs[i]);
    free(r->recs);
    r->recs = NULL;
    r->n_recs = 0;
    for (size_t i = 0; i < r->n_problems; i++)
        free(r->problems[i].message);
    free(r->problems);
    r->problems = NULL;
    r->n_problems = 0;
}

/* Line numbers of the rendered text, put back to lines of the HTML file. */
static int source_line(const struct html_text *h, int line)
{
    if (line >= 1 && (size_t)line <= h->n_lines)
        return h->src_line[line - 1];
    return line;
}

void pageload_text(const char *text, size_t len, const char *name, const struct vocab *vocab,
                   struct pageload_result *r)
{
    r->err[0] = '\0';
    r->err_line = 0;
    if (len == 0) {
        r->outcome = PAGELOAD_FAILED;
        snprintf(r->err, sizeof r->err, "empty file");
        return;
    }
    if (!html_detect(text, len)) {
        r->rec = page_parse(text, len, name, &r->err_line, r->err, sizeof r->err);
    } else {
        struct html_text h;
        if (html_check_shape(text, len, &r->err_line, r->err, sizeof r->err) != 0) {
            r->outcome = PAGELOAD_FAILED;
            return;
        }
        if (html_to_text(text, len, &h) != 0) {
            r->outcome = PAGELOAD_FAILED;
            snprintf(r->err, sizeof r->err, "out of memory");
            return;
        }
        r->rec = page_parse(h.text, h.len, name, &r->err_line, r->err, sizeof r->err);
        r->err_line = source_line(&h, r->err_line);
        for (size_t i = 0; r->rec && i < r->rec->n_warnings; i++)
            r->rec->warnings[i].line = source_line(&h, r->rec->warnings[i].line);
        html_text_free(&h);
    }
    r->outcome = r->rec ? PAGELOAD_RECORD : PAGELOAD_FAILED;
    if (!r->rec && r->err[0] == '\0')
        snprintf(r->err, sizeof r->err, "out of memory");
    if (r->rec)
        record_canonicalize(r->rec, vocab);
}

static void load_file(struct folder_handle *folder, const char *path, size_t max_bytes,
                      const struct vocab *vocab, struct pageload_result *r)
{
    size_t len = 0;
    enum pageload_outcome streamed = PAGELOAD_PENDING;
    r->err[0] = '\0';
    char *text = read_file(folder, path, max_bytes, &len, &streamed, r->err, sizeof r->err);
    if (text == NULL) {
        r->outcome = streamed != PAGELOAD_PENDING ? streamed : PAGELOAD_FAILED;
        r->err_line = 0;
        return;
    }
    if (record_sqlite_is_header(text, len))
        r->outcome = PAGELOAD_SQLITE;
    else if (pageload_uk_detect(text, len))
        pageload_uk_text(text, len, vocab, r);
    else if (record_csv_is_header(text, len))
        r->outcome = PAGELOAD_CSV;
    else
        pageload_text(text, len, path, vocab, r);
    free(text);
}

/* ------------------------------------------------------------ many files */

/* The state of one load, shared by the workers and the calling thread.
 * slots[i] is written by the one thread that took i, then handed over under
 * the lock (done = true); the caller takes the slots in order. */
struct pageload {
    pthread_mutex_t lock;
    pthread_cond_t slot_done;     /* a worker finished a slot */
    pthread_cond_t room;          /* the caller was done with a slot */
    bool sync_ready;              /* lock and conditions initialised */
    char **paths;                 /* n paths, copied */
    struct pageload_result *slots;
    bool *done;
    size_t n, next, converted;
    size_t max_bytes;
    const struct vocab *vocab;    /* read by every thread; built before the load */
    bool stop;
    pthread_t threads[MAX_THREADS];
    int n_threads;
    struct folder_handle folder;  /* the calling thread's */
};

static void *worker_main(void *arg)
{
    struct pageload *job = arg;
    struct folder_handle folder = FOLDER_HANDLE_NONE;
    pthread_mutex_lock(&job->lock);
    for (;;) {
        while (!job->stop && job->next < job->n && job->next >= job->converted + WINDOW)
            pthread_cond_wait(&job->room, &job->lock);
        if (job->stop || job->next >= job->n)
            break;
        size_t i = job->next++;
        pthread_mutex_unlock(&job->lock);
        load_file(&folder, job->paths[i], job->max_bytes, job->vocab, &job->slots[i]);
        pthread_mutex_lock(&job->lock);
        job->done[i] = true;
        pthread_cond_broadcast(&job->slot_done);
    }
    pthread_mutex_unlock(&job->lock);
    folder_close(&folder);
    return NULL;
}

int pageload_default_threads(void)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus < 1 ? 1 : cpus > MAX_THREADS ? MAX_THREADS : (int)cpus;
}

struct pageload *pageload_new(size_t n, size_t max_bytes, const struct vocab *vocab)
{
    struct pageload *job = calloc(1, sizeof *job);
    if (job == NULL)
        return NULL;
    job->folder = (struct folder_handle)FOLDER_HANDLE_NONE;
    job->max_bytes = max_bytes;
    job->vocab = vocab;
    job->paths = calloc(n ? n : 1, sizeof *job->paths);
    job->slots = calloc(n ? n : 1, sizeof *job->slots);
    job->done = calloc(n ? n : 1, sizeof *job->done);
    if (!job->paths || !job->slots || !job->done) {
        pageload_free(job);
        return NULL;
    }
    job->n = n;
    return job;
}

int pageload_set_path(struct pageload *job, size_t i, const char *path)
{
    free(job->paths[i]);
    job->paths[i] = strdup(path);
    return job->paths[i] ? 0 : -1;
}

/* The calling thread is one of the threads: threads - 1 workers are
 * started; with fewer than two threads asked, or on failure, the calling
 * thread loads every file itself. */
void pageload_start(struct pageload *job, int threads)
{
    if (pthread_mutex_init(&job->lock, NULL) != 0)
        return;
    if (pthread_cond_init(&job->slot_done, NULL) != 0) {
        pthread_mutex_destroy(&job->lock);
        return;
    }
    if (pthread_cond_init(&job->room, NULL) != 0) {
        pthread_cond_destroy(&job->slot_done);
        pthread_mutex_destroy(&job->lock);
        return;
    }
    job->sync_ready = true;
    if (threads < 2 || job->n < 2)
        return;
    for (int t = 0; t < threads - 1 && t < MAX_THREADS; t++) {
        if (pthread_create(&job->threads[t], NULL, worker_main, job) != 0)
            break;
        job->n_threads++;
    }
}

/* While slot i is not done, the calling thread loads the next file no one
 * has taken rather than sleep: one fewer worker is started, and the caller
 * is not woken for every file. */
struct pageload_result *pageload_wait(struct pageload *job, size_t i)
{
    if (job->n_threads == 0) {
        load_file(&job->folder, job->paths[i], job->max_bytes, job->vocab, &job->slots[i]);
        return &job->slots[i];
    }
    pthread_mutex_lock(&job->lock);
    while (!job->done[i]) {
        if (job->next < job->n && job->next < job->converted + WINDOW) {
            size_t j = job->next++;
            pthread_mutex_unlock(&job->lock);
            load_file(&job->folder, job->paths[j], job->max_bytes, job->vocab, &job->slots[j]);
            pthread_mutex_lock(&job->lock);
            job->done[j] = true;
        } else {
            pthread_cond_wait(&job->slot_done, &job->lock);
        }
    }
    pthread_mutex_unlock(&job->lock);
    return &job->slots[i];
}

void pageload_done(struct pageload *job, size_t i)
{
    pageload_result_clear(&job->slots[i]);
    if (job->n_threads == 0)
        return;
    pthread_mutex_lock(&job->lock);
    job->converted = i + 1;
    pthread_cond_broadcast(&job->room);
    pthread_mutex_unlock(&job->lock);
}

void pageload_free(struct pageload *job)
{
    if (job == NULL)
        return;
    if (job->sync_ready) {
        pthread_mutex_lock(&job->lock);
        job->stop = true;
        pthread_cond_broadcast(&job->room);
        pthread_mutex_unlock(&job->lock);
        for (int t = 0; t < job->n_threads; t++)
            pthread_join(job->threads[t], NULL);
        pthread_cond_destroy(&job->room);
        pthread_cond_destroy(&job->slot_done);
        pthread_mutex_destroy(&job->lock);
    }
    for (size_t i = 0; job->slots && i < job->n; i++)
        pageload_result_clear(&job->slots[i]);
    for (size_t i = 0; job->paths && i < job->n; i++)
        free(job->paths[i]);
    free(job->paths);
    free(job->slots);
    free(job->done);
    folder_close(&job->folder);
    free(job);
}

/* ------------------------------------------------------------ folders */

static const char *dir_entry_kind(unsigned char type)
{
    switch (type) {
    case DT_REG: return "file";
    case DT_DIR: return "directory";
    case DT_LNK: return "link";
    case DT_UNKNOWN: return "unknown";
    default: return "other";
    }
}

static bool dir_add(struct pageload_dir *d, const char *name, unsigned char type)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 64;
        struct pageload_dir_entry *p = realloc(d->entries, cap * sizeof *p);
        if (p == NULL)
            return false;
        d->entries = p;
        d->cap = cap;
    }
    char *copy = strdup(name);
    if (copy == NULL)
        return false;
    d->entries[d->n].name = copy;
    d->entries[d->n].kind = dir_entry_kind(type);
    d->n++;
    return true;
}

/* strcoll, the order Lua's < gives strings (names hold no NUL byte). */
static int compare_entries(const void *a, const void *b)
{
    return strcoll(((const struct pageload_dir_entry *)a)->name,
                   ((const struct pageload_dir_entry *)b)->name);
}

void pageload_dir_free(struct pageload_dir *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->entries[i].name);
    free(d->entries);
    d->entries = NULL;
    d->n = d->cap = 0;
}

int pageload_list_dir(const char *path, struct pageload_dir *d, char *err, size_t errlen)
{
    d->entries = NULL;
    d->n = d->cap = 0;
    DIR *dir = opendir(path);
    if (dir == NULL) {
        errno_message(err, errlen, "cannot read folder", errno);
        return -1;
    }
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        const char *name = e->d_name;
        if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
            continue;
        if (!dir_add(d, name, e->d_type)) {
            closedir(dir);
            pageload_dir_free(d);
            snprintf(err, errlen, "out of memory");
            return -2;
        }
    }
    closedir(dir);
    if (d->n > 1)
        qsort(d->entries, d->n, sizeof *d->entries, compare_entries);
    return 0;
}
