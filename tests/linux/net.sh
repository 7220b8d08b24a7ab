#!/bin/sh
# @test     net
# @summary  the virtio network card is eth0 with the MAC the Launcher gives it (02:4c:47:00:00:NN, NN its device number); the Guest at 10.0.0.2 pings the lab machine at 10.0.0.1 three times out of three, and the lab machine pings the Guest (net.lab)
# @category functional
# @timeout  120
# @mem      64
# @net      yes
# @output   ^lab: pinged the Guest at 10\.0\.0\.2: 3 of 3 answered
# The far end of eth0 is the tap lgtap0 in the lab machine, where net.lab
# gives it 10.0.0.1 once the Launcher has made it, pings the Guest, and
# then tells it so on TCP port 5000: the Guest waits for that word before
# it powers off, so that it is still there to answer.  Every wait has a
# deadline: a missing answer is a FAILURE that says which, never a hang.
if [ ! -e /sys/class/net/eth0 ]; then
	fail "no eth0: the Guest found no virtio network card (the Launcher has --tunnet)"
	exit 0
fi
# The Launcher numbers its devices in order: the console 0, then each
# disk, then the network card, whose number is its MAC's last byte.
n=$((1 + $(ls -d /sys/block/vd* 2>/dev/null | wc -l)))
want=$(printf '02:4c:47:00:00:%02x' "$n")
mac=$(cat /sys/class/net/eth0/address)
[ "$mac" = "$want" ] || fail "eth0's MAC is $mac, not $want (device $n)"
# The lab machine's word comes on port 5000; the FIFO, open for reading
# and writing, is an input that never ends, so that nc does not close its
# side of the connection before the word has come.
mkfifo /tmp/hold
timeout 100 nc -l -p 5000 <>/tmp/hold >/tmp/labsaid 2>&1 &
listener=$!
ip link set lo up
ip link set eth0 up && ip addr add 10.0.0.2/24 dev eth0 || fail "cannot give eth0 the address 10.0.0.2"
wait_until 60 ping -c 1 -W 1 10.0.0.1 ||
	fail "the lab machine at 10.0.0.1 did not answer a ping in 60 s"
ping -c 3 10.0.0.1 >/tmp/ping.out 2>&1
grep -q ', 3 packets received' /tmp/ping.out ||
	fail "ping -c 3 10.0.0.1: $(grep 'packets received' /tmp/ping.out || echo no summary)"
echo "linux: eth0 is $mac; ping 10.0.0.1: $(grep 'round-trip' /tmp/ping.out)"
wait "$listener"
said=$(cat /tmp/labsaid)
echo "linux: the lab machine said: ${said:-nothing}"
case $said in
"lab: pinged the Guest at 10.0.0.2: 3 of 3 answered"*) ;;
"") fail "no word from the lab machine on port 5000 in 100 s: did it ping the Guest?" ;;
*) fail "the lab machine said: $said" ;;
esac
