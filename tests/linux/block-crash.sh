#!/bin/sh
# @test     block-crash
# @summary  A Launcher killed (SIGKILL) in the middle of the Guest's disk writes leaves an image holding every write the Guest had flushed: the Guest writes 1 MB chunks, each flushed and then counted in sector 0; the lab machine kills the Launcher and checks each counted chunk (block-crash.lab)
# @category functional
# @timeout  300
# @mem      64
# @block    65536
# @status   137
# @output   ^lab: killed the Launcher after [0-9]+ flushed chunks; all [0-9]+ flushed chunks are in the image$
i=1
while [ "$i" -le 60 ]; do
	yes "chunk $i" | head -c 1048576 | dd of=/dev/vda bs=1M seek="$i" conv=fsync 2>/dev/null
	echo "$i" | dd of=/dev/vda bs=512 count=1 conv=fsync 2>/dev/null
	i=$((i + 1))
done
fail "all 60 chunks were written and the lab machine never killed the Launcher"
