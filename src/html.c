/* html.c — an HTML page rendered as text (see html.h for the rendering). */
#include "html.h"

#include <gumbo.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LIST_DEPTH 32

/* A growing byte buffer; `failed` is set once memory runs out. */
struct buf {
    char *data;
    size_t len, cap;
};

/* The state of one rendering: the finished text, the line being built, and
 * where the walk stands in lists, tables and <pre>. */
struct render {
    struct buf out;           /* finished lines */
    struct buf line;          /* the current line, not yet trimmed */
    int *src_line;            /* source line of each finished line */
    size_t n_lines, cap_lines;
    int line_src;             /* source line of the current line's first byte; 0: none yet */
    int cur_src;              /* source line of the text being written */
    int last_src;             /* the source's last line: a newline decoded from
                                 "&#10;" must not count past it */
    bool pending_space;       /* white space seen since the last byte written */
    char marker[24];          /* a list item's "• " or "3. ", written before its first text */
    int marker_indent;        /* its list's depth below the outermost list, 2 spaces a level */
    int line_indent;          /* spaces the current line keeps before its marker */
    int pre_depth;            /* inside <pre>: keep line breaks */
    int cell_depth;           /* inside <td>/<th>: blocks do not break the row */
    int cells_in_row;
    bool row_all_th;
    long list_counter[MAX_LIST_DEPTH]; /* next number of each open list; -1: a <ul> */
    int list_depth;
    bool failed;
};

static bool buf_reserve(struct render *r, struct buf *b, size_t extra)
{
    if (r->failed)
        return false;
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (p == NULL) {
        r->failed = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

static void buf_add(struct render *r, struct buf *b, const char *s, size_t n)
{
    if (!buf_reserve(r, b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Length of a space or U+00A0 at s[i] (forward), 0 if neither. */
static size_t blank_at(const char *s, size_t i, size_t n)
{
    if (i < n && s[i] == ' ')
        return 1;
    if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
        return 2;
    return 0;
}

/* Length of a space or U+00A0 ending just before s[n], 0 if neither. */
static size_t blank_before(const char *s, size_t n)
{
    if (n >= 1 && s[n - 1] == ' ')
        return 1;
    if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xA0)
        return 2;
    return 0;
}

/* End the current line: trimmed, and kept only if something is left. */
static void end_line(struct render *r)
{
    const char *s = r->line.data;
    size_t start = 0, end = r->line.len, k;
    while ((k = blank_at(s, start, end)) > 0)
        start += k;
    while (end > start && (k = blank_before(s, end)) > 0)
        end -= k;
    if (end > start) {
        for (int i = 0; i < r->line_indent; i++)
            buf_add(r, &r->out, " ", 1);
        if (r->n_lines == r->cap_lines) {
            size_t cap = r->cap_lines ? r->cap_lines * 2 : 64;
            int *p = r->failed ? NULL : realloc(r->src_line, cap * sizeof *p);
            if (p == NULL) {
                r->failed = true;
                return;
            }
            r->src_line = p;
            r->cap_lines = cap;
        }
        r->src_line[r->n_lines++] = r->line_src > 0 ? r->line_src : 1;
        buf_add(r, &r->out, s + start, end - start);
        buf_add(r, &r->out, "\n", 1);
    }
    r->line.len = 0;
    r->line_src = 0;
    r->line_indent = 0;
    r->pending_space = false;
}

/* Append bytes that are not white space to the current line (after a list
 * item's marker, if one is waiting: <li><p>text</p></li> keeps "• text" on
 * one line). */
static void put(struct render *r, const char *s, size_t n)
{
    if (r->marker[0] != '\0') {
        char marker[sizeof r->marker];
        memcpy(marker, r->marker, sizeof marker);
        r->marker[0] = '\0';
        if (r->cell_depth == 0) {
            end_line(r);
            r->line_indent = r->marker_indent;
        }
        put(r, marker, strlen(marker));
        r->pending_space = true;
    }
    if (r->pending_space && r->line.len > 0 && r->line.data[r->line.len - 1] != ' ')
        buf_add(r, &r->line, " ", 1);
    r->pending_space = false;
    if (r->line_src == 0)
        r->line_src = r->cur_src;
    buf_add(r, &r->line, s, n);
}

/* A line break asked for by the markup; inside a table cell, only a space. */
static void block_break(struct render *r)
{
    if (r->cell_depth > 0)
        r->pending_space = true;
    else
        end_line(r);
}

/* Text as a browser lays it out: white space runs collapse to one space,
 * except in <pre>, where a newline ends the line. */
static void put_text(struct render *r, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n') {
            if (r->pre_depth > 0)
                block_break(r);
            else
                r->pending_space = true;
            if (r->cur_src < r->last_src)
                r->cur_src++;
            i++;
        } else if (is_space(c)) {
            if (r->pre_depth > 0 && c != '\r')
                put(r, " ", 1);
            else
                r->pending_space = true;
            i++;
        } else {
            size_t j = i + 1;
            while (j < n && !is_space((unsigned char)s[j]))
                j++;
            put(r, s + i, j - i);
            i = j;
        }
    }
}

/* Elements dropped with everything inside them. */
static bool is_dropped(const GumboNode *n)
{
    switch (n->v.element.tag) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_NAV:
        return true;
    default:
        return gumbo_get_attribute(&n->v.element.attributes, "hidden") != NULL;
    }
}

/* Elements that begin and end a line. */
static bool is_block(GumboTag tag)
{
    switch (tag) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR: case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU:
    case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_UL:
    case GUMBO_TAG_BR: case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP:
        return true;
    default:
        return false;
    }
}

static void open_list(struct render *r, const GumboNode *n)
{
    if (r->list_depth < MAX_LIST_DEPTH) {
        long first = -1;
        if (n->v.element.tag == GUMBO_TAG_OL) {
            const GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, "start");
            first = a ? strtol(a->value, NULL, 10) : 1;
            if (first < 0 || first > INT_MAX)   /* also: counting on would overflow */
                first = 1;
        }
        r->list_counter[r->list_depth] = first;
    }
    r->list_depth++;
}

/* "• " in a <ul> (or outside any list), "N. " in an <ol>; an item of a list
 * inside another list is indented two spaces a level, as the text pages
 * print sub-bullets. */
static void open_item(struct render *r)
{
    int depth = r->list_depth > 1 ? r->list_depth - 1 : 0;
    r->marker_indent = 2 * (depth < 8 ? depth : 8);
    long *counter = r->list_depth > 0 && r->list_depth <= MAX_LIST_DEPTH
                    ? &r->list_counter[r->list_depth - 1] : NULL;
    if (counter && *counter >= 0)
        snprintf(r->marker, sizeof r->marker, "%ld.", (*counter)++);
    else
        snprintf(r->marker, sizeof r->marker, "\xE2\x80\xA2");
}

static void open_cell(struct render *r, const GumboNode *n)
{
    if (r->cells_in_row > 0 && r->line.len > 0)
        buf_add(r, &r->line, " ", 1);
    if (n->v.element.tag != GUMBO_TAG_TH)
        r->row_all_th = false;
    r->cells_in_row++;
    r->cell_depth++;
    r->pending_space = false;
}

static void close_cell(struct render *r)
{
    while (r->line.len > 0 && r->line.data[r->line.len - 1] == ' ')
        r->line.len--;
    buf_add(r, &r->line, " |", 2);
    r->pending_space = false;
    r->cell_depth--;
}

/* A header row ("Province / Territory | Signatures |") is followed by the
 * "---|---|" line of the text rendering. */
static void close_row(struct render *r)
{
    int cells = r->cells_in_row;
    bool header = cells > 0 && r->row_all_th;
    block_break(r);
    if (header && r->cell_depth == 0) {
        for (int i = 0; i < cells; i++)
            put(r, "---|", 4);
        end_line(r);
    }
    r->cells_in_row = 0;
    r->row_all_th = true;
}

/* <img alt="Photo - NAME">: the alt text as a line of its own. */
static void put_image(struct render *r, const GumboNode *n)
{
    const GumboAttribute *alt = gumbo_get_attribute(&n->v.element.attributes, "alt");
    if (alt == NULL || alt->value[0] == '\0')
        return;
    block_break(r);
    put_text(r, alt->value, strlen(alt->value));
    block_break(r);
}

/* Entering an element; returns true if its children are to be walked. */
static bool open_element(struct render *r, const GumboNode *n)
{
    GumboTag tag = n->v.element.tag;
    r->cur_src = (int)n->v.element.start_pos.line;
    if (is_dropped(n))
        return false;
    if (tag == GUMBO_TAG_IMG) {
        put_image(r, n);
        return false;
    }
    if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) {
        open_cell(r, n);
        return true;
    }
    if (is_block(tag))
        block_break(r);
    switch (tag) {
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_MENU: case GUMBO_TAG_DIR:
        open_list(r, n);
        break;
    case GUMBO_TAG_LI:
        open_item(r);
        break;
    case GUMBO_TAG_PRE:
        r->pre_depth++;
        break;
    case GUMBO_TAG_TR:
        r->cells_in_row = 0;
        r->row_all_th = true;
        break;
    default:
        break;
    }
    return true;
}

static void close_element(struct render *r, const GumboNode *n)
{
    GumboTag tag = n->v.element.tag;
    switch (tag) {
    case GUMBO_TAG_TD: case GUMBO_TAG_TH:
        close_cell(r);
        return;
    case GUMBO_TAG_TR:
        close_row(r);
        return;
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_MENU: case GUMBO_TAG_DIR:
        r->list_depth--;
        break;
    case GUMBO_TAG_PRE:
        r->pre_depth--;
        break;
    case GUMBO_TAG_LI:
        r->marker[0] = '\0'; /* an item with no text: no lone bullet */
        break;
    default:
        break;
    }
    if (is_block(tag))
        block_break(r);
}

static const GumboVector *children_of(const GumboNode *n)
{
    if (n->type == GUMBO_NODE_DOCUMENT)
        return &n->v.document.children;
    if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
        return &n->v.element.children;
    return NULL;
}

/* Visit a node on the way down; returns true if it has children to walk. */
static bool enter(struct render *r, const GumboNode *n)
{
    switch (n->type) {
    case GUMBO_NODE_DOCUMENT:
        return true;
    case GUMBO_NODE_ELEMENT:
        return open_element(r, n);
    case GUMBO_NODE_TEXT: case GUMBO_NODE_CDATA: case GUMBO_NODE_WHITESPACE:
        r->cur_src = (int)n->v.text.start_pos.line;
        put_text(r, n->v.text.text, strlen(n->v.text.text));
        return false;
    default: /* comments, templates */
        return false;
    }
}

static void leave(struct render *r, const GumboNode *n)
{
    if (n->type == GUMBO_NODE_ELEMENT)
        close_element(r, n);
}

/* The sibling after n, or NULL. */
static const GumboNode *next_sibling(const GumboNode *n)
{
    const GumboVector *kids = children_of(n->parent);
    size_t i = n->index_within_parent;
    if (i >= kids->length || kids->data[i] != n) { /* never seen; be safe */
        for (i = 0; i < kids->length && kids->data[i] != n; i++)
            ;
    }
    return i + 1 < kids->length ? kids->data[i + 1] : NULL;
}

/* Depth-first walk without recursion (a deeply nested page cannot exhaust
 * the stack): down to the first child, else across, else up. */
static void walk(struct render *r, const GumboNode *root)
{
    const GumboNode *n = root;
    for (;;) {
        const GumboVector *kids = children_of(n);
        bool opened = enter(r, n);
        if (opened && kids && kids->length > 0) {
            n = kids->data[0];
            continue;
        }
        if (opened)
            leave(r, n);
        for (;;) {
            if (n == root)
                return;
            const GumboNode *next = next_sibling(n);
            if (next) {
                n = next;
                break;
            }
            n = n->parent;
            leave(r, n);
        }
    }
}

int html_to_text(const char *html, size_t len, struct html_text *out)
{
    memset(out, 0, sizeof *out);
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0; /* the parse errors are not wanted; don't collect them */
    GumboOutput *doc = gumbo_parse_with_options(&options, html, len);
    if (doc == NULL)
        return -1;
    struct render r;
    memset(&r, 0, sizeof r);
    r.row_all_th = true;
    r.cur_src = 1;
    r.last_src = 1;
    for (size_t i = 0; i < len; i++)
        r.last_src += html[i] == '\n';
    walk(&r, doc->document);
    end_line(&r);
    gumbo_destroy_output(&options, doc);
    free(r.line.data);
    if (!r.failed && r.out.data == NULL) { /* nothing at all: an empty text */
        r.out.data = calloc(1, 1);
        r.failed = r.out.data == NULL;
    }
    if (r.failed) {
        free(r.out.data);
        free(r.src_line);
        return -1;
    }
    out->text = r.out.data;
    out->len = r.out.len;
    out->src_line = r.src_line;
    out->n_lines = r.n_lines;
    return 0;
}

void html_text_free(struct html_text *t)
{
    free(t->text);
    free(t->src_line);
    memset(t, 0, sizeof *t);
}

static bool starts_with_ci(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (c != (unsigned char)prefix[i])
            return false;
    }
    return true;
}

static bool contains_ci(const char *s, size_t n, const char *needle)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '<' && starts_with_ci(s + i, n - i, needle))
            return true;
    return false;
}

bool html_detect(const char *buf, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && is_space((unsigned char)buf[i]))
        i++;
    const char *s = buf + i;
    size_t n = len - i;
    if (starts_with_ci(s, n, "<!doctype html") || starts_with_ci(s, n, "<html")
        || starts_with_ci(s, n, "<head"))
        return true;
    if (n == 0 || s[0] != '<')
        return false;
    size_t early = n < 1024 ? n : 1024;
    return contains_ci(s, early, "<body") || contains_ci(s, early, "<div");
}

/* ---- the shape check ---------------------------------------------------- */

/* Elements that never hold others (void), or that a sibling of their kind
 * closes when left open (<p>, <li> ...): neither deepens the nesting. */
static bool leaves_depth_alone(const char *name)
{
    static const char *const names[] = {
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img",
        "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody",
        "tfoot", "colgroup", "caption", "rb", "rt", "rp", "rtc",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

/* Elements whose content is text up to their end tag. */
static bool holds_raw_text(const char *name)
{
    static const char *const names[] = {"script", "style", "textarea", "title", "xmp",
                                        "iframe", "noembed", "noframes", "plaintext"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

struct shape_scan {
    const char *s;
    size_t n, i;
    int line;
};

static void scan_advance(struct shape_scan *sc, size_t to)
{
    for (; sc->i < to && sc->i < sc->n; sc->i++)
        sc->line += sc->s[sc->i] == '\n';
}

/* Moves past the first occurrence of needle (case-insensitive), or to the end. */
static void scan_past(struct shape_scan *sc, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t j = sc->i; j + k <= sc->n; j++) {
        if (starts_with_ci(sc->s + j, sc->n - j, needle)) {
            scan_advance(sc, j + k);
            return;
        }
    }
    scan_advance(sc, sc->n);
}

static bool is_name_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == ':' || c == '_';
}

/* Reads the attributes of the tag the scan is inside, up to and past its
 * '>': returns how many there are, *self_closing when it ends in "/>". */
static size_t scan_attributes(struct shape_scan *sc, bool *self_closing)
{
    size_t count = 0;
    *self_closing = false;
    while (sc->i < sc->n && sc->s[sc->i] != '>') {
        unsigned char c = (unsigned char)sc->s[sc->i];
        if (is_space(c) || c == '/') {
            *self_closing = c == '/';
            scan_advance(sc, sc->i + 1);
            continue;
        }
        *self_closing = false;
        count++;
        while (sc->i < sc->n && !is_space((unsigned char)sc->s[sc->i]) && sc->s[sc->i] != '='
               && sc->s[sc->i] != '>' && sc->s[sc->i] != '/')
            scan_advance(sc, sc->i + 1);
        while (sc->i < sc->n && is_space((unsigned char)sc->s[sc->i]))
            scan_advance(sc, sc->i + 1);
        if (sc->i < sc->n && sc->s[sc->i] == '=') {
            scan_advance(sc, sc->i + 1);
            while (sc->i < sc->n && is_space((unsigned char)sc->s[sc->i]))
                scan_advance(sc, sc->i + 1);
            char q = sc->i < sc->n ? sc->s[sc->i] : '\0';
            if (q == '"' || q == '\'') {
                const char *end = memchr(sc->s + sc->i + 1, q, sc->n - sc->i - 1);
                scan_advance(sc, end ? (size_t)(end - sc->s) + 1 : sc->n);
            } else {
                while (sc->i < sc->n && !is_space((unsigned char)sc->s[sc->i]) && sc->s[sc->i] != '>')
                    scan_advance(sc, sc->i + 1);
            }
        }
    }
    scan_advance(sc, sc->i + 1);                     /* the '>' */
    return count;
}

int html_check_shape(const char *html, size_t len, int *line, char *why, size_t whylen)
{
    struct shape_scan sc = {html, len, 0, 1};
    size_t depth = 0;
    while (sc.i < sc.n) {
        const char *lt = memchr(sc.s + sc.i, '<', sc.n - sc.i);
        if (lt == NULL)
            break;
        scan_advance(&sc, (size_t)(lt - sc.s));
        const char *rest = sc.s + sc.i;
        size_t left = sc.n - sc.i;
        if (starts_with_ci(rest, left, "<!--")) {
            scan_past(&sc, "-->");
            continue;
        }
        if (left > 1 && (rest[1] == '!' || rest[1] == '?')) {
            scan_past(&sc, ">");
            continue;
        }
        bool closing = left > 1 && rest[1] == '/';
        size_t at = closing ? 2 : 1;
        if (at >= left || !((rest[at] | 0x20) >= 'a' && (rest[at] | 0x20) <= 'z')) {
            scan_advance(&sc, sc.i + 1);             /* a '<' in text */
            continue;
        }
        int tag_line = sc.line;
        char name[16];
        size_t k = 0;
        scan_advance(&sc, sc.i + at);
        while (sc.i < sc.n && is_name_byte((unsigned char)sc.s[sc.i])) {
            if (k < sizeof name - 1)
                name[k++] = (char)(sc.s[sc.i] | 0x20);
            scan_advance(&sc, sc.i + 1);
        }
        name[k] = '\0';
        bool self_closing;
        size_t attributes = scan_attributes(&sc, &self_closing);
        if (attributes > HTML_MAX_ATTRIBUTES) {
            *line = tag_line;
            snprintf(why, whylen, "HTML with a tag of more than %d attributes: not read",
                     HTML_MAX_ATTRIBUTES);
            return -1;
        }
        if (leaves_depth_alone(name))
            continue;
        if (closing) {
            depth -= depth > 0;
        } else if (!self_closing) {
            if (++depth > HTML_MAX_DEPTH) {
                *line = tag_line;
                snprintf(why, whylen, "HTML nested more than %d elements deep: not read",
                         HTML_MAX_DEPTH);
                return -1;
            }
            if (holds_raw_text(name)) {
                char end_tag[20];
                snprintf(end_tag, sizeof end_tag, "</%s", name);
                scan_past(&sc, end_tag);
                depth--;
            }
        }
    }
    return 0;
}
