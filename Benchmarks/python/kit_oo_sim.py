# kit_oo_sim.py: one of the kit's own suite programs (object-heavy OO, the kind richards and
# deltablue measure). A bank simulation: accounts of three classes, transactions of four classes
# applied through polymorphic methods, a ledger, properties, super() calls and many small
# attribute reads and writes on instances. Deterministic (its own LCG); checks its result.
import pyperf


class Account:
    fee = 0

    def __init__(self, number, owner):
        self.number = number
        self.owner = owner
        self.balance = 0
        self.history = 0

    def deposit(self, amount):
        self.balance += amount
        self.history += 1

    def withdraw(self, amount):
        if amount + self.fee > self.balance:
            return False
        self.balance -= amount + self.fee
        self.history += 1
        return True

    @property
    def active(self):
        return self.history > 0


class Savings(Account):
    def __init__(self, number, owner, rate):
        super().__init__(number, owner)
        self.rate = rate

    def accrue(self):
        self.balance += self.balance * self.rate // 1000


class Checking(Account):
    fee = 1

    def withdraw(self, amount):
        ok = Account.withdraw(self, amount)
        if not ok:
            self.history += 1
        return ok


class Transaction:
    def __init__(self, amount):
        self.amount = amount

    def apply(self, bank):
        raise NotImplementedError


class Deposit(Transaction):
    def __init__(self, account, amount):
        Transaction.__init__(self, amount)
        self.account = account

    def apply(self, bank):
        bank.accounts[self.account].deposit(self.amount)
        return True


class Withdrawal(Transaction):
    def __init__(self, account, amount):
        Transaction.__init__(self, amount)
        self.account = account

    def apply(self, bank):
        return bank.accounts[self.account].withdraw(self.amount)


class Transfer(Transaction):
    def __init__(self, source, target, amount):
        Transaction.__init__(self, amount)
        self.source = source
        self.target = target

    def apply(self, bank):
        accounts = bank.accounts
        if accounts[self.source].withdraw(self.amount):
            accounts[self.target].deposit(self.amount)
            return True
        return False


class Accrual(Transaction):
    def apply(self, bank):
        for account in bank.accounts:
            if isinstance(account, Savings):
                account.accrue()
        return True


class Bank:
    def __init__(self, size):
        self.accounts = []
        self.ledger = []
        for i in range(size):
            kind = i % 3
            if kind == 0:
                self.accounts.append(Account(i, "owner%d" % i))
            elif kind == 1:
                self.accounts.append(Savings(i, "owner%d" % i, 5 + i % 7))
            else:
                self.accounts.append(Checking(i, "owner%d" % i))
        self.failed = 0

    def run(self, transactions):
        for t in transactions:
            if t.apply(self):
                self.ledger.append(t)
            else:
                self.failed += 1

    def total(self):
        return sum(a.balance for a in self.accounts if a.active)


def make_transactions(count, size, seed):
    out = []
    x = seed
    for i in range(count):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        kind = x % 10
        a = (x >> 4) % size
        b = (x >> 12) % size
        amount = 1 + (x >> 8) % 500
        if kind < 4:
            out.append(Deposit(a, amount))
        elif kind < 7:
            out.append(Withdrawal(a, amount))
        elif kind < 9:
            out.append(Transfer(a, b, amount))
        else:
            out.append(Accrual(0))
    return out


def bench():
    bank = Bank(60)
    bank.run(make_transactions(6000, 60, 7))
    return bank.total(), len(bank.ledger), bank.failed


EXPECTED = (3494251, 5647, 353)   # recorded with CPython 3.11

if __name__ == "__main__":
    result = bench()
    if EXPECTED is not None and result != EXPECTED:
        raise SystemExit("kit_oo_sim: wrong result %r" % (result,))
    runner = pyperf.Runner()
    runner.metadata["description"] = "the kit's object-heavy OO program (bank simulation)"
    runner.bench_func("kit_oo_sim", bench)
