/* page_arena.c — see page_arena.h. */
#include "page_arena.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
    struct arena_block *next;
    size_t size, used;
    max_align_t data[];         /* the bytes handed out */
};

#define ARENA_MIN_BLOCK ((size_t)16 * 1024)
#define ARENA_ALIGN (sizeof(max_align_t))

void arena_init(struct arena *a, size_t hint)
{
    a->head = NULL;
    a->block_size = hint < ARENA_MIN_BLOCK ? ARENA_MIN_BLOCK : hint;
}

void arena_free(struct arena *a)
{
    struct arena_block *b = a->head;
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

void arena_adopt(struct arena *a, struct arena *from)
{
    struct arena_block *first = from->head, *last = first;
    from->head = NULL;
    if (!first)
        return;
    while (last->next)
        last = last->next;
    if (a->head) {
        last->next = a->head->next;
        a->head->next = first;
    } else {
        a->head = first;        /* filled on from its first block, which is its head */
    }
}

void *arena_alloc(struct arena *a, size_t size)
{
    if (size > SIZE_MAX / 2)
        return NULL;
    size = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    if (size == 0)
        size = ARENA_ALIGN;
    struct arena_block *b = a->head;
    if (b && b->size - b->used >= size) {
        void *p = (char *)b->data + b->used;
        b->used += size;
        return p;
    }
    if (size > a->block_size / 2) {
        /* A big one-off block, kept behind the current one so that the
         * current block goes on being filled. */
        struct arena_block *big = malloc(sizeof *big + size);
        if (!big)
            return NULL;
        big->size = big->used = size;
        if (b) {
            big->next = b->next;
            b->next = big;
        } else {
            big->next = NULL;
            a->head = big;
        }
        return big->data;
    }
    struct arena_block *nb = malloc(sizeof *nb + a->block_size);
    if (!nb)
        return NULL;
    nb->size = a->block_size;
    nb->used = 0;
    nb->next = b;
    a->head = b = nb;
    if (a->block_size < ((size_t)1 << 22))
        a->block_size *= 2;                     /* fewer blocks for big pages */
    void *p = (char *)b->data + b->used;
    b->used += size;
    return p;
}

void *arena_reserve(struct arena *a, size_t max)
{
    struct arena_block *b = a->head;
    if (!b || max > SIZE_MAX / 2)
        return NULL;
    /* aligned as arena_alloc would: a block's size need not be a multiple
     * of the alignment, and a commit rounded up must stay inside it */
    max = (max + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    if (max > b->size - b->used)
        return NULL;
    return (char *)b->data + b->used;
}

void arena_commit(struct arena *a, size_t used)
{
    a->head->used += (used + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
}

void *arena_calloc(struct arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / 4 / size)
        return NULL;
    void *p = arena_alloc(a, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;      /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0;            /* no overlong forms */
        if (c == 0xED) hi = 0x9F;            /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else
        return 0;
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t k = 2; k < len; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    return len;
}

/* Eight bytes at a time: does the word hold a byte >= 0x80? a byte that is
 * not printable ASCII (< 0x20, 0x7F, >= 0x80)? */
#define WORD_ONES ((uint64_t)0x0101010101010101u)
#define WORD_HIGH ((uint64_t)0x8080808080808080u)

static uint64_t load_word(const unsigned char *s)
{
    uint64_t w;
    memcpy(&w, s, sizeof w);
    return w;
}

static bool word_has_high(uint64_t w)
{
    return (w & WORD_HIGH) != 0;
}

static bool word_all_printable(uint64_t w)
{
    uint64_t below_space = (w - WORD_ONES * 0x20) & ~w;     /* high bit set where a byte < 0x20 */
    uint64_t x = w ^ (WORD_ONES * 0x7F);
    uint64_t del = (x - WORD_ONES) & ~x;                    /* ... where a byte == 0x7F */
    return ((w | below_space | del) & WORD_HIGH) == 0;
}

size_t clean_len(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t out = n;                             /* each invalid byte grows to 3 */
    for (size_t i = 0; i < n;) {
        if (i + 8 <= n && !word_has_high(load_word(u + i))) {
            i += 8;
            continue;
        }
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t l = utf8_seq_len(u + i, n - i);
        out += l ? 0 : 2;
        i += l ? l : 1;
    }
    return out;
}

/* The length of the run at u[0..n) that clean_copy leaves as it is:
 * printable ASCII (eight bytes at a time where it can) and whole UTF-8
 * characters. */
static size_t clean_run(const unsigned char *u, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n && word_all_printable(load_word(u + i))) {
            i += 8;
            continue;
        }
        unsigned char c = u[i];
        if (c >= 0x20 && c < 0x7F) {
            i++;
            continue;
        }
        size_t l = c >= 0x80 ? utf8_seq_len(u + i, n - i) : 0;
        if (l < 2)
            break;
        i += l;
    }
    return i;
}

size_t clean_copy(char *dst, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t run = clean_run(u + i, n - i);  /* copied in one go */
        memcpy(dst + o, s + i, run);
        o += run;
        i += run;
        if (i >= n)
            break;
        if (u[i] < 0x80) {
            dst[o++] = ' ';                         /* a control character */
        } else {
            memcpy(dst + o, "\xEF\xBF\xBD", 3);     /* U+FFFD for a byte of no character */
            o += 3;
        }
        i++;
    }
    return o;
}

char *arena_strdup_clean(struct arena *a, const char *s, size_t n, size_t max)
{
    size_t cut = n;
    if (max) {
        /* the longest prefix of whole characters whose cleaned copy fits in max */
        const unsigned char *u = (const unsigned char *)s;
        size_t out = 0;
        for (size_t i = 0; i < n;) {
            size_t l = utf8_seq_len(u + i, n - i);
            size_t w = l ? l : 3;
            if (out + w > max) {
                cut = i;
                break;
            }
            out += w;
            i += l ? l : 1;
        }
    }
    char *d = cut <= SIZE_MAX / 4 ? arena_reserve(a, cut * 3 + 4) : NULL;
    if (d) {                                    /* room for the worst case: one pass */
        size_t o = clean_copy(d, s, cut);
        if (cut < n) {
            memcpy(d + o, "...", 3);
            o += 3;
        }
        d[o] = '\0';
        arena_commit(a, o + 1);
        return d;
    }
    size_t len = clean_len(s, cut);
    d = arena_alloc(a, len + (cut < n ? 3 : 0) + 1);
    if (!d)
        return NULL;
    size_t o = clean_copy(d, s, cut);
    if (cut < n) {
        memcpy(d + o, "...", 3);
        o += 3;
    }
    d[o] = '\0';
    return d;
}
