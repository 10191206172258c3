# refcount.py: reference counting, the thing the GIL was built to protect.
#
# Every object carries a count of the references to it; binding a name, storing into a container
# or passing an argument adds one, and dropping them takes it back. sys.getrefcount(x) shows the
# count, plus one for its own argument. The updates are plain read-modify-write operations on a
# field of the object: two threads doing them at once without a lock could lose one and free an
# object still in use (or never free it). The GIL makes each update exclusive, which is why four
# threads adding and dropping a million references to one shared object leave its count exactly
# where it was.
#
# Run:  python3 refcount.py [ROUNDS]      or      extdemo run refcount.py [ROUNDS]
# ROUNDS (add/drop pairs per thread) defaults to 100,000. Every line is deterministic.
import sys
import threading

shared = []


def count_inside(p: list) -> int:
    return sys.getrefcount(p)


def churn(rounds: int) -> None:
    """Adds and drops references to `shared` as fast as it can."""
    holder = []
    for _ in range(rounds):
        alias = shared            # +1 (the name)
        holder.append(alias)      # +1 (the list slot)
        holder.pop()              # -1
        alias = None              # -1 (the name now refers to None)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    x = []
    base = sys.getrefcount(x)
    print(f"a new list bound to one name: getrefcount = {base} (the name, plus the call's own argument)")
    y = x
    print(f"y = x: {sys.getrefcount(x)} (+{sys.getrefcount(x) - base})")
    box = [x]
    print(f"box = [x]: {sys.getrefcount(x)}")
    table = {"key": x}
    print(f"table = {{'key': x}}: {sys.getrefcount(x)}")
    pair = (x, x)
    print(f"pair = (x, x): {sys.getrefcount(x)}")
    y = None
    box = None
    table = None
    pair = None
    print(f"after rebinding y, box, table and pair to None: {sys.getrefcount(x)} "
          f"(back to {base}: {sys.getrefcount(x) == base})")
    print(f"inside a function, its parameter adds one: {count_inside(x) - sys.getrefcount(x)}")
    items = [x] * 10
    print(f"[x] * 10 adds 10: {sys.getrefcount(x) - base}")
    items.clear()
    print(f"items.clear() drops them: {sys.getrefcount(x) == base}")

    before = sys.getrefcount(shared)
    threads = [threading.Thread(target=churn, args=(rounds,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    after = sys.getrefcount(shared)
    print(f"4 threads x {rounds:,} add/drop pairs on one shared list: "
          f"count before {before}, after {after}: unchanged: {before == after}")


if __name__ == "__main__":
    main()
