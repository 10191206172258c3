buf = Buffer()
with contextlib.redirect_stdout(buf) as target:
    print('captured', 1, 2)
    print('second line', end='!')
print('buffer held:', repr(buf.text), target is buf, sys.stdout is sys.__stdout__)
err = Buffer()
with contextlib.redirect_stderr(err):
    sys.stderr.write('to stderr\n')
