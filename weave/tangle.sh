#!/bin/sh
# tangle.sh OUTDIR: write every root chunk of the chapters into OUTDIR,
# with weave/tangle.py (which says how), after weave/checkchunks.py.
set -eu
out=${1:-.}
cd "$(dirname "$0")/.."
chapters=$(grep -v '^#' weave/chapters)

# First the checks with a line number: a `<<x>>' that is no chunk (a shift
# written without @<<), and chunks nobody uses.  Then the tangler itself.
python3 weave/checkchunks.py $chapters
python3 weave/tangle.py "$out" $chapters
