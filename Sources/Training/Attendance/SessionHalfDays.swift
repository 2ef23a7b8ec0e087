import Foundation
import Postgres

/// A session's half-days as the signing pages and the trainer's page word them, read in one query:
/// each slot with its id, its date and hours in French, its trainers and whether it is closed.
struct SessionHalfDays {
    let store: Store

    init(_ store: Store) { self.store = store }

    struct HalfDay {
        let id: Int
        let slot: Session.Slot
        /// The module's title, typeset in French.
        let title: String
        /// « lundi 5 avril 2027 », « de 9 h à 12 h 30 ».
        let date: String
        let times: String
        let trainers: [(id: Int, name: String)]
        /// The trainer has certified and closed it.
        let closed: Bool
    }

    func of(session code: String) throws -> [HalfDay] {
        let zone = store.timeZone
        return try store.connection.execute(
            """
            SELECT sl.id, sl.starts_at, sl.ends_at, sl.minutes, m.title,
                   array(SELECT t.id FROM slot_trainer st JOIN trainer t ON t.id = st.trainer_id
                         WHERE st.slot_id = sl.id ORDER BY t.code) AS trainer_ids,
                   array(SELECT t.name FROM slot_trainer st JOIN trainer t ON t.id = st.trainer_id
                         WHERE st.slot_id = sl.id ORDER BY t.code) AS trainer_names,
                   EXISTS (SELECT 1 FROM attendance_evidence e WHERE e.slot_id = sl.id AND e.action = 'closing') AS closed
            FROM slot sl JOIN session s ON s.id = sl.session_id JOIN module m ON m.id = s.module_id
            WHERE s.code = \(code) ORDER BY sl.starts_at
            """
        ).map { row in
            let start = try row.decode(Date.self, "starts_at")
            let end = try row.decode(Date.self, "ends_at")
            let ids = try row.decode([Int].self, "trainer_ids")
            let names = try row.decode([String].self, "trainer_names")
            return HalfDay(
                id: try row.decode(Int.self, "id"),
                slot: Session.Slot(
                    startsAt: start, endsAt: end, minutes: try row.decode(Int.self, "minutes"), venue: nil, trainers: []
                ),
                title: French.typography(try row.decode(String.self, "title")),
                date: French.date(start, in: zone),
                times: "de \(French.time(start, in: zone)) à \(French.time(end, in: zone))",
                trainers: Array(zip(ids, names)).map { (id: $0.0, name: $0.1) },
                closed: try row.decode(Bool.self, "closed"))
        }
    }
}
