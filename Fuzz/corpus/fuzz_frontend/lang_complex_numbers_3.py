print(1e300j * 1e10, 1.5e-7j, 123456789012345678j, complex(1e16, 1e-5))
print(z == 3 + 4j, z != 3 + 4j, complex(3, 0) == 3, complex(3, 0) == 3.0, 3 == complex(3, 0), 2**70 == complex(2**70, 0), 1j == 1)
print(hash(complex(3, 0)) == hash(3), hash(1.5 + 0j) == hash(1.5), hash(1j) == hash(1j), hash(2+3j))
