"""unittest: test cases, suites, a text runner and main(), written for MiniPy.

TestCase with setUp/tearDown, setUpClass/tearDownClass, addCleanup, subTest, the assert* methods
(assertEqual ... assertRaises as a call or a context manager, assertRaisesRegex, assertWarns,
assertAlmostEqual with places or delta, assertCountEqual, assertLogs is not here) and the skip
decorators (skip, skipIf, skipUnless, expectedFailure, SkipTest). TestLoader, TestSuite,
TextTestRunner and main() print what CPython's do: the dots, F, E, s, x, u line (or "... ok" with
-v), the failure reports with tracebacks that leave out this module's own frames, "Ran N tests in
T s" and OK / FAILED (failures=, errors=, skipped=, ...); main() exits 1 when a test failed.
Test names can be given on the command line (T, T.test_x). Discovery (python -m unittest
discover) and unittest.mock are not supported."""

import sys
import time
import traceback

__all__ = ['TestCase', 'TestSuite', 'TextTestRunner', 'TestLoader', 'TestResult', 'TextTestResult',
           'FunctionTestCase', 'main', 'skip', 'skipIf', 'skipUnless', 'expectedFailure', 'SkipTest',
           'defaultTestLoader']

_MAX_LENGTH = 80


def safe_repr(obj, short=False):
    try:
        result = repr(obj)
    except Exception:
        result = object.__repr__(obj)
    if not short or len(result) < _MAX_LENGTH:
        return result
    return result[:_MAX_LENGTH] + ' [truncated]...'


def strclass(cls):
    return "%s.%s" % (cls.__module__, cls.__qualname__)


class SkipTest(Exception):
    """Raise to skip the current test."""


class _ShouldStop(Exception):
    pass


class _UnexpectedSuccess(Exception):
    pass


def skip(reason):
    """Unconditionally skip a test or a class."""
    def decorator(test_item):
        test_item.__unittest_skip__ = True
        test_item.__unittest_skip_why__ = reason
        return test_item
    if callable(reason):
        test_item = reason
        reason = ''
        return decorator(test_item)
    return decorator


def skipIf(condition, reason):
    if condition:
        return skip(reason)
    return lambda obj: obj


def skipUnless(condition, reason):
    if not condition:
        return skip(reason)
    return lambda obj: obj


def expectedFailure(test_item):
    test_item.__unittest_expecting_failure__ = True
    return test_item


class _AssertRaisesContext:
    def __init__(self, expected, test_case, expected_regex=None, msg=None, callable_name=None):
        self.expected = expected
        self.test_case = test_case
        self.expected_regex = expected_regex
        self.msg = msg
        self.callable_name = callable_name
        self.exception = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, tb):
        try:
            exc_name = self.expected.__name__
        except AttributeError:
            exc_name = str(self.expected)
        if exc_type is None:
            if self.callable_name:
                self._fail('{} not raised by {}'.format(exc_name, self.callable_name))
            self._fail('{} not raised'.format(exc_name))
        if not issubclass(exc_type, self.expected):
            return False
        self.exception = exc_value
        if self.expected_regex is not None and not _search(self.expected_regex, str(exc_value)):
            self._fail('"{}" does not match "{}"'.format(_pattern_text(self.expected_regex), str(exc_value)))
        return True

    def _fail(self, standard):
        raise self.test_case.failureException(self.test_case._formatMessage(self.msg, standard))


class _AssertWarnsContext(_AssertRaisesContext):
    def __enter__(self):
        import warnings
        self._catch = warnings.catch_warnings(record=True)
        self.warnings = self._catch.__enter__()
        warnings.simplefilter('always')
        return self

    def __exit__(self, exc_type, exc_value, tb):
        self._catch.__exit__(exc_type, exc_value, tb)
        if exc_type is not None:
            return False
        for w in self.warnings:
            if isinstance(w.message, self.expected):
                if self.expected_regex is not None and not _search(self.expected_regex, str(w.message)):
                    continue
                self.warning = w.message
                self.filename = w.filename
                self.lineno = w.lineno
                return None
        name = getattr(self.expected, '__name__', str(self.expected))
        if self.callable_name:
            self._fail('{} not triggered by {}'.format(name, self.callable_name))
        self._fail('{} not triggered'.format(name))


def _pattern_text(regex):
    return getattr(regex, 'pattern', regex)


def _search(regex, text):
    if hasattr(regex, 'search'):
        return regex.search(text) is not None
    try:
        import re
    except ImportError:
        return regex in text
    return re.search(regex, text) is not None


class _SubTest:
    def __init__(self, test_case, message, params):
        self.test_case = test_case
        self._message = message
        self.params = params
        self.failureException = test_case.failureException

    def _subDescription(self):
        parts = []
        if self._message is not _subtest_msg_sentinel:
            parts.append('[{}]'.format(self._message))
        if self.params:
            parts.append('({})'.format(', '.join('{}={!r}'.format(k, v) for k, v in self.params.items())))
        return ' '.join(parts) or '(<subtest>)'

    def id(self):
        return '{} {}'.format(self.test_case.id(), self._subDescription())

    def shortDescription(self):
        return self.test_case.shortDescription()

    def __str__(self):
        return '{} {}'.format(self.test_case, self._subDescription())


_subtest_msg_sentinel = object()


class TestCase:
    """A test: each test_* method of a subclass runs on its own instance."""

    failureException = AssertionError
    longMessage = True
    maxDiff = 80 * 8
    _class_cleanups = []

    def __init__(self, methodName='runTest'):
        self._testMethodName = methodName
        self._cleanups = []
        self._subtest = None
        self._outcome = None
        self._testMethodDoc = 'No test'
        try:
            method = getattr(self, methodName)
        except AttributeError:
            if methodName != 'runTest':
                raise ValueError("no such test method in %s: %s" % (self.__class__, methodName))
        else:
            self._testMethodDoc = getattr(getattr(method, '__func__', method), '__doc__', None)

    def setUp(self):
        pass

    def tearDown(self):
        pass

    @classmethod
    def setUpClass(cls):
        pass

    @classmethod
    def tearDownClass(cls):
        pass

    def addCleanup(self, function, *args, **kwargs):
        self._cleanups.append((function, args, kwargs))

    def doCleanups(self):
        ok = True
        while self._cleanups:
            function, args, kwargs = self._cleanups.pop()
            try:
                function(*args, **kwargs)
            except Exception:
                ok = False
                self._outcome_error(self, sys.exc_info())
        return ok

    def countTestCases(self):
        return 1

    def defaultTestResult(self):
        return TestResult()

    def id(self):
        return "%s.%s" % (strclass(self.__class__), self._testMethodName)

    def shortDescription(self):
        doc = self._testMethodDoc
        return doc.strip().split("\n")[0].strip() if doc else None

    def __str__(self):
        return "%s (%s.%s)" % (self._testMethodName, strclass(self.__class__), self._testMethodName)

    def __repr__(self):
        return "<%s testMethod=%s>" % (strclass(self.__class__), self._testMethodName)

    def __eq__(self, other):
        if type(self) is not type(other):
            return NotImplemented
        return self._testMethodName == other._testMethodName

    def __hash__(self):
        return hash((type(self), self._testMethodName))

    def skipTest(self, reason):
        raise SkipTest(reason)

    def subTest(self, msg=_subtest_msg_sentinel, **params):
        return _SubTestContext(self, msg, params)

    # ----- running -----

    def __call__(self, *args, **kwds):
        return self.run(*args, **kwds)

    def _outcome_error(self, test, exc_info):
        result = self._result
        if issubclass(exc_info[0], self.failureException):
            result.addFailure(test, exc_info)
        else:
            result.addError(test, exc_info)
        self._ok = False

    def _call(self, test, function):
        """Runs function; records a skip/failure/error against test. True when it returned."""
        try:
            function()
            return True
        except KeyboardInterrupt:
            raise
        except SkipTest as e:
            self._result.addSkip(test, str(e))
            self._skipped = True
        except _SubTestFailed:
            self._ok = False
        except BaseException:
            exc_info = sys.exc_info()
            if self._expecting_failure and test is self:
                self._expected_failure = exc_info
            else:
                self._outcome_error(test, exc_info)
        return False

    def run(self, result=None):
        if result is None:
            result = self.defaultTestResult()
        self._result = result
        result.startTest(self)
        method = getattr(self, self._testMethodName)
        try:
            if getattr(self.__class__, '__unittest_skip__', False) or getattr(method, '__unittest_skip__', False):
                why = (getattr(self.__class__, '__unittest_skip_why__', '') or
                       getattr(method, '__unittest_skip_why__', ''))
                result.addSkip(self, why)
                return result
            self._expecting_failure = getattr(method, '__unittest_expecting_failure__', False) or \
                getattr(self, '__unittest_expecting_failure__', False)
            self._ok = True
            self._skipped = False
            self._expected_failure = None
            if self._call(self, self.setUp):
                self._call(self, method)
                self._call(self, self.tearDown)
            self.doCleanups()
            if not self._skipped:
                if self._expecting_failure:
                    if self._expected_failure is not None:
                        result.addExpectedFailure(self, self._expected_failure)
                    elif self._ok:
                        result.addUnexpectedSuccess(self)
                elif self._ok:
                    result.addSuccess(self)
            return result
        finally:
            result.stopTest(self)
            self._expected_failure = None
            self._result = None

    def debug(self):
        self.setUp()
        getattr(self, self._testMethodName)()
        self.tearDown()
        while self._cleanups:
            function, args, kwargs = self._cleanups.pop()
            function(*args, **kwargs)

    # ----- assertions -----

    def _formatMessage(self, msg, standardMsg):
        if not self.longMessage:
            return msg or standardMsg
        if msg is None:
            return standardMsg
        try:
            return '%s : %s' % (standardMsg, msg)
        except UnicodeDecodeError:
            return '%s : %s' % (safe_repr(standardMsg), safe_repr(msg))

    def fail(self, msg=None):
        raise self.failureException(msg)

    def assertFalse(self, expr, msg=None):
        if expr:
            self.fail(self._formatMessage(msg, "%s is not false" % safe_repr(expr)))

    def assertTrue(self, expr, msg=None):
        if not expr:
            self.fail(self._formatMessage(msg, "%s is not true" % safe_repr(expr)))

    def assertRaises(self, expected_exception, *args, **kwargs):
        context = _AssertRaisesContext(expected_exception, self, msg=kwargs.pop('msg', None))
        if not args:
            return context
        callable_obj, args = args[0], args[1:]
        context.callable_name = getattr(callable_obj, '__qualname__', None) or str(callable_obj)
        with context:
            callable_obj(*args, **kwargs)
        return None

    def assertRaisesRegex(self, expected_exception, expected_regex, *args, **kwargs):
        context = _AssertRaisesContext(expected_exception, self, expected_regex, msg=kwargs.pop('msg', None))
        if not args:
            return context
        callable_obj, args = args[0], args[1:]
        context.callable_name = getattr(callable_obj, '__qualname__', None) or str(callable_obj)
        with context:
            callable_obj(*args, **kwargs)
        return None

    def assertWarns(self, expected_warning, *args, **kwargs):
        context = _AssertWarnsContext(expected_warning, self, msg=kwargs.pop('msg', None))
        if not args:
            return context
        callable_obj, args = args[0], args[1:]
        context.callable_name = getattr(callable_obj, '__qualname__', None) or str(callable_obj)
        with context:
            callable_obj(*args, **kwargs)
        return None

    def assertWarnsRegex(self, expected_warning, expected_regex, *args, **kwargs):
        context = _AssertWarnsContext(expected_warning, self, expected_regex, msg=kwargs.pop('msg', None))
        if not args:
            return context
        callable_obj, args = args[0], args[1:]
        with context:
            callable_obj(*args, **kwargs)
        return None

    def _baseAssertEqual(self, first, second, msg=None):
        if not first == second:
            standardMsg = '%s != %s' % (safe_repr(first), safe_repr(second))
            self.fail(self._formatMessage(msg, standardMsg))

    def assertEqual(self, first, second, msg=None):
        if type(first) is type(second) and isinstance(first, (list, tuple)) and first != second:
            self.assertSequenceEqual(first, second, msg)
        elif isinstance(first, (set, frozenset)) and isinstance(second, (set, frozenset)) and first != second:
            self.assertSetEqual(first, second, msg)
        elif type(first) is type(second) is dict and first != second:
            self.assertDictEqual(first, second, msg)
        elif isinstance(first, str) and isinstance(second, str) and first != second:
            self.assertMultiLineEqual(first, second, msg)
        else:
            self._baseAssertEqual(first, second, msg)

    def assertNotEqual(self, first, second, msg=None):
        if not first != second:
            msg = self._formatMessage(msg, '%s == %s' % (safe_repr(first), safe_repr(second)))
            raise self.failureException(msg)

    def assertSequenceEqual(self, seq1, seq2, msg=None, seq_type=None):
        if seq1 == seq2:
            return
        seq_type_name = (seq_type or type(seq1)).__name__.capitalize()
        differing = '%ss differ: %s != %s\n' % (seq_type_name, safe_repr(seq1, True), safe_repr(seq2, True))
        len1, len2 = len(seq1), len(seq2)
        for i in range(min(len1, len2)):
            if seq1[i] != seq2[i]:
                differing += '\nFirst differing element %d:\n%s\n%s\n' % (i, safe_repr(seq1[i], True),
                                                                          safe_repr(seq2[i], True))
                break
        else:
            if len1 > len2:
                differing += ('\nFirst %s contains %d additional elements.\n' % (seq_type_name, len1 - len2) +
                              'First extra element %d:\n%s\n' % (len2, safe_repr(seq1[len2], True)))
            elif len1 < len2:
                differing += ('\nSecond %s contains %d additional elements.\n' % (seq_type_name, len2 - len1) +
                              'First extra element %d:\n%s\n' % (len1, safe_repr(seq2[len1], True)))
        self.fail(self._formatMessage(msg, differing.rstrip('\n')))

    def assertListEqual(self, list1, list2, msg=None):
        self.assertSequenceEqual(list1, list2, msg, seq_type=list)

    def assertTupleEqual(self, tuple1, tuple2, msg=None):
        self.assertSequenceEqual(tuple1, tuple2, msg, seq_type=tuple)

    def assertSetEqual(self, set1, set2, msg=None):
        if set1 == set2:
            return
        lines = []
        d1 = set1 - set2
        d2 = set2 - set1
        if d1:
            lines.append('Items in the first set but not the second:')
            lines.extend(repr(item) for item in d1)
        if d2:
            lines.append('Items in the second set but not the first:')
            lines.extend(repr(item) for item in d2)
        self.fail(self._formatMessage(msg, '\n'.join(lines)))

    def assertDictEqual(self, d1, d2, msg=None):
        if d1 != d2:
            self.fail(self._formatMessage(msg, '%s != %s' % (safe_repr(d1, True), safe_repr(d2, True))))

    def assertMultiLineEqual(self, first, second, msg=None):
        if first != second:
            self.fail(self._formatMessage(msg, '%s != %s' % (safe_repr(first, True), safe_repr(second, True))))

    def assertCountEqual(self, first, second, msg=None):
        first_seq, second_seq = list(first), list(second)
        missing = []
        for item in first_seq:
            if first_seq.count(item) != second_seq.count(item) and (item, first_seq.count(item),
                                                                   second_seq.count(item)) not in missing:
                missing.append((item, first_seq.count(item), second_seq.count(item)))
        for item in second_seq:
            if item not in first_seq and (item, 0, second_seq.count(item)) not in missing:
                missing.append((item, 0, second_seq.count(item)))
        if missing:
            lines = ['First has %d, Second has %d:  %r' % (a, b, item) for item, a, b in missing]
            self.fail(self._formatMessage(msg, 'Element counts were not equal:\n' + '\n'.join(lines)))

    def assertAlmostEqual(self, first, second, places=None, msg=None, delta=None):
        if first == second:
            return
        if delta is not None and places is not None:
            raise TypeError("specify delta or places not both")
        diff = abs(first - second)
        if delta is not None:
            if diff <= delta:
                return
            standardMsg = '%s != %s within %s delta (%s difference)' % (
                safe_repr(first), safe_repr(second), safe_repr(delta), safe_repr(diff))
        else:
            if places is None:
                places = 7
            if round(diff, places) == 0:
                return
            standardMsg = '%s != %s within %r places (%s difference)' % (
                safe_repr(first), safe_repr(second), places, safe_repr(diff))
        self.fail(self._formatMessage(msg, standardMsg))

    def assertNotAlmostEqual(self, first, second, places=None, msg=None, delta=None):
        if delta is not None and places is not None:
            raise TypeError("specify delta or places not both")
        diff = abs(first - second)
        if delta is not None:
            if not (first == second) and diff > delta:
                return
            standardMsg = '%s == %s within %s delta (%s difference)' % (
                safe_repr(first), safe_repr(second), safe_repr(delta), safe_repr(diff))
        else:
            if places is None:
                places = 7
            if not (first == second) and round(diff, places) != 0:
                return
            standardMsg = '%s == %s within %r places' % (safe_repr(first), safe_repr(second), places)
        self.fail(self._formatMessage(msg, standardMsg))

    def assertIn(self, member, container, msg=None):
        if member not in container:
            self.fail(self._formatMessage(msg, '%s not found in %s' % (safe_repr(member), safe_repr(container))))

    def assertNotIn(self, member, container, msg=None):
        if member in container:
            self.fail(self._formatMessage(msg, '%s unexpectedly found in %s' % (safe_repr(member),
                                                                                 safe_repr(container))))

    def assertIs(self, expr1, expr2, msg=None):
        if expr1 is not expr2:
            self.fail(self._formatMessage(msg, '%s is not %s' % (safe_repr(expr1), safe_repr(expr2))))

    def assertIsNot(self, expr1, expr2, msg=None):
        if expr1 is expr2:
            self.fail(self._formatMessage(msg, 'unexpectedly identical: %s' % (safe_repr(expr1),)))

    def assertIsNone(self, obj, msg=None):
        if obj is not None:
            self.fail(self._formatMessage(msg, '%s is not None' % (safe_repr(obj),)))

    def assertIsNotNone(self, obj, msg=None):
        if obj is None:
            self.fail(self._formatMessage(msg, 'unexpectedly None'))

    def assertIsInstance(self, obj, cls, msg=None):
        if not isinstance(obj, cls):
            self.fail(self._formatMessage(msg, '%s is not an instance of %r' % (safe_repr(obj), cls)))

    def assertNotIsInstance(self, obj, cls, msg=None):
        if isinstance(obj, cls):
            self.fail(self._formatMessage(msg, '%s is an instance of %r' % (safe_repr(obj), cls)))

    def assertLess(self, a, b, msg=None):
        if not a < b:
            self.fail(self._formatMessage(msg, '%s not less than %s' % (safe_repr(a), safe_repr(b))))

    def assertLessEqual(self, a, b, msg=None):
        if not a <= b:
            self.fail(self._formatMessage(msg, '%s not less than or equal to %s' % (safe_repr(a), safe_repr(b))))

    def assertGreater(self, a, b, msg=None):
        if not a > b:
            self.fail(self._formatMessage(msg, '%s not greater than %s' % (safe_repr(a), safe_repr(b))))

    def assertGreaterEqual(self, a, b, msg=None):
        if not a >= b:
            self.fail(self._formatMessage(msg, '%s not greater than or equal to %s' % (safe_repr(a),
                                                                                      safe_repr(b))))

    def assertRegex(self, text, expected_regex, msg=None):
        if not _search(expected_regex, text):
            self.fail(self._formatMessage(msg, "Regex didn't match: %r not found in %r" % (
                _pattern_text(expected_regex), text)))

    def assertNotRegex(self, text, unexpected_regex, msg=None):
        if _search(unexpected_regex, text):
            self.fail(self._formatMessage(msg, "Regex matched: %r matches %r" % (
                text, _pattern_text(unexpected_regex))))

    failUnlessEqual = assertEquals = assertEqual
    assertNotEquals = assertNotEqual
    assert_ = failUnless = assertTrue
    assertAlmostEquals = assertAlmostEqual


class _SubTestFailed(Exception):
    pass


class _SubTestContext:
    def __init__(self, test, msg, params):
        self.test = test
        self.msg = msg
        self.params = params

    def __enter__(self):
        self.parent = self.test._subtest
        params = dict(self.parent.params) if self.parent is not None else {}
        params.update(self.params)
        self.sub = _SubTest(self.test, self.msg, params)
        self.test._subtest = self.sub
        return None

    def __exit__(self, exc_type, exc_value, tb):
        self.test._subtest = self.parent
        result = self.test._result
        if exc_type is None:
            if result is not None and hasattr(result, 'addSubTest'):
                result.addSubTest(self.test, self.sub, None)
            return False
        if issubclass(exc_type, (KeyboardInterrupt, SkipTest)):
            return False
        if result is None:
            return False
        result.addSubTest(self.test, self.sub, (exc_type, exc_value, tb))
        self.test._ok = False
        return True


class FunctionTestCase(TestCase):
    """A TestCase around a plain function."""

    def __init__(self, testFunc, setUp=None, tearDown=None, description=None):
        super().__init__()
        self._setUpFunc = setUp
        self._tearDownFunc = tearDown
        self._testFunc = testFunc
        self._description = description

    def setUp(self):
        if self._setUpFunc is not None:
            self._setUpFunc()

    def tearDown(self):
        if self._tearDownFunc is not None:
            self._tearDownFunc()

    def runTest(self):
        self._testFunc()

    def id(self):
        return self._testFunc.__name__

    def __str__(self):
        return "%s (%s)" % (strclass(self.__class__), self._testFunc.__name__)


class TestSuite:
    """An ordered collection of tests (and suites); running it runs them, with class fixtures."""

    def __init__(self, tests=()):
        self._tests = []
        self.addTests(tests)

    def __repr__(self):
        return "<%s tests=%s>" % (strclass(self.__class__), list(self))

    def __iter__(self):
        return iter(self._tests)

    def __eq__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return list(self) == list(other)

    def countTestCases(self):
        return sum(test.countTestCases() for test in self)

    def addTest(self, test):
        if not callable(test):
            raise TypeError("{} is not callable".format(repr(test)))
        if isinstance(test, type) and issubclass(test, (TestCase, TestSuite)):
            raise TypeError("TestCases and TestSuites must be instantiated before passing them to addTest()")
        self._tests.append(test)

    def addTests(self, tests):
        if isinstance(tests, str):
            raise TypeError("tests must be an iterable of tests, not a string")
        for test in tests:
            self.addTest(test)

    def _flatten(self):
        for test in self:
            if isinstance(test, TestSuite):
                yield from test._flatten()
            else:
                yield test

    def run(self, result, debug=False):
        previous_class = None
        class_failed = False
        for test in self._flatten():
            if result.shouldStop:
                break
            cls = test.__class__
            if cls is not previous_class:
                if previous_class is not None:
                    self._tear_down_class(previous_class, class_failed, result)
                previous_class = cls
                class_failed = self._set_up_class(cls, result)
            if class_failed:
                continue
            test(result)
        if previous_class is not None:
            self._tear_down_class(previous_class, class_failed, result)
        return result

    __call__ = run

    def _set_up_class(self, cls, result):
        if getattr(cls, '__unittest_skip__', False):
            return False
        try:
            cls.setUpClass()
        except SkipTest as e:
            result.addSkip(_ErrorHolder('setUpClass (%s)' % strclass(cls)), str(e))
            return True
        except Exception:
            result.addError(_ErrorHolder('setUpClass (%s)' % strclass(cls)), sys.exc_info())
            return True
        return False

    def _tear_down_class(self, cls, failed, result):
        if failed or getattr(cls, '__unittest_skip__', False):
            return
        try:
            cls.tearDownClass()
        except Exception:
            result.addError(_ErrorHolder('tearDownClass (%s)' % strclass(cls)), sys.exc_info())


class _ErrorHolder:
    """Stands for a class fixture in the results."""
    failureException = None

    def __init__(self, description):
        self.description = description

    def id(self):
        return self.description

    def shortDescription(self):
        return None

    def __str__(self):
        return self.description

    def countTestCases(self):
        return 0


class TestResult:
    """Collects what happened: failures, errors, skipped, expectedFailures, unexpectedSuccesses."""

    def __init__(self, stream=None, descriptions=None, verbosity=None):
        self.failfast = False
        self.failures = []
        self.errors = []
        self.testsRun = 0
        self.skipped = []
        self.expectedFailures = []
        self.unexpectedSuccesses = []
        self.shouldStop = False
        self.buffer = False
        self.tb_locals = False

    def startTest(self, test):
        self.testsRun += 1

    def stopTest(self, test):
        pass

    def startTestRun(self):
        pass

    def stopTestRun(self):
        pass

    def addError(self, test, err):
        self.errors.append((test, self._exc_info_to_string(err, test)))
        if self.failfast:
            self.stop()

    def addFailure(self, test, err):
        self.failures.append((test, self._exc_info_to_string(err, test)))
        if self.failfast:
            self.stop()

    def addSubTest(self, test, subtest, err):
        if err is not None:
            if issubclass(err[0], test.failureException):
                self.failures.append((subtest, self._exc_info_to_string(err, test)))
            else:
                self.errors.append((subtest, self._exc_info_to_string(err, test)))
            if self.failfast:
                self.stop()

    def addSuccess(self, test):
        pass

    def addSkip(self, test, reason):
        self.skipped.append((test, reason))

    def addExpectedFailure(self, test, err):
        self.expectedFailures.append((test, self._exc_info_to_string(err, test)))

    def addUnexpectedSuccess(self, test):
        self.unexpectedSuccesses.append(test)

    def wasSuccessful(self):
        return len(self.failures) == len(self.errors) == 0 and not self.unexpectedSuccesses

    def stop(self):
        self.shouldStop = True

    def _exc_info_to_string(self, err, test):
        """The report of an exception, without this module's own frames."""
        exctype, value, tb = err
        lines = []
        if tb is not None:
            entries = [e for e in traceback.format_tb(tb) if not _is_own_frame(e)]
            if entries:
                lines.append('Traceback (most recent call last):\n')
                lines.extend(entries)
        lines.extend(traceback.format_exception_only(exctype, value))
        return ''.join(lines)

    def __repr__(self):
        return ("<%s run=%i errors=%i failures=%i>" %
                (strclass(self.__class__), self.testsRun, len(self.errors), len(self.failures)))


_OWN_FILES = ('File "<frozen unittest>"', 'File "%s"' % globals().get('__file__'))


def _is_own_frame(entry):
    first = entry.split('\n', 1)[0]
    return any(name in first for name in _OWN_FILES)


class _WritelnDecorator:
    def __init__(self, stream):
        self.stream = stream

    def __getattr__(self, attr):
        return getattr(self.stream, attr)

    def writeln(self, arg=None):
        if arg:
            self.stream.write(arg)
        self.stream.write('\n')


class TextTestResult(TestResult):
    """A TestResult that reports on a stream as the tests run."""
    separator1 = '=' * 70
    separator2 = '-' * 70

    def __init__(self, stream, descriptions, verbosity):
        super().__init__(stream, descriptions, verbosity)
        self.stream = stream
        self.showAll = verbosity > 1
        self.dots = verbosity == 1
        self.descriptions = descriptions
        self._newline = True

    def getDescription(self, test):
        doc_first_line = test.shortDescription()
        if self.descriptions and doc_first_line:
            return '\n'.join((str(test), doc_first_line))
        return str(test)

    def startTest(self, test):
        super().startTest(test)
        if self.showAll:
            self.stream.write(self.getDescription(test))
            self.stream.write(" ... ")
            self.stream.flush()
            self._newline = False

    def _write_status(self, test, status):
        if not self._newline:
            pass
        self.stream.writeln(status)
        self.stream.flush()
        self._newline = True

    def addSubTest(self, test, subtest, err):
        if err is not None:
            if self.showAll:
                if not self._newline:
                    self.stream.writeln()
                self.stream.write(self.getDescription(subtest))
                self.stream.write(" ... ")
                self._write_status(subtest, "FAIL" if issubclass(err[0], subtest.failureException) else "ERROR")
            elif self.dots:
                self.stream.write('F' if issubclass(err[0], subtest.failureException) else 'E')
                self.stream.flush()
        super().addSubTest(test, subtest, err)

    def addSuccess(self, test):
        super().addSuccess(test)
        if self.showAll:
            self._write_status(test, "ok")
        elif self.dots:
            self.stream.write('.')
            self.stream.flush()

    def addError(self, test, err):
        super().addError(test, err)
        if self.showAll:
            self._write_status(test, "ERROR")
        elif self.dots:
            self.stream.write('E')
            self.stream.flush()

    def addFailure(self, test, err):
        super().addFailure(test, err)
        if self.showAll:
            self._write_status(test, "FAIL")
        elif self.dots:
            self.stream.write('F')
            self.stream.flush()

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        if self.showAll:
            self._write_status(test, "skipped {0!r}".format(reason))
        elif self.dots:
            self.stream.write("s")
            self.stream.flush()

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        if self.showAll:
            self.stream.writeln("expected failure")
            self.stream.flush()
        elif self.dots:
            self.stream.write("x")
            self.stream.flush()

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        if self.showAll:
            self.stream.writeln("unexpected success")
            self.stream.flush()
        elif self.dots:
            self.stream.write("u")
            self.stream.flush()

    def printErrors(self):
        if self.dots or self.showAll:
            self.stream.writeln()
            self.stream.flush()
        self.printErrorList('ERROR', self.errors)
        self.printErrorList('FAIL', self.failures)
        unexpected = getattr(self, 'unexpectedSuccesses', ())
        if unexpected:
            self.stream.writeln(self.separator1)
            for test in unexpected:
                self.stream.writeln(f"UNEXPECTED SUCCESS: {self.getDescription(test)}")
            self.stream.flush()

    def printErrorList(self, flavour, errors):
        for test, err in errors:
            self.stream.writeln(self.separator1)
            self.stream.writeln("%s: %s" % (flavour, self.getDescription(test)))
            self.stream.writeln(self.separator2)
            self.stream.writeln("%s" % err)
            self.stream.flush()


class TextTestRunner:
    """Runs a test or suite and reports on a stream (sys.stderr by default)."""
    resultclass = TextTestResult

    def __init__(self, stream=None, descriptions=True, verbosity=1, failfast=False, buffer=False,
                 resultclass=None, warnings=None, *, tb_locals=False):
        if stream is None:
            stream = sys.stderr
        self.stream = _WritelnDecorator(stream)
        self.descriptions = descriptions
        self.verbosity = verbosity
        self.failfast = failfast
        self.buffer = buffer
        self.warnings = warnings
        if resultclass is not None:
            self.resultclass = resultclass

    def _makeResult(self):
        return self.resultclass(self.stream, self.descriptions, self.verbosity)

    def run(self, test):
        result = self._makeResult()
        result.failfast = self.failfast
        start = time.perf_counter()
        result.startTestRun()
        try:
            test(result)
        finally:
            result.stopTestRun()
        time_taken = time.perf_counter() - start
        result.printErrors()
        self.stream.writeln(result.separator2)
        run = result.testsRun
        self.stream.writeln("Ran %d test%s in %.3fs" % (run, run != 1 and "s" or "", time_taken))
        self.stream.writeln()
        infos = []
        if not result.wasSuccessful():
            self.stream.write("FAILED")
            failed, errored = len(result.failures), len(result.errors)
            if failed:
                infos.append("failures=%d" % failed)
            if errored:
                infos.append("errors=%d" % errored)
        else:
            self.stream.write("OK")
        if result.skipped:
            infos.append("skipped=%d" % len(result.skipped))
        if result.expectedFailures:
            infos.append("expected failures=%d" % len(result.expectedFailures))
        if result.unexpectedSuccesses:
            infos.append("unexpected successes=%d" % len(result.unexpectedSuccesses))
        if infos:
            self.stream.writeln(" (%s)" % (", ".join(infos),))
        else:
            self.stream.write("\n")
        self.stream.flush()
        return result


class TestLoader:
    """Builds suites from TestCase classes, modules and names."""
    testMethodPrefix = 'test'
    sortTestMethodsUsing = staticmethod(lambda a, b: (a > b) - (a < b))
    suiteClass = TestSuite

    def __init__(self):
        self.errors = []

    def getTestCaseNames(self, testCaseClass):
        names = [n for n in dir(testCaseClass)
                 if n.startswith(self.testMethodPrefix) and callable(getattr(testCaseClass, n, None))]
        return sorted(names)

    def loadTestsFromTestCase(self, testCaseClass):
        if issubclass(testCaseClass, TestSuite):
            raise TypeError("Test cases should not be derived from TestSuite. Maybe you meant to derive from "
                            "TestCase?")
        names = self.getTestCaseNames(testCaseClass)
        if not names and hasattr(testCaseClass, 'runTest'):
            names = ['runTest']
        return self.suiteClass([testCaseClass(name) for name in names])

    def loadTestsFromModule(self, module, *args, pattern=None, **kws):
        tests = []
        for name in dir(module):
            obj = getattr(module, name)
            if isinstance(obj, type) and issubclass(obj, TestCase) and obj is not TestCase \
                    and obj is not FunctionTestCase:
                tests.append(self.loadTestsFromTestCase(obj))
        load_tests = getattr(module, 'load_tests', None)
        suite = self.suiteClass(tests)
        if load_tests is not None:
            return load_tests(self, suite, pattern)
        return suite

    def loadTestsFromName(self, name, module=None):
        parts = name.split('.')
        if module is None:
            module = sys.modules[parts[0]]
            parts = parts[1:]
        obj = module
        parent = None
        for part in parts:
            parent, obj = obj, getattr(obj, part)
        if isinstance(obj, type) and issubclass(obj, TestCase):
            return self.loadTestsFromTestCase(obj)
        if isinstance(parent, type) and issubclass(parent, TestCase):
            return self.suiteClass([parent(parts[-1])])
        if isinstance(obj, TestSuite):
            return obj
        if hasattr(obj, '__dict__') and not callable(obj):
            return self.loadTestsFromModule(obj)
        raise TypeError("don't know how to make test from: %s" % obj)

    def loadTestsFromNames(self, names, module=None):
        return self.suiteClass([self.loadTestsFromName(name, module) for name in names])


defaultTestLoader = TestLoader()

_USAGE = """\
usage: %(prog)s [-h] [-v] [-q] [--locals] [-f] [-c] [-b] [-k TESTNAMEPATTERNS] [tests ...]
"""


class TestProgram:
    """main(): loads the tests of a module (default __main__), runs them, exits with the outcome."""

    def __init__(self, module='__main__', defaultTest=None, argv=None, testRunner=None,
                 testLoader=defaultTestLoader, exit=True, verbosity=1, failfast=None, catchbreak=None,
                 buffer=None, warnings=None, *, tb_locals=False):
        if isinstance(module, str):
            self.module = sys.modules[module]
        else:
            self.module = module
        if argv is None:
            argv = sys.argv
        self.exit = exit
        self.verbosity = verbosity
        self.failfast = failfast or False
        self.defaultTest = defaultTest
        self.testRunner = testRunner
        self.testLoader = testLoader
        self.progName = 'python -m unittest' if not argv or not argv[0] else argv[0].split('/')[-1]
        self.parseArgs(argv)
        self.runTests()

    def parseArgs(self, argv):
        names = []
        for arg in argv[1:]:
            if arg in ('-v', '--verbose'):
                self.verbosity = 2
            elif arg in ('-q', '--quiet'):
                self.verbosity = 0
            elif arg in ('-f', '--failfast'):
                self.failfast = True
            elif arg in ('-h', '--help'):
                print(_USAGE % {'prog': self.progName}, end='')
                sys.exit(0)
            elif arg.startswith('-'):
                sys.stderr.write(_USAGE % {'prog': self.progName})
                sys.stderr.write('%s: error: unrecognized arguments: %s\n' % (self.progName, arg))
                sys.exit(2)
            else:
                names.append(arg)
        if names:
            self.test = self.testLoader.loadTestsFromNames(names, self.module)
        elif self.defaultTest is not None:
            tests = [self.defaultTest] if isinstance(self.defaultTest, str) else list(self.defaultTest)
            self.test = self.testLoader.loadTestsFromNames(tests, self.module)
        else:
            self.test = self.testLoader.loadTestsFromModule(self.module)

    def runTests(self):
        runner = self.testRunner
        if runner is None:
            runner = TextTestRunner
        if isinstance(runner, type):
            runner = runner(verbosity=self.verbosity, failfast=self.failfast)
        self.result = runner.run(self.test)
        if self.exit:
            sys.exit(not self.result.wasSuccessful())


main = TestProgram
