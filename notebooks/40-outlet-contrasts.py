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
# # Outlet contrasts
#
# Which words and which frames set outlets apart on a topic? Two complementary views:
#
# 1. **Distinctive words** (keyness): the words and two-word phrases one side uses
#    more than the other, by the weighted log-odds ratio with an informative
#    Dirichlet prior ("Fightin' Words", Monroe, Colaresi & Quinn 2008). No dictionary
#    is involved, so this view can show framing vocabulary the lexicon misses.
# 2. **Frame differences**: for every pair of outlets (and of outlet groups), the
#    difference in the share of articles using each lexicon frame, with an interval,
#    a test and p-values adjusted for the many comparisons.
# 3. **Around events**: whether a frame's share changed from the days before to the
#    days after each dated event of the topic, per outlet group, with checks for a
#    pre-existing trend and against placebo dates, and the change pooled over events.

# %% tags=["parameters"]
corpus: str = "corpora/demo"  # corpus folder or file, relative to the project root
topics_file: str = "corpora/topics.yaml"  # topic queries (see framing.topics)
topic: str = "us_russia_talks"  # topic id from the topics file
lexicon: str = "topic_frames"  # built-in lexicon name or a dictionary file (.yaml, .dic)
frames: list = []  # lexicon categories compared; [] compares every category
outlets: list = []  # canonical outlet names to keep; [] keeps every outlet
start: str = ""  # first publication day kept (ISO date, e.g. 2025-06-01); empty for no limit
end: str = ""  # last publication day kept (ISO date); empty for no limit
outlets_file: str = ""  # outlets.yaml with aliases and groups; empty: the corpus folder's
group_column: str = "outlet_type"  # outlet column forming groups (outlet_type, outlet_lean)
target_group: str = "state-affiliated"  # group compared with the others; empty: the largest
focus_outlet: str = "Nord Vestnik International"  # outlet compared with the rest; empty: largest
min_articles: int = 5  # outlets with fewer selected articles are pooled (pairs: the 20 largest)
min_count: int = 5  # keyness: keep terms seen at least this often on both sides together
boilerplate: bool = True  # keyness: drop lines each outlet repeats (captions, footers) first
stopwords: str = "english"  # keyness: english removes common function words; empty keeps all
alpha: float = 0.05  # level for the adjusted p-values in the table of differences
event_frame: str = "pressure"  # lexicon category compared before and after events
event_days: int = 14  # days in each window before and after an event
events_file: str = "corpora/demo/events.yaml"  # dated events (events.yaml); empty: none
events: list = []  # event ids of the events file; [] takes every event of the topic
cluster: str = "date"  # resampling unit: date (day) or an id column; empty: articles
n_boot: int = 2000  # bootstrap resamples for the intervals
n_perm: int = 5000  # permutations for the p-values
output_dir: str = "reports/interactive"  # folder for figures/ and tables/ (the runner sets it)
smoke: bool = False  # fast run for tests: few resamples and permutations, three frames

# %% [markdown]
# Derived values: paths resolve from the project root (so the defaults work in
# JupyterLab too), the lexicon is loaded and the smoke switch lowers the resampling.

# %%
import pandas as pd

from framing.compare import (
    by_outlet,
    event_checks,
    event_window,
    load_events,
    pairwise,
    pool_events,
    pool_outlets,
)
from framing.corpus import remove_boilerplate, resolve_path
from framing.export import save_figure, save_table
from framing.keyness import keyness
from framing.lexicon import load_lexicon, score
from framing.plots import event_window_plot, fightin_words_plot, outlet_styles, prevalence_plot
from framing.reports import not_applicable
from framing.study import corpus_boilerplate, topic_articles

if not group_column:
    not_applicable(
        "the contrasts report compares outlet groups: set `group_column:` in the study "
        "(e.g. outlet_lean; `framing study init --group-from COLUMN` builds groups)."
    )
out = resolve_path(output_dir)
figures_dir, tables_dir = out / "figures", out / "tables"
lex = load_lexicon(lexicon)
shown = lex.check_categories(frames)[: 3 if smoke else None]
boot = 200 if smoke else n_boot
perm = 500 if smoke else n_perm
resample = cluster or None
pd.set_option("display.max_colwidth", 100)

# %% [markdown]
# ## The sub-corpus

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
focus = focus_outlet or articles["outlet"].value_counts().idxmax()
# boilerplate found on the whole corpus (more articles per outlet), removed for keyness
found = corpus_boilerplate(corpus, outlets_file=outlets_file) if boilerplate else None
words = remove_boilerplate(articles, found) if boilerplate else articles
target = target_group or articles[group_column].value_counts().idxmax()
group_styles = outlet_styles(full[group_column].dropna().unique())
inputs = {"corpus": full, "lexicon": lex}
params = {
    "topic": topic,
    "lexicon": lexicon,
    "outlets": outlets,
    "start": start,
    "end": end,
    "group_column": group_column,
    "focus_outlet": focus,
    "target_group": target,
    "min_articles": min_articles,
    "cluster": cluster,
    "n_boot": boot,
    "n_perm": perm,
    "min_count": min_count,
    "stopwords": stopwords,
    "boilerplate": boilerplate,
}
articles.groupby([group_column, "outlet"]).size().rename("articles").to_frame()

# %% [markdown]
# ## Distinctive words: one outlet against the rest
#
# Each dot is a word or two-word phrase: its frequency on both sides (x, log scale)
# against its z-score (y). Positive z: typical of the focus outlet; negative: typical
# of the other outlets together. The informative prior (pseudo-count `alpha0` in the
# table's attributes) shrinks rare terms toward zero, so a word used three times by
# one outlet does not top the list by chance (Monroe et al. 2008, section 3.5). The z
# is a ranking, not a test: it treats every token as independent, and words come in
# bursts. A term is **coloured** when an article-level test (the rank-sum test of its
# rate per article, Lijffijt et al. 2016) is significant after the Benjamini-Hochberg
# adjustment over all terms of the table (`p_bh` < 0.05); grey terms may still rank
# high. The most extreme coloured terms on each side are labelled. Common function words (*the*,
# *of*, *it*) are removed before counting when `stopwords` is `english` (the default),
# so the lists show vocabulary rather than style; set it to an empty string to keep
# them. With `boilerplate` (the default), lines an outlet repeats across many of its
# articles - photo captions, newsletter and copyright footers - are removed first
# (`framing.corpus.find_boilerplate` on the whole corpus), so page furniture does not
# pass for an outlet's vocabulary.

# %%
focus_terms = keyness(
    words,
    target=focus,
    measure="log_odds",
    ngram_range=(1, 2),
    min_count=min_count,
    stopwords=stopwords or None,
)
fig, data = fightin_words_plot(focus_terms, names=(focus, "other outlets"))
save_figure(
    fig,
    "keyness-focus-outlet",
    data=data,
    caption=(
        f"Distinctive words and bigrams of {focus} against the other outlets, "
        f"articles on {topic}: weighted log-odds z-score with an informative Dirichlet "
        f"prior (Monroe et al. 2008; alpha0 = {focus_terms.attrs['alpha0']:g}) against "
        "frequency; coloured: rank-sum test over articles, Benjamini-Hochberg adjusted p < "
        "0.05 over all terms shown."
    ),
    out_dir=figures_dir,
    parameters=params,
    inputs={"corpus": full},
)
fig

# %%
pd.concat(
    {
        focus: focus_terms.head(15).reset_index(drop=True),
        "other outlets": focus_terms.sort_values("z").head(15).reset_index(drop=True),
    },
    axis=1,
).loc[:, (slice(None), ["term", "n_target", "n_reference", "z", "p_bh"])]

# %% [markdown]
# ## Distinctive words: a group of outlets against the others
#
# The same display for the outlets whose `group_column` is `target_group` against
# all other outlets (e.g. state-affiliated against private and wire outlets). A group
# pools its outlets' articles, so an outlet with many articles weighs more.

# %%
group_terms = keyness(
    words,
    target=target,
    group=group_column,
    measure="log_odds",
    ngram_range=(1, 2),
    min_count=min_count,
    stopwords=stopwords or None,
)
fig, data = fightin_words_plot(group_terms, names=(target, "other outlets"))
save_figure(
    fig,
    "keyness-group",
    data=data,
    caption=(
        f"Distinctive words and bigrams of {group_column} = {target} against the other "
        f"outlets, articles on {topic} (Fightin' Words z-score against frequency; coloured: "
        "Benjamini-Hochberg adjusted article-level p < 0.05)."
    ),
    out_dir=figures_dir,
    parameters=params,
    inputs={"corpus": full},
)
save_table(
    group_terms.head(30)[
        [
            "term",
            "n_target",
            "n_reference",
            "log_odds",
            "z",
            "p_value",
            "p_bh",
            "docs_target",
            "docs_reference",
        ]
    ],
    "keyness-group-top",
    out_dir=tables_dir,
    caption=(
        f"The 30 terms most typical of {group_column} = {target} on {topic} (Fightin' "
        "Words z); p: rank-sum test over articles, p_bh adjusted over all terms."
    ),
    parameters=params,
    inputs={"corpus": full},
)
fig

# %% [markdown]
# ## Frames by outlet group
#
# Share of articles using each frame per value of `group_column`. The sampling unit is
# the **outlet**: a group's estimate is the mean of its outlets' shares (each outlet
# counts once), and its 95% interval is a t interval over those outlets, so a group
# with fewer than three outlets has no interval. This is the honest uncertainty when
# the claim is about a kind of outlet rather than about these particular outlets.

# %%
scores = articles[["doc_id", "outlet", "date", group_column]].merge(
    score(articles, lex), on="doc_id"
)
flags = list(pd.Index(shown) + "_any")
labels = dict(zip(flags, shown, strict=True))
group_share = by_outlet(
    scores, flags, group=group_column, stat="share", n_boot=boot, cluster=resample
)
fig, data = prevalence_plot(
    group_share,
    group=group_column,
    measures=flags,
    colors=group_styles,
    labels=labels,
    xlabel="Share of articles (95% CI)",
)
save_figure(
    fig,
    "frame-share-by-group",
    data=data,
    caption=(
        f"Share of articles on {topic} using each {lex.name} frame, by {group_column}: mean "
        "of the outlets' shares, 95% t intervals over outlets (sampling unit: outlet; no "
        "interval with fewer than 3 outlets)."
    ),
    out_dir=figures_dir,
    parameters=params,
    inputs=inputs,
)
fig

# %% [markdown]
# ## Pairwise frame differences
#
# For every pair of outlets and every frame: the difference in the share of articles
# using the frame (`diff` = share of `group_a` minus share of `group_b`), its 95%
# interval (Newcombe's method from the two outlets' Wilson intervals, allowing for
# days both outlets covered), a two-sided p-value (with `cluster="date"`: the wild
# cluster bootstrap, days moving both outlets together; without: a permutation test of
# Welch's t), Cohen's h as effect size (0.2 small, 0.5 medium, 0.8 large; Cohen 1988),
# and p-values adjusted over the **family of all pairs and frames of the table**: Holm
# (controls the chance of any false positive) and Benjamini-Hochberg (controls the
# expected share of false positives among the differences called significant). With
# 21 pairs and 11 frames, 231 tests are run; at 5% about 12 would come out
# "significant" by chance without adjustment.
#
# The table lists the differences with a Benjamini-Hochberg p-value below `alpha`,
# largest effects first, and is saved for papers. Beside them stand **FCR-adjusted
# intervals** (`ci_low_fcr`, `ci_high_fcr`; Benjamini & Yekutieli 2005): intervals
# printed only for the differences that passed a selection must be widened for it,
# and these are; the plain 95% intervals are not.

# %%
largest = pool_outlets(scores, min_docs=min_articles, top=20)
pairs = pairwise(
    largest[largest["outlet"] != largest.attrs["pooled_label"]],
    flags,
    stat="share",
    n_boot=boot,
    n_perm=perm,
    cluster=resample,
    alpha=alpha,
).assign(frame=lambda d: d["measure"].str[: -len("_any")])
significant = pairs[pairs["p_bh"] < alpha].sort_values(
    "effect_size", key=abs, ascending=False, kind="stable"
)[
    ["group_a", "group_b", "frame", "diff", "ci_low_fcr", "ci_high_fcr", "p_value", "p_holm",
     "p_bh", "effect_size", "n_a", "n_b", "test"]
]  # fmt: skip
save_table(
    significant,
    "frame-differences",
    out_dir=tables_dir,
    caption=(
        f"Pairwise differences between outlets in the share of articles on {topic} using each "
        f"{lex.name} frame, Benjamini-Hochberg adjusted p < {alpha} (family: "
        f"{pairs.attrs['family']}): difference with FCR-adjusted CI (Benjamini & Yekutieli "
        "2005), p-value (test column), Holm and BH adjusted p-values, Cohen's h."
    ),
    parameters={**params, "alpha": alpha},
    inputs=inputs,
)
print(
    f"{len(significant)} of {len(pairs)} outlet x frame differences have a BH-adjusted "
    f"p below {alpha} ({(pairs['p_holm'] < alpha).sum()} by Holm)."
)
significant

# %% [markdown]
# ### The focus outlet against each other outlet
#
# All frames, significant or not, for the pairs that include `focus_outlet`, with
# plain 95% intervals (no selection here). A negative `diff` with the focus outlet as
# `group_b` means it uses the frame more.

# %%
pairs.query("group_a == @focus or group_b == @focus")[
    ["group_a", "group_b", "frame", "diff", "ci_low", "ci_high", "p_bh", "effect_size"]
].sort_values(["frame", "group_a", "group_b"])

# %% [markdown]
# ### Between outlet groups
#
# The same comparison between the values of `group_column`, with outlets as the
# sampling unit: the test permutes whole outlets between the two groups, so with a
# handful of outlets per group the smallest possible p-value is large (3 against 2
# outlets: 1/10). That is the honest answer to "do state-affiliated outlets differ
# from private ones?"; read it together with the outlet table above.

# %%
group_pairs = pairwise(
    scores, flags, group=group_column, stat="share", n_boot=boot, n_perm=perm, cluster=resample
)
save_table(
    group_pairs,
    "frame-differences-by-group",
    out_dir=tables_dir,
    caption=(
        f"Pairwise differences between {group_column} groups in the mean outlet share of "
        f"articles on {topic} using each {lex.name} frame (outlets as the unit: t-based 95% "
        "CI, permutation of outlets, Holm and BH within the table)."
    ),
    parameters=params,
    inputs=inputs,
)
group_pairs.sort_values("p_value")

# %% [markdown]
# ## Frames around events
#
# For each dated event of the topic (the study's events file) and each
# outlet group: the share of articles using `event_frame` in the `event_days` days
# before the event and in the `event_days` days from the event day on, and the change
# (after minus before), each with a 95% interval (the interval of each window is
# that of `by_outlet`, with outlets as the sampling unit for groups of outlets; the
# change combines the two). A window with fewer than two articles has no estimate,
# and one with fewer than three outlets no interval; its article count is still
# shown. This is a descriptive
# before/after comparison, not a causal estimate: other news in the same days moves
# the share too (on event studies and interrupted time series see MacKinlay 1997,
# Bernal et al. 2017; on key events in news coverage, Kepplinger & Habermeier 1995).

# %%
if not events_file:
    print("The study names no events file; this section is skipped.")
    around = None
else:
    chosen = load_events(
        resolve_path(events_file), ids=events or None, topic=None if events else topic
    )
    around = event_window(
        scores,
        chosen,
        f"{event_frame}_any",
        before=event_days,
        after=event_days,
        group=group_column,
        stat="share",
        n_boot=boot,
        cluster=resample,
    )
    fig, data = event_window_plot(
        around,
        group=group_column,
        show="change",
        colors=group_styles,
        ncols=4,
        xlabel="Change in share (95% CI)",
        skip_empty=True,
    )
    save_figure(
        fig,
        "frame-change-around-events",
        data=data,
        caption=(
            f"Change in the share of articles on {topic} using the {event_frame} frame "
            f"({lex.name}) from the {event_days} days before to the {event_days} days from "
            f"each event on, by {group_column}; 95% intervals (sampling unit: "
            f"{around['unit'].iloc[0]}). A dot without a whisker has no interval (too few "
            "articles or outlets in a window; the table's note says which). Events where no "
            "group has an estimate are left out; the table lists them with their counts."
        ),
        out_dir=figures_dir,
        parameters={**params, "event_frame": event_frame, "event_days": event_days},
        inputs=inputs,
    )
    save_table(
        around,
        "frame-around-events",
        out_dir=tables_dir,
        caption=(
            f"Share of articles on {topic} using the {event_frame} frame before and after "
            f"each event, by {group_column}, and the change, with 95% intervals."
        ),
        parameters={**params, "event_frame": event_frame, "event_days": event_days},
        inputs=inputs,
    )
fig if around is not None else None

# %%
shown_cols = [group_column, "event", "window", "estimate", "ci_low", "ci_high", "n_docs"]
around.query("window == 'after - before'")[shown_cols] if around is not None else None

# %% [markdown]
# ### Checks and the pooled change
#
# Two checks of each change, per outlet: the **pre-trend** (the before window minus
# the window just before it: a change there means the frame was already moving) and
# **placebo dates** (the same change around days with no event, spread over the
# corpus; `placebo_p` is the share of placebo changes at least as large, so a small
# value says the event's change is unusual). Then the change **pooled over events**
# (each event counting once, with its interval), the number a paper would report for
# "around these events".

# %%
if around is not None:
    checks = event_checks(
        scores,
        chosen,
        f"{event_frame}_any",
        before=event_days,
        after=event_days,
        group="outlet",
        stat="share",
        n_boot=boot,
        cluster=resample,
        n_placebo=5 if smoke else 20,
    )
    pooled = pool_events(around)
else:
    checks = pooled = None
checks if checks is not None else None

# %%
pooled
