import threading
import time

# ----- Lock and RLock --------------------------------------------------------------------------


def other_thread_can_take(lk) -> bool:
    """Whether another thread could acquire lk right now (it gives it back at once)."""
    result = []

    def attempt() -> None:
        got = lk.acquire(blocking=False)
        if got:
            lk.release()
        result.append(got)

    t = threading.Thread(target=attempt)
    t.start()
    t.join()
    return result[0]


