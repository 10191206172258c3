class C(Base, metaclass=M):
    x: int = 1
    def m(self): return super().m()

try:
    if (y := len(s)) > 2 and not y or y is None: pass
    elif y in (1, 2): raise ValueError("v") from None
    else: del a[1:2:3], b.c
except (TypeError, ValueError) as e: print(e)
except* OSError: pass
finally: assert x, "msg"
with open("f") as a, open("g") as b: a; b
while True: break
else: continue
for i, *rest in enumerate(x): x[i] **= 2; x >>= 1
