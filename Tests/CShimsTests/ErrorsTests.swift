// ErrorsTests: the error indicator (set, fetch, restore, match, clear, print), exception
// instances (repr/str/args/attributes) and the built-in exception hierarchy.
import XCTest
import CShims
import CShimsTestSupport

final class ErrorsTests: MiniObjectTestCase {

    func testSetOccurredClear() {
        XCTAssertNil(MiniErr_Occurred())
        MiniErr_SetString(MiniExc_ValueError, "bad value")
        XCTAssertEqual(MiniErr_Occurred(), MiniExc_ValueError)
        MiniErr_Clear()
        XCTAssertNil(MiniErr_Occurred())
        MiniErr_SetNone(MiniExc_StopIteration)
        XCTAssertEqual(takeError(), "StopIteration")
        let v = int(42)
        MiniErr_SetObject(MiniExc_KeyError, v)
        XCTAssertEqual(takeError(), "KeyError: 42")
        // A tuple value gives the arguments, as CPython does.
        let t = tuple([str("a"), int(1)])
        MiniErr_SetObject(MiniExc_ValueError, t)
        XCTAssertEqual(takeError(), "ValueError: ('a', 1)")
        Mini_DECREF(t)
        // An instance of the class is stored as is.
        let inst = MiniObject_CallOneArg(MiniExc_IndexError, v)!
        MiniErr_SetObject(MiniExc_LookupError, inst)
        let got = MiniErr_GetRaisedException()!
        XCTAssertEqual(got, inst)
        Mini_DECREF(got)
        Mini_DECREF(inst)
        Mini_DECREF(v)
        // Invalid UTF-8 in a C message is replaced, not an error.
        let raw: [CChar] = [0x62, 0x61, 0x64, 0x20, -1, 0]   // "bad \xFF"
        MiniErr_SetString(MiniExc_RuntimeError, raw)
        XCTAssertEqual(takeError(), "RuntimeError: bad \u{FFFD}")
        // Not an exception class.
        let i = int(3)
        MiniErr_SetObject(i, nil)
        XCTAssertEqual(takeError(), "SystemError: MiniErr_SetObject: exception 3 is not a BaseException subclass")
        Mini_DECREF(i)
        assertBalanced()
    }

    func testFormat() {
        let o = str("obj")
        let r = "x".withCString { cs in withVaList([cs, 7, o]) { MiniErr_FormatV(MiniExc_TypeError, "%s=%d %R", $0) } }
        XCTAssertNil(r)
        XCTAssertEqual(takeError(), "TypeError: x=7 'obj'")
        XCTAssertNil(ots_err_format_mix(MiniExc_OverflowError, "y", -1, o))
        XCTAssertEqual(takeError(), "OverflowError: y|-1|'obj'")
        Mini_DECREF(o)
        XCTAssertEqual(MiniErr_BadArgument(), 0)
        XCTAssertEqual(takeError(), "TypeError: bad argument type for built-in operation")
        _MiniErr_BadInternalCall("my_function")
        XCTAssertEqual(takeError(), "SystemError: my_function: bad argument to internal function")
        assertBalanced()
    }

    func testFetchRestoreRoundTrip() {
        MiniErr_SetString(MiniExc_IndexError, "out of range")
        var t: Obj? = nil, v: Obj? = nil, tb: Obj? = nil
        MiniErr_Fetch(&t, &v, &tb)
        XCTAssertNil(MiniErr_Occurred())
        XCTAssertEqual(t, MiniExc_IndexError)
        XCTAssertNil(tb)
        XCTAssertEqual(repr(v!), "IndexError('out of range')")
        MiniErr_Restore(t, v, tb)   // steals all three
        XCTAssertEqual(takeError(), "IndexError: out of range")
        // Fetch with nothing set.
        MiniErr_Fetch(&t, &v, &tb)
        XCTAssertNil(t)
        XCTAssertNil(v)
        // Restore normalizes a (type, plain value) pair into an instance.
        MiniErr_Restore(Mini_NewRef(MiniExc_ValueError), str("plain"), nil)
        let exc = MiniErr_GetRaisedException()!
        XCTAssertEqual(repr(exc), "ValueError('plain')")
        // A traceback given to Restore is attached to the instance.
        let fakeTB = str("Traceback (most recent call last):\n  File \"x.py\", line 1")
        MiniErr_Restore(Mini_NewRef(MiniExc_ValueError), Mini_NewRef(exc), Mini_NewRef(fakeTB))
        MiniErr_Fetch(&t, &v, &tb)
        XCTAssertEqual(v, exc)
        XCTAssertEqual(tb, fakeTB)
        XCTAssertEqual(show(MiniException_GetTraceback(exc)), repr(fakeTB))
        Mini_XDECREF(t)
        Mini_XDECREF(v)
        Mini_XDECREF(tb)
        XCTAssertEqual(MiniException_SetTraceback(exc, Mini_GetNone()), 0)
        XCTAssertNil(MiniException_GetTraceback(exc))
        // Restore with a NULL type clears.
        MiniErr_SetString(MiniExc_ValueError, "x")
        MiniErr_Restore(nil, nil, nil)
        XCTAssertNil(MiniErr_Occurred())
        Mini_DECREF(fakeTB)
        Mini_DECREF(exc)
        assertBalanced()
    }

    func testRaisedExceptionAPI() {
        XCTAssertNil(MiniErr_GetRaisedException())
        let e = MiniObject_CallNoArgs(MiniExc_RuntimeError)!
        MiniErr_SetRaisedException(e)   // steals
        XCTAssertEqual(MiniErr_Occurred(), MiniExc_RuntimeError)
        let back = MiniErr_GetRaisedException()!
        XCTAssertEqual(back, e)
        XCTAssertNil(MiniErr_Occurred())
        Mini_DECREF(back)
        let notExc = int(5)
        MiniErr_SetRaisedException(Mini_NewRef(notExc))
        XCTAssertEqual(takeError(), "SystemError: MiniErr_SetRaisedException: 5 is not an exception instance")
        Mini_DECREF(notExc)
        assertBalanced()
    }

    func testExceptionMatching() {
        MiniErr_SetString(MiniExc_ZeroDivisionError, "z")
        XCTAssertEqual(MiniErr_ExceptionMatches(MiniExc_ZeroDivisionError), 1)
        XCTAssertEqual(MiniErr_ExceptionMatches(MiniExc_ArithmeticError), 1)
        XCTAssertEqual(MiniErr_ExceptionMatches(MiniExc_Exception), 1)
        XCTAssertEqual(MiniErr_ExceptionMatches(MiniExc_BaseException), 1)
        XCTAssertEqual(MiniErr_ExceptionMatches(MiniExc_LookupError), 0)
        let options = tuple([Mini_NewRef(MiniExc_KeyError), Mini_NewRef(MiniExc_ArithmeticError)])
        XCTAssertEqual(MiniErr_ExceptionMatches(options), 1)
        let exc = MiniErr_GetRaisedException()!
        XCTAssertEqual(MiniErr_ExceptionMatches(MiniExc_Exception), 0)   // nothing set now
        XCTAssertEqual(MiniErr_GivenExceptionMatches(exc, MiniExc_ArithmeticError), 1)
        XCTAssertEqual(MiniErr_GivenExceptionMatches(MiniExc_OverflowError, options), 1)
        XCTAssertEqual(MiniErr_GivenExceptionMatches(MiniExc_IndexError, options), 0)
        XCTAssertEqual(MiniErr_GivenExceptionMatches(MiniExc_KeyboardInterrupt, MiniExc_Exception), 0)
        XCTAssertEqual(MiniErr_GivenExceptionMatches(nil, MiniExc_Exception), 0)
        Mini_DECREF(exc)
        Mini_DECREF(options)
        assertBalanced()
    }

    func testHierarchy() {
        func sub(_ a: Obj, _ b: Obj) -> Bool { MiniType_IsSubtype(asType(a), asType(b)) == 1 }
        let pairs: [(Obj, Obj)] = [
            (MiniExc_Exception, MiniExc_BaseException), (MiniExc_SystemExit, MiniExc_BaseException),
            (MiniExc_KeyboardInterrupt, MiniExc_BaseException), (MiniExc_ArithmeticError, MiniExc_Exception),
            (MiniExc_ZeroDivisionError, MiniExc_ArithmeticError), (MiniExc_OverflowError, MiniExc_ArithmeticError),
            (MiniExc_IndexError, MiniExc_LookupError), (MiniExc_KeyError, MiniExc_LookupError),
            (MiniExc_LookupError, MiniExc_Exception), (MiniExc_ModuleNotFoundError, MiniExc_ImportError),
            (MiniExc_UnboundLocalError, MiniExc_NameError), (MiniExc_NotImplementedError, MiniExc_RuntimeError),
            (MiniExc_RecursionError, MiniExc_RuntimeError), (MiniExc_FileNotFoundError, MiniExc_OSError),
            (MiniExc_TimeoutError, MiniExc_OSError), (MiniExc_UnicodeError, MiniExc_ValueError),
            (MiniExc_UnicodeDecodeError, MiniExc_UnicodeError), (MiniExc_TabError, MiniExc_IndentationError),
            (MiniExc_IndentationError, MiniExc_SyntaxError), (MiniExc_BrokenPipeError, MiniExc_ConnectionError),
            (MiniExc_DeprecationWarning, MiniExc_Warning), (MiniExc_Warning, MiniExc_Exception),
            (MiniExc_StopIteration, MiniExc_Exception), (MiniExc_MemoryError, MiniExc_Exception),
            (MiniExc_BufferError, MiniExc_Exception), (MiniExc_AssertionError, MiniExc_Exception),
            (MiniExc_AttributeError, MiniExc_Exception), (MiniExc_SystemError, MiniExc_Exception),
            (MiniExc_TypeError, MiniExc_Exception), (MiniExc_GeneratorExit, MiniExc_BaseException),
        ]
        for (a, b) in pairs {
            XCTAssertTrue(sub(a, b), "\(repr(a)) should derive from \(repr(b))")
            XCTAssertFalse(sub(b, a), "\(repr(b)) should not derive from \(repr(a))")
        }
        XCTAssertFalse(sub(MiniExc_KeyboardInterrupt, MiniExc_Exception))
        XCTAssertFalse(sub(MiniExc_TypeError, MiniExc_ValueError))
        XCTAssertEqual(repr(MiniExc_ZeroDivisionError), "<class 'ZeroDivisionError'>")
        XCTAssertEqual(show(getattr(MiniExc_KeyError, "__base__")), "<class 'LookupError'>")
        // Every exception class has the flag that MiniExceptionClass_Check relies on.
        XCTAssertNotEqual(asType(MiniExc_TimeoutError).pointee.tp_flags & (1 << 30), 0)
        // The builtins table.
        let d = MiniDict_New()!
        XCTAssertEqual(MiniExc_AddBuiltins(d), 0)
        XCTAssertEqual(MiniDict_GetItemString(d, "ValueError"), MiniExc_ValueError)
        XCTAssertEqual(MiniDict_GetItemString(d, "IOError"), MiniExc_OSError)
        XCTAssertEqual(MiniDict_GetItemString(d, "EncodingWarning") != nil, true)
        XCTAssertGreaterThan(MiniDict_Size(d), 60)
        Mini_DECREF(d)
        assertBalanced()
    }

    func testExceptionReprAndStr() {
        func make(_ type: Obj, _ args: [Obj]) -> Obj {
            let t = tuple(args)
            defer { Mini_DECREF(t) }
            return MiniObject_Call(type, t, nil)!
        }
        let cases: [(Obj, String, String)] = [
            (make(MiniExc_ValueError, [str("x")]), "ValueError('x')", "x"),
            (make(MiniExc_ValueError, []), "ValueError()", ""),
            (make(MiniExc_ValueError, [str("x"), int(1)]), "ValueError('x', 1)", "('x', 1)"),
            (make(MiniExc_KeyError, [str("k")]), "KeyError('k')", "'k'"),
            (make(MiniExc_KeyError, [str("")]), "KeyError('')", "''"),
            (make(MiniExc_KeyError, [int(1), int(2)]), "KeyError(1, 2)", "(1, 2)"),
            (make(MiniExc_OSError, [int(5), str("Input/output error")]),
             "OSError(5, 'Input/output error')", "[Errno 5] Input/output error"),
            // OSError(errno, ...) itself makes the errno's subclass, as CPython.
            (make(MiniExc_OSError, [int(2), str("No such file or directory")]),
             "FileNotFoundError(2, 'No such file or directory')", "[Errno 2] No such file or directory"),
            (make(MiniExc_FileNotFoundError, [int(2), str("No such file"), str("a.txt")]),
             "FileNotFoundError(2, 'No such file', 'a.txt')", "[Errno 2] No such file: 'a.txt'"),
            (make(MiniExc_SyntaxError, [str("invalid syntax"), tuple([str("m.py"), int(3), int(1), str("x")])]),
             "SyntaxError('invalid syntax', ('m.py', 3, 1, 'x'))", "invalid syntax (m.py, line 3)"),
        ]
        for (e, r, s) in cases {
            XCTAssertEqual(repr(e), r)
            XCTAssertEqual(strOf(e), s)
            Mini_DECREF(e)
        }
        var buf = [CChar](repeating: 0, count: 128)
        let e = make(MiniExc_TypeError, [str("wrong type")])
        MiniErr_FormatExceptionOnly(e, &buf, buf.count)
        XCTAssertEqual(cstr(buf), "TypeError: wrong type")
        let empty = make(MiniExc_StopIteration, [])
        MiniErr_FormatExceptionOnly(empty, &buf, buf.count)
        XCTAssertEqual(cstr(buf), "StopIteration")
        var tiny = [CChar](repeating: 0, count: 6)
        MiniErr_FormatExceptionOnly(e, &tiny, tiny.count)
        XCTAssertEqual(cstr(tiny), "TypeE")   // truncated, NUL-terminated
        Mini_DECREF(e)
        Mini_DECREF(empty)
        let noArgs = tuple([]), kwargs = MiniDict_New()!, one = int(1)
        XCTAssertEqual(MiniDict_SetItemString(kwargs, "x", one), 0)
        XCTAssertEqual(show(MiniObject_Call(MiniExc_ValueError, noArgs, kwargs)),
                       "ERROR TypeError: ValueError() takes no keyword arguments")
        for o in [noArgs, kwargs, one] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testExceptionAttributes() {
        let args = tuple([str("done"), int(5)])
        let stop = MiniObject_Call(MiniExc_StopIteration, args, nil)!
        XCTAssertEqual(show(getattr(stop, "value")), "'done'")
        XCTAssertEqual(show(getattr(stop, "args")), "('done', 5)")
        XCTAssertEqual(show(MiniException_GetArgs(stop)), "('done', 5)")
        let exitEmpty = MiniObject_CallNoArgs(MiniExc_SystemExit)!
        XCTAssertEqual(show(getattr(exitEmpty, "code")), "None")
        let three = int(3)
        let exit3 = MiniObject_CallOneArg(MiniExc_SystemExit, three)!
        XCTAssertEqual(show(getattr(exit3, "code")), "3")
        let osArgs = tuple([int(13), str("Permission denied")])
        let os = MiniObject_Call(MiniExc_OSError, osArgs, nil)!
        Mini_DECREF(osArgs)
        XCTAssertEqual(show(getattr(os, "errno")), "13")
        XCTAssertEqual(show(getattr(os, "strerror")), "'Permission denied'")
        XCTAssertEqual(show(getattr(os, "filename")), "None")
        // args is writable (any iterable becomes a tuple); links default to None.
        let l = list([int(1), int(2)])
        XCTAssertEqual(MiniObject_SetAttrString(stop, "args", l), 0)
        XCTAssertEqual(repr(stop), "StopIteration(1, 2)")
        XCTAssertEqual(show(getattr(stop, "__cause__")), "None")
        XCTAssertEqual(MiniObject_SetAttrString(stop, "__cause__", exit3), 0)
        XCTAssertEqual(show(getattr(stop, "__cause__")), "SystemExit(3)")
        XCTAssertEqual(MiniObject_SetAttrString(stop, "__context__", three), -1)
        XCTAssertEqual(takeError(), "TypeError: exception cause/context must be None or derive from BaseException")
        XCTAssertEqual(MiniObject_SetAttrString(stop, "__cause__", Mini_GetNone()), 0)
        // with_traceback sets __traceback__ and returns the exception.
        let tb = str("fake traceback")
        let method = getattr(stop, "with_traceback")!
        let res = MiniObject_CallOneArg(method, tb)!
        XCTAssertEqual(res, stop)
        XCTAssertEqual(show(getattr(stop, "__traceback__")), "'fake traceback'")
        for o in [args, stop, exitEmpty, three, exit3, os, l, tb, method, res] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testNoMemoryDoesNotAllocate() {
        let live = Mini_LiveObjects()
        XCTAssertNil(MiniErr_NoMemory())
        XCTAssertEqual(Mini_LiveObjects(), live)
        XCTAssertEqual(MiniErr_Occurred(), MiniExc_MemoryError)
        let e1 = MiniErr_GetRaisedException()!
        MiniErr_NoMemory()
        let e2 = MiniErr_GetRaisedException()!
        XCTAssertEqual(e1, e2)   // the preallocated instance
        XCTAssertEqual(repr(e1), "MemoryError()")
        Mini_DECREF(e1)
        Mini_DECREF(e2)
        assertBalanced()
    }

    func testNewException() {
        let cls = MiniErr_NewException("mymod.MyError", MiniExc_ValueError, nil)!
        XCTAssertEqual(repr(cls), "<class 'mymod.MyError'>")
        XCTAssertEqual(show(getattr(cls, "__module__")), "'mymod'")
        XCTAssertEqual(show(getattr(cls, "__name__")), "'MyError'")
        XCTAssertEqual(MiniExceptionClass_Check_Swift(cls), true)
        MiniErr_SetString(cls, "custom")
        XCTAssertEqual(MiniErr_ExceptionMatches(MiniExc_ValueError), 1)
        XCTAssertEqual(MiniErr_ExceptionMatches(cls), 1)
        let inst = MiniErr_GetRaisedException()!
        XCTAssertEqual(repr(inst), "MyError('custom')")
        var buf = [CChar](repeating: 0, count: 128)
        MiniErr_FormatExceptionOnly(inst, &buf, buf.count)
        XCTAssertEqual(cstr(buf), "mymod.MyError: custom")
        // A subclass of it, with a namespace.
        let ns = MiniDict_New()!
        let code = int(7)
        XCTAssertEqual(MiniDict_SetItemString(ns, "code", code), 0)
        let sub = MiniErr_NewException("mymod.SubError", cls, ns)!
        MiniErr_SetNone(sub)
        XCTAssertEqual(MiniErr_ExceptionMatches(cls), 1)
        let si = MiniErr_GetRaisedException()!
        XCTAssertEqual(show(getattr(si, "code")), "7")
        XCTAssertNil(MiniErr_NewException("NoDot", nil, nil))
        XCTAssertEqual(takeError(), "SystemError: MiniErr_NewException: name must be module.class")
        XCTAssertNil(MiniErr_NewException("m.Bad", code, nil))
        XCTAssertEqual(takeError(), "TypeError: MiniErr_NewException: base must be an exception class")
        // Default base: Exception.
        let plain = MiniErr_NewException("m.Plain", nil, nil)!
        XCTAssertEqual(MiniType_IsSubtype(asType(plain), asType(MiniExc_Exception)), 1)
        for o in [inst, ns, code, si, sub, plain, cls] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testPrint() {
        var buf = [CChar](repeating: 0, count: 1024)
        MiniErr_SetString(MiniExc_ValueError, "printed")
        ots_print_error_to(&buf, buf.count)
        XCTAssertEqual(cstr(buf), "ValueError: printed\n")
        XCTAssertNil(MiniErr_Occurred())
        // A chain with a cause and an attached traceback.
        let k = str("k")
        let cause = MiniObject_CallOneArg(MiniExc_KeyError, k)!
        Mini_DECREF(k)
        let exc = MiniObject_CallNoArgs(MiniExc_RuntimeError)!
        XCTAssertEqual(MiniObject_SetAttrString(exc, "__cause__", cause), 0)
        let tb = str("Traceback (most recent call last):\n  File \"t.py\", line 2, in <module>")
        XCTAssertEqual(MiniException_SetTraceback(exc, tb), 0)
        MiniErr_SetRaisedException(exc)
        ots_print_error_to(&buf, buf.count)
        XCTAssertEqual(cstr(buf), """
            KeyError: 'k'

            The above exception was the direct cause of the following exception:

            Traceback (most recent call last):
              File "t.py", line 2, in <module>
            RuntimeError

            """)
        // Printing with nothing set prints nothing.
        ots_print_error_to(&buf, buf.count)
        XCTAssertEqual(cstr(buf), "")
        Mini_DECREF(cause)
        Mini_DECREF(tb)
        assertBalanced()
    }
}

/// MiniExceptionClass_Check is a macro; the same test in Swift.
func MiniExceptionClass_Check_Swift(_ o: UnsafeMutablePointer<MiniObject>) -> Bool {
    let t = UnsafeMutablePointer<MiniTypeObject>(OpaquePointer(o))
    return MiniType_IsSubtype(t, UnsafeMutablePointer<MiniTypeObject>(OpaquePointer(MiniExc_BaseException))) == 1
}

