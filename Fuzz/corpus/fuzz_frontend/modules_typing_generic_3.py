class Movie(TypedDict):
    title: str
    year: int
print(Movie.__required_keys__ == frozenset({'title', 'year'}))
from typing import List, Dict
print(isinstance([], List), isinstance({}, Dict))
try:
    isinstance([], List[int])
except TypeError as e:
    print('TypeError', e)
