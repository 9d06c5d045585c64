/* repl.h — the interactive read-eval-print loop (libedit). */
#ifndef PETLUA_REPL_H
#define PETLUA_REPL_H

#include "lua.h"

/* Run the REPL on the terminal until end of input. Returns an exit status. */
int repl_run(lua_State *L);

#endif
