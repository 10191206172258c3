# pickle.Pickler / pickle.Unpickler (the classes pyperformance's pickle benchmarks check for) and
# the objects those benchmarks pickle: a memo kept across dump()/load() calls, clear_memo(), file
# positions after load, the argument errors; then the bytes of pyperformance's DICT (with a
# datetime.date), TUPLE, LIST and MICRO_DICT shapes under protocols 4 and 5, read back equal.
import datetime
import io
import pickle

print(pickle.Pickler.__module__, pickle.Unpickler.__module__, pickle.Pickler.__name__, pickle.Unpickler.__name__)
print(getattr(pickle.Pickler, '__module__', '<jython>') != 'pickle')

f = io.BytesIO()
p = pickle.Pickler(f, 5)
shared = [1, "a"]
p.dump(shared)
p.dump(shared)
p.clear_memo()
p.dump(shared)
p.dump((shared, shared))
print(f.getvalue().hex())
f.seek(0)
u = pickle.Unpickler(f)
a = u.load()
b = u.load()
c = u.load()
d = u.load()
print(a, b, c, d, a is b, a is c, d[0] is d[1], f.tell())
try:
    u.load()
except EOFError as e:
    print("EOFError", e)

for proto in (None, 4, 5, -1):
    f = io.BytesIO()
    pickle.Pickler(f, proto).dump({1: 2, "k": [None, True]})
    print(proto, f.getvalue().hex())
f = io.BytesIO()
pickle.Pickler(f, protocol=4).dump((1,))
print(f.getvalue().hex())

f = io.BytesIO(pickle.dumps([1, 2]) + b"tail")
print(pickle.Unpickler(f).load(), f.read())

class NoSeek:
    def __init__(self, data): self.data = data
    def read(self, n=-1):
        d, self.data = self.data, b""
        return d
    def readline(self): return b""
u = pickle.Unpickler(NoSeek(pickle.dumps("x") + pickle.dumps("y")))
print(u.load(), u.load())

class Sink:
    def __init__(self): self.parts = []
    def write(self, b): self.parts.append(b)
s = Sink()
pickle.Pickler(s).dump(3)
print(s.parts)

def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)

show("Pickler(5)", lambda: pickle.Pickler(5))
show("Unpickler(5)", lambda: pickle.Unpickler(5))
show("Pickler(f, 6)", lambda: pickle.Pickler(io.BytesIO(), 6))
show("Pickler()", lambda: pickle.Pickler())
show("Unpickler()", lambda: pickle.Unpickler())
show("dump lambda", lambda: pickle.Pickler(io.BytesIO()).dump(lambda: 0))
show("load garbage", lambda: pickle.Unpickler(io.BytesIO(b"\x80\x05zzz")).load())
show("load truncated", lambda: pickle.Unpickler(io.BytesIO(pickle.dumps([1, 2, 3])[:-3])).load())

DICT = {
    'ads_flags': 0, 'age': 18, 'birthday': datetime.date(1980, 5, 7), 'bulletin_count': 0,
    'comment_count': 0, 'country': 'BR', 'encrypted_id': 'G9urXXAJwjE', 'favorite_count': 9,
    'first_name': '', 'flags': 412317970704, 'friend_count': 0, 'gender': 'm',
    'gender_for_display': 'Male', 'id': 302935349, 'is_custom_profile_icon': 0, 'last_name': '',
    'locale_preference': 'pt_BR', 'member': 0, 'tags': ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
    'profile_foo_id': 827119638, 'secure_encrypted_id': 'Z_xxx2dYx3t4YAdnmfgyKw',
    'session_number': 2, 'signup_id': '201-19225-223', 'status': 'A', 'theme': 1,
    'time_created': 1225237014, 'time_updated': 1233134493, 'unread_message_count': 0,
    'user_group': '0', 'username': 'collinwinter', 'play_count': 9, 'view_count': 7, 'zip': ''}
TUPLE = ([265867233, 265868503, 265252341, 265243910, 265879514, 266219766, 266021701, 265843726,
          265592821, 265246784, 265853180, 45526486, 265463699, 265848143, 265863062, 265392591,
          265877490, 265823665, 265828884, 265753032], 60)
GROUP = [dict(DICT, id=i, flags=i * 1000003, age="%d years" % i) for i in range(3)]
LIST = [[list(range(10)), list(range(10))] for _ in range(10)]
MICRO_DICT = dict((key, dict.fromkeys(range(10))) for key in range(100))
for proto in (4, 5):
    for name, obj in (("DICT", DICT), ("TUPLE", TUPLE), ("GROUP", GROUP), ("LIST", LIST), ("MICRO_DICT", MICRO_DICT)):
        data = pickle.dumps(obj, proto)
        print(proto, name, len(data), data.hex())
        back = pickle.loads(data)
        print(back == obj, type(back) is type(obj))
print(pickle.loads(pickle.dumps(datetime.date(2024, 2, 29))))
