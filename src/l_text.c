/* l_text.c — placeholder for the "petlua.text" module; replaced by its binding. */
#include "lauxlib.h"
#include "bindings.h"

int luaopen_petlua_text(lua_State *L)
{
    lua_newtable(L);
    return 1;
}
