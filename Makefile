# Two commands matter on a fresh machine: `make serve` and `make test`.
# Each installs what it needs: `make serve` the site's Python packages (requirements-site.txt)
# and the npm packages; `make test` everything (requirements.txt, incl. torch) and Debian's chromium.
SHELL := /bin/bash
PY := .venv/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
PORT ?= 8000
# torch's CPU build comes from PyTorch's own index (PyPI has only the CUDA build for Linux).
# `make test TORCH_INDEX=` skips that step (pip then resolves requirements.txt's torch line alone).
TORCH_INDEX ?= https://download.pytorch.org/whl/cpu
export PYTHONPATH := $(CURDIR)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test site widgets typecheck bench audit models zoo deps site-deps chromium clean FORCE

ZOO := tinyshakespeare tinyshakespeare-2x128 tinyshakespeare-2x256 tinyshakespeare-2x480 \
	tinyshakespeare-gru tinyshakespeare-rnn warandpeace linux latex shakespeare

# Builds the site only when one of its inputs changed since the last build (see `site`).
serve: site
	$(PY) -m coursekit.serve site --port $(PORT)

# COURSE_REQUIRE_ALL: a test whose input is missing (Pyodide, ../shared/corpora when ../shared is
# beside the checkout) fails instead of skipping (tests/conftest.py, `missing`).
# pytest-xdist: TEST_WORKERS processes, each test module on one worker (its browser and built models
# made once), the slow modules handed out first (tests/conftest.py, pytest_collection_modifyitems);
# the suite is CPU-bound on two cores: two workers took 1,031-1,125 s of pytest, four 1,105-1,112 s
# (2026-12-05, the same machine), with less contention for the waits that have limits.
# A test whose browser crashed under it (Chromium's failure, not a verdict: "Target crashed", "Page
# crashed") runs once more; any other failure fails at once (pytest-rerunfailures' --only-rerun).
# The set-up in two lanes (-j2): pip's installs (about 75 s on a fresh clone, one core) beside
# chromium's check and npm ci and the widgets' build (about 13 s); the site is built once pip is done,
# since pip replaces a package (setuptools) in the venv MkDocs reads its plugins from.
TEST_WORKERS ?= 2
test:
	@$(MAKE) --no-print-directory -j2 --output-sync=target deps chromium .cache/widgets.stamp
	@$(MAKE) --no-print-directory site
	COURSE_REQUIRE_ALL=1 $(PY) -m pytest tests -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder --durations=25 -o faulthandler_timeout=600 \
		--reruns 1 --only-rerun "(Target|Page) crashed"

bench: deps chromium site
	$(PY) tests/bench.py

# Lighthouse 12.2.3 (installed into .cache/lighthouse on first use) on the home, a lab and a model
# page: accessibility, best practices and performance against their budgets (tests/audit.py).
audit: deps chromium site
	$(PY) tests/audit.py

# Ship the GPU zoo from its checkpoints in ../shared/gpu-runs (CPU only, no training; build_models/README.md).
zoo: deps
	for m in $(ZOO); do $(PY) -m build_models zoo $$m || exit 1; done
	$(PY) -m coursekit.samples

# Retrain every shipped model: the zoo needs a GPU (a 3x512 LSTM takes days on a CPU); names trains on the CPU.
models: deps
	@$(PY) -c "import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)" || { \
		echo "make models retrains the GPU zoo and needs a CUDA GPU; none is here."; \
		echo "To ship the zoo from its GPU checkpoints instead, run: make zoo"; exit 1; }
	$(PY) -m build_models all names
	for m in $(ZOO); do $(PY) -m build_models all $$m || exit 1; done
	$(PY) -m coursekit.samples

# The site and the widgets are rebuilt only when a file they are built from is newer than
# their stamp in .cache/ (a new, changed or deleted file: a folder's time changes too), or when
# their output is gone. `make -B site` or `make clean` forces a rebuild.
site: .cache/site.stamp
widgets: .cache/widgets.stamp

# What the widgets bundle is built from: widgets/build.mjs copies the npm packages, the vendored
# NumPy wheel, the grader and pretrained/ into docs/assets/build and docs/pretrained.
WIDGET_INPUTS := $(shell find widgets/ vendor/ pretrained/ -not -path '*/__pycache__*' 2>/dev/null) \
	coursekit/grader.py
# What MkDocs reads: docs/ (less the widgets' output), the theme overrides, coursekit's fences,
# and the files pages include from the repository (pymdownx.snippets' base_path ".").
SITE_INPUTS := mkdocs.yml $(shell find docs overrides coursekit build_models \
	-not -path 'docs/assets/build*' -not -path 'docs/pretrained*' -not -path '*/__pycache__*' 2>/dev/null)

.cache/widgets.stamp: $(WIDGET_INPUTS) node_modules/.installed $(if $(wildcard docs/assets/build/widgets/main.js),,FORCE)
	node widgets/build.mjs
	@mkdir -p .cache && touch $@

.cache/site.stamp: $(SITE_INPUTS) .cache/widgets.stamp .venv/.site-installed $(if $(wildcard site/index.html),,FORCE)
	@rm -f $@
	$(PY) -m mkdocs build --strict --quiet
	$(PY) -m coursekit.downloads site/appendices/f-downloads
	$(PY) -m coursekit.capstone_templates site/modules/10-capstone/templates
	node widgets/prerender-math.mjs site
	node widgets/offline.mjs site
	@touch $@

FORCE:

typecheck: node_modules/.installed
	node_modules/.bin/tsc --noEmit -p widgets/tsconfig.json

site-deps: .venv/.site-installed node_modules/.installed
deps: .venv/.installed node_modules/.installed

.venv/.site-installed: requirements-site.txt
	test -x $(PY) || python3 -m venv .venv
	$(PIP) -r requirements-site.txt
	touch $@

# torch first, as the CPU build (unless a torch of the pinned version is already there, such as
# a GPU machine's CUDA build): it satisfies requirements.txt's torch==X line, so pip then pulls
# no CUDA build and no nvidia packages.
# One retry, 10 s: a machine that cannot reach PyTorch's index (offline, a local wheel) does not wait on it.
.venv/.installed: requirements.txt .venv/.site-installed
	@want=$$(sed -n 's/^torch==//p' requirements.txt); \
	if [ -n "$(TORCH_INDEX)" ] && [ "$$(uname -s)" = Linux ] && ! $(PY) -c "import importlib.metadata as m, sys; \
		sys.exit(m.version('torch').split('+')[0] != '$$want')" 2>/dev/null; then \
		echo "$(PIP) --no-deps --retries 1 --timeout 10 --extra-index-url $(TORCH_INDEX) torch==$$want+cpu"; \
		$(PIP) --no-deps --retries 1 --timeout 10 --extra-index-url $(TORCH_INDEX) "torch==$$want+cpu" || exit 1; \
	fi
	$(PIP) -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's chromium: Playwright drives it; its own browser download cannot work offline.
# Needs root (apt-get) the first time; without the recommended packages (no daemons, no extras).
# espeak-ng (the same way) synthesises the spoken digits (build_models/speech and its tests).
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
	@command -v chromium-headless-shell >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends chromium-headless-shell >/dev/null; } || \
		echo "chromium-headless-shell is not installed: the tests drive the full chromium (slower)"
	@command -v espeak-ng >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends espeak-ng >/dev/null; }

clean:
	rm -rf site docs/assets/build docs/pretrained .cache/site.stamp .cache/widgets.stamp

# The deployable site: site/ as built, a static folder for any host (.github/workflows/pages.yml
# uploads it to GitHub Pages). SITE_URL=https://host/path/ sets the address its sitemap and
# canonical links name (default: the local server's). Nothing outside the repository is needed.
# Always built afresh: SITE_URL changes the output, and the site's stamp cannot see it.
.PHONY: dist
dist: site-deps
	rm -f .cache/site.stamp
	$(MAKE) site
	@echo "dist: upload site/ ($$(du -sh site | cut -f1), $$(find site -type f | wc -l) files) to any static host"
