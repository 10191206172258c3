// MiniKit: the Swift face of the Mini C API.
//
// Swift code (the CLI, the interpreter, extensions written in Swift) uses the C API through a
// few safe shapes instead of raw pointers:
//   - `MiniRef`, an owned reference that is ~Copyable and DECREFs exactly once when it ends;
//   - `MiniBorrowed`, a borrowed view lent only inside `withBorrowed { }` as a `borrowing`
//     parameter, so it cannot be stored or outlive its owner;
//   - `MiniError`, the thread's error indicator turned into a Swift `throws`;
//   - `withGILReleased { }`, the one way Swift lets the lock go, whose closure is `@Sendable` so
//     the compiler refuses code that touches an object without the lock (see GILScope.swift).
@_exported import CShims

/// A raw object pointer as the C API hands it out (`MiniObject *`).
public typealias MiniObjectPointer = UnsafeMutablePointer<MiniObject>
