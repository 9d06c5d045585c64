/* host.c — the Lua state petlua runs scripts in, and how errors are reported. */
#include "host.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lauxlib.h"
#include "lfs.h"
#include "lualib.h"

#include "bindings.h"
#include "interrupt.h"
#include "outputs.h"
#include "sandbox.h"

void host_message(const char *fmt, ...)
{
    va_list ap;
    fputs("petlua: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
}

/* t[name] without metamethods, pushed; its type. host_report runs outside
 * any protected call, where a raising __index would abort the process. */
static int field_raw(lua_State *L, int t, const char *name)
{
    lua_pushstring(L, name);
    return lua_rawget(L, t < 0 ? t - 1 : t);
}

/* Message handler: adds a traceback to string errors. An exit request from
 * petlua.exit ({exit = N}) passes through untouched. */
static int host_msghandler(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        /* raw: an error object's metamethods must not raise here */
        if (lua_type(L, 1) == LUA_TTABLE && field_raw(L, 1, "exit") == LUA_TNUMBER) {
            lua_settop(L, 1);
            return 1;
        }
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

int host_pcall(lua_State *L, int nargs, int nresults)
{
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, host_msghandler);
    lua_insert(L, base);
    int status = lua_pcall(L, nargs, nresults, base);
    lua_remove(L, base);
    return status;
}

/* ---- Ctrl-C ---------------------------------------------------------------- */

/* A signal handler reaches only static storage, so the state that a Ctrl-C
 * must stop is kept here while host_pcall_interruptible runs (lua.c's
 * globalL does the same). The one C global with state in petlua. */
static lua_State *volatile interrupt_target;
volatile sig_atomic_t interrupt_signals;   /* interrupt.h: for C loops that never return to Lua */

/* The hook the handler sets: raises at the next Lua instruction. */
static void interrupt_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    lua_sethook(L, NULL, 0, 0);
    luaL_error(L, "interrupted");
}

/* As lua.c's laction: a second Ctrl-C ends petlua at once, even when the
 * first one waits for a long C function to return to Lua. */
static void on_sigint(int sig)
{
    signal(sig, SIG_DFL);
    interrupt_count();
    lua_State *L = interrupt_target;
    if (L != NULL)
        lua_sethook(L, interrupt_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT, 1);
}

int host_pcall_interruptible(lua_State *L, int nargs, int nresults)
{
    lua_Hook hook = lua_gethook(L);
    int mask = lua_gethookmask(L), count = lua_gethookcount(L);
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    bool caught = sigaction(SIGINT, &sa, &old) == 0;
    if (caught && old.sa_handler == SIG_IGN) {  /* a background job: leave it deaf */
        sigaction(SIGINT, &old, NULL);
        caught = false;
    }
    interrupt_target = L;
    int status = host_pcall(L, nargs, nresults);
    interrupt_target = NULL;
    if (caught)
        sigaction(SIGINT, &old, NULL);
    lua_sethook(L, hook, mask, count);
    sandbox_restore_hook(L);            /* a deadline that passed meanwhile still stops */
    return status;
}

int host_report(lua_State *L, int status)
{
    if (status == LUA_OK)
        return EXIT_OK;
    int code = EXIT_SCRIPT;
    if (lua_type(L, -1) == LUA_TTABLE) {
        field_raw(L, -1, "exit");
        int isint = 0;
        lua_Integer n = lua_tointegerx(L, -1, &isint);
        code = isint && n >= 0 && n <= 255 ? (int)n : EXIT_SCRIPT;  /* a status the shell can see */
        field_raw(L, -2, "message");
        if (lua_isstring(L, -1))
            fprintf(stderr, "%s\n", lua_tostring(L, -1));
        lua_pop(L, 2);
    } else {
        const char *msg = lua_tostring(L, -1);
        fprintf(stderr, "%s\n", msg ? msg : "(error with no message)");
    }
    fflush(stderr);
    lua_pop(L, 1);
    return code;
}

/* The folder of the running executable, from /proc/self/exe. */
static const char *exe_dir(void)
{
    static char dir[PATH_MAX];
    if (dir[0] == '\0') {
        ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
        if (n <= 0) {
            strcpy(dir, ".");
        } else {
            dir[n] = '\0';
            char *slash = strrchr(dir, '/');
            if (slash != NULL)
                *(slash == dir ? slash + 1 : slash) = '\0';
        }
    }
    return dir;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* First of: EXE_DIR/REL_BUILD (a build tree), EXE_DIR/../share/petlua/REL
 * (an installed tree), PREFIX/share/petlua/REL. */
static const char *find_dir(char *buf, size_t size, const char *rel)
{
    snprintf(buf, size, "%s/%s", exe_dir(), rel);
    if (is_dir(buf))
        return buf;
    snprintf(buf, size, "%s/../share/petlua/%s", exe_dir(), rel);
    if (is_dir(buf))
        return buf;
    snprintf(buf, size, "%s/share/petlua/%s", PETLUA_PREFIX, rel);
    return buf;
}

const char *host_lib_dir(void)
{
    static char buf[PATH_MAX + 64];
    return buf[0] ? buf : find_dir(buf, sizeof buf, "lib/lua");
}

const char *host_vocab_dir(void)
{
    static char buf[PATH_MAX + 64];
    return buf[0] ? buf : find_dir(buf, sizeof buf, "vocab");
}

const char *host_scripts_dir(void)
{
    static char buf[PATH_MAX + 64];
    return buf[0] ? buf : find_dir(buf, sizeof buf, "scripts");
}

/* ---- the "petlua.host" module: what the host knows of the process ---- */

/* clock() -> seconds on a monotonic clock (for progress and timing). */
static int host_l_clock(lua_State *L)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    lua_pushnumber(L, (lua_Number)ts.tv_sec + (lua_Number)ts.tv_nsec / 1e9);
    return 1;
}

/* isatty(fd) -> boolean: whether a standard stream (0, 1, 2) is a terminal:
 * progress goes to stderr only then, and scripts print a table on stdout only
 * then (CSV otherwise). */
static int host_l_isatty(lua_State *L)
{
    lua_Integer fd = luaL_checkinteger(L, 1);
    luaL_argcheck(L, fd >= 0 && fd <= 2, 1, "0, 1 or 2 expected");
    lua_pushboolean(L, isatty((int)fd));
    return 1;
}

/* columns() -> the width of the terminal standard output is, or nil. */
static int host_l_columns(lua_State *L)
{
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
        lua_pushinteger(L, ws.ws_col);
        return 1;
    }
    return 0;
}

static int luaopen_petlua_host(lua_State *L)
{
    static const luaL_Reg funcs[] = {
        {"clock", host_l_clock},
        {"columns", host_l_columns},
        {"isatty", host_l_isatty},
        {NULL, NULL},
    };
    luaL_newlib(L, funcs);
    return 1;
}

/* package.preload[name] = fn */
static void preload(lua_State *L, const char *name, lua_CFunction fn)
{
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    lua_pushcfunction(L, fn);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
}

/* package.path = LIB/?.lua;LIB/?/init.lua;<default> */
static void set_package_path(lua_State *L)
{
    const char *lib = host_lib_dir();
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "path");
    lua_pushfstring(L, "%s/?.lua;%s/?/init.lua;%s", lib, lib, lua_tostring(L, -1));
    lua_setfield(L, -3, "path");
    lua_pop(L, 2);
}

/* package.loaded["petlua.config"]: what the command line said, for lib/lua. */
static void set_config(lua_State *L, const struct host_options *opt)
{
    lua_createtable(L, 0, 8);
    lua_pushstring(L, opt->data_dir);
    lua_setfield(L, -2, "data");
    lua_pushboolean(L, opt->quiet);
    lua_setfield(L, -2, "quiet");
    lua_pushboolean(L, opt->sandbox);
    lua_setfield(L, -2, "sandbox");
    lua_createtable(L, (int)opt->n_allow_write, 0);
    for (size_t i = 0; i < opt->n_allow_write; i++) {
        lua_pushstring(L, opt->allow_write[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "allow_write");
    lua_pushnumber(L, opt->max_seconds);
    lua_setfield(L, -2, "max_seconds");
    lua_pushstring(L, PETLUA_VERSION);
    lua_setfield(L, -2, "version");
    lua_pushstring(L, LUA_RELEASE);
    lua_setfield(L, -2, "lua_release");
    lua_pushstring(L, host_lib_dir());
    lua_setfield(L, -2, "lib_dir");
    lua_pushstring(L, host_scripts_dir());
    lua_setfield(L, -2, "scripts_dir");
    lua_pushstring(L, host_vocab_dir());
    lua_setfield(L, -2, "vocab_dir");
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_insert(L, -2);
    lua_setfield(L, -2, "petlua.config");
    lua_pop(L, 1);
}

/* print, as Lua's own, but a failed write is an error, not silence: the
 * process ignores SIGPIPE (host_new_state), so a closed pipe ends a script
 * that prints to it with "cannot write to standard output (Broken pipe)"
 * where it would otherwise go on printing into nothing. */
static int host_l_print(lua_State *L)
{
    int n = lua_gettop(L);
    for (int i = 1; i <= n; i++) {
        size_t len;
        const char *s = luaL_tolstring(L, i, &len);
        if (i > 1)
            fputc('\t', stdout);
        fwrite(s, 1, len, stdout);
        lua_pop(L, 1);
    }
    fputc('\n', stdout);
    if (ferror(stdout)) {                    /* set when a buffer full could not be written */
        int e = errno;
        clearerr(stdout);
        return luaL_error(L, "cannot write to standard output (%s)", strerror(e));
    }
    return 0;
}

/* The part of state set-up that runs Lua code, in protected mode. */
static int setup_state(lua_State *L)
{
    const struct host_options *opt = lua_touserdata(L, 1);
    luaL_openlibs(L);
    lua_register(L, "print", host_l_print);
    preload(L, "lfs", luaopen_lfs);
    preload(L, "petlua.host", luaopen_petlua_host);
    preload(L, "petlua.page", luaopen_petlua_page);
    preload(L, "petlua.set.core", luaopen_petlua_set_core);
    preload(L, "petlua.date", luaopen_petlua_date);
    preload(L, "petlua.text.core", luaopen_petlua_text_core);
    preload(L, "petlua.csv", luaopen_petlua_csv);
    preload(L, "petlua.outfile", luaopen_petlua_outfile);
    preload(L, "petlua.vocab", luaopen_petlua_vocab);
    preload(L, "petlua.tidy", luaopen_petlua_tidy);
    set_package_path(L);
    set_config(L, opt);
    luaL_requiref(L, "lfs", luaopen_lfs, 1);
    lua_getglobal(L, "require");
    lua_pushliteral(L, "petlua");
    lua_call(L, 1, 1);
    lua_setglobal(L, "petlua");
    sandbox_apply(L, opt);
    return 0;
}

lua_State *host_new_state(const struct host_options *opt, char *err, size_t errlen)
{
    /* Decided once, for the whole process: a write to a closed pipe fails
     * with EPIPE (reported by whatever wrote) instead of killing petlua. */
    signal(SIGPIPE, SIG_IGN);
    lua_State *L = luaL_newstate();
    if (L == NULL) {
        snprintf(err, errlen, "cannot create a Lua state: out of memory");
        return NULL;
    }
    lua_pushcfunction(L, setup_state);
    lua_pushlightuserdata(L, (void *)opt);
    int status = host_pcall(L, 1, 0);
    if (status != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        snprintf(err, errlen, "cannot start: %s", msg ? msg : "unknown error");
        lua_close(L);
        return NULL;
    }
    return L;
}

/* Every output still open (outputs.h): its __gc discards it. */
static void discard_open_outputs(lua_State *L)
{
    lua_settop(L, 0);
    if (lua_getfield(L, LUA_REGISTRYINDEX, OUTPUTS_KEY) != LUA_TTABLE)
        return;
    lua_pushnil(L);
    while (lua_next(L, 1) != 0) {
        lua_pop(L, 1);
        if (luaL_getmetafield(L, -1, "__gc") != LUA_TNIL) {
            lua_pushvalue(L, -2);
            if (lua_pcall(L, 1, 0, 0) != LUA_OK)
                lua_pop(L, 1);
        }
    }
    lua_settop(L, 0);
}

/* The state of a finished run, kept reachable: what it holds is not a leak
 * to a leak checker, only memory the system takes back at exit. volatile:
 * a store never read back would otherwise be optimised away. */
static lua_State *volatile finished_state;

void host_finish(lua_State *L)
{
    finished_state = L;
    sandbox_finish(L);
    discard_open_outputs(L);
}
