try:
    c.send(None)
except StopIteration as e:
    print("result", e.value)
print("done")
