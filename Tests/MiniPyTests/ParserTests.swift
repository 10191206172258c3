// ParserTests.swift: the MiniPy parser builds the expected tree for every supported construct.
//
// The expected dumps were produced from CPython 3.11's own `ast` module (rendered in MiniPy's dump
// format by a throwaway script), so they pin the tree shape and, in `locatedCases`, every node's
// line/column range to what CPython records. Error reporting is in ParserErrorTests.swift.

import XCTest
@testable import MiniPy

final class ParserTests: XCTestCase {
    func parse(_ text: String) throws -> Module {
        try Parser.parseModule(text, filename: "prog.py")
    }

    /// (what, source, dump) for each construct of the supported subset.
    static let constructCases: [(String, String, String)] = [
        ("names and constants", "x\nNone\nTrue\nFalse\n...\n",
         "(Expr x)\n(Expr None)\n(Expr True)\n(Expr False)\n(Expr ...)"),
        ("integers", "0\n42\n0x_1F\n0XFF\n0o17\n0b1010\n1_000_000\n00\n0_0\n123456789012345678901234567890\n",
         "(Expr 0)\n(Expr 42)\n(Expr 0x1f)\n(Expr 0xff)\n(Expr 0o17)\n(Expr 0b1010)\n(Expr 1000000)\n(Expr 0)\n(Expr 0)\n(Expr 123456789012345678901234567890)"),
        ("floats", "1.5\n1_000.5\n.5\n5.\n1e-9\n1E+10\n1.5e3\n0.0\n",
         "(Expr 1.5)\n(Expr 1000.5)\n(Expr 0.5)\n(Expr 5.0)\n(Expr 1e-09)\n(Expr 10000000000.0)\n(Expr 1500.0)\n(Expr 0.0)"),
        ("strings", "'a'\n\"b\"\n'''c\nd'''\n\"\"\"e\"\"\"\nr'\\n'\nR\"\\d\"\nu'x'\n",
         "(Expr 'a')\n(Expr 'b')\n(Expr 'c\\nd')\n(Expr 'e')\n(Expr '\\\\n')\n(Expr '\\\\d')\n(Expr 'x')"),
        ("escapes", "'\\n\\t\\\\\\'\\\"\\a\\b\\f\\v\\r'\n'\\x41\\u00e9\\U0001F600\\101\\0\\7'\n'\\q'\n'a\\\nb'\n",
         "(Expr '\\n\\t\\\\\\'\"\\x07\\x08\\x0c\\x0b\\r')\n(Expr 'Aé😀A\\x00\\x07')\n(Expr '\\\\q')\n(Expr 'ab')"),
        ("bytes", "b'abc'\nB\"\\x00\\xff\\n\"\nrb'\\x'\nBR'\\d'\nb'\\u1234'\n",
         "(Expr b'abc')\n(Expr b'\\x00\\xff\\n')\n(Expr b'\\\\x')\n(Expr b'\\\\d')\n(Expr b'\\\\u1234')"),
        ("concatenation", "'a' 'b'\n'a' r'\\n' \"c\"\nb'a' b'b'\n('x'\n 'y')\n",
         "(Expr 'ab')\n(Expr 'a\\\\nc')\n(Expr b'ab')\n(Expr 'xy')"),
        ("fstrings", "f'{x}'\nf'a{x}b{y}c'\nf'{x!r} {y!s} {z!a}'\nf'{x:>10}'\nf'{x:{width}.{prec}}'\nf'{{}} {{{x}}}'\nf''\nf'plain'\n",
         "(Expr (JoinedStr (Fmt x)))\n(Expr (JoinedStr 'a' (Fmt x) 'b' (Fmt y) 'c'))\n(Expr (JoinedStr (Fmt x !r) ' ' (Fmt y !s) ' ' (Fmt z !a)))\n(Expr (JoinedStr (Fmt x (JoinedStr '>10'))))\n(Expr (JoinedStr (Fmt x (JoinedStr (Fmt width) '.' (Fmt prec)))))\n(Expr (JoinedStr '{} {' (Fmt x) '}'))\n(Expr (JoinedStr))\n(Expr (JoinedStr 'plain'))"),
        ("fstring concat", "'a' f'{x}' 'b'\nf'{x}' f'{y}'\nrf'\\n{x}'\nf'{x=}'\nf'{x = !s:>5}'\nf'{x=:5}'\n",
         "(Expr (JoinedStr 'a' (Fmt x) 'b'))\n(Expr (JoinedStr (Fmt x) (Fmt y)))\n(Expr (JoinedStr '\\\\n' (Fmt x)))\n(Expr (JoinedStr 'x=' (Fmt x !r)))\n(Expr (JoinedStr 'x = ' (Fmt x !s (JoinedStr '>5'))))\n(Expr (JoinedStr 'x=' (Fmt x (JoinedStr '5'))))"),
        ("fstring nested", "f'{a[\"k\"]}'\nf\"{f'{x}'}\"\nf'{x if y else z}'\nf'{(lambda: 1)()}'\nf'{a, b}'\nf'{ x }'\nf'{x!=y}'\nf'''{\nx\n}'''\n",
         "(Expr (JoinedStr (Fmt ([] a 'k'))))\n(Expr (JoinedStr (Fmt (JoinedStr (Fmt x)))))\n(Expr (JoinedStr (Fmt (IfExp y x z))))\n(Expr (JoinedStr (Fmt (Call (Lambda (args) 1)))))\n(Expr (JoinedStr (Fmt (Tuple a b))))\n(Expr (JoinedStr (Fmt x)))\n(Expr (JoinedStr (Fmt (Compare x != y))))\n(Expr (JoinedStr (Fmt x)))"),
        ("unary and power", "-x\n+x\n~x\nnot x\n-2**2\n2**-1\na**b**c\n-a**-b\n~a**b\n",
         "(Expr (- x))\n(Expr (+ x))\n(Expr (~ x))\n(Expr (not x))\n(Expr (- (** 2 2)))\n(Expr (** 2 (- 1)))\n(Expr (** a (** b c)))\n(Expr (- (** a (- b))))\n(Expr (~ (** a b)))"),
        ("binary precedence", "a + b * c\na * b + c\na - b - c\na / b // c % d @ e\na << b >> c\na | b ^ c & d\na + b | c & d << e\n(a + b) * c\n",
         "(Expr (+ a (* b c)))\n(Expr (+ (* a b) c))\n(Expr (- (- a b) c))\n(Expr (@ (% (// (/ a b) c) d) e))\n(Expr (>> (<< a b) c))\n(Expr (| a (^ b (& c d))))\n(Expr (| (+ a b) (& c (<< d e))))\n(Expr (* (+ a b) c))"),
        ("boolean", "a or b or c\na and b and c\na or b and c\nnot a and not b\nnot not a\n",
         "(Expr (or a b c))\n(Expr (and a b c))\n(Expr (or a (and b c)))\n(Expr (and (not a) (not b)))\n(Expr (not (not a)))"),
        ("comparisons", "a < b\na < b <= c\na == b != c\na > b >= c\na in b\na not in b\na is b\na is not b\na < b in c is not d\n",
         "(Expr (Compare a < b))\n(Expr (Compare a < b <= c))\n(Expr (Compare a == b != c))\n(Expr (Compare a > b >= c))\n(Expr (Compare a in b))\n(Expr (Compare a not in b))\n(Expr (Compare a is b))\n(Expr (Compare a is not b))\n(Expr (Compare a < b in c is not d))"),
        ("conditional and lambda", "a if b else c\na if b else c if d else e\nlambda: 0\nlambda x: x\nlambda x, y=1, *a, z, w=2, **k: x\nlambda *, k: k\nlambda x=lambda: 1: x\n",
         "(Expr (IfExp b a c))\n(Expr (IfExp b a (IfExp d c e)))\n(Expr (Lambda (args) 0))\n(Expr (Lambda (args x) x))\n(Expr (Lambda (args x y=1 *a z w=2 **k) x))\n(Expr (Lambda (args * k) k))\n(Expr (Lambda (args x=(Lambda (args) 1)) x))"),
        ("walrus", "(x := 5)\nif (n := len(a)) > 10: pass\nwhile chunk := f(): pass\n[y := 1, y]\nf(x := 1)\n",
         "(Expr (:= x 5))\n(If (Compare (:= n (Call len a)) > 10) [(Pass)])\n(While (:= chunk (Call f)) [(Pass)])\n(Expr (List (:= y 1) y))\n(Expr (Call f (:= x 1)))"),
        ("attribute call subscript", "a.b.c\nf()\nf(a)(b)\na[1]\na[1][2]\na.b(c)[d].e\n",
         "(Expr (. (. a b) c))\n(Expr (Call f))\n(Expr (Call (Call f a) b))\n(Expr ([] a 1))\n(Expr ([] ([] a 1) 2))\n(Expr (. ([] (Call (. a b) c) d) e))"),
        ("slices", "a[1:2]\na[::2]\na[:]\na[1:]\na[:2]\na[1:2:3]\na[::]\na[i, j]\na[1:2, ::3]\na[i,]\na[()]\na[*b]\na[x:=1]\n",
         "(Expr ([] a (Slice 1 2 _)))\n(Expr ([] a (Slice _ _ 2)))\n(Expr ([] a (Slice _ _ _)))\n(Expr ([] a (Slice 1 _ _)))\n(Expr ([] a (Slice _ 2 _)))\n(Expr ([] a (Slice 1 2 3)))\n(Expr ([] a (Slice _ _ _)))\n(Expr ([] a (Tuple i j)))\n(Expr ([] a (Tuple (Slice 1 2 _) (Slice _ _ 3))))\n(Expr ([] a (Tuple i)))\n(Expr ([] a (Tuple)))\n(Expr ([] a (Tuple (* b))))\n(Expr ([] a (:= x 1)))"),
        ("call arguments", "f(a, b)\nf(*args)\nf(**kw)\nf(a, *b, c, k=1, *d, **e, g=2)\nf(k=1)\nf(a,)\nsum(x for x in y)\nf((x for x in y), 1)\n",
         "(Expr (Call f a b))\n(Expr (Call f (* args)))\n(Expr (Call f (** kw)))\n(Expr (Call f a (* b) c (* d) (kw k 1) (** e) (kw g 2)))\n(Expr (Call f (kw k 1)))\n(Expr (Call f a))\n(Expr (Call sum (GeneratorExp x (for x y))))\n(Expr (Call f (GeneratorExp x (for x y)) 1))"),
        ("tuples", "()\n(1,)\n1,\n1, 2\n(1, 2)\n(1)\n((1, 2), 3)\n*a, b\n",
         "(Expr (Tuple))\n(Expr (Tuple 1))\n(Expr (Tuple 1))\n(Expr (Tuple 1 2))\n(Expr (Tuple 1 2))\n(Expr 1)\n(Expr (Tuple (Tuple 1 2) 3))\n(Expr (Tuple (* a) b))"),
        ("lists sets dicts", "[]\n[1]\n[1, 2,]\n[*a, *b, c]\n{1}\n{1, 2}\n{*a, 1}\n{}\n{1: 2}\n{1: 2, **d, 3: 4}\n{**a}\n",
         "(Expr (List))\n(Expr (List 1))\n(Expr (List 1 2))\n(Expr (List (* a) (* b) c))\n(Expr (Set 1))\n(Expr (Set 1 2))\n(Expr (Set (* a) 1))\n(Expr (Dict))\n(Expr (Dict (1 2)))\n(Expr (Dict (1 2) (** d) (3 4)))\n(Expr (Dict (** a)))"),
        ("comprehensions", "[x for x in y]\n[x for x in y if x if z]\n[x * y for x in a for y in b if x]\n{x for x in y}\n{k: v for k, v in d.items()}\n(x for x in y)\n[(a, b) for a, *b in c]\n[x for x in a if b or c]\n",
         "(Expr (ListComp x (for x y)))\n(Expr (ListComp x (for x y (if x) (if z))))\n(Expr (ListComp (* x y) (for x a) (for y b (if x))))\n(Expr (SetComp x (for x y)))\n(Expr (DictComp k v (for (Tuple k v) (Call (. d items)))))\n(Expr (GeneratorExp x (for x y)))\n(Expr (ListComp (Tuple a b) (for (Tuple a (* b)) c)))\n(Expr (ListComp x (for x a (if (or b c)))))"),
        ("yield", "def g():\n    yield\n    yield x\n    yield x, y\n    x = yield\n    yield from z\n    await_ = (yield)\n",
         "(FunctionDef g (args) [(Expr (Yield)) (Expr (Yield x)) (Expr (Yield (Tuple x y))) (Assign x = (Yield)) (Expr (YieldFrom z)) (Assign await_ = (Yield))])"),
        ("assignment", "a = 1\na = b = 1\na, b = b, a\n(a, b) = c\n[a, b] = c\na, *b = c\n*a, b = c\na.b = 1\na[0] = 1\na, = b\nx = yield_ = 1\n",
         "(Assign a = 1)\n(Assign a = b = 1)\n(Assign (Tuple a b) = (Tuple b a))\n(Assign (Tuple a b) = c)\n(Assign (List a b) = c)\n(Assign (Tuple a (* b)) = c)\n(Assign (Tuple (* a) b) = c)\n(Assign (. a b) = 1)\n(Assign ([] a 0) = 1)\n(Assign (Tuple a) = b)\n(Assign x = yield_ = 1)"),
        ("augmented assignment", "a += 1\na -= 1\na *= 1\na /= 1\na //= 1\na %= 1\na **= 1\na @= 1\na &= 1\na |= 1\na ^= 1\na <<= 1\na >>= 1\na.b += 1\na[0] += 1\n",
         "(AugAssign a += 1)\n(AugAssign a -= 1)\n(AugAssign a *= 1)\n(AugAssign a /= 1)\n(AugAssign a //= 1)\n(AugAssign a %= 1)\n(AugAssign a **= 1)\n(AugAssign a @= 1)\n(AugAssign a &= 1)\n(AugAssign a |= 1)\n(AugAssign a ^= 1)\n(AugAssign a <<= 1)\n(AugAssign a >>= 1)\n(AugAssign (. a b) += 1)\n(AugAssign ([] a 0) += 1)"),
        ("annotated assignment", "x: int = 5\nx: int\n(x): int = 1\na.b: str\na[0]: int = 1\nx: list[int] = []\n",
         "(AnnAssign x int 5)\n(AnnAssign x int)\n(AnnAssign* x int 1)\n(AnnAssign* (. a b) str)\n(AnnAssign* ([] a 0) int 1)\n(AnnAssign x ([] list int) (List))"),
        ("simple statements", "pass\ndel a\ndel a, b\ndel (a, b), [c]\ndel a.b, a[0]\nassert x\nassert x, 'msg'\nglobal a, b\nraise\nraise X\nraise X from Y\nx = 1; y = 2\nx = 1;\n",
         "(Pass)\n(Delete a)\n(Delete a b)\n(Delete (Tuple a b) (List c))\n(Delete (. a b) ([] a 0))\n(Assert x)\n(Assert x 'msg')\n(Global a b)\n(Raise)\n(Raise X)\n(Raise X (from Y))\n(Assign x = 1)\n(Assign y = 2)\n(Assign x = 1)"),
        ("loops", "while x:\n    break\nelse:\n    pass\nfor x in y:\n    continue\nelse:\n    pass\nfor a, b in c: pass\nfor (a, b) in c: pass\nfor x, in y: pass\nfor x in 1, 2: pass\n",
         "(While x [(Break)] [(Pass)])\n(For x y [(Continue)] [(Pass)])\n(For (Tuple a b) c [(Pass)])\n(For (Tuple a b) c [(Pass)])\n(For (Tuple x) y [(Pass)])\n(For x (Tuple 1 2) [(Pass)])"),
        ("nonlocal and return", "def f():\n    x = 1\n    def g():\n        nonlocal x\n        return x\n    return\n",
         "(FunctionDef f (args) [(Assign x = 1) (FunctionDef g (args) [(Nonlocal x) (Return x)]) (Return)])"),
        ("if chains", "if a:\n    pass\nelif b:\n    pass\nelif c:\n    pass\nelse:\n    pass\nif x: y\nif x: y; z\n",
         "(If a [(Pass)] [(If b [(Pass)] [(If c [(Pass)] [(Pass)])])])\n(If x [(Expr y)])\n(If x [(Expr y) (Expr z)])"),
        ("try", "try:\n    pass\nexcept:\n    pass\ntry:\n    pass\nexcept E:\n    pass\nexcept (A, B) as e:\n    pass\nelse:\n    pass\nfinally:\n    pass\ntry:\n    pass\nfinally:\n    pass\n",
         "(Try [(Pass)] (except [(Pass)]))\n(Try [(Pass)] (except E [(Pass)]) (except (Tuple A B) e [(Pass)]) (else [(Pass)]) (finally [(Pass)]))\n(Try [(Pass)] (finally [(Pass)]))"),
        ("with", "with a: pass\nwith a as b: pass\nwith a as b, c as d, e: pass\nwith (a as b, c): pass\nwith (a, b): pass\nwith (a): pass\nwith a as (b, c): pass\nwith a as b.c: pass\nwith (a as b,): pass\n",
         "(With a [(Pass)])\n(With (as a b) [(Pass)])\n(With (as a b) (as c d) e [(Pass)])\n(With (as a b) c [(Pass)])\n(With a b [(Pass)])\n(With a [(Pass)])\n(With (as a (Tuple b c)) [(Pass)])\n(With (as a (. b c)) [(Pass)])\n(With (as a b) [(Pass)])"),
        ("imports", "import a\nimport a.b.c\nimport a.b as c, d\nfrom a import b\nfrom a.b import c as d, e\nfrom a import (b, c as d,)\nfrom a import *\nfrom . import a\nfrom .. a import b\nfrom ...a import b\n",
         "(Import a)\n(Import a.b.c)\n(Import (as a.b c) d)\n(ImportFrom a b)\n(ImportFrom a.b (as c d) e)\n(ImportFrom a b (as c d))\n(ImportFrom a *)\n(ImportFrom . a)\n(ImportFrom ..a b)\n(ImportFrom ...a b)"),
        ("functions", "def f(): pass\ndef f(a, b=1, *args, c, d=2, **kw) -> int:\n    return a\ndef f(a, /, b, *, c): pass\ndef f(a: int, *b: str, c: float = 1.0, **d: dict) -> None: pass\ndef f(*, a): pass\ndef f(a=1, /, b=2): pass\n",
         "(FunctionDef f (args) [(Pass)])\n(FunctionDef f (args a b=1 *args c d=2 **kw) [(Return a)] (-> int))\n(FunctionDef f (args a / b * c) [(Pass)])\n(FunctionDef f (args a:int *b:str c:float=1.0 **d:dict) [(Pass)] (-> None))\n(FunctionDef f (args * a) [(Pass)])\n(FunctionDef f (args a=1 / b=2) [(Pass)])"),
        ("decorators", "@dec\ndef f(): pass\n@a.b(c)\n@d\ndef g(): pass\n@dec\nclass C: pass\n@x[0]\ndef h(): pass\n",
         "(FunctionDef f (args) [(Pass)] (@ dec))\n(FunctionDef g (args) [(Pass)] (@ (Call (. a b) c) d))\n(ClassDef C [(Pass)] (@ dec))\n(FunctionDef h (args) [(Pass)] (@ ([] x 0)))"),
        ("classes", "class A: pass\nclass A(): pass\nclass A(B): pass\nclass A(B, C, metaclass=M, **kw):\n    x = 1\n    def m(self):\n        return self.x\nclass A(*bases): pass\n",
         "(ClassDef A [(Pass)])\n(ClassDef A [(Pass)])\n(ClassDef A (bases B) [(Pass)])\n(ClassDef A (bases B C) (kw metaclass M) (** kw) [(Assign x = 1) (FunctionDef m (args self) [(Return (. self x))])])\n(ClassDef A (bases (* bases)) [(Pass)])"),
        ("line joining", "x = (1 +\n     2)\ny = [1,\n     2,\n]\nz = 1 + \\\n    2\nd = {\n    'a': 1,  # comment\n\n    'b': 2,\n}\n",
         "(Assign x = (+ 1 2))\n(Assign y = (List 1 2))\n(Assign z = (+ 1 2))\n(Assign d = (Dict ('a' 1) ('b' 2)))"),
        ("indentation", "if a:\n    if b:\n        pass\n    # comment at odd indent\n  # another\n    c\nd\nif a:\n\tpass\nif b:\n        pass\n\n\n",
         "(If a [(If b [(Pass)]) (Expr c)])\n(Expr d)\n(If a [(Pass)])\n(If b [(Pass)])"),
        ("no trailing newline", "if a:\n    b",
         "(If a [(Expr b)])"),
        ("semicolons and comments", "# leading comment\n\nx = 1  # trailing\n\n\n# between\ny = 2; z = 3 # c\n",
         "(Assign x = 1)\n(Assign y = 2)\n(Assign z = 3)"),
        ("keywords after numbers", "x = 1if y else 2\nz = [0x1for x in y]\n",
         "(Assign x = (IfExp y 1 2))\n(Assign z = (List (or 0x1f (Compare x in y))))"),
        ("print as a call", "print('a', end='')\nprint(*a, sep=', ')\n",
         "(Expr (Call print 'a' (kw end '')))\n(Expr (Call print (* a) (kw sep ', ')))"),
        ("unicode identifiers", "é = 1\nπ = 3.14\nx = 'ünï'\n",
         "(Assign é = 1)\n(Assign π = 3.14)\n(Assign x = 'ünï')"),
    ]

    /// (what, source, dump with locations) -- locations as CPython's ast reports them (in characters).
    static let locatedCases: [(String, String, String)] = [
        ("expressions", "x = (a + b) * -c ** 2 if not d else e.f[g](h, *i, k=j)\n",
         "(Assign@1:0-1:54 x@1:0-1:1 = (IfExp@1:4-1:54 (not@1:25-1:30 d@1:29-1:30) (*@1:4-1:21 (+@1:5-1:10 a@1:5-1:6 b@1:9-1:10) (-@1:14-1:21 (**@1:15-1:21 c@1:15-1:16 2@1:20-1:21))) (Call@1:36-1:54 ([]@1:36-1:42 (.@1:36-1:39 e@1:36-1:37 f) g@1:40-1:41) h@1:43-1:44 (*@1:46-1:48 i@1:47-1:48) (kw k j@1:52-1:53))))"),
        ("fstring", "s = f'{a!r:>{w}} and {b}' 'tail'\n",
         "(Assign@1:0-1:32 s@1:0-1:1 = (JoinedStr@1:4-1:32 (Fmt@1:4-1:32 a@1:7-1:8 !r (JoinedStr@1:4-1:25 '>'@1:4-1:32 (Fmt@1:4-1:32 w@1:13-1:14))) ' and '@1:4-1:32 (Fmt@1:4-1:32 b@1:22-1:23) 'tail'@1:4-1:32))"),
        ("tuples and calls", "a, b = (1, 2), f(x for x in y)\n",
         "(Assign@1:0-1:30 (Tuple@1:0-1:4 a@1:0-1:1 b@1:3-1:4) = (Tuple@1:7-1:30 (Tuple@1:7-1:13 1@1:8-1:9 2@1:11-1:12) (Call@1:15-1:30 f@1:15-1:16 (GeneratorExp@1:16-1:30 x@1:17-1:18 (for x@1:23-1:24 y@1:28-1:29)))))"),
        ("slices", "a[1:2, ::3], a[i]\n",
         "(Expr@1:0-1:17 (Tuple@1:0-1:17 ([]@1:0-1:11 a@1:0-1:1 (Tuple@1:2-1:10 (Slice@1:2-1:5 1@1:2-1:3 2@1:4-1:5 _) (Slice@1:7-1:10 _ _ 3@1:9-1:10))) ([]@1:13-1:17 a@1:13-1:14 i@1:15-1:16)))"),
        ("compound", "def f(x):\n    if x:\n        return [y for y in x if y]\n    elif x is None:\n        pass\n    else:\n        raise E from x\n",
         "(FunctionDef@1:0-7:22 f (args x) [(If@2:4-7:22 x@2:7-2:8 [(Return@3:8-3:34 (ListComp@3:15-3:34 y@3:16-3:17 (for y@3:22-3:23 x@3:27-3:28 (if y@3:32-3:33))))] [(If@4:4-7:22 (Compare@4:9-4:18 x@4:9-4:10 is None@4:14-4:18) [(Pass@5:8-5:12)] [(Raise@7:8-7:22 E@7:14-7:15 (from x@7:21-7:22))])])])"),
        ("try with", "try:\n    with open(p) as f, g:\n        pass\nexcept (A, B) as e:\n    x += 1\nfinally:\n    del x\n",
         "(Try@1:0-7:9 [(With@2:4-3:12 (as (Call@2:9-2:16 open@2:9-2:13 p@2:14-2:15) f@2:20-2:21) g@2:23-2:24 [(Pass@3:8-3:12)])] (except (Tuple@4:7-4:13 A@4:8-4:9 B@4:11-4:12) e [(AugAssign@5:4-5:10 x@5:4-5:5 += 1@5:9-5:10)]) (finally [(Delete@7:4-7:9 x@7:8-7:9)]))"),
        ("multi-line", "x = foo(1,\n        2) + \\\n    3\nd = {\n  'a': [1,\n        2],\n}\n",
         "(Assign@1:0-3:5 x@1:0-1:1 = (+@1:4-3:5 (Call@1:4-2:10 foo@1:4-1:7 1@1:8-1:9 2@2:8-2:9) 3@3:4-3:5))\n(Assign@4:0-7:1 d@4:0-4:1 = (Dict@4:4-7:1 ('a'@5:2-5:5 (List@5:7-6:10 1@5:8-5:9 2@6:8-6:9))))"),
        ("unicode", "é = 'π' + ñ\n",
         "(Assign@1:0-1:11 é@1:0-1:1 = (+@1:4-1:11 'π'@1:4-1:7 ñ@1:10-1:11))"),
    ]

    func testConstructs() throws {
        for (what, text, expected) in ParserTests.constructCases {
            do {
                let module = try parse(text)
                XCTAssertEqual(module.dump(), expected, what)
            } catch let e as SyntaxError {
                XCTFail("\(what): unexpected \(e.formatted())")
            }
        }
    }

    func testLocations() throws {
        for (what, text, expected) in ParserTests.locatedCases {
            XCTAssertEqual(try parse(text).dump(locations: true), expected, what)
        }
    }

    // MARK: - Node details the dump does not show

    func body(_ text: String) throws -> [Stmt] {
        try parse(text).body
    }

    struct NotAnExpression: Error {}

    func onlyExpr(_ text: String) throws -> Expr {
        guard case .expr(let e) = try body(text)[0].kind else { throw NotAnExpression() }
        return e
    }

    func testIntegerLiteralsKeepTheirDigits() throws {
        guard case .constant(.int(let big)) = try onlyExpr("123_456_789_012_345_678_901\n").kind else { return XCTFail() }
        XCTAssertEqual(big.digits, "123456789012345678901")
        XCTAssertEqual(big.radix, 10)
        XCTAssertNil(big.int64Value)
        guard case .constant(.int(let hex)) = try onlyExpr("0X_7f_FF\n").kind else { return XCTFail() }
        XCTAssertEqual(hex, IntLiteral(digits: "7fff", radix: 16))
        XCTAssertEqual(hex.int64Value, 0x7FFF)
        guard case .constant(.int(let oct)) = try onlyExpr("0o0017\n").kind else { return XCTFail() }
        XCTAssertEqual(oct.int64Value, 15)
        guard case .constant(.int(let zero)) = try onlyExpr("000\n").kind else { return XCTFail() }
        XCTAssertEqual(zero.int64Value, 0)
    }

    func testFloatBytesAndStringValues() throws {
        guard case .constant(.float(let f)) = try onlyExpr("1_000.5e-1_0\n").kind else { return XCTFail() }
        XCTAssertEqual(f, 1000.5e-10)
        guard case .constant(.float(let g)) = try onlyExpr("5.\n").kind else { return XCTFail() }
        XCTAssertEqual(g, 5.0)
        guard case .constant(.bytes(let b)) = try onlyExpr("b'\\x00\\xffA\\n' rb'\\x'\n").kind else { return XCTFail() }
        XCTAssertEqual(b, [0, 255, 65, 10, 92, 120])
        guard case .constant(.str(let s)) = try onlyExpr("'\\N{GREEK SMALL LETTER PI}\\u00e9\\U0001F600\\0'\n").kind else { return XCTFail() }
        XCTAssertEqual(s, "\u{3C0}\u{E9}\u{1F600}\u{0}")
    }

    func testFStringStructure() throws {
        guard case .joinedStr(let parts) = try onlyExpr("f'a{x!r:>{w}}b' 'c'\n").kind else { return XCTFail() }
        XCTAssertEqual(parts.count, 3)
        guard case .formattedValue(let value, let conversion, let spec?) = parts[1].kind else { return XCTFail() }
        XCTAssertEqual(value.dump(), "x")
        XCTAssertEqual(conversion, .repr)
        XCTAssertEqual(spec.dump(), "(JoinedStr '>' (Fmt w))")
        // The replacement field's expression keeps its true position in the file.
        XCTAssertEqual(value.loc, Loc(line: 1, col: 4, endLine: 1, endCol: 5))
        XCTAssertTrue(value.parenthesized)
        // `=` keeps the expression text and defaults to repr.
        XCTAssertEqual(try onlyExpr("f'{a + 1 = }'\n").dump(), "(JoinedStr 'a + 1 = ' (Fmt (+ a 1) !r))")
    }

    func testParenthesizedFlag() throws {
        XCTAssertTrue(try onlyExpr("(a)\n").parenthesized)
        XCTAssertFalse(try onlyExpr("a\n").parenthesized)
        XCTAssertFalse(try onlyExpr("a, b\n").parenthesized)
        XCTAssertTrue(try onlyExpr("(a, b)\n").parenthesized)
        guard case .annAssign(_, _, _, let simple) = try body("(x): int\n")[0].kind else { return XCTFail() }
        XCTAssertFalse(simple)
    }

    func testArgumentKeywordAliasAndHandlerLocations() throws {
        let stmts = try body("def f(a: int = 1, *b, c, **d): pass\nf(k=1, **m)\nimport a.b as c\ntry:\n    pass\nexcept E as e:\n    pass\n")
        guard case .functionDef(let def) = stmts[0].kind else { return XCTFail() }
        XCTAssertEqual(def.args.args[0].loc, Loc(line: 1, col: 6, endLine: 1, endCol: 12))
        XCTAssertEqual(def.args.vararg?.loc, Loc(line: 1, col: 19, endLine: 1, endCol: 20))
        XCTAssertEqual(def.args.kwonly.map { $0.name }, ["c"])
        XCTAssertEqual(def.args.kwDefaults.count, 1)
        XCTAssertEqual(def.args.kwarg?.loc, Loc(line: 1, col: 27, endLine: 1, endCol: 28))
        guard case .expr(let call) = stmts[1].kind, case .call(_, _, let keywords) = call.kind else { return XCTFail() }
        XCTAssertEqual(keywords[0].loc, Loc(line: 2, col: 2, endLine: 2, endCol: 5))
        XCTAssertNil(keywords[1].name)
        XCTAssertEqual(keywords[1].loc, Loc(line: 2, col: 7, endLine: 2, endCol: 10))
        guard case .import(let names) = stmts[2].kind else { return XCTFail() }
        XCTAssertEqual(names[0].loc, Loc(line: 3, col: 7, endLine: 3, endCol: 15))
        guard case .try(_, let handlers, _, _) = stmts[3].kind else { return XCTFail() }
        XCTAssertEqual(handlers[0].loc, Loc(line: 6, col: 0, endLine: 7, endCol: 8))
        XCTAssertEqual(handlers[0].name, "e")
    }

    func testParseExpression() throws {
        XCTAssertEqual(try Parser.parseExpression("a + b * 2\n\n").dump(), "(+ a (* b 2))")
        XCTAssertEqual(try Parser.parseExpression("1, *x").dump(), "(Tuple 1 (* x))")
        XCTAssertThrowsError(try Parser.parseExpression("x = 1")) { error in
            XCTAssertEqual((error as? SyntaxError)?.message, "invalid syntax")
        }
    }

    func testModuleKeepsItsSource() throws {
        let module = try parse("x = 1\n")
        XCTAssertEqual(module.source.filename, "prog.py")
        XCTAssertEqual(module.body.count, 1)
    }

    // MARK: - Size and nesting

    /// A 10,000-line program parses (in a few hundredths of a second with a release build).
    func testTenThousandLineProgram() throws {
        var text = ""
        for i in 0..<1000 {
            text += """
            def func_\(i)(a, b=2, *args, key=None, **kw):
                \"\"\"Docstring \(i).\"\"\"
                total = 0
                for x in range(a):
                    if x % 3 == 0 and x > b:
                        total += x ** 2 - (b * 7) // 3
                    elif x in (1, 2, 3):
                        total -= len([y for y in args if y is not None])
                data = {"k\(i)": [1, 2, 3], 'v': f"{total!r:>10} and {a + b}"}
                return total, data

            """
        }
        XCTAssertEqual(text.split(separator: "\n", omittingEmptySubsequences: false).count, 10_001)
        let module = try parse(text)
        XCTAssertEqual(module.body.count, 1000)
        guard case .functionDef(let last) = module.body[999].kind else { return XCTFail() }
        XCTAssertEqual(last.name, "func_999")
        XCTAssertEqual(module.body[999].loc.endLine, 10_000)
    }

    func testDeepNestingIsRefusedNotFatal() throws {
        XCTAssertNoThrow(try parse("x = " + String(repeating: "(", count: 199) + "1" + String(repeating: ")", count: 199) + "\n"))
        XCTAssertNoThrow(try parse("x = " + String(repeating: "-", count: 900) + "1\n"))
        XCTAssertThrowsError(try parse("x = " + String(repeating: "-", count: 100_000) + "1\n")) { error in
            XCTAssertEqual((error as? SyntaxError)?.message, "too many nested expressions")
        }
        XCTAssertThrowsError(try parse("x = " + String(repeating: "not ", count: 5000) + "1\n"))
        XCTAssertThrowsError(try parse("x = " + String(repeating: "2 ** ", count: 5000) + "1\n"))
        XCTAssertThrowsError(try parse("x = " + String(repeating: "1 if 2 else ", count: 5000) + "1\n"))
    }
}
