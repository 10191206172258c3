# countdown.py: the classic two-thread proof that the GIL serialises CPU-bound Python.
#
# countdown(n) is a pure-Python loop: it never waits for anything, so the thread running it
# never gives the lock up on its own; the interpreter only hands it over when the switch interval
# expires. Counting down twice in one thread and counting down once in each of two threads
# therefore take about the same time: the two threads take turns, they do not run in parallel.
#
# Run:  python3 countdown.py [COUNT]      or      extdemo run countdown.py [COUNT]
# COUNT defaults to 10,000,000 (about 1-3 s in all under CPython 3.11). Lines starting with
# "[timing]" depend on the machine; every other line is the same under both interpreters.
