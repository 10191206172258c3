# kit_float.py: one of the kit's own suite programs (float arithmetic, the kind nbody and float
# measure). Two halves: a small particle system whose vectors are instances of a Vec class with
# arithmetic dunder methods (a new float-holding object per operation), and a leapfrog
# integration of the same bodies written with plain float locals and lists. Checks its result.
import math

import pyperf


class Vec:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y, self.z + other.z)

    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y, self.z - other.z)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def dot(self, other):
        return self.x * other.x + self.y * other.y + self.z * other.z

    def norm(self):
        return math.sqrt(self.dot(self))


def make_bodies(n):
    bodies = []
    for i in range(n):
        a = i * 0.7
        bodies.append([Vec(math.cos(a) * (1 + i), math.sin(a) * (1 + i), 0.1 * i),
                       Vec(-math.sin(a) * 0.3, math.cos(a) * 0.3, 0.0), 1.0 + 0.1 * i])
    return bodies


def step_objects(bodies, dt):
    n = len(bodies)
    for i in range(n):
        pi, vi, mi = bodies[i]
        for j in range(i + 1, n):
            pj, vj, mj = bodies[j]
            d = pi - pj
            dist = d.norm() + 0.01
            mag = dt / (dist * dist * dist)
            bodies[i][1] = bodies[i][1] - d * (mj * mag)
            bodies[j][1] = bodies[j][1] + d * (mi * mag)
    for b in bodies:
        b[0] = b[0] + b[1] * dt


def energy_floats(xs, ys, zs, vx, vy, vz, m, steps, dt):
    n = len(xs)
    for _ in range(steps):
        for i in range(n):
            xi = xs[i]
            yi = ys[i]
            zi = zs[i]
            for j in range(i + 1, n):
                dx = xi - xs[j]
                dy = yi - ys[j]
                dz = zi - zs[j]
                d2 = dx * dx + dy * dy + dz * dz + 0.0001
                mag = dt / (d2 * math.sqrt(d2))
                bm = m[j] * mag
                vx[i] -= dx * bm
                vy[i] -= dy * bm
                vz[i] -= dz * bm
                bm = m[i] * mag
                vx[j] += dx * bm
                vy[j] += dy * bm
                vz[j] += dz * bm
        for i in range(n):
            xs[i] += dt * vx[i]
            ys[i] += dt * vy[i]
            zs[i] += dt * vz[i]
    e = 0.0
    for i in range(n):
        e += 0.5 * m[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i])
    return e


def bench():
    bodies = make_bodies(12)
    for _ in range(20):
        step_objects(bodies, 0.01)
    kinetic = sum(0.5 * b[2] * b[1].dot(b[1]) for b in bodies)
    n = 12
    xs = [b[0].x for b in bodies]
    ys = [b[0].y for b in bodies]
    zs = [b[0].z for b in bodies]
    vx = [b[1].x for b in bodies]
    vy = [b[1].y for b in bodies]
    vz = [b[1].z for b in bodies]
    m = [b[2] for b in bodies]
    e = energy_floats(xs, ys, zs, vx, vy, vz, m, 60, 0.01)
    return round(kinetic, 6), round(e, 6), n


EXPECTED = (0.899872, 1.557234, 12)   # recorded with CPython 3.11

if __name__ == "__main__":
    result = bench()
    if EXPECTED is not None and result != EXPECTED:
        raise SystemExit("kit_float: wrong result %r" % (result,))
    runner = pyperf.Runner()
    runner.metadata["description"] = "the kit's float program (vector objects and float locals)"
    runner.bench_func("kit_float", bench)
