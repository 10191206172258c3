// KnownGapTests.swift: differences from CPython that users' programs ran into, each fixed and
// pinned by a program under Fixtures/trust whose output was recorded once from CPython 3.11
// (`python3 NAME.py > NAME.expected` in that folder): dict.fromkeys on a subclass, repr() and the
// str character classes over all of Unicode (with re's \w, \d, \s), and asyncio's Future/Task
// reprs. Each program runs twice in-process and must leave every object and reference where it was.
import Foundation
import XCTest
import CShims
@testable import MiniPy

final class KnownGapTests: LibScriptTestCase {
    /// D.fromkeys(...) returned a plain dict (the C method was bound to dict); now a class method.
    func testDictSubclassFromkeysBuildsTheSubclass() {
        checkFixture("dict_subclass_fromkeys")
    }

    /// repr('\u3000') printed the character (only a handful of code points were escaped), and
    /// isalpha/isprintable/isdigit/isnumeric/isidentifier and re's \w (U+212A KELVIN SIGN) used
    /// approximations of the Unicode database; now generated tables (Scripts/gen_unicode_classes.py).
    func testUnicodeClassesReprAndRegexMatchCPython() {
        checkFixture("unicode_classes")
    }

    /// Future/Task reprs lacked cb=[...], coro=<...>, wait_for=, 'cancelling' and reprlib's
    /// shortening of result=.
    func testAsyncioReprsMatchCPython() {
        checkFixture("asyncio_reprs")
    }

    private func checkFixture(_ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/trust")
        guard let src = try? String(contentsOf: dir.appendingPathComponent(name + ".py"), encoding: .utf8),
              let expected = try? String(contentsOf: dir.appendingPathComponent(name + ".expected"), encoding: .utf8) else {
            XCTFail("missing fixture \(name).py / \(name).expected", file: file, line: line)
            return
        }
        let r = run(src, file: file, line: line)
        XCTAssertEqual(r.stderr, "", file: file, line: line)
        XCTAssertEqual(r.stdout, expected, file: file, line: line)
    }
}
