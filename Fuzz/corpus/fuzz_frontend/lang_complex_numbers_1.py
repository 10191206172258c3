z = 3 + 4j
print(z, repr(z), type(z).__name__, z.real, z.imag, abs(z), z.conjugate())
print(3j, -3j, 0j, -0j, 1j * 1j, (1+2j) * (3-4j), (1+2j) / (3-4j), (1+2j) - 1, 2 - 1j)
print(complex(), complex(1), complex(1.5, -2), complex("1+2j"), complex(" (3-4j) "), complex("-j"), complex("2.5"))
