import Documents
import Foundation

/// The feuille d'émargement (DOMAIN.md): a page per half-day slot with the organisation, the
/// session's title, the date, the times, the venue and the trainers; a line per confirmed
/// participant with their structure, their mark once recorded, and a box to sign; a box for
/// each trainer. Dates and times are the slot's own, as the convention and the invoice state them.
struct AttendanceSheetDocument {
    let sheet: AttendanceSheet
    let session: Session
    let organisation: Organisation?
    let venues: [String: Venue]
    let trainers: [String: Trainer]
    let blank: Bool
    /// Whether signature images and client addresses are shown; without, each signature is its
    /// caption alone (« signé le … à 09 h 12 »).
    let personalData: Bool
    /// The session's attendance evidence: its « Piste d'audit » page ends a sheet that is not
    /// blank.
    let trail: AuditTrail
    /// « en retard », « parti(e) avant la fin »: the last mark's detail of a participant present
    /// for part of a half-day, by email and half-day's start.
    let lateness: [String: [Date: String]]
    /// The signatures, by participant's email or trainer's key, and half-day's start.
    let signatures: [String: [Date: SignedBox]]
    let timeZone: TimeZone

    func render(at now: Date) throws -> [UInt8] {
        let document = PDFDocument(
            title: "Feuille d’émargement — \(session.code) — \(session.moduleTitle)",
            created: PDFDocument.creationDate(now, in: timeZone)
        ) { [code = session.code] page, count in
            "Feuille d’émargement \(code) — page \(page) sur \(count)"
        }
        var blocks: [PDFBlock] = []
        for (index, slot) in sheet.slots.enumerated() {
            if index > 0 { blocks.append(.pageBreak) }
            blocks += header(slot)
            blocks.append(
                .table(
                    PDFTable(
                        columns: [
                            .init("Participant", weight: 2.6), .init("Structure", weight: 2.6),
                            .init("Présence", weight: 1.4),
                            .init("Signature", weight: 3.4),
                        ],
                        rows: sheet.lines.map { line in
                            [
                                line.participant.displayName, line.participant.employer?.name ?? "",
                                blank
                                    ? ""
                                    : Self.label(line.marks[index])
                                        + (lateness[line.participant.email.text]?[slot.startsAt].map { ", \($0)" } ?? ""),
                                blank ? "" : signature(line, slot)?.caption(in: timeZone) ?? "",
                            ]
                        },
                        images: blank || !personalData
                            ? [] : sheet.lines.map { [nil, nil, nil, signature($0, slot)?.png] },
                        size: 9, minimumRowHeight: blank || signatures.isEmpty ? 30 : 56)))
            let boxes = slot.trainers.map {
                (trainers[$0]?.name ?? $0, signatures[SignedBox.trainerKey($0)]?[slot.startsAt])
            }
            let shown = blank ? boxes.map { ($0.0, nil) } : boxes
            blocks.append(
                .table(
                    PDFTable(
                        columns: [.init("Formateur", weight: 6), .init("Signature du formateur", weight: 4)],
                        rows: shown.isEmpty ? [["", ""]] : shown.map { [$0.0, $0.1?.caption(in: timeZone) ?? ""] },
                        images: personalData ? shown.map { [nil, $0.1?.png] } : [], size: 9,
                        minimumRowHeight: shown.contains { $0.1 != nil } ? 56 : 40)))
        }
        if !blank && !trail.entries.isEmpty { blocks += [.pageBreak] + auditTrail() }
        return try document.render(blocks.map(\.frenchSpacing))
    }

    /// Every record of the evidence, in the chain's order, then the chain's last hash: what
    /// `atelier attendance verify` recomputes.
    private func auditTrail() -> [PDFBlock] {
        let rows = trail.entries.map { entry in
            [
                String(entry.position),
                "\(French.date(entry.actedAt, in: timeZone)) à \(French.time(entry.actedAt, in: timeZone))",
                AuditTrail.action(entry) + (entry.participant.map { " — \($0)" } ?? "")
                    + (entry.reason.map { " (motif\u{00A0}: \($0))" } ?? ""),
                entry.actor, AuditTrail.channels[entry.channel] ?? entry.channel,
                personalData ? entry.address ?? "—" : "retirée",
                String(entry.hash.prefix(12)),
            ]
        }
        return [
            .text("Piste d’audit", TextStyle(size: 15, weight: .bold, alignment: .center, spaceAfter: 6)),
            .text(
                "Chaque signature, pointage et correction de la session, dans l’ordre où ils ont été enregistrés. Chaque ligne porte l’empreinte SHA-256 de la précédente\u{00A0}: une modification faite après coup rompt la chaîne.",
                TextStyle(size: 8.5, spaceAfter: 8)),
            .table(
                PDFTable(
                    columns: [
                        .init("N°", weight: 0.5, alignment: .right), .init("Date et heure", weight: 2.4),
                        .init("Action", weight: 3.2), .init("Par", weight: 1.8), .init("Canal", weight: 1.5),
                        .init("Adresse", weight: 1.3), .init("Empreinte", weight: 1.6),
                    ], rows: rows, size: 7.5)),
            .text(
                "Dernière empreinte de la chaîne\u{00A0}: \(trail.entries.last?.hash ?? "")",
                TextStyle(size: 8, spaceAfter: 2)),
            .text(
                "À vérifier avec «\u{202F}atelier attendance verify \(session.code)\u{202F}».",
                TextStyle(size: 8)),
        ]
    }

    private func signature(_ line: AttendanceSheet.Line, _ slot: Session.Slot) -> SignedBox? {
        signatures[line.participant.email.text]?[slot.startsAt]
    }

    private func header(_ slot: Session.Slot) -> [PDFBlock] {
        let part = session.parts.first { $0.slots.contains(slot) }
        let title =
            session.parts.count > 1 && !(part?.title.isEmpty ?? true)
            ? "\(session.moduleTitle) — \(part?.title ?? "")" : session.moduleTitle
        let venue = slot.venue.flatMap { venues[$0] }.map { "\($0.name), \($0.address)" } ?? "—"
        let names = slot.trainers.map { trainers[$0]?.name ?? $0 }
        var organisationLines: [PDFBlock] = []
        if let organisation {
            organisationLines = [
                .text(organisation.name, TextStyle(size: 10, weight: .bold, spaceAfter: 1)),
                .text(
                    "\(organisation.street), \(organisation.postalCode) \(organisation.city) — déclaration d’activité n° \(organisation.activityNumber)",
                    TextStyle(size: 8, spaceAfter: 12)),
            ]
        }
        return organisationLines + [
            .text("Feuille d’émargement", TextStyle(size: 15, weight: .bold, alignment: .center, spaceAfter: 10)),
            .table(
                PDFTable(
                    columns: [.init("", weight: 1.5), .init("", weight: 4)],
                    rows: [
                        ["Action", "\(title) (\(session.code))"],
                        ["Date", French.date(slot.startsAt, in: timeZone)],
                        [
                            "Horaires",
                            "de \(French.time(slot.startsAt, in: timeZone)) à \(French.time(slot.endsAt, in: timeZone)) (\(French.duration(minutes: slot.minutes)))",
                        ],
                        ["Lieu", venue],
                        ["Formation animée par", names.isEmpty ? "—" : French.list(names)],
                    ], size: 9.5, spaceAfter: 10, framed: false)),
        ]
    }

    static func label(_ mark: AttendanceStatus?) -> String {
        switch mark {
        case .present: "présent(e)"
        case .absent: "absent(e)"
        case .excused: "absence excusée"
        case nil: ""
        }
    }
}

extension Attendances {
    /// The session's feuille d'émargement as a PDF: blank (to print before the session), or with
    /// the marks recorded so far; without `personalData`, no signature image nor client address.
    public func sheetDocument(session code: String, blank: Bool, at now: Date = Date(), personalData: Bool = true)
        throws -> [UInt8]
    {
        let sheet = try sheet(session: code)
        let session = try Sessions(store).session(code)
        let catalogue = Catalogue(store)
        var venues: [String: Venue] = [:]
        var trainers: [String: Trainer] = [:]
        for slot in session.slots {
            if let venue = slot.venue, venues[venue] == nil { venues[venue] = try catalogue.venue(venue) }
            for trainer in slot.trainers where trainers[trainer] == nil {
                trainers[trainer] = try catalogue.trainer(trainer)
            }
        }
        let id = try SessionRow(code, on: connection, locking: false).id
        return try AttendanceSheetDocument(
            sheet: sheet, session: session, organisation: try OrganisationRecord(store).current(),
            venues: venues, trainers: trainers, blank: blank, personalData: personalData,
            trail: try AuditTrail(session: id, on: connection),
            lateness: try lateness(session: id), signatures: try SignedBox.all(session: id, on: connection),
            timeZone: store.timeZone
        ).render(at: now)
    }

    /// The participants whose last mark of a half-day says late or gone early.
    private func lateness(session: Int) throws -> [String: [Date: String]] {
        try connection.execute(
            """
            SELECT DISTINCT ON (e.registration_id, e.slot_id) p.email, sl.starts_at, e.status
            FROM attendance_evidence e JOIN registration r ON r.id = e.registration_id
            JOIN participant p ON p.id = r.participant_id JOIN slot sl ON sl.id = e.slot_id
            WHERE e.session_id = \(session) AND e.action IN ('mark', 'correction')
            ORDER BY e.registration_id, e.slot_id, e.position DESC
            """
        ).reduce(into: [:]) { details, row in
            let detail = ["late": "en retard", "left-early": "parti(e) avant la fin"][
                try row.decode(String.self, "status")]
            guard let detail else { return }
            details[try row.decode(String.self, "email"), default: [:]][try row.decode(Date.self, "starts_at")] = detail
        }
    }
}
