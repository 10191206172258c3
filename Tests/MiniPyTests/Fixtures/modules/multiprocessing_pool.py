# multiprocessing_pool.py: ThreadPool, the Pool interface run by threads of this process.
from multiprocessing.pool import ThreadPool

with ThreadPool(2) as p:
    print(p.map(abs, [-1, -2, 3]))
    print(p.apply_async(pow, (2, 5)).get())
    print(list(p.imap(str, [1, 2])))
    print(sorted(p.imap_unordered(abs, [-3, 1, -2])))
    print(p.starmap(max, [(1, 5), (7, 2)]))
    r = p.apply_async(int, ('x',))
    r.wait()
    print(r.ready(), r.successful())
    try:
        r.get()
    except ValueError as e:
        print('ValueError', e)
