// EmbedFiles.swift: a SwiftPM build-tool plugin that ships directories of text files inside a
// target's binary. At build time it runs the package's own `embed-files` tool, which writes a
// Swift source holding an enum with a table of (relative path, file text); the generated file
// lives in the plugin's work directory and is never committed.
//
// The tables are listed in `embed-files.txt` at the package root, one per line:
//
//     <target> <EnumName> <directory, relative to the package root> [<suffix> ...]
//
// e.g. `MiniPy FrozenSources Sources/MiniPy/Lib .py` gives the target MiniPy
// `enum FrozenSources { static let files: [(path: String, text: String)] }` with every *.py file
// under Sources/MiniPy/Lib (recursively; paths relative to that directory, "/"-separated, sorted).
// With no suffix every regular file is embedded; hidden files are skipped. A target applies the
// plugin in Package.swift (`plugins: ["EmbedFiles"]`) and excludes the embedded directory from
// its sources if it lies inside the target.
import Foundation
import PackagePlugin

@main
struct EmbedFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let config = context.package.directoryURL.appendingPathComponent("embed-files.txt")
        guard let text = try? String(contentsOf: config, encoding: .utf8) else {
            Diagnostics.error("EmbedFiles: \(target.name) applies the plugin but there is no \(config.path)")
            return []
        }
        let tool = try context.tool(named: "embed-files")
        var commands: [Command] = []
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard words.count >= 3 else {
                Diagnostics.error("EmbedFiles: bad line in \(config.path): \(line)")
                continue
            }
            if words[0] != target.name { continue }
            let enumName = words[1]
            let root = context.package.directoryURL.appendingPathComponent(words[2])
            let suffixes = Array(words.dropFirst(3))
            let files = Self.files(under: root, suffixes: suffixes)
            let output = context.pluginWorkDirectoryURL.appendingPathComponent("\(enumName).swift")
            commands.append(.buildCommand(
                displayName: "Embedding \(files.count) files of \(words[2]) as \(enumName)",
                executable: tool.url,
                arguments: [enumName, root.path, output.path] + files,
                inputFiles: files.map { root.appendingPathComponent($0) },
                outputFiles: [output]))
        }
        return commands
    }

    /// The regular files under root whose names end with one of the suffixes (any file when
    /// there are none), as sorted paths relative to root.
    static func files(under root: URL, suffixes: [String]) -> [String] {
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: root.path) else { return [] }
        var found: [String] = []
        while let rel = walker.nextObject() as? String {
            let name = (rel as NSString).lastPathComponent
            if name.hasPrefix(".") { continue }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: root.appendingPathComponent(rel).path, isDirectory: &isDir), !isDir.boolValue
            else { continue }
            if suffixes.isEmpty || suffixes.contains(where: { name.hasSuffix($0) }) { found.append(rel) }
        }
        return found.sorted()
    }
}
