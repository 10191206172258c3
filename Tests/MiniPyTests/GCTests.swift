// GCTests: the cycle collector, the gc module and the weakref module from Python.
//
// Each program Fixtures/gc/NAME.py prints what CPython 3.11 printed for it (recorded once into
// NAME.expected with python3; the tests never need python3): cycles through every kind of
// container freed by gc.collect(), __del__ in cycles and resurrection (PEP 442), weak references
// (weakref's containers: Fixtures/modules/weakref_basics.py), automatic collection keeping a loop that makes cycles bounded. Each runs
// twice in this process and the second run must leave live objects and the reference total at
// their baseline. The Swift-only tests below check what CPython cannot be asked about: that the
// collector itself (not the end-of-run sweep) brings live objects back to their baseline, and
// the stderr report of an exception raised in __del__.
import Foundation
import XCTest
import CShims
import MiniKit
@testable import MiniPy

final class GCTests: LibScriptTestCase {
    static let fixturesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/gc")

    func checkProgram(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = Self.fixturesDir.appendingPathComponent("\(name).py").path
        let source = try String(contentsOfFile: path, encoding: .utf8)
        let expected = try String(contentsOfFile: Self.fixturesDir.appendingPathComponent("\(name).expected").path,
                                  encoding: .utf8)
        let r = run(source, file: file, line: line)
        XCTAssertEqual(r.stderr, "", "\(name).py wrote to stderr", file: file, line: line)
        XCTAssertEqual(r.exitCode, 0, "\(name).py exit status", file: file, line: line)
        let got = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        if let i = (0..<min(got.count, want.count)).first(where: { got[$0] != want[$0] }) {
            XCTFail("\(name).py differs from CPython at line \(i + 1):\n  expected: \(want[i])\n  got:      \(got[i])",
                    file: file, line: line)
        } else if got.count != want.count {
            XCTFail("\(name).py: expected \(want.count) lines, got \(got.count):\n\(r.stdout)", file: file, line: line)
        }
    }

    func testCyclesOfEveryKindAreCollected() throws { try checkProgram("gc_cycles") }
    func testFinalizersAndResurrection() throws { try checkProgram("gc_finalizers") }
    // weakref's own program, Fixtures/modules/weakref_basics.py, runs with the other frozen
    // modules' programs in FrozenModuleTests.
    func testAutomaticCollectionKeepsLoopsBounded() throws { try checkProgram("gc_automatic") }
    /// gc.is_tracked as CPython 3.11 answers it: tuples untracked by a collection once no item can
    /// be in a cycle (in CPython's order), tracked again when enumerate/zip/dict.items() refill
    /// their result tuple with a container, so a cycle through one is still collected.
    func testIsTrackedAndTupleUntracking() throws { try checkProgram("gc_is_tracked") }

    /// Live objects come back to their baseline through gc.collect() alone, inside the run.
    func testCollectBringsLiveObjectsBackToBaseline() {
        expect("""
        import gc, sys
        class Node:
            pass
        def make():
            a = Node(); b = Node(); a.b = b; b.a = a
            l = [a]; l.append(l)
            d = {'d': None}; d['d'] = d
            def f():
                return a, f
            a.f = f
            def g():
                yield a
            it = g(); next(it); a.it = it
            try:
                1 / 0
            except ZeroDivisionError as e:
                a.e = e
        def measure(fn, n):
            gc.collect()
            base = sys.getallocatedblocks()
            for i in range(n):
                fn()
            grew = sys.getallocatedblocks() - base > 1000
            gc.collect()
            return grew, sys.getallocatedblocks() - base
        gc.disable()
        for i in range(300):   # fills the VM's object caches (freed objects parked there count as live)
            make()
        grew, left = measure(make, 100)
        grew2, left2 = measure(make, 300)
        # What is left does not depend on how many cycles were made (300 instead of 100 calls
        # made about 2,400 more objects): they were all freed. A few objects of slack for the VM's
        # object caches, which keep freed functions and generators counted as live.
        print(grew, grew2, abs(left2 - left) <= 5, left <= 10)
        gc.enable()
        """, "True True True True\n")
    }

    /// With automatic collection on, a loop leaving cycles behind stays bounded in live objects.
    func testAutomaticCollectionBoundsLiveObjects() {
        expect("""
        import gc, sys
        gc.collect()
        base = sys.getallocatedblocks()
        peak = 0
        for i in range(30000):
            l = [i]; l.append(l)
            d = {}; d['self'] = d
            if i % 1000 == 0:
                peak = max(peak, sys.getallocatedblocks() - base)
        print(peak < 10000)
        """, "True\n")
    }

    /// An exception in __del__ is reported on stderr the way CPython reports it, not raised.
    func testExceptionInDelIsReported() {
        let r = run("""
        class Bad:
            def __del__(self):
                1 / 0
        b = Bad()
        del b
        print('after')
        """)
        XCTAssertEqual(r.stdout, "after\n")
        XCTAssertEqual(r.exitCode, 0)
        XCTAssertTrue(r.stderr.hasPrefix("Exception ignored in: <function Bad.__del__ at 0x"), r.stderr)
        XCTAssertTrue(r.stderr.contains("Traceback (most recent call last):"), r.stderr)
        XCTAssertTrue(r.stderr.hasSuffix("ZeroDivisionError: division by zero\n"), r.stderr)
    }

    /// A weakref callback's exception is reported too, and the other callbacks still run.
    func testExceptionInWeakrefCallbackIsReported() {
        let r = run("""
        import weakref
        class A:
            pass
        seen = []
        a = A()
        def bad(wr):
            raise KeyError('cb')
        r1 = weakref.ref(a, lambda wr: seen.append(1))
        r2 = weakref.ref(a, bad)
        del a
        print(seen)
        """)
        XCTAssertEqual(r.stdout, "[1]\n")
        XCTAssertTrue(r.stderr.hasPrefix("Exception ignored in: <function bad at 0x"), r.stderr)
        XCTAssertTrue(r.stderr.hasSuffix("KeyError: 'cb'\n"), r.stderr)
    }
}
