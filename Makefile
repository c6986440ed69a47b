# The two commands of the README: `make run` (the main job) and `make test`.
# Everything is installed from this repository's files: a virtual environment for SayWho, one for the Label
# Studio server that the live round-trip test starts (kept in a cache outside the repo: ~1 GB, ~2 minutes), and
# Debian's chromium for the page-rendering test.

PYTHON ?= python3.11
VENV := .venv
LABEL_STUDIO_VERSION := 1.23.2
LABEL_STUDIO_VENV := $(or $(SAYWHO_CACHE),$(HOME)/.cache/saywho)/label-studio-$(LABEL_STUDIO_VERSION)
LABEL_STUDIO := $(LABEL_STUDIO_VENV)/bin/label-studio
# Debian's Chromium renders the leaderboard page in a test (headless).
CHROMIUM := /usr/bin/chromium

.PHONY: run test install
run: $(VENV)/.installed
	$(VENV)/bin/saywho build
	$(VENV)/bin/saywho leaderboard

test: $(VENV)/.installed $(LABEL_STUDIO) $(CHROMIUM)
	SAYWHO_LABEL_STUDIO=$(LABEL_STUDIO) $(VENV)/bin/python -m pytest

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@

$(LABEL_STUDIO):
	$(PYTHON) -m venv $(LABEL_STUDIO_VENV)
	$(LABEL_STUDIO_VENV)/bin/pip install --quiet label-studio==$(LABEL_STUDIO_VERSION)

$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
