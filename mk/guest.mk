# The Guest kernel (guest.nw, drivers.nw): Linux 6.1 from Debian's
# linux-source-6.1 with the series in patches/, configured from tinyconfig
# plus src/guest/guest.config.  `make guest` builds build/guest/bzImage (a
# few minutes on 2 cores the first time; a progress line per stage).  After
# `make tangle`, it takes changed patches back out of the tree, puts the new
# ones in and copies the Guest's own files from src/guest/ (scripts/guest-tree.sh),
# so only what changed is rebuilt.

GUEST := $(BUILD)/guest
GUEST_KSRC := $(GUEST)/linux
# The objects live in a folder of the source tree, so that Kbuild names the
# sources by relative paths (srctree is "..") and a copy of build/guest in
# another tree (make lab-start's, for a Guest or Drivers lab) rebuilds only
# what differs there, not the whole kernel.
GUEST_KOUT := $(GUEST_KSRC)/obj
GUEST_BZIMAGE := $(GUEST)/bzImage
GUEST_PATCHES := patches/series $(wildcard patches/*.patch)
GUEST_FILES := $(shell find src/guest/arch -type f 2>/dev/null) src/include/lguest_abi.h

APT_PACKAGES += linux-source-6.1 flex bison bc libelf-dev libssl-dev patch cpio
HELP_LINES += 'make guest         build the Guest kernel: Linux 6.1 + patches/ (build/guest/)'
CHECK_SUITES += guest
# `make` builds it too, unless .config says CONFIG_LGUEST_GUEST is not set.
ifeq ($(CONFIG_LGUEST_GUEST),y)
BUILD_TARGETS += guest
endif

.PHONY: guest check-guest
guest: $(GUEST_BZIMAGE)

$(GUEST_KSRC)/Makefile: | $(BUILD)/.deps-ok
	$(call unpack_linux,$(GUEST_KSRC))

# Two stamps: a change of the patches may change the Kconfig files and so
# the configuration; a change of the Guest's own files cannot.
$(GUEST)/.patched: $(GUEST_KSRC)/Makefile $(GUEST_PATCHES) scripts/guest-tree.sh
	@scripts/guest-tree.sh $(GUEST_KSRC)
	@touch $@

$(GUEST)/.files: $(GUEST)/.patched $(GUEST_FILES)
	@scripts/guest-tree.sh $(GUEST_KSRC)
	@touch $@

# A tree built before the objects moved has them in build/guest/obj,
# 87 MB nothing reads any more: the first configuration in the new place
# removes them.
$(GUEST_KOUT)/.config: $(GUEST)/.patched src/guest/guest.config
	@if [ -d $(GUEST)/obj ]; then \
		echo '  CLEAN   $(GUEST)/obj (the old place of the objects)'; \
		rm -rf $(GUEST)/obj; fi
	@echo '  CONFIG  Guest: tinyconfig + src/guest/guest.config'
	$(call config_linux,$(GUEST_KSRC),$(GUEST_KOUT),src/guest/guest.config)

$(GUEST_BZIMAGE): $(GUEST_KOUT)/.config $(GUEST)/.files
	@echo '  KERNEL  Guest (build/guest/build.log)'
	@$(MAKE) -C $(GUEST_KSRC) O=$(CURDIR)/$(GUEST_KOUT) ARCH=i386 \
		-j$(shell nproc) bzImage >$(GUEST)/build.log 2>&1 || \
		{ tail -n 30 $(GUEST)/build.log; exit 1; }
	@cp $(GUEST_KOUT)/arch/x86/boot/bzImage $@
	@strip -o $(GUEST)/vmlinux $(GUEST_KOUT)/vmlinux
	@echo '  KERNEL  $@ and $(GUEST)/vmlinux (for the Launcher)'

# The Guest's suite (tests/guest/run): the series applies and the kernel
# builds with the Guest's options kept; checkpatch, W=1 and sparse on our
# code; it boots on a bare (emulated) PC, where pv_ops holds the native
# operations; and under the Host in the lab machine it enters at ring 1.
check-guest: $(BUILD)/.deps-ok
	@tests/guest/run
