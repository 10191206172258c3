// MethodsTests: the Python-level methods of the built-in types (str, list, tuple, dict, bytes,
// float) called through the C API as Python code calls them (attribute lookup, then a call with
// positional and keyword arguments), plus slicing and printf-style % formatting. Results and error
// messages are CPython 3.11's. Each test ends with the reference totals back at their start values.
import XCTest
import CShims
import CShimsTestSupport

final class MethodsTests: MiniObjectTestCase {

    /// o.name(*args, **kwargs) shown as repr (or "ERROR ..."); args and kwargs values are consumed.
    func call(_ o: Obj, _ name: String, _ args: [Obj] = [], _ kwargs: [String: Obj] = [:]) -> String {
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
        return show(lts_call_method(o, name, t, kw))
    }

    /// slice(start, stop, step) with nil parts as None.
    func makeSlice(_ start: Int?, _ stop: Int?, _ step: Int?) -> Obj {
        let a = start.map { int($0) }, b = stop.map { int($0) }, c = step.map { int($0) }
        defer { Mini_XDECREF(a); Mini_XDECREF(b); Mini_XDECREF(c) }
        return lts_slice(a, b, c)!
    }

    /// o[start:stop:step] (nil parts are None) shown as repr.
    func slice(_ o: Obj, _ start: Int?, _ stop: Int?, _ step: Int? = nil) -> String {
        let s = makeSlice(start, stop, step)
        defer { Mini_DECREF(s) }
        return show(MiniObject_GetItem(o, s))
    }

    // ----- str ---------------------------------------------------------------------------------

    func testStrSplitJoinStrip() {
        let s = str("  a b  c ")
        XCTAssertEqual(call(s, "split"), "['a', 'b', 'c']")
        XCTAssertEqual(call(s, "split", [none, int(1)]), "['a', 'b  c ']")
        XCTAssertEqual(call(s, "rsplit", [], ["maxsplit": int(1)]), "['  a b', 'c']")
        XCTAssertEqual(call(s, "split", [str(" ")]), "['', '', 'a', 'b', '', 'c', '']")
        XCTAssertEqual(call(s, "split", [str("")]), "ERROR ValueError: empty separator")
        XCTAssertEqual(call(s, "strip"), "'a b  c'")
        XCTAssertEqual(call(s, "lstrip"), "'a b  c '")
        XCTAssertEqual(call(s, "rstrip", [str(" c")]), "'  a b'")
        XCTAssertEqual(call(s, "strip", [int(1)]), "ERROR TypeError: strip arg must be None or str")
        let csv = str("x,y,,z")
        XCTAssertEqual(call(csv, "split", [str(",")]), "['x', 'y', '', 'z']")
        XCTAssertEqual(call(csv, "rsplit", [str(","), int(2)]), "['x,y', '', 'z']")
        XCTAssertEqual(call(csv, "partition", [str(",")]), "('x', ',', 'y,,z')")
        XCTAssertEqual(call(csv, "rpartition", [str(",")]), "('x,y,', ',', 'z')")
        XCTAssertEqual(call(csv, "partition", [str(";")]), "('x,y,,z', '', '')")
        let sep = str("-")
        XCTAssertEqual(call(sep, "join", [list([str("a"), str("b"), str("c")])]), "'a-b-c'")
        XCTAssertEqual(call(sep, "join", [list([str("a"), int(1)])]), "ERROR TypeError: sequence item 1: expected str instance, int found")
        let lines = str("one\ntwo\r\nthree")
        XCTAssertEqual(call(lines, "splitlines"), "['one', 'two', 'three']")
        XCTAssertEqual(call(lines, "splitlines", [], ["keepends": Mini_NewRef(Mini_GetTrue())]), "['one\\n', 'two\\r\\n', 'three']")
        for o in [s, csv, sep, lines] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testStrSearchAndReplace() {
        let s = str("hello world")
        XCTAssertEqual(call(s, "find", [str("o")]), "4")
        XCTAssertEqual(call(s, "rfind", [str("o")]), "7")
        XCTAssertEqual(call(s, "find", [str("o"), int(5)]), "7")
        XCTAssertEqual(call(s, "find", [str("z")]), "-1")
        XCTAssertEqual(call(s, "index", [str("z")]), "ERROR ValueError: substring not found")
        XCTAssertEqual(call(s, "count", [str("l")]), "3")
        XCTAssertEqual(call(s, "count", [str("")]), "12")
        XCTAssertEqual(call(s, "startswith", [tuple([str("x"), str("he")])]), "True")
        XCTAssertEqual(call(s, "endswith", [str("wor"), int(0), int(9)]), "True")
        XCTAssertEqual(call(s, "startswith", [int(1)]), "ERROR TypeError: startswith first arg must be str or a tuple of str, not int")
        XCTAssertEqual(call(s, "replace", [str("l"), str("L")]), "'heLLo worLd'")
        XCTAssertEqual(call(s, "replace", [str("l"), str(""), int(2)]), "'heo world'")
        XCTAssertEqual(call(s, "replace", [str(""), str(".")]), "'.h.e.l.l.o. .w.o.r.l.d.'")
        let u = str("héllo wörld")
        XCTAssertEqual(call(u, "find", [str("ö")]), "7", "indexes count code points")
        XCTAssertEqual(call(u, "upper"), "'HÉLLO WÖRLD'")
        XCTAssertEqual(call(u, "title"), "'Héllo Wörld'")
        XCTAssertEqual(call(u, "encode"), "b'h\\xc3\\xa9llo w\\xc3\\xb6rld'")
        XCTAssertEqual(call(u, "encode", [str("ascii")]), "ERROR UnicodeEncodeError: 'ascii' codec can't encode character '\\xe9' in position 1: ordinal not in range(128)")
        XCTAssertEqual(call(u, "encode", [str("ascii"), str("replace")]), "b'h?llo w?rld'")
        for o in [s, u] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testStrCaseAndPredicates() {
        let s = str("they're bill's friends")
        XCTAssertEqual(call(s, "title"), "\"They'Re Bill'S Friends\"")
        XCTAssertEqual(call(s, "capitalize"), "\"They're bill's friends\"")
        XCTAssertEqual(call(s, "swapcase"), "\"THEY'RE BILL'S FRIENDS\"")
        let ss = str("straße")
        XCTAssertEqual(call(ss, "upper"), "'STRASSE'")
        for (text, method, result) in [("123", "isdigit", "True"), ("12a", "isdigit", "False"), ("", "isdigit", "False"),
                                       ("abc", "isalpha", "True"), ("ab1", "isalnum", "True"), (" \t\n", "isspace", "True"),
                                       ("ABC1", "isupper", "True"), ("abc", "islower", "True"), ("Title Case", "istitle", "True"),
                                       ("_x1", "isidentifier", "True"), ("1x", "isidentifier", "False"), ("é", "isascii", "False")] {
            let o = str(text)
            XCTAssertEqual(call(o, method), result, "\(text).\(method)()")
            Mini_DECREF(o)
        }
        let w = str("ab")
        XCTAssertEqual(call(w, "center", [int(7), str("*")]), "'***ab**'")
        XCTAssertEqual(call(w, "center", [int(6)]), "'  ab  '")
        XCTAssertEqual(call(w, "ljust", [int(5), str(".")]), "'ab...'")
        XCTAssertEqual(call(w, "rjust", [int(4)]), "'  ab'")
        XCTAssertEqual(call(w, "center", [int(5), str("xy")]), "ERROR TypeError: The fill character must be exactly one character long")
        XCTAssertEqual(call(w, "center", [str("5")]), "ERROR TypeError: 'str' object cannot be interpreted as an integer")
        let n = str("-42")
        XCTAssertEqual(call(n, "zfill", [int(6)]), "'-00042'")
        for o in [s, ss, w, n] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testStrFormatMethodAndPercent() {
        let f = str("{0} + {1} = {2:>5.2f} {name!r} {0[1]}")
        XCTAssertEqual(call(f, "format", [list([int(1), int(2)]), int(2), float(3.14159)], ["name": str("x")]),
                       "\"[1, 2] + 2 =  3.14 'x' 2\"")
        let bad = str("{0}{}")
        XCTAssertEqual(call(bad, "format", [int(1), int(2)]), "ERROR ValueError: cannot switch from manual field specification to automatic field numbering")
        let missing = str("{x}")
        XCTAssertEqual(call(missing, "format"), "ERROR KeyError: 'x'")
        let brace = str("}")
        XCTAssertEqual(call(brace, "format"), "ERROR ValueError: Single '}' encountered in format string")
        let pct = str("%s is %d (%5.1f%%) %r %x")
        let args = tuple([str("Bob"), int(30), float(99.44), str("a"), int(255)])
        XCTAssertEqual(show(MiniNumber_Remainder(pct, args)), "\"Bob is 30 ( 99.4%) 'a' ff\"")
        let one = str("%05d|%-4s|%+.2e")
        let args1 = tuple([int(-42), str("ab"), float(12345.678)])
        XCTAssertEqual(show(MiniNumber_Remainder(one, args1)), "'-0042|ab  |+1.23e+04'")
        let few = str("%s %s"), single = int(1)
        XCTAssertEqual(show(MiniNumber_Remainder(few, single)), "ERROR TypeError: not enough arguments for format string")
        let many = str("%s"), pair = tuple([int(1), int(2)])
        XCTAssertEqual(show(MiniNumber_Remainder(many, pair)), "ERROR TypeError: not all arguments converted during string formatting")
        let mapping = str("%(a)s-%(b)03d"), d = MiniDict_New()!, vx = str("x"), v7 = int(7)
        XCTAssertEqual(MiniDict_SetItemString(d, "a", vx), 0)
        XCTAssertEqual(MiniDict_SetItemString(d, "b", v7), 0)
        XCTAssertEqual(show(MiniNumber_Remainder(mapping, d)), "'x-007'")
        for o in [f, bad, missing, brace, pct, args, one, args1, few, single, many, pair, mapping, d, vx, v7] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testStrSlicingAndIteration() {
        let s = str("héllo wörld")
        XCTAssertEqual(slice(s, 1, 4), "'éll'")
        XCTAssertEqual(slice(s, nil, nil, -1), "'dlröw olléh'")
        XCTAssertEqual(slice(s, -5, nil), "'wörld'")
        XCTAssertEqual(slice(s, nil, nil, 3), "'hlwl'")
        XCTAssertEqual(slice(s, 100, nil), "''")
        XCTAssertEqual(slice(s, nil, nil, 0), "ERROR ValueError: slice step cannot be zero")
        let it = MiniObject_GetIter(s)!
        var chars: [String] = []
        while let c = MiniIter_Next(it) { chars.append(text(c)); Mini_DECREF(c) }
        XCTAssertEqual(chars.joined(separator: "|"), "h|é|l|l|o| |w|ö|r|l|d")
        Mini_DECREF(it)
        let one = int(1)
        XCTAssertEqual(show(MiniObject_GetItem(s, one)), "'é'")
        let key = str("x")
        XCTAssertEqual(show(MiniObject_GetItem(s, key)), "ERROR TypeError: string indices must be integers, not 'str'")
        for o in [s, one, key] { Mini_DECREF(o) }
        assertBalanced()
    }

    // ----- list and tuple ------------------------------------------------------------------------

    func testListMethods() {
        let l = list([int(3), int(1), int(2)])
        XCTAssertEqual(call(l, "append", [int(5)]), "None")
        XCTAssertEqual(call(l, "insert", [int(0), int(9)]), "None")
        XCTAssertEqual(call(l, "extend", [tuple([int(7), int(7)])]), "None")
        XCTAssertEqual(repr(l), "[9, 3, 1, 2, 5, 7, 7]")
        XCTAssertEqual(call(l, "pop"), "7")
        XCTAssertEqual(call(l, "pop", [int(0)]), "9")
        XCTAssertEqual(call(l, "index", [int(2)]), "2")
        XCTAssertEqual(call(l, "count", [int(7)]), "1")
        XCTAssertEqual(call(l, "remove", [int(7)]), "None")
        XCTAssertEqual(call(l, "remove", [int(42)]), "ERROR ValueError: list.remove(x): x not in list")
        XCTAssertEqual(call(l, "index", [int(42)]), "ERROR ValueError: 42 is not in list")
        XCTAssertEqual(call(l, "sort", [], ["reverse": Mini_NewRef(Mini_GetTrue())]), "None")
        XCTAssertEqual(repr(l), "[5, 3, 2, 1]")
        XCTAssertEqual(call(l, "sort", [int(1)]), "ERROR TypeError: sort() takes no positional arguments")
        XCTAssertEqual(call(l, "sort", [], ["cmp": none]), "ERROR TypeError: 'cmp' is an invalid keyword argument for sort()")
        XCTAssertEqual(call(l, "reverse"), "None")
        XCTAssertEqual(call(l, "copy"), "[1, 2, 3, 5]")
        XCTAssertEqual(call(l, "insert", [int(1)]), "ERROR TypeError: insert expected 2 arguments, got 1")
        XCTAssertEqual(call(l, "clear"), "None")
        XCTAssertEqual(call(l, "pop"), "ERROR IndexError: pop from empty list")
        let mixed = list([int(1), str("a")])
        XCTAssertEqual(call(mixed, "sort"), "ERROR TypeError: '<' not supported between instances of 'str' and 'int'")
        let words = list([str("banana"), str("Apple"), str("cherry")])
        let lower = getattr(asObj(type("str")), "lower")!
        XCTAssertEqual(call(words, "sort", [], ["key": lower]), "None")
        XCTAssertEqual(repr(words), "['Apple', 'banana', 'cherry']")
        for o in [l, mixed, words] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testListSlicing() {
        let l = list((0..<10).map { int($0) })
        XCTAssertEqual(slice(l, 2, 5), "[2, 3, 4]")
        XCTAssertEqual(slice(l, nil, nil, -3), "[9, 6, 3, 0]")
        XCTAssertEqual(slice(l, -3, nil), "[7, 8, 9]")
        let s1 = makeSlice(2, 5, nil)
        let repl = list([str("a"), str("b")])
        XCTAssertEqual(MiniObject_SetItem(l, s1, repl), 0)
        XCTAssertEqual(repr(l), "[0, 1, 'a', 'b', 5, 6, 7, 8, 9]")
        let s2 = makeSlice(nil, nil, 2)
        let wrong = list([int(0)])
        XCTAssertEqual(MiniObject_SetItem(l, s2, wrong), -1)
        XCTAssertEqual(takeError(), "ValueError: attempt to assign sequence of size 1 to extended slice of size 5")
        XCTAssertEqual(MiniObject_DelItem(l, s2), 0)
        XCTAssertEqual(repr(l), "[1, 'b', 6, 8]")
        let five = int(5)
        XCTAssertEqual(MiniObject_SetItem(l, s1, five), -1)
        XCTAssertEqual(takeError(), "TypeError: can only assign an iterable")
        // Assigning a list to a slice of itself snapshots the source first.
        let all = makeSlice(nil, nil, nil)
        XCTAssertEqual(MiniObject_SetItem(l, s1, l), 0)
        XCTAssertEqual(repr(l), "[1, 'b', 1, 'b', 6, 8]")
        XCTAssertEqual(show(MiniObject_GetItem(l, all)), "[1, 'b', 1, 'b', 6, 8]")
        let t = tuple([int(1), int(2), int(3)])
        XCTAssertEqual(slice(t, nil, nil, -1), "(3, 2, 1)")
        XCTAssertEqual(show(MiniObject_GetItem(t, all)), "(1, 2, 3)")
        XCTAssertEqual(call(t, "index", [int(3)]), "2")
        XCTAssertEqual(call(t, "count", [int(3)]), "1")
        XCTAssertEqual(call(t, "index", [int(7)]), "ERROR ValueError: tuple.index(x): x not in tuple")
        for o in [l, s1, repl, s2, wrong, five, all, t] { Mini_DECREF(o) }
        assertBalanced()
    }

    // ----- dict --------------------------------------------------------------------------------

    func testDictMethodsAndViews() {
        let d = MiniDict_New()!
        for (k, v) in [("a", 1), ("b", 2), ("c", 3)] {
            let o = int(v)
            XCTAssertEqual(MiniDict_SetItemString(d, k, o), 0)
            Mini_DECREF(o)
        }
        XCTAssertEqual(call(d, "get", [str("a")]), "1")
        XCTAssertEqual(call(d, "get", [str("z"), int(0)]), "0")
        XCTAssertEqual(call(d, "keys"), "dict_keys(['a', 'b', 'c'])")
        XCTAssertEqual(call(d, "values"), "dict_values([1, 2, 3])")
        XCTAssertEqual(call(d, "items"), "dict_items([('a', 1), ('b', 2), ('c', 3)])")
        XCTAssertEqual(call(d, "pop", [str("a")]), "1")
        XCTAssertEqual(call(d, "pop", [str("a")]), "ERROR KeyError: 'a'")
        XCTAssertEqual(call(d, "pop", [str("a"), none]), "None")
        XCTAssertEqual(call(d, "setdefault", [str("x"), list([])]), "[]")
        XCTAssertEqual(call(d, "update", [list([tuple([str("y"), int(9)])])], ["z": int(0)]), "None")
        XCTAssertEqual(repr(d), "{'b': 2, 'c': 3, 'x': [], 'y': 9, 'z': 0}")
        XCTAssertEqual(call(d, "popitem"), "('z', 0)")
        XCTAssertEqual(call(d, "copy"), "{'b': 2, 'c': 3, 'x': [], 'y': 9}")
        let keys = lts_call_method(d, "keys", nil, nil)!, items = lts_call_method(d, "items", nil, nil)!
        XCTAssertEqual(MiniObject_Length(keys), 4)
        let b = str("b"), pair = tuple([str("y"), int(9)])
        XCTAssertEqual(MiniSequence_Contains(keys, b), 1)
        XCTAssertEqual(MiniSequence_Contains(items, pair), 1)
        // Views are live.
        XCTAssertEqual(MiniDict_DelItem(d, b), 0)
        XCTAssertEqual(MiniObject_Length(keys), 3)
        XCTAssertEqual(show(MiniObject_GetIter(items).flatMap { it in defer { Mini_DECREF(it) }; return MiniIter_Next(it) }), "('c', 3)")
        let fromkeys = getattr(asObj(type("dict")), "fromkeys")!
        let fk = tuple([str("ab"), int(0)])
        XCTAssertEqual(show(MiniObject_Call(fromkeys, fk, nil)), "{'a': 0, 'b': 0}")
        XCTAssertEqual(call(d, "clear"), "None")
        XCTAssertEqual(call(d, "popitem"), "ERROR KeyError: 'popitem(): dictionary is empty'")
        for o in [d, keys, items, b, pair, fromkeys, fk] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testDictIterationDetectsResize() {
        let d = MiniDict_New()!
        let k1 = int(1)
        XCTAssertEqual(MiniDict_SetItem(d, k1, k1), 0)
        let it = MiniObject_GetIter(d)!
        let first = MiniIter_Next(it)!
        let k2 = int(2)
        XCTAssertEqual(MiniDict_SetItem(d, k2, k2), 0)
        XCTAssertNil(MiniIter_Next(it))
        XCTAssertEqual(takeError(), "RuntimeError: dictionary changed size during iteration")
        for o in [d, k1, it, first, k2] { Mini_DECREF(o) }
        assertBalanced()
    }

    // ----- bytes and float ------------------------------------------------------------------------

    func testBytesMethods() {
        let b = bytes(Array("caf\u{e9} au lait".utf8))
        XCTAssertEqual(call(b, "decode"), "'café au lait'")
        XCTAssertEqual(call(b, "decode", [str("ascii")]), "ERROR UnicodeDecodeError: 'ascii' codec can't decode byte 0xc3 in position 3: ordinal not in range(128)")
        XCTAssertEqual(call(b, "decode", [str("latin-1")]), "'cafÃ© au lait'")
        XCTAssertEqual(String(call(b, "hex").prefix(10)), "'636166c3a")
        XCTAssertEqual(call(b, "split"), "[b'caf\\xc3\\xa9', b'au', b'lait']")
        XCTAssertEqual(call(b, "upper"), "b'CAF\\xc3\\xa9 AU LAIT'")
        XCTAssertEqual(call(b, "find", [int(32)]), "5")
        XCTAssertEqual(call(b, "replace", [bytes(Array("a".utf8)), bytes(Array("A".utf8))]), "b'cAf\\xc3\\xa9 Au lAit'")
        XCTAssertEqual(slice(b, 0, 3), "b'caf'")
        XCTAssertEqual(slice(b, nil, 3, -1), "b'tial ua \\xa9'")
        let one = int(1)
        XCTAssertEqual(show(MiniObject_GetItem(b, one)), "97")
        let bad = bytes([0xff])
        XCTAssertEqual(call(bad, "decode"), "ERROR UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte")
        XCTAssertEqual(call(bad, "decode", [str("utf-8"), str("replace")]), "'\u{fffd}'")
        let fromhex = getattr(asObj(type("bytes")), "fromhex")!
        let arg = tuple([str("de ad be ef")])
        XCTAssertEqual(show(MiniObject_Call(fromhex, arg, nil)), "b'\\xde\\xad\\xbe\\xef'")
        for o in [b, one, bad, fromhex, arg] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testFloatMethods() {
        let f = float(0.75), g = float(2.0), h = float(3.0)
        XCTAssertEqual(call(f, "as_integer_ratio"), "(3, 4)")
        XCTAssertEqual(call(f, "is_integer"), "False")
        XCTAssertEqual(call(g, "is_integer"), "True")
        XCTAssertEqual(call(h, "hex"), "'0x1.8000000000000p+1'")
        let inf = float(.infinity)
        XCTAssertEqual(call(inf, "as_integer_ratio"), "ERROR OverflowError: cannot convert Infinity to integer ratio")
        let big = float(1e300)
        XCTAssertEqual(call(big, "as_integer_ratio"), "(1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160, 1)")
        // repr gives the shortest text that reads back (not always the rounded one).
        let p89 = float(618970019642690137449562112.0)
        XCTAssertEqual(repr(p89), "6.189700196426902e+26")
        for o in [f, g, h, inf, big, p89] { Mini_DECREF(o) }
        assertBalanced()
    }
}
