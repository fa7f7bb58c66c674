# Muster: two commands do all set-up on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
ifndef PYTHON
PYTHON := $(shell for p in python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; done)
endif
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

# Development defaults; production sets its own environment (see README).
export DEBUG ?= 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo test install messages migrate lint layers typecheck migrations-check pytest ci serve browser-deps makemessages clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is required" >&2; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

messages: install
	$(PY) manage.py compile_translations

makemessages: install
	$(PY) manage.py makemessages -l vi -l en --ignore=.venv --ignore=var --no-obsolete

migrate: install messages
	@mkdir -p var
	$(PY) manage.py migrate --verbosity 0

demo: migrate
	$(PY) manage.py load_demo
	@echo "Serving Muster on http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	$(PY) manage.py runserver $(HOST):$(PORT)

browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null) \
	  || { echo "Could not install chromium: install it (apt-get install chromium) and re-run" >&2; exit 1; }; }
	@command -v pdftotext >/dev/null 2>&1 || (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null)
	@command -v soffice >/dev/null 2>&1 || { \
	  echo "Installing LibreOffice (headless) to open the exports as an office would"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    libreoffice-writer-nogui libreoffice-calc-nogui >/dev/null \
	  || { echo "Could not install LibreOffice: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui" >&2; exit 1; }; }

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

layers: install
	$(VENV)/bin/lint-imports --no-cache

typecheck: install
	$(VENV)/bin/mypy muster config

migrations-check: install
	@mkdir -p var
	$(PY) manage.py makemigrations --check --dry-run

pytest: install messages browser-deps
	$(VENV)/bin/pytest -q $(PYTEST_ARGS)

test: lint layers typecheck migrations-check pytest

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache
