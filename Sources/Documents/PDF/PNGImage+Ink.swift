import CCairo

extension PNGImage {
    /// Whether anything is drawn: a pixel at least half opaque and darker than light grey. A
    /// signature pad sends a blank image when nothing was drawn, white or transparent.
    public var hasInk: Bool {
        atelier_cairo_surface_flush(surface)
        guard let data = atelier_cairo_image_surface_get_data(surface) else { return false }
        let stride = Int(atelier_cairo_image_surface_get_stride(surface))
        let opaque = atelier_cairo_image_surface_get_format(surface) != CAIRO_FORMAT_ARGB32
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                let pixel = row[x]
                // Native-endian 0xAARRGGBB, colours premultiplied by alpha.
                let alpha = opaque ? 255 : Int(pixel >> 24)
                let light = Int((pixel >> 16) & 0xFF) + Int((pixel >> 8) & 0xFF) + Int(pixel & 0xFF)
                if alpha >= 128 && light < 3 * alpha * 3 / 4 { return true }
            }
        }
        return false
    }
}
