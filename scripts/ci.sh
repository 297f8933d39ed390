#!/usr/bin/env bash
# The commands GitHub's workflows run (.github/workflows/), runnable locally as a dry run:
#
#   scripts/ci.sh check             duben check --strict, problems as workflow commands
#   scripts/ci.sh site              the site, dated by the last commit (SOURCE_DATE_EPOCH)
#   scripts/ci.sh preview           build/preview/site/: the site alone, the pull request's artifact
#   scripts/ci.sh summary BASE [URL]  the job summary: English changed / outdated / pending against
#                                   git ref BASE; URL is where the artifact downloads
#   scripts/ci.sh pull-request BASE everything a pull request runs, in order; the summary goes to
#                                   $GITHUB_STEP_SUMMARY, else build/preview/summary.md
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

site() {
  # Reproducible: the same commit builds the same bytes (MkDocs dates sitemap.xml with this).
  SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}" NO_MKDOCS_2_WARNING=1 make site
}

preview() {
  # Only site/ goes into the artifact: nothing of the runner, the cache or the repository besides.
  rm -rf build/preview
  mkdir -p build/preview
  cp -R site build/preview/site
}

summary() {
  local out="${GITHUB_STEP_SUMMARY:-build/preview/summary.md}"
  mkdir -p "$(dirname "$out")"
  "$BIN/duben" changes --base "$1" ${2:+--artifact-url "$2"} >>"$out"
  echo "summary: $out" >&2
}

case "${1:-}" in
  check) "$BIN/duben" check --strict --format github ;;
  site) site ;;
  preview) preview ;;
  summary) summary "${2:?give the base git ref}" "${3:-}" ;;
  pull-request)
    base="${2:?give the base git ref, e.g. origin/main}"
    status=0
    "$BIN/duben" check --strict --format github || status=$?
    site
    preview
    summary "$base"
    exit "$status"
    ;;
  *) sed -n '2,11p' "$0" >&2; exit 2 ;;
esac
