"""Input fingerprints of a report: content hashes of everything it reads (private).

A report is up to date when the fingerprint of its inputs equals the one stored in
its ``manifest.json``. The inputs are the notebook's cells (their sources, not outputs
or metadata, so running a notebook in JupyterLab changes nothing), the parameters, the
bytes of every file or folder a parameter names (the corpus folder, lexicon files),
the plan's extra ``inputs``, the kit (its version and the bytes of its package source,
built-in lexicons included) and the render options.

Only the standard library is used, so the "nothing changed" path stays fast. Bytes
are always hashed (never size and mtime alone); within one build a file is hashed
once, keyed by its size and mtime, so a corpus shared by many reports costs one pass.

Only project files are hashed for a parameter: a value naming an existing path counts
when the path resolves inside the project root (a string like ``/usr/lib`` is not an
input, and hashing it would read gigabytes); files outside the root count only when the
plan declares them under ``inputs``. A link that leads nowhere, or a file that cannot be
read, is skipped with a warning and listed under ``skipped`` (its name still counts, so
it appearing or being fixed changes the fingerprint).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from framing._shared.jsonable import sha256_file, sha256_json

__all__ = ["hash_file", "hash_tree", "notebook_hash", "input_hashes", "fingerprint", "kit_info"]

_log = logging.getLogger("framing.reports")
_SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints", ".git"}
_LEXICON_SUFFIXES = (".yaml", ".yml", ".dic", ".dicx", ".csv", ".txt")


def hash_file(path, *, _memo: dict | None = None) -> str:
    """The sha256 of a file's bytes (memoised per run by size and mtime with ``_memo``)."""
    return sha256_file(path, memo=_memo)


def notebook_hash(path) -> str:
    """The sha256 of what a notebook runs: its cells' types and sources and its kernel.

    Outputs, execution counts, cell ids and metadata are left out, so opening, running
    and saving a notebook in JupyterLab does not make its reports out of date; editing a
    cell does. A file that is not notebook JSON is hashed by its bytes.

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "n.ipynb"
    >>> cell = {"cell_type": "code", "source": ["x = 1"], "metadata": {}, "outputs": []}
    >>> _ = p.write_text(json.dumps({"cells": [cell], "metadata": {}}))
    >>> before = notebook_hash(p)
    >>> cell |= {"outputs": [{"output_type": "stream", "text": "1"}], "execution_count": 3,
    ...          "id": "abc", "metadata": {"scrolled": True}}
    >>> _ = p.write_text(json.dumps({"cells": [cell], "metadata": {"language_info": {}}}))
    >>> notebook_hash(p) == before
    True
    """
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        cells = [
            [c["cell_type"], "".join(c["source"]) if isinstance(c["source"], list) else c["source"]]
            for c in nb["cells"]
        ]
        kernel = (nb.get("metadata") or {}).get("kernelspec", {}).get("name")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return hash_file(path)
    return sha256_json({"cells": cells, "kernel": kernel}, where="notebook")


def hash_tree(path, *, _memo: dict | None = None) -> dict:
    """Hash a file, or every file under a folder (sorted relative paths, hidden skipped).

    Returns
    -------
    dict
        ``{"sha256": combined hash, "files": n}``; the combined hash covers each
        file's relative path and bytes, so renames count as changes. A dangling link or
        unreadable file is left out of ``files`` and listed under ``skipped`` (its
        relative path still enters the hash).
    """
    path = Path(path)
    if path.is_file():
        return {"sha256": hash_file(path, _memo=_memo), "files": 1}
    digest = hashlib.sha256()
    n, skipped = 0, []
    for file in sorted(_walk(path)):
        rel = file.relative_to(path).as_posix()
        digest.update(rel.encode("utf-8") + b"\0")
        try:
            digest.update(hash_file(file, _memo=_memo).encode("ascii") + b"\n")
        except OSError as exc:  # a dangling link, a file that cannot be read
            digest.update(b"skipped\n")
            skipped.append(rel)
            _log.warning(
                "report inputs: skipped %s (%s); it is not part of the fingerprint",
                file,
                exc.strerror or type(exc).__name__,
            )
            continue
        n += 1
    out = {"sha256": digest.hexdigest(), "files": n}
    if skipped:
        out["skipped"] = skipped
    return out


def _walk(folder: Path):
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if d not in _SKIP_DIRS and not d.startswith(".")]
        for name in filenames:
            if not name.startswith("."):
                yield Path(dirpath) / name


def kit_info(*, _memo: dict | None = None) -> dict:
    """The kit's version and a hash of its package files (code and built-in lexicons)."""
    import framing

    package = Path(framing.__file__).resolve().parent
    return {
        "version": framing.__version__,
        "code_sha256": hash_tree(package, _memo=_memo)["sha256"],
    }


def input_hashes(spec, *, exclude=(), _memo: dict | None = None) -> dict:
    """Hash every input of a report: notebook, parameters, corpus, lexicons, other files.

    A parameter whose value (or list item) is a path that exists inside the project
    root is hashed, whether the plan sets it or the notebook's default names it (paths
    outside the root are not inputs unless the plan lists them under ``inputs``). The
    parameter ``corpus`` goes under ``corpus``, any parameter whose name contains
    ``lexicon`` under ``lexicons`` (a bare name is looked up among the kit's built-in
    lexicons), the rest under ``files``. The plan's ``inputs`` are added to ``files``. Values naming the root itself or a folder above it
    (``"."``, ``"/"``) or anything inside ``exclude`` (the output folder) are not
    hashed: they are not inputs, and hashing them would be slow or never stable.

    Returns
    -------
    dict
        ``notebook`` ({path, sha256}), ``parameters_sha256``, ``corpus`` ({path:
        {sha256, files}}), ``lexicons``, ``files``.
    """
    root = Path(spec.root)
    out = {
        "notebook": {"path": spec.notebook, "sha256": notebook_hash(spec.notebook_path)},
        "parameters_sha256": sha256_json(spec.parameters, where="report parameters"),
        "corpus": {},
        "lexicons": {},
        "files": {},
    }
    for name, value in sorted(spec.effective_parameters.items()):
        group = "corpus" if name == "corpus" else "lexicons" if "lexicon" in name else "files"
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, str) or not item:
                continue
            target = _resolve(root, item, builtin_lexicon=group == "lexicons", exclude=exclude)
            if target is not None:
                out[group][item] = hash_tree(target, _memo=_memo)
    for item in spec.inputs:
        out["files"][item] = hash_tree(root / item, _memo=_memo)
    return out


def _resolve(root: Path, value: str, *, builtin_lexicon: bool, exclude=()) -> Path | None:
    if "\n" in value or "\0" in value or len(value) > 1024:
        return None
    try:
        candidate = (root / value).resolve()
        if candidate.exists():
            base = root.resolve()
            if (
                base.is_relative_to(candidate)
                or not candidate.is_relative_to(base)
                or any(candidate.is_relative_to(Path(e).resolve()) for e in exclude)
            ):
                return None
            return candidate
    except (OSError, RuntimeError):  # not a path at all (too long, a symlink loop)
        return None
    if builtin_lexicon and "/" not in value:
        import framing

        folder = Path(framing.__file__).resolve().parent / "lexicon" / "builtin"
        for suffix in _LEXICON_SUFFIXES:
            if (folder / (value + suffix)).is_file():
                return folder / (value + suffix)
    return None


def fingerprint(inputs: dict, kit: dict, options: dict) -> str:
    """Combine input hashes, kit info and render options into one sha256."""
    return sha256_json({"inputs": inputs, "kit": kit, "options": options}, where="fingerprint")
