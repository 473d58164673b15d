"""The normalizers, one module per family of artifacts.

``DEFAULT_RULES`` is THE place where the pipeline order is decided. Each
position has a reason:

1. ``fix_mojibake``, ``unescape_entities``, ``fix_lookalike_letters``,
   ``fix_russian_letters``: every later rule must see real characters (a
   quote hidden in ``â€œ`` or ``&quot;`` is invisible to them, and a word
   with a Latin ``е`` in Cyrillic is no word to them).
2. ``remove_subword_markup``, ``remove_unk_tokens``: join BPE/SentencePiece
   pieces into words and drop ``<unk>``, which the word-level rules below
   need to see whole.
3. ``remove_preamble``, ``remove_stray_opening``: remove whole lines and
   tokens, so no rule wastes a repair on text that goes away.
4. ``fix_fullwidth_punctuation``, ``fix_space_before_punctuation``,
   ``remove_doubled_punctuation``: ASCII marks first, then tokenizer spaces,
   then the doubled marks that removing a space can bring together.
   ``collapse_double_spaces`` next (removing tokens above can leave two
   spaces), then ``join_spaced_hyphens``, which reads ``word - word`` with
   single spaces, and ``space_number_unit``; all before the word rules,
   which then see whole words.
5. ``dedupe_glued_names``: before glue splitting, which would otherwise turn
   ``PutinPutin`` into ``Putin Putin``.
6. ``fix_space_after_punctuation``, ``fix_stray_period``: separate the
   tokens glued at punctuation (``months.said``), so the next rules see
   words.
7. ``split_glued_words``: after the punctuation glue is gone.
8. ``remove_doubled_words``, ``remove_repetition_loops``,
   ``remove_comma_repeats``, ``remove_capitalised_doubles``: after
   splitting, which can reveal a doubled word; the comma loops after the
   plain loops, so a loop without commas inside a copy is already one copy;
   capitalised doubles last, after ``remove_doubled_words`` has taken the
   doubled first names (``Hassan Hassan Rouhani``).
9. ``restore_name_case``, ``lower_midsentence_capitals``,
   ``capitalise_sentence_start``, ``capitalise_pronoun_i``: last, since they
   read sentence structure that the rules above repair;
   ``capitalise_sentence_start`` after the mid-sentence casing rules (which
   never touch a sentence's first word) and before the pronoun rule, which
   reads the text's lower-case sentence starts as its style and must see
   the ones left by style, not the ones just repaired.
10. ``report_untranslated_fragments``: a finding (never applied), on the
    final text.
"""

from .casing import LOWER_MIDSENTENCE_CAPITALS, RESTORE_NAME_CASE, lower_midsentence_capitals, restore_name_case
from .doubling import (
    DEDUPE_GLUED_NAMES,
    REMOVE_DOUBLED_WORDS,
    REMOVE_REPETITION_LOOPS,
    dedupe_glued_names,
    remove_doubled_words,
    remove_repetition_loops,
)
from .encoding import FIX_MOJIBAKE, UNESCAPE_ENTITIES, fix_mojibake, unescape_entities
from .glue import SPLIT_GLUED_WORDS, split_glued_words
from .markup import REMOVE_SUBWORD_MARKUP, remove_subword_markup
from .punctuation import (
    FIX_FULLWIDTH_PUNCTUATION,
    REMOVE_DOUBLED_PUNCTUATION,
    fix_fullwidth_punctuation,
    remove_doubled_punctuation,
)
from .repeats import REMOVE_CAPITALISED_DOUBLES, REMOVE_COMMA_REPEATS, remove_capitalised_doubles, remove_comma_repeats
from .scripts import FIX_LOOKALIKE_LETTERS, FIX_RUSSIAN_LETTERS, fix_lookalike_letters, fix_russian_letters
from .residue import REMOVE_UNK_TOKENS, REPORT_UNTRANSLATED_FRAGMENTS, remove_unk_tokens
from .sentences import CAPITALISE_PRONOUN_I, CAPITALISE_SENTENCE_START, capitalise_pronoun_i, capitalise_sentence_start
from .preamble import REMOVE_PREAMBLE, REMOVE_STRAY_OPENING, remove_preamble, remove_stray_opening
from .whitespace import (
    COLLAPSE_DOUBLE_SPACES,
    JOIN_SPACED_HYPHENS,
    SPACE_NUMBER_UNIT,
    collapse_double_spaces,
    join_spaced_hyphens,
    space_number_unit,
)
from .spacing import (
    FIX_SPACE_AFTER_PUNCTUATION,
    FIX_SPACE_BEFORE_PUNCTUATION,
    FIX_STRAY_PERIOD,
    fix_space_after_punctuation,
    fix_space_before_punctuation,
    fix_stray_period,
)

DEFAULT_RULES = (
    FIX_MOJIBAKE,
    UNESCAPE_ENTITIES,
    FIX_LOOKALIKE_LETTERS,
    FIX_RUSSIAN_LETTERS,
    REMOVE_SUBWORD_MARKUP,
    REMOVE_UNK_TOKENS,
    REMOVE_PREAMBLE,
    REMOVE_STRAY_OPENING,
    FIX_FULLWIDTH_PUNCTUATION,
    FIX_SPACE_BEFORE_PUNCTUATION,
    REMOVE_DOUBLED_PUNCTUATION,
    COLLAPSE_DOUBLE_SPACES,
    JOIN_SPACED_HYPHENS,
    SPACE_NUMBER_UNIT,
    DEDUPE_GLUED_NAMES,
    FIX_SPACE_AFTER_PUNCTUATION,
    FIX_STRAY_PERIOD,
    SPLIT_GLUED_WORDS,
    REMOVE_DOUBLED_WORDS,
    REMOVE_REPETITION_LOOPS,
    REMOVE_COMMA_REPEATS,
    REMOVE_CAPITALISED_DOUBLES,
    RESTORE_NAME_CASE,
    LOWER_MIDSENTENCE_CAPITALS,
    CAPITALISE_SENTENCE_START,
    CAPITALISE_PRONOUN_I,
    REPORT_UNTRANSLATED_FRAGMENTS,
)

# Each public normalizer knows its rule, so make_pipeline accepts either.
for _fn, _rule in [
    (fix_mojibake, FIX_MOJIBAKE),
    (unescape_entities, UNESCAPE_ENTITIES),
    (fix_lookalike_letters, FIX_LOOKALIKE_LETTERS),
    (fix_russian_letters, FIX_RUSSIAN_LETTERS),
    (remove_subword_markup, REMOVE_SUBWORD_MARKUP),
    (remove_preamble, REMOVE_PREAMBLE),
    (remove_stray_opening, REMOVE_STRAY_OPENING),
    (fix_space_before_punctuation, FIX_SPACE_BEFORE_PUNCTUATION),
    (dedupe_glued_names, DEDUPE_GLUED_NAMES),
    (fix_space_after_punctuation, FIX_SPACE_AFTER_PUNCTUATION),
    (fix_stray_period, FIX_STRAY_PERIOD),
    (split_glued_words, SPLIT_GLUED_WORDS),
    (remove_doubled_words, REMOVE_DOUBLED_WORDS),
    (remove_repetition_loops, REMOVE_REPETITION_LOOPS),
    (restore_name_case, RESTORE_NAME_CASE),
    (lower_midsentence_capitals, LOWER_MIDSENTENCE_CAPITALS),
    (remove_unk_tokens, REMOVE_UNK_TOKENS),
    (fix_fullwidth_punctuation, FIX_FULLWIDTH_PUNCTUATION),
    (remove_doubled_punctuation, REMOVE_DOUBLED_PUNCTUATION),
    (capitalise_pronoun_i, CAPITALISE_PRONOUN_I),
    (capitalise_sentence_start, CAPITALISE_SENTENCE_START),
    (collapse_double_spaces, COLLAPSE_DOUBLE_SPACES),
    (join_spaced_hyphens, JOIN_SPACED_HYPHENS),
    (space_number_unit, SPACE_NUMBER_UNIT),
    (remove_comma_repeats, REMOVE_COMMA_REPEATS),
    (remove_capitalised_doubles, REMOVE_CAPITALISED_DOUBLES),
]:
    _fn.rule = _rule  # type: ignore[attr-defined]
del _fn, _rule

__all__ = [r.name for r in DEFAULT_RULES if r.kind == "repair"] + [
    "REMOVE_UNK_TOKENS",
    "FIX_FULLWIDTH_PUNCTUATION",
    "REMOVE_DOUBLED_PUNCTUATION",
    "CAPITALISE_PRONOUN_I",
    "CAPITALISE_SENTENCE_START",
    "COLLAPSE_DOUBLE_SPACES",
    "JOIN_SPACED_HYPHENS",
    "SPACE_NUMBER_UNIT",
    "REMOVE_COMMA_REPEATS",
    "REMOVE_CAPITALISED_DOUBLES",
    "REPORT_UNTRANSLATED_FRAGMENTS",
    "DEFAULT_RULES",
    "FIX_MOJIBAKE",
    "UNESCAPE_ENTITIES",
    "FIX_LOOKALIKE_LETTERS",
    "FIX_RUSSIAN_LETTERS",
    "REMOVE_SUBWORD_MARKUP",
    "REMOVE_PREAMBLE",
    "REMOVE_STRAY_OPENING",
    "FIX_SPACE_BEFORE_PUNCTUATION",
    "DEDUPE_GLUED_NAMES",
    "FIX_SPACE_AFTER_PUNCTUATION",
    "FIX_STRAY_PERIOD",
    "SPLIT_GLUED_WORDS",
    "REMOVE_DOUBLED_WORDS",
    "REMOVE_REPETITION_LOOPS",
    "RESTORE_NAME_CASE",
    "LOWER_MIDSENTENCE_CAPITALS",
]
