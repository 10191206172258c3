// swift-tools-version:6.0
// extdemo: a Swift + C kit that emulates a CPython-style C-extension API and its GIL.
// No third-party packages: only the toolchain's Foundation, Dispatch, XCTest and Swift Testing.
import PackageDescription

let package = Package(
    name: "extdemo",
    products: [
        .executable(name: "extdemo", targets: ["extdemo"]),
        .library(name: "MiniKit", targets: ["MiniKit"]),
    ],
    targets: [
        // The miniature object C API (prefix Mini, mirroring CPython's Py) and its GIL:
        // Objects/ (the types), Python/ (GIL, thread states, errors, import, lifecycle, ...),
        // include/ (public: mini.h, mini/*.h), internal/ (core tier, needs MINI_BUILD_CORE).
        .target(
            name: "CShims",
            path: "CShims",
            publicHeadersPath: "include",
            cSettings: [.headerSearchPath("internal"), .define("_GNU_SOURCE"), .define("MINI_BUILD_CORE")],
            linkerSettings: [.linkedLibrary("pthread"), .linkedLibrary("dl"), .linkedLibrary("m")]
        ),
        // The interpreter's C half, built on CShims only: the eval loop, code/function/generator
        // objects, builtins, tracebacks (Python/, Objects/) and the stdlib modules in C (Modules/).
        // Its public header (include/mini_vm.h, mini_stdlib.h) is what the Swift front end calls.
        // The SHA-256 kernel (portable C + SHA-NI, chosen at run time): pure C, no Mini API, so both the
        // interpreter's hashlib (MiniVM) and the `hashing` sample extension use the one copy.
        .target(name: "SHA256Kernel", path: "Sources/SHA256Kernel", publicHeadersPath: "include",
                cSettings: [.define("_GNU_SOURCE")]),
        .target(
            name: "MiniVM",
            dependencies: ["CShims", "SHA256Kernel"],
            path: "Sources/MiniVM",
            publicHeadersPath: "include",
            cSettings: [.headerSearchPath("internal"), .headerSearchPath("../../CShims/internal"),
                        .define("_GNU_SOURCE"), .define("MINI_BUILD_CORE")]
        ),
        // Sample C extensions written against mini.h only (matmul, hashing, a minimal one).
        .target(
            name: "MiniExtensions",
            dependencies: ["CShims", "SHA256Kernel"],
            path: "Examples/extensions",
            publicHeadersPath: "include",
            // Kernels are compiled optimised even in debug builds so tests stay fast; SIMD code paths
            // use per-function target attributes and are chosen at run time.
            cSettings: [.define("_GNU_SOURCE")]
        ),
        // A sample extension module written in Swift (releases the lock via withGILReleased).
        .target(name: "SwiftExtensions", dependencies: ["MiniKit"], path: "Examples/swift-extensions"),
        // The Swift face of the C API: owned/borrowed references, throwing errors, GIL scopes.
        .target(name: "MiniKit", dependencies: ["CShims"], path: "Sources/MiniKit"),
        // MiniPy: the Python-subset interpreter (lexer, parser, compiler, VM front end).
        // Its Python-written standard library (Sources/MiniPy/Lib) is embedded at build time by the
        // EmbedFiles plugin (see embed-files.txt) and compiled on first import.
        .target(name: "MiniPy", dependencies: ["MiniKit", "CShims", "MiniVM"], path: "Sources/MiniPy",
                exclude: ["Lib"], plugins: ["EmbedFiles"]),
        // Build-time embedding of a directory of text files as a Swift table of (path, text): the
        // tool writes the Swift source, the plugin runs it for each target that applies it.
        .executableTarget(name: "embed-files", path: "Sources/embed-files"),
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["embed-files"],
                path: "Plugins/EmbedFiles"),
        // The command-line tool.
        .executableTarget(
            name: "extdemo",
            dependencies: ["MiniKit", "CShims", "MiniVM", "MiniExtensions", "SwiftExtensions", "MiniPy"],
            path: "Sources/extdemo",
            // --export-dynamic: extensions loaded with dlopen (MiniImport_LoadDynamicModule) resolve
            // their Mini_* symbols against the executable, which must therefore export them. The
            // flag belongs to the program that loads extensions, not to the library targets, so
            // the kit stays usable as a SwiftPM dependency (which refuses unsafeFlags).
            linkerSettings: [.unsafeFlags(["-Xlinker", "--export-dynamic"])],
            // The public headers `build-ext` writes out are embedded at build time (embed-files.txt).
            plugins: ["EmbedFiles"]
        ),
        // C helpers for the tests: code that must be C (variadic calls, the GIL macros, pthreads, fork).
        // It reaches into the core tier (MINI_BUILD_CORE) to test internals; the library builtins
        // it registers live in MiniVM.
        .target(name: "CShimsTestSupport", dependencies: ["CShims", "MiniVM"], path: "Tests/CShimsTestSupport",
                cSettings: [.define("_GNU_SOURCE"), .define("MINI_BUILD_CORE"),
                            .headerSearchPath("../../CShims/internal"), .headerSearchPath("../../Sources/MiniVM/internal")]),
        .testTarget(name: "CShimsTests", dependencies: ["CShims", "CShimsTestSupport"], path: "Tests/CShimsTests"),
        .testTarget(name: "MiniKitTests", dependencies: ["MiniKit", "SwiftExtensions"], path: "Tests/MiniKitTests"),
        .testTarget(name: "ExtensionsTests", dependencies: ["MiniKit", "MiniExtensions"], path: "Tests/ExtensionsTests",
                    exclude: ["Fixtures"]),
        .testTarget(name: "MiniPyTests", dependencies: ["MiniPy", "MiniVM"], path: "Tests/MiniPyTests", exclude: ["Fixtures"]),
        // The CLI, tested by running the built extdemo binary as a subprocess.
        .testTarget(name: "ExtdemoTests", dependencies: ["extdemo"], path: "Tests/ExtdemoTests", exclude: ["Fixtures"]),
    ]
)
