# thread_scaling.py: the same CPU-bound work on 1, 2, 4 and 8 threads.
#
# The total work stays fixed; only the number of threads sharing it changes. With a GIL only one
# thread runs Python at a time, so the wall time stays flat (or grows a little: handing the lock
# around costs something) instead of dropping as threads are added.
#
# Run:  python3 thread_scaling.py [TOTAL]     or     extdemo run thread_scaling.py [TOTAL]
# TOTAL (loop iterations in all) defaults to 8,000,000. Lines starting with "[timing]" depend on
# the machine.
