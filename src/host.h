/* host.h — the Lua state petlua runs scripts in, and how it reports errors.
 * The host wires the C cores' bindings into package.preload, puts petlua's
 * own lib/lua in front of package.path, and turns errors into messages. */
#ifndef PETLUA_HOST_H
#define PETLUA_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include "lua.h"

/* Exit statuses, named in one place. */
enum { EXIT_OK = 0, EXIT_SCRIPT = 1, EXIT_USAGE = 2 };

#define HOST_MAX_ALLOW 64

struct host_options {
    const char *data_dir;        /* -d DIR, else $PETLUA_DATA, else "data" */
    bool quiet;                  /* -q: no progress output */
    bool sandbox;                /* --sandbox */
    const char *allow_write[HOST_MAX_ALLOW]; /* --allow-write DIR... */
    size_t n_allow_write;
    double max_seconds;          /* --max-seconds N; 0: no limit */
};

/* Create the state: standard libraries, lfs and petlua's modules preloaded,
 * package.path set, `petlua` global. Returns NULL (message in err) on failure. */
lua_State *host_new_state(const struct host_options *opt, char *err, size_t errlen);

/* The run is over and the process is about to exit: what lua_close's
 * finalizers would leave behind is put right (CSV writers never closed are
 * discarded, their temporary files removed; C streams, io files included,
 * are flushed by exit itself), but the state is not closed. Freeing each object one by one takes longer than the
 * script's own work on a large load (0.2 s for 100,000 records), only for
 * the system to take the memory back anyway. __gc metamethods of objects
 * still alive do not run: as in Python, finalizers at exit are not promised. */
void host_finish(lua_State *L);

/* The folder holding petlua's Lua library (".../lib/lua"), and the installed
 * scripts folder; found relative to the executable, else under the prefix. */
const char *host_lib_dir(void);
const char *host_scripts_dir(void);
const char *host_vocab_dir(void);     /* the vocabularies shipped: ".../vocab" */

/* Call the function below nargs arguments with a traceback handler.
 * Returns a Lua status; on error the message is left on the stack. */
int host_pcall(lua_State *L, int nargs, int nresults);

/* host_pcall with Ctrl-C armed: a SIGINT during the call raises the error
 * "interrupted" in the running Lua code (a second one ends petlua), unless
 * SIGINT was ignored (a background job). The hook set before the call (the
 * sandbox's) is put back after it. */
int host_pcall_interruptible(lua_State *L, int nargs, int nresults);

/* Print the error on top of the stack (if status is not LUA_OK) and pop it.
 * Returns the exit status it stands for: an error object {exit = N} (from
 * petlua.exit) gives N; any other error EXIT_SCRIPT. */
int host_report(lua_State *L, int status);

/* "petlua: message" on stderr. */
void host_message(const char *fmt, ...);

#endif
