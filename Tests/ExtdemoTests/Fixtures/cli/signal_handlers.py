# signal: Python handlers run in the main thread (raise_signal, os.kill to ourselves, alarm during
# a sleep), getsignal/SIG_DFL/SIG_IGN, default_int_handler, the enums, and the errors.
import os
import signal
import threading
import time

seen = []


def handler(signum, frame):
    seen.append(signum)
    print('handler got', signal.Signals(signum).name, type(signum).__name__)


print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
print(signal.getsignal(signal.SIGUSR1))
old = signal.signal(signal.SIGUSR1, handler)
print('old:', old, repr(old))
print(signal.getsignal(signal.SIGUSR1) is handler)
signal.raise_signal(signal.SIGUSR1)
os.kill(os.getpid(), signal.SIGUSR1)
print('seen', seen)
signal.signal(signal.SIGALRM, handler)
signal.alarm(1)
time.sleep(1.5)
print('slept through the alarm; seen', seen)
print(repr(signal.signal(signal.SIGUSR1, signal.SIG_IGN)) == repr(handler))
signal.raise_signal(signal.SIGUSR1)
print('ignored; seen', len(seen))
print(signal.getsignal(signal.SIGUSR1), signal.SIGINT, repr(signal.SIGTERM), int(signal.SIGTERM))
print(signal.SIGUSR1 in signal.valid_signals(), signal.strsignal(signal.SIGINT))


def boom(signum, frame):
    raise RuntimeError('from the handler')


signal.signal(signal.SIGUSR2, boom)
try:
    signal.raise_signal(signal.SIGUSR2)
except RuntimeError as e:
    print('propagated:', e)
try:
    signal.default_int_handler(signal.SIGINT, None)
except KeyboardInterrupt:
    print('KeyboardInterrupt from default_int_handler')
signal.signal(signal.SIGINT, handler)
signal.raise_signal(signal.SIGINT)
signal.signal(signal.SIGINT, signal.default_int_handler)
try:
    signal.raise_signal(signal.SIGINT)
except KeyboardInterrupt:
    print('KeyboardInterrupt again')
for args in [(signal.SIGUSR1, 'nope'), (0, handler), (1000, handler), (signal.SIGKILL, handler)]:
    try:
        signal.signal(*args)
    except (TypeError, ValueError, OSError) as e:
        print(type(e).__name__, e)
errors = []


def in_thread():
    try:
        signal.signal(signal.SIGUSR1, handler)
    except ValueError as e:
        errors.append(str(e))


t = threading.Thread(target=in_thread)
t.start()
t.join()
print(errors)
