import Foundation

/// A PDF written to a temporary file and read back with poppler's tools, as a funder's
/// software would read it.
public struct PDFReading: Sendable {
    public let path: String

    public init(_ bytes: [UInt8]) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-\(UUID()).pdf").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// The text of each page, its words separated by single spaces whatever the lines were
    /// (`pdftotext` separates pages with a form feed). Right-to-left text comes in reading
    /// order, without the embedding marks (U+202B … U+202C) poppler puts around it.
    public func pages() throws -> [String] {
        let text = try ExternalTool.run("/usr/bin/pdftotext", ["-enc", "UTF-8", path, "-"]).output
            .filter { !$0.unicodeScalars.allSatisfy { (0x202A...0x202E).contains($0.value) } }
        var pages = text.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages.map { $0.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ") }
    }

    /// `pdfinfo`'s fields: `Pages`, `Page size`, `Title`, `Creator`.
    public func info() throws -> [String: String] {
        let lines = try ExternalTool.run("/usr/bin/pdfinfo", [path]).output.split(separator: "\n")
        return Dictionary(
            lines.compactMap { line in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }, uniquingKeysWith: { first, _ in first })
    }

    /// `pdffonts`: each font's name and whether it is embedded.
    public func fonts() throws -> [(name: String, embedded: Bool)] {
        try ExternalTool.run("/usr/bin/pdffonts", [path]).output.split(separator: "\n").dropFirst(2).map { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            // name type encoding emb sub uni object ID: the last five are fixed, from the end.
            return (String(fields[0]), fields[fields.count - 5] == "yes")
        }
    }

    /// Each word's right edge and the page's width, from `pdftotext -bbox`.
    public func rightmostWordEdge() throws -> (edge: Double, pageWidth: Double) {
        let html = try ExternalTool.run("/usr/bin/pdftotext", ["-bbox", path, "-"]).output
        func numbers(_ attribute: String) -> [Double] {
            html.components(separatedBy: "\(attribute)=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        }
        return (numbers("xMax").max() ?? 0, numbers("width").max() ?? 0)
    }

    /// Renders the first page as a PNG at `dpi` with `pdftoppm`, as a viewer would draw it;
    /// returns the image's path.
    public func renderFirstPage(dpi: Int = 50) throws -> String {
        let prefix = path + "-page"
        let outcome = try ExternalTool.run(
            "/usr/bin/pdftoppm", ["-png", "-r", String(dpi), "-f", "1", "-l", "1", "-singlefile", path, prefix])
        guard outcome.status == 0 else {
            throw LoopbackServerError.didNotStart("pdftoppm exited with \(outcome.status)")
        }
        return prefix + ".png"
    }

    /// How many images the pages draw (`pdfimages -list`).
    public func imageCount() throws -> Int {
        try ExternalTool.run("/usr/bin/pdfimages", ["-list", path]).output.split(separator: "\n").dropFirst(2).count
    }
}
