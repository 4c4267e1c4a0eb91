#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the memsim memblock oracle for one kernel version: the kernel's own
# mm/memblock.c compiled in user space the way tools/testing/memblock does it
# (its linux/ shims and tools/include, plus ours in shim/), driven by driver.c.
#
#   oracle/memblock/build.sh VERSION        (VERSION: 6.1 or 6.12)
#
# The kernel source comes from $MEMSIM_LINUX_SOURCE_6_1 / $MEMSIM_LINUX_SOURCE_6_12:
# a Debian linux-source tarball or an extracted tree, by default the package's
# /usr/src/linux-source-VERSION.tar.xz. Everything built goes to oracle/build/
# (git-ignored); the binary's path is printed on the last line.
set -eu

version=${1:?usage: build.sh 6.1|6.12}
here=$(cd "$(dirname "$0")" && pwd)
work=$(cd "$here/.." && pwd)/build
var=MEMSIM_LINUX_SOURCE_$(echo "$version" | tr . _)
source=$(eval "echo \${$var:-/usr/src/linux-source-$version.tar.xz}")
CC=${CC:-cc}

case $version in
6.1) extra=-DMEMSIM_NOTE_DOUBLE_ARRAY ;; # memblock_double_array() returns -1 here
6.12) extra= ;;                          # ... and panics here
*) echo "build.sh: unknown kernel version '$version' (known: 6.1, 6.12)" >&2; exit 2 ;;
esac

mkdir -p "$work"
if [ -d "$source" ]; then
	src=$(cd "$source" && pwd)
elif [ -f "$source" ]; then
	src=$work/linux-source-$version
	stamp=$src/.memsim-extracted
	want=$(ls -lL --time-style=+%s "$source" | awk '{print $5, $6}')
	if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
		echo "build.sh: extracting $source" >&2
		x=$work/extract-$version.$$
		rm -rf "$x"
		mkdir -p "$x"
		top=$(tar -tJf "$source" | head -n 1)
		top=${top%%/*}
		tar -xJf "$source" -C "$x" \
			"$top/tools/include" "$top/tools/lib" "$top/tools/testing/memblock" \
			"$top/tools/arch/x86/include" "$top/include" "$top/mm/memblock.c" "$top/Makefile"
		echo "$want" > "$x/$top/.memsim-extracted"
		rm -rf "$src"
		mv "$x/$top" "$src"
		rm -rf "$x"
	fi
else
	echo "build.sh: no kernel source at $source (set $var to a linux-source tarball or tree)" >&2
	exit 2
fi

# Each build happens in its own directory and only the finished binary is
# moved into place, so concurrent builds (record, fuzz, bench) never see a
# half-written one.
out=$work/memblock-$version
tmp=$out/build.$$
trap 'rm -rf "$tmp"' EXIT
rm -rf "$tmp"
mkdir -p "$tmp/linux" "$tmp/asm"
cp "$src/mm/memblock.c" "$tmp/memblock.c"
ln -s "$src/include/linux/memblock.h" "$tmp/linux/memblock.h"
ln -s "$src/tools/arch/x86/include/asm/asm.h" "$tmp/asm/asm.h"
ln -s "$src/tools/arch/x86/include/asm/cmpxchg.h" "$tmp/asm/cmpxchg.h"

# Debian x86-64: NUMA with 1024 nodes, 64-bit phys_addr_t; -O2 and no
# sanitizers, so the bench measures the kernel's code as it runs, with the
# kernel's own flags that change what C code means (wrapping signed overflow,
# no type-based aliasing, null checks kept).
CFLAGS="-O2 -fno-strict-overflow -fno-strict-aliasing -fno-delete-null-pointer-checks \
	-Wall -Wno-unused-function -D CONFIG_PHYS_ADDR_T_64BIT -D CONFIG_NUMA -D CONFIG_NODES_SHIFT=10 $extra \
	-I $here/shim -I $tmp -I $src/tools/testing/memblock -I $src/tools/include ${MEMSIM_ORACLE_CFLAGS:-}"
for c in "$here/glue.c" "$here/hooks.c" "$here/driver.c" \
	"$src/tools/testing/memblock/lib/slab.c" "$src/tools/testing/memblock/mmzone.c" "$src/tools/lib/slab.c"; do
	n=$((${n:-0} + 1))
	o=$tmp/$n-$(basename "$c" .c).o
	# shellcheck disable=SC2086
	$CC $CFLAGS -c -o "$o" "$c"
done
# shellcheck disable=SC2086
$CC ${MEMSIM_ORACLE_CFLAGS:-} -o "$tmp/memblock-oracle" "$tmp"/*.o
sed -n 's/^\(VERSION\|PATCHLEVEL\|SUBLEVEL\) = //p' "$src/Makefile" | paste -sd. > "$tmp/kernelversion"
mv -f "$tmp/kernelversion" "$out/kernelversion"
mv -f "$tmp/memblock-oracle" "$out/memblock-oracle"
echo "$out/memblock-oracle"
