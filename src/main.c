/* main.c — petlua's command line: options, script lookup, and the run.
 *
 *   petlua [options] [script [args...]]
 *
 * main() only parses the command line and creates the state; the real work
 * runs in a protected call (pmain), as in Lua's own lua.c. */
#include <errno.h>
#include <dirent.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"

#include "host.h"
#include "repl.h"

#define MAX_ACTIONS 64

/* An -e or -l, in the order given. */
struct action {
    char kind;          /* 'e' or 'l' */
    const char *text;
};

struct cmdline {
    struct host_options host;
    struct action actions[MAX_ACTIONS];
    int n_actions;
    bool interactive;   /* -i */
    bool from_stdin;    /* - */
    bool list;          /* --list */
    bool version;       /* --version */
    bool help;          /* -h, --help */
    const char *help_name; /* --help NAME */
    int script;         /* index in argv of the script, or 0 */
    int argc;
    char **argv;
};

static void print_usage(FILE *f)
{
    fputs("usage: petlua [options] [script [args...]]\n"
          "Run a Lua script on petitions to the House of Commons of Canada.\n"
          "\n"
          "  script            a path, or a NAME looked up as NAME.lua in ./scripts,\n"
          "                    the installed scripts and $PETLUA_PATH (folders separated by :)\n"
          "  -                 read the program from standard input\n"
          "  -e STAT           execute the string STAT (may repeat)\n"
          "  -l [G=]MOD        require the module MOD first, as the global G (default: the\n"
          "                    last part of its name: -l petlua.stats sets stats; may repeat)\n"
          "  -i                enter the REPL after running the script\n"
          "  -d DIR            the data folder petlua.load() reads (default: $PETLUA_DATA or ./data)\n"
          "  -q                no progress output\n"
          "  --list            list the scripts in the script path\n"
          "  --help [NAME]     this help, or the documentation of the script NAME\n"
          "  --sandbox         run a script from someone else with restricted rights:\n"
          "    --allow-write DIR   allow writing files under DIR (may repeat)\n"
          "    --max-seconds N     stop the script after N seconds\n"
          "  --version         versions of petlua, Lua and the libraries\n"
          "\n"
          "With no script: the REPL on a terminal, else the program on standard input.\n"
          "Exit status: 0 success, 1 script error, 2 bad usage.\n", f);
}

/* Options end at the script name, "-", or "--". Returns EXIT_OK or EXIT_USAGE. */
static int parse_cmdline(struct cmdline *cl, int argc, char **argv)
{
    const char *env_data = getenv("PETLUA_DATA");
    cl->host.data_dir = env_data && *env_data ? env_data : "data";
    cl->argc = argc;
    cl->argv = argv;
    int i;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool needs_value = !strcmp(a, "-e") || !strcmp(a, "-l") || !strcmp(a, "-d") ||
                           !strcmp(a, "--allow-write") || !strcmp(a, "--max-seconds");
        if (a[0] != '-' || !strcmp(a, "-"))
            break;
        if (!strcmp(a, "--")) {
            i++;
            break;
        }
        if (needs_value && i + 1 >= argc) {
            host_message("option '%s' needs an argument (see petlua --help)", a);
            return EXIT_USAGE;
        }
        if (!strcmp(a, "-e") || !strcmp(a, "-l")) {
            if (cl->n_actions == MAX_ACTIONS) {
                host_message("too many -e and -l options");
                return EXIT_USAGE;
            }
            cl->actions[cl->n_actions++] = (struct action){a[1], argv[++i]};
        } else if (!strcmp(a, "-d")) {
            cl->host.data_dir = argv[++i];
        } else if (!strcmp(a, "-i")) {
            cl->interactive = true;
        } else if (!strcmp(a, "-q")) {
            cl->host.quiet = true;
        } else if (!strcmp(a, "--list")) {
            cl->list = true;
        } else if (!strcmp(a, "--version") || !strcmp(a, "-v")) {
            cl->version = true;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            cl->help = true;
            if (i + 1 < argc && argv[i + 1][0] != '-')
                cl->help_name = argv[++i];
        } else if (!strcmp(a, "--sandbox")) {
            cl->host.sandbox = true;
        } else if (!strcmp(a, "--allow-write")) {
            if (cl->host.n_allow_write == HOST_MAX_ALLOW) {
                host_message("too many --allow-write options");
                return EXIT_USAGE;
            }
            cl->host.allow_write[cl->host.n_allow_write++] = argv[++i];
        } else if (!strcmp(a, "--max-seconds")) {
            char *end;
            const char *v = argv[++i];
            errno = 0;
            cl->host.max_seconds = strtod(v, &end);
            if (errno || end == v || *end || !(cl->host.max_seconds > 0)) {
                host_message("--max-seconds needs a positive number of seconds, not '%s'", v);
                return EXIT_USAGE;
            }
        } else {
            host_message("unknown option '%s' (see petlua --help)", a);
            return EXIT_USAGE;
        }
    }
    if (i < argc) {
        if (!strcmp(argv[i], "-"))
            cl->from_stdin = true;
        cl->script = i;
    }
    if ((cl->host.n_allow_write || cl->host.max_seconds > 0) && !cl->host.sandbox) {
        host_message("--allow-write and --max-seconds go with --sandbox");
        return EXIT_USAGE;
    }
    for (size_t k = 0; k < cl->host.n_allow_write; k++) {
        struct stat st;
        const char *dir = cl->host.allow_write[k];
        if (stat(dir, &st) != 0) {
            host_message("--allow-write '%s': %s", dir, strerror(errno));
            return EXIT_USAGE;
        }
        if (!S_ISDIR(st.st_mode)) {
            host_message("--allow-write '%s': not a folder", dir);
            return EXIT_USAGE;
        }
    }
    return EXIT_OK;
}

/* ---- the script path ---------------------------------------------------- */

/* Calls fn(dir, ud) for each folder of the script path, in order:
 * ./scripts, the installed scripts folder, then $PETLUA_PATH entries.
 * Stops early when fn returns true. */
static bool each_script_dir(bool (*fn)(const char *dir, void *ud), void *ud)
{
    if (fn("scripts", ud) || fn(host_scripts_dir(), ud))
        return true;
    const char *env = getenv("PETLUA_PATH");
    if (env == NULL)
        return false;
    char buf[PATH_MAX];
    while (*env) {
        size_t n = strcspn(env, ":");
        if (n > 0 && n < sizeof buf) {
            memcpy(buf, env, n);
            buf[n] = '\0';
            if (fn(buf, ud))
                return true;
        }
        env += n + (env[n] == ':');
    }
    return false;
}

static bool is_regular_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

struct lookup {
    const char *name;
    char path[PATH_MAX];
};

static bool lookup_in(const char *dir, void *ud)
{
    struct lookup *lk = ud;
    int n = snprintf(lk->path, sizeof lk->path, "%s/%s.lua", dir, lk->name);
    return n > 0 && (size_t)n < sizeof lk->path && is_regular_file(lk->path);
}

/* A script given as an existing path runs as is; a bare NAME (no '/') is
 * looked up as NAME.lua in the script path. Returns NULL when not found. */
static const char *resolve_script(const char *arg, struct lookup *lk)
{
    if (is_regular_file(arg) || strchr(arg, '/') != NULL)
        return arg;
    size_t len = strlen(arg);
    char name[NAME_MAX + 1];
    if (len > 4 && !strcmp(arg + len - 4, ".lua"))
        len -= 4;
    if (len == 0 || len >= sizeof name)
        return NULL;
    memcpy(name, arg, len);
    name[len] = '\0';
    lk->name = name;
    const char *found = each_script_dir(lookup_in, lk) ? lk->path : NULL;
    lk->name = NULL;
    return found;
}

/* ---- script metadata: the leading comment block ------------------------- */

/* Prints the leading "--" lines of a script, without the dashes. With
 * first_only, prints "NAME  description" from "-- NAME: description". */
static bool print_metadata(const char *path, bool first_only, FILE *out)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return false;
    char line[1024];
    bool any = false;
    while (fgets(line, sizeof line, f)) {
        if (!any && line[0] == '#' && line[1] == '!')
            continue;
        if (strncmp(line, "--", 2) != 0)
            break;
        const char *text = line + 2;
        if (*text == ' ')
            text++;
        if (first_only) {
            const char *colon = strchr(text, ':');
            const char *desc = colon ? colon + 1 : text;
            desc += strspn(desc, " \t");
            fprintf(out, "%.*s", (int)strcspn(desc, "\r\n"), desc);
            any = true;
            break;
        }
        fputs(text, out);
        any = true;
    }
    fclose(f);
    return any;
}

#define MAX_LISTED 512

struct listing {
    char *names[MAX_LISTED];
    int n;
};

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool listed_already(const struct listing *ls, const char *name)
{
    for (int i = 0; i < ls->n; i++)
        if (!strcmp(ls->names[i], name))
            return true;
    return false;
}

/* Lists one folder's scripts; a name found earlier in the path hides later ones. */
static bool list_dir(const char *dir, void *ud)
{
    struct listing *ls = ud;
    DIR *d = opendir(dir);
    if (d == NULL)
        return false;
    struct dirent *e;
    int first = ls->n;
    while ((e = readdir(d)) != NULL && ls->n < MAX_LISTED) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len <= 4 || strcmp(e->d_name + len - 4, ".lua"))
            continue;
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        e->d_name[len - 4] = '\0';
        if (!is_regular_file(path) || listed_already(ls, e->d_name))
            continue;
        ls->names[ls->n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(ls->names + first, (size_t)(ls->n - first), sizeof ls->names[0], compare_names);
    for (int i = first; i < ls->n; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s.lua", dir, ls->names[i]);
        printf("%-18s ", ls->names[i]);
        if (!print_metadata(path, true, stdout))
            printf("(no description)");
        printf("\n");
    }
    return false;
}

static int list_scripts(void)
{
    struct listing ls = {.n = 0};
    each_script_dir(list_dir, &ls);
    for (int i = 0; i < ls.n; i++)
        free(ls.names[i]);
    return EXIT_OK;
}

static int help_script(const char *name)
{
    struct lookup lk;
    const char *path = resolve_script(name, &lk);
    if (path == NULL || !is_regular_file(path)) {
        host_message("no script '%s' in the script path (see petlua --list)", name);
        return EXIT_USAGE;
    }
    if (!print_metadata(path, false, stdout))
        printf("%s: no description\n", path);
    return EXIT_OK;
}

/* ---- running ------------------------------------------------------------ */

/* The global `arg`, as lua.c makes it: arg[0] the script, arg[1..] its
 * arguments, negative indices the options before it. */
static void create_arg_table(lua_State *L, const struct cmdline *cl)
{
    int script = cl->script ? cl->script : cl->argc;
    lua_createtable(L, cl->argc - script, script + 1);
    for (int i = 0; i < cl->argc; i++) {
        lua_pushstring(L, cl->argv[i]);
        lua_rawseti(L, -2, i - script);
    }
    lua_setglobal(L, "arg");
}

/* Calls the chunk below its nargs arguments (status: how loading went; on a
 * load error the message is on top and there are no arguments). */
static int run_chunk(lua_State *L, int status, int nargs)
{
    if (status == LUA_OK)
        status = host_pcall_interruptible(L, nargs, 0);
    return host_report(L, status);
}

static int run_string(lua_State *L, const char *code)
{
    return run_chunk(L, luaL_loadbuffer(L, code, strlen(code), "=(command line)"), 0);
}

/* -l MOD: global = require "MOD". The global is named after the last part of
 * a dotted name (-l petlua.stats sets `stats`), or given: -l g=MOD. */
static int run_require(lua_State *L, const char *spec)
{
    const char *eq = strchr(spec, '=');
    const char *mod = eq ? eq + 1 : spec;
    const char *dot = strrchr(mod, '.');
    const char *global = eq ? lua_pushlstring(L, spec, (size_t)(eq - spec))
                            : lua_pushstring(L, dot ? dot + 1 : mod);
    lua_getglobal(L, "require");
    lua_pushstring(L, mod);
    int status = host_pcall(L, 1, 1);
    if (status == LUA_OK)
        lua_setglobal(L, global);
    status = host_report(L, status);
    lua_pop(L, 1);                  /* the global's name */
    return status;
}

/* Loads the script (NULL: stdin) and calls it with its arguments as `...`.
 * Its path is its chunk name, so errors read "scripts/x.lua:12: ...". A
 * script that is not there is bad usage (status 2), like an unknown name. */
static int run_script(lua_State *L, const struct cmdline *cl, const char *path)
{
    struct stat st;
    if (path != NULL && stat(path, &st) != 0) {
        host_message("cannot open script '%s': %s", path, strerror(errno));
        return EXIT_USAGE;
    }
    if (path != NULL && !S_ISREG(st.st_mode)) {
        host_message("cannot open script '%s': not a regular file", path);
        return EXIT_USAGE;
    }
    /* Under --sandbox a script is text only: a binary chunk could break the VM. */
    int status = luaL_loadfilex(L, path, cl->host.sandbox ? "t" : NULL);
    int nargs = cl->script ? cl->argc - cl->script - 1 : 0;
    if (status == LUA_OK) {
        /* Room for the arguments and what the call adds (its message
         * handler), as lua.c asks before pushing them. */
        if (!lua_checkstack(L, nargs + 3)) {
            lua_pop(L, 1);
            host_message("too many arguments to script (%d)", nargs);
            return EXIT_USAGE;
        }
        for (int i = 0; i < nargs; i++)      /* none for the program on stdin */
            lua_pushstring(L, cl->argv[cl->script + 1 + i]);
    } else {
        nargs = 0;
    }
    return run_chunk(L, status, nargs);
}

static int run_actions(lua_State *L, const struct cmdline *cl)
{
    for (int i = 0; i < cl->n_actions; i++) {
        const struct action *a = &cl->actions[i];
        int code = a->kind == 'e' ? run_string(L, a->text) : run_require(L, a->text);
        if (code != EXIT_OK)
            return code;
    }
    return EXIT_OK;
}

static int print_version(lua_State *L)
{
    printf("petlua %s\n", PETLUA_VERSION);
    lua_getglobal(L, "petlua");
    lua_getfield(L, -1, "versions");
    if (lua_isfunction(L, -1) && lua_pcall(L, 0, 1, 0) == LUA_OK && lua_isstring(L, -1))
        printf("%s\n", lua_tostring(L, -1));
    else
        printf("%s\n", LUA_RELEASE);
    lua_settop(L, 0);
    return EXIT_OK;
}

/* Everything after state creation, in the order lua.c uses. */
static int run(lua_State *L, const struct cmdline *cl)
{
    if (cl->version)
        return print_version(L);
    create_arg_table(L, cl);
    int code = run_actions(L, cl);
    if (code != EXIT_OK)
        return code;
    if (cl->script) {
        const char *path = NULL;
        struct lookup lk;
        if (!cl->from_stdin) {
            path = resolve_script(cl->argv[cl->script], &lk);
            if (path == NULL) {
                const char *name = cl->argv[cl->script];
                size_t len = strlen(name);
                bool has_ext = len > 4 && strcmp(name + len - 4, ".lua") == 0;
                host_message("no script '%s': not a file, nor %s%s in the script path "
                             "(see petlua --list)", name, name, has_ext ? "" : ".lua");
                return EXIT_USAGE;
            }
        }
        code = run_script(L, cl, path);
        if (code != EXIT_OK || !cl->interactive)
            return code;
        return repl_run(L);
    }
    if (cl->interactive || (cl->n_actions == 0 && isatty(STDIN_FILENO)))
        return repl_run(L);
    if (cl->n_actions == 0)
        return run_script(L, cl, NULL);
    return EXIT_OK;
}

/* The run in protected mode, as lua.c's pmain: even a memory error while
 * making the arg table ends in a message, not a C-level crash. */
static int pmain(lua_State *L)
{
    const struct cmdline *cl = lua_touserdata(L, 1);
    lua_settop(L, 0);
    int code = run(L, cl);
    /* The run is over: a --max-seconds stop already reported must not be
     * raised again by its hook as this function returns. */
    lua_sethook(L, NULL, 0, 0);
    lua_pushinteger(L, code);
    return 1;
}

int main(int argc, char **argv)
{
    struct cmdline cl = {.n_actions = 0};
    int code = parse_cmdline(&cl, argc, argv);
    if (code != EXIT_OK)
        return code;
    if (cl.help && cl.help_name == NULL) {
        print_usage(stdout);
        return EXIT_OK;
    }
    if (cl.help)
        return help_script(cl.help_name);
    if (cl.list)
        return list_scripts();
    char err[512];
    lua_State *L = host_new_state(&cl.host, err, sizeof err);
    if (L == NULL) {
        host_message("%s", err);
        return EXIT_SCRIPT;
    }
    lua_pushcfunction(L, pmain);
    lua_pushlightuserdata(L, &cl);
    int status = lua_pcall(L, 1, 1, 0);
    code = status == LUA_OK ? (int)lua_tointeger(L, -1) : host_report(L, status);
    host_finish(L); /* not lua_close: see host.h */
    return code;
}
