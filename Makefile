# Set-up and everyday commands. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Prefect keeps its state (database, logs) inside the project, never in ~/.prefect.
export PREFECT_HOME := $(CURDIR)/.state/prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1

.PHONY: setup run test lint samples model bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11" >&2; exit 2; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

run: setup
	$(VENV)/bin/prestatie run data/input_pdfs --output data/output

test: setup
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check pipeline flows tests
	$(VENV)/bin/mypy pipeline flows

samples: setup
	$(PY) -m pipeline.samples data/input_pdfs tests/data/samples

model: setup
	cd models/training && ../../$(PY) -m spacy project run all

clean:
	rm -rf $(VENV) .state
