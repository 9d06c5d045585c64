/* l_text.c — the "petlua.text" module: words, stems, stopwords, similarity
 * and near-duplicates for English and French, over the C core in text.c.
 * ngrams, freq and tfidf are written in Lua (lib/lua/petlua/text_extra.lua)
 * and added to this module's table when it is opened.
 *
 * Every function raises on misuse (a wrong argument type or value). Text
 * arguments may hold any bytes: invalid UTF-8 is read as U+FFFD (text.h).
 * What the core allocates lives in a scratch userdata with __gc until it has
 * been copied into Lua values, so a raise in between leaks nothing. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lauxlib.h"
#include "bindings.h"
#include "sandbox.h"
#include "text.h"

#define SCRATCH "petlua.TextScratch"

/* Results of a core call, owned until freed by scratch_close or __gc. */
struct scratch {
    struct text_buf buf;
    struct text_list list;
    struct text_groups groups;
    struct text_str *texts;  /* borrowed Lua strings, for near_duplicates */
};

/* Push a new, empty scratch; it is safe to collect at any point. */
static struct scratch *scratch_new(lua_State *L)
{
    struct scratch *sc = lua_newuserdatauv(L, sizeof *sc, 0);
    memset(sc, 0, sizeof *sc);
    luaL_setmetatable(L, SCRATCH);
    return sc;
}

/* Free what the scratch holds; safe to call twice (__gc, __close, by hand). */
static void scratch_free(struct scratch *sc)
{
    text_buf_free(&sc->buf);
    text_list_free(&sc->list);
    text_groups_free(&sc->groups);
    free(sc->texts);
    sc->texts = NULL;
}

static int scratch_close(lua_State *L)
{
    scratch_free(luaL_checkudata(L, 1, SCRATCH));
    return 0;
}

static int scratch_tostring(lua_State *L)
{
    lua_pushfstring(L, SCRATCH " (%p)", luaL_checkudata(L, 1, SCRATCH));
    return 1;
}

static int out_of_memory(lua_State *L)
{
    return luaL_error(L, "not enough memory");
}

/* The list as a Lua sequence of strings. */
static void push_list(lua_State *L, const struct text_list *l)
{
    lua_createtable(L, (int)l->n, 0);
    for (size_t i = 0; i < l->n; i++) {
        size_t n;
        const char *s = text_list_item(l, i, &n);
        lua_pushlstring(L, s, n);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* A lang argument: "en" or "fr". */
static enum text_lang check_lang(lua_State *L, int arg)
{
    static const char *const names[] = {"en", "fr", NULL};
    return luaL_checkoption(L, arg, NULL, names) == 0 ? TEXT_LANG_EN : TEXT_LANG_FR;
}

/* normalize(s) -> s in NFC, lower case. */
static int text_l_normalize(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    struct scratch *sc = scratch_new(L);
    if (text_normalize(s, len, &sc->buf))
        return out_of_memory(L);
    lua_pushlstring(L, sc->buf.data ? sc->buf.data : "", sc->buf.len);
    scratch_free(sc);
    return 1;
}

/* fold(s) -> s normalized, without accents, ligatures spelled out. */
static int text_l_fold(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    struct scratch *sc = scratch_new(L);
    if (text_fold(s, len, &sc->buf))
        return out_of_memory(L);
    lua_pushlstring(L, sc->buf.data ? sc->buf.data : "", sc->buf.len);
    scratch_free(sc);
    return 1;
}

/* The options table of words(s, opts): lang, stop, stem, fold; any other key
 * is a mistake and raises. */
static void check_word_opts(lua_State *L, int arg, struct text_words_opts *o)
{
    memset(o, 0, sizeof *o);
    if (lua_isnoneornil(L, arg))
        return;
    luaL_checktype(L, arg, LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, arg)) {  /* key at -2, value at -1 */
        const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
        if (key && !strcmp(key, "lang")) {
            if (!lua_isnil(L, -1)) {
                size_t n;
                const char *name = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &n) : NULL;
                o->lang = name ? text_lang_from_name(name, n) : TEXT_LANG_AUTO;
                if (o->lang == TEXT_LANG_AUTO)
                    luaL_argerror(L, arg, lua_pushfstring(L, "lang must be \"en\" or \"fr\", got %s",
                                                          name ? name : luaL_typename(L, -1)));
            }
        } else if (key && !strcmp(key, "stop")) {
            o->stop = lua_toboolean(L, -1);
        } else if (key && !strcmp(key, "stem")) {
            o->stem = lua_toboolean(L, -1);
        } else if (key && !strcmp(key, "fold")) {
            o->fold = lua_toboolean(L, -1);
        } else {
            luaL_argerror(L, arg, lua_pushfstring(L, "unknown option '%s'",
                                                  key ? key : luaL_typename(L, -2)));
        }
        lua_pop(L, 1);
    }
}

/* words(s, [{lang=, stop=, stem=, fold=}]) -> list of words (text.h, text_words). */
static int text_l_words(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    struct text_words_opts o;
    check_word_opts(L, 2, &o);
    struct scratch *sc = scratch_new(L);
    if (text_words(s, len, &o, &sc->list))
        return out_of_memory(L);
    push_list(L, &sc->list);
    scratch_free(sc);
    return 1;
}

/* stopwords(lang) -> set: each stopword, as written and folded, -> true. */
static int text_l_stopwords(lua_State *L)
{
    enum text_lang lang = check_lang(L, 1);
    size_t n;
    const char *const *list = text_stopword_list(lang, &n);
    struct scratch *sc = scratch_new(L);
    lua_createtable(L, 0, (int)n);
    for (size_t i = 0; i < n; i++) {
        lua_pushboolean(L, 1);
        lua_setfield(L, -2, list[i]);
        sc->buf.len = 0;
        if (text_fold(list[i], strlen(list[i]), &sc->buf))
            return out_of_memory(L);
        lua_pushlstring(L, sc->buf.data, sc->buf.len);
        lua_pushboolean(L, 1);
        lua_rawset(L, -3);
    }
    scratch_free(sc);
    return 1;
}

/* stem(word, lang) -> the Snowball stem of the normalized word. */
static int text_l_stem(lua_State *L)
{
    size_t len;
    const char *word = luaL_checklstring(L, 1, &len);
    enum text_lang lang = check_lang(L, 2);
    struct scratch *sc = scratch_new(L);
    if (text_stem(word, len, lang, &sc->buf))
        return out_of_memory(L);
    lua_pushlstring(L, sc->buf.data ? sc->buf.data : "", sc->buf.len);
    scratch_free(sc);
    return 1;
}

/* similarity(a, b) -> Jaccard over 3-word shingles of folded words, 0..1. */
static int text_l_similarity(lua_State *L)
{
    size_t alen, blen;
    const char *a = luaL_checklstring(L, 1, &alen);
    const char *b = luaL_checklstring(L, 2, &blen);
    double sim = text_similarity(a, alen, b, blen);
    if (sim < 0)
        return out_of_memory(L);
    lua_pushnumber(L, sim);
    return 1;
}

/* Past the --max-seconds deadline (a CLOCK_MONOTONIC second)? */
static bool deadline_passed(void *arg)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec * 1e-9 >= *(const double *)arg;
}

/* near_duplicates(texts, [threshold = 0.8]) -> list of groups, each a sorted
 * list of 1-based indices (two or more); groups ordered by first index. */
static int text_l_near_duplicates(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    double threshold = luaL_optnumber(L, 2, 0.8);
    luaL_argcheck(L, threshold > 0 && threshold <= 1, 2, "threshold must be in (0, 1]");
    lua_Integer n = luaL_len(L, 1);
    struct scratch *sc = scratch_new(L);
    sc->texts = malloc((size_t)(n > 0 ? n : 1) * sizeof *sc->texts);
    if (!sc->texts)
        return out_of_memory(L);
    for (lua_Integer i = 1; i <= n; i++) {
        if (lua_geti(L, 1, i) != LUA_TSTRING)
            return luaL_argerror(L, 1, lua_pushfstring(L, "string expected at index %I, got %s",
                                                       i, luaL_typename(L, -1)));
        /* The table at argument 1 keeps the string alive while we use it. */
        sc->texts[i - 1].s = lua_tolstring(L, -1, &sc->texts[i - 1].len);
        lua_pop(L, 1);
    }
    /* Under --max-seconds the core stops at the deadline; then we raise the stop. */
    double deadline = 0;
    struct text_cancel cancel = {deadline_passed, &deadline};
    bool limited = lua_getfield(L, LUA_REGISTRYINDEX, SANDBOX_DEADLINE) == LUA_TNUMBER;
    deadline = lua_tonumber(L, -1);
    lua_pop(L, 1);
    int rc = text_near_duplicates_cancel(sc->texts, (size_t)(n > 0 ? n : 0), threshold,
                                         limited ? &cancel : NULL, &sc->groups);
    if (rc == -2)
        sandbox_check_deadline(L);  /* raises */
    if (rc)
        return out_of_memory(L);
    const struct text_groups *g = &sc->groups;
    lua_createtable(L, (int)g->n, 0);
    for (size_t k = 0; k < g->n; k++) {
        lua_createtable(L, (int)(g->start[k + 1] - g->start[k]), 0);
        for (size_t m = g->start[k]; m < g->start[k + 1]; m++) {
            lua_pushinteger(L, (lua_Integer)g->index[m] + 1);
            lua_rawseti(L, -2, (lua_Integer)(m - g->start[k]) + 1);
        }
        lua_rawseti(L, -2, (lua_Integer)k + 1);
    }
    scratch_free(sc);
    return 1;
}

/* kwic(text, word, [width = 30]) -> one line per match (text.h, text_kwic). */
static int text_l_kwic(lua_State *L)
{
    size_t len, qlen;
    const char *text = luaL_checklstring(L, 1, &len);
    const char *word = luaL_checklstring(L, 2, &qlen);
    lua_Integer width = luaL_optinteger(L, 3, 30);
    luaL_argcheck(L, width >= 0, 3, "width must not be negative");
    struct scratch *sc = scratch_new(L);
    if (text_kwic(text, len, word, qlen, (size_t)width, &sc->list))
        return out_of_memory(L);
    push_list(L, &sc->list);
    scratch_free(sc);
    return 1;
}

/* sentences(s) -> list of sentences, white space made single spaces. */
static int text_l_sentences(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    struct scratch *sc = scratch_new(L);
    if (text_sentences(s, len, &sc->list))
        return out_of_memory(L);
    push_list(L, &sc->list);
    scratch_free(sc);
    return 1;
}

/* wrap(s, [width = 72]) -> s filled to width display columns, lines joined by "\n". */
static int text_l_wrap(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    lua_Integer width = luaL_optinteger(L, 2, 72);
    luaL_argcheck(L, width >= 1, 2, "width must be at least 1");
    struct scratch *sc = scratch_new(L);
    if (text_wrap(s, len, (size_t)width, &sc->buf))
        return out_of_memory(L);
    lua_pushlstring(L, sc->buf.data ? sc->buf.data : "", sc->buf.len);
    scratch_free(sc);
    return 1;
}

/* width(s) -> the display columns s takes on a terminal (a wide character 2,
 * a combining mark 0). */
static int text_l_width(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    lua_pushinteger(L, (lua_Integer)text_width(s, len));
    return 1;
}

/* fit(s, cols) -> the longest start of s, cut between characters, that takes
 * at most cols display columns. */
static int text_l_fit(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    lua_Integer cols = luaL_checkinteger(L, 2);
    lua_pushlstring(L, s, cols <= 0 ? 0 : text_fit(s, len, (size_t)cols));
    return 1;
}

/* detect_lang(s) -> "en", "fr", or nil when unsure. */
static int text_l_detect_lang(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    switch (text_detect_lang(s, len)) {
    case TEXT_LANG_EN: lua_pushliteral(L, "en"); break;
    case TEXT_LANG_FR: lua_pushliteral(L, "fr"); break;
    default: lua_pushnil(L); break;
    }
    return 1;
}

/* versions() -> the libraries behind this module, for `petlua --version`. */
static int text_l_versions(lua_State *L)
{
    lua_createtable(L, 2, 0);
    lua_pushfstring(L, "utf8proc %s", text_utf8proc_version());
    lua_rawseti(L, -2, 1);
    lua_pushliteral(L, "Snowball (libstemmer)");
    lua_rawseti(L, -2, 2);
    return 1;
}

static const luaL_Reg text_funcs[] = {
    {"detect_lang", text_l_detect_lang},
    {"fold", text_l_fold},
    {"kwic", text_l_kwic},
    {"near_duplicates", text_l_near_duplicates},
    {"normalize", text_l_normalize},
    {"sentences", text_l_sentences},
    {"similarity", text_l_similarity},
    {"stem", text_l_stem},
    {"stopwords", text_l_stopwords},
    {"versions", text_l_versions},
    {"words", text_l_words},
    {"wrap", text_l_wrap},
    {"width", text_l_width},
    {"fit", text_l_fit},
    {NULL, NULL},
};

static const luaL_Reg scratch_meta[] = {
    {"__gc", scratch_close},
    {"__close", scratch_close},
    {"__tostring", scratch_tostring},
    {NULL, NULL},
};

int luaopen_petlua_text(lua_State *L)
{
    if (luaL_newmetatable(L, SCRATCH))
        luaL_setfuncs(L, scratch_meta, 0);
    lua_pop(L, 1);
    luaL_newlib(L, text_funcs);
    /* ngrams, freq, tfidf: require("petlua.text_extra")(M) adds them. */
    lua_getglobal(L, "require");
    lua_pushliteral(L, "petlua.text_extra");
    lua_call(L, 1, 1);              /* the installer function */
    lua_pushvalue(L, -2);           /* the module table */
    lua_call(L, 1, 0);
    return 1;
}
