        pooled = time.perf_counter() - start
        print(f"cpu_task x {workers} on the pool: {totals}; same as on one thread: {totals == alone}")
        print(f"[timing] cpu_task x {workers}: one thread {one_thread:.2f}s, pool {pooled:.2f}s "
              "(pure Python: the pool is no faster)")

    pending = any(not f.done() for f in futures)
    print(f"after the with block the pool is shut down; tasks still pending: {pending}")


