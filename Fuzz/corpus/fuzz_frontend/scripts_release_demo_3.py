def on_threads(fn, args: tuple, threads: int) -> tuple:
    """Runs fn(*args) on `threads` threads at once; returns (results, seconds)."""
    results = [None] * threads

    def work(k: int) -> None:
        results[k] = fn(*args)

    workers = [threading.Thread(target=work, args=(k,)) for k in range(threads)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return results, time.perf_counter() - start


