/* test_csv.c — the CSV core: reading (quotes, BOM, CRLF, embedded line
 * breaks, line numbers, errors) at several block sizes, and writing (quoting,
 * atomic replacement, write errors on /dev/full and a closed pipe). */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "csvio.h"

/* ---- reading ---- */

static void append(char *out, size_t size, const char *s, size_t n)
{
    size_t len = strlen(out);
    if (len + n >= size)
        n = size - len - 1;
    memcpy(out + len, s, n);
    out[len + n] = '\0';
}

/* Reads input and renders every row as LINE[f1|f2|...], rows separated by a
 * space, then " ERR(message)" on an error. */
static void render(const char *input, size_t len, char sep, size_t max_fields,
                   size_t block, char *out, size_t size)
{
    out[0] = '\0';
    FILE *fp = fmemopen((void *)input, len ? len : 1, "rb");
    if (len == 0) {             /* fmemopen needs a size of at least 1 */
        fclose(fp);
        fp = fopen("/dev/null", "rb");
    }
    struct csvr_options opt = {sep, block, max_fields};
    char err[256];
    struct csv_reader *r = csvr_open_stream(fp, "t.csv", &opt, err, sizeof err);
    if (r == NULL) {
        snprintf(out, size, "OPEN(%s)", err);
        fclose(fp);
        return;
    }
    struct csv_row row;
    int rc;
    while ((rc = csvr_next(r, &row)) == 1) {
        char head[32];
        snprintf(head, sizeof head, "%s%ld[", out[0] ? " " : "", row.line);
        append(out, size, head, strlen(head));
        for (size_t i = 0; i < row.n; i++) {
            if (i > 0)
                append(out, size, "|", 1);
            append(out, size, row.field[i], row.len[i]);
            if (row.field[i][row.len[i]] != '\0')
                append(out, size, "<no NUL>", 8);
        }
        append(out, size, "]", 1);
    }
    if (rc < 0) {
        append(out, size, " ERR(", 5);
        append(out, size, csvr_error(r), strlen(csvr_error(r)));
        append(out, size, ")", 1);
        if (csvr_next(r, &row) != -1)
            append(out, size, " <error did not stick>", 22);
    }
    csvr_close(r);
    fclose(fp);
}

struct read_case {
    const char *name;
    const char *input;
    char sep;
    size_t max_fields;
    const char *want;
};

static const struct read_case read_cases[] = {
    {"plain", "a,b\nc,d\n", 0, 0, "1[a|b] 2[c|d]"},
    {"no final line break", "a,b\nc,d", 0, 0, "1[a|b] 2[c|d]"},
    {"CRLF", "a,b\r\nc,d\r\n", 0, 0, "1[a|b] 2[c|d]"},
    {"lone CR", "a\rb\r", 0, 0, "1[a] 2[b]"},
    {"BOM", "\xEF\xBB\xBFid,x\n1,2\n", 0, 0, "1[id|x] 2[1|2]"},
    {"BOM only", "\xEF\xBB\xBF", 0, 0, ""},
    {"BOM not at start is data", "a\n\xEF\xBB\xBF" "b\n", 0, 0, "1[a] 2[\xEF\xBB\xBF" "b]"},
    {"empty", "", 0, 0, ""},
    {"separator in quotes", "\"a,b\",c\n", 0, 0, "1[a,b|c]"},
    {"doubled quotes", "\"say \"\"hi\"\"\",x\n", 0, 0, "1[say \"hi\"|x]"},
    {"only a doubled quote", "\"\"\"\"\n", 0, 0, "1[\"]"},
    {"LF in quotes", "\"l1\nl2\",x\ny,z\n", 0, 0, "1[l1\nl2|x] 3[y|z]"},
    {"CRLF in quotes", "\"l1\r\nl2\",x\r\ny,z\r\n", 0, 0, "1[l1\r\nl2|x] 3[y|z]"},
    {"two fields with breaks", "\"a\n\nb\",\"c\nd\"\ne\n", 0, 0, "1[a\n\nb|c\nd] 5[e]"},
    {"blank lines skipped", "a\n\n\nb\n", 0, 0, "1[a] 4[b]"},
    {"blank CRLF lines", "a\r\n\r\nb\r\n", 0, 0, "1[a] 3[b]"},
    {"leading blank lines", "\n\r\na\n", 0, 0, "3[a]"},
    {"empty fields", "a,,\n,,\n", 0, 0, "1[a||] 2[||]"},
    {"spaces kept", " a , b \n", 0, 0, "1[ a | b ]"},
    {"quoted empty", "\"\"\n", 0, 0, "1[]"},
    {"quoted at end of file", "a,\"b\"", 0, 0, "1[a|b]"},
    {"bare quote kept", "a\"b,c\nd\n", 0, 0, "1[a\"b|c] 2[d]"},
    {"two bare quotes", "5\" x 7\",y\n", 0, 0, "1[5\" x 7\"|y]"},
    {"UTF-8", "\xC3\xA9t\xC3\xA9,na\xC3\xAFve\n", 0, 0, "1[\xC3\xA9t\xC3\xA9|na\xC3\xAFve]"},
    {"semicolon", "a;b,c\n", ';', 0, "1[a|b,c]"},
    {"tab", "a\tb c\n\"x\ty\"\tz\n", '\t', 0, "1[a|b c] 2[x\ty|z]"},
    {"text after a closing quote", "x\n\"ab\"c,d\n", 0, 0,
     "1[x] ERR(t.csv:2: text after a closing quote)"},
    {"text after a closing quote, 2nd line of field", "\"a\nb\"c\n", 0, 0,
     " ERR(t.csv:2: text after a closing quote)"},
    {"space after a closing quote", "\"a\" ,b\n", 0, 0,
     " ERR(t.csv:1: text after a closing quote)"},
    {"unclosed quote", "a,b\nc,\"open\nmore\n", 0, 0,
     "1[a|b] ERR(t.csv:2: unclosed quote)"},
    {"unclosed quote after breaks", "a\r\n\r\n\"x\"\"\n", 0, 0,
     "1[a] ERR(t.csv:3: unclosed quote)"},
    {"row longer than header", "a,b\nc,d,e\nf\n", 0, 2,
     "1[a|b] ERR(t.csv:2: row has 3 fields, header has 2)"},
    {"long row after a quoted break", "a,b\n\"x\ny\",1,2,3\n", 0, 2,
     "1[a|b] ERR(t.csv:2: row has 4 fields, header has 2)"},
    {"shorter rows are fine", "a,b\nc\n", 0, 2, "1[a|b] 2[c]"},
};

static void test_reading(void)
{
    static const size_t blocks[] = {1, 2, 3, 5, 0};
    char got[1024], label[256];
    for (size_t i = 0; i < sizeof read_cases / sizeof *read_cases; i++) {
        const struct read_case *c = &read_cases[i];
        for (size_t b = 0; b < sizeof blocks / sizeof *blocks; b++) {
            render(c->input, strlen(c->input), c->sep, c->max_fields, blocks[b], got, sizeof got);
            int ok = strcmp(got, c->want) == 0;
            snprintf(label, sizeof label, "read: %s (block %zu)", c->name, blocks[b]);
            check_report(ok, __FILE__, __LINE__, label);
            if (!ok)
                printf("    got:  %s\n    want: %s\n", got, c->want);
        }
    }
}

/* A NUL byte is data. */
static void test_nul_byte(void)
{
    FILE *fp = fmemopen("a\0b,c\n", 6, "rb");
    char err[128];
    struct csv_reader *r = csvr_open_stream(fp, "nul.csv", NULL, err, sizeof err);
    struct csv_row row;
    CHECK_INT(csvr_next(r, &row), 1);
    CHECK(row.n == 2 && row.len[0] == 3 && memcmp(row.field[0], "a\0b", 3) == 0);
    CHECK_STR(row.field[1], "c");
    CHECK_INT(csvr_next(r, &row), 0);
    csvr_close(r);
    fclose(fp);
}

/* A field much larger than a block, and many rows: streamed, in order. */
static void test_large(void)
{
    size_t big = 200000;
    char *input = malloc(big + 64);
    strcpy(input, "h\n\"");
    size_t n = 3;
    for (size_t i = 0; i < big; i++)
        input[n++] = (i % 1000 == 999) ? '\n' : (char)('a' + i % 26);
    n += (size_t)sprintf(input + n, "\"\nlast\n");
    FILE *fp = fmemopen(input, n, "rb");
    struct csvr_options opt = {0, 4096, 0};
    char err[128];
    struct csv_reader *r = csvr_open_stream(fp, "big.csv", &opt, err, sizeof err);
    struct csv_row row;
    CHECK_INT(csvr_next(r, &row), 1);
    CHECK_INT(row.line, 1);
    CHECK_INT(csvr_next(r, &row), 1);
    CHECK_INT(row.line, 2);
    CHECK_INT(row.len[0], big);
    CHECK_INT(memcmp(row.field[0], input + 3, big), 0);
    CHECK_INT(csvr_next(r, &row), 1);
    CHECK_INT(row.line, 3 + (long)(big / 1000));
    CHECK_STR(row.field[0], "last");
    CHECK_INT(csvr_next(r, &row), 0);
    CHECK_INT(csvr_next(r, &row), 0);
    csvr_close(r);
    fclose(fp);
    free(input);
}

static void test_open_errors(void)
{
    char err[256];
    CHECK(csvr_open("no/such/file.csv", NULL, err, sizeof err) == NULL);
    CHECK_STR(err, "no/such/file.csv: No such file or directory");
    CHECK(csvr_open("tests", NULL, err, sizeof err) == NULL);
    CHECK_STR(err, "tests: Is a directory");
}

/* ---- writing ---- */

static char tmpdir[] = "/tmp/petlua-test-csv.XXXXXX";

static void spit(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    fputs(text, fp);
    fclose(fp);
}

/* Names in tmpdir other than the ones expected: temporary files left behind. */
static int count_files(void)
{
    DIR *d = opendir(tmpdir);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n;
}

struct write_case {
    const char *name;
    const char *fields[4];   /* NULL-terminated */
    char sep;
    bool crlf;
    const char *want;
};

static const struct write_case write_cases[] = {
    {"plain", {"a", "b", NULL}, 0, false, "a,b\n"},
    {"separator", {"a,b", "c", NULL}, 0, false, "\"a,b\",c\n"},
    {"quotes doubled", {"say \"hi\"", NULL}, 0, false, "\"say \"\"hi\"\"\"\n"},
    {"only a quote", {"\"", NULL}, 0, false, "\"\"\"\"\n"},
    {"LF", {"l1\nl2", "x", NULL}, 0, false, "\"l1\nl2\",x\n"},
    {"CR", {"cr\r", NULL}, 0, false, "\"cr\r\"\n"},
    {"one empty field", {"", NULL}, 0, false, "\"\"\n"},
    {"two empty fields", {"", "", NULL}, 0, false, ",\n"},
    {"spaces not quoted", {" sp ", NULL}, 0, false, " sp \n"},
    {"UTF-8", {"\xC3\xA9t\xC3\xA9", NULL}, 0, false, "\xC3\xA9t\xC3\xA9\n"},
    {"CRLF", {"a", "b", NULL}, 0, true, "a,b\r\n"},
    {"semicolon", {"a;b", "c,d", NULL}, ';', false, "\"a;b\";c,d\n"},
    {"tab", {"a\tb", "c", NULL}, '\t', false, "\"a\tb\"\tc\n"},
};

static void test_writing(void)
{
    char path[128], err[256], label[128];
    snprintf(path, sizeof path, "%s/w.csv", tmpdir);
    for (size_t i = 0; i < sizeof write_cases / sizeof *write_cases; i++) {
        const struct write_case *c = &write_cases[i];
        struct csvw_options opt = {c->sep, c->crlf, false};
        struct csv_writer *w = csvw_open(path, &opt, err, sizeof err);
        for (size_t f = 0; c->fields[f]; f++)
            csvw_field(w, c->fields[f], strlen(c->fields[f]));
        csvw_end_row(w);
        int rc = csvw_close(w);
        csvw_free(w);
        size_t len;
        char *got = check_read_file(path, &len);
        int ok = rc == 0 && got && strcmp(got, c->want) == 0;
        snprintf(label, sizeof label, "write: %s", c->name);
        check_report(ok, __FILE__, __LINE__, label);
        if (!ok)
            printf("    rc %d\n    got:  %s\n    want: %s\n", rc, got ? got : "NULL", c->want);
        free(got);
    }
    unlink(path);
}

/* What the writer writes, the reader reads back, beyond one buffer. */
static void test_write_read_back(void)
{
    char path[128], err[256];
    snprintf(path, sizeof path, "%s/back.csv", tmpdir);
    size_t big = 150000;
    char *field = malloc(big);
    for (size_t i = 0; i < big; i++)
        field[i] = "ab\",\n\r c"[i % 8];
    struct csv_writer *w = csvw_open(path, NULL, err, sizeof err);
    const char *fields[] = {"x", field, ""};
    const size_t lens[] = {1, big, 0};
    for (int i = 0; i < 3; i++)
        csvw_row(w, 3, fields, lens);
    CHECK_INT(csvw_close(w), 0);
    csvw_free(w);
    struct csv_reader *r = csvr_open(path, NULL, err, sizeof err);
    struct csv_row row;
    int rows = 0;
    while (csvr_next(r, &row) == 1) {
        rows++;
        CHECK(row.n == 3 && row.len[1] == big && memcmp(row.field[1], field, big) == 0
              && row.len[2] == 0);
    }
    CHECK_STR(csvr_error(r), "");
    CHECK_INT(rows, 3);
    CHECK_INT(row.line, 1 + 2 * ((long)(big / 8 * 2) + 1));  /* "\n" and "\r " per 8 bytes */
    csvr_close(r);
    free(field);
    unlink(path);
}

static void test_atomic(void)
{
    char path[128], err[256];
    snprintf(path, sizeof path, "%s/keep.csv", tmpdir);
    spit(path, "old\n");
    chmod(path, 0640);

    /* Discarded: the old file stays, no temporary file is left. */
    struct csv_writer *w = csvw_open(path, NULL, err, sizeof err);
    csvw_row(w, 1, (const char *[]){"new"}, (size_t[]){3});
    csvw_flush(w);
    CHECK_INT(count_files(), 2);      /* keep.csv and the temporary file */
    csvw_discard(w);
    csvw_free(w);
    size_t len;
    char *got = check_read_file(path, &len);
    CHECK_STR(got, "old\n");
    free(got);
    CHECK_INT(count_files(), 1);

    /* Freed without close: discarded too. */
    w = csvw_open(path, NULL, err, sizeof err);
    csvw_row(w, 1, (const char *[]){"new"}, (size_t[]){3});
    csvw_free(w);
    got = check_read_file(path, &len);
    CHECK_STR(got, "old\n");
    free(got);
    CHECK_INT(count_files(), 1);

    /* Closed: replaced, mode kept. */
    struct csvw_options opt = {0, false, true};
    w = csvw_open(path, &opt, err, sizeof err);
    csvw_row(w, 1, (const char *[]){"new"}, (size_t[]){3});
    CHECK_INT(csvw_close(w), 0);
    CHECK_INT(csvw_close(w), 0);      /* twice is harmless */
    csvw_free(w);
    got = check_read_file(path, &len);
    CHECK_STR(got, "new\n");
    free(got);
    struct stat st;
    stat(path, &st);
    CHECK_INT(st.st_mode & 07777, 0640);
    CHECK_INT(count_files(), 1);

    /* Through a symbolic link: the target is replaced, the link stays. */
    char link[160];
    snprintf(link, sizeof link, "%s/link.csv", tmpdir);
    symlink("keep.csv", link);
    w = csvw_open(link, NULL, err, sizeof err);
    csvw_row(w, 1, (const char *[]){"via link"}, (size_t[]){8});
    CHECK_INT(csvw_close(w), 0);
    csvw_free(w);
    got = check_read_file(path, &len);
    CHECK_STR(got, "via link\n");
    free(got);
    CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
    CHECK_INT(count_files(), 2);
    unlink(link);
    unlink(path);
}

/* Discarding open writers, as the host does for those never closed when it
 * exits without freeing them: the old file stays, no temporary file is
 * left, a closed writer is left alone, direct output is flushed. */
static void test_discard(void)
{
    char path[128], closed_path[128], err[256];
    snprintf(path, sizeof path, "%s/open.csv", tmpdir);
    snprintf(closed_path, sizeof closed_path, "%s/closed.csv", tmpdir);
    spit(path, "old\n");
    int pipe_fd[2];
    CHECK_INT(pipe(pipe_fd), 0);

    struct csv_writer *open_w = csvw_open(path, NULL, err, sizeof err);
    struct csv_writer *closed_w = csvw_open(closed_path, NULL, err, sizeof err);
    struct csv_writer *direct_w = csvw_open_fd(pipe_fd[1], "pipe", NULL, err, sizeof err);
    csvw_row(open_w, 1, (const char *[]){"new"}, (size_t[]){3});
    csvw_row(closed_w, 1, (const char *[]){"kept"}, (size_t[]){4});
    csvw_row(direct_w, 1, (const char *[]){"buffered"}, (size_t[]){8});
    CHECK_INT(csvw_close(closed_w), 0);
    CHECK_INT(count_files(), 3);      /* open.csv, its temporary file, closed.csv */

    csvw_discard(open_w);
    csvw_discard(closed_w);           /* closed already: nothing to do */
    csvw_discard(direct_w);
    size_t len;
    char *got = check_read_file(path, &len);
    CHECK_STR(got, "old\n");         /* discarded: the old file stays */
    free(got);
    got = check_read_file(closed_path, &len);
    CHECK_STR(got, "kept\n");        /* a closed writer is left alone */
    free(got);
    CHECK_INT(count_files(), 2);      /* the temporary file is gone */
    char piped[32] = "";
    ssize_t n = read(pipe_fd[0], piped, sizeof piped - 1);
    CHECK_INT(n, 9);                  /* direct output flushed */
    piped[n > 0 ? n : 0] = '\0';
    CHECK_STR(piped, "buffered\n");

    csvw_discard(open_w);             /* twice: harmless */
    csvw_free(open_w);
    csvw_free(closed_w);
    csvw_free(direct_w);
    close(pipe_fd[0]);
    close(pipe_fd[1]);
    unlink(path);
    unlink(closed_path);
    CHECK_INT(count_files(), 0);
}

/* A new file gets the permissions any file the process creates gets (0666
 * less the umask), with no umask read or set by the writer. */
static void test_new_file_mode(void)
{
    char path[128], err[256];
    snprintf(path, sizeof path, "%s/new.csv", tmpdir);
    mode_t old = umask(027);
    struct csv_writer *w = csvw_open(path, NULL, err, sizeof err);
    csvw_row(w, 1, (const char *[]){"x"}, (size_t[]){1});
    CHECK_INT(csvw_close(w), 0);
    csvw_free(w);
    CHECK_INT(umask(old), 027);       /* left as it was */
    struct stat st;
    CHECK(stat(path, &st) == 0);
    CHECK_INT(st.st_mode & 07777, 0640);
    unlink(path);
}

static void test_open_for_writing_errors(void)
{
    char err[256], path[160];
    snprintf(path, sizeof path, "%s/no/x.csv", tmpdir);
    CHECK(csvw_open(path, NULL, err, sizeof err) == NULL);
    char want[256];
    snprintf(want, sizeof want, "cannot write '%s' (No such file or directory)", path);
    CHECK_STR(err, want);
    CHECK(csvw_open(tmpdir, NULL, err, sizeof err) == NULL);
    snprintf(want, sizeof want, "cannot write '%s' (Is a directory)", tmpdir);
    CHECK_STR(err, want);
}

static void test_dev_full(void)
{
    char err[256];
    struct csv_writer *w = csvw_open("/dev/full", NULL, err, sizeof err);
    CHECK(w != NULL);
    if (w == NULL)
        return;
    CHECK_INT(csvw_row(w, 1, (const char *[]){"x"}, (size_t[]){1}), 0);  /* buffered */
    CHECK_INT(csvw_close(w), -1);
    CHECK_STR(csvw_error(w), "cannot write '/dev/full' (No space left on device)");
    CHECK_INT(csvw_row(w, 1, (const char *[]){"x"}, (size_t[]){1}), -1);  /* sticks */
    csvw_free(w);
    struct stat st;
    CHECK(stat("/dev/full", &st) == 0 && S_ISCHR(st.st_mode));   /* never renamed over */
}

/* A closed pipe, in a process that ignores SIGPIPE (as the host makes
 * petlua): EPIPE reported; the writer leaves signals alone. */
static void test_closed_pipe(void)
{
    int fds[2];
    if (pipe(fds) != 0)
        return;
    close(fds[0]);
    signal(SIGPIPE, SIG_IGN);
    char err[256];
    struct csv_writer *w = csvw_open_fd(fds[1], "pipe", NULL, err, sizeof err);
    csvw_row(w, 1, (const char *[]){"x"}, (size_t[]){1});
    CHECK_INT(csvw_flush(w), -1);
    CHECK_STR(csvw_error(w), "cannot write 'pipe' (Broken pipe)");
    csvw_free(w);
    close(fds[1]);
    struct sigaction now;
    sigaction(SIGPIPE, NULL, &now);
    CHECK(now.sa_handler == SIG_IGN);
    signal(SIGPIPE, SIG_DFL);
}

int main(void)
{
    if (mkdtemp(tmpdir) == NULL) {
        printf("not ok - mkdtemp: %s\n", strerror(errno));
        return 1;
    }
    test_reading();
    test_nul_byte();
    test_large();
    test_open_errors();
    test_writing();
    test_write_read_back();
    test_atomic();
    test_discard();
    test_new_file_mode();
    test_open_for_writing_errors();
    test_dev_full();
    test_closed_pipe();
    CHECK_STR(csvio_libcsv_version(), "3.0.3");
    rmdir(tmpdir);
    return check_done();
}
