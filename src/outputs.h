/* outputs.h — the outputs a binding holds open (a CSV writer, a file being
 * written), made known to the host: at exit it leaves the Lua state to the
 * system without running finalizers (host.h, host_finish), so it discards
 * each output still open itself, by calling its __gc (which must discard a
 * temporary file and flush direct output, and be safe to call twice).
 * Header-only, so a binding needs no link to the host.
 *
 *   registry["petlua.open_outputs"] = {[userdata] = true}, weak keys */
#ifndef PETLUA_OUTPUTS_H
#define PETLUA_OUTPUTS_H

#include "lauxlib.h"
#include "lua.h"

#define OUTPUTS_KEY "petlua.open_outputs"

/* The table, made on first use. */
static inline void outputs_push(lua_State *L)
{
    if (lua_getfield(L, LUA_REGISTRYINDEX, OUTPUTS_KEY) == LUA_TTABLE)
        return;
    lua_pop(L, 1);
    lua_newtable(L);
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, OUTPUTS_KEY);
}

/* The userdata at idx is open / no longer open. */
static inline void outputs_set(lua_State *L, int idx, int open)
{
    idx = lua_absindex(L, idx);
    outputs_push(L);
    lua_pushvalue(L, idx);
    if (open)
        lua_pushboolean(L, 1);
    else
        lua_pushnil(L);
    lua_rawset(L, -3);
    lua_pop(L, 1);
}

#endif
