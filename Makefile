# petlua — a Lua 5.4 host for studying petitions to the House of Commons.
#
#   make deps        install the Debian packages petlua needs (as root), or print the command
#   make deps-test   the same, and those the tests need (python3, pandas, valgrind, sqlite3)
#   make             build ./petlua (installs nothing: see make deps)
#   make demo        make deps, build ./petlua, then show what the real pages say
#                    (data/) and the made-up sample at volume (made-up/sample/)
#   make test        make deps-test, then build and run every test; ends "N passed, N failed"
#   make check-asan  the whole test suite under -fsanitize=address,undefined
#   make check-valgrind  the whole test suite under valgrind memcheck
#   make check-werror    build everything with -Werror
#   make bench       side-by-side benchmarks (bench/)
#   make fuzz        run each fuzz target FUZZ_SECONDS seconds (clang, libFuzzer)
#   make install     PREFIX=/usr/local DESTDIR=

VERSION    := 0.1.0
PREFIX     ?= /usr/local
DESTDIR    ?=
BUILD      ?= build
CC         ?= cc
OPT        ?= -O2 -g
SANITIZE   ?=
FUZZ_SECONDS ?= 60

# Debian packages: to build, and to run the tests.
BUILD_DEBS := pkg-config liblua5.4-dev lua-filesystem-dev libcsv-dev libutf8proc-dev \
              libstemmer-dev libgumbo-dev libedit-dev libjansson-dev libsqlite3-dev
TEST_DEBS  := python3 python3-pandas valgrind sqlite3
# The alternatives the benchmarks run beside petlua, and their timers.
BENCH_DEBS := lua5.4 hyperfine time python3-pandas python3-sklearn
# Libraries with a pkg-config file; libcsv and libstemmer ship none. The C
# cores use CORE_PKGS only: their unit tests link without Lua or libedit.
# jansson is the reference the tests check the UK decoder (jsonlite.c)
# against: the unit tests link it, petlua does not.
CORE_PKGS  := libutf8proc gumbo sqlite3
CTEST_PKGS := $(CORE_PKGS) jansson
PKGS       := lua5.4 lua5.4-filesystem libedit $(CORE_PKGS)
NOPC_LIBS  := -lcsv -lstemmer

WARN       := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
# Deferred (=): pkg-config runs only inside recipes, after `deps` has installed it.
PKG_CFLAGS  = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS    = $(shell pkg-config --libs $(PKGS))
CPPFLAGS   += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DPETLUA_VERSION='"$(VERSION)"' \
              -DPETLUA_PREFIX='"$(PREFIX)"' -Isrc
ALL_CFLAGS  = $(WARN) $(OPT) $(SANITIZE) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP
ALL_LIBS    = $(SANITIZE) $(LDFLAGS) $(PKG_LIBS) $(NOPC_LIBS) -lpthread -lm
CTEST_LIBS  = $(SANITIZE) $(LDFLAGS) $(shell pkg-config --libs $(CTEST_PKGS)) $(NOPC_LIBS) -lpthread -lm

# src/: the host (main.c, host.c, repl.c), the bindings (l_*.c, one Lua module each),
# and the C cores (every other file), which know nothing of Lua.
HOST_SRC   := src/main.c src/host.c src/repl.c src/sandbox.c
BIND_SRC   := $(wildcard src/l_*.c)
CORE_SRC   := $(filter-out $(HOST_SRC) $(BIND_SRC),$(wildcard src/*.c))
CORE_OBJ   := $(CORE_SRC:src/%.c=$(BUILD)/%.o)
PROG_OBJ   := $(HOST_SRC:src/%.c=$(BUILD)/%.o) $(BIND_SRC:src/%.c=$(BUILD)/%.o) $(CORE_OBJ)
# tests/c/test_NAME.c: a C unit test, linked with the cores only.
CTEST_SRC  := $(wildcard tests/c/test_*.c)
CTEST_BIN  := $(CTEST_SRC:tests/c/%.c=$(BUILD)/tests/%)
PROG       ?= petlua

.PHONY: all build deps deps-test deps-bench test demo check-asan check-valgrind check-werror bench fuzz \
        install uninstall clean demo-show

all: build

build: $(PROG) $(CTEST_BIN)

# Installs the Debian packages named in $(1) that dpkg-query does not show as
# installed: with apt-get when run as root, else it prints the exact command.
define install_debs
	@missing=""; \
	for p in $(1); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "petlua: installing$$missing"; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing || exit 1; \
	  else \
	    echo "petlua: missing Debian packages:$$missing"; \
	    echo "  run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
endef

deps:
	$(call install_debs,$(BUILD_DEBS))

deps-test: deps
	$(call install_debs,$(TEST_DEBS))

deps-bench:
	$(call install_debs,$(BENCH_DEBS))

$(PROG): $(PROG_OBJ)
	$(CC) -o $@ $(PROG_OBJ) $(ALL_LIBS)

$(BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/c/%.c $(CORE_OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags jansson) -Itests/c -o $@ $< $(CORE_OBJ) $(CTEST_LIBS)

test: deps-test
	@$(MAKE) --no-print-directory build
	@PETLUA=./$(PROG) BUILD=$(BUILD) sh tests/run.sh

# What a new user sees first: what the real pages say (data/, the default data
# folder, holds only real pages), then the made-up sample at volume, each under
# a heading saying which it is, each command shown as it runs. Counts come from
# the pages, so the prose stays true as pages are added. Only ./petlua is built
# (not the tests), and nothing is said when it is up to date.
demo: deps
	@$(MAKE) --no-print-directory -q $(PROG) || $(MAKE) --no-print-directory $(PROG)
	@$(MAKE) --no-print-directory demo-show

# DEMO_PETLUA: the program demo-show runs (tests/e2e/test_demo.sh names its own).
DEMO_PETLUA ?= ./$(PROG)
# $(call demo_run,ARGS): shows the command, then runs it.
demo_run = echo '$$ $(DEMO_PETLUA) $(1)' && $(DEMO_PETLUA) $(1)
# $(call demo_say,FOLDER,LUA): prints LUA, an expression of s, the set of FOLDER's
# petitions ($(,) is a comma inside a call's argument).
, := ,
demo_say = $(DEMO_PETLUA) -e 's = petlua.load("$(1)", {quiet = true}) print($(2))'

demo-show:
	@echo '== Real petitions: public records of the House of Commons of Canada =='
	@$(call demo_say,data,#s .. " petitions as the House of Commons petitions site printed them$(,) saved as text")
	@echo 'in data/, the default data folder (each page'"'"'s address: data/README.md). Many copies'
	@echo 'were saved cut short: what a copy lost is left blank, never guessed.'
	@echo
	@echo 'Who answered them: responses per department and the minister or secretary who signed'
	@$(call demo_run,ministers --top 8)
	@echo
	@echo 'Days from presentation to the government'"'"'s response (45 days allowed), by Parliament.'
	@$(call demo_say,data,"Only the " .. #s:filter(function(r) return r.response_days end) .. " petitions whose copy shows both dates are timed; overdue: no response on the copy.")
	@$(call demo_run,response_times --by parliament)
	@echo
	@echo '== Made-up pages, for volume: not real petitions =='
	@$(call demo_say,made-up/sample,#s .. " invented petitions (made-up/sample/$(,) written by bench/gen.c): their people$(,) texts")
	@echo 'and figures are fictional. They show the scripts at scale; they are not findings.'
	@$(call demo_run,response_times --data made-up/sample --by sponsor_caucus)
	@echo
	@echo 'Next: ./petlua --list (the analyses), ./petlua (the REPL), data/README.md (what is real).'

# The same suite, built apart in build-asan/ with the sanitizers on.
check-asan:
	@$(MAKE) --no-print-directory build BUILD=build-asan PROG=build-asan/petlua \
	  OPT='-O1 -g -fno-omit-frame-pointer' SANITIZE='-fsanitize=address,undefined -fno-sanitize-recover=undefined'
	@ln -sfn ../lib build-asan/lib && ln -sfn ../scripts build-asan/scripts && \
	  ln -sfn ../vocab build-asan/vocab  # as a build tree: lib/lua, scripts, vocab beside the binary
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  PETLUA=./build-asan/petlua BUILD=build-asan sh tests/run.sh

# The same suite with petlua and the C test programs under valgrind, which
# sees what ASan cannot here (a write past the stack of the system's liblua,
# which is not instrumented): tests/valgrind.sh fails on any error in any run.
check-valgrind: build
	@PETLUA=./$(PROG) BUILD=$(BUILD) sh tests/valgrind.sh

# Everything built apart, warnings as errors (CI).
check-werror:
	@$(MAKE) --no-print-directory build BUILD=build-werror PROG=build-werror/petlua CFLAGS=-Werror

bench: build deps-bench
	@sh bench/run.sh

fuzz:
	@$(MAKE) --no-print-directory -f fuzz/Makefile FUZZ_SECONDS=$(FUZZ_SECONDS) run

install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/petlua/lib/lua/petlua \
	  $(DESTDIR)$(PREFIX)/share/petlua/scripts $(DESTDIR)$(PREFIX)/share/petlua/vocab \
	  $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(PROG) $(DESTDIR)$(PREFIX)/bin/petlua
	install -m 644 lib/lua/petlua/*.lua $(DESTDIR)$(PREFIX)/share/petlua/lib/lua/petlua/
	install -m 644 scripts/*.lua $(DESTDIR)$(PREFIX)/share/petlua/scripts/
	install -m 644 vocab/*.csv vocab/README.md $(DESTDIR)$(PREFIX)/share/petlua/vocab/
	install -m 644 doc/petlua.1 $(DESTDIR)$(PREFIX)/share/man/man1/petlua.1

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/bin/petlua $(DESTDIR)$(PREFIX)/share/petlua \
	  $(DESTDIR)$(PREFIX)/share/man/man1/petlua.1

clean:
	rm -rf $(BUILD) build-asan build-fuzz build-werror $(PROG)

-include $(wildcard $(BUILD)/*.d $(BUILD)/tests/*.d)
