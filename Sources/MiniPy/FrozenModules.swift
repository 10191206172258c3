// FrozenModules.swift: the lookup behind MiniVM_SetFrozenLookup. The Python-written standard
// library in Sources/MiniPy/Lib is embedded at build time by the EmbedFiles plugin as the table
// FrozenSources.files (path, text); this file maps module names to it: "NAME.py" is module NAME,
// "PKG/__init__.py" the package PKG, "PKG/SUB.py" the module PKG.SUB. The table and the index are
// built on the first import that reaches the finder, so a script that imports nothing pays
// nothing. The VM compiles a module's source on its first import (vmfrozen.c).

import CShims
import MiniVM

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum FrozenModules {
    struct Entry {
        let text: String
        let isPackage: Bool
    }

    /// Module name -> source, built once (thread-safe lazy initialisation of a global).
    static let index: [String: Entry] = {
        var index: [String: Entry] = [:]
        for (path, text) in FrozenSources.files {
            guard path.hasSuffix(".py") else { continue }
            var parts = path.dropLast(3).split(separator: "/").map(String.init)
            var isPackage = false
            if parts.last == "__init__" {
                parts.removeLast()
                isPackage = true
            }
            if parts.isEmpty { continue }
            index[parts.joined(separator: ".")] = Entry(text: text, isPackage: isPackage)
        }
        return index
    }()

    /// The names of every frozen module, sorted.
    static var names: [String] { index.keys.sorted() }
}

/// The C-callable lookup: a malloc'ed copy of the module's source (freed by the VM) or NULL.
let frozenLookup: MiniVMFrozenFunc = { name, len, isPackage in
    guard let name, let entry = FrozenModules.index[String(cString: name)] else { return nil }
    var text = entry.text
    return text.withUTF8 { buf -> UnsafeMutablePointer<CChar>? in
        guard let copy = malloc(buf.count + 1)?.assumingMemoryBound(to: CChar.self) else { return nil }
        if buf.count > 0 { memcpy(copy, buf.baseAddress!, buf.count) }
        copy[buf.count] = 0
        len?.pointee = buf.count
        isPackage?.pointee = entry.isPackage ? 1 : 0
        return copy
    }
}
