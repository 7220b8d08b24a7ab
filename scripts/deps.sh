#!/bin/sh
# deps.sh PACKAGE...: install the Debian packages the project needs.
#
# Idempotent: packages already installed are left alone, and apt is not even
# asked when nothing is missing.  Runs as root, or through sudo when $SUDO
# says so.  Packages named with :i386 need the i386 architecture, which we
# add first.
set -eu
missing=""
for p in "$@"; do
	if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q '^install ok installed'; then
		missing="$missing $p"
	fi
done
if [ -z "$missing" ]; then
	exit 0
fi
echo "  DEPS   installing:$missing"
if ! dpkg --print-foreign-architectures | grep -qx i386; then
	${SUDO:-} dpkg --add-architecture i386
fi
# A mirror in the middle of a sync can fail one index; what the other
# indexes give is usually enough, and apt-get install below says clearly
# when it is not.
${SUDO:-} apt-get update -q >"${BUILD:-build}/apt-update.log" 2>&1 ||
	echo "  DEPS   apt-get update reported errors (see ${BUILD:-build}/apt-update.log); going on"
# shellcheck disable=SC2086
${SUDO:-} env DEBIAN_FRONTEND=noninteractive \
	apt-get install -y -q --no-install-recommends $missing \
	>"${BUILD:-build}/apt-install.log" 2>&1 || {
	echo "  DEPS   apt-get install failed; the end of ${BUILD:-build}/apt-install.log:"
	tail -n 15 "${BUILD:-build}/apt-install.log"
	exit 1
}
echo "  DEPS   done"
