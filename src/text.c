/* text.c — words, stems, stopwords and near-duplicates for English and French.
 * See text.h for what each function promises. Everything here works on bytes
 * plus a length; a byte that does not start a valid UTF-8 sequence is read as
 * U+FFFD (decode), so no input can make a loop stall or read past the end. */
#include "text.h"

#include "chars.h"

#include <libstemmer.h>
#include <limits.h>
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
    if ((unsigned char)s[pos] < 0x80) {  /* ASCII, as utf8proc_iterate reads it, without the call */
        *cp = (unsigned char)s[pos];
        return 1;
    }
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

static bool is_ascii_alnum(char c)
{
    return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* An ASCII byte that is neither a letter nor a digit: never part of a word. */
static bool is_ascii_other(char c)
{
    return (unsigned char)c < 0x80 && !is_ascii_alnum(c);
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

/* a (an bytes) against the NUL-terminated b, as memcmp then length would;
 * byte by byte, as most comparisons end at the first byte. */
static int compare_word(const char *a, size_t an, const char *b)
{
    for (size_t i = 0; i < an; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (y == 0)
            return 1;  /* b is a prefix of a */
        if (x != y)
            return x < y ? -1 : 1;
    }
    return b[an] ? -1 : 0;
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

bool text_is_stop(const char *word, size_t len, enum text_lang lang)
{
    return (len > 0 && word[len - 1] == '\'') || is_single_letter(word, len) ||
           text_is_stopword(word, len, lang);
}

enum text_lang text_lang_from_name(const char *name, size_t len)
{
    if (len == 2 && !memcmp(name, "en", 2))
        return TEXT_LANG_EN;
    if (len == 2 && !memcmp(name, "fr", 2))
        return TEXT_LANG_FR;
    return TEXT_LANG_AUTO;
}

/* ---- stopping when asked -------------------------------------------------- */

/* Should a long computation stop? The caller's cancel->stop is asked once
 * about every TICK_WORK units of work (a unit: a word read, a hash computed,
 * a set element compared), so well under a millisecond apart; once it has
 * answered true, every later question answers true at once. */
#define TICK_WORK (1u << 18)

struct ticker {
    const struct text_cancel *cancel;
    size_t work;
    bool stopped;
};

static bool stopped(struct ticker *t, size_t work)
{
    if (!t || t->stopped)
        return t && t->stopped;
    t->work += work;
    if (t->work < TICK_WORK)
        return false;
    t->work = 0;
    t->stopped = t->cancel && t->cancel->stop && t->cancel->stop(t->cancel->arg);
    return t->stopped;
}

/* ---- the word scanner ------------------------------------------------------ */

struct scan {
    const char *s;
    size_t len, pos;
    struct ticker *tick;  /* NULL, or asked now and then within a long word or gap */
};

/* One word found by scan_word: its bytes in the source. */
struct span {
    size_t start, end;
    bool elision;
    bool ascii;           /* the word's bytes are all ASCII (raw is then its form) */
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
 * thousands separators dropped, apostrophes and hyphens made ASCII and ASCII
 * letters made lower case, go to raw (replaced); its place in the source to
 * *w. Returns 1, 0 at the end of the text, -1 when memory ran out, -2 when
 * sc->tick says stop. raw is always valid UTF-8: only valid sequences of
 * letters, digits and marks are copied. */
static int scan_word(struct scan *sc, struct text_buf *raw, struct span *w)
{
    size_t n, m, steps = 0;
    int32_t c;
    raw->len = 0;
    for (;;) {
        size_t gap = sc->pos;  /* ASCII that is no part of a word: skipped as one run */
        while (gap < sc->len && gap - sc->pos < 65536 && is_ascii_other(sc->s[gap]))
            gap++;
        steps += gap - sc->pos;
        sc->pos = gap;
        c = peek(sc, sc->pos, &n);
        if (c < 0)
            return 0;
        if (is_wordch(c))
            break;
        sc->pos += n;
        if (++steps >= 65536) {
            steps = 0;
            if (stopped(sc->tick, 65536))
                return -2;
        }
    }
    w->start = sc->pos;
    w->elision = false;
    w->ascii = true;
    bool digits_only = true;
    size_t group = 0;  /* digits since the start or the last thousands separator */
    for (;;) {
        size_t run = sc->pos;  /* ASCII letters and digits: copied as one run */
        for (; run < sc->len && run - sc->pos < 65536 && is_ascii_alnum(sc->s[run]); run++) {
            if (is_ascii_digit(sc->s[run]))
                group++;
            else
                digits_only = false;
        }
        if (run > sc->pos) {
            if (buf_reserve(raw, run - sc->pos))
                return -1;
            for (size_t i = sc->pos; i < run; i++) {
                char b = sc->s[i];
                raw->data[raw->len++] = (b >= 'A' && b <= 'Z') ? (char)(b + 32) : b;
            }
            steps += run - sc->pos;
            sc->pos = run;
        }
        if (++steps >= 65536) {
            steps = 0;
            if (stopped(sc->tick, 65536))
                return -2;
        }
        if ((c = peek(sc, sc->pos, &n)) < 0)
            break;
        if (is_wordch(c) || is_mark(c)) {
            if (buf_add(raw, sc->s + sc->pos, n))
                return -1;
            w->ascii = w->ascii && c < 0x80;
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

/* The same iterator (its buffers kept) on another text. */
static void word_iter_restart(struct word_iter *it, const char *s, size_t len, struct ticker *tick)
{
    it->sc = (struct scan){s, len, 0, tick};
}

static void word_iter_free(struct word_iter *it)
{
    text_buf_free(&it->raw);
    text_buf_free(&it->form);
}

/* 1: the next word is in it->form and it->w; 0: no more; -1: out of memory;
 * -2: told to stop (only with a ticker). */
static int word_next(struct word_iter *it)
{
    int rc = scan_word(&it->sc, &it->raw, &it->w);
    if (rc <= 0)
        return rc;
    if (it->w.ascii) {              /* raw is the form already: take it, no copy */
        struct text_buf form = it->form;
        it->form = it->raw;
        it->raw = form;
        return 1;
    }
    return word_form(&it->form, it->raw.data, it->raw.len, it->fold) ? -1 : 1;
}

/* ---- words, stems, languages ----------------------------------------------- */

/* text_detect_lang into *lang, asking tick (NULL: never) now and then.
 * Returns 0, -1 when memory ran out, -2 when told to stop. */
static int detect_lang(const char *s, size_t len, struct ticker *tick, enum text_lang *lang)
{
    struct word_iter it;
    word_iter_init(&it, s, len, false);
    it.sc.tick = tick;
    size_t en = 0, fr = 0;
    int rc;
    *lang = TEXT_LANG_AUTO;
    while ((rc = word_next(&it)) > 0) {
        if (stopped(tick, 1)) {
            rc = -2;
            break;
        }
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
        return rc;
    if (en >= 3 && en > 2 * fr)
        *lang = TEXT_LANG_EN;
    else if (fr >= 3 && fr > 2 * en)
        *lang = TEXT_LANG_FR;
    return 0;
}

enum text_lang text_detect_lang(const char *s, size_t len)
{
    enum text_lang lang;
    return detect_lang(s, len, NULL, &lang) ? TEXT_LANG_AUTO : lang;
}

static struct sb_stemmer *new_stemmer(enum text_lang lang)
{
    return sb_stemmer_new(lang == TEXT_LANG_FR ? "french" : "english", "UTF_8");
}

int text_words(const char *s, size_t len, const struct text_words_opts *opts,
               struct text_list *out)
{
    return text_words_cancel(s, len, opts, NULL, out);
}

int text_words_cancel(const char *s, size_t len, const struct text_words_opts *opts,
                      const struct text_cancel *cancel, struct text_list *out)
{
    struct ticker ticker = {.cancel = cancel}, *tick = cancel ? &ticker : NULL;
    enum text_lang lang = opts->lang;
    if (lang == TEXT_LANG_AUTO && (opts->stop || opts->stem)) {
        if (detect_lang(s, len, tick, &lang) == -2)
            return -2;
        if (lang == TEXT_LANG_AUTO)  /* unsure, or out of memory */
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
    it.sc.tick = tick;
    struct text_buf folded = {0};
    int rc;
    while ((rc = word_next(&it)) > 0) {
        if (stopped(tick, 1)) {
            rc = -2;
            break;
        }
        if (opts->stop && (it.w.elision || is_single_letter(it.form.data, it.form.len) ||
                           text_is_stopword(it.form.data, it.form.len, lang)))
            continue;
        const char *w = it.form.data;
        size_t n = it.form.len;
        if (stemmer && !it.w.elision && n <= INT_MAX) {  /* libstemmer takes an int */
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
    return rc == -2 ? -2 : rc < 0 ? -1 : 0;
}

int text_stem(const char *word, size_t len, enum text_lang lang, struct text_buf *out)
{
    if (lang != TEXT_LANG_EN && lang != TEXT_LANG_FR)
        return -1;
    struct text_buf norm = {0};
    struct sb_stemmer *stemmer = new_stemmer(lang);
    int rc = -1;
    if (stemmer && text_normalize(word, len, &norm) == 0) {
        if (norm.len > INT_MAX) {                    /* libstemmer takes an int: as it is */
            rc = buf_add(out, norm.data, norm.len);
        } else {
            const sb_symbol *st = sb_stemmer_stem(stemmer, (const sb_symbol *)(norm.data ? norm.data : ""),
                                                  (int)norm.len);
            if (st)
                rc = buf_add(out, (const char *)st, (size_t)sb_stemmer_length(stemmer));
        }
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

#define FNV_START 0xcbf29ce484222325ULL

static uint64_t fnv_add(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static uint64_t hash_bytes(const char *s, size_t n)
{
    return mix64(fnv_add(FNV_START, s, n));  /* FNV-1a, then mixed */
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

/* Sorts h[0..n) ascending, values below 2^(8 * bytes); tmp has room for n
 * values. Radix sort, a byte at a time from the lowest (linear in n whatever
 * the values), insertion sort for a few values. Returns -2 when the ticker
 * says stop (h then unsorted). */
static int sort_u64(uint64_t *h, uint64_t *tmp, size_t n, unsigned bytes, struct ticker *tick)
{
    if (n <= 32) {
        for (size_t i = 1; i < n; i++) {
            uint64_t x = h[i];
            size_t j = i;
            for (; j > 0 && h[j - 1] > x; j--)
                h[j] = h[j - 1];
            h[j] = x;
        }
        return 0;
    }
    uint64_t *from = h, *to = tmp;
    for (unsigned shift = 0; shift < 8 * bytes; shift += 8) {
        size_t at[257] = {0};
        for (size_t i = 0; i < n; i++)
            at[((from[i] >> shift) & 255) + 1]++;
        for (size_t b = 1; b < 257; b++)
            at[b] += at[b - 1];
        for (size_t i = 0; i < n; i++)
            to[at[(from[i] >> shift) & 255]++] = from[i];
        uint64_t *t = from;
        from = to;
        to = t;
        if (stopped(tick, 2 * n))
            return -2;
    }
    if (from != h)
        memcpy(h, from, n * sizeof *h);
    return 0;
}

/* Sorts h and drops repeats; the new count. */
static int sort_unique(uint64_t *h, uint64_t *tmp, size_t *n, struct ticker *tick)
{
    if (sort_u64(h, tmp, *n, 8, tick))
        return -2;
    size_t k = *n ? 1 : 0;
    for (size_t i = 1; i < *n; i++)
        if (h[i] != h[k - 1])
            h[k++] = h[i];
    *n = k;
    return 0;
}

double text_jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    if (na + nb == 0)
        return 0;
    size_t i = 0, j = 0, both = 0;
    while (i < na && j < nb) {  /* without branches on the values: they are hashes */
        uint64_t x = a[i], y = b[j];
        both += x == y;
        i += x <= y;
        j += y <= x;
    }
    return (double)both / (double)(na + nb - both);
}

/* What a text is compared by: the set of its shingles and the set of its
 * words, each sorted without repeats. A doc only points at the sets: they
 * belong to the shingler that built them, or to a kept copy (struct rep). */
struct doc {
    const uint64_t *shingles, *wordset;
    size_t n_shingles, n_wordset;
    size_t words;                  /* words in the text */
};

/* Builds docs, reusing its buffers from one text to the next. */
struct shingler {
    uint64_t *words, *shingles, *tmp;  /* word hashes in text order; the sets; sort room */
    size_t cap;
    struct word_iter it;               /* folding */
};

static void shingler_init(struct shingler *sh)
{
    memset(sh, 0, sizeof *sh);
    word_iter_init(&sh->it, "", 0, true);
}

static void shingler_free(struct shingler *sh)
{
    free(sh->words);
    free(sh->shingles);
    free(sh->tmp);
    word_iter_free(&sh->it);
    memset(sh, 0, sizeof *sh);
}

static int shingler_grow(struct shingler *sh)
{
    size_t cap = sh->cap ? sh->cap * 2 : 256;
    if (cap > SIZE_MAX / sizeof(uint64_t))
        return -1;
    uint64_t *p[3] = {realloc(sh->words, cap * sizeof(uint64_t)), NULL, NULL};
    if (p[0])
        sh->words = p[0];
    p[1] = p[0] ? realloc(sh->shingles, cap * sizeof(uint64_t)) : NULL;
    if (p[1])
        sh->shingles = p[1];
    p[2] = p[1] ? realloc(sh->tmp, cap * sizeof(uint64_t)) : NULL;
    if (!p[2])
        return -1;
    sh->tmp = p[2];
    sh->cap = cap;
    return 0;
}

/* Surely more than m distinct words? The shingles are triples of words, so a
 * text has at least the cube root of their number. */
static bool more_words_than(const struct doc *d, size_t m)
{
    return m < 2000000 && d->words >= 3 && d->n_shingles > m * m * m;
}

/* The doc of s, pointing into sh's buffers (valid until sh builds the next):
 * the shingles in sh->shingles, the word set at the front of sh->words. The
 * word set is left out (NULL, n_wordset SIZE_MAX) when the text surely has
 * more than want_words distinct words. 0, -1 out of memory, -2 told to stop. */
static int shingler_build(struct shingler *sh, const char *s, size_t len, size_t want_words,
                          struct doc *d, struct ticker *tick)
{
    memset(d, 0, sizeof *d);
    struct word_iter *it = &sh->it;
    word_iter_restart(it, s, len, tick);
    size_t n = 0;
    int rc;
    while ((rc = word_next(it)) > 0) {
        if (n == sh->cap && shingler_grow(sh))
            return -1;
        sh->words[n++] = hash_bytes(it->form.data, it->form.len);
        if ((n & 1023) == 0 && stopped(tick, 1024))
            return -2;
    }
    if (rc < 0)
        return rc;
    d->words = n;
    if (n >= 3) {
        for (size_t i = 0; i + 2 < n; i++)
            sh->shingles[i] = shingle_hash(sh->words[i], sh->words[i + 1], sh->words[i + 2]);
        d->n_shingles = n - 2;
        if (sort_unique(sh->shingles, sh->tmp, &d->n_shingles, tick))
            return -2;
        d->shingles = sh->shingles;
    }
    if (more_words_than(d, want_words)) {
        d->n_wordset = SIZE_MAX;
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        sh->words[i] = word_set_hash(sh->words[i]);
    d->n_wordset = n;
    if (sort_unique(sh->words, sh->tmp, &d->n_wordset, tick))
        return -2;
    d->wordset = n ? sh->words : NULL;
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

/* The two sets a and b are compared by. */
static void compared_sets(const struct doc *a, const struct doc *b, const uint64_t **sa, size_t *na,
                          const uint64_t **sb, size_t *nb)
{
    bool words = a->words < 3 || b->words < 3;
    *sa = words ? a->wordset : a->shingles;
    *sb = words ? b->wordset : b->shingles;
    *na = words ? a->n_wordset : a->n_shingles;
    *nb = words ? b->n_wordset : b->n_shingles;
}

static double doc_similarity(const struct doc *a, const struct doc *b)
{
    const uint64_t *sa, *sb;
    size_t na, nb;
    compared_sets(a, b, &sa, &na, &sb, &nb);
    return text_jaccard(sa, na, sb, nb);
}

/* Is the similarity of a and b at least threshold? Then *sim is it. As
 * doc_similarity(a, b) >= threshold, but the merge stops as soon as the
 * elements left cannot bring the similarity up to the threshold. */
static bool similar_enough(const struct doc *a, const struct doc *b, double threshold, double *sim)
{
    const uint64_t *x, *y;
    size_t nx, ny, i = 0, j = 0, both = 0;
    compared_sets(a, b, &x, &nx, &y, &ny);
    double total = (double)(nx + ny);
    while (i < nx && j < ny) {
        for (size_t k = 0; k < 64 && i < nx && j < ny; k++) {
            uint64_t u = x[i], v = y[j];
            both += u == v;
            i += u <= v;
            j += v <= u;
        }
        /* at best every element left on the shorter side is in both */
        double most = (double)(both + (nx - i < ny - j ? nx - i : ny - j));
        if (most / (total - most) < threshold)
            return false;
    }
    *sim = nx + ny ? (double)both / (total - (double)both) : 0;
    return *sim >= threshold;
}

int text_shingles(const char *s, size_t len, uint64_t **set, size_t *n, size_t *words)
{
    struct shingler sh;
    struct doc d;
    shingler_init(&sh);
    *set = NULL;
    *n = *words = 0;
    int rc = shingler_build(&sh, s, len, SIZE_MAX, &d, NULL);
    if (rc == 0) {
        size_t k;
        const uint64_t *from = doc_set(&d, &k);
        *set = k ? malloc(k * sizeof **set) : NULL;
        if (k && !*set) {
            rc = -1;
        } else {
            if (k)
                memcpy(*set, from, k * sizeof **set);
            *n = k;
            *words = d.words;
        }
    }
    shingler_free(&sh);
    return rc ? -1 : 0;
}

double text_similarity(const char *a, size_t alen, const char *b, size_t blen)
{
    struct shingler sa, sb;
    struct doc da, db;
    double sim = -1;
    shingler_init(&sa);
    shingler_init(&sb);
    if (shingler_build(&sa, a, alen, SIZE_MAX, &da, NULL) == 0 &&
        shingler_build(&sb, b, blen, SIZE_MAX, &db, NULL) == 0)
        sim = doc_similarity(&da, &db);
    shingler_free(&sa);
    shingler_free(&sb);
    return sim;
}

/* ---- near-duplicates: the leader rule over MinHash candidates -------------- */

/* text_near_duplicates in four steps, each text in index order:
 *   1. a text with the same bytes as an earlier one takes that one's place;
 *   2. its shingles (or words) give a MinHash signature, cut into bands;
 *   3. the representatives of the groups so far that share a band with it are
 *      its candidates: the signatures' agreement, then the exact similarity,
 *      decide, in the order the groups were founded; the first one that
 *      reaches the threshold takes it;
 *   4. a text no group takes founds a group, as its representative, and its
 *      bands go in the index.
 * Only representatives are ever in the index, so a text is compared with a
 * few representatives, never with every member of a large group: a corpus of
 * answers that reuse one template costs one comparison per text. */

/* MinHash functions: 128, or 256 from a threshold of 0.7 (see minhash_init). */
#define FEW_MINHASHES 128
#define MINHASHES 256
#define BAND_RECALL 0.996  /* a pair at the threshold shares a band at least this often */
#define FILTER_MISS 0.001  /* and its sketches disagree too much at most this often */

void text_groups_free(struct text_groups *g)
{
    free(g->index);
    free(g->start);
    free(g->similarity);
    g->index = g->start = NULL;
    g->similarity = NULL;
    g->n = 0;
}

/* The MinHash functions (fixed: the same groups every run) and the banding.
 * Function k maps the low 32 bits x of an element's hash to (x ^ xor[k]) *
 * mul[k] (mod 2^32, mul[k] odd): a different bijection for each k, so on
 * hashes the smallest value picks an element of the set at random, and two
 * sets pick the same element with probability equal to their similarity. 32
 * bits, so the compiler computes four functions at once. */
struct minhash {
    uint32_t xor[MINHASHES], mul[MINHASHES];
    size_t hashes;        /* the functions used: FEW_MINHASHES or MINHASHES */
    size_t rows, bands;   /* rows * bands <= hashes */
    size_t max_disagree;  /* a pair at the threshold disagrees on at most this many, but rarely */
    size_t small_words;   /* the most distinct words a text may have to be compared by words */
};

/* Rows per band: the most (fewest false candidates) for which a pair at the
 * threshold still shares a band with probability >= BAND_RECALL; 1 when even
 * one row per band cannot (thresholds under about 0.04). */
static size_t rows_per_band(double threshold, size_t hashes)
{
    for (size_t r = 32; r > 1; r--) {
        double bands = (double)(hashes / r);
        if (1 - pow(1 - pow(threshold, (double)r), bands) >= BAND_RECALL)
            return r;
    }
    return 1;
}

/* The most values (of hashes) on which the signatures of a pair at the
 * threshold disagree, except with probability FILTER_MISS at most: each value
 * agrees with probability equal to the similarity, so disagreement is
 * binomial. */
static size_t most_disagreeing(double threshold, size_t hashes)
{
    if (threshold >= 1)
        return 0;
    double n = (double)hashes, p = 1 - threshold, above = 0;
    for (size_t m = hashes; m > 0; m--) {  /* above: P(more than m - 1 disagree) */
        double k = (double)m;
        above += exp(lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1) + k * log(p) +
                     (n - k) * log1p(-p));
        if (above > FILTER_MISS)
            return m;
    }
    return 0;
}

static void minhash_init(struct minhash *mh, double threshold)
{
    uint64_t seed = 0x2545f4914f6cdd1dULL;
    for (size_t k = 0; k < MINHASHES; k++) {
        uint64_t r = mix64(seed += 0x9e3779b97f4a7c15ULL);
        mh->xor[k] = (uint32_t)r;
        mh->mul[k] = (uint32_t)(r >> 32) | 1;
    }
    /* The higher the threshold, the more rows a band needs for pairs well
     * under it to share one rarely (a pair of similarity s shares a given band
     * with probability s^rows); from 0.7, twice the functions pay for
     * themselves in candidates not compared, and make the filter sharper. */
    mh->hashes = threshold >= 0.7 ? MINHASHES : FEW_MINHASHES;
    mh->rows = rows_per_band(threshold, mh->hashes);
    mh->bands = mh->hashes / mh->rows;
    mh->max_disagree = most_disagreeing(threshold, mh->hashes);
    /* A text under three words (two distinct at most) reaches the threshold
     * only with a text of at most 2 / threshold distinct words. */
    mh->small_words = (size_t)floor(2 / threshold + 1e-9);
}

/* FEW_MINHASHES functions of one element lower the signature's values. */
static void sign_element(uint32_t *restrict sig, const uint32_t *restrict xr,
                         const uint32_t *restrict mul, uint32_t x)
{
    for (size_t k = 0; k < FEW_MINHASHES; k++) {  /* a fixed count: four at a time */
        uint32_t v = (x ^ xr[k]) * mul[k];
        sig[k] = v < sig[k] ? v : sig[k];
    }
}

/* The signature of a set: for each function, its smallest value. */
static int minhash_sign(const struct minhash *mh, const uint64_t *set, size_t n, uint32_t *sig,
                        struct ticker *tick)
{
    for (size_t k = 0; k < mh->hashes; k++)
        sig[k] = UINT32_MAX;
    for (size_t e = 0; e < n; e++) {
        for (size_t base = 0; base < mh->hashes; base += FEW_MINHASHES)
            sign_element(sig + base, mh->xor + base, mh->mul + base, (uint32_t)set[e]);
        if ((e & 255) == 255 && stopped(tick, 256 * mh->hashes))
            return -2;
    }
    return 0;
}

/* What the filter keeps of a signature: a byte a value. Two different values
 * look the same once in 256 times, which only lets a few more pairs through. */
typedef uint8_t sketch_t;

static void sketch_of(const struct minhash *mh, const uint32_t *sig, sketch_t *sk)
{
    for (size_t k = 0; k < mh->hashes; k++)
        sk[k] = (sketch_t)sig[k];
}

/* Do two sketches disagree on at most most values? (Blocks of a fixed
 * length, which the compiler compares 16 values at a time.) */
static unsigned sketch_block_differs(const sketch_t *a, const sketch_t *b)
{
    unsigned differ = 0;
    for (size_t k = 0; k < FEW_MINHASHES; k++)
        differ += a[k] != b[k];
    return differ;
}

static bool sketches_agree(const sketch_t *a, const sketch_t *b, size_t hashes, size_t most)
{
    unsigned differ = 0;
    for (size_t base = 0; base < hashes && differ <= most; base += FEW_MINHASHES)
        differ += sketch_block_differs(a + base, b + base);
    return differ <= most;
}

/* Band b of a signature as one key; salt keeps the two indexes apart. */
static uint64_t band_key(const struct minhash *mh, const uint32_t *sig, size_t b, uint64_t salt)
{
    uint64_t key = mix64(salt + b);
    for (size_t r = 0; r < mh->rows; r++)
        key = mix64(key ^ sig[b * mh->rows + r]);
    return key ? key : 1;  /* 0 marks an empty slot */
}

/* Band key -> the representatives (group numbers, 32 bits) with that band:
 * a hash table whose slots each own a run of a shared pool, read in one
 * sweep. A full run moves to the pool's end with twice the room; the old
 * place is left unused, so the pool holds at most about four times what it
 * keeps. */
struct band_slot {
    uint64_t key;            /* 0: empty */
    size_t at, count, room;  /* the slot's run: pool[at .. at + count), room for more */
};

struct band_index {
    struct band_slot *slots;
    size_t n_slots, used;    /* n_slots: a power of two, at most half used */
    uint32_t *pool;
    size_t pool_len, pool_cap;
};

static void band_index_free(struct band_index *x)
{
    free(x->slots);
    free(x->pool);
    memset(x, 0, sizeof *x);
}

static struct band_slot *band_find(const struct band_index *x, uint64_t key)
{
    size_t i = (size_t)key & (x->n_slots - 1);
    while (x->slots[i].key && x->slots[i].key != key)
        i = (i + 1) & (x->n_slots - 1);
    return &x->slots[i];
}

/* The groups with band key, and their number. */
static const uint32_t *band_groups(const struct band_index *x, uint64_t key, size_t *n)
{
    const struct band_slot *s = x->n_slots ? band_find(x, key) : NULL;
    *n = s && s->key ? s->count : 0;
    return *n ? x->pool + s->at : NULL;
}

static int band_index_rehash(struct band_index *x)
{
    size_t n = x->n_slots ? x->n_slots * 2 : 1024;
    struct band_slot *slots = n < SIZE_MAX / 2 / sizeof *slots ? calloc(n, sizeof *slots) : NULL;
    if (!slots)
        return -1;
    struct band_index old = *x;
    x->slots = slots;
    x->n_slots = n;
    for (size_t i = 0; i < old.n_slots; i++)
        if (old.slots[i].key)
            *band_find(x, old.slots[i].key) = old.slots[i];
    free(old.slots);
    return 0;
}

/* Room for `more` values at the pool's end. */
static int band_pool_reserve(struct band_index *x, size_t more)
{
    if (x->pool_cap - x->pool_len >= more)
        return 0;
    size_t cap = x->pool_cap ? x->pool_cap : 4096;
    while (cap - x->pool_len < more) {
        if (cap > SIZE_MAX / 2 / sizeof *x->pool)
            return -1;
        cap *= 2;
    }
    uint32_t *p = realloc(x->pool, cap * sizeof *p);
    if (!p)
        return -1;
    x->pool = p;
    x->pool_cap = cap;
    return 0;
}

static int band_index_add(struct band_index *x, uint64_t key, uint32_t group)
{
    if (2 * (x->used + 1) > x->n_slots && band_index_rehash(x))
        return -1;
    struct band_slot *s = band_find(x, key);
    if (!s->key) {
        *s = (struct band_slot){key, 0, 0, 0};
        x->used++;
    }
    if (s->count == s->room) {                  /* move the run to the end, with room */
        size_t room = s->room ? 2 * s->room : 2;
        if (band_pool_reserve(x, room))
            return -1;
        if (s->count)
            memcpy(x->pool + x->pool_len, x->pool + s->at, s->count * sizeof *x->pool);
        s->at = x->pool_len;
        s->room = room;
        x->pool_len += room;
    }
    x->pool[s->at + s->count++] = group;
    return 0;
}

/* A group's representative, kept for comparing later texts with: its
 * shingles, and its words when they are few enough to matter (is_small). */
struct rep {
    struct doc doc;
    uint64_t *sets;          /* owns doc.shingles and doc.wordset */
};

/* How many candidates ahead a sketch is asked for (a hint to the processor,
 * where the compiler can give it), so that reading it rarely waits. */
#define PREFETCH_AHEAD 16
#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* Everything one call works with. */
struct neardup {
    struct minhash mh;
    double threshold;
    struct ticker tick;
    struct shingler sh;
    struct band_index by_shingles, by_words;  /* representatives of 3+ words; of few words */
    struct rep *reps;                         /* by group number */
    size_t *shingle_counts;                   /* by group: its representative's, 0 under three words */
    sketch_t *sketches;                       /* by group, mh.hashes each */
    uint64_t *marked;                         /* by group number, a bit: a candidate */
    uint32_t *cand;                           /* by group number: room for the candidates */
    size_t first_marked, last_marked;         /* the words of marked that may be non-zero */
    size_t n_reps, cap_reps;
    size_t *group_of;                         /* by text: its group, SIZE_MAX for none */
    double *sim_of;                           /* by text: its similarity to its representative */
};

static bool is_small(const struct neardup *nd, const struct doc *d)
{
    return d->n_wordset <= nd->mh.small_words;
}

/* Marks the groups in the lists of sig's bands as candidates. */
static int mark_candidates(struct neardup *nd, const struct band_index *x, const uint32_t *sig,
                           uint64_t salt)
{
    for (size_t b = 0; b < nd->mh.bands; b++) {
        size_t n;
        const uint32_t *groups = band_groups(x, band_key(&nd->mh, sig, b, salt), &n);
        for (size_t k = 0; k < n; k++) {
            size_t w = groups[k] / 64;
            nd->marked[w] |= (uint64_t)1 << (groups[k] & 63);
            nd->first_marked = w < nd->first_marked ? w : nd->first_marked;
            nd->last_marked = w > nd->last_marked ? w : nd->last_marked;
        }
        if (stopped(&nd->tick, 2 * n))
            return -2;
    }
    return 0;
}

/* The lowest bit set in x (not 0): its number, 0 to 63. */
static unsigned lowest_bit(uint64_t x)
{
    static const unsigned char at[64] = {
        0, 1, 2, 53, 3, 7, 54, 27, 4, 38, 41, 8, 34, 55, 48, 28, 62, 5, 39, 46, 44, 42,
        22, 9, 24, 35, 59, 56, 49, 18, 29, 11, 63, 52, 6, 26, 37, 40, 33, 47, 61, 45,
        43, 21, 23, 58, 17, 10, 51, 25, 36, 32, 60, 20, 57, 16, 50, 31, 19, 15, 30, 14,
        13, 12,
    };
    return at[((x & -x) * 0x022fdd63cc95386dULL) >> 58];  /* de Bruijn */
}

/* Could representative g take the text d, by the sizes of their sets alone?
 * (The similarity of two sets is at most the smaller size over the larger.) */
static bool sizes_allow(const struct neardup *nd, size_t g, const struct doc *d)
{
    size_t na, nb;
    if (d->words >= 3 && nd->shingle_counts[g]) {
        na = d->n_shingles;
        nb = nd->shingle_counts[g];
    } else {
        na = d->n_wordset;
        nb = nd->reps[g].doc.n_wordset;
    }
    double fewer = (double)(na < nb ? na : nb), more = (double)(na < nb ? nb : na);
    return fewer / more >= nd->threshold;
}

/* Does representative g, whose sizes allow it, take the text d (its sketch
 * sk, NULL when compared by words)? *sim: their similarity. The sketches
 * first (see FILTER_MISS), then the exact similarity. */
static bool rep_takes(const struct neardup *nd, size_t g, const struct doc *d, const sketch_t *sk,
                      double *sim)
{
    if (sk && nd->shingle_counts[g] &&
        !sketches_agree(sk, nd->sketches + g * nd->mh.hashes, nd->mh.hashes, nd->mh.max_disagree))
        return false;
    return similar_enough(d, &nd->reps[g].doc, nd->threshold, sim);
}

static int grow_reps(struct neardup *nd)
{
    size_t cap = nd->cap_reps ? nd->cap_reps * 2 : 64;
    if (cap > SIZE_MAX / (sizeof(struct rep) + MINHASHES))
        return -1;
    struct rep *r = realloc(nd->reps, cap * sizeof *r);
    if (r)
        nd->reps = r;
    size_t *c = r ? realloc(nd->shingle_counts, cap * sizeof *c) : NULL;
    if (c)
        nd->shingle_counts = c;
    sketch_t *s = c ? realloc(nd->sketches, cap * nd->mh.hashes * sizeof *s) : NULL;
    if (s)
        nd->sketches = s;
    uint64_t *m = s ? realloc(nd->marked, cap / 64 * sizeof *m) : NULL;
    if (m) {
        memset(m + nd->cap_reps / 64, 0, (cap - nd->cap_reps) / 64 * sizeof *m);
        nd->marked = m;
    }
    uint32_t *cand = m ? realloc(nd->cand, cap * sizeof *cand) : NULL;
    if (!cand)
        return -1;
    nd->cand = cand;
    nd->cap_reps = cap;
    return 0;
}

/* A new group with text d as its representative. */
static int found_group(struct neardup *nd, const struct doc *d, const uint32_t *sig,
                       const uint32_t *word_sig, size_t *group)
{
    if (nd->n_reps == nd->cap_reps && grow_reps(nd))
        return -1;
    size_t g = nd->n_reps;
    struct rep *r = &nd->reps[g];
    size_t keep_words = is_small(nd, d) ? d->n_wordset : 0;
    size_t total = d->n_shingles + keep_words;
    r->sets = malloc((total ? total : 1) * sizeof *r->sets);
    if (!r->sets)
        return -1;
    nd->n_reps++;
    r->doc = *d;                      /* n_wordset kept: it bounds comparisons by size */
    r->doc.shingles = d->n_shingles ? r->sets : NULL;
    r->doc.wordset = keep_words ? r->sets + d->n_shingles : NULL;
    if (d->n_shingles)
        memcpy(r->sets, d->shingles, d->n_shingles * sizeof *r->sets);
    if (keep_words)
        memcpy(r->sets + d->n_shingles, d->wordset, keep_words * sizeof *r->sets);
    nd->shingle_counts[g] = sig ? d->n_shingles : 0;
    if (sig)
        sketch_of(&nd->mh, sig, nd->sketches + g * nd->mh.hashes);
    for (size_t b = 0; sig && b < nd->mh.bands; b++)
        if (band_index_add(&nd->by_shingles, band_key(&nd->mh, sig, b, 0), (uint32_t)g))
            return -1;
    for (size_t b = 0; word_sig && b < nd->mh.bands; b++)
        if (band_index_add(&nd->by_words, band_key(&nd->mh, word_sig, b, 1), (uint32_t)g))
            return -1;
    *group = g;
    return 0;
}

/* Of the groups marked as candidates of d, the first (in the order they
 * were founded) whose representative takes it: 1 and *group, *sim; 0 when
 * none does; -2 told to stop. The marks are cleared. The sizes are checked
 * for every candidate first, then the rest in order, each check asking the
 * memory for the sketch it will read a few candidates later. */
static int first_taker(struct neardup *nd, const struct doc *d, const sketch_t *sk, size_t *group,
                       double *sim)
{
    size_t n_cand = 0;
    for (size_t w = nd->first_marked; w != SIZE_MAX && w <= nd->last_marked; w++) {
        uint64_t bits = nd->marked[w];
        nd->marked[w] = 0;
        for (; bits; bits &= bits - 1) {
            size_t g = w * 64 + lowest_bit(bits);
            if (sizes_allow(nd, g, d))
                nd->cand[n_cand++] = (uint32_t)g;
        }
        if (stopped(&nd->tick, 64))
            return -2;
    }
    for (size_t c = 0; c < n_cand; c++) {
        if (c + PREFETCH_AHEAD < n_cand) {   /* the first block of a sketch: two cache lines */
            const sketch_t *ahead = nd->sketches + (size_t)nd->cand[c + PREFETCH_AHEAD] * nd->mh.hashes;
            PREFETCH(ahead);
            PREFETCH(ahead + 64);
        }
        if (stopped(&nd->tick, 16))
            return -2;
        if (rep_takes(nd, nd->cand[c], d, sk, sim)) {
            *group = nd->cand[c];
            return 1;
        }
    }
    return 0;
}

/* Steps 2 to 4 for text i (distinct bytes, not seen before). */
static int place_text(struct neardup *nd, const struct text_str *t, size_t i)
{
    struct doc d;
    uint32_t sig[MINHASHES], word_sig[MINHASHES];
    sketch_t sk[MINHASHES];
    int rc = shingler_build(&nd->sh, t->s, t->len, nd->mh.small_words, &d, &nd->tick);
    if (rc)
        return rc;
    if (d.words == 0)
        return 0;                         /* without words: never in a group */
    bool long_text = d.words >= 3, small = is_small(nd, &d);
    nd->first_marked = SIZE_MAX;
    nd->last_marked = 0;
    if (long_text) {
        if ((rc = minhash_sign(&nd->mh, d.shingles, d.n_shingles, sig, &nd->tick)) ||
            (rc = mark_candidates(nd, &nd->by_shingles, sig, 0)))
            return rc;
        sketch_of(&nd->mh, sig, sk);
    }
    if (small) {
        if ((rc = minhash_sign(&nd->mh, d.wordset, d.n_wordset, word_sig, &nd->tick)) ||
            (rc = mark_candidates(nd, &nd->by_words, word_sig, 1)))
            return rc;
    }
    double sim;
    size_t g;
    if ((rc = first_taker(nd, &d, long_text ? sk : NULL, &g, &sim)) < 0)
        return rc;
    if (rc) {
        nd->group_of[i] = g;
        nd->sim_of[i] = sim;
        return 0;
    }
    nd->sim_of[i] = 1;
    return found_group(nd, &d, long_text ? sig : NULL, small ? word_sig : NULL, &nd->group_of[i]);
}

/* Step 1: first[i] is the first text with the same bytes as text i (i itself
 * when none came before). */
static int find_same_bytes(const struct text_str *texts, size_t n, size_t *first,
                           struct ticker *tick)
{
    size_t slots = 16;
    while (slots / 2 < n && slots < SIZE_MAX / 4)
        slots *= 2;
    size_t *table = calloc(slots, sizeof *table);  /* text index + 1; 0: empty */
    uint64_t *hashes = malloc((n ? n : 1) * sizeof *hashes);
    if (!table || !hashes) {
        free(table);
        free(hashes);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        uint64_t h = FNV_START;                   /* hash_bytes, a megabyte at a time */
        for (size_t at = 0; at < texts[i].len && !rc; at += 1 << 20) {
            size_t part = texts[i].len - at < (1 << 20) ? texts[i].len - at : (1 << 20);
            h = fnv_add(h, texts[i].s + at, part);
            rc = stopped(tick, part / 8) ? -2 : 0;
        }
        if (rc)
            break;
        hashes[i] = mix64(h);
        first[i] = i;
        size_t at = (size_t)hashes[i] & (slots - 1);
        for (; table[at]; at = (at + 1) & (slots - 1)) {
            size_t j = table[at] - 1;
            if (hashes[j] == hashes[i] && texts[j].len == texts[i].len &&
                (texts[i].len == 0 || !memcmp(texts[j].s, texts[i].s, texts[i].len))) {
                first[i] = j;
                break;
            }
        }
        if (first[i] == i)
            table[at] = i + 1;
        if (stopped(tick, 1))
            rc = -2;
    }
    free(table);
    free(hashes);
    return rc;
}

/* The groups of two texts or more, in the order they were founded, each
 * with its texts in index order (the representative first). */
static int collect_groups(const struct neardup *nd, size_t n, struct text_groups *out)
{
    size_t groups = nd->n_reps;
    size_t *count = calloc(groups ? groups : 1, sizeof *count);
    size_t *number = malloc((groups ? groups : 1) * sizeof *number);  /* group -> output group */
    int rc = -1;
    if (!count || !number)
        goto done;
    for (size_t i = 0; i < n; i++)
        if (nd->group_of[i] != SIZE_MAX)
            count[nd->group_of[i]]++;
    size_t kept = 0, members = 0;
    for (size_t g = 0; g < groups; g++) {
        number[g] = count[g] >= 2 ? kept++ : SIZE_MAX;
        members += count[g] >= 2 ? count[g] : 0;
    }
    out->start = malloc((kept + 1) * sizeof *out->start);
    out->index = malloc((members ? members : 1) * sizeof *out->index);
    out->similarity = malloc((members ? members : 1) * sizeof *out->similarity);
    if (!out->start || !out->index || !out->similarity)
        goto done;
    out->n = kept;
    size_t at = 0;
    for (size_t g = 0; g < groups; g++)
        if (number[g] != SIZE_MAX) {
            out->start[number[g]] = at;
            at += count[g];
        }
    out->start[kept] = at;
    memset(count, 0, groups * sizeof *count);  /* now: members placed in each group */
    for (size_t i = 0; i < n; i++) {
        size_t g = nd->group_of[i];
        if (g == SIZE_MAX || number[g] == SIZE_MAX)
            continue;
        size_t m = out->start[number[g]] + count[g]++;
        out->index[m] = i;
        out->similarity[m] = nd->sim_of[i];
    }
    rc = 0;
done:
    free(count);
    free(number);
    return rc;
}

static void neardup_free(struct neardup *nd)
{
    shingler_free(&nd->sh);
    band_index_free(&nd->by_shingles);
    band_index_free(&nd->by_words);
    for (size_t g = 0; g < nd->n_reps; g++)
        free(nd->reps[g].sets);
    free(nd->reps);
    free(nd->shingle_counts);
    free(nd->sketches);
    free(nd->marked);
    free(nd->cand);
    free(nd->group_of);
    free(nd->sim_of);
}

int text_near_duplicates(const struct text_str *texts, size_t n, double threshold,
                         struct text_groups *out)
{
    return text_near_duplicates_cancel(texts, n, threshold, NULL, out);
}

int text_near_duplicates_cancel(const struct text_str *texts, size_t n, double threshold,
                                const struct text_cancel *cancel, struct text_groups *out)
{
    memset(out, 0, sizeof *out);
    if (!(threshold > 0 && threshold <= 1) || n > UINT32_MAX)  /* groups are numbered in 32 bits */
        return -1;
    struct neardup nd = {0};
    nd.threshold = threshold;
    nd.tick.cancel = cancel;
    shingler_init(&nd.sh);
    minhash_init(&nd.mh, threshold);
    nd.group_of = malloc((n ? n : 1) * sizeof *nd.group_of);
    nd.sim_of = malloc((n ? n : 1) * sizeof *nd.sim_of);
    size_t *first = malloc((n ? n : 1) * sizeof *first);
    int rc = -1;
    if (!nd.group_of || !nd.sim_of || !first)
        goto done;
    if ((rc = find_same_bytes(texts, n, first, &nd.tick)))
        goto done;
    for (size_t i = 0; i < n && !rc; i++) {
        nd.group_of[i] = SIZE_MAX;
        if (first[i] != i) {                      /* the same bytes: the same place */
            nd.group_of[i] = nd.group_of[first[i]];
            nd.sim_of[i] = nd.sim_of[first[i]];
        } else if (stopped(&nd.tick, 64)) {
            rc = -2;
        } else {
            rc = place_text(&nd, &texts[i], i);
        }
    }
    if (!rc)
        rc = collect_groups(&nd, n, out);
done:
    if (rc)
        text_groups_free(out);
    neardup_free(&nd);
    free(first);
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
        bool ascii = c < 0x80;
        bool blank = is_space(c) || (ascii ? c < 0x20 || c == 0x7F
                                           : utf8proc_category(c) == UTF8PROC_CATEGORY_CC);
        if (!(blank && blank_before)) {
            v[m].off = pos;
            v[m].c = blank ? ' ' : c;
            v[m].width = blank || ascii ? 1 : char_width(c);
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

/* fail[k]: how many of the query's first words the match can keep when word
 * k + 1 does not follow (the longest proper prefix of words 0..k that is also
 * a suffix of them): Knuth, Morris and Pratt, so that a text is read once
 * whatever the query repeats. */
static size_t *query_failures(const struct text_list *q)
{
    size_t *fail = malloc(q->n * sizeof *fail);
    if (!fail)
        return NULL;
    fail[0] = 0;
    for (size_t k = 1, j = 0; k < q->n; k++) {
        while (j > 0 && !same_item(q, k, q, j))
            j = fail[j - 1];
        j += same_item(q, k, q, j);
        fail[k] = j;
    }
    return fail;
}

int text_kwic(const char *text, size_t len, const char *query, size_t qlen,
              size_t width, struct text_list *out)
{
    struct located t = {0}, q = {0};
    struct shown *v = NULL;
    size_t count = 0, *fail = NULL;
    int rc = -1;
    if (locate_words(query, qlen, &q) || locate_words(text, len, &t))
        goto done;
    if (q.words.n == 0 || t.words.n < q.words.n) {
        rc = 0;
        goto done;
    }
    if (!(fail = query_failures(&q.words)))
        goto done;
    for (size_t i = 0, j = 0; i < t.words.n; i++) {  /* j: query words matched so far */
        while (j > 0 && !same_item(&t.words, i, &q.words, j))
            j = fail[j - 1];
        j += same_item(&t.words, i, &q.words, j);
        if (j < q.words.n)
            continue;
        if (!v && shown_chars(text, len, &v, &count))  /* at the first match only */
            goto done;
        size_t a = shown_at(v, count, t.spans[i + 1 - j].start);
        size_t b = shown_at(v, count, t.spans[i].end);
        if (kwic_line(out, v, count, a, b, width))
            goto done;
        j = fail[j - 1];                              /* matches may overlap */
    }
    rc = 0;
done:
    text_list_free(&t.words);
    text_list_free(&q.words);
    free(t.spans);
    free(q.spans);
    free(v);
    free(fail);
    return rc;
}

const char *text_utf8proc_version(void)
{
    return utf8proc_version();
}
