/* test_page_check.h — what a page's record should hold, and the check of every
 * field of it (a field left out of an expectation must be missing: NULL,
 * PAGE_MISSING_INT, false or an empty list). Included by the page tests. */
#ifndef PETLUA_TEST_PAGE_CHECK_H
#define PETLUA_TEST_PAGE_CHECK_H

#include "check.h"
#include "date.h"
#include "page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A NULL-terminated list of strings; a NULL list: the field is missing. */
#define LIST(...) ((const char *const[]){ __VA_ARGS__, NULL })

struct expect_response {
    const char *responder, *signed_by, *signature, *text;
};

struct expect_count {
    const char *province;
    long count;
};

struct expect_warning {
    int line;
    const char *text;
};

/* Every integer is given explicitly in each expectation, through INTS(). */
struct expect {
    const char *id, *url, *kind, *topic, *lang, *original_language;
    const char *initiator, *initiator_city, *initiator_province, *addressee;
    const char *const *grievances;
    const char *prayer, *text;
    const char *const *keywords;
    struct expect_response responses[4];
    int n_responses;
    const char *opened_at, *closed_at, *opened, *closed, *presented, *response_tabled;
    const char *petition_no;
    int parliament, session;
    const char *presenter, *presenter_riding;
    const char *sponsor, *sponsor_riding, *sponsor_caucus, *sponsor_province;
    const char *sessional_paper;
    long signatures;
    struct expect_count by_province[8];
    int n_by_province;
    bool not_certified;
    struct expect_warning warnings[8];
    int n_warnings;
    /* derived, as of as_of (default 2025-01-01) */
    const char *as_of;
    const char *status;
    long response_days;
    int late, overdue;
};

static long iso_days(const char *iso)
{
    struct date_value d;
    char err[80];
    if (date_parse(iso, strlen(iso), &d, err, sizeof err) != 0)
        return 0;
    return date_days_from_civil(d.year, d.month, d.day);
}

static void check_list(const char *what, const char *const *got, size_t n, const char *const *want)
{
    size_t wn = 0;
    while (want && want[wn])
        wn++;
    char label[160];
    snprintf(label, sizeof label, "%s: %zu items", what, wn);
    check_report(n == wn && (want == NULL) == (got == NULL), __FILE__, __LINE__, label);
    if (n != wn || (want == NULL) != (got == NULL))
        printf("    got %zu items (list %s)\n", n, got ? "present" : "NULL");
    for (size_t i = 0; i < n && i < wn; i++)
        CHECK_STR(got[i], want[i]);
}

/* An integer field of the record as the expectations write it: M (-1) when missing. */
static long m_int(long v)
{
    return v == RECORD_NO_INT ? -1 : v;
}

/* Checks every field of rec against e. */
static void check_record(const char *name, struct record *r, const struct expect *e)
{
    printf("# %s\n", name);
    CHECK_STR(r->id, e->id);
    CHECK_STR(r->url, e->url);
    CHECK_STR(r->kind, e->kind);
    CHECK_STR(r->topic, e->topic);
    CHECK_STR(r->lang, e->lang);
    CHECK_STR(r->original_language, e->original_language);
    CHECK_STR(r->initiator, e->initiator);
    CHECK_STR(r->initiator_city, e->initiator_city);
    CHECK_STR(r->initiator_province, e->initiator_province);
    CHECK_STR(r->addressee, e->addressee);
    check_list("grievances", r->grievances, r->n_grievances, e->grievances);
    CHECK_STR(r->prayer, e->prayer);
    CHECK_STR(r->text, e->text);
    check_list("keywords", r->keywords, r->n_keywords, e->keywords);
    CHECK_INT(r->n_responses, e->n_responses);
    CHECK((r->responses == NULL) == (e->n_responses == 0));
    for (size_t i = 0; i < r->n_responses && i < (size_t)e->n_responses; i++) {
        CHECK_STR(r->responses[i].responder, e->responses[i].responder);
        CHECK_STR(r->responses[i].signed_by, e->responses[i].signed_by);
        CHECK_STR(r->responses[i].signature, e->responses[i].signature);
        CHECK_STR(r->responses[i].text, e->responses[i].text);
    }
    CHECK_STR(r->opened_at, e->opened_at);
    CHECK_STR(r->closed_at, e->closed_at);
    CHECK_STR(r->opened, e->opened);
    CHECK_STR(r->closed, e->closed);
    CHECK_STR(r->presented, e->presented);
    CHECK_STR(r->response_tabled, e->response_tabled);
    CHECK_STR(r->petition_no, e->petition_no);
    CHECK_INT(m_int(r->parliament), e->parliament);
    CHECK_INT(m_int(r->session), e->session);
    CHECK_STR(r->presenter, e->presenter);
    CHECK_STR(r->presenter_riding, e->presenter_riding);
    CHECK_STR(r->sponsor, e->sponsor);
    CHECK_STR(r->sponsor_riding, e->sponsor_riding);
    CHECK_STR(r->sponsor_caucus, e->sponsor_caucus);
    CHECK_STR(r->sponsor_province, e->sponsor_province);
    CHECK_STR(r->sessional_paper, e->sessional_paper);
    CHECK_INT(m_int(r->signatures), e->signatures);
    CHECK_INT(r->n_signatures_by_province, e->n_by_province);
    CHECK((r->signatures_by_province == NULL) == (e->n_by_province == 0));
    for (size_t i = 0; i < r->n_signatures_by_province && i < (size_t)e->n_by_province; i++) {
        CHECK_STR(r->signatures_by_province[i].name, e->by_province[i].province);
        CHECK_INT(r->signatures_by_province[i].count, e->by_province[i].count);
    }
    CHECK_INT(r->not_certified, e->not_certified);
    CHECK_STR(r->source, name);
    CHECK_INT(r->n_warnings, e->n_warnings);
    for (size_t i = 0; i < r->n_warnings; i++) {
        if (i < (size_t)e->n_warnings) {
            CHECK_INT(r->warnings[i].line, e->warnings[i].line);
            CHECK_STR(r->warnings[i].text, e->warnings[i].text);
        } else {
            printf("    unexpected warning %d: %s\n", r->warnings[i].line, r->warnings[i].text);
        }
    }
    record_derive(r, iso_days(e->as_of ? e->as_of : "2025-01-01"));
    CHECK_STR(r->status, e->status);
    CHECK_INT(m_int(r->response_days), e->response_days);
    CHECK_INT(r->late, e->late);
    CHECK_INT(r->overdue, e->overdue);
}

#define M (-1)     /* missing, in an expectation */
/* parliament, session, signatures, then the derived response_days, late, overdue */
#define INTS(p, s, sig, days, late_, over) .parliament = (p), .session = (s), .signatures = (sig), \
    .response_days = (days), .late = (late_), .overdue = (over)

static struct record *parse_text(const char *text, size_t len, const char *name)
{
    int line = -2;
    char err[200];
    struct record *r = page_parse(text, len, name, &line, err, sizeof err);
    if (!r)
        printf("    %s: not parsed: line %d: %s\n", name, line, err);
    return r;
}

static inline void check_page_file(const char *path, const struct expect *e)
{
    size_t len;
    char *text = check_read_file(path, &len);
    CHECK(text != NULL);
    if (!text)
        return;
    struct record *r = parse_text(text, len, path);
    CHECK(r != NULL);
    if (r)
        check_record(path, r, e);
    record_free(r);
    free(text);
}

/* A page given as a string in the test. */
static inline void check_page_text(const char *name, const char *text, size_t len, const struct expect *e)
{
    struct record *r = parse_text(text, len, name);
    CHECK(r != NULL);
    if (r)
        check_record(name, r, e);
    record_free(r);
}

/* A text that is not a page: the exact line and message. */
static inline void check_not_page(const char *name, const char *text, size_t len, int want_line, const char *want_err)
{
    int line = -2;
    char err[200] = "";
    struct record *r = page_parse(text, len, name, &line, err, sizeof err);
    printf("# %s\n", name);
    CHECK(r == NULL);
    CHECK_INT(line, want_line);
    CHECK_STR(err, want_err);
    record_free(r);
}

#endif
