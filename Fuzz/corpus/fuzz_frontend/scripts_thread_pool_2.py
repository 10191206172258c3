import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed


def square(x: int) -> int:
    return x * x


def slow_square(x: int) -> int:
    time.sleep(0.05 * (5 - x % 5))  # later inputs finish first: map() still keeps input order
    return x * x


