/* test_text.c — the text core: normalize, fold, words, stopwords, stems,
 * language, similarity, near-duplicates, sentences, wrap, kwic. Expected
 * values are worked out by hand; "\xff\xfe" and the like are invalid UTF-8. */
#include <stdlib.h>

#include "check.h"
#include "text.h"

#define FFFD "\xef\xbf\xbd"

static char got[4096];

/* The list joined by "|", in got. */
static const char *joined(const struct text_list *l)
{
    size_t at = 0;
    got[0] = '\0';
    for (size_t i = 0; i < l->n && at + 2 < sizeof got; i++) {
        size_t n;
        const char *w = text_list_item(l, i, &n);
        at += (size_t)snprintf(got + at, sizeof got - at, "%s%.*s", i ? "|" : "", (int)n, w);
    }
    return got;
}

static const char *buf_str(const struct text_buf *b)
{
    snprintf(got, sizeof got, "%.*s", (int)b->len, b->data ? b->data : "");
    return got;
}

static const char *norm(const char *s)
{
    struct text_buf b = {0};
    CHECK(text_normalize(s, strlen(s), &b) == 0);
    buf_str(&b);
    text_buf_free(&b);
    return got;
}

static const char *fold(const char *s)
{
    struct text_buf b = {0};
    CHECK(text_fold(s, strlen(s), &b) == 0);
    buf_str(&b);
    text_buf_free(&b);
    return got;
}

static const char *words_of(const char *s, enum text_lang lang, bool stop, bool stem, bool fold_)
{
    struct text_words_opts o = {lang, stop, stem, fold_};
    struct text_list l = {0};
    CHECK(text_words(s, strlen(s), &o, &l) == 0);
    joined(&l);
    text_list_free(&l);
    return got;
}

static const char *words(const char *s)
{
    return words_of(s, TEXT_LANG_AUTO, false, false, false);
}

static void test_normalize_fold(void)
{
    CHECK_STR(norm("QUÉBEC"), "québec");
    CHECK_STR(norm("QUE\xcc\x81" "BEC"), "québec");           /* E + U+0301 composed */
    CHECK_STR(norm("e\xcc\x81t\xc3\xa9"), "été");              /* decomposed and composed */
    CHECK_STR(norm("Straße ŒUVRE ﬁn"), "straße œuvre ﬁn");    /* lower case only */
    CHECK_STR(norm("l’eau"), "l’eau");
    CHECK_STR(norm(""), "");
    CHECK_STR(norm("A\xff\xfe" "B"), "a" FFFD FFFD "b");
    CHECK_STR(norm("\xc3"), FFFD);                             /* truncated */
    CHECK_STR(norm("\xed\xa0\x80"), FFFD FFFD FFFD);           /* an encoded surrogate */
    CHECK_STR(norm("\xc0\xaf"), FFFD FFFD);                    /* overlong "/" */

    CHECK_STR(fold("QUÉBEC"), "quebec");
    CHECK_STR(fold("QUE\xcc\x81" "BEC"), "quebec");
    CHECK_STR(fold("œuvre"), "oeuvre");
    CHECK_STR(fold("Æ"), "ae");
    CHECK_STR(fold("ŒUVRE Øresund Łódź"), "oeuvre oresund lodz");
    CHECK_STR(fold("Straße"), "strasse");
    CHECK_STR(fold("ﬁn"), "fin");
    CHECK_STR(fold("l’eau"), "l'eau");
    CHECK_STR(fold("Ça coûte 1\xc2\xa0" "204 $"), "ca coute 1 204 $");  /* NBSP -> space */
    CHECK_STR(fold(""), "");
    CHECK_STR(fold("É\xff"), "e" FFFD);
}

static void test_words(void)
{
    CHECK_STR(words("Single-use plastics, 5G networks"), "single-use|plastics|5g|networks");
    CHECK_STR(words("1,204 signatures; 1\xc2\xa0" "204 et 1\xe2\x80\xaf" "204\xe2\x80\xaf" "567"),
              "1204|signatures|1204|et|1204567");
    CHECK_STR(words("3,5 km and 1234,567 and 12,34 and 1,2345"), "3|5|km|and|1234|567|and|12|34|and|1|2345");
    CHECK_STR(words("3.5 percent"), "3|5|percent");
    CHECK_STR(words("in 2019 150 people"), "in|2019|150|people");   /* a plain space joins nothing */
    CHECK_STR(words("L'eau d’été qu'il jusqu’à"), "l'|eau|d'|été|qu'|il|jusqu'|à");
    CHECK_STR(words("L’Ontario s'engage n’est c'est"), "l'|ontario|s'|engage|n'|est|c'|est");
    CHECK_STR(words("aujourd'hui presqu’île quelqu'un"), "aujourd'hui|presqu'île|quelqu'un");
    CHECK_STR(words("Canada's program, Canada’s citizens' 'quoted'"),
              "canada|program|canada|citizens|quoted");
    CHECK_STR(words("don’t it's can't"), "don't|it|can't");
    CHECK_STR(words("word-- -x y- pre- and post-war"), "word|x|y|pre|and|post-war");
    CHECK_STR(words("e\xcc\x81te\xcc\x81 ÉTÉ"), "été|été");
    CHECK_STR(words("non\xe2\x80\x91stop co\xe2\x80\x90op"), "non-stop|co-op");  /* U+2011, U+2010 */
    CHECK_STR(words(""), "");
    CHECK_STR(words("  ,;: -- ... "), "");
    CHECK_STR(words("caf\xff\xfe" "e abc\xc3"), "caf|e|abc");
    CHECK_STR(words("l'\xff" "eau"), "l|eau");  /* no letter after the apostrophe */

    CHECK_STR(words_of("The Government of Canada's response to the petition", TEXT_LANG_EN, true, false, false),
              "government|canada|response|petition");
    CHECK_STR(words_of("Le gouvernement du Canada répond à la pétition de l'école", TEXT_LANG_FR, true, false, false),
              "gouvernement|canada|répond|pétition|école");
    /* lang detected (French), its stopwords dropped */
    CHECK_STR(words_of("Le gouvernement du Canada répond à la pétition de l'école", TEXT_LANG_AUTO, true, false, false),
              "gouvernement|canada|répond|pétition|école");
    /* too short to detect: both lists */
    CHECK_STR(words_of("the eau de", TEXT_LANG_AUTO, true, false, false), "eau");
    /* elisions are stopwords even in English */
    CHECK_STR(words_of("l'eau the water", TEXT_LANG_EN, true, false, false), "eau|water");
    CHECK_STR(words_of("Governments responded to petitions", TEXT_LANG_EN, false, true, false),
              "govern|respond|to|petit");
    CHECK_STR(words_of("Les pétitions des citoyennes", TEXT_LANG_FR, true, true, false), "pétit|citoyen");
    CHECK_STR(words_of("Les pétitions des citoyennes", TEXT_LANG_FR, true, true, true), "petit|citoyen");
    CHECK_STR(words_of("L’été à Québec", TEXT_LANG_FR, false, false, true), "l'|ete|a|quebec");
    CHECK_STR(words_of("eau été", TEXT_LANG_BOTH, false, true, false), "eau|été");  /* unknown: no stems */
}

static void test_stopwords(void)
{
    enum text_lang langs[] = {TEXT_LANG_EN, TEXT_LANG_FR};
    for (size_t k = 0; k < 2; k++) {
        size_t n;
        const char *const *list = text_stopword_list(langs[k], &n);
        CHECK(n >= 250);
        int sorted = 1, normalized = 1;
        for (size_t i = 0; i < n; i++) {
            if (i > 0 && strcmp(list[i - 1], list[i]) >= 0)
                sorted = 0;
            struct text_buf b = {0};
            text_normalize(list[i], strlen(list[i]), &b);
            if (b.len != strlen(list[i]) || memcmp(b.data, list[i], b.len))
                normalized = 0;
            text_buf_free(&b);
        }
        CHECK(sorted);
        CHECK(normalized);
    }
    CHECK(text_is_stopword("the", 3, TEXT_LANG_EN));
    CHECK(!text_is_stopword("the", 3, TEXT_LANG_FR));
    CHECK(text_is_stopword("the", 3, TEXT_LANG_BOTH));
    CHECK(text_is_stopword("été", strlen("été"), TEXT_LANG_FR));
    CHECK(text_is_stopword("l'", 2, TEXT_LANG_FR));
    CHECK(text_is_stopword("qu'", 3, TEXT_LANG_FR));
    CHECK(text_is_stopword("don't", 5, TEXT_LANG_EN));
    CHECK(!text_is_stopword("government", 10, TEXT_LANG_BOTH));
    CHECK(!text_is_stopword("th", 2, TEXT_LANG_EN));
    CHECK(!text_is_stopword("", 0, TEXT_LANG_BOTH));
    CHECK(text_lang_from_name("en", 2) == TEXT_LANG_EN);
    CHECK(text_lang_from_name("fr", 2) == TEXT_LANG_FR);
    CHECK(text_lang_from_name("de", 2) == TEXT_LANG_AUTO);
    CHECK(text_lang_from_name("e", 1) == TEXT_LANG_AUTO);
}

static const char *stem(const char *w, enum text_lang lang)
{
    struct text_buf b = {0};
    CHECK(text_stem(w, strlen(w), lang, &b) == 0);
    buf_str(&b);
    text_buf_free(&b);
    return got;
}

static void test_stem_detect(void)
{
    CHECK_STR(stem("running", TEXT_LANG_EN), "run");
    CHECK_STR(stem("Petitions", TEXT_LANG_EN), "petit");
    CHECK_STR(stem("governments", TEXT_LANG_EN), "govern");
    CHECK_STR(stem("continuellement", TEXT_LANG_FR), "continuel");
    CHECK_STR(stem("PÉTITIONS", TEXT_LANG_FR), "pétit");
    CHECK_STR(stem("pe\xcc\x81titions", TEXT_LANG_FR), "pétit");
    CHECK_STR(stem("", TEXT_LANG_EN), "");
    struct text_buf b = {0};
    CHECK(text_stem("x", 1, TEXT_LANG_AUTO, &b) == -1);
    text_buf_free(&b);

    const char *en = "The government should respond to the petition before the end of the year.";
    const char *fr = "Le gouvernement doit répondre à la pétition avant la fin de l'année.";
    const char *mixed = "The government and the petition; le gouvernement et la pétition.";
    CHECK(text_detect_lang(en, strlen(en)) == TEXT_LANG_EN);
    CHECK(text_detect_lang(fr, strlen(fr)) == TEXT_LANG_FR);
    CHECK(text_detect_lang(mixed, strlen(mixed)) == TEXT_LANG_AUTO);
    CHECK(text_detect_lang("the of", 6) == TEXT_LANG_AUTO);       /* two hits: too few */
    CHECK(text_detect_lang("the of and", 10) == TEXT_LANG_EN);
    CHECK(text_detect_lang("l'eau d'été", strlen("l'eau d'été")) == TEXT_LANG_FR);  /* l' d' été */
    CHECK(text_detect_lang("", 0) == TEXT_LANG_AUTO);
    CHECK(text_detect_lang("\xff\xfe\xfd", 3) == TEXT_LANG_AUTO);
    CHECK(text_detect_lang("a on me", 7) == TEXT_LANG_AUTO);  /* in both lists: not counted */
}

static double sim(const char *a, const char *b)
{
    return text_similarity(a, strlen(a), b, strlen(b));
}

static void test_similarity(void)
{
    uint64_t a[] = {1, 2, 3}, b[] = {2, 3, 4};
    CHECK(text_jaccard(a, 3, b, 3) == 0.5);
    CHECK(text_jaccard(a, 3, a, 3) == 1.0);
    CHECK(text_jaccard(a, 0, b, 0) == 0.0);
    CHECK(text_jaccard(a, 1, b, 3) == 0.0);
    /* shingles {the quick brown, quick brown fox, brown fox jumps|sleeps}: 2 of 4 */
    CHECK(sim("the quick brown fox jumps", "the quick brown fox sleeps") == 0.5);
    CHECK(sim("The QUICK brown fox!", "the quick, brown fox") == 1.0);
    CHECK(sim("Québec est belle", "QUEBEC EST BELLE") == 1.0);           /* folded */
    CHECK(sim("Que\xcc\x81" "bec est belle", "Québec est belle") == 1.0);
    CHECK(sim("a b c", "c b a") == 0.0);                                  /* order matters */
    CHECK(sim("hello world", "world peace") == 1.0 / 3);                  /* word sets */
    CHECK(sim("hello world", "hello big world") == 2.0 / 3);             /* one under three words */
    CHECK(sim("", "") == 0.0);
    CHECK(sim("", "a b c") == 0.0);
    CHECK(sim("\xff\xfe", "\xff") == 0.0);
    CHECK(sim("a b c d", "a b c d") == 1.0);
    /* 4 shingles each (a b c, b c d, c d e, d e f|g): 3 shared of 5 */
    CHECK(sim("a b c d e f", "a b c d e g") == 3.0 / 5);

    uint64_t *set;
    size_t n, w;
    CHECK(text_shingles("one two three one two three", 27, &set, &n, &w) == 0);
    CHECK_INT(w, 6);
    CHECK_INT(n, 3);  /* one two three, two three one, three one two */
    free(set);
    CHECK(text_shingles("", 0, &set, &n, &w) == 0);
    CHECK(set == NULL && n == 0 && w == 0);
    CHECK(text_shingles("yes yes", 7, &set, &n, &w) == 0);
    CHECK(n == 1 && w == 2);
    free(set);
}

/* The groups as "0,2 1,3" (indices joined by ",", groups by " "), in got. */
static const char *groups_str(const struct text_groups *g)
{
    size_t at = 0, room = sizeof got - 16;
    got[0] = '\0';
    for (size_t k = 0; k < g->n && at < room; k++) {
        at += (size_t)snprintf(got + at, sizeof got - at, "%s", k ? " " : "");
        for (size_t m = g->start[k]; m < g->start[k + 1] && at < room; m++)
            at += (size_t)snprintf(got + at, sizeof got - at, "%s%zu", m > g->start[k] ? "," : "",
                                   g->index[m]);
    }
    return got;
}

static const char *groups(const char *const *texts, size_t n, double threshold)
{
    struct text_str t[16];
    for (size_t i = 0; i < n; i++) {
        t[i].s = texts[i];
        t[i].len = strlen(texts[i]);
    }
    struct text_groups g = {0};
    if (text_near_duplicates(t, n, threshold, &g) != 0) {
        snprintf(got, sizeof got, "error");
        return got;
    }
    groups_str(&g);
    text_groups_free(&g);
    return got;
}

static bool stop_now(void *arg)
{
    (void)arg;
    return true;
}

static bool count_calls(void *arg)
{
    ++*(size_t *)arg;
    return false;
}

/* Texts like government responses: sentences from a small bank, a third of
 * them copies of an earlier text with a word or two changed. Deterministic. */
#define TEMPLATED 300
static char templated_buf[TEMPLATED][512];
static struct text_str templated[TEMPLATED];

static void make_templated(void)
{
    static const char *const bank[] = {
        "The Government of Canada thanks the petitioners for raising this matter.",
        "Officials work closely with provinces and territories on these programs.",
        "Budget 2021 proposed new funding over five years for this work.",
        "The department consulted experts and the public before setting priorities.",
        "Further details are available in the annual report on plans and priorities.",
        "Legislation in this area was amended after a review by a committee.",
        "Funding is allocated through open calls for proposals every year.",
        "The Government does not comment on matters before the courts.",
    };
    unsigned long long r = 12345;
    for (size_t i = 0; i < TEMPLATED; i++) {
        char *b = templated_buf[i];
        r = r * 6364136223846793005ULL + 1442695040888963407ULL;
        if (i > 0 && (r >> 33) % 3 == 0) {       /* a copy of an earlier text, one word changed */
            size_t from = (size_t)((r >> 20) % i);
            snprintf(b, sizeof templated_buf[i], "%s", templated_buf[from]);
            char *space = strchr(b + (r >> 40) % 40, ' ');
            if (space)
                space[1] = 'Z';
        } else {
            size_t at = 0;
            for (int k = 0; k < 4; k++) {
                r = r * 6364136223846793005ULL + 1442695040888963407ULL;
                at += (size_t)snprintf(b + at, sizeof templated_buf[i] - at, "%s%s", k ? " " : "",
                                       bank[(r >> 33) % 8]);
            }
        }
        templated[i] = (struct text_str){b, strlen(b)};
    }
}

/* The leader rule by brute force: each text against every representative so
 * far, in order. */
static const char *leader_groups(const struct text_str *t, size_t n, double threshold)
{
    static size_t group_of[TEMPLATED], reps[TEMPLATED], count[TEMPLATED];
    size_t n_reps = 0, at = 0, shown = 0, room = sizeof got - 16;
    for (size_t i = 0; i < n; i++) {
        size_t g = 0;
        while (g < n_reps && text_similarity(t[i].s, t[i].len, t[reps[g]].s, t[reps[g]].len) < threshold)
            g++;
        if (g == n_reps) {
            reps[n_reps] = i;
            count[n_reps++] = 0;
        }
        group_of[i] = g;
        count[g]++;
    }
    got[0] = '\0';
    for (size_t g = 0; g < n_reps; g++) {
        if (count[g] < 2)
            continue;
        at += (size_t)snprintf(got + at, sizeof got - at, "%s", shown++ ? " " : "");
        for (size_t i = 0, m = 0; i < n && at < room; i++)
            if (group_of[i] == g)
                at += (size_t)snprintf(got + at, sizeof got - at, "%s%zu", m++ ? "," : "", i);
    }
    return got;
}

static void test_near_duplicates(void)
{
    const char *t1[] = {"a b c d e f", "x y z", "A, b, c, d, e, f!", "a b c d e g", ""};
    CHECK_STR(groups(t1, 5, 0.5), "0,2,3");   /* 0-3: 3 of 5 shingles */
    CHECK_STR(groups(t1, 5, 0.7), "0,2");
    CHECK_STR(groups(t1, 5, 1.0), "0,2");
    CHECK_STR(groups(t1, 0, 0.5), "");
    const char *t2[] = {"", "", "\xff", "no words here at all", "yes", "Yes!", "no", "YES"};
    CHECK_STR(groups(t2, 8, 0.9), "4,5,7");   /* empty texts never group */
    /* no chains: 0-2 and 2-3 reach 0.5 (3 of 5 shingles), 0-3 does not (2 of
     * 6); 2 joins 0, so 3 meets only 0, and founds a group of its own */
    const char *t3[] = {"p q r s t u", "x x x x", "p q r s t v", "w q r s t v"};
    CHECK_STR(groups(t3, 4, 0.5), "0,2");
    CHECK(sim("p q r s t u", "w q r s t v") < 0.5);
    CHECK(sim("p q r s t v", "w q r s t v") >= 0.5);
    /* short texts against longer ones by word sets: {yes, sir} vs {yes, sir, indeed} = 2/3 */
    const char *t4[] = {"yes sir", "yes sir indeed", "yes sir indeed indeed"};
    CHECK_STR(groups(t4, 3, 0.6), "0,1,2");
    CHECK_STR(groups(t4, 3, 0.7), "");         /* 0-1, 0-2: 2/3; 1-2: 1 of 2 shingles */
    CHECK(sim("yes sir indeed", "yes sir indeed indeed") == 0.5);
    CHECK(sim("yes sir", "yes sir indeed indeed") == 2.0 / 3);
    /* a text that could join two groups joins the one founded first: 2 is
     * 5/12 similar to 0 and 6/11 to 1 (0-1: 4/12); 3 has 1's shingles */
    const char *t5[] = {"a b c d e f g h i j", "a b c d e f x y z w", "a b c d e f g x y z w",
                        "A B C D E F X Y Z W"};
    CHECK_STR(groups(t5, 4, 0.4), "0,2 1,3");
    CHECK(sim(t5[2], t5[0]) == 5.0 / 12 && sim(t5[2], t5[1]) == 6.0 / 11);

    /* The similarity of each member to its representative, exactly. */
    struct text_str t[4];
    for (size_t i = 0; i < 4; i++)
        t[i] = (struct text_str){t5[i], strlen(t5[i])};
    struct text_groups g = {0};
    CHECK(text_near_duplicates(t, 4, 0.4, &g) == 0 && g.n == 2);
    CHECK(g.similarity[0] == 1 && g.similarity[1] == 5.0 / 12);
    CHECK(g.similarity[2] == 1 && g.similarity[3] == 1);
    text_groups_free(&g);
    CHECK(g.index == NULL && g.similarity == NULL && g.n == 0);

    /* Template-like texts: the groups of the leader rule computed by brute
     * force, every member at the threshold with its representative. */
    make_templated();
    static const double thresholds[] = {0.3, 0.6, 0.9};
    for (size_t th = 0; th < 3; th++) {
        double threshold = thresholds[th];
        CHECK(text_near_duplicates(templated, TEMPLATED, threshold, &g) == 0);
        char want[sizeof got];
        snprintf(want, sizeof want, "%s", leader_groups(templated, TEMPLATED, threshold));
        CHECK_STR(groups_str(&g), want);
        CHECK(g.n >= 5);
        bool exact = true;
        for (size_t k = 0; k < g.n; k++) {
            const struct text_str *rep = &templated[g.index[g.start[k]]];
            for (size_t m = g.start[k]; m < g.start[k + 1]; m++) {
                const struct text_str *x = &templated[g.index[m]];
                double s = text_similarity(rep->s, rep->len, x->s, x->len);
                exact = exact && s == g.similarity[m] && s >= threshold;
            }
        }
        CHECK(exact);
        text_groups_free(&g);
    }

    struct text_str same[2] = {{"a b c", 5}, {"a b c", 5}};
    CHECK(text_near_duplicates(same, 2, 0, &g) == -1);
    CHECK(text_near_duplicates(same, 2, 1.5, &g) == -1);
    /* Asked to stop: -2 and nothing kept; asked and let go on: as without. */
    struct text_cancel cancel = {stop_now, NULL};
    CHECK(text_near_duplicates_cancel(templated, TEMPLATED, 0.5, &cancel, &g) == -2);
    CHECK(g.n == 0 && g.index == NULL);
    size_t calls = 0;
    struct text_cancel counting = {count_calls, &calls};
    CHECK(text_near_duplicates_cancel(templated, TEMPLATED, 0.5, &counting, &g) == 0);
    char with_cancel[sizeof got];
    snprintf(with_cancel, sizeof with_cancel, "%s", groups_str(&g));
    text_groups_free(&g);
    CHECK(calls > 0);
    CHECK(text_near_duplicates(templated, TEMPLATED, 0.5, &g) == 0);
    CHECK_STR(groups_str(&g), with_cancel);
    text_groups_free(&g);
}

/* text_is_stop judges the words text_words gives without stop as
 * text_words with stop does: the same words are left, in both languages,
 * elisions, one-letter words and possessives included. */
static void test_is_stop(void)
{
    static const char *const texts[] = {
        "L’eau d’une rivière : qu’il soit propre, jusqu’à l’été. Les enfants (s) de C. Dupont.",
        "The member(s) of Canada's House, e.g. Mr. A. Smith, don't agree: a 5g plan, 1,204 votes.",
        "Il y a « des » gens, à Montréal, qui l’ont dit ; l’œuvre, J’ai vu m’a t’il dit.",
    };
    static const enum text_lang langs[] = {TEXT_LANG_EN, TEXT_LANG_FR, TEXT_LANG_BOTH};
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        for (size_t k = 0; k < 3; k++) {
            struct text_words_opts stop = {langs[k], true, false, false};
            struct text_words_opts all = {langs[k], false, false, false};
            struct text_list with = {0}, without = {0};
            CHECK(text_words(texts[t], strlen(texts[t]), &stop, &with) == 0);
            CHECK(text_words(texts[t], strlen(texts[t]), &all, &without) == 0);
            char want[sizeof got];
            snprintf(want, sizeof want, "%s", joined(&with));
            size_t at = 0;
            char filtered[sizeof got] = "";
            for (size_t i = 0; i < without.n; i++) {
                size_t n;
                const char *w = text_list_item(&without, i, &n);
                if (!text_is_stop(w, n, langs[k]))
                    at += (size_t)snprintf(filtered + at, sizeof filtered - at, "%s%.*s",
                                           at ? "|" : "", (int)n, w);
            }
            CHECK_STR(filtered, want);
            CHECK(without.n > with.n);
            text_list_free(&with);
            text_list_free(&without);
        }
    }
    CHECK(text_is_stop("l'", 2, TEXT_LANG_EN));           /* an elision, whatever the language */
    CHECK(text_is_stop("s", 1, TEXT_LANG_FR));
    CHECK(!text_is_stop("5", 1, TEXT_LANG_EN));           /* a digit is no letter */
    CHECK(text_is_stop("été", strlen("été"), TEXT_LANG_FR));
    CHECK(!text_is_stop("été", strlen("été"), TEXT_LANG_EN));
    CHECK(!text_is_stop("", 0, TEXT_LANG_EN));
}

/* text_words_cancel: asked to stop inside one long text, it stops there;
 * let go on, it gives what text_words gives. */
static void test_words_cancel(void)
{
    enum { REPEATS = 200000 };
    static const char unit[] = "The water of Québec, ";
    size_t n = REPEATS * (sizeof unit - 1);
    char *big = malloc(n);
    CHECK(big != NULL);
    if (!big)
        return;
    for (size_t i = 0; i < REPEATS; i++)
        memcpy(big + i * (sizeof unit - 1), unit, sizeof unit - 1);
    struct text_words_opts o = {TEXT_LANG_AUTO, true, false, false};
    struct text_list l = {0};
    struct text_cancel cancel = {stop_now, NULL};
    CHECK(text_words_cancel(big, n, &o, &cancel, &l) == -2);
    CHECK(l.n < 2 * REPEATS);                           /* stopped before the end */
    text_list_free(&l);
    o.lang = TEXT_LANG_EN;                              /* stops after detection too */
    CHECK(text_words_cancel(big, n, &o, &cancel, &l) == -2);
    CHECK(l.n < 2 * REPEATS);
    text_list_free(&l);
    size_t calls = 0;
    struct text_cancel counting = {count_calls, &calls};
    CHECK(text_words_cancel(big, n, &o, &counting, &l) == 0);
    CHECK(calls > 0);
    CHECK_INT(l.n, 2 * REPEATS);                        /* "water", "québec" each time */
    struct text_list plain = {0};
    CHECK(text_words(big, n, &o, &plain) == 0);
    CHECK(plain.n == l.n && plain.bytes.len == l.bytes.len &&
          !memcmp(plain.bytes.data, l.bytes.data, l.bytes.len));
    text_list_free(&plain);
    text_list_free(&l);
    free(big);
}

static const char *sentences(const char *s)
{
    struct text_list l = {0};
    CHECK(text_sentences(s, strlen(s), &l) == 0);
    joined(&l);
    text_list_free(&l);
    return got;
}

static void test_sentences(void)
{
    CHECK_STR(sentences("Mr. Smith went to Ottawa. He said \"no!\" Then he left..."),
              "Mr. Smith went to Ottawa.|He said \"no!\"|Then he left...");
    CHECK_STR(sentences("« Oui ! » dit-il. C’est fini ! Voilà."), "« Oui ! » dit-il.|C’est fini !|Voilà.");
    CHECK_STR(sentences("Is it?  Yes.\n\nA heading\n\nLast,\nline one\tand two"),
              "Is it?|Yes.|A heading|Last, line one and two");
    CHECK_STR(sentences("See e.g. this. 3.5 is a number. See No. 5 here. J. Smith came."),
              "See e.g. this.|3.5 is a number.|See No. 5 here.|J. Smith came.");
    CHECK_STR(sentences("The answer is no. Then we left."), "The answer is no.|Then we left.");
    CHECK_STR(sentences("Mme. Tremblay a parlé. Elle (la ministre) a répondu.) Fin"),
              "Mme. Tremblay a parlé.|Elle (la ministre) a répondu.)|Fin");
    CHECK_STR(sentences("Wait… what? Really?! Yes"), "Wait… what?|Really?!|Yes");
    CHECK_STR(sentences("www.example.ca is down"), "www.example.ca is down");
    CHECK_STR(sentences(""), "");
    CHECK_STR(sentences(" \n\n \t"), "");
    CHECK_STR(sentences("Bad \xff byte. Next"), "Bad " FFFD " byte.|Next");
}

static const char *wrap(const char *s, size_t width)
{
    struct text_buf b = {0};
    CHECK(text_wrap(s, strlen(s), width, &b) == 0);
    buf_str(&b);
    text_buf_free(&b);
    return got;
}

static void test_wrap(void)
{
    CHECK_STR(wrap("The quick brown fox jumps over the lazy dog.", 10),
              "The quick\nbrown fox\njumps over\nthe lazy\ndog.");
    CHECK_STR(wrap("one\ntwo  three\n\n\nfour", 80), "one two three\n\nfour");
    CHECK_STR(wrap("été à Québec", 6), "été à\nQuébec");          /* widths in characters */
    CHECK_STR(wrap("e\xcc\x81te\xcc\x81 a", 5), "e\xcc\x81te\xcc\x81 a");  /* marks take no width */
    CHECK_STR(wrap("abcdefghij", 4), "abcd\nefgh\nij");
    CHECK_STR(wrap("ab abcdefgh", 4), "ab\nabcd\nefgh");
    CHECK_STR(wrap("日本語 ok", 4), "日本\n語\nok");          /* wide characters take 2 */
    CHECK_STR(wrap("日本", 1), "日\n本");                     /* wider than width: alone */
    CHECK_STR(wrap("1\xc2\xa0" "204 $", 5), "1\xc2\xa0" "204\n$");  /* NBSP does not break */
    CHECK_STR(wrap("", 10), "");
    CHECK_STR(wrap("  \n ", 10), "");
    CHECK_STR(wrap("a\xff" "b c", 3), "a" FFFD "b\nc");
}

static const char *kwic(const char *text, const char *query, size_t width)
{
    struct text_list l = {0};
    CHECK(text_kwic(text, strlen(text), query, strlen(query), width, &l) == 0);
    joined(&l);
    text_list_free(&l);
    return got;
}

static void test_kwic(void)
{
    const char *t = "L’eau du Québec est propre.\nQUEBEC water is clean; the eau of quebec.";
    CHECK_STR(kwic(t, "quebec", 10), " L’eau du Québec est propr|t propre. QUEBEC water is |he eau of quebec.");
    CHECK_STR(kwic(t, "Eau", 4), "  L’eau du |the eau of ");
    CHECK_STR(kwic(t, "l'eau", 3), "   L’eau du");  /* padded to width */
    CHECK_STR(kwic(t, "water is", 0), "water is");
    CHECK_STR(kwic(t, "quebe", 5), "");
    CHECK_STR(kwic(t, "", 5), "");
    CHECK_STR(kwic(t, " ,", 5), "");
    CHECK_STR(kwic("", "x", 5), "");
    CHECK_STR(kwic("Canada's plan", "canada", 6), "      Canada's pla");
    CHECK_STR(kwic("a\xff" "b x \xfe", "x", 3), FFFD "b x " FFFD);
    CHECK_STR(kwic("x\n\n\ty", "y", 3), " x y");
}

int main(void)
{
    test_normalize_fold();
    test_words();
    test_stopwords();
    test_stem_detect();
    test_similarity();
    test_near_duplicates();
    test_words_cancel();
    test_is_stop();
    test_sentences();
    test_wrap();
    test_kwic();
    return check_done();
}
