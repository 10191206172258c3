def safe_increment(n: int) -> None:
    global counter
    for _ in range(n):
        with lock:  # only one thread at a time between acquire and release
            temp = counter
            temp += 1
            counter = temp


def forced_lost_update(barrier: threading.Barrier) -> None:
    global counter
    seen = counter          # every thread reads the same old value ...
    barrier.wait()          # ... because none may write before all have read
    counter = seen + 1      # so each one writes old + 1: all but one update are lost


