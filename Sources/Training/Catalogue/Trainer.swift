import Postgres

/// A person, or an organisation such as a Scop, who gives slots.
public struct Trainer: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case person, organisation }

    public var code: String
    public var name: String
    public var kind = Kind.person
    /// Employed by the training organisation (BPF section E counts internal and external apart).
    public var isInternal = false
    public var email: EmailAddress?
    public var phone: String?
    /// Diplomas, titles or references, which a contrat de formation names (L6353-4).
    public var qualifications = ""

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

extension Catalogue {
    public func addTrainer(_ draft: Trainer) throws -> Trainer {
        var trainer = draft
        trainer.code = try Field.code(draft.code, of: "trainer")
        trainer.name = try Field.required(draft.name, "name", limit: 200)
        trainer.phone = try draft.phone.map { phone throws(TrainingError) in
            try Field.optional(phone, "phone", limit: 30)
        }
        trainer.qualifications = try Field.optional(draft.qualifications, "qualifications", limit: 1000, lines: .many)
        return try connection.write { connection in
            try ensureFree(trainer.code, of: "trainer", on: connection)
            try connection.execute(
                """
                INSERT INTO trainer (code, name, kind, internal, email, phone, qualifications)
                VALUES (\(trainer.code), \(trainer.name), \(trainer.kind), \(trainer.isInternal),
                        \(trainer.email?.text), \(trainer.phone), \(trainer.qualifications))
                """)
            try EventLog.append(
                CatalogueEvent(change: .trainerAdded, code: trainer.code), on: connection, jobs: store.jobs)
            return trainer
        }
    }

    /// Sets what a trainer's qualifications are: printed in contrats de formation.
    public func editTrainerQualifications(_ code: String, _ text: String) throws -> Trainer {
        let qualifications = try Field.optional(text, "qualifications", limit: 1000, lines: .many)
        return try connection.write { connection in
            let updated = try connection.execute(
                "UPDATE trainer SET qualifications = \(qualifications) WHERE code = \(code.typedCode) RETURNING id")
            guard !updated.isEmpty else { throw TrainingError.notFound("No trainer has the code \(code.typedCode).") }
            return try trainer(code)
        }
    }

    public func trainer(_ code: String) throws -> Trainer {
        try only(trainers(code: code.typedCode), noun: "trainer", code: code)
    }

    public func trainers() throws -> [Trainer] { try trainers(code: nil) }

    private func trainers(code: String?) throws -> [Trainer] {
        try connection.execute(
            """
            SELECT code, name, kind, internal, email, phone, qualifications FROM trainer
            WHERE \(code) IS NULL OR code = \(code) ORDER BY code
            """
        ).map { row in
            var trainer = Trainer(code: try row.decode(String.self, "code"), name: try row.decode(String.self, "name"))
            trainer.kind = try row.decode(Trainer.Kind.self, "kind")
            trainer.isInternal = try row.decode(Bool.self, "internal")
            trainer.email = try row.decode(String?.self, "email").map(EmailAddress.init(stored:))
            trainer.phone = try row.decode(String?.self, "phone")
            trainer.qualifications = try row.decode(String.self, "qualifications")
            return trainer
        }
    }
}
