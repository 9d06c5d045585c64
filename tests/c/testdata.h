/* testdata.h — what the tests' data files share: their escapes and their
 * tables. A data file is UTF-8 text, one entry a line; a line that starts with
 * '#' is a comment and a blank line is ignored. Inside a value,
 *   \n newline   \t tab   \r carriage return   \\ backslash   \xHH the byte HH
 * and no other '\' sequence occurs. A table (NAME.tsv) has its columns
 * separated by tabs. tests/real/README.md describes the formats. */
#ifndef PETLUA_TESTDATA_H
#define PETLUA_TESTDATA_H

#include "check.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline void *testdata_alloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return p;
}

static inline char *testdata_dup(const char *s, size_t n)
{
    char *d = testdata_alloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static inline int testdata_hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* s[0..n) with its escapes decoded, in a malloc'd buffer (*out, *out_len
 * bytes and a NUL); false, nothing allocated, on any other '\' sequence. */
static inline bool testdata_unescape(const char *s, size_t n, char **out, size_t *out_len)
{
    char *d = testdata_alloc(n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\') {
            d[o++] = s[i];
            continue;
        }
        char c = i + 1 < n ? s[++i] : '\0';
        int hi, lo;
        if (c == 'n')
            d[o++] = '\n';
        else if (c == 't')
            d[o++] = '\t';
        else if (c == 'r')
            d[o++] = '\r';
        else if (c == '\\')
            d[o++] = '\\';
        else if (c == 'x' && i + 2 < n && (hi = testdata_hex(s[i + 1])) >= 0 && (lo = testdata_hex(s[i + 2])) >= 0) {
            d[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            free(d);
            return false;
        }
    }
    d[o] = '\0';
    *out = d;
    if (out_len)
        *out_len = o;
    return true;
}

/* ---- tables ---- */

struct testdata_field {
    char *s;
    size_t len;
};

struct testdata_row {
    int line;                      /* in the file, 1-based */
    struct testdata_field *fields;
    size_t n;
};

struct testdata_table {
    struct testdata_row *rows;
    size_t n;
};

/* Reads a table whose every row has n_columns columns, decoded. A file that
 * cannot be read or a malformed row is a failure ("not ok - FILE:LINE: ...");
 * the rows read well are kept. */
static inline bool testdata_read_table(const char *path, size_t n_columns, struct testdata_table *t)
{
    size_t len;
    char *text = check_read_file(path, &len);
    t->rows = NULL;
    t->n = 0;
    if (!text) {
        printf("not ok - %s: cannot be read\n", path);
        check_failures++;
        return false;
    }
    bool good = true;
    size_t cap = 0;
    int no = 0;
    for (char *line = text; line < text + len;) {
        char *end = memchr(line, '\n', (size_t)(text + len - line));
        size_t n = end ? (size_t)(end - line) : (size_t)(text + len - line);
        no++;
        if (n > 0 && line[0] != '#') {
            struct testdata_row row = { no, testdata_alloc(n_columns * sizeof *row.fields), 0 };
            bool ok = true;
            for (const char *at = line, *stop = line + n; ok;) {
                const char *tab = memchr(at, '\t', (size_t)(stop - at));
                const char *cell_end = tab ? tab : stop;
                ok = row.n < n_columns &&
                     testdata_unescape(at, (size_t)(cell_end - at), &row.fields[row.n].s, &row.fields[row.n].len);
                row.n += ok;
                if (!tab)
                    break;
                at = tab + 1;
            }
            if (!ok || row.n != n_columns) {
                printf("not ok - %s:%d: not %zu tab-separated columns with known escapes\n", path, no, n_columns);
                check_failures++;
                good = false;
                for (size_t i = 0; i < row.n; i++)
                    free(row.fields[i].s);
                free(row.fields);
            } else {
                if (t->n == cap) {
                    cap = cap ? cap * 2 : 64;
                    t->rows = realloc(t->rows, cap * sizeof *t->rows);
                    if (!t->rows) {
                        fprintf(stderr, "out of memory\n");
                        exit(1);
                    }
                }
                t->rows[t->n++] = row;
            }
        }
        line += n + 1;
    }
    free(text);
    return good;
}

static inline void testdata_table_free(struct testdata_table *t)
{
    for (size_t r = 0; r < t->n; r++) {
        for (size_t i = 0; i < t->rows[r].n; i++)
            free(t->rows[r].fields[i].s);
        free(t->rows[r].fields);
    }
    free(t->rows);
    t->rows = NULL;
    t->n = 0;
}

#endif
