# A submodule: __name__, __package__ and __spec__ as the import system sets them.
print("mod", __name__, __package__, __spec__.name, __spec__.parent)


def helper():
    return "helped"
