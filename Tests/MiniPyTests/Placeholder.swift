import XCTest
final class MiniPyPlaceholderTests: XCTestCase { func testNothing() {} }
