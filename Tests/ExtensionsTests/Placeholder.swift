import XCTest
final class ExtensionsPlaceholderTests: XCTestCase { func testNothing() {} }
