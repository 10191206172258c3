def on_four_threads(fn, arg) -> tuple:
    results = [None] * 4

    def work(k: int) -> None:
        results[k] = fn(arg)

    workers = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return results, time.perf_counter() - start


