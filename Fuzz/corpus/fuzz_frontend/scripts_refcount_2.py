import sys
import threading

shared = []


def count_inside(p: list) -> int:
    return sys.getrefcount(p)


def churn(rounds: int) -> None:
    """Adds and drops references to `shared` as fast as it can."""
    holder = []
    for _ in range(rounds):
        alias = shared            # +1 (the name)
        holder.append(alias)      # +1 (the list slot)
        holder.pop()              # -1
        alias = None              # -1 (the name now refers to None)


