# Set-up and everyday commands. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Prefect keeps its state (database, logs) inside the project, never in ~/.prefect.
export PREFECT_HOME := $(CURDIR)/.state/prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1

.PHONY: setup run serve test lint samples model classifier evaluate learning-curve bench bench-scans gate-eval clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11" >&2; exit 2; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

run: setup
	$(VENV)/bin/prestatie run data/input_pdfs --output data/output

# A Prefect server on this machine, and the batch flow served on it nightly (02:00) over
# data/input_pdfs -> data/output. Ctrl-C stops both.
PREFECT_PORT ?= 4200
serve: setup
	@$(VENV)/bin/prefect server start --host 127.0.0.1 --port $(PREFECT_PORT) & server=$$!; \
	trap 'kill $$server 2>/dev/null' EXIT INT TERM; \
	PREFECT_API_URL=http://127.0.0.1:$(PREFECT_PORT)/api \
	$(VENV)/bin/prestatie serve data/input_pdfs --output data/output

test: setup
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check pipeline flows training samples tests benchmarks
	$(VENV)/bin/mypy pipeline flows training samples benchmarks
	$(VENV)/bin/lint-imports

samples: setup
	$(PY) -m samples data/input_pdfs tests/data/samples

model: setup
	cd models/training && ../../$(PY) -m spacy project run all

# The type and SMART-letter models, trained on the written corpus and the real corpus of
# published agreements (REAL). They read features of the Dutch pipeline: retrain after `make model`.
REAL ?= ../shared/realworld
classifier: setup
	$(PY) -m training.train --corpus data/annotations --real $(REAL)

# Every figure of the model cards: the real corpus cross-validated by municipality and its dev
# split, the written test municipalities, and the model variants compared.
evaluate: setup
	$(VENV)/bin/prestatie evaluate --corpus data/annotations --real $(REAL)
	$(MAKE) learning-curve

# The learning curve of `prestatie learn` on simulated offices (both corpora, a few minutes):
# the section "Learning an office's conventions" of BENCHMARKS.md and benchmarks/learning_curve.json.
learning-curve: setup
	$(PY) -m benchmarks.learning --corpus data/annotations --real $(REAL)

# Speed, memory and cost growth beside the PDF-library floors; rewrites BENCHMARKS.md (about a
# quarter of an hour). `make bench BENCH_ARGS=--quick` is a one-minute smoke run.
bench: setup
	$(PY) -m benchmarks.run $(BENCH_ARGS)

# Scans of the samples (4 resolution/rotation/noise profiles) against the born-digital files;
# rewrites the "Scanned documents" section of BENCHMARKS.md (about 10 CPU minutes).
bench-scans: setup
	$(PY) -m benchmarks.scans $(BENCH_SCANS_ARGS)

# The document gate measured on agreement PDFs (samples, realistic, short ones, the real corpus
# REAL typeset) and other PDFs (municipal documents, and the folders under GATE_NEGATIVES that
# `$(PY) -m benchmarks.collect_gate_negatives DIR` downloads); rewrites docs/gate.md.
GATE_NEGATIVES ?=
gate-eval: setup
	$(PY) -m benchmarks.gate --real $(REAL) $(if $(GATE_NEGATIVES),--negatives $(GATE_NEGATIVES))

clean:
	rm -rf $(VENV) .state
