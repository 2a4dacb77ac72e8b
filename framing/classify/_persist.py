"""Saving and loading frame classifiers with skops and a model card (private; see classify).

Models are stored with :mod:`skops.io`, which rebuilds objects without running
arbitrary code. Loading lists the file's types with ``skops.io.get_untrusted_types``
and trusts them only when every one is on an allowlist (scikit-learn, NumPy and SciPy
types except their test helpers, and the kit's own FrameClassifier, LexiconScorer,
Lexicon and Category); a pickle (or joblib) file is refused, never unpickled.
"""

from __future__ import annotations

import importlib
import json
import sys
from contextlib import contextmanager
from pathlib import Path

from framing._shared.jsonable import jsonable, sha256_file
from framing.errors import ModelError

__all__ = ["save_model", "load_model", "ALLOWED_PREFIXES", "ALLOWED_TYPES"]

#: Module prefixes of library types a saved model may contain (skops already trusts
#: most of them by default; these cover the rest of scikit-learn, NumPy and SciPy).
ALLOWED_PREFIXES = ("sklearn.", "numpy.", "scipy.sparse.")
#: Never trusted even under an allowed prefix: test helpers that can run code.
DENIED_PREFIXES = ("numpy.testing", "sklearn.utils._testing", "numpy.f2py", "numpy.distutils")
#: The kit's own classes that a FrameClassifier holds (explicitly, not by prefix).
ALLOWED_TYPES = frozenset(
    {
        "framing.classify.FrameClassifier",
        "framing.classify.TextFeatures",
        "framing.lexicon.LexiconScorer",
        "framing.lexicon.Lexicon",
        "framing.lexicon.Category",
        # dotted paths of kit releases before the subpackage layout (0.1); loadable for one
        # more release through _LEGACY_MODULES below
        "framing._lexicon_tools.LexiconScorer",
        "framing._lexicon_model.Lexicon",
        "framing._lexicon_model.Category",
    }
)
#: Module paths that older saved models name, and the public home of their classes now.
#: skops imports a type's module by name; these are lent to ``sys.modules`` while a file
#: loads. To be removed in 0.3.
_LEGACY_MODULES = {
    "framing._lexicon_tools": "framing.lexicon",
    "framing._lexicon_model": "framing.lexicon",
}


def _allowed(name: str) -> bool:
    if name in ALLOWED_TYPES:
        return True
    return name.startswith(ALLOWED_PREFIXES) and not name.startswith(DENIED_PREFIXES)


_PICKLE_SUFFIXES = {".pkl", ".pickle", ".joblib", ".sav"}


def _card_path(path: Path) -> Path:
    return (
        path.with_name(path.name + ".card.json")
        if path.suffix != ".skops"
        else path.with_suffix(".card.json")
    )


def save_model(
    model, path, *, metrics=None, data_hash: str | None = None, description: str = ""
) -> Path:
    """Write a fitted model as ``<path>`` (skops) and ``<stem>.card.json`` (model card).

    Parameters
    ----------
    model : FrameClassifier
        A fitted model.
    path : str or pathlib.Path
        Target file; use the ``.skops`` suffix.
    metrics : EvaluationResult or pandas.DataFrame, optional
        Evaluation scores to record in the card (``scores`` table).
    data_hash : str, optional
        Hash of the training corpus (e.g. ``corpus.attrs["corpus_hash"]``); the card
        always records the model's own hash of its training texts and labels.
    description : str
        Free text for the card.

    Returns
    -------
    pathlib.Path
        The model file. The card records kit, scikit-learn and skops versions, the
        parameters, frames, number of training articles, the hashes, the metrics
        and the SHA-256 of the model file.
    """
    import sklearn
    import skops
    import skops.io as sio
    from sklearn.utils.validation import check_is_fitted

    from framing import __version__

    check_is_fitted(model, "pipeline_")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(model, path)
    scores = getattr(metrics, "scores", metrics)
    card = {
        "model": type(model).__name__,
        "description": description,
        "framing_version": __version__,
        "sklearn_version": sklearn.__version__,
        "skops_version": skops.__version__,
        "parameters": jsonable(model.get_params(deep=False), fallback=repr),
        "frames": [str(c) for c in model.classes_],
        "multi_label": bool(model.multilabel_),
        "n_train": int(model.n_train_),
        "training_hash": model.training_hash_,
        "corpus_hash": data_hash,
        "metrics": None if scores is None else json.loads(scores.to_json(orient="records")),
        "model_file": path.name,
        "model_sha256": sha256_file(path),
    }
    _card_path(path).write_text(json.dumps(card, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def load_model(path, *, extra_trusted=()):
    """Load a model saved by :func:`save_model`, trusting only allowlisted types.

    Parameters
    ----------
    path : str or pathlib.Path
        A ``.skops`` file.
    extra_trusted : sequence of str
        Further fully-qualified type names to trust (checked by you).

    Returns
    -------
    FrameClassifier

    Raises
    ------
    ModelError
        The file is missing, is a pickle/joblib file (never loaded: unpickling runs
        arbitrary code), is not a skops file, or contains a type outside the
        allowlist (the message lists them).
    """
    import zipfile

    import skops.io as sio

    path = Path(path)
    if not path.is_file():
        raise ModelError(f"{path}: model file not found.", path=path)
    head = path.read_bytes()[:2]
    if path.suffix.lower() in _PICKLE_SUFFIXES or head[:1] == b"\x80":
        raise ModelError(
            f"{path}: this looks like a pickle file; the kit never loads pickles because "
            "unpickling can run arbitrary code. Re-save the model with "
            "framing.classify.save_model (skops format).",
            path=path,
            value=path.suffix,
        )
    if not zipfile.is_zipfile(path):
        raise ModelError(
            f"{path}: not a skops model file (expected a zip archive from save_model).", path=path
        )
    untrusted = sio.get_untrusted_types(file=path)
    allowed = set(extra_trusted)
    bad = [t for t in untrusted if t not in allowed and not _allowed(t)]
    if bad:
        raise ModelError(
            f"{path}: refusing to load types outside the allowlist: {bad}. Inspect the file; "
            "if you trust these types pass load_model(path, extra_trusted=[...]).",
            path=path,
            value=bad,
        )
    with _legacy_modules(untrusted):
        return sio.load(path, trusted=untrusted)


@contextmanager
def _legacy_modules(type_names):
    """Make the old module paths among ``type_names`` importable while a model loads."""
    lent = []
    for name in type_names:
        module = name.rpartition(".")[0]
        if module in _LEGACY_MODULES and module not in sys.modules:
            sys.modules[module] = importlib.import_module(_LEGACY_MODULES[module])
            lent.append(module)
    try:
        yield
    finally:
        for module in lent:
            sys.modules.pop(module, None)
