"""The report batch: plan file -> papermill runs -> HTML -> index.

:func:`build_reports` reads as its list of steps:

1. **load and validate the plan** (:func:`load_plan`): every problem is reported
   before anything runs;
2. **decide what is up to date**: hash each report's inputs (notebook, parameters,
   corpus and lexicon bytes, extra inputs, kit version and code, render options) and
   compare with the fingerprint in its ``manifest.json``; unchanged reports are
   skipped without importing papermill, nbconvert or matplotlib;
3. for each other report, in its own temporary folder ``<out>/.tmp-<id>-xxxx/``:
   **execute** the notebook with papermill (kernel ``framing-kit``, working directory
   the project root, ``output_dir=<that folder>`` when the notebook declares it),
   **render** ``report.html`` (rich outputs sanitised, code optionally hidden),
   **collect** figures and tables, **write** ``manifest.json``;
4. **move into place** atomically: the old folder is renamed aside, the new one
   renamed in, the old one deleted; a failure leaves the previous good report as it
   was, keeps the failed notebook as ``<out>/<id>.failed.ipynb`` and records the
   error in ``<out>/<id>.failed.json`` (both removed by the next good run);
5. **prune** (with ``prune=True``): delete the folders of reports no longer in the
   plan, only those the kit wrote (recognised by their ``manifest.json``);
6. **write the index** ``<out>/index.html`` linking every report of the plan.

Steps 2-6 hold a lock on ``<out>`` (:mod:`framing.reports._lock`): a second batch on the
same output folder stops at once with a :class:`~framing.errors.ReportError` naming
the running one. A dry run takes no lock and writes nothing.

One failing report does not stop the others; the result names every failure with its
cell and error. A notebook that finds nothing to show for the study (no hand codes, no
events) calls :func:`not_applicable`: the report is built as *not applicable* with the
reason, which the summary and the index show, and is not a failure.

With a study (:mod:`framing.study`; ``framing report --study FILE``) every notebook gets
the study's parameters, reports record the study, and the index says which study it
shows.

Rooms
-----
- ``_batch``: :func:`build_reports`: the steps above
- ``_plan``: :func:`load_plan`: the plan and its checks
- ``_params``: :func:`notebook_parameters`: a notebook's declared parameters
- ``_fingerprint``: content hashes of every input (the up-to-date check)
- ``_job``: one report: execute, render, collect, manifest
- ``_render``: papermill execution and sanitised HTML
- ``_index``: ``index.html``
- ``_lock``: one batch per output folder at a time
- ``_applicable``: :func:`not_applicable`, for a report the study gives nothing to show
"""

from framing.reports._applicable import not_applicable
from framing.reports._batch import DEFAULT_KERNEL, BuildResult, build_reports
from framing.reports._job import ReportOutcome
from framing.reports._params import notebook_parameters
from framing.reports._plan import ReportSpec, load_plan

__all__ = [
    "DEFAULT_KERNEL",
    "ReportSpec",
    "ReportOutcome",
    "BuildResult",
    "load_plan",
    "notebook_parameters",
    "build_reports",
    "not_applicable",
]
