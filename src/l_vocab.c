/* l_vocab.c — the "petlua.vocab" module: the canonical vocabularies (vocab.h)
 * for the Lua side, and for the page binding, which applies them as it loads.
 *
 *   vocab.new(sources)           -> v | nil, message
 *       sources: a list of {file = "departments" | "topics" | "labels",
 *                path = "vocab/departments.csv", lang = "fr" (labels)},
 *       added in order (a later source's row wins)
 *   v:department(title)          -> canonical name | nil
 *   v:topic(category)            -> canonical name | nil
 *   v:label(kind, value, lang)   -> display label | nil
 *   v:key(s)                     -> the key s is looked up by
 *
 * A bad row or an unreadable file is an expected failure: nil and
 * "FILE:LINE: message". */
#include <string.h>

#include "lauxlib.h"
#include "lua.h"

#include "bindings.h"
#include "vocab.h"

#define VOCAB_MT "petlua.Vocab"

struct vocab_box {
    struct vocab *v;
};

struct vocab *petlua_check_vocab(lua_State *L, int idx)
{
    struct vocab_box *box = luaL_checkudata(L, idx, VOCAB_MT);
    if (box->v == NULL)
        luaL_argerror(L, idx, "a freed vocabulary");
    return box->v;
}

static int box_gc(lua_State *L)
{
    struct vocab_box *box = luaL_checkudata(L, 1, VOCAB_MT);
    vocab_free(box->v);
    box->v = NULL;
    return 0;
}

static enum vocab_file check_file(lua_State *L, int idx, const char *name)
{
    static const char *const names[] = {"departments", "topics", "labels", NULL};
    static const enum vocab_file files[] = {VOCAB_DEPARTMENTS, VOCAB_TOPICS, VOCAB_LABELS};
    for (int i = 0; names[i]; i++)
        if (strcmp(name, names[i]) == 0)
            return files[i];
    luaL_argerror(L, idx, lua_pushfstring(L, "unknown vocabulary file '%s' (departments, topics "
                                             "or labels expected)", name));
    return VOCAB_DEPARTMENTS;
}

static int vocab_l_new(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    struct vocab_box *box = lua_newuserdatauv(L, sizeof *box, 0);
    box->v = NULL;
    luaL_setmetatable(L, VOCAB_MT);
    box->v = vocab_new();
    if (box->v == NULL)
        return luaL_error(L, "not enough memory");
    size_t n = lua_rawlen(L, 1);
    for (size_t i = 1; i <= n; i++) {
        if (lua_rawgeti(L, 1, (lua_Integer)i) != LUA_TTABLE)
            return luaL_argerror(L, 1, "a list of {file=, path=, lang=} expected");
        lua_getfield(L, -1, "file");
        lua_getfield(L, -2, "path");
        lua_getfield(L, -3, "lang");                 /* the strings stay alive on the stack */
        const char *file = lua_tostring(L, -3), *path = lua_tostring(L, -2);
        const char *lang = lua_tostring(L, -1);
        if (!file || !path)
            return luaL_argerror(L, 1, "each source needs file and path");
        char err[512];
        if (vocab_add_file(box->v, check_file(L, 1, file), lang, path, err, sizeof err) != 0) {
            lua_pushnil(L);
            lua_pushstring(L, err);
            return 2;
        }
        lua_pop(L, 4);
    }
    return 1;
}

static int push_or_nil(lua_State *L, const char *s)
{
    if (s)
        lua_pushstring(L, s);
    else
        lua_pushnil(L);
    return 1;
}

static int box_department(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 2, &len);
    return push_or_nil(L, vocab_department(petlua_check_vocab(L, 1), s, len));
}

static int box_topic(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 2, &len);
    return push_or_nil(L, vocab_topic(petlua_check_vocab(L, 1), s, len));
}

static int box_label(lua_State *L)
{
    const struct vocab *v = petlua_check_vocab(L, 1);
    const char *kind = luaL_checkstring(L, 2), *value = luaL_checkstring(L, 3);
    const char *lang = luaL_checkstring(L, 4);
    return push_or_nil(L, vocab_label(v, kind, value, lang));
}

static int box_key(lua_State *L)
{
    size_t len, key_len;
    const char *s = luaL_checklstring(L, 2, &len);
    char buf[VOCAB_KEY_MAX + 1];
    if (!vocab_key(s, len, buf, sizeof buf, &key_len))
        return 0;
    lua_pushlstring(L, buf, key_len);
    return 1;
}

static int box_tostring(lua_State *L)
{
    struct vocab_box *box = luaL_checkudata(L, 1, VOCAB_MT);
    if (box->v == NULL)
        lua_pushliteral(L, VOCAB_MT " (freed)");
    else
        lua_pushfstring(L, VOCAB_MT " (%d titles, %d topics)",
                        (int)vocab_size(box->v, VOCAB_DEPARTMENTS), (int)vocab_size(box->v, VOCAB_TOPICS));
    return 1;
}

static const luaL_Reg box_methods[] = {
    {"department", box_department},
    {"key", box_key},
    {"label", box_label},
    {"topic", box_topic},
    {NULL, NULL},
};

int luaopen_petlua_vocab(lua_State *L)
{
    luaL_newmetatable(L, VOCAB_MT);
    lua_pushcfunction(L, box_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, box_tostring);
    lua_setfield(L, -2, "__tostring");
    luaL_newlib(L, box_methods);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, vocab_l_new);
    lua_setfield(L, -2, "new");
    return 1;
}
