// Progress.swift: a one-line progress indicator on stderr for long runs. It appears only when
// stderr is a terminal, the output is not --json, and the command has been running for more than
// a second; it rewrites one line in place and erases it when a phase ends, so nothing of it is
// left in the output. Only the main thread draws it (while it waits for the workers).

import Foundation

final class ProgressLine: @unchecked Sendable {
    private let started = Date()
    private var drawn = false

    /// nil when progress should not be shown (stderr not a terminal, or JSON output).
    static func make(json: Bool) -> ProgressLine? {
        if json || isatty(STDERR_FILENO) == 0 { return nil }
        return ProgressLine()
    }

    /// "matmul released: 3/8 tasks, 2.1 s", once the command has run for a second.
    func update(_ label: String, done: Int, of total: Int) {
        let elapsed = Date().timeIntervalSince(started)
        guard elapsed > 1 else { return }
        write("\r\u{1B}[K\(label): \(done)/\(total) tasks, \(String(format: "%.1f", elapsed)) s")
        drawn = true
    }

    /// A free-form status line ("measuring numpy..."), same rules as `update`.
    func status(_ text: String) {
        guard Date().timeIntervalSince(started) > 1 else { return }
        write("\r\u{1B}[K\(text)")
        drawn = true
    }

    /// Erases the line if one was drawn.
    func clear() {
        if drawn {
            write("\r\u{1B}[K")
            drawn = false
        }
    }

    private func write(_ s: String) {
        FileHandle.standardError.write(Data(s.utf8))
    }
}
