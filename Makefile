# Two commands matter: `make site` builds the site, `make test` runs every test.
# Both create the virtual environment from pyproject.toml when it is missing or stale.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Which municipality: KOMMUN=exempelkommun builds with kommuner/exempelkommun/pelicanconf.py and the
# package it names. Without KOMMUN the default, pelicanconf.py, is built.
KOMMUN ?=
SETTINGS := $(if $(KOMMUN),kommuner/$(KOMMUN)/pelicanconf.py,pelicanconf.py)
# validate checks the package that SETTINGS names, or PACKAGE=data/<kommun> if given.
PACKAGE ?= $(SETTINGS)
PORT ?= 8000

.PHONY: site serve test lint format validate bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# `make site PACKAGE=dir` builds another package with the same settings (for example one made by `styrmodell init`).
site: $(STAMP)  ## validate the data package and build output/ (atomically); KOMMUN=exempelkommun builds another
	$(PY) -m styrmodell build --settings $(SETTINGS) $(if $(filter command line,$(origin PACKAGE)),--package $(PACKAGE)) $(if $(DEBUG),--debug)

serve: site  ## preview on http://localhost:$(PORT)/
	$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory output

validate: $(STAMP)  ## check the data package only
	$(PY) -m styrmodell validate $(PACKAGE)

# The browser and HTML tests' tools (axe-core, vnu-jar), as locked in package-lock.json.
# Without npm they are skipped locally; .ci/run installs them and CI=true makes them required.
node_modules/.package-lock.json: package-lock.json
	command -v npm >/dev/null && npm ci --no-audit --no-fund --ignore-scripts || echo "npm saknas: webbläsar- och HTML-testerna hoppas över"

# `make test KOMMUN=<kommun>` builds and checks that municipality's own site (and no other) in the tests
# that run on every municipality's site; without KOMMUN they run on every folder in kommuner/.
test: $(STAMP) node_modules/.package-lock.json  ## lint, unit tests, site tests, browser tests
	$(PY) -m ruff check plugins tests kommuner pelicanconf.py publishconf.py scripts
	KOMMUN='$(KOMMUN)' $(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check plugins tests kommuner pelicanconf.py publishconf.py scripts
	$(PY) -m ruff format --check plugins tests kommuner pelicanconf.py publishconf.py scripts

format: $(STAMP)
	$(PY) -m ruff format plugins tests kommuner pelicanconf.py publishconf.py scripts

SCALES ?= 1,2,5,10

bench: $(STAMP)  ## build timings, memory, chart cache hits, page sizes; figures in .cache/bench.json
	$(PY) -m styrmodell bench --settings $(SETTINGS) --scales $(SCALES)

clean:
	rm -rf output .output-* .cache
