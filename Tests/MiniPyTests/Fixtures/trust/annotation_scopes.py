# Comprehensions, generator expressions and lambdas inside variable annotations. Module and class
# bodies evaluate a simple name's annotation into __annotations__, so those scopes must exist
# (found by fuzz_frontend: `x: [i for i in y]` failed with "SystemError: compiler: negative stack
# depth"); inside a function the annotation is never evaluated.
x: [i for i in range(2)]
y: {k: len(k) for k in ('a', 'bb')} = 5
g: list(i * i for i in range(3))
h: (lambda: 'called')
print(__annotations__['x'], __annotations__['y'], y, __annotations__['g'], __annotations__['h']())

class C:
    n = 3
    a: [i for i in range(n)]
    b: {j for j in 'xyx'} = 'value'
    c: (lambda q: q + 1)

print(C.__annotations__['a'], sorted(C.__annotations__['b']), C.b, C.__annotations__['c'](1))

def f():
    local: [j for j in undefined_name]
    other: (lambda: undefined_too) = 7
    return other

print(f())

try:
    z: [w for w in missing]
except NameError as e:
    print('NameError', e)
print(sorted(__annotations__))
