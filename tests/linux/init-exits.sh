#!/bin/sh
# @test     init-exits
# @summary  when /init exits the Guest's kernel panics ("Attempted to kill init!"), and the Launcher says "Guest crashed" with status 2
# @category functional
# @timeout  60
# @mem      64
# @status   2
# @output   ^lguest: Guest crashed: Attempted to kill init! exitcode=0x00000300
exit_init 3
