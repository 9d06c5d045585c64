/* test_html.c — the HTML-to-text rendering on small snippets (html.h). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "html.h"

/* The text of a snippet; the caller frees it. */
static char *render(const char *html)
{
    struct html_text t;
    if (html_to_text(html, strlen(html), &t) != 0)
        return NULL;
    free(t.src_line);
    return t.text;
}

#define CHECK_RENDER(html, want) do { \
        char *got_ = render(html); \
        CHECK_STR(got_, want); \
        free(got_); \
    } while (0)

static void test_entities_and_spaces(void)
{
    CHECK_RENDER("<p>Caf&eacute; &amp; th&#233;&#8217;s</p>", "Café & thé’s\n");
    /* &nbsp; stays U+00A0 inside a line, runs of white space become one space */
    CHECK_RENDER("<p>Langue d'origine de la p&eacute;tition&nbsp;: Anglais</p>",
                 "Langue d'origine de la pétition\xC2\xA0: Anglais\n");
    CHECK_RENDER("<p>  one \n\t  two   </p>", "one two\n");
    /* lines are trimmed of U+00A0 too; a line of it alone is dropped */
    CHECK_RENDER("<p>&nbsp;a&nbsp;</p><p>&nbsp;</p><p>b</p>", "a\nb\n");
    /* inline elements do not add spaces */
    CHECK_RENDER("<p><b>e-</b><span>2559</span> (<i>Health</i>)</p>", "e-2559 (Health)\n");
    /* a stray entity without its semicolon is decoded as browsers do */
    CHECK_RENDER("<p>a&nbspb &eacute</p>", "a\xC2\xA0" "b é\n");
}

static void test_dropped(void)
{
    CHECK_RENDER("<html><head><title>T</title><style>p{}</style>"
                 "<script>var x = '<p>no</p>';</script></head>"
                 "<body><!-- comment --><noscript>Enable JS</noscript>"
                 "<p>kept</p><template><p>tpl</p></template>"
                 "<div hidden>hidden</div><script>x()</script></body></html>",
                 "kept\n");
    CHECK_RENDER("", "");
    CHECK_RENDER("<html><head><title>Only a title</title></head></html>", "");
}

static void test_blocks(void)
{
    CHECK_RENDER("<div>a<div>b</div>c</div><h1>d</h1>e<br>f<br><br>g<hr>h",
                 "a\nb\nc\nd\ne\nf\ng\nh\n");
    CHECK_RENDER("<section><header>x</header><p>y</p><footer>z</footer></section>",
                 "x\ny\nz\n");
    /* a site menu is dropped */
    CHECK_RENDER("<header><a href=\"#m\">Skip to main content</a><nav><ul><li>Home<li>Fran&ccedil;ais</ul></nav></header>"
                 "<h1>e-1 (A)</h1>", "Skip to main content\ne-1 (A)\n");
    CHECK_RENDER("<dl><dt>Open for signature</dt><dd>June 10, 2020</dd></dl>",
                 "Open for signature\nJune 10, 2020\n");
    CHECK_RENDER("<pre>line 1\n  line 2\n\nline 3</pre>", "line 1\nline 2\nline 3\n");
    /* unclosed tags close as a browser closes them */
    CHECK_RENDER("<p>one<p>two<div>three", "one\ntwo\nthree\n");
}

static void test_lists(void)
{
    CHECK_RENDER("<ul><li>first;</li><li> second </li></ul>",
                 "\xE2\x80\xA2 first;\n\xE2\x80\xA2 second\n");
    CHECK_RENDER("<ol><li>Apply<li>Ban</ol><ol start=\"3\"><li>Close</li></ol>",
                 "1. Apply\n2. Ban\n3. Close\n");
    /* a list inside an item is indented two spaces a level, as the text pages
     * print sub-bullets (a table row stays one line) */
    CHECK_RENDER("<ul><li>a<ol><li>b</li></ol></li><li>c</li></ul>",
                 "\xE2\x80\xA2 a\n  1. b\n\xE2\x80\xA2 c\n");
    CHECK_RENDER("<ul><li>a:<ul><li>a1</li><li>a2<ul><li>x</li></ul></li></ul></li><li>b</li></ul>",
                 "\xE2\x80\xA2 a:\n  \xE2\x80\xA2 a1\n  \xE2\x80\xA2 a2\n"
                 "    \xE2\x80\xA2 x\n\xE2\x80\xA2 b\n");
    CHECK_RENDER("<table><tr><td><ul><li>c<ul><li>d</li></ul></li></ul></td></tr></table>",
                 "\xE2\x80\xA2 c \xE2\x80\xA2 d |\n");
    /* blocks inside an item keep its marker on the text's line; an empty item has none */
    CHECK_RENDER("<ul><li><p>first</p><p>more</p></li><li> </li><li><div><b>third</b></div></ul>",
                 "\xE2\x80\xA2 first\nmore\n\xE2\x80\xA2 third\n");
    CHECK_RENDER("<ol><li><div>Apply</div></li><li></li><li><p>Ban</p></ol>",
                 "1. Apply\n3. Ban\n");
}

static void test_tables(void)
{
    CHECK_RENDER("<table><thead><tr><th>Province / Territory</th><th>Signatures</th></tr></thead>"
                 "<tbody><tr><td>Ontario</td><td> 1,204 </td></tr>"
                 "<tr><td><p>Yukon</p></td><td>3</td></tr></tbody></table>",
                 "Province / Territory | Signatures |\n---|---|\n"
                 "Ontario | 1,204 |\nYukon | 3 |\n");
    /* rows without their closing tags */
    CHECK_RENDER("<table><tr><td>Alberta<td>120<tr><td>Quebec<td>98</table>",
                 "Alberta | 120 |\nQuebec | 98 |\n");
}

static void test_images(void)
{
    CHECK_RENDER("<div><img src=\"p.jpg\" alt=\"Photo - Stephanie Kusie\">Calgary Midnapore</div>"
                 "<p>x<img src=\"icon.png\" alt=\"\">y</p>",
                 "Photo - Stephanie Kusie\nCalgary Midnapore\nxy\n");
}

/* Each text line knows the line of the HTML where it began. */
static void test_source_lines(void)
{
    const char *html = "<html>\n<head><title>x</title></head>\n<body>\n<h1>e-1 (A)</h1>\n"
                       "<p>one\ntwo</p>\n\n<p>three</p></body></html>\n";
    struct html_text t;
    CHECK(html_to_text(html, strlen(html), &t) == 0);
    CHECK_STR(t.text, "e-1 (A)\none two\nthree\n");
    CHECK_INT(t.n_lines, 3);
    if (t.n_lines == 3) {
        CHECK_INT(t.src_line[0], 4);
        CHECK_INT(t.src_line[1], 5);
        CHECK_INT(t.src_line[2], 8);
    }
    html_text_free(&t);
    html_text_free(&t); /* safe twice */
}

/* n copies of open, then text: a document nested n deep. */
static char *nested(const char *open, size_t n, size_t *len)
{
    size_t k = strlen(open);
    char *html = malloc(n * k + 16);
    *len = 0;
    for (size_t i = 0; i < n; i++) {
        memcpy(html + *len, open, k);
        *len += k;
    }
    memcpy(html + *len, "deep", 4);
    *len += 4;
    return html;
}

static void test_deep_nesting(void)
{
    size_t n;
    char *html = nested("<div>", HTML_MAX_DEPTH - 10, &n);
    int line = 0;
    char why[128];
    CHECK(html_check_shape(html, n, &line, why, sizeof why) == 0);
    struct html_text t;
    CHECK(html_to_text(html, n, &t) == 0);
    CHECK(t.text != NULL && strstr(t.text, "deep\n") != NULL);
    html_text_free(&t);
    free(html);

    html = nested("<div>", 100000, &n);      /* gumbo takes minutes on this */
    CHECK(html_check_shape(html, n, &line, why, sizeof why) == -1);
    CHECK_STR(why, "HTML nested more than 1000 elements deep: not read");
    CHECK_INT(line, 1);
    free(html);

    html = nested("<p>", 100000, &n);        /* each <p> closes the one before */
    CHECK(html_check_shape(html, n, &line, why, sizeof why) == 0);
    free(html);
    html = nested("<div><br></div>\n", 100000, &n);
    CHECK(html_check_shape(html, n, &line, why, sizeof why) == 0);
    free(html);
    const char *script = "<div><script>if (a<b) { x = '<div><div><div>'; }</script></div><!-- <div> -->";
    CHECK(html_check_shape(script, strlen(script), &line, why, sizeof why) == 0);
}

static void test_many_attributes(void)
{
    char tag[4096] = "<html>\n<body>\n<p";
    for (int i = 0; i < HTML_MAX_ATTRIBUTES; i++)
        snprintf(tag + strlen(tag), sizeof tag - strlen(tag), " a%d='x y'", i);
    strcat(tag, ">text</p>");
    int line = 0;
    char why[128];
    CHECK(html_check_shape(tag, strlen(tag), &line, why, sizeof why) == 0);
    strcpy(tag + strlen(tag) - strlen(">text</p>"), " one=more>text</p>");
    CHECK(html_check_shape(tag, strlen(tag), &line, why, sizeof why) == -1);
    CHECK_STR(why, "HTML with a tag of more than 100 attributes: not read");
    CHECK_INT(line, 3);
}

static void test_detect(void)
{
    CHECK(html_detect("<!DOCTYPE html><html>", 21));
    CHECK(html_detect("\xEF\xBB\xBF  \n<!doctype HTML>", 20));
    CHECK(html_detect("<HTML lang=\"en\">", 16));
    CHECK(html_detect("<meta charset=\"utf-8\"><div>x</div>", 34));
    CHECK(html_detect("<!-- saved page --><body>", 25));
    CHECK(!html_detect("e-2559 (Foreign affairs)\n<div>", 30));
    CHECK(!html_detect("id,url,kind\n", 12));
    CHECK(!html_detect("", 0));
    CHECK(!html_detect("<p>just a paragraph</p>", 23));
    CHECK(!html_detect("<!DOCTYPE", 9));
}

int main(void)
{
    test_entities_and_spaces();
    test_dropped();
    test_blocks();
    test_lists();
    test_tables();
    test_images();
    test_source_lines();
    test_deep_nesting();
    test_many_attributes();
    test_detect();
    return check_done();
}
