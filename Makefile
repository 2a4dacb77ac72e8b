# The two commands of the README: `make reports` and `make test`.
# Each creates .venv when it is missing, installs the kit into it, and runs.
# Needs only python3 (>= 3.11) and make on the machine.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
KERNEL := framing-kit
# The study the batch runs (`make reports STUDY=studies/mine.yaml`).
STUDY  ?= studies/demo.yaml
# JupyterLab refuses to start as root without --allow-root (containers, CI).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: reports test lab bench venv clean-venv

# Installed-state stamps: re-install when pyproject.toml changes, or the optional C
# extension's source (the install compiles it where a C compiler is available).
$(VENV)/.stamp-run: pyproject.toml framing/_speedups.c
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (framing kit)" >/dev/null
	touch $@

$(VENV)/.stamp-test: $(VENV)/.stamp-run
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

$(VENV)/.stamp-bench: $(VENV)/.stamp-run
	$(PY) -m pip install --quiet -e ".[test,bench]"
	touch $@

venv: $(VENV)/.stamp-run

# The main job: check the study, then run the report plan (reports/reports.yaml) for it
# (the demo study by default). Up-to-date reports are skipped;
# `framing report --force` re-runs everything.
reports: $(VENV)/.stamp-run
	$(VENV)/bin/framing study check $(STUDY)
	$(VENV)/bin/framing report --study $(STUDY)

test: $(VENV)/.stamp-test
	$(PY) -m pytest

# JupyterLab at the project root, so notebooks/, reports/ and corpora/ can be browsed.
lab: $(VENV)/.stamp-run
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=. $(ROOT_FLAG)

bench: $(VENV)/.stamp-bench
	@echo "Benchmarks are run by hand, one script at a time: $(PY) bench/<name>.py (see bench/README.md)"

clean-venv:
	rm -rf $(VENV)
