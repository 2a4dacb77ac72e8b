"""A fuzz suite over every reader of outside input (hypothesis, seeded and bounded).

Property, for each reader: the call returns, or raises a :class:`FramingError` subclass
(never a raw traceback of another kind, never a hang); and a lenient corpus import
accounts for every record: ``read == kept + rejected``.

Inputs are generated from fragments that the reliability review found dangerous (deep
brackets, duplicate keys, big integers beside nulls, values that change type, objects
where text belongs, undecodable bytes, NaN, JSON arrays, wildcards, aliases) mixed with
well-formed ones. ``derandomize=True`` makes every run draw the same examples (no
flakiness, no example database); ``max_examples`` keeps the whole file to a few seconds.
For a deeper run by hand, set ``FRAMING_FUZZ_EXAMPLES`` (e.g. 2000; the examples then
differ from the default run's, still deterministically).
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.errors import FramingError

FUZZ = settings(
    max_examples=int(os.environ.get("FRAMING_FUZZ_EXAMPLES", "60")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
MAP = {"doc_id": "id", "outlet": "src", "text": "body", "date": "when"}


def _quietly(call, *args, **kwargs):
    """Run ``call``; return its result, or None when it raised a FramingError."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate terms, pandas notes: not the property
        try:
            return call(*args, **kwargs)
        except FramingError:
            return None


# -- corpus files -------------------------------------------------------------------------------
words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.sampled_from([9007199254740993, 2**53 + 1, 1234567890123456789]),
    st.floats(allow_nan=False, allow_infinity=False),
    words,
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(words, inner, max_size=3), max_leaves=6)  # fmt: skip
dates = st.one_of(
    st.sampled_from(["21 February 2020", "2020-02-21", "03/04/2025", "13/13/2025", "soon", ""]),
    words,
    st.integers(min_value=0, max_value=2**40),
)


@st.composite
def jsonl_lines(draw) -> bytes:
    kind = draw(st.sampled_from(["record", "record", "record", "junk", "deep", "dup", "bytes"]))
    if kind == "record":
        rec = {}
        for key in draw(st.lists(st.sampled_from(["id", "src", "body", "when", "page", "x"]),
                                 max_size=6)):  # fmt: skip
            rec[key] = draw(dates if key == "when" else values)
        return json.dumps(rec).encode()
    if kind == "junk":
        return draw(st.sampled_from([b"[1, 2]", b"null", b"42", b"{not json", b'"s"', b"NaN",
                                     b'{"id": NaN}', b"[{}", b"[\n"]))  # fmt: skip
    if kind == "deep":
        depth = draw(st.sampled_from([10, 300, 3000]))
        return b"[" * depth + b"]" * depth
    if kind == "dup":
        return b'{"id": "d", "src": "A", "body": "x", "body": "y"}'
    return draw(st.binary(max_size=40)).replace(b"\n", b" ")


def _check_lenient(path: Path, **options) -> None:
    from framing.corpus import read_corpus

    res = _quietly(read_corpus, path, mapping=MAP, mode="lenient", **options)
    if res is not None:
        assert res.read == res.kept + res.n_rejected
    _quietly(read_corpus, path, mapping=MAP, **options)  # strict: returns or a kit error


@FUZZ
@given(st.lists(jsonl_lines(), min_size=1, max_size=12), st.integers(1, 5))
def test_fuzz_jsonl_reader(lines, chunksize):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "a.jsonl"
        path.write_bytes(b"\n".join(lines) + b"\n")
        _check_lenient(path, chunksize=chunksize)


@FUZZ
@given(
    st.lists(
        st.lists(st.one_of(words, st.sampled_from(['"', '""', "\r", ",", "x\ny"])), min_size=1, max_size=5),
        min_size=1,
        max_size=8,
    ),
    st.binary(max_size=20),
)  # fmt: skip
def test_fuzz_csv_reader(rows, junk):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "a.csv"
        body = "\n".join(",".join(r) for r in rows).encode("utf-8", "surrogatepass")
        path.write_bytes(b"id,src,body,when\n" + body + b"\n" + junk)
        _check_lenient(path, chunksize=3)


@FUZZ
@given(
    st.lists(
        st.tuples(st.sampled_from(["id", "src", "body", "when", "page"]), values),
        min_size=1,
        max_size=6,
    ),  # fmt: skip
    st.integers(0, 4),
    st.binary(max_size=64),
)
def test_fuzz_parquet_reader(columns, n_rows, junk):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "a.parquet"
        frame = pd.DataFrame({name: [value] * n_rows for name, value in dict(columns).items()})
        try:
            frame.to_parquet(path)
        except Exception:  # noqa: BLE001 - values pyarrow cannot store: fuzz the bytes instead
            path.write_bytes(b"PAR1" + junk)
        if junk and n_rows % 2:  # damaged files too
            data = path.read_bytes()
            path.write_bytes(data[: len(data) // 2] + junk)
        _check_lenient(path)


# -- dictionaries --------------------------------------------------------------------------------
dic_fields = st.sampled_from(["%", "1", "01", "a", "peace*", "a.*b", "**", "2 3", "\t", "  ",
                              "x y", "[1]", "134/125", "café", "\ufeff"])  # fmt: skip


@FUZZ
@given(st.lists(st.lists(dic_fields, min_size=1, max_size=4), min_size=1, max_size=10),
       st.sampled_from(["\n", "\r\n", "\r"]))  # fmt: skip
def test_fuzz_dic_lexicons(lines, newline):
    from framing.lexicon import load_lexicon, score

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "f.dic"
        text = newline.join(["%", "1\ta", "%", *("\t".join(f) for f in lines)])
        path.write_text(text, encoding="utf-8")
        lex = _quietly(load_lexicon, path)
        if lex is not None:
            assert len(score(["peace talks a b x y café"], lex)) == 1
        cat = Path(d) / "f.cat"
        cat.write_text(newline.join(("\t" * (i % 3)) + " ".join(f) for i, f in enumerate(lines)))
        _quietly(load_lexicon, cat)


yaml_bits = st.sampled_from(["name: t", "categories:", "categries:", "  a:", "    terms: [x]",
                             "    terms:", "  - y", "a: [x, '*']", "&a [x, *a]", "b: *a",
                             "{", "]", "? [k]", ": v", "    definition: d", "!!python/object x",
                             "c: &c [p]", "d: [*c, *c]", "version: 1", "- z"])  # fmt: skip


@FUZZ
@given(st.lists(yaml_bits, min_size=1, max_size=10))
def test_fuzz_yaml_lexicons(lines):
    from framing.lexicon import load_lexicon

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "l.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        _quietly(load_lexicon, path)


# -- topic queries -------------------------------------------------------------------------------
terms = st.text(alphabet="ab*?-'. ", min_size=1, max_size=24)


@FUZZ
@given(st.lists(st.lists(terms, min_size=1, max_size=3), min_size=1, max_size=3),
       st.lists(terms, max_size=2), st.integers(-1, 5) | st.none(), st.integers(-1, 40) | st.none())  # fmt: skip
def test_fuzz_topic_queries(groups, none_of, min_hits, within):
    from framing.topics import parse_topics, select

    query = {"all_of": groups, "none_of": none_of}
    if min_hits is not None:
        query["min_hits"] = min_hits
    if within is not None:
        query["within"] = within
    text = json.dumps({"topics": {"t": {"query": query}}})  # JSON is YAML
    topics = _quietly(parse_topics, text)
    if topics:
        corpus = pd.DataFrame({"doc_id": ["1", "2"], "text": ["a" * 40 + " ab ba", "b-a a.b"]})
        _quietly(select, corpus, "t", topics=topics)


# -- the report plan, events and outlets files -------------------------------------------------
plan_bits = st.sampled_from(["reports:", "  - id: a", "  - id: A", "    notebook: nb.ipynb",
                             "    notebook: ../x.ipynb", "    parameters: {rows: 1}",
                             "    parameters: {rows: [1]}", "    matrix: {x: [1, 2]}",
                             "    id: r{x}", "defaults: {rows: 2}", "inputs: [missing]",
                             "reports: []", "- x", "&a {b: *a}", "  - id: " + "r" * 120])  # fmt: skip


@FUZZ
@given(st.lists(plan_bits, min_size=1, max_size=8))
def test_fuzz_report_plan(lines):
    from framing.reports import load_plan

    fixtures = Path(__file__).parent / "fixtures"
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        (root / "nb.ipynb").write_bytes((fixtures / "reports_ok.ipynb").read_bytes())
        (root / "plan.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        _quietly(load_plan, root / "plan.yaml", root=root)


def _entries_file(path: Path, key: str, entries: list[dict]) -> Path:
    """A YAML file ``key: [{...}, ...]`` with the entries as flow mappings, values raw."""
    lines = [f"{key}:"] + ["  - {" + ", ".join(f"{k}: {v}" for k, v in e.items()) + "}" for e in entries]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


event_values = st.sampled_from(["e1", "2025-07-10", "July 10", "10/07/2025", "[a, b]", "", "~",
                                "10 July 2025 9:00 AM EDT", "99999-01-01", "{x: 1}"])  # fmt: skip


@FUZZ
@given(st.lists(st.dictionaries(st.sampled_from(["id", "date", "label", "topic", "lable"]),
                                event_values, max_size=5), max_size=4))  # fmt: skip
def test_fuzz_events_files(entries):
    from framing.compare import load_events

    with tempfile.TemporaryDirectory() as d:
        _quietly(load_events, _entries_file(Path(d) / "events.yaml", "events", entries))


outlet_values = st.sampled_from(["A", "DP", "[DP, X]", "private", "tabloid", "[{x: 1}]", "~",
                                 "' a '", "3", "[a, A]"])  # fmt: skip


@FUZZ
@given(st.lists(st.dictionaries(st.sampled_from(["name", "aliases", "type", "alias", "lean"]),
                                outlet_values, max_size=4), max_size=4))  # fmt: skip
def test_fuzz_outlets_files(entries):
    from framing.corpus import apply_outlets, load_outlets

    with tempfile.TemporaryDirectory() as d:
        table = _quietly(load_outlets, _entries_file(Path(d) / "outlets.yaml", "outlets", entries))
        if table is not None:
            apply_outlets(pd.DataFrame({"outlet": ["A", "dp", "x"]}), table)


@pytest.mark.parametrize("depth", [63, 65])
def test_yaml_depth_limit_edges(depth):
    """The depth limit is exact: 64 levels load, 65 are an error (not a RecursionError)."""
    from framing._shared.yaml_lines import load_yaml
    from framing.errors import PlanError

    text = "a: " + "[" * depth + "]" * depth
    result = _quietly(load_yaml, text, error=PlanError)
    assert (result is None) == (depth > 63)
