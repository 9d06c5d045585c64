/* l_date.c — placeholder for the "petlua.date" module; replaced by its binding. */
#include "lauxlib.h"
#include "bindings.h"

int luaopen_petlua_date(lua_State *L)
{
    lua_newtable(L);
    return 1;
}
