/* l_core.c — the "petlua.core" module: petition pages (text or HTML) read
 * into record tables in the schema of the design document.
 *
 *   parse(text, [name], [as_of])   -> record, warnings | nil, message
 *   parse_files(paths, [opts])     -> results (one per path, in order), warnings
 *   derive(record, [as_of])        -> record, with status ... overdue worked out again
 *   sort_by_id(records, seqs, ids) -> the records in the natural order of their ids
 *   sort_by_keys(list, keys|field, [desc]) -> true: list sorted as petlua.set orders keys
 *   list_dir(path)                 -> names, kinds (sorted by name) | nil, message
 *   list_length(t)                 -> the largest positive integer key (holes and all)
 *   clock()                        -> seconds on a monotonic clock
 *   isatty(fd)                     -> boolean
 *   versions()                     -> {"gumbo ..."}
 *
 * Files are found, read and parsed by the pageload core (worker threads,
 * plain C) while this thread turns finished records into tables, in order.
 * The load in flight lives in a userdata whose __close/__gc stops the
 * workers and frees what they made, so a Lua error (out of memory while
 * building a table) leaks nothing. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lauxlib.h"
#include "lua.h"

#include "bindings.h"
#include "date.h"
#include "page.h"
#include "pageload.h"
#include "sandbox.h"

#define DEFAULT_MAX_BYTES ((lua_Integer)16 << 20)

/* ------------------------------------------------------- Lua conversion */

/* Every name the tables made here use as a key. Each is a Lua string made
 * once, when the module is opened, and kept as an upvalue of the module's
 * functions (key k at upvalue k + 1): a field is then set with lua_pushvalue
 * and lua_rawset, where lua_setfield would look its name up in the string
 * cache and intern it again for every field of every record. */
#define TABLE_KEYS(X) \
    X(id) X(url) X(kind) X(topic) X(lang) X(original_language) X(initiator) \
    X(initiator_city) X(initiator_province) X(addressee) X(prayer) X(text) X(opened_at) \
    X(closed_at) X(opened) X(closed) X(presented) X(petition_no) X(presenter) \
    X(presenter_riding) X(sponsor) X(sponsor_riding) X(sponsor_caucus) X(sponsor_province) \
    X(response_tabled) X(sessional_paper) X(source) \
    X(grievances) X(keywords) X(responses) X(responder) X(signed_by) X(signature) \
    X(response_text) X(parliament) X(session) X(signatures) X(signatures_by_province) \
    X(status) X(response_days) X(late) X(overdue) \
    X(line) X(csv) X(error)

enum key {
#define KEY_ENUM(k) KEY_##k,
    TABLE_KEYS(KEY_ENUM)
#undef KEY_ENUM
    N_KEYS
};

static const char *const key_names[N_KEYS] = {
#define KEY_NAME(k) #k,
    TABLE_KEYS(KEY_NAME)
#undef KEY_NAME
};

/* Only from a function of this module (they hold the keys as upvalues). */
static void push_key(lua_State *L, enum key k)
{
    lua_pushvalue(L, lua_upvalueindex((int)k + 1));
}

/* A NUL-terminated string of a record. lua_pushlstring, not lua_pushstring:
 * the latter first looks the address up in Lua's string cache, and the
 * parser's arena hands out the same addresses page after page, so it would
 * compare each string with the previous page's string at that address. */
static void push_text(lua_State *L, const char *s)
{
    lua_pushlstring(L, s, strlen(s));
}

struct field { enum key key; size_t offset; };
#define STR_FIELD(f) {KEY_##f, offsetof(struct page_record, f)}

/* The string fields of the record, as the schema names them. */
static const struct field string_fields[] = {
    STR_FIELD(id), STR_FIELD(url), STR_FIELD(kind), STR_FIELD(topic), STR_FIELD(lang),
    STR_FIELD(original_language), STR_FIELD(initiator), STR_FIELD(initiator_city),
    STR_FIELD(initiator_province), STR_FIELD(addressee), STR_FIELD(prayer), STR_FIELD(text),
    STR_FIELD(opened_at), STR_FIELD(closed_at), STR_FIELD(opened), STR_FIELD(closed),
    STR_FIELD(presented), STR_FIELD(petition_no), STR_FIELD(presenter),
    STR_FIELD(presenter_riding), STR_FIELD(sponsor), STR_FIELD(sponsor_riding),
    STR_FIELD(sponsor_caucus), STR_FIELD(sponsor_province), STR_FIELD(response_tabled),
    STR_FIELD(sessional_paper), STR_FIELD(source),
};
#define N_STRING_FIELDS (sizeof string_fields / sizeof string_fields[0])

static const char *string_at(const struct page_record *rec, size_t i)
{
    return *(const char *const *)((const char *)rec + string_fields[i].offset);
}

/* The place of key k in string_fields, or -1 for a field that is no string. */
static int string_field_index(enum key k)
{
    for (size_t i = 0; i < N_STRING_FIELDS; i++)
        if (string_fields[i].key == k)
            return (int)i;
    return -1;
}

/* signatures: the count line, else the sum of the province table. */
static long signature_count(const struct page_record *rec)
{
    if (rec->signatures != PAGE_MISSING_INT || rec->n_by_province == 0)
        return rec->signatures;
    long sum = 0;
    for (size_t i = 0; i < rec->n_by_province; i++)
        sum += rec->by_province[i].count;
    return sum;
}

/* How many fields the record table will hold, to size it once. */
static int count_fields(const struct page_record *rec, const struct page_derived *d)
{
    int n = 0;
    for (size_t i = 0; i < N_STRING_FIELDS; i++)
        n += string_at(rec, i) != NULL;
    n += rec->grievances != NULL;
    n += rec->keywords != NULL;
    if (rec->n_responses > 0) {
        n += 1;                                /* responses */
        n += rec->responses[0].responder != NULL;
        n += rec->responses[0].signed_by != NULL;
        for (size_t i = 0; i < rec->n_responses; i++)
            if (rec->responses[i].text) {
                n += 1;                        /* response_text */
                break;
            }
    }
    n += rec->parliament != PAGE_MISSING_INT;
    n += rec->session != PAGE_MISSING_INT;
    n += signature_count(rec) != PAGE_MISSING_INT;
    n += rec->by_province != NULL;
    n += d->status != NULL;
    n += d->response_days != PAGE_MISSING_INT;
    n += d->late != PAGE_MISSING_INT;
    n += d->overdue != PAGE_MISSING_INT;
    return n;
}

/* The setters below set a field of the table at -1 (a table made here,
 * without a metatable, so rawset is what setfield would do). */
static void set_string(lua_State *L, enum key k, const char *value)
{
    if (value) {
        push_key(L, k);
        push_text(L, value);
        lua_rawset(L, -3);
    }
}

static void set_integer(lua_State *L, enum key k, long value)
{
    if (value != PAGE_MISSING_INT) {
        push_key(L, k);
        lua_pushinteger(L, value);
        lua_rawset(L, -3);
    }
}

static void set_boolean(lua_State *L, enum key k, int value)
{
    if (value != PAGE_MISSING_INT) {
        push_key(L, k);
        lua_pushboolean(L, value);
        lua_rawset(L, -3);
    }
}

static void set_list(lua_State *L, enum key k, const char **items, size_t n)
{
    if (items == NULL)
        return;
    push_key(L, k);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        push_text(L, items[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_rawset(L, -3);
}

/* response_text: all response texts, a blank line between. With one text
 * (the common case) it is the same Lua string as that response's text; else
 * the joined text is built at its final size. The record is at -1. */
static void set_response_text(lua_State *L, const struct page_record *rec)
{
    size_t n_texts = 0, total = 0, last = 0;
    for (size_t i = 0; i < rec->n_responses; i++) {
        if (rec->responses[i].text) {
            total += strlen(rec->responses[i].text) + (n_texts ? 2 : 0);
            n_texts++;
            last = i;
        }
    }
    if (n_texts == 0)
        return;
    if (n_texts == 1) {
        push_key(L, KEY_response_text);
        push_key(L, KEY_responses);
        lua_rawget(L, -3);
        lua_rawgeti(L, -1, (lua_Integer)last + 1);
        push_key(L, KEY_text);
        lua_rawget(L, -2);                  /* record, key, responses, response, text */
        lua_replace(L, -3);
        lua_pop(L, 1);
        lua_rawset(L, -3);
        return;
    }
    push_key(L, KEY_response_text);
    luaL_Buffer b;
    char *p = luaL_buffinitsize(L, &b, total);
    size_t at = 0;
    for (size_t i = 0; i < rec->n_responses; i++) {
        const char *t = rec->responses[i].text;
        if (t == NULL)
            continue;
        if (at > 0) {
            memcpy(p + at, "\n\n", 2);
            at += 2;
        }
        size_t k = strlen(t);
        memcpy(p + at, t, k);
        at += k;
    }
    luaL_pushresultsize(&b, total);
    lua_rawset(L, -3);
}

/* responses, and the fields made from them: responder, signed_by (of the
 * first response) and response_text (all texts, a blank line between). */
static void set_responses(lua_State *L, const struct page_record *rec)
{
    if (rec->n_responses == 0)
        return;
    push_key(L, KEY_responses);
    lua_createtable(L, (int)rec->n_responses, 0);
    for (size_t i = 0; i < rec->n_responses; i++) {
        const struct page_response *r = &rec->responses[i];
        lua_createtable(L, 0, 4);
        set_string(L, KEY_responder, r->responder);
        set_string(L, KEY_signed_by, r->signed_by);
        set_string(L, KEY_signature, r->signature);
        set_string(L, KEY_text, r->text);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_rawset(L, -3);
    set_string(L, KEY_responder, rec->responses[0].responder);
    set_string(L, KEY_signed_by, rec->responses[0].signed_by);
    set_response_text(L, rec);
}

static void push_counts(lua_State *L, const struct page_record *rec)
{
    lua_createtable(L, 0, (int)rec->n_by_province);
    for (size_t i = 0; i < rec->n_by_province; i++) {
        push_text(L, rec->by_province[i].province);
        lua_pushinteger(L, rec->by_province[i].count);
        lua_rawset(L, -3);
    }
}

static void set_counts(lua_State *L, const struct page_record *rec)
{
    if (rec->by_province == NULL)
        return;
    push_key(L, KEY_signatures_by_province);
    push_counts(L, rec);
    lua_rawset(L, -3);
}

static void set_derived(lua_State *L, const struct page_derived *d)
{
    set_string(L, KEY_status, d->status);
    set_integer(L, KEY_response_days, d->response_days);
    set_boolean(L, KEY_late, d->late);
    set_boolean(L, KEY_overdue, d->overdue);
}

/* Push the value of field k of the record, if it has one: the shared
 * fields a page can give another (strings, integers, the province table).
 * Returns whether a value was pushed. */
static bool push_field_value(lua_State *L, const struct page_record *rec, enum key k)
{
    int i = string_field_index(k);
    if (i >= 0) {
        const char *v = string_at(rec, (size_t)i);
        if (v == NULL)
            return false;
        push_text(L, v);
        return true;
    }
    long n = k == KEY_parliament ? rec->parliament : k == KEY_session ? rec->session
           : k == KEY_signatures ? signature_count(rec) : PAGE_MISSING_INT;
    if (n != PAGE_MISSING_INT) {
        lua_pushinteger(L, n);
        return true;
    }
    if (k == KEY_signatures_by_province && rec->by_province != NULL) {
        push_counts(L, rec);
        return true;
    }
    return false;
}

/* Which fields push_record sets: a bit per key. */
typedef uint64_t key_mask;
#define KEY_BIT(k) ((key_mask)1 << (k))
#define ALL_FIELDS (~(key_mask)0)

/* Push the record as a table, with the fields in want (ALL_FIELDS: every
 * one). source_at is the stack index of the string to give as `source` (the
 * path the caller passed: no second copy of it is made), or 0 for none.
 * Raises only when memory runs out. */
static void push_record(lua_State *L, const struct page_record *rec, long as_of, int source_at,
                        key_mask want)
{
    struct page_derived d = page_derive(rec, as_of);
    int size = want == ALL_FIELDS ? count_fields(rec, &d) : 0;
    lua_createtable(L, 0, size);
    for (size_t i = 0; i < N_STRING_FIELDS; i++) {
        enum key k = string_fields[i].key;
        if (k != KEY_source && (want & KEY_BIT(k)))
            set_string(L, k, string_at(rec, i));
    }
    if (source_at != 0 && (want & KEY_BIT(KEY_source))) {
        push_key(L, KEY_source);
        lua_pushvalue(L, source_at);
        lua_rawset(L, -3);
    }
    if (want & KEY_BIT(KEY_grievances))
        set_list(L, KEY_grievances, rec->grievances, rec->n_grievances);
    if (want & KEY_BIT(KEY_keywords))
        set_list(L, KEY_keywords, rec->keywords, rec->n_keywords);
    if (want & KEY_BIT(KEY_responses))
        set_responses(L, rec);
    if (want & KEY_BIT(KEY_parliament))
        set_integer(L, KEY_parliament, rec->parliament);
    if (want & KEY_BIT(KEY_session))
        set_integer(L, KEY_session, rec->session);
    if (want & KEY_BIT(KEY_signatures))
        set_integer(L, KEY_signatures, signature_count(rec));
    if (want & KEY_BIT(KEY_signatures_by_province))
        set_counts(L, rec);
    if (want & KEY_BIT(KEY_status))
        set_derived(L, &d);
}

/* The warnings as a list of {line=, text=}, or nil when there are none. */
static void push_warnings(lua_State *L, const struct page_record *rec)
{
    if (rec->n_warnings == 0) {
        lua_pushnil(L);
        return;
    }
    lua_createtable(L, (int)rec->n_warnings, 0);
    for (size_t i = 0; i < rec->n_warnings; i++) {
        lua_createtable(L, 0, 2);
        push_key(L, KEY_line);
        lua_pushinteger(L, rec->warnings[i].line);
        lua_rawset(L, -3);
        set_string(L, KEY_text, rec->warnings[i].text);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* What parse_files gives for a file that made no record: {error=, line=}
 * or {csv=true}. */
static void push_problem(lua_State *L, const struct pageload_result *r)
{
    if (r->outcome == PAGELOAD_CSV) {
        lua_createtable(L, 0, 1);
        set_boolean(L, KEY_csv, 1);
        return;
    }
    lua_createtable(L, 0, 2);
    set_string(L, KEY_error, r->err);
    push_key(L, KEY_line);
    lua_pushinteger(L, r->err_line);
    lua_rawset(L, -3);
}

/* ------------------------------------------------------------ arguments */

static long today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return date_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* as_of at index arg: a date string (any form date_parse reads), nil for today. */
static long check_as_of(lua_State *L, int arg)
{
    if (lua_isnoneornil(L, arg))
        return today();
    size_t len;
    const char *s = luaL_checklstring(L, arg, &len);
    struct date_value d;
    char err[128];
    if (date_parse(s, len, &d, err, sizeof err) != 0)
        luaL_argerror(L, arg, lua_pushfstring(L, "bad as_of date: %s", err));
    return date_days_from_civil(d.year, d.month, d.day);
}

/* ------------------------------------------------------------ parse */

/* A record held for Lua between parsing and conversion. */
struct held_record {
    struct page_record *rec;
};

static int held_close(lua_State *L)
{
    struct held_record *h = lua_touserdata(L, 1);
    if (h && h->rec) {
        page_free(h->rec);
        h->rec = NULL;
    }
    return 0;
}

/* parse(text, [name], [as_of]) -> record, warnings | nil, "NAME:LINE: message"
 * A page that is not a petition page is an expected failure (nil, message). */
static int core_parse(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    const char *name = luaL_optstring(L, 2, NULL);
    long as_of = check_as_of(L, 3);
    struct held_record *h = lua_newuserdatauv(L, sizeof *h, 0);
    h->rec = NULL;
    luaL_setmetatable(L, "petlua.HeldRecord");
    lua_toclose(L, -1);
    struct pageload_result r = {.outcome = PAGELOAD_PENDING};
    pageload_text(text, len, name ? name : "(text)", &r);
    h->rec = r.rec;
    if (r.outcome != PAGELOAD_RECORD) {
        lua_pushnil(L);
        if (r.err_line > 0)
            lua_pushfstring(L, "%s:%d: %s", name ? name : "(text)", r.err_line, r.err);
        else
            lua_pushfstring(L, "%s: %s", name ? name : "(text)", r.err);
        return 2;
    }
    push_record(L, h->rec, as_of, name ? 2 : 0, ALL_FIELDS);
    push_warnings(L, h->rec);
    return 2; /* the held record is freed by its __close */
}

/* ------------------------------------------------------------ parse_files */

/* A load in flight (pageload.h), held by a userdata whose __close/__gc stops
 * the workers and frees what they made, so a Lua error while tables are
 * built (out of memory, --max-seconds) leaks nothing. */
struct held_load {
    struct pageload *job;
};

static int held_load_close(lua_State *L)
{
    struct held_load *h = lua_touserdata(L, 1);
    if (h) {
        pageload_free(h->job);
        h->job = NULL;
    }
    return 0;
}

/* The load of the files listed at index list (the paths are copied: they
 * must outlive any Lua code, a __gc run while tables are built included). */
static struct pageload *new_load(lua_State *L, int list, size_t n, size_t max_bytes)
{
    struct held_load *h = lua_newuserdatauv(L, sizeof *h, 0);
    h->job = NULL;
    luaL_setmetatable(L, "petlua.LoadJob");
    lua_toclose(L, lua_gettop(L));
    h->job = pageload_new(n, max_bytes);
    if (h->job == NULL)
        luaL_error(L, "not enough memory");
    for (size_t i = 0; i < n; i++) {
        if (lua_rawgeti(L, list, (lua_Integer)i + 1) != LUA_TSTRING)
            luaL_error(L, "bad argument #1 to 'parse_files' (item %d is a %s, not a path)",
                       (int)i + 1, luaL_typename(L, -1));
        if (pageload_set_path(h->job, i, lua_tostring(L, -1)) != 0)
            luaL_error(L, "not enough memory");
        lua_pop(L, 1);
    }
    return h->job;
}

static lua_Integer opt_integer(lua_State *L, int opts, const char *name, lua_Integer def)
{
    if (lua_isnoneornil(L, opts))
        return def;
    lua_getfield(L, opts, name);
    lua_Integer v = def;
    if (!lua_isnil(L, -1)) {
        int ok;
        v = lua_tointegerx(L, -1, &ok);
        if (!ok)
            luaL_error(L, "bad option '%s' to 'parse_files' (integer expected, got %s)",
                       name, luaL_typename(L, -1));
    }
    lua_pop(L, 1);
    return v;
}

/* Fields one page may give another: what push_field_value can push. */
static bool can_share(enum key k)
{
    return (string_field_index(k) >= 0 && k != KEY_source) || k == KEY_parliament || k == KEY_session ||
           k == KEY_signatures || k == KEY_signatures_by_province;
}

/* The fields named in the list at opts.shared, as a mask. */
static key_mask shared_fields(lua_State *L, int opts)
{
    key_mask want = 0;
    if (lua_getfield(L, opts, "shared") != LUA_TTABLE)
        luaL_error(L, "bad option 'shared' to 'parse_files' (list of field names expected)");
    for (lua_Integer i = 1; lua_rawgeti(L, -1, i) != LUA_TNIL; i++) {
        const char *name = lua_tostring(L, -1);
        int k = 0;
        while (k < N_KEYS && !(name && strcmp(name, key_names[k]) == 0))
            k++;
        if (k == N_KEYS || !can_share((enum key)k))
            luaL_error(L, "bad option 'shared' to 'parse_files' (no field '%s' to share)",
                       name ? name : "?");
        want |= KEY_BIT(k);
        lua_pop(L, 1);
    }
    lua_pop(L, 2);
    return want;
}

/* The loader's merge of the pages of one petition (one per language, or the
 * same page twice), brought forward to the build where that is safe. The
 * merge: the first page met in the preferred language wins, and takes each
 * shared (language-free) field it lacks from the other pages in the order
 * met. seen[id] says what is known of an id so far:
 *   nil    not met;
 *   table  the winner, met first: a later page is folded into it here (its
 *          missing shared fields filled, status and the rest worked out
 *          again) and makes no record of its own;
 *   false  met first in another language (or from a CSV file, see the
 *          loader): pages are made whole and the loader merges them;
 *   true   the winner is known but was not met first: a later page can only
 *          fill gaps, so it is made with id, lang and the shared fields (the
 *          loader merges it, in the order met with the earlier pages). */
struct preference {
    int seen_at;              /* stack index of opts.seen, 0 when not given */
    const char *lang;         /* opts.lang */
    key_mask shared;          /* opts.shared */
};

static struct preference check_preference(lua_State *L, int opts)
{
    struct preference p = {0, NULL, 0};
    if (lua_isnoneornil(L, opts) || lua_getfield(L, opts, "seen") == LUA_TNIL)
        return p;
    luaL_argcheck(L, lua_type(L, -1) == LUA_TTABLE, opts, "option 'seen' must be a table");
    p.seen_at = lua_gettop(L);
    /* a string, which stays alive in opts (a number would be converted on
     * the stack only, and the copy popped) */
    luaL_argcheck(L, lua_getfield(L, opts, "lang") == LUA_TSTRING, opts,
                  "option 'lang' (a string) must be given with 'seen'");
    p.lang = lua_tostring(L, -1);
    lua_pop(L, 1);
    p.shared = shared_fields(L, opts);
    return p;
}

static void derive_table(lua_State *L, int t, long as_of);

/* Fill the shared fields the winner at index t lacks from rec. */
static void fold_into(lua_State *L, int t, const struct page_record *rec, key_mask shared, long as_of)
{
    bool filled = false;
    for (int k = 0; k < N_KEYS; k++) {
        if (!(shared & KEY_BIT(k)))
            continue;
        push_key(L, (enum key)k);
        int missing = lua_rawget(L, t) == LUA_TNIL;
        lua_pop(L, 1);
        if (missing && push_field_value(L, rec, (enum key)k)) {
            push_key(L, (enum key)k);
            lua_insert(L, -2);
            lua_rawset(L, t);
            filled = true;
        }
    }
    if (filled)
        derive_table(L, t, as_of);
}

/* Push the record of one file at index path_at, or false when the page was
 * folded into the record of its id met earlier (see struct preference). */
static void push_file_record(lua_State *L, const struct page_record *rec, long as_of,
                             int path_at, const struct preference *p)
{
    if (p->seen_at == 0) {
        push_record(L, rec, as_of, path_at, ALL_FIELDS);
        return;
    }
    push_text(L, rec->id);
    int known = lua_rawget(L, p->seen_at);
    if (known == LUA_TTABLE) {
        fold_into(L, lua_gettop(L), rec, p->shared, as_of);
        lua_pop(L, 1);
        lua_pushboolean(L, 0);
        return;
    }
    bool winner_known = known == LUA_TBOOLEAN && lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (winner_known) {
        push_record(L, rec, as_of, path_at, p->shared | KEY_BIT(KEY_id) | KEY_BIT(KEY_lang));
        return;
    }
    push_record(L, rec, as_of, path_at, ALL_FIELDS);
    bool preferred = strcmp(rec->lang, p->lang) == 0;
    if (known == LUA_TNIL || preferred) {
        push_text(L, rec->id);
        if (known == LUA_TNIL && preferred)
            lua_pushvalue(L, -2);           /* the winner, met first */
        else
            lua_pushboolean(L, preferred);  /* true: the winner came after others */
        lua_rawset(L, p->seen_at);
    }
}

/* parse_files(paths, [opts]) -> results, warnings
 * opts: as_of (date string, default today), max_bytes (default 16 MB),
 * threads (default: one per processor): how many threads read and parse, the
 * calling thread among them (1: it alone); seen, lang and shared: see
 * struct preference (the loader's merge of the pages of one petition).
 * results[i] for paths[i]: the record (its source is paths[i]); false (a
 * page folded into the record of its id met earlier); {error=, line=} (a
 * file that is not a page or could not be read; line 0 for the whole file);
 * or {csv=true} (a CSV file in the record schema, left to the Lua side).
 * warnings[i]: the lines of page i no landmark explained, {line=, text=},
 * where there are some. Misuse raises; a bad file never does. */
static int core_parse_files(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    if (!lua_isnoneornil(L, 2))
        luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    lua_Integer max_bytes = opt_integer(L, 2, "max_bytes", DEFAULT_MAX_BYTES);
    lua_Integer threads = opt_integer(L, 2, "threads", pageload_default_threads());
    luaL_argcheck(L, max_bytes >= 0, 2, "max_bytes must not be negative");
    long as_of = today();
    if (!lua_isnoneornil(L, 2)) {
        lua_getfield(L, 2, "as_of");
        as_of = check_as_of(L, lua_gettop(L));
        lua_pop(L, 1);
    }
    struct preference pref = check_preference(L, 2); /* opts.seen at 3 when given */
    size_t n = lua_rawlen(L, 1);   /* read once, with no __len: the job is made for n */
    struct pageload *job = new_load(L, 1, n, (size_t)max_bytes);
    lua_createtable(L, (int)n, 0);
    int results_at = lua_gettop(L);
    lua_newtable(L);
    int warnings_at = lua_gettop(L);
    pageload_start(job, (int)threads);
    for (size_t i = 0; i < n; i++) {
        const struct pageload_result *r = pageload_wait(job, i);
        lua_rawgeti(L, 1, (lua_Integer)i + 1); /* the path, for `source` */
        if (r->outcome == PAGELOAD_RECORD) {
            push_file_record(L, r->rec, as_of, lua_gettop(L), &pref);
            if (r->rec->n_warnings > 0) {
                push_warnings(L, r->rec);
                lua_rawseti(L, warnings_at, (lua_Integer)i + 1);
            }
        } else {
            push_problem(L, r);
        }
        lua_rawseti(L, results_at, (lua_Integer)i + 1);
        lua_pop(L, 1);
        pageload_done(job, i);
        if (i % 64 == 63)
            sandbox_check_deadline(L); /* --max-seconds: may raise; the load is closed */
    }
    return 2; /* the load is closed (workers joined) on return */
}

/* ------------------------------------------------------------ derive */

static const char *field_string(lua_State *L, int t, const char *name)
{
    lua_getfield(L, t, name); /* left on the stack: the string stays alive */
    return lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
}

/* Work out status, response_days, late and overdue again for the record
 * table at index t (absolute) from its fields; the stack is left as it was. */
static void derive_table(lua_State *L, int t, long as_of)
{
    int top = lua_gettop(L);
    struct page_record rec;
    struct page_response responses[1];
    memset(&rec, 0, sizeof rec);
    memset(responses, 0, sizeof responses);
    rec.id = field_string(L, t, "id");
    rec.kind = field_string(L, t, "kind");
    rec.opened_at = field_string(L, t, "opened_at");
    rec.closed_at = field_string(L, t, "closed_at");
    rec.opened = field_string(L, t, "opened");
    rec.closed = field_string(L, t, "closed");
    rec.presented = field_string(L, t, "presented");
    rec.response_tabled = field_string(L, t, "response_tabled");
    rec.petition_no = field_string(L, t, "petition_no");
    rec.sessional_paper = field_string(L, t, "sessional_paper");
    const char *status = field_string(L, t, "status");
    rec.not_certified = status && strcmp(status, "not_certified") == 0;
    rec.parliament = rec.session = PAGE_MISSING_INT;
    rec.signatures = PAGE_MISSING_INT;
    if (lua_getfield(L, t, "responses") == LUA_TTABLE && luaL_len(L, -1) > 0) {
        rec.responses = responses;
        rec.n_responses = 1; /* only whether there is one matters */
    }
    struct page_derived d = page_derive(&rec, as_of);
    lua_settop(L, top); /* the strings above are no longer used */
    lua_pushstring(L, d.status);
    lua_setfield(L, t, "status");
    if (d.response_days != PAGE_MISSING_INT) lua_pushinteger(L, d.response_days); else lua_pushnil(L);
    lua_setfield(L, t, "response_days");
    if (d.late != PAGE_MISSING_INT) lua_pushboolean(L, d.late); else lua_pushnil(L);
    lua_setfield(L, t, "late");
    if (d.overdue != PAGE_MISSING_INT) lua_pushboolean(L, d.overdue); else lua_pushnil(L);
    lua_setfield(L, t, "overdue");
}

/* derive(record, [as_of]) -> record: status, response_days, late and overdue
 * worked out again from the record's fields (after the loader filled a record
 * from its other-language page). */
static int core_derive(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    long as_of = check_as_of(L, 2);
    lua_settop(L, 1);
    derive_table(L, 1, as_of);
    return 1;
}

/* ------------------------------------------------------------ order */

struct order_item {
    struct page_id_key key;
    lua_Integer seq;          /* the tie-break: the order the record was met */
    lua_Integer index;        /* its place in the list given */
};

static int compare_items(const void *pa, const void *pb)
{
    const struct order_item *a = pa, *b = pb;
    int c = page_id_compare(&a->key, &b->key);
    if (c != 0)
        return c;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

/* sort_by_id(records, seqs, ids) -> sorted: the records in the natural order
 * of their ids (page.h), where ids[seqs[i]] is the id of records[i]; records
 * of one id keep the order of their seqs. The loader keeps ids apart from
 * the records: reading each record's id field again would be a cache miss
 * per record. */
static int core_sort_by_id(lua_State *L)
{
    for (int arg = 1; arg <= 3; arg++)
        luaL_checktype(L, arg, LUA_TTABLE);
    lua_Integer n = (lua_Integer)lua_rawlen(L, 1);
    luaL_argcheck(L, (size_t)n < SIZE_MAX / sizeof(struct order_item), 1, "too many records");
    struct order_item *items = lua_newuserdatauv(L, (size_t)n * sizeof *items + 1, 0);
    for (lua_Integer i = 0; i < n; i++) {
        int ok;
        lua_rawgeti(L, 2, i + 1);
        lua_Integer seq = lua_tointegerx(L, -1, &ok);
        lua_pop(L, 1);
        if (!ok)
            return luaL_error(L, "bad argument #2 to 'sort_by_id' (seq %d is not an integer)", (int)i + 1);
        size_t len;
        if (lua_rawgeti(L, 3, seq) != LUA_TSTRING) /* not converted: the ids table keeps it */
            return luaL_error(L, "bad argument #3 to 'sort_by_id' (no string id for seq %d)", (int)seq);
        const char *id = lua_tolstring(L, -1, &len);
        lua_pop(L, 1);
        items[i] = (struct order_item){page_id_key(id, len), seq, i + 1};
    }
    qsort(items, (size_t)n, sizeof *items, compare_items);
    lua_createtable(L, (int)n, 0);
    for (lua_Integer i = 0; i < n; i++) {
        lua_rawgeti(L, 1, items[i].index);
        lua_rawseti(L, -2, i + 1);
    }
    return 1;
}

/* The key order of petlua.set (Set.less): numbers by value, then strings as
 * Lua's < compares them, then false before true; a key of another type is
 * compared by tostring, which is left to the Lua side. */
enum key_class { KEY_NUMBER_CLASS = 1, KEY_STRING_CLASS, KEY_BOOLEAN_CLASS, KEY_OTHER_CLASS };

struct keyed {
    int cls;                  /* enum key_class; 0: missing (nil or NaN) */
    bool is_int;
    lua_Integer i;
    lua_Number f;             /* a float key; for a boolean, 0 or 1 */
    const char *s;            /* a string key, kept alive by the anchor table */
    size_t len;
    lua_Integer index;        /* 1-based place in the list: ties keep it */
    bool desc;                /* the order asked for (the same in every entry) */
};

/* Lua's l_strcmp: strcoll over the parts between embedded NUL bytes. */
static int lua_string_compare(const char *a, size_t la, const char *b, size_t lb)
{
    for (;;) {
        int c = strcoll(a, b);
        if (c != 0)
            return c;
        size_t len = strlen(a);             /* the first part of a is equal to b's */
        if (len == lb)
            return len == la ? 0 : 1;       /* b is done: a is equal or longer */
        if (len == la)
            return -1;                      /* a is done, b is not */
        len++;                              /* past the NUL */
        a += len, la -= len, b += len, lb -= len;
    }
}

/* An integer against a float, exactly (as Lua's own < does, without
 * converting either: a double cannot hold every integer past 2^53, and a
 * long double is no help where it is a double, under valgrind for one). */
static int compare_integer_float(lua_Integer i, lua_Number f)
{
    if (f >= 9223372036854775808.0)          /* 2^63: above every integer */
        return -1;
    if (f < -9223372036854775808.0)
        return 1;
    lua_Number whole = floor(f);
    lua_Integer w = (lua_Integer)whole;      /* in range: exact */
    if (i != w)
        return i < w ? -1 : 1;
    return whole == f ? 0 : -1;              /* i == floor(f): below f if f has a fraction */
}

static int compare_numbers_exactly(const struct keyed *a, const struct keyed *b)
{
    if (a->is_int && b->is_int)
        return (a->i > b->i) - (a->i < b->i);
    if (a->is_int)
        return compare_integer_float(a->i, b->f);
    if (b->is_int)
        return -compare_integer_float(b->i, a->f);
    return (a->f > b->f) - (a->f < b->f);
}

static int compare_keyed(const void *pa, const void *pb)
{
    const struct keyed *a = pa, *b = pb;
    int c = 0;
    if (a->cls == 0 || b->cls == 0)         /* missing keys last, whatever the order */
        c = (a->cls == 0) - (b->cls == 0);
    else if (a->cls != b->cls)
        c = a->desc ? b->cls - a->cls : a->cls - b->cls;
    else {
        if (a->cls == KEY_NUMBER_CLASS)
            c = compare_numbers_exactly(a, b);
        else if (a->cls == KEY_STRING_CLASS)
            c = lua_string_compare(a->s, a->len, b->s, b->len);
        else
            c = (a->f > b->f) - (a->f < b->f);
        c = a->desc ? -c : c;
    }
    if (c != 0)
        return c;
    return (a->index > b->index) - (a->index < b->index);
}

/* The key at the top of the stack, classified (and popped into anchor[i]). */
static void classify_key(lua_State *L, int anchor, lua_Integer i, bool desc, struct keyed *k)
{
    memset(k, 0, sizeof *k);
    k->index = i;
    k->desc = desc;
    switch (lua_type(L, -1)) {
    case LUA_TNIL:
        break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, -1)) {
            k->cls = KEY_NUMBER_CLASS;
            k->is_int = true;
            k->i = lua_tointeger(L, -1);
        } else {
            k->f = lua_tonumber(L, -1);
            k->cls = k->f == k->f ? KEY_NUMBER_CLASS : 0;   /* NaN is missing */
        }
        break;
    case LUA_TSTRING:
        k->cls = KEY_STRING_CLASS;
        k->s = lua_tolstring(L, -1, &k->len);
        break;
    case LUA_TBOOLEAN:
        k->cls = KEY_BOOLEAN_CLASS;
        k->f = lua_toboolean(L, -1);
        break;
    default:
        k->cls = KEY_OTHER_CLASS;
        break;
    }
    lua_rawseti(L, anchor, i);
}

/* sort_by_keys(list, keys | field, [desc]) -> true | false
 * Sorts list in place, stably, by each entry's key in the key order of
 * petlua.set, missing keys (nil, NaN) last whatever desc says. keys[i] is
 * the key of list[i]; or, given a field (a string or number), the key is
 * list[i][field]. Returns false, leaving list as it was, when some key is
 * of a type ordered by tostring (the Lua side sorts those). */
static int core_sort_by_keys(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    bool by_table = lua_type(L, 2) == LUA_TTABLE;
    luaL_argexpected(L, by_table || lua_type(L, 2) == LUA_TSTRING || lua_type(L, 2) == LUA_TNUMBER,
                     2, "table of keys or field");
    bool desc = lua_toboolean(L, 3);
    lua_settop(L, 2);
    lua_Integer n = 0;
    while (lua_rawgeti(L, 1, n + 1) != LUA_TNIL) {  /* as ipairs: up to the first nil */
        lua_pop(L, 1);
        n++;
    }
    lua_pop(L, 1);
    luaL_argcheck(L, (size_t)n < SIZE_MAX / sizeof(struct keyed), 1, "too many entries");
    struct keyed *keys = lua_newuserdatauv(L, (size_t)n * sizeof *keys + 1, 0);
    lua_createtable(L, (int)n, 0);                      /* anchor: keeps key strings alive */
    int anchor = lua_gettop(L);
    for (lua_Integer i = 1; i <= n; i++) {
        if (by_table) {
            lua_rawgeti(L, 2, i);
        } else {
            lua_rawgeti(L, 1, i);
            lua_pushvalue(L, 2);
            lua_gettable(L, -2);                        /* r[field], as Lua code reads it */
            lua_remove(L, -2);
        }
        classify_key(L, anchor, i, desc, &keys[i - 1]);
        if (keys[i - 1].cls == KEY_OTHER_CLASS) {
            lua_pushboolean(L, 0);
            return 1;
        }
    }
    qsort(keys, (size_t)n, sizeof *keys, compare_keyed);
    lua_createtable(L, (int)n, 0);                      /* the entries in their new order */
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, 1, keys[i - 1].index);
        lua_rawseti(L, -2, i);
    }
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, i);
        lua_rawseti(L, 1, i);
    }
    lua_pushboolean(L, 1);
    return 1;
}

/* ------------------------------------------------------------ small things */

/* clock() -> seconds on a monotonic clock (for progress and timing). */
static int core_clock(lua_State *L)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    lua_pushnumber(L, (lua_Number)ts.tv_sec + (lua_Number)ts.tv_nsec / 1e9);
    return 1;
}

/* list_dir(path) -> names, kinds | nil, message
 * The entries of a folder ("." and ".." left out), sorted as Lua's < sorts
 * strings (table.sort would give the same order), with the kind readdir
 * knows without a stat per entry: "file", "directory", "link", "other" or
 * "unknown" (then the caller asks lfs.attributes). */
static int dir_list_close(lua_State *L)
{
    struct pageload_dir *d = lua_touserdata(L, 1);
    if (d)
        pageload_dir_free(d);
    return 0;
}

static int core_list_dir(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    struct pageload_dir *d = lua_newuserdatauv(L, sizeof *d, 0);
    memset(d, 0, sizeof *d);
    luaL_setmetatable(L, "petlua.DirList");
    lua_toclose(L, -1); /* the list is freed on return, or should a push raise */
    char err[200];
    int status = pageload_list_dir(path, d, err, sizeof err);
    if (status == -2)
        return luaL_error(L, "not enough memory");
    if (status != 0) {
        lua_pushnil(L);
        lua_pushstring(L, err);
        return 2;
    }
    lua_createtable(L, (int)d->n, 0);
    lua_createtable(L, (int)d->n, 0);
    for (size_t i = 0; i < d->n; i++) {
        push_text(L, d->entries[i].name);
        lua_rawseti(L, -3, (lua_Integer)i + 1);
        lua_pushstring(L, d->entries[i].kind);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 2;
}

/* list_length(t) -> the largest positive integer key of t, 0 for none: the
 * length of a list with holes (petlua.stats), where a scan in Lua took
 * ~3 ms on 40,000 values. */
static int core_list_length(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer n = (lua_Integer)lua_rawlen(L, 1);
    lua_settop(L, 1);
    lua_pushnil(L);
    while (lua_next(L, 1) != 0) {
        lua_pop(L, 1);
        if (lua_isinteger(L, -1) && lua_tointeger(L, -1) > n)
            n = lua_tointeger(L, -1);
    }
    lua_pushinteger(L, n);
    return 1;
}

/* isatty(fd) -> boolean: whether a standard stream (0, 1, 2) is a terminal:
 * progress goes to stderr only then, and scripts print a table on stdout only
 * then (CSV otherwise). */
static int core_isatty(lua_State *L)
{
    lua_Integer fd = luaL_checkinteger(L, 1);
    luaL_argcheck(L, fd >= 0 && fd <= 2, 1, "0, 1 or 2 expected");
    lua_pushboolean(L, isatty((int)fd));
    return 1;
}

/* versions() -> list of the libraries this module is built on. gumbo has no
 * version call; the API used is that of gumbo 0.10. */
static int core_versions(lua_State *L)
{
    lua_createtable(L, 1, 0);
    lua_pushliteral(L, "gumbo 0.10 (HTML5 parser)");
    lua_rawseti(L, -2, 1);
    return 1;
}

static const luaL_Reg core_funcs[] = {
    {"clock", core_clock},
    {"derive", core_derive},
    {"isatty", core_isatty},
    {"list_dir", core_list_dir},
    {"list_length", core_list_length},
    {"parse", core_parse},
    {"parse_files", core_parse_files},
    {"sort_by_id", core_sort_by_id},
    {"sort_by_keys", core_sort_by_keys},
    {"versions", core_versions},
    {NULL, NULL},
};

static void new_closing_type(lua_State *L, const char *name, lua_CFunction close)
{
    luaL_newmetatable(L, name);
    lua_pushcfunction(L, close);
    lua_setfield(L, -2, "__close");
    lua_pushcfunction(L, close);
    lua_setfield(L, -2, "__gc");
    lua_pushstring(L, name);
    lua_setfield(L, -2, "__name");
    lua_pop(L, 1);
}

int luaopen_petlua_core(lua_State *L)
{
    new_closing_type(L, "petlua.LoadJob", held_load_close);
    new_closing_type(L, "petlua.HeldRecord", held_close);
    new_closing_type(L, "petlua.DirList", dir_list_close);
    luaL_newlibtable(L, core_funcs);
    luaL_checkstack(L, N_KEYS, "too many keys");
    for (int k = 0; k < N_KEYS; k++)
        lua_pushstring(L, key_names[k]);
    luaL_setfuncs(L, core_funcs, N_KEYS); /* the keys become upvalues */
    return 1;
}
