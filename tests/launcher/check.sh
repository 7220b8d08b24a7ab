#!/bin/sh
# check.sh BUILD FUZZ_SECONDS: the Launcher's test suite.
#
# 1. the unit tests (build/launcher/unit), natively (or under qemu-i386 on
#    a kernel that runs no i386 program), no Host module needed;
# 2. the command line of the real static binary: options, sizes, images and
#    the messages a person sees; and the layers of its files (no file calls
#    one above it);
# 3. the fuzzers: every saved regression input, then each fuzzer for
#    FUZZ_SECONDS (in parallel).
# Each case prints `ok - NAME` or `FAIL - NAME: why`; the last line is
# `N passed, N failed`.
B=${1:-build/launcher}
T=${2:-30}
cd "$(dirname "$0")/../.." || exit 2
pass=0
fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1: $2"; fail=$((fail + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The unit tests and the Launcher are i386 programs.  An x86-64 kernel
# usually runs them as they are; one booted without its 32-bit emulation
# (ia32_emulation=off, or built without it) refuses with "Exec format
# error", and then QEMU's user-mode emulator (package qemu-user) runs them.
printf '.globl _start\n_start:\n\tmovl $1, %%eax\n\txorl %%ebx, %%ebx\n\tint $0x80\n' \
	>"$tmp/true32.S"
gcc -m32 -nostdlib -static -no-pie -o "$tmp/true32" "$tmp/true32.S"
run32=
if ! "$tmp/true32" 2>/dev/null; then
	if command -v qemu-i386 >/dev/null; then
		run32=qemu-i386
		echo "note - this kernel does not run i386 programs: qemu-i386 runs them"
	else
		bad i386 "this kernel does not run i386 programs, and qemu-i386 is missing (make deps)"
	fi
fi

# --- 1. unit tests ----------------------------------------------------------
ASAN_OPTIONS=detect_leaks=0 $run32 "$B/unit" >"$tmp/unit.log" 2>&1
grep -E '^(ok|FAIL) - ' "$tmp/unit.log" | sed -E 's/^(ok|FAIL) - /\1 - unit: /'
line=$(tail -n 1 "$tmp/unit.log")
case "$line" in
*" passed, "*" failed")
	pass=$((pass + ${line%% passed*}))
	f=${line#* passed, }
	fail=$((fail + ${f%% failed*})) ;;
*)
	tail -n 20 "$tmp/unit.log"
	bad unit "the unit tests crashed" ;;
esac

# --- 2. the command line -----------------------------------------------------
L=$B/lguest
# expect NAME STATUS TEXT CMD...: the command exits with STATUS and its
# output (stdout and stderr) contains TEXT.  A command that hangs is killed
# after 20 s, and its status is then 124.
expect() {
	name=$1 want=$2 text=$3
	shift 3
	timeout 20 $run32 "$@" >"$tmp/out" 2>&1 </dev/null
	got=$?
	if [ "$got" != "$want" ]; then
		bad "$name" "exit status $got, expected $want: $(head -c 300 "$tmp/out")"
	elif ! grep -qF -- "$text" "$tmp/out"; then
		bad "$name" "no '$text' in: $(head -c 300 "$tmp/out")"
	else
		ok "$name"
	fi
}

# A tiny guest, as the test guests are: ELF, linked at 1 MB, physical =
# virtual.  It would ask the Host to power off.
printf '.globl _start\n_start:\n\tmovl $2, %%eax\n\tmovl $1, %%ecx\n\tint $0x1f\n1:\tjmp 1b\n' >"$tmp/tiny.S"
gcc -m32 -nostdlib -static -no-pie -Wl,-Ttext=0x100000 -Wl,--build-id=none \
	-o "$tmp/tiny" "$tmp/tiny.S" || bad tiny-guest "gcc could not build it"
gzip -c "$tmp/tiny" >"$tmp/tiny.gz"
head -c 100 "$tmp/tiny" >"$tmp/truncated"
echo "this is not a kernel" >"$tmp/text"
head -c 3000000 /dev/zero >"$tmp/big-initrd"
mkfifo "$tmp/fifo"
head -c 512 /dev/zero >"$tmp/disk"
# Two sparse files of 600 MB that cost no disk: zeroes, and zeroes after an
# ELF magic.
truncate -s 600M "$tmp/sparse"
printf '\177ELF' >"$tmp/sparse-elf"
truncate -s 600M "$tmp/sparse-elf"

if readelf -h "$L" | grep -q 'ELF32' && readelf -h "$L" | grep -q '80386' &&
   ! readelf -l "$L" | grep -q INTERP; then
	ok "cli: a static i386 program"
else
	bad "cli: a static i386 program" "$(file "$L")"
fi
if readelf -l "$L" | grep LOAD | head -n 1 | grep -q 0x48000000; then
	ok "cli: linked high, at 0x48000000"
else
	bad "cli: linked high, at 0x48000000" "$(readelf -l "$L" | grep LOAD)"
fi
# The Launcher's files in layers: LIBOBJS in src/launcher/Makefile lists
# them from the bottom up, and none may call a file listed after it (the
# rule of launcher.nw's "Building the Launcher").  nm says which file
# defines each symbol and which files use it.
layers=$(sed -n '/^LIBOBJS :=/,/[^\\]$/p' src/launcher/Makefile |
	sed 's/^LIBOBJS :=//; s/\\$//' | tr '\n' ' ')
n=0
for f in $layers; do
	n=$((n + 1))
	nm -g --defined-only "$B/$f.o" | awk -v n=$n -v f=$f 'NF == 3 {print "D", $3, n, f}'
	nm -u "$B/$f.o" | awk -v n=$n -v f=$f '{print "U", $2, n, f}'
done >"$tmp/symbols"
awk 'NR == FNR { if ($1 == "D") { at[$2] = $3; in_file[$2] = $4 }; next }
     $1 == "U" && ($2 in at) && at[$2] > $3 {
	print $4 ".c calls " in_file[$2] ".c (" $2 ")" }' \
	"$tmp/symbols" "$tmp/symbols" >"$tmp/upward"
if [ -z "$layers" ] || [ ! -s "$tmp/symbols" ]; then
	bad "layers: no file calls one above it" "no LIBOBJS or no objects in $B"
elif [ -s "$tmp/upward" ]; then
	bad "layers: no file calls one above it" "$(head -n 3 "$tmp/upward" | tr '\n' ' ')"
else
	ok "layers: no file calls one above it ($(echo $layers | wc -w) files)"
fi

expect "cli: --help" 0 "usage: lguest" "$L" --help
expect "cli: no arguments" 1 "usage: lguest" "$L"
expect "cli: unknown option" 1 "usage: lguest" "$L" --frobnicate 64 "$tmp/tiny"
expect "cli: missing kernel" 1 "cannot open $tmp/none" "$L" 64 "$tmp/none"
expect "cli: directory as kernel" 1 "not a regular file" "$L" 64 "$tmp"
expect "cli: not a kernel" 1 "not a kernel" "$L" 64 "$tmp/text"
expect "cli: truncated ELF" 1 "truncated" "$L" 64 "$tmp/truncated"
expect "cli: memory too large" 1 "too large" "$L" 100000 "$tmp/tiny"
expect "cli: memory not whole pages" 1 "whole number" "$L" 4097K "$tmp/tiny"
expect "cli: memory too small" 1 "too small" "$L" 1 "$tmp/tiny"
expect "cli: memory not a number" 1 "not a number" "$L" lots "$tmp/tiny"
expect "cli: negative memory is not an option" 1 \
	"memory must be a positive number of megabytes" "$L" -1 "$tmp/tiny"
expect "cli: FIFO as kernel" 1 "$tmp/fifo is a FIFO, not a regular file" \
	"$L" 64 "$tmp/fifo"
expect "cli: FIFO as initrd" 1 "$tmp/fifo is a FIFO, not a regular file" \
	"$L" --initrd="$tmp/fifo" 64 "$tmp/tiny"
expect "cli: FIFO as read-only disk" 1 "$tmp/fifo is a FIFO" \
	"$L" --block="$tmp/fifo,ro" 64 "$tmp/tiny"
expect "cli: /dev/zero as disk" 1 "/dev/zero is a character device" \
	"$L" --block=/dev/zero 64 "$tmp/tiny"
expect "cli: a disk without a whole sector" 1 "capacity 0" \
	"$L" --block="$tmp/text" 64 "$tmp/tiny"
# A 600 MB file must be judged by its first bytes, and by its size, before
# it is read: in 256 MB of address space, reading it whole would fail with
# "no memory to read" instead.
printf '#!/bin/sh\nulimit -v 262144 && exec "$@"\n' >"$tmp/limited"
chmod +x "$tmp/limited"
if [ -n "$run32" ]; then
	ok "cli: a 600 MB file that is not a kernel (skipped under qemu-i386)"
	ok "cli: a 600 MB kernel in 64 MB (skipped under qemu-i386)"
else
	expect "cli: a 600 MB file that is not a kernel" 1 "not a kernel" \
		"$tmp/limited" "$L" 64 "$tmp/sparse"
	expect "cli: a 600 MB kernel in 64 MB" 1 \
		"is 600 MB, larger than the Guest's 64 MB" \
		"$tmp/limited" "$L" 64 "$tmp/sparse-elf"
fi
expect "cli: missing initrd" 1 "cannot open $tmp/none" \
	"$L" --initrd="$tmp/none" 64 "$tmp/tiny"
expect "cli: initrd too big" 1 "initrd" \
	"$L" --initrd="$tmp/big-initrd" 2 "$tmp/tiny"
expect "cli: missing disk" 1 "cannot open block device" \
	"$L" --block="$tmp/none" 64 "$tmp/tiny"
expect "cli: bad tap name" 1 "not a network interface" \
	"$L" --tunnet=much-too-long-for-an-interface 64 "$tmp/tiny"
# --tunnet=TAP,mac=ADDRESS: a bad address is refused before any tap is
# opened, so these need neither root nor /dev/net/tun.
expect "cli: a MAC that is not six hex pairs" 1 \
	"'02:4c:47:00:01' is not a MAC address" \
	"$L" --tunnet=lgtest9,mac=02:4c:47:00:01 64 "$tmp/tiny"
expect "cli: a MAC with dashes" 1 "is not a MAC address" \
	"$L" --tunnet=lgtest9,mac=02-4c-47-00-01-03 64 "$tmp/tiny"
expect "cli: a multicast MAC" 1 "01:00:5e:00:00:01 is a multicast address" \
	"$L" --tunnet=lgtest9,mac=01:00:5e:00:00:01 64 "$tmp/tiny"
expect "cli: the broadcast MAC" 1 "is a multicast address" \
	"$L" --tunnet=lgtest9,mac=ff:ff:ff:ff:ff:ff 64 "$tmp/tiny"
expect "cli: the all-zero MAC" 1 "00:00:00:00:00:00 is all zeroes" \
	"$L" --tunnet=lgtest9,mac=00:00:00:00:00:00 64 "$tmp/tiny"
expect "cli: something else after the tap's name" 1 \
	"only mac=ADDRESS may follow the tap's name, not 'ro'" \
	"$L" --tunnet=lgtest9,ro 64 "$tmp/tiny"
expect "cli: two --tunnet" 1 "the Launcher has one network card" \
	"$L" --tunnet=lgtest8 --tunnet=lgtest9 64 "$tmp/tiny"
# A good address passes: as root, the card is made and --verbose names
# its MAC before the missing Host stops the Launcher; otherwise the tap is
# what fails, not the address.
if [ -e /dev/lguest ]; then
	ok "cli: a good MAC (skipped: /dev/lguest exists here)"
elif [ "$(id -u)" = 0 ] && [ -w /dev/net/tun ]; then
	expect "cli: a good MAC" 1 "net: tap lgtest9, MAC 02:4c:47:00:01:03" \
		"$L" --verbose --tunnet=lgtest9,mac=02:4C:47:00:01:03 64 "$tmp/tiny"
else
	expect "cli: a good MAC (no tap here)" 1 "/dev/net/tun" \
		"$L" --tunnet=lgtest9,mac=02:4c:47:00:01:03 64 "$tmp/tiny"
fi
# A real bzImage, when the lab has fetched Debian's 686 kernel: it must load
# (up to the missing Host), and say how much memory it needs when short.
real=$(ls build/lab/vmlinuz cache/linux-image-*/boot/vmlinuz-* 2>/dev/null | head -n 1)
if [ -z "$real" ]; then
	ok "cli: a real bzImage (skipped: no Debian kernel in build/lab or cache)"
	ok "cli: a real bzImage in too little memory (skipped)"
elif [ -e /dev/lguest ]; then
	ok "cli: a real bzImage (skipped: /dev/lguest exists here)"
	expect "cli: a real bzImage in too little memory" 1 "the bzImage needs" \
		"$L" 8 "$real"
else
	expect "cli: a real bzImage ($real)" 1 "insmod lg.ko" "$L" 64 "$real"
	expect "cli: a real bzImage in too little memory" 1 "the bzImage needs" \
		"$L" 8 "$real"
fi
if [ -e /dev/lguest ]; then
	ok "cli: no Host module (skipped: /dev/lguest exists here)"
	ok "cli: gzipped guest (skipped: /dev/lguest exists here)"
else
	expect "cli: no Host module" 1 "insmod lg.ko" "$L" 64 "$tmp/tiny"
	expect "cli: gzipped guest" 1 "insmod lg.ko" \
		"$L" --verbose --block="$tmp/disk,ro" 64 "$tmp/tiny.gz" quiet
fi

# --- 3. fuzzing --------------------------------------------------------------
F=$B/fuzz
if [ ! -x "$F/fuzz_load" ] || [ ! -x "$F/fuzz_vq" ]; then
	bad fuzz "the fuzzers were not built (clang, libclang-rt-14-dev)"
else
	export ASAN_OPTIONS=detect_leaks=0
	for t in load vq; do
		n=0
		for f in tests/launcher/regress/$t/*; do
			[ -f "$f" ] || continue
			n=$((n + 1))
			if ! "$F/fuzz_$t" "$f" >"$tmp/regress.log" 2>&1; then
				bad "fuzz: regression $f" "$(grep -m1 ERROR "$tmp/regress.log")"
			fi
		done
		ok "fuzz: $n saved inputs for fuzz_$t replayed"
	done
	mkdir -p "$F/corpus-load" "$F/corpus-vq" "$F/crashes"
	$run32 "$B/unit" --corpus "$F/corpus-load"
	cp tests/launcher/corpus/vq/* "$F/corpus-vq/" 2>/dev/null
	for t in load vq; do
		nice -n 10 "$F/fuzz_$t" -max_total_time="$T" -timeout=10 -rss_limit_mb=2048 \
			-max_len=65536 -print_final_stats=1 \
			-artifact_prefix="$F/crashes/$t-" "$F/corpus-$t" \
			>"$tmp/fuzz-$t.log" 2>&1 &
	done
	wait
	for t in load vq; do
		runs=$(grep -m1 'stat::number_of_executed_units' "$tmp/fuzz-$t.log" |
			awk '{print $2}')
		if grep -q 'Done [0-9]* runs' "$tmp/fuzz-$t.log"; then
			ok "fuzz: fuzz_$t for ${T}s, ${runs:-?} runs, no crash"
		else
			grep -A12 'ERROR\|runtime error\|deadly signal' \
				"$tmp/fuzz-$t.log" | head -n 20
			bad "fuzz: fuzz_$t" "crashed; the input is in $F/crashes/ (keep it in tests/launcher/regress/$t/)"
		fi
	done
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
