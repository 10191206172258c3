import sys
import threading
import time


def cpu_bound(n: int) -> int:
    return sum(i * i for i in range(n))


def io_bound(seconds: float) -> str:
    time.sleep(seconds)
    return f"waited {seconds} s"


def measure_time(label: str, fn, arg) -> float:
    start = time.perf_counter()
    result = fn(arg)
    elapsed = time.perf_counter() - start
    print(f"{label}: {result}")
    print(f"[timing]   {label} took {elapsed:.3f}s")
    return elapsed


