// Runtime.swift: starting the Mini runtime for a command. The sample extensions compiled into the
// tool (matmul, hashing, sleeper, cloop, and swiftext written in Swift) are registered as built-in modules before the runtime
// starts, as an embedding application registers its modules with PyImport_AppendInittab before
// Py_Initialize; after that `import matmul` finds them like any other module. The main thread
// then holds the GIL, as after Py_Initialize.
//
// With EXTDEMO_CHECK=1 in the environment the runtime runs in checked mode, and at the end of a
// command the tool compares the live-object count with the one taken after start-up: any object a
// command forgot to release is reported on stderr.

import CShims
import Foundation
import MiniExtensions
import MiniKit
import SwiftExtensions

enum Runtime {
    /// The built-in modules the tool provides.
    static let builtinModules: [(name: String, initializer: MiniInitFunc)] = [
        ("matmul", MiniInit_matmul),
        ("hashing", MiniInit_hashing),
        ("sleeper", MiniInit_sleeper),
        ("cloop", MiniInit_cloop),
        ("swiftext", MiniInit_swiftext),
        ("convoy", MiniInit_convoy),
        ("stress", MiniInit_stress),
    ]

    nonisolated(unsafe) private static var baseline: (total: Int, live: Int)?

    /// Registers the built-in modules and starts the runtime (idempotent). The calling thread
    /// holds the GIL afterwards. Also sets the switch interval when one is given.
    static func start(switchIntervalMs: Double? = nil) throws {
        if Mini_IsInitialized() == 0 {
            for module in builtinModules {
                MiniRuntime.register(module: module.name, initializer: module.initializer)
            }
            // Mini_Initialize reads EXTDEMO_CHECK=1 itself and starts in checked mode.
            MiniRuntime.start()
            baseline = MiniRuntime.referenceBaseline
        }
        if let ms = switchIntervalMs, MiniSys_SetSwitchInterval(ms / 1000) < 0 {
            throw RunFailure("cannot set the switch interval: \(MiniError.fetch())")
        }
    }

    /// Imports a module up front (with the GIL held), so an import failure is reported before any
    /// measurement and the first timed call does not pay for the module's initialisation.
    /// The module stays cached (as in sys.modules), so the leak-check baseline is taken again.
    static func importModule(_ name: String) throws {
        do {
            _ = try miniImport(name)
        } catch {
            throw RunFailure("cannot import \(name): \(error)")
        }
        markBaseline()
    }

    /// In checked mode (EXTDEMO_CHECK=1): reports objects still alive that were not alive after
    /// start-up. Imported modules are cached, so modules imported by the command count as
    /// leaks only if they were not already imported; commands import theirs in `start`.
    static func reportLeaks(command: String) {
        guard Mini_IsInitialized() != 0, Mini_GetCheckedMode() != 0, let baseline else { return }
        let now = MiniRuntime.referenceBaseline
        if now.live != baseline.live || now.total != baseline.total {
            let message = "extdemo: \(command): leak check: \(now.live - baseline.live) objects and "
                + "\(now.total - baseline.total) references more than after start-up\n"
            FileHandle.standardError.write(Data(message.utf8))
        }
    }

    /// Takes a new baseline for the leak check (after a command's modules are imported).
    static func markBaseline() {
        baseline = MiniRuntime.referenceBaseline
    }

    /// The runtime's version string.
    static var version: String { String(cString: Mini_GetVersion()) }
}
