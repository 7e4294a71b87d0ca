# docset — the two commands a new user needs are `make run` and `make test`.
GO      ?= go
BIN     := bin/docset
IN      ?= seeds/
OUT     ?= out/
FUZZTIME ?= 10s

.PHONY: all build run test bench bench-validate fuzz docs eval clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/docset

# The main job: extract every document in $(IN), validate, export to $(OUT).
run: build
	$(BIN) run $(IN) -o $(OUT)

test:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) test -race ./...

# Every benchmark: micro-benchmarks beside the code, and whole commands
# beside their peers measured in the same run. BenchmarkValidatePeers
# installs ajv-cli, ajv-formats and sourcemeta's jsonschema from npm into a
# temporary folder (skipped, saying why, without npm); the export, run and
# extract benchmarks (cmd/docset/bench_test.go) use the bulk corpus beside
# the repository. A few minutes.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./...

# Only docset validate's benchmarks, the comparison with its peers included.
bench-validate:
	$(GO) test -run '^$$' -bench 'Validate|Schema|Findings|Check|Decode' -benchmem ./validate ./cmd/docset

# A short smoke run of every fuzz target (go test takes one -fuzz target per run).
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$t"; \
	    $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; \
	done

# Regenerate the command reference from the command tree.
docs:
	$(GO) run ./cmd/docset gen-docs docs/cli

# Score extraction on every annotated set: gum-news and wikinews-dev beside
# the repo, wikinews-check, wikinews-holdout and wikinews-speakers (quotations
# only) in eval/gold. The wikinews
# sets are scored on records of the bulk NDJSON, which carries the article
# dates that date values are resolved against; records are matched to gold
# by id. wikinews-holdout measures text nobody tuned on: print its scores,
# never its errors (no --errors).
CORPUS ?= ../shared/corpus
eval: build
	$(BIN) extract $(CORPUS)/gum-news/texts -o $(OUT)eval/gum --force
	@echo; echo "== gum-news: 24 Wikinews articles, GUM annotations (no speakers) =="
	$(BIN) eval --gold $(CORPUS)/gum-news/gold $(OUT)eval/gum
	@echo
	$(BIN) extract $(CORPUS)/bulk-wikinews/wikinews-2019-2020.ndjson -o $(OUT)eval/wikinews --force
	@echo; echo "== wikinews-dev: development set =="
	$(BIN) eval --gold $(CORPUS)/wikinews-dev/gold $(OUT)eval/wikinews
	@echo; echo "== wikinews-check: business, sports, local government, culture (eval/gold) =="
	$(BIN) eval --gold eval/gold/wikinews-check/gold $(OUT)eval/wikinews
	@echo; echo "== wikinews-holdout: science/health, disasters, courts/crime, international politics, business, sports (eval/gold; held out: scores only) =="
	$(BIN) eval --gold eval/gold/wikinews-holdout/gold $(OUT)eval/wikinews
	@echo; echo "== wikinews-speakers: statements, social media, press, courts, several speakers (eval/gold; quotations only) =="
	$(BIN) eval --gold eval/gold/wikinews-speakers/gold $(OUT)eval/wikinews

clean:
	rm -rf bin out
