import BenchmarkSupport
import Foundation
import Postgres
import Synchronization
import Training

// Documents on a real server. Certificates: PARTICIPANTS certificates issued as the `certificate`
// job does (facts read, PDF built, stored with its checksum, one transaction each, no email), on
// one lane, then on two (each a thread with its own connection, as `atelier worker` runs by
// default), beside building alone and storing alone. The funding export: ROWS registrations seeded in SQL,
// for `atelier export funding` to write (the script times it and reads its peak memory).
// One JSON line per figure.
//
//   DocumentBenchmark URL PARTICIPANTS ROWS

@main
enum DocumentBenchmark {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 4, let participants = Int(arguments[2]), let rows = Int(arguments[3]) else {
            fatalError("usage: DocumentBenchmark URL PARTICIPANTS ROWS")
        }
        let store = try BenchmarkStore.open(arguments[1])
        let connection = store.connection
        try seed(connection, participants: participants, rows: rows)

        let registrations = try connection.execute(
            """
            SELECT r.id FROM registration r JOIN session s ON s.id = r.session_id WHERE s.code LIKE 'S-2025-%' ORDER BY r.id
            """
        ).map { try $0.decode(Int.self, at: 0) }
        let certificates = Certificates(store)
        let clock = ContinuousClock()
        var size = 0
        let built = try clock.measure {
            for id in registrations { size = try certificates.draft(registration: id)?.pdf.count ?? 0 }
        }
        let (jobs, zone) = (try store.jobs, store.timeZone)
        let half = registrations.count / 2
        let issued = try clock.measure { try issue(registrations[..<half], on: connection, jobs: jobs, timeZone: zone) }
        // The other half on two lanes at once.
        let configuration = try ConnectionConfiguration(arguments[1])
        let done = DispatchSemaphore(value: 0)
        let failures = Mutex<[String]>([])
        let twoLanes = clock.measure {
            for lane in 0..<2 {
                let ids = Array(registrations[half...]).enumerated().filter { $0.offset % 2 == lane }.map(\.element)
                Thread {
                    do { try issue(ids[...], on: try Connection(configuration), jobs: jobs, timeZone: zone) } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                    done.signal()
                }.start()
            }
            done.wait()
            done.wait()
        }
        precondition(failures.withLock { $0.isEmpty }, "\(failures.withLock { $0 })")
        let sample = try connection.execute("SELECT pdf FROM certificate LIMIT 1")[0].decode(Data.self, at: 0)
        try connection.execute(
            "CREATE TEMPORARY TABLE blob (id bigint GENERATED ALWAYS AS IDENTITY, pdf bytea, sha256 bytea)")
        let stored = try clock.measure {
            for _ in registrations {
                try connection.transaction { connection in
                    try connection.execute("INSERT INTO blob (pdf, sha256) VALUES (\(sample), sha256(\(sample)))")
                }
            }
        }
        func perSecond(_ duration: Duration, _ count: Int = registrations.count) -> Double {
            Double(count) / (Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
        }
        report("certificates_issued_per_s", perSecond(issued, half))
        report("certificates_issued_per_s_2_lanes", perSecond(twoLanes, registrations.count - half))
        report("certificates_built_per_s", perSecond(built))
        report("pdf_rows_stored_per_s", perSecond(stored))
        report("certificate_bytes", Double(size))
    }

    /// Issues the certificates of `ids` on one connection, one transaction each, as the job does.
    static func issue(_ ids: ArraySlice<Int>, on connection: Connection, jobs: JobCatalogue, timeZone: TimeZone) throws
    {
        let certificates = Certificates(Store(connection, jobs: jobs, timeZone: timeZone))
        for id in ids {
            try connection.transaction { _ in
                guard case .issued = try certificates.issue(registration: id) else {
                    fatalError("registration \(id) was not issued")
                }
            }
        }
    }

    static func report(_ name: String, _ value: Double) {
        print(#"{"figure": "\#(name)", "value": \#(String(format: "%.1f", value))}"#)
    }

    /// The organisation; PARTICIPANTS people; sessions of 2025 (500 each, two half-days, all
    /// present, completed) for the certificates; and sessions of 2026 holding ROWS registrations
    /// funded per participant, one a day, for the export.
    static func seed(_ connection: Connection, participants: Int, rows: Int) throws {
        let perSession = 500
        try connection.transaction { connection in
            try connection.executeScript(
                """
                INSERT INTO organisation (name, siret, activity_number, street, postal_code, city, email, signatory_name, signatory_role)
                VALUES ('Maison des associations de Caen', '77935012000019', '28140123414', '8 rue Daniel Huet', '14000', 'Caen',
                        'formation@mda-caen.example', 'Claire Martin', 'Directrice');
                INSERT INTO module (code, title, duration_minutes, default_capacity) VALUES ('PMAE', 'Accompagner la fonction employeur', 420, 500);
                INSERT INTO funder (code, name, kind) VALUES ('BENCH', 'OPCO Cohésion sociale', 'opco');
                INSERT INTO employer (name, city) SELECT 'Association n° ' || i, 'Caen' FROM generate_series(1, 50) AS i;
                INSERT INTO participant (first_name, last_name, email, employer_id)
                SELECT 'Prénom' || i, 'Nom' || i, 'p' || i || '@asso.example', 1 + i % 50 FROM generate_series(1, \(max(participants, perSession))) AS i;
                """)
            func sessions(year: Int, count: Int, slots: Int) throws {
                try connection.executeScript(
                    """
                    INSERT INTO session (code, module_id, capacity, status)
                    SELECT 'S-\(year)-' || lpad(i::text, 3, '0'), 1, \(perSession), 'scheduled' FROM generate_series(1, \(count)) AS i;
                    INSERT INTO session_part (session_id, position) SELECT id, 1 FROM session WHERE code LIKE 'S-\(year)-%';
                    INSERT INTO slot (session_id, part_id, starts_at, ends_at, time_zone)
                    SELECT s.id, p.id, timestamptz '\(year)-01-05 09:00 Europe/Paris' + (s.id || ' days')::interval + (h * 5 || ' hours')::interval,
                           timestamptz '\(year)-01-05 12:30 Europe/Paris' + (s.id || ' days')::interval + (h * 5 || ' hours')::interval, 'Europe/Paris'
                    FROM session s JOIN session_part p ON p.session_id = s.id CROSS JOIN generate_series(0, \(slots - 1)) AS h
                    WHERE s.code LIKE 'S-\(year)-%';
                    INSERT INTO funding_agreement (session_id, reference, funder_id, basis, amount_cents, scheme, agreement_number)
                    SELECT id, 'F1', 1, 'per_participant', 45000, 'plan de développement des compétences', 'PDC-' || id FROM session WHERE code LIKE 'S-\(year)-%';
                    INSERT INTO registration (session_id, participant_id, status, funding_agreement_id)
                    SELECT s.id, 1 + (s.id * 7 + i) % \(max(participants, perSession)), 'confirmed', f.id
                    FROM session s JOIN funding_agreement f ON f.session_id = s.id CROSS JOIN generate_series(1, \(perSession)) AS i
                    WHERE s.code LIKE 'S-\(year)-%';
                    INSERT INTO attendance (registration_id, slot_id, session_id, status, recorded_by)
                    SELECT r.id, sl.id, r.session_id, CASE WHEN (r.id + sl.id) % 10 = 0 THEN 'absent' ELSE 'present' END, 'bench'
                    FROM registration r JOIN slot sl ON sl.session_id = r.session_id JOIN session s ON s.id = r.session_id
                    WHERE s.code LIKE 'S-\(year)-%';
                    UPDATE session SET status = 'completed', completed_at = now() WHERE code LIKE 'S-\(year)-%';
                    """)
            }
            try sessions(year: 2025, count: (participants + perSession - 1) / perSession, slots: 2)
            try sessions(year: 2026, count: (rows + perSession - 1) / perSession, slots: 1)
        }
        try connection.execute("ANALYZE")
    }
}
