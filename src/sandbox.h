/* sandbox.h — restricted rights for a script from someone else (--sandbox). */
#ifndef PETLUA_SANDBOX_H
#define PETLUA_SANDBOX_H

#include "lua.h"
#include "host.h"

/* Applies the sandbox of opt (if opt->sandbox) to a state whose libraries are
 * open. Runs inside a protected call; raises on failure. */
void sandbox_apply(lua_State *L, const struct host_options *opt);

#endif
