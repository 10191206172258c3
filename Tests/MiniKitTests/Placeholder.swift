import XCTest
final class MiniKitPlaceholderTests: XCTestCase { func testNothing() {} }
