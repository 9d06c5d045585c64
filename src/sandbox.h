/* sandbox.h — restricted rights for a script from someone else (--sandbox).
 *
 * Two small contracts for code outside the host, so that a binding needs no
 * link to the host (only this header):
 *
 *   Writing.  A writer that opens a file with fopen() (petlua.csv) calls
 *             sandbox_check_write(L, path) first; Lua code that writes calls
 *             require("petlua.sandbox").check_write(path). Both raise when the
 *             path lies outside the --allow-write folders, and do nothing
 *             outside --sandbox. "-" (stdout) is always allowed. (io.open and
 *             io.output are checked by the sandbox itself.) A binding that
 *             opens files for writing must call it: nothing else stops it.
 *
 *   Deadline. A long C loop (one file of petlua.load, one row of a CSV) calls
 *             sandbox_check_deadline(L) now and then; past --max-seconds it
 *             raises the stop error. Without --max-seconds it costs one
 *             registry lookup.
 */
#ifndef PETLUA_SANDBOX_H
#define PETLUA_SANDBOX_H

#include <stdbool.h>
#include <time.h>

#include "lua.h"

struct host_options;

/* Registry keys. SANDBOX_DEADLINE: a number, the CLOCK_MONOTONIC second at
 * which the script is stopped (absent: no limit). SANDBOX_STOP: the error
 * value to raise then ({exit = 1, message = "petlua: script stopped ..."}).
 * SANDBOX_CHECK_WRITE: the C function behind check_write (absent: no sandbox). */
#define SANDBOX_DEADLINE    "petlua.deadline"
#define SANDBOX_STOP        "petlua.stop"
#define SANDBOX_CHECK_WRITE "petlua.check_write"

/* Applies the sandbox of opt (if opt->sandbox) to a state whose libraries are
 * open; always registers the module "petlua.sandbox". Runs inside a protected
 * call; raises on failure (an --allow-write folder that does not exist). */
void sandbox_apply(lua_State *L, const struct host_options *opt);

/* The run is over: the --max-seconds timers are disarmed, so that a stop
 * already reported is not reported again by the backstop while the process
 * exits. */
void sandbox_finish(lua_State *L);

/* After someone else replaced the hook (the REPL's Ctrl-C handling, as in
 * lua.c, sets its own): sets the deadline's hook again if the --max-seconds
 * deadline has passed. Does nothing otherwise (before the deadline no hook
 * is set: a timer's signal sets it). */
void sandbox_restore_hook(lua_State *L);

/* Raises unless path may be opened for writing (see above). Header-only, so
 * a binding can call it without linking the host. */
static inline void sandbox_check_write(lua_State *L, const char *path)
{
    if (lua_getfield(L, LUA_REGISTRYINDEX, SANDBOX_CHECK_WRITE) != LUA_TFUNCTION) {
        lua_pop(L, 1);                       /* no sandbox */
        return;
    }
    lua_pushstring(L, path);
    lua_call(L, 1, 0);                       /* raises when not allowed */
}

/* Seconds on the clock the deadline is set on. */
static inline double sandbox_clock(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
}

/* Whether a --max-seconds deadline is set and has passed. */
static inline bool sandbox_past_deadline(lua_State *L)
{
    bool past = lua_getfield(L, LUA_REGISTRYINDEX, SANDBOX_DEADLINE) == LUA_TNUMBER &&
                sandbox_clock() >= lua_tonumber(L, -1);
    lua_pop(L, 1);
    return past;
}

/* Raises the --max-seconds stop once the deadline has passed. */
static inline void sandbox_check_deadline(lua_State *L)
{
    if (sandbox_past_deadline(L)) {
        lua_getfield(L, LUA_REGISTRYINDEX, SANDBOX_STOP);
        lua_error(L);
    }
}

#endif
