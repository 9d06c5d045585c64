/* sandbox.c — restricted rights for a script from someone else (--sandbox).
 *
 * What the script may not do is taken away in lib/lua/petlua/sandbox.lua
 * (loaded here by path, in text mode, and given the C helpers below); this
 * file holds what needs C: resolving paths for the write check, and the
 * --max-seconds deadline (a timer whose signal sets a hook that stops Lua
 * code, a registry number for petlua's long C loops, and a last-resort timer
 * for C functions that run long without either, such as string.rep or a
 * pathological pattern).
 *
 * The allowed folders, the deadline and the timers live in the registry, out
 * of a script's reach once `debug` is gone; the one C global is the state the
 * deadline's signal handler must reach. */
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

#include "host.h"

#define SANDBOX_ALLOW    "petlua.allow_write"  /* registry: list of real folder paths */
#define SANDBOX_SIGNAL   "petlua.deadline_timer" /* registry: the timers' userdata */
#define SANDBOX_BACKSTOP "petlua.backstop"
#define TIMER_TYPE       "petlua.SandboxTimer"
#define BACKSTOP_GRACE   1.0                   /* seconds the hook gets before the backstop */

/* ---- the write check ---------------------------------------------------- */

/* True when real (a resolved absolute path) lies inside one of the allowed
 * folders (each resolved too), as a proper descendant. */
static int is_under_allowed(lua_State *L, const char *real)
{
    lua_getfield(L, LUA_REGISTRYINDEX, SANDBOX_ALLOW);
    lua_Integer n = luaL_len(L, -1);
    int inside = 0;
    for (lua_Integer i = 1; i <= n && !inside; i++) {
        lua_rawgeti(L, -1, i);
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

static int refuse(lua_State *L, const char *path, const char *why)
{
    return luaL_error(L, "writing '%s' is not allowed in --sandbox: %s", path, why);
}

/* check_write(path): raises unless path may be opened for writing. Does
 * nothing outside --sandbox; "-" (stdout) is always allowed. The folder of
 * the path is resolved (realpath: "..", symbolic links), then the name is put
 * back; a name that is itself a symbolic link must lead inside too, and must
 * not dangle (opening it would create a file wherever it points). */
static int sandbox_check_write_fn(lua_State *L)
{
    size_t len;
    const char *path = luaL_checklstring(L, 1, &len);
    if (lua_getfield(L, LUA_REGISTRYINDEX, SANDBOX_ALLOW) != LUA_TTABLE)
        return 0;                                   /* no sandbox */
    lua_pop(L, 1);
    if (strcmp(path, "-") == 0)
        return 0;
    if (strlen(path) != len)
        return refuse(L, path, "the path holds a NUL byte");
    if (len == 0)
        return refuse(L, path, "empty path");
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    if (*name == '\0' || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        return refuse(L, path, "not a file name");
    char dir[PATH_MAX], real_dir[PATH_MAX], full[PATH_MAX + NAME_MAX + 2];
    size_t dir_len = slash == NULL ? 1 : slash == path ? 1 : (size_t)(slash - path);
    if (dir_len >= sizeof dir)
        return refuse(L, path, "path too long");
    memcpy(dir, slash == NULL ? "." : path, dir_len);
    dir[dir_len] = '\0';
    if (realpath(dir, real_dir) == NULL) {
        lua_pushfstring(L, "cannot resolve its folder (%s)", strerror(errno));
        return refuse(L, path, lua_tostring(L, -1));
    }
    if ((size_t)snprintf(full, sizeof full, "%s/%s", strcmp(real_dir, "/") ? real_dir : "",
                         name) >= sizeof full)
        return refuse(L, path, "path too long");
    if (!is_under_allowed(L, full)) {
        lua_pushfstring(L, "%s is outside the --allow-write folders", full);
        return refuse(L, path, lua_tostring(L, -1));
    }
    struct stat st;
    if (lstat(full, &st) == 0 && S_ISLNK(st.st_mode)) {
        char target[PATH_MAX];
        if (realpath(full, target) == NULL)
            return refuse(L, path, "it is a symbolic link that leads nowhere");
        if (!is_under_allowed(L, target)) {
            lua_pushfstring(L, "it is a symbolic link to %s, outside the --allow-write folders",
                            target);
            return refuse(L, path, lua_tostring(L, -1));
        }
    }
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

/* ---- the deadline ------------------------------------------------------- */

/* Lua code is stopped by a hook, set only once the deadline has passed: a
 * hook that ran all along (every N instructions, to read the clock) made
 * pure-Lua loops about twice as slow, since Lua 5.4 goes through its hook
 * machinery on every instruction while any hook is set. A timer sends
 * SIGALRM to the Lua thread at the deadline, and its handler sets the hook,
 * as lua.c's Ctrl-C handler does. A signal handler reaches only static
 * storage: the state lives here while a deadline is armed. */
static lua_State *volatile deadline_state;

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

/* Hooks belong to one coroutine, so the handler must reach the one running:
 * sandbox.lua wraps coroutine.resume (and wrap) in enter and leave.
 * enter(co) -> previous: co becomes the one the signal stops (at once, if
 * the deadline has passed). */
static int deadline_enter(lua_State *L)
{
    lua_State *co = lua_tothread(L, 1);
    lua_State *previous = deadline_state;
    if (co != NULL) {
        deadline_state = co;
        if (sandbox_past_deadline(L))
            set_deadline_hook(co);
    }
    lua_pushlightuserdata(L, previous);
    return 1;
}

/* leave(previous, ...) -> ...: the resumer runs again; past the deadline it
 * stops too (a loop that resumes failing coroutines). */
static int deadline_leave(lua_State *L)
{
    deadline_state = lua_touserdata(L, 1);
    if (sandbox_past_deadline(L))
        set_deadline_hook(L);
    return lua_gettop(L) - 1;
}

void sandbox_restore_hook(lua_State *L)
{
    if (sandbox_past_deadline(L))
        set_deadline_hook(L);
}

/* The timers, each in a userdata anchored in the registry, whose __gc
 * deletes the timer. At the deadline, the first sends SIGALRM to the Lua
 * thread. The second is the last resort: its thread ends the process
 * BACKSTOP_GRACE seconds later, for a C function that never returns to Lua
 * (string.rep of gigabytes, a pattern that backtracks for hours). */
struct sandbox_timer {
    timer_t timer;
    int armed;
    size_t len;
    char message[128];
};

static void backstop_fire(union sigval v)
{
    const struct sandbox_timer *t = v.sival_ptr;
    ssize_t n = write(STDERR_FILENO, t->message, t->len);
    (void)n;
    _exit(EXIT_SCRIPT);
}

static int timer_gc(lua_State *L)
{
    struct sandbox_timer *t = luaL_checkudata(L, 1, TIMER_TYPE);
    if (t->armed)
        timer_delete(t->timer);
    t->armed = 0;
    return 0;
}

static int timer_tostring(lua_State *L)
{
    struct sandbox_timer *t = luaL_checkudata(L, 1, TIMER_TYPE);
    lua_pushfstring(L, "petlua.SandboxTimer (%s)", t->armed ? "armed" : "disarmed");
    return 1;
}

/* A timer firing in `seconds` as ev says, anchored at registry[key]. */
static struct sandbox_timer *arm_timer(lua_State *L, const char *key, struct sigevent *ev,
                                       double seconds, const char *message)
{
    struct sandbox_timer *t = lua_newuserdatauv(L, sizeof *t, 0);
    t->armed = 0;                                    /* nothing to delete until created */
    t->len = (size_t)snprintf(t->message, sizeof t->message, "%s\n", message);
    if (t->len >= sizeof t->message)
        t->len = sizeof t->message - 1;
    if (luaL_newmetatable(L, TIMER_TYPE)) {
        lua_pushcfunction(L, timer_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushcfunction(L, timer_tostring);
        lua_setfield(L, -2, "__tostring");
    }
    lua_setmetatable(L, -2);
    lua_setfield(L, LUA_REGISTRYINDEX, key);         /* anchored for the state's life */
    if (ev->sigev_notify == SIGEV_THREAD)
        ev->sigev_value.sival_ptr = t;
    if (timer_create(CLOCK_MONOTONIC, ev, &t->timer) != 0)
        luaL_error(L, "--max-seconds: cannot create a timer (%s)", strerror(errno));
    t->armed = 1;
    struct itimerspec when;
    memset(&when, 0, sizeof when);
    when.it_value.tv_sec = (time_t)seconds;
    when.it_value.tv_nsec = (long)((seconds - floor(seconds)) * 1e9);
    if (timer_settime(t->timer, 0, &when, NULL) != 0)
        luaL_error(L, "--max-seconds: cannot arm the timer (%s)", strerror(errno));
    return t;
}

/* SIGALRM, to this thread only (worker threads never see it), restarting
 * the system calls it interrupts. */
static void arm_deadline_signal(lua_State *L, double seconds, const char *message)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_deadline;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGALRM, &sa, NULL) != 0)
        luaL_error(L, "--max-seconds: cannot catch SIGALRM (%s)", strerror(errno));
    deadline_state = L;
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_THREAD_ID;
    ev.sigev_signo = SIGALRM;
    ev._sigev_un._tid = (pid_t)syscall(SYS_gettid);
    arm_timer(L, SANDBOX_SIGNAL, &ev, seconds, message);
}

static void arm_backstop(lua_State *L, double seconds, const char *message)
{
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_THREAD;
    ev.sigev_notify_function = backstop_fire;
    arm_timer(L, SANDBOX_BACKSTOP, &ev, seconds, message);
}

/* registry[SANDBOX_DEADLINE], registry[SANDBOX_STOP] and the timers. */
static void set_deadline(lua_State *L, double max_seconds)
{
    char message[96];
    snprintf(message, sizeof message, "petlua: script stopped after %g seconds (--max-seconds)",
             max_seconds);
    lua_createtable(L, 0, 2);                        /* the stop error, as petlua.exit makes */
    lua_pushinteger(L, EXIT_SCRIPT);
    lua_setfield(L, -2, "exit");
    lua_pushstring(L, message);
    lua_setfield(L, -2, "message");
    lua_setfield(L, LUA_REGISTRYINDEX, SANDBOX_STOP);
    lua_pushnumber(L, sandbox_clock() + max_seconds);
    lua_setfield(L, LUA_REGISTRYINDEX, SANDBOX_DEADLINE);
    arm_deadline_signal(L, max_seconds, message);
    arm_backstop(L, max_seconds + BACKSTOP_GRACE, message);
}

/* ---- the module and the Lua part ---------------------------------------- */

/* require "petlua.sandbox": {active = bool, check_write = fn}. A C module in
 * package.preload, so a script cannot swap the check for its own. */
static int luaopen_petlua_sandbox(lua_State *L)
{
    lua_createtable(L, 0, 2);
    lua_pushboolean(L, lua_getfield(L, LUA_REGISTRYINDEX, SANDBOX_ALLOW) == LUA_TTABLE);
    lua_remove(L, -2);
    lua_setfield(L, -2, "active");
    lua_pushcfunction(L, sandbox_check_write_fn);
    lua_setfield(L, -2, "check_write");
    return 1;
}

/* Runs LIB/petlua/sandbox.lua, which takes the dangerous functions away.
 * Loaded by path in text mode, not by require: the sandbox must not depend
 * on package.path or on anything a script can change. */
static void run_sandbox_lua(lua_State *L, bool deadline)
{
    lua_pushfstring(L, "%s/petlua/sandbox.lua", host_lib_dir());
    if (luaL_loadfilex(L, lua_tostring(L, -1), "t") != LUA_OK)
        lua_error(L);
    lua_remove(L, -2);                               /* the path */
    lua_pushcfunction(L, sandbox_check_write_fn);
    if (deadline) {
        lua_pushcfunction(L, deadline_enter);
        lua_pushcfunction(L, deadline_leave);
    }
    lua_call(L, deadline ? 3 : 1, 0);
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
    lua_pushcfunction(L, sandbox_check_write_fn);
    lua_setfield(L, LUA_REGISTRYINDEX, SANDBOX_CHECK_WRITE);
    run_sandbox_lua(L, opt->max_seconds > 0);
    if (opt->max_seconds > 0)
        set_deadline(L, opt->max_seconds);
}
