/* page_arena.h — the memory of one parsed page: a chain of large blocks,
 * freed all at once. A C core, used by the page parser.
 *
 * Strings copied in are cleaned so that every string of a record is valid
 * UTF-8 with no control bytes: an invalid byte becomes U+FFFD, a control byte
 * (NUL, tab, ...) a space. */
#ifndef PETLUA_PAGE_ARENA_H
#define PETLUA_PAGE_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
    struct arena_block *head;   /* the block being filled; older blocks follow */
    size_t block_size;          /* size of the next ordinary block */
};

/* An empty arena whose first block, made on first use, holds about hint bytes. */
void arena_init(struct arena *a, size_t hint);
void arena_free(struct arena *a);
/* The blocks of from become a's (freed with it), behind the block a is
 * filling; from is left empty. What was allocated in from stays where it is. */
void arena_adopt(struct arena *a, struct arena *from);

/* size bytes aligned for any type, or NULL when memory ran out. */
void *arena_alloc(struct arena *a, size_t size);
/* A zeroed array of n items of size bytes, or NULL (also on overflow). */
void *arena_calloc(struct arena *a, size_t n, size_t size);

/* Room for max bytes at the end of the block being filled, or NULL when it
 * has not that much left; arena_commit(a, used) then keeps the first used
 * bytes of it (no other allocation in between). This lets a copy whose exact
 * length is not known yet be written in one pass. */
void *arena_reserve(struct arena *a, size_t max);
void arena_commit(struct arena *a, size_t used);

/* The cleaned copy of s[0..n), NUL-terminated; NULL when memory ran out.
 * With max > 0, a longer text is cut at a character boundary within max
 * bytes and "..." appended. */
char *arena_strdup_clean(struct arena *a, const char *s, size_t n, size_t max);

/* The length of the cleaned copy of s[0..n), and the copy itself written
 * into dst (which must have room for that length; no NUL is added). */
size_t clean_len(const char *s, size_t n);
size_t clean_copy(char *dst, const char *s, size_t n);

/* Length of the valid UTF-8 sequence at s[0..n), or 0 when it is not one. */
size_t utf8_seq_len(const unsigned char *s, size_t n);

#endif
