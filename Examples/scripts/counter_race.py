# counter_race.py: `counter += 1` is not atomic, even with a GIL; a Lock makes it so.
#
# `counter += 1` on a global is several bytecode instructions: load the global, add one, store
# the global. The interpreter may hand the GIL to another thread between the load and the
# store, and then both threads store the same value: one increment is lost. Whether that
# actually happens in a given run depends on where the switches fall (CPython 3.11 only switches
# at backward jumps and calls, so this loop often comes out exact by luck), which is why the
# unlocked result is printed on a "[timing]" line: it is not reproducible.
#
# Two parts are deterministic and always print the same thing:
#   - with a Lock around the read-modify-write, the total is always exact;
#   - a lost update forced on purpose: every thread reads the counter, then all wait at a
#     Barrier (so all of them have read the same old value), then each stores old + 1.
#
# Run:  python3 counter_race.py [INCREMENTS] [THREADS]   or   extdemo run counter_race.py [...]
# Defaults: 100,000 increments on each of 4 threads.
import sys
import threading

counter = 0
lock = threading.Lock()


def increment(n: int) -> None:
    global counter
    for _ in range(n):
        counter += 1  # load, add, store: another thread can run in between


def add_one(value: int) -> int:
    return value + 1


def increment_with_call(n: int) -> None:
    global counter
    for _ in range(n):
        temp = counter
        temp = add_one(temp)  # a call: the GIL may change hands here, between read and write
        counter = temp


def safe_increment(n: int) -> None:
    global counter
    for _ in range(n):
        with lock:  # only one thread at a time between acquire and release
            temp = counter
            temp += 1
            counter = temp


def forced_lost_update(barrier: threading.Barrier) -> None:
    global counter
    seen = counter          # every thread reads the same old value ...
    barrier.wait()          # ... because none may write before all have read
    counter = seen + 1      # so each one writes old + 1: all but one update are lost


def run(target, args: tuple, threads: int) -> int:
    global counter
    counter = 0
    workers = [threading.Thread(target=target, args=args) for _ in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    return counter


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    expected = n * threads
    print(f"{threads} threads x {n:,} increments: expected {expected:,}")

    unlocked = run(increment, (n,), threads)
    if unlocked == expected:
        verdict = "exact this time; updates can still be lost in another run"
    else:
        verdict = f"{expected - unlocked:,} updates lost"
    print(f"[timing] without a lock: {unlocked:,} ({verdict})")
    unlocked = run(increment_with_call, (n,), threads)
    print(f"[timing] without a lock, a call between read and write: {unlocked:,} "
          f"({expected - unlocked:,} updates lost)")

    locked = run(safe_increment, (n,), threads)
    print(f"with a Lock: {locked:,} (always exact: {locked == expected})")

    barrier = threading.Barrier(threads)
    forced = run(forced_lost_update, (barrier,), threads)
    print(f"forced race, {threads} threads each adding 1 to 0: counter = {forced} "
          f"({threads - forced} of {threads} updates lost)")
    print(f"lock is free again: {not lock.locked()}")


if __name__ == "__main__":
    main()
