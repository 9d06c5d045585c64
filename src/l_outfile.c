/* l_outfile.c — the "petlua.outfile" module: a file written whole or not at
 * all (outfile.h), for the writers written in Lua (SVG charts, JSON lines,
 * Markdown tables). The CSV writers (l_csv.c) use the same core.
 *
 *   outfile.write(path or "-", text)  -> true
 *   outfile.open(path or "-")         -> f: f:write(text...), f:close() (commits),
 *                                        f:discard(); a closing value
 *
 * Every file is checked against --sandbox's --allow-write folders first. A
 * failure raises "cannot write 'PATH' (reason)" at the caller's line; a
 * regular file is then left as it was. f closed by a <close> variable
 * commits when the scope ends normally and discards on an error; f collected
 * without close() is discarded (and so at exit: outputs.h). */
#include <string.h>

#include "lauxlib.h"
#include "lua.h"

#include "bindings.h"
#include "outfile.h"
#include "outputs.h"
#include "sandbox.h"

#define OUTFILE_MT "petlua.OutFile"
#define MESSAGE_SIZE 1024

struct outfile_box {
    struct outfile *o;        /* NULL once closed or discarded */
};

static struct outfile_box *check_box(lua_State *L, int arg)
{
    return luaL_checkudata(L, arg, OUTFILE_MT);
}

/* Frees the output (discarded unless committed); the box at idx is done. */
static void box_end(lua_State *L, int idx, struct outfile_box *box)
{
    outfile_free(box->o);
    box->o = NULL;
    outputs_set(L, idx, 0);
}

/* Raises the output's error at the caller's position, after freeing it. */
static int box_raise(lua_State *L, int idx, struct outfile_box *box)
{
    luaL_where(L, 1);
    lua_pushstring(L, outfile_error(box->o));
    lua_concat(L, 2);
    box_end(L, idx, box);
    return lua_error(L);
}

/* Pushes a new open output for path. */
static struct outfile_box *open_box(lua_State *L, const char *path)
{
    sandbox_check_write(L, path);
    struct outfile_box *box = lua_newuserdatauv(L, sizeof *box, 0);
    box->o = NULL;                                   /* closed until opened: nothing leaks */
    luaL_setmetatable(L, OUTFILE_MT);
    char err[MESSAGE_SIZE];
    box->o = outfile_open(path, err, sizeof err);
    if (box->o == NULL)
        luaL_error(L, "%s", err);
    outputs_set(L, -1, 1);
    return box;
}

static int outfile_l_open(lua_State *L)
{
    open_box(L, luaL_checkstring(L, 1));
    return 1;
}

/* f:write(text...) -> f */
static int box_write(lua_State *L)
{
    struct outfile_box *box = check_box(L, 1);
    if (box->o == NULL)
        return luaL_error(L, "attempt to use a closed " OUTFILE_MT);
    int n = lua_gettop(L);
    for (int i = 2; i <= n; i++) {
        size_t len;
        const char *s = luaL_checklstring(L, i, &len);
        if (outfile_write(box->o, s, len) != 0)
            return box_raise(L, 1, box);
    }
    lua_settop(L, 1);
    return 1;
}

/* f:close() -> true: commits (renames a temporary file into place). Twice
 * is harmless. */
static int box_close(lua_State *L)
{
    struct outfile_box *box = check_box(L, 1);
    if (box->o != NULL) {
        if (outfile_commit(box->o) != 0)
            return box_raise(L, 1, box);
        box_end(L, 1, box);
    }
    lua_pushboolean(L, 1);
    return 1;
}

/* f:discard(), and __gc: the output abandoned, the target as it was. */
static int box_discard(lua_State *L)
{
    box_end(L, 1, check_box(L, 1));
    return 0;
}

/* __close(f, err): commit when the scope ends normally, discard on an error. */
static int box_toclose(lua_State *L)
{
    return lua_isnoneornil(L, 2) ? box_close(L) : box_discard(L);
}

static int box_tostring(lua_State *L)
{
    struct outfile_box *box = check_box(L, 1);
    if (box->o == NULL)
        lua_pushliteral(L, OUTFILE_MT " (closed)");
    else
        lua_pushfstring(L, OUTFILE_MT " (%s)", outfile_name(box->o));
    return 1;
}

/* write(path or "-", text) -> true: the whole text, whole or not at all. */
static int outfile_l_write(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    size_t len;
    const char *text = luaL_checklstring(L, 2, &len);
    lua_settop(L, 2);
    struct outfile_box *box = open_box(L, path);     /* 3 */
    if (outfile_write(box->o, text, len) != 0 || outfile_commit(box->o) != 0)
        return box_raise(L, 3, box);
    box_end(L, 3, box);
    lua_pushboolean(L, 1);
    return 1;
}

static const luaL_Reg outfile_funcs[] = {
    {"open", outfile_l_open},
    {"write", outfile_l_write},
    {NULL, NULL},
};

static const luaL_Reg box_meta[] = {
    {"__gc", box_discard},
    {"__close", box_toclose},
    {"__tostring", box_tostring},
    {NULL, NULL},
};

static const luaL_Reg box_methods[] = {
    {"close", box_close},
    {"discard", box_discard},
    {"write", box_write},
    {NULL, NULL},
};

int luaopen_petlua_outfile(lua_State *L)
{
    luaL_newmetatable(L, OUTFILE_MT);
    luaL_setfuncs(L, box_meta, 0);
    luaL_newlib(L, box_methods);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    luaL_newlib(L, outfile_funcs);
    return 1;
}
