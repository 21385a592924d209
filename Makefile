# Marsad — every set-up step lives here so that a fresh machine needs only `make run` / `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SHARED ?= ../shared
OUT    ?= out

.PHONY: run test eval bench lint typecheck install clean gazetteer train pg pg-stop watch-demo

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

HOST ?= 127.0.0.1
PORT ?= 8000

# extract the bundled sample, store it, and serve the API and dashboard (Ctrl-C stops)
run: install
	@mkdir -p $(OUT)
	$(PY) -m marsad.cli extract sample/ --output $(OUT)/sample.jsonl
	$(PY) -m marsad.cli extract sample/ --format acled-csv --output $(OUT)/sample.csv
	$(PY) -m marsad.cli extract sample/ --format geojson --output $(OUT)/sample.geojson
	@echo "events written to $(OUT)/sample.jsonl, $(OUT)/sample.csv and $(OUT)/sample.geojson"
	$(PY) -m marsad.cli ingest sample/
	@echo "stored in ./marsad.db, the database marsad serve / export / ingest use by default (MARSAD_DB_PATH)"
	@echo "dashboard: http://$(HOST):$(PORT)/   API: http://$(HOST):$(PORT)/clusters   OpenAPI: http://$(HOST):$(PORT)/docs"
	$(PY) -m marsad.cli serve --host $(HOST) --port $(PORT)

lint: install
	$(VENV)/bin/ruff check src tests bench scripts
	$(VENV)/bin/mypy

# the whole suite: lint, types, then pytest against SQLite and a real PostgreSQL 15 that this target
# starts (installing Debian's postgresql when missing), with headless chromium for the browser test;
# MARSAD_REQUIRE_SERVICES makes a missing server or browser fail the run instead of skipping tests
test: install lint pg
	bash scripts/ensure_chromium.sh
	MARSAD_REQUIRE_SERVICES=1 MARSAD_TEST_PG_URL="$$(scripts/pg.sh url)" $(PY) -m pytest -q

# a project-local PostgreSQL (installs the Debian package when missing) for the store tests
pg:
	scripts/pg.sh start

pg-stop:
	scripts/pg.sh stop

# the bundled sample reports served as a news feed on localhost, watched once with sample/rules.yaml (offline)
watch-demo: install
	$(PY) scripts/watch_demo.py --out $(OUT)/watch-demo

eval: install
	$(PY) -m marsad.cli eval --shared $(SHARED)

bench: install
	$(PY) bench/run.py --shared $(SHARED)

gazetteer: install
	$(PY) scripts/build_gazetteer.py --shared $(SHARED)
	$(PY) scripts/build_stoplist.py

# rebuild the learned parts (the genre model) from the gold of ../shared, deterministically; prints and writes
# their 5-fold cross-validated figures beside the in-sample ones to docs/evaluation.md
train: install
	$(PY) scripts/train.py --shared $(SHARED)

# everything the build, the tests and make run leave (stops the project-local PostgreSQL first)
clean:
	-scripts/pg.sh stop
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache .hypothesis test-artifacts build .pgdata \
		src/*.egg-info marsad.db marsad.db-wal marsad.db-shm
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
