import CCairo
import CPango
import Synchronization

/// One Pango layout, reused for every piece of text a canvas measures, wraps or draws, with a
/// font map of its own while it lives and the two faces documents use. Owns Pango objects: freed
/// here, never shared.
final class TextLayout {
    /// The family asked for first; fontconfig adds, after it, every font the machine has, so a
    /// character DejaVu lacks (山, अ…) is drawn from the first font that has it. DejaVu covers
    /// French and its typography (« », œ, ☐), Latin, Greek, Cyrillic and Hebrew.
    static let family = "DejaVu Sans"

    /// Scripts that DejaVu has but a Noto face draws as they are written: DejaVu's Arabic is
    /// a sketch of the script (and poppler reads a name set in it back with a space inside a
    /// word), Noto Sans Arabic is made for it. Runs of these letters are set in their face.
    static let scriptFaces: [(letters: [ClosedRange<UInt32>], family: String)] = [
        ([0x0600...0x06FF, 0x0750...0x077F, 0x0870...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF], "Noto Sans Arabic")
    ]

    private let fontMap: UnsafeMutablePointer<PangoFontMap>
    private let pango: OpaquePointer
    let layout: OpaquePointer
    private let faces: [PDFCanvas.Weight: OpaquePointer]
    private var selected: (weight: PDFCanvas.Weight, size: Double)?
    private var wrapping: Double?
    private var bytes: [UInt8] = []
    private var hasScriptFaces = false

    init(drawingOn context: OpaquePointer) {
        fontMap = FontMaps.borrow()
        pango = atelier_pango_font_map_create_context(fontMap)
        atelier_pango_cairo_update_context(context, pango)
        // A PDF has no pixels: outlines unhinted, widths as designed, glyphs placed to the
        // fraction of a point, so a line measured is the line drawn.
        let options = atelier_cairo_font_options_create()
        atelier_cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        atelier_cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        atelier_pango_cairo_context_set_font_options(pango, options)
        atelier_cairo_font_options_destroy(options)
        atelier_pango_context_set_round_glyph_positions(pango, 0)
        atelier_pango_context_set_language(pango, atelier_pango_language_from_string("fr"))
        layout = atelier_pango_layout_new(pango)
        atelier_pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        // Every paragraph reads left to right, as the French document around it: an Arabic name
        // alone on its line is one right-to-left run in it, placed where a French one would be.
        atelier_pango_layout_set_auto_dir(layout, 0)
        faces = [
            .regular: Self.face(weight: PANGO_WEIGHT_NORMAL),
            .bold: Self.face(weight: PANGO_WEIGHT_BOLD),
        ]
    }

    deinit {
        for face in faces.values { atelier_pango_font_description_free(face) }
        atelier_g_object_unref(UnsafeMutableRawPointer(layout))
        atelier_g_object_unref(UnsafeMutableRawPointer(pango))
        FontMaps.giveBack(fontMap)
    }

    private static func face(weight: PangoWeight) -> OpaquePointer {
        // glib aborts when it cannot allocate rather than returning NULL.
        let face = atelier_pango_font_description_new()!
        atelier_pango_font_description_set_family(face, family)
        atelier_pango_font_description_set_weight(face, weight)
        return face
    }

    /// Makes `text` the layout's, in one paragraph per `\n`, wrapped at `width` points if given.
    func set(_ text: String, size: Double, weight: PDFCanvas.Weight, wrappingAt width: Double? = nil) {
        if selected?.weight != weight || selected?.size != size, let face = faces[weight] {
            atelier_pango_font_description_set_absolute_size(face, size * Double(PANGO_SCALE))
            atelier_pango_layout_set_font_description(layout, face)
            selected = (weight, size)
        }
        if wrapping != width {
            atelier_pango_layout_set_width(
                layout, width.map { Int32(clamping: Int(max($0, 0) * Double(PANGO_SCALE))) } ?? -1)
            wrapping = width
        }
        bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                atelier_pango_layout_set_text(layout, $0.baseAddress, Int32(clamping: $0.count))
            }
        }
        setScriptFaces(text)
    }

    /// Gives each run of letters of `scriptFaces` its family; text in ASCII, most of it, has none.
    private func setScriptFaces(_ text: String) {
        var runs: [(range: Range<Int>, family: String)] = []
        if bytes.contains(where: { $0 >= 0x80 }) {
            var offset = 0
            for scalar in text.unicodeScalars {
                let length = UTF8.width(scalar)
                if let face = Self.scriptFaces.first(where: { $0.letters.contains { $0.contains(scalar.value) } }) {
                    if let last = runs.last, last.range.upperBound == offset, last.family == face.family {
                        runs[runs.count - 1].range = last.range.lowerBound..<offset + length
                    } else {
                        runs.append((offset..<offset + length, face.family))
                    }
                }
                offset += length
            }
        }
        guard !runs.isEmpty || hasScriptFaces else { return }
        let attributes = atelier_pango_attr_list_new()
        for run in runs {
            guard let attribute = atelier_pango_attr_family_new(run.family + ", " + Self.family) else { continue }
            attribute.pointee.start_index = UInt32(run.range.lowerBound)
            attribute.pointee.end_index = UInt32(run.range.upperBound)
            atelier_pango_attr_list_insert(attributes, attribute)
        }
        atelier_pango_layout_set_attributes(layout, runs.isEmpty ? nil : attributes)
        atelier_pango_attr_list_unref(attributes)
        hasScriptFaces = !runs.isEmpty
    }

    /// The width of the text set, in points.
    var width: Double {
        var logical = PangoRectangle()
        atelier_pango_layout_get_extents(layout, nil, &logical)
        return Double(logical.width) / Double(PANGO_SCALE)
    }

    /// From the top of the text set to its first baseline, in points.
    var baseline: Double { Double(atelier_pango_layout_get_baseline(layout)) / Double(PANGO_SCALE) }

    /// The lines Pango broke the text set into, each without the spaces it ends with.
    func lines() -> [String] {
        (0..<atelier_pango_layout_get_line_count(layout)).map { index in
            guard let line = atelier_pango_layout_get_line_readonly(layout, index)?.pointee else { return "" }
            let start = min(max(Int(line.start_index), 0), bytes.count)
            let end = min(start + max(Int(line.length), 0), bytes.count)
            var text = String(decoding: bytes[start..<end], as: UTF8.self)
            while let last = text.last, last == " " || last.isNewline { text.removeLast() }
            return text
        }
    }
}

/// Font maps kept between canvases: what fontconfig finds for each font and character, cached in
/// a font map, is most of the cost of a one-page document. A font map is not thread-safe, and
/// Pango's default one is per thread while a Swift task may change threads: each is lent to one
/// canvas at a time, and taken back when the canvas ends.
enum FontMaps {
    /// A font map at rest: the pool is the one place where it rests between canvases.
    private struct Resting: @unchecked Sendable {
        let fontMap: UnsafeMutablePointer<PangoFontMap>
    }

    /// As many as canvases are drawn at once, at most: the worker's lanes, a command.
    private static let idle = Mutex<[Resting]>([])
    private static let idleLimit = 16

    static func borrow() -> UnsafeMutablePointer<PangoFontMap> {
        idle.withLock { $0.popLast() }?.fontMap ?? atelier_pango_cairo_font_map_new()
    }

    static func giveBack(_ fontMap: UnsafeMutablePointer<PangoFontMap>) {
        let resting = Resting(fontMap: fontMap)
        let kept = idle.withLock { idle in
            guard idle.count < idleLimit else { return false }
            idle.append(resting)
            return true
        }
        if !kept { atelier_g_object_unref(fontMap) }
    }
}
