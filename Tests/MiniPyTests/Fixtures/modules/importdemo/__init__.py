# A package for import_packages.py: relative imports from a package's __init__.
print("importdemo init", __name__, __package__)
from . import mod
from .mod import helper
VALUE = 42
