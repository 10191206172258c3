# primes.py: counts primes below a bound in chunks, run by `extdemo compare` (or by hand:
# `extdemo run primes.py MODE WORKERS [LIMIT]`, MODE sequential, threads or processes). The
# same function runs in every mode; only the executor changes: a plain loop, a
# ThreadPoolExecutor (threads share one GIL) or a ProcessPoolExecutor (one GIL per process).
import sys
import time
from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor


def count_primes(lo, hi):
    count = 0
    for n in range(max(lo, 2), hi):
        d = 2
        while d * d <= n:
            if n % d == 0:
                break
            d += 1
        else:
            count += 1
    return count


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else 'sequential'
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else 60000
    step = limit // 8
    chunks = [(lo, min(lo + step, limit)) for lo in range(0, limit, step)]
    start = time.perf_counter()
    if mode == 'sequential':
        counts = [count_primes(lo, hi) for lo, hi in chunks]
    else:
        pool = ThreadPoolExecutor if mode == 'threads' else ProcessPoolExecutor
        with pool(max_workers=workers) as ex:
            counts = list(ex.map(count_primes, [lo for lo, _ in chunks], [hi for _, hi in chunks]))
    print('elapsed:', time.perf_counter() - start)
    print('primes below', limit, ':', sum(counts))


if __name__ == '__main__':
    main()
