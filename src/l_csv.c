/* l_csv.c — placeholder for the "petlua.csv" module; replaced by its binding. */
#include "lauxlib.h"
#include "bindings.h"

int luaopen_petlua_csv(lua_State *L)
{
    lua_newtable(L);
    return 1;
}
