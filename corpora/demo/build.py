#!/usr/bin/env python3
"""Build the demo corpus from the hand-written sentence banks (standard library only).

Writes ``articles.jsonl``, ``annotations.csv``, ``outlets.yaml``, ``events.yaml`` and the
generated block of ``README.md`` into ``--out`` (default: this folder). The random
generator has a fixed seed, so running it again rebuilds the committed files
byte-identically::

    python corpora/demo/build.py                 # rebuild in place
    python corpora/demo/build.py --out /tmp/x    # build elsewhere (tests compare hashes)
"""

import argparse
import json
import math
import random
import re
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import banks  # noqa: E402
import events_bank  # noqa: E402
import offtopic_bank  # noqa: E402
import story_plants  # noqa: E402  (issue 15: planted multi-outlet stories, own seeded generator)
import voices_bank  # noqa: E402  (planted sourcing, issue 16)

SEED = 20250710
START = date(2025, 6, 1)
LAST = date(2025, 11, 29)  # last UTC day, so that every local date stays in November
TOPICS = ["us_russia_talks", "us_asia_policy"]
N_PER_OUTLET = 43
OFFTOPIC_PER_OUTLET = {"wire": 4, "cons": 4, "lib": 5, "ru": 4, "cn": 4, "sea": 5, "me": 4}
# (reprinting outlet, mode): "exact" keeps title and text, "edited" changes the headline
# and drops one sentence. Originals are wire stories.
REPRINTS = [
    ("cons", "exact"),
    ("lib", "edited"),
    ("ru", "exact"),
    ("cn", "edited"),
    ("sea", "exact"),
    ("sea", "edited"),
    ("me", "exact"),
    ("me", "edited"),
]
NULL_EVENT_SHARE = 0.2  # share of on-topic articles not tied to one event (analysis pieces)
ALIAS_RATE = 0.2  # share of articles whose `outlet` field carries an alias
MIN_WORDS, MAX_WORDS = 120, 450
N_ANNOTATED = 180
CODER_NOISE = 0.12  # per coder, probability of replacing the planted primary frame
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
BEGIN, END = "<!-- BEGIN GENERATED (build.py) -->", "<!-- END GENERATED -->"

_SLOT = re.compile(r"\{(\w+)\}")
_MARK = re.compile(r"^(?:(?P<voice>[WE]): )?(?:\[>(?P<after>\d{4}-\d\d-\d\d)\] )?")


def _fill(rng, template, pools):
    """Fill {slots}: a list gives a random choice, a callable the next value of a sequence."""

    def one(m):
        pool = pools[m.group(1)]
        return pool() if callable(pool) else rng.choice(pool)

    return _SLOT.sub(one, template)


def _analysts(rng):
    """A callable giving distinct invented analysts, one per quotation in an article."""
    c = banks.COMMON_SLOTS
    people = [
        f"{first} {last}, {rng.choice(c['analyst_role'])} at {inst}"
        for first, last, inst in zip(
            rng.sample(c["analyst_first"], 3),
            rng.sample(c["analyst_last"], 3),
            rng.sample(c["institute"], 3),
            strict=True,
        )
    ]
    return lambda: people.pop(0) if len(people) > 1 else people[0]


def _parse(entry):
    m = _MARK.match(entry)
    after = date.fromisoformat(m.group("after")) if m.group("after") else None
    return m.group("voice") or "any", after, entry[m.end() :]


def _eligible(entries, voice, day):
    out = []
    for entry in entries:
        v, after, text = _parse(entry)
        if (voice == "neutral" or v in ("any", voice)) and (after is None or day >= after):
            out.append(text)
    return out


def _pick_frames(rng, weights, k):
    """Draw k frames without replacement, each draw proportional to the weights."""
    items = list(weights.items())
    chosen = []
    for _ in range(min(k, len(items))):
        r = rng.random() * sum(w for _, w in items)
        j, acc = 0, items[0][1]
        while r >= acc and j < len(items) - 1:
            j += 1
            acc += items[j][1]
        chosen.append(items.pop(j)[0])
    return chosen


def _local_iso(dt, tz):
    if tz == "Z":
        return dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    if tz == "US":  # EDT until 2 Nov 2025 06:00 UTC, EST afterwards
        hours = -4 if dt < datetime(2025, 11, 2, 6, tzinfo=UTC) else -5
    else:
        hours = int(tz[:3])
    return dt.astimezone(timezone(timedelta(hours=hours))).isoformat()


def _paragraphs(rng, sentences):
    paras, i = [[sentences[0]]], 1
    while i < len(sentences):
        size = rng.choice([1, 2, 2, 3])
        paras.append(sentences[i : i + size])
        i += size
    return paras


def _text(paras):
    return "\n\n".join(" ".join(p) for p in paras)


def _words(paras):
    return len(_text(paras).split())


def _quota(weights, n):
    """Largest-remainder allocation of n primary frames in proportion to the weights."""
    total = sum(weights.values())
    exact = {f: n * w / total for f, w in weights.items()}
    counts = {f: int(x) for f, x in exact.items()}
    by_remainder = sorted(weights, key=lambda f: -(exact[f] - counts[f]))
    for f in by_remainder[: n - sum(counts.values())]:
        counts[f] += 1
    return [f for f in weights for _ in range(counts[f])]


def _on_topic(rng, key, topic, event, when, primary_frame):
    """One on-topic article: lead, framed sentences, neutral context."""
    outlet = banks.OUTLETS[key]
    pools = {**banks.COMMON_SLOTS, **banks.SLOTS[topic]}
    pools["weekday"] = [WEEKDAYS[when.weekday()]]
    pools["analyst"] = _analysts(rng)
    day = when.date()
    others = {f: w for f, w in banks.WEIGHTS[key][topic].items() if f != primary_frame}
    frames = [primary_frame] + _pick_frames(rng, others, 2 if rng.random() < 0.65 else 1)
    n = rng.randint(6, 9)
    primary = n // 2 + 1
    rest = n - primary
    wanted = [primary] + ([rest] if len(frames) == 2 else [math.ceil(rest / 2), rest // 2])
    framed, counts = {}, {}
    for frame, want in zip(frames, wanted, strict=True):
        bank = banks.FRAME_BANK[frame]
        pool = _eligible(bank.get("any", []) + bank.get(topic, []), outlet["voice"], day)
        picked = rng.sample(pool, min(want, len(pool)))
        framed[frame] = [_fill(rng, t, pools) for t in picked]
        counts[frame] = len(picked)
    order = sorted((f for f in frames if counts[f]), key=lambda f: (-counts[f], frames.index(f)))
    if event:
        ev_day = date.fromisoformat(event["date"])
        lead = _fill(rng, rng.choice(event["leads"]), {"weekday": [WEEKDAYS[ev_day.weekday()]]})
        place, short = event["place"], event["short"]
    else:
        lead = rng.choice(banks.GENERIC_LEADS[topic])
        place, short = rng.choice(banks.GENERIC_PLACES[topic]), None
    if key == "wire":
        lead = f"{place} ({rng.choice(outlet['aliases'][:1])}) — {lead}"
    neutral_pool = [_fill(rng, t, pools) for t in _eligible(banks.NEUTRAL[topic], "neutral", day)]
    rng.shuffle(neutral_pool)
    n_neutral = rng.randint(2, 4)
    body = framed[order[0]][1:] + [s for f in order[1:] for s in framed[f]]
    body += neutral_pool[:n_neutral]
    if event:
        body.append(event["background"])
    rng.shuffle(body)
    sentences = [lead, framed[order[0]][0]] + body
    spare = neutral_pool[n_neutral:]
    while len(" ".join(sentences).split()) < MIN_WORDS + 10 and spare:
        sentences.insert(rng.randint(2, len(sentences)), spare.pop())
    paras = _paragraphs(rng, sentences)
    title_pools = {**pools, "event_short": [short] if short else pools["event_short"]}
    title = _fill(rng, rng.choice(banks.TITLES[order[0]]), title_pools)
    return {
        "key": key, "topic": topic, "event": event["id"] if event else None, "when": when,
        "title": title[0].upper() + title[1:], "paras": paras, "planted": order,
        "title_pools": title_pools, "reprint_of": None,
    }  # fmt: skip


def _off_topic(rng, key, theme, when):
    pools = {
        "city": offtopic_bank.CITIES[key], "weekday": [WEEKDAYS[when.weekday()]],
        "n": [str(i) for i in range(2, 9)], "nth": ["150th", "200th", "250th", "300th"],
        "temp": ["38", "39", "40", "41"], "pct": ["3", "4", "5", "6"],
    }  # fmt: skip
    city = rng.choice(pools["city"])
    pools["city"] = [city]
    spec = offtopic_bank.TECH if theme == "tech" else offtopic_bank.OFFTOPIC[theme]
    title = spec["title"] if theme == "tech" else _fill(rng, rng.choice(spec["titles"]), pools)
    body = spec["sentences"][1:]
    keep = sorted(rng.sample(range(len(body)), len(body) - rng.randint(0, 1)))
    sentences = [_fill(rng, t, pools) for t in [spec["sentences"][0]] + [body[i] for i in keep]]
    if len(" ".join(sentences).split()) < MIN_WORDS:  # too short without the dropped one
        sentences = [_fill(rng, t, pools) for t in spec["sentences"]]
    return {
        "key": key, "topic": "off_topic", "event": None, "when": when, "title": title,
        "paras": _paragraphs(rng, sentences), "planted": [], "reprint_of": None,
    }  # fmt: skip


def _random_when(rng, first=START, last=LAST):
    day = first + timedelta(days=rng.randint(0, (last - first).days))
    return datetime(
        day.year, day.month, day.day, rng.randint(5, 20), rng.randint(0, 59), tzinfo=UTC
    )


def generate(seed=SEED):
    """Return (articles, annotations) as plain Python records."""
    rng = random.Random(seed)
    events = {t: [e for e in events_bank.EVENTS if e["topic"] == t] for t in TOPICS}
    n_reprints = {k: sum(1 for o, _ in REPRINTS if o == k) for k in banks.OUTLETS}
    themes = list(offtopic_bank.OFFTOPIC)
    tech_outlet = "lib"
    arts = []
    for key in banks.OUTLETS:
        n_on = N_PER_OUTLET - OFFTOPIC_PER_OUTLET[key] - n_reprints[key]
        for t_index, topic in enumerate(TOPICS):
            n_topic = (n_on + (1 - t_index)) // 2
            n_null = round(NULL_EVENT_SHARE * n_topic)
            evs = events[topic][:]
            rng.shuffle(evs)
            plan = [None] * n_null + [evs[i % len(evs)] for i in range(n_topic - n_null)]
            primaries = _quota(banks.WEIGHTS[key][topic], n_topic)
            rng.shuffle(primaries)
            for event, primary_frame in zip(plan, primaries, strict=True):
                if event:
                    d = date.fromisoformat(event["date"]) + timedelta(days=rng.randint(0, 3))
                    when = _random_when(rng, min(d, LAST), min(d, LAST))
                else:
                    when = _random_when(rng)
                arts.append(_on_topic(rng, key, topic, event, when, primary_frame))
        for i in range(OFFTOPIC_PER_OUTLET[key]):
            theme = "tech" if (key == tech_outlet and i == 0) else rng.choice(themes)
            arts.append(_off_topic(rng, key, theme, _random_when(rng)))
    wire_on = [a for a in arts if a["key"] == "wire" and a["topic"] != "off_topic"]
    wire_on = [a for a in wire_on if _words(a["paras"]) >= 160 and a["when"].date() < LAST]
    for (key, mode), orig in zip(REPRINTS, rng.sample(wire_on, len(REPRINTS)), strict=True):
        copy = {**orig, "key": key, "reprint_of": orig, "mode": mode}
        copy["when"] = min(orig["when"] + timedelta(hours=rng.randint(2, 20)),
                           datetime(LAST.year, LAST.month, LAST.day, 20, tzinfo=UTC))  # fmt: skip
        if mode == "edited":
            for _ in range(20):  # a different headline from the same title bank
                new = _fill(rng, rng.choice(banks.TITLES[orig["planted"][0]]), orig["title_pools"])
                if new[0].upper() + new[1:] != orig["title"]:
                    break
            copy["title"] = new[0].upper() + new[1:]
            flat = [(i, j) for i, p in enumerate(orig["paras"]) for j in range(len(p)) if i > 0]
            drop = rng.choice(flat)
            paras = [
                [s for j, s in enumerate(p) if (i, j) != drop] for i, p in enumerate(orig["paras"])
            ]
            copy["paras"] = [p for p in paras if p]
        arts.append(copy)
    arts.sort(key=lambda a: (a["when"], a["key"], a["title"]))
    records = []
    for i, a in enumerate(arts, start=1):
        a["doc_id"] = f"demo-{i:04d}"
    for a in arts:
        outlet = banks.OUTLETS[a["key"]]
        name = rng.choice(outlet["aliases"]) if rng.random() < ALIAS_RATE else outlet["name"]
        slug = "-".join(re.findall(r"[a-z0-9]+", a["title"].lower()))[:60].strip("-")
        w = a["when"]
        url = f"https://{outlet['domain']}/{w:%Y/%m/%d}/{slug}-{a['doc_id'][5:]}"
        if a["key"] == "me" and rng.random() < 0.1:
            url = None  # some regional articles come without a link
        records.append({
            "doc_id": a["doc_id"], "outlet": name, "date": _local_iso(w, outlet["tz"]),
            "title": a["title"], "text": _text(a["paras"]), "url": url, "lang": "en",
            "topic": a["topic"], "event": a["event"],
            "primary_frame": a["planted"][0] if a["planted"] else None,
            "planted_frames": a["planted"],
            "reprint_of": a["reprint_of"]["doc_id"] if a["reprint_of"] else None,
        })  # fmt: skip
    return records, _annotate(rng, records)


def _annotate(rng, records):
    """Simulated codes of two coders (see README: how the noise is made)."""
    pool = [r for r in records if r["primary_frame"] and not r["reprint_of"]]
    chosen = sorted(rng.sample(pool, N_ANNOTATED), key=lambda r: r["doc_id"])
    rows = []
    for r in chosen:
        for coder in ("coder_a", "coder_b"):
            frame = r["primary_frame"]
            if rng.random() < CODER_NOISE:
                if len(r["planted_frames"]) > 1 and rng.random() < 0.5:
                    frame = r["planted_frames"][1]
                else:
                    frame = rng.choice([f for f in banks.FRAMES if f != r["primary_frame"]])
            rows.append((r["doc_id"], coder, frame))
    return rows


def alpha_nominal(rows):
    """Krippendorff's alpha (nominal) for complete two-coder data given as (unit, coder, value)."""
    units = {}
    for unit, _, value in rows:
        units.setdefault(unit, []).append(value)
    totals, disagree = {}, 0
    for values in units.values():
        for v in values:
            totals[v] = totals.get(v, 0) + 1
        disagree += 2 * (values[0] != values[1])
    n = sum(totals.values())
    expected = n * n - sum(c * c for c in totals.values())
    return 1 - (n - 1) * disagree / expected


def _wilson(k, n, z=1.959964):
    if n == 0:
        return (float("nan"),) * 3
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return p, max(0.0, centre - half), min(1.0, centre + half)


def _canonical(records):
    alias = {a: o["name"] for o in banks.OUTLETS.values() for a in [o["name"], *o["aliases"]]}
    return [alias[r["outlet"]] for r in records]


def realised_shares(records):
    """{(outlet name, topic): {frame: share of articles with that primary frame}}."""
    names = _canonical(records)
    out = {}
    for name, r in zip(names, records, strict=True):
        if r["primary_frame"]:
            out.setdefault((name, r["topic"]), []).append(r["primary_frame"])
    return {k: {f: v.count(f) / len(v) for f in banks.FRAMES} for k, v in out.items()}


def _table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def readme_block(records, annotations):
    names = _canonical(records)
    outlets = [o["name"] for o in banks.OUTLETS.values()]
    keys = {o["name"]: k for k, o in banks.OUTLETS.items()}
    parts = [BEGIN, "", "### Articles per outlet and topic", ""]
    count_rows = []
    for name in outlets:
        mine = [r for n, r in zip(names, records, strict=True) if n == name]
        row = [name] + [sum(r["topic"] == t for r in mine) for t in [*TOPICS, "off_topic"]]
        count_rows.append(row + [sum(r["reprint_of"] is not None for r in mine), len(mine)])
    totals = [sum(row[i] for row in count_rows) for i in range(1, 6)]
    parts.append(_table(["outlet", *TOPICS, "off_topic", "of which reprints", "total"],
                        count_rows + [["**all**", *totals]]))  # fmt: skip
    shares = realised_shares(records)
    for topic in TOPICS:
        used = [
            f for f in banks.FRAMES if any(banks.WEIGHTS[k][topic].get(f) for k in banks.OUTLETS)
        ]
        for what in ("planted weight", "realised primary-frame share"):
            parts += ["", f"### {topic}: {what} (%)", ""]
            rows = []
            for name in outlets:
                w = banks.WEIGHTS[keys[name]][topic]
                if what == "planted weight":
                    vals = [round(100 * w.get(f, 0) / sum(w.values())) for f in used]
                else:
                    vals = [round(100 * shares[(name, topic)][f]) for f in used]
                rows.append([name] + [v if v else "·" for v in vals])
            parts.append(_table(["outlet", *used], rows))
    parts += ["", "### Primary-frame prevalence per outlet, both topics, Wilson 95% CI", ""]
    rows = []
    for name in outlets:
        mine = [r for n, r in zip(names, records, strict=True) if n == name and r["primary_frame"]]
        cells = []
        for f in ("blame", "pressure", "conflict", "humanitarian", "economic", "diplomacy"):
            p, lo, hi = _wilson(sum(r["primary_frame"] == f for r in mine), len(mine))
            cells.append(f"{100 * p:.0f} [{100 * lo:.0f}, {100 * hi:.0f}]")
        rows.append([name, len(mine), *cells])
    header = [
        "outlet",
        "n",
        "blame",
        "pressure",
        "conflict",
        "humanitarian",
        "economic",
        "diplomacy",
    ]
    parts.append(_table(header, rows))
    units = len(annotations) // 2
    agree = sum(annotations[i][2] == annotations[i + 1][2] for i in range(0, len(annotations), 2))
    parts += ["", "### Simulated codes", "",
              f"{units} articles coded by coder_a and coder_b; raw agreement "
              f"{100 * agree / units:.1f}%, Krippendorff's alpha (nominal) "
              f"{alpha_nominal(annotations):.3f}.", "", END]  # fmt: skip
    return "\n".join(parts)


def _yaml_str(s):
    return json.dumps(s, ensure_ascii=False)


def write_all(out, readme_source=HERE / "README.md"):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    records, annotations = generate()
    planted = voices_bank.plant(records)
    helpers = {"fill": _fill, "eligible": _eligible, "paragraphs": _paragraphs, "text": _text,
               "analysts": _analysts, "local_iso": _local_iso}  # fmt: skip
    story_records, story_truth = story_plants.generate(banks, helpers, START, LAST)
    records += story_records
    story_plants.write_truth(out, story_truth)
    with open(out / "articles.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(out / "annotations.csv", "w", encoding="utf-8", newline="\n") as fh:
        fh.write("doc_id,coder,frame\n")
        fh.writelines(f"{d},{c},{f}\n" for d, c, f in annotations)
    lines = [
        "# Fictional outlets of the demo corpus (generated by build.py from banks.py).",
        "outlets:",
    ]
    for o in banks.OUTLETS.values():
        lines += [f"  - name: {_yaml_str(o['name'])}",
                  f"    aliases: [{', '.join(_yaml_str(a) for a in o['aliases'])}]",
                  f"    type: {o['type']}", f"    country: {_yaml_str(o['country'])}",
                  f"    lean: {_yaml_str(o['lean'])}"]  # fmt: skip
    (out / "outlets.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["# Real events of June-November 2025 used by the demo corpus (generated by build.py).",
             "events:"]  # fmt: skip
    for e in events_bank.EVENTS:
        lines.append(f"  - {{id: {e['id']}, date: {_yaml_str(e['date'])}, label: {_yaml_str(e['label'])}, "
                     f"topic: {e['topic']}, place: {_yaml_str(e['place'].title())}}}")  # fmt: skip
    (out / "events.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    readme = Path(readme_source).read_text(encoding="utf-8")
    head, rest = readme.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    block = readme_block(records, annotations)
    (out / "README.md").write_text(head + block + tail, encoding="utf-8", newline="\n")
    voices_bank.write(out, records, planted)
    return records, annotations


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(HERE), help="output folder (default: this folder)")
    args = parser.parse_args(argv)
    records, annotations = write_all(args.out)
    print(f"wrote {len(records)} articles and {len(annotations)} codes to {args.out}")


if __name__ == "__main__":
    main()
