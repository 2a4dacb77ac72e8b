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
# 4. **Framing**: each lexicon frame's rate compared between two sides *within the
#    stories both covered* (the mean per-story difference), beside the pooled difference
#    of all their articles; the gap between the two is what story selection contributes. Intervals
#    come from a bootstrap over stories.
#
# Everything runs on the study's articles of one topic. The contrasts use the study's
# names: its focus outlet against the other outlets, and its target group (a value of
# `group_column`) against the other groups. When a name does not fit the data (empty,
# absent, or in no story shared with another side) the outlet or group in the most
# shared stories is taken instead, and the report says so.

# %% tags=["parameters"]
corpus: str = "corpora/demo"  # corpus folder or file, relative to the project root
topics_file: str = "corpora/topics.yaml"  # topic queries (see framing.topics)
topic: str = "us_russia_talks"  # topic id from the topics file
outlets_file: str = ""  # outlets.yaml with aliases, groups and wires; empty: the corpus folder's
outlets: list = []  # canonical outlet names to keep; [] keeps every outlet
start: str = ""  # first publication day kept (ISO date, e.g. 2025-06-01); empty for no limit
end: str = ""  # last publication day kept (ISO date); empty for no limit
lexicon: str = "topic_frames"  # built-in lexicon name or a dictionary file (.yaml, .dic)
frames: list = []  # lexicon categories compared (terms per 1,000 tokens); [] compares every one
focus_outlet: str = "Nord Vestnik International"  # outlet compared with the others; empty or absent: the one in most shared stories
compare_outlet: str = ""  # outlet the focus outlet is compared with; empty: every other outlet
group_column: str = "outlet_type"  # outlet column forming groups (outlet_type, outlet_lean); empty: no group contrast
target_group: str = "state-affiliated"  # group compared with the other groups; empty or absent: the one in most shared stories
min_articles: int = 5  # figures show the outlets with at least this many articles
duplicates: str = "drop_reprints"  # near-duplicates policy: keep, first, drop_reprints or weight
dedup_threshold: float = 0.4  # estimated Jaccard of 5-shingle sets for near-duplicates
story_threshold: float = 0.3  # cosine of headline and lead TF-IDF linking two articles
window_days: int = 3  # largest gap in days between two linked articles of a story
n_stories: int = 15  # stories drawn on the story map
n_boot: int = 2000  # bootstrap resamples (over stories) for the intervals
output_dir: str = "reports/interactive"  # folder for figures/ and tables/ (the runner sets it)
smoke: bool = False  # fast run for tests: few resamples, three frames, fewer stories on the map

# %% [markdown]
# Derived values: paths resolve from the project root (so the defaults work in
# JupyterLab too), the lexicon is loaded and the smoke switch lowers the resampling.

# %%
import pandas as pd

from framing.corpus import resolve_path
from framing.export import save_figure, save_table
from framing.lexicon import load_lexicon, score
from framing.plots import prevalence_plot, story_map_plot
from framing.reports import not_applicable
from framing.stories import (
    DUPLICATE_POLICIES,
    apply_duplicates,
    duplicates_note,
    find_duplicates,
    reprints_by_outlet,
    story_clusters,
    story_coverage,
    story_sides,
    within_stories,
)
from framing.study import figure_styles, topic_articles

out = resolve_path(output_dir)
figures_dir, tables_dir = out / "figures", out / "tables"
lex = load_lexicon(lexicon)
shown = lex.check_categories(frames)[: 3 if smoke else None]
measures = [f"{frame}_per_1k" for frame in shown]
boot = 200 if smoke else n_boot
map_rows = 8 if smoke else n_stories
pd.set_option("display.max_colwidth", 100)

# %% [markdown]
# ## The articles

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
has_groups = bool(group_column) and group_column in articles.columns
styles = figure_styles(full, group_column=group_column if has_groups else "")
counts = articles["outlet"].value_counts()
drawn = set(counts.index[counts >= min_articles]) or set(counts.index)
inputs = {"corpus": full, "lexicon": lex}
params = {
    "topic": topic,
    "outlets": outlets,
    "start": start,
    "end": end,
    "lexicon": lexicon,
    "frames": shown,
    "focus_outlet": focus_outlet,
    "compare_outlet": compare_outlet,
    "group_column": group_column,
    "target_group": target_group,
    "duplicates": duplicates,
    "dedup_threshold": dedup_threshold,
    "story_threshold": story_threshold,
    "window_days": window_days,
    "n_boot": boot,
}
scope = f"articles on {topic}"
print(f"{len(articles)} articles on {topic} from {articles['outlet'].nunique()} outlets.")
counts.rename("articles").head(30).to_frame()

# %% [markdown]
# ## Wire copies
#
# Near-duplicate clusters: texts whose sets of five-word sequences overlap with an
# estimated Jaccard similarity of at least `dedup_threshold`. `role` is `source` for the
# likely original (the earliest article of an outlet typed `wire` in outlets.yaml, else
# the earliest article), `reprint` for a copy run by another outlet and `copy` for a copy
# in the source's own outlet. `shared_with_source` is the share of the copy's text found
# in the source (below 1 when paragraphs were added), `source_kept` the share of the
# source kept in the copy (below 1 when it was trimmed). The figure shows the outlets
# with at least `min_articles` articles; the table below it lists every outlet.

# %%
dups = find_duplicates(articles, threshold=dedup_threshold)
reprints = reprints_by_outlet(dups, articles)
fig, data = prevalence_plot(
    reprints[reprints["outlet"].isin(drawn)].assign(
        measure="share_reprints", estimate=reprints["share_reprints"]
    ),
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
        f"Share of each outlet's articles ({scope}; outlets with at least {min_articles}) "
        "that reprint another outlet's text (MinHash near-duplicates, estimated Jaccard >= "
        f"{dedup_threshold}), Wilson 95% intervals."
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
reprints[reprints["n_reprints"] + reprints["n_reprinted"] > 0]

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
if not (stories["n_outlets"] >= 2).any():
    not_applicable(
        f"no story of the {len(articles)} articles on {topic} was covered by two or more "
        f"outlets (story_threshold {story_threshold}, window_days {window_days}; "
        f"{assigned.attrs['n_undated']} undated articles are in no story): there is no "
        "shared story to compare within. Check that the articles are dated, or lower "
        "story_threshold or widen window_days."
    )
fig, data = story_map_plot(stories, assigned, n=map_rows, colors=styles)
save_figure(
    fig,
    "story-map",
    data=data,
    caption=(
        f"The {min(map_rows, len(stories))} stories ({scope}) covered by the most outlets: "
        f"one marker per article, coloured by outlet; stories link articles within "
        f"{window_days} days whose headline-and-lead TF-IDF cosine is at least "
        f"{story_threshold}."
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
# outlet that only ran another outlet's text is not credited with covering the story.
# The figure shows the outlets with at least `min_articles` articles.

# %%
meta = ["doc_id", group_column] if has_groups else ["doc_id"]
table = assigned.merge(articles[meta], on="doc_id", how="left")
coverage = story_coverage(table, dups=dups, duplicates=duplicates)
note = duplicates_note(duplicates, coverage.attrs["duplicates"])
fig, data = prevalence_plot(
    coverage[coverage["outlet"].isin(drawn)],
    order="estimate",
    colors=styles,
    xlabel="Share of multi-outlet stories covered (95% Wilson CI)",
    labels={"share_covered": "Stories covered"},
)
save_figure(
    fig,
    "story-coverage",
    data=data,
    caption=(
        f"Share of the {int(coverage['n_stories'].max())} stories covered by two or more "
        f"outlets ({scope}) that each outlet covered (outlets with at least {min_articles} "
        f"articles). {note}"
    ),
    out_dir=figures_dir,
    parameters=params,
    inputs=inputs,
)
group_coverage = (
    story_coverage(table, group=group_column, dups=dups, duplicates=duplicates)
    if has_groups
    else None
)
save_table(
    pd.concat([coverage, group_coverage]) if has_groups else coverage,
    "story-coverage",
    out_dir=tables_dir,
    caption=f"Story coverage per outlet{' and per ' + group_column if has_groups else ''} "
    f"({scope}). {note}",
    parameters=params,
    inputs=inputs,
)
fig

# %%
group_coverage if has_groups else coverage.head(20)

# %% [markdown]
# ## Framing within shared stories, against the pooled difference
#
# Two contrasts: the focus outlet against the other outlets, and the target group
# against the other groups of `group_column`. `pooled` is the difference of the two
# sides' means over all their articles (means of article-level rates per 1,000 tokens,
# not the rate of the pooled tokens), as an ordinary outlet comparison gives it.
# `within stories` is the mean, over the stories both sides covered, of the per-story
# difference: each shared story counts once, so a side's choice of stories cannot move
# it. `selection` is pooled minus within: the part of the pooled difference that comes
# from covering different stories. The intervals resample stories (articles in no story
# count as their own cluster), the same draws for all three rows.

# %%
sides = {"outlet": story_sides(table, a=focus_outlet, b=compare_outlet)}
if has_groups:
    sides[group_column] = story_sides(table, group=group_column, a=target_group)
pd.DataFrame(sides).T[["label_a", "label_b", "n_shared", "note"]]

# %%
compared = {column: side for column, side in sides.items() if side["n_shared"]}
if not compared:
    not_applicable(
        f"no story on {topic} was covered by both sides of a contrast: "
        + " ".join(side["note"] for side in sides.values())
    )
framing_table = table.merge(score(articles, lex), on="doc_id")
contrasts = pd.concat(
    [
        within_stories(
            framing_table,
            measures,
            a=side["a"],
            b=side["b"],
            group=column,
            labels=(side["label_a"], side["label_b"]),
            n_boot=boot,
            dups=dups,
            duplicates=policy,
            seed=1,
        ).assign(sides=column, duplicates=policy)
        for column, side in compared.items()
        for policy in DUPLICATE_POLICIES
    ],
    ignore_index=True,
)
chosen = contrasts[contrasts["duplicates"] == duplicates]
fig, data = prevalence_plot(
    chosen.assign(row=chosen["contrast"] + ": " + chosen["comparison"]),
    group="row",
    order=list(dict.fromkeys(chosen["contrast"] + ": " + chosen["comparison"])),
    xlabel="Difference (95% CI)",
    labels=dict(zip(measures, shown, strict=True)),
)
save_figure(
    fig,
    "within-vs-pooled",
    data=data,
    caption=(
        f"Differences in the mean article-level rates of frame terms per 1,000 tokens ({scope}) for "
        + "; ".join(f"{s['label_a']} - {s['label_b']}" for s in compared.values())
        + ": pooled over all their articles, within the stories both covered (mean "
        "per-story difference) and the selection part (pooled - within); 95% intervals "
        f"from a bootstrap over stories. {note}"
    ),
    out_dir=figures_dir,
    parameters=params,
    inputs=inputs,
)
fig

# %% [markdown]
# The same contrasts under every near-duplicate policy: how much of a difference depends
# on counting wire copies.

# %%
save_table(
    contrasts,
    "within-vs-pooled",
    out_dir=tables_dir,
    caption=(
        f"Within-story and pooled differences ({scope}) for each contrast (column sides) "
        "under each near-duplicate policy (column duplicates)."
    ),
    parameters=params,
    inputs=inputs,
)
contrasts.drop(columns=["note", "n_docs_a", "n_docs_b"]).round(3)

# %% [markdown]
# How many articles each policy keeps:

# %%
pd.DataFrame(
    [apply_duplicates(articles, dups, policy).attrs["duplicates"] for policy in DUPLICATE_POLICIES]
).drop(columns="note")
