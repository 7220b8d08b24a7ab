#!/bin/sh
# @test     mem
# @summary  a user process maps 64 MB, writes every word and reads it back, in a Guest of 128 MB
# @category functional
# @timeout  180
# @mem      128
total=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
[ "$total" -gt 100000 ] || fail "MemTotal is $total kB in a Guest of 128 MB"
lintrap mem 64 || fail "64 MB written and read back: lintrap mem failed"
lintrap mem 64 >/dev/null || fail "64 MB a second time (the first given back): lintrap mem failed"
echo "linux: MemTotal $total kB"
