/* repl.c — the interactive loop. A first version: reads lines, runs them. */
#include "repl.h"

#include <stdio.h>
#include <string.h>

#include "lauxlib.h"
#include "host.h"

int repl_run(lua_State *L)
{
    char line[4096];
    while (fputs("> ", stdout), fflush(stdout), fgets(line, sizeof line, stdin)) {
        if (luaL_loadbuffer(L, line, strlen(line), "=stdin") != LUA_OK) {
            host_report(L, LUA_ERRSYNTAX);
            continue;
        }
        host_report(L, host_pcall(L, 0, 0));
    }
    return EXIT_OK;
}
