
    print(f"both threads counted down to zero: {results == [0, 0]}")
    print(f"threads still alive after join: {[t.is_alive() for t in (t1, t2)]}")
    print(f"thread names: {t1.name}, {t2.name}")


if __name__ == "__main__":
    main()
