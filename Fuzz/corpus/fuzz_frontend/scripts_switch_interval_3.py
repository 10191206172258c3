def handoffs_with(interval: float, steps: int) -> tuple:
    sys.setswitchinterval(interval)
    last_owner[0] = None
    handoffs = [0, 0]
    threads = [threading.Thread(target=spin, args=(name, steps, handoffs, k))
               for k, name in enumerate(["A", "B"])]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(handoffs), time.perf_counter() - start


