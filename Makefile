# Registro: make demo | make test | make bench
# Every target installs the system libraries it needs (libsodium, SQLite) when they are missing.

SWIFT ?= swift
DEMO_DIR ?= demo

.PHONY: all deps test-deps build release demo test bench bench-reports clean

all: build

## deps: install libsodium-dev and libsqlite3-dev with apt-get when pkg-config cannot find them.
deps:
	@./.ci/install-deps

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## demo: build, then run `registro demo` on a fresh registry in $(DEMO_DIR)/.
demo: build
	@rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)
	$(SWIFT) run --skip-build registro demo --db $(DEMO_DIR)/registro.db

## test-deps: the system tools and Python packages the tests use, and Debian's chromium for the
## test that renders an HTML report (that test says it skipped when chromium cannot be had).
test-deps:
	@./.ci/install-deps
	@python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -r Tests/requirements.txt
	@./.ci/install-chromium

## test: every test: unit, end to end through the built binary, document checks.
test: test-deps build
	$(SWIFT) test

## bench: the benchmarks of SPEC §9 (release build; figures in Docs/PERFORMANCE.md).
bench: bench-reports

bench-reports: deps
	./Benchmarks/reports/run.sh

clean:
	rm -rf .build $(DEMO_DIR)
