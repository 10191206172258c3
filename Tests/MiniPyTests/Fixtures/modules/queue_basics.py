# queue: FIFO/LIFO/priority/simple queues, producer/consumer under contention (counted), timeouts, Empty/Full, task_done/join.
import queue, threading

q = queue.Queue()
results = []
def producer(n):
    for i in range(n):
        q.put(i)
def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        results.append(item * 2)
        q.task_done()

ps = [threading.Thread(target=producer, args=(500,)) for _ in range(3)]
cs = [threading.Thread(target=consumer) for _ in range(4)]
for t in ps + cs: t.start()
for t in ps: t.join()
q.join()
for _ in cs: q.put(None)
for t in cs: t.join()
print(len(results), sum(results), q.qsize(), q.empty())

lq = queue.LifoQueue()
for i in range(5): lq.put(i)
print([lq.get() for _ in range(5)])
pq = queue.PriorityQueue()
for x in [5, 1, 4, 2, 3, (0, 'a')][:5]: pq.put(x)
print([pq.get_nowait() for _ in range(5)])
pq2 = queue.PriorityQueue()
for t in [(3, 'c'), (1, 'a'), (2, 'b'), (1, 'Z')]: pq2.put(t)
print([pq2.get() for _ in range(4)])
bq = queue.Queue(maxsize=2)
bq.put(1); bq.put(2)
print(bq.full(), bq.qsize(), bq.maxsize)
try:
    bq.put(3, timeout=0.01)
except queue.Full as e:
    print('Full', repr(e), type(e).__name__)
try:
    bq.put_nowait(3)
except queue.Full:
    print('Full nowait')
bq.get(); bq.get()
try:
    bq.get(timeout=0.01)
except queue.Empty as e:
    print('Empty', repr(e))
try:
    bq.get(block=False)
except queue.Empty:
    print('Empty noblock')
try:
    bq.get(timeout=-1)
except ValueError as e:
    print('ValueError', e)
bq.task_done(); bq.task_done()
try:
    bq.task_done()
except ValueError as e:
    print('ValueError', e)
sq = queue.SimpleQueue()
sq.put('a'); sq.put_nowait('b')
print(sq.qsize(), sq.get(), sq.get_nowait(), sq.empty())
try:
    sq.get(timeout=0.01)
except queue.Empty:
    print('simple Empty')
print(queue.Empty, queue.Full, issubclass(queue.Empty, Exception))
print(queue.Queue, queue.LifoQueue, queue.PriorityQueue, queue.SimpleQueue)
print(isinstance(lq, queue.Queue), q.maxsize)
class MyQ(queue.Queue):
    def __init__(self):
        super().__init__(3)
        self.extra = 1
m = MyQ(); m.put(1)
print(m.qsize(), m.maxsize, m.extra, m.get())
