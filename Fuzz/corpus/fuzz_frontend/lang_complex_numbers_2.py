print(complex(1+2j, 3+4j), complex(real=1, imag=2), complex(imag=5))
print(1j ** 2, (1+1j) ** 3, (2+0j) ** -2, 2 ** 1j, (1+2j) ** 0.5, 0j ** 0)
print(complex(0.0, -0.0), complex(-0.0, 0.0), complex(-0.0, -0.0), complex(1, float("nan")), complex(float("inf"), -float("inf")))
