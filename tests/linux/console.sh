#!/bin/sh
# @test     console
# @summary  The virtio console is the Guest's console: virtio0 on the lguest bus is device 3 and hvc0 is the active console; the boot console handed over to it with no line printed twice; a line typed into the Launcher's standard input reaches /init's
# @category functional
# @timeout  90
# @mem      64
# @input    yes
# @output   (?s)\A(?:(?!Linux version).)*^Linux version (?:(?!Linux version).)*^printk: console \[hvc0\] enabled$.*^printk: bootconsole \[lguest0\] disabled$(?:(?!Run /init).)*^Run /init as init process$(?:(?!Run /init).)*\Z
dev=/sys/bus/virtio/devices/virtio0
[ "$(cat $dev/device 2>/dev/null)" = 0x0003 ] ||
	fail "virtio0 is device $(cat $dev/device 2>/dev/null), not the console (0x0003)"
case $(readlink -f $dev) in
/sys/devices/lguest/*) ;;
*) fail "virtio0 is $(readlink -f $dev), not under /sys/devices/lguest" ;;
esac
grep -qw hvc0 /sys/class/tty/console/active ||
	fail "the active console is $(cat /sys/class/tty/console/active), not hvc0"
if read -t 30 line; then
	[ "$line" = "typed on the console" ] || fail "read \"$line\", not the line typed"
else
	fail "nothing typed arrived on the console in 30 s"
fi
