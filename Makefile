# duben — the two commands: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.duben-installed
# axe-core (MPL-2.0), injected by the browser tests to audit accessibility; not shipped.
AXE := build/vendor/axe.min.js
AXE_VERSION := 4.14.1
AXE_SHA512 := FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==

# Biome (MIT OR Apache-2.0), one static binary that lints the site's JS and CSS (rules in biome.jsonc); not shipped.
# The npm package is the build for x86-64 Linux with glibc.
BIOME := build/vendor/biome
BIOME_VERSION := 2.6.8
BIOME_SHA512 := XIk3pLQT56I6Tti+u0DF8FtSNXjCMTPbxVTzfJ9cS2t1ImVKvrqV5b52GuEaJg6/wuiXvz0sjfb5saB4TPRjzA==
WEB_SOURCES := docs/javascripts/duben.js docs/javascripts/search.js docs/javascripts/vocab.js docs/stylesheets/duben.css docs/stylesheets/library.css docs/stylesheets/vocab.css

# pinyin-pro (MIT), a second independent pinyin reader for `make bench-pinyin`; not shipped.
PINYIN_PRO := build/vendor/pinyin-pro.js
PINYIN_PRO_VERSION := 3.29.4
PINYIN_PRO_SHA512 := SPXpDT2cHEy+d26V1RXYMlVzXN42hotFAak1fzyWPi4o2dKXb61UqD4pzxDJHwk6gbv8vQ6EfErd+hYX0Qhzug==

.PHONY: site test serve lint lint-web lint-workflows bench bench-pinyin clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(AXE):
	mkdir -p build/npm build/vendor
	cd build/npm && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null
	test "$$(openssl dgst -sha512 -binary build/npm/axe-core-$(AXE_VERSION).tgz | base64 -w0)" = "$(AXE_SHA512)" \
	  || { echo "axe-core tarball does not match its pinned sha512" >&2; exit 1; }
	tar -xzf build/npm/axe-core-$(AXE_VERSION).tgz -C build/npm package/axe.min.js
	cp build/npm/package/axe.min.js $@

$(BIOME):
	mkdir -p build/npm build/vendor
	cd build/npm && npm pack --silent @biomejs/cli-linux-x64@$(BIOME_VERSION) >/dev/null
	test "$$(openssl dgst -sha512 -binary build/npm/biomejs-cli-linux-x64-$(BIOME_VERSION).tgz | base64 -w0)" = "$(BIOME_SHA512)" \
	  || { echo "@biomejs/cli-linux-x64 tarball does not match its pinned sha512" >&2; exit 1; }
	tar -xzf build/npm/biomejs-cli-linux-x64-$(BIOME_VERSION).tgz -C build/npm package/biome
	cp build/npm/package/biome $@
	chmod +x $@

$(PINYIN_PRO):
	mkdir -p build/npm build/vendor
	cd build/npm && npm pack --silent pinyin-pro@$(PINYIN_PRO_VERSION) >/dev/null
	test "$$(openssl dgst -sha512 -binary build/npm/pinyin-pro-$(PINYIN_PRO_VERSION).tgz | base64 -w0)" = "$(PINYIN_PRO_SHA512)" \
	  || { echo "pinyin-pro tarball does not match its pinned sha512" >&2; exit 1; }
	tar -xzf build/npm/pinyin-pro-$(PINYIN_PRO_VERSION).tgz -C build/npm package/dist/index.js
	cp build/npm/package/dist/index.js $@

# Built beside site/ and swapped in only when the build succeeds: a failed build leaves the previous site/.
site: $(STAMP) $(PINYIN_PRO)
	rm -rf build/site.new
	$(BIN)/mkdocs build --strict -d build/site.new
	rm -rf build/site.old; if [ -d site ]; then mv site build/site.old; fi; mv build/site.new site; rm -rf build/site.old

# --dirty: MkDocs renders again only the pages an edit changed (the hook rewrites just those), so a
# preview follows a save in a second or two however large the library; MkDocs warns about dirty
# builds, which strict mode would turn into an error: strictness is for `make site` and CI.
serve: $(STAMP) $(PINYIN_PRO)
	$(BIN)/mkdocs serve --dirty --no-strict

lint: $(STAMP) lint-web lint-workflows
	$(BIN)/ruff check src tests scripts hooks
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# zizmor (pinned in requirements.txt) audits the GitHub workflows offline: pinned actions,
# least-privilege permissions, no injection of pull-request text into scripts.
lint-workflows: $(STAMP)
	$(BIN)/zizmor --offline --persona pedantic --quiet .github/workflows/

lint-web: $(BIOME)
	$(BIOME) lint --error-on-warnings $(WEB_SOURCES)

test: $(STAMP) $(AXE) $(PINYIN_PRO) lint
	$(BIN)/python -m pytest -q

bench: $(STAMP) $(PINYIN_PRO)
	$(BIN)/python scripts/bench_pinyin.py
	$(BIN)/python scripts/bench_page.py
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_library.py

bench-pinyin: $(STAMP) $(PINYIN_PRO)
	$(BIN)/python scripts/bench_pinyin_accuracy.py

clean:
	rm -rf site build docs/texts docs/glossary docs/search docs/vendor
