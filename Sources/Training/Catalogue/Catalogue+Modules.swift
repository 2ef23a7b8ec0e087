import Postgres

extension Catalogue {
    public func addModule(_ draft: Module) throws -> Module {
        let module = try draft.validated()
        return try connection.write { connection in
            try ensureFree(module.code, of: "module", on: connection)
            let id = try connection.execute(
                """
                INSERT INTO module (code, title, objectives, programme, audience, prerequisites, what_to_bring, duration_minutes,
                                    modality, nature, methods, accessibility, access_delay, evaluation_method,
                                    default_capacity, price_per_participant_cents, price_per_group_cents)
                VALUES (\(module.code), \(module.title), \(module.objectives), \(module.programme), \(module.audience),
                        \(module.prerequisites), \(module.whatToBring), \(module.durationMinutes), \(module.modality),
                        \(module.nature), \(module.methods), \(module.accessibility), \(module.accessDelay),
                        \(module.evaluationMethod), \(module.defaultCapacity),
                        \(module.pricePerParticipant?.cents), \(module.pricePerGroup?.cents))
                RETURNING id
                """)[0].decode(Int.self, at: 0)
            try setCompetences(module.competences, ofModule: id, on: connection)
            try EventLog.append(
                CatalogueEvent(change: .moduleAdded, code: module.code), on: connection, jobs: store.jobs)
            return module
        }
    }

    /// Applies `change` to the module and saves it; the code stays what it was.
    public func editModule(_ code: String, _ change: (inout Module) throws -> Void) throws -> Module {
        try connection.write { connection in
            var module = try self.module(code)
            try change(&module)
            module.code = try Field.code(code, of: "module")
            module = try module.validated()
            let id = try connection.execute(
                """
                UPDATE module SET title = \(module.title), objectives = \(module.objectives),
                    programme = \(module.programme), audience = \(module.audience),
                    prerequisites = \(module.prerequisites), what_to_bring = \(module.whatToBring),
                    duration_minutes = \(module.durationMinutes),
                    modality = \(module.modality), nature = \(module.nature), methods = \(module.methods),
                    accessibility = \(module.accessibility), access_delay = \(module.accessDelay),
                    evaluation_method = \(module.evaluationMethod), default_capacity = \(module.defaultCapacity),
                    price_per_participant_cents = \(module.pricePerParticipant?.cents),
                    price_per_group_cents = \(module.pricePerGroup?.cents)
                WHERE code = \(module.code)
                RETURNING id
                """)[0].decode(Int.self, at: 0)
            try connection.execute("DELETE FROM module_competence WHERE module_id = \(id)")
            try setCompetences(module.competences, ofModule: id, on: connection)
            try EventLog.append(
                CatalogueEvent(change: .moduleEdited, code: module.code), on: connection, jobs: store.jobs)
            return module
        }
    }

    /// Takes the module out of the catalogue's lists; sessions already scheduled keep it.
    public func archiveModule(_ code: String) throws {
        try connection.write { connection in
            let module = try self.module(code)
            guard !module.archived else {
                throw TrainingError.refused("The module \(module.code) is already archived.")
            }
            try connection.execute("UPDATE module SET archived = true WHERE code = \(module.code)")
            try EventLog.append(
                CatalogueEvent(change: .moduleArchived, code: module.code), on: connection, jobs: store.jobs)
        }
    }

    public func module(_ code: String) throws -> Module {
        try only(modules(code: code.typedCode, includingArchived: true), noun: "module", code: code)
    }

    public func modules(includingArchived: Bool = false) throws -> [Module] {
        try modules(code: nil, includingArchived: includingArchived)
    }

    private func modules(code: String?, includingArchived: Bool) throws -> [Module] {
        try connection.execute(
            """
            SELECT m.code, m.title, m.objectives, m.programme, m.audience, m.prerequisites, m.what_to_bring, m.duration_minutes,
                   m.modality, m.nature, m.methods, m.accessibility, m.access_delay, m.evaluation_method, m.default_capacity,
                   m.price_per_participant_cents, m.price_per_group_cents, m.archived,
                   array(SELECT c.code FROM module_competence mc JOIN competence c ON c.id = mc.competence_id
                         WHERE mc.module_id = m.id ORDER BY c.code) AS competences
            FROM module m
            WHERE (\(code) IS NULL OR m.code = \(code)) AND (\(includingArchived) OR NOT m.archived)
            ORDER BY m.code
            """
        ).map { row in
            var module = Module(
                code: try row.decode(String.self, "code"), title: try row.decode(String.self, "title"),
                durationMinutes: try row.decode(Int.self, "duration_minutes"))
            module.objectives = try row.decode([String].self, "objectives")
            module.programme = try row.decode(String.self, "programme")
            module.audience = try row.decode(String.self, "audience")
            module.prerequisites = try row.decode(String.self, "prerequisites")
            module.whatToBring = try row.decode(String.self, "what_to_bring")
            module.modality = try row.decode(Module.Modality.self, "modality")
            module.nature = try row.decode(Module.Nature.self, "nature")
            module.methods = try row.decode(String.self, "methods")
            module.accessibility = try row.decode(String.self, "accessibility")
            module.accessDelay = try row.decode(String.self, "access_delay")
            module.evaluationMethod = try row.decode(String.self, "evaluation_method")
            module.defaultCapacity = try row.decode(Int.self, "default_capacity")
            module.pricePerParticipant = try row.decode(Int?.self, "price_per_participant_cents").map(
                Money.init(cents:))
            module.pricePerGroup = try row.decode(Int?.self, "price_per_group_cents").map(Money.init(cents:))
            module.archived = try row.decode(Bool.self, "archived")
            module.competences = try row.decode([String].self, "competences")
            return module
        }
    }

    private func setCompetences(_ codes: [String], ofModule id: Int, on connection: Connection) throws {
        guard !codes.isEmpty else { return }
        let inserted = try connection.execute(
            """
            INSERT INTO module_competence (module_id, competence_id)
            SELECT \(id), id FROM competence WHERE code = ANY(\(codes))
            RETURNING (SELECT code FROM competence WHERE id = competence_id)
            """
        ).map { try $0.decode(String.self, at: 0) }
        if let unknown = codes.first(where: { !inserted.contains($0) }) {
            throw TrainingError.notFound(
                "No competence of the référentiel has the code \(unknown): `atelier module competences` lists them.")
        }
    }
}
