def add_one(value: int) -> int:
    return value + 1


def increment_with_call(n: int) -> None:
    global counter
    for _ in range(n):
        temp = counter
        temp = add_one(temp)  # a call: the GIL may change hands here, between read and write
        counter = temp


