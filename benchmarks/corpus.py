"""Synthetic benchmark inputs: English news-like prose, artifacts, odd shapes.

Everything here is generated from templates written for this file and a
seeded random generator, so the inputs are the same on every machine and no
third-party text ships in the repository. The prose is built to look like
wire-service news to the rules: sentences of 15-35 words, names, places,
numbers, quotes, commas, parentheses and a spread of vocabulary (content
words are drawn from wordfreq's English list, ranks 2,000-30,000, so the
lexicon sees the long tail that real news has, not a handful of words).

``MTCLEAN_BENCH_SMALL=1`` shrinks every size (see :func:`size`) so that the
benchmark suite can be executed once, quickly, as a test.
"""

from __future__ import annotations

import functools
import os
import random
import re
from typing import Callable

__all__ = [
    "SMALL",
    "size",
    "news_paragraphs",
    "paragraph",
    "news_text",
    "with_artifacts",
    "snippets",
    "no_space",
    "dotted",
    "one_word_repeated",
    "mixed_scripts_line",
    "ADVERSARIAL",
]

SMALL = os.environ.get("MTCLEAN_BENCH_SMALL", "").strip() not in ("", "0", "false", "no")


def size(n: int, small: int | None = None) -> int:
    """``n`` bytes (or items), or a small stand-in when ``MTCLEAN_BENCH_SMALL`` is set."""
    if not SMALL:
        return n
    return small if small is not None else max(1, n // 1000)


# ------------------------------------------------------------------ fillers
_PEOPLE = """Maria Kowalski|James Okafor|Elena Petrova|David Chen|Amina Haddad|Thomas Becker|Sofia Romano|
Oleksandr Melnyk|Rachel Goldberg|Kwame Mensah|Hiroshi Tanaka|Lucia Fernandez|Ahmed Karimi|Grace Whitfield|
Pavel Novak|Ingrid Larsen|Samuel Adeyemi|Claire Dubois|Viktor Shevchenko|Nadia Rahman|Peter Hollis|
Anna Lindqvist|Marco Bianchi|Julia Hartmann|Dmitri Sokolov|Fatima Benali|Robert Keane|Yusuf Demir|
José Martínez|Zoë Brennan|Łukasz Wójcik|Søren Møller|Renée Lefèvre|Çağla Yıldız""".replace("\n", "").split("|")
_TITLES = """the prime minister|the foreign minister|the mayor|a senior official|the company's chief executive|
the regional governor|a spokesperson for the ministry|the head of the agency|an analyst at the institute|
the defence minister|a local police chief|the central bank governor|the opposition leader|a union representative""".replace("\n", "").split("|")
_PLACES = """Kyiv|Warsaw|Berlin|Nairobi|Lagos|Manila|Lisbon|Toronto|Melbourne|Kharkiv|Odesa|Vilnius|Seoul|
Jakarta|Bogota|Lima|Ankara|Istanbul|Cairo|Dublin|Glasgow|Marseille|Naples|Krakow|Gdansk|Riga|Tallinn|
Helsinki|Oslo|Bergen|Porto|Seville|Valencia|Munich|Hamburg|Vienna|Prague|Brno|Bratislava|Budapest|
Zürich|Malmö|São Paulo|Kraków|Reykjavík|Curaçao""".replace("\n", "").split("|")
_COUNTRIES = """Ukraine|Poland|Germany|Kenya|Nigeria|the Philippines|Portugal|Canada|Australia|Lithuania|
South Korea|Indonesia|Colombia|Peru|Turkey|Egypt|Ireland|Scotland|France|Italy|Latvia|Estonia|Finland|
Norway|Spain|Austria|the Czech Republic|Slovakia|Hungary|Japan|Brazil|Mexico|India|Sweden""".replace("\n", "").split("|")
_ORGS = """the European Union|the United Nations|the World Health Organization|the International Monetary Fund|
the Red Cross|the Ministry of Defence|the Ministry of Health|the central bank|the national railway company|
the electoral commission|the Supreme Court|the state energy company|the World Bank|NATO|the city council|
the regional administration|the national statistics office|the teachers' union""".replace("\n", "").split("|")
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday".split("|")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December".split("|")
_VERBS = "said|told reporters|wrote on social media|said in a statement|told a news conference|added|warned".split("|")

# Sentence templates. {noun}, {noun2}, {adj} and {verb_ing} are filled from
# a broad vocabulary so that the text has a realistic long tail of words.
_TEMPLATES = """\
{title_cap}, {person}, {verb} on {day} that the {noun} would be reviewed before the end of {month}.
The {adj} {noun} in {place} has affected more than {num} people since {month}, according to {org}.
"We are doing everything we can to restore the {noun} as quickly as possible," {person} {verb}.
Officials in {place} said the decision to close the {noun} was taken after a {adj} review of safety rules.
The announcement came days after {org} warned that the {noun} could cost {country} up to {pct} percent of its annual budget.
{person}, who has led the {noun} since {year}, said the {noun2} had been {verb_ed} by a lack of funding.
Critics argue that the plan does little to address the {adj} {noun} facing families in rural areas.
In a statement, {org} said it was "deeply concerned" about reports of {adj} {noun2} near the border.
Prices for {noun} rose by {pct} percent in {month}, the fastest pace in more than a decade, the statistics office said.
The talks, which were held in {place} and lasted almost {small} hours, ended without an agreement on the {noun}.
Residents of {place} have been asked to avoid the area around the {noun} until further notice.
{person} is expected to travel to {place} next week to meet {title} and discuss the {noun2}.
At least {small} people were injured when a {noun} collapsed in the centre of {place} on {day} evening, police said.
The government has promised to invest {num} million euros in the {noun} over the next {small} years.
According to the latest figures, unemployment in {country} fell to {pct} percent in {month}, down from a year earlier.
Opposition parties have called for an independent inquiry into the handling of the {noun}.
Speaking to reporters in {place}, {person} said the country would not accept any deal that left the {noun} unresolved.
The {noun} was first reported by local media on {day}, and was later confirmed by {org}.
Analysts say the {adj} {noun} reflects a broader shift in how governments in the region approach {noun2}.
Farmers in the south of {country} say the dry summer has left them with the smallest harvest in {small} years.
The court ruled that the {noun} had been carried out lawfully, but ordered the ministry to pay compensation to {small} families.
Thousands of people gathered in the main square of {place} on {day} to protest against the {adj} {noun}.
{title_cap} described the {noun} as "a serious mistake" and said those responsible would be held to account.
The new rules, which come into force in {month}, require companies to report any {noun} within {small} days.
Most of the {num} workers at the plant have been on strike since {month}, demanding higher wages and better {noun}.
Rescue teams worked through the night to reach villages cut off by the flooding, {org} said.
The {noun} has divided the governing coalition, with {small} ministers threatening to resign over the issue.
{person} was born in {place} in {year} and studied law before entering politics.
Under the agreement, {country} will receive {num} tonnes of grain and a loan to rebuild its {noun}.
The ministry said it had received more than {num} applications for the new {noun} programme in the first week.
Schools in {place} will remain closed until {day} while engineers inspect the {noun}.
"This is not the end of the process, it is the beginning," {person} told supporters in {place}.
The report found that {pct} percent of households in {country} could not afford an unexpected {noun}.
Air traffic at the airport in {place} was suspended for several hours on {day} after a {adj} {noun} was spotted nearby.
The central bank left interest rates unchanged at {pct} percent, citing uncertainty over the {noun}.
{org} said the number of people displaced by the fighting had risen to {num} in recent weeks.
Police arrested {small} people on suspicion of fraud linked to the {noun}, prosecutors in {place} said.
The minister's visit to {place} is the first by a senior official from {country} since {year}.
Several companies have already announced plans to move part of their {noun} to {country}.
The election, which is due to take place in {month}, is widely seen as a test for the {adj} government.
Doctors at the main hospital in {place} said they had treated dozens of patients for {noun2} since the weekend.
The project, which has been delayed several times, is now expected to be completed in {year}.
{person} said the {noun} had been "completely unacceptable" and apologised to the families affected.
Engineers are still trying to determine what caused the {noun} at the power station near {place}.
The agreement must still be approved by the parliaments of all {small} member states.
Sales of electric cars in {country} doubled in the first half of the year, industry data showed on {day}.
A spokesperson for {org} declined to comment on the {noun}, saying the investigation was still ongoing.
The {adj} {noun} has forced hundreds of families from their homes, and many of them are now living with relatives.
""".splitlines()

# A broad, fixed vocabulary of nouns, adjectives and participles: the
# content words of news. Kept in the file (not drawn at run time) so that
# the corpus does not depend on a library's word list.
_NOUNS = """agreement allowance ambulance appeal arrangement assessment audit ballot bankruptcy barrier
benefit blockade boundary bridge broadcast budget bureaucracy campaign candidate capacity ceasefire
census charity checkpoint coalition collapse commission compensation competition complaint compromise
conflict consignment constitution construction contract corridor crackdown curfew cyberattack deadline
debt deficit delegation demolition deployment deposit detention disaster dispute district drought
earthquake economy election embargo emergency emission employment enquiry epidemic evacuation exemption
expansion explosion export facility famine festival fire flood forecast fracture framework freight
frontier fuel funding garrison grant harbour harvest headquarters heatwave highway hospital housing
incentive incident inflation infrastructure inquiry inspection insurance investigation landslide
lawsuit legislation licence loan lockdown manifesto memorial merger migration mine mortgage motorway
negotiation offensive outbreak outage parliament partnership pension pipeline plant pledge pollution
prosecution protest quarantine railway ransom recession reconstruction referendum reform refinery
regulation rehabilitation reservoir resignation restriction retirement revenue riot sanction scandal
scheme settlement shortage shutdown smuggling stadium strike subsidy summit surveillance tariff
terminal treaty tribunal tunnel turbine turnout uprising vaccine verdict viaduct volunteer wage
warehouse wildfire withdrawal""".split()
_ADJS = """annual bilateral catastrophic chronic controversial costly damaging devastating domestic
dramatic economic electoral environmental fragile gradual humanitarian illegal industrial
institutional judicial legislative lengthy local major military municipal national nuclear
parliamentary persistent political preliminary provisional regional renewed rural seasonal severe
sudden temporary unexpected unprecedented urban volatile widespread""".split()
_PARTICIPLES = """hampered slowed weakened undermined complicated delayed disrupted strained""".split()


def _fill(template: str, rng: random.Random) -> str:
    person = rng.choice(_PEOPLE)
    title = rng.choice(_TITLES)
    values = {
        "person": person,
        "title": title,
        "title_cap": title[0].upper() + title[1:],
        "place": rng.choice(_PLACES),
        "country": rng.choice(_COUNTRIES),
        "org": rng.choice(_ORGS),
        "day": rng.choice(_DAYS),
        "month": rng.choice(_MONTHS),
        "verb": rng.choice(_VERBS),
        "noun": rng.choice(_NOUNS),
        "noun2": rng.choice(_NOUNS),
        "adj": rng.choice(_ADJS),
        "verb_ed": rng.choice(_PARTICIPLES),
        "num": f"{rng.randint(2, 950):,}" if rng.random() < 0.5 else f"{rng.randint(1, 99) * 1000:,}",
        "small": str(rng.randint(2, 19)),
        "pct": f"{rng.randint(1, 19)}.{rng.randint(0, 9)}" if rng.random() < 0.5 else str(rng.randint(2, 40)),
        "year": str(rng.randint(1995, 2023)),
    }
    s = template.format(**values)
    return s[0].upper() + s[1:]


def _curly(para: str) -> str:
    # Typographic quotes and apostrophes, as most published news has.
    para = re.sub(r'"(?=\w)', "\u201c", para)
    return para.replace('"', "\u201d").replace("'", "\u2019")


def news_paragraphs(n_bytes: int, seed: int = 1) -> list[str]:
    """Paragraphs of 3-8 sentences (about 300-1,300 bytes, 600 on average) totalling ``n_bytes`` or a little more.

    Half of them use typographic quotes (non-ASCII), half straight ones.
    """
    rng = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < n_bytes:
        k = rng.randint(3, 8)
        para = " ".join(_fill(rng.choice(_TEMPLATES), rng) for _ in range(k))
        if rng.random() < 0.5:
            para = _curly(para)
        out.append(para)
        total += len(para.encode("utf-8")) + 2
    return out


def paragraph(n_bytes: int = 1000, seed: int = 5) -> str:
    """One paragraph of whole sentences, about ``n_bytes`` long (never shorter)."""
    rng = random.Random(seed)
    para = ""
    while len(para.encode("utf-8")) < n_bytes:
        para = (para + " " if para else "") + _fill(rng.choice(_TEMPLATES), rng)
    return _curly(para)


def news_text(n_bytes: int, seed: int = 1) -> str:
    """One document of about ``n_bytes`` UTF-8 bytes: paragraphs separated by blank lines."""
    text = "\n\n".join(news_paragraphs(n_bytes, seed))
    return _cut(text, n_bytes)


def _cut(text: str, n_bytes: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= n_bytes:
        return text
    return data[:n_bytes].decode("utf-8", "ignore")


# ------------------------------------------------------------------ artifacts
def _glue_words(p: str, rng: random.Random) -> str:
    # "region bordering" -> "regionbordering": two lower-case words of 3+ letters.
    words = p.split(" ")
    idx = [i for i in range(len(words) - 1) if words[i].isalpha() and words[i].islower() and len(words[i]) > 3
           and words[i + 1].isalpha() and words[i + 1].islower() and len(words[i + 1]) > 3]
    if not idx:
        return p
    i = rng.choice(idx)
    words[i:i + 2] = [words[i] + words[i + 1]]
    return " ".join(words)


def _lower_name(p: str, rng: random.Random) -> str:
    for name in rng.sample(_PLACES, len(_PLACES)):
        if name in p:
            return p.replace(name, name.lower(), 1)
    return p


def _double_word(p: str, rng: random.Random) -> str:
    for w in ("the", "of", "in", "to", "and"):
        key = f" {w} "
        if key in p:
            return p.replace(key, f" {w} {w} ", 1)
    return p


def _double_name(p: str, rng: random.Random) -> str:
    for person in _PEOPLE:
        if person in p:
            last = person.split(" ")[1]
            return p.replace(person, person + last, 1)
    return p


def _glue_sentence(p: str, rng: random.Random) -> str:
    i = p.find(". ")
    return p if i < 0 else p[:i + 1] + p[i + 2:]


def _space_before(p: str, rng: random.Random) -> str:
    return p.replace(", ", " , ", 2).replace(".", " .", 1)


def _entities(p: str, rng: random.Random) -> str:
    return p.replace("'", "&apos;").replace('"', "&quot;", 2) if ("'" in p or '"' in p) else p.replace(" and ", " &amp; ", 1)


def _mojibake(p: str, rng: random.Random) -> str:
    # One sentence with typographic quotes, encoded as UTF-8 and read back as cp1252.
    sentences = p.split(". ")
    i = rng.randrange(len(sentences))
    s = _curly(sentences[i])
    if s.isascii():
        words = s.split(" ")
        j = rng.randrange(max(1, len(words) - 2))
        words[j:j + 2] = ["\u201c" + " ".join(words[j:j + 2]) + "\u201d"]
        s = " ".join(words)
    sentences[i] = s.encode("utf-8").decode("cp1252", "replace")
    return ". ".join(sentences)


def _mid_capital(p: str, rng: random.Random) -> str:
    for w in (" the ", " small ", " local ", " major "):
        j = p.find(w, 20)
        if j > 0 and p[j - 1].islower():
            return p[:j + 1] + w[1].upper() + p[j + 2:]
    return p


def _loop(p: str, rng: random.Random) -> str:
    words = p.split(" ")
    i = rng.randrange(max(1, len(words) - 4))
    phrase = " ".join(w for w in words[i:i + 3])
    if not all(w.isalpha() for w in words[i:i + 3]):
        return p
    words[i:i + 3] = [phrase + " " + phrase + " " + phrase]
    return " ".join(words)


_INJECTORS: list[Callable[[str, random.Random], str]] = [
    _glue_words, _lower_name, _double_word, _double_name, _glue_sentence,
    _space_before, _entities, _mojibake, _mid_capital, _loop,
]


def with_artifacts(paragraphs: list[str], seed: int = 2, per_paragraph: tuple[int, int] = (1, 3)) -> list[str]:
    """The same paragraphs with 1-3 MT/extraction artifacts injected into each.

    Artifacts: glued words, a lower-cased place name, a doubled word, a
    doubled name (``KowalskiKowalski``), a glued sentence, tokenizer spaces
    before punctuation, escaped entities, mojibake, a mid-sentence capital
    and a repetition loop.
    """
    rng = random.Random(seed)
    out = []
    for p in paragraphs:
        for inject in rng.sample(_INJECTORS, rng.randint(*per_paragraph)):
            p = inject(p, rng)
        out.append(p)
    return out


def snippets(n: int, seed: int = 3, length: int = 200) -> list[str]:
    """``n`` snippets of about ``length`` bytes, cut at a word boundary."""
    text = " ".join(news_paragraphs(n * (length + 10), seed))
    out = []
    pos = 0
    while len(out) < n:
        end = text.rfind(" ", pos, pos + length)
        if end <= pos:
            end = pos + length
        out.append(text[pos:end])
        pos = end + 1
        if pos >= len(text) - length:
            pos = 0
    return out


# ------------------------------------------------------------------ adversarial shapes
def no_space(n_bytes: int) -> str:
    """News prose with every space and line break removed: one ``n_bytes`` token run."""
    return _cut("".join(news_text(n_bytes + n_bytes // 5, seed=7).split()), n_bytes)


def dotted(n_bytes: int) -> str:
    """``a.a.a.a.`` for ``n_bytes``."""
    return "a." * (n_bytes // 2)


def one_word_repeated(n: int = 100_000, word: str = "the") -> str:
    """One word written ``n`` times, separated by spaces."""
    return " ".join([word] * n)


_SCRIPTS = [
    "The committee met in Kyiv on Tuesday, and said:",
    "Комитет собрался в Киеве во вторник и заявил:",
    "Η επιτροπή συνεδρίασε στην Αθήνα την Τρίτη.",
    "委员会周二在基辅开会并表示",
    "اجتمعت اللجنة في كييف يوم الثلاثاء",
    "委員会は火曜日にキーウで会合を開いた",
    "위원회는 화요일 키이우에서 회의를 열었다",
    "समिति ने मंगलवार को कीव में बैठक की",
    "คณะกรรมการประชุมที่เคียฟ",
    "ועדה התכנסה בקייב ביום שלישי",
    "Komitet zebrał się w Kijowie we wtorek.",
    "🙂👍🏽🚆",
    "e.g. www.example.com/path?x=1 & a@b.org #tag",
]


def mixed_scripts_line(n_bytes: int, seed: int = 11) -> str:
    """One line (no line break) of ``n_bytes`` mixing Latin, Cyrillic, Greek, CJK, Arabic, Hebrew, Indic, Thai and emoji."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < n_bytes:
        s = rng.choice(_SCRIPTS)
        parts.append(s)
        total += len(s.encode("utf-8")) + 1
    return _cut(" ".join(parts), n_bytes)


ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "no_space": no_space,
    "dotted": dotted,
    "one_word_repeated": lambda n_bytes: one_word_repeated(size(100_000, 500)),
    "mixed_scripts_line": mixed_scripts_line,
}


@functools.lru_cache(maxsize=None)
def cached(name: str, *args) -> object:
    """Memoised generator call (inputs are immutable strings or tuples)."""
    fn = globals()[name]
    out = fn(*args)
    return tuple(out) if isinstance(out, list) else out
