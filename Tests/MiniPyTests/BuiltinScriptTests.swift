// BuiltinScriptTests.swift: the builtins that run code and look at namespaces (compile, eval,
// exec, globals, locals, vars, dir, delattr), the slot wrappers of built-in types (int.__add__,
// object.__eq__...), int.from_bytes, str.casefold's full Unicode case folding and
// BaseException.add_note (notes printed under the exception line of a traceback), bytearray and
// memoryview (with buffer exports pinning a bytearray's size). Outputs were
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

    func testBytearrayAndMemoryview() {
        expect(#"""
        ba = bytearray(b"hello")
        ba.append(33)
        ba[0] = 72
        print(ba, len(ba), ba[1], ba[-1], ba[1:3], bytes(ba), ba.decode(), type(ba[1:3]).__name__)
        ba.extend([1, 2]); ba.extend(b"xy"); ba.insert(0, 62); print(ba, ba.pop(), ba.pop(0), ba)
        ba[1:3] = b"ABCD"; print(ba)
        del ba[0:2]; print(ba)
        del ba[::2]; print(ba)
        ba.remove(ord("C")); ba.reverse(); print(ba)
        print(bytearray(3), bytearray([65, 66]), bytearray("héllo", "utf-8"), bytearray(), bytearray(b"ab") * 3, b"x" + b"y", bytearray(b"ab") + b"cd")
        print(bytearray(b"a,b,c").split(b","), bytearray(b"  pad ").strip(), bytearray(b"abc").upper(), bytearray(b"abc").hex(), bytearray(b"abcabc").find(b"c"), bytearray(b"abc").replace(b"b", b"XX"))
        print(bytearray(b"abc") == b"abc", b"abc" == bytearray(b"abc"), bytearray(b"a") < bytearray(b"b"), 98 in bytearray(b"abc"), b"bc" in bytearray(b"abc"))
        print(list(bytearray(b"AZ")), sorted(bytearray(b"cab")), bytearray(b"abc").startswith(b"ab"), bytearray(b"x").copy())
        c = bytearray(b"q"); d = c; d += b"r"; print(c, d)
        try: bytearray([256])
        except ValueError as e: print("ValueError:", e)
        try: hash(bytearray())
        except TypeError as e: print("TypeError:", e)
        try: bytearray(b"")[0]
        except IndexError as e: print("IndexError:", e)
        try: bytearray("abc")
        except TypeError as e: print("TypeError:", e)
        try: bytearray(b"").pop()
        except IndexError as e: print("IndexError:", e)
        mv = memoryview(b"hello world")
        print(mv[0], mv[-1], len(mv), mv[6:].tobytes(), bytes(mv[0:5]), mv.tolist()[:3], mv.readonly, mv.nbytes, mv.format, mv.itemsize, mv.ndim, mv.shape)
        print(mv == b"hello world", mv[0:5] == b"hello", mv.hex()[:6], mv.obj, hash(memoryview(b"ab")) == hash(b"ab"))
        buf = bytearray(b"abcdef")
        m = memoryview(buf)
        m[0] = 65
        m[1:3] = b"XY"
        print(buf, m.readonly, bytes(m[::2]))
        try:
            buf.append(1)
        except BufferError as e:
            print("BufferError:", e)
        m.release()
        buf.append(1)
        print(buf)
        try: m[0]
        except ValueError as e: print("ValueError:", e)
        with memoryview(b"ctx") as v:
            print(v.tobytes())
        try: memoryview("str")
        except TypeError as e: print("TypeError:", e)
        try: memoryview(b"ro")[0] = 1
        except TypeError as e: print("TypeError:", e)
        class Buf(bytearray):
            def total(self): return sum(self)
        b2 = Buf(b"\x01\x02\x03"); b2.tag = 't'
        print(b2.total(), b2, len(b2), b2.tag, isinstance(b2, bytearray))
        """# + "\n", #"""
        bytearray(b'Hello!') 6 101 33 bytearray(b'el') b'Hello!' Hello! bytearray
        bytearray(b'Hello!\x01\x02x') 121 62 bytearray(b'Hello!\x01\x02x')
        bytearray(b'HABCDlo!\x01\x02x')
        bytearray(b'BCDlo!\x01\x02x')
        bytearray(b'Cl!\x02')
        bytearray(b'\x02!l')
        bytearray(b'\x00\x00\x00') bytearray(b'AB') bytearray(b'h\xc3\xa9llo') bytearray(b'') bytearray(b'ababab') b'xy' bytearray(b'abcd')
        [bytearray(b'a'), bytearray(b'b'), bytearray(b'c')] bytearray(b'pad') bytearray(b'ABC') 616263 2 bytearray(b'aXXc')
        True True True True True
        [65, 90] [97, 98, 99] True bytearray(b'x')
        bytearray(b'qr') bytearray(b'qr')
        ValueError: byte must be in range(0, 256)
        TypeError: unhashable type: 'bytearray'
        IndexError: bytearray index out of range
        TypeError: string argument without an encoding
        IndexError: pop from empty bytearray
        104 100 11 b'world' b'hello' [104, 101, 108] True 11 B 1 1 (11,)
        True True 68656c b'hello world' True
        bytearray(b'AXYdef') False b'AYe'
        BufferError: Existing exports of data: object cannot be re-sized
        bytearray(b'AXYdef\x01')
        ValueError: operation forbidden on released memoryview object
        b'ctx'
        TypeError: memoryview: a bytes-like object is required, not 'str'
        TypeError: cannot modify read-only memory
        6 Buf(b'\x01\x02\x03') 3 t True
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
