// Sync.swift: the few thread primitives the worker pool needs, on plain pthreads: a one-shot
// gate (every worker blocks on it, the main thread opens it once so all start together), a
// count-down latch with a timed wait (so the main thread can draw progress while it waits), and
// an OS thread started from a Swift closure and joined by id. None of them touches the GIL:
// callers release it before they block.

import Foundation

/// A mutex and a condition variable, allocated once so their addresses never move.
private final class MutexCond: @unchecked Sendable {
    let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    let cond = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        var attr = pthread_condattr_t()
        pthread_condattr_init(&attr)
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC)
        pthread_cond_init(cond, &attr)
        pthread_condattr_destroy(&attr)
    }

    deinit {
        pthread_cond_destroy(cond)
        pthread_mutex_destroy(mutex)
        cond.deallocate()
        mutex.deallocate()
    }

    func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }
}

/// Closed until `open()`; then every `wait()`, past and future, returns.
final class Gate: @unchecked Sendable {
    private let sync = MutexCond()
    private var isOpen = false   // guarded by sync.mutex

    func open() {
        sync.locked {
            isOpen = true
            pthread_cond_broadcast(sync.cond)
        }
    }

    func wait() {
        sync.locked {
            while !isOpen { pthread_cond_wait(sync.cond, sync.mutex) }
        }
    }
}

/// Starts at `count`; `countDown()` lowers it; waiters return once it reaches zero.
final class Latch: @unchecked Sendable {
    private let sync = MutexCond()
    private var remaining: Int   // guarded by sync.mutex

    init(count: Int) { remaining = count }

    func countDown() {
        sync.locked {
            remaining -= 1
            if remaining <= 0 { pthread_cond_broadcast(sync.cond) }
        }
    }

    func wait() {
        sync.locked {
            while remaining > 0 { pthread_cond_wait(sync.cond, sync.mutex) }
        }
    }

    /// Waits at most `milliseconds`; true when the count has reached zero.
    func wait(milliseconds: Int) -> Bool {
        var deadline = timespec()
        clock_gettime(CLOCK_MONOTONIC, &deadline)
        let ns = Int(deadline.tv_nsec) + (milliseconds % 1000) * 1_000_000
        deadline.tv_sec += milliseconds / 1000 + ns / 1_000_000_000
        deadline.tv_nsec = ns % 1_000_000_000
        return sync.locked {
            while remaining > 0 {
                if pthread_cond_timedwait(sync.cond, sync.mutex, &deadline) == ETIMEDOUT { break }
            }
            return remaining <= 0
        }
    }
}

/// An OS thread running a Swift closure, joined explicitly.
struct OSThread {
    private let id: pthread_t

    private final class Box {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// Starts a thread; nil if the system refuses (too many threads, no memory).
    static func start(_ body: @escaping @Sendable () -> Void) -> OSThread? {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var id = pthread_t()
        let status = pthread_create(&id, nil, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        if status != 0 {
            Unmanaged<Box>.fromOpaque(box).release()
            return nil
        }
        return OSThread(id: id)
    }

    func join() {
        pthread_join(id, nil)
    }
}
