/* text.c — words, stems, stopwords and near-duplicates for English and French.
 * See text.h for what each function promises. Everything here works on bytes
 * plus a length; a byte that does not start a valid UTF-8 sequence is read as
 * U+FFFD (decode), so no input can make a loop stall or read past the end. */
#include "text.h"

#include "chars.h"

#include <libstemmer.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- growable buffers ---------------------------------------------------- */

void text_buf_free(struct text_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

static int buf_reserve(struct text_buf *b, size_t more)
{
    if (b->cap - b->len >= more)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap - b->len < more) {
        if (cap > SIZE_MAX / 2)
            return -1;
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p)
        return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

static int buf_add(struct text_buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n))
        return -1;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    return 0;
}

static int buf_addc(struct text_buf *b, char c)
{
    return buf_add(b, &c, 1);
}

static int buf_add_cp(struct text_buf *b, int32_t c)
{
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t n = utf8proc_encode_char(c, tmp);
    return buf_add(b, (const char *)tmp, (size_t)n);
}

void text_list_free(struct text_list *l)
{
    text_buf_free(&l->bytes);
    free(l->ends);
    l->ends = NULL;
    l->n = l->cap = 0;
}

/* Close the item that runs from the end of the previous one to bytes.len. */
static int list_end_item(struct text_list *l)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        size_t *p = realloc(l->ends, cap * sizeof *p);
        if (!p)
            return -1;
        l->ends = p;
        l->cap = cap;
    }
    l->ends[l->n++] = l->bytes.len;
    return 0;
}

static int list_push(struct text_list *l, const char *s, size_t n)
{
    return buf_add(&l->bytes, s, n) || list_end_item(l) ? -1 : 0;
}

const char *text_list_item(const struct text_list *l, size_t i, size_t *len)
{
    size_t start = i ? l->ends[i - 1] : 0;
    *len = l->ends[i] - start;
    return l->bytes.data ? l->bytes.data + start : "";
}

/* ---- code points ------------------------------------------------------------ */

/* The code point at s[pos] (pos < len) and the number of bytes it takes; a
 * byte that does not start a valid sequence is U+FFFD and takes one byte. */
static size_t decode(const char *s, size_t len, size_t pos, int32_t *cp)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + pos,
                                          (utf8proc_ssize_t)(len - pos), &c);
    if (n <= 0) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = c;
    return (size_t)n;
}

/* Append the code point decoded at s[pos] (n bytes): the bytes themselves, or
 * U+FFFD for an invalid byte. */
static int add_decoded(struct text_buf *b, const char *s, size_t pos, size_t n, int32_t c)
{
    return c == 0xFFFD ? buf_add_cp(b, c) : buf_add(b, s + pos, n);
}

static bool is_letter(int32_t c)
{
    if (c < 128)
        return (c | 32) >= 'a' && (c | 32) <= 'z';
    int cat = utf8proc_category(c);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

static bool is_digit(int32_t c)
{
    if (c < 128)
        return c >= '0' && c <= '9';
    int cat = utf8proc_category(c);
    return cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO;
}

static bool is_ascii_digit(int32_t c)
{
    return c >= '0' && c <= '9';
}

static bool is_mark(int32_t c)
{
    if (c < 128)
        return false;
    int cat = utf8proc_category(c);
    return cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME;
}

static bool is_wordch(int32_t c)
{
    return is_letter(c) || is_digit(c);
}

static bool is_lower(int32_t c)
{
    if (c < 128)
        return c >= 'a' && c <= 'z';
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

/* White space that separates words and lines (not the no-break spaces). */
static bool is_space(int32_t c)
{
    return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0x2028 || c == 0x2029;
}

static bool is_hyphen(int32_t c)
{
    return c == '-' || c == 0x2010 || c == 0x2011;
}

static bool is_group_separator(int32_t c)
{
    return c == ',' || c == 0xA0 || c == 0x202F || c == 0x2009;
}

static bool is_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return false;
    return true;
}

static bool is_valid_utf8(const char *s, size_t len)
{
    for (size_t pos = 0; pos < len;) {
        if ((unsigned char)s[pos] < 0x80) {
            pos++;
            continue;
        }
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + pos,
                                              (utf8proc_ssize_t)(len - pos), &c);
        if (n <= 0)
            return false;
        pos += (size_t)n;
    }
    return true;
}

/* s with every invalid byte replaced by U+FFFD. */
static int sanitize(const char *s, size_t len, struct text_buf *out)
{
    for (size_t pos = 0; pos < len;) {
        int32_t c;
        size_t n = decode(s, len, pos, &c);
        if (add_decoded(out, s, pos, n, c))
            return -1;
        pos += n;
    }
    return 0;
}

static int add_ascii_lower(struct text_buf *out, const char *s, size_t len)
{
    if (buf_reserve(out, len))
        return -1;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        out->data[out->len++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    return 0;
}

/* ---- normalize and fold ---------------------------------------------------- */

#define NORM_OPTS (UTF8PROC_STABLE | UTF8PROC_COMPOSE)
#define FOLD_OPTS (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | \
                   UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK)

static utf8proc_int32_t lower_cp(utf8proc_int32_t c, void *data)
{
    (void)data;
    return utf8proc_tolower(c);
}

static utf8proc_int32_t fold_cp(utf8proc_int32_t c, void *data)
{
    (void)data;
    return chars_is_apostrophe(c) ? '\'' : c;
}

/* Replace the letters of chars_spelled_out in cps[0..*n) (capacity cap, one more
 * kept free for utf8proc_reencode) by their spelling; may move *cps to the
 * heap (*heap tells whether it is there). */
static int spell_out(utf8proc_int32_t **cps, utf8proc_ssize_t *n, utf8proc_ssize_t cap, bool *heap)
{
    utf8proc_ssize_t extra = 0;
    bool any = false;
    for (utf8proc_ssize_t i = 0; i < *n; i++) {
        const char *sp = chars_spelled_out((*cps)[i]);
        if (sp) {
            any = true;
            extra += (utf8proc_ssize_t)strlen(sp) - 1;
        }
    }
    if (!any)
        return 0;
    utf8proc_ssize_t total = *n + extra;
    if (total > cap) {
        utf8proc_int32_t *p = malloc(((size_t)total + 1) * sizeof *p);
        if (!p)
            return -1;
        memcpy(p, *cps, (size_t)*n * sizeof *p);
        if (*heap)
            free(*cps);
        *cps = p;
        *heap = true;
    }
    utf8proc_int32_t *a = *cps;
    for (utf8proc_ssize_t r = *n, w = total; r > 0;) {  /* from the end, in place */
        const char *sp = chars_spelled_out(a[--r]);
        if (!sp) {
            a[--w] = a[r];
            continue;
        }
        for (size_t k = strlen(sp); k > 0; k--)
            a[--w] = (unsigned char)sp[k - 1];
    }
    *n = total;
    return 0;
}

/* Append valid UTF-8 s mapped by utf8proc with opts and fn; short strings are
 * mapped on the stack (words are short, and there are many). */
static int map_append(struct text_buf *out, const char *s, size_t len,
                      utf8proc_option_t opts, utf8proc_custom_func fn, bool spell)
{
    enum { STACK = 256 };
    utf8proc_int32_t stack[STACK];
    utf8proc_int32_t *cps = stack;
    utf8proc_ssize_t cap = STACK - 1;  /* utf8proc_reencode writes a NUL after */
    bool heap = false;
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t n = utf8proc_decompose_custom(u, (utf8proc_ssize_t)len, cps, cap, opts, fn, NULL);
    if (n > cap) {
        cps = malloc(((size_t)n + 1) * sizeof *cps);
        if (!cps)
            return -1;
        heap = true;
        cap = n;
        n = utf8proc_decompose_custom(u, (utf8proc_ssize_t)len, cps, cap, opts, fn, NULL);
    }
    int rc = -1;
    if (n >= 0 && (!spell || spell_out(&cps, &n, cap, &heap) == 0)) {
        n = utf8proc_reencode(cps, n, opts);
        if (n >= 0)
            rc = buf_add(out, (const char *)cps, (size_t)n);
    }
    if (heap)
        free(cps);
    return rc;
}

static int transform(const char *s, size_t len, struct text_buf *out, bool fold)
{
    if (is_ascii(s, len))
        return add_ascii_lower(out, s, len);
    struct text_buf clean = {0};
    if (!is_valid_utf8(s, len)) {
        if (sanitize(s, len, &clean)) {
            text_buf_free(&clean);
            return -1;
        }
        s = clean.data;
        len = clean.len;
    }
    int rc = fold ? map_append(out, s, len, FOLD_OPTS, fold_cp, true)
                  : map_append(out, s, len, NORM_OPTS, lower_cp, false);
    text_buf_free(&clean);
    return rc;
}

int text_normalize(const char *s, size_t len, struct text_buf *out)
{
    return transform(s, len, out, false);
}

int text_fold(const char *s, size_t len, struct text_buf *out)
{
    return transform(s, len, out, true);
}

/* ---- stopwords ------------------------------------------------------------- */

/* Sorted by bytes (tests/c/test_text.c checks it): looked up by bisection. */
static const char *const stopwords_en[] = {
    "a", "about", "above", "according", "across", "after", "afterwards", "again",
    "against", "ago", "all", "almost", "alone", "along", "already", "also", "although",
    "always", "am", "among", "amongst", "an", "and", "another", "any", "anybody",
    "anyhow", "anyone", "anything", "anyway", "anywhere", "are", "aren't", "around",
    "as", "at", "away", "back", "be", "became", "because", "become", "becomes",
    "becoming", "been", "before", "beforehand", "behind", "being", "below", "beside",
    "besides", "between", "beyond", "both", "but", "by", "can", "can't", "cannot",
    "could", "couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't",
    "done", "down", "due", "during", "each", "either", "else", "elsewhere", "enough",
    "especially", "etc", "even", "ever", "every", "everybody", "everyone", "everything",
    "everywhere", "except", "few", "fewer", "first", "for", "former", "formerly",
    "from", "further", "furthermore", "get", "gets", "getting", "given", "go", "goes",
    "going", "gone", "got", "had", "hadn't", "has", "hasn't", "have", "haven't",
    "having", "he", "he'd", "he'll", "hence", "her", "here", "hereby", "herein", "hers",
    "herself", "him", "himself", "his", "how", "however", "i", "i'd", "i'll", "i'm",
    "i've", "if", "in", "inc", "indeed", "instead", "into", "is", "isn't", "it", "its",
    "itself", "just", "last", "later", "latter", "least", "less", "let", "like",
    "likely", "made", "make", "makes", "many", "may", "maybe", "me", "meanwhile",
    "might", "mine", "more", "moreover", "most", "mostly", "much", "must", "mustn't",
    "my", "myself", "namely", "near", "nearly", "neither", "never", "nevertheless",
    "next", "no", "nobody", "none", "noone", "nor", "not", "nothing", "now", "nowhere",
    "of", "off", "often", "on", "once", "one", "ones", "only", "onto", "or", "other",
    "others", "otherwise", "ought", "our", "ours", "ourselves", "out", "over",
    "overall", "own", "per", "perhaps", "please", "quite", "rather", "really",
    "regarding", "same", "say", "says", "several", "shall", "shan't", "she", "she'd",
    "she'll", "should", "shouldn't", "since", "so", "some", "somebody", "somehow",
    "someone", "something", "sometime", "sometimes", "somewhat", "somewhere", "soon",
    "still", "such", "than", "that", "the", "their", "theirs", "them", "themselves",
    "then", "thence", "there", "thereafter", "thereby", "therefore", "therein",
    "thereof", "thereupon", "these", "they", "they'd", "they'll", "they're", "they've",
    "thing", "things", "this", "those", "though", "through", "throughout", "thru",
    "thus", "to", "together", "too", "toward", "towards", "two", "under", "unless",
    "unlike", "until", "unto", "up", "upon", "us", "use", "used", "using", "very",
    "via", "was", "wasn't", "we", "we'd", "we'll", "we're", "we've", "well", "went",
    "were", "weren't", "what", "whatever", "when", "whence", "whenever", "where",
    "whereafter", "whereas", "whereby", "wherein", "whereupon", "wherever", "whether",
    "which", "while", "whither", "who", "whoever", "whole", "whom", "whose", "why",
    "will", "with", "within", "without", "won't", "would", "wouldn't", "yes", "yet",
    "you", "you'd", "you'll", "you're", "you've", "your", "yours", "yourself",
    "yourselves",
};
static const char *const stopwords_fr[] = {
    "a", "afin", "ah", "ai", "aie", "aient", "aies", "ainsi", "ait", "alors", "après",
    "as", "au", "aucun", "aucune", "aujourd'hui", "auprès", "auquel", "aura", "aurai",
    "auraient", "aurais", "aurait", "auras", "aurez", "auriez", "aurions", "aurons",
    "auront", "aussi", "autant", "autre", "autres", "autrui", "aux", "auxquelles",
    "auxquels", "avaient", "avais", "avait", "avant", "avec", "avez", "aviez", "avions",
    "avoir", "avons", "ayant", "ayez", "ayons", "bien", "c'", "car", "ce", "ceci",
    "cela", "celle", "celle-ci", "celle-là", "celles", "celles-ci", "celui", "celui-ci",
    "celui-là", "cependant", "certain", "certaine", "certaines", "certains", "ces",
    "cet", "cette", "ceux", "ceux-ci", "chacun", "chacune", "chaque", "chez", "ci",
    "comme", "comment", "concernant", "contre", "d'", "dans", "de", "depuis",
    "derrière", "des", "desquelles", "desquels", "devant", "doit", "doivent", "donc",
    "dont", "du", "duquel", "durant", "dès", "déjà", "elle", "elle-même", "elles",
    "elles-mêmes", "en", "encore", "ensuite", "entre", "envers", "es", "est", "et",
    "eu", "eue", "eues", "eurent", "eus", "eut", "eux", "eux-mêmes", "eûmes", "eût",
    "eûtes", "faire", "fais", "faisait", "fait", "font", "furent", "fus", "fut", "fût",
    "hormis", "hors", "ici", "il", "ils", "j'", "jamais", "je", "jusqu'", "jusque",
    "l'", "la", "laquelle", "le", "lequel", "les", "lesquelles", "lesquels", "leur",
    "leurs", "lors", "lorsqu'", "lorsque", "lui", "lui-même", "là", "m'", "ma", "mais",
    "malgré", "me", "mes", "mien", "mienne", "moi", "moi-même", "moins", "mon", "même",
    "mêmes", "n'", "ne", "ni", "non", "nos", "notre", "nous", "nous-mêmes", "néanmoins",
    "nôtre", "on", "ont", "or", "ou", "outre", "où", "par", "parce", "parmi", "pas",
    "pendant", "peu", "peut", "peuvent", "plus", "plusieurs", "pour", "pourquoi",
    "pourtant", "pouvait", "puis", "puisqu'", "puisque", "qu'", "quand", "quant", "que",
    "quel", "quelle", "quelles", "quelqu'un", "quelqu'une", "quelque", "quelques",
    "quels", "qui", "quiconque", "quoi", "quoiqu'", "quoique", "s'", "sa", "sans",
    "sauf", "se", "selon", "sera", "serai", "seraient", "serais", "serait", "seras",
    "serez", "seriez", "serions", "serons", "seront", "ses", "si", "sien", "sienne",
    "soi", "soi-même", "soient", "sois", "soit", "sommes", "son", "sont", "sous",
    "soyez", "soyons", "suis", "sur", "t'", "ta", "tandis", "tant", "te", "tel",
    "telle", "telles", "tels", "tes", "toi", "ton", "toujours", "tous", "tout", "toute",
    "toutes", "trop", "très", "tu", "un", "une", "unes", "uns", "va", "vers", "via",
    "voici", "voilà", "vont", "vos", "votre", "vous", "vous-même", "vous-mêmes",
    "vôtre", "y", "à", "ça", "étaient", "étais", "était", "étant", "étiez", "étions",
    "été", "êtes", "être",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int compare_word(const char *a, size_t an, const char *b)
{
    size_t bn = strlen(b);
    int c = memcmp(a, b, an < bn ? an : bn);
    if (c)
        return c;
    return an < bn ? -1 : an > bn;
}

static bool in_list(const char *const *list, size_t n, const char *w, size_t wn)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compare_word(w, wn, list[mid]);
        if (c == 0)
            return true;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

const char *const *text_stopword_list(enum text_lang lang, size_t *n)
{
    if (lang == TEXT_LANG_FR) {
        *n = COUNT(stopwords_fr);
        return stopwords_fr;
    }
    *n = COUNT(stopwords_en);
    return stopwords_en;
}

bool text_is_stopword(const char *word, size_t len, enum text_lang lang)
{
    bool en = lang != TEXT_LANG_FR && in_list(stopwords_en, COUNT(stopwords_en), word, len);
    bool fr = lang != TEXT_LANG_EN && in_list(stopwords_fr, COUNT(stopwords_fr), word, len);
    return en || fr;
}

/* One letter alone ("s" of "member(s)", "c" of "c)"): no word to count. */
static bool is_single_letter(const char *w, size_t len)
{
    int32_t c;
    return len > 0 && chars_decode(w, len, 0, &c) == len && is_letter(c);
}

enum text_lang text_lang_from_name(const char *name, size_t len)
{
    if (len == 2 && !memcmp(name, "en", 2))
        return TEXT_LANG_EN;
    if (len == 2 && !memcmp(name, "fr", 2))
        return TEXT_LANG_FR;
    return TEXT_LANG_AUTO;
}

/* ---- the word scanner ------------------------------------------------------ */

struct scan {
    const char *s;
    size_t len, pos;
};

/* One word found by scan_word: its bytes in the source. */
struct span {
    size_t start, end;
    bool elision;
};

/* The code point at pos, or -1 past the end (*n = 0). */
static int32_t peek(const struct scan *sc, size_t pos, size_t *n)
{
    if (pos >= sc->len) {
        *n = 0;
        return -1;
    }
    int32_t c;
    *n = decode(sc->s, sc->len, pos, &c);
    return c;
}

/* Is w (the word so far, before an apostrophe) a French elision? */
static bool is_elision(const char *w, size_t n)
{
    static const char *const prefixes[] = {
        "c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
    };
    char low[8];
    if (n == 0 || n >= sizeof low)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        if ((unsigned char)c >= 0x80)
            return false;
        low[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    for (size_t i = 0; i < COUNT(prefixes); i++)
        if (strlen(prefixes[i]) == n && !memcmp(prefixes[i], low, n))
            return true;
    return false;
}

/* After a thousands separator at pos: exactly three digits, then no digit. */
static bool group_of_three(const struct scan *sc, size_t pos)
{
    if (sc->len - pos < 3)
        return false;
    for (size_t i = 0; i < 3; i++)
        if (!is_ascii_digit(sc->s[pos + i]))
            return false;
    return pos + 3 >= sc->len || !is_ascii_digit(sc->s[pos + 3]);
}

/* Does a word go on at pos (a letter, digit or mark)? */
static bool word_goes_on(const struct scan *sc, size_t pos)
{
    size_t n;
    int32_t c = peek(sc, pos, &n);
    return c >= 0 && (is_wordch(c) || is_mark(c));
}

/* The next word (see text_words for what a word is): its bytes, with
 * thousands separators dropped and apostrophes and hyphens made ASCII, go to
 * raw (replaced); its place in the source to *w. Returns 1, 0 at the end of
 * the text, -1 when memory ran out. raw is always valid UTF-8: only valid
 * sequences of letters, digits and marks are copied. */
static int scan_word(struct scan *sc, struct text_buf *raw, struct span *w)
{
    size_t n, m;
    int32_t c;
    raw->len = 0;
    for (;;) {
        c = peek(sc, sc->pos, &n);
        if (c < 0)
            return 0;
        if (is_wordch(c))
            break;
        sc->pos += n;
    }
    w->start = sc->pos;
    w->elision = false;
    bool digits_only = true;
    size_t group = 0;  /* digits since the start or the last thousands separator */
    while ((c = peek(sc, sc->pos, &n)) >= 0) {
        if (is_wordch(c) || is_mark(c)) {
            if (buf_add(raw, sc->s + sc->pos, n))
                return -1;
            if (is_ascii_digit(c))
                group++;
            else
                digits_only = false;
            sc->pos += n;
            continue;
        }
        size_t next = sc->pos + n;
        int32_t d = peek(sc, next, &m);
        if (is_hyphen(c) && d >= 0 && is_wordch(d)) {
            if (buf_addc(raw, '-'))
                return -1;
            digits_only = false;
            sc->pos = next;
            continue;
        }
        if (chars_is_apostrophe(c) && d >= 0 && is_letter(d)) {
            if (is_elision(raw->data, raw->len)) {
                sc->pos = w->end = next;
                w->elision = true;
                return buf_addc(raw, '\'') ? -1 : 1;
            }
            if ((d == 's' || d == 'S') && !word_goes_on(sc, next + 1)) {
                w->end = sc->pos;  /* "Canada's": the word ends before the 's */
                sc->pos = next + 1;
                return 1;
            }
            if (buf_addc(raw, '\''))
                return -1;
            digits_only = false;
            sc->pos = next;
            continue;
        }
        if (is_group_separator(c) && digits_only && group >= 1 && group <= 3 &&
            group_of_three(sc, next)) {
            group = 0;
            sc->pos = next;
            continue;
        }
        break;
    }
    w->end = sc->pos;
    return 1;
}

/* The normalized (or folded) form of a scanned word into form (replaced). */
static int word_form(struct text_buf *form, const char *raw, size_t n, bool fold)
{
    form->len = 0;
    if (is_ascii(raw, n))
        return add_ascii_lower(form, raw, n);
    return fold ? map_append(form, raw, n, FOLD_OPTS, fold_cp, true)
                : map_append(form, raw, n, NORM_OPTS, lower_cp, false);
}

/* Words one by one, each as its normalized or folded form. */
struct word_iter {
    struct scan sc;
    struct text_buf raw, form;
    struct span w;
    bool fold;
};

static void word_iter_init(struct word_iter *it, const char *s, size_t len, bool fold)
{
    memset(it, 0, sizeof *it);
    it->sc.s = s;
    it->sc.len = len;
    it->fold = fold;
}

static void word_iter_free(struct word_iter *it)
{
    text_buf_free(&it->raw);
    text_buf_free(&it->form);
}

/* 1: the next word is in it->form and it->w; 0: no more; -1: out of memory. */
static int word_next(struct word_iter *it)
{
    int rc = scan_word(&it->sc, &it->raw, &it->w);
    if (rc <= 0)
        return rc;
    return word_form(&it->form, it->raw.data, it->raw.len, it->fold) ? -1 : 1;
}

/* ---- words, stems, languages ----------------------------------------------- */

enum text_lang text_detect_lang(const char *s, size_t len)
{
    struct word_iter it;
    word_iter_init(&it, s, len, false);
    size_t en = 0, fr = 0;
    int rc;
    while ((rc = word_next(&it)) > 0) {
        if (it.w.elision) {
            fr++;
            continue;
        }
        bool e = in_list(stopwords_en, COUNT(stopwords_en), it.form.data, it.form.len);
        bool f = in_list(stopwords_fr, COUNT(stopwords_fr), it.form.data, it.form.len);
        en += e && !f;
        fr += f && !e;
    }
    word_iter_free(&it);
    if (rc < 0)
        return TEXT_LANG_AUTO;
    if (en >= 3 && en > 2 * fr)
        return TEXT_LANG_EN;
    if (fr >= 3 && fr > 2 * en)
        return TEXT_LANG_FR;
    return TEXT_LANG_AUTO;
}

static struct sb_stemmer *new_stemmer(enum text_lang lang)
{
    return sb_stemmer_new(lang == TEXT_LANG_FR ? "french" : "english", "UTF_8");
}

int text_words(const char *s, size_t len, const struct text_words_opts *opts,
               struct text_list *out)
{
    enum text_lang lang = opts->lang;
    if (lang == TEXT_LANG_AUTO && (opts->stop || opts->stem)) {
        lang = text_detect_lang(s, len);
        if (lang == TEXT_LANG_AUTO)
            lang = TEXT_LANG_BOTH;
    }
    struct sb_stemmer *stemmer = NULL;
    if (opts->stem && (lang == TEXT_LANG_EN || lang == TEXT_LANG_FR)) {
        stemmer = new_stemmer(lang);
        if (!stemmer)
            return -1;
    }
    struct word_iter it;
    word_iter_init(&it, s, len, false);
    struct text_buf folded = {0};
    int rc;
    while ((rc = word_next(&it)) > 0) {
        if (opts->stop && (it.w.elision || is_single_letter(it.form.data, it.form.len) ||
                           text_is_stopword(it.form.data, it.form.len, lang)))
            continue;
        const char *w = it.form.data;
        size_t n = it.form.len;
        if (stemmer && !it.w.elision) {
            w = (const char *)sb_stemmer_stem(stemmer, (const sb_symbol *)w, (int)n);
            if (!w) {
                rc = -1;
                break;
            }
            n = (size_t)sb_stemmer_length(stemmer);
        }
        if (opts->fold) {
            if (word_form(&folded, w, n, true)) {
                rc = -1;
                break;
            }
            w = folded.data;
            n = folded.len;
        }
        if (list_push(out, w, n)) {
            rc = -1;
            break;
        }
    }
    word_iter_free(&it);
    text_buf_free(&folded);
    sb_stemmer_delete(stemmer);
    return rc < 0 ? -1 : 0;
}

int text_stem(const char *word, size_t len, enum text_lang lang, struct text_buf *out)
{
    if (lang != TEXT_LANG_EN && lang != TEXT_LANG_FR)
        return -1;
    struct text_buf norm = {0};
    struct sb_stemmer *stemmer = new_stemmer(lang);
    int rc = -1;
    if (stemmer && text_normalize(word, len, &norm) == 0) {
        const sb_symbol *st = sb_stemmer_stem(stemmer, (const sb_symbol *)(norm.data ? norm.data : ""),
                                              (int)norm.len);
        if (st)
            rc = buf_add(out, (const char *)st, (size_t)sb_stemmer_length(stemmer));
    }
    sb_stemmer_delete(stemmer);
    text_buf_free(&norm);
    return rc;
}

/* ---- shingles and similarity ---------------------------------------------- */

/* splitmix64's finalizer: every input bit reaches every output bit. */
static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;  /* FNV-1a, then mixed */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return mix64(h);
}

/* Order matters: "a b c" and "c b a" are different shingles. */
static uint64_t shingle_hash(uint64_t a, uint64_t b, uint64_t c)
{
    return mix64(a + 0x9e3779b97f4a7c15ULL * mix64(b + 0x632be59bd9b4e019ULL * c));
}

static uint64_t word_set_hash(uint64_t w)
{
    return mix64(w ^ 0x5bd1e9955bd1e995ULL);  /* apart from the shingles' hashes */
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static size_t sort_unique(uint64_t *h, size_t n)
{
    if (n < 2)
        return n;
    qsort(h, n, sizeof *h, compare_u64);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (h[i] != h[k - 1])
            h[k++] = h[i];
    return k;
}

double text_jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    if (na + nb == 0)
        return 0;
    size_t i = 0, j = 0, both = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else {
            both++;
            i++;
            j++;
        }
    }
    return (double)both / (double)(na + nb - both);
}

/* What a text is compared by: the set of its shingles and of its words. */
struct doc {
    uint64_t *shingles, *wordset;  /* sorted, without repeats */
    size_t n_shingles, n_wordset;
    size_t words;                  /* words in the text */
};

static void doc_free(struct doc *d)
{
    free(d->shingles);
    free(d->wordset);
    memset(d, 0, sizeof *d);
}

static int doc_build(const char *s, size_t len, struct doc *d)
{
    memset(d, 0, sizeof *d);
    struct word_iter it;
    word_iter_init(&it, s, len, true);
    size_t cap = 0;
    uint64_t *h = NULL;
    int rc;
    while ((rc = word_next(&it)) > 0) {
        if (d->words == cap) {
            cap = cap ? cap * 2 : 64;
            uint64_t *p = realloc(h, cap * sizeof *p);
            if (!p) {
                rc = -1;
                break;
            }
            h = p;
        }
        h[d->words++] = hash_bytes(it.form.data, it.form.len);
    }
    word_iter_free(&it);
    if (rc < 0 || d->words == 0) {
        free(h);
        d->words = 0;
        return rc < 0 ? -1 : 0;
    }
    d->wordset = malloc(d->words * sizeof *d->wordset);
    if (!d->wordset) {
        free(h);
        return -1;
    }
    for (size_t i = 0; i < d->words; i++)
        d->wordset[i] = word_set_hash(h[i]);
    d->n_wordset = sort_unique(d->wordset, d->words);
    if (d->words >= 3) {
        for (size_t i = 0; i + 2 < d->words; i++)   /* in place: h[i] is read first */
            h[i] = shingle_hash(h[i], h[i + 1], h[i + 2]);
        d->shingles = h;
        d->n_shingles = sort_unique(h, d->words - 2);
    } else {
        free(h);
    }
    return 0;
}

/* The set a text stands for on its own: shingles, or words when under three. */
static const uint64_t *doc_set(const struct doc *d, size_t *n)
{
    if (d->words >= 3) {
        *n = d->n_shingles;
        return d->shingles;
    }
    *n = d->n_wordset;
    return d->wordset;
}

static double doc_similarity(const struct doc *a, const struct doc *b)
{
    if (a->words < 3 || b->words < 3)
        return text_jaccard(a->wordset, a->n_wordset, b->wordset, b->n_wordset);
    return text_jaccard(a->shingles, a->n_shingles, b->shingles, b->n_shingles);
}

int text_shingles(const char *s, size_t len, uint64_t **set, size_t *n, size_t *words)
{
    struct doc d;
    *set = NULL;
    *n = *words = 0;
    if (doc_build(s, len, &d)) {
        doc_free(&d);
        return -1;
    }
    *words = d.words;
    if (d.words >= 3) {
        *set = d.shingles;
        *n = d.n_shingles;
        d.shingles = NULL;
    } else {
        *set = d.wordset;
        *n = d.n_wordset;
        d.wordset = NULL;
    }
    doc_free(&d);
    return 0;
}

double text_similarity(const char *a, size_t alen, const char *b, size_t blen)
{
    struct doc da, db;
    double sim = -1;
    int ra = doc_build(a, alen, &da);
    int rb = doc_build(b, blen, &db);
    if (ra == 0 && rb == 0)
        sim = doc_similarity(&da, &db);
    doc_free(&da);
    doc_free(&db);
    return sim;
}

/* ---- near-duplicates: MinHash, LSH bands, exact check ---------------------- */

#define MINHASHES 128

void text_groups_free(struct text_groups *g)
{
    free(g->index);
    free(g->start);
    g->index = g->start = NULL;
    g->n = 0;
}

static size_t uf_find(size_t *parent, size_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];  /* path halving */
        x = parent[x];
    }
    return x;
}

static void uf_union(size_t *parent, size_t a, size_t b)
{
    a = uf_find(parent, a);
    b = uf_find(parent, b);
    if (a < b)
        parent[b] = a;
    else if (b < a)
        parent[a] = b;
}

/* Should the work stop? Asks the caller every 256 calls. */
struct ticker {
    const struct text_cancel *cancel;
    unsigned ticks;
};

static bool stopped(struct ticker *t)
{
    return t->cancel && t->cancel->stop && (++t->ticks & 255) == 0 && t->cancel->stop(t->cancel->arg);
}

/* A pair found similar enough joins the two components. */
static void check_pair(const struct doc *docs, size_t *parent, size_t i, size_t j, double threshold)
{
    if (uf_find(parent, i) != uf_find(parent, j) && doc_similarity(&docs[i], &docs[j]) >= threshold)
        uf_union(parent, i, j);
}

struct keyed {
    uint64_t key;
    size_t doc;
};

static int compare_keyed(const void *a, const void *b)
{
    const struct keyed *x = a, *y = b;
    if (x->key != y->key)
        return (x->key > y->key) - (x->key < y->key);
    return (x->doc > y->doc) - (x->doc < y->doc);
}

static bool same_set(const struct doc *a, const struct doc *b)
{
    size_t na, nb;
    const uint64_t *sa = doc_set(a, &na), *sb = doc_set(b, &nb);
    return (a->words >= 3) == (b->words >= 3) && na == nb && !memcmp(sa, sb, na * sizeof *sa);
}

/* Texts with the same set join at once (similarity 1); the others keep one
 * representative each (rep[i]), the only ones the costlier steps look at. */
static int join_identical(const struct doc *docs, size_t n, size_t *parent, bool *rep)
{
    struct keyed *k = malloc((n ? n : 1) * sizeof *k);
    if (!k)
        return -1;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        size_t ns;
        const uint64_t *set = doc_set(&docs[i], &ns);
        rep[i] = ns > 0;
        if (ns == 0)
            continue;
        uint64_t h = mix64(ns + (docs[i].words >= 3 ? 0x1000 : 0));
        for (size_t j = 0; j < ns; j++)
            h = mix64(h ^ set[j]);
        k[m].key = h;
        k[m++].doc = i;
    }
    qsort(k, m, sizeof *k, compare_keyed);
    for (size_t a = 0; a < m;) {
        size_t b = a + 1;
        for (; b < m && k[b].key == k[a].key; b++)
            if (same_set(&docs[k[a].doc], &docs[k[b].doc])) {
                uf_union(parent, k[a].doc, k[b].doc);
                rep[k[b].doc] = false;
            }
        a = b;
    }
    free(k);
    return 0;
}

/* Rows per band: the most (fewest false candidates) for which a pair at the
 * threshold still shares a band with probability >= 0.995. */
static size_t rows_per_band(double threshold)
{
    for (size_t r = 32; r > 1; r--) {
        double bands = (double)(MINHASHES / r);
        if (1 - pow(1 - pow(threshold, (double)r), bands) >= 0.995)
            return r;
    }
    return 1;
}

/* Candidate pairs of long texts (three words or more) from MinHash bands. */
static int join_by_bands(const struct doc *docs, size_t n, size_t *parent, const bool *rep,
                         double threshold, struct ticker *tick)
{
    size_t rows = rows_per_band(threshold), bands = MINHASHES / rows;
    uint64_t mul[MINHASHES], add[MINHASHES], sig[MINHASHES];
    uint64_t seed = 0x2545f4914f6cdd1dULL;
    for (size_t k = 0; k < MINHASHES; k++) {  /* fixed hash functions: same result every run */
        mul[k] = mix64(seed += 0x9e3779b97f4a7c15ULL) | 1;
        add[k] = mix64(seed += 0x9e3779b97f4a7c15ULL);
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        m += rep[i] && docs[i].words >= 3;
    struct keyed *k = malloc((m ? m : 1) * bands * sizeof *k);
    if (!k)
        return -1;
    size_t nk = 0;
    for (size_t i = 0; i < n; i++) {
        if (!rep[i] || docs[i].words < 3)
            continue;
        for (size_t h = 0; h < MINHASHES; h++)
            sig[h] = UINT64_MAX;
        for (size_t e = 0; e < docs[i].n_shingles; e++) {
            uint64_t x = docs[i].shingles[e];
            for (size_t h = 0; h < MINHASHES; h++) {
                uint64_t v = x * mul[h] + add[h];
                sig[h] = v < sig[h] ? v : sig[h];
            }
        }
        for (size_t b = 0; b < bands; b++) {
            uint64_t key = mix64(b + 1);
            for (size_t r = 0; r < rows; r++)
                key = mix64(key ^ sig[b * rows + r]);
            k[nk].key = key;
            k[nk++].doc = i;
        }
    }
    qsort(k, nk, sizeof *k, compare_keyed);
    for (size_t a = 0; a < nk;) {
        size_t b = a + 1;
        while (b < nk && k[b].key == k[a].key)
            b++;
        for (size_t x = a; x < b; x++)
            for (size_t y = x + 1; y < b; y++) {
                if (stopped(tick)) {
                    free(k);
                    return -2;
                }
                check_pair(docs, parent, k[x].doc, k[y].doc, threshold);
            }
        a = b;
    }
    free(k);
    return 0;
}

/* A text under three words is compared by word sets; with at most two words
 * it can only reach the threshold with a text of at most 2/threshold distinct
 * words, so only those are paired with it. */
static int join_short(const struct doc *docs, size_t n, size_t *parent, const bool *rep,
                      double threshold, struct ticker *tick)
{
    size_t limit = (size_t)floor(2 / threshold + 1e-9);
    size_t *small = malloc((n ? n : 1) * sizeof *small), m = 0;
    if (!small)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (rep[i] && (docs[i].words < 3 || docs[i].n_wordset <= limit))
            small[m++] = i;
    for (size_t x = 0; x < m; x++) {
        if (docs[small[x]].words >= 3)
            continue;
        for (size_t y = 0; y < m; y++) {  /* each pair once: a short text pairs with those after it */
            if (y == x || (y < x && docs[small[y]].words < 3))
                continue;
            if (stopped(tick)) {
                free(small);
                return -2;
            }
            check_pair(docs, parent, small[x], small[y], threshold);
        }
    }
    free(small);
    return 0;
}

/* Components of two or more, each ascending, ordered by their first index. */
static int collect_groups(size_t *parent, size_t n, struct text_groups *out)
{
    size_t *count = calloc(n ? n : 1, sizeof *count);
    size_t *group_of = malloc((n ? n : 1) * sizeof *group_of);
    int rc = -1;
    if (!count || !group_of)
        goto done;
    for (size_t i = 0; i < n; i++) {
        count[uf_find(parent, i)]++;
        group_of[i] = SIZE_MAX;
    }
    size_t groups = 0, members = 0;
    for (size_t i = 0; i < n; i++)
        if (parent[i] == i && count[i] >= 2) {  /* a root is its component's smallest index */
            group_of[i] = groups++;
            members += count[i];
        }
    out->start = malloc((groups + 1) * sizeof *out->start);
    out->index = malloc((members ? members : 1) * sizeof *out->index);
    if (!out->start || !out->index)
        goto done;
    out->n = groups;
    size_t at = 0;
    for (size_t i = 0; i < n; i++)
        if (group_of[i] != SIZE_MAX) {
            out->start[group_of[i]] = at;
            at += count[i];
        }
    out->start[groups] = at;
    memset(count, 0, groups * sizeof *count);  /* now: members placed in each group */
    for (size_t i = 0; i < n; i++) {
        size_t g = group_of[uf_find(parent, i)];
        if (g != SIZE_MAX)
            out->index[out->start[g] + count[g]++] = i;
    }
    rc = 0;
done:
    free(count);
    free(group_of);
    return rc;
}

int text_near_duplicates(const struct text_str *texts, size_t n, double threshold,
                         struct text_groups *out)
{
    return text_near_duplicates_cancel(texts, n, threshold, NULL, out);
}

int text_near_duplicates_cancel(const struct text_str *texts, size_t n, double threshold,
                                const struct text_cancel *cancel, struct text_groups *out)
{
    struct ticker tick = {cancel, 0};
    memset(out, 0, sizeof *out);
    if (!(threshold > 0 && threshold <= 1))
        return -1;
    struct doc *docs = calloc(n ? n : 1, sizeof *docs);
    size_t *parent = malloc((n ? n : 1) * sizeof *parent);
    bool *rep = calloc(n ? n : 1, sizeof *rep);
    int rc = -1;
    if (!docs || !parent || !rep)
        goto done;
    for (size_t i = 0; i < n; i++) {
        parent[i] = i;
        if (stopped(&tick)) {
            rc = -2;
            goto done;
        }
        if (doc_build(texts[i].s, texts[i].len, &docs[i]))
            goto done;
    }
    if ((rc = join_identical(docs, n, parent, rep)) ||
        (rc = join_by_bands(docs, n, parent, rep, threshold, &tick)) ||
        (rc = join_short(docs, n, parent, rep, threshold, &tick)) ||
        (rc = collect_groups(parent, n, out)))
        goto done;
done:
    if (rc)
        text_groups_free(out);
    if (docs)
        for (size_t i = 0; i < n; i++)
            doc_free(&docs[i]);
    free(docs);
    free(parent);
    free(rep);
    return rc;
}

/* ---- sentences ------------------------------------------------------------- */

static bool is_terminator(int32_t c)
{
    return c == '.' || c == '!' || c == '?' || c == 0x2026 /* … */ || c == 0x203C /* ‼ */ ||
           (c >= 0x2047 && c <= 0x2049) /* ⁇ ⁈ ⁉ */;
}

/* Blanks inside a line: where French typography puts a space before "!" or "»". */
static bool is_blank(int32_t c)
{
    return c == ' ' || c == '\t' || c == 0xA0 || c == 0x202F || c == 0x2009;
}

/* Past the closing quotes and brackets after a sentence's final punctuation:
 * ) ] » ” even after blanks; " ' ’ only right after it. */
static size_t after_closers(const char *s, size_t len, size_t pos)
{
    size_t end = pos;
    for (;;) {
        size_t q = end, n = 0;
        int32_t c = -1;
        bool blank = false;
        while (q < len) {
            n = decode(s, len, q, &c);
            if (!is_blank(c))
                break;
            blank = true;
            q += n;
        }
        if (q >= len)
            return end;
        if (c == ')' || c == ']' || c == 0xBB || c == 0x201D ||
            (!blank && (c == '"' || c == '\'' || c == 0x2019)))
            end = q + n;
        else
            return end;
    }
}

/* The ASCII letters just before s[pos], if they make a whole word. */
static size_t word_before(const char *s, size_t pos, char *word, size_t size)
{
    size_t k = 0;
    while (k < pos && k < size && is_letter((unsigned char)s[pos - k - 1]) &&
           (unsigned char)s[pos - k - 1] < 0x80)
        k++;
    if (k == 0 || k == size || (k < pos && (unsigned char)s[pos - k - 1] >= 0x80))
        return 0;  /* none, too long, or the end of a word with non-ASCII letters */
    for (size_t i = 0; i < k; i++) {
        char c = s[pos - k + i];
        word[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    return k;
}

static bool word_in(const char *w, size_t n, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(list[i]) == n && !memcmp(list[i], w, n))
            return true;
    return false;
}

/* Does the "." at s[pos] close an abbreviation or an initial rather than a
 * sentence? next is the first character of what follows. */
static bool is_abbreviation(const char *s, size_t pos, int32_t next)
{
    static const char *const titles[] = {
        "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "hon", "rev", "lt", "sgt", "capt",
        "gov", "sen", "vs", "approx", "inc", "ltd", "corp", "dept", "mme", "mmes", "mlle",
        "mlles", "cf", "env",
    };
    static const char *const before_numbers[] = {"no", "nos", "art", "ch", "sec", "vol", "fig", "pp", "para"};
    char w[8];
    size_t n = word_before(s, pos, w, sizeof w);
    if (n == 1)
        return true;
    return word_in(w, n, titles, COUNT(titles)) ||
           (is_ascii_digit(next) && word_in(w, n, before_numbers, COUNT(before_numbers)));
}

/* A line holding only blanks starts at pos (just after a "\n")? */
static bool blank_line_at(const char *s, size_t len, size_t pos)
{
    for (; pos < len; pos++) {
        char c = s[pos];
        if (c == '\n')
            return true;
        if (c != ' ' && c != '\t' && c != '\r' && c != '\v' && c != '\f')
            return false;
    }
    return false;
}

/* Append s[a..b) with runs of white space made one space, trimmed; close the
 * item unless it is empty. */
static int emit_sentence(struct text_list *out, const char *s, size_t a, size_t b)
{
    size_t before = out->bytes.len;
    bool space = false;
    for (size_t pos = a; pos < b;) {
        int32_t c;
        size_t n = decode(s, b, pos, &c);
        if (is_space(c)) {
            space = true;
        } else {
            if ((space && out->bytes.len > before && buf_addc(&out->bytes, ' ')) ||
                add_decoded(&out->bytes, s, pos, n, c))
                return -1;
            space = false;
        }
        pos += n;
    }
    return out->bytes.len > before ? list_end_item(out) : 0;
}

int text_sentences(const char *s, size_t len, struct text_list *out)
{
    size_t start = 0, pos = 0;
    while (pos < len) {
        int32_t c;
        size_t n = decode(s, len, pos, &c);
        if (c == '\n' && blank_line_at(s, len, pos + n)) {
            if (emit_sentence(out, s, start, pos))
                return -1;
            start = pos += n;
            continue;
        }
        if (!is_terminator(c)) {
            pos += n;
            continue;
        }
        size_t first = pos, marks = 0;
        bool only_dots = true;
        while (pos < len && (n = decode(s, len, pos, &c), is_terminator(c))) {
            only_dots = only_dots && c == '.';
            marks++;
            pos += n;
        }
        size_t end = after_closers(s, len, pos), next = end;
        while (next < len && (n = decode(s, len, next, &c), is_space(c) || is_blank(c)))
            next += n;
        bool boundary;
        if (next >= len) {
            boundary = true;
        } else if (next == end) {
            boundary = false;  /* "3.5", "www.example.ca" */
        } else {
            decode(s, len, next, &c);
            boundary = !is_lower(c) && !(only_dots && marks == 1 && is_abbreviation(s, first, c));
        }
        if (boundary) {
            if (emit_sentence(out, s, start, end))
                return -1;
            start = end;
        }
        pos = end;
    }
    return emit_sentence(out, s, start, len);
}

/* ---- wrap ------------------------------------------------------------------ */

static size_t char_width(int32_t c)
{
    return (size_t)chars_width(c);
}

size_t text_width(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t pos = 0; pos < len;) {
        unsigned char b = (unsigned char)s[pos];
        if (b >= 0x20 && b < 0x7F) {                 /* ASCII: one column, no decoding */
            w++;
            pos++;
            continue;
        }
        int32_t c;
        pos += decode(s, len, pos, &c);
        w += char_width(c);
    }
    return w;
}

size_t text_fit(const char *s, size_t len, size_t cols)
{
    size_t w = 0, pos = 0;
    while (pos < len) {
        int32_t c;
        size_t n = decode(s, len, pos, &c);
        size_t cw = char_width(c);
        if (w + cw > cols)
            break;
        w += cw;
        pos += n;
    }
    return pos;
}

/* Append the word s[a..b) (no white space in it) at column *col, cutting it
 * where it would pass width. */
static int place_word(struct text_buf *out, const char *s, size_t a, size_t b, size_t width, size_t *col)
{
    for (size_t pos = a; pos < b;) {
        int32_t c;
        size_t n = decode(s, b, pos, &c);
        size_t w = char_width(c);
        if (w > 0 && *col > 0 && *col + w > width) {
            if (buf_addc(out, '\n'))
                return -1;
            *col = 0;
        }
        if (add_decoded(out, s, pos, n, c))
            return -1;
        *col += w;
        pos += n;
    }
    return 0;
}

int text_wrap(const char *s, size_t len, size_t width, struct text_buf *out)
{
    size_t col = 0, pos = 0;
    bool started = false;
    if (width == 0)
        width = 1;
    while (pos < len) {
        size_t newlines = 0, n;
        int32_t c;
        while (pos < len && (n = decode(s, len, pos, &c), is_space(c))) {
            newlines += c == '\n';
            pos += n;
        }
        if (pos >= len)
            break;
        size_t end = pos, w = 0;
        while (end < len && (n = decode(s, len, end, &c), !is_space(c))) {
            w += char_width(c);
            end += n;
        }
        if (started) {
            int rc;
            if (newlines >= 2) {
                rc = buf_add(out, "\n\n", 2);
                col = 0;
            } else if (col + 1 + w <= width) {
                rc = buf_addc(out, ' ');
                col++;
            } else {
                rc = buf_addc(out, '\n');
                col = 0;
            }
            if (rc)
                return -1;
        }
        if (place_word(out, s, pos, end, width, &col))
            return -1;
        started = true;
        pos = end;
    }
    return 0;
}

/* ---- keyword in context ---------------------------------------------------- */

/* The text as shown in a context line: one entry per character, white space
 * and control characters as single spaces. */
struct shown {
    size_t off;    /* where the character starts in the source */
    int32_t c;
    size_t width;
};

static int shown_chars(const char *s, size_t len, struct shown **out, size_t *count)
{
    struct shown *v = malloc((len + 1) * sizeof *v);
    size_t m = 0;
    bool blank_before = false;
    if (!v)
        return -1;
    for (size_t pos = 0; pos < len;) {
        int32_t c;
        size_t n = decode(s, len, pos, &c);
        bool blank = is_space(c) || utf8proc_category(c) == UTF8PROC_CATEGORY_CC;
        if (!(blank && blank_before)) {
            v[m].off = pos;
            v[m].c = blank ? ' ' : c;
            v[m].width = blank ? 1 : char_width(c);
            m++;
        }
        blank_before = blank;
        pos += n;
    }
    v[m].off = len;  /* a sentinel: the end */
    *out = v;
    *count = m;
    return 0;
}

/* The first shown character starting at or after off. */
static size_t shown_at(const struct shown *v, size_t count, size_t off)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].off < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int add_shown(struct text_buf *b, const struct shown *v, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (buf_add_cp(b, v[i].c))
            return -1;
    return 0;
}

/* One context line for the match that covers shown characters [a, b). */
static int kwic_line(struct text_list *out, const struct shown *v, size_t count,
                     size_t a, size_t b, size_t width)
{
    size_t left = a, used = 0;
    while (left > 0 && used + v[left - 1].width <= width)
        used += v[--left].width;
    size_t right = b, after = 0;
    while (right < count && after + v[right].width <= width)
        after += v[right++].width;
    for (size_t i = used; i < width; i++)
        if (buf_addc(&out->bytes, ' '))
            return -1;
    if (add_shown(&out->bytes, v, left, right))
        return -1;
    return list_end_item(out);
}

/* The folded words of s, and where each is in s. */
struct located {
    struct text_list words;
    struct span *spans;
    size_t cap;
};

static int locate_words(const char *s, size_t len, struct located *out)
{
    struct word_iter it;
    word_iter_init(&it, s, len, true);
    int rc;
    while ((rc = word_next(&it)) > 0) {
        if (out->words.n == out->cap) {
            size_t cap = out->cap ? out->cap * 2 : 64;
            struct span *p = realloc(out->spans, cap * sizeof *p);
            if (!p) {
                rc = -1;
                break;
            }
            out->spans = p;
            out->cap = cap;
        }
        out->spans[out->words.n] = it.w;
        if (list_push(&out->words, it.form.data, it.form.len)) {
            rc = -1;
            break;
        }
    }
    word_iter_free(&it);
    return rc < 0 ? -1 : 0;
}

static bool same_item(const struct text_list *a, size_t i, const struct text_list *b, size_t j)
{
    size_t na, nb;
    const char *sa = text_list_item(a, i, &na), *sb = text_list_item(b, j, &nb);
    return na == nb && !memcmp(sa, sb, na);
}

int text_kwic(const char *text, size_t len, const char *query, size_t qlen,
              size_t width, struct text_list *out)
{
    struct located t = {0}, q = {0};
    struct shown *v = NULL;
    size_t count = 0;
    int rc = -1;
    if (locate_words(query, qlen, &q) || locate_words(text, len, &t))
        goto done;
    if (q.words.n == 0 || t.words.n < q.words.n) {
        rc = 0;
        goto done;
    }
    if (shown_chars(text, len, &v, &count))
        goto done;
    for (size_t i = 0; i + q.words.n <= t.words.n; i++) {
        size_t k = 0;
        while (k < q.words.n && same_item(&t.words, i + k, &q.words, k))
            k++;
        if (k < q.words.n)
            continue;
        size_t a = shown_at(v, count, t.spans[i].start);
        size_t b = shown_at(v, count, t.spans[i + k - 1].end);
        if (kwic_line(out, v, count, a, b, width))
            goto done;
    }
    rc = 0;
done:
    text_list_free(&t.words);
    text_list_free(&q.words);
    free(t.spans);
    free(q.spans);
    free(v);
    return rc;
}

const char *text_utf8proc_version(void)
{
    return utf8proc_version();
}
