"""Many documents at once: :func:`normalize_many`, in-process or on a pool.

>>> from mtclean.batch import normalize_many
>>> list(normalize_many(["the the cat", "PutinPutin said"], lang="en"))
['the cat', 'Putin said']
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from typing import Iterable, Iterator

from .lexicon import get_lexicon
from .pipeline import Pipeline

__all__ = ["normalize_many"]

DEFAULT_CHUNKSIZE = 64
# How many chunks may be in flight per worker (sent, or done but not yet
# consumed): enough to keep every worker busy, few enough that memory stays
# bounded however long the input and however slow the consumer.
_CHUNKS_IN_FLIGHT_PER_WORKER = 4


def _resolve(pipeline: Pipeline | None, disable: Iterable[str]) -> Pipeline:
    from . import default_pipeline  # late: the package imports this module's siblings first

    p = pipeline if pipeline is not None else default_pipeline()
    disable = tuple(disable)
    return p.without(*disable) if disable else p


# ---------------------------------------------------------------- workers
_worker_pipeline: Pipeline | None = None
_worker_lang: str | None = None


def _init_worker(pipeline: Pipeline, lang: str | None) -> None:
    global _worker_pipeline, _worker_lang
    _worker_pipeline, _worker_lang = pipeline, lang
    # Load the lexicon once, now, rather than inside the first task (a
    # forked worker finds it already loaded when the parent had it).
    get_lexicon((lang or pipeline.lang or pipeline.default_lang).lower().split("-")[0].split("_")[0])


def _work(text: str) -> str:
    assert _worker_pipeline is not None
    return _worker_pipeline.explain(text, lang=_worker_lang).text


def normalize_many(
    texts: Iterable[str],
    *,
    lang: str | None = None,
    disable: Iterable[str] = (),
    pipeline: Pipeline | None = None,
    processes: int | None = 1,
    chunksize: int = DEFAULT_CHUNKSIZE,
    start_method: str | None = None,
) -> Iterator[str]:
    """Normalize every text of ``texts``; yield the results in input order.

    The same result as ``(normalize(t, lang=lang, disable=disable,
    pipeline=pipeline) for t in texts)``, lazily: ``texts`` may be any
    iterable (a generator over a file of a billion lines is fine), it is
    read as results are consumed and never materialised.

    ``processes``: 1 (the default) runs in this process; ``N > 1`` runs on a
    :mod:`multiprocessing` pool of N workers (``None`` or 0: one per CPU),
    fed with ``imap`` in chunks of ``chunksize`` texts, at most a few chunks
    per worker in flight. Each worker loads the lexicon once, when it starts.
    ``start_method``: the :mod:`multiprocessing` start method (default: the
    platform's).

    Stop iterating early (``break``, or ``close()`` on the iterator) and the
    pool is shut down.

    >>> list(normalize_many(iter(["kyiv&apos;s envoy", "Fine text."]), lang="en", processes=1))
    ["Kyiv's envoy", 'Fine text.']
    """
    if isinstance(texts, (str, bytes, bytearray)):
        # Iterating a str would normalize its characters one by one.
        raise TypeError(f"normalize_many expects an iterable of texts, got one {type(texts).__name__}; use normalize()")
    p = _resolve(pipeline, disable)
    if processes is None or processes == 0:
        processes = os.cpu_count() or 1
    if processes < 0:
        raise ValueError("processes must be >= 0 or None")
    if chunksize < 1:
        raise ValueError("chunksize must be >= 1")
    if processes == 1:
        return (p.explain(t, lang=lang).text for t in texts)
    return _pooled(texts, p, lang, processes, chunksize, start_method)


def _pooled(
    texts: Iterable[str], p: Pipeline, lang: str | None, processes: int, chunksize: int, start_method: str | None
) -> Iterator[str]:
    ctx = multiprocessing.get_context(start_method)
    # Back-pressure: the pool's feeder thread takes a slot per text and the
    # consumer gives it back per result, so a slow consumer (or a fast
    # producer) never makes texts or results pile up in memory.
    slots = threading.Semaphore(processes * chunksize * _CHUNKS_IN_FLIGHT_PER_WORKER)
    stop = threading.Event()

    def gated(it: Iterator[str]) -> Iterator[str]:
        for text in it:
            while not slots.acquire(timeout=0.05):
                if stop.is_set():
                    return
            if stop.is_set():
                return
            yield text

    pool = ctx.Pool(processes, initializer=_init_worker, initargs=(p, lang))
    try:
        for result in pool.imap(_work, gated(iter(texts)), chunksize):
            slots.release()
            yield result
        pool.close()
        pool.join()
    finally:
        stop.set()
        pool.terminate()

