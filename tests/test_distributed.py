"""framing.distributed: every step on a LocalCluster (worker processes on 127.0.0.1)
gives the table of the in-process function; lost workers, bad partitions, duplicate ids
across partitions; scheduler options and cluster helpers (nothing submitted)."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pandas as pd
import pytest

from framing.corpus import import_corpus, load_corpus
from framing.distributed import (
    cluster_options,
    frame_predictions,
    frame_shares,
    get_client,
    keyness_counts,
    lexicon_scores,
    make_cluster,
    map_partitions,
    match_topics,
    parse_scheduler,
    partitioned_keyness,
    select_topics,
    sign_partitions,
    vader_scores,
)
from framing.errors import CorpusError, SchedulerError

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpora" / "demo"
TOPICS = ROOT / "corpora" / "topics.yaml"


def _equal(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b, check_exact=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The demo corpus partitioned by month: six partitions."""
    out = tmp_path_factory.mktemp("dist") / "demo"
    import_corpus(DEMO, out, partition_by="month")
    return out


@pytest.fixture(scope="module")
def articles(corpus) -> pd.DataFrame:
    return load_corpus(corpus)


@pytest.fixture(scope="module")
def client():
    """Two worker processes, one thread each, on 127.0.0.1."""
    with get_client("local:2", timeout=60) as c:
        yield c


# -- in this process ---------------------------------------------------------------------
def test_in_process_runner_keeps_order_and_counts(corpus, articles):
    out = map_partitions(_doc_ids, corpus, scheduler="none", index="position")
    _equal(out, articles[["doc_id"]])
    assert out.attrs["validation"] == {"read": 367, "kept": 367, "rejected": 0, "warnings": 0,
                                       "partitions": 6}  # fmt: skip
    assert out.attrs["rejected"] == []


def _doc_ids(articles):
    return articles[["doc_id"]]


def test_a_table_is_split_into_slices_and_labels_come_back(articles):
    from framing.topics import select_many

    sub = articles.iloc[::2]  # a sub-corpus whose index is not 0..n-1
    found = select_topics(sub, TOPICS, scheduler="none", partition_rows=40)
    expected = select_many(sub, TOPICS)
    assert list(found) == list(expected)
    for tid in expected:
        _equal(found[tid], expected[tid])
    assert found["us_russia_talks"].attrs["validation"]["partitions"] == 5


def test_unknown_options_are_named():
    with pytest.raises(TypeError, match=r"unknown option\(s\) \['mapp'\]"):
        map_partitions(_doc_ids, DEMO, scheduler="none", mapp={})
    with pytest.raises(ValueError, match="index must be one of"):
        map_partitions(_doc_ids, DEMO, scheduler="none", index="rows")


# -- the scheduler option ---------------------------------------------------------------
@pytest.mark.parametrize(
    "text, kind, address, n",
    [
        ("local:3", "local", None, 3),
        ("LOCAL:1", "local", None, 1),
        ("tcp://10.1.2.3:8786", "address", "tcp://10.1.2.3:8786", None),
        ("head-node.example:8786", "address", "tcp://head-node.example:8786", None),
        ("tls://10.1.2.3:8786", "address", "tls://10.1.2.3:8786", None),
        ("slurm:40", "slurm", None, 40),
        ("file:/scratch/me/scheduler.json", "file", "/scratch/me/scheduler.json", None),
    ],
)
def test_parse_scheduler_forms(text, kind, address, n):
    spec = parse_scheduler(text, env=False)
    assert (spec.kind, spec.address, spec.n_workers) == (kind, address, n)


def test_parse_scheduler_ssh_none_and_environment(monkeypatch):
    assert parse_scheduler("ssh:head,node1,node2").hosts == ("head", "node1", "node2")
    assert parse_scheduler("none") is None
    monkeypatch.setenv("FRAMING_SCHEDULER", "local:2")
    assert parse_scheduler(None).n_workers == 2
    assert parse_scheduler(None, env=False) is None
    assert parse_scheduler("none") is None  # an explicit value wins over the environment
    monkeypatch.setenv("FRAMING_SCHEDULER", "my-laptop")
    with pytest.raises(SchedulerError, match="FRAMING_SCHEDULER 'my-laptop' is not a scheduler"):
        parse_scheduler(None)


@pytest.mark.parametrize("text", ["tcp://host", "local:0", "ssh:onlyone", "slurm:0", "x:99999"])
def test_parse_scheduler_refuses_what_it_cannot_read(text):
    with pytest.raises(SchedulerError, match="give 'tcp://HOST:PORT'|at least one worker") as err:
        parse_scheduler(text, env=False)
    assert err.value.value == text


def test_an_unreachable_scheduler_is_a_kit_error(tmp_path):
    with pytest.raises(
        SchedulerError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"
    ):
        get_client("tcp://127.0.0.1:9", timeout=2)
    with pytest.raises(SchedulerError, match="scheduler file .* does not exist"):
        get_client(f"file:{tmp_path / 'nope.json'}")


# -- cluster helpers (nothing submitted, nothing beyond 127.0.0.1) -------------------------
def test_cluster_options_for_batch_systems_and_ssh():
    cls, kw = cluster_options("pbs", cores=8, memory="32GB", walltime="04:00:00",
                              account="proj42", local_directory="/tmp/$USER")  # fmt: skip
    assert cls == "dask_jobqueue.PBSCluster"
    assert kw == {"cores": 8, "processes": 8, "memory": "32GB", "walltime": "04:00:00",
                  "account": "proj42", "local_directory": "/tmp/$USER"}  # fmt: skip
    cls, kw = cluster_options("ssh", hosts=["head", "n1"], cores=4, memory="8GB",
                              python="/opt/venv/bin/python")  # fmt: skip
    assert cls == "distributed.SSHCluster"
    assert kw["worker_options"] == {"nthreads": 1, "n_workers": 4, "memory_limit": "8GB"}
    assert kw["remote_python"] == "/opt/venv/bin/python"
    with pytest.raises(SchedulerError, match="an SSH cluster needs hosts"):
        cluster_options("ssh", hosts=["head"])
    with pytest.raises(SchedulerError, match="unknown cluster kind 'yarn'"):
        cluster_options("yarn")


@pytest.mark.slow
def test_make_cluster_builds_a_slurm_job_without_submitting_it():
    pytest.importorskip("dask_jobqueue")
    cluster = make_cluster("slurm", workers=0, cores=4, memory="16GB", walltime="01:30:00",
                           queue="short", account="proj42", host="127.0.0.1",
                           setup=["module load python/3.11"])  # fmt: skip
    try:
        script = cluster.job_script()
        assert "#SBATCH -p short" in script and "#SBATCH -A proj42" in script
        assert "#SBATCH -t 01:30:00" in script and "module load python/3.11" in script
        assert "--nworkers 4" in script and "--nthreads 1" in script
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        assert len(cluster.workers) == 0  # no job was submitted
    finally:
        cluster.close()


# -- on a LocalCluster --------------------------------------------------------------------


@pytest.mark.slow
def test_topic_matches_and_selections_equal_in_process(client, corpus, articles):
    from framing.topics import match_topics as match_here
    from framing.topics import select_many

    _equal(match_topics(corpus, TOPICS, client=client), match_here(articles, TOPICS))
    found, expected = select_topics(corpus, TOPICS, client=client), select_many(articles, TOPICS)
    assert list(found) == list(expected)
    for tid in expected:
        _equal(found[tid], expected[tid])


@pytest.mark.slow
def test_lexicon_scores_equal_in_process(client, corpus, articles):
    from framing.lexicon import score

    out = lexicon_scores(corpus, "news_frames", client=client, progress=True)
    expected = score(articles, "news_frames", cache=False)
    _equal(out, expected)
    assert out.attrs["lexicon"] == "news_frames"
    assert out.attrs["validation"]["partitions"] == 6


@pytest.mark.slow
def test_vader_scores_equal_in_process(client, corpus, articles):
    from framing.sentiment import vader_scores as vader_here

    _equal(vader_scores(corpus, client=client), vader_here(articles, n_jobs=1, cache=False))
    _equal(
        vader_scores(corpus, level="sentence", client=client, cache=False),
        vader_here(articles, level="sentence", n_jobs=1, cache=False),
    )


@pytest.mark.slow
@pytest.mark.parametrize("ngrams, stopwords", [((1, 1), None), ((1, 2), "english")])
def test_keyness_counts_equal_in_process(client, corpus, articles, ngrams, stopwords):
    from framing.keyness import keyness

    target = sorted(articles["outlet"].unique())[0]
    counts = keyness_counts(corpus, target=target, ngram_range=ngrams, stopwords=stopwords,
                            client=client)  # fmt: skip
    here = keyness(articles, target=target, ngram_range=ngrams, stopwords=stopwords,
                   min_count=1, sort=False)  # fmt: skip
    mine = counts.set_index("term")[["n_target", "n_reference"]].sort_index()
    theirs = here.set_index("term")[["n_target", "n_reference"]].sort_index()
    _equal(mine, theirs)
    for key in ("target", "reference", "n_docs_target", "n_docs_reference",
                "n_tokens_target", "n_tokens_reference"):  # fmt: skip
        assert counts.attrs[key] == here.attrs[key], key
    # articles using a term: checked against the document-term matrix of one process
    from framing.keyness import ngram_counts

    if stopwords is None:
        is_t = articles["outlet"].eq(target).to_numpy()
        X, terms = ngram_counts(articles.loc[is_t, "text"].tolist(), ngram_range=ngrams)
        docs = pd.Series((X > 0).sum(axis=0).A1, index=terms).sort_index()
        got = counts.set_index("term")["docs_target"]
        assert got[got > 0].sort_index().to_dict() == docs[docs > 0].to_dict()


@pytest.mark.slow
@pytest.mark.parametrize(
    "measure, inference",
    [("lr", "articles"), ("chi2", "permutation"), ("log_odds", "tokens"), ("log_odds", "articles")],
)
def test_partitioned_keyness_equals_keyness_bit_for_bit(client, corpus, articles, measure,
                                                        inference):  # fmt: skip
    from framing.corpus import find_boilerplate, remove_boilerplate
    from framing.keyness import keyness

    target = sorted(articles["outlet"].unique())[1]
    lines = find_boilerplate(articles)
    options = dict(target=target, ngram_range=(1, 2), stopwords="english", measure=measure,
                   min_count=3, inference=inference, n_perm=200)  # fmt: skip
    got = partitioned_keyness(corpus, boilerplate=lines, client=client, **options)
    expected = keyness(remove_boilerplate(articles, lines), **options)
    _equal(got, expected)
    assert got.attrs == expected.attrs
    assert (got["p_bh"] < 1).any()  # the article-level test ran, it did not just fill in 1s


def test_partitioned_keyness_checks_its_options_before_reading(corpus):
    with pytest.raises(ValueError, match="inference must be 'articles'"):
        partitioned_keyness(corpus / "missing", target="A", inference="words", scheduler="none")
    with pytest.raises(ValueError, match="measure must be"):
        partitioned_keyness(corpus / "missing", target="A", measure="pmi", scheduler="none")


@pytest.mark.slow
def test_near_duplicates_signed_on_workers_equal_in_process(client, corpus, tmp_path,
                                                            monkeypatch):  # fmt: skip
    from framing.distributed._tasks import dedup_file as dedup_on_cluster
    from framing.stories import dedup_file

    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path / "cache"))
    here = dedup_file(corpus, out_dir=tmp_path / "here", cache=False)
    there = dedup_on_cluster(corpus, out_dir=tmp_path / "dask", cache=False, client=client,
                             progress=False)  # fmt: skip
    assert here["n_reprints"] > 0 and here["n_clusters"] > 1
    for key in ("duplicates", "reprints"):
        _equal(there[key], here[key])
    assert there["duplicates"].attrs == here["duplicates"].attrs
    for a, b in zip(here["paths"], there["paths"], strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name  # corpus hash and parameters too
    signed, chash = sign_partitions(corpus, client=client)
    assert len(signed) == 6 and chash == load_corpus(corpus).attrs["corpus_hash"]


@pytest.mark.slow
def test_keyness_counts_name_a_missing_group(client, corpus):
    with pytest.raises(CorpusError, match="target group 'Nobody' is not in the data") as err:
        keyness_counts(corpus, target="Nobody", client=client)
    assert err.value.value == "Nobody"


@pytest.mark.slow
def test_frame_predictions_equal_in_process(client, corpus, articles):
    from framing.classify import FrameClassifier

    train = articles.iloc[::3]
    model = FrameClassifier().fit(train, train["primary_frame"].to_numpy())
    _equal(frame_predictions(corpus, model, client=client), model.predictions(articles))
    _equal(frame_predictions(corpus, model, top=True, client=client),
           model.predictions(articles, top=True))  # fmt: skip


@pytest.mark.slow
def test_frame_shares_from_partition_counts_equal_by_outlet(client, corpus, articles):
    from framing.compare import by_outlet
    from framing.lexicon import score
    from framing.topics import select

    for topic in (None, "us_russia_talks"):
        sub = articles if topic is None else select(articles, topic, topics=TOPICS)
        scores = score(sub, "news_frames", cache=False)
        scores["outlet"] = sub["outlet"].to_numpy()
        measures = [c for c in scores.columns if c.endswith("_any")]
        expected = by_outlet(scores, measures, stat="share", method="wilson")
        got = frame_shares(corpus, "news_frames", topic=topic, topics=TOPICS, client=client)
        _equal(got, expected)
        assert got.attrs["estimator"]["n_rows"] == len(sub)


# -- failures -----------------------------------------------------------------------------
def _die_once(articles, marker: str, victim: str):
    """Kill this worker process the first time it meets ``victim`` (a doc_id)."""
    if victim in set(articles["doc_id"]) and not os.path.exists(marker):
        Path(marker).write_text(str(os.getpid()))
        os.kill(os.getpid(), signal.SIGKILL)
    return articles[["doc_id", "outlet"]]


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_and_doubles_no_row(client, corpus, articles, tmp_path):
    import cloudpickle

    cloudpickle.register_pickle_by_value(__import__(__name__))
    marker = tmp_path / "killed"
    pids_before = set(client.run(os.getpid).values())
    victim = articles["doc_id"].iloc[150]  # in the third or fourth month
    out = map_partitions(_die_once, corpus, args=(str(marker), victim), client=client,
                         index="position")  # fmt: skip
    assert marker.exists()  # a worker really died mid-run ...
    assert int(marker.read_text()) in pids_before
    _equal(out, articles[["doc_id", "outlet"]])  # ... and every row came back once
    assert out.attrs["validation"]["kept"] == 367
    client.wait_for_workers(2, timeout=60)
    assert int(marker.read_text()) not in set(client.run(os.getpid).values())


@pytest.mark.slow
def test_a_partition_that_fails_validation_names_its_file(client, corpus, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(corpus, broken)
    part = broken / "articles" / "month=2025-09" / "part-000000.parquet"
    table = pd.read_parquet(part)
    table.loc[5, "outlet"] = None
    table.to_parquet(part, index=False)
    with pytest.raises(
        CorpusError, match=r"month=2025-09/part-000000.parquet row 6: field 'outlet'"
    ) as err:
        lexicon_scores(broken, "news_frames", client=client)
    assert err.value.path == str(part) and err.value.line == 6
    # lenient: the record is set aside and counted, with its file
    out = lexicon_scores(broken, "news_frames", client=client, mode="lenient")
    assert out.attrs["validation"]["rejected"] == 1 and len(out) == 366
    (rej,) = out.attrs["rejected"]
    assert rej["file"].startswith("articles/month=2025-09/part-000000.parquet") and rej["line"] == 6


@pytest.mark.slow
def test_an_id_in_two_partitions_is_an_error_naming_both(client, corpus, tmp_path):
    twice = tmp_path / "twice"
    shutil.copytree(corpus, twice)
    july = twice / "articles" / "month=2025-07" / "part-000000.parquet"
    aug = twice / "articles" / "month=2025-08" / "part-000000.parquet"
    first_id = pd.read_parquet(july)["doc_id"].iloc[0]
    table = pd.read_parquet(aug)
    table.loc[0, "doc_id"] = first_id
    table.to_parquet(aug, index=False)
    with pytest.raises(CorpusError, match=f"doc_id '{first_id}' is in two partitions") as err:
        map_partitions(_doc_ids, twice, client=client)
    assert "month=2025-07" in err.value.partitions[0] and "month=2025-08" in err.value.partitions[1]


# -- the command line ---------------------------------------------------------------------
@pytest.mark.slow
def test_cli_scheduler_writes_the_files_of_the_in_process_commands(client, corpus, tmp_path,
                                                                    capsys):  # fmt: skip
    from framing.cli import main

    address = client.scheduler.address
    commands = {
        "scores.csv": ["lexicon", "score", str(corpus), "--lexicon", "news_frames", "--out"],
        "vader.parquet": ["sentiment", str(corpus), "--level", "sentence", "--out"],
        "russia.jsonl": [
            "topics",
            "select",
            str(corpus),
            "us_russia_talks",
            "--topics",
            str(TOPICS),
            "--out",
        ],  # fmt: skip
        "keyness.csv": [
            "keyness",
            str(corpus),
            "--target",
            "Nord Vestnik International",
            "--ngram",
            "1",
            "2",
            "--out",
        ],  # fmt: skip
        "stories": ["stories", "dedup", str(corpus), "--no-cache", "--out-dir"],
    }
    for name, cmd in commands.items():
        assert main([*cmd, str(tmp_path / f"here-{name}")]) == 0
        here = capsys.readouterr().out.replace("here-", "")
        assert main([*cmd, str(tmp_path / f"dask-{name}"), "--scheduler", address]) == 0
        captured = capsys.readouterr()
        assert captured.out.replace("dask-", "") == here  # the same summary or counts
        assert f"Dask dashboard: {client.dashboard_link}" in captured.err
        a, b = tmp_path / f"here-{name}", tmp_path / f"dask-{name}"
        if name.endswith(".parquet"):  # its metadata holds attrs (the partitions read)
            _equal(pd.read_parquet(b), pd.read_parquet(a))
        elif name == "stories":  # a folder of tables
            for table in ("duplicates.parquet", "reprints.parquet"):
                assert (a / table).read_bytes() == (b / table).read_bytes(), table
        else:
            assert a.read_bytes() == b.read_bytes(), name
    assert main(["sentiment", str(corpus), "--level", "actors", "--scheduler", address]) == 1
    assert "run --level summary or actors without --scheduler" in capsys.readouterr().err


def test_a_batch_cluster_without_cores_or_memory_says_where_to_set_them(monkeypatch):
    pytest.importorskip("dask_jobqueue")
    import dask

    with dask.config.set({"jobqueue.pbs.cores": None, "jobqueue.pbs.memory": None}):
        with pytest.raises(SchedulerError, match=r"jobqueue.yaml, section jobqueue.pbs") as err:
            make_cluster("pbs", host="127.0.0.1")
    assert err.value.value == "pbs" and err.value.missing == ["cores", "memory"]


# -- caching per partition ---------------------------------------------------------------
@pytest.mark.slow
def test_lexicon_scores_are_cached_per_partition_on_the_workers(client, corpus, articles):
    from framing.lexicon import Lexicon, score

    # a lexicon of its own, so its cache entries are this test's alone
    lex = Lexicon.from_dict({"talks": ["talks", "summit*"], "war": ["war", "strike*"]},
                            name="cache_probe")  # fmt: skip
    root = Path(os.environ["FRAMING_CACHE"])

    def entries() -> dict:
        return {p: p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}

    before = entries()
    first = lexicon_scores(corpus, lex, client=client)
    written = {p: t for p, t in entries().items() if p not in before}
    assert written  # the workers wrote the partitions' rows to the shared cache
    again = lexicon_scores(corpus, lex, client=client)
    assert {p: t for p, t in entries().items() if p not in before} == written  # read, not rewritten
    _equal(first, again)
    _equal(again, score(articles, lex, cache=False))


# -- the study's pass over the corpus -------------------------------------------------------
@pytest.mark.slow
def test_the_study_pass_on_the_cluster_equals_the_in_process_pass(client, corpus):
    from framing.study import corpus_catalogue, topic_flags, topic_selection

    address = client.scheduler.address
    here = corpus_catalogue(corpus, topics_file=str(TOPICS), cache=False, scheduler="none")
    there = corpus_catalogue(corpus, topics_file=str(TOPICS), cache=False, scheduler=address)
    _equal(there, here)
    assert there.attrs == here.attrs
    import yaml

    recorded = yaml.safe_load((corpus / "corpus.yaml").read_text())["corpus_hash"]
    assert there.attrs["corpus_hash"] == recorded  # from digests computed on the workers
    for topic in ("us_russia_talks", "us_asia_policy"):
        a = topic_selection(corpus, topic, topics_file=str(TOPICS), cache=False, scheduler="none")
        b = topic_selection(corpus, topic, topics_file=str(TOPICS), cache=False,
                            scheduler=address)  # fmt: skip
        _equal(b[1], a[1])
        assert b[1].attrs == a[1].attrs
    flags = topic_flags(corpus, topics_file=str(TOPICS), cache=False, scheduler=address)
    _equal(flags, topic_flags(corpus, topics_file=str(TOPICS), cache=False, scheduler="none"))


def _partitioned_study(tmp_path: Path, corpus: Path, scheduler: str) -> Path:
    text = (ROOT / "studies" / "demo.yaml").read_text(encoding="utf-8")
    text = text.replace("corpus: corpora/demo ", f"corpus: {corpus} ")
    return _write(tmp_path / "study.yaml", text + f"scheduler: {scheduler}\n")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.slow
def test_study_check_on_a_partitioned_corpus_runs_its_pass_on_the_named_cluster(
    client, corpus, tmp_path, monkeypatch, capsys
):
    from distributed import get_task_stream

    from framing.cli import main
    from framing.study import check_study, load_study

    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / "cache"))  # a pass, not a cache hit
    monkeypatch.chdir(ROOT)
    study = _partitioned_study(tmp_path, corpus, client.scheduler.address)
    assert load_study(study).scheduler == client.scheduler.address
    with get_task_stream(client=client) as tasks:
        assert main(["study", "check", str(study)]) == 0
    assert "OK: the batch can run." in capsys.readouterr().out
    assert any("framing-study_scan" in str(t["key"]) for t in tasks.data)
    expected = check_study(load_study(ROOT / "studies" / "demo.yaml"), root=ROOT)
    got = check_study(load_study(study), root=ROOT)  # from the cache the check just wrote
    _equal(got.topics, expected.topics)


def test_a_study_scheduler_that_is_not_one_names_its_line(tmp_path):
    from framing.errors import StudyError
    from framing.study import load_study

    path = _write(tmp_path / "s.yaml", "name: s\ntopics: [t]\nscheduler: local:0\n")
    with pytest.raises(StudyError, match=r"line 3: --scheduler 'local:0'") as err:
        load_study(path)
    assert err.value.field == "scheduler" and err.value.line == 3


@pytest.mark.slow
@pytest.mark.notebook
def test_report_study_hands_the_scheduler_to_the_notebooks(client, corpus, tmp_path, monkeypatch):
    """`framing report --study` on a partitioned corpus: the notebook's pass runs on the
    cluster the study names (the kernel gets it as $FRAMING_SCHEDULER)."""
    import nbformat
    from distributed import get_task_stream

    from framing.reports import build_reports

    monkeypatch.delenv("FRAMING_SCHEDULER", raising=False)
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / "cache"))
    root = tmp_path / "proj"
    (root / "notebooks").mkdir(parents=True)
    (root / "corpora").mkdir()
    shutil.copy(TOPICS, root / "corpora" / "topics.yaml")
    cells = [
        nbformat.v4.new_code_cell(
            'topic: str = "t"  # topic id\n'
            'corpus: str = ""  # corpus\n'
            'output_dir: str = "."  # set by the runner\n',
            metadata={"tags": ["parameters"]},
        ),
        nbformat.v4.new_code_cell(
            "import os\nfrom framing.study import topic_selection\n"
            "catalogue, rows = topic_selection(corpus, topic)\n"
            'print("scheduler", os.environ.get("FRAMING_SCHEDULER"), "articles", len(catalogue),'
            ' "selected", len(rows))'
        ),
    ]
    nb = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {
        "name": "framing-kit", "display_name": "framing", "language": "python"}})  # fmt: skip
    nbformat.write(nb, str(root / "notebooks" / "count.ipynb"))
    address = client.scheduler.address
    _write(root / "s.yaml", f"name: s1\ntopics: [us_russia_talks]\ncorpus: {corpus}\n"
           f"scheduler: {address}\n")  # fmt: skip
    _write(root / "plan.yaml", "reports:\n  - id: '{topic}-count'\n"
           "    notebook: notebooks/count.ipynb\n    matrix: {topic: study}\n")  # fmt: skip
    with get_task_stream(client=client) as tasks:
        result = build_reports(root / "plan.yaml", out=root / "reports", root=root,
                               progress=False, study=root / "s.yaml")  # fmt: skip
    assert [o.status for o in result.outcomes] == ["ran"], result.summary()
    executed = nbformat.read(str(root / "reports" / "us_russia_talks-count" / "report.ipynb"), 4)
    printed = "".join(o.get("text", "") for c in executed.cells for o in c.get("outputs", []))
    assert f"scheduler {address} articles 367" in printed
    assert any("framing-study_scan" in str(t["key"]) for t in tasks.data)
    assert "FRAMING_SCHEDULER" not in os.environ  # set for the batch only
