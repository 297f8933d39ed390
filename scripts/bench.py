"""The build benchmark: prints a table and writes build/bench.json (``make bench``).

Everything is measured in one run, so ratios hold on a noisy machine:

* ``build_ratio``: a full ``mkdocs build`` of this project ÷ a plain
  ``mkdocs build`` of the same articles as unannotated Markdown (same theme,
  plugins and CSS; see scripts/bench_page.py). Reported cold (empty
  generation cache, what a fresh clone's ``make site`` does) and warm.
  duben loads jieba's dictionary 4x faster from a per-machine cache
  (duben/language/machinecache.py); ``seed_build_first_on_machine_s`` is a
  cold build with empty machine caches.
  Each ratio is the median over runs of the ratio within a run.
* ``gen_chars_per_s``: Han characters per second through the generator
  (sources → Markdown pages), one process, cold cache, on 10 corpus documents.
* ``page_bytes_ratio`` / ``page_gzip_ratio``: the annotated article page ÷
  the same page plain (largest article).
* ``corpus100_build_s`` / ``corpus100_peak_rss_mb``: full cold build of a
  100-document corpus. Each document is the seed (both articles, with their
  translations and notes) followed by a third article of real Chinese prose:
  sentences of the CPP benchmark (Chinese Wikipedia, Apache-2.0, in
  ../shared/eval/cpp/dev.sent), 5 to a paragraph, a different slice for each
  document, until the document holds about 15,000 Han characters.
  Peak RSS is the largest of the parent and of its worker processes, and
  their sum as an upper bound.
* ``incremental_s``: rebuild after editing one note in one document of it,
  as ``make serve`` does it (``mkdocs build --dirty``: MkDocs re-renders the
  pages whose files changed; duben regenerates only the edited document).
  ``incremental_full_pass_s``: the same edit with a full MkDocs pass (every
  page rendered again, generation still served from the cache).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_page import plain_twin

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "texts" / "chongqing-plenum-2024-05-24"
CPP = ROOT.parent / "shared" / "eval" / "cpp" / "dev.sent"
HAN = re.compile(r"[\u4e00-\u9fff]")
MEASURE = """
import resource, runpy, sys, time
start = time.perf_counter()
sys.argv = ["mkdocs", "build", "-q", "-d", sys.argv[1], *sys.argv[2:]]
try:
    runpy.run_module("mkdocs", run_name="__main__")
except SystemExit as exit:
    code = exit.code
else:
    code = 0
# (the hook closed its workers at MkDocs' shutdown: their peak memory is counted below)
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"BENCH {time.perf_counter() - start:.3f} {me:.1f} {kids:.1f} {code}")
"""


def timed_build(project: Path, site: Path, *extra: str, env_extra: dict[str, str] | None = None
                ) -> tuple[float, float, float]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env_extra or {}))
    out = subprocess.run([sys.executable, "-c", MEASURE, str(site), *extra], cwd=project, env=env,
                         capture_output=True, text=True, check=True)
    line = next(x for x in out.stdout.splitlines() if x.startswith("BENCH"))
    seconds, me, kids, code = line.split()[1:]
    if code != "0":
        raise SystemExit(f"build failed in {project}:\n{out.stderr[-2000:]}")
    return float(seconds), float(me), float(kids)


def project_copy(target: Path, with_texts: bool = True) -> Path:
    target.mkdir(parents=True)
    for name in ("mkdocs.yml",):
        shutil.copyfile(ROOT / name, target / name)
    for folder in ("hooks", "overrides"):
        shutil.copytree(ROOT / folder, target / folder)
    shutil.copytree(ROOT / "docs", target / "docs", ignore=shutil.ignore_patterns("texts", "glossary"))
    shutil.copytree(ROOT / "content" / "glossary", target / "content" / "glossary")
    if with_texts:
        shutil.copytree(ROOT / "content" / "texts", target / "content" / "texts")
    return target


def make_corpus(target: Path, documents: int = 100, han_per_doc: int = 15_000) -> int:
    """Write the corpus into target/content/texts; return its Han character count."""
    seed_source = (SEED / "source.txt").read_text(encoding="utf-8")
    seed_han = len(HAN.findall(seed_source))
    sentences = [line.replace("\u2581", "").strip() for line in CPP.read_text(encoding="utf-8").splitlines()]
    sentences = [s for s in sentences if HAN.search(s)]
    total, cursor = 0, 0
    for n in range(documents):
        folder = target / "content" / "texts" / f"corpus-{n:03d}"
        folder.mkdir(parents=True)
        paragraphs, han = [], seed_han
        while han < han_per_doc:
            chunk = sentences[cursor % len(sentences): cursor % len(sentences) + 5]
            cursor += 5
            paragraph = "".join(chunk)
            paragraphs.append(paragraph)
            han += len(HAN.findall(paragraph))
        text = seed_source.rstrip() + "\n\n维基百科摘录\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / "source.txt").write_text(text, encoding="utf-8")
        (folder / "meta.yml").write_text(
            f"title: 语料 {n}\ndate: 2024-05-24\narticles:\n  - slug: resolution\n  - slug: press-conference\n"
            "  - slug: wiki\n", encoding="utf-8")
        for name in ("resolution.en.yml", "press-conference.en.yml"):
            shutil.copyfile(SEED / name, folder / name)
        total += han
    return total


def generator_speed(tmp: Path) -> float:
    """Han characters per second through the generator, one process, nothing cached."""
    code = f"""
import re, sys, time
sys.path.insert(0, {str(ROOT / 'src')!r})
from pathlib import Path
from duben.build.pipeline import generate_all
from duben.build.project import Project, load_documents, load_glossary
project = Project(Path({str(tmp)!r}))
docs = load_documents(project)
glossary = load_glossary(project)
generate_all(docs[:1], glossary)  # load models once (jieba, g2pM, dictionaries): not per-character cost
start = time.perf_counter()
generate_all(docs[1:], glossary)  # in this process
seconds = time.perf_counter() - start
han = sum(len(re.findall(r"[\\u4e00-\\u9fff]", b.text)) for d in docs[1:] for a in d.document.articles for b in a.blocks)
print("SPEED", han / seconds)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(next(x for x in out.stdout.splitlines() if x.startswith("SPEED")).split()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--documents", type=int, default=100)
    args = parser.parse_args()
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        seed = project_copy(tmp / "seed")
        plain = plain_twin(tmp / "plain")
        cold, warm, plain_s = [], [], []
        for run in range(args.runs):  # interleaved: a slow spell of the machine hits all three
            shutil.rmtree(seed / "build", ignore_errors=True)
            cold.append(timed_build(seed, tmp / f"s{run}")[0])
            warm.append(timed_build(seed, tmp / f"w{run}")[0])
            plain_s.append(timed_build(plain.parent, tmp / f"p{run}")[0])
        results["seed_build_cold_s"] = statistics.median(cold)
        results["seed_build_warm_s"] = statistics.median(warm)
        results["plain_build_s"] = statistics.median(plain_s)
        # Ratios are taken within each round (builds seconds apart share the machine's
        # mood), then the median over rounds; the ratio of the medians is kept beside it.
        results["build_ratio"] = statistics.median(c / p for c, p in zip(cold, plain_s, strict=True))
        results["build_ratio_warm"] = statistics.median(w / p for w, p in zip(warm, plain_s, strict=True))
        results["build_ratio_of_medians"] = results["seed_build_cold_s"] / results["plain_build_s"]
        shutil.rmtree(seed / "build", ignore_errors=True)
        results["seed_build_first_on_machine_s"] = timed_build(
            seed, tmp / "first", env_extra={"XDG_CACHE_HOME": str(tmp / "empty-cache")})[0]
        page = "texts/chongqing-plenum-2024-05-24/resolution.html"
        import gzip

        annotated, bare = (tmp / "s0" / page).read_bytes(), (tmp / "p0" / page).read_bytes()
        results["page_bytes_ratio"] = len(annotated) / len(bare)
        results["page_gzip_ratio"] = len(gzip.compress(annotated)) / len(gzip.compress(bare))

        corpus = project_copy(tmp / "corpus", with_texts=False)
        results["corpus100_han_chars"] = make_corpus(corpus, args.documents)
        results["gen_chars_per_s"] = generator_speed(corpus)
        seconds, me, kids = timed_build(corpus, tmp / "c-site")
        results["corpus100_build_s"] = seconds
        results["corpus100_peak_rss_mb"] = max(me, kids)
        results["corpus100_rss_sum_mb"] = me + kids * min(os.cpu_count() or 1, args.documents)
        note = corpus / "content" / "texts" / "corpus-042" / "resolution.en.yml"
        for n, flag in enumerate(("--dirty", "")):
            text = note.read_text(encoding="utf-8")
            note.write_text(text.replace("Literally", f"Word for word {n}", 1), encoding="utf-8")
            key = "incremental_s" if flag == "--dirty" else "incremental_full_pass_s"
            results[key] = timed_build(corpus, tmp / "c-site", *([flag] if flag else []))[0]
        results["incremental_ratio"] = results["incremental_s"] / results["corpus100_build_s"]
    report(results, "bench.json")


def report(results: dict[str, float], name: str, digits: int = 12) -> None:
    """Write ``build/<name>`` and print the table: one line per figure, in the order measured."""
    out = ROOT / "build" / name
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2, sort_keys=True), encoding="utf-8")
    width = max(len(k) for k in results)
    for key, value in results.items():
        print(f"{key:{width}}  {value:{digits},.2f}")


if __name__ == "__main__":
    main()
