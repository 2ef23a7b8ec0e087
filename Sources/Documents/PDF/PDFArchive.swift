import Crypto
import Foundation

/// Turns a PDF drawn by cairo into a PDF/A-3 file that carries attachments — an invoice's
/// `factur-x.xml` —, by appending an incremental update, which leaves every byte cairo wrote in
/// place: the attached files (each named in the catalog's `/AF` and its embedded files), an sRGB
/// output intent, an XMP metadata stream that says PDF/A-3B, and an information dictionary that
/// says the same as the XMP. (cairo has no API for attachments or PDF/A; it writes a classic
/// cross-reference table, which this reads.)
public struct PDFArchive {
    public struct Attachment: Sendable {
        public var name: String
        /// `text/xml`.
        public var mimeType: String
        public var bytes: [UInt8]
        /// `Data`, `Source`, `Alternative`: what the file is to the document (PDF/A-3).
        public var relationship: String
        public var description: String

        public init(name: String, mimeType: String, bytes: [UInt8], relationship: String, description: String) {
            (self.name, self.mimeType, self.bytes) = (name, mimeType, bytes)
            (self.relationship, self.description) = (relationship, description)
        }
    }

    public var title: String
    /// The creation date as `PDFDocument.creationDate` writes it: `2026-03-09T10:15:00+01:00`.
    public var created: String
    public var attachments: [Attachment]
    /// `rdf:Description` elements added to the XMP packet: the properties of an attachment's
    /// standard and the PDF/A extension schema that declares them.
    public var extraMetadata: String

    public init(title: String, created: String, attachments: [Attachment], extraMetadata: String = "") {
        (self.title, self.created, self.attachments, self.extraMetadata) = (title, created, attachments, extraMetadata)
    }

    static let producer = "Atelier (cairo, PDF/A-3)"

    /// The PDF with the update appended.
    public func archive(_ pdf: [UInt8]) throws(DocumentError) -> [UInt8] {
        let trailer = try Trailer(pdf)
        let catalog = try catalogEntries(pdf, object: trailer.root)
        var objects: [(number: Int, body: [UInt8])] = []
        var next = trailer.size
        func add(_ body: [UInt8]) -> Int {
            objects.append((next, body))
            next += 1
            return next - 1
        }
        let date = Self.pdfDate(created)
        var specs: [Int] = []
        for attachment in attachments {
            let file = add(
                Self.stream(
                    "/Type /EmbeddedFile /Subtype /\(Self.nameEscaped(attachment.mimeType)) /Params << /Size \(attachment.bytes.count) /ModDate (\(date)) >>",
                    attachment.bytes))
            specs.append(
                add(
                    Array(
                        "<< /Type /Filespec /F \(Self.text(attachment.name)) /UF \(Self.text(attachment.name)) /Desc \(Self.text(attachment.description)) /AFRelationship /\(attachment.relationship) /EF << /F \(file) 0 R /UF \(file) 0 R >> >>"
                            .utf8)))
        }
        let profile = add(Self.stream("/N 3", SRGBProfile.bytes))
        let intent = add(
            Array(
                "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) /DestOutputProfile \(profile) 0 R >>"
                    .utf8))
        let metadata = add(Self.stream("/Type /Metadata /Subtype /XML", Array(xmp.utf8)))
        let names = zip(attachments, specs).map { "\(Self.text($0.name)) \($1) 0 R" }.joined(separator: " ")
        objects.append(
            (
                trailer.root,
                Array(
                    "<< \(catalog) /Metadata \(metadata) 0 R /OutputIntents [\(intent) 0 R] /AF [\(specs.map { "\($0) 0 R" }.joined(separator: " "))] /Names << /EmbeddedFiles << /Names [\(names)] >> >> >>"
                        .utf8)
            ))
        let info = add(
            Array(
                "<< /Title \(Self.text(title)) /Creator (Atelier) /Producer (\(Self.producer)) /CreationDate (\(date)) /ModDate (\(date)) >>"
                    .utf8))
        var output = pdf
        if output.last != 0x0A { output.append(0x0A) }
        var offsets: [Int: Int] = [:]
        for (number, body) in objects {
            offsets[number] = output.count
            output += Array("\(number) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        let xref = output.count
        var table = "xref\n"
        for number in offsets.keys.sorted() {
            table += "\(number) 1\n" + String(format: "%010d 00000 n \n", offsets[number] ?? 0)
        }
        let identifier = SHA256.hash(data: pdf).prefix(16).map { String(format: "%02X", $0) }.joined()
        table += """
            trailer
            << /Size \(next) /Root \(trailer.root) 0 R /Info \(info) 0 R /Prev \(trailer.startxref) /ID [<\(identifier)> <\(identifier)>] >>
            startxref
            \(xref)
            %%EOF

            """
        return output + Array(table.utf8)
    }

    /// The XMP packet: PDF/A-3B, the title, the dates and tools, and the caller's descriptions.
    private var xmp: String {
        """
        <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
        <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
        <pdfaid:part>3</pdfaid:part>
        <pdfaid:conformance>B</pdfaid:conformance>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <dc:title><rdf:Alt><rdf:li xml:lang="x-default">\(XMLText.escaped(title))</rdf:li></rdf:Alt></dc:title>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
        <pdf:Producer>\(Self.producer)</pdf:Producer>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
        <xmp:CreatorTool>Atelier</xmp:CreatorTool>
        <xmp:CreateDate>\(created)</xmp:CreateDate>
        <xmp:ModifyDate>\(created)</xmp:ModifyDate>
        </rdf:Description>
        \(extraMetadata)
        </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="w"?>
        """
    }

    /// The catalog's own entries, without its brackets; it must not already hold what the update
    /// writes.
    private func catalogEntries(_ pdf: [UInt8], object: Int) throws(DocumentError) -> String {
        let text = String(decoding: pdf, as: UTF8.self)
        guard let start = text.range(of: "\n\(object) 0 obj"), let end = text[start.upperBound...].range(of: "endobj"),
            let open = text[start.upperBound..<end.lowerBound].range(of: "<<"),
            let close = text[open.upperBound..<end.lowerBound].range(of: ">>", options: .backwards)
        else { throw DocumentError("The PDF's catalog (object \(object)) could not be read.") }
        let entries = text[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        for key in ["/Metadata", "/OutputIntents", "/AF", "/Names"] where entries.contains(key) {
            throw DocumentError("The PDF's catalog already has \(key): it cannot be archived as PDF/A-3.")
        }
        return entries
    }

    /// The last trailer of a PDF with a classic cross-reference table.
    private struct Trailer {
        var size: Int
        var root: Int
        var startxref: Int

        init(_ pdf: [UInt8]) throws(DocumentError) {
            let tail = String(decoding: pdf.suffix(1024), as: UTF8.self)
            guard let trailer = tail.range(of: "trailer", options: .backwards),
                let size = Self.number(after: "/Size", in: tail[trailer.upperBound...]),
                let root = Self.number(after: "/Root", in: tail[trailer.upperBound...]),
                let startxref = Self.number(after: "startxref", in: tail[trailer.upperBound...])
            else { throw DocumentError("The PDF's trailer could not be read: it is not one cairo wrote.") }
            (self.size, self.root, self.startxref) = (size, root, startxref)
        }

        private static func number(after key: String, in text: Substring) -> Int? {
            guard let found = text.range(of: key) else { return nil }
            return Int(text[found.upperBound...].drop { $0.isWhitespace }.prefix { $0.isNumber })
        }
    }

    private static func stream(_ entries: String, _ bytes: [UInt8]) -> [UInt8] {
        Array("<< \(entries) /Length \(bytes.count) >>\nstream\n".utf8) + bytes + Array("\nendstream".utf8)
    }

    /// A text string: UTF-16BE with its byte-order mark, in hexadecimal, which any text can be.
    private static func text(_ value: String) -> String {
        "<FEFF" + value.utf16.map { String(format: "%04X", $0) }.joined() + ">"
    }

    /// `text/xml` as a PDF name: `text#2Fxml`.
    private static func nameEscaped(_ value: String) -> String {
        value.utf8.map { byte in
            (0x21...0x7E).contains(byte) && !"#/()<>[]{}%".utf8.contains(byte)
                ? String(UnicodeScalar(byte)) : String(format: "#%02X", byte)
        }.joined()
    }

    /// `2026-03-09T10:15:00+01:00` → `D:20260309101500+01'00'`.
    static func pdfDate(_ iso: String) -> String {
        let digits = iso.prefix(19).filter(\.isNumber)
        let zone = iso.dropFirst(19)
        guard zone.count == 6 else { return "D:\(digits)Z" }
        return "D:\(digits)\(zone.prefix(3))'\(zone.suffix(2))'"
    }
}

/// Text in XML content or attributes.
public enum XMLText {
    public static func escaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
