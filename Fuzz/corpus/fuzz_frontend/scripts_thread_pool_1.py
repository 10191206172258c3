# thread_pool.py: concurrent.futures.ThreadPoolExecutor, the everyday way to use threads.
#
# A pool keeps a few worker threads and hands them tasks. map() returns results in the order of
# its inputs whatever order the tasks finish in; submit() returns a Future whose result() waits
# for the task and re-raises its exception; as_completed() yields futures as they finish. The
# pool pays off for waiting (I/O) and not for pure-Python computing, which the GIL serialises.
#
# Run:  python3 thread_pool.py [WORKERS]      or      extdemo run thread_pool.py [WORKERS]
# WORKERS defaults to 4. Lines starting with "[timing]" depend on the machine.
