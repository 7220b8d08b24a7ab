#!/bin/sh
# @test     traps
# @summary  in user space a NULL store gives SIGSEGV, a division by zero SIGFPE, int3 SIGTRAP and ud2 SIGILL, each killing only that process
# @category functional
# @timeout  90
# @mem      64
# The shell reports a process killed by signal N as status 128 + N.
for c in segv:11 fpe:8 int3:5 ud2:4; do
	lintrap "${c%:*}"
	rc=$?
	[ "$rc" -eq $((128 + ${c#*:})) ] ||
		fail "lintrap ${c%:*} ended with status $rc, not $((128 + ${c#*:})) (signal ${c#*:})"
done
# Only that process: its parent, this shell, goes on, and so do new ones.
lintrap syscalls 10 >/dev/null || fail "a program after the traps failed"
echo "linux: traps: SIGSEGV, SIGFPE, SIGTRAP, SIGILL, and the shell goes on"
