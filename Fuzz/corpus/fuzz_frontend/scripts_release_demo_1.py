import sys
import threading
import time


def count_until(flag: list) -> int:
    """Runs a Python loop until flag[0] becomes true; returns how many rounds it got through."""
    rounds = 0
    while not flag[0]:
        rounds += 1
    return rounds


