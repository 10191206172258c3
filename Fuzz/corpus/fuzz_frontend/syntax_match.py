match command.split():
    case [action]: pass
    case ["go", direction] | ["move", direction]: pass
    case Point(x=0, y=0) as p if p: pass
    case {"key": value, **rest}: pass
    case (1 | 2 | 3, *others): pass
    case str() | bytes(): pass
    case -1 | 1.5 | 2+3j | None | True: pass
    case _: pass
