"""Word lists the quote rules use: speech verbs, titles, role heads, function words.

Private to :mod:`framing.voices`; :data:`SPEECH_VERBS` is re-exported there. The lists
are the kit's own, written for news English; the verb list follows the reporting verbs
of quote-extraction work on news (Pareti, S. (2016). *PARC 3.0: A corpus of attribution
relations*, LREC; Asr, F. T. et al. (2021). The Gender Gap Tracker: Using natural
language processing to measure gender bias in media. *PLOS ONE* 16(1): e0245533),
extended by what the AllSides sample showed (see VALIDATION.md). Rules version 4 adds
the reporting verbs of the Gender Gap Tracker's published quote-verb list
(``NLP/main/rules/quote_verb_list.txt`` in its repository, github.com/sfu-discourse-lab/
GenderGapTracker, the list of Asr et al. 2021) that introduce reported clauses in news
(*clarify, comment, mention, inform, remind, assure, reassure, reckon,
proclaim, dispute, restate, reassert, point out, criticize, decry*), leaving out its
verbs of thinking and doing (*think, find, accept, ensure, present, release*) and the
evidential *indicate* ("the record indicates that"), plus
verbs the round-3 sample missed (*propose, charge*), the reporting verbs of indirect
questions (*ask, wonder, question* + *whether/if*) and further verbs of description
(*defend, portray, depict, paint, tout, condemn, mock, refer to ... as*) and *quote*
("X quoted Y:", whose speaker is the object). Rules version 5 adds *alert* (with
*that*), *sum up* and verbs of uttering that attribute only quotations beside them
(*urge, cry, chant, yell, scream, interject, deadpan, elaborate, fume, scoff, sigh,
gush, plead, text, email, advise*), chosen from the round-4 misses and from the verbs
found after closing quotation marks in other AllSides articles, and
:data:`GENERIC_HEADS` (generic groups and research findings, not sources). Rules
version 6 adds :data:`FEMALE_WORDS` and :data:`MALE_WORDS` (honorifics, gendered role
nouns and common given names) so that *he* and *she* skip a person of the other gender.
"""

from __future__ import annotations

__all__ = [
    "SPEECH_VERBS",
    "NOUN_LIKE",
    "verb_forms",
    "DESCRIBE_VERBS",
    "QUESTION_VERBS",
    "NEAR_THAT",
    "TITLE_WORDS",
    "ROLE_HEADS",
    "ANON_HEADS",
    "PRONOUNS",
    "SKIP_BEFORE_VERB",
    "NOT_SPEAKER",
    "BOUNDARY_WORDS",
    "LEAD_ADVERBS",
    "NATIONALITY_WORDS",
    "GENERIC_HEADS",
    "FEMALE_WORDS",
    "MALE_WORDS",
]

#: Speech verbs by lemma, with how they may introduce reported speech:
#: ``"say"`` - a clause may follow directly ("said the talks failed"), with or without
#: *that*; ``"that"`` - indirect speech only with *that* ("warned that ...") or after
#: the reported clause ("..., she warned."); ``"direct"`` - only beside quotation marks
#: or after the reported clause ("“Why?” he asked.").
SPEECH_VERBS: dict[str, str] = {
    "say": "say",
    "tell": "say",
    "add": "that",
    "insist": "say",
    "stress": "say",
    "argue": "say",
    "note": "say",
    "acknowledge": "say",
    "claim": "that",
    "predict": "say",
    "maintain": "say",
    "suggest": "say",
    "explain": "say",
    "concede": "say",
    "admit": "say",
    "contend": "say",
    "assert": "say",
    "state": "say",
    "declare": "say",
    "emphasize": "say",
    "emphasise": "say",
    "allege": "say",
    "recall": "say",
    "write": "that",
    "warn": "that",
    "caution": "that",
    "confirm": "that",
    "announce": "that",
    "report": "that",
    "tweet": "that",
    "complain": "that",
    "observe": "that",
    "remark": "that",
    "vow": "that",
    "pledge": "that",
    "promise": "that",
    "deny": "that",
    "conclude": "that",
    "testify": "that",
    "agree": "that",
    "reiterate": "that",
    "estimate": "that",
    "reveal": "that",
    "disclose": "that",
    # rules version 4: reporting verbs of the Gender Gap Tracker's list (Asr et al.
    # 2021) and of the round-3 misses; all need *that* before a clause
    "clarify": "that",
    "mention": "that",
    "inform": "that",
    "remind": "that",
    "assure": "that",
    "reassure": "that",
    "reckon": "that",
    "proclaim": "that",
    "dispute": "that",
    "restate": "that",
    "reassert": "that",
    "point out": "that",
    "propose": "that",
    "charge": "that",
    "affirm": "that",
    "underscore": "that",
    "recount": "that",
    # rules version 5: from the round-4 misses ("alerted the agency that ...",
    # "X summed up his view: “...”")
    "alert": "that",
    "sum up": "direct",
    # rules version 5: verbs of uttering that attribute quotations right beside them
    # ("“...,” Biden urged on Tuesday"), from the round-4 misses and from reading
    # quotations in other AllSides articles: only beside quotation marks
    "urge": "direct",
    "cry": "direct",
    "chant": "direct",
    "yell": "direct",
    "scream": "direct",
    "interject": "direct",
    "deadpan": "direct",
    "elaborate": "direct",
    "fume": "direct",
    "scoff": "direct",
    "sigh": "direct",
    "gush": "direct",
    "plead": "direct",
    "text": "direct",
    "email": "direct",
    "advise": "direct",  # "I was advised by the lawyers, “...”" (the agent speaks)
    "comment": "direct",
    "wonder": "direct",
    "question": "direct",
    # "X quoted Y: “...”": the quoted person (the object) is the speaker
    "quote": "direct",
    "ask": "direct",
    "reply": "direct",
    "respond": "direct",
    "answer": "direct",
    "continue": "direct",
    "quip": "direct",
    "joke": "direct",
    "post": "direct",
    "counter": "direct",
    "retort": "direct",
    "exclaim": "direct",
    "shout": "direct",
    "muse": "direct",
    "lament": "direct",
    "boast": "direct",
    "read": "direct",
    # verbs of description: attribute a quotation that follows "X as" or "X"
    # ("described the deal as “...”", "called it “...”"; see DESCRIBE_VERBS)
    "describe": "direct",
    "characterize": "direct",
    "characterise": "direct",
    "call": "direct",
    "dub": "direct",
    "label": "direct",
    "brand": "direct",
    "deride": "direct",
    "dismiss": "direct",
    "hail": "direct",
    "praise": "direct",
    "attack": "direct",
    "denounce": "direct",
    "blast": "direct",
    "slam": "direct",
    "criticize": "direct",
    "criticise": "direct",
    "decry": "direct",
    "condemn": "direct",
    "defend": "direct",
    "portray": "direct",
    "depict": "direct",
    "paint": "direct",
    "tout": "direct",
    "mock": "direct",
    "refer": "direct",
}

#: Verbs added in rules version 4 whose *that* must follow them closely (at most two
#: words between: "proposed on Monday that"), since after a longer object it starts a
#: relative clause ("proposed legislation that would ..."). Verbs with a person as
#: object (*inform, remind, assure*) keep the general look-ahead.
NEAR_THAT = frozenset(
    """clarify mention reckon proclaim dispute restate reassert propose charge
    affirm underscore recount""".split()
) | {"point out"}

#: Verbs of indirect questions: "X asked (Y) whether/if ..." is reported speech.
QUESTION_VERBS = frozenset({"ask", "wonder", "question"})

#: Verbs of description (lemma -> what must end the words between the verb and the
#: quotation: ``"as"`` for "described the deal as “...”", ``""`` for "called it “...”",
#: at most four words then).
DESCRIBE_VERBS: dict[str, str] = {
    "describe": "as",
    "characterize": "as",
    "characterise": "as",
    "deride": "as",
    "dismiss": "as",
    "hail": "as",
    "praise": "as",
    "attack": "as",
    "denounce": "as",
    "blast": "as",
    "slam": "as",
    "criticize": "as",
    "criticise": "as",
    "decry": "as",
    "condemn": "as",
    "defend": "as",
    "portray": "as",
    "depict": "as",
    "paint": "as",
    "tout": "as",
    "mock": "as",
    "refer": "as",
    "brand": "",
    "label": "",
    "call": "",
    "dub": "",
}

#: Speech verbs whose base and -s forms are mostly nouns in news ("a statement", "amid
#: reports that", "the pledge"): only their past and -ing forms are looked for.
NOUN_LIKE = frozenset(
    """state report claim pledge promise tweet post answer reply vow remark counter
    continue agree comment read call attack label brand praise slam blast hail estimate
    charge mention dispute question paint mock quote alert urge cry chant yell scream
    sigh text email plead""".split()
)

_IRREGULAR = {
    "say": ["say", "says", "said", "saying"],
    "tell": ["tell", "tells", "told", "telling"],
    "write": ["write", "writes", "wrote", "writing"],
    "testify": ["testify", "testifies", "testified", "testifying"],
    "deny": ["deny", "denies", "denied", "denying"],
    "reply": ["reply", "replies", "replied", "replying"],
    "quip": ["quip", "quips", "quipped", "quipping"],
    "dub": ["dub", "dubs", "dubbed", "dubbing"],
    "slam": ["slam", "slams", "slammed", "slamming"],
    "label": ["label", "labels", "labeled", "labelled", "labeling", "labelling"],
    "admit": ["admit", "admits", "admitted", "admitting"],
    "refer": ["refers", "referred", "referring"],
    "point out": ["point out", "points out", "pointed out", "pointing out"],
    "clarify": ["clarify", "clarifies", "clarified", "clarifying"],
    "decry": ["decry", "decries", "decried", "decrying"],
    "sum up": ["sum up", "sums up", "summed up", "summing up"],
    "cry": ["cry", "cries", "cried", "crying"],
    "urge": ["urge", "urges", "urged"],  # "“...,” urging X to ...": X is no speaker
}


def verb_forms(lemma: str) -> list[str]:
    """The inflected forms of a speech verb (base, -s, past, -ing).

    Examples
    --------
    >>> verb_forms("argue"), verb_forms("warn"), verb_forms("state")
    (['argue', 'argues', 'argued', 'arguing'], ['warn', 'warns', 'warned', 'warning'], ['stated', 'stating'])
    """
    if lemma == "read":
        return ["reads", "read"]  # "the letter reads", "the sign read" (after quotations)
    if lemma in _IRREGULAR:
        forms = list(_IRREGULAR[lemma])
    elif lemma.endswith("e"):
        forms = [lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    elif lemma.endswith(("ss", "sh")):
        forms = [lemma, lemma + "es", lemma + "ed", lemma + "ing"]
    else:
        forms = [lemma, lemma + "s", lemma + "ed", lemma + "ing"]
    return forms[2:] if lemma in NOUN_LIKE else forms


#: Capitalised words that form titles and descriptors before a name ("Russian Foreign
#: Minister Sergei Lavrov"): they are the role, the rest of the capitalised run is the
#: name. Lower-case for look-up.
TITLE_WORDS = frozenset(
    """president vice prime minister ministers foreign defense defence deputy secretary
    state secretary-general spokesman spokeswoman spokesperson press ambassador envoy
    special senator sen sen. rep rep. representative gov gov. governor mayor chairman
    chairwoman chair chief head director general gen gen. adm adm. lt lt. col col.
    maj maj. sgt sgt. capt capt. commander admiral dr dr. prof prof. professor mr mr.
    mrs mrs. ms ms. sir lord lady house senate majority minority leader speaker whip
    attorney justice judge former acting interim assistant undersecretary under
    national security adviser advisor counselor counsel treasury commerce trade finance
    economy interior homeland energy health labor agriculture education transportation
    first lady king queen prince crown premier chancellor foreign-affairs
    affairs white kremlin pentagon state-run top senior u.s. us american russian
    chinese ukrainian british french german japanese indian korean south north
    republican democratic democrat gop independent""".split()
)

#: Head nouns of roles that a definite description refers back to ("the minister").
ROLE_HEADS = frozenset(
    """president minister secretary spokesman spokeswoman spokesperson ambassador envoy
    senator representative congressman congresswoman governor mayor chairman chairwoman
    chair director general admiral commander leader speaker chancellor premier king
    queen prince adviser advisor official diplomat negotiator analyst professor
    economist lawmaker attorney judge justice candidate nominee ceo founder author
    researcher expert historian scholar fellow lecturer sociologist scientist
    journalist editor columnist reporter correspondent aide""".split()
)

#: Head nouns of unnamed sources (with no name in the mention the source is anonymous).
ANON_HEADS = frozenset(
    """official officials source sources person people aide aides diplomat diplomats
    insider insiders adviser advisers advisor advisors staffer staffers individual
    individuals insider investigator investigators officer officers""".split()
)

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})

#: Words between a speaker and the verb that are skipped ("Lavrov has also said").
SKIP_BEFORE_VERB = frozenset(
    """has have had would will shall also later previously then publicly privately
    repeatedly recently once again long reportedly explicitly flatly firmly further
    similarly separately subsequently ultimately often frequently earlier still now
    already openly directly bluntly simply herself himself themselves itself
    immediately quickly quietly angrily told""".split()
)

#: Regions before a verb that contain one of these are not a speaker ("what he said").
NOT_SPEAKER = frozenset(
    """what whatever how why whether is are was were be been being do does did not
    never n't cannot can't couldn't wouldn't didn't don't doesn't won't could should
    might may must to if""".split()
)

#: Heads of unnamed generic groups and of research findings: "critics insist that",
#: "scientists warn that", "studies have revealed that", "data suggests" are generic
#: speech or evidence, not reported speech (VALIDATION.md, "What counts as a quote");
#: rules version 5 drops indirect speech whose speaker is such a head alone (with
#: lower-case modifiers, a possessive or a lower-case prepositional phrase:
#: "many critics", "Biden's critics on the left"). "the left" / "the right" likewise.
GENERIC_HEADS = frozenset(
    """critics scientists scholars experts researchers opponents proponents skeptics
    sceptics detractors observers commentators pundits conservatives liberals
    progressives studies data research evidence""".split()
)

#: Words that end the region in which a speaker before a verb is looked for.
BOUNDARY_WORDS = frozenset(
    """that and but because while when as after before although though since so where
    whereas yet until unless or which than""".split()
)

#: Sentence-initial adverbs dropped from the front of a speaker mention.
LEAD_ADVERBS = frozenset(
    """also however meanwhile separately later earlier now then still instead
    previously today yesterday recently but and so yet moreover indeed""".split()
)

#: Country adjectives and names that mark whose official a mention names (used to keep
#: "a senior Russian official" apart from a bare "a senior official").
NATIONALITY_WORDS = frozenset(
    """u.s. us american americans russian russians russia's russia chinese china
    china's ukrainian ukraine ukraine's european eu british french german japanese
    indian korean vietnamese thai malaysian indonesian philippine filipino singaporean
    cambodian kremlin pentagon administration""".split()
)


#: Words that mark a named person as a woman or a man when they are the person's title
#: or given name or stand in an appositive ("Mrs. Ortega", "Congresswoman X", "X, his
#: wife"): honorifics, gendered role nouns and common given names of the people in US,
#: European and Russian political news 2012-2025. Written for the kit from general
#: knowledge of English honorifics and naming; given names that are common for both
#: sexes (Lindsey, Jordan, Kim, Morgan, Taylor, Leslie, ...) are left out on purpose,
#: cf. the U.S. Social Security Administration's "Popular Baby Names" tables for how
#: names split by sex. Used only to rule a person out as the antecedent of *he* /
#: *she*; a person matched by neither list stays possible for both.
FEMALE_WORDS = frozenset(
    """mrs mrs. ms ms. miss madam madame lady dame queen princess duchess empress
    congresswoman chairwoman spokeswoman councilwoman assemblywoman businesswoman
    stateswoman anchorwoman newswoman policewoman alderwoman sister mother daughter wife
    widow grandmother aunt niece actress girlfriend woman girl
    hillary nancy kamala elizabeth susan lisa amy kirsten marjorie lauren alexandria
    ilhan rashida ayanna karine jen janet gina kristi nikki sarah condoleezza madeleine
    angela theresa ursula maria mary jennifer jessica michelle melania ivanka jill laura
    karen linda patricia barbara margaret dianne tammy tulsi liz maxine betsy kellyanne
    sheryl christine deborah debbie stephanie rebecca rachel katie emily anna ann anne
    julie catherine kathy kate samantha victoria olivia sophia emma grace heather nicole
    amanda melissa michele cathy claudia gretchen kyrsten joni marsha cindy shelley
    valentina natalia natalya yulia irina svetlana olga tatiana maria marine giorgia
    kaja annalena jacinda sanna mette yingluck ketanji sonia amy
    """.split()
)
MALE_WORDS = frozenset(
    """mr mr. sir lord king prince duke emperor congressman spokesman councilman
    assemblyman businessman statesman anchorman newsman policeman alderman brother father
    son husband widower grandfather uncle nephew boyfriend man boy
    donald joe joseph barack george bill john mike michael mitch chuck bernie ted marco
    rand kevin paul mark vladimir sergei sergey dmitry dmitri alexei alexander antony
    jake jim james robert bob richard david thomas tom steve steven stephen peter andrew
    anthony matt matthew ron greg brian eric jeff jeffrey adam benjamin ben boris
    emmanuel justin volodymyr jared rudy rex jerome josh jason jon jonathan daniel dan
    frank gary larry scott christopher william charles henry jose juan carlos tim
    timothy doug douglas lloyd pete rick ryan sean kyle nick nicholas patrick dick harry
    hunter newt mitt jeb elon mohammed mohammad recep narendra shinzo fumio olaf rishi
    keir viktor yevgeny yevgeniy nikolai igor oleg yuri mikhail pavel petro andriy
    dmytro vitali vitaly oleksiy hakeem gavin brett neil clarence samuel
    antonin
    """.split()
)
