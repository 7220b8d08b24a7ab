#!/bin/sh
# tangle.sh OUTDIR: write every root chunk of the chapters into OUTDIR.
#
# Roots are the chunks no other chunk uses; each one names the file it
# becomes, under src/ or patches/.  C and assembly get #line directives that
# point back into the chapter, so the compiler and gdb speak of host.nw, not
# of src/host/core.c.  A file is only rewritten when its text changed, so make
# does not rebuild what did not move.
set -eu
out=${1:-.}
chapters="preparation.nw guest.nw drivers.nw launcher.nw host.nw switcher.nw mastery.nw"
cd "$(dirname "$0")/.."

# First the checks notangle cannot make with a line number: a `<<x>>' that is
# no chunk (a shift written without @<<), and chunks nobody uses.
python3 weave/checkchunks.py $chapters

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
noroots $chapters | sed -e 's/^<<//' -e 's/>>$//' | while IFS= read -r root; do
	case "$root" in
	*.c|*.h|*.S)
		notangle -L'#line %L "%F"%N' -R"$root" $chapters >"$tmp" ;;
	*)
		notangle -t8 -R"$root" $chapters >"$tmp" ;;
	esac
	mkdir -p "$out/$(dirname "$root")"
	if ! cmp -s "$tmp" "$out/$root"; then
		echo "  TANGLE  $root"
		cpif "$out/$root" <"$tmp"
	fi
	case "$root" in *.sh) chmod +x "$out/$root" ;; esac
done
