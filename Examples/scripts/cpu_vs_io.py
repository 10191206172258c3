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
import sys
import threading
import time


def cpu_bound(n: int) -> int:
    return sum(i * i for i in range(n))


def io_bound(seconds: float) -> str:
    time.sleep(seconds)
    return f"waited {seconds} s"


def measure_time(label: str, fn, arg) -> float:
    start = time.perf_counter()
    result = fn(arg)
    elapsed = time.perf_counter() - start
    print(f"{label}: {result}")
    print(f"[timing]   {label} took {elapsed:.3f}s")
    return elapsed


def on_four_threads(fn, arg) -> tuple:
    results = [None] * 4

    def work(k: int) -> None:
        results[k] = fn(arg)

    workers = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return results, time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 0.25
    cpu_one = measure_time(f"CPU-bound sum of {n:,} squares", cpu_bound, n)
    io_one = measure_time(f"I/O-bound sleep of {seconds} s", io_bound, seconds)

    cpu_results, cpu_four = on_four_threads(cpu_bound, n)
    io_results, io_four = on_four_threads(io_bound, seconds)
    print(f"four threads, CPU-bound: all equal: {len(set(cpu_results)) == 1}")
    print(f"four threads, I/O-bound: {io_results}")
    print(f"[timing] four threads: CPU-bound {cpu_four:.3f}s ({cpu_four / cpu_one:.1f}x one task), "
          f"I/O-bound {io_four:.3f}s ({io_four / io_one:.1f}x one task)")


if __name__ == "__main__":
    main()
