try:
    try:
        int('x')
    except ValueError as err:
        raise RuntimeError('wrapped') from err
except RuntimeError as e:
    print(''.join(traceback.format_exception(type(e), e, e.__traceback__)).replace(__file__, 'FILE'))

class Collect:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
