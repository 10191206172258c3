# gc.is_tracked for what CPython 3.11 answers the same way the kit does: atomic objects never,
# containers and instances always, and tuples: tracked when made, untracked by a collection once
# none of their items can be in a cycle (CPython's untrack_tuples), the nesting order mattering
# as in CPython. The result tuples enumerate/zip/dict.items() refill in place are tracked again
# when a container goes in, so a cycle through one is still collected.
# (Not here: CPython also untracks dicts holding only atomic keys and values; the kit tracks
# every dict.)
import gc
import weakref

def t(label, obj):
    print(label, gc.is_tracked(obj))

t("int", 1); t("big int", 10**30); t("float", 1.5); t("str", "abc"); t("bytes", b"x"); t("None", None)
t("empty tuple", ())
n = 3
a = (n, n + 1)
b = (n, [])
c = (n, "s", (n, 2.5))
d = ((n, n), (n,))
t("new atomic tuple", a)
t("new tuple with list", b)
gc.collect()
t("atomic tuple after collect", a)
t("tuple with list after collect", b)
t("tuple of atomic tuple after collect", c)
t("nested atomic tuples after one collect", d)
gc.collect()
t("nested atomic tuples after two collects", d)
e = (n, [])
e[1].append(1)
gc.collect()
t("tuple with a list of ints after collect", e)
t("empty list", []); t("list of ints", [1, 2]); t("empty set", set()); t("frozenset", frozenset([1]))
t("dict with list", {"a": []})

class C:
    pass

t("instance", C()); t("class", C); t("function", t); t("bound method", [].append)
t("generator", (i for i in ()))

def cycle_through_reused(make):
    k = C()
    it = make(k)
    first = next(it)
    del first
    gc.collect()        # the iterator's cached result tuple has atomic items: untracked
    second = next(it)   # refilled in place with k inside: must be tracked again
    tracked = gc.is_tracked(second)
    del second
    k.it = it           # k -> iterator -> its cached tuple -> k
    ref = weakref.ref(k)
    del k, it
    gc.collect()
    return tracked, ref() is None

print("zip", cycle_through_reused(lambda k: zip([1, 2], [3, k])))
print("enumerate", cycle_through_reused(lambda k: enumerate([1, k])))
print("dict items", cycle_through_reused(lambda k: iter({1: 2, 3: k}.items())))
