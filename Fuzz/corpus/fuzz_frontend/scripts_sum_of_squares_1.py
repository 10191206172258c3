# sum_of_squares.py: a CPU-bound job done sequentially, then split over threads.
#
# sum(i * i for i in range(N)) is pure interpreted work. Splitting the range over four threads
# gives the same exact answer (Python ints never overflow: from N = 3,024,618 on the total no
# longer fits in a signed 64-bit integer, and the default N = 4,000,000 needs 65 bits) but no
# speedup, because only the thread holding the GIL runs Python code.
#
# Run:  python3 sum_of_squares.py [N] [THREADS]    or    extdemo run sum_of_squares.py [N] [THREADS]
# N defaults to 4,000,000 and THREADS to 4. Lines starting with "[timing]" depend on the machine.
