# io_bound_sleep.py: threads do help with waiting. time.sleep() stands in for I/O.
#
# A thread that calls time.sleep() gives the GIL up for the whole wait, like a thread blocked in
# a socket read or a file read, so the other threads run (or wait) meanwhile. Ten simulated
# requests of 0.2 s each take about 2 s one after the other and about 0.2 s on ten threads:
# the waits overlap, and the total approaches the latency of the slowest request.
#
# Run:  python3 io_bound_sleep.py [TASKS] [DELAY]    or    extdemo run io_bound_sleep.py [...]
# Defaults: 10 tasks of 0.2 s. Lines starting with "[timing]" depend on the machine.
import sys
import threading
import time


def fake_request(request_id: int, delay: float, results: list) -> None:
    """Pretends to fetch something: waits `delay` seconds, then stores its answer."""
    time.sleep(delay)  # releases the GIL while waiting
    results[request_id] = f"response-{request_id}"


def main() -> None:
    tasks = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    delay = float(sys.argv[2]) if len(sys.argv) > 2 else 0.2
    print(f"{tasks} simulated requests of {delay} s each")

    results = [None] * tasks
    start = time.perf_counter()
    for i in range(tasks):
        fake_request(i, delay, results)
    sequential = time.perf_counter() - start
    print(f"sequential: {results.count(None)} requests unanswered, "
          f"first {results[0]}, last {results[-1]}")
    print(f"[timing] sequential: {sequential:.2f}s (about {tasks} x {delay} s)")

    results = [None] * tasks
    threads = [threading.Thread(target=fake_request, args=(i, delay, results), name=f"request-{i}")
               for i in range(tasks)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    threaded = time.perf_counter() - start
    print(f"threaded: {results.count(None)} requests unanswered, "
          f"first {results[0]}, last {results[-1]}")
    print(f"answers in request order: {results == [f'response-{i}' for i in range(tasks)]}")
    print(f"[timing] threaded: {threaded:.2f}s (about {delay} s: the waits overlap)")
    print(f"[timing] speedup: {sequential / threaded:.1f}x with {tasks} threads; "
          f"waits overlapped: {threaded < 0.5 * sequential}")


if __name__ == "__main__":
    main()
