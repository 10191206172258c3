// BuildValueTests: Mini_BuildValue through the C scenarios of ts_build: every unit, nested
// containers, the one-unit/several-units/empty rules, format errors, and N stealing its
// reference on every path, success or failure.
import XCTest
import CShims
import CShimsTestSupport

final class BuildValueTests: MiniAPITestCase {
    func build(_ scenario: String, _ obj: Obj? = nil) -> String {
        reprConsuming(ts_build(scenario, obj))
    }

    func testScalars() {
        XCTAssertEqual(build("none"), "None")
        XCTAssertEqual(build("spaces"), "None")
        XCTAssertEqual(build("int"), "42")
        XCTAssertEqual(build("ints"),
                       "(-5, 200, -300, 65535, -70000, 4000000000, -5000000000, 6000000000, -7000000000, 8000000000, -9)")
        XCTAssertEqual(build("floats"), "(2.5, 1.25)")
        XCTAssertEqual(build("bools"), "(True, False)")
        assertBalanced()
    }

    func testStringsAndBytes() {
        XCTAssertEqual(build("str"), "'héllo'")
        XCTAssertEqual(build("str_null"), "None")
        XCTAssertEqual(build("str_len"), "'abc'")
        XCTAssertEqual(build("z_null"), "None")
        XCTAssertEqual(build("z_len_null"), "None")
        XCTAssertEqual(build("bytes"), "b'ab'")
        XCTAssertEqual(build("bytes_len"), "b'a\\x00b'")
        XCTAssertEqual(build("char"), "b'x'")
        XCTAssertEqual(build("C"), "'é'")
        XCTAssertEqual(build("C4"), "'😀'")
        assertBalanced()
    }

    func testContainers() {
        XCTAssertEqual(build("tuple"), "(1, 2)")
        XCTAssertEqual(build("tuple1"), "(7,)")
        XCTAssertEqual(build("empty_tuple"), "()")
        XCTAssertEqual(build("list"), "[1, 'a']")
        XCTAssertEqual(build("empty_list"), "[]")
        XCTAssertEqual(build("dict"), "{'a': 1, 'b': 2.5}")
        XCTAssertEqual(build("empty_dict"), "{}")
        XCTAssertEqual(build("nested"), "(1, ['x', {'k': (2, 3)}], ())")
        XCTAssertEqual(build("multi"), "(1, 'a')")
        XCTAssertEqual(build("separators"), "(1, 2, 3, 4)")
        XCTAssertEqual(build("O&"), "'converted'")
        assertBalanced()
    }

    func testObjectUnitsTakeOrStealReferences() {
        let o = MiniList_New(0)!
        XCTAssertEqual(Mini_REFCNT(o), 1)
        let viaO = ts_build("O", o)!
        XCTAssertEqual(viaO, o)
        XCTAssertEqual(Mini_REFCNT(o), 2, "O takes a new reference")
        Mini_DECREF(viaO)
        let viaS = ts_build("S", o)!
        XCTAssertEqual(Mini_REFCNT(o), 2)
        Mini_DECREF(viaS)
        Mini_INCREF(o)  // the reference N will steal
        let viaN = ts_build("N", o)!
        XCTAssertEqual(viaN, o)
        XCTAssertEqual(Mini_REFCNT(o), 2, "N steals the reference it is given")
        Mini_DECREF(viaN)
        Mini_INCREF(o)
        XCTAssertEqual(build("ON", o), "([], [])")
        XCTAssertEqual(Mini_REFCNT(o), 1)
        Mini_DECREF(o)
        assertBalanced()
    }

    func testFormatErrors() {
        XCTAssertEqual(build("bad_char"), "ERROR SystemError: bad format char 'Q' passed to Mini_BuildValue")
        XCTAssertEqual(build("unmatched"), "ERROR SystemError: unmatched paren in format")
        XCTAssertEqual(build("unmatched_close"), "ERROR SystemError: unmatched paren in format")
        XCTAssertEqual(build("mismatched"), "ERROR SystemError: unmatched paren in format")
        XCTAssertEqual(build("null_O"), "ERROR SystemError: NULL object passed to Mini_BuildValue")
        XCTAssertEqual(build("bad_dict"), "ERROR SystemError: Bad dict format")
        XCTAssertEqual(build("bad_C"), "ERROR ValueError: character U+110000 is not in range [U+0000; U+10ffff]")
        assertBalanced()
    }

    func testNIsStolenEvenWhenTheBuildFails() {
        let o = MiniList_New(0)!
        let live = Mini_LiveObjects()
        let expected = [
            "N_then_bad_C": "ERROR ValueError: character U+110000 is not in range [U+0000; U+10ffff]",
            "null_then_N": "ERROR SystemError: NULL object passed to Mini_BuildValue",
            "N_in_failed_dict": "ERROR SystemError: NULL object passed to Mini_BuildValue",
            "N_in_failed_list": "ERROR ValueError: character U+ffffffff is not in range [U+0000; U+10ffff]",
            "N_unmatched": "ERROR SystemError: unmatched paren in format",
            "N_null_then_N": "ERROR SystemError: NULL object passed to Mini_BuildValue",
            "N_then_null": "ERROR SystemError: NULL object passed to Mini_BuildValue",
        ]
        for (scenario, message) in expected.sorted(by: { $0.key < $1.key }) {
            Mini_INCREF(o)  // the reference N steals
            XCTAssertEqual(build(scenario, o), message, scenario)
            XCTAssertEqual(Mini_REFCNT(o), 1, "\(scenario): the N reference must be released")
            XCTAssertEqual(Mini_LiveObjects(), live, scenario)
        }
        Mini_DECREF(o)
        assertBalanced()
    }
}
