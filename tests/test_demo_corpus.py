"""Checks of the demo corpus (corpora/demo): reproducible build, shape, planted ground truth."""

import csv
import hashlib
import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpora" / "demo"
GENERATED = [
    "articles.jsonl",
    "annotations.csv",
    "outlets.yaml",
    "events.yaml",
    "README.md",
    "planted_quotes.csv",
    "planted_stories.csv",
]
FIELDS = ["doc_id", "outlet", "date", "title", "text", "url", "lang", "topic", "event",
          "primary_frame", "planted_frames", "reprint_of"]  # fmt: skip
TOPICS = {"us_russia_talks", "us_asia_policy", "off_topic"}


def _module(name):
    spec = importlib.util.spec_from_file_location(f"_demo_{name}", DEMO / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(DEMO))
    try:
        spec.loader.exec_module(mod)
    finally:
        sys.path.remove(str(DEMO))
    return mod


@pytest.fixture(scope="module")
def records():
    with open(DEMO / "articles.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def canonical():
    outlets = yaml.safe_load((DEMO / "outlets.yaml").read_text(encoding="utf-8"))["outlets"]
    return {a: o["name"] for o in outlets for a in [o["name"], *o["aliases"]]}


@pytest.fixture(scope="module")
def annotations():
    with open(DEMO / "annotations.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_rebuild_is_byte_identical(tmp_path):
    subprocess.run([sys.executable, str(DEMO / "build.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)  # fmt: skip
    for name in GENERATED:
        assert _sha(tmp_path / name) == _sha(DEMO / name), f"{name} differs from a fresh build"


def test_fields_and_ids(records):
    assert all(list(r) == FIELDS for r in records)
    ids = [r["doc_id"] for r in records]
    assert len(ids) == len(set(ids))
    assert {r["lang"] for r in records} == {"en"}
    assert {r["topic"] for r in records} == TOPICS
    for r in records:
        assert r["url"] is None or re.match(r"^https://[a-z0-9]+\.example/", r["url"])
        assert r["title"].strip() and r["text"].strip()


def test_counts(records, canonical):
    assert len(records) >= 280
    off = sum(r["topic"] == "off_topic" for r in records) / len(records)
    assert 0.07 <= off <= 0.13
    per_outlet = Counter(canonical[r["outlet"]] for r in records)
    assert len(per_outlet) == 7
    assert min(per_outlet.values()) >= 30
    topics = Counter(r["topic"] for r in records)
    assert topics["us_russia_talks"] >= 100 and topics["us_asia_policy"] >= 100
    # aliases are used, so outlet mapping matters
    assert sum(r["outlet"] not in per_outlet for r in records) >= 20


def test_word_counts(records):
    counts = [len(r["text"].split()) for r in records]
    assert min(counts) >= 120 and max(counts) <= 450


def test_dates_in_range(records):
    for r in records:
        when = datetime.fromisoformat(r["date"])
        assert when.tzinfo is not None, r["doc_id"]
        for d in (when.date(), when.astimezone(UTC).date()):
            assert date(2025, 6, 1) <= d <= date(2025, 11, 30), r["doc_id"]


def test_events_and_frames(records):
    events = yaml.safe_load((DEMO / "events.yaml").read_text(encoding="utf-8"))["events"]
    by_id = {e["id"]: e for e in events}
    codebook = yaml.safe_load((DEMO / "codebook.yaml").read_text(encoding="utf-8"))
    frames = set(codebook["frames"])
    assert len(frames) == 15 and codebook["version"]
    for r in records:
        if r["topic"] == "off_topic":
            assert r["event"] is None and r["planted_frames"] == [] and r["primary_frame"] is None
            continue
        assert r["event"] is None or by_id[r["event"]]["topic"] == r["topic"]
        assert set(r["planted_frames"]) <= frames and r["primary_frame"] == r["planted_frames"][0]
        if r["event"]:  # dated 0-3 days after the event (UTC)
            lag = datetime.fromisoformat(r["date"]).astimezone(UTC).date() - date.fromisoformat(
                str(by_id[r["event"]]["date"])
            )
            assert 0 <= lag.days <= 4, r["doc_id"]


def test_reprints(records):
    by_id = {r["doc_id"]: r for r in records}
    reprints = [r for r in records if r["reprint_of"]]
    assert len(reprints) >= 6
    exact = edited = 0
    for r in reprints:
        orig = by_id[r["reprint_of"]]
        assert orig["outlet"] in ("Meridian Wire Service", "MWS", "Meridian Wire")
        assert r["planted_frames"] == orig["planted_frames"]
        if r["text"] == orig["text"]:
            exact += 1
        else:
            edited += 1
            assert r["title"] != orig["title"]
            assert len(r["text"]) < len(orig["text"])
    assert exact >= 3 and edited >= 3


def test_messiness(records):
    texts = [r["title"] + "\n" + r["text"] for r in records]
    assert sum("<script>alert('x')</script>" in t for t in texts) == 1
    assert sum("<script" in t for t in texts) == 1
    for needle in ("“", "’", "—", "U.S.", "Indo-Pacific", "%", "\u00a0"):
        assert any(needle in t for t in texts), needle


def test_variety(records):
    texts = [r["text"] for r in records if not r["reprint_of"]]
    assert len(set(texts)) == len(texts)
    assert len({r["title"] for r in records}) >= 0.6 * len(records)


def test_annotations(records, annotations):
    ids = {r["doc_id"]: r for r in records}
    assert list(annotations[0]) == ["doc_id", "coder", "frame"]
    assert all(a["doc_id"] in ids for a in annotations)
    assert {a["coder"] for a in annotations} == {"coder_a", "coder_b"}
    units = Counter(a["doc_id"] for a in annotations)
    assert len(units) >= 160 and set(units.values()) == {2}
    assert all(ids[d]["topic"] != "off_topic" for d in units)
    build = _module("build")
    rows = [(a["doc_id"], a["coder"], a["frame"]) for a in annotations]
    alpha = build.alpha_nominal(rows)
    assert 0.65 <= alpha <= 0.9
    # cross-check the stdlib implementation against nltk's
    from nltk.metrics.agreement import AnnotationTask

    assert AnnotationTask(data=[(c, d, f) for d, c, f in rows]).alpha() == pytest.approx(alpha)
    readme = (DEMO / "README.md").read_text(encoding="utf-8")
    assert f"alpha (nominal) {alpha:.3f}" in readme


def _readme_shares():
    """Parse the generated 'realised primary-frame share' tables of the README."""
    text = (DEMO / "README.md").read_text(encoding="utf-8")
    out = {}
    for topic, table in re.findall(
        r"### (\w+): realised primary-frame share \(%\)\n\n((?:\|.*\n)+)", text
    ):
        lines = [line.strip().strip("|").split("|") for line in table.strip().splitlines()]
        header = [c.strip() for c in lines[0]]
        for row in lines[2:]:
            cells = [c.strip() for c in row]
            for frame, cell in zip(header[1:], cells[1:], strict=True):
                out[(cells[0], topic, frame)] = 0 if cell == "·" else int(cell)
    return out


def _shares(records, canonical):
    groups = {}
    for r in records:
        if r["primary_frame"]:
            groups.setdefault((canonical[r["outlet"]], r["topic"]), []).append(r["primary_frame"])
    return groups


def test_readme_shares_match_corpus(records, canonical):
    documented = _readme_shares()
    assert len(documented) > 100
    groups = _shares(records, canonical)
    for (outlet, topic, frame), pct in documented.items():
        frames = groups[(outlet, topic)]
        assert round(100 * frames.count(frame) / len(frames)) == pct, (outlet, topic, frame)


def test_planted_tendencies(records, canonical):
    g = _shares(records, canonical)

    def share(outlet, topics, frames):
        pool = [f for t in topics for f in g[(outlet, t)]]
        return sum(f in frames for f in pool) / len(pool)

    both = ["us_russia_talks", "us_asia_policy"]
    ru = ["us_russia_talks"]
    asia = ["us_asia_policy"]
    assert share("Nord Vestnik International", ru, {"blame", "sovereignty"}) >= 0.5
    assert share("Nord Vestnik International", both, {"blame"}) >= 0.25
    assert share("Meridian Wire Service", both, {"blame"}) == 0
    assert share("The Liberty Ledger", both, {"pressure"}) >= 0.25
    assert share("The Harbor Courier", both, {"conflict", "hedging"}) >= 0.45
    assert share("Jade Bridge Daily", asia, {"rivalry", "economic"}) >= 0.5
    assert share("The Monsoon Herald", asia, {"economic"}) >= 0.3
    assert share("Two Rivers Dispatch", ru, {"humanitarian", "peace"}) >= 0.5
    assert share("Meridian Wire Service", ru, {"diplomacy"}) >= 0.2


def test_topics_and_corpus_yaml():
    topics = yaml.safe_load((ROOT / "corpora" / "topics.yaml").read_text(encoding="utf-8"))
    assert {"us_russia_talks", "us_asia_policy"} <= set(topics["topics"])
    for spec in topics["topics"].values():
        assert spec["label"] and spec["description"]
    meta = yaml.safe_load((DEMO / "corpus.yaml").read_text(encoding="utf-8"))
    assert meta["name"] == "demo" and meta["licence"] == "CC0-1.0"
    assert meta["provenance"]["seed"] == _module("build").SEED


def test_loads_strictly_with_outlet_aliases(records):
    corpus = pytest.importorskip("framing.corpus", reason="framing.corpus not available yet")
    df = corpus.load_corpus(DEMO, mode="strict")
    assert len(df) == len(records)
    assert df["outlet"].nunique() == 7
    assert df["date"].notna().all()


def _windows(text, n=10):
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.realdata
def test_no_sentence_from_seed(records, shared_data):
    seed_dir = shared_data("seed", what="seed articles")
    seeds = sorted(seed_dir.glob("*.txt"))
    if not seeds:
        pytest.skip(f"no seed articles (*.txt) in {seed_dir}")
    seed = set().union(*(_windows(p.read_text(encoding="utf-8")) for p in seeds))
    for r in records:
        shared = _windows(r["title"] + " " + r["text"]) & seed
        assert not shared, (r["doc_id"], sorted(shared)[:3])
