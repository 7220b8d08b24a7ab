#!/bin/sh
# @test     bridge
# @summary  one of two Linux Guests on a bridge in the lab machine (tests/linux/pairs, pair-linux-bridge): each has the MAC its Launcher was given (--tunnet=TAP,mac=), pings the other, tells it so, and powers off only once the other has said the same
# @category pair
# @timeout  240
# @mem      64
# @output   ^linux: the peer said: pinged 10\.0\.0\.[34]: 3 of 3 answered
# The lab machine's /init starts the two Guests with a network card each,
# and a MAC of its own: --tunnet=lgtapA,mac=02:4c:47:00:01:03 and
# --tunnet=lgtapB,mac=02:4c:47:00:01:04 (a bridge cannot forward between
# two cards of one MAC).  It joins the taps on its bridge br0, and tells
# each Guest who it is on the kernel command line: lintest.ip=ITS-ADDRESS
# lintest.peer=THE-OTHER'S lintest.mac=ITS-CARD'S.  Each checks that eth0
# has that MAC, listens on TCP port 5000 for the other's word ("pinged
# ITS-ADDRESS: 3 of 3 answered"), pings it, then gives it its own; so
# neither powers off while the other still needs an answer.  Every wait
# has a deadline.
ip= peer= mac=
for arg in $(cat /proc/cmdline); do
	case $arg in
	lintest.ip=*) ip=${arg#lintest.ip=} ;;
	lintest.peer=*) peer=${arg#lintest.peer=} ;;
	lintest.mac=*) mac=${arg#lintest.mac=} ;;
	esac
done
[ -n "$ip" ] && [ -n "$peer" ] || skip "not one of a pair on a bridge: no lintest.ip= and lintest.peer= on the kernel command line"
if [ ! -e /sys/class/net/eth0 ]; then
	fail "no eth0: the Guest found no virtio network card (the Launcher has --tunnet)"
	exit 0
fi
# The Guest's driver read its MAC from the card's configuration, where
# the Launcher put the address of its --tunnet=TAP,mac=.
if [ -z "$mac" ]; then
	fail "no lintest.mac= on the kernel command line: which MAC was the Launcher given?"
elif [ "$(cat /sys/class/net/eth0/address)" != "$mac" ]; then
	fail "eth0's MAC is $(cat /sys/class/net/eth0/address), not $mac, the Launcher's --tunnet=TAP,mac=$mac"
fi
mkfifo /tmp/hold
timeout 150 nc -l -p 5000 <>/tmp/hold >/tmp/peersaid 2>&1 &
listener=$!
ip link set lo up
ip link set eth0 up && ip addr add "$ip/24" dev eth0 || fail "cannot give eth0 the address $ip"
echo "linux: eth0 is $ip, MAC $(cat /sys/class/net/eth0/address); the peer is $peer"
if wait_until 90 ping -c 1 -W 1 "$peer" &&
	ping -c 3 "$peer" >/tmp/ping.out 2>&1 &&
	grep -q ', 3 packets received' /tmp/ping.out; then
	echo "pinged $peer: 3 of 3 answered ($(grep round-trip /tmp/ping.out))" >/tmp/word
else
	echo "could not ping $peer: $(grep 'packets received' /tmp/ping.out 2>/dev/null || echo 'no answer in 90 s')" >/tmp/word
	fail "$(cat /tmp/word)"
fi
echo "linux: $(cat /tmp/word)"
tell_peer() { nc -w 5 "$peer" 5000 </tmp/word; }
wait_until 30 tell_peer || fail "could not give $peer the word on its port 5000"
wait "$listener"
said=$(cat /tmp/peersaid)
echo "linux: the peer said: ${said:-nothing}"
case $said in
"pinged $ip: 3 of 3 answered"*) ;;
"") fail "no word from $peer on port 5000 in 150 s: did it ping this Guest?" ;;
*) fail "$peer said: $said" ;;
esac
