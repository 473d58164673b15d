"""Code in running text is protected: no rule splits, re-cases or re-spaces an identifier."""

import pytest

import mtclean
from mtclean.document import Document


def _protected(text: str) -> list[str]:
    return [text[s:e] for s, e in Document(text).protected]


@pytest.mark.parametrize(
    "text, token",
    [
        ("call gtk_test_buffer_insert now", "gtk_test_buffer_insert"),
        ("see multiprocessing.Process._bootstrap here", "multiprocessing.Process._bootstrap"),
        ("use rand() there", "rand()"),
        ("use islower(wch) there", "islower(wch)"),
        ("then asyncResource.runInAsyncScope(fn, x)", "asyncResource.runInAsyncScope("),
        ("then obj.method(fn, x)", "obj.method("),
        ("Class::isRecord should", "Class::isRecord"),
        ("the $pc register", "$pc"),
        ("with -fstack-protector-guard=tls set", "-fstack-protector-guard=tls"),
        ("the [ieee|alternative] option", "[ieee|alternative]"),
        ("in os.{access,chdir,mkdir} now", "os.{access,chdir,mkdir}"),
        ("translations (az,cs,cy,da) added", "az,cs,cy,da"),
        ("the java.sql.Timestamp class", "java.sql.Timestamp"),
        ("in longobject.c it", "longobject.c"),
        ("the texinfo.tex file", "texinfo.tex"),
        ("under java/util/zip/ZipFile it", "java/util/zip/ZipFile"),
        ("Python's ``re.Pattern`` objects", "``re.Pattern``"),
    ],
)
def test_code_tokens_are_protected(text, token):
    assert token in _protected(text)


@pytest.mark.parametrize(
    "text",
    [
        "He lives in the U.S.A. and e.g. Brisbane.Child left.",
        "World Health Organization(WHO)said",
        "and/or he/she said",
        "Beijing,Shanghai,Guangzhou",
        "It costs 3.5bn and x = 5.",
        "in the EU.The minister said",
        "Ab.Cd.Ab.Cd.Ef",
        "word,other;thing:stuff.more!",
        "remote control,pots, pillows,chairs,pans",
        "quoting the governor,Mr.GodwinEmefiele,as saying",
        "gaining ground for months.said the official",
    ],
)
def test_prose_shapes_are_not_protected(text):
    assert _protected(text) == []


def test_artifacts_next_to_code_are_still_repaired():
    # Protection covers the identifier only: the glued sentence after it is repaired.
    text = "Call rand() to start.The loop ends."
    assert mtclean.normalize(text, lang="en") == "Call rand() to start. The loop ends."


def test_glue_after_punctuation_in_prose_is_still_repaired():
    assert mtclean.normalize("It rained in Brisbane.Children stayed home.", lang="en") == (
        "It rained in Brisbane. Children stayed home."
    )
    assert mtclean.normalize("He came home,then left.", lang="en") == "He came home, then left."


def test_doubled_word_after_two_spaces_is_still_removed_but_table_columns_stay():
    assert mtclean.normalize("Но  но для большинства папок, это должно быть уже хорошо", lang="ru") == (
        "Но для большинства папок, это должно быть уже хорошо"
    )
    assert mtclean.normalize("update\tchanged\t\tchanged\t\t1", lang="en") == "update\tchanged\t\tchanged\t\t1"


def test_a_dash_typed_as_two_hyphens_is_no_code_mark():
    from mtclean.rule import Context
    from mtclean.rules._common import technical_signal

    assert technical_signal("my bonnet and spencer on--I was only gone, Jane?--for", Context("en")) == []
    assert technical_signal("run it with --all to see", Context("en")) == ["technical text"]


@pytest.mark.parametrize(
    "text",
    [
        "Improved performance of asyncio.Queue for large files.",  # rare module name before the dot
        "The rfc822.Message and tkSimpleDialog.Dialog classes were fixed.",  # rare identifiers before the dot
        "import process from 'node:process'; and more",  # a module prefix in a string literal
        "Support (jceks,jks) keystores.",  # codes on both sides of the comma
        "Use decimal.Decimal and fractions.Fraction (see gc_free()) for this.",  # qualified names, code marks
        "Translations updated (hr,ro) by gc_collect() users.",  # a list without spaces in technical text
        "You can install it with::\n\n    pip install x",  # reStructuredText's literal-block mark
    ],
)
def test_code_punctuation_is_left_as_written(text):
    assert mtclean.normalize(text, lang="en") == text


def test_prose_glue_beside_code_marks_is_still_repaired():
    assert mtclean.normalize("Use gc_free() after it.The loop ends,then stops.", lang="en") == (
        "Use gc_free() after it. The loop ends, then stops."
    )
    assert mtclean.normalize("remote control,pots, pillows,chairs,pans", lang="en") == (
        "remote control, pots, pillows, chairs, pans"
    )


def test_definition_lists_keep_their_spaced_colons():
    listing = "   isalnum : alphanumeric character\n   isalpha : alphabetic character"
    assert mtclean.normalize(listing, lang="en") == listing
    # prose keeps its repairs
    assert mtclean.normalize("Note : the talks resumed ( really ) .", lang="en") == "Note: the talks resumed (really)."


@pytest.mark.parametrize(
    "text, lang, fixed",
    [
        # MT placeholders and markup are no code marks
        ("( PERSON1) Ich meine das Skript von #PRS_ORG#.", "de", "(PERSON1) Ich meine das Skript von #PRS_ORG#."),
        ("Ah nein, in meinem #PRS_ORG#-Account habe ich:Immer mehr", "de", "Ah nein, in meinem #PRS_ORG#-Account habe ich: Immer mehr"),
        # an apostrophe or an opening quote is no quoted literal
        ("A payment for March.It's for two of us.", "en", "A payment for March. It's for two of us."),
        ("Write the address in Czech,let's see the map.", "en", "Write the address in Czech, let's see the map."),
        ('According to the "Contour.Over the past years, it grew.', "en", 'According to the "Contour. Over the past years, it grew.'),
    ],
)
def test_mt_repairs_beside_placeholders_quotes_and_apostrophes(text, lang, fixed):
    assert mtclean.normalize(text, lang=lang) == fixed
