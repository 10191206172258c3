// TypesTests: the built-in value types: int, bool, float, str, bytes, list, tuple, dict, None.
// Each test checks the C API, Python-compatible results and error messages, and ends with the
// reference totals back at their starting values.
import XCTest
import CShims
import CShimsTestSupport

final class TypesTests: MiniObjectTestCase {

    // ----- int --------------------------------------------------------------------------------

    func testIntConversions() {
        let a = int(123456789)
        XCTAssertEqual(MiniLong_AsLong(a), 123456789)
        XCTAssertEqual(MiniLong_AsLongLong(a), 123456789)
        XCTAssertEqual(MiniLong_AsSsize_t(a), 123456789)
        XCTAssertEqual(MiniLong_AsSize_t(a), 123456789)
        XCTAssertEqual(MiniLong_AsUnsignedLongLong(a), 123456789)
        XCTAssertEqual(MiniLong_AsDouble(a), 123456789.0)
        var overflow: Int32 = 7
        XCTAssertEqual(MiniLong_AsLongAndOverflow(a, &overflow), 123456789)
        XCTAssertEqual(overflow, 0)
        Mini_DECREF(a)
        for v in [Int.min, -1, 0, 1, Int.max] {
            XCTAssertEqual(longValue(MiniLong_FromLongLong(Int64(v))), v)
            XCTAssertEqual(longValue(MiniLong_FromSsize_t(v)), v)
        }
        XCTAssertEqual(longValue(MiniLong_FromSize_t(Int.max)), Int.max)   // size_t imports as Int
        XCTAssertEqual(longValue(MiniLong_FromUnsignedLongLong(42)), 42)
        // Beyond 64 bits the values become arbitrary-precision ints.
        XCTAssertEqual(show(MiniLong_FromUnsignedLongLong(UInt64.max)), "18446744073709551615")
        XCTAssertEqual(show(MiniLong_FromSize_t(Int(bitPattern: UInt.max))), "18446744073709551615")
        XCTAssertEqual(show(MiniLong_FromDouble(-3.99)), "-3")
        XCTAssertEqual(show(MiniLong_FromDouble(.nan)), "ERROR ValueError: cannot convert float NaN to integer")
        XCTAssertEqual(show(MiniLong_FromDouble(-.infinity)), "ERROR OverflowError: cannot convert float infinity to integer")
        XCTAssertEqual(show(MiniLong_FromDouble(1e19)), "10000000000000000000")
        // Wrong types and negative values for unsigned conversions.
        let s = str("5"), m = int(-5), f = float(1.0)
        XCTAssertEqual(MiniLong_AsLong(s), -1)
        XCTAssertEqual(takeError(), "TypeError: 'str' object cannot be interpreted as an integer")
        XCTAssertEqual(MiniLong_AsLong(f), -1)
        XCTAssertEqual(takeError(), "TypeError: 'float' object cannot be interpreted as an integer")
        XCTAssertEqual(MiniLong_AsSize_t(m), -1)   // (size_t)-1
        XCTAssertEqual(takeError(), "OverflowError: can't convert negative value to size_t")
        XCTAssertEqual(MiniLong_AsUnsignedLongLong(m), UInt64.max)
        XCTAssertEqual(takeError(), "OverflowError: can't convert negative int to unsigned")
        XCTAssertEqual(MiniLong_AsDouble(s), -1.0)
        XCTAssertEqual(takeError(), "TypeError: an integer is required")
        XCTAssertEqual(MiniLong_AsLong(Mini_GetTrue()), 1)
        for o in [s, m, f] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testSmallIntsAreCachedImmortals() {
        let a = int(256), b = int(256), c = int(-5)
        XCTAssertEqual(a, b)
        XCTAssertGreaterThan(Mini_REFCNT(a), 1 << 39)
        let live = Mini_LiveObjects()
        let d = int(257), e = int(257)
        XCTAssertNotEqual(d, e)
        XCTAssertEqual(Mini_LiveObjects(), live + 2)
        for o in [a, b, c, d, e] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testIntArithmeticMatchesPython() {
        // (a, b, a // b, a % b) computed by CPython.
        let cases: [(Int, Int, Int, Int)] = [
            (7, 2, 3, 1), (-7, 2, -4, 1), (7, -2, -4, -1), (-7, -2, 3, -1), (0, 3, 0, 0), (6, 3, 2, 0),
            (-6, 3, -2, 0), (9223372036854775807, 2, 4611686018427387903, 1),
            (-9223372036854775808, 3, -3074457345618258603, 1),
        ]
        for (a, b, q, r) in cases {
            let x = int(a), y = int(b)
            XCTAssertEqual(longValue(MiniNumber_FloorDivide(x, y)), q, "\(a) // \(b)")
            XCTAssertEqual(longValue(MiniNumber_Remainder(x, y)), r, "\(a) % \(b)")
            Mini_DECREF(x)
            Mini_DECREF(y)
        }
        let big = int(Int.max), one = int(1), zero = int(0), minI = int(Int.min), m1 = int(-1), three = int(3)
        // Overflowing the 64-bit fast path promotes to arbitrary precision (BigIntTests has more).
        XCTAssertEqual(show(MiniNumber_Add(big, one)), "9223372036854775808")
        XCTAssertEqual(show(MiniNumber_Subtract(minI, one)), "-9223372036854775809")
        XCTAssertEqual(show(MiniNumber_Multiply(big, three)), "27670116110564327421")
        XCTAssertEqual(show(MiniNumber_FloorDivide(minI, m1)), "9223372036854775808")
        XCTAssertEqual(show(MiniNumber_Negative(minI)), "9223372036854775808")
        XCTAssertEqual(show(MiniNumber_Absolute(minI)), "9223372036854775808")
        XCTAssertEqual(show(MiniNumber_Remainder(minI, m1)), "0")
        XCTAssertEqual(show(MiniNumber_TrueDivide(one, zero)), "ERROR ZeroDivisionError: division by zero")
        XCTAssertEqual(show(MiniNumber_FloorDivide(one, zero)), "ERROR ZeroDivisionError: integer division or modulo by zero")
        XCTAssertEqual(show(MiniNumber_Remainder(one, zero)), "ERROR ZeroDivisionError: integer modulo by zero")
        XCTAssertEqual(show(MiniNumber_TrueDivide(three, m1)), "-3.0")
        XCTAssertEqual(show(MiniNumber_Power(three, three, nil)), "27")
        XCTAssertEqual(show(MiniNumber_Power(three, m1, nil)), "0.3333333333333333")
        XCTAssertEqual(show(MiniNumber_Power(zero, m1, nil)), "ERROR ZeroDivisionError: 0.0 cannot be raised to a negative power")
        let sixtyFour = int(64)
        XCTAssertEqual(show(MiniNumber_Power(three, sixtyFour, nil)), "3433683820292512484657849089281")
        XCTAssertEqual(show(MiniNumber_Power(m1, sixtyFour, nil)), "1")
        XCTAssertEqual(show(MiniNumber_Absolute(m1)), "1")
        XCTAssertEqual(MiniObject_IsTrue(zero), 0)
        for o in [big, one, zero, minI, m1, three, sixtyFour] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testIntConstructor() {
        let intT = asObj(type("int"))
        func call(_ args: [Obj]) -> String {
            let t = tuple(args)
            defer { Mini_DECREF(t) }
            return show(MiniObject_Call(intT, t, nil))
        }
        XCTAssertEqual(call([]), "0")
        XCTAssertEqual(call([str(" -1_000 ")]), "-1000")
        XCTAssertEqual(call([str("0x1F"), int(16)]), "31")
        XCTAssertEqual(call([str("0b101"), int(0)]), "5")
        XCTAssertEqual(call([str("z"), int(36)]), "35")
        XCTAssertEqual(call([float(-7.9)]), "-7")
        XCTAssertEqual(call([Mini_NewRef(Mini_GetTrue())]), "1")
        XCTAssertEqual(call([str("12a")]), "ERROR ValueError: invalid literal for int() with base 10: '12a'")
        XCTAssertEqual(call([str("")]), "ERROR ValueError: invalid literal for int() with base 10: ''")
        XCTAssertEqual(call([str("99999999999999999999")]), "99999999999999999999")
        XCTAssertEqual(call([str("1"), int(1)]), "ERROR ValueError: int() base must be >= 2 and <= 36, or 0")
        XCTAssertEqual(call([list([])]), "ERROR TypeError: int() argument must be a string, a bytes-like object or a real number, not 'list'")
        assertBalanced()
    }

    // ----- bool and None -------------------------------------------------------------------------

    func testBoolAndSingletons() {
        let t = MiniBool_FromLong(42)!, f = MiniBool_FromLong(0)!
        XCTAssertEqual(t, Mini_GetTrue())
        XCTAssertEqual(f, Mini_GetFalse())
        XCTAssertEqual(repr(t), "True")
        XCTAssertEqual(MiniObject_TypeCheck(t, type("int")), 1)
        XCTAssertEqual(show(MiniNumber_Add(t, t)), "2")
        XCTAssertEqual(show(MiniObject_Type(f)), "<class 'bool'>")
        XCTAssertEqual(MiniObject_Hash(t), 1)
        let boolT = asObj(type("bool"))
        let l = list([int(0)])
        XCTAssertEqual(show(MiniObject_CallOneArg(boolT, l)), "True")
        XCTAssertEqual(show(MiniObject_CallNoArgs(boolT)), "False")
        Mini_DECREF(l)
        XCTAssertEqual(repr(Mini_GetNone()), "None")
        XCTAssertEqual(MiniObject_IsTrue(Mini_GetNotImplemented()), 1)
        XCTAssertEqual(show(MiniObject_Type(Mini_GetNone())), "<class 'NoneType'>")
        Mini_DECREF(t)
        Mini_DECREF(f)
        assertBalanced()
    }

    // ----- float ----------------------------------------------------------------------------------

    func testFloatReprMatchesPython() {
        // Pairs computed by CPython's repr().
        let cases: [(Double, String)] = [
            (1.0, "1.0"), (0.1, "0.1"), (0.1 + 0.2, "0.30000000000000004"), (1e16, "1e+16"),
            (1e15, "1000000000000000.0"), (123456789012345678.0, "1.2345678901234568e+17"), (1e-05, "1e-05"),
            (0.0001, "0.0001"), (-0.0, "-0.0"), (1.5e-07, "1.5e-07"), (1e+300, "1e+300"), (2.5, "2.5"),
            (1.0 / 3.0, "0.3333333333333333"), (1e+22, "1e+22"), (Double.leastNonzeroMagnitude, "5e-324"), (-1.75, "-1.75"),
            (9007199254740992.0, "9007199254740992.0"), (.infinity, "inf"), (-.infinity, "-inf"),
            (.nan, "nan"), (100.0, "100.0"), (0.00030000000000000003, "0.00030000000000000003"),
        ]
        for (v, text) in cases {
            XCTAssertEqual(show(float(v)), text)
            let f = float(v)
            XCTAssertEqual(strOf(f), text)
            Mini_DECREF(f)
        }
        assertBalanced()
    }

    func testFloatArithmeticMatchesPython() {
        // (a, b, a // b, a % b) computed by CPython.
        let cases: [(Double, Double, Double, Double)] = [
            (7.5, 2.0, 3.0, 1.5), (-7.5, 2.0, -4.0, 0.5), (7.5, -2.0, -4.0, -0.5), (-7.5, -2.0, 3.0, -1.5),
            (1.0, 0.1, 9.0, 0.09999999999999995), (-1e-300, 1.0, -1.0, 1.0),
        ]
        for (a, b, q, r) in cases {
            let x = float(a), y = float(b)
            let fq = MiniNumber_FloorDivide(x, y)!, fr = MiniNumber_Remainder(x, y)!
            XCTAssertEqual(MiniFloat_AsDouble(fq), q, "\(a) // \(b)")
            XCTAssertEqual(MiniFloat_AsDouble(fr), r, "\(a) % \(b)")
            for o in [x, y, fq, fr] { Mini_DECREF(o) }
        }
        let z = float(0.0), n3 = float(-3.0), one = float(1.0), izero = int(0), big = float(1e308), two = int(2)
        XCTAssertEqual(show(MiniNumber_FloorDivide(z, n3)), "-0.0")
        XCTAssertEqual(show(MiniNumber_Remainder(z, n3)), "-0.0")
        XCTAssertEqual(show(MiniNumber_TrueDivide(one, izero)), "ERROR ZeroDivisionError: float division by zero")
        XCTAssertEqual(show(MiniNumber_FloorDivide(one, z)), "ERROR ZeroDivisionError: float floor division by zero")
        XCTAssertEqual(show(MiniNumber_Remainder(one, z)), "ERROR ZeroDivisionError: float modulo")
        XCTAssertEqual(show(MiniNumber_TrueDivide(izero, z)), "ERROR ZeroDivisionError: float division by zero")
        XCTAssertEqual(show(MiniNumber_Power(z, n3, nil)), "ERROR ZeroDivisionError: 0.0 cannot be raised to a negative power")
        XCTAssertEqual(show(MiniNumber_Power(big, two, nil)), "ERROR OverflowError: (34, 'Numerical result out of range')")
        XCTAssertEqual(show(MiniNumber_Multiply(big, big)), "inf")
        XCTAssertEqual(show(MiniNumber_Negative(z)), "-0.0")
        XCTAssertEqual(MiniFloat_AsDouble(two), 2.0)
        let s = str("1.5")
        XCTAssertEqual(MiniFloat_AsDouble(s), -1.0)
        XCTAssertEqual(takeError(), "TypeError: must be real number, not str")
        XCTAssertEqual(show(MiniObject_CallOneArg(asObj(type("float")), s)), "1.5")
        for (text, expect) in [(" -2_5.5e1 ", "-255.0"), ("inf", "inf"), ("-Infinity", "-inf"), ("nan", "nan"),
                               ("1e", "ERROR ValueError: could not convert string to float: '1e'"),
                               ("0x10", "ERROR ValueError: could not convert string to float: '0x10'"),
                               ("", "ERROR ValueError: could not convert string to float: ''")] {
            let t = str(text)
            XCTAssertEqual(show(MiniObject_CallOneArg(asObj(type("float")), t)), expect, text)
            Mini_DECREF(t)
        }
        for o in [z, n3, one, izero, big, two, s] { Mini_DECREF(o) }
        assertBalanced()
    }

    // ----- str ------------------------------------------------------------------------------------

    func testStrBasics() {
        let s = str("héllo €")
        XCTAssertEqual(MiniUnicode_GetLength(s), 7)
        var size = 0
        let p = MiniUnicode_AsUTF8AndSize(s, &size)!
        XCTAssertEqual(size, 10)
        XCTAssertEqual(String(cString: p), "héllo €")
        XCTAssertEqual(MiniUnicode_EqualToUTF8(s, "héllo €"), 1)
        XCTAssertEqual(MiniUnicode_EqualToUTF8(s, "héllo"), 0)
        let six = int(6)
        XCTAssertEqual(show(MiniObject_GetItem(s, six)), "'€'")
        let part = MiniUnicode_FromStringAndSize("abcdef", 3)!
        XCTAssertEqual(repr(part), "'abc'")
        let cat = MiniUnicode_Concat(s, part)!
        XCTAssertEqual(text(cat), "héllo €abc")
        XCTAssertEqual(MiniUnicode_GetLength(cat), 10)
        XCTAssertEqual(show(MiniUnicode_Concat(s, six)), "ERROR TypeError: can only concatenate str (not \"int\") to str")
        XCTAssertNil(MiniUnicode_AsUTF8(six))
        XCTAssertEqual(takeError(), "TypeError: bad argument type: expected str, got int")
        XCTAssertEqual(MiniUnicode_GetLength(six), -1)
        XCTAssertEqual(takeError(), "TypeError: bad argument type: expected str, got int")
        XCTAssertEqual(show(MiniUnicode_FromOrdinal(0x1F600)), "'😀'")
        XCTAssertEqual(show(MiniUnicode_FromOrdinal(0x110000)), "ERROR ValueError: chr() arg not in range(0x110000)")
        XCTAssertEqual(show(MiniObject_CallOneArg(asObj(type("str")), six)), "'6'")
        for o in [s, six, part, cat] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testStrRejectsInvalidUTF8() {
        func make(_ b: [UInt8]) -> String {
            b.withUnsafeBufferPointer { p in
                p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) {
                    show(MiniUnicode_FromStringAndSize($0, b.count))
                }
            }
        }
        XCTAssertEqual(make([0x61, 0xFF]), "ERROR UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 1: invalid start byte")
        XCTAssertEqual(make([0xC3]), "ERROR UnicodeDecodeError: 'utf-8' codec can't decode byte 0xc3 in position 0: unexpected end of data")
        XCTAssertEqual(make([0xC3, 0x41]), "ERROR UnicodeDecodeError: 'utf-8' codec can't decode byte 0xc3 in position 0: invalid continuation byte")
        XCTAssertEqual(make([0xED, 0xA0, 0x80]), "ERROR UnicodeDecodeError: 'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte")
        XCTAssertEqual(make([0xC0, 0x80]), "ERROR UnicodeDecodeError: 'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte")
        XCTAssertEqual(make([0xF0, 0x9F, 0x98, 0x80]), "'😀'")
        // UnicodeDecodeError is a UnicodeError is a ValueError.
        _ = make([0xFF])
        XCTAssertNil(MiniErr_Occurred())
        let bad: [UInt8] = [0xFF]
        bad.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: 1) { _ = MiniUnicode_FromStringAndSize($0, 1) }
        }
        XCTAssertEqual(MiniErr_ExceptionMatches(MiniExc_UnicodeError), 1)
        XCTAssertEqual(MiniErr_ExceptionMatches(MiniExc_ValueError), 1)
        MiniErr_Clear()
        XCTAssertEqual(show(MiniUnicode_FromStringAndSize("x", -1)), "ERROR SystemError: Negative size passed to MiniUnicode_FromStringAndSize")
        assertBalanced()
    }

    func testStrReprMatchesPython() {
        let cases: [(String, String)] = [
            ("a'b", "\"a'b\""), ("a\"b'", "'a\"b\\''"), ("tab\t\n\u{01}\u{7f}\u{a0}é€😀", "'tab\\t\\n\\x01\\x7f\\xa0é€😀'"),
            ("back\\slash", "'back\\\\slash'"), ("", "''"), ("\u{2028}", "'\\u2028'"),
        ]
        for (s, r) in cases { XCTAssertEqual(show(str(s)), r, s) }
        assertBalanced()
    }

    func testStrInterning() {
        let a = MiniUnicode_InternFromString("interned-test-name")!
        let b = MiniUnicode_InternFromString("interned-test-name")!
        XCTAssertEqual(a, b)
        var c: Obj? = str("interned-test-name")
        let fresh = c
        XCTAssertNotEqual(fresh, a)
        MiniUnicode_InternInPlace(&c)
        XCTAssertEqual(c, a)
        Mini_DECREF(a)
        Mini_DECREF(b)
        Mini_DECREF(c!)
        // The intern table keeps one string alive: re-baseline for it.
        baseLive = Mini_LiveObjects()
        baseRefs = Mini_TotalRefCount()
        assertBalanced()
    }

    func testStrFormat() {
        let o = str("x")
        let s = "abc".withCString { cs in
            withVaList([cs, 42, -7, o, o, o, 233]) { MiniUnicode_FromFormatV("%s|%d|%zd|%R|%S|%T|%c", $0) }
        }
        XCTAssertEqual(show(s), "\"abc|42|-7|'x'|x|str|é\"")
        let precision = "héllo wörld".withCString { cs in
            withVaList([cs, o, o]) { MiniUnicode_FromFormatV("[%.4s][%5S][%-3S]", $0) }
        }
        XCTAssertEqual(show(precision), "'[héll][    x][x  ]'")
        let nums = withVaList([255, 3, UInt(18446744073709551615)]) { MiniUnicode_FromFormatV("%x %03d %lu %%", $0) }
        XCTAssertEqual(show(nums), "'ff 003 18446744073709551615 %'")
        let ptr = withVaList([OpaquePointer(bitPattern: 0x1234)!]) { MiniUnicode_FromFormatV("%p", $0) }
        XCTAssertEqual(show(ptr), "'0x1234'")
        XCTAssertEqual(show(withVaList([]) { MiniUnicode_FromFormatV("bad %q", $0) }),
                       "ERROR SystemError: invalid format string: bad %q")
        // The variadic forms share the formatter.
        XCTAssertEqual(show(ots_format_mix("s", 5, o)), "\"s|5|'x'\"")
        Mini_DECREF(o)
        assertBalanced()
    }

    // ----- bytes ------------------------------------------------------------------------------------

    func testBytes() {
        let b = bytes([0x68, 0x69, 0x00, 0x27])
        XCTAssertEqual(MiniBytes_Size(b), 4)
        let p = MiniBytes_AsString(b)!
        XCTAssertEqual(p[0], 0x68)
        XCTAssertEqual(p[4], 0)   // always NUL-terminated
        XCTAssertEqual(repr(b), "b\"hi\\x00'\"")
        let one = int(1)
        XCTAssertEqual(show(MiniObject_GetItem(b, one)), "105")
        let s = str("hi")
        XCTAssertNil(MiniBytes_AsString(s))
        XCTAssertEqual(takeError(), "TypeError: expected bytes, str found")
        XCTAssertEqual(MiniBytes_Size(s), -1)
        XCTAssertEqual(takeError(), "TypeError: expected bytes, str found")
        XCTAssertEqual(show(MiniBytes_FromStringAndSize(nil, -1)), "ERROR ValueError: Negative size passed to MiniBytes_FromStringAndSize")
        let fromC = MiniBytes_FromString("abc")!
        XCTAssertEqual(repr(fromC), "b'abc'")
        let zeroed = MiniBytes_FromStringAndSize(nil, 3)!
        XCTAssertEqual(repr(zeroed), "b'\\x00\\x00\\x00'")
        // The buffer export is read-only, format "B".
        XCTAssertEqual(MiniObject_CheckBuffer(b), 1)
        var view = MiniBuffer()
        XCTAssertEqual(MiniObject_GetBuffer(b, &view, MINI_BUF_SIMPLE), 0)
        XCTAssertEqual(view.len, 4)
        XCTAssertEqual(view.readonly, 1)
        XCTAssertEqual(String(cString: view.format), "B")
        XCTAssertEqual(view.obj, b)
        MiniBuffer_Release(&view)
        XCTAssertEqual(MiniObject_GetBuffer(b, &view, MINI_BUF_WRITABLE), -1)
        XCTAssertNil(view.obj)
        XCTAssertEqual(MiniErr_ExceptionMatches(MiniExc_BufferError), 1)
        MiniErr_Clear()
        // bytes(...) constructor.
        let bytesT = asObj(type("bytes"))
        let three = int(3), l = list([int(104), int(105)]), badL = list([int(256)])
        XCTAssertEqual(show(MiniObject_CallOneArg(bytesT, three)), "b'\\x00\\x00\\x00'")
        XCTAssertEqual(show(MiniObject_CallOneArg(bytesT, l)), "b'hi'")
        XCTAssertEqual(show(MiniObject_CallOneArg(bytesT, badL)), "ERROR ValueError: bytes must be in range(0, 256)")
        let args = tuple([str("é"), str("utf-8")])
        XCTAssertEqual(show(MiniObject_Call(bytesT, args, nil)), "b'\\xc3\\xa9'")
        for o in [b, one, s, fromC, zeroed, three, l, badL, args] { Mini_DECREF(o) }
        assertBalanced()
    }

    // ----- list ---------------------------------------------------------------------------------------

    func testListAPI() {
        let l = MiniList_New(0)!
        XCTAssertEqual(MiniList_Size(l), 0)
        for i in 0..<100 { let x = int(i); XCTAssertEqual(MiniList_Append(l, x), 0); Mini_DECREF(x) }
        XCTAssertEqual(MiniList_Size(l), 100)
        XCTAssertEqual(MiniLong_AsLong(MiniList_GetItem(l, 99)), 99)
        XCTAssertNil(MiniList_GetItem(l, 100))
        XCTAssertEqual(takeError(), "IndexError: list index out of range")
        XCTAssertNil(MiniList_GetItem(l, -1))
        XCTAssertEqual(takeError(), "IndexError: list index out of range")
        let front = str("front"), back = str("back")
        XCTAssertEqual(MiniList_Insert(l, 0, front), 0)
        XCTAssertEqual(MiniList_Insert(l, -1, back), 0)   // before the last item
        XCTAssertEqual(MiniList_Insert(l, 1000, back), 0)  // clamped to the end
        XCTAssertEqual(MiniList_Size(l), 103)
        XCTAssertEqual(repr(MiniList_GetItem(l, 0)), "'front'")
        XCTAssertEqual(repr(MiniList_GetItem(l, 101)), "99")
        XCTAssertEqual(repr(MiniList_GetItem(l, 100)), "'back'")
        XCTAssertEqual(show(MiniList_GetSlice(l, 1, 4)), "[0, 1, 2]")
        XCTAssertEqual(show(MiniList_GetSlice(l, 50, 10)), "[]")
        XCTAssertEqual(show(MiniList_GetSlice(l, -5, 2)), "['front', 0]")
        // SetItem steals, even on failure.
        let refs = Mini_TotalRefCount()
        let item = str("stolen")
        XCTAssertEqual(MiniList_SetItem(l, 0, item), 0)
        XCTAssertEqual(MiniList_SetItem(l, 500, int(1000)), -1)
        XCTAssertEqual(takeError(), "IndexError: list assignment index out of range")
        XCTAssertEqual(Mini_TotalRefCount(), refs)   // +1 stolen item, -1 'front' released; failure item freed
        XCTAssertEqual(repr(MiniList_GetItem(l, 0)), "'stolen'")
        let t = MiniList_AsTuple(l)!
        XCTAssertEqual(MiniTuple_Size(t), 103)
        Mini_DECREF(t)
        // Type errors for non-lists.
        let notList = int(1)
        XCTAssertEqual(MiniList_Size(notList), -1)
        XCTAssertEqual(takeError(), "TypeError: expected list, got int")
        XCTAssertEqual(MiniList_Append(notList, notList), -1)
        XCTAssertEqual(takeError(), "TypeError: expected list, got int")
        XCTAssertEqual(show(MiniList_New(-1)), "ERROR ValueError: negative list size")
        // Extend from any iterable, including the list itself.
        let small = list([int(1), int(2)])
        XCTAssertEqual(MiniList_Extend(small, small), 0)
        let s = str("ab")
        XCTAssertEqual(MiniList_Extend(small, s), 0)
        XCTAssertEqual(repr(small), "[1, 2, 1, 2, 'a', 'b']")
        XCTAssertEqual(MiniList_Extend(small, notList), -1)
        XCTAssertEqual(takeError(), "TypeError: 'int' object is not iterable")
        XCTAssertEqual(MiniList_Reverse(small), 0)
        XCTAssertEqual(repr(small), "['b', 'a', 2, 1, 2, 1]")
        for o in [l, front, back, notList, small, s] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testListSort() {
        // A stable sort: equal keys keep their order (1 == 1.0 == True).
        let l = list([int(3), float(1.0), int(2), int(1), Mini_NewRef(Mini_GetTrue()), float(-0.5), int(10)])
        XCTAssertEqual(MiniList_Sort(l), 0)
        XCTAssertEqual(repr(l), "[-0.5, 1.0, 1, True, 2, 3, 10]")
        // Many items, against Swift's sort.
        var values: [Int] = []
        var seed: UInt64 = 12345
        for _ in 0..<1000 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; values.append(Int(seed >> 40) % 500) }
        let big = list(values.map { int($0) })
        XCTAssertEqual(MiniList_Sort(big), 0)
        let sorted = values.sorted()
        for i in 0..<values.count { XCTAssertEqual(MiniLong_AsLong(MiniList_GetItem(big, i)), sorted[i]) }
        // Strings sort by code point.
        let words = list(["pear", "apple", "Zebra", "éclair", "apple pie"].map { str($0) })
        XCTAssertEqual(MiniList_Sort(words), 0)
        XCTAssertEqual(repr(words), "['Zebra', 'apple', 'apple pie', 'pear', 'éclair']")
        // A failing comparison leaves every item in the list.
        // A comparison that changes the list being sorted is reported; the items survive.
        let meddled = MiniList_New(0)!
        let k1 = ots_mutating_key_new(meddled)!, k2 = ots_mutating_key_new(nil)!
        XCTAssertEqual(MiniList_Append(meddled, k2), 0)
        XCTAssertEqual(MiniList_Append(meddled, k1), 0)
        XCTAssertEqual(MiniList_Sort(meddled), -1)
        XCTAssertEqual(takeError(), "ValueError: list modified during sort")
        XCTAssertEqual(MiniList_Size(meddled), 2)
        XCTAssertEqual(MiniList_GetItem(meddled, 0), k2)
        for o in [meddled, k1, k2] { Mini_DECREF(o) }
        let mixed = list([int(2), str("a"), int(1)])
        XCTAssertEqual(MiniList_Sort(mixed), -1)
        XCTAssertEqual(takeError(), "TypeError: '<' not supported between instances of 'str' and 'int'")
        XCTAssertEqual(MiniList_Size(mixed), 3)
        for o in [l, big, words, mixed] { Mini_DECREF(o) }
        assertBalanced()
    }

    // ----- tuple ---------------------------------------------------------------------------------------

    func testTupleAPI() {
        let e1 = MiniTuple_New(0)!, e2 = MiniTuple_New(0)!, e3 = ots_tuple_pack0()!
        XCTAssertEqual(e1, e2)   // the shared immortal empty tuple
        XCTAssertEqual(e1, e3)
        let live = Mini_LiveObjects()
        let t = MiniTuple_New(3)!
        XCTAssertEqual(Mini_LiveObjects(), live + 1)
        XCTAssertEqual(MiniTuple_SetItem(t, 0, int(1)), 0)
        XCTAssertEqual(MiniTuple_SetItem(t, 1, str("two")), 0)
        XCTAssertEqual(MiniTuple_SetItem(t, 2, none), 0)
        XCTAssertEqual(MiniTuple_SetItem(t, 3, int(1000)), -1)   // stolen even on failure
        XCTAssertEqual(takeError(), "IndexError: tuple assignment index out of range")
        XCTAssertEqual(repr(t), "(1, 'two', None)")
        XCTAssertEqual(MiniTuple_Size(t), 3)
        XCTAssertEqual(repr(MiniTuple_GetItem(t, 1)), "'two'")
        XCTAssertNil(MiniTuple_GetItem(t, 3))
        XCTAssertEqual(takeError(), "IndexError: tuple index out of range")
        // Only a tuple nobody else holds may be filled.
        Mini_INCREF(t)
        XCTAssertEqual(MiniTuple_SetItem(t, 0, int(5)), -1)
        XCTAssertEqual(takeError(), "SystemError: MiniTuple_SetItem: bad argument to internal function")
        Mini_DECREF(t)
        XCTAssertEqual(show(MiniTuple_GetSlice(t, 1, 10)), "('two', None)")
        let whole = MiniTuple_GetSlice(t, 0, 3)!
        XCTAssertEqual(whole, t)
        Mini_DECREF(whole)
        let a = int(7), b = str("b")
        let packed = ots_tuple_pack2(a, b)!
        XCTAssertEqual(repr(packed), "(7, 'b')")
        let l = list([int(7), str("b")])
        let fromList = MiniObject_CallOneArg(asObj(type("tuple")), l)!
        XCTAssertEqual(MiniObject_RichCompareBool(packed, fromList, Mini_EQ), 1)
        XCTAssertEqual(MiniObject_Hash(packed), MiniObject_Hash(fromList))
        XCTAssertEqual(MiniTuple_Size(l), -1)
        XCTAssertEqual(takeError(), "TypeError: expected tuple, got list")
        for o in [e1, e2, e3, t, a, b, packed, l, fromList] { Mini_DECREF(o) }
        assertBalanced()
    }

    // ----- dict ---------------------------------------------------------------------------------------

    func testDictBasics() {
        let d = MiniDict_New()!
        let k = str("key"), v = int(1000), one = int(1), fone = float(1.0)
        XCTAssertEqual(MiniDict_SetItem(d, k, v), 0)
        XCTAssertEqual(MiniDict_GetItem(d, k), v)
        XCTAssertEqual(MiniDict_GetItemString(d, "key"), v)
        XCTAssertNil(MiniDict_GetItemString(d, "nope"))
        XCTAssertNil(MiniErr_Occurred())
        // Equal numbers are the same key.
        XCTAssertEqual(MiniDict_SetItem(d, one, k), 0)
        XCTAssertEqual(MiniDict_GetItem(d, fone), k)
        XCTAssertEqual(MiniDict_SetItem(d, fone, v), 0)
        XCTAssertEqual(MiniDict_Size(d), 2)
        XCTAssertEqual(repr(d), "{'key': 1000, 1: 1000}")
        XCTAssertEqual(MiniDict_Contains(d, one), 1)
        XCTAssertEqual(MiniSequence_Contains(d, v), 0)
        // Unhashable keys.
        let l = list([])
        XCTAssertEqual(MiniDict_SetItem(d, l, v), -1)
        XCTAssertEqual(takeError(), "TypeError: unhashable type: 'list'")
        XCTAssertNil(MiniDict_GetItemWithError(d, l))
        XCTAssertEqual(takeError(), "TypeError: unhashable type: 'list'")
        XCTAssertNil(MiniDict_GetItem(d, l))                  // errors swallowed ...
        XCTAssertNil(MiniErr_Occurred())
        MiniErr_SetString(MiniExc_ValueError, "pending")      // ... and a pending one kept
        XCTAssertNil(MiniDict_GetItem(d, l))
        XCTAssertEqual(takeError(), "ValueError: pending")
        XCTAssertEqual(MiniDict_Contains(d, l), -1)
        XCTAssertEqual(takeError(), "TypeError: unhashable type: 'list'")
        // Deletion and KeyError (whose str is the key's repr).
        XCTAssertEqual(MiniDict_DelItemString(d, "key"), 0)
        XCTAssertEqual(MiniDict_DelItemString(d, "key"), -1)
        XCTAssertEqual(takeError(), "KeyError: 'key'")
        let tk = tuple([int(1), int(2)])
        XCTAssertEqual(MiniDict_DelItem(d, tk), -1)
        XCTAssertEqual(takeError(), "KeyError: (1, 2)")
        XCTAssertEqual(show(MiniObject_GetItem(d, tk)), "ERROR KeyError: (1, 2)")
        // Wrong container type.
        XCTAssertEqual(MiniDict_SetItem(l, k, v), -1)
        XCTAssertEqual(takeError(), "SystemError: MiniDict_SetItem: bad argument to internal function")
        MiniDict_Clear(d)
        XCTAssertEqual(MiniDict_Size(d), 0)
        XCTAssertEqual(repr(d), "{}")
        for o in [d, k, v, one, fone, l, tk] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testDictManyKeysWithDeletions() {
        let d = MiniDict_New()!
        let n = 10000
        for i in 0..<n {
            let k = MiniUnicode_FromString("k\(i)")!, v = int(i)
            XCTAssertEqual(MiniDict_SetItem(d, k, v), 0)
            Mini_DECREF(k)
            Mini_DECREF(v)
        }
        for i in 0..<n { let k = int(i); XCTAssertEqual(MiniDict_SetItem(d, k, k), 0); Mini_DECREF(k) }
        XCTAssertEqual(MiniDict_Size(d), 2 * n)
        // Delete every string key that is not a multiple of 3, and the odd ints.
        for i in 0..<n where i % 3 != 0 { XCTAssertEqual(MiniDict_DelItemString(d, "k\(i)"), 0) }
        for i in stride(from: 1, to: n, by: 2) { let k = int(i); XCTAssertEqual(MiniDict_DelItem(d, k), 0); Mini_DECREF(k) }
        let expected = (n + 2) / 3 + n / 2
        XCTAssertEqual(MiniDict_Size(d), expected)
        for i in 0..<n {
            XCTAssertEqual(MiniDict_GetItemString(d, "k\(i)") != nil, i % 3 == 0, "k\(i)")
            let k = int(i)
            XCTAssertEqual(MiniDict_Contains(d, k), i % 2 == 0 ? 1 : 0)
            Mini_DECREF(k)
        }
        // Re-insert deleted keys; iteration keeps insertion order and skips holes.
        for i in 0..<30 where i % 3 != 0 { let v = int(-i); XCTAssertEqual(MiniDict_SetItemString(d, "k\(i)", v), 0); Mini_DECREF(v) }
        var pos = 0
        var key: Obj? = nil, value: Obj? = nil
        var seen = 0
        var firstKeys: [String] = []
        while MiniDict_Next(d, &pos, &key, &value) != 0 {
            if seen < 3 { firstKeys.append(repr(key!)) }
            seen += 1
        }
        XCTAssertEqual(seen, expected + 20)
        XCTAssertEqual(firstKeys, ["'k0'", "'k3'", "'k6'"])
        let keys = MiniDict_Keys(d)!, values = MiniDict_Values(d)!, items = MiniDict_Items(d)!
        XCTAssertEqual(MiniList_Size(keys), expected + 20)
        XCTAssertEqual(repr(MiniList_GetItem(keys, MiniList_Size(keys) - 1)), "'k29'")
        XCTAssertEqual(repr(MiniList_GetItem(values, MiniList_Size(values) - 1)), "-29")
        XCTAssertEqual(repr(MiniList_GetItem(items, 0)), "('k0', 0)")
        // Copy compares equal; a changed value makes it unequal.
        let c = MiniDict_Copy(d)!
        XCTAssertEqual(MiniObject_RichCompareBool(c, d, Mini_EQ), 1)
        let zero = int(0), mark = str("changed")
        XCTAssertEqual(MiniDict_SetItem(c, zero, mark), 0)
        XCTAssertEqual(MiniObject_RichCompareBool(c, d, Mini_NE), 1)
        XCTAssertEqual(show(MiniObject_RichCompare(c, d, Mini_LT)), "ERROR TypeError: '<' not supported between instances of 'dict' and 'dict'")
        for o in [d, keys, values, items, c, zero, mark] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testDictUpdateAndConstructor() {
        let a = MiniDict_New()!, b = MiniDict_New()!
        let x = int(1), y = int(2)
        XCTAssertEqual(MiniDict_SetItemString(a, "x", x), 0)
        XCTAssertEqual(MiniDict_SetItemString(b, "x", y), 0)
        XCTAssertEqual(MiniDict_SetItemString(b, "y", y), 0)
        XCTAssertEqual(MiniDict_Update(a, b), 0)
        XCTAssertEqual(repr(a), "{'x': 2, 'y': 2}")
        XCTAssertEqual(MiniDict_Update(a, x), -1)
        XCTAssertEqual(takeError(), "TypeError: 'int' object is not a mapping")
        let dictT = asObj(type("dict"))
        let pairs = list([tuple([str("p"), int(1)]), list([int(2), str("q")])])
        XCTAssertEqual(show(MiniObject_CallOneArg(dictT, pairs)), "{'p': 1, 2: 'q'}")
        let badPairs = list([tuple([int(1)])])
        XCTAssertEqual(show(MiniObject_CallOneArg(dictT, badPairs)),
                       "ERROR ValueError: dictionary update sequence element #0 has length 1; 2 is required")
        let notPairs = list([int(1)])
        XCTAssertEqual(show(MiniObject_CallOneArg(dictT, notPairs)),
                       "ERROR TypeError: cannot convert dictionary update sequence element #0 to a sequence")
        let empty = tuple([])
        XCTAssertEqual(show(MiniObject_Call(dictT, empty, b)), "{'x': 2, 'y': 2}")
        for o in [a, b, x, y, pairs, badPairs, notPairs, empty] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testDictSurvivesKeyEqualityThatMutatesIt() {
        // A key whose __eq__ clears the dict during the lookup: the lookup restarts and the
        // dict stays consistent (no crash, no leak).
        let d = MiniDict_New()!
        let k1 = ots_mutating_key_new(d)!, v = int(1)
        XCTAssertEqual(MiniDict_SetItem(d, k1, v), 0)
        let k2 = ots_mutating_key_new(nil)!
        XCTAssertNil(MiniDict_GetItemWithError(d, k2))   // k1.__eq__ clears the dict; the lookup restarts
        XCTAssertNil(MiniErr_Occurred())
        XCTAssertEqual(MiniDict_Size(d), 0)
        XCTAssertEqual(MiniDict_SetItem(d, k2, v), 0)
        XCTAssertEqual(MiniDict_Size(d), 1)
        for o in [d, k1, k2, v] { Mini_DECREF(o) }
        assertBalanced()
    }
}
