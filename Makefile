# The two commands of the README, and a few helpers. Each script installs what it needs.
.PHONY: demo test bench build stop clean

## Install, build, start the private database, migrate, and show what there is.
demo:
	scripts/demo

## Everything the tests need, started and stopped around `swift test`.
test:
	scripts/test

## Each figure beside its reference from the same run: the queue beside pgbench and PgQueuer, the
## mail sender and the whole mail path beside a plain C libcurl loop, the CLI and lists of 100 000
## participants beside psql, their import beside \copy, a year of Qualiopi packs beside zip, the
## pages beside their /health (on private servers; not part of the tests).
bench:
	scripts/bench

build:
	scripts/install-deps
	swift build

## Stop the pages, the private database and the mail catcher that `make demo` left running.
stop:
	scripts/serve stop
	scripts/mail stop
	scripts/pg stop

## Stop and delete the private database and the build.
clean: stop
	rm -rf "$$(readlink -f .atelier/postgres)" .atelier .build
