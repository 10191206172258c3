// WorkerPipe.swift: the plumbing of `--mode processes`: starting a worker process (the kit's own
// binary, `extdemo __worker ...`) with a pipe to its standard input and one from its standard
// output, and the framed messages that cross them.
//
// A frame is one tag byte, an 8-byte little-endian payload length and the payload. Reads and
// writes loop over short transfers and EINTR; a pipe that ends early (the other side died) is an
// error the caller turns into a report, never a hang. SIGPIPE is ignored in the parent, so
// writing to a dead worker fails with EPIPE instead of killing the tool.

import Foundation

/// The message kinds of the worker protocol, in the order a run uses them.
enum FrameTag: UInt8 {
    case ready = 1      // worker -> parent: runtime started, module imported
    case task = 2       // parent -> worker: u64 task index + the task's input bytes
    case loadEnd = 3    // parent -> worker: no more tasks
    case loaded = 4     // worker -> parent: every input decoded into objects
    case go = 5         // parent -> worker: compute now
    case done = 6       // worker -> parent: u64 nanoseconds the worker spent computing
    case collect = 7    // parent -> worker: send the results
    case result = 8     // worker -> parent: u64 task index + the result's bytes
    case end = 9        // worker -> parent: no more results
    case error = 10     // worker -> parent: a UTF-8 message; the worker exits 1 after it
}

/// The pipe broke or a frame was malformed: the worker is gone or misbehaving.
struct PipeBroken: Error {
    let detail: String
}

/// A file descriptor read or written in frames. Not thread-safe; one owner at a time.
struct FramedFD {
    let fd: Int32

    /// Writes one frame; throws PipeBroken when the reader is gone.
    func write(_ tag: FrameTag, _ payload: [UInt8] = []) throws(PipeBroken) {
        var header = [UInt8](repeating: 0, count: 9)
        header[0] = tag.rawValue
        var length = UInt64(payload.count).littleEndian
        withUnsafeBytes(of: &length) { for i in 0..<8 { header[1 + i] = $0[i] } }
        try writeAll(header)
        try writeAll(payload)
    }

    /// Reads one frame; throws PipeBroken at end of file or on a malformed header.
    func read() throws(PipeBroken) -> (FrameTag, [UInt8]) {
        let header = try readExactly(9)
        guard let tag = FrameTag(rawValue: header[0]) else {
            throw PipeBroken(detail: "unknown message tag \(header[0])")
        }
        var length: UInt64 = 0
        for i in 0..<8 { length |= UInt64(header[1 + i]) << (8 * UInt64(i)) }
        guard length < (1 << 40) else { throw PipeBroken(detail: "message of \(length) bytes") }
        return (tag, try readExactly(Int(length)))
    }

    private func writeAll(_ bytes: [UInt8]) throws(PipeBroken) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw PipeBroken(detail: String(cString: strerror(errno)))
            }
            offset += n
        }
    }

    private func readExactly(_ count: Int) throws(PipeBroken) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let n = bytes.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress! + offset, count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw PipeBroken(detail: String(cString: strerror(errno)))
            }
            if n == 0 { throw PipeBroken(detail: "end of file") }
            offset += n
        }
        return bytes
    }
}

/// Little-endian u64 helpers for payloads.
enum Wire {
    static func u64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) } }

    /// The u64 at `offset`; nil when the payload is too short.
    static func u64(_ bytes: [UInt8], at offset: Int = 0) -> UInt64? {
        guard bytes.count >= offset + 8 else { return nil }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        return v
    }
}

/// One running worker process and the parent's ends of its pipes.
final class WorkerProcess {
    let index: Int
    let pid: pid_t
    let toWorker: FramedFD
    let fromWorker: FramedFD
    private var reaped = false

    private init(index: Int, pid: pid_t, toWorker: Int32, fromWorker: Int32) {
        self.index = index
        self.pid = pid
        self.toWorker = FramedFD(fd: toWorker)
        self.fromWorker = FramedFD(fd: fromWorker)
    }

    /// The path of the running binary, which every worker runs.
    static var executablePath: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 { return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return CommandLine.arguments[0]
    }

    /// Starts `extdemo __worker <arguments>` with pipes on its stdin and stdout (stderr is
    /// shared, so a worker's own complaint reaches the user). Throws RunFailure when the system
    /// refuses.
    static func spawn(index: Int, arguments: [String], environment: [String: String] = [:]) throws -> WorkerProcess {
        signal(SIGPIPE, SIG_IGN)
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        guard pipe(&input) == 0 else { throw RunFailure("cannot make a pipe for worker \(index + 1): \(String(cString: strerror(errno)))") }
        guard pipe(&output) == 0 else {
            close(input[0]); close(input[1])
            throw RunFailure("cannot make a pipe for worker \(index + 1): \(String(cString: strerror(errno)))")
        }
        // The parent's ends must not leak into other workers.
        _ = fcntl(input[1], F_SETFD, FD_CLOEXEC)
        _ = fcntl(output[0], F_SETFD, FD_CLOEXEC)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)

        let path = executablePath
        let argv = [path, "__worker"] + arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let envp = env.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let status = withCStrings(argv) { cargv in
            withCStrings(envp) { cenv in posix_spawn(&pid, path, &actions, nil, cargv, cenv) }
        }
        close(input[0])
        close(output[1])
        if status != 0 {
            close(input[1]); close(output[0])
            throw RunFailure("cannot start worker \(index + 1) (\(path)): \(String(cString: strerror(status)))")
        }
        return WorkerProcess(index: index, pid: pid, toWorker: input[1], fromWorker: output[0])
    }

    /// Closes the pipes and waits for the process to end; kills it first when `kill` is set.
    /// Returns how it ended ("exited with status 0", "killed by signal 11 (SIGSEGV)").
    @discardableResult
    func finish(kill force: Bool = false) -> String {
        if reaped { return "already reaped" }
        if force { Glibc.kill(pid, SIGKILL) }
        close(toWorker.fd)
        close(fromWorker.fd)
        reaped = true
        return WorkerProcess.wait(pid)
    }

    /// Why a worker stopped talking: waits for it (it has closed its end) and describes its end.
    func death(_ broken: PipeBroken) -> String {
        let how = finish()
        return "worker \(index + 1) (pid \(pid)) \(how) (\(broken.detail) on its pipe)"
    }

    private static func wait(_ pid: pid_t) -> String {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return "could not be waited for" }
        }
        let signalled = (status & 0x7f) != 0 && (status & 0x7f) != 0x7f
        if signalled {
            let sig = status & 0x7f
            return "was killed by signal \(sig)" + (signalName(sig).map { " (\($0))" } ?? "")
        }
        return "exited with status \((status >> 8) & 0xff)"
    }

    private static func signalName(_ sig: Int32) -> String? {
        switch sig {
        case SIGSEGV: return "SIGSEGV"
        case SIGABRT: return "SIGABRT"
        case SIGKILL: return "SIGKILL"
        case SIGBUS: return "SIGBUS"
        case SIGFPE: return "SIGFPE"
        case SIGILL: return "SIGILL"
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        default: return nil
        }
    }
}

/// Calls `body` with a NULL-terminated C array of the strings.
func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    let pointers = strings.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    return body(pointers + [nil])
}
