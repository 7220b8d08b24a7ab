#!/bin/sh
# @test     bench
# @summary  make bench inside the Linux Guest: host-bench's system call and page fault, made by a Linux process at ring 3 under lguest, beside the same program on the Host
# @category bench
# @timeout  120
# @mem      64
# @output   ^bench: linux fault
# host-bench is the Host's side of make bench (tests/bench/host-bench.c), a
# plain static i386 Linux program; make bench puts it in the Guest's initrd
# too, and its figures come back renamed "linux".
[ -x /bin/host-bench ] || skip "no /bin/host-bench in the Guest's initrd (make bench puts it there)"
host-bench >/tmp/bench.out || fail "host-bench failed in the Guest"
sed -n 's/^bench: host /bench: linux /p' /tmp/bench.out
