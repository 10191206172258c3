# The cycle collector frees reference cycles that pass through the stdlib's C objects:
# threading.local (and a subclass), the four queues, a Struct subclass, a thread pool whose
# initializer refers back to its executor, a finished Thread and a Timer. Each sentinel's
# __del__ says it was freed by gc.collect(), before the next line.
import gc
import queue
import struct
import threading
import concurrent.futures as cf


class Sentinel:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  freed", self.name)


def local_cycle():
    data = threading.local()
    s = Sentinel("local")
    s.data = data
    data.s = s


class MyLocal(threading.local):
    def __init__(self, tag):
        self.tag = tag


def local_subclass_cycle():
    data = MyLocal("t")
    data.me = data
    data.s = Sentinel("local subclass " + data.tag)


def local_in_thread_cycle():
    data = threading.local()
    s = Sentinel("local set in another thread")

    def work():
        data.s = s
        s.data = data

    t = threading.Thread(target=work)
    t.start()
    t.join()


def queue_cycle(kind):
    q = getattr(queue, kind)()
    s = Sentinel(kind)
    s.q = q
    q.put((1, s) if kind == "PriorityQueue" else s)


def queue_self_cycle():
    q = queue.Queue()
    q.put(q)
    q.s = Sentinel("queue holding itself")


class MyStruct(struct.Struct):
    pass


def struct_cycle():
    st = MyStruct("<i")
    st.me = st
    st.s = Sentinel("struct subclass")


def executor_cycle():
    s = Sentinel("executor with an initializer")
    ex = cf.ThreadPoolExecutor(1, initializer=lambda: s)
    s.ex = ex
    print("  result", ex.submit(lambda: 6 * 7).result())
    ex.shutdown()


def thread_cycle():
    s = Sentinel("finished thread")
    t = threading.Thread(target=lambda: None)
    t.s = s
    s.t = t
    t.start()
    t.join()


def timer_cycle():
    s = Sentinel("timer")
    t = threading.Timer(60, print)
    s.t = t
    t.s = s


gc.collect()
for fn, args in ((local_cycle, ()), (local_subclass_cycle, ()), (local_in_thread_cycle, ()),
                 (queue_cycle, ("Queue",)), (queue_cycle, ("LifoQueue",)),
                 (queue_cycle, ("PriorityQueue",)), (queue_cycle, ("SimpleQueue",)),
                 (queue_self_cycle, ()), (struct_cycle, ()), (executor_cycle, ()),
                 (thread_cycle, ()), (timer_cycle, ())):
    print(fn.__name__, *args)
    fn(*args)
    print("  collected something:", gc.collect() > 0)

# A cleared queue, local and thread still work when something kept them.
keep = queue.Queue()
keep.put("item")
print(keep.get(), keep.qsize())
data = threading.local()
data.x = 1
print(data.x, gc.is_tracked(data), gc.is_tracked(keep))
