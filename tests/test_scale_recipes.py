"""The recipes of docs/scale.md, executed exactly as written, on a small input.

Each recipe is a ```python block preceded by ``<!-- recipe: NAME -->``; it
reads ``texts`` and leaves its result in ``cleaned``. Dask and Hugging Face
``datasets`` are in the test extra; Spark (it needs Java and a 300 MB
install) is tested by ``tests/optional/test_spark_recipe.py``:
``pip install -e '.[test,spark]' && python -m pytest -o addopts= tests/optional``.
"""

from __future__ import annotations

import re
from pathlib import Path


import mtclean

DOC = Path(__file__).resolve().parent.parent / "docs" / "scale.md"
_RECIPE = re.compile(r"<!-- recipe: (\w+) -->\s*```python\n(.*?)```", re.S)

TEXTS = [
    "Vladimir PutinPutin met kyiv&apos;s envoy in the the Kursk regionbordering Ukraine.",
    "Correct text passes through unchanged.",
    "It is the the best , they said .",
    "Since last Tuesday, kyiv troops have launched a raid on the Kursk regionbordering both countries.",
    "",
] * 3


def recipes() -> dict[str, str]:
    return dict(_RECIPE.findall(DOC.read_text(encoding="utf-8")))


def run_recipe(name: str) -> list[str]:
    code = recipes()[name]
    namespace = {"__name__": f"scale_recipe_{name}", "texts": list(TEXTS)}
    exec(compile(code, f"docs/scale.md:{name}", "exec"), namespace)
    return list(namespace["cleaned"])


EXPECTED = [mtclean.normalize(t, lang="en") for t in TEXTS]


def test_every_recipe_is_found():
    assert set(recipes()) == {"normalize_many", "file", "dask", "spark", "datasets"}


def test_file_recipe(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.txt").write_text("".join(t + "\n" for t in TEXTS), encoding="utf-8")
    namespace = {"__name__": "scale_recipe_file", "mtclean": mtclean}
    exec(compile(recipes()["file"], "docs/scale.md:file", "exec"), namespace)
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").split("\n")[:-1] == EXPECTED


def test_normalize_many_recipe():
    assert run_recipe("normalize_many") == EXPECTED


def test_dask_bag_recipe():
    assert run_recipe("dask") == EXPECTED


def test_datasets_recipe(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf-cache"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert run_recipe("datasets") == EXPECTED
