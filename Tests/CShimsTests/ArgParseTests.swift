// ArgParseTests: MiniArg_ParseTuple, MiniArg_ParseTupleAndKeywords and MiniArg_UnpackTuple,
// driven through the generic C harness ts_parse: every format unit, every error message (worded
// as CPython's), buffers released on failure, and references back to baseline on every path.
import XCTest
import CShims
import CShimsTestSupport

final class ArgParseTests: MiniAPITestCase {
    /// Parses args (consumed) against format; keywords selects ParseTupleAndKeywords. Returns the
    /// harness summary, or "ERROR <Type>: <message>".
    func parse(_ args: [Obj], _ format: String, keywords: String? = nil, kwargs: [(String, Obj)]? = nil,
               otype: UnsafeMutablePointer<MiniTypeObject>? = nil) -> String {
        let t = tuple(consuming: args)
        let kw = kwargs.map { dict(consuming: $0) }
        var buf = [CChar](repeating: 0, count: 2048)
        let ok = ts_parse(t, kw, format, keywords, otype, &buf, buf.count)
        Mini_DECREF(t)
        if let kw { Mini_DECREF(kw) }
        let s = cString(buf)
        return ok != 0 ? s : "ERROR " + s
    }

    func newMatrix(_ r: Int, _ c: Int) -> Obj { MiniMatrix_New(r, c)! }

    // ----- units -----

    func testIntegerUnits() {
        XCTAssertEqual(parse([int(200), int(-3), int(5), int(7), int(8), int(9)], "bhilLn"),
                       "b=200 h=-3 i=5 l=7 L=8 n=9")
        XCTAssertEqual(parse([trueObj, int(Int.min)], "il"), "i=1 l=\(Int.min)")
        XCTAssertEqual(parse([int(Int(Int32.max)), int(Int(Int32.min))], "ii"), "i=2147483647 i=-2147483648")
        assertBalanced()
    }

    func testIntegerUnitErrors() {
        for unit in ["i", "l", "n", "b", "h", "L"] {
            XCTAssertEqual(parse([float(1.5)], unit), "ERROR TypeError: 'float' object cannot be interpreted as an integer", unit)
            XCTAssertEqual(parse([str("7")], unit), "ERROR TypeError: 'str' object cannot be interpreted as an integer", unit)
        }
        XCTAssertEqual(parse([none], "i:f"), "ERROR TypeError: 'NoneType' object cannot be interpreted as an integer")
        XCTAssertEqual(parse([int(1 << 31)], "i"), "ERROR OverflowError: signed integer is greater than maximum")
        XCTAssertEqual(parse([int(-(1 << 31) - 1)], "i"), "ERROR OverflowError: signed integer is less than minimum")
        XCTAssertEqual(parse([int(256)], "b"), "ERROR OverflowError: unsigned byte integer is greater than maximum")
        XCTAssertEqual(parse([int(-1)], "b"), "ERROR OverflowError: unsigned byte integer is less than minimum")
        XCTAssertEqual(parse([int(40000)], "h"), "ERROR OverflowError: signed short integer is greater than maximum")
        XCTAssertEqual(parse([int(-40000)], "h"), "ERROR OverflowError: signed short integer is less than minimum")
        assertBalanced()
    }

    func testFloatUnits() {
        XCTAssertEqual(parse([float(2.5), float(1.5)], "df"), "d=2.5 f=1.5")
        XCTAssertEqual(parse([int(3), trueObj], "dd"), "d=3 d=1")
        XCTAssertEqual(parse([str("x")], "d"), "ERROR TypeError: must be real number, not str")
        XCTAssertEqual(parse([none], "f:g"), "ERROR TypeError: must be real number, not NoneType")
        assertBalanced()
    }

    func testPredicateAndCharacterUnits() {
        let l = MiniList_New(0)!
        XCTAssertEqual(parse([int(0), l, str("x"), none], "pppp"), "p=0 p=0 p=1 p=0")
        XCTAssertEqual(parse([str("é"), str("a"), str("😀")], "CCC"), "C=U+00E9 C=U+0061 C=U+1F600")
        XCTAssertEqual(parse([str("ab")], "C"), "ERROR TypeError: argument 1 must be a unicode character, not str")
        XCTAssertEqual(parse([int(1), int(65)], "iC:chr"), "ERROR TypeError: chr() argument 2 must be a unicode character, not int")
        assertBalanced()
    }

    func testStringUnits() {
        XCTAssertEqual(parse([str("abc"), str("héllo"), none], "ssz"), "s='abc' s='héllo' z=NULL")
        XCTAssertEqual(parse([int(1)], "s"), "ERROR TypeError: argument 1 must be str, not int")
        XCTAssertEqual(parse([str("a"), bytes("b")], "ss:join"), "ERROR TypeError: join() argument 2 must be str, not bytes")
        XCTAssertEqual(parse([int(1)], "z"), "ERROR TypeError: argument 1 must be str or None, not int")
        XCTAssertEqual(parse([none], "s"), "ERROR TypeError: argument 1 must be str, not None")
        let nul = MiniUnicode_FromStringAndSize("a\0b", 3)!
        XCTAssertEqual(parse([nul], "s"), "ERROR ValueError: embedded null character")
        assertBalanced()
    }

    func testBufferUnit() {
        let m = newMatrix(2, 3)
        XCTAssertEqual(parse([bytes("abc"), Mini_NewRef(m)], "y*y*"), "y*=3:B:1:ro y*=48:d:2:rw")
        XCTAssertEqual(ts_matrix_exports(m), 0)
        XCTAssertEqual(parse([int(1)], "y*"), "ERROR TypeError: a bytes-like object is required, not 'int'")
        Mini_DECREF(m)
        assertBalanced()
    }

    func testObjectUnits() {
        let m = newMatrix(1, 1)
        XCTAssertEqual(parse([int(5), Mini_NewRef(m)], "OO!", otype: matrixType()),
                       "O=5 O!=matrix(1x1, [[0.0]])")
        XCTAssertEqual(parse([int(5)], "O!:matmul", otype: matrixType()),
                       "ERROR TypeError: matmul() argument 1 must be matrix, not int")
        XCTAssertEqual(parse([Mini_NewRef(m), none], "O!O!:matmul", otype: matrixType()),
                       "ERROR TypeError: matmul() argument 2 must be matrix, not None")
        XCTAssertEqual(parse([int(12)], "O&"), "O&=12")
        XCTAssertEqual(parse([int(-1)], "O&"), "ERROR ValueError: negative")
        Mini_DECREF(m)
        assertBalanced()
    }

    // ----- counts and format syntax -----

    func testArgumentCountMessages() {
        XCTAssertEqual(parse([int(1), int(2), int(3)], "ii"), "ERROR TypeError: function takes exactly 2 arguments (3 given)")
        XCTAssertEqual(parse([int(1)], "ii:f"), "ERROR TypeError: f() takes exactly 2 arguments (1 given)")
        XCTAssertEqual(parse([], "i:f"), "ERROR TypeError: f() takes exactly 1 argument (0 given)")
        XCTAssertEqual(parse([int(1), int(2), int(3)], "i|i:matmul"), "ERROR TypeError: matmul() takes at most 2 arguments (3 given)")
        XCTAssertEqual(parse([int(1)], "ii|i:f"), "ERROR TypeError: f() takes at least 2 arguments (1 given)")
        XCTAssertEqual(parse([int(1)], ":f"), "ERROR TypeError: f() takes exactly 0 arguments (1 given)")
        XCTAssertEqual(parse([int(1)], ""), "ERROR TypeError: function takes exactly 0 arguments (1 given)")
        XCTAssertEqual(parse([], ""), "")
        assertBalanced()
    }

    func testOptionalUnitsLeftUntouched() {
        XCTAssertEqual(parse([int(1)], "i|idsO"), "i=1 i=unset d=unset s=unset O=unset")
        XCTAssertEqual(parse([int(1), int(2)], "i|id:f"), "i=1 i=2 d=unset")
        assertBalanced()
    }

    func testSemicolonMessageReplacesCountAndTypeErrors() {
        XCTAssertEqual(parse([int(1)], "ii;need two ints"), "ERROR TypeError: need two ints")
        XCTAssertEqual(parse([int(1)], "s;need a string"), "ERROR TypeError: need a string")
        // As in CPython, errors raised by the conversion itself are kept.
        XCTAssertEqual(parse([float(1)], "i;need an int"), "ERROR TypeError: 'float' object cannot be interpreted as an integer")
        assertBalanced()
    }

    func testBuffersReleasedWhenALaterArgumentFails() {
        let m = newMatrix(2, 2)
        let live = Mini_LiveObjects()
        XCTAssertEqual(parse([Mini_NewRef(m), Mini_NewRef(m), str("x")], "y*y*i"),
                       "ERROR TypeError: 'str' object cannot be interpreted as an integer")
        XCTAssertEqual(ts_matrix_exports(m), 0, "views filled before the failure must be released")
        XCTAssertEqual(Mini_REFCNT(m), 1)
        XCTAssertEqual(parse([], "y*y*|i", keywords: "a,b,c", kwargs: [("a", Mini_NewRef(m)), ("b", int(3))]),
                       "ERROR TypeError: a bytes-like object is required, not 'int'")
        XCTAssertEqual(ts_matrix_exports(m), 0)
        XCTAssertEqual(Mini_REFCNT(m), 1)
        XCTAssertEqual(Mini_LiveObjects(), live)
        Mini_DECREF(m)
        assertBalanced()
    }

    func testBadFormatsAreSystemErrors() {
        XCTAssertTrue(parse([int(1)], "q").hasPrefix("ERROR SystemError: bad format char 'q'"))
        XCTAssertEqual(parse([int(1)], "i|i|i"), "ERROR SystemError: Invalid format string (| specified twice)")
        XCTAssertTrue(parse([int(1)], "i$i").hasPrefix("ERROR SystemError: '$'"))
        XCTAssertTrue(parse([int(1)], "y").hasPrefix("ERROR SystemError: bad format char 'y'"))
        // Refused even when the arguments stop before the bad unit.
        XCTAssertTrue(parse([str("a")], "s#").hasPrefix("ERROR SystemError: bad format char '#'"))
        XCTAssertTrue(parse([int(1)], "i|q", keywords: "a,b").hasPrefix("ERROR SystemError: bad format char 'q'"))
        // args must be a tuple.
        let list = MiniList_New(0)!
        var buf = [CChar](repeating: 0, count: 512)
        XCTAssertEqual(ts_parse(list, nil, "", nil, nil, &buf, buf.count), 0)
        XCTAssertEqual(cString(buf), "SystemError: new style getargs format but argument is not a tuple")
        Mini_DECREF(list)
        assertBalanced()
    }

    // ----- keywords -----

    func testKeywordsFillParametersByName() {
        XCTAssertEqual(parse([int(1), int(2)], "li|d$s:f", keywords: "a,b,c,d",
                             kwargs: [("c", float(2.5)), ("d", str("x"))]),
                       "l=1 i=2 d=2.5 s='x'")
        XCTAssertEqual(parse([], "li|d$s:f", keywords: "a,b,c,d", kwargs: [("b", int(2)), ("a", int(1))]),
                       "l=1 i=2 d=unset s=unset")
        // An optional parameter skipped by name: later ones still land in their own variables.
        XCTAssertEqual(parse([int(1)], "l|ids:f", keywords: "a,b,c,d", kwargs: [("d", str("z"))]),
                       "l=1 i=unset d=unset s='z'")
        // kwargs may be NULL.
        XCTAssertEqual(parse([int(1)], "l|i:f", keywords: "a,b"), "l=1 i=unset")
        assertBalanced()
    }

    func testKeywordErrorMessages() {
        XCTAssertEqual(parse([int(1)], "OO:matmul", keywords: "a,b"),
                       "ERROR TypeError: matmul() missing required argument 'b' (pos 2)")
        XCTAssertEqual(parse([], "O|O:matmul", keywords: "a,b", kwargs: [("a", int(1)), ("x", int(3))]),
                       "ERROR TypeError: 'x' is an invalid keyword argument for matmul()")
        XCTAssertEqual(parse([], "O|O", keywords: "a,b", kwargs: [("a", int(1)), ("x", int(3))]),
                       "ERROR TypeError: 'x' is an invalid keyword argument for this function")
        XCTAssertEqual(parse([int(1), int(2), int(3)], "O|O$O:matmul", keywords: "a,b,c"),
                       "ERROR TypeError: matmul() takes at most 2 positional arguments (3 given)")
        XCTAssertEqual(parse([int(1), int(2)], "O$O:matmul", keywords: "a,b"),
                       "ERROR TypeError: matmul() takes exactly 1 positional argument (2 given)")
        XCTAssertEqual(parse([int(1)], "$O:f", keywords: "a"),
                       "ERROR TypeError: f() takes no positional arguments")
        XCTAssertEqual(parse([int(1), int(2), int(3)], "OO:matmul", keywords: "a,b"),
                       "ERROR TypeError: matmul() takes at most 2 arguments (3 given)")
        XCTAssertEqual(parse([], "|OO:f", keywords: "a,b", kwargs: [("a", int(1)), ("b", int(2)), ("c", int(3))]),
                       "ERROR TypeError: f() takes at most 2 keyword arguments (3 given)")
        XCTAssertEqual(parse([int(1)], "O|O", keywords: "a,b", kwargs: [("a", int(2))]),
                       "ERROR TypeError: argument for function given by name ('a') and position (1)")
        XCTAssertEqual(parse([int(5)], "O!:matmul", keywords: "a", otype: matrixType()),
                       "ERROR TypeError: matmul() argument 1 must be matrix, not int")
        XCTAssertEqual(parse([], "O!:matmul", keywords: "a", kwargs: [("a", int(5))], otype: matrixType()),
                       "ERROR TypeError: matmul() argument 1 must be matrix, not int")
        XCTAssertEqual(parse([], "s;give me text", keywords: "a", kwargs: [("a", int(5))]),
                       "ERROR TypeError: give me text")
        assertBalanced()
    }

    func testPositionalOnlyParameters() {
        XCTAssertEqual(parse([int(1), int(2)], "O|O:f", keywords: ",b"), "O=1 O=2")
        XCTAssertEqual(parse([int(1)], "O|O:f", keywords: ",b", kwargs: [("b", int(2))]), "O=1 O=2")
        XCTAssertEqual(parse([], "O|O:f", keywords: ",b", kwargs: [("b", int(2))]),
                       "ERROR TypeError: f() takes at least 1 positional argument (0 given)")
        XCTAssertEqual(parse([], "OO:f", keywords: ","),
                       "ERROR TypeError: f() takes exactly 2 positional arguments (0 given)")
        assertBalanced()
    }

    func testNonStringKeywordIsRejected() {
        let t = MiniTuple_New(0)!
        let kw = MiniDict_New()!
        let one = int(1), two = int(2)
        XCTAssertEqual(MiniDict_SetItem(kw, one, two), 0)
        Mini_DECREF(one)
        Mini_DECREF(two)
        var buf = [CChar](repeating: 0, count: 512)
        XCTAssertEqual(ts_parse(t, kw, "|O:f", "a", nil, &buf, buf.count), 0)
        XCTAssertEqual(cString(buf), "TypeError: keywords must be strings")
        Mini_DECREF(kw)
        Mini_DECREF(t)
        assertBalanced()
    }

    func testKeywordFormatMistakesAreSystemErrors() {
        XCTAssertEqual(parse([int(1)], "O:f", keywords: "a,,b"), "ERROR SystemError: Empty keyword parameter name")
        XCTAssertEqual(parse([int(1), int(2)], "O:f", keywords: "a,b"),
                       "ERROR SystemError: More keyword list entries (2) than format specifiers (1)")
        XCTAssertEqual(parse([], "|O|O:f", keywords: "a,b", kwargs: [("b", int(1))]),
                       "ERROR SystemError: Invalid format string (| specified twice)")
        assertBalanced()
    }

    // ----- UnpackTuple -----

    func testUnpackTuple() {
        let a = int(1), b = int(2), c = int(3)
        let t2 = tuple(consuming: [Mini_NewRef(a), Mini_NewRef(b)])
        var x: Obj? = nil, y: Obj? = nil, z: Obj? = nil
        XCTAssertEqual(ts_unpack(t2, "f", 1, 3, &x, &y, &z), 1)
        XCTAssertEqual(x, a)
        XCTAssertEqual(y, b)
        XCTAssertNil(z, "slots beyond the arguments given are left untouched")
        XCTAssertEqual(ts_unpack(t2, "f", 3, 4, &x, &y, &z), 0)
        XCTAssertEqual(takeError(), "TypeError: f expected at least 3 arguments, got 2")
        XCTAssertEqual(ts_unpack(t2, "f", 0, 1, &x, &y, &z), 0)
        XCTAssertEqual(takeError(), "TypeError: f expected at most 1 argument, got 2")
        XCTAssertEqual(ts_unpack(t2, "f", 3, 3, &x, &y, &z), 0)
        XCTAssertEqual(takeError(), "TypeError: f expected 3 arguments, got 2")
        XCTAssertEqual(ts_unpack(t2, nil, 1, 1, &x, &y, &z), 0)
        XCTAssertEqual(takeError(), "TypeError: unpacked tuple should have 1 element, but has 2")
        XCTAssertEqual(ts_unpack(a, "f", 0, 1, &x, &y, &z), 0)
        XCTAssertEqual(takeError(), "SystemError: MiniArg_UnpackTuple() argument list is not a tuple")
        Mini_DECREF(t2)
        [a, b, c].forEach { Mini_DECREF($0) }
        assertBalanced()
    }
}
