/* test_page_real.c — the page parser on pages written to look like the real
 * ones (tests/pages/real-like/): every field worked out by hand from the page
 * text. Each page stresses one way real pages differ: grievances wrapped over
 * lines, long responses whose paragraphs start with label words, signers'
 * titles and capitals, one-line and split presentation blocks, a sponsor block
 * without its photo line, NFD accents, tabs and stray blanks, header notices and
 * footers, province tables with totals, pages cut inside a label or a row. */
#include "check.h"
#include "test_page_check.h"
#include "page_text.h"

#define DIR "tests/pages/real-like/"
#define EN_URL "https://www.ourcommons.ca/petitions/en/Petition/Details?Petition="
#define FR_URL "https://www.noscommunes.ca/petitions/fr/Petition/Details?Petition="
#define NB "\xC2\xA0"

/* Grievances wrapped over lines: a line with no bullet inside a bulleted list
 * continues the item before it, joined by a space; the prayer and the text
 * keep the lines as printed. A title before the name, after a comma. */
static void test_wrapped_en(void)
{
    struct expect e = {
        .id = "e-4321", .url = EN_URL "e-4321", .kind = "e-petition", .topic = "Environment",
        .lang = "en", .original_language = "English",
        .initiator = "Marie-Ève Tremblay-O'Neil", .initiator_city = "St. John's",
        .initiator_province = "Newfoundland and Labrador",
        .addressee = "Minister of Environment and Climate Change",
        .grievances = LIST("Offshore oil and gas activity in the waters off Newfoundland and Labrador has increased since 2015;",
                           "Seabird colonies on the Avalon Peninsula are among the largest in North America, and oil spills threaten them;",
                           "No federal plan requires operators to report seabird deaths."),
        .prayer = "We, the undersigned, citizens and residents of Canada, call upon the\n"
                  "Minister of Environment and Climate Change to:\n"
                  "1. Require offshore operators to report seabird deaths every month; and\n"
                  "2. Publish those reports online.",
        .text = "Offshore oil and gas activity in the waters off Newfoundland and\n"
                "Labrador has increased since 2015;\n"
                "Seabird colonies on the Avalon Peninsula are among the largest in\n"
                "North America, and oil spills threaten them;\n"
                "No federal plan requires operators to report seabird deaths.\n"
                "We, the undersigned, citizens and residents of Canada, call upon the\n"
                "Minister of Environment and Climate Change to:\n"
                "1. Require offshore operators to report seabird deaths every month; and\n"
                "2. Publish those reports online.",
        .responses = { { "Minister of Environment and Climate Change", "Terrence Exampleton",
                         "Parliamentary Secretary to the Minister of Environment and Climate Change, Terrence Exampleton",
                         "The Government of Canada takes the protection of migratory birds seriously.\n"
                         "Environment and Climate Change Canada works with the offshore boards on reporting." } },
        .n_responses = 1,
        .opened_at = "2023-09-14T10:17", .closed_at = "2024-01-12T10:17",   /* "Sept. 14" */
        .opened = "2023-09-14", .closed = "2024-01-12",
        .presented = "2024-02-05", .response_tabled = "2024-03-21", .petition_no = "441-02133",
        .presenter = "Joan Notreal", .presenter_riding = "St. John's East",
        .sponsor = "Joan Notreal", .sponsor_riding = "St. John's East",
        .sponsor_caucus = "Liberal", .sponsor_province = "Newfoundland and Labrador",
        /* February 5 -> March 21, 2024 (a leap year): 24 + 21 = 45: not late */
        .status = "responded", INTS(44, 1, M, 45, 0, 0),
    };
    check_page_file(DIR "en-e-4321-wrapped.txt", &e);
}

static void test_wrapped_fr(void)
{
    struct expect e = {
        .id = "e-4322", .url = FR_URL "e-4322", .kind = "e-petition", .topic = "Santé",
        .lang = "fr", .original_language = "French",
        .initiator = "Émile D’Amours", .initiator_city = "L’Assomption", .initiator_province = "Quebec",
        .addressee = "ministre de la Santé",
        .grievances = LIST("Les délais d’attente pour une chirurgie de la hanche dépassent douze mois dans plusieurs régions du Québec;",
                           "Les patients doivent payer eux-mêmes leurs déplacements vers les grands centres."),
        .prayer = "Nous, soussignés, citoyens du Canada, prions le ministre de la Santé de" NB ":\n"
                  "1. Créer un fonds pour les déplacements des patients;\n"
                  "2. Publier les délais d’attente chaque année.",
        .text = "Attendu que" NB ":\n"
                "Les délais d’attente pour une chirurgie de la hanche dépassent\n"
                "douze mois dans plusieurs régions du Québec;\n"
                "Les patients doivent payer eux-mêmes leurs déplacements vers\n"
                "les grands centres.\n"
                "Nous, soussignés, citoyens du Canada, prions le ministre de la Santé de" NB ":\n"
                "1. Créer un fonds pour les déplacements des patients;\n"
                "2. Publier les délais d’attente chaque année.",
        .responses = { { "ministre de la Santé", "Jeanne Fictive-Lavoie",
                         "La secrétaire parlementaire du ministre de la Santé, Mme Jeanne Fictive-Lavoie",
                         "La prestation des soins de santé relève des provinces et des territoires." } },
        .n_responses = 1,
        .opened_at = "2024-03-01T09:30", .closed_at = "2024-06-29T09:30",
        .opened = "2024-03-01", .closed = "2024-06-29",
        .presented = "2024-09-23", .response_tabled = "2024-11-06", .petition_no = "441-02134",
        .presenter = "Luc Inventé", .presenter_riding = "Repentigny",
        .sponsor = "Luc Inventé", .sponsor_riding = "Repentigny",
        .sponsor_caucus = "Bloc Québécois", .sponsor_province = "Quebec",
        /* September 23 -> November 6: 7 + 31 + 6 = 44 */
        .status = "responded", INTS(44, 1, M, 44, 0, 0),
    };
    check_page_file(DIR "fr-e-4322-wrapped.txt", &e);
}

/* Response paragraphs that begin with label words ("Signed by", "Open for
 * signature", "Response by", "Presented to ...", "Government response
 * tabled") are text, not landmarks. */
static void test_long_responses(void)
{
    struct expect e = {
        .id = "441-01234", .url = EN_URL "441-01234", .kind = "paper", .topic = "Foreign affairs",
        .lang = "en", .original_language = "English",
        .addressee = "House of Commons in Parliament assembled",
        .grievances = LIST("1. Canada has not ratified the Optional Protocol to the Convention against Torture;",
                           "2. Forty countries have already done so."),
        .prayer = "THEREFORE, your petitioners call upon the Government of Canada to ratify the Optional Protocol without delay.",
        .text = "We, the undersigned citizens of Canada, draw the attention of the House of Commons to the following:\n"
                "WHEREAS:\n"
                "1. Canada has not ratified the Optional Protocol to the Convention against Torture;\n"
                "2. Forty countries have already done so.\n"
                "THEREFORE, your petitioners call upon the Government of Canada to ratify the Optional Protocol without delay.",
        .responses = {
            { "Minister of Foreign Affairs", "Alex Fictional-Smith", "Mr. Alex Fictional-Smith, M.P.",
              "1. Canada is committed to the prevention of torture.\n"
              "Signed by more than 90 states, the Optional Protocol establishes a system of regular visits to places of detention.\n"
              "Open for signature since 2002, the Protocol requires each state to designate a national preventive mechanism\n"
              "Response by the Government to petitions is required within 45 days, and this response is tabled accordingly.\n"
              "Presented to the House of Commons in 2019, the committee's report recommended consultations with the provinces\n"
              "Government response tabled in earlier Parliaments described the same consultations.\n"
              "2. Consultations with the provinces and territories are continuing." },
            { "Minister of Justice and Attorney General of Canada", "Pat Madeup", "The Honourable Pat Madeup",
              "Detention in provincial facilities falls under provincial jurisdiction." },
        },
        .n_responses = 2,
        .presented = "2022-11-02", .response_tabled = "2022-12-14", .petition_no = "441-01234",
        .presenter = "Chris Fakename", .presenter_riding = "Saanich—Gulf Islands",
        .sponsor = "Chris Fakename", .sponsor_riding = "Saanich—Gulf Islands",
        .sponsor_caucus = "Green Party", .sponsor_province = "British Columbia",
        /* November 2 -> December 14: 28 + 14 = 42 */
        .status = "responded", INTS(44, 1, 1234, 42, 0, 0),
    };
    check_page_file(DIR "en-441-01234-long-responses.txt", &e);
}

static void test_paper_fr(void)
{
    struct expect e = {
        .id = "441-01235", .url = FR_URL "441-01235", .kind = "paper", .topic = "Environnement",
        .lang = "fr", .original_language = "English",
        .addressee = "Chambre des communes",
        .grievances = LIST("les forêts anciennes de la Colombie-Britannique disparaissent;",
                           "le Canada s’est engagé à protéger 30" NB "% de ses terres d’ici 2030."),
        .prayer = "Par conséquent, nous demandons au gouvernement du Canada de protéger les forêts anciennes.",
        .text = "Nous, soussignés, résidents du Canada, attirons l’attention de la Chambre des communes sur ce qui suit" NB ":\n"
                "Considérant que" NB ":\n"
                "les forêts anciennes de la Colombie-Britannique disparaissent;\n"
                "le Canada s’est engagé à protéger 30" NB "% de ses terres d’ici 2030.\n"
                "Par conséquent, nous demandons au gouvernement du Canada de protéger les forêts anciennes.",
        .responses = { { "ministre de l’Environnement et du Changement climatique", "Jean-François Fictif",
                         "L’hon. Jean-François Fictif, c.p., député",
                         "Le gouvernement du Canada partage les préoccupations des pétitionnaires.\n"
                         "Signé par le Canada en 2016, l’Accord de Paris engage le pays à réduire ses émissions.\n"
                         "Réponse du gouvernement déposée en 2021, la stratégie nationale prévoit la protection des forêts.\n"
                         "Ouverte pour signature par les provinces, l’entente-cadre est entrée en vigueur en 2023." } },
        .n_responses = 1,
        .presented = "2023-02-14", .response_tabled = "2023-03-30", .petition_no = "441-01235",
        .presenter = "Élodie Exemple", .presenter_riding = "Victoria",
        .sponsor = "Élodie Exemple", .sponsor_riding = "Victoria",
        .sponsor_caucus = "Liberal", .sponsor_province = "British Columbia",
        /* February 14 -> March 30, 2023: 14 + 30 = 44 */
        .status = "responded", INTS(44, 1, 1234, 44, 0, 0),
    };
    check_page_file(DIR "fr-441-01235-paper.txt", &e);
}

/* An e-petition presented by an MP other than its sponsor, the block split
 * over lines after lone "-" lines. */
static void test_presenter_differs(void)
{
    struct expect e = {
        .id = "e-4323", .url = EN_URL "e-4323", .kind = "e-petition", .topic = "Indigenous affairs",
        .lang = "en", .original_language = "English",
        .initiator = "Kai Fictional", .initiator_city = "Fort McMurray", .initiator_province = "Alberta",
        .addressee = "Government of Canada",
        .grievances = LIST("Many First Nations communities in northern Alberta lack all-weather roads."),
        .prayer = "We, the undersigned, citizens of Canada, call upon the Government of Canada to fund all-weather roads to remote First Nations communities.",
        .text = "Many First Nations communities in northern Alberta lack all-weather roads.\n"
                "We, the undersigned, citizens of Canada, call upon the Government of Canada to fund all-weather roads to remote First Nations communities.",
        .opened_at = "2023-05-02T14:00", .closed_at = "2023-08-31T14:00",
        .opened = "2023-05-02", .closed = "2023-08-31",
        .presented = "2023-10-03", .petition_no = "441-01800",
        .presenter = "Hon. Dana Example", .presenter_riding = "Fort McMurray—Cold Lake",
        .sponsor = "Avery Unreal", .sponsor_riding = "Peace River—Westlock",
        .sponsor_caucus = "Conservative", .sponsor_province = "Alberta",
        .status = "presented", INTS(44, 1, M, M, M, 1),
    };
    check_page_file(DIR "en-e-4323-presenter-differs.txt", &e);
}

/* Name, riding, date and number on the one line under the label. */
static void test_one_line_presented(void)
{
    struct expect e = {
        .id = "e-4324", .url = EN_URL "e-4324", .kind = "e-petition", .topic = "Transportation",
        .lang = "en", .original_language = "English",
        .initiator = "Jamie Invented", .initiator_city = "Regina", .initiator_province = "Saskatchewan",
        .addressee = "Minister of Transport",
        .grievances = LIST("Regina has no passenger rail service."),
        .prayer = "We, the undersigned, residents of Saskatchewan, call upon the Minister of Transport to restore passenger rail service to Regina.",
        .text = "Regina has no passenger rail service.\n"
                "We, the undersigned, residents of Saskatchewan, call upon the Minister of Transport to restore passenger rail service to Regina.",
        .opened_at = "2024-01-09T11:15", .closed_at = "2024-05-08T11:15",
        .opened = "2024-01-09", .closed = "2024-05-08",
        .presented = "2024-06-03", .response_tabled = "2024-07-18", .petition_no = "441-02501",
        .presenter = "Robin Sample", .presenter_riding = "Regina—Wascana",
        .sponsor = "Robin Sample", .sponsor_riding = "Regina—Wascana",
        .sponsor_caucus = "Conservative", .sponsor_province = "Saskatchewan",
        /* June 3 -> July 18: 27 + 18 = 45 */
        .status = "responded", INTS(44, 1, M, 45, 0, 0),
    };
    check_page_file(DIR "en-e-4324-one-line-presented.txt", &e);
}

/* The sponsor block without its "Photo -" line (the image's text lost in the
 * copy): the lines before the caucus are the name and the riding. */
static void test_no_photo(void)
{
    struct expect e = {
        .id = "e-4325", .url = EN_URL "e-4325", .kind = "e-petition", .topic = "Official languages",
        .lang = "en", .original_language = "French",
        .initiator = "Camille Exemple", .initiator_city = "Québec", .initiator_province = "Quebec",
        .addressee = "Government of Canada",
        .grievances = LIST("Francophone minority communities need more federal services in French."),
        .prayer = "We, the undersigned, citizens of Canada, call upon the Government of Canada to expand federal services in French.",
        .text = "Francophone minority communities need more federal services in French.\n"
                "We, the undersigned, citizens of Canada, call upon the Government of Canada to expand federal services in French.",
        .opened_at = "2023-04-04T10:10", .closed_at = "2023-08-02T10:10",
        .opened = "2023-04-04", .closed = "2023-08-02",
        .presented = "2023-09-18", .petition_no = "441-01750",
        .presenter = "Sacha Imaginaire", .presenter_riding = "Beauport—Limoilou",
        .sponsor = "Gabriel Placeholder", .sponsor_riding = "Beauport—Limoilou",
        .sponsor_caucus = "Bloc Québécois", .sponsor_province = "Quebec",
        .status = "presented", INTS(44, 1, M, M, M, 1),
    };
    check_page_file(DIR "en-e-4325-no-photo.txt", &e);
}

/* "Photo of NAME"; "NDP Caucus". */
static void test_photo_of(void)
{
    struct expect e = {
        .id = "e-4326", .url = EN_URL "e-4326", .kind = "e-petition", .topic = "Social affairs and equality",
        .lang = "en", .original_language = "English",
        .initiator = "Drew Unreal", .initiator_city = "Vancouver", .initiator_province = "British Columbia",
        .addressee = "Government of Canada",
        .grievances = LIST("Housing costs in Vancouver have doubled in ten years."),
        .prayer = "We, the undersigned, residents of British Columbia, call upon the Government of Canada to build more non-market housing.",
        .text = "Housing costs in Vancouver have doubled in ten years.\n"
                "We, the undersigned, residents of British Columbia, call upon the Government of Canada to build more non-market housing.",
        .opened_at = "2024-03-01T09:00", .closed_at = "2024-06-29T09:00",
        .opened = "2024-03-01", .closed = "2024-06-29",
        .sponsor = "Jesse Notaperson", .sponsor_riding = "Vancouver East",
        .sponsor_caucus = "New Democratic Party", .sponsor_province = "British Columbia",
        .status = "closed", INTS(M, M, M, M, M, M),
    };
    check_page_file(DIR "en-e-4326-photo-of.txt", &e);
}

/* A page in decomposed accents (NFD, as copied on macOS): landmarks, dates,
 * provinces and caucuses are found, and every value comes out composed (NFC). */
static void test_nfd(void)
{
    struct expect e = {
        .id = "e-4327", .url = FR_URL "e-4327", .kind = "e-petition", .topic = "Éducation",
        .lang = "fr", .original_language = "French",
        .initiator = "Hélène Bérubé", .initiator_city = "Trois-Rivières", .initiator_province = "Quebec",
        .addressee = "gouvernement du Canada",
        .grievances = LIST("Les étudiants étrangers paient des frais élevés;",
                           "Les permis d’études sont délivrés avec retard."),
        .prayer = "Nous, soussignés, citoyens du Canada, demandons au gouvernement du Canada d’accélérer la délivrance des permis d’études.",
        .text = "Attendu que :\n"
                "Les étudiants étrangers paient des frais élevés;\n"
                "Les permis d’études sont délivrés avec retard.\n"
                "Nous, soussignés, citoyens du Canada, demandons au gouvernement du Canada d’accélérer la délivrance des permis d’études.",
        .responses = { { "ministre de l’Immigration", "Andrée Gélinas-Côté", "L’honorable ANDRÉE GÉLINAS-CÔTÉ",
                         "Le gouvernement a réduit les délais de traitement en 2023." } },
        .n_responses = 1,
        .opened_at = "2023-12-05T10:10", .closed_at = "2024-04-03T10:10",
        .opened = "2023-12-05", .closed = "2024-04-03",
        .presented = "2024-05-13", .response_tabled = "2024-06-26", .petition_no = "441-02420",
        .presenter = "Gabriel Inventé", .presenter_riding = "Trois-Rivières",
        .sponsor = "Gabriel Inventé", .sponsor_riding = "Trois-Rivières",
        .sponsor_caucus = "Bloc Québécois", .sponsor_province = "Quebec",
        /* May 13 -> June 26: 18 + 26 = 44 */
        .status = "responded", INTS(44, 1, M, 44, 0, 0),
    };
    check_page_file(DIR "fr-e-4327-nfd.txt", &e);
}

/* Tabs between words, every line indented, trailing blanks, lines of blanks. */
static void test_tabs_and_blanks(void)
{
    struct expect e = {
        .id = "e-4328", .url = EN_URL "e-4328", .kind = "e-petition", .topic = "Agriculture",
        .lang = "en", .original_language = "English",
        .initiator = "Pat Example", .initiator_city = "Red Deer", .initiator_province = "Alberta",
        .addressee = "Government of Canada",
        .grievances = LIST("Grain farmers face rising rail costs;", "Hopper car shortages delay shipments every winter."),
        .prayer = "We, the undersigned, citizens of Canada, call upon the Government of Canada to review rail service levels.",
        .text = "Grain farmers face rising rail costs;\n"
                "Hopper car shortages delay shipments every winter.\n"
                "We, the undersigned, citizens of Canada, call upon the Government of Canada to review rail service levels.",
        .opened_at = "2024-03-03T09:00", .closed_at = "2024-07-01T09:00",
        .opened = "2024-03-03", .closed = "2024-07-01",
        .presented = "2024-09-16", .response_tabled = "2024-10-30", .petition_no = "441-02750",
        .presenter = "Drew Unreal", .presenter_riding = "Red Deer—Lacombe",
        .sponsor = "Drew Unreal", .sponsor_riding = "Red Deer—Lacombe",
        .sponsor_caucus = "Conservative", .sponsor_province = "Alberta",
        /* September 16 -> October 30: 14 + 30 = 44 */
        .status = "responded", INTS(44, 1, M, 44, 0, 0),
    };
    check_page_file(DIR "en-e-4328-tabs-spaces.txt", &e);
}

/* Header noise repeated mid-page, the header notice and RSS line, and the
 * disclaimer's paragraph after the footer: none is a warning or a value. */
static void test_noise_mid_page(void)
{
    struct expect e = {
        .id = "e-4329", .url = EN_URL "e-4329", .kind = "e-petition", .topic = "Justice",
        .lang = "en", .original_language = "English",
        .initiator = "Riley Pretend", .initiator_city = "Brandon", .initiator_province = "Manitoba",
        .addressee = "Minister of Justice",
        .grievances = LIST("Victims of crime wait years for compensation."),
        .prayer = "We, the undersigned, citizens of Canada, call upon the Minister of Justice to create a federal compensation fund for victims of crime.",
        .text = "Victims of crime wait years for compensation.\n"
                "We, the undersigned, citizens of Canada, call upon the Minister of Justice to create a federal compensation fund for victims of crime.",
        .responses = { { "Minister of Justice and Attorney General of Canada", "Kim Example", "Kim Example",
                         "Compensation for victims of crime is administered by the provinces.\n"
                         "The federal Victims Fund supports provincial programs." } },
        .n_responses = 1,
        .opened_at = "2020-06-10T09:06", .closed_at = "2020-10-08T09:06",
        .opened = "2020-06-10", .closed = "2020-10-08",
        .presented = "2020-11-02", .response_tabled = "2020-12-14", .petition_no = "432-00123",
        .presenter = "Avery Unreal", .presenter_riding = "Brandon—Souris",
        .sponsor = "Avery Unreal", .sponsor_riding = "Brandon—Souris",
        .sponsor_caucus = "Conservative", .sponsor_province = "Manitoba",
        /* November 2 -> December 14: 28 + 14 = 42 */
        .status = "responded", INTS(43, 2, M, 42, 0, 0),
    };
    check_page_file(DIR "en-e-4329-noise-mid.txt", &e);
}

/* French header notice and RSS line, a French province table with accents
 * and a "Total" row, the footer's text. */
static void test_french_header_table(void)
{
    struct expect e = {
        .id = "e-4330", .url = FR_URL "e-4330", .kind = "e-petition", .topic = "Pêches",
        .lang = "fr", .original_language = "English",
        .initiator = "Noa Fictif", .initiator_city = "Charlottetown", .initiator_province = "Prince Edward Island",
        .addressee = "gouvernement du Canada",
        .grievances = LIST("Les pêcheurs côtiers dépendent de la pêche au homard."),
        .prayer = "Nous, soussignés, résidents du Canada, demandons au gouvernement du Canada de protéger la pêche côtière.",
        .text = "Les pêcheurs côtiers dépendent de la pêche au homard.\n"
                "Nous, soussignés, résidents du Canada, demandons au gouvernement du Canada de protéger la pêche côtière.",
        .opened_at = "2023-05-02T14:00", .closed_at = "2023-08-31T14:00",
        .opened = "2023-05-02", .closed = "2023-08-31",
        .sponsor = "Lou Inventé", .sponsor_riding = "Charlottetown",
        .sponsor_caucus = "Liberal", .sponsor_province = "Prince Edward Island",
        .by_province = { { "British Columbia", 12 }, { "Prince Edward Island", 1204 },
                         { "Nova Scotia", 210 }, { "Newfoundland and Labrador", 76 } },
        .n_by_province = 4,
        /* the Total row, which is also 12 + 1204 + 210 + 76 */
        .status = "closed", INTS(M, M, 1502, M, M, M),
    };
    check_page_file(DIR "fr-e-4330-header-table.txt", &e);
}

/* A table with leading pipes and a Total row. */
static void test_table_total(void)
{
    struct expect e = {
        .id = "e-4331", .url = EN_URL "e-4331", .kind = "e-petition", .topic = "Health",
        .lang = "en", .original_language = "English",
        .initiator = "Sam Q", .initiator_city = "Whitehorse", .initiator_province = "Yukon",
        .addressee = "Government of Canada",
        .grievances = LIST("Northern residents travel south for specialist care."),
        .prayer = "We, the undersigned, residents of Yukon, call upon the Government of Canada to fund northern specialist care.",
        .text = "Northern residents travel south for specialist care.\n"
                "We, the undersigned, residents of Yukon, call upon the Government of Canada to fund northern specialist care.",
        .opened_at = "2023-10-02T09:00", .closed_at = "2024-01-30T09:00",
        .opened = "2023-10-02", .closed = "2024-01-30",
        .by_province = { { "Yukon", 2100 }, { "Northwest Territories", 200 }, { "Nunavut", 45 } },
        .n_by_province = 3,
        .status = "closed", INTS(M, M, 2345, M, M, M),
    };
    check_page_file(DIR "en-e-4331-table-total.txt", &e);
}

/* Keyword rendering in French: "- " before list items, status labels and
 * values, and the sponsor block; "n" NB "o" in the number. */
static void test_french_bullets(void)
{
    struct expect e = {
        .id = "e-4332", .url = FR_URL "e-4332", .kind = "e-petition", .topic = "Affaires autochtones",
        .lang = "fr", .original_language = "French",
        .addressee = "gouvernement du Canada",
        .keywords = LIST("Eau potable", "Premières Nations"),
        .grievances = LIST("Plusieurs collectivités des Premières Nations sont soumises à un avis d’ébullition de l’eau;",
                           "Les infrastructures du Nord coûtent plus cher à construire."),
        .prayer = "Nous, soussignés, résidents du Canada, demandons au gouvernement du Canada de financer l’eau potable.",
        .text = "Plusieurs collectivités des Premières Nations sont soumises à un avis d’ébullition de l’eau;\n"
                "Les infrastructures du Nord coûtent plus cher à construire.\n"
                "Nous, soussignés, résidents du Canada, demandons au gouvernement du Canada de financer l’eau potable.",
        .opened_at = "2024-03-01T14:00", .closed_at = "2024-06-29T14:00",
        .opened = "2024-03-01", .closed = "2024-06-29",
        .presented = "2024-09-16", .response_tabled = "2024-10-30", .petition_no = "441-02760",
        .presenter = "Lou Inventé", .presenter_riding = "Nunavut",
        .sponsor = "Lou Inventé", .sponsor_riding = "Nunavut",
        .sponsor_caucus = "New Democratic Party", .sponsor_province = "Nunavut",
        .status = "responded", INTS(44, 1, M, 44, 0, 0),
    };
    check_page_file(DIR "fr-e-4332-bullets-status.txt", &e);
}

/* Cut inside "Signed by (Minister or Parl": the response is there, its signer not. */
static void test_cut_signed(void)
{
    struct expect e = {
        .id = "e-4333", .url = EN_URL "e-4333", .kind = "e-petition", .topic = "Employment and labour",
        .lang = "en", .original_language = "English",
        .initiator = "Jordan Sample-Doe", .initiator_city = "Moncton", .initiator_province = "New Brunswick",
        .addressee = "Minister of Employment",
        .grievances = LIST("Seasonal workers lose benefits between seasons."),
        .prayer = "We, the undersigned, citizens of Canada, call upon the Minister of Employment to extend benefits for seasonal workers.",
        .text = "Seasonal workers lose benefits between seasons.\n"
                "We, the undersigned, citizens of Canada, call upon the Minister of Employment to extend benefits for seasonal workers.",
        .responses = { { "Minister of Employment, Workforce Development and Official Languages", NULL, NULL, NULL } },
        .n_responses = 1,
        .status = "responded", INTS(M, M, M, M, M, M),
    };
    check_page_file(DIR "en-e-4333-cut-signed.txt", &e);
}

/* Cut inside a province table row: the rows before it count, the cut row is
 * neither a row nor a warning. */
static void test_cut_table(void)
{
    struct expect e = {
        .id = "e-4334", .url = EN_URL "e-4334", .kind = "e-petition", .topic = "Environment",
        .lang = "en", .original_language = "English",
        .initiator = "Sam Q", .initiator_city = "Yellowknife", .initiator_province = "Northwest Territories",
        .addressee = "Government of Canada",
        .grievances = LIST("Permafrost thaw damages northern roads."),
        .prayer = "We, the undersigned, residents of Canada, call upon the Government of Canada to fund northern road repairs.",
        .text = "Permafrost thaw damages northern roads.\n"
                "We, the undersigned, residents of Canada, call upon the Government of Canada to fund northern road repairs.",
        .by_province = { { "Alberta", 120 }, { "Northwest Territories", 1204 } },
        .n_by_province = 2,
        .status = NULL, INTS(M, M, 1324, M, M, M),
    };
    check_page_file(DIR "en-e-4334-cut-table.txt", &e);
}

/* Signers in capitals with honorifics: name case after hyphens and apostrophes. */
static void test_capital_signers(void)
{
    struct expect e = {
        .id = "e-4335", .url = EN_URL "e-4335", .kind = "e-petition", .topic = "Government operations",
        .lang = "en", .original_language = "English",
        .initiator = "Alex Example", .initiator_city = "Halifax", .initiator_province = "Nova Scotia",
        .addressee = "Government of Canada",
        .grievances = LIST("Federal offices in Atlantic Canada have closed."),
        .prayer = "We, the undersigned, citizens of Canada, call upon the Government of Canada to reopen federal offices in Atlantic Canada.",
        .text = "Federal offices in Atlantic Canada have closed.\n"
                "We, the undersigned, citizens of Canada, call upon the Government of Canada to reopen federal offices in Atlantic Canada.",
        .responses = {
            { "President of the Treasury Board", "Jean-François Larochelle", "JEAN-FRANÇOIS LAROCHELLE",
              "The Government reviews its real property portfolio regularly." },
            { "Minister of Public Services and Procurement", "Marie-Claude Bibeault",
              "The Honourable MARIE-CLAUDE BIBEAULT, P.C., M.P.",
              "Public Services and Procurement Canada manages federal office space." },
            { "Minister of Fisheries", "Padraig O'Reilly", "Hon. PADRAIG O'REILLY", "Fisheries offices remain open." },
            { "Minister of Veterans Affairs", "Angus Mackinnon-D'Entremont", "Honourable ANGUS MACKINNON-D'ENTREMONT",
              "Veterans Affairs Canada offices remain open." },
        },
        .n_responses = 4,
        .opened_at = "2024-02-01T09:00", .closed_at = "2024-06-01T09:00",
        .opened = "2024-02-01", .closed = "2024-06-01",
        .presented = "2024-06-12", .response_tabled = "2024-07-26", .petition_no = "441-02600",
        .presenter = "Terry Notreal", .presenter_riding = "Halifax West",
        .sponsor = "Terry Notreal", .sponsor_riding = "Halifax West",
        .sponsor_caucus = "Liberal", .sponsor_province = "Nova Scotia",
        /* June 12 -> July 26: 18 + 26 = 44 */
        .status = "responded", INTS(44, 1, M, 44, 0, 0),
    };
    check_page_file(DIR "en-e-4335-caps-names.txt", &e);
}

/* French signers: a title then a comma then "M." NAME; "Mme"; "L’hon." with
 * capitals and ", c.p., députée". */
static void test_french_signers(void)
{
    struct expect e = {
        .id = "e-4336", .url = FR_URL "e-4336", .kind = "e-petition", .topic = "Finances",
        .lang = "fr", .original_language = "Bilingual",
        .initiator = "Camille Exemple", .initiator_city = "Ottawa", .initiator_province = "Ontario",
        .addressee = "Chambre des communes",
        .grievances = LIST("Les taux d’intérêt hypothécaires ont doublé."),
        .prayer = "Nous, soussignés, citoyens du Canada, demandons à la Chambre des communes d’agir.",
        .text = "Les taux d’intérêt hypothécaires ont doublé.\n"
                "Nous, soussignés, citoyens du Canada, demandons à la Chambre des communes d’agir.",
        .responses = {
            { "ministre des Finances", "Luc Fictif",
              "Le secrétaire parlementaire du ministre des Finances, M. Luc Fictif",
              "Le gouvernement suit la situation de près." },
            { "ministre du Logement", "Anne-Marie Exemple", "Mme Anne-Marie Exemple", "Le logement est une priorité." },
            { "ministre de la Famille", "Élodie Gagné-Côté", "L’hon. ÉLODIE GAGNÉ-CÔTÉ, c.p., députée",
              "Les familles reçoivent l’Allocation canadienne pour enfants." },
        },
        .n_responses = 3,
        .opened_at = "2024-02-01T09:30", .closed_at = "2024-05-31T09:30",
        .opened = "2024-02-01", .closed = "2024-05-31",
        .presented = "2024-06-10", .response_tabled = "2024-07-24", .petition_no = "441-02650",
        .presenter = "Élise Exemple", .presenter_riding = "Ottawa-Centre",
        .sponsor = "Élise Exemple", .sponsor_riding = "Ottawa-Centre",
        .sponsor_caucus = "New Democratic Party", .sponsor_province = "Ontario",
        /* June 10 -> July 24: 20 + 24 = 44 */
        .status = "responded", INTS(44, 1, M, 44, 0, 0),
    };
    check_page_file(DIR "fr-e-4336-signers-fr.txt", &e);
}

/* Curly quotes, dashes and an ellipsis, as a word processor makes them. */
static void test_smart_quotes(void)
{
    struct expect e = {
        .id = "e-4337", .url = EN_URL "e-4337", .kind = "e-petition", .topic = "Veterans affairs",
        .lang = "en", .original_language = "English",
        .initiator = "Pat O’Brien", .initiator_city = "St. John’s", .initiator_province = "Newfoundland and Labrador",
        .addressee = "Minister of Veterans Affairs",
        .grievances = LIST("Veterans’ disability claims take more than a year — sometimes two;",
                           "The “service standard” of 16 weeks is rarely met…"),
        .prayer = "We, the undersigned, citizens of Canada, call upon the Minister of Veterans Affairs to meet the 16‑week service standard.",
        .text = "Veterans’ disability claims take more than a year — sometimes two;\n"
                "The “service standard” of 16 weeks is rarely met…\n"
                "We, the undersigned, citizens of Canada, call upon the Minister of Veterans Affairs to meet the 16‑week service standard.",
        .responses = { { "Minister of Veterans Affairs", "Sam Placeholder", "The Honourable Sam Placeholder",
                         "Veterans Affairs Canada has hired more staff – and wait times are falling." } },
        .n_responses = 1,
        .opened_at = "2024-03-01T12:00", .closed_at = "2024-06-29T12:00",
        .opened = "2024-03-01", .closed = "2024-06-29",
        .presented = "2024-09-16", .response_tabled = "2024-10-30", .petition_no = "441-02751",
        .presenter = "Joan Notreal", .presenter_riding = "St. John’s East",
        .sponsor = "Joan Notreal", .sponsor_riding = "St. John’s East",
        .sponsor_caucus = "Liberal", .sponsor_province = "Newfoundland and Labrador",
        .status = "responded", INTS(44, 1, M, 44, 0, 0),
    };
    check_page_file(DIR "en-e-4337-smart-quotes.txt", &e);
}

/* "Whereas" paragraphs wrapped over lines: each continues its paragraph. */
static void test_whereas_wrapped(void)
{
    struct expect e = {
        .id = "441-01236", .url = EN_URL "441-01236", .kind = "paper", .topic = "Health",
        .lang = "en", .original_language = "English",
        .addressee = "HOUSE OF COMMONS",
        .grievances = LIST("Whereas the number of family doctors per resident in rural Ontario has fallen every year since 2015;",
                           "Whereas residents of rural Ontario must drive more than an hour to reach an emergency room;"),
        .prayer = "THEREFORE, we, the undersigned residents of Ontario, call upon the House of\n"
                  "Commons to fund rural family medicine residencies.",
        .text = "Whereas the number of family doctors per resident in rural Ontario has\n"
                "fallen every year since 2015;\n"
                "Whereas residents of rural Ontario must drive more than an hour to\n"
                "reach an emergency room;\n"
                "THEREFORE, we, the undersigned residents of Ontario, call upon the House of\n"
                "Commons to fund rural family medicine residencies.",
        .presented = "2023-03-20", .petition_no = "441-01236",
        .presenter = "Morgan Notreal", .presenter_riding = "Haliburton—Kawartha Lakes—Brock",
        .sponsor = "Morgan Notreal", .sponsor_riding = "Haliburton—Kawartha Lakes—Brock",
        .sponsor_caucus = "Conservative", .sponsor_province = "Ontario",
        .status = "presented", INTS(44, 1, 41, M, M, 1),
    };
    check_page_file(DIR "en-441-01236-whereas-wrap.txt", &e);
}

/* The signer on the line after "Signed by ...:", "Ms."; a bare "Independent". */
static void test_independent(void)
{
    struct expect e = {
        .id = "e-4338", .url = EN_URL "e-4338", .kind = "e-petition", .topic = "Democratic process",
        .lang = "en", .original_language = "English",
        .initiator = "Quinn Placeholder", .initiator_city = "Kelowna", .initiator_province = "British Columbia",
        .addressee = "Government of Canada",
        .grievances = LIST("Many Canadians cannot vote in advance polls."),
        .prayer = "We, the undersigned, citizens of Canada, call upon the Government of Canada to extend advance polling days.",
        .text = "Many Canadians cannot vote in advance polls.\n"
                "We, the undersigned, citizens of Canada, call upon the Government of Canada to extend advance polling days.",
        .responses = { { "President of the King’s Privy Council for Canada", "Kai Fictional", "Ms. Kai Fictional",
                         "Elections Canada sets the advance polling days." } },
        .n_responses = 1,
        .opened_at = "2023-04-04T10:10", .closed_at = "2023-08-02T10:10",
        .opened = "2023-04-04", .closed = "2023-08-02",
        .presented = "2023-09-20", .response_tabled = "2023-11-03", .petition_no = "441-01760",
        .presenter = "Jesse Notaperson", .presenter_riding = "Kelowna—Lake Country",
        .sponsor = "Jesse Notaperson", .sponsor_riding = "Kelowna—Lake Country",
        .sponsor_caucus = "Independent", .sponsor_province = "British Columbia",
        /* September 20 -> November 3: 10 + 31 + 3 = 44 */
        .status = "responded", INTS(44, 1, M, 44, 0, 0),
    };
    check_page_file(DIR "en-e-4338-independent.txt", &e);
}

static void test_cut_signee(void)
{
    struct expect e = {
        .id = "e-4339", .url = FR_URL "e-4339", .kind = "e-petition", .topic = "Transports",
        .lang = "fr", .original_language = "French",
        .initiator = "Alex Example", .initiator_city = "Rimouski", .initiator_province = "Quebec",
        .addressee = "ministre des Transports",
        .grievances = LIST("Le traversier Matane–Baie-Comeau est souvent hors service."),
        .prayer = "Nous, soussignés, citoyens du Canada, demandons au ministre des Transports de remplacer le traversier.",
        .text = "Le traversier Matane–Baie-Comeau est souvent hors service.\n"
                "Nous, soussignés, citoyens du Canada, demandons au ministre des Transports de remplacer le traversier.",
        .responses = { { "ministre des Transports", NULL, NULL, NULL } },
        .n_responses = 1,
        .status = "responded", INTS(M, M, M, M, M, M),
    };
    check_page_file(DIR "fr-e-4339-cut-signee.txt", &e);
}

/* The presentation on one line in French; "Caucus du Parti vert". */
static void test_green_fr(void)
{
    struct expect e = {
        .id = "e-4340", .url = FR_URL "e-4340", .kind = "e-petition", .topic = "Environnement",
        .lang = "fr", .original_language = "English",
        .initiator = "Noa Fictif", .initiator_city = "Sidney", .initiator_province = "British Columbia",
        .addressee = "gouvernement du Canada",
        .grievances = LIST("Les orques résidentes du Sud sont menacées."),
        .prayer = "Nous, soussignés, citoyens du Canada, demandons au gouvernement du Canada de protéger les orques.",
        .text = "Les orques résidentes du Sud sont menacées.\n"
                "Nous, soussignés, citoyens du Canada, demandons au gouvernement du Canada de protéger les orques.",
        .opened_at = "2024-05-02T14:00", .closed_at = "2024-08-30T14:00",
        .opened = "2024-05-02", .closed = "2024-08-30",
        .presented = "2024-09-23", .petition_no = "441-02502",
        .presenter = "Luc Fictif", .presenter_riding = "Saanich—Gulf Islands",
        .sponsor = "Luc Fictif", .sponsor_riding = "Saanich—Gulf Islands",
        .sponsor_caucus = "Green Party", .sponsor_province = "British Columbia",
        .status = "presented", INTS(44, 1, M, M, M, 1),
    };
    check_page_file(DIR "fr-e-4340-vert.txt", &e);
}

/* The older layout, CRLF, "Sept." / "Jan." / "Aug." abbreviations. */
static void test_old_layout_abbreviations(void)
{
    struct expect e = {
        .id = "e-4341", .url = EN_URL "e-4341", .kind = "e-petition", .topic = "Health",
        .lang = "en",
        .initiator = "Riley Pretend", .initiator_city = "Brandon", .initiator_province = "Manitoba",
        .addressee = "Government of Canada",
        .keywords = LIST("Health care system", "Pharmacare"),
        .grievances = LIST("Many Canadians cannot afford prescribed medication."),
        .prayer = "We, the undersigned, residents of Canada, call upon the Government of Canada to create a national pharmacare program.",
        .text = "Many Canadians cannot afford prescribed medication.\n"
                "We, the undersigned, residents of Canada, call upon the Government of Canada to create a national pharmacare program.",
        .opened_at = "2017-09-05T10:02", .closed_at = "2018-01-03T10:02",
        .opened = "2017-09-05", .closed = "2018-01-03",
        .presented = "2018-08-01", .response_tabled = "2018-09-18", .petition_no = "421-02345",
        .presenter = "Avery Unreal", .presenter_riding = "Brandon—Souris",
        .sponsor = "Avery Unreal", .sponsor_riding = "Brandon—Souris",
        .sponsor_caucus = "Conservative", .sponsor_province = "Manitoba",
        .sessional_paper = "8545-421-9-123",
        /* August 1 -> September 18: 30 + 18 = 48: late */
        .status = "responded", INTS(42, 1, M, 48, 1, 0),
    };
    check_page_file(DIR "en-e-4341-old-layout-sept.txt", &e);
}


/* The signer's name alone, from the forms a signature line takes. */
static void check_signer(const char *printed, const char *want)
{
    char out[128];
    size_t n = text_signer_name(printed, strlen(printed), out, sizeof out);
    CHECK_STR(out, want);
    CHECK_INT(n, strlen(want));
}

static void test_signer_names(void)
{
    check_signer("PIETER VAN DER BERG", "Pieter van der Berg");
    check_signer("Jean DE GRANDPRÉ", "Jean de Grandpré");
    check_signer("VAN HORNE", "Van Horne");                 /* a first word is no particle */
    check_signer("LUC D'ENTREMONT", "Luc D'Entremont");
    check_signer("ANGUS MACKINNON", "Angus Mackinnon");
    check_signer("Mr. Terry Example", "Terry Example");
    check_signer("M. Luc Fictif", "Luc Fictif");
    check_signer("Mme Anne Exemple, députée", "Anne Exemple");
    check_signer("Mo Fictif", "Mo Fictif");
    check_signer("The Honourable Jean-Yves Fictif, P.C., M.P., Minister of Health", "Jean-Yves Fictif");
    check_signer("Parliamentary Secretary to the Minister of Health, Hon. Ana Doe", "Ana Doe");
    check_signer("Le secrétaire parlementaire de la ministre du Travail, M. Jean Roy", "Jean Roy");
    check_signer("Parliamentary Secretary to the Minister of Health", "");
    check_signer("Parliamentary Secretary Ana Doe", "Ana Doe");
    check_signer("The Hon", "");
}

/* The presentation as the label's value, on the label's line. */
static void test_presented_on_label_line(void)
{
    const char *t = "441-00777 (Health)\nPresented to the House of Commons: Ana Doe (Halifax West)\n"
                    "May 3, 2022 (Petition No. 441-00777)\n";
    struct expect e = {
        .id = "441-00777", .url = EN_URL "441-00777", .kind = "paper", .topic = "Health", .lang = "en",
        .presented = "2022-05-03", .petition_no = "441-00777",
        .presenter = "Ana Doe", .presenter_riding = "Halifax West",
        .status = "presented", INTS(44, 1, M, M, M, 1),
    };
    check_page_text("presented on the label line", t, strlen(t), &e);
    /* a lone bullet as the value: nothing taken, nothing read before the line (found by fuzz_page) */
    const char *u = "441-00777 (Health)\nPresented to the House of Commons: -\nMay 3, 2022 (Petition No. 441-00777)\n";
    struct expect f = {
        .id = "441-00777", .url = EN_URL "441-00777", .kind = "paper", .topic = "Health", .lang = "en",
        .presented = "2022-05-03", .petition_no = "441-00777",
        .status = "presented", INTS(44, 1, M, M, M, 1),
    };
    check_page_text("presented: a lone bullet", u, strlen(u), &f);
}

/* Dates in decomposed accents, read by date_parse itself. */
static void test_nfd_dates(void)
{
    struct date_value d;
    char err[80];
    const char *dec = "5 de\xCC\x81" "cembre 2018 a\xCC\x80 10 h 10 (HAE)";
    CHECK_INT(date_parse(dec, strlen(dec), &d, err, sizeof err), 0);
    CHECK_INT(d.month, 12);
    CHECK_INT(d.hour, 10);
    const char *aout = "31 aou\xCC\x82t 2023";
    CHECK_INT(date_parse(aout, strlen(aout), &d, err, sizeof err), 0);
    CHECK_INT(d.month, 8);
}

/* The "Sign this petition" button's line is header noise, not a warning;
 * "Caucus néo-démocrate"; "juill." for July; an unknown line still warns. */
static void test_sign_button_and_forms(void)
{
    const char *t = "e-4400 (Santé)\nSigner cette pétition\nOuverte pour signature\n"
                    "3 juill. 2024 à 9 h 00 (HAE)\nUne ligne inconnue\nPhoto - Ana Doe\nCaucus néo-démocrate\n";
    struct expect e = {
        .id = "e-4400", .url = FR_URL "e-4400", .kind = "e-petition", .topic = "Santé", .lang = "fr",
        .opened_at = "2024-07-03T09:00", .opened = "2024-07-03",
        .sponsor = "Ana Doe", .sponsor_caucus = "New Democratic Party",
        .warnings = { { 5, "Une ligne inconnue" } }, .n_warnings = 1,
        .status = "open", INTS(M, M, M, M, M, M),
    };
    check_page_text("sign button and French forms", t, strlen(t), &e);
}

int main(void)
{
    test_sign_button_and_forms();
    test_nfd_dates();
    test_presented_on_label_line();
    test_signer_names();
    test_wrapped_en();
    test_wrapped_fr();
    test_long_responses();
    test_paper_fr();
    test_presenter_differs();
    test_one_line_presented();
    test_no_photo();
    test_photo_of();
    test_nfd();
    test_tabs_and_blanks();
    test_noise_mid_page();
    test_french_header_table();
    test_table_total();
    test_french_bullets();
    test_cut_signed();
    test_cut_table();
    test_capital_signers();
    test_french_signers();
    test_smart_quotes();
    test_whereas_wrapped();
    test_independent();
    test_cut_signee();
    test_green_fr();
    test_old_layout_abbreviations();
    return check_done();
}
