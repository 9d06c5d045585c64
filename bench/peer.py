#!/usr/bin/env python3
"""peer.py — the petition parse an analyst would write without petlua.

Python 3 standard library only: walk a folder, read every page (English or
French, any rendering), pull the record fields out with regular expressions,
merge the English and French pages of the same petition (English wins), and
work out response_days and late. It is the side-by-side peer of
`petlua.load(DIR)` in bench/run.sh.

    python3 bench/peer.py DIR [--csv FILE] [--pages]

--csv FILE writes the records; --pages keeps one record per page (no merge),
which is what bench/accuracy.sh compares with the generator's truth.
"""
import csv
import datetime
import os
import re
import sys

MONTHS_EN = {m: i + 1 for i, m in enumerate(
    "January February March April May June July August September October November December".split())}
MONTHS_FR = {m: i + 1 for i, m in enumerate(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split())}
PROVINCES_FR = {
    "Colombie-Britannique": "British Columbia", "Québec": "Quebec", "Nouvelle-Écosse": "Nova Scotia",
    "Nouveau-Brunswick": "New Brunswick", "Terre-Neuve-et-Labrador": "Newfoundland and Labrador",
    "Île-du-Prince-Édouard": "Prince Edward Island", "Territoires du Nord-Ouest": "Northwest Territories",
}
PROVINCES = {p: p for p in ["Ontario", "Quebec", "British Columbia", "Alberta", "Manitoba", "Saskatchewan",
                            "Nova Scotia", "New Brunswick", "Newfoundland and Labrador", "Prince Edward Island",
                            "Northwest Territories", "Yukon", "Nunavut"]}
PROVINCES.update(PROVINCES_FR)
CAUCUS = {"Liberal": "Liberal", "Libéral": "Liberal", "Conservative": "Conservative",
          "Conservateur": "Conservative", "New Democratic Party": "New Democratic Party",
          "Nouveau Parti démocratique": "New Democratic Party", "NPD": "New Democratic Party",
          "Bloc Québécois": "Bloc Québécois", "Green Party": "Green Party", "Parti vert": "Green Party",
          "Independent": "Independent", "Indépendant": "Independent", "Indépendante": "Independent"}
ORIGINAL = {"English": "English", "Anglais": "English", "French": "French", "Français": "French",
            "Bilingual": "Bilingual", "Bilingue": "Bilingual"}

SP = r"[ \u00a0\u202f]"
RE_TITLE = re.compile(r"^(e-\d+|\d{3}-\d{5}) \((.+)\)$")
RE_PARLIAMENT = re.compile(r"^(\d+)(?:st|nd|rd|th) Parliament$")
RE_INIT_EN = re.compile(r"^Initiated by (.+?) from (.+?), ([^,]+?)(?:, on (.+))?$")
RE_INIT_FR = re.compile(r"^Lancée par (.+?) (?:de |d'|d’)(.+) \((.+)\)(?:, le (.+))?$")
RE_ORIG = re.compile(r"^(?:Original language of petition|Langue d'origine de la pétition)" + SP + r"*:" + SP + r"*(.+)$")
RE_ADDR_EN = re.compile(r"^Petition to (?:the )?(.+)$", re.I)
RE_ADDR_FR = re.compile(r"^Pétition(?: adressée)? (?:au|à)(?: (.+))?$")
RE_PRAYER = re.compile(r"^(?:We, the undersigned|THEREFORE|Therefore|Nous,? soussigné)", re.I)
RE_INTRO = re.compile(r"draw the attention|attirons l[’']attention|following:$", re.I)
RE_HEADING = re.compile(r"^(?:Whereas|Attendu que|Considérant que)" + SP + r"*:$", re.I)
RE_RESP_EN = re.compile(r"^Response by the (.+)$")
RE_RESP_FR = re.compile(r"^Réponse (?:du|de la|de l['’]) ?(.+)$")
RE_SIGNED = re.compile(r"^Sign(?:ed by|é par|ée par) \((?:Minister or Parliamentary Secretary|ministre ou secrétaire parlementaire)\)"
                       + SP + r"*:" + SP + r"*(.*)$")
RE_SESSIONAL = re.compile(r"^(?:Government response tabled on|Réponse du gouvernement déposée le) (.+?) "
                          r"\((?:Sessional Paper No\.|Document parlementaire n[o°])" + SP + r"*(.+)\)$")
RE_PRESENTER = re.compile(r"^(.+?) \((.+)\)$")
RE_PRESENTED = re.compile(r"^(.+?) \((?:Petition No\.|Pétition n[o°])" + SP + r"*([\d-]+)\)$")
RE_PHOTO = re.compile(r"^Photo - (.+)$")
RE_CAUCUS = re.compile(r"^(?:(.+) Caucus|Caucus (.+))$")
RE_SIGCOUNT = re.compile(r"^([\d,\u00a0\u202f ]+) signatures$")
RE_TABLE_ROW = re.compile(r"^(.+?) \| ([\d,\u00a0\u202f ]+) \|$")
RE_DATE_EN = re.compile(r"(January|February|March|April|May|June|July|August|September|October|November|December)"
                        r" (\d{1,2}), (\d{4})(?:, at (\d{1,2}):(\d{2}) ([ap])\.m\.)?")
RE_DATE_FR = re.compile(r"(\d{1,2})(?:er)? (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
                        r"novembre|décembre) (\d{4})(?: à (\d{1,2}) h (\d{2}))?")
RE_BULLET = re.compile(r"^(?:[•\-–]\s+)")
RE_HONORIFIC = re.compile(r"^(?:The Honourable|The Hon\.|Hon\.|L['’]honorable|Le secrétaire parlementaire|"
                          r"La secrétaire parlementaire|Parliamentary Secretary)\s+", re.I)
RE_SUFFIX = re.compile(r",\s*(?:M\.P\.|MP|DÉPUTÉE?|députée?)$")

NOISE = {"Skip to main content", "Start of content", "Passer au contenu", "Début du contenu",
         "Disclaimer regarding petitions", "Avis concernant les pétitions", "Paper petition", "E-petition",
         "Pétition papier", "Pétition électronique", "Province / Territory | Signatures |",
         "Province / Territoire | signatures |", "---|---|"}
STATUS = {"Open for signature": "opened", "Ouverte pour signature": "opened",
          "Closed for signature": "closed", "Fermée pour signature": "closed",
          "Presented to the House of Commons": "presented", "Présentée à la Chambre des communes": "presented",
          "Présentée à la Chambre des Communes": "presented",
          "Government response tabled": "tabled", "Réponse du gouvernement déposée": "tabled"}


def parse_date(s):
    """(ISO date, ISO date-time or None), or (None, None)."""
    m = RE_DATE_EN.search(s)
    if m:
        mon, d, y, h, mi, ap = MONTHS_EN[m[1]], int(m[2]), int(m[3]), m[4], m[5], m[6]
        if h is not None:
            h = int(h) % 12 + (12 if ap == "p" else 0)
    else:
        m = RE_DATE_FR.search(s)
        if not m:
            return None, None
        d, mon, y, h, mi = int(m[1]), MONTHS_FR[m[2]], int(m[3]), m[4], m[5]
        h = int(h) if h is not None else None
    date = "%04d-%02d-%02d" % (y, mon, d)
    return date, (date + "T%02d:%s" % (h, mi) if h is not None else None)


def number(s):
    return int(re.sub(r"[^\d]", "", s))


def name_case(s):
    if s.upper() != s or not any(c.isalpha() for c in s):
        return s
    return re.sub(r"(^|[\s\-'’])(\w)(\w*)", lambda m: m[1] + m[2].upper() + m[3].lower(), s)


def clean_signer(s):
    s = RE_SUFFIX.sub("", RE_HONORIFIC.sub("", s.strip()))
    return name_case(s.strip())


def is_landmark(line):
    return (line in STATUS or RE_RESP_EN.match(line) or (RE_RESP_FR.match(line) and line not in STATUS)
            or RE_SESSIONAL.match(line) or RE_PHOTO.match(line) or RE_SIGCOUNT.match(line)
            or line.startswith("Only validated signatures") or line.startswith("Seules les signatures"))


def parse_page(text, name):
    """One page's record (a dict), or None when the text is not a petition page."""
    lines, dashed = [], []          # dashed[i]: line i had a "- " bullet (keyword renderings)
    for raw in text.lstrip("\ufeff").splitlines():
        s = raw.strip(" \t\u00a0")
        if s == "-":
            lines.append(s)
            dashed.append(False)
            continue
        bare = RE_BULLET.sub("", s).strip()
        if bare:
            lines.append(bare)
            dashed.append(s.startswith("- "))
    rec = {"source": name}
    i, n = 0, len(lines)
    while i < n and not RE_TITLE.match(lines[i]):
        i += 1
    if i == n:
        return None
    m = RE_TITLE.match(lines[i])
    rec["id"], rec["topic"] = m[1], m[2]
    rec["kind"] = "e-petition" if m[1].startswith("e-") else "paper"
    if rec["kind"] == "paper":
        rec["petition_no"] = m[1]
    i += 1
    lang_votes = 0
    text_lines, responses = [], []
    section = "head"
    landmarks = 0
    while i < n:
        line = lines[i]
        i += 1
        if line in ("Paper petition", "E-petition", "Pétition papier", "Pétition électronique"):
            landmarks += 1
            continue
        if line in NOISE or line.startswith(("Skip to main", "Passer au contenu", "Subscribe to RSS",
                                             "An email address associated")):
            continue
        if line in STATUS:
            landmarks += 1
            what = STATUS[line]
            lang_votes += 1 if line[0] in "OCG" or line.startswith("Presented") else -1
            section = "status"
            if what == "presented":
                if i < n and lines[i] == "-":
                    i += 1
                if i < n and not RE_PRESENTED.match(lines[i]):
                    who = lines[i]
                    i += 1
                    m = RE_PRESENTER.match(who)
                    if m:
                        rec["presenter"], rec["presenter_riding"] = m[1], m[2]
                    else:
                        rec["presenter"] = who
                        if i < n and lines[i].startswith("(") and lines[i].endswith(")"):
                            rec["presenter_riding"] = lines[i][1:-1]
                            i += 1
                if i < n:
                    m = RE_PRESENTED.match(lines[i])
                    if m:
                        rec["presented"] = parse_date(m[1])[0]
                        rec["petition_no"] = m[2]
                        i += 1
                    else:
                        date = parse_date(lines[i])[0]
                        if date:
                            rec["presented"] = date
                            i += 1
            elif i < n:
                date, dt = parse_date(lines[i])
                if date:
                    i += 1
                    if what == "tabled":
                        rec["response_tabled"] = date
                    else:
                        rec[what] = date
                        if dt:
                            rec[what + "_at"] = dt
            continue
        m = RE_SESSIONAL.match(line)
        if m:
            landmarks += 1
            rec["response_tabled"] = parse_date(m[1])[0]
            rec["sessional_paper"] = m[2]
            section = "status"
            continue
        m = RE_RESP_EN.match(line) or RE_RESP_FR.match(line)
        if m:
            landmarks += 1
            responses.append({"responder": m[1], "text": []})
            lang_votes += 1 if line.startswith("Response") else -1
            section = "response"
            continue
        m = RE_SIGNED.match(line)
        if m and responses:
            responses[-1]["signature"] = m[1]
            responses[-1]["signed_by"] = clean_signer(m[1])
            continue
        m = RE_PHOTO.match(line)
        if m:
            landmarks += 1
            rec["sponsor"] = m[1]
            section = "status"
            if i < n and not RE_CAUCUS.match(lines[i]) and not is_landmark(lines[i]):
                rec["sponsor_riding"] = lines[i]
                i += 1
            if i < n:
                m = RE_CAUCUS.match(lines[i])
                if m:
                    rec["sponsor_caucus"] = CAUCUS.get(m[1] or m[2], m[1] or m[2])
                    i += 1
                    if i < n and lines[i] in PROVINCES:
                        rec["sponsor_province"] = PROVINCES[lines[i]]
                        i += 1
            continue
        m = RE_SIGCOUNT.match(line)
        if m:
            landmarks += 1
            rec["signatures"] = number(m[1])
            section = "status"
            continue
        m = RE_TABLE_ROW.match(line)
        if m and m[1] in PROVINCES:
            by = rec.setdefault("signatures_by_province", {})
            by[PROVINCES[m[1]]] = number(m[2])
            rec["signatures"] = sum(by.values())
            section = "status"
            continue
        if line.startswith(("Only validated signatures", "Seules les signatures")):
            lang_votes += 1 if line[0] == "O" else -1
            section = "status"
            continue
        if section == "head":
            m = RE_PARLIAMENT.match(line)
            if m:
                landmarks += 1
                rec["parliament"] = int(m[1])
                continue
            m = RE_INIT_EN.match(line) or RE_INIT_FR.match(line)
            if m:
                landmarks += 1
                lang_votes += 1 if line[0] == "I" else -1
                rec["initiator"], rec["initiator_city"] = m[1], m[2]
                rec["initiator_province"] = PROVINCES.get(m[3], m[3])
                if m[4] and "parliament" in rec:   # 42nd layout: keyword lines, then a status word
                    kws = []
                    while i < n and lines[i] not in ("Not Certified", "Non certifiée") and not RE_ORIG.match(lines[i]) \
                            and not RE_ADDR_EN.match(lines[i]) and not RE_ADDR_FR.match(lines[i]):
                        kws.append(lines[i])
                        i += 1
                    if kws:
                        rec["keywords"] = kws
                continue
            if line in ("Not Certified", "Non certifiée"):
                rec["not_certified"] = True
                continue
            if line in ("Keywords", "Mots-clés"):
                landmarks += 1
                kws = []
                while i < n and dashed[i] and not RE_ORIG.match(lines[i]) and not RE_ADDR_EN.match(lines[i]) \
                        and not RE_ADDR_FR.match(lines[i]):
                    kws.append(lines[i])
                    i += 1
                rec["keywords"] = kws
                continue
            m = RE_ORIG.match(line)
            if m:
                landmarks += 1
                rec["original_language"] = ORIGINAL.get(m[1], m[1])
                lang_votes += 1 if line[0] == "O" else -1
                continue
            m = RE_ADDR_EN.match(line)
            if m:
                landmarks += 1
                lang_votes += 1
                rec["addressee"] = m[1]
                section = "text"
                continue
            m = RE_ADDR_FR.match(line)
            if m:
                landmarks += 1
                lang_votes -= 1
                rec["addressee"] = re.sub(r"^(?:la |l['’])", "", m[1]) if m[1] else None
                section = "text"
                continue
            section = "text"
        if section == "text":
            text_lines.append(line)
        elif section == "response":
            responses[-1]["text"].append(line)
    if landmarks == 0:
        return None
    rec["lang"] = "fr" if lang_votes < 0 else "en"
    split_text(rec, text_lines)
    if responses:
        rec["responses"] = responses
        rec["responder"] = responses[0]["responder"]
        rec["signed_by"] = responses[0].get("signed_by")
        rec["response_text"] = "\n\n".join("\n".join(r["text"]) for r in responses)
    derive(rec)
    return rec


def split_text(rec, lines):
    grievances, prayer = [], None
    for k, line in enumerate(lines):
        if RE_PRAYER.match(line) and not RE_INTRO.search(line):
            prayer = "\n".join(lines[k:])
            break
        if RE_HEADING.match(line) or RE_INTRO.search(line):
            continue
        grievances.append(line)
    if lines:
        rec["text"] = "\n".join(lines)
    if grievances:
        rec["grievances"] = grievances
    if prayer:
        rec["prayer"] = prayer


def derive(rec):
    no = rec.get("petition_no")
    if no:
        rec["parliament"], rec["session"] = int(no[:2]), int(no[2])
    for k in ("opened", "closed"):
        if k + "_at" in rec and k not in rec:
            rec[k] = rec[k + "_at"][:10]
    if rec.get("presented") and rec.get("response_tabled"):
        a = datetime.date.fromisoformat(rec["presented"])
        b = datetime.date.fromisoformat(rec["response_tabled"])
        rec["response_days"] = (b - a).days
        rec["late"] = rec["response_days"] > 45


def walk(root):
    if os.path.isfile(root):
        yield root
        return
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for f in sorted(filenames):
            if f.startswith(".") or f.startswith(("README", "LICENSE")):
                continue
            yield os.path.join(dirpath, f)


def id_key(pid):
    return (0, int(pid[2:]), "") if pid.startswith("e-") else (1, int(pid.replace("-", "")), pid)


def load(root, merge=True):
    records, errors = [], []
    for path in walk(root):
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", errors="replace")
        rec = parse_page(text, path)
        if rec is None:
            errors.append(path)
        else:
            records.append(rec)
    if not merge:
        return records, errors
    by_id = {}
    for rec in records:
        other = by_id.get(rec["id"])
        if other is None:
            by_id[rec["id"]] = rec
            continue
        win, lose = (rec, other) if rec["lang"] == "en" and other["lang"] != "en" else (other, rec)
        for k, v in lose.items():
            if k not in win and k not in ("topic", "addressee", "responder", "responses", "response_text",
                                          "text", "grievances", "prayer", "keywords"):
                win[k] = v
        by_id[rec["id"]] = win
    return [by_id[k] for k in sorted(by_id, key=id_key)], errors


FIELDS = ["source", "id", "lang", "kind", "topic", "original_language", "initiator", "initiator_city",
          "initiator_province", "addressee", "n_grievances", "keywords", "n_responses", "responder", "signed_by",
          "opened_at", "closed_at", "opened", "closed", "presented", "petition_no", "parliament", "session",
          "presenter", "presenter_riding", "sponsor", "sponsor_riding", "sponsor_caucus", "sponsor_province",
          "response_tabled", "sessional_paper", "signatures", "not_certified", "response_days", "late"]


def row(rec):
    out = {}
    for k in FIELDS:
        v = rec.get(k)
        if k == "n_grievances":
            v = len(rec["grievances"]) if rec.get("grievances") else None
        elif k == "n_responses":
            v = len(rec["responses"]) if rec.get("responses") else None
        elif k == "keywords" and v:
            v = "|".join(v)
        elif k in ("late", "not_certified") and v is not None:
            v = "true" if v else ("false" if k == "late" else None)
        out[k] = "" if v is None else v
    return out


def main(argv):
    args = [a for a in argv[1:]]
    out, merge = None, True
    if "--pages" in args:
        args.remove("--pages")
        merge = False
    if "--csv" in args:
        k = args.index("--csv")
        out = args[k + 1]
        del args[k:k + 2]
    if len(args) != 1:
        sys.stderr.write("usage: peer.py DIR [--csv FILE] [--pages]\n")
        return 2
    records, errors = load(args[0], merge)
    if out:
        with open(out, "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, FIELDS)
            w.writeheader()
            for rec in records:
                w.writerow(row(rec))
    responded = sum(1 for r in records if r.get("response_tabled"))
    print("%d petitions (%d responded), %d files skipped" % (len(records), responded, len(errors)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
