"""Tests of dates as news comes (framing/_shared/dates.py) and of the date options of the
corpus readers: --date-format, --dayfirst, --require-date, the ambiguity warning, and
events files.

Defects of the reliability review (../shared/reviews/reliability.md) covered here: the
26 date strings of §3.1 (most common news forms rejected), L10 (an event date "July 10"
gave a raw OutOfBoundsDatetime), L18 (03/04/2025 from a day-first source read silently
as 4 March), L19 for events (duplicate ids kept silently, `id: [a, b]` accepted), and
issue 13's real export: a CSV with `dd Month yyyy` dates keeps every well-formed row.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
from itertools import islice

import pandas as pd
import pytest

from framing._shared.dates import date_hint, parse_date, parse_dates
from framing.cli import main
from framing.compare import load_events
from framing.corpus import import_corpus, load_corpus, read_corpus, validate
from framing.errors import CorpusError

UTC = dt.UTC


def utc(*args):
    return pd.Timestamp(dt.datetime(*args, tzinfo=UTC))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("21 February 2020", utc(2020, 2, 21)),
        ("February 21, 2020", utc(2020, 2, 21)),
        ("Feb. 21, 2020 10:00 AM EST", utc(2020, 2, 21, 15)),
        ("21.02.2020", utc(2020, 2, 21)),
        ("2020/02/21", utc(2020, 2, 21)),
        ("2020-02-21", utc(2020, 2, 21)),
        ("2020-02-21T10:00:00+02:00", utc(2020, 2, 21, 8)),
        ("20200221", utc(2020, 2, 21)),
        ("Fri, 21 Feb 2020 10:00:00 +0000", utc(2020, 2, 21, 10)),
        ("1582279200", utc(2020, 2, 21, 10)),
        ("1582279200000", utc(2020, 2, 21, 10)),
        ("21-Feb-2020", utc(2020, 2, 21)),
        ("Friday, February 21st, 2020 at 10:00 p.m. CET", utc(2020, 2, 21, 21)),
        ("February 21, 2020 Friday 10:15 PM EST", utc(2020, 2, 22, 3, 15)),  # Nexis
        ("21 Feb 2020 10:00 Europe/Berlin", utc(2020, 2, 21, 9)),
        ("2020-02-21 10:00 PST", utc(2020, 2, 21, 18)),
        ("21 Feb 2020 10:00 GMT+2", utc(2020, 2, 21, 8)),
        ("Apr 3 2025", utc(2025, 4, 3)),
        ("3 April 2025", utc(2025, 4, 3)),
        ("2/21/2020", utc(2020, 2, 21)),
        ("2/21/20", utc(2020, 2, 21)),
        ("12/31/68", utc(2068, 12, 31)),
        ("12/31/69", utc(1969, 12, 31)),
        ("Feb 21, 2020 at 3pm", utc(2020, 2, 21, 15)),
        ("Sept. 3, 2020", utc(2020, 9, 3)),
    ],
)
def test_news_date_forms(text, expected):
    parsed = parse_dates(pd.Series([text]))
    assert parsed.dates.iat[0] == expected
    assert not parsed.unreadable[0]


@pytest.mark.parametrize(
    "text",
    ["next Tuesday", "July 10", "February 2020", "2025-02-30", "13/13/2025", "21/2/2020",
     "10 Feb 2020 25:00", "21 February 2020 10:00 XYZ", "21 Feb 2020 10:00 Mars/Base"],
)  # fmt: skip
def test_unreadable_dates(text):
    parsed = parse_dates(pd.Series([text]))
    assert parsed.unreadable[0] and pd.isna(parsed.dates.iat[0])


def test_dayfirst_and_ambiguity():
    s = pd.Series(["03/04/2025", "13/04/2025", "03.04.2025", "04/04/2025", "3-4-2025"])
    us = parse_dates(s)
    assert us.dates.iat[0] == utc(2025, 3, 4) and us.unreadable.tolist()[1]
    assert us.dates.iat[2] == utc(2025, 4, 3)  # dots: always day first
    assert us.ambiguous.tolist() == [True, False, False, False, True]  # 04/04 is not
    eu = parse_dates(s, dayfirst=True)
    assert eu.dates.iat[0] == utc(2025, 4, 3) and eu.dates.iat[1] == utc(2025, 4, 13)
    assert date_hint("13/04/2025") == " (it reads as day/month/year: pass --dayfirst)"
    assert parse_date("03/04/2025", dayfirst=True)[1]


def test_explicit_formats_come_first_and_are_checked():
    s = pd.Series(["2020|21|02", "21 February 2020"])
    parsed = parse_dates(s, formats=["%Y|%d|%m"])
    assert parsed.dates.tolist() == [utc(2020, 2, 21), utc(2020, 2, 21)]
    with pytest.raises(CorpusError, match="has no strftime directive"):
        validate(pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": ["t"]}), date_format="x")


def test_out_of_range_and_typed_dates():
    s = pd.Series(["0001-11-30", "9999-12-31", None, ""])
    parsed = parse_dates(s)
    assert parsed.outside.tolist() == [True, True, False, False]
    assert not parsed.unreadable.any()
    stamps = pd.Series(pd.to_datetime(["2020-02-21 10:00"]))
    assert parse_dates(stamps).dates.iat[0] == utc(2020, 2, 21, 10)
    epoch = parse_dates(pd.Series([1582279200, None], dtype="float64"))
    assert epoch.dates.iat[0] == utc(2020, 2, 21, 10)


# -- the corpus readers -------------------------------------------------------------------
def _csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "src", "body", "when"])
        writer.writerows(rows)
    return path


MAP = {"doc_id": "id", "outlet": "src", "text": "body", "date": "when"}


def test_ambiguous_dates_warn_once_per_file_naming_the_rule(tmp_path, caplog):
    rows = [
        [f"d{i}", "A", "Text.", d] for i, d in enumerate(["03/04/2025", "05/06/2025", "2/21/2020"])
    ]
    path = _csv(tmp_path / "a.csv", rows)
    res = read_corpus(path, mapping=MAP, chunksize=1)
    warned = res.warnings[res.warnings["field"] == "date"]
    assert len(warned) == 1 and warned.iloc[0]["line"] == 1
    assert "read as month/day/year (US order): pass --dayfirst" in warned.iloc[0]["reason"]
    assert caplog.text.count("can be read day first or month first") == 1
    res = read_corpus(path, mapping=MAP, dayfirst=True, mode="lenient")
    assert res.articles["date"].iat[0] == utc(2025, 4, 3)
    assert "leave out --dayfirst" in res.warnings["reason"].iat[0]
    assert res.n_rejected == 0 and pd.isna(res.articles["date"].iat[2])  # 2/21: not day first


def test_unreadable_dates_lenient_strict_and_required(tmp_path, capsys):
    rows = [
        ["d1", "A", "Text.", "21 February 2020"],
        ["d2", "A", "Text.", "soon"],
        ["d3", "A", "Text.", ""],
    ]
    path = _csv(tmp_path / "a.csv", rows)
    res = read_corpus(path, mapping=MAP, mode="lenient")
    assert (res.kept, res.n_rejected) == (3, 0)
    assert res.warnings.iloc[0]["reason"].startswith(
        "field 'date' has value 'soon' that is not a date; kept with no date"
    )
    with pytest.raises(CorpusError, match="a.csv row 2: field 'date' has value 'soon'"):
        load_corpus(path, mapping=MAP)
    res = read_corpus(path, mapping=MAP, mode="lenient", require_date=True)
    assert res.articles["doc_id"].tolist() == ["d1"]
    assert res.rejected["field"].tolist() == ["date", "date"]
    argv = ["corpus", "import", str(path), "--out", str(tmp_path / "o"), "--lenient"]
    argv += ["--id-col", "id", "--outlet-col", "src", "--text-col", "body", "--date-col", "when"]
    assert main([*argv, "--date-format", "%d %B %Y", "--require-date"]) == 0
    assert "read 3, kept 1, rejected 2" in capsys.readouterr().out
    meta = (tmp_path / "o" / "corpus.yaml").read_text()
    assert "date_format:\n  - '%d %B %Y'" in meta and "require_date: true" in meta


def test_corpus_yaml_date_options(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    _csv(
        folder / "articles.csv",
        [["d1", "A", "Text.", "03/04/2025"], ["d2", "A", "T.", "2020|21|02"]],
    )
    (folder / "corpus.yaml").write_text(
        "mapping: {doc_id: id, outlet: src, text: body, date: when}\n"
        "dayfirst: true\ndate_format: ['%Y|%d|%m']\n"
    )
    df = load_corpus(folder)
    assert df["date"].tolist() == [utc(2025, 4, 3), utc(2020, 2, 21)]


# -- events ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("entry", "match"),
    [
        ("{id: e1, date: 'July 10', label: A, topic: t}", "'July 10', not a date"),
        ("{id: e1, date: '10/07/2025', label: A, topic: t}", "could be day/month or month/day"),
        ("{id: [a, b], date: 2025-07-10, label: A, topic: t}", "'id' must be a name"),
    ],
)
def test_event_dates_and_ids(tmp_path, entry, match):
    """Review L10 ("July 10": raw OutOfBoundsDatetime), L18 ("10/07/2025" read as
    7 October silently), L19 (`id: [a, b]`)."""
    path = tmp_path / "events.yaml"
    path.write_text(f"events:\n  - {entry}\n")
    with pytest.raises(CorpusError, match=match) as e:
        load_events(path)
    assert e.value.line == 2


def test_event_ids_are_unique_and_dates_read_like_articles(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(
        "events:\n  - {id: e1, date: 10 July 2025, label: A, topic: t}\n"
        "  - {id: e2, date: 'July 11, 2025 9:00 AM EDT', label: B, topic: t}\n"
        "  - {id: e1, date: 2025-07-12, label: C, topic: t}\n"
    )
    with pytest.raises(CorpusError, match="line 4: event id 'e1' is used twice") as e:
        load_events(path)
    assert e.value.field == "id"
    path.write_text(
        path.read_text().replace("id: e1, date: 2025-07-12", "id: e3, date: 2025-07-12")
    )
    events = load_events(path)
    assert events["date"].tolist() == [utc(2025, 7, 10), utc(2025, 7, 11, 13), utc(2025, 7, 12)]


# -- issue 13: a real export ----------------------------------------------------------------
@pytest.mark.realdata
def test_real_csv_export_with_day_month_year_dates_keeps_every_well_formed_row(
    tmp_path, shared_data
):
    """A CSV export of real articles (AllSides, built here at run time and never kept)
    with dates written as news exports write them keeps every well-formed row, and the
    dates are the originals."""
    src = shared_data("allsides", "articles.jsonl.gz", what="AllSides")
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in islice(fh, 2000)]
    forms = ["%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b. %d, %Y 10:00 AM EST"]
    rows, expected = [], {}
    for i, r in enumerate(records):
        when = pd.Timestamp(r["date"]) if r["date"] else None
        written = when.strftime(forms[i % len(forms)]) if when is not None else ""
        rows.append([r["ID"], r["source"], r["content_original"], written])
        if when is not None and r["content_original"] and r["content_original"].strip():
            expected[str(r["ID"])] = when.tz_localize("UTC") + pd.Timedelta(
                hours=15 if i % len(forms) == 3 else 0
            )
    path = _csv(tmp_path / "export.csv", rows)
    res = import_corpus(path, tmp_path / "corpus", mapping=MAP, mode="lenient")
    well_formed = sum(
        1 for r in records if r["ID"] and r["source"] and (r["content_original"] or "").strip()
    )
    assert res.kept == well_formed and res.read == len(records)
    assert not res.rejected["field"].eq("date").any()
    assert not res.warnings["field"].eq("date").any()
    df = load_corpus(tmp_path / "corpus").set_index("doc_id")
    got = df.loc[list(expected), "date"]
    assert (got == pd.Series(expected)).all()
