// DisCommand.swift: `extdemo dis FILE.py` prints the bytecode MiniPy compiles FILE.py to, like
// `python3 -m dis FILE.py`, with the instructions where the lock can change hands (the eval
// loop's eval-breaker polls) marked GIL. Exit 0; 1 on a syntax error (printed); 2 with one line
// on stderr if the file cannot be read.

import Foundation
import MiniPy

enum DisCommand: Subcommand {
    static let name = "dis"
    static let summary = "show the bytecode of a script, marking where the GIL can change hands"
    static let takesOperands = true
    static let options: [OptionSpec] = []

    static let help = """
    Usage: extdemo dis FILE.py

    Prints the bytecode FILE.py compiles to, like `python3 -m dis FILE.py`. Instructions
    marked GIL are where the eval loop polls its eval breaker: the only places an interpreted
    thread can be asked to let the lock go (backward jumps, calls, function entry).

    Options:
      -h, --help   show this help
    """

    static func run(_ arguments: CommandLineArguments) throws -> Int32 {
        guard arguments.operands.count == 1, let file = arguments.operands.first else {
            throw UsageError(arguments.operands.isEmpty ? "missing FILE.py" : "expected one FILE.py")
        }
        try requireReadableScript(file)
        try Runtime.start()
        let text = MiniPy.disassemble(path: file)
        // A syntax error comes back as its formatted message instead of a listing.
        if isSyntaxErrorReport(text) {
            writeError(text)
            return 1
        }
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        return 0
    }

    /// True when `text` is an error report rather than a listing: its last line is the error.
    static func isSyntaxErrorReport(_ text: String) -> Bool {
        let last = text.split(separator: "\n").last.map(String.init) ?? ""
        return last.hasPrefix("SyntaxError") || last.hasPrefix("IndentationError") || last.hasPrefix("TabError")
    }
}
