# Soundoff: `make run` to try it, `make test` for the whole suite.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.12 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
REDIS_URL_TEST ?= redis://127.0.0.1:6379/15
export PIP_DISABLE_PIP_VERSION_CHECK=1

.PHONY: help install run test lint test-sqlite test-postgres test-redis test-browser bench clean services browser-deps train

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

install: $(VENV)/.installed ## create .venv and install Soundoff with its dev tools

run: install ## set up (migrate, demo content) and serve http://$(HOST):$(PORT) with the worker
	$(VENV)/bin/soundoff setup
	HOST=$(HOST) PORT=$(PORT) $(VENV)/bin/soundoff serve

lint: install ## ruff (lint + format) and import rules
	$(VENV)/bin/ruff check soundoff tests bench
	$(VENV)/bin/ruff format --check soundoff tests bench
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=soundoff.config.settings.test $(PY) -m django makemigrations --check --dry-run >/dev/null

# Rebuilding every shipped model: the fast tier and the calibration/stacker run in .venv; the
# encoder fine-tuning needs torch, which lives in its own Python 3.11 venv (.venv-train).
TRAIN_PYTHON ?= $(or $(lastword $(wildcard $(HOME)/.pyenv/versions/3.11*/bin/python)),$(shell command -v python3.11))
TRAIN_VENV := .venv-train

$(TRAIN_VENV)/.installed: tools/requirements-train.txt
	test -x $(TRAIN_VENV)/bin/python || $(TRAIN_PYTHON) -m venv $(TRAIN_VENV)
	$(TRAIN_VENV)/bin/pip install -q -r tools/requirements-train.txt
	touch $@

train: install $(TRAIN_VENV)/.installed ## rebuild every shipped model from ../shared/datasets (about 35-50 min on 2 cores)
	$(PY) -m soundoff.classifier train --finetune-python $(TRAIN_VENV)/bin/python

services: ## make sure the local PostgreSQL and Redis are up (they are on CI machines)
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start || true
	@redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no || true

browser-deps: ## Debian's Chromium for the browser tests (never a downloaded browser)
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

test-sqlite: install browser-deps ## the whole suite on SQLite (browser tests included)
	$(VENV)/bin/pytest -q -p no:cacheprovider

test-postgres: install services ## the suite again on PostgreSQL (no browser tests)
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -q -p no:cacheprovider -m "not browser"

test-redis: install services ## RQ worker on Redis through django.tasks
	REDIS_URL=$(REDIS_URL_TEST) TASKS_BACKEND=rq $(VENV)/bin/pytest -q -p no:cacheprovider -m redis

test: lint test-sqlite test-postgres test-redis ## lint, import rules, and every test on SQLite, PostgreSQL and Redis

bench: install ## benchmark tables (see bench/README.md)
	$(PY) bench/site_bench.py

clean: ## remove the virtualenv, local database and test artifacts
	rm -rf $(VENV) var test-artifacts
