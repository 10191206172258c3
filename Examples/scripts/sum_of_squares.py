# sum_of_squares.py: a CPU-bound job done sequentially, then split over threads.
#
# sum(i * i for i in range(N)) is pure interpreted work. Splitting the range over four threads
# gives the same exact answer (Python ints never overflow: from N = 3,024,618 on the total no
# longer fits in a signed 64-bit integer, and the default N = 4,000,000 needs 65 bits) but no
# speedup, because only the thread holding the GIL runs Python code.
#
# Run:  python3 sum_of_squares.py [N] [THREADS]    or    extdemo run sum_of_squares.py [N] [THREADS]
# N defaults to 4,000,000 and THREADS to 4. Lines starting with "[timing]" depend on the machine.
import sys
import threading
import time


def sum_of_squares(start: int, stop: int) -> int:
    return sum(i * i for i in range(start, stop))


def closed_form(n: int) -> int:
    """0^2 + 1^2 + ... + (n-1)^2, exactly."""
    return (n - 1) * n * (2 * n - 1) // 6


def worker(start: int, stop: int, results: list, slot: int) -> None:
    results[slot] = sum_of_squares(start, stop)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4_000_000
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    print(f"sum of i*i for i in range({n:,}), sequential and on {threads} threads")

    start = time.perf_counter()
    sequential = sum_of_squares(0, n)
    seq_time = time.perf_counter() - start
    print(f"sequential result: {sequential}")
    print(f"[timing] sequential: {seq_time:.3f}s")

    # Split [0, n) into `threads` contiguous chunks; the last one takes the remainder.
    chunk = n // threads
    bounds = [(k * chunk, n if k == threads - 1 else (k + 1) * chunk) for k in range(threads)]
    results = [0] * threads
    workers = [threading.Thread(target=worker, args=(lo, hi, results, k))
               for k, (lo, hi) in enumerate(bounds)]
    start = time.perf_counter()
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    thr_time = time.perf_counter() - start
    threaded = sum(results)
    print(f"chunks: {bounds}")
    print(f"threaded result:   {threaded}")
    ratio = thr_time / seq_time if seq_time > 0 else 0.0
    print(f"[timing] threaded: {thr_time:.3f}s ({ratio:.2f}x the sequential time)")

    expected = closed_form(n)
    print(f"both equal the closed form (n-1)n(2n-1)/6: {sequential == threaded == expected}")
    print(f"bits needed: {expected.bit_length()}; fits in a signed 64-bit int: {expected < 2 ** 63}")
    print(f"the same sum up to 50,000,000 (closed form): {closed_form(50_000_000):,}")


if __name__ == "__main__":
    main()
