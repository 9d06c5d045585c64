/* outfile.c — an output file written whole or not at all (outfile.h). */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BUFFER_SIZE (64 * 1024)
#define ERROR_SIZE 512

struct outfile {
    int fd;
    FILE *fp;                 /* a stream to flush before each write, or NULL */
    bool own_fd;              /* close fd when done */
    char *name;               /* for messages */
    char *target;             /* atomic output: the file renamed over at the end */
    char *tmp_path;           /* atomic output: the temporary file, until renamed or removed */
    bool fsync;
    bool done;                /* committed or discarded */
    bool failed;
    char *buf;
    size_t len;
    char error[ERROR_SIZE];
};

static void set_message(char *buf, size_t size, const char *fmt, ...)
{
    if (buf == NULL || size == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
}

static void fail(struct outfile *o, int err)
{
    if (o->failed)
        return;
    o->failed = true;
    set_message(o->error, sizeof o->error, "cannot write '%s' (%s)", o->name, strerror(err));
}

static struct outfile *outfile_new(const char *name)
{
    struct outfile *o = calloc(1, sizeof *o);
    if (o == NULL)
        return NULL;
    o->fd = -1;
    o->name = strdup(name);
    o->buf = malloc(BUFFER_SIZE);
    if (o->name == NULL || o->buf == NULL) {
        outfile_free(o);
        return NULL;
    }
    return o;
}

struct outfile *outfile_open_fd(int fd, bool own, const char *name, char *err, size_t errlen)
{
    struct outfile *o = outfile_new(name);
    if (o == NULL) {
        set_message(err, errlen, "cannot write '%s' (out of memory)", name);
        return NULL;
    }
    o->fd = fd;
    o->own_fd = own;
    return o;
}

struct outfile *outfile_open_stream(FILE *fp, const char *name, char *err, size_t errlen)
{
    struct outfile *o = outfile_open_fd(fileno(fp), false, name, err, errlen);
    if (o != NULL)
        o->fp = fp;
    return o;
}

/* A new file beside target, "TARGET.XXXXXX", created exclusively with mode
 * (for a new file 0666, which the process's umask narrows as for any file
 * it creates); its descriptor, or -1 with errno set. */
static int create_beside(const char *target, char *tmp, size_t n, mode_t mode)
{
    static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    uint64_t x = (uint64_t)getpid() * 0x9E3779B97F4A7C15u ^ (uint64_t)time(NULL) ^ (uintptr_t)tmp;
    memcpy(tmp, target, n);
    tmp[n] = '.';
    for (int attempt = 0; attempt < 100; attempt++) {
        for (int i = 0; i < 6; i++) {
            x = x * 6364136223846793005u + 1442695040888963407u;
            tmp[n + 1 + i] = digits[(x >> 33) % 36];
        }
        tmp[n + 7] = '\0';
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

static struct outfile *open_atomic(const char *name, const char *target, bool exists, mode_t mode,
                                   char *err, size_t errlen)
{
    struct outfile *o = outfile_new(name);
    size_t n = strlen(target);
    if (o != NULL) {
        o->target = strdup(target);
        o->tmp_path = malloc(n + 8);
    }
    if (o == NULL || o->target == NULL || o->tmp_path == NULL) {
        set_message(err, errlen, "cannot write '%s' (out of memory)", name);
        outfile_free(o);
        return NULL;
    }
    o->fd = create_beside(target, o->tmp_path, n, exists ? 0600 : 0666);
    if (o->fd < 0 || (exists && fchmod(o->fd, mode) != 0)) {
        set_message(err, errlen, "cannot write '%s' (%s)", name, strerror(errno));
        if (o->fd >= 0)
            unlink(o->tmp_path);
        free(o->tmp_path);
        o->tmp_path = NULL;
        outfile_free(o);
        return NULL;
    }
    o->own_fd = true;
    return o;
}

struct outfile *outfile_open(const char *path, char *err, size_t errlen)
{
    if (strcmp(path, "-") == 0)
        return outfile_open_stream(stdout, "standard output", err, errlen);
    /* A symbolic link: write its target, so the link stays a link. */
    char *real = NULL;
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
        real = realpath(path, NULL);
    const char *target = real ? real : path;
    struct outfile *o = NULL;
    if (stat(target, &st) != 0) {
        if (errno == ENOENT)
            o = open_atomic(path, target, false, 0, err, errlen);
        else
            set_message(err, errlen, "cannot write '%s' (%s)", path, strerror(errno));
    } else if (S_ISREG(st.st_mode)) {
        o = open_atomic(path, target, true, st.st_mode & 07777, err, errlen);
    } else if (S_ISDIR(st.st_mode)) {
        set_message(err, errlen, "cannot write '%s' (%s)", path, strerror(EISDIR));
    } else {
        /* A FIFO, a device: written in place, never renamed over. */
        int fd = open(target, O_WRONLY | O_CLOEXEC);
        if (fd < 0)
            set_message(err, errlen, "cannot write '%s' (%s)", path, strerror(errno));
        else if ((o = outfile_open_fd(fd, true, path, err, errlen)) == NULL)
            close(fd);
    }
    free(real);
    return o;
}

/* write(2) the whole of s, retrying after EINTR and short writes. */
static int write_all(struct outfile *o, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t k = write(o->fd, s, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            fail(o, k < 0 ? errno : EIO);
            return -1;
        }
        s += k;
        n -= (size_t)k;
    }
    return 0;
}

int outfile_flush(struct outfile *o)
{
    if (o->failed)
        return -1;
    if (o->fp != NULL && fflush(o->fp) != 0) {
        fail(o, errno);
        return -1;
    }
    if (o->len > 0 && write_all(o, o->buf, o->len) != 0)
        return -1;
    o->len = 0;
    return 0;
}

int outfile_write(struct outfile *o, const void *s, size_t n)
{
    if (o->failed)
        return -1;
    if (o->len + n > BUFFER_SIZE) {
        if (outfile_flush(o) != 0)
            return -1;
        if (n > BUFFER_SIZE)
            return write_all(o, s, n);
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    return 0;
}

void outfile_set_fsync(struct outfile *o, bool on)
{
    o->fsync = on;
}

/* Closes fd if ours; a failing close(2) is a write error (NFS reports late). */
static void close_fd(struct outfile *o, bool report)
{
    if (o->own_fd && o->fd >= 0 && close(o->fd) != 0 && report)
        fail(o, errno);
    o->fd = -1;
}

int outfile_commit(struct outfile *o)
{
    if (o->done)
        return o->failed ? -1 : 0;
    o->done = true;
    outfile_flush(o);
    if (o->tmp_path != NULL) {
        if (!o->failed && o->fsync && fsync(o->fd) != 0)
            fail(o, errno);
        close_fd(o, !o->failed);
        if (!o->failed && rename(o->tmp_path, o->target) != 0)
            fail(o, errno);
        if (o->failed)
            unlink(o->tmp_path);
        free(o->tmp_path);
        o->tmp_path = NULL;
    } else {
        close_fd(o, !o->failed);
    }
    return o->failed ? -1 : 0;
}

void outfile_discard(struct outfile *o)
{
    if (o->done)
        return;
    o->done = true;
    if (o->tmp_path != NULL) {
        close_fd(o, false);
        unlink(o->tmp_path);
        free(o->tmp_path);
        o->tmp_path = NULL;
    } else {
        outfile_flush(o);
        close_fd(o, false);
    }
}

void outfile_free(struct outfile *o)
{
    if (o == NULL)
        return;
    if (o->fd >= 0 || o->tmp_path != NULL)
        outfile_discard(o);
    free(o->name);
    free(o->target);
    free(o->tmp_path);
    free(o->buf);
    free(o);
}

const char *outfile_error(const struct outfile *o)
{
    return o->failed ? o->error : "";
}

const char *outfile_name(const struct outfile *o)
{
    return o->name;
}

bool outfile_failed(const struct outfile *o)
{
    return o->failed;
}

bool outfile_is_atomic(const struct outfile *o)
{
    return o->target != NULL;
}

const char *outfile_temp_path(const struct outfile *o)
{
    return o->tmp_path;
}
