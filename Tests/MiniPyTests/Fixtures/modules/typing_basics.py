# typing: annotated programs import and run; aliases print like CPython's.
from typing import (Any, Callable, ClassVar, Dict, Final, FrozenSet, Generic, Iterable, Iterator,
                    List, Literal, Mapping, NamedTuple, NewType, Optional, Protocol, Sequence, Set,
                    Tuple, Type, TypeVar, TypedDict, Union, cast, get_args, get_origin, overload,
                    Annotated, TYPE_CHECKING, Deque, DefaultDict, Counter, AnyStr, NoReturn)
import typing

T = TypeVar('T')
K = TypeVar('K', bound=str)
print(List[int], Dict[str, List[int]], Optional[int], Union[int, str], Union[int, None, str])
print(Tuple[int, ...], Tuple[()], Callable[[int, str], bool], Callable[..., int], Set[T], FrozenSet[bytes])
print(Literal['a', 1], Annotated[int, 'meta'], Type[int], Iterable[T], Mapping[K, T], Sequence['Foo'])
print(T, K, AnyStr, repr(typing.Any), typing.NoReturn, ClassVar[int], Final[str])
print(Union[int], Union[int, Union[str, int]] == Union[int, str], Optional[int] == Union[None, int])
print(get_origin(List[int]), get_args(Dict[str, int]), get_origin(Union[int, str]) is Union, get_args(Callable[[int], str]))
print(get_args(Annotated[int, 'x', 'y']), get_origin(int), get_args(int), get_origin(Literal[1]) is Literal)
print(List[T][int], Dict[K, T][str, float])
print(cast(int, 'not checked'), TYPE_CHECKING, List is typing.List)

def first(xs: Sequence[T]) -> Optional[T]:
    return xs[0] if xs else None
print(first([3, 4]), first([]))

UserId = NewType('UserId', int)
print(UserId(5), UserId(5) + 1, UserId)


class Movie(TypedDict):
    title: str
    year: int
m: Movie = {'title': 'Alien', 'year': 1979}
print(m['title'])

class HasLen(Protocol):
    def __len__(self) -> int: ...
def size(x: HasLen) -> int:
    return len(x)
print(size([1, 2, 3]))

@overload
def double(x: int) -> int: ...
@overload
def double(x: str) -> str: ...
def double(x):
    return x * 2
print(double(2), double('ab'))

def apply(f: Callable[[int], int], v: int = 0) -> int:
    return f(v)
print(apply(lambda n: n + 1, 41))

Vector = List[float]
def scale(k: float, v: Vector) -> Vector:
    return [k * x for x in v]
print(scale(2.0, [1.0, 2.5]))
print(Deque, DefaultDict[str, int])
try:
    Union[()]
except TypeError as e:
    print('TypeError', e)
print(typing.get_type_hints(Movie))
