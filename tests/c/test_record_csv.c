/* test_record_csv.c — a CSV file of records read back, with and without
 * decoding ahead on a thread (record_csv_read_ahead): the same records, the
 * same problems at the same lines and the same end, in the same order;
 * closing a reader part way through, or at once, stops the thread. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "record_csv.h"

#define ROWS 3000   /* more than the thread runs ahead, so that both sides wait */

static char path[] = "/tmp/petlua-test-record-csv.XXXXXX";

/* ROWS records, one in ten with a bad parliament, one in a hundred without
 * an id, and a last row whose quote never closes. */
static void write_file(void)
{
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("id,kind,parliament,keywords,responders,response_text\n", f);
    for (int i = 1; i <= ROWS; i++) {
        if (i % 100 == 0)
            fprintf(f, ",paper,44,,,\n");
        else if (i % 10 == 0)
            fprintf(f, "e-%d,paper,4%dx,,,\n", i, i % 7);
        else
            fprintf(f, "e-%d,petition,%d,\"a\nb%d\",\"M\nN\",\"one\n\ntwo %d\"\n", i, 40 + i % 5, i, i);
    }
    fputs("e-last,paper,44,\"never closed\n", f);
    fclose(f);
}

struct transcript {
    char *text;
    size_t len, cap;
};

static void say(struct transcript *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void say(struct transcript *t, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (t->len + (size_t)n + 1 > t->cap) {
        t->cap = (t->len + (size_t)n + 1) * 2;
        t->text = realloc(t->text, t->cap);
    }
    memcpy(t->text + t->len, line, (size_t)n + 1);
    t->len += (size_t)n;
}

static void on_problem(void *ud, long line, const char *message)
{
    say(ud, "P %ld %s\n", line, message);
}

/* Everything record_csv_next says about the file, as text. */
static char *read_all(bool ahead)
{
    char err[256];
    struct record_csv_reader *r = record_csv_open(path, err, sizeof err);
    CHECK(r != NULL);
    if (!r)
        return strdup("");
    if (ahead)
        CHECK(record_csv_read_ahead(r) == 0);
    struct transcript t = {0};
    struct record *rec;
    int rc;
    while ((rc = record_csv_next(r, &rec, on_problem, &t)) == 1) {
        say(&t, "R %s %s %ld %zu %zu %s\n", rec->id, rec->kind, rec->parliament, rec->n_keywords,
            rec->n_responses, rec->response_text ? rec->response_text : "-");
        record_free(rec);
    }
    say(&t, "E %d %s\n", rc, rc < 0 ? record_csv_error(r) : "");
    CHECK(record_csv_next(r, &rec, on_problem, &t) == rc);   /* the end, again */
    record_csv_close(r);
    return t.text;
}

static void test_same_with_and_without(void)
{
    char *plain = read_all(false);
    char *ahead = read_all(true);
    CHECK(strlen(plain) > (size_t)ROWS * 10);
    CHECK(strstr(plain, "P 47 column parliament: not an integer: \"43x\"") != NULL);  /* a good row takes 5 lines */
    CHECK(strstr(plain, "no id: row skipped") != NULL);
    CHECK(strstr(plain, "R e-1 petition 41 2 2 one\n\ntwo 1\n") != NULL);
    CHECK(strstr(plain, "E -1 ") != NULL);                   /* the quote never closed */
    CHECK(strcmp(plain, ahead) == 0);
    free(plain);
    free(ahead);
}

static void test_close_early(void)
{
    char err[256];
    for (int taken = 0; taken <= 3; taken += 3) {
        struct record_csv_reader *r = record_csv_open(path, err, sizeof err);
        CHECK(r != NULL && record_csv_read_ahead(r) == 0);
        struct transcript t = {0};
        struct record *rec;
        for (int i = 0; i < taken; i++) {
            CHECK(record_csv_next(r, &rec, on_problem, &t) == 1);
            record_free(rec);
        }
        if (taken == 3)
            usleep(20000);                                   /* let the thread fill its ring */
        record_csv_close(r);                                 /* stops it; frees what it held */
        free(t.text);
    }
    CHECK(1);                                                /* no hang, no leak (ASan, valgrind) */
}

int main(void)
{
    write_file();
    test_same_with_and_without();
    test_close_early();
    unlink(path);
    return check_done();
}
