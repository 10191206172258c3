#!/usr/bin/env bash
# dgemm_bench.sh: builds Benchmarks/dgemm_bench.c with the matmul extension's DGEMM kernel and runs
# it next to numpy (OpenBLAS, one thread) on the same sizes, so the two GFLOPS figures come from
# the same moment on the same (possibly shared) machine. numpy is measured with the environment's
# OPENBLAS_* settings and with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE removed, which can differ.
# Usage: Benchmarks/dgemm_bench.sh [n ...]      (default 1024; BENCH_RUNS, BENCH_PATHS as in the C file)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cc=${CC:-cc}
out=${TMPDIR:-/tmp}/extdemo_dgemm_bench
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1024)

"$cc" -O2 -o "$out" "$here/Benchmarks/dgemm_bench.c" "$here"/Examples/extensions/kernels/dgemm*.c \
    -I"$here/Examples/extensions/kernels" -lpthread -lm
echo "== extdemo DGEMM ($("$cc" --version | head -1))"
"$out" "${sizes[@]}"

numpy_bench() {
    OPENBLAS_NUM_THREADS=1 "$@" python3 - "${sizes[@]}" <<'PY'
import sys, time
import numpy as np
runs = 7
for n in map(int, sys.argv[1:]):
    a = np.random.rand(n, n); b = np.random.rand(n, n); a @ b
    reps = max(1, int(0.2 / max(1e-7, (lambda t: (a @ b, time.perf_counter() - t)[1])(time.perf_counter()))))
    best = total = 0.0
    for _ in range(runs):
        t = time.perf_counter()
        for _ in range(reps): a @ b
        g = 2 * n**3 * reps / (time.perf_counter() - t) / 1e9
        best = max(best, g); total += g
    print(f"numpy    n={n:<5d} best {best:6.2f} GFLOPS  mean {total / runs:6.2f}  ({runs} runs x {reps})")
PY
}
if python3 -c 'import numpy' 2>/dev/null; then
    echo "== numpy, one thread, environment as is (OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}, OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE:-unset})"
    numpy_bench env
    echo "== numpy, one thread, OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset"
    numpy_bench env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE
else
    echo "== numpy not available: no reference figure"
fi
