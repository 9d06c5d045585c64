/* l_tidy.c — the "petlua.tidy" module: records (Lua tables in the record
 * schema) written as tables, one value a cell: one SQLite database
 * (record_sqlite.h) or one CSV file per table (tidy.h). Only conversion
 * lives here; the layout and the writing are the cores'.
 *
 *   tidy.sqlite(path, records, [meta]) -> true   meta: a list of {name, value}
 *   tidy.csv(dir, records)             -> true   DIR/petitions.csv, DIR/responses.csv ...
 *   tidy.tables()                      -> {{name=, columns={{name=, type=, key=, required=}...}}...}
 *   tidy.versions()                    -> {"SQLite 3.40.1 (FTS5)"}
 *
 * Every file is checked against --sandbox's --allow-write folders first,
 * and held as an open output (outputs.h) while it is written, so an error
 * (a bad value, --max-seconds, Ctrl-C) or the end of the program leaves no
 * temporary file and the target as it was. A record is read with raw
 * access (no metamethod runs): a field of the wrong type raises "bad record
 * N (ID): field 'F' is a T, not a string", a row without a member every row
 * has "bad record N (ID): field 'F': row I has no name"; a failure to write raises
 * "cannot write 'PATH' (reason)". Fields outside the schema are not
 * written. */
#include <stdlib.h>
#include <string.h>

#include "lauxlib.h"
#include "lua.h"

#include "bindings.h"
#include "outputs.h"
#include "record_sqlite.h"
#include "sandbox.h"
#include "tidy.h"

#define BOX_MT "petlua.TidyWriter"
#define MESSAGE_SIZE 1024
#define DEADLINE_EVERY 256            /* records between two --max-seconds checks */

/* ------------------------------------------------------- the open output */

struct tidy_box {
    struct record_sqlite_writer *db;
    struct tidy_csv *csv;
    struct tidy_layout *layout;       /* the CSV files' */
    struct record *rec;               /* the record being converted */
};

/* __gc and __close: whatever is not committed is discarded. Twice is fine. */
static int box_close(lua_State *L)
{
    struct tidy_box *box = lua_touserdata(L, 1);
    if (box) {
        record_sqlite_free(box->db);
        tidy_csv_free(box->csv);
        tidy_layout_free(box->layout);
        record_free(box->rec);
        memset(box, 0, sizeof *box);
        outputs_set(L, 1, 0);
    }
    return 0;
}

/* A new box at the top of the stack, closed when the calling function
 * returns or raises. */
static struct tidy_box *new_box(lua_State *L)
{
    struct tidy_box *box = lua_newuserdatauv(L, sizeof *box, 0);
    memset(box, 0, sizeof *box);
    luaL_setmetatable(L, BOX_MT);
    lua_toclose(L, -1);
    return box;
}

static const char *check_path(lua_State *L, int arg)
{
    size_t len;
    const char *path = luaL_checklstring(L, arg, &len);
    luaL_argcheck(L, strlen(path) == len, arg, "the path holds a NUL byte");
    return path;
}

/* ------------------------------------------------------- tables to records */

/* Where the keys are on the stack: field f's name at keys + f; the keys
 * of the members of a row of field f (tidy_rows_of) from member_keys[f]
 * on. */
struct convert {
    lua_State *L;
    int keys;
    int member_keys[RECORD_N_FIELDS];
    int n_keys;
    lua_Integer index;                /* the record's place in the list */
    const char *id;
};

static void push_keys(struct convert *cv)
{
    lua_State *L = cv->L;
    cv->keys = lua_gettop(L) + 1;
    cv->n_keys = 0;
    for (int f = 0; f < RECORD_N_FIELDS; f++) {
        luaL_checkstack(L, 1, "too many fields");
        lua_pushstring(L, record_fields[f].name);
        cv->n_keys++;
    }
    for (int f = 0; f < RECORD_N_FIELDS; f++) {
        const struct tidy_rows *rows = tidy_rows_of(record_fields[f].kind);
        cv->member_keys[f] = cv->keys + cv->n_keys;
        for (size_t m = 0; rows && m < rows->n_members; m++) {
            luaL_checkstack(L, 1, "too many fields");
            lua_pushstring(L, rows->members[m].name);
            cv->n_keys++;
        }
    }
}

static int bad_value(struct convert *cv, const char *field, int idx, const char *expected)
{
    lua_State *L = cv->L;
    return luaL_error(L, "bad record %d (%s): field '%s' is a %s, not %s", (int)cv->index,
                      cv->id ? cv->id : "no id", field, luaL_typename(L, idx), expected);
}

/* The string at idx (kept alive by the record table it came from). */
static const char *string_at(struct convert *cv, int idx, const char *field)
{
    size_t len;
    if (lua_type(cv->L, idx) != LUA_TSTRING)
        bad_value(cv, field, idx, "a string");
    const char *s = lua_tolstring(cv->L, idx, &len);
    if (strlen(s) != len)
        luaL_error(cv->L, "bad record %d (%s): field '%s' holds a NUL byte", (int)cv->index,
                   cv->id ? cv->id : "no id", field);
    return s;
}

static void *array_of(struct convert *cv, struct record *rec, size_t n, size_t size)
{
    void *p = arena_calloc(record_arena(rec), n ? n : 1, size);
    if (!p)
        luaL_error(cv->L, "not enough memory");
    return p;
}

static void read_list(struct convert *cv, struct record *rec, int t, int f)
{
    lua_State *L = cv->L;
    const char *name = record_fields[f].name;
    if (lua_type(L, t) != LUA_TTABLE)
        bad_value(cv, name, t, "a list of strings");
    size_t n = lua_rawlen(L, t);
    const char **items = array_of(cv, rec, n, sizeof *items);
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, t, (lua_Integer)i + 1);
        items[i] = string_at(cv, -1, name);
        lua_pop(L, 1);
    }
    record_set_items(rec, f, items, n);
}

/* Member m of a row from the value at idx (not nil). */
static void read_member(struct convert *cv, const struct tidy_rows *rows, void *at, size_t m,
                        int idx, const char *field)
{
    lua_State *L = cv->L;
    int ok = 0;
    switch (rows->members[m].type) {
    case TIDY_TEXT:
        *(const char **)at = string_at(cv, idx, field);
        break;
    case TIDY_INTEGER: {
        lua_Integer v = lua_type(L, idx) == LUA_TNUMBER ? lua_tointegerx(L, idx, &ok) : 0;
        if (!ok || v == RECORD_NO_INT)
            bad_value(cv, field, idx, "an integer");
        *(long *)at = (long)v;
        break;
    }
    case TIDY_BOOLEAN:
        if (lua_type(L, idx) != LUA_TBOOLEAN)
            bad_value(cv, field, idx, "a boolean");
        *(int *)at = lua_toboolean(L, idx);
        break;
    }
}

/* A list of rows (responses, constituencies), each a table whose keys are
 * the members' names; a required member missing raises. */
static void read_rows(struct convert *cv, struct record *rec, int t, int f)
{
    lua_State *L = cv->L;
    const char *name = record_fields[f].name;
    const struct tidy_rows *rows = tidy_rows_of(record_fields[f].kind);
    if (lua_type(L, t) != LUA_TTABLE)
        bad_value(cv, name, t, rows->what);
    petlua_rows_whole(L, t);     /* constituency rows wait in a metatable until first use */
    size_t n = lua_rawlen(L, t);
    void *items = array_of(cv, rec, n, rows->size);
    for (size_t i = 0; i < n; i++) {
        if (lua_rawgeti(L, t, (lua_Integer)i + 1) != LUA_TTABLE)
            bad_value(cv, name, -1, rows->what);
        for (size_t m = 0; m < rows->n_members; m++) {
            lua_pushvalue(L, cv->member_keys[f] + (int)m);
            if (lua_rawget(L, -2) != LUA_TNIL)
                read_member(cv, rows, tidy_member_at(rows, items, i, m), m, lua_gettop(L), name);
            else if (rows->members[m].required)
                luaL_error(L, "bad record %d (%s): field '%s': row %d has no %s", (int)cv->index,
                           cv->id ? cv->id : "no id", name, (int)i + 1, rows->members[m].name);
            else
                tidy_member_clear(rows, items, i, m);
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    record_set_items(rec, f, items, n);
}

static int compare_counts(const void *a, const void *b)
{
    return strcmp(((const struct record_count *)a)->name, ((const struct record_count *)b)->name);
}

/* A table name -> integer, in name order (the files are the same run after run). */
static void read_counts(struct convert *cv, struct record *rec, int t, int f)
{
    lua_State *L = cv->L;
    const char *name = record_fields[f].name;
    if (lua_type(L, t) != LUA_TTABLE)
        bad_value(cv, name, t, "a table of counts");
    size_t n = 0;
    for (lua_pushnil(L); lua_next(L, t) != 0; lua_pop(L, 1))
        n++;
    struct record_count *counts = array_of(cv, rec, n, sizeof *counts);
    size_t k = 0;
    for (lua_pushnil(L); lua_next(L, t) != 0; lua_pop(L, 1)) {
        int ok = 0;
        lua_Integer v = lua_type(L, -1) == LUA_TNUMBER ? lua_tointegerx(L, -1, &ok) : 0;
        if (!ok || v == RECORD_NO_INT)
            bad_value(cv, name, -1, "an integer count");
        counts[k].name = string_at(cv, -2, name);
        counts[k++].count = (long)v;
    }
    qsort(counts, k, sizeof *counts, compare_counts);
    record_set_items(rec, f, counts, k);
}

/* Field f of rec from the value at the top of the stack (not nil). */
static void read_value(struct convert *cv, struct record *rec, int f)
{
    lua_State *L = cv->L;
    const struct record_field *d = &record_fields[f];
    char *at = (char *)rec + d->offset;
    int top = lua_gettop(L), ok = 0;
    switch (d->kind) {
    case RECORD_INTEGER: {
        lua_Integer v = lua_type(L, top) == LUA_TNUMBER ? lua_tointegerx(L, top, &ok) : 0;
        if (!ok || v == RECORD_NO_INT)
            bad_value(cv, d->name, top, "an integer");
        *(long *)at = (long)v;
        break;
    }
    case RECORD_BOOLEAN:
        if (lua_type(L, top) != LUA_TBOOLEAN)
            bad_value(cv, d->name, top, "a boolean");
        *(int *)at = lua_toboolean(L, top);
        break;
    case RECORD_STRING:
    case RECORD_DATE:
    case RECORD_DATETIME:
        *(const char **)at = string_at(cv, top, d->name);
        break;
    case RECORD_LIST:
        read_list(cv, rec, top, f);
        break;
    case RECORD_COUNTS:
        read_counts(cv, rec, top, f);
        break;
    case RECORD_RESPONSES:
    case RECORD_CONSTITUENCIES:
        read_rows(cv, rec, top, f);
        break;
    }
}

/* The record table at t as rec (empty, every field missing): its strings
 * are the table's own, not copies. */
static void record_of(struct convert *cv, int t, struct record *rec)
{
    lua_State *L = cv->L;
    cv->id = NULL;
    lua_pushvalue(L, cv->keys + RECORD_FIELD_id);
    if (lua_rawget(L, t) == LUA_TSTRING)
        cv->id = lua_tostring(L, -1);
    lua_pop(L, 1);
    for (int f = 0; f < RECORD_N_FIELDS; f++) {
        lua_pushvalue(L, cv->keys + f);
        if (lua_rawget(L, t) != LUA_TNIL)
            read_value(cv, rec, f);
        lua_pop(L, 1);
    }
}

/* Calls add(box, rec) for each record of the list at index list; raises
 * what add reports. */
static void each_record(lua_State *L, struct tidy_box *box, int list,
                        int (*add)(struct tidy_box *, const struct record *),
                        const char *(*error)(const struct tidy_box *))
{
    struct convert cv = {.L = L};
    push_keys(&cv);
    lua_Integer n = (lua_Integer)lua_rawlen(L, list);
    for (lua_Integer i = 1; i <= n; i++) {
        cv.index = i;
        if (lua_rawgeti(L, list, i) != LUA_TTABLE)
            luaL_error(L, "bad record %d: a %s, not a table", (int)i, luaL_typename(L, -1));
        box->rec = record_new(1024);
        if (!box->rec)
            luaL_error(L, "not enough memory");
        record_of(&cv, lua_gettop(L), box->rec);
        if (add(box, box->rec) != 0) {
            sandbox_check_deadline(L);   /* stopped by it: its error, not "interrupted" */
            luaL_error(L, "%s", error(box));
        }
        record_free(box->rec);
        box->rec = NULL;
        lua_pop(L, 1);
        if (i % DEADLINE_EVERY == 0)
            sandbox_check_deadline(L);   /* may raise: the box discards */
    }
    lua_pop(L, cv.n_keys);
}

/* ------------------------------------------------------- the database */

static int add_to_db(struct tidy_box *box, const struct record *rec)
{
    return record_sqlite_add(box->db, rec);
}

static const char *db_error(const struct tidy_box *box)
{
    return record_sqlite_error(box->db);
}

/* Asked by SQLite now and then: a --max-seconds deadline past stops the
 * write (the long steps of the commit never come back to Lua, and the
 * sandbox's last resort would end the process with the temporary file
 * still there). */
static int past_deadline(void *ud)
{
    return sandbox_past_deadline(ud);
}

/* The {name, value} pairs of the list at index meta. */
static void write_meta(lua_State *L, struct tidy_box *box, int meta)
{
    lua_Integer n = lua_isnil(L, meta) ? 0 : (lua_Integer)lua_rawlen(L, meta);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, meta, i);
        lua_rawgeti(L, -1, 1);
        lua_rawgeti(L, -2, 2);
        if (lua_type(L, -2) != LUA_TSTRING || (!lua_isnil(L, -1) && lua_type(L, -1) != LUA_TSTRING))
            luaL_error(L, "bad argument #3 to 'sqlite' (item %d: {name, value} strings expected)",
                       (int)i);
        if (record_sqlite_meta(box->db, lua_tostring(L, -2), lua_tostring(L, -1)) != 0)
            luaL_error(L, "%s", record_sqlite_error(box->db));
        lua_pop(L, 3);
    }
}

/* sqlite(path, records, [meta]) -> true: the records as one database,
 * whole or not at all (record_sqlite.h). */
static int tidy_l_sqlite(lua_State *L)
{
    const char *path = check_path(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    if (!lua_isnoneornil(L, 3))
        luaL_checktype(L, 3, LUA_TTABLE);
    lua_settop(L, 3);
    sandbox_check_write(L, path);
    struct tidy_box *box = new_box(L);                  /* 4 */
    char err[MESSAGE_SIZE];
    box->db = record_sqlite_create(path, err, sizeof err);
    if (!box->db)
        return luaL_error(L, "%s", err);
    outputs_set(L, 4, 1);
    record_sqlite_set_stop(box->db, past_deadline, L);
    write_meta(L, box, 3);
    each_record(L, box, 2, add_to_db, db_error);
    if (record_sqlite_commit(box->db) != 0) {
        sandbox_check_deadline(L);
        return luaL_error(L, "%s", record_sqlite_error(box->db));
    }
    lua_pushboolean(L, 1);
    return 1;                                           /* the box is closed on return */
}

/* ------------------------------------------------------- the CSV files */

static int add_to_csv(struct tidy_box *box, const struct record *rec)
{
    return tidy_csv_add(box->csv, rec);
}

static const char *csv_error(const struct tidy_box *box)
{
    return tidy_csv_error(box->csv);
}

/* csv(dir, records) -> true: DIR/TABLE.csv for each table, each whole or
 * not at all; the folder is made when it is not there. */
static int tidy_l_csv(lua_State *L)
{
    const char *dir = check_path(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    struct tidy_box *box = new_box(L);                  /* 3 */
    box->layout = tidy_layout_new();
    if (!box->layout)
        return luaL_error(L, "not enough memory");
    sandbox_check_write(L, dir);
    size_t len = strlen(dir);
    for (size_t i = 0; i < box->layout->n_tables; i++) {
        lua_pushfstring(L, "%s%s%s.csv", dir, len && dir[len - 1] == '/' ? "" : "/",
                        box->layout->tables[i].name);
        sandbox_check_write(L, lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    char err[MESSAGE_SIZE];
    box->csv = tidy_csv_open(box->layout, dir, err, sizeof err);
    if (!box->csv)
        return luaL_error(L, "%s", err);
    outputs_set(L, 3, 1);
    each_record(L, box, 2, add_to_csv, csv_error);
    if (tidy_csv_commit(box->csv) != 0)
        return luaL_error(L, "%s", tidy_csv_error(box->csv));
    lua_pushboolean(L, 1);
    return 1;
}

/* ------------------------------------------------------- the layout */

/* tables() -> the tables, in order: {name=, columns={{name=, type=
 * ("text", "integer", "boolean"), key=, required=}, ...}}. */
static int tidy_l_tables(lua_State *L)
{
    static const char *const types[] = {"text", "integer", "boolean"};
    struct tidy_box *box = new_box(L);
    box->layout = tidy_layout_new();
    if (!box->layout)
        return luaL_error(L, "not enough memory");
    const struct tidy_layout *layout = box->layout;
    lua_createtable(L, (int)layout->n_tables, 0);
    for (size_t i = 0; i < layout->n_tables; i++) {
        const struct tidy_table *t = &layout->tables[i];
        lua_createtable(L, 0, 2);
        lua_pushstring(L, t->name);
        lua_setfield(L, -2, "name");
        lua_createtable(L, (int)t->n_columns, 0);
        for (size_t c = 0; c < t->n_columns; c++) {
            lua_createtable(L, 0, 4);
            lua_pushstring(L, t->columns[c].name);
            lua_setfield(L, -2, "name");
            lua_pushstring(L, types[t->columns[c].type]);
            lua_setfield(L, -2, "type");
            lua_pushboolean(L, t->columns[c].key);
            lua_setfield(L, -2, "key");
            lua_pushboolean(L, t->columns[c].required);
            lua_setfield(L, -2, "required");
            lua_rawseti(L, -2, (lua_Integer)c + 1);
        }
        lua_setfield(L, -2, "columns");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static int tidy_l_versions(lua_State *L)
{
    lua_createtable(L, 1, 0);
    lua_pushstring(L, record_sqlite_version());
    lua_rawseti(L, -2, 1);
    return 1;
}

static const luaL_Reg tidy_funcs[] = {
    {"csv", tidy_l_csv},
    {"sqlite", tidy_l_sqlite},
    {"tables", tidy_l_tables},
    {"versions", tidy_l_versions},
    {NULL, NULL},
};

int luaopen_petlua_tidy(lua_State *L)
{
    luaL_newmetatable(L, BOX_MT);
    lua_pushcfunction(L, box_close);
    lua_setfield(L, -2, "__close");
    lua_pushcfunction(L, box_close);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    luaL_newlib(L, tidy_funcs);
    return 1;
}
