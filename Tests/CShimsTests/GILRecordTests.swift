// GILRecordTests: the GIL event recorder (mini/gilrecord.h) and the switch policies, asserted on
// the recorded events themselves: at most one holder at any instant, every acquisition preceded by
// the thread's own READY, releases carrying their reason, drop requests naming the holder, and the
// ticks policy releasing without any drop request. Counts and orderings only, never times.
import XCTest
import CShims
import CShimsTestSupport

final class GILRecordTests: XCTestCase {
    override func setUp() {
        Mini_Initialize()
        Mini_SetCheckedMode(1)
    }

    override func tearDown() {
        MiniGILRecord_Stop()
        _ = MiniGIL_SetPolicy(Int32(MINI_GILPOLICY_CPYTHON.rawValue), 0)
    }

    func events() -> [MiniGILEvent] {
        let n = MiniGILRecord_Events(nil, 0)
        var out = [MiniGILEvent](repeating: MiniGILEvent(), count: n)
        let got = out.withUnsafeMutableBufferPointer { MiniGILRecord_Events($0.baseAddress, n) }
        XCTAssertEqual(got, n)
        return out
    }

    /// Walks the events in order; fails on two holders at once or an acquisition without a want.
    func checkInvariants(_ evs: [MiniGILEvent], file: StaticString = #filePath, line: UInt = #line) {
        var holder: UInt32? = nil
        var lastOfThread: [UInt32: UInt16] = [:]
        var anyAcquired = false
        for e in evs {
            switch UInt32(e.kind) {
            case MINI_GILEV_RESUMED.rawValue:
                XCTAssertNil(holder, "thread \(e.thread) acquired while \(holder ?? 0) held the lock", file: file, line: line)
                XCTAssertEqual(lastOfThread[e.thread].map(UInt32.init), MINI_GILEV_READY.rawValue,
                               "thread \(e.thread) acquired without a READY just before", file: file, line: line)
                holder = e.thread
                anyAcquired = true
            case MINI_GILEV_SUSPENDED.rawValue:
                if holder == nil && !anyAcquired { holder = e.thread }   // held since the recording began
                XCTAssertEqual(holder, e.thread, "thread \(e.thread) released a lock it did not hold", file: file, line: line)
                holder = nil
            default:
                break
            }
            if UInt32(e.kind) != MINI_GILEV_DROP_REQUEST.rawValue && UInt32(e.kind) != MINI_GILEV_STARTED.rawValue {
                lastOfThread[e.thread] = e.kind
            }
        }
    }

    func testContendedRunHasOneHolderAtATimeAndEveryAcquireFollowsAWant() {
        MiniGILRecord_Start()
        XCTAssertEqual(MiniGILRecord_IsOn(), 1)
        XCTAssertEqual(gil_test_mutual_exclusion(4, 20_000, nil), 80_000)
        MiniGILRecord_Stop()
        let evs = events()
        XCTAssertGreaterThan(evs.count, 10)
        checkInvariants(evs)
        // Times never go backwards.
        XCTAssertTrue(zip(evs, evs.dropFirst()).allSatisfy { $0.time_ns <= $1.time_ns })
        // The main thread released around the workers with BEGIN_ALLOW_THREADS.
        XCTAssertTrue(evs.contains { UInt32($0.kind) == MINI_GILEV_SUSPENDED.rawValue && UInt32($0.reason) == MINI_GILREASON_ALLOW_THREADS.rawValue })
        // Every worker thread started, and exited through MiniGILState_Release.
        let started = Set(evs.filter { UInt32($0.kind) == MINI_GILEV_STARTED.rawValue }.map(\.thread))
        XCTAssertGreaterThanOrEqual(started.count, 5)
        let threads = MiniGILRecord_Threads(nil, 0)
        XCTAssertEqual(threads, started.count)
        XCTAssertEqual(MiniGILRecord_Lost(), 0)
    }

    func testDropRequestsNameTheHolderAndAreHonoured() {
        MiniGILRecord_Start()
        var honoured: UInt = 0
        _ = gil_test_forced_switch(&honoured)
        MiniGILRecord_Stop()
        let evs = events()
        checkInvariants(evs)
        let requests = evs.filter { UInt32($0.kind) == MINI_GILEV_DROP_REQUEST.rawValue }
        XCTAssertGreaterThanOrEqual(requests.count, 1)
        for r in requests { XCTAssertNotEqual(r.other, r.thread, "a thread asked itself to drop the lock") }
        XCTAssertTrue(evs.contains { UInt32($0.kind) == MINI_GILEV_SUSPENDED.rawValue && UInt32($0.reason) == MINI_GILREASON_DROP_REQUEST.rawValue })
        XCTAssertTrue(evs.contains { UInt32($0.kind) == MINI_GILEV_FORCED_WAIT.rawValue })
    }

    func testRecordingOffRecordsNothing() {
        MiniGILRecord_Start()
        MiniGILRecord_Stop()
        let before = MiniGILRecord_Events(nil, 0)
        XCTAssertEqual(gil_test_mutual_exclusion(2, 1000, nil), 2000)
        XCTAssertEqual(MiniGILRecord_Events(nil, 0), before)
    }

    func testTicksPolicyReleasesWithoutDropRequests() {
        XCTAssertEqual(MiniGIL_SetPolicy(Int32(MINI_GILPOLICY_TICKS.rawValue), 50), 0)
        XCTAssertEqual(MiniGIL_GetPolicy(), Int32(MINI_GILPOLICY_TICKS.rawValue))
        MiniGILRecord_Start()
        XCTAssertEqual(gil_test_mutual_exclusion(3, 20_000, nil), 60_000)
        MiniGILRecord_Stop()
        let evs = events()
        checkInvariants(evs)
        XCTAssertFalse(evs.contains { UInt32($0.kind) == MINI_GILEV_DROP_REQUEST.rawValue })
        XCTAssertEqual(MiniGIL_SetPolicy(Int32(MINI_GILPOLICY_CPYTHON.rawValue), 0), 0)
        XCTAssertEqual(MiniEval_BreakerPending(), 0, "leaving ticks must clear its breaker bit")
        XCTAssertEqual(MiniGIL_SetPolicy(42, 0), -1)
    }

    /// Thread names are kept whole, however long (they were cut at 31 bytes), both the name a
    /// thread has when it first appears and a rename while recording.
    func testLongThreadNamesAreKeptWhole() {
        let ts = MiniThreadState_Get()
        let first = "a thread name longer than thirty-one bytes: " + String(repeating: "x", count: 60)
        let second = "renamed while recording, again longer than thirty-one bytes " + String(repeating: "y", count: 200)
        MiniThreadState_SetName(ts, first)
        MiniGILRecord_Start()
        var saved = MiniEval_SaveThread()
        MiniEval_RestoreThread(saved)
        let before = recordedNames()
        MiniThreadState_SetName(ts, second)
        saved = MiniEval_SaveThread()
        MiniEval_RestoreThread(saved)
        MiniGILRecord_Stop()
        XCTAssertTrue(before.contains(first), "\(before)")
        XCTAssertTrue(recordedNames().contains(second), "\(recordedNames())")
        MiniThreadState_SetName(ts, "MainThread")
    }

    /// One thread's uncontended pairs across several 4096-event chunks: every event is read back
    /// (STARTED, then SUSPENDED / READY / RESUMED per pair, in order), read both while recording
    /// and after; a second recording starts empty (every thread state forgot its old buffer).
    func testEveryEventIsReadBackAcrossChunksAndANewRecordingStartsEmpty() {
        let pairs = 5_000   // 5,001 stored records (an uncontended pair is one HELD): two chunks
        MiniGILRecord_Start()
        for _ in 0..<pairs {
            let saved = MiniEval_SaveThread()
            MiniEval_RestoreThread(saved)
        }
        XCTAssertEqual(MiniGILRecord_Events(nil, 0), 1 + 3 * pairs, "read while recording")
        MiniGILRecord_Stop()
        let evs = events()
        XCTAssertEqual(evs.count, 1 + 3 * pairs)
        XCTAssertEqual(evs.first.map { UInt32($0.kind) }, MINI_GILEV_STARTED.rawValue)
        let expected = [MINI_GILEV_SUSPENDED.rawValue, MINI_GILEV_READY.rawValue, MINI_GILEV_RESUMED.rawValue]
        for (i, e) in evs.dropFirst().enumerated() where UInt32(e.kind) != expected[i % 3] {
            XCTFail("event \(i + 1) is kind \(e.kind), expected \(expected[i % 3])")
            break
        }
        XCTAssertEqual(MiniGILRecord_Lost(), 0)
        MiniGILRecord_Start()
        for _ in 0..<10 {
            let saved = MiniEval_SaveThread()
            MiniEval_RestoreThread(saved)
        }
        MiniGILRecord_Stop()
        XCTAssertEqual(events().count, 1 + 3 * 10)
        XCTAssertEqual(MiniGILRecord_Threads(nil, 0), 1)
    }

    /// A pair's acquisition is stored with its release (one record), so the hold the recording
    /// thread is in when it stops recording is stored by MiniGILRecord_Stop: the recording ends with
    /// that thread holding the lock (READY, RESUMED), once, however often it is read.
    func testTheStoppingHoldersOpenHoldIsRecordedOnce() {
        MiniGILRecord_Start()
        for _ in 0..<3 {
            let saved = MiniEval_SaveThread()
            MiniEval_RestoreThread(saved)
        }
        MiniGILRecord_Stop()
        let evs = events()
        checkInvariants(evs)
        XCTAssertEqual(evs.count, 1 + 3 * 3)
        XCTAssertEqual(evs.suffix(2).map { UInt32($0.kind) }, [MINI_GILEV_READY.rawValue, MINI_GILEV_RESUMED.rawValue])
        XCTAssertEqual(MiniGILRecord_Events(nil, 0), evs.count, "a second read adds nothing")
        // Taken again after the recording stopped: not recorded.
        let saved = MiniEval_SaveThread()
        MiniEval_RestoreThread(saved)
        XCTAssertEqual(MiniGILRecord_Events(nil, 0), evs.count)
    }

    func recordedNames() -> [String] {
        let n = MiniGILRecord_Threads(nil, 0)
        var infos = [MiniGILRecordThread](repeating: MiniGILRecordThread(), count: n)
        _ = infos.withUnsafeMutableBufferPointer { MiniGILRecord_Threads($0.baseAddress, n) }
        return infos.compactMap { $0.name.map { String(cString: $0) } }
    }

    func testPromptPolicyKeepsTheInvariants() {
        XCTAssertEqual(MiniGIL_SetPolicy(Int32(MINI_GILPOLICY_PROMPT.rawValue), 0), 0)
        MiniGILRecord_Start()
        XCTAssertEqual(gil_test_mutual_exclusion(3, 20_000, nil), 60_000)
        MiniGILRecord_Stop()
        checkInvariants(events())
    }
}

/// The convoy effect, counted: check points the CPU-bound thread passes while a thread back from
/// a blocking call waits for the lock. Under cpython that thread waits a whole switch interval
/// (here 100 ms) before it may ask; under prompt it asks at once and the holder hands over at its
/// next check point. The ordering is asserted over several runs, never a time.
final class GILPolicyConvoyTests: XCTestCase {
    override func setUp() {
        Mini_Initialize()
        Mini_SetCheckedMode(1)
    }

    func testPromptServesAThreadBackFromABlockingCallSoonerThanCPython() {
        var promptWins = 0
        let runs = 3
        for _ in 0..<runs {
            let cpython = gil_test_convoy_polls(Int32(MINI_GILPOLICY_CPYTHON.rawValue), 3, 0.1, 2000)
            let prompt = gil_test_convoy_polls(Int32(MINI_GILPOLICY_PROMPT.rawValue), 3, 0.1, 2000)
            if prompt < cpython { promptWins += 1 }
        }
        XCTAssertGreaterThanOrEqual(promptWins, 2, "prompt should make the returning thread wait fewer check points than cpython")
        XCTAssertEqual(MiniGIL_GetPolicy(), Int32(MINI_GILPOLICY_CPYTHON.rawValue))
        XCTAssertEqual(MiniSys_GetSwitchInterval(), 0.005, accuracy: 1e-9)
    }

    /// cpython makes no prompt decisions: a thread back from a blocking call waits like any other.
    func testCPythonPolicyGrantsNoPromptService() {
        MiniGIL_ResetPromptStats()
        _ = gil_test_convoy_polls(Int32(MINI_GILPOLICY_CPYTHON.rawValue), 2, 0.01, 1000)
        var st = MiniGILPromptStats()
        MiniGIL_GetPromptStats(&st)
        XCTAssertEqual([st.granted, st.refused, st.bursts, st.charged_ns], [0, 0, 0, 0])
    }

    /// A round trip (a blocking call that returns at once, a send, then one that waits, a recv) is
    /// one burst of prompt services, charged once: the send's return finds the lock still reserved
    /// for it (a window after its blocking release) instead of being handed back and forth.
    func testPromptChargesARoundTripAsOneBurst() {
        let ops = 8
        var st = MiniGILPromptStats()
        let polls = gil_test_prompt_round_trips(Int32(ops), 0.1, 2000, 0, &st)
        XCTAssertEqual(st.refused, 0, "a 100 ms interval's credit covers \(ops) short round trips")
        XCTAssertGreaterThanOrEqual(st.granted, UInt64(ops), "every return from the recv is served promptly")
        XCTAssertGreaterThanOrEqual(st.bursts, 1)
        XCTAssertLessThan(st.bursts, st.granted, "some round trip's two services must share one burst")
        XCTAssertGreaterThan(st.charged_ns, 0)
        XCTAssertGreaterThanOrEqual(polls, 0)
        XCTAssertEqual(MiniGIL_GetPolicy(), Int32(MINI_GILPOLICY_CPYTHON.rawValue))
    }

    /// The hang dump counts threads, not the burst: while a prompt burst runs it counts itself as
    /// a waiter in the GIL (so every take goes through the slow path), and the dump said "2 threads
    /// in the slow path" with one thread waiting.
    func testDumpDuringABurstCountsOnlyTheWaitingThread() throws {
        var buf = [CChar](repeating: 0, count: 8192)
        XCTAssertEqual(gil_test_dump_during_burst(&buf, Int(buf.count)), 0, "the other thread was never seen waiting")
        let text = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        XCTAssertTrue(text.contains("; 1 threads in the slow path\n"), text)
        XCTAssertTrue(text.contains("1 holding, 1 waiting"), text)
        XCTAssertEqual(MiniGIL_GetPolicy(), Int32(MINI_GILPOLICY_CPYTHON.rawValue))
    }

    /// The bound: a burst that outlasts the credit (3 ms of work with the lock held against a 1 ms
    /// interval's credit) makes the next request wait as under cpython; the refusal is counted.
    func testPromptRefusesOnceTheBurstHasSpentTheCredit() {
        var st = MiniGILPromptStats()
        _ = gil_test_prompt_round_trips(3, 0.001, 500, 3000, &st)
        XCTAssertGreaterThanOrEqual(st.refused, 1, "granted \(st.granted), bursts \(st.bursts)")
        XCTAssertGreaterThanOrEqual(st.granted, 1)
        XCTAssertGreaterThanOrEqual(st.charged_ns, 3_000_000, "the 3 ms held inside a burst are charged")
    }
}
