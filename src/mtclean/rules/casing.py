"""Letter case: names written in lower case, capitals in mid-sentence."""

from __future__ import annotations

import functools
import gzip
import itertools
from collections import Counter
from importlib import resources
from typing import Iterable, Iterator

import regex

from ..document import WORD_START_DEPTH, words_at_word_starts
from ..lexicon import Lexicon, PackedWords, Reader, get_lexicon, pack_sections, read_sections
from ..rule import Candidate, Context, Rule, Span
from ._common import DAYS_AND_MONTHS, EN, protected, run_rule, technical_signal, unknown_words, word_counts, word_set
from .residue import after_unk_token

__all__ = ["restore_name_case", "lower_midsentence_capitals", "RESTORE_NAME_CASE", "LOWER_MIDSENTENCE_CAPITALS"]

# ---------------------------------------------------------------- names
# Latin script only: the cased table is English.
# After the candidate: (the / a / of ...) then a capitalised word.
_TITLE_AHEAD = regex.compile(r" (?:(?:the|a|an|of|and|de|la) )?\p{Lu}\p{Ll}")
_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{N}'’_@#./\\-])[\p{Latin}&&\p{Ll}]{2,}(?![\p{L}\p{N}_@-])(?!['’]\p{L}{2})", regex.V1)
# A capitalised word not at a sentence start: after a lower-case letter or a
# comma and one space. The document's own usage of a name.
# A capitalised word that runs on into another ("the Distutils Cookbook",
# "Bytearray Objects") is part of a title or a heading: no evidence that the
# word alone is a name.
_MID_TITLE = regex.compile(r"(?<=[\p{Ll},;] )\p{Lu}[\p{Ll}\p{Lu}]*\p{Ll}(?![\p{L}\p{N}_@-])(?! \p{Lu})")

# How much more often the cased table must see a word capitalised than in
# lower case (log10) before a lower-case occurrence is restored: on the
# lexicon alone, and when the document itself writes the word capitalised.
LEXICON_ONLY_RATIO = 1.0
WITH_DOCUMENT_RATIO = 0.5
# ... and when the document writes it capitalised only at sentence starts.
WITH_SENTENCE_START_RATIO = 0.75
# Nationalities, peoples, languages and religions: capitalised in English
# whatever the cased table says (Reddit writes "german" often enough to
# blur it). Ambiguous ones (polish, turkey, china, french fries) are left out.
_DEMONYMS = frozenset(
    """afghan african albanian algerian american arab arabic argentine argentinian armenian asian australian
    austrian azerbaijani bangladeshi belarusian belgian bolivian bosnian brazilian british bulgarian burmese
    cambodian cameroonian canadian catalan chechen chilean chinese colombian congolese croatian cuban
    cypriot czech danish dutch egyptian emirati english eritrean estonian ethiopian european filipino
    finnish french georgian german ghanaian greek guatemalan haitian hindu hungarian icelandic indian
    indonesian iranian iraqi irish islamic israeli italian jamaican japanese jewish jordanian kazakh kenyan
    korean kosovar kurdish kuwaiti kyrgyz latvian lebanese libyan lithuanian macedonian malaysian maltese
    mexican moldovan mongolian montenegrin moroccan muslim nepalese nigerian norwegian pakistani palestinian
    panamanian paraguayan persian peruvian portuguese qatari romanian russian rwandan saudi scottish serbian
    singaporean slovak slovakian slovenian somali spanish sudanese swedish swiss syrian taiwanese tajik
    tanzanian thai tibetan tunisian turkmen ugandan ukrainian uruguayan uzbek venezuelan vietnamese welsh
    yemeni zambian zimbabwean christian catholic protestant orthodox buddhist sikh sunni shiite""".split()
) | (DAYS_AND_MONTHS - {"may", "march", "august"})  # (those three are common words too)
# Capitalised when the next word is ("united States", "united Nations").
_NAME_CHAIN_HEADS = frozenset("united".split())
# Words the cased table sees capitalised mostly because they start
# sentences (or are names only part of the time): never restored from the
# lexicon alone.
_SENTENCE_STARTERS = frozenset(
    """dont cant wont im ive id ill didnt doesnt isnt wasnt arent werent thats whats youre theyre hes shes
    lets heres theres wheres whos aint ok okay yes yeah hello thanks march may august united patriot
    pcs schoolboy""".split()
)


# Above this length a text is searched for the few words in question (one
# pattern of them) rather than token by token: the same matches, without
# a Python step per word of a long document. The pattern's cost grows with
# the number of words (about 0.1 of the token loop's per word): past
# ``_SEARCH_WORDS_AT_MOST`` words the token loop is the cheaper.
_SEARCH_WORDS_FROM = 50_000
_SEARCH_WORDS_AT_MOST = 40
_TREE_CHARS_PER_WORD = 1000


def _lower_tokens(text: str, words: set[str]) -> Iterator[regex.Match]:
    """The ``_LOWER_WORD`` matches of ``text`` whose word is in ``words``, in order.

    >>> [m.group() for m in _lower_tokens("kyiv and Kyiv, kyiv's kyivans, @kyiv", {"kyiv"})]
    ['kyiv', 'kyiv']
    """
    if len(text) < _SEARCH_WORDS_FROM or not words:
        return (m for m in _LOWER_WORD.finditer(text) if m.group() in words)
    if len(words) > _SEARCH_WORDS_AT_MOST:
        # (Building the tree costs about 30 µs a word, the token loop about
        # 0.05 µs a character more than the tree's scan: a text with few
        # characters for each word in question keeps the loop.)
        if len(words) * _TREE_CHARS_PER_WORD > len(text) or any(len(w) > WORD_START_DEPTH for w in words):
            return (m for m in _LOWER_WORD.finditer(text) if m.group() in words)
        # Many words: one prefix-tree scan finds where each may start (a
        # token's start follows a non-letter, and a token in ``words`` is
        # the longest of them there), and _LOWER_WORD is asked only there,
        # instead of a Python step for every lower-case token.
        return (
            t for m in words_at_word_starts(words).finditer(text)
            if (t := _LOWER_WORD.match(text, m.start())) is not None and t.group() in words
        )
    # _LOWER_WORD's own lookarounds around an alternation of the words
    # (longest first): a match is a whole lower-case Latin token.
    alternation = "|".join(regex.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    pattern = regex.compile(
        r"(?<![\p{L}\p{N}'’_@#./\\-])(?:" + alternation + r")(?![\p{L}\p{N}_@-])(?!['’]\p{L}{2})", regex.V1
    )
    return (m for m in pattern.finditer(text) if _LOWER_WORD.fullmatch(m.group()))


class _MidTitles:
    """``form in _MidTitles(text)``: does ``text`` write ``form`` capitalised mid-sentence (``_MID_TITLE``)?

    The whole text is scanned once, on the first question: a text whose
    candidates are all decided by the lexicon alone is never scanned.
    """

    def __init__(self, text: str):
        self._text = text
        self._all: set[str] | None = None

    def __contains__(self, form: str) -> bool:
        if self._all is None:
            self._all = set(_MID_TITLE.findall(self._text))
        return form in self._all


def _find_lowercased_names(text: str, ctx: Context) -> Iterator[Span]:
    lex = ctx.lexicon
    if not lex.has_case:
        return
    # Pre-screen with set operations on the call's shared word set: words
    # the lexicon writes capitalised, and unknown lower-case words that the
    # document also writes capitalised.
    words = word_set(text, ctx)
    candidates = lex.capitalised_in(words, WITH_DOCUMENT_RATIO) | words & _DEMONYMS | words & _NAME_CHAIN_HEADS
    unknown_lower = {
        w for w in unknown_words(text, ctx) if w.islower() and len(w) > 1 and (w[:1].upper() + w[1:]) in words
    }
    if not candidates and not unknown_lower:
        return
    # Every word that may need a capital is judged, whether or not it also
    # occurs as a lower-case token: the scan at the end only yields tokens.
    doc_caps = _MidTitles(text)
    fixes: dict[str, str] = {}
    chain_heads: set[str] = set()
    for w in candidates | unknown_lower:
        if w in _NAME_CHAIN_HEADS:
            chain_heads.add(w)
            continue
        if w in _SENTENCE_STARTERS:
            continue
        if w in _DEMONYMS:
            fixes[w] = w[:1].upper() + w[1:]
            continue
        form = lex.usual_form(w)
        if form is not None:
            ratio = lex.form_ratio(w)
            # An acronym form (RTD, CLR) needs more: short lower-case
            # abbreviations are common in informal text.
            needed = LEXICON_ONLY_RATIO + (0.75 if form.isupper() and len(w) < 4 else 0.0)
            lexicon_only = ratio >= needed and not w.endswith("ly")
            in_doc = ratio >= WITH_DOCUMENT_RATIO and form in doc_caps
            at_starts = ratio >= WITH_SENTENCE_START_RATIO and form in words
            if lexicon_only or in_doc or at_starts:
                fixes[w] = form
        elif (w[:1].upper() + w[1:]) in doc_caps and lex.zipf(w) == 0 and lex.title_ratio(w) is None:
            # Unknown to the lexicons, written capitalised elsewhere in this
            # document: the document is the evidence (zelenskyy / Zelenskyy).
            fixes[w] = w[:1].upper() + w[1:]
    if not fixes and not chain_heads:
        return
    prot = protected(text, ctx)
    for m in _lower_tokens(text, fixes.keys() | chain_heads):
        w = m.group()
        form = fixes.get(w)
        if form is None and w in chain_heads and _NEXT_NAME_PART.match(text, m.end()):
            form = w[:1].upper() + w[1:]
        if form is not None and not prot.covers(m.start(), m.end()):
            yield m.start(), m.end(), form


class ScowlLevels:
    """word -> (name level, common level), packed (:class:`~mtclean.lexicon.PackedWords`).

    >>> levels = ScowlLevels([("felicity", (35, 50))])
    >>> levels.get("felicity", (99, 99)), levels.get("zelenskyy", (99, 99))
    ((35, 50), (99, 99))
    >>> ScowlLevels.unpack(levels.pack()).get("felicity")
    (35, 50)
    """

    __slots__ = ("_table", "_pairs")

    def __init__(self, items: Iterable[tuple[str, tuple[int, int]]] = (), *,
                 table: PackedWords | None = None, pairs: list[tuple[int, int]] | None = None):
        if table is not None and pairs is not None:
            self._table, self._pairs = table, pairs
            return
        # One entry per distinct pair of levels (a few hundred for 99k words).
        index: dict[tuple[int, int], int] = {}
        self._table = PackedWords.from_items((w, index.setdefault(pair, len(index))) for w, pair in items)
        self._pairs = list(index)

    def get(self, word: str, default: tuple[int, int] = (99, 99)) -> tuple[int, int]:
        """The levels of ``word``; ``default`` when SCOWL does not list it."""
        i = self._table.index(word)
        return default if i < 0 else self._pairs[self._table.value_at(i)]

    def __len__(self) -> int:
        return len(self._table)

    def items(self) -> Iterator[tuple[str, tuple[int, int]]]:
        """``(word, (name level, common level))`` pairs, in the table's order."""
        return ((w, self._pairs[v]) for w, v in self._table.items())

    def pack(self, comment: str = "") -> bytes:
        """The table as bytes (the shipped ``names.lex.gz``, uncompressed), for :meth:`unpack`."""
        pairs = " ".join(f"{n} {c}" for n, c in self._pairs).encode("ascii")
        return pack_sections([*self._table.sections(), pairs], comment)

    @classmethod
    def unpack(cls, data: "bytes | Reader") -> "ScowlLevels":
        """The table that :meth:`pack` made (bytes, or a binary file of them)."""
        parts = read_sections(data, 7)
        table = PackedWords.from_sections(itertools.islice(parts, 6))
        levels = list(map(int, next(parts).split()))
        next(parts, None)  # (checks that the data ends there)
        return cls(table=table, pairs=list(zip(levels[0::2], levels[1::2])))


@functools.lru_cache(maxsize=1)
def _scowl_levels() -> ScowlLevels:
    """word -> (name level, common level) from SCOWL (``data/en/names.lex.gz``; 99 = not listed).

    SCOWL sorts English words by how common they are (10 = the commonest,
    95 = the rarest), separately for lower-case words and for names: a word
    that is both a common word and a name ("felicity", "miller") needs more
    than a cased frequency table to be restored. Loaded once, on first need
    (packed arrays, read with no parsing).
    """
    path = resources.files("mtclean") / "data" / "en" / "names.lex.gz"
    try:
        with path.open("rb") as raw, gzip.GzipFile(fileobj=raw) as fh:
            return ScowlLevels.unpack(fh)
    except (FileNotFoundError, OSError):
        return ScowlLevels(())


def scowl_rows(lines: Iterable[str]) -> Iterator[tuple[str, tuple[int, int]]]:
    """``(word, (name level, common level))`` of the text rows ``word<TAB>name<TAB>common`` (99: empty).

    >>> list(scowl_rows(["# word\\tname\\tcommon", "a\\t\\t10", "aachen\\t50\\t"]))
    [('a', (99, 10)), ('aachen', (50, 99))]
    """
    for line in lines:
        if not line or line[0] == "#":
            continue
        word, name, common = line.split("\t")
        yield word, (int(name) if name else 99, int(common) if common else 99)


_LATIN_WORD = regex.compile(r"[\p{Latin}'’-]+")
# How frequent (wordfreq zipf) a word must be for the cased table alone to decide.
RELIABLE_CASED_ZIPF = 3.0
# A lower-case word that SCOWL lists as a common word at this level or
# commoner is an ordinary word as much as a name.
COMMON_WORD_LEVEL = 50


def _lowercased_name_candidates(text: str, ctx: Context) -> Iterator[Candidate]:
    """Weigh each restoration: a name only, or also a common word?"""
    seen: frozenset[str] | None = None
    for start, end, repl in _find_lowercased_names(text, ctx):
        if seen is None:
            seen = word_set(text, ctx)  # once per text: no scan per candidate
            levels = _scowl_levels()  # loaded on the first candidate, not for clean text
        word = text[start:end].lower()
        if not _LATIN_WORD.fullmatch(word):
            continue  # an English lexicon says nothing about the case of other scripts
        name_level, common_level = levels.get(word, (99, 99))
        if _LABEL_AFTER_1.match(text, end):
            # "the hmac module", "kqueue objects": an identifier named by its kind.
            yield Candidate(start, end, repl, 0.3, ("cased lexicon: usually capitalised", "before a kind noun: an identifier"))
            continue
        if after_unk_token(text, start):
            # "<unk>cole": a word glued to an unknown-word token may have lost
            # its first letter (École); its case is evidence for that rule.
            yield Candidate(start, end, repl, 0.3, ("cased lexicon: usually capitalised", "glued to an unknown-word token: maybe cut"))
            continue
        opened = start > 0 and text[start - 1] in _OPENING_QUOTES and not (start > 1 and text[start - 2].isalpha())
        closed = end < len(text) and text[end] in _CLOSING_QUOTES and not text[end + 1:end + 2].isalpha()  # not "kyiv's"
        if opened or closed:
            # “jessie”, "putin kaputt": a word quoted is mentioned as written.
            yield Candidate(start, end, repl, 0.3, ("cased lexicon: usually capitalised", "quoted as written"))
            continue
        # The document itself writes the capitalised form, on its own (not
        # running on into a title: "Distutils Cookbook").
        cased = repl in seen and _standalone_in(text, repl, ctx)
        if cased and (start == 0 or text[start - 1] != "-") and common_level > COMMON_WORD_LEVEL:
            if technical_signal(text, ctx):
                # Code marks: both spellings are the writer's (the package
                # ``libgcrypt``, the project ``Libgcrypt``).
                yield Candidate(start, end, repl, 0.45, ("the document writes it capitalised", "technical text"))
                continue
            yield Candidate(start, end, repl, 0.93, ("the document writes it capitalised", "not a common word"))
            continue
        if repl not in seen and len(word) >= 5:
            # Written in lower case again and again, never capitalised: the
            # writer's spelling, not a lost capital.
            if _written_lower_again(text, word, ctx):
                yield Candidate(start, end, repl, 0.45, ("cased lexicon: usually capitalised", "always written in lower case"))
                continue
        if start > 0 and text[start - 1] == "-":
            # "Ji-san", "Jean-pierre": the lower-case half of a hyphenated name is its own spelling.
            yield Candidate(start, end, repl, 0.3, ("after a hyphen: part of a compound",))
            continue
        if common_level <= COMMON_WORD_LEVEL:
            yield Candidate(
                start, end, repl, 0.35,
                ("cased lexicon: usually capitalised", f"SCOWL: also a common word (level {common_level})"),
            )
        elif technical_signal(text, ctx):
            # Code marks in the text: a lower-case name there is mostly an
            # identifier or a package (``libpng``, ``posix mode``, ``tls``),
            # and only the document's own capitals (above) are evidence.
            yield Candidate(start, end, repl, 0.45, ("cased lexicon: usually capitalised", "technical text"))
        elif name_level <= 80:
            yield Candidate(start, end, repl, 0.92, ("cased lexicon: usually capitalised", "SCOWL: a name"))
        else:
            # Unknown to SCOWL both ways: identifiers, jargon, loanwords, new
            # names. The cased table's view is only reliable for words it has
            # seen often (zipf >= 3: "kyiv"); rarer ones ("zander", "moulin")
            # are suggestions unless the document itself capitalises them.
            zipf = ctx.lexicon.zipf(word)
            if zipf >= RELIABLE_CASED_ZIPF:
                yield Candidate(start, end, repl, 0.8, ("cased lexicon: usually capitalised", "SCOWL: not listed"))
            else:
                yield Candidate(
                    start, end, repl, 0.4,
                    ("cased lexicon: usually capitalised", "SCOWL: not listed", f"rare word (zipf {zipf:.1f})"),
                )


# Up to this many words a text is asked about, each is looked for with
# str.find (stopping at its second place); past it, every lower-case run
# of the text is counted once.
_FIND_LOWER_AT_MOST = 64
_LETTER_OR_DIGIT = regex.compile(r"[\p{L}\p{N}]")
_ALL_LOWER = regex.compile(r"\p{Ll}+")


def _written_lower_again(text: str, word: str, ctx: Context) -> bool:
    """Does ``text`` write ``word`` (lower case) as a whole lower-case run (``_LOWER_RUN``) twice or more?

    A whole-text count of every run costs about 60 ns a character, paid by
    a long document for its first such candidate; one search per word,
    stopping at the second place, costs a few ns a character.

    >>> _written_lower_again("kyiv and kyivstar, kyiv-based", "kyiv", Context("en"))
    True
    >>> _written_lower_again("kyiv and kyivstar, Kyiv", "kyiv", Context("en"))
    False
    """
    asked: dict[str, bool] = ctx.cached("written_lower_again", text, lambda t: {})  # type: ignore[assignment]
    known = asked.get(word)
    if known is not None:
        return known
    if len(asked) >= _FIND_LOWER_AT_MOST:
        counts: Counter[str] = ctx.cached("lower_word_counts", text, lambda t: Counter(_LOWER_RUN.findall(t)))  # type: ignore[assignment]
        found = counts.get(word, 0) > 1
    elif not _ALL_LOWER.fullmatch(word):
        found = False  # not a run of lower-case letters: no run equals it
    else:
        places, n, i = 0, len(word), text.find(word)
        while i >= 0:
            # A whole run: no letter or digit on either side (the word's
            # letters are all lower case, so the run is exactly the word).
            if not (i and _LETTER_OR_DIGIT.match(text, i - 1)) and not _LETTER_OR_DIGIT.match(text, i + n):
                places += 1
                if places > 1:
                    break
            i = text.find(word, i + 1)
        found = places > 1
    asked[word] = found
    return found


_OPENING_QUOTES = "\"'“‘«"
_CLOSING_QUOTES = "\"'”’»"
# Nouns that name a kind of technical thing: the word before them is a
# label or an identifier ("the Compiler class", "the hmac module", "an Entry
# widget", "the Extensions tab"), written the way its owner writes it.
_KIND_NOUNS = frozenset(
    """class classes object objects module modules package packages library libraries widget widgets tab tabs
    dialog menu button buttons field fields attribute attributes method methods function functions interface
    interfaces protocol protocols type types instance instances command commands option options parameter
    parameters variable variables keyword keywords section sections chapter chapters window panel toolbar
    property properties element elements extension extensions plugin plugins subcommand argument arguments
    flag flags header headers node nodes event events exception exceptions codec codecs api daemon""".split()
)
_LABEL_AFTER = regex.compile(r" (?:[\p{L}.]+ ){0,2}(?:\L<kinds>)\b", kinds=sorted(_KIND_NOUNS))
_LABEL_AFTER_1 = regex.compile(r" (?:\L<kinds>)\b", kinds=sorted(_KIND_NOUNS))


def _standalone_in(text: str, form: str, ctx: Context) -> bool:
    """``_standalone_capitalised``, asked once per form and text in a call (a form recurs: each scan may read the whole text)."""
    known: dict[str, bool] = ctx.cached("standalone_capitalised", text, lambda t: {})  # type: ignore[assignment]
    found = known.get(form)
    if found is None:
        found = known[form] = _standalone_capitalised(text, form)
    return found


def _standalone_capitalised(text: str, form: str) -> bool:
    """Is ``form`` written mid-sentence with no capitalised word right after or before it?

    >>> _standalone_capitalised("see the Distutils Cookbook", "Distutils")
    False
    >>> _standalone_capitalised("as Zelenskyy said", "Zelenskyy")
    True
    """
    i = text.find(form)
    n = len(form)
    while i >= 0:
        j = i + n
        whole = (i == 0 or not text[i - 1].isalnum()) and (j == len(text) or not (text[j].isalnum() or text[j] in "_@-"))
        if whole and i >= 2 and text[i - 1] == " " and (text[i - 2].islower() or text[i - 2] in ",;"):
            nxt = text[j + 1:j + 2] if text[j:j + 1] == " " else ""
            if not nxt.isupper():
                return True
        i = text.find(form, i + 1)
    return False


RESTORE_NAME_CASE = Rule(
    "restore_name_case",
    _lowercased_name_candidates,
    EN,
    "Capitalise names written in lower case ('kyiv' -> 'Kyiv'), from a cased lexicon and the document.",
    category="casing",
)


def restore_name_case(text: str, *, lang: str = "en") -> str:
    """Restore the capital of a proper noun that MT wrote in lower case.

    Acts where the cased lexicon sees the word capitalised at least ten
    times as often as not, or where the document itself writes it
    capitalised mid-sentence.

    >>> restore_name_case("troops from kyiv and nato, said Zelenskyy; zelenskyy agreed")
    'troops from Kyiv and NATO, said Zelenskyy; Zelenskyy agreed'
    >>> restore_name_case("a turkey in the march, the may bill")
    'a turkey in the march, the may bill'
    """
    return run_rule(RESTORE_NAME_CASE, text, lang)


_NEXT_NAME_PART = regex.compile(r" (?:States|Kingdom|Nations|Arab Emirates)\b")

# ---------------------------------------------------------------- capitals
# Function words: capitalised mid-sentence before a lower-case word they
# are wrong whatever the lexicon says ("whereby It is", ", The incursion").
_FUNCTION_WORDS = frozenset(
    """the a an it its this that these those she we they their our my your in on at for
    of and but or to with by from as is was are were there which who what when where while if so
    not no all some one after before about also then than however such many most""".split()
)
# Words that join the parts of a multi-word name ("Ministry of Defense").
_CONNECTORS = frozenset("of for and the de du des la le von van der den del da di on in at to & y".split())
_DETERMINERS = frozenset("the a an this that these those".split())
_POSSESSIVES = frozenset("his her its their our my your".split())
_VERBAL_CONTEXT = frozenset(
    """it is are was were be been being has have had will would can could should shall might must do does did
    i you he she we they not very too so more most really just also still already never always often""".split()
)
# Nouns and verbs after which a capitalised word is a name or a title
# ("the magazine Nature", "a film called Clueless", "told Dad").
_NAME_INTRODUCERS = frozenset(
    """god goddess magazine journal newspaper paper film movie book novel song album show series programme program
    app application company firm group channel rover ship boat vessel operation project called named titled
    dubbed entitled brand hotel restaurant cafe club team band website site platform game character village
    town city river mount lake street avenue district province hypermarket supermarket store shop chain bank
    fund agency outlet service network station studio label party organisation organization association
    campaign festival award prize mission satellite spacecraft vaccine drug strain variant virus software
    system model engine code codenamed nicknamed known dad mom mum mother father grandma grandpa uncle aunt
    sister brother wife husband son daughter author writer director singer rapper artist""".split()
)
# Words after which a sentence cannot end, so a capital after them (with no
# comma) is wrong: "whereby It is". After other words a capital may start a
# sentence whose period was lost (headline joins), so it stays.
_NON_FINAL = frozenset(
    """whereby that and or but nor of to in into for with from by at on as the a an is was are were be been
    being will would can could should may might must shall because if whether while although though since
    than so which who whom whose where when how why what its their our your his her my this these those
    about after before during under over between against without within upon via per""".split()
)
# Verbs that follow a name used as a subject.
_SUBJECT_VERBS = frozenset(
    """said says told reported reports added adds wrote writes explained noted announced announces claimed
    tweeted posted stated confirmed is was has had will would""".split()
)
# Capitalised by English convention whatever the lexicon says.
_ALWAYS_CAPITALISED = DAYS_AND_MONTHS | {"god"}
_CANDIDATE = regex.compile(r"(?<=[\p{Ll},] )\p{Lu}\p{Ll}*(?![\p{L}\p{N}'’_@-])")

# How much rarer (log10) a capital must be than lower case for a content
# word to be lowered: after an adjective or verb, and after a determiner
# (where institutional capitals such as "the Government" are house style).
CONTENT_RATIO = -0.75
AFTER_DETERMINER_RATIO = -1.25
STRONG_RATIO = -1.25
# A content word the cased lexicon writes capitalised at most once in this
# many (log10) is lowered without the document's own lower-case use.
LEXICON_LOWER_RATIO = -2.0
# Function words that often start English sentences: after a word that
# may end a sentence, their capital may be a lost period's ("base The idea").
_COMMON_SENTENCE_STARTS = frozenset("the a an it this that these those she we they there what if when".split())


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _name_chain(words_back: list[str], words_ahead: list[str]) -> bool:
    """Is the word between these part of a multi-word capitalised name?"""
    for seq in (words_back, words_ahead):
        for w in seq[:3]:
            core = w.strip("\"'“”‘’()[],.;:!?")
            if not core:
                break
            if _is_cap(core):
                return True
            if core.lower() not in _CONNECTORS:
                break
    return False


def _mid_sentence_use(text: str, word: str) -> bool:
    """Is ``word`` written after a lower-case letter or comma and a space?"""
    needle = " " + word
    i = text.find(needle)
    while i > 0:
        c = text[i - 1]
        if c == "," or c.islower():
            return True
        i = text.find(needle, i + 1)
    return False


# words x characters below which one str.find per word is cheaper than
# compiling one pattern for all of them (about 0.3 ms a compile).
_FIND_BUDGET = 1 << 20


def _any_mid_sentence_use(text: str, words: set[str]) -> bool:
    """``any(_mid_sentence_use(text, w) for w in words)`` in one pass over ``text``.

    (One search per word was quadratic on texts of many distinct words.)

    >>> _any_mid_sentence_use("Of the cat. And so, The dog", {"Of", "The"})
    True
    >>> _any_mid_sentence_use("Of the cat. The dog", {"Of", "The"})
    False
    """
    # _mid_sentence_use gives up on a word whose first " word" opens the text.
    rest = [w for w in words if not text.startswith(" " + w)]
    if not rest:
        return False
    if len(rest) * len(text) <= _FIND_BUDGET:
        # Short texts: a C-level find per word beats compiling a pattern.
        return any(_mid_sentence_use(text, w) for w in rest)
    # Each space after a comma or a lower-case letter, looked up by the
    # lengths of the words (a pattern of thousands of words was slower than
    # linear on long texts of distinct words).
    wanted = set(rest)
    firsts = {w[:1] for w in rest}
    lengths = sorted({len(w) for w in rest})
    for m in _SPACE_AFTER_LOWER.finditer(text):
        i = m.start()
        if i == 0 or text[i + 1:i + 2] not in firsts or not (text[i - 1] == "," or text[i - 1].islower()):
            continue
        for n in lengths:
            if text[i + 1:i + 1 + n] in wanted:
                return True
    return False


_SPACE_AFTER_LOWER = regex.compile(r"(?<=[^\W\d_,]|,) ")


def _could_be_lowered(word: str, lang: str, lex: "Lexicon | None" = None) -> bool:
    """A capitalised function word, or a word usually written in lower case (``lex``: ``get_lexicon(lang)``)."""
    if not (word[:1].isupper() and word[1:].islower()):
        return False
    low = word.lower()
    if low in _FUNCTION_WORDS:
        return True
    ratio = (lex or get_lexicon(lang)).title_ratio(low)
    return ratio is not None and ratio <= CONTENT_RATIO


# _could_be_lowered's answers, per language (a pure function of the word and
# the read-only lexicon): asked of a text's words at C speed (set and
# filter over a dict) instead of a Python call per word. A full table is
# replaced, never cleared: a call that holds the old one reads it whole.
_LOWERABLE: dict[str, dict[str, bool]] = {}
_LOWERABLE_AT_MOST = 1 << 16


def _lowerable(words: "frozenset[str]", lang: str) -> set[str]:
    """``{w for w in words if _could_be_lowered(w, lang)}``."""
    known = _LOWERABLE.get(lang)
    if known is None or len(known) > _LOWERABLE_AT_MOST:
        known = _LOWERABLE[lang] = {}
    unseen = words.difference(known)
    if unseen:
        lex = get_lexicon(lang)
        for w in unseen:
            known[w] = _could_be_lowered(w, lang, lex)
    return set(filter(known.__getitem__, words))


def _capital_nearby(back: list[str], ahead: list[str]) -> bool:
    """Another capitalised word within four words: names and titles cluster."""
    for seq, skip_first in ((back, True), (ahead, False)):
        for i, w in enumerate(seq[:4]):
            if i == 0 and skip_first:
                continue
            core = w.lstrip("\"'“‘(")
            if core[:1].isupper() and not (i > 0 and seq is back and seq[i - 1][-1:] in ".!?"):
                if seq is back and w[-1:] in ".!?:":
                    break  # a sentence boundary: what precedes it is another sentence
                return True
            if w[-1:] in ".!?":
                break
    return False


def _title_case_stretch(
    back: list[str], ahead: list[str], ignore: str = "", judged: frozenset[str] = frozenset()
) -> bool:
    """Are a third or more of the six words on each side capitalised?

    Copies of ``ignore`` (the word being judged), and words of two letters
    or more whose lower case is in ``judged`` (judged by the same test), do
    not count: lowering some of them would change the verdict on the
    others in the next pass (``normalize`` would not be idempotent).
    """
    window = back[:6] + ahead[:6]
    caps = 0
    for w in window:
        if not w.lstrip("\"'“‘(")[:1].isupper():
            continue
        core = w.strip("\"'“”‘’(),.;:!?")
        # (one letter stays evidence: "A." is an initial, "I" always a capital)
        if (ignore and core == ignore) or (len(core) > 1 and core.lower() in judged):
            continue
        caps += 1
    return len(window) >= 4 and caps * 3 >= len(window)


def _heading_line(text: str, pos: int) -> tuple[int, int, bool]:
    """(start, end, verdict) of the line at ``pos``: is it a heading (12 words or fewer, half capitalised, no sentence end)?"""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    line = text[start:end]
    words = line.split(maxsplit=12)  # (a 13th piece: more than 12 words, no heading)
    if len(words) <= 12 and not line.rstrip().endswith((".", "!", "?", "”", '"')):
        caps = sum(1 for w in words if _is_cap(w))
        return start, end, caps * 2 >= len(words)
    return start, end, False


def _screen_passes(text: str, ctx: Context, matches: "list[regex.Match[str]]") -> bool:
    """The old pre-screen, ``_any_mid_sentence_use(text, maybe)`` for ``maybe`` every unknown word
    ``_could_be_lowered``, given ``matches``: ``_CANDIDATE`` matches of some of those words.

    Each match follows a space and a lower-case letter (regex's ``\\p{Ll}``)
    or a comma. When that character is a comma or ``str.islower()`` (every
    ``\\p{Ll}`` but a few letters newer than Python's Unicode tables), and
    the text does not open with a space (which hides a word's first use
    from that screen), the screen finds that use: no search needed.
    Otherwise it is asked.
    """
    if text[:1] != " ":
        for m in matches:
            c = text[m.start() - 2]
            if c == "," or c.islower():
                return True
    return _any_mid_sentence_use(text, _lowerable(unknown_words(text, ctx), ctx.lang))


def _find_midsentence_capitals(text: str, ctx: Context) -> Iterator[Span]:
    lex = ctx.lexicon
    if not lex.has_case:
        return
    # Capitalised words after a lower-case letter or a comma, "unknown" to
    # the lower-case lexicon (as every capitalised word is), that are
    # function words or usually written in lower case. (Only the words
    # found there are asked about, not every capitalised word of the text.)
    found = _CANDIDATE.findall(text)
    if not found:
        return
    maybe = _lowerable(unknown_words(text, ctx).intersection(found), ctx.lang)
    counts = Counter(filter(maybe.__contains__, found))
    if not counts:
        return
    # The words that may be lowered, as far as the text alone can tell:
    # function words; other words written capitalised only once (more
    # often: a name or the writer's style), not months, days or "Dad".
    possible = set()
    for w, n in counts.items():
        low = w.lower()
        if len(w) == 1 and w != "A":
            continue
        if low in _FUNCTION_WORDS or (n == 1 and low not in _ALWAYS_CAPITALISED and low not in _NAME_INTRODUCERS):
            possible.add(w)
    if not possible:
        return
    # Where they are (a second scan, for the texts that get this far).
    matches = [m for m in _CANDIDATE.finditer(text) if m.group() in possible]
    if not _screen_passes(text, ctx, matches):
        return
    # The lexicon is asked about a word only for a match whose context
    # allows a lowering (most do not: "New York", "Prime Minister"), once
    # per word: its look-ups are the dear part.
    judged: dict[str, bool] = {}

    def is_candidate(w: str) -> bool:
        known = judged.get(w)
        if known is None:
            low = w.lower()
            known = low in _FUNCTION_WORDS
            if not known:
                ratio = lex.title_ratio(low)
                known = ratio is not None and ratio <= CONTENT_RATIO and lex.usual_form(low) is None
                known = known and word_counts(text, ctx)[w] == 1
            judged[w] = known
        return known

    prot = None
    heading = (0, -1, False)  # (start, end, verdict) of the last line judged a heading or not
    for m in matches:
        w = m.group()
        before = text[max(0, m.start() - 80):m.start()]
        after = text[m.end():m.end() + 80]
        back = before.split()[::-1]
        if not back:
            continue
        prev = back[0]
        comma = prev.endswith(",")
        prev_core = prev.rstrip(",")
        if not comma and not (prev_core.islower() and prev_core.isalpha()):
            continue  # after a capitalised word, an abbreviation, a number ("July 25th On the 25th"), a dash ...
        ahead = after.split()
        nxt = ahead[0] if ahead else ""
        low = w.lower()
        if low in _FUNCTION_WORDS:
            # Lower only before a lower-case word: ", The Washington Post"
            # and ", He Rundong" are titles and names. Words that can start
            # a sentence ("The", "It") also need a comma or a word before
            # that cannot end one ("whereby It"); "Of", "Is", "Was" cannot.
            starts_sentences = low in _COMMON_SENTENCE_STARTS
            if not comma and (w == "A" or (starts_sentences and prev_core.lower() not in _NON_FINAL)):
                continue
            if not nxt or not nxt[0].islower() or not after.startswith(" "):
                continue
        else:
            # After a pronoun, an auxiliary or an adverb comes a verb or an
            # adjective, hardly ever a name ("it Tasted", "has Begun").
            verbal = not comma and prev_core.lower() in _VERBAL_CONTEXT
            if _name_chain(back[1:] if comma else back, ahead):
                continue
            # Names and titles cluster: near another capital, leave it.
            if not verbal and _capital_nearby(back, ahead):
                continue
            if _title_case_stretch(back, ahead):
                continue  # a headline in Title Case ("Rivers of Gold Are on Show Tonight")
            if prev_core.lower() in _NAME_INTRODUCERS or prev_core.lower() in _POSSESSIVES:
                continue
            if not comma and prev_core.lower() in _DETERMINERS and (lex.title_ratio(low) or 0) > AFTER_DETERMINER_RATIO:
                continue
            if not nxt or not after.startswith(" "):
                continue
            if not nxt[0].islower():
                # Before punctuation ("the incredible Wool!") only with strong
                # evidence and a lower-case word before ("Portland, Ore." stays).
                strong = (lex.title_ratio(low) or 0) <= STRONG_RATIO and not comma
                if not (strong and nxt[0] in ".,;:!?" and prev_core.lower() not in _DETERMINERS):
                    continue
            if nxt.rstrip(",.;:") in _SUBJECT_VERBS:
                continue  # "Variety reported", "Aslin said": a name as subject
        if not is_candidate(w):
            continue
        if prot is None:
            prot = protected(text, ctx)
        if prot.covers(m.start(), m.end()):
            continue
        # (each line judged once: per candidate, a long line was split again)
        if not heading[0] <= m.start() < heading[1]:
            heading = _heading_line(text, m.start())
        if heading[2]:
            continue
        yield m.start(), m.start() + 1, w[0].lower()


# Words after which a capitalised word is the title of a part of a text
# ("see Hashing of numeric types", "section Modules", "selecting
# Preferences"), and verbs whose preposition leads to one ("refer to The
# standard type hierarchy", "described in Configuration dictionary schema").
_REFERENCE_WORDS = frozenset("see section chapter part appendix selecting select choose click titled".split())
_REFERENCE_VERBS = frozenset("refer refers described documented explained discussed listed shown given".split())
# Function words that never start an English sentence.
_NEVER_STARTS = frozenset("of is was are were than".split())
_WH_WORDS = frozenset("what how who why where when which whom whose".split())
_QUESTION_VERBS = _VERBAL_CONTEXT | frozenset("ever am shall may".split())
_SENTENCE_MARKS = regex.compile(r"[.!?,;:\n]")
_SENTENCE_END_MARKS = regex.compile(r"[.!?]")
# A capitalised common noun after a lower-case word: "the Authority", "the President".
_CAPITALISED_AFTER_LOWER = regex.compile(r"(?<=\p{Ll} )\p{Lu}\p{Ll}{2,}(?![\p{L}\p{N}'’_@-])")


_NEXT_TOKEN = regex.compile(r"(?:[ \t]+(\p{L}+))?([,.;:!?)]?)")


def _ends_phrase(text: str, pos: int) -> bool:
    """Is the word ending at ``pos`` followed by punctuation or a lower-case function word?

    >>> _ends_phrase("a difficult Decision for the team", 20)
    True
    >>> _ends_phrase("practical Sense fabric", 15)
    False
    """
    m = _NEXT_TOKEN.match(text, pos)
    if m is None:
        return False
    if m.group(1) is None:
        return bool(m.group(2))
    return m.group(1) in _FUNCTION_WORDS or m.group(1) in _CONNECTORS


def _unpunctuated_line(text: str, start: int, end: int) -> bool:
    """A line of ten words or more with no punctuation at all (speech, chat): its sentence starts are unmarked.

    >>> _unpunctuated_line("so we walked home Then it rained and we had no coat with us", 0, 61)
    True
    >>> _unpunctuated_line("whereby It is unclear", 0, 21)
    False
    """
    if end - start > 2000:
        return False
    return not _SENTENCE_MARKS.search(text, start, end) and len(text[start:end].split()) >= 10


def _house_capitals(text: str, ctx: Context, word: str) -> bool:
    """Does the text capitalise another common noun mid-sentence (a house style: "the Government", "the Cabinet")?"""
    lex = ctx.lexicon
    for m in _CAPITALISED_AFTER_LOWER.finditer(text):
        other = m.group()
        if other == word or other.lower() in _FUNCTION_WORDS:
            continue
        ahead = text[m.end():m.end() + 40].split()
        if ahead and (ahead[0][:1].isupper() or (ahead[0] in _CONNECTORS and ahead[1:2] and ahead[1][:1].isupper())):
            continue  # "the Second World War", "the Study of War": a name, not a house style
        ratio = lex.title_ratio(other.lower())
        if ratio is not None and ratio <= CONTENT_RATIO and text[max(0, m.start() - 4):m.start()] == "the ":
            return True
    return False


_CAPITAL_AFTER_LOWER_WORD = regex.compile(r"(?<=\p{Ll} )\p{Lu}\p{L}*+(?![\p{L}\p{N}])")


def _capitalised_again(text: str, word: str, memo: dict[str, int]) -> bool:
    """Is ``word`` written capitalised after a lower-case word at least twice in ``text``?

    ``memo`` holds the counts of every such word, from one scan of the text
    (made on the first question).

    >>> _capitalised_again("on Your behalf and at Your cost", "Your", {})
    True
    >>> _capitalised_again("one Your and your", "Your", {})
    False
    """
    if not memo:
        memo.update(Counter(m.group() for m in _CAPITAL_AFTER_LOWER_WORD.finditer(text)))
        memo[""] = 0  # (scanned: a text with none stays scanned)
    return memo.get(word, 0) >= 2


def _midsentence_capital_candidates(text: str, ctx: Context) -> Iterator[Candidate]:
    """Weigh each lowering: a function word is wrong capitalised mid-sentence
    whatever the text; a content word may be a name, a title, a label or a
    house style ("the Government", "the Future object"), so it is lowered
    only when the document itself writes it in lower case elsewhere."""
    counts = None
    mid_uses: dict[str, int] = {}
    for start, end, repl in _find_midsentence_capitals(text, ctx):
        word = text[start:end] if end - start > 1 else _word_at(text, start)
        low = word.lower()
        back = text[max(0, start - 60):start].split()[::-1]
        prev = back[0].lower() if back else ""
        prev2 = back[1].lower() if len(back) > 1 else ""
        after = text[start + len(word):start + len(word) + 60]
        nxt = after.split()[0].lower().strip(",.;:!?") if after.split() else ""
        weak: tuple[str, ...] = ()
        if _LABEL_AFTER.match(text, start + len(word)):
            weak = ("before a kind noun: a label or a title",)
        elif prev in _REFERENCE_WORDS or (prev2 in _REFERENCE_VERBS and prev in ("to", "in", "at", "under")):
            weak = ("after a cross-reference: a title",)
        elif low in _FUNCTION_WORDS:
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", start)
            line_end = len(text) if line_end < 0 else line_end
            if prev in _DETERMINERS:
                weak = ("function word after a determiner: used as a noun",)  # "the How or the When"
            elif low in _WH_WORDS and prev.endswith(",") and nxt in _QUESTION_VERBS:
                weak = ("question word and verb after a comma: a direct question",)  # "not, How is it"
            elif _unpunctuated_line(text, line_start, line_end):
                weak = ("no punctuation nearby: may start a sentence",)  # unpunctuated speech or chat
            elif (
                not prev.endswith(",")
                and prev not in _NON_FINAL
                and low not in _NEVER_STARTS
                and not _SENTENCE_MARKS.search(text, line_start, start)
                and len(_SENTENCE_END_MARKS.findall(text, line_start, line_end)) <= 1
            ):
                # "Good evening Where is", "How are you Not great": in a line that
                # hardly punctuates, after a word that may end a sentence, the
                # capital may be the only mark left of a lost period; after
                # "and", "whereby" or a comma it cannot.
                weak = ("after a word that may end a sentence: a lost period?",)
            elif prev in _NAME_INTRODUCERS:
                weak = ("after a noun that introduces a title",)  # "the film Who Am I?"
            elif _title_case_stretch(back, after.split(), word, _FUNCTION_WORDS):
                # (Capitalised function words around are judged the same
                # way: they are no evidence of a title here.)
                weak = ("in a stretch of capitalised words: a title",)
        if weak:
            yield Candidate(start, end, repl, 0.3, ("capital mid-sentence",) + weak)
            continue
        if low in _FUNCTION_WORDS:
            if _capitalised_again(text, word, mid_uses):
                # "You may act only on Your own behalf": a licence's defined
                # terms, written so throughout; a stray capital is written once.
                yield Candidate(
                    start, end, repl, 0.4,
                    ("function word capitalised mid-sentence", "capitalised so again in the text: a defined term"),
                )
                continue
            if _TITLE_AHEAD.match(text, start + len(word)):
                # "novel On the Shore", "In the Old Orchard": capitals run on
                # through the function word: a title or a name.
                yield Candidate(
                    start, end, repl, 0.4, ("function word capitalised mid-sentence", "title shape: capitals follow")
                )
                continue
            yield Candidate(start, end, repl, 0.9, ("function word capitalised mid-sentence",))
            continue
        if counts is None:
            # Lower-case uses in prose only: "tix.sourceforge.net" is no use of "tix".
            counts = _prose_lower_counts(text, ctx)
        if technical_signal(text, ctx):
            # Code marks in the text: a capitalised term there names a thing
            # (a "Value error", "returns False", "Readline", a "Worker" class).
            yield Candidate(
                start, end, repl, 0.45,
                ("content word capitalised mid-sentence", "technical text: a capitalised term names a thing"),
            )
        elif counts.get(low, 0) > 0 and _house_capitals(text, ctx, word):
            yield Candidate(
                start, end, repl, 0.4,
                ("content word capitalised mid-sentence", "the text capitalises other common nouns: house style"),
            )
        elif counts.get(low, 0) > 0:
            yield Candidate(
                start, end, repl, 0.8,
                ("content word capitalised mid-sentence", "the document writes it in lower case elsewhere"),
            )
        elif (ctx.lexicon.title_ratio(low) or 0.0) <= LEXICON_LOWER_RATIO and len(low) >= 4 and _ends_phrase(text, start + len(word)):
            # No use in the document, but the cased lexicon writes the word in
            # lower case a hundred times as often: a common word, not a name.
            # Only where a function word or punctuation follows: before a noun
            # it may name a brand or a series ("practical Sense fabric").
            yield Candidate(
                start, end, repl, 0.7,
                ("content word capitalised mid-sentence", "cased lexicon: almost always lower case"),
            )
        else:
            yield Candidate(
                start, end, repl, 0.35,
                ("content word capitalised mid-sentence", "no lower-case use in the document: may be a name or title"),
            )


_LOWER_RUN = regex.compile(r"(?<![\p{L}\p{N}])\p{Ll}+(?![\p{L}\p{N}])")
# (Searched backwards: the last character that cannot be inside a run.)
_RUN_BOUNDARY_BEFORE = regex.compile(r"(?r)[^\p{L}\p{N}]")


def _prose_lower_counts(text: str, ctx: Context) -> Counter[str]:
    """How often each lower-case run occurs outside protected spans (URLs, code...).

    All runs counted at C speed, then those meeting a protected span taken
    off, read only around each span: linear, with no Python step per word.

    >>> c = _prose_lower_counts("see tix here, or tix.sourceforge.net", Context("en"))
    >>> c["tix"], c["sourceforge"]
    (1, 0)
    """
    counts = Counter(_LOWER_RUN.findall(text))
    floor = done = 0
    for ps, pe in ctx.document(text).protected:
        # The first run that may meet [ps, pe) starts after the last
        # character before ps that no run holds (or where the last span's
        # reading stopped: runs before it are counted off already).
        b = _RUN_BOUNDARY_BEFORE.search(text, floor, ps)
        for m in _LOWER_RUN.finditer(text, b.end() if b else floor):
            s, e = m.span()
            if s >= pe:
                break
            if e > ps and s >= done:
                counts[m.group()] -= 1
                done = e
        floor = max(floor, pe)
    return counts


def _word_at(text: str, start: int) -> str:
    m = regex.match(r"\p{L}+", text[start:start + 64])
    return m.group() if m else text[start:start + 1]


LOWER_MIDSENTENCE_CAPITALS = Rule(
    "lower_midsentence_capitals",
    _midsentence_capital_candidates,
    EN,
    "Lower a capital in mid-sentence ('whereby It is', 'small Assault groups'), not in names or titles.",
    category="casing",
)


def lower_midsentence_capitals(text: str, *, lang: str = "en") -> str:
    """Lower-case a word wrongly capitalised in the middle of a sentence.

    Names, titles and multi-word names are left alone: a capital after a
    comma followed by another capital is a title (``, The Washington
    Post``), and ``Ministry of Defense`` is a name chain.

    >>> lower_midsentence_capitals("But for now, The incursion, whereby It is unclear, used small Assault groups. The assault failed.")
    'But for now, the incursion, whereby it is unclear, used small assault groups. The assault failed.'
    >>> lower_midsentence_capitals("used small Assault groups.")  # no lower-case use: maybe a name
    'used small Assault groups.'
    >>> lower_midsentence_capitals("said the Ministry of Defense, The Washington Post reported")
    'said the Ministry of Defense, The Washington Post reported'
    """
    return run_rule(LOWER_MIDSENTENCE_CAPITALS, text, lang)
