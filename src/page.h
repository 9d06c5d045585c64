/* page.h — a House of Commons petition page, read into a record (record.h).
 * A C core: no Lua here. The parser makes one pass over the text, keyed on the
 * landmarks of the page (see PAGE-FORMAT in the README), never on line numbers,
 * and never reads past the buffer it is given. Strings are NUL-terminated
 * UTF-8 with no control bytes; the record is freed with record_free(). */
#ifndef PETLUA_PAGE_H
#define PETLUA_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "record.h"

/* Parse one page of text (UTF-8; a BOM, CRLF and NUL bytes are tolerated).
 * name is used for `source` and messages. Returns a record to be freed with
 * record_free(), or NULL when the text is not a petition page (or memory ran out);
 * then *err_line is the 1-based line the message refers to (0: the whole file)
 * and err holds a one-line message without the file name, e.g.
 * "not a petition page: no title line (ID (Topic))". */
struct record *page_parse(const char *text, size_t len, const char *name,
                          int *err_line, char *err, size_t errlen);

/* The natural order of petition ids: e-petitions by number ("e-99" before
 * "e-100"), then paper petitions by parliament, session and number
 * ("431-00012", the 43rd parliament's 1st session, before "441-00001"), then
 * ids that are a number alone by its value (the UK Parliament's petitions:
 * "9999" before "241584"; Canada's ids never are), then any other id by its
 * bytes. Numbers compare by value, however long. A key
 * is worked out once per id (it points into the id, which must outlive it);
 * page_id_compare gives <0, 0 or >0. */
struct page_number { const char *digits; size_t len; };
struct page_id_key {
    int cls;                      /* e-petition, paper, number, other */
    struct page_number part[3];   /* number; or parliament, session, number */
    const char *id;
    size_t len;
};
struct page_id_key page_id_key(const char *id, size_t len);
int page_id_compare(const struct page_id_key *a, const struct page_id_key *b);

#endif
