# Registro: make demo | make test | make bench
# Every target installs the system libraries it needs (libsodium, SQLite) when they are missing.

SWIFT ?= swift
DEMO_DIR ?= demo

.PHONY: all deps build release demo test clean

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

## test: every test: unit, end to end through the built binary.
test: build
	$(SWIFT) test

clean:
	rm -rf .build $(DEMO_DIR)
