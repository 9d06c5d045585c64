/* bindings.h — the Lua modules written in C, one per l_*.c file.
 * The host registers each in package.preload under its module name. */
#ifndef PETLUA_BINDINGS_H
#define PETLUA_BINDINGS_H

#include <stdbool.h>

#include "lua.h"

struct vocab;

int luaopen_petlua_page(lua_State *L);  /* "petlua.page": records from pages and CSV (l_page.c) */
int luaopen_petlua_set_core(lua_State *L); /* "petlua.set.core": set's C sort (l_set.c) */
int luaopen_petlua_date(lua_State *L);  /* "petlua.date" (l_date.c) */
int luaopen_petlua_text_core(lua_State *L);  /* "petlua.text.core" (l_text.c; petlua.text is text.lua) */
int luaopen_petlua_csv(lua_State *L);   /* "petlua.csv"  (l_csv.c) */
int luaopen_petlua_outfile(lua_State *L); /* "petlua.outfile": files written whole (l_outfile.c) */
int luaopen_petlua_tidy(lua_State *L);   /* "petlua.tidy": tables, one value a cell (l_tidy.c) */
int luaopen_petlua_vocab(lua_State *L);  /* "petlua.vocab": the vocabularies (l_vocab.c) */
/* The vocabulary of the petlua.vocab object at idx (raises if it is none). */
struct vocab *petlua_check_vocab(lua_State *L, int idx);
/* A record's signatures_by_constituency is pushed as an empty list whose
 * metatable holds its rows until first use (l_page.c): this builds them
 * into the list at idx and removes the metatable, if it is such a list
 * (returns whether it was). Call it before reading such a list raw
 * (lua_rawlen, lua_next, lua_rawgeti, a check for no metatable). */
bool petlua_rows_whole(lua_State *L, int idx);

#endif
