/* page_id.c — the natural order of petition ids (see page.h). */
#include "page.h"

#include <string.h>

enum { CLASS_E_PETITION = 1, CLASS_PAPER = 2, CLASS_NUMBER = 3, CLASS_OTHER = 4 };

static size_t digits_at(const char *s, size_t len, size_t i)
{
    size_t j = i;
    while (j < len && s[j] >= '0' && s[j] <= '9')
        j++;
    return j - i;
}

/* A run of digits as a number: leading zeros dropped ("007" is "7"). */
static struct page_number number_at(const char *s, size_t n)
{
    while (n > 1 && *s == '0') {
        s++;
        n--;
    }
    return (struct page_number){s, n};
}

struct page_id_key page_id_key(const char *id, size_t len)
{
    struct page_id_key k = {.cls = CLASS_OTHER, .id = id, .len = len};
    if (len > 2 && id[0] == 'e' && id[1] == '-' && digits_at(id, len, 2) == len - 2) {
        k.cls = CLASS_E_PETITION;
        k.part[0] = number_at(id + 2, len - 2);
        return k;
    }
    size_t head = digits_at(id, len, 0); /* parliament and session, then "-NUMBER" */
    if (head == len && len > 0) {        /* a number alone: a UK petition */
        k.cls = CLASS_NUMBER;
        k.part[0] = number_at(id, len);
        return k;
    }
    if (head >= 2 && head < len - 1 && id[head] == '-' &&
        digits_at(id, len, head + 1) == len - head - 1) {
        k.cls = CLASS_PAPER;
        k.part[0] = number_at(id, head - 1);
        k.part[1] = number_at(id + head - 1, 1);
        k.part[2] = number_at(id + head + 1, len - head - 1);
    }
    return k;
}

static int compare_numbers(struct page_number a, struct page_number b)
{
    if (a.len != b.len)
        return a.len < b.len ? -1 : 1;
    if (a.len == 0)
        return 0;                   /* an unused part: no digits to compare (NULL) */
    int c = memcmp(a.digits, b.digits, a.len);
    return (c > 0) - (c < 0);
}

int page_id_compare(const struct page_id_key *a, const struct page_id_key *b)
{
    if (a->cls != b->cls)
        return a->cls < b->cls ? -1 : 1;
    if (a->cls == CLASS_OTHER) {
        size_t n = a->len < b->len ? a->len : b->len;
        int c = n ? memcmp(a->id, b->id, n) : 0;
        if (c != 0)
            return (c > 0) - (c < 0);
        return (a->len > b->len) - (a->len < b->len);
    }
    for (int i = 0; i < 3; i++) {
        int c = compare_numbers(a->part[i], b->part[i]);
        if (c != 0)
            return c;
    }
    return 0;
}
