# Registro: make demo | make test | make bench
# Every target installs the system libraries it needs (libsodium, SQLite) when they are missing.

SWIFT ?= swift
PYTHON ?= python3
DEMO_DIR ?= demo
# Cedar's Python binding, the reference the differential test compares the policy engine with.
CEDARPY_VERSION ?= 4.12.2
# Fuzzing: `make fuzz TARGET=NAME FUZZ_SECONDS=N`; each target name maps to a product in Fuzz/.
# `make fuzz-all` runs every target for FUZZ_ALL_SECONDS each (`make test` does).
TARGET ?= policy-parser
FUZZ_SECONDS ?= 300
FUZZ_ALL_SECONDS ?= 20
FUZZ_TARGETS = policy-parser policy-json codice-fiscale csv-import
FUZZ_PRODUCT_policy-parser = PolicyParserFuzz
FUZZ_PRODUCT_policy-json = PolicyJSONFuzz
FUZZ_PRODUCT_codice-fiscale = CodiceFiscaleFuzz
FUZZ_PRODUCT_csv-import = CSVImportFuzz
FUZZ_PRODUCT = $(FUZZ_PRODUCT_$(TARGET))
# Targets that keep state across inputs (compiled policies, a registry) run without LeakSanitizer:
# Swift keeps references in enum payloads, tagged, where it cannot see them, so that state would
# be reported as leaked when the run ends.
FUZZ_ENV_policy-json = ASAN_OPTIONS=detect_leaks=0
FUZZ_ENV_csv-import = ASAN_OPTIONS=detect_leaks=0
# libFuzzer's driver without `main`, from the Swift toolchain's clang runtime.
FUZZ_RUNTIME = $(firstword $(wildcard $(dir $(shell readlink -f $$(command -v swiftc)))../lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a $(dir $(shell readlink -f $$(command -v swiftc)))../lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-aarch64.a))

.PHONY: all deps test-deps pydeps build release demo serve lint format test api-fuzz fuzz fuzz-all bench bench-smoke bench-reports bench-policy bench-server clean

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

## serve: a fresh demo registry (its users' passwords and TOTP secrets printed), served on
## 127.0.0.1:8080 until Ctrl-C.
serve: demo
	$(SWIFT) run --skip-build registro serve --db $(DEMO_DIR)/registro.db --listen 127.0.0.1:8080

## test-deps: the system tools and Python packages the tests use (PyNaCl for the document
## checks, cedarpy, Cedar's Python binding, for the differential test of the policy engine), and
## Debian's chromium for the test that renders an HTML report (that test says it skipped when
## chromium cannot be had), and Debian's zbar-tools, whose zbarimg decodes the enrolment's QR code.
test-deps: pydeps
	@./.ci/install-deps
	@./.ci/install-chromium
	@./.ci/install-zbar

## pydeps: the Python packages of the tests and benchmarks.
pydeps:
	@$(PYTHON) -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -r Tests/requirements.txt "cedarpy==$(CEDARPY_VERSION)"

## test: every test: unit, end to end through the built binary, document checks (every
## documented example run as written on a demo registry), the web pages in a browser, the JSON
## API against its OpenAPI description, a short
## crash-free run of every fuzz target, the differential test of the policy engine against
## Cedar, the linear-programming disclosure audit of the reports, and a smoke run of the
## benchmarks.
test: test-deps lint build
	$(SWIFT) test
	$(PYTHON) Tests/Browser/pages_in_chromium.py --registro "$$($(SWIFT) build --show-bin-path)/registro"
	$(PYTHON) Tests/DocChecks/documented_examples.py --registro "$$($(SWIFT) build --show-bin-path)/registro"
	$(MAKE) api-fuzz
	$(MAKE) fuzz-all
	$(PYTHON) Tests/Differential/differential.py --registro "$$($(SWIFT) build --show-bin-path)/registro"
	$(PYTHON) Tests/Disclosure/linear_program_audit.py --registro "$$($(SWIFT) build --show-bin-path)/registro"
	$(MAKE) bench-smoke

## api-fuzz: schemathesis (from Tests/requirements.txt) runs the JSON API of a served demo
## registry against /api/openapi.json, as a social worker and as a privacy officer: no 5xx,
## every status and body as described (about a minute; builds nothing: run after `build`).
api-fuzz: pydeps
	$(PYTHON) Tests/API/schemathesis_run.py --registro "$$($(SWIFT) build --show-bin-path)/registro"

## lint: the code style of .swift-format (120 columns, 4 spaces), checked by the toolchain's
## swift-format; `make format` rewrites the files to it.
FORMATTED = Package.swift Sources Tests Benchmarks Fuzz Plugins
lint:
	$(SWIFT) format lint --strict --recursive --parallel $(FORMATTED)

format:
	$(SWIFT) format format --in-place --recursive --parallel $(FORMATTED)

## fuzz: build a fuzz target with libFuzzer (in .build-fuzz) and run it for FUZZ_SECONDS from its
## committed seed corpus in Fuzz/corpus/TARGET; crashing inputs land in fuzz-artifacts/TARGET/.
fuzz: deps
	@test -n "$(FUZZ_PRODUCT)" || { echo "unknown fuzz target '$(TARGET)'" >&2; exit 64; }
	@test -n "$(FUZZ_RUNTIME)" || { echo "libFuzzer's runtime (libclang_rt.fuzzer_no_main) is not in the Swift toolchain" >&2; exit 70; }
	REGISTRO_FUZZ=$(FUZZ_RUNTIME) $(SWIFT) build --scratch-path .build-fuzz -c release --product $(FUZZ_PRODUCT)
	@mkdir -p .build-fuzz/corpus/$(TARGET) fuzz-artifacts/$(TARGET)
	$(FUZZ_ENV_$(TARGET)) .build-fuzz/release/$(FUZZ_PRODUCT) -max_total_time=$(FUZZ_SECONDS) -timeout=10 -max_len=4096 \
		-print_final_stats=1 -artifact_prefix=fuzz-artifacts/$(TARGET)/ .build-fuzz/corpus/$(TARGET) Fuzz/corpus/$(TARGET)

## fuzz-all: every fuzz target in turn, FUZZ_ALL_SECONDS each; stops at the first that crashes.
fuzz-all:
	@for target in $(FUZZ_TARGETS); do \
		$(MAKE) --no-print-directory fuzz TARGET=$$target FUZZ_SECONDS=$(FUZZ_ALL_SECONDS) || exit 1; \
	done

## bench-policy: the policy engine benchmark (release build, decisions/s, batch vs cedarpy).
bench-policy: deps pydeps
	Benchmarks/policy/run.sh

## bench: every benchmark of SPEC §9 beside its reference (release build, about 6 minutes on
## the 2-core machine); prints the table and writes it into Docs/PERFORMANCE.md.
bench: deps pydeps
	./Benchmarks/run.sh

## bench-smoke: the same scripts at tiny sizes on the debug build (under a minute): they run
## and the table comes out (in .build/bench-smoke/table.md; the document is left alone).
bench-smoke: deps pydeps
	SMOKE=1 ./Benchmarks/run.sh

## bench-server: the server benchmark alone (wrk: case reads beside /health, a login storm),
## release build, on the 100,000-delivery demo registry; prints its figures.
bench-server: deps
	./Benchmarks/server/run.sh

bench-reports: deps
	./Benchmarks/reports/run.sh

clean:
	rm -rf .build .build-fuzz $(DEMO_DIR)
