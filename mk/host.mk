# The Host module lg.ko: chapters V (host.nw) and VI (switcher.nw).
#
# The tangled sources in src/host/ are copied, with the ABI header, into
# build/host/kbuild/ and built there by Kbuild against the headers of
# Debian's 686 kernel, so the source tree stays clean.  The module ends up
# in build/host/lg.ko, where the lab picks it up.  Several makes may build
# it at once (make lab, make check): a lock file keeps them in turn.

HOST_KDIR := $(lastword $(sort $(wildcard /usr/src/linux-headers-*-686)))
HOST_OUT := $(BUILD)/host
HOST_KBUILD := $(HOST_OUT)/kbuild
HOST_SRCS := $(wildcard src/host/*.c src/host/*.h src/host/*.S) \
	src/host/Kbuild src/include/lguest_abi.h $(wildcard .config)

ifneq ($(CONFIG_LGUEST),)
BUILD_TARGETS += host
endif
CHECK_SUITES += host
APT_PACKAGES += linux-headers-686:i386 sparse linux-source-6.1 xz-utils kmod
HELP_LINES += 'make host          build the Host module, build/host/lg.ko' \
	'make check-host    the Host: W=1, sparse, checkpatch, layers (its Guests: check-lab)'

.PHONY: host check-host

host: $(HOST_OUT)/lg.ko

$(HOST_OUT)/lg.ko: $(HOST_SRCS) | $(BUILD)/.deps-ok
	@test -n "$(HOST_KDIR)" || { echo 'no /usr/src/linux-headers-*-686: make deps'; exit 1; }
	@mkdir -p $(HOST_OUT)
	@flock $(HOST_OUT)/.lock sh -c '\
		$(call host_kbuild,$(HOST_KBUILD)) && \
		$(MAKE) -s -C $(HOST_KDIR) M=$(CURDIR)/$(HOST_KBUILD) modules && \
		cp $(HOST_KBUILD)/lg.ko $@'
	@echo '  MODULE  $@'

check-host: | $(BUILD)/.deps-ok
	@rm -rf $(HOST_OUT)/check
	@$(call host_kbuild,$(HOST_OUT)/check)
	@KDIR=$(HOST_KDIR) WORK=$(HOST_OUT)/check CACHE=$(CACHE) tests/host/run
