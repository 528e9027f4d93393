# veille — entry point. `make demo` and `make test` work on a fresh Debian 12 machine:
# they install what is missing (apt, with sudo when not root), build, then run.
SHELL := /bin/bash
.DEFAULT_GOAL := build

BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=
VEILLE     := $(BUILD)/veille

# Debian 12 packages the project needs (build, run, test, bench).
DEB_PACKAGES := cmake make g++ pkg-config libicu-dev libre2-dev libhunspell-dev \
  hunspell-fr hunspell-en-us hunspell-de-de hunspell-es hunspell-it \
  libxml2-dev libxml2-utils libspdlog-dev libcli11-dev catch2 libsimdjson-dev libcld2-dev \
  zlib1g-dev python3 python3-jsonschema
# Only for `make bench` and the HTML report browser test.
DEB_BENCH_PACKAGES := ripgrep hyperfine
DEB_BROWSER_PACKAGES := chromium

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps deps-browser deps-bench build release test test-asan demo bench model format clean

deps:
	@missing=$$(for p in $(DEB_PACKAGES) $(EXTRA_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing packages:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "All build dependencies present."; fi

deps-browser:
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(DEB_BROWSER_PACKAGES)"

deps-bench:
	@$(MAKE) --no-print-directory deps EXTRA_PACKAGES="$(DEB_BENCH_PACKAGES)"

# Order-only on deps: under `make -j` the configure step must not start before apt has finished
# (a configure that ran without the libraries leaves a CMakeCache.txt that never gets redone).
$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_ARGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# Every test: unit tests (ctest), the rules' embedded examples and the corpus tests (both are
# registered in ctest too, see tests/cli/).
test: deps-browser build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	$(VEILLE) rules test

# The same tests under AddressSanitizer + UndefinedBehaviorSanitizer, in a second build dir
# (the million-record batch test runs 50 000 records there and the labeled-corpus test its tuning
# and held-out parts only: the sanitizers are ~10x slower).
# A sanitizer error exits 99, so that no script mistakes it for exit 1, "findings".
test-asan: deps-browser
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DVEILLE_SANITIZE=ON $(CMAKE_ARGS)
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:exitcode=99 UBSAN_OPTIONS=print_stacktrace=1:exitcode=99 \
	  BATCH_MILLION_N=50000 LABELED_CORPUS_QUICK=1 ctest --output-on-failure -j $(JOBS)

# veille exits 1 when it finds something (see --fail-on): that is the demo's expected outcome.
demo: build
	@echo "== veille check corpora/demo (text report) =="
	@$(VEILLE) check --color always corpora/demo; code=$$?; \
	  echo "(exit code $$code: 0 nothing to report, 1 findings, 2 usage or input error)"; \
	  [ $$code -le 1 ]
	@echo
	@echo "== the same weekend as JSON-lines (first 5 records) =="
	@$(VEILLE) check --format jsonl corpora/demo/weekend.jsonl | head -n 5

bench: deps-bench build
	bash bench/run.sh $(BUILD)

# Retrains the statistical citation model (rules/fr/model/citations.model) from the tuning and
# development parts of the labeled corpus; the held-out parts are never trained on.
# tests/cli/model_train.sh checks that the committed model is exactly what this writes.
MODEL_TRAINING := corpora/labeled/tuning.jsonl $(wildcard corpora/labeled/dev*.jsonl)
model: build
	$(VEILLE) model train --out rules/fr/model/citations.model $(MODEL_TRAINING)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
