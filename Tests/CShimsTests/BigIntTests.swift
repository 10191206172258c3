// BigIntTests: arbitrary-precision int through the C API: promotion past 64 bits and demotion
// back, every arithmetic and bitwise operator against results recorded from CPython 3.11,
// decimal and power-of-two text conversions both ways (with the 4300-digit limit), hashes equal
// to CPython's, exact comparisons with floats, conversions to C types and to float with their
// OverflowError messages. Each test ends with the reference totals back at their start values.
import XCTest
import CShims
import CShimsTestSupport

final class BigIntTests: MiniObjectTestCase {

    /// An int from decimal (or other base) text.
    func big(_ s: String, _ base: Int32 = 10) -> Obj { lts_int(s, base)! }

    /// (operator, a, b, CPython's repr of a op b or "ERROR Name: message").
    let recorded: [(String, String, String, String)] = [
        ("+", "9223372036854775807", "1", "9223372036854775808"),
        ("-", "-9223372036854775808", "1", "-9223372036854775809"),
        ("*", "4611686018427387904", "4", "18446744073709551616"),
        ("//", "-9223372036854775808", "-1", "9223372036854775808"),
        ("%", "-9223372036854775808", "-1", "0"),
        ("-", "18446744073709551616", "18446744073709551615", "1"),
        ("*", "100000000000000000000", "100000000000000000000", "10000000000000000000000000000000000000000"),
        ("//", "10000000000000000000000000000000000000000", "100000000000000000000", "100000000000000000000"),
        ("%", "-1000000000000000000000000000000", "7", "6"),
        ("//", "1000000000000000000000000000000", "-7", "-142857142857142857142857142858"),
        ("/", "1000000000000000000000000000000", "10000000000", "1e+20"),
        ("/", "1", "3", "0.3333333333333333"),
        ("/", "1180591620717411303425", "3", "3.935305402391371e+20"),
        ("**", "2", "100", "1267650600228229401496703205376"),
        ("**", "-3", "41", "-36472996377170786403"),
        ("**", "2", "-2", "0.25"),
        ("**", "100000000000000000000", "0", "1"),
        ("&", "-1180591620717411303424", "1180591620717411303423", "0"),
        ("|", "-36893488147419103232", "1", "-36893488147419103231"),
        ("^", "18446744073709551616", "-1", "-18446744073709551617"),
        ("<<", "1", "100", "1267650600228229401496703205376"),
        ("<<", "-5", "64", "-92233720368547758080"),
        (">>", "-1267650600228229401496703205376", "99", "-2"),
        (">>", "1267650600228229401496703205376", "200", "0"),
        ("//", "7", "0", "ERROR ZeroDivisionError: integer division or modulo by zero"),
        ("%", "1180591620717411303424", "0", "ERROR ZeroDivisionError: integer modulo by zero"),
        ("/", "1180591620717411303424", "0", "ERROR ZeroDivisionError: division by zero"),
        ("<<", "1", "-1", "ERROR ValueError: negative shift count"),
        ("&", "-1563935662", "-31665946303519062721", "-31665946303991380974"),
        (">>", "652802075368378498116422199", "30", "607969309546405913"),
        (">>", "-1029352663647811137692972760", "64", "-55801320"),
        ("&", "23", "-36893488147419103231", "1"),
        ("^", "-4002023686754328484", "-89562677123026595", "3941841068428742913"),
        ("|", "17715257025635308603", "-945906351937442044193266579433273199524316282984372938953789593870774218709313710082379365", "-945906351937442044193266579433273199524316282984372938953789593870774212602432327526779461"),
        ("&", "-1443699541536216095634166132348733067370390419671821928903278205187759888169088130528690570", "1469038547", "25837138"),
        ("/", "-4611686018427387904", "-940894238", "4901386183.669442"),
        ("-", "4611686018427387903", "-539762981888402472259623853", "539762986500088490687011756"),
        ("-", "9223372036854775807", "-241943582550577368289498245", "241943591773949405144274052"),
        ("//", "13837408898564738381", "-2037035976334486086268445688409378161051468393665936250636140449354381299763336706183397376", "-1"),
        ("*", "-2928354928744964044", "-1219550256785723345037099506209704867546", "3571276005310659488640365586419600828480301216861552516024"),
        ("*", "61484823097781399998043238668599442222932018233101656967136748463603818437926924884065076", "-1361129467683753853853498429727072845824", "-83688804533712970608459022458344088918089849083390433666174171665460047578238386346081485176689918381624909070175880076930842624"),
        ("^", "-638798258477466121642402413834901406339513495382243820117893121263142214818512898557859787", "-997556767332027586962898926", "638798258477466121642402413834901406339513495382243820117893122257899939312852698710960167"),
        ("&", "-12968649247404162058", "13883531795765026968", "4612831813197496464"),
        ("-", "53926018833538802", "36893488147419103231", "-36839562128585564429"),
        ("|", "0", "-639188840638978305551386800267280404118", "-639188840638978305551386800267280404118"),
        ("^", "-26", "-2147483647", "2147483623"),
        ("%", "-1030638450664882688524100712", "-1237940039285380274899124224", "-1030638450664882688524100712"),
        ("**", "-1085063140", "14", "3135957355013479715465702505820942692360774883231078464340191542820285573821385206896287886292652023169382889881600000000000000"),
        ("-", "-16039466673876288531", "2037035976334486086268445688409378161051468393665936250636140449354381299763336706183397376", "-2037035976334486086268445688409378161051468393665936250636140449354381315802803380059685907"),
        ("|", "6", "213915523927337207607993123", "213915523927337207607993127"),
        ("|", "-7517990151249658252", "-12", "-12"),
        ("|", "-1286122429060760052046202779297410331516", "354435303603129366158107844", "-1286122429060758689495033826548164203324"),
        ("//", "66616792192737020681155554", "1907197030829834327", "34929161"),
        ("%", "-260041279014728642982480212966677109077", "-2281812406473805145", "-542611352827263922"),
        ("%", "2068008555", "-573486736419990930", "-573486734351982375"),
        ("-", "-217675491", "-24", "-217675467"),
        ("<<", "7825546973015885499", "65", "288711724496033012528624454752972832768"),
        ("-", "18", "1324021393871245216257524107621702417842730681820869872234192286804362103243676102758449344", "-1324021393871245216257524107621702417842730681820869872234192286804362103243676102758449326"),
        ("**", "-31", "17", "-22550116774162743178682911"),
        ("**", "1222653585", "27", "227610604118692456510017497080943383308871637942578649296672541037594739770336641058749916450353315479998538073626326223807678899610861667874585047004898592741982882470890487857247673613655257904540108647412443452194246834885872900485992431640625"),
        (">>", "-724985384404477438626215968435549936591", "31", "-337597627381085156754691139067"),
        ("&", "-779895951500176188618383996602131516329084760862311209989987247932200540788851664092790341", "-8969668415330408796", "-779895951500176188618383996602131516329084760862311209989987247932200542253234861898727264"),
        ("|", "-489878355475882599611799045486506268665", "32", "-489878355475882599611799045486506268633"),
        ("-", "260350685554544460513792818", "2940284126379272290", "260350682614260334134520528"),
        ("<<", "2705636352681914526", "0", "2705636352681914526"),
        ("*", "31007897157366757494126041092016185795271540170552284729704761635521031338854885848481563", "-4312841511876444061", "-133732146056286938479810005692293187882275186520600216642965587797366084690618313450031984467296304759347343"),
        ("+", "214061813", "-7607767621374766472", "-7607767621160704659"),
        ("+", "-513644898650538005386680543", "842724689704161993168592500163319033380872182812274873837390154896618529935617503526959552", "842724689704161993168592500163319033380872182812274873837390154382973631285079498140279009"),
        ("//", "-2147483647", "36893488147419103232", "-1"),
        ("&", "-1112042260956685746210968428360833441337", "1132202391566306344171334835864083316080", "25609446312444865410927475498261094720"),
        ("&", "-3755382074805198345", "-9223372036854775807", "-9223372036854775807"),
        ("*", "-4611686018427387904", "2147483647", "-9903520309671356180765605888"),
        ("*", "-1", "-9656169852905272472", "9656169852905272472"),
        ("/", "118224716266629076", "256161813605407074023174515866588002243", "4.615235760656466e-22"),
        ("*", "-18446744073709551616", "1", "-18446744073709551616"),
        ("-", "1237940039285380274899124224", "1352018583", "1237940039285380273547105641"),
        ("//", "3821135072725278636", "24", "159213961363553276"),
        ("**", "1069112907444", "8", "1706823377991690774099385067556923826956597270531397263191259662494738676897876968033184624214016"),
        ("%", "-36893488147419103231", "827973944", "295652697"),
        ("<<", "-23", "65", "-848550227390639374336"),
        ("-", "812927097404924452118262564828293598898883236922303730583119815243995230061330893256969087", "651778571444217510256445960440733026917031400031448901739145217261687046017228539091303140", "161148525960706941861816604387560571981851836890854828843974597982308184044102354165665947"),
        ("*", "-3645917024888900199", "124679531991847409878508526520817417221", "-454571228344256761685140037590044506889306050114412926979"),
        (">>", "1278095219970695400819335756423725471119241238103196734075421536133416955865925911873917772", "127", "7511968554442606713052859121299393481740573213377409"),
        ("%", "-302900051438690174", "-796526428353388092646033643", "-302900051438690174"),
        ("-", "-1037621090", "-6638113326697661932", "6638113325660040842"),
        ("//", "17", "-2037035976334486086268445688409378161051468393665936250636140449354381299763336706183397375", "-1"),
        ("|", "-14422130255771679070", "18446744073709551616", "-14422130255771679070"),
        ("&", "-16", "36893488147419103232", "36893488147419103232"),
        ("-", "2037035976334486086268445688409378161051468393665936250636140449354381299763336706183397376", "1312182684759256475904891958986682526849", "2037035976334486086268445688409378161051468393665934938453455690097905394871377719500870527"),
        ("&", "-4611686018427387903", "713837909909132689", "1"),
        (">>", "-503742493984011502150376968", "29", "-938293512880823579"),
        ("<<", "1677622015261036798", "29", "900666461324470743807819776"),
        ("**", "-32", "31", "-45671926166590716193865151022383844364247891968"),
        ("/", "-3975561169159078871", "1450009992024327608", "-2.7417474300359017"),
        ("//", "-1", "-1237940039285380274899124223", "0"),
        ("+", "-395197389459289854975194704", "674991986", "-395197389459289854300202718"),
        ("^", "8136387844124823266", "2037035976334486086268445688409378161051468393665936250636140449354381299763336706183397375", "2037035976334486086268445688409378161051468393665936250636140449354381291626948862058574109"),
        ("<<", "-2554867774445128642", "30", "-2743268384211533015975723008"),
        ("//", "-2816736817127118144", "-36893488147419103231", "0"),
        ("+", "870616085314172718", "1243655903", "870616086557828621"),
        (">>", "31", "0", "31"),
        ("|", "7", "-32", "-25"),
        ("**", "9223372036854775808", "30", "88448771443952937988070644155037561422858825544533428496495779911601139499522777157934184566439227216106791839364897366036734335634912102738537861483096452501590794500366037505070655509492154554330380012187428569493313327601290644792165407831275752714974250153462485472760588879376768193944545983701113594651492775803125944164632554194156221540393238651200515281509096320752698232834711818187909914434986938220058194138506237353577333336102788317629403447047617577968414072793190825064536181674655498943658601158166803883275870027173333526136193657844232347425622196224"),
        ("&", "-475093115198964760745076460", "27660224595478320573", "2184406451605213460"),
        ("//", "-1360680746640855038", "3", "-453560248880285013"),
        ("^", "1809404314847008210798256646156851430791439750022096997388065105809628673323900367829384221", "18446744073709551615", "1809404314847008210798256646156851430791439750022096997388065105809628660892746626353152994"),
        ("|", "1832427033311208883", "1237940039285380274899124224", "1237940041117807308210333107"),
        ("+", "-12", "-3", "-15"),
        ("%", "-27409014176359009516", "211042077754726060595847180", "211042050345711884236837664"),
        ("/", "1782424550968323122278066970574598623354813214002380660424046502702810876260522790453655440", "6045913432970516253", "2.948147654989779e+71"),
        ("**", "7333766795489457650", "4", "2892733221868307118050298614992232373554252905872312994314990693708006250000"),
        ("/", "-1702324394532968218", "1589684030623520809", "-1.0708570770917707"),
        ("/", "-1237940039285380274899124224", "-14907891199573728998", "83039245.63930126"),
        ("+", "3", "18446744073709551615", "18446744073709551618"),
        ("%", "2", "-21", "-19"),
        ("/", "8512004838098072209", "-32", "-2.6600015119056477e+17"),
        ("-", "-227144650373545782698315000", "-2147483648", "-227144650373545780550831352"),
        (">>", "-36893488147419103232", "65", "-1"),
    ]

    func apply(_ op: String, _ a: Obj, _ b: Obj) -> Obj? {
        switch op {
        case "+": return MiniNumber_Add(a, b)
        case "-": return MiniNumber_Subtract(a, b)
        case "*": return MiniNumber_Multiply(a, b)
        case "//": return MiniNumber_FloorDivide(a, b)
        case "%": return MiniNumber_Remainder(a, b)
        case "/": return MiniNumber_TrueDivide(a, b)
        case "**": return MiniNumber_Power(a, b, nil)
        case "&": return lts_int_bitop(a, b, CChar(UInt8(ascii: "&")))
        case "|": return lts_int_bitop(a, b, CChar(UInt8(ascii: "|")))
        case "^": return lts_int_bitop(a, b, CChar(UInt8(ascii: "^")))
        case "<<": return lts_int_bitop(a, b, CChar(UInt8(ascii: "<")))
        case ">>": return lts_int_bitop(a, b, CChar(UInt8(ascii: ">")))
        default: XCTFail("unknown operator \(op)"); return nil
        }
    }

    func testOperatorsMatchCPython() {
        for (op, sa, sb, expected) in recorded {
            let a = big(sa), b = big(sb)
            XCTAssertEqual(show(apply(op, a, b)), expected, "\(sa) \(op) \(sb)")
            Mini_DECREF(a)
            Mini_DECREF(b)
        }
        assertBalanced()
    }

    func testPromotionAndDemotion() {
        let maxI = int(Int.max), one = int(1)
        let up = MiniNumber_Add(maxI, one)!
        XCTAssertEqual(lts_int_is_compact(up), 0, "2**63 needs the big form")
        XCTAssertEqual(lts_int_digits(up), 3)
        let down = MiniNumber_Subtract(up, one)!
        XCTAssertEqual(lts_int_is_compact(down), 1, "2**63 - 1 is compact again")
        XCTAssertEqual(MiniLong_AsLong(down), Int.max)
        // A big result that becomes small lands in the small-int cache.
        let a = big("100000000000000000000000"), b = big("99999999999999999999999")
        let five = int(5)
        let diff = MiniNumber_Subtract(a, b)!
        XCTAssertEqual(lts_int_is_compact(diff), 1)
        XCTAssertEqual(diff, one, "results that fit are the cached small ints")
        let minI = int(Int.min), m1 = int(-1)
        let neg = MiniNumber_Negative(minI)!
        XCTAssertEqual(repr(neg), "9223372036854775808")
        let back = MiniNumber_Multiply(neg, m1)!
        XCTAssertEqual(lts_int_is_compact(back), 1)
        XCTAssertEqual(MiniLong_AsLong(back), Int.min)
        for o in [maxI, one, up, down, a, b, five, diff, minI, m1, neg, back] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testExactSumOfSquares() {
        // sum(i * i for i in range(4_000_000)) crosses 2**63 on the way.
        var acc = int(0)
        for i in 0..<4_000_000 {
            let x = int(i), sq = MiniNumber_Multiply(x, x)!, next = MiniNumber_Add(acc, sq)!
            Mini_DECREF(x); Mini_DECREF(sq); Mini_DECREF(acc)
            acc = next
        }
        XCTAssertEqual(show(acc), "21333325333334000000")
        assertBalanced()
    }

    func testTextConversions() {
        XCTAssertEqual(show(big("7")), "7")
        let p = big("3234476509624757991344647769100216810857203198904625400933895331391691459636928060001")
        XCTAssertEqual(strOf(p), "3234476509624757991344647769100216810857203198904625400933895331391691459636928060001")
        Mini_DECREF(p)
        XCTAssertEqual(show(big("  -0X_DEAD_BEEF_CAFE_BABE_1234  ", 16)), "-1051570404360395033547316")
        XCTAssertEqual(show(big(String(repeating: "1", count: 30), 2)), "1073741823")
        XCTAssertEqual(show(big(String(repeating: "zz", count: 10), 36)), "13367494538843734067838845976575")
        XCTAssertEqual(show(big("1_000_000_000_000_000_000_000")), "1000000000000000000000")
        XCTAssertEqual(show(big("0b1111", 0)), "15")
        XCTAssertEqual(show(lts_int("12_", 10)), "ERROR ValueError: invalid literal for int() with base 10: '12_'")
        XCTAssertEqual(show(lts_int("010", 0)), "ERROR ValueError: invalid literal for int() with base 0: '010'")
        let x = big("-1267650600228229401496703205376")   // -2**100
        XCTAssertEqual(show(lts_int_format(x, 16, 1)), "'-0x10000000000000000000000000'")
        XCTAssertEqual(show(lts_int_format(x, 8, 1)), "'-0o2000000000000000000000000000000000'")
        XCTAssertEqual(show(lts_int_format(x, 2, 0)), "'-1" + String(repeating: "0", count: 100) + "'")
        XCTAssertEqual(show(lts_int_format(x, 10, 0)), "'-1267650600228229401496703205376'")
        Mini_DECREF(x)
        // CPython 3.11's limit on decimal conversions of huge ints.
        let digits4301 = "1" + String(repeating: "0", count: 4300)
        XCTAssertEqual(show(lts_int(digits4301, 10)), "ERROR ValueError: Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit")
        let old = lts_set_max_str_digits(0)
        let huge = big(digits4301)
        _ = lts_set_max_str_digits(old)
        XCTAssertEqual(show(MiniObject_Repr(huge)), "ERROR ValueError: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit")
        XCTAssertEqual(show(lts_int_format(huge, 16, 1)).count, 3574 + 2, "power-of-two bases have no limit")
        _ = lts_set_max_str_digits(0)
        XCTAssertEqual(strOf(huge), digits4301)
        _ = lts_set_max_str_digits(old)
        Mini_DECREF(huge)
        assertBalanced()
    }

    func testHashMatchesCPython() {
        for (text, h) in [("2305843009213693952", 1), ("2305843009213693951", 0), ("-2305843009213693952", -2),
                          ("18446744073709551621", 13), ("-1267650600228229401496703205376", -549755813888),
                          ("1000000000000000000000000000000", 465258685558744706), ("-1", -2)] {
            let o = big(text)
            XCTAssertEqual(MiniObject_Hash(o), h, "hash(\(text))")
            Mini_DECREF(o)
        }
        // Equal ints and floats hash alike.
        let i = big("1180591620717411303424"), f = float(1180591620717411303424.0)
        XCTAssertEqual(MiniObject_Hash(i), MiniObject_Hash(f))
        Mini_DECREF(i); Mini_DECREF(f)
        assertBalanced()
    }

    func testComparisonsAndFloats() {
        let b = big("1180591620717411303424"), bp1 = big("1180591620717411303425"), f = float(1180591620717411303424.0)
        let inf = float(.infinity), e400 = big("1" + String(repeating: "0", count: 400)), small = float(2.5)
        XCTAssertEqual(MiniObject_RichCompareBool(b, f, Mini_EQ), 1)
        XCTAssertEqual(MiniObject_RichCompareBool(bp1, f, Mini_GT), 1, "exact, not through double")
        XCTAssertEqual(MiniObject_RichCompareBool(f, bp1, Mini_LT), 1)
        XCTAssertEqual(MiniObject_RichCompareBool(e400, inf, Mini_LT), 1)
        XCTAssertEqual(MiniObject_RichCompareBool(small, b, Mini_LT), 1)
        XCTAssertEqual(MiniObject_RichCompareBool(b, bp1, Mini_LT), 1)
        XCTAssertEqual(MiniObject_IsTrue(b), 1)
        XCTAssertEqual(show(MiniNumber_Float(b)), "1.1805916207174113e+21")
        XCTAssertEqual(show(MiniNumber_Float(e400)), "ERROR OverflowError: int too large to convert to float")
        XCTAssertEqual(show(MiniNumber_Multiply(e400, small)), "ERROR OverflowError: int too large to convert to float")
        XCTAssertEqual(show(MiniNumber_Add(small, b)), "1.1805916207174113e+21")
        XCTAssertEqual(MiniLong_AsDouble(e400), -1.0)
        XCTAssertEqual(takeError(), "OverflowError: int too large to convert to float")
        XCTAssertEqual(show(MiniLong_FromDouble(1e25)), "10000000000000000905969664")
        XCTAssertEqual(show(MiniLong_FromDouble(-3.5e19)), "-35000000000000000000")
        let negative = big("-1208925819614629174706176")
        XCTAssertEqual(show(MiniNumber_Absolute(negative)), "1208925819614629174706176")
        for o in [b, bp1, f, inf, e400, small, negative] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testConversionsToC() {
        let b = big("18446744073709551615"), neg = big("-9223372036854775809"), b64 = big("18446744073709551616")
        XCTAssertEqual(MiniLong_AsLong(b), -1)
        XCTAssertEqual(takeError(), "OverflowError: Python int too large to convert to C long")
        XCTAssertEqual(MiniLong_AsLongLong(neg), -1)
        XCTAssertEqual(takeError(), "OverflowError: Python int too large to convert to C long long")
        XCTAssertEqual(MiniLong_AsSsize_t(b), -1)
        XCTAssertEqual(takeError(), "OverflowError: Python int too large to convert to C ssize_t")
        var overflow: Int32 = 0
        XCTAssertEqual(MiniLong_AsLongAndOverflow(neg, &overflow), -1)
        XCTAssertEqual(overflow, -1)
        XCTAssertNil(MiniErr_Occurred())
        XCTAssertEqual(MiniLong_AsUnsignedLongLong(b), UInt64.max, "2**64 - 1 fits unsigned long long")
        XCTAssertEqual(MiniLong_AsSize_t(b), Int(bitPattern: UInt.max))
        XCTAssertEqual(MiniLong_AsUnsignedLongLong(b64), UInt64.max)
        XCTAssertEqual(takeError(), "OverflowError: Python int too large to convert to C unsigned long long")
        XCTAssertEqual(MiniLong_AsUnsignedLongLong(neg), UInt64.max)
        XCTAssertEqual(takeError(), "OverflowError: can't convert negative int to unsigned")
        XCTAssertEqual(lts_int_bits(b64), 65)
        XCTAssertEqual(show(lts_call_method(b64, "bit_length", nil, nil)), "65")
        XCTAssertEqual(show(lts_call_method(b, "bit_count", nil, nil)), "64")
        for o in [b, neg, b64] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testDivisionAndPowerSemantics() {
        let x = big("-1180591620717411303424"), three = int(3), m3 = int(-3), zero = int(0), m2 = int(-2), two = int(2)
        XCTAssertEqual(show(MiniNumber_FloorDivide(x, three)), "-393530540239137101142")
        XCTAssertEqual(show(MiniNumber_Remainder(x, three)), "2")
        XCTAssertEqual(show(MiniNumber_Remainder(x, m3)), "-1")
        XCTAssertEqual(show(MiniNumber_FloorDivide(x, zero)), "ERROR ZeroDivisionError: integer division or modulo by zero")
        XCTAssertEqual(show(MiniNumber_Remainder(x, zero)), "ERROR ZeroDivisionError: integer modulo by zero")
        XCTAssertEqual(show(MiniNumber_TrueDivide(x, zero)), "ERROR ZeroDivisionError: division by zero")
        XCTAssertEqual(show(MiniNumber_Power(x, m2, nil)), "7.174648137343064e-43")
        XCTAssertEqual(show(MiniNumber_Power(x, two, nil)), "1393796574908163946345982392040522594123776")
        let huge = big("1" + String(repeating: "0", count: 400))
        XCTAssertEqual(show(MiniNumber_TrueDivide(huge, three)), "ERROR OverflowError: integer division result too large for a float")
        XCTAssertEqual(show(MiniNumber_TrueDivide(three, huge)), "0.0")
        let fl = float(1e300)
        XCTAssertEqual(show(MiniNumber_FloorDivide(fl, huge)), "ERROR OverflowError: int too large to convert to float")
        for o in [x, three, m3, zero, m2, two, huge, fl] { Mini_DECREF(o) }
        assertBalanced()
    }

    func testToBytesAndMethods() {
        let b64 = big("18446744073709551616"), m1 = int(-1), k = int(1024)
        let args9 = tuple([int(9), str("big")])
        XCTAssertEqual(show(lts_call_method(b64, "to_bytes", args9, nil)), "b'\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00'")
        let kw = MiniDict_New()!
        XCTAssertEqual(MiniDict_SetItemString(kw, "signed", Mini_GetTrue()), 0)
        let args2 = tuple([int(2), str("little")])
        XCTAssertEqual(show(lts_call_method(m1, "to_bytes", args2, kw)), "b'\\xff\\xff'")
        XCTAssertEqual(show(lts_call_method(m1, "to_bytes", args2, nil)), "ERROR OverflowError: can't convert negative int to unsigned")
        let args1 = tuple([int(1)])
        XCTAssertEqual(show(lts_call_method(k, "to_bytes", args1, nil)), "ERROR OverflowError: int too big to convert")
        XCTAssertEqual(show(lts_call_method(b64, "as_integer_ratio", nil, nil)), "(18446744073709551616, 1)")
        for o in [b64, m1, k, args9, kw, args2, args1] { Mini_DECREF(o) }
        assertBalanced()
    }
}
