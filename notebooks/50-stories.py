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
# # Same story, different frames
#
# An outlet difference in a frame measure mixes two things: **which stories** an outlet
# covers (selection) and **how** it covers a story that others cover too (framing).
# Syndication adds a third: a wire text run by ten outlets counts ten times. This report
# separates them:
#
# 1. **Wire copies**: clusters of near-identical texts (MinHash over word 5-shingles
#    with LSH), the likely source of each (wires first, else the earliest) and the share
#    of each outlet's articles that reprint another outlet.
# 2. **Stories**: articles about the same event across outlets (TF-IDF cosine of
#    headline and lead within a few days, mutual nearest neighbours): the story map.
# 3. **Selection**: the share of the multi-outlet stories each outlet covered, and how
#    often it was first.
# 4. **Framing**: a measure compared between two sides *within the stories both
#    covered* (the mean per-story difference), beside the pooled difference of all their
#    articles; the gap between the two is what story selection contributes. Intervals
#    come from a bootstrap over stories.

# %% tags=["parameters"]
corpus: str = "corpora/demo"  # corpus folder or file, relative to the project root
topics_file: str = "corpora/topics.yaml"  # topic queries (see framing.topics)
topic: str = ""  # topic id from the topics file; empty keeps every article
outlets: list = []  # canonical outlet names to keep; [] keeps every outlet
start: str = ""  # first publication day kept (ISO date, e.g. 2025-06-01); empty for no limit
end: str = ""  # last publication day kept (ISO date); empty for no limit
lexicon: str = "topic_frames"  # built-in lexicon name or a dictionary file (.yaml, .dic)
measure: str = "humanitarian"  # lexicon column compared within stories: a category (term count) or <category>_per_1k
side_a: str = "The Monsoon Herald"  # first side of the contrast (a value of group_column)
side_b: str = "Nord Vestnik International"  # second side of the contrast (a value of group_column)
group_column: str = "outlet"  # column naming the sides (outlet, outlet_type, outlet_lean)
duplicates: str = "drop_reprints"  # near-duplicates policy: keep, first, drop_reprints or weight
dedup_threshold: float = 0.4  # estimated Jaccard of 5-shingle sets for near-duplicates
story_threshold: float = 0.3  # cosine of headline and lead TF-IDF linking two articles
window_days: int = 3  # largest gap in days between two linked articles of a story
n_stories: int = 15  # stories drawn on the story map
n_boot: int = 2000  # bootstrap resamples (over stories) for the intervals
output_dir: str = "reports/interactive"  # folder for figures/ and tables/ (the runner sets it)
smoke: bool = False  # fast run for tests: few resamples, fewer stories on the map

# %% [markdown]
# Derived values: paths resolve from the project root (so the defaults work in
# JupyterLab too), and the smoke switch lowers the resampling.

# %%
import pandas as pd

from framing.corpus import load_corpus, resolve_path, subset
from framing.export import save_figure, save_table
from framing.lexicon import list_lexicons, load_lexicon, score
from framing.plots import outlet_styles, prevalence_plot, story_map_plot
from framing.stories import (
    DUPLICATE_POLICIES,
    apply_duplicates,
    duplicates_note,
    find_duplicates,
    reprints_by_outlet,
    story_clusters,
    story_coverage,
    within_stories,
)
from framing.topics import load_topics, select

corpus_path = resolve_path(corpus)
out = resolve_path(output_dir)
figures_dir, tables_dir = out / "figures", out / "tables"
lex = load_lexicon(lexicon if lexicon in list_lexicons() else resolve_path(lexicon))
boot = 200 if smoke else n_boot
map_rows = 8 if smoke else n_stories
pd.set_option("display.max_colwidth", 100)

# %% [markdown]
# ## The articles

# %%
full = load_corpus(corpus_path)
articles = subset(full, outlets=outlets, start=start, end=end)
if topic:
    articles = select(articles, topic, topics=load_topics(resolve_path(topics_file)))
styles = outlet_styles(full["outlet"].unique())
inputs = {"corpus": full, "lexicon": lex}
params = {
    "topic": topic,
    "outlets": outlets,
    "start": start,
    "end": end,
    "lexicon": lexicon,
    "measure": measure,
    "side_a": side_a,
    "side_b": side_b,
    "group_column": group_column,
    "duplicates": duplicates,
    "dedup_threshold": dedup_threshold,
    "story_threshold": story_threshold,
    "window_days": window_days,
    "n_boot": boot,
}
scope = f"articles on {topic}" if topic else "all articles"
articles.groupby("outlet").size().rename("articles").to_frame()

# %% [markdown]
# ## Wire copies
#
# Near-duplicate clusters: texts whose sets of five-word sequences overlap with an
# estimated Jaccard similarity of at least `dedup_threshold`. `role` is `source` for the
# likely original (the earliest article of an outlet typed `wire` in outlets.yaml, else
# the earliest article), `reprint` for a copy run by another outlet and `copy` for a copy
# in the source's own outlet. `shared_with_source` is the share of the copy's text found
# in the source (below 1 when paragraphs were added), `source_kept` the share of the
# source kept in the copy (below 1 when it was trimmed).

# %%
dups = find_duplicates(articles, threshold=dedup_threshold)
reprints = reprints_by_outlet(dups, articles)
fig, data = prevalence_plot(
    reprints.assign(measure="share_reprints", estimate=reprints["share_reprints"]),
    order="estimate",
    colors=styles,
    xlabel="Share of the outlet's articles (95% Wilson CI)",
    labels={"share_reprints": "Reprints of another outlet's text"},
)
save_figure(
    fig,
    "reprints-by-outlet",
    data=data,
    caption=(
        f"Share of each outlet's articles ({scope}) that reprint another outlet's text "
        f"(MinHash near-duplicates, estimated Jaccard >= {dedup_threshold}), Wilson 95% intervals."
    ),
    out_dir=figures_dir,
    parameters=params,
    inputs=inputs,
)
save_table(
    dups.drop(columns=["date"]),
    "near-duplicates",
    out_dir=tables_dir,
    caption=f"Near-duplicate clusters ({scope}): members, roles and the text each shares with its source.",
    parameters=params,
    inputs=inputs,
)
fig

# %%
reprints

# %%
dups.head(30)

# %% [markdown]
# ## The story map
#
# Stories are groups of articles about the same event: two articles are linked when the
# cosine similarity of their headline-and-lead TF-IDF vectors reaches `story_threshold`,
# they are at most `window_days` apart and each is among the other's ten most similar
# articles. The map shows the stories covered by the most outlets; a label gives the
# story's top terms and its earliest headline.

# %%
stories, assigned = story_clusters(articles, threshold=story_threshold, window_days=window_days)
fig, data = story_map_plot(stories, assigned, n=map_rows, colors=styles)
save_figure(
    fig,
    "story-map",
    data=data,
    caption=(
        f"The {map_rows} stories ({scope}) covered by the most outlets: one marker per "
        f"article, coloured by outlet; stories link articles within {window_days} days whose "
        f"headline-and-lead TF-IDF cosine is at least {story_threshold}."
    ),
    out_dir=figures_dir,
    parameters=params,
    inputs=inputs,
)
save_table(
    stories.drop(columns=["first_date", "last_date"]).head(50),
    "stories",
    out_dir=tables_dir,
    caption=f"Story clusters ({scope}), first 50 by date.",
    parameters=params,
    inputs=inputs,
)
fig

# %%
print(
    f"{len(stories)} stories hold {assigned['story_id'].notna().sum()} of "
    f"{len(assigned)} articles; {(stories['n_outlets'] >= 2).sum()} were covered by two or "
    f"more outlets; {assigned.attrs['n_undated']} undated articles are in no story."
)
stories.sort_values(["n_outlets", "n_articles"], ascending=False).head(10)

# %% [markdown]
# ## Selection: which stories each outlet covered
#
# Among the stories covered by at least two outlets: the share each outlet covered
# (Wilson interval), how many it covered first and its median delay in hours after the
# story's first article. The near-duplicate policy applies: under `drop_reprints` an
# outlet that only ran the wire's text is not credited with covering the story.

# %%
meta = [c for c in ("doc_id", "outlet_type", "outlet_lean") if c in articles.columns]
table = assigned.merge(articles[meta], on="doc_id", how="left")
coverage = story_coverage(table, group=group_column, dups=dups, duplicates=duplicates)
fig, data = prevalence_plot(
    coverage,
    group=group_column,
    order="estimate",
    colors=styles if group_column == "outlet" else None,
    xlabel="Share of multi-outlet stories covered (95% Wilson CI)",
    labels={"share_covered": "Stories covered"},
)
save_figure(
    fig,
    "story-coverage",
    data=data,
    caption=(
        f"Share of the {int(coverage['n_stories'].max())} stories covered by two or more "
        f"outlets ({scope}) that each {group_column} covered. "
        + duplicates_note(duplicates, coverage.attrs["duplicates"])
    ),
    out_dir=figures_dir,
    parameters=params,
    inputs=inputs,
)
save_table(
    coverage,
    "story-coverage",
    out_dir=tables_dir,
    caption=f"Story coverage per {group_column} ({scope}). "
    + duplicates_note(duplicates, coverage.attrs["duplicates"]),
    parameters=params,
    inputs=inputs,
)
fig

# %%
coverage

# %% [markdown]
# ## Framing within shared stories, against the pooled difference
#
# `pooled` is the difference of the two sides' means over all their articles, as an
# ordinary outlet comparison gives it. `within stories` is the mean, over the stories
# both sides covered, of the per-story difference: each shared story counts once, so a
# side's choice of stories cannot move it. `selection` is pooled minus within: the part
# of the pooled difference that comes from covering different stories. The intervals
# resample stories (articles in no story count as their own cluster), the same draws
# for all three rows.

# %%
scores = score(articles, lex)
measures = [measure] + ([f"{measure}_per_1k"] if f"{measure}_per_1k" in scores.columns else [])
framing_table = table.merge(scores, on="doc_id")
contrasts = {
    policy: within_stories(
        framing_table,
        measures,
        a=side_a,
        b=side_b,
        group=group_column,
        n_boot=boot,
        dups=dups,
        duplicates=policy,
        seed=1,
    )
    for policy in DUPLICATE_POLICIES
}
contrast = contrasts[duplicates]
fig, data = prevalence_plot(
    contrast,
    group="comparison",
    order=["pooled", "within stories", "selection"],
    xlabel="Difference (95% CI)",
    labels={m: f"{m}: {side_a} - {side_b}" for m in measures},
)
save_figure(
    fig,
    "within-vs-pooled",
    data=data,
    caption=(
        f"Difference {side_a} - {side_b} in {', '.join(measures)} ({scope}): pooled over all "
        "their articles, within the stories both covered (mean per-story difference) and "
        "the selection part (pooled - within); 95% intervals from a bootstrap over stories. "
        + duplicates_note(duplicates, contrast.attrs["duplicates"])
    ),
    out_dir=figures_dir,
    parameters=params,
    inputs=inputs,
)
fig

# %% [markdown]
# The same contrast under every near-duplicate policy (computed above): how much of the
# difference depends on counting wire copies.

# %%
by_policy = pd.concat(
    [est.assign(duplicates=policy) for policy, est in contrasts.items()],
    ignore_index=True,
)
save_table(
    by_policy,
    "within-vs-pooled",
    out_dir=tables_dir,
    caption=(
        f"Difference {side_a} - {side_b} ({scope}): pooled, within shared stories and "
        "selection, under each near-duplicate policy (column duplicates)."
    ),
    parameters=params,
    inputs=inputs,
)
by_policy[
    ["duplicates", "measure", "comparison", "estimate", "ci_low", "ci_high", "n_docs", "n_stories"]
]

# %% [markdown]
# How many articles each policy keeps for the two sides:

# %%
pd.DataFrame(
    [apply_duplicates(articles, dups, policy).attrs["duplicates"] for policy in DUPLICATE_POLICIES]
).drop(columns="note")
