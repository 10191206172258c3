// CAPIDoc.swift: generates docs/c-api.md, the C API reference, from the contract comments of the
// public headers (CShims/include/mini.h and mini/*.h), and the porting table from CPython's names
// to the kit's (issue 14, item 7). Run by Scripts/gen_c_api_doc.sh (`extdemo __c-api-doc`);
// CAPIDocTests regenerates it and fails when a public function has no contract comment or the
// committed file is stale.
//
// What counts as a function's contract: a comment on the declaration's own line(s), else the
// comment block right above it, else (for a run of declarations with no blank line between, as
// `MiniList_Sort` / `MiniList_Reverse`) the comment above the run. From the contract the
// generator reads the reference behaviour (a new or borrowed reference, a stolen argument) and
// the lock rule (needs no GIL / GIL held); a header whose opening comment says all its functions
// require the GIL gives that rule to every function without one of its own. Failures are in the
// contract text itself, which is printed whole.

import Foundation

/// One public function of the C API.
struct CAPIFunction: Equatable {
    let name: String
    let header: String
    let declaration: String
    let contract: String?
}

enum CAPIDoc {
    struct Parsed {
        var functions: [CAPIFunction] = []
        var names: [String] = []            // every public Mini* name (functions, types, macros, data)
        var headerSummaries: [(String, String)] = []
    }

    /// Parses the headers (path relative to the include directory, text); mini.h first.
    static func parse(_ files: [(path: String, text: String)]) -> Parsed {
        var out = Parsed()
        let ordered = files.filter { $0.path.hasSuffix(".h") }.sorted { a, b in
            a.path == "mini.h" ? b.path != "mini.h" : (b.path == "mini.h" ? false : a.path < b.path)
        }
        for file in ordered { parseHeader(file.path, file.text, into: &out) }
        out.names = Array(Set(out.names)).sorted()
        return out
    }

    private static func cleanComment(_ raw: String) -> String {
        var text = raw
        if let r = text.range(of: "/*") { text = String(text[r.upperBound...]) }
        if let r = text.range(of: "*/", options: .backwards) { text = String(text[..<r.lowerBound]) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var l = line.trimmingCharacters(in: .whitespaces)
            if l.hasPrefix("*") { l = String(l.dropFirst()).trimmingCharacters(in: .whitespaces) }
            return l
        }
        return lines.filter { !$0.isEmpty }.joined(separator: " ")
    }

    private static let functionName = try! NSRegularExpression(pattern: #"\b(_?Mini[A-Za-z0-9_]*)\s*\("#)
    private static let publicName = try! NSRegularExpression(pattern: #"\b((?:Mini|MINI_|mini_)[A-Za-z0-9_]*)\b"#)

    private static func firstMatch(_ re: NSRegularExpression, _ s: String) -> String? {
        let ns = s as NSString
        guard let m = re.firstMatch(in: s, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return ns.substring(with: m.range(at: 1))
    }

    private static func parseHeader(_ path: String, _ text: String, into out: inout Parsed) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var pending: String?      // the comment block right above
        var group: String?        // the contract of the run of declarations we are in
        var summary: String?
        var i = 0
        var depth = 0             // inside struct/enum/inline bodies
        while i < lines.count {
            let line = lines[i]
            let t = line.trimmingCharacters(in: .whitespaces)
            if depth > 0 {
                depth += line.filter { $0 == "{" }.count - line.filter { $0 == "}" }.count
                i += 1
                continue
            }
            if t.hasPrefix("/*") {
                var block = line
                while !block.contains("*/"), i + 1 < lines.count { i += 1; block += "\n" + lines[i] }
                let c = cleanComment(block)
                if summary == nil { summary = c } else { pending = c }
                i += 1
                continue
            }
            if t.isEmpty { pending = nil; group = nil; i += 1; continue }
            // A bare macro line (MINI_BEGIN_DECLS, MINI_END_DECLS): no declaration.
            if t.allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" }) { i += 1; continue }
            if t.hasPrefix("#") {
                var macro = line
                while macro.hasSuffix("\\"), i + 1 < lines.count { i += 1; macro += "\n" + lines[i] }
                if t.hasPrefix("#define"), let name = firstMatch(publicName, String(t.dropFirst(7))), !name.hasPrefix("_"),
                   !name.hasSuffix("_H"), !name.hasSuffix("_H_INSIDE") {
                    out.names.append(name)
                }
                // A comment above "#define LIMIT 1000" followed by a function still belongs to it.
                i += 1
                continue
            }
            // A declaration, possibly over several lines, up to ';' or a body's '{'.
            var decl = line
            while !decl.contains(";"), !decl.contains("{"), i + 1 < lines.count { i += 1; decl += "\n" + lines[i] }
            var trailing: String?
            if let r = decl.range(of: "/*") {
                var comment = String(decl[r.lowerBound...])
                while !comment.contains("*/"), i + 1 < lines.count { i += 1; comment += "\n" + lines[i] }
                trailing = cleanComment(comment)
                decl = String(decl[..<r.lowerBound])
            }
            let opens = decl.filter { $0 == "{" }.count - decl.filter { $0 == "}" }.count
            let isTypeBody = decl.hasPrefix("typedef struct") || decl.hasPrefix("struct") || decl.hasPrefix("typedef enum")
                || decl.hasPrefix("enum") || decl.hasPrefix("typedef union")
            let flat = decl.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
                .trimmingCharacters(in: .whitespaces)
            if isTypeBody || flat.hasPrefix("typedef") {
                // Types: their names go to the porting table.
                if let name = lastTypedefName(flat, lines: lines, from: i) { out.names.append(name) }
                if isTypeBody, opens > 0 { depth = opens }
                // A one-line typedef (a callback type) shares the comment with the function
                // that takes it (MiniImportFinder / MiniImport_SetFinder).
                if isTypeBody || opens > 0 { pending = nil; group = nil }
                i += 1
                continue
            }
            if let name = firstMatch(functionName, flat), !name.hasPrefix("_") {
                let signature = flat.contains("{") ? String(flat[..<flat.firstIndex(of: "{")!]).trimmingCharacters(in: .whitespaces) + ";" : flat
                let contract = trailing ?? pending ?? group
                out.functions.append(CAPIFunction(name: name, header: path, declaration: signature, contract: contract))
                out.names.append(name)
                group = contract
            } else if flat.hasPrefix("extern"), let name = firstMatch(publicName, flat), !name.hasPrefix("_") {
                out.names.append(name)   // data: extern MiniTypeObject MiniList_Type; ...
            }
            pending = nil
            if opens > 0 { depth = opens }
            i += 1
        }
        out.headerSummaries.append((path, summary ?? ""))
    }

    /// The name a typedef introduces (after the closing brace for struct bodies).
    private static func lastTypedefName(_ flat: String, lines: [String], from i: Int) -> String? {
        if flat.hasPrefix("typedef"), flat.hasSuffix(";"), !flat.contains("{") {
            // typedef X Name; or typedef R (*Name)(...);
            if let m = firstMatch(try! NSRegularExpression(pattern: #"\(\s*\*\s*(Mini[A-Za-z0-9_]*)\s*\)"#), flat) { return m }
            let words = flat.dropLast().split(whereSeparator: { " *".contains($0) })
            if let last = words.last, last.hasPrefix("Mini") { return String(last) }
        }
        return firstMatch(try! NSRegularExpression(pattern: #"\b(Mini[A-Za-z0-9_]*)\b"#), flat)
    }

    // ----- classification ---------------------------------------------------------------------

    static func reference(_ contract: String) -> String {
        let c = contract.lowercased()
        var parts: [String] = []
        if c.contains("new reference") || c.contains("new strong reference") { parts.append("new") }
        if c.contains("borrowed") { parts.append("borrowed") }
        if c.contains("steal") { parts.append("steals an argument") }
        return parts.isEmpty ? "—" : parts.joined(separator: ", ")
    }

    static func lock(_ contract: String, headerSummary: String) -> String {
        let c = contract.lowercased()
        let free = ["needs no gil", "no gil needed", "without the gil", "needs no lock", "no gil required",
                    "does not need the gil", "without holding the gil", "any thread"]
        if free.contains(where: c.contains) { return "no GIL needed" }
        let held = ["with the gil", "gil held", "requires the gil", "require the gil", "must hold the gil", "holding the gil"]
        if held.contains(where: c.contains) { return "GIL held" }
        let h = headerSummary.lowercased()
        if ["all require the gil", "all need the gil", "require the gil", "with the gil held"].contains(where: h.contains) {
            return "GIL held (header rule)"
        }
        return "see the contract"
    }

    /// CPython's name for a kit name, if CPython 3.11 has one.
    static func cpythonName(_ kit: String, known: Set<String>) -> String? {
        var candidates: [String] = []
        if kit.hasPrefix("MINI_METH_") { candidates.append(String(kit.dropFirst(5))) }
        if kit.hasPrefix("MiniInit_") { candidates.append("PyInit_" + kit.dropFirst(9)) }
        if kit.hasPrefix("Mini") { candidates.append("Py" + kit.dropFirst(4)) }
        if kit.hasPrefix("MINI_") { candidates.append("PY_" + kit.dropFirst(5)); candidates.append("Py_" + kit.dropFirst(5)) }
        return candidates.first { known.contains($0) || $0.hasPrefix("PyInit_") }
    }

    // ----- the document -------------------------------------------------------------------------

    static func markdown(_ p: Parsed, cpythonNames: Set<String>) -> String {
        var md = """
        # The C API reference

        Generated by `Scripts/gen_c_api_doc.sh` from the contract comments in `CShims/include/mini.h` and
        `CShims/include/mini/*.h` (the generator is `Sources/extdemo/CAPIDoc.swift`); do not edit by hand:
        `CAPIDocTests` fails when this file is stale or a public function has no contract comment.
        For each function: its declaration, what it returns in reference terms (a **new** reference
        the caller must release, a **borrowed** one it must not, or an argument it **steals**), whether
        it needs the GIL, and its contract as written in the header (failures included). The guide
        around it (format units, the buffer protocol, the two macro spellings) is
        [extension-guide.md](extension-guide.md).

        \(p.functions.count) public functions in \(p.headerSummaries.count) headers.

        ## Contents

        """
        let summaries = Dictionary(uniqueKeysWithValues: p.headerSummaries)
        for (path, _) in p.headerSummaries where p.functions.contains(where: { $0.header == path }) {
            md += "- [\(path)](#\(anchor(path)))\n"
        }
        md += "- [Porting from CPython](#porting-from-cpython)\n"
        for (path, summary) in p.headerSummaries {
            let fns = p.functions.filter { $0.header == path }
            guard !fns.isEmpty else { continue }
            md += "\n## \(path)\n\n\(summary)\n"
            for f in fns {
                let contract = f.contract ?? "(no contract comment)"
                let py = cpythonName(f.name, known: cpythonNames).map { "`\($0)`" } ?? "kit only"
                md += "\n### `\(f.name)`\n\n```c\n\(f.declaration)\n```\n\n"
                md += "Reference: \(reference(contract)) · GIL: \(lock(contract, headerSummary: summaries[path] ?? "")) · CPython: \(py)\n\n"
                md += contract + "\n"
            }
        }
        md += """

        ## Porting from CPython

        The kit's names are CPython's with `Py` spelled `Mini` (`PyList_New` -> `MiniList_New`,
        `Py_INCREF` -> `Mini_INCREF`, `PyInit_spam` -> `MiniInit_spam`), except the method flags, which
        keep CPython's `METH_` behind `MINI_` (`METH_VARARGS` -> `MINI_METH_VARARGS`). The table lists every
        public name of the kit's headers; the CPython column is filled where CPython 3.11 has the
        name (checked against `docs/cpython-3.11-names.txt`, recorded once from its headers), and
        says "kit only" where it has none (the GIL statistics and recording, the matrix type, checked
        mode's helpers, ...).

        | CPython 3.11 | kit |
        | --- | --- |

        """
        for name in p.names where !name.hasPrefix("MINI_H") && !name.hasSuffix("_H") {
            let py = cpythonName(name, known: cpythonNames).map { "`\($0)`" } ?? "kit only"
            md += "| \(py) | `\(name)` |\n"
        }
        return md
    }

    private static func anchor(_ path: String) -> String {
        path.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == " " }
            .replacingOccurrences(of: " ", with: "-")
    }

    /// Reads the CPython names list (one a line, # comments).
    static func readNames(_ text: String) -> Set<String> {
        Set(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }
}

/// `extdemo __c-api-doc HEADERS_DIR NAMES_FILE OUT.md`: the generator's entry point for
/// Scripts/gen_c_api_doc.sh (not a user command, not in the help). Exit 0, or 1 with a message.
enum CAPIDocCommand {
    static func main(_ words: [String]) -> Int32 {
        guard words.count == 3 else {
            writeError("extdemo: __c-api-doc: usage: extdemo __c-api-doc HEADERS_DIR NAMES_FILE OUT.md\n")
            return 2
        }
        do {
            let dir = URL(fileURLWithPath: words[0])
            var files = [(path: String, text: String)]()
            files.append((path: "mini.h", text: try String(contentsOf: dir.appendingPathComponent("mini.h"), encoding: .utf8)))
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("mini").path) where name.hasSuffix(".h") {
                files.append((path: "mini/" + name, text: try String(contentsOf: dir.appendingPathComponent("mini/" + name), encoding: .utf8)))
            }
            let names = CAPIDoc.readNames(try String(contentsOfFile: words[1], encoding: .utf8))
            let parsed = CAPIDoc.parse(files)
            let missing = parsed.functions.filter { $0.contract == nil }.map(\.name)
            try CAPIDoc.markdown(parsed, cpythonNames: names).write(toFile: words[2], atomically: true, encoding: .utf8)
            print("wrote \(words[2]): \(parsed.functions.count) functions, \(parsed.names.count) names")
            if !missing.isEmpty {
                writeError("extdemo: __c-api-doc: no contract comment: \(missing.joined(separator: ", "))\n")
                return 1
            }
            return 0
        } catch {
            writeError("extdemo: __c-api-doc: \(error.localizedDescription)\n")
            return 1
        }
    }
}
