name, width = "kit", 10
print(f"{name!r:>{width}} {3.14159:.2f} {{literal}} {name=}")
print(rb'\x00raw', b"bytes\n", u"text", '''triple
quoted''', "implicit" 'concat')
n = 0x_ff + 0o17 + 0b1010 + 1_000_000 + 1.5e-3 + 2j + .5
