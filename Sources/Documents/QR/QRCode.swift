import CQREncode

/// A QR code's modules, as libqrencode computes them for a text (an address): drawn by
/// `PDFCanvas` as black squares, with the quiet zone of four modules that readers need around it.
public struct QRCode: Sendable, Hashable {
    /// Modules a side, quiet zone excluded.
    public let side: Int
    /// Row by row, `true` where the module is dark.
    let dark: [Bool]

    /// Encodes `text` byte by byte (UTF-8), case kept, with error correction level M (15 % of
    /// the code may be hidden or smudged and it still reads).
    public init(encoding text: String) throws(DocumentError) {
        guard !text.isEmpty, !text.utf8.contains(0),
            let code = atelier_QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1)
        else { throw DocumentError("Cannot encode \(text.debugDescription) as a QR code.") }
        defer { atelier_QRcode_free(code) }
        let side = Int(code.pointee.width)
        self.side = side
        // Bit 0 of each byte is the module's colour; the other bits say what the module is for.
        dark = UnsafeBufferPointer(start: code.pointee.data, count: side * side).map { $0 & 1 == 1 }
    }

    public func isDark(row: Int, column: Int) -> Bool { dark[row * side + column] }

    /// The dark modules of each row, as runs `(row, first column, length)`: a run drawn as one
    /// rectangle leaves no hairline between neighbours in a PDF viewer.
    var runs: [(row: Int, column: Int, length: Int)] {
        var runs: [(row: Int, column: Int, length: Int)] = []
        for row in 0..<side {
            var column = 0
            while column < side {
                guard isDark(row: row, column: column) else {
                    column += 1
                    continue
                }
                let start = column
                while column < side && isDark(row: row, column: column) { column += 1 }
                runs.append((row, start, column - start))
            }
        }
        return runs
    }

    /// Light modules around the code, a side, as the standard asks.
    public static let quietZone = 4
}
