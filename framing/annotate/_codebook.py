"""The codebook: the frames coders may assign, each with its definition (read from YAML)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from framing._shared.yaml_lines import line_of, load_yaml
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
        The file is missing, is not YAML, or has no ``frames`` mapping (the message
        names the file and line).
    """
    path = Path(path)
    if not path.is_file():
        raise AnnotationError(
            f"{path}: codebook file not found. Pass the path of a codebook YAML "
            "(e.g. corpora/demo/codebook.yaml).",
            path=path,
        )
    # frame ids stay as written (01, yes, no are names, not numbers or booleans)
    data = load_yaml(path, error=AnnotationError, scalars="text")
    frames = data.get("frames") if isinstance(data, dict) else None
    if not isinstance(frames, dict) or not frames:
        found = sorted(map(str, data)) if isinstance(data, dict) else type(data).__name__
        line = line_of(data, "frames", line_of(data, default=1))
        raise AnnotationError(
            f"{path} line {line}: field 'frames' must map frame ids to definitions (found: "
            f"{found}). Write `frames: {{conflict: {{definition: ...}}, ...}}`.",
            path=path,
            line=line,
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
