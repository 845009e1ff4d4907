# Trato — two commands do everything on a fresh Debian/Ubuntu machine:
#   make run    installs what is missing, builds, and starts the Trato app
#   make test   installs what is missing and runs every test of the project
# Needs: Rust 1.89+ (installed through rustup when missing) and Node.js 20.19+
# (Debian's `nodejs npm` are installed when npm is missing, but Debian 12's node is 18:
# .ci/need-node then says how to get a newer one).
.DEFAULT_GOAL := help
SHELL := /bin/bash

# System packages (Debian/Ubuntu names). To build the app (Tauri 2 on WebKitGTK 4.1), and
# the font its PDF summaries are printed in (read from the system, not built in):
APT_BUILD := build-essential pkg-config ca-certificates curl wget file libssl-dev \
  libwebkit2gtk-4.1-dev libjavascriptcoregtk-4.1-dev libsoup-3.0-dev libgtk-3-dev \
  libayatana-appindicator3-dev librsvg2-dev libxdo-dev xz-utils \
  fonts-dejavu-core
# To test it in its real webview, headless: an X server, a D-Bus session, WebKit's WebDriver;
# xdotool answers the print dialog, which is not in the webview.
APT_E2E := xvfb xauth dbus dbus-x11 webkit2gtk-driver dunst libnotify-bin xdotool
# The printable summary's tests read its PDFs back as text (pdftotext). The IMAP
# sync's tests run a real Dovecot (doveadm puts mail in) with an openssl certificate.
# The keychain's tests run GNOME Keyring's Secret Service on a D-Bus session bus of their own.
APT_TEST := poppler-utils dovecot-imapd openssl gnome-keyring dbus
# The package smoke test: checks the desktop entry, finds the app's window, reads the man page.
APT_PACKAGE := desktop-file-utils x11-utils man-db
APT_PACKAGES := $(APT_BUILD) $(APT_E2E) $(APT_TEST) $(APT_PACKAGE)
# To measure start-up (.ci/measure-app): screen captures and counting their colours.
APT_MEASURE := imagemagick

# CI keeps its build caches outside the clone so that repeated runs are fast;
# a fresh machine without them still builds from scratch.
ifeq ($(CI),true)
export CARGO_TARGET_DIR ?= $(HOME)/.cache/trato/target
export npm_config_cache ?= $(HOME)/.cache/trato/npm
endif
export CARGO_TERM_COLOR ?= never
CARGO_TARGET_DIR ?= target
TARGET := $(abspath $(CARGO_TARGET_DIR))
# tauri-driver (WebDriver for Tauri apps): the one on PATH, or installed here on first use.
TOOLS ?= $(HOME)/.cache/trato/tools
TAURI_DRIVER := $(or $(shell command -v tauri-driver 2>/dev/null),$(TOOLS)/bin/tauri-driver)
UI_MODULES := ui/node_modules/.package-lock.json
E2E_ARTIFACTS := $(TARGET)/e2e-failures
SMOKE_SKIPPED := $(TARGET)/package-smoke-skipped

.PHONY: help deps deps-build node ui-deps ui-build ui-check run dev test lint unit e2e crash-trials package package-smoke bindings bench measure clean

help:
	@echo "make run       install what is missing, build the app (optimised) and start it on your journal"
	@echo "make test      install what is missing and run every test: lint, Rust, UI, end-to-end"
	@echo "make e2e       only the end-to-end tests (the real app under Xvfb, through tauri-driver)"
	@echo "make crash-trials  100 trials of writers killed mid-write (make test runs 10), with the counts"
	@echo "make package   build the release .deb (app, trato CLI, man pages, completions)"
	@echo "make package-smoke  install a .deb of the test build, try it, remove it (as root)"
	@echo "make bindings  regenerate ui/src/lib/bindings from the Rust types"
	@echo "make dev       the app on the Vite dev server (UI changes reload live)"
	@echo "make bench     run the benchmarks (criterion)"
	@echo "make measure   idle memory and start-up against a bare Tauri app (.ci/measure-app)"

deps:
	@bash .ci/install-deps $(APT_PACKAGES)

deps-build:
	@bash .ci/install-deps $(APT_BUILD)

node:
	@bash .ci/need-node

# `npm ci` only when node_modules is missing or older than the lockfile.
$(UI_MODULES): ui/package-lock.json ui/package.json | node
	cd ui && npm ci --no-audit --no-fund
	@touch $@

ui-deps: node $(UI_MODULES)

# Only when something under ui/ changed, and rewriting only the files whose content
# changed: the app embeds ui/dist, and new file times would relink it (minutes).
ui-build: ui-deps
	@bash .ci/ui-build

# The app on the user's own journal (or TRATO_DB if the user set it), built with
# the `dist` profile (release, linked whole: see Cargo.toml).
run: deps-build ui-build
	cargo build --profile dist --locked -p trato-cli -p trato-app --bins --features trato-app/custom-protocol
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then echo "No display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset); the app is $(TARGET)/dist/trato-app" >&2; exit 1; fi
	$(TARGET)/dist/trato-app

# Without the custom-protocol feature the app loads the Vite dev server (tauri.conf.json's devUrl).
dev: deps-build ui-deps
	@(cd ui && exec node_modules/.bin/vite --port 5173 --strictPort) & vite=$$!; trap 'kill $$vite' EXIT; \
	  cargo run --locked -p trato-app

# Its last line says whether everything ran: a skipped package smoke test (no root) is named there.
test: deps lint unit ui-check e2e package-smoke
	@if [ -e "$(SMOKE_SKIPPED)" ]; then \
	  echo "make test: the other tests passed, but the package smoke test was SKIPPED (not root, no sudo without a password): sudo make package-smoke" >&2; \
	else echo "make test: every test passed"; fi

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings

# Every Rust test but the end-to-end ones; includes the bindings staleness test.
unit:
	cargo test --workspace --exclude trato-e2e --locked

ui-check: ui-deps
	cd ui && npm run check
	cd ui && npm test

# Writers of the real binary killed with SIGKILL at random moments; prints the
# counts (acknowledged, lost, integrity failures). TRATO_CRASH_SEED replays a run.
# Writers killed mid-write, then restores killed half-way: 100 trials each, with the counts.
crash-trials:
	TRATO_CRASH_TRIALS=100 cargo test -p trato-cli --locked --test crash_trials --test backup_crash -- --nocapture

$(TOOLS)/bin/tauri-driver:
	cargo install tauri-driver --version '^2' --locked --root $(TOOLS)

# The app (debug, UI embedded) and the CLI, then the stories in tests/e2e under
# their own X server and D-Bus session. A failed story leaves a screenshot and
# the page's HTML in $(E2E_ARTIFACTS).
e2e: deps ui-build $(TAURI_DRIVER)
	cargo build --locked -p trato-cli -p trato-app --bins --features trato-app/custom-protocol
	@rm -rf "$(E2E_ARTIFACTS)"
	TRATO_APP="$(TARGET)/debug/trato-app" TRATO_CLI="$(TARGET)/debug/trato" TAURI_DRIVER="$(TAURI_DRIVER)" \
	TRATO_E2E_ARTIFACTS="$(E2E_ARTIFACTS)" NO_AT_BRIDGE=1 \
	  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- cargo test -p trato-e2e --locked

# The release .deb, with Tauri's bundler (.ci/build-deb): lands in $(TARGET)/dist/bundle/deb/.
package: deps-build ui-build
	@deb=$$(bash .ci/build-deb release) && ls -l "$$deb" && \
	  stat -c %s "$$deb" | awk '{ printf "%.2f MiB (the goal is 5.5 MiB at most)\n", $$1 / 1048576 }' && \
	  dpkg-deb -I "$$deb" | sed -n '/Package:/,/Description:/p' && \
	  echo "Install it with:  sudo apt install $$deb"

# The smoke test of the package, on a .deb of the debug build `make e2e` has just
# tested (no second, release, build): installs it, tries the CLI, the man pages, the
# desktop entry and the app's window, removes it. Needs root (or sudo without a
# password); skips without, says so loudly, and leaves $(SMOKE_SKIPPED) for `make test` to tell.
package-smoke: deps ui-build
	@mkdir -p "$(TARGET)" && rm -f "$(SMOKE_SKIPPED)"
	@deb=$$(bash .ci/build-deb debug) && { bash .ci/package-smoke "$$deb" || { rc=$$?; [ $$rc -eq 77 ] && touch "$(SMOKE_SKIPPED)" || exit $$rc; }; }

bindings:
	UPDATE_BINDINGS=1 cargo test --locked -p trato-app bindings

bench: deps
	cargo bench --workspace --locked

# Builds Trato (the dist profile, as `make run` does) and the bare floor app, then measures both, alternating.
FLOOR_DIR ?= $(abspath ../shared/measure/floor-app)
FLOOR_TARGET ?= $(HOME)/.cache/trato/floor-target
measure: deps ui-build
	@bash .ci/install-deps $(APT_MEASURE)
	cargo build --profile dist --locked -p trato-cli -p trato-app --bins --features trato-app/custom-protocol
	cd "$(FLOOR_DIR)" && CARGO_TARGET_DIR="$(FLOOR_TARGET)" cargo build --release --features custom-protocol
	bash .ci/measure-app "$(TARGET)/dist/trato-app" "$(FLOOR_TARGET)/release/floor-app" "$(TARGET)/dist/trato"

clean:
	cargo clean
	rm -rf ui/dist
