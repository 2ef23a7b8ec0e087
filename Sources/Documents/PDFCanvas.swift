import CCairo

/// A PDF file being drawn, page after page, through cairo's PDF surface
/// (https://www.cairographics.org/manual/cairo-PDF-Surfaces.html). Coordinates are in points
/// (1/72 inch) from the top-left corner. The file is complete once `finish()` returns.
///
/// Owns cairo handles, which are not thread-safe: not `Sendable`.
public final class PDFCanvas {
    public struct PageSize: Sendable {
        public var width: Double
        public var height: Double
        public static let a4 = PageSize(width: 595.276, height: 841.89)
    }

    public enum Weight: Sendable { case regular, bold }

    private let surface: OpaquePointer
    private let context: OpaquePointer
    public let pageSize: PageSize
    /// The font family every text is drawn in; DejaVu covers French and its typography (« », œ).
    public var fontFamily = "DejaVu Sans"

    public init(path: String, pageSize: PageSize = .a4) throws(PDFError) {
        self.pageSize = pageSize
        surface = cairo_pdf_surface_create(path, pageSize.width, pageSize.height)
        context = cairo_create(surface)
        // cairo never returns NULL: a failure is a status on an inert object, which must still
        // be destroyed.
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_destroy(context)
            cairo_surface_destroy(surface)
            throw PDFError(status: status, path: path)
        }
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// Draws one line of text with its baseline starting at (x, y).
    public func text(_ string: String, x: Double, y: Double, size: Double, weight: Weight = .regular) {
        cairo_select_font_face(context, fontFamily, CAIRO_FONT_SLANT_NORMAL,
                               weight == .bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
        cairo_move_to(context, x, y)
        cairo_show_text(context, string)
    }

    /// The width the text would take, to align or wrap it.
    public func width(of string: String, size: Double, weight: Weight = .regular) -> Double {
        cairo_select_font_face(context, fontFamily, CAIRO_FONT_SLANT_NORMAL,
                               weight == .bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, string, &extents)
        return extents.x_advance
    }

    /// Strokes a rectangle: a signature box, a frame.
    public func rectangle(x: Double, y: Double, width: Double, height: Double, lineWidth: Double = 0.8) {
        cairo_set_line_width(context, lineWidth)
        cairo_rectangle(context, x, y, width, height)
        cairo_stroke(context)
    }

    /// Ends the current page and starts the next.
    public func nextPage() { cairo_show_page(context) }

    /// Writes the last page and closes the file.
    public func finish() throws(PDFError) {
        cairo_surface_finish(surface)
        let status = cairo_status(context) == CAIRO_STATUS_SUCCESS ? cairo_surface_status(surface) : cairo_status(context)
        guard status == CAIRO_STATUS_SUCCESS else { throw PDFError(status: status, path: nil) }
    }
}

@available(*, unavailable)
extension PDFCanvas: Sendable {}

/// A cairo failure, with cairo's own words for it.
public struct PDFError: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public let path: String?

    init(status: cairo_status_t, path: String?) {
        reason = String(cString: cairo_status_to_string(status))
        self.path = path
    }

    public var description: String {
        path.map { "Cannot write the PDF \($0): \(reason)" } ?? "Cannot draw the PDF: \(reason)"
    }
}
