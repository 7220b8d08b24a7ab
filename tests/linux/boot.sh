#!/bin/sh
# @test     boot
# @summary  Linux 6.1 boots under the Host to the /init of its initrd: the paravirt banner, the version, the clock source, and /init's shell running programs
# @category functional
# @timeout  90
# @mem      64
# @output   ^Booting paravirtualized kernel on lguest$
uname -r | grep -q '^6\.1\.' || fail "uname -r says $(uname -r), not 6.1.*"
dmesg | grep -q 'Booting paravirtualized kernel on lguest' ||
	fail "the kernel's log does not say it booted on lguest"
dmesg | grep -q 'Switched to clocksource' || fail "no clock source was chosen"
[ "$(cat /proc/sys/kernel/ostype)" = Linux ] || fail "/proc/sys/kernel/ostype is unreadable"
grep -q '^MemTotal:' /proc/meminfo || fail "/proc/meminfo has no MemTotal"
[ "$(cat /proc/1/comm)" = init ] || fail "process 1 is $(cat /proc/1/comm), not /init"
echo "linux: $(uname -s) $(uname -r) $(uname -m), $(grep -c '^processor' /proc/cpuinfo) processor(s)"
