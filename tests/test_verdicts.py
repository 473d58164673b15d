"""The verdict files are well formed: keyed by hashes, one short reason each, no corpus text.

And the judging harness (benchmarks/judge_realmt.py) reads MT output into other languages
with ``--lang``: checked on a tiny invented data file, never on the corpus.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from pathlib import Path

import pytest

import mtclean

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "benchmarks" / "verdicts").glob("*.tsv"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_verdict_file_format(path):
    # realmt_<lang>.tsv: edits on real MT output; clean_<lang>.tsv: edits on clean text (damage or repair);
    # heldout_<source>_<lang>.tsv: edits on held-out clean text read from the machine (damage or repair).
    assert re.fullmatch(r"(?:realmt|clean|heldout_[a-z]+)_[a-z]{2,3}\.tsv", path.name), (
        "verdict files are realmt_<lang>.tsv, clean_<lang>.tsv or heldout_<source>_<lang>.tsv"
    )
    clean = path.name.startswith(("clean_", "heldout_"))
    allowed = {"damage", "repair", "unclear"} if clean else {"right", "wrong", "unclear"}
    rules = set(mtclean.rule_names())
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]
    assert lines[0] == "key\trule\tverdict\treason"
    keys = set()
    for line in lines[1:]:
        key, rule, verdict, reason = line.split("\t")
        assert re.fullmatch(r"[0-9a-f]{16}", key), key
        assert key not in keys, f"duplicate {key}"
        keys.add(key)
        assert re.fullmatch(r"[a-z_+]+", rule)
        assert set(rule.split("+")) <= rules, f"unknown rule in {rule}"
        assert verdict in allowed
        assert 0 < len(reason) <= 120


def test_there_are_verdicts():
    assert FILES and sum(len(p.read_text().splitlines()) for p in FILES) > 50


@pytest.fixture
def judge():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import judge_realmt
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return judge_realmt


COLS = ["corpus", "pair", "role", "system", "doc_id", "seg_id", "domain", "lang", "text"]


def write_xx(tmp_path: Path) -> Path:
    # Invented sentences, not corpus text.
    rows = [
        ["c", "en-de", "src", "src", "d", "1", "news", "en", "The weather is fine, he said."],
        ["c", "en-de", "ref", "A", "d", "1", "news", "de", "Das Wetter ist schön, sagte er."],
        ["c", "en-de", "ref", "B", "d", "1", "news", "de", "Das Wetter ist gut, sagte er."],
        ["c", "en-de", "hyp", "sys1", "d", "1", "news", "de", "Das Wetter ist schön , sagte er."],
        ["c", "en-de", "hyp", "sys2", "d", "1", "news", "de", "Das Wetter ist schön , sagte er."],
        ["c", "en-fr", "src", "src", "d", "2", "news", "en", "The cat sleeps."],
        ["c", "en-fr", "ref", "A", "d", "2", "news", "fr", "Le chat dort."],
        ["c", "en-fr", "hyp", "sys1", "d", "2", "news", "fr", "Le chat dort ."],
    ]
    with gzip.open(tmp_path / "dev_xx_real_mt_outputs.tsv.gz", "wt", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t")
        w.writerow(COLS)
        w.writerows(rows)
    return tmp_path


def test_judge_lang_samples_that_language_once_per_edit(judge, tmp_path):
    data = write_xx(tmp_path)
    out = tmp_path / "sample.jsonl"
    assert judge.main(["sample", "--lang", "de", "--data", str(data), "--out", str(out)]) == 0
    items = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    # Two systems wrote the same hypothesis: one edit to read, not two; the French row is not read.
    assert [(i["rule"], i["before"], i["after"]) for i in items] == [("fix_space_before_punctuation", " ", "")]
    assert "schön, sagte" in items[0]["ref"] and "gut, sagte" in items[0]["ref"]
    assert items[0]["src"].startswith("The weather")


def test_judge_lang_paths_and_skip(judge, tmp_path, capsys):
    assert judge.verdicts_path("en").name == "realmt_en.tsv"
    assert judge.verdicts_path("uk").name == "realmt_uk.tsv"
    assert judge.main(["report", "--lang", "de", "--data", str(tmp_path / "absent")]) == 0
    assert "skipping" in capsys.readouterr().out
    data = write_xx(tmp_path)
    assert judge.main(["report", "--lang", "es", "--data", str(data)]) == 0
    assert "no real MT output" in capsys.readouterr().out
