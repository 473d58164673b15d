"""The document model: lazy tokenization with offsets, and incremental updates.

The key property: ``doc.after(edits)`` (which re-tokenizes only the edited
windows) equals a fresh ``Document`` of the new text.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mtclean.document import Document
from mtclean.edits import Edit, apply_edits

PIECES = ["the", "cat", "Kyiv", "é", "www.", "example", ".com", "a@b.org", "@x", "#tag", " ", " ", "  ", "\n",
          ".", ",", "'", "“", "”", "12", "x" * 300, "file.txt", "«", "»", "ñ", "_"]


@st.composite
def text_and_edits(draw):
    text = "".join(draw(st.lists(st.sampled_from(PIECES), max_size=40)))
    n = len(text)
    cuts = sorted(draw(st.lists(st.integers(0, n), max_size=12)))
    edits = []
    last = 0
    for i in range(0, len(cuts) - 1, 2):
        s, e = max(cuts[i], last), cuts[i + 1]
        if s > e:
            continue
        after = "".join(draw(st.lists(st.sampled_from(PIECES + [""]), max_size=3)))
        if text[s:e] != after:
            edits.append(Edit("r", s, e, text[s:e], after))
            last = e + 1
    return text, edits


@given(text_and_edits())
def test_incremental_update_equals_a_fresh_tokenization(case):
    text, edits = case
    doc = Document(text)
    doc.words, doc.protected  # tokenize the old version first
    nxt = doc.after(edits)
    fresh = Document(apply_edits(text, edits))
    assert nxt.text == fresh.text
    assert nxt.words == fresh.words
    assert nxt.protected == fresh.protected


def test_words_and_lookups():
    doc = Document("The cat, the CAT and Kyiv.")
    assert [doc.text[s:e] for s, e in doc.words] == ["The", "cat", "the", "CAT", "and", "Kyiv"]
    assert doc.word_counts["cat"] == 2 and doc.word_counts["the"] == 2
    assert doc.word_at(5) == (4, 7) and doc.word_at(7) is None
    assert doc.words_between(0, 8) == [(0, 3), (4, 7)]


def test_protected_spans():
    doc = Document("Mail a@b.org or see https://x.y/z?q=1 and @handle, #tag, `a b`, notes.txt")
    got = [doc.text[s:e] for s, e in doc.protected]
    assert got == ["a@b.org", "https://x.y/z?q=1", "@handle", "#tag", "`a b`", "notes.txt"]
    assert doc.is_protected(doc.text.index("x.y")) and not doc.is_protected(0, 4)


def test_sentences_and_quotes():
    doc = Document("One. Two! “Three,” she said.\nFour")
    assert [doc.text[i:i + 4] for i in doc.sentence_starts] == ["One.", "Two!", "“Thr", "Four"]
    assert doc.starts_sentence(5) and not doc.starts_sentence(6)
    assert [doc.text[s:e] for s, e in doc.quotes] == ["“Three,”"]


def test_text_without_spaces_stays_right():
    text = "ab" * 2000
    doc = Document(text)
    doc.words
    edits = [Edit("r", 10, 11, "a", " "), Edit("r", 3000, 3001, "b", ".")]
    assert doc.after(edits).words == Document(apply_edits(text, edits)).words


def test_unchanged_document_is_reused():
    doc = Document("same")
    assert doc.after([]) is doc


def test_protected_domain_without_other_marks():
    # Only a dot and a known ending mark these: the pre-screen must still find them.
    doc = Document("Read example.org and Report.PDF today. End.")
    assert [doc.text[s:e] for s, e in doc.protected] == ["example.org", "Report.PDF"]
    assert Document("Dots. Many dots. No domain here.").protected == []
