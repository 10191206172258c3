// LibTests: the library of CShims/Objects/ through the C API: set and frozenset (the C functions, the
// operators, iteration order identical to CPython's), slice objects and their index arithmetic,
// the builtin iterators (enumerate, zip, map, filter, reversed), and the builtins registered by
// _MiniLib_InitBuiltins (min, max, sorted, round, divmod, pow, chr, ord, hex, ...), plus the
// allocator's free lists. Each test ends with the reference totals back at their start values.
import XCTest
import CShims
import CShimsTestSupport

final class LibTests: MiniObjectTestCase {
    override func setUp() {
        super.setUp()
        // Registering the builtins creates long-lived objects: do it before the baseline.
        XCTAssertEqual(lts_init_builtins(), 0)
        baseRefs = Mini_TotalRefCount()
        baseLive = Mini_LiveObjects()
    }

    func libType(_ name: String) -> Obj { asObj(lts_lib_type(name)!) }

    /// builtin(*args, **kwargs) shown as repr; argument references are consumed.
    func builtin(_ name: String, _ args: [Obj], _ kwargs: [String: Obj] = [:]) -> String {
        let t = tuple(args)
        var kw: Obj? = nil
        if !kwargs.isEmpty {
            kw = MiniDict_New()!
            for (k, v) in kwargs {
                XCTAssertEqual(MiniDict_SetItemString(kw, k, v), 0)
                Mini_DECREF(v)
            }
        }
        defer { Mini_DECREF(t); Mini_XDECREF(kw) }
        return show(lts_call_builtin(name, t, kw))
    }

    func ints(_ values: [Int]) -> Obj { list(values.map { int($0) }) }

    /// o.name(*args) shown as repr; argument references are consumed.
    func callm(_ o: Obj, _ name: String, _ args: [Obj] = []) -> String {
        let t = tuple(args)
        defer { Mini_DECREF(t) }
        return show(lts_call_method(o, name, t, nil))
    }

    /// f(*args, **kw) (a new reference or nil); argument references are consumed, kw borrowed.
    func callObj(_ f: Obj, _ args: [Obj], _ kw: Obj? = nil) -> Obj? {
        let t = tuple(args)
        defer { Mini_DECREF(t) }
        return MiniObject_Call(f, t, kw)
    }

    func newSet(_ values: [Int], frozen: Bool = false) -> Obj {
        let l = ints(values)
        defer { Mini_DECREF(l) }
        return lts_set_new(l, frozen ? 1 : 0)!
    }

    /// slice(start, stop, step) with nil parts as None.
    func makeSlice(_ start: Int?, _ stop: Int?, _ step: Int?) -> Obj {
        let a = start.map { int($0) }, b = stop.map { int($0) }, c = step.map { int($0) }
        defer { Mini_XDECREF(a); Mini_XDECREF(b); Mini_XDECREF(c) }
        return lts_slice(a, b, c)!
    }

    // ----- set / frozenset -----------------------------------------------------------------------

    func testSetCAPIAndRepr() {
        let s = lts_set_new(nil, 0)!
        XCTAssertEqual(repr(s), "set()")
        for v in [3, 1, 2, 3] {
            let o = int(v)
            XCTAssertEqual(lts_set_add(s, o), 0)
            Mini_DECREF(o)
        }
        XCTAssertEqual(repr(s), "{1, 2, 3}")
        XCTAssertEqual(MiniObject_Length(s), 3)
        let two = int(2), nine = int(9)
        XCTAssertEqual(lts_set_contains(s, two), 1)
        XCTAssertEqual(lts_set_discard(s, two), 1)
        XCTAssertEqual(lts_set_discard(s, nine), 0)
        XCTAssertEqual(lts_set_contains(s, two), 0)
        let unhashable = list([])
        XCTAssertEqual(lts_set_add(s, unhashable), -1)
        XCTAssertEqual(takeError(), "TypeError: unhashable type: 'list'")
        let f = lts_set_new(s, 1)!
        XCTAssertEqual(repr(f), "frozenset({1, 3})")
        XCTAssertNotEqual(MiniObject_Hash(f), -1)
        XCTAssertEqual(MiniObject_Hash(s), -1)
        XCTAssertEqual(takeError(), "TypeError: unhashable type: 'set'")
        // A set looks up as the equal frozenset.
        let outer = lts_set_new(nil, 0)!
        XCTAssertEqual(lts_set_add(outer, f), 0)
        XCTAssertEqual(lts_set_contains(outer, s), 1)
        for o in [s, two, nine, unhashable, f, outer] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testSetIterationOrderMatchesCPython() {
        // Orders recorded from CPython 3.11 (ints hash to themselves; collisions probe as CPython).
        let cases: [([Int], String)] = [
            ([8, 16, 0, 24], "{8, 16, 0, 24}"),
            ([100, 1, 1000, 10], "{1000, 1, 10, 100}"),
            ([-1, -2, 5], "{5, -1, -2}"),
            ([64, 128, 192, 1, 9, 17], "{64, 1, 128, 192, 9, 17}"),
            ([5, 1 << 40, 7, (1 << 33) + 1], "{1099511627776, 8589934593, 5, 7}"),
        ]
        for (values, expected) in cases {
            let s = newSet(values)
            XCTAssertEqual(repr(s), expected, "\(values)")
            Mini_DECREF(s)
        }
        // Deleted slots are reused the way CPython reuses them.
        let s = lts_set_new(nil, 0)!
        for (add, v) in [(true, 72), (true, 80), (true, 208), (false, 80), (true, 232), (true, 192), (false, 72), (true, 56), (true, 80)] {
            let o = int(v)
            if add { XCTAssertEqual(lts_set_add(s, o), 0) } else { XCTAssertEqual(lts_set_discard(s, o), 1) }
            Mini_DECREF(o)
        }
        XCTAssertEqual(repr(s), "{192, 232, 208, 80, 56}")
        Mini_DECREF(s)
        assertBalanced()
    }

    func testSetOperatorsAndMethods() {
        let a = newSet([1, 2, 3, 4]), b = newSet([3, 4, 5])
        XCTAssertEqual(show(MiniNumber_Subtract(a, b)), "{1, 2}")
        XCTAssertEqual(callm(a, "__or__", [Mini_NewRef(b)]), "{1, 2, 3, 4, 5}")
        XCTAssertEqual(callm(a, "__and__", [Mini_NewRef(b)]), "{3, 4}")
        XCTAssertEqual(callm(a, "__xor__", [Mini_NewRef(b)]), "{1, 2, 5}")
        XCTAssertEqual(callm(a, "__or__", [int(1)]), "NotImplemented")
        XCTAssertEqual(callm(a, "union", [ints([9]), ints([10])]), "{1, 2, 3, 4, 9, 10}")
        XCTAssertEqual(callm(a, "issuperset", [ints([1, 2])]), "True")
        XCTAssertEqual(callm(a, "isdisjoint", [ints([7])]), "True")
        XCTAssertEqual(MiniObject_RichCompareBool(b, a, Mini_LT), 0)
        let sub = newSet([3, 4]), fs = newSet([4, 3], frozen: true)
        XCTAssertEqual(MiniObject_RichCompareBool(sub, a, Mini_LT), 1)
        XCTAssertEqual(MiniObject_RichCompareBool(sub, b, Mini_LE), 1)
        XCTAssertEqual(MiniObject_RichCompareBool(sub, fs, Mini_EQ), 1)
        XCTAssertEqual(callm(a, "pop"), "1")
        XCTAssertEqual(callm(a, "remove", [int(42)]), "ERROR KeyError: 42")
        XCTAssertEqual(callm(a, "clear"), "None")
        XCTAssertEqual(callm(a, "pop"), "ERROR KeyError: 'pop from an empty set'")
        XCTAssertEqual(show(MiniObject_GetAttrString(fs, "add")), "ERROR AttributeError: 'frozenset' object has no attribute 'add'")
        // Iteration detects a size change.
        let it = MiniObject_GetIter(b)!
        let first = MiniIter_Next(it)!
        let seven = int(7)
        XCTAssertEqual(lts_set_add(b, seven), 0)
        XCTAssertNil(MiniIter_Next(it))
        XCTAssertEqual(takeError(), "RuntimeError: Set changed size during iteration")
        for o in [a, b, sub, fs, it, first, seven] { Mini_DECREF(o) }
        assertBalanced()
    }

    // ----- slice ----------------------------------------------------------------------------------

    func testSliceObjects() {
        let s = makeSlice(1, 10, 2)
        XCTAssertEqual(repr(s), "slice(1, 10, 2)")
        var start = 0, step = 0
        XCTAssertEqual(lts_slice_indices(s, 5, &start, &step), 2)
        XCTAssertEqual([start, step], [1, 2])
        XCTAssertEqual(callm(s, "indices", [int(5)]), "(1, 5, 2)")
        let rev = makeSlice(nil, nil, -1)
        XCTAssertEqual(callm(rev, "indices", [int(4)]), "(3, -1, -1)")
        XCTAssertEqual(callm(rev, "indices", [int(-1)]), "ERROR ValueError: length should not be negative")
        let zero = makeSlice(nil, nil, 0)
        XCTAssertEqual(lts_slice_indices(zero, 3, &start, &step), -1)
        XCTAssertEqual(takeError(), "ValueError: slice step cannot be zero")
        let a = str("a"), bad = lts_slice(a, nil, nil)!
        XCTAssertEqual(lts_slice_indices(bad, 3, &start, &step), -1)
        XCTAssertEqual(takeError(), "TypeError: slice indices must be integers or None or have an __index__ method")
        XCTAssertEqual(show(callObj(libType("slice"), [int(3)])), "slice(None, 3, None)")
        XCTAssertEqual(MiniObject_Hash(s), -1)
        XCTAssertEqual(takeError(), "TypeError: unhashable type: 'slice'")
        let s2 = makeSlice(1, 10, 2)
        XCTAssertEqual(MiniObject_RichCompareBool(s, s2, Mini_EQ), 1)
        for o in [s, rev, zero, a, bad, s2] { Mini_DECREF(o) }
        assertBalanced()
    }

    // ----- iterators ------------------------------------------------------------------------------

    /// list(o) shown as repr, consuming o.
    func listOf(_ o: Obj?) -> String {
        guard let o = o else { return show(nil) }
        defer { Mini_DECREF(o) }
        let l = MiniList_New(0)!
        if MiniList_Extend(l, o) < 0 { Mini_DECREF(l); return show(nil) }
        return show(l)
    }

    func testBuiltinIterators() {
        let kw = MiniDict_New()!, start = int(10)
        XCTAssertEqual(MiniDict_SetItemString(kw, "start", start), 0)
        XCTAssertEqual(listOf(callObj(libType("enumerate"), [str("ab")], kw)), "[(10, 'a'), (11, 'b')]")
        XCTAssertEqual(listOf(callObj(libType("zip"), [ints([1, 2, 3]), str("xy")])), "[(1, 'x'), (2, 'y')]")
        let strict = MiniDict_New()!
        XCTAssertEqual(MiniDict_SetItemString(strict, "strict", Mini_GetTrue()), 0)
        XCTAssertEqual(listOf(callObj(libType("zip"), [ints([1, 2, 3]), str("xy")], strict)),
                       "ERROR ValueError: zip() argument 2 is shorter than argument 1")
        let strType = asObj(type("str"))
        XCTAssertEqual(listOf(callObj(libType("map"), [Mini_NewRef(strType), ints([1, 22])])), "['1', '22']")
        XCTAssertEqual(show(callObj(libType("map"), [Mini_NewRef(strType)])), "ERROR TypeError: map() must have at least two arguments.")
        XCTAssertEqual(listOf(callObj(libType("filter"), [none, list([int(0), int(1), str(""), str("a")])])), "[1, 'a']")
        XCTAssertEqual(listOf(callObj(libType("reversed"), [ints([1, 2, 3])])), "[3, 2, 1]")
        XCTAssertEqual(listOf(callObj(libType("reversed"), [str("héllo")])), "['o', 'l', 'l', 'é', 'h']")
        XCTAssertEqual(show(callObj(libType("reversed"), [lts_set_new(nil, 0)!])), "ERROR TypeError: 'set' object is not reversible")
        for o in [kw, start, strict] { Mini_DECREF(o) }
        assertBalanced()
    }

    // ----- builtins -------------------------------------------------------------------------------

    func testMinMaxSortedAnyAll() {
        XCTAssertEqual(builtin("max", [ints([3, 1, 4])]), "4")
        XCTAssertEqual(builtin("min", [int(3), int(1), int(4)]), "1")
        XCTAssertEqual(builtin("max", [list([])]), "ERROR ValueError: max() arg is an empty sequence")
        XCTAssertEqual(builtin("min", [list([])], ["default": none]), "None")
        XCTAssertEqual(builtin("max", [int(1), int(2)], ["default": int(0)]),
                       "ERROR TypeError: Cannot specify a default for max() with multiple positional arguments")
        XCTAssertEqual(builtin("max", []), "ERROR TypeError: max expected at least 1 argument, got 0")
        XCTAssertEqual(builtin("max", [list([str("bb"), str("a"), str("ccc")])], ["key": Mini_NewRef(lts_builtin("len")!)]), "'ccc'")
        XCTAssertEqual(builtin("max", [ints([1, 2])], ["foo": none]), "ERROR TypeError: 'foo' is an invalid keyword argument for max()")
        XCTAssertEqual(builtin("sorted", [str("bca")]), "['a', 'b', 'c']")
        XCTAssertEqual(builtin("sorted", [ints([3, 1, 2])], ["reverse": Mini_NewRef(Mini_GetTrue())]), "[3, 2, 1]")
        XCTAssertEqual(builtin("sorted", [list([int(1), str("a")])]), "ERROR TypeError: '<' not supported between instances of 'str' and 'int'")
        XCTAssertEqual(builtin("any", [ints([0, 0, 1])]), "True")
        XCTAssertEqual(builtin("all", [ints([1, 0])]), "False")
        XCTAssertEqual(builtin("all", [list([])]), "True")
        XCTAssertEqual(builtin("any", [int(1), int(2)]), "ERROR TypeError: any() takes exactly one argument (2 given)")
        assertBalanced()
    }

    func testRoundDivmodPow() {
        XCTAssertEqual(builtin("round", [float(2.5)]), "2")
        XCTAssertEqual(builtin("round", [float(3.5)]), "4")
        XCTAssertEqual(builtin("round", [float(-0.5)]), "0")
        XCTAssertEqual(builtin("round", [float(2.675), int(2)]), "2.67")
        XCTAssertEqual(builtin("round", [float(0.125), int(2)]), "0.12")
        XCTAssertEqual(builtin("round", [float(1234.5678), int(-2)]), "1200.0")
        XCTAssertEqual(builtin("round", [float(1250.0), int(-2)]), "1200.0")
        XCTAssertEqual(builtin("round", [int(125), int(-1)]), "120")
        XCTAssertEqual(builtin("round", [int(135), int(-1)]), "140")
        XCTAssertEqual(builtin("round", [float(.nan)]), "ERROR ValueError: cannot convert float NaN to integer")
        XCTAssertEqual(builtin("round", [float(.infinity)]), "ERROR OverflowError: cannot convert float infinity to integer")
        XCTAssertEqual(builtin("round", [str("x")]), "ERROR TypeError: type str doesn't define __round__ method")
        XCTAssertEqual(builtin("round", [float(1e20)]), "100000000000000000000")
        XCTAssertEqual(builtin("divmod", [int(-7), int(2)]), "(-4, 1)")
        XCTAssertEqual(builtin("divmod", [float(-7.5), int(2)]), "(-4.0, 0.5)")
        XCTAssertEqual(builtin("divmod", [float(1), int(0)]), "ERROR ZeroDivisionError: float divmod()")
        XCTAssertEqual(builtin("divmod", [str("a"), int(1)]), "ERROR TypeError: unsupported operand type(s) for divmod(): 'str' and 'int'")
        XCTAssertEqual(builtin("pow", [int(2), int(100), int(1000)]), "376")
        XCTAssertEqual(builtin("pow", [int(3), int(-1), int(7)]), "5")
        XCTAssertEqual(builtin("pow", [int(5), int(3), int(-7)]), "-1")
        XCTAssertEqual(builtin("pow", [int(3), int(-1), int(6)]), "ERROR ValueError: base is not invertible for the given modulus")
        XCTAssertEqual(builtin("pow", [int(2), int(3), int(0)]), "ERROR ValueError: pow() 3rd argument cannot be 0")
        XCTAssertEqual(builtin("pow", [float(2), int(3), int(4)]), "ERROR TypeError: pow() 3rd argument not allowed unless all arguments are integers")
        XCTAssertEqual(builtin("pow", [int(2), int(-2)]), "0.25")
        assertBalanced()
    }

    func testCharactersAndRadix() {
        XCTAssertEqual(builtin("chr", [int(0x263A)]), "'☺'")
        XCTAssertEqual(builtin("chr", [int(-1)]), "ERROR ValueError: chr() arg not in range(0x110000)")
        XCTAssertEqual(builtin("chr", [str("a")]), "ERROR TypeError: 'str' object cannot be interpreted as an integer")
        XCTAssertEqual(builtin("ord", [str("€")]), "8364")
        XCTAssertEqual(builtin("ord", [str("ab")]), "ERROR TypeError: ord() expected a character, but string of length 2 found")
        XCTAssertEqual(builtin("ord", [int(5)]), "ERROR TypeError: ord() expected string of length 1, but int found")
        XCTAssertEqual(builtin("hex", [int(-255)]), "'-0xff'")
        XCTAssertEqual(builtin("bin", [int(5)]), "'0b101'")
        XCTAssertEqual(builtin("oct", [int(8)]), "'0o10'")
        XCTAssertEqual(builtin("hex", [float(1)]), "ERROR TypeError: 'float' object cannot be interpreted as an integer")
        XCTAssertEqual(builtin("format", [float(3.14159), str(".2f")]), "'3.14'")
        XCTAssertEqual(builtin("format", [int(1), int(2)]), "ERROR TypeError: format() argument 2 must be str, not int")
        XCTAssertEqual(builtin("ascii", [str("é")]), "\"'\\\\xe9'\"")
        assertBalanced()
    }

    func testBuiltinsRegistered() {
        for name in ["min", "max", "sorted", "any", "all", "round", "divmod", "pow", "chr", "ord", "hex", "bin", "oct",
                     "format", "ascii", "enumerate", "zip", "reversed", "map", "filter", "set", "frozenset", "slice"] {
            XCTAssertNotNil(lts_builtin(name), name)
        }
        // Registering again adds nothing.
        XCTAssertEqual(lts_init_builtins(), 0)
        assertBalanced()
    }

    // ----- allocation -------------------------------------------------------------------------------

    func testFreeListsKeepAccounting() {
        XCTAssertEqual(lts_freelist_churn(5000), 0)
        assertBalanced()
    }
}
