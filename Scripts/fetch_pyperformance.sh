#!/bin/sh
# fetch_pyperformance.sh: downloads pyperformance (MIT licence, https://github.com/python/pyperformance)
# from PyPI and unpacks its pure-Python benchmark programs into Benchmarks/pyperformance/ (git-ignored:
# the kit does not redistribute them). `extdemo bench --suite python` runs the ones it finds there,
# unchanged, through the kit's pyperf stand-in (Benchmarks/python/pyperf.py), next to the kit's own
# programs. Usage: Scripts/fetch_pyperformance.sh [VERSION]   (default 1.14.0; needs pip or curl).
# Exit status: 0 when the programs are in place, 1 when the download or unpacking failed.
set -eu
version="${1:-1.14.0}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/Benchmarks/pyperformance"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
wheel="pyperformance-$version-py3-none-any.whl"
if command -v pip3 >/dev/null 2>&1 || command -v pip >/dev/null 2>&1; then
    pip="$(command -v pip3 || command -v pip)"
    "$pip" download --quiet --no-deps --dest "$work" "pyperformance==$version" || true
fi
if [ ! -f "$work/$wheel" ]; then
    url="https://files.pythonhosted.org/packages/py3/p/pyperformance/$wheel"
    curl -fsSL -o "$work/$wheel" "$url" || { echo "fetch_pyperformance: cannot download $wheel" >&2; exit 1; }
fi
mkdir -p "$work/x"
if command -v unzip >/dev/null 2>&1; then
    unzip -q "$work/$wheel" 'pyperformance/data-files/benchmarks/*' '*/licenses/*' -d "$work/x"
else
    python3 -m zipfile -e "$work/$wheel" "$work/x"
fi
src="$work/x/pyperformance/data-files/benchmarks"
[ -d "$src" ] || { echo "fetch_pyperformance: no benchmarks in $wheel" >&2; exit 1; }
rm -rf "$dest"
mkdir -p "$dest"
for dir in "$src"/bm_*; do
    [ -f "$dir/run_benchmark.py" ] || continue
    cp -R "$dir" "$dest/"
done
for lic in "$work"/x/*.dist-info/licenses/*; do
    [ -f "$lic" ] && cp "$lic" "$dest/"
done
printf 'pyperformance %s from PyPI, MIT licence (see COPYING); fetched by Scripts/fetch_pyperformance.sh.\nNot part of the kit: do not commit.\n' "$version" > "$dest/README"
echo "fetch_pyperformance: $(ls -d "$dest"/bm_* | wc -l) benchmark programs in $dest"
