// InterpreterBench.swift: the interpreter's rows of `extdemo bench`. One Python program is run
// twice in the same bench run — by MiniPy (in process) and by python3 (a child process, when
// present) — and prints its own figures as `key value` lines: the countdown loop's time per
// iteration, a pure-Python 96x96 matmul's MFLOPS (with locals, and at module level where every
// name is a global), and how the countdown scales on 2 and 8 threads
// (the lock serialises it: ~1.0x). A second program, MiniPy only, calls the native matmul with
// release=True from 8 interpreted threads, the script-level form of the headline (>= 1.9x).

import Foundation
import MiniPy

enum InterpreterBench {
    /// The program both interpreters run. Timing is done inside it with time.perf_counter.
    static func program(quick: Bool) -> String {
        let n = quick ? 3_000_000 : 10_000_000
        let k = quick ? 64 : 96
        return """
        import threading, time

        def countdown(n):
            while n > 0:
                n -= 1

        def best(f, repeat):
            out = []
            for _ in range(repeat):
                t = time.perf_counter()
                f()
                out.append(time.perf_counter() - t)
            return min(out)

        N = \(n)
        seq = best(lambda: countdown(N), 2)
        print("countdown_ns_per_iter", seq / N * 1e9)

        def threaded(parts):
            ts = [threading.Thread(target=countdown, args=(N // parts,)) for _ in range(parts)]
            t = time.perf_counter()
            for x in ts:
                x.start()
            for x in ts:
                x.join()
            return time.perf_counter() - t

        print("countdown_speedup_2", seq / min(threaded(2), threaded(2)))
        print("countdown_speedup_8", seq / min(threaded(8), threaded(8)))

        def matmul_bench():
            # As ../shared/anchors/measure.py writes it: X and k are the function's locals.
            import random
            random.seed(1)
            k = \(k)
            X = [[random.random() for _ in range(k)] for _ in range(k)]
            mm = lambda: [[sum(X[i][p] * X[p][j] for p in range(k)) for j in range(k)] for i in range(k)]
            return 2 * k ** 3 / best(mm, 2) / 1e6

        print("matmul_mflops", matmul_bench())

        # The same product at module level, where X, k and the loop variables are globals.
        import random
        random.seed(1)
        k = \(k)
        X = [[random.random() for _ in range(k)] for _ in range(k)]
        module_best = None
        for _ in range(2):
            t = time.perf_counter()
            R = [[sum(X[i][p] * X[p][j] for p in range(k)) for j in range(k)] for i in range(k)]
            t = time.perf_counter() - t
            module_best = t if module_best is None or t < module_best else module_best
        print("matmul_module_mflops", 2 * k ** 3 / module_best / 1e6)
        """
    }

    /// The native half: 8 interpreted threads each call matmul.matmul(a, a, release=True).
    static let nativeProgram = """
    import threading, time, matmul

    a = matmul.random(1024, 1024, 1)
    TASKS = 8

    def work(release):
        matmul.matmul(a, a, release=release)

    def run(threads, release):
        per = TASKS // threads
        def body():
            for _ in range(per):
                work(release)
        ts = [threading.Thread(target=body) for _ in range(threads)]
        t = time.perf_counter()
        for x in ts:
            x.start()
        for x in ts:
            x.join()
        return time.perf_counter() - t

    seq = min(run(1, False), run(1, False))
    print("script_native_released_speedup_8", seq / min(run(8, True), run(8, True)))
    print("script_native_held_speedup_8", seq / min(run(8, False), run(8, False)))
    """

    /// Parses `key value` lines.
    static func figures(_ output: String) -> [String: Double] {
        var out: [String: Double] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let v = Double(parts[1]) { out[String(parts[0])] = v }
        }
        return out
    }

    /// Runs the programs; returns MiniPy's figures, python3's (empty if absent) and notes.
    static func measure(quick: Bool) -> (kit: [String: Double], cpython: [String: Double], notes: [String]) {
        var notes: [String] = []
        let mine = MiniPy.runSource(program(quick: quick), filename: "<bench>")
        if mine.exitCode != 0 { notes.append("interpreter bench failed: \(mine.stderr.split(separator: "\n").last ?? "")") }
        var kit = figures(mine.stdout)
        let native = MiniPy.runSource(nativeProgram, filename: "<bench-native>")
        if native.exitCode != 0 { notes.append("interpreter native bench failed: \(native.stderr.split(separator: "\n").last ?? "")") }
        kit.merge(figures(native.stdout)) { a, _ in a }
        var cpython: [String: Double] = [:]
        if let python = findExecutable(ProcessInfo.processInfo.environment["EXTDEMO_PYTHON"] ?? "python3") {
            let (status, output, _) = runProcess(python, ["-c", program(quick: quick)])
            if status == 0 { cpython = figures(output) } else { notes.append("python3 interpreter anchor failed") }
        }
        return (kit, cpython, notes)
    }
}
