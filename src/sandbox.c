/* sandbox.c — restricted rights for a script from someone else (--sandbox).
 *
 * Everything is done here, in C, before any script runs. What a script may
 * not do is replaced by a function that raises; what it may do only under a
 * condition (open a file for writing, load a chunk, read a stack level) is
 * replaced by a C closure that checks and then calls the original, held as
 * an upvalue. No check goes through a table or metatable a script can
 * change (string methods, package.loaded), and no script can reach an
 * original: debug.getupvalue is gone, and debug.getinfo no longer returns
 * functions ('f'), which would hand out whatever runs below the caller (the
 * original io.open, during a __gc that runs inside it).
 *
 * The --max-seconds deadline: a timer's signal sets a hook that stops Lua
 * code, the registry holds the deadline for petlua's long C loops, and a
 * second timer ends the process for C code that never returns to Lua (or
 * Lua code that runs with hooks off: a __gc).
 *
 * The allowed folders, the deadline and the stop error live in the registry,
 * out of a script's reach once `debug` is gone. The C globals are what the
 * two signal handlers must reach. */
#define _GNU_SOURCE                 /* SIGEV_THREAD_ID: the deadline signals one thread */
#include "sandbox.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "lauxlib.h"
#include "lualib.h"

#include "host.h"

#define SANDBOX_ALLOW    "petlua.allow_write"  /* registry: list of real folder paths */
#define BACKSTOP_GRACE   0.5                   /* seconds the hook gets before the backstop */

/* ---- the write check ---------------------------------------------------- */

/* True when real (a resolved absolute path) lies inside one of the allowed
 * folders (each resolved too), as a proper descendant: "/tmp/allowed" lets
 * "/tmp/allowed/x" be written, never "/tmp/allowedX". */
static bool is_under_allowed(lua_State *L, const char *real)
{
    lua_getfield(L, LUA_REGISTRYINDEX, SANDBOX_ALLOW);
    size_t n = lua_rawlen(L, -1);
    bool inside = false;
    for (size_t i = 1; i <= n && !inside; i++) {
        lua_rawgeti(L, -1, (lua_Integer)i);
        size_t len;
        const char *dir = lua_tolstring(L, -1, &len);
        if (len == 1 && dir[0] == '/')      /* --allow-write / */
            inside = real[0] == '/' && real[1] != '\0';
        else
            inside = strncmp(real, dir, len) == 0 && real[len] == '/' && real[len + 1] != '\0';
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return inside;
}

/* Pushes s[0..len) with control bytes written as \xNN, so a file name
 * cannot send escape sequences to the terminal through a message. */
static const char *push_printable(lua_State *L, const char *s, size_t len)
{
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f) {
            char esc[5];
            snprintf(esc, sizeof esc, "\\x%02X", c);
            luaL_addstring(&b, esc);
        } else {
            luaL_addchar(&b, (char)c);
        }
    }
    luaL_pushresult(&b);
    return lua_tostring(L, -1);
}

static int refuse(lua_State *L, const char *path, size_t len, const char *why)
{
    lua_pushstring(L, why);
    const char *printable = push_printable(L, path, len);
    return luaL_error(L, "writing '%s' is not allowed in --sandbox: %s", printable,
                      lua_tostring(L, -2));
}

/* Raises unless path may be opened for writing. The folder of the path is
 * resolved (realpath: "..", symbolic links, /proc/self/cwd included), then
 * the name is put back; a name that is itself a symbolic link is judged by
 * the file it leads to, and must not dangle (opening it would create a file
 * wherever it points). So /proc/self/fd/N is judged by the file it names,
 * and /proc/self/mem by itself. */
static void check_write_path(lua_State *L, const char *path, size_t len)
{
    if (strlen(path) != len)
        refuse(L, path, len, "the path holds a NUL byte");
    if (len == 0)
        refuse(L, path, len, "empty path");
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    if (*name == '\0' || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        refuse(L, path, len, "not a file name");
    char dir[PATH_MAX], real_dir[PATH_MAX], full[PATH_MAX + NAME_MAX + 2];
    size_t dir_len = slash == NULL ? 1 : slash == path ? 1 : (size_t)(slash - path);
    if (dir_len >= sizeof dir)
        refuse(L, path, len, "path too long");
    memcpy(dir, slash == NULL ? "." : path, dir_len);
    dir[dir_len] = '\0';
    if (realpath(dir, real_dir) == NULL)
        refuse(L, path, len, lua_pushfstring(L, "cannot resolve its folder (%s)", strerror(errno)));
    if ((size_t)snprintf(full, sizeof full, "%s/%s", strcmp(real_dir, "/") ? real_dir : "",
                         name) >= sizeof full)
        refuse(L, path, len, "path too long");
    struct stat st;
    if (lstat(full, &st) == 0 && S_ISLNK(st.st_mode)) {
        char target[PATH_MAX];
        if (realpath(full, target) == NULL)
            refuse(L, path, len, "it is a symbolic link that leads nowhere");
        if (!is_under_allowed(L, target))
            refuse(L, path, len, lua_pushfstring(L, "it is a symbolic link to %s, outside the "
                                                 "--allow-write folders", target));
    } else if (!is_under_allowed(L, full)) {
        refuse(L, path, len, lua_pushfstring(L, "%s is outside the --allow-write folders", full));
    }
}

static bool sandbox_active(lua_State *L)
{
    bool active = lua_getfield(L, LUA_REGISTRYINDEX, SANDBOX_ALLOW) == LUA_TTABLE;
    lua_pop(L, 1);
    return active;
}

/* check_write(path): raises unless path may be opened for writing. Does
 * nothing outside --sandbox; "-" (stdout) is always allowed. */
static int sandbox_l_check_write(lua_State *L)
{
    size_t len;
    const char *path = luaL_checklstring(L, 1, &len);
    if (sandbox_active(L) && strcmp(path, "-") != 0)
        check_write_path(L, path, len);
    return 0;
}

/* registry[SANDBOX_ALLOW] = the real paths of the --allow-write folders. */
static void set_allowed_folders(lua_State *L, const struct host_options *opt)
{
    lua_createtable(L, (int)opt->n_allow_write, 0);
    for (size_t i = 0; i < opt->n_allow_write; i++) {
        char real[PATH_MAX];
        struct stat st;
        if (realpath(opt->allow_write[i], real) == NULL)
            luaL_error(L, "--allow-write '%s': %s", opt->allow_write[i], strerror(errno));
        if (stat(real, &st) != 0 || !S_ISDIR(st.st_mode))
            luaL_error(L, "--allow-write '%s': not a folder", opt->allow_write[i]);
        lua_pushstring(L, real);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, LUA_REGISTRYINDEX, SANDBOX_ALLOW);
}

/* ---- taking away, checking, forcing ------------------------------------- */

/* The function that takes the place of a forbidden one (its name is
 * upvalue 1); the message points at the caller. */
static int sandbox_forbidden(lua_State *L)
{
    return luaL_error(L, "%s is not allowed in --sandbox", lua_tostring(L, lua_upvalueindex(1)));
}

/* t[field] (t at index t, absolute) = a function raising "NAME is not allowed". */
static void forbid(lua_State *L, int t, const char *field, const char *name)
{
    lua_pushstring(L, name);
    lua_pushcclosure(L, sandbox_forbidden, 1);
    lua_setfield(L, t, field);
}

/* Calls the original (upvalue 1) with this call's arguments; returns all
 * its results. */
static int call_original(lua_State *L)
{
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, n, LUA_MULTRET);
    return lua_gettop(L);
}

/* t[field] = a C closure of fn holding the present t[field] as upvalue 1. */
static void wrap(lua_State *L, int t, const char *field, lua_CFunction fn)
{
    lua_getfield(L, t, field);
    lua_pushcclosure(L, fn, 1);
    lua_setfield(L, t, field);
}

/* A mode that only reads: "r" then nothing but "b" (what liolib's mode
 * check lets through; anything else is checked as a write). */
static bool reads_only(const char *mode, size_t len)
{
    if (len == 0 || mode[0] != 'r')
        return false;
    for (size_t i = 1; i < len; i++)
        if (mode[i] != 'b')
            return false;
    return true;
}

/* A path as io.open and io.output name a file: "-" is a file of that name
 * here, not stdout as for petlua's writers. */
static void check_io_path(lua_State *L, int arg)
{
    size_t len;
    const char *path = lua_tolstring(L, arg, &len);
    if (len == 1 && path[0] == '-')
        check_write_path(L, "./-", 3);
    else
        check_write_path(L, path, len);
}

/* io.open(path, [mode]): a mode that writes is checked first. */
static int sandbox_io_open(lua_State *L)
{
    size_t len;
    luaL_checkstring(L, 1);
    const char *mode = luaL_optlstring(L, 2, "r", &len);
    if (!reads_only(mode, len))
        check_io_path(L, 1);
    return call_original(L);
}

/* io.output(file): a file name (a string, or a number, which Lua takes as
 * one) is opened for writing. io.input and io.lines open names for reading
 * only, and need no check. */
static int sandbox_io_output(lua_State *L)
{
    int t = lua_type(L, 1);
    if (t == LUA_TSTRING || t == LUA_TNUMBER)
        check_io_path(L, 1);
    return call_original(L);
}

/* The mode argument at index at becomes "t", keeping the number of
 * arguments otherwise (an explicit nil env is not the same as none). */
static void force_text_mode(lua_State *L, int at)
{
    if (lua_gettop(L) < at)
        lua_settop(L, at);
    lua_pushliteral(L, "t");
    lua_replace(L, at);
}

/* load(chunk, [name, mode, env]) and loadfile(file, [mode, env]): text only. */
static int sandbox_load(lua_State *L)
{
    force_text_mode(L, 3);
    return call_original(L);
}

static int sandbox_loadfile(lua_State *L)
{
    force_text_mode(L, 2);
    return call_original(L);
}

static int dofile_continue(lua_State *L, int status, lua_KContext ctx)
{
    (void)status;
    (void)ctx;
    return lua_gettop(L) - 1;
}

/* dofile([file]): as the base library's, in text mode. */
static int sandbox_dofile(lua_State *L)
{
    const char *name = luaL_optstring(L, 1, NULL);
    lua_settop(L, 1);
    if (luaL_loadfilex(L, name, "t") != LUA_OK)
        return lua_error(L);
    lua_callk(L, 0, LUA_MULTRET, 0, dofile_continue);
    return dofile_continue(L, LUA_OK, 0);
}

/* require's searcher for Lua files, in text mode (upvalue 1: the original
 * package.searchpath, 2: the package table). */
static int sandbox_search_lua(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, 1);
    if (lua_getfield(L, lua_upvalueindex(2), "path") != LUA_TSTRING)
        return luaL_error(L, "'package.path' must be a string");
    lua_call(L, 2, 2);                               /* path | nil, message */
    if (lua_isnil(L, -2))
        return 1;                                    /* the message */
    lua_pop(L, 1);
    const char *path = lua_tostring(L, -1);
    if (luaL_loadfilex(L, path, "t") != LUA_OK)
        return luaL_error(L, "error loading module '%s' from file '%s':\n\t%s", name, path,
                          lua_tostring(L, -1));
    lua_insert(L, -2);                               /* loader, path */
    return 2;
}

static int sandbox_search_c(lua_State *L)
{
    lua_pushfstring(L, "no C module '%s' (C modules are not loaded in --sandbox)",
                    luaL_checkstring(L, 1));
    return 1;
}

/* package.searchers: preload, then Lua files in text mode; never C modules. */
static void restrict_require(lua_State *L, int package)
{
    lua_createtable(L, 3, 0);
    lua_getfield(L, package, "searchers");
    lua_rawgeti(L, -1, 1);                           /* the preload searcher */
    lua_rawseti(L, -3, 1);
    lua_pop(L, 1);
    lua_getfield(L, package, "searchpath");
    lua_pushvalue(L, package);
    lua_pushcclosure(L, sandbox_search_lua, 2);
    lua_rawseti(L, -2, 2);
    lua_pushcfunction(L, sandbox_search_c);
    lua_rawseti(L, -2, 3);
    lua_setfield(L, package, "searchers");
    lua_pushliteral(L, "");
    lua_setfield(L, package, "cpath");
    forbid(L, package, "loadlib", "package.loadlib");
}

/* debug.getinfo([thread,] f, [what]) without 'f': the function of a stack
 * level is not handed out (see the top of this file). */
static int sandbox_getinfo(lua_State *L)
{
    int at = lua_type(L, 1) == LUA_TTHREAD ? 3 : 2;  /* where `what` is */
    luaL_checkany(L, at - 1);
    size_t len;
    const char *what = luaL_optlstring(L, at, "lnSrtu", &len);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (size_t i = 0; i < len; i++)
        if (what[i] != 'f')
            luaL_addchar(&b, what[i]);
    luaL_pushresult(&b);
    int base = lua_gettop(L);                        /* the options without 'f' */
    lua_pushvalue(L, lua_upvalueindex(1));
    for (int i = 1; i < at; i++)
        lua_pushvalue(L, i);                         /* the thread, the level or function */
    lua_pushvalue(L, base);
    lua_call(L, at, LUA_MULTRET);
    return lua_gettop(L) - base;
}

static int sandbox_debug_index(lua_State *L)
{
    const char *key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : luaL_typename(L, 2);
    return luaL_error(L, "debug.%s is not allowed in --sandbox", key);
}

/* debug: only traceback (scripts pass it to xpcall) and getinfo (petlua.set
 * asks a function's number of parameters). Not sethook: it would lift the
 * time limit; not getlocal, getupvalue, getregistry, setmetatable ... */
static void restrict_debug(lua_State *L)
{
    lua_getglobal(L, "debug");
    int original = lua_gettop(L);
    lua_createtable(L, 0, 2);
    lua_getfield(L, original, "traceback");
    lua_setfield(L, -2, "traceback");
    wrap(L, original, "getinfo", sandbox_getinfo);
    lua_getfield(L, original, "getinfo");
    lua_setfield(L, -2, "getinfo");
    lua_createtable(L, 0, 2);
    lua_pushcfunction(L, sandbox_debug_index);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_setglobal(L, "debug");
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_insert(L, -2);
    lua_setfield(L, -2, "debug");
    lua_pop(L, 2);
}

static int sandbox_lfs_preload(lua_State *L)
{
    lua_pushvalue(L, lua_upvalueindex(1));
    return 1;
}

/* lfs: reading only. package.preload.lfs would open a fresh, unrestricted
 * table: it gives this one. lfs.chdir stays: every write check resolves
 * the path as the open will, from whatever folder is current. */
static void restrict_lfs(lua_State *L)
{
    luaL_requiref(L, "lfs", NULL, 0);                /* package.loaded.lfs, opened by the host */
    int lfs = lua_gettop(L);
    static const char *const writers[] = {"mkdir", "rmdir", "touch", "link", "lock", "unlock",
                                          "lock_dir"};
    for (size_t i = 0; i < sizeof writers / sizeof writers[0]; i++) {
        lua_pushfstring(L, "lfs.%s", writers[i]);
        forbid(L, lfs, writers[i], lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    lua_pushvalue(L, lfs);
    lua_pushcclosure(L, sandbox_lfs_preload, 1);
    lua_setfield(L, -2, "lfs");
    lua_pop(L, 2);
}

static void restrict_libraries(lua_State *L)
{
    lua_getglobal(L, "os");
    forbid(L, lua_gettop(L), "execute", "os.execute");
    forbid(L, lua_gettop(L), "remove", "os.remove");
    forbid(L, lua_gettop(L), "rename", "os.rename");
    forbid(L, lua_gettop(L), "tmpname", "os.tmpname");
    /* os.exit stays: ending the process harms no one, the status is the script's */
    lua_getglobal(L, "io");
    int io = lua_gettop(L);
    forbid(L, io, "popen", "io.popen");
    forbid(L, io, "tmpfile", "io.tmpfile");
    wrap(L, io, "open", sandbox_io_open);
    wrap(L, io, "output", sandbox_io_output);
    lua_getglobal(L, "string");
    forbid(L, lua_gettop(L), "dump", "string.dump");
    lua_pushglobaltable(L);
    int g = lua_gettop(L);
    wrap(L, g, "load", sandbox_load);
    wrap(L, g, "loadfile", sandbox_loadfile);
    lua_pushcfunction(L, sandbox_dofile);
    lua_setfield(L, g, "dofile");
    lua_getglobal(L, "package");
    restrict_require(L, lua_gettop(L));
    lua_pop(L, 5);
    restrict_debug(L);
    restrict_lfs(L);
}

/* ---- the deadline ------------------------------------------------------- */

/* Lua code is stopped by a hook, set only once the deadline has passed: a
 * hook that ran all along (every N instructions, to read the clock) made
 * pure-Lua loops about twice as slow, since Lua 5.4 goes through its hook
 * machinery on every instruction while any hook is set. A timer sends
 * SIGALRM to the Lua thread at the deadline, and its handler sets the hook
 * on the coroutine that runs, as lua.c's Ctrl-C handler does. That
 * coroutine is always one the C stack is inside (see tracked_resume), so it
 * cannot have been collected. */
static lua_State *volatile deadline_state;

/* The backstop's message, for its signal handler. */
static char backstop_message[128];
static size_t backstop_len;

/* Set once the deadline has passed, it fires on every instruction: a script
 * that catches the stop with pcall in a loop is stopped again at once,
 * outside the pcall. */
static void deadline_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    lua_getfield(L, LUA_REGISTRYINDEX, SANDBOX_STOP);
    lua_error(L);
}

static void set_deadline_hook(lua_State *L)
{
    lua_sethook(L, deadline_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
}

static void on_deadline(int sig)
{
    (void)sig;
    lua_State *L = deadline_state;
    if (L != NULL)
        set_deadline_hook(L);
}

void sandbox_restore_hook(lua_State *L)
{
    if (sandbox_past_deadline(L))
        set_deadline_hook(L);
}

/* Resumes co with the narg values on top of L's stack, as lcorolib's
 * auxresume, with co the thread the deadline stops while it runs. Nothing
 * between the two assignments to deadline_state can raise (lua_resume
 * returns errors as a status), so it always names a running thread.
 * Returns the number of results moved to L, or -1 with the error on top. */
static int tracked_resume(lua_State *L, lua_State *co, int narg)
{
    if (!lua_checkstack(co, narg)) {
        lua_pushliteral(L, "too many arguments to resume");
        return -1;
    }
    lua_xmove(L, co, narg);
    lua_State *previous = deadline_state;
    deadline_state = co;
    if (sandbox_past_deadline(L))
        set_deadline_hook(co);
    int nres;
    int status = lua_resume(co, L, narg, &nres);
    deadline_state = previous;
    if (sandbox_past_deadline(L))                    /* a loop resuming failing coroutines */
        set_deadline_hook(L);
    if (status != LUA_OK && status != LUA_YIELD) {
        lua_xmove(co, L, 1);
        return -1;
    }
    if (!lua_checkstack(L, nres + 1)) {
        lua_pop(co, nres);
        lua_pushliteral(L, "too many results to resume");
        return -1;
    }
    lua_xmove(co, L, nres);
    return nres;
}

/* coroutine.resume(co, ...) */
static int sandbox_co_resume(lua_State *L)
{
    lua_State *co = lua_tothread(L, 1);
    luaL_checktype(L, 1, LUA_TTHREAD);              /* the message coroutine.resume gives */
    int r = tracked_resume(L, co, lua_gettop(L) - 1);
    if (r < 0) {
        lua_pushboolean(L, 0);
        lua_insert(L, -2);
        return 2;
    }
    lua_pushboolean(L, 1);
    lua_insert(L, -(r + 1));
    return r + 1;
}

/* The function coroutine.wrap returns (upvalue 1: the coroutine), as
 * lcorolib's auxwrap. */
static int sandbox_co_wrapped(lua_State *L)
{
    lua_State *co = lua_tothread(L, lua_upvalueindex(1));
    int r = tracked_resume(L, co, lua_gettop(L));
    if (r >= 0)
        return r;
    int status = lua_status(co);
    if (status != LUA_OK && status != LUA_YIELD) {  /* an error in the coroutine */
#if LUA_VERSION_RELEASE_NUM >= 50406
        status = lua_closethread(co, L);
#else
        status = lua_resetthread(co);
#endif
        lua_xmove(co, L, 1);
    }
    if (status != LUA_ERRMEM && lua_type(L, -1) == LUA_TSTRING) {
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    return lua_error(L);
}

/* coroutine.wrap(f) */
static int sandbox_co_wrap(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_State *co = lua_newthread(L);
    lua_pushvalue(L, 1);
    lua_xmove(L, co, 1);
    lua_pushcclosure(L, sandbox_co_wrapped, 1);
    return 1;
}

/* With --max-seconds, the deadline stops the coroutine running (a hook
 * belongs to one coroutine), so resume and wrap say which one runs. */
static void track_coroutines(lua_State *L)
{
    lua_getglobal(L, "coroutine");
    lua_pushcfunction(L, sandbox_co_resume);
    lua_setfield(L, -2, "resume");
    lua_pushcfunction(L, sandbox_co_wrap);
    lua_setfield(L, -2, "wrap");
    lua_pop(L, 1);
}

/* The last resort, for C code that never returns to Lua (string.rep of
 * gigabytes, a pattern that backtracks for hours) or Lua code that runs
 * with hooks off (a __gc): a signal whose handler needs no memory and no
 * thread, created before the script runs. */
static void on_backstop(int sig)
{
    (void)sig;
    ssize_t n = write(STDERR_FILENO, backstop_message, backstop_len);
    (void)n;
    _exit(EXIT_SCRIPT);
}

/* The timers, each in a userdata anchored in the registry, whose __gc
 * deletes it. */
struct sandbox_timer {
    timer_t timer;
    bool armed;
};

#define TIMER_TYPE "petlua.SandboxTimer"
#define TIMERS_KEY "petlua.deadline_timers"

static int timer_gc(lua_State *L)
{
    struct sandbox_timer *t = luaL_checkudata(L, 1, TIMER_TYPE);
    if (t->armed)
        timer_delete(t->timer);
    t->armed = false;
    return 0;
}

static int timer_tostring(lua_State *L)
{
    struct sandbox_timer *t = luaL_checkudata(L, 1, TIMER_TYPE);
    lua_pushfstring(L, TIMER_TYPE " (%s)", t->armed ? "armed" : "disarmed");
    return 1;
}

/* A timer sending ev's signal in `seconds`, anchored in the list at index list. */
static void arm_timer(lua_State *L, int list, struct sigevent *ev, double seconds)
{
    struct sandbox_timer *t = lua_newuserdatauv(L, sizeof *t, 0);
    t->armed = false;                                /* nothing to delete until created */
    if (luaL_newmetatable(L, TIMER_TYPE)) {
        lua_pushcfunction(L, timer_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushcfunction(L, timer_tostring);
        lua_setfield(L, -2, "__tostring");
    }
    lua_setmetatable(L, -2);
    lua_rawseti(L, list, (lua_Integer)lua_rawlen(L, list) + 1);
    if (timer_create(CLOCK_MONOTONIC, ev, &t->timer) != 0)
        luaL_error(L, "--max-seconds: cannot create a timer (%s)", strerror(errno));
    t->armed = true;
    struct itimerspec when;
    memset(&when, 0, sizeof when);
    when.it_value.tv_sec = (time_t)seconds;
    when.it_value.tv_nsec = (long)((seconds - floor(seconds)) * 1e9);
    if (timer_settime(t->timer, 0, &when, NULL) != 0)
        luaL_error(L, "--max-seconds: cannot arm the timer (%s)", strerror(errno));
}

static void catch_signal(lua_State *L, int sig, void (*handler)(int))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (sigaction(sig, &sa, NULL) != 0)
        luaL_error(L, "--max-seconds: cannot catch signal %d (%s)", sig, strerror(errno));
}

/* registry[SANDBOX_DEADLINE], registry[SANDBOX_STOP] and the two timers:
 * SIGALRM to this thread only at the deadline (worker threads never see
 * it), and the backstop's signal to the process BACKSTOP_GRACE later. */
static void set_deadline(lua_State *L, double max_seconds)
{
    char text[96];
    snprintf(text, sizeof text, "petlua: script stopped after %g seconds (--max-seconds)",
             max_seconds);
    lua_createtable(L, 0, 2);                        /* the stop error, as petlua.exit makes */
    lua_pushinteger(L, EXIT_SCRIPT);
    lua_setfield(L, -2, "exit");
    lua_pushstring(L, text);
    lua_setfield(L, -2, "message");
    lua_setfield(L, LUA_REGISTRYINDEX, SANDBOX_STOP);
    lua_pushnumber(L, sandbox_clock() + max_seconds);
    lua_setfield(L, LUA_REGISTRYINDEX, SANDBOX_DEADLINE);
    backstop_len = (size_t)snprintf(backstop_message, sizeof backstop_message, "%s\n", text);
    if (backstop_len >= sizeof backstop_message)
        backstop_len = sizeof backstop_message - 1;

    catch_signal(L, SIGALRM, on_deadline);
    catch_signal(L, SIGRTMIN, on_backstop);
    deadline_state = L;
    lua_newtable(L);
    int list = lua_gettop(L);
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_THREAD_ID;
    ev.sigev_signo = SIGALRM;
    ev._sigev_un._tid = (pid_t)syscall(SYS_gettid);
    arm_timer(L, list, &ev, max_seconds);
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = SIGRTMIN;
    arm_timer(L, list, &ev, max_seconds + BACKSTOP_GRACE);
    lua_setfield(L, LUA_REGISTRYINDEX, TIMERS_KEY);
}

void sandbox_finish(lua_State *L)
{
    if (lua_getfield(L, LUA_REGISTRYINDEX, TIMERS_KEY) == LUA_TTABLE) {
        size_t n = lua_rawlen(L, -1);
        for (size_t i = 1; i <= n; i++) {
            lua_rawgeti(L, -1, (lua_Integer)i);
            struct sandbox_timer *t = lua_touserdata(L, -1);
            if (t && t->armed) {
                timer_delete(t->timer);
                t->armed = false;
            }
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    deadline_state = NULL;
}

/* ---- the module ---------------------------------------------------------- */

/* require "petlua.sandbox": {active = bool, check_write = fn}. A C module in
 * package.preload, so a script cannot swap the check for its own (it can
 * replace package.loaded's entry, which only petlua's Lua code reads, and
 * that code writes through the checked io.open or the C writers). */
static int luaopen_petlua_sandbox(lua_State *L)
{
    lua_createtable(L, 0, 2);
    lua_pushboolean(L, sandbox_active(L));
    lua_setfield(L, -2, "active");
    lua_pushcfunction(L, sandbox_l_check_write);
    lua_setfield(L, -2, "check_write");
    return 1;
}

void sandbox_apply(lua_State *L, const struct host_options *opt)
{
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    lua_pushcfunction(L, luaopen_petlua_sandbox);
    lua_setfield(L, -2, "petlua.sandbox");
    lua_pop(L, 1);
    if (!opt->sandbox)
        return;
    set_allowed_folders(L, opt);
    lua_pushcfunction(L, sandbox_l_check_write);
    lua_setfield(L, LUA_REGISTRYINDEX, SANDBOX_CHECK_WRITE);
    restrict_libraries(L);
    if (opt->max_seconds > 0) {
        track_coroutines(L);
        set_deadline(L, opt->max_seconds);
    }
}
