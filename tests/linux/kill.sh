#!/bin/sh
# @test     kill
# @summary  kill -TERM ends a running child (status 143), a child that traps TERM runs its handler, kill -0 sees a live process and not a dead one
# @category functional
# @timeout  90
# @mem      64
# The children spin rather than sleep, so that they are surely there when
# the signal comes (the clock has a test of its own: timer.sh).
sh -c 'while :; do :; done' &
p=$!
kill -0 "$p" || fail "kill -0 does not see the child $p"
kill -TERM "$p"
wait "$p"
rc=$?
[ "$rc" -eq 143 ] || fail "a child killed by SIGTERM ended with status $rc, not 143"
! kill -0 "$p" 2>/dev/null || fail "the killed child $p is still there"
sh -c 'trap "echo caught; exit 7" TERM; echo ready; while :; do :; done' >/tmp/trap.out &
p=$!
while ! grep -q ready /tmp/trap.out; do :; done
kill -TERM "$p"
wait "$p"
rc=$?
[ "$rc" -eq 7 ] || fail "a child that traps SIGTERM ended with status $rc, not 7"
grep -q caught /tmp/trap.out || fail "the child's SIGTERM handler did not run"
echo "linux: kill -TERM: 143, then a handler and 7"
