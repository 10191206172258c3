import XCTest
import CShims
final class PlaceholderTests: XCTestCase { func testNothing() {} }
