# thread_pool.py: concurrent.futures.ThreadPoolExecutor, the everyday way to use threads.
#
# A pool keeps a few worker threads and hands them tasks. map() returns results in the order of
# its inputs whatever order the tasks finish in; submit() returns a Future whose result() waits
# for the task and re-raises its exception; as_completed() yields futures as they finish. The
# pool pays off for waiting (I/O) and not for pure-Python computing, which the GIL serialises.
#
# Run:  python3 thread_pool.py [WORKERS]      or      extdemo run thread_pool.py [WORKERS]
# WORKERS defaults to 4. Lines starting with "[timing]" depend on the machine.
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed


def square(x: int) -> int:
    return x * x


def slow_square(x: int) -> int:
    time.sleep(0.05 * (5 - x % 5))  # later inputs finish first: map() still keeps input order
    return x * x


def cpu_task(n: int) -> int:
    total = 0
    for i in range(n):
        total += i % 7
    return total


def fails(x: int) -> float:
    return x / 0


def main() -> None:
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    print(f"ThreadPoolExecutor(max_workers={workers})")
    names = set()
    names_lock = threading.Lock()

    def record_and_square(x: int) -> int:
        with names_lock:
            names.add(threading.current_thread().name)
        return x * x

    with ThreadPoolExecutor(max_workers=workers) as pool:
        print(f"map(square, range(10)): {list(pool.map(square, range(10)))}")

        start = time.perf_counter()
        print(f"map(slow_square, range(10)), slowest first: {list(pool.map(slow_square, range(10)))}")
        elapsed = time.perf_counter() - start
        print(f"[timing] slow_square map: {elapsed:.2f}s for 1.5 s of sleeping in all")

        futures = [pool.submit(square, x) for x in range(5)]
        results = [f.result() for f in futures]
        print(f"submit + result(): {results}; all done: {all(f.done() for f in futures)}")

        futures = {pool.submit(slow_square, x): x for x in range(5)}
        finished = [futures[f] for f in as_completed(futures)]
        print(f"as_completed yielded each future once: {sorted(finished) == list(range(5))}")
        print(f"[timing] as_completed order: {finished}")

        bad = pool.submit(fails, 1)
        try:
            bad.result()
        except ZeroDivisionError as e:
            print(f"a failing task: result() re-raises ZeroDivisionError: {e}; "
                  f"exception(): {bad.exception()!r}")

        squares = list(pool.map(record_and_square, range(20)))
        print(f"20 tasks ran on at most {workers} threads: {0 < len(names) <= workers}; sum: {sum(squares)}")

        start = time.perf_counter()
        alone = [cpu_task(200_000) for _ in range(workers)]
        one_thread = time.perf_counter() - start
        start = time.perf_counter()
        totals = list(pool.map(cpu_task, [200_000] * workers))
        pooled = time.perf_counter() - start
        print(f"cpu_task x {workers} on the pool: {totals}; same as on one thread: {totals == alone}")
        print(f"[timing] cpu_task x {workers}: one thread {one_thread:.2f}s, pool {pooled:.2f}s "
              "(pure Python: the pool is no faster)")

    pending = any(not f.done() for f in futures)
    print(f"after the with block the pool is shut down; tasks still pending: {pending}")


if __name__ == "__main__":
    main()
