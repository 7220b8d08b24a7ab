#!/bin/sh
# @test     timer
# @summary  the Guest's clock ticks: the clocksource is the TSC when the Guest has one and the Host's clock (lguest) when not, lguest-clock interrupts in /proc/interrupts grow across sleep 1, sleep 2 lasts about 2 s of the Guest's uptime, and date advances
# @category functional
# @timeout  90
# @mem      64
# busybox's sleep calls clock_nanosleep with 32-bit times, and ignores its
# errors: without CONFIG_COMPAT_32BIT_TIME (guest.nw, "The clock") it
# returns at once, and the measurement below would mean nothing.
lintrap nanosleep
[ $? -ne 4 ] || fail "clock_nanosleep with 32-bit times is ENOSYS: CONFIG_COMPAT_32BIT_TIME is missing, and busybox's sleep does not sleep"
# The TSC when the Host gave its frequency (the Guest has the tsc flag),
# the Host's clock in the shared page when it did not (make check-hostile
# runs the Linux tests on a processor without a constant TSC).
clock=$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)
want=lguest
grep -qw tsc /proc/cpuinfo && want=tsc
echo "linux: the clocksource is $clock"
[ "$clock" = "$want" ] || fail "the clocksource is $clock, not $want"
ticks() { awk '/lguest-clock/ { print $2 }' /proc/interrupts; }
uptime_cs() { awk '{ split($1, a, "."); print a[1] * 100 + a[2] }' /proc/uptime; }
t0=$(ticks)
[ -n "$t0" ] || fail "no lguest-clock line in /proc/interrupts"
sleep 1
t1=$(ticks)
echo "linux: lguest-clock interrupts: $t0, then $t1 after sleep 1"
[ "${t1:-0}" -gt "${t0:-0}" ] || fail "no clock interrupt during sleep 1 ($t0, then $t1)"
u0=$(uptime_cs)
d0=$(date +%s)
k0=$(ticks)
sleep 2
u1=$(uptime_cs)
d1=$(date +%s)
k1=$(ticks)
cs=$((u1 - u0))
echo "linux: sleep 2 took $cs centiseconds of uptime and $((k1 - k0)) clock interrupts; date went from $d0 to $d1"
# The periodic tick is CONFIG_HZ=250 (src/guest/guest.config): at most
# twice that many interrupts, and a few more, in the time measured.
[ "$((k1 - k0))" -le $((cs * 5 + 20)) ] ||
	fail "$((k1 - k0)) clock interrupts in $cs centiseconds: more than twice HZ=250"
# Generous bounds: QEMU's emulated clock is elastic, but a sleep never ends
# early, and 2 s taking over 10 s of the Guest's own clock is a bug.
[ "$cs" -ge 195 ] || fail "sleep 2 lasted only $cs centiseconds"
[ "$cs" -le 1000 ] || fail "sleep 2 lasted $cs centiseconds"
[ "$((d1 - d0))" -ge 1 ] || fail "date did not advance across sleep 2 ($d0, $d1)"
[ "$((d1 - d0))" -le 30 ] || fail "date jumped from $d0 to $d1 across sleep 2"
[ "$d0" -gt 1500000000 ] || fail "the wall clock says $d0, before 2017"
