#!/bin/sh
# @test     reboot
# @summary  reboot -f makes the Launcher start the Guest again ("Guest restarting"), and the second boot reaches /init; the lab machine then stops the Launcher with SIGTERM
# @category functional
# @timeout  150
# @mem      64
# @boots    2
# @status   143
# @output   (?s)^lguest: Guest restarting: .*^Booting paravirtualized kernel on lguest$.*^linux: test reboot begins
result "SUCCESS: rebooting"
reboot -f
sleep 10
fail "reboot -f returned, and the Guest still runs"
