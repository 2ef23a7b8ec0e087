import Foundation
import Postgres

/// Where a participant stands on one objective, as their trainer evaluates it at the end.
public enum LearningLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case acquis
    case enCours = "en_cours"
    case nonAcquis = "non_acquis"

    public var label: String {
        switch self {
        case .acquis: "acquis"
        case .enCours: "en cours d’acquisition"
        case .nonAcquis: "non acquis"
        }
    }
}

/// The trainers' evaluation of what each participant learnt, objective by objective of the
/// session's programme (Qualiopi indicator 11): filled on the trainer's page from the last
/// half-day, read by `atelier assessment show --kind evaluation`.
public struct LearningEvaluations {
    let store: Store
    var connection: Connection { store.connection }

    public init(_ store: Store) { self.store = store }

    /// The session's objectives, and for each confirmed participant their level on each (`nil`
    /// where not evaluated yet), in the roster's order.
    public struct Grid: Sendable, Hashable, Codable {
        public struct Row: Sendable, Hashable, Codable {
            public var registration: Int
            public var participant: String
            public var levels: [LearningLevel?]

            public init(registration: Int, participant: String, levels: [LearningLevel?]) {
                (self.registration, self.participant, self.levels) = (registration, participant, levels)
            }
        }

        public var session: String
        public var objectives: [String]
        public var participants: [Row]

        public init(session: String, objectives: [String], participants: [Row]) {
            (self.session, self.objectives, self.participants) = (session, objectives, participants)
        }

        /// How many participants stand at `level` on the objective at `index`.
        public func count(_ level: LearningLevel, objective index: Int) -> Int {
            participants.filter { $0.levels.indices.contains(index) && $0.levels[index] == level }.count
        }
    }

    public func grid(session code: String) throws -> Grid {
        let objectives = try Catalogue(store).programme(ofSession: code).objectives
        let participants = try connection.execute(
            """
            SELECT r.id, p.first_name || ' ' || p.last_name AS name,
                   array(SELECT e.position FROM objective_evaluation e WHERE e.registration_id = r.id ORDER BY 1)
                       AS positions,
                   array(SELECT e.level FROM objective_evaluation e WHERE e.registration_id = r.id ORDER BY e.position)
                       AS levels
            FROM registration r JOIN participant p ON p.id = r.participant_id JOIN session s ON s.id = r.session_id
            WHERE s.code = \(code.typedCode) AND r.status = 'confirmed'
            ORDER BY p.last_name, p.first_name, p.email
            """
        ).map { row in
            var levels = [LearningLevel?](repeating: nil, count: objectives.count)
            for (position, level) in zip(
                try row.decode([Int].self, "positions"), try row.decode([LearningLevel].self, "levels"))
            where position >= 1 && position <= objectives.count {
                levels[position - 1] = level
            }
            return Grid.Row(
                registration: try row.decode(Int.self, "id"), participant: try row.decode(String.self, "name"),
                levels: levels)
        }
        return Grid(session: code.typedCode, objectives: objectives, participants: participants)
    }

    /// Records `levels` — by registration, then by objective's position from 1 — as the
    /// trainer `trainer` of the session `code` evaluated them, in one transaction and one
    /// statement. A registration that is not a confirmed one of the session, or a position beyond
    /// its objectives, refuses the whole.
    public func record(_ levels: [Int: [Int: LearningLevel]], session code: String, trainer: Int) throws {
        try connection.write { connection in
            let grid = try grid(session: code)
            let known = Set(grid.participants.map(\.registration))
            var (registrations, positions, objectives, chosen): ([Int], [Int], [String], [String]) = ([], [], [], [])
            for (registration, byPosition) in levels {
                guard known.contains(registration) else {
                    throw TrainingError.refused("The registration \(registration) is not a confirmed one of \(code).")
                }
                for (position, level) in byPosition {
                    guard !grid.objectives.isEmpty, (1...grid.objectives.count).contains(position) else {
                        throw TrainingError.invalid(
                            "The session \(code) has \(grid.objectives.count) objectives: there is no objective \(position)."
                        )
                    }
                    registrations.append(registration)
                    positions.append(position)
                    objectives.append(grid.objectives[position - 1])
                    chosen.append(level.rawValue)
                }
            }
            guard !registrations.isEmpty else { return }
            try connection.execute(
                """
                INSERT INTO objective_evaluation (registration_id, position, objective, level, trainer_id)
                SELECT registration, position, objective, level, \(trainer)
                FROM unnest(\(registrations)::bigint[], \(positions)::int[], \(objectives)::text[], \(chosen)::text[])
                    AS e(registration, position, objective, level)
                ON CONFLICT (registration_id, position) DO UPDATE SET
                    objective = EXCLUDED.objective, level = EXCLUDED.level, trainer_id = EXCLUDED.trainer_id,
                    evaluated_at = now()
                """)
        }
    }
}
