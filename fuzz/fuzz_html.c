/* fuzz_html.c — html_detect, html_check_shape and html_to_text (of what the
 * shape check lets through, as the loader does) on arbitrary bytes. Checks:
 * the shape check names a line within the input; the
 * text is NUL-terminated at len, its lines end in "\n", and there is one
 * source line per text line, each within the input's line count (LF, CRLF
 * or a lone CR ending a line, as HTML does). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size ? size : 1);
    if (s == NULL)
        return 0;
    memcpy(s, data, size);
    (void)html_detect(s, size);
    int line = 0;
    char why[128];
    if (html_check_shape(s, size, &line, why, sizeof why) != 0) {
        if (line < 1 || (size_t)line > size + 1 || why[0] == '\0')
            abort();
        free(s);
        return 0;
    }
    struct html_text t;
    if (html_to_text(s, size, &t) == 0) {
        if (t.text == NULL || t.text[t.len] != '\0')
            abort();
        size_t newlines = 0;
        for (size_t i = 0; i < t.len; i++)
            newlines += t.text[i] == '\n';
        if (newlines != t.n_lines || (t.len > 0 && t.text[t.len - 1] != '\n'))
            abort();
        long input_lines = 1;  /* LF, CRLF and a lone CR each end a line */
        for (size_t i = 0; i < size; i++)
            input_lines += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
        for (size_t i = 0; i < t.n_lines; i++)
            if (t.src_line[i] < 1 || t.src_line[i] > input_lines)
                abort();
        html_text_free(&t);
        html_text_free(&t);   /* documented as safe on a freed html_text */
    }
    free(s);
    return 0;
}
