/* check.h — the smallest test harness that says what failed.
 * Each CHECK prints "ok - ..." or "not ok - ..." with file:line and the values
 * seen; tests/run.sh counts the lines. main() ends with `return check_done();`. */
#ifndef PETLUA_CHECK_H
#define PETLUA_CHECK_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_failures;

static void check_report(int ok, const char *file, int line, const char *what)
{
    printf("%s - %s:%d: %s\n", ok ? "ok" : "not ok", file, line, what);
    if (!ok)
        check_failures++;
}

/* A condition. */
#define CHECK(cond) check_report(!!(cond), __FILE__, __LINE__, #cond)

/* Two strings, either of which may be NULL. */
#define CHECK_STR(got, want) do { \
        const char *g_ = (got), *w_ = (want); \
        int ok_ = (g_ == NULL || w_ == NULL) ? g_ == w_ : strcmp(g_, w_) == 0; \
        check_report(ok_, __FILE__, __LINE__, #got " == " #want); \
        if (!ok_) printf("    got:  %s%s%s\n    want: %s%s%s\n", \
                         g_ ? "\"" : "", g_ ? g_ : "NULL", g_ ? "\"" : "", \
                         w_ ? "\"" : "", w_ ? w_ : "NULL", w_ ? "\"" : ""); \
    } while (0)

/* Two integers. */
#define CHECK_INT(got, want) do { \
        long long g_ = (long long)(got), w_ = (long long)(want); \
        check_report(g_ == w_, __FILE__, __LINE__, #got " == " #want); \
        if (g_ != w_) printf("    got:  %lld\n    want: %lld\n", g_, w_); \
    } while (0)

/* A whole file, NUL-terminated, in a malloc'd buffer (*len bytes before the
 * NUL); NULL when it cannot be read. For the tests' fixture files. */
static inline char *check_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    *len = buf ? (size_t)n : 0;
    return buf;
}

/* A "# " line naming an input, its bytes escaped: the output stays one line
 * of text. */
static inline void check_note(const char *s)
{
    printf("# ");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c >= 0x7F)
            printf("\\x%02X", c);
        else
            putchar(c);
    }
    putchar('\n');
}

static inline int check_compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the files in dir, hidden ones left out, sorted: at most max
 * of them into names (each malloc'd: free them), their number returned;
 * -1 when dir cannot be opened. */
static inline long check_list_dir(const char *dir, char **names, size_t max)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return -1;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < max)
        if (e->d_name[0] != '.')
            names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof names[0], check_compare_names);
    return (long)n;
}

static int check_done(void)
{
    return 0; /* failures are counted from the output; a crash shows as a status */
}

#endif
