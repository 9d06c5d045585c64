/* fuzz_text.c — the text core on arbitrary bytes: the first byte picks the
 * options, the rest is split in two texts (at the first 0xFF byte, else in
 * the middle). Checks: outputs are valid UTF-8 (invalid input becomes
 * U+FFFD), similarity lies in 0..1 and is symmetric, words are never empty. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A strict UTF-8 check (no surrogates, no overlongs, at most U+10FFFF). */
static int valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t k = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3
                 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
        if (k == 0 || i + k > n)
            return 0;
        for (size_t j = 1; j < k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
        if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] > 0x9F) ||
            (c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] > 0x8F))
            return 0;
        i += k;
    }
    return 1;
}

static void check_list(const struct text_list *l, int allow_empty)
{
    for (size_t i = 0; i < l->n; i++) {
        size_t len;
        const char *w = text_list_item(l, i, &len);
        if ((!allow_empty && len == 0) || !valid_utf8((const unsigned char *)w, len))
            abort();
    }
}

static void check_buf(const struct text_buf *b)
{
    if (!valid_utf8((const unsigned char *)b->data, b->len))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    unsigned flags = data[0];
    char *s = malloc(size);
    memcpy(s, data + 1, size - 1);
    size_t len = size - 1;
    const char *ff = memchr(s, 0xFF, len);
    size_t alen = ff ? (size_t)(ff - s) : len / 2;
    const char *b = s + alen + (ff != NULL);
    size_t blen = len - alen - (ff != NULL);

    struct text_buf buf = {0};
    text_normalize(s, len, &buf), check_buf(&buf), text_buf_free(&buf);
    memset(&buf, 0, sizeof buf);
    text_fold(s, len, &buf), check_buf(&buf), text_buf_free(&buf);

    struct text_words_opts o = {.lang = (enum text_lang)(flags & 3), .stop = flags & 4,
                                .stem = flags & 8, .fold = flags & 16};
    struct text_list l = {0};
    text_words(s, len, &o, &l), check_list(&l, 0), text_list_free(&l);
    memset(&l, 0, sizeof l);
    text_sentences(s, len, &l), check_list(&l, 0), text_list_free(&l);
    memset(&l, 0, sizeof l);
    text_kwic(s, alen, b, blen, 1 + (flags >> 5), &l), check_list(&l, 1), text_list_free(&l);
    memset(&buf, 0, sizeof buf);
    text_wrap(s, len, 1 + (flags >> 3), &buf), check_buf(&buf), text_buf_free(&buf);
    (void)text_detect_lang(s, len);

    double ab = text_similarity(s, alen, b, blen), ba = text_similarity(b, blen, s, alen);
    if (ab != -1 && (ab < 0 || ab > 1 || ab != ba))
        abort();
    /* MinHash costs about 1 ms per KB: only on short inputs, to keep the
     * fuzzer fast on the rest. */
    if (len <= 1024) {
        struct text_str texts[3] = {{s, alen}, {b, blen}, {s, alen}};
        struct text_groups g = {0};
        if (text_near_duplicates(texts, 3, 0.5 + (flags & 7) / 16.0, &g) == 0)
            for (size_t i = 0; i < g.n; i++)
                if (g.start[i + 1] - g.start[i] < 2)
                    abort();
        text_groups_free(&g);
    }
    free(s);
    return 0;
}
