#!/bin/sh
# @test     privileged
# @summary  a user process that executes int $0x1f (the hypercall vector), cli, hlt, in or lgdt, or reads the top 4 MB (the Switcher's), gets SIGSEGV; the Guest goes on
# @category functional
# @timeout  90
# @mem      64
for c in hcall cli hlt in lgdt switcher; do
	lintrap "$c"
	rc=$?
	[ "$rc" -eq 139 ] || fail "lintrap $c ended with status $rc, not 139 (SIGSEGV)"
done
lintrap syscalls 1000 >/dev/null || fail "the Guest's system calls failed afterwards"
sleep 1 || fail "the Guest's clock stopped afterwards"
echo "linux: int \$0x1f, cli, hlt, in, lgdt and the Switcher's address: SIGSEGV each"
