"""Re-run of the adversarial reliability review (../shared/reviews/reliability.md), by hand.

The review fed 238 hostile or broken inputs to the kit (commit 177e9c5) and counted, per
area, clear errors, correct handling, raw tracebacks or segfaults, silent loss or
corruption, hangs and security gaps. This script rebuilds the inputs the review
describes (its files were in a scratch folder that is gone; each case here follows the
review's description) and runs each through the ``framing`` command in a fresh process
with a time limit, then classifies the outcome the same way:

- **clear**: exit 1 (or 2 for usage) with one ``framing: error: ...`` line on stderr;
- **handled**: exit 0 and, where the review found silent damage, a check of the output
  that the damage is gone (ids exact, outlets not renamed, no leftovers ...);
- **traceback**: a ``Traceback`` on stderr, a signal (segfault), or another exit code;
- **silent**: exit 0 but the output check fails;
- **hang**: still running at the time limit;
- **security**: a private address was fetched or a file outside a corpus was read.

Every server runs on 127.0.0.1. Usage::

    .venv/bin/python bench/review_rerun.py            # prints a Markdown table
    .venv/bin/python bench/review_rerun.py --details  # and one line per case

The counterpart in the test suite: every defect of the review has a test (see
tests/README.md), so this script is a second, end-to-end look, not the proof.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from _common import ROOT, machine  # bench/_common.py

sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
from sources_server import HTML, Server, article  # noqa: E402 - the tests' local server

FRAMING = [sys.executable, "-m", "framing"]
LIMIT_S = 60
CASES: list[dict] = []


def case(area: str, name: str, argv, *, check=None, limit: float = LIMIT_S, signal_at=None):
    CASES.append(
        dict(area=area, name=name, argv=argv, check=check, limit=limit, signal_at=signal_at)
    )


def py(code: str, *args) -> list:
    """argv of a Python snippet run like a command: a kit error is one line and exit 1."""
    wrapped = (
        "import sys\nfrom framing.errors import FramingError\ntry:\n"
        + "".join(f"    {line}\n" for line in code.splitlines())
        + "except FramingError as exc:\n    print(f'framing: error: {exc}', file=sys.stderr)\n"
        "    sys.exit(1)\n"
    )
    return ["-c", wrapped, *args]


def run(c: dict, env: dict) -> tuple[str, str]:
    t0 = time.monotonic()
    argv = [str(a) for a in c["argv"]]
    proc = subprocess.Popen(
        [sys.executable, *argv] if argv[0] == "-c" else [*FRAMING, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=str(ROOT),
    )
    try:
        if c["signal_at"] is not None:
            time.sleep(c["signal_at"])
            proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=c["limit"])
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return "hang", f"still running after {c['limit']} s"
    rc, seconds = proc.returncode, time.monotonic() - t0
    last = (err.strip().splitlines() or [""])[-1][:160]
    if rc < 0 or "Traceback" in err:
        return "traceback", f"rc {rc}: {last}\n{err[:3000]}"
    if rc in (1, 2, 130):
        lines = [ln for ln in err.strip().splitlines() if ln.startswith("framing: ")]
        if rc == 1 and not lines and "FAILED" in out:  # a report batch with a failed report
            if not c["check"]:
                return "clear", out.strip().splitlines()[-1][:160]
            return _check(c, out, err, "clear")
        if rc == 2 or lines:
            return ("clear", last) if not c["check"] else _check(c, out, err, "clear")
        return "traceback", f"rc {rc} without a message: {last}"
    if rc != 0:
        return "traceback", f"rc {rc}: {last}"
    return _check(c, out, err) if c["check"] else ("handled", f"{seconds:.1f} s")


def _check(c, out, err, ok: str = "handled") -> tuple[str, str]:
    verdict = c["check"](out, err)
    if verdict is True:
        return ok, "output checked"
    if isinstance(verdict, tuple):
        return verdict
    return "silent", str(verdict)


# --------------------------------------------------------------------------- inputs
def build(work: Path, srv: Server, inner: Server) -> None:  # noqa: C901 - a list of cases
    def w(name: str, data) -> Path:
        path = work / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return path

    def rec(i, **extra) -> str:
        return json.dumps({"id": f"d{i}", "src": "Wire", "body": f"Story {i}.", **extra})

    cols = ["--text-col", "body", "--outlet-col", "src", "--id-col", "id"]
    n = [0]

    def imp(area, name, path, *more, check=None):
        n[0] += 1
        out = work / "out" / f"{n[0]:03d}"
        case(area, name, ["corpus", "import", path, "--out", out, *cols, *more], check=check)
        return out

    good = "\n".join(rec(i) for i in range(50)) + "\n"
    a = "1 corpus import"
    imp(a, "truncated .jsonl.gz", w("c/trunc.jsonl.gz", gzip.compress(good.encode())[:-40]))
    imp(a, "truncated .csv.gz", w("c/trunc.csv.gz", gzip.compress(b"id,src,body\n" + b"1,A,x\n" * 500)[:-30]))  # fmt: skip
    imp(a, "random bytes .jsonl", w("c/rand.jsonl", os.urandom(100_000)), "--lenient")
    imp(a, "random bytes .csv", w("c/rand.csv", os.urandom(100_000)), "--lenient")
    imp(a, "random bytes .parquet", w("c/rand.parquet", os.urandom(10_000)), "--lenient")
    imp(a, "random bytes .jsonl.gz", w("c/rand.jsonl.gz", os.urandom(10_000)), "--lenient")
    imp(a, "CSV with NUL in text", w("c/nul.csv", "id,src,body\n1,A,hello\x00world\n"))
    imp(a, "CSV unbalanced quote row 1", w("c/q1.csv", 'id,src,body\n1,A,"open\n2,A,x\n'), "--lenient")  # fmt: skip
    imp(a, "CSV unbalanced quote row 3", w("c/q3.csv", 'id,src,body\n1,A,x\n2,A,y\n3,A,"open\n'), "--lenient")  # fmt: skip
    imp(a, "CSV 100k columns", w("c/wide.csv", ",".join(["id", "src", "body"] + [f"c{i}" for i in range(100_000)]) + "\n" + ",".join(["1", "A", "x"] + ["v"] * 100_000) + "\n"))  # fmt: skip
    imp(a, "JSONL list/str/int/null lines", w("c/kinds.jsonl", "\n".join([rec(1), "[1,2,3]", '"s"', "42", "null"]) + "\n"), "--lenient")  # fmt: skip
    imp(a, "JSONL garbage after object", w("c/extra.jsonl", rec(1) + " garbage\n" + rec(2) + "\n"), "--lenient")  # fmt: skip
    imp(a, "JSONL nested 5,000 deep", w("c/deep5k.jsonl", rec(1) + "\n" + "[" * 5000 + "]" * 5000 + "\n"), "--lenient")  # fmt: skip
    imp(a, "JSONL nested 30,000 deep (segfault)", w("c/deep30k.jsonl", rec(1) + "\n" + "[" * 30000 + "\n"), "--lenient")  # fmt: skip
    imp(a, "JSONL duplicate keys", w("c/dupkey.jsonl", '{"id": "d1", "src": "A", "body": "first", "body": "second"}\n'), "--lenient", check=lambda o, e: "appears twice" in o or "key 'body' appears twice")  # fmt: skip
    imp(a, "JSONL NaN text", w("c/nan.jsonl", rec(1) + '\n{"id": "d2", "src": "A", "body": NaN}\n'), "--lenient", check=lambda o, e: "absent, null or NaN" in o or o)  # fmt: skip
    imp(a, "JSONL object as outlet", w("c/obj.jsonl", rec(1) + '\n{"id": "d2", "src": {"name": "A"}, "body": "t"}\n'), "--lenient", check=lambda o, e: "is a JSON object, not text" in o or o)  # fmt: skip
    imp(a, "metadata int then str (strict)", w("c/mixed.jsonl", rec(1, page=3) + "\n" + rec(2, page="A3") + "\n"))  # fmt: skip
    imp(a, "metadata list then scalar (lenient)", w("c/mixed2.jsonl", rec(1, tags=["a"]) + "\n" + rec(2, tags="b") + "\n"), "--lenient")  # fmt: skip
    big = "\n".join(['{"id": 9007199254740993, "src": "A", "body": "x"}', '{"id": 9007199254740992, "src": "A", "body": "y"}', '{"id": null, "src": "A", "body": "z"}']) + "\n"  # fmt: skip
    big_out = imp(a, "ids > 2^53 with a null", w("c/bigid.jsonl", big), "--lenient", check=lambda o, e: _ids(big_out) == ["9007199254740993", "9007199254740992"] or _ids(big_out))  # fmt: skip
    imp(a, "UTF-8 file with one cp1252 line (lenient)", w("c/cp.jsonl", (rec(1) + "\n").encode() + '{"id": "d2", "src": "A", "body": "caf\u00e9"}\n'.encode("cp1252")), "--lenient", check=lambda o, e: "kept 1, rejected 1" in o or o)  # fmt: skip
    imp(a, "UTF-16 with BOM", w("c/u16.jsonl", (rec(1) + "\n").encode("utf-16")))
    imp(a, "UTF-32 with BOM", w("c/u32.jsonl", (rec(1) + "\n").encode("utf-32")))
    imp(a, "UTF-16 with one byte dropped", w("c/u16odd.jsonl", (rec(1) + "\n" + rec(2) + "\n").encode("utf-16")[:-1]))  # fmt: skip
    dates = ["2025-04-03", "2025/04/03", "20250403", "Thu, 03 Apr 2025 10:00:00 +0000", "4/3/2025", "03.04.2025", "3 April 2025", "April 3, 2025", "03-04-2025", "2025-W14-4", "2025-093", "Apr 3 2025", "2025-02-30", "13/13/2025", "2025-04-03T10:00+25:00", "2025-04-03T24:00", "1743674400", "1743674400000", "0001-11-30", "9999-12-31", "12/31/68", "21 February 2020", "February 21, 2020", "Feb. 21, 2020 10:00 AM EST", "21.02.2020", "2020/02/21"]  # fmt: skip
    imp(a, "26 date strings (lenient)", w("c/dates.jsonl", "\n".join(rec(i, when=d) for i, d in enumerate(dates)) + "\n"), "--date-col", "when", "--lenient", check=lambda o, e: "kept 26, rejected 0" in o or o)  # fmt: skip
    imp(a, "hostile doc ids", w("c/ids.jsonl", "\n".join(json.dumps({"id": i, "src": "A", "body": "t"}) for i in ["../../etc/passwd", "a/b/c", "..", "x\u0000y", "\u202eevil", "tab\tid"]) + "\n"))  # fmt: skip
    imp(a, "JSON array file", w("c/array.json", json.dumps([json.loads(rec(1)), json.loads(rec(2))], indent=2)), "--lenient")  # fmt: skip
    w("c/plainfile", "x")
    case(a, "--out is a file", ["corpus", "import", w("c/ok.jsonl", good), "--out", work / "c/plainfile", *cols])  # fmt: skip
    case(a, "--out under a file", ["corpus", "import", work / "c/ok.jsonl", "--out", work / "c/plainfile/sub", *cols])  # fmt: skip
    case(a, "--chunksize 0 (CSV)", ["corpus", "import", w("c/ok.csv", "id,src,body\n1,A,x\n"), "--out", work / "out/cs0", *cols, "--chunksize", "0"])  # fmt: skip
    for k, (cfg, label) in enumerate([("articles: [a, b]\n", "articles list"), ("mapping: [text]\n", "mapping list"), ("encoding: 42\n", "encoding number"), ("mappping: {text: body}\n", "mappping typo")]):  # fmt: skip
        w(f"cy{k}/articles.jsonl", good)
        w(f"cy{k}/corpus.yaml", cfg)
        case(a, f"corpus.yaml {label}", ["corpus", "info", work / f"cy{k}"])
    w(
        "inner/corpus.yaml",
        "articles: ../c/ok.jsonl\nmapping: {text: body, outlet: src, doc_id: id}\n",
    )
    case(a, "corpus.yaml articles outside the folder", ["corpus", "info", work / "inner"], check=lambda o, e: ("security", "read a file outside the folder") if "Wire" in o else True)  # fmt: skip
    w("src1/articles.jsonl", good)
    w("src1/outlets.yaml", "outlets:\n  - {name: Bravo Daily, aliases: [Wire]}\n")
    w("src1/corpus.yaml", "mapping: {text: body, outlet: src, doc_id: id}\n")
    w("src2.jsonl", good)
    stale = work / "out" / "stale"
    case(a, "import with outlets.yaml", ["corpus", "import", work / "src1", "--out", stale])
    case(a, "--overwrite from a clean source (stale outlets)", ["corpus", "import", work / "src2.jsonl", "--out", stale, *cols, "--overwrite"], check=lambda o, e: not (stale / "outlets.yaml").exists() or "stale outlets.yaml kept")  # fmt: skip
    fail_out = work / "out" / "failed-strict"
    case(a, "failed strict import leaves nothing", ["corpus", "import", w("c/bad51.jsonl", good + '{"id": "x"}\n'), "--out", fail_out, *cols], check=lambda o, e: (not fail_out.exists()) or "empty folder left")  # fmt: skip

    a = "2 YAML inputs"
    demo = ROOT / "corpora" / "demo"
    for k, (text, label) in enumerate([
        ("topics:\n  t:\n    query:\n      all_of: [[!!python/object/apply:os.system ['touch /tmp/pwned']]]\n", "python tag as term"),
        ("topics: [x]\n", "topics: [x]"),
        ("topics: !!python/object/apply:os.system [x]\n", "topics: python tag"),
        ("topics:\n  ? [a, b]\n  : {query: {all_of: [[x]]}}\n", "complex key"),
        ("topics:\n  t:\n    query:\n      all_off: [[x]]\n", "all_off typo"),
        ("topics:\n  t: {query: {all_of: [[x]]}}\n  t: {query: {all_of: [[y]]}}\n", "duplicate topic id"),
        ("topics: " + "[" * 5000 + "]" * 5000 + "\n", "nested 5,000 deep"),
        ("topics:\n  t: &a {query: {all_of: [[x]], none_of: *a}}\n", "recursive alias"),
    ]):  # fmt: skip
        case(a, f"topics: {label}", ["topics", "select", demo, "t", "--topics", w(f"y/topics{k}.yaml", text)])  # fmt: skip
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True))  # fmt: skip
    for k, (text, label) in enumerate([
        (bomb, "alias bomb (387 bytes)"),
        ("a: &a [x, *a]\n", "recursive alias"),
        ("a: " + "[" * 5000 + "]" * 5000 + "\n", "nested 5,000 deep"),
        ("name: t\ncategries:\n  a:\n    terms: [x]\n", "categries: typo"),
        ("name: t\ncategories:\n  a:\n    term: [x]\n", "term: typo"),
    ]):  # fmt: skip
        case(a, f"lexicon: {label}", ["lexicon", "info", w(f"y/lex{k}.yaml", text)], limit=30)
    for k, (text, label) in enumerate([
        ("events:\n  - {id: e1, date: 'July 10', label: A, topic: t}\n", "date July 10"),
        ("events:\n  - {id: e1, date: '10/07/2025', label: A, topic: t}\n", "date 10/07/2025"),
        ("events:\n  - {id: e1, date: 2025-07-10, label: A, topic: t}\n  - {id: e1, date: 2025-07-11, label: B, topic: t}\n", "duplicate ids"),
        ("events:\n  - {id: [a, b], date: 2025-07-10, label: A, topic: t}\n", "id a list"),
    ]):  # fmt: skip
        w(f"ev{k}/articles.jsonl", good)
        w(f"ev{k}/events.yaml", text)
        code = f"from framing.compare import load_events\nload_events({str(work / f'ev{k}/events.yaml')!r})"  # fmt: skip
        case(a, f"events: {label}", py(code))
    for k, (text, label, check) in enumerate([
        ("outlets:\n  - {name: Daily Planet, aliases: DP}\n", "aliases: DP", "Daily Planet"),
        ("outlets:\n  - {name: Daily Planet, alias: [Wire]}\n", "alias: typo", None),
        ("outlets:\n  - {name: A}\n  - {name: A}\n", "duplicate name", None),
    ]):  # fmt: skip
        w(f"ol{k}/articles.jsonl", "\n".join(json.dumps({"doc_id": f"d{i}", "outlet": o, "text": "t"}) for i, o in enumerate(["DP", "P", "D"])) + "\n")  # fmt: skip
        w(f"ol{k}/outlets.yaml", text)
        if check:  # DP is the alias; the outlets P and D must stay as they are
            code = f"from framing.corpus import load_corpus\nprint(load_corpus({str(work / f'ol{k}')!r})['outlet'].tolist())"  # fmt: skip
            case(a, f"outlets: {label}", py(code), check=lambda o, e: "['Daily Planet', 'P', 'D']" in o or o.strip())  # fmt: skip
        else:
            case(a, f"outlets: {label}", ["corpus", "info", work / f"ol{k}"])
    w("fm/Courier/a.txt", "---\npage: 3\n---\nOne.\n")
    w("fm/Courier/b.txt", "---\npage: A3\n---\nTwo.\n")
    case(a, "front matter page: 3 vs A3", ["collect", "folder", work / "fm", "--out", work / "out/fm", "--lenient"])  # fmt: skip
    w("ann/codebook.yaml", "name: b\nframes:\n  01: {definition: one}\n  yes: y\n")
    for k, (text, label) in enumerate([(b'doc_id,coder,frame\nd1,a,01\nd2,a,"open\n', "unbalanced quote"), (b"doc_id,coder,frame\n\xff\xfe\x00\x01\n", "binary"), (b"doc_id,coder,frame\nd1,a,01,extra\n", "extra field")]):  # fmt: skip
        code = f"from framing.annotate import load_annotations\nload_annotations({str(w(f'ann/c{k}.csv', text))!r}, codebook={str(work / 'ann/codebook.yaml')!r})"  # fmt: skip
        case(a, f"annotations: {label}", py(code))
    nb = "tests/fixtures/reports_ok.ipynb"
    for k, (text, label) in enumerate([
        ("reports:\n  - id: a\n    notebok: x\n", "notebok typo"),
        (f"reports:\n  - id: {'r' * 300}\n    notebook: {nb}\n", "300-character id"),
        ("defaults: &d {rows: *d}\nreports: []\n", "recursive alias"),
        ("reports: " + "[" * 5000 + "]" * 5000 + "\n", "nested 5,000 deep"),
        ("defaults:\n" + "".join("  " + ln + "\n" for ln in bomb.splitlines()) + "reports: []\n", "alias bomb"),
        (f"reports:\n  - {{id: Good, notebook: {nb}}}\n  - {{id: good, notebook: {nb}}}\n", "ids Good and good"),
        (f"reports:\n  - id: a\n    notebook: {nb}\n    parameters: {{rows: 1, rows: 2}}\n", "duplicate parameter key"),
    ]):  # fmt: skip
        case(a, f"plan: {label}", ["report", "--plan", w(f"plan/p{k}.yaml", text), "--dry-run", "--out", work / "rep"], limit=30)  # fmt: skip

    a = "3 LIWC .dic"
    for k, (text, label) in enumerate([
        ("1\ta\n%\npeace\t1\n", "no % header"), ("%\nx\ta\n%\npeace\t1\n", "non-numeric id"),
        ("%\n1\ta\n%\n**\t1\n", "**"), ("%\n1\ta\n%\n(\t1\n", "("), ("%\n1\ta\n%\nc++\t1\n", "c++"),
        ("%\n1\ta\n2\tb\n%\npeace\t1\n", "empty category"), ("%\n1\ta\n%\npeace\t3\n", "undeclared id"),
        ("%\n1\ta\n%\nlike\t134/125[1]\n", "LIWC2007 codes"), ("%\n01\ta\n1\tb\n%\nx\t1\n", "01 and 1"),
        ("%\n1\ta\n%\nx\t1\n%\n", "third %"), ("", "empty file"), ("%\n1\ta\npeace\t1\n", "unclosed header"),
        ("%\n1\ta\n%\na.*b\t1\n", "a.*b"), ("%\n1\tpos\n2\tpos\n%\ngood\t1\nbad\t2\n", "one name under two ids"),
        ("%\n01\tcare\n02   harm\n%\npreserve\t\t01 02\nhurt 02\n", "MFD 1.0 layout (tabs and spaces)"),
        ("%\n1\ta\n%\npeace talks\t1\n2025\t1\n" + "a" * 26 + "*\t1\n", "multiword, number, 26 stars"),
    ]):  # fmt: skip
        case(a, label, ["lexicon", "info", w(f"dic/d{k}.dic", text)])
    terms = "\n".join(f"w{i:06d}" + ("*" if i % 10 == 0 else "") + "\t1" for i in range(1_000_000))
    case(a, "1M entries (10% globs): score the demo corpus", ["lexicon", "score", demo, "--lexicon", w("dic/big.dic", "%\n1\ta\n%\n" + terms + "\n"), "--out", work / "out/big.csv"], limit=300)  # fmt: skip

    a = "4 topic queries"
    glob = "a*" * 14 + "b"
    w("redos/articles.jsonl", json.dumps({"doc_id": "1", "outlet": "A", "text": "a" * 46}) + "\n")
    case(a, "glob a*a*...b (14 stars) on a 46-letter token", ["topics", "select", work / "redos", "t", "--topics", w("redos/topics.yaml", f"topics:\n  t:\n    query:\n      all_of: [['{glob}']]\n")])  # fmt: skip

    a = "5 reports"
    plan = w("rep5/plan.yaml", f"reports:\n  - id: ok\n    notebook: {nb}\n")
    case(a, "build a fixture report", ["report", "--plan", plan, "--out", work / "rep5/out", "--quiet"], limit=240)  # fmt: skip
    damage = "import json, pathlib\np = pathlib.Path(sys.argv[1]); d = json.loads(p.read_text()); d['parameters'] = [1]; p.write_text(json.dumps(d))\nfrom framing.cli import main\nsys.exit(main(['report', '--plan', sys.argv[2], '--out', sys.argv[3], '--quiet']))"  # fmt: skip
    case(a, "damaged manifest.json then rebuild", py(damage, work / "rep5/out/ok/manifest.json", plan, work / "rep5/out"), limit=120)  # fmt: skip
    w("rep5/corpora/c/articles.jsonl", good)
    (work / "rep5/corpora/c/dangling").symlink_to(work / "nowhere")
    case(a, "string parameter /usr/lib and a dangling link (dry run)", ["report", "--plan", w("rep5/plan2.yaml", f"inputs: [{work / 'rep5/corpora/c'}]\nreports:\n  - id: ok\n    notebook: {nb}\n    parameters: {{label: /usr/lib}}\n"), "--out", work / "rep5/out", "--dry-run"], limit=60)  # fmt: skip
    slow_plan = w("rep5/slow.yaml", "reports:\n  - id: slow\n    notebook: tests/fixtures/reports_fail.ipynb\n    parameters: {fail: false, pause: 60.0}\n")  # fmt: skip
    case(a, "Ctrl-C during a build", ["report", "--plan", slow_plan, "--out", work / "rep5/out2", "--quiet"], limit=120, signal_at=15.0, check=lambda o, e: (e.strip().count("\n") == 0 and "interrupted" in e) or e[-300:])  # fmt: skip

    a = "8 notebooks with bad parameters"
    w("nb/topics.yaml", "topics:\n  nothing_matches:\n    query:\n      all_of: [[zzyzxqq]]\n")
    for k, (notebook, params, want) in enumerate([
        ("20-lexicon-frames", "{topic: nothing_matches}", "TopicError"),
        ("30-classifier-frames", "{topic: nothing_matches}", "TopicError"),
        ("40-outlet-contrasts", "{topic: nothing_matches}", "TopicError"),
        ("20-lexicon-frames", "{frames: [no_such_frame]}", "LexiconError"),
        ("20-lexicon-frames", "{outlets: [Nope Daily]}", "Error"),
        ("10-corpus-overview", "{topic: no_such_topic}", "TopicError"),
    ]):  # fmt: skip
        text = (f"defaults: {{smoke: true, topics_file: {work / 'nb/topics.yaml'}}}\nreports:\n"
                f"  - id: nb{k}\n    notebook: notebooks/{notebook}.ipynb\n    parameters: {params}\n")  # fmt: skip
        case(a, f"{notebook} {params}", ["report", "--plan", w(f"nb/plan{k}.yaml", text), "--out", work / "nb/out", "--quiet"], limit=300, check=lambda o, e, want=want: (f"raised {want}" in o or f"{want}:" in o) or o.strip().splitlines()[-1][:200])  # fmt: skip

    a = "6 caches"
    cache_code = (
        "import os, pathlib; os.environ['FRAMING_CACHE'] = sys.argv[1]\n"
        "from framing.lexicon import score; from framing.corpus import load_corpus\n"
        "df=load_corpus('corpora/demo'); a=score(df,'topic_frames')\n"
        "import pyarrow.parquet as pq\n"
        "for f in pathlib.Path(sys.argv[1]).rglob('*.parquet'):\n"
        "    m=pq.ParquetFile(f).metadata; data=bytearray(f.read_bytes())\n"
        "    for g in range(m.num_row_groups):\n"
        "        for c in range(m.num_columns):\n"
        "            col=m.row_group(g).column(c); at=col.data_page_offset+int(col.total_compressed_size*float(sys.argv[2])); data[at]^=0x41\n"
        "    f.write_bytes(bytes(data))\n"
        "b=score(df,'topic_frames'); c=score(df,'topic_frames')\n"
        "print('equal' if a.equals(b) and a.equals(c) else 'DIFFERENT')\n"
    )
    for k, where in enumerate(["0.3", "0.5", "0.7", "0.8", "0.9"]):
        case(a, f"1-byte flips in every column chunk at {where}", py(cache_code, work / f"cache{k}", where), check=lambda o, e: "equal" in o or "wrong values")  # fmt: skip
    case(a, "non-folder $FRAMING_CACHE with sentiment", ["sentiment", demo], check=None)

    a = "7 fetcher / collect"
    slow = _drip_server()
    lists = {
        "redirect to a private address": [srv.url("/hop")],
        "Location http://[::1": [srv.url("/badloc")],
        "list entry http://[::1": ["http://[::1", srv.url("/a")],
        "port 99999": ["http://127.0.0.1:99999/x", srv.url("/a")],
        "slow drip, 1 byte per 0.1 s": [f"http://127.0.0.1:{slow}/x"],
        "404, pdf, json, redirect loop": [srv.url(p) for p in ("/nope", "/pdf", "/json", "/loop")],
        "file: and javascript: URLs": ["file:///etc/passwd", "javascript:alert(1)", srv.url("/a")],
    }
    for k, (label, urls) in enumerate(lists.items()):
        listing = w(f"urls/{k}.txt", "\n".join(urls) + "\n")
        extra = [] if label == "redirect to a private address" else ["--allow-private"]
        check = (lambda o, e: ("security", "fetched") if inner.hits["/secret"] else True) if not extra else None  # fmt: skip
        case(a, label, ["collect", "urls", listing, "--out", work / f"out/u{k}", "--lenient", "--no-cache", "--quiet", "--rate-limit", "0", "--timeout", "2", "--retries", "0", *extra], check=check, limit=90)  # fmt: skip
    case(a, "non-UTF-8 byte in a .txt list", ["collect", "urls", w("urls/bin.txt", srv.url("/a").encode() + b"\nhttp://caf\xe9.example/\n"), "--out", work / "out/ubin", "--lenient", "--no-cache", "--quiet", "--rate-limit", "0", "--allow-private"])  # fmt: skip
    feed = w("urls/feed.xml", f"<rss version='2.0'><channel><title>F</title><item><title>S</title><link>{inner.url('/secret')}</link></item></channel></rss>")  # fmt: skip
    case(a, "RSS link to a private address", ["collect", "rss", feed, "--out", work / "out/rss", "--lenient", "--no-cache", "--quiet", "--rate-limit", "0"], check=lambda o, e: ("security", "fetched") if inner.hits["/secret"] else True)  # fmt: skip

    a = "misc CLI"
    for label, argv in [
        ("--jobs 0", ["report", "--jobs", "0", "--dry-run"]),
        ("--timeout -1", ["collect", "urls", work / "urls/0.txt", "--out", work / "out/m1", "--timeout", "-1"]),
        ("--retries -1", ["collect", "urls", work / "urls/0.txt", "--out", work / "out/m2", "--retries", "-1"]),
        ("kwic --window -3", ["kwic", demo, "talks", "--window", "-3"]),
        ("unknown lexicon", ["lexicon", "info", "no_such"]),
        ("unknown topic", ["topics", "select", demo, "no_such"]),
        ("sentiment --out x.xlsx", ["sentiment", demo, "--out", "x.xlsx"]),
        ("topics select --out x.xlsx", ["topics", "select", demo, "us_russia_talks", "--out", work / "x.xlsx"]),
        ("missing corpus", ["corpus", "info", work / "nope"]),
        ("--date-format without a directive", ["corpus", "info", demo, "--date-format", "dd"]),
    ]:  # fmt: skip
        case(a, label, argv)


def _ids(out: Path):
    import pandas as pd

    return pd.read_parquet(out / "articles.parquet")["doc_id"].tolist()


def _drip_server() -> int:
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def serve():
        while True:
            conn, _ = listener.accept()
            threading.Thread(target=_drip, args=(conn,), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    return listener.getsockname()[1]


def _drip(conn) -> None:
    try:
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>")
        for _ in range(3000):
            conn.sendall(b"x")
            time.sleep(0.1)
    except OSError:
        pass
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="one line per case")
    parser.add_argument("--only", help="run only the areas whose name contains this")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Server() as srv, Server() as inner:
        work = Path(tmp)
        inner.routes["/secret"] = (200, HTML, article(7, site="INTERNAL SECRET"))
        srv.routes.update(
            {
                "/a": (200, HTML, article(1)),
                "/hop": (302, {"Location": inner.url("/secret")}, b""),
                "/badloc": (302, {"Location": "http://[::1"}, b""),
                "/pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF"),
                "/json": (200, {"Content-Type": "application/json"}, b"{}"),
                "/loop": (302, {"Location": srv.url("/loop")}, b""),
            }
        )
        build(work, srv, inner)
        not_a_folder = work / "cache-file"
        not_a_folder.write_text("x")
        env = {**os.environ, "PYTHONPATH": str(ROOT), "FRAMING_CACHE": str(work / "cache")}
        rows = []
        t0 = time.monotonic()
        for c in [c for c in CASES if not args.only or args.only in c["area"]]:
            case_env = env
            if c["name"].startswith("non-folder $FRAMING_CACHE"):
                case_env = {**env, "FRAMING_CACHE": str(not_a_folder)}
            verdict, detail = run(c, case_env)
            rows.append((c["area"], c["name"], verdict, detail))
            if args.details:
                print(f"{verdict:9} {c['area']:22} {c['name']}: {detail}", flush=True)
        seconds = time.monotonic() - t0
    kinds = ["clear", "handled", "traceback", "silent", "hang", "security"]
    by_area: dict[str, Counter] = {}
    for area, _, verdict, _ in rows:
        by_area.setdefault(area, Counter())[verdict] += 1
    print(f"\nMachine: {machine()}; load average {os.getloadavg()[0]:.1f}; {seconds:.0f} s\n")
    head = "| area | inputs | clear error | handled | raw traceback / segfault | silent loss | hang | security |"  # fmt: skip
    print(head)
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    total = Counter()
    for area in sorted(by_area):
        c = by_area[area]
        total += c
        print(f"| {area} | {sum(c.values())} | " + " | ".join(str(c[k]) for k in kinds) + " |")
    print(f"| **total** | **{sum(total.values())}** | " + " | ".join(f"**{total[k]}**" for k in kinds) + " |")  # fmt: skip
    bad = [r for r in rows if r[2] in ("traceback", "silent", "hang", "security")]
    for area, name, verdict, detail in bad:
        print(f"- {verdict}: {area} / {name}: {detail}")


if __name__ == "__main__":
    main()
