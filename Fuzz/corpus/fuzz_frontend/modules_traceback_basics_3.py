c = Collect()
try:
    [].pop()
except IndexError:
    traceback.print_exc(file=c)
print(''.join(c.parts).replace(__file__, 'FILE'))
print(traceback.format_exception_only(None), traceback.format_exc())
