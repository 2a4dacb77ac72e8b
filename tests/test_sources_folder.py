"""Tests of framing.sources.folder (text folders with YAML front matter)."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.corpus import load_corpus
from framing.errors import CorpusError
from framing.sources import collect, read_text_folder

FIX = Path(__file__).parent / "fixtures"
TEXTS = FIX / "sources_texts"


def test_front_matter_subfolder_outlet_and_stable_ids():
    res = read_text_folder(TEXTS, mode="lenient")
    assert (res.read, res.kept, res.n_rejected) == (4, 3, 1)
    art = res.articles.set_index("doc_id")
    assert list(art.index) == [
        "Harbor Courier/2025-07-10-talks.txt",
        "Harbor Courier/2025-08-02-tariffs.md",
        "wire/summit.txt",
    ]
    assert art.loc["Harbor Courier/2025-07-10-talks.txt", "outlet"] == "Harbor Courier"
    assert art.loc["wire/summit.txt", "outlet"] == "Meridian Wire Service"  # front matter wins
    assert str(art.loc["wire/summit.txt", "date"]) == "2025-09-15 06:00:00+00:00"
    assert art.loc["wire/summit.txt", "topic"] == "us_russia_talks"
    assert art.loc["Harbor Courier/2025-07-10-talks.txt", "text"].startswith("Negotiators met")
    assert "\n\n" in art.loc["Harbor Courier/2025-07-10-talks.txt", "text"]
    assert art.loc["Harbor Courier/2025-07-10-talks.txt", "title"] == "Envoys resume talks"


def test_bad_front_matter_names_file_and_line():
    res = read_text_folder(TEXTS, mode="lenient")
    row = res.rejected.iloc[0]
    assert row["item"] == "wire/broken.txt" and row["line"] == 3  # the third file read
    assert row["reason"].startswith("wire/broken.txt line 4: front matter is not valid YAML")
    with pytest.raises(CorpusError, match=r"wire/broken.txt line 4: front matter") as info:
        read_text_folder(TEXTS)
    assert info.value.path == "wire/broken.txt" and info.value.line == 4
    assert info.value.item_number == 3


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("---\ntitle: never closed\nText.\n", "line 1: the front matter opened by '---'"),
        ("---\n- a\n- list\n---\nText.\n", "line 2: front matter must be 'key: value' lines"),
        ("---\ntitle: ok\n  bad: indent\n---\nText.\n", "line 3: front matter is not valid YAML"),
    ],
)
def test_front_matter_problems(tmp_path, content, reason):
    (tmp_path / "X").mkdir()
    (tmp_path / "X" / "a.txt").write_text(content, encoding="utf-8")
    (tmp_path / "X" / "b.txt").write_text("Fine text.\n", encoding="utf-8")
    res = read_text_folder(tmp_path, mode="lenient")
    assert res.kept == 1 and res.rejected["reason"][0].startswith(f"X/a.txt {reason}")


def test_outlet_from_and_missing_outlet(tmp_path):
    (tmp_path / "A" / "2025").mkdir(parents=True)
    (tmp_path / "A" / "2025" / "a.txt").write_text("Text one.\n", encoding="utf-8")
    (tmp_path / "top.txt").write_text("Text two.\n", encoding="utf-8")
    res = read_text_folder(tmp_path, mode="lenient")
    assert res.articles["outlet"].tolist() == ["A"]
    assert res.rejected["item"].tolist() == ["top.txt"]
    assert res.rejected["field"].tolist() == ["outlet"]
    res = read_text_folder(tmp_path, outlet_from="parent", mode="lenient")
    assert res.articles["outlet"].tolist() == ["2025"]
    with pytest.raises(CorpusError, match="outlet_from must be one of") as info:
        read_text_folder(tmp_path, outlet_from="domain")
    assert info.value.value == "domain"


def test_plain_files_without_outlet_take_the_outlet_option(tmp_path, capsys):
    from framing.cli import main

    src = tmp_path / "plain"
    src.mkdir()
    (src / "a.txt").write_text("Talks resumed on Monday.\n", encoding="utf-8")
    (src / "b.txt").write_text("---\noutlet: Wire B\n---\nTariffs rose.\n", encoding="utf-8")
    res = read_text_folder(src, mode="lenient")
    assert res.rejected["reason"].str.contains("--outlet NAME").all()
    assert "--outlet-col" not in res.rejected["reason"].iloc[0]
    res = read_text_folder(src, outlet="Wire A")
    assert res.articles.set_index("doc_id")["outlet"].to_dict() == {
        "a.txt": "Wire A",
        "b.txt": "Wire B",
    }
    assert main(["collect", "folder", str(src), "--out", str(tmp_path / "c1")]) == 1
    assert "--outlet NAME" in capsys.readouterr().err
    assert (
        main(["collect", "folder", str(src), "--out", str(tmp_path / "c2"), "--outlet", "Wire A"])
        == 0
    )
    assert sorted(load_corpus(tmp_path / "c2")["outlet"]) == ["Wire A", "Wire B"]


def test_undecodable_file_is_rejected(tmp_path):
    (tmp_path / "A").mkdir()
    (tmp_path / "A" / "a.txt").write_bytes("Caf\u00e9 talks.\n".encode("cp1252"))
    (tmp_path / "A" / "b.txt").write_text("\ufeffFine text.\n", encoding="utf-8")
    res = read_text_folder(tmp_path, mode="lenient")
    assert res.kept == 1 and res.articles["text"][0] == "Fine text."
    assert "byte offset 3" in res.rejected["reason"][0]
    assert read_text_folder(tmp_path, encoding="cp1252").articles["text"][0] == "Caf\u00e9 talks."


def test_empty_or_missing_folder(tmp_path):
    with pytest.raises(CorpusError, match="no .txt or .md files"):
        read_text_folder(tmp_path)
    with pytest.raises(CorpusError, match="not a folder") as info:
        read_text_folder(tmp_path / "nope")
    assert info.value.path.endswith("nope")


def test_collect_folder_writes_a_loadable_corpus(tmp_path):
    out = tmp_path / "corpus"
    res = collect("folder", TEXTS, out=out, mode="lenient")
    df = load_corpus(out)
    assert len(df) == res.kept == 3
    import yaml

    meta = yaml.safe_load((out / "corpus.yaml").read_text(encoding="utf-8"))
    assert meta["counts"] == {"read": 4, "kept": 3, "rejected": 1}
    assert meta["provenance"]["source"] == "folder"
    assert meta["provenance"]["input"] == str(TEXTS)
    lines = (out / "rejected.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and "wire/broken.txt" in lines[0]


@pytest.mark.realdata
def test_real_articles_round_trip_through_front_matter(tmp_path, shared_data):
    """Real titles (colons, quotes, dashes) and texts survive YAML front matter."""
    import gzip
    import json

    import yaml

    src = shared_data("allsides", "articles.jsonl.gz")
    rows = []
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("content_original", "").strip() and rec.get("source", "").strip():
                rows.append(rec)
            if len(rows) == 300:
                break
    for rec in rows:  # written to tmp_path only, never to the repository
        folder = tmp_path / rec["source"].replace("/", "-")
        folder.mkdir(exist_ok=True)
        meta = {
            "title": rec["title"],
            "date": rec["date"],
            "url": rec["url"],
            "topic": rec["topic"],
        }
        head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        (folder / f"{rec['ID']}.txt").write_text(
            f"---\n{head}---\n{rec['content_original']}", encoding="utf-8"
        )
    res = read_text_folder(tmp_path, mode="lenient")
    assert res.read == 300 and res.read == res.kept + res.n_rejected
    assert set(res.rejected["field"].dropna()) <= {"date"}  # dates the corpus model rejects
    by_id = {
        Path(d).stem: t for d, t in zip(res.articles["doc_id"], res.articles["title"], strict=True)
    }
    titles = {rec["ID"]: " ".join(rec["title"].split()) for rec in rows}
    assert all(by_id[k] == titles[k] for k in by_id)
    seed = src.parents[1] / "seed" / "shafaq_rubio_lavrov_asean.txt"
    if seed.exists():
        root = tmp_path / "seed"
        (root / "Shafaq News").mkdir(parents=True)
        (root / "Shafaq News" / "seed.txt").write_bytes(seed.read_bytes())
        one = read_text_folder(root)  # no front matter: outlet from the folder
        assert one.articles["outlet"].tolist() == ["Shafaq News"]
        assert one.articles["doc_id"].tolist() == ["Shafaq News/seed.txt"]


def test_strict_record_error_names_the_file(tmp_path):
    (tmp_path / "A").mkdir()
    (tmp_path / "A" / "a.txt").write_text("Fine.\n", encoding="utf-8")
    (tmp_path / "A" / "b.txt").write_text("---\ndate: not a date\n---\nText.\n", encoding="utf-8")
    with pytest.raises(
        CorpusError, match=r"item 2 \(A/b.txt\): field 'date' has value 'not a date'"
    ) as info:
        read_text_folder(tmp_path)
    assert info.value.path == "A/b.txt" and info.value.line == 2 and info.value.field == "date"
