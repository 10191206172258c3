// StressCommand.swift: `extdemo stress` (issue 14, item 4): many interpreted threads at a tiny
// switch interval, each cycling through six kinds of step — interpreted work, a native call with
// the lock released, time.sleep, a threading.Lock, a bounded queue.Queue put and get, and
// callbacks into Python from foreign pthreads through GILState — for a bounded time, then a
// verification of every result.
//
// The checks, none of them a timing threshold:
// - no deadlock: the `stress` module's watchdog (Examples/extensions/stress.c), a plain pthread
//   that never takes the GIL, ends the process with exit status 3 and a dump of who holds the
//   GIL and what every thread and worker waits for, when one worker makes no progress for
//   --stall-seconds (default 60, generous on purpose);
// - no starvation: every worker keeps going until it has done every kind of step at least once
//   (counted), and the longest gap between two steps of one worker and the longest single wait
//   for the GIL are reported;
// - results verified: lock-protected counter, queue items and their sum, native checksums
//   against the same loop run with the lock held, interpreted sums, foreign callback results;
// - refcounts balanced: the reference total and live objects after the run equal those after a
//   warm-up run (imports cached), or the command fails.
// Exit status 0 when everything holds, 1 when a check fails, 3 from the watchdog, 2 usage.

import CShims
import Foundation
import MiniPy

enum StressCommand: Subcommand {
    static let name = "stress"
    static let summary = "many threads mixing every way of using the lock, with a deadlock watchdog"
    static let options: [OptionSpec] = [
        .option("--threads", "N"), .option("--seconds", "S"), .option("--switch-interval", "MS"),
        .option("--stall-seconds", "S"), .option("--self-test", "hang"),
    ] + GILRecording.options

    static let help = """
    Usage: extdemo stress [--threads N] [--seconds S] [--switch-interval MS] [--stall-seconds S]
                          [--stats] [--trace FILE.json] [--timeline FILE.svg|-] [--gil-policy POLICY]

    Runs N interpreted threads for S seconds at a tiny switch interval; each cycles through
    interpreted work, a native call with the GIL released, time.sleep, a threading.Lock, a
    bounded queue.Queue, and callbacks into Python from foreign (non-Python) threads through
    MiniGILState_Ensure. Then it verifies every result, that every thread did every kind of
    step (no starvation), and that the reference total is back at its value before the run.
    A watchdog that never takes the GIL ends the process with exit status 3 and a dump of who
    holds the GIL and what every thread waits for, if one thread makes no progress for the
    stall limit.

    Options:
      --threads N            interpreted threads (default: 64, at most 256)
      --seconds S            how long the threads run (default: 3; each still finishes one round)
      --switch-interval MS   the GIL switch interval in milliseconds (default: 0.1)
      --stall-seconds S      the watchdog's limit for one thread without progress (default: 60)
      --self-test hang       make worker 0 keep the GIL forever, to see the watchdog fire
      \(GILRecording.help)
      -h, --help             show this help

    Exit status: 0 all checks held, 1 a check failed, 2 bad usage, 3 the watchdog fired.
    """

    static func run(_ arguments: CommandLineArguments) throws -> Int32 {
        let threads = try arguments.integer("--threads", default: 64, max: 256)
        let seconds = try arguments.positiveNumber("--seconds", default: 3, max: 86_400)
        let interval = try arguments.positiveNumber("--switch-interval", default: 0.1, max: 1000)
        let stall = try arguments.positiveNumber("--stall-seconds", default: 60, max: 86_400)
        var hang = false
        if let selfTest = arguments.values["--self-test"] {
            guard selfTest == "hang" else { throw UsageError("--self-test must be 'hang', got '\(selfTest)'") }
            hang = true
        }
        try Runtime.start(switchIntervalMs: interval)
        try Runtime.importModule("stress")
        MiniPy.prepare()
        // The warm-up imports what the program uses (cached, as in sys.modules) before the
        // reference baseline is taken.
        let warm = MiniPy.runSource(program(threads: 2, seconds: 0, stall: stall, hang: false), filename: "<stress warm-up>")
        guard warm.exitCode == 0 else { throw RunFailure("the warm-up run failed:\n\(warm.stdout)\(warm.stderr)") }
        Runtime.markBaseline()
        let before = (refs: Mini_TotalRefCount(), objects: Mini_LiveObjects())
        MiniGIL_ResetStats()
        let result = MiniPy.runSource(program(threads: threads, seconds: seconds, stall: stall, hang: hang),
                                      filename: "<stress>")
        var stats = MiniGILStats()
        MiniGIL_GetStats(&stats)
        let after = (refs: Mini_TotalRefCount(), objects: Mini_LiveObjects())
        print("stress: \(threads) threads x \(formatNumber(seconds)) s at a \(formatNumber(interval)) ms switch interval")
        print(result.stdout, terminator: "")
        if !result.stderr.isEmpty { writeError(result.stderr) }
        print(String(format: "  GIL: %llu switches, %llu drop requests honoured, longest single wait for the lock %.1f ms",
                     stats.switches, stats.drop_requests_honoured, Double(stats.max_wait_ns) / 1e6))
        let refsDelta = after.refs - before.refs, objectsDelta = after.objects - before.objects
        print("  references: \(refsDelta) more, live objects: \(objectsDelta) more than before the run")
        guard result.exitCode == 0 else {
            writeError("extdemo: stress: a check failed (the program exited with status \(result.exitCode))\n")
            return 1
        }
        guard refsDelta == 0, objectsDelta == 0 else {
            writeError("extdemo: stress: reference counts not balanced: \(refsDelta) references and \(objectsDelta) objects more than before the run\n")
            return 1
        }
        print("stress: passed: 0 deadlocks, every thread did every kind of step, every result verified, refcounts balanced")
        return 0
    }

    /// The Python program: the parameters, then the fixed body.
    static func program(threads: Int, seconds: Double, stall: Double, hang: Bool) -> String {
        "THREADS = \(threads)\nSECONDS = \(seconds)\nSTALL = \(stall)\nHANG = \(hang ? "True" : "False")\n" + body
    }

    static let body = #"""
import threading, queue, time
import stress

KINDS = ("interpreted", "native", "sleep", "lock", "queue", "foreign")
P_INTERP, P_NATIVE, P_SLEEP, P_LOCK, P_PUT, P_GET, P_FOREIGN, P_DONE = range(8)
NATIVE_N = 20000
native_expected = [stress.native_held(NATIVE_N, s) for s in range(8)]
INTERP_N = 300
interp_expected = sum([i * i for i in range(INTERP_N)])

lock = threading.Lock()
shared = [0]
foreign_seen = [0]
q = queue.Queue(maxsize=16)
counts = [[0] * len(KINDS) for _ in range(THREADS)]
put_sum = [0] * THREADS
got_sum = [0] * THREADS
errors = []

def callback(k):
    with lock:
        foreign_seen[0] += 1
    return 2 * k

def interp(n):
    total = 0
    i = 0
    while i < n:
        total += i * i
        i += 1
    return total

def worker(w, deadline):
    c = counts[w]
    step = 0
    while step < len(KINDS) or time.monotonic() < deadline:
        kind = (w + step) % len(KINDS)
        step += 1
        if kind == 0:
            stress.mark(w, P_INTERP)
            if interp(INTERP_N) != interp_expected:
                errors.append("worker %d: interpreted sum wrong" % w)
        elif kind == 1:
            stress.mark(w, P_NATIVE)
            if HANG and w == 0:
                stress.hang()
            s = step % 8
            if stress.native(NATIVE_N, s) != native_expected[s]:
                errors.append("worker %d: native checksum wrong" % w)
        elif kind == 2:
            stress.mark(w, P_SLEEP)
            time.sleep(0.0001)
        elif kind == 3:
            stress.mark(w, P_LOCK)
            with lock:
                shared[0] += 1
        elif kind == 4:
            stress.mark(w, P_PUT)
            v = w * 1000003 + step
            q.put(v)
            put_sum[w] += v
            stress.mark(w, P_GET)
            got_sum[w] += q.get()
        else:
            stress.mark(w, P_FOREIGN)
            got = stress.foreign(1, 3, callback)
            if got != 3:
                errors.append("worker %d: %d of 3 foreign callbacks returned the right value" % (w, got))
        c[kind] += 1
    stress.mark(w, P_DONE)

stress.watchdog_start(THREADS, STALL)
deadline = time.monotonic() + SECONDS
ts = [threading.Thread(target=worker, args=(w, deadline), name="worker-%d" % w) for w in range(THREADS)]
for t in ts:
    t.start()
for t in ts:
    t.join()
gap_ns, gap_worker, marks = stress.watchdog_stop()

totals = [sum([c[k] for c in counts]) for k in range(len(KINDS))]
fewest = min([min(c) for c in counts])
steps = sum(totals)
if shared[0] != totals[3]:
    errors.append("lock counter %d, expected %d" % (shared[0], totals[3]))
if sum(put_sum) != sum(got_sum) or not q.empty():
    errors.append("queue: sum of items put %d, got %d" % (sum(put_sum), sum(got_sum)))
if foreign_seen[0] != 3 * totals[5]:
    errors.append("foreign callbacks: %d ran, expected %d" % (foreign_seen[0], 3 * totals[5]))
if fewest < 1:
    errors.append("starvation: a thread never did one kind of step")
print("  steps: %d (%s)" % (steps, ", ".join(["%s %d" % (KINDS[k], totals[k]) for k in range(len(KINDS))])))
print("  verified: lock counter %d, queue items %d (sums equal: %s), native checksums %d, foreign callbacks %d from %d foreign threads" % (
    shared[0], totals[4], sum(put_sum) == sum(got_sum), totals[1], foreign_seen[0], totals[5]))
print("  starvation: fewest steps of one kind by one thread %d; longest gap between two steps of one thread %.1f ms (worker-%d)" % (
    fewest, gap_ns / 1e6, gap_worker))
print("  deadlocks: 0 (the watchdog's limit: %g s without progress)" % STALL)
for e in errors[:10]:
    print("  ERROR:", e)
if errors:
    raise SystemExit(1)
"""#
}
