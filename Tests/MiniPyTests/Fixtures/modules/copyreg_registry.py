# copyreg: the reduction registry pickle consults (dispatch_table, pickle()), the protocol-2
# constructors __newobj__ / __newobj_ex__, _reconstructor for protocols 0-1, and the extension
# code registry (add_extension / remove_extension), with their errors.
import copyreg
import pickle


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


def reduce_point(p):
    return (Point, (p.x * 10, p.y * 10))


copyreg.pickle(Point, reduce_point)
print(copyreg.dispatch_table[Point] is reduce_point)
back = pickle._loads(pickle._dumps(Point(1, 2), 2))
print(type(back).__name__, back.x, back.y)
del copyreg.dispatch_table[Point]
try:
    copyreg.pickle(Point, 5)
except TypeError as e:
    print('TypeError', e)

obj = copyreg.__newobj__(Point, 3, 4) if False else copyreg.__newobj__(dict)
print(type(obj).__name__, obj)
print(copyreg.__newobj_ex__(list, (), {}))
r = copyreg._reconstructor(Point, object, None)
print(type(r).__name__, r.__dict__)
print(copyreg._reconstructor(list, list, [1, 2]))

copyreg.add_extension('mymod', 'thing', 240)
print(copyreg._extension_registry[('mymod', 'thing')], copyreg._inverted_registry[240])
copyreg.add_extension('mymod', 'thing', 240)
for args in [('mymod', 'other', 240), ('mymod', 'thing', 241), ('m', 'n', 0)]:
    try:
        copyreg.add_extension(*args)
    except ValueError as e:
        print('ValueError', e)
copyreg.remove_extension('mymod', 'thing', 240)
print(('mymod', 'thing') in copyreg._extension_registry)
try:
    copyreg.remove_extension('mymod', 'thing', 240)
except ValueError as e:
    print('ValueError', e)
copyreg.clear_extension_cache()
