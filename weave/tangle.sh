#!/bin/sh
# tangle.sh OUTDIR: write every root chunk of the chapters into OUTDIR,
# with weave/tangle.py (which says how), after weave/checkchunks.py.
set -eu
out=${1:-.}
chapters="preparation.nw guest.nw drivers.nw launcher.nw host.nw switcher.nw mastery.nw"
cd "$(dirname "$0")/.."

# First the checks with a line number: a `<<x>>' that is no chunk (a shift
# written without @<<), and chunks nobody uses.  Then the tangler itself.
python3 weave/checkchunks.py $chapters
python3 weave/tangle.py "$out" $chapters
