# The two commands of the README:
#   make demo   install, migrate, load the demo organization, serve on http://127.0.0.1:8000
#   make test   install what tests need, lint, run the suite on SQLite and on PostgreSQL
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_BODIES ?= 400
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
PYTEST_WORKERS ?= 2

.PHONY: demo serve install install-test browser soffice test test-sqlite test-postgres lint bench-tree messages clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/activate
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/activate
	$(BIN)/pip install --quiet -e '.[test]'

demo: install
	$(BIN)/ctct migrate --noinput -v 0
	$(BIN)/ctct demo-data --bodies $(DEMO_BODIES) --if-empty
	@echo
	@echo "  ctct is running at http://$(HOST):$(PORT)/"
	@echo "  Log in as chinhtri / ctct-demo-2025 (political officer), bithu (cell secretary),"
	@echo "  chihuy (commander, read-only), tinhuy (provincial branch) or admin (everything)."
	@echo "  Stop with Ctrl+C. Data lives in ./var/ (delete it to start over)."
	@echo
	@echo "  Imports run on a background worker started beside the server (ctct db_worker)."
	@echo
	@mkdir -p var
	CTCT_DEBUG=$${CTCT_DEBUG:-0} $(BIN)/ctct db_worker --interval 1 >var/worker.log 2>&1 & WORKER=$$!; \
	trap "kill $$WORKER 2>/dev/null" EXIT INT TERM; \
	CTCT_DEBUG=$${CTCT_DEBUG:-0} $(BIN)/ctct runserver --insecure $(HOST):$(PORT)

# Debian's chromium for the browser tests; installed only when missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; }

# Debian's LibreOffice Writer (no GUI) for the test that converts a .docx to PDF; installed only
# when missing. When it cannot be installed the test is skipped and says why.
soffice:
	@command -v soffice >/dev/null 2>&1 || { \
	  echo "Installing Debian's libreoffice-writer-nogui for the PDF test..."; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO="sudo -n"; fi; \
	  { $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui >/dev/null; } \
	    || echo "  could not install it: the PDF test will be skipped."; }

lint: install-test
	$(BIN)/ruff check ctct
	$(BIN)/ruff format --check ctct

test-sqlite: install-test browser soffice
	@echo "== tests on SQLite"
	DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 $(BIN)/pytest -n $(PYTEST_WORKERS) -q --durations=15

test-postgres: install-test browser soffice
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== tests on PostgreSQL ($(PG_URL))"; \
	  DATABASE_URL=$(PG_URL) $(BIN)/pytest -n $(PYTEST_WORKERS) -q --durations=15; \
	else \
	  echo "== PostgreSQL tests SKIPPED: no server answers at $(PG_URL) (set PG_URL to use another)"; \
	fi

test: lint test-sqlite test-postgres

bench-tree: install
	$(BIN)/ctct bench tree --bodies 20000

# Regenerate translation catalogs (needs Debian's gettext); the compiled .mo files are committed.
messages: install
	cd ctct && ../$(BIN)/ctct makemessages -l vi -l en --no-obsolete -i "*/tests/*" && ../$(BIN)/ctct compilemessages

clean:
	rm -rf $(VENV) var build *.egg-info
