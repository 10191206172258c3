# Defaults: 100,000 increments on each of 4 threads.
import sys
import threading

counter = 0
lock = threading.Lock()


def increment(n: int) -> None:
    global counter
    for _ in range(n):
        counter += 1  # load, add, store: another thread can run in between


