#!/bin/sh
# host-module: what lg.ko shows of itself in the lab machine, once /init
# has loaded it: its device and its switcher_addr, four Guests at once,
# what it holds for a running Guest and gives back, Ctrl-C, the reason of
# a killed Guest in its log, and unloading and loading again (it ends
# loaded, for the tests after it).
#
# @test     host-module
# @summary  lg.ko's device and switcher_addr, four Guests at once, what it holds for a Guest and gives back, SIGINT, kill reasons in its log, rmmod and insmod again
# @category functional
# @program  /bin/host-module
# @subtests yes
# @timeout  120
# @expect   SUCCESS
failed=0
check() {
	what=$1
	shift
	if "$@"; then
		echo "ok - $what"
	else
		echo "FAIL - $what"
		failed=$((failed + 1))
		return 1
	fi
}
result() { grep -q 'Test result: SUCCESS' "$1"; }
# What the module holds for its Guests (/sys/module/lg/parameters/).
held() {
	cat /sys/module/lg/parameters/guests /sys/module/lg/parameters/shadow_pages \
		/sys/module/lg/parameters/pinned_pages | tr '\n' ' '
}
# How many times an unload has said it was given everything back.
unloads() { dmesg | grep -c 'every Guest, shadow page and pin was given back'; }

check "/dev/lguest is there" test -c /dev/lguest
hex=$(printf '%#x' "$(cat /sys/module/lg/parameters/switcher_addr)")
check "switcher_addr ($hex) is the address the Host announced" \
	sh -c "dmesg | grep -q 'Switcher at $hex,'"
check "switcher_addr cannot be set" \
	sh -c '! echo 4096 2>/dev/null >/sys/module/lg/parameters/switcher_addr'

lguest 32 /guests/hello.elf >/tmp/hm-hello.out 2>&1 </dev/null
check "a Guest prints and shuts down" result /tmp/hm-hello.out

# Four Guests at once, on both processors.
for i in 1 2 3 4; do
	lguest 32 /guests/timer.elf >/tmp/hm-four.$i 2>&1 </dev/null &
done
wait
all_four() { for i in 1 2 3 4; do result /tmp/hm-four.$i || return 1; done; }
check "four Guests at once" all_four ||
	sed 's/^/    /' /tmp/hm-four.*

# Counted while a Guest runs, all given back once it is gone.
lguest 32 /guests/fpu.elf >/tmp/hm-held.out 2>&1 </dev/null &
pid=$!
for n in $(seq 50); do
	set -- $(held)
	[ "$1" = 1 ] && [ "$3" -gt 0 ] && break
	sleep 0.1
done
check "a running Guest is counted ($1 Guest, $2 shadow pages, $3 pins)" \
	test "$1" = 1 -a "$2" -gt 0 -a "$3" -gt 0
kill -INT $pid
wait $pid 2>/dev/null
check "all given back when it ends (now $(held))" test "$(held)" = "0 0 0 "

# Ctrl-C: SIGINT ends a Guest that is running.
lguest 32 /guests/fpu.elf >/tmp/hm-int.out 2>&1 </dev/null &
pid=$!
sleep 0.1
kill -INT $pid
sleep 2
check "SIGINT ends a running Guest" sh -c "! kill -0 $pid 2>/dev/null"
wait $pid 2>/dev/null

# A killed Guest's reason is in the Host's log too, not only the Launcher's.
said() { dmesg | grep -c 'lguest: killed a Guest: bad IDT entry 40'; }
before=$(said)
lguest 32 /guests/host-kill-idt.elf >/tmp/hm-kill.out 2>&1 </dev/null
check "the Host's log says why it killed a Guest" test "$(said)" = $((before + 1))

# Unloading and loading again, twice, each unload with nothing left over.
before=$(unloads)
check "rmmod lg" rmmod lg
check "/dev/lguest is gone" test ! -e /dev/lguest
check "lg.ko loads again" insmod /lg.ko
lguest 32 /guests/hello.elf >/tmp/hm-hello2.out 2>&1 </dev/null
check "a Guest runs after reloading" result /tmp/hm-hello2.out
check "rmmod lg again" rmmod lg
check "at each unload, nothing was left over" test "$(unloads)" = $((before + 2))
check "lg.ko loads a third time, for the tests after this one" insmod /lg.ko
check "/dev/lguest is back" test -c /dev/lguest

if [ "$failed" = 0 ]; then
	echo "Test result: SUCCESS"
else
	echo "Test result: FAILURE: $failed checks failed"
fi
