// InterpretedMode.swift: the `interpreted` mode of `extdemo matmul` and `extdemo countdown`: the
// same work written as pure MiniPy loops and run by the interpreter, its threads started by the
// program itself with threading.Thread, as a Python user would write it. Every bytecode
// instruction runs with the GIL held, so N threads take turns: this is the contrast the native
// modes are measured against.
//
// A generated program is run twice with MiniPy.runSource: once on one thread (the interpreted
// baseline), once on --threads threads. It times itself with time.perf_counter, verifies its own
// results, and prints one "RESULT seconds checksum" line that is read back here. Interpreted code
// is slow, so the work may be smaller than the native modes' (matmul: at most 64x64); the mode's
// time in the table is then scaled to the native work, so GFLOPS, iterations/s and speedup
// compare throughput, and the report says so.

import Foundation
import MiniKit
import MiniPy

extension Mode {
    /// N threads run the work as interpreted MiniPy code (the GIL held throughout, as bytecode
    /// does). The harness's workers never run it (the program starts its own threads); its row
    /// measures its speedup against its own single-thread run (ModeResult.ownBaselineSeconds).
    static let interpreted = Mode(name: "interpreted", parallel: true, releasesGIL: false)
}

enum InterpretedRun {
    /// What the two runs of one interpreted program measured.
    struct Outcome {
        /// Seconds on one thread and on `threads` threads.
        let oneThread: Double
        let threaded: Double
        let threads: Int
        /// Lock statistics of the threaded run.
        let gil: MiniGILStats
        /// One line for the report title.
        let summary: String

        /// The result for the table, its time scaled by `scale` (native work / interpreted work).
        /// The lock's held time is scaled alike, so the "GIL held" fraction is the measured one.
        func result(scale: Double) -> ModeResult {
            var scaled = gil
            scaled.held_ns = UInt64(Double(gil.held_ns) * scale)
            return ModeResult(mode: .interpreted, measurement: PhaseMeasurement(seconds: threaded * scale, gil: scaled, threads: threads),
                              ownBaselineSeconds: oneThread * scale)
        }

        var json: JSON {
            .object([("one_thread_seconds", .number(oneThread)), ("threads_seconds", .number(threaded)),
                     ("threads", .int(threads)), ("scaling", .number(oneThread / threaded))])
        }
    }

    /// Largest interpreted matrix size (the table says when the native size is larger).
    static let maxMatmulSize = 64
    /// Largest interpreted countdown.
    static let maxCount = 2_000_000

    /// Starts the interpreter and imports what the programs use (threading, time), then takes a
    /// new leak-check baseline: the VM and those modules stay cached, as in sys.modules. Called
    /// before any mode runs, so leaks of the other modes are still seen.
    static func prepare(threads: Int) throws {
        MiniPy.prepare()
        for source in [countdownProgram(count: 10, threads: threads), matmulProgram(size: 2, tasks: threads, threads: threads)] {
            let warm = MiniPy.runSource(source, filename: "<interpreted warm-up>")
            guard warm.exitCode == 0 else { throw RunFailure("cannot start the interpreter: \(warm.stderr)") }
        }
        Runtime.markBaseline()
    }

    /// Runs `program(threads)` for 1 and for `threads` threads (GIL held by the caller). The
    /// checksums printed by the two runs must agree; a wrong result throws RunFailure (exit 1).
    static func measure(threads: Int, what: String, program: (Int) -> String) throws -> (Double, Double, MiniGILStats) {
        let (one, sum1, _) = try runOnce(program(1), what: what)
        let (many, sumN, gil) = try runOnce(program(threads), what: what)
        guard sum1 == sumN else {
            throw RunFailure("VERIFICATION FAILED: interpreted: checksum \(sumN) on \(threads) threads differs from \(sum1) on one")
        }
        return (one, many, gil)
    }

    private static func runOnce(_ source: String, what: String) throws -> (Double, String, MiniGILStats) {
        MiniGIL_ResetStats()
        let started = Mini_MonotonicNs()
        let result = MiniPy.runSource(source, filename: "<interpreted \(what)>")
        let wall = Double(Mini_MonotonicNs() - started) / 1e9
        var stats = MiniGILStats()
        MiniGIL_GetStats(&stats)
        guard result.exitCode == 0 else {
            throw RunFailure("the interpreted \(what) failed (exit \(result.exitCode)):\n\(result.stderr)")
        }
        guard let line = result.stdout.split(separator: "\n").last(where: { $0.hasPrefix("RESULT ") }) else {
            throw RunFailure("the interpreted \(what) printed no result:\n\(result.stdout)\(result.stderr)")
        }
        let words = line.split(separator: " ").map(String.init)
        guard words.count == 3, let seconds = Double(words[1]), seconds > 0 else {
            throw RunFailure("the interpreted \(what) printed a malformed result: \(line)")
        }
        // The statistics cover the whole program (set-up included), the time only its timed part:
        // scale the held time so the table's "GIL held" is the fraction over the whole run.
        if wall > seconds { stats.held_ns = UInt64(Double(stats.held_ns) * seconds / wall) }
        if words[2] == "WRONG" { throw RunFailure("VERIFICATION FAILED: interpreted \(what): the program's own check of its results failed") }
        return (seconds, words[2], stats)
    }

    // ----- matmul ------------------------------------------------------------------------------

    /// `tasks` products of n x n float matrices (lists of lists, a triple loop), spread over the
    /// threads; each product is checked by row sums (sum_j C[i][j] = sum_k A[i][k] * sum_j B[k][j]).
    static func matmulProgram(size n: Int, tasks: Int, threads: Int) -> String {
        """
        import threading, time
        N = \(n)
        TASKS = \(tasks)
        THREADS = \(threads)

        def make(seed):
            x = seed
            m = []
            for i in range(N):
                row = []
                for j in range(N):
                    x = (x * 1103515245 + 12345) % 2147483648
                    row.append(x / 2147483648.0 - 0.5)
                m.append(row)
            return m

        def matmul(a, b):
            bt = [[b[k][j] for k in range(N)] for j in range(N)]
            c = []
            for i in range(N):
                ai = a[i]
                row = []
                for j in range(N):
                    bj = bt[j]
                    s = 0.0
                    for k in range(N):
                        s += ai[k] * bj[k]
                    row.append(s)
                c.append(row)
            return c

        def check(a, b, c):
            bsums = [sum(b[k]) for k in range(N)]
            for i in range(N):
                want = 0.0
                for k in range(N):
                    want += a[i][k] * bsums[k]
                if abs(sum(c[i]) - want) > 1e-9 * N * N:
                    return False
            return True

        a = make(1)
        b = make(2)
        sums = [None] * TASKS

        def worker(first):
            for t in range(first, TASKS, THREADS):
                c = matmul(a, b)
                sums[t] = sum([sum(row) for row in c]) if check(a, b, c) else None

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - start
        ok = all(s is not None and s == sums[0] for s in sums)
        print("RESULT", elapsed, repr(sums[0]) if ok else "WRONG")
        """
    }

    /// Runs interpreted matmul; `nativeFlops` is the work of one native run, for the scale.
    static func matmul(size: Int, tasks: Int, threads: Int, nativeFlops: Double) throws -> (ModeResult, Outcome) {
        let n = min(size, maxMatmulSize)
        let (one, many, gil) = try measure(threads: threads, what: "matmul") {
            matmulProgram(size: n, tasks: tasks, threads: $0)
        }
        let flops = 2 * Double(n) * Double(n) * Double(n) * Double(tasks)
        let outcome = Outcome(
            oneThread: one, threaded: many, threads: threads, gil: gil,
            summary: "interpreted: pure MiniPy triple loops on \(n)x\(n) lists of floats (threading.Thread), "
                + String(format: "%.4f GFLOPS on 1 thread, %.4f on %d (%.2fx)", flops / one / 1e9, flops / many / 1e9, threads, one / many)
                + "; compare it by GFLOPS" + (n < size ? " (its time is scaled to the \(size)x\(size) work)" : ""))
        return (outcome.result(scale: nativeFlops / flops), outcome)
    }

    // ----- countdown ---------------------------------------------------------------------------

    /// `while n > 0: n -= 1`, the count split evenly over the threads.
    static func countdownProgram(count: Int, threads: Int) -> String {
        """
        import threading, time
        COUNT = \(count)
        THREADS = \(threads)

        def countdown(n):
            while n > 0:
                n -= 1

        shares = [COUNT // THREADS + (1 if i < COUNT % THREADS else 0) for i in range(THREADS)]
        threads = [threading.Thread(target=countdown, args=(s,)) for s in shares]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - start
        print("RESULT", elapsed, sum(shares))
        """
    }

    /// Runs the interpreted countdown; `nativeCount` is the native modes' count, for the scale.
    static func countdown(count nativeCount: Int, threads: Int) throws -> (ModeResult, Outcome) {
        let count = min(nativeCount, maxCount)
        let (one, many, gil) = try measure(threads: threads, what: "countdown") {
            countdownProgram(count: count, threads: $0)
        }
        let outcome = Outcome(
            oneThread: one, threaded: many, threads: threads, gil: gil,
            summary: "interpreted: `while n > 0: n -= 1` as MiniPy bytecode, \(count) iterations, "
                + "\(formatRate(Double(count) / one, unit: "/s")) on 1 thread, \(formatRate(Double(count) / many, unit: "/s")) on \(threads)"
                + String(format: " (%.2fx: the lock serialises the bytecode)", one / many)
                + (count < nativeCount ? "; its time is scaled to \(nativeCount) iterations" : ""))
        return (outcome.result(scale: Double(nativeCount) / Double(count)), outcome)
    }
}
