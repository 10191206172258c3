// MatrixBufferTests: the matrix type (allocation, limits, element access, the Python-facing
// protocol: shape, subscripts, len, ==, repr, construction) and the buffer protocol (view
// layout, exporter kept alive by its views, pinning against resize, release rules, FillInfo).
import XCTest
import CShims
import CShimsTestSupport

final class MatrixBufferTests: MiniAPITestCase {
    func describe(_ v: UnsafeMutablePointer<MiniBuffer>) -> String {
        var buf = [CChar](repeating: 0, count: 256)
        ts_view_describe(v, &buf, buf.count)
        return cString(buf)
    }

    func key(_ r: Int, _ c: Int) -> Obj { tuple(consuming: [int(r), int(c)]) }

    func getItem(_ m: Obj, _ k: Obj) -> String {
        defer { Mini_DECREF(k) }
        return reprConsuming(MiniObject_GetItem(m, k))
    }

    func setItem(_ m: Obj, _ k: Obj, _ v: Obj) -> Int32 {
        defer {
            Mini_DECREF(k)
            Mini_DECREF(v)
        }
        return MiniObject_SetItem(m, k, v)
    }

    func fromList(_ rows: [[Double]]) -> Obj {
        let outer = MiniList_New(0)!
        for r in rows {
            let row = MiniList_New(0)!
            for x in r {
                let f = float(x)
                MiniList_Append(row, f)
                Mini_DECREF(f)
            }
            MiniList_Append(outer, row)
            Mini_DECREF(row)
        }
        defer { Mini_DECREF(outer) }
        return MiniMatrix_FromList(outer)!
    }

    // ----- the C API -----

    func testNewIsZeroedAndAccessorsWork() {
        let m = MiniMatrix_New(2, 3)!
        XCTAssertEqual(MiniMatrix_Rows(m), 2)
        XCTAssertEqual(MiniMatrix_Cols(m), 3)
        let data = MiniMatrix_Data(m)!
        XCTAssertEqual(Int(bitPattern: data) % 64, 0, "data must be 64-byte aligned")
        for i in 0..<6 { XCTAssertEqual(data[i], 0) }
        XCTAssertEqual(MiniMatrix_SetItem(m, 1, 2, 7.5), 0)
        XCTAssertEqual(data[5], 7.5, "row-major layout")
        XCTAssertEqual(MiniMatrix_GetItem(m, 1, 2), 7.5)
        XCTAssertEqual(MiniMatrix_GetItem(m, 2, 0), -1.0)
        XCTAssertEqual(takeError(), "IndexError: matrix index (2, 0) out of range for 2x3")
        XCTAssertEqual(MiniMatrix_SetItem(m, 0, -1, 1), -1)
        XCTAssertEqual(takeError(), "IndexError: matrix index (0, -1) out of range for 2x3")
        Mini_DECREF(m)
        let five = int(5)
        XCTAssertEqual(MiniMatrix_Rows(five), -1)
        XCTAssertEqual(takeError(), "TypeError: expected a matrix, not 'int'")
        XCTAssertNil(MiniMatrix_Data(five))
        XCTAssertEqual(takeError(), "TypeError: expected a matrix, not 'int'")
        Mini_DECREF(five)
        assertBalanced()
    }

    func testDimensionAndSizeLimits() {
        XCTAssertNil(MiniMatrix_New(0, 3))
        XCTAssertEqual(takeError(), "ValueError: matrix dimensions must be positive")
        XCTAssertNil(MiniMatrix_New(3, -1))
        XCTAssertEqual(takeError(), "ValueError: matrix dimensions must be positive")
        // Over MINI_MATRIX_MAX_ELEMENTS: refused before any allocation, with the size in GiB.
        XCTAssertNil(MiniMatrix_New(1 << 21, 1 << 20))
        XCTAssertEqual(takeError(), "MemoryError: cannot allocate a 2097152x1048576 matrix (16384.0 GiB)")
        // rows * cols overflows 64 bits: still a clean MemoryError.
        XCTAssertNil(MiniMatrix_New(Int.max / 2, 4))
        let e = takeError() ?? ""
        XCTAssertTrue(e.hasPrefix("MemoryError: cannot allocate a \(Int.max / 2)x4 matrix ("), e)
        XCTAssertTrue(e.hasSuffix(" GiB)"), e)
        assertBalanced()
    }

    func testLargeMatricesAreZeroedAlignedAndResizable() {
        // 1024 x 1024 doubles = 8 MiB: the block comes from mmap rather than malloc.
        let m = MiniMatrix_New(1024, 1024)!
        let data = MiniMatrix_Data(m)!
        XCTAssertEqual(Int(bitPattern: data) % 64, 0)
        XCTAssertEqual(data[0], 0)
        XCTAssertEqual(data[1024 * 1024 - 1], 0)
        XCTAssertEqual(MiniMatrix_SetItem(m, 1023, 1023, 5), 0)
        XCTAssertEqual(MiniMatrix_GetItem(m, 1023, 1023), 5)
        XCTAssertEqual(MiniMatrix_Resize(m, 2, 2), 0)   // big -> small
        XCTAssertEqual(MiniMatrix_GetItem(m, 1, 1), 0)
        XCTAssertEqual(MiniMatrix_Resize(m, 2048, 512), 0)  // small -> big
        XCTAssertEqual(MiniMatrix_GetItem(m, 2047, 511), 0)
        Mini_DECREF(m)
        assertBalanced()
    }

    func testFromListAndToList() {
        let m = fromList([[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual(repr(m), "matrix(2x3, [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])")
        XCTAssertEqual(reprConsuming(MiniMatrix_ToList(m)), "[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]")
        Mini_DECREF(m)
        // ints and tuples are accepted too.
        let rows = tuple(consuming: [tuple(consuming: [int(1), float(0.5)])])
        XCTAssertEqual(reprConsuming(MiniMatrix_FromList(rows)), "matrix(1x2, [[1.0, 0.5]])")
        Mini_DECREF(rows)
        let five = int(5)
        XCTAssertEqual(reprConsuming(MiniMatrix_FromList(five)), "ERROR TypeError: matrix() expects a list of rows, not 'int'")
        let empty = MiniList_New(0)!
        XCTAssertEqual(reprConsuming(MiniMatrix_FromList(empty)), "ERROR ValueError: matrix dimensions must be positive")
        let notRow = tuple(consuming: [tuple(consuming: [int(1)]), int(2)])
        XCTAssertEqual(reprConsuming(MiniMatrix_FromList(notRow)), "ERROR TypeError: matrix row 1 must be a list, not 'int'")
        let ragged = tuple(consuming: [tuple(consuming: [int(1), int(2)]), tuple(consuming: [int(3)])])
        XCTAssertEqual(reprConsuming(MiniMatrix_FromList(ragged)),
                       "ERROR ValueError: matrix rows must all have the same length (row 1 has 1 elements, row 0 has 2)")
        let text = tuple(consuming: [tuple(consuming: [int(1), str("x")])])
        XCTAssertEqual(reprConsuming(MiniMatrix_FromList(text)),
                       "ERROR TypeError: matrix element (0, 1) must be a number, not 'str'")
        [five, empty, notRow, ragged, text].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    // ----- the Python-facing protocol -----

    func testSubscriptsWithNegativeIndices() {
        let m = fromList([[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual(getItem(m, key(1, -1)), "6.0")
        XCTAssertEqual(getItem(m, key(-2, 0)), "1.0")
        XCTAssertEqual(setItem(m, key(-1, -1), float(9.5)), 0)
        XCTAssertEqual(setItem(m, key(0, 0), int(7)), 0)
        XCTAssertEqual(MiniMatrix_GetItem(m, 1, 2), 9.5)
        XCTAssertEqual(MiniMatrix_GetItem(m, 0, 0), 7)
        XCTAssertEqual(getItem(m, key(2, 0)), "ERROR IndexError: matrix index (2, 0) out of range for 2x3")
        XCTAssertEqual(getItem(m, key(-3, 0)), "ERROR IndexError: matrix index (-3, 0) out of range for 2x3")
        XCTAssertEqual(getItem(m, key(0, 3)), "ERROR IndexError: matrix index (0, 3) out of range for 2x3")
        XCTAssertEqual(getItem(m, int(0)), "ERROR TypeError: matrix indices must be a pair of integers (row, col), not 'int'")
        XCTAssertEqual(getItem(m, tuple(consuming: [str("a"), int(0)])),
                       "ERROR TypeError: matrix indices must be integers, not 'str'")
        XCTAssertEqual(setItem(m, key(0, 0), str("x")), -1)
        XCTAssertEqual(takeError(), "TypeError: matrix elements must be numbers, not 'str'")
        let k = key(0, 0)
        XCTAssertEqual(MiniObject_DelItem(m, k), -1)
        XCTAssertEqual(takeError(), "TypeError: matrix elements cannot be deleted")
        Mini_DECREF(k)
        Mini_DECREF(m)
        assertBalanced()
    }

    func testShapeLenAndAttributes() {
        let m = MiniMatrix_New(4, 5)!
        XCTAssertEqual(MiniObject_Length(m), 4)
        XCTAssertEqual(reprConsuming(MiniObject_GetAttrString(m, "shape")), "(4, 5)")
        XCTAssertEqual(reprConsuming(MiniObject_GetAttrString(m, "rows")), "4")
        XCTAssertEqual(reprConsuming(MiniObject_GetAttrString(m, "cols")), "5")
        XCTAssertEqual(MiniObject_Hash(m), -1)
        XCTAssertEqual(takeError(), "TypeError: unhashable type: 'matrix'")
        Mini_DECREF(m)
        assertBalanced()
    }

    func testEqualityIsExact() {
        let a = fromList([[1, 2], [3, 4]]), b = fromList([[1, 2], [3, 4]])
        let c = fromList([[1, 2, 3, 4]])
        XCTAssertEqual(MiniObject_RichCompareBool(a, b, Mini_EQ), 1)
        XCTAssertEqual(MiniObject_RichCompareBool(a, b, Mini_NE), 0)
        XCTAssertEqual(MiniObject_RichCompareBool(a, c, Mini_EQ), 0, "same elements, other shape")
        XCTAssertEqual(MiniMatrix_SetItem(b, 1, 1, 4 + 1e-12), 0)
        XCTAssertEqual(MiniObject_RichCompareBool(a, b, Mini_EQ), 0)
        XCTAssertEqual(MiniMatrix_SetItem(a, 0, 0, .nan), 0)
        XCTAssertEqual(MiniObject_RichCompare(a, a, Mini_EQ).map { reprConsuming($0) }, "False", "NaN != NaN")
        let five = int(5)
        XCTAssertEqual(MiniObject_RichCompareBool(a, five, Mini_EQ), 0)
        XCTAssertEqual(reprConsuming(MiniObject_RichCompare(a, b, Mini_LT)),
                       "ERROR TypeError: '<' not supported between instances of 'matrix' and 'matrix'")
        [a, b, c, five].forEach { Mini_DECREF($0) }
        assertBalanced()
    }

    func testReprAbbreviatesBigMatrices() {
        let m = MiniMatrix_New(10, 10)!
        XCTAssertEqual(MiniMatrix_SetItem(m, 9, 9, 2.5), 0)
        XCTAssertEqual(MiniMatrix_SetItem(m, 0, 1, 1e20), 0)
        let row0 = "[0.0, 1e+20, 0.0, ..., 0.0, 0.0, 0.0]"
        let row = "[0.0, 0.0, 0.0, ..., 0.0, 0.0, 0.0]"
        let last = "[0.0, 0.0, 0.0, ..., 0.0, 0.0, 2.5]"
        XCTAssertEqual(repr(m), "matrix(10x10, [\(row0), \(row), \(row), ..., \(row), \(row), \(last)])")
        Mini_DECREF(m)
        let wide = MiniMatrix_New(1, 7)!
        XCTAssertEqual(repr(wide), "matrix(1x7, [[0.0, 0.0, 0.0, ..., 0.0, 0.0, 0.0]])")
        Mini_DECREF(wide)
        let six = MiniMatrix_New(6, 1)!
        XCTAssertEqual(repr(six), "matrix(6x1, [[0.0], [0.0], [0.0], [0.0], [0.0], [0.0]])")
        Mini_DECREF(six)
        assertBalanced()
    }

    func testCallingTheType() {
        let type = UnsafeMutableRawPointer(matrixType()).assumingMemoryBound(to: MiniObject.self)
        let args = tuple(consuming: [int(2), int(3)])
        XCTAssertEqual(reprConsuming(MiniObject_Call(type, args, nil)),
                       "matrix(2x3, [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]])")
        Mini_DECREF(args)
        let rows = MiniList_New(0)!
        let row = MiniList_New(0)!
        let one = int(1)
        MiniList_Append(row, one)
        MiniList_Append(rows, row)
        XCTAssertEqual(reprConsuming(MiniObject_CallOneArg(type, rows)), "matrix(1x1, [[1.0]])")
        [one, row, rows].forEach { Mini_DECREF($0) }
        let bad = tuple(consuming: [int(2), float(3)])
        XCTAssertEqual(reprConsuming(MiniObject_Call(type, bad, nil)), "ERROR TypeError: 'float' object cannot be interpreted as an integer")
        Mini_DECREF(bad)
        let three = tuple(consuming: [int(1), int(2), int(3)])
        XCTAssertEqual(reprConsuming(MiniObject_Call(type, three, nil)), "ERROR TypeError: matrix() takes 1 or 2 arguments (3 given)")
        Mini_DECREF(three)
        let zero = tuple(consuming: [int(0), int(2)])
        XCTAssertEqual(reprConsuming(MiniObject_Call(type, zero, nil)), "ERROR ValueError: matrix dimensions must be positive")
        Mini_DECREF(zero)
        assertBalanced()
    }

    // ----- the buffer protocol -----

    func testMatrixViewLayout() {
        let m = MiniMatrix_New(2, 3)!
        XCTAssertEqual(MiniObject_CheckBuffer(m), 1)
        let v = ts_view_get(m, MINI_BUF_WRITABLE)!
        XCTAssertEqual(describe(v), "len=48 itemsize=8 ndim=2 format=d shape=2x3 strides=24,8 ro=0 aligned=1 obj=1")
        XCTAssertEqual(v.pointee.obj, m)
        XCTAssertEqual(Mini_REFCNT(m), 2, "the view owns a reference to the exporter")
        XCTAssertEqual(ts_matrix_exports(m), 1)
        ts_view_write_double(v, 4, 3.25)
        XCTAssertEqual(MiniMatrix_GetItem(m, 1, 1), 3.25, "the view is the matrix's memory")
        ts_view_release(v)
        XCTAssertEqual(ts_matrix_exports(m), 0)
        XCTAssertEqual(Mini_REFCNT(m), 1)
        Mini_DECREF(m)
        assertBalanced()
    }

    func testViewsPinTheMatrix() {
        let m = MiniMatrix_New(2, 2)!
        let v1 = ts_view_get(m, MINI_BUF_SIMPLE)!
        XCTAssertEqual(MiniMatrix_Resize(m, 3, 3), -1)
        XCTAssertEqual(takeError(), "BufferError: matrix is pinned by 1 exported buffer")
        let v2 = ts_view_get(m, MINI_BUF_SIMPLE)!
        XCTAssertEqual(MiniMatrix_Resize(m, 3, 3), -1)
        XCTAssertEqual(takeError(), "BufferError: matrix is pinned by 2 exported buffers")
        XCTAssertEqual(MiniMatrix_Rows(m), 2, "a refused resize changes nothing")
        ts_view_release(v1)
        XCTAssertEqual(MiniMatrix_Resize(m, 3, 3), -1)
        XCTAssertEqual(takeError(), "BufferError: matrix is pinned by 1 exported buffer")
        ts_view_release(v2)
        XCTAssertEqual(MiniMatrix_SetItem(m, 0, 0, 1), 0)
        XCTAssertEqual(MiniMatrix_Resize(m, 3, 4), 0, takeError() ?? "")
        XCTAssertEqual(MiniMatrix_Rows(m), 3)
        XCTAssertEqual(MiniMatrix_Cols(m), 4)
        XCTAssertEqual(MiniMatrix_GetItem(m, 0, 0), 0, "resized contents are zeroed")
        XCTAssertEqual(MiniMatrix_GetItem(m, 2, 3), 0)
        XCTAssertEqual(MiniMatrix_Resize(m, 0, 4), -1)
        XCTAssertEqual(takeError(), "ValueError: matrix dimensions must be positive")
        XCTAssertEqual(MiniMatrix_Resize(m, 1 << 21, 1 << 20), -1)
        XCTAssertEqual(takeError(), "MemoryError: cannot allocate a 2097152x1048576 matrix (16384.0 GiB)")
        XCTAssertEqual(MiniMatrix_Rows(m), 3)
        Mini_DECREF(m)
        assertBalanced()
    }

    func testViewKeepsTheExporterAlive() {
        let live = Mini_LiveObjects()
        let m = MiniMatrix_New(1, 1)!
        let v = ts_view_get(m, MINI_BUF_SIMPLE)!
        Mini_DECREF(m)  // the view's reference is now the only one
        XCTAssertEqual(Mini_LiveObjects(), live + 1, "the matrix must survive while viewed")
        XCTAssertEqual(Mini_REFCNT(v.pointee.obj), 1)
        ts_view_release_twice(v)  // the first release frees it, the second is a no-op
        XCTAssertEqual(Mini_LiveObjects(), live)
        assertBalanced()
    }

    func testGetBufferFailures() {
        let five = int(5)
        XCTAssertEqual(MiniObject_CheckBuffer(five), 0)
        XCTAssertNil(ts_view_get(five, MINI_BUF_SIMPLE))
        XCTAssertEqual(takeError(), "TypeError: a bytes-like object is required, not 'int'")
        Mini_DECREF(five)
        assertBalanced()
    }

    func testFillInfoForSimpleExporters() {
        let e = ts_new_exporter()!
        markBaseline()
        XCTAssertEqual(MiniObject_CheckBuffer(e), 1)
        let v = ts_view_get(e, MINI_BUF_SIMPLE)!
        XCTAssertEqual(describe(v), "len=8 itemsize=1 ndim=1 format=B shape=8x0 strides=1,0 ro=1 aligned=\(Int(bitPattern: v.pointee.buf) % 64 == 0 ? 1 : 0) obj=1")
        XCTAssertEqual(String(cString: v.pointee.buf.assumingMemoryBound(to: CChar.self)), "exporter")
        XCTAssertEqual(Mini_REFCNT(e), 2)
        ts_view_release(v)
        XCTAssertEqual(Mini_REFCNT(e), 1)
        XCTAssertNil(ts_view_get(e, MINI_BUF_WRITABLE))
        XCTAssertEqual(takeError(), "BufferError: Object is not writable.")
        XCTAssertEqual(Mini_REFCNT(e), 1, "a refused view takes no reference")
        assertBalanced()
        Mini_DECREF(e)
    }
}
