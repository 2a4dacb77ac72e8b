"""The report plan: read ``reports/reports.yaml``, expand its matrix, check it (private).

Everything here is cheap on purpose (PyYAML, ``json`` and ``ast`` only): the runner's
"nothing changed" path reads and checks the plan without importing papermill.

The notebook's declared parameters are read from its cell tagged ``parameters`` with
:mod:`ast`, the same names ``papermill.inspect_notebook`` reports for Python notebooks
(``tests/test_reports.py`` checks that the two agree on the fixture notebooks).
"""

from __future__ import annotations

import ast
import difflib
import itertools
import re
import string
from dataclasses import dataclass, field
from pathlib import Path

from framing._shared.yaml_lines import load_yaml, plain
from framing.errors import PlanError
from framing.reports._params import notebook_parameters, value_fits

__all__ = ["ReportSpec", "load_plan", "notebook_parameters"]

_TOP_KEYS = {"defaults", "reports", "inputs", "study"}
_REPORT_KEYS = {"id", "notebook", "parameters", "matrix", "inputs", "title"}
# Parameters the runner sets itself; a plan may not set them.
_RESERVED = {"output_dir"}
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# an id ending like a file could collide with index.html, reports.yaml, README.md or
# another report's <id>.failed.ipynb in the output folder
_FILE_SUFFIXES = (".html", ".ipynb", ".json", ".yaml", ".yml", ".md")
_SCALARS = (str, int, float, bool)
# a report id is a folder name (and part of <id>.failed.ipynb): file systems allow 255 bytes
_MAX_ID = 100


@dataclass(frozen=True)
class ReportSpec:
    """One report of the plan, after matrix expansion.

    Attributes
    ----------
    id : str
        Report id, also its folder name under the output folder.
    notebook : str
        Notebook path as written in the plan (relative to ``root``).
    parameters : dict
        Parameters passed to papermill (defaults, then the report's own, then its
        matrix values); never contains ``output_dir``, which the runner adds.
    root : pathlib.Path
        Project root: the notebook's working directory; relative paths resolve here.
    declared : tuple of str
        Parameter names the notebook's ``parameters`` cell declares.
    notebook_defaults : dict
        The literal default values of that cell (``output_dir`` left out), so inputs
        named only by a default (``topics_file = "corpora/topics.yaml"``) are hashed.
    inputs : tuple of str
        Extra files or folders whose bytes are part of the report's inputs.
    title : str
        Human title shown in the index (defaults to the id).
    plan : str
        The plan file the report came from, and ``line`` its line there.
    study : str
        The study the report belongs to (its name), or ``""`` without a study.
    scheduler : str
        The study's ``scheduler:`` (a Dask cluster for the pass over the corpus), which
        the batch hands to the notebook as ``$FRAMING_SCHEDULER``; not an input (the
        results are the same wherever the pass runs).
    """

    id: str
    notebook: str
    parameters: dict = field(default_factory=dict)
    root: Path = Path(".")
    declared: tuple = ()
    notebook_defaults: dict = field(default_factory=dict)
    inputs: tuple = ()
    title: str = ""
    plan: str = ""
    line: int | None = None
    study: str = ""
    scheduler: str = ""

    @property
    def notebook_path(self) -> Path:
        """Absolute path of the notebook."""
        return (self.root / self.notebook).resolve()

    @property
    def effective_parameters(self) -> dict:
        """What the notebook runs with: its own defaults, overridden by the plan's."""
        return {**self.notebook_defaults, **self.parameters}

    @property
    def takes_output_dir(self) -> bool:
        """Whether the notebook declares ``output_dir`` (the runner then passes it)."""
        return "output_dir" in self.declared


def load_plan(path, *, root=None, study=None) -> list[ReportSpec]:
    """Read a report plan, expand its matrices and check everything before any run.

    The plan (YAML) has optional ``defaults`` (parameters for every report whose
    notebook declares them), optional ``inputs`` (files or folders every report
    depends on, e.g. ``corpora/topics.yaml``) and a list ``reports``; each report has
    ``id``, ``notebook``, optional ``parameters``, ``matrix`` (``{name: [values]}``,
    expanded as a cartesian product; ``{name}`` in ``id`` and ``title`` is replaced
    by the value), ``inputs`` and ``title``.

    With a study (the plan's ``study:`` key, or ``study`` here, which wins), each
    notebook also gets the study's values of the parameters it declares
    (:data:`framing.study.STUDY_KEYS`): notebook defaults < plan ``defaults`` < study <
    report ``parameters`` < matrix values; ``matrix: {topic: study}`` takes the study's
    topics; the study file is an input of every report.

    Parameters
    ----------
    path : str or pathlib.Path
        The plan file, e.g. ``reports/reports.yaml``.
    root : str or pathlib.Path, optional
        Project root; notebook and input paths are relative to it. Default: the
        current working directory.
    study : str, pathlib.Path or framing.study.Study, optional
        The study to run (a path is relative to ``root``).

    Returns
    -------
    list of ReportSpec
        In plan order, matrix combinations in the order written.

    Raises
    ------
    PlanError
        Bad YAML (with its line), unknown keys, a missing notebook, a parameter the
        notebook does not declare, a reserved parameter, a bad or duplicate id.
        Carries ``path``, ``line``, ``report``, ``field`` and ``value``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "plan.yaml").write_text("reports: []\\n")
    >>> load_plan(d / "plan.yaml", root=d)
    []
    """
    path = Path(path)
    root = (Path(root) if root is not None else Path.cwd()).resolve()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PlanError(
            f"{path}: cannot read the plan file ({exc.strerror}). Pass --plan FILE.",
            path=str(path),
        ) from exc
    data = load_yaml(
        text,
        path=path,
        error=PlanError,
        empty=None,
        context={"report": None, "field": None, "value": None},
    )
    reports = data.get("reports") if isinstance(data, dict) else None
    lines = getattr(reports, "item_lines", [])  # line of each entry of the reports list
    return _Checker(path, root, plain(data), lines, study).specs()


class _Checker:
    """Walks a parsed plan, expands matrices and raises the first problem found."""

    def __init__(self, path: Path, root: Path, data, lines: list[int], study=None):
        self.path, self.root, self.data = path, root, data
        self.lines = lines  # line of each entry of the reports list
        self.study_arg = study
        self.declared_cache: dict[str, dict] = {}

    def fail(self, msg, *, line=None, report=None, field=None, value=None):
        where = f"{self.path}" + (f" line {line}" if line else "")
        if report is not None:
            where += f" (report {report!r})"
        raise PlanError(
            f"{where}: {msg}",
            path=str(self.path),
            line=line,
            report=report,
            field=field,
            value=value,
        )

    def specs(self) -> list[ReportSpec]:
        data = {} if self.data is None else self.data
        if not isinstance(data, dict):
            self.fail("the plan must be a mapping with a 'reports' list.", line=1)
        self._check_keys(data, _TOP_KEYS, "top-level", None, 1)
        defaults = data.get("defaults") or {}
        if not isinstance(defaults, dict):
            self.fail("'defaults' must be a mapping of parameter: value.", field="defaults")
        reports = data.get("reports")
        if reports is None:
            reports = []
        if not isinstance(reports, list):
            self.fail("'reports' must be a list (use `reports: []` for none).", field="reports")
        common_inputs = self._inputs(data.get("inputs"), None, None)
        self.study = self._study(data.get("study"))
        if self.study is not None and self.study.path is not None:
            where = Path(self.study.path).resolve()
            inside = where.is_relative_to(self.root.resolve())
            common_inputs += (
                where.relative_to(self.root.resolve()).as_posix() if inside else str(where),
            )
        specs, seen = [], {}
        for i, entry in enumerate(reports):
            line = self.lines[i] if i < len(self.lines) else None
            specs.extend(self._expand(entry, defaults, common_inputs, line, seen))
        self._check_defaults_used(defaults, specs)
        return specs

    def _study(self, value):
        """The study: the ``study`` argument, else the plan's ``study:`` key, else None."""
        from framing.errors import StudyError
        from framing.study import Study, load_study

        given = self.study_arg if self.study_arg is not None else value
        if given is None or isinstance(given, Study):
            return given
        if not isinstance(given, str | Path) or not str(given):
            self.fail("'study' must be the path of a study file.", field="study", value=given)
        path = Path(given)
        try:
            return load_study(path if path.is_absolute() else self.root / path)
        except StudyError as exc:
            self.fail(f"the study does not load: {exc.message}", field="study", value=str(given))

    def _check_keys(self, mapping, allowed, what, report, line):
        unknown = sorted(set(mapping) - allowed)
        if unknown:
            self.fail(
                f"unknown {what} key(s) {unknown} (allowed: {sorted(allowed)})."
                f"{_did_you_mean(unknown[0], allowed)} Fix the spelling or remove them.",
                line=line,
                report=report,
                field=unknown[0],
                value=unknown[0],
            )

    def _inputs(self, value, report, line) -> tuple:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail("'inputs' must be a list of paths.", line=line, report=report, field="inputs")
        for v in value:
            if not (self.root / v).exists():
                self.fail(
                    f"input {v!r} does not exist under {self.root}. Fix the path.",
                    line=line,
                    report=report,
                    field="inputs",
                    value=v,
                )
        return tuple(value)

    def _expand(self, entry, defaults, common_inputs, line, seen) -> list[ReportSpec]:
        if not isinstance(entry, dict):
            self.fail("each report must be a mapping with 'id' and 'notebook'.", line=line)
        raw_id = entry.get("id")
        self._check_keys(entry, _REPORT_KEYS, "report", raw_id, line)
        for key in ("id", "notebook"):
            if not isinstance(entry.get(key), str) or not entry.get(key):
                self.fail(
                    f"'{key}' is missing or not a string.", line=line, report=raw_id, field=key
                )
        params = entry.get("parameters") or {}
        matrix = entry.get("matrix") or {}
        for name, value in (("parameters", params), ("matrix", matrix)):
            if not isinstance(value, dict):
                self.fail(f"'{name}' must be a mapping.", line=line, report=raw_id, field=name)
        matrix = {k: self._matrix_values(k, v, raw_id, line) for k, v in matrix.items()}
        for key, values in matrix.items():
            if not isinstance(values, list) or not values:
                self.fail(
                    f"matrix {key!r} must be a non-empty list of values.",
                    line=line,
                    report=raw_id,
                    field=key,
                    value=values,
                )
            for v in values:
                if not isinstance(v, _SCALARS):
                    self.fail(
                        f"matrix {key!r} values must be strings or numbers, got {v!r}.",
                        line=line,
                        report=raw_id,
                        field=key,
                        value=v,
                    )
        notebook = entry["notebook"]
        declared = self._declared(notebook, raw_id, line)
        inputs = common_inputs + self._inputs(entry.get("inputs"), raw_id, line)
        names = list(matrix)
        out = []
        for combo in itertools.product(*(matrix[k] for k in names)) if names else [()]:
            values = dict(zip(names, combo, strict=True))
            rid = self._format(raw_id, values, "id", raw_id, line)
            title = self._format(entry.get("title") or rid, values, "title", raw_id, line)
            if not _ID_RE.match(rid) or rid.lower().endswith(_FILE_SUFFIXES) or len(rid) > _MAX_ID:
                self.fail(
                    f"id {rid[:120]!r} is not a usable folder name (letters, digits, '_', "
                    f"'.', '-'; not starting with '.' or '-'; at most {_MAX_ID} characters; "
                    f"not ending in {', '.join(_FILE_SUFFIXES)}).",
                    line=line,
                    report=rid,
                    field="id",
                    value=rid,
                )
            if rid.casefold() in seen:
                first, first_line = seen[rid.casefold()]
                same = "" if first == rid else f" ({first!r} differs only in case: on macOS "
                same += "and Windows both would share one folder)" if same else ""
                self.fail(
                    f"duplicate report id {rid!r} (first at line {first_line}){same}. Give "
                    "each report, and each matrix combination ({name} in the id), its own id.",
                    line=line,
                    report=rid,
                    field="id",
                    value=rid,
                )
            seen[rid.casefold()] = (rid, line)
            merged = {k: v for k, v in defaults.items() if k in declared}
            if self.study is not None:
                merged.update((k, v) for k, v in self.study.parameters.items() if k in declared)
            merged.update(params)
            merged.update(values)
            self._check_params(merged, params, values, declared, notebook, rid, line)
            out.append(
                ReportSpec(
                    id=rid,
                    notebook=notebook,
                    parameters=merged,
                    root=self.root,
                    declared=tuple(declared),
                    notebook_defaults=_literal_defaults(declared),
                    inputs=inputs,
                    title=str(title),
                    plan=str(self.path),
                    line=line,
                    study=self.study.name if self.study is not None else "",
                    scheduler=self.study.scheduler if self.study is not None else "",
                )
            )
        return out

    def _matrix_values(self, key, values, report, line):
        """``study`` as a matrix value list stands for the study's topics."""
        if values != "study":
            return values
        if self.study is None:
            self.fail(
                f"matrix {key!r}: 'study' takes the study's topics, but the plan has no study; "
                "add `study: studies/<name>.yaml` to the plan or pass --study FILE.",
                line=line,
                report=report,
                field=key,
                value=values,
            )
        return list(self.study.topics)

    def _format(self, template, values, field, report, line) -> str:
        if not isinstance(template, str):
            self.fail(f"'{field}' must be a string.", line=line, report=report, field=field)
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
        except ValueError as exc:
            self.fail(
                f"{field} template {template!r} is malformed ({exc}); write {{key}} for a "
                "matrix value and {{{{ }}}} for a literal brace.",
                line=line,
                report=report,
                field=field,
                value=template,
            )
        unknown = [f for f in fields if f not in values]
        if unknown:
            self.fail(
                f"{field} template {template!r} uses {{{unknown[0]}}}, which is not a matrix "
                f"key (matrix keys: {sorted(values)}).",
                line=line,
                report=report,
                field=field,
                value=unknown[0],
            )
        return template.format_map(values) if fields else template

    def _declared(self, notebook, report, line) -> dict:
        if notebook not in self.declared_cache:
            nb_path = self.root / notebook
            if not nb_path.is_file():
                hint = ""
                if nb_path.with_suffix(".py").is_file():
                    hint = f" Its paired script exists: run `jupytext --sync {nb_path.with_suffix('.py')}`."
                self.fail(
                    f"notebook {notebook!r} does not exist (looked in {self.root}).{hint} "
                    "Fix the path in the plan.",
                    line=line,
                    report=report,
                    field="notebook",
                    value=notebook,
                )
            try:
                self.declared_cache[notebook] = notebook_parameters(nb_path)
            except PlanError as exc:
                self.fail(exc.message, line=line, report=report, field="notebook", value=notebook)
        return self.declared_cache[notebook]

    def _check_params(self, merged, params, values, declared, notebook, rid, line):
        for name in list(params) + list(values):
            if name in _RESERVED:
                self.fail(
                    f"parameter {name!r} is set by the runner (each report's own folder); "
                    "remove it from the plan.",
                    line=line,
                    report=rid,
                    field=name,
                    value=merged[name],
                )
            if name not in declared:
                self.fail(
                    f"parameter {name!r} is not declared by {notebook} (declared: "
                    f"{sorted(declared)}).{_did_you_mean(name, declared)} Fix the name, or "
                    f"add `{name}: ... = ...  # help` to the notebook's parameters cell.",
                    line=line,
                    report=rid,
                    field=name,
                    value=merged[name],
                )
        for name, value in merged.items():
            annotation = declared[name]["annotation"]
            if not value_fits(annotation, value):
                self.fail(
                    f"parameter {name!r} = {value!r} ({type(value).__name__}) does not fit its "
                    f"annotation `{annotation}` in {notebook}. Fix the value (quote strings, "
                    "write true/false for booleans).",
                    line=line,
                    report=rid,
                    field=name,
                    value=value,
                )

    def _check_defaults_used(self, defaults, specs):
        if not specs:
            return
        declared = set().union(*(s.declared for s in specs))
        for name in defaults:
            if name in _RESERVED or name not in declared:
                self.fail(
                    f"default parameter {name!r} is not declared by any notebook of the plan"
                    + (" (it is set by the runner)" if name in _RESERVED else "")
                    + ". Fix the name or remove it from 'defaults'.",
                    field=name,
                    value=defaults[name],
                )


def _did_you_mean(name: str, choices) -> str:
    close = difflib.get_close_matches(name, sorted(choices), n=1)
    return f" Did you mean {close[0]!r}?" if close else ""


def _literal_defaults(declared: dict) -> dict:
    out = {}
    for name, info in declared.items():
        if name in _RESERVED:
            continue
        try:
            out[name] = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue  # an expression, not a literal: nothing to hash by value
    return out
