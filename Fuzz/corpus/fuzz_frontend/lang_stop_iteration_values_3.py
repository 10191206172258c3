c = main()
try:
    c.send(None)
except StopIteration:
    pass
