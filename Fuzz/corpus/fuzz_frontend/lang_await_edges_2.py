async def handler():
    try:
        raise ValueError("inner")
    except ValueError:
        await Y()
        print("after await")
        try:
            raise
        except ValueError as e:
            return "reraised " + str(e)
print(drive(handler()))
