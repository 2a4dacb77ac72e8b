"""Events files (``events.yaml``): dated events drawn on time-series figures."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from framing._shared.dates import DATE_FORMATS, parse_date
from framing._shared.yaml_lines import line_of, load_yaml, plain
from framing.errors import CorpusError

__all__ = ["load_events"]


def load_events(path: str | Path, *, topic: str | None = None, ids=None) -> pd.DataFrame:
    """Read an events file (``corpora/<name>/events.yaml``) into a table.

    The file holds ``events: [{id, date, label, topic}, ...]``; further keys are kept as
    columns. Dates are read as article dates are (``2025-07-10``, ``10 July 2025``,
    ``July 11, 2025 9:00 AM EDT`` ...; without a time zone, UTC), except that a numeric
    date that reads two ways (``10/07/2025``) is an error: write it as YYYY-MM-DD.

    Parameters
    ----------
    path : str or Path
        The YAML file.
    topic : str, optional
        Keep only the events of this topic.
    ids : list of str, optional
        Keep only these events (by ``id``); an id the file does not hold is an error.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``date`` (datetime64[ns, UTC]), ``label``, ``topic`` and any extra keys,
        sorted by date.

    Raises
    ------
    CorpusError
        The file is not a mapping with an ``events`` list, an entry is not a mapping, a
        required key is missing, an id is not a name or is used twice, or a date does not
        parse or is ambiguous (names ``path``, ``line``, ``entry`` (0-based index),
        ``field`` and ``value``); ``ids`` names an event the file does not hold.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "events.yaml"
    >>> _ = p.write_text("events:\\n  - {id: e1, date: 2025-07-10, label: Talks, topic: t}\\n")
    >>> load_events(p)[["id", "label"]]
       id  label
    0  e1  Talks
    >>> len(load_events(p, topic="other"))
    0
    """
    path = Path(path)
    # dates stay text here, so a bad date is reported with its entry, not by YAML
    data = load_yaml(path, error=CorpusError)
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        line = line_of(data, "events", line_of(data, default=1))
        raise CorpusError(
            f"{path} line {line}: expected a mapping with an 'events' list "
            "(events: [{id, date, label, topic}, ...]).",
            path=str(path),
            line=line,
            field="events",
            value=type(data).__name__ if not isinstance(data, dict) else plain(data.get("events")),
        )
    entries = data["events"]
    rows, ids_seen = [], {}
    for i, entry in enumerate(entries):
        line = line_of(entries, i)
        if not isinstance(entry, dict):
            raise CorpusError(
                f"{path} line {line}: events entry {i} is not a mapping (got {entry!r}).",
                path=str(path), line=line, entry=i, field=None, value=entry,
            )  # fmt: skip
        for key in ("id", "date", "label", "topic"):
            if entry.get(key) in (None, ""):
                raise CorpusError(
                    f"{path} line {line}: events entry {i}: field {key!r} is missing "
                    f"(fields present: {sorted(entry)}). Add '{key}: ...' to the entry.",
                    path=str(path), line=line, entry=i, field=key, value=None,
                )  # fmt: skip
        if not isinstance(entry["id"], str | int) or isinstance(entry["id"], bool):
            raise CorpusError(
                f"{path} line {line}: events entry {i}: 'id' must be a name, not "
                f"{plain(entry['id'])!r}.",
                path=str(path), line=line, entry=i, field="id", value=plain(entry["id"]),
            )  # fmt: skip
        if str(entry["id"]) in ids_seen:
            raise CorpusError(
                f"{path} line {line}: event id {str(entry['id'])!r} is used twice (first at "
                f"line {ids_seen[str(entry['id'])]}); give each event its own id.",
                path=str(path), line=line, entry=i, field="id", value=str(entry["id"]),
            )  # fmt: skip
        ids_seen[str(entry["id"])] = line
        when, ambiguous = parse_date(str(entry["date"]))
        if when is None or ambiguous:
            why = (
                "could be day/month or month/day"
                if ambiguous
                else f"not a date (accepted: {DATE_FORMATS})"
            )
            raise CorpusError(
                f"{path} line {line}: events entry {i} ({entry['id']!r}): field 'date' has "
                f"{entry['date']!r}, {why}. Write it as YYYY-MM-DD.",
                path=str(path), line=line, entry=i, field="date", value=entry["date"],
            )  # fmt: skip
        when = pd.Timestamp(when)
        rows.append({**plain(entry), "date": when})
    cols = ["id", "date", "label", "topic"]
    out = pd.DataFrame(rows)
    if out.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype="datetime64[ns, UTC]" if c == "date" else object) for c in cols}
        )
    out["date"] = pd.to_datetime(out["date"], utc=True).astype("datetime64[ns, UTC]")
    extra = [c for c in out.columns if c not in cols]
    out = out[cols + extra].sort_values("date", kind="stable").reset_index(drop=True)
    return _filtered(out, path, topic, ids)


def _filtered(events: pd.DataFrame, path: Path, topic, ids) -> pd.DataFrame:
    if ids is not None:
        ids = [str(i) for i in ([ids] if isinstance(ids, str) else ids)]
        unknown = [i for i in ids if i not in set(events["id"].astype(str))]
        if unknown:
            raise CorpusError(
                f"{path}: no event with id {unknown[0]!r} (ids in the file: "
                f"{', '.join(map(str, events['id']))}). Fix the id or add the event.",
                path=str(path), field="id", value=unknown[0],
            )  # fmt: skip
        events = events[events["id"].astype(str).isin(ids)]
    if topic is not None:
        events = events[events["topic"] == topic]
    return events.reset_index(drop=True)
