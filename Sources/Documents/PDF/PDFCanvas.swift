import CCairo

/// A PDF being drawn in memory, page after page, through cairo's PDF surface
/// (https://www.cairographics.org/manual/cairo-PDF-Surfaces.html). Coordinates are in points
/// (1/72 inch) from the top-left corner. `finish()` returns the file's bytes.
///
/// The fonts are embedded (subsets). Given the same drawing and the same `created` date, the
/// bytes are the same: a document's checksum identifies its content.
///
/// Owns cairo handles, which are not thread-safe: not `Sendable`.
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
    public let pageSize: PageSize
    /// The font family every text is drawn in; DejaVu covers French and its typography (« », œ, ☐).
    public let fontFamily = "DejaVu Sans"
    private var selected: (weight: Weight, size: Double)?

    /// - Parameter created: the creation date written in the file, `2027-04-05T17:30:00+02:00`.
    public init(pageSize: PageSize = .a4, title: String, created: String) throws(DocumentError) {
        self.pageSize = pageSize
        surface = cairo_pdf_surface_create_for_stream(
            { closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().bytes
                    .append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque(), pageSize.width, pageSize.height)
        context = cairo_create(surface)
        // cairo never returns NULL: a failure is a status on an inert object, which must still
        // be destroyed.
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_destroy(context)
            cairo_surface_destroy(surface)
            throw Self.error(status)
        }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Atelier")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, created)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    private func select(_ size: Double, _ weight: Weight) {
        if let selected, selected.weight == weight, selected.size == size { return }
        cairo_select_font_face(
            context, fontFamily, CAIRO_FONT_SLANT_NORMAL,
            weight == .bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
        selected = (weight, size)
    }

    /// Draws one line of text with its baseline starting at (x, y).
    public func text(_ string: String, x: Double, y: Double, size: Double, weight: Weight = .regular) {
        select(size, weight)
        cairo_move_to(context, x, y)
        cairo_show_text(context, string)
    }

    /// The width the text would take, to align or wrap it.
    public func width(of string: String, size: Double, weight: Weight = .regular) -> Double {
        select(size, weight)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, string, &extents)
        return extents.x_advance
    }

    /// Strokes a rectangle: a signature box, a table's cell.
    public func rectangle(x: Double, y: Double, width: Double, height: Double, lineWidth: Double = 0.6) {
        cairo_set_line_width(context, lineWidth)
        cairo_rectangle(context, x, y, width, height)
        cairo_stroke(context)
    }

    /// Draws `image` as large as fits in the box, keeping its proportions, centred.
    public func draw(_ image: PNGImage, x: Double, y: Double, width: Double, height: Double) {
        guard image.width > 0, image.height > 0 else { return }
        let scale = min(width / Double(image.width), height / Double(image.height))
        cairo_save(context)
        cairo_translate(
            context, x + (width - Double(image.width) * scale) / 2, y + (height - Double(image.height) * scale) / 2)
        cairo_scale(context, scale, scale)
        cairo_set_source_surface(context, image.surface, 0, 0)
        cairo_paint(context)
        cairo_restore(context)
    }

    /// Ends the current page and starts the next.
    public func nextPage() { cairo_show_page(context) }

    /// Writes the last page and returns the whole file.
    public func finish() throws(DocumentError) -> [UInt8] {
        cairo_surface_finish(surface)
        let status =
            cairo_status(context) == CAIRO_STATUS_SUCCESS ? cairo_surface_status(surface) : cairo_status(context)
        guard status == CAIRO_STATUS_SUCCESS else { throw Self.error(status) }
        return sink.bytes
    }

    private static func error(_ status: cairo_status_t) -> DocumentError {
        DocumentError("Cannot draw the PDF: \(String(cString: cairo_status_to_string(status))).")
    }
}

@available(*, unavailable)
extension PDFCanvas: Sendable {}
