"""The ``duben`` command: build pages, check editor data, print pinyin."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from duben.errors import DubenError, Severity
from duben.model import Sandhi


def _shard(text: str) -> tuple[int, int]:
    index, _, count = text.partition("/")
    if not (index.isdigit() and count.isdigit() and 0 <= int(index) < int(count)):
        raise argparse.ArgumentTypeError(f"'{text}' is not K/N with 0 <= K < N, e.g. 0/4")
    return int(index), int(count)


def _cmd_build(args: argparse.Namespace) -> int:
    from duben.build.pipeline import build, fill_cache, new_pool

    pool = new_pool()
    try:
        if args.shard:
            slugs = fill_cache(Path(args.root), args.shard, sandhi=args.sandhi, pool=pool)
            print(f"shard {args.shard[0]}/{args.shard[1]}: {len(slugs)} document(s) in build/cache/")
            return 0
        result = build(Path(args.root), sandhi=args.sandhi, pool=pool)
    finally:
        pool.close()
    for problem in result.warnings:
        print(problem, file=sys.stderr)
    print(f"{len(result.documents)} document(s); {len(result.written)} page(s) written under docs/")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from duben.build.pipeline import check

    problems = check(Path(args.root))
    if args.format == "github":
        # Errors first: GitHub shows only the first few annotations of each kind on a pull request.
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        for problem in sorted(problems, key=lambda p: order[p.severity]):
            print(problem.github())
    else:
        for problem in problems:
            print(problem)
    errors = [p for p in problems if p.severity == Severity.ERROR]
    warnings = [p for p in problems if p.severity == Severity.WARNING]
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)", file=sys.stderr)
    return 1 if errors or (args.strict and warnings) else 0


def _cmd_import(args: argparse.Namespace) -> int:
    from duben.build.importer import run_import

    result = run_import(Path(args.root), Path(args.file), args.slug, Path(args.en) if args.en else None,
                        args.credit, args.status, args.force)
    print(result.reading)
    for problem in result.skipped:
        print(problem)
    for path in sorted(result.files):
        print(f"  {path}")
    for line in result.kept:
        print(f"kept (edited by an editor; --force replaces): {line}")
    for line in result.doubtful:
        print(f"{args.file}:{line.removeprefix('line ')}")
    return 0


def _cmd_skeleton(args: argparse.Namespace) -> int:
    from duben.build.importer import skeleton

    written = skeleton(Path(args.root), args.slug)
    print("\n".join(written) if written else "every paragraph already has an entry")
    return 0


def _cmd_pinyin(args: argparse.Namespace) -> int:
    from duben.language.pinyin import annotate, to_marks
    from duben.language.segment import plain

    stdin = sys.stdin.buffer
    out = sys.stdout
    for raw in stdin:
        line = raw.decode("utf-8", errors="strict").rstrip("\r\n")
        # As the site shows the line: a syllable per Han character, digits read out (2024 → èr líng èr sì).
        syllables = [s for word in annotate(plain().segment(line), sandhi=args.sandhi)
                     for reading in word for syl in reading.syllables for s in syl.split()]
        if args.tones == "marks":
            syllables = [to_marks(s) for s in syllables]
        out.write(" ".join(syllables) + "\n")
    return 0


def _cmd_changes(args: argparse.Namespace) -> int:
    from duben.build.changes import pull_request_changes, summary_markdown

    found, errors = pull_request_changes(Path(args.root), args.base)
    print(summary_markdown(found, errors=errors, artifact_url=args.artifact_url or None,
                           site_url=args.site_url or None), end="")
    return 0


def _cmd_review(args: argparse.Namespace) -> int:
    from duben.build.pipeline import review_document

    found = review_document(Path(args.root), args.slug)
    for problem in found:
        print(problem)
    print(f"{len(found)} reading(s) to review" if found else "readings reviewed: nothing to list", file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="duben", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="generate docs/texts/ from content/ (mkdocs does this too)")
    b.add_argument("--root", default=".", help="project folder (default: current)")
    b.add_argument("--sandhi", choices=list(Sandhi), type=Sandhi, default=Sandhi.CITATION)
    b.add_argument("--shard", type=_shard, metavar="K/N",
                   help="only fill build/cache with the K-th of N shares of the documents (one CI job of N)")
    b.set_defaults(func=_cmd_build)

    c = sub.add_parser("check", help="validate all editor data; print path:line: message")
    c.add_argument("--root", default=".")
    c.add_argument("--strict", action="store_true", help="fail on warnings too")
    c.add_argument("--format", choices=["text", "github"], default="text",
                   help="text: path:line: message (default); github: workflow commands that put each "
                        "problem on its line of a pull request")
    c.set_defaults(func=_cmd_check)

    i = sub.add_parser("import", help="create content/texts/<slug>/ from a TMX or a Chinese text file")
    i.add_argument("file", help="a .tmx file (zh + en), or a Chinese text file")
    i.add_argument("--slug", help="folder name (default: from the file name)")
    i.add_argument("--en", help="English text file, line-aligned with the Chinese text file")
    i.add_argument("--credit", help="who made the translation, shown on the page")
    i.add_argument("--status", choices=["official", "draft"], default="official",
                   help="status of the imported English (default: official)")
    i.add_argument("--force", action="store_true", help="replace source.txt, meta.yml and edited entries")
    i.add_argument("--root", default=".")
    i.set_defaults(func=_cmd_import)

    k = sub.add_parser("skeleton", help="add entries with fingerprints for paragraphs that have none")
    k.add_argument("slug", help="the document's folder name under content/texts/")
    k.add_argument("--root", default=".")
    k.set_defaults(func=_cmd_skeleton)

    r = sub.add_parser("review", help="list a document's doubtful readings (path:line: 字 in 「context」…)")
    r.add_argument("slug", help="the document's folder name under content/texts/")
    r.add_argument("--root", default=".")
    r.set_defaults(func=_cmd_review)

    d = sub.add_parser("changes", help="Markdown summary of the English a pull request changed, "
                                       "outdated or left pending, against a git ref")
    d.add_argument("--base", required=True, help="git ref of the pull request's base (e.g. origin/main)")
    d.add_argument("--artifact-url", help="where the preview site can be downloaded")
    d.add_argument("--site-url", help="where the preview site is served, to link each paragraph")
    d.add_argument("--root", default=".")
    d.set_defaults(func=_cmd_changes)

    y = sub.add_parser("pinyin", help="print pinyin of stdin lines as the site reads them (digits read out)")
    y.add_argument("--tones", choices=["numbers", "marks"], default="numbers")
    y.add_argument("--sandhi", choices=list(Sandhi), type=Sandhi, default=Sandhi.CITATION)
    y.set_defaults(func=_cmd_pinyin)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except DubenError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except UnicodeDecodeError as exc:
        print(f"<stdin>: input is not valid UTF-8 ({exc.reason})", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
