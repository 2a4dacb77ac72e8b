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
# # Frames by outlet, measured with a supervised classifier
#
# Hand codes give each coded article its primary frame. This notebook checks how
# reliable the codes are, trains a classifier on them (`framing.classify.FrameClassifier`:
# TF-IDF features of the kit's tokens and a linear model with a decision rule tuned
# inside the training data), says how well it does
# against trivial baselines and on outlets it never saw, estimates each outlet's
# frame prevalence on the topic with it, and sets those estimates beside the
# dictionary's from `20-lexicon-frames`.
#
# The two measures answer different questions: the classifier predicts an article's
# **primary** frame (one per article), the dictionary flags **any** use of a frame's
# words. Agreement is therefore expected to be partial; large disagreements point to
# articles worth reading.

# %% tags=["parameters"]
corpus: str = "corpora/demo"  # corpus folder or file, relative to the project root
annotations: str = "corpora/demo/annotations.csv"  # hand codes: doc_id, coder, frame
codebook: str = "corpora/demo/codebook.yaml"  # the codebook the codes follow
topics_file: str = "corpora/topics.yaml"  # topic queries (see framing.topics)
topic: str = "us_russia_talks"  # topic id: prevalence is estimated on its articles
lexicon: str = "topic_frames"  # lexicon compared with the classifier (same frame names)
adjudicator: str = "coder_a"  # coder whose code settles ties between coders; empty: majority
outlets_file: str = ""  # outlets.yaml with aliases and groups; empty: the corpus folder's
outlets: list = []  # canonical outlet names to keep; [] keeps every outlet
min_articles: int = 5  # outlets with fewer selected articles are pooled in the figures
boilerplate: bool = True  # drop lines each outlet repeats (captions, footers) before training
start: str = ""  # first publication day kept (ISO date, e.g. 2025-06-01); empty for no limit
end: str = ""  # last publication day kept (ISO date); empty for no limit
n_splits: int = 5  # cross-validation folds
n_boot: int = 1000  # bootstrap resamples for the intervals
output_dir: str = "reports/interactive"  # folder for figures/ and tables/ (the runner sets it)
smoke: bool = False  # fast run for tests: 3 folds, 100 resamples, no learning curve

# %% [markdown]
# Derived values: paths resolve from the project root; the smoke switch lowers the
# resampling and skips the learning curve.

# %%
import pandas as pd

from framing.annotate import gold_labels, load_annotations, load_codebook, reliability
from framing.classify import (
    FrameClassifier,
    confusion_plot,
    evaluate,
    learning_curve_plot,
    lexicon_agreement,
    prevalence,
    reliability_plot,
    top_terms,
    training_data,
)
from framing.compare import by_outlet, pool_outlets
from framing.corpus import remove_boilerplate, resolve_path
from framing.export import save_figure, save_table
from framing.lexicon import load_lexicon, score
from framing.plots import heatmap, prevalence_plot
from framing.reports import not_applicable
from framing.study import corpus_articles, corpus_boilerplate, figure_styles, topic_articles

if not annotations:
    not_applicable(
        "the study has no hand codes. Code a sample of articles (framing classify suggest "
        "draws one), then add `annotations:` and `codebook:` to the study file."
    )
out = resolve_path(output_dir)
figures_dir, tables_dir = out / "figures", out / "tables"
lex = load_lexicon(lexicon)
folds = 3 if smoke else n_splits
boot = 100 if smoke else n_boot
curve = None if smoke else (0.2, 0.4, 0.6, 0.8, 1.0)
pd.set_option("display.max_colwidth", 100)

# %% [markdown]
# ## Corpus, codebook and codes
#
# The codes are checked on load: every frame must be in the codebook and every
# `doc_id` in the corpus (an error names the line otherwise).

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
book = load_codebook(resolve_path(codebook)) if codebook else None
codes = load_annotations(resolve_path(annotations), codebook=book, corpus=full)
coded = corpus_articles(corpus, codes["doc_id"], outlets_file=outlets_file)  # their texts
if boilerplate:  # page furniture would let the classifier learn outlets, not frames
    found = corpus_boilerplate(corpus, outlets_file=outlets_file)
    coded, articles = remove_boilerplate(coded, found), remove_boilerplate(articles, found)
pooled = pool_outlets(articles, min_docs=min_articles)
styles = figure_styles(full, extra=[pooled.attrs["pooled_label"] or ""])
inputs = {"corpus": full, "lexicon": lex}
params = {"topic": topic, "annotations": annotations, "adjudicator": adjudicator,
          "n_splits": folds, "n_boot": boot}  # fmt: skip
codes.groupby("coder")["frame"].value_counts().unstack(0).fillna(0).astype(int)

# %% [markdown]
# ## Reliability
#
# Krippendorff's alpha (nominal) over the coders' primary frames with a 95% bootstrap
# interval over articles (Hayes & Krippendorff 2007), per-frame alpha of presence
# coding, and Cohen's kappa for each pair of coders. Alpha 0.8 or more is the usual
# bar for drawing conclusions, 0.667 for tentative ones (Krippendorff 2004, *Content
# Analysis*, ch. 11): judge the interval's lower bound against them, not the point.
# A frame no coder (or every coder) gave on the doubly coded articles has no alpha
# (NaN, with a note): the coders never had the chance to disagree on it. A classifier trained on unreliable codes learns the
# noise. (The demo's codes are simulated, not human: see corpora/demo/README.md.)

# %%
rel = reliability(codes)
rel.overall

# %%
rel.per_frame

# %%
rel.kappa

# %% [markdown]
# Gold labels: the majority frame where the coders agree, the adjudicator's code where
# they do not. The counts say how each label was reached (an article coded once is
# `single-coded`, not unanimous), and the notes what the labels cannot claim; in the
# demo the adjudicator is one of the two coders, so disagreements go that coder's way.

# %%
gold = gold_labels(codes, adjudicator=adjudicator or None)
pd.Series(gold.attrs["counts"], name="articles").to_frame()

# %%
print("\n".join(gold.attrs["notes"]) or "no caveats")

# %% [markdown]
# ## Evaluation
#
# Cross-validated macro-F1 (the mean of per-frame F1, so rare frames count as much as
# common ones), micro-F1 (pooled over frames, so common frames weigh more) and accuracy,
# with 95% bootstrap intervals over articles, beside two Dummy baselines: always the
# most frequent frame, and random frames in the training proportions (multi-label codes
# add "the most frequent frames" and "every frame"). The Brier score is the mean squared
# error of the out-of-fold probabilities (0 is perfect). The gains table is the classifier minus each baseline with a paired
# bootstrap interval: an interval above zero means the classifier learned something.
#
# **Stratified** folds mix every outlet into training and test. **Leave-outlets-out**
# holds out whole outlets: a classifier that learned an outlet's style instead of its
# frames drops here, and this is the honest estimate for outlets outside the training
# data.

# %%
model = FrameClassifier()
strat = evaluate(model, coded, gold, n_splits=folds, n_boot=boot, learning_curve=curve)
loo = evaluate(
    model, coded, gold, cv="leave-outlets-out", n_splits=folds, n_boot=boot, learning_curve=None
)
scores = pd.concat(
    [strat.scores.assign(cv="stratified"), loo.scores.assign(cv="leave-outlets-out")],
    ignore_index=True,
)
save_table(
    scores,
    "classifier-scores",
    out_dir=tables_dir,
    caption=(
        "Frame classifier against Dummy baselines: cross-validated macro-F1, micro-F1 "
        "and accuracy (and the Brier score of its probabilities) with 95% bootstrap CIs, "
        "stratified and leave-outlets-out."
    ),
    parameters=params,
    inputs=inputs,
)
scores

# %%
pd.concat(
    [strat.gains.assign(cv="stratified"), loo.gains.assign(cv="leave-outlets-out")],
    ignore_index=True,
)

# %% [markdown]
# Per frame (stratified folds): precision, recall and F1 with their intervals, the
# number of gold articles (support) and the Brier score. Frames with few coded
# articles get wide intervals; code more of them before trusting their estimates.

# %%
strat.per_frame

# %% [markdown]
# ### Calibration
#
# Are the classifier's probabilities honest? Each point is a bin of predicted
# probabilities (all frames pooled): its mean prediction across, the share of those
# articles that really have the frame up, with a Wilson interval. Points on the
# diagonal mean "70%" happens 70% of the time; every out-of-fold probability is in
# `strat.probabilities`.

# %%
fig, data = reliability_plot(strat.calibration)
save_figure(
    fig,
    "classifier-calibration",
    data=data,
    caption=(
        "Reliability diagram of the frame classifier's out-of-fold probabilities "
        "(stratified cross-validation, all frames pooled), 95% Wilson intervals."
    ),
    out_dir=figures_dir,
    parameters=params,
    inputs=inputs,
)
fig

# %% [markdown]
# ### Confusions
#
# Rows are the gold frames, columns the predicted ones, cells the share of each gold
# frame's articles (rows sum to 1). Mass off the diagonal shows which frames the
# classifier mixes up, often frames that also co-occur in articles.

# %%
fig, data = confusion_plot(strat.confusion)
save_figure(
    fig,
    "classifier-confusion",
    data=data,
    caption="Confusion matrix of the frame classifier (stratified cross-validation), row shares.",
    out_dir=figures_dir,
    parameters=params,
    inputs=inputs,
)
fig

# %% [markdown]
# ### Learning curve
#
# Macro-F1 against the number of training articles (95% intervals; the dashed line
# is the stratified Dummy baseline). A curve still rising at the right end says more
# codes would help.

# %%
baseline = strat.scores.query("model == 'dummy_stratified' and metric == 'macro_f1'")["estimate"]
fig, data = (
    learning_curve_plot(strat.learning_curve, baseline=float(baseline.iloc[0]))
    if len(strat.learning_curve)
    else (None, None)
)
(
    save_figure(
        fig,
        "classifier-learning-curve",
        data=data,
        caption="Learning curve of the frame classifier: macro-F1 (95% CI) by training size.",
        out_dir=figures_dir,
        parameters=params,
        inputs=inputs,
    )
    if fig is not None
    else None
)
fig if fig is not None else "learning curve skipped (smoke run)"

# %% [markdown]
# ### What the classifier learned
#
# The words with the largest weights per frame. Outlet names, places or boilerplate
# here would mean the model learned who wrote an article rather than how.

# %%
fitted = FrameClassifier().fit(*training_data(coded, gold))
top_terms(fitted, n=8)

# %% [markdown]
# ## Prevalence by outlet, beside the dictionary
#
# The fitted classifier assigns a primary frame to every article on the topic. Counting
# them per outlet ("classify and count") is biased when the classifier errs; adjusted
# classify and count (Forman 2008) corrects the counts with the classifier's
# cross-validated confusion matrix - all frames at once, because with one primary frame
# per article a frame's false positives depend on how common the *other* frames are -
# and its intervals include the uncertainty of those error rates. The adjustment needs
# error rates measured on a random sample of articles: the demo's coded articles are
# nearly all on-topic articles, not picked by a classifier (`validation="random"`). A
# frame the classifier does not separate (tpr - fpr with an interval reaching 0) shows
# its unadjusted share, flagged in `method` and `note`; an estimate clipped to 0 or 1
# says so in `note`. The error rates are pooled over outlets (the `rates` column): each
# outlet would need 20 coded articles per frame for its own. The dictionary column is
# the share of the outlet's articles using the frame's words at least once
# (`20-lexicon-frames`); it is not a primary-frame share, so compare the **ordering of
# outlets** within a frame, not the levels. Coded articles on the topic are classified
# like the others (the model's prediction, not their code), and the model was trained
# on codes of both topics.

# %%
frames = sorted(set(fitted.classes_) & set(lex.category_names))
clf_est = prevalence(
    fitted, pooled, method="acc", cv_rates=strat, n_boot=boot, validation="random"
).query("measure in @frames")
lex_scores = pooled[["doc_id", "outlet"]].merge(score(pooled, lex), on="doc_id")
lex_est = by_outlet(lex_scores, list(pd.Index(frames) + "_any"), stat="share", n_boot=boot).assign(
    measure=lambda d: d["measure"].str[: -len("_any")]
)
fig, data = prevalence_plot(
    clf_est, measures=frames, colors=styles, xlabel="Primary-frame share, ACC (95% CI)"
)
save_figure(
    fig,
    "classifier-prevalence",
    data=data,
    caption=(
        f"Primary-frame prevalence on {topic} by outlet from the frame classifier, adjusted "
        "classify and count through the cross-validated confusion matrix (Forman 2008), 95% "
        "percentile bootstrap intervals over articles and error rates."
    ),
    out_dir=figures_dir,
    parameters=params,
    inputs=inputs,
)
fig

# %%
side_by_side = clf_est.merge(
    lex_est, on=["outlet", "measure"], suffixes=("_classifier", "_lexicon")
)[["outlet", "measure", "estimate_classifier", "ci_low_classifier", "ci_high_classifier",
   "estimate_lexicon", "ci_low_lexicon", "ci_high_lexicon", "n_docs_classifier"]]  # fmt: skip
save_table(
    side_by_side,
    "classifier-vs-lexicon",
    out_dir=tables_dir,
    caption=(
        f"Frame prevalence on {topic} by outlet: classifier (ACC primary-frame share, "
        f"bootstrap CI) and {lex.name} dictionary (share of articles using the frame, "
        "Wilson CI), 95% CIs."
    ),
    parameters=params,
    inputs=inputs,
)
side_by_side

# %% [markdown]
# ## Agreement between dictionary and classifier
#
# Across outlets: for each frame, the correlation between the classifier's and the
# dictionary's outlet estimates (7 outlets, so read it as a rough check: 1 means both
# order the outlets alike). Across articles: the share of articles where the
# classifier's primary frame is the frame exactly when the dictionary finds its words
# (raw agreement), and the phi coefficient of the two 0/1 codings (0 = no association).
# High raw agreement with phi near 0 means both mostly say "no".

# %%
side_by_side.groupby("measure")[["estimate_classifier", "estimate_lexicon"]].corr().xs(
    "estimate_classifier", level=1
)[["estimate_lexicon"]].rename(columns={"estimate_lexicon": "correlation over outlets"})

# %%
predicted = pd.DataFrame({"doc_id": articles["doc_id"].to_numpy(),
                          "predicted": fitted.predict(articles)})  # fmt: skip
agreement = lexicon_agreement(lex_scores, predicted, frames)
fig, data = heatmap(
    agreement.melt(id_vars="frame", value_vars=["raw_agreement", "phi"], var_name="measure"),
    group="frame",
    value="value",
    colorbar_label="Agreement",
    width="single",
)
save_figure(
    fig,
    "lexicon-classifier-agreement",
    data=data,
    caption=(
        f"Agreement per frame between the {lex.name} dictionary (frame words present) and "
        f"the classifier (primary frame) on articles about {topic}: raw agreement and phi."
    ),
    out_dir=figures_dir,
    parameters=params,
    inputs=inputs,
)
agreement
