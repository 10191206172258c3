# release_demo.py: code that gives the GIL up lets other threads run Python meanwhile.
#
# Part 1 (both interpreters): while one thread waits in time.sleep(), which releases the GIL,
# the main thread keeps running its own Python loop.
# Part 2 (the kit only): the kit's native `sleeper` extension runs a C busy loop,
# sleeper.spin(iterations, release=...), either holding the GIL the whole time or between
# Mini_BEGIN_ALLOW_THREADS and Mini_END_ALLOW_THREADS. Holding it, the main thread's Python loop
# stalls until the C loop returns and two spinning threads take twice as long as one; releasing
# it, the main thread keeps going and two spinning threads run in parallel (on two or more
# cores). python3 has no `sleeper` module, so it skips part 2.
#
# Run:  python3 release_demo.py [ITERATIONS]      or      extdemo run release_demo.py [ITERATIONS]
# ITERATIONS (of the C loop) defaults to 2,000,000,000 (about 0.3 s a call). Lines starting with
# "[timing]" depend on the machine or on the interpreter (part 2 runs only under the kit).
import sys
import threading
import time


def count_until(flag: list) -> int:
    """Runs a Python loop until flag[0] becomes true; returns how many rounds it got through."""
    rounds = 0
    while not flag[0]:
        rounds += 1
    return rounds


def call_then_flag(fn, args: tuple, flag: list, out: list) -> None:
    out.append(fn(*args))
    flag[0] = True


def progress_during(fn, args: tuple) -> tuple:
    """Calls fn(*args) on another thread while the main thread counts.

    Returns (the main thread's loop rounds meanwhile, fn's result, seconds taken)."""
    flag = [False]
    out = []
    t = threading.Thread(target=call_then_flag, args=(fn, args, flag, out))
    start = time.perf_counter()
    t.start()
    rounds = count_until(flag)
    t.join()
    return rounds, out[0], time.perf_counter() - start


def on_threads(fn, args: tuple, threads: int) -> tuple:
    """Runs fn(*args) on `threads` threads at once; returns (results, seconds)."""
    results = [None] * threads

    def work(k: int) -> None:
        results[k] = fn(*args)

    workers = [threading.Thread(target=work, args=(k,)) for k in range(threads)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return results, time.perf_counter() - start


def native_part(iterations: int) -> None:
    try:
        import sleeper  # the kit's native extension; python3 has no such module
    except ImportError:
        print("[timing] part 2 skipped: the kit's sleeper module is not importable here")
        return
    print(f"[timing] part 2: sleeper.spin({iterations:,}) on another thread, "
          "the main thread counting meanwhile")
    held, c1, t1 = progress_during(lambda: sleeper.spin(iterations, release=False), ())
    freed, c2, t2 = progress_during(lambda: sleeper.spin(iterations, release=True), ())
    print(f"[timing]   release=False: main thread got {held:,} rounds in {t1:.2f}s (stalled: the GIL was held)")
    print(f"[timing]   release=True:  main thread got {freed:,} rounds in {t2:.2f}s (it ran alongside)")

    one, t_one = on_threads(lambda: sleeper.spin(iterations, release=True), (), 1)
    held2, t_held = on_threads(lambda: sleeper.spin(iterations, release=False), (), 2)
    free2, t_free = on_threads(lambda: sleeper.spin(iterations, release=True), (), 2)
    print(f"[timing]   one spin: {t_one:.2f}s; two threads holding the GIL: {t_held:.2f}s "
          f"({t_held / t_one:.2f}x); two threads releasing it: {t_free:.2f}s ({t_free / t_one:.2f}x)")
    same = c1 == c2 and held2 == [c1, c1] and free2 == [c1, c1] and one == [c1]
    print(f"[timing]   every spin returned the same checksum: {same}")


def main() -> None:
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000_000
    delay = 0.2
    print(f"part 1: another thread calls time.sleep({delay}); the main thread counts meanwhile")
    rounds, result, elapsed = progress_during(time.sleep, (delay,))
    print(f"time.sleep returned {result}")
    print(f"[timing]   main thread got {rounds:,} rounds in {elapsed:.2f}s: "
          "it ran while the other thread slept")
    native_part(iterations)
    print("done")


if __name__ == "__main__":
    main()
