# switch_interval.py: how often the interpreter asks a running thread to give the GIL up.
#
# Since CPython 3.2 a thread that wants the GIL waits at most the switch interval (5 ms by
# default); then it sets a "please drop the lock" request that the running thread honours at its
# next check point (a backward jump or a call). sys.getswitchinterval() reads the interval and
# sys.setswitchinterval() changes it. A shorter interval means more handoffs between CPU-bound
# threads (fairer, more overhead); a longer one means fewer.
#
# Run:  python3 switch_interval.py [STEPS]     or     extdemo run switch_interval.py [STEPS]
# STEPS (loop iterations per thread) defaults to 2,000,000. Lines starting with "[timing]" depend
# on the machine. (`extdemo run --switch-interval MS switch_interval.py` starts with another
# interval, and then the first line differs from python3's.)
import sys
import threading
import time

last_owner = [None]  # which thread ran the loop body most recently


def spin(me: str, steps: int, handoffs: list, slot: int) -> None:
    """A CPU-bound loop that counts how often it found another thread had run since its last step."""
    seen = 0
    for _ in range(steps):
        if last_owner[0] != me:
            last_owner[0] = me
            seen += 1
    handoffs[slot] = seen


def handoffs_with(interval: float, steps: int) -> tuple:
    sys.setswitchinterval(interval)
    last_owner[0] = None
    handoffs = [0, 0]
    threads = [threading.Thread(target=spin, args=(name, steps, handoffs, k))
               for k, name in enumerate(["A", "B"])]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(handoffs), time.perf_counter() - start


def main() -> None:
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000
    original = sys.getswitchinterval()
    print(f"default switch interval: {original} s ({original * 1000:g} ms)")

    sys.setswitchinterval(0.001)
    print(f"after setswitchinterval(0.001): {sys.getswitchinterval()}")
    for bad in (0, -1.0):
        try:
            sys.setswitchinterval(bad)
            print(f"setswitchinterval({bad}) accepted")
        except ValueError as e:
            print(f"setswitchinterval({bad}) raises ValueError: {e}")
    try:
        sys.setswitchinterval("fast")
    except TypeError:
        print("setswitchinterval('fast') raises TypeError")
    print(f"still: {sys.getswitchinterval()}")

    print(f"two CPU-bound threads, {steps:,} steps each, counting lock handoffs:")
    for interval in (0.0005, 0.005, 0.05):
        count, elapsed = handoffs_with(interval, steps)
        print(f"[timing]   interval {interval * 1000:g} ms: {count} handoffs in {elapsed:.2f}s")

    sys.setswitchinterval(original)
    print(f"restored: {sys.getswitchinterval() == original}")


if __name__ == "__main__":
    main()
