// PickleTests.swift: the kit's `pickle` module (CShims/modules/picklemodule.c) against CPython.
//
// Fixtures/pickle/cpython.txt holds CPython 3.11's bytes for ~45 values of every built-in type
// under protocols 4 and 5 (recorded once by Scripts/record_pickle_fixtures.py): the kit must write
// the same bytes and read them back to an equal value. errors_and_globals.py pickles functions,
// classes, an instance and a builtin by reference and prints the errors for unpicklable values
// and malformed data; its CPython output is errors_and_globals.expected; pickler_classes.py does
// the same for the Pickler/Unpickler classes and pyperformance's benchmark objects. Round trips keep shared
// references shared and reach every built-in type. Every run leaves live objects and the
// reference total where they were (LibScriptTestCase.run runs twice and compares).
import Foundation
import XCTest
import CShims
@testable import MiniPy

final class PickleTests: LibScriptTestCase {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/pickle")

    func testBytesEqualCPythonsForEveryFixture() throws {
        let r = run(try Self.fixtureRoundTrip("cpython.txt", dumps: "pickle.dumps", loads: "pickle.loads"))
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.stdout, "0\n", "cases differing from CPython:\n\(r.stdout)")
    }

    /// A program that pickles every value of a fixture table (name, value, protocol, CPython's
    /// bytes in hex; tab-separated) with `dumps`, compares the bytes, loads CPython's bytes with
    /// `loads`, and prints how many cases differ, then each. Shared with PurePicklePythonTests.
    static func fixtureRoundTrip(_ table: String, dumps: String, loads: String) throws -> String {
        let lines = try String(contentsOf: dir.appendingPathComponent(table), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertGreaterThan(lines.count, 80)
        var program = "import pickle\nbad = []\n"
        for f in lines {
            XCTAssertEqual(f.count, 4)
            program += """
            v = \(f[1])
            got = \(dumps)(v, \(f[2])).hex()
            if got != '\(f[3])':
                bad.append(('\(f[0])', 'dumps', got))
            back = \(loads)(bytes.fromhex('\(f[3])'))
            if back != v or type(back) is not type(v):
                bad.append(('\(f[0])', 'loads', repr(back)[:60]))

            """
        }
        return program + "print(len(bad))\nfor b in bad:\n    print(*b)\n"
    }

    func testGlobalsInstancesAndErrorsMatchCPython() throws {
        let source = try String(contentsOf: Self.dir.appendingPathComponent("errors_and_globals.py"), encoding: .utf8)
        let expected = try String(contentsOf: Self.dir.appendingPathComponent("errors_and_globals.expected"), encoding: .utf8)
        let r = run(source)
        XCTAssertEqual(r.stderr, "")
        let got = r.stdout.replacingOccurrences(of: #"at 0x[0-9a-f]+"#, with: "at 0xADDR", options: .regularExpression)
        XCTAssertEqual(got, expected)
    }

    /// pickle.Pickler / pickle.Unpickler (memo across dump()/load(), clear_memo, file positions,
    /// argument errors) and the bytes of pyperformance's pickle benchmark objects (a datetime.date
    /// inside): pickler_classes.py's output under CPython 3.11 is pickler_classes.expected
    /// (recorded once: `cd Fixtures/pickle && python3 pickler_classes.py > pickler_classes.expected`).
    func testPicklerClassesAndBenchmarkObjectsMatchCPython() throws {
        try checkFixture("pickler_classes")
    }

    /// The paths rewritten for speed in session 7 (the pickler's address-keyed memo holding its
    /// objects, exact list/dict/set batches with their edge sizes and size-change errors, the
    /// 64-bit LONG1 encoder; the unpickler's C stack, MEMOIZE indices, APPEND(S) on non-lists,
    /// MARK/underflow errors): memo_batches_errors.py's output under CPython 3.11 is
    /// memo_batches_errors.expected (recorded once: `python3 memo_batches_errors.py > ...expected`).
    func testMemoBatchesAndErrorsMatchCPython() throws {
        try checkFixture("memo_batches_errors")
    }

    /// Runs Fixtures/pickle/NAME.py and compares its output with NAME.expected (recorded from
    /// CPython 3.11); nothing may reach stderr.
    private func checkFixture(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let source = try String(contentsOf: Self.dir.appendingPathComponent(name + ".py"), encoding: .utf8)
        let expected = try String(contentsOf: Self.dir.appendingPathComponent(name + ".expected"), encoding: .utf8)
        let r = run(source)
        XCTAssertEqual(r.stderr, "", file: file, line: line)
        XCTAssertEqual(r.stdout, expected, file: file, line: line)
    }

    func testRoundTripsKeepSharingAndEveryType() {
        expect("""
        import pickle
        class Point:
            def __init__(self, x, y):
                self.x = x
                self.y = y
        def area(p):
            return p.x * p.y
        shared = [1, 2]
        value = {'none': None, 'bools': (True, False), 'ints': [0, -5, 2**64, -(3**100)],
                 'float': 2.5, 'str': 'naïve ☃', 'bytes': b'\\x00\\xff', 'tuple': (shared, shared),
                 'set': {1, 2, 3}, 'frozen': frozenset({'a'}), 'nested': [[[]]], 'point': Point(3, 4),
                 'fn': area, 'cls': Point, 'builtin': len}
        for proto in (4, 5, -1, None):
            back = pickle.loads(pickle.dumps(value, proto))
            t = back['tuple']
            print(back['ints'], back['set'], back['frozen'], back['str'], back['bytes'], t[0] is t[1],
                  back['fn'] is area, back['cls'] is Point, back['builtin'] is len, back['fn'](back['point']),
                  type(back['point']).__name__)
        big = list(range(70000))
        print(pickle.loads(pickle.dumps(big)) == big, pickle.loads(pickle.dumps('z' * 100000)) == 'z' * 100000)
        print(pickle.HIGHEST_PROTOCOL, pickle.DEFAULT_PROTOCOL)
        print([pickle.loads(pickle.dumps([1, 'a'], p)) for p in range(4)])
        for bad in (6, 9):
            try:
                pickle.dumps(1, bad)
            except ValueError as e:
                print('ValueError', e)
        try:
            pickle.loads('text')
        except TypeError as e:
            print('TypeError', e)
        print(issubclass(pickle.PicklingError, pickle.PickleError), issubclass(pickle.UnpicklingError, Exception))
        """, """
        [0, -5, 18446744073709551616, -515377520732011331036461129765621272702107522001] {1, 2, 3} frozenset({'a'}) naïve ☃ b'\\x00\\xff' True True True True 12 Point
        [0, -5, 18446744073709551616, -515377520732011331036461129765621272702107522001] {1, 2, 3} frozenset({'a'}) naïve ☃ b'\\x00\\xff' True True True True 12 Point
        [0, -5, 18446744073709551616, -515377520732011331036461129765621272702107522001] {1, 2, 3} frozenset({'a'}) naïve ☃ b'\\x00\\xff' True True True True 12 Point
        [0, -5, 18446744073709551616, -515377520732011331036461129765621272702107522001] {1, 2, 3} frozenset({'a'}) naïve ☃ b'\\x00\\xff' True True True True 12 Point
        True True
        5 4
        [[1, 'a'], [1, 'a'], [1, 'a'], [1, 'a']]
        ValueError pickle protocol must be <= 5
        ValueError pickle protocol must be <= 5
        TypeError a bytes-like object is required, not 'str'
        True True

        """)
    }

    /// A Pickler/Unpickler used again from inside its own dump()/load() (a __reduce__ or a class
    /// that calls it) gets RuntimeError instead of corrupting the state it is using (a frame
    /// header offset past the end of the buffer); the outer call finishes normally.
    func testNestedDumpAndLoadAreRefused() {
        expect("""
        import io, pickle
        f = io.BytesIO()
        p = pickle.Pickler(f)
        class Nested:
            def __reduce__(self):
                for call in (lambda: p.dump([1, 2]), p.clear_memo):
                    try:
                        call()
                    except RuntimeError as e:
                        print('RuntimeError', e)
                return (int, (5,))
        p.dump([Nested(), 'after'])
        f.seek(0)
        print(pickle.Unpickler(f).load())
        def again():
            try:
                u.load()
            except RuntimeError as e:
                print('RuntimeError', e)
            return 'x'
        class Caller:
            def __reduce__(self):
                return (again, ())
        u = pickle.Unpickler(io.BytesIO(pickle.dumps([Caller(), 'y'])))
        print(u.load())

        """, """
        RuntimeError Pickler.dump() called again while it runs
        RuntimeError Pickler.clear_memo() called while dump() runs
        [5, 'after']
        RuntimeError Unpickler.load() called again while it runs
        ['x', 'y']

        """)
    }

    func testMalformedDataNeverCrashes() {
        // Every prefix of a real pickle, and every single-byte corruption of it, raises or loads.
        let r = run("""
        import pickle
        good = pickle.dumps({'a': [1, (2, 3.5), 'x' * 300, b'y', {4}], 'b': 2**80})
        outcomes = set()
        for i in range(len(good)):
            try:
                pickle.loads(good[:i])
                outcomes.add('loaded')
            except Exception as e:
                outcomes.add(type(e).__name__)
        for i in range(len(good)):
            for byte in (0, 0x28, 0x2e, 0x94, 0xff):
                data = good[:i] + bytes([byte]) + good[i + 1:]
                try:
                    pickle.loads(data)
                except Exception as e:
                    outcomes.add(type(e).__name__)
        print(sorted(outcomes))
        """)
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.exitCode, 0)
        XCTAssertTrue(r.stdout.contains("UnpicklingError"), r.stdout)
        XCTAssertFalse(r.stdout.contains("loaded"), r.stdout)
    }
}
