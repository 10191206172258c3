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


