# thread_scaling.py: the same CPU-bound work on 1, 2, 4 and 8 threads.
#
# The total work stays fixed; only the number of threads sharing it changes. With a GIL only one
# thread runs Python at a time, so the wall time stays flat (or grows a little: handing the lock
# around costs something) instead of dropping as threads are added.
#
# Run:  python3 thread_scaling.py [TOTAL]     or     extdemo run thread_scaling.py [TOTAL]
# TOTAL (loop iterations in all) defaults to 8,000,000. Lines starting with "[timing]" depend on
# the machine.
import sys
import threading
import time


def cpu_task(n: int) -> int:
    """Pure-Python busy work: a checksum over n iterations."""
    total = 0
    for i in range(n):
        total += i % 3
    return total


def run_with(threads: int, total: int) -> tuple:
    share = total // threads
    results = [0] * threads

    def work(k: int) -> None:
        results[k] = cpu_task(share)

    workers = [threading.Thread(target=work, args=(k,)) for k in range(threads)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return results, time.perf_counter() - start


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 8_000_000
    print(f"{total:,} iterations of pure Python in all, split over 1, 2, 4 and 8 threads")
    baseline = None
    for threads in (1, 2, 4, 8):
        results, elapsed = run_with(threads, total)
        if baseline is None:
            baseline = elapsed
        print(f"{threads} thread(s): {threads} results, sum {sum(results):,}")
        print(f"[timing]   {elapsed:.2f}s, {elapsed / baseline:.2f}x the one-thread time")


if __name__ == "__main__":
    main()
