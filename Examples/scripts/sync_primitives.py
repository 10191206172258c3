# sync_primitives.py: the threading module's coordination tools, each shown with an outcome
# that does not depend on timing.
#
# The GIL keeps the interpreter's own data consistent; it does not order *your* threads. For that
# there are Lock and RLock (mutual exclusion), Event (a flag threads can wait for), Semaphore
# (at most N holders at once), BoundedSemaphore (a Semaphore that catches extra releases),
# Condition (wait until a predicate holds) and Barrier (wait until N threads have arrived).
# Every line this script prints is deterministic: where a result would depend on scheduling,
# the script uses one primitive to pin the order down and prints what is then guaranteed.
#
# Run:  python3 sync_primitives.py      or      extdemo run sync_primitives.py
import threading
import time

# ----- Lock and RLock --------------------------------------------------------------------------


def other_thread_can_take(lk) -> bool:
    """Whether another thread could acquire lk right now (it gives it back at once)."""
    result = []

    def attempt() -> None:
        got = lk.acquire(blocking=False)
        if got:
            lk.release()
        result.append(got)

    t = threading.Thread(target=attempt)
    t.start()
    t.join()
    return result[0]


def locks() -> None:
    lock = threading.Lock()
    with lock:
        print(f"Lock: held inside 'with': {lock.locked()}; "
              f"a second acquire(blocking=False): {lock.acquire(blocking=False)}; "
              f"acquire(timeout=0.01): {lock.acquire(timeout=0.01)}")
    print(f"Lock: released after 'with': {not lock.locked()}")

    rlock = threading.RLock()
    depth = 0
    with rlock:
        depth += 1
        with rlock:  # the owner may take an RLock again; a Lock would deadlock here
            depth += 1
            held = not other_thread_can_take(rlock)
    print(f"RLock: entered {depth} levels deep by its owner; closed to other threads meanwhile: {held}; "
          f"open again after both exits: {other_thread_can_take(rlock)}")


# ----- Event -------------------------------------------------------------------------------------


def event() -> None:
    ready = threading.Event()
    print(f"Event: set at start: {ready.is_set()}; "
          f"wait(timeout=0.01) before set: {ready.wait(timeout=0.01)}")
    box = []
    seen = [None] * 3

    def consumer(i: int) -> None:
        ready.wait()       # blocks until the producer sets the flag
        seen[i] = box[0]   # so the data is always there

    consumers = [threading.Thread(target=consumer, args=(i,)) for i in range(3)]
    for t in consumers:
        t.start()
    box.append("payload")  # publish first ...
    ready.set()            # ... then signal
    for t in consumers:
        t.join()
    print(f"Event: 3 consumers woke up and saw {seen}")
    ready.clear()
    print(f"Event: after clear(): {ready.is_set()}")


# ----- Semaphore and BoundedSemaphore ---------------------------------------------------------

inside = 0       # workers currently holding the semaphore
max_inside = 0   # the most that ever held it at once
finished = []    # ids of the workers that are done


def semaphore(workers: int, limit: int) -> None:
    global inside, max_inside
    sem = threading.Semaphore(limit)
    cond = threading.Condition()
    gate = threading.Event()  # holders wait here, so the first `limit` of them overlap for sure

    def worker(i: int) -> None:
        global inside, max_inside
        with sem:
            with cond:
                inside += 1
                max_inside = max(max_inside, inside)
                cond.notify_all()
            gate.wait()
            time.sleep(0.001)  # a little "work" while holding a slot
            with cond:
                inside -= 1
                finished.append(i)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    with cond:
        cond.wait_for(lambda: inside == limit)
        print(f"Semaphore({limit}), {workers} workers: holders while the gate is closed: {inside}")
    print(f"Semaphore: one more acquire(blocking=False) meanwhile: {sem.acquire(blocking=False)}")
    gate.set()
    for t in threads:
        t.join()
    print(f"Semaphore: most holders at once: {max_inside}; workers finished: {len(finished)}; "
          f"each exactly once: {sorted(finished) == list(range(workers))}")
    grabbed = [sem.acquire(blocking=False) for _ in range(limit + 1)]
    print(f"Semaphore: {limit + 1} acquires on the idle semaphore: {grabbed}")

    bounded = threading.BoundedSemaphore(2)
    bounded.acquire()
    bounded.release()
    try:
        bounded.release()
        print("BoundedSemaphore: an extra release went unnoticed")
    except ValueError as e:
        print(f"BoundedSemaphore: an extra release raises ValueError: {e}")


# ----- Condition -------------------------------------------------------------------------------


def condition() -> None:
    cond = threading.Condition()
    items = []

    def producer() -> None:
        for i in range(5):
            with cond:
                items.append(i * i)
                cond.notify()

    t = threading.Thread(target=producer)
    with cond:
        t.start()  # the producer cannot append before we wait: we hold the condition's lock
        got = cond.wait_for(lambda: len(items) == 5, timeout=10)
        print(f"Condition: wait_for(5 items) returned {got} with {items}")
    t.join()


# ----- Barrier -----------------------------------------------------------------------------------


def barrier(parties: int) -> None:
    b = threading.Barrier(parties)
    log_lock = threading.Lock()
    log = []
    indices = []

    def runner(i: int) -> None:
        with log_lock:
            log.append(("phase 1", i))
        index = b.wait()  # nobody starts phase 2 before everybody finished phase 1
        with log_lock:
            indices.append(index)
            log.append(("phase 2", i))

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(parties)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    phase1_first = all(step == "phase 1" for step, _ in log[:parties])
    print(f"Barrier({parties}): all phase-1 steps came before any phase-2 step: {phase1_first}")
    print(f"Barrier: wait() handed out the indices {sorted(indices)}; "
          f"waiting now: {b.n_waiting}; broken: {b.broken}")

    lonely = threading.Barrier(2)
    try:
        lonely.wait(timeout=0.05)  # the second party never comes
        print("Barrier: passed without the second party")
    except threading.BrokenBarrierError:
        print("Barrier(2) with one party: wait(timeout=0.05) raises BrokenBarrierError; "
              f"broken: {lonely.broken}")


def main() -> None:
    locks()
    event()
    semaphore(10, 3)
    condition()
    barrier(4)


if __name__ == "__main__":
    main()
