/* page.c — a petition page read into a record (see page.h and PAGE-FORMAT).
 *
 * One pass over the lines, with a small state machine keyed on landmarks:
 * a line is first offered to the landmarks that may stand anywhere (status
 * labels, "Response by", "Signed by", "Photo -", signature lines, the footer
 * ...), then to those of the page head (initiator, addressee) while the
 * petition text has not begun, and only then to the section it stands in
 * (petition text, response text, a status value, the presenter block, the
 * sponsor block, the province table). A line no landmark and no section
 * explains becomes a warning. Line positions are never used.
 *
 * While reading, values are kept as slices of the caller's text; the record
 * is built at the end, every string cleaned (valid UTF-8, no control bytes)
 * into one arena that record_free() releases at once.
 *
 * Decisions where the page leaves room:
 * - addressee: as printed, minus "Petition to (the)" / "Pétition (adressée)
 *   à / au / aux / à la / à l'": "PETITION TO THE PRIME MINISTER" gives
 *   "PRIME MINISTER"; a bare "Pétition à" gives NULL.
 * - A grievance wrapped over lines: inside a list whose items begin with a
 *   bullet, a number or "Whereas", a line with none of these continues the
 *   item before it (joined by a space), unless that item ended a sentence and
 *   the line begins one with a capital, or the line begins the prayer. The
 *   text and the prayer keep the lines as printed.
 * - A bare list of requests with no prayer line (keyword renderings) is kept
 *   as the grievances, and prayer is NULL: the page has no prayer line, and
 *   nothing is guessed.
 * - The petition text keeps its heading ("Whereas:") and introduction; the
 *   addressee line is not part of it.
 * - The prayer opens at the first line that surely opens it ("Therefore ...",
 *   "We, the undersigned ... call upon ...", "We call upon ..." standing
 *   alone). A "We, the undersigned" line that asks for nothing, and a "We call
 *   upon" bullet among the grievances' bullets, open it only if no such line
 *   follows: until then they are grievances.
 * - A grievance's sub-bullets (bullets indented deeper than the list's items)
 *   are part of it, joined by a space like wrapped lines; a first grievance
 *   line that ends in ":" and heads a bulleted list is a heading.
 * - The accordion headings of the site's current pages ("Petition details",
 *   "History", "Member of Parliament") are not the petition's; nor is the
 *   sponsor's name printed again under the photo line.
 * - In the older layout's head, a status label with no date after it
 *   ("Government Response Tabled" before the addressee) is a status word.
 * - A page in decomposed accents (NFD, "e" + U+0301) is composed (NFC) once
 *   before it is read, so its values are stored composed, as other pages'.
 * - Text keeps the characters as printed (U+00A0 included); only bullets and
 *   the blanks at both ends of a line are removed.
 * - A label cut short on the last line of a page ("Closed for sig") is
 *   explained (a cut page), not a warning; a value line that is not a date
 *   where a date is due is a warning.
 * - The older layout's "Initiated by ..., on DATE-TIME" is the day the
 *   petition was initiated, which is not its opening for signature (a petition
 *   that was never certified never opened): it fills no field, and opened /
 *   opened_at come only from an "Open for signature" block.
 * - A warning's text is cut at 300 bytes. */
#include "page.h"

#include "date.h"
#include "page_arena.h"
#include "page_text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- growing arrays (temporary, freed at the end of the parse) ---------- */

struct vec {
    void *items;
    size_t n, cap, size;
};

static bool vec_push(struct vec *v, const void *item)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        void *p = realloc(v->items, cap * v->size);
        if (!p)
            return false;
        v->items = p;
        v->cap = cap;
    }
    memcpy((char *)v->items + v->n * v->size, item, v->size);
    v->n++;
    return true;
}

#define VEC_AT(v, type, i) (((type *)(v).items)[i])

#define NO_NUMBER (-1)                /* a number the parser has not seen */

struct slice {
    const char *s;
    size_t n;
};

enum role { ROLE_INTRO, ROLE_HEADING, ROLE_GRIEVANCE, ROLE_PRAYER };

struct body_line {
    struct slice text;
    enum role role;
    bool marked;                /* a grievance item begun by a bullet, a number or "Whereas" */
    bool continues;             /* a grievance line that goes on with the item before it */
    bool bullet;                /* printed with a bullet */
};

struct response_build {
    struct slice responder, signature;
};

struct para {                   /* a paragraph of response number resp */
    size_t resp;
    struct slice text;
};

struct province_row {
    const char *english;        /* NULL: not a province we know ... */
    struct slice printed;       /* ... then kept as printed */
    long count;
};

struct warning_build {
    int line;
    struct slice text;
};

/* ---- the parser's state --------------------------------------------------- */

enum section {
    SEC_PREAMBLE,       /* before the title line */
    SEC_HEAD,           /* title seen, petition text not begun */
    SEC_KEYWORDS,       /* after "Keywords" or the older "Initiated by ..., on DATE" */
    SEC_BODY,           /* the petition text */
    SEC_RESPONSE,       /* a response's signer and text */
    SEC_VALUE,          /* after a status label, its date is due */
    SEC_PRESENTED,      /* after "Presented to the House of Commons" */
    SEC_SPONSOR,        /* after "Photo - NAME" */
    SEC_TABLE,          /* the signatures by province */
    SEC_AFTER,          /* between the blocks at the end */
    SEC_FOOTER          /* after the disclaimer: ignored */
};

enum value_kind { VALUE_OPEN, VALUE_CLOSED, VALUE_TABLED };

enum lang { LANG_NONE, LANG_EN, LANG_FR };

struct parser {
    const char *text;           /* the whole page, and its length */
    size_t len;
    size_t next;                /* where the line after the current one starts */

    enum section sec;
    enum value_kind value;      /* SEC_VALUE: which date is due */
    int title_line;
    int landmarks;              /* landmarks other than the title and header noise */
    int en, fr;                 /* landmarks seen in each language */

    char id[24];
    struct slice topic;
    const char *original_language;
    struct slice original_language_printed;
    struct slice initiator, city, province_printed;
    const char *province;
    struct slice addressee;
    bool addressee_seen;
    bool prayer_begun;
    size_t maybe_prayer;        /* 1 + the body line that opens the prayer if no other does; 0: none */
    size_t item_indent;         /* the indentation of the grievances' bulleted items ... */
    bool has_item_indent;       /* ... once one was seen */
    bool value_in_head;         /* the status label whose date is due stood before the petition text */
    bool sponsor_name_seen;     /* the sponsor's name again after the photo line */

    bool await_signer;          /* "Signed by ...:" gave no name: it is on the next line */
    bool has_presenter, has_presenter_riding;
    bool sponsor_has_riding, sponsor_has_caucus, sponsor_has_province;

    char opened_at[17], closed_at[17], opened[11], closed[11], presented[11], tabled[11];
    struct slice petition_no, presenter, presenter_riding;
    struct slice sponsor, sponsor_riding, caucus_printed, sponsor_province_printed;
    const char *caucus, *sponsor_province;
    struct slice sessional_paper;
    long count_line, total_row;
    bool not_certified;
    int parliament_line, session_line;      /* from an "Nth Parliament" line */

    struct vec body;            /* struct body_line */
    struct vec keywords;        /* struct slice */
    struct vec responses;       /* struct response_build */
    struct vec paras;           /* struct para */
    struct vec provinces;       /* struct province_row */
    struct vec warnings;        /* struct warning_build */
    bool oom;
};

static struct slice slice_of(const char *s, size_t n)
{
    return (struct slice){ s, n };
}

static void push(struct parser *P, struct vec *v, const void *item)
{
    if (!vec_push(v, item))
        P->oom = true;
}

static void landmark(struct parser *P, enum lang lang)
{
    P->landmarks++;
    if (lang == LANG_EN)
        P->en++;
    else if (lang == LANG_FR)
        P->fr++;
}

static void warn(struct parser *P, const struct line *L)
{
    struct warning_build w = { L->no, slice_of(L->s, L->n) };
    push(P, &P->warnings, &w);
}

/* ---- small readers ----------------------------------------------------- */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Reads "e-NNNN" or "PPS-NNNNN" at s[0..n); returns its length (0 if none)
 * and writes the id, lower case, into id. */
static size_t read_id(const char *s, size_t n, char *id, size_t idsize)
{
    size_t i = 0, d = 0;
    if (n >= 3 && (s[0] == 'e' || s[0] == 'E') && s[1] == '-' && is_digit(s[2])) {
        i = 2;
        while (i < n && is_digit(s[i]) && i < 12)
            i++;
    } else {
        while (d < n && is_digit(s[d]))
            d++;
        if (d != 3 || d >= n || s[d] != '-')
            return 0;
        i = d + 1;
        while (i < n && is_digit(s[i]) && i < 14)
            i++;
        if (i - d - 1 < 3)
            return 0;
    }
    if (i < n && (is_digit(s[i]) || ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')))
        return 0;
    if (i + 1 > idsize)
        return 0;
    memcpy(id, s, i);
    id[0] = (char)(id[0] == 'E' ? 'e' : id[0]);
    id[i] = '\0';
    return i;
}

/* The title line: "ID (Topic)", also "Petition ID (Topic)" or a bare "ID". */
static bool read_title(const struct line *L, char *id, size_t idsize, struct slice *topic)
{
    const char *s = L->s;
    size_t n = L->n;
    const char *rest;
    size_t rn;
    if ((line_starts(L, "petition", &rest, &rn) || line_starts(L, "e-petition", &rest, &rn)) &&
        rn > 0 && rest != s) {
        s = rest;
        n = rn;
    }
    size_t k = read_id(s, n, id, idsize);
    if (k == 0)
        return false;
    const char *t = s + k;
    size_t tn = n - k;
    t = line_trim(t, &tn);
    *topic = slice_of(NULL, 0);
    if (tn == 0)
        return true;
    if (t[0] != '(')
        return false;
    t++;
    tn--;
    if (tn > 0 && t[tn - 1] == ')')
        tn--;                       /* a title cut short keeps what it has */
    t = line_trim(t, &tn);
    *topic = slice_of(t, tn);
    return true;
}

/* Header noise: "Skip to main content", "Start of content", ... one or several
 * on a line; the RSS line; the notice about e-mail addresses. */
static bool is_noise(const struct line *L)
{
    static const char *const phrases[] = {
        "skip to main content", "skip to content", "start of content",
        "passer au contenu principal", "passer au contenu", "debut du contenu",
        "sign this petition", "signer cette petition", NULL
    };
    static const char *const starts[] = {
        "subscribe to rss", "s'abonner au fil rss", "s'abonner aux fils rss", "abonnez-vous au fil rss",
        "rss feed", "fil rss", "an email address associated with", "an e-mail address associated with",
        "une adresse courriel associee", "une adresse de courriel associee", NULL
    };
    for (int k = 0; starts[k]; k++)
        if (line_starts(L, starts[k], NULL, NULL))
            return true;
    if (!L->key_whole)
        return false;
    const char *key = L->key;
    bool any = false;
    while (*key) {
        bool hit = false;
        for (int k = 0; phrases[k]; k++) {
            if (phrases[k][0] != key[0])
                continue;
            size_t p = strlen(phrases[k]);
            if (strncmp(key, phrases[k], p) == 0 && (key[p] == '\0' || key[p] == ' ')) {
                key += p;
                while (*key == ' ')
                    key++;
                hit = any = true;
                break;
            }
        }
        if (!hit)
            return false;
    }
    return any;
}

/* The headings of the site's accordion ("Petition details", "History",
 * "Member of Parliament"): a browser's text of the page shows them, and they
 * are the site's, not the petition's. ("Government response tabled", the
 * fourth, is also the status label, read as such.) */
static bool is_site_heading(const struct line *L)
{
    static const char *const headings[] = {
        "petition details", "history", "member of parliament",
        "details de la petition", "historique", "depute", "deputee", NULL
    };
    for (int k = 0; headings[k]; k++)
        if (line_is(L, headings[k]))
            return true;
    return false;
}

/* The number inside "(Petition No. 432-00840)" or "(Sessional Paper No.
 * 8545-421-31-24)": the last run of digits and hyphens that holds a hyphen
 * (or, failing that, any digits) in s[0..n). */
static struct slice number_in(const char *s, size_t n)
{
    struct slice best = { NULL, 0 }, any = { NULL, 0 };
    size_t i = 0;
    while (i < n) {
        if (!is_digit(s[i])) {
            i++;
            continue;
        }
        size_t j = i;
        bool hyphen = false;
        while (j < n && (is_digit(s[j]) || (s[j] == '-' && j + 1 < n && is_digit(s[j + 1])))) {
            hyphen |= s[j] == '-';
            j++;
        }
        if (hyphen)
            best = slice_of(s + i, j - i);
        else
            any = slice_of(s + i, j - i);
        i = j;
    }
    return best.s ? best : any;
}

/* Reads a date at the start of s[0..n), before any "(" that does not hold a
 * time-zone note. */
static bool read_date(const char *s, size_t n, struct date_value *d, const char **paren)
{
    char err[8];
    *paren = NULL;
    if (date_parse(s, n, d, err, sizeof err) == 0)
        return true;
    const char *p = memchr(s, '(', n);
    if (!p || p == s)
        return false;
    *paren = p;
    return date_parse(s, (size_t)(p - s), d, err, sizeof err) == 0;
}

static void put_date(char *buf, const struct date_value *d)
{
    date_format_iso(d, buf, 11);
}

/* Searches s[0..n) for the last occurrence of word w (bytes as given). */
static const char *last_of(const char *s, size_t n, const char *w)
{
    size_t wn = strlen(w);
    const char *found = NULL;
    if (n < wn)
        return NULL;
    for (size_t i = 0; i + wn <= n; i++) {
        const char *p = memchr(s + i, w[0], n - wn + 1 - i);
        if (!p)
            break;
        i = (size_t)(p - s);
        if (memcmp(p, w, wn) == 0)
            found = p;
    }
    return found;
}

/* The last word w in s[0..n) with a blank (space, tab, U+00A0 ...) before it,
 * and after it when after is set: where that blank starts, and in *len the
 * length through w and the blank after. */
static const char *last_word(const char *s, size_t n, const char *w, bool after, size_t *len)
{
    size_t wn = strlen(w);
    const char *found = NULL;
    for (size_t i = 1; i + wn <= n; i++) {
        if (s[i] != w[0] || memcmp(s + i, w, wn) != 0)
            continue;
        size_t before = line_blank_len_before(s, i), past = i + wn < n ? line_blank_len(s, n, i + wn) : 0;
        if (before == 0 || (after && past == 0))
            continue;
        found = s + i - before;
        *len = before + wn + (after ? past : 0);
    }
    return found;
}

/* Do the wn bytes at s match w (lower case), in any ASCII case? */
static bool equal_ci(const char *s, const char *w, size_t wn)
{
    size_t k = 0;
    while (k < wn && (s[k] | (s[k] >= 'A' && s[k] <= 'Z' ? 0x20 : 0)) == w[k])
        k++;
    return k == wn;
}

/* Case-insensitive ASCII search for w (lower case) in s[0..n). */
static bool contains_ci(const char *s, size_t n, const char *w)
{
    size_t wn = strlen(w);
    for (size_t i = 0; i + wn <= n; i++)
        if (equal_ci(s + i, w, wn))
            return true;
    return false;
}

/* Is the rest of the page after the current line blank? (Only asked about a
 * line that looks like a label cut short, so the walk stays linear.) */
static bool rest_is_blank(const struct parser *P)
{
    for (size_t i = P->next; i < P->len;) {
        size_t b = line_blank_len(P->text, P->len, i);
        if (!b)
            return false;
        i += b;
    }
    return true;
}

/* ---- the labels a page prints -------------------------------------------- */

/* Every label of a page, in the folded form a line's key takes (page_text.h),
 * by the landmark it opens: the one table that the landmarks' readers ask
 * (find_label) and that tells a label cut short on a page's last line
 * (is_cut_label). A set's labels are matched as the whole line (WHOLE) or as
 * the start of a line that goes on with a value (START), in their order:
 * a longer label before a shorter one it starts with. Where the reader
 * matches a label's opening, the label as printed in full follows it, for a
 * copy cut inside it to be known. */
enum label_set_id {
    LABELS_KIND, LABELS_ORIGINAL_LANGUAGE, LABELS_KEYWORDS, LABELS_NOT_CERTIFIED,
    LABELS_INITIATED, LABELS_ADDRESSEE, LABELS_RESPONSE, LABELS_SIGNED, LABELS_STATUS,
    LABELS_VALIDATED, LABELS_PROVINCE_TABLE, LABELS_FOOTER, N_LABEL_SETS
};

enum label_match { WHOLE, START };

#define VALUE_PRESENTED (-1)          /* LABELS_STATUS: presented (no date of its own) */

struct label {
    const char *pat;
    enum lang lang;
    int value;                        /* LABELS_STATUS: an enum value_kind, or VALUE_PRESENTED */
};

static const struct label kind_labels[] = {
    {"paper petition", LANG_EN, 0}, {"e-petition", LANG_EN, 0}, {"epetition", LANG_EN, 0},
    {"electronic petition", LANG_EN, 0},
    {"petition papier", LANG_FR, 0}, {"petition electronique", LANG_FR, 0},
    {"petition en ligne", LANG_FR, 0}, {"petition sur papier", LANG_FR, 0},
};
static const struct label original_language_labels[] = {
    {"original language of petition", LANG_EN, 0}, {"original language of the petition", LANG_EN, 0},
    {"original language", LANG_EN, 0},
    {"langue d'origine de la petition", LANG_FR, 0}, {"langue originale de la petition", LANG_FR, 0},
    {"langue d'origine", LANG_FR, 0},
};
static const struct label keywords_labels[] = {
    {"keywords", LANG_EN, 0}, {"key words", LANG_EN, 0},
    {"mots-cles", LANG_FR, 0}, {"mots cles", LANG_FR, 0}, {"mot-cle", LANG_FR, 0},
};
static const struct label not_certified_labels[] = {
    {"not certified", LANG_EN, 0}, {"not-certified", LANG_EN, 0},
    {"non certifiee", LANG_FR, 0}, {"non certifie", LANG_FR, 0},
    {"non-certifiee", LANG_FR, 0}, {"non-certifie", LANG_FR, 0},
};
static const struct label initiated_labels[] = {
    {"initiated by", LANG_EN, 0}, {"lancee par", LANG_FR, 0}, {"lance par", LANG_FR, 0},
};
static const struct label addressee_labels[] = {
    {"petition to the", LANG_EN, 0}, {"petition to", LANG_EN, 0},
    {"petition adressee a la", LANG_FR, 0}, {"petition adressee a l'", LANG_FR, 0},
    {"petition adressee aux", LANG_FR, 0}, {"petition adressee au", LANG_FR, 0},
    {"petition adressee a", LANG_FR, 0}, {"petition adressee", LANG_FR, 0},
    {"petition a la", LANG_FR, 0}, {"petition a l'", LANG_FR, 0}, {"petition aux", LANG_FR, 0},
    {"petition au", LANG_FR, 0}, {"petition a", LANG_FR, 0},
};
static const struct label response_labels[] = {
    {"response by the", LANG_EN, 0}, {"response by", LANG_EN, 0},
    {"response from the", LANG_EN, 0}, {"response from", LANG_EN, 0},
    {"reponse de la", LANG_FR, 0}, {"reponse de l'", LANG_FR, 0}, {"reponse des", LANG_FR, 0},
    {"reponse du", LANG_FR, 0}, {"reponse de", LANG_FR, 0},
};
static const struct label signed_labels[] = {
    {"signed by", LANG_EN, 0}, {"signed by (minister or parliamentary secretary)", LANG_EN, 0},
    {"signe par", LANG_FR, 0}, {"signe par (ministre ou secretaire parlementaire)", LANG_FR, 0},
    {"signee par", LANG_FR, 0}, {"signee par (ministre ou secretaire parlementaire)", LANG_FR, 0},
};
static const struct label status_labels[] = {
    {"open for signature", LANG_EN, VALUE_OPEN},
    {"ouverte pour signature", LANG_FR, VALUE_OPEN},
    {"ouverte aux signatures", LANG_FR, VALUE_OPEN},
    {"closed for signature", LANG_EN, VALUE_CLOSED},
    {"fermee pour signature", LANG_FR, VALUE_CLOSED},
    {"fermee aux signatures", LANG_FR, VALUE_CLOSED},
    {"government response tabled", LANG_EN, VALUE_TABLED},
    {"reponse du gouvernement deposee", LANG_FR, VALUE_TABLED},
    {"presented to the house of commons", LANG_EN, VALUE_PRESENTED},
    {"presentee a la chambre des communes", LANG_FR, VALUE_PRESENTED},
};
static const struct label validated_labels[] = {
    {"only validated signatures", LANG_EN, 0},
    {"only validated signatures are counted towards the total number of signatures", LANG_EN, 0},
    {"seules les signatures validees", LANG_FR, 0},
    {"seules les signatures validees sont comptees dans le nombre total de signatures", LANG_FR, 0},
};
static const struct label province_table_labels[] = {
    {"province / territory", LANG_EN, 0}, {"province / territoire", LANG_FR, 0},
};
static const struct label footer_labels[] = {
    {"disclaimer regarding petitions", LANG_EN, 0}, {"disclaimer", LANG_EN, 0},
    {"avis concernant les petitions", LANG_FR, 0}, {"avis de non-responsabilite", LANG_FR, 0},
};

struct label_set {
    const struct label *labels;
    size_t n;
    enum label_match match;
};

#define LABEL_SET(labels, match) {labels, sizeof labels / sizeof labels[0], match}

static const struct label_set label_sets[N_LABEL_SETS] = {
    [LABELS_KIND] = LABEL_SET(kind_labels, WHOLE),
    [LABELS_ORIGINAL_LANGUAGE] = LABEL_SET(original_language_labels, START),
    [LABELS_KEYWORDS] = LABEL_SET(keywords_labels, WHOLE),
    [LABELS_NOT_CERTIFIED] = LABEL_SET(not_certified_labels, WHOLE),
    [LABELS_INITIATED] = LABEL_SET(initiated_labels, START),
    [LABELS_ADDRESSEE] = LABEL_SET(addressee_labels, START),
    [LABELS_RESPONSE] = LABEL_SET(response_labels, START),
    [LABELS_SIGNED] = LABEL_SET(signed_labels, START),
    [LABELS_STATUS] = LABEL_SET(status_labels, START),
    [LABELS_VALIDATED] = LABEL_SET(validated_labels, START),
    [LABELS_PROVINCE_TABLE] = LABEL_SET(province_table_labels, WHOLE),
    [LABELS_FOOTER] = LABEL_SET(footer_labels, WHOLE),
};

/* The first label of the set that L is (WHOLE) or starts with (START), or
 * NULL; for START, *rest gets what follows it (rest may be NULL). From k
 * on: a reader that turns a match down asks again for the next. */
static const struct label *find_label_from(const struct line *L, enum label_set_id id, size_t *k,
                                           const char **rest, size_t *rn)
{
    const struct label_set *set = &label_sets[id];
    const char *r;
    size_t n;
    for (; *k < set->n; (*k)++) {
        const struct label *lb = &set->labels[*k];
        bool hit = set->match == WHOLE ? line_is(L, lb->pat) : line_starts(L, lb->pat, &r, &n);
        if (hit) {
            if (rest) {
                *rest = set->match == WHOLE ? L->s + L->n : r;
                *rn = set->match == WHOLE ? 0 : n;
            }
            return &set->labels[(*k)++];
        }
    }
    return NULL;
}

static const struct label *find_label(const struct line *L, enum label_set_id id, const char **rest,
                                      size_t *rn)
{
    size_t k = 0;
    return find_label_from(L, id, &k, rest, rn);
}

/* ---- the page head ------------------------------------------------------- */

static bool try_kind(struct parser *P, const struct line *L)
{
    const struct label *lb = find_label(L, LABELS_KIND, NULL, NULL);
    if (lb)
        landmark(P, lb->lang);
    return lb != NULL;
}

/* "42nd Parliament", "43rd Parliament, 2nd Session", "42e législature". */
static bool try_parliament(struct parser *P, const struct line *L)
{
    const char *k = L->key;
    int num[2] = { NO_NUMBER, NO_NUMBER };
    enum lang lang = LANG_NONE;
    if (!L->key_whole || L->key_len > 60)
        return false;
    for (int part = 0; part < 2; part++) {
        int v = 0, digits = 0;
        while (is_digit(*k) && digits < 3)
            v = v * 10 + (*k++ - '0'), digits++;
        if (!digits)
            return false;
        while (*k >= 'a' && *k <= 'z')
            k++;                                    /* st nd rd th e eme re */
        if (*k == ' ')
            k++;
        const char *word = part == 0 ? "parliament" : "session";
        if (strncmp(k, word, strlen(word)) == 0) {
            k += strlen(word);
            lang = part == 0 ? LANG_EN : lang;
        } else if (part == 0 && strncmp(k, "legislature", 11) == 0) {
            k += 11;
            lang = LANG_FR;
        } else {
            return false;
        }
        num[part] = v;
        while (*k == ' ' || *k == ',' || *k == '-')
            k++;
        if (*k == '\0')
            break;
    }
    if (*k != '\0')
        return false;
    P->parliament_line = num[0];
    P->session_line = num[1];
    landmark(P, lang);
    return true;
}

static bool try_original_language(struct parser *P, const struct line *L)
{
    const struct label *lb;
    const char *rest;
    size_t rn, k = 0;
    while ((lb = find_label_from(L, LABELS_ORIGINAL_LANGUAGE, &k, &rest, &rn)) != NULL) {
        if (rn > 0 && rest[0] == ':') {
            rest++;
            rn--;
            rest = line_trim(rest, &rn);
        } else if (rn > 0) {
            continue;                       /* a sentence that starts with the words */
        }
        if (P->sec == SEC_KEYWORDS)
            P->sec = SEC_HEAD;                  /* it ends a keyword list */
        P->original_language = page_language_en(rest, rn);
        P->original_language_printed = slice_of(rest, rn);
        landmark(P, lb->lang);
        return true;
    }
    return false;
}

static bool try_keywords_label(struct parser *P, const struct line *L)
{
    const struct label *lb = find_label(L, LABELS_KEYWORDS, NULL, NULL);
    if (!lb)
        return false;
    landmark(P, lb->lang);
    P->sec = SEC_KEYWORDS;
    return true;
}

static bool try_not_certified(struct parser *P, const struct line *L)
{
    const struct label *lb = find_label(L, LABELS_NOT_CERTIFIED, NULL, NULL);
    if (!lb)
        return false;
    landmark(P, lb->lang);
    P->not_certified = true;
    if (P->sec == SEC_KEYWORDS)
        P->sec = SEC_HEAD;
    return true;
}

/* Is s[0..n), a date-time, the end of a page cut inside its time: after the
 * hour of a French time ("à 10 h" of "à 10 h 10") or before the "a.m."/"p.m."
 * of an English one ("at 1:45" of "at 1:45 p.m.")? The time is then unknown. */
static bool time_maybe_cut(const struct parser *P, const char *s, size_t n)
{
    s = line_trim(s, &n);
    if (n < 2 || !rest_is_blank(P))
        return false;
    char last = s[n - 1];
    if (last == 'h' || last == 'H' || is_digit(last))
        return true;
    /* "at 12:05 a" of "at 12:05 a.m.": "a" alone would read as the word "à" */
    if (last == '.')
        n--;
    return n >= 2 && (s[n - 1] == 'a' || s[n - 1] == 'A' || s[n - 1] == 'p' || s[n - 1] == 'P') &&
           s[n - 2] == ' ';
}

/* Cuts ", on DATE" / ", le DATE" off an initiator line (the older layout's
 * initiation date-time); returns the length left. */
static size_t cut_opening(struct parser *P, const char *s, size_t n, enum lang lang)
{
    const char *at = last_of(s, n, lang == LANG_FR ? ", le " : ", on ");
    if (!at)
        return n;
    const char *d = at + 5;
    size_t dn = n - (size_t)(d - s);
    struct date_value v;
    char err[8];
    if (date_parse(d, dn, &v, err, sizeof err) == 0) {
        /* the day it was initiated, not opened for signature: not a field */
    } else if (!(dn > 0 && (is_digit(d[0]) || (d[0] >= 'A' && d[0] <= 'Z')))) {
        return n;                           /* not a date, even a cut one */
    }
    P->sec = SEC_KEYWORDS;                  /* keyword lines follow in this layout */
    return (size_t)(at - s);
}

/* City and province from "CITY, PROVINCE" or "CITY (PROVINCE)". */
static void read_place(struct parser *P, const char *s, size_t n)
{
    const char *city = s, *prov = NULL;
    size_t cn = n, pn = 0;
    const char *paren = last_of(s, n, "(");
    const char *comma = last_of(s, n, ",");
    if (paren && paren > s) {
        cn = (size_t)(paren - s);
        prov = paren + 1;
        pn = n - cn - 1;
        if (pn > 0 && prov[pn - 1] == ')')
            pn--;
    } else if (comma) {
        cn = (size_t)(comma - s);
        prov = comma + 1;
        pn = n - cn - 1;
    }
    city = line_trim(city, &cn);
    P->city = slice_of(city, cn);
    if (prov) {
        prov = line_trim(prov, &pn);
        P->province = page_province_en(prov, pn);
        P->province_printed = slice_of(prov, pn);
    }
}

static bool try_initiator(struct parser *P, const struct line *L)
{
    const char *rest;
    size_t rn;
    const struct label *lb = find_label(L, LABELS_INITIATED, &rest, &rn);
    if (!lb)
        return false;
    enum lang lang = lb->lang;
    landmark(P, lang);
    rn = cut_opening(P, rest, rn, lang);
    rest = line_trim(rest, &rn);
    const char *sep = NULL;
    size_t sep_len = 0;
    if (lang == LANG_EN) {
        sep = last_word(rest, rn, "from", true, &sep_len);
    } else {
        /* the last " de " / " d'" / " d’": a name may hold "de" ("Marie de Grandpré") */
        size_t an = 0, bn = 0, cn = 0;
        const char *a = last_word(rest, rn, "de", true, &an);
        const char *b = last_word(rest, rn, "d'", false, &bn);
        const char *c = last_word(rest, rn, "d\xE2\x80\x99", false, &cn);
        sep = a, sep_len = an;
        if (b && (!sep || b > sep))
            sep = b, sep_len = bn;
        if (c && (!sep || c > sep))
            sep = c, sep_len = cn;
    }
    if (!sep) {
        P->initiator = slice_of(rest, rn);      /* cut short, or no place given */
        return true;
    }
    size_t nn = (size_t)(sep - rest);
    const char *name = line_trim(rest, &nn);
    P->initiator = slice_of(name, nn);
    const char *place = sep + sep_len;
    size_t pn = rn - (size_t)(place - rest);
    place = line_trim(place, &pn);
    read_place(P, place, pn);
    return true;
}

/* "Petition to the X" / "Pétition (adressée) au X": the addressee. */
static bool try_addressee(struct parser *P, const struct line *L)
{
    const char *rest;
    size_t rn;
    if (P->addressee_seen)
        return false;
    const struct label *lb = find_label(L, LABELS_ADDRESSEE, &rest, &rn);
    if (!lb)
        return false;
    landmark(P, lb->lang);
    P->addressee_seen = true;
    P->addressee = slice_of(rest, rn);
    if (P->sec == SEC_KEYWORDS)
        P->sec = SEC_HEAD;
    return true;
}

/* ---- the petition text ------------------------------------------------- */

static bool is_undersigned(const struct line *L)
{
    if (line_starts(L, "we", NULL, NULL) && strstr(L->key, "undersigned"))
        return true;
    return line_starts(L, "nous", NULL, NULL) && strstr(L->key, "soussign");
}

/* Words that open a petition's request. */
static const char *const request_starts[] = {
    "therefore", "wherefore", "your petitioners",
    "par consequent", "a ces causes", "en consequence", "vos petitionnaires", NULL
};
static const char *const asking_starts[] = {
    "we call upon", "we call on", "we request", "we ask", "we urge", "we petition", "we demand",
    "nous demandons", "nous prions", "nous exhortons", NULL
};

static bool is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit((char)c) || c >= 0x80;
}

/* Is the phrase w (lower case) in s[0..n) as whole words, in any ASCII case? */
static bool has_phrase(const char *s, size_t n, const char *w)
{
    size_t wn = strlen(w);
    for (size_t i = 0; i + wn <= n; i++) {
        if ((i > 0 && is_word_byte((unsigned char)s[i - 1])) ||
            (i + wn < n && is_word_byte((unsigned char)s[i + wn])))
            continue;
        if (equal_ci(s + i, w, wn))
            return true;
    }
    return false;
}

/* Does the line ask for something ("... call upon the Government to", "...
 * request", "... prions le ministre")? A "We, the undersigned" line that
 * does not ("... are extremely concerned about ...") states a grievance. */
static bool asks(const struct line *L)
{
    static const char *const words[] = {
        "call upon", "call on", "call for", "calls upon", "calls on", "request", "urge", "ask",
        "demand", "petition", "pray", "implore", "appeal to", "encourage", "want", "wish",
        "recommend", "insist", "prions", "prie", "demandons", "demande", "exhortons",
        "r\xC3\xA9" "clamons", "pressons", "invitons", "sollicitons", "implorons", "souhaitons",
        "voulons", "enjoignons", NULL
    };
    for (int k = 0; words[k]; k++)
        if (has_phrase(L->s, L->n, words[k]))
            return true;
    return false;
}

/* "We, the citizens and residents of Canada, call upon ...": "We," and a request. */
static bool is_we_asking(const struct line *L)
{
    return (line_starts(L, "we,", NULL, NULL) || line_starts(L, "we the", NULL, NULL) ||
            line_starts(L, "nous,", NULL, NULL)) && asks(L);
}

static bool starts_with_any(const struct line *L, const char *const *starts)
{
    for (int k = 0; starts[k]; k++)
        if (line_starts(L, starts[k], NULL, NULL))
            return true;
    return false;
}

/* A line that may open the prayer, at sight. */
static bool is_prayer_start(const struct line *L)
{
    return is_undersigned(L) || starts_with_any(L, request_starts) ||
           starts_with_any(L, asking_starts) || is_we_asking(L);
}

enum opening { OPENS_NOT, OPENS_SURELY, OPENS_MAYBE };

/* Does the line open the prayer? Surely: "Therefore ...", "THEREFORE your
 * petitioners ...", "We, the undersigned ... call upon / urge ...", "We, the
 * citizens and residents of Canada, call upon ...", and "We call upon ..."
 * standing on its own. Maybe, if no other line does: a "We, the undersigned"
 * line that asks nothing, and a "We call upon ..." bullet among the
 * grievances' bullets (a grievance may say it: the prayer's own opening comes
 * after the list). */
static enum opening prayer_opening(const struct parser *P, const struct line *L)
{
    if (is_undersigned(L))
        return asks(L) ? OPENS_SURELY : OPENS_MAYBE;
    if (starts_with_any(L, request_starts) || is_we_asking(L))
        return OPENS_SURELY;
    if (!starts_with_any(L, asking_starts))
        return OPENS_NOT;
    const struct body_line *prev = P->body.n ? &VEC_AT(P->body, struct body_line, P->body.n - 1) : NULL;
    bool in_list = L->bullet && prev && prev->role == ROLE_GRIEVANCE && prev->bullet;
    return in_list ? OPENS_MAYBE : OPENS_SURELY;
}

/* The last line of a page cut inside the word that begins the prayer ("THERE").
 * ("We, the under" could begin the introduction as well as the prayer: it is
 * kept as the introduction, neither a grievance nor the prayer. A bullet cut
 * to "T" is a grievance's: the prayer's "Therefore" stands bare.) */
static bool is_cut_prayer_start(const struct parser *P, const struct line *L)
{
    static const char *const starts[] = { "therefore", "par consequent", NULL };
    if (L->bullet)
        return false;
    for (int k = 0; starts[k]; k++)
        if (L->key_whole && L->key_len >= 1 && L->key_len < strlen(starts[k]) &&
            memcmp(L->key, starts[k], L->key_len) == 0)
            return rest_is_blank(P);
    return false;
}

/* The last line of a page cut inside a heading ("Consid"). */
static bool is_cut_heading(const struct parser *P, const struct line *L)
{
    static const char *const headings[] = { "whereas", "attendu que", "considerant que", NULL };
    for (int k = 0; headings[k]; k++)
        if (L->key_whole && L->key_len >= 1 && L->key_len < strlen(headings[k]) &&
            memcmp(L->key, headings[k], L->key_len) == 0)
            return rest_is_blank(P);
    return false;
}

static bool is_heading(const struct line *L)
{
    return line_is(L, "whereas") || line_is(L, "attendu que") || line_is(L, "considerant que") ||
           line_is(L, "attendu") || line_is(L, "considerant");
}

/* The last line of a page cut inside "We, the undersigned" / "Nous, soussignés". */
static bool is_cut_undersigned(const struct parser *P, const struct line *L)
{
    static const char *const starts[] = {
        "we, the undersigned", "we the undersigned", "nous, soussignes", "nous, les soussignes",
        "nous soussignes", NULL
    };
    for (int k = 0; starts[k]; k++)
        if (L->key_whole && L->key_len >= 1 && L->key_len < strlen(starts[k]) &&
            memcmp(L->key, starts[k], L->key_len) == 0)
            return rest_is_blank(P);
    return false;
}

/* "We, the undersigned ..., draw the attention of the House ... to the following:"
 * (or the start of it, on the last line of a cut page). */
static bool is_intro(const struct parser *P, const struct line *L)
{
    static const char *const asks[] = {
        "call upon", "call on", "request", "urge", "ask", "demand", "petition",
        "prions", "prie", "demandons", "exhortons", "reclamons", "pressons", "invitons", NULL
    };
    if (is_cut_undersigned(P, L))
        return true;
    if (!is_undersigned(L))
        return false;
    if (!contains_ci(L->s, L->n, "attention")) {
        /* cut before it says what it is: an introduction unless it already asks */
        if (!rest_is_blank(P))
            return false;
        for (int k = 0; asks[k]; k++)
            if (contains_ci(L->s, L->n, asks[k]))
                return false;
        return true;
    }
    if (rest_is_blank(P))
        return true;                        /* cut before its end */
    const char *s = L->s;
    size_t n = L->n;
    if (n > 0 && (s[n - 1] == ':' || s[n - 1] == '.'))
        n--;
    s = line_trim(s, &n);
    return L->s[L->n - 1] == ':' || (n >= 9 && contains_ci(s + n - 9, 9, "following")) ||
           (n >= 4 && contains_ci(s + n - 4, 4, "suit"));
}

/* "1.", "2)", "3-", "(a)", "a)": a numbered item. */
static bool is_numbered(const struct line *L)
{
    const char *k = L->key;
    size_t d = 0;
    if (k[0] == '(') {
        k++;
        while (d < 3 && ((k[d] >= 'a' && k[d] <= 'z') || is_digit(k[d])))
            d++;
        return d > 0 && k[d] == ')';
    }
    while (d < 3 && is_digit(k[d]))
        d++;
    if (d == 0 && k[0] >= 'a' && k[0] <= 'z' && k[1] == ')')
        return true;
    return d > 0 && (k[d] == '.' || k[d] == ')' || k[d] == '-');
}

static bool starts_whereas(const struct line *L)
{
    if (L->n > 4 && memcmp(L->s, "THAT", 4) == 0 && !is_word_byte((unsigned char)L->s[4]))
        return true;                        /* "THAT the ..." paragraphs, in capitals */
    return line_starts(L, "whereas", NULL, NULL) || line_starts(L, "attendu", NULL, NULL) ||
           line_starts(L, "considerant", NULL, NULL);
}

/* A grievance line wrapped onto the next line: a line with no bullet, number
 * or "Whereas" after an item that had one continues it, unless the item
 * ended a sentence and this line begins one with a capital. */
static bool continues_item(const struct parser *P, const struct line *L)
{
    if (P->body.n == 0 || L->bullet || is_numbered(L) || starts_whereas(L))
        return false;
    const struct body_line *prev = &VEC_AT(P->body, struct body_line, P->body.n - 1);
    if (prev->role != ROLE_GRIEVANCE || !prev->marked)
        return false;
    char end = prev->text.s[prev->text.n - 1];
    bool ended = end == '.' || end == ';' || end == '!' || end == '?' || end == ':';
    bool capital = (L->s[0] >= 'A' && L->s[0] <= 'Z') ||
                   ((unsigned char)L->s[0] == 0xC3 && L->n > 1 && (unsigned char)L->s[1] < 0xA0);
    return !(ended && capital);
}

/* A sub-bullet of a grievance: a bullet indented deeper than the list's items,
 * right after a grievance. It is part of that item. */
static bool is_sub_item(const struct parser *P, const struct line *L)
{
    if (!L->bullet || !P->has_item_indent || L->indent <= P->item_indent || P->body.n == 0)
        return false;
    return VEC_AT(P->body, struct body_line, P->body.n - 1).role == ROLE_GRIEVANCE;
}

static enum lang prayer_lang(const struct line *L)
{
    char c = L->key[0];
    return c == 'n' || c == 'a' || c == 'p' || c == 'e' || c == 'v' ? LANG_FR : LANG_EN;
}

static void add_body_line(struct parser *P, const struct line *L)
{
    struct body_line b = { slice_of(L->s, L->n), ROLE_GRIEVANCE, false, false, L->bullet };
    enum opening opens = OPENS_NOT;
    if (P->prayer_begun) {
        b.role = ROLE_PRAYER;
    } else if (is_heading(L) || is_cut_heading(P, L)) {
        b.role = ROLE_HEADING;
        landmark(P, L->key[0] == 'w' ? LANG_EN : LANG_FR);
    } else if (is_intro(P, L)) {
        b.role = ROLE_INTRO;
        landmark(P, L->key[0] == 'w' ? LANG_EN : LANG_FR);
    } else if ((opens = prayer_opening(P, L)) == OPENS_SURELY || is_cut_prayer_start(P, L)) {
        b.role = ROLE_PRAYER;
        P->prayer_begun = true;
        landmark(P, prayer_lang(L));
    } else if (is_sub_item(P, L) || continues_item(P, L)) {
        b.continues = b.marked = true;
    } else {
        b.marked = L->bullet || is_numbered(L) || starts_whereas(L);
        if (L->bullet) {
            P->item_indent = L->indent;
            P->has_item_indent = true;
        }
    }
    if (opens == OPENS_MAYBE) {
        if (P->maybe_prayer == 0)
            P->maybe_prayer = P->body.n + 1;
        landmark(P, prayer_lang(L));
    }
    P->sec = SEC_BODY;
    push(P, &P->body, &b);
}

/* The petition text read, what only its end could tell: with no line that
 * surely opens the prayer, the first that may open it does (and the lines
 * after it are the prayer's); a first grievance that ends in ":" and heads a
 * list of bullets ("Whereas a guaranteed income would:") is a heading. */
static void settle_body(struct parser *P)
{
    size_t n = P->body.n;
    if (!P->prayer_begun && P->maybe_prayer > 0) {
        for (size_t i = P->maybe_prayer - 1; i < n; i++) {
            VEC_AT(P->body, struct body_line, i).role = ROLE_PRAYER;
            VEC_AT(P->body, struct body_line, i).continues = false;
        }
    }
    for (size_t i = 0; i + 1 < n; i++) {
        struct body_line *b = &VEC_AT(P->body, struct body_line, i);
        if (b->role != ROLE_GRIEVANCE)
            continue;
        const struct body_line *next = b + 1;
        if (!b->bullet && b->text.s[b->text.n - 1] == ':' && next->role == ROLE_GRIEVANCE &&
            next->bullet && !next->continues)
            b->role = ROLE_HEADING;
        break;
    }
}

/* "C-267, An Act to provide for ...": a bill, an index term however long. */
static bool is_bill_term(const struct line *L)
{
    const char *k = L->key;
    if ((k[0] != 'c' && k[0] != 's') || k[1] != '-' || !is_digit(k[2]))
        return false;
    k += 2;
    while (is_digit(*k))
        k++;
    return *k == ',' && L->n <= 400;
}

/* A keyword line: short (or a bill's title), no sentence punctuation at its
 * end, no petition wording. */
static bool is_keyword_shaped(const struct line *L)
{
    if (is_bill_term(L))
        return true;
    if (L->n > 100)
        return false;
    char last = L->s[L->n - 1];
    if (last == '.' || last == ';' || last == ':' || last == '!' || last == '?' || last == ',')
        return false;
    return !is_prayer_start(L) && !line_starts(L, "whereas", NULL, NULL) &&
           !line_starts(L, "attendu", NULL, NULL) && !line_starts(L, "considerant", NULL, NULL);
}

/* ---- responses ----------------------------------------------------------- */

static struct response_build *current_response(struct parser *P)
{
    if (P->responses.n == 0) {
        struct response_build r = { { NULL, 0 }, { NULL, 0 } };
        push(P, &P->responses, &r);
        if (P->oom)
            return NULL;
    }
    return &VEC_AT(P->responses, struct response_build, P->responses.n - 1);
}

static bool try_response_start(struct parser *P, const struct line *L)
{
    if (L->n > 300 || L->s[L->n - 1] == '.')
        return false;                       /* a paragraph, not a title */
    const char *rest;
    size_t rn;
    const struct label *lb = find_label(L, LABELS_RESPONSE, &rest, &rn);
    if (!lb)
        return false;
    struct response_build r = { slice_of(rest, rn), { NULL, 0 } };
    push(P, &P->responses, &r);
    landmark(P, lb->lang);
    P->sec = SEC_RESPONSE;
    P->await_signer = false;
    return true;
}

static bool try_signed_by(struct parser *P, const struct line *L)
{
    const char *rest;
    size_t rn;
    const struct label *lb = find_label(L, LABELS_SIGNED, &rest, &rn);
    if (!lb)
        return false;
    enum lang lang = lb->lang;
    if (L->n > 400)
        return false;
    if (rn > 0 && rest[0] != '(' && rest[0] != ':')
        return false;       /* "Signed by more than 90 states, ..." opens a paragraph */
    if (rn > 0 && rest[0] == '(') {
        const char *close = memchr(rest, ')', rn);
        if (close) {
            rn -= (size_t)(close + 1 - rest);
            rest = close + 1;
        } else {
            rn = 0;                         /* cut inside the parentheses */
        }
    }
    rest = line_trim(rest, &rn);
    bool colon = rn > 0 && rest[0] == ':';
    if (colon) {
        rest++;
        rn--;
        rest = line_trim(rest, &rn);
    }
    struct response_build *r = current_response(P);
    if (!r)
        return true;
    landmark(P, lang);
    r->signature = slice_of(rest, rn);
    P->await_signer = rn == 0 && colon;
    P->sec = SEC_RESPONSE;
    return true;
}

static void add_response_line(struct parser *P, const struct line *L)
{
    struct response_build *r = current_response(P);
    if (!r)
        return;
    char last = L->s[L->n - 1];
    if (P->await_signer && L->n <= 100 && last != '.' && last != ':') {
        r->signature = slice_of(L->s, L->n);
        P->await_signer = false;
        return;
    }
    P->await_signer = false;
    struct para p = { P->responses.n - 1, slice_of(L->s, L->n) };
    push(P, &P->paras, &p);
}

/* ---- status blocks --------------------------------------------------------- */

static void set_value(struct parser *P, enum value_kind kind, const struct date_value *d)
{
    switch (kind) {
    case VALUE_OPEN:
        if (d->has_time)
            date_format_iso_time(d, P->opened_at, sizeof P->opened_at);
        put_date(P->opened, d);
        break;
    case VALUE_CLOSED:
        if (d->has_time)
            date_format_iso_time(d, P->closed_at, sizeof P->closed_at);
        put_date(P->closed, d);
        break;
    case VALUE_TABLED:
        put_date(P->tabled, d);
        break;
    }
}

/* "Government response tabled on DATE (Sessional Paper No. X)" and French. */
static void read_old_summary(struct parser *P, const struct line *L, const char *s, size_t n)
{
    struct date_value d;
    const char *paren;
    if (read_date(s, n, &d, &paren))
        put_date(P->tabled, &d);
    else
        warn(P, L);                         /* the date is not readable (a cut line?) */
    if (paren)
        P->sessional_paper = number_in(paren, n - (size_t)(paren - s));
    else if ((paren = memchr(s, '(', n)) != NULL)
        P->sessional_paper = number_in(paren, n - (size_t)(paren - s));
}

static bool read_presented_line(struct parser *P, const struct line *L);

static bool try_status_label(struct parser *P, const struct line *L)
{
    const struct label *lb;
    const char *rest;
    size_t rn, k = 0;
    while ((lb = find_label_from(L, LABELS_STATUS, &k, &rest, &rn)) != NULL) {
        bool sep = rn > 0 && (rest[0] == ':' || rest[0] == '-');
        if (sep) {
            rest++;
            rn--;
            rest = line_trim(rest, &rn);
        }
        if (lb->value == VALUE_PRESENTED) {
            if (rn > 0 && !sep)
                continue;                   /* "Presented to the House of Commons in 2019, ..." */
            landmark(P, lb->lang);
            P->sec = SEC_PRESENTED;
            if (rn > 0) {                   /* "Presented to the House of Commons: NAME (RIDING)" */
                struct line vl;
                line_read(&vl, L->no, rest, rn);
                if (vl.n > 0)               /* not a lone bullet: ": -" */
                    read_presented_line(P, &vl);
            }
            return true;
        }
        if (rn == 0) {
            landmark(P, lb->lang);
            P->value_in_head = P->body.n == 0 && (P->sec == SEC_HEAD || P->sec == SEC_KEYWORDS);
            P->sec = SEC_VALUE;
            P->value = (enum value_kind)lb->value;
            return true;
        }
        struct line rl;
        line_read(&rl, L->no, rest, rn);
        const char *date_s;
        size_t date_n;
        if (lb->value == VALUE_TABLED &&
            (line_starts(&rl, "on", &date_s, &date_n) || line_starts(&rl, "le", &date_s, &date_n))) {
            landmark(P, lb->lang);
            read_old_summary(P, L, date_s, date_n);
            P->sec = SEC_AFTER;
            return true;
        }
        if (lb->value == VALUE_TABLED && rl.key_whole && rl.key_len == 1 &&
            (rl.key[0] == 'o' || rl.key[0] == 'l') && rest_is_blank(P)) {
            landmark(P, lb->lang);    /* "Government response tabled o": cut before its date */
            P->sec = SEC_AFTER;
            return true;
        }
        struct date_value d;
        char err[8];
        if (date_parse(rest, rn, &d, err, sizeof err) == 0) {
            landmark(P, lb->lang);
            set_value(P, (enum value_kind)lb->value, &d);
            P->sec = SEC_AFTER;
            return true;
        }
    }
    return false;
}

static void read_line(struct parser *P, const struct line *L);

/* The line after a status label. In the head of the older layout the label
 * stands alone, a status word ("Government Response Tabled" before the
 * addressee): a line that is no date there is read as the head's. */
static void read_value_line(struct parser *P, const struct line *L)
{
    struct date_value d;
    const char *paren;
    if (read_date(L->s, L->n, &d, &paren)) {    /* also "..., at 2:03 p.m. (ED", cut */
        if (d.has_time && time_maybe_cut(P, L->s, L->n))
            d.has_time = false;
        set_value(P, P->value, &d);
    } else if (P->value_in_head) {
        P->value_in_head = false;
        P->sec = SEC_HEAD;
        read_line(P, L);
        return;
    } else {
        warn(P, L);
    }
    P->sec = SEC_AFTER;
}

/* "NAME (RIDING) DATE (Petition No. X)" on one line: true when it is that. */
static bool read_presented_one_line(struct parser *P, const char *s, size_t n)
{
    const char *open = memchr(s, '(', n);
    if (!open || open == s)
        return false;
    const char *close = memchr(open, ')', n - (size_t)(open - s));
    if (!close)
        return false;
    const char *rest = close + 1;
    size_t rn = n - (size_t)(rest - s);
    rest = line_trim(rest, &rn);
    while (rn > 0 && (rest[0] == ',' || rest[0] == '-')) {
        rest++, rn--;
        rest = line_trim(rest, &rn);
    }
    struct date_value d;
    const char *paren;
    if (rn == 0 || !read_date(rest, rn, &d, &paren))
        return false;
    size_t nn = (size_t)(open - s), ridn = (size_t)(close - open - 1);
    const char *name = line_trim(s, &nn), *riding = line_trim(open + 1, &ridn);
    P->presenter = slice_of(name, nn);
    P->presenter_riding = slice_of(riding, ridn);
    P->has_presenter = P->has_presenter_riding = true;
    put_date(P->presented, &d);
    if (paren) {
        struct slice no = number_in(paren, rn - (size_t)(paren - rest));
        if (no.s)
            P->petition_no = no;
    }
    P->sec = SEC_AFTER;
    return true;
}

/* Inside "Presented to the House of Commons": NAME (RIDING), DATE (Petition No. X),
 * which may come split over lines after a lone "-". False: not part of the block. */
static bool read_presented_line(struct parser *P, const struct line *L)
{
    struct date_value d;
    const char *paren;
    if (read_date(L->s, L->n, &d, &paren)) {
        put_date(P->presented, &d);
        if (paren) {
            struct slice no = number_in(paren, L->n - (size_t)(paren - L->s));
            if (no.s)
                P->petition_no = no;
        }
        P->sec = SEC_AFTER;
        return true;
    }
    if (L->s[0] == '(') {
        if (P->has_presenter_riding)
            return false;
        const char *r = L->s + 1;
        size_t rn = L->n - 1;
        if (rn > 0 && r[rn - 1] == ')')
            rn--;
        r = line_trim(r, &rn);
        P->presenter_riding = slice_of(r, rn);
        P->has_presenter_riding = true;
        return true;
    }
    if (P->has_presenter)
        return false;
    const char *s = L->s;
    size_t n = L->n;
    if (read_presented_one_line(P, s, n))
        return true;
    const char *open = last_of(s, n, " (");
    if (!open && L->s[L->n - 1] == ')')
        open = last_of(s, n, "(");
    if (open) {
        const char *r = open + 1;
        size_t rn = n - (size_t)(r - s);
        r = line_trim(r, &rn);
        if (rn > 0 && r[0] == '(')
            r++, rn--;
        if (rn > 0 && r[rn - 1] == ')')
            rn--;
        P->presenter_riding = slice_of(r, rn);
        P->has_presenter_riding = true;
        n = (size_t)(open - s);
        s = line_trim(s, &n);
    }
    P->presenter = slice_of(s, n);
    P->has_presenter = true;
    return true;
}

/* ---- sponsor and signatures ---------------------------------------------- */

static bool try_photo(struct parser *P, const struct line *L)
{
    const char *rest;
    size_t rn;
    if (L->n > 200 || !line_starts(L, "photo", &rest, &rn))
        return false;
    if (line_starts(L, "photo of", &rest, &rn) || line_starts(L, "photo de", &rest, &rn)) {
        if (rn == 0)
            return false;
    } else if (rn > 0) {
        size_t sep = 0;
        if (rest[0] == '-' || rest[0] == ':')
            sep = 1;
        else if (rn >= 3 && memcmp(rest, "\xE2\x80", 2) == 0 &&
                 ((unsigned char)rest[2] == 0x93 || (unsigned char)rest[2] == 0x94))
            sep = 3;                        /* – — */
        if (!sep)
            return false;
        rest += sep;
        rn -= sep;
        rest = line_trim(rest, &rn);
    }
    landmark(P, LANG_NONE);
    P->sponsor = slice_of(rest, rn);
    P->sec = SEC_SPONSOR;
    P->sponsor_has_riding = P->sponsor_has_caucus = P->sponsor_has_province = false;
    P->sponsor_name_seen = false;
    return true;
}

static bool set_caucus(struct parser *P, const struct line *L)
{
    const char *english;
    size_t off, n;
    if (!page_caucus(L->s, L->n, &english, &off, &n))
        return false;
    P->caucus = english;
    P->caucus_printed = slice_of(L->s + off, n);
    P->sponsor_has_caucus = true;
    if (line_starts(L, "caucus", NULL, NULL))
        landmark(P, LANG_FR);
    else if (L->n > 7 && contains_ci(L->s + L->n - 6, 6, "caucus"))
        landmark(P, LANG_EN);
    else
        landmark(P, LANG_NONE);
    return true;
}

/* The last line of a page cut inside the word "Caucus": "Liberal Cauc". */
static bool set_cut_caucus(struct parser *P, const struct line *L)
{
    const char *sp = L->key_whole ? strrchr(L->key, ' ') : NULL;
    if (!sp || sp == L->key || strlen(sp + 1) >= 6 || strncmp(sp + 1, "caucus", strlen(sp + 1)) != 0 ||
        !rest_is_blank(P))
        return false;
    size_t n = line_key_offset(L, (size_t)(sp - L->key));
    const char *s = line_trim(L->s, &n);
    const char *english;
    size_t off, pn;
    char line[96];
    if (n + 7 > sizeof line)
        return false;
    memcpy(line, s, n);
    memcpy(line + n, " Caucus", 7);     /* read it as the whole line would have been */
    if (!page_caucus(line, n + 7, &english, &off, &pn))
        return false;
    P->caucus = english;
    P->caucus_printed = slice_of(s + off, pn);
    P->sponsor_has_caucus = true;
    return true;
}

/* Do s[0..n) and t name the same person (case, accents and blanks aside)? */
static bool same_name(const char *s, size_t n, struct slice t)
{
    char a[LINE_KEY_MAX], b[LINE_KEY_MAX];
    return t.s && line_fold_key(s, n, a, sizeof a) && line_fold_key(t.s, t.n, b, sizeof b) &&
           strcmp(a, b) == 0;
}

static bool read_sponsor_line(struct parser *P, const struct line *L)
{
    const char *prov = page_province_en(L->s, L->n);
    if (!P->sponsor_name_seen && !P->sponsor_has_riding && !P->sponsor_has_caucus &&
        same_name(L->s, L->n, P->sponsor)) {
        P->sponsor_name_seen = true;        /* the name under the photo, as the site prints it */
        return true;
    }
    if (!P->sponsor_has_caucus && (set_caucus(P, L) || set_cut_caucus(P, L)))
        return true;
    if (!P->sponsor_has_caucus && !P->sponsor_has_riding && L->n <= 150) {
        P->sponsor_riding = slice_of(L->s, L->n);
        P->sponsor_has_riding = true;
        return true;
    }
    if (prov && !P->sponsor_has_province) {
        P->sponsor_province = prov;
        P->sponsor_has_province = true;
        return true;
    }
    return false;
}

static bool try_signature_lines(struct parser *P, const struct line *L)
{
    const struct label *lb = find_label(L, LABELS_VALIDATED, NULL, NULL);
    if (lb) {
        landmark(P, lb->lang);
        P->sec = SEC_AFTER;
        return true;
    }
    /* "29 signatures", "1,204 signatures" */
    if (L->key_whole && L->n <= 40 && is_digit(L->s[0])) {
        const char *k = L->key;
        size_t kn = L->key_len;
        size_t word = 0;
        if (kn > 11 && strcmp(k + kn - 11, " signatures") == 0)
            word = 11;
        else if (kn > 10 && strcmp(k + kn - 10, " signature") == 0)
            word = 10;
        if (word) {
            long v = page_parse_count(L->s, line_key_offset(L, kn - word));
            if (v >= 0) {
                P->count_line = v;
                landmark(P, LANG_NONE);
                P->sec = SEC_AFTER;
                return true;
            }
        }
    }
    /* the table's header: "Province / Territory | Signatures |", also "| Province ..." */
    struct line h;
    if (L->n > 1 && L->n <= 80 && L->s[0] == '|') {
        line_read(&h, L->no, L->s + 1, L->n - 1);
        L = &h;
    }
    if (L->n <= 80 && line_starts(L, "province", NULL, NULL) &&
        (memchr(L->s, '|', L->n) || memchr(L->s, '\t', L->n) || strstr(L->key, "signature") ||
         find_label(L, LABELS_PROVINCE_TABLE, NULL, NULL))) {
        landmark(P, strstr(L->key, "territoire") ? LANG_FR : strstr(L->key, "territory") ? LANG_EN : LANG_NONE);
        P->sec = SEC_TABLE;
        return true;
    }
    return false;
}

/* A row of the province table: "Ontario | 1,204 |", "| Ontario | 1,204 |",
 * "Ontario<TAB>1,204", "Ontario 1 204". False: not a row. */
static bool read_table_row(struct parser *P, const struct line *L)
{
    const char *s = L->s;
    size_t n = L->n;
    size_t i;
    bool only_rule = true;
    for (i = 0; i < n; i++)
        if (!strchr("-|: \t", s[i]))
            only_rule = false;
    if (only_rule)
        return true;                        /* "---|---|" */
    const char *cells[3] = { NULL, NULL, NULL };
    size_t lens[3] = { 0, 0, 0 };
    int nc = 0;
    size_t start = 0;
    for (i = 0; i <= n && nc < 3; i++) {
        if (i == n || s[i] == '|' || s[i] == '\t') {
            size_t cn = i - start;
            const char *c = line_trim(s + start, &cn);
            if (cn > 0)
                cells[nc] = c, lens[nc++] = cn;
            start = i + 1;
        }
    }
    if (nc == 1) {
        /* no separator: the number is what follows the last letter */
        size_t last = 0;
        for (i = 0; i < n; i++)
            if (((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') || (unsigned char)s[i] >= 0x80)
                last = i + 1;
        if (last == 0 || last == n)
            return false;
        cells[0] = s, lens[0] = last;
        cells[1] = s + last, lens[1] = n - last;
        nc = 2;
    }
    if (nc != 2)
        return false;
    long count = page_parse_count(cells[1], lens[1]);
    if (count < 0)
        return false;
    char key[16];
    if (line_fold_key(cells[0], lens[0], key, sizeof key) && strcmp(key, "total") == 0) {
        P->total_row = count;
        return true;
    }
    struct province_row row = { page_province_en(cells[0], lens[0]), slice_of(cells[0], lens[0]), count };
    push(P, &P->provinces, &row);
    return true;
}

static bool try_footer(struct parser *P, const struct line *L)
{
    const struct label *lb = find_label(L, LABELS_FOOTER, NULL, NULL);
    if (!lb)
        return false;
    landmark(P, lb->lang);
    P->sec = SEC_FOOTER;
    return true;
}

/* A label cut short on the last line of the page: any label of the table. */
static bool is_cut_label(const struct parser *P, const struct line *L)
{
    /* Only the last line of a page can be cut short (and most lines are
     * followed by text), so that is asked first. */
    if (!L->key_whole || !rest_is_blank(P))
        return false;
    for (int id = 0; id < N_LABEL_SETS; id++)
        for (size_t k = 0; k < label_sets[id].n; k++)
            if (line_is_cut_of(L, label_sets[id].labels[k].pat))
                return true;
    return false;
}

/* A sponsor block whose "Photo - NAME" line was lost in the copy: the one or
 * two unexplained lines right before its caucus line (at line no) are the
 * name, then the riding (one line alone is the name, unless it is the
 * presenter's riding); their warnings are withdrawn. */
static void adopt_sponsor_lines(struct parser *P, int no)
{
    size_t n = P->warnings.n, k = 0;
    while (k < 2 && k < n && VEC_AT(P->warnings, struct warning_build, n - 1 - k).line == no - 1 - (int)k &&
           VEC_AT(P->warnings, struct warning_build, n - 1 - k).text.n <= 100)
        k++;
    if (k == 0)
        return;
    struct slice first = VEC_AT(P->warnings, struct warning_build, n - k).text;
    struct slice last = VEC_AT(P->warnings, struct warning_build, n - 1).text;
    if (k == 2) {
        P->sponsor = first;
        P->sponsor_riding = last;
        P->sponsor_has_riding = true;
    } else if (P->presenter_riding.s && P->presenter_riding.n == last.n &&
               memcmp(P->presenter_riding.s, last.s, last.n) == 0) {
        P->sponsor_riding = last;
        P->sponsor_has_riding = true;
    } else {
        P->sponsor = first;
    }
    P->warnings.n -= k;
    landmark(P, LANG_NONE);
}

static bool memchr_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (is_digit(s[i]))
            return true;
    return false;
}

/* ---- one line ------------------------------------------------------------- */

static bool in_text(const struct parser *P)
{
    return P->sec == SEC_BODY || P->sec == SEC_RESPONSE;
}

static void read_line(struct parser *P, const struct line *L)
{
    if (L->n == 0)
        return;                                     /* blank, or a lone bullet "-" */
    if (P->sec == SEC_PREAMBLE) {
        if (read_title(L, P->id, sizeof P->id, &P->topic)) {
            P->title_line = L->no;
            P->sec = SEC_HEAD;
        } else if (!is_noise(L)) {
            warn(P, L);
        }
        return;
    }
    if (is_noise(L) || is_cut_label(P, L) || (P->sec != SEC_BODY && is_site_heading(L)))
        return;
    if (try_footer(P, L) || try_status_label(P, L) || try_response_start(P, L) ||
        try_signed_by(P, L) || try_photo(P, L) || try_signature_lines(P, L) ||
        try_original_language(P, L) || try_kind(P, L) || try_parliament(P, L) ||
        try_keywords_label(P, L) || try_not_certified(P, L))
        return;
    bool head = P->sec == SEC_HEAD || P->sec == SEC_KEYWORDS;
    if (head && (try_initiator(P, L) || try_addressee(P, L)))
        return;
    if (!in_text(P)) {
        char id[24];
        struct slice topic;
        if (read_title(L, id, sizeof id, &topic)) {
            warn(P, L);                             /* a second title line */
            return;
        }
    }
    switch (P->sec) {
    case SEC_KEYWORDS:
        if (is_keyword_shaped(L)) {
            struct slice k = slice_of(L->s, L->n);
            push(P, &P->keywords, &k);
            return;
        }
        add_body_line(P, L);
        return;
    case SEC_HEAD:
    case SEC_BODY:
        add_body_line(P, L);
        return;
    case SEC_RESPONSE:
        add_response_line(P, L);
        return;
    case SEC_VALUE:
        read_value_line(P, L);
        return;
    case SEC_PRESENTED:
        if (read_presented_line(P, L))
            return;
        break;
    case SEC_SPONSOR:
        if (read_sponsor_line(P, L))
            return;
        break;
    case SEC_TABLE:
        if (read_table_row(P, L) || (!memchr_digit(L->s, L->n) && rest_is_blank(P)))
            return;                         /* a row, or the last line cut inside one */
        break;
    case SEC_FOOTER:
        return;
    default:
        break;
    }
    /* Outside the sponsor block, a caucus line still names the sponsor's caucus;
     * with no "Photo -" line, the lines just before it are the name and riding. */
    if (!P->sponsor_has_caucus && L->n <= 80 && (set_caucus(P, L) || set_cut_caucus(P, L))) {
        if (!P->sponsor.s)
            adopt_sponsor_lines(P, L->no);
        P->sec = SEC_SPONSOR;
        return;
    }
    P->sec = SEC_AFTER;
    warn(P, L);
}

/* ---- building the record ------------------------------------------------- */

struct builder {
    struct arena *A;
    bool oom;
};

static const char *copy(struct builder *B, struct slice s)
{
    if (!s.s || s.n == 0)
        return NULL;
    char *d = arena_strdup_clean(B->A, s.s, s.n, 0);
    if (!d)
        B->oom = true;
    return d;
}

static const char *copy_str(struct builder *B, const char *s)
{
    return s && *s ? copy(B, slice_of(s, strlen(s))) : NULL;
}

/* Joins the parts, each cleaned, with sep. */
static const char *join_with(struct builder *B, const struct slice *const *parts, size_t n, char sep)
{
    if (n == 0)
        return NULL;
    size_t bound = n;                       /* the line ends and the NUL */
    for (size_t i = 0; i < n && bound != SIZE_MAX; i++)
        bound = parts[i]->n <= (SIZE_MAX - bound) / 3 ? bound + parts[i]->n * 3 : SIZE_MAX;
    /* room for the worst case (every byte invalid, grown to 3) left in the
     * arena's block: one pass; else the exact length first */
    char *d = arena_reserve(B->A, bound);
    bool reserved = d != NULL;
    if (!reserved) {
        size_t total = n;
        for (size_t i = 0; i < n; i++)
            total += clean_len(parts[i]->s, parts[i]->n);
        d = arena_alloc(B->A, total);
        if (!d) {
            B->oom = true;
            return NULL;
        }
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            d[o++] = sep;
        o += clean_copy(d + o, parts[i]->s, parts[i]->n);
    }
    d[o] = '\0';
    if (reserved)
        arena_commit(B->A, o + 1);
    return d;
}

static const char *join(struct builder *B, const struct slice *const *parts, size_t n)
{
    return join_with(B, parts, n, '\n');
}

static const char **copy_list(struct builder *B, const struct slice *items, size_t n, size_t *out_n)
{
    *out_n = 0;
    if (n == 0)
        return NULL;
    const char **list = arena_calloc(B->A, n, sizeof *list);
    if (!list) {
        B->oom = true;
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        list[i] = copy(B, items[i]);
    *out_n = n;
    return list;
}

/* The grievances: each item's lines (a wrapped item's) joined by a space. */
static void build_grievances(struct builder *B, struct parser *P, struct record *r,
                             const struct slice **parts)
{
    size_t n = P->body.n, ng = 0;
    for (size_t i = 0; i < n; i++) {
        struct body_line *b = &VEC_AT(P->body, struct body_line, i);
        ng += b->role == ROLE_GRIEVANCE && !b->continues;
    }
    if (ng == 0)
        return;
    const char **list = arena_calloc(B->A, ng, sizeof *list);
    if (!list) {
        B->oom = true;
        return;
    }
    size_t g = 0;
    for (size_t i = 0; i < n && g < ng;) {
        struct body_line *b = &VEC_AT(P->body, struct body_line, i);
        if (b->role != ROLE_GRIEVANCE || b->continues) {
            i++;
            continue;
        }
        size_t np = 0;
        parts[np++] = &b->text;
        for (i++; i < n && VEC_AT(P->body, struct body_line, i).continues; i++)
            parts[np++] = &VEC_AT(P->body, struct body_line, i).text;
        list[g++] = join_with(B, parts, np, ' ');
    }
    r->grievances = list;
    r->n_grievances = ng;
}

static void build_text(struct builder *B, struct parser *P, struct record *r)
{
    size_t n = P->body.n, np = 0;
    if (n == 0)
        return;
    const struct slice **all = malloc(n * sizeof *all);
    const struct slice **prayer = malloc(n * sizeof *prayer);
    if (!all || !prayer) {
        B->oom = true;
    } else {
        for (size_t i = 0; i < n; i++) {
            struct body_line *b = &VEC_AT(P->body, struct body_line, i);
            all[i] = &b->text;
            if (b->role == ROLE_PRAYER)
                prayer[np++] = &b->text;
        }
        r->text = join(B, all, n);
        r->prayer = np ? join(B, prayer, np) : NULL;
        build_grievances(B, P, r, prayer);      /* prayer's array reused for the parts */
    }
    free(all);
    free(prayer);
}

static void build_responses(struct builder *B, struct parser *P, struct record *r)
{
    size_t n = P->responses.n;
    if (n == 0)
        return;
    r->responses = arena_calloc(B->A, n, sizeof *r->responses);
    const struct slice **parts = malloc((P->paras.n + 1) * sizeof *parts);
    if (!r->responses || !parts) {
        free(parts);
        B->oom = true;
        return;
    }
    r->n_responses = n;
    size_t next_para = 0;
    for (size_t i = 0; i < n; i++) {
        struct response_build *rb = &VEC_AT(P->responses, struct response_build, i);
        struct record_response *out = &r->responses[i];
        out->responder = copy(B, rb->responder);
        out->signature = copy(B, rb->signature);
        if (out->signature) {
            size_t sn = strlen(out->signature);
            char *name = arena_alloc(B->A, sn + 1);
            if (!name)
                B->oom = true;
            else if (page_signer_name(out->signature, sn, name, sn + 1) > 0)
                out->signed_by = name;
        }
        size_t np = 0;
        while (next_para < P->paras.n && VEC_AT(P->paras, struct para, next_para).resp == i)
            parts[np++] = &VEC_AT(P->paras, struct para, next_para++).text;
        out->text = np ? join(B, parts, np) : NULL;
    }
    free(parts);
}

/* The province table, and the count the page prints (its count line, else
 * the table's total row); without either, record_complete sums the table. */
static void build_signatures(struct builder *B, struct parser *P, struct record *r)
{
    size_t n = P->provinces.n;
    if (n > 0) {
        r->signatures_by_province = arena_calloc(B->A, n, sizeof *r->signatures_by_province);
        if (!r->signatures_by_province) {
            B->oom = true;
            return;
        }
        r->n_signatures_by_province = n;
        for (size_t i = 0; i < n; i++) {
            struct province_row *row = &VEC_AT(P->provinces, struct province_row, i);
            r->signatures_by_province[i].name = row->english ? row->english : copy(B, row->printed);
            r->signatures_by_province[i].count = row->count;
        }
    }
    if (P->count_line >= 0)
        r->signatures = P->count_line;
    else if (P->total_row >= 0)
        r->signatures = P->total_row;
}

static void build_numbers(struct parser *P, struct record *r)
{
    const char *no = r->petition_no;
    if (no && strlen(no) >= 4 && is_digit(no[0]) && is_digit(no[1]) && is_digit(no[2]) && no[3] == '-') {
        r->parliament = (no[0] - '0') * 10 + (no[1] - '0');
        r->session = no[2] - '0';
    } else if (P->parliament_line != NO_NUMBER) {
        r->parliament = P->parliament_line;
        if (P->session_line != NO_NUMBER)
            r->session = P->session_line;
    }
}

static void build_warnings(struct builder *B, struct parser *P, struct record *r)
{
    size_t n = P->warnings.n;
    if (n == 0)
        return;
    r->warnings = arena_calloc(B->A, n, sizeof *r->warnings);
    if (!r->warnings) {
        B->oom = true;
        return;
    }
    r->n_warnings = n;
    for (size_t i = 0; i < n; i++) {
        struct warning_build *w = &VEC_AT(P->warnings, struct warning_build, i);
        r->warnings[i].line = w->line;
        r->warnings[i].text = arena_strdup_clean(B->A, w->text.s, w->text.n, 300);
        if (!r->warnings[i].text)
            B->oom = true;
    }
}

/* The page's address in its language (what snprintf did, without its cost
 * on every page). */
static const char *page_url(struct builder *B, bool fr, const char *id)
{
    static const char en[] = "https://www.ourcommons.ca/petitions/en/Petition/Details?Petition=";
    static const char fr_[] = "https://www.noscommunes.ca/petitions/fr/Petition/Details?Petition=";
    const char *prefix = fr ? fr_ : en;
    size_t n = fr ? sizeof fr_ - 1 : sizeof en - 1, k = strlen(id);
    char url[128];
    if (k > sizeof url - 1 - n)
        k = sizeof url - 1 - n;
    memcpy(url, prefix, n);
    memcpy(url + n, id, k);
    url[n + k] = '\0';
    return copy_str(B, url);
}

static struct record *build(struct parser *P, const char *name)
{
    size_t hint = P->len * 2 + 4096;
    struct record *r = record_new(hint > ((size_t)4 << 20) ? ((size_t)4 << 20) : hint);
    if (!r)
        return NULL;
    struct builder B = { record_arena(r), false };
    bool fr = P->fr > P->en;

    r->id = copy_str(&B, P->id);
    r->kind = P->id[0] == 'e' ? "e-petition" : "paper";
    r->parliament_of = "ca";
    r->lang = fr ? "fr" : "en";
    r->url = page_url(&B, fr, P->id);
    r->topic = copy(&B, P->topic);
    r->original_language = P->original_language ? P->original_language
                                                : copy(&B, P->original_language_printed);
    r->initiator = copy(&B, P->initiator);
    r->initiator_city = copy(&B, P->city);
    r->initiator_province = P->province ? P->province : copy(&B, P->province_printed);
    r->addressee = copy(&B, P->addressee);
    build_text(&B, P, r);
    size_t nk = P->keywords.n;
    r->keywords = copy_list(&B, (const struct slice *)P->keywords.items, nk, &r->n_keywords);
    build_responses(&B, P, r);
    r->opened_at = copy_str(&B, P->opened_at);
    r->closed_at = copy_str(&B, P->closed_at);
    r->opened = copy_str(&B, P->opened);
    r->closed = copy_str(&B, P->closed);
    r->presented = copy_str(&B, P->presented);
    r->response_tabled = copy_str(&B, P->tabled);
    r->petition_no = copy(&B, P->petition_no);
    if (!r->petition_no && r->kind[0] == 'p')
        r->petition_no = r->id;             /* a paper petition's id is its number */
    build_numbers(P, r);
    r->presenter = copy(&B, P->presenter);
    r->presenter_riding = copy(&B, P->presenter_riding);
    r->sponsor = copy(&B, P->sponsor);
    r->sponsor_riding = copy(&B, P->sponsor_riding);
    r->sponsor_caucus = P->caucus ? P->caucus : copy(&B, P->caucus_printed);
    r->sponsor_province = P->sponsor_province;
    r->sessional_paper = copy(&B, P->sessional_paper);
    build_signatures(&B, P, r);
    r->not_certified = P->not_certified;
    r->source = name ? copy_str(&B, name) : NULL;
    build_warnings(&B, P, r);
    if (B.oom || !record_complete(r)) {
        record_free(r);
        return NULL;
    }
    return r;
}

/* ---- the entry points ------------------------------------------------------ */

static void parser_free(struct parser *P)
{
    free(P->body.items);
    free(P->keywords.items);
    free(P->responses.items);
    free(P->paras.items);
    free(P->provinces.items);
    free(P->warnings.items);
}

/* A page cut inside its last character: that character is not there. */
static size_t without_cut_character(const char *text, size_t len)
{
    size_t k = 0;
    while (k < 3 && k < len && ((unsigned char)text[len - 1 - k] & 0xC0) == 0x80)
        k++;                                        /* continuation bytes at the end */
    if (k >= len)
        return len;
    unsigned char lead = (unsigned char)text[len - 1 - k];
    size_t want = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 && lead <= 0xEF ? 3 :
                  lead >= 0xC2 && lead <= 0xDF ? 2 : 0;
    return want > k + 1 ? len - 1 - k : len;
}

static struct record *fail(int *err_line, char *err, size_t errlen, int line, const char *msg)
{
    if (err_line)
        *err_line = line;
    if (err && errlen > 0)
        snprintf(err, errlen, "%s", msg);
    return NULL;
}

/* Does the text hold a combining diacritic (U+0300..U+036F), as text in
 * decomposed form (NFD, copied on macOS: "e" + U+0301) does? */
static bool has_combining_mark(const char *text, size_t len)
{
    for (const char *p = text; p && (p = memchr(p, 0xCC, len - (size_t)(p - text))) != NULL; p++)
        if (p + 1 < text + len && ((unsigned char)p[1] & 0xC0) == 0x80)
            return true;
    for (const char *p = text; p && (p = memchr(p, 0xCD, len - (size_t)(p - text))) != NULL; p++)
        if (p + 1 < text + len && (unsigned char)p[1] >= 0x80 && (unsigned char)p[1] <= 0xAF)
            return true;
    return false;
}

/* The page composed (NFC), so that "Pe\u0301tition" reads and is stored as
 * "Pétition"; NULL when it needs no change or cannot be composed (invalid
 * UTF-8: it is then read as it is). The caller frees it. */
static char *composed_copy(const char *text, size_t len, size_t *out_len)
{
    if (!text || len == 0 || len > (size_t)1 << 30 || !has_combining_mark(text, len))
        return NULL;
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len, &dst,
                                      (utf8proc_option_t)(UTF8PROC_COMPOSE | UTF8PROC_STABLE));
    if (n < 0) {
        free(dst);
        return NULL;
    }
    *out_len = (size_t)n;
    return (char *)dst;
}

/* The place of the first c in text[from..len), or len. */
static size_t next_byte(const char *text, size_t from, size_t len, char c)
{
    if (from >= len)
        return len;                 /* also: no text at all (memchr of NULL is undefined) */
    const char *p = memchr(text + from, c, len - from);
    return p ? (size_t)(p - text) : len;
}

struct record *page_parse(const char *text, size_t len, const char *name,
                               int *err_line, char *err, size_t errlen)
{
    struct parser P;
    memset(&P, 0, sizeof P);
    P.body.size = sizeof(struct body_line);
    P.keywords.size = sizeof(struct slice);
    P.responses.size = sizeof(struct response_build);
    P.paras.size = sizeof(struct para);
    P.provinces.size = sizeof(struct province_row);
    P.warnings.size = sizeof(struct warning_build);
    P.count_line = P.total_row = -1;
    P.parliament_line = P.session_line = NO_NUMBER;
    if (!text)
        len = 0;
    len = without_cut_character(text, len);
    size_t composed_len = 0;
    char *composed = composed_copy(text, len, &composed_len);
    if (composed) {
        text = composed;
        len = composed_len;
    }
    P.text = text;
    P.len = len;

    size_t pos = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;                                    /* a byte-order mark */
    struct line L;
    int no = 0;
    /* The next LF and CR at or after pos, each found once: searching the
     * rest of the text for an LF on every line was quadratic on a text
     * whose lines end in lone CRs. */
    size_t next_lf = next_byte(text, pos, len, '\n'), next_cr = next_byte(text, pos, len, '\r');
    while (pos < len && !P.oom) {
        const char *start = text + pos;
        if (next_lf < pos)
            next_lf = next_byte(text, pos, len, '\n');
        if (next_cr < pos)
            next_cr = next_byte(text, pos, len, '\r');
        size_t end = next_lf < next_cr ? next_lf : next_cr;   /* a line may end at a lone CR */
        size_t line_len = end - pos, step = line_len;
        if (end < len)
            step += (text[end] == '\r' && end + 1 < len && text[end + 1] == '\n') ? 2 : 1;
        P.next = pos + step;
        line_read(&L, ++no, start, line_len);
        read_line(&P, &L);
        pos += step;
    }
    settle_body(&P);

    struct record *rec = NULL;
    if (P.oom)
        fail(err_line, err, errlen, 0, "out of memory");
    else if (P.title_line == 0)
        fail(err_line, err, errlen, 0, "not a petition page: no title line (ID (Topic))");
    else if (P.landmarks == 0)
        fail(err_line, err, errlen, P.title_line, "not a petition page: a title line but no other landmark");
    else if (!(rec = build(&P, name)))
        fail(err_line, err, errlen, 0, "out of memory");
    parser_free(&P);
    free(composed);
    if (rec && err_line)
        *err_line = 0;
    if (rec && err && errlen > 0)
        err[0] = '\0';
    return rec;
}

