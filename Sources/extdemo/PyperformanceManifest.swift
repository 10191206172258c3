// PyperformanceManifest.swift: the command lines `bench --suite python` runs for one pyperformance
// program folder. pyperformance describes each benchmark in a small TOML file: bm_X/pyproject.toml
// for the folder's main benchmark and bm_X/bm_*.toml for variants of the same run_benchmark.py.
// `[tool.pyperformance]` holds `extra_opts`, the arguments pyperformance's runner appends to the
// program's command line (argparse's "many_optionals", async_tree's "io" and "--task-groups"),
// and `[project]` `requires-python`, the oldest Python a variant runs on. Only those two keys are
// read, by a line reader good for the flat files pyperformance ships (a string, or an array of
// strings on one line); it is not a TOML parser.

import Foundation

enum PyperformanceManifest {
    /// The language version MiniPy follows (sys.version_info): variants that need a newer Python
    /// (async_tree's eager task factory, 3.12) are left out.
    static let languageVersion = (3, 11)

    /// One benchmark of a folder: the suite's program name and the arguments after the script.
    struct Entry: Equatable {
        let name: String
        let arguments: [String]
    }

    /// The folder's entries: pyproject.toml as the folder's own name (bm_argparse), then each
    /// bm_*.toml variant under its file name (bm_argparse_subparsers), sorted; variants needing
    /// a Python newer than `languageVersion` are left out. A folder without pyproject.toml gives
    /// one entry with no arguments.
    static func entries(in folder: String) -> [Entry] {
        let fm = FileManager.default
        let base = (folder as NSString).lastPathComponent
        var result: [Entry] = []
        let main = (try? String(contentsOfFile: folder + "/pyproject.toml", encoding: .utf8)) ?? ""
        if supported(main) { result.append(Entry(name: base, arguments: extraOpts(main))) }
        let variants = ((try? fm.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("bm_") && $0.hasSuffix(".toml") }.sorted()
        for file in variants {
            guard let text = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8), supported(text) else { continue }
            result.append(Entry(name: String(file.dropLast(5)), arguments: extraOpts(text)))
        }
        return result
    }

    /// `extra_opts = ["a", "b"]` anywhere in the text (pyperformance puts it under
    /// [tool.pyperformance]); [] when absent.
    static func extraOpts(_ text: String) -> [String] {
        guard let value = value(of: "extra_opts", in: text) else { return [] }
        return quotedStrings(value)
    }

    /// False when `requires-python = ">=X.Y"` asks for more than `languageVersion`.
    static func supported(_ text: String) -> Bool {
        guard let value = value(of: "requires-python", in: text), let spec = quotedStrings(value).first,
              spec.hasPrefix(">=") else { return true }
        let parts = spec.dropFirst(2).split(separator: ".").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count >= 2 else { return true }
        return (parts[0], parts[1]) <= languageVersion
    }

    /// The text after `key =` on the first line that assigns `key`.
    static func value(of key: String, in text: String) -> String? {
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix(key) else { continue }
            let rest = trimmed.dropFirst(key.count).trimmingCharacters(in: .whitespaces)
            if rest.hasPrefix("=") { return String(rest.dropFirst()) }
        }
        return nil
    }

    /// The double- or single-quoted strings in `text`, in order (no escapes: pyperformance's
    /// options have none).
    static func quotedStrings(_ text: String) -> [String] {
        var result: [String] = []
        var current: String?
        var quote: Character = "\""
        for ch in text {
            if var s = current {
                if ch == quote { result.append(s); current = nil } else { s.append(ch); current = s }
            } else if ch == "\"" || ch == "'" {
                quote = ch
                current = ""
            } else if ch == "#" {
                break
            }
        }
        return result
    }
}
