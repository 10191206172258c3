// CompilerTests.swift: the compiler's output seen through the disassembler: the instruction
// sequences for the constructs the VM's speed depends on (superinstructions, fused subscripts,
// in-place stores, backward jumps), the poll points `dis` marks with GIL under each policy, the
// exception table of try blocks, qualified names of nested code, and the SyntaxErrors the
// compiler itself raises.
import XCTest
import CShims
import MiniVM
import MiniKit
@testable import MiniPy

final class CompilerTests: XCTestCase {
    override func setUp() {
        super.setUp()
        Mini_Initialize()
        Mini_SetCheckedMode(1)
        MiniPy.prepare()
    }

    func dis(_ src: String) -> String {
        _ = MiniPy.disassemble(source: src, filename: "t.py")   // interns the names once
        let objects = Mini_LiveObjects()
        let text = MiniPy.disassemble(source: src, filename: "t.py")
        XCTAssertEqual(Mini_LiveObjects(), objects, "the disassembly freed its code objects")
        return text
    }

    /// The rows of a listing as (opcode, argument repr) with their GIL marks, offsets dropped.
    func rows(_ listing: String) -> [String] {
        listing.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let i = fields.firstIndex(where: { $0.allSatisfy { $0.isUppercase || $0 == "_" } && $0.count > 2 && $0 != "GIL" }) else { return nil }
            let gil = fields.contains("GIL") ? "GIL " : ""
            var rest = fields[i...].joined(separator: " ")
            if let p = rest.firstIndex(of: "("), rest.contains("code object") { rest = String(rest[..<p]) }
            return gil + rest
        }
    }

    func testCountdownLoop() {
        let text = dis("def countdown(n):\n    while n > 0:\n        n -= 1\n")
        let body = text.components(separatedBy: "Disassembly of")[1]
        XCTAssertEqual(rows(body), [
            "GIL RESUME 0",
            "LOAD_FAST__LOAD_CONST 4096 (n, 0)",
            "COMPARE_OP 4 (>)",
            "POP_JUMP_IF_FALSE 9 (to 18)",
            "LOAD_FAST__LOAD_CONST 8192 (n, 1)",
            "BINARY_OP_STORE_FAST 17 (n -=)",
            "LOAD_FAST__LOAD_CONST 4096 (n, 0)",
            "COMPARE_OP 4 (>)",
            "GIL POP_JUMP_BACKWARD_IF_TRUE 4 (to 8)",
            "LOAD_CONST 0 (None)",
            "RETURN_VALUE",
        ])
    }

    func testGeneratorExpressionWithFusedSubscripts() {
        let text = dis("def mm(X, k, i, j):\n    return sum(X[i][p] * X[p][j] for p in range(k))\n")
        let genexpr = text.components(separatedBy: "Disassembly of")[2]
        // Fast-local slots: .0, p, then the free variables X, i, j (0x800 marks a cell).
        let x = 2 | 0x800, i = 3 | 0x800, j = 4 | 0x800
        XCTAssertEqual(rows(genexpr), [
            "COPY_FREE_VARS 3",
            "GIL RESUME 0",
            "LOAD_FAST 0 (.0)",
            "FOR_ITER 14 (to 28)",
            "STORE_FAST 1 (p)",
            "BINARY_SUBSCR_VARS \(x | (i << 12)) (X, i)",
            "BINARY_SUBSCR_VAR 1 (p)",
            "BINARY_SUBSCR_VARS \(x | (1 << 12)) (X, p)",
            "BINARY_SUBSCR_VAR \(j) (j)",
            "BINARY_OP 2 (*)",
            "YIELD_VALUE",
            "GIL RESUME 1",
            "POP_TOP",
            "GIL JUMP_BACKWARD 3 (to 6)",
            "LOAD_CONST 0 (None)",
            "RETURN_VALUE",
        ])
        XCTAssertTrue(text.contains("<code object <genexpr>"))
    }

    func testPollMarksFollowThePolicy() {
        defer { MiniVM_SetPollPolicy(MINI_VM_POLL_CALLS_BACKEDGES, 100, 0) }
        let src = "for i in range(3):\n    print(i)\n"
        let marked = rows(dis(src)).filter { $0.hasPrefix("GIL ") }
        XCTAssertEqual(marked, ["GIL RESUME 0", "GIL CALL 1", "GIL CALL 1", "GIL JUMP_BACKWARD 6 (to 12)"])
        MiniVM_SetPollPolicy(MINI_VM_POLL_EVERY_N, 10, 0)
        let all = rows(dis(src))
        XCTAssertTrue(all.allSatisfy { $0.hasPrefix("GIL ") })
        MiniVM_SetPollPolicy(MINI_VM_POLL_NEVER, 10, 0)
        XCTAssertTrue(rows(dis(src)).allSatisfy { !$0.hasPrefix("GIL ") })
    }

    func testTryExceptHasAnExceptionTable() {
        let text = dis("try:\n    x = 1\nexcept ValueError as e:\n    x = 2\nfinally:\n    x = 3\n")
        XCTAssertTrue(text.contains("ExceptionTable:"))
        XCTAssertTrue(text.contains("PUSH_EXC_INFO"))
        XCTAssertTrue(text.contains("CHECK_EXC_MATCH"))
        XCTAssertTrue(text.contains("RERAISE"))
        XCTAssertTrue(text.contains(" lasti"))
    }

    func testQualifiedNamesOfNestedCode() {
        let text = dis("class A:\n    def m(self):\n        def inner():\n            return [x for x in ()]\n        return inner\n")
        XCTAssertTrue(text.contains("<code object A at"))
        XCTAssertTrue(text.contains("<code object m at"))
        let r = MiniPy.runSource("""
        class A:
            def m(self):
                def inner():
                    return [lambda: 0 for x in (1,)]
                return inner
        f = A().m()
        print(A.m.__qualname__, f.__qualname__, f()[0].__qualname__)
        """)
        XCTAssertEqual(r.stdout, "A.m A.m.<locals>.inner A.m.<locals>.inner.<locals>.<listcomp>.<lambda>\n")
    }

    func testNegativeConstantsAreFolded() {
        XCTAssertTrue(dis("x = -5\ny = (1, -2.5, 'a')\n").contains("LOAD_CONST               0 (-5)"))
    }

    func testCompilerSyntaxErrors() {
        for (src, message, line) in [
            ("def f():\n    def g():\n        nonlocal x\n        x = 1\n", "no binding for nonlocal 'x' found", 3),
        ] {
            do {
                _ = try Compiler.compile(source: src, filename: "t.py")
                XCTFail("compiled: \(src)")
            } catch let e as SyntaxError {
                XCTAssertEqual(e.message, message)
                XCTAssertEqual(e.line, line)
            } catch {
                XCTFail("\(error)")
            }
        }
        let r = MiniPy.runSource("def f():\n    nonlocal q\n", filename: "t.py")
        XCTAssertEqual(r.exitCode, 1)
        XCTAssertTrue(r.stderr.hasSuffix("SyntaxError: nonlocal declaration not allowed at module level\n") ||
                      r.stderr.hasSuffix("SyntaxError: no binding for nonlocal 'q' found\n"), r.stderr)
    }

    /// Every construct compiles to consistent stack depths (the assembler checks them).
    func testEveryConstructAssembles() throws {
        let src = """
        import helper_does_not_need_to_exist_at_compile_time as h
        from m import a, b as c
        x: int = 1
        del x
        class K(object):
            attr = 1
            def __init__(self, *a, k=1, **kw):
                super().__init__()
                self.v = [i for i in a if i] + list({j: j for j in kw}) + [*a]
            def g(self):
                yield from range(3)
                v = yield 1
                return v
        def f(a, /, b=2, *args, c, d=4, **kw):
            global G
            G = lambda z=1: z + a
            try:
                with open(a) as fh, open(b):
                    for line in fh:
                        if not line or line is None and a in b:
                            continue
                        elif line > 3 > 2:
                            break
                    else:
                        pass
            except (ValueError, TypeError) as e:
                raise RuntimeError("x") from e
            except Exception:
                raise
            else:
                return f"{a!r:>{b}} {c}"
            finally:
                while a:
                    a -= 1
                    if a == 3:
                        return
            assert a, "msg"
            n = a if b else c
            a[1:2], (b, *c), d.e = 1, [2, 3], 4
            a[::2] += 1
            d.e -= 1
            return {**kw}, {1, *args}, f(*args, **kw), n
        """
        let code = try Compiler.compile(source: src, filename: "t.py")
        Mini_DECREF(code)
    }
}
