# countdown.py: the classic two-thread proof that the GIL serialises CPU-bound Python.
#
# countdown(n) is a pure-Python loop: it never waits for anything, so the thread running it
# never gives the lock up on its own; the interpreter only hands it over when the switch interval
# expires. Counting down twice in one thread and counting down once in each of two threads
# therefore take about the same time: the two threads take turns, they do not run in parallel.
#
# Run:  python3 countdown.py [COUNT]      or      extdemo run countdown.py [COUNT]
# COUNT defaults to 10,000,000 (about 1-3 s in all under CPython 3.11). Lines starting with
# "[timing]" depend on the machine; every other line is the same under both interpreters.
import sys
import threading
import time

COUNT: int = 10_000_000


def countdown(n: int) -> None:
    while n > 0:
        n -= 1


def counted(n: int, results: list, slot: int) -> None:
    """Counts n down and records how far it got (0 when it ran to the end)."""
    while n > 0:
        n -= 1
    results[slot] = n


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else COUNT
    print(f"countdown: {count:,} iterations per call, two calls")

    # Sequential: one thread does both countdowns, one after the other.
    start = time.perf_counter()
    countdown(count)
    countdown(count)
    sequential = time.perf_counter() - start
    print(f"[timing] Sequential time: {sequential:.2f}s")

    # Threaded: each of two threads does one countdown.
    results = [None, None]
    t1 = threading.Thread(target=counted, args=(count, results, 0), name="countdown-1")
    t2 = threading.Thread(target=counted, args=(count, results, 1), name="countdown-2")
    start = time.perf_counter()
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    threaded = time.perf_counter() - start
    print(f"[timing] Multi-threaded time: {threaded:.2f}s")
    if sequential > 0:
        print(f"[timing] threaded / sequential: {threaded / sequential:.2f}x "
              "(about 1.0 or worse: the lock lets one thread run Python at a time)")

    print(f"both threads counted down to zero: {results == [0, 0]}")
    print(f"threads still alive after join: {[t.is_alive() for t in (t1, t2)]}")
    print(f"thread names: {t1.name}, {t2.name}")


if __name__ == "__main__":
    main()
