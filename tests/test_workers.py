"""Generation in worker processes (duben.build.workers): same pages as one process, errors reach the build."""

from __future__ import annotations

import os

import pytest

from duben.build.pipeline import generate_all, new_pool
from duben.build.project import Project, load_content
from duben.build.workers import Pool, WorkerFailed
from duben.language.segment import Jieba, Segmenter, plain

from .conftest import ROOT


def test_workers_write_the_same_pages_as_one_process() -> None:
    glossary, documents, problems = load_content(Project(ROOT))
    assert glossary is not None and not problems
    alone, _ = generate_all(documents, glossary)
    pool = new_pool()
    try:
        in_workers, _ = generate_all(documents, glossary, pool=pool)
        assert len(pool) == min(os.cpu_count() or 1, 2)  # one per article, as many as there are cores
    finally:
        pool.close()
    assert alone.keys() == in_workers.keys()
    assert [path for path in alone if alone[path] != in_workers[path]] == []


def _segment_in_worker(segmenter: Segmenter, text: str) -> tuple[list[str], int]:
    return segmenter.segment(text), os.getpid()


def _fail(segmenter: Segmenter, message: str) -> None:
    raise ValueError(message)


class _Unpicklable(Exception):
    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("cannot pickle this")


def _fail_unpicklably(segmenter: Segmenter) -> None:
    raise _Unpicklable("lost")


def _length(segmenter: Segmenter, text: str) -> int:
    return len(text)


def _die(segmenter: Segmenter) -> None:
    os._exit(3)


def test_a_worker_segments_through_this_process() -> None:
    pool = Pool(lambda: None)
    try:
        pool.grow(1)
        here = Jieba(["推动高质量发展"])  # a word only this process's segmenter knows
        (words, pid), = pool.map(_segment_in_worker, [("推动高质量发展",)], here)
        assert pid != os.getpid()
        assert words == ["推动高质量发展"] != plain().segment("推动高质量发展")
    finally:
        pool.close()


def test_an_error_in_a_worker_is_raised_in_the_build() -> None:
    pool = Pool(lambda: None)
    pool.grow(2)
    with pytest.raises(ValueError, match="bad paragraph"):
        pool.map(_fail, [("bad paragraph",)], plain())
    assert len(pool) == 0  # closed: the next build starts afresh
    pool.grow(1)
    with pytest.raises(WorkerFailed, match="_Unpicklable: lost"):
        pool.map(_fail_unpicklably, [()], plain())
    pool.grow(1)
    with pytest.raises(WorkerFailed, match="died"):
        pool.map(_die, [()], plain())
    pool.close()


def test_a_worker_holds_none_of_the_builds_pipes() -> None:
    # A worker outlives the build that forked it; a copied pipe end would keep the
    # other end from ever seeing EOF (this hung Playwright's shutdown in the tests).
    import select

    read_end, write_end = os.pipe()
    pool = Pool(lambda: None)
    try:
        pool.grow(1)
        assert pool.map(_length, [("abc",)], plain()) == [3]  # the worker is up and past its start
        os.close(write_end)
        ready, _, _ = select.select([read_end], [], [], 10)
        assert ready and os.read(read_end, 1) == b""  # EOF: no copy of write_end left open
    finally:
        os.close(read_end)
        pool.close()
