# Two commands matter on a fresh machine: `make serve` and `make test`.
# Each installs what it needs (Python venv, npm packages, Debian's chromium).
SHELL := /bin/bash
PY := .venv/bin/python
export PYTHONPATH := $(CURDIR)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test site widgets typecheck bench models zoo deps chromium clean

ZOO := tinyshakespeare tinyshakespeare-2x128 tinyshakespeare-2x256 tinyshakespeare-2x480 \
	tinyshakespeare-gru tinyshakespeare-rnn warandpeace linux latex shakespeare

serve: site
	$(PY) -m coursekit.serve site --port 8000

# COURSE_REQUIRE_ALL: a test whose input is missing (Pyodide, ../shared/corpora when ../shared is
# beside the checkout) fails instead of skipping (tests/conftest.py, `missing`).
# pytest-xdist: TEST_WORKERS processes, each test module on one worker (its browser and built models
# made once), the every-page walks split into shares; most tests wait on Chromium, so a 2-core
# machine keeps more workers than cores busy (tests/conftest.py, pytest_collection_modifyitems).
TEST_WORKERS ?= 4
test: deps chromium site
	COURSE_REQUIRE_ALL=1 $(PY) -m pytest tests -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder --durations=25

bench: deps chromium site
	$(PY) tests/bench.py

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

site: deps widgets
	$(PY) -m mkdocs build --strict --quiet
	node widgets/prerender-math.mjs site

widgets: deps
	node widgets/build.mjs

typecheck: deps
	node_modules/.bin/tsc --noEmit -p widgets/tsconfig.json

deps: .venv/.installed node_modules/.installed

.venv/.installed: requirements.txt
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's chromium: Playwright drives it; its own browser download cannot work offline.
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf site docs/assets/build docs/pretrained
