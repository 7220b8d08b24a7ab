#!/bin/sh
# @test     net-tcp
# @summary  32 MB over TCP each way with busybox nc: random data from the lab machine arrives in the Guest with its checksum, and 32 MB of the Guest's own reach the lab machine with theirs; both ends check both checksums (net-tcp.lab)
# @category functional
# @timeout  420
# @mem      128
# @net      yes
# @output   ^lab: both ends agree
# net-tcp.lab serves, at 10.0.0.1: on port 5001, 32 MB of random data; on
# 5002, their md5; on 5003, it reads what comes until the end and answers
# with the md5 of it; on 5004, it takes this Guest's two checksums, to
# check them itself after the Guest has powered off.  nc needs an input
# that does not end while it receives (else it shuts its side at once, and the sender stops):
# /tmp/hold, a FIFO opened for reading and writing.  Each 32 MB takes a
# few seconds on Debian's Host, and up to 90 on the debug Host (lockdep
# and the rest, make check-hostile); each transfer may take three times
# that, but all of them come out of one allowance, 380 s, so that a test
# that hangs ends with its own message before the harness's @timeout.
md5() { md5sum "$@" | cut -c1-32; }
last=$(($(now) + 380))
# within SECONDS CMD...: CMD under timeout, SECONDS at most, and never
# beyond the allowance
within() {
	w=$((last - $(now)))
	[ "$w" -le "$1" ] || w=$1
	[ "$w" -ge 1 ] || w=1
	shift
	timeout "$w" "$@"
}
# since T: the seconds from T, the Guest's uptime then, to now
since() { awk -v t="$1" '{ printf "%.2f s", $1 - t }' /proc/uptime; }
if [ ! -e /sys/class/net/eth0 ]; then
	fail "no eth0: the Guest found no virtio network card (the Launcher has --tunnet)"
	exit 0
fi
mkfifo /tmp/hold
ip link set lo up
ip link set eth0 up && ip addr add 10.0.0.2/24 dev eth0 || fail "cannot give eth0 the address 10.0.0.2"
# The lab machine answers pings only once its servers listen.
if ! wait_until 45 ping -c 1 -W 1 10.0.0.1; then
	fail "the lab machine at 10.0.0.1 did not answer a ping in 45 s"
	exit 0
fi
# The lab machine to the Guest.
t0=$(cut -d" " -f1 /proc/uptime)
within 270 nc 10.0.0.1 5001 <>/tmp/hold >/tmp/in || fail "receiving the lab machine's 32 MB failed (nc status $?)"
t=$(since "$t0")
got=$(md5 /tmp/in)
size=$(wc -c </tmp/in)
rm -f /tmp/in
want=$(within 20 nc 10.0.0.1 5002 <>/tmp/hold)
[ "$size" = 33554432 ] || fail "received $size bytes from the lab machine, not 33554432"
[ "$got" = "$want" ] || fail "received the lab machine's data with md5 $got; it sent md5 ${want:-nothing}"
echo "linux: lab machine -> Guest: $size bytes in $t, md5 $got (the lab machine's: $want)"
# The Guest to the lab machine.
dd if=/dev/urandom of=/tmp/out bs=1M count=32 2>/dev/null
sum=$(md5 /tmp/out)
t0=$(cut -d" " -f1 /proc/uptime)
back=$(within 270 nc 10.0.0.1 5003 </tmp/out | cut -c1-32)
t=$(since "$t0")
rm -f /tmp/out
[ "$back" = "$sum" ] || fail "sent 32 MB with md5 $sum; the lab machine received md5 ${back:-nothing}"
echo "linux: Guest -> lab machine: 33554432 bytes in $t, md5 $sum (the lab machine's: $back)"
# For the lab machine's own check, after the Guest.
printf 'received %s\nsent %s\n' "$got" "$sum" >/tmp/sums
within 20 nc 10.0.0.1 5004 </tmp/sums || fail "could not give the lab machine the Guest's checksums"
