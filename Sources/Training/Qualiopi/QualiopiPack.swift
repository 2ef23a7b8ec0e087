import Crypto
import Documents
import Foundation

/// One session's evidence as a Qualiopi auditor or a doubting OPCO asks for it: every file with
/// the indicators it serves, the gaps named, and the checks a court and a funder run. Written as
/// one ZIP: `00-sommaire.pdf` (the session, indicator → files, the gaps, the manifest's SHA-256),
/// `manifest.json` (every other file's path, size, SHA-256, indicators and source rows), the
/// folders, and `99-controles.pdf`.
public struct QualiopiPack: Sendable {
    public let session: String
    /// Every file but the sommaire and the manifest, in the archive's order.
    public let files: [PackFile]
    /// What evidence is missing, one French sentence each: « indicateur 8 : … ».
    public let gaps: [String]
    public let checks: [PackCheck]
    public let manifest: [UInt8]
    public let summary: [UInt8]
    /// The day the pack is drawn as of: its documents' date, and the entries' in the archive.
    public let asOf: Date

    public var manifestSHA256: String { PackFile.sha256(manifest) }

    /// The sommaire, the manifest, then every file, as the archive holds them.
    public var entries: [ZIPArchive.Entry] {
        [
            ZIPArchive.Entry(path: PackFile.summaryPath, bytes: summary),
            ZIPArchive.Entry(path: PackFile.manifestPath, bytes: manifest),
        ] + files.map { ZIPArchive.Entry(path: $0.path, bytes: $0.bytes) }
    }

    /// Writes the archive at `path`, which appears only once complete.
    public func write(to path: String) throws(DocumentError) {
        try ZIPArchive.write(entries, date: asOf, to: path)
    }
}

/// One file of the pack.
public struct PackFile: Sendable, Hashable {
    public let path: String
    public let bytes: [UInt8]
    /// The Qualiopi indicators the file is evidence for; none for what only a funder asks
    /// (certificates, funding).
    public let indicators: [Int]
    /// The database rows it was drawn from: `session:12`, `delivery:40`, `certificate:7`.
    public let sources: [String]

    public init(path: String, bytes: [UInt8], indicators: [Int], sources: [String]) {
        (self.path, self.bytes, self.indicators, self.sources) = (path, bytes, indicators, sources)
    }

    static let summaryPath = "00-sommaire.pdf"
    static let manifestPath = "manifest.json"
    static let checksPath = "99-controles.pdf"

    /// Lower-case hexadecimal.
    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}

/// A check a court or an OPCO runs on a session's evidence: passed, or failed with the rows
/// that fail it, one French line each.
public struct PackCheck: Sendable, Hashable, Codable {
    public let title: String
    public let failures: [String]
    public var passed: Bool { failures.isEmpty }
}

/// What decides a pack's content beside the database.
public struct PackOptions: Sendable {
    /// The day the pack is drawn as of; its end is the moment « now » means in its checks.
    public var day: LocalDate
    /// Adaptation needs, signature images and client addresses, left out (and replaced by what
    /// they establish) unless asked for.
    public var personalData: Bool
    /// When a half-day takes signatures: a signature outside it is flagged.
    public var window: Signatures.Window

    public init(day: LocalDate, personalData: Bool, window: Signatures.Window) {
        (self.day, self.personalData, self.window) = (day, personalData, window)
    }
}

/// Draws the packs of sessions.
public struct QualiopiPacks {
    let store: Store

    public init(_ store: Store) { self.store = store }

    /// The pack of the session `code`, read in one snapshot of the database: the same database
    /// and the same options give the same bytes.
    public func pack(session code: String, options: PackOptions) throws -> QualiopiPack {
        try store.connection.transaction(isolation: .repeatableRead) { _ in
            try PackBuilder(store: store, code: code, options: options).build()
        }
    }

    /// The codes of the sessions not cancelled whose last half-day ended between two days, both
    /// included, in order.
    public func sessions(endedFrom from: LocalDate, to: LocalDate) throws -> [String] {
        guard from <= to else { throw TrainingError.invalid("The period runs backwards: \(from) is after \(to).") }
        return try store.connection.execute(
            """
            SELECT s.code FROM session s JOIN slot sl ON sl.session_id = s.id AND NOT sl.cancelled
            WHERE s.status <> 'cancelled'
            GROUP BY s.id HAVING (max(sl.ends_at) AT TIME ZONE \(store.timeZone.identifier))::date
                BETWEEN \(from.description)::date AND \(to.description)::date
            ORDER BY max(sl.ends_at), s.code
            """
        ).map { try $0.decode(String.self, at: 0) }
    }
}
