# multiprocessing_inprocess.py: the parts of multiprocessing that work inside one process (the
# spawning parts are tested through the binary in Tests/ExtdemoTests/MultiprocessingTests.swift):
# current_process, cpu_count, Value/Array in shared memory with their locks, Pipe, Queue, Lock.
import multiprocessing as mp

print(mp.current_process().name)
print(mp.cpu_count() >= 1)
v = mp.Value('i', 5)
v.value += 2
print(v.value)
with v.get_lock():
    v.value *= 3
print(v.value)
d = mp.Value('d', 0.5)
print(d.value * 2)
a = mp.Array('d', [1.0, 2.0, 3.0])
a[0] = 9.5
print(a[:], len(a), a[-1], a[1:])
try:
    a[5]
except IndexError as e:
    print('IndexError', e)
ints = mp.Array('i', 4)
ints[2] = -7
print(list(ints))
r, w = mp.Pipe()
w.send({'k': (1, 2), 'b': b'x'})
print(r.recv(), r.poll())
q = mp.Queue()
q.put([1, 'x'])
q.put(None)
print(q.get(), q.get())
lock = mp.Lock()
lock.acquire()
lock.release()
with lock:
    print('lock ok')
