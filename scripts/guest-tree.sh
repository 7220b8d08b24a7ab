#!/bin/sh
# guest-tree.sh TREE: make the Linux tree TREE carry exactly the series in
# patches/ (patches/series, in order), then the Guest's own files: those
# tangled under src/guest/arch/, and the shared header src/include/
# lguest_abi.h as arch/x86/include/asm/lguest_abi.h.  Files are only copied
# when they differ, so the kernel's build sees no change that is not real.
#
# TREE/.lguest-applied/ keeps a copy of every patch applied so far, and their
# order.  The patches at the front that have not changed stay in; the rest
# come out, last first, and the new ones go in.  So editing the third patch
# only rebuilds what the third and later patches touch.  A patch that does
# not apply stops the run with patch's own complaint; the tree then carries
# the patches before it, and the next run starts from there.
set -eu
tree=$1
kept=$tree/.lguest-applied
mkdir -p "$kept"
touch "$kept/series"
want=$(grep -v '^#' patches/series | grep . || true)

# How many applied patches are still wanted, unchanged and in the same place?
same=0
for p in $want; do
	old=$(sed -n "$((same + 1))p" "$kept/series")
	[ "$old" = "$p" ] && cmp -s "patches/$p" "$kept/$p" || break
	same=$((same + 1))
done

# Take out the rest of what is applied, last first.
n=$(wc -l <"$kept/series")
while [ "$n" -gt "$same" ]; do
	p=$(sed -n "${n}p" "$kept/series")
	echo "  UNPATCH $p"
	if ! patch -d "$tree" -p1 -R -s --batch <"$kept/$p"; then
		echo "guest-tree: cannot take $p back out of $tree;" \
			"remove $tree and run make guest again" >&2
		exit 1
	fi
	rm -f "$kept/$p"
	sed -i "${n}d" "$kept/series"
	n=$((n - 1))
done

# Put in the new ones, first checking that each applies cleanly.
i=0
for p in $want; do
	i=$((i + 1))
	[ "$i" -gt "$same" ] || continue
	echo "  PATCH   $p"
	if ! out=$(patch -d "$tree" -p1 -F0 --dry-run --batch <"patches/$p" 2>&1); then
		echo "$out" >&2
		echo "guest-tree: patches/$p does not apply to Linux 6.1" \
			"(above: what patch said); the patches before it are in" >&2
		exit 1
	fi
	patch -d "$tree" -p1 -F0 -s --batch <"patches/$p"
	cp "patches/$p" "$kept/$p"
	echo "$p" >>"$kept/series"
done

# The Guest's own files.
copy() {
	if ! cmp -s "$1" "$2"; then
		echo "  COPY    $1"
		mkdir -p "$(dirname "$2")"
		cp "$1" "$2"
	fi
}
find src/guest/arch -type f | sort | while read -r f; do
	copy "$f" "$tree/${f#src/guest/}"
done
copy src/include/lguest_abi.h "$tree/arch/x86/include/asm/lguest_abi.h"
