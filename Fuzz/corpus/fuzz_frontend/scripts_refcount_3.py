    threads = [threading.Thread(target=churn, args=(rounds,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    after = sys.getrefcount(shared)
    print(f"4 threads x {rounds:,} add/drop pairs on one shared list: "
          f"count before {before}, after {after}: unchanged: {before == after}")


