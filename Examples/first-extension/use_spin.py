# use_spin.py: calls spin.spin from 1 thread, then from 2 at once. spin releases the GIL,
# so on 2 cores the 2-thread run takes about as long as the 1-thread one.
import threading
import time
import spin

N = 1_000_000_000

def work():
    spin.spin(N)

for threads in (1, 2):
    start = time.perf_counter()
    ts = [threading.Thread(target=work) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print(f"{threads} thread(s) x spin({N}): {time.perf_counter() - start:.2f} s")
print("checksum", spin.spin(10))
