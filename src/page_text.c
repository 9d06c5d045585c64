/* page_text.c — see page_text.h. Every function here looks at a bounded
 * prefix of a line or walks it once: reading a page stays linear in its size. */
#include "page_text.h"

#include "chars.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

/* ---- blanks and bullets ------------------------------------------------ */

size_t line_blank_len(const char *s, size_t n, size_t i)
{
    unsigned char b = (unsigned char)s[i];
    if (b <= 0x20 || b == 0x7F)
        return 1;                                   /* space, tab, NUL, other controls */
    if (b < 0xC2)
        return 0;                                   /* the common case: a visible character */
    int32_t c;
    size_t len = chars_decode(s, n, i, &c);
    return chars_is_blank(c) ? len : 0;
}

size_t line_blank_len_before(const char *s, size_t end)
{
    const unsigned char *u = (const unsigned char *)s;
    if (end >= 1 && (u[end - 1] <= 0x20 || u[end - 1] == 0x7F))
        return 1;
    if (end >= 2 && line_blank_len(s, end, end - 2) == 2)
        return 2;
    if (end >= 3 && line_blank_len(s, end, end - 3) == 3)
        return 3;
    return 0;
}

const char *line_trim(const char *s, size_t *n)
{
    size_t b;
    while (*n > 0 && (b = line_blank_len(s, *n, 0)) != 0) {
        s += b;
        *n -= b;
    }
    while (*n > 0 && (b = line_blank_len_before(s, *n)) != 0)
        *n -= b;
    return s;
}

/* Length of a bullet at the start of s[0..n) (with no blank needed after it
 * for the symbols, a blank or the end needed after - * # > – —), or 0. */
static size_t bullet_len(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 2 && u[0] == 0xC2 && u[1] == 0xB7)
        return 2;                                           /* · */
    if (n >= 3 && u[0] == 0xE2) {
        if (u[1] == 0x80 && (u[2] == 0xA2 || u[2] == 0xA3))
            return 3;                                       /* • ‣ */
        if (u[1] == 0x81 && u[2] == 0x83)
            return 3;                                       /* ⁃ */
        if (u[1] == 0x96 && (u[2] == 0xA0 || u[2] == 0xA1 || u[2] == 0xAA || u[2] == 0xAB))
            return 3;                                       /* ■ □ ▪ ▫ */
        if (u[1] == 0x97 && (u[2] == 0x8B || u[2] == 0x8F || u[2] == 0xA6))
            return 3;                                       /* ○ ● ◦ */
    }
    size_t len = 0;
    if (n >= 1 && (u[0] == '-' || u[0] == '*' || u[0] == '#' || u[0] == '>'))
        len = 1;
    else if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x93 || u[2] == 0x94))
        len = 3;                                            /* – — */
    if (len && (len == n || line_blank_len(s, n, len)))
        return len;
    return 0;
}

static bool is_alnum_key(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* One step of a key's walk: the folded byte of the character at s[*i]
 * (advancing *i past it), or -1 when it adds nothing to the key: a blank
 * after a blank (prev is the key's last byte, 0 at its start). */
static inline int key_step(const char *s, size_t n, size_t *i, int prev)
{
    unsigned char c = (unsigned char)s[*i];
    if (c > 0x20 && c < 0x7F && c != '`') {
        /* visible ASCII, most of a page: chars_fold_ascii's first case, inline */
        *i += 1;
        return c >= 'A' && c <= 'Z' ? c | 0x20 : c;
    }
    if (c == ' ') {
        *i += 1;
        return prev == ' ' ? -1 : ' ';                      /* one space for a run */
    }
    int f = chars_fold_ascii(s, n, i);
    if (f == CHARS_MARK)
        return -1;                                          /* decomposed accents */
    return f == CHARS_BLANK && prev == ' ' ? -1 : f;
}

#define BYTES(x) (0x0101010101010101u * (x))

/* Eight plain bytes at u (as plain_run below means it: no byte outside
 * visible ASCII but a space, no '`', no two spaces side by side)? Then *w gets
 * them lowered. Tested all at once, a byte per lane of a 64-bit word: for a
 * byte x < 0x80, x + (0x80 - lo) has its top bit set iff x >= lo, carry-free. */
static bool plain_word(const unsigned char *u, uint64_t *w)
{
    uint64_t x;
    memcpy(&x, u, 8);
    const uint64_t top = BYTES(0x80);
    if (x & top)
        return false;
    uint64_t space = ~((x ^ BYTES(' ')) + BYTES(0x7F)) & top;
    uint64_t tick = ~((x ^ BYTES('`')) + BYTES(0x7F)) & top;
    uint64_t visible = (x + BYTES(0x80 - 0x21)) & ~(x + BYTES(0x80 - 0x7F)) & ~tick & top;
    if ((visible | space) != top || (space & (space << 8)))
        return false;
    uint64_t upper = (x + BYTES(0x80 - 'A')) & ~(x + BYTES(0x80 - 'Z' - 1)) & top;
    *w = x | upper >> 2;
    return true;
}

/* Copies the run of plain bytes at the start of u[0..n) into key (at most
 * room): visible ASCII but '`', lowered, and single spaces (a space right
 * after a space is not plain: the walk skips it). The bulk of a line, done
 * with its index in a register; returns the run's length, adds it to *i and
 * sets *prev to its last byte. */
static size_t plain_run(const unsigned char *u, size_t n, char *key, size_t room, int *prev, size_t *i)
{
    size_t m = n < room ? n : room, j = 0;
    int last = *prev;
    uint64_t w;
    while (j + 8 <= m && !(u[j] == ' ' && last == ' ') && plain_word(u + j, &w)) {
        memcpy(key + j, &w, 8);
        j += 8;
        last = key[j - 1];
    }
    for (; j < m; j++) {
        /* no branch on the byte's class: letters and spaces alternate */
        unsigned c = u[j];
        unsigned visible = (c - 0x21u < 0x7Fu - 0x21u) & (c != '`');
        unsigned single_space = (c == ' ') & (last != ' ');
        if (!(visible | single_space))
            break;
        c |= (c - 'A' < 26u) << 5;
        key[j] = (char)c;
        last = (int)c;
    }
    *prev = last;
    *i += j;
    return j;
}

void line_read(struct line *l, int no, const char *raw, size_t raw_len)
{
    const char *s = raw;
    size_t n = raw_len;
    l->no = no;
    l->bullet = false;
    s = line_trim(s, &n);
    l->indent = (size_t)(s - raw);
    for (int k = 0; k < 4; k++) {
        size_t b = bullet_len(s, n);
        if (!b)
            break;
        l->bullet = true;
        s += b;
        n -= b;
        s = line_trim(s, &n);
    }
    l->s = s;
    l->n = n;

    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, k = 0;
    int prev = 0;
    while (i < n && k < LINE_KEY_MAX) {
        k += plain_run(u + i, n - i, l->key + k, LINE_KEY_MAX - k, &prev, &i);
        if (i >= n || k >= LINE_KEY_MAX)
            break;
        int f = key_step(s, n, &i, prev);
        if (f < 0)
            continue;
        l->key[k++] = (char)f;
        prev = f;
    }
    l->key[k] = '\0';
    l->key_len = k;
    l->key_whole = i >= n;
}

/* The same walk as line_read's, stopped at key byte p: positions are worked
 * out only here, when a landmark matched, rather than stored for every byte. */
size_t line_key_offset(const struct line *l, size_t p)
{
    const unsigned char *u = (const unsigned char *)l->s;
    char scratch[LINE_KEY_MAX];
    size_t i = 0, k = 0;
    int prev = 0;
    while (i < l->n && k < LINE_KEY_MAX) {
        if (k < p) {
            k += plain_run(u + i, l->n - i, scratch, p - k, &prev, &i);
            if (i >= l->n || k >= LINE_KEY_MAX)
                break;
        }
        size_t at = i;
        int f = key_step(l->s, l->n, &i, prev);
        if (f < 0)
            continue;
        if (k == p)
            return at;
        k++;
        prev = f;
    }
    return i;
}

bool line_is_n(const struct line *l, const char *pat, size_t p)
{
    if (!l->key_whole || l->key_len < p || memcmp(l->key, pat, p) != 0)
        return false;
    const char *tail = l->key + p;
    return strcmp(tail, "") == 0 || strcmp(tail, ":") == 0 || strcmp(tail, " :") == 0 ||
           strcmp(tail, ".") == 0;
}

bool line_starts_n(const struct line *l, const char *pat, size_t p, const char **rest, size_t *rest_n)
{
    if (l->key_len < p || memcmp(l->key, pat, p) != 0)
        return false;
    if (p < l->key_len && is_alnum_key((unsigned char)pat[p - 1]) &&
        is_alnum_key((unsigned char)l->key[p]))
        return false;                                       /* "hon" is not "Honey" */
    size_t off = line_key_offset(l, p);
    const char *r = l->s + off;
    size_t rn = l->n - off;
    r = line_trim(r, &rn);
    if (rest) {
        *rest = r;
        *rest_n = rn;
    }
    return true;
}

bool line_is_cut_of_n(const struct line *l, const char *pat, size_t p)
{
    size_t k = l->key_len;
    while (k > 0 && (unsigned char)l->key[k - 1] >= 0x80)
        k--;                                                /* a character cut in two */
    return l->key_whole && k >= 1 && k < p && memcmp(l->key, pat, k) == 0;
}

bool line_fold_key(const char *s, size_t n, char *buf, size_t size)
{
    size_t i = 0, k = 0;
    while (i < n) {
        int f = chars_fold_ascii(s, n, &i);
        if (f == '.' || f == CHARS_MARK)
            continue;
        if (f == '-')
            f = ' ';
        if (f == ' ' && (k == 0 || buf[k - 1] == ' '))
            continue;
        if (k + 1 >= size)
            return false;
        buf[k++] = (char)f;
    }
    while (k > 0 && buf[k - 1] == ' ')
        k--;
    buf[k] = '\0';
    return true;
}

/* ---- vocabularies ------------------------------------------------------ */

struct pair { const char *key, *value; };

static const char *lookup(const struct pair *t, const char *key)
{
    for (; t->key; t++)
        if (strcmp(t->key, key) == 0)
            return t->value;
    return NULL;
}

const char *page_province_en(const char *s, size_t n)
{
    static const struct pair provinces[] = {
        { "alberta", "Alberta" },
        { "british columbia", "British Columbia" },
        { "colombie britannique", "British Columbia" },
        { "manitoba", "Manitoba" },
        { "new brunswick", "New Brunswick" },
        { "nouveau brunswick", "New Brunswick" },
        { "newfoundland and labrador", "Newfoundland and Labrador" },
        { "newfoundland & labrador", "Newfoundland and Labrador" },
        { "newfoundland", "Newfoundland and Labrador" },
        { "terre neuve et labrador", "Newfoundland and Labrador" },
        { "terre neuve", "Newfoundland and Labrador" },
        { "northwest territories", "Northwest Territories" },
        { "north west territories", "Northwest Territories" },
        { "territoires du nord ouest", "Northwest Territories" },
        { "nova scotia", "Nova Scotia" },
        { "nouvelle ecosse", "Nova Scotia" },
        { "nunavut", "Nunavut" },
        { "ontario", "Ontario" },
        { "prince edward island", "Prince Edward Island" },
        { "ile du prince edouard", "Prince Edward Island" },
        { "pei", "Prince Edward Island" },
        { "quebec", "Quebec" },
        { "saskatchewan", "Saskatchewan" },
        { "yukon", "Yukon" },
        { "yukon territory", "Yukon" },
        { "territoire du yukon", "Yukon" },
        { NULL, NULL }
    };
    static const struct pair codes[] = {
        { "AB", "Alberta" }, { "BC", "British Columbia" }, { "MB", "Manitoba" },
        { "NB", "New Brunswick" }, { "NL", "Newfoundland and Labrador" },
        { "NS", "Nova Scotia" }, { "NT", "Northwest Territories" }, { "NU", "Nunavut" },
        { "ON", "Ontario" }, { "PE", "Prince Edward Island" }, { "QC", "Quebec" },
        { "SK", "Saskatchewan" }, { "YT", "Yukon" },
        { NULL, NULL }
    };
    char key[64];
    s = line_trim(s, &n);
    if (n == 2) {
        char code[3] = { s[0], s[1], '\0' };
        const char *v = lookup(codes, code);
        if (v)
            return v;
    }
    if (n > 60 || !line_fold_key(s, n, key, sizeof key))
        return NULL;
    return lookup(provinces, key);
}

static const struct pair parties[] = {
    { "conservative", "Conservative" },
    { "conservateur", "Conservative" },
    { "conservatrice", "Conservative" },
    { "parti conservateur", "Conservative" },
    { "conservative party", "Conservative" },
    { "conservative party of canada", "Conservative" },
    { "liberal", "Liberal" },
    { "liberale", "Liberal" },
    { "parti liberal", "Liberal" },
    { "liberal party", "Liberal" },
    { "liberal party of canada", "Liberal" },
    { "new democratic party", "New Democratic Party" },
    { "new democratic", "New Democratic Party" },
    { "ndp", "New Democratic Party" },
    { "nouveau parti democratique", "New Democratic Party" },
    { "npd", "New Democratic Party" },
    { "neo democrate", "New Democratic Party" },
    { "neodemocrate", "New Democratic Party" },
    { "bloc quebecois", "Bloc Québécois" },
    { "bloc", "Bloc Québécois" },
    { "green party", "Green Party" },
    { "green party of canada", "Green Party" },
    { "green", "Green Party" },
    { "parti vert", "Green Party" },
    { "vert", "Green Party" },
    { "people's party", "People's Party" },
    { "people's party of canada", "People's Party" },
    { "parti populaire", "People's Party" },
    { "parti populaire du canada", "People's Party" },
    { "independent", "Independent" },
    { "independant", "Independent" },
    { "independante", "Independent" },
    { "independents", "Independent" },
    { "independants", "Independent" },
    { "non inscrit", "Independent" },
    { "non inscrite", "Independent" },
    { NULL, NULL }
};

/* Case-insensitive ASCII comparison of s[0..n) with lower-case word w. */
static bool ascii_ieq(const char *s, size_t n, const char *w)
{
    size_t wn = strlen(w);
    if (n != wn)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((s[i] | (s[i] >= 'A' && s[i] <= 'Z' ? 0x20 : 0)) != w[i])
            return false;
    return true;
}

/* The party part of a trimmed caucus line: s without a leading "Caucus" (and
 * "du ", "des ", "de la ", "de l'") or a trailing "Caucus", as an offset and
 * length in s. False when neither is there. */
static bool caucus_party(const char *s, size_t n, size_t *off, size_t *len)
{
    if (n > 7 && ascii_ieq(s + n - 6, 6, "caucus") && line_blank_len_before(s, n - 6)) {
        size_t pn = n - 6;
        line_trim(s, &pn);
        *off = 0;
        *len = pn;
        return pn > 0;
    }
    if (n > 7 && ascii_ieq(s, 6, "caucus") && line_blank_len(s, n, 6)) {
        const char *p = s + 6;
        size_t pn = n - 6;
        p = line_trim(p, &pn);
        struct line l;
        line_read(&l, 0, p, pn);
        const char *rest;
        size_t rn;
        static const char *const joins[] = { "du", "des", "de la", "de l'", NULL };
        for (int k = 0; joins[k]; k++)
            if (line_starts(&l, joins[k], &rest, &rn) && rn > 0) {
                p = rest;
                pn = rn;
                break;
            }
        *off = (size_t)(p - s);
        *len = pn;
        return pn > 0;
    }
    return false;
}

bool page_caucus(const char *s, size_t n, const char **english, size_t *party_off, size_t *party_n)
{
    const char *t = line_trim(s, &n);
    size_t lead = (size_t)(t - s), off, len;
    char key[64];
    if (n > 80)
        return false;
    if (caucus_party(t, n, &off, &len)) {
        *party_off = lead + off;
        *party_n = len;
        *english = line_fold_key(t + off, len, key, sizeof key) ? lookup(parties, key) : NULL;
        return true;
    }
    if (line_fold_key(t, n, key, sizeof key) && (*english = lookup(parties, key)) != NULL) {
        *party_off = lead;
        *party_n = n;
        return true;
    }
    return false;
}

const char *page_language_en(const char *s, size_t n)
{
    static const struct pair languages[] = {
        { "english", "English" }, { "anglais", "English" },
        { "french", "French" }, { "francais", "French" },
        { "bilingual", "Bilingual" }, { "bilingue", "Bilingual" },
        { NULL, NULL }
    };
    char key[32];
    s = line_trim(s, &n);
    if (n > 30 || !line_fold_key(s, n, key, sizeof key))
        return NULL;
    return lookup(languages, key);
}

/* ---- names ------------------------------------------------------------- */

/* Is the UTF-8 letter at s[i] upper case (ASCII or Latin-1)? lower case? */
static bool is_upper_at(const unsigned char *s, size_t n, size_t i)
{
    if (s[i] >= 'A' && s[i] <= 'Z')
        return true;
    return s[i] == 0xC3 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9E && s[i + 1] != 0x97;
}

static bool is_lower_at(const unsigned char *s, size_t n, size_t i)
{
    if (s[i] >= 'a' && s[i] <= 'z')
        return true;
    return s[i] == 0xC3 && i + 1 < n && s[i + 1] >= 0xA0 && s[i + 1] <= 0xBF && s[i + 1] != 0xB7;
}

/* Writes word w[0..n) into out in name case: a capital first and after a
 * hyphen, an apostrophe or a period, the other letters in lower case. */
static size_t name_case_word(const unsigned char *w, size_t n, char *out)
{
    size_t o = 0;
    bool cap = true;
    for (size_t i = 0; i < n;) {
        unsigned char c = w[i];
        if (c < 0x80) {
            out[o++] = (char)(cap || !(c >= 'A' && c <= 'Z') ? c : c | 0x20);
            cap = c == '-' || c == '\'' || c == '.';
            i++;
        } else if (c == 0xC3 && i + 1 < n && is_upper_at(w, n, i)) {
            out[o++] = (char)c;
            out[o++] = (char)(cap ? w[i + 1] : w[i + 1] + 0x20);
            cap = false;
            i += 2;
        } else {
            bool apos = c == 0xE2 && i + 2 < n && w[i + 1] == 0x80 && w[i + 2] == 0x99;
            size_t len = 1;
            while (i + len < n && (w[i + len] & 0xC0) == 0x80)
                len++;
            memcpy(out + o, w + i, len);
            o += len;
            i += len;
            cap = apos;
        }
    }
    return o;
}

/* Does word w[0..n) have at least two capitals and no lower-case letter? */
static bool all_capitals(const unsigned char *w, size_t n)
{
    int upper = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_lower_at(w, n, i))
            return false;
        if (is_upper_at(w, n, i))
            upper++;
    }
    return upper >= 2;
}

/* Does the line open a role's complement ("to the Minister of Health",
 * "du ministre des Finances")? */
static bool is_complement(const struct line *l)
{
    static const char *const starts[] = { "to", "of", "for", "du", "de", "des", "au", "aux", "aupres", NULL };
    for (int k = 0; starts[k]; k++)
        if (line_starts(l, starts[k], NULL, NULL))
            return true;
    return false;
}

/* Drops one title from the front of s[0..*n): returns 1 when one was dropped
 * (*role: it was a role, "Parliamentary Secretary", "ministre"), 0 when none,
 * -1 when the title is all there is. */
static int drop_title(const char **s, size_t *n, bool *role)
{
    static const char *const honorifics[] = {
        "the right honourable", "the rt. hon.", "the rt hon", "right honourable",
        "the honourable", "the honorable", "the hon.", "the hon", "honourable", "hon.", "hon",
        "le tres honorable", "la tres honorable", "tres honorable",
        "l'honorable", "l'hon.", "honorable", "dr.", "dr",
        "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "m.", "mme", "mlle", "madame", "monsieur", NULL
    };
    static const char *const roles[] = {
        "le secretaire parlementaire", "la secretaire parlementaire", "secretaire parlementaire",
        "the parliamentary secretary", "parliamentary secretary",
        "le ministre", "la ministre", "the minister", "minister", "ministre", NULL
    };
    static const char *const *const lists[] = { honorifics, roles };
    struct line l;
    line_read(&l, 0, *s, *n);
    for (int t = 0; t < 2; t++)
        for (int k = 0; lists[t][k]; k++) {
            const char *rest;
            size_t rn;
            if (!line_starts(&l, lists[t][k], &rest, &rn))
                continue;
            if (rn == 0)
                return -1;
            *s = rest;
            *n = rn;
            *role = t == 1;
            return 1;
        }
    return 0;
}

/* Is the key a title, or the start of one (a page cut there)? Short courtesy
 * titles (Mr, Mme ...) are left out: a short name could begin one. */
static bool is_title_or_cut(const struct line *l)
{
    static const char *const titles[] = {
        "the right honourable", "the rt. hon.", "the honourable", "the honorable", "the hon.",
        "honourable", "hon.", "le tres honorable", "la tres honorable", "tres honorable",
        "l'honorable", "l'hon.", "honorable",
        "le secretaire parlementaire", "la secretaire parlementaire", "secretaire parlementaire",
        "the parliamentary secretary", "parliamentary secretary",
        "le ministre", "la ministre", "the minister", "minister", "ministre", "dr.", NULL
    };
    if (!l->key_whole || l->key_len == 0)
        return false;
    for (int k = 0; titles[k]; k++)
        if (strncmp(titles[k], l->key, l->key_len) == 0)
            return true;
    return false;
}

/* Particles written in lower case inside a name printed in capitals. */
static bool is_particle(const char *s, size_t n)
{
    static const char *const particles[] = { "van", "von", "de", "der", "den", "du", "des", "da", "di", NULL };
    char key[8];
    if (n > 3 || !line_fold_key(s, n, key, sizeof key))
        return false;
    for (int k = 0; particles[k]; k++)
        if (strcmp(key, particles[k]) == 0)
            return true;
    return false;
}

size_t page_signer_name(const char *s, size_t n, char *out, size_t size)
{
    static const char *const suffixes[] = {
        "m.p.", "m.p", "mp", "p.c.", "c.p.", "depute", "deputee", "depute(e)", "deputee(e)", NULL
    };
    struct line l;
    if (size == 0)
        return 0;
    out[0] = '\0';
    s = line_trim(s, &n);
    /* titles; a role's complement up to the comma that ends it:
     * "Parliamentary Secretary to the Minister of Health, Mr. NAME" */
    for (int dropped = 1; dropped == 1 && n > 0;) {
        bool role = false;
        dropped = drop_title(&s, &n, &role);
        if (dropped < 0)
            return 0;
        if (dropped == 1 && role) {
            line_read(&l, 0, s, n);
            if (is_complement(&l)) {
                const char *comma = memchr(s, ',', n);
                if (!comma)
                    return 0;                       /* a title and no name */
                n -= (size_t)(comma + 1 - s);
                s = comma + 1;
                s = line_trim(s, &n);
            }
        }
    }
    const char *comma = memchr(s, ',', n);
    if (comma)
        n = (size_t)(comma - s);
    s = line_trim(s, &n);
    /* a title alone, or its start (a page cut there), is no name */
    line_read(&l, 0, s, n);
    if (is_title_or_cut(&l)) {
        out[0] = '\0';
        return 0;
    }
    /* a suffix without a comma: "JANE DOE M.P.", "Jean Dupont député" */
    for (;;) {
        size_t w = n;
        while (w > 0 && !line_blank_len_before(s, w))
            w--;
        if (w == 0)
            break;
        char key[16];
        if (!line_fold_key(s + w, n - w, key, sizeof key))
            break;
        bool is_suffix = false;
        for (int k = 0; suffixes[k]; k++) {
            char sk[16];
            line_fold_key(suffixes[k], strlen(suffixes[k]), sk, sizeof sk);
            if (strcmp(key, sk) == 0)
                is_suffix = true;
        }
        if (!is_suffix)
            break;
        n = w;
        s = line_trim(s, &n);
    }
    /* words: blank-separated; each all-capitals word is put in name case */
    size_t o = 0, i = 0;
    if (size == 0)
        return 0;
    const unsigned char *u = (const unsigned char *)s;
    while (i < n) {
        size_t b = line_blank_len(s, n, i);
        if (b) {
            if (o + 1 >= size)
                break;
            out[o++] = ' ';
            i += b;
            while (i < n && (b = line_blank_len(s, n, i)) != 0)
                i += b;
            continue;
        }
        size_t j = i;
        while (j < n && !line_blank_len(s, n, j))
            j++;
        if (o + (j - i) + 1 > size)
            break;
        if (all_capitals(u + i, j - i) && o > 0 && j < n && is_particle(s + i, j - i)) {
            for (size_t k = i; k < j; k++)          /* "PIETER VAN DER BERG": van, der */
                out[o++] = (char)(s[k] | 0x20);
        } else if (all_capitals(u + i, j - i)) {
            o += name_case_word(u + i, j - i, out + o);
        } else {
            memcpy(out + o, s + i, j - i);
            o += j - i;
        }
        i = j;
    }
    out[o] = '\0';
    return o;
}

long page_parse_count(const char *s, size_t n)
{
    long v = 0;
    int digits = 0;
    s = line_trim(s, &n);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t b;
        if (c >= '0' && c <= '9') {
            if (v > (LONG_MAX - 9) / 10)
                return -1;
            v = v * 10 + (c - '0');
            digits++;
            i++;
        } else if ((c == ',' || c == '.' || c == '\'') && digits > 0) {
            i++;
        } else if (digits > 0 && (b = line_blank_len(s, n, i)) != 0 && c != '\t') {
            i += b;
        } else {
            return -1;
        }
    }
    return digits ? v : -1;
}
