/* l_core.c — placeholder for the "petlua.core" module; replaced by its binding. */
#include "lauxlib.h"
#include "bindings.h"

int luaopen_petlua_core(lua_State *L)
{
    lua_newtable(L);
    return 1;
}
