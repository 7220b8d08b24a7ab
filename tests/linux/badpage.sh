#!/bin/sh
# @test     badpage
# @summary  A device page that lies (tests/linux/badpage.c): after the console come seven disks, each with one thing wrong (interrupt 0, interrupt 4000, 3 entries, 0 entries, no queues, no configuration, an entry running past the page); each gets a clear message, the one without configuration reads as 0 bytes, the one past the page and anything after it is ignored, and the kernel neither oopses nor warns
# @category functional
# @timeout  90
# @mem      64
# @launcher lguest-badpage
expect() {
	dmesg | grep -qF "$1" || fail "the kernel's log does not say: $1"
}
expect "virtio1: queue 0 asks for interrupt 0, which is no device's"
expect "virtio2: queue 0 asks for interrupt 4000, which is no device's"
expect "virtio3: queue 0 has 3 entries, not a power of two"
expect "virtio4: queue 0 has 0 entries, not a power of two"
expect "virtio5: the driver asks for queue 0, and the device has 0"
expect "virtio6: config bytes 0-8 asked for; the device has 0"
expect "lguest: the device at offset 1366 (type 2, 255 queues, 255 feature and 255 config bytes) runs past the device page"
n=$(ls /sys/bus/virtio/devices | wc -l)
[ "$n" = 7 ] || fail "$n virtio devices, not 7 (the console and six liars)"
for i in 1 2 3 4 5; do
	[ ! -e /sys/bus/virtio/devices/virtio$i/driver ] ||
		fail "virtio$i has a driver: $(readlink /sys/bus/virtio/devices/virtio$i/driver)"
done
[ "$(cat /sys/block/vda/size 2>/dev/null)" = 0 ] ||
	fail "vda (virtio6, no configuration) is not an empty disk: $(cat /sys/block/vda/size 2>&1)"
if dmesg | grep -E 'Oops|BUG|WARNING|Call Trace'; then
	fail "the kernel's log has an oops or a warning (above)"
fi
dmesg | grep -E 'virtio[1-6]|runs past' | sed 's/^/linux: log: /'
