// CAPIDocTests.swift: the generated C API reference (docs/c-api.md, Sources/extdemo/CAPIDoc.swift).
// Fails when a public function in CShims/include has no contract comment, when the committed
// reference differs from what the generator makes of the headers now (run
// Scripts/gen_c_api_doc.sh), and checks the generator's reading of a few contracts whose answer
// is known (new/borrowed/stolen references, the GIL rule, the CPython name).
import XCTest
@testable import extdemo

final class CAPIDocTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func headers() throws -> [(path: String, text: String)] {
        let include = Self.root.appendingPathComponent("CShims/include")
        var files = [(path: "mini.h", text: try String(contentsOf: include.appendingPathComponent("mini.h"), encoding: .utf8))]
        for name in try FileManager.default.contentsOfDirectory(atPath: include.appendingPathComponent("mini").path) where name.hasSuffix(".h") {
            files.append((path: "mini/" + name, text: try String(contentsOf: include.appendingPathComponent("mini/" + name), encoding: .utf8)))
        }
        return files
    }

    private func cpythonNames() throws -> Set<String> {
        CAPIDoc.readNames(try String(contentsOf: Self.root.appendingPathComponent("docs/cpython-3.11-names.txt"), encoding: .utf8))
    }

    func testEveryPublicFunctionHasAContractComment() throws {
        let parsed = CAPIDoc.parse(try headers())
        XCTAssertGreaterThan(parsed.functions.count, 200, "the parser found too few functions")
        let missing = parsed.functions.filter { $0.contract == nil }.map { "\($0.header): \($0.name)" }
        XCTAssertEqual(missing, [], "public functions without a contract comment (add one above the declaration)")
    }

    func testTheCommittedReferenceIsCurrent() throws {
        let generated = CAPIDoc.markdown(CAPIDoc.parse(try headers()), cpythonNames: try cpythonNames())
        let committed = try String(contentsOf: Self.root.appendingPathComponent("docs/c-api.md"), encoding: .utf8)
        XCTAssertTrue(generated == committed, "docs/c-api.md is stale: run Scripts/gen_c_api_doc.sh")
    }

    func testContractsAreReadRight() throws {
        let parsed = CAPIDoc.parse(try headers())
        let names = try cpythonNames()
        func fn(_ name: String) throws -> CAPIFunction { try XCTUnwrap(parsed.functions.first { $0.name == name }, name) }
        XCTAssertEqual(CAPIDoc.reference(try fn("MiniList_New").contract!), "new")
        XCTAssertEqual(CAPIDoc.reference(try fn("MiniList_GetItem").contract!), "borrowed")
        XCTAssertEqual(CAPIDoc.reference(try fn("MiniList_SetItem").contract!), "steals an argument")
        // listobject.h's opening comment says all its functions require the GIL.
        let summary = parsed.headerSummaries.first { $0.0 == "mini/listobject.h" }!.1
        XCTAssertEqual(CAPIDoc.lock(try fn("MiniList_Append").contract!, headerSummary: summary), "GIL held (header rule)")
        XCTAssertEqual(CAPIDoc.lock(try fn("Mini_MonotonicNs").contract!, headerSummary: ""), "no GIL needed")
        XCTAssertEqual(CAPIDoc.cpythonName("MiniList_New", known: names), "PyList_New")
        XCTAssertEqual(CAPIDoc.cpythonName("MINI_METH_VARARGS", known: names), "METH_VARARGS")
        XCTAssertEqual(CAPIDoc.cpythonName("MiniInit_spam", known: names), "PyInit_spam")
        XCTAssertNil(CAPIDoc.cpythonName("MiniGIL_GetStats", known: names))
        // A run of declarations shares the comment above it (MiniList_Sort / MiniList_Reverse).
        XCTAssertEqual(try fn("MiniList_Reverse").contract, try fn("MiniList_Sort").contract)
    }
}
