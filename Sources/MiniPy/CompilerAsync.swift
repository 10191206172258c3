// CompilerAsync.swift: code generation for `async for` and `async with` (`await` itself and
// asynchronous comprehensions are in CompilerExpressions.swift). The sequences are CPython
// 3.11's: `async for` asks the iterator for an awaitable with GET_ANEXT and awaits it inside a
// protected region whose handler, END_ASYNC_FOR, ends the loop on StopAsyncIteration; `async
// with` is a `with` whose __aenter__ and __aexit__ results are awaited.

import CShims

extension Compiler {
    mutating func asyncForLoop(_ s: Stmt, _ target: Expr, _ iter: Expr, _ body: [Stmt], _ orelse: [Stmt]) throws {
        let start = newLabel(), except = newLabel(), end = newLabel()
        try expr(iter)
        at(iter.loc) { c in c.emit(.getAIter) }
        place(start)
        let h = setup(except, lasti: false)
        at(iter.loc) { c in
            c.emit(.getANext)
            c.awaitLoop()
        }
        popBlock()
        try store(target)
        unit.fblocks.append(FBlock(kind: .forLoop, start: start, exit: end))
        try statements(body)
        unit.fblocks.removeLast()
        emit(.jump, start)
        enterHandler(h)
        at(s.loc) { c in c.emit(.endAsyncFor) }
        try statements(orelse)
        place(end)
    }

    /// `async with a as x, b as y:` — one context manager per level of recursion.
    mutating func asyncWith(_ s: Stmt, _ items: [WithItem], _ i: Int, _ body: [Stmt]) throws {
        let item = items[i]
        let final = newLabel(), exit = newLabel(), cleanup = newLabel(), suppress = newLabel()
        try expr(item.context)
        at(s.loc) { c in
            c.emit(.beforeAsyncWith)
            c.emit(.getAwaitable, 1)
            c.awaitLoop()
        }
        let h = setup(final, lasti: true, dropped: 1)
        unit.fblocks.append(FBlock(kind: .asyncWith, loc: s.loc))
        if let v = item.vars { try store(v) } else { emit(.popTop) }
        if i + 1 < items.count { try asyncWith(s, items, i + 1, body) } else { try statements(body) }
        unit.fblocks.removeLast()
        popBlock()
        at(s.loc) { c in c.callAsyncExitWithNones() }
        emit(.jump, exit)
        // The exception path: await __aexit__(type, value, tb); a true result suppresses it.
        at(s.loc) { c in
            c.enterHandler(h)
            c.setup(cleanup, lasti: true)
            c.emit(.pushExcInfo)
            c.emit(.withExceptStart)
            c.emit(.getAwaitable, 2)
            c.awaitLoop()
            c.emit(.jumpIfTrue, suppress)
            c.emit(.reraise, 2)
            c.place(suppress)
            c.emit(.popTop)
            c.popBlock()
            c.emit(.popExcept)
            c.emit(.popTop)
            c.emit(.popTop)
            c.emit(.jump, exit)
            c.popExceptAndReraise(cleanup)
        }
        place(exit)
    }

    /// await exit(None, None, None) with the bound __aexit__ on the stack, result dropped.
    func callAsyncExitWithNones() {
        loadConst(.none)
        loadConst(.none)
        loadConst(.none)
        emit(.call, 2)
        emit(.getAwaitable, 2)
        awaitLoop()
        emit(.popTop)
    }
}
