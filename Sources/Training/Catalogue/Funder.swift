import Postgres

/// Who pays for trainings: an OPCO, a Région, the State, an employer, the trainee, or another.
public struct Funder: Sendable, Hashable, Codable {
    /// The kinds the BPF's section C sorts revenue by.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case opco, region, etat, employeur, particulier, autre

        public var label: String {
            switch self {
            case .opco: "OPCO"
            case .region: "Région"
            case .etat: "État"
            case .employeur: "employeur"
            case .particulier: "particulier"
            case .autre: "autre"
            }
        }
    }

    /// How a funder wants its invoices for a session: one per agreement (its dossier), one per
    /// participant, or one for all its agreements.
    public enum InvoiceGrouping: String, Sendable, Hashable, Codable, CaseIterable {
        case agreement, participant, session
    }

    public var code: String
    public var name: String
    public var kind: Kind
    public var siret: String?
    public var billing = BillingIdentity()
    public var invoiceGrouping = InvoiceGrouping.agreement
    /// Within how many days of a session's end the funder must receive its invoice, when it says.
    public var invoicingDelayDays: Int?

    public init(code: String, name: String, kind: Kind) {
        (self.code, self.name, self.kind) = (code, name, kind)
    }
}

extension Catalogue {
    public func addFunder(_ draft: Funder) throws -> Funder {
        var funder = draft
        funder.code = try Field.code(draft.code, of: "funder")
        funder.name = try Field.required(draft.name, "name", limit: 200)
        return try connection.write { connection in
            try ensureFree(funder.code, of: "funder", on: connection)
            try connection.execute(
                """
                INSERT INTO funder (code, name, kind) VALUES (\(funder.code), \(funder.name), \(funder.kind))
                """)
            try EventLog.append(
                CatalogueEvent(change: .funderAdded, code: funder.code), on: connection, jobs: store.jobs)
            return funder
        }
    }

    public func funder(_ code: String) throws -> Funder {
        try only(funders(code: code.typedCode), noun: "funder", code: code)
    }

    public func funders() throws -> [Funder] { try funders(code: nil) }

    /// Sets the invoicing fields of the funder `code`: `change` edits them and they are saved whole.
    public func editFunder(_ code: String, _ change: (inout Funder) throws -> Void) throws -> Funder {
        try connection.write { connection in
            guard
                let id = try connection.execute("SELECT id FROM funder WHERE code = \(code.typedCode) FOR UPDATE")
                    .first?.decode(Int.self, at: 0)
            else { throw TrainingError.notFound("No funder has the code \(code.typedCode).") }
            var funder = try funder(code)
            try change(&funder)
            funder.siret = try funder.siret.flatMap { text throws(TrainingError) in
                text.trimmingWhiteSpace.isEmpty ? nil : try Siret.validated(text)
            }
            funder.billing = try funder.billing.validated()
            if let days = funder.invoicingDelayDays, !(1...730).contains(days) {
                throw TrainingError.invalid("The invoicing delay of \(days) days is not allowed: it is 1 to 730 days.")
            }
            try funder.billing.save(table: .funder, id: id, on: connection)
            try connection.execute(
                """
                UPDATE funder SET siret = \(funder.siret), invoice_grouping = \(funder.invoiceGrouping),
                    invoicing_delay_days = \(funder.invoicingDelayDays)
                WHERE id = \(id)
                """)
            return funder
        }
    }

    private func funders(code: String?) throws -> [Funder] {
        try connection.execute(
            """
            SELECT code, name, kind, siret, invoice_grouping, invoicing_delay_days, \(unescaped: BillingIdentity.columns)
            FROM funder WHERE \(code) IS NULL OR code = \(code) ORDER BY code
            """
        ).map { row in
            let (code, name, kind) = try row.decode((String, String, Funder.Kind).self)
            var funder = Funder(code: code, name: name, kind: kind)
            funder.siret = try row.decode(String?.self, "siret")
            funder.billing = try BillingIdentity(row: row)
            funder.invoiceGrouping = try row.decode(Funder.InvoiceGrouping.self, "invoice_grouping")
            funder.invoicingDelayDays = try row.decode(Int?.self, "invoicing_delay_days")
            return funder
        }
    }
}
