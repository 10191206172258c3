// ObjectTests: the object core: allocation and reference accounting, the generic object
// protocol (repr/str/hash/compare/truth, attributes, items, iteration), types (MiniType_Ready
// with methods and computed attributes, heap types, subtyping) and the number protocol.
import XCTest
import CShims
import CShimsTestSupport

/// Base class for ObjectTests, TypesTests and ErrorsTests: starts the runtime in checked mode,
/// records the reference totals, and offers small constructors and error capture.
class MiniObjectTestCase: XCTestCase {
    typealias Obj = UnsafeMutablePointer<MiniObject>
    var baseRefs = 0
    var baseLive = 0

    override func setUp() {
        super.setUp()
        Mini_Initialize()
        Mini_SetCheckedMode(1)
        XCTAssertEqual(ots_ready_types(), 0)
        baseRefs = Mini_TotalRefCount()
        baseLive = Mini_LiveObjects()
    }

    /// Every test ends with this: no exception pending, every object and reference given back.
    func assertBalanced(file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNil(MiniErr_Occurred(), "exception left set: \(takeError() ?? "")", file: file, line: line)
        XCTAssertEqual(Mini_LiveObjects(), baseLive, "live objects changed", file: file, line: line)
        XCTAssertEqual(Mini_TotalRefCount(), baseRefs, "total refcount changed", file: file, line: line)
    }

    // ----- constructors (new references) -----
    func str(_ s: String) -> Obj { MiniUnicode_FromString(s)! }
    func int(_ v: Int) -> Obj { MiniLong_FromLong(v)! }
    func float(_ v: Double) -> Obj { MiniFloat_FromDouble(v)! }
    func bytes(_ b: [UInt8]) -> Obj {
        b.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(b.count, 1)) {
                MiniBytes_FromStringAndSize($0, b.count)!
            }
        }
    }
    /// A list holding the items; the items' references are consumed.
    func list(_ items: [Obj]) -> Obj {
        let l = MiniList_New(items.count)!
        for (i, o) in items.enumerated() { XCTAssertEqual(MiniList_SetItem(l, i, o), 0) }
        return l
    }
    /// A tuple holding the items; the items' references are consumed.
    func tuple(_ items: [Obj]) -> Obj {
        let t = MiniTuple_New(items.count)!
        for (i, o) in items.enumerated() { XCTAssertEqual(MiniTuple_SetItem(t, i, o), 0) }
        return t
    }
    var none: Obj { Mini_NewRef(Mini_GetNone()) }
    func type(_ name: String) -> UnsafeMutablePointer<MiniTypeObject> { ots_builtin_type(name)! }
    func asObj(_ t: UnsafeMutablePointer<MiniTypeObject>) -> Obj { Obj(OpaquePointer(t)) }
    func asType(_ o: Obj) -> UnsafeMutablePointer<MiniTypeObject> { UnsafeMutablePointer(OpaquePointer(o)) }

    // ----- inspection -----
    func text(_ s: Obj) -> String { String(cString: MiniUnicode_AsUTF8(s)) }
    /// The NUL-terminated text in a C buffer.
    func cstr(_ buf: [CChar]) -> String { buf.withUnsafeBufferPointer { String(cString: $0.baseAddress!) } }
    /// repr(o) as a Swift string; "ERROR <exc>" if repr failed.
    func repr(_ o: Obj) -> String {
        guard let r = MiniObject_Repr(o) else { return "ERROR " + (takeError() ?? "?") }
        defer { Mini_DECREF(r) }
        return text(r)
    }
    func strOf(_ o: Obj) -> String {
        guard let r = MiniObject_Str(o) else { return "ERROR " + (takeError() ?? "?") }
        defer { Mini_DECREF(r) }
        return text(r)
    }
    /// repr of a result, consuming it; for a NULL result, "ERROR Name: message" (clearing it).
    func show(_ o: Obj?) -> String {
        guard let o = o else { return "ERROR " + (takeError() ?? "<no exception set>") }
        defer { Mini_DECREF(o) }
        return repr(o)
    }
    /// "Name: message" of the pending exception (fetched with MiniErr_Fetch and read with
    /// MiniObject_Str), or nil; the indicator is cleared.
    @discardableResult
    func takeError() -> String? {
        var t: Obj? = nil, v: Obj? = nil, tb: Obj? = nil
        MiniErr_Fetch(&t, &v, &tb)
        defer { Mini_XDECREF(t); Mini_XDECREF(v); Mini_XDECREF(tb) }
        guard let t = t, let v = v else { return nil }
        let name = String(cString: MiniType_Name(asType(t)))
        guard let s = MiniObject_Str(v) else { MiniErr_Clear(); return name + ": <str failed>" }
        defer { Mini_DECREF(s) }
        let msg = text(s)
        return msg.isEmpty ? name : "\(name): \(msg)"
    }
    func longValue(_ o: Obj?) -> Int? {
        guard let o = o else { return nil }
        defer { Mini_DECREF(o) }
        return MiniLong_AsLong(o)
    }
    func getattr(_ o: Obj, _ name: String) -> Obj? { MiniObject_GetAttrString(o, name) }
}

final class ObjectTests: MiniObjectTestCase {

    func testCreateThenDecrefLeavesTotalsUnchanged() {
        let refs = Mini_TotalRefCount(), live = Mini_LiveObjects()
        let d = MiniDict_New()!
        XCTAssertEqual(Mini_LiveObjects(), live + 1)
        XCTAssertEqual(Mini_TotalRefCount(), refs + 1)
        XCTAssertEqual(Mini_REFCNT(d), 1)
        Mini_INCREF(d)
        XCTAssertEqual(Mini_TotalRefCount(), refs + 2)
        Mini_DECREF(d)
        Mini_DECREF(d)
        XCTAssertEqual(Mini_LiveObjects(), live)
        XCTAssertEqual(Mini_TotalRefCount(), refs)
        // Immortal singletons move the total but are never counted as live.
        let n = none
        XCTAssertEqual(Mini_TotalRefCount(), refs + 1)
        Mini_DECREF(n)
        XCTAssertEqual(Mini_LiveObjects(), live)
        assertBalanced()
    }

    func testObjectNewVarAndMemoryHelpers() {
        let o = MiniObject_NewVar(type("tuple"), 3)!
        XCTAssertEqual(Mini_SIZE(o), 3)
        XCTAssertEqual(MiniTuple_Size(o), 3)
        XCTAssertNil(MiniTuple_GetItem(o, 0))   // slots start NULL (no exception: the slot is empty)
        MiniErr_Clear()
        Mini_DECREF(o)
        let p = MiniMem_Malloc(0)
        XCTAssertNotNil(p)
        let q = MiniMem_Realloc(p, 64)
        XCTAssertNotNil(q)
        MiniMem_Free(q)
        let z = MiniMem_Calloc(4, 8)!.assumingMemoryBound(to: UInt64.self)
        XCTAssertEqual(z[3], 0)
        MiniMem_Free(z)
        XCTAssertNil(MiniObject_NewVar(type("tuple"), -1))
        XCTAssertEqual(takeError(), "SystemError: MiniObject_NewVar: bad argument to internal function")
        assertBalanced()
    }

    func testReprAndStrOfBuiltins() {
        XCTAssertEqual(repr(Mini_GetNone()), "None")
        XCTAssertEqual(repr(Mini_GetNotImplemented()), "NotImplemented")
        XCTAssertEqual(repr(Mini_GetTrue()), "True")
        XCTAssertEqual(strOf(Mini_GetFalse()), "False")
        XCTAssertEqual(show(int(-42)), "-42")
        XCTAssertEqual(show(float(2.5)), "2.5")
        XCTAssertEqual(show(str("it's")), "\"it's\"")
        let s = str("plain")
        XCTAssertEqual(strOf(s), "plain")
        XCTAssertEqual(repr(s), "'plain'")
        Mini_DECREF(s)
        XCTAssertEqual(show(bytes([0x61, 0x00, 0xFF])), "b'a\\x00\\xff'")
        XCTAssertEqual(show(list([int(1), str("a"), none])), "[1, 'a', None]")
        XCTAssertEqual(show(tuple([int(1)])), "(1,)")
        XCTAssertEqual(show(tuple([])), "()")
        XCTAssertEqual(show(tuple([int(1), float(0.5)])), "(1, 0.5)")
        XCTAssertEqual(repr(asObj(type("int"))), "<class 'int'>")
        XCTAssertEqual(repr(asObj(type("type"))), "<class 'type'>")
        let o = MiniObject_CallNoArgs(asObj(type("object")))!
        XCTAssertTrue(repr(o).hasPrefix("<object object at 0x"), repr(o))
        XCTAssertEqual(strOf(o), repr(o))
        Mini_DECREF(o)
        assertBalanced()
    }

    func testReprOfSelfContainingContainers() {
        let l = MiniList_New(0)!
        XCTAssertEqual(MiniList_Append(l, l), 0)
        XCTAssertEqual(repr(l), "[[...]]")
        let d = MiniDict_New()!
        XCTAssertEqual(MiniDict_SetItemString(d, "me", d), 0)
        XCTAssertEqual(MiniDict_SetItemString(d, "l", l), 0)
        XCTAssertEqual(repr(d), "{'me': {...}, 'l': [[...]]}")
        // Break the cycles by hand (there is no cycle collector).
        MiniDict_Clear(d)
        let empty = list([])
        XCTAssertEqual(MiniList_SetItem(l, 0, empty), 0)
        Mini_DECREF(d)
        Mini_DECREF(l)
        assertBalanced()
    }

    func testReprEnterLeave() {
        let o = int(1000)
        XCTAssertEqual(Mini_ReprEnter(o), 0)
        XCTAssertEqual(Mini_ReprEnter(o), 1)
        Mini_ReprLeave(o)
        XCTAssertEqual(Mini_ReprEnter(o), 0)
        Mini_ReprLeave(o)
        Mini_DECREF(o)
        assertBalanced()
    }

    func testHash() {
        func h(_ o: Obj) -> Int { defer { Mini_DECREF(o) }; return MiniObject_Hash(o) }
        XCTAssertEqual(h(int(-1)), -2)
        XCTAssertEqual(h(int(0)), 0)
        XCTAssertEqual(h(int((1 << 61) - 1)), 0)
        XCTAssertEqual(h(int(Int.max)), 3)
        XCTAssertEqual(h(int(Int.min)), -4)
        XCTAssertEqual(h(float(2.0)), 2)
        XCTAssertEqual(h(float(-1.0)), -2)
        XCTAssertEqual(h(float(1.5)), 1152921504606846977)
        XCTAssertEqual(h(float(-2.5)), -1152921504606846978)
        XCTAssertEqual(h(float(1e300)), 1224995262755759164)
        XCTAssertEqual(h(float(0.1)), 230584300921369408)
        XCTAssertEqual(h(float(.infinity)), 314159)
        XCTAssertEqual(h(Mini_NewRef(Mini_GetTrue())), 1)
        // Tuples hash as CPython's do.
        XCTAssertEqual(h(tuple([int(1), int(2), int(3)])), 529344067295497451)
        XCTAssertEqual(h(tuple([])), 5740354900026072187)
        XCTAssertEqual(h(tuple([int(1)])), -6644214454873602895)
        XCTAssertEqual(h(tuple([int(-1), int(2)])), -208276591052177797)
        // Equal strings hash equal; str and bytes of the same ASCII hash equal.
        XCTAssertEqual(h(str("hello")), h(str("hello")))
        XCTAssertEqual(h(str("abc")), h(bytes([0x61, 0x62, 0x63])))
        XCTAssertNotEqual(h(str("abc")), h(str("abd")))
        // Unhashable containers.
        let l = list([])
        XCTAssertEqual(MiniObject_Hash(l), -1)
        XCTAssertEqual(takeError(), "TypeError: unhashable type: 'list'")
        Mini_DECREF(l)
        let d = MiniDict_New()!
        XCTAssertEqual(MiniObject_Hash(d), -1)
        XCTAssertEqual(takeError(), "TypeError: unhashable type: 'dict'")
        let t = tuple([int(1), list([])])
        XCTAssertEqual(MiniObject_Hash(t), -1)
        XCTAssertEqual(takeError(), "TypeError: unhashable type: 'list'")
        Mini_DECREF(t)
        Mini_DECREF(d)
        // Identity hash for plain objects is stable.
        let o = MiniObject_CallNoArgs(asObj(type("object")))!
        XCTAssertEqual(MiniObject_Hash(o), MiniObject_Hash(o))
        Mini_DECREF(o)
        assertBalanced()
    }

    func testRichCompare() {
        func cmp(_ a: Obj, _ b: Obj, _ op: Int32) -> Int32 {
            defer { Mini_DECREF(a); Mini_DECREF(b) }
            return MiniObject_RichCompareBool(a, b, op)
        }
        XCTAssertEqual(cmp(int(1), int(2), Mini_LT), 1)
        XCTAssertEqual(cmp(int(2), int(2), Mini_LE), 1)
        XCTAssertEqual(cmp(int(3), int(2), Mini_GT), 1)
        XCTAssertEqual(cmp(int(2), float(2.0), Mini_EQ), 1)
        XCTAssertEqual(cmp(float(2.5), int(2), Mini_GT), 1)
        XCTAssertEqual(cmp(int(Int.max), float(9223372036854775808.0), Mini_LT), 1)
        XCTAssertEqual(cmp(float(.nan), float(.nan), Mini_EQ), 0)
        XCTAssertEqual(cmp(float(.nan), int(1), Mini_NE), 1)
        XCTAssertEqual(cmp(Mini_NewRef(Mini_GetTrue()), int(1), Mini_EQ), 1)
        XCTAssertEqual(cmp(str("abc"), str("abd"), Mini_LT), 1)
        XCTAssertEqual(cmp(str("ab"), str("abc"), Mini_LT), 1)
        XCTAssertEqual(cmp(str("é"), str("z"), Mini_GT), 1)   // code-point order
        XCTAssertEqual(cmp(list([int(1), int(2)]), list([int(1), int(3)]), Mini_LT), 1)
        XCTAssertEqual(cmp(list([int(1)]), list([int(1), int(0)]), Mini_LT), 1)
        XCTAssertEqual(cmp(tuple([int(1), str("a")]), tuple([int(1), str("a")]), Mini_EQ), 1)
        XCTAssertEqual(cmp(tuple([int(2)]), tuple([int(1), int(9)]), Mini_GT), 1)
        XCTAssertEqual(cmp(bytes([1, 2]), bytes([1, 3]), Mini_LT), 1)
        // Different types: == is identity-based, ordering is a TypeError.
        XCTAssertEqual(cmp(int(1), str("1"), Mini_EQ), 0)
        XCTAssertEqual(cmp(int(1), str("1"), Mini_NE), 1)
        XCTAssertEqual(cmp(int(1), str("a"), Mini_LT), -1)
        XCTAssertEqual(takeError(), "TypeError: '<' not supported between instances of 'int' and 'str'")
        XCTAssertEqual(cmp(list([]), none, Mini_GE), -1)
        XCTAssertEqual(takeError(), "TypeError: '>=' not supported between instances of 'list' and 'NoneType'")
        // The object form returns a bool.
        let a = int(5), b = int(7)
        XCTAssertEqual(show(MiniObject_RichCompare(a, b, Mini_NE)), "True")
        XCTAssertEqual(show(MiniObject_RichCompare(a, b, 9)), "ERROR SystemError: MiniObject_RichCompare: bad argument to internal function")
        // Identity implies equality in the Bool form even for NaN.
        let nan = float(.nan)
        XCTAssertEqual(MiniObject_RichCompareBool(nan, nan, Mini_EQ), 1)
        Mini_DECREF(nan)
        Mini_DECREF(a)
        Mini_DECREF(b)
        assertBalanced()
    }

    func testTruth() {
        func t(_ o: Obj) -> Int32 { defer { Mini_DECREF(o) }; return MiniObject_IsTrue(o) }
        XCTAssertEqual(t(none), 0)
        XCTAssertEqual(t(int(0)), 0)
        XCTAssertEqual(t(int(-3)), 1)
        XCTAssertEqual(t(float(0.0)), 0)
        XCTAssertEqual(t(float(0.1)), 1)
        XCTAssertEqual(t(str("")), 0)
        XCTAssertEqual(t(str("x")), 1)
        XCTAssertEqual(t(list([])), 0)
        XCTAssertEqual(t(list([none])), 1)
        XCTAssertEqual(t(tuple([])), 0)
        XCTAssertEqual(t(MiniDict_New()!), 0)
        XCTAssertEqual(t(bytes([])), 0)
        XCTAssertEqual(t(Mini_NewRef(asObj(type("int")))), 1)
        let z = int(0)
        XCTAssertEqual(MiniObject_Not(z), 1)
        Mini_DECREF(z)
        assertBalanced()
    }

    func testTypeOfAndSubtyping() {
        let i = int(3)
        let ti = MiniObject_Type(i)!
        XCTAssertEqual(ti, asObj(type("int")))
        Mini_DECREF(ti)
        Mini_DECREF(i)
        XCTAssertEqual(MiniType_IsSubtype(type("bool"), type("int")), 1)
        XCTAssertEqual(MiniType_IsSubtype(type("int"), type("bool")), 0)
        XCTAssertEqual(MiniType_IsSubtype(type("dict"), type("object")), 1)
        XCTAssertEqual(MiniType_IsSubtype(type("type"), type("object")), 1)
        XCTAssertEqual(String(cString: MiniType_Name(type("NoneType"))), "NoneType")
        XCTAssertEqual(String(cString: MiniType_Name(ots_widget_type())), "Widget")
        XCTAssertEqual(MiniObject_TypeCheck(Mini_GetTrue(), type("int")), 1)
        let tt = MiniObject_Type(asObj(type("int")))!
        XCTAssertEqual(tt, asObj(type("type")))
        Mini_DECREF(tt)
        // type(x) with one argument, called like Python.
        let five = int(5)
        XCTAssertEqual(show(MiniObject_CallOneArg(asObj(type("type")), five)), "<class 'int'>")
        Mini_DECREF(five)
        assertBalanced()
    }

    func testTypeAttributes() {
        let intT = asObj(type("int"))
        XCTAssertEqual(show(getattr(intT, "__name__")), "'int'")
        XCTAssertEqual(show(getattr(intT, "__module__")), "'builtins'")
        XCTAssertEqual(show(getattr(intT, "__base__")), "<class 'object'>")
        XCTAssertEqual(show(getattr(asObj(type("bool")), "__mro__")), "(<class 'bool'>, <class 'int'>, <class 'object'>)")
        XCTAssertEqual(show(getattr(asObj(type("object")), "__base__")), "None")
        XCTAssertEqual(show(getattr(intT, "nope")), "ERROR AttributeError: type object 'int' has no attribute 'nope'")
        let v = int(1)
        XCTAssertEqual(MiniObject_SetAttrString(intT, "x", v), -1)
        XCTAssertEqual(takeError(), "TypeError: cannot set 'x' attribute of immutable type 'int'")
        Mini_DECREF(v)
        XCTAssertEqual(MiniObject_HasAttrString(intT, "__doc__"), 1)
        XCTAssertEqual(MiniObject_HasAttrString(intT, "missing"), 0)
        XCTAssertNil(MiniErr_Occurred())
        assertBalanced()
    }

    func testInstanceAttributes() {
        let i = int(1), v = int(2)
        XCTAssertEqual(show(getattr(i, "nope")), "ERROR AttributeError: 'int' object has no attribute 'nope'")
        XCTAssertEqual(MiniObject_SetAttrString(i, "x", v), -1)
        XCTAssertEqual(takeError(), "AttributeError: 'int' object has no attribute 'x'")
        XCTAssertEqual(show(getattr(i, "__class__")), "<class 'int'>")
        let name = int(3)
        XCTAssertNil(MiniObject_GetAttr(i, name))
        XCTAssertEqual(takeError(), "TypeError: attribute name must be string, not 'int'")
        Mini_DECREF(name)
        // Exception instances carry a __dict__.
        let e = MiniObject_CallNoArgs(MiniExc_ValueError)!
        XCTAssertEqual(MiniObject_SetAttrString(e, "note", v), 0)
        XCTAssertEqual(show(getattr(e, "note")), "2")
        XCTAssertEqual(show(getattr(e, "__dict__")), "{'note': 2}")
        XCTAssertEqual(MiniObject_SetAttrString(e, "note", nil), 0)
        XCTAssertEqual(MiniObject_HasAttrString(e, "note"), 0)
        XCTAssertEqual(MiniObject_SetAttrString(e, "note", nil), -1)
        XCTAssertEqual(takeError(), "AttributeError: 'ValueError' object has no attribute 'note'")
        Mini_DECREF(e)
        Mini_DECREF(i)
        Mini_DECREF(v)
        assertBalanced()
    }

    func testStaticTypeWithMethodsAndGetSets() {
        let w = ots_widget_new(5)!
        let wt = asObj(ots_widget_type())
        XCTAssertEqual(repr(w), "Widget(5)")
        XCTAssertEqual(repr(wt), "<class 'ots.Widget'>")
        XCTAssertEqual(show(getattr(wt, "__doc__")), "'A test widget.'")
        XCTAssertEqual(show(getattr(wt, "__module__")), "'ots'")
        // Methods bind to the instance.
        let get = getattr(w, "get")!
        XCTAssertEqual(show(MiniObject_CallNoArgs(get)), "5")
        Mini_DECREF(get)
        let seven = int(7)
        let add = getattr(w, "add")!
        XCTAssertEqual(show(MiniObject_CallOneArg(add, seven)), "None")
        Mini_DECREF(add)
        XCTAssertEqual(show(getattr(w, "value")), "12")
        // Looked up on the type: the descriptor itself, callable with the instance first.
        let unbound = getattr(wt, "get")!
        XCTAssertEqual(repr(unbound), "<method 'get' of 'Widget' objects>")
        XCTAssertEqual(show(MiniObject_CallOneArg(unbound, w)), "12")
        XCTAssertEqual(show(MiniObject_CallOneArg(unbound, seven)),
                       "ERROR TypeError: descriptor 'get' for 'ots.Widget' objects doesn't apply to a 'int' object")
        Mini_DECREF(unbound)
        XCTAssertEqual(show(getattr(wt, "value")), "<attribute 'value' of 'Widget' objects>")
        // Computed attributes: writable, read-only, type-checked by the setter.
        XCTAssertEqual(MiniObject_SetAttrString(w, "value", seven), 0)
        XCTAssertEqual(show(getattr(w, "doubled")), "14")
        XCTAssertEqual(MiniObject_SetAttrString(w, "doubled", seven), -1)
        XCTAssertEqual(takeError(), "AttributeError: attribute 'doubled' of 'Widget' objects is not writable")
        let s = str("x")
        XCTAssertEqual(MiniObject_SetAttrString(w, "value", s), -1)
        XCTAssertEqual(takeError(), "TypeError: value must be int, not str")
        // No instance dict: unknown attributes cannot be set.
        XCTAssertEqual(MiniObject_SetAttrString(w, "other", s), -1)
        XCTAssertEqual(takeError(), "AttributeError: 'ots.Widget' object has no attribute 'other'")
        // Slots: equality and hash by value; __class__ from object.
        let w2 = ots_widget_new(7)!
        XCTAssertEqual(MiniObject_RichCompareBool(w, w2, Mini_EQ), 1)
        XCTAssertEqual(MiniObject_Hash(w), 7)
        XCTAssertEqual(show(getattr(w, "__class__")), "<class 'ots.Widget'>")
        Mini_DECREF(w2)
        Mini_DECREF(s)
        Mini_DECREF(seven)
        Mini_DECREF(w)
        XCTAssertEqual(show(MiniObject_CallNoArgs(wt)), "ERROR TypeError: Widget() takes exactly 1 argument (0 given)")
        assertBalanced()
    }

    func testTypeReadyInheritsSlots() {
        // MiniType_Ready is idempotent and fills inherited slots.
        XCTAssertEqual(MiniType_Ready(ots_widget_type()), 0)
        XCTAssertEqual(MiniType_Ready(ots_widget_type()), 0)
        let wt = ots_widget_type().pointee
        XCTAssertTrue(wt.tp_base == type("object"))
        XCTAssertNotNil(wt.tp_dealloc)
        XCTAssertNotNil(wt.tp_getattro)
        XCTAssertNotNil(wt.tp_str)
        XCTAssertNotEqual(wt.tp_flags & 1, 0)   // MINI_TPFLAGS_READY
        // bool inherits int's arithmetic; int does not hash like a list.
        XCTAssertNotNil(type("bool").pointee.tp_as_number)
        XCTAssertNil(type("list").pointee.tp_hash)
        XCTAssertNil(type("dict").pointee.tp_hash)
        assertBalanced()
    }

    func testHeapTypes() {
        let ns = MiniDict_New()!
        let answer = int(42)
        XCTAssertEqual(MiniDict_SetItemString(ns, "answer", answer), 0)
        Mini_DECREF(answer)
        let cls = MiniType_NewHeap("shapes.Thing", nil, ns)!
        Mini_DECREF(ns)
        XCTAssertEqual(repr(cls), "<class 'shapes.Thing'>")
        XCTAssertEqual(show(getattr(cls, "__name__")), "'Thing'")
        XCTAssertEqual(show(getattr(cls, "answer")), "42")
        let inst = MiniObject_CallNoArgs(cls)!
        XCTAssertTrue(repr(inst).hasPrefix("<shapes.Thing object at 0x"), repr(inst))
        XCTAssertEqual(show(getattr(inst, "answer")), "42")
        let v = str("v")
        XCTAssertEqual(MiniObject_SetAttrString(inst, "answer", v), 0)   // shadows the class attribute
        XCTAssertEqual(show(getattr(inst, "answer")), "'v'")
        XCTAssertEqual(show(getattr(inst, "__dict__")), "{'answer': 'v'}")
        XCTAssertEqual(MiniObject_SetAttrString(cls, "extra", v), 0)    // heap types are mutable
        XCTAssertEqual(show(getattr(inst, "extra")), "'v'")
        Mini_DECREF(v)
        let one = int(1)
        let args = tuple([Mini_NewRef(one)])
        XCTAssertEqual(show(MiniObject_Call(cls, args, nil)), "ERROR TypeError: Thing() takes no arguments")
        Mini_DECREF(args)
        Mini_DECREF(one)
        // A subclass of the heap type; instances keep their type alive.
        let sub = MiniType_NewHeap("shapes.Sub", asType(cls), nil)!
        let sinst = MiniObject_CallNoArgs(sub)!
        XCTAssertEqual(MiniObject_TypeCheck(sinst, asType(cls)), 1)
        XCTAssertEqual(show(getattr(sinst, "answer")), "42")
        Mini_DECREF(sub)
        XCTAssertEqual(show(getattr(sinst, "__class__")), "<class 'shapes.Sub'>")
        Mini_DECREF(sinst)
        Mini_DECREF(inst)
        Mini_DECREF(cls)
        // Not every type is an acceptable base.
        XCTAssertNil(MiniType_NewHeap("x.B", type("bool"), nil))
        XCTAssertEqual(takeError(), "TypeError: type 'bool' is not an acceptable base type")
        assertBalanced()
    }

    func testTypeCalledWithThreeArguments() {
        let ns = MiniDict_New()!
        let bases = tuple([Mini_NewRef(asObj(type("object")))])
        let args = tuple([str("Point"), bases, ns])
        let cls = MiniObject_Call(asObj(type("type")), args, nil)!
        Mini_DECREF(args)
        XCTAssertEqual(repr(cls), "<class 'Point'>")
        let p = MiniObject_CallNoArgs(cls)!
        Mini_DECREF(p)
        Mini_DECREF(cls)
        let bad = tuple([str("P"), int(1)])
        XCTAssertEqual(show(MiniObject_Call(asObj(type("type")), bad, nil)), "ERROR TypeError: type() takes 1 or 3 arguments")
        Mini_DECREF(bad)
        XCTAssertEqual(show(MiniObject_CallNoArgs(asObj(type("NoneType")))), "None")
        assertBalanced()
    }

    func testLengthAndItems() {
        let l = list([int(10), int(20), int(30)])
        let t = tuple([str("a"), str("b")])
        let s = str("héllo")
        let d = MiniDict_New()!
        let i = int(5)
        XCTAssertEqual(MiniObject_Length(l), 3)
        XCTAssertEqual(MiniObject_Length(t), 2)
        XCTAssertEqual(MiniObject_Length(s), 5)
        XCTAssertEqual(MiniObject_Length(d), 0)
        XCTAssertEqual(MiniObject_Length(i), -1)
        XCTAssertEqual(takeError(), "TypeError: object of type 'int' has no len()")
        let m1 = int(-1), zero = int(0), big = int(99), key = str("k")
        XCTAssertEqual(show(MiniObject_GetItem(l, m1)), "30")
        XCTAssertEqual(show(MiniObject_GetItem(t, zero)), "'a'")
        XCTAssertEqual(show(MiniObject_GetItem(s, m1)), "'o'")
        XCTAssertEqual(show(MiniObject_GetItem(l, big)), "ERROR IndexError: list index out of range")
        XCTAssertEqual(show(MiniObject_GetItem(t, big)), "ERROR IndexError: tuple index out of range")
        XCTAssertEqual(show(MiniObject_GetItem(s, big)), "ERROR IndexError: string index out of range")
        XCTAssertEqual(show(MiniObject_GetItem(l, key)), "ERROR TypeError: list indices must be integers or slices, not str")
        XCTAssertEqual(show(MiniObject_GetItem(t, key)), "ERROR TypeError: tuple indices must be integers or slices, not str")
        XCTAssertEqual(show(MiniObject_GetItem(s, key)), "ERROR TypeError: string indices must be integers, not 'str'")
        XCTAssertEqual(show(MiniObject_GetItem(i, zero)), "ERROR TypeError: 'int' object is not subscriptable")
        XCTAssertEqual(show(MiniObject_GetItem(d, key)), "ERROR KeyError: 'k'")
        XCTAssertEqual(MiniObject_SetItem(l, m1, key), 0)
        XCTAssertEqual(MiniObject_SetItem(d, key, l), 0)
        XCTAssertEqual(repr(d), "{'k': [10, 20, 'k']}")
        XCTAssertEqual(MiniObject_SetItem(t, zero, key), -1)
        XCTAssertEqual(takeError(), "TypeError: 'tuple' object does not support item assignment")
        XCTAssertEqual(MiniObject_DelItem(t, zero), -1)
        XCTAssertEqual(takeError(), "TypeError: 'tuple' object doesn't support item deletion")
        XCTAssertEqual(MiniObject_SetItem(l, big, key), -1)
        XCTAssertEqual(takeError(), "IndexError: list assignment index out of range")
        XCTAssertEqual(MiniObject_DelItem(l, zero), 0)
        XCTAssertEqual(repr(l), "[20, 'k']")
        XCTAssertEqual(MiniObject_DelItem(d, key), 0)
        XCTAssertEqual(MiniObject_DelItem(d, key), -1)
        XCTAssertEqual(takeError(), "KeyError: 'k'")
        for o in [l, t, s, d, i, m1, zero, big, key] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testContainsAndIteration() {
        let l = list([int(1), str("two"), float(3.0)])
        let three = int(3), two = str("two"), four = int(4)
        XCTAssertEqual(MiniSequence_Contains(l, three), 1)   // 3 == 3.0
        XCTAssertEqual(MiniSequence_Contains(l, two), 1)
        XCTAssertEqual(MiniSequence_Contains(l, four), 0)
        let s = str("hello world")
        let sub = str("o w")
        XCTAssertEqual(MiniSequence_Contains(s, sub), 1)
        XCTAssertEqual(MiniSequence_Contains(s, four), -1)
        XCTAssertEqual(takeError(), "TypeError: 'in <string>' requires string as left operand, not int")
        XCTAssertEqual(MiniSequence_Contains(four, three), -1)
        XCTAssertEqual(takeError(), "TypeError: argument of type 'int' is not iterable")
        let b = bytes([1, 2, 3])
        let two_i = int(2), big = int(300)
        XCTAssertEqual(MiniSequence_Contains(b, two_i), 1)
        XCTAssertEqual(MiniSequence_Contains(b, big), -1)
        XCTAssertEqual(takeError(), "ValueError: byte must be in range(0, 256)")
        // Iteration over each built-in container.
        func collect(_ o: Obj) -> [String] {
            guard let it = MiniObject_GetIter(o) else { return ["ERROR " + (takeError() ?? "")] }
            defer { Mini_DECREF(it) }
            var out: [String] = []
            while let x = MiniIter_Next(it) { out.append(repr(x)); Mini_DECREF(x) }
            if MiniErr_Occurred() != nil { out.append("ERROR " + (takeError() ?? "")) }
            return out
        }
        XCTAssertEqual(collect(l), ["1", "'two'", "3.0"])
        let t = tuple([none, int(0)])
        XCTAssertEqual(collect(t), ["None", "0"])
        let u = str("aé€")
        XCTAssertEqual(collect(u), ["'a'", "'é'", "'€'"])
        XCTAssertEqual(collect(b), ["1", "2", "3"])
        let d = MiniDict_New()!
        for k in ["x", "y", "z"] { XCTAssertEqual(MiniDict_SetItemString(d, k, three), 0) }
        XCTAssertEqual(collect(d), ["'x'", "'y'", "'z'"])
        XCTAssertEqual(collect(four), ["ERROR TypeError: 'int' object is not iterable"])
        // An iterator is its own iterator; next() on a non-iterator fails.
        let it = MiniObject_GetIter(l)!
        XCTAssertEqual(MiniIter_Check(it), 1)
        XCTAssertEqual(MiniIter_Check(l), 0)
        let again = MiniObject_GetIter(it)!
        XCTAssertEqual(again, it)
        Mini_DECREF(again)
        Mini_DECREF(it)
        XCTAssertNil(MiniIter_Next(l))
        XCTAssertEqual(takeError(), "TypeError: 'list' object is not an iterator")
        // Changing a dict's size while iterating it is an error.
        let dit = MiniObject_GetIter(d)!
        let first = MiniIter_Next(dit)!
        Mini_DECREF(first)
        XCTAssertEqual(MiniDict_SetItemString(d, "new", three), 0)
        XCTAssertNil(MiniIter_Next(dit))
        XCTAssertEqual(takeError(), "RuntimeError: dictionary changed size during iteration")
        Mini_DECREF(dit)
        for o in [l, three, two, four, s, sub, b, two_i, big, t, u, d] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testCallableCheck() {
        let i = int(1)
        XCTAssertEqual(MiniCallable_Check(i), 0)
        XCTAssertEqual(MiniCallable_Check(asObj(type("int"))), 1)
        XCTAssertEqual(MiniCallable_Check(MiniExc_KeyError), 1)
        Mini_DECREF(i)
        assertBalanced()
    }

    func testNumberProtocol() {
        func op(_ f: (Obj?, Obj?) -> Obj?, _ a: Obj, _ b: Obj) -> String {
            defer { Mini_DECREF(a); Mini_DECREF(b) }
            return show(f(a, b))
        }
        XCTAssertEqual(op(MiniNumber_Add, int(2), int(3)), "5")
        XCTAssertEqual(op(MiniNumber_Add, int(2), float(0.5)), "2.5")
        XCTAssertEqual(op(MiniNumber_Subtract, float(0.5), int(2)), "-1.5")
        XCTAssertEqual(op(MiniNumber_Multiply, Mini_NewRef(Mini_GetTrue()), int(5)), "5")
        XCTAssertEqual(op(MiniNumber_Add, Mini_NewRef(Mini_GetTrue()), Mini_NewRef(Mini_GetTrue())), "2")
        XCTAssertEqual(op(MiniNumber_TrueDivide, int(1), int(4)), "0.25")
        XCTAssertEqual(op(MiniNumber_FloorDivide, float(7.5), int(2)), "3.0")
        XCTAssertEqual(op(MiniNumber_Add, str("ab"), str("cd")), "'abcd'")
        XCTAssertEqual(op(MiniNumber_Multiply, int(3), str("ab")), "'ababab'")
        XCTAssertEqual(op(MiniNumber_Multiply, str("ab"), int(-1)), "''")
        XCTAssertEqual(op(MiniNumber_Add, list([int(1)]), list([int(2)])), "[1, 2]")
        XCTAssertEqual(op(MiniNumber_Multiply, tuple([int(0)]), int(3)), "(0, 0, 0)")
        XCTAssertEqual(op(MiniNumber_Add, bytes([0x61]), bytes([0x62])), "b'ab'")
        XCTAssertEqual(op(MiniNumber_Add, int(1), str("a")), "ERROR TypeError: unsupported operand type(s) for +: 'int' and 'str'")
        XCTAssertEqual(op(MiniNumber_Add, str("a"), int(1)), "ERROR TypeError: can only concatenate str (not \"int\") to str")
        XCTAssertEqual(op(MiniNumber_Add, list([]), tuple([])), "ERROR TypeError: can only concatenate list (not \"tuple\") to list")
        XCTAssertEqual(op(MiniNumber_Add, bytes([]), str("a")), "ERROR TypeError: can't concat str to bytes")
        XCTAssertEqual(op(MiniNumber_Multiply, list([]), float(1.5)), "ERROR TypeError: can't multiply sequence by non-int of type 'float'")
        XCTAssertEqual(op(MiniNumber_Subtract, str("a"), str("b")), "ERROR TypeError: unsupported operand type(s) for -: 'str' and 'str'")
        XCTAssertEqual(op(MiniNumber_MatrixMultiply, int(1), int(2)), "ERROR TypeError: unsupported operand type(s) for @: 'int' and 'int'")
        XCTAssertEqual(op(MiniNumber_Remainder, int(-7), int(3)), "2")
        let two = int(2), ten = int(10), half = float(0.5), s = str("s")
        XCTAssertEqual(show(MiniNumber_Power(two, ten, nil)), "1024")
        XCTAssertEqual(show(MiniNumber_Power(two, half, Mini_GetNone())), "1.4142135623730951")
        XCTAssertEqual(show(MiniNumber_Power(two, ten, two)), "ERROR TypeError: pow() with a modulus is not supported")
        XCTAssertEqual(show(MiniNumber_Power(s, two, nil)), "ERROR TypeError: unsupported operand type(s) for ** or pow(): 'str' and 'int'")
        XCTAssertEqual(show(MiniNumber_Negative(two)), "-2")
        XCTAssertEqual(show(MiniNumber_Positive(half)), "0.5")
        let neg = float(-1.25)
        XCTAssertEqual(show(MiniNumber_Absolute(neg)), "1.25")
        Mini_DECREF(neg)
        XCTAssertEqual(show(MiniNumber_Negative(s)), "ERROR TypeError: bad operand type for unary -: 'str'")
        XCTAssertEqual(show(MiniNumber_Absolute(s)), "ERROR TypeError: bad operand type for abs(): 'str'")
        XCTAssertEqual(MiniNumber_Check(two), 1)
        XCTAssertEqual(MiniNumber_Check(half), 1)
        XCTAssertEqual(MiniNumber_Check(s), 0)
        XCTAssertEqual(show(MiniNumber_Index(Mini_GetTrue())), "True")
        XCTAssertEqual(show(MiniNumber_Index(half)), "ERROR TypeError: 'float' object cannot be interpreted as an integer")
        XCTAssertEqual(MiniNumber_AsSsize_t(ten, nil), 10)
        let f29 = float(-2.9)
        XCTAssertEqual(show(MiniNumber_Long(f29)), "-2")
        Mini_DECREF(f29)
        XCTAssertEqual(show(MiniNumber_Long(s)), "ERROR TypeError: int() argument must be a string, a bytes-like object or a real number, not 'str'")
        XCTAssertEqual(show(MiniNumber_Float(ten)), "10.0")
        XCTAssertEqual(show(MiniNumber_Float(s)), "ERROR TypeError: must be real number, not str")
        for o in [two, ten, half, s] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testNullArgumentOutsideCheckedModeRaisesSystemError() {
        Mini_SetCheckedMode(0)
        defer { Mini_SetCheckedMode(1) }
        XCTAssertNil(MiniObject_Repr(nil))
        XCTAssertEqual(takeError(), "SystemError: MiniObject_Repr: bad argument to internal function")
        XCTAssertEqual(MiniObject_Length(nil), -1)
        XCTAssertEqual(takeError(), "SystemError: MiniObject_Length: bad argument to internal function")
        XCTAssertEqual(MiniList_Append(nil, Mini_GetNone()), -1)
        XCTAssertEqual(takeError(), "SystemError: MiniList_Append: bad argument to internal function")
        XCTAssertEqual(MiniDict_SetItem(nil, nil, nil), -1)
        XCTAssertEqual(takeError(), "SystemError: MiniDict_SetItem: bad argument to internal function")
        assertBalanced()
    }
}
