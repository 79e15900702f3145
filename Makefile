# ML Interview Study Guide: the two commands a new user needs are `make serve` and `make test`.
# Both install whatever is missing first (a .venv with the pinned Python packages, the pinned npm
# tools), so they work on a fresh clone. `make help` lists every target.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
export NO_MKDOCS_2_WARNING := 1
# The same notice, printed by properdocs (imported by mkdocs-redirects). No trailing comment:
# Make would keep the spaces before it in the value.
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONHASHSEED := 0
# One thread per BLAS/OpenMP pool: pytest runs two workers on two cores, and scikit-learn's
# histogram boosting with a thread per core each is many times slower when they oversubscribe.
export OMP_NUM_THREADS := 1
export OPENBLAS_NUM_THREADS := 1
export MKL_NUM_THREADS := 1
# The AVX2 kernels on every x86-64 CPU, so AVX-512 machines print the numbers the pages show
# (numpy/SciPy's OpenBLAS, torch's MKL and its own kernels): see src/guide_tools/numerics.py,
# which the tests and the lab and snippet runners use for the same values.
export OPENBLAS_CORETYPE := Haswell
export MKL_CBWR := AVX2
export ATEN_CPU_CAPABILITY := avx2

# torch (transfer-learning chapter) must be the CPU build: our machines keep its wheel in
# /opt/wheels, and PyPI's default Linux wheel of the same version is a multi-GB CUDA build.
# Elsewhere, set PIP_FIND_LINKS or PIP_EXTRA_INDEX_URL to a CPU build (the CI workflow does).
ifneq ($(wildcard /opt/wheels/torch-*.whl),)
export PIP_FIND_LINKS ?= /opt/wheels
endif

# The site offers the PDF book and the offline site for download (extra.downloads in mkdocs.yml),
# so they are built first; each is rebuilt only when a source it is made from has changed.
SOURCES := $(shell find docs snippets src hooks overrides includes -type f \
             -not -path '*/__pycache__/*' -not -name '*.pyc') mkdocs.yml pyproject.toml \
             anchors/renamed.yml
PDF         := build/pdf/ml-interview-guide.pdf
OFFLINE_ZIP := build/ml-interview-guide-offline.zip
SITE_STAMP  := build/site.stamp  # site/ was built from the current sources (not inside site/)

# Lab notebooks: docs/labs/<chapter>.ipynb (generated from the snippets, committed without outputs)
# run on a fresh kernel into build/labs/<chapter>.ipynb, which the site renders. A lab runs again
# when what it depends on changes (guide_tools.labs.inputs lists the same files, and the site
# refuses an executed copy that is older than any of them).
# Longest first (scripts/bench_labs.py), so two at a time finish together; any other lab after them.
LAB_SLOWEST   := bias-variance transfer-learning ensembles interpretability mlops
LAB_NOTEBOOKS := $(wildcard docs/labs/*.ipynb)
LAB_RUNS      := $(patsubst %,build/labs/%.ipynb,$(LAB_SLOWEST)) \
                 $(filter-out $(patsubst %,build/labs/%.ipynb,$(LAB_SLOWEST)), \
                   $(patsubst docs/labs/%.ipynb,build/labs/%.ipynb,$(LAB_NOTEBOOKS)))
LAB_INPUTS    := $(wildcard src/churn_case_study/*.py) src/guide_tools/figures.py \
                 src/guide_tools/explorables.py \
                 src/guide_tools/paths.py src/guide_tools/labs.py src/guide_tools/snippet_runner.py \
                 requirements.txt

# Stamps: reinstall only when the pinned requirements change.
PY_STAMP   := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: help install browser serve build pdf offline test test-inputs lint format check-sources anchors snippets-update figures labs labs-update lab flashcards bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

# -- Installation -----------------------------------------------------------------------------------
$(PY_STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 11), "Python 3.11+ is needed: install python3.11 and run make PYTHON=python3.11"'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip==26.1
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || scripts/install_system_packages.sh nodejs npm
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(PY_STAMP) $(NODE_STAMP) ## Install the pinned Python and npm dependencies (once)

# The browser tests drive a Chromium through Playwright: $$CHROME_PATH if set (GitHub's runners
# ship Google Chrome), else Debian's `chromium`, installed here where we can. Never Playwright's
# own browser download, which cannot work offline.
browser: ## Make sure a Chromium exists for the browser tests
	@if [ -n "$${CHROME_PATH:-}" ]; then \
	  test -x "$$CHROME_PATH" || { echo "error: CHROME_PATH=$$CHROME_PATH is not an executable" >&2; exit 1; }; \
	elif [ ! -x /usr/bin/chromium ]; then \
	  scripts/install_system_packages.sh chromium; \
	fi

# -- The two commands ---------------------------------------------------------------------------------
serve: install build ## Build the site and serve it on http://$(HOST):$(PORT) with live reload
	SITE_URL=http://$(HOST):$(PORT)/ $(BIN)/mkdocs serve --strict --dev-addr $(HOST):$(PORT)

# Two jobs at a time for what the tests need (two cores): the labs run while the PDF is printed.
# The tests check the site `make build` writes (GUIDE_BUILT_SITE), rather than building another.
test: ## Run every check (what CI runs)
	$(MAKE) --no-print-directory -j2 --output-sync=target test-inputs
	GUIDE_BUILT_SITE=$(CURDIR)/site $(BIN)/pytest -n 2 --dist loadgroup

test-inputs: install browser lint check-sources $(PDF) $(LAB_RUNS) $(OFFLINE_ZIP) $(SITE_STAMP)

# -- Pieces -------------------------------------------------------------------------------------------
build: install $(SITE_STAMP) ## Build the site into site/ (strict: any warning fails)

$(SITE_STAMP): $(SOURCES) requirements.txt $(PDF) $(LAB_RUNS) $(OFFLINE_ZIP) | $(PY_STAMP) $(NODE_STAMP)
	$(BIN)/mkdocs build --strict --clean
	@touch $@

pdf: install browser $(PDF) ## Build the PDF book (build/pdf/), printed by Chromium

$(PDF): $(SOURCES) mkdocs.print.yml scripts/build_pdf.py | $(PY_STAMP) $(NODE_STAMP) browser
	$(PY) scripts/build_pdf.py

offline: install $(OFFLINE_ZIP) ## Build the offline site and its ZIP (build/); opens from file://

$(OFFLINE_ZIP): $(SOURCES) $(PDF) $(LAB_RUNS) mkdocs.offline.yml scripts/build_offline_zip.py | $(PY_STAMP) $(NODE_STAMP)
	$(PY) scripts/build_offline_zip.py

lint: install ## ruff (lint + format check) and codespell
	$(BIN)/ruff check src scripts tests snippets hooks
	$(BIN)/ruff format --check src scripts tests snippets hooks
	$(BIN)/codespell docs snippets src scripts tests hooks includes README.md

format: install ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix src scripts tests snippets hooks
	$(BIN)/ruff format src scripts tests snippets hooks

check-sources: install ## Snippet sections and includes, chapter front matter and headings, quizzes, plans, labs
	$(PY) -m guide_tools.snippet_sections
	$(PY) -m guide_tools.chapters
	$(PY) -m markdown_exam.check docs
	$(PY) -m guide_tools.plans
	$(PY) -m guide_tools.labs check

anchors: install $(PDF) $(OFFLINE_ZIP) ## Add new headings, quiz and follow-up ids to anchors/registry.yml (refuses if a published one is gone)
	$(PY) -m guide_tools.anchors update

snippets-update: install ## Re-run every snippet: rewrite its '# >' output lines and its figures
	$(PY) -m guide_tools.snippet_runner --update

figures: install ## Re-run every snippet to regenerate the figures in docs/assets/figures
	$(PY) -m guide_tools.snippet_runner --figures-only

labs-update: install ## Regenerate the lab notebooks (docs/labs/*.ipynb) from the snippets
	$(PY) -m guide_tools.labs update

labs: install $(LAB_RUNS) ## Run every lab notebook on a fresh kernel into build/labs/ (make -j2 labs: two at a time)

.SECONDEXPANSION:
build/labs/%.ipynb: docs/labs/%.ipynb $(LAB_INPUTS) $$(wildcard snippets/$$*/*.py) $$(wildcard docs/assets/figures/$$*/*) | $(PY_STAMP)
	$(PY) -m guide_tools.labs execute $*

# JupyterLab (requirements-lab.txt, pinned) on copies of the labs in labs-workspace/, so running
# and saving never changes the committed notebooks. Existing copies are kept.
LAB_STAMP := $(VENV)/.installed-lab
$(LAB_STAMP): requirements-lab.txt $(PY_STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-lab.txt
	@touch $@

lab: install $(LAB_STAMP) ## Open the lab notebooks in JupyterLab on http://$(HOST):8888
	@mkdir -p labs-workspace
	@for notebook in docs/labs/*.ipynb; do \
	  test -e "labs-workspace/$${notebook##*/}" || cp "$$notebook" labs-workspace/; \
	done
	$(BIN)/jupyter lab --ServerApp.ip=$(HOST) --ServerApp.port=8888 --ServerApp.root_dir=labs-workspace \
	  $$(test "$$(id -u)" = 0 && echo --allow-root)  # containers often run as root; Jupyter refuses it unasked

flashcards: install ## Every quiz and follow-up question as an Anki deck and a CSV file, in build/flashcards/
	$(PY) -m guide_tools.flashcards build/flashcards

bench: install ## Time a full site build and `make test` (scripts/bench_build.py)
	$(PY) scripts/bench_build.py

clean: ## Remove build output and caches (keeps .venv and node_modules)
	rm -rf site site-offline build .cache .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -not -path './.venv/*' -not -path './node_modules/*' -prune -exec rm -rf {} +
