import Foundation
import Postgres

extension Catalogue {
    /// The versions of a module's programme, oldest first, with the day each came into force.
    public func programmeVersions(of code: String) throws -> [(version: Int, validFrom: Date)] {
        let module = try self.module(code)
        return try connection.execute(
            """
            SELECT p.version, p.valid_from FROM module_programme p JOIN module m ON m.id = p.module_id
            WHERE m.code = \(module.code) ORDER BY p.version
            """
        ).map { try $0.decode((Int, Date).self) }
    }

    /// A version of the module's programme: the one in force now when `version` is `nil`.
    public func programme(of code: String, version: Int? = nil) throws -> Programme {
        let module = try self.module(code)
        guard let programme = try programmes(module: module.code, version: version).first else {
            let last = try programmeVersions(of: module.code).last?.version ?? 0
            throw TrainingError.notFound(
                "The module \(module.code) has no programme version \(version ?? 0): its versions go from 1 to \(last)."
            )
        }
        return programme
    }

    /// The programme a session keeps: the version in force when it was scheduled.
    public func programme(ofSession code: String) throws -> Programme {
        guard let programme = try programmes(session: code.typedCode).first else {
            throw TrainingError.notFound("No session has the code \(code.typedCode).")
        }
        return programme
    }

    /// The versions that match, the latest first.
    private func programmes(module: String? = nil, version: Int? = nil, session: String? = nil) throws -> [Programme] {
        try connection.execute(
            """
            SELECT m.code, p.version, p.valid_from, p.title, p.duration_minutes, p.modality, p.nature, p.audience,
                   p.prerequisites, p.objectives, p.programme, p.methods, p.evaluation_method, p.accessibility,
                   p.access_delay, p.price_per_participant_cents, p.price_per_group_cents
            FROM module_programme p JOIN module m ON m.id = p.module_id
            WHERE (\(module)::text IS NULL OR m.code = \(module))
              AND (\(version)::int IS NULL OR p.version = \(version))
              AND (\(session)::text IS NULL OR p.id = (SELECT programme_id FROM session WHERE code = \(session)))
            ORDER BY p.version DESC
            """
        ).map { row in
            Programme(
                module: try row.decode(String.self, "code"), version: try row.decode(Int.self, "version"),
                validFrom: try row.decode(Date.self, "valid_from"), title: try row.decode(String.self, "title"),
                durationMinutes: try row.decode(Int.self, "duration_minutes"),
                modality: try row.decode(Module.Modality.self, "modality"),
                nature: try row.decode(Module.Nature.self, "nature"),
                audience: try row.decode(String.self, "audience"),
                prerequisites: try row.decode(String.self, "prerequisites"),
                objectives: try row.decode([String].self, "objectives"),
                content: try row.decode(String.self, "programme"), methods: try row.decode(String.self, "methods"),
                evaluationMethod: try row.decode(String.self, "evaluation_method"),
                accessibility: try row.decode(String.self, "accessibility"),
                accessDelay: try row.decode(String.self, "access_delay"),
                pricePerParticipant: try row.decode(Int?.self, "price_per_participant_cents").map(Money.init(cents:)),
                pricePerGroup: try row.decode(Int?.self, "price_per_group_cents").map(Money.init(cents:)))
        }
    }
}
