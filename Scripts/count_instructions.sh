#!/bin/bash
# count_instructions.sh: instruction count of one Python suite program under MiniPy (or python3),
# for before/after evidence of an interpreter change on a machine too loaded for wall-clock
# timing (issue 11; BENCHMARKS.md, "Session 3"). Runs the program once under
# `valgrind --tool=callgrind` with a fixed loop count and prints the total instructions.
#
#   Scripts/count_instructions.sh [--python] PROGRAM LOOPS [EXTDEMO]
#     PROGRAM  a kit program (kit_float) or a pyperformance folder name without bm_ (richards),
#              looked up in Benchmarks/python and Benchmarks/pyperformance (EXTDEMO_PYPERFORMANCE)
#     LOOPS    the fixed loop count passed to the pyperf stand-in (--values 1 --loops LOOPS)
#     EXTDEMO  the binary (default .build/release/extdemo); valgrind 3.19 cannot read DWARF 5,
#              so a copy without debug info (strip --strip-debug) is what gets run
#   --python   count python3 running the same program instead
# Exit status: 0 with the count on stdout; 2 for bad arguments or a missing program/tool;
# 1 when the run under valgrind failed (its stderr is kept in the temporary directory named).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
who=mini
if [ "${1:-}" = "--python" ]; then who=python; shift; fi
if [ $# -lt 2 ]; then echo "usage: $0 [--python] PROGRAM LOOPS [EXTDEMO]" >&2; exit 2; fi
name=$1; loops=$2; bin=${3:-$root/.build/release/extdemo}
case "$loops" in ''|*[!0-9]*) echo "count_instructions.sh: LOOPS must be a number, not '$loops'" >&2; exit 2;; esac
command -v valgrind >/dev/null || { echo "count_instructions.sh: valgrind not found" >&2; exit 2; }
pyperf_dir=$root/Benchmarks/python
perf_root=${EXTDEMO_PYPERFORMANCE:-$root/Benchmarks/pyperformance}
if [ -f "$pyperf_dir/$name.py" ]; then prog=$pyperf_dir/$name.py
elif [ -f "$perf_root/bm_$name/run_benchmark.py" ]; then prog=$perf_root/bm_$name/run_benchmark.py
else echo "count_instructions.sh: no program '$name' in $pyperf_dir or $perf_root" >&2; exit 2; fi
tmp=$(mktemp -d /tmp/count_instructions.XXXXXX)
out=$tmp/callgrind.out
cd "$(dirname "$prog")"
if [ "$who" = python ]; then
    # The interpreter itself, not a wrapper (a pyenv shim is a shell script that execs python, and
    # callgrind without --trace-children counts only the script).
    py=$(python3 -c 'import sys; print(sys.executable)')
    PYTHONPATH=$pyperf_dir PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file="$out" \
        "$py" "$prog" --values 1 --loops "$loops" >/dev/null 2>"$tmp/stderr" || { echo "count_instructions.sh: the run failed: $tmp/stderr" >&2; exit 1; }
else
    [ -x "$bin" ] || { echo "count_instructions.sh: no binary $bin (swift build -c release)" >&2; exit 2; }
    strip --strip-debug "$bin" -o "$tmp/extdemo"
    EXTDEMO_PATH= valgrind --tool=callgrind --callgrind-out-file="$out" "$tmp/extdemo" run --ext-path "$pyperf_dir" \
        "$prog" --values 1 --loops "$loops" >/dev/null 2>"$tmp/stderr" || { echo "count_instructions.sh: the run failed: $tmp/stderr" >&2; exit 1; }
fi
grep -h "^summary:\|^totals:" "$out" | head -1 | awk '{print $2}'
rm -rf "$tmp"
