/* l_csv.c — the "petlua.csv" module: Lua values in and out of CSV files.
 * Only conversion lives here; the reading and writing is the core's (csvio.c).
 *
 *   csv.read(path, [opts])            -> rows, header | nil, message
 *   csv.rows(path, [opts])            -> iterator, reader, nil, reader (a closing value)
 *   csv.write(path, rows, [opts])     -> true
 *   csv.writer(path, columns, [opts]) -> writer (w:write(row), w:close(),
 *                                        w:write_records(set, spec, from))
 *   csv.versions()                    -> {"libcsv 3.0.3"}
 *
 * Read options: sep (one character, default ","), header (default true: the
 * first row names the columns, rows are tables keyed by name; false: rows are
 * arrays), numbers (default false: true turns fields that are decimal numbers
 * into integers or floats). In a keyed row an empty field is absent (nil), as
 * a missing value is everywhere in petlua; in an array row it is "" so that
 * #row is the number of fields. A row longer than the header is an error.
 * The rows table of read() carries the header as rows.columns, the field
 * petlua's producers use for column order (show, output, write).
 *
 * Write options: columns (names, in order), sep, crlf (CRLF line ends),
 * bom (a UTF-8 byte-order mark first, as spreadsheets expect), header
 * (default true: write the names first), fsync. Without columns:
 * rows.columns (the header of read(), or what summarize and friends attach),
 * else every string key of the rows, sorted; rows with no string keys are
 * arrays, written by position without a header line.
 * Values: strings; integers as digits, floats as %.14g; true/false; nil
 * empty. A table, function, thread or userdata value raises.
 *
 * Errors: misuse raises. Reading: a file that cannot be opened or malformed
 * input returns nil, "file:line: message" from read(); rows() and its
 * iterator raise it (a for loop cannot take nil, message). Writing: a file
 * that cannot be opened for writing, a value that cannot be written and a
 * failed write all raise ("cannot write 'out.csv' (No space left on device)");
 * the temporary file of a regular file is then removed and the old file left
 * as it was. (Writing raises where reading returns nil, message: output that
 * silently goes nowhere is the worse failure for a script.)
 *
 * Writers: w:close() commits (renames the temporary file into place) and
 * raises if that fails. A writer closed by a <close> variable commits when the
 * scope ends normally and discards when it ends by an error. A writer that is
 * garbage-collected without close() is discarded: its temporary file is
 * removed and the target left as it was (output to stdout or a pipe is
 * flushed, as it cannot be taken back). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lauxlib.h"
#include "lua.h"

#include "bindings.h"
#include "csvio.h"
#include "interrupt.h"
#include "outputs.h"
#include "sandbox.h"

#define READER_MT "petlua.CsvReader"
#define WRITER_MT "petlua.CsvWriter"
#define MESSAGE_SIZE 4352
#define DEADLINE_EVERY 1024   /* rows between two --max-seconds checks */

/* ================================================================ options */

struct read_opts {
    char sep;
    bool header;
    bool numbers;
};

struct write_opts {
    struct csvw_options core;
    bool header;
    bool bom;                 /* a UTF-8 byte-order mark first (spreadsheets want one) */
};

/* Raises unless every key of the options table at arg is one of the names. */
static void check_option_names(lua_State *L, int arg, const char *const names[])
{
    lua_pushnil(L);
    while (lua_next(L, arg) != 0) {
        lua_pop(L, 1);
        bool known = false;
        if (lua_type(L, -1) == LUA_TSTRING)
            for (int i = 0; names[i] && !known; i++)
                known = strcmp(lua_tostring(L, -1), names[i]) == 0;
        if (!known)
            luaL_argerror(L, arg, lua_pushfstring(L, "unknown option '%s'",
                                                  luaL_tolstring(L, -1, NULL)));
    }
}

/* opts[name] as a boolean; def when absent. */
static bool opt_bool(lua_State *L, int arg, const char *name, bool def)
{
    int t = lua_getfield(L, arg, name);
    bool v = def;
    if (t == LUA_TBOOLEAN)
        v = lua_toboolean(L, -1);
    else if (t != LUA_TNIL)
        luaL_argerror(L, arg, lua_pushfstring(L, "option '%s' must be a boolean, got %s",
                                              name, luaL_typename(L, -1)));
    lua_pop(L, 1);
    return v;
}

/* opts.sep: one character other than a quote or a line break. */
static char opt_sep(lua_State *L, int arg)
{
    char sep = ',';
    if (lua_getfield(L, arg, "sep") != LUA_TNIL) {
        size_t len;
        const char *s = lua_tolstring(L, -1, &len);
        if (lua_type(L, -1) != LUA_TSTRING || len != 1 || strchr("\"\r\n", *s) != NULL)
            luaL_argerror(L, arg, "option 'sep' must be one character, not a quote or line break");
        sep = *s;
    }
    lua_pop(L, 1);
    return sep;
}

static struct read_opts check_read_opts(lua_State *L, int arg)
{
    static const char *const names[] = {"sep", "header", "numbers", NULL};
    struct read_opts o = {',', true, false};
    if (lua_isnoneornil(L, arg))
        return o;
    luaL_checktype(L, arg, LUA_TTABLE);
    check_option_names(L, arg, names);
    o.sep = opt_sep(L, arg);
    o.header = opt_bool(L, arg, "header", true);
    o.numbers = opt_bool(L, arg, "numbers", false);
    return o;
}

/* Options of write() (with columns) or writer() (columns are its argument). */
static struct write_opts check_write_opts(lua_State *L, int arg, bool with_columns)
{
    static const char *const write_names[] = {"sep", "crlf", "header", "fsync", "bom", "columns", NULL};
    static const char *const writer_names[] = {"sep", "crlf", "header", "fsync", "bom", NULL};
    struct write_opts o = {{',', false, false}, true, false};
    if (lua_isnoneornil(L, arg))
        return o;
    luaL_checktype(L, arg, LUA_TTABLE);
    check_option_names(L, arg, with_columns ? write_names : writer_names);
    o.core.sep = opt_sep(L, arg);
    o.core.crlf = opt_bool(L, arg, "crlf", false);
    o.core.fsync = opt_bool(L, arg, "fsync", false);
    o.header = opt_bool(L, arg, "header", true);
    o.bom = opt_bool(L, arg, "bom", false);
    return o;
}

/* ================================================================ reading */

struct reader_box {
    struct csv_reader *r;     /* NULL once closed */
    bool keyed;               /* rows keyed by the header (user value 1) */
    bool numbers;
};

static struct reader_box *check_reader(lua_State *L, int arg)
{
    return luaL_checkudata(L, arg, READER_MT);
}

/* Serves close, __gc and __close; safe to call twice. */
static int reader_close(lua_State *L)
{
    struct reader_box *box = check_reader(L, 1);
    csvr_close(box->r);
    box->r = NULL;
    return 0;
}

static int reader_tostring(lua_State *L)
{
    struct reader_box *box = check_reader(L, 1);
    if (box->r == NULL)
        lua_pushliteral(L, READER_MT " (closed)");
    else
        lua_pushfstring(L, READER_MT " (%s)", csvr_name(box->r));
    return 1;
}

/* r:header() -> the list of column names (a copy), or nil without a header. */
static int reader_header(lua_State *L)
{
    check_reader(L, 1);
    if (lua_getiuservalue(L, 1, 1) != LUA_TTABLE)
        return 1;
    lua_Integer n = luaL_len(L, -1);
    lua_createtable(L, (int)n, 0);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, -2, i);
        lua_rawseti(L, -2, i);
    }
    return 1;
}

/* Decimal numbers only: [+-] digits [. digits] [e [+-] digits], or [+-] . digits
 * [exponent]. No spaces, no hexadecimal, no inf or nan. */
static bool is_decimal(const char *s, size_t len)
{
    size_t i = 0, digits = 0;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        i++;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++, digits++;
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++, digits++;
    }
    if (digits == 0)
        return false;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t exp = 0;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++, exp++;
        if (exp == 0)
            return false;
    }
    return i == len;
}

/* Pushes field i: a number when asked for and it is one, else the string.
 * Fields are NUL-terminated (csvio.h), as lua_stringtonumber needs. */
static void push_field(lua_State *L, const struct csv_row *row, size_t i, bool numbers)
{
    if (numbers && is_decimal(row->field[i], row->len[i])
        && lua_stringtonumber(L, row->field[i]) != 0)
        return;
    lua_pushlstring(L, row->field[i], row->len[i]);
}

/* Pushes a row: keyed by the names in the table at header_idx, or an array
 * when header_idx is 0. */
static void push_row(lua_State *L, const struct csv_row *row, int header_idx, bool numbers)
{
    if (header_idx == 0) {
        lua_createtable(L, (int)row->n, 0);
        for (size_t i = 0; i < row->n; i++) {
            push_field(L, row, i, numbers);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        return;
    }
    lua_createtable(L, 0, (int)row->n);
    for (size_t i = 0; i < row->n; i++) {
        if (row->len[i] == 0)
            continue;                            /* empty: missing */
        lua_rawgeti(L, header_idx, (lua_Integer)i + 1);
        push_field(L, row, i, numbers);
        lua_rawset(L, -3);
    }
}

/* Opens path into a new reader userdata (pushed). Returns false with the
 * message pushed instead of it when the file cannot be opened. */
static bool open_reader(lua_State *L, const char *path, const struct read_opts *o)
{
    struct reader_box *box = lua_newuserdatauv(L, sizeof *box, 1);
    box->r = NULL;                               /* closed until opened: nothing leaks */
    box->keyed = o->header;
    box->numbers = o->numbers;
    luaL_setmetatable(L, READER_MT);
    char err[MESSAGE_SIZE];
    struct csvr_options copt = {o->sep, 0, 0};
    box->r = csvr_open(path, &copt, err, sizeof err);
    if (box->r == NULL) {
        lua_pop(L, 1);
        lua_pushstring(L, err);
        return false;
    }
    return true;
}

/* Reads the header row into the reader's user value (a list of names) and
 * limits the rows to its length. Returns false with a message pushed on a
 * read error or a repeated name. An empty file has an empty header. */
static bool read_header(lua_State *L, int reader_idx)
{
    struct reader_box *box = check_reader(L, reader_idx);
    struct csv_row row;
    int rc = csvr_next(box->r, &row);
    if (rc < 0) {
        lua_pushstring(L, csvr_error(box->r));
        return false;
    }
    size_t n = rc == 1 ? row.n : 0;
    lua_createtable(L, (int)n, 0);                       /* the header */
    lua_createtable(L, 0, (int)n);                       /* names seen */
    for (size_t i = 0; i < n; i++) {
        lua_pushlstring(L, row.field[i], row.len[i]);
        if (lua_rawget(L, -2) != LUA_TNIL) {
            lua_pushfstring(L, "%s:%d: duplicate column name '%s'", csvr_name(box->r),
                            (int)row.line, row.field[i]);
            return false;
        }
        lua_pop(L, 1);
        lua_pushlstring(L, row.field[i], row.len[i]);
        lua_pushboolean(L, 1);
        lua_rawset(L, -3);
        lua_pushlstring(L, row.field[i], row.len[i]);
        lua_rawseti(L, -3, (lua_Integer)i + 1);
    }
    lua_pop(L, 1);
    lua_setiuservalue(L, reader_idx, 1);
    csvr_set_max_fields(box->r, n > 0 ? n : 0);
    return true;
}

/* csv.read(path, [opts]) -> rows, header (nil without a header)
 * Expected failures (cannot open, malformed data) return nil, message. */
static int csv_l_read(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    struct read_opts o = check_read_opts(L, 2);
    lua_settop(L, 2);
    if (!open_reader(L, path, &o)) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    int rd = lua_gettop(L);                              /* 3: the reader */
    struct reader_box *box = check_reader(L, rd);
    int header_idx = 0;
    if (o.header) {
        if (!read_header(L, rd))
            goto fail;
        lua_getiuservalue(L, rd, 1);
        header_idx = lua_gettop(L);                      /* 4: the header */
    }
    lua_newtable(L);                                     /* the rows */
    int rows_idx = lua_gettop(L);
    struct csv_row row;
    int rc;
    lua_Integer n = 0;
    while ((rc = csvr_next(box->r, &row)) == 1) {
        push_row(L, &row, header_idx, o.numbers);
        lua_rawseti(L, rows_idx, ++n);
        if (n % DEADLINE_EVERY == 0)
            sandbox_check_deadline(L);
    }
    if (rc < 0) {
        lua_pushstring(L, csvr_error(box->r));
        goto fail;
    }
    csvr_close(box->r);
    box->r = NULL;
    if (header_idx == 0) {
        lua_pushnil(L);
        return 2;
    }
    lua_pushvalue(L, header_idx);                        /* rows.columns = header */
    lua_setfield(L, rows_idx, "columns");
    lua_pushvalue(L, header_idx);
    return 2;
  fail:
    csvr_close(box->r);
    box->r = NULL;
    luaL_pushfail(L);
    lua_insert(L, -2);
    return 2;
}

/* The iterator of rows(): the next row and the line it starts on; nil at the
 * end (the file is closed then). A malformed row raises "file:line: ...". */
static int rows_next(lua_State *L)
{
    struct reader_box *box = check_reader(L, 1);
    if (box->r == NULL)
        return 0;
    struct csv_row row;
    int rc = csvr_next(box->r, &row);
    if (rc < 0) {
        lua_pushstring(L, csvr_error(box->r));
        csvr_close(box->r);
        box->r = NULL;
        return lua_error(L);
    }
    if (rc == 0) {
        csvr_close(box->r);
        box->r = NULL;
        return 0;
    }
    int header_idx = 0;
    if (box->keyed) {
        lua_getiuservalue(L, 1, 1);
        header_idx = lua_gettop(L);
    }
    push_row(L, &row, header_idx, box->numbers);
    lua_pushinteger(L, row.line);
    return 2;
}

/* csv.rows(path, [opts]) -> iterator, reader, nil, reader
 * For a generic for: `for row, line in csv.rows(path) do ... end`. One row
 * is held at a time; the reader is the closing value, so breaking out of the
 * loop closes the file. A file that cannot be opened raises. */
static int csv_l_rows(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    struct read_opts o = check_read_opts(L, 2);
    lua_settop(L, 2);
    if (!open_reader(L, path, &o))
        return lua_error(L);
    if (o.header && !read_header(L, 3)) {
        struct reader_box *box = check_reader(L, 3);
        csvr_close(box->r);
        box->r = NULL;
        return lua_error(L);
    }
    lua_pushcfunction(L, rows_next);
    lua_pushvalue(L, 3);
    lua_pushnil(L);
    lua_pushvalue(L, 3);
    return 4;
}

/* ================================================================ writing */

struct writer_box {
    struct csv_writer *w;     /* NULL once closed */
    lua_Integer rows;         /* data rows written */
    char *cells;              /* write_records: the cells of a row it makes */
    size_t cells_len, cells_cap;
};

static struct writer_box *check_writer(lua_State *L, int arg)
{
    return luaL_checkudata(L, arg, WRITER_MT);
}

static struct writer_box *check_open_writer(lua_State *L, int arg)
{
    struct writer_box *box = check_writer(L, arg);
    if (box->w == NULL)
        luaL_error(L, "attempt to use a closed " WRITER_MT);
    return box;
}

/* Frees the writer (its temporary file removed unless it was committed). */
static void writer_end(lua_State *L, int idx, struct writer_box *box)
{
    csvw_free(box->w);
    box->w = NULL;
    free(box->cells);
    box->cells = NULL;
    box->cells_cap = 0;
    outputs_set(L, idx, 0);
}

/* Raises the writer's error (at the position of the Lua code that called)
 * after ending it as writer_end does. The writer's box is at idx. */
static int writer_raise(lua_State *L, int idx, struct writer_box *box)
{
    idx = lua_absindex(L, idx);
    luaL_where(L, 1);
    lua_pushstring(L, csvw_error(box->w));
    lua_concat(L, 2);
    writer_end(L, idx, box);
    return lua_error(L);
}

/* Can v be written? Strings, numbers, booleans, nil. */
static bool writable(int type)
{
    return type == LUA_TSTRING || type == LUA_TNUMBER || type == LUA_TBOOLEAN || type == LUA_TNIL;
}

static void write_value(lua_State *L, struct csv_writer *w, int idx)
{
    char num[64];
    size_t len = 0;
    const char *s = "";
    switch (lua_type(L, idx)) {
    case LUA_TSTRING:
        s = lua_tolstring(L, idx, &len);
        break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx))
            len = (size_t)snprintf(num, sizeof num, LUA_INTEGER_FMT,
                                   (LUAI_UACINT)lua_tointeger(L, idx));
        else
            len = (size_t)snprintf(num, sizeof num, "%.14g", (double)lua_tonumber(L, idx));
        s = num;
        break;
    case LUA_TBOOLEAN:
        s = lua_toboolean(L, idx) ? "true" : "false";
        len = strlen(s);
        break;
    default:                                         /* nil */
        break;
    }
    csvw_field(w, s, len);
}

/* Writes the row at row_idx, its values taken by the keys listed in the table
 * at cols_idx. Every value is checked before any is written, so a bad value
 * leaves no half row behind. Raises on a bad value or a write error. */
static void write_row(lua_State *L, int box_idx, struct writer_box *box, int row_idx, int cols_idx)
{
    lua_Integer n = (lua_Integer)lua_rawlen(L, cols_idx);
    luaL_checkstack(L, (int)n + 4, "too many columns");
    int base = lua_gettop(L);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, cols_idx, i);
        int t = lua_gettable(L, row_idx);
        if (!writable(t)) {
            lua_rawgeti(L, cols_idx, i);
            luaL_error(L, "%s: row %d, column '%s': cannot write a %s value", csvw_name(box->w),
                       (int)(box->rows + 1), luaL_tolstring(L, -1, NULL), lua_typename(L, t));
        }
    }
    if (box->w == NULL)                              /* a metamethod of the row closed it */
        luaL_error(L, "the " WRITER_MT " was closed while a row was read");
    for (lua_Integer i = 1; i <= n; i++)
        write_value(L, box->w, base + (int)i);
    lua_settop(L, base);
    if (csvw_end_row(box->w) != 0)
        writer_raise(L, box_idx, box);
    box->rows++;
}

/* The header line: the names in the table at cols_idx. */
static void write_header(lua_State *L, int box_idx, struct writer_box *box, int cols_idx)
{
    lua_Integer n = (lua_Integer)lua_rawlen(L, cols_idx);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, cols_idx, i);
        size_t len;
        const char *s = lua_tolstring(L, -1, &len);
        csvw_field(box->w, s, len);
        lua_pop(L, 1);
    }
    if (csvw_end_row(box->w) != 0)
        writer_raise(L, box_idx, box);
}

/* Raises unless the table at idx is a non-empty list of strings; pushes a copy. */
static void push_column_list(lua_State *L, int idx, int arg)
{
    lua_Integer n = luaL_len(L, idx);
    if (n <= 0)
        luaL_argerror(L, arg, "no columns");
    if (n >= INT_MAX)
        luaL_argerror(L, arg, "too many columns");
    lua_createtable(L, (int)n, 0);
    for (lua_Integer i = 1; i <= n; i++) {
        if (lua_geti(L, idx, i) != LUA_TSTRING)
            luaL_argerror(L, arg, lua_pushfstring(L, "column %d must be a string, got %s",
                                                  (int)i, luaL_typename(L, -1)));
        lua_rawseti(L, -2, i);
    }
}

/* Opens path into a new writer userdata (pushed), whose user value is the
 * column list at cols_idx. Raises when the file cannot be opened. */
static struct writer_box *open_writer(lua_State *L, const char *path, int cols_idx,
                                      const struct write_opts *o)
{
    sandbox_check_write(L, path);
    struct writer_box *box = lua_newuserdatauv(L, sizeof *box, 1);
    box->w = NULL;                                   /* closed until opened */
    box->rows = 0;
    box->cells = NULL;
    box->cells_len = box->cells_cap = 0;
    luaL_setmetatable(L, WRITER_MT);
    lua_pushvalue(L, cols_idx);
    lua_setiuservalue(L, -2, 1);
    char err[MESSAGE_SIZE];
    box->w = csvw_open(path, &o->core, err, sizeof err);
    if (box->w == NULL)
        luaL_error(L, "%s", err);
    outputs_set(L, -1, 1);                           /* discarded at exit if never closed */
    if (o->bom && csvw_bytes(box->w, "\xEF\xBB\xBF", 3) != 0)
        writer_raise(L, -1, box);
    return box;
}

/* csv.writer(path or "-", columns, [opts]) -> writer. The header line is
 * written at once (unless opts.header is false). Raises when the file cannot
 * be opened. */
static int csv_l_writer(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    struct write_opts o = check_write_opts(L, 3, false);
    lua_settop(L, 3);
    push_column_list(L, 2, 2);                       /* 4 */
    struct writer_box *box = open_writer(L, path, 4, &o);
    if (o.header)
        write_header(L, 5, box, 4);
    return 1;
}

/* w:write(row): one row, a table keyed by the column names. */
static int writer_write(lua_State *L)
{
    struct writer_box *box = check_open_writer(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    lua_getiuservalue(L, 1, 1);                      /* 3: the columns */
    write_row(L, 1, box, 2, 3);
    return 0;
}

/* ---------------------------------------------------------- record rows */

/* How write_records makes a cell from a record (petlua.csvrec says which
 * column is which). A value that none of these expects sends the record back
 * to Lua (see write_records). */
enum cell_kind {
    CELL_VALUE,     /* the field's value; a list of strings one per line */
    CELL_COUNTS,    /* a table name -> integer: "name=N" lines, by name */
    CELL_LINES,     /* a field of each response (missing: ""), one per line */
    CELL_TEXTS,     /* the responses' texts, a blank line between (all empty:
                       an empty cell); with no responses, the field's value */
    CELL_CONSTITUENCIES, /* rows {name, code, mp, signatures}: a line each,
                            "name<TAB>code<TAB>mp<TAB>signatures" */
};

/* A cell of the row being made: the bytes of a Lua string the record holds
 * (alive as long as the record is), or bytes in box->cells. */
struct cell {
    const char *s;            /* NULL: box->cells + off */
    size_t off, len;
};

/* Appends n bytes to box->cells; raises when memory runs out (the buffer
 * is the box's, freed with it). */
static void cells_add(lua_State *L, struct writer_box *box, const char *s, size_t n)
{
    if (box->cells_cap - box->cells_len < n) {
        size_t cap = box->cells_cap ? box->cells_cap : 4096;
        while (cap - box->cells_len < n)
            cap *= 2;
        char *p = realloc(box->cells, cap);
        if (!p)
            luaL_error(L, "not enough memory");
        box->cells = p;
        box->cells_cap = cap;
    }
    memcpy(box->cells + box->cells_len, s, n);
    box->cells_len += n;
}

/* The table at idx, if it is a plain one (no metatable): else false. */
static bool plain_table(lua_State *L, int idx)
{
    if (lua_type(L, idx) != LUA_TTABLE)
        return false;
    if (!lua_getmetatable(L, idx))
        return true;
    lua_pop(L, 1);
    return false;
}

/* The strings of the list at idx, joined by "\n", into c; false when an
 * item is not a string. */
static bool join_list(lua_State *L, struct writer_box *box, int idx, struct cell *c)
{
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    c->s = NULL;
    c->off = box->cells_len;
    for (lua_Integer i = 1; i <= n; i++) {
        size_t len;
        if (lua_rawgeti(L, idx, i) != LUA_TSTRING) {
            lua_pop(L, 1);
            return false;
        }
        const char *item = lua_tolstring(L, -1, &len);
        if (i > 1)
            cells_add(L, box, "\n", 1);
        cells_add(L, box, item, len);
        lua_pop(L, 1);
    }
    c->len = box->cells_len - c->off;
    return true;
}

/* Field `field` (the string at field_idx) of each response in the list at
 * idx (a missing one ""), joined by sep, into c; false when a response is
 * not a plain table or the field neither a string nor nil. */
static bool join_responses(lua_State *L, struct writer_box *box, int idx, int field_idx,
                           const char *sep, struct cell *c)
{
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    c->s = NULL;
    c->off = box->cells_len;
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, idx, i);
        if (!plain_table(L, -1)) {
            lua_pop(L, 1);
            return false;
        }
        lua_pushvalue(L, field_idx);
        int t = lua_rawget(L, -2);
        if (t != LUA_TSTRING && t != LUA_TNIL) {
            lua_pop(L, 2);
            return false;
        }
        if (i > 1)
            cells_add(L, box, sep, strlen(sep));
        if (t == LUA_TSTRING) {
            size_t len;
            const char *text = lua_tolstring(L, -1, &len);
            cells_add(L, box, text, len);
        }
        lua_pop(L, 2);
    }
    c->len = box->cells_len - c->off;
    return true;
}

struct count_name {
    const char *s;
    size_t len;
    lua_Integer n;
};

static int compare_count_names(const void *a, const void *b)
{
    const struct count_name *x = a, *y = b;
    int c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
    return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

/* The table of counts at idx as "name=N" lines sorted by name, into c;
 * false when a key is not a string or a count not an integer. */
static bool join_counts(lua_State *L, struct writer_box *box, int idx, struct cell *c)
{
    size_t n = 0;
    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {
        bool ok = lua_type(L, -2) == LUA_TSTRING && lua_isinteger(L, -1);
        lua_pop(L, 1);
        if (!ok) {
            lua_pop(L, 1);
            return false;
        }
        n++;
    }
    struct count_name *names = lua_newuserdatauv(L, (n ? n : 1) * sizeof *names, 0);  /* popped below */
    size_t k = 0;
    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {
        names[k].s = lua_tolstring(L, -2, &names[k].len);  /* the key, anchored in the table */
        names[k].n = lua_tointeger(L, -1);
        k++;
        lua_pop(L, 1);
    }
    qsort(names, n, sizeof *names, compare_count_names);
    c->s = NULL;
    c->off = box->cells_len;
    for (size_t i = 0; i < n; i++) {
        char num[32];
        int len = snprintf(num, sizeof num, "=" LUA_INTEGER_FMT, (LUAI_UACINT)names[i].n);
        if (i > 0)
            cells_add(L, box, "\n", 1);
        cells_add(L, box, names[i].s, names[i].len);
        cells_add(L, box, num, (size_t)len);
    }
    c->len = box->cells_len - c->off;
    lua_pop(L, 1);                                   /* names */
    return true;
}

/* Field name of the table at the top into the cell buffer: a string (or,
 * when optional, nil: nothing); false for anything else. */
static bool add_row_field(lua_State *L, struct writer_box *box, const char *name, bool optional)
{
    int t = lua_getfield(L, -1, name);   /* rows are plain tables: no metamethod runs */
    bool ok = t == LUA_TSTRING || (optional && t == LUA_TNIL);
    if (t == LUA_TSTRING) {
        size_t len;
        const char *s = lua_tolstring(L, -1, &len);
        cells_add(L, box, s, len);
    }
    lua_pop(L, 1);
    return ok;
}

/* The rows of constituencies at idx, one line each (enum cell_kind), into
 * c; false when a row is not a plain table, its name not a string, its code
 * or MP neither a string nor nil, or its signatures not an integer. */
static bool join_constituencies(lua_State *L, struct writer_box *box, int idx, struct cell *c)
{
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    c->s = NULL;
    c->off = box->cells_len;
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, idx, i);
        bool ok = plain_table(L, -1);
        if (ok && i > 1)
            cells_add(L, box, "\n", 1);
        ok = ok && add_row_field(L, box, "name", false);
        if (ok)
            cells_add(L, box, "\t", 1);
        ok = ok && add_row_field(L, box, "code", true);
        if (ok)
            cells_add(L, box, "\t", 1);
        ok = ok && add_row_field(L, box, "mp", true);
        if (ok) {
            lua_getfield(L, -1, "signatures");
            ok = lua_isinteger(L, -1);
            if (ok) {
                char num[32];
                int len = snprintf(num, sizeof num, "\t" LUA_INTEGER_FMT, (LUAI_UACINT)lua_tointeger(L, -1));
                cells_add(L, box, num, (size_t)len);
            }
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
        if (!ok)
            return false;
    }
    c->len = box->cells_len - c->off;
    return true;
}

/* The value at the top (popped) as a cell, as write_value writes it; false
 * for a table, function, thread or userdata. */
static bool plain_cell(lua_State *L, struct writer_box *box, struct cell *c)
{
    char num[64];
    int len;
    c->s = "";
    c->len = 0;
    switch (lua_type(L, -1)) {
    case LUA_TSTRING:
        c->s = lua_tolstring(L, -1, &c->len);     /* the record holds it */
        break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, -1))
            len = snprintf(num, sizeof num, LUA_INTEGER_FMT, (LUAI_UACINT)lua_tointeger(L, -1));
        else
            len = snprintf(num, sizeof num, "%.14g", (double)lua_tonumber(L, -1));
        c->s = NULL;
        c->off = box->cells_len;
        cells_add(L, box, num, (size_t)len);
        c->len = (size_t)len;
        break;
    case LUA_TBOOLEAN:
        c->s = lua_toboolean(L, -1) ? "true" : "false";
        c->len = strlen(c->s);
        break;
    case LUA_TNIL:
        break;
    default:
        lua_pop(L, 1);
        return false;
    }
    lua_pop(L, 1);
    return true;
}

/* The cell of one column for the record at rec, into c. name is the
 * column's name, field (for CELL_LINES and CELL_TEXTS) the responses' field,
 * both strings on the stack; responses the string "responses". Returns
 * false for a value the kind does not expect. The stack is left as it was. */
static bool make_cell(lua_State *L, struct writer_box *box, int rec, enum cell_kind kind,
                      int name, int field, int responses, struct cell *c)
{
    if (kind == CELL_LINES || kind == CELL_TEXTS) {
        lua_pushvalue(L, responses);
        int t = lua_rawget(L, rec);
        bool none = t == LUA_TNIL || (t == LUA_TTABLE && lua_rawlen(L, -1) == 0);
        if (none && kind == CELL_LINES) {
            lua_pop(L, 1);
            *c = (struct cell){.s = ""};
            return true;
        }
        if (!none) {
            bool ok = plain_table(L, -1) &&
                      join_responses(L, box, lua_gettop(L), field, kind == CELL_LINES ? "\n" : "\n\n", c);
            lua_pop(L, 1);
            return ok;
        }
        lua_pop(L, 1);                               /* no responses: the field itself */
    }
    lua_pushvalue(L, name);
    if (lua_rawget(L, rec) != LUA_TTABLE)
        return plain_cell(L, box, c);
    int t = lua_gettop(L);
    petlua_rows_whole(L, t);     /* constituency rows wait in a metatable: read raw below */
    bool ok = plain_table(L, t) && (kind == CELL_COUNTS ? join_counts(L, box, t, c)
                                    : kind == CELL_CONSTITUENCIES ? join_constituencies(L, box, t, c)
                                    : join_list(L, box, t, c));
    lua_pop(L, 1);
    return ok;
}

static enum cell_kind check_cell_kind(lua_State *L, int idx, lua_Integer i)
{
    static const char *const names[] = {"value", "counts", "lines", "texts", "constituencies", NULL};
    const char *s = lua_tostring(L, idx);
    for (int k = 0; names[k]; k++)
        if (s && !strcmp(s, names[k]))
            return (enum cell_kind)k;
    luaL_argerror(L, 3, lua_pushfstring(L, "entry %I: kind must be value, counts, lines, texts or constituencies", i));
    return CELL_VALUE;
}

/* w:write_records(set, spec, from) -> the index of the first record not
 * written (#set + 1 when all were). For petlua.csvrec: writes records from,
 * from + 1, ... of set, one row each, a cell per entry {column, kind,
 * [field]} of spec (kind: value, counts, lines, texts, constituencies: enum
 * cell_kind), and
 * stops before a record it cannot write as the kinds say (a list item that
 * is not a string, a record or response with a metatable, ...), which the
 * caller then writes with the rules that name the problem. A record's cells
 * are all made before any is written. Checks Ctrl-C and --max-seconds every
 * DEADLINE_EVERY rows. Records are read raw (no metamethods). */
static int writer_write_records(lua_State *L)
{
    struct writer_box *box = check_open_writer(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    luaL_checktype(L, 3, LUA_TTABLE);
    lua_Integer from = luaL_checkinteger(L, 4);
    lua_settop(L, 4);
    lua_Integer ncols = (lua_Integer)lua_rawlen(L, 3);
    luaL_argcheck(L, ncols > 0 && ncols < 10000, 3, "one to 9999 entries expected");
    luaL_checkstack(L, (int)(2 * ncols + 40), "too many columns");
    enum cell_kind *kinds = lua_newuserdatauv(L, (size_t)ncols * sizeof *kinds, 0);     /* 5 */
    struct cell *cells = lua_newuserdatauv(L, (size_t)ncols * sizeof *cells, 0);        /* 6 */
    lua_pushliteral(L, "responses");                 /* 7 */
    int cols = lua_gettop(L) + 1;                    /* name and field of column k at cols + 2k */
    for (lua_Integer k = 1; k <= ncols; k++) {
        if (lua_rawgeti(L, 3, k) != LUA_TTABLE)
            luaL_argerror(L, 3, lua_pushfstring(L, "entry %I must be a table", k));
        int entry = lua_gettop(L);
        lua_rawgeti(L, entry, 1);
        lua_rawgeti(L, entry, 2);
        kinds[k - 1] = check_cell_kind(L, -1, k);
        lua_pop(L, 1);
        lua_rawgeti(L, entry, 3);
        bool needs_field = kinds[k - 1] == CELL_LINES || kinds[k - 1] == CELL_TEXTS;
        if (lua_type(L, entry + 1) != LUA_TSTRING || (needs_field && lua_type(L, entry + 2) != LUA_TSTRING))
            luaL_argerror(L, 3, lua_pushfstring(L, "entry %I: a column name (and a field for lines, texts) expected", k));
        lua_remove(L, entry);
    }
    int rec = lua_gettop(L) + 1;
    lua_Integer n = (lua_Integer)lua_rawlen(L, 2);
    sig_atomic_t mark = interrupt_mark();
    lua_Integer i = from < 1 ? 1 : from;
    for (; i <= n; i++) {
        lua_rawgeti(L, 2, i);                        /* at rec */
        if (!plain_table(L, rec))
            break;
        box->cells_len = 0;
        lua_Integer k = 0;
        while (k < ncols && make_cell(L, box, rec, kinds[k], cols + 2 * (int)k, cols + 2 * (int)k + 1,
                                      7, &cells[k]))
            k++;
        if (k < ncols)
            break;
        for (k = 0; k < ncols; k++)
            csvw_field(box->w, cells[k].s ? cells[k].s : box->cells + cells[k].off, cells[k].len);
        lua_pop(L, 1);                               /* the record */
        if (csvw_end_row(box->w) != 0)
            writer_raise(L, 1, box);
        box->rows++;
        if (i % DEADLINE_EVERY == 0) {
            if (interrupt_since(mark))
                luaL_error(L, "interrupted");
            sandbox_check_deadline(L);
        }
    }
    lua_pushinteger(L, i);
    return 1;
}

/* w:close() -> true: commits the output (renames a temporary file into
 * place); raises if that fails. Closing twice is harmless. */
static int writer_close(lua_State *L)
{
    struct writer_box *box = check_writer(L, 1);
    if (box->w != NULL) {
        outputs_set(L, 1, 0);
        if (csvw_close(box->w) != 0)
            return writer_raise(L, 1, box);
        writer_end(L, 1, box);
    }
    lua_pushboolean(L, 1);
    return 1;
}

/* __gc: a writer never closed is discarded (see the file's comment). */
static int writer_gc(lua_State *L)
{
    struct writer_box *box = check_writer(L, 1);
    writer_end(L, 1, box);
    return 0;
}

/* __close(w, err): commit when the scope ends normally, discard on an error. */
static int writer_toclose(lua_State *L)
{
    if (lua_isnoneornil(L, 2))
        return writer_close(L);
    return writer_gc(L);
}

static int writer_tostring(lua_State *L)
{
    struct writer_box *box = check_writer(L, 1);
    if (box->w == NULL)
        lua_pushliteral(L, WRITER_MT " (closed)");
    else
        lua_pushfstring(L, WRITER_MT " (%s)", csvw_name(box->w));
    return 1;
}

/* A key and its length, for sorting column names. */
struct name {
    const char *s;
    size_t len;
};

static int compare_names(const void *a, const void *b)
{
    const struct name *x = a, *y = b;
    int c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
    return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

/* Pushes the sorted list of every string key of the rows (tables) in the
 * table at rows_idx; when there is none, the positions 1..widest row and
 * *by_position = true. */
static void push_union_of_keys(lua_State *L, int rows_idx, bool *by_position)
{
    lua_newtable(L);                                 /* set of names */
    int set = lua_gettop(L);
    size_t count = 0;
    lua_Integer widest = 0;
    lua_Integer nrows = luaL_len(L, rows_idx);
    for (lua_Integer i = 1; i <= nrows; i++) {
        if (lua_geti(L, rows_idx, i) == LUA_TTABLE) {
            lua_Integer len = (lua_Integer)lua_rawlen(L, -1);
            widest = len > widest ? len : widest;
            lua_pushnil(L);
            while (lua_next(L, -2) != 0) {
                lua_pop(L, 1);
                if (lua_type(L, -1) == LUA_TSTRING) {
                    lua_pushvalue(L, -1);
                    if (lua_rawget(L, set) == LUA_TNIL) {
                        lua_pushvalue(L, -2);
                        lua_pushboolean(L, 1);
                        lua_rawset(L, set);
                        count++;
                    }
                    lua_pop(L, 1);
                }
            }
        }
        lua_pop(L, 1);
    }
    *by_position = count == 0;
    if (count == 0) {
        lua_createtable(L, (int)widest, 0);
        for (lua_Integer i = 1; i <= widest; i++) {
            lua_pushinteger(L, i);
            lua_rawseti(L, -2, i);
        }
        lua_remove(L, set);
        return;
    }
    struct name *names = lua_newuserdatauv(L, count * sizeof *names, 0);  /* freed by GC */
    size_t k = 0;
    lua_pushnil(L);
    while (lua_next(L, set) != 0) {
        lua_pop(L, 1);
        names[k].s = lua_tolstring(L, -1, &names[k].len);   /* anchored in the set */
        k++;
    }
    qsort(names, count, sizeof *names, compare_names);
    lua_createtable(L, (int)count, 0);
    for (size_t i = 0; i < count; i++) {
        lua_pushlstring(L, names[i].s, names[i].len);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_replace(L, set);
    lua_pop(L, 1);                                   /* the names array */
}

/* The body of write(), run in a protected call so that the output can be
 * discarded on any error: 1 writer, 2 rows, 3 columns, 4 write the header. */
static int write_all_rows(lua_State *L)
{
    struct writer_box *box = check_writer(L, 1);
    if (lua_toboolean(L, 4))
        write_header(L, 1, box, 3);
    lua_Integer n = luaL_len(L, 2);
    for (lua_Integer i = 1; i <= n; i++) {
        int t = lua_geti(L, 2, i);
        if (t != LUA_TTABLE)
            luaL_error(L, "bad argument #2 to 'petlua.csv.write' (row %d must be a table, got %s)",
                       (int)i, lua_typename(L, t));
        write_row(L, 1, box, 5, 3);
        lua_pop(L, 1);
        if (i % DEADLINE_EVERY == 0)
            sandbox_check_deadline(L);
    }
    return 0;
}

/* csv.write(path or "-", rows, [opts]) -> true. A file that cannot be
 * opened, a bad value or a write error raises, and a regular file is then
 * left as it was. */
static int csv_l_write(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    struct write_opts o = check_write_opts(L, 3, true);
    lua_settop(L, 3);
    bool by_position = false;
    if (!lua_isnil(L, 3) && lua_getfield(L, 3, "columns") != LUA_TNIL) {
        luaL_argcheck(L, lua_type(L, -1) == LUA_TTABLE, 3, "option 'columns' must be a list of names");
        push_column_list(L, lua_gettop(L), 3);
        lua_remove(L, -2);
    } else {
        if (!lua_isnil(L, 3))
            lua_pop(L, 1);
        lua_pushliteral(L, "columns");
        if (lua_rawget(L, 2) == LUA_TTABLE && lua_rawlen(L, -1) > 0) {
            push_column_list(L, lua_gettop(L), 2);
            lua_remove(L, -2);
        } else {
            lua_pop(L, 1);
            push_union_of_keys(L, 2, &by_position);
        }
    }
    int cols = lua_gettop(L);                        /* 4 */
    struct writer_box *box = open_writer(L, path, cols, &o);   /* 5 */
    lua_pushcfunction(L, write_all_rows);
    lua_pushvalue(L, 5);
    lua_pushvalue(L, 2);
    lua_pushvalue(L, cols);
    lua_pushboolean(L, o.header && !by_position && lua_rawlen(L, cols) > 0);
    if (lua_pcall(L, 4, 0, 0) != LUA_OK) {
        writer_end(L, 5, box);                       /* discards the output */
        return lua_error(L);
    }
    lua_settop(L, 5);
    lua_replace(L, 1);                               /* the writer, as w:close() wants it */
    return writer_close(L);
}

/* csv.versions() -> {"libcsv 3.0.3"} */
static int csv_l_versions(lua_State *L)
{
    lua_createtable(L, 1, 0);
    lua_pushfstring(L, "libcsv %s", csvio_libcsv_version());
    lua_rawseti(L, -2, 1);
    return 1;
}

static const luaL_Reg csv_funcs[] = {
    {"read", csv_l_read},
    {"rows", csv_l_rows},
    {"versions", csv_l_versions},
    {"write", csv_l_write},
    {"writer", csv_l_writer},
    {NULL, NULL}
};

static const luaL_Reg reader_meta[] = {
    {"__close", reader_close},
    {"__gc", reader_close},
    {"__tostring", reader_tostring},
    {NULL, NULL}
};

static const luaL_Reg reader_methods[] = {
    {"close", reader_close},
    {"header", reader_header},
    {NULL, NULL}
};

static const luaL_Reg writer_meta[] = {
    {"__close", writer_toclose},
    {"__gc", writer_gc},
    {"__tostring", writer_tostring},
    {NULL, NULL}
};

static const luaL_Reg writer_methods[] = {
    {"close", writer_close},
    {"write", writer_write},
    {"write_records", writer_write_records},
    {NULL, NULL}
};

static void new_type(lua_State *L, const char *name, const luaL_Reg *meta, const luaL_Reg *methods)
{
    luaL_newmetatable(L, name);
    luaL_setfuncs(L, meta, 0);
    lua_newtable(L);
    luaL_setfuncs(L, methods, 0);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
}

int luaopen_petlua_csv(lua_State *L)
{
    new_type(L, READER_MT, reader_meta, reader_methods);
    new_type(L, WRITER_MT, writer_meta, writer_methods);
    luaL_newlib(L, csv_funcs);
    return 1;
}
