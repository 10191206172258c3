// RealtimeScheduling.swift: `convoy --realtime`. Switches the calling thread to SCHED_FIFO at the
// lowest real-time priority, so the threads it starts afterwards (pthreads inherit the policy by
// default) are woken onto a core at once, as on an idle machine, and back to SCHED_OTHER after.
// Linux's real-time throttling (95% of each second by default) still leaves other work some time.

#if canImport(Glibc)
import Glibc
#endif

enum RealtimeScheduling {
    /// SCHED_FIFO for the calling thread, or a RunFailure saying why not (EPERM: no CAP_SYS_NICE).
    static func enter() throws {
        #if canImport(Glibc)
        var param = sched_param()
        param.sched_priority = sched_get_priority_min(Int32(SCHED_FIFO))
        if sched_setscheduler(0, Int32(SCHED_FIFO), &param) != 0 {
            let why = errno == EPERM ? "not permitted (needs root or CAP_SYS_NICE)" : String(cString: strerror(errno))
            throw RunFailure("--realtime: cannot switch to SCHED_FIFO: \(why)")
        }
        #else
        throw RunFailure("--realtime: SCHED_FIFO is only supported on Linux")
        #endif
    }

    /// Back to the ordinary time-sharing policy (errors ignored: nothing to undo them with).
    static func leave() {
        #if canImport(Glibc)
        var param = sched_param()
        param.sched_priority = 0
        _ = sched_setscheduler(0, Int32(SCHED_OTHER), &param)
        #endif
    }
}
