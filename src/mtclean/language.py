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

# A handful of very frequent function words per language: enough to tell
# English from the languages mtclean is most often run next to.
_FUNCTION_WORDS = {
    "en": frozenset("the of and to in is that for it with as was on are by this be from at have not".split()),
    "de": frozenset("der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch".split()),
    "fr": frozenset("le la les de des et un une est du en que qui dans pour pas sur au avec ce".split()),
    "es": frozenset("el la de que y en los del se las por un una para con no es al lo como".split()),
    "pt": frozenset("o a de que e do da em um para com não uma os no se na por mais as dos".split()),
    "it": frozenset("il di che e la per un non in una sono del della con si da le al".split()),
    "nl": frozenset("de het een van en in is dat op te zijn voor met niet die aan er".split()),
}


def _quick_guess(sample: str) -> str | None:
    words = _WORD.findall(sample.lower(), concurrent=False)
    if len(words) < 8:
        return None
    counts = {lang: sum(1 for w in words if w in fw) for lang, fw in _FUNCTION_WORDS.items()}
    best = max(counts, key=counts.__getitem__)
    share = counts[best] / len(words)
    runner_up = max(v for k, v in counts.items() if k != best)
    # English prose runs at 25-40% function words; demand a clear margin.
    if share >= 0.15 and counts[best] >= 2 * runner_up + 2:
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

    Cheap function-word test first; langdetect (seeded) on a 2,000-character
    sample only when that is inconclusive; ``default`` when nothing can be
    said (empty text, digits, very short text).

    >>> detect_language("The cat sat on the mat and looked at the dog in the garden.")
    'en'
    >>> detect_language("")
    'en'
    """
    sample = text[:_SAMPLE_CHARS]
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
