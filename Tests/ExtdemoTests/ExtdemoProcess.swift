// ExtdemoProcess.swift: running the built extdemo binary as a subprocess, the one way every CLI
// test suite does it: found next to the test bundle (or at $EXTDEMO_BIN), started with
// EXTDEMO_CHECK=1 (checked mode, so the tool reports leaked objects) and without the caller's
// EXTDEMO_PATH, stdout and stderr collected concurrently so neither pipe can fill and block it.

import Foundation
import XCTest

/// What a run of the binary produced.
struct ExtdemoOutcome {
    let status: Int32
    let stdout: String
    let stderr: String
}

enum ExtdemoProcess {
    /// The extdemo executable: $EXTDEMO_BIN, else next to this test bundle (.build/<config>/).
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["EXTDEMO_BIN"] { return path }
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = me.deletingLastPathComponent()
        if dir.pathExtension == "xctest" { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("extdemo").path
    }()

    private final class Collector: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }

    /// Runs the binary with `arguments` in `cwd` (the test's own directory when nil), `stdin` as
    /// its standard input (empty when nil) and `environment` added last. Fails the calling test
    /// and skips it when the binary is missing.
    static func run(_ arguments: [String], stdin: Data? = nil, cwd: URL? = nil,
                    environment extra: [String: String] = [:],
                    file: StaticString = #filePath, line: UInt = #line) throws -> ExtdemoOutcome {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            XCTFail("extdemo binary not found at \(binary) (build it, or set EXTDEMO_BIN)", file: file, line: line)
            throw XCTSkip("no binary")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["EXTDEMO_CHECK"] = "1"
        env.removeValue(forKey: "EXTDEMO_PATH")
        for (k, v) in extra { env[k] = v }
        process.environment = env
        if let cwd { process.currentDirectoryURL = cwd }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        let errData = Collector()
        let reader = Thread { errData.data = err.fileHandleForReading.readDataToEndOfFile(); errData.done.signal() }
        reader.start()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errData.done.wait()
        process.waitUntilExit()
        return ExtdemoOutcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                              stderr: String(decoding: errData.data, as: UTF8.self))
    }
}
