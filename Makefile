# Every target sets up .venv/ first when it is missing or pyproject.toml changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup synth test check lint typecheck drift bench bench-all golden clean

# The YAML reader of Kubernetes (go-yaml v2 through github.com/ghodss/yaml), built from Debian's Go packages
# for the tests that read manifests the way the API server does. Without Go those tests skip (fail under CI).
GO ?= go
GO_PATH ?= /usr/share/gocode
GOYAML := build/goyaml
HAVE_GO := $(shell command -v $(GO) 2>/dev/null)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,helm,cdk8s,lightkube]' --config-settings editable_mode=compat
	touch $(STAMP)

setup: $(STAMP)

synth: $(STAMP)  ## blueprints/ -> out/
	$(BIN)/hagen synth

$(GOYAML): tests/goyaml/main.go
	mkdir -p build
	GO111MODULE=off GOPATH=$(GO_PATH) GOCACHE=$(CURDIR)/build/go-cache $(GO) build -o $@ ./tests/goyaml

test: $(STAMP) $(if $(HAVE_GO),$(GOYAML))  ## the test suite
	$(BIN)/pytest

check: lint typecheck drift  ## ruff, mypy (strict on hagen/), and out/ matches blueprints/

lint: $(STAMP)
	$(BIN)/ruff check hagen tests bench blueprints
	$(BIN)/ruff format --check hagen tests bench blueprints

typecheck: $(STAMP)
	$(BIN)/mypy

drift: $(STAMP)
	$(BIN)/hagen diff

bench: $(STAMP)  ## every performance goal against its alternative, one run; figures go to docs/benchmarks.md
	$(BIN)/python bench/ratios.py

bench-all: $(STAMP)  ## every benchmark script of bench/, one after the other
	$(BIN)/python bench/run.py

golden: $(STAMP)  ## regenerate the golden files of tests/golden/ (review the diff before committing)
	$(BIN)/python -m tests.golden.regenerate
	HAGEN_UPDATE_GOLDEN=1 $(BIN)/pytest -q tests/test_storage_golden.py

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache .hypothesis
