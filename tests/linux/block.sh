#!/bin/sh
# @test     block
# @summary  The virtio disk is /dev/vda with the image's size; 32 MB of random data written with dd and flushed read back with the same checksum, and the lab machine finds the same bytes in the image after the Guest powered off (block.lab)
# @category functional
# @timeout  300
# @mem      128
# @block    40960
# @output   ^lab: the image holds the Guest's 32 MB
[ -b /dev/vda ] || fail "no /dev/vda"
sectors=$(cat /sys/block/vda/size)
[ "$sectors" = 81920 ] || fail "/dev/vda has $sectors sectors; the image has 81920"
[ "$(cat /sys/block/vda/ro)" = 0 ] || fail "/dev/vda is read-only"
dd if=/dev/urandom of=/tmp/data bs=1M count=32 2>/dev/null
sum=$(md5sum </tmp/data | cut -c1-32)
dd if=/tmp/data of=/dev/vda bs=1M conv=fsync 2>/dev/null || fail "writing /dev/vda failed"
rm /tmp/data
# The checksum goes on the disk too, at 32 MB, for the lab machine.
echo "$sum" | dd of=/dev/vda bs=1M seek=32 conv=fsync 2>/dev/null
echo 3 >/proc/sys/vm/drop_caches
back=$(dd if=/dev/vda bs=1M count=32 2>/dev/null | md5sum | cut -c1-32)
[ "$back" = "$sum" ] || fail "read back md5 $back; written $sum"
echo "linux: 32 MB written, flushed and read back: md5 $sum"
