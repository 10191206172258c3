print('stderr held:', repr(err.text))

@contextlib.asynccontextmanager
async def resource(name):
    print('open', name)
    try:
        yield name.upper()
    finally:
        print('close', name)

class Closer:
    async def aclose(self):
        print('aclosed')

