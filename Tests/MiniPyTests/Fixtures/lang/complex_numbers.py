z = 3 + 4j
print(z, repr(z), type(z).__name__, z.real, z.imag, abs(z), z.conjugate())
print(3j, -3j, 0j, -0j, 1j * 1j, (1+2j) * (3-4j), (1+2j) / (3-4j), (1+2j) - 1, 2 - 1j)
print(complex(), complex(1), complex(1.5, -2), complex("1+2j"), complex(" (3-4j) "), complex("-j"), complex("2.5"))
print(complex(1+2j, 3+4j), complex(real=1, imag=2), complex(imag=5))
print(1j ** 2, (1+1j) ** 3, (2+0j) ** -2, 2 ** 1j, (1+2j) ** 0.5, 0j ** 0)
print(complex(0.0, -0.0), complex(-0.0, 0.0), complex(-0.0, -0.0), complex(1, float("nan")), complex(float("inf"), -float("inf")))
print(1e300j * 1e10, 1.5e-7j, 123456789012345678j, complex(1e16, 1e-5))
print(z == 3 + 4j, z != 3 + 4j, complex(3, 0) == 3, complex(3, 0) == 3.0, 3 == complex(3, 0), 2**70 == complex(2**70, 0), 1j == 1)
print(hash(complex(3, 0)) == hash(3), hash(1.5 + 0j) == hash(1.5), hash(1j) == hash(1j), hash(2+3j))
print(bool(0j), bool(1j), bool(complex(0, 0.0)))
print(-z, +z, z + True, 1.5 * z, z * 2, z / 2)
d = {1j: "a", 2: "b"}
print(d[1j], d[complex(2, 0)])
print(sum([1j, 2, 3.5]), [x * 1j for x in range(3)])
for bad in ["z < z", "z // 2", "z % 2", "int(z)", "float(z)", "1 / 0j", "0j ** -1", "complex('1+')", "complex('x')",
            "complex('1', 2)", "complex(1, '2')", "complex([])", "abs(complex(1e308, 1e308))", "(1e200+1e200j) ** 2"]:
    try:
        exec("r = " + bad)
        print(bad, "->", r)
    except Exception as e:
        print(bad, "->", type(e).__name__ + ":", e)
class C:
    def __complex__(self):
        return 2+5j
print(complex(C()))
print(f"{z}", str(z), "%s" % z)
print(isinstance(z, complex), 1j.imag, (2j).real)

def kind(v):
    match v:
        case 0j:
            return "zero"
        case 1+2j | -1-2j:
            return "one-two"
        case -3j:
            return "minus three j"
        case complex(real=r, imag=0.0):
            return f"real {r}"
        case complex():
            return "complex"
        case _:
            return "other"

for v in [0j, 0, 1+2j, -1-2j, -3j, complex(5, 0), 2+2j, "x"]:
    print(repr(v), kind(v))

# roots of a quadratic, the classic use
def roots(a, b, c):
    d = (b * b - 4 * a * c) ** 0.5
    return (-b + d) / (2 * a), (-b - d) / (2 * a)

print(roots(1, 2, 5))
print(roots(1, -3, 2))

# format() with complex format specs
z=1.5+2j
for s in ['.2f','10.3f','g','e','>20.2f','<20','+.1f',' .1f','.3','10','^12g', '*^14.1f', '_.1f']:
    print(repr(s), repr(format(z,s)))
print(repr(format(2j,'.1f')), repr(format(-0j,'g')), repr(format(complex(0,1),'')), repr(format(2j,'10')), repr(format(1e20+1e20j, ',.0f')))
for bad in ['010', '=10', '%', 'd']:
    try: format(z, bad)
    except ValueError as e: print(bad, e)
print(f"{z:.1f} and {z!s:>10}")
