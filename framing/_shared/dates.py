"""Dates as news comes: the one parser of article dates (corpus import, events, sources).

:func:`parse_dates` reads a column of date strings to UTC timestamps. Accepted by
default (:data:`DATE_FORMATS` says it in one line for messages):

- ISO 8601 (``2020-02-21``, ``2020-02-21T10:00:00Z``, ``20200221``), vectorised;
- a month name or abbreviation, day first or month first, an optional weekday before
  or after, ordinal suffixes: ``21 February 2020``, ``February 21, 2020``,
  ``Feb. 21, 2020``, ``21-Feb-2020``, ``Friday, February 21st, 2020``;
- numbers: ``2020/02/21``, ``21.02.2020`` (dots: day first, the European order),
  ``02/21/2020`` and ``02-21-2020`` (month first, the US order, unless ``dayfirst``);
  a two-digit year is 1969-2068;
- any of these with a time (``10:00``, ``10:00:30``, ``10 AM``, ``10:00 p.m.``,
  ``at 10:00``) and a time zone: an offset (``+02:00``, ``-0500``, ``GMT+2``), a common
  abbreviation (``EST``, ``CEST``, ``JST`` ... :data:`ZONES`; ambiguous ones follow US
  and UK use) or an IANA name (``Europe/Berlin``);
- RFC 2822 (``Fri, 21 Feb 2020 10:00:00 +0000``) and epoch seconds (9-10 digits,
  optionally with a fraction) or milliseconds (13 digits).

A date without a time zone is taken to be UTC. Explicit ``strftime`` formats (the CLI's
``--date-format``) are tried first, in order. A numeric date whose two first fields are
both at most 12 and differ (``03/04/2025``) is *ambiguous*: it is read by the rule in
force and flagged, so the caller can warn once, naming the rule. Nothing here guesses
from the data: the same string always gives the same date.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "DATE_FORMATS",
    "MONTHS",
    "WEEKDAYS",
    "ZONES",
    "ParsedDates",
    "parse_dates",
    "parse_date",
    "check_formats",
    "date_hint",
    "as_text",
]

#: One-line description of the default formats, for messages.
DATE_FORMATS = (
    "ISO 8601 (2020-02-21, 2020-02-21T10:00:00Z), month names (21 February 2020, "
    "February 21, 2020, Feb. 21, 2020 10:00 AM EST), 2020/02/21, 21.02.2020, US "
    "month/day/year (2/21/2020; day first with --dayfirst), RFC 2822 (Fri, 21 Feb 2020 "
    "10:00:00 +0000), epoch seconds; pass --date-format (strftime) for others"
)
_MONTH_NAMES = "jan january|feb february|mar march|apr april|may|jun june|jul july|aug august"
_MONTH_NAMES += "|sep sept september|oct october|nov november|dec december"
#: Month names and abbreviations (lower case) -> month number.
MONTHS = {m: i for i, ms in enumerate(_MONTH_NAMES.split("|"), start=1) for m in ms.split()}
#: Weekday names, Monday first (lower case).
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: Time-zone abbreviations -> hours from UTC; ambiguous ones (IST, CST in Asia) are
#: left out or follow US and UK use.
ZONES = {
    "utc": 0, "gmt": 0, "z": 0, "ut": 0, "bst": 1, "wet": 0, "west": 1, "cet": 1,
    "cest": 2, "eet": 2, "eest": 3, "msk": 3, "est": -5, "edt": -4, "cst": -6, "cdt": -5,
    "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "akst": -9, "akdt": -8, "hst": -10,
    "ast": -4, "adt": -3, "jst": 9, "kst": 9, "hkt": 8, "sgt": 8, "aest": 10, "aedt": 11,
    "awst": 8, "nzst": 12, "nzdt": 13,
}  # fmt: skip

_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
_WD = "|".join(sorted([*WEEKDAYS, *(w[:3] for w in WEEKDAYS), "tues", "thur", "thurs"],
                      key=len, reverse=True))  # fmt: skip
_ORD = r"(?:st|nd|rd|th)?"
_TIME = (
    r"(?:(?:,|\s)\s*(?:at\s+)?(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2})(?:[:.](?P<s>\d{2})(?:\.\d+)?)?)?"
    r"\s*(?P<ap>[ap]\.?\s?m\.?)?)?"
)
_ZONE = (
    r"(?:\s*\(?(?P<zone>[a-z]{1,5}|[a-z]+/[a-z_]+(?:/[a-z_]+)?)\)?)?"
    r"(?:\s*(?P<off>[+-]\d{1,2}(?::?\d{2})?))?"
)
_TIME_T = _TIME.replace(r"(?:,|\s)", r"(?:,|\s|t)")  # numeric dates: 2020/02/21T10:00
_WD_LEAD = rf"(?:(?P<wd1>{_WD})\.?,?\s+)?"
_WD_TAIL = rf"(?:,?\s+(?P<wd2>{_WD})\.?)?"
_WD_TAIL3 = _WD_TAIL.replace("wd2", "wd3")
_NAMED = re.compile(
    rf"^{_WD_LEAD}(?:(?P<m1>{_MON})\.?\s*(?P<d1>\d{{1,2}}){_ORD},?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}}){_ORD}(?:\s+of)?[\s.-]*(?P<m2>{_MON})\.?,?[\s-]+(?P<y2>\d{{4}}))"
    rf"{_WD_TAIL}{_TIME}{_WD_TAIL3}{_ZONE}\s*$",
    re.I,
)
_NUMERIC = re.compile(
    rf"^{_WD_LEAD}(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d{{2}})"
    rf"{_TIME_T}{_ZONE}\s*$",
    re.I,
)
_YMD = re.compile(
    rf"^(?P<y>\d{{4}})(?P<sep>[/.-])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})"
    rf"{_TIME_T}{_ZONE}\s*$",
    re.I,
)
_EPOCH = re.compile(r"^(?P<s>\d{9,10})(?:\.\d+)?$|^(?P<ms>\d{13})$")
_STRFTIME = re.compile(r"%[a-zA-Z]")


@dataclass
class ParsedDates:
    """What :func:`parse_dates` found, one entry per input value.

    Attributes
    ----------
    dates : pandas.Series
        ``datetime64[ns, UTC]``; NaT where missing, unreadable or out of range.
    unreadable : numpy.ndarray of bool
        A value that is not a date in any accepted format.
    outside : numpy.ndarray of bool
        A date outside the years 1678-2261 (``datetime64[ns]``), e.g. ``0001-11-30``.
    ambiguous : numpy.ndarray of bool
        A numeric date that reads differently day first and month first.
    """

    dates: pd.Series
    unreadable: np.ndarray
    outside: np.ndarray
    ambiguous: np.ndarray


def check_formats(formats) -> tuple[str, ...]:
    """``formats`` as a tuple of ``strftime`` strings; a ValueError names a bad one.

    Examples
    --------
    >>> check_formats("%d %B %Y")
    ('%d %B %Y',)
    """
    if formats is None:
        return ()
    items = (formats,) if isinstance(formats, str) else tuple(formats)
    for fmt in items:
        if not isinstance(fmt, str) or not _STRFTIME.search(fmt):
            raise ValueError(
                f"date format {fmt!r} has no strftime directive; write it like '%d %B %Y' "
                "or '%m/%d/%Y %H:%M' (see Python's strftime codes)."
            )
    return items


def as_text(s: pd.Series) -> pd.Series:
    """Strings, missing values kept missing; whole numbers (integers, or floats that hold
    whole numbers within the int64 range) are written without a ``.0``.

    Examples
    --------
    >>> as_text(pd.Series([1582279200.0, None, 9.3e18])).tolist()
    ['1582279200', nan, '9.3e+18']
    """
    if s.dtype.kind in "iu":
        return s.astype("str")
    if s.dtype.kind == "f":
        whole = (s.mod(1).eq(0) & s.abs().lt(2**63)).to_numpy()
        if whole.any():
            out = s.astype("str")
            out[whole] = s[whole].astype("int64").astype("str")
            return out
    return s.astype("str")


def parse_dates(values, *, formats=(), dayfirst: bool = False) -> ParsedDates:
    """Read dates as news exports write them (see the module docstring).

    Parameters
    ----------
    values : pandas.Series
        Strings (numbers are read as epoch seconds), or datetimes (converted to UTC).
    formats : sequence of str
        ``strftime`` formats tried first, in order.
    dayfirst : bool
        Read ``03/04/2025`` and ``03-04-2025`` as 3 April (default: 4 March).

    Returns
    -------
    ParsedDates

    Examples
    --------
    >>> s = pd.Series(["21 February 2020", "Feb. 21, 2020 10:00 AM EST", "03/04/2025",
    ...                "nope", None])
    >>> p = parse_dates(s)
    >>> [str(d) for d in p.dates]  # doctest: +NORMALIZE_WHITESPACE
    ['2020-02-21 00:00:00+00:00', '2020-02-21 15:00:00+00:00', '2025-03-04 00:00:00+00:00',
     'NaT', 'NaT']
    >>> p.unreadable.tolist(), p.ambiguous.tolist()
    ([False, False, False, True, False], [False, False, True, False, False])
    """
    s = pd.Series(values)
    none = np.zeros(len(s), bool)
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        return ParsedDates(_ns(s.dt.tz_convert("UTC")), none, none, none.copy())
    if s.dtype.kind == "M":
        return ParsedDates(_ns(s.dt.tz_localize("UTC")), none, none, none.copy())
    text = as_text(s).str.strip()
    missing = (text.isna() | (text == "")).to_numpy()
    parsed = pd.Series(pd.NaT, index=s.index, dtype="datetime64[us, UTC]")
    todo = ~missing
    for fmt in check_formats(formats):
        if not todo.any():
            break
        got = pd.to_datetime(text[todo], format=fmt, utc=True, errors="coerce")
        parsed[todo] = got.astype("datetime64[us, UTC]")
        todo = todo & parsed.isna().to_numpy()
    if todo.any():
        got = pd.to_datetime(text[todo], format="ISO8601", utc=True, errors="coerce")
        parsed[todo] = got.astype("datetime64[us, UTC]")
        todo = todo & parsed.isna().to_numpy()
    ambiguous = np.zeros(len(s), bool)
    if todo.any():
        rest = text[todo]
        uniq = {v: _parse_cached(v, dayfirst) for v in rest.unique()}
        parsed[todo] = pd.Series(
            [uniq[v][0] for v in rest], index=rest.index, dtype="datetime64[us, UTC]"
        )
        ambiguous[todo] = [uniq[v][1] for v in rest]
    low, high = pd.Timestamp.min.tz_localize("UTC"), pd.Timestamp.max.tz_localize("UTC")
    outside = ((parsed < low) | (parsed > high)).to_numpy()
    parsed = parsed.mask(outside)
    unreadable = parsed.isna().to_numpy() & ~missing & ~outside
    return ParsedDates(_ns(parsed), unreadable, outside, ambiguous)


def date_hint(value, *, dayfirst: bool = False) -> str:
    """A hint for an unreadable date: the option that reads it, when one does.

    Examples
    --------
    >>> date_hint("21/02/2020")
    ' (it reads as day/month/year: pass --dayfirst)'
    >>> date_hint("July 10")
    ''
    """
    text = " ".join(str(value).split())
    if not dayfirst and _parse_cached(text, True)[0] is not None:
        return " (it reads as day/month/year: pass --dayfirst)"
    if dayfirst and _parse_cached(text, False)[0] is not None:
        return " (it reads as month/day/year: leave out --dayfirst)"
    return ""


def _ns(s: pd.Series) -> pd.Series:
    return s.astype("datetime64[ns, UTC]")


def parse_date(value: str, *, dayfirst: bool = False):
    """One date string as a UTC :class:`datetime.datetime`, or None when unreadable.

    Returns ``(datetime or None, ambiguous)`` (see :func:`parse_dates`).

    Examples
    --------
    >>> parse_date("Friday, February 21st, 2020 at 10:00 p.m. CET")
    (datetime.datetime(2020, 2, 21, 21, 0, tzinfo=datetime.timezone.utc), False)
    >>> parse_date("21.02.2020"), parse_date("04/03/2025", dayfirst=True)[1]
    ((datetime.datetime(2020, 2, 21, 0, 0, tzinfo=datetime.timezone.utc), False), True)
    """
    try:
        return _parse_cached(" ".join(str(value).split()), bool(dayfirst))
    except RecursionError:  # pragma: no cover - regexes here do not recurse
        return None, False


@functools.lru_cache(maxsize=65_536)
def _parse_cached(value: str, dayfirst: bool):
    value = " ".join(value.split())
    m = _EPOCH.match(value)
    if m:
        secs = float(value) if m.group("s") else int(value) / 1000
        return dt.datetime.fromtimestamp(secs, dt.UTC), False
    for rx in (_NAMED, _NUMERIC, _YMD):
        m = rx.match(value)
        if m:
            try:
                return _build(m.groupdict(), dayfirst)
            except (ValueError, OverflowError, KeyError):
                return None, False
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None, False
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC), False


def _build(g: dict, dayfirst: bool):
    ambiguous = False
    if g.get("a") is not None:  # numeric: a/b/year
        a, b = int(g["a"]), int(g["b"])
        first = dayfirst or g["sep"] == "."
        day, month = (a, b) if first else (b, a)
        ambiguous = g["sep"] != "." and a != b and a <= 12 and b <= 12
        year = int(g["y"])
        if len(g["y"]) == 2:
            year += 2000 if year < 69 else 1900
    elif g.get("y") is not None and g.get("m") is not None:  # 2020/02/21
        year, month, day = int(g["y"]), int(g["m"]), int(g["d"])
    else:
        month = MONTHS[(g["m1"] or g["m2"]).lower()]
        day, year = int(g["d1"] or g["d2"]), int(g["y1"] or g["y2"])
    hour = minute = second = 0
    if g.get("h") is not None:
        if g.get("mi") is None and not g.get("ap"):
            raise ValueError("an hour without minutes or AM/PM")
        hour, minute, second = int(g["h"]), int(g.get("mi") or 0), int(g.get("s") or 0)
        if g.get("ap"):
            if not 1 <= hour <= 12:
                raise ValueError(f"hour {hour} with AM/PM")
            hour = hour % 12 + (12 if g["ap"].lower().startswith("p") else 0)
    when = dt.datetime(year, month, day, hour, minute, second)  # ValueError: 31 Feb
    return _zoned(when, g.get("zone"), g.get("off")), ambiguous


def _zoned(when: dt.datetime, zone, off) -> dt.datetime:
    offset = dt.timedelta(0)
    if zone:
        key = zone.lower()
        if "/" in key:
            from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

            try:
                tz = ZoneInfo(_iana_case(zone))
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"unknown time zone {zone!r}") from None
            return when.replace(tzinfo=tz).astimezone(dt.UTC)
        if key not in ZONES:
            raise ValueError(f"unknown time zone {zone!r}")
        offset = dt.timedelta(hours=ZONES[key])
    if off:
        sign = -1 if off[0] == "-" else 1
        hh, _, mm = off[1:].partition(":")
        if not mm and len(hh) > 2:
            hh, mm = hh[:-2], hh[-2:]
        offset += sign * dt.timedelta(hours=int(hh), minutes=int(mm or 0))
    if abs(offset) >= dt.timedelta(hours=24):
        raise ValueError("offset of a day or more")
    return (when - offset).replace(tzinfo=dt.UTC)


def _iana_case(name: str) -> str:
    """``europe/berlin`` -> ``Europe/Berlin`` (IANA names are case sensitive on disk)."""
    return "/".join("_".join(w[:1].upper() + w[1:] for w in part.split("_"))
                    for part in name.split("/"))  # fmt: skip
