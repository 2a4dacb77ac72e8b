"""The text layer's language data: stop words, stemmers, token rules, detection.

Private to the text layer (:mod:`framing.text` is its public face: ``stopwords``,
``detect_language``, ``language_of``, ``stem_tokens``, ``LANGUAGES``).

Stop words
----------
English is scikit-learn's ``ENGLISH_STOP_WORDS`` (318 words; the Glasgow Information
Retrieval Group's list, shipped with scikit-learn under the BSD-3-Clause licence), so
``keyness(stopwords="english")`` keeps its meaning. The other lists were written for
this kit (function words: pronouns, determiners, prepositions, conjunctions, particles,
auxiliary and copular verb forms, and the commonest adverbs of news prose); they are
short on purpose: keyness should lose the grammar, not the content words. nltk's own
lists need a download that the kit cannot rely on.

Stemmers
--------
Porter, M. F. (2001). Snowball: A language for stemming algorithms (nltk's
``SnowballStemmer``, no downloaded data needed); one stemmer per language below.

Detection
---------
The share of a text's tokens that are stop words of each language, the method of
Grefenstette, G. (1995). Comparing two language identification schemes. *JADT 1995*,
263-268 ("short words"). It tells the languages above apart on news articles (tested),
but it knows no other language: a text in none of them is ``"und"`` (undetermined), and
Ukrainian or Bulgarian text (Cyrillic, no list) may read as Russian.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = [
    "LANGUAGES",
    "SNOWBALL",
    "ELISIONS",
    "UNDETERMINED",
    "language_code",
    "stopword_set",
    "stemmer_for",
    "token_rule",
    "detect_tokens",
]

#: Code for a text whose language could not be told.
UNDETERMINED = "und"

#: ISO 639-1 code -> English name of the languages the kit has stop words and a
#: stemmer for.
LANGUAGES = {
    "en": "english",
    "ru": "russian",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
}
#: ISO 639-1 code -> nltk Snowball stemmer name.
SNOWBALL = {code: name for code, name in LANGUAGES.items()}

_STOPWORDS = {
    "ru": """
    а без бы был была были было быть в вам вас весь во вот все всего всех вы где да даже
    для до его ее её если есть еще ещё же за здесь и из или им их к как ко когда кто ли
    либо между меня мне мной мы на над надо не него нее неё нет ни них но ну о об однако
    он она они оно от очень по под после при про раз с со так также такой там те тем то
    того тоже той только том тот ту ты у уже хотя чего чей чем что чтобы чье чья эта эти
    это этого этой этом этот эту я будет будут может могут можно нужно который которая
    которое которые которых котором которой которому свой своя свое своё свои своих сам
    сама само сами себя себе собой ей ею им ими нам нас ним ними нему ней тут теперь
    потом тогда ведь вообще почти более менее поэтому потому через чтоб будто словно
    пока лишь именно вдруг снова опять зачем почему куда откуда сейчас всегда никогда
    """,
    "de": """
    der die das den dem des ein eine einer eines einem einen und oder aber doch sondern
    denn weil wenn als ob dass daß ich du er sie es wir ihr mich dich sich uns euch mir
    dir ihm ihn ihnen mein meine dein deine sein seine ihre unser unsere euer eure in im
    ins an am auf aus bei mit nach von vom zu zum zur über unter vor hinter neben
    zwischen durch für gegen ohne um bis seit während wegen trotz ist sind war waren bin
    bist seid gewesen sein wird werden wurde wurden worden hat haben hatte hatten habe
    kann können konnte konnten muss müssen musste soll sollen sollte will wollen wollte
    darf dürfen nicht kein keine keinen keinem keiner auch noch schon nur sehr so wie wo
    was wer wann warum hier dort da dann damit dazu dabei davon daran darauf diese dieser
    dieses diesem diesen jene jener jenes alle allem allen aller alles man mehr etwa
    """,
    "fr": """
    le la les l un une des du de d au aux et ou mais donc or ni car que qu qui quoi dont
    où je j tu il elle on nous vous ils elles me m te t se s lui leur leurs eux moi toi
    soi mon ma mes ton ta tes son sa ses notre nos votre vos ce cet cette ces c ça cela
    ceci celui celle ceux celles dans en sur sous par pour avec sans chez entre vers
    contre pendant depuis avant après est sont était étaient être été sera seront serait
    a ont avait avaient avoir eu aura auront aurait ne n pas plus moins non si très
    aussi bien tout tous toute toutes même comme quand lorsque lorsqu puisque puisqu
    jusqu y ainsi alors encore déjà fait peut peuvent doit doivent selon
    """,
    "es": """
    el la los las lo un una unos unas y e o u pero sino ni que qué quien quién quienes
    cual cuál cuales cuyo cuya de del al a en con sin sobre bajo entre hacia hasta desde
    durante para por según contra ante tras yo tú él ella ello nosotros nosotras vosotros
    ellos ellas me te se nos os le les mi mis tu tus su sus nuestro nuestra nuestros
    nuestras este esta esto estos estas ese esa eso esos esas aquel aquella es son era
    eran fue fueron ser sido será serán sería está están estaba estaban estar estado ha
    han había habían haber hay no sí si muy más menos también ya aún todo toda todos
    todas como cuando donde porque pues así tan tanto cada otro otra otros otras
    """,
    "it": """
    il lo la i gli le un uno una e ed o od ma però né che chi cui di del dello
    della dei degli delle dell a al allo alla ai agli alle all da dal dallo dalla dai
    dagli dalle dall in nel nello nella nei negli nelle nell su sul sullo sulla sui
    sugli sulle sull con per tra fra io tu lui lei noi voi loro mi ti si ci vi ne me te
    se mio mia miei mie tuo tua tuoi tue suo sua suoi sue nostro nostra nostri nostre
    questo questa questi queste quello quella quelli quelle è sono era erano fu furono
    essere stato stata stati sarà sarebbe ha hanno aveva avevano avere avuto non più
    meno molto anche già ancora come quando dove perché se così tutto tutta tutti tutte
    """,
    "pt": """
    o a os as um uma uns umas e ou mas nem que quem qual quais cujo cuja de do da dos das
    ao aos à às em no na nos nas num numa por pelo pela pelos pelas para com sem sobre
    sob entre até desde durante contra segundo eu tu ele ela nós vós eles elas me te se
    lhe lhes meu minha meus minhas teu tua seu sua seus suas nosso nossa nossos nossas
    este esta isto estes estas esse essa isso esses essas aquele aquela aquilo é são
    era eram foi foram ser sido será seria está estão estava estavam estar estado tem
    têm tinha tinham ter tido há não sim muito mais menos também já ainda todo toda
    todos todas como quando onde porque pois assim tão cada outro outra outros outras
    """,
}

#: Elided clitics that the kit's tokenizer keeps attached to the next word ("l'homme")
#: and that the token rule of these languages splits off ("l'", "homme").
ELISIONS = {
    "fr": frozenset("l' d' j' m' n' s' t' c' qu' jusqu' lorsqu' puisqu' quoiqu'".split()),
    "it": frozenset("l' d' c' un' dell' all' dall' nell' sull' quest' quell' po'".split()),
}


def language_code(language) -> str:
    """ISO 639-1 code of a language given as a code or an English name
    (``"ru"``, ``"RU"``, ``"russian"``, ``"ru-RU"`` -> ``"ru"``); other values are
    returned lower-cased, so a caller can say which language it does not know.

    Examples
    --------
    >>> language_code("Russian"), language_code("en-GB"), language_code("xx")
    ('ru', 'en', 'xx')
    """
    text = str(language).strip().lower().replace("_", "-")
    by_name = {name: code for code, name in LANGUAGES.items()}
    if text in by_name:
        return by_name[text]
    return text.split("-", 1)[0] if "-" in text else text


@lru_cache(maxsize=16)
def stopword_set(code: str) -> frozenset[str]:
    """The stop words of a language code (a key of :data:`LANGUAGES`); KeyError otherwise."""
    if code == "en":
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return frozenset(ENGLISH_STOP_WORDS)
    return frozenset(_STOPWORDS[code].split()) | ELISIONS.get(code, frozenset())


@lru_cache(maxsize=16)
def stemmer_for(code: str):
    """A cached ``token -> stem`` function for a language code, or None when nltk has
    no Snowball stemmer for it. Each distinct token is stemmed once (a dict cache)."""
    name = SNOWBALL.get(code)
    if name is None:
        return None
    from nltk.stem.snowball import SnowballStemmer

    stem = SnowballStemmer(name).stem
    memo: dict[str, str] = {}

    def cached(token: str) -> str:
        out = memo.get(token)
        if out is None:
            out = memo[token] = stem(token)
        return out

    return cached


def _fold_yo(tokens: list[str]) -> list[str]:
    # Russian print mostly writes е for ё; folding makes "ещё" and "еще" one word.
    return [t.replace("ё", "е") if "ё" in t else t for t in tokens]


def _split_elisions(elisions: frozenset):
    def rule(tokens: list[str]) -> list[str]:
        out: list[str] = []
        for t in tokens:
            i = t.find("'")
            if 0 < i < len(t) - 1 and t[: i + 1] in elisions:
                out.append(t[: i + 1])
                out.append(t[i + 1 :])
            else:
                out.append(t)
        return out

    return rule


@lru_cache(maxsize=16)
def token_rule(code: str):
    """The language's rule applied to the kit's (lower-cased) tokens, or None: Russian
    folds ё to е; French and Italian split elided clitics (``l'homme`` -> ``l'``,
    ``homme``). Other languages use the tokens as they are."""
    if code == "ru":
        return _fold_yo
    if code in ELISIONS:
        return _split_elisions(ELISIONS[code])
    return None


def detect_tokens(tokens: list[str], *, min_share: float = 0.05) -> str:
    """The language whose stop words make up the largest share of ``tokens`` (at least
    ``min_share`` of them), else :data:`UNDETERMINED`."""
    if not tokens:
        return UNDETERMINED
    best, best_share = UNDETERMINED, 0.0
    n = len(tokens)
    for code in LANGUAGES:
        words = stopword_set(code)
        rule = token_rule(code)
        toks = rule(tokens) if rule is not None and code in ELISIONS else tokens
        share = sum(t in words for t in toks) / n
        if share > best_share:
            best, best_share = code, share
    return best if best_share >= min_share else UNDETERMINED
