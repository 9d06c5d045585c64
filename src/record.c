/* record.c — the record schema's table, and what every record needs
 * whatever it was read from: its memory, the rules that make fields from
 * fields, and the fields worked out against a day. */
#include "record.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "vocab.h"

#define RECORD_COUNT_OFFSET_STRING(name)    0
#define RECORD_COUNT_OFFSET_DATE(name)      0
#define RECORD_COUNT_OFFSET_DATETIME(name)  0
#define RECORD_COUNT_OFFSET_INTEGER(name)   0
#define RECORD_COUNT_OFFSET_BOOLEAN(name)   0
#define RECORD_COUNT_OFFSET_LIST(name)      offsetof(struct record, n_##name)
#define RECORD_COUNT_OFFSET_RESPONSES(name) offsetof(struct record, n_##name)
#define RECORD_COUNT_OFFSET_COUNTS(name)    offsetof(struct record, n_##name)
#define RECORD_COUNT_OFFSET_CONSTITUENCIES(name) offsetof(struct record, n_##name)

const struct record_field record_fields[RECORD_N_FIELDS] = {
#define RECORD_FIELD_ROW(name, kind, share) \
    {#name, RECORD_##kind, RECORD_##share, offsetof(struct record, name), \
     RECORD_COUNT_OFFSET_##kind(name)},
    RECORD_FIELDS(RECORD_FIELD_ROW)
#undef RECORD_FIELD_ROW
};

const char *record_kind_name(enum record_kind kind)
{
    static const char *const names[] = {"string", "date", "datetime", "integer", "boolean",
                                        "list", "responses", "counts", "constituencies"};
    return names[kind];
}

int record_field_find(const char *name, size_t len)
{
    for (int f = 0; f < RECORD_N_FIELDS; f++)
        if (strlen(record_fields[f].name) == len && memcmp(record_fields[f].name, name, len) == 0)
            return f;
    return -1;
}

static bool is(const char *s, const char *word)
{
    return s != NULL && strcmp(s, word) == 0;
}

/* ---- memory ---- */

struct holder {                 /* the record and the arena that holds it */
    struct record rec;
    struct arena arena;
};

static void set_missing(struct record *rec)
{
    for (int f = 0; f < RECORD_N_FIELDS; f++) {
        char *at = (char *)rec + record_fields[f].offset;
        if (record_fields[f].kind == RECORD_INTEGER)
            *(long *)at = RECORD_NO_INT;
        else if (record_fields[f].kind == RECORD_BOOLEAN)
            *(int *)at = RECORD_NO_BOOL;
    }
}

struct record *record_new(size_t hint)
{
    struct arena a;
    arena_init(&a, hint);
    struct holder *h = arena_calloc(&a, 1, sizeof *h);
    if (!h) {
        arena_free(&a);
        return NULL;
    }
    h->arena = a;
    set_missing(&h->rec);
    return &h->rec;
}

struct arena *record_arena(struct record *rec)
{
    return &((struct holder *)rec)->arena;
}

void record_free(struct record *rec)
{
    if (!rec)
        return;
    struct arena a = ((struct holder *)rec)->arena;   /* the holder lives in it */
    arena_free(&a);
}

bool record_has(const struct record *rec, int f)
{
    const struct record_field *d = &record_fields[f];
    const char *at = (const char *)rec + d->offset;
    switch (d->kind) {
    case RECORD_INTEGER:
        return *(const long *)at != RECORD_NO_INT;
    case RECORD_BOOLEAN:
        return *(const int *)at != RECORD_NO_BOOL;
    default:                            /* strings, lists, responses, counts: a pointer */
        return *(const void *const *)at != NULL;
    }
}

static char *copy_into(struct arena *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n + 1);
    if (out) {
        memcpy(out, s, n);
        out[n] = '\0';
    }
    return out;
}

bool record_add_extra(struct record *rec, struct arena *a, size_t cap, const char *name,
                      const char *value, size_t value_len)
{
    if (!rec->extra_names) {
        rec->extra_names = arena_calloc(a, cap, sizeof *rec->extra_names);
        rec->extra_values = arena_calloc(a, cap, sizeof *rec->extra_values);
        if (!rec->extra_names || !rec->extra_values)
            return false;
    }
    const char *n = copy_into(a, name, strlen(name)), *v = copy_into(a, value, value_len);
    if (!n || !v)
        return false;
    rec->extra_names[rec->n_extras] = n;
    rec->extra_values[rec->n_extras++] = v;
    return true;
}

void record_set_items(struct record *rec, int f, void *items, size_t n)
{
    const struct record_field *d = &record_fields[f];
    *(void **)((char *)rec + d->offset) = items;
    *(size_t *)((char *)rec + d->count_offset) = n;
}

/* ---- fields made from fields ---- */

bool record_join_response_texts(struct record *rec)
{
    size_t n_texts = 0, total = 0;
    const char *only = NULL;
    for (size_t i = 0; i < rec->n_responses; i++) {
        const char *t = rec->responses[i].text;
        if (t) {
            total += strlen(t) + (n_texts ? 2 : 0);
            n_texts++;
            only = t;
        }
    }
    if (n_texts <= 1) {
        rec->response_text = only;      /* the same string: one response is the common case */
        return true;
    }
    char *joined = arena_alloc(record_arena(rec), total + 1);
    if (!joined)
        return false;
    size_t at = 0;
    for (size_t i = 0; i < rec->n_responses; i++) {
        const char *t = rec->responses[i].text;
        if (!t)
            continue;
        if (at > 0) {
            memcpy(joined + at, "\n\n", 2);
            at += 2;
        }
        size_t k = strlen(t);
        memcpy(joined + at, t, k);
        at += k;
    }
    joined[at] = '\0';
    rec->response_text = joined;
    return true;
}

bool record_complete(struct record *rec)
{
    if (rec->n_responses > 0) {
        if (!rec->responder)
            rec->responder = rec->responses[0].responder;
        if (!rec->signed_by)
            rec->signed_by = rec->responses[0].signed_by;
        if (!rec->department)
            rec->department = rec->responses[0].department;
        if (!rec->response_text && !record_join_response_texts(rec))
            return false;
    }
    if (rec->signatures == RECORD_NO_INT && rec->signatures_by_province != NULL) {
        long sum = 0;
        for (size_t i = 0; i < rec->n_signatures_by_province; i++)
            if (sum <= LONG_MAX - rec->signatures_by_province[i].count)
                sum += rec->signatures_by_province[i].count;
        rec->signatures = sum;
    }
    return true;
}

/* ---- the vocabularies ---- */

void record_canonicalize(struct record *rec, const struct vocab *v)
{
    if (!v)
        return;
    if (rec->topic) {
        const char *topic = vocab_topic(v, rec->topic, strlen(rec->topic));
        /* a UK topic is the site's own (record_uk.h), readable as it is: a
         * row may put it under another name, none is needed */
        rec->topic_unmapped = topic == NULL && !is(rec->parliament_of, "uk");
        if (topic)
            rec->topic = topic;
    }
    for (size_t i = 0; i < rec->n_responses; i++) {
        struct record_response *r = &rec->responses[i];
        if (r->responder && !r->department)
            r->department = vocab_department(v, r->responder, strlen(r->responder));
    }
    if (rec->n_responses > 0 && !rec->department)
        rec->department = rec->responses[0].department;
}

/* ---- fields worked out against a day ---- */

/* Day number of an ISO date string, or RECORD_NO_INT. */
static long day_of(const char *iso)
{
    struct date_value d;
    char err[8];
    if (!iso || date_parse(iso, strlen(iso), &d, err, sizeof err) != 0)
        return RECORD_NO_INT;
    return date_days_from_civil(d.year, d.month, d.day);
}

/* Canada: the House's rule, from presentation (record.h). */
static void derive_ca(struct record *rec, long as_of_days)
{
    bool responded = rec->response_tabled || rec->sessional_paper || rec->n_responses > 0;
    long presented = day_of(rec->presented);
    long tabled = day_of(rec->response_tabled);
    long closed = day_of(rec->closed);
    if (rec->not_certified)
        rec->status = "not_certified";
    else if (responded)
        rec->status = "responded";
    else if (rec->presented)
        rec->status = "presented";
    else if (closed != RECORD_NO_INT && closed < as_of_days)
        rec->status = "closed";
    else if (rec->opened)
        rec->status = "open";
    if (presented != RECORD_NO_INT && tabled != RECORD_NO_INT) {
        rec->response_days = tabled - presented;
        rec->late = rec->response_days > RECORD_CA_RESPONSE_DAYS;
    }
    if (presented != RECORD_NO_INT)
        rec->overdue = !responded && as_of_days - presented > RECORD_CA_RESPONSE_DAYS;
}

/* The UK: the agreement of the Government and the Petitions Committee, from
 * the day the response threshold was reached (record.h, doc/UK.md). */
static void derive_uk(struct record *rec, long as_of_days)
{
    bool responded = rec->response_tabled || rec->n_responses > 0;
    long reached = day_of(rec->response_threshold_reached);
    long tabled = day_of(rec->response_tabled);
    long closing = day_of(rec->closed);
    long dissolved = day_of(rec->parliament_dissolved);
    bool past_closing = closing != RECORD_NO_INT && closing < as_of_days;
    bool past_dissolution = dissolved != RECORD_NO_INT && dissolved <= as_of_days;
    if (is(rec->state, "rejected") || is(rec->state, "hidden"))
        rec->status = "rejected";
    else if (responded)
        rec->status = "responded";
    else if (is(rec->state, "closed") || (is(rec->state, "open") && (past_closing || past_dissolution)))
        rec->status = "closed";
    else if (is(rec->state, "open"))
        rec->status = "open";
    if (reached == RECORD_NO_INT)
        return;
    if (tabled != RECORD_NO_INT) {
        rec->response_days = tabled - reached;
        rec->late = rec->response_days > RECORD_UK_RESPONSE_DAYS;
    }
    long until = past_dissolution ? dissolved : as_of_days;
    rec->overdue = !responded && until - reached > RECORD_UK_RESPONSE_DAYS;
}

void record_derive(struct record *rec, long as_of_days)
{
    rec->status = NULL;
    rec->response_days = RECORD_NO_INT;
    rec->late = rec->overdue = RECORD_NO_BOOL;
    if (is(rec->parliament_of, "uk"))
        derive_uk(rec, as_of_days);
    else
        derive_ca(rec, as_of_days);
}
