// MiniPy: the Python-subset interpreter of the kit.
//
// The front end turns source text into a checked syntax tree: `Source` (text and line mapping),
// `Lexer` (tokens), `Parser` (recursive descent to the tree in AST.swift; entry point
// `Parser.parseModule(text, filename:)`), `SyntaxChecks` (the errors CPython raises after parsing)
// and `SyntaxError` (CPython 3.11-style reports). The compiler turns that tree into bytecode for the
// VM, whose values are the Mini C API's objects; Interpreter.swift ties the stages together.
