# Copies of lists and bytes on the library's fast paths (issue 11, pyflate and unpickle_list):
# list + list built in one allocation (large, empty, a subclass, a list plus itself), slices
# and slice assignment of a move-to-front step, first appends to an empty list, the shared
# one-byte bytes objects (equal values, identity as CPython's cache gives it, hashing, use as
# keys), pickle's APPENDS/APPEND into lists and a list subclass, and sorts of small ints.
import pickle

big = list(range(300))
print(len(big + big), (big + big)[299:301], (big + [])[-1], ([] + big)[0], [] + [])
class L(list):
    pass
sub = L([1, 2]) + L([3])
print(type(sub).__name__, sub)
try:
    [1] + (2,)
except TypeError as e:
    print('TypeError', e)
print(big[10:15], big[-3:], big[::100], big[5:2], len(big[:]), big[:] is big)


def move_to_front(l, c):
    l[:] = l[c:c + 1] + l[0:c] + l[c + 1:]


mtf = list(range(256))
for c in (5, 0, 255, 100, 1):
    move_to_front(mtf, c)
print(mtf[:6], len(mtf), sorted(mtf) == list(range(256)))
x = []
for i in range(20):
    x.append(i * i)
print(x[-3:], len(x))
x[2:5] = []
x[0:1] = [-1, -2, -3]
print(x[:6], len(x))

data = b'\x00abc\xff' * 3
ones = [data[i:i + 1] for i in range(len(data))]
print(ones[:5], ones[1] == b'a', ones[0] is data[5:6], data[15:16], data[4:5] is bytes([255]))
print(hash(ones[1]) == hash(b'a'), {b'a': 1}[ones[1]], b''.join(ones) == data, len(ones[4]))
print(bytes(3), bytearray(b'x')[0:1], b'q' * 1, b'ab'[1:], b'ab'[1:] + b'c')

nested = [[list(range(10)), list(range(10))] for _ in range(10)]
for proto in (4, 5):
    back = pickle.loads(pickle.dumps(nested, proto))
    print(proto, back == nested, back[0][0] is not nested[0][0], len(back))
one = pickle.loads(pickle.dumps([[7]], 4))
print(one, pickle.loads(pickle.dumps([list(range(1500))], 4))[0][-1])
print(type(pickle.loads(pickle.dumps(L([4, 5, 6]), 4))).__name__)
try:
    pickle.loads(b'\x80\x04]\x94(K\x01K\x02e')
except Exception as e:
    print(type(e).__name__, e)

# sorted() of compact ints sorts on their values: every length around the insertion-sort runs,
# keyed and reversed sorts, bools kept apart, stability among equal ints that are distinct
# objects, and ints beyond 64 bits (the generic comparison).
import random
r = random.Random(5)
for n in (0, 1, 2, 7, 8, 9, 17, 100, 1000):
    a = [r.randrange(-50, 50) for _ in range(n)]
    b = [x * 10**12 for x in a]
    keyed = sorted(range(n), key=lambda i: a[i])
    print(n, sum(sorted(a)[i] * i for i in range(n)), sorted(b)[:3], keyed[:5], sorted(a, reverse=True)[:4])
x = [3, 1, 2]
x.sort()
print(x, sorted(bytes([5, 1, 255, 0, 1])), sorted([2, 1, True, False, 1]))
objs = [int('1000000000000'), int('1000000000000'), 5]
s = sorted(objs)
print(s[1] is objs[0], s[2] is objs[1], sorted([1, -1, 2**63 - 1, -2**63, 2**64, 0]))
