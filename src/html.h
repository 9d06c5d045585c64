/* html.h — an HTML petition page turned into text, as a browser's "save as
 * text" renders it, so the text page parser (page.h) can read it.
 * A C core: no Lua here. Parsing is done by gumbo (HTML5 rules, so broken
 * markup, unclosed tags and entities are handled as a browser would).
 *
 * The rendering:
 * - dropped with their content: head (title, meta, ...), script, style,
 *   noscript, template, iframe, object, embed, svg, math, canvas, audio,
 *   video, select, textarea, nav, comments, and any element with the
 *   `hidden` attribute (a site's menus are not the page: kept, every item
 *   would be a line no landmark explains);
 * - block elements (p, div, section, header, footer, main, article,
 *   aside, h1-h6, ul, ol, li, dl, dt, dd, table, tr, caption, form,
 *   fieldset, blockquote, pre, figure, figcaption, address, details,
 *   summary, hr, br ...) end the current line; blank lines are not kept;
 * - a list item starts with a bullet: "• " in a <ul> (the bullet of the text
 *   pages), "N. " in an <ol> (its `start` honoured), so requests keep their
 *   numbers; an item of a list nested in another list is indented by two
 *   spaces a level ("  • "), as the text pages print sub-bullets;
 * - table cells of a row are written "cell | cell |" and a row made only of
 *   <th> cells is followed by a "---|---|" line: a province table reads
 *   "Ontario | 1,204 |" as on the text rendering; block elements inside a
 *   cell do not break its row;
 * - an <img> with a non-empty alt text gives that text as a line of its own
 *   ("Photo - Stephanie Kusie", the sponsor landmark);
 * - entities are decoded; runs of white space inside a line become one space
 *   (U+00A0 is not white space here and is kept); lines are trimmed of
 *   spaces and U+00A0 at both ends (a nested item keeps its indentation);
 *   <pre> keeps its line breaks.
 */
#ifndef PETLUA_HTML_H
#define PETLUA_HTML_H

#include <stdbool.h>
#include <stddef.h>

/* The text of a page: lines ending in "\n", NUL-terminated (text[len] == 0).
 * src_line[i] is the 1-based line of the HTML source where text line i + 1
 * begins, so a message about the text can name the line of the file. */
struct html_text {
    char *text;
    size_t len;
    int *src_line;
    size_t n_lines;
};

/* Convert len bytes of HTML (UTF-8). Returns 0 and fills *out (to be freed
 * with html_text_free), or -1 when memory ran out (*out is then empty). */
int html_to_text(const char *html, size_t len, struct html_text *out);

/* Free what html_to_text allocated; safe on an empty or freed html_text. */
void html_text_free(struct html_text *t);

/* Markup that would take gumbo minutes (its work grows with the square of
 * the nesting depth, and of the attributes of one tag) is refused before it
 * is parsed: elements nested more than HTML_MAX_DEPTH deep (void elements
 * and those a sibling closes, such as <p> and <li>, do not count), or a tag
 * with more than HTML_MAX_ATTRIBUTES attributes. Real pages nest about 30
 * deep (browsers flatten past 512). Returns 0, or -1 with *line the 1-based
 * line of the tag and why a one-line message. A linear scan. */
#define HTML_MAX_DEPTH 1000
#define HTML_MAX_ATTRIBUTES 100
int html_check_shape(const char *html, size_t len, int *line, char *why, size_t whylen);

/* A cheap test on the first bytes: after a byte-order mark and white space,
 * the buffer starts with "<!DOCTYPE html", "<html" or "<head" (any case), or
 * it starts with "<" and "<body" or "<div" occurs in its first kilobyte. */
bool html_detect(const char *buf, size_t len);

#endif
