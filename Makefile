# Tarn — build, test, demo and benchmark entry points.
# `make demo` and `make test` work on a fresh Debian machine: `deps` installs only what is missing.

SWIFT      ?= swift
VENV       ?= .venv
PYTHON     := $(VENV)/bin/python
APT_PKGS   := zlib1g-dev libsnappy-dev libzstd-dev libsqlite3-dev pkg-config gzip zstd
CORPORA    ?= $(abspath ../shared/corpora)
TARN       := .build/release/tarn

export TARN_PYTHON := $(abspath $(PYTHON))
export TARN_CORPORA := $(CORPORA)

BENCH_ARGS ?=

.PHONY: deps apt-deps py-deps bench-deps build release test demo bench bench-writer bench-convert clean

deps: apt-deps py-deps

apt-deps:
	@missing=""; for p in $(APT_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

$(VENV)/.installed: requirements-test.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install -q --disable-pip-version-check -r requirements-test.txt
	touch $@

py-deps: $(VENV)/.installed

build: apt-deps
	$(SWIFT) build

release: apt-deps
	$(SWIFT) build -c release --product tarn

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

DEMO       := out/demo
DEMO_CAT   := --catalog $(DEMO)/catalog.sqlite

# The whole pipeline once, from a clean slate: raw crawl → convert to Parquet → curated
# crawl (Fixtures/workflows/demo.json), then the catalog it made and the run history.
demo: deps release
	@rm -rf $(DEMO)
	$(TARN) workflow run Fixtures/workflows/demo.json $(DEMO_CAT)
	@echo; echo "== raw tables"; $(TARN) catalog tables demo_raw $(DEMO_CAT)
	@echo; echo "== curated tables"; $(TARN) catalog tables demo_curated $(DEMO_CAT)
	@echo; echo "== partitions of demo_curated.sales"; $(TARN) catalog partitions demo_curated.sales $(DEMO_CAT)
	@echo; echo "== run history"; $(TARN) workflow history demo $(DEMO_CAT)
	@$(TARN) workflow graph Fixtures/workflows/demo.json --format html --output $(DEMO)/demo.html $(DEMO_CAT)

# The conversion benchmark's peers beyond the test readers (polars); optional: without
# them convert_bench.py skips those rows.
$(VENV)/.bench-installed: Benchmarks/requirements-bench.txt $(VENV)/.installed
	$(PYTHON) -m pip install -q --disable-pip-version-check -r Benchmarks/requirements-bench.txt \
	  && touch $@ || echo "note: polars not installed; convert_bench.py will skip it"

bench-deps: deps
	@$(MAKE) --no-print-directory $(VENV)/.bench-installed

bench: bench-writer bench-convert

bench-writer: deps
	$(SWIFT) build -c release --product tarn-bench
	$(PYTHON) Benchmarks/writer_bench.py --tarn-bench .build/release/tarn-bench
	$(SWIFT) build -c release --product tarn
	Benchmarks/crawl_bench.sh $(TARN)

# Quick run: make bench-convert BENCH_ARGS="--rows-trips 500000 --rows-events 100000 --repeat 1"
bench-convert: bench-deps release
	$(PYTHON) Benchmarks/convert_bench.py --tarn $(TARN) $(BENCH_ARGS)

clean:
	rm -rf .build out
