/// What a page holds, top to bottom: `PDFDocument` lays blocks out on A4 pages, breaking pages
/// where they are full.
public enum PDFBlock: Sendable {
    /// Text wrapped to the width of the page; `\n` starts a new line.
    case text(String, TextStyle = .body)
    case table(PDFTable)
    /// A framed box the width of the page, its caption in bold at the top: where a signature and
    /// a stamp go. The PNG `image`, if any, is drawn inside, as large as fits.
    case box(caption: String, height: Double, image: [UInt8]?)
    /// A QR code, centred, in a square of `side` points (its quiet zone included).
    case qrCode(QRCode, side: Double)
    /// Horizontal bars under a title, each value written beside its bar.
    case bars(BarChart)
    /// Empty space, in points.
    case space(Double)
    /// The next block starts on a new page.
    case pageBreak
}

public struct TextStyle: Sendable {
    public enum Alignment: Sendable { case left, center, right }

    public var size: Double
    public var weight: PDFCanvas.Weight
    public var alignment: Alignment
    /// Space after the block, in points.
    public var spaceAfter: Double

    public init(size: Double, weight: PDFCanvas.Weight = .regular, alignment: Alignment = .left, spaceAfter: Double = 0)
    {
        self.size = size
        self.weight = weight
        self.alignment = alignment
        self.spaceAfter = spaceAfter
    }

    public static let body = TextStyle(size: 10, spaceAfter: 6)
    public static let title = TextStyle(size: 16, weight: .bold, alignment: .center, spaceAfter: 14)

    var lineHeight: Double { size * 1.3 }
    /// From a line's top to its baseline.
    var ascent: Double { size * 0.95 }
}

/// A table with borders: its header row is drawn again at the top of each page it continues on.
/// Cells wrap; a row is at least `minimumRowHeight` tall (room for a signature).
public struct PDFTable: Sendable {
    public struct Column: Sendable {
        public var title: String
        /// The share of the page's width, relative to the other columns' weights.
        public var weight: Double
        public var alignment: TextStyle.Alignment

        public init(_ title: String, weight: Double, alignment: TextStyle.Alignment = .left) {
            self.title = title
            self.weight = weight
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public var rows: [[String]]
    /// A PNG drawn in a cell below its text, as large as fits: `images[row][column]`, where
    /// given (a signature in its box).
    public var images: [[[UInt8]?]]
    public var size: Double
    public var minimumRowHeight: Double
    public var spaceAfter: Double
    /// `false`: a table of labels and values, without borders or header.
    public var framed: Bool

    public init(
        columns: [Column], rows: [[String]], images: [[[UInt8]?]] = [], size: Double = 9, minimumRowHeight: Double = 0,
        spaceAfter: Double = 10, framed: Bool = true
    ) {
        self.columns = columns
        self.rows = rows
        self.images = images
        self.size = size
        self.minimumRowHeight = minimumRowHeight
        self.spaceAfter = spaceAfter
        self.framed = framed
    }
}
