/* fuzz_csv.c — the CSV reader on arbitrary bytes, in small blocks so that
 * quotes, CRLF and UTF-8 sequences get cut at block edges; then the rows read
 * are written back and read again, and must come out the same. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every field of every row, as "len:bytes" records, for comparison. */
struct dump {
    char *buf;
    size_t len;
    FILE *f;
};

static int read_all(FILE *in, size_t block, struct dump *d)
{
    struct csvr_options opt = {.sep = 0, .block_size = block, .max_fields = 0};
    char err[256];
    struct csv_reader *r = csvr_open_stream(in, "fuzz.csv", &opt, err, sizeof err);
    if (r == NULL)
        return -1;
    d->f = open_memstream(&d->buf, &d->len);
    struct csv_row row;
    int rc;
    long last_line = 0;
    while ((rc = csvr_next(r, &row)) == 1) {
        if (row.line < last_line || row.n == 0)
            abort();
        last_line = row.line;
        for (size_t i = 0; i < row.n; i++) {
            if (row.field[i][row.len[i]] != '\0')
                abort();
            fprintf(d->f, "%zu:", row.len[i]);
            fwrite(row.field[i], 1, row.len[i], d->f);
        }
        fputc('\n', d->f);
    }
    if (rc == -1 && strncmp(csvr_error(r), "fuzz.csv:", 9) != 0)
        abort();
    fclose(d->f);
    csvr_close(r);
    return rc;
}

/* Writes the rows of the first reading to a memory stream through csvw. */
static FILE *write_back(const uint8_t *data, size_t size, size_t block, char **buf, size_t *len)
{
    FILE *in = fmemopen((void *)data, size, "r");
    if (in == NULL)
        return NULL;
    struct csvr_options opt = {.sep = 0, .block_size = block, .max_fields = 0};
    char err[256];
    struct csv_reader *r = csvr_open_stream(in, "fuzz.csv", &opt, err, sizeof err);
    FILE *out = open_memstream(buf, len);
    struct csv_writer *w = r ? csvw_open_stream(out, "out", NULL, err, sizeof err) : NULL;
    struct csv_row row;
    while (w != NULL && csvr_next(r, &row) == 1)
        csvw_row(w, row.n, row.field, row.len);
    if (w != NULL) {
        csvw_close(w);
        csvw_free(w);
    }
    csvr_close(r);
    fclose(in);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t block = 1 + data[0] % 7;       /* tiny blocks: cuts everywhere */
    data++, size--;
    if (size == 0)
        return 0;                          /* fmemopen refuses size 0 */
    FILE *in = fmemopen((void *)data, size, "r");
    if (in == NULL)
        return 0;
    struct dump first = {0};
    int rc = read_all(in, block, &first);
    fclose(in);
    if (rc == 0) {             /* a clean file: round trip */
        char *csv = NULL;
        size_t csv_len = 0;
        FILE *out = write_back(data, size, block, &csv, &csv_len);
        if (out != NULL) {
            fclose(out);
            FILE *again = fmemopen(csv, csv_len ? csv_len : 1, "r");
            struct dump second = {0};
            if (again != NULL && csv_len > 0 && read_all(again, block, &second) == 0 &&
                (second.len != first.len || memcmp(second.buf, first.buf, first.len) != 0))
                abort();
            if (again != NULL)
                fclose(again);
            free(second.buf);
        }
        free(csv);
    }
    free(first.buf);
    return 0;
}
