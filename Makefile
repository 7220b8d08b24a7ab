# lguest, the teaching edition.
#
# This Makefile is the only entry point.  The code lives in the seven noweb
# chapters below; `make tangle` regenerates src/ and patches/ from them, and
# everything else (building, the book, the lab machine, the tests) starts
# here.  `make help` lists the targets.

CHAPTERS := $(shell grep -v '^\#' weave/chapters)
PARTS := $(shell grep -v '^\#' weave/chapters | sed 's/\.nw$$//; s/^./\u&/')
APPENDICES := Lab Glossary Reading

# Debian's own Python, which sees the python3-pygments package we install.
PYTHON := /usr/bin/python3
BUILD := build
CACHE := cache

# Each area adds to these: the things `make` builds, the test suites
# `make check` runs (in order), and the Debian packages `make deps` installs.
BUILD_TARGETS :=
CHECK_SUITES := literate
APT_PACKAGES := make gcc gcc-multilib python3 python3-pygments noweb pandoc weasyprint \
	poppler-utils chromium fonts-dejavu-core xz-utils \
	linux-kbuild-6.1

.PHONY: all help tangle book html pdf chapters defconfig oldconfig deps check \
	check-literate run clean distclean $(PARTS) $(APPENDICES)

all: build

help:
	@echo 'lguest, the teaching edition: targets'
	@echo
	@echo '  make run            boot the lab machine and run a Guest in it'
	@echo '  make check          install what is needed and run every test'
	@echo
	@echo '  make chapters       list the seven chapters of the book'
	@echo '  make Preparation    read chapter I in the terminal (also Guest,'
	@echo '                      Drivers, Launcher, Host, Switcher, Mastery;'
	@echo '                      the appendices: Lab, Glossary, Reading)'
	@echo '  make book           the HTML book (book/out/html/) and the PDF'
	@echo '  make tangle         regenerate src/ and patches/ from the chapters'
	@echo '  make                build the code that exists (after make tangle)'
	@echo '  make defconfig      write .config from Kconfig (oldconfig keeps yours)'
	@echo '  make deps           install the Debian packages the project needs'
	@echo '  make check-literate the tests of the literate machinery alone'
	@printf '  %s\n' $(HELP_LINES)
	@echo '  make clean          remove what the build made'

# ---------------------------------------------------------------------------
# The literate machinery.

tangle:
	@weave/tangle.sh .

book: html pdf

html: $(BUILD)/.deps-ok
	@$(PYTHON) weave/nwweave.py html $(CHAPTERS)

pdf: html
	@$(PYTHON) weave/nwweave.py print $(CHAPTERS)
	@echo '  PDF     book/out/lguest.pdf'
	@weasyprint -q book/out/print/book.html book/out/lguest.pdf

chapters:
	@$(PYTHON) weave/nwweave.py list $(CHAPTERS)

$(PARTS) $(APPENDICES):
	@$(PYTHON) weave/nwweave.py terminal $@ $(CHAPTERS)

# Kconfig is read by the kernel's own configuration tool, from Debian's
# linux-kbuild package.
KCONF := $(firstword $(wildcard /usr/lib/linux-kbuild-*/scripts/kconfig/conf))

# `make defconfig` starts again from the defaults; `make oldconfig` keeps the
# choices already in .config and adds defaults for new options.  Without a
# .config the build uses the same defaults, written out below.

defconfig oldconfig: $(BUILD)/.deps-ok
	@mkdir -p $(BUILD)/kconfig
	@KCONFIG_CONFIG=.config KCONFIG_AUTOCONFIG=$(BUILD)/kconfig/auto.conf \
		KCONFIG_AUTOHEADER=$(BUILD)/kconfig/autoconf.h \
		KCONFIG_RUSTCCFG=$(BUILD)/kconfig/rustc_cfg \
		$(KCONF) --$(if $(filter defconfig,$@),alldefconfig,olddefconfig) Kconfig >/dev/null
	@echo '  CONFIG  .config'

CONFIG_LGUEST ?= m
CONFIG_LGUEST_GUEST ?= y
CONFIG_LGUEST_GUEST_MEM_MB ?= 64
-include .config

# ---------------------------------------------------------------------------
# Debian's linux-source-6.1, unpacked by the areas that build a kernel (the
# debug Host, the Guest), each into a tree of its own: $(call
# unpack_linux,DIR).  The tarball is looked up when used, because on a fresh
# machine `make deps` installs it first.

LINUX_TARBALL = $(firstword $(wildcard /usr/src/linux-source-6.1.tar.*))
define unpack_linux
	@echo '  UNPACK  $(LINUX_TARBALL) into $(1) (about a minute)'
	@rm -rf $(1) $(dir $(1))linux-source-6.1
	@mkdir -p $(dir $(1))
	@tar -xf $(LINUX_TARBALL) -C $(dir $(1))
	@mv $(dir $(1))linux-source-6.1 $(1)
endef

# Both kernels are configured the same way: tinyconfig, the smallest Linux
# that boots, plus the options of a fragment (the Guest's or the debug
# Host's), then olddefconfig for what the fragment implies; Kconfig's
# warnings that we override tinyconfig go to OUT/config.log, anything else is
# shown; and scripts/check-config fails the build when an option of the
# fragment did not survive Kconfig (a dependency missing).
# $(call config_linux,SRC,OUT,FRAGMENT)
define config_linux
	@mkdir -p $(2)
	@$(MAKE) -s -C $(1) O=$(CURDIR)/$(2) ARCH=i386 tinyconfig >/dev/null
	@cd $(2) && $(CURDIR)/$(1)/scripts/kconfig/merge_config.sh \
		-m -O . .config $(CURDIR)/$(3) >/dev/null
	@$(MAKE) -s -C $(1) O=$(CURDIR)/$(2) ARCH=i386 olddefconfig \
		>/dev/null 2>$(2)/config.log || { cat $(2)/config.log; exit 1; }
	@grep -v 'warning: override' $(2)/config.log >&2 || true
	@scripts/check-config $(2)/.config $(3)
endef

# The Host module is built by Kbuild in a folder of its own, away from the
# source tree: the tangled sources of src/host/ and, in include/, the ABI
# header.  A shell command, for recipes that run it under a lock.
# $(call host_kbuild,DIR)
host_kbuild = mkdir -p $(1)/include && \
	cp -p src/host/*.c src/host/*.h src/host/*.S src/host/Kbuild $(1)/ && \
	cp -p src/include/lguest_abi.h $(1)/include/

# ---------------------------------------------------------------------------
# The areas of the system add their own rules, in this order, which is also
# the order of their suites in `make check`: the fast Launcher tests first,
# then the Host, the lab machine (which builds the Guest kernel first), the
# Guest's own checks, the hostile suite (which builds a debug Host kernel)
# and the benchmark.

AREAS := launcher host lab guest hostile bench labs
include $(AREAS:%=mk/%.mk)

build: $(BUILD_TARGETS)

# ---------------------------------------------------------------------------
# Installing what we need.  The stamp records the package list, so adding a
# package to any area makes the next `make` install it.

SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

deps: $(BUILD)/.deps-ok

$(BUILD)/.deps-ok: Makefile $(wildcard mk/*.mk)
	@mkdir -p $(BUILD)
	@BUILD=$(BUILD) CACHE=$(CACHE) SUDO='$(SUDO)' \
		scripts/deps.sh $(sort $(APT_PACKAGES))
	@touch $@

# ---------------------------------------------------------------------------
# Tests.  Every suite prints `N passed, N failed` as its last line; the runner
# adds them up and prints the same line for the whole run.

check: $(BUILD)/.deps-ok
	@tests/run-suites $(CHECK_SUITES)

check-literate: $(BUILD)/.deps-ok
	@tests/literate/run

clean:
	rm -rf $(BUILD) book/out
	$(CLEAN_COMMANDS)

distclean: clean
	rm -rf $(CACHE) .config .config.old
