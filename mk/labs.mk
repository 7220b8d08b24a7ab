# Labs made from the chapters (labs/NAME.lab, weave/labs.py).
#
# A lab is the book with chosen chunks emptied: `make labs` lists them,
# `make lab-start LAB=NAME DIR=../mylab` writes a student's tree with the
# lab's chunks replaced by stubs that compile and say what to write, and
# `make grade` in that tree builds it and runs the lab's graded tests
# (the lab harness's, the Launcher's unit tests), each worth its points.
# `make check-labs` grades each lab both ways: full marks on this tree,
# below the pass mark on its stubbed tree.

# The lab `make grade` marks: the one lab-start wrote into .lab, or LAB=.
LAB ?= $(shell cat .lab 2>/dev/null)
LABS_IN_CHECK ?= yes

HELP_LINES += 'make labs          the labs made from the chapters' \
	'make lab-start LAB=NAME DIR=../mylab   a tree for one lab, its chunks to write' \
	'make grade         mark the lab of this tree (or LAB=NAME)' \
	'make check-labs    every lab: full marks here, fewer on its stubbed tree'
ifeq ($(LABS_IN_CHECK),yes)
CHECK_SUITES += labs
endif

.PHONY: labs lab-start grade check-labs

labs:
	@$(PYTHON) weave/labs.py list

lab-start:
	@$(PYTHON) weave/labs.py start '$(LAB)' '$(DIR)'

grade: | $(BUILD)/.deps-ok
	@$(PYTHON) weave/labs.py grade '$(LAB)'

check-labs: | $(BUILD)/.deps-ok
	@CACHE=$(abspath $(CACHE)) tests/labs/run
