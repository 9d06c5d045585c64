/* sandbox.c — placeholder: refuses --sandbox until the sandbox is written. */
#include "sandbox.h"

#include "lauxlib.h"

void sandbox_apply(lua_State *L, const struct host_options *opt)
{
    if (opt->sandbox)
        luaL_error(L, "--sandbox is not available in this build");
}
