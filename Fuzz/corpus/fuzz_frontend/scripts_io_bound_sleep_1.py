# io_bound_sleep.py: threads do help with waiting. time.sleep() stands in for I/O.
#
# A thread that calls time.sleep() gives the GIL up for the whole wait, like a thread blocked in
# a socket read or a file read, so the other threads run (or wait) meanwhile. Ten simulated
# requests of 0.2 s each take about 2 s one after the other and about 0.2 s on ten threads:
# the waits overlap, and the total approaches the latency of the slowest request.
#
# Run:  python3 io_bound_sleep.py [TASKS] [DELAY]    or    extdemo run io_bound_sleep.py [...]
# Defaults: 10 tasks of 0.2 s. Lines starting with "[timing]" depend on the machine.
