#!/usr/bin/env bash
# check_as_dependency.sh: proves the kit is usable as a SwiftPM dependency of someone else's
# package, the way SwiftPM treats a published one: the current commit is cloned to a scratch
# directory and tagged 1.0.0 there (the real repository is not touched), and a small client
# package depends on that clone by file:// URL and version — not by path, where SwiftPM is
# lenient about unsafeFlags — and builds a Swift extension module against MiniKit that releases
# the lock with withGILReleased, then runs it. Exit status 0 when the client builds and prints
# the expected line; non-zero (with SwiftPM's own message) otherwise. Needs git and swift only.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then export PATH=/opt/swift/usr/bin:$PATH; fi
work=$(mktemp -d "${TMPDIR:-/tmp}/extdemo-dep.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The kit as a published package: a clone of HEAD with a version tag.
git clone --quiet --no-hardlinks "$root" "$work/extdemo"
git -C "$work/extdemo" -c user.name=check -c user.email=check@localhost tag -a 1.0.0 -m "dependency check"

mkdir -p "$work/client/Sources/Twice" "$work/client/Sources/client"
cat > "$work/client/Package.swift" <<SWIFT
// swift-tools-version:6.0
import PackageDescription
let package = Package(
    name: "client",
    dependencies: [.package(url: "file://$work/extdemo", from: "1.0.0")],
    targets: [
        .target(name: "Twice", dependencies: [.product(name: "MiniKit", package: "extdemo")]),
        .executableTarget(name: "client", dependencies: ["Twice", .product(name: "MiniKit", package: "extdemo")]),
    ]
)
SWIFT
cat > "$work/client/Sources/Twice/Twice.swift" <<'SWIFT'
// A Swift extension module written by a user of the kit: twice(n) doubles n after a loop run
// with the GIL released.
import MiniKit

private func twice(_ module: MiniObjectPointer?, _ args: MiniObjectPointer?) -> MiniObjectPointer? {
    miniFunctionBody { () throws(MiniError) -> MiniRef in
        let a = try miniUnpackArgs(args, function: "twice", min: 1, max: 1)
        let n = try MiniRef(retaining: a[0]).asInt()
        let doubled = withGILReleased { () -> Int in
            var x = 0
            for _ in 0..<n { x &+= 2 }
            return x
        }
        return try .int(doubled)
    }
}

nonisolated(unsafe) private let definition = MiniModuleDefinition.make(
    name: "twice", doc: "A user's Swift extension.",
    methods: [MiniMethodSpec(name: "twice", flags: MINI_METH_VARARGS, doc: "twice(n)", function: twice)])

public let MiniInit_twice: MiniInitFunc = { MiniModule_Create(definition) }
SWIFT
cat > "$work/client/Sources/client/main.swift" <<'SWIFT'
import MiniKit
import Twice

MiniRuntime.register(module: "twice", initializer: MiniInit_twice)
MiniRuntime.start()
do {
    let module = try miniImport("twice")
    let result = try module.callMethod("twice", [try MiniRef.int(21).pointer])
    print("twice(21) =", try result.asInt())
} catch {
    print("error:", error)
}
SWIFT
cd "$work/client"
swift build 2>&1 | tail -n 20
out=$(.build/debug/client)
echo "$out"
if [ "$out" != "twice(21) = 42" ]; then
    echo "check_as_dependency: the client printed '$out', expected 'twice(21) = 42'" >&2
    exit 1
fi
echo "check_as_dependency: the kit builds and runs as a versioned SwiftPM dependency"
