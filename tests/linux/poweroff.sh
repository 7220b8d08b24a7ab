#!/bin/sh
# @test     poweroff
# @summary  poweroff -f in the Guest ends the Launcher with status 0 and "Guest powered off"
# @category functional
# @timeout  60
# @mem      64
# @status   0
# @output   ^lguest: Guest powered off: Power down$
result "SUCCESS: powering off"
poweroff -f
sleep 10
fail "poweroff -f returned, and the Guest still runs"
