// SpawnChild.swift: `extdemo __mp_child R W SCRIPT [ARGS...]`, the process multiprocessing's spawn
// start method starts (Sources/MiniPy/Lib/multiprocessing): a fresh runtime with its own GIL runs
// the parent's script as `__mp_main__` and then the package's worker loop, which reads pickled
// calls from fd 3 and writes pickled results to fd 4. Not a user command; not in the help. The
// child dies with its parent (PR_SET_PDEATHSIG) so no worker outlives a killed tool, and shares the
// terminal's process group so Ctrl-C reaches it too.

import Foundation
import MiniPy

enum SpawnChild {
    static func main(_ words: [String]) -> Int32 {
        ProcessWorker.dieWithParent()
        guard words.count >= 3, let r = Int32(words[0]), let w = Int32(words[1]) else {
            writeError("extdemo: __mp_child: usage: __mp_child R W SCRIPT [ARGS...]\n")
            return 2
        }
        let script = words[2]
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
        return MiniPy.runSpawnChild(path: script, arguments: Array(words.dropFirst(3)), epilogue: epilogue)
    }
}
