#!/bin/sh
# @test     pipeline
# @summary  pipelines: seq | grep | wc, five programs in a row, and 4 MB through a pipe checksummed
# @category functional
# @timeout  120
# @mem      64
n=$(seq 1 2000 | grep 7 | wc -l)
[ "$n" -eq 542 ] || fail "seq 1 2000 | grep 7 | wc -l says $n, not 542"
w=$(echo 'the quick brown fox jumps over the lazy dog' | tr ' ' '\n' | sort | uniq | wc -l)
[ "$w" -eq 8 ] || fail "a five-program pipeline counted $w distinct words, not 8"
sum=$(dd if=/dev/zero bs=1024 count=4096 2>/dev/null | md5sum | cut -d' ' -f1)
[ "$sum" = b5cfa9d6c8febd618f91ac2843d50a1c ] || fail "4 MB of zeros through a pipe: md5 $sum"
echo "linux: pipelines: $n, $w, $sum"
