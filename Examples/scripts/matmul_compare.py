# matmul_compare.py: pure-Python matrix multiplication against the kit's native matmul.
#
# The same product computed three ways: the textbook triple loop (i, j, k), the cache-friendlier
# i, k, j order, and split over two threads. All three are interpreted Python, hold the GIL the
# whole time, and run at a few tens of MFLOPS; the threaded one is no faster. Under `extdemo run`
# the script also calls the kit's native `matmul` module (a blocked SIMD kernel that releases
# the GIL), which is hundreds of times faster; under python3 that module does not exist and the
# native part is skipped.
#
# The first pair of matrices holds multiples of 1/8, so every product is exact in float64 and
# all implementations, whatever order they add in, agree bit for bit. The second pair is seeded
# random data, where different summation orders may differ in the last bits.
#
# Run:  python3 matmul_compare.py [N]      or      extdemo run matmul_compare.py [N]
# N defaults to 64. Lines starting with "[timing]" depend on the machine or on the interpreter
# (timings, speeds, and the native module, which only the kit has).
import math
import random
import sys
import threading
import time


def exact_matrix(n: int, p: int, q: int) -> list:
    """An n x n matrix of multiples of 1/8 in [-1, 1]: products and sums stay exact."""
    return [[((i * p + j * q) % 17 - 8) / 8 for j in range(n)] for i in range(n)]


def random_matrix(n: int) -> list:
    """n x n values uniform in [-1, 1) from the (seeded) module-level generator."""
    return [[random.uniform(-1.0, 1.0) for _ in range(n)] for _ in range(n)]


def matmul_ijk(a: list, b: list, rows=None) -> list:
    """The textbook triple loop; computes only `rows` of the result when given."""
    n, k, m = len(a), len(b), len(b[0])
    c = [[0.0] * m for _ in range(n)]
    for i in (range(n) if rows is None else rows):
        ai = a[i]
        ci = c[i]
        for j in range(m):
            s = 0.0
            for p in range(k):
                s += ai[p] * b[p][j]
            ci[j] = s
    return c


def matmul_ikj(a: list, b: list) -> list:
    """The same product, the inner loop running along a row of b and of the result."""
    n, k, m = len(a), len(b), len(b[0])
    c = [[0.0] * m for _ in range(n)]
    for i in range(n):
        ci = c[i]
        for p in range(k):
            aip = a[i][p]
            bp = b[p]
            for j in range(m):
                ci[j] += aip * bp[j]
    return c


def matmul_threaded(a: list, b: list, threads: int) -> list:
    """matmul_ijk with the rows split over `threads` threads writing into one result."""
    n = len(a)
    parts = [None] * threads

    def work(t: int) -> None:
        parts[t] = matmul_ijk(a, b, range(t, n, threads))

    workers = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return [parts[i % threads][i] for i in range(n)]


def checksum(c: list) -> float:
    """Sum of all elements, row by row (the native module's checksum adds in the same order)."""
    total = 0.0
    for row in c:
        for x in row:
            total += x
    return total


def max_abs_diff(x: list, y: list) -> float:
    return max(abs(u - v) for rx, ry in zip(x, y) for u, v in zip(rx, ry))


def timed(label: str, flops: int, fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    elapsed = time.perf_counter() - start
    mflops = flops / elapsed / 1e6 if elapsed > 0 else 0.0
    print(f"[timing] {label}: {elapsed * 1000:.1f} ms, {mflops:,.1f} MFLOPS")
    return result


def native_part(a: list, b: list, exact: list, ra: list, rb: list, rproduct: list, flops: int) -> None:
    try:
        import matmul  # the kit's native extension; python3 has no such module
    except ImportError:
        print("[timing] native matmul: skipped (the kit's matmul module is not importable here)")
        return
    na, nb = matmul.from_list(a), matmul.from_list(b)
    repeats = 50
    start = time.perf_counter()
    for _ in range(repeats):
        nc = matmul.matmul(na, nb, release=True)
    elapsed = (time.perf_counter() - start) / repeats
    mflops = flops / elapsed / 1e6 if elapsed > 0 else 0.0
    print(f"[timing] native matmul ({matmul.kernel()}): {elapsed * 1000:.3f} ms, {mflops:,.0f} MFLOPS")
    print(f"[timing] native equals the exact pure-Python product bit for bit: {nc.tolist() == exact}; "
          f"checksums equal: {matmul.checksum(nc) == checksum(exact)}")
    nr = matmul.matmul(matmul.from_list(ra), matmul.from_list(rb))
    print(f"[timing] native random product close to pure Python (rel 1e-9, abs 1e-12): "
          f"{matmul.allclose(nr, matmul.from_list(rproduct), rel_tol=1e-9, abs_tol=1e-12)}")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 64
    flops = 2 * n * n * n
    print(f"{n}x{n} matrices: {flops:,} floating-point operations per product")

    a, b = exact_matrix(n, 7, 3), exact_matrix(n, 5, 11)
    c1 = timed("pure Python, i-j-k loops", flops, matmul_ijk, a, b)
    c2 = timed("pure Python, i-k-j loops", flops, matmul_ikj, a, b)
    c3 = timed("pure Python, 2 threads", flops, matmul_threaded, a, b, 2)
    print(f"exact data: checksum {checksum(c1)}, c[0][0] = {c1[0][0]}, c[-1][-1] = {c1[-1][-1]}")
    print(f"exact data: i-k-j equals i-j-k: {c2 == c1}; threaded equals i-j-k: {c3 == c1}")

    random.seed(2024)  # the same sequence under both interpreters
    ra, rb = random_matrix(n), random_matrix(n)
    r1 = matmul_ijk(ra, rb)
    r2 = matmul_ikj(ra, rb)
    print(f"random data (seed 2024): a[0][0] = {ra[0][0]!r}, i-j-k checksum {checksum(r1)!r}")
    diff = max_abs_diff(r1, r2)
    agree = math.isclose(checksum(r1), checksum(r2), rel_tol=1e-9, abs_tol=1e-9)
    print(f"random data: i-k-j within 1e-12 of i-j-k: {diff < 1e-12}; checksums agree to 9 places: {agree}")

    native_part(a, b, c1, ra, rb, r1, flops)


if __name__ == "__main__":
    main()
