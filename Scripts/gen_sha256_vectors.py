#!/usr/bin/env python3
"""gen_sha256_vectors.py: writes Tests/ExtensionsTests/Fixtures/sha256_vectors.txt, the expected
SHA-256 digests the hashing tests compare the kernel with, computed once with hashlib so the tests
themselves never need Python (Tests/ExtensionsTests/SHA256Vectors.swift reads the file). Run from
the repository root:

    python3 Scripts/gen_sha256_vectors.py

The message of length n is pattern(0), ..., pattern(n-1) with the byte pattern below; the Swift
side (sha256Pattern) builds the same bytes.
"""
import hashlib
import pathlib

LENGTHS_LARGE = [2047, 2048, 2049, 65537, (1 << 20), (3 << 20) + 17, (4 << 20) - 1]
FIPS = [
    ("abc", 1),
    ("", 1),
    ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1),
    ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", 1),
    ("a", 1_000_000),
]


def pattern(n: int) -> bytes:
    # (131 * i + 7 * (i >> 9) + 5) mod 256: not periodic in 256, so shifted blocks differ.
    return bytes((131 * i + 7 * (i >> 9) + 5) & 0xFF for i in range(n))


def main() -> None:
    big = pattern(max(LENGTHS_LARGE))
    lines = [
        "# sha256_vectors.txt: expected SHA-256 digests for the hashing tests, computed once with",
        "# Python's hashlib by Scripts/gen_sha256_vectors.py (the tests never need Python). Lines:",
        "#   fips <repeats> <hex digest> <message, ASCII, may be empty>   a FIPS 180-4 example",
        "#   pattern <length> <hex digest>                                 a prefix of the byte pattern",
        "# The pattern: byte i is (131 * i + 7 * (i >> 9) + 5) mod 256.",
    ]
    for msg, rep in FIPS:
        lines.append(f"fips {rep} {hashlib.sha256(msg.encode() * rep).hexdigest()} {msg}")
    for n in list(range(1025)) + LENGTHS_LARGE:
        lines.append(f"pattern {n} {hashlib.sha256(big[:n]).hexdigest()}")
    out = pathlib.Path("Tests/ExtensionsTests/Fixtures/sha256_vectors.txt")
    out.write_text("\n".join(lines) + "\n")
    print(f"wrote {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
