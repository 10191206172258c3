# cpu_vs_io.py: a CPU-bound task and an I/O-bound task, timed with time.perf_counter().
#
# The CPU-bound task (a sum of squares) keeps the interpreter busy and its time depends on the
# machine; the I/O-bound task (time.sleep, standing in for a network or disk wait) takes as long
# as the wait whatever the machine, and holds no lock while it waits. Run each on four threads:
# the waits overlap (about 1x the time of one), the computations do not (about 4x).
#
# Run:  python3 cpu_vs_io.py [N] [SECONDS]     or     extdemo run cpu_vs_io.py [N] [SECONDS]
# Defaults: N = 1,000,000 squares, a 0.25 s wait. Lines starting with "[timing]" depend on the
# machine.
