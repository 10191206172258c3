// ChildProcess.swift: runs the built extdemo binary as a child process for the tests whose input
// could take the process down if the kit regressed (deep programs, misuse, signals): a crash or a
// hang then fails only that test. Captures stdout and stderr, feeds stdin, enforces a timeout
// (killing the child), and can send the child a signal once it has printed a marker line.
import Foundation
import XCTest

struct ChildResult {
    var status: Int32
    /// True when the child died of a signal (status is then the signal number).
    var signaled: Bool
    var stdout: String
    var stderr: String
    var timedOut: Bool

    /// The last non-empty line of stderr (the exception line of a traceback).
    var lastErrorLine: String {
        stderr.split(separator: "\n", omittingEmptySubsequences: true).last.map(String.init) ?? ""
    }
}

/// What the reader threads collect (guarded by `lock`).
final class Collected: @unchecked Sendable {
    let lock = NSLock()
    var out = Data()
    var err = Data()
}

enum ChildProcess {
    /// The extdemo executable: $EXTDEMO_BIN, else next to the test bundle (.build/<config>/).
    static let binary: String = ScriptComparisonTests.binary

    /// A scratch directory for generated inputs (removed by the caller's tearDown if it wants).
    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("extdemo-trust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs `extdemo args`, in `directory`, with `stdin` as its input. `signal` (sent when a
    /// stdout line equals `after`, or after `after` is nil and `delay` has passed) lets a test
    /// interrupt the child. EXTDEMO_CHECK=1 unless the environment overrides it.
    static func run(_ args: [String], stdin: Data? = nil, directory: URL? = nil,
                    environment extra: [String: String] = [:], timeout: TimeInterval = 120,
                    signal: Int32? = nil, after marker: String? = nil, delay: TimeInterval = 0,
                    shell: Bool = false) throws -> ChildResult {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            XCTFail("extdemo binary not found at \(binary) (build it, or set EXTDEMO_BIN)")
            throw XCTSkip("no binary")
        }
        let p = Process()
        // shell: args[0] is the program to run (a shell wrapping extdemo), not an extdemo argument.
        p.executableURL = URL(fileURLWithPath: shell ? args[0] : binary)
        p.arguments = shell ? Array(args.dropFirst()) : args
        var env = ProcessInfo.processInfo.environment
        env["EXTDEMO_CHECK"] = "1"
        env.removeValue(forKey: "EXTDEMO_PATH")
        for (k, v) in extra { env[k] = v }
        p.environment = env
        if let directory { p.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = stdin == nil ? FileHandle.nullDevice : inp
        try p.run()
        if let stdin {
            let w = inp.fileHandleForWriting
            Thread.detachNewThread {
                try? w.write(contentsOf: stdin)
                try? w.close()
            }
        }
        let box = Collected()
        let pid = p.processIdentifier
        let outHandle = out.fileHandleForReading, errHandle = err.fileHandleForReading
        let group = DispatchGroup()
        group.enter()
        Thread.detachNewThread {
            var sent = false
            var pending = Data()
            while true {
                let chunk = outHandle.availableData
                if chunk.isEmpty { break }
                box.lock.lock(); box.out.append(chunk); box.lock.unlock()
                if let signal, let marker, !sent {
                    pending.append(chunk)
                    if String(decoding: pending, as: UTF8.self).split(separator: "\n").contains(Substring(marker)) {
                        sent = true
                        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
                        kill(pid, signal)
                    }
                }
            }
            group.leave()
        }
        group.enter()
        Thread.detachNewThread {
            let d = errHandle.readDataToEndOfFile()
            box.lock.lock(); box.err = d; box.lock.unlock()
            group.leave()
        }
        if let signal, marker == nil {
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, signal)
        }
        var timedOut = false
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning {
            if Date() > deadline {
                timedOut = true
                kill(p.processIdentifier, SIGKILL)
                break
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        p.waitUntilExit()
        _ = group.wait(timeout: .now() + 10)
        box.lock.lock(); defer { box.lock.unlock() }
        return ChildResult(status: p.terminationStatus, signaled: p.terminationReason == .uncaughtSignal,
                           stdout: String(decoding: box.out, as: UTF8.self),
                           stderr: String(decoding: box.err, as: UTF8.self), timedOut: timedOut)
    }

    /// Writes `source` (bytes) to NAME in a fresh scratch directory and runs `extdemo run NAME`.
    static func runScript(_ source: [UInt8], name: String = "prog.py", arguments: [String] = [],
                          environment: [String: String] = [:], timeout: TimeInterval = 120) throws -> ChildResult {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(source).write(to: dir.appendingPathComponent(name))
        return try run(["run", name] + arguments, directory: dir, environment: environment, timeout: timeout)
    }

    static func runScript(_ source: String, name: String = "prog.py", arguments: [String] = [],
                          environment: [String: String] = [:], timeout: TimeInterval = 120) throws -> ChildResult {
        try runScript(Array(source.utf8), name: name, arguments: arguments, environment: environment, timeout: timeout)
    }
}
