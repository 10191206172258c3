def call_then_flag(fn, args: tuple, flag: list, out: list) -> None:
    out.append(fn(*args))
    flag[0] = True


def progress_during(fn, args: tuple) -> tuple:
    """Calls fn(*args) on another thread while the main thread counts.

    Returns (the main thread's loop rounds meanwhile, fn's result, seconds taken)."""
    flag = [False]
    out = []
    t = threading.Thread(target=call_then_flag, args=(fn, args, flag, out))
    start = time.perf_counter()
    t.start()
    rounds = count_until(flag)
    t.join()
    return rounds, out[0], time.perf_counter() - start


