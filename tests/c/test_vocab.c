/* test_vocab.c — the vocabulary core and the shipped vocabularies of
 * vocab/: every responder title and every category printed on the pages
 * (the real pages of data/ and the made-up ones of made-up/) read by
 * the page parser and looked up, so that a page added later is covered too;
 * English and French forms of one portfolio or category give one value;
 * distinct portfolios stay distinct; compound and Parliamentary Secretary
 * titles; unknown titles give NULL; later sources override earlier ones; bad
 * rows are reported with their line; lookups from several threads at once. */
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "page.h"
#include "page_text.h"
#include "pageload.h"
#include "vocab.h"

#define VOCAB_DIR "vocab/"

static char msg[2048];

static struct vocab *shipped(void)
{
    struct vocab *v = vocab_new();
    char err[256] = "";
    CHECK(v != NULL);
    CHECK_INT(vocab_add_file(v, VOCAB_DEPARTMENTS, NULL, VOCAB_DIR "departments.csv", err, sizeof err), 0);
    CHECK_STR(err, "");
    CHECK_INT(vocab_add_file(v, VOCAB_TOPICS, NULL, VOCAB_DIR "topics.csv", err, sizeof err), 0);
    CHECK_STR(err, "");
    CHECK_INT(vocab_add_file(v, VOCAB_LABELS, "fr", VOCAB_DIR "labels_fr.csv", err, sizeof err), 0);
    CHECK_STR(err, "");
    return v;
}

static const char *dept(const struct vocab *v, const char *title)
{
    return vocab_department(v, title, strlen(title));
}

static const char *topic(const struct vocab *v, const char *s)
{
    return vocab_topic(v, s, strlen(s));
}

/* ---- keys ---------------------------------------------------------------------- */

static const char *key(const char *s)
{
    static char buf[VOCAB_KEY_MAX];
    size_t n;
    if (!vocab_key(s, strlen(s), buf, sizeof buf, &n))
        return NULL;
    return buf;
}

static void test_keys(void)
{
    CHECK_STR(key("Minister of Health"), "minister of health");
    CHECK_STR(key("  MINISTER\tof\n Health.  "), "minister of health");
    CHECK_STR(key("ministre de la Sécurité publique"), "ministre de la securite publique");
    CHECK_STR(key("ministre de la Se\xcc\x81\x63urite\xcc\x81 publique"), "ministre de la securite publique"); /* NFD */
    CHECK_STR(key("King\xe2\x80\x99s King\xca\xbcs King`s King\xe2\x80\x98s"), "king's king's king's king's");
    CHECK_STR(key("Crown\xe2\x80\x93Indigenous Crown\xe2\x80\x94X Crown\xe2\x80\x91Y"), "crown-indigenous crown-x crown-y");
    CHECK_STR(key("main-d\xe2\x80\x99\xc5\x93uvre"), "main-d'oeuvre");
    CHECK_STR(key("a\xc2\xa0" "b\xe2\x80\xaf" "c\xe2\x80\x89" "d"), "a b c d");
    CHECK_STR(key("Health..."), "health");
    CHECK_STR(key("ÉLÈVE"), "eleve");
    CHECK_STR(key("\xff" "a"), "\xef\xbf\xbd" "a");              /* a bad byte is U+FFFD */
    CHECK_STR(key(""), "");
    char small[8];
    CHECK(!vocab_key("Minister of Health", 18, small, sizeof small, NULL));
}

/* ---- the pages ------------------------------------------------------------------- */

/* Category values printed on 42nd-Parliament pages of data/real: index
 * terms of the Library of Parliament, not the site's categories. They must
 * stay unmapped; a new page printing another one fails the walk below, and
 * whoever adds it decides: a row of topics.csv, or one more line here. */
static const char *const index_terms[] = {
    "Canadian Human Rights Act", "Electoral system", "Fishing industry", "Sport fishing",
    "Climate change", "Transport ferroviaire", "Iran", "International sanctions", NULL,
};

static bool is_index_term(const char *s)
{
    for (int i = 0; index_terms[i]; i++)
        if (strcmp(index_terms[i], s) == 0)
            return true;
    return false;
}

struct walk {
    const struct vocab *v;
    int pages, titles, unmapped_titles, topics, unmapped_topics;
    char *seen_dept[256];         /* the vocabulary's strings */
    int n_dept;
    char *seen_title[512];        /* copies */
    int n_title;
};

/* Adds s to the list unless it is there; copies it when copy (a record's
 * strings go with the record). */
static void remember(char **list, int *n, int cap, const char *s, bool copy)
{
    for (int i = 0; i < *n; i++)
        if (strcmp(list[i], s) == 0)
            return;
    if (*n < cap)
        list[(*n)++] = copy ? strdup(s) : (char *)s;
}

static void check_record(struct walk *w, const struct record *rec, const char *path)
{
    w->pages++;
    for (size_t i = 0; i < rec->n_responses; i++) {
        const char *title = rec->responses[i].responder;
        if (!title)
            continue;
        const char *d = dept(w->v, title);
        w->titles++;
        snprintf(msg, sizeof msg, "%.300s: responder \"%.300s\" maps to a department", path, title);
        check_report(d != NULL, __FILE__, __LINE__, msg);
        if (d) {
            remember(w->seen_dept, &w->n_dept, 256, d, false);
            remember(w->seen_title, &w->n_title, 512, title, true);
        } else {
            w->unmapped_titles++;
        }
    }
    if (rec->topic) {
        const char *t = topic(w->v, rec->topic);
        w->topics++;
        if (is_index_term(rec->topic)) {
            snprintf(msg, sizeof msg, "%.300s: index term \"%.300s\" stays unmapped", path, rec->topic);
            check_report(t == NULL, __FILE__, __LINE__, msg);
        } else {
            snprintf(msg, sizeof msg, "%.300s: category \"%.300s\" maps to a topic", path, rec->topic);
            check_report(t != NULL, __FILE__, __LINE__, msg);
            w->unmapped_topics += t == NULL;
        }
    }
}

static bool page_file(const char *name)
{
    size_t n = strlen(name);
    return (n > 4 && strcmp(name + n - 4, ".txt") == 0) ||
           (n > 5 && strcmp(name + n - 5, ".html") == 0);
}

/* Every page file under dir (and its folders), parsed and checked. */
static void walk_dir(struct walk *w, const char *dir)
{
    DIR *d = opendir(dir);
    snprintf(msg, sizeof msg, "folder %s can be read", dir);
    check_report(d != NULL, __FILE__, __LINE__, msg);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        DIR *sub = opendir(path);
        if (sub) {
            closedir(sub);
            walk_dir(w, path);
            continue;
        }
        if (!page_file(e->d_name))
            continue;
        size_t len;
        char *text = check_read_file(path, &len);
        if (!text)
            continue;
        struct pageload_result r = {.outcome = PAGELOAD_PENDING};
        pageload_text(text, len, path, NULL, &r);
        if (r.outcome == PAGELOAD_RECORD)
            check_record(w, r.rec, path);
        pageload_result_clear(&r);
        free(text);
    }
    closedir(d);
}

static void test_pages(const struct vocab *v)
{
    struct walk w = {.v = v};
    walk_dir(&w, "data/real");
    int real_pages = w.pages;
    CHECK(real_pages >= 60);                    /* the copy is there: 65 pages in 68 files */
    walk_dir(&w, "data");                       /* data/real again, and e-2559 */
    walk_dir(&w, "made-up");
    CHECK(w.pages > real_pages + 100);          /* made-up/sample and the examples */
    CHECK_INT(w.unmapped_titles, 0);
    CHECK_INT(w.unmapped_topics, 0);
    /* the titles printed stand for fewer departments */
    CHECK(w.n_dept < w.n_title);
    printf("# %d pages, %d responses, %d distinct titles -> %d departments, %d categories\n",
           w.pages, w.titles, w.n_title, w.n_dept, w.topics);
    for (int i = 0; i < w.n_title; i++)
        free(w.seen_title[i]);
}

/* ---- departments -------------------------------------------------------------------- */

/* One portfolio as the English and French pages print it (both French
 * genders where they differ), and its department. */
static const struct { const char *dept, *forms[6]; } portfolios[] = {
    { "Public Safety", { "Minister of Public Safety", "Minister of Public Safety and Emergency Preparedness",
      "Minister of Public Safety, Democratic Institutions and Intergovernmental Affairs",
      "ministre de la Sécurité publique", "ministre de la Sécurité publique et de la Protection civile" } },
    { "Privy Council Office", { "President of the Queen's Privy Council for Canada",
      "President of the King\xe2\x80\x99s Privy Council for Canada",
      "président du Conseil privé du Roi pour le Canada", "présidente du Conseil privé de la Reine pour le Canada" } },
    { "Justice", { "Minister of Justice and Attorney General of Canada",
      "ministre de la Justice et procureur général du Canada",
      "ministre de la Justice et procureure générale du Canada" } },
    { "Treasury Board", { "President of the Treasury Board", "président du Conseil du Trésor",
      "présidente du Conseil du Trésor" } },
    { "Prime Minister", { "Prime Minister", "premier ministre", "première ministre",
      "Prime Minister and Minister of Intergovernmental Affairs and Youth" } },
    { "Employment and Workforce Development", {
      "Minister of Employment, Workforce Development and Disability Inclusion",
      "ministre de l\xe2\x80\x99" "Emploi, du Développement de la main-d\xe2\x80\x99\xc5\x93uvre et de l\xe2\x80\x99Inclusion des personnes en situation de handicap",
      "ministre de l'Emploi, du Développement de la main-d'oeuvre et de l'Inclusion des personnes en situation de handicap",
      "Minister of Employment, Workforce Development and Official Languages",
      "ministre de l'Emploi, du Développement de la main-d'oeuvre et des Langues officielles" } },
    { "Fisheries and Oceans", { "Minister of Fisheries, Oceans and the Canadian Coast Guard",
      "Minister of Fisheries", "ministre des Pêches, des Océans et de la Garde côtière canadienne" } },
    { "Innovation, Science and Industry", { "Minister of Innovation, Science and Industry",
      "Minister of Innovation, Science and Economic Development",
      "ministre de l’Innovation, des Sciences et de l’Industrie" } },
    { "Veterans Affairs", { "Minister of Veterans Affairs", "ministre des Anciens Combattants",
      "ministre des Anciens Combattants et ministre associée de la Défense nationale",
      "Minister of Veterans Affairs and Associate Minister of National Defence" } },
    { "Immigration, Refugees and Citizenship", { "Minister of Immigration, Refugees and Citizenship",
      "ministre de l’Immigration, des Réfugiés et de la Citoyenneté" } },
    { "Environment and Climate Change", { "Minister of Environment and Climate Change",
      "ministre de l’Environnement et du Changement climatique" } },
    { "Health", { "Minister of Health", "MINISTER OF HEALTH", "ministre de la Santé" } },
    { "Mental Health and Addictions", { "Minister of Mental Health and Addictions and Associate Minister of Health",
      "ministre de la Santé mentale et des Dépendances et ministre associée de la Santé" } },
    { "Finance", { "Minister of Finance", "Deputy Prime Minister and Minister of Finance", "ministre des Finances",
      "vice-première ministre et ministre des Finances" } },
    { "Intergovernmental Affairs", {
      "President of the Queen's Privy Council for Canada and Minister of Intergovernmental Affairs",
      "président du Conseil privé de la Reine pour le Canada et ministre des Affaires intergouvernementales",
      "Minister of Intergovernmental Affairs, Infrastructure and Communities" } },
    { "Housing, Infrastructure and Communities", {
      "Minister of Infrastructure and Communities", "Minister of Housing, Infrastructure and Communities",
      "ministre du Logement, de l'Infrastructure et des Collectivités" } },
    { "Crown-Indigenous Relations", { "Minister of Crown-Indigenous Relations",
      "Minister of Crown–Indigenous Relations and Northern Affairs", "ministre des Relations Couronne-Autochtones" } },
};

static void test_portfolios(const struct vocab *v)
{
    for (size_t i = 0; i < sizeof portfolios / sizeof portfolios[0]; i++)
        for (int k = 0; k < 6 && portfolios[i].forms[k]; k++) {
            const char *got = dept(v, portfolios[i].forms[k]);
            snprintf(msg, sizeof msg, "\"%s\" -> %s (got %s)", portfolios[i].forms[k],
                     portfolios[i].dept, got ? got : "NULL");
            check_report(got && strcmp(got, portfolios[i].dept) == 0, __FILE__, __LINE__, msg);
        }
}

/* Portfolios that must not merge: each pair gives two different departments. */
static void test_distinct(const struct vocab *v)
{
    static const char *const pairs[][2] = {
        { "Minister of Public Safety", "Minister of Public Services and Procurement" },
        { "Minister of Health", "Minister of Mental Health and Addictions" },
        { "Minister of Veterans Affairs", "Minister of National Defence" },
        { "Minister of Crown-Indigenous Relations", "Minister of Indigenous Services" },
        { "Minister of Finance", "Minister of National Revenue" },
        { "Minister of International Trade", "Minister of International Development" },
        { "Minister of International Trade", "Minister of Foreign Affairs" },
        { "Minister of Labour", "Minister of Employment, Workforce Development and Disability Inclusion" },
        { "Minister of Labour", "Minister of Seniors" },
        { "Minister of Public Safety", "Minister of Emergency Preparedness" },
        { "President of the King's Privy Council for Canada", "Minister of Intergovernmental Affairs" },
        { "Prime Minister", "Deputy Prime Minister and Minister of Finance" },
        { "President of the Treasury Board", "Minister of Public Services and Procurement" },
        { "Minister of Natural Resources", "Minister of Environment and Climate Change" },
        { "ministre des Services aux Autochtones", "ministre des Relations Couronne-Autochtones" },
        { "ministre de la Sécurité publique", "ministre des Services publics et de l'Approvisionnement" },
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        const char *a = dept(v, pairs[i][0]), *b = dept(v, pairs[i][1]);
        snprintf(msg, sizeof msg, "\"%s\" (%s) and \"%s\" (%s) stay distinct", pairs[i][0],
                 a ? a : "NULL", pairs[i][1], b ? b : "NULL");
        check_report(a && b && strcmp(a, b) != 0, __FILE__, __LINE__, msg);
    }
}

/* Titles that no row spells out: the compound and secretary rules. */
static void test_rules(const struct vocab *v)
{
    CHECK_STR(dept(v, "Deputy Prime Minister and Minister of Health"), "Health");
    CHECK_STR(dept(v, "President of the King's Privy Council for Canada and Minister of Health"), "Health");
    CHECK_STR(dept(v, "vice-première ministre et ministre de la Santé"), "Health");
    CHECK_STR(dept(v, "présidente du Conseil privé du Roi pour le Canada et ministre des Transports"), "Transport");
    CHECK_STR(dept(v, "Minister of Northern Affairs, Minister responsible for Prairies Economic Development "
                      "Canada and Minister responsible for the Canadian Northern Economic Development Agency"),
              "Northern Affairs");
    CHECK_STR(dept(v, "Minister of Sport and Minister responsible for the Economic Development Agency of Canada "
                      "for the Regions of Quebec"), "Sport");
    CHECK_STR(dept(v, "ministre des Sports et ministre responsable de l'Agence de développement économique "
                      "du Canada pour les régions du Québec"), "Sport");
    CHECK_STR(dept(v, "Minister of Health and Associate Minister of Finance"), "Health");
    CHECK_STR(dept(v, "Associate Minister of Finance and Minister of Health"), "Health");   /* an office gives way */
    /* only offices: the first */
    CHECK_STR(dept(v, "President of the King's Privy Council for Canada and Leader of the Government in the House of Commons"),
              "Privy Council Office");
    /* a part no row explains: unknown, never guessed */
    CHECK_STR(dept(v, "Deputy Prime Minister and Minister of Magic"), NULL);
    CHECK_STR(dept(v, "Minister of Magic and Minister of Health"), NULL);
    CHECK_STR(dept(v, "Minister of Health and Minister of Magic"), "Health");
    /* "and" inside one portfolio's name does not cut it */
    CHECK_STR(dept(v, "Minister of Justice and Attorney General of Canada and Minister of Magic"), "Justice");
    /* Parliamentary Secretaries answer for their minister */
    CHECK_STR(dept(v, "Parliamentary Secretary to the Minister of Health"), "Health");
    CHECK_STR(dept(v, "Parliamentary Secretary to the Minister of Health (Sport)"), "Health");
    CHECK_STR(dept(v, "Parliamentary Secretary to the Minister of Health and to the Minister of Sport"), "Health");
    CHECK_STR(dept(v, "Parliamentary Secretary to the Prime Minister"), "Prime Minister");
    CHECK_STR(dept(v, "Parliamentary Secretary to the President of the Treasury Board"), "Treasury Board");
    CHECK_STR(dept(v, "secrétaire parlementaire de la ministre des Affaires étrangères"), "Foreign Affairs");
    CHECK_STR(dept(v, "secrétaire parlementaire du ministre de la Santé et du ministre des Sports"), "Health");
    CHECK_STR(dept(v, "Secrétaire parlementaire du premier ministre"), "Prime Minister");
    CHECK_STR(dept(v, "secretaire parlementaire de l'honorable"), NULL);
    CHECK_STR(dept(v, "Parliamentary Secretary to the"), NULL);
    /* unknown, empty, odd */
    CHECK_STR(dept(v, "Minister of Magic"), NULL);
    CHECK_STR(dept(v, "Minister"), NULL);
    CHECK_STR(dept(v, ""), NULL);
    CHECK_STR(dept(v, "   "), NULL);
    CHECK_STR(dept(v, "Minister of Public"), NULL);
    CHECK_STR(dept(v, "Minister of Health\xff"), NULL);
    CHECK_STR(vocab_department(v, "Minister of Health and more", 18), "Health");  /* bytes + length */
    char longest[2000];
    memset(longest, 'a', sizeof longest - 1);
    longest[sizeof longest - 1] = '\0';
    CHECK_STR(dept(v, longest), NULL);
}

/* Each department row has its English and its French form, and a French label. */
static void test_coverage(const struct vocab *v)
{
    size_t len;
    char *csv = check_read_file(VOCAB_DIR "departments.csv", &len);
    CHECK(csv != NULL);
    if (!csv)
        return;
    /* department -> has en, has fr: read with a second vocabulary keyed by department */
    char *line = strchr(csv, '\n');
    int checked = 0;
    while (line && line[1]) {
        char *start = line + 1;
        line = strchr(start, '\n');
        if (line)
            *line = '\0';
        /* the department is the third field; quoted fields hold commas */
        char *p = start, *fields[4] = {0};
        for (int f = 0; f < 4 && p; f++) {
            if (*p == '"') {
                fields[f] = ++p;
                p = strchr(p, '"');
                if (!p)
                    break;
                *p++ = '\0';
            } else {
                fields[f] = p;
            }
            p = strchr(p, ',');
            if (p)
                *p++ = '\0';
        }
        if (!fields[2])
            continue;
        const char *label = vocab_label(v, "department", fields[2], "fr");
        snprintf(msg, sizeof msg, "department \"%s\" has a French label", fields[2]);
        check_report(label != NULL, __FILE__, __LINE__, msg);
        checked++;
    }
    CHECK(checked > 200);
    free(csv);
    CHECK(vocab_size(v, VOCAB_DEPARTMENTS) > 200);
}

/* ---- topics ---------------------------------------------------------------------------- */

static void test_topics(const struct vocab *v)
{
    static const char *const pairs[][3] = {
        { "Foreign affairs", "Affaires étrangères", "Foreign affairs" },
        { "Taxation", "Fiscalité", "Taxation" },
        { "Fisheries", "Pêches", "Fisheries" },
        { "Transportation", "Transports", "Transportation" },
        { "Public safety", "Sécurité publique", "Public safety" },
        { "Health", "Santé", "Health" },
        { "Environment", "Environnement", "Environment" },
        { "Civil and human rights", "Droits de la personne", "Civil and human rights" },
        { "Social affairs and equality", "Affaires sociales et égalité", "Social affairs and equality" },
        { "Employment and labour", "Travail et emploi", "Employment and labour" },
        { "Media and telecommunications", "Médias et télécommunications", "Media and telecommunications" },
        { "Democratic process", "Processus démocratique", "Democratic process" },
        { "Indigenous affairs", "Affaires autochtones", "Indigenous affairs" },
        { "Justice", "Justice", "Justice" },
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        CHECK_STR(topic(v, pairs[i][0]), pairs[i][2]);
        CHECK_STR(topic(v, pairs[i][1]), pairs[i][2]);
        const char *label = vocab_label(v, "topic", pairs[i][2], "fr");
        CHECK_STR(label, pairs[i][1]);
    }
    CHECK_STR(topic(v, "FOREIGN  affairs"), "Foreign affairs");
    CHECK_STR(topic(v, "Pe\xcc\x82" "ches"), "Fisheries");             /* NFD */
    CHECK_STR(topic(v, "Veterans\xe2\x80\x99 affairs"), "Veterans affairs");
    CHECK_STR(topic(v, "Iran"), NULL);
    CHECK_STR(topic(v, "International sanctions"), NULL);
    CHECK_STR(topic(v, ""), NULL);
    CHECK_STR(topic(v, "Foreign"), NULL);
    /* every canonical topic has a French label */
    static const char *const canon[] = {
        "Agriculture", "Canadian heritage", "Citizenship and immigration", "Government services and administration",
        "Health care services", "National defence and military operations", "Natural resources and energy",
        "Parliament and politics", "Veterans affairs", NULL,
    };
    for (int i = 0; canon[i]; i++) {
        CHECK_STR(topic(v, canon[i]), canon[i]);
        snprintf(msg, sizeof msg, "topic \"%s\" has a French label", canon[i]);
        check_report(vocab_label(v, "topic", canon[i], "fr") != NULL, __FILE__, __LINE__, msg);
    }
}

/* ---- labels ------------------------------------------------------------------------------ */

static void test_labels(const struct vocab *v)
{
    CHECK_STR(vocab_label(v, "department", "Health", "fr"), "Santé");
    CHECK_STR(vocab_label(v, "department", "Privy Council Office", "fr"), "Bureau du Conseil privé");
    CHECK_STR(vocab_label(v, "department", "Health", "en"), NULL);     /* no English labels loaded */
    CHECK_STR(vocab_label(v, "department", "Magic", "fr"), NULL);
    CHECK_STR(vocab_label(v, "topic", "Health", "fr"), "Santé");
    CHECK_STR(vocab_label(v, "caucus", "Health", "fr"), NULL);         /* kinds are apart */
    CHECK_STR(vocab_label(v, "status", "not_certified", "fr"), "Non certifiée");
    CHECK_STR(vocab_label(v, "status", "responded", "fr"), "Réponse déposée");
    CHECK_STR(vocab_label(v, "nonsense", "Health", "fr"), NULL);
    CHECK_STR(vocab_label(v, "department", "Health", NULL), NULL);
    /* each value the page parser gives has its label: provinces, caucuses, languages */
    static const char *const provinces[] = {
        "Alberta", "British Columbia", "Manitoba", "New Brunswick", "Newfoundland and Labrador",
        "Northwest Territories", "Nova Scotia", "Nunavut", "Ontario", "Prince Edward Island",
        "Quebec", "Saskatchewan", "Yukon", NULL,
    };
    for (int i = 0; provinces[i]; i++) {
        CHECK_STR(page_province_en(provinces[i], strlen(provinces[i])), provinces[i]);
        snprintf(msg, sizeof msg, "province \"%s\" has a French label", provinces[i]);
        check_report(vocab_label(v, "province", provinces[i], "fr") != NULL, __FILE__, __LINE__, msg);
    }
    CHECK_STR(vocab_label(v, "province", "Quebec", "fr"), "Québec");
    CHECK_STR(vocab_label(v, "province", "Prince Edward Island", "fr"), "Île-du-Prince-Édouard");
    static const char *const caucuses[] = {
        "Liberal", "Conservative", "New Democratic Party", "Bloc Québécois", "Green Party",
        "People's Party", "Independent", NULL,
    };
    for (int i = 0; caucuses[i]; i++) {
        const char *english = NULL;
        size_t off, n;
        CHECK(page_caucus(caucuses[i], strlen(caucuses[i]), &english, &off, &n));
        CHECK_STR(english, caucuses[i]);
        snprintf(msg, sizeof msg, "caucus \"%s\" has a French label", caucuses[i]);
        check_report(vocab_label(v, "caucus", caucuses[i], "fr") != NULL, __FILE__, __LINE__, msg);
    }
    CHECK_STR(vocab_label(v, "caucus", "New Democratic Party", "fr"), "Nouveau Parti démocratique");
    {
        const char *english = NULL;
        size_t off, n;
        CHECK(page_caucus("Caucus du Parti populaire du Canada", 35, &english, &off, &n));
        CHECK_STR(english, "People's Party");
    }
    static const char *const languages[] = { "English", "French", "Bilingual", NULL };
    for (int i = 0; languages[i]; i++) {
        CHECK_STR(page_language_en(languages[i], strlen(languages[i])), languages[i]);
        CHECK(vocab_label(v, "original_language", languages[i], "fr") != NULL);
    }
    static const char *const statuses[] = { "not_certified", "responded", "presented", "closed", "open", NULL };
    for (int i = 0; statuses[i]; i++)
        CHECK(vocab_label(v, "status", statuses[i], "fr") != NULL);
}

/* ---- sources in order, and bad rows ----------------------------------------------------------- */

static int add(struct vocab *v, enum vocab_file f, const char *text, char *err, size_t n)
{
    return vocab_add_csv(v, f, f == VOCAB_LABELS ? "fr" : NULL, text, strlen(text), "user.csv", err, n);
}

static void test_override(void)
{
    struct vocab *v = shipped();
    char err[256] = "";
    CHECK_STR(dept(v, "Minister of Magic"), NULL);
    CHECK_STR(dept(v, "Minister of Health"), "Health");
    CHECK_INT(add(v, VOCAB_DEPARTMENTS,
                  "printed,lang,department\n"
                  "Minister of Magic,en,Magic\n"
                  "MINISTER OF HEALTH.,en,Public Health\n", err, sizeof err), 0);
    CHECK_STR(err, "");
    CHECK_STR(dept(v, "Minister of Magic"), "Magic");
    CHECK_STR(dept(v, "Minister of Health"), "Public Health");        /* the user's row wins */
    CHECK_STR(dept(v, "ministre de la Santé"), "Health");              /* other rows stay */
    CHECK_STR(dept(v, "Deputy Prime Minister and Minister of Magic"), "Magic");  /* rules see new rows */
    /* a user's topic: an index term they choose to map */
    CHECK_INT(add(v, VOCAB_TOPICS, "printed,lang,topic\nIran,en,Foreign affairs\n", err, sizeof err), 0);
    CHECK_STR(topic(v, "Iran"), "Foreign affairs");
    CHECK_INT(add(v, VOCAB_LABELS, "kind,value,label\ndepartment,Magic,Magie\n", err, sizeof err), 0);
    CHECK_STR(vocab_label(v, "department", "Magic", "fr"), "Magie");
    /* a third source overrides the second */
    CHECK_INT(add(v, VOCAB_DEPARTMENTS, "printed,lang,department,role\nMinister of Magic,en,Sorcery,\n",
                  err, sizeof err), 0);
    CHECK_STR(dept(v, "Minister of Magic"), "Sorcery");
    /* an office row of the user's */
    CHECK_INT(add(v, VOCAB_DEPARTMENTS, "printed,lang,department,role\nMinister of Magic,en,Sorcery,office\n",
                  err, sizeof err), 0);
    CHECK_STR(dept(v, "Minister of Magic and Minister of Health"), "Public Health");
    vocab_free(v);
}

static void expect_error(enum vocab_file f, const char *text, const char *want)
{
    struct vocab *v = vocab_new();
    char err[256] = "";
    CHECK_INT(add(v, f, text, err, sizeof err), -1);
    CHECK_STR(err, want);
    vocab_free(v);
}

static void test_errors(void)
{
    expect_error(VOCAB_DEPARTMENTS, "printed,lang,department\nMinister of X,en,X\nMinister of Y,english,Y\n",
                 "user.csv:3: lang must be en or fr, not 'english'");
    expect_error(VOCAB_DEPARTMENTS, "printed,lang,department\nMinister of X,en,X\n\nMinister of Y,en\n",
                 "user.csv:4: row has 2 fields, header has 3");
    expect_error(VOCAB_DEPARTMENTS, "printed,lang,department\nMinister of X,en,X,office\n",
                 "user.csv:2: row has 4 fields, header has 3");
    expect_error(VOCAB_DEPARTMENTS, "printed,lang,department\n\"Minister of X,en,X\n",
                 "user.csv:2: unclosed quote");
    expect_error(VOCAB_DEPARTMENTS, "title,lang,department\nMinister of X,en,X\n",
                 "user.csv:1: the header must be printed,lang,department or printed,lang,department,role");
    expect_error(VOCAB_TOPICS, "printed,lang,department\n",
                 "user.csv:1: the header must be printed,lang,topic");
    expect_error(VOCAB_DEPARTMENTS, "", "user.csv: empty: the header must be printed,lang,department");
    expect_error(VOCAB_DEPARTMENTS, "\n\n", "user.csv: the header must be printed,lang,department or "
                 "printed,lang,department,role");
    expect_error(VOCAB_DEPARTMENTS, "printed,lang,department\n  ,en,X\n", "user.csv:2: empty printed form");
    expect_error(VOCAB_DEPARTMENTS, "printed,lang,department\nMinister of X,en,\n", "user.csv:2: empty department");
    expect_error(VOCAB_DEPARTMENTS, "printed,lang,department,role\nMinister of X,en,X,boss\n",
                 "user.csv:2: role must be portfolio, office or empty, not 'boss'");
    expect_error(VOCAB_DEPARTMENTS, "printed,lang,department\nMinister of X,en,X\nMINISTER OF X.,en,Y\n",
                 "user.csv:3: 'minister of x' already maps to 'X' on line 2");
    expect_error(VOCAB_TOPICS, "printed,lang,topic\nIran,en,\n", "user.csv:2: empty topic");
    expect_error(VOCAB_LABELS, "kind,value,label\nministry,Health,Santé\n",
                 "user.csv:2: kind must be department, topic, caucus, province, original_language or "
                 "status, not 'ministry'");
    expect_error(VOCAB_LABELS, "kind,value,label\ndepartment,Health,\n", "user.csv:2: empty label");
    expect_error(VOCAB_LABELS, "kind,value,label\ndepartment, ,Santé\n", "user.csv:2: empty value");
    struct vocab *v = vocab_new();
    char err[256] = "";
    CHECK_INT(vocab_add_csv(v, VOCAB_LABELS, NULL, "kind,value,label\n", 17, "l.csv", err, sizeof err), -1);
    CHECK_STR(err, "l.csv: labels need a language");
    CHECK_INT(vocab_add_file(v, VOCAB_TOPICS, NULL, "tests/no-such-file.csv", err, sizeof err), -1);
    CHECK_STR(err, "tests/no-such-file.csv: No such file or directory");
    /* the same row twice in one source is fine; rows before a bad one stay */
    CHECK_INT(add(v, VOCAB_DEPARTMENTS, "printed,lang,department\nMinister of X,en,X\nminister of x,en,X\n"
                  "Minister of Y,en,Y\nMinister of Z,xx,Z\n", err, sizeof err), -1);
    CHECK_STR(dept(v, "Minister of Y"), "Y");
    CHECK_STR(dept(v, "Minister of Z"), NULL);
    /* a BOM and CRLF line ends */
    CHECK_INT(add(v, VOCAB_TOPICS, "\xef\xbb\xbfprinted,lang,topic\r\nPêches,fr,Fisheries\r\n", err, sizeof err), 0);
    CHECK_STR(topic(v, "PECHES"), "Fisheries");
    vocab_free(v);
}

/* ---- threads ------------------------------------------------------------------------------------ */

static const char *const thread_titles[] = {
    "Minister of Health", "ministre de la Sécurité publique", "Deputy Prime Minister and Minister of Finance",
    "Parliamentary Secretary to the Minister of Transport", "Minister of Magic",
    "President of the King’s Privy Council for Canada", NULL,
};

struct thread_arg {
    const struct vocab *v;
    const char *want[8];
    int mismatches;
};

static void *lookup_many(void *p)
{
    struct thread_arg *a = p;
    for (int round = 0; round < 20000; round++)
        for (int i = 0; thread_titles[i]; i++) {
            const char *got = dept(a->v, thread_titles[i]);
            if (got != a->want[i])
                a->mismatches++;
        }
    return NULL;
}

static void test_threads(const struct vocab *v)
{
    struct thread_arg args[4];
    pthread_t th[4];
    for (int t = 0; t < 4; t++) {
        args[t].v = v;
        args[t].mismatches = 0;
        for (int i = 0; thread_titles[i]; i++)
            args[t].want[i] = dept(v, thread_titles[i]);
        CHECK_INT(pthread_create(&th[t], NULL, lookup_many, &args[t]), 0);
    }
    for (int t = 0; t < 4; t++) {
        pthread_join(th[t], NULL);
        CHECK_INT(args[t].mismatches, 0);
    }
    CHECK_STR(args[0].want[0], "Health");
    CHECK_STR(args[0].want[4], NULL);
}

int main(void)
{
    test_keys();
    struct vocab *v = shipped();
    test_pages(v);
    test_portfolios(v);
    test_distinct(v);
    test_rules(v);
    test_coverage(v);
    test_topics(v);
    test_labels(v);
    test_threads(v);
    vocab_free(v);
    test_override();
    test_errors();
    return check_done();
}
