// ClassScriptTests.swift: classes as Python programs use them — metaclasses (__prepare__, __new__,
// __init__, __call__, type(name, bases, ns)), C3 MRO and super() through it, __init_subclass__ with
// keyword arguments, __class_getitem__, __slots__, descriptors (__get__/__set__/__delete__/
// __set_name__), __getattr__/__getattribute__/__setattr__, subclasses of int, str, float, tuple,
// list, dict, set and Exception, and CPython's errors for bad class statements. Each program's
// expected output was recorded once from CPython 3.11 (the tests do not need python3); every run
// must give back every object and reference it took (LibScriptTestCase.run checks that).
import XCTest
import CShims
import MiniKit
@testable import MiniPy

final class ClassScriptTests: LibScriptTestCase {
    func testMetaclassesPrepareNewInitCall() {
        expect(#"""
        class Meta(type):
            def __new__(mcs, name, bases, ns, **kw):
                ns['added'] = name.lower()
                cls = super().__new__(mcs, name, bases, ns)
                cls.kw = kw
                return cls
            def __init__(cls, name, bases, ns, **kw):
                super().__init__(name, bases, ns)
                cls.inited = True
            def __call__(cls, *a, **k):
                print("Meta.__call__", cls.__name__, a)
                return super().__call__(*a, **k)
            @classmethod
            def __prepare__(mcs, name, bases, **kw):
                print("prepare", name, kw)
                return {}
        class Base(metaclass=Meta, flag=1):
            def __init__(self, x): self.x = x
        class Sub(Base, flag=2): pass
        print(Base.added, Base.kw, Base.inited, type(Base).__name__, type(Sub) is Meta, Sub.kw)
        b = Sub(5); print(b.x)
        Dyn = type('Dyn', (Base,), {'y': 3})
        print(Dyn.y, Dyn.__mro__[1].__name__, type(Dyn).__name__)
        class Plugin:
            registry = []
            def __init_subclass__(cls, name=None, **kw):
                super().__init_subclass__(**kw)
                cls.pname = name
                Plugin.registry.append(cls.__name__)
        class P1(Plugin, name="one"): pass
        class P2(Plugin, name="two"): pass
        print(Plugin.registry, P1.pname, P2.pname)
        try:
            class Bad(foo=1): pass
        except TypeError as e: print("TypeError:", e)
        class G:
            def __class_getitem__(cls, item): return f"G[{item.__name__}]"
        print(G[int])
        class Desc:
            def __set_name__(self, owner, name): self.name = '_' + name
            def __get__(self, obj, objtype=None):
                if obj is None: return self
                return getattr(obj, self.name, 'unset')
            def __set__(self, obj, value): setattr(obj, self.name, value * 2)
            def __delete__(self, obj): print("deleting", self.name)
        class UsesDesc:
            attr = Desc()
        u = UsesDesc(); print(u.attr); u.attr = 4; print(u.attr, u._attr); del u.attr
        print(type(UsesDesc.attr).__name__)
        class Slotted:
            __slots__ = ('a', 'b')
            def __init__(self): self.a = 1
        s = Slotted()
        print(s.a)
        try: s.b
        except AttributeError as e: print("AttributeError:", e)
        try: s.c = 3
        except AttributeError as e: print("AttributeError:", e)
        s.b = 7; print(s.b, hasattr(s, '__dict__'))
        class GA:
            def __getattr__(self, n): return "dyn_" + n
            def __getattribute__(self, n):
                if n == 'secret': raise AttributeError(n)
                return object.__getattribute__(self, n)
        g = GA(); g.real = 1
        print(g.real, g.secret, g.other)
        class Sing:
            _inst = None
            def __new__(cls, *a):
                if cls._inst is None:
                    cls._inst = super().__new__(cls)
                return cls._inst
            def __init__(self, v): self.v = v
        print(Sing(1) is Sing(2), Sing(3).v)
        class ABCish(type):
            def __instancecheck__(cls, obj): return hasattr(obj, 'quack')
            def __subclasscheck__(cls, sub): return hasattr(sub, 'quack')
        class Duck(metaclass=ABCish): pass
        class Q:
            def quack(self): pass
        print(isinstance(Q(), Duck), isinstance(1, Duck), issubclass(Q, Duck), issubclass(int, Duck))
        class X: pass
        class Y: pass
        try:
            class Z(X, Y, X): pass
        except TypeError as e: print(e)
        print(Dd.mro() if False else Sub.mro())
        print(Plugin.__subclasses__())
        """# + "\n", #"""
        prepare Base {'flag': 1}
        prepare Sub {'flag': 2}
        base {'flag': 1} True Meta True {'flag': 2}
        Meta.__call__ Sub (5,)
        5
        3 Base Meta
        ['P1', 'P2'] one two
        TypeError: Bad.__init_subclass__() takes no keyword arguments
        G[int]
        unset
        8 8
        deleting _attr
        Desc
        1
        AttributeError: 'Slotted' object has no attribute 'b'
        AttributeError: 'Slotted' object has no attribute 'c'
        7 False
        1 dyn_secret dyn_other
        True 3
        True False True False
        duplicate base class X
        [<class '__main__.Sub'>, <class '__main__.Base'>, <class 'object'>]
        [<class '__main__.P1'>, <class '__main__.P2'>]
        """# + "\n")
    }

    func testSubclassesOfBuiltinsAndMixins() {
        expect(#"""
        class EnumMeta(type):
            @classmethod
            def __prepare__(mcs, name, bases):
                return {}
            def __new__(mcs, name, bases, ns):
                members = {k: v for k, v in ns.items() if not k.startswith('_') and isinstance(v, int)}
                cls = super().__new__(mcs, name, bases, ns)
                cls._members = {}
                for k, v in members.items():
                    inst = object.__new__(cls)
                    inst.name, inst.value = k, v
                    setattr(cls, k, inst)
                    cls._members[k] = inst
                return cls
            def __iter__(cls): return iter(cls._members.values())
            def __len__(cls): return len(cls._members)
            def __getitem__(cls, k): return cls._members[k]
            def __contains__(cls, m): return m in cls._members.values()
            def __repr__(cls): return f"<enum {cls.__name__}>"
        class Enum(metaclass=EnumMeta):
            def __repr__(self): return f"<{type(self).__name__}.{self.name}: {self.value}>"
        class Color(Enum):
            RED = 1
            GREEN = 2
            BLUE = 3
        print(list(Color), len(Color), Color['GREEN'], Color.RED in Color, Color)
        print(isinstance(Color.RED, Color), type(Color).__name__, Color.BLUE.value)

        class JsonMixin:
            def to_json(self):
                return "{" + ", ".join(f'"{k}": {v!r}' for k, v in sorted(vars(self).items())) + "}"
        class ReprMixin:
            def __repr__(self):
                return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in sorted(self.__dict__.items()))})"
        class Point(ReprMixin, JsonMixin):
            def __init__(self, x, y): self.x, self.y = x, y
        class Point3(Point):
            def __init__(self, x, y, z):
                super().__init__(x, y)
                self.z = z
        p = Point3(1, 2, 3)
        print(p, p.to_json(), [c.__name__ for c in Point3.__mro__])

        class Registry(dict):
            def register(self, fn):
                self[fn.__name__] = fn
                return fn
            def __missing__(self, key):
                raise KeyError(f"no handler {key}")
            def __setitem__(self, k, v):
                print("registering", k)
                super().__setitem__(k, v)
        reg = Registry()
        @reg.register
        def hello(): return "hi"
        print(reg['hello'](), len(reg), isinstance(reg, dict), dict(reg) == {'hello': hello})
        try: reg['nope']
        except KeyError as e: print("KeyError", e)

        class Counter(dict):
            def __missing__(self, k): return 0
        c = Counter()
        for w in "the cat the dog the end".split():
            c[w] += 1
        print(sorted(c.items()), c['zzz'])

        class Stack(list):
            def push(self, x): self.append(x)
            def peek(self): return self[-1]
            def __repr__(self): return "Stack(" + super().__repr__() + ")"
        s = Stack(); s.push(1); s.push(2)
        print(s, s.peek(), len(s), s + [3], type(s + [3]).__name__)

        class Celsius(float):
            def __new__(cls, v):
                return super().__new__(cls, v)
            def __repr__(self): return f"{float(self):.1f}C"
            def __add__(self, o): return Celsius(float(self) + float(o))
        t = Celsius(20.5)
        print(t, t + 1, 1 + t, float(t), type(t + 1).__name__)

        class Money(int):
            def __new__(cls, v, cur="EUR"):
                obj = super().__new__(cls, v)
                obj.cur = cur
                return obj
            def __str__(self): return f"{int(self)} {self.cur}"
        m = Money(5, "USD")
        print(m, m + 1, m * 2, m.cur, int(m), m == 5, [10, 20, 30, 40, 50, 60][m])

        class Name(str):
            def __new__(cls, s): return super().__new__(cls, s.strip().title())
        n = Name("  ada lovelace ")
        print(n, len(n), n.split(), n == "Ada Lovelace", {n: 1}["Ada Lovelace"])

        class Pair(tuple):
            def __new__(cls, a, b): return super().__new__(cls, (a, b))
            @property
            def a(self): return self[0]
        pr = Pair(1, 2)
        print(pr, pr.a, pr + (3,), len(pr), pr == (1, 2))

        class AppError(Exception):
            def __init__(self, msg, code=1):
                super().__init__(msg)
                self.code = code
            def __str__(self): return f"[{self.code}] {self.args[0]}"
        class NotFound(AppError, LookupError): pass
        try:
            raise NotFound("missing", 404)
        except LookupError as e:
            print(type(e).__name__, e, e.code, isinstance(e, AppError), [k.__name__ for k in NotFound.__mro__])

        class MySet(set):
            def add_all(self, *xs):
                for x in xs: self.add(x)
        ms = MySet([1]); ms.add_all(2, 3)
        print(sorted(ms), len(ms), 2 in ms, type(ms).__name__)
        class Base:
            def __init_subclass__(cls, /, prefix="", **kwargs):
                super().__init_subclass__(**kwargs)
                cls.tag = prefix + cls.__name__
        class Child(Base, prefix="x_"): pass
        class GrandChild(Child): pass
        print(Child.tag, GrandChild.tag)
        print(type('Q', (), {'a': 1})().a, type(type), type(Color))
        """# + "\n", #"""
        [<Color.RED: 1>, <Color.GREEN: 2>, <Color.BLUE: 3>] 3 <Color.GREEN: 2> True <enum Color>
        True EnumMeta 3
        Point3(x=1, y=2, z=3) {"x": 1, "y": 2, "z": 3} ['Point3', 'Point', 'ReprMixin', 'JsonMixin', 'object']
        registering hello
        hi 1 True True
        KeyError 'no handler nope'
        [('cat', 1), ('dog', 1), ('end', 1), ('the', 3)] 0
        Stack([1, 2]) 2 2 [1, 2, 3] list
        20.5C 21.5C 21.5 20.5 Celsius
        5 USD 6 10 USD 5 True 60
        Ada Lovelace 12 ['Ada', 'Lovelace'] True 1
        (1, 2) 1 (1, 2, 3) 2 True
        NotFound [404] missing 404 True ['NotFound', 'AppError', 'LookupError', 'Exception', 'BaseException', 'object']
        [1, 2, 3] 3 True MySet
        x_Child GrandChild
        1 <class 'type'> <class '__main__.EnumMeta'>
        """# + "\n")
    }

    func testClassCreationErrors() {
        expect(#"""
        class A: pass
        class B(A): pass
        for make in [lambda: type('X', (A, B), {}), lambda: type('X', (A, A), {}), lambda: type('X', (int, str), {}),
                     lambda: type('X', (bool,), {}), lambda: type('X', (1,), {}), lambda: type('X', (), 5),
                     lambda: type(1, (), {}), lambda: type('X', [], {})]:
            try:
                make()
            except TypeError as e:
                print("TypeError:", e)
        class M1(type): pass
        class M2(type): pass
        class C1(metaclass=M1): pass
        class C2(metaclass=M2): pass
        try:
            class C3(C1, C2): pass
        except TypeError as e:
            print("TypeError:", e)
        try:
            class S:
                __slots__ = ('x',)
                x = 1
        except ValueError as e:
            print("ValueError:", e)
        class P:
            __slots__ = ('a',)
        p = P()
        try:
            p.a
        except AttributeError as e:
            print("AttributeError:", e)
        try:
            p.b = 1
        except AttributeError as e:
            print("AttributeError:", e)
        p.a = 2
        del p.a
        try:
            del p.a
        except AttributeError as e:
            print("AttributeError:", e)
        class NS:
            def __init__(self): pass
        try:
            NS[int]
        except TypeError as e:
            print("TypeError:", e)
        try:
            object.__new__(5)
        except TypeError as e:
            print("TypeError:", e)
        try:
            dict.__setitem__(5, 1, 2)
        except TypeError as e:
            print("TypeError:", e)
        try:
            class K(foo=1): pass
        except TypeError as e:
            print("TypeError:", e)
        try:
            class NoArgs: pass
            NoArgs(1)
        except TypeError as e:
            print("TypeError:", e)
        try:
            issubclass(1, int)
        except TypeError as e:
            print("TypeError:", e)
        try:
            isinstance(1, 2)
        except TypeError as e:
            print("TypeError:", e)
        class Frozen:
            def __setattr__(self, k, v): raise AttributeError(f"frozen: {k}")
            def __delattr__(self, k): raise AttributeError(f"frozen del: {k}")
        f = Frozen()
        try:
            f.x = 1
        except AttributeError as e:
            print("AttributeError:", e)
        try:
            del f.x
        except AttributeError as e:
            print("AttributeError:", e)
        object.__setattr__(f, 'x', 5); print(f.x)
        """# + "\n", #"""
        TypeError: Cannot create a consistent method resolution
        order (MRO) for bases A, B
        TypeError: duplicate base class A
        TypeError: multiple bases have instance lay-out conflict
        TypeError: type 'bool' is not an acceptable base type
        TypeError: metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases
        TypeError: type.__new__() argument 3 must be dict, not int
        TypeError: type.__new__() argument 1 must be str, not int
        TypeError: type.__new__() argument 2 must be tuple, not list
        TypeError: metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases
        ValueError: 'x' in __slots__ conflicts with class variable
        AttributeError: 'P' object has no attribute 'a'
        AttributeError: 'P' object has no attribute 'b'
        AttributeError: a
        TypeError: type 'NS' is not subscriptable
        TypeError: object.__new__(X): X is not a type object (int)
        TypeError: descriptor '__setitem__' requires a 'dict' object but received a 'int'
        TypeError: K.__init_subclass__() takes no keyword arguments
        TypeError: NoArgs() takes no arguments
        TypeError: issubclass() arg 1 must be a class
        TypeError: isinstance() arg 2 must be a type, a tuple of types, or a union
        AttributeError: frozen: x
        AttributeError: frozen del: x
        5
        """# + "\n")
    }

    func testC3MROAndSuper() {
        expect(#"""
        class Base:
            def __init__(self):
                self.log = ['Base']
            def hello(self): return 'Base'
        class Left(Base):
            def __init__(self):
                super().__init__()
                self.log.append('Left')
            def hello(self): return 'Left>' + super().hello()
        class Right(Base):
            def __init__(self):
                super().__init__()
                self.log.append('Right')
            def hello(self): return 'Right>' + super().hello()
        class Bottom(Left, Right):
            def __init__(self):
                super().__init__()
                self.log.append('Bottom')
            def hello(self): return 'Bottom>' + super().hello()
        b = Bottom()
        print(b.log, b.hello())
        print([c.__name__ for c in Bottom.__mro__], Bottom.__bases__, Bottom.__base__.__name__)
        print(super(Left, b).hello(), super(Right, b).hello(), super(Bottom, b).hello())
        class O: pass
        class A(O): pass
        class B(O): pass
        class C(O): pass
        class D(O): pass
        class E(O): pass
        class K1(A, B, C): pass
        class K2(D, B, E): pass
        class K3(D, A): pass
        class Z(K1, K2, K3): pass
        print([c.__name__ for c in Z.mro()])
        print(issubclass(Z, B), issubclass(K3, B), isinstance(Z(), O))
        class Meta(type):
            def describe(cls): return f"class {cls.__name__} with {sorted(k for k in cls.__dict__ if not k.startswith('__'))}"
        class WithMeta(metaclass=Meta):
            a = 1
            def m(self): pass
        print(WithMeta.describe(), type(WithMeta).__mro__)
        class Cls:
            @classmethod
            def make(cls): return cls.__name__
        class Sub(Cls):
            @classmethod
            def make(cls): return 'sub:' + super().make()
        print(Sub.make(), Sub().make())
        class Walk:
            def __init__(self, *a, **k):
                super().__init__()
                self.args = a
        class Mix(Walk, dict):
            pass
        m = Mix(1, 2)
        m['k'] = 3
        print(m.args, m, isinstance(m, dict))
        print(Bottom.__qualname__, Bottom.__name__, Bottom.__module__)
        class Outer:
            class Inner: pass
        print(Outer.Inner.__qualname__, repr(Outer.Inner))
        """# + "\n", #"""
        ['Base', 'Right', 'Left', 'Bottom'] Bottom>Left>Right>Base
        ['Bottom', 'Left', 'Right', 'Base', 'object'] (<class '__main__.Left'>, <class '__main__.Right'>) Left
        Right>Base Base Left>Right>Base
        ['Z', 'K1', 'K2', 'K3', 'D', 'A', 'B', 'C', 'E', 'O', 'object']
        True False True
        class WithMeta with ['a', 'm'] (<class '__main__.Meta'>, <class 'type'>, <class 'object'>)
        sub:Sub sub:Sub
        (1, 2) {'k': 3} True
        Bottom Bottom __main__
        Outer.Inner <class '__main__.Outer.Inner'>
        """# + "\n")
    }

    func testDescriptorsAndAttributeHooks() {
        expect(#"""
        class Typed:
            def __init__(self, kind): self.kind = kind
            def __set_name__(self, owner, name):
                self.name = name
                self.owner = owner.__name__
            def __get__(self, obj, objtype=None):
                if obj is None: return f"<Typed {self.owner}.{self.name}>"
                return obj.__dict__.get(self.name, 'missing')
            def __set__(self, obj, value):
                if not isinstance(value, self.kind):
                    raise TypeError(f"{self.name} must be {self.kind.__name__}, not {type(value).__name__}")
                obj.__dict__[self.name] = value
            def __delete__(self, obj):
                obj.__dict__.pop(self.name, None)
        class Person:
            name = Typed(str)
            age = Typed(int)
            def __init__(self, name, age):
                self.name, self.age = name, age
        p = Person("Ann", 30)
        print(p.name, p.age, Person.name)
        try:
            p.age = "old"
        except TypeError as e:
            print("TypeError:", e)
        del p.age
        print(p.age)
        class NonData:
            def __get__(self, obj, objtype=None): return 42
        class HasND:
            x = NonData()
        h = HasND()
        print(h.x)
        h.x = 5
        print(h.x, HasND.x)
        class Lazy:
            def __init__(self, f): self.f = f; self.n = f.__name__
            def __get__(self, obj, t=None):
                if obj is None: return self
                v = self.f(obj)
                setattr(obj, self.n, v)
                return v
        class Circle:
            calls = 0
            def __init__(self, r): self.r = r
            @Lazy
            def area(self):
                Circle.calls += 1
                return 3 * self.r * self.r
        c = Circle(2)
        print(c.area, c.area, Circle.calls)
        class Proxy:
            def __init__(self, target): object.__setattr__(self, '_t', target)
            def __getattribute__(self, n):
                if n.startswith('_'): return object.__getattribute__(self, n)
                return getattr(object.__getattribute__(self, '_t'), n)
            def __setattr__(self, n, v): setattr(self._t, n, v)
        class T: pass
        t = T(); t.v = 1
        pr = Proxy(t)
        pr.w = 2
        print(pr.v, pr.w, t.w)
        class Dyn:
            def __getattr__(self, n):
                if n.startswith('get_'): return lambda: n[4:]
                raise AttributeError(f"no {n}")
        d = Dyn()
        print(d.get_x(), hasattr(d, 'nope'), getattr(d, 'nope', 'dflt'))
        class Bound:
            def method(self): return self
        b = Bound()
        print(Bound.__dict__['method'].__get__(b, Bound)() is b, type(vars(Bound)['method']).__name__)
        """# + "\n", #"""
        Ann 30 <Typed Person.name>
        TypeError: age must be int, not str
        missing
        42
        5 42
        12 12 1
        1 2 2
        x False dflt
        True function
        """# + "\n")
    }

    func testNewInitAndSubclassHooks() {
        expect(#"""
        class Point(tuple):
            __slots__ = ()
            def __new__(cls, x, y):
                return super().__new__(cls, (x, y))
            x = property(lambda self: self[0])
            y = property(lambda self: self[1])
            def __repr__(self): return f"Point(x={self.x}, y={self.y})"
        p = Point(1, 2)
        print(p, p.x + p.y, p == (1, 2), hash(p) == hash((1, 2)), isinstance(p, tuple))
        class Upper(str):
            def __new__(cls, v): return str.__new__(cls, v.upper())
        print(Upper("abc"), type(Upper("abc")).__name__, Upper("x") + "y")
        class Pos(int):
            def __new__(cls, v):
                if v < 0: raise ValueError("negative")
                return int.__new__(cls, v)
        print(Pos(3) * 2, type(Pos(3)).__name__)
        try: Pos(-1)
        except ValueError as e: print("ValueError:", e)
        class Cached:
            _cache = {}
            def __new__(cls, key):
                if key not in cls._cache:
                    inst = super().__new__(cls)
                    inst.key = key
                    cls._cache[key] = inst
                return cls._cache[key]
        print(Cached('a') is Cached('a'), Cached('a') is Cached('b'))
        class NotInst:
            def __new__(cls): return 42
            def __init__(self): print("never")
        print(NotInst())
        class Big(int): pass
        b = Big(2**100)
        b.note = 'big'
        print(b, b + 1, b.note, b.bit_length())
        class Chain(list):
            def __init__(self, *items):
                super().__init__(items)
        print(Chain(1, 2, 3), len(Chain()), Chain(5)[0])
        class MyFloat(float):
            def __new__(cls, v=0.0): return super().__new__(cls, v)
        print(MyFloat(1.5) * 2, MyFloat(), repr(MyFloat(2)))
        class Ex(ValueError):
            def __new__(cls, *a):
                self = super().__new__(cls, *a)
                self.created = True
                return self
        try: raise Ex("boom")
        except ValueError as e: print(e, e.created, e.args)
        class WithKw:
            def __init_subclass__(cls, **kw):
                cls.kw = kw
        class Got(WithKw, a=1, b=2): pass
        print(Got.kw)
        class Alias:
            def __class_getitem__(cls, params):
                return (cls.__name__, params)
        print(Alias[int], Alias[int, str])
        """# + "\n", #"""
        Point(x=1, y=2) 3 True True True
        ABC Upper Xy
        6 Pos
        ValueError: negative
        True False
        42
        1267650600228229401496703205376 1267650600228229401496703205377 big 101
        [1, 2, 3] 0 5
        3.0 0.0 2.0
        boom True ('boom',)
        {'a': 1, 'b': 2}
        ('Alias', <class 'int'>) ('Alias', (<class 'int'>, <class 'str'>))
        """# + "\n")
    }

    func testInPlaceAndOverriddenDunders() {
        expect(#"""
        class Vec:
            def __init__(self, *xs): self.xs = list(xs)
            def __iadd__(self, o):
                self.xs = [a + b for a, b in zip(self.xs, o.xs)]
                return self
            def __imul__(self, k):
                self.xs = [a * k for a in self.xs]
                return self
            def __repr__(self): return f"Vec{tuple(self.xs)}"
        v = Vec(1, 2); w = v
        v += Vec(10, 20); v *= 2
        print(v, w is v)
        class Acc(list):
            def __iadd__(self, o):
                self.append(('added', o))
                return self
        a = Acc(); a += 5; print(a)
        class LoudDict(dict):
            def __getitem__(self, k):
                return ('got', super().__getitem__(k))
            def __contains__(self, k): return k == 'magic' or super().__contains__(k)
            def __len__(self): return 99
            def __iter__(self): return iter(['fake'])
        d = LoudDict(a=1)
        print(d['a'], 'magic' in d, 'a' in d, len(d), list(d), d.get('a'))
        class Rev(list):
            def __iter__(self): return iter(reversed(list(self.copy())))
            def __getitem__(self, i): return 'item'
        r = Rev([1, 2, 3])
        print(list(r), [x for x in r], r[0], len(r), sum(list.__iter__(r)))
        class Eq(str):
            def __eq__(self, o): return str.lower(self) == str.lower(o)
            __hash__ = str.__hash__
        print(Eq("ABC") == "abc", "abc" == Eq("ABC"), Eq("x") != "X", {Eq("k"): 1}.get("k"))
        class Num(int):
            def __add__(self, o): return Num(int(self) + int(o) + 100)
            def __radd__(self, o): return Num(int(o) + int(self) + 1000)
            def __repr__(self): return f"Num({int(self)})"
        print(Num(1) + 1, 1 + Num(1), Num(1) + Num(2), sum([Num(1), Num(2)]), Num(5) * 2)
        class T(tuple):
            def __len__(self): return 42
            def __contains__(self, x): return True
        print(len(T((1,))), 'x' in T(), T((1, 2)) + (3,), tuple(T((1, 2))))
        class S(set):
            def add(self, x): super().add(x * 2)
        s = S(); s.add(2); s |= {1}; print(sorted(s), type(s).__name__)
        class OrderedCounter(dict):
            def __missing__(self, k):
                self[k] = 0
                return 0
        oc = OrderedCounter()
        for ch in "banana": oc[ch] += 1
        print(oc, dict(oc))
        class MyExc(KeyError):
            def __str__(self): return "custom!"
        try: raise MyExc("k")
        except LookupError as e: print(e, repr(e), e.args)
        """# + "\n", #"""
        Vec(22, 44) True
        [('added', 5)]
        ('got', 1) True True 99 ['fake'] 1
        [3, 2, 1] [3, 2, 1] item 3 6
        True True True 1
        Num(102) Num(1002) Num(103) Num(1103) 10
        42 True (1, 2, 3) (1, 2)
        [1, 4] S
        {'b': 1, 'a': 3, 'n': 2} {'b': 1, 'a': 3, 'n': 2}
        custom! MyExc('k') ('k',)
        """# + "\n")
    }

}
