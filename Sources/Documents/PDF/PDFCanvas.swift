import CCairo
import CPango

/// A PDF being drawn in memory, page after page, through cairo's PDF surface
/// (https://www.cairographics.org/manual/cairo-PDF-Surfaces.html). Coordinates are in points
/// (1/72 inch) from the top-left corner. `finish()` returns the file's bytes.
///
/// Text is laid out by Pango (https://docs.gtk.org/Pango/): shaped by HarfBuzz, in the order
/// its scripts read (an Arabic name right to left inside a French sentence), broken into lines
/// by Unicode's rules. Every character is drawn in DejaVu Sans when it has it, else in the
/// first font fontconfig finds that does (Noto Sans CJK for 山田, …). The fonts are embedded
/// (subsets). Given the same drawing and the same `created` date, the bytes are the same: a
/// document's checksum identifies its content.
///
/// Owns cairo and Pango handles, which are not thread-safe: not `Sendable`. Each canvas borrows
/// a font map for its life (`FontMaps`) rather than use Pango's per-thread default, since a Swift
/// task may change threads.
public final class PDFCanvas {
    public struct PageSize: Sendable {
        public var width: Double
        public var height: Double
        public static let a4 = PageSize(width: 595.276, height: 841.89)
    }

    public enum Weight: Sendable { case regular, bold }

    /// Receives the bytes cairo writes; kept alive by the canvas for as long as the surface.
    private final class Sink {
        var bytes: [UInt8] = []
    }

    private let sink = Sink()
    private let surface: OpaquePointer
    private let context: OpaquePointer
    private let typesetter: TextLayout
    public let pageSize: PageSize

    /// - Parameter created: the creation date written in the file, `2027-04-05T17:30:00+02:00`.
    public init(pageSize: PageSize = .a4, title: String, created: String) throws(DocumentError) {
        self.pageSize = pageSize
        surface = atelier_cairo_pdf_surface_create_for_stream(
            { closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().bytes
                    .append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque(), pageSize.width, pageSize.height)
        context = atelier_cairo_create(surface)
        // cairo never returns NULL: a failure is a status on an inert object, which must still
        // be destroyed.
        let status = atelier_cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            atelier_cairo_destroy(context)
            atelier_cairo_surface_destroy(surface)
            throw Self.error(status)
        }
        typesetter = TextLayout(drawingOn: context)
        atelier_cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        atelier_cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Atelier")
        atelier_cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, created)
    }

    deinit {
        atelier_cairo_destroy(context)
        atelier_cairo_surface_destroy(surface)
    }

    /// Draws one line of text with its baseline starting at (x, y).
    public func text(_ string: String, x: Double, y: Double, size: Double, weight: Weight = .regular) {
        typesetter.set(string, size: size, weight: weight)
        atelier_cairo_move_to(context, x, y - typesetter.baseline)
        atelier_pango_cairo_show_layout(context, typesetter.layout)
    }

    /// The width the text would take, to align it.
    public func width(of string: String, size: Double, weight: Weight = .regular) -> Double {
        typesetter.set(string, size: size, weight: weight)
        return typesetter.width
    }

    /// The text cut into lines no wider than `width`, by Unicode's line breaking rules: between
    /// words (a no-break space holds its words together), within a word only when the word alone
    /// is too wide. `\n` starts a new line.
    public func lines(of string: String, width: Double, size: Double, weight: Weight = .regular) -> [String] {
        typesetter.set(string, size: size, weight: weight, wrappingAt: width)
        return typesetter.lines()
    }

    /// Strokes a rectangle: a signature box, a table's cell.
    public func rectangle(x: Double, y: Double, width: Double, height: Double, lineWidth: Double = 0.6) {
        atelier_cairo_set_line_width(context, lineWidth)
        atelier_cairo_rectangle(context, x, y, width, height)
        atelier_cairo_stroke(context)
    }

    /// Fills a rectangle in the charts' blue: a bar.
    public func fill(x: Double, y: Double, width: Double, height: Double) {
        atelier_cairo_save(context)
        atelier_cairo_set_source_rgb(context, 0.04, 0.29, 0.47)
        atelier_cairo_rectangle(context, x, y, width, height)
        atelier_cairo_fill(context)
        atelier_cairo_restore(context)
    }

    /// Draws `image` as large as fits in the box, keeping its proportions, centred.
    public func draw(_ image: PNGImage, x: Double, y: Double, width: Double, height: Double) {
        guard image.width > 0, image.height > 0 else { return }
        let scale = min(width / Double(image.width), height / Double(image.height))
        atelier_cairo_save(context)
        atelier_cairo_translate(
            context, x + (width - Double(image.width) * scale) / 2, y + (height - Double(image.height) * scale) / 2)
        atelier_cairo_scale(context, scale, scale)
        atelier_cairo_set_source_surface(context, image.surface, 0, 0)
        atelier_cairo_paint(context)
        atelier_cairo_restore(context)
    }

    /// Draws `code` in black in a square of `side` points whose top-left corner is (x, y), its
    /// quiet zone included (left white).
    public func draw(_ code: QRCode, x: Double, y: Double, side: Double) {
        let module = side / Double(code.side + 2 * QRCode.quietZone)
        let origin = (x: x + module * Double(QRCode.quietZone), y: y + module * Double(QRCode.quietZone))
        atelier_cairo_save(context)
        atelier_cairo_set_source_rgb(context, 0, 0, 0)
        for run in code.runs {
            atelier_cairo_rectangle(
                context, origin.x + module * Double(run.column), origin.y + module * Double(run.row),
                module * Double(run.length), module)
        }
        atelier_cairo_fill(context)
        atelier_cairo_restore(context)
    }

    /// Ends the current page and starts the next.
    public func nextPage() { atelier_cairo_show_page(context) }

    /// Writes the last page and returns the whole file.
    public func finish() throws(DocumentError) -> [UInt8] {
        atelier_cairo_surface_finish(surface)
        let status =
            atelier_cairo_status(context) == CAIRO_STATUS_SUCCESS
            ? atelier_cairo_surface_status(surface) : atelier_cairo_status(context)
        guard status == CAIRO_STATUS_SUCCESS else { throw Self.error(status) }
        return sink.bytes
    }

    private static func error(_ status: cairo_status_t) -> DocumentError {
        DocumentError("Cannot draw the PDF: \(String(cString: atelier_cairo_status_to_string(status))).")
    }
}

@available(*, unavailable)
extension PDFCanvas: Sendable {}
