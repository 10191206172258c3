def locks() -> None:
    lock = threading.Lock()
    with lock:
        print(f"Lock: held inside 'with': {lock.locked()}; "
              f"a second acquire(blocking=False): {lock.acquire(blocking=False)}; "
              f"acquire(timeout=0.01): {lock.acquire(timeout=0.01)}")
    print(f"Lock: released after 'with': {not lock.locked()}")

    rlock = threading.RLock()
    depth = 0
    with rlock:
        depth += 1
        with rlock:  # the owner may take an RLock again; a Lock would deadlock here
            depth += 1
            held = not other_thread_can_take(rlock)
    print(f"RLock: entered {depth} levels deep by its owner; closed to other threads meanwhile: {held}; "
          f"open again after both exits: {other_thread_can_take(rlock)}")


# ----- Event -------------------------------------------------------------------------------------


