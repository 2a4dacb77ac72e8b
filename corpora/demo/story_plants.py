"""Planted multi-outlet stories of the demo corpus (issue 15): selection versus framing.

Called once from ``build.py`` after the original articles and codes are drawn, with its
own seeded generator, so the earlier articles, their ids and the simulated codes do not
change. Everything here is original writing; the towns, ports and negotiating rounds are
invented (no real incident is described). What is planted (see README.md):

- 20 stories, each covered within three days by the wire, one or two of the contrast
  outlets and one other outlet: 10 **crisis** stories (``us_russia_talks``: shelling near
  an invented frontline town, evacuations, aid convoys, with talks between Washington and
  Moscow in the background) whose shared facts are full of humanitarian vocabulary, and
  10 **talks** stories (``us_asia_policy``: an invented round of tariff talks between
  Washington and an Asian government over one product) with none;
- a **selection** difference: Nord Vestnik International covers every crisis story and
  3 talks stories; The Monsoon Herald covers every talks story and 3 crisis stories;
- a **framing** difference: within a story, The Monsoon Herald adds one sentence on the
  human cost (displaced families, aid groups, hunger); Nord Vestnik International never
  does. So within shared stories The Monsoon Herald uses *more* humanitarian language,
  while pooled over all its articles it uses *less* (it covers fewer crisis stories);
- 4 **wire reprints** inside the stories: an outlet runs the wire's text with its last
  paragraph cut and a credit line added, under its own name (``reprint_of`` set).

The ground truth (story of each article, kind, role) is written to
``planted_stories.csv``.
"""

import random
from datetime import UTC, datetime, timedelta

SEED = 20251115
N_STORIES = 10  # per kind
SHARED = 3  # stories of the other kind covered by each contrast outlet
FOCUS = {"crisis": "ru", "talks": "sea"}  # the contrast outlet that covers every story of a kind
OTHERS = {"crisis": ["lib", "cn", "me"], "talks": ["cons", "lib", "cn", "me"]}
N_REPRINTS = 4
ANGLE_OUTLET = "sea"  # adds the human-cost sentence (the planted framing difference)

TOWNS = ["Kamianka-Vyshnia", "Staroselivka", "Lypova Balka", "Hrebinne", "Zorianyi Brid",
         "Bilozerske Pole", "Verkhnii Luh", "Tykhodolyna", "Sosnivka-Richna", "Yasenivka"]  # fmt: skip
ROUNDS = [  # (country, adjective, city, product)
    ("Vietnam", "Vietnamese", "Hanoi", "furniture"),
    ("Thailand", "Thai", "Bangkok", "canned tuna"),
    ("Indonesia", "Indonesian", "Jakarta", "palm oil"),
    ("the Philippines", "Philippine", "Manila", "coconut products"),
    ("Malaysia", "Malaysian", "Kuala Lumpur", "rubber gloves"),
    ("Cambodia", "Cambodian", "Phnom Penh", "bicycles"),
    ("Japan", "Japanese", "Tokyo", "machine tools"),
    ("South Korea", "South Korean", "Seoul", "steel pipes"),
    ("Vietnam", "Vietnamese", "Ho Chi Minh City", "shrimp"),
    ("Indonesia", "Indonesian", "Surabaya", "footwear"),
]

CRISIS = {
    "titles": [
        "Shelling near {town} forces evacuation as envoys talk",
        "Civilians leave {town} after night of shelling",
        "{town} evacuated; aid convoy waits at checkpoint",
    ],
    "leads": [
        "Shelling near the frontline town of {town} forced the evacuation of about {n} "
        "civilians on {weekday}, as Russian and American envoys kept their talks going in "
        "Moscow and Washington.",
        "About {n} civilians were evacuated from {town} after a night of shelling on "
        "{weekday}, local officials said, while Washington and Moscow traded proposals in "
        "their talks on the war in Ukraine.",
    ],
    "core": [
        "Buses carried the displaced families of {town} to a school gym that now serves as "
        "a shelter, and aid groups handed out water and blankets to the wounded and the old.",
        "A humanitarian convoy of {trucks} trucks with medical supplies for the wounded waited "
        "for hours at a checkpoint outside {town} before it was allowed through.",
        "Regional officials counted {dead} civilian casualties and said the evacuation of "
        "{town} would continue for as long as the shelling did.",
        "The Red Cross said the refugees from {town} needed food and medical supplies more "
        "than anything else this week.",
        "Russian officials blamed the Ukrainian side for the shelling of {town}, where "
        "civilians were evacuated and several were wounded; Ukrainian officials said Russian "
        "artillery had fired on the town, and neither claim could be checked.",
    ],
    "angle": [
        "For the families who fled {town}, the talks feel far away: many left with one bag, "
        "and aid workers say hunger is already a worry in the shelters.",
        "Aid groups say the people who fled {town} will need help through the winter, and "
        "that children among the displaced have missed weeks of school.",
    ],
}

TALKS = {
    "titles": [
        "{country} and Washington open round on {product} tariffs",
        "{adjective} {product} makers watch tariff talks in {city}",
        "New round of U.S. tariff talks with {country} starts in {city}",
    ],
    "leads": [
        "Trade negotiators from Washington and {country} opened a new round of tariff talks "
        "in {city} on {weekday}, with {adjective} exporters of {product} pressing for a lower "
        "rate before the next U.S. deadline.",
        "Talks between the United States and {country} on tariffs for {adjective} "
        "{product} began in {city} on {weekday}, officials from both governments said.",
    ],
    "core": [
        "{adjective} officials said {product} shipments to the United States were worth "
        "about ${value} billion last year, most of it from factories around {city}.",
        "The U.S. delegation asked {country} to buy more American farm goods and to tighten "
        "rules on goods routed through {country} from China.",
        "Negotiators from {country} want the tariff on {product} cut to the level other "
        "Asian exporters secured in their deals with Washington.",
        "A trade ministry spokesperson in {city} said the talks on {product} would run for "
        "two days and that a joint statement could follow.",
        "Analysts in {city} said a deal on {product} would matter for {adjective} exports "
        "across Asia, because regional suppliers sell into the same U.S. market.",
    ],
    "angle": [
        "In the {product} workshops around {city}, families of laid-off workers already turn "
        "to aid groups, and a longer stoppage could mean hunger in some villages.",
        "Aid groups in {city} say workers who lost {product} factory jobs are skipping "
        "meals, and they fear hunger if the tariff stays in place.",
    ],
}

CREDITS = [  # the line an outlet adds when it runs wire copy (original wording)
    "This article was first published by Meridian Wire Service and is republished here with permission.",
    "Reporting by Meridian Wire Service; edited for this edition.",
    "Distributed by Meridian Wire Service. All rights to the original text are reserved.",
]


def _story_slots(rng, kind, i, weekday):
    if kind == "crisis":
        return {"town": TOWNS[i], "n": str(rng.choice([150, 200, 300, 400, 600])),
                "trucks": str(rng.randint(8, 30)), "dead": str(rng.randint(2, 9)),
                "weekday": weekday}  # fmt: skip
    country, adjective, city, product = ROUNDS[i]
    return {"country": country, "adjective": adjective, "city": city, "product": product,
            "value": str(rng.randint(2, 14)), "weekday": weekday}  # fmt: skip


def _sub(template, slots):
    out = template.format(**slots)
    return out[0].upper() + out[1:]


def _frames(rng, banks, key, topic, day, pools, fill, eligible):
    """Three sentences of a primary frame and one of a second, drawn by the outlet's weights."""
    weights = dict(banks.WEIGHTS[key][topic])
    frames = []
    for _ in range(2):
        r, acc = rng.random() * sum(weights.values()), 0.0
        for f in list(weights):
            acc += weights[f]
            if r < acc:
                break
        frames.append(f)
        weights.pop(f)
    voice = banks.OUTLETS[key]["voice"]
    picked = {}
    for frame, want in zip(frames, (3, 1), strict=True):
        bank = banks.FRAME_BANK[frame]
        pool = eligible(bank.get("any", []) + bank.get(topic, []), voice, day)
        picked[frame] = [fill(rng, t, pools) for t in rng.sample(pool, min(want, len(pool)))]
    return picked


def _article(rng, banks, spec, kind, key, story, when, helpers):
    fill, eligible = helpers["fill"], helpers["eligible"]
    topic = "us_russia_talks" if kind == "crisis" else "us_asia_policy"
    slots = story["slots"]
    pools = {**banks.COMMON_SLOTS, **banks.SLOTS[topic]}
    pools["weekday"] = [slots["weekday"]]
    pools["analyst"] = helpers["analysts"](rng)
    framed = _frames(rng, banks, key, topic, when.date(), pools, fill, eligible)
    counts = {f: len(s) for f, s in framed.items()}
    body = [_sub(t, slots) for t in rng.sample(spec["core"], 3)]
    body += [s for ss in framed.values() for s in ss]
    if key == ANGLE_OUTLET:
        body.append(_sub(rng.choice(spec["angle"]), slots))
        counts["humanitarian"] = counts.get("humanitarian", 0) + 1
    neutral = [fill(rng, t, pools) for t in eligible(banks.NEUTRAL[topic], "neutral", when.date())]
    body += rng.sample(neutral, 2)
    rng.shuffle(body)
    lead = _sub(rng.choice(spec["leads"]), slots)
    if key == "wire":
        where = slots.get("city") or slots["town"]
        lead = f"{where} ({banks.OUTLETS['wire']['aliases'][0]}) — {lead}"
    order = sorted(counts, key=lambda f: (-counts[f], list(counts).index(f)))
    return {"key": key, "topic": topic, "when": when, "title": _sub(rng.choice(spec["titles"]), slots),
            "paras": helpers["paragraphs"](rng, [lead, *body]), "planted": order,
            "story": story["id"], "kind": kind, "reprint_of": None}  # fmt: skip


def generate(banks, helpers, start, last, seed=SEED):
    """Return (records, truth): article records in the corpus's fields, and
    (doc_id, story, kind, role) rows for ``planted_stories.csv``.

    ``helpers`` holds build.py's ``fill``, ``eligible``, ``paragraphs``, ``text``,
    ``analysts`` and ``local_iso`` functions, so the stories use the same slot filling,
    frame banks and paragraphing as the rest of the corpus.
    """
    rng = random.Random(seed)
    span = (last - start).days - 4
    arts, story_slots = [], {}
    for kind, spec in (("crisis", CRISIS), ("talks", TALKS)):
        other_kind_focus = FOCUS["talks" if kind == "crisis" else "crisis"]
        shared = set(rng.sample(range(N_STORIES), SHARED))
        for i in range(N_STORIES):
            day = start + timedelta(days=3 + (i * span) // N_STORIES + rng.randint(0, 5))
            first = datetime(day.year, day.month, day.day, rng.randint(5, 8), rng.randint(0, 59),
                             tzinfo=UTC)  # fmt: skip
            weekday = first.strftime("%A")
            story = {"id": f"{kind}-{i + 1:02d}", "slots": _story_slots(rng, kind, i, weekday)}
            story_slots[story["id"]] = story["slots"]
            outlets = ["wire", FOCUS[kind], rng.choice(OTHERS[kind])]
            if i in shared:
                outlets.append(other_kind_focus)
            for n, key in enumerate(outlets):
                when = first if n == 0 else first + timedelta(hours=rng.randint(3, 40),
                                                              minutes=rng.randint(0, 59))  # fmt: skip
                arts.append(_article(rng, banks, spec, kind, key, story, when, helpers))
    # wire reprints: in some stories the third outlet runs the wire text instead
    wire = {a["story"]: a for a in arts if a["key"] == "wire"}
    thirds = [a for a in arts if a["key"] not in ("wire", *FOCUS.values())]
    for a in rng.sample(thirds, N_REPRINTS):
        orig = wire[a["story"]]
        spec = CRISIS if a["kind"] == "crisis" else TALKS
        paras = [list(p) for p in orig["paras"]]
        paras[0][0] = paras[0][0].split(" — ", 1)[-1]  # the dateline goes
        credit = rng.choice(CREDITS)
        size = len(helpers["text"](orig["paras"]))
        while len(paras) > 2 and len(helpers["text"](paras)) + len(credit) + 2 >= size:
            paras.pop()  # trim from the end, as copy editors do
        titles = [_sub(t, story_slots[a["story"]]) for t in spec["titles"]]
        title = rng.choice([t for t in titles if t != orig["title"]])
        a.update(paras=[*paras, [credit]], planted=orig["planted"], reprint_of=orig, title=title)
    arts.sort(key=lambda a: (a["when"], a["key"], a["title"]))
    for i, a in enumerate(arts, start=1):
        a["doc_id"] = f"demo-s{i:03d}"
    records, truth = [], []
    for a in arts:
        outlet = banks.OUTLETS[a["key"]]
        slug = "-".join("".join(c if c.isalnum() else " " for c in a["title"].lower()).split())[:60]
        w = a["when"]
        records.append({
            "doc_id": a["doc_id"], "outlet": outlet["name"],
            "date": helpers["local_iso"](w, outlet["tz"]), "title": a["title"],
            "text": helpers["text"](a["paras"]),
            "url": f"https://{outlet['domain']}/{w:%Y/%m/%d}/{slug}-{a['doc_id'][5:]}",
            "lang": "en", "topic": a["topic"], "event": None, "primary_frame": a["planted"][0],
            "planted_frames": a["planted"],
            "reprint_of": a["reprint_of"]["doc_id"] if a["reprint_of"] else None,
        })  # fmt: skip
        truth.append((a["doc_id"], a["story"], a["kind"], "reprint" if a["reprint_of"] else "own"))
    return records, truth


def write_truth(out, truth):
    """Write ``planted_stories.csv`` (doc_id, story, kind, role)."""
    with open(out / "planted_stories.csv", "w", encoding="utf-8", newline="\n") as fh:
        fh.write("doc_id,story,kind,role\n")
        fh.writelines(f"{d},{s},{k},{r}\n" for d, s, k, r in truth)
