# threading additions: local (per-thread attributes, subclass __init__ per thread, cleared when a thread ends), Timer, excepthook.
import threading, time

data = threading.local()
data.x = 'main'
seen = []
def work(n):
    seen.append((n, hasattr(data, 'x')))
    data.x = n
    time.sleep(0.01)
    seen.append((n, data.x))
ts = [threading.Thread(target=work, args=(i,)) for i in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(seen), data.x)
for i in range(3):
    t = threading.Thread(target=work, args=(10 + i,)); t.start(); t.join()
print(sorted(seen)[-6:])

class MyLocal(threading.local):
    def __init__(self, v):
        self.v = v
        self.items = []
ml = MyLocal(5)
ml.v = 7
def w2():
    ml.items.append(threading.current_thread().name)
    print('in thread', ml.v, ml.items)
t = threading.Thread(target=w2, name='W'); t.start(); t.join()
print('main', ml.v, ml.items)
try:
    threading.local(1)
except TypeError as e:
    print('TypeError', e)

fired = []
tm = threading.Timer(0.05, lambda a, b=0: fired.append(a + b), args=(1,), kwargs={'b': 2})
tm.start(); tm.join()
print('fired', fired, tm.finished.is_set(), isinstance(tm, threading.Thread))
tm2 = threading.Timer(5, lambda: fired.append('no'))
tm2.start(); tm2.cancel(); tm2.join()
print('cancelled', fired)

def hook(args):
    print('hook:', args.exc_type.__name__, args.exc_value, args.thread.name, args.exc_traceback is not None)
threading.excepthook = hook
def boom():
    raise ValueError('bad')
t = threading.Thread(target=boom, name='B'); t.start(); t.join()
threading.excepthook = threading.__excepthook__
print(threading.get_ident() == threading.main_thread().ident, threading.active_count(), len(threading.enumerate()))
print(type(threading.get_native_id()).__name__, threading.main_thread().name)
