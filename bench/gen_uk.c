/* gen_uk.c — writes made-up UK Parliament petitions as the petitions site
 * serves them (its JSON), for tests and benchmarks.
 *
 *   gen_uk -n N -s SEED -o DIR
 *
 * Writes N petitions into DIR, deterministic from SEED, in the shapes and
 * sizes of the site's documents (doc/UK.md):
 *   - about 55% in list pages of 50 (petitions.json_page_K and
 *     archived_petitions.json_parliament_P_page_K): no signature tables, a
 *     links.self on each petition, the paging links;
 *   - about 35% as single documents, one a file (petitions_ID.json,
 *     archived_petitions_ID.json), with signatures_by_country, _constituency
 *     (650 rows, with the MP, once a petition has some thousands of
 *     signatures) and _region (from 2020);
 *   - about 10% as single documents one a line in petitions.ndjson files of
 *     1,000 lines.
 * Current petitions (2024-) and archived ones of the 2010-2015, 2015-2017,
 * 2017-2019 and 2019-2024 Parliaments; each in the members of its version of
 * the site (open_at in copies saved in 2015-2017, no responded_on before
 * 2018, countries without codes in 2015, debate_scheduled_at in late 2025,
 * closing_date on open petitions from 2026, departments and topics from
 * 2020); open, closed and rejected (with a rejection code); signatures
 * heavy-tailed, so that about 5% reach the response threshold (10,000) and
 * some the debate threshold (100,000); government responses with a summary
 * and paragraphs of details, departments, debates held or not. Texts are
 * CR LF paragraphs, as the site stores them.
 *
 * Everything is made up: names of people, places, countries and
 * constituencies are built from syllables, texts from templates.
 *
 * Prints the number of petitions and files written.
 * Build: cc -O2 -std=c11 -Wall -Wextra -o build/gen_uk bench/gen_uk.c
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gen_common.h"

static rng rseed(uint64_t a, uint64_t b)
{
    rng r = { a * 0x9e3779b97f4a7c15ULL ^ (b + 0x632be59bd9b4e019ULL) * 31 };
    rnext(&r);
    return r;
}

#define PICK(r, a) ((a)[rnext(r) % ARRAY_LEN(a)])

/* A moment: a day and the seconds and milliseconds into it (UTC). */
struct when { long day; int sec, ms; };

static int year_of(long day)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    return y;
}

/* ---------------------------------------------------------------- output */

/* A JSON string (the texts hold quotes and CR LF, escaped as the site does). */
static void bstr(buf *b, const char *s)
{
    bputs(b, "\"");
    for (; *s; s++) {
        switch (*s) {
        case '"': bputs(b, "\\\""); break;
        case '\\': bputs(b, "\\\\"); break;
        case '\r': bputs(b, "\\r"); break;
        case '\n': bputs(b, "\\n"); break;
        default: bput(b, s, 1);
        }
    }
    bputs(b, "\"");
}

static void bkey(buf *b, const char *key, int *first)
{
    if (!*first) bputs(b, ",");
    *first = 0;
    bprintf(b, "\"%s\":", key);
}

static void kstr(buf *b, const char *key, const char *v, int *first)
{
    bkey(b, key, first);
    if (v) bstr(b, v); else bputs(b, "null");
}

static void kint(buf *b, const char *key, long v, int *first)
{
    bkey(b, key, first);
    bprintf(b, "%ld", v);
}

/* api_date_format: "2020-03-11T14:32:42.514Z", or null. */
static void ktime(buf *b, const char *key, const struct when *w, int *first)
{
    bkey(b, key, first);
    if (!w) { bputs(b, "null"); return; }
    int y, m, d;
    civil_from_days(w->day, &y, &m, &d);
    bprintf(b, "\"%04d-%02d-%02dT%02d:%02d:%02d.%03dZ\"", y, m, d, w->sec / 3600, w->sec / 60 % 60, w->sec % 60, w->ms);
}

static void kdate(buf *b, const char *key, const long *day, int *first)
{
    bkey(b, key, first);
    if (!day) { bputs(b, "null"); return; }
    int y, m, d;
    civil_from_days(*day, &y, &m, &d);
    bprintf(b, "\"%04d-%02d-%02d\"", y, m, d);
}

/* ---------------------------------------------------------------- vocabulary */

static const char *const SYL_A[] = {"Al", "Bren", "Cor", "Dav", "El", "Fen", "Gal", "Har", "Is", "Jor", "Kel",
                                    "Lor", "Mar", "Nor", "Os", "Pen", "Quin", "Ros", "Sal", "Tam", "Ul", "Ver",
                                    "Wil", "Yar", "Zel", "Ash", "Bel", "Cam", "Dor", "Ew"};
static const char *const SYL_B[] = {"a", "an", "o", "ie", "el", "in", "is", "ara", "en", "ette", "ion", "y",
                                    "ric", "wyn", "ford", "by", "ton", "ham", "ley", "stow"};
static const char *const SYL_C[] = {"bridge", "ley", "wick", "more", "dale", "field", "combe", "worth",
                                    "mouth", "bury", "ton", "minster", "hurst", "thorpe"};
static const char *const QUARTER[] = {"North", "South", "East", "West", "Central", "Mid", "Upper", "Lower"};

static void word(rng *r, char *out, size_t n, int parts)
{
    snprintf(out, n, "%s%s%s", PICK(r, SYL_A), PICK(r, SYL_B), parts > 2 ? PICK(r, SYL_C) : "");
}

static void person(rng *r, char *out, size_t n)
{
    char a[32], b[32];
    word(r, a, sizeof a, 2);
    word(r, b, sizeof b, 3);
    snprintf(out, n, "%s %s", a, b);
}

#define N_CONSTITUENCIES 650
#define N_COUNTRIES 220
#define N_REGIONS 12

struct place { char name[96], code[16], mp[96]; };

struct vocab {
    struct place constituencies[N_CONSTITUENCIES];
    struct place countries[N_COUNTRIES];
    struct place regions[N_REGIONS];
};

static void init_vocab(struct vocab *v, uint64_t seed)
{
    rng r = rseed(seed, 1);
    static const char nations[] = "ESWN";
    for (int i = 0; i < N_CONSTITUENCIES; i++) {
        struct place *p = &v->constituencies[i];
        char w1[32], w2[32];
        word(&r, w1, sizeof w1, 3);
        word(&r, w2, sizeof w2, 3);
        int form = rint_(&r, 0, 3);
        if (form == 0) snprintf(p->name, sizeof p->name, "%s", w1);
        else if (form == 1) snprintf(p->name, sizeof p->name, "%s %s", w1, PICK(&r, QUARTER));
        else if (form == 2) snprintf(p->name, sizeof p->name, "%s and %s", w1, w2);
        else snprintf(p->name, sizeof p->name, "%s %s", PICK(&r, QUARTER), w1);
        char nation = nations[i < 533 ? 0 : i < 592 ? 1 : i < 632 ? 2 : 3];
        snprintf(p->code, sizeof p->code, "%c1%c%06d", nation, nation == 'N' ? '8' : '4', 1000 + i);
        char mp[80];
        person(&r, mp, sizeof mp);
        snprintf(p->mp, sizeof p->mp, "%s MP", mp);
    }
    for (int i = 0; i < N_COUNTRIES; i++) {
        struct place *p = &v->countries[i];
        word(&r, p->name, sizeof p->name, 3);
        snprintf(p->code, sizeof p->code, "%c%c", 'A' + i / 26 % 26, 'A' + i % 26);
    }
    v->countries[N_COUNTRIES - 1] = (struct place){"United Kingdom", "GB", ""};
    for (int i = 0; i < N_REGIONS; i++) {
        struct place *p = &v->regions[i];
        char w[32];
        word(&r, w, sizeof w, 3);
        snprintf(p->name, sizeof p->name, "%s %s", PICK(&r, QUARTER), w);
        snprintf(p->code, sizeof p->code, "E1500%04d", i + 1);
    }
}

static const char *const VERB[] = {"Ban", "Fund", "Review", "Protect", "Introduce", "Reduce", "Stop", "Require",
                                   "Scrap", "Make", "Extend", "Reform", "Cap", "Guarantee", "Legislate for"};
static const char *const OBJECT[] = {"free parking at hospitals", "the sale of fireworks to the public",
                                     "school meals in the summer holidays", "zero-hours contracts",
                                     "the use of peat in compost", "a review of the state pension age",
                                     "fees for visa renewals", "the closure of rural post offices",
                                     "trail hunting on public land", "mandatory CCTV in slaughterhouses",
                                     "VAT on energy bills", "funding for hospices", "tuition fees",
                                     "the 2-child limit on benefits", "puppy farming", "speed limits near schools"};
static const char *const BECAUSE[] = {
    "We believe the current rules are unfair on families who already struggle to make ends meet.",
    "Many people in our community have been affected, and the Government has not listened to them.",
    "Evidence from other countries shows that this change works and saves public money.",
    "The law has not been updated for decades and no longer reflects how people live today.",
    "Thousands of people are waiting and every month of delay makes the problem worse.",
    "Charities and experts have called for this for years; it is time the Government acted.",
};
static const char *const DETAIL[] = {
    "According to figures published last year, the number of people affected has doubled since 2015, "
    "and local services cannot cope with the demand.",
    "We are asking for a clear timetable, a consultation with the people affected and proper funding "
    "so that councils can deliver it.",
    "This petition was started after a public meeting attended by more than 300 residents, "
    "who agreed that \"enough is enough\".",
    "Other parts of the UK have already taken similar steps with good results, and England should follow.",
    "The cost would be small compared with the savings to the NHS and to the criminal justice system.",
};
static const char *const RESPONSE[] = {
    "The Government recognises the strength of feeling on this issue and keeps the policy under review.",
    "We have no plans to change the law at present, but we will continue to monitor the evidence closely.",
    "The Government has committed significant funding to this area and will set out further plans in due course.",
    "Responsibility for this matter rests with local authorities, who are best placed to make these decisions.",
    "We will consult on proposals later this year and welcome views from all interested parties.",
    "The Government is clear that public safety must come first, and existing powers are sufficient.",
};
static const struct { const char *acronym, *name, *slug; } DEPARTMENTS[] = {
    {"DHSC", "Department of Health and Social Care", "department-of-health-and-social-care"},
    {"DfE", "Department for Education", "department-for-education"},
    {"HO", "Home Office", "home-office"},
    {"HMT", "HM Treasury", "hm-treasury"},
    {"DEFRA", "Department for Environment, Food and Rural Affairs", "department-for-environment-food-rural-affairs"},
    {"DWP", "Department for Work and Pensions", "department-for-work-pensions"},
    {"DfT", "Department for Transport", "department-for-transport"},
    {"MoJ", "Ministry of Justice", "ministry-of-justice"},
    {"FCDO", "Foreign, Commonwealth & Development Office", "foreign-commonwealth-development-office"},
    {"DCMS", "Department for Culture, Media and Sport", "department-for-culture-media-and-sport"},
};
static const char *const TOPICS[] = {"health", "education", "crime", "economy", "environment", "transport",
                                     "animals", "benefits", "culture", "immigration", "foreign-affairs",
                                     "housing", "energy", "work"};
static const char *const REJECTIONS[] = {"duplicate", "irrelevant", "no-action", "honours", "fake-name",
                                         "foi", "libellous", "offensive", "already-happening", "not-clear"};

/* ---------------------------------------------------------------- parliaments */

/* The site's versions: what each petition's document looks like depends on
 * when it was saved. */
struct parl {
    const char *period, *government, *dissolution;
    int site_id;
    long start, end;            /* days petitions were open */
};

static void init_parls(struct parl p[5])
{
    p[0] = (struct parl){"2010-2015", "Conservative \xE2\x80\x93 Liberal Democrat coalition",
                         "2015-03-30T23:59:59.000+01:00", 2, days_from_civil(2011, 8, 4), days_from_civil(2015, 3, 30)};
    p[1] = (struct parl){"2015-2017", "Conservative", "2017-05-03T00:01:00.000+01:00", 1,
                         days_from_civil(2015, 7, 20), days_from_civil(2017, 5, 2)};
    p[2] = (struct parl){"2017-2019", "Conservative", "2019-11-06T00:01:00.000+00:00", 3,
                         days_from_civil(2017, 6, 20), days_from_civil(2019, 11, 5)};
    p[3] = (struct parl){"2019-2024", "Conservative", "2024-05-30T00:01:00.000+01:00", 4,
                         days_from_civil(2020, 1, 10), days_from_civil(2024, 5, 29)};
    p[4] = (struct parl){NULL, NULL, NULL, 5, days_from_civil(2024, 8, 1), days_from_civil(2026, 6, 30)};
}

/* ---------------------------------------------------------------- one petition */

struct gen {
    struct vocab vocab;
    struct parl parls[5];
    uint64_t seed;
    long next_id[5];
};

enum form { IN_LIST, SINGLE };

static struct when moment(rng *r, long day)
{
    return (struct when){day, rint_(r, 0, 86399), rint_(r, 0, 999)};
}

static void paragraphs(rng *r, buf *b, const char *const *pool, size_t n, int k)
{
    for (int i = 0; i < k; i++) {
        if (i) bputs(b, "\r\n\r\n");
        bputs(b, pool[rnext(r) % n]);
    }
}

/* Signature counts: most petitions have a few dozen, a few millions. */
static long draw_signatures(rng *r)
{
    double u = runi(r);
    if (u < 0.30) return rint_(r, 1, 20);
    if (u < 0.75) return rint_(r, 20, 1000);
    if (u < 0.94) return rint_(r, 1000, 9999);
    if (u < 0.995) return rint_(r, 10000, 99999);
    return rint_(r, 100000, 1500000);
}

/* A table of signatures by place: rows for the places that signed. */
static void counts(rng *r, buf *b, const char *key, const struct place *places, int n, int rows, long total,
                   int with_code, const char *code_key, int with_mp, int *first)
{
    bkey(b, key, first);
    bputs(b, "[");
    for (int i = 0; i < rows && i < n; i++) {
        const struct place *p = &places[(i * 7 + 3) % n];
        long c = total / rows + rint_(r, 0, (int)(total / rows / 3 + 1));
        if (i) bputs(b, ",");
        int f = 1;
        bputs(b, "{");
        kstr(b, "name", p->name, &f);
        if (with_code) kstr(b, code_key, p->code, &f);
        if (with_mp) kstr(b, "mp", p->mp, &f);
        kint(b, "signature_count", c < 1 ? 1 : c, &f);
        bputs(b, "}");
    }
    bputs(b, "]");
}

/* One petition (the PETITION of doc/UK.md) into b; *current_view says
 * whether it is in the current view ("petition") or the archived one. */
static void petition(struct gen *g, rng *r, int pi, enum form form, long id, buf *b, int *current_view)
{
    const struct parl *pa = &g->parls[pi];
    long opened_day = pa->start + (long)(runi(r) * (double)(pa->end - pa->start));
    /* when the copy was saved: now (July 2026), archived when its Parliament
     * has been dissolved; for a share of the single petitions of 2015-2017
     * and 2019-2024, at the time, in that version of the site; for a share
     * of the current ones, in late 2025 */
    int saved_then = pa->period != NULL && (pi == 1 || pi == 3) && form == SINGLE && chance(r, 0.3);
    int archived = pa->period != NULL && !saved_then;
    *current_view = !archived;
    long now = days_from_civil(2026, 7, 1), late_2025 = days_from_civil(2025, 12, 1);
    long saved_day = saved_then ? opened_day + rint_(r, 10, 150)
                   : pi == 4 && opened_day + 30 < late_2025 && chance(r, 0.3) ? late_2025 : now;
    int version = year_of(saved_day);
    long sigs = draw_signatures(r);
    double u = runi(r);
    const char *state = u < 0.42 ? "rejected" : (!archived && (u > 0.9 || saved_then)) ? "open" : "closed";
    int rejected = strcmp(state, "rejected") == 0;
    if (rejected) sigs = rint_(r, 1, 12);
    int published = !rejected;

    struct when created = moment(r, opened_day - rint_(r, 1, 9));
    struct when moderated = moment(r, created.day);
    struct when opened = moment(r, opened_day);
    struct when closed = {pa->end < opened_day + 182 ? pa->end : opened_day + 182, 82799, 999};
    struct when rejected_at = moment(r, opened_day);
    long response_day = 0, debate_day = 0;
    struct when threshold = {0}, debate_threshold = {0}, gov_at = {0}, outcome = {0};
    int reached = published && sigs >= 10000, debate_reached = published && sigs >= 100000;
    int responded = 0, debated = 0, outcome_known = 0;
    if (reached) {
        threshold = moment(r, opened_day + rint_(r, 1, 60));
        responded = chance(r, 0.85) && threshold.day + 10 < saved_day;
        response_day = threshold.day + (long)(runi(r) < 0.6 ? rint_(r, 5, 21) : rint_(r, 22, 120));
        gov_at = moment(r, response_day);
    }
    if (debate_reached) {
        debate_threshold = moment(r, threshold.day + rint_(r, 1, 30));
        debate_day = debate_threshold.day + rint_(r, 20, 120);
        outcome_known = debate_day < saved_day;
        debated = chance(r, 0.8);
        outcome = moment(r, debate_day + 2);
    }

    bputs(b, "{");
    int f = 1;
    kstr(b, "type", archived ? "archived-petition" : "petition", &f);
    kint(b, "id", id, &f);
    if (form == IN_LIST) {
        bkey(b, "links", &f);
        bprintf(b, "{\"self\":\"https://petition.parliament.uk/%spetitions/%ld.json\"}", archived ? "archived/" : "", id);
    }
    if (archived) {
        bkey(b, "parliament", &f);
        bprintf(b, "{\"period\":\"%s\",\"government\":", pa->period);
        bstr(b, pa->government);
        bprintf(b, ",\"dissolution_at\":\"%s\",\"response_threshold\":10000,\"debate_threshold\":100000}", pa->dissolution);
    }
    bkey(b, "attributes", &f);
    bputs(b, "{");
    int a = 1;
    char action[160];
    snprintf(action, sizeof action, "%s %s", PICK(r, VERB), PICK(r, OBJECT));
    kstr(b, "action", action, &a);
    buf t = {0};
    if (pi == 0 && chance(r, 0.7)) {
        kstr(b, "background", NULL, &a);            /* legacy petitions: one text */
    } else {
        paragraphs(r, &t, BECAUSE, ARRAY_LEN(BECAUSE), rint_(r, 1, 2));
        kstr(b, "background", t.p, &a);
        t.n = 0;
    }
    paragraphs(r, &t, DETAIL, ARRAY_LEN(DETAIL), rint_(r, 0, 4));
    kstr(b, "additional_details", t.n ? t.p : "", &a);
    t.n = 0;
    if (version >= 2020) kstr(b, "committee_note", chance(r, 0.05) ? "This petition was debated with another." : NULL, &a);
    kstr(b, "state", state, &a);
    kint(b, "signature_count", sigs, &a);
    ktime(b, "created_at", &created, &a);
    long since = saved_day - created.day;
    struct when updated = moment(r, saved_day - rint_(r, 0, since < 300 ? (int)since : 300));
    ktime(b, "updated_at", &updated, &a);
    ktime(b, "rejected_at", rejected ? &rejected_at : NULL, &a);
    ktime(b, version >= 2017 ? "opened_at" : "open_at", published ? &opened : NULL, &a);
    ktime(b, "closed_at", published && strcmp(state, "closed") == 0 ? &closed : NULL, &a);
    ktime(b, "moderation_threshold_reached_at", &moderated, &a);
    ktime(b, "response_threshold_reached_at", reached ? &threshold : NULL, &a);
    ktime(b, "government_response_at", responded ? &gov_at : NULL, &a);
    ktime(b, "debate_threshold_reached_at", debate_reached ? &debate_threshold : NULL, &a);
    if (version >= 2026) {
        long closing = opened_day + 182;
        if (strcmp(state, "open") == 0) kdate(b, "closing_date", &closing, &a);
        kdate(b, "debate_scheduled_on", NULL, &a);
    } else if (version == 2025) {
        kdate(b, "debate_scheduled_at", NULL, &a);
    }
    kdate(b, "scheduled_debate_date", debate_reached ? &debate_day : NULL, &a);
    ktime(b, "debate_outcome_at", outcome_known ? &outcome : NULL, &a);
    if (!archived) {
        char creator[64];
        person(r, creator, sizeof creator);
        kstr(b, "creator_name", strcmp(state, "open") == 0 ? creator : NULL, &a);
    }
    bkey(b, "rejection", &a);
    if (rejected) {
        int rf = 1;
        bputs(b, "{");
        kstr(b, "code", PICK(r, REJECTIONS), &rf);
        kstr(b, "details", chance(r, 0.7) ? "We can't accept your petition because it's about something the Government "
                                            "is not directly responsible for.\r\n\r\nYou might want to contact your local council."
                                          : NULL, &rf);
        bputs(b, "}");
    } else {
        bputs(b, "null");
    }
    bkey(b, "government_response", &a);
    if (responded) {
        int rf = 1;
        bputs(b, "{");
        if (version >= 2018) kdate(b, "responded_on", &response_day, &rf);
        kstr(b, "summary", PICK(r, RESPONSE), &rf);
        paragraphs(r, &t, RESPONSE, ARRAY_LEN(RESPONSE), rint_(r, 3, 9));
        kstr(b, "details", t.p, &rf);
        t.n = 0;
        ktime(b, "created_at", &gov_at, &rf);
        ktime(b, "updated_at", &gov_at, &rf);
        bputs(b, "}");
    } else {
        bputs(b, "null");
    }
    bkey(b, "debate", &a);
    if (outcome_known) {
        int rf = 1;
        bputs(b, "{");
        kdate(b, "debated_on", debated ? &debate_day : NULL, &rf);
        kstr(b, "transcript_url", debated ? "https://hansard.parliament.uk/commons/debate/transcript" : NULL, &rf);
        kstr(b, "video_url", debated ? "https://parliamentlive.tv/event/index/video" : NULL, &rf);
        if (version >= 2018) kstr(b, "debate_pack_url", debated ? "https://researchbriefings.parliament.uk/pack" : NULL, &rf);
        kstr(b, "overview", debated ? "MPs debated this petition in Westminster Hall."
                                    : "The Petitions Committee decided not to schedule a debate.", &rf);
        bputs(b, "}");
    } else {
        bputs(b, "null");
    }
    if (version >= 2020) {
        bkey(b, "departments", &a);
        bputs(b, "[");
        int nd = published && sigs >= 1000 ? rint_(r, 1, 2) : 0;
        for (int i = 0; i < nd; i++) {
            int k = rint_(r, 0, (int)ARRAY_LEN(DEPARTMENTS) - 1), df = 1;
            bputs(b, i ? ",{" : "{");
            kstr(b, "acronym", DEPARTMENTS[k].acronym, &df);
            kstr(b, "name", DEPARTMENTS[k].name, &df);
            bkey(b, "url", &df);
            bprintf(b, "\"https://www.gov.uk/government/organisations/%s\"", DEPARTMENTS[k].slug);
            bputs(b, "}");
        }
        bputs(b, "]");
        if (!archived || pi == 3) {
            bkey(b, "topics", &a);
            int nt = published ? rint_(r, 0, 3) : 0;
            bputs(b, "[");
            for (int i = 0; i < nt; i++) {
                if (i) bputs(b, ",");
                bstr(b, TOPICS[(id + i * 5) % ARRAY_LEN(TOPICS)]);
            }
            bputs(b, "]");
        }
    }
    if (form == SINGLE && published) {
        struct vocab *v = &g->vocab;
        long abroad = sigs / 20 + 1;
        int country_rows = (int)(1 + (abroad > 219 ? 219 : abroad));
        counts(r, b, "signatures_by_country", v->countries, N_COUNTRIES, country_rows, abroad,
               version >= 2016, "code", 0, &a);
        long home = sigs - abroad;
        int rows = (int)(home / 3 > N_CONSTITUENCIES ? N_CONSTITUENCIES : home / 3 + 1);
        counts(r, b, "signatures_by_constituency", v->constituencies, N_CONSTITUENCIES, rows, home > 0 ? home : 1,
               1, "ons_code", 1, &a);
        if (version >= 2020)
            counts(r, b, "signatures_by_region", v->regions, N_REGIONS, N_REGIONS, home > 0 ? home : 1,
                   1, "ons_code", 0, &a);
        if (!archived && version >= 2021) {
            bkey(b, "other_parliamentary_business", &a);
            bputs(b, "[]");
        }
    }
    bputs(b, "}}");
    free(t.p);
}

/* ---------------------------------------------------------------- files */

static void write_file(const char *dir, const char *name, const buf *b)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(b->p, 1, b->n, f) != b->n || fclose(f) != 0) {
        fprintf(stderr, "gen_uk: %s: %s\n", path, strerror(errno));
        exit(1);
    }
}

/* Which Parliament a petition belongs to: more of them lately. */
static int draw_parliament(rng *r)
{
    double u = runi(r);
    return u < 0.12 ? 0 : u < 0.30 ? 1 : u < 0.50 ? 2 : u < 0.78 ? 3 : 4;
}

int main(int argc, char **argv)
{
    long n = 1000;
    uint64_t seed = 2024;
    const char *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-n") && i + 1 < argc) n = atol(argv[++i]);
        else if (!strcmp(argv[i], "-s") && i + 1 < argc) seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "-o") && i + 1 < argc) out = argv[++i];
        else {
            fprintf(stderr, "usage: gen_uk -n N -s SEED -o DIR\n");
            return 2;
        }
    }
    if (!out || n < 0) {
        fprintf(stderr, "usage: gen_uk -n N -s SEED -o DIR\n");
        return 2;
    }
    if (mkdir(out, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "gen_uk: %s: %s\n", out, strerror(errno));
        return 1;
    }
    struct gen *g = calloc(1, sizeof *g);
    if (!g) return 1;
    g->seed = seed;
    init_vocab(&g->vocab, seed);
    init_parls(g->parls);
    long ids[5] = {60000, 100000, 190000, 290000, 700000};      /* the site's id ranges, roughly */
    rng r = rseed(seed, 2);
    buf list[5] = {{0}}, nd = {0}, one = {0};
    int in_list[5] = {0}, page[5] = {0}, nd_lines = 0, nd_files = 0;
    long files = 0, written = 0;
    for (long k = 0; k < n; k++) {
        int pi = draw_parliament(&r);
        long id = ids[pi]++;
        rng pr = rseed(seed, (uint64_t)id);
        double u = runi(&r);
        if (u < 0.55) {
            buf *b = &list[pi];
            if (in_list[pi] == 0) {
                b->n = 0;
                page[pi]++;
                const char *kind = pi == 4 ? "petitions.json?" : "archived/petitions.json?";
                char par[32] = "";
                if (pi < 4) snprintf(par, sizeof par, "parliament=%d&", g->parls[pi].site_id);
                bprintf(b, "{\"links\":{\"self\":\"https://petition.parliament.uk/%spage=%d&%sstate=all\","
                           "\"first\":\"https://petition.parliament.uk/%s%sstate=all\","
                           "\"last\":\"https://petition.parliament.uk/%spage=999&%sstate=all\","
                           "\"next\":\"https://petition.parliament.uk/%spage=%d&%sstate=all\","
                           "\"prev\":%s},\"data\":[",
                        kind, page[pi], par, kind, par, kind, par, kind, page[pi] + 1, par,
                        page[pi] > 1 ? "\"https://petition.parliament.uk/petitions.json\"" : "null");
            } else {
                bputs(b, ",");
            }
            int current;
            petition(g, &pr, pi, IN_LIST, id, b, &current);
            if (++in_list[pi] == 50) {
                bputs(b, "]}");
                char name[96];
                if (pi == 4) snprintf(name, sizeof name, "petitions.json_page_%d", page[pi]);
                else snprintf(name, sizeof name, "archived_petitions.json_parliament_%d_page_%d", g->parls[pi].site_id, page[pi]);
                write_file(out, name, b);
                files++;
                in_list[pi] = 0;
            }
        } else {
            buf p = {0};
            int current;
            petition(g, &pr, pi, SINGLE, id, &p, &current);
            one.n = 0;
            bprintf(&one, "{\"links\":{\"self\":\"https://petition.parliament.uk/%spetitions/%ld.json\"},\"data\":",
                    current ? "" : "archived/", id);
            bput(&one, p.p, p.n);
            bputs(&one, "}");
            free(p.p);
            if (u < 0.90) {
                char name[96];
                snprintf(name, sizeof name, "%spetitions_%ld.json", current ? "" : "archived_", id);
                write_file(out, name, &one);
                files++;
            } else {
                bput(&nd, one.p, one.n);
                bputs(&nd, "\n");
                if (++nd_lines == 1000) {
                    char name[64];
                    snprintf(name, sizeof name, "petitions-%d.ndjson", ++nd_files);
                    write_file(out, name, &nd);
                    files++;
                    nd.n = 0;
                    nd_lines = 0;
                }
            }
        }
        written++;
    }
    for (int pi = 0; pi < 5; pi++) {             /* the last, short pages */
        if (in_list[pi] == 0) continue;
        bputs(&list[pi], "]}");
        char name[96];
        if (pi == 4) snprintf(name, sizeof name, "petitions.json_page_%d", page[pi]);
        else snprintf(name, sizeof name, "archived_petitions.json_parliament_%d_page_%d", g->parls[pi].site_id, page[pi]);
        write_file(out, name, &list[pi]);
        files++;
    }
    if (nd_lines > 0) {
        char name[64];
        snprintf(name, sizeof name, "petitions-%d.ndjson", ++nd_files);
        write_file(out, name, &nd);
        files++;
    }
    printf("%ld petitions in %ld files\n", written, files);
    for (int pi = 0; pi < 5; pi++) free(list[pi].p);
    free(nd.p);
    free(one.p);
    free(g);
    return 0;
}
