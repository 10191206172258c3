# switch_interval.py: how often the interpreter asks a running thread to give the GIL up.
#
# Since CPython 3.2 a thread that wants the GIL waits at most the switch interval (5 ms by
# default); then it sets a "please drop the lock" request that the running thread honours at its
# next check point (a backward jump or a call). sys.getswitchinterval() reads the interval and
# sys.setswitchinterval() changes it. A shorter interval means more handoffs between CPU-bound
# threads (fairer, more overhead); a longer one means fewer.
#
# Run:  python3 switch_interval.py [STEPS]     or     extdemo run switch_interval.py [STEPS]
# STEPS (loop iterations per thread) defaults to 2,000,000. Lines starting with "[timing]" depend
# on the machine. (`extdemo run --switch-interval MS switch_interval.py` starts with another
# interval, and then the first line differs from python3's.)
