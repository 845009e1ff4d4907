# Trato — two commands do everything on a fresh Debian/Ubuntu machine:
#   make run    installs what is missing, builds, and starts Trato
#   make test   installs what is missing and runs every test of the project
.DEFAULT_GOAL := help
SHELL := /bin/bash

# System packages the build needs (Debian/Ubuntu names).
APT_PACKAGES := build-essential pkg-config ca-certificates curl

# CI keeps its build cache outside the clone so that repeated runs are fast;
# a fresh machine without it still builds from scratch.
ifeq ($(CI),true)
export CARGO_TARGET_DIR ?= $(HOME)/.cache/trato/target
endif
export CARGO_TERM_COLOR ?= never
CARGO_TARGET_DIR ?= target
DEMO_DB ?= $(or $(XDG_RUNTIME_DIR),/tmp)/trato-demo.db
TRATO := $(CARGO_TARGET_DIR)/release/trato

.PHONY: help deps run test lint bench clean

help:
	@echo "make run    install what is missing, build, and start Trato (today: the CLI on a sample journal)"
	@echo "make test   install what is missing and run every test"
	@echo "make bench  run the benchmarks (criterion)"

deps:
	@bash .ci/install-deps $(APT_PACKAGES)

# Until the desktop app lands, `run` shows the CLI on a fresh sample journal
# (never the user's own data file).
run: deps
	cargo build --release --locked --bin trato
	@rm -f "$(DEMO_DB)" "$(DEMO_DB)-wal" "$(DEMO_DB)-shm"
	$(TRATO) --db "$(DEMO_DB)" demo
	@echo; $(TRATO) --db "$(DEMO_DB)" client list
	@echo; $(TRATO) --db "$(DEMO_DB)" today
	@echo; $(TRATO) --db "$(DEMO_DB)" timeline "Panadería Sol"
	@echo; $(TRATO) --db "$(DEMO_DB)" score "Panadería Sol"
	@echo "The sample journal is $(DEMO_DB); try: $(TRATO) --db $(DEMO_DB) --help"

test: deps lint
	cargo test --workspace --locked

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings

bench: deps
	cargo bench --workspace --locked

clean:
	cargo clean
