        t.join()
    thr_time = time.perf_counter() - start
    threaded = sum(results)
    print(f"chunks: {bounds}")
    print(f"threaded result:   {threaded}")
    ratio = thr_time / seq_time if seq_time > 0 else 0.0
    print(f"[timing] threaded: {thr_time:.3f}s ({ratio:.2f}x the sequential time)")

    expected = closed_form(n)
    print(f"both equal the closed form (n-1)n(2n-1)/6: {sequential == threaded == expected}")
    print(f"bits needed: {expected.bit_length()}; fits in a signed 64-bit int: {expected < 2 ** 63}")
    print(f"the same sum up to 50,000,000 (closed form): {closed_form(50_000_000):,}")


