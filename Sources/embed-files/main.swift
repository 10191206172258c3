// embed-files: the tool the EmbedFiles build plugin runs (see Plugins/EmbedFiles). It writes a
// Swift source declaring
//
//     enum <EnumName> { static let files: [(path: String, text: String)] = [ ... ] }
//
// with one raw multi-line string literal per file, in the order given.
// Usage: embed-files <EnumName> <root directory> <output.swift> <relative path>...
// Exit status 1 with a one-line message when a file cannot be read or is not UTF-8.
// The output is rewritten only when its text changes, so unchanged inputs rebuild nothing.
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("embed-files: \(message)\n".utf8))
    exit(1)
}

/// A raw-string delimiter ("#"s) long enough that neither `\` nor `"""` followed by it occurs in
/// text (inside a raw literal with n hashes, only those two sequences are special).
func delimiter(for text: String) -> String {
    var hashes = "#"
    while text.contains("\\" + hashes) || text.contains("\"\"\"" + hashes) { hashes += "#" }
    return hashes
}

let args = CommandLine.arguments
guard args.count >= 4 else { fail("usage: embed-files <EnumName> <root> <output.swift> <relative path>...") }
let enumName = args[1], root = URL(fileURLWithPath: args[2]), output = URL(fileURLWithPath: args[3])

var out = """
// \(output.lastPathComponent): GENERATED at build time by the EmbedFiles plugin (embed-files tool)
// from the files under \(root.lastPathComponent)/; do not edit, never committed.

enum \(enumName) {
    /// (path relative to the embedded directory, file text), sorted by path.
    static let files: [(path: String, text: String)] = [

"""
for rel in args.dropFirst(4) {
    let url = root.appendingPathComponent(rel)
    guard let data = FileManager.default.contents(atPath: url.path) else { fail("cannot read \(url.path)") }
    guard var text = String(data: data, encoding: .utf8) else { fail("\(url.path) is not UTF-8") }
    text = text.replacingOccurrences(of: "\r\n", with: "\n")
    let d = delimiter(for: text)
    let escapedPath = rel.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    // A multi-line literal drops the newline just before its closing delimiter: add one back.
    out += "        (\"\(escapedPath)\", \(d)\"\"\"\n\(text)\n\"\"\"\(d)),\n"
}
out += "    ]\n}\n"

if let old = FileManager.default.contents(atPath: output.path), old == Data(out.utf8) { exit(0) }
do {
    try out.write(to: output, atomically: true, encoding: .utf8)
} catch {
    fail("cannot write \(output.path): \(error)")
}
