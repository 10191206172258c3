// RegexCrashProofTests.swift: the regular-expression engine (Sources/MiniVM/Modules/re_*.c)
// never takes the process down, whatever the pattern or the input.
//
// Its matcher keeps every choice point on a heap stack, so inputs of any length cost heap and
// time, never C stack: a million-iteration loop over a capturing group matches. Patterns that
// backtrack exponentially on a failing input (the textbook (a*)*b, (x+x+)+y) finish on short
// inputs and, on long ones, are ended by Ctrl-C (the matcher polls the eval breaker), exit status
// 130 as python3. Nesting in the pattern is bounded: 200 levels compile, deeper ones are a clear
// re.error instead of a parser recursing off the stack. Expected results are CPython 3.11's (the
// match spans); the error text for deep nesting is the kit's own (CPython has no such limit).
// Every in-process script leaves live objects and the reference total at their baseline.
import Foundation
import XCTest
@testable import MiniPy

final class RegexCrashProofTests: LibScriptTestCase {
    func testExponentialPatternsFinishOnShortInputs() {
        expect("""
        import re
        print(re.match('(a*)*b', 'a' * 12), re.match('(x+x+)+y', 'x' * 12), re.match('(a|aa)*c', 'a' * 16))
        print(re.search('(a+)+$', 'a' * 12 + '!'), re.match('(?:a*)*', 'a' * 1000).span())
        print(re.match('(a*)*b', 'a' * 12 + 'b').span(), re.fullmatch('(a|ab)*', 'ab' * 200).span())

        """, "None None None\nNone (0, 1000)\n(0, 13) (0, 400)\n")
    }

    func testLongInputsUseTheHeapNotTheCStack() {
        expect("""
        import re
        s = 'ab' * 300000 + 'c'
        print(re.match('(a|b)*c', s).span(), re.match('(?:(a)|(b))*c', s).lastindex, len(re.findall('a|b', s[:20000])))
        print(re.match('(?:a|b)*?c', s).span(), re.search('(.)\\\\1', 'x' + 'ab' * 100000 + 'zz').span())
        t = 'x' * 1000000
        print(re.match('.*', t).span(), re.match('(x)*', t).span(1), re.match('(?:x{1,3})+', t).span())
        print(len(re.sub('x+', 'yz', t)), len(re.split('(x)', 'x' * 10000)), re.search('(?<=x)y', t + 'y').span())

        """, "(0, 600001) 2 20000\n(0, 600001) (200001, 200003)\n(0, 1000000) (999999, 1000000) (0, 1000000)\n2 20001 (1000000, 1000001)\n")
    }

    func testDeepNestingIsAnErrorOrWorks() {
        expect("""
        import re
        print(re.match('(?:' * 200 + 'a' + ')' * 200, 'a').span(), re.match('(' * 150 + 'a' + ')' * 150, 'a').lastindex)
        for pattern in ('(' * 100000 + ')' * 100000, '(?:' * 5000, '[' * 100000, '(?=' * 300 + ')' * 300):
            try:
                re.compile(pattern)
                print('compiled')
            except re.error as e:
                print(str(e)[:60])
        print(len(re.compile('|'.join(['a%d' % i for i in range(20000)])).pattern), re.match('x{65535}', 'x' * 65535).end())

        """, """
        (0, 1) 1
        too many nested parentheses (more than 200) at position 200
        too many nested parentheses (more than 200) at position 600
        unterminated character set at position 0
        too many nested parentheses (more than 200) at position 600
        128889 65535

        """)
    }
}

/// A runaway match in a child `extdemo run`, ended by SIGINT.
final class RegexInterruptTests: XCTestCase {
    func testCtrlCEndsAnExponentialMatch() throws {
        let dir = try ChildProcess.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let program = "import re\nprint('ready', flush=True)\nre.match('(a*)*b', 'a' * 60)\nprint('never')\n"
        try program.write(to: dir.appendingPathComponent("p.py"), atomically: true, encoding: .utf8)
        let r = try ChildProcess.run(["run", "p.py"], directory: dir, timeout: 60, signal: SIGINT, after: "ready", delay: 0.5)
        XCTAssertFalse(r.timedOut, "the match was not interrupted")
        XCTAssertFalse(r.signaled, "died of signal \(r.status): \(r.stderr)")
        XCTAssertEqual(r.status, 130, r.stderr)
        XCTAssertEqual(r.lastErrorLine, "KeyboardInterrupt", r.stderr)
        XCTAssertFalse(r.stdout.contains("never"))
    }
}
