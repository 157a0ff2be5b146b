#!/usr/bin/env python3
"""Build the demo trust bundle (docs/design.md §8) that `npm start` seeds into an empty database.

    python3 scripts/build-demo-bundle.py            # build, check, write server/src/admin/seed/demo-trust.json
    python3 scripts/build-demo-bundle.py --check    # build and check; fail if the committed file differs
    python3 scripts/build-demo-bundle.py --validate server/src/admin/seed/demo-trust.json
                                                    # check a bundle on its own (no CSV needed)

Inputs
  * ../shared/data/schools-england.csv and trusts-england.csv (DfE GIAS, see that folder's README):
    the real facts of each school -- name, URN, phase, type, postcode, lat/lng -- and the trust's name.
    Override the folder with --data DIR or EE_SHARED_DATA.
  * server/src/admin/seed/demo-content.json: everything written by hand -- which schools, clusters and
    release days, the people, their expertise, the requests with their offers and engagements.
    Offers sit inside their request and engagements inside their offer; this script flattens them
    and numbers them (o-001, g-001, ...). `raisedBy` is always the head of the requesting school.

The schools and the trust are real; every person, figure, request and reflection is invented.
Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "server" / "src" / "admin" / "seed"
CONTENT = SEED / "demo-content.json"
OUTPUT = SEED / "demo-trust.json"
DEFAULT_DATA = ROOT.parent / "shared" / "data"

# "Today" for the demo: the end of the first half of autumn term 2026.
TODAY = date(2026, 11, 28)
LATEST_COMPLETION = date(2026, 11, 27)

STRANDS = {
    "curriculum": ["curriculum-design", "early-years", "reading", "early-reading-phonics", "mathematics", "science", "humanities", "arts-and-pe"],
    "instruction": ["explicit-instruction", "questioning-and-feedback", "adaptive-teaching"],
    "assessment": ["formative-assessment", "exams-and-moderation", "data-and-tracking"],
    "culture": ["staff-development", "wellbeing-and-workload", "families-and-community"],
    "behaviour": ["behaviour-systems", "attendance"],
    "safeguarding": ["safeguarding-practice", "online-safety"],
    "inclusion": ["send", "disadvantaged-pupils", "eal"],
    "leadership": ["middle-leadership", "senior-leadership", "governance-and-finance"],
}
AREA_SLUGS = {slug: strand for strand, slugs in STRANDS.items() for slug in slugs}

PHASES = ["nursery", "primary", "secondary", "all_through", "post16", "special", "alternative_provision"]
CSV_PHASES = {
    "primary": "primary",
    "secondary": "secondary",
    "all-through": "all_through",
    "nursery": "nursery",
    "16-plus": "post16",
    "special": "special",
    "alternative-provision": "alternative_provision",
    # "middle" has no equivalent: the content file must say primary or secondary for such a school.
}
MODES = ["fresh_eyes", "feedback", "implementation", "coaching", "joint_practice"]
ROLES = ["headteacher", "teacher", "central", "admin"]
OFFER_STATUSES = ["invited", "proposed", "accepted", "declined", "withdrawn"]
ENGAGEMENT_STATUSES = ["active", "completed", "cancelled"]
RELEASES = ["approved", "pending", "refused"]
REQUEST_STATUSES = ["draft", "open", "commissioned", "completed", "withdrawn"]

SUMMER_2026 = (date(2026, 4, 1), date(2026, 8, 31))
AUTUMN_2026 = (date(2026, 9, 1), date(2026, 12, 31))
SPRING_2027 = (date(2027, 1, 5), date(2027, 3, 31))

# Spellings a British school would not use; "program" is fine for computer programs.
US_SPELLINGS = re.compile(
    r"\b(behavior|color|colors|center|centers|organiz\w*|analyz\w*|favorite|labeled|traveled|"
    r"practicing|fulfill|enroll|catalog|judgment|math)\b",
    re.IGNORECASE,
)


# ---------------------------------------------------------------------------------------------- helpers

def words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9£%'’\-.]+", text))


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def email_local(name: str) -> str:
    """`Liam O'Sullivan` -> `liam.osullivan`, `Joanna Wiśniewska` -> `joanna.wisniewska`."""
    parts = name.split()
    clean = lambda s: re.sub(r"[^a-z0-9-]", "", unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower())
    return f"{clean(parts[0])}.{clean(parts[-1])}"


def term_of(d: date) -> str:
    """English academic terms as docs/design.md §8 takes them: autumn Sep-Dec, spring Jan-Mar, summer Apr-Aug."""
    if d.month >= 9:
        return f"autumn {d.year}"
    if d.month <= 3:
        return f"spring {d.year}"
    return f"summer {d.year}"


def parse_date(s: str) -> date:
    return date.fromisoformat(s)


def parse_dt(s: str) -> datetime:
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


def in_range(d: date, span: tuple[date, date]) -> bool:
    return span[0] <= d <= span[1]


# ---------------------------------------------------------------------------------------------- build

def load_csv_facts(data_dir: Path, trust_id: str, urns: list[int]):
    schools_csv = data_dir / "schools-england.csv"
    trusts_csv = data_dir / "trusts-england.csv"
    for f in (schools_csv, trusts_csv):
        if not f.exists():
            sys.exit(f"Cannot find {f}. Pass --data DIR (the folder with the GIAS extracts) or set EE_SHARED_DATA.")
    with trusts_csv.open(encoding="utf-8", newline="") as fh:
        trust = next((r for r in csv.DictReader(fh) if r["trust_id"] == trust_id), None)
    if trust is None:
        sys.exit(f"trust_id {trust_id} is not in {trusts_csv}")
    wanted = {str(u) for u in urns}
    by_urn: dict[str, dict] = {}
    members: list[dict] = []
    with schools_csv.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["urn"] in wanted:
                by_urn[r["urn"]] = r
            if r["trust_id"] == trust_id and r["status"] == "open":
                members.append(r)
    return trust, by_urn, members


def build(content: dict, data_dir: Path) -> tuple[dict, list[str]]:
    notes: list[str] = []
    trust_id = str(content["trust"]["trustId"])
    urns = [s["urn"] for s in content["schools"]]
    trust_row, by_urn, members = load_csv_facts(data_dir, trust_id, urns)
    if trust_row["trust_type"] != "Multi-academy trust":
        sys.exit(f"{trust_row['trust_name']} is a {trust_row['trust_type']}, not a multi-academy trust")
    if content["trust"]["name"].upper() != trust_row["trust_name"].upper():
        sys.exit(f"Trust name {content['trust']['name']!r} does not match the CSV's {trust_row['trust_name']!r}")

    left_out = sorted({m["urn"] for m in members} - {str(u) for u in urns})
    if left_out:
        notes.append(f"open schools of the trust not in the demo: {', '.join(left_out)}")

    schools = []
    for s in content["schools"]:
        row = by_urn.get(str(s["urn"]))
        if row is None:
            sys.exit(f"URN {s['urn']} is not in schools-england.csv")
        if row["trust_id"] != trust_id:
            sys.exit(f"URN {s['urn']} ({row['name']}) belongs to trust {row['trust_id']}, not {trust_id}")
        if row["status"] != "open":
            sys.exit(f"URN {s['urn']} ({row['name']}) is {row['status']}")
        if not (row["phase"] and row["lat"] and row["lng"] and row["postcode"]):
            sys.exit(f"URN {s['urn']} ({row['name']}) lacks a phase, postcode or coordinates")
        phase = s.get("phase") or CSV_PHASES.get(row["phase"])
        if phase is None:
            sys.exit(f"URN {s['urn']} has CSV phase {row['phase']!r}; set \"phase\" for it in the content file")
        schools.append({
            "ref": s["ref"],
            "urn": int(row["urn"]),
            "name": row["name"],
            "phase": phase,
            "type": row["type"],
            "postcode": row["postcode"],
            "lat": float(row["lat"]),
            "lng": float(row["lng"]),
            "cluster": s["cluster"],
            "releaseDaysPerTerm": s["releaseDaysPerTerm"],
        })

    domain = content["trust"].get("emailDomain") or f"{slugify(content['trust']['name'])}.example.org"
    password = content["password"]
    people = []
    for p in content["people"]:
        person = {
            "ref": p["ref"],
            "email": p.get("email") or f"{email_local(p['name'])}@{domain}",
            "name": p["name"],
            "role": p["role"],
        }
        if p.get("school"):
            person["school"] = p["school"]
        person["password"] = password
        people.append(person)

    heads = {p["school"]: p["ref"] for p in content["people"] if p["role"] == "headteacher"}

    expertise = [dict(e) for e in content["expertise"]]

    requests, offers, engagements = [], [], []
    for r in content["requests"]:
        req = {k: v for k, v in r.items() if k != "offers"}
        req = {
            "ref": req["ref"],
            "school": req["school"],
            "raisedBy": heads.get(req["school"], "?"),
            **{k: v for k, v in req.items() if k not in ("ref", "school")},
        }
        requests.append(req)
        for o in r.get("offers", []):
            offer = {
                "ref": f"o-{len(offers) + 1:03d}",
                "request": r["ref"],
                "expertise": o["expertise"],
                "message": o["message"],
                "days": o["days"],
                "status": o["status"],
                **({"invitedAt": o["invitedAt"]} if "invitedAt" in o else {}),
            }
            offers.append(offer)
            g = o.get("engagement")
            if g:
                engagements.append({"ref": f"g-{len(engagements) + 1:03d}", "offer": offer["ref"], **g})

    bundle = {
        "trust": {"ref": "t", "name": content["trust"]["name"]},
        "schools": schools,
        "people": people,
        "expertise": expertise,
        "requests": requests,
        "offers": offers,
        "engagements": engagements,
    }
    return bundle, notes


# ---------------------------------------------------------------------------------------------- validate

class Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def must(self, ok: bool, where: str, message: str) -> None:
        if not ok:
            self.errors.append(f"{where}: {message}")

    def should(self, ok: bool, where: str, message: str) -> None:
        if not ok:
            self.warnings.append(f"{where}: {message}")


def validate(b: dict, special_emails: dict | None = None) -> tuple[Checker, dict]:
    c = Checker()
    must, should = c.must, c.should

    # --- refs unique across the whole bundle
    seen: dict[str, str] = {b["trust"]["ref"]: "trust"}
    for kind in ("schools", "people", "expertise", "requests", "offers", "engagements"):
        for i, x in enumerate(b[kind]):
            where = f"{kind}[{i}]"
            must(bool(x.get("ref")), where, "missing ref")
            must(x["ref"] not in seen, where, f"duplicate ref {x['ref']!r} (also a {seen.get(x['ref'])})")
            seen[x["ref"]] = kind

    schools = {s["ref"]: s for s in b["schools"]}
    people = {p["ref"]: p for p in b["people"]}
    expertise = {e["ref"]: e for e in b["expertise"]}
    requests = {r["ref"]: r for r in b["requests"]}
    offers = {o["ref"]: o for o in b["offers"]}

    # --- schools
    urns = Counter(s["urn"] for s in b["schools"])
    for i, s in enumerate(b["schools"]):
        w = f"schools[{i}] {s['name']}"
        must(urns[s["urn"]] == 1, w, "duplicate URN")
        must(s["phase"] in PHASES, w, f"phase {s['phase']!r}")
        must(isinstance(s["lat"], float) and isinstance(s["lng"], float), w, "lat/lng must be numbers")
        must(49.8 < s["lat"] < 55.9 and -6.5 < s["lng"] < 2.0, w, "coordinates outside England")
        must(bool(s.get("cluster")), w, "no cluster")
        must(10 <= s["releaseDaysPerTerm"] <= 25, w, "releaseDaysPerTerm outside 10-25")
        must(len(s["postcode"]) <= 10, w, "postcode too long")
    must(12 <= len(b["schools"]) <= 20, "schools", f"{len(b['schools'])} schools, want 12-20")
    clusters = Counter(s["cluster"] for s in b["schools"])
    must(2 <= len(clusters) <= 4, "schools", f"{len(clusters)} clusters, want 2-4")

    # --- people
    emails = Counter(p["email"] for p in b["people"])
    staff = defaultdict(list)
    heads_of: dict[str, str] = {}
    for i, p in enumerate(b["people"]):
        w = f"people[{i}] {p['name']}"
        must(p["role"] in ROLES, w, f"role {p['role']!r}")
        must(emails[p["email"]] == 1, w, f"duplicate e-mail {p['email']}")
        must(re.fullmatch(r"[a-z0-9.\-]+@[a-z0-9.\-]+\.[a-z]+", p["email"]) is not None, w, f"odd e-mail {p['email']}")
        must(p.get("password") == "demo-password-1", w, "password must be demo-password-1")
        if p["role"] in ("headteacher", "teacher"):
            must(p.get("school") in schools, w, "a head or teacher needs a school that exists")
            if p["role"] == "headteacher":
                must(p.get("school") not in heads_of, w, "a second headteacher for the same school")
                heads_of[p.get("school")] = p["ref"]
            else:
                staff[p.get("school")].append(p["ref"])
        else:
            must("school" not in p, w, "central and admin people have no school")
    for ref, s in schools.items():
        must(ref in heads_of, s["name"], "no headteacher")
        must(4 <= len(staff[ref]) <= 8, s["name"], f"{len(staff[ref])} staff besides the head, want 4-8")
    roles = Counter(p["role"] for p in b["people"])
    must(1 <= roles["central"] <= 2, "people", f"{roles['central']} central people, want 1-2")
    must(roles["admin"] == 1, "people", f"{roles['admin']} admins, want 1")

    if special_emails:
        by_email = {p["email"]: p for p in b["people"]}
        first_head = next(p for p in b["people"] if p["role"] == "headteacher")
        first_teacher = next(p for p in b["people"] if p["role"] == "teacher")
        must(first_head["email"] == special_emails["head"], "people", "the first headteacher must be head@")
        must(first_teacher["email"] == special_emails["teacher"], "people", "the first teacher must be teacher@")
        for key, role in (("head", "headteacher"), ("head2", "headteacher"), ("teacher", "teacher"), ("central", "central"), ("admin", "admin")):
            p = by_email.get(special_emails[key])
            must(p is not None and p["role"] == role, "people", f"{special_emails[key]} must be a {role}")
        t, h, h2 = by_email.get(special_emails["teacher"]), by_email.get(special_emails["head"]), by_email.get(special_emails["head2"])
        if t and h and h2:
            must(t["school"] != h["school"], "people", "teacher@ must work at a different school from head@")
            must(t["school"] == h2["school"], "people", "head2@ must lead teacher@'s school")

    def school_of_expertise(eref: str) -> str | None:
        e = expertise.get(eref)
        return people.get(e["person"], {}).get("school") if e else None

    def check_text(w: str, label: str, text: str, lo: int | None = None, hi: int | None = None) -> None:
        must(isinstance(text, str) and text.strip() == text and text != "", w, f"{label} is empty or has stray spaces")
        n = words(text)
        if lo is not None:
            must(lo <= n <= (hi or 10**6), w, f"{label} has {n} words, want {lo}-{hi}")
        m = US_SPELLINGS.search(text)
        must(m is None, w, f"{label} uses the US spelling {m.group(0)!r}" if m else "")
        must("  " not in text, w, f"{label} has a double space")

    def check_tags(w: str, x: dict, max_areas: int = 3) -> None:
        must(1 <= len(x["areas"]) <= max_areas, w, f"{len(x['areas'])} areas, want 1-{max_areas}")
        for a in x["areas"]:
            must(a in AREA_SLUGS, w, f"unknown area {a!r}")
        must(len(set(x["areas"])) == len(x["areas"]), w, "repeated area")
        for s in x.get("subjects", []):
            must(re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)*", s) is not None, w, f"subject {s!r} is not a lower-case slug")
        for ph in x.get("phases", []):
            must(ph in PHASES, w, f"unknown phase {ph!r}")
        must(len(x.get("modes", [])) >= 1, w, "no modes")
        for m in x.get("modes", []):
            must(m in MODES, w, f"unknown mode {m!r}")

    # --- expertise
    held = Counter()
    for i, e in enumerate(b["expertise"]):
        w = f"expertise[{i}] {e['ref']}"
        p = people.get(e["person"])
        must(p is not None, w, f"no person {e['person']!r}")
        must(p is None or p["role"] in ("headteacher", "teacher"), w, "expertise belongs to a head or teacher")
        held[e["person"]] += 1
        check_text(w, "title", e["title"])
        must(len(e["title"]) <= 160, w, "title longer than 160 characters")
        check_text(w, "summary", e["summary"], 40, 90)
        must(re.search(r"\bI\b|\bI'm\b|\bmy\b", e["summary"]) is not None, w, "summary is not in the first person")
        check_text(w, "evidence", e["evidence"])
        must(re.search(r"\d", e["evidence"]) is not None, w, "evidence has no figures")
        check_tags(w, e)
        must(0 <= e["capacityDaysPerTerm"] <= 10, w, "capacityDaysPerTerm outside 0-10")

    # --- requests
    for i, r in enumerate(b["requests"]):
        w = f"requests[{i}] {r['ref']}"
        must(r["school"] in schools, w, f"no school {r['school']!r}")
        raiser = people.get(r["raisedBy"])
        must(raiser is not None and raiser["role"] == "headteacher" and raiser.get("school") == r["school"], w,
             "raisedBy must be the requesting school's head")
        must(r["status"] in REQUEST_STATUSES, w, f"status {r['status']!r}")
        check_text(w, "title", r["title"])
        must(len(r["title"]) <= 160, w, "title longer than 160 characters")
        check_text(w, "problem", r["problem"], 60, 120)
        check_text(w, "tried", r["tried"])
        check_text(w, "outcome", r["outcome"])
        check_tags(w, r)
        must(1 <= r["expertsWanted"] <= 3, w, "expertsWanted outside 1-3")
        must(1 <= r["daysPerExpert"] <= 5, w, "daysPerExpert outside 1-5")
        must(r["confidentiality"] in ("trust", "invited"), w, "confidentiality")
        ws, we = parse_date(r["window"]["start"]), parse_date(r["window"]["end"])
        must(ws <= we, w, "window ends before it starts")
        if r["status"] == "draft":
            must("publishedAt" not in r, w, "a draft has no publishedAt")
            continue
        must("publishedAt" in r, w, "a published request needs publishedAt")
        pub = parse_dt(r["publishedAt"]).date()
        must(pub <= TODAY, w, "published in the future")
        must(pub <= ws, w, "published after its window starts")
        if r["status"] == "open":
            must(date(2026, 10, 1) <= pub <= date(2026, 11, 25), w, "open requests are published 1 Oct-25 Nov 2026")
            must(in_range(ws, SPRING_2027) and in_range(we, SPRING_2027), w, "open windows sit in spring 2027")
        elif r["status"] == "completed":
            must(pub.year == 2026, w, "history is published in 2026")
            must((in_range(ws, SUMMER_2026) and in_range(we, SUMMER_2026)) or (in_range(ws, AUTUMN_2026) and in_range(we, AUTUMN_2026)), w,
                 "completed windows sit in summer or autumn 2026")
        elif r["status"] == "commissioned":
            must(in_range(ws, AUTUMN_2026) and in_range(we, AUTUMN_2026), w, "commissioned windows sit in autumn 2026")

    # --- offers
    live_per_person = Counter()
    for i, o in enumerate(b["offers"]):
        w = f"offers[{i}] {o['ref']}"
        r, e = requests.get(o["request"]), expertise.get(o["expertise"])
        must(r is not None, w, f"no request {o['request']!r}")
        must(e is not None, w, f"no expertise {o['expertise']!r}")
        must(o["status"] in OFFER_STATUSES, w, f"status {o['status']!r}")
        check_text(w, "message", o["message"])
        if not (r and e):
            continue
        must(school_of_expertise(o["expertise"]) != r["school"], w, "an offer never comes from the requesting school")
        must(r["status"] != "draft", w, "no offers on a draft")
        must(1 <= o["days"] <= r["daysPerExpert"], w, f"{o['days']} days, request allows {r['daysPerExpert']}")
        if o["status"] in ("invited", "proposed"):
            must(r["status"] == "open", w, "invited and proposed offers belong to open requests")
        if "invitedAt" in o:
            # An invitation sent on a given day: the sweeper expires it once its five school days are over.
            must(o["status"] == "invited", w, "only an invitation has invitedAt")
            must(parse_dt(r["publishedAt"]) <= parse_dt(o["invitedAt"]) and parse_dt(o["invitedAt"]).date() <= TODAY, w,
                 "an invitation is sent after its request is published, and not after today")
        if o["status"] in ("invited", "proposed", "accepted"):
            live_per_person[(o["request"], e["person"])] += 1
        should(bool(set(e["areas"]) & set(r["areas"])), w, f"{e['ref']} shares no area with {r['ref']}")
    for (rref, pref), n in live_per_person.items():
        must(n == 1, rref, f"{pref} has {n} live offers on one request")

    # accepted offers per request
    accepted = defaultdict(list)
    for o in b["offers"]:
        if o["status"] == "accepted":
            accepted[o["request"]].append(o)
    for r in b["requests"]:
        n = len(accepted[r["ref"]])
        if r["status"] in ("commissioned", "completed"):
            must(n == r["expertsWanted"], r["ref"], f"{n} accepted offers, {r['expertsWanted']} experts wanted")
        else:
            must(n == 0, r["ref"], f"a {r['status']} request has accepted offers")

    # --- engagements
    engaged = Counter()
    release_days = defaultdict(lambda: defaultdict(int))  # school -> term -> approved days
    pending_days = defaultdict(lambda: defaultdict(int))
    capacity_used = defaultdict(lambda: defaultdict(int))
    for i, g in enumerate(b["engagements"]):
        w = f"engagements[{i}] {g['ref']}"
        o = offers.get(g["offer"])
        must(o is not None, w, f"no offer {g['offer']!r}")
        if not o:
            continue
        engaged[g["offer"]] += 1
        must(o["status"] == "accepted", w, "an engagement hangs on an accepted offer")
        r, e = requests[o["request"]], expertise[o["expertise"]]
        expert = people[e["person"]]
        must(expert.get("school") != r["school"], w, "the expert works at the requesting school")
        must(g["status"] in ENGAGEMENT_STATUSES, w, f"status {g['status']!r}")
        must(g["release"] in RELEASES, w, f"release {g['release']!r}")
        ws, we = parse_date(r["window"]["start"]), parse_date(r["window"]["end"])
        started = parse_date(g["startedAt"]) if g.get("startedAt") else None
        must(started is not None, w, "startedAt missing")
        if started:
            must(ws <= started <= we, w, "startedAt outside the request window")
            must(started >= parse_dt(r["publishedAt"]).date(), w, "started before the request was published")
        term = term_of(ws)
        if g["status"] == "completed":
            must(r["status"] == "completed", w, "a completed engagement belongs to a completed request")
            must(g["release"] == "approved", w, "completed work had its release approved")
            done = parse_date(g["completedAt"]) if g.get("completedAt") else None
            must(done is not None and done <= LATEST_COMPLETION, w, "completedAt missing or after 27 Nov 2026")
            if done and started:
                must(started <= done <= we, w, "completedAt before the start or after the window")
            must(isinstance(g.get("impact"), int) and 1 <= g["impact"] <= 5, w, "impact 1-5")
            must(0 < g.get("daysDelivered", 0) <= o["days"], w, "daysDelivered must be 1..offer days")
            for key in ("headReflection", "expertReflection"):
                must(bool(g.get(key)), w, f"{key} missing")
                if g.get(key):
                    check_text(w, key, g[key], 20, 90)
        elif g["status"] == "active":
            must(r["status"] == "commissioned", w, "an active engagement belongs to a commissioned request")
            for key in ("completedAt", "impact", "headReflection", "expertReflection"):
                must(key not in g, w, f"an active engagement has no {key}")
            must(0 <= g.get("daysDelivered", 0) < o["days"], w, "an active engagement has days still to deliver")
            if g["release"] == "pending":
                must(g.get("daysDelivered", 0) == 0, w, "no days delivered before the release is approved")
        provider = expert["school"]
        if g["release"] == "approved":
            release_days[provider][term] += o["days"]
        elif g["release"] == "pending":
            pending_days[provider][term] += o["days"]
        capacity_used[e["ref"]][term] += o["days"]
    for o in b["offers"]:
        if o["status"] == "accepted":
            must(engaged[o["ref"]] == 1, o["ref"], "an accepted offer has exactly one engagement")

    # release within each providing school's allowance; pending exactly when the allowance would be exceeded
    for sref, terms in release_days.items():
        for term, days in terms.items():
            must(days <= schools[sref]["releaseDaysPerTerm"], schools[sref]["name"],
                 f"{days} approved release days in {term}, allowance {schools[sref]['releaseDaysPerTerm']}")
    for sref, terms in pending_days.items():
        for term, days in terms.items():
            must(release_days[sref][term] + days > schools[sref]["releaseDaysPerTerm"], schools[sref]["name"],
                 f"a pending release in {term} although the allowance is not exceeded")
    for eref, terms in capacity_used.items():
        for term, days in terms.items():
            must(days <= expertise[eref]["capacityDaysPerTerm"], eref,
                 f"{days} days committed in {term}, capacity {expertise[eref]['capacityDaysPerTerm']}")

    # --- counts the brief asks for
    statuses = Counter(r["status"] for r in b["requests"])
    g_status = Counter(g["status"] for g in b["engagements"])
    releases = Counter((g["status"], g["release"]) for g in b["engagements"])
    o_status = Counter(o["status"] for o in b["offers"])
    must(len(b["expertise"]) >= 90, "expertise", f"{len(b['expertise'])} entries, want at least 90")
    must(10 <= statuses["open"] <= 14, "requests", f"{statuses['open']} open, want about 12")
    must(2 <= statuses["draft"] <= 3, "requests", f"{statuses['draft']} drafts, want 2-3")
    must(18 <= statuses["completed"] <= 24, "requests", f"{statuses['completed']} completed, want about 20")
    must(4 <= statuses["commissioned"] <= 6, "requests", f"{statuses['commissioned']} commissioned, want about 5")
    must(releases[("active", "pending")] == 1, "engagements", "want exactly one active engagement with release pending")
    must(o_status["declined"] >= 2, "offers", "want a few declined offers")
    must(sum(1 for r in b["requests"] if r["status"] == "open" and r["confidentiality"] == "invited") in (1, 2), "requests",
         "want one or two open requests for invited experts only")
    must(sum(1 for r in b["requests"] if r["status"] == "completed" and len(accepted[r["ref"]]) == 2) >= 2, "requests",
         "want some completed requests with two experts")
    all_areas = {a for x in b["expertise"] for a in x["areas"]}
    must(set(STRANDS) == {AREA_SLUGS[a] for a in all_areas}, "expertise", "every strand needs expertise")
    should(set(AREA_SLUGS) == all_areas, "expertise", f"areas with no expertise: {sorted(set(AREA_SLUGS) - all_areas)}")
    heads_with = sum(1 for p in b["people"] if p["role"] == "headteacher" and held[p["ref"]])
    must(heads_with >= 3, "expertise", "some heads should hold expertise")
    must(max(held.values()) >= 2, "expertise", "some people should hold 2-3 entries")
    must(max(held.values()) <= 3, "expertise", "nobody holds more than 3 entries")
    must(sum(1 for e in b["expertise"] if e["capacityDaysPerTerm"] == 0) >= 2, "expertise", "a few entries have 0 days")

    # --- flows between schools
    gives, receives = Counter(), Counter()
    for g in b["engagements"]:
        o = offers[g["offer"]]
        provider = people[expertise[o["expertise"]]["person"]]["school"]
        gives[provider] += o["days"]
        receives[requests[o["request"]]["school"]] += o["days"]
    quiet = [s for s in schools if not gives[s] and not receives[s]]
    receive_only = [s for s in schools if receives[s] and not gives[s]]
    must(1 <= len(quiet) <= 2, "flows", f"{len(quiet)} schools with no engagement either way, want 1-2")
    must(len(receive_only) >= 2, "flows", "want a couple of schools that only receive")
    stale = []
    offered = {o["request"] for o in b["offers"] if o["status"] in ("invited", "proposed", "accepted")}
    for r in b["requests"]:
        if r["status"] == "open" and r["ref"] not in offered and (TODAY - parse_dt(r["publishedAt"]).date()) > timedelta(days=14):
            stale.append(r["ref"])
    must(len(stale) >= 1, "requests", "want an open request left more than 14 days without an offer")
    stale_any = [r["ref"] for r in b["requests"] if r["status"] == "open" and (TODAY - parse_dt(r["publishedAt"]).date()) > timedelta(days=14)]
    must(len(stale_any) >= 2, "requests", "want a couple of open requests published more than 14 days ago")

    summary = {
        "schools": len(b["schools"]),
        "clusters": dict(clusters),
        "people": dict(roles),
        "expertise": len(b["expertise"]),
        "requests": dict(statuses),
        "offers": dict(o_status),
        "engagements": {f"{k[0]}/{k[1]}": v for k, v in releases.items()},
        "engagements_total": dict(g_status),
        "gives": {schools[s]["name"]: gives[s] for s in schools},
        "receives": {schools[s]["name"]: receives[s] for s in schools},
        "no_engagement": [schools[s]["name"] for s in quiet],
        "receive_only": [schools[s]["name"] for s in receive_only],
        "left_behind_requests": stale,
        "release": {schools[s]["name"]: {t: d for t, d in release_days[s].items()} for s in schools if release_days[s]},
        "pending_release": {schools[s]["name"]: dict(pending_days[s]) for s in pending_days},
        "area_use": dict(Counter(a for x in b["expertise"] for a in x["areas"]).most_common()),
    }
    return c, summary


def print_summary(s: dict, notes: list[str]) -> None:
    print(f"schools      {s['schools']} in clusters " + ", ".join(f"{k} ({v})" for k, v in s["clusters"].items()))
    print("people       " + ", ".join(f"{k} {v}" for k, v in s["people"].items()))
    print(f"expertise    {s['expertise']}")
    print("requests     " + ", ".join(f"{k} {v}" for k, v in s["requests"].items()))
    print("offers       " + ", ".join(f"{k} {v}" for k, v in s["offers"].items()))
    print("engagements  " + ", ".join(f"{k} {v}" for k, v in s["engagements"].items()))
    print("flows (days given / received):")
    for name in s["gives"]:
        print(f"  {name:45} {s['gives'][name]:3} / {s['receives'][name]:3}")
    print(f"no engagement either way: {', '.join(s['no_engagement']) or '-'}")
    print(f"receive only:             {', '.join(s['receive_only']) or '-'}")
    print(f"open > 14 days, no offer: {', '.join(s['left_behind_requests']) or '-'}")
    print("pending release:          " + "; ".join(f"{k} {v}" for k, v in s["pending_release"].items()))
    for n in notes:
        print(f"note: {n}")


# ---------------------------------------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path(os.environ.get("EE_SHARED_DATA", DEFAULT_DATA)),
                    help="folder holding schools-england.csv and trusts-england.csv")
    ap.add_argument("--check", action="store_true", help="build and validate; fail if the committed bundle differs")
    ap.add_argument("--validate", type=Path, help="validate an existing bundle file and stop")
    ap.add_argument("--quiet", action="store_true", help="print only problems")
    args = ap.parse_args()

    content = json.loads(CONTENT.read_text(encoding="utf-8"))
    special = content.get("signIns")

    if args.validate:
        bundle, notes = json.loads(args.validate.read_text(encoding="utf-8")), []
    else:
        bundle, notes = build(content, args.data)

    checker, summary = validate(bundle, special)
    for w in checker.warnings:
        print(f"warning: {w}", file=sys.stderr)
    if checker.errors:
        for e in checker.errors:
            print(f"error: {e}", file=sys.stderr)
        print(f"{len(checker.errors)} problem(s); nothing written.", file=sys.stderr)
        return 1
    if not args.quiet:
        print_summary(summary, notes)

    text = json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"
    if args.validate:
        return 0
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.relative_to(ROOT)} is out of date: run python3 scripts/build-demo-bundle.py", file=sys.stderr)
            return 1
        print(f"{OUTPUT.relative_to(ROOT)} is up to date.")
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(text) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
