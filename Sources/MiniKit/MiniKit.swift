// MiniKit: the Swift face of the Mini C API (placeholder until the Swift layer lands).
@_exported import CShims
