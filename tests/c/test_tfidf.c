/* test_tfidf.c — the tf-idf core: documents of words and of texts, the
 * scores (worked out by hand from tfidf.h's formula), ties, numbers, max_df,
 * top, and stopping when asked. */
#include <math.h>
#include <stdbool.h>

#include "check.h"
#include "tfidf.h"

static char got[4096];

/* Document d's terms as "word word ...", in got. */
static const char *terms_of(const struct tfidf_result *r, size_t d)
{
    size_t at = 0;
    got[0] = '\0';
    for (size_t k = r->start[d]; k < r->start[d + 1] && at + 2 < sizeof got; k++) {
        size_t n;
        const char *w = text_list_item(&r->terms, k, &n);
        at += (size_t)snprintf(got + at, sizeof got - at, "%s%.*s", k > r->start[d] ? " " : "", (int)n, w);
    }
    return got;
}

static struct tfidf_part word(const char *w)
{
    return (struct tfidf_part){.s = w, .len = strlen(w)};
}

static struct tfidf_part text(const char *s, enum text_lang lang)
{
    return (struct tfidf_part){.s = s, .len = strlen(s), .text = true, .lang = lang};
}

static bool near(double a, double b)
{
    return fabs(a - b) < 1e-12;
}

static void test_words(void)
{
    /* N = 2; df: a 1, b 2, c 1; idf = ln((1 + N) / (1 + df)) + 1 */
    struct tfidf_part parts[] = {word("a"), word("b"), word("a"), word("b"), word("c")};
    size_t start[] = {0, 3, 5};
    struct tfidf_opts o = {.top = 10, .numbers = true, .max_df = 1};
    struct tfidf_result r = {0};
    CHECK(tfidf(parts, start, 2, &o, NULL, &r) == 0);
    CHECK_INT(r.docs, 2);
    CHECK_STR(terms_of(&r, 0), "a b");
    CHECK_STR(terms_of(&r, 1), "c b");
    double idf1 = log(3.0 / 2.0) + 1;
    CHECK(near(r.scores[0], 2.0 / 3.0 * idf1));
    CHECK(near(r.scores[1], 1.0 / 3.0));
    CHECK(near(r.scores[2], 0.5 * idf1));
    CHECK(near(r.scores[3], 0.5));
    tfidf_result_free(&r);

    o.top = 1;
    CHECK(tfidf(parts, start, 2, &o, NULL, &r) == 0);
    CHECK_STR(terms_of(&r, 0), "a");
    CHECK_STR(terms_of(&r, 1), "c");
    tfidf_result_free(&r);

    /* equal scores: first seen first; an empty document has no terms */
    struct tfidf_part ties[] = {word("w"), word("v"), word("u"), word("v")};
    size_t tie_start[] = {0, 4, 4};
    o.top = 10;
    CHECK(tfidf(ties, tie_start, 2, &o, NULL, &r) == 0);
    CHECK_STR(terms_of(&r, 0), "v w u");
    CHECK_STR(terms_of(&r, 1), "");
    tfidf_result_free(&r);

    size_t none[] = {0};
    CHECK(tfidf(NULL, none, 0, &o, NULL, &r) == 0);
    CHECK_INT(r.docs, 0);
    CHECK_INT(r.terms.n, 0);
    tfidf_result_free(&r);
}

static void test_texts(void)
{
    /* a text's words as text_words with stop: stopwords and one-letter words
     * out, in the text's language; no language: detected */
    struct tfidf_part parts[] = {
        text("The water of the 12 lakes, the water.", TEXT_LANG_EN),
        word("lakes"),
        text("L’eau des lacs et l’eau des 12 rivières.", TEXT_LANG_FR),
        text("Les eaux du lac : l’eau, le lac, la rivière.", TEXT_LANG_AUTO),
    };
    size_t start[] = {0, 2, 4};
    struct tfidf_opts o = {.top = 10, .numbers = true, .max_df = 1};
    struct tfidf_result r = {0};
    CHECK(tfidf(parts, start, 2, &o, NULL, &r) == 0);
    CHECK_STR(terms_of(&r, 0), "water lakes 12");   /* water 2, lakes 2: a tie, water seen first */
    CHECK_STR(terms_of(&r, 1), "eau lac lacs rivières eaux rivière 12");
    tfidf_result_free(&r);

    o.numbers = false;                                /* "12" out, and out of tf */
    CHECK(tfidf(parts, start, 2, &o, NULL, &r) == 0);
    CHECK_STR(terms_of(&r, 0), "water lakes");
    CHECK(near(r.scores[0], 0.5 * (log(3.0 / 2.0) + 1)));
    tfidf_result_free(&r);
}

static void test_max_df(void)
{
    /* x in 3 documents of 4, a in 2, the others in 1 */
    struct tfidf_part parts[] = {word("x"), word("a"), word("a"), word("x"), word("b"),
                                 word("x"), word("c"), word("a"), word("d")};
    size_t start[] = {0, 3, 5, 8, 9};
    struct tfidf_opts o = {.top = 10, .numbers = true, .max_df = 0.5};
    struct tfidf_result r = {0};
    CHECK(tfidf(parts, start, 4, &o, NULL, &r) == 0);
    CHECK_STR(terms_of(&r, 0), "a");
    CHECK(near(r.scores[0], log(5.0 / 3.0) + 1));    /* tf 2/2: x left out of the count */
    CHECK_STR(terms_of(&r, 1), "b");
    CHECK_STR(terms_of(&r, 2), "c a");
    CHECK_STR(terms_of(&r, 3), "d");
    tfidf_result_free(&r);
    o.max_df = 0.75;                                  /* 3 of 4 is not more than 0.75 */
    CHECK(tfidf(parts, start, 4, &o, NULL, &r) == 0);
    CHECK_STR(terms_of(&r, 1), "b x");
    tfidf_result_free(&r);
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

static void test_cancel(void)
{
    /* many small documents, and one huge text: stopped in both */
    enum { DOCS = 1000, REPEATS = 200000 };
    static const char unit[] = "Clean water for every community, ";
    size_t n = REPEATS * (sizeof unit - 1);
    char *big = malloc(n);
    struct tfidf_part *parts = malloc((DOCS + 1) * sizeof *parts);
    size_t *start = malloc((DOCS + 2) * sizeof *start);
    CHECK(big && parts && start);
    if (!big || !parts || !start)
        return;
    for (size_t i = 0; i < REPEATS; i++)
        memcpy(big + i * (sizeof unit - 1), unit, sizeof unit - 1);
    for (size_t d = 0; d < DOCS; d++) {
        parts[d] = word(d % 2 ? "odd" : "even");
        start[d] = d;
    }
    start[DOCS] = DOCS;
    struct tfidf_opts o = {.top = 3, .numbers = true, .max_df = 1};
    struct tfidf_result r = {0};
    struct text_cancel cancel = {stop_now, NULL};
    CHECK(tfidf(parts, start, DOCS, &o, &cancel, &r) == -2);
    CHECK(r.terms.n == 0 && r.start == NULL && r.scores == NULL);

    struct tfidf_part one[] = {{.s = big, .len = n, .text = true, .lang = TEXT_LANG_EN}};
    size_t one_start[] = {0, 1};
    size_t calls = 0;
    struct text_cancel counting = {count_calls, &calls};
    CHECK(tfidf(one, one_start, 1, &o, &counting, &r) == 0);
    CHECK(calls > 1);                                 /* asked inside the text too */
    CHECK_STR(terms_of(&r, 0), "clean water community");
    tfidf_result_free(&r);
    free(big);
    free(parts);
    free(start);
}

int main(void)
{
    test_words();
    test_texts();
    test_max_df();
    test_cancel();
    return check_done();
}
