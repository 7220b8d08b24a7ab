#!/bin/sh
# @test     forkexec
# @summary  500 fork+exec of busybox commands, each giving the right answer
# @category functional
# @timeout  240
# @mem      64
i=0
bad=0
while [ "$i" -lt 500 ]; do
	n=$(/bin/expr "$i" + 1) || bad=$((bad + 1))
	[ "$n" = $((i + 1)) ] || bad=$((bad + 1))
	i=$((i + 1))
done
echo "linux: 500 runs of /bin/expr, $bad wrong"
[ "$bad" -eq 0 ] || fail "$bad of 500 fork+exec gave a wrong answer"
/bin/true || fail "/bin/true failed"
! /bin/false || fail "/bin/false succeeded"
