# binascii.a2b_base64 (lenient and strict_mode) on 400 random strings over the alphabet, '=',
# whitespace and characters outside it, plus b64encode/b64decode round trips: the decoder's
# four-characters-at-a-time fast path (session 7) must give CPython 3.11's bytes and errors. The
# digest of all outcomes was recorded once with python3 (random.seed(7) draws the same strings
# in the kit and in CPython).
import base64
import binascii
import hashlib
import random

random.seed(7)
alpha = b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
out = []
for n in range(400):
    k = random.randrange(0, 40)
    s = bytes(random.choice(alpha + b'= \n!-_') for _ in range(k))
    for strict in (False, True):
        try:
            r = binascii.a2b_base64(s, strict_mode=strict).hex()
        except Exception as e:
            r = type(e).__name__ + ':' + str(e)
        out.append(r)
    d = random.randbytes(random.randrange(0, 30))
    out.append(base64.b64decode(base64.b64encode(d)) == d)
print(len(out), sum(1 for x in out if x is True), sum(1 for x in out if isinstance(x, str) and ':' in x))
print(out[:6])
print(hashlib.sha256(repr(out).encode()).hexdigest())
