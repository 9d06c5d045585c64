/* ukjson.h — the JSON of the UK Parliament's petitions site, read into petitions.
 * A C core: no Lua here.
 *
 * What it reads (doc/UK.md has the details and the field mapping):
 *   - a single petition: {"links": {"self": ...}, "data": PETITION}
 *   - a list page:       {"links": {...}, "data": [PETITION, ...]}
 *   - a file of many:    such documents one after another (one a line:
 *     NDJSON, or simply concatenated), or a JSON array of them;
 *     a bare PETITION may stand where a document does.
 * A PETITION is {"type": "petition" | "archived-petition", "id": N,
 * "attributes": {...}} (an archived one adds "parliament": {...}). Every
 * version of the site's JSON since 2015 is read (open_at before opened_at,
 * no responded_on, countries without codes, ...).
 *
 * How: the bytes are pushed in (uk_reader_feed) in pieces of any size; a
 * byte-level scanner follows strings, escapes and nesting to find where each
 * petition begins and ends, so no document is ever held whole; only one
 * petition's bytes are (bounded by max_petition) and those go to the decoder
 * (jsonlite.h). Each petition becomes a struct uk_petition handed to the
 * caller's callback, in document order.
 *
 * Errors are reported through a second callback with the byte offset in the
 * input they refer to, the 1-based line and a one-line message (no file name):
 *   "malformed JSON: expected ':' after a member name, found '}'"
 *   "not a UK petitions document: no \"data\" member"
 *   "cut short: the input ends inside data[1] (begun at byte 1702)"
 * Petitions are named "data" (a single petition), "data[N]" (in a list) or
 * "the object" (a bare petition).
 * A petition that cannot be read (malformed inside, not a petition, too
 * large) is reported and skipped, and reading goes on; malformed JSON
 * between petitions stops the reading (no later boundary can be trusted).
 *
 * Ownership: every string and array of a petition lives in the petition's
 * own arena, freed by uk_petition_free(). Strings are NUL-terminated UTF-8
 * (the decoder has checked it). A missing value is NULL, never ""; a
 * missing integer is UK_MISSING. */
#ifndef PETLUA_UKJSON_H
#define PETLUA_UKJSON_H

#include <stdbool.h>
#include <stddef.h>

#include "page_arena.h"

#define UK_MISSING (-1L)
#define UK_MAX_PETITION_DEFAULT ((size_t)16 << 20)   /* bytes of one petition */

/* A time as the site prints it ("2020-03-11T14:32:42.514Z"), as a date and
 * a date-time of the clock it is printed in (UTC for every attribute; the
 * archived parliament's dissolution_at in London time, "+01:00"). */
struct uk_time {
    const char *date;        /* "2020-03-11" */
    const char *datetime;    /* "2020-03-11T14:32" */
};

/* One row of signatures_by_country, _constituency or _region. */
struct uk_count {
    const char *name;        /* "Edinburgh East", "France" */
    const char *code;        /* country code "FR" or ONS code "S14000022"; NULL in 2015 lists */
    const char *mp;          /* constituencies only: "Tommy Sheppard MP" */
    long count;              /* signature_count, UK_MISSING if not a number */
};

struct uk_department {
    const char *acronym, *name, *url;
};

struct uk_response {         /* government_response */
    const char *responded_on;     /* "2019-03-26"; NULL before June 2018 */
    const char *summary, *details;
    struct uk_time created, updated;
};

struct uk_debate {           /* debate: the outcome, debated or not */
    const char *debated_on;       /* "2019-04-01"; NULL: not debated */
    const char *transcript_url, *video_url, *debate_pack_url;
    const char *public_engagement_url, *debate_summary_url;
    const char *overview;
};

struct uk_parliament {       /* an archived petition's parliament */
    const char *period;           /* "2017-2019" */
    const char *government;       /* "Conservative" */
    struct uk_time dissolution;   /* dissolution_at, London time as printed */
    long response_threshold, debate_threshold;   /* 10000, 100000 */
};

struct uk_petition {
    const char *id;               /* "241584": the site's number, as a string */
    long number;                  /* 241584 */
    bool archived;                /* type "archived-petition" */
    const char *url;              /* the petition's page: links.self without ".json",
                                     else made from the id on petition.parliament.uk */
    const char *json_url;         /* links.self as printed (the document's for a single
                                     petition), or NULL */
    /* the petition's text, normalised: CR LF and CR become LF, blank lines
     * dropped, blanks before the text and at the ends of lines removed,
     * other control bytes made spaces */
    const char *action, *background, *additional_details, *committee_note;
    const char *text;             /* action, background and additional details, "\n" apart */
    const char *state;            /* "open" | "closed" | "rejected" as printed */
    long signatures;              /* signature_count */
    const char *creator_name;     /* only while open */
    struct uk_time created, updated, opened, closed, rejected;   /* opened: opened_at or open_at */
    struct uk_time moderation_threshold_reached, response_threshold_reached;
    struct uk_time government_response, debate_threshold_reached, debate_outcome;
    const char *closing_date;         /* "YYYY-MM-DD", open petitions, since 2026 */
    const char *scheduled_debate_date;
    const char *debate_scheduled_on;  /* debate_scheduled_on or debate_scheduled_at */
    const char *rejection_code, *rejection_details;   /* rejection, or NULL */
    const struct uk_response *response;               /* NULL: none */
    const struct uk_debate *debate;                   /* NULL: no outcome recorded */
    struct uk_department *departments; size_t n_departments;
    const char **topics; size_t n_topics;
    /* NULL when the document has no such member (list pages never do);
     * non-NULL with n == 0 when it is there and empty */
    struct uk_count *by_country; size_t n_by_country;
    struct uk_count *by_constituency; size_t n_by_constituency;
    struct uk_count *by_region; size_t n_by_region;
    const struct uk_parliament *parliament;           /* archived petitions only */
    int parliament_no;            /* 55..59 (uk_parliament_of_period, _of_day); UK_MISSING */
    long response_threshold;      /* the parliament's, else 10000 */
    long long offset;             /* byte offset of the petition in the input */
    int line;                     /* 1-based line of that byte */
    /* values the reader could not use: "opened_at: not a time: \"soon\"" */
    const char **warnings; size_t n_warnings;
    struct arena arena;           /* owns everything above */
};

void uk_petition_free(struct uk_petition *p);

/* ---- reading ---- */

/* Called with each petition, which the callee then owns (uk_petition_free).
 * Return 0 to go on; anything else stops the reading and is returned by
 * uk_reader_feed / uk_reader_finish. */
typedef int (*uk_petition_fn)(void *ctx, struct uk_petition *p);
/* Called with each error: the byte offset and line it refers to, and a
 * one-line message without the file name. */
typedef void (*uk_error_fn)(void *ctx, long long offset, int line, const char *message);

struct uk_reader;

/* A reader; max_petition bounds the bytes of one petition (0: the default
 * of 16 MB). NULL when memory runs out. */
struct uk_reader *uk_reader_new(size_t max_petition, uk_petition_fn on_petition,
                                uk_error_fn on_error, void *ctx);
/* The next n bytes of input. Returns 0, a callback's non-zero value, or -1
 * when reading stopped on an error (later calls do nothing and return -1;
 * memory running out is reported as an error too). */
int uk_reader_feed(struct uk_reader *r, const char *buf, size_t n);
/* The end of the input: reports a cut (a value left open) or an input with
 * no JSON value at all. Returns as uk_reader_feed does. */
int uk_reader_finish(struct uk_reader *r);
/* Petitions delivered and errors reported so far. */
size_t uk_reader_petitions(const struct uk_reader *r);
size_t uk_reader_errors(const struct uk_reader *r);
void uk_reader_free(struct uk_reader *r);

/* A whole file descriptor, read through a fixed buffer of 64 KB until end
 * of file; a read error is reported ("cannot read: ..."). Returns as
 * uk_reader_finish does. */
int uk_read_fd(int fd, size_t max_petition, uk_petition_fn on_petition,
               uk_error_fn on_error, void *ctx);
/* The same on bytes in memory. */
int uk_read_mem(const char *buf, size_t n, size_t max_petition, uk_petition_fn on_petition,
                uk_error_fn on_error, void *ctx);

/* Does this look like the site's JSON? For content detection on the first
 * bytes of a file (give it 4 KB or so): after a byte-order mark and blanks,
 * '{' or '[', and within those bytes a member "type" whose value is
 * "petition" or "archived-petition", or a member "self" whose address has
 * "/petitions" in it (an empty list page). */
bool uk_sniff(const char *buf, size_t n);

/* Does this begin as any JSON does? After a byte-order mark and blanks,
 * '{' then '"' or '}', or '[' then '{', '[', '"', ']' or a number (not a
 * letter: a text that opens with "[image]" is no JSON); a bracket and only
 * blanks after it is JSON cut short. */
bool uk_begins_as_json(const char *buf, size_t n);

/* ---- the Parliaments (doc/UK.md) ---- */

/* The Parliament's number, as the UK Parliament numbers them from the
 * Parliament of 1801 (the 57th: 2017-2019): from an archived petition's
 * period ("2017-2019": 57), else from the day it opened (or was created)
 * within the known Parliaments since 2010. UK_MISSING when unknown. */
int uk_parliament_of_period(const char *period);
int uk_parliament_of_day(long days);

/* The day (a day number, date.h) the Parliament of that number was
 * dissolved, by the table of known Parliaments; UK_MISSING when it is not
 * known or not yet dissolved. */
long uk_parliament_dissolved_day(int number);

/* status, response_days, late and overdue are worked out on the record
 * (record_uk.h, record.h's record_derive): the rules are kept there, with
 * Canada's. */

#endif
