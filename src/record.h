/* record.h — a petition record, and the record schema written out once.
 * A C core: no Lua here.
 *
 * RECORD_FIELDS is the one list of the record's fields, in the order of the
 * design document and of the CSV columns ("ORDER FIELD", as Lua's ltm.h
 * keeps its metamethods): each field's name, kind and share. The struct
 * below, the descriptor table record_fields[], the Lua binding's keys and
 * schema, the CSV columns, the merge of a petition's pages and the tests'
 * checker are all made from it. A new field is one row here, plus the code
 * that reads it.
 *
 * Kinds and their members in struct record (a missing value is NULL, or the
 * marker given):
 *   STRING, DATE ("YYYY-MM-DD"), DATETIME ("YYYY-MM-DDTHH:MM")
 *                const char *NAME
 *   INTEGER      long NAME              RECORD_NO_INT when missing
 *   BOOLEAN      int NAME (0 or 1)      RECORD_NO_BOOL when missing
 *   LIST         const char **NAME; size_t n_NAME        (of strings)
 *   RESPONSES    struct record_response *NAME; size_t n_NAME
 *   COUNTS       struct record_count *NAME; size_t n_NAME (name -> count)
 *   CONSTITUENCIES struct record_constituency *NAME; size_t n_NAME
 *                (rows of name, code, MP and count: a UK petition's
 *                signatures per constituency)
 * Shares:
 *   SAME     the same whatever the page's language (dates, numbers, names,
 *            canonical vocabularies): a record lacking it takes it from
 *            another page of the same petition
 *   LANG     in the page's language (its text, its titles as printed)
 *   DERIVED  worked out from the others against a day (record_derive)
 *   FILE     the file the record came from
 *
 * Ownership: every string and array of a record lives in the record's own
 * arena (record_arena) and is freed with it by record_free(). */
#ifndef PETLUA_RECORD_H
#define PETLUA_RECORD_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "page_arena.h"

#define RECORD_FIELDS(X) \
    X(id,                     STRING,    SAME) \
    X(url,                    STRING,    LANG) \
    X(kind,                   STRING,    SAME) \
    X(parliament_of,          STRING,    SAME) \
    X(topic,                  STRING,    SAME) \
    X(lang,                   STRING,    LANG) \
    X(original_language,      STRING,    SAME) \
    X(initiator,              STRING,    SAME) \
    X(initiator_city,         STRING,    SAME) \
    X(initiator_province,     STRING,    SAME) \
    X(addressee,              STRING,    LANG) \
    X(grievances,             LIST,      LANG) \
    X(prayer,                 STRING,    LANG) \
    X(text,                   STRING,    LANG) \
    X(keywords,               LIST,      LANG) \
    X(responses,              RESPONSES, LANG) \
    X(responder,              STRING,    LANG) \
    X(department,             STRING,    SAME) \
    X(signed_by,              STRING,    LANG) \
    X(response_text,          STRING,    LANG) \
    X(opened_at,              DATETIME,  SAME) \
    X(closed_at,              DATETIME,  SAME) \
    X(opened,                 DATE,      SAME) \
    X(closed,                 DATE,      SAME) \
    X(presented,              DATE,      SAME) \
    X(petition_no,            STRING,    SAME) \
    X(parliament,             INTEGER,   SAME) \
    X(session,                INTEGER,   SAME) \
    X(presenter,              STRING,    SAME) \
    X(presenter_riding,       STRING,    SAME) \
    X(sponsor,                STRING,    SAME) \
    X(sponsor_riding,         STRING,    SAME) \
    X(sponsor_caucus,         STRING,    SAME) \
    X(sponsor_province,       STRING,    SAME) \
    X(response_tabled,        DATE,      SAME) \
    X(sessional_paper,        STRING,    SAME) \
    X(signatures,             INTEGER,   SAME) \
    X(signatures_by_province, COUNTS,    SAME) \
    X(state,                  STRING,    SAME) \
    X(rejection,              STRING,    SAME) \
    X(topics,                 LIST,      SAME) \
    X(response_threshold_reached, DATE,  SAME) \
    X(debate_threshold_reached, DATE,    SAME) \
    X(debated_on,             DATE,      SAME) \
    X(debate_outcome,         STRING,    SAME) \
    X(parliament_dissolved,   DATE,      SAME) \
    X(signatures_by_country,  COUNTS,    SAME) \
    X(signatures_by_region,   COUNTS,    SAME) \
    X(signatures_by_constituency, CONSTITUENCIES, SAME) \
    X(status,                 STRING,    DERIVED) \
    X(response_days,          INTEGER,   DERIVED) \
    X(late,                   BOOLEAN,   DERIVED) \
    X(overdue,                BOOLEAN,   DERIVED) \
    X(source,                 STRING,    FILE)

/* The fields of one response, in order. */
#define RECORD_RESPONSE_FIELDS(X) \
    X(responder) X(department) X(signed_by) X(signature) X(text)

#define RECORD_NO_INT  LONG_MIN
#define RECORD_NO_BOOL (-1)

struct record_response {
#define RECORD_RESPONSE_MEMBER(name) const char *name;
    RECORD_RESPONSE_FIELDS(RECORD_RESPONSE_MEMBER)
#undef RECORD_RESPONSE_MEMBER
};

struct record_count {          /* a row of a table of counts */
    const char *name;          /* a province in English: "Quebec", "Northwest Territories" */
    long count;
};

struct record_constituency {   /* a row of signatures per constituency (UK) */
    const char *name;          /* "Edinburgh East" */
    const char *code;          /* its ONS code, "S14000022"; NULL where not printed */
    const char *mp;            /* "Tommy Sheppard MP", as printed; NULL where not printed */
    long count;
};

struct record_warning {        /* a line no landmark explained */
    int line;                  /* 1-based line number in the page */
    const char *text;
};

#define RECORD_MEMBER_STRING(name)    const char *name;
#define RECORD_MEMBER_DATE(name)      const char *name;
#define RECORD_MEMBER_DATETIME(name)  const char *name;
#define RECORD_MEMBER_INTEGER(name)   long name;
#define RECORD_MEMBER_BOOLEAN(name)   int name;
#define RECORD_MEMBER_LIST(name)      const char **name; size_t n_##name;
#define RECORD_MEMBER_RESPONSES(name) struct record_response *name; size_t n_##name;
#define RECORD_MEMBER_COUNTS(name)    struct record_count *name; size_t n_##name;
#define RECORD_MEMBER_CONSTITUENCIES(name) struct record_constituency *name; size_t n_##name;

struct record {
#define RECORD_MEMBER(name, kind, share) RECORD_MEMBER_##kind(name)
    RECORD_FIELDS(RECORD_MEMBER)
#undef RECORD_MEMBER
    bool not_certified;            /* the page says "Not Certified" / "Non certifiée" */
    bool topic_unmapped;           /* the topic is as printed: no vocabulary row explains it */
    struct record_warning *warnings; size_t n_warnings;
    /* fields outside the schema, as strings (the extra columns of a CSV) */
    const char **extra_names, **extra_values; size_t n_extras;
};

/* ---- the descriptor table ---- */

enum record_kind {
    RECORD_STRING, RECORD_DATE, RECORD_DATETIME, RECORD_INTEGER, RECORD_BOOLEAN,
    RECORD_LIST, RECORD_RESPONSES, RECORD_COUNTS, RECORD_CONSTITUENCIES
};

enum record_share { RECORD_SAME, RECORD_LANG, RECORD_DERIVED, RECORD_FILE };

/* RECORD_FIELD_id, RECORD_FIELD_url, ... in schema order; RECORD_N_FIELDS. */
enum record_field_id {
#define RECORD_FIELD_ID(name, kind, share) RECORD_FIELD_##name,
    RECORD_FIELDS(RECORD_FIELD_ID)
#undef RECORD_FIELD_ID
    RECORD_N_FIELDS
};

struct record_field {
    const char *name;
    enum record_kind kind;
    enum record_share share;
    size_t offset;                 /* of the member */
    size_t count_offset;           /* of n_NAME (LIST, RESPONSES, COUNTS, CONSTITUENCIES), else 0 */
};

extern const struct record_field record_fields[RECORD_N_FIELDS];

/* The names of the kinds as the Lua side's schema gives them: "string",
 * "date", "datetime", "integer", "boolean", "list", "responses", "counts",
 * "constituencies". */
const char *record_kind_name(enum record_kind kind);

/* The field of that name, or -1. */
int record_field_find(const char *name, size_t len);

/* ---- records ---- */

/* A new empty record (every field missing) with its own arena, whose first
 * block holds about hint bytes; NULL when memory ran out. */
struct record *record_new(size_t hint);
struct arena *record_arena(struct record *rec);
void record_free(struct record *rec);

/* Whether field f of rec has a value. */
bool record_has(const struct record *rec, int f);

/* Field f of rec (a list, responses, counts or rows) set to the n items at
 * items, an array of that field's kind of item. */
void record_set_items(struct record *rec, int f, void *items, size_t n);

/* A field outside the schema (an extra column of a file petlua wrote) added
 * to rec: name and the value's value_len bytes copied into arena a, which
 * holds rec's strings; room for cap of them is made at the first. False
 * when memory ran out. */
bool record_add_extra(struct record *rec, struct arena *a, size_t cap, const char *name,
                      const char *value, size_t value_len);

struct vocab;

/* The canonical vocabularies applied (vocab.h): the topic in English where
 * a row explains it (else as printed, and topic_unmapped set; a UK topic,
 * the site's own, is kept as it is without being reported), each
 * response's department from its responder's title, the record's
 * department the first response's. The strings are the vocabulary's: it
 * must outlive the record. v NULL: nothing is done. */
void record_canonicalize(struct record *rec, const struct vocab *v);

/* The rules that make some fields from others, once the fields a source
 * gives are in (every builder calls it); each fills a field still missing:
 * responder, department, signed_by of the first response; response_text, the response
 * texts joined by a blank line; signatures, the sum of
 * signatures_by_province. Returns false when memory ran out. */
bool record_complete(struct record *rec);

/* response_text = the texts of the responses, a blank line between (one
 * text: that very string); false when memory ran out. */
bool record_join_response_texts(struct record *rec);

/* The time each government has to respond, in days, and its source. */
#define RECORD_CA_RESPONSE_DAYS 45   /* Standing Order 36(8) of the House of Commons of Canada */
#define RECORD_UK_RESPONSE_DAYS 21   /* agreed by the Government and the Petitions Committee (doc/UK.md) */

/* status, response_days, late and overdue as of a day (a day number, as in
 * date.h), from the record's other fields, by the rule of its parliament
 * (parliament_of; a record without one is Canada's):
 * Canada
 *   status         "not_certified" (the page says so), "responded" (a tabled
 *                  date, a sessional paper or a response), else "presented",
 *                  else "closed" (closing date before as_of), else "open"
 *                  (an opening date); missing when none of these shows;
 *   response_days  response_tabled - presented;
 *   late           response_days > 45 (Standing Orders: 45 calendar days);
 *   overdue        presented, not responded, and more than 45 days between
 *                  presented and as_of; missing for a petition never
 *                  presented (the question does not arise).
 * the UK ("uk")
 *   status         "rejected" (state rejected, or hidden), "responded" (a
 *                  response or its date), else "closed" (state closed; or
 *                  open, but its closing date is before as_of or its
 *                  Parliament was dissolved by as_of), else "open" (state
 *                  open); missing when the state is not known;
 *   response_days  response_tabled - response_threshold_reached: the days
 *                  the Government took once it owed a response;
 *   late           response_days > 21;
 *   overdue        the threshold reached, no response, and more than 21
 *                  days between it and as_of, or the dissolution of its
 *                  Parliament if that came first (no response comes after
 *                  it); false once responded; missing when the threshold
 *                  was never reached (the question does not arise). */
void record_derive(struct record *rec, long as_of_days);

#endif
