# memo_batches_errors.py: the paths session 7 rewrote for speed (the pickler's address-keyed memo,
# exact list/dict batches, the 64-bit LONG1 path; the unpickler's C stack, MEMOIZE indices and
# APPENDS/SETITEMS) against CPython 3.11. Run it under python3 to record
# memo_batches_errors.expected; the kit must print the same.
import pickle


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


class Temp:
    # A fresh list per __reduce__ call: the memo must keep it alive, or a later temporary could
    # reuse its address and be written as a memo fetch of the wrong object.
    def __reduce__(self):
        return (list, ([1, 2, 3],))


class Grow:
    def __init__(self, target):
        self.target = target

    def __reduce__(self):
        if isinstance(self.target, dict):
            self.target['new'] = 1
        else:
            self.target.add('new')
        return (int, (7,))


class Shrink:
    def __init__(self, target):
        self.target = target

    def __reduce__(self):
        del self.target[1:]
        return (int, (8,))


class L(list):
    pass


class D(dict):
    pass


rec = [1]
rec.append(rec)
drec = {}
drec['self'] = drec
inner = []
trec = (inner, 5)
inner.append(trec)
shared = [0, 1]
values = [
    ('recursive list', rec), ('recursive dict', drec), ('tuple through a list', trec),
    ('shared', [shared, (shared, shared), {'a': shared}]),
    ('temporaries', [Temp() for _ in range(5)]),
    ('list subclass 1001', L(range(1001))), ('list subclass 1', L([5])),
    ('dict subclass 1001', D(dict.fromkeys(range(1001)))),
    ('big ints', [2**64, -(2**64) - 1, 3**50, -(3**50), 2**8000 // 7]),
    ('floats and strs', [0.1, -2.5e300, 'é' * 3, 'x' * 256, b'\x00' * 256]),
]
for label, v in values:
    data = pickle.dumps(v, 4)
    back = pickle.loads(data)
    print(label, data.hex())
    print(label, 'back', repr(back)[:120])
print('recursion kept', (lambda b: b[1] is b)(pickle.loads(pickle.dumps(rec))),
      (lambda b: b['self'] is b)(pickle.loads(pickle.dumps(drec))),
      (lambda b: b[0][0] is b)(pickle.loads(pickle.dumps(trec))))

d = {'a': 1}
d['g'] = Grow(d)
show('dict grows', lambda: pickle.dumps(d))
s = {1, 2}
s.add(Grow(s))
show('set grows', lambda: pickle.dumps(s))
lst = [0, 0, 0]
lst[0] = Shrink(lst)
show('list shrinks', lambda: pickle.dumps(lst).hex())
show('unpicklable in list', lambda: pickle.dumps([1, (x for x in ())]))
show('unpicklable in dict', lambda: pickle.dumps({'k': lambda: 0}))

bad = [
    ('APPENDS to int', b'\x80\x04K\x01(K\x02e.'),
    ('APPEND to int', b'\x80\x04K\x01K\x02a.'),
    ('SETITEMS odd', b'\x80\x04}(K\x01u.'),
    ('TUPLE2 underflow', b'\x80\x04K\x01\x86.'),
    ('TUPLE3 over mark', b'\x80\x04K\x01K\x02(K\x03\x87.'),
    ('APPENDS no mark', b'\x80\x04]K\x01e.'),
    ('memo get missing', b'\x80\x04K\x01h\x05.'),
    ('memoize empty', b'\x80\x04\x94.'),
    ('memoize sparse', b'\x80\x04K\x01q\x03K\x02\x94\x86h\x01h\x03\x86.'),
    ('stop empty', b'\x80\x04.'),
    ('TUPLE from mark', b'\x80\x04(K\x01K\x02K\x03K\x04t.'),
    ('deep stack', b'\x80\x04' + b'K\x01' * 200 + b'(' + b't' + b'0' * 200 + b'N.'),
]
for label, data in bad:
    show(label, lambda: pickle.loads(data))
