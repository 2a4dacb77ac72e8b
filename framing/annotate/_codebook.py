"""The codebook: the frames coders may assign, each with its definition (read from YAML)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from framing.errors import AnnotationError

__all__ = ["Codebook", "load_codebook"]


@dataclass(frozen=True)
class Codebook:
    """A frame codebook: ``frames`` is a table ``frame, definition`` in file order."""

    name: str
    version: str
    frames: pd.DataFrame
    path: Path | None = None

    @property
    def names(self) -> list[str]:
        """Frame ids in codebook order."""
        return self.frames["frame"].tolist()


def load_codebook(path) -> Codebook:
    """Read a codebook YAML file (``name``, ``version``, ``frames: {id: {definition}}``).

    Parameters
    ----------
    path : str or pathlib.Path
        The file, e.g. ``corpora/demo/codebook.yaml``.

    Returns
    -------
    Codebook
        ``.frames`` has columns ``frame, definition`` (+ ``indicators`` when given).

    Raises
    ------
    AnnotationError
        The file is missing, is not YAML, or has no ``frames`` mapping.
    """
    import yaml

    path = Path(path)
    if not path.is_file():
        raise AnnotationError(
            f"{path}: codebook file not found. Pass the path of a codebook YAML "
            "(e.g. corpora/demo/codebook.yaml).",
            path=path,
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise AnnotationError(f"{path}: not valid YAML ({exc}).", path=path) from exc
    frames = data.get("frames") if isinstance(data, dict) else None
    if not isinstance(frames, dict) or not frames:
        found = sorted(data) if isinstance(data, dict) else type(data).__name__
        raise AnnotationError(
            f"{path}: field 'frames' must map frame ids to definitions (found: {found}). "
            "Write `frames: {conflict: {definition: ...}, ...}`.",
            path=path,
            field="frames",
            value=found,
        )
    rows = []
    for key, spec in frames.items():
        spec = spec if isinstance(spec, dict) else {"definition": spec}
        rows.append(
            {
                "frame": str(key),
                "definition": str(spec.get("definition", "")),
                "indicators": list(spec.get("indicators", []) or []),
            }
        )
    return Codebook(
        name=str(data.get("name", path.stem)),
        version=str(data.get("version", "")),
        frames=pd.DataFrame(rows),
        path=path,
    )
