# subprocess: run with capture, text, input, check, timeout, cwd, env, shell, DEVNULL/STDOUT,
# Popen with communicate/wait/poll/kill and as a context manager, check_output/call/check_call,
# getoutput, and the errors with CPython's messages.
import os
import subprocess
import sys

r = subprocess.run(['echo', 'hello'], capture_output=True)
print(r)
print(subprocess.run(['echo', 'hi'], stdout=subprocess.PIPE, text=True).stdout)
r = subprocess.run(['cat'], input='fed through stdin\n', capture_output=True, text=True)
print(repr(r.stdout), repr(r.stderr), r.returncode)
r = subprocess.run('echo out; echo err 1>&2; exit 3', shell=True, capture_output=True)
print(r.returncode, r.stdout, r.stderr)
r = subprocess.run('echo out; echo err 1>&2', shell=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
print(repr(r.stdout))
r = subprocess.run(['sh', '-c', 'echo gone'], stdout=subprocess.DEVNULL)
print(r)
print(subprocess.run(['pwd'], cwd='/', capture_output=True, text=True).stdout.strip())
print(subprocess.run(['sh', '-c', 'echo $MINIPY_TEST_VAR'], env={'MINIPY_TEST_VAR': 'from env', 'PATH': os.environ['PATH']},
                     capture_output=True, text=True).stdout.strip())
big = 'x' * 200000
r = subprocess.run(['cat'], input=big, capture_output=True, text=True)
print(len(r.stdout), r.stdout == big)
try:
    subprocess.run(['sh', '-c', 'exit 5'], check=True)
except subprocess.CalledProcessError as e:
    print('CalledProcessError:', e, e.returncode, e.cmd)
try:
    subprocess.run(['sh', '-c', 'kill -9 $$'], check=True)
except subprocess.CalledProcessError as e:
    print('CalledProcessError:', e)
try:
    subprocess.run(['sleep', '5'], timeout=0.2)
except subprocess.TimeoutExpired as e:
    print('TimeoutExpired:', str(e).split(' timed out')[0], e.stdout)
try:
    subprocess.run(['sh', '-c', 'echo partial; sleep 5'], timeout=0.5, capture_output=True)
except subprocess.TimeoutExpired as e:
    print('TimeoutExpired:', e, e.stdout)
try:
    subprocess.run(['/nonexistent/program'])
except FileNotFoundError as e:
    print('FileNotFoundError:', e)
for kwargs in [dict(input='x', stdin=subprocess.PIPE), dict(capture_output=True, stdout=subprocess.PIPE)]:
    try:
        subprocess.run(['true'], **kwargs)
    except ValueError as e:
        print('ValueError:', e)
print(subprocess.check_output(['echo', 'checked']))
print(subprocess.check_output('echo $((6*7))', shell=True, text=True), end='')
print(subprocess.call(['sh', '-c', 'exit 2']), subprocess.check_call(['true']))
try:
    subprocess.check_call(['false'])
except subprocess.CalledProcessError as e:
    print(e)
print(subprocess.getoutput('echo one; echo two'), subprocess.getstatusoutput('exit 7'))
with subprocess.Popen(['cat'], stdin=subprocess.PIPE, stdout=subprocess.PIPE) as p:
    out, err = p.communicate(b'popen bytes\n')
    print(out, err, p.returncode, p.poll())
p = subprocess.Popen(['sleep', '10'])
print(p.poll())
p.terminate()
print(p.wait(), p.returncode)
p = subprocess.Popen(['sleep', '10'])
try:
    p.wait(timeout=0.1)
except subprocess.TimeoutExpired as e:
    print('wait:', e)
p.kill()
print(p.wait())
p = subprocess.Popen(['sh', '-c', 'echo line1; echo line2'], stdout=subprocess.PIPE, text=True)
print([line for line in p.stdout])
p.wait()
p.stdout.close()
print(p.returncode, p.args)
sys.stdout.flush()
r = subprocess.run(['echo', 'inherited stdout'])
print(r.returncode, r.stdout)
print(subprocess.PIPE, subprocess.STDOUT, subprocess.DEVNULL)
