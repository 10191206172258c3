// LangFeatureTests.swift: the language features of issue 10 part A (coroutines and async/await,
// async generators, async for/with and comprehensions, match statements, complex numbers) seen
// from Python programs a user would write.
//
// Each program is Tests/MiniPyTests/Fixtures/lang/NAME.py; what CPython 3.11 printed for it was
// recorded once (Scripts/record_lang_fixtures.sh) into NAME.expected, NAME.stderr (when it wrote
// to stderr, file names relative to that directory) and NAME.exit (when it did not exit 0). The
// test runs the program through MiniPy.runSource as "NAME.py", twice, and wants the same output,
// stderr and status, and every object and reference back after the second run. Smaller cases
// (syntax errors CPython reports for these features) are inline below.
import Foundation
import XCTest
import CShims
import MiniKit
@testable import MiniPy

final class LangFeatureTests: LibScriptTestCase {
    static let fixturesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/lang")

    func read(_ name: String) -> String? {
        try? String(contentsOf: Self.fixturesDir.appendingPathComponent(name), encoding: .utf8)
    }

    /// Runs Fixtures/lang/NAME.py and compares it with what CPython did.
    func checkProgram(_ name: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let src = read(name + ".py"), let expected = read(name + ".expected") else {
            XCTFail("missing fixture \(name).py / \(name).expected", file: file, line: line)
            return
        }
        _ = MiniPy.runSource(src, filename: name + ".py")
        let objects = Mini_LiveObjects(), refs = Mini_TotalRefCount()
        let r = MiniPy.runSource(src, filename: name + ".py")
        XCTAssertEqual(Mini_LiveObjects(), objects, "live objects leaked", file: file, line: line)
        XCTAssertEqual(Mini_TotalRefCount(), refs, "references leaked", file: file, line: line)
        XCTAssertEqual(r.stdout, expected, file: file, line: line)
        XCTAssertEqual(r.stderr, read(name + ".stderr") ?? "", file: file, line: line)
        let status = Int32((read(name + ".exit") ?? "0").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        XCTAssertEqual(r.exitCode, status, file: file, line: line)
    }

    /// src must fail to compile with CPython's message at CPython's line.
    func syntaxError(_ src: String, _ message: String, line errLine: Int, file: StaticString = #filePath, line: UInt = #line) {
        let r = run(src, file: file, line: line)
        XCTAssertEqual(r.exitCode, 1, file: file, line: line)
        XCTAssertTrue(r.stderr.hasSuffix("SyntaxError: \(message)\n"), "stderr: \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.contains("line \(errLine)\n"), "stderr: \(r.stderr)", file: file, line: line)
    }

    func testEveryProgramHasATest() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.fixturesDir.path)
        let programs = Set(files.filter { $0.hasSuffix(".py") }.map { String($0.dropLast(3)) })
        XCTAssertEqual(programs.subtracting(Self.tested).sorted(), [], "programs without a test method")
        XCTAssertEqual(Self.tested.subtracting(programs).sorted(), [], "tests without a program")
    }

    static let tested: Set<String> = ["coroutine_protocol", "async_iteration", "never_awaited", "match_statements",
                                      "match_records", "complex_numbers", "event_loop_tasks",
                                      "stop_iteration_values", "await_edges", "async_generator_steps",
                                      "bigint_muldiv", "async_builtins", "dict_layout", "instance_attrs", "subscr_inline",
                                      "list_bytes_copies", "sum_generators"]

    // ----- coroutines and async -----------------------------------------------------------------

    /// A tiny event loop drives interleaved coroutines (ordering), exceptions thrown in and caught
    /// deep inside, close() and GeneratorExit, StopIteration values, reuse errors.
    func testCoroutineProtocol() { checkProgram("coroutine_protocol") }
    /// Async generators in a pipeline, async for/else/break/continue, async with (suppressing,
    /// propagating, several managers, return inside), asend/athrow/aclose, async comprehensions.
    func testAsyncIteration() { checkProgram("async_iteration") }
    /// Each way an async generator's step ends, through SEND's path without StopIteration
    /// (_MiniAsyncGen_ASendStep): values sent, athrow/aclose, the end, a reused awaitable, an
    /// exception escaping, nested `async for` over a recursive tree.
    func testAsyncGeneratorSteps() { checkProgram("async_generator_steps") }
    /// An asyncio-style loop written in Python (tasks, futures yielding themselves, virtual-time
    /// sleeps, gather, cancellation thrown into nested awaits with finally blocks, async
    /// generators driven by it): the ordering CPython gives.
    func testEventLoopTasks() { checkProgram("event_loop_tasks") }
    /// await inside except/finally (the handled exception survives the suspension), a 120-deep
    /// await chain (deep enough to matter, shallow enough for ASan's larger C frames),
    /// close()/throw() delegated through yield from, an abandoned async generator.
    func testAwaitEdges() { checkProgram("await_edges") }
    /// StopIteration carrying tuples out of generators, coroutines and async generators.
    func testStopIterationValues() { checkProgram("stop_iteration_values") }
    /// aiter()/anext() with and without a default, send/throw/close on anext's awaitable, and
    /// CPython 3.11's TypeErrors for objects that are not async iterators or iterables.
    func testAsyncBuiltins() { checkProgram("async_builtins") }
    /// "RuntimeWarning: coroutine '...' was never awaited" on stderr, with the source line.
    func testNeverAwaitedWarning() { checkProgram("never_awaited") }

    func testYieldFromACoroutineIsRefused() {
        let r = run("async def c():\n    return 1\ndef g():\n    yield from c()\ntry:\n    list(g())\n"
                    + "except TypeError as e:\n    print('TypeError:', e)\n")
        XCTAssertEqual(r.stdout, "TypeError: cannot 'yield from' a coroutine object in a non-coroutine generator\n")
        XCTAssertTrue(r.stderr.contains("RuntimeWarning: coroutine 'c' was never awaited"), r.stderr)
    }

    func testAsyncSyntaxErrors() {
        syntaxError("await x\n", "'await' outside function", line: 1)
        syntaxError("def f():\n    await x\n", "'await' outside async function", line: 2)
        syntaxError("async for x in y: pass\n", "'async for' outside async function", line: 1)
        syntaxError("def f():\n    async with a: pass\n", "'async with' outside async function", line: 2)
        syntaxError("async def f():\n    yield from x\n", "'yield from' inside async function", line: 2)
        syntaxError("async def f():\n    yield 1\n    return 2\n", "'return' with value in async generator", line: 3)
        syntaxError("def f():\n    return [x async for x in y]\n",
                    "asynchronous comprehension outside of an asynchronous function", line: 2)
        syntaxError("def f():\n    return [await x for x in y]\n",
                    "asynchronous comprehension outside of an asynchronous function", line: 2)
        syntaxError("async def f():\n    return lambda: await x\n", "'await' outside async function", line: 2)
        syntaxError("async def f():\n  class C:\n    await x\n", "'await' outside function", line: 3)
    }

    // ----- match statements -------------------------------------------------------------------

    /// Every kind of pattern (literal, capture, wildcard, value, sequence with star, mapping with
    /// **rest, class with positional and keyword sub-patterns, or, as, guards), the soft keywords
    /// used as names, CPython's run-time TypeErrors of class patterns.
    func testMatchStatements() { checkProgram("match_statements") }
    /// Programs in the usual style: an expression evaluator over small classes, an event
    /// dispatcher over dicts and tuples, type-based classification, dotted value patterns.
    func testMatchRecords() { checkProgram("match_records") }

    func testMatchSyntaxErrors() {
        syntaxError("match x:\n    case y:\n        pass\n    case 1:\n        pass\n",
                    "name capture 'y' makes remaining patterns unreachable", line: 2)
        syntaxError("match x:\n    case _:\n        pass\n    case 1:\n        pass\n",
                    "wildcard makes remaining patterns unreachable", line: 2)
        syntaxError("match x:\n    case a | 2:\n        pass\n", "name capture 'a' makes remaining patterns unreachable", line: 2)
        syntaxError("match x:\n    case [a, a]:\n        pass\n", "multiple assignments to name 'a' in pattern", line: 2)
        syntaxError("match x:\n    case [a] | [b]:\n        pass\n", "alternative patterns bind different names", line: 2)
        syntaxError("match x:\n    case [*a, *b]:\n        pass\n", "multiple starred names in sequence pattern", line: 2)
        syntaxError("match x:\n    case {\"a\": 1, \"a\": 2}:\n        pass\n", "mapping pattern checks duplicate key ('a')", line: 2)
        syntaxError("match x:\n    case C(a=1, a=2):\n        pass\n", "attribute name repeated in class pattern: a", line: 2)
        syntaxError("match x:\n    case C(a=1, 2):\n        pass\n", "positional patterns follow keyword patterns", line: 2)
        syntaxError("match x:\n    case y as _:\n        pass\n", "cannot use '_' as a target", line: 2)
        syntaxError("match x:\n    case f\"x\":\n        pass\n", "patterns may only match literals and attribute lookups", line: 2)
        syntaxError("match x:\n    case 1 + 2:\n        pass\n", "imaginary number required in complex literal", line: 2)
    }

    func testMatchParses() {
        let m = try? Parser.parseModule("match p:\n    case Point(0, y=[1, *r]) | {'k': v, **kw} as q if q:\n        pass\n")
        XCTAssertEqual(m?.dump(), "(Match p (case (as (| (ClassP Point 0 (kw y (SeqP 1 (* r)))) (MapP ('k' v) (** kw))) q) "
                       + "(if q) [(Pass)]))")
    }

    // ----- complex numbers ----------------------------------------------------------------------

    /// Literals, complex(), arithmetic mixed with int and float, abs/conjugate/real/imag, repr
    /// with signed zeros, nan and inf, hashing equal to int/float, CPython's errors, complex
    /// literal patterns, a negative base to a fractional power giving a complex, format specs.
    func testComplexNumbers() { checkProgram("complex_numbers") }
    /// Big-int products with either operand the short one and floor division over every sign
    /// combination (one-digit and many-digit quotients), as CPython computes them.
    func testBigIntMultiplyDivide() { checkProgram("bigint_muldiv") }

    /// Dicts growing through every index width of the one-block table (dictobject.c), with holes,
    /// popitem, clear and a key whose __eq__ empties the dict mid-lookup.
    func testDictLayout() { checkProgram("dict_layout") }

    /// Warm instance-attribute sites de-optimise to the unspecialised result: attributes added and
    /// deleted later, __dict__ read, replaced and mutated, vars(), __slots__, class attributes
    /// shadowing, a property and __getattr__ added to the class later, polymorphic sites.
    func testInstanceAttributeDeoptimisation() { checkProgram("instance_attrs") }

    /// x[k] / x[k] = v on a class with Python __getitem__ / __setitem__, run in the loop's own
    /// activation, print what a call through the slot prints (replaced, deleted, subclassed,
    /// raising, recursing, not eligible).
    func testSubscriptDunderRunInPlace() { checkProgram("subscr_inline") }

    /// sum() of a generator run in the loop's own activation (ints, floats, mixes, overflow, values
    /// of other types, errors and StopIteration inside, shadowed sum, nesting, RecursionError).
    func testSumOfGenerators() { checkProgram("sum_generators") }

    /// The same programs in the extdemo binary: free-threaded (EXTDEMO_GIL=0, checked mode, the
    /// tables read by the caches without a critical section) and in GIL mode with checked mode off
    /// (EXTDEMO_CHECK=0: the allocator's pools and free lists in use).
    func testDictAndInstanceProgramsFreeThreadedAndUnchecked() throws {
        for name in ["dict_layout", "instance_attrs", "subscr_inline", "sum_generators"] {
            guard let src = read(name + ".py"), let expected = read(name + ".expected") else {
                XCTFail("missing fixture \(name)")
                continue
            }
            for env in [["EXTDEMO_GIL": "0"], ["EXTDEMO_CHECK": "0"]] {
                let r = try ChildProcess.runScript(src, name: name + ".py", environment: env)
                XCTAssertEqual(r.status, 0, "\(name) \(env): \(r.stderr)")
                XCTAssertEqual(r.stdout, expected, "\(name) \(env)")
                XCTAssertEqual(r.stderr, "", "\(name) \(env)")
            }
        }
    }

    func testComplexFromC() {
        let z = MiniComplex_FromDoubles(1.5, -2)!
        XCTAssertEqual(MiniComplex_RealAsDouble(z), 1.5)
        XCTAssertEqual(MiniComplex_ImagAsDouble(z), -2)
        let c = MiniComplex_AsCComplex(z)
        XCTAssertEqual(c.real, 1.5)
        XCTAssertEqual(c.imag, -2)
        Mini_DECREF(z)
        let i = MiniLong_FromLong(7)!
        XCTAssertEqual(MiniComplex_AsCComplex(i).real, 7)
        XCTAssertEqual(MiniComplex_ImagAsDouble(i), 0)
        Mini_DECREF(i)
    }

    // ----- the script path in tracebacks -------------------------------------------------------

    /// `extdemo run sub/main.py` names the script as CPython 3.11 does (the path as given, joined
    /// to the current directory: `./main.py` stays `/cwd/./main.py`) and the modules it imports
    /// by their canonical absolute paths (sys.path[0] is the script's real directory).
    func testTracebacksShowScriptPathsAsCPython() throws {
        let binary = ScriptComparisonTests.binary
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw XCTSkip("no extdemo binary at \(binary)")
        }
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("lang-path-\(getpid())")
        let sub = tmp.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        try "import mod\nmod.f()\n".write(to: sub.appendingPathComponent("main.py"), atomically: true, encoding: .utf8)
        try "def f():\n    1/0\n".write(to: sub.appendingPathComponent("mod.py"), atomically: true, encoding: .utf8)
        let real = URL(fileURLWithPath: tmp.path).resolvingSymlinksInPath().path
        func run(_ script: String, in dir: URL) throws -> String {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = ["run", script]
            p.currentDirectoryURL = dir
            let err = Pipe()
            p.standardError = err
            p.standardOutput = Pipe()
            try p.run()
            let data = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 1)
            return String(decoding: data, as: UTF8.self)
        }
        let cwd = URL(fileURLWithPath: tmp.path)
        var out = try run("sub/main.py", in: cwd)
        XCTAssertTrue(out.contains("File \"\(tmp.path)/sub/main.py\", line 2, in <module>"), out)
        XCTAssertTrue(out.contains("File \"\(real)/sub/mod.py\", line 2, in f"), out)
        out = try run("./main.py", in: sub)
        XCTAssertTrue(out.contains("/sub/./main.py\", line 2, in <module>"), out)
        out = try run("sub/../sub/main.py", in: cwd)
        XCTAssertTrue(out.contains("/sub/../sub/main.py\", line 2, in <module>"), out)
        XCTAssertTrue(out.contains("File \"\(real)/sub/mod.py\", line 2, in f"), out)
        out = try run("\(tmp.path)/sub/main.py", in: cwd)
        XCTAssertTrue(out.contains("File \"\(tmp.path)/sub/main.py\", line 2, in <module>"), out)
    }

    /// list + list in one allocation, slices and slice assignment (pyflate's move-to-front), the
    /// shared one-byte bytes, pickle's APPENDS straight into a list, sorts of compact ints on their
    /// values (issue 11's library fast paths).
    func testListAndBytesCopies() { checkProgram("list_bytes_copies") }

    func testAsyncParses() {
        let m = try? Parser.parseModule("@d\nasync def f(a):\n    async for x in await g(): pass\n"
                                        + "    async with a as b, c: pass\n    return [y async for y in z]\n")
        XCTAssertEqual(m?.dump(), "(AsyncFunctionDef f (args a) [(AsyncFor x (Await (Call g)) [(Pass)]) "
                       + "(AsyncWith (as a b) c [(Pass)]) (Return (ListComp y (async-for y z)))] (@ d))")
    }
}
