// BuiltinScriptTests.swift: the builtins that run code and look at namespaces (compile, eval,
// exec, globals, locals, vars, dir, delattr), the slot wrappers of built-in types (int.__add__,
// object.__eq__...), int.from_bytes, str.casefold's full Unicode case folding and
// BaseException.add_note (notes printed under the exception line of a traceback). Outputs were
// recorded once from CPython 3.11 (the tests do not need python3); every run must give back every
// object and reference it took.
import XCTest
import CShims
import MiniKit
@testable import MiniPy

final class BuiltinScriptTests: LibScriptTestCase {
    func testEvalExecCompileGlobalsLocals() {
        expect(#"""
        x = 10
        print(eval("x * 2 + 1"), eval("  [i*i for i in range(4)]"), eval("y + 1", {"y": 5}), eval("a + b", {"a": 1}, {"b": 2}))
        ns = {}
        exec("def f(n):\n    return n * 3\nz = f(4)", ns)
        print(ns["z"], ns["f"](2), sorted(k for k in ns if k != "__builtins__"))
        code = compile("1 + 2", "<calc>", "eval")
        print(type(code).__name__, eval(code))
        exec(compile("w = 7", "<w>", "exec"))
        print(w)
        def scope():
            a, b = 1, 2
            loc = locals()
            return sorted(loc.items())
        print(scope(), "x" in globals(), globals()["x"])
        class K:
            p = 1
            q = sorted(locals())
        print(K.q)
        try:
            eval("1 +")
        except SyntaxError as e:
            print("SyntaxError", e.msg)
        try:
            compile("x", "f", "bogus")
        except ValueError as e:
            print("ValueError:", e)
        try:
            eval(5)
        except TypeError as e:
            print("TypeError:", e)
        try:
            exec("raise KeyError('inside')")
        except KeyError as e:
            print("KeyError", e)
        print(eval("len(s)", {"s": "abcd"}), eval("__name__"))
        """# + "\n", #"""
        21 [0, 1, 4, 9] 6 3
        12 6 ['f', 'z']
        code 3
        7
        [('a', 1), ('b', 2)] True 10
        ['__module__', '__qualname__', 'p']
        SyntaxError invalid syntax
        ValueError: compile() mode must be 'exec', 'eval' or 'single'
        TypeError: eval() arg 1 must be a string, bytes or code object
        KeyError 'inside'
        4 __main__
        """# + "\n")
    }

    func testIntrospectionAndTypeMethods() {
        expect(#"""
        class Base:
            a = 1
            def m(self): pass
        class Child(Base):
            b = 2
            def __init__(self): self.inst = 3
        c = Child()
        print([n for n in dir(c) if not n.startswith('__')], [n for n in dir(Child) if not n.startswith('__')])
        print(vars(c), sorted(k for k in vars(Child) if not k.startswith('__')))
        class WithDir:
            def __dir__(self): return ['zeta', 'alpha']
        print(dir(WithDir()))
        def f():
            local1 = 1
            local2 = 2
            return dir()
        print(f())
        import math
        print('sqrt' in dir(math), 'pi' in vars(math))
        try:
            vars(5)
        except TypeError as e:
            print("TypeError:", e)
        o = Child()
        o.extra = 5
        delattr(o, 'extra')
        print(hasattr(o, 'extra'))
        try:
            delattr(o, 'nope')
        except AttributeError as e:
            print("AttributeError:", e)
        print(sorted(n for n in dir(int) if n in ('__add__', 'bit_length', 'real', 'to_bytes', 'from_bytes')))
        print(object.__eq__(o, o), int.__add__(2, 3), str.__len__("abc"), list.__getitem__([5, 6], 1), dict.__contains__({1: 2}, 1))
        print((1024).to_bytes(2, 'big'), int.from_bytes(b'\x04\x00', 'big'), int.from_bytes(b'\xff\xfe', 'little', signed=True),
              int.from_bytes([1, 2, 3], byteorder='little'), int.from_bytes(b'', 'big'))
        class MyInt(int): pass
        print(type(MyInt.from_bytes(b'\x01', 'big')).__name__, MyInt.from_bytes(b'\x01\x00', 'big'))
        try:
            int.from_bytes(b'\x01', 'middle')
        except ValueError as e:
            print("ValueError:", e)
        print("Straße".casefold(), "ΣΑΣ".casefold(), "ﬁ".casefold(), "İ".casefold(), "ǅ".casefold(), "MASSE".casefold() == "Maße".casefold())
        e = ValueError("bad")
        e.add_note("first note")
        e.add_note("second")
        print(e.__notes__)
        try:
            e.add_note(5)
        except TypeError as te:
            print("TypeError:", te)
        """# + "\n", #"""
        ['a', 'b', 'inst', 'm'] ['a', 'b', 'm']
        {'inst': 3} ['b']
        ['alpha', 'zeta']
        ['local1', 'local2']
        True True
        TypeError: vars() argument must have __dict__ attribute
        False
        AttributeError: 'Child' object has no attribute 'nope'
        ['__add__', 'bit_length', 'from_bytes', 'real', 'to_bytes']
        True 5 3 6 True
        b'\x04\x00' 1024 -257 197121 0
        MyInt 256
        ValueError: byteorder must be either 'little' or 'big'
        strasse σασ fi i̇ ǆ True
        ['first note', 'second']
        TypeError: note must be a str, not 'int'
        """# + "\n")
    }

    /// An uncaught exception prints its notes, one per line, after "Type: message" (as CPython 3.11).
    func testNotesInTraceback() {
        let r = run(#"""
        def fail():
            e = RuntimeError("with notes")
            e.add_note("note one")
            e.add_note("note two")
            raise e
        fail()
        """# + "\n")
        XCTAssertEqual(r.exitCode, 1)
        XCTAssertTrue(r.stderr.hasSuffix("RuntimeError: with notes\nnote one\nnote two\n"), r.stderr)
    }
}
