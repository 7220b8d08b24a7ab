#!/bin/sh
# @test     syscalls
# @summary  100,000 system calls (getppid by int $0x80) in a loop, each with the right answer
# @category functional
# @timeout  120
# @mem      64
lintrap syscalls 100000 || fail "100000 getppid() by int \$0x80 did not all give the right answer"
