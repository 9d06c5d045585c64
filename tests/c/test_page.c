/* test_page.c — the page parser on the sample pages: every field of every
 * record, missing ones included, worked out by hand from the page text.
 * The variants and error cases are in test_page_variants.c. */
#include "check.h"
#include "test_page_check.h"

/* e-2559: the real page. The texts below are the page's own lines. */
#define E2559_GRIEVANCE "Canadian citizens are deeply concerned about how our government deals with the Chinese Communist Party (CCP) of the People\xe2\x80\x99" "s Republic of China (PRC) and lacks of concrete actions to safeguard Canada\xe2\x80\x99" "s sovereignty, national interests, and core values from infiltration and interference of the totalitarian CCP."
#define E2559_PRAYER \
    "We, the undersigned, Citizens of Canada, call upon the Government of Canada to:\n" \
    "1. Apply our Justice for Victims of Corrupt Foreign Officials Act (Sergei Magnitsky Law) to sanction Chinese and Hong Kong officials who are responsible for or complicit in gross human rights violations against Chinese civilians and Canadians, especially the atrocities in Xinjiang, Tibet, Hong Kong, Taiwan and the unimaginable horror of organ harvesting;\n" \
    "2. Ban Huawei from our 5G networks;\n" \
    "3. Close down all Confucius Institutes; and\n" \
    "4. Bring in an Australian style Foreign Influence Transparency Scheme Act."
static const char *const e2559_response =
    "1.\xc2\xa0" " Canada is judicious in its approach regarding when to deploy sanctions, or draws on other courses of action in its diplomatic toolkit, based on foreign policy priorities. Canada continues to work with international partners to ensure that human rights are respected around the world. The Government of Canada tailors its responses to the specifics of each unique situation and, wherever possible, coordinates closely with like-minded allies to maximize the effectiveness of sanctions.\n"
    "On March 22, 2021, Canada announced sanctions against 4 officials and 1 entity under the Special Economic Measures (People\xe2\x80\x99" "s Republic of China) Regulations, based on their participation in gross and systematic human rights violations in the Xinjiang Uyghur Autonomous Region (XUAR). The Regulations impose a dealings ban on listed persons, which prohibits any person in Canada and any Canadian outside Canada from undertaking a broad range of financial and business transactions with any of the listed individuals or entities. The individuals listed in the schedule to the regulations are also rendered inadmissible to Canada under the Immigration and Refugee Protection Act. These measures were taken in coordination with the United States and the United Kingdom, and in solidarity with the European Union. These sanctions underscore Canada\xe2\x80\x99" "s grave concerns with the ongoing human rights violations occurring in the XUAR, affecting Uyghurs and other Muslim ethnic minorities.\n"
    "Canada will continue to call on the People\xe2\x80\x99" "s Republic of China to fulfill its international human rights obligations and to allow for meaningful, unfettered access to the XUAR so that impartial experts can investigate the situation first-hand. Canada will continue to work collaboratively with partners to address the human rights situation in Xinjiang, Hong Kong, and Tibet, and will continue to call on China to live up to its international obligations.\n"
    "2.\xc2\xa0" " The government is carefully examining the security challenges and potential threats involved in 5G technology, while recognizing the transformative importance of 5G advancements for continued economic development and prosperity. Canada\xe2\x80\x99" "s examination considers a number of implications ranging from foreign policy coherence to technical, security, economic and legal implications of 5G.\n"
    "Canada views this issue as an important element within the context of our key relationships, in particular the United States. Ensuring Canada\xe2\x80\x99" "s telecommunications system is secure from exploitation from malicious actors is key to protecting our shared critical infrastructure and advancing our shared economic interests.\n"
    "Canada takes the security of its telecommunications system very seriously. Since 2013, the Canadian security review program, led by CSE, has worked to mitigate the cybersecurity risks that stem from designated equipment and services. While the government cannot commit on specific companies, work will continue in collaboration with telecommunications service providers and equipment vendors to mitigate cyber security risks in current and future networks as 5G technology is adopted by Canadians.\n"
    "Canada is working with our Five Eyes partners, other close allies and with national security experts to ensure that we take a decision on 5G which ensures our interests are protected and that Canada\xe2\x80\x99" "s telecommunications system is safe from hostile actors over the long term.\n"
    "3.\xc2\xa0" " The Government of Canada regularly engages with educational institutions and provincial authorities to raise awareness of any potential threats arising from the activities of foreign states on Canadian soil. To support researchers, research institutions and government funders in undertaking consistent, risk-targeted due diligence of potential risks to research security, the Government of Canada has asked the members of the\xc2\xa0" "Government of Canada - Universities Working Group\xc2\xa0" "to develop specific risk guidelines to integrate national security considerations into the evaluation and funding of research partnerships. These guidelines will be provided for consideration by June 25, 2021. Confucius Institutes in Canada operate in partnership with Canadian educational institutions. Should Canadians have concerns about their operations, the Government of Canada encourages them to engage with the relevant institution and/or provincial authority.\n"
    "4.\xc2\xa0" " The Government of Canada does not tolerate harmful activities such as foreign interference and applies a whole-of-government approach to safeguarding our communities, democratic institutions, and economic prosperity. The Government of Canada is always looking to learn from the experiences of our international partners to see what may be advisable or possible in Canada. In December 2020, the Minister of Public Safety and Emergency Preparedness publicly outlined the threats related to foreign interference, and the critical work of the security and intelligence community in a letter addressed to all Members of Parliament. The Government of Canada is always evaluating the tools and authorities required by our security agencies to keep Canadians safe, while respecting their fundamental rights.\n"
    "Canada has been leading the G7 Rapid Response Mechanism aimed at identifying and responding to foreign threats to democracy since it was agreed at the 2018 Charlevoix Summit. Since its establishment, the mechanism has focussed on countering foreign state sponsored disinformation, in recognition of the critical threat this issue poses to the rules-based international order and democratic governance. The mechanism\xe2\x80\x99" "s coordination unit, located at Global Affairs Canada, also supports whole of government efforts aimed at safeguarding the Canadian federal elections, as a member of the Security and Intelligence Threats to Elections (SITE) Task Force, along with the Communications Security Establishment, the Canadian Security Intelligence Services and the Royal Canadian Mounted Police.\n"
    "There has been an increase in Foreign Interference (FI) investigations at the RCMP over the last few years, which could be attributed to several factors including increased reporting by victims, greater awareness by local police and media attention. It is predominantly the RCMP\xe2\x80\x99" "s Federal Policing National Security program that looks to identify common activities that could be attributed to FI including intimidation, harassment and threats. This work requires collaboration with police of local jurisdiction and other local partners, as these types of criminality are almost always brought to their attention first. Should there be criminal or illegal activities occurring in Canada that are found to be backed by a foreign state, the Federal Policing National Security program will take the lead in these types of investigations, given the complexity and the classification of information that form their basis. As such, the RCMP can only confirm that it is monitoring and actively investigating threats of FI in Canada.\n"
    "The Government of Canada\xe2\x80\x99" "s security and intelligence community is combatting foreign interference threats within their respective mandates. The Government of Canada continues to look for new and innovative ways to enhance the measures in place to address foreign interference.";

static void test_e2559(void)
{
    struct expect e = {
        .id = "e-2559",
        .url = "https://www.ourcommons.ca/petitions/en/Petition/Details?Petition=e-2559",
        .kind = "e-petition", .topic = "Foreign affairs", .lang = "en", .original_language = "English",
        .initiator = "Conita Chan", .initiator_city = "Calgary", .initiator_province = "Alberta",
        .addressee = "Government of Canada",
        .grievances = LIST(E2559_GRIEVANCE),
        .prayer = E2559_PRAYER,
        .text = E2559_GRIEVANCE "\n" E2559_PRAYER,
        .responses = { { "Minister of Foreign Affairs", "Rob Oliphant", "Rob Oliphant", NULL } },
        .n_responses = 1,
        .opened_at = "2020-06-10T09:06", .closed_at = "2020-10-08T09:06",
        .opened = "2020-06-10", .closed = "2020-10-08",
        .presented = "2021-04-21", .response_tabled = "2021-06-04",
        .petition_no = "432-00840",
        .presenter = "Stephanie Kusie", .presenter_riding = "Calgary Midnapore",
        .sponsor = "Stephanie Kusie", .sponsor_riding = "Calgary Midnapore",
        .sponsor_caucus = "Conservative",
        /* as of 2025-01-01: April 21 -> June 4 is 9 + 31 + 4 = 44 days */
        .status = "responded", INTS(43, 2, M, 44, 0, 0),
    };
    e.responses[0].text = e2559_response;
    check_page_file("data/e-2559.txt", &e);
}

static void test_paper_en(void)
{
    struct expect e = {
        .id = "441-09002",
        .url = "https://www.ourcommons.ca/petitions/en/Petition/Details?Petition=441-09002",
        .kind = "paper", .topic = "Health", .lang = "en", .original_language = "English",
        .addressee = "PRIME MINISTER",
        .grievances = LIST("Wait times for specialist care exceed one year in several provinces; and",
                           "Patients travel out of province at their own cost to receive care."),
        .prayer = "THEREFORE, we, the undersigned citizens of Canada, call upon the Prime Minister to:\n"
                  "1- Convene a first ministers' meeting on wait times; and\n"
                  "2- Create a fund for patients who must travel for care.",
        .text = "WHEREAS:\n"
                "Wait times for specialist care exceed one year in several provinces; and\n"
                "Patients travel out of province at their own cost to receive care.\n"
                "THEREFORE, we, the undersigned citizens of Canada, call upon the Prime Minister to:\n"
                "1- Convene a first ministers' meeting on wait times; and\n"
                "2- Create a fund for patients who must travel for care.",
        .responses = {
            { "Minister of Health", "Dana Fictive", "DANA FICTIVE, M.P.",
              "Health care delivery is a provincial and territorial responsibility. The federal "
              "government supports the provinces through the Canada Health Transfer." },
            { "President of the Treasury Board", "Lee Imaginary", "Lee Imaginary",
              "The Treasury Board Secretariat does not administer health programs for the public." },
        },
        .n_responses = 2,
        .presented = "2023-03-20", .response_tabled = "2023-05-04", .petition_no = "441-09002",
        .presenter = "Morgan Notreal", .presenter_riding = "Kootenay—Columbia",
        .sponsor = "Morgan Notreal", .sponsor_riding = "Kootenay—Columbia",
        .sponsor_caucus = "New Democratic Party",
        /* March 20 -> May 4: 11 + 30 + 4 = 45 days, not late */
        .status = "responded", INTS(44, 1, 41, 45, 0, 0),
    };
    check_page_file("data/examples/en-441-09002.txt", &e);

    struct expect f = {
        .id = "441-09012",
        .url = "https://www.ourcommons.ca/petitions/en/Petition/Details?Petition=441-09012",
        .kind = "paper", .topic = "Fisheries", .lang = "en", .original_language = "Bilingual",
        .addressee = "House of Commons in Parliament Assembled",
        .grievances = LIST("Whereas the inshore lobster fishery supports hundreds of coastal communities;",
                           "Whereas enforcement of fishing seasons has been uneven across regions; and",
                           "Whereas harvesters need clear rules before each season opens;"),
        .prayer = "Therefore, we, the undersigned, urge the Government of Canada to publish enforcement "
                  "plans for each fishing area thirty days before the season opens.",
        .text = "We, the undersigned residents of Canada, draw the attention of the House of Commons to the following:\n"
                "Whereas the inshore lobster fishery supports hundreds of coastal communities;\n"
                "Whereas enforcement of fishing seasons has been uneven across regions; and\n"
                "Whereas harvesters need clear rules before each season opens;\n"
                "Therefore, we, the undersigned, urge the Government of Canada to publish enforcement "
                "plans for each fishing area thirty days before the season opens.",
        .responses = { { "Minister of Fisheries, Oceans and the Canadian Coast Guard", "Chris Madeup",
                         "The Honourable Chris Madeup",
                         "Fisheries and Oceans Canada publishes integrated fisheries management plans for each fishery." } },
        .n_responses = 1,
        .presented = "2024-02-12", .response_tabled = "2024-03-27", .petition_no = "441-09012",
        .presenter = "Terry Notreal", .presenter_riding = "South Shore—St. Margarets",
        .sponsor = "Terry Notreal", .sponsor_riding = "South Shore—St. Margarets",
        .sponsor_caucus = "Conservative",
        /* February 12 -> March 27, 2024 (a leap year): 17 + 27 = 44 */
        .status = "responded", INTS(44, 1, 112, 44, 0, 0),
    };
    check_page_file("data/examples/en-441-09012.txt", &f);
}

static void test_epetitions_en(void)
{
    struct expect e = {
        .id = "e-9101",
        .url = "https://www.ourcommons.ca/petitions/en/Petition/Details?Petition=e-9101",
        .kind = "e-petition", .topic = "Transportation", .lang = "en", .original_language = "English",
        .initiator = "Alex Example", .initiator_city = "Moose Jaw", .initiator_province = "Saskatchewan",
        .addressee = "Minister of Transport",
        .grievances = LIST("Rural bus routes in the Prairie provinces have been cut by half since 2018;",
                           "Residents of small towns depend on intercity buses to reach hospitals and courts; and",
                           "No federal program supports intercity passenger buses."),
        .prayer = "We, the undersigned, citizens and residents of Canada, call upon the Minister of Transport to:\n"
                  "1. Fund a national intercity bus network;\n"
                  "2. Set minimum service levels for communities of more than 1,000 residents; and\n"
                  "3. Report to Parliament on rural transportation every two years.",
        .text = "Rural bus routes in the Prairie provinces have been cut by half since 2018;\n"
                "Residents of small towns depend on intercity buses to reach hospitals and courts; and\n"
                "No federal program supports intercity passenger buses.\n"
                "We, the undersigned, citizens and residents of Canada, call upon the Minister of Transport to:\n"
                "1. Fund a national intercity bus network;\n"
                "2. Set minimum service levels for communities of more than 1,000 residents; and\n"
                "3. Report to Parliament on rural transportation every two years.",
        .responses = { { "Minister of Transport", "Sam Placeholder", "The Honourable Sam Placeholder",
                         "The Government of Canada recognizes that reliable transportation is essential to rural communities.\n"
                         "Through the Rural Transit Solutions Fund, the Government supports the planning and delivery of local transit." } },
        .n_responses = 1,
        .opened_at = "2024-01-09T11:15", .closed_at = "2024-05-08T11:15",
        .opened = "2024-01-09", .closed = "2024-05-08",
        .presented = "2024-06-03", .response_tabled = "2024-07-18", .petition_no = "441-09013",
        .presenter = "Robin Sample", .presenter_riding = "Regina—Wascana",
        .sponsor = "Robin Sample", .sponsor_riding = "Regina—Wascana",
        .sponsor_caucus = "Conservative", .sponsor_province = "Saskatchewan",
        /* June 3 -> July 18: 27 + 18 = 45 */
        .status = "responded", INTS(44, 1, M, 45, 0, 0),
    };
    check_page_file("data/examples/en-e-9101.txt", &e);

    struct expect g = {
        .id = "e-9103",
        .url = "https://www.ourcommons.ca/petitions/en/Petition/Details?Petition=e-9103",
        .kind = "e-petition", .topic = "Environment", .lang = "en", .original_language = "French",
        .initiator = "Casey Madeup", .initiator_city = "halifax", .initiator_province = "Nova Scotia",
        .addressee = "House of Commons",
        .grievances = LIST("Whereas coastal wetlands store large amounts of carbon;",
                           "Whereas wetland loss in Atlantic Canada continues"),
        .prayer = "We, the undersigned, residents of Nova Scotia, call upon the House of Commons to "
                  "protect coastal wetlands through federal legislation.",
        .text = "Whereas coastal wetlands store large amounts of carbon;\n"
                "Whereas wetland loss in Atlantic Canada continues\n"
                "We, the undersigned, residents of Nova Scotia, call upon the House of Commons to "
                "protect coastal wetlands through federal legislation.",
        .opened_at = "2022-09-01T14:05", .closed_at = "2022-12-30T14:05",
        .opened = "2022-09-01", .closed = "2022-12-30",
        .sponsor = "Jamie Invented", .sponsor_caucus = "Liberal",
        .status = "closed", INTS(M, M, M, M, M, M),
    };
    check_page_file("data/examples/en-e-9103.txt", &g);
    g.as_of = "2022-12-30";                 /* the closing day itself: still open */
    g.status = "open";
    check_page_file("data/examples/en-e-9103.txt", &g);

    struct expect h = {
        .id = "e-9104",
        .url = "https://www.ourcommons.ca/petitions/en/Petition/Details?Petition=e-9104",
        .kind = "e-petition", .topic = "Agriculture", .lang = "en", .original_language = "English",
        .initiator = "Pat Fakename", .initiator_city = "Red Deer", .initiator_province = "Alberta",
        .addressee = "House of Commons in Parliament assembled",
        .grievances = LIST("Grain farmers face rising rail costs; and",
                           "Hopper car shortages delay shipments every winter."),
        .prayer = "We, the undersigned, citizens of Canada, call upon the Minister of Agriculture and Agri-Food "
                  "to: (a) review rail service levels; and (b) report on shipping delays each season.",
        .text = "Whereas:\n"
                "Grain farmers face rising rail costs; and\n"
                "Hopper car shortages delay shipments every winter.\n"
                "We, the undersigned, citizens of Canada, call upon the Minister of Agriculture and Agri-Food "
                "to: (a) review rail service levels; and (b) report on shipping delays each season.",
        .opened_at = "2017-09-05T10:02", .closed_at = "2018-01-03T10:02",
        .opened = "2017-09-05", .closed = "2018-01-03",
        .presented = "2018-02-01", .response_tabled = "2018-03-19", .petition_no = "421-09004",
        .presenter = "Drew Unreal", .presenter_riding = "Red Deer—Lacombe",
        .sponsor = "Drew Unreal", .sponsor_riding = "Red Deer—Lacombe",
        .sponsor_caucus = "Conservative", .sponsor_province = "Alberta",
        .sessional_paper = "8545-421-9-99",
        /* February 1 -> March 19, 2018: 27 + 19 = 46 days: late */
        .status = "responded", INTS(42, 1, M, 46, 1, 0),
    };
    check_page_file("data/examples/en-e-9104.txt", &h);

    /* Keywords, "- " bullets, the presenter split after a lone "-", a province
     * table, no prayer line: the bare list stays the grievances, prayer NULL. */
    struct expect k = {
        .id = "e-9105",
        .url = "https://www.ourcommons.ca/petitions/en/Petition/Details?Petition=e-9105",
        .kind = "e-petition", .topic = "Foreign affairs", .lang = "en", .original_language = "English",
        .addressee = "Government of Canada",
        .keywords = LIST("Foreign policy", "Humanitarian assistance"),
        .grievances = LIST("Canada increase humanitarian assistance to regions affected by famine;",
                           "Canada match private donations to registered relief charities."),
        .text = "Canada increase humanitarian assistance to regions affected by famine;\n"
                "Canada match private donations to registered relief charities.",
        .opened_at = "2023-10-02T09:00", .closed_at = "2023-11-01T09:00",
        .opened = "2023-10-02", .closed = "2023-11-01",
        .presented = "2023-11-20", .petition_no = "441-09005",
        .presenter = "Quinn Placeholder", .presenter_riding = "Ottawa Centre",
        /* 120 + 310 + 1204 + 98 + 3 */
        .by_province = { { "Alberta", 120 }, { "British Columbia", 310 }, { "Ontario", 1204 },
                         { "Quebec", 98 }, { "Yukon", 3 } },
        .n_by_province = 5,
        .status = "presented", INTS(44, 1, 1735, M, M, 1),
    };
    check_page_file("data/examples/en-e-9105.txt", &k);
    k.as_of = "2024-01-04";                 /* November 20 -> January 4: 10 + 31 + 4 = 45: not yet */
    k.overdue = 0;
    check_page_file("data/examples/en-e-9105.txt", &k);
    k.as_of = "2024-01-05";                 /* 46 days */
    k.overdue = 1;
    check_page_file("data/examples/en-e-9105.txt", &k);

    /* The 42nd-Parliament layout: the opening in the initiator line, keywords, Not Certified. */
    struct expect n = {
        .id = "e-9108",
        .url = "https://www.ourcommons.ca/petitions/en/Petition/Details?Petition=e-9108",
        .kind = "e-petition", .topic = "Health care services", .lang = "en",
        .initiator = "Riley Pretend", .initiator_city = "Brandon", .initiator_province = "Manitoba",
        .keywords = LIST("Health care system", "Pharmacare"),
        .addressee = "Government of Canada",
        .grievances = LIST("Many Canadians cannot afford prescribed medication."),
        .prayer = "We, the undersigned, residents of Canada, call upon the Government of Canada to create a "
                  "national pharmacare program.",
        .text = "Many Canadians cannot afford prescribed medication.\n"
                "We, the undersigned, residents of Canada, call upon the Government of Canada to create a "
                "national pharmacare program.",
        .opened_at = "2017-11-02T13:45", .closed_at = "2018-03-02T13:45",
        .opened = "2017-11-02", .closed = "2018-03-02",
        .sponsor = "Avery Unreal", .sponsor_riding = "Brandon—Souris",
        .sponsor_caucus = "Conservative", .sponsor_province = "Manitoba",
        .not_certified = true,
        .status = "not_certified", INTS(42, M, M, M, M, M),
    };
    check_page_file("data/examples/en-e-9108.txt", &n);

    /* Cut inside the label "Closed for sig": no closing date, and no warning. */
    struct expect c = {
        .id = "e-9109",
        .url = "https://www.ourcommons.ca/petitions/en/Petition/Details?Petition=e-9109",
        .kind = "e-petition", .topic = "Democratic process", .lang = "en", .original_language = "English",
        .initiator = "Jesse Notaperson", .initiator_city = "Kelowna", .initiator_province = "British Columbia",
        .addressee = "Government of Canada",
        .grievances = LIST("Voter turnout among young Canadians remains low; and",
                           "Civic education differs widely between provinces."),
        .prayer = "We, the undersigned, citizens of Canada, call upon the Government of Canada to fund "
                  "non-partisan civic education.",
        .text = "Voter turnout among young Canadians remains low; and\n"
                "Civic education differs widely between provinces.\n"
                "We, the undersigned, citizens of Canada, call upon the Government of Canada to fund "
                "non-partisan civic education.",
        .responses = { { "President of the King's Privy Council for Canada", "Kai Fictional", "Kai Fictional",
                         "The Government of Canada supports civic literacy through Elections Canada's "
                         "educational programs." } },
        .n_responses = 1,
        .opened_at = "2023-04-04T10:10", .opened = "2023-04-04",
        .status = "responded", INTS(M, M, M, M, M, M),
    };
    check_page_file("data/examples/en-e-9109-cut.txt", &c);
}

static void test_french(void)
{
    struct expect p = {
        .id = "441-09007",
        .url = "https://www.noscommunes.ca/petitions/fr/Petition/Details?Petition=441-09007",
        .kind = "paper", .topic = "Justice", .lang = "fr", .original_language = "English",
        .keywords = LIST("Armes à feu", "Sécurité publique"),
        .addressee = "Chambre des communes",
        .grievances = LIST("Les propriétaires d’armes à feu respectueux de la loi sont soumis à des vérifications;",
                           "Les armes utilisées dans les crimes proviennent surtout de la contrebande."),
        .prayer = "Nous, les soussignés, citoyens du Canada, demandons à la Chambre des communes de cibler "
                  "la contrebande d’armes.",
        .text = "Considérant que :\n"
                "Les propriétaires d’armes à feu respectueux de la loi sont soumis à des vérifications;\n"
                "Les armes utilisées dans les crimes proviennent surtout de la contrebande.\n"
                "Nous, les soussignés, citoyens du Canada, demandons à la Chambre des communes de cibler "
                "la contrebande d’armes.",
        .responses = { { "ministre de la Sécurité publique", "Dominique Fictif",
                         "Le secrétaire parlementaire Dominique Fictif",
                         "Le gouvernement du Canada investit dans la lutte contre la contrebande d’armes à feu "
                         "à la frontière." } },
        .n_responses = 1,
        .presented = "2023-10-09", .response_tabled = "2023-11-22", .petition_no = "441-09007",
        .presenter = "Sacha Imaginaire", .presenter_riding = "Portneuf—Jacques-Cartier",
        .sponsor = "Sacha Imaginaire", .sponsor_riding = "Portneuf—Jacques-Cartier",
        .sponsor_caucus = "Conservative", .sponsor_province = "Quebec",
        /* October 9 -> November 22: 22 + 22 = 44 */
        .status = "responded", INTS(44, 1, M, 44, 0, 0),
    };
    check_page_file("data/examples/fr-441-09007.txt", &p);

    struct expect e = {
        .id = "e-9101",
        .url = "https://www.noscommunes.ca/petitions/fr/Petition/Details?Petition=e-9101",
        .kind = "e-petition", .topic = "Transports", .lang = "fr", .original_language = "English",
        .initiator = "Alex Example", .initiator_city = "Moose Jaw", .initiator_province = "Saskatchewan",
        .addressee = "ministre des Transports",
        .grievances = LIST("Les lignes d’autocars rurales des provinces des Prairies ont été réduites de moitié depuis 2018;",
                           "Les résidents des petites villes dépendent des autocars interurbains pour se rendre aux hôpitaux et aux tribunaux;",
                           "Aucun programme fédéral ne soutient les autocars interurbains."),
        .prayer = "Nous, soussignés, citoyens et résidents du Canada, prions le ministre des Transports de :\n"
                  "1. Financer un réseau national d’autocars interurbains;\n"
                  "2. Fixer des niveaux de service minimaux pour les collectivités de plus de 1 000 habitants;\n"
                  "3. Faire rapport au Parlement sur le transport rural tous les deux ans.",
        .text = "Attendu que :\n"
                "Les lignes d’autocars rurales des provinces des Prairies ont été réduites de moitié depuis 2018;\n"
                "Les résidents des petites villes dépendent des autocars interurbains pour se rendre aux hôpitaux et aux tribunaux;\n"
                "Aucun programme fédéral ne soutient les autocars interurbains.\n"
                "Nous, soussignés, citoyens et résidents du Canada, prions le ministre des Transports de :\n"
                "1. Financer un réseau national d’autocars interurbains;\n"
                "2. Fixer des niveaux de service minimaux pour les collectivités de plus de 1 000 habitants;\n"
                "3. Faire rapport au Parlement sur le transport rural tous les deux ans.",
        .responses = { { "ministre des Transports", "Sam Placeholder", "L'honorable Sam Placeholder",
                         "Le gouvernement du Canada reconnaît qu’un transport fiable est essentiel pour les "
                         "collectivités rurales." } },
        .n_responses = 1,
        .opened_at = "2024-01-09T11:15", .closed_at = "2024-05-08T11:15",
        .opened = "2024-01-09", .closed = "2024-05-08",
        .presented = "2024-06-03", .response_tabled = "2024-07-18", .petition_no = "441-09013",
        .presenter = "Robin Sample", .presenter_riding = "Regina—Wascana",
        .sponsor = "Robin Sample", .sponsor_riding = "Regina—Wascana",
        .sponsor_caucus = "Conservative", .sponsor_province = "Saskatchewan",
        .status = "responded", INTS(44, 1, M, 45, 0, 0),
    };
    check_page_file("data/examples/fr-e-9101.txt", &e);

    struct expect f = {
        .id = "e-9106",
        .url = "https://www.noscommunes.ca/petitions/fr/Petition/Details?Petition=e-9106",
        .kind = "e-petition", .topic = "Patrimoine canadien", .lang = "fr", .original_language = "French",
        .initiator = "Camille Exemple", .initiator_city = "Trois-Rivières", .initiator_province = "Quebec",
        .addressee = "gouvernement du Canada",
        .grievances = LIST("Les festivals régionaux attirent des visiteurs de partout au pays;",
                           "Le financement fédéral des festivals n’a pas été indexé depuis 2015."),
        .prayer = "Nous, soussignés, citoyens du Canada, prions le gouvernement du Canada d’indexer le "
                  "financement des festivals régionaux.",
        .text = "Attendu que :\n"
                "Les festivals régionaux attirent des visiteurs de partout au pays;\n"
                "Le financement fédéral des festivals n’a pas été indexé depuis 2015.\n"
                "Nous, soussignés, citoyens du Canada, prions le gouvernement du Canada d’indexer le "
                "financement des festivals régionaux.",
        .responses = { { "ministre du Patrimoine canadien", "Andrée Fictive", "L'honorable Andrée Fictive",
                         "Le gouvernement du Canada appuie les festivals par l’entremise du Fonds du Canada "
                         "pour la présentation des arts." } },
        .n_responses = 1,
        .opened_at = "2019-02-01T09:30", .closed_at = "2019-06-01T09:30",
        .opened = "2019-02-01", .closed = "2019-06-01",
        .presented = "2019-06-12", .response_tabled = "2019-07-26", .petition_no = "421-09006",
        .presenter = "Gabriel Inventé", .presenter_riding = "Trois-Rivières",
        .sponsor = "Gabriel Inventé", .sponsor_riding = "Trois-Rivières",
        .sponsor_caucus = "Bloc Québécois", .sponsor_province = "Quebec",
        /* June 12 -> July 26: 18 + 26 = 44 */
        .status = "responded", INTS(42, 1, M, 44, 0, 0),
    };
    check_page_file("data/examples/fr-e-9106.txt", &f);

    /* BOM, CRLF, U+00A0 before the colons, d'Iqaluit, keywords, a split
     * presenter block, "no" for the number, a table with "1 312" (U+00A0). */
    struct expect g = {
        .id = "e-9111",
        .url = "https://www.noscommunes.ca/petitions/fr/Petition/Details?Petition=e-9111",
        .kind = "e-petition", .topic = "Environnement", .lang = "fr", .original_language = "French",
        .keywords = LIST("Eau potable", "Premières Nations"),
        .initiator = "Noa Fictif", .initiator_city = "Iqaluit", .initiator_province = "Nunavut",
        .addressee = "gouvernement du Canada",
        .grievances = LIST("Plusieurs collectivités sont soumises à un avis d’ébullition de l’eau depuis plus d’un an;",
                           "Les infrastructures d’eau potable du Nord coûtent plus cher à construire."),
        .prayer = "Nous, soussignés, résidents du Canada, demandons au gouvernement du Canada de financer "
                  "l’eau potable dans toutes les collectivités du Nord.",
        .text = "Attendu que\xc2\xa0:\n"
                "Plusieurs collectivités sont soumises à un avis d’ébullition de l’eau depuis plus d’un an;\n"
                "Les infrastructures d’eau potable du Nord coûtent plus cher à construire.\n"
                "Nous, soussignés, résidents du Canada, demandons au gouvernement du Canada de financer "
                "l’eau potable dans toutes les collectivités du Nord.",
        .opened_at = "2023-05-02T14:00", .closed_at = "2023-08-31T14:00",
        .opened = "2023-05-02", .closed = "2023-08-31",
        .presented = "2023-09-18", .response_tabled = "2023-11-01", .petition_no = "441-09011",
        .presenter = "Lou Inventé", .presenter_riding = "Nunavut",
        /* 1312 + 640 + 95 + 210 */
        .by_province = { { "Nunavut", 1312 }, { "Ontario", 640 }, { "Quebec", 95 },
                         { "Northwest Territories", 210 } },
        .n_by_province = 4,
        /* September 18 -> November 1: 12 + 31 + 1 = 44 */
        .status = "responded", INTS(44, 1, 2257, 44, 0, 0),
    };
    check_page_file("data/examples/fr-e-9111.txt", &g);
}

/* The natural order of ids: each list is in order, ties marked by "=". */
static int id_compare(const char *a, const char *b)
{
    struct page_id_key ka = page_id_key(a, strlen(a)), kb = page_id_key(b, strlen(b));
    return page_id_compare(&ka, &kb);
}

static void test_id_order(void)
{
    static const char *const ordered[] = {
        "e-1", "e-2", "e-10", "e-99", "e-100", "e-2559", "e-12345678901",
        "e-999999999999999999999999",                /* longer than any integer */
        "12-5",                                      /* parliament 1, session 2 */
        "431-00012", "431-00840", "432-00001", "441-00001", "441-00010", "4410-00001",
        "", "1-5", "441-", "441-0a", "b-7", "e-", "e-1-2", "e-1a", "x",
    };
    size_t n = sizeof ordered / sizeof ordered[0];
    for (size_t i = 0; i < n; i++) {
        int wrong = 0;
        for (size_t j = 0; j < n; j++) {
            int c = id_compare(ordered[i], ordered[j]);
            if ((c > 0) - (c < 0) != (i > j) - (i < j)) {
                printf("    \"%s\" against \"%s\" gives %d\n", ordered[i], ordered[j], c);
                wrong++;
            }
        }
        CHECK_INT(wrong, 0);                                /* ordered[i] against all */
    }
    CHECK_INT(id_compare("e-2", "e-02"), 0);               /* by value: a tie */
    CHECK_INT(id_compare("e-0", "e-000"), 0);
    CHECK_INT(id_compare("441-00001", "441-1"), 0);
    CHECK(id_compare("e-3", "e-02") > 0);
}

int main(void)
{
    test_id_order();
    test_e2559();
    test_paper_en();
    test_epetitions_en();
    test_french();
    return check_done();
}
