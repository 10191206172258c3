// PurePicklePythonTests.swift: the pure-Python pickle (Lib/_pypickle.py, reached as pickle._Pickler,
// _Unpickler, _dumps, _loads, and as pickle.Pickler/dumps... when _pickle is blocked) against CPython.
//
// Fixtures/pickle/cpython_pure.txt holds the bytes CPython 3.11's pure-Python pickler writes for the
// ~45 values of the C pickler's fixtures (cpython.txt) under protocols 4 and 5 (recorded once by
// `python3 Scripts/record_pickle_fixtures.py --pure`): pickle._dumps must write the same bytes and
// pickle._loads read them back. They equal cpython.txt's except at 12 batch edges, where CPython's
// own two picklers differ (its C one writes MARK x APPENDS for a last batch of one item). Fixtures/pickle/pure_python.py prints the bytes of every built-in type, instances, globals,
// batches and large frames at protocols 0-5, and the errors; pure_python.expected is its output
// under CPython 3.11. The last test blocks _pickle the way pyperformance's pickle_pure_python does
// (sys.modules['_pickle'] = None) and checks that pickle then serves the pure-Python classes (its
// expected output is CPython's for the same script). Every run leaves live objects and the
// reference total where they were (LibScriptTestCase.run runs twice and compares).
import Foundation
import XCTest
import CShims
@testable import MiniPy

final class PurePicklePythonTests: LibScriptTestCase {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/pickle")

    func testPureBytesEqualCPythonsForEveryFixture() throws {
        let r = run(try PickleTests.fixtureRoundTrip("cpython_pure.txt", dumps: "pickle._dumps", loads: "pickle._loads"))
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.stdout, "0\n", "cases differing from CPython:\n\(r.stdout)")
    }

    /// Protocols 0-5 byte for byte, round trips, the classes on files, the errors:
    /// pure_python.py's output under CPython 3.11 is pure_python.expected (recorded once:
    /// `cd Fixtures/pickle && python3 pure_python.py > pure_python.expected`).
    func testProtocolsZeroToFiveMatchCPython() throws {
        let source = try String(contentsOf: Self.dir.appendingPathComponent("pure_python.py"), encoding: .utf8)
        let expected = try String(contentsOf: Self.dir.appendingPathComponent("pure_python.expected"), encoding: .utf8)
        let r = run(source)
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.stdout, expected)
    }

    /// pickle.dumps/loads (the C module) hand protocols 0-3, protocol 0-2 pickles and the built-in
    /// types it has no rule for (exceptions, range, slice, complex, bytearray) to the pure-Python
    /// pickler, and write namedtuples with NEWOBJ and their fields: builtins_and_protocols.py's
    /// output under CPython 3.11 is builtins_and_protocols.expected (recorded once).
    func testBuiltinsAndOldProtocolsMatchCPython() throws {
        let source = try String(contentsOf: Self.dir.appendingPathComponent("builtins_and_protocols.py"), encoding: .utf8)
        let expected = try String(contentsOf: Self.dir.appendingPathComponent("builtins_and_protocols.expected"), encoding: .utf8)
        let r = run(source)
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.stdout, expected)
    }

    /// sys.modules['_pickle'] = None blocks the import (CPython's ModuleNotFoundError) and pickle
    /// then takes the pure-Python classes (Pickler.__module__ == 'pickle', the check pyperformance's
    /// pickle_pure_python makes); with _pickle back, pickle is the C module's again. `import
    /// builtins` gives the interpreter's builtins.
    func testBlockedAcceleratorGivesThePurePythonModule() {
        expect("""
        import sys
        saved_c = sys.modules.get('_pickle')
        saved_p = sys.modules.pop('pickle', None)
        sys.modules['_pickle'] = None
        try:
            import _pickle
        except ImportError as e:
            print(type(e).__name__, e, e.name)
        import pickle
        print(pickle.Pickler.__module__, pickle.Unpickler.__module__, pickle.dumps.__name__, pickle.PicklingError.__module__)
        print(pickle.dumps([1, 'a', (2.5, None)], 4).hex(), pickle.loads(pickle.dumps({'k': [1]}, 2)))
        print(pickle.HIGHEST_PROTOCOL, pickle.DEFAULT_PROTOCOL, pickle.MARK, pickle.encode_long(-129))
        try:
            pickle.dumps(lambda: 0)
        except pickle.PicklingError as e:
            print('PicklingError')
        del sys.modules['pickle']
        if saved_c is None:
            del sys.modules['_pickle']
        else:
            sys.modules['_pickle'] = saved_c
        if saved_p is not None:
            sys.modules['pickle'] = saved_p
        import pickle
        print(pickle.Pickler.__module__, pickle._Pickler.__module__, pickle.dumps([1, 'a', (2.5, None)], 4).hex())
        try:
            pickle.no_such_name
        except AttributeError as e:
            print(e)
        import builtins
        print(builtins.len is len, builtins.__name__)

        """, """
        ModuleNotFoundError import of _pickle halted; None in sys.modules _pickle
        pickle pickle _dumps pickle
        80049517000000000000005d94284b018c0161944740040000000000004e8694652e {'k': [1]}
        5 4 b'(' b'\\x7f\\xff'
        PicklingError
        _pickle pickle 80049517000000000000005d94284b018c0161944740040000000000004e8694652e
        module 'pickle' has no attribute 'no_such_name'
        True builtins

        """)
    }
}
