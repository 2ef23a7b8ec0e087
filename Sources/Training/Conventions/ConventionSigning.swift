import Foundation
import Postgres

extension Conventions {
    /// What the signing page of a convention shows: the document, who signs it for whom, and
    /// the sentence they certify.
    public struct SigningView: Sendable, Hashable {
        public var convention: Convention
        public var organisation: String
        public var sessionTitle: String
        public var dates: String
        /// « Je signe la convention n° 3 … au nom de Graine Normandie. »
        public var consent: String
    }

    /// Why a signature on the pages is refused.
    public enum SigningRefusal: Error, Sendable, Hashable {
        case alreadySigned, expired, emptySigner, emptyRole
        case mark(Signatures.Refusal)
    }

    /// A new personal link to sign the convention `id` on the pages: its token, of which only
    /// the SHA-256 is kept.
    public func issueLink(_ id: Int) throws -> String {
        try connection.write { connection in
            let convention = try convention(id, on: connection, locking: true)
            if let signed = convention.signedOn {
                throw TrainingError.refused(
                    "The \(convention.kind.french) \(id) was signed on \(signed) by \(convention.signedBy ?? ""): it stands as signed."
                )
            }
            let token = RandomHex.make(bits: 128)
            try connection.execute(
                "INSERT INTO convention_link (convention_id, token_sha256) VALUES (\(id), sha256(convert_to(\(token), 'UTF8')))"
            )
            return token
        }
    }

    /// The page of the link `token`, or `nil` — a token of the wrong shape costs no query.
    public func signingView(token: String) throws -> SigningView? {
        guard let id = try linked(token) else { return nil }
        let convention = try convention(id.convention, on: connection)
        let row = try connection.execute(
            """
            SELECT coalesce((SELECT name FROM organisation), '') AS organisation, mp.title,
                   (SELECT min(starts_at) FROM slot WHERE session_id = s.id) AS first_start,
                   (SELECT max(ends_at) FROM slot WHERE session_id = s.id) AS last_end
            FROM convention c JOIN session s ON s.id = c.session_id JOIN module_programme mp ON mp.id = s.programme_id
            WHERE c.id = \(convention.id)
            """)[0]
        let title = try row.decode(String.self, "title")
        let dates = try row.decode(Date?.self, "first_start").flatMap { first in
            try row.decode(Date?.self, "last_end").map { French.period(first, $0, in: store.timeZone) }
        }
        let document =
            switch convention.kind {
            case .convention: "la convention de formation n° \(convention.id)"
            case .contrat: "le contrat de formation n° \(convention.id)"
            case .quote: "pour accord le devis n° \(convention.id)"
            }
        let onBehalf = convention.kind == .contrat ? "" : " au nom de \(convention.party)"
        return SigningView(
            convention: convention, organisation: try row.decode(String.self, "organisation"), sessionTitle: title,
            dates: dates ?? "",
            consent:
                "Je signe \(document) pour la formation «\u{202F}\(title)\u{202F}»\(onBehalf), après l’avoir lu\(convention.kind == .contrat ? "" : " et ayant qualité pour le faire")."
        )
    }

    /// The PDF the link's page shows, as drawn.
    public func signingDocument(token: String) throws -> [UInt8]? {
        guard let id = try linked(token) else { return nil }
        return try pdf(id.convention).pdf
    }

    /// Signs from the link `token`: the evidence row (chained, never changed) and the
    /// convention's signature, in one transaction.
    public func sign(
        token: String, signer: String, role: String, mark: Signatures.Mark, client: Signatures.Client
    ) throws -> Convention? {
        guard let signer = try? Field.required(signer, "signatory's name", limit: 200) else {
            throw SigningRefusal.emptySigner
        }
        guard let role = try? Field.required(role, "signatory's role", limit: 100) else {
            throw SigningRefusal.emptyRole
        }
        let (typed, drawn): (String?, Data?)
        do { (typed, drawn) = try Signatures.checked(mark) } catch { throw SigningRefusal.mark(error) }
        return try connection.write { connection in
            guard let link = try linked(token) else { return nil }
            let convention = try convention(link.convention, on: connection, locking: true)
            guard convention.signedOn == nil else { throw SigningRefusal.alreadySigned }
            let today = LocalDate(Date(), in: store.timeZone)
            if let until = convention.validUntil, today > until { throw SigningRefusal.expired }
            guard let view = try signingView(token: token) else { return nil }
            try connection.execute(
                """
                INSERT INTO convention_evidence (position, convention_id, link_id, signer_name, signer_role, consent,
                                                 typed_name, signature_png, pdf_sha256, signed_at, client_address,
                                                 user_agent, hash)
                VALUES (0, \(convention.id), \(link.link), \(signer), \(role), \(view.consent), \(typed), \(drawn),
                        \(convention.pdfSHA256), now(), \(client.address)::inet, \(client.printableUserAgent), ''::bytea)
                """)
            try connection.execute(
                """
                UPDATE convention SET signed_on = \(today), signed_by = \(signer), signer_role = \(role), signed_via = 'link'
                WHERE id = \(convention.id)
                """)
            return try self.convention(convention.id, on: connection)
        }
    }

    /// The convention and link a token opens.
    private func linked(_ token: String) throws -> (convention: Int, link: Int)? {
        guard RandomHex.hasShape(token, bits: 128) else { return nil }
        return try connection.execute(
            "SELECT convention_id, id FROM convention_link WHERE token_sha256 = sha256(convert_to(\(token), 'UTF8'))"
        ).first?.decode((Int, Int).self)
    }
}
