// CompileLimits.swift: what keeps the front end from exhausting the stack on absurd input.
//
// The parser, the syntax checks, the symbol table and the compiler are recursive walks over the
// tree. Two things bound them. The parser refuses trees taller than Parser.maxDepth (expression
// height, `if`/`elif` chains) with CompileDepthError, which the compiler's entry point turns into
// CPython's "RecursionError: maximum recursion depth exceeded during compilation"; every other
// kind of nesting is already capped (brackets at 200, indentation at 100, unary/lambda/ternary
// chains at Parser.maxNesting). And the whole front end runs on a thread with a large stack when
// the source is big enough to be deep (`onLargeStack`), because even the bounded depths need more
// than a default 8 MB stack in a debug build, and a program's threads (or an `eval` called deep in
// a recursion) may have less left. The helper thread borrows the caller's thread state while the
// caller waits, so the GIL checks, the current exception and the VM's thread data all behave as
// if the caller had done the work itself.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CShims
import MiniVM

/// The parse tree is too deep for the compiler's passes (reported as RecursionError).
struct CompileDepthError: Error {
    static let message = "maximum recursion depth exceeded during compilation"
}

extension Compiler {
    /// Runs a front-end job for `size` bytes of source: on a large stack when it is big, with a
    /// too-deep tree turned into RecursionError (thrown as PendingException, the error set).
    static func guardedFrontEnd<T>(size: Int, _ body: () throws -> T) throws -> T {
        do {
            return try LargeStack.run(size: size, body)
        } catch is CompileDepthError {
            MiniErr_SetString(MiniExc_RecursionError, CompileDepthError.message)
            throw PendingException()
        }
    }
}

enum LargeStack {
    /// Sources shorter than this cannot nest deep enough to need a stack of their own.
    static let threshold = 512
    /// Reserved, not committed: the pages the walk never touches cost nothing.
    static let stackBytes = 1 << 30

    /// The state handed to the helper thread.
    private final class Job {
        let body: () -> Void
        let tstate: OpaquePointer?
        let owner: UInt     // free-threaded: the caller's reference-count owner id (vmrefowner.c)
        init(body: @escaping () -> Void, tstate: OpaquePointer?, owner: UInt) {
            self.body = body
            self.tstate = tstate
            self.owner = owner
        }
    }

    /// Runs `body` to completion and returns its result, on a helper thread with a large stack
    /// when `size` (the source length) calls for it, else directly. The calling thread waits (still
    /// owning the GIL, if it does); the helper acts under the caller's thread state.
    static func run<T>(size: Int, _ body: () throws -> T) throws -> T {
        if size < threshold { return try body() }
        var result: Result<T, Error>? = nil
        try withoutActuallyEscaping(body) { escapable in
            let job = Job(body: { result = Result { try escapable() } },
                          tstate: MiniThreadState_GetUnchecked(), owner: MiniVM_RefOwner())
            var attr = pthread_attr_t()
            pthread_attr_init(&attr)
            defer { pthread_attr_destroy(&attr) }
            pthread_attr_setstacksize(&attr, stackBytes)
            let ctx = Unmanaged.passRetained(job).toOpaque()
            var thread = pthread_t()
            let rc = pthread_create(&thread, &attr, { raw in
                let job = Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue()
                let saved = MiniThreadState_Swap(job.tstate)
                let ownId = MiniVM_BorrowRefOwner(job.owner)   // objects made here stay the caller's
                job.body()
                _ = MiniVM_BorrowRefOwner(ownId)
                _ = MiniThreadState_Swap(saved)
                return nil
            }, ctx)
            if rc != 0 {
                // No thread (resource limits): do the work here, as a small source would.
                Unmanaged<Job>.fromOpaque(ctx).release()
                result = Result { try escapable() }
                return
            }
            pthread_join(thread, nil)
        }
        return try result!.get()
    }
}
