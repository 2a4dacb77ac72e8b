"""Saving figures and tables for papers, with their data and provenance.

A saved figure is a bundle in one folder (see DESIGN.md, "Figures for papers"):

- ``<id>.pdf`` and ``<id>.svg``: vector images;
- ``<id>.png``: 300 dpi raster;
- ``<id>.csv``: exactly the numbers plotted, rows sorted;
- ``<id>.txt``: a methods paragraph written from the sidecar (corpus, period, articles
  and outlets, topic, lexicon and version, statistic, interval method, resamples, seed);
- ``<id>.bib``: the BibTeX of the methods that paragraph cites;
- ``<id>.json``: caption, parameters, input hashes, estimator, methods, references, kit
  version, git commit, library versions and the SHA-256 of the other files.

A saved table is ``<id>.csv``, ``<id>.tex`` (booktabs), ``<id>.md`` (GitHub table),
``<id>.txt``, ``<id>.bib`` and ``<id>.json``. :func:`estimate_table` turns an estimates
table into the wide "estimate [95% CI] (n)" layout papers print.

Bytes are deterministic: the same figure or table, saved by the same code, gives
identical files. To that end nothing reads the clock; PDF metadata has no creation
date or producer version, SVG has no date and a fixed hash salt for element ids, PNG
has no software tag, clip-path ids of the SVG are numbered by position, and JSON has
sorted keys. Library versions live in the JSON.

Rooms
-----
- ``_figures``: :func:`save_figure`
- ``_tables``: :func:`save_table`
- ``_wide``: :func:`estimate_table`
- ``_methods``: the methods paragraph and :data:`REFERENCES` (BibTeX)
- ``_sidecar``: the JSON sidecar and deterministic CSV and JSON writers
"""

from framing.errors import FigureError
from framing.export._figures import SAVE_RC, save_figure
from framing.export._methods import REFERENCES
from framing.export._tables import save_table
from framing.export._wide import estimate_table

__all__ = ["FigureError", "SAVE_RC", "REFERENCES", "save_figure", "save_table", "estimate_table"]
