# Hostile guests and hostile users (tests/hostile/), and the debug Host.
#
# The debug Host is Linux 6.1 from Debian's linux-source-6.1, configured from
# tinyconfig plus tests/hostile/debug-host.config: the kernel's lock, memory
# and undefined-behaviour detectors, in the same paging mode as Debian's 686
# kernel.  `make debug-host` builds it (a few minutes on 2 cores; a progress
# line per stage) into build/debug-host/.

DEBUG_HOST := $(BUILD)/debug-host
DEBUG_KSRC := $(DEBUG_HOST)/linux
DEBUG_KOUT := $(DEBUG_HOST)/obj
DEBUG_BZIMAGE := $(DEBUG_HOST)/bzImage

APT_PACKAGES += linux-source-6.1 flex bison bc libelf-dev libssl-dev
HELP_LINES += 'make debug-host    build the debug Host kernel (lockdep, UBSAN, ...)'

.PHONY: debug-host
debug-host: $(DEBUG_BZIMAGE)

$(DEBUG_KSRC)/Makefile: | $(BUILD)/.deps-ok
	$(call unpack_linux,$(DEBUG_KSRC))

$(DEBUG_KOUT)/.config: $(DEBUG_KSRC)/Makefile tests/hostile/debug-host.config
	@echo '  CONFIG  debug Host: tinyconfig + tests/hostile/debug-host.config'
	$(call config_linux,$(DEBUG_KSRC),$(DEBUG_KOUT),tests/hostile/debug-host.config)

$(DEBUG_BZIMAGE): $(DEBUG_KOUT)/.config
	@echo '  KERNEL  debug Host (build/debug-host/build.log)'
	@$(MAKE) -C $(DEBUG_KSRC) O=$(CURDIR)/$(DEBUG_KOUT) ARCH=i386 \
		-j$(shell nproc) bzImage modules_prepare >$(DEBUG_HOST)/build.log 2>&1 || \
		{ tail -n 30 $(DEBUG_HOST)/build.log; exit 1; }
	@cp $(DEBUG_KOUT)/arch/x86/boot/bzImage $@
	@echo '  KERNEL  $@'

# ---------------------------------------------------------------------------
# The hostile suite.  `make check-hostile` runs every test guest of category
# hostile (tests/guests/, each killed with the reason its @expect names, or
# carrying on), the randomized guest hostile-random with HOSTILE_SEEDS, and
# devabuse (a hostile user of /dev/lguest), first on Debian's 686 kernel
# (on a processor with SMEP and SMAP, which lg.ko must switch off around
# the world switch), then on the debug Host with lg.ko built against it.
# It prints the figures and ends with `N passed, N failed`.  `make
# fuzz-guest` runs the randomized guest seed after seed for FUZZ_GUEST_TIME
# seconds (FUZZ_GUEST_SEED the first), on Debian's kernel or, with
# FUZZ_GUEST_KERNEL=debug, on the debug Host.  (make fuzz, the Launcher's
# fuzzers, has FUZZ_TIME: mk/launcher.mk.)

HOSTILE := $(BUILD)/hostile
# FIRST:COUNT of the random guest's seeds in check-hostile.
HOSTILE_SEEDS ?= 1:10
# Seconds the whole suite may take on one kernel.
HOSTILE_BUDGET ?= 420
FUZZ_GUEST_SEED ?= 1000
FUZZ_GUEST_TIME ?= 600
FUZZ_GUEST_KERNEL ?= debian
# `make check` runs the hostile suite too; the first time, that means
# building the debug Host (HOSTILE_IN_CHECK=no leaves it out).
HOSTILE_IN_CHECK ?= yes

HELP_LINES += 'make check-hostile hostile Guests, random Guests, devabuse: on Debian'"'"'s kernel and the debug Host' \
	'make fuzz-guest    the random hostile Guest, seed after seed (FUZZ_GUEST_SEED, FUZZ_GUEST_TIME, FUZZ_GUEST_KERNEL=debian|debug)'
ifeq ($(HOSTILE_IN_CHECK),yes)
CHECK_SUITES += hostile
endif

.PHONY: check-hostile fuzz-guest hostile-parts debug-lg

# lg.ko for the debug Host: the same sources, built against its object tree.
# Module.symvers is the kernel's own vmlinux.symvers (no module of the debug
# Host exports anything lg.ko uses).
DEBUG_LG := $(HOSTILE)/lg-debug.ko
debug-lg: $(DEBUG_LG)
$(DEBUG_LG): $(DEBUG_BZIMAGE) $(wildcard src/host/*.c src/host/*.h src/host/*.S) \
		src/host/Kbuild src/include/lguest_abi.h
	@$(call host_kbuild,$(HOSTILE)/kbuild-debug)
	@cmp -s $(DEBUG_KOUT)/vmlinux.symvers $(DEBUG_KOUT)/Module.symvers || \
		cp $(DEBUG_KOUT)/vmlinux.symvers $(DEBUG_KOUT)/Module.symvers
	@$(MAKE) -s -C $(DEBUG_KOUT) M=$(CURDIR)/$(HOSTILE)/kbuild-debug modules
	@mkdir -p $(dir $@)
	@cp $(HOSTILE)/kbuild-debug/lg.ko $@
	@echo '  MODULE  $@ (for the debug Host)'

$(HOSTILE)/devabuse: tests/hostile/devabuse.c src/include/lguest_abi.h | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	@echo '  CC      $<'
	@gcc -m32 -static -O2 -pthread -Wall -Wextra -Isrc/include -o $@ $<

# One lab directory per kernel: busybox, the Launcher, its lg.ko, devabuse.
# $(1): debian or debug, $(2): the lg.ko.
define hostile_lab
	@mkdir -p $(HOSTILE)/$(1)/bin
	@cp $(LAB_OUT)/busybox $(LAB_OUT)/lguest $(HOSTILE)/$(1)/
	@cp $(2) $(HOSTILE)/$(1)/lg.ko
	@cp $(HOSTILE)/devabuse $(HOSTILE)/$(1)/bin/
endef

# The Linux Guest's tests on the debug Host: the lab of make lab (its Guest
# initrd, modules and programs) with the debug Host's lg.ko.  They run on
# QEMU's qemu32 processor, whose TSC does not tick at a constant rate, so
# the Host gives the Guest no TSC frequency and the Guest keeps time with
# the Host's clock (guest.nw, "The clock"); make check-lab runs the same
# tests on a processor with one, and a Guest that keeps time with the TSC.
define debug_linux_lab
	@rm -rf $(HOSTILE)/debug-linux
	@cp -r $(LAB_OUT) $(HOSTILE)/debug-linux
	@rm -rf $(HOSTILE)/debug-linux/check
	@cp $(DEBUG_LG) $(HOSTILE)/debug-linux/lg.ko
endef

HOSTILE_RUNS = LAB_CATEGORY=hostile LAB_TEST_DIRS=tests/hostile LAB_PAIRS=tests/hostile/pairs

hostile-parts: lab $(DEBUG_LG) $(HOSTILE)/devabuse
	$(call hostile_lab,debian,$(LAB_OUT)/lg.ko)
	$(call hostile_lab,debug,$(DEBUG_LG))
	$(call debug_linux_lab)
	@echo '  INITRD  $(HOSTILE)/{debian,debug,debug-linux}/initramfs.gz'
	@$(HOSTILE_RUNS) LAB_SEEDS=$(HOSTILE_SEEDS) lab/mkinitramfs \
		$(HOSTILE)/debian/initramfs.gz $(HOSTILE)/debian $(GUESTS_OUT)
	@$(HOSTILE_RUNS) LAB_SEEDS=$(HOSTILE_SEEDS) lab/mkinitramfs \
		$(HOSTILE)/debug/initramfs.gz $(HOSTILE)/debug $(GUESTS_OUT)
	@LAB_CATEGORY=functional LAB_TEST_DIRS=tests/linux LAB_ONLY='^linux-' LAB_PAIRS=no \
		lab/mkinitramfs $(HOSTILE)/debug-linux/initramfs.gz $(HOSTILE)/debug-linux $(GUESTS_OUT)

check-hostile: hostile-parts
	@tests/hostile/run --out $(HOSTILE) --seeds $(HOSTILE_SEEDS) \
		--budget $(HOSTILE_BUDGET) --mem $(LAB_MEM) --smp $(LAB_SMP) --cpu $(LAB_CPU) \
		debian:$(LAB_KERNEL):$(HOSTILE)/debian/initramfs.gz:$(LAB_CPU),+smep,+smap \
		debug:$(DEBUG_BZIMAGE):$(HOSTILE)/debug/initramfs.gz \
		--linux debug-linux:$(DEBUG_BZIMAGE):$(HOSTILE)/debug-linux/initramfs.gz:qemu32

fuzz-guest: hostile-parts
	@tests/hostile/fuzz-guest $(HOSTILE)/$(FUZZ_GUEST_KERNEL) $(GUESTS_OUT) \
		$(if $(filter debug,$(FUZZ_GUEST_KERNEL)),$(DEBUG_BZIMAGE),$(LAB_KERNEL)) \
		$(HOSTILE)/fuzz-$(FUZZ_GUEST_KERNEL) $(FUZZ_GUEST_SEED) $(FUZZ_GUEST_TIME)
