// StdlibTests.swift: MiniPy's standard-library modules (Sources/MiniVM/Modules/: threading, time, sys,
// math, random, concurrent.futures) driven through the Mini C API, as a C extension would use them:
// MiniImport_ImportModule, attribute lookup, calls. Thread targets are C functions made from Swift
// closures with MiniCFunction_NewEx. Checked: the threading primitives under real contention (N OS
// threads), that every blocking call lets the GIL go (counted, not timed), join timeouts, the
// excepthook output, CPython's exact random sequences (recorded once from CPython 3.11.7, so no
// python3 is needed), math results and errors, sys, time, and the thread pool. Every test ends with
// the live-object count and the reference total back where they started.
import XCTest
import CShims
import MiniVM

typealias StdlibObj = UnsafeMutablePointer<MiniObject>

// State the thread targets share (they run on other OS threads, always with the GIL held).
nonisolated(unsafe) private var sharedCounter = 0
nonisolated(unsafe) private var holders = 0
nonisolated(unsafe) private var maxHolders = 0
nonisolated(unsafe) private var progress = 0
nonisolated(unsafe) private var progressAtWake = -1
nonisolated(unsafe) private var sleeperDone = false
nonisolated(unsafe) private var recorded: [Int] = []
nonisolated(unsafe) private var capturedOut: [UInt8] = []
nonisolated(unsafe) private var capturedErr: [UInt8] = []
nonisolated(unsafe) private var moduleCache: [String: StdlibObj] = [:]

/// The interpreter's output sink during a capture: bytes per stream.
private let captureSink: MiniVMWriteFunc = { stream, data, len, _ in
    guard let data, len > 0 else { return }
    let bytes = UnsafeRawBufferPointer(start: data, count: len)
    if stream == 2 { capturedErr.append(contentsOf: bytes) } else { capturedOut.append(contentsOf: bytes) }
}

/// A builtin function object for a C function (the method table entry lives forever).
private func cFunction(_ name: String, _ flags: Int32, _ fn: MiniCFunction) -> StdlibObj {
    let def = UnsafeMutablePointer<MiniMethodDef>.allocate(capacity: 1)
    def.initialize(to: MiniMethodDef(ml_name: strdup(name), ml_meth: fn, ml_flags: flags, ml_doc: nil))
    return MiniCFunction_NewEx(def, nil, nil)!
}

private func noneRef() -> StdlibObj { Mini_NewRef(Mini_GetNone()) }

/// obj.name(*args) with borrowed arguments; new reference or nil (error set).
@discardableResult
private func pyCall(_ obj: StdlibObj, _ name: String, _ args: [StdlibObj] = [], _ kwargs: [(String, StdlibObj)] = []) -> StdlibObj? {
    guard let f = MiniObject_GetAttrString(obj, name) else { return nil }
    defer { Mini_DECREF(f) }
    return pyCallObject(f, args, kwargs)
}

/// f(*args, **kwargs) with borrowed arguments.
private func pyCallObject(_ f: StdlibObj, _ args: [StdlibObj] = [], _ kwargs: [(String, StdlibObj)] = []) -> StdlibObj? {
    let t = MiniTuple_New(args.count)!
    for (i, a) in args.enumerated() { MiniTuple_SetItem(t, i, Mini_NewRef(a)) }
    var kw: StdlibObj? = nil
    if !kwargs.isEmpty {
        kw = MiniDict_New()
        for (k, v) in kwargs { MiniDict_SetItemString(kw, k, v) }
    }
    let r = MiniObject_Call(f, t, kw)
    Mini_DECREF(t)
    if let kw { Mini_DECREF(kw) }
    return r
}

/// The pending exception as "Type: message" (cleared), or nil.
private func takeError() -> String? {
    guard let exc = MiniErr_GetRaisedException() else { return nil }
    var buf = [CChar](repeating: 0, count: 1024)
    MiniErr_FormatExceptionOnly(exc, &buf, buf.count)
    Mini_DECREF(exc)
    return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// repr(o) as a String; consumes o.
private func reprOf(_ o: StdlibObj?) -> String {
    guard let o else { return "ERROR " + (takeError() ?? "?") }
    defer { Mini_DECREF(o) }
    guard let r = MiniObject_Repr(o) else { return "ERROR " + (takeError() ?? "?") }
    defer { Mini_DECREF(r) }
    return String(cString: MiniUnicode_AsUTF8(r))
}

final class StdlibTests: XCTestCase {
    var startRefs = 0
    var startLive = 0

    /// The runtime (which registers the stdlib as built-in modules), the VM ready, every stdlib
    /// module imported (imports are cached for the process, so they are outside the balance),
    /// checked mode on.
    override func setUp() {
        super.setUp()
        Mini_Initialize()
        XCTAssertEqual(MiniImport_IsBuiltin("threading"), 1)
        Mini_SetCheckedMode(1)
        XCTAssertEqual(MiniVM_Init(), 0)
        for name in ["threading", "time", "sys", "math", "random", "concurrent.futures"] where moduleCache[name] == nil {
            guard let m = MiniImport_ImportModule(name) else {
                XCTFail("import \(name): \(takeError() ?? "?")")
                continue
            }
            moduleCache[name] = m
        }
        startRefs = Mini_TotalRefCount()
        startLive = Mini_LiveObjects()
    }

    func mod(_ name: String) -> StdlibObj { moduleCache[name]! }

    func assertBalanced(file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNil(takeError(), "an exception was left set", file: file, line: line)
        XCTAssertEqual(Mini_LiveObjects(), startLive, "live objects differ from the start of the test", file: file, line: line)
        XCTAssertEqual(Mini_TotalRefCount(), startRefs, "total refcount differs from the start of the test", file: file, line: line)
    }

    func int(_ v: Int) -> StdlibObj { MiniLong_FromLong(v)! }
    func float(_ v: Double) -> StdlibObj { MiniFloat_FromDouble(v)! }
    func str(_ s: String) -> StdlibObj { MiniUnicode_FromString(s)! }

    /// Calls module.name(*args) (arguments consumed) and returns the repr of the result, or
    /// "ERROR Type: message".
    func r(_ module: String, _ name: String, _ args: [StdlibObj] = [], _ kwargs: [(String, StdlibObj)] = []) -> String {
        let result = pyCall(mod(module), name, args, kwargs)
        args.forEach { Mini_DECREF($0) }
        kwargs.forEach { Mini_DECREF($0.1) }
        return reprOf(result)
    }

    func thread(target: StdlibObj, args: [StdlibObj] = [], name: String? = nil) -> StdlibObj {
        let argTuple = MiniTuple_New(args.count)!
        for (i, a) in args.enumerated() { MiniTuple_SetItem(argTuple, i, Mini_NewRef(a)) }
        var kwargs: [(String, StdlibObj)] = [("target", target), ("args", argTuple)]
        let n = name.map { str($0) }
        if let n { kwargs.append(("name", n)) }
        let t = pyCall(mod("threading"), "Thread", [], kwargs)
        Mini_DECREF(argTuple)
        if let n { Mini_DECREF(n) }
        XCTAssertNotNil(t, takeError() ?? "")
        return t!
    }

    func start(_ t: StdlibObj) { XCTAssertEqual(reprOf(pyCall(t, "start")), "None") }
    func join(_ t: StdlibObj) { XCTAssertEqual(reprOf(pyCall(t, "join")), "None") }

    func beginCapture() {
        capturedOut = []
        capturedErr = []
        MiniVM_SetOutput(captureSink, nil)
    }

    func endCapture() -> (out: String, err: String) {
        MiniVM_SetOutput(nil, nil)
        return (String(decoding: capturedOut, as: UTF8.self), String(decoding: capturedErr, as: UTF8.self))
    }

    // MARK: - threading

    /// 4 OS threads x 300 increments of a shared counter; each increment reads, yields the GIL in
    /// the middle (time.sleep(0)) and writes back, so without the Lock updates would be lost.
    func testLockKeepsIncrementsUnderContention() {
        sharedCounter = 0
        let target = cFunction("increment", MINI_METH_VARARGS) { _, args in
            let lock = MiniTuple_GetItem(args, 0)!, sleep = MiniTuple_GetItem(args, 1)!
            let zero = MiniLong_FromLong(0)!
            defer { Mini_DECREF(zero) }
            for _ in 0..<300 {
                guard let a = pyCall(lock, "acquire") else { return nil }
                Mini_DECREF(a)
                let seen = sharedCounter
                guard let s = MiniObject_CallOneArg(sleep, zero) else { return nil }   // lets other threads run
                Mini_DECREF(s)
                sharedCounter = seen + 1
                guard let rel = pyCall(lock, "release") else { return nil }
                Mini_DECREF(rel)
            }
            return Mini_NewRef(Mini_GetNone())
        }
        let lock = pyCall(mod("threading"), "Lock")!
        let sleep = MiniObject_GetAttrString(mod("time"), "sleep")!
        let threads = (0..<4).map { _ in thread(target: target, args: [lock, sleep]) }
        threads.forEach(start)
        threads.forEach(join)
        XCTAssertEqual(sharedCounter, 1200)
        XCTAssertEqual(reprOf(pyCall(lock, "locked")), "False")
        XCTAssertTrue(reprOf(Mini_NewRef(lock)).hasPrefix("<unlocked _thread.lock object at 0x"))
        XCTAssertEqual(reprOf(pyCall(lock, "release")), "ERROR RuntimeError: release unlocked lock")
        let second = float(1)
        XCTAssertEqual(reprOf(pyCall(lock, "acquire", [Mini_GetFalse(), second])),
                       "ERROR ValueError: can't specify a timeout for a non-blocking call")
        threads.forEach { Mini_DECREF($0) }
        [lock, sleep, target, second].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    func testLockTimeoutsAndContextManager() {
        let lock = pyCall(mod("threading"), "Lock")!
        XCTAssertEqual(reprOf(pyCall(lock, "__enter__")), "True")
        XCTAssertEqual(reprOf(pyCall(lock, "acquire", [Mini_GetFalse()])), "False")
        let t = float(0.05)
        XCTAssertEqual(reprOf(pyCall(lock, "acquire", [], [("timeout", t)])), "False")
        XCTAssertEqual(reprOf(pyCall(lock, "__exit__", [Mini_GetNone(), Mini_GetNone(), Mini_GetNone()])), "None")
        XCTAssertEqual(reprOf(pyCall(lock, "acquire", [], [("timeout", t)])), "True")
        XCTAssertEqual(reprOf(pyCall(lock, "release")), "None")
        let rlock = pyCall(mod("threading"), "RLock")!
        XCTAssertEqual(reprOf(pyCall(rlock, "acquire")), "True")
        XCTAssertEqual(reprOf(pyCall(rlock, "acquire")), "True")
        XCTAssertTrue(reprOf(Mini_NewRef(rlock)).hasPrefix("<locked _thread.RLock object owner="))
        XCTAssertTrue(reprOf(Mini_NewRef(rlock)).contains(" count=2 at 0x"))
        XCTAssertEqual(reprOf(pyCall(rlock, "release")), "None")
        XCTAssertEqual(reprOf(pyCall(rlock, "release")), "None")
        XCTAssertEqual(reprOf(pyCall(rlock, "release")), "ERROR RuntimeError: cannot release un-acquired lock")
        [t, lock, rlock].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    /// A thread blocked in Event.wait() wakes when the main thread sets it; wait(timeout) on an
    /// unset event returns False.
    func testEventWakesWaiter() {
        recorded = []
        let target = cFunction("waiter", MINI_METH_VARARGS) { _, args in
            let event = MiniTuple_GetItem(args, 0)!
            guard let r = pyCall(event, "wait") else { return nil }
            recorded.append(MiniObject_IsTrue(r) == 1 ? 1 : 0)
            Mini_DECREF(r)
            return Mini_NewRef(Mini_GetNone())
        }
        let event = pyCall(mod("threading"), "Event")!
        let short = float(0.05)
        XCTAssertEqual(reprOf(pyCall(event, "wait", [short])), "False")
        let t = thread(target: target, args: [event])
        start(t)
        XCTAssertEqual(reprOf(pyCall(t, "is_alive")), "True")
        XCTAssertEqual(recorded, [])
        XCTAssertEqual(reprOf(pyCall(event, "set")), "None")
        join(t)
        XCTAssertEqual(recorded, [1])
        XCTAssertEqual(reprOf(pyCall(event, "is_set")), "True")
        XCTAssertEqual(reprOf(pyCall(event, "wait", [short])), "True")
        XCTAssertTrue(reprOf(Mini_NewRef(event)).hasSuffix(": set>"))
        [t, event, short, target].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    /// Semaphore(2) shared by 6 threads that each hold it across a sleep: never more than 2
    /// holders at once, and 2 at some point.
    func testSemaphoreBoundsConcurrency() {
        holders = 0
        maxHolders = 0
        let target = cFunction("holder", MINI_METH_VARARGS) { _, args in
            let sem = MiniTuple_GetItem(args, 0)!, sleep = MiniTuple_GetItem(args, 1)!
            guard let a = pyCall(sem, "__enter__") else { return nil }
            Mini_DECREF(a)
            holders += 1
            maxHolders = max(maxHolders, holders)
            let d = MiniFloat_FromDouble(0.02)!
            let s = MiniObject_CallOneArg(sleep, d)
            Mini_DECREF(d)
            guard let s else { return nil }
            Mini_DECREF(s)
            holders -= 1
            return pyCall(sem, "__exit__", [Mini_GetNone(), Mini_GetNone(), Mini_GetNone()])
        }
        let two = int(2), one = int(1)
        let sem = pyCall(mod("threading"), "Semaphore", [two])!
        let sleep = MiniObject_GetAttrString(mod("time"), "sleep")!
        let threads = (0..<6).map { _ in thread(target: target, args: [sem, sleep]) }
        threads.forEach(start)
        threads.forEach(join)
        XCTAssertEqual(maxHolders, 2)
        XCTAssertEqual(holders, 0)
        XCTAssertTrue(reprOf(Mini_NewRef(sem)).hasSuffix(": value=2>"))
        let bounded = pyCall(mod("threading"), "BoundedSemaphore", [one])!
        XCTAssertEqual(reprOf(pyCall(bounded, "release")), "ERROR ValueError: Semaphore released too many times")
        XCTAssertEqual(reprOf(pyCall(bounded, "acquire", [Mini_GetFalse()])), "True")
        XCTAssertEqual(reprOf(pyCall(bounded, "acquire", [Mini_GetFalse()])), "False")
        XCTAssertEqual(r("threading", "Semaphore", [int(-1)]), "ERROR ValueError: semaphore initial value must be >= 0")
        threads.forEach { Mini_DECREF($0) }
        [sem, bounded, sleep, target, one, two].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    /// Barrier(3): three threads all get through, with the arrival indices 0, 1, 2 and the action
    /// run once; a lone waiter with a timeout breaks the barrier.
    func testBarrierReleasesAllParties() {
        recorded = []
        sharedCounter = 0
        let target = cFunction("party", MINI_METH_VARARGS) { _, args in
            guard let index = pyCall(MiniTuple_GetItem(args, 0)!, "wait") else { return nil }
            recorded.append(MiniLong_AsLong(index))
            Mini_DECREF(index)
            return Mini_NewRef(Mini_GetNone())
        }
        let action = cFunction("action", MINI_METH_NOARGS) { _, _ in
            sharedCounter += 1
            return Mini_NewRef(Mini_GetNone())
        }
        let three = int(3), two = int(2)
        let barrier = pyCall(mod("threading"), "Barrier", [three], [("action", action)])!
        let threads = (0..<3).map { _ in thread(target: target, args: [barrier]) }
        threads.forEach(start)
        threads.forEach(join)
        XCTAssertEqual(recorded.sorted(), [0, 1, 2])
        XCTAssertEqual(sharedCounter, 1)
        XCTAssertEqual(reprOf(MiniObject_GetAttrString(barrier, "n_waiting")), "0")
        XCTAssertEqual(reprOf(MiniObject_GetAttrString(barrier, "parties")), "3")
        let lone = pyCall(mod("threading"), "Barrier", [two])!
        let t = float(0.05)
        XCTAssertEqual(reprOf(pyCall(lone, "wait", [t])), "ERROR threading.BrokenBarrierError")
        XCTAssertEqual(reprOf(MiniObject_GetAttrString(lone, "broken")), "True")
        XCTAssertTrue(reprOf(Mini_NewRef(lone)).hasSuffix(": broken>"))
        XCTAssertEqual(reprOf(pyCall(lone, "reset")), "None")
        XCTAssertEqual(reprOf(MiniObject_GetAttrString(lone, "broken")), "False")
        threads.forEach { Mini_DECREF($0) }
        [barrier, lone, t, action, target, three, two].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    /// join(timeout) returns while the thread is still running; is_alive() says so; a later
    /// join() waits for the end.
    func testJoinTimeoutLeavesThreadAlive() {
        let target = cFunction("blocked", MINI_METH_VARARGS) { _, args in
            pyCall(MiniTuple_GetItem(args, 0)!, "wait")
        }
        let event = pyCall(mod("threading"), "Event")!
        let t = thread(target: target, args: [event], name: "blocked-worker")
        start(t)
        let timeout = float(0.05)
        XCTAssertEqual(reprOf(pyCall(t, "join", [timeout])), "None")
        XCTAssertEqual(reprOf(pyCall(t, "is_alive")), "True")
        let rep = reprOf(Mini_NewRef(t))
        XCTAssertTrue(rep.hasPrefix("<Thread(blocked-worker, started "), rep)
        XCTAssertEqual(reprOf(pyCall(t, "start")), "ERROR RuntimeError: threads can only be started once")
        XCTAssertEqual(reprOf(pyCall(event, "set")), "None")
        join(t)
        XCTAssertEqual(reprOf(pyCall(t, "is_alive")), "False")
        XCTAssertTrue(reprOf(Mini_NewRef(t)).hasPrefix("<Thread(blocked-worker, stopped "))
        [t, event, timeout, target].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    /// time.sleep releases the GIL: while one thread sleeps, a thread that needs the GIL makes
    /// progress. The control, a C sleep that keeps the GIL, lets it make none.
    func testSleepReleasesTheGIL() {
        let sleeper = cFunction("sleeper", MINI_METH_VARARGS) { _, args in
            let sleep = MiniTuple_GetItem(args, 0)!
            let d = MiniFloat_FromDouble(0.2)!
            let r = MiniObject_CallOneArg(sleep, d)
            Mini_DECREF(d)
            guard let r else { return nil }
            Mini_DECREF(r)
            progressAtWake = progress
            sleeperDone = true
            return Mini_NewRef(Mini_GetNone())
        }
        let greedySleeper = cFunction("greedy", MINI_METH_VARARGS) { _, _ in
            usleep(200_000)                      // sleeps holding the GIL
            progressAtWake = progress
            sleeperDone = true
            return Mini_NewRef(Mini_GetNone())
        }
        let counter = cFunction("counter", MINI_METH_VARARGS) { _, _ in
            while !sleeperDone {                 // runs only while it holds the GIL
                progress += 1
                if MiniEval_Poll() < 0 { return nil }
            }
            return Mini_NewRef(Mini_GetNone())
        }
        let sleep = MiniObject_GetAttrString(mod("time"), "sleep")!
        for (fn, expectProgress) in [(sleeper, true), (greedySleeper, false)] {
            progress = 0
            progressAtWake = -1
            sleeperDone = false
            let a = thread(target: fn, args: [sleep]), b = thread(target: counter)
            start(a)
            start(b)
            join(a)
            join(b)
            if expectProgress {
                XCTAssertGreaterThan(progressAtWake, 0, "no progress while time.sleep ran: it kept the GIL")
            } else {
                XCTAssertEqual(progressAtWake, 0, "the control sleep held the GIL, nobody should have run")
            }
            Mini_DECREF(a)
            Mini_DECREF(b)
        }
        [sleep, sleeper, greedySleeper, counter].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    /// Condition: a consumer waits for items a producer appends under the lock; wait_for, notify
    /// on an unacquired lock.
    func testConditionProducerConsumer() {
        recorded = []
        let consumer = cFunction("consumer", MINI_METH_VARARGS) { _, args in
            let cond = MiniTuple_GetItem(args, 0)!, items = MiniTuple_GetItem(args, 1)!
            guard let e = pyCall(cond, "__enter__") else { return nil }
            Mini_DECREF(e)
            while recorded.count < 3 {
                if MiniList_Size(items) == 0 {
                    guard let w = pyCall(cond, "wait") else { return nil }
                    Mini_DECREF(w)
                    continue
                }
                recorded.append(MiniLong_AsLong(MiniList_GetItem(items, 0)!))
                let zero = MiniLong_FromLong(0)!
                let deleted = MiniObject_DelItem(items, zero)
                Mini_DECREF(zero)
                if deleted < 0 { return nil }
            }
            return pyCall(cond, "__exit__", [Mini_GetNone(), Mini_GetNone(), Mini_GetNone()])
        }
        let cond = pyCall(mod("threading"), "Condition")!
        let items = MiniList_New(0)!
        let t = thread(target: consumer, args: [cond, items])
        start(t)
        for v in 1...3 {
            XCTAssertEqual(reprOf(pyCall(cond, "__enter__")), "True")
            let o = int(v * 10)
            MiniList_Append(items, o)
            Mini_DECREF(o)
            XCTAssertEqual(reprOf(pyCall(cond, "notify")), "None")
            XCTAssertEqual(reprOf(pyCall(cond, "__exit__", [Mini_GetNone(), Mini_GetNone(), Mini_GetNone()])), "None")
        }
        join(t)
        XCTAssertEqual(recorded, [10, 20, 30])
        XCTAssertEqual(reprOf(pyCall(cond, "notify")), "ERROR RuntimeError: cannot notify on un-acquired lock")
        XCTAssertEqual(reprOf(pyCall(cond, "wait")), "ERROR RuntimeError: cannot wait on un-acquired lock")
        // wait_for with a predicate that is never true times out and returns its last value.
        let never = cFunction("never", MINI_METH_NOARGS) { _, _ in Mini_NewRef(Mini_GetFalse()) }
        XCTAssertEqual(reprOf(pyCall(cond, "acquire")), "True")
        let timeout = float(0.05)
        XCTAssertEqual(reprOf(pyCall(cond, "wait_for", [never, timeout])), "False")
        XCTAssertEqual(reprOf(pyCall(cond, "wait", [timeout])), "False")
        XCTAssertTrue(reprOf(Mini_NewRef(cond)).hasPrefix("<Condition(<locked _thread.RLock object owner="))
        XCTAssertEqual(reprOf(pyCall(cond, "release")), "None")
        [t, cond, items, consumer, never, timeout].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    /// An exception escaping a thread prints as CPython's threading.excepthook prints it, and the
    /// process (here: the test) carries on; SystemExit ends a thread silently.
    func testUncaughtExceptionInThreadIsPrinted() {
        let boom = cFunction("boom", MINI_METH_VARARGS) { _, _ in
            MiniErr_SetString(MiniExc_ValueError, "boom")
            return nil
        }
        let quit = cFunction("quit", MINI_METH_VARARGS) { _, _ in
            MiniErr_SetNone(MiniExc_SystemExit)
            return nil
        }
        beginCapture()
        let t = thread(target: boom)
        let name = reprOf(MiniObject_GetAttrString(t, "name"))
        start(t)
        join(t)
        let q = thread(target: quit)
        start(q)
        join(q)
        let (out, err) = endCapture()
        XCTAssertTrue(name.hasPrefix("'Thread-") && name.hasSuffix(" (boom)'"), name)
        XCTAssertEqual(out, "")
        XCTAssertEqual(err, "Exception in thread \(name.dropFirst().dropLast()):\nValueError: boom\n")
        [t, q, boom, quit].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    /// current_thread() inside a thread is that thread; enumerate and active_count see it; the
    /// main thread is MainThread.
    func testCurrentThreadAndEnumerate() {
        recorded = []
        let probe = cFunction("probe", MINI_METH_VARARGS) { _, args in
            let threading = MiniTuple_GetItem(args, 0)!
            guard let me = pyCall(threading, "current_thread"), let all = pyCall(threading, "enumerate"),
                  let count = pyCall(threading, "active_count") else { return nil }
            guard let name = MiniObject_GetAttrString(me, "name") else { return nil }
            recorded.append(MiniUnicode_EqualToUTF8(name, "probe-thread") == 1 ? 1 : 0)
            Mini_DECREF(name)
            recorded.append(MiniSequence_Contains(all, me) == 1 ? 1 : 0)
            // C code run by the thread may use the GILState API: it finds the thread's own state.
            let state = MiniGILState_Ensure()
            recorded.append(state == MINI_GILSTATE_LOCKED ? 1 : 0)
            MiniGILState_Release(state)
            recorded.append(MiniLong_AsLong(count))
            [me, all, count].forEach { Mini_DECREF($0) }
            return Mini_NewRef(Mini_GetNone())
        }
        let t = thread(target: probe, args: [mod("threading")], name: "probe-thread")
        start(t)
        join(t)
        XCTAssertEqual(recorded, [1, 1, 1, 2])
        let main = reprOf(pyCall(mod("threading"), "current_thread"))
        XCTAssertTrue(main.hasPrefix("<_MainThread(MainThread, started "), main)
        XCTAssertEqual(reprOf(pyCall(mod("threading"), "active_count")), "1")
        XCTAssertEqual(r("threading", "Thread", [], [("group", int(1))]), "ERROR AssertionError: group argument must be None for now")
        let fresh = pyCall(mod("threading"), "Thread")!
        XCTAssertEqual(reprOf(pyCall(fresh, "join")), "ERROR RuntimeError: cannot join thread before it is started")
        XCTAssertTrue(reprOf(Mini_NewRef(fresh)).hasSuffix(", initial)>"))
        let yes = Mini_GetTrue()
        XCTAssertEqual(MiniObject_SetAttrString(fresh, "daemon", yes), 0)
        XCTAssertEqual(reprOf(MiniObject_GetAttrString(fresh, "daemon")), "True")
        XCTAssertEqual(reprOf(MiniObject_GetAttrString(fresh, "ident")), "None")
        [t, fresh, probe].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    /// _MiniThreading_JoinAll (the interpreter's shut-down) waits for running non-daemon threads.
    func testJoinAllWaitsForNonDaemonThreads() {
        let target = cFunction("napper", MINI_METH_VARARGS) { _, args in
            let d = MiniFloat_FromDouble(0.1)!
            defer { Mini_DECREF(d) }
            return MiniObject_CallOneArg(MiniTuple_GetItem(args, 0)!, d)
        }
        let sleep = MiniObject_GetAttrString(mod("time"), "sleep")!
        let t = thread(target: target, args: [sleep])
        start(t)
        XCTAssertEqual(reprOf(pyCall(t, "is_alive")), "True")
        XCTAssertEqual(_MiniThreading_JoinAll(), 0)
        XCTAssertEqual(reprOf(pyCall(t, "is_alive")), "False")
        [t, sleep, target].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    // MARK: - concurrent.futures

    func testThreadPoolExecutorMapSubmitAndErrors() {
        let square = cFunction("square", MINI_METH_O) { _, x in MiniNumber_Multiply(x, x) }
        let fail = cFunction("fail", MINI_METH_O) { _, _ in
            MiniErr_SetString(MiniExc_KeyError, "nope")
            return nil
        }
        let threadName = cFunction("thread_name", MINI_METH_VARARGS) { _, args in
            guard let me = pyCall(MiniTuple_GetItem(args, 0)!, "current_thread") else { return nil }
            defer { Mini_DECREF(me) }
            return MiniObject_GetAttrString(me, "name")
        }
        let cf = mod("concurrent.futures")
        let two = int(2)
        let ex = pyCall(cf, "ThreadPoolExecutor", [], [("max_workers", two)])!
        XCTAssertEqual(reprOf(pyCall(ex, "__enter__")).hasPrefix("<concurrent.futures.ThreadPoolExecutor object"), true)
        let items = MiniList_New(0)!
        for v in 1...6 { let o = int(v); MiniList_Append(items, o); Mini_DECREF(o) }
        let mapped = pyCall(ex, "map", [square, items])!
        let list = MiniList_New(0)!
        XCTAssertEqual(MiniList_Extend(list, mapped), 0)
        XCTAssertEqual(reprOf(list), "[1, 4, 9, 16, 25, 36]")
        Mini_DECREF(mapped)
        let seven = int(7)
        let f = pyCall(ex, "submit", [square, seven])!
        XCTAssertEqual(reprOf(pyCall(f, "result")), "49")
        XCTAssertTrue(reprOf(Mini_NewRef(f)).hasSuffix(" state=finished returned int>"))
        XCTAssertEqual(reprOf(pyCall(f, "done")), "True")
        let bad = pyCall(ex, "submit", [fail, seven])!
        XCTAssertEqual(reprOf(pyCall(bad, "result")), "ERROR KeyError: 'nope'")
        XCTAssertEqual(reprOf(pyCall(bad, "exception")), "KeyError('nope')")
        XCTAssertTrue(reprOf(Mini_NewRef(bad)).hasSuffix(" state=finished raised KeyError>"))
        let nameFuture = pyCall(ex, "submit", [threadName, mod("threading")])!
        let workerName = reprOf(pyCall(nameFuture, "result"))
        XCTAssertTrue(workerName.hasPrefix("'ThreadPoolExecutor-") && (workerName.hasSuffix("_0'") || workerName.hasSuffix("_1'")),
                      workerName)
        // as_completed yields every future once; wait() reports them all done.
        let fs = MiniList_New(0)!
        for v in 1...4 {
            let o = int(v)
            let fut = pyCall(ex, "submit", [square, o])!
            MiniList_Append(fs, fut)
            [o, fut].forEach { Mini_DECREF($0) }
        }
        let it = pyCall(cf, "as_completed", [fs])!
        var results: [Int] = []
        while let done = MiniIter_Next(it) {
            let v = pyCall(done, "result")!
            results.append(MiniLong_AsLong(v))
            [v, done].forEach { Mini_DECREF($0) }
        }
        XCTAssertNil(takeError())
        XCTAssertEqual(results.sorted(), [1, 4, 9, 16])
        let waited = pyCall(cf, "wait", [fs])!
        let notDone = MiniObject_GetAttrString(waited, "not_done")!
        XCTAssertEqual(MiniObject_Length(notDone), 0)
        XCTAssertEqual(reprOf(pyCall(ex, "__exit__", [Mini_GetNone(), Mini_GetNone(), Mini_GetNone()])), "False")
        XCTAssertEqual(reprOf(pyCall(ex, "submit", [square, seven])),
                       "ERROR RuntimeError: cannot schedule new futures after shutdown")
        let threads = MiniObject_GetAttrString(ex, "_threads")!
        XCTAssertEqual(MiniList_Size(threads), 2)
        for i in 0..<MiniList_Size(threads) {
            XCTAssertEqual(reprOf(pyCall(MiniList_GetItem(threads, i)!, "is_alive")), "False")
        }
        [threads, waited, notDone, it, fs, nameFuture, bad, f, seven, items, ex, two, square, fail, threadName]
            .forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    /// A failing initializer breaks the pool: queued futures get BrokenThreadPool, and so does
    /// every later submit(); the failure is printed as CPython's logger prints it.
    func testBrokenThreadPoolAfterInitializerFails() {
        let cf = mod("concurrent.futures")
        let failing = cFunction("init", MINI_METH_VARARGS) { _, _ in
            MiniErr_SetString(MiniExc_RuntimeError, "no setup")
            return nil
        }
        let square = cFunction("square", MINI_METH_O) { _, x in MiniNumber_Multiply(x, x) }
        let one = int(1)
        beginCapture()
        let ex = pyCall(cf, "ThreadPoolExecutor", [one], [("initializer", failing)])!
        let f = pyCall(ex, "submit", [square, one])!
        let message = "A thread initializer failed, the thread pool is not usable anymore"
        XCTAssertEqual(reprOf(pyCall(f, "exception")), "BrokenThreadPool('\(message)')")
        XCTAssertEqual(reprOf(pyCall(ex, "submit", [square, one])),
                       "ERROR concurrent.futures.thread.BrokenThreadPool: \(message)")
        XCTAssertEqual(reprOf(pyCall(ex, "shutdown")), "None")
        let err = endCapture().err
        XCTAssertEqual(err, "Exception in initializer:\nRuntimeError: no setup\n")
        [f, ex, one, square, failing].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    func testFutureStatesAndTimeouts() {
        let cf = mod("concurrent.futures")
        let f = pyCall(cf, "Future")!
        XCTAssertTrue(reprOf(Mini_NewRef(f)).hasSuffix(" state=pending>"))
        let t = float(0.02)
        XCTAssertEqual(reprOf(pyCall(f, "result", [t])), "ERROR TimeoutError")
        XCTAssertEqual(reprOf(pyCall(f, "set_running_or_notify_cancel")), "True")
        XCTAssertEqual(reprOf(pyCall(f, "cancel")), "False")
        let v = str("ok")
        XCTAssertEqual(reprOf(pyCall(f, "set_result", [v])), "None")
        XCTAssertEqual(reprOf(pyCall(f, "result")), "'ok'")
        let err = reprOf(pyCall(f, "set_result", [v]))
        XCTAssertTrue(err.hasPrefix("ERROR concurrent.futures._base.InvalidStateError: FINISHED: <Future at 0x"), err)
        let c = pyCall(cf, "Future")!
        XCTAssertEqual(reprOf(pyCall(c, "cancel")), "True")
        XCTAssertEqual(reprOf(pyCall(c, "cancelled")), "True")
        XCTAssertEqual(reprOf(pyCall(c, "result")), "ERROR concurrent.futures._base.CancelledError")
        // A future nobody finishes: as_completed gives up after its timeout.
        let pending = pyCall(cf, "Future")!
        let fs = MiniList_New(0)!
        MiniList_Append(fs, pending)
        let it = pyCall(cf, "as_completed", [fs], [("timeout", t)])!
        XCTAssertNil(MiniIter_Next(it))
        XCTAssertEqual(takeError(), "TimeoutError: 1 (of 1) futures unfinished")
        [it, fs, pending, c, v, t, f].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    func testConcurrentPackageImports() {
        let pkg = MiniImport_ImportModule("concurrent")!
        let futures = MiniObject_GetAttrString(pkg, "futures")!
        XCTAssertTrue(futures == mod("concurrent.futures"))
        [pkg, futures].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    // MARK: - random

    /// CPython 3.11.7's outputs for the same calls, recorded once:
    ///   random.seed(s); [random() x3]; [randint(1, 6) x5]; [randrange(0, 100, 7) x3];
    ///   randrange(10**6); getrandbits(31), getrandbits(33), getrandbits(63)
    func testRandomMatchesCPythonSequences() {
        let cases: [(seed: () -> StdlibObj, expected: String)] = [
            ({ self.int(0) }, "[0.8444218515250481, 0.7579544029403025, 0.420571580830845] [3, 5, 4, 4, 3] [49, 35, 63] 934973 (1950157577, 5233171673, 2599495322613281050)"),
            ({ self.int(1) }, "[0.13436424411240122, 0.8474337369372327, 0.763774618976614] [3, 1, 4, 4, 4] [70, 42, 84] 220153 (201561926, 2095328386, 7708572504577567974)"),
            ({ self.int(42) }, "[0.6394267984578837, 0.025010755222666936, 0.27502931836911926] [2, 2, 6, 1, 6] [77, 98, 56] 91161 (1268073012, 1812140441, 864186096263678574)"),
            ({ self.int(12345) }, "[0.41661987254534116, 0.010169169457068361, 0.8252065092537432] [3, 3, 2, 3, 5] [42, 14, 35] 130303 (1877275096, 1859447115, 5785034832289751076)"),
            ({ self.int(-3) }, "[0.23796462709189137, 0.5442292252959519, 0.36995516654807925] [5, 4, 6, 5, 1] [63, 0, 98] 878149 (1007668780, 5408884292, 1768527152493174067)"),
            ({ self.int(1_099_511_627_783) }, "[0.6137037779936511, 0.8149162973309487, 0.9450115087592873] [5, 6, 4, 3, 5] [14, 56, 42] 546660 (1545686885, 1559734921, 4145213809904524104)"),
            ({ self.str("hello") }, "[0.3537754404730722, 0.6631985810268619, 0.5476053663383964] [2, 3, 1, 6, 3] [70, 98, 70] 168094 (355767446, 4507008000, 7482005314758552383)"),
            ({ MiniBytes_FromString("bytes")! }, "[0.37075677971469856, 0.6703304051208392, 0.1462615841414766] [1, 4, 2, 3, 2] [49, 0, 21] 116704 (580382030, 1952642473, 3616507314360759387)"),
            ({ self.float(3.14) }, "[0.7754488379965433, 0.71745687707993, 0.20795186508444463] [5, 2, 5, 4, 2] [42, 28, 98] 137292 (973761414, 498758700, 7542768630232240864)"),
        ]
        for (seed, expected) in cases {
            XCTAssertEqual(r("random", "seed", [seed()]), "None")
            let floats = (0..<3).map { _ in r("random", "random") }.joined(separator: ", ")
            let dice = (0..<5).map { _ in r("random", "randint", [int(1), int(6)]) }.joined(separator: ", ")
            let steps = (0..<3).map { _ in r("random", "randrange", [int(0), int(100), int(7)]) }.joined(separator: ", ")
            let big = r("random", "randrange", [int(1_000_000)])
            let bits = [31, 33, 63].map { r("random", "getrandbits", [int($0)]) }.joined(separator: ", ")
            XCTAssertEqual("[\(floats)] [\(dice)] [\(steps)] \(big) (\(bits))", expected)
        }
        assertBalanced()
    }

    /// The sequence functions, the distributions and the Random class, after random.seed(2024).
    func testRandomSequenceFunctionsMatchCPython() {
        XCTAssertEqual(r("random", "seed", [int(2024)]), "None")
        let l = MiniList_New(0)!
        for v in 0..<10 { let o = int(v); MiniList_Append(l, o); Mini_DECREF(o) }
        XCTAssertEqual(r("random", "shuffle", [Mini_NewRef(l)]), "None")
        XCTAssertEqual(reprOf(l), "[6, 0, 9, 8, 3, 5, 1, 4, 2, 7]")
        XCTAssertEqual((0..<5).map { _ in r("random", "choice", [str("abcdefg")]) }, ["'f'", "'g'", "'f'", "'d'", "'c'"])
        func ints(_ n: Int) -> StdlibObj {
            let list = MiniList_New(0)!
            for v in 0..<n { let o = int(v); MiniList_Append(list, o); Mini_DECREF(o) }
            return list
        }
        XCTAssertEqual(r("random", "sample", [ints(20), int(5)]), "[13, 16, 6, 9, 10]")
        XCTAssertEqual(r("random", "sample", [ints(1_000_000), int(5)]), "[544578, 78299, 766886, 811989, 909223]")
        XCTAssertEqual(r("random", "sample", [ints(100), int(7)]), "[26, 88, 96, 93, 59, 90, 83]")
        func xyz() -> StdlibObj {
            let list = MiniList_New(0)!
            for s in ["x", "y", "z"] { let o = str(s); MiniList_Append(list, o); Mini_DECREF(o) }
            return list
        }
        XCTAssertEqual(r("random", "choices", [xyz()], [("k", int(6))]), "['x', 'x', 'y', 'x', 'y', 'y']")
        let weights = MiniList_New(0)!
        for w in [5, 1, 1] { let o = int(w); MiniList_Append(weights, o); Mini_DECREF(o) }
        XCTAssertEqual(r("random", "choices", [xyz()], [("weights", weights), ("k", int(6))]), "['x', 'y', 'y', 'x', 'x', 'x']")
        XCTAssertEqual(r("random", "uniform", [int(-1), int(1)]), "-0.14638625957989837")
        XCTAssertEqual(r("random", "uniform", [float(2.5), int(10)]), "4.873406043333281")
        XCTAssertEqual(r("random", "gauss"), "0.45045967582175916")
        XCTAssertEqual(r("random", "gauss", [int(10), int(2)]), "13.92121059374456")
        XCTAssertEqual(r("random", "gauss", [int(10), int(2)]), "10.075281663178588")
        XCTAssertEqual(r("random", "normalvariate", [int(0), int(1)]), "0.9019327063479506")
        XCTAssertEqual(r("random", "expovariate", [float(1.5)]), "0.07921507801442515")
        XCTAssertEqual(r("random", "triangular", [int(0), int(10), int(2)]), "6.55142190670429")
        XCTAssertEqual(r("random", "randbytes", [int(7)]), "b'\\xbe\\x9fP\\x9bM\\xc6\\xc7'")
        XCTAssertEqual(r("random", "seed", [str("abc")], [("version", int(1))]), "None")
        XCTAssertEqual(r("random", "random"), "0.09639374978773074")
        let ninetynine = int(99)
        let rng = pyCall(mod("random"), "Random", [ninetynine])!
        XCTAssertEqual(reprOf(pyCall(rng, "random")), "0.40397807494366633")
        let one = int(1), hundred = int(100)
        XCTAssertEqual(reprOf(pyCall(rng, "randint", [one, hundred])), "26")
        // getstate / setstate replay the same values.
        let state = pyCall(rng, "getstate")!
        let first = reprOf(pyCall(rng, "random"))
        XCTAssertEqual(reprOf(pyCall(rng, "setstate", [state])), "None")
        XCTAssertEqual(reprOf(pyCall(rng, "random")), first)
        XCTAssertEqual(r("random", "randrange", [int(5), int(5)]), "ERROR ValueError: empty range for randrange() (5, 5, 0)")
        XCTAssertEqual(r("random", "randrange", [int(0), int(10), int(0)]), "ERROR ValueError: zero step for randrange()")
        XCTAssertEqual(r("random", "randrange", [float(2.5)]), "ERROR ValueError: non-integer arg 1 for randrange()")
        XCTAssertEqual(r("random", "choice", [MiniList_New(0)!]), "ERROR IndexError: Cannot choose from an empty sequence")
        XCTAssertEqual(r("random", "sample", [ints(3), int(4)]), "ERROR ValueError: Sample larger than population or is negative")
        XCTAssertEqual(r("random", "getrandbits", [int(-1)]), "ERROR ValueError: number of bits must be non-negative")
        let d = MiniDict_New()!
        XCTAssertEqual(r("random", "sample", [d, int(1)]), "ERROR TypeError: Population must be a sequence.  For dicts or sets, use sorted(d).")
        [rng, one, hundred, state, ninetynine].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    /// The paths that need ints beyond 64 bits (the int type's arbitrary precision).
    func testRandomBeyondSixtyFourBits() {
        let seven = int(7), hundred = int(100), sixtyfour = int(64)
        let rng = pyCall(mod("random"), "Random", [seven])!
        XCTAssertEqual(reprOf(pyCall(rng, "getrandbits", [hundred])), "487320478161116480663150048312")
        XCTAssertEqual(reprOf(pyCall(rng, "seed", [seven])), "None")
        XCTAssertEqual(reprOf(pyCall(rng, "getrandbits", [sixtyfour])), "17485029721327973432")
        XCTAssertEqual(reprOf(pyCall(rng, "seed", [seven])), "None")
        let two = int(2), seventy = int(70)
        let bound = MiniNumber_Power(two, seventy, nil)!
        XCTAssertEqual(reprOf(pyCall(rng, "randrange", [bound])), "367973167121809454136")
        // seed(2**64 + 123)
        let extra = int(123)
        let p = MiniNumber_Power(two, sixtyfour, nil)!
        let s = MiniNumber_Add(p, extra)!
        XCTAssertEqual(reprOf(pyCall(rng, "seed", [s])), "None")
        XCTAssertEqual(reprOf(pyCall(rng, "random")), "0.7432318140414349")
        [rng, seven, hundred, two, seventy, bound, sixtyfour, extra, p, s].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    // MARK: - math

    func testMathResultsAndErrors() {
        XCTAssertEqual(r("math", "sqrt", [int(2)]), "1.4142135623730951")
        XCTAssertEqual(r("math", "floor", [float(-2.5)]), "-3")
        XCTAssertEqual(r("math", "ceil", [float(2.1)]), "3")
        XCTAssertEqual(r("math", "trunc", [float(-2.7)]), "-2")
        XCTAssertEqual(r("math", "floor", [int(7)]), "7")
        XCTAssertEqual(r("math", "log", [int(8), int(2)]), "3.0")
        XCTAssertEqual(r("math", "log", [float(100)]), "4.605170185988092")
        XCTAssertEqual(r("math", "log2", [int(1024)]), "10.0")
        XCTAssertEqual(r("math", "log10", [float(0.001)]), "-3.0")
        XCTAssertEqual(r("math", "exp", [int(1)]), "2.718281828459045")
        XCTAssertEqual(r("math", "atan2", [int(1), int(1)]), "0.7853981633974483")
        XCTAssertEqual(r("math", "hypot", [int(3), int(4)]), "5.0")
        XCTAssertEqual(r("math", "pow", [int(2), float(0.5)]), "1.4142135623730951")
        XCTAssertEqual(r("math", "fabs", [int(-3)]), "3.0")
        XCTAssertEqual(r("math", "isclose", [float(1.0), float(1.0 + 1e-10)]), "True")
        XCTAssertEqual(r("math", "isclose", [float(1.0), float(1.1)]), "False")
        XCTAssertEqual(r("math", "isclose", [int(1), int(2)], [("abs_tol", int(1))]), "True")
        let tenths = MiniList_New(0)!
        for _ in 0..<10 { let o = float(0.1); MiniList_Append(tenths, o); Mini_DECREF(o) }
        XCTAssertEqual(r("math", "fsum", [tenths]), "1.0")
        let mixed = MiniList_New(0)!
        for v in [1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50] { let o = float(v); MiniList_Append(mixed, o); Mini_DECREF(o) }
        XCTAssertEqual(r("math", "fsum", [mixed]), "1e-100")
        let factors = MiniList_New(0)!
        for v in [2, 3, 7] { let o = int(v); MiniList_Append(factors, o); Mini_DECREF(o) }
        XCTAssertEqual(r("math", "prod", [Mini_NewRef(factors)]), "42")
        XCTAssertEqual(r("math", "prod", [factors], [("start", float(0.5))]), "21.0")
        XCTAssertEqual(r("math", "isqrt", [int(99)]), "9")
        XCTAssertEqual(r("math", "isqrt", [int(Int.max)]), "3037000499")
        XCTAssertEqual(r("math", "gcd", [int(84), int(-36), int(12)]), "12")
        XCTAssertEqual(r("math", "gcd"), "0")
        XCTAssertEqual(r("math", "lcm", [int(4), int(6)]), "12")
        XCTAssertEqual(r("math", "factorial", [int(20)]), "2432902008176640000")
        XCTAssertEqual(r("math", "comb", [int(10), int(3)]), "120")
        XCTAssertEqual(r("math", "perm", [int(5), int(2)]), "20")
        XCTAssertEqual(r("math", "degrees", [float(Double.pi)]), "180.0")
        XCTAssertEqual(r("math", "isfinite", [float(.infinity)]), "False")
        XCTAssertEqual(r("math", "isnan", [float(.nan)]), "True")
        XCTAssertEqual(reprOf(MiniObject_GetAttrString(mod("math"), "pi")), "3.141592653589793")
        XCTAssertEqual(reprOf(MiniObject_GetAttrString(mod("math"), "e")), "2.718281828459045")
        XCTAssertEqual(reprOf(MiniObject_GetAttrString(mod("math"), "inf")), "inf")
        // CPython's errors.
        XCTAssertEqual(r("math", "sqrt", [int(-1)]), "ERROR ValueError: math domain error")
        XCTAssertEqual(r("math", "log", [int(0)]), "ERROR ValueError: math domain error")
        XCTAssertEqual(r("math", "log", [int(10), int(1)]), "ERROR ZeroDivisionError: float division by zero")
        XCTAssertEqual(r("math", "exp", [int(1000)]), "ERROR OverflowError: math range error")
        XCTAssertEqual(r("math", "pow", [int(0), int(-1)]), "ERROR ValueError: math domain error")
        XCTAssertEqual(r("math", "floor", [float(.infinity)]), "ERROR OverflowError: cannot convert float infinity to integer")
        XCTAssertEqual(r("math", "floor", [float(.nan)]), "ERROR ValueError: cannot convert float NaN to integer")
        XCTAssertEqual(r("math", "sqrt", [str("x")]), "ERROR TypeError: must be real number, not str")
        XCTAssertEqual(r("math", "factorial", [int(-1)]), "ERROR ValueError: factorial() not defined for negative values")
        XCTAssertEqual(r("math", "factorial", [float(2)]), "ERROR TypeError: 'float' object cannot be interpreted as an integer")
        XCTAssertEqual(r("math", "isqrt", [int(-1)]), "ERROR ValueError: isqrt() argument must be nonnegative")
        XCTAssertEqual(r("math", "isclose", [int(1), int(1)], [("rel_tol", int(-1))]), "ERROR ValueError: tolerances must be non-negative")
        let infs = MiniList_New(0)!
        for v in [Double.infinity, -Double.infinity] { let o = float(v); MiniList_Append(infs, o); Mini_DECREF(o) }
        XCTAssertEqual(r("math", "fsum", [infs]), "ERROR ValueError: -inf + inf in fsum")
        let huge = MiniList_New(0)!
        for v in [1e308, 1e308] { let o = float(v); MiniList_Append(huge, o); Mini_DECREF(o) }
        XCTAssertEqual(r("math", "fsum", [huge]), "ERROR OverflowError: intermediate overflow in fsum")
        assertBalanced()
    }

    /// Integer functions whose results outgrow 64 bits.
    func testMathBeyondSixtyFourBits() {
        XCTAssertEqual(r("math", "factorial", [int(25)]), "15511210043330985984000000")
        XCTAssertEqual(r("math", "factorial", [int(30)]), "265252859812191058636308480000000")
        XCTAssertEqual(r("math", "comb", [int(100), int(50)]), "100891344545564193334812497256")
        XCTAssertEqual(r("math", "comb", [int(200), int(100)]),
                       "90548514656103281165404177077484163874504589675413336841320")
        XCTAssertEqual(r("math", "perm", [int(30), int(20)]), "73096577329197271449600000")
        func power(_ b: Int, _ e: Int) -> StdlibObj {
            let bo = int(b), eo = int(e)
            defer { Mini_DECREF(bo); Mini_DECREF(eo) }
            return MiniNumber_Power(bo, eo, nil)!
        }
        let big = power(10, 50), five = int(12345)
        XCTAssertEqual(r("math", "isqrt", [MiniNumber_Add(big, five)!]), "10000000000000000000000000")
        XCTAssertEqual(r("math", "gcd", [power(2, 100), power(6, 50)]), "1125899906842624")
        XCTAssertEqual(r("math", "lcm", [power(2, 70), power(3, 40)]), "14353237968448109868972222216943775514624")
        // Logarithms of ints too large for a float (CPython: 921.0340371976182, 2000.0, 500.0).
        XCTAssertEqual(r("math", "log", [power(10, 400)]), "921.0340371976182")
        XCTAssertEqual(r("math", "log2", [power(2, 2000)]), "2000.0")
        XCTAssertEqual(r("math", "log10", [power(10, 500)]), "500.0")
        XCTAssertEqual(r("math", "sqrt", [power(10, 400)]), "ERROR OverflowError: int too large to convert to float")
        [big, five].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    // MARK: - Ctrl-C

    /// A pending interrupt (what the SIGINT handler records) ends a blocking wait on the main
    /// thread with KeyboardInterrupt, as it does in CPython: time.sleep, Event.wait, Thread.join.
    func testInterruptEndsBlockingWaitsOnMainThread() {
        func interruptSoon() {
            let t = Thread { usleep(50_000); MiniErr_SetInterrupt() }
            t.start()
        }
        let began = Date()
        interruptSoon()
        XCTAssertEqual(r("time", "sleep", [float(10)]), "ERROR KeyboardInterrupt")
        let event = pyCall(mod("threading"), "Event")!
        interruptSoon()
        XCTAssertEqual(reprOf(pyCall(event, "wait")), "ERROR KeyboardInterrupt")
        let target = cFunction("blocked", MINI_METH_VARARGS) { _, args in pyCall(MiniTuple_GetItem(args, 0)!, "wait") }
        let t = thread(target: target, args: [event])
        start(t)
        interruptSoon()
        XCTAssertEqual(reprOf(pyCall(t, "join")), "ERROR KeyboardInterrupt")
        XCTAssertEqual(reprOf(pyCall(t, "is_alive")), "True")
        XCTAssertLessThan(Date().timeIntervalSince(began), 5)
        XCTAssertEqual(reprOf(pyCall(event, "set")), "None")
        join(t)
        [t, event, target].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    // MARK: - sys and time

    func testSysModule() {
        let sys = mod("sys")
        var args: [UnsafeMutablePointer<CChar>?] = [strdup("prog.py"), strdup("--flag"), strdup("ünïcode")]
        _MiniSys_SetArgv(3, &args)
        args.forEach { free($0) }
        startRefs = Mini_TotalRefCount()   // sys.argv is a new list now: count from here
        startLive = Mini_LiveObjects()
        XCTAssertEqual(reprOf(MiniObject_GetAttrString(sys, "argv")), "['prog.py', '--flag', 'ünïcode']")
        let one = int(1)
        XCTAssertEqual(reprOf(pyCall(sys, "exit", [one])), "ERROR SystemExit: 1")
        XCTAssertEqual(reprOf(pyCall(sys, "exit")), "ERROR SystemExit")
        let o = MiniList_New(0)!
        // The call's argument tuple holds one reference, as CPython's stack does.
        XCTAssertEqual(reprOf(pyCall(sys, "getrefcount", [o])), "2")
        XCTAssertEqual(reprOf(pyCall(sys, "gettotalrefcount")).isEmpty, false)
        let old = pyCall(sys, "getswitchinterval")!
        let ms = float(0.001)
        XCTAssertEqual(reprOf(pyCall(sys, "setswitchinterval", [ms])), "None")
        XCTAssertEqual(reprOf(pyCall(sys, "getswitchinterval")), "0.001")
        XCTAssertEqual(reprOf(pyCall(sys, "setswitchinterval", [old])), "None")
        let zero = int(0)
        XCTAssertEqual(reprOf(pyCall(sys, "setswitchinterval", [zero])), "ERROR ValueError: switch interval must be strictly positive")
        let limit = pyCall(sys, "getrecursionlimit")!
        let small = int(200)
        XCTAssertEqual(reprOf(pyCall(sys, "setrecursionlimit", [small])), "None")
        XCTAssertEqual(reprOf(pyCall(sys, "getrecursionlimit")), "200")
        XCTAssertEqual(reprOf(pyCall(sys, "setrecursionlimit", [limit])), "None")
        XCTAssertEqual(reprOf(pyCall(sys, "setrecursionlimit", [zero])), "ERROR ValueError: recursion limit must be greater or equal than 1")
        XCTAssertEqual(reprOf(MiniObject_GetAttrString(sys, "version_info")),
                       "sys.version_info(major=3, minor=11, micro=0, releaselevel='final', serial=0)")
        let vi = MiniObject_GetAttrString(sys, "version_info")!
        XCTAssertEqual(reprOf(MiniObject_GetAttrString(vi, "minor")), "11")
        let impl = MiniObject_GetAttrString(sys, "implementation")!
        XCTAssertEqual(reprOf(MiniObject_GetAttrString(impl, "name")), "'minipy'")
        Mini_DECREF(impl)
        XCTAssertEqual(reprOf(MiniObject_GetAttrString(sys, "version")), "'3.11.0 (extdemo MiniPy)'")
        XCTAssertEqual(reprOf(MiniObject_GetAttrString(sys, "platform")), "'linux'")
        XCTAssertEqual(reprOf(pyCall(sys, "get_int_max_str_digits")), "4300")
        let digits = int(100)
        XCTAssertEqual(reprOf(pyCall(sys, "set_int_max_str_digits", [digits])),
                       "ERROR ValueError: maxdigits must be 0 or larger than 640")
        Mini_DECREF(digits)
        XCTAssertEqual(reprOf(MiniObject_GetAttrString(sys, "maxsize")), "9223372036854775807")
        // stdout / stderr write through the interpreter's output sink.
        let out = MiniObject_GetAttrString(sys, "stdout")!, err = MiniObject_GetAttrString(sys, "stderr")!
        XCTAssertEqual(reprOf(Mini_NewRef(out)), "<_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>")
        beginCapture()
        let hello = str("héllo\n"), oops = str("oops\n")
        let n = reprOf(pyCall(out, "write", [hello]))
        _ = reprOf(pyCall(err, "write", [oops]))
        XCTAssertEqual(reprOf(pyCall(out, "write", [one])), "ERROR TypeError: write() argument must be str, not int")
        XCTAssertEqual(reprOf(pyCall(out, "flush")), "None")
        let captured = endCapture()
        XCTAssertEqual(n, "6")
        XCTAssertEqual(captured.out, "héllo\n")
        XCTAssertEqual(captured.err, "oops\n")
        [one, o, old, ms, zero, limit, small, vi, out, err, hello, oops].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    func testTimeModule() {
        let a = pyCall(mod("time"), "monotonic")!, b = pyCall(mod("time"), "perf_counter")!
        let ns = pyCall(mod("time"), "time_ns")!
        XCTAssertGreaterThan(MiniFloat_AsDouble(a), 0)
        XCTAssertEqual(reprOf(MiniObject_Type(ns)), "<class 'int'>")
        XCTAssertGreaterThan(MiniLong_AsLongLong(ns), 1_600_000_000 * 1_000_000_000)
        XCTAssertEqual(r("time", "sleep", [float(0.001)]), "None")
        let later = pyCall(mod("time"), "monotonic")!
        XCTAssertGreaterThanOrEqual(MiniFloat_AsDouble(later) - MiniFloat_AsDouble(a), 0.001)
        XCTAssertEqual(r("time", "sleep", [int(-1)]), "ERROR ValueError: sleep length must be non-negative")
        XCTAssertEqual(r("time", "sleep", [str("x")]), "ERROR TypeError: 'str' object cannot be interpreted as an integer")
        [a, b, ns, later].forEach { Mini_DECREF($0) }
        assertBalanced()
    }
}
