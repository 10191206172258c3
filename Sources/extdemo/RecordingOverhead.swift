// RecordingOverhead.swift: `extdemo bench`'s figures for what the GIL recording (mini/gilrecord.h)
// costs, measured in the same run with the recording off and on, interleaved so a drift in the
// machine's load hits both alike, and the best of several runs kept for each:
//   - the uncontended BEGIN/END_ALLOW_THREADS pair (one 16-byte record per pair when on);
//   - the interpreted countdown shared by two threads (a lone thread never lets the lock go, so
//     it records nothing; two threads switch every interval and record each hand-off).
// When the recording is already on for the whole command (EXTDEMO_GIL_RECORD=1), only that state
// is measured (`on` is nil): the bench never stops a recording it did not start.

import CShims
import Foundation
import MiniExtensions
import MiniPy

enum RecordingOverhead {
    /// ns per pair, best of `runs`, with the recording off and on.
    static func pair(pairs: Int, runs: Int) -> (off: Double, on: Double?) {
        let alreadyOn = MiniGILRecord_IsOn() != 0
        var off: [Double] = [], on: [Double] = []
        for _ in 0..<runs {
            off.append(miniext_allow_threads_pair_ns(pairs))
            if !alreadyOn { on.append(recorded { miniext_allow_threads_pair_ns(pairs) }) }
        }
        return (off.min()!, on.min())
    }

    /// ns per iteration of `while n > 0: n -= 1` split over two threads, best of `runs`, off and on.
    /// nil if the program fails.
    static func countdown(iterations: Int, runs: Int) -> (off: Double, on: Double?)? {
        let program = """
        import threading, time
        def countdown(n):
            while n > 0:
                n -= 1
        ts = [threading.Thread(target=countdown, args=(\(iterations / 2),)) for _ in range(2)]
        t = time.perf_counter()
        for x in ts:
            x.start()
        for x in ts:
            x.join()
        print("SECONDS", time.perf_counter() - t)
        """
        func once() -> Double? {
            let r = MiniPy.runSource(program, filename: "<bench: countdown, 2 threads>")
            guard r.exitCode == 0, let line = r.stdout.split(separator: "\n").last(where: { $0.hasPrefix("SECONDS ") }),
                  let s = Double(line.dropFirst(8)) else { return nil }
            return s / Double(iterations) * 1e9
        }
        let alreadyOn = MiniGILRecord_IsOn() != 0
        var off: [Double] = [], on: [Double] = []
        for _ in 0..<runs {
            guard let a = once() else { return nil }
            off.append(a)
            if !alreadyOn {
                guard let b = recorded(once) else { return nil }
                on.append(b)
            }
        }
        return (off.min()!, on.min())
    }

    /// Runs `body` with a fresh recording on, then discards the recording (a new empty one is
    /// started and stopped, which frees the buffers). Called with no other thread in the runtime.
    static func recorded<T>(_ body: () -> T) -> T {
        MiniGILRecord_Start()
        let result = body()
        MiniGILRecord_Stop()
        MiniGILRecord_Start()
        MiniGILRecord_Stop()
        return result
    }
}
