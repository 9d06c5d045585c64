/* test_expect.c — every expectation file of the project (each NAME.expect under
 * tests/, format in tests/real/README.md): its page parsed as petlua.load reads it,
 * the derived fields worked out as of the file's as_of, and every field of
 * the record compared with the value read on the page by hand (expect.h).
 * tests/lua/test_expect.lua compares petlua's record tables with the same
 * files.
 *
 * The real pages (tests/real/) keep their rule on the topic: a French page's
 * topic is reported as skipped, not passed, while it differs only for want of
 * the topic vocabulary. Their accuracy is the line before the last: fields
 * right of fields checked. */
#include "check.h"
#include "expect.h"
#include "vocab.h"

#include <dirent.h>
#include <sys/stat.h>

#define ROOT "tests"
#define REAL "tests/real/"

struct paths {
    char **items;
    size_t n, cap;
};

static void paths_add(struct paths *ps, const char *path)
{
    if (ps->n == ps->cap) {
        ps->cap = ps->cap ? ps->cap * 2 : 128;
        ps->items = realloc(ps->items, ps->cap * sizeof *ps->items);
        if (!ps->items) {
            fprintf(stderr, "out of memory\n");
            exit(1);
        }
    }
    ps->items[ps->n++] = testdata_dup(path, strlen(path));
}

/* The NAME.expect files under dir, at any depth (hidden entries passed over). */
static void find_expects(const char *dir, struct paths *ps)
{
    DIR *d = opendir(dir);
    if (!d) {
        printf("not ok - %s: cannot be read\n", dir);
        check_failures++;
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        size_t k = strlen(e->d_name);
        char *path = testdata_alloc(strlen(dir) + k + 2);
        sprintf(path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            find_expects(path, ps);
        else if (k > 7 && strcmp(e->d_name + k - 7, ".expect") == 0)
            paths_add(ps, path);
        free(path);
    }
    closedir(d);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The shipped vocabularies, as petlua.load reads them. */
static struct vocab *shipped_vocab(void)
{
    static const struct { enum vocab_file file; const char *path; const char *lang; } files[] = {
        {VOCAB_DEPARTMENTS, "vocab/departments.csv", NULL},
        {VOCAB_TOPICS, "vocab/topics.csv", NULL},
        {VOCAB_LABELS, "vocab/labels_fr.csv", "fr"},
    };
    struct vocab *v = vocab_new();
    char err[512];
    for (size_t i = 0; v && i < sizeof files / sizeof files[0]; i++) {
        if (vocab_add_file(v, files[i].file, files[i].lang, files[i].path, err, sizeof err) != 0) {
            printf("not ok - %s\n", err);
            check_failures++;
        }
    }
    return v;
}

int main(void)
{
    struct paths ps = { 0 };
    struct vocab *vocab = shipped_vocab();
    find_expects(ROOT, &ps);
    qsort(ps.items, ps.n, sizeof *ps.items, by_name);
    struct tally real = { 0, 0 }, all = { 0, 0 };
    size_t n_real = 0;
    for (size_t i = 0; i < ps.n; i++) {
        bool is_real = strncmp(ps.items[i], REAL, strlen(REAL)) == 0;
        struct expect_rules rules = { .vocab = vocab };
        struct expect_file ef;
        struct tally t = { 0, 0 };
        if (expect_read(ps.items[i], &ef))
            expect_check(&ef, &rules, &t);
        expect_file_free(&ef);
        n_real += is_real;
        if (is_real)
            real.right += t.right, real.checked += t.checked;
        all.right += t.right, all.checked += t.checked;
        free(ps.items[i]);
    }
    free(ps.items);
    vocab_free(vocab);
    check_report(n_real >= 69, __FILE__, __LINE__, "every real page has its expectation (69 or more)");
    check_report(ps.n >= 133, __FILE__, __LINE__, "every expectation file is there (133 or more)");
    printf("# %zu real pages: %d of %d fields right\n", n_real, real.right, real.checked);
    printf("# %zu expectation files: %d of %d fields right\n", ps.n, all.right, all.checked);
    return check_done();
}
