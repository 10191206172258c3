# sys.stdin and input() share one buffer: readline, input with a prompt, line iteration,
# read() at the end, then EOFError from input().
import sys
print(repr(sys.stdin.readline()))
print(repr(input('> ')))
for line in sys.stdin:
    print('line', repr(line))
print(repr(sys.stdin.read()), sys.stdin)
try:
    input()
except EOFError as e:
    print('EOF', e)
