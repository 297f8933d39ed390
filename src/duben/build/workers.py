"""Generation in worker processes that load the pinyin engine while this process loads jieba.

A build with pages to generate would otherwise spend most of its time
loading, one thing after another: jieba's dictionary (this process segments
for all), then pypinyin, g2pM's weights and CC-CEDICT. Workers are forked *before* jieba
loads (at MkDocs' startup, by the hook), load the engine meanwhile on the
other cores, and segment through a :class:`RemoteSegmenter` that asks this
process, whose segmenter knows the glossary, instead of loading jieba a
second time. Segmentation stays in one place, so the pages are
byte-identical to a build in a single process (tested). ``make bench``
measures what this saves.

The pool lives as long as its owner (the hook's state): ``mkdocs serve``
rebuilds after every edit, and its workers keep their engine loaded between
rebuilds; :meth:`Pool.close` ends them.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import traceback
from collections import deque
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # jieba's module is imported where it is needed (see duben.build.pipeline)
    from duben.language.segment import Segmenter


class WorkerFailed(RuntimeError):
    """A worker raised something that cannot be sent back as itself, or died."""


class RemoteSegmenter:
    """A worker's segmenter: asks the build process, whose segmenter knows the glossary."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def _ask(self, kind: str, text: str) -> Any:
        self._conn.send((kind, text))
        return self._conn.recv()

    def segment(self, text: str) -> list[str]:
        return list(self._ask("segment", text))

    def is_word(self, text: str) -> bool:
        return bool(self._ask("is_word", text))


def _close_inherited(keep: set[int]) -> None:
    """Close every descriptor a fork copied but stdio and ``keep``.

    A worker outlives the call that forked it. Holding a copy of the build
    process's pipes would keep their other ends waiting for an EOF that never
    comes: Playwright's driver (in the tests), the live-reload socket of
    ``mkdocs serve``, the pipes of other workers.
    """
    limit = os.sysconf("SC_OPEN_MAX") if hasattr(os, "sysconf") else 65536
    low = 3
    for fd in sorted(keep):
        os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, limit)


def _serve(conn: Connection) -> None:
    segmenter = RemoteSegmenter(conn)
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return  # the build process is gone
        if message is None:
            return
        function, args = message
        try:
            result = function(segmenter, *args)
        except Exception as exc:  # sent back and raised in the parent
            try:
                conn.send(("failed", (exc, traceback.format_exc())))
            except Exception:  # the exception itself does not pickle
                conn.send(("failed", (None, traceback.format_exc())))
        else:
            conn.send(("done", result))


def _work(conn: Connection, warm_up: Callable[[], None], siblings: list[Connection]) -> None:
    """The first worker: warm up once, then fork one sibling per extra connection.

    Siblings forked from a warmed-up worker start with the engine already
    loaded (and share its memory until they write to it), instead of each
    loading it at once on a machine with few cores.
    """
    _close_inherited({conn.fileno(), *(s.fileno() for s in siblings)})
    with contextlib.suppress(Exception):  # a failed warm-up fails again, with its cause, in the first task
        warm_up()
    children = []
    for sibling in siblings:
        pid = os.fork()
        if pid == 0:
            try:
                for other in (conn, *siblings):
                    if other is not sibling:
                        other.close()
                _serve(sibling)
            finally:
                os._exit(0)  # not through the first worker's multiprocessing exit
        children.append(pid)
    for sibling in siblings:
        sibling.close()
    try:
        _serve(conn)
    finally:
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


def _answer(segmenter: Segmenter, kind: str, text: str) -> Any:
    if kind == "segment":
        return segmenter.segment(text)
    if kind == "is_word":
        return segmenter.is_word(text)
    raise WorkerFailed(f"unknown request from a worker: {kind!r}")


class Pool:
    """Forked workers; :meth:`map` runs calls in them and answers their segmentation requests."""

    def __init__(self, warm_up: Callable[[], None]) -> None:
        self._warm_up = warm_up
        self._workers: list[tuple[BaseProcess | None, Connection]] = []  # siblings have no handle here

    def grow(self, size: int) -> None:
        """Start workers until there are ``size``; fork before loading jieba to overlap with it.

        One process is forked from here; it forks the others once it has
        loaded the engine (see :func:`_work`).
        """
        missing = size - len(self._workers)
        if missing <= 0:
            return
        context = multiprocessing.get_context("fork")
        pipes = [context.Pipe() for _ in range(missing)]
        process = context.Process(target=_work, args=(pipes[0][1], self._warm_up, [t for _, t in pipes[1:]]),
                                  daemon=True, name=f"duben-worker-{len(self._workers)}")
        process.start()
        for mine, theirs in pipes:
            theirs.close()
            self._workers.append((process if mine is pipes[0][0] else None, mine))

    def map(self, function: Callable[..., Any], calls: Sequence[tuple[Any, ...]], segmenter: Segmenter) -> list[Any]:
        """``[function(segmenter, *args) for args in calls]``, in the workers, results in order.

        Workers get a segmenter that asks this process, where ``segmenter`` answers.
        """
        if not self._workers:
            raise WorkerFailed("the pool has no workers: call grow() first")
        results: list[Any] = [None] * len(calls)
        pending = deque(enumerate(calls))
        idle = [conn for _, conn in self._workers]
        busy: dict[Connection, int] = {}
        try:
            while pending or busy:
                while idle and pending:
                    conn = idle.pop()
                    index, args = pending.popleft()
                    conn.send((function, args))
                    busy[conn] = index
                for ready in wait(list(busy)):
                    assert isinstance(ready, Connection)
                    conn = ready
                    kind, value = conn.recv()
                    if kind == "done":
                        results[busy.pop(conn)] = value
                        idle.append(conn)
                    elif kind == "failed":
                        exc, text = value
                        if isinstance(exc, Exception):
                            raise exc
                        raise WorkerFailed(f"a generation worker failed:\n{text}")
                    else:
                        conn.send(_answer(segmenter, kind, value))
        except (EOFError, OSError) as exc:
            self.close()
            raise WorkerFailed("a generation worker died (out of memory?)") from exc
        except BaseException:
            self.close()  # a worker may still be busy with a task: start afresh next time
            raise
        return results

    def close(self) -> None:
        for _, conn in self._workers:
            with contextlib.suppress(OSError):
                conn.send(None)
            conn.close()
        for process, _ in self._workers:
            if process is None:
                continue  # a sibling: its first worker waits for it
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
        self._workers = []

    def __len__(self) -> int:
        return len(self._workers)
