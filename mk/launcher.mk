# The Launcher (chapter IV, launcher.nw): the static i386 program `lguest`,
# its tests and its fuzzers.
#
# The program's own rules are tangled from the chapter into
# src/launcher/Makefile, which we run from the top of the tree; the result is
# build/launcher/lguest, where the lab picks it up.  The tests
# (tests/launcher/) compile the same sources, all but lguest.c (main), for
# i386 with AddressSanitizer and UBSan, and with the Launcher's 64-bit file
# offsets (-D_FILE_OFFSET_BITS=64, as in its own Makefile); the libFuzzer targets are built by
# clang natively (64-bit) from the same sources, with the same sanitizers.

LAUNCHER_B := $(BUILD)/launcher
LAUNCHER_SRCS := $(wildcard src/launcher/*.c src/launcher/*.h) src/include/lguest_abi.h
LAUNCHER_LIB_SRCS := $(filter-out src/launcher/lguest.c,$(wildcard src/launcher/*.c))
LAUNCHER_TEST_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -D_GNU_SOURCE \
	-D_FILE_OFFSET_BITS=64 -Isrc/include -Isrc/launcher -Itests/launcher
# Seconds of each fuzzer in make fuzz, and in make check-launcher.  (The
# random hostile Guest's fuzzing, make fuzz-guest, has FUZZ_GUEST_TIME.)
FUZZ_TIME ?= 600
CHECK_FUZZ_TIME ?= 30

BUILD_TARGETS += launcher
CHECK_SUITES += launcher
APT_PACKAGES += gcc-multilib lib32z1-dev zlib1g-dev clang libclang-rt-14-dev binutils qemu-user
HELP_LINES += 'make launcher      build the Launcher: build/launcher/lguest' \
	'make check-launcher the Launcher tests, with $(CHECK_FUZZ_TIME) s of fuzzing each' \
	'make fuzz          fuzz the Launcher loaders and virtqueues, FUZZ_TIME=$(FUZZ_TIME) s each'

.PHONY: launcher check-launcher fuzz launcher-tests launcher-fuzzers

launcher: $(BUILD)/.deps-ok
	@$(MAKE) --no-print-directory -s -f src/launcher/Makefile B=$(LAUNCHER_B)
	@echo '  LAUNCHER $(LAUNCHER_B)/lguest'

$(LAUNCHER_B)/unit: tests/launcher/unit.c tests/launcher/images.h launcher
	@gcc -m32 $(LAUNCHER_TEST_CFLAGS) -fsanitize=address,undefined \
		-fno-sanitize-recover=all -o $@ tests/launcher/unit.c \
		$(LAUNCHER_LIB_SRCS) -lz -pthread

$(LAUNCHER_B)/fuzz/fuzz_%: tests/launcher/fuzz_%.c $(LAUNCHER_SRCS)
	@mkdir -p $(dir $@)
	@clang $(LAUNCHER_TEST_CFLAGS) -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -o $@ $< $(LAUNCHER_LIB_SRCS) -lz -pthread

launcher-tests: $(LAUNCHER_B)/unit
launcher-fuzzers: $(LAUNCHER_B)/fuzz/fuzz_load $(LAUNCHER_B)/fuzz/fuzz_vq

check-launcher: launcher launcher-tests launcher-fuzzers
	@tests/launcher/run $(LAUNCHER_B) $(CHECK_FUZZ_TIME)

fuzz: launcher launcher-tests launcher-fuzzers
	@tests/launcher/run $(LAUNCHER_B) $(FUZZ_TIME)
