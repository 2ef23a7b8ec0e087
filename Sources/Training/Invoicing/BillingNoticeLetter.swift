import Foundation
import Postgres
import Queue

/// What the coordinator is told (`Jobs/billing-notice/*.mustache`): an invoice still unpaid
/// after its reminder to the buyer, or a funder's invoicing deadline near with its invoice not
/// issued yet.
public struct BillingNoticeLetter: Sendable, Hashable {
    public struct Recipient: Sendable, Hashable {
        public var name: String
        public var email: String
    }

    public struct Overdue: Sendable, Hashable {
        public var number: String
        public var buyer: String
        public var due: String
        public var total: String
        public var left: String
    }

    public struct Deadline: Sendable, Hashable {
        public var funder: String
        public var session: String
        public var title: String
        /// The last day the funder takes the invoice: `18 juin 2026`.
        public var day: String
        public var dossier: String?
    }

    public var recipient: Recipient
    public var overdue: Overdue?
    public var deadline: Deadline?
    public var organisation: Letter.Organisation

    static var example: BillingNoticeLetter {
        BillingNoticeLetter(
            recipient: Recipient(name: "Paul Leroy", email: "inscriptions@mda-caen.example"),
            overdue: Overdue(
                number: "FA-2027-00042", buyer: "Graine Normandie", due: "7 mai 2027", total: "420,00 €",
                left: "420,00 €"),
            deadline: Deadline(
                funder: "Uniformation", session: "S-2027-001", title: "Accompagner la fonction employeur",
                day: "18 juin 2027", dossier: "AC-2027-0118"),
            organisation: Letter.example(for: .convocation).organisation)
    }
}

extension Invoices {
    /// The coordinator's notice, or `nil` when there is nothing to tell any more — the invoice
    /// is paid or credited, the funder's invoice is issued — or no one to tell: the organisation
    /// has neither an administrative contact's email nor an email.
    public func billingNotice(_ arguments: BillingNoticeArguments) throws -> BillingNoticeLetter? {
        guard let organisation = try OrganisationRecord(store).current() else { return nil }
        let recipient = BillingNoticeLetter.Recipient(
            name: organisation.administrativeContactName ?? organisation.name,
            email: organisation.administrativeContactEmail ?? organisation.email)
        var letter = BillingNoticeLetter(recipient: recipient, organisation: try Letters(store).organisation())
        if let id = arguments.invoiceId {
            let invoice = try invoice(id)
            guard invoice.leftToPay > .zero else { return nil }
            letter.overdue = .init(
                number: invoice.number ?? "", buyer: invoice.buyer, due: invoice.dueOn.map(French.day) ?? "",
                total: invoice.total.description, left: invoice.leftToPay.description)
        }
        if let agreement = arguments.agreementId {
            guard
                let row = try connection.execute(
                    """
                    SELECT fu.name, s.code, mp.title, f.agreement_number,
                           (x.ends_at AT TIME ZONE x.time_zone)::date + fu.invoicing_delay_days AS deadline
                    FROM funding_agreement f JOIN funder fu ON fu.id = f.funder_id JOIN session s ON s.id = f.session_id
                    JOIN module_programme mp ON mp.id = s.programme_id
                    CROSS JOIN LATERAL (SELECT ends_at, time_zone FROM slot WHERE session_id = s.id
                                        ORDER BY ends_at DESC LIMIT 1) AS x
                    WHERE f.id = \(agreement) AND fu.invoicing_delay_days IS NOT NULL
                      AND NOT EXISTS (SELECT FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id
                                      WHERE l.funding_agreement_id = f.id AND i.number IS NOT NULL AND i.kind = 'invoice')
                    """
                ).first
            else { return nil }
            letter.deadline = .init(
                funder: try row.decode(String.self, "name"), session: try row.decode(String.self, "code"),
                title: try row.decode(String.self, "title"),
                day: French.day(try row.decode(LocalDate.self, "deadline")),
                dossier: try row.decode(String?.self, "agreement_number"))
        }
        return letter.overdue == nil && letter.deadline == nil ? nil : letter
    }

    /// Once an unpaid invoice was recalled to its buyer, the coordinator hears of it as many
    /// days later, if it is still unpaid then.
    public func scheduleOverdueNotice(_ id: Int) throws {
        let days = try OrganisationRecord(store).current()?.terms.reminderDays ?? 15
        try JobQueue(connection).enqueue([
            try store.jobs.job(
                .billingNotice, BillingNoticeArguments(invoiceId: id),
                runAt: Date().addingTimeInterval(Double(days) * 86_400), key: "billing-notice:invoice:\(id)")
        ])
    }
}
