/* record_uk.c — a UK petition as a record (see record_uk.h). */
#include "record_uk.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "date.h"

/* What a record is built with. */
struct build {
    struct record *rec;
    struct arena *A;
    bool oom;
};

static void *alloc_n(struct build *b, size_t n, size_t size)
{
    void *p = arena_calloc(b->A, n ? n : 1, size);
    b->oom |= p == NULL;
    return p;
}

static const char *dup(struct build *b, const char *s, size_t n)
{
    char *out = arena_alloc(b->A, n + 1);
    if (!out) {
        b->oom = true;
        return NULL;
    }
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

size_t uk_topic_name(const char *code, char *out, size_t size)
{
    size_t n = 0;
    if (size == 0)
        return 0;
    for (; code[n] && n + 1 < size; n++) {
        char c = code[n];
        out[n] = c == '-' || c == '_' ? ' ' : c;
    }
    out[n] = '\0';
    if (n > 0 && out[0] >= 'a' && out[0] <= 'z')
        out[0] = (char)(out[0] - 'a' + 'A');
    return n;
}

static void map_topics(struct build *b, const struct uk_petition *p)
{
    if (p->n_topics == 0)
        return;
    b->rec->topics = p->topics;
    b->rec->n_topics = p->n_topics;
    char name[256];
    size_t n = uk_topic_name(p->topics[0], name, sizeof name);
    b->rec->topic = dup(b, name, n);
}

/* The response: one, from the first department, its summary and details. */
static void map_response(struct build *b, const struct uk_petition *p)
{
    struct record *rec = b->rec;
    const char *department = p->n_departments > 0 ? p->departments[0].name : NULL;
    rec->department = department;
    rec->response_tabled = p->response && p->response->responded_on ? p->response->responded_on
                                                                    : p->government_response.date;
    if (!p->response)
        return;
    const char *summary = p->response->summary, *details = p->response->details;
    const char *text = summary ? summary : details;
    if (summary && details) {
        size_t ns = strlen(summary), nd = strlen(details);
        char *joined = arena_alloc(b->A, ns + nd + 2);
        if (!joined) {
            b->oom = true;
            return;
        }
        memcpy(joined, summary, ns);
        joined[ns] = '\n';
        memcpy(joined + ns + 1, details, nd + 1);
        text = joined;
    }
    struct record_response *r = alloc_n(b, 1, sizeof *r);
    if (!r)
        return;
    r->department = department;
    r->text = text;
    rec->responses = r;
    rec->n_responses = 1;
}

/* Rows of a name and a count, those with both. */
static struct record_count *map_counts(struct build *b, const struct uk_count *rows, size_t n,
                                       size_t *n_out)
{
    *n_out = 0;
    if (!rows || n == 0)
        return NULL;
    struct record_count *out = alloc_n(b, n, sizeof *out);
    size_t k = 0;
    for (size_t i = 0; out && i < n; i++)
        if (rows[i].name && rows[i].count != UK_MISSING)
            out[k++] = (struct record_count){rows[i].name, rows[i].count};
    *n_out = k;
    return k > 0 ? out : NULL;
}

static void map_constituencies(struct build *b, const struct uk_petition *p)
{
    if (!p->by_constituency || p->n_by_constituency == 0)
        return;
    struct record_constituency *out = alloc_n(b, p->n_by_constituency, sizeof *out);
    size_t k = 0;
    for (size_t i = 0; out && i < p->n_by_constituency; i++) {
        const struct uk_count *c = &p->by_constituency[i];
        if (c->name && c->count != UK_MISSING)
            out[k++] = (struct record_constituency){c->name, c->code, c->mp, c->count};
    }
    if (k > 0) {
        b->rec->signatures_by_constituency = out;
        b->rec->n_signatures_by_constituency = k;
    }
}

static void map_debate(struct build *b, const struct uk_petition *p)
{
    b->rec->debate_threshold_reached = p->debate_threshold_reached.date;
    if (p->debate) {
        b->rec->debated_on = p->debate->debated_on;
        b->rec->debate_outcome = p->debate->debated_on ? "debated" : "not_debated";
    }
}

static void map_parliament(struct build *b, const struct uk_petition *p)
{
    struct record *rec = b->rec;
    if (p->parliament_no != UK_MISSING)
        rec->parliament = p->parliament_no;
    if (p->parliament && p->parliament->dissolution.date) {
        rec->parliament_dissolved = p->parliament->dissolution.date;
        return;
    }
    long day = uk_parliament_dissolved_day(p->parliament_no);
    if (day != UK_MISSING) {
        struct date_value d = {0};
        date_civil_from_days(day, &d.year, &d.month, &d.day);
        char iso[16];
        date_format_iso(&d, iso, sizeof iso);
        rec->parliament_dissolved = dup(b, iso, strlen(iso));
    }
}

static void map_warnings(struct build *b, const struct uk_petition *p)
{
    if (p->n_warnings == 0)
        return;
    struct record_warning *w = alloc_n(b, p->n_warnings, sizeof *w);
    for (size_t i = 0; w && i < p->n_warnings; i++) {
        char head[48];
        int k = snprintf(head, sizeof head, "petition %s: ", p->id);
        size_t n = strlen(p->warnings[i]);
        char *text = arena_alloc(b->A, (size_t)k + n + 1);
        if (!text) {
            b->oom = true;
            return;
        }
        memcpy(text, head, (size_t)k);
        memcpy(text + k, p->warnings[i], n + 1);
        w[i] = (struct record_warning){p->line, text};
    }
    if (w) {
        b->rec->warnings = w;
        b->rec->n_warnings = p->n_warnings;
    }
}

static void map(struct build *b, const struct uk_petition *p)
{
    struct record *rec = b->rec;
    rec->id = p->id;
    rec->url = p->url;
    rec->kind = "e-petition";
    rec->parliament_of = "uk";
    rec->lang = "en";
    rec->initiator = p->creator_name;
    rec->prayer = p->action;
    rec->text = p->text;
    rec->opened_at = p->opened.datetime;
    rec->opened = p->opened.date;
    rec->closed_at = p->closed.datetime;
    rec->closed = p->closed.date ? p->closed.date : p->closing_date;
    if (p->signatures != UK_MISSING)
        rec->signatures = p->signatures;
    rec->state = p->state;
    rec->rejection = p->rejection_code;
    rec->response_threshold_reached = p->response_threshold_reached.date;
    map_topics(b, p);
    map_response(b, p);
    map_debate(b, p);
    map_parliament(b, p);
    rec->signatures_by_country = map_counts(b, p->by_country, p->n_by_country,
                                            &rec->n_signatures_by_country);
    rec->signatures_by_region = map_counts(b, p->by_region, p->n_by_region,
                                           &rec->n_signatures_by_region);
    map_constituencies(b, p);
    map_warnings(b, p);
}

struct record *record_of_uk(const struct uk_petition *p)
{
    struct record *rec = record_new(4096);
    if (!rec)
        return NULL;
    struct build b = {rec, record_arena(rec), false};
    map(&b, p);
    if (b.oom || !record_complete(rec)) {
        record_free(rec);
        return NULL;
    }
    return rec;
}

struct record *record_from_uk(struct uk_petition *p)
{
    struct record *rec = record_of_uk(p);
    if (rec)
        arena_adopt(record_arena(rec), &p->arena);   /* the strings stay where they are */
    uk_petition_free(p);
    return rec;
}
