/* l_text.c — the "petlua.text.core" module: words, stems, stopwords,
 * similarity and near-duplicates for English and French, over the C core in
 * text.c, and tf-idf over tfidf.c. petlua.text is lib/lua/petlua/text.lua:
 * this table, with ngrams and freq (written in Lua) added to it.
 *
 * Every function raises on misuse (a wrong argument type or value). Text
 * arguments may hold any bytes: invalid UTF-8 is read as U+FFFD (text.h).
 * What the core allocates lives in a scratch userdata with __gc until it has
 * been copied into Lua values, so a raise in between leaks nothing. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lauxlib.h"
#include "bindings.h"
#include "interrupt.h"
#include "sandbox.h"
#include "text.h"
#include "tfidf.h"

#define SCRATCH "petlua.TextScratch"

/* Results of a core call, owned until freed by scratch_close or __gc. */
struct scratch {
    struct text_buf buf;
    struct text_list list;
    struct text_groups groups;
    struct text_str *texts;  /* borrowed Lua strings, for near_duplicates */
    struct tfidf_part *parts;  /* borrowed Lua strings, for tfidf */
    size_t *part_start;
    struct tfidf_result tfidf;
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
    free(sc->parts);
    sc->parts = NULL;
    free(sc->part_start);
    sc->part_start = NULL;
    tfidf_result_free(&sc->tfidf);
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

/* A size for lua_createtable, which takes an int: a table larger than that
 * grows as it fills. */
static int size_hint(size_t n)
{
    return n <= INT_MAX ? (int)n : 0;
}

/* The list as a Lua sequence of strings. */
static void push_list(lua_State *L, const struct text_list *l)
{
    lua_createtable(L, size_hint(l->n), 0);
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

/* When a long core call should stop: Ctrl-C (interrupt.h) or the
 * --max-seconds deadline. Filled before the call from the registry, so the
 * check itself touches no Lua value and runs no Lua code. */
struct stop_watch {
    sig_atomic_t interrupts;   /* interrupt_mark() at the start */
    bool limited;              /* --max-seconds given */
    double deadline;           /* then: its CLOCK_MONOTONIC second */
};

static void stop_watch_start(lua_State *L, struct stop_watch *w)
{
    w->interrupts = interrupt_mark();
    lua_pushliteral(L, SANDBOX_DEADLINE);
    w->limited = lua_rawget(L, LUA_REGISTRYINDEX) == LUA_TNUMBER;
    w->deadline = lua_tonumber(L, -1);
    lua_pop(L, 1);
}

static bool stop_watch_stop(void *arg)
{
    const struct stop_watch *w = arg;
    return interrupt_since(w->interrupts) || (w->limited && sandbox_clock() >= w->deadline);
}

/* After the core stopped on w: raises "interrupted" or the --max-seconds stop. */
static int stop_watch_raise(lua_State *L, const struct stop_watch *w)
{
    if (!interrupt_since(w->interrupts))
        sandbox_check_deadline(L);
    return luaL_error(L, "interrupted");
}

/* near_duplicates(texts, [threshold = 0.8]) -> groups, similarities.
 * texts is a sequence of strings, read raw (its length by lua_rawlen, its
 * items by lua_rawgeti: no metamethod runs, so nothing can change the table
 * or collect a string while the core reads it, and the table anchors them).
 * groups: lists of 1-based indices (two or more, the representative first,
 * ascending), in the order of their representatives; similarities[k][m]: the
 * similarity of groups[k][m] to groups[k][1] (text.h, text_near_duplicates). */
static int text_l_near_duplicates(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    double threshold = luaL_optnumber(L, 2, 0.8);
    luaL_argcheck(L, threshold > 0 && threshold <= 1, 2, "threshold must be in (0, 1]");
    size_t n = (size_t)lua_rawlen(L, 1);
    if (n > UINT32_MAX || n > SIZE_MAX / sizeof(struct text_str))
        return luaL_argerror(L, 1, "too many texts");
    struct stop_watch watch;
    stop_watch_start(L, &watch);
    struct scratch *sc = scratch_new(L);
    sc->texts = malloc((n ? n : 1) * sizeof *sc->texts);
    if (!sc->texts)
        return out_of_memory(L);
    for (size_t i = 0; i < n; i++) {
        if (lua_rawgeti(L, 1, (lua_Integer)i + 1) != LUA_TSTRING)
            return luaL_argerror(L, 1, lua_pushfstring(L, "string expected at index %I, got %s",
                                                       (lua_Integer)i + 1, luaL_typename(L, -1)));
        sc->texts[i].s = lua_tolstring(L, -1, &sc->texts[i].len);  /* a string: no conversion */
        lua_pop(L, 1);
    }
    struct text_cancel cancel = {stop_watch_stop, &watch};
    int rc = text_near_duplicates_cancel(sc->texts, n, threshold, &cancel, &sc->groups);
    if (rc == -2)
        return stop_watch_raise(L, &watch);
    if (rc)
        return out_of_memory(L);
    const struct text_groups *g = &sc->groups;
    lua_createtable(L, size_hint(g->n), 0);   /* groups */
    lua_createtable(L, size_hint(g->n), 0);   /* similarities */
    for (size_t k = 0; k < g->n; k++) {
        size_t size = g->start[k + 1] - g->start[k];
        lua_createtable(L, size_hint(size), 0);
        lua_createtable(L, size_hint(size), 0);
        for (size_t m = 0; m < size; m++) {
            lua_pushinteger(L, (lua_Integer)g->index[g->start[k] + m] + 1);
            lua_rawseti(L, -3, (lua_Integer)m + 1);
            lua_pushnumber(L, g->similarity[g->start[k] + m]);
            lua_rawseti(L, -2, (lua_Integer)m + 1);
        }
        lua_rawseti(L, -3, (lua_Integer)k + 1);
        lua_rawseti(L, -3, (lua_Integer)k + 1);
    }
    scratch_free(sc);
    return 2;
}

/* The number of parts of document i (at the top of the stack): 1 for a
 * string, its length for a list; raises for anything else. */
static size_t tfidf_doc_parts(lua_State *L, lua_Integer i)
{
    int t = lua_type(L, -1);
    if (t == LUA_TSTRING)
        return 1;
    if (t != LUA_TTABLE)
        luaL_argerror(L, 1, lua_pushfstring(L, "string or list of words expected at index %I, got %s",
                                            i, luaL_typename(L, -1)));
    return (size_t)lua_rawlen(L, -1);
}

/* The item at the top of the stack, item j of document i, as a part: a word
 * (a string) or a text ({text = s, lang = "en" or "fr" or nil}). The strings
 * stay in the documents' tables (raw fields), which keep them alive. */
static struct tfidf_part tfidf_item(lua_State *L, lua_Integer i, lua_Integer j)
{
    struct tfidf_part p = {0};
    if (lua_type(L, -1) == LUA_TSTRING) {
        p.s = lua_tolstring(L, -1, &p.len);
        return p;
    }
    if (lua_type(L, -1) != LUA_TTABLE)
        luaL_argerror(L, 1, lua_pushfstring(L, "string or {text = ...} expected at index %I of document %I, got %s",
                                            j, i, luaL_typename(L, -1)));
    p.text = true;
    lua_pushliteral(L, "text");
    if (lua_rawget(L, -2) != LUA_TSTRING)
        luaL_argerror(L, 1, lua_pushfstring(L, "field 'text' at index %I of document %I must be a string, got %s",
                                            j, i, luaL_typename(L, -1)));
    p.s = lua_tolstring(L, -1, &p.len);
    lua_pop(L, 1);
    lua_pushliteral(L, "lang");
    if (lua_rawget(L, -2) != LUA_TNIL) {
        size_t n;
        const char *name = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &n) : NULL;
        p.lang = name ? text_lang_from_name(name, n) : TEXT_LANG_AUTO;
        if (p.lang == TEXT_LANG_AUTO)
            luaL_argerror(L, 1, lua_pushfstring(L, "lang at index %I of document %I must be \"en\" or \"fr\", got %s",
                                                j, i, name ? name : luaL_typename(L, -1)));
    }
    lua_pop(L, 1);
    return p;
}

/* The options of tfidf: numbers (boolean), max_df (a number in (0, 1]). */
static void check_tfidf_opts(lua_State *L, int arg, struct tfidf_opts *o)
{
    o->numbers = true;
    o->max_df = 1;
    if (lua_isnoneornil(L, arg))
        return;
    luaL_checktype(L, arg, LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, arg)) {  /* key at -2, value at -1 */
        const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
        if (key && !strcmp(key, "numbers")) {
            o->numbers = lua_toboolean(L, -1);
        } else if (key && !strcmp(key, "max_df")) {
            o->max_df = lua_tonumber(L, -1);
            if (!lua_isnumber(L, -1) || !(o->max_df > 0 && o->max_df <= 1))
                luaL_argerror(L, arg, "max_df must be a number above 0 and at most 1");
        } else {
            luaL_argerror(L, arg, lua_pushfstring(L, "unknown option '%s'",
                                                  key ? key : luaL_typename(L, -2)));
        }
        lua_pop(L, 1);
    }
}

/* tfidf(docs, [n = 10], [{numbers =, max_df =}]) -> for each document (same
 * order), its n best terms as rows {word=, score=}, best first (tfidf.h).
 * A document is a string (its words, stopwords of its detected language
 * dropped) or a list whose items are words (used as given) and texts
 * ({text = s, lang = "en" or "fr"}: the words of s, its stopwords dropped;
 * without lang, the language is detected). numbers = false leaves out words
 * made only of digits; max_df = x the terms found in more than x of the
 * documents. */
static int text_l_tfidf(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    struct tfidf_opts o;
    o.top = 10;
    if (!lua_isnoneornil(L, 2)) {
        if (!lua_isinteger(L, 2) || lua_tointeger(L, 2) < 1)
            luaL_argerror(L, 2, lua_pushfstring(L, "positive integer expected, got %s", luaL_tolstring(L, 2, NULL)));
        o.top = (size_t)lua_tointeger(L, 2);
    }
    check_tfidf_opts(L, 3, &o);
    lua_settop(L, 3);
    lua_Integer docs = (lua_Integer)lua_rawlen(L, 1);
    struct scratch *sc = scratch_new(L);          /* 4 */
    sc->part_start = malloc(((size_t)docs + 1) * sizeof *sc->part_start);
    if (!sc->part_start)
        return out_of_memory(L);
    size_t nparts = 0;
    for (lua_Integer i = 1; i <= docs; i++) {
        lua_rawgeti(L, 1, i);
        sc->part_start[i - 1] = nparts;
        nparts += tfidf_doc_parts(L, i);
        lua_pop(L, 1);
    }
    sc->part_start[docs] = nparts;
    sc->parts = malloc((nparts ? nparts : 1) * sizeof *sc->parts);
    if (!sc->parts)
        return out_of_memory(L);
    for (lua_Integer i = 1; i <= docs; i++) {
        size_t at = sc->part_start[i - 1];
        if (lua_rawgeti(L, 1, i) == LUA_TSTRING) {
            sc->parts[at] = (struct tfidf_part){.text = true};
            sc->parts[at].s = lua_tolstring(L, -1, &sc->parts[at].len);
        } else {
            for (lua_Integer j = 1; at + (size_t)(j - 1) < sc->part_start[i]; j++) {
                lua_rawgeti(L, -1, j);
                sc->parts[at + (size_t)(j - 1)] = tfidf_item(L, i, j);
                lua_pop(L, 1);
            }
        }
        lua_pop(L, 1);
    }
    struct stop_watch watch;
    stop_watch_start(L, &watch);
    struct text_cancel cancel = {stop_watch_stop, &watch};
    int rc = tfidf(sc->parts, sc->part_start, (size_t)docs, &o, &cancel, &sc->tfidf);
    if (rc == -2)
        return stop_watch_raise(L, &watch);
    if (rc)
        return out_of_memory(L);
    const struct tfidf_result *r = &sc->tfidf;
    lua_createtable(L, (int)docs, 0);
    for (size_t d = 0; d < r->docs; d++) {
        lua_createtable(L, (int)(r->start[d + 1] - r->start[d]), 0);
        for (size_t k = r->start[d]; k < r->start[d + 1]; k++) {
            size_t n;
            const char *w = text_list_item(&r->terms, k, &n);
            lua_createtable(L, 0, 2);
            lua_pushlstring(L, w, n);
            lua_setfield(L, -2, "word");
            lua_pushnumber(L, r->scores[k]);
            lua_setfield(L, -2, "score");
            lua_rawseti(L, -2, (lua_Integer)(k - r->start[d]) + 1);
        }
        lua_rawseti(L, -2, (lua_Integer)d + 1);
    }
    scratch_free(sc);
    return 1;
}

/* The widest context kwic gives: each line is padded to it, so a width of
 * 10^12 would ask for a terabyte a line. */
#define KWIC_MAX_WIDTH 10000

/* kwic(text, word, [width = 30]) -> one line per match (text.h, text_kwic). */
static int text_l_kwic(lua_State *L)
{
    size_t len, qlen;
    const char *text = luaL_checklstring(L, 1, &len);
    const char *word = luaL_checklstring(L, 2, &qlen);
    lua_Integer width = luaL_optinteger(L, 3, 30);
    luaL_argcheck(L, width >= 0, 3, "width must not be negative");
    if (width > KWIC_MAX_WIDTH)
        return luaL_argerror(L, 3, lua_pushfstring(L, "width must be at most %d", KWIC_MAX_WIDTH));
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
    {"tfidf", text_l_tfidf},
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

int luaopen_petlua_text_core(lua_State *L)
{
    if (luaL_newmetatable(L, SCRATCH))
        luaL_setfuncs(L, scratch_meta, 0);
    lua_pop(L, 1);
    luaL_newlib(L, text_funcs);
    return 1;
}
