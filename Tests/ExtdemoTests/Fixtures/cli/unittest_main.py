# unittest: a TestCase run by unittest.main(): passes, failures (assertEqual, assertTrue, assertIn,
# assertAlmostEqual, assertRaises not raised, subTest), an error, skips, an expected failure,
# setUp/tearDown/setUpClass/addCleanup order; the report goes to stderr and the exit status is 1.
import unittest

log = []


class Arithmetic(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        log.append('setUpClass')

    @classmethod
    def tearDownClass(cls):
        log.append('tearDownClass')
        print('log:', log)

    def setUp(self):
        self.value = 41
        log.append('setUp')

    def tearDown(self):
        log.append('tearDown')

    def test_add(self):
        self.addCleanup(log.append, 'cleanup')
        self.assertEqual(self.value + 1, 42)

    def test_assertions_that_pass(self):
        self.assertTrue(1)
        self.assertFalse(0)
        self.assertIn(3, [1, 2, 3])
        self.assertNotIn(4, [1, 2, 3])
        self.assertIs(None, None)
        self.assertIsNone(None)
        self.assertIsNotNone(0)
        self.assertIsInstance(1, int)
        self.assertAlmostEqual(0.1 + 0.2, 0.3)
        self.assertAlmostEqual(1.0, 1.05, delta=0.1)
        self.assertGreater(2, 1)
        self.assertLessEqual(1, 1)
        self.assertCountEqual([1, 2, 2], [2, 1, 2])
        self.assertEqual([1, 2], [1, 2])
        with self.assertRaises(ZeroDivisionError) as cm:
            1 / 0
        self.assertEqual(str(cm.exception), 'division by zero')
        self.assertRaises(KeyError, {}.__getitem__, 'k')

    def test_equal_fails(self):
        self.assertEqual(1 + 1, 3)

    def test_true_fails(self):
        self.assertTrue([], 'the list should not be empty')

    def test_in_fails(self):
        self.assertIn('z', 'abc')

    def test_almost_fails(self):
        self.assertAlmostEqual(1.0, 1.1)

    def test_raises_fails(self):
        with self.assertRaises(ValueError):
            pass

    def test_set_fails(self):
        self.assertEqual({1, 2}, {1, 3})

    def test_error(self):
        {}['missing']

    def test_subtests(self):
        for i in range(4):
            with self.subTest(i=i):
                self.assertEqual(i % 2, 0)

    @unittest.skip('not today')
    def test_skipped(self):
        raise AssertionError('never runs')

    @unittest.skipIf(True, 'condition held')
    def test_skipped_if(self):
        pass

    def test_skip_inside(self):
        self.skipTest('skipped from inside')

    @unittest.expectedFailure
    def test_expected_failure(self):
        self.assertEqual(1, 2)


class Other(unittest.TestCase):
    def test_ok(self):
        """A docstring is shown in reports."""
        self.assertNotEqual(1, 2)

    def test_docstring_failure(self):
        """This test fails on purpose."""
        self.fail('failed with fail()')


if __name__ == '__main__':
    unittest.main()
