import Foundation

/// Lays blocks out on pages and draws them: text wrapped by words (a word longer than the line
/// is cut), tables whose rows never split across pages, and a footer on every page that knows
/// the page count (`Page 2 sur 3`). Lays out everything first, then draws: the count is known
/// before the first page is drawn.
public struct PDFDocument {
    public var title: String
    /// The creation date written in the file (see `PDFCanvas`).
    public var created: String
    public var margin: Double = 50
    /// The footer of page `n` of `count`, drawn centred at the bottom; `nil`: none.
    public var footer: (@Sendable (_ page: Int, _ count: Int) -> String)?

    public init(title: String, created: String, footer: (@Sendable (_ page: Int, _ count: Int) -> String)? = nil) {
        self.title = title
        self.created = created
        self.footer = footer
    }

    /// `2026-03-09T10:15:00+01:00`: a creation date as the PDF's metadata writes it, in `timeZone`.
    public static func creationDate(_ date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = timeZone.secondsFromGMT(for: date) / 60
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
            parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
            + (offset < 0 ? "-" : "+") + String(format: "%02d:%02d", abs(offset) / 60, abs(offset) % 60)
    }

    public func render(_ blocks: [PDFBlock]) throws(DocumentError) -> [UInt8] {
        let canvas = try PDFCanvas(title: title, created: created)
        var layout = Layout(canvas: canvas, margin: margin, bottomReserve: footer == nil ? 0 : 24)
        for block in blocks { try layout.place(block) }
        let pages = layout.finishedPages()
        for (index, page) in pages.enumerated() {
            if index > 0 { canvas.nextPage() }
            for item in page {
                switch item {
                case .text(let text, let x, let y, let size, let weight):
                    canvas.text(text, x: x, y: y, size: size, weight: weight)
                case .frame(let x, let y, let width, let height):
                    canvas.rectangle(x: x, y: y, width: width, height: height)
                case .image(let image, let x, let y, let width, let height):
                    canvas.draw(image, x: x, y: y, width: width, height: height)
                case .qrCode(let code, let x, let y, let side):
                    canvas.draw(code, x: x, y: y, side: side)
                case .bar(let x, let y, let width, let height):
                    canvas.fill(x: x, y: y, width: width, height: height)
                }
            }
            if let footer {
                let text = footer(index + 1, pages.count)
                let width = canvas.width(of: text, size: 8)
                canvas.text(
                    text, x: (canvas.pageSize.width - width) / 2, y: canvas.pageSize.height - margin / 2, size: 8)
            }
        }
        return try canvas.finish()
    }
}

/// What is drawn where: the layout's output, one list per page.
enum Drawing {
    case text(String, x: Double, y: Double, size: Double, weight: PDFCanvas.Weight)
    case frame(x: Double, y: Double, width: Double, height: Double)
    case image(PNGImage, x: Double, y: Double, width: Double, height: Double)
    case qrCode(QRCode, x: Double, y: Double, side: Double)
    /// A bar of a chart, filled.
    case bar(x: Double, y: Double, width: Double, height: Double)
}

/// The cursor running down the pages.
struct Layout {
    let canvas: PDFCanvas
    let left: Double, width: Double, top: Double, bottom: Double
    private var pages: [[Drawing]] = [[]]
    var y: Double

    init(canvas: PDFCanvas, margin: Double, bottomReserve: Double) {
        self.canvas = canvas
        left = margin
        width = canvas.pageSize.width - 2 * margin
        top = margin
        bottom = canvas.pageSize.height - margin - bottomReserve
        y = top
    }

    func finishedPages() -> [[Drawing]] { pages }

    /// `drawing` on the current page.
    mutating func append(_ drawing: Drawing) { pages[pages.count - 1].append(drawing) }

    mutating func place(_ block: PDFBlock) throws(DocumentError) {
        switch block {
        case .text(let text, let style):
            for line in lines(text, width: width, size: style.size, weight: style.weight) {
                if y + style.lineHeight > bottom { newPage() }
                draw(line, x: left, width: width, top: y, style: style)
                y += style.lineHeight
            }
            y += style.spaceAfter
        case .table(let table):
            try place(table)
        case .box(let caption, let height, let png):
            placeBox(
                caption: caption, height: height,
                image: try png.map { bytes throws(DocumentError) in try PNGImage(bytes) })
        case .qrCode(let code, let side):
            let side = min(side, width, bottom - top)
            if y + side > bottom { newPage() }
            pages[pages.count - 1].append(.qrCode(code, x: left + (width - side) / 2, y: y, side: side))
            y += side
        case .bars(let chart):
            place(chart)
        case .space(let points):
            y = min(y + points, bottom)
        case .pageBreak:
            newPage()
        }
    }

    /// A framed box on one page: its caption in bold, then the image as large as fits.
    private mutating func placeBox(caption: String, height: Double, image: PNGImage?) {
        if y + height > bottom && y > top { newPage() }
        let padding = Self.cellPadding
        let style = TextStyle(size: 9, weight: .bold)
        pages[pages.count - 1].append(.frame(x: left, y: y, width: width, height: height))
        draw(caption, x: left + padding, width: width - 2 * padding, top: y + padding, style: style)
        if let image {
            let inside = y + 2 * padding + style.lineHeight
            pages[pages.count - 1].append(
                .image(
                    image, x: left + padding, y: inside, width: width - 2 * padding,
                    height: y + height - padding - inside))
        }
        y += height + 10
    }

    mutating func newPage() {
        pages.append([])
        y = top
    }

    mutating func draw(_ line: String, x: Double, width: Double, top: Double, style: TextStyle) {
        let offset: Double =
            switch style.alignment {
            case .left: 0
            case .center: (width - canvas.width(of: line, size: style.size, weight: style.weight)) / 2
            case .right: width - canvas.width(of: line, size: style.size, weight: style.weight)
            }
        pages[pages.count - 1].append(
            .text(line, x: x + offset, y: top + style.ascent, size: style.size, weight: style.weight))
    }

    private static let cellPadding = 4.0

    private mutating func place(_ table: PDFTable) throws(DocumentError) {
        let total = table.columns.reduce(0) { $0 + $1.weight }
        let widths = table.columns.map { width * $0.weight / max(total, 1e-9) }
        let style = TextStyle(size: table.size)
        let header = TextStyle(size: table.size, weight: .bold)
        let head = measure(table.columns.map(\.title), widths: widths, style: header, minimum: 0)
        if table.framed {
            if y + head.height > bottom { newPage() }
            drawRow(head.lines, height: head.height, widths: widths, table: table, style: header)
        }
        for (index, row) in table.rows.enumerated() {
            let cells = measure(row, widths: widths, style: style, minimum: table.minimumRowHeight)
            if y + cells.height > bottom && y > top {
                newPage()
                if table.framed {
                    drawRow(head.lines, height: head.height, widths: widths, table: table, style: header)
                }
            }
            let images = try (index < table.images.count ? table.images[index] : []).map {
                bytes throws(DocumentError) in try bytes.map { bytes throws(DocumentError) in try PNGImage(bytes) }
            }
            drawRow(cells.lines, height: cells.height, widths: widths, table: table, style: style, images: images)
        }
        y += table.spaceAfter
    }

    /// Each cell's lines, and the row's height.
    private func measure(_ cells: [String], widths: [Double], style: TextStyle, minimum: Double) -> (
        lines: [[String]], height: Double
    ) {
        let wrapped = widths.indices.map { index in
            lines(
                index < cells.count ? cells[index] : "", width: widths[index] - 2 * Self.cellPadding, size: style.size,
                weight: style.weight)
        }
        let tallest = wrapped.map(\.count).max() ?? 1
        return (wrapped, max(Double(tallest) * style.lineHeight + 2 * Self.cellPadding, minimum))
    }

    private mutating func drawRow(
        _ wrapped: [[String]], height: Double, widths: [Double], table: PDFTable, style: TextStyle,
        images: [PNGImage?] = []
    ) {
        var x = left
        for (index, cellLines) in wrapped.enumerated() {
            if table.framed {
                pages[pages.count - 1].append(.frame(x: x, y: y, width: widths[index], height: height))
            }
            var cellStyle = style
            cellStyle.alignment = table.columns[index].alignment
            for (number, line) in cellLines.enumerated() {
                draw(
                    line, x: x + Self.cellPadding, width: widths[index] - 2 * Self.cellPadding,
                    top: y + Self.cellPadding + Double(number) * style.lineHeight, style: cellStyle)
            }
            if index < images.count, let image = images[index] {
                let imageTop = y + Self.cellPadding + Double(cellLines.count) * style.lineHeight
                let imageHeight = y + height - Self.cellPadding - imageTop
                if imageHeight > 4 {
                    pages[pages.count - 1].append(
                        .image(
                            image, x: x + Self.cellPadding, y: imageTop, width: widths[index] - 2 * Self.cellPadding,
                            height: imageHeight))
                }
            }
            x += widths[index]
        }
        y += height
    }

    func lines(_ text: String, width: Double, size: Double, weight: PDFCanvas.Weight) -> [String] {
        canvas.lines(of: text, width: width, size: size, weight: weight)
    }
}
