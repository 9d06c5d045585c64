/* record_uk.h — a UK Parliament petition (ukjson.h) as a petition record
 * (record.h): the one place where the site's values are put in the schema.
 * A C core: no Lua here. doc/UK.md has the mapping as a table; in short:
 *
 *   id, url                 the site's number ("241584"), the petition's page
 *   kind, lang              "e-petition", "en"
 *   parliament_of           "uk"
 *   topic                   the first of topics, made readable (uk_topic_name)
 *   topics                  the site's topic codes, as printed
 *   initiator               creator_name (printed while the petition is open)
 *   prayer, text            action; action, background, additional details
 *   responses               one {department, text} for a government response:
 *                           the first of departments, summary and details
 *   department              the first of departments
 *   opened_at/opened        opened_at (open_at before July 2017)
 *   closed_at/closed        closed_at; an open petition's closing_date
 *   parliament              the Parliament's number (57: 2017-2019)
 *   response_tabled         responded_on, else the day of government_response_at
 *   signatures              signature_count
 *   state, rejection        state as printed; rejection.code
 *   response_threshold_reached, debate_threshold_reached   the days
 *   debated_on, debate_outcome  debate.debated_on; "debated" / "not_debated"
 *                           when an outcome is recorded
 *   parliament_dissolved    the archived Parliament's dissolution_at, else the
 *                           day from the table of Parliaments (ukjson.h)
 *   signatures_by_country, signatures_by_region   name -> count
 *   signatures_by_constituency   rows of name, ONS code, MP and count
 * A list or table the document holds empty is missing (nil), as every
 * missing value; a row without a name or a count is left out. The
 * petition's warnings become the record's, on the petition's line. */
#ifndef PETLUA_RECORD_UK_H
#define PETLUA_RECORD_UK_H

#include <stddef.h>

#include "record.h"
#include "ukjson.h"

/* The record of petition p, which it takes over (p is freed; the record
 * keeps p's memory: no string is copied); source NULL. NULL when memory ran
 * out (p is freed then too). The derived fields are not worked out
 * (record_derive). */
struct record *record_from_uk(struct uk_petition *p);
/* The same, p borrowed: the record's strings are p's, so p must outlive
 * the record. */
struct record *record_of_uk(const struct uk_petition *p);

/* A topic code made readable: hyphens and underscores become spaces, the
 * first letter a capital ("foreign-affairs" -> "Foreign affairs"), into out
 * (size bytes, NUL-terminated, cut if need be). Returns its length. */
size_t uk_topic_name(const char *code, char *out, size_t size);

#endif
