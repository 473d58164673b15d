"""Language of a document: from the caller, or detected once on a sample.

``langdetect`` costs milliseconds per call, so it never runs on the hot path
when a cheap test settles the question: English news prose is recognised
from its function words alone. langdetect runs on a bounded sample, with its
own seeded factory (deterministic, and no global seed is touched).
"""

from __future__ import annotations

import functools

import regex

__all__ = ["detect_language", "DEFAULT_LANGUAGE"]

DEFAULT_LANGUAGE = "en"
_SAMPLE_CHARS = 2000

_WORD = regex.compile(r"[^\W\d_]+")

# The most frequent function words of each language: enough to tell English
# (and the languages mtclean is most often run next to) from the rest on a
# sentence or two, with no model. A word may belong to several languages.
# Words shared by several lists ("a", "in", "we", "also") add to each
# language's share but not to the margin, which is judged on words that
# belong to one list only.
_FUNCTION_WORDS = {
    "en": frozenset(
        """the of and to in is that for it with as was on are by this be from at have not
        i you he she they my your his her our their him them us it's i'm don't
        has were been would could should can does did but or if what which who whom there when
        said one all more about than just very after into because these those its we had an so will also""".split()
    ),
    "de": frozenset(
        """der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch
        ich er sie wir es war wird werden hat haben bei nach wie aber oder wenn noch nur so also
        schon zum zur über um vor aus durch einen einer""".split()
    ),
    "fr": frozenset(
        """le la les de des et un une est du en que qui dans pour pas sur au avec ce
        je il elle nous vous ils on ne se sont était a été par plus mais ou comme son sa ses
        leur aux cette fait""".split()
    ),
    "es": frozenset(
        """el la de que y en los del se las por un una para con no es al lo como
        su sus pero más fue ha sido está son este esta cuando también muy sin sobre entre ya hay le""".split()
    ),
    "pt": frozenset(
        """o a de que e do da em um para com não uma os no se na por mais as dos
        é foi ser está são ao das pelo pela mas também seu sua ele ela já muito quando sobre entre até há""".split()
    ),
    "it": frozenset(
        """il di che e la per un non in una sono del della con si da le al
        è i gli ha stato anche più ma come se lo alla nel questo questa ci sua suo loro dopo""".split()
    ),
    "nl": frozenset(
        """de het een van en in is dat op te zijn voor met niet die aan er
        ik je hij ze wij we was had heeft hebben ook maar om als bij nog wel dan door naar uit dit zo""".split()
    ),
    "ru": frozenset(
        """и в не на что с по это как он к но из а то за от о так же для все его она они бы у уже
        был была было были я мы вы только если или при чтобы также этого этом может есть""".split()
    ),
    "uk": frozenset(
        """і в не на що з до це як він але та й від для за так вже його вона вони є у із я ми ви
        був була було були лише якщо або при щоб також цього цьому може які який""".split()
    ),
}
_LANGS = tuple(_FUNCTION_WORDS)
# word -> its language, for the words in one list only; and per language,
# its words that other lists share. One C-level ``map`` over the tokens
# finds the hits.
_OWN: dict[str, str] = {}
_SHARED: dict[str, frozenset[str]] = {}
for _lang, _ws in _FUNCTION_WORDS.items():
    _others = frozenset().union(*(v for k, v in _FUNCTION_WORDS.items() if k != _lang))
    _OWN.update(dict.fromkeys(_ws - _others, _lang))
    _SHARED[_lang] = _ws & _others
del _lang, _ws, _others
_MIN_WORDS = 8
_QUICK_CHARS = 250  # the quick test reads this much first (40 words), then the whole sample


def _quick_guess(sample: str) -> str | None:
    """The language whose function words clearly dominate ``sample``, or None.

    Whitespace tokens, lower-cased: a few microseconds per paragraph (a
    token with punctuation attached, "it.", simply does not count). The
    margin is judged on the words that belong to one language only, since
    "a", "in" or "is" say little on their own.
    """
    words = sample.lower().split()
    n = len(words)
    if n < 3:
        return None
    hits = list(filter(None, map(_OWN.get, words)))
    if len(hits) < 2:
        return None
    own = {lang: hits.count(lang) for lang in set(hits)}
    best = max(own, key=own.__getitem__)
    top = own[best]
    rival = max([v for k, v in own.items() if k != best], default=0)
    total = top + sum(map(_SHARED[best].__contains__, words))
    if n < _MIN_WORDS:
        # A headline or a fragment: only an unopposed, repeated signal.
        return best if rival == 0 and total * 3 >= n else None
    # Prose runs at 25-50% function words; demand a clear margin.
    if total >= 0.12 * n and top >= 3 and top >= 2 * rival + 2:
        return best
    return None


@functools.lru_cache(maxsize=1)
def _factory():  # pragma: no cover - exercised through detect_language
    from langdetect.detector_factory import DetectorFactory, PROFILES_DIRECTORY

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    return factory


def detect_language(text: str, default: str = DEFAULT_LANGUAGE) -> str:
    """Best guess at the language of ``text`` (an ISO 639-1 code).

    Cheap function-word test first (on the first 250 characters, then on
    2,000); langdetect (seeded) on a 2,000-character sample only when that
    is inconclusive; ``default`` when nothing can be
    said (empty text, digits, very short text).

    >>> detect_language("The cat sat on the mat and looked at the dog in the garden.")
    'en'
    >>> detect_language("")
    'en'
    """
    guess = _quick_guess(text[:_QUICK_CHARS])
    if guess:
        return guess
    sample = text[:_SAMPLE_CHARS]
    if len(sample) > _QUICK_CHARS:
        guess = _quick_guess(sample)
        if guess:
            return guess
    if len(_WORD.findall(sample)) < 3:
        return default
    try:
        detector = _factory().create()
        detector.seed = 0
        detector.append(sample)
        lang = detector.detect()
    except Exception:  # langdetect raises its own LangDetectException on odd input
        return default
    lang = lang.split("-")[0]
    return lang or default
