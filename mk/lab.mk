# The lab machine (lab/), its harness (tests/lab/) and the tiny test
# guests (tests/guests/).
#
# `make lab` builds an initramfs for Debian's own i386 kernel: busybox, our
# /init, lg.ko, the Launcher, the test guests and the Linux Guest with its
# initrd.  `make run` boots it in qemu-system-i386 (software emulation) and
# runs a Guest on this terminal, Linux by default; `make check-lab` boots it
# once and runs every test guest and the Linux Guest's tests (tests/linux/).
# The kernel and busybox packages are downloaded once into cache/.

LAB_OUT := $(BUILD)/lab
GUESTS_OUT := $(BUILD)/guests
LAB_INITRD := $(LAB_OUT)/initramfs.gz
LAB_KERNEL := $(LAB_OUT)/vmlinuz
QEMU := qemu-system-i386
# Memory and processors of the lab machine.  Two processors so that two
# Guests can run at once, and because CI machines have two cores.
LAB_MEM ?= 512
LAB_SMP ?= 2
# A processor model Linux trusts with a constant TSC (family 6, model 14),
# so the Host can give Guests lguest_data.tsc_khz; QEMU's default qemu32
# is an older model without it.
LAB_CPU ?= coreduo
# The Guest `make run` starts, and its memory in megabytes: the Linux
# Guest (a shell on its console, tests/linux/init), with
# CONFIG_LGUEST_GUEST_MEM_MB of the Kconfig (make defconfig, make
# oldconfig), or a test guest /guests/NAME.elf with 32.
RUN_GUEST ?= /guests/linux
RUN_MEM ?= $(if $(filter /guests/linux,$(RUN_GUEST)),$(CONFIG_LGUEST_GUEST_MEM_MB),32)
# The Linux Guest's disk: a file in the ignored folder run/, made empty
# (sparse, RUN_DISK_MB megabytes) the first time and kept from one run to
# the next.  QEMU gives it to the lab machine as a virtio disk, and the
# lab machine's Launcher gives that to the Guest as /dev/vda.
RUN_DISK ?= run/disk.img
RUN_DISK_MB ?= 256
RUN_LINUX := $(filter /guests/linux,$(RUN_GUEST))
RUN_DRIVE := -drive file=$(RUN_DISK),format=raw,if=virtio
# `make check` runs the lab suite only when this says yes.  The harness's
# own test (a pretend Launcher, no lg.ko needed) runs unless told no.
LAB_IN_CHECK ?= yes
# Where check-lab keeps the logs of its run.
LAB_CHECK_OUT ?= $(LAB_OUT)/check
LAB_SELFTEST_IN_CHECK ?= yes

APT_PACKAGES += qemu-system-x86 cpio gzip gcc-multilib linux-headers-686:i386
BUILD_TARGETS += test-guests
HELP_LINES += 'make lab           the lab machine: kernel, initramfs with lg.ko, Launcher, test guests'
HELP_LINES += 'make shell         boot the lab machine to a shell with lguest and /guests'
HELP_LINES += 'make test-guests   build the test guests into build/guests'
HELP_LINES += 'make check-lab     boot the lab machine and run every test guest in it'
ifeq ($(LAB_SELFTEST_IN_CHECK),yes)
CHECK_SUITES += lab-selftest
endif
ifeq ($(LAB_IN_CHECK),yes)
CHECK_SUITES += lab
endif

.PHONY: lab run shell check-lab check-lab-selftest test-guests lab-fetch lab-parts

# ---------------------------------------------------------------------------
# The test guests: freestanding 32-bit ELF programs linked at 1 MB, each one
# file tests/guests/NAME.c on top of the shared library in tests/guests/lib/.

GUEST_CC := gcc
GUEST_CFLAGS := -m32 -march=i686 -ffreestanding -nostdlib -fno-pic -fno-pie \
	-fno-stack-protector -fno-asynchronous-unwind-tables -mgeneral-regs-only \
	-fno-builtin -O2 -g -Wall -Wextra -Werror -Isrc/include -Itests/guests/lib
GUEST_LDFLAGS := -m32 -nostdlib -static -no-pie -Wl,--build-id=none -Wl,-z,noexecstack \
	-Wl,-T,tests/guests/lib/guest.ld
GUEST_NAMES := $(basename $(notdir $(shell grep -l '@test' tests/guests/*.c 2>/dev/null)))
GUEST_LIB_SRC := $(wildcard tests/guests/lib/*.c tests/guests/lib/*.S)
GUEST_LIB_OBJ := $(patsubst tests/guests/lib/%,$(GUESTS_OUT)/lib/%.o,$(GUEST_LIB_SRC))
GUEST_ELFS := $(GUEST_NAMES:%=$(GUESTS_OUT)/%.elf)
GUEST_HDRS := $(wildcard tests/guests/lib/*.h tests/guests/*.h) src/include/lguest_abi.h

test-guests: $(GUEST_ELFS)

.SECONDARY: $(GUEST_NAMES:%=$(GUESTS_OUT)/%.o) $(GUEST_LIB_OBJ)

$(GUESTS_OUT)/lib/%.c.o: tests/guests/lib/%.c $(GUEST_HDRS)
	@mkdir -p $(dir $@)
	@echo '  CC      $<'
	@$(GUEST_CC) $(GUEST_CFLAGS) -c -o $@ $<

$(GUESTS_OUT)/lib/%.S.o: tests/guests/lib/%.S $(GUEST_HDRS)
	@mkdir -p $(dir $@)
	@echo '  AS      $<'
	@$(GUEST_CC) $(GUEST_CFLAGS) -D__ASSEMBLY__ -c -o $@ $<

$(GUESTS_OUT)/%.o: tests/guests/%.c $(GUEST_HDRS)
	@mkdir -p $(dir $@)
	@echo '  CC      $<'
	@$(GUEST_CC) $(GUEST_CFLAGS) -c -o $@ $<

$(GUESTS_OUT)/%.elf: $(GUESTS_OUT)/%.o $(GUEST_LIB_OBJ) tests/guests/lib/guest.ld
	@echo '  LD      $@'
	@$(GUEST_CC) $(GUEST_LDFLAGS) -o $@ $(GUEST_LIB_OBJ) $< -lgcc

# ---------------------------------------------------------------------------
# The lab machine.  lg.ko and the Launcher come from their own areas (make
# host, make launcher); when one fails to build, the lab machine still
# boots and says what is missing (a student's half-finished change should
# not take make shell away).

lab-fetch: $(BUILD)/.deps-ok
	@lab/fetch $(CACHE) $(LAB_OUT)

lab-parts: $(BUILD)/.deps-ok
	@mkdir -p $(LAB_OUT)
	@rm -f $(LAB_OUT)/.no-host $(LAB_OUT)/.no-launcher
	@$(MAKE) --no-print-directory host || { touch $(LAB_OUT)/.no-host; \
		echo 'lab: *** make host failed: the lab machine will have no lg.ko'; }
	@$(MAKE) --no-print-directory launcher || { touch $(LAB_OUT)/.no-launcher; \
		echo 'lab: *** make launcher failed: the lab machine will have no Launcher'; }
	@for f in host:$(BUILD)/host/lg.ko:lg.ko launcher:$(BUILD)/launcher/lguest:lguest; do \
		what=$${f%%:*}; f=$${f#*:}; src=$${f%%:*}; dst=$(LAB_OUT)/$${f##*:}; \
		if [ -f $$src ] && [ ! -f $(LAB_OUT)/.no-$$what ]; then \
			cmp -s $$src $$dst || cp $$src $$dst; \
		else rm -f $$dst; echo "lab: *** no up-to-date $$src"; fi; \
	done

# Programs the lab machine runs as tests of their own (@program): the
# Launcher's terminal test, make run's Linux shell typed into
# (tests/linux/shell-tty.c), the Host module's own checks
# (tests/host/host-module.sh); and tap-peer, the far end of a Guest's network
# card (@net).  mkinitramfs puts $(LAB_OUT)/bin/* in /bin;
# LAB_TEST_DIRS are where check-lab finds tests besides tests/guests/.
LAB_TEST_DIRS := tests/host tests/launcher tests/linux
$(LAB_OUT)/bin/host-module: tests/host/host-module.sh
	@mkdir -p $(dir $@)
	@install -m 755 $< $@

$(LAB_OUT)/bin/launcher-tty: tests/launcher/launcher-tty.c | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	@echo '  CC      $<'
	@gcc -m32 -static -O2 -Wall -Wextra -Werror -o $@ $<

$(LAB_OUT)/bin/shell-tty: tests/linux/shell-tty.c | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	@echo '  CC      $<'
	@gcc -m32 -static -O2 -Wall -Wextra -Werror -o $@ $<

$(LAB_OUT)/bin/tap-peer: tests/launcher/tap-peer.c | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	@echo '  CC      $<'
	@gcc -m32 -static -O2 -Wall -Wextra -Werror -o $@ $<

# A Launcher that lies (tests/linux/badpage.c, for the test linux-badpage):
# the Launcher's own objects, linked as the Launcher links them, but with
# its calls of add_device() sent by the linker to the test's wrapper (none
# when the lab machine has no Launcher).
LAUNCHER_LINK_ADDR = $(shell sed -n 's/^LINK_ADDR := //p' src/launcher/Makefile)
$(LAB_OUT)/bin/lguest-badpage: tests/linux/badpage.c lab-parts
	@mkdir -p $(dir $@)
	@rm -f $@
	@[ -f $(LAB_OUT)/.no-launcher ] || echo '  CC      $<'
	@[ -f $(LAB_OUT)/.no-launcher ] || gcc -m32 -std=gnu11 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE \
		-D_FILE_OFFSET_BITS=64 -Isrc/include -Isrc/launcher -static -no-pie \
		-pthread -Wl,-Ttext-segment=$(LAUNCHER_LINK_ADDR) -Wl,--wrap=add_device \
		-o $@ $< $(LAUNCHER_B)/*.o -lz

# The Linux Guest's tests (tests/linux/): their helper program goes into the
# Guest's own initrd (mkinitramfs puts $(LAB_OUT)/linux-bin/* in its /bin), and
# the lab machine carries the Guest kernel, so `make guest` comes first
# (minutes the first time: say so).
$(LAB_OUT)/linux-bin/lintrap: tests/linux/lintrap.c | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	@echo '  CC      $<'
	@gcc -m32 -static -O2 -Wall -Wextra -Werror -o $@ $<

LAB_LINUX := $(if $(filter y,$(CONFIG_LGUEST_GUEST)),lab-guest-note guest)
.PHONY: lab-guest-note
lab-guest-note:
	@[ -f $(GUEST)/vmlinux ] || echo 'lab: building the Linux Guest first (make guest: a few minutes the first time)'

lab: lab-fetch lab-parts test-guests $(LAB_OUT)/bin/host-module $(LAB_OUT)/bin/launcher-tty $(LAB_OUT)/bin/shell-tty $(LAB_OUT)/bin/tap-peer \
		$(LAB_OUT)/bin/lguest-badpage $(LAB_LINUX) $(LAB_OUT)/linux-bin/lintrap
	@echo '  INITRD  $(LAB_INITRD)'
	@LAB_TEST_DIRS='$(LAB_TEST_DIRS)' lab/mkinitramfs $(LAB_INITRD) $(LAB_OUT) $(GUESTS_OUT)

LAB_QEMU = $(QEMU) -cpu $(LAB_CPU) -m $(LAB_MEM) -smp $(LAB_SMP) -kernel $(LAB_KERNEL) \
	-initrd $(LAB_INITRD) -no-reboot -nic none

run: lab $(if $(RUN_LINUX),$(RUN_DISK))
	@echo 'lab: booting the lab machine (Debian $(shell cat $(LAB_OUT)/kernel-release 2>/dev/null), QEMU, no KVM).'
	@echo 'lab: poweroff in the Guest ends the run; Ctrl-A x stops QEMU at any time.'
	@start=$$(date +%s); \
	$(LAB_QEMU) -nographic -append 'console=ttyS0 quiet lab=run lab.guest=$(RUN_GUEST) lab.mem=$(RUN_MEM)' \
		$(if $(RUN_LINUX),$(RUN_DRIVE)); \
	echo "lab: the run took $$(($$(date +%s) - start)) s, from QEMU's start to its end"

$(RUN_DISK):
	@mkdir -p $(dir $@)
	@echo '  DISK    $@ ($(RUN_DISK_MB) MB, empty: the Guest makes ext2 on it the first time)'
	@truncate -s $(RUN_DISK_MB)M $@

shell: lab
	@echo 'lab: booting the lab machine to a shell; exit powers it off, Ctrl-A x stops QEMU.'
	@$(LAB_QEMU) -nographic -append 'console=ttyS0 quiet lab=shell'

check-lab: lab
	@tests/lab/run --kernel $(LAB_KERNEL) --initrd $(LAB_INITRD) \
		$(LAB_TEST_DIRS:%=--tests-dir %) --out $(LAB_CHECK_OUT) --mem $(LAB_MEM) --smp $(LAB_SMP) --cpu $(LAB_CPU)

# The harness's own test: two boots with a pretend Launcher whose answers
# are known (tests/lab-selftest/run); needs neither lg.ko nor the Launcher.
check-lab-selftest: lab-fetch test-guests
	@tests/lab-selftest/run $(LAB_KERNEL) $(LAB_OUT) $(GUESTS_OUT) $(LAB_OUT)/selftest
