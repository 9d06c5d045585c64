/* test_pageload.c — the pageload core: one page from memory, many files on
 * worker threads (the same results in the same order whatever the number of
 * threads), the messages of files that are not pages, and folder listing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "pageload.h"

static char tmpdir[] = "/tmp/petlua-test-pageload.XXXXXX";

static void spit(const char *name, const char *text, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void test_text(void)
{
    size_t len;
    char *page = check_read_file("made-up/examples/en-e-9101.txt", &len);
    CHECK(page != NULL);
    struct pageload_result r = {.outcome = PAGELOAD_PENDING};
    pageload_text(page, len, "p.txt", NULL, &r);
    CHECK_INT(r.outcome, PAGELOAD_RECORD);
    CHECK_STR(r.rec ? r.rec->id : NULL, "e-9101");
    CHECK_STR(r.rec ? r.rec->source : NULL, "p.txt");
    pageload_result_clear(&r);
    CHECK(r.rec == NULL);
    pageload_result_clear(&r);                  /* twice is harmless */
    free(page);

    /* HTML: rendered first; the record is the text page's */
    page = check_read_file("tests/pages/html/en-e-9101.html", &len);
    pageload_text(page, len, "p.html", NULL, &r);
    CHECK_INT(r.outcome, PAGELOAD_RECORD);
    CHECK_STR(r.rec ? r.rec->id : NULL, "e-9101");
    pageload_result_clear(&r);
    free(page);

    pageload_text("hello\nworld\n", 12, "x.txt", NULL, &r);
    CHECK_INT(r.outcome, PAGELOAD_FAILED);
    CHECK_INT(r.err_line, 0);
    CHECK_STR(r.err, "not a petition page: no title line (ID (Topic))");
    pageload_text("", 0, "x.txt", NULL, &r);
    CHECK_INT(r.outcome, PAGELOAD_FAILED);
    CHECK_STR(r.err, "empty file");
}

/* The files of the test, and what each gives. */
struct expect {
    const char *path;
    enum pageload_outcome outcome;
    const char *id_or_err;
};

static void check_load(const struct expect *e, size_t n, int threads, size_t max_bytes)
{
    struct pageload *job = pageload_new(n, max_bytes, NULL);
    CHECK(job != NULL);
    if (job == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        CHECK_INT(pageload_set_path(job, i, e[i].path), 0);
    pageload_start(job, threads);
    int wrong = 0;
    for (size_t i = 0; i < n; i++) {
        const struct pageload_result *r = pageload_wait(job, i);
        const char *got = r->outcome == PAGELOAD_RECORD ? r->rec->id
                        : r->outcome == PAGELOAD_FAILED ? r->err : "";
        if (r->outcome != e[i].outcome || strcmp(got, e[i].id_or_err) != 0) {
            printf("    threads %d, %s: outcome %d \"%s\"\n", threads, e[i].path, (int)r->outcome, got);
            wrong++;
        }
        pageload_done(job, i);
    }
    CHECK_INT(wrong, 0);
    pageload_free(job);
}

static void test_files(void)
{
    char empty[128], csv[128], junk[128];
    spit("empty.txt", "", empty, sizeof empty);
    spit("records.csv", "id,url,kind\ne-1,,e-petition\n", csv, sizeof csv);
    spit("junk.txt", "nothing here\n", junk, sizeof junk);
    const struct expect files[] = {
        {"made-up/examples/en-e-9101.txt", PAGELOAD_RECORD, "e-9101"},
        {"made-up/examples/fr-e-9101.txt", PAGELOAD_RECORD, "e-9101"},
        {"made-up/examples/en-441-09002.txt", PAGELOAD_RECORD, "441-09002"},
        {"tests/pages/html/en-e-9105.html", PAGELOAD_RECORD, "e-9105"},
        {"made-up/examples/en-e-9103.txt", PAGELOAD_RECORD, "e-9103"},
        {"made-up/examples//en-e-9104.txt", PAGELOAD_RECORD, "e-9104"},
        {"made-up/examples/no-such-page.txt", PAGELOAD_FAILED, "cannot open: No such file or directory"},
        {"made-up/examples", PAGELOAD_FAILED, "not a regular file (a folder)"},
        {empty, PAGELOAD_FAILED, "empty file"},
        {csv, PAGELOAD_CSV, ""},
        {junk, PAGELOAD_FAILED, "not a petition page: no title line (ID (Topic))"},
        {"data/e-2559.txt", PAGELOAD_RECORD, "e-2559"},
    };
    size_t n = sizeof files / sizeof files[0];
    for (int threads = 1; threads <= 4; threads++)
        check_load(files, n, threads, (size_t)16 << 20);

    /* over max_bytes: not read */
    const struct expect big[] = {
        {"data/e-2559.txt", PAGELOAD_FAILED, "file is larger than the limit of 1 KB (8.7 KB)"},
        {csv, PAGELOAD_CSV, ""},                /* a CSV file is streamed, whatever its size */
    };
    check_load(big, 2, 2, 1024);
    unlink(empty);
    unlink(csv);
    unlink(junk);
}

/* Freed after a few results, with files still being read: the workers stop,
 * nothing leaks (check-asan). */
static void test_early_free(void)
{
    enum { N = 400 };
    struct pageload *job = pageload_new(N, (size_t)16 << 20, NULL);
    for (size_t i = 0; i < N; i++)
        pageload_set_path(job, i, i % 2 ? "made-up/examples/en-e-9101.txt" : "data/e-2559.txt");
    pageload_start(job, 3);
    for (size_t i = 0; i < 3; i++) {
        CHECK_INT(pageload_wait(job, i)->outcome, PAGELOAD_RECORD);
        pageload_done(job, i);
    }
    pageload_free(job);
    pageload_free(NULL);                        /* harmless */
    job = pageload_new(0, 1, NULL);                   /* no files at all */
    pageload_start(job, 2);
    pageload_free(job);
    CHECK(1);
}

static void test_list_dir(void)
{
    struct pageload_dir d;
    char err[200];
    CHECK_INT(pageload_list_dir("tests/pages/html", &d, err, sizeof err), 0);
    CHECK_INT(d.n, 3);
    if (d.n == 3) {
        CHECK_STR(d.entries[0].name, "en-e-9101.html");
        CHECK_STR(d.entries[1].name, "en-e-9105.html");
        CHECK_STR(d.entries[2].name, "fr-e-9101.html");
        CHECK_STR(d.entries[0].kind, "file");
    }
    pageload_dir_free(&d);
    CHECK_INT(d.n, 0);
    CHECK_INT(pageload_list_dir("tests/pages", &d, err, sizeof err), 0);
    int folders = 0;
    for (size_t i = 0; i < d.n; i++)
        folders += strcmp(d.entries[i].kind, "directory") == 0;
    CHECK_INT(folders, 5);                      /* examples, html, not-pages, real-like, small */
    pageload_dir_free(&d);
    CHECK_INT(pageload_list_dir("tests/no-such-folder", &d, err, sizeof err), -1);
    CHECK_STR(err, "cannot read folder: No such file or directory");
    CHECK_INT(d.n, 0);
}

int main(void)
{
    if (mkdtemp(tmpdir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    test_text();
    test_files();
    test_early_free();
    test_list_dir();
    rmdir(tmpdir);
    return check_done();
}
