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
LINUX_TARBALL := $(firstword $(wildcard /usr/src/linux-source-6.1.tar.*))

APT_PACKAGES += linux-source-6.1 flex bison bc libelf-dev libssl-dev
HELP_LINES += 'make debug-host    build the debug Host kernel (lockdep, UBSAN, ...)'

.PHONY: debug-host
debug-host: $(DEBUG_BZIMAGE)

$(DEBUG_KSRC)/Makefile: | $(BUILD)/.deps-ok
	@echo '  UNPACK  $(LINUX_TARBALL) (about a minute)'
	@rm -rf $(DEBUG_KSRC) $(DEBUG_HOST)/linux-source-6.1
	@mkdir -p $(DEBUG_HOST)
	@tar -xf $(LINUX_TARBALL) -C $(DEBUG_HOST)
	@mv $(DEBUG_HOST)/linux-source-6.1 $(DEBUG_KSRC)

$(DEBUG_KOUT)/.config: $(DEBUG_KSRC)/Makefile tests/hostile/debug-host.config
	@echo '  CONFIG  debug Host: tinyconfig + tests/hostile/debug-host.config'
	@mkdir -p $(DEBUG_KOUT)
	@$(MAKE) -s -C $(DEBUG_KSRC) O=$(CURDIR)/$(DEBUG_KOUT) ARCH=i386 tinyconfig >/dev/null
	@cd $(DEBUG_KOUT) && $(CURDIR)/$(DEBUG_KSRC)/scripts/kconfig/merge_config.sh \
		-m -O . .config $(CURDIR)/tests/hostile/debug-host.config >/dev/null
	@$(MAKE) -s -C $(DEBUG_KSRC) O=$(CURDIR)/$(DEBUG_KOUT) ARCH=i386 olddefconfig >/dev/null
	@tests/hostile/check-config $(DEBUG_KOUT)/.config tests/hostile/debug-host.config

$(DEBUG_BZIMAGE): $(DEBUG_KOUT)/.config
	@echo '  KERNEL  debug Host (build/debug-host/build.log)'
	@$(MAKE) -C $(DEBUG_KSRC) O=$(CURDIR)/$(DEBUG_KOUT) ARCH=i386 \
		-j$(shell nproc) bzImage modules_prepare >$(DEBUG_HOST)/build.log 2>&1 || \
		{ tail -n 30 $(DEBUG_HOST)/build.log; exit 1; }
	@cp $(DEBUG_KOUT)/arch/x86/boot/bzImage $@
	@echo '  KERNEL  $@'
