"""_types_async: the types only async code can produce (written for MiniPy); types imports it
when the front end supports async def."""


async def _c():
    pass


_coro = _c()
CoroutineType = type(_coro)
_coro.close()


async def _ag():
    yield 1


AsyncGeneratorType = type(_ag())
del _coro, _c, _ag
