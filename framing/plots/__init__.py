"""The house figure style and the kit's standard figures.

Every figure function takes a table another module returns (mostly the estimates
table, ``<group>, measure, estimate, ci_low, ci_high, n_docs``), checks its columns,
and returns ``(fig, data)``: the :class:`matplotlib.figure.Figure` and a DataFrame of
exactly the numbers drawn, which :func:`framing.export.save_figure` writes beside the
image as CSV.

Figures are built on :class:`~matplotlib.figure.Figure` objects with an Agg canvas,
not through ``pyplot``: nothing is registered globally, so building many figures in
a batch neither leaks memory nor triggers pyplot's too-many-figures warning. They
display in Jupyter like any figure.

Style choices
-------------
- Sizes fit journal columns: 3.5 in (single column) and 7.2 in (double column), with
  8 pt text so labels stay readable when printed at that width.
- Font: DejaVu Sans, which ships with matplotlib, so every machine renders the same
  glyphs and the saved bytes do not depend on fonts installed locally.
- Colours: the colour-blind-safe palette of Okabe, M. & Ito, K. (2008), *Color
  Universal Design (CUD): how to make figures and presentations that are friendly to
  colorblind people*, https://jfly.uni-koeln.de/color/ . Sequential maps use ``cividis``
  (Nuñez, Anderton & Renslow 2018, PLOS ONE 13(7): e0199239), designed to read the
  same for viewers with colour-vision deficiency.
- Each outlet (or outlet group) keeps one colour and marker across figures; see
  :func:`outlet_styles`. Figures style the outlets they show; when some figures show
  only some outlets, build the styles once from every outlet of the study and pass
  them to each figure::

      colors = outlet_styles(corpus["outlet"].unique())
      fig, data = time_plot(est, colors=colors)

Rooms
-----
- ``_style``: house style, colour-blind-safe outlet styles
- ``_figure``: what every figure shares: the figure object, order, labels, marks
- ``_labels``: label placement without overlaps
- ``_prevalence``: :func:`prevalence_plot`
- ``_heatmap``: :func:`heatmap`
- ``_time``: :func:`time_plot`
- ``_fightin``: :func:`fightin_words_plot`
- ``_actor_tone``: :func:`actor_tone_plot`
- ``_event``: :func:`event_window_plot`
- ``_classify``: :func:`confusion_plot`, :func:`learning_curve_plot`, :func:`reliability_plot`
- ``_sourcing``: :func:`sourcing_plot` (quoted words by actor group, :mod:`framing.voices`)
"""

from framing.plots._actor_tone import actor_tone_plot
from framing.plots._classify import confusion_plot, learning_curve_plot, reliability_plot
from framing.plots._event import event_window_plot
from framing.plots._fightin import fightin_words_plot
from framing.plots._heatmap import heatmap
from framing.plots._prevalence import prevalence_plot
from framing.plots._sourcing import sourcing_plot
from framing.plots._stories import story_map_plot
from framing.plots._style import (
    COLUMN_WIDTHS,
    MARKERS,
    MAX_HEIGHT,
    OKABE_ITO,
    StyleWarning,
    outlet_colors,
    outlet_styles,
    style,
)
from framing.plots._time import time_plot

__all__ = [
    "OKABE_ITO",
    "MARKERS",
    "COLUMN_WIDTHS",
    "MAX_HEIGHT",
    "StyleWarning",
    "style",
    "outlet_styles",
    "outlet_colors",
    "prevalence_plot",
    "heatmap",
    "time_plot",
    "fightin_words_plot",
    "actor_tone_plot",
    "event_window_plot",
    "confusion_plot",
    "learning_curve_plot",
    "sourcing_plot",
    "reliability_plot",
    "story_map_plot",
]
