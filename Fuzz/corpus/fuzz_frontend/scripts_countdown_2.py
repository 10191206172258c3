import sys
import threading
import time

COUNT: int = 10_000_000


def countdown(n: int) -> None:
    while n > 0:
        n -= 1


def counted(n: int, results: list, slot: int) -> None:
    """Counts n down and records how far it got (0 when it ran to the end)."""
    while n > 0:
        n -= 1
    results[slot] = n


