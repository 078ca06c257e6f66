# `make run` and `make test` do all the set-up a fresh clone needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test sample bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# The project's own ./index, built from sample_corpus/ on first use, whatever a per-user index holds.
run: $(STAMP)
	@test -f index/CURRENT || $(BIN)/imr-search index sample_corpus --index index
	$(BIN)/imr-search --index index

test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto

# Regenerates the bundled sample corpus (the exact command that made it).
sample: $(STAMP)
	rm -rf sample_corpus
	$(BIN)/imr-search synth sample_corpus --count 300 --seed 11 --formats text,pdf,html

bench: $(STAMP)
	$(BIN)/python bench/parse.py

clean:
	rm -rf $(VENV) index .pytest_cache
