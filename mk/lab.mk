# The lab machine: until the Host exists, `make run` shows the book.

.PHONY: run
run: html
	@echo
	@echo 'lguest: the Host module does not exist yet, so there is no Guest to boot.'
	@echo 'Once chapters V and VI are written, make run boots Debian'"'"'s i386 kernel'
	@echo 'in qemu-system-i386, loads lg.ko and runs a Guest on this terminal.'
	@echo 'Meanwhile, start reading: book/out/html/index.html, or chapter I below.'
	@echo
	@$(MAKE) --no-print-directory Preparation
