import CCairo

/// A PNG image decoded by cairo, to be drawn on a page: a stamp, a logo. Owns its cairo surface:
/// not `Sendable`.
public final class PNGImage {
    let surface: OpaquePointer
    public let width: Int
    public let height: Int

    /// Decodes `bytes`; anything cairo cannot read as a PNG is refused.
    public init(_ bytes: [UInt8]) throws(DocumentError) {
        final class Reader {
            let bytes: [UInt8]
            var offset = 0
            init(_ bytes: [UInt8]) { self.bytes = bytes }
        }
        let reader = Reader(bytes)
        surface = withExtendedLifetime(reader) {
            atelier_cairo_image_surface_create_from_png_stream(
                { closure, data, length in
                    guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
                    let reader = Unmanaged<Reader>.fromOpaque(closure).takeUnretainedValue()
                    let count = Int(length)
                    guard reader.offset + count <= reader.bytes.count else { return CAIRO_STATUS_READ_ERROR }
                    reader.bytes.withUnsafeBufferPointer { buffer in
                        guard let base = buffer.baseAddress else { return }
                        data.update(from: base + reader.offset, count: count)
                    }
                    reader.offset += count
                    return CAIRO_STATUS_SUCCESS
                }, Unmanaged.passUnretained(reader).toOpaque())
        }
        let status = atelier_cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            atelier_cairo_surface_destroy(surface)
            throw DocumentError(
                "The image is not a PNG cairo can read: \(String(cString: atelier_cairo_status_to_string(status))).")
        }
        width = Int(atelier_cairo_image_surface_get_width(surface))
        height = Int(atelier_cairo_image_surface_get_height(surface))
    }

    deinit { atelier_cairo_surface_destroy(surface) }
}

@available(*, unavailable)
extension PNGImage: Sendable {}
