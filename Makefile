# Two commands do all set-up: `make run` and `make test`. Only Python 3.11+ and make are needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi --debug
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed-app

# Serves the app on the embedded SQLite database with the bank loaded and demo accounts.
run: $(VENV)/.installed-app
	$(FLASK) db upgrade
	$(FLASK) bank sync
	$(FLASK) quizzes ready-made
	$(FLASK) demo users
	$(FLASK) run --host $(HOST) --port $(PORT)

# The whole suite; on PostgreSQL too when QUIZAPP_TEST_DATABASE_URL names a database.
test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(VENV)/.installed-test
	@for script in due_query pages classroom import_confirm retention; do \
		$(BIN)/python bench/$$script.py || exit 1; done

clean:
	rm -rf $(VENV) instance *.egg-info
