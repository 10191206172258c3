// Options.swift: command-line parsing shared by every subcommand.
//
// A subcommand declares its options (name, value placeholder or none); `CommandLineArguments`
// splits the words into option values and operands, accepting `--flag value` and `--flag=value`,
// repeated options (every value kept), `--` to end the options, `-` as an operand (standard
// input) and `-h`/`--help` anywhere before the operands — or, for a command whose first operand
// ends the options (`run FILE.py args...`), only before it. Typed
// getters then check each value and say what is wrong in one line naming the flag. All problems
// are `UsageError`s: printed as "extdemo: <command>: <message>" on stderr with exit status 2.

import Foundation

/// Wrong use of the command line: one line on stderr, exit status 2.
struct UsageError: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// The run itself failed (an exception, a failed verification): stderr, exit status 1.
struct RunFailure: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// Refuses a script operand the run could not open, before any recording or child process starts,
/// with `python3 FILE`'s wording: UsageError "can't open file 'x.py': [Errno 2] No such file or
/// directory" (exit status 2). A directory is refused as CPython does (Errno 21).
func requireReadableScript(_ file: String) throws {
    if file == "-" { return }
    let fd = open(file, O_RDONLY)
    var err = fd < 0 ? errno : 0
    if fd >= 0 {
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { err = EISDIR }
        close(fd)
    }
    if err != 0 {
        throw UsageError("can't open file '\(file)': [Errno \(err)] \(String(cString: strerror(err)))")
    }
}

/// One option a subcommand accepts.
struct OptionSpec: Sendable {
    /// "--threads"
    let name: String
    /// Placeholder of its value ("N"), or nil for a flag that takes none.
    let value: String?

    static func option(_ name: String, _ value: String) -> OptionSpec { OptionSpec(name: name, value: value) }
    static func flag(_ name: String) -> OptionSpec { OptionSpec(name: name, value: nil) }
}

/// The words after the subcommand, split into options and operands.
struct CommandLineArguments {
    let command: String
    /// The last value of each option given.
    private(set) var values: [String: String] = [:]
    /// Every value of each option, in order (for repeatable options such as `--ext-path`).
    private(set) var allValues: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var operands: [String] = []
    private(set) var wantsHelp = false

    /// Splits `words`. Throws for unknown options, missing values, values given to flags, and
    /// operands when the command takes none. With `operandsEndOptions`, the first operand ends
    /// the options and every later word is an operand as it stands.
    init(command: String, words: [String], options: [OptionSpec], takesOperands: Bool = false,
         operandsEndOptions: Bool = false) throws(UsageError) {
        self.command = command
        // `--gil` (GILSetting.swift) is accepted by every command.
        var known = Dictionary(uniqueKeysWithValues: options.map { ($0.name, $0) })
        if known[GILSetting.option.name] == nil { known[GILSetting.option.name] = GILSetting.option }
        var i = 0
        var optionsEnded = false
        while i < words.count {
            let word = words[i]
            i += 1
            if optionsEnded || word == "-" || !word.hasPrefix("-") {
                guard takesOperands else { throw UsageError("unexpected argument '\(word)'") }
                operands.append(word)
                if operandsEndOptions { optionsEnded = true }
                continue
            }
            if word == "--" { optionsEnded = true; continue }
            if word == "-h" || word == "--help" { wantsHelp = true; continue }
            var name = word
            var inlineValue: String?
            if let eq = word.firstIndex(of: "="), word.hasPrefix("--") {
                name = String(word[..<eq])
                inlineValue = String(word[word.index(after: eq)...])
            }
            guard let spec = known[name] else {
                throw UsageError("unknown option '\(name)' (see 'extdemo \(command) --help')")
            }
            if let placeholder = spec.value {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else if i < words.count {
                    value = words[i]
                    i += 1
                } else {
                    throw UsageError("option \(name) needs a value (\(name) \(placeholder))")
                }
                values[name] = value
                allValues[name, default: []].append(value)
            } else {
                if inlineValue != nil { throw UsageError("option \(name) takes no value") }
                flags.insert(name)
            }
        }
    }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// `--switch-interval MS`, the one option every lock demo shares: its declaration, its help
    /// line, and its check (milliseconds in (0, 60000], default 5) live here only.
    static let switchIntervalOption = OptionSpec.option("--switch-interval", "MS")
    static let switchIntervalHelp = "--switch-interval MS   the GIL switch interval in milliseconds (default: 5)"

    /// The switch interval in milliseconds (see `switchIntervalOption`), or nil when absent.
    func switchIntervalMs() throws(UsageError) -> Double? {
        values["--switch-interval"] == nil ? nil : try positiveNumber("--switch-interval", default: 5, max: 60_000)
    }

    /// A whole number in min...max, or `defaultValue` when the option is absent.
    func integer(_ name: String, default defaultValue: Int, min: Int = 1, max: Int = Int.max) throws(UsageError) -> Int {
        guard let text = values[name] else { return defaultValue }
        let trimmed = text.replacingOccurrences(of: "_", with: "")
        guard let value = Int(trimmed), !trimmed.isEmpty else {
            if Double(trimmed) != nil, !trimmed.isEmpty {
                throw UsageError("\(name) must be a whole number, got '\(text)'")
            }
            throw UsageError("\(name) must be a number, got '\(text)'")
        }
        if value < min { throw UsageError("\(name) must be at least \(min), got \(value)") }
        if value > max { throw UsageError("\(name) must be at most \(max), got \(value)") }
        return value
    }

    /// As `integer`, but nil when the option is absent.
    func optionalInteger(_ name: String, min: Int = 1, max: Int = Int.max) throws(UsageError) -> Int? {
        values[name] == nil ? nil : try integer(name, default: 0, min: min, max: max)
    }

    /// A positive finite decimal number in (0, max], or `defaultValue`.
    func positiveNumber(_ name: String, default defaultValue: Double, max: Double) throws(UsageError) -> Double {
        guard let text = values[name] else { return defaultValue }
        guard let value = Double(text), value.isFinite else {
            throw UsageError("\(name) must be a number, got '\(text)'")
        }
        if value <= 0 { throw UsageError("\(name) must be greater than 0, got \(text)") }
        if value > max { throw UsageError("\(name) must be at most \(formatNumber(max)), got \(text)") }
        return value
    }

    /// A byte count with an optional unit: 4096, 64KiB, 16MiB, 1GiB (also K, M, G, and the
    /// decimal kB, MB, GB), or `defaultValue`.
    func byteSize(_ name: String, default defaultValue: Int, min: Int = 1) throws(UsageError) -> Int {
        guard let text = values[name] else { return defaultValue }
        guard let value = parseByteSize(text) else {
            throw UsageError("\(name) must be a size such as 4096, 64KiB, 16MiB or 1GiB, got '\(text)'")
        }
        if value < min { throw UsageError("\(name) must be at least \(min) byte\(min == 1 ? "" : "s"), got '\(text)'") }
        return value
    }

    /// The modes named by `--mode` (default "all"), in canonical order, among `available`.
    func modes(_ name: String = "--mode", available: [Mode]) throws(UsageError) -> [Mode] {
        let text = values[name] ?? "all"
        var chosen = Set<String>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let word = part.trimmingCharacters(in: .whitespaces).lowercased()
            if word == "all" {
                available.forEach { chosen.insert($0.name) }
            } else if available.contains(where: { $0.name == word }) {
                chosen.insert(word)
            } else {
                let names = available.map(\.name) + ["all"]
                throw UsageError("\(name): unknown mode '\(part)' (choose \(names.dropLast().joined(separator: ", ")) or \(names.last!))")
            }
        }
        return available.filter { chosen.contains($0.name) }
    }
}

/// Parses "64KiB" and friends; nil when malformed or too large for Int.
func parseByteSize(_ text: String) -> Int? {
    let s = text.trimmingCharacters(in: .whitespaces)
    let split = s.firstIndex(where: { !($0.isASCII && ($0.isNumber || $0 == ".")) }) ?? s.endIndex
    let numberText = String(s[..<split])
    let unit = s[split...].lowercased()
    let multipliers: [String: Double] = [
        "": 1, "b": 1,
        "k": 0x1p10, "kib": 0x1p10, "m": 0x1p20, "mib": 0x1p20, "g": 0x1p30, "gib": 0x1p30, "t": 0x1p40, "tib": 0x1p40,
        "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
    ]
    guard !numberText.isEmpty, let number = Double(numberText), let multiplier = multipliers[unit] else { return nil }
    let bytes = (number * multiplier).rounded(.down)
    guard bytes.isFinite, bytes < 9.0e18 else { return nil }
    if unit.isEmpty || unit == "b", number != number.rounded(.down) { return nil }   // "1.5" bytes
    return Int(bytes)
}

/// "1.5 GiB", "64 MiB", "512 B".
func formatBytes(_ bytes: Double) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    var value = bytes
    var unit = 0
    while value >= 1024, unit < units.count - 1 {
        value /= 1024
        unit += 1
    }
    if unit == 0 { return "\(Int(value)) B" }
    return String(format: value >= 100 ? "%.0f" : "%.1f", value) + " " + units[unit]
}

/// 5 -> "5", 0.5 -> "0.5".
func formatNumber(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}
