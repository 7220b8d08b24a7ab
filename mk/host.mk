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
	'make check-host    the Host: W=1, sparse, checkpatch, and Guests in the lab'

.PHONY: host check-host

host: $(HOST_OUT)/lg.ko

$(HOST_OUT)/lg.ko: $(HOST_SRCS) | $(BUILD)/.deps-ok
	@test -n "$(HOST_KDIR)" || { echo 'no /usr/src/linux-headers-*-686: make deps'; exit 1; }
	@mkdir -p $(HOST_KBUILD)/include
	@flock $(HOST_OUT)/.lock sh -c '\
		cp -p src/host/*.c src/host/*.h src/host/*.S src/host/Kbuild $(HOST_KBUILD)/ && \
		cp -p src/include/lguest_abi.h $(HOST_KBUILD)/include/ && \
		$(MAKE) -s -C $(HOST_KDIR) M=$(CURDIR)/$(HOST_KBUILD) \
			CONFIG_LGUEST_DEBUG=$(CONFIG_LGUEST_DEBUG) modules && \
		cp $(HOST_KBUILD)/lg.ko $@'
	@echo '  MODULE  $@'

check-host: | $(BUILD)/.deps-ok
	@KDIR=$(HOST_KDIR) BUILD=$(BUILD) CACHE=$(CACHE) tests/host/check
