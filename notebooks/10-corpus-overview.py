# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python (framing kit)
#     language: python
#     name: framing-kit
# ---

# %% [markdown]
# # Corpus overview
#
# What is in the corpus before any framing measure is computed: which outlets (with
# their type, country and lean), how many articles per outlet and month, how long they
# are, which texts repeat (wire stories reprinted by other outlets), which records were
# rejected on import, and which articles the topic query selects, with the words that
# matched. Every later notebook works on the sub-corpus selected here, so read this one
# first: a comparison between outlets is only as good as the articles behind it.
#
# All numbers come from `framing.corpus` and `framing.topics`; this notebook only calls
# and displays them. Run it from JupyterLab or in batch with `framing report`.

# %% tags=["parameters"]
corpus: str = "corpora/demo"  # corpus folder or file, relative to the project root
topics_file: str = "corpora/topics.yaml"  # topic queries (see framing.topics)
topic: str = "us_russia_talks"  # topic id from the topics file: its matches are shown
outlets_file: str = ""  # outlets.yaml with aliases and groups; empty: the corpus folder's
outlets: list = []  # canonical outlet names to keep; [] keeps every outlet
group_column: str = "outlet_type"  # outlet column forming groups; empty: none
label_column: str = "topic"  # column holding the study's topic ids (hand labels); empty: none
freq: str = "M"  # time step of the articles-per-period figure: W, M, Q or Y
min_articles: int = 5  # outlets with fewer articles are pooled in the per-period figure
start: str = ""  # first publication day kept (ISO date, e.g. 2025-06-01); empty for no limit
end: str = ""  # last publication day kept (ISO date); empty for no limit
n_examples: int = 3  # example matches shown per outlet
output_dir: str = "reports/interactive"  # folder for figures/ and tables/ (the runner sets it)
smoke: bool = False  # fast run for tests: one example per outlet

# %% [markdown]
# Derived values: paths are resolved from the project root, so the defaults work both
# under `framing report` (working directory: the project root) and in JupyterLab
# (working directory: `notebooks/`).

# %%

import pandas as pd

from framing.compare import pool_outlets
from framing.corpus import corpus_summary, load_outlets, resolve_path, subset
from framing.export import save_figure, save_table
from framing.plots import heatmap
from framing.study import topic_articles, topic_flags
from framing.topics import compare_to_labels, load_topics

corpus_path = resolve_path(corpus)
out = resolve_path(output_dir)
figures_dir, tables_dir = out / "figures", out / "tables"
n_shown = 1 if smoke else n_examples
topics = load_topics(resolve_path(topics_file))
pd.set_option("display.max_colwidth", 120)

# %% [markdown]
# ## Loading
#
# The corpus is read once for every report of the study (`framing.study.topic_articles`,
# cached): every record is validated (strict mode: the first problem stops the load with
# a message naming file, line and field) and outlet metadata joined from the outlets
# file; every topic query is matched in the same pass. What is kept is a catalogue of
# all articles without their texts (words, tokens and a hash of each text in their
# place) and the articles of each topic, so a corpus of any size fits in memory. The
# counts below are read / kept / rejected records and text warnings (e.g. suspected
# mojibake). The outlet and date filters of the parameters are applied next; articles
# without a date are left out only when a date limit is set.

# %%
where = {"topics_file": topics_file, "outlets_file": outlets_file}
full, selected = topic_articles(
    corpus, topic=topic, outlets=outlets, start=start, end=end, min_selected=0, **where
)
articles = subset(full, outlets=outlets, start=start, end=end)
inputs = {"corpus": full}
params = {"corpus": corpus, "outlets": outlets, "start": start, "end": end}
pd.DataFrame([{**full.attrs["validation"], **articles.attrs["subset"]}]).T.rename(
    columns={0: "value"}
)

# %% [markdown]
# ## Outlets
#
# The outlets as the study's outlets file (or the corpus folder's `outlets.yaml`)
# describes them: the canonical name used everywhere in the kit, the aliases mapped to
# it on import, and the type (wire, state-affiliated, public, private), country and
# lean used to group outlets in comparisons; then the articles per outlet group.

# %%
described = resolve_path(outlets_file) if outlets_file else corpus_path / "outlets.yaml"
outlet_table = (
    load_outlets(described)
    if described.is_file()
    else articles[["outlet"]].drop_duplicates().sort_values("outlet")
)
outlet_table

# %%
(
    articles.groupby(group_column, dropna=False).agg(
        outlets=("outlet", "nunique"), articles=("doc_id", "size")
    )
    if group_column in articles.columns
    else f"no group column {group_column!r}"
)

# %% [markdown]
# ## Size, time span and article length
#
# Words are the kit's tokens, as in every per-1,000-token rate. A very short median
# length for one outlet (briefs, headlines only) changes what per-1,000-token rates mean
# for it: rates of short texts are noisier.

# %%
summary = corpus_summary(articles)
summary["overview"]

# %%
lengths = (
    articles.rename(columns={"text_tokens": "words"})
    .groupby("outlet")["words"]
    .describe()[["count", "min", "50%", "mean", "max"]]
    .rename(columns={"50%": "median"})
    .merge(summary["outlets"].set_index("outlet")[["first", "last"]], on="outlet")
)
save_table(
    lengths.reset_index(),
    "outlet-lengths",
    out_dir=tables_dir,
    caption="Articles per outlet: count, length in words (min, median, mean, max), first and last date.",
    float_format="{:.0f}",
    parameters=params,
    inputs=inputs,
)
lengths

# %% [markdown]
# ### Articles per outlet and period
#
# Each cell counts the articles an outlet published in a period (`freq`: week, month,
# quarter or year; UTC); outlets with fewer than `min_articles` articles in all are
# pooled in one row. Read the rows
# for gaps: a month with few articles gives wide intervals in the time figures of
# `20-lexicon-frames`, and an outlet that only covers part of the period is compared
# with the others on different events. Undated articles are left out of this figure
# (the overview above counts them).

# %%
dated = pool_outlets(articles, min_docs=min_articles).dropna(subset=["date"])
period = pd.to_datetime(dated["date"], utc=True).dt.tz_localize(None).dt.to_period(freq)
months = (
    dated.assign(measure=period.astype(str))
    .groupby(["outlet", "measure"], as_index=False)
    .size()
    .rename(columns={"size": "articles"})
)
fig, data = heatmap(
    months,
    value="articles",
    fmt="{:.0f}",
    colorbar_label="Articles",
    width="double",
)
save_figure(
    fig,
    "articles-by-month",
    data=data,
    caption=f"Articles per outlet and period ({freq}, UTC); small outlets pooled.",
    out_dir=figures_dir,
    parameters=params,
    inputs=inputs,
)
fig

# %% [markdown]
# ## Repeated texts and reprints
#
# Texts that occur more than once, word for word (after normalisation), usually wire
# stories reprinted by other outlets. They count once per outlet that printed them,
# which is right for "what did readers of outlet X see" but inflates the similarity of
# outlets that share a wire. Lightly edited reprints are not caught here; when the
# corpus records them (the demo's `reprint_of` field), they are counted below.

# %%
summary["duplicates"]

# %%
(
    articles.groupby("outlet")["reprint_of"].agg(reprints="count")
    if "reprint_of" in articles.columns
    else "this corpus has no reprint_of field"
)

# %% [markdown]
# ## Rejected records
#
# `framing corpus import --lenient` keeps problem records aside in `rejected.jsonl`
# beside the corpus, with the field and the reason. Counted here by field; look at a
# few before trusting the rest (a systematic problem, e.g. every record of one outlet
# missing its date, biases comparisons).

# %%
rejected_file = corpus_path / "rejected.jsonl"
rejected = pd.read_json(rejected_file, lines=True) if rejected_file.is_file() else None
(
    rejected.groupby("field", dropna=False)["reason"].agg(["count", "first"])
    if rejected is not None and len(rejected)
    else f"no rejected records ({rejected_file.name} absent or empty)"
)

# %% [markdown]
# ## Topics
#
# Every topic query of the topics file applied to every article: the number of
# articles per outlet each query selects. An article can match several topics (a
# Rubio-Lavrov meeting on the sidelines of an ASEAN meeting) or none (off-topic news).

# %%
matches = topic_flags(corpus, **where).loc[articles.index]
topic_counts = (
    matches.merge(articles[["doc_id", "outlet"]], on="doc_id").groupby("outlet")[list(topics)].sum()
)
topic_counts.loc["all outlets"] = topic_counts.sum()
topic_counts

# %% [markdown]
# ### The selected topic
#
# `framing.topics.select` keeps the articles matching the topic's query and records
# the matched words (`topic_matches`) and the number of matches (`topic_hits`). Read
# the examples: an article selected only through a weak word (a passing mention)
# suggests tightening the query (`min_hits`, `within`, `none_of`).

# %%
print(
    f"{topic}: {len(selected)} of {len(articles)} articles selected "
    f"({len(selected) / max(len(articles), 1):.0%})."
)
selected.groupby("outlet").head(n_shown)[
    ["outlet", "date", "title", "topic_matches", "topic_hits"]
].sort_values(["outlet", "date"])

# %% [markdown]
# ### Selection against known labels
#
# When a column of the corpus (`label_column`) carries hand (or, in the demo, planted)
# labels with the study's topic ids, the table
# crosses it with the query's selection: the column `True` of the row of the topic
# is what the query found; the row of the topic in column `False` is what it missed;
# other rows in column `True` are articles of other topics it took in. Precision is
# the share of selected articles labelled with the topic, recall the share of labelled
# articles selected (Stryker et al. 2006 on validating search terms).

# %%
labelled = label_column in articles.columns and bool((articles[label_column] == topic).any())
check = (
    pd.crosstab(
        articles[label_column].fillna("(none)"),
        articles["doc_id"].isin(selected["doc_id"]).rename("selected"),
        margins=True,
    )
    if labelled
    else None
)
(
    compare_to_labels(articles, selected, topic, column=label_column)
    if labelled
    else f"no article has {label_column or 'a label column'} = {topic!r}: no labels to check "
    "the query against (see framing topics sample/check to judge a sample)"
)

# %%
check

# %% [markdown]
# ### Selected articles per outlet
#
# The number of selected articles per outlet bounds the precision of every per-outlet
# estimate in the next notebooks: with about 20 articles an outlet's share of
# articles using a frame has a 95% interval roughly +/- 0.2 wide.

# %%
per_outlet = (
    selected.groupby("outlet")
    .agg(articles=("doc_id", "size"), first=("date", "min"), last=("date", "max"))
    .reset_index()
)
save_table(
    per_outlet,
    f"selected-{topic}",
    out_dir=tables_dir,
    caption=f"Articles selected by the topic query '{topic}', per outlet.",
    parameters={**params, "topic": topic, "topics_file": topics_file},
    inputs=inputs,
)
per_outlet
