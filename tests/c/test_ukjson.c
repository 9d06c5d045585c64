/* test_ukjson.c — the UK JSON core (src/ukjson.h): every real document of
 * tests/uk/ checked field by field against values read in the document by
 * hand (the cut ones closed by hand where they were cut); cut documents keep
 * their whole petitions and report the cut with its offset, at every cut
 * position of a list page; NDJSON, arrays, bare petitions; malformed JSON
 * (offsets named), files that are not the site's; schema drift; the size
 * bound; the rules (parliament numbers; status, response days, late and
 * overdue, worked out on the petition's record: record_uk.h, record.h's
 * record_derive); content sniffing. Every input is read whole and in pieces of
 * 1, 3, 64 and 4096 bytes, and by uk_read_mem (which decodes each petition
 * in place, past the scanner), which must all give the same result. Then the
 * inputs kept in tests/regress/ukjson/ go through the fuzz target's checks.
 * Run from the repository root. */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "date.h"
#include "record_uk.h"
#include "ukjson.h"

#define LLVMFuzzerTestOneInput regress_ukjson
#include "../../fuzz/fuzz_ukjson.c"
#undef LLVMFuzzerTestOneInput

#define SAMPLES "tests/uk/"

/* ---------------------------------------------------------------- harness */

#define MAX_GOT 700

struct got_error {
    long long offset;
    int line;
    char msg[400];
};

struct got {
    struct uk_petition *p[MAX_GOT];
    size_t n;
    struct got_error err[MAX_GOT];
    size_t n_err;
    size_t stop_after;          /* the callback asks to stop after this many (0: never) */
    int rc;
};

static int on_petition(void *ctx, struct uk_petition *p)
{
    struct got *g = ctx;
    if (g->n < MAX_GOT)
        g->p[g->n++] = p;
    else
        uk_petition_free(p);
    return g->stop_after && g->n >= g->stop_after ? 7 : 0;
}

static void on_error(void *ctx, long long offset, int line, const char *msg)
{
    struct got *g = ctx;
    if (g->n_err < MAX_GOT) {
        g->err[g->n_err].offset = offset;
        g->err[g->n_err].line = line;
        snprintf(g->err[g->n_err].msg, sizeof g->err[0].msg, "%s", msg);
        g->n_err++;
    }
}

static void got_free(struct got *g)
{
    for (size_t i = 0; i < g->n; i++)
        uk_petition_free(g->p[i]);
    g->n = g->n_err = 0;
}

/* Reads s[0..n) in pieces of block bytes (0: one piece). */
static void read_blocks(const char *s, size_t n, size_t block, size_t max, struct got *g)
{
    struct uk_reader *r = uk_reader_new(max, on_petition, on_error, g);
    int rc = 0;
    for (size_t at = 0; at < n && rc == 0; at += block ? block : n)
        rc = uk_reader_feed(r, s + at, block && n - at > block ? block : n - at);
    if (rc == 0)
        rc = uk_reader_finish(r);
    g->rc = rc;
    uk_reader_free(r);
}

/* What was read, as one line per petition and error, for comparisons. */
static void render(const struct got *g, char *out, size_t size)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < g->n && o < size; i++)
        o += (size_t)snprintf(out + o, size - o, "P %s %lld %d %s|", g->p[i]->id, g->p[i]->offset,
                              g->p[i]->line, g->p[i]->text ? g->p[i]->text : "-");
    for (size_t i = 0; i < g->n_err && o < size; i++)
        o += (size_t)snprintf(out + o, size - o, "E %lld %d %s|", g->err[i].offset, g->err[i].line, g->err[i].msg);
    if (o < size)
        snprintf(out + o, size - o, "rc %d", g->rc);
}

/* Reads the input whole into g, and checks that pieces of 1, 3, 64 and
 * 4096 bytes give the same. */
static void load(const char *s, size_t n, size_t max, struct got *g)
{
    static char whole[1 << 16], piece[1 << 16];
    memset(g, 0, sizeof *g);
    read_blocks(s, n, 0, max, g);
    render(g, whole, sizeof whole);
    static const size_t blocks[] = {1, 3, 64, 4096};
    for (size_t b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
        struct got other;
        memset(&other, 0, sizeof other);
        read_blocks(s, n, blocks[b], max, &other);
        render(&other, piece, sizeof piece);
        if (strcmp(whole, piece) != 0) {
            printf("not ok - %s:%d: pieces of %zu bytes read differently\n    whole:  %.300s\n    pieces: %.300s\n",
                   __FILE__, __LINE__, blocks[b], whole, piece);
            check_failures++;
        }
        got_free(&other);
    }
    /* in one piece through uk_read_mem, each petition is decoded in place */
    struct got mem;
    memset(&mem, 0, sizeof mem);
    mem.rc = uk_read_mem(s, n, max, on_petition, on_error, &mem);
    render(&mem, piece, sizeof piece);
    if (strcmp(whole, piece) != 0) {
        printf("not ok - %s:%d: uk_read_mem read differently\n    pieces: %.300s\n    in place: %.300s\n",
               __FILE__, __LINE__, whole, piece);
        check_failures++;
    }
    got_free(&mem);
}

static void load_str(const char *s, struct got *g)
{
    load(s, strlen(s), 0, g);
}

static char *read_sample(const char *name, size_t *len)
{
    char path[256];
    snprintf(path, sizeof path, SAMPLES "%s", name);
    char *s = check_read_file(path, len);
    if (s == NULL)
        printf("not ok - cannot read %s (run from the repository root)\n", path), check_failures++;
    return s;
}

/* A cut sample closed by hand: its bytes up to the last occurrence of
 * `before` (the member the cut fell in; NULL: all of them), then `tail` to
 * close what is open. */
static char *close_cut(const char *name, const char *before, const char *tail, size_t *len)
{
    size_t n;
    char *s = read_sample(name, &n);
    if (s == NULL)
        return NULL;
    char *at = before ? NULL : s + n;
    for (char *p = before ? strstr(s, before) : NULL; p != NULL; p = strstr(p + 1, before))
        at = p;
    if (at == NULL) {
        printf("not ok - %s: no \"%s\" to close it at\n", name, before ? before : ""), check_failures++;
        free(s);
        return NULL;
    }
    size_t keep = (size_t)(at - s), tn = strlen(tail);
    char *out = malloc(keep + tn + 1);
    memcpy(out, s, keep);
    memcpy(out + keep, tail, tn + 1);
    *len = keep + tn;
    free(s);
    return out;
}

/* The derived fields of p's record as of a day, a missing one UK_MISSING. */
struct derived {
    const char *status, *response_tabled;
    long response_days;
    int late, overdue;
};

static struct derived derive(const struct uk_petition *p, long as_of)
{
    struct derived d = {NULL, NULL, UK_MISSING, UK_MISSING, UK_MISSING};
    struct record *r = record_of_uk(p);
    if (!r) {
        printf("not ok - %s:%d: no record (out of memory)\n", __FILE__, __LINE__);
        check_failures++;
        return d;
    }
    record_derive(r, as_of);
    d.status = r->status;                       /* static strings, or p's */
    d.response_tabled = r->response_tabled;
    if (r->response_days != RECORD_NO_INT)
        d.response_days = r->response_days;
    if (r->late != RECORD_NO_BOOL)
        d.late = r->late;
    if (r->overdue != RECORD_NO_BOOL)
        d.overdue = r->overdue;
    record_free(r);
    return d;
}

static long day(const char *iso)
{
    struct date_value d;
    char err[64];
    if (date_parse(iso, strlen(iso), &d, err, sizeof err) != 0)
        return 0;
    return date_days_from_civil(d.year, d.month, d.day);
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = s ? strlen(s) : 0, t = strlen(tail);
    return s != NULL && n >= t && strcmp(s + n - t, tail) == 0;
}

static bool starts_with(const char *s, const char *head)
{
    return s != NULL && strncmp(s, head, strlen(head)) == 0;
}

#define CHECK_TIME(t, d, dt) do { CHECK_STR((t).date, d); CHECK_STR((t).datetime, dt); } while (0)

/* The one error a test expects. */
static void check_one_error(const struct got *g, long long offset, int line, const char *msg)
{
    CHECK_INT(g->n_err, 1);
    if (g->n_err >= 1) {
        CHECK_INT(g->err[0].offset, offset);
        CHECK_INT(g->err[0].line, line);
        CHECK_STR(g->err[0].msg, msg);
    }
}

/* ---------------------------------------------------------------- real documents, complete */

/* A current petition, rejected: the document's links give the url. */
static void test_736296(void)
{
    size_t n;
    char *s = read_sample("petitions_736296.json", &n);
    struct got g;
    load(s, n, 0, &g);
    CHECK_INT(g.rc, 0);
    CHECK_INT(g.n_err, 0);
    CHECK_INT(g.n, 1);
    if (g.n == 1) {
        const struct uk_petition *p = g.p[0];
        CHECK_STR(p->id, "736296");
        CHECK_INT(p->number, 736296);
        CHECK(!p->archived);
        CHECK_STR(p->url, "https://petition.parliament.uk/petitions/736296");
        CHECK_STR(p->json_url, "https://petition.parliament.uk/petitions/736296.json");
        CHECK_STR(p->action, "Make Reform UK the official opposition in parliament");
        CHECK_STR(p->background, "I want parliament to represent the will of the people.");
        CHECK_STR(p->additional_details,
                  "Reform UK are constantly outperforming all other political parties in all relevant polls.");
        CHECK_STR(p->committee_note, NULL);
        CHECK_STR(p->text, "Make Reform UK the official opposition in parliament\n"
                           "I want parliament to represent the will of the people.\n"
                           "Reform UK are constantly outperforming all other political parties in all relevant polls.");
        CHECK_STR(p->state, "rejected");
        CHECK_INT(p->signatures, 8);
        CHECK_STR(p->creator_name, NULL);
        CHECK_TIME(p->created, "2025-08-05", "2025-08-05T22:58");
        CHECK_TIME(p->updated, "2025-08-20", "2025-08-20T10:03");
        CHECK_TIME(p->rejected, "2025-08-20", "2025-08-20T10:03");
        CHECK_TIME(p->opened, NULL, NULL);
        CHECK_TIME(p->closed, NULL, NULL);
        CHECK_TIME(p->moderation_threshold_reached, "2025-08-06", "2025-08-06T01:14");
        CHECK_TIME(p->response_threshold_reached, NULL, NULL);
        CHECK_TIME(p->government_response, NULL, NULL);
        CHECK_TIME(p->debate_threshold_reached, NULL, NULL);
        CHECK_TIME(p->debate_outcome, NULL, NULL);
        CHECK_STR(p->scheduled_debate_date, NULL);
        CHECK_STR(p->debate_scheduled_on, NULL);
        CHECK_STR(p->closing_date, NULL);
        CHECK_STR(p->rejection_code, "irrelevant");
        CHECK_STR(p->rejection_details,
                  "The status of \"Official Opposition\" is determined by which party wins the second most seats "
                  "in the House of Commons in a general election.\n"
                  "You can see how many seats each party holds in the House of Commons here: "
                  "https://members.parliament.uk/parties/commons\n"
                  "If any doubt arises regarding which party has the second most seats in the House, and therefore "
                  "should be granted \"Official Opposition\" status, this is decided by the Speaker of the House of Commons.");
        CHECK(p->response == NULL);
        CHECK(p->debate == NULL);
        CHECK(p->departments != NULL);          /* given, empty */
        CHECK_INT(p->n_departments, 0);
        CHECK(p->topics != NULL);
        CHECK_INT(p->n_topics, 0);
        CHECK(p->by_country == NULL);           /* not published: no such members */
        CHECK(p->by_constituency == NULL);
        CHECK(p->by_region == NULL);
        CHECK(p->parliament == NULL);
        CHECK_INT(p->parliament_no, 59);        /* created in August 2025 */
        CHECK_INT(p->response_threshold, 10000);
        CHECK_INT(p->offset, 80);
        CHECK_INT(p->line, 1);
        CHECK_INT(p->n_warnings, 0);
        struct derived d = derive(p, day("2025-09-01"));
        CHECK_STR(d.status, "rejected");
        CHECK_STR(d.response_tabled, NULL);
        CHECK_INT(d.response_days, UK_MISSING);
        CHECK_INT(d.late, UK_MISSING);
        CHECK_INT(d.overdue, UK_MISSING);
    }
    got_free(&g);
    free(s);
}

/* An archived petition of 2010-2015 from the preview host: background null
 * (an imported legacy petition), the parliament object with its "+01:00"
 * time, debate_scheduled_at (the name of late 2025). */
static void test_21675(void)
{
    size_t n;
    char *s = read_sample("preview-archived_petitions_21675.json", &n);
    struct got g;
    load(s, n, 0, &g);
    CHECK_INT(g.n_err, 0);
    CHECK_INT(g.n, 1);
    if (g.n == 1) {
        const struct uk_petition *p = g.p[0];
        CHECK_STR(p->id, "21675");
        CHECK(p->archived);
        CHECK_STR(p->url, "https://preview.epetitions.website/archived/petitions/21675");
        CHECK_STR(p->action, "Changes to UK Elections");
        CHECK_STR(p->background, NULL);
        CHECK_STR(p->additional_details,
                  "Manifestos to be recognised as contracts. Manifesto pledges to be carried out or citizens compensated.\n"
                  "Coalition government only permissible after a coalition manifesto has been published and the "
                  "electorate has assented. A maximum of 2 coalition manifestos to be published. If neither receives "
                  "the assent of the electorate another election must be called.\n"
                  "If a coalition has a senior and a junior partner, no member of the junior partner may be a senior "
                  "Cabinet member.\n"
                  "A junior coalition partner should be barred from appointing individuals to government departments "
                  "where it does not hold a ministerial post.");
        CHECK(p->text != NULL && strncmp(p->text, "Changes to UK Elections\nManifestos to be", 40) == 0);
        CHECK_STR(p->state, "rejected");
        CHECK_INT(p->signatures, 1);
        CHECK_TIME(p->created, "2011-11-05", "2011-11-05T13:12");
        CHECK_TIME(p->rejected, "2017-06-21", "2017-06-21T12:36");
        CHECK_TIME(p->moderation_threshold_reached, "2011-11-05", "2011-11-05T13:12");
        CHECK_STR(p->debate_scheduled_on, NULL);
        CHECK_STR(p->rejection_code, "duplicate");
        CHECK_STR(p->rejection_details, NULL);
        CHECK(p->parliament != NULL);
        if (p->parliament) {
            CHECK_STR(p->parliament->period, "2010-2015");
            CHECK_STR(p->parliament->government, "Conservative \xE2\x80\x93 Liberal Democrat coalition");
            CHECK_TIME(p->parliament->dissolution, "2015-03-30", "2015-03-30T23:59");   /* London time, as printed */
            CHECK_INT(p->parliament->response_threshold, 10000);
            CHECK_INT(p->parliament->debate_threshold, 100000);
        }
        CHECK_INT(p->parliament_no, 55);
        CHECK_INT(p->offset, 92);
        CHECK_STR(derive(p, day("2024-01-01")).status, "rejected");
    }
    got_free(&g);
    free(s);
}

/* The same Parliament, rejected with details in lines. */
static void test_69837(void)
{
    size_t n;
    char *s = read_sample("preview-archived_petitions_69837.json", &n);
    struct got g;
    load(s, n, 0, &g);
    CHECK_INT(g.n_err, 0);
    CHECK_INT(g.n, 1);
    if (g.n == 1) {
        const struct uk_petition *p = g.p[0];
        CHECK_STR(p->id, "69837");
        CHECK_STR(p->action, "Hold a referendum on the creation of a Federal UK");
        CHECK_STR(p->rejection_code, "duplicate");
        CHECK_STR(p->rejection_details, "Please see petition below:\n"
                                        "Petition Title: Creation of a UK Federal System\n"
                                        "Created by: M Powis\n"
                                        "Closing: 13/11/2014");
        CHECK_TIME(p->created, "2014-09-20", "2014-09-20T12:58");
        CHECK_TIME(p->rejected, "2017-06-21", "2017-06-21T12:45");
        CHECK_INT(p->parliament_no, 55);
        /* the trailing blank of additional_details is dropped */
        CHECK(ends_with(p->additional_details, "would remain the responsibility of the Federal Government."));
    }
    got_free(&g);
    free(s);
}

/* The 2016 document of the EU referendum petition, in the 2015-2016 shape:
 * open_at, no committee_note, no departments or topics yet; 221 countries
 * and 650 constituencies with their MPs. */
static void test_131215(void)
{
    size_t n;
    char *s = read_sample("petition-131215.2016-06-27.json", &n);
    struct got g;
    load(s, n, 0, &g);
    CHECK_INT(g.n_err, 0);
    CHECK_INT(g.n, 1);
    if (g.n == 1) {
        const struct uk_petition *p = g.p[0];
        CHECK_STR(p->id, "131215");
        CHECK(!p->archived);
        CHECK_STR(p->url, "https://petition.parliament.uk/petitions/131215");
        CHECK_STR(p->action, "EU Referendum Rules triggering a 2nd EU Referendum");
        CHECK_STR(p->background, "We the undersigned call upon HM Government to implement a rule that if the remain "
                                 "or leave vote is less than 60% based a turnout less than 75% there should be another referendum.");
        CHECK_STR(p->additional_details, NULL);           /* "" */
        CHECK_STR(p->committee_note, NULL);               /* not yet in 2016 */
        CHECK_STR(p->text, "EU Referendum Rules triggering a 2nd EU Referendum\n"
                           "We the undersigned call upon HM Government to implement a rule that if the remain "
                           "or leave vote is less than 60% based a turnout less than 75% there should be another referendum.");
        CHECK_STR(p->state, "open");
        CHECK_INT(p->signatures, 3555721);
        CHECK_STR(p->creator_name, "William Oliver Healey");
        CHECK_TIME(p->created, "2016-05-23", "2016-05-23T23:39");
        CHECK_TIME(p->updated, "2016-06-27", "2016-06-27T00:24");
        CHECK_TIME(p->opened, "2016-05-25", "2016-05-25T11:19");   /* from open_at */
        CHECK_TIME(p->closed, NULL, NULL);
        CHECK_TIME(p->moderation_threshold_reached, "2016-05-24", "2016-05-24T15:58");
        CHECK_TIME(p->response_threshold_reached, "2016-06-24", "2016-06-24T06:54");
        CHECK_TIME(p->debate_threshold_reached, "2016-06-24", "2016-06-24T10:48");
        CHECK_TIME(p->government_response, NULL, NULL);
        CHECK(p->response == NULL && p->debate == NULL);
        CHECK(p->departments == NULL && p->topics == NULL);   /* members that came in 2020 */
        CHECK_INT(p->n_by_country, 221);
        CHECK_INT(p->n_by_constituency, 650);
        CHECK(p->by_region == NULL);                          /* came in 2020 */
        if (p->n_by_country == 221 && p->n_by_constituency == 650) {
            CHECK_STR(p->by_country[0].name, "Afghanistan");
            CHECK_STR(p->by_country[0].code, "AF");
            CHECK_STR(p->by_country[0].mp, NULL);
            CHECK_INT(p->by_country[0].count, 18);
            CHECK_STR(p->by_country[220].name, "Zimbabwe");
            CHECK_INT(p->by_country[220].count, 57);
            CHECK_STR(p->by_constituency[0].name, "Edinburgh East");
            CHECK_STR(p->by_constituency[0].code, "S14000022");
            CHECK_STR(p->by_constituency[0].mp, "Tommy Sheppard MP");
            CHECK_INT(p->by_constituency[0].count, 6052);
            CHECK_STR(p->by_constituency[649].name, "East Renfrewshire");
            CHECK_STR(p->by_constituency[649].mp, "Kirsten Oswald MP");
            CHECK_INT(p->by_constituency[649].count, 3957);
            long countries = 0, constituencies = 0, uk = 0;
            for (size_t i = 0; i < 221; i++) {
                countries += p->by_country[i].count;
                if (strcmp(p->by_country[i].code, "GB") == 0)
                    uk = p->by_country[i].count;
            }
            for (size_t i = 0; i < 650; i++)
                constituencies += p->by_constituency[i].count;
            CHECK_INT(countries, 3555684);      /* the sums of the document's rows */
            CHECK_INT(constituencies, 3351288);
            CHECK_INT(uk, 3417895);
        }
        CHECK_INT(p->parliament_no, 56);        /* opened in May 2016 */
        /* as of the day it was saved: open, three days past the threshold */
        struct derived d = derive(p, day("2016-06-27"));
        CHECK_STR(d.status, "open");
        CHECK_INT(d.overdue, 0);
        CHECK_INT(d.response_days, UK_MISSING);
        /* 22 days after the threshold, still no response: overdue */
        CHECK_INT(derive(p, day("2016-07-16")).overdue, 1);
        CHECK_INT(derive(p, day("2016-07-15")).overdue, 0);
        /* the 56th Parliament was dissolved on 3 May 2017: every petition closed then */
        CHECK_STR(derive(p, day("2017-05-02")).status, "open");
        CHECK_STR(derive(p, day("2017-05-03")).status, "closed");
    }
    got_free(&g);
    free(s);
}

/* ---------------------------------------------------------------- real documents, cut */

/* Each cut sample as saved: no petition is whole, and the cut is reported
 * once, at byte 2000, naming where the petition began. */
static void test_cut_samples(void)
{
    static const struct { const char *file, *msg; } cuts[] = {
        {"archived_petitions.json_page_2_parliament_2_state_published",
         "cut short: the input ends inside data[0] (begun at byte 509)"},
        {"archived_petitions.json_page_3_parliament_3_state_with_response",
         "cut short: the input ends inside data[0] (begun at byte 534)"},
        {"archived_petitions.json_parliament_3_state_published",
         "cut short: the input ends inside data[0] (begun at byte 420)"},
        {"archived_petitions_300628.json", "cut short: the input ends inside data (begun at byte 89)"},
        {"archived_petitions_301836.json", "cut short: the input ends inside data (begun at byte 89)"},
        {"petitions_737169.json", "cut short: the input ends inside data (begun at byte 80)"},
        {"preview-archived_petitions_65780.json", "cut short: the input ends inside data (begun at byte 92)"},
    };
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        size_t n;
        char *s = read_sample(cuts[i].file, &n);
        struct got g;
        load(s, n, 0, &g);
        printf("# %s\n", cuts[i].file);
        CHECK_INT(n, 2000);
        CHECK_INT(g.n, 0);
        CHECK_INT(g.rc, -1);
        check_one_error(&g, 2000, 1, cuts[i].msg);
        CHECK(uk_sniff(s, n));
        got_free(&g);
        free(s);
    }
}

/* One petition of a cut sample, closed by hand at the member it was cut in. */
static const struct uk_petition *closed_sample(const char *file, const char *before, const char *tail,
                                               struct got *g, char **s)
{
    size_t n = 0;
    *s = close_cut(file, before, tail, &n);
    memset(g, 0, sizeof *g);
    if (*s == NULL)
        return NULL;
    load(*s, n, 0, g);
    printf("# %s, closed by hand\n", file);
    CHECK_INT(g->n_err, 0);
    CHECK_INT(g->n, 1);
    return g->n == 1 ? g->p[0] : NULL;
}

static void test_300628(void)
{
    struct got g;
    char *s;
    const struct uk_petition *p = closed_sample("archived_petitions_300628.json", ",\"government_response\"", "}}}", &g, &s);
    if (p) {
        CHECK_STR(p->id, "300628");
        CHECK(p->archived);
        CHECK_STR(p->url, "https://petition.parliament.uk/archived/petitions/300628");
        CHECK_STR(p->action, "Close all universities down for an appropriate amount of time amidst COVID-19");
        CHECK_STR(p->additional_details, "To prevent the spread of COVID-19");
        CHECK_STR(p->committee_note, NULL);             /* "" */
        CHECK_STR(p->state, "closed");
        CHECK_INT(p->signatures, 123903);
        CHECK_TIME(p->created, "2020-03-06", "2020-03-06T19:27");
        CHECK_TIME(p->opened, "2020-03-11", "2020-03-11T14:32");
        CHECK_TIME(p->closed, "2020-09-11", "2020-09-11T22:59");
        CHECK_TIME(p->response_threshold_reached, "2020-03-11", "2020-03-11T16:00");
        CHECK_TIME(p->government_response, "2020-03-24", "2020-03-24T14:04");
        CHECK_TIME(p->debate_threshold_reached, "2020-03-12", "2020-03-12T20:52");
        CHECK_TIME(p->debate_outcome, "2020-07-29", "2020-07-29T10:55");
        CHECK_STR(p->scheduled_debate_date, NULL);
        CHECK_STR(p->rejection_code, NULL);
        CHECK(p->parliament != NULL);
        if (p->parliament) {
            CHECK_STR(p->parliament->period, "2019-2024");
            CHECK_STR(p->parliament->government, "Conservative");
            CHECK_TIME(p->parliament->dissolution, "2024-05-30", "2024-05-30T00:01");
        }
        CHECK_INT(p->parliament_no, 58);
        /* the response object was cut away: government_response_at gives the day */
        struct derived d = derive(p, day("2024-01-01"));
        CHECK_STR(d.status, "responded");
        CHECK_STR(d.response_tabled, "2020-03-24");
        CHECK_INT(d.response_days, 13);
        CHECK_INT(d.late, 0);
        CHECK_INT(d.overdue, 0);
    }
    got_free(&g);
    free(s);
}

static void test_301836(void)
{
    struct got g;
    char *s;
    const struct uk_petition *p = closed_sample("archived_petitions_301836.json", ",\"government_response\"", "}}}", &g, &s);
    if (p) {
        CHECK_STR(p->id, "301836");
        CHECK_STR(p->action, "Give UK nurseries emergency funding if they have to close down amid COVID-19");
        CHECK_INT(p->signatures, 106128);
        CHECK_TIME(p->response_threshold_reached, "2020-03-19", "2020-03-19T21:59");
        CHECK_TIME(p->government_response, "2020-04-14", "2020-04-14T09:58");
        CHECK_STR(p->scheduled_debate_date, "2020-06-25");
        struct derived d = derive(p, day("2024-01-01"));
        CHECK_INT(d.response_days, 26);         /* March 19 -> April 14 */
        CHECK_INT(d.late, 1);                   /* more than 21 days */
    }
    got_free(&g);
    free(s);
}

/* A rejected petition of 2025: debate_scheduled_on, the 2025 name, null. */
static void test_737169(void)
{
    struct got g;
    char *s;
    const struct uk_petition *p = closed_sample("petitions_737169.json", ",\"governme", "}}}", &g, &s);
    if (p) {
        CHECK_STR(p->id, "737169");
        CHECK_STR(p->state, "rejected");
        CHECK_INT(p->signatures, 6);
        CHECK_STR(p->rejection_code, "no-action");
        CHECK(starts_with(p->rejection_details, "Petitions need to call on the Government or Parliament to take a "
                                                "specific action.\nWe're not sure exactly how"));
        CHECK(ends_with(p->rejection_details, "https://petition.parliament.uk/petitions/734311"));
        CHECK_TIME(p->rejected, "2025-08-22", "2025-08-22T10:52");
        CHECK_STR(p->debate_scheduled_on, NULL);
        CHECK_INT(p->parliament_no, 59);
    }
    got_free(&g);
    free(s);
}

/* A closed archived petition of 2014, cut inside signatures_by_country. */
static void test_65780(void)
{
    struct got g;
    char *s;
    const struct uk_petition *p = closed_sample("preview-archived_petitions_65780.json", ",\"signature", "}}}", &g, &s);
    if (p) {
        CHECK_STR(p->id, "65780");
        CHECK_STR(p->action, "Allow UK citizens to vote Blank in elections");
        CHECK_STR(p->background, NULL);
        CHECK(starts_with(p->additional_details, "Political parties in Britain refuses to change"));
        CHECK(ends_with(p->additional_details, "which are often ignored."));
        CHECK_STR(p->state, "closed");
        CHECK_INT(p->signatures, 4);
        CHECK_TIME(p->opened, "2014-06-02", "2014-06-02T08:50");
        CHECK_TIME(p->closed, "2015-03-30", "2015-03-30T22:59");
        CHECK_INT(p->parliament_no, 55);
        CHECK_INT(p->n_departments, 0);
        CHECK(p->by_country == NULL);
        struct derived d = derive(p, day("2024-01-01"));
        CHECK_STR(d.status, "closed");
        CHECK_INT(d.overdue, UK_MISSING);       /* never reached 10,000 */
    }
    got_free(&g);
    free(s);
}

/* The archived list pages, their first petition closed by hand. */
static void test_list_pages(void)
{
    struct got g;
    char *s;
    const struct uk_petition *p = closed_sample("archived_petitions.json_parliament_3_state_published",
                                                ",\"government_response\"", "}}]}", &g, &s);
    if (p) {
        CHECK_STR(p->id, "241584");
        CHECK_STR(p->url, "https://petition.parliament.uk/archived/petitions/241584");
        CHECK_STR(p->json_url, "https://petition.parliament.uk/archived/petitions/241584.json");
        CHECK_STR(p->action, "Revoke Article 50 and remain in the EU.");
        CHECK_STR(p->additional_details, NULL);
        CHECK(starts_with(p->text, "Revoke Article 50 and remain in the EU.\nThe government repeatedly claims"));
        CHECK_INT(p->signatures, 6103056);
        CHECK_TIME(p->response_threshold_reached, "2019-03-18", "2019-03-18T13:26");
        CHECK_TIME(p->government_response, "2019-03-26", "2019-03-26T17:19");
        CHECK_STR(p->debate_scheduled_on, "2019-03-27");
        CHECK_STR(p->scheduled_debate_date, "2019-04-01");
        CHECK_TIME(p->debate_outcome, "2019-04-03", "2019-04-03T11:38");
        CHECK_STR(p->parliament ? p->parliament->period : NULL, "2017-2019");
        CHECK_TIME(p->parliament ? p->parliament->dissolution : (struct uk_time){0}, "2019-11-06", "2019-11-06T00:01");
        CHECK_INT(p->parliament_no, 57);
        CHECK_INT(p->offset, 420);
        struct derived d = derive(p, day("2024-01-01"));
        CHECK_INT(d.response_days, 8);
        CHECK_INT(d.late, 0);
    }
    got_free(&g);
    free(s);

    p = closed_sample("archived_petitions.json_page_3_parliament_3_state_with_response", NULL, "\"}}]}", &g, &s);
    if (p) {
        CHECK_STR(p->id, "236874");
        CHECK_STR(p->action, "Laws to be introduced on social networks on hate preaching against religion(s)");
        CHECK_INT(p->signatures, 115999);
        CHECK_TIME(p->opened, "2019-01-10", "2019-01-10T14:01");
        CHECK_TIME(p->closed, "2019-07-10", "2019-07-10T22:59");
        CHECK_INT(p->parliament_no, 57);
    }
    got_free(&g);
    free(s);

    p = closed_sample("archived_petitions.json_page_2_parliament_2_state_published", ",\"state\"", "}}]}", &g, &s);
    if (p) {
        CHECK_STR(p->id, "64997");
        CHECK_STR(p->action, "Make CCTV mandatory for all slaughterhouses");
        CHECK_STR(p->background, NULL);
        /* blank lines between the paragraphs and the six at the end dropped */
        CHECK(starts_with(p->additional_details, "We urge the government to make CCTV installation mandatory for all "
                                                 "slaughterhouses, with selected footage independently monitored by "
                                                 "welfare experts.\nAnimal Aid investigated nine"));
        CHECK(ends_with(p->additional_details, "from gratuitous abuse and incompetent or negligent workers."));
        CHECK_STR(p->state, NULL);              /* cut away */
        CHECK_STR(p->parliament ? p->parliament->government : NULL, "Conservative \xE2\x80\x93 Liberal Democrat coalition");
        CHECK_INT(p->parliament_no, 55);
        CHECK_INT(p->offset, 509);
    }
    got_free(&g);
    free(s);
}

/* ---------------------------------------------------------------- many petitions */

/* A petition's own bytes in a sample (the document's "data" object). */
static char *data_of(const char *file, size_t *len)
{
    size_t n;
    char *s = read_sample(file, &n);
    if (s == NULL)
        return NULL;
    char *start = strstr(s, "{\"type\"");
    size_t from = start ? (size_t)(start - s) : 0;
    *len = n - 1 - from;                            /* the document's closing brace dropped */
    memmove(s, s + from, *len);
    s[*len] = '\0';
    return s;
}

/* A growing string. */
struct buf {
    char *s;
    size_t n;
};

static size_t put(struct buf *b, const char *s, size_t n)
{
    size_t at = b->n;
    b->s = realloc(b->s, b->n + n + 1);
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
    return at;
}

static size_t puts_(struct buf *b, const char *s)
{
    return put(b, s, strlen(s));
}

/* A list page of three real petitions, cut at every byte: the petitions
 * whole before the cut are read, and the cut is reported once, where the
 * input ends, naming the petition it fell in. */
static void test_every_cut(void)
{
    static const char *const files[3] = {
        "petitions_736296.json", "preview-archived_petitions_21675.json", "preview-archived_petitions_69837.json",
    };
    struct buf doc = {NULL, 0};
    size_t start[3], end[3];
    puts_(&doc, "{\"links\":{\"self\":\"https://petition.parliament.uk/petitions.json?state=all\",\"next\":null},\"data\":[");
    for (int k = 0; k < 3; k++) {
        size_t n;
        char *p = data_of(files[k], &n);
        if (k > 0)
            puts_(&doc, ",\n ");
        start[k] = put(&doc, p, n);
        end[k] = doc.n;
        free(p);
    }
    puts_(&doc, "]}");
    int wrong = 0;
    for (size_t c = 0; c <= doc.n; c++) {
        struct got g;
        memset(&g, 0, sizeof g);
        if (c % 97 == 0)
            load(doc.s, c, 0, &g);                   /* pieces too, now and then */
        else
            read_blocks(doc.s, c, 0, 0, &g);
        size_t whole = 0;
        int in = -1;
        for (int k = 0; k < 3; k++) {
            whole += end[k] <= c;
            if (start[k] < c && c < end[k])
                in = k;
        }
        char want[160];
        if (c == 0)
            snprintf(want, sizeof want, "not a UK petitions document: no JSON value");
        else if (in >= 0)
            snprintf(want, sizeof want, "cut short: the input ends inside data[%d] (begun at byte %zu)", in, start[in]);
        else
            snprintf(want, sizeof want, "cut short: the input ends inside the document begun at byte 0");
        bool ok = g.n == whole;
        for (size_t k = 0; ok && k < g.n; k++)
            ok = g.p[k]->offset == (long long)start[k];
        if (c == doc.n)
            ok = ok && g.n_err == 0 && g.rc == 0;
        else
            ok = ok && g.n_err == 1 && g.err[0].offset == (long long)c && strcmp(g.err[0].msg, want) == 0;
        if (!ok && wrong++ < 5)
            printf("    cut at %zu: %zu petitions (want %zu), %zu errors: %s\n", c, g.n, whole, g.n_err,
                   g.n_err ? g.err[0].msg : "");
        got_free(&g);
    }
    CHECK_INT(wrong, 0);
    CHECK_INT(start[0], 96);
    free(doc.s);
}

/* One document a line (NDJSON), CRLF, blank lines; documents run together;
 * bare petitions one a line. Offsets and lines of each. */
static void test_ndjson(void)
{
    size_t n1, n2, n3;
    char *a = read_sample("petitions_736296.json", &n1);
    char *b = read_sample("preview-archived_petitions_21675.json", &n2);
    char *c = read_sample("preview-archived_petitions_69837.json", &n3);
    struct buf in = {NULL, 0};
    put(&in, a, n1), puts_(&in, "\n");
    put(&in, b, n2), puts_(&in, "\r\n\r\n");
    put(&in, c, n3), puts_(&in, "\n");
    struct got g;
    load(in.s, in.n, 0, &g);
    CHECK_INT(g.n_err, 0);
    CHECK_INT(g.n, 3);
    if (g.n == 3) {
        CHECK_STR(g.p[0]->id, "736296");
        CHECK_INT(g.p[0]->offset, 80);
        CHECK_INT(g.p[0]->line, 1);
        CHECK_STR(g.p[1]->id, "21675");
        CHECK_INT(g.p[1]->offset, (long long)(n1 + 1 + 92));
        CHECK_INT(g.p[1]->line, 2);
        CHECK_STR(g.p[2]->id, "69837");
        CHECK_INT(g.p[2]->line, 4);
        CHECK_STR(g.p[1]->url, "https://preview.epetitions.website/archived/petitions/21675");   /* its own document's */
    }
    got_free(&g);
    free(in.s);

    /* run together, no separator */
    in = (struct buf){NULL, 0};
    put(&in, a, n1), put(&in, c, n3);
    load(in.s, in.n, 0, &g);
    CHECK_INT(g.n_err, 0);
    CHECK_INT(g.n, 2);
    got_free(&g);
    free(in.s);

    /* bare petitions, one a line: the url is made from the id */
    size_t d1, d2;
    char *p1 = data_of("petitions_736296.json", &d1), *p2 = data_of("preview-archived_petitions_69837.json", &d2);
    in = (struct buf){NULL, 0};
    put(&in, p1, d1), puts_(&in, "\n"), put(&in, p2, d2);
    load(in.s, in.n, 0, &g);
    CHECK_INT(g.n_err, 0);
    CHECK_INT(g.n, 2);
    if (g.n == 2) {
        CHECK_INT(g.p[0]->offset, 0);
        CHECK_STR(g.p[0]->url, "https://petition.parliament.uk/petitions/736296");
        CHECK_STR(g.p[0]->json_url, NULL);
        CHECK_INT(g.p[1]->line, 2);
        CHECK_STR(g.p[1]->url, "https://petition.parliament.uk/archived/petitions/69837");
        CHECK_INT(g.p[1]->parliament_no, 55);
    }
    got_free(&g);
    free(in.s);
    free(a), free(b), free(c), free(p1), free(p2);
}

/* A JSON array of documents, of bare petitions, and of both with a stray
 * element, which is reported while the others are read. */
static void test_arrays(void)
{
    size_t n1, n3, d1;
    char *a = read_sample("petitions_736296.json", &n1);
    char *c = read_sample("preview-archived_petitions_69837.json", &n3);
    char *p1 = data_of("petitions_736296.json", &d1);
    struct buf in = {NULL, 0};
    puts_(&in, "[\n"), put(&in, a, n1), puts_(&in, ",\n"), put(&in, c, n3), puts_(&in, "\n]\n");
    struct got g;
    load(in.s, in.n, 0, &g);
    CHECK_INT(g.n_err, 0);
    CHECK_INT(g.n, 2);
    if (g.n == 2) {
        CHECK_INT(g.p[0]->offset, 82);
        CHECK_STR(g.p[1]->id, "69837");
        CHECK_INT(g.p[1]->line, 3);
    }
    got_free(&g);
    free(in.s);

    in = (struct buf){NULL, 0};
    puts_(&in, "["), put(&in, p1, d1), puts_(&in, ", 42, "), put(&in, c, n3), puts_(&in, "]");
    load(in.s, in.n, 0, &g);
    CHECK_INT(g.n, 2);
    check_one_error(&g, (long long)(1 + d1 + 2), 1,
                    "not a UK petitions document: element 1 of the top-level array is a number");
    if (g.n == 2) {
        CHECK_STR(g.p[0]->id, "736296");
        CHECK_INT(g.p[0]->offset, 1);
        CHECK_STR(g.p[1]->id, "69837");
    }
    got_free(&g);
    free(in.s);
    free(a), free(c), free(p1);
}

/* ---------------------------------------------------------------- bad input */

static long long at(const char *s, const char *needle)
{
    const char *p = strstr(s, needle);
    return p ? (long long)(p - s) : -1;
}

static void test_malformed(void)
{
    struct got g;
    const char *s = "{\"links\":{\"self\":\"x\"} \"data\":[]}";
    load_str(s, &g);
    check_one_error(&g, at(s, "\"data"), 1, "malformed JSON: expected ',' or '}', found '\"'");
    CHECK_INT(g.rc, -1);
    got_free(&g);

    /* inside a petition: the decoder names it (at the token's first byte);
     * that petition alone is skipped */
    s = "{\"data\":[{\"type\":\"petition\",\"id\":1,\"attributes\":{\"action\":tru}},\n"
        "{\"type\":\"petition\",\"id\":2,\"attributes\":{\"action\":\"B\"}}]}";
    load_str(s, &g);
    check_one_error(&g, at(s, "tru"), 1, "malformed JSON in data[0]: invalid token 'tru'");
    CHECK_INT(g.n, 1);
    CHECK_STR(g.n ? g.p[0]->id : NULL, "2");
    CHECK_INT(g.n ? g.p[0]->line : 0, 2);
    CHECK_INT(g.rc, 0);
    got_free(&g);

    /* bytes that are not UTF-8, in a petition */
    s = "{\"data\":{\"type\":\"petition\",\"id\":3,\"attributes\":{\"action\":\"\xff\"}}}";
    load_str(s, &g);
    check_one_error(&g, at(s, "\xff"), 1, "malformed JSON in data: invalid UTF-8 byte 0xFF in a string");
    CHECK_INT(g.n, 0);
    got_free(&g);

    /* a line break inside a string, in a petition of the second line */
    s = "{\"data\":[]}\n{\"data\":[{\"type\":\"petition\",\"id\":4,\"attributes\":{\"action\":\"a\nb\"}}]}";
    load_str(s, &g);
    CHECK_INT(g.n, 0);
    check_one_error(&g, at(s, "a\nb") + 1, 2, "malformed JSON in data[0]: a line break inside a string");
    got_free(&g);

    /* between petitions the reading stops: no later boundary is sure */
    s = "{\"data\":[{\"type\":\"petition\",\"id\":1,\"attributes\":{}},,{\"type\":\"petition\",\"id\":2,\"attributes\":{}}]}";
    load_str(s, &g);
    CHECK_INT(g.n, 1);
    check_one_error(&g, at(s, ",,") + 1, 1, "malformed JSON: expected a value, found ','");
    CHECK_INT(g.rc, -1);
    got_free(&g);

    static const struct { const char *in, *msg; long long offset; } cases[] = {
        {"{\"meta\":01,\"data\":[]}", "malformed JSON: invalid number", 8},
        {"{\"data\":[],\"meta\":-}", "malformed JSON: invalid number", 18},
        {"{\"data\":[],\"x\":1.}", "malformed JSON: invalid number", 15},
        {"{\"data\":[],\"x\":1e+}", "malformed JSON: invalid number", 15},
        {"{\"data\":[],\"x\":nul}", "malformed JSON: invalid literal", 15},
        {"{\"data\":[],\"x\":nulll}", "malformed JSON: invalid literal", 15},
        {"{\"data\":[],\"x\":True}", "malformed JSON: expected a value, found 'T'", 15},
        {"{\"data\":[}", "malformed JSON: expected a value or ']', found '}'", 9},
        {"{\"data\":[]]", "malformed JSON: expected ',' or '}', found ']'", 10},
        {"{\"data\" []}", "malformed JSON: expected ':' after a member name, found '['", 8},
        {"{data:[]}", "malformed JSON: expected a member name or '}', found 'd'", 1},
        {"{\"data\":[],}", "malformed JSON: expected a member name, found '}'", 11},
        {"{\"data\":[]} x", "malformed JSON: expected a value, found 'x'", 12},
        {"}", "malformed JSON: expected a value, found '}'", 0},
        {"{\"data\":[\x01]}", "malformed JSON: expected a value or ']', found byte 0x01", 9},
        {"\xEF\xBB{}", "malformed JSON: a broken byte-order mark", 0},
        {"id,url,kind\ne-1,x,paper\n", "malformed JSON: expected a value, found 'i'", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        check_note(cases[i].in);
        load_str(cases[i].in, &g);
        check_one_error(&g, cases[i].offset, 1, cases[i].msg);
        CHECK_INT(g.rc, -1);
        got_free(&g);
    }

    /* deeper than jansson goes: stopped at the level past 2048 */
    struct buf in = {NULL, 0};
    puts_(&in, "{\"data\":[],\"x\":");
    for (int i = 0; i < 3000; i++)
        puts_(&in, "[");
    load(in.s, in.n, 0, &g);
    check_one_error(&g, 15 + 2047, 1, "malformed JSON: nested deeper than 2048 levels");
    got_free(&g);
    free(in.s);
}

/* JSON, but not the site's: said so, and what is the site's still read. */
static void test_not_the_site(void)
{
    static const struct { const char *in, *msg; long long offset; int rc; } cases[] = {
        {"{\"name\":\"x\",\"items\":[1,2]}",
         "not a UK petitions document: an object with no \"data\" member", 0, 0},
        {"{\"type\":\"FeatureCollection\",\"features\":[]}",
         "not a UK petitions document: the object has type \"FeatureCollection\"", 0, 0},
        {"\"hello\"", "not a UK petitions document: a string at the top level", 0, 0},
        {"42", "not a UK petitions document: a number at the top level", 0, 0},
        {"{\"data\":\"x\"}", "not a UK petitions document: \"data\" is a string", 8, 0},
        {"{\"data\":null}", "not a UK petitions document: \"data\" is null", 8, 0},
        {"{\"data\":[{\"type\":\"user\",\"id\":1,\"attributes\":{}}]}",
         "not a UK petitions document: data[0] has type \"user\"", 9, 0},
        {"{\"data\":{\"type\":\"petition\",\"attributes\":{}}}",
         "not a UK petitions document: data has no numeric \"id\"", 8, 0},
        {"{\"data\":{\"type\":\"petition\",\"id\":\"7\",\"attributes\":{}}}",
         "not a UK petitions document: data has no numeric \"id\"", 8, 0},
        {"{\"data\":{\"type\":\"petition\",\"id\":7}}",
         "not a UK petitions document: data has no \"attributes\" object", 8, 0},
        {"{\"data\":{\"id\":7,\"attributes\":{}}}", "not a UK petitions document: data has no \"type\"", 8, 0},
        {"", "not a UK petitions document: no JSON value", 0, -1},
        {" \n ", "not a UK petitions document: no JSON value", 3, -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct got g;
        check_note(cases[i].in);
        load_str(cases[i].in, &g);
        CHECK_INT(g.n, 0);
        check_one_error(&g, cases[i].offset, i == sizeof cases / sizeof cases[0] - 1 ? 2 : 1, cases[i].msg);
        CHECK_INT(g.rc, cases[i].rc);
        got_free(&g);
    }

    /* a stray element of "data" is reported and the rest read */
    struct got g;
    const char *s = "{\"data\":[42,{\"type\":\"petition\",\"id\":5,\"attributes\":{}}]}";
    load_str(s, &g);
    check_one_error(&g, 9, 1, "not a UK petitions document: data[0] is a number, not a petition");
    CHECK_INT(g.n, 1);
    if (g.n == 1) {
        CHECK_STR(g.p[0]->id, "5");
        CHECK_STR(g.p[0]->state, NULL);
        CHECK_STR(g.p[0]->text, NULL);
        CHECK_STR(g.p[0]->url, "https://petition.parliament.uk/petitions/5");
        CHECK_INT(g.p[0]->signatures, UK_MISSING);
        CHECK_INT(g.p[0]->parliament_no, UK_MISSING);
        CHECK_STR(derive(g.p[0], 20000).status, NULL);
    }
    got_free(&g);
}

/* ---------------------------------------------------------------- schema drift */

/* The shapes of the site's history (doc/UK.md): each read into the same
 * fields. */
static const struct uk_petition *one_petition(const char *s, struct got *g)
{
    load_str(s, g);
    CHECK_INT(g->n, 1);
    return g->n == 1 ? g->p[0] : NULL;
}

static void test_drift(void)
{
    struct got g;
    /* August 2015: open_at, a response without responded_on, a debate
     * without debate_pack_url, countries without codes */
    const struct uk_petition *p = one_petition(
        "{\"links\":{\"self\":\"https://petition.parliament.uk/petitions/104000.json\"},"
        "\"data\":{\"type\":\"petition\",\"id\":104000,\"attributes\":{"
        "\"action\":\"Act\",\"background\":\"Why\",\"additional_details\":\"More\",\"state\":\"closed\","
        "\"signature_count\":120000,\"created_at\":\"2015-08-01T09:00:00.000Z\",\"updated_at\":\"2016-02-01T09:00:00.000Z\","
        "\"open_at\":\"2015-08-03T10:15:00.000Z\",\"closed_at\":\"2016-02-03T23:59:59.999Z\","
        "\"government_response_at\":\"2015-09-01T10:00:00.000Z\",\"scheduled_debate_date\":\"2015-10-12\","
        "\"debate_threshold_reached_at\":\"2015-08-25T08:00:00.000Z\",\"rejected_at\":null,"
        "\"debate_outcome_at\":\"2015-10-13T12:00:00.000Z\",\"moderation_threshold_reached_at\":\"2015-08-01T10:00:00.000Z\","
        "\"response_threshold_reached_at\":\"2015-08-20T09:00:00.000Z\",\"creator_name\":null,\"rejection\":null,"
        "\"government_response\":{\"summary\":\"Sum\",\"details\":\"D1\\r\\n\\r\\nD2\",\"created_at\":\"2015-09-01T10:00:00.000Z\","
        "\"updated_at\":\"2015-09-01T10:00:00.000Z\"},"
        "\"debate\":{\"debated_on\":\"2015-10-12\",\"transcript_url\":\"https://hansard.example/t\","
        "\"video_url\":\"https://video.example/v\",\"overview\":\"Debated.\"},"
        "\"signatures_by_country\":[{\"name\":\"France\",\"signature_count\":3}],"
        "\"signatures_by_constituency\":[{\"name\":\"Aberavon\",\"ons_code\":\"W07000049\",\"mp\":\"A MP\",\"signature_count\":9}]"
        "}}}", &g);
    if (p) {
        CHECK_TIME(p->opened, "2015-08-03", "2015-08-03T10:15");
        CHECK(p->response != NULL);
        if (p->response) {
            CHECK_STR(p->response->responded_on, NULL);
            CHECK_STR(p->response->summary, "Sum");
            CHECK_STR(p->response->details, "D1\nD2");
            CHECK_TIME(p->response->created, "2015-09-01", "2015-09-01T10:00");
        }
        CHECK(p->debate != NULL);
        if (p->debate) {
            CHECK_STR(p->debate->debated_on, "2015-10-12");
            CHECK_STR(p->debate->debate_pack_url, NULL);
            CHECK_STR(p->debate->overview, "Debated.");
        }
        CHECK_INT(p->n_by_country, 1);
        CHECK_STR(p->n_by_country ? p->by_country[0].code : "?", NULL);
        CHECK_STR(p->n_by_constituency ? p->by_constituency[0].code : NULL, "W07000049");
        CHECK_INT(p->parliament_no, 56);
        CHECK_INT(p->n_warnings, 0);
        /* the day of government_response_at stands for responded_on */
        struct derived d = derive(p, day("2020-01-01"));
        CHECK_STR(d.status, "responded");
        CHECK_STR(d.response_tabled, "2015-09-01");
        CHECK_INT(d.response_days, 12);
        CHECK_INT(d.late, 0);
    }
    got_free(&g);

    /* 2021-2025: responded_on, departments, topics, regions, a debate not
     * held, debate_scheduled_at (late 2025); other_parliamentary_business is
     * ignored */
    p = one_petition(
        "{\"data\":{\"type\":\"petition\",\"id\":300001,\"attributes\":{\"action\":\"A\",\"state\":\"closed\","
        "\"signature_count\":15000,\"opened_at\":\"2021-01-05T12:00:00.000Z\","
        "\"response_threshold_reached_at\":\"2021-01-10T23:30:00.000Z\",\"government_response_at\":\"2021-02-15T09:00:00.000Z\","
        "\"debate_scheduled_at\":\"2021-03-01\",\"debate_outcome_at\":\"2021-03-02T10:00:00.000Z\","
        "\"government_response\":{\"responded_on\":\"2021-02-12\",\"summary\":\"S\",\"details\":\"D\"},"
        "\"debate\":{\"debated_on\":null,\"overview\":\"The Committee decided not to schedule a debate.\"},"
        "\"departments\":[{\"acronym\":\"DfE\",\"name\":\"Department for Education\",\"url\":\"https://www.gov.uk/dfe\"},"
        "{\"acronym\":\"HMT\",\"name\":\"HM Treasury\",\"url\":\"https://www.gov.uk/hmt\"}],"
        "\"topics\":[\"education\",\"economy\"],"
        "\"signatures_by_region\":[{\"name\":\"London\",\"ons_code\":\"E15000007\",\"signature_count\":4000}],"
        "\"other_parliamentary_business\":[{\"subject\":\"S\",\"body\":\"B\"}]}}}", &g);
    if (p) {
        CHECK_STR(p->debate_scheduled_on, "2021-03-01");
        CHECK_STR(p->response ? p->response->responded_on : NULL, "2021-02-12");
        CHECK_STR(p->debate ? p->debate->debated_on : "?", NULL);      /* not debated */
        CHECK_INT(p->n_departments, 2);
        if (p->n_departments == 2) {
            CHECK_STR(p->departments[0].acronym, "DfE");
            CHECK_STR(p->departments[0].name, "Department for Education");
            CHECK_STR(p->departments[1].url, "https://www.gov.uk/hmt");
        }
        CHECK_INT(p->n_topics, 2);
        CHECK_STR(p->n_topics == 2 ? p->topics[1] : NULL, "economy");
        CHECK_INT(p->n_by_region, 1);
        CHECK_STR(p->n_by_region ? p->by_region[0].code : NULL, "E15000007");
        CHECK_INT(p->n_by_region ? p->by_region[0].count : 0, 4000);
        CHECK_INT(p->parliament_no, 58);
        CHECK_INT(p->n_warnings, 0);
        /* January 10 (UTC, as printed) -> February 12: 33 days, late */
        struct derived d = derive(p, day("2022-01-01"));
        CHECK_STR(d.response_tabled, "2021-02-12");
        CHECK_INT(d.response_days, 33);
        CHECK_INT(d.late, 1);
    }
    got_free(&g);

    /* March 2026: closing_date on open petitions, debate_scheduled_on */
    p = one_petition(
        "{\"data\":{\"type\":\"petition\",\"id\":760000,\"attributes\":{\"action\":\"A\",\"state\":\"open\","
        "\"signature_count\":12,\"opened_at\":\"2026-03-31T08:00:00.000Z\",\"closing_date\":\"2026-09-30\","
        "\"debate_scheduled_on\":null,\"creator_name\":\"Jo Bloggs\"}}}", &g);
    if (p) {
        CHECK_STR(p->closing_date, "2026-09-30");
        CHECK_STR(p->creator_name, "Jo Bloggs");
        CHECK_STR(derive(p, day("2026-09-30")).status, "open");
        CHECK_STR(derive(p, day("2026-10-01")).status, "closed");
        CHECK_INT(derive(p, day("2026-10-01")).overdue, UK_MISSING);
    }
    got_free(&g);

    /* values of the wrong kind: left out, with a warning each */
    p = one_petition(
        "{\"data\":{\"type\":\"petition\",\"id\":9,\"attributes\":{\"action\":5,\"state\":\"open\","
        "\"signature_count\":\"many\",\"opened_at\":\"soon\",\"closed_at\":\"2021-02-30T10:00:00Z\","
        "\"topics\":[\"a\",7,\"\"],\"departments\":{},\"rejection\":\"no\","
        "\"signatures_by_country\":[{\"name\":\"France\",\"signature_count\":-4},3]}}}", &g);
    if (p) {
        static const char *const want[] = {
            "action: a number, not a string", "signature_count: a string, not a count",
            "opened_at: not a time: \"soon\"", "closed_at: not a time: \"2021-02-30T10:00:00Z\"",
            "rejection: a string, not an object", "departments: an object, not an array",
            "topics[1]: a number, not a string", "signature_count: a negative number, not a count",
            "signatures_by_country[1]: a number, not an object",
        };
        CHECK_INT(p->n_warnings, sizeof want / sizeof want[0]);
        for (size_t i = 0; i < p->n_warnings && i < sizeof want / sizeof want[0]; i++)
            CHECK_STR(p->warnings[i], want[i]);
        CHECK_STR(p->action, NULL);
        CHECK_INT(p->signatures, UK_MISSING);
        CHECK_TIME(p->opened, NULL, NULL);
        CHECK_INT(p->n_topics, 1);                  /* 7 and "" left out */
        CHECK_INT(p->n_by_country, 1);
        CHECK_INT(p->n_by_country ? p->by_country[0].count : 0, UK_MISSING);
    }
    got_free(&g);

    /* times in every form the site has printed, and text to normalise */
    p = one_petition(
        "{\"data\":{\"type\":\"archived-petition\",\"id\":10,"
        "\"parliament\":{\"period\":\"2015-2017\",\"dissolution_at\":\"2017-05-03T00:01:00.000+01:00\",\"response_threshold\":10000},"
        "\"attributes\":{\"action\":\"  Ban\\tthis  \\r\\n\\r\\n   \\r\\nnow \\rplease  \",\"background\":\" \\r\\n \","
        "\"created_at\":\"2016-01-02T03:04:05Z\",\"updated_at\":\"2016-01-02T03:04\",\"opened_at\":\"2016-01-02\","
        "\"closed_at\":\"2016-07-02T23:59:59.999-0100\",\"response_threshold_reached_at\":\"2017-04-20T10:00:00.000Z\"}}}", &g);
    if (p) {
        CHECK_STR(p->action, "Ban this\nnow\nplease");
        CHECK_STR(p->background, NULL);
        CHECK_STR(p->text, "Ban this\nnow\nplease");
        CHECK_TIME(p->created, "2016-01-02", "2016-01-02T03:04");
        CHECK_TIME(p->updated, "2016-01-02", "2016-01-02T03:04");
        CHECK_TIME(p->opened, "2016-01-02", NULL);
        CHECK_TIME(p->closed, "2016-07-02", "2016-07-02T23:59");
        CHECK_TIME(p->parliament->dissolution, "2017-05-03", "2017-05-03T00:01");
        CHECK_INT(p->parliament_no, 56);
        CHECK_INT(p->n_warnings, 0);
        /* reached 10,000 on April 20; Parliament dissolved on May 3: 13 days, never overdue */
        CHECK_INT(derive(p, day("2024-01-01")).overdue, 0);
        CHECK_STR(derive(p, day("2024-01-01")).status, NULL);    /* no state printed */
    }
    got_free(&g);
}

/* ---------------------------------------------------------------- the size bound */

static void test_size_bound(void)
{
    size_t n1, n2;
    char *a = read_sample("preview-archived_petitions_21675.json", &n2);    /* its petition: 1525 bytes */
    char *b = read_sample("petitions_736296.json", &n1);                    /* 1341 bytes */
    struct buf in = {NULL, 0};
    put(&in, a, n2), puts_(&in, "\n"), put(&in, b, n1);
    struct got g;
    load(in.s, in.n, 1400, &g);
    check_one_error(&g, 92, 1, "petition too large: data is over 1.4 KB (skipped)");
    CHECK_INT(g.n, 1);
    CHECK_STR(g.n ? g.p[0]->id : NULL, "736296");
    CHECK_INT(g.rc, 0);
    got_free(&g);
    load(in.s, in.n, 1525, &g);                  /* just enough */
    CHECK_INT(g.n, 2);
    CHECK_INT(g.n_err, 0);
    got_free(&g);
    free(in.s);

    /* a bare petition, and one cut while too large: both said */
    size_t d;
    char *p = data_of("preview-archived_petitions_21675.json", &d);
    load(p, d, 1024, &g);
    check_one_error(&g, 0, 1, "petition too large: the object is over 1 KB (skipped)");
    got_free(&g);
    load(p, d - 10, 1024, &g);
    CHECK_INT(g.n_err, 2);
    if (g.n_err == 2) {
        CHECK_STR(g.err[0].msg, "petition too large: the object is over 1 KB (skipped)");
        CHECK_STR(g.err[1].msg, "cut short: the input ends inside the object (begun at byte 0)");
        CHECK_INT(g.err[1].offset, (long long)(d - 10));
    }
    got_free(&g);

    /* the 2016 document (77 KB) under a bound of 64 KB, and under the default */
    size_t n;
    char *s = read_sample("petition-131215.2016-06-27.json", &n);
    load(s, n, 64 * 1024, &g);
    check_one_error(&g, 80, 1, "petition too large: data is over 64 KB (skipped)");
    got_free(&g);
    load(s, n, 0, &g);
    CHECK_INT(g.n, 1);
    got_free(&g);
    free(s), free(a), free(b), free(p);
}

/* ---------------------------------------------------------------- the rules */

static void test_parliaments(void)
{
    CHECK_INT(uk_parliament_of_period("2010-2015"), 55);
    CHECK_INT(uk_parliament_of_period("2015-2017"), 56);
    CHECK_INT(uk_parliament_of_period("2017-2019"), 57);
    CHECK_INT(uk_parliament_of_period("2019-2024"), 58);
    CHECK_INT(uk_parliament_of_period("2024-2029"), 59);
    CHECK_INT(uk_parliament_of_period("2005-2010"), UK_MISSING);
    CHECK_INT(uk_parliament_of_period("soon"), UK_MISSING);
    CHECK_INT(uk_parliament_of_period(NULL), UK_MISSING);
    static const struct { const char *day; int number; } days[] = {
        {"2010-05-17", UK_MISSING}, {"2010-05-18", 55}, {"2015-05-17", 55}, {"2015-05-18", 56},
        {"2017-06-12", 56}, {"2017-06-13", 57}, {"2019-12-16", 57}, {"2019-12-17", 58},
        {"2024-07-08", 58}, {"2024-07-09", 59}, {"2030-01-01", 59},
    };
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
        printf("# %s\n", days[i].day);
        CHECK_INT(uk_parliament_of_day(day(days[i].day)), days[i].number);
    }
}

/* status, response days, late and overdue on petitions made for each case */
static void test_derive(void)
{
    static const struct {
        const char *attributes, *as_of, *status;
        long days;
        int late, overdue;
    } cases[] = {
        /* answered on day 21: not late; on day 22: late */
        {"\"state\":\"open\",\"response_threshold_reached_at\":\"2023-01-01T10:00:00Z\","
         "\"government_response\":{\"responded_on\":\"2023-01-22\"}", "2023-02-01", "responded", 21, 0, 0},
        {"\"state\":\"closed\",\"response_threshold_reached_at\":\"2023-01-01T10:00:00Z\","
         "\"government_response\":{\"responded_on\":\"2023-01-23\"}", "2023-02-01", "responded", 22, 1, 0},
        /* responded_on wins over government_response_at */
        {"\"state\":\"closed\",\"response_threshold_reached_at\":\"2023-01-01T10:00:00Z\","
         "\"government_response_at\":\"2023-03-01T10:00:00Z\",\"government_response\":{\"responded_on\":\"2023-01-05\"}",
         "2023-04-01", "responded", 4, 0, 0},
        /* waiting: overdue after 21 days */
        {"\"state\":\"open\",\"response_threshold_reached_at\":\"2023-01-01T10:00:00Z\"", "2023-01-22", "open",
         UK_MISSING, UK_MISSING, 0},
        {"\"state\":\"open\",\"response_threshold_reached_at\":\"2023-01-01T10:00:00Z\"", "2023-01-23", "open",
         UK_MISSING, UK_MISSING, 1},
        /* never reached the threshold: the question does not arise */
        {"\"state\":\"closed\",\"signature_count\":50", "2023-01-23", "closed", UK_MISSING, UK_MISSING, UK_MISSING},
        {"\"state\":\"hidden\"", "2023-01-23", "rejected", UK_MISSING, UK_MISSING, UK_MISSING},
        {"\"state\":\"pending\"", "2023-01-23", NULL, UK_MISSING, UK_MISSING, UK_MISSING},
        /* opened in the 58th Parliament, dissolved on 30 May 2024: closed since,
         * and no response can be overdue past that day */
        {"\"state\":\"open\",\"opened_at\":\"2024-04-01T10:00:00Z\",\"response_threshold_reached_at\":\"2024-05-20T10:00:00Z\"",
         "2025-01-01", "closed", UK_MISSING, UK_MISSING, 0},
        {"\"state\":\"open\",\"opened_at\":\"2024-03-01T10:00:00Z\",\"response_threshold_reached_at\":\"2024-04-01T10:00:00Z\"",
         "2025-01-01", "closed", UK_MISSING, UK_MISSING, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char doc[1024];
        snprintf(doc, sizeof doc, "{\"data\":{\"type\":\"petition\",\"id\":%zu,\"attributes\":{%s}}}", i + 1,
                 cases[i].attributes);
        check_note(cases[i].attributes);
        struct got g;
        const struct uk_petition *p = one_petition(doc, &g);
        if (p) {
            struct derived d = derive(p, day(cases[i].as_of));
            CHECK_STR(d.status, cases[i].status);
            CHECK_INT(d.response_days, cases[i].days);
            CHECK_INT(d.late, cases[i].late);
            CHECK_INT(d.overdue, cases[i].overdue);
        }
        got_free(&g);
    }
}

/* ---------------------------------------------------------------- sniffing, BOM, stopping, files */

static void test_sniff(void)
{
    static const char *const files[] = {
        "archived_petitions.json_page_2_parliament_2_state_published", "archived_petitions_300628.json",
        "petition-131215.2016-06-27.json", "petitions_736296.json", "preview-archived_petitions_21675.json",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        size_t n;
        char *s = read_sample(files[i], &n);
        CHECK(uk_sniff(s, n < 4096 ? n : 4096));
        free(s);
    }
    CHECK(uk_sniff("\xEF\xBB\xBF [{\"data\": {\n  \"type\" :\n \"petition\"", 44));
    CHECK(uk_sniff("{\"type\":\"archived-petition\"", 27));
    CHECK(uk_sniff("{\"links\":{\"self\":\"https://petition.parliament.uk/petitions.json?page=99\"},\"data\":[]}", 84));
    CHECK(!uk_sniff("", 0));
    CHECK(!uk_sniff("id,url,kind\n", 12));
    CHECK(!uk_sniff("<!DOCTYPE html><html>", 21));
    CHECK(!uk_sniff("{\"type\":\"FeatureCollection\"}", 28));
    CHECK(!uk_sniff("{\"data\":[]}", 11));
    CHECK(!uk_sniff("{\"type\":\"petit", 14));           /* cut before the value is whole */
    size_t n;
    char *page = check_read_file("data/e-2559.txt", &n);
    CHECK(page != NULL && !uk_sniff(page, n));
    free(page);
}

static void test_bom_stop_and_files(void)
{
    size_t n;
    char *s = read_sample("petitions_736296.json", &n);
    struct buf in = {NULL, 0};
    puts_(&in, "\xEF\xBB\xBF"), put(&in, s, n), puts_(&in, "\n"), put(&in, s, n), puts_(&in, "\n"), put(&in, s, n);
    struct got g;
    load(in.s, in.n, 0, &g);
    CHECK_INT(g.n, 3);
    CHECK_INT(g.n ? g.p[0]->offset : 0, 83);
    got_free(&g);

    /* the callback stops the reading: its value comes back, later pieces do nothing */
    memset(&g, 0, sizeof g);
    g.stop_after = 1;
    struct uk_reader *r = uk_reader_new(0, on_petition, on_error, &g);
    CHECK_INT(uk_reader_feed(r, in.s, in.n), 7);
    CHECK_INT(uk_reader_feed(r, in.s, in.n), 7);
    CHECK_INT(uk_reader_finish(r), 7);
    CHECK_INT(uk_reader_petitions(r), 1);
    CHECK_INT(uk_reader_errors(r), 0);
    uk_reader_free(r);
    CHECK_INT(g.n, 1);
    got_free(&g);
    free(in.s);
    free(s);

    /* a file, read through the 64 KB buffer: the 77 KB petition spans two reads */
    int fd = open(SAMPLES "petition-131215.2016-06-27.json", O_RDONLY);
    memset(&g, 0, sizeof g);
    CHECK_INT(uk_read_fd(fd, 0, on_petition, on_error, &g), 0);
    close(fd);
    CHECK_INT(g.n, 1);
    CHECK_INT(g.n ? g.p[0]->n_by_constituency : 0, 650);
    CHECK_INT(g.n_err, 0);
    got_free(&g);

    /* a folder cannot be read */
    fd = open(SAMPLES, O_RDONLY);
    CHECK_INT(uk_read_fd(fd, 0, on_petition, on_error, &g), -1);
    close(fd);
    check_one_error(&g, 0, 1, "cannot read: Is a directory");
    got_free(&g);

    /* memory */
    s = read_sample("preview-archived_petitions_69837.json", &n);
    CHECK_INT(uk_read_mem(s, n, 0, on_petition, on_error, &g), 0);
    CHECK_INT(g.n, 1);
    got_free(&g);
    free(s);
}

/* ---------------------------------------------------------------- kept fuzz inputs */

/* Every file of tests/regress/ukjson/ through the fuzz target's checks (a
 * failed check aborts, after the file's name is printed). */
static void test_regress(void)
{
    char *names[1024];
    long n = check_list_dir("tests/regress/ukjson", names, sizeof names / sizeof names[0]);
    CHECK(n >= 0);
    for (long i = 0; i < n; i++) {
        char path[600];
        snprintf(path, sizeof path, "tests/regress/ukjson/%s", names[i]);
        size_t len;
        char *data = check_read_file(path, &len);
        printf("# %s (%zu bytes)\n", path, len);
        fflush(stdout);
        if (data != NULL)
            regress_ukjson((const uint8_t *)data, len);
        CHECK(data != NULL);
        free(data);
        free(names[i]);
    }
    CHECK(n > 0);
}

int main(void)
{
    test_736296();
    test_21675();
    test_69837();
    test_131215();
    test_cut_samples();
    test_300628();
    test_301836();
    test_737169();
    test_65780();
    test_list_pages();
    test_every_cut();
    test_ndjson();
    test_arrays();
    test_malformed();
    test_not_the_site();
    test_drift();
    test_size_bound();
    test_parliaments();
    test_derive();
    test_sniff();
    test_bom_stop_and_files();
    test_regress();
    return check_done();
}
