#!/bin/sh
# @test     block-ro
# @summary  A disk given with --block=FILE,ro is read-only in the Guest: dd cannot write it, and the lab machine finds the image unchanged afterwards (block-ro.lab)
# @category functional
# @timeout  120
# @mem      64
# @block    1024,ro
# @output   ^lab: the read-only image is unchanged
[ -b /dev/vda ] || fail "no /dev/vda"
[ "$(cat /sys/block/vda/ro)" = 1 ] || fail "/sys/block/vda/ro says $(cat /sys/block/vda/ro), not 1"
if dd if=/dev/zero of=/dev/vda bs=4096 count=1 conv=fsync 2>/dev/null; then
	fail "dd wrote to the read-only disk"
fi
head -c 16 /dev/vda | grep -q 'lab pattern' || fail "the disk does not hold what the lab machine wrote"
