# Benchmarks (chapter VII, "Measuring"): `make bench` boots the lab machine
# once and runs, one after the other, the test guest tests/guests/bench.c
# (@category bench), the Host program tests/bench/host-bench.c, and the
# same program inside the Linux Guest (tests/linux/bench.sh, with
# host-bench in the Guest's initrd), and the Linux Guest's network card
# and disk beside the lab machine's own loopback and /tmp
# (tests/linux/bench-io.sh, bench-io.lab: the tap driver and tap-peer come
# along for its @net), then prints their figures side by side
# (tests/bench/figures).  A benchmark prints numbers; it never passes or
# fails on them.

BENCH := $(BUILD)/bench
HELP_LINES += 'make bench         what a hypercall, a system call, a page fault cost in a Guest and on the Host'

.PHONY: bench

$(BENCH)/lab/bin/host-bench: tests/bench/host-bench.c | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	@echo '  CC      $<'
	@gcc -m32 -static -O2 -Wall -Wextra -Werror -o $@ $<

bench: lab $(BENCH)/lab/bin/host-bench
	@cp $(LAB_OUT)/busybox $(LAB_OUT)/lguest $(LAB_OUT)/lg.ko $(LAB_OUT)/tun.ko $(BENCH)/lab/
	@cp $(LAB_OUT)/bin/tap-peer $(BENCH)/lab/bin/
	@mkdir -p $(BENCH)/lab/linux-bin
	@cp $(LAB_OUT)/linux-bin/* $(BENCH)/lab/bin/host-bench $(BENCH)/lab/linux-bin/
	@echo '  INITRD  $(BENCH)/initramfs.gz'
	@LAB_CATEGORY=bench LAB_TEST_DIRS="tests/bench tests/linux" LAB_PAIRS=no lab/mkinitramfs \
		$(BENCH)/initramfs.gz $(BENCH)/lab $(GUESTS_OUT)
	@tests/lab/run --kernel $(LAB_KERNEL) --initrd $(BENCH)/initramfs.gz \
		--category bench --tests-dir tests/bench --tests-dir tests/linux --no-pairs --out $(BENCH)/run \
		--mem $(LAB_MEM) --smp $(LAB_SMP) --cpu $(LAB_CPU)
	@tests/bench/figures $(BENCH)/run

# `make check` runs the benchmark once, to see that it still works: the lab
# run passes and every figure is printed (tests/bench/run).
BENCH_IN_CHECK ?= yes
ifeq ($(BENCH_IN_CHECK),yes)
CHECK_SUITES += bench
endif
.PHONY: check-bench
check-bench:
	@tests/bench/run
