    print(f"answers in request order: {results == [f'response-{i}' for i in range(tasks)]}")
    print(f"[timing] threaded: {threaded:.2f}s (about {delay} s: the waits overlap)")
    print(f"[timing] speedup: {sequential / threaded:.1f}x with {tasks} threads; "
          f"waits overlapped: {threaded < 0.5 * sequential}")


