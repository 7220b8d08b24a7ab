#!/bin/sh
# @test     ext2
# @summary  An ext2 filesystem made on /dev/vda with busybox's mke2fs, mounted, written and unmounted is found intact after the Guest reboots: every file's checksum matches on the second boot
# @category functional
# @timeout  300
# @mem      64
# @block    8192
# @boots    3
# @output   (?s)^lguest: Guest restarting: .*^linux: the files survived the reboot
mkdir -p /mnt
if mount -t ext2 /dev/vda /mnt 2>/dev/null; then
	(cd /mnt && md5sum -c sums >/dev/null 2>&1) ||
		fail "the files on /mnt do not match the checksums written on the first boot"
	[ "$(cat /mnt/boot 2>/dev/null)" = first ] || fail "/mnt/boot does not say first"
	umount /mnt || fail "cannot unmount /mnt"
	echo "linux: the files survived the reboot"
else
	mke2fs -q /dev/vda || fail "mke2fs /dev/vda failed"
	mount -t ext2 /dev/vda /mnt || fail "cannot mount the new filesystem"
	echo first >/mnt/boot
	dd if=/dev/urandom of=/mnt/random bs=1024 count=2048 2>/dev/null
	mkdir /mnt/dir
	seq 1 10000 >/mnt/dir/numbers
	(cd /mnt && md5sum boot random dir/numbers >sums)
	umount /mnt || fail "cannot unmount /mnt"
	[ -s /tmp/fails ] && exit 1
	echo "linux: made, wrote and unmounted an ext2 filesystem; rebooting"
	reboot -f
	sleep 10
	fail "reboot -f returned"
fi
