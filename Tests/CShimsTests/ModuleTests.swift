// ModuleTests: modules built from a MiniModuleDef (name, doc, state, functions, ABI check),
// attribute access through the module dict, the MiniModule_Add* helpers, builtin functions
// (calling conventions, their error messages, repr, attributes) and the MiniObject_Call family.
import XCTest
import CShims
import CShimsTestSupport

final class ModuleTests: MiniAPITestCase {
    func makeModule() -> Obj {
        let m = ts_module_create(1)
        XCTAssertNotNil(m, takeError() ?? "")
        return m!
    }

    /// Breaks the module <-> function cycle, then drops the caller's reference.
    func dispose(_ m: Obj) {
        XCTAssertEqual(MiniModule_ClearNamespace(m), 0)
        Mini_DECREF(m)
    }

    func attr(_ o: Obj, _ name: String) -> Obj? { MiniObject_GetAttrString(o, name) }

    func call(_ f: Obj, _ args: [Obj], _ kwargs: [(String, Obj)]? = nil) -> String {
        let t = tuple(consuming: args)
        let kw = kwargs.map { dict(consuming: $0) }
        defer {
            Mini_DECREF(t)
            if let kw { Mini_DECREF(kw) }
        }
        return reprConsuming(MiniObject_Call(f, t, kw))
    }

    func testCreateFromDefinition() {
        let m = makeModule()
        XCTAssertEqual(String(cString: MiniModule_GetName(m)), "tsmod")
        XCTAssertNotNil(MiniModule_GetDef(m))
        XCTAssertNotNil(MiniModule_GetState(m))
        XCTAssertEqual(ts_module_counter(m), 0, "the state starts zeroed")
        XCTAssertEqual(repr(m), "<module 'tsmod'>")
        XCTAssertEqual(reprConsuming(attr(m, "__name__")), "'tsmod'")
        XCTAssertEqual(reprConsuming(attr(m, "__doc__")), "'A module for the tests.'")
        XCTAssertGreaterThanOrEqual(MiniDict_Size(MiniModule_GetDict(m)), 5)
        XCTAssertEqual(Mini_IS_TYPE(m, ts_module_type()), 1)
        dispose(m)
        assertBalanced()
    }

    func testModuleFunctionsSeeTheirModule() {
        let m = makeModule()
        let calls = attr(m, "calls")!
        XCTAssertEqual(repr(calls), "<built-in function calls>")
        XCTAssertEqual(reprConsuming(MiniObject_CallNoArgs(calls)), "1")
        XCTAssertEqual(reprConsuming(MiniObject_CallObject(calls, nil)), "2")
        XCTAssertEqual(ts_module_counter(m), 2)
        XCTAssertEqual(reprConsuming(attr(calls, "__name__")), "'calls'")
        XCTAssertEqual(reprConsuming(attr(calls, "__doc__")), "'calls() -> number of calls so far'")
        XCTAssertEqual(reprConsuming(attr(calls, "__module__")), "'tsmod'")
        let selfObj = attr(calls, "__self__")!
        XCTAssertEqual(selfObj, m)
        Mini_DECREF(selfObj)
        Mini_DECREF(calls)
        dispose(m)
        assertBalanced()
    }

    func testCallingConventionsAndTheirErrors() {
        let m = makeModule()
        let calls = attr(m, "calls")!, echo = attr(m, "echo")!, args = attr(m, "args")!
        let kw = attr(m, "kw")!, bad = attr(m, "badflags")!
        XCTAssertEqual(call(calls, [int(1)]), "ERROR TypeError: tsmod.calls() takes no arguments (1 given)")
        XCTAssertEqual(call(calls, [], [("x", int(1))]), "ERROR TypeError: tsmod.calls() takes no keyword arguments")
        XCTAssertEqual(call(echo, [str("hi")]), "'hi'")
        XCTAssertEqual(reprConsuming(MiniObject_CallOneArg(echo, Mini_GetNone())), "None")
        XCTAssertEqual(call(echo, [int(1), int(2)]), "ERROR TypeError: tsmod.echo() takes exactly one argument (2 given)")
        XCTAssertEqual(call(echo, []), "ERROR TypeError: tsmod.echo() takes exactly one argument (0 given)")
        XCTAssertEqual(call(echo, [int(1)], [("x", int(1))]), "ERROR TypeError: tsmod.echo() takes no keyword arguments")
        XCTAssertEqual(call(args, [int(1), str("a")]), "(1, 'a')")
        XCTAssertEqual(call(args, []), "()")
        XCTAssertEqual(call(args, [], [("x", int(1))]), "ERROR TypeError: tsmod.args() takes no keyword arguments")
        XCTAssertEqual(call(kw, [int(1)]), "(1, 0, '')")
        XCTAssertEqual(call(kw, [int(1), int(2)], [("c", str("z"))]), "(1, 2, 'z')")
        XCTAssertEqual(call(kw, [], [("a", int(4)), ("b", int(5))]), "(4, 5, '')")
        XCTAssertEqual(call(kw, [int(1), int(2), int(3)]), "ERROR TypeError: kw() takes at most 2 positional arguments (3 given)")
        XCTAssertEqual(call(kw, [], [("b", int(2))]), "ERROR TypeError: kw() missing required argument 'a' (pos 1)")
        XCTAssertEqual(call(kw, [int(1)], [("d", int(2))]), "ERROR TypeError: 'd' is an invalid keyword argument for kw()")
        XCTAssertTrue(call(bad, []).hasPrefix("ERROR SystemError: tsmod.badflags() method: bad call flags"))
        [calls, echo, args, kw, bad].forEach { Mini_DECREF($0) }
        dispose(m)
        assertBalanced()
    }

    func testStandaloneFunctions() {
        let f = ts_function("f", nil)!, g = ts_function("g", nil)!, h = ts_function("h", nil)!
        XCTAssertEqual(repr(f), "<built-in function f>")
        XCTAssertEqual(call(f, [int(1)]), "ERROR TypeError: f() takes no arguments (1 given)")
        XCTAssertEqual(call(g, [int(1), int(2)]), "ERROR TypeError: g() takes exactly one argument (2 given)")
        XCTAssertEqual(call(h, [], [("k", int(1))]), "ERROR TypeError: h() takes no keyword arguments")
        XCTAssertEqual(reprConsuming(attr(g, "__doc__")), "'g(x) -> x'")
        XCTAssertEqual(reprConsuming(attr(f, "__doc__")), "None")
        XCTAssertEqual(reprConsuming(attr(f, "__self__")), "None")
        XCTAssertEqual(reprConsuming(ts_call_function_objargs(h, nil, nil)), "()")
        let one = int(1), two = int(2)
        XCTAssertEqual(reprConsuming(ts_call_function_objargs(h, one, two)), "(1, 2)")
        XCTAssertEqual(reprConsuming(ts_call_function_objargs(g, one, nil)), "1")
        Mini_DECREF(one)
        Mini_DECREF(two)
        [f, g, h].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    func testMethodBoundToAnInstance() {
        let m = MiniMatrix_New(1, 2)!
        let tolist = attr(m, "tolist")!
        XCTAssertEqual(Mini_IS_TYPE(tolist, ts_cfunction_type()), 1)
        let r = repr(tolist)
        XCTAssertTrue(r.hasPrefix("<built-in method tolist of matrix object at 0x"), r)
        XCTAssertTrue(r.hasSuffix(">"), r)
        XCTAssertEqual(reprConsuming(attr(tolist, "__qualname__")), "'matrix.tolist'")
        XCTAssertEqual(call(tolist, []), "[[0.0, 0.0]]")
        XCTAssertEqual(call(tolist, [int(1)]), "ERROR TypeError: matrix.tolist() takes no arguments (1 given)")
        XCTAssertEqual(reprConsuming(ts_call_method_objargs(m, "tolist", nil)), "[[0.0, 0.0]]")
        XCTAssertEqual(reprConsuming(ts_call_method_objargs(m, "nope", nil)),
                       "ERROR AttributeError: 'matrix' object has no attribute 'nope'")
        Mini_DECREF(tolist)
        Mini_DECREF(m)
        assertBalanced()
    }

    func testCallChecksCallableAndResultContract() {
        let five = int(5)
        XCTAssertEqual(reprConsuming(MiniObject_CallNoArgs(five)), "ERROR TypeError: 'int' object is not callable")
        XCTAssertEqual(reprConsuming(MiniObject_CallOneArg(five, five)), "ERROR TypeError: 'int' object is not callable")
        let h = ts_function("h", nil)!
        XCTAssertEqual(reprConsuming(MiniObject_Call(h, five, nil)), "ERROR TypeError: argument list must be a tuple")
        XCTAssertEqual(reprConsuming(MiniObject_CallObject(h, five)), "ERROR TypeError: argument list must be a tuple")
        let noErr = ts_function("null_noerr", nil)!
        XCTAssertEqual(reprConsuming(MiniObject_CallNoArgs(noErr)),
                       "ERROR SystemError: <built-in function null_noerr> returned NULL without setting an exception")
        let withErr = ts_function("result_with_error", nil)!
        XCTAssertEqual(reprConsuming(MiniObject_CallNoArgs(withErr)),
                       "ERROR SystemError: <built-in function result_with_error> returned a result with an exception set")
        [five, h, noErr, withErr].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    func testAttributesGoThroughTheDict() {
        let m = makeModule()
        XCTAssertNil(attr(m, "nope"))
        XCTAssertEqual(takeError(), "AttributeError: module 'tsmod' has no attribute 'nope'")
        let v = int(7)
        XCTAssertEqual(MiniObject_SetAttrString(m, "x", v), 0)
        XCTAssertEqual(MiniDict_GetItemString(MiniModule_GetDict(m), "x"), v)
        XCTAssertEqual(reprConsuming(attr(m, "x")), "7")
        XCTAssertEqual(MiniObject_SetAttrString(m, "x", nil), 0)
        XCTAssertNil(attr(m, "x"))
        XCTAssertEqual(takeError(), "AttributeError: module 'tsmod' has no attribute 'x'")
        XCTAssertEqual(MiniObject_SetAttrString(m, "x", nil), -1)
        XCTAssertEqual(takeError(), "AttributeError: module 'tsmod' has no attribute 'x'")
        let d = attr(m, "__dict__")!
        XCTAssertEqual(d, MiniModule_GetDict(m))
        Mini_DECREF(d)
        // A module-level __getattr__ answers for missing names (PEP 562).
        let g = ts_function("g", nil)!
        XCTAssertEqual(MiniObject_SetAttrString(m, "__getattr__", g), 0)
        XCTAssertEqual(reprConsuming(attr(m, "dynamic")), "'dynamic'")
        Mini_DECREF(g)
        Mini_DECREF(v)
        dispose(m)
        assertBalanced()
    }

    func testAddHelpers() {
        let m = MiniModule_New("plain")!
        XCTAssertEqual(repr(m), "<module 'plain'>")
        XCTAssertNil(MiniModule_GetDef(m))
        XCTAssertNil(MiniModule_GetState(m))
        XCTAssertNil(MiniErr_Occurred())
        let v = str("value")
        XCTAssertEqual(MiniModule_AddObjectRef(m, "ref", v), 0)
        XCTAssertEqual(Mini_REFCNT(v), 2, "AddObjectRef does not steal")
        Mini_INCREF(v)
        XCTAssertEqual(MiniModule_AddObject(m, "stolen", v), 0)
        XCTAssertEqual(Mini_REFCNT(v), 3, "AddObject steals on success")
        XCTAssertEqual(MiniModule_AddIntConstant(m, "ANSWER", 42), 0)
        XCTAssertEqual(MiniModule_AddStringConstant(m, "NAME", "plain"), 0)
        XCTAssertEqual(MiniModule_AddType(m, ts_matrix_type()), 0)
        XCTAssertEqual(reprConsuming(attr(m, "ANSWER")), "42")
        XCTAssertEqual(reprConsuming(attr(m, "NAME")), "'plain'")
        let t = attr(m, "matrix")!
        XCTAssertEqual(UnsafeMutableRawPointer(t), UnsafeMutableRawPointer(ts_matrix_type()))
        Mini_DECREF(t)
        // NULL value: passes on the pending exception, or raises SystemError when there is none.
        XCTAssertEqual(MiniModule_AddObjectRef(m, "x", nil), -1)
        XCTAssertEqual(takeError(), "SystemError: MiniModule_AddObjectRef() must be called with an exception raised if value is NULL")
        MiniErr_SetString(MiniExc_ValueError, "pending")
        XCTAssertEqual(MiniModule_AddObject(m, "x", nil), -1)
        XCTAssertEqual(takeError(), "ValueError: pending")
        // Not a module.
        XCTAssertEqual(MiniModule_AddObjectRef(v, "x", v), -1)
        XCTAssertEqual(takeError(), "TypeError: MiniModule_AddObjectRef() argument must be a module, not 'str'")
        XCTAssertNil(MiniModule_GetDict(v))
        XCTAssertEqual(takeError(), "TypeError: MiniModule_GetDict() argument must be a module, not 'str'")
        XCTAssertNil(MiniModule_GetName(v))
        XCTAssertEqual(takeError(), "TypeError: MiniModule_GetName() argument must be a module, not 'str'")
        Mini_DECREF(v)
        XCTAssertEqual(Mini_REFCNT(v), 2, "the module's two entries")
        Mini_DECREF(m)  // no functions, no cycle: the module and its values go
        assertBalanced()
    }

    func testAddFunctionsAndTheCycleBreaker() {
        let live = Mini_LiveObjects()
        let m = makeModule()
        XCTAssertGreaterThan(Mini_REFCNT(m), 1, "module functions hold their module")
        XCTAssertEqual(MiniModule_ClearNamespace(m), 0)
        XCTAssertEqual(Mini_REFCNT(m), 1)
        XCTAssertEqual(String(cString: MiniModule_GetName(m)), "tsmod", "the name survives clearing")
        XCTAssertEqual(reprConsuming(attr(m, "calls")), "None")
        Mini_DECREF(m)
        XCTAssertEqual(Mini_LiveObjects(), live)
        assertBalanced()
    }

    func testCallMethodWithArgumentsAndMisuse() {
        let m = makeModule()
        let x = str("x")
        XCTAssertEqual(reprConsuming(ts_call_method_objargs(m, "echo", x)), "'x'")
        XCTAssertEqual(reprConsuming(ts_call_method_objargs(m, "args", x)), "('x',)")
        XCTAssertNil(MiniModule_GetState(x))
        XCTAssertEqual(takeError(), "TypeError: MiniModule_GetState() argument must be a module, not 'str'")
        XCTAssertNil(MiniModule_GetDef(x))
        XCTAssertEqual(takeError(), "TypeError: MiniModule_GetDef() argument must be a module, not 'str'")
        XCTAssertNil(MiniCFunction_NewEx(nil, nil, nil))
        XCTAssertTrue((takeError() ?? "").hasPrefix("SystemError: "))
        Mini_DECREF(x)
        dispose(m)
        assertBalanced()
    }

    func testABIMismatchIsAnImportError() {
        XCTAssertNil(ts_module_create(0))
        XCTAssertEqual(takeError(), "ImportError: module 'tsmod7' was compiled for Mini ABI 7, this runtime is ABI 2")
        assertBalanced()
    }
}
