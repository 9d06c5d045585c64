/* l_page.c — the "petlua.page" module: petition records (record.h) from
 * pages (text or HTML), the UK Parliament's petitions JSON and CSV files of
 * records, as tables in the schema of the design document, in the
 * canonical vocabularies (a petlua.vocab).
 *
 *   parse(text, [name], [as_of], [vocab]) -> record, warnings | nil, message
 *   load(paths, [opts])           -> records, problems, warnings, unmapped
 *   fields()                      -> the schema: {name=, type=, share=} in order,
 *                                    the response fields, the CSV columns
 *   list_dir(path)                -> names, kinds (sorted by name) | nil, message
 *   versions()                    -> {"gumbo ..."}
 *
 * load reads the files through the pageload core (worker threads read and
 * parse pages and files of the UK's JSON while this thread turns records
 * into tables), the UK reader (a file of JSON over max_bytes, streamed here
 * petition by petition: read_uk), the record_csv core (a CSV file, read here
 * row by row) and the record_sqlite core (a database set:to_sqlite wrote,
 * likewise), merges the records of one petition as they come (merge_record:
 * the one merge), and returns them in natural id order. The load in flight
 * lives in a userdata whose
 * __close/__gc stops the workers and frees what they made, so a Lua error
 * (out of memory, --max-seconds, Ctrl-C) leaks nothing. */
#include <errno.h>
#include <fcntl.h>
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
#include "record_csv.h"
#include "record_sqlite.h"
#include "record_uk.h"
#include "sandbox.h"
#include "ukjson.h"
#include "vocab.h"

#define DEFAULT_MAX_BYTES ((lua_Integer)16 << 20)
#define PROGRESS_EVERY 2000           /* files between two calls of opts.progress */
#define DEADLINE_EVERY 64             /* files (or CSV rows / 16) between two deadline checks */

/* ------------------------------------------------------- keys */

/* Every name the tables made here use as a key: the schema's fields
 * (record.h's order), the response fields, then the few of this module.
 * Each is a Lua string made once, when the module is opened, and kept as an
 * upvalue of the module's functions (key k at upvalue k + 1): a field is
 * then set with lua_pushvalue and lua_rawset, where lua_setfield would look
 * its name up in the string cache again for every field of every record. */
#define PAGE_KEYS(X) X(index) X(line) X(message) X(field) X(value) X(n) X(name) X(code) X(mp)

enum key {
    KEY_FIELDS_END = RECORD_N_FIELDS - 1,
#define RESPONSE_KEY(name) KEY_resp_##name,
    RECORD_RESPONSE_FIELDS(RESPONSE_KEY)
#undef RESPONSE_KEY
#define PAGE_KEY(name) KEY_##name,
    PAGE_KEYS(PAGE_KEY)
#undef PAGE_KEY
    N_KEYS
};

static const char *key_name(int k)
{
    static const char *const rest[] = {
#define RESPONSE_KEY_NAME(name) #name,
        RECORD_RESPONSE_FIELDS(RESPONSE_KEY_NAME)
#undef RESPONSE_KEY_NAME
#define PAGE_KEY_NAME(name) #name,
        PAGE_KEYS(PAGE_KEY_NAME)
#undef PAGE_KEY_NAME
    };
    return k < RECORD_N_FIELDS ? record_fields[k].name : rest[k - RECORD_N_FIELDS];
}

/* Only from a function of this module (they hold the keys as upvalues). */
static void push_key(lua_State *L, int k)
{
    lua_pushvalue(L, lua_upvalueindex(k + 1));
}

/* t[key] = n and t[key] = text, for the table on top of the stack. */
static void set_key_integer(lua_State *L, int key, lua_Integer n)
{
    push_key(L, key);
    lua_pushinteger(L, n);
    lua_rawset(L, -3);
}

static void set_key_string(lua_State *L, int key, const char *text)
{
    push_key(L, key);
    lua_pushstring(L, text);
    lua_rawset(L, -3);
}

/* A NUL-terminated string of a record. lua_pushlstring, not lua_pushstring:
 * the latter first looks the address up in Lua's string cache, and an
 * arena hands out the same addresses page after page, so it would compare
 * each string with the previous page's string at that address. */
static void push_text(lua_State *L, const char *s)
{
    lua_pushlstring(L, s, strlen(s));
}

/* ------------------------------------------------------- records to tables */

/* The strings of the rows of a table of counts and of constituencies come
 * again and again (650 constituencies, their codes and MPs, 200 countries,
 * in every petition's document): each is pushed from a cache of the Lua
 * strings made for them (a table at the module's last upvalue, one slot by
 * a hash of the bytes; a string whose slot holds another is made and takes
 * the slot), not made again. Making one looks it up in Lua's table of every
 * short string, which, that large, misses the processor's caches at nearly
 * every lookup. With 32,768 slots the 2,000 or so strings of those tables
 * rarely share one (with 4,096, a third of the lookups missed). */
#define ROW_CACHE_SLOTS 32768
#define ROW_CACHE_MAX_LEN 40          /* Lua's short strings: longer ones are not shared anyway */
#define ROW_CACHE_UPVALUE (N_KEYS + 1)

static void push_row_text(lua_State *L, const char *s)
{
    size_t n = strlen(s);
    if (n > ROW_CACHE_MAX_LEN) {
        lua_pushlstring(L, s, n);
        return;
    }
    uint32_t h = 2166136261u;                      /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    lua_Integer slot = (lua_Integer)(h & (ROW_CACHE_SLOTS - 1)) + 1;
    int cache = lua_upvalueindex(ROW_CACHE_UPVALUE);
    if (lua_rawgeti(L, cache, slot) == LUA_TSTRING) {
        size_t len;
        const char *t = lua_tolstring(L, -1, &len);
        if (len == n && memcmp(t, s, n) == 0)
            return;                                /* the string, on the stack */
    }
    lua_pop(L, 1);
    lua_pushlstring(L, s, n);
    lua_pushvalue(L, -1);
    lua_rawseti(L, cache, slot);
}

static void push_list(lua_State *L, const char *const *items, size_t n)
{
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        push_text(L, items[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

static void push_responses(lua_State *L, const struct record_response *rs, size_t n)
{
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_createtable(L, 0, 4);
#define SET_RESPONSE_FIELD(name) \
        if (rs[i].name) { push_key(L, KEY_resp_##name); push_text(L, rs[i].name); lua_rawset(L, -3); }
        RECORD_RESPONSE_FIELDS(SET_RESPONSE_FIELD)
#undef SET_RESPONSE_FIELD
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

static void push_counts(lua_State *L, const struct record_count *counts, size_t n)
{
    lua_createtable(L, 0, (int)n);
    for (size_t i = 0; i < n; i++) {
        push_row_text(L, counts[i].name);
        lua_pushinteger(L, counts[i].count);
        lua_rawset(L, -3);
    }
}

/* Rows of signatures per constituency: {name=, code=, mp=, signatures=},
 * up to 650 per UK petition, six million in a large load, which most
 * scripts never read. Built as tables they were most of a load's time on
 * the Lua thread and most of its memory, so the list is pushed empty, with
 * a metatable of its own holding the rows in compact form (struct
 * lazy_rows); the first touch (__index, __newindex, __len, __pairs) builds
 * every row into the list itself, as they were built before, and removes
 * the metatable: from then on it is a plain table. A consumer that reads a
 * record's lists raw (lua_rawlen, lua_next, rawget, next) first calls
 * petlua_rows_whole (bindings.h), or in Lua takes `#t`.
 *
 * One metatable per list, not one shared with a side table from list to
 * rows: that side table would need weak keys (an ephemeron table of a
 * hundred thousand entries, walked again at every collection) and a lookup
 * at every touch; a small table per list is cheap next to the 650 it saves.
 *
 * The strings of the rows are indices into a table of strings (the user
 * value of the rows' userdata), shared by every list of a row pool: the
 * pool (struct row_pool, the module's last upvalue) finds a string's index
 * by a hash of its bytes, as push_row_text's cache does, so each of the
 * 2,000 or so names, codes and MPs is made once, not once per petition.
 * Petitions list the constituencies in the same order, so the string the
 * last list had at the same place is tried first, before any hash. */
#define ROW_POOL_SLOTS 32768
#define ROW_POOL_MAX_LEN 40           /* longer strings are added without a slot */
#define ROW_POOL_MAX_STRINGS ((size_t)1 << 20)  /* then a new table of strings is started */
#define ROW_POOL_LAST_ROWS 1024       /* rows of the last list remembered, more than 650 */
#define ROW_POOL_UPVALUE (N_KEYS + 2)
#define LAZY_ROWS_TYPE "petlua.LazyRows"

struct row_pool_slot {
    const char *s;                 /* the bytes of a string of the pool's table, which keeps it alive */
    uint32_t len, index;           /* index 0: an empty slot */
};

struct row_pool {
    size_t n_strings;              /* in its table of strings, its user value */
    struct row_pool_slot slots[ROW_POOL_SLOTS];
    struct row_pool_slot last[3 * ROW_POOL_LAST_ROWS];   /* the strings of the last list, by place */
};

/* n rows: signatures[i], then the strings of row i at strings[3 i ..]: its
 * name, code, MP, each an index into the table of strings (0: none). */
struct lazy_rows {
    size_t n;
    int64_t signatures[];
};

static uint32_t *lazy_rows_strings(struct lazy_rows *r)
{
    return (uint32_t *)(r->signatures + r->n);
}

/* Whether the NUL-terminated s is the string of slot (which holds no NUL):
 * read no further than s's end. */
static bool slot_holds(const struct row_pool_slot *slot, const char *s)
{
    if (slot->index == 0)
        return false;
    for (uint32_t i = 0; i < slot->len; i++)
        if (s[i] != slot->s[i])
            return false;
    return s[slot->len] == '\0';
}

/* The index of s in the pool's table of strings (at index strings), added
 * when it is not there. place: where s is in the list (3 * row + member),
 * for the string the last list had there. */
static uint32_t pool_intern(lua_State *L, struct row_pool *pool, int strings, const char *s, size_t place)
{
    struct row_pool_slot *last = place < 3 * ROW_POOL_LAST_ROWS ? &pool->last[place] : NULL;
    if (last && slot_holds(last, s))
        return last->index;
    uint32_t h = 2166136261u;                          /* FNV-1a, and the length */
    size_t n = 0;
    for (; s[n]; n++)
        h = (h ^ (unsigned char)s[n]) * 16777619u;
    struct row_pool_slot *slot = n <= ROW_POOL_MAX_LEN ? &pool->slots[h & (ROW_POOL_SLOTS - 1)] : NULL;
    if (!slot || !slot_holds(slot, s)) {
        lua_pushlstring(L, s, n);
        const char *kept = lua_tostring(L, -1);
        uint32_t index = (uint32_t)++pool->n_strings;
        lua_rawseti(L, strings, index);
        if (!slot) {                                   /* a long string: no slot */
            if (last)
                *last = (struct row_pool_slot){.s = kept, .len = (uint32_t)n, .index = index};
            return index;
        }
        *slot = (struct row_pool_slot){.s = kept, .len = (uint32_t)n, .index = index};
    }
    if (last)
        *last = *slot;
    return slot->index;
}

/* Pushes the pool's table of strings, with room for m more: a new one (and
 * no slot filled) when the current one has reached ROW_POOL_MAX_STRINGS,
 * so that a long session's pool does not keep every string it ever met. */
static struct row_pool *push_pool_strings(lua_State *L, size_t m)
{
    struct row_pool *pool = lua_touserdata(L, lua_upvalueindex(ROW_POOL_UPVALUE));
    if (m > UINT32_MAX - ROW_POOL_MAX_STRINGS)
        luaL_error(L, "too many constituency rows");
    if (pool->n_strings + m > ROW_POOL_MAX_STRINGS || pool->n_strings == 0) {
        memset(pool, 0, sizeof *pool);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_setiuservalue(L, lua_upvalueindex(ROW_POOL_UPVALUE), 1);
        return pool;
    }
    lua_getiuservalue(L, lua_upvalueindex(ROW_POOL_UPVALUE), 1);
    return pool;
}

static int lazy_rows_index(lua_State *L);
static int lazy_rows_newindex(lua_State *L);
static int lazy_rows_len(lua_State *L);
static int lazy_rows_pairs(lua_State *L);

static void push_constituencies(lua_State *L, const struct record_constituency *rows, size_t n)
{
    if (n == 0) {
        lua_createtable(L, 0, 0);
        return;
    }
    struct row_pool *pool = push_pool_strings(L, 3 * n);
    int strings = lua_gettop(L);
    lua_createtable(L, 0, 0);                          /* the list */
    lua_createtable(L, 1, 4);                          /* its metatable */
    lua_pushcfunction(L, lazy_rows_index);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, lazy_rows_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, lazy_rows_len);
    lua_setfield(L, -2, "__len");
    lua_pushcfunction(L, lazy_rows_pairs);
    lua_setfield(L, -2, "__pairs");
    struct lazy_rows *r = lua_newuserdatauv(L, sizeof *r + n * (sizeof(int64_t) + 3 * sizeof(uint32_t)), 1);
    r->n = n;
    luaL_setmetatable(L, LAZY_ROWS_TYPE);
    lua_pushvalue(L, strings);
    lua_setiuservalue(L, -2, 1);
    uint32_t *s = lazy_rows_strings(r);
    for (size_t i = 0; i < n; i++) {
        r->signatures[i] = rows[i].count;
        s[3 * i] = pool_intern(L, pool, strings, rows[i].name, 3 * i);
        s[3 * i + 1] = rows[i].code ? pool_intern(L, pool, strings, rows[i].code, 3 * i + 1) : 0;
        s[3 * i + 2] = rows[i].mp ? pool_intern(L, pool, strings, rows[i].mp, 3 * i + 2) : 0;
    }
    lua_rawseti(L, -2, 1);                             /* metatable[1] = the rows */
    lua_setmetatable(L, -2);
    lua_remove(L, strings);
}

/* Builds the rows r into the list at t (absolute) as plain tables. */
static void build_rows(lua_State *L, int t, struct lazy_rows *r, int strings)
{
    luaL_checkstack(L, 8, "building constituency rows");
    lua_pushliteral(L, "name");
    lua_pushliteral(L, "code");
    lua_pushliteral(L, "mp");
    lua_pushliteral(L, "signatures");
    int keys = lua_gettop(L) - 3;
    const uint32_t *s = lazy_rows_strings(r);
    for (size_t i = 0; i < r->n; i++) {
        lua_createtable(L, 0, 4);
        for (int k = 0; k < 3; k++) {
            if (s[3 * i + k] == 0)
                continue;
            lua_pushvalue(L, keys + k);
            lua_rawgeti(L, strings, s[3 * i + k]);
            lua_rawset(L, -3);
        }
        lua_pushvalue(L, keys + 3);
        lua_pushinteger(L, (lua_Integer)r->signatures[i]);
        lua_rawset(L, -3);
        lua_rawseti(L, t, (lua_Integer)i + 1);
    }
    lua_pop(L, 4);
}

bool petlua_rows_whole(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx))
        return false;
    lua_rawgeti(L, -1, 1);
    struct lazy_rows *r = luaL_testudata(L, -1, LAZY_ROWS_TYPE);
    if (!r) {
        lua_pop(L, 2);
        return false;
    }
    lua_getiuservalue(L, -1, 1);
    build_rows(L, idx, r, lua_gettop(L));
    lua_pop(L, 3);
    lua_pushnil(L);
    lua_setmetatable(L, idx);                          /* only now: a raise above leaves it lazy */
    return true;
}

static int lazy_rows_index(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);             /* a script may call it with anything */
    petlua_rows_whole(L, 1);
    lua_settop(L, 2);
    lua_rawget(L, 1);
    return 1;
}

static int lazy_rows_newindex(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);             /* a script may call it with anything */
    petlua_rows_whole(L, 1);
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 0;
}

static int lazy_rows_len(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);             /* a script may call it with anything */
    petlua_rows_whole(L, 1);
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, 1));
    return 1;
}

static int lazy_rows_next(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    if (lua_next(L, 1))
        return 2;
    lua_pushnil(L);
    return 1;
}

static int lazy_rows_pairs(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);             /* a script may call it with anything */
    petlua_rows_whole(L, 1);
    lua_pushcfunction(L, lazy_rows_next);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

/* Pushes the value of field f of rec, which has one. */
static void push_field(lua_State *L, const struct record *rec, int f)
{
    const struct record_field *d = &record_fields[f];
    const char *at = (const char *)rec + d->offset;
    size_t n = d->count_offset ? *(const size_t *)((const char *)rec + d->count_offset) : 0;
    switch (d->kind) {
    case RECORD_INTEGER:
        lua_pushinteger(L, *(const long *)at);
        break;
    case RECORD_BOOLEAN:
        lua_pushboolean(L, *(const int *)at);
        break;
    case RECORD_LIST:
        push_list(L, *(const char *const *const *)at, n);
        break;
    case RECORD_RESPONSES:
        push_responses(L, *(const struct record_response *const *)at, n);
        break;
    case RECORD_COUNTS:
        push_counts(L, *(const struct record_count *const *)at, n);
        break;
    case RECORD_CONSTITUENCIES:
        push_constituencies(L, *(const struct record_constituency *const *)at, n);
        break;
    default:
        push_text(L, *(const char *const *)at);
        break;
    }
}

/* Sets field f of the table at index t (absolute) from rec, if rec has it. */
static void set_field(lua_State *L, int t, const struct record *rec, int f)
{
    if (record_has(rec, f)) {
        push_key(L, f);
        push_field(L, rec, f);
        lua_rawset(L, t);
    }
}

/* response_text, when it is the text of one of the responses (a record
 * with one text: record_complete gives it that very string), is set to the
 * Lua string already made for that response, not to a copy of it (texts
 * are long strings, which Lua does not share). The table at t has its
 * responses. Returns whether it did. */
static bool push_shared_text(lua_State *L, int t, const struct record *rec)
{
    for (size_t i = 0; rec->response_text && i < rec->n_responses; i++) {
        if (rec->responses[i].text != rec->response_text)
            continue;
        push_key(L, RECORD_FIELD_response_text);
        push_key(L, RECORD_FIELD_responses);
        lua_rawget(L, t);
        lua_rawgeti(L, -1, (lua_Integer)i + 1);
        push_key(L, KEY_resp_text);
        lua_rawget(L, -2);                         /* key, responses, response, text */
        lua_replace(L, -3);
        lua_pop(L, 1);
        lua_rawset(L, t);
        return true;
    }
    return false;
}

/* Pushes the record as a table. source_at is the stack index of the string
 * to give as `source` when the record names none (the path the caller
 * passed: no second copy of it is made), or 0. Raises only when memory
 * runs out. */
static void push_record(lua_State *L, const struct record *rec, int source_at)
{
    int n = (int)rec->n_extras + (!rec->source && source_at != 0);
    for (int f = 0; f < RECORD_N_FIELDS; f++)
        n += record_has(rec, f);
    lua_createtable(L, 0, n);                         /* sized once, exactly */
    int t = lua_gettop(L);
    for (int f = 0; f < RECORD_N_FIELDS; f++) {
        if (f == RECORD_FIELD_response_text && push_shared_text(L, t, rec))
            continue;
        set_field(L, t, rec, f);
    }
    if (!rec->source && source_at != 0) {
        push_key(L, RECORD_FIELD_source);
        lua_pushvalue(L, source_at);
        lua_rawset(L, t);
    }
    for (size_t i = 0; i < rec->n_extras; i++) {
        push_text(L, rec->extra_names[i]);
        push_text(L, rec->extra_values[i]);
        lua_rawset(L, t);
    }
}

/* Appends {index=, line=, KEY=text} to the list at index list. */
static void add_note(lua_State *L, int list, lua_Integer index, long line, int key, const char *text)
{
    lua_createtable(L, 0, 3);
    set_key_integer(L, KEY_index, index);
    set_key_integer(L, KEY_line, line);
    set_key_string(L, key, text);
    lua_rawseti(L, list, (lua_Integer)lua_rawlen(L, list) + 1);
}

/* ------------------------------------------------------- arguments */

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

/* ------------------------------------------------------- parse */

/* A record held for Lua between parsing and conversion. */
struct held_record {
    struct record *rec;
};

static int held_record_close(lua_State *L)
{
    struct held_record *h = lua_touserdata(L, 1);
    if (h && h->rec) {
        record_free(h->rec);
        h->rec = NULL;
    }
    return 0;
}

static void push_warnings(lua_State *L, const struct record *rec)
{
    if (rec->n_warnings == 0) {
        lua_pushnil(L);
        return;
    }
    lua_createtable(L, (int)rec->n_warnings, 0);
    for (size_t i = 0; i < rec->n_warnings; i++) {
        lua_createtable(L, 0, 2);
        set_key_integer(L, KEY_line, rec->warnings[i].line);
        push_key(L, RECORD_FIELD_text);
        push_text(L, rec->warnings[i].text);
        lua_rawset(L, -3);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* parse(text, [name], [as_of], [vocab]) -> record, warnings | nil, "NAME:LINE: message"
 * A text that is not a petition page is an expected failure (nil, message). */
static int page_l_parse(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    const char *name = luaL_optstring(L, 2, NULL);
    long as_of = check_as_of(L, 3);
    const struct vocab *vocab = lua_isnoneornil(L, 4) ? NULL : petlua_check_vocab(L, 4);
    struct held_record *h = lua_newuserdatauv(L, sizeof *h, 0);
    h->rec = NULL;
    luaL_setmetatable(L, "petlua.HeldRecord");
    lua_toclose(L, -1);
    struct pageload_result r = {.outcome = PAGELOAD_PENDING};
    pageload_text(text, len, name ? name : "(text)", vocab, &r);
    h->rec = r.rec;
    if (r.outcome != PAGELOAD_RECORD) {
        lua_pushnil(L);
        if (r.err_line > 0)
            lua_pushfstring(L, "%s:%d: %s", name ? name : "(text)", r.err_line, r.err);
        else
            lua_pushfstring(L, "%s: %s", name ? name : "(text)", r.err);
        return 2;
    }
    if (!name)
        h->rec->source = NULL;
    record_derive(h->rec, as_of);
    push_record(L, h->rec, 0);
    push_warnings(L, h->rec);
    return 2; /* the held record is freed by its __close */
}

/* ------------------------------------------------------- load */

/* A petition met so far: the first record of its id made its slot. */
struct slot {
    const char *id;           /* the id, a key of the load's slot_of table (which keeps it alive) */
    size_t len;
    bool preferred;           /* its record is a page in the language asked for */
};

/* A file of the UK's JSON streamed on this thread (read_uk): what it
 * holds while a Lua error may be raised. */
struct uk_stream {
    struct uk_reader *reader;
    int fd;                   /* -1: none open */
    char *buf;                /* UK_STREAM_BLOCK bytes, kept for the whole load */
    struct record *rec;       /* the record being added */
};

#define UK_STREAM_BLOCK ((size_t)64 << 10)

static void uk_stream_close(struct uk_stream *u)
{
    uk_reader_free(u->reader);
    u->reader = NULL;
    if (u->fd >= 0)
        close(u->fd);
    u->fd = -1;
    record_free(u->rec);
    u->rec = NULL;
    free(u->buf);
    u->buf = NULL;
}

/* A load in flight: the pageload job, the slots, a CSV file or a file of
 * the UK's JSON being read. */
struct held_load {
    struct pageload *job;
    struct slot *slots;
    size_t n_slots, cap;
    struct record_csv_reader *csv;
    struct record_sqlite_reader *db;   /* an SQLite database being read */
    struct uk_stream uk;
};

static int held_load_close(lua_State *L)
{
    struct held_load *h = lua_touserdata(L, 1);
    if (h) {
        pageload_free(h->job);
        h->job = NULL;
        free(h->slots);
        h->slots = NULL;
        h->n_slots = h->cap = 0;
        record_csv_close(h->csv);
        h->csv = NULL;
        record_sqlite_close(h->db);
        h->db = NULL;
        uk_stream_close(&h->uk);
    }
    return 0;
}

/* The stack places and settings of one load. */
struct load {
    struct held_load *h;
    int paths, records, slot_of, problems, warnings, unmapped;   /* stack indices */
    const struct vocab *vocab;
    long as_of;
    const char *lang;         /* the language whose page wins */
    bool strict;              /* stop at the first problem */
    lua_Integer index;        /* the file being read, 1-based */
};

/* Room for one more slot; raises when memory runs out. */
static void reserve_slot(lua_State *L, struct held_load *h)
{
    if (h->n_slots == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 1024;
        struct slot *s = realloc(h->slots, cap * sizeof *s);
        if (!s)
            luaL_error(L, "not enough memory");
        h->slots = s;
        h->cap = cap;
    }
}

/* status, response_days, late and overdue of the table at t, worked out
 * again from its fields after a merge filled some. */
static void derive_table(lua_State *L, int t, long as_of)
{
    int top = lua_gettop(L);
    struct record facts;
    memset(&facts, 0, sizeof facts);
    static const int inputs[] = {                 /* the strings record_derive reads */
        RECORD_FIELD_presented, RECORD_FIELD_response_tabled, RECORD_FIELD_closed,
        RECORD_FIELD_opened, RECORD_FIELD_sessional_paper, RECORD_FIELD_parliament_of,
        RECORD_FIELD_state, RECORD_FIELD_response_threshold_reached,
        RECORD_FIELD_parliament_dissolved,
    };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        push_key(L, inputs[i]);
        if (lua_rawget(L, t) == LUA_TSTRING)     /* left on the stack: the string stays alive */
            *(const char **)((char *)&facts + record_fields[inputs[i]].offset) = lua_tostring(L, -1);
    }
    push_key(L, RECORD_FIELD_responses);
    facts.n_responses = lua_rawget(L, t) == LUA_TTABLE ? lua_rawlen(L, -1) : 0;
    push_key(L, RECORD_FIELD_status);
    facts.not_certified = lua_rawget(L, t) == LUA_TSTRING &&
                          strcmp(lua_tostring(L, -1), "not_certified") == 0;
    record_derive(&facts, as_of);
    lua_settop(L, top);
    static const int derived[] = {RECORD_FIELD_status, RECORD_FIELD_response_days,
                                  RECORD_FIELD_late, RECORD_FIELD_overdue};
    for (size_t i = 0; i < sizeof derived / sizeof derived[0]; i++) {
        push_key(L, derived[i]);
        if (record_has(&facts, derived[i]))
            push_field(L, &facts, derived[i]);
        else
            lua_pushnil(L);
        lua_rawset(L, t);
    }
}

/* The merge of the records of one petition (its English and French page,
 * two copies, a page and a CSV row), the one place it is done: the first
 * record in the language asked for wins (else the first met), and takes
 * each field of share SAME that it lacks from the others, in the order they
 * were met; then its status and the fields after it are worked out again.
 * current is the table of the slot (at index t), rec the record met now. */
static void merge_record(lua_State *L, struct load *ld, struct slot *slot, int t,
                         const struct record *rec, int source_at)
{
    bool filled = false;
    if (!slot->preferred && strcmp(rec->lang ? rec->lang : "", ld->lang) == 0) {
        push_record(L, rec, source_at);                /* it wins: the old table gives */
        int winner = lua_gettop(L);
        for (int f = 0; f < RECORD_N_FIELDS; f++) {
            if (record_fields[f].share != RECORD_SAME || record_has(rec, f))
                continue;
            push_key(L, f);
            if (lua_rawget(L, t) != LUA_TNIL) {
                push_key(L, f);
                lua_insert(L, -2);
                lua_rawset(L, winner);
                filled = true;
            } else {
                lua_pop(L, 1);
            }
        }
        lua_replace(L, t);
        slot->preferred = true;
    } else {                                           /* the winner stays: rec gives */
        for (int f = 0; f < RECORD_N_FIELDS; f++) {
            if (record_fields[f].share != RECORD_SAME || !record_has(rec, f))
                continue;
            push_key(L, f);
            bool missing = lua_rawget(L, t) == LUA_TNIL;
            lua_pop(L, 1);
            if (missing) {
                set_field(L, t, rec, f);
                filled = true;
            }
        }
    }
    if (filled)
        derive_table(L, t, ld->as_of);
}

/* A value no vocabulary row explained, counted once per field and value:
 * ld->unmapped["field\0value"] = {field=, value=, n=, index= (first file)}. */
static void note_unmapped(lua_State *L, struct load *ld, int field, const char *value)
{
    lua_pushstring(L, record_fields[field].name);
    lua_pushlstring(L, "", 1);
    lua_pushstring(L, value);
    lua_concat(L, 3);
    lua_pushvalue(L, -1);
    if (lua_rawget(L, ld->unmapped) == LUA_TTABLE) {
        push_key(L, KEY_n);
        lua_rawget(L, -2);
        lua_Integer n = lua_tointeger(L, -1);
        lua_pop(L, 1);
        set_key_integer(L, KEY_n, n + 1);
        lua_pop(L, 2);
        return;
    }
    lua_pop(L, 1);
    lua_createtable(L, 0, 4);
    push_key(L, KEY_field);
    push_key(L, field);
    lua_rawset(L, -3);
    set_key_string(L, KEY_value, value);
    set_key_integer(L, KEY_n, 1);
    set_key_integer(L, KEY_index, ld->index);
    lua_rawset(L, ld->unmapped);
}

/* The topic and responders of rec that the vocabularies did not explain. */
static void note_unmapped_of(lua_State *L, struct load *ld, const struct record *rec)
{
    if (!ld->vocab)
        return;
    if (rec->topic_unmapped)
        note_unmapped(L, ld, RECORD_FIELD_topic, rec->topic);
    for (size_t i = 0; i < rec->n_responses; i++)
        if (rec->responses[i].responder && !rec->responses[i].department)
            note_unmapped(L, ld, RECORD_FIELD_department, rec->responses[i].responder);
}

/* One record of file ld->index (the path at source_at): a slot of its own,
 * or merged into the slot of its id. */
static void add_record(lua_State *L, struct load *ld, const struct record *rec, int source_at)
{
    note_unmapped_of(L, ld, rec);
    push_text(L, rec->id);
    lua_pushvalue(L, -1);
    if (lua_rawget(L, ld->slot_of) == LUA_TNUMBER) {
        lua_Integer s = lua_tointeger(L, -1);
        lua_pop(L, 2);
        lua_rawgeti(L, ld->records, s);
        merge_record(L, ld, &ld->h->slots[s - 1], lua_gettop(L), rec, source_at);
        lua_rawseti(L, ld->records, s);
        return;
    }
    lua_pop(L, 1);
    struct held_load *h = ld->h;
    reserve_slot(L, h);
    struct slot *slot = &h->slots[h->n_slots];
    slot->id = lua_tolstring(L, -1, &slot->len);     /* kept alive by slot_of */
    slot->preferred = rec->lang && strcmp(rec->lang, ld->lang) == 0;
    lua_pushinteger(L, (lua_Integer)++h->n_slots);
    lua_rawset(L, ld->slot_of);
    push_record(L, rec, source_at);
    lua_rawseti(L, ld->records, (lua_Integer)h->n_slots);
}

static void add_problem(lua_State *L, struct load *ld, long line, const char *message)
{
    add_note(L, ld->problems, ld->index, line, KEY_message, message);
}

static void csv_problem(void *ud, long line, const char *message)
{
    void **p = ud;
    add_problem(p[0], p[1], line, message);
}

/* A record read back from a file petlua wrote (row number row), merged by
 * add_record. It is held while it is pushed, so that it is freed should a
 * push raise; its status and the fields after it are the file's, as
 * written, with its names brought to the vocabularies (a file written
 * before them). */
static void add_read_record(lua_State *L, struct load *ld, struct record *rec, int path_at,
                            long row)
{
    struct held_record *held = lua_newuserdatauv(L, sizeof *held, 0);
    held->rec = rec;
    luaL_setmetatable(L, "petlua.HeldRecord");
    record_canonicalize(rec, ld->vocab);
    add_record(L, ld, rec, path_at);
    record_free(held->rec);
    held->rec = NULL;
    lua_pop(L, 1);
    if (row % (DEADLINE_EVERY * 16) == 0)
        sandbox_check_deadline(L);
}

/* The records of a CSV file (the path at path_at), one row at a time. */
static void read_csv(lua_State *L, struct load *ld, int path_at)
{
    char err[512];
    struct held_load *h = ld->h;
    h->csv = record_csv_open(lua_tostring(L, path_at), err, sizeof err);
    if (!h->csv) {
        /* the message names the file ("path:1: ..."): keep what follows */
        size_t plen = lua_rawlen(L, path_at);
        const char *msg = err;
        long line = 0;
        if (strncmp(err, lua_tostring(L, path_at), plen) == 0 && err[plen] == ':') {
            msg = err + plen + 1;
            char *end;
            line = strtol(msg, &end, 10);
            msg = end != msg && *end == ':' ? end + 1 : msg;
            while (*msg == ' ')
                msg++;
        }
        add_problem(L, ld, line, msg);
        return;
    }
    record_csv_read_ahead(h->csv);                  /* decoded on a thread while tables are built */
    void *ud[2] = {L, ld};
    struct record *rec;
    int rc;
    long rows = 0;
    while ((rc = record_csv_next(h->csv, &rec, csv_problem, ud)) == 1)
        add_read_record(L, ld, rec, path_at, ++rows);
    if (rc == -2)
        luaL_error(L, "not enough memory");
    if (rc < 0) {
        const char *e = record_csv_error(h->csv);
        size_t plen = lua_rawlen(L, path_at);
        long line = 0;
        if (strncmp(e, lua_tostring(L, path_at), plen) == 0 && e[plen] == ':') {
            char *end;
            line = strtol(e + plen + 1, &end, 10);
            e = *end == ':' ? end + 2 : e + plen + 2;
        }
        add_problem(L, ld, line, e);
    }
    record_csv_close(h->csv);
    h->csv = NULL;
}

/* The records of an SQLite database that set:to_sqlite wrote (the path at
 * path_at), one row at a time, as read_csv reads a CSV file: the values as
 * written, merged by add_record. */
static void read_sqlite(lua_State *L, struct load *ld, int path_at)
{
    char err[512];
    struct held_load *h = ld->h;
    h->db = record_sqlite_open(lua_tostring(L, path_at), err, sizeof err);
    if (!h->db) {
        add_problem(L, ld, 0, err);
        return;
    }
    void *ud[2] = {L, ld};
    struct record *rec;
    int rc;
    long rows = 0;
    while ((rc = record_sqlite_next(h->db, &rec, csv_problem, ud)) == 1)
        add_read_record(L, ld, rec, path_at, ++rows);
    if (rc == -2)
        luaL_error(L, "not enough memory");
    if (rc < 0)
        add_problem(L, ld, 0, record_sqlite_reader_error(h->db));
    record_sqlite_close(h->db);
    h->db = NULL;
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
            luaL_error(L, "bad option '%s' to 'load' (integer expected, got %s)",
                       name, luaL_typename(L, -1));
    }
    lua_pop(L, 1);
    return v;
}

/* The files listed at index list (copied: they must outlive any Lua code,
 * a __gc run while tables are built included), into a new job held by h. */
static void new_job(lua_State *L, struct held_load *h, int list, size_t n, size_t max_bytes,
                    const struct vocab *vocab)
{
    h->job = pageload_new(n, max_bytes, vocab);
    if (h->job == NULL)
        luaL_error(L, "not enough memory");
    for (size_t i = 0; i < n; i++) {
        if (lua_rawgeti(L, list, (lua_Integer)i + 1) != LUA_TSTRING)
            luaL_error(L, "bad argument #1 to 'load' (item %d is a %s, not a path)",
                       (int)i + 1, luaL_typename(L, -1));
        if (pageload_set_path(h->job, i, lua_tostring(L, -1)) != 0)
            luaL_error(L, "not enough memory");
        lua_pop(L, 1);
    }
}

/* One record of a file, worked out as of the load's day, into the set; its
 * warnings into the load's. */
static void take_record(lua_State *L, struct load *ld, struct record *rec, int path_at)
{
    record_derive(rec, ld->as_of);
    add_record(L, ld, rec, path_at);
    for (size_t w = 0; w < rec->n_warnings; w++)
        add_note(L, ld->warnings, ld->index, rec->warnings[w].line, RECORD_FIELD_text,
                 rec->warnings[w].text);
}

/* ---- the UK's JSON */

/* What the UK reader's callbacks need. */
struct uk_ctx {
    lua_State *L;
    struct load *ld;
    int path_at;
    size_t n;
};

/* A petition of a file streamed here: held (ld->h->uk.rec) while it is
 * added, so that a raise leaks nothing. */
static int uk_stream_petition(void *ud, struct uk_petition *p)
{
    struct uk_ctx *c = ud;
    struct uk_stream *u = &c->ld->h->uk;
    u->rec = record_from_uk(p);                    /* takes p over */
    if (!u->rec)
        luaL_error(c->L, "not enough memory");
    record_canonicalize(u->rec, c->ld->vocab);
    take_record(c->L, c->ld, u->rec, c->path_at);
    record_free(u->rec);
    u->rec = NULL;
    if (++c->n % (DEADLINE_EVERY * 16) == 0)
        sandbox_check_deadline(c->L);
    return 0;
}

static void uk_stream_error(void *ud, long long offset, int line, const char *message)
{
    struct uk_ctx *c = ud;
    char buf[PAGELOAD_ERR_SIZE + 64];
    pageload_uk_message(buf, sizeof buf, offset, message);
    add_problem(c->L, c->ld, line, buf);
}

/* A file of the UK's JSON too large to be read whole (the path at path_at),
 * read here through a fixed buffer, one petition at a time. */
static void read_uk(lua_State *L, struct load *ld, int path_at)
{
    struct uk_stream *u = &ld->h->uk;
    struct uk_ctx c = {L, ld, path_at, 0};
    char err[160];
    if (!u->buf && !(u->buf = malloc(UK_STREAM_BLOCK)))
        luaL_error(L, "not enough memory");
    u->fd = open(lua_tostring(L, path_at), O_RDONLY | O_CLOEXEC);
    if (u->fd < 0) {
        snprintf(err, sizeof err, "cannot open: %s", strerror(errno));
        add_problem(L, ld, 0, err);
        return;
    }
    u->reader = uk_reader_new(0, uk_stream_petition, uk_stream_error, &c);
    if (!u->reader)
        luaL_error(L, "not enough memory");
    int rc = 0;
    for (;;) {
        ssize_t got = read(u->fd, u->buf, UK_STREAM_BLOCK);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            snprintf(err, sizeof err, "cannot read: %s", strerror(errno));
            add_problem(L, ld, 0, err);
            rc = -1;
            break;
        }
        if (got == 0 || (rc = uk_reader_feed(u->reader, u->buf, (size_t)got)) != 0)
            break;
    }
    if (rc == 0)
        uk_reader_finish(u->reader);
    uk_reader_free(u->reader);
    u->reader = NULL;
    close(u->fd);
    u->fd = -1;
}

/* The records of a file of many read by a worker (the UK's JSON), and what
 * could not be read in it. */
static void take_records(lua_State *L, struct load *ld, struct pageload_result *r, int path_at)
{
    for (size_t i = 0; i < r->n_recs; i++) {
        take_record(L, ld, r->recs[i], path_at);
        if ((i + 1) % (DEADLINE_EVERY * 16) == 0)
            sandbox_check_deadline(L);
    }
    for (size_t i = 0; i < r->n_problems; i++)
        add_problem(L, ld, r->problems[i].line, r->problems[i].message);
}

/* One file's outcome. */
static void take_result(lua_State *L, struct load *ld, struct pageload_result *r, int path_at)
{
    if (r->outcome == PAGELOAD_CSV) {
        read_csv(L, ld, path_at);
        return;
    }
    if (r->outcome == PAGELOAD_SQLITE) {
        read_sqlite(L, ld, path_at);
        return;
    }
    if (r->outcome == PAGELOAD_RECORDS) {
        take_records(L, ld, r, path_at);
        return;
    }
    if (r->outcome == PAGELOAD_UKJSON) {
        read_uk(L, ld, path_at);
        return;
    }
    if (r->outcome != PAGELOAD_RECORD) {
        add_problem(L, ld, r->err_line, r->err);
        return;
    }
    take_record(L, ld, r->rec, path_at);
}

struct ordered { struct page_id_key key; size_t slot; };

static int compare_ordered(const void *pa, const void *pb)
{
    const struct ordered *a = pa, *b = pb;
    int c = page_id_compare(&a->key, &b->key);
    return c != 0 ? c : (a->slot > b->slot) - (a->slot < b->slot);
}

/* The records of the slots, in the natural order of their ids. */
static void push_in_id_order(lua_State *L, struct load *ld)
{
    size_t n = ld->h->n_slots;
    struct ordered *order = lua_newuserdatauv(L, n * sizeof *order + 1, 0);
    for (size_t i = 0; i < n; i++)
        order[i] = (struct ordered){page_id_key(ld->h->slots[i].id, ld->h->slots[i].len), i};
    qsort(order, n, sizeof *order, compare_ordered);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, ld->records, (lua_Integer)order[i].slot + 1);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_remove(L, -2);
}

/* load(paths, [opts]) -> records, problems, warnings
 * opts: as_of (date string, default today), max_bytes (default 16 MB: a
 * larger page file is a problem, not read; CSV files are streamed),
 * threads (default: one per processor, the calling thread among them),
 * lang ("en" default: whose page wins when a petition is met twice),
 * strict (stop at the first problem), progress (a function called with
 * (files done, files) every PROGRESS_EVERY files).
 * records: one per petition, in natural id order (page.h), merged; a
 * record's source is the path it came from. problems: {index=, line=,
 * message=} for each file that gave no record or a CSV row that could not
 * be read fully (index: in paths; line 0 for the whole file). warnings:
 * {index=, line=, text=} for the page lines no landmark explained.
 * unmapped: with opts.vocab (a petlua.vocab, whose canonical names the
 * records take), the values no row explained, each once: {field = "topic" |
 * "department", value = as printed, n = times met, index = the first file}.
 * Misuse raises; a bad file never does. */
static int page_l_load(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    if (!lua_isnoneornil(L, 2))
        luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    struct load ld = {0};
    lua_Integer max_bytes = opt_integer(L, 2, "max_bytes", DEFAULT_MAX_BYTES);
    lua_Integer threads = opt_integer(L, 2, "threads", pageload_default_threads());
    luaL_argcheck(L, max_bytes >= 0, 2, "max_bytes must not be negative");
    ld.as_of = today();
    ld.lang = "en";
    int progress = 0;
    if (!lua_isnil(L, 2)) {
        lua_getfield(L, 2, "as_of");
        ld.as_of = check_as_of(L, lua_gettop(L));
        if (lua_getfield(L, 2, "lang") != LUA_TNIL) {   /* left on the stack: alive */
            luaL_argcheck(L, lua_type(L, -1) == LUA_TSTRING, 2, "option 'lang' must be a string");
            ld.lang = lua_tostring(L, -1);
        }
        lua_getfield(L, 2, "strict");
        ld.strict = lua_toboolean(L, -1);
        if (lua_getfield(L, 2, "progress") != LUA_TNIL) {
            luaL_argcheck(L, lua_isfunction(L, -1), 2, "option 'progress' must be a function");
            progress = lua_gettop(L);
        }
        if (lua_getfield(L, 2, "vocab") != LUA_TNIL)   /* left on the stack: alive */
            ld.vocab = petlua_check_vocab(L, lua_gettop(L));
    }
    ld.paths = 1;
    size_t n = lua_rawlen(L, 1);   /* read once, with no __len: the job is made for n */
    ld.h = lua_newuserdatauv(L, sizeof *ld.h, 0);
    memset(ld.h, 0, sizeof *ld.h);
    ld.h->uk.fd = -1;
    luaL_setmetatable(L, "petlua.LoadJob");
    lua_toclose(L, -1);
    new_job(L, ld.h, 1, n, (size_t)max_bytes, ld.vocab);
    lua_newtable(L);
    ld.records = lua_gettop(L);
    lua_newtable(L);
    ld.slot_of = lua_gettop(L);
    lua_newtable(L);
    ld.problems = lua_gettop(L);
    lua_newtable(L);
    ld.warnings = lua_gettop(L);
    lua_newtable(L);
    ld.unmapped = lua_gettop(L);
    pageload_start(ld.h->job, (int)threads);
    for (size_t i = 0; i < n; i++) {
        struct pageload_result *r = pageload_wait(ld.h->job, i);
        ld.index = (lua_Integer)i + 1;
        lua_rawgeti(L, 1, ld.index);                   /* the path, for `source` */
        take_result(L, &ld, r, lua_gettop(L));
        lua_pop(L, 1);
        pageload_done(ld.h->job, i);
        if (ld.strict && lua_rawlen(L, ld.problems) > 0)
            break;
        if (i % DEADLINE_EVERY == DEADLINE_EVERY - 1)
            sandbox_check_deadline(L);   /* --max-seconds: may raise; the load is closed */
        if (progress && (i + 1) % PROGRESS_EVERY == 0) {
            lua_pushvalue(L, progress);
            lua_pushinteger(L, (lua_Integer)i + 1);
            lua_pushinteger(L, (lua_Integer)n);
            lua_call(L, 2, 0);
        }
    }
    push_in_id_order(L, &ld);
    lua_pushvalue(L, ld.problems);
    lua_pushvalue(L, ld.warnings);
    lua_createtable(L, 0, 0);                          /* unmapped, as a list */
    lua_pushnil(L);
    while (lua_next(L, ld.unmapped) != 0)
        lua_rawseti(L, -3, (lua_Integer)lua_rawlen(L, -3) + 1);
    return 4; /* the load is closed (workers joined) on return */
}

/* ------------------------------------------------------- the schema */

/* fields() -> fields, response_fields, csv_columns: the record schema
 * (record.h), for the Lua side: fields as {name=, type=, share=} in order
 * (share "same", "lang", "derived" or "file"), the names of a response's
 * fields, the CSV columns. */
static int page_l_fields(lua_State *L)
{
    static const char *const shares[] = {"same", "lang", "derived", "file"};
    lua_createtable(L, RECORD_N_FIELDS, 0);
    for (int f = 0; f < RECORD_N_FIELDS; f++) {
        lua_createtable(L, 0, 3);
        lua_pushstring(L, record_fields[f].name);
        lua_setfield(L, -2, "name");
        lua_pushstring(L, record_kind_name(record_fields[f].kind));
        lua_setfield(L, -2, "type");
        lua_pushstring(L, shares[record_fields[f].share]);
        lua_setfield(L, -2, "share");
        lua_rawseti(L, -2, f + 1);
    }
    lua_newtable(L);
    for (int k = RECORD_N_FIELDS; k < KEY_index; k++) {
        lua_pushstring(L, key_name(k));
        lua_rawseti(L, -2, k - RECORD_N_FIELDS + 1);
    }
    lua_createtable(L, (int)record_csv_n_columns, 0);
    for (size_t c = 0; c < record_csv_n_columns; c++) {
        lua_pushstring(L, record_csv_columns[c]);
        lua_rawseti(L, -2, (lua_Integer)c + 1);
    }
    return 3;
}

/* ------------------------------------------------------- small things */

static int dir_list_close(lua_State *L)
{
    struct pageload_dir *d = lua_touserdata(L, 1);
    if (d)
        pageload_dir_free(d);
    return 0;
}

/* list_dir(path) -> names, kinds | nil, message
 * The entries of a folder ("." and ".." left out), sorted as Lua's < sorts
 * strings (table.sort would give the same order), with the kind readdir
 * knows without a stat per entry: "file", "directory", "link", "other" or
 * "unknown" (then the caller asks lfs.attributes). */
static int page_l_list_dir(lua_State *L)
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

/* versions() -> list of the libraries this module is built on. gumbo has no
 * version call; the API used is that of gumbo 0.10. */
static int page_l_versions(lua_State *L)
{
    lua_createtable(L, 1, 0);
    lua_pushliteral(L, "gumbo 0.10 (HTML5 parser)");
    lua_rawseti(L, -2, 1);
    return 1;
}

static const luaL_Reg page_funcs[] = {
    {"fields", page_l_fields},
    {"list_dir", page_l_list_dir},
    {"load", page_l_load},
    {"parse", page_l_parse},
    {"versions", page_l_versions},
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

int luaopen_petlua_page(lua_State *L)
{
    new_closing_type(L, "petlua.LoadJob", held_load_close);
    new_closing_type(L, "petlua.HeldRecord", held_record_close);
    new_closing_type(L, "petlua.DirList", dir_list_close);
    luaL_newmetatable(L, LAZY_ROWS_TYPE);
    lua_pop(L, 1);
    luaL_newlibtable(L, page_funcs);
    luaL_checkstack(L, N_KEYS + 2, "too many keys");
    for (int k = 0; k < N_KEYS; k++)
        lua_pushstring(L, key_name(k));
    lua_createtable(L, ROW_CACHE_SLOTS, 0);             /* push_row_text's cache */
    struct row_pool *pool = lua_newuserdatauv(L, sizeof *pool, 1);   /* push_constituencies' pool */
    pool->n_strings = 0;                               /* its table of strings is made at first use */
    luaL_setfuncs(L, page_funcs, N_KEYS + 2); /* the keys, the cache and the pool become upvalues */
    return 1;
}
