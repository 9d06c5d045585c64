/* fuzz_ukjson.c — the UK JSON reader (src/ukjson.h) on arbitrary bytes.
 * The first byte picks the size of the pieces the input is fed in (1 to 7
 * bytes, so that strings, escapes, numbers and a byte-order mark are cut at
 * every place) and a small bound on one petition's size; the rest is the
 * input. Checks: read in pieces, read whole and read by uk_read_mem (which
 * decodes each petition in place) give the same petitions and the same
 * errors; every petition has an id, a url, and valid dates and date-times;
 * its lists are as long as it says; petitions come in the order of the
 * input; every error is one line naming an offset inside the input; the
 * petition's record (record_uk.h) gets a known status. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "record_uk.h"
#include "ukjson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fz_run {
    FILE *out;                  /* what was read, rendered for comparison */
    size_t size;                /* of the input */
    long long last_offset;
};

static void fz_touch(const char *s)
{
    if (s != NULL && strlen(s) > ((size_t)1 << 30))
        abort();
}

static void fz_check_date(const char *s, size_t len)
{
    if (s == NULL)
        return;
    struct date_value d;
    char err[128];
    if (strlen(s) != len || date_parse(s, len, &d, err, sizeof err) != 0)
        abort();
}

static void fz_check_time(const struct uk_time *t)
{
    fz_check_date(t->date, 10);
    fz_check_date(t->datetime, 16);
    if (t->datetime != NULL && (t->date == NULL || memcmp(t->date, t->datetime, 10) != 0))
        abort();
}

static void fz_check_counts(const struct uk_count *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fz_touch(c[i].name), fz_touch(c[i].code), fz_touch(c[i].mp);
        if (c[i].count < UK_MISSING)
            abort();
    }
}

static void fz_check_petition(const struct uk_petition *p, size_t size)
{
    if (p->id == NULL || p->url == NULL || p->number < 0 || p->offset < 0 ||
        (size_t)p->offset >= size || p->line < 1)
        abort();
    fz_touch(p->json_url), fz_touch(p->action), fz_touch(p->background);
    fz_touch(p->additional_details), fz_touch(p->committee_note), fz_touch(p->text);
    fz_touch(p->state), fz_touch(p->creator_name), fz_touch(p->rejection_code);
    fz_touch(p->rejection_details);
    const struct uk_time *times[] = {
        &p->created, &p->updated, &p->opened, &p->closed, &p->rejected,
        &p->moderation_threshold_reached, &p->response_threshold_reached,
        &p->government_response, &p->debate_threshold_reached, &p->debate_outcome,
    };
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++)
        fz_check_time(times[i]);
    fz_check_date(p->closing_date, 10);
    fz_check_date(p->scheduled_debate_date, 10);
    fz_check_date(p->debate_scheduled_on, 10);
    if (p->response) {
        fz_check_date(p->response->responded_on, 10);
        fz_touch(p->response->summary), fz_touch(p->response->details);
        fz_check_time(&p->response->created), fz_check_time(&p->response->updated);
    }
    if (p->debate) {
        fz_check_date(p->debate->debated_on, 10);
        fz_touch(p->debate->overview), fz_touch(p->debate->transcript_url);
    }
    if (p->parliament) {
        fz_touch(p->parliament->period), fz_touch(p->parliament->government);
        fz_check_time(&p->parliament->dissolution);
    }
    for (size_t i = 0; i < p->n_departments; i++)
        fz_touch(p->departments[i].name), fz_touch(p->departments[i].acronym);
    for (size_t i = 0; i < p->n_topics; i++)
        if (p->topics[i] == NULL || p->topics[i][0] == '\0')
            abort();
    fz_check_counts(p->by_country, p->n_by_country);
    fz_check_counts(p->by_constituency, p->n_by_constituency);
    fz_check_counts(p->by_region, p->n_by_region);
    for (size_t i = 0; i < p->n_warnings; i++)
        if (p->warnings[i] == NULL || strchr(p->warnings[i], '\n') != NULL)
            abort();
    struct record *r = record_of_uk(p);
    if (r == NULL)
        return;                             /* out of memory */
    record_derive(r, 20000);
    static const char *const statuses[] = {"rejected", "responded", "closed", "open"};
    bool known = r->status == NULL;
    for (size_t i = 0; i < 4; i++)
        known = known || strcmp(r->status, statuses[i]) == 0;
    bool late = r->late != RECORD_NO_BOOL, days = r->response_days != RECORD_NO_INT;
    if (!known || late != days || r->id == NULL || r->url == NULL)
        abort();
    record_free(r);
}

static int fz_on_petition(void *ctx, struct uk_petition *p)
{
    struct fz_run *run = ctx;
    fz_check_petition(p, run->size);
    if (p->offset <= run->last_offset)
        abort();                            /* in the order of the input */
    run->last_offset = p->offset;
    fprintf(run->out, "P %s %lld %d %s %zu %zu %zu %zu\n", p->id, p->offset, p->line,
            p->text ? p->text : "-", p->n_by_country, p->n_by_constituency, p->n_topics, p->n_warnings);
    uk_petition_free(p);
    return 0;
}

static void fz_on_error(void *ctx, long long offset, int line, const char *message)
{
    struct fz_run *run = ctx;
    if (offset < 0 || (size_t)offset > run->size || line < 1 || message[0] == '\0')
        abort();
    for (const char *m = message; *m; m++)
        if ((unsigned char)*m < 0x20)
            abort();
    fprintf(run->out, "E %lld %d %s\n", offset, line, message);
}

/* Reads the input in pieces of block bytes (0: whole; SIZE_MAX: through
 * uk_read_mem, which decodes each petition in place); returns the rendering. */
static char *fz_read(const uint8_t *data, size_t size, size_t block, size_t max, size_t *len)
{
    char *buf = NULL;
    struct fz_run run = {open_memstream(&buf, len), size, -1};
    if (run.out == NULL)
        abort();
    if (block == SIZE_MAX) {
        int rc = uk_read_mem((const char *)data, size, max, fz_on_petition, fz_on_error, &run);
        fprintf(run.out, "rc %d\n", rc);
        fclose(run.out);
        return buf;
    }
    struct uk_reader *r = uk_reader_new(max, fz_on_petition, fz_on_error, &run);
    if (r == NULL)
        abort();
    int rc = 0;
    for (size_t at = 0; at < size && rc == 0; at += block ? block : size) {
        size_t n = block && size - at > block ? block : size - at;
        rc = uk_reader_feed(r, (const char *)data + at, n);
    }
    if (rc == 0)
        rc = uk_reader_finish(r);
    fprintf(run.out, "rc %d\n", rc);
    uk_reader_free(r);
    fclose(run.out);
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t block = 1 + data[0] % 7;
    size_t max = data[0] & 0x80 ? 300 + (size_t)(data[0] & 0x70) * 16 : 0;
    data++, size--;
    (void)uk_sniff((const char *)data, size);
    size_t whole_len, piece_len;
    char *whole = fz_read(data, size, 0, max, &whole_len);
    char *pieces = fz_read(data, size, block, max, &piece_len);
    if (whole_len != piece_len || memcmp(whole, pieces, whole_len) != 0)
        abort();                            /* the pieces change nothing */
    size_t mem_len;
    char *mem = fz_read(data, size, SIZE_MAX, max, &mem_len);
    if (whole_len != mem_len || memcmp(whole, mem, whole_len) != 0)
        abort();                            /* nor does decoding in place */
    free(whole);
    free(pieces);
    free(mem);
    return 0;
}
