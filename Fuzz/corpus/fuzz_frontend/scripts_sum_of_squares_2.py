import sys
import threading
import time


def sum_of_squares(start: int, stop: int) -> int:
    return sum(i * i for i in range(start, stop))


def closed_form(n: int) -> int:
    """0^2 + 1^2 + ... + (n-1)^2, exactly."""
    return (n - 1) * n * (2 * n - 1) // 6


