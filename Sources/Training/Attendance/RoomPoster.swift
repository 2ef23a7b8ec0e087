import Documents
import Foundation

/// The page a coordinator prints or projects in the room for one half-day: the room page's
/// address as a QR code and in letters, the room's code, and the three steps to sign.
public struct RoomPoster {
    public let room: RoomCodes.Room
    /// The room page's address: `web.base-url` + `/r/` + the code.
    public let address: String
    public let window: Signatures.Window
    let timeZone: TimeZone

    public init(room: RoomCodes.Room, address: String, window: Signatures.Window, timeZone: TimeZone) {
        self.room = room
        self.address = address
        self.window = window
        self.timeZone = timeZone
    }

    /// « 8 h 45 », « 14 h 30 »: when the room's code is taken, from and until.
    public var opens: String { French.time(room.opens(window), in: timeZone) }
    public var closes: String { French.time(room.closes(window), in: timeZone) }

    public func render(at now: Date) throws -> [UInt8] {
        let document = PDFDocument(
            title: "Émargement — \(room.session) — \(room.date) — code \(room.code)",
            created: PDFDocument.creationDate(now, in: timeZone))
        let steps: String =
            "1. Scannez le code avec l’appareil photo de votre téléphone, ou ouvrez l’adresse ci-dessus.\n"
            + "2. Tapez votre code personnel : les 8 caractères imprimés sur votre convocation.\n"
            + "3. Lisez la phrase, puis signez."
        let validity: String =
            "Ce code ne vaut que pour cette demi-journée, de \(opens) à \(closes). "
            + "Si vous avez déjà ouvert votre lien personnel sur ce téléphone, vous signez directement."
        let blocks: [PDFBlock] = [
            .text(room.organisation, Self.centred(11, spaceAfter: 18)),
            .text("Émargement", Self.centred(28, .bold, spaceAfter: 10)),
            .text("« \(room.sessionTitle) »", Self.centred(15, .bold, spaceAfter: 6)),
            .text("Le \(room.date), \(room.times)", Self.centred(13, spaceAfter: 18)),
            .qrCode(try QRCode(encoding: address), side: 300),
            .space(8),
            .text(address, Self.centred(13, spaceAfter: 14)),
            .text("Code de la salle : \(room.code)", Self.centred(22, .bold, spaceAfter: 22)),
            .text(steps, TextStyle(size: 12, spaceAfter: 14)),
            .text(validity, TextStyle(size: 10)),
        ]
        return try document.render(blocks.map(\.frenchSpacing))
    }

    private static func centred(_ size: Double, _ weight: PDFCanvas.Weight = .regular, spaceAfter: Double)
        -> TextStyle
    { TextStyle(size: size, weight: weight, alignment: .center, spaceAfter: spaceAfter) }
}
