/* l_set.c — the "petlua.set.core" module: the C parts of petlua.set (and
 * of petlua.stats, which reads lists the same way).
 *
 *   sort_by_keys(list, keys | field, [desc]) -> true: list sorted as Set.less orders keys
 *   list_length(t)                 -> the largest positive integer key (holes and all)
 *
 * The key order is written here once: lib/lua/petlua/set.lua's Set.less is
 * tested against it (tests/lua/test_set.lua). */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>

#include "lauxlib.h"
#include "lua.h"

#include "bindings.h"
#include "text.h"

/* The key order of petlua.set (Set.less): numbers by value, then strings in
 * collation order, then false before true; a key of another type is
 * compared by tostring, which is left to the Lua side.
 *
 * Collation: strings compare by their folded form first (text_fold: case
 * folded, accents and marks removed, so "Pêches" sorts among the P's and
 * "Sécurité publique" before "Services de santé"), and by their bytes only
 * where the folded forms are equal ("Quebec" before "Québec"). */
enum key_class { KEY_NUMBER_CLASS = 1, KEY_STRING_CLASS, KEY_BOOLEAN_CLASS, KEY_OTHER_CLASS };

struct keyed {
    int cls;                  /* enum key_class; 0: missing (nil or NaN) */
    bool is_int;
    lua_Integer i;
    lua_Number f;             /* a float key; for a boolean, 0 or 1 */
    const char *s;            /* a string key, kept alive by the anchor table */
    size_t len;
    const char *fold;         /* its folded form (collation) */
    size_t fold_len, fold_at; /* fold_at: its offset in the folds buffer, until it is final */
    lua_Integer index;        /* 1-based place in the list: ties keep it */
    bool desc;                /* the order asked for (the same in every entry) */
};

static int compare_bytes(const char *a, size_t la, const char *b, size_t lb)
{
    int c = memcmp(a, b, la < lb ? la : lb);
    return c != 0 ? c : (la > lb) - (la < lb);
}

/* Collation order of two strings and their folded forms. */
static int collate(const char *a, size_t la, const char *fa, size_t lfa,
                   const char *b, size_t lb, const char *fb, size_t lfb)
{
    int c = compare_bytes(fa, lfa, fb, lfb);
    return c != 0 ? c : compare_bytes(a, la, b, lb);
}

/* A string needs folding unless it is ASCII with no capital. */
static bool needs_fold(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || (c >= 'A' && c <= 'Z'))
            return true;
    }
    return false;
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
            c = collate(a->s, a->len, a->fold, a->fold_len, b->s, b->len, b->fold, b->fold_len);
        else
            c = (a->f > b->f) - (a->f < b->f);
        c = a->desc ? -c : c;
    }
    if (c != 0)
        return c;
    return (a->index > b->index) - (a->index < b->index);
}

/* The folded forms of a sort's string keys, in one buffer held by a
 * userdata (freed however the sort ends). */
struct folds {
    struct text_buf buf;
};

static int folds_gc(lua_State *L)
{
    struct folds *f = lua_touserdata(L, 1);
    text_buf_free(&f->buf);
    return 0;
}

/* A new, empty struct folds on the stack, freed by its __gc. */
static struct folds *push_folds(lua_State *L)
{
    struct folds *folds = lua_newuserdatauv(L, sizeof *folds, 0);
    memset(folds, 0, sizeof *folds);
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, folds_gc);
    lua_setfield(L, -2, "__gc");
    lua_setmetatable(L, -2);
    return folds;
}

/* Folds s into the buffer (k->fold_at); a string that needs no folding is
 * its own folded form. Raises when memory runs out. */
static void fold_key(lua_State *L, struct folds *folds, struct keyed *k)
{
    k->fold = NULL;
    if (!needs_fold(k->s, k->len)) {
        k->fold = k->s;
        k->fold_len = k->len;
        return;
    }
    k->fold_at = folds->buf.len;
    if (text_fold(k->s, k->len, &folds->buf) != 0)
        luaL_error(L, "not enough memory");
    k->fold_len = folds->buf.len - k->fold_at;
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
static int set_l_sort_by_keys(lua_State *L)
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
    struct folds *folds = push_folds(L);
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
        if (keys[i - 1].cls == KEY_STRING_CLASS)
            fold_key(L, folds, &keys[i - 1]);
    }
    for (lua_Integer i = 0; i < n; i++)                 /* the buffer is final: pointers */
        if (keys[i].cls == KEY_STRING_CLASS && keys[i].fold == NULL)
            keys[i].fold = folds->buf.data + keys[i].fold_at;
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

/* list_length(t) -> the largest positive integer key of t, 0 for none: the
 * length of a list with holes (petlua.stats), where a scan in Lua took
 * ~3 ms on 40,000 values. */
static int set_l_list_length(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    petlua_rows_whole(L, 1);     /* a record's constituency rows, read raw below */
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

/* collate(a, b) -> -1, 0 or 1: the collation order of two strings (the top
 * of this file), for Set.less. */
static int set_l_collate(lua_State *L)
{
    size_t la, lb;
    const char *a = luaL_checklstring(L, 1, &la), *b = luaL_checklstring(L, 2, &lb);
    struct folds *folds = push_folds(L);
    struct keyed ka = {.s = a, .len = la}, kb = {.s = b, .len = lb};
    fold_key(L, folds, &ka);
    fold_key(L, folds, &kb);
    if (!ka.fold)
        ka.fold = folds->buf.data + ka.fold_at;
    if (!kb.fold)
        kb.fold = folds->buf.data + kb.fold_at;
    int c = collate(a, la, ka.fold, ka.fold_len, b, lb, kb.fold, kb.fold_len);
    text_buf_free(&folds->buf);
    lua_pushinteger(L, (c > 0) - (c < 0));
    return 1;
}

static const luaL_Reg set_funcs[] = {
    {"collate", set_l_collate},
    {"list_length", set_l_list_length},
    {"sort_by_keys", set_l_sort_by_keys},
    {NULL, NULL},
};

int luaopen_petlua_set_core(lua_State *L)
{
    luaL_newlib(L, set_funcs);
    return 1;
}
