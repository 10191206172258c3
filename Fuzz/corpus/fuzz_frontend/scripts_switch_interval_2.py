import sys
import threading
import time

last_owner = [None]  # which thread ran the loop body most recently


def spin(me: str, steps: int, handoffs: list, slot: int) -> None:
    """A CPU-bound loop that counts how often it found another thread had run since its last step."""
    seen = 0
    for _ in range(steps):
        if last_owner[0] != me:
            last_owner[0] = me
            seen += 1
    handoffs[slot] = seen


