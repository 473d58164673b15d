"""pytest-benchmark setup for mtclean: inputs, a measuring helper, the ratio table.

Run everything (about 10 minutes on 2 cores)::

    python -m pytest benchmarks/ --benchmark-columns=min,median,rounds --benchmark-json=bench.json
    python benchmarks/report.py bench.json        # the ratio table again, from the JSON

``MTCLEAN_BENCH_SMALL=1`` shrinks every input (and runs one round) so the
whole suite executes in seconds; ``tests/test_benchmarks_run.py`` does that
with ``--benchmark-disable`` so the benchmark files cannot rot.

The benchmark files are named ``bench_*.py``; this conftest collects them
(the project's pytest configuration only knows ``test_*.py``).
"""

from __future__ import annotations

import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import corpus  # noqa: E402
import report  # noqa: E402

SMALL = corpus.SMALL
ROUNDS = 1 if SMALL else 3


def pytest_collect_file(file_path, parent):
    if file_path.suffix == ".py" and file_path.name.startswith("bench_"):
        return pytest.Module.from_parent(parent, path=file_path)
    return None


# ---------------------------------------------------------------- inputs
@pytest.fixture(scope="session")
def clean_paragraphs() -> list[str]:
    """About 1 MB of English news paragraphs (600 bytes on average)."""
    return corpus.news_paragraphs(corpus.size(1_000_000, 20_000))


@pytest.fixture(scope="session")
def artifact_paragraphs(clean_paragraphs) -> list[str]:
    """The same paragraphs with 1-3 artifacts injected into each."""
    return corpus.with_artifacts(clean_paragraphs)


@pytest.fixture(scope="session")
def document_10mb() -> list[str]:
    """One 10 MB document (a list of one, like the other inputs)."""
    return [corpus.news_text(corpus.size(10_000_000, 50_000))]


@pytest.fixture(scope="session")
def snippets_200b() -> list[str]:
    """5,000 snippets of about 200 bytes (1 MB)."""
    return corpus.snippets(corpus.size(5_000, 50))


@pytest.fixture(scope="session", autouse=True)
def warm():
    """Load the lexicon and compile every rule's patterns before any timing."""
    import mtclean

    mtclean.get_lexicon("en")
    mtclean.normalize(corpus.paragraph(2000))
    mtclean.normalize(" ".join(corpus.with_artifacts(corpus.news_paragraphs(5000))))


# ---------------------------------------------------------------- measuring
def nbytes(texts) -> int:
    return sum(len(t.encode("utf-8")) for t in texts)


def measure(benchmark, fn, texts, *, rounds: int | None = None, group: str | None = None, **info):
    """Time ``fn`` over every text of ``texts`` (one round = the whole list).

    Records the input size in ``extra_info`` so the report can turn times
    into MB/s and per-byte costs.
    """
    if group:
        benchmark.group = group
    benchmark.extra_info.update(bytes=nbytes(texts), docs=len(texts), **info)

    def run():
        for t in texts:
            fn(t)

    return benchmark.pedantic(run, rounds=rounds or ROUNDS, iterations=1, warmup_rounds=0)


# ---------------------------------------------------------------- report
def pytest_terminal_summary(terminalreporter, exitstatus, config):
    session = getattr(config, "_benchmarksession", None)
    if session is None or getattr(session, "disabled", False):
        return
    results = [b.as_dict(include_data=False) for b in session.benchmarks if b]
    if results:
        terminalreporter.write_sep("=", "mtclean: throughput ratios and the bar")
        terminalreporter.write_line(report.render(results))
