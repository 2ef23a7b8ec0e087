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
        var rows: [Grid.Row] = []
        for row in try connection.execute(
            """
            SELECT r.id, p.first_name || ' ' || p.last_name AS name,
                   array(SELECT e.position || ':' || e.level FROM objective_evaluation e WHERE e.registration_id = r.id)
                       AS levels
            FROM registration r JOIN participant p ON p.id = r.participant_id JOIN session s ON s.id = r.session_id
            WHERE s.code = \(code.typedCode) AND r.status = 'confirmed'
            ORDER BY p.last_name, p.first_name, p.email
            """)
        {
            var levels = [LearningLevel?](repeating: nil, count: objectives.count)
            for pair in try row.decode([String].self, "levels") {
                let parts = pair.split(separator: ":", maxSplits: 1)
                if parts.count == 2, let position = Int(parts[0]), levels.indices.contains(position - 1) {
                    levels[position - 1] = LearningLevel(rawValue: String(parts[1]))
                }
            }
            rows.append(
                .init(
                    registration: try row.decode(Int.self, "id"), participant: try row.decode(String.self, "name"),
                    levels: levels))
        }
        return Grid(session: code.typedCode, objectives: objectives, participants: rows)
    }

    /// Records `levels` — by registration, then by objective's position from 1 — as the
    /// trainer `trainer` of the session `code` evaluated them, in one transaction. A registration
    /// that is not a confirmed one of the session, or a position beyond its objectives, refuses
    /// the whole.
    public func record(_ levels: [Int: [Int: LearningLevel]], session code: String, trainer: Int) throws {
        try connection.write { connection in
            let grid = try grid(session: code)
            let known = Set(grid.participants.map(\.registration))
            for (registration, byPosition) in levels {
                guard known.contains(registration) else {
                    throw TrainingError.refused("The registration \(registration) is not a confirmed one of \(code).")
                }
                for (position, level) in byPosition {
                    guard grid.objectives.indices.contains(position - 1) else {
                        throw TrainingError.invalid(
                            "The session \(code) has \(grid.objectives.count) objectives: there is no objective \(position)."
                        )
                    }
                    try connection.execute(
                        """
                        INSERT INTO objective_evaluation (registration_id, position, objective, level, trainer_id)
                        VALUES (\(registration), \(position), \(grid.objectives[position - 1]), \(level), \(trainer))
                        ON CONFLICT (registration_id, position) DO UPDATE SET
                            objective = EXCLUDED.objective, level = EXCLUDED.level, trainer_id = EXCLUDED.trainer_id,
                            evaluated_at = now()
                        """)
                }
            }
        }
    }
}
