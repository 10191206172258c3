// SpawnChild.swift: `extdemo __mp_child R W [--path DIR]... [--] SCRIPT [ARGS...]`, the process multiprocessing's spawn
// start method starts (Sources/MiniPy/Lib/multiprocessing): a fresh runtime with its own GIL runs
// the parent's script as `__mp_main__` and then the package's worker loop, which reads pickled
// calls from fd 3 and writes pickled results to fd 4. Not a user command; not in the help. The
// child dies with its parent (PR_SET_PDEATHSIG) so no worker outlives a killed tool, and shares the
// terminal's process group so Ctrl-C reaches it too. The parent passes its sys.path as `--path`
// pairs ended by `--`: the child's search path is then exactly the parent's (the script's imports
// found through `run --ext-path` or a sys.path.insert resolve in the child as in the parent).

import Foundation
import MiniPy

enum SpawnChild {
    static func main(_ words: [String]) -> Int32 {
        ProcessWorker.dieWithParent()
        guard words.count >= 3, let r = Int32(words[0]), let w = Int32(words[1]) else {
            writeError("extdemo: __mp_child: usage: __mp_child R W SCRIPT [ARGS...]\n")
            return 2
        }
        let (parentPath, rest) = parentSearchPath(Array(words.dropFirst(2)))
        guard let script = rest.first else {
            writeError("extdemo: __mp_child: usage: __mp_child R W [--path DIR]... [--] SCRIPT [ARGS...]\n")
            return 2
        }
        let epilogue = "import multiprocessing as _mp_pkg\n_mp_pkg._child_main(\(r), \(w))\n"
        do {
            try Runtime.start()
        } catch {
            writeError("extdemo: __mp_child: \(error)\n")
            return 1
        }
        let envPath = (ProcessInfo.processInfo.environment["EXTDEMO_PATH"] ?? "")
            .split(separator: ":").map(String.init).filter { !$0.isEmpty }
        MiniPy.extraSearchPath = envPath
        return MiniPy.runSpawnChild(path: script, arguments: Array(rest.dropFirst()), epilogue: epilogue,
                                    searchPath: parentPath)
    }

    /// The `--path DIR` pairs at the front of words (nil when there are none) and what follows
    /// them and their `--` terminator.
    static func parentSearchPath(_ words: [String]) -> ([String]?, ArraySlice<String>) {
        var dirs: [String]? = nil
        var i = 0
        while i + 1 < words.count, words[i] == "--path" {
            dirs = (dirs ?? []) + [words[i + 1]]
            i += 2
        }
        if i < words.count, words[i] == "--" { i += 1; dirs = dirs ?? [] }
        return (dirs, words[i...])
    }
}
