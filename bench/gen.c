/* gen.c — writes made-up House of Commons petition pages, for tests and benchmarks.
 *
 *   gen -n N -s SEED -o DIR [-truth FILE]
 *
 * Writes N pages (text, UTF-8) into DIR, deterministic from SEED: e-petitions and
 * paper petitions, English and French pages (a share of petitions in both
 * languages, same id), in every rendering of the page format (header noise or
 * none, blank lines or none, bullet styles, keyword blocks with "- " bullets,
 * the 42nd-Parliament layout, split presentation blocks, province tables,
 * several responses, sessional-paper lines, CRLF, a BOM, pages cut short).
 * Every person, petition and response is fictional: names are built from
 * syllables, texts from templates.
 *
 * -truth FILE writes one CSV row per page with the values a parser should
 * find. On a cut page a value whose line is cut in the middle is "?" (the
 * parser may take the fragment or nothing), a value whose line is gone is empty.
 *
 * Build: cc -O2 -std=c11 -Wall -Wextra -o build/gen bench/gen.c
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

#include "gen_common.h"

static rng rseed(uint64_t a, uint64_t b, uint64_t c)
{
    rng r = { a * 0x9e3779b97f4a7c15ULL ^ (b + 0x632be59bd9b4e019ULL) * 31 ^ c * 0x2545f4914f6cdd1dULL };
    rnext(&r);
    return r;
}

static int pickw(rng *r, const double *w, int n)
{
    double t = 0;
    for (int i = 0; i < n; i++) t += w[i];
    double x = runi(r) * t;
    for (int i = 0; i < n; i++) {
        if (x < w[i]) return i;
        x -= w[i];
    }
    return n - 1;
}

static int weekday(long z) { return (int)((z % 7 + 7 + 3) % 7) + 1; } /* ISO: Mon 1 .. Sun 7 */

static long to_weekday(long z)
{
    int w = weekday(z);
    return w == 6 ? z + 2 : w == 7 ? z + 1 : z;
}

static const char *const MONTH_EN[] = {"January", "February", "March", "April", "May", "June", "July",
                                       "August", "September", "October", "November", "December"};
static const char *const MONTH_FR[] = {"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                                       "août", "septembre", "octobre", "novembre", "décembre"};

static void fmt_iso(char *out, size_t n, long z)
{
    int y, m, d;
    civil_from_days(z, &y, &m, &d);
    snprintf(out, n, "%04d-%02d-%02d", y, m, d);
}

static void fmt_iso_time(char *out, size_t n, long z, int minute)
{
    int y, m, d;
    civil_from_days(z, &y, &m, &d);
    snprintf(out, n, "%04d-%02d-%02dT%02d:%02d", y, m, d, minute / 60, minute % 60);
}

static void fmt_date(char *out, size_t n, long z, int fr)
{
    int y, m, d;
    civil_from_days(z, &y, &m, &d);
    if (fr) snprintf(out, n, "%d%s %s %d", d, d == 1 ? "er" : "", MONTH_FR[m - 1], y);
    else snprintf(out, n, "%s %d, %d", MONTH_EN[m - 1], d, y);
}

/* The site prints (EDT)/(HAE) all year; some copies say EST/HNE in winter. */
static void fmt_datetime(char *out, size_t n, long z, int minute, int fr, int winter_zone)
{
    char date[64];
    int y, m, d, h = minute / 60, mi = minute % 60;
    civil_from_days(z, &y, &m, &d);
    int winter = winter_zone && (m <= 2 || m == 12 || (m == 3 && d < 10) || (m == 11 && d > 5));
    fmt_date(date, sizeof date, z, fr);
    if (fr) snprintf(out, n, "%s à %d h %02d (%s)", date, h, mi, winter ? "HNE" : "HAE");
    else snprintf(out, n, "%s, at %d:%02d %s (%s)", date, h % 12 == 0 ? 12 : h % 12, mi,
                  h < 12 ? "a.m." : "p.m.", winter ? "EST" : "EDT");
}

/* Parliaments and sessions, by sitting dates. */
struct session { int parl, sess; long start, end; };
static struct session SESSIONS[5];

static void init_sessions(void)
{
    const int t[5][8] = {{42, 1, 2015, 12, 3, 2019, 9, 11}, {43, 1, 2019, 12, 5, 2020, 8, 18},
                         {43, 2, 2020, 9, 23, 2021, 8, 15}, {44, 1, 2021, 11, 22, 2025, 1, 6},
                         {45, 1, 2025, 5, 26, 2027, 12, 31}};
    for (int i = 0; i < 5; i++)
        SESSIONS[i] = (struct session){t[i][0], t[i][1], days_from_civil(t[i][2], t[i][3], t[i][4]),
                                       days_from_civil(t[i][5], t[i][6], t[i][7])};
}

/* The session sitting on day z, moving z forward past a gap between sessions. */
static int session_at(long *z)
{
    for (int i = 0; i < 5; i++) {
        if (*z < SESSIONS[i].start) *z = SESSIONS[i].start + (*z % 11);
        if (*z <= SESSIONS[i].end) return i;
    }
    return 4;
}

/* ---------------------------------------------------------------- vocabulary */

struct province { const char *en, *fr; double weight; const char *cities[12]; };
static const struct province PROV[] = {
    {"Ontario", "Ontario", 38, {"Toronto", "Ottawa", "Hamilton", "London", "Kingston", "Sudbury",
                                "Thunder Bay", "Windsor", "Barrie", "Oshawa", "Guelph", "Peterborough"}},
    {"Quebec", "Québec", 22, {"Montréal", "Québec", "Laval", "Gatineau", "Sherbrooke", "Trois-Rivières",
                              "Saguenay", "Rimouski", "Lévis", "Drummondville"}},
    {"British Columbia", "Colombie-Britannique", 14,
     {"Vancouver", "Victoria", "Surrey", "Kelowna", "Kamloops", "Nanaimo", "Prince George", "Burnaby"}},
    {"Alberta", "Alberta", 12, {"Calgary", "Edmonton", "Red Deer", "Lethbridge", "Medicine Hat", "Grande Prairie"}},
    {"Manitoba", "Manitoba", 3.6, {"Winnipeg", "Brandon", "Steinbach", "Thompson"}},
    {"Saskatchewan", "Saskatchewan", 3, {"Saskatoon", "Regina", "Moose Jaw", "Prince Albert"}},
    {"Nova Scotia", "Nouvelle-Écosse", 2.7, {"Halifax", "Sydney", "Truro", "Lunenburg"}},
    {"New Brunswick", "Nouveau-Brunswick", 2.1, {"Moncton", "Fredericton", "Saint John", "Bathurst"}},
    {"Newfoundland and Labrador", "Terre-Neuve-et-Labrador", 1.4, {"St. John's", "Corner Brook", "Gander"}},
    {"Prince Edward Island", "Île-du-Prince-Édouard", 0.4, {"Charlottetown", "Summerside"}},
    {"Northwest Territories", "Territoires du Nord-Ouest", 0.15, {"Yellowknife", "Inuvik"}},
    {"Yukon", "Yukon", 0.15, {"Whitehorse", "Dawson City"}},
    {"Nunavut", "Nunavut", 0.1, {"Iqaluit", "Rankin Inlet"}},
};
#define NPROV ((int)ARRAY_LEN(PROV))

static int ncities(int p)
{
    int n = 0;
    while (n < 12 && PROV[p].cities[n]) n++;
    return n;
}

static int pick_province(rng *r)
{
    double w[NPROV];
    for (int i = 0; i < NPROV; i++) w[i] = PROV[i].weight;
    return pickw(r, w, NPROV);
}

struct caucus { const char *en, *fr; double weight; };
static const struct caucus CAUCUS[] = {
    {"Liberal", "Libéral", 35}, {"Conservative", "Conservateur", 35},
    {"New Democratic Party", "Nouveau Parti démocratique", 13}, {"Bloc Québécois", "Bloc Québécois", 10},
    {"Green Party", "Parti vert", 3}, {"Independent", "Indépendant", 4},
};
#define NCAUCUS ((int)ARRAY_LEN(CAUCUS))

/* Responders: English title, French title (masculine, feminine). */
struct minister { const char *en, *fr_m, *fr_f; };
static const struct minister MIN[] = {
    /*0*/ {"Minister of Health", "ministre de la Santé", "ministre de la Santé"},
    /*1*/ {"Minister of Environment and Climate Change", "ministre de l’Environnement et du Changement climatique",
           "ministre de l’Environnement et du Changement climatique"},
    /*2*/ {"Minister of Foreign Affairs", "ministre des Affaires étrangères", "ministre des Affaires étrangères"},
    /*3*/ {"Minister of Justice and Attorney General of Canada", "ministre de la Justice et procureur général du Canada",
           "ministre de la Justice et procureure générale du Canada"},
    /*4*/ {"Minister of Transport", "ministre des Transports", "ministre des Transports"},
    /*5*/ {"Minister of Public Safety", "ministre de la Sécurité publique", "ministre de la Sécurité publique"},
    /*6*/ {"Minister of Finance", "ministre des Finances", "ministre des Finances"},
    /*7*/ {"Minister of Immigration, Refugees and Citizenship", "ministre de l’Immigration, des Réfugiés et de la Citoyenneté",
           "ministre de l’Immigration, des Réfugiés et de la Citoyenneté"},
    /*8*/ {"Minister of Agriculture and Agri-Food", "ministre de l’Agriculture et de l’Agroalimentaire",
           "ministre de l’Agriculture et de l’Agroalimentaire"},
    /*9*/ {"Minister of Fisheries, Oceans and the Canadian Coast Guard",
           "ministre des Pêches, des Océans et de la Garde côtière canadienne",
           "ministre des Pêches, des Océans et de la Garde côtière canadienne"},
    /*10*/ {"Minister of Canadian Heritage", "ministre du Patrimoine canadien", "ministre du Patrimoine canadien"},
    /*11*/ {"Minister of National Defence", "ministre de la Défense nationale", "ministre de la Défense nationale"},
    /*12*/ {"Minister of Crown-Indigenous Relations", "ministre des Relations Couronne-Autochtones",
            "ministre des Relations Couronne-Autochtones"},
    /*13*/ {"Minister of Natural Resources", "ministre des Ressources naturelles", "ministre des Ressources naturelles"},
    /*14*/ {"Minister of Veterans Affairs", "ministre des Anciens Combattants", "ministre des Anciens Combattants"},
    /*15*/ {"Minister of Employment, Workforce Development and Disability Inclusion",
            "ministre de l’Emploi, du Développement de la main-d’œuvre et de l’Inclusion des personnes en situation de handicap",
            "ministre de l’Emploi, du Développement de la main-d’œuvre et de l’Inclusion des personnes en situation de handicap"},
    /*16*/ {"President of the Treasury Board", "président du Conseil du Trésor", "présidente du Conseil du Trésor"},
    /*17*/ {"Prime Minister", "premier ministre", "première ministre"},
    /*18*/ {"President of the King's Privy Council for Canada", "président du Conseil privé du Roi pour le Canada",
            "présidente du Conseil privé du Roi pour le Canada"},
    /*19*/ {"Minister of Innovation, Science and Industry", "ministre de l’Innovation, des Sciences et de l’Industrie",
            "ministre de l’Innovation, des Sciences et de l’Industrie"},
    /*20*/ {"Minister of Indigenous Services", "ministre des Services aux Autochtones", "ministre des Services aux Autochtones"},
    /*21*/ {"Minister of Labour", "ministre du Travail", "ministre du Travail"},
};
#define NMIN ((int)ARRAY_LEN(MIN))

struct topic {
    const char *en, *fr;
    double weight;
    const char *phrase_en, *phrase_fr;   /* what the petition is about, for the templates */
    int ministers[3];                    /* usual responders */
    const char *kw_en[3], *kw_fr[3];
};
static const struct topic TOPIC[] = {
    {"Health", "Santé", 14, "access to family doctors", "l’accès aux médecins de famille", {0, 0, 17},
     {"Health care system", "Pharmacare", "Mental health"}, {"Système de santé", "Assurance-médicaments", "Santé mentale"}},
    {"Environment", "Environnement", 12, "the protection of coastal wetlands", "la protection des milieux humides côtiers", {1, 1, 13},
     {"Climate change", "Wetlands", "Pollution"}, {"Changements climatiques", "Milieux humides", "Pollution"}},
    {"Foreign affairs", "Affaires étrangères", 11, "humanitarian assistance abroad", "l’aide humanitaire à l’étranger", {2, 2, 7},
     {"Foreign policy", "Humanitarian assistance", "Human rights"}, {"Politique étrangère", "Aide humanitaire", "Droits de la personne"}},
    {"Justice", "Justice", 8, "the treatment of victims of crime", "la protection des victimes d’actes criminels", {3, 3, 5},
     {"Criminal Code", "Victims", "Courts"}, {"Code criminel", "Victimes", "Tribunaux"}},
    {"Transportation", "Transports", 6, "intercity passenger buses", "la desserte par autocar interurbain", {4, 4, 19},
     {"Public transit", "Rail transportation", "Air transportation"}, {"Transport en commun", "Transport ferroviaire", "Transport aérien"}},
    {"Human rights", "Droits de la personne", 6, "the rights of religious minorities", "la liberté de religion des minorités", {2, 3, 2},
     {"Religious freedom", "Human rights", "Persecution"}, {"Liberté de religion", "Droits de la personne", "Persécution"}},
    {"Immigration", "Immigration", 6, "family reunification", "la réunification des familles", {7, 7, 7},
     {"Refugees", "Permanent residence", "Family reunification"}, {"Réfugiés", "Résidence permanente", "Réunification familiale"}},
    {"Public safety", "Sécurité publique", 5, "firearms smuggling at the border", "la lutte contre la contrebande d’armes", {5, 5, 3},
     {"Firearms", "Border security", "Policing"}, {"Armes à feu", "Sécurité frontalière", "Services de police"}},
    {"Taxation", "Fiscalité", 4, "the taxation of small businesses", "la fiscalité des petites entreprises", {6, 6, 16},
     {"Income tax", "Small business", "Tax credits"}, {"Impôt sur le revenu", "Petites entreprises", "Crédits d’impôt"}},
    {"Agriculture", "Agriculture", 3, "rail service for grain farmers", "la desserte ferroviaire des céréaliers", {8, 8, 4},
     {"Grain", "Farmers", "Rail service"}, {"Céréales", "Agriculteurs", "Service ferroviaire"}},
    {"Fisheries", "Pêches", 3, "the inshore lobster fishery", "la pêche côtière du homard", {9, 9, 9},
     {"Fishing seasons", "Lobster", "Enforcement"}, {"Saisons de pêche", "Homard", "Application de la loi"}},
    {"Indigenous affairs", "Affaires autochtones", 4, "safe drinking water in First Nations", "l’eau potable dans les Premières Nations", {20, 12, 20},
     {"Drinking water", "First Nations", "Reconciliation"}, {"Eau potable", "Premières Nations", "Réconciliation"}},
    {"Canadian heritage", "Patrimoine canadien", 3, "regional festivals", "la présentation des festivals régionaux", {10, 10, 10},
     {"Arts and culture", "Festivals", "Broadcasting"}, {"Arts et culture", "Festivals", "Radiodiffusion"}},
    {"Democratic process", "Processus démocratique", 3, "civic education", "l’éducation civique", {18, 18, 17},
     {"Elections", "Electoral reform", "Voting age"}, {"Élections", "Réforme électorale", "Âge de voter"}},
    {"Natural resources", "Ressources naturelles", 3, "the future of forestry towns", "l’avenir des villes forestières", {13, 13, 1},
     {"Forestry", "Mining", "Energy"}, {"Foresterie", "Mines", "Énergie"}},
    {"Veterans affairs", "Anciens combattants", 2, "services for veterans", "l’aide aux anciens combattants", {14, 14, 11},
     {"Veterans", "Pensions", "Mental health"}, {"Anciens combattants", "Pensions", "Santé mentale"}},
    {"National defence", "Défense nationale", 2, "military housing", "la qualité des logements militaires", {11, 11, 11},
     {"Canadian Armed Forces", "Housing", "Procurement"}, {"Forces armées canadiennes", "Logement", "Approvisionnement"}},
    {"Employment", "Emploi", 2, "employment insurance for seasonal workers", "l’assurance-emploi des travailleurs saisonniers", {15, 21, 15},
     {"Employment insurance", "Seasonal work", "Workers"}, {"Assurance-emploi", "Travail saisonnier", "Travailleurs"}},
    {"Health care services", "Services de santé", 3, "rare disease treatment", "la prise en charge des maladies rares", {0, 0, 0},
     {"Rare diseases", "Pharmacare", "Drug approval"}, {"Maladies rares", "Assurance-médicaments", "Approbation des médicaments"}},
    {"Parliament and politics", "Parlement et politique", 2, "the rules of Parliament", "la transparence du Parlement", {18, 17, 16},
     {"Parliament", "Ethics", "Transparency"}, {"Parlement", "Éthique", "Transparence"}},
};
#define NTOPIC ((int)ARRAY_LEN(TOPIC))

static const char *const GRIEV_EN[] = {
    "Many Canadians are affected by problems with %s;",
    "Federal funding for %s has not kept pace with need;",
    "Rural and northern communities face particular barriers in %s;",
    "Experts have warned that gaps in %s will grow without federal action;",
    "Other countries have adopted national strategies on %s;",
    "Families bear rising costs linked to %s;",
    "Current federal rules on %s are unclear and applied unevenly across regions;",
    "Community organizations working on %s depend on short-term grants;",
};
static const char *const GRIEV_FR[] = {
    "De nombreux Canadiens sont touchés par les problèmes liés à %s;",
    "Le financement fédéral consacré à %s n’a pas suivi les besoins;",
    "Les collectivités rurales et nordiques font face à des obstacles particuliers quant à %s;",
    "Des experts préviennent que les lacunes touchant %s vont s’aggraver sans intervention fédérale;",
    "D’autres pays ont adopté des stratégies nationales sur %s;",
    "Les familles assument des coûts croissants liés à %s;",
    "Les règles fédérales actuelles concernant %s sont floues et appliquées de façon inégale;",
    "Les organismes communautaires qui travaillent sur %s dépendent de subventions à court terme;",
};
static const char *const REQ_EN[] = {
    "create a national strategy on %s", "increase federal funding for %s",
    "report to Parliament every year on %s", "consult provinces, territories and Indigenous communities on %s",
    "set clear national standards for %s", "fund pilot projects on %s in every province",
};
static const char *const REQ_FR[] = {
    "créer une stratégie nationale sur %s", "augmenter le financement fédéral de %s",
    "faire rapport au Parlement chaque année sur %s", "consulter les provinces, les territoires et les communautés autochtones sur %s",
    "établir des normes nationales claires pour %s", "financer des projets pilotes sur %s dans chaque province",
};
static const char *const RESP_EN[] = {
    "The Government of Canada thanks the petitioners for bringing this matter to its attention.",
    "The Government recognizes that this issue matters to many Canadians and their families.",
    "Since 2016, federal investments in this area have been renewed several times through successive budgets.",
    "Officials continue to work closely with provincial and territorial partners, who deliver many of the programs concerned.",
    "The department consulted stakeholders, experts and the public before it set its current priorities.",
    "These measures are reviewed regularly to make sure that they meet their objectives and represent value for money.",
    "Further details are available in the department's annual report on plans and priorities.",
    "The Government will continue to monitor the situation and to adjust its approach as new evidence becomes available.",
    "Under the Constitution, responsibility in this area is shared between the federal government and the provinces.",
    "A national framework was published after an extensive engagement process that reached thousands of participants.",
    "Funding is allocated through calls for proposals that are open to non-profit organizations and local governments.",
    "The Government remains committed to transparent reporting and publishes results on an open data portal.",
    "In addition, a working group of federal, provincial and territorial officials meets twice a year to compare progress.",
    "The Government does not comment on matters that are before the courts or under active investigation.",
    "Budget 2021 proposed new funding over five years, starting in 2021-22, to support this work.",
    "Canadians can consult the program's eligibility criteria and application guides on the department's website.",
    "Legislation in this area was last amended following a statutory review by a standing committee of the House.",
    "International partners face similar challenges, and Canada shares its experience with them through multilateral forums.",
};
static const char *const RESP_FR[] = {
    "Le gouvernement du Canada remercie les pétitionnaires d’avoir porté cette question à son attention.",
    "Le gouvernement reconnaît que cette question est importante pour de nombreux Canadiens et leurs familles.",
    "Depuis 2016, les investissements fédéraux dans ce domaine ont été renouvelés à plusieurs reprises dans les budgets successifs.",
    "Les fonctionnaires continuent de collaborer étroitement avec les provinces et les territoires, qui offrent bon nombre des programmes visés.",
    "Le ministère a consulté les intervenants, des experts et le public avant d’établir ses priorités actuelles.",
    "Ces mesures sont examinées régulièrement afin de s’assurer qu’elles atteignent leurs objectifs et qu’elles sont optimales.",
    "De plus amples renseignements figurent dans le rapport annuel du ministère sur les plans et les priorités.",
    "Le gouvernement continuera de suivre la situation et d’adapter son approche à mesure que de nouvelles données seront disponibles.",
    "En vertu de la Constitution, la responsabilité dans ce domaine est partagée entre le gouvernement fédéral et les provinces.",
    "Un cadre national a été publié à la suite d’un vaste processus de mobilisation qui a rejoint des milliers de participants.",
    "Le financement est accordé au moyen d’appels de propositions ouverts aux organismes sans but lucratif et aux administrations locales.",
    "Le gouvernement demeure résolu à rendre compte de façon transparente et publie les résultats sur un portail de données ouvertes.",
    "En outre, un groupe de travail fédéral-provincial-territorial se réunit deux fois par année pour comparer les progrès réalisés.",
    "Le gouvernement ne commente pas les affaires dont les tribunaux sont saisis ou qui font l’objet d’une enquête.",
    "Le budget de 2021 proposait de nouveaux fonds sur cinq ans, à compter de 2021-2022, pour appuyer ce travail.",
    "Les Canadiens peuvent consulter les critères d’admissibilité et les guides de demande sur le site Web du ministère.",
    "La loi dans ce domaine a été modifiée pour la dernière fois à la suite d’un examen par un comité permanent de la Chambre.",
    "Les partenaires internationaux font face à des défis semblables, et le Canada leur fait part de son expérience dans les forums multilatéraux.",
};

/* ---------------------------------------------------------------- people */

static const char *const FIRST_A[] = {"Al", "Bren", "Cor", "Dav", "El", "Fen", "Gal", "Har", "Is", "Jor", "Kel", "Lor",
                                      "Mar", "Nor", "Or", "Per", "Quen", "Ros", "Sil", "Tam", "Ul", "Ver", "Wyn",
                                      "Yar", "Zel", "Émi", "Hél", "Sol", "Tib", "Rae"};
static const char *const FIRST_B[] = {"a", "an", "o", "ie", "el", "in", "is", "ara", "en", "ette", "ion", "y", "ène", "ric"};
static const char *const LAST_A[] = {"Bar", "Cal", "Dun", "Eld", "Fal", "Gor", "Hal", "Ib", "Jask", "Kov", "Lind",
                                     "Mor", "Nesk", "Ost", "Pell", "Quor", "Rav", "Stov", "Tul", "Ud", "Vask",
                                     "Wend", "Yor", "Zan", "Brel", "Thib", "Garn", "Plou"};
static const char *const LAST_B[] = {"ridge", "ley", "wick", "ovar", "ennet", "ard", "ello", "ich", "ier", "ond",
                                     "aby", "ette", "ault", "eau", "ière", "sen", "quist", "mont", "ardy"};

struct person { char name[64]; int female; };

/* A fictional name in name case: a capital after a space, hyphen or apostrophe. */
static struct person make_person(rng *r)
{
    struct person p;
    char first[32], last[40];
    p.female = chance(r, 0.5);
    snprintf(first, sizeof first, "%s%s", FIRST_A[rint_(r, 0, ARRAY_LEN(FIRST_A) - 1)],
             FIRST_B[rint_(r, 0, ARRAY_LEN(FIRST_B) - 1)]);
    if (chance(r, 0.05)) {
        size_t n = strlen(first);
        snprintf(first + n, sizeof first - n, "-%s%s", FIRST_A[rint_(r, 0, 24)], FIRST_B[rint_(r, 0, 4)]);
    }
    const char *la = LAST_A[rint_(r, 0, ARRAY_LEN(LAST_A) - 1)];
    const char *lb = LAST_B[rint_(r, 0, ARRAY_LEN(LAST_B) - 1)];
    if (chance(r, 0.03)) snprintf(last, sizeof last, "D'%s%s", (const char *[]){"Eld", "Ib", "Ost", "Ud"}[rint_(r, 0, 3)], lb);
    else if (chance(r, 0.04)) snprintf(last, sizeof last, "%s%s-%s%s", la, lb, LAST_A[rint_(r, 0, 23)], LAST_B[rint_(r, 0, 5)]);
    else snprintf(last, sizeof last, "%s%s", la, lb);
    snprintf(p.name, sizeof p.name, "%s %s", first, last);
    return p;
}

/* Upper case of ASCII and of the Latin-1 letters (U+00E0..U+00FE) in UTF-8. */
static void upper_utf8(char *out, size_t n, const char *s)
{
    size_t o = 0;
    for (; *s && o + 2 < n; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 'a' && c <= 'z') out[o++] = (char)(c - 32);
        else if (c == 0xC3 && (unsigned char)s[1] >= 0xA0 && (unsigned char)s[1] <= 0xBE && (unsigned char)s[1] != 0xB7) {
            out[o++] = (char)c;
            out[o++] = (char)((unsigned char)s[1] - 0x20);
            s++;
        } else out[o++] = (char)c;
    }
    out[o] = 0;
}

struct mp { struct person p; int prov; int caucus; char riding[96]; };
#define NMP 420
static struct mp MPS[NMP];

static void make_riding(rng *r, int prov, char *out, size_t n)
{
    int nc = ncities(prov);
    const char *a = PROV[prov].cities[rint_(r, 0, nc - 1)];
    const char *b = PROV[prov].cities[rint_(r, 0, nc - 1)];
    switch (rint_(r, 0, 5)) {
    case 0: snprintf(out, n, "%s", a); break;
    case 1: snprintf(out, n, "%s Centre", a); break;
    case 2: snprintf(out, n, "%s North", a); break;
    case 3: snprintf(out, n, "%s—%s", a, strcmp(a, b) ? b : "Lakes"); break;
    default: snprintf(out, n, "%s—%s", a, (const char *[]){"Westlock", "Rideau", "Les Îles", "Shore", "Valley"}[rint_(r, 0, 4)]);
    }
    if (prov >= 10) snprintf(out, n, "%s", PROV[prov].en); /* territories: one riding each */
}

static void init_people(void)
{
    rng r = rseed(20240611, 1, 1);           /* fixed: the same MPs and ministers for every seed */
    double w[NCAUCUS];
    for (int i = 0; i < NCAUCUS; i++) w[i] = CAUCUS[i].weight;
    for (int i = 0; i < NMP; i++) {
        MPS[i].p = make_person(&r);
        MPS[i].prov = pick_province(&r);
        int c = pickw(&r, w, NCAUCUS);
        if (MPS[i].prov == 1 && chance(&r, 0.4)) c = 3;
        if (c == 3 && MPS[i].prov != 1) c = chance(&r, 0.5) ? 0 : 1;   /* the Bloc sits for Quebec only */
        MPS[i].caucus = c;
        make_riding(&r, MPS[i].prov, MPS[i].riding, sizeof MPS[i].riding);
    }
}

/* Signer k (0 the minister, 1-2 parliamentary secretaries) of a responder in a parliament. */
static struct person signer(int minister, int parl, int k)
{
    rng r = rseed(minister + 100, parl, k);
    return make_person(&r);
}

/* ---------------------------------------------------------------- the petition */

enum { ORIG_EN, ORIG_FR, ORIG_BI };
enum { ST_STANDARD, ST_COMPACT, ST_KEYWORDS, ST_OLD };

struct response { int minister, signer_k; };

struct petition {
    int is_e, number;
    char id[16];
    int topic, orig;
    struct person initiator;
    int ini_prov, ini_city, city_case;       /* 0 as is, 1 lower case */
    int addressee, addr_min2;                /* kind of addressee; second minister */
    int ngriev, griev[6], nreq, req[5];
    int nkw, kw[3];
    int opened_state;                        /* 0 closed, 1 open */
    long opened, closed;
    int open_min, close_min;
    long presented, tabled;                  /* -1: none */
    int sess_idx, petno_n;
    char petno[16];
    int presenter, sponsor;                  /* MP indices */
    int nresp;
    struct response resp[3];
    int sessional;                           /* response only as a sessional paper line */
    char sessional_paper[32];
    int old_era, not_certified;
    long sigs;                               /* -1: unknown */
    long by_prov[NPROV];
    int target_len;                          /* wanted page length, bytes */
};

static long sum_table(const struct petition *p)
{
    long t = 0;
    for (int i = 0; i < NPROV; i++) t += p->by_prov[i];
    return t;
}

struct generator {
    uint64_t seed;
    long n_pages, n_petitions_est;
    int e_counter;
    int paper_counter[5];
};

static void spread_signatures(rng *r, struct petition *p, long total)
{
    memset(p->by_prov, 0, sizeof p->by_prov);
    long home = (long)(total * (0.4 + 0.3 * runi(r)));
    p->by_prov[p->ini_prov] = home;
    long rest = total - home;
    while (rest > 0) {
        int pr = pick_province(r);
        long part = rest < 5 ? rest : 1 + (long)(rest * runi(r) * 0.6);
        p->by_prov[pr] += part;
        rest -= part;
    }
}

/* k distinct numbers from 0..n-1, in random order. */
static void pick_distinct(rng *r, int *out, int k, int n)
{
    int all[16];
    for (int i = 0; i < n; i++) all[i] = i;
    for (int i = 0; i < k; i++) {
        int j = rint_(r, i, n - 1), t = all[i];
        all[i] = all[j];
        all[j] = t;
        out[i] = all[i];
    }
}

static void make_petition(struct generator *g, long idx, struct petition *p)
{
    rng r = rseed(g->seed, (uint64_t)idx, 7);
    memset(p, 0, sizeof *p);
    double w[NTOPIC];
    for (int i = 0; i < NTOPIC; i++) w[i] = TOPIC[i].weight;
    p->topic = pickw(&r, w, NTOPIC);
    p->is_e = chance(&r, 0.55);
    p->orig = pickw(&r, (const double[]){72, 24, 4}, 3);
    if (p->is_e && p->orig == ORIG_BI) p->orig = ORIG_EN;
    p->initiator = make_person(&r);
    p->ini_prov = pick_province(&r);
    p->ini_city = rint_(&r, 0, ncities(p->ini_prov) - 1);
    p->city_case = chance(&r, 0.08);
    p->addressee = pickw(&r, (const double[]){40, 8, 15, 12, 18, 7}, 6);
    p->addr_min2 = rint_(&r, 0, NMIN - 3);
    p->ngriev = pickw(&r, (const double[]){5, 15, 30, 25, 15, 10}, 6) + (chance(&r, 0.1) ? 0 : 1);
    if (p->ngriev > 6) p->ngriev = 6;
    pick_distinct(&r, p->griev, p->ngriev, (int)ARRAY_LEN(GRIEV_EN));
    p->nreq = pickw(&r, (const double[]){45, 20, 20, 10, 5}, 5) + 1;
    pick_distinct(&r, p->req, p->nreq, (int)ARRAY_LEN(REQ_EN));
    p->nkw = rint_(&r, 1, 3);
    for (int i = 0; i < p->nkw; i++) p->kw[i] = i;

    /* Dates progress with the petition's index, from 2016 to mid-2025. */
    long first = days_from_civil(2016, 1, 15), last = days_from_civil(2025, 6, 30);
    double frac = (double)idx / (double)(g->n_petitions_est > 1 ? g->n_petitions_est : 1);
    if (frac > 1) frac = 1;
    long day = first + (long)(frac * (double)(last - first)) + rint_(&r, -20, 20);
    if (day < first) day = first;
    p->presented = p->tabled = -1;
    p->sigs = -1;
    p->old_era = day < days_from_civil(2019, 9, 11);

    int sponsor = rint_(&r, 0, NMP - 1);
    p->sponsor = p->presenter = sponsor;
    if (chance(&r, 0.05)) p->presenter = rint_(&r, 0, NMP - 1);   /* e-petitions only: see below */

    int fate;                                /* 0 presented, 1 closed unpresented, 2 open, 3 not certified */
    if (p->is_e) {
        p->number = ++g->e_counter;
        snprintf(p->id, sizeof p->id, "e-%d", p->number);
        p->opened = day;
        p->open_min = rint_(&r, 8 * 60, 18 * 60);
        static const int open_days[] = {30, 90, 120};
        p->closed = day + open_days[pickw(&r, (const double[]){10, 15, 75}, 3)];
        p->close_min = p->open_min;
        fate = pickw(&r, (const double[]){83, 11, 2, p->old_era ? 8 : 0}, 4);
        if (fate == 2) {                      /* still open: its deadline lies ahead */
            p->opened = days_from_civil(2026, 10, 1) + rint_(&r, 0, 150);
            p->closed = p->opened + 120;
            p->opened_state = 1;
        }
        if (fate == 3) p->not_certified = 1;
        if (fate == 0) p->presented = p->closed + rint_(&r, 1, 50);
        long total = fate == 0 ? 500 + (long)(900 * runi(&r) / (0.03 + runi(&r))) : rint_(&r, 3, 499);
        spread_signatures(&r, p, total);
        p->sigs = total;
    } else {
        fate = 0;
        p->presenter = p->sponsor;            /* a paper petition's sponsor is who presented it */
        p->presented = day;
        static const int sig_base[] = {25, 100, 400, 2000};
        p->sigs = sig_base[pickw(&r, (const double[]){50, 30, 15, 5}, 4)] + rint_(&r, 0, 80);
        if (chance(&r, 0.03)) p->sigs += rint_(&r, 1000, 9000);
    }
    if (p->presented >= 0) {
        p->presented = to_weekday(p->presented);
        p->sess_idx = session_at(&p->presented);
        p->presented = to_weekday(p->presented);
        p->petno_n = ++g->paper_counter[p->sess_idx];
        snprintf(p->petno, sizeof p->petno, "%d%d-%05d", SESSIONS[p->sess_idx].parl, SESSIONS[p->sess_idx].sess,
                 p->petno_n);
        if (!p->is_e) snprintf(p->id, sizeof p->id, "%s", p->petno);
        p->old_era = SESSIONS[p->sess_idx].parl == 42;
        if (chance(&r, 0.92)) {               /* answered */
            int kind = pickw(&r, (const double[]){78, 17, 5}, 3);
            int delay = kind == 0 ? rint_(&r, 30, 45) : kind == 1 ? rint_(&r, 46, 120) : rint_(&r, 14, 29);
            long t = to_weekday(p->presented + delay);
            session_at(&t);
            p->tabled = to_weekday(t);
            p->nresp = pickw(&r, (const double[]){80, 14, 6}, 3) + 1;
            const struct topic *tp = &TOPIC[p->topic];
            for (int i = 0; i < p->nresp; i++) {
                p->resp[i].minister = i == 0 ? tp->ministers[rint_(&r, 0, 2)] : rint_(&r, 0, NMIN - 1);
                p->resp[i].signer_k = pickw(&r, (const double[]){35, 50, 15}, 3);
            }
            if (p->old_era && chance(&r, 0.5)) {
                p->sessional = 1;
                snprintf(p->sessional_paper, sizeof p->sessional_paper, "8545-%d%d-%d-%d", SESSIONS[p->sess_idx].parl,
                         SESSIONS[p->sess_idx].sess, rint_(&r, 1, 250), rint_(&r, 1, 99));
            }
        }
    }
    double big = runi(&r);
    p->target_len = big < 0.08 ? rint_(&r, 6000, 8000) : 1400 + (int)(2300 * (runi(&r) + runi(&r)));
}

/* ---------------------------------------------------------------- truth */

enum {
    F_ID, F_LANG, F_KIND, F_TOPIC, F_ORIG, F_INITIATOR, F_ICITY, F_IPROV, F_ADDRESSEE, F_NGRIEV, F_KEYWORDS,
    F_NRESP, F_RESPONDER, F_SIGNED_BY, F_OPENED_AT, F_CLOSED_AT, F_OPENED, F_CLOSED, F_PRESENTED, F_PETNO,
    F_PARL, F_SESS, F_PRESENTER, F_PRIDING, F_SPONSOR, F_SRIDING, F_SCAUCUS, F_SPROV, F_TABLED, F_SESSPAPER,
    F_SIGS, F_NOTCERT, F_RDAYS, F_LATE, NF
};
static const char *const FIELD_NAME[NF] = {
    "id", "lang", "kind", "topic", "original_language", "initiator", "initiator_city", "initiator_province",
    "addressee", "n_grievances", "keywords", "n_responses", "responder", "signed_by", "opened_at", "closed_at",
    "opened", "closed", "presented", "petition_no", "parliament", "session", "presenter", "presenter_riding",
    "sponsor", "sponsor_riding", "sponsor_caucus", "sponsor_province", "response_tabled", "sessional_paper",
    "signatures", "not_certified", "response_days", "late"};

#define MAXSRC 8
struct field {
    char val[400];
    int nsrc;                     /* 0: known without reading a line (the id gives it) */
    size_t s[MAXSRC], e[MAXSRC];  /* the lines that give the value: start, end of content */
};

struct page {
    buf b;
    int fr, style, blank;         /* language, rendering, blank lines between sections */
    size_t ls, le;                /* the last line written: start, end of its content */
    struct field f[NF];
};

static void line(struct page *pg, const char *fmt, ...)
{
    va_list ap;
    pg->ls = pg->b.n;
    va_start(ap, fmt);
    bvprintf(&pg->b, fmt, ap);
    va_end(ap);
    pg->le = pg->b.n;
    bputs(&pg->b, "\n");
}

static void blank(struct page *pg)
{
    if (pg->blank) bputs(&pg->b, "\n");
}

static void tset(struct page *pg, int f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(pg->f[f].val, sizeof pg->f[f].val, fmt, ap);
    va_end(ap);
}

/* The last line written gives field f. */
static void tsrc(struct page *pg, int f)
{
    struct field *x = &pg->f[f];
    if (x->nsrc < MAXSRC) {
        x->s[x->nsrc] = pg->ls;
        x->e[x->nsrc] = pg->le;
        x->nsrc++;
    }
}

/* Lines from `start` through the last one written give field f (a block). */
static void tsrc_block(struct page *pg, int f, size_t start)
{
    struct field *x = &pg->f[f];
    x->s[0] = start;
    x->e[0] = pg->le;
    x->nsrc = 1;
}

/* ---------------------------------------------------------------- rendering */

static void thousands(char *out, size_t n, long v, int fr, rng *r)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%ld", v);
    const char *sep = fr ? (chance(r, 0.85) ? NBSP : NNBSP) : ",";
    size_t len = strlen(digits), o = 0;
    for (size_t i = 0; i < len && o + 4 < n; i++) {
        if (i > 0 && (len - i) % 3 == 0) {
            size_t sl = strlen(sep);
            memcpy(out + o, sep, sl);
            o += sl;
        }
        out[o++] = digits[i];
    }
    out[o] = 0;
}

static void capitalize(char *out, size_t n, const char *s)
{
    snprintf(out, n, "%s", s);
    if (out[0] >= 'a' && out[0] <= 'z') out[0] = (char)(out[0] - 32);
    else if ((unsigned char)out[0] == 0xC3 && (unsigned char)out[1] >= 0xA0) out[1] = (char)((unsigned char)out[1] - 0x20);
}

static void render_header(struct page *pg, rng *r)
{
    int v = pickw(r, (const double[]){25, 40, 20, 15}, 4);
    if (v == 0) return;
    if (pg->fr) {
        if (v == 1) { line(pg, "Passer au contenu"); line(pg, "Début du contenu"); line(pg, "Start of content"); }
        else line(pg, "Passer au contenu Début du contenu");
    } else if (v == 1) {
        line(pg, "Skip to main content Start of content");
        line(pg, "Start of content");
    } else if (v == 2) {
        line(pg, "Skip to main content");
    } else {
        line(pg, "Skip to main content Start of content");
        line(pg, "An email address associated with the Government of Canada or the Parliament of Canada may not be "
                 "used to create, support, or sign an e-petition.");
        line(pg, "Subscribe to RSS Feed Subscribe to RSS Feed");
    }
    blank(pg);
}

static const char *province_name(int p, int fr) { return fr ? PROV[p].fr : PROV[p].en; }

static void render_initiator(struct page *pg, const struct petition *p, int with_date)
{
    char city[64];
    snprintf(city, sizeof city, "%s", PROV[p->ini_prov].cities[p->ini_city]);
    if (p->city_case)
        for (char *c = city; *c; c++)
            if (*c >= 'A' && *c <= 'Z') *c = (char)(*c + 32);
    if (pg->fr) {
        const char *de = strchr("AEIOUaeiou", city[0]) ? (p->number % 2 ? "d'" : "d’") : "de ";
        line(pg, "Lancée par %s %s%s (%s)", p->initiator.name, de, city, province_name(p->ini_prov, 1));
    } else if (with_date) {
        char dt[96];
        fmt_datetime(dt, sizeof dt, p->opened, p->open_min, 0, 1);
        line(pg, "Initiated by %s from %s, %s, on %s", p->initiator.name, city, PROV[p->ini_prov].en, dt);
        tsrc(pg, F_OPENED_AT);               /* the opening date-time, printed here too */
    } else {
        line(pg, "Initiated by %s from %s, %s", p->initiator.name, city, PROV[p->ini_prov].en);
    }
    tset(pg, F_INITIATOR, "%s", p->initiator.name);
    tset(pg, F_ICITY, "%s", city);
    tset(pg, F_IPROV, "%s", PROV[p->ini_prov].en);
    tsrc(pg, F_INITIATOR);
    tsrc(pg, F_ICITY);
    tsrc(pg, F_IPROV);
}

static void render_keywords(struct page *pg, const struct petition *p, int dash)
{
    char all[400] = "";
    line(pg, dash ? "- %s" : "%s", pg->fr ? "Mots-clés" : "Keywords");
    size_t start = 0;
    for (int i = 0; i < p->nkw; i++) {
        const char *k = pg->fr ? TOPIC[p->topic].kw_fr[p->kw[i]] : TOPIC[p->topic].kw_en[p->kw[i]];
        line(pg, dash ? "- %s" : "%s", k);
        if (i == 0) start = pg->ls;
        size_t n = strlen(all);
        snprintf(all + n, sizeof all - n, "%s%s", i ? "|" : "", k);
    }
    tset(pg, F_KEYWORDS, "%s", all);
    tsrc_block(pg, F_KEYWORDS, start);
}

/* The 42nd-Parliament layout: bare keyword lines after the initiator. */
static void render_keyword_lines(struct page *pg, const struct petition *p)
{
    char all[400] = "";
    size_t start = pg->b.n;
    for (int i = 0; i < p->nkw; i++) {
        const char *k = TOPIC[p->topic].kw_en[p->kw[i]];
        line(pg, "%s", k);
        size_t n = strlen(all);
        snprintf(all + n, sizeof all - n, "%s%s", i ? "|" : "", k);
    }
    tset(pg, F_KEYWORDS, "%s", all);
    tsrc_block(pg, F_KEYWORDS, start);
}

static void render_original_language(struct page *pg, const struct petition *p, rng *r)
{
    static const char *const EN[] = {"English", "French", "Bilingual"};
    static const char *const FR[] = {"Anglais", "Français", "Bilingue"};
    if (pg->fr) {
        const char *v = FR[p->orig];
        if (p->orig == ORIG_EN && chance(r, 0.1)) v = "English";
        line(pg, "Langue d'origine de la pétition%s: %s", chance(r, 0.6) ? NBSP : " ", v);
    } else {
        line(pg, "Original language of petition: %s", EN[p->orig]);
    }
    tset(pg, F_ORIG, "%s", EN[p->orig]);
    tsrc(pg, F_ORIG);
}

/* The addressee line; `target` gets who the prayer calls upon. */
static void render_addressee(struct page *pg, const struct petition *p, char *target, size_t tn)
{
    const struct minister *m1 = &MIN[TOPIC[p->topic].ministers[0]], *m2 = &MIN[p->addr_min2];
    int fr = pg->fr;
    switch (p->addressee) {
    case 0:
        if (fr) { line(pg, p->number % 3 ? "Pétition au gouvernement du Canada" : "Pétition adressée au gouvernement du Canada");
                  tset(pg, F_ADDRESSEE, "gouvernement du Canada"); snprintf(target, tn, "le gouvernement du Canada"); }
        else { line(pg, "Petition to the Government of Canada"); tset(pg, F_ADDRESSEE, "Government of Canada");
               snprintf(target, tn, "the Government of Canada"); }
        break;
    case 1:
        if (fr) { line(pg, "Pétition au premier ministre"); tset(pg, F_ADDRESSEE, "premier ministre"); snprintf(target, tn, "le premier ministre"); }
        else { line(pg, "PETITION TO THE PRIME MINISTER"); tset(pg, F_ADDRESSEE, "PRIME MINISTER"); snprintf(target, tn, "the Prime Minister"); }
        break;
    case 2:
        if (fr) { line(pg, "Pétition à la Chambre des communes"); tset(pg, F_ADDRESSEE, "Chambre des communes"); }
        else { line(pg, "Petition to the House of Commons in Parliament assembled");
               tset(pg, F_ADDRESSEE, "House of Commons in Parliament assembled"); }
        snprintf(target, tn, fr ? "la Chambre des communes" : "the House of Commons");
        break;
    case 3:
        if (fr) { line(pg, "Pétition à"); snprintf(target, tn, "la Chambre des communes"); }
        else { line(pg, "Petition to the House of Commons"); tset(pg, F_ADDRESSEE, "House of Commons");
               snprintf(target, tn, "the House of Commons"); }
        break;
    case 4:
        if (fr) { line(pg, "Pétition au %s", m1->fr_m); tset(pg, F_ADDRESSEE, "%s", m1->fr_m); snprintf(target, tn, "le %s", m1->fr_m); }
        else { line(pg, "Petition to the %s", m1->en); tset(pg, F_ADDRESSEE, "%s", m1->en); snprintf(target, tn, "the %s", m1->en); }
        break;
    default:
        if (fr) { line(pg, "Pétition au %s et au %s", m1->fr_m, m2->fr_m); tset(pg, F_ADDRESSEE, "%s et au %s", m1->fr_m, m2->fr_m);
                  snprintf(target, tn, "le %s", m1->fr_m); }
        else { line(pg, "Petition to the %s and to the %s", m1->en, m2->en); tset(pg, F_ADDRESSEE, "%s and to the %s", m1->en, m2->en);
               snprintf(target, tn, "the %s", m1->en); }
    }
    if (p->addressee == 3 && fr) return;   /* a bare "Pétition à": no addressee */
    tsrc(pg, F_ADDRESSEE);
}

static void render_text(struct page *pg, const struct petition *p, const char *target, rng *r)
{
    int fr = pg->fr;
    const char *phrase = fr ? TOPIC[p->topic].phrase_fr : TOPIC[p->topic].phrase_en;
    char s[600], cap[600];
    int bare = pg->style == ST_KEYWORDS && chance(r, 0.4);   /* requests as a bare list, no prayer */
    if (bare) {
        size_t start = pg->b.n;
        for (int i = 0; i < p->nreq; i++) {
            snprintf(s, sizeof s, fr ? REQ_FR[p->req[i]] : REQ_EN[p->req[i]], phrase);
            capitalize(cap, sizeof cap, s);
            if (fr) line(pg, "- %s%s", cap, i + 1 < p->nreq ? ";" : ".");
            else line(pg, "- Canada %s%s", s, i + 1 < p->nreq ? ";" : ".");
        }
        tset(pg, F_NGRIEV, "%d", p->nreq);
        tsrc_block(pg, F_NGRIEV, start);
        return;
    }
    if (chance(r, 0.25)) {
        line(pg, fr ? "Nous, soussignés, résidents du Canada, attirons l’attention de la Chambre des communes sur ce qui suit"
                      NBSP ":"
                    : "We, the undersigned residents of Canada, draw the attention of the House of Commons to the following:");
        blank(pg);
    }
    /* grievance style: 0 bullets, 1 numbered, 2 "Whereas" paragraphs */
    int gs = pickw(r, (const double[]){65, 12, 23}, 3);
    const char *bullet = pg->style == ST_KEYWORDS || (!p->is_e && chance(r, 0.5)) ? "- "
                         : chance(r, 0.8) ? "  • " : "• ";
    if (gs != 2 && chance(r, 0.45)) {
        static const char *const H_EN[] = {"Whereas:", "WHEREAS:"};
        static const char *const H_FR[] = {"Attendu que" NBSP ":", "Considérant que :"};
        line(pg, "%s", fr ? H_FR[rint_(r, 0, 1)] : H_EN[p->is_e ? 0 : rint_(r, 0, 1)]);
    }
    size_t start = pg->b.n;
    for (int i = 0; i < p->ngriev; i++) {
        snprintf(s, sizeof s, fr ? GRIEV_FR[p->griev[i]] : GRIEV_EN[p->griev[i]], phrase);
        if (i == p->ngriev - 1) s[strlen(s) - 1] = '.';
        if (gs == 0) line(pg, "%s%s", bullet, s);
        else if (gs == 1) line(pg, "%d. %s", i + 1, s);
        else {
            char low[600];
            snprintf(low, sizeof low, "%s", s);
            if (!fr && low[0] >= 'A' && low[0] <= 'Z') low[0] = (char)(low[0] + 32);
            line(pg, fr ? "Considérant que %s" : "Whereas %s", low);
            if (i + 1 < p->ngriev) blank(pg);
        }
    }
    if (p->ngriev) {
        tset(pg, F_NGRIEV, "%d", p->ngriev);
        tsrc_block(pg, F_NGRIEV, start);
    }
    if (gs == 2) blank(pg);

    static const char *const WHO_EN[] = {"citizens of Canada", "residents of Canada", "citizens and residents of Canada"};
    static const char *const WHO_FR[] = {"citoyens du Canada", "résidents du Canada", "citoyens et résidents du Canada"};
    int who = rint_(r, 0, 2);
    char intro[400];
    if (fr && chance(r, 0.5)) snprintf(intro, sizeof intro, "Nous, soussignés, %s, prions %s", WHO_FR[who], target);
    else if (fr) snprintf(intro, sizeof intro, "Nous, soussignés, %s, demandons %s%s", WHO_FR[who],
                          strncmp(target, "le ", 3) ? "à " : "au ", strncmp(target, "le ", 3) ? target : target + 3);
    else if (!p->is_e && chance(r, 0.5))
        snprintf(intro, sizeof intro, "THEREFORE, we, the undersigned %s, call upon %s to", WHO_EN[who], target);
    else snprintf(intro, sizeof intro, "We, the undersigned, %s, call upon %s to", WHO_EN[who], target);
    if (p->nreq == 1 || chance(r, 0.15)) {          /* one sentence */
        snprintf(s, sizeof s, fr ? REQ_FR[p->req[0]] : REQ_EN[p->req[0]], phrase);
        int vowel = strchr("aeiou", s[0]) || (unsigned char)s[0] == 0xC3;
        line(pg, "%s %s%s.", intro, fr ? (vowel ? "d’" : "de ") : "", s);
        return;
    }
    line(pg, "%s%s:", intro, fr ? (chance(r, 0.5) ? " de" NBSP : " de ") : "");
    int num = pickw(r, (const double[]){60, 15, 15, 10}, 4);
    for (int i = 0; i < p->nreq; i++) {
        snprintf(s, sizeof s, fr ? REQ_FR[p->req[i]] : REQ_EN[p->req[i]], phrase);
        capitalize(cap, sizeof cap, s);
        const char *end = i + 1 < p->nreq ? (i + 2 == p->nreq ? (fr ? "; et" : "; and") : ";") : ".";
        if (num == 0) line(pg, "%d. %s%s", i + 1, cap, end);
        else if (num == 1) line(pg, "%d- %s%s", i + 1, cap, end);
        else if (num == 2) line(pg, "(%c) %s%s", 'a' + i, s, end);
        else line(pg, "%d) %s%s", i + 1, cap, end);
    }
}

/* The signer as printed, and as the parser should give it (`clean`). */
static void signature(const struct petition *p, int i, int fr, rng *r, char *out, size_t n, char *clean, size_t cn)
{
    int parl = SESSIONS[p->sess_idx].parl;
    struct person who = signer(p->resp[i].minister, parl, p->resp[i].signer_k);
    char name[96];
    snprintf(clean, cn, "%s", who.name);
    snprintf(name, sizeof name, "%s", who.name);
    if (chance(r, 0.1)) upper_utf8(name, sizeof name, who.name);
    int minister = p->resp[i].signer_k == 0;
    int v = rint_(r, 0, 9);
    if (fr) {
        if (minister && v < 4) snprintf(out, n, "L'honorable %s", name);
        else if (!minister && v < 4) snprintf(out, n, "%s secrétaire parlementaire %s", who.female ? "La" : "Le", name);
        else if (v < 6) snprintf(out, n, "%s, %s", name, who.female ? "DÉPUTÉE" : "DÉPUTÉ");
        else snprintf(out, n, "%s", name);
    } else {
        if (minister && v < 5) snprintf(out, n, "The Honourable %s", name);
        else if (v < 7) snprintf(out, n, "%s, M.P.", name);
        else snprintf(out, n, "%s", name);
    }
}

static void render_paragraphs(struct page *pg, rng *r, int budget, int numbered)
{
    const char *const *bank = pg->fr ? RESP_FR : RESP_EN;
    int nb = (int)ARRAY_LEN(RESP_EN);
    int para = 0;
    do {
        size_t start = pg->b.n;
        pg->ls = start;
        if (numbered) bprintf(&pg->b, "%d." NBSP " ", ++para);
        int ns = rint_(r, 2, 5);
        for (int k = 0; k < ns; k++) {
            if (k) bputs(&pg->b, " ");
            bputs(&pg->b, bank[rint_(r, 0, nb - 1)]);
        }
        pg->le = pg->b.n;
        bputs(&pg->b, "\n");
        budget -= (int)(pg->b.n - start);
        if (budget > 0) blank(pg);
    } while (budget > 0);
}

static void render_responses(struct page *pg, const struct petition *p, rng *r)
{
    int fr = pg->fr;
    int budget = p->target_len - (int)pg->b.n - 500;
    if (budget < 150) budget = 150;
    char sig[160], clean[96];
    int counted = 0;
    for (int i = 0; i < p->nresp; i++) {
        const struct minister *m = &MIN[p->resp[i].minister];
        struct person who = signer(p->resp[i].minister, SESSIONS[p->sess_idx].parl, 0);
        if (fr) {
            const char *title = who.female ? m->fr_f : m->fr_m;
            line(pg, "Réponse %s %s", who.female ? "de la" : "du", title);
            if (i == 0) tset(pg, F_RESPONDER, "%s", title);
        } else {
            line(pg, "Response by the %s", m->en);
            if (i == 0) tset(pg, F_RESPONDER, "%s", m->en);
        }
        tsrc(pg, F_NRESP);                    /* one source per response title */
        counted++;
        if (i == 0) tsrc(pg, F_RESPONDER);
        blank(pg);
        signature(p, i, fr, r, sig, sizeof sig, clean, sizeof clean);
        struct person s = signer(p->resp[i].minister, SESSIONS[p->sess_idx].parl, p->resp[i].signer_k);
        if (fr) line(pg, "%s par (ministre ou secrétaire parlementaire)%s: %s", s.female ? "Signée" : "Signé",
                     chance(r, 0.5) ? NBSP : " ", sig);
        else line(pg, "Signed by (Minister or Parliamentary Secretary): %s", sig);
        if (i == 0) { tset(pg, F_SIGNED_BY, "%s", clean); tsrc(pg, F_SIGNED_BY); }
        blank(pg);
        int share = i == 0 ? budget * 2 / (p->nresp + 1) : budget / (p->nresp + 1);
        render_paragraphs(pg, r, share, p->nreq > 1 && chance(r, 0.3));
        blank(pg);
    }
    tset(pg, F_NRESP, "%d", counted);
}

static void render_sessional(struct page *pg, const struct petition *p)
{
    char d[64];
    fmt_date(d, sizeof d, p->tabled, pg->fr);
    if (pg->fr) line(pg, "Réponse du gouvernement déposée le %s (Document parlementaire n%s %s)", d,
                     p->number % 2 ? "o" : "°", p->sessional_paper);
    else line(pg, "Government response tabled on %s (Sessional Paper No. %s)", d, p->sessional_paper);
    tset(pg, F_SESSPAPER, "%s", p->sessional_paper);
    tsrc(pg, F_SESSPAPER);
    tsrc(pg, F_TABLED);
}

static void render_status(struct page *pg, const struct petition *p, rng *r)
{
    int fr = pg->fr, dash = pg->style == ST_KEYWORDS;
    const char *b = dash ? "- " : "";
    char d[96], iso[32];
    if (p->is_e) {
        int wz = chance(r, 0.3);
        line(pg, "%s%s", b, fr ? "Ouverte pour signature" : "Open for signature");
        fmt_datetime(d, sizeof d, p->opened, p->open_min, fr, wz);
        line(pg, "%s%s", b, d);
        fmt_iso_time(iso, sizeof iso, p->opened, p->open_min);
        tset(pg, F_OPENED_AT, "%s", iso); tsrc(pg, F_OPENED_AT);
        line(pg, "%s%s", b, fr ? "Fermée pour signature" : "Closed for signature");
        fmt_datetime(d, sizeof d, p->closed, p->close_min, fr, wz);
        line(pg, "%s%s", b, d);
        fmt_iso_time(iso, sizeof iso, p->closed, p->close_min);
        tset(pg, F_CLOSED_AT, "%s", iso); tsrc(pg, F_CLOSED_AT);
    }
    if (p->presented >= 0) {
        const struct mp *m = &MPS[p->presenter];
        line(pg, "%s%s", b, fr ? (p->number % 4 == 1 ? "Présentée à la Chambre des Communes" : "Présentée à la Chambre des communes")
                              : "Presented to the House of Commons");
        fmt_date(d, sizeof d, p->presented, fr);
        char no[64];
        if (fr) snprintf(no, sizeof no, "Pétition n%s %s", chance(r, 0.7) ? "°" : "o", p->petno);
        else snprintf(no, sizeof no, "Petition No. %s", p->petno);
        tset(pg, F_PRESENTER, "%s", m->p.name);
        tset(pg, F_PRIDING, "%s", m->riding);
        if (dash || chance(r, 0.1)) {        /* split block: lone "-", name, (riding), date line */
            line(pg, "-");
            line(pg, "%s", m->p.name); tsrc(pg, F_PRESENTER);
            line(pg, "(%s)", m->riding); tsrc(pg, F_PRIDING);
        } else {
            line(pg, "%s (%s)", m->p.name, m->riding);
            tsrc(pg, F_PRESENTER); tsrc(pg, F_PRIDING);
        }
        line(pg, "%s (%s)", d, no);
        fmt_iso(iso, sizeof iso, p->presented);
        tset(pg, F_PRESENTED, "%s", iso); tsrc(pg, F_PRESENTED);
        tset(pg, F_PETNO, "%s", p->petno);
        tset(pg, F_PARL, "%d", SESSIONS[p->sess_idx].parl);
        tset(pg, F_SESS, "%d", SESSIONS[p->sess_idx].sess);
        if (p->is_e) { tsrc(pg, F_PETNO); tsrc(pg, F_PARL); tsrc(pg, F_SESS); }
    }
    if (p->tabled >= 0 && (!p->sessional || chance(r, 0.7))) {
        line(pg, "%s%s", b, fr ? "Réponse du gouvernement déposée" : "Government response tabled");
        fmt_date(d, sizeof d, p->tabled, fr);
        line(pg, "%s%s", b, d);
        tsrc(pg, F_TABLED);
    }
    if (p->tabled >= 0) { fmt_iso(iso, sizeof iso, p->tabled); tset(pg, F_TABLED, "%s", iso); }
}

static void render_sponsor(struct page *pg, const struct petition *p, rng *r)
{
    const struct mp *m = &MPS[p->sponsor];
    line(pg, "Photo - %s", m->p.name);
    tset(pg, F_SPONSOR, "%s", m->p.name); tsrc(pg, F_SPONSOR);
    if (chance(r, 0.85)) { line(pg, "%s", m->riding); tset(pg, F_SRIDING, "%s", m->riding); tsrc(pg, F_SRIDING); }
    if (pg->fr) line(pg, "Caucus %s", CAUCUS[m->caucus].fr);
    else line(pg, "%s Caucus", CAUCUS[m->caucus].en);
    tset(pg, F_SCAUCUS, "%s", CAUCUS[m->caucus].en); tsrc(pg, F_SCAUCUS);
    if (p->is_e ? chance(r, 0.6) : chance(r, 0.2)) {
        line(pg, "%s", province_name(m->prov, pg->fr));
        tset(pg, F_SPROV, "%s", PROV[m->prov].en); tsrc(pg, F_SPROV);
    }
}

/* Provinces in the page's alphabetical order (French names sort differently). */
static int cmp_prov_fr(const void *a, const void *b)
{
    return strcmp(PROV[*(const int *)a].fr, PROV[*(const int *)b].fr);
}
static int cmp_prov_en(const void *a, const void *b)
{
    return strcmp(PROV[*(const int *)a].en, PROV[*(const int *)b].en);
}

static void render_signatures(struct page *pg, const struct petition *p, rng *r, int table)
{
    char num[48];
    int fr = pg->fr;
    if (!p->is_e) {
        thousands(num, sizeof num, p->sigs, fr, r);
        line(pg, "%s signatures", num);
        tset(pg, F_SIGS, "%ld", p->sigs); tsrc(pg, F_SIGS);
        blank(pg);
    }
    line(pg, fr ? "Seules les signatures validées sont comptées dans le nombre total de signatures."
                : "Only validated signatures are counted towards the total number of signatures.");
    if (!p->is_e || !table) return;
    line(pg, fr ? "Province / Territoire | signatures |" : "Province / Territory | Signatures |");
    line(pg, "---|---|");
    int order[NPROV];
    for (int i = 0; i < NPROV; i++) order[i] = i;
    qsort(order, NPROV, sizeof order[0], fr ? cmp_prov_fr : cmp_prov_en);
    size_t start = pg->b.n;
    for (int k = 0; k < NPROV; k++) {
        int i = order[k];
        if (!p->by_prov[i]) continue;
        thousands(num, sizeof num, p->by_prov[i], fr, r);
        line(pg, "%s | %s |", province_name(i, fr), num);
    }
    tset(pg, F_SIGS, "%ld", sum_table(p));
    tsrc_block(pg, F_SIGS, start);
}

static void render_page(struct page *pg, const struct petition *p, int fr, rng *r)
{
    memset(pg->f, 0, sizeof pg->f);
    pg->b.n = 0;
    pg->fr = fr;
    int can_old = p->is_e && p->old_era && !fr;
    pg->style = p->not_certified && !fr ? ST_OLD
                : pickw(r, (const double[]){45, 25, 20, can_old ? 12 : 0}, 4);
    pg->blank = pg->style == ST_STANDARD || (pg->style == ST_OLD && chance(r, 0.7));
    const struct topic *t = &TOPIC[p->topic];

    render_header(pg, r);
    line(pg, "%s (%s)", p->id, fr ? t->fr : t->en);
    tset(pg, F_TOPIC, "%s", fr ? t->fr : t->en);
    tsrc(pg, F_TOPIC);
    blank(pg);
    if (chance(r, 0.35)) {
        line(pg, "%s", p->is_e ? (fr ? "Pétition électronique" : "E-petition") : (fr ? "Pétition papier" : "Paper petition"));
        if (!p->is_e) blank(pg);
    }
    if (pg->style == ST_OLD) {
        line(pg, "42nd Parliament");
        tset(pg, F_PARL, "42"); tsrc(pg, F_PARL);
        render_initiator(pg, p, 1);
        render_keyword_lines(pg, p);
        if (p->not_certified) { line(pg, "Not Certified"); tset(pg, F_NOTCERT, "true"); tsrc(pg, F_NOTCERT); }
        blank(pg);
    } else {
        if (pg->style == ST_KEYWORDS) render_keywords(pg, p, 1);
        if (p->is_e && (pg->style != ST_KEYWORDS || chance(r, 0.5))) { render_initiator(pg, p, 0); blank(pg); }
    }
    /* Keyword renderings always print it: it ends the keyword list. */
    if (p->is_e || pg->style == ST_KEYWORDS || chance(r, 0.7)) { render_original_language(pg, p, r); blank(pg); }
    char target[200] = "";
    if (p->is_e || chance(r, 0.5)) { render_addressee(pg, p, target, sizeof target); blank(pg); }
    else snprintf(target, sizeof target, fr ? "la Chambre des communes" : "the House of Commons");
    render_text(pg, p, target, r);
    blank(pg);
    if (p->tabled >= 0) {
        if (p->sessional) render_sessional(pg, p);
        else render_responses(pg, p, r);
    }
    if (pg->blank) bputs(&pg->b, "\n");
    render_status(pg, p, r);
    if (pg->style != ST_KEYWORDS && chance(r, p->is_e ? 0.85 : 0.8)) render_sponsor(pg, p, r);
    if (!p->is_e || pg->style == ST_KEYWORDS || chance(r, 0.35)) {
        blank(pg);
        render_signatures(pg, p, r, pg->style == ST_KEYWORDS || chance(r, 0.7));
    }
    if (pg->style != ST_KEYWORDS && chance(r, 0.75)) {
        blank(pg);
        line(pg, "%s", fr ? "Avis concernant les pétitions" : "Disclaimer regarding petitions");
    }

    tset(pg, F_ID, "%s", p->id);
    tset(pg, F_LANG, fr ? "fr" : "en");
    tset(pg, F_KIND, p->is_e ? "e-petition" : "paper");
    if (!p->is_e) {                           /* a paper id is its petition number */
        pg->f[F_PETNO].nsrc = pg->f[F_PARL].nsrc = pg->f[F_SESS].nsrc = 0;
    }
}

/* ---------------------------------------------------------------- output */

/* A field's value as the parser should find it on a page cut at `cut`. */
static const char *resolve(const struct field *x, size_t cut)
{
    if (!x->val[0]) return "";
    if (x->nsrc == 0) return x->val;
    int partial = 0;
    for (int i = 0; i < x->nsrc; i++) {
        if (cut >= x->e[i]) return x->val;
        if (cut > x->s[i]) partial = 1;
    }
    return partial ? "?" : "";
}

static void csv_cell(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) { fputs(s, f); return; }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void write_truth(FILE *f, const char *file, struct page *pg, size_t cut, int crlf, int bom)
{
    const char *v[NF];
    char nresp[16], rdays[16];
    for (int i = 0; i < NF; i++) v[i] = resolve(&pg->f[i], cut);
    /* responses: those whose title line is whole */
    const struct field *nr = &pg->f[F_NRESP];
    if (nr->val[0] && cut != (size_t)-1) {
        int n = 0, partial = 0;
        for (int i = 0; i < nr->nsrc; i++) {
            if (cut >= nr->e[i]) n++;
            else if (cut > nr->s[i]) partial = 1;
        }
        snprintf(nresp, sizeof nresp, "%d", n);
        v[F_NRESP] = partial ? "?" : n ? nresp : "";
    }
    v[F_OPENED] = v[F_OPENED_AT];
    v[F_CLOSED] = v[F_CLOSED_AT];
    char opened[16], closed[16];
    if (strlen(v[F_OPENED]) > 10) { snprintf(opened, sizeof opened, "%.10s", v[F_OPENED]); v[F_OPENED] = opened; }
    if (strlen(v[F_CLOSED]) > 10) { snprintf(closed, sizeof closed, "%.10s", v[F_CLOSED]); v[F_CLOSED] = closed; }
    const char *a = v[F_PRESENTED], *b = v[F_TABLED];
    v[F_RDAYS] = v[F_LATE] = "";
    if (!strcmp(a, "?") || !strcmp(b, "?")) {
        if (a[0] && b[0]) v[F_RDAYS] = v[F_LATE] = "?";
    } else if (a[0] && b[0]) {
        int y1, m1, d1, y2, m2, d2;
        sscanf(a, "%d-%d-%d", &y1, &m1, &d1);
        sscanf(b, "%d-%d-%d", &y2, &m2, &d2);
        long days = days_from_civil(y2, m2, d2) - days_from_civil(y1, m1, d1);
        snprintf(rdays, sizeof rdays, "%ld", days);
        v[F_RDAYS] = rdays;
        v[F_LATE] = days > 45 ? "true" : "false";
    }
    csv_cell(f, file);
    for (int i = 0; i < NF; i++) { fputc(',', f); csv_cell(f, v[i]); }
    fprintf(f, ",%s,%d,%d\n", cut == (size_t)-1 ? "" : "true", crlf, bom);
}

struct options { long n; uint64_t seed; const char *dir, *truth; };

static void usage(void)
{
    fputs("usage: gen -n N -s SEED -o DIR [-truth FILE]\n", stderr);
    exit(2);
}

static struct options parse_args(int argc, char **argv)
{
    struct options o = {0, 1, NULL, NULL};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (i + 1 >= argc) usage();
        if (!strcmp(a, "-n")) o.n = atol(argv[++i]);
        else if (!strcmp(a, "-s")) o.seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(a, "-o")) o.dir = argv[++i];
        else if (!strcmp(a, "-truth") || !strcmp(a, "--truth")) o.truth = argv[++i];
        else usage();
    }
    if (o.n <= 0 || !o.dir) usage();
    return o;
}

/* Write the page: maybe cut short (on a character boundary, mid-line), CRLF, BOM. */
static size_t emit(const char *dir, const char *name, struct page *pg, rng *r, buf *out, int *crlf, int *bom)
{
    size_t len = pg->b.n, cut = (size_t)-1;
    if (chance(r, 0.04) && len > 200) {
        size_t c = len / 5 + (size_t)(runi(r) * (double)(len - len / 5 - 2));
        while (c > 0 && (((unsigned char)pg->b.p[c] & 0xC0) == 0x80 || pg->b.p[c] == '\n' || pg->b.p[c - 1] == '\n')) c--;
        cut = len = c;
    }
    *crlf = chance(r, 0.03);
    *bom = chance(r, 0.02);
    out->n = 0;
    if (*bom) bputs(out, "\xef\xbb\xbf");
    const char *s = pg->b.p;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - s) : len;
        bput(out, s + i, end - i);
        if (nl) bputs(out, *crlf ? "\r\n" : "\n");
        i = end + 1;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(out->p, 1, out->n, f) != out->n || fclose(f) != 0) {
        fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    return cut;
}

int main(int argc, char **argv)
{
    struct options o = parse_args(argc, argv);
    init_sessions();
    init_people();
    if (mkdir(o.dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "gen: %s: %s\n", o.dir, strerror(errno));
        return 1;
    }
    FILE *truth = NULL;
    if (o.truth) {
        truth = fopen(o.truth, "w");
        if (!truth) { fprintf(stderr, "gen: %s: %s\n", o.truth, strerror(errno)); return 1; }
        fputs("file", truth);
        for (int i = 0; i < NF; i++) fprintf(truth, ",%s", FIELD_NAME[i]);
        fputs(",cut,crlf,bom\n", truth);
    }
    struct generator g = {.seed = o.seed, .n_pages = o.n, .n_petitions_est = (long)(o.n / 1.3) + 1};
    struct page pg = {0};
    buf out = {0};
    struct petition p;
    long written = 0;
    for (long idx = 0; written < o.n; idx++) {
        make_petition(&g, idx, &p);
        rng lr = rseed(o.seed, (uint64_t)idx, 11);
        int langs = pickw(&lr, (const double[]){52, 18, 30}, 3);   /* en, fr, both */
        for (int fr = 0; fr < 2 && written < o.n; fr++) {
            if ((langs == 0 && fr) || (langs == 1 && !fr)) continue;
            rng r = rseed(o.seed, (uint64_t)idx, 100 + fr);
            render_page(&pg, &p, fr, &r);
            char name[64];
            snprintf(name, sizeof name, "%s%s.txt", fr ? "fr-" : "", p.id);
            int crlf, bom;
            size_t cut = emit(o.dir, name, &pg, &r, &out, &crlf, &bom);
            if (truth) write_truth(truth, name, &pg, cut, crlf, bom);
            written++;
        }
    }
    if (truth && fclose(truth) != 0) { fprintf(stderr, "gen: %s: %s\n", o.truth, strerror(errno)); return 1; }
    free(pg.b.p);
    free(out.p);
    return 0;
}
