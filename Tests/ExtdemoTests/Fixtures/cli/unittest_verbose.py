# unittest: main(argv=['prog', '-v']) prints one line per test; all pass, so the status is 0;
# also a TextTestRunner run of a hand-made suite and the result object's counts.
import sys
import unittest


class Strings(unittest.TestCase):
    def test_upper(self):
        self.assertEqual('foo'.upper(), 'FOO')

    def test_split(self):
        s = 'hello world'
        self.assertEqual(s.split(), ['hello', 'world'])
        with self.assertRaises(TypeError):
            s.split(2)

    @unittest.skipUnless(False, 'needs something')
    def test_skip(self):
        pass


suite = unittest.TestSuite([Strings('test_upper'), Strings('test_split')])
result = unittest.TextTestRunner(stream=sys.stdout, verbosity=0).run(suite)
print(result.testsRun, len(result.failures), len(result.errors), result.wasSuccessful())
loaded = unittest.TestLoader().loadTestsFromTestCase(Strings)
print(loaded.countTestCases(), [t.id() for t in loaded])
unittest.main(argv=['unittest_verbose.py', '-v'])
