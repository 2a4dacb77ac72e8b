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
#    difference in the share of articles using each lexicon frame, with a bootstrap
#    interval, a permutation p-value and p-values adjusted for the many comparisons.
# 3. **Around events**: whether a frame's share changed from the days before to the
#    days after each dated event of the topic, per outlet group.

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

from framing.compare import by_outlet, event_window, load_events, pairwise, pool_outlets
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
# of the other outlets together. The dotted lines are z = +/-1.96; the most extreme
# terms on each side are labelled. The informative prior shrinks rare terms toward
# zero, so a word used three times by one outlet does not top the list by chance
# (Monroe et al. 2008, section 3.5). The z-scores are not corrected for the thousands
# of terms tested: read them as a ranking, not as tests. Common function words (*the*,
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
        "prior (Monroe et al. 2008) against frequency."
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
).loc[:, (slice(None), ["term", "n_target", "n_reference", "z"])]

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
        f"outlets, articles on {topic} (Fightin' Words z-score against frequency)."
    ),
    out_dir=figures_dir,
    parameters=params,
    inputs={"corpus": full},
)
save_table(
    group_terms.head(30)[["term", "n_target", "n_reference", "log_odds", "z"]],
    "keyness-group-top",
    out_dir=tables_dir,
    caption=f"The 30 terms most typical of {group_column} = {target} on {topic} (Fightin' Words).",
    parameters=params,
    inputs={"corpus": full},
)
fig

# %% [markdown]
# ## Frames by outlet group
#
# Share of articles using each frame per value of `group_column`, with 95% bootstrap
# intervals clustered by day. Groups pool outlets; a group of one outlet is that
# outlet.

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
        f"Share of articles on {topic} using each {lex.name} frame, by {group_column}; "
        f"95% bootstrap intervals ({boot} resamples, clustered by {cluster or 'article'})."
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
# bootstrap interval, a two-sided permutation p-value (days, with `cluster="date"`,
# are reassigned between the two outlets), Cohen's h as effect size (0.2 small, 0.5
# medium, 0.8 large; Cohen 1988), and p-values adjusted over **all** pairs and frames
# of the table: Holm (controls the chance of any false positive) and
# Benjamini-Hochberg (controls the expected share of false positives among the
# differences called significant). With 21 pairs and 11 frames, 231 tests are run; at
# 5% about 12 would come out "significant" by chance without adjustment.
#
# The table lists the differences with a Benjamini-Hochberg p-value below `alpha`,
# largest effects first, and is saved for papers.

# %%
largest = pool_outlets(scores, min_docs=min_articles, top=20)
pairs = pairwise(
    largest[largest["outlet"] != largest.attrs["pooled_label"]],
    flags,
    stat="share",
    n_boot=boot,
    n_perm=perm,
    cluster=resample,
).assign(frame=lambda d: d["measure"].str[: -len("_any")])
significant = pairs[pairs["p_bh"] < alpha].sort_values(
    "effect_size", key=abs, ascending=False, kind="stable"
)[
    ["group_a", "group_b", "frame", "diff", "ci_low", "ci_high", "p_value", "p_holm", "p_bh",
     "effect_size", "n_a", "n_b"]
]  # fmt: skip
save_table(
    significant,
    "frame-differences",
    out_dir=tables_dir,
    caption=(
        f"Pairwise differences between outlets in the share of articles on {topic} using each "
        f"{lex.name} frame, Benjamini-Hochberg adjusted p < {alpha}: difference with 95% "
        "bootstrap CI, permutation p-value, Holm and BH adjusted p-values, Cohen's h."
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
# All frames, significant or not, for the pairs that include `focus_outlet`. A
# negative `diff` with the focus outlet as `group_b` means it uses the frame more.

# %%
pairs.query("group_a == @focus or group_b == @focus")[
    ["group_a", "group_b", "frame", "diff", "ci_low", "ci_high", "p_bh", "effect_size"]
].sort_values(["frame", "group_a", "group_b"])

# %% [markdown]
# ### Between outlet groups
#
# The same test between the values of `group_column`, pooling outlets. Fewer tests,
# more articles per side; but a group difference can come from one outlet of the
# group, so read it together with the outlet table above.

# %%
group_pairs = pairwise(
    scores, flags, group=group_column, stat="share", n_boot=boot, n_perm=perm, cluster=resample
)
save_table(
    group_pairs,
    "frame-differences-by-group",
    out_dir=tables_dir,
    caption=(
        f"Pairwise differences between {group_column} groups in the share of articles on {topic} "
        f"using each {lex.name} frame (95% bootstrap CI, permutation p-values, Holm and BH)."
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
# (after minus before), each with a 95% bootstrap interval (articles, or days with
# `cluster="date"`, resampled within each window). A window with fewer than two
# articles has no estimate; its article count is still shown. This is a descriptive
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
            f"each event on, by {group_column}; 95% bootstrap intervals ({boot} resamples, "
            f"clustered by {cluster or 'article'}). A dot without a whisker has no interval "
            "(fewer than two articles, or days when clustered, in a window). Events where no "
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
            f"each event, by {group_column}, and the change, with 95% bootstrap intervals."
        ),
        parameters={**params, "event_frame": event_frame, "event_days": event_days},
        inputs=inputs,
    )
fig if around is not None else None

# %%
shown_cols = [group_column, "event", "window", "estimate", "ci_low", "ci_high", "n_docs"]
around.query("window == 'after - before'")[shown_cols] if around is not None else None
