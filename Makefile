# ExportPilot. `make run` starts it on the embedded default; `make test` runs everything.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := exportpilot.settings

.PHONY: run test test-fast lint security-lint typecheck contracts pytest messages locks openapi clean

$(VENV)/.synced: requirements-dev.lock pyproject.toml scripts/bootstrap
	scripts/bootstrap requirements-dev.lock
	touch $@

# Translation catalogues: each .mo is compiled (msgfmt --check-format, as
# compilemessages does) only when its .po is newer.
PO_FILES := $(shell find exportpilot -path '*/LC_MESSAGES/*.po')
MO_FILES := $(PO_FILES:.po=.mo)

messages: $(VENV)/.synced $(MO_FILES)

%.mo: %.po
	@echo "Compiling $<"
	@msgfmt --check-format -o $@ $<

## run: ExportPilot on SQLite with the demo workspace, web server and job worker
## (a warm restart skips what is done: migrations, static files, demo, catalogues)
run: $(VENV)/.synced messages
	@PORT=$(PORT) $(BIN)/exportpilot serve --demo --port $(PORT)

## test: lint, types, import contract, migrations check, then the whole test suite
test: $(VENV)/.synced messages lint typecheck contracts pytest

lint: $(VENV)/.synced
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(MAKE) --no-print-directory security-lint

## security-lint: bandit against its reviewed baseline, the local semgrep rules
## and their own test cases (SECURITY.md G-SAST-1; offline, no registry)
security-lint: $(VENV)/.synced
	$(BIN)/bandit -c pyproject.toml -r exportpilot scripts -ll -q -b .bandit-baseline.json
	$(BIN)/semgrep scan --metrics=off --disable-version-check --config .semgrep/ --error -q exportpilot scripts
	cd .semgrep && ../$(BIN)/semgrep --metrics=off --disable-version-check --test -q .

typecheck: $(VENV)/.synced
	$(BIN)/mypy exportpilot

contracts: $(VENV)/.synced
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run -v 0
	$(BIN)/python manage.py check --fail-level WARNING

## test-fast: the unit and service tests alone (no browser, nothing marked slow), no lint,
## on two processes (pytest-xdist)
test-fast: $(VENV)/.synced messages
	$(BIN)/python manage.py collectstatic --noinput -v 0
	$(BIN)/python -m pytest -m "not slow and not browser" -n 2 $(PYTEST_ARGS)

pytest: $(VENV)/.synced
	scripts/ensure-system-packages
	$(BIN)/python manage.py collectstatic --noinput -v 0
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## openapi: write docs/api/openapi.json from the live schema (after a meant API change)
openapi: $(VENV)/.synced
	$(BIN)/python -m tests.openapi_snapshot

## locks: recompile the hash-locked requirements after changing pyproject.toml
locks:
	UV_PYTHON_DOWNLOADS=never .tools/bin/uv pip compile pyproject.toml --generate-hashes -q -o requirements.lock
	UV_PYTHON_DOWNLOADS=never .tools/bin/uv pip compile pyproject.toml --extra dev --generate-hashes -q -o requirements-dev.lock

clean:
	rm -rf $(VENV) .tools staticfiles .mypy_cache .ruff_cache
