"""Planted sourcing tendencies of the demo corpus (issue 16; standard library only).

Two outlets get a sourcing habit the kit's quote extraction (``framing.voices``) must
recover; every other article is left exactly as ``build.py`` made it:

- **Nord Vestnik International quotes only its own government** on the US-Russia
  talks. In its own articles on that topic (not the reprinted wire story; its Asia-policy
  articles are left alone, so that Russian voices do not pull them into the talks topic
  query), every sentence in which another government
  speaks (Beijing, Washington, Kyiv, the EU, Asian governments, named US officials) is
  replaced by one in which a Russian official speaks, and one paragraph of quotes from
  invented Russian officials is added (direct quotes, a quote broken by its
  attribution, a quote over two sentences, a pronoun, a role ("the deputy minister")
  and a surname referring back to a named official).
- **The Harbor Courier leans on anonymous sources.** Each of its own on-topic articles
  gets one paragraph of three quotes from unnamed sources ("a senior administration
  official, speaking on condition of anonymity", "people familiar with the talks",
  "an official who was not authorized to speak publicly").

The officials are invented (their names, not their offices); every sentence here was
written for the kit. The planted quotes are listed in ``planted_quotes.csv`` (doc_id,
character span of the planted sentences, expected speaker, group, kind), so tests can
check extraction against them. A generator of its own (seed ``SEED``) draws every
choice, so the rest of the corpus does not change when this file does.
"""

import csv
import random
import re
from pathlib import Path

SEED = 16016
BEGIN, END = "<!-- BEGIN GENERATED (voices_bank.py) -->", "<!-- END GENERATED (voices_bank.py) -->"

# (full name, appositive role, definite role used to refer back, title before the name)
RU_OFFICIALS = [
    (
        "Oleg Varlamov",
        "Russia's deputy foreign minister",
        "the deputy minister",
        "Russian Deputy Foreign Minister",
    ),
    (
        "Irina Sokolova",
        "the Russian Foreign Ministry spokeswoman",
        "the spokeswoman",
        "Russian Foreign Ministry spokeswoman",
    ),
    ("Pavel Dronov", "a Kremlin aide on foreign policy", "the aide", "Kremlin aide"),
    ("Yegor Lanskoy", "Russia's ambassador to ASEAN", "the ambassador", "Russian Ambassador"),
]
# Clauses in the voice of Russian officials, split in two for broken quotes. They
# carry the vocabulary of Nord Vestnik's planted frames (blame, sovereignty).
RU_CLAUSES = [
    ("Moscow will not sign terms drafted in Washington", "and presented to us as a favour"),
    ("The sanctions are the real obstacle to a settlement", "and everyone in the room knows it"),
    ("Any agreement has to respect Russia's security interests", "or it will not last a season"),
    ("We remain open to dialogue on an equal footing", "but not to lectures"),
    ("The West alone carries the blame for dragging this out", "and it should admit that"),
    ("Our sovereign choices are made in Moscow", "not in Brussels and not in Washington"),
    ("Russia has answered every serious proposal", "while others answered with new penalties"),
    (
        "The region does not need outside powers telling it whom to trade with",
        "and neither does Russia",
    ),
]
RU_INDIRECT = [
    "the Western side bore full responsibility for the lack of progress",
    "Moscow would defend its sovereignty whatever the price of new tariffs",
    "Russia would keep talking to anyone who treated it as an equal",
    "the sanctions had failed and would be remembered as a mistake",
    "no outside power would decide the future of Russia's trade with Asia",
    "the Kremlin saw no reason to accept a deadline set in Washington",
]
# Sentences in which another government speaks in the banks of build.py: Nord Vestnik's
# copies are replaced by a Russian official's words (the subject, then a speech verb).
FOREIGN_SPEAKER = re.compile(
    r"^(?:In [^,]+, |Last week, )?(?:Beijing|Washington|Kyiv|Ukraine|Trump|Rubio|"
    r"Chinese (?:officials|negotiators)|U\.S\. and Chinese negotiators|European officials|"
    r"Officials in (?:the )?[A-Z][a-z]+|The meeting came a day after Trump|"
    r"Administration officials|The White House|ASEAN leaders|Regional leaders)\b.*?"
    r"\b(?:said|says|insists|insisted|warned|told|wrote|stressed|accused)\b"
)
# Clauses for anonymous sources, in the Harbor Courier's voice (conflict, hedging).
ANON_CLAUSES = [
    "the president's advisers were split over how hard to push",
    "several aides privately doubted that the deadline would hold",
    "nobody inside the administration could say what would happen next",
    "the White House had not settled on a fallback if the talks collapsed",
    "the tariff letters had opened a rift between the economic and security teams",
    "allies had complained about being told of decisions only after the fact",
    "the internal debate had grown sharper than officials admitted in public",
    "the plan could change again before the end of the week",
]
ANON_TEMPLATES = [
    (
        "A senior administration official, speaking on condition of anonymity, said {c}.",
        "senior administration official",
    ),
    ("{C}, according to two people familiar with the talks.", "two people familiar with the talks"),
    (
        "“{C},” said one official who was not authorized to speak publicly.",
        "official who was not authorized to speak publicly",
    ),
    ("People briefed on the discussions said {c}.", "People briefed on the discussions"),
    ("{C}, a person familiar with the planning said.", "person familiar with the planning"),
]


def _canonical(outlet):
    import banks

    for o in banks.OUTLETS.values():
        if outlet == o["name"] or outlet in o["aliases"]:
            return o["name"]
    return outlet


def _cap(s):
    return s[0].upper() + s[1:]


def _ru_paragraph(rng):
    """Two to four sentences of Russian officials' quotes; (text, [(sentence, speaker,
    kind)]) with each planted quote's sentence and expected speaker."""
    a, b = rng.sample(RU_OFFICIALS, 2)
    c1, c2 = rng.sample(RU_CLAUSES, 2)
    ind = rng.choice(RU_INDIRECT)
    form = rng.randrange(4)
    if form == 0:  # broken by the attribution, then a pronoun
        s1 = f"“{c1[0]},” {a[0]}, {a[1]}, said, “{c1[1]}.”"
        s2 = f"{'She' if a[0] == 'Irina Sokolova' else 'He'} added that {ind}."
        rows = [(s1, a[0], "direct"), (s2, a[0], "indirect")]
    elif form == 1:  # two sentences in one quotation, then the role
        s1 = f"“{c1[0]}. {_cap(c1[1])},” said {a[0]}, {a[1]}."
        s2 = f"{_cap(a[2])} told reporters that {ind}."
        rows = [(s1, a[0], "direct"), (s2, a[0], "indirect")]
    elif form == 2:  # title before the name, then the surname
        s1 = f"{a[3]} {a[0]} said {ind}."
        s2 = f"“{c1[0]},” {a[0].split()[-1]} said."
        rows = [(s1, a[0], "indirect"), (s2, a[0], "direct")]
    else:  # the Kremlin, then a named official after a colon
        s1 = f"The Kremlin said in a statement that {ind}."
        s2 = f"{b[0]}, {b[1]}, told the agency: “{c2[0]}, {c2[1]}.”"
        rows = [(s1, "Kremlin", "indirect"), (s2, b[0], "direct")]
    return " ".join(r[0] for r in rows), rows


def _anon_paragraph(rng):
    clauses = rng.sample(ANON_CLAUSES, 3)
    rows = []
    for clause, (template, speaker) in zip(clauses, rng.sample(ANON_TEMPLATES, 3), strict=True):
        sentence = template.format(c=clause, C=_cap(clause))
        rows.append((sentence, speaker, "direct" if "“" in sentence else "indirect"))
    return " ".join(r[0] for r in rows), rows


def _split_sentences(text):
    return re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", text)


def plant(records):
    """Plant the sourcing tendencies in ``records`` (changed in place); return the
    planted quotes as rows ``(doc_id, text, speaker, group, kind)``."""
    rng = random.Random(SEED)
    planted = []
    for r in records:
        if r["topic"] == "off_topic" or r["reprint_of"]:
            continue
        outlet = _canonical(r["outlet"])
        if outlet == "Nord Vestnik International" and r["topic"] == "us_russia_talks":
            paras = r["text"].split("\n\n")
            for i, para in enumerate(paras):
                sentences = _split_sentences(para)
                for j, s in enumerate(sentences):
                    if FOREIGN_SPEAKER.match(s):
                        who = rng.choice(RU_OFFICIALS)
                        sentences[j] = f"{who[0]}, {who[1]}, said {rng.choice(RU_INDIRECT)}."
                        planted.append((r["doc_id"], sentences[j], who[0], "russian_officials",
                                        "indirect"))  # fmt: skip
                paras[i] = " ".join(sentences)
            text, rows = _ru_paragraph(rng)
            group = "russian_officials"
        elif outlet == "The Harbor Courier":
            paras = r["text"].split("\n\n")
            text, rows = _anon_paragraph(rng)
            group = "anonymous"
        else:
            continue
        paras.insert(rng.randint(1, len(paras)), text)
        r["text"] = "\n\n".join(paras)
        planted += [(r["doc_id"], s, spk, group, kind) for s, spk, kind in rows]
    return planted


def write(out, records, planted):
    """Write ``planted_quotes.csv`` and this module's block of ``README.md`` in ``out``."""
    out = Path(out)
    texts = {r["doc_id"]: r["text"] for r in records}
    with open(out / "planted_quotes.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc_id", "start", "end", "speaker", "group", "kind"])
        for doc_id, sentence, speaker, group, kind in planted:
            start = texts[doc_id].index(sentence)
            w.writerow([doc_id, start, start + len(sentence), speaker, group, kind])
    n_docs = {}
    for doc_id, *_, group, _kind in planted:
        n_docs.setdefault(group, set()).add(doc_id)
    block = [BEGIN, "",
             f"{len(planted)} planted quotes: "
             f"{sum(p[3] == 'russian_officials' for p in planted)} from Russian officials in "
             f"{len(n_docs.get('russian_officials', ()))} Nord Vestnik International articles, "
             f"{sum(p[3] == 'anonymous' for p in planted)} from anonymous sources in "
             f"{len(n_docs.get('anonymous', ()))} Harbor Courier articles "
             "(`planted_quotes.csv`).", "", END]  # fmt: skip
    readme = out / "README.md"
    text = readme.read_text(encoding="utf-8")
    if BEGIN in text:
        head, rest = text.split(BEGIN, 1)
        text = head + "\n".join(block) + rest.split(END, 1)[1]
    readme.write_text(text, encoding="utf-8", newline="\n")
