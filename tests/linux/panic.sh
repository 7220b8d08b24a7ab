#!/bin/sh
# @test     panic
# @summary  a panic forced with echo c > /proc/sysrq-trigger ends the Launcher with status 2 and "Guest crashed" (SKIP without CONFIG_MAGIC_SYSRQ)
# @category functional
# @timeout  60
# @mem      64
# @status   2
# @output   ^lguest: Guest crashed: .*sysrq
[ -e /proc/sysrq-trigger ] || skip "no /proc/sysrq-trigger: the Guest has no CONFIG_MAGIC_SYSRQ"
result "SUCCESS: a panic comes now"
echo c >/proc/sysrq-trigger
sleep 10
fail "the Guest did not panic"
