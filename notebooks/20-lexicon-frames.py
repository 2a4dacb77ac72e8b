# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python (framing kit)
#     language: python
#     name: framing-kit
# ---

# %% [markdown]
# # Frames by outlet, measured with a dictionary
#
# How often does each outlet use each frame when it covers the topic? A frame
# dictionary (lexicon) lists words and phrases that signal a frame (for `pressure`:
# *sanctions, deadline, ultimatum* ...). Each article gets, per frame, a count of
# matches, a rate per 1,000 tokens and a 0/1 flag "the frame occurs at least once".
# The notebook compares outlets on both, over time and around events, adds the tone
# of sentences mentioning the main actors, and shows the matched words in context so
# a reader can judge what a score means.
#
# Dictionary scores are indicators, not codes: a word can appear without the frame
# (a "deadline" for a visa form) and a frame can be built without the listed words.
# Check the key-words-in-context tables and, where hand codes exist, compare with
# `30-classifier-frames`.

# %% tags=["parameters"]
corpus: str = "corpora/demo"  # corpus folder or file, relative to the project root
topics_file: str = "corpora/topics.yaml"  # topic queries (see framing.topics)
topic: str = "us_russia_talks"  # topic id from the topics file
lexicon: str = "topic_frames"  # built-in lexicon name or a dictionary file (.yaml, .dic)
frames: list = []  # lexicon categories to show; [] shows every category
outlets_file: str = ""  # outlets.yaml with aliases and groups; empty: the corpus folder's
outlets: list = []  # canonical outlet names to keep; [] keeps every outlet
group_column: str = "outlet_type"  # outlet column forming groups; empty: no group views
min_articles: int = 5  # outlets with fewer selected articles are pooled in the figures
events_file: str = "corpora/demo/events.yaml"  # dated events (events.yaml); empty: none
start: str = ""  # first publication day kept (ISO date, e.g. 2025-06-01); empty for no limit
end: str = ""  # last publication day kept (ISO date); empty for no limit
cluster: str = "date"  # sampling unit: date (day) or an id column; empty: articles
n_boot: int = 2000  # bootstrap resamples for the confidence intervals
n_time_frames: int = 3  # frames drawn over time: the most prevalent ones
freq: str = "M"  # time step of the series: W (week), M (month), Q (quarter), Y (year)
n_kwic: int = 2  # key-word-in-context lines per outlet and frame
min_docs: int = 5  # tone per actor drawn for outlets with this many articles naming it
output_dir: str = "reports/interactive"  # folder for figures/ and tables/ (the runner sets it)
smoke: bool = False  # fast run for tests: 200 resamples, three frames, one over time

# %% [markdown]
# Derived values: paths resolve from the project root (so the defaults work in
# JupyterLab, whose working directory is `notebooks/`), the lexicon is loaded, and the
# smoke switch lowers the resampling.

# %%
import pandas as pd

from framing.compare import by_outlet, load_events, over_time, pool_outlets
from framing.corpus import resolve_path
from framing.export import estimate_table, save_figure, save_table
from framing.lexicon import diagnose, kwic, load_lexicon, score
from framing.plots import actor_tone_plot, heatmap, prevalence_plot, time_plot
from framing.sentiment import actor_tone
from framing.study import figure_styles, topic_articles

out = resolve_path(output_dir)
figures_dir, tables_dir = out / "figures", out / "tables"
lex = load_lexicon(lexicon)
shown = lex.check_categories(frames)[: 3 if smoke else None]
boot = 200 if smoke else n_boot
n_time = 1 if smoke else n_time_frames
resample = cluster or None
pd.set_option("display.max_colwidth", 100)

# %% [markdown]
# ## The sub-corpus
#
# The topic query selects the articles (see `10-corpus-overview` for its matches and
# its precision against labels); the outlet and date filters come from the
# parameters. Outlets with fewer than `min_articles` selected articles are pooled as
# "other outlets" in the figures (their articles still count). Colours and markers are
# fixed per outlet from the whole corpus, so an outlet looks the same in every figure
# of every report.

# %%
full, articles = topic_articles(
    corpus,
    topic=topic,
    topics_file=topics_file,
    outlets_file=outlets_file,
    outlets=outlets,
    start=start,
    end=end,
)
groups = [group_column] if group_column in articles.columns else []
pooled = pool_outlets(articles, min_docs=min_articles)
styles = figure_styles(full, group_column=group_column, extra=[pooled.attrs["pooled_label"] or ""])
inputs = {"corpus": full, "lexicon": lex}
params = {
    "topic": topic,
    "lexicon": lexicon,
    "outlets": outlets,
    "start": start,
    "end": end,
    "cluster": cluster,
    "n_boot": boot,
    "group_column": group_column,
    "min_articles": min_articles,
}
print(f"pooled as {pooled.attrs['pooled_label']}: {', '.join(pooled.attrs['pooled'])}"
      if pooled.attrs["pooled"] else "no outlet pooled")  # fmt: skip
pooled.groupby("outlet").size().rename("articles").to_frame()

# %% [markdown]
# ## Scores
#
# `framing.lexicon.score` counts matches per article and frame. Counting rules: a
# token counts once per frame however many patterns match it, and a multiword
# expression ("peace talks") counts once. The rate divides by the article's length in
# tokens, so long and short articles compare.

# %%
scores = pooled[["doc_id", "outlet", "date", *groups]].merge(score(pooled, lex), on="doc_id")
rates = list(pd.Index(shown) + "_per_1k")
flags = list(pd.Index(shown) + "_any")
labels_rate = dict(zip(rates, shown, strict=True))
labels_flag = dict(zip(flags, shown, strict=True))
scores[["n_tokens", *rates]].describe().T.round(2)

# %% [markdown]
# ## Prevalence by outlet
#
# Two views of the same matches:
#
# - **share of articles** that use the frame at least once: easy to read ("40% of
#   The Liberty Ledger's articles mention pressure words"), but blind to how strongly;
# - **rate per 1,000 tokens**, the **mean of article-level rates**: each article counts
#   once, however long, so short articles weigh as much as long ones (the pooled rate,
#   all matches over all tokens, is `by_outlet(..., weight="n_tokens")`); sensitive to
#   a few articles that repeat a word.
#
# Dots are estimates, whiskers 95% confidence intervals: Wilson score intervals for
# shares, studentized (bootstrap-t) intervals for mean rates. With `cluster="date"` the
# sampling unit is the calendar day: articles of the same day cover the same event and
# are not independent, so shares use the Wilson interval on the effective number of
# articles (after the design effect) and rates resample whole days. An outlet with
# fewer than 10 articles (or days), or whose rates take too few distinct values, gets
# a dot without a whisker; the `note` column of the tables says why. Whether two
# outlets' whiskers overlap is **not** a test of their difference: the intervals of
# differences and adjusted tests are in `40-outlet-contrasts`. With about 20 articles
# per outlet, intervals of shares are roughly +/- 0.2 wide. For an outlet with only
# 5-10 articles and a rare frame, a 95% interval of a share holds 95% only on average:
# with so few articles the count takes few values (at 10 articles and a true share of
# 0.05, any interval covers either 91% or 99%). Rate intervals clustered by fewer than
# 30 days are withheld when the articles' rates are skewed (sample skewness above 1,
# as most per-article rates are): such intervals cover only about 92% for 95%. The dot
# stays and the `note` says so; with more days the whiskers come back (`min_n=10`
# forces them, with a note).

# %%
share = by_outlet(scores, flags, stat="share", n_boot=boot, cluster=resample)
fig, data = prevalence_plot(
    share,
    measures=flags,
    colors=styles,
    labels=labels_flag,
    xlabel="Share of articles (95% CI)",
)
save_figure(
    fig,
    "frame-share",
    data=data,
    caption=(
        f"Share of articles on {topic} using each frame of the {lex.name} lexicon at least "
        f"once, by outlet; 95% Wilson intervals (sampling unit: {share['unit'].iloc[0]}; "
        "with days, on the design-effect sample size)."
    ),
    out_dir=figures_dir,
    parameters=params,
    inputs=inputs,
)
fig

# %%
rate = by_outlet(scores, rates, stat="mean", n_boot=boot, cluster=resample)
fig, data = prevalence_plot(
    rate,
    measures=rates,
    colors=styles,
    labels=labels_rate,
    xlabel="Mean of article rates per 1,000 tokens (95% CI)",
)
save_figure(
    fig,
    "frame-rate",
    data=data,
    caption=(
        f"Mean of article-level rates of {lex.name} frame matches per 1,000 tokens in "
        f"articles on {topic}, by outlet (each article counts once); 95% studentized "
        f"bootstrap intervals ({boot} resamples of {rate['unit'].iloc[0]}s)."
    ),
    out_dir=figures_dir,
    parameters=params,
    inputs=inputs,
)
fig

# %% [markdown]
# ### All frames at a glance
#
# The same shares as a table in colour: rows are outlets, columns frames, each cell
# the share of the outlet's articles using the frame. Compare within a column (which
# outlets use this frame most) rather than across columns: frames with more or more
# common words in the dictionary reach higher shares everywhere. The heatmap shows no
# uncertainty; the interval figures above do.

# %%
fig, data = heatmap(
    share,
    measures=flags,
    fmt="{:.0%}",
    vmin=0,
    vmax=1,
    colorbar_label="Share of articles",
    labels=labels_flag,
)
save_figure(
    fig,
    "frame-share-heatmap",
    data=data,
    caption=f"Share of articles on {topic} using each {lex.name} frame, by outlet.",
    out_dir=figures_dir,
    parameters=params,
    inputs=inputs,
)
save_table(
    pd.concat([share, rate], ignore_index=True)[
        [
            "outlet",
            "measure",
            "stat",
            "estimate",
            "ci_low",
            "ci_high",
            "n_docs",
            "method",
            "unit",
            "note",
        ]
    ],
    "frame-prevalence",
    out_dir=tables_dir,
    caption=(
        f"Frame prevalence on {topic} by outlet ({lex.name}): share of articles (_any, 95% "
        "Wilson CI) and mean of article-level rates per 1,000 tokens (_per_1k, 95% "
        "bootstrap-t CI); unit: the sampling unit; note: why a CI is missing."
    ),
    parameters=params,
    inputs=inputs,
)
fig

# %% [markdown]
# ### By outlet group
#
# The same shares per group of outlets (`group_column`, e.g. their leaning or type),
# and the table a paper prints: estimate [95% CI] (articles) per group and frame.

# %%
group_share = (
    by_outlet(scores, flags, group=group_column, stat="share", n_boot=boot, cluster=resample)
    if groups
    else None
)
if groups:
    save_table(
        estimate_table(group_share, rows=group_column, percent=True, digits=0).rename(
            columns=labels_flag
        ),
        "frame-share-by-group",
        out_dir=tables_dir,
        caption=f"Share of articles on {topic} using each {lex.name} frame, by {group_column}.",
        parameters=params,
        inputs=inputs,
    )
(
    estimate_table(group_share, rows=group_column, percent=True, digits=0).rename(
        columns=labels_flag
    )
    if groups
    else "no group_column: group views left out"
)

# %% [markdown]
# ## Over time, with events
#
# The events of the topic from the study's events file (real events the articles are
# anchored to); the time figure marks each with a dotted line labelled by its id.

# %%
events = load_events(resolve_path(events_file)) if events_file else None
topic_events = (
    events.loc[events["topic"] == topic, ["id", "date", "label"]] if events is not None else None
)
topic_events if events is not None else "the study names no events file"

# %% [markdown]
# The most prevalent frames (by mean share over outlets) per period and outlet (per
# group of outlets when there are more than eight outlets and a `group_column`: one
# line per outlet would be unreadable), as means of article-level rates per 1,000
# tokens with 95% bands (bootstrap-t per outlet; for a group of outlets, the mean of
# its outlets with a t interval over them); each point stands at the first day of its
# period and covers the whole period. A period with fewer than 10 articles (or days),
# or a group with fewer than 3 outlets in it, has a point without a band; a missing
# point means the outlet published nothing on the topic in that period. Look for shifts right after an event (a summit moving coverage from
# pressure to diplomacy) and for whether all outlets shift together; with monthly
# periods, events in the same month cannot be told apart (`freq="W"` gives weeks, at
# the price of fewer articles per point).

# %%
top = share.groupby("measure")["estimate"].mean().nlargest(n_time).index.str[:-4]
by_group = bool(groups) and scores["outlet"].nunique() > 8
line_unit = group_column if by_group else "outlet"
trend = over_time(
    scores, list(top + "_per_1k"), freq=freq, group=line_unit, n_boot=boot, cluster=resample
)
event_marks = topic_events.assign(label=topic_events["id"]) if events is not None else None
fig, data = time_plot(
    trend,
    group=line_unit,
    events=event_marks,
    colors=None if by_group else styles,
    labels=labels_rate,
    ylabel="Per 1,000 tokens",
)
save_figure(
    fig,
    "frames-over-time",
    data=data,
    caption=(
        f"Mean of article-level rates of the {n_time} most prevalent {lex.name} frames per "
        f"1,000 tokens in articles on {topic}, by {line_unit} and period ({freq}); 95% bands "
        f"({trend['method'].iloc[0]} over {trend['unit'].iloc[0]}s) where a period has "
        "enough sampling units; dotted lines: events."
    ),
    out_dir=figures_dir,
    parameters={
        **params,
        "freq": freq,
        "events": topic_events.astype(str).to_dict("records") if events is not None else [],
    },
    inputs=inputs,
)
fig

# %% [markdown]
# ## Tone toward actors
#
# VADER sentiment (Hutto & Gilbert 2014; the authors' vaderSentiment 3.3 rules) of
# every sentence that names an actor (Russia, the US, China, Ukraine, ASEAN; patterns
# in `framing.sentiment.DEFAULT_ACTORS`), averaged per article and then per outlet,
# with 95% bootstrap-t intervals. Sentences, not whole articles, are scored: on a whole
# news article VADER's compound score saturates near -1 or +1. Values run
# from -1 (negative) to +1 (positive); the vertical line is neutral. This is a crude
# measure: a sentence's tone is credited to every actor it names ("Russia rejected the
# US plan" is negative for both), and VADER was built for social media. Use it to find
# articles to read, not as a finding on its own. An outlet is drawn for an actor only
# when at least `min_docs` of its articles name the actor.

# %%
tone = pooled[["doc_id", "outlet", "date"]].merge(actor_tone(pooled, wide=True), on="doc_id")
tone_est = by_outlet(
    tone, list(tone.filter(like="tone_").columns), n_boot=boot, cluster=resample
).query("n_docs >= @min_docs")
fig, data = actor_tone_plot(tone_est, colors=styles)
save_figure(
    fig,
    "actor-tone",
    data=data,
    caption=(
        f"Mean over articles of the mean VADER compound score (vaderSentiment rules) of the "
        f"sentences naming each actor, articles on {topic}, by outlet; 95% bootstrap-t "
        "intervals (outlets with 10 or more such articles)."
    ),
    out_dir=figures_dir,
    parameters=params,
    inputs=inputs,
)
fig

# %% [markdown]
# ## What the scores mean: key words in context
#
# For the frames drawn over time, a few randomly drawn matches per outlet (fixed seed)
# with the words around them. Ask of each line: does it carry the frame, or is the
# word used in another sense? Many off-sense lines mean the dictionary overstates the
# frame for that outlet.

# %%
evidence = kwic(articles, list(top), lexicon=lex, window=10, n_per_outlet=n_kwic)
evidence[["category", "outlet", "left", "match", "right", "doc_id"]].sort_values(
    ["category", "outlet"], kind="stable"
)

# %% [markdown]
# ## Lexicon diagnostics
#
# Checks of the dictionary against this sub-corpus (`framing.lexicon.diagnose`):
#
# - **dominant** terms produce more than 30% of their frame's matches: the frame's
#   score is then mostly one word, and that word's other senses matter;
# - **globs** (patterns with `*`) and the distinct words they matched: a broad glob
#   can catch unintended words (`war*` -> *warning*, *Warsaw*);
# - **overlaps**: terms listed under several frames;
# - **unmatched** terms never occur here (normal for a general dictionary on one
#   topic; counted per frame below).

# %%
diag = diagnose(lex, articles)
diag["dominant"].sort_values("share", ascending=False)

# %%
diag["globs"].head(15)

# %%
diag["overlaps"]

# %%
diag["unmatched"].groupby("category").size().rename("unmatched terms").to_frame()
