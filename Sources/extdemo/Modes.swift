// Modes.swift: the ways a workload's tasks can be run. Each workload lists the modes it supports,
// and `--mode all` means that list; the sequential baseline always runs first, because every
// other mode is verified against it and its speedup measured against it. The list is open: the
// interpreter adds an `interpreted` mode (the same tasks run as MiniPy code) by declaring one more
// value here and listing it in the workloads that support it.

/// How the tasks of one measurement are run.
struct Mode: Hashable, Sendable {
    /// The name used by `--mode` and in reports.
    let name: String
    /// false: one thread runs every task; true: the tasks are spread over --threads threads.
    let parallel: Bool
    /// The `release=` argument the extension gets: whether it lets the GIL go around its kernel.
    let releasesGIL: Bool
    /// Who runs the tasks: the harness's threads (the default), worker processes, or plain
    /// pthreads with no runtime (ProcessMode.swift, RawMode.swift).
    var runner: Runner = .threads

    enum Runner: Hashable, Sendable { case threads, processes, raw }

    /// One thread runs all the tasks, the kernel holding the lock as `held` does: the baseline.
    static let sequential = Mode(name: "sequential", parallel: false, releasesGIL: false)
    /// N threads; the extension keeps the GIL during its kernel (release=False).
    static let held = Mode(name: "held", parallel: true, releasesGIL: false)
    /// N threads; the extension releases the GIL around its kernel (release=True).
    static let released = Mode(name: "released", parallel: true, releasesGIL: true)
}
