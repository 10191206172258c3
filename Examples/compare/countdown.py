# countdown.py: `while n > 0: n -= 1` split into WORKERS shares, for `extdemo compare`
# (`extdemo run countdown.py MODE WORKERS [COUNT]`, MODE sequential, threads or processes).
# Threads take turns on the one GIL; processes count in parallel, one GIL each.
import sys
import time
from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor


def countdown(n):
    while n > 0:
        n -= 1
    return n


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else 'sequential'
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 4000000
    parts = 2 if mode == 'sequential' else workers
    shares = [count // parts + (1 if i < count % parts else 0) for i in range(parts)]
    start = time.perf_counter()
    if mode == 'sequential':
        left = [countdown(s) for s in shares]
    else:
        pool = ThreadPoolExecutor if mode == 'threads' else ProcessPoolExecutor
        with pool(max_workers=workers) as ex:
            left = list(ex.map(countdown, shares))
    print('elapsed:', time.perf_counter() - start)
    print('counted', count, 'left', sum(left))


if __name__ == '__main__':
    main()
