#!/bin/sh
# @test     bench-io
# @summary  make bench's figures for the Linux Guest's devices: nc throughput each way and ping's round trip to the lab machine, dd to and from /dev/vda, with interrupts and Launcher exits per MB; the lab machine's own figures beside them (bench-io.lab)
# @category bench
# @timeout  240
# @mem      128
# @block    40960
# @net      yes
# @output   ^bench: linux disk-read
# Figures, never checks (tests/bench/figures prints them beside the lab
# machine's): 32 MB (MiB) each, timed with the Guest's monotonic clock
# (the "now at" of /proc/timer_list, in nanoseconds).  At
# 10.0.0.1 bench-io.lab serves, on port 5001, 32 MB of random data; on
# 5003, it reads all that comes and closes; on 5005, it answers with the
# number of read() calls the Launcher's main thread has made (its syscr
# in /proc/PID/task/PID/io), which is the number of exits it took from
# the Host: each notification of a virtqueue is one.  A query costs a few
# exits itself, so each figure subtracts what one query costs.  The
# interrupts are the Guest's /proc/interrupts lines of the device used.
if [ ! -e /sys/class/net/eth0 ]; then
	fail "no eth0: the Guest found no virtio network card (the Launcher has --tunnet)"
	exit 0
fi
if [ ! -b /dev/vda ]; then
	fail "no /dev/vda: the Guest found no virtio disk (the Launcher has --block)"
	exit 0
fi
mkfifo /tmp/hold
ip link set lo up
ip link set eth0 up && ip addr add 10.0.0.2/24 dev eth0 || fail "cannot give eth0 the address 10.0.0.2"
if ! wait_until 60 ping -c 1 -W 1 10.0.0.1; then
	fail "the lab machine at 10.0.0.1 did not answer a ping in 60 s"
	exit 0
fi
net=$(basename "$(readlink /sys/class/net/eth0/device)")
disk=$(basename "$(readlink /sys/block/vda/device)")
# irqs DEVICE: the interrupts so far on the lines of virtio DEVICE
irqs() {
	awk -v d="$1" '{ for (i = 5; i <= NF; i++) { f = $i; sub(",", "", f)
		if (f == d) { s += $2; break } } } END { print s + 0 }' /proc/interrupts
}
exits() { timeout 10 nc 10.0.0.1 5005 <>/tmp/hold; }
ns() { sed -n '/^now at /{s/^now at \([0-9]*\) nsecs.*/\1/p;q}' /proc/timer_list; }
num() { case $1 in ""|*[!0-9]*) return 1 ;; esac; }
# What one query costs: the difference between two in a row.
x0=$(exits)
x1=$(exits)
query=
! num "$x0" || ! num "$x1" || query=$((x1 - x0))
# measure NAME DEVICE CMD...: time CMD, and print NAME's figures: MB/s,
# and interrupts and exits per MB.
measure() {
	name=$1 dev=$2
	shift 2
	x0=$(exits)
	i0=$(irqs "$dev")
	t0=$(ns)
	"$@" >/dev/null 2>&1 || fail "$name: $* failed"
	t1=$(ns)
	i1=$(irqs "$dev")
	x1=$(exits)
	awk -v t0="$t0" -v t1="$t1" -v n="$name" -v i0="$i0" -v i1="$i1" 'BEGIN {
		t = (t1 - t0) / 1e9; if (t <= 0) t = 1e-9
		printf "bench: linux %s %.2f MB/s\n", n, 32 / t
		printf "bench: linux %s-irqs %.1f per MB\n", n, (i1 - i0) / 32 }'
	if num "$query" && num "$x0" && num "$x1"; then
		awk -v n="$name" -v a="$x0" -v b="$x1" -v q="$query" \
			'BEGIN { printf "bench: linux %s-exits %.1f per MB\n", n, (b - a - q) / 32 }'
	else
		echo "bench: linux $name-exits n/a (the lab machine could not count the Launcher's exits: ${x1:-no answer})"
	fi
}
dd if=/dev/urandom of=/tmp/out bs=1M count=32 2>/dev/null
net_send() { timeout 60 nc 10.0.0.1 5003 </tmp/out; }
net_recv() { timeout 60 nc 10.0.0.1 5001 <>/tmp/hold; }
disk_write() { dd if=/tmp/out of=/dev/vda bs=1M conv=fsync; }
disk_read() { dd if=/dev/vda of=/dev/null bs=1M count=32; }
measure net-send "$net" net_send
measure net-recv "$net" net_recv
measure disk-write "$disk" disk_write
echo 3 >/proc/sys/vm/drop_caches
measure disk-read "$disk" disk_read
ping -c 20 -i 0.2 10.0.0.1 >/tmp/ping.out 2>&1
avg=$(sed -n 's|^round-trip min/avg/max = [^/]*/\([^/]*\)/.*|\1|p' /tmp/ping.out)
[ -n "$avg" ] && echo "bench: linux ping $avg ms" || fail "ping 10.0.0.1: $(tail -n 1 /tmp/ping.out)"
echo "linux: one query of the Launcher's exits costs ${query:-?} exits (subtracted above)"
