// GILSetting.swift: the `--gil on|off|auto` option every command accepts, and EXTDEMO_GIL.
//
// The setting picks the runtime's mode when it starts (CShims/Python/ftmode.c): `on` (the
// default) is GIL mode; `off` runs free-threaded with biased reference counting and no lock, even
// for extensions that do not declare Mini_MOD_GIL_NOT_USED (as PYTHON_GIL=0); `auto` runs
// free-threaded until such an extension is imported, which enables the GIL with a RuntimeWarning
// (as a CPython 3.13t build does by default). The option wins over the environment variable
// EXTDEMO_GIL (1/on, 0/off, auto). A bad value of either is a usage error (exit status 2).

import CShims
import Foundation

enum GILSetting {
    static let option: OptionSpec = OptionSpec.option("--gil", "on|off|auto")
    static let help: String = "--gil on|off|auto       run with the GIL (on, the default) or free-threaded (off; auto: until an extension needs it)"

    /// Reads `--gil` (or EXTDEMO_GIL) and tells the runtime, before it starts. Returns the
    /// setting (MINI_GIL_ON, MINI_GIL_OFF, MINI_GIL_AUTO) or nil when neither was given.
    @discardableResult
    static func apply(_ arguments: CommandLineArguments,
                      environment: [String: String] = ProcessEnvironment.current) throws(UsageError) -> Int32? {
        var setting: Int32?
        if let text = arguments.values["--gil"] {
            let parsed = MiniRuntime_ParseGIL(text)
            guard parsed >= 0 else { throw UsageError("--gil must be on, off or auto (got '\(text)')") }
            setting = parsed
        } else if let text = environment["EXTDEMO_GIL"], !text.isEmpty {
            let parsed = MiniRuntime_ParseGIL(text)
            guard parsed >= 0 else { throw UsageError("EXTDEMO_GIL must be 1, 0, on, off or auto (got '\(text)')") }
            setting = parsed
        }
        if let setting { _ = MiniRuntime_SetGIL(setting) }
        return setting
    }

    /// The words that give a child process (a worker, a compare run) the same setting.
    static func childArguments(_ setting: Int32) -> [String] {
        switch setting {
        case Int32(MINI_GIL_OFF): return ["--gil", "off"]
        case Int32(MINI_GIL_AUTO): return ["--gil", "auto"]
        default: return ["--gil", "on"]
        }
    }
}

/// The process environment, read once.
enum ProcessEnvironment {
    static var current: [String: String] { ProcessInfo.processInfo.environment }
}
