/* page.h — a House of Commons petition page, read into a record.
 * A C core: no Lua here. The parser makes one pass over the text, keyed on the
 * landmarks of the page (see PAGE-FORMAT in the README), never on line numbers,
 * and never reads past the buffer it is given.
 *
 * Ownership: every string and array of a record lives in the record's own
 * arena and is freed by page_free(). Strings are NUL-terminated UTF-8.
 * A missing value is NULL (strings, lists) or the sentinel given below. */
#ifndef PETLUA_PAGE_H
#define PETLUA_PAGE_H

#include <stdbool.h>
#include <stddef.h>

struct page_response {
    const char *responder;   /* "Minister of Foreign Affairs" (no "Response by the") */
    const char *signed_by;   /* "Rob Oliphant": honorifics, titles, suffixes removed, name case */
    const char *signature;   /* the signer's name exactly as printed */
    const char *text;        /* paragraphs joined by "\n" */
};

struct page_count {          /* a row of the province table */
    const char *province;    /* in English: "Quebec", "Northwest Territories" */
    long count;
};

struct page_warning {        /* a line no landmark explained */
    int line;                /* 1-based line number in the page */
    const char *text;
};

#define PAGE_MISSING_INT (-1) /* parliament, session, signatures when absent */

struct page_record {
    const char *id;                 /* "e-2559", "441-09002" */
    const char *url;
    const char *kind;               /* "e-petition" | "paper" */
    const char *topic;
    const char *lang;               /* "en" | "fr" */
    const char *original_language;  /* "English" | "French" | "Bilingual" */
    const char *initiator, *initiator_city, *initiator_province;
    const char *addressee;
    const char **grievances;  size_t n_grievances;   /* NULL when none */
    const char *prayer;
    const char *text;
    const char **keywords;    size_t n_keywords;     /* NULL when the page gives none */
    struct page_response *responses; size_t n_responses;
    const char *opened_at, *closed_at;  /* "YYYY-MM-DDTHH:MM" */
    const char *opened, *closed, *presented, *response_tabled; /* "YYYY-MM-DD" */
    const char *petition_no;
    int parliament, session;            /* PAGE_MISSING_INT when unknown */
    const char *presenter, *presenter_riding;
    const char *sponsor, *sponsor_riding, *sponsor_caucus, *sponsor_province;
    const char *sessional_paper;
    long signatures;                    /* PAGE_MISSING_INT when unknown */
    struct page_count *by_province; size_t n_by_province; /* NULL when no table */
    bool not_certified;                 /* the page says "Not Certified" / "Non certifiée" */
    const char *source;                 /* the name given to page_parse */
    struct page_warning *warnings; size_t n_warnings;
};

/* Derived fields, worked out against a day ("as of"), day numbers as in date.h. */
struct page_derived {
    const char *status;      /* "not_certified" | "responded" | "presented" | "closed" | "open" | NULL */
    long response_days;      /* PAGE_MISSING_INT when unknown */
    int late;                /* 1, 0, or PAGE_MISSING_INT */
    int overdue;             /* 1, 0, or PAGE_MISSING_INT */
};

/* Parse one page of text (UTF-8; a BOM, CRLF and NUL bytes are tolerated).
 * name is used for `source` and messages. Returns a record to be freed with
 * page_free(), or NULL when the text is not a petition page (or memory ran out);
 * then *err_line is the 1-based line the message refers to (0: the whole file)
 * and err holds a one-line message without the file name, e.g.
 * "not a petition page: no title line (ID (Topic))". */
struct page_record *page_parse(const char *text, size_t len, const char *name,
                               int *err_line, char *err, size_t errlen);
void page_free(struct page_record *rec);

/* Status, response_days, late and overdue of a record as of a day number.
 * overdue is PAGE_MISSING_INT for a petition never presented (the question
 * does not arise), else 1 when unanswered more than 45 days after presentation. */
struct page_derived page_derive(const struct page_record *rec, long as_of_days);

/* The natural order of petition ids: e-petitions by number ("e-99" before
 * "e-100"), then paper petitions by parliament, session and number
 * ("431-00012", the 43rd parliament's 1st session, before "441-00001"), then
 * any other id by its bytes. Numbers compare by value, however long. A key
 * is worked out once per id (it points into the id, which must outlive it);
 * page_id_compare gives <0, 0 or >0. */
struct page_number { const char *digits; size_t len; };
struct page_id_key {
    int cls;                      /* e-petition, paper, other */
    struct page_number part[3];   /* number; or parliament, session, number */
    const char *id;
    size_t len;
};
struct page_id_key page_id_key(const char *id, size_t len);
int page_id_compare(const struct page_id_key *a, const struct page_id_key *b);

#endif
