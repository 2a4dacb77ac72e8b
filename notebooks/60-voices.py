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
# # Who gets a voice: quotes and sourcing by outlet
#
# Framing is also *who speaks*. This notebook finds every quote in the topic's articles
# (direct quotes in quotation marks, indirect speech such as "Lavrov said the talks were
# useful", "according to ..." and anonymous sourcing), resolves each speaker within its
# article ("he", "the minister" and "Rubio" to a named person) and maps speakers to
# actor groups (`framing/voices/actors.yaml`: US, Russian, Chinese, Ukrainian officials,
# ASEAN and Asian governments, European officials, experts, anonymous sources, media,
# documents). It then compares outlets on
#
# 1. the share of quoted words each actor group gets,
# 2. the share of quotes from anonymous sources,
# 3. whether an article quoting one side of the talks quotes the other at all,
#
# and shows the quotes behind the numbers. The extraction uses rules, not a trained
# model: on hand-judged real news (AllSides) it finds quotes with a precision of about
# 0.91-0.93 and misses about a fifth of them, and names the right speaker for about
# 0.82-0.90 of the quotes it finds (`framing/voices/VALIDATION.md`). Read the
# differences between outlets, not the levels, and check the quotes below.

# %% tags=["parameters"]
corpus: str = "corpora/demo"  # corpus folder or file, relative to the project root
topics_file: str = "corpora/topics.yaml"  # topic queries (see framing.topics)
topic: str = "us_russia_talks"  # topic id from the topics file
outlets_file: str = ""  # outlets.yaml with aliases and groups; empty: the corpus folder's
outlets: list = []  # canonical outlet names to keep; [] keeps every outlet
min_articles: int = 5  # outlets with fewer selected articles are pooled in the figures
start: str = ""  # first publication day kept (ISO date, e.g. 2025-06-01); empty for no limit
end: str = ""  # last publication day kept (ISO date); empty for no limit
actors: str = ""  # actor groups file (.yaml); empty uses the kit's framing/voices/actors.yaml
groups: list = []  # actor groups compared; [] takes the officials, experts and anonymous
side_a: str = "us_officials"  # first side of the "is the other side quoted" measure
side_b: str = "russian_officials"  # second side of that measure
evidence_group: str = "anonymous"  # actor group whose quotes are listed per outlet
n_evidence: int = 2  # quotes listed per outlet for that group
cluster: str = "date"  # bootstrap unit: date (day) or an id column; empty: articles
n_boot: int = 2000  # bootstrap resamples for the confidence intervals
n_perm: int = 5000  # permutations for the pairwise p-values
output_dir: str = "reports/interactive"  # folder for figures/ and tables/ (the runner sets it)
smoke: bool = False  # fast run for tests: few resamples, three groups

# %% [markdown]
# Derived values: paths resolve from the project root (so the defaults work in
# JupyterLab too), the actor groups are loaded, and the smoke switch lowers the
# resampling.

# %%
import pandas as pd

from framing.compare import by_outlet, pairwise, pool_outlets
from framing.corpus import resolve_path
from framing.export import save_figure, save_table
from framing.plots import prevalence_plot
from framing.study import figure_styles, topic_articles
from framing.voices import (
    DEFAULT_GROUPS,
    extract_quotes,
    load_actors,
    quote_evidence,
    sourcing_plot,
    unmatched_speakers,
    voice_measures,
)

out = resolve_path(output_dir)
figures_dir, tables_dir = out / "figures", out / "tables"
actor_groups = load_actors(resolve_path(actors) if actors else None)
shown = (list(groups) or list(DEFAULT_GROUPS))[: 3 if smoke else None]
boot = 200 if smoke else n_boot
perm = 300 if smoke else n_perm
resample = cluster or None
labels = {g: actor_groups.labels.get(g, g) for g in actor_groups.groups}
pd.set_option("display.max_colwidth", 90)

# %% [markdown]
# ## The sub-corpus and its quotes

# %%
full, selected = topic_articles(
    corpus,
    topic=topic,
    topics_file=topics_file,
    outlets_file=outlets_file,
    outlets=outlets,
    start=start,
    end=end,
)
articles = pool_outlets(selected, min_docs=min_articles)  # small outlets: "other outlets (k)"
quotes = extract_quotes(articles, actors=actor_groups)
styles = figure_styles(full, extra=[articles.attrs["pooled_label"] or ""])
inputs = {"corpus": full, "actors": actor_groups}
params = {"topic": topic, "outlets": outlets, "start": start, "end": end,
          "groups": shown, "cluster": cluster, "n_boot": boot}  # fmt: skip
per_outlet = (
    quotes.merge(articles[["doc_id", "outlet"]], on="doc_id")
    .groupby(["outlet", "kind"]).size().unstack(fill_value=0)
    .join(articles.groupby("outlet").size().rename("articles"))
)  # fmt: skip
per_outlet

# %% [markdown]
# ## Who speaks in each outlet
#
# Each bar splits an outlet's quoted words by the actor group of the speaker, pooled
# over its articles (a description, without intervals). Grey is everyone else: groups
# not drawn and speakers no group matched (listed at the end of the notebook).

# %%
fig, data = sourcing_plot(quotes, articles, groups=shown, labels=labels)
save_figure(
    fig,
    "voices-share-by-group",
    data=data,
    caption=(
        f"Share of quoted words by the speakers' actor group, articles on {topic}, per "
        "outlet (pooled over articles; quotes found by framing.voices rules)."
    ),
    out_dir=figures_dir,
    parameters=params,
    inputs=inputs,
)
fig

# %% [markdown]
# ## Differences between outlets, with intervals
#
# Per article: the share of its quoted words from each group and the share of its
# quotes from anonymous sources (articles without quotes have no value and are not
# counted in `n_docs`), and whether it quotes both sides when it quotes either.
# Intervals are bootstrap 95% CIs over articles, clustered by publication day.

# %%
measures = voice_measures(articles, quotes, groups=shown, sides=(side_a, side_b))
words = [f"words_{g}" for g in shown]
est = by_outlet(measures, [*words, "anonymous_share", "both_sides"], n_boot=boot,
                cluster=resample, seed=1)  # fmt: skip
fig, data = prevalence_plot(
    est, measures=words, colors=styles, xlabel="Mean share of quoted words (95% CI)",
    labels={f"words_{g}": labels.get(g, g) for g in shown},
)  # fmt: skip
save_figure(
    fig,
    "voices-words-by-group",
    data=data,
    caption=(
        f"Mean per-article share of quoted words by actor group, articles on {topic}, with "
        "95% bootstrap CIs (clustered by day)."
    ),
    out_dir=figures_dir,
    parameters=params,
    inputs=inputs,
)
fig

# %%
fig, data = prevalence_plot(
    est, measures=["anonymous_share", "both_sides"], colors=styles,
    xlabel="Mean over articles (95% CI)",
    labels={"anonymous_share": "Share of quotes from anonymous sources",
            "both_sides": f"Quotes both {labels.get(side_a, side_a)} and "
                          f"{labels.get(side_b, side_b)}"},
)  # fmt: skip
save_figure(
    fig,
    "voices-anonymous-both-sides",
    data=data,
    caption=(
        f"Articles on {topic}: mean share of quotes from anonymous sources, and the share of "
        f"articles quoting both {side_a} and {side_b} among those quoting either, with 95% "
        "bootstrap CIs (clustered by day)."
    ),
    out_dir=figures_dir,
    parameters=params,
    inputs=inputs,
)
fig

# %%
save_table(
    est[["outlet", "measure", "estimate", "ci_low", "ci_high", "n_docs"]],
    "voices-estimates",
    out_dir=tables_dir,
    caption=f"Sourcing measures per outlet, articles on {topic}, with 95% bootstrap CIs.",
    parameters=params,
    inputs=inputs,
)
est.pivot(index="outlet", columns="measure", values="estimate").round(2)

# %% [markdown]
# Pairwise differences in the anonymous share (the mean over articles of each
# article's share of anonymous quotes), with bootstrap-t p-values (articles as units;
# none for an outlet with fewer than 10 articles) adjusted for the number of pairs
# (Holm; Benjamini-Hochberg as `p_bh`).

# %%
diffs = pairwise(measures, "anonymous_share", n_boot=boot, n_perm=perm, seed=2)
save_table(
    diffs,
    "voices-anonymous-differences",
    out_dir=tables_dir,
    caption=f"Pairwise differences in the share of anonymous quotes, articles on {topic}.",
    parameters=params,
    inputs=inputs,
)
diffs.sort_values("p_holm").head(10)

# %% [markdown]
# ## The quotes behind the numbers
#
# A reproducible sample of quotes from the chosen group in each outlet, with the rest
# of their sentence, so a reader can check what was counted.

# %%
quote_evidence(quotes, articles, group=evidence_group, n_per_outlet=n_evidence, seed=3)[
    ["outlet", "speaker", "left", "quote", "right"]
]

# %% [markdown]
# ## Speakers no group matched
#
# The most quoted speakers that `actors.yaml` does not place. Add the ones that matter
# to a copy of the file (people, names or patterns) and pass it as `actors`.

# %%
unmatched = unmatched_speakers(quotes)
save_table(
    unmatched.head(50),
    "voices-unmatched-speakers",
    out_dir=tables_dir,
    caption=f"Most quoted speakers matched by no actor group, articles on {topic}.",
    parameters=params,
    inputs=inputs,
)
unmatched.head(15)
