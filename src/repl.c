/* repl.c — the interactive loop, after lua.c's doREPL.
 *
 * On a terminal, lines are read with libedit: line editing, history kept in
 * ~/.petlua_history, Tab completion. Otherwise (stdin or stdout redirected,
 * as with `petlua -i < file`) lines are read plainly. A line that reads as an
 * expression prints its values; a chunk that ends too early ("<eof>" syntax
 * error) continues on the next line. What the values look like and what Tab
 * completes is decided in Lua, by lib/lua/petlua/repl.lua; so are the
 * commands a Python user types at the prompt (help, exit, quit, ?name), and
 * the help, exit and quit functions it installs.
 *
 * Ctrl-C while a statement runs stops it (host_pcall_interruptible: a signal
 * handler sets a hook that raises, as lua.c's laction); at the prompt it
 * drops the line. */
#include "repl.h"

#include <histedit.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "lauxlib.h"
#include "host.h"

#define PROMPT        "> "
#define PROMPT_MORE   ">> "
#define HISTORY_FILE  ".petlua_history"
#define HISTORY_SIZE  1000
#define EOF_MARK      "<eof>"
#define REPL_TYPE     "petlua.Repl"
#define SOURCE_KEY    "petlua.repl.source"  /* registry: the chunk being run, as typed */

/* What the loop holds. It lives in a userdata whose __gc closes it, so an
 * error thrown through the loop (out of memory) leaks nothing. */
struct repl {
    lua_State *L;
    EditLine *el;               /* NULL: reading plainly */
    History *hist;
    bool prompts;               /* print prompts when reading plainly */
    const char *prompt;         /* PROMPT or PROMPT_MORE, for libedit */
    bool dropped;               /* Ctrl-C typed at the prompt */
    char *plain_line;           /* getline's buffer */
    size_t plain_cap;
    char *old_ctype;            /* LC_CTYPE to put back, when changed */
    char history_path[PATH_MAX];
};

enum read_result { READ_LINE, READ_EOF, READ_INTERRUPTED };
enum { CHUNK_EOF = -1, CHUNK_NONE = -2, CHUNK_LEAVE = -3 };   /* besides Lua load statuses */

/* ---- set-up and tear-down ------------------------------------------------- */

static char *prompt_of(EditLine *el)
{
    struct repl *r = NULL;
    el_get(el, EL_CLIENTDATA, &r);
    return (char *)(r != NULL ? r->prompt : PROMPT);
}

static unsigned char complete(EditLine *el, int ch);

/* Ctrl-C at the prompt. While libedit edits a line the terminal sends ^C as
 * a key, not a signal (see open_editor): libedit retries a read that a
 * signal interrupts, so a signal would not end the line. */
static unsigned char drop_line(EditLine *el, int ch)
{
    (void)ch;
    struct repl *r = NULL;
    el_get(el, EL_CLIENTDATA, &r);
    r->dropped = true;
    return CC_NEWLINE;
}

/* Ctrl-Z at the prompt (a key too, for the same reason): the terminal is put
 * back as the shell expects, petlua stops, and editing resumes after `fg`. */
static unsigned char suspend(EditLine *el, int ch)
{
    (void)ch;
    el_set(el, EL_PREP_TERM, 0);
    raise(SIGTSTP);
    el_set(el, EL_PREP_TERM, 1);
    return CC_REDISPLAY;
}

/* $HOME/.petlua_history, or "" without $HOME. */
static void find_history_path(struct repl *r)
{
    const char *home = getenv("HOME");
    r->history_path[0] = '\0';
    if (home != NULL && *home != '\0') {
        int n = snprintf(r->history_path, sizeof r->history_path, "%s/%s", home, HISTORY_FILE);
        if (n < 0 || (size_t)n >= sizeof r->history_path)
            r->history_path[0] = '\0';
    }
}

/* libedit decodes keys with the C library's multibyte functions: without a
 * UTF-8 LC_CTYPE, "é" typed is dropped. The user's locale if it is
 * multibyte, else C.UTF-8; only LC_CTYPE (Lua's number formats stay). */
static void use_utf8_ctype(struct repl *r)
{
    const char *old = setlocale(LC_CTYPE, NULL);
    r->old_ctype = old ? strdup(old) : NULL;
    if (setlocale(LC_CTYPE, "") == NULL || MB_CUR_MAX == 1)
        setlocale(LC_CTYPE, "C.UTF-8");
}

static bool open_editor(struct repl *r)
{
    HistEvent ev;
    use_utf8_ctype(r);
    r->hist = history_init();
    r->el = el_init("petlua", stdin, stdout, stderr);
    if (r->hist == NULL || r->el == NULL)
        return false;
    history(r->hist, &ev, H_SETSIZE, HISTORY_SIZE);
    history(r->hist, &ev, H_SETUNIQUE, 1);
    find_history_path(r);
    if (r->history_path[0] != '\0')
        history(r->hist, &ev, H_LOAD, r->history_path);   /* none yet is fine */
    el_set(r->el, EL_CLIENTDATA, (void *)r);
    el_set(r->el, EL_PROMPT, prompt_of);
    el_set(r->el, EL_EDITOR, "emacs");
    el_set(r->el, EL_HIST, history, r->hist);
    el_set(r->el, EL_ADDFN, "petlua-complete", "complete a name or a field", complete);
    el_set(r->el, EL_BIND, "^I", "petlua-complete", NULL);
    el_set(r->el, EL_SETTY, "-d", "-isig", NULL);      /* ^C is a key while editing */
    el_set(r->el, EL_ADDFN, "petlua-drop-line", "drop the line (Ctrl-C)", drop_line);
    el_set(r->el, EL_BIND, "^C", "petlua-drop-line", NULL);
    el_set(r->el, EL_ADDFN, "petlua-suspend", "suspend petlua (Ctrl-Z)", suspend);
    el_set(r->el, EL_BIND, "^Z", "petlua-suspend", NULL);
    el_source(r->el, NULL);             /* the user's ~/.editrc, if any */
    return true;
}

/* Frees what the loop holds; safe to call twice (__gc after an explicit close). */
static void repl_close(struct repl *r)
{
    if (r->el != NULL)
        el_end(r->el);
    if (r->hist != NULL)
        history_end(r->hist);
    free(r->plain_line);
    if (r->old_ctype != NULL)
        setlocale(LC_CTYPE, r->old_ctype);
    free(r->old_ctype);
    r->old_ctype = NULL;
    r->el = NULL;
    r->hist = NULL;
    r->plain_line = NULL;
}

static int repl_gc(lua_State *L)
{
    repl_close(luaL_checkudata(L, 1, REPL_TYPE));
    return 0;
}

/* Pushes a closed repl userdata (so a failure below leaks nothing), then
 * opens it. */
static struct repl *repl_new(lua_State *L)
{
    struct repl *r = lua_newuserdatauv(L, sizeof *r, 0);
    memset(r, 0, sizeof *r);
    if (luaL_newmetatable(L, REPL_TYPE)) {
        lua_pushcfunction(L, repl_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    r->L = L;
    r->prompt = PROMPT;
    bool terminal = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    if (terminal && !open_editor(r))
        repl_close(r);
    r->prompts = r->el == NULL && isatty(STDIN_FILENO);
    return r;
}

/* ---- reading -------------------------------------------------------------- */

/* The chunk goes to the history, and to the registry for print_values
 * (which labels a call's extra results by the function called). */
static void remember(struct repl *r, const char *chunk)
{
    HistEvent ev;
    lua_pushstring(r->L, chunk);
    lua_setfield(r->L, LUA_REGISTRYINDEX, SOURCE_KEY);
    if (r->hist == NULL)
        return;
    history(r->hist, &ev, H_ENTER, chunk);
    if (r->history_path[0] != '\0')
        history(r->hist, &ev, H_SAVE, r->history_path);   /* each time: a crash loses nothing */
}

/* Reads one line and pushes it without its line end. */
static enum read_result read_line(struct repl *r, const char *prompt)
{
    const char *line;
    size_t len;
    if (r->el != NULL) {
        int count = 0;
        r->prompt = prompt;
        r->dropped = false;
        line = el_gets(r->el, &count);
        if (r->dropped)
            return READ_INTERRUPTED;
        if (line == NULL || count <= 0)
            return READ_EOF;
        len = strlen(line);
    } else {
        if (r->prompts) {
            fputs(prompt, stdout);
            fflush(stdout);
        }
        ssize_t n = getline(&r->plain_line, &r->plain_cap, stdin);
        if (n < 0)
            return READ_EOF;
        line = r->plain_line;
        len = (size_t)n;
    }
    if (len > 0 && line[len - 1] == '\n')
        len--;
    if (len > 0 && line[len - 1] == '\r')
        len--;
    lua_pushlstring(r->L, line, len);
    return READ_LINE;
}

/* A syntax error that only says the chunk ended too early. */
static bool incomplete(lua_State *L, int status)
{
    if (status != LUA_ERRSYNTAX)
        return false;
    size_t len;
    const char *msg = lua_tolstring(L, -1, &len);
    size_t mark = sizeof EOF_MARK - 1;
    return len >= mark && strcmp(msg + len - mark, EOF_MARK) == 0;
}

/* Compiles "return LINE" (the line on top), so that an expression prints its
 * values. On success the function replaces nothing and sits above the line. */
static int load_expression(lua_State *L)
{
    size_t len;
    const char *line = lua_tolstring(L, -1, &len);
    const char *code = lua_pushfstring(L, "return %s;", line);
    int status = luaL_loadbuffer(L, code, strlen(code), "=stdin");
    lua_remove(L, -2);              /* the "return ..." text */
    if (status != LUA_OK)
        lua_pop(L, 1);              /* its error: the line is a statement */
    return status;
}

static bool blank(const char *s)
{
    return s[strspn(s, " \t\r\n")] == '\0';
}

/* Pushes require("petlua.repl")[name]. */
static void push_repl_function(lua_State *L, const char *name)
{
    lua_getglobal(L, "require");
    lua_pushliteral(L, "petlua.repl");
    lua_call(L, 1, 1);
    lua_getfield(L, -1, name);
    lua_remove(L, -2);
}

/* Protected: command_step(line) -> petlua.repl.command(line). */
static int command_step(lua_State *L)
{
    push_repl_function(L, "command");
    lua_insert(L, 1);
    lua_call(L, 1, 1);
    return 1;
}

/* What the first line of a chunk (on top, left there) asks, when it is a
 * command and not Lua: CHUNK_LEAVE (exit, quit), CHUNK_NONE (help, ?name:
 * done), or LUA_OK for a line to run. An error in the command's Lua is
 * reported and the line dropped. */
static int run_command(lua_State *L)
{
    lua_pushcfunction(L, command_step);
    lua_pushvalue(L, -2);
    int status = host_pcall_interruptible(L, 1, 1);
    if (status != LUA_OK) {
        host_report(L, status);
        return CHUNK_NONE;
    }
    const char *what = lua_tostring(L, -1);
    int result = what == NULL ? LUA_OK : strcmp(what, "exit") == 0 ? CHUNK_LEAVE : CHUNK_NONE;
    lua_pop(L, 1);
    return result;
}

/* Reads a chunk and leaves the compiled function (or the syntax error) on the
 * stack. Returns its load status, CHUNK_NONE when there is nothing to run
 * (an empty line, a Ctrl-C), CHUNK_EOF at the end of input. The chunk goes
 * to the history as typed: one line, or its lines joined by "\n". */
static int read_chunk(struct repl *r)
{
    lua_State *L = r->L;
    enum read_result got = read_line(r, PROMPT);
    if (got != READ_LINE)
        return got == READ_EOF ? CHUNK_EOF : CHUNK_NONE;
    const char *line = lua_tostring(L, -1);
    if (blank(line)) {
        lua_pop(L, 1);
        return CHUNK_NONE;
    }
    int command = run_command(L);
    if (command != LUA_OK) {
        remember(r, lua_tostring(L, -1));
        lua_pop(L, 1);
        return command;
    }
    bool equals = line[0] == '=';   /* "=expr", as Lua 5.1 to 5.3 had it */
    if (!equals && load_expression(L) == LUA_OK) {
        remember(r, lua_tostring(L, -2));
        lua_remove(L, -2);          /* the line; keep the function */
        return LUA_OK;
    }
    if (equals)
        lua_pushfstring(L, "return %s", line + 1);
    else
        lua_pushvalue(L, -1);
    /* Stack: the first line as typed, the chunk so far. */
    bool continued = false;
    int status;
    for (;;) {
        size_t len;
        const char *chunk = lua_tolstring(L, -1, &len);
        status = luaL_loadbuffer(L, chunk, len, "=stdin");
        if (!incomplete(L, status))
            break;
        lua_pop(L, 1);              /* the "<eof>" error */
        got = read_line(r, PROMPT_MORE);
        if (got == READ_INTERRUPTED) {
            lua_pop(L, 2);          /* drop the chunk */
            return CHUNK_NONE;
        }
        if (got == READ_EOF) {      /* report the unfinished chunk */
            status = luaL_loadbuffer(L, chunk, len, "=stdin");
            break;
        }
        lua_pushliteral(L, "\n");
        lua_insert(L, -2);
        lua_concat(L, 3);           /* chunk .. "\n" .. line */
        continued = true;
    }
    remember(r, lua_tostring(L, continued ? -2 : -3));
    lua_replace(L, -3);             /* the function or error where the line was */
    lua_pop(L, 1);                  /* the chunk's text */
    return status;
}

/* ---- running and printing ------------------------------------------------- */

/* The terminal's width in columns, or 0 when unknown. */
static int terminal_width(void)
{
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 0;
}

/* Protected: print_values(width, values...) -> petlua.repl.print(width,
 * source, values...), source the chunk that gave them. */
static int print_values(lua_State *L)
{
    push_repl_function(L, "print");
    lua_insert(L, 1);
    lua_getfield(L, LUA_REGISTRYINDEX, SOURCE_KEY);
    lua_insert(L, 3);
    lua_call(L, lua_gettop(L) - 1, 0);
    return 0;
}

/* Prints the n values on top of the stack, and pops them. */
static void print_results(lua_State *L, int n)
{
    int width = terminal_width();
    if (!lua_checkstack(L, 4)) {                    /* the call below needs room */
        lua_pop(L, n);
        fputs("petlua: too many results to print\n", stderr);
        return;
    }
    lua_pushcfunction(L, print_values);
    lua_insert(L, -(n + 1));
    if (width > 0)
        lua_pushinteger(L, width);
    else
        lua_pushnil(L);
    lua_insert(L, -(n + 1));
    int status = host_pcall_interruptible(L, n + 1, 0);   /* a long table: Ctrl-C */
    if (status != LUA_OK) {
        fputs("petlua: cannot print the results: ", stderr);
        host_report(L, status);
    }
}

/* The error on top is exit()'s or quit()'s request to leave ({exit = N,
 * repl_exit = true}, see repl.lua). */
static bool leave_request(lua_State *L)
{
    if (lua_type(L, -1) != LUA_TTABLE)
        return false;
    lua_pushliteral(L, "repl_exit");
    bool leave = lua_rawget(L, -2) == LUA_TBOOLEAN && lua_toboolean(L, -1);
    lua_pop(L, 1);
    return leave;
}

/* Runs the function on top with Ctrl-C armed, then prints what it returned.
 * Returns true when the statement asked to leave (exit()), its status in *code. */
static bool run_statement(lua_State *L, int *code)
{
    int base = lua_gettop(L) - 1;
    int status = host_pcall_interruptible(L, 0, LUA_MULTRET);
    if (status != LUA_OK) {
        bool leave = leave_request(L);
        int c = host_report(L, status);     /* petlua.exit inside the REPL: message only */
        if (leave)
            *code = c;
        return leave;
    }
    int n = lua_gettop(L) - base;
    if (n > 0)
        print_results(L, n);
    return false;
}

/* Protected: petlua.repl.install(), the help, exit and quit functions. */
static int install_step(lua_State *L)
{
    push_repl_function(L, "install");
    lua_call(L, 0, 0);
    return 0;
}

/* ---- completion ----------------------------------------------------------- */

struct tab_request {
    const char *text;   /* the line up to the cursor */
    size_t len;
    int width;
};

/* Protected: petlua.repl.tab(text, width) -> insert, listing. */
static int tab_step(lua_State *L)
{
    const struct tab_request *req = lua_touserdata(L, 1);
    push_repl_function(L, "tab");
    lua_pushlstring(L, req->text, req->len);
    lua_pushinteger(L, req->width > 0 ? req->width : 80);
    lua_call(L, 2, 2);
    return 2;
}

/* Tab: inserts what all candidates share; when that adds nothing and there
 * are several, lists them under the line. Lua errors here only beep. */
static unsigned char complete(EditLine *el, int ch)
{
    (void)ch;
    struct repl *r = NULL;
    el_get(el, EL_CLIENTDATA, &r);
    const LineInfo *li = el_line(el);
    struct tab_request req = {li->buffer, (size_t)(li->cursor - li->buffer), terminal_width()};
    lua_State *L = r->L;
    int top = lua_gettop(L);
    unsigned char result = CC_REFRESH_BEEP;
    lua_pushcfunction(L, tab_step);
    lua_pushlightuserdata(L, &req);
    if (lua_pcall(L, 1, 2, 0) == LUA_OK && lua_isstring(L, -2)) {
        const char *insert = lua_tostring(L, -2);
        const char *listing = lua_tostring(L, -1);
        if (*insert != '\0' && el_insertstr(el, insert) == 0)
            result = CC_REFRESH;
        else if (listing != NULL) {
            fprintf(stdout, "\n%s\n", listing);
            fflush(stdout);
            result = CC_REDISPLAY;
        }
    }
    lua_settop(L, top);
    return result;
}

/* ---- the loop ------------------------------------------------------------- */

int repl_run(lua_State *L)
{
    struct repl *r = repl_new(L);
    int slot = lua_gettop(L);
    if (r->el != NULL) {
        /* On a terminal the person at it expects Ctrl-C to stop a statement,
         * even if whatever started petlua left SIGINT ignored. */
        struct sigaction cur;
        if (sigaction(SIGINT, NULL, &cur) == 0 && cur.sa_handler == SIG_IGN)
            signal(SIGINT, SIG_DFL);
        printf("petlua %s (%s): help for a guide, Tab completes, exit or Ctrl-D leaves\n",
               PETLUA_VERSION, LUA_RELEASE);
        fflush(stdout);
    }
    lua_pushcfunction(L, install_step);
    if (host_pcall(L, 0, 0) != LUA_OK)
        host_report(L, LUA_ERRRUN);
    int code = EXIT_OK;
    bool at_eof = false;
    for (;;) {
        int status = read_chunk(r);
        at_eof = status == CHUNK_EOF;
        if (at_eof || status == CHUNK_LEAVE)
            break;
        if (status == CHUNK_NONE) {
            if (r->dropped) {
                fputc('\n', stdout);
                fflush(stdout);
            }
            continue;
        }
        if (status == LUA_OK) {
            if (run_statement(L, &code))
                break;
        } else {
            host_report(L, status);
        }
        lua_settop(L, slot);
    }
    if (at_eof && (r->el != NULL || r->prompts))
        fputc('\n', stdout);       /* leave the shell's prompt on a line of its own */
    fflush(stdout);
    repl_close(r);
    lua_settop(L, slot - 1);
    return code;
}
