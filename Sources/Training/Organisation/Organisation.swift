import Foundation
import Postgres

/// The training organisation running Atelier: the identity every certificate, attendance sheet
/// and convocation prints.
public struct Organisation: Sendable, Hashable, Codable {
    public var name = ""
    public var siret = ""
    /// Numéro de déclaration d'activité: 11 digits.
    public var activityNumber = ""
    public var street = ""
    public var postalCode = ""
    public var city = ""
    public var email = ""
    public var phone: String?
    public var website: String?
    public var signatoryName = ""
    public var signatoryRole = ""
    /// The référent handicap (Qualiopi indicator 26), named in convocations.
    public var disabilityReferentName: String?
    public var disabilityReferentEmail: String?
    public var disabilityReferentPhone: String?
    /// The référent pédagogique, whom programmes and convocations name for questions on content.
    public var pedagogicalContactName: String?
    public var pedagogicalContactEmail: String?
    public var pedagogicalContactPhone: String?
    /// The référent administratif: registrations, funding, convocations.
    public var administrativeContactName: String?
    public var administrativeContactEmail: String?
    public var administrativeContactPhone: String?
    /// What its invoices say of money.
    public var terms = BillingTerms()

    public init() {}

    func validated() throws(TrainingError) -> Organisation {
        var organisation = self
        organisation.name = try Field.required(name, "organisation's name", limit: 200)
        organisation.siret = try Siret.validated(siret)
        let number = activityNumber.filter { !French.spaces.contains($0) }
        guard number.count == 11, number.allSatisfy(\.isASCIIDigit) else {
            throw .invalid("The numéro de déclaration d'activité “\(activityNumber)” is not valid: it is 11 digits.")
        }
        organisation.activityNumber = number
        organisation.street = try Field.required(street, "street", limit: 200)
        guard postalCode.count == 5, postalCode.allSatisfy(\.isASCIIDigit) else {
            throw .invalid("The postal code “\(postalCode)” is not valid: it is 5 digits.")
        }
        organisation.city = try Field.required(city, "city", limit: 100)
        organisation.email = try EmailAddress(email).text
        organisation.phone = try phone.map { phone throws(TrainingError) in
            try Field.optional(phone, "phone", limit: 30)
        }
        organisation.website = try website.map { site throws(TrainingError) in
            try Field.optional(site, "website", limit: 200)
        }
        organisation.signatoryName = try Field.required(signatoryName, "signatory's name", limit: 100)
        organisation.signatoryRole = try Field.required(signatoryRole, "signatory's role", limit: 100)
        organisation.disabilityReferentName = try disabilityReferentName.map { name throws(TrainingError) in
            try Field.optional(name, "référent handicap's name", limit: 100)
        }
        organisation.disabilityReferentEmail = try disabilityReferentEmail.map { email throws(TrainingError) in
            try EmailAddress(email).text
        }
        organisation.disabilityReferentPhone = try Self.contact(
            disabilityReferentPhone, "référent handicap's phone", 30)
        organisation.pedagogicalContactName = try Self.contact(
            pedagogicalContactName, "pedagogical contact's name", 100)
        organisation.pedagogicalContactEmail = try Self.contactEmail(pedagogicalContactEmail)
        organisation.pedagogicalContactPhone = try Self.contact(
            pedagogicalContactPhone, "pedagogical contact's phone", 30)
        organisation.administrativeContactName = try Self.contact(
            administrativeContactName, "administrative contact's name", 100)
        organisation.administrativeContactEmail = try Self.contactEmail(administrativeContactEmail)
        organisation.administrativeContactPhone = try Self.contact(
            administrativeContactPhone, "administrative contact's phone", 30)
        organisation.terms = try terms.validated()
        return organisation
    }

    /// A contact's line, `nil` when empty: an empty value takes the contact off.
    private static func contact(_ text: String?, _ name: String, _ limit: Int) throws(TrainingError) -> String? {
        guard let text else { return nil }
        let line = try Field.optional(text, name, limit: limit)
        return line.isEmpty ? nil : line
    }

    private static func contactEmail(_ text: String?) throws(TrainingError) -> String? {
        guard let text, !text.trimmingWhiteSpace.isEmpty else { return nil }
        return try EmailAddress(text).text
    }
}

public struct OrganisationRecord {
    let store: Store
    var connection: Connection { store.connection }

    public init(_ store: Store) { self.store = store }

    /// The identity, or `nil` before `atelier org edit` first sets it.
    public func current() throws -> Organisation? {
        try connection.execute(
            """
            SELECT name, siret, activity_number, street, postal_code, city, email, phone, website,
                   signatory_name, signatory_role, disability_referent_name, disability_referent_email,
                   disability_referent_phone, pedagogical_contact_name, pedagogical_contact_email,
                   pedagogical_contact_phone, administrative_contact_name, administrative_contact_email,
                   administrative_contact_phone, vat_regime, payment_days, late_penalty_basis_points,
                   no_show_charge_percent, payment_reminder_days, iban, bic
            FROM organisation
            """
        ).first.map { row in
            var organisation = Organisation()
            organisation.name = try row.decode(String.self, "name")
            organisation.siret = try row.decode(String.self, "siret")
            organisation.activityNumber = try row.decode(String.self, "activity_number")
            organisation.street = try row.decode(String.self, "street")
            organisation.postalCode = try row.decode(String.self, "postal_code")
            organisation.city = try row.decode(String.self, "city")
            organisation.email = try row.decode(String.self, "email")
            organisation.phone = try row.decode(String?.self, "phone")
            organisation.website = try row.decode(String?.self, "website")
            organisation.signatoryName = try row.decode(String.self, "signatory_name")
            organisation.signatoryRole = try row.decode(String.self, "signatory_role")
            organisation.disabilityReferentName = try row.decode(String?.self, "disability_referent_name")
            organisation.disabilityReferentEmail = try row.decode(String?.self, "disability_referent_email")
            organisation.disabilityReferentPhone = try row.decode(String?.self, "disability_referent_phone")
            organisation.pedagogicalContactName = try row.decode(String?.self, "pedagogical_contact_name")
            organisation.pedagogicalContactEmail = try row.decode(String?.self, "pedagogical_contact_email")
            organisation.pedagogicalContactPhone = try row.decode(String?.self, "pedagogical_contact_phone")
            organisation.administrativeContactName = try row.decode(String?.self, "administrative_contact_name")
            organisation.administrativeContactEmail = try row.decode(String?.self, "administrative_contact_email")
            organisation.administrativeContactPhone = try row.decode(String?.self, "administrative_contact_phone")
            organisation.terms.vatRegime = try row.decode(BillingTerms.VATRegime.self, "vat_regime")
            organisation.terms.paymentDays = try row.decode(Int.self, "payment_days")
            organisation.terms.latePenaltyBasisPoints = try row.decode(Int?.self, "late_penalty_basis_points")
            organisation.terms.noShowChargePercent = try row.decode(Int.self, "no_show_charge_percent")
            organisation.terms.reminderDays = try row.decode(Int.self, "payment_reminder_days")
            organisation.terms.iban = try row.decode(String?.self, "iban")
            organisation.terms.bic = try row.decode(String?.self, "bic")
            return organisation
        }
    }

    /// Applies `change` to the identity (an empty one the first time) and saves it whole.
    public func edit(_ change: (inout Organisation) throws -> Void) throws -> Organisation {
        try connection.write { connection in
            var organisation = try current() ?? Organisation()
            try change(&organisation)
            let o = try organisation.validated()
            try connection.execute(
                """
                INSERT INTO organisation (name, siret, activity_number, street, postal_code, city, email, phone, website,
                                          signatory_name, signatory_role, disability_referent_name, disability_referent_email,
                                          disability_referent_phone, pedagogical_contact_name, pedagogical_contact_email,
                                          pedagogical_contact_phone, administrative_contact_name,
                                          administrative_contact_email, administrative_contact_phone, vat_regime,
                                          payment_days, late_penalty_basis_points, no_show_charge_percent, payment_reminder_days,
                                          iban, bic)
                VALUES (\(o.name), \(o.siret), \(o.activityNumber), \(o.street), \(o.postalCode), \(o.city), \(o.email),
                        \(o.phone), \(o.website), \(o.signatoryName), \(o.signatoryRole), \(o.disabilityReferentName),
                        \(o.disabilityReferentEmail), \(o.disabilityReferentPhone), \(o.pedagogicalContactName),
                        \(o.pedagogicalContactEmail), \(o.pedagogicalContactPhone), \(o.administrativeContactName),
                        \(o.administrativeContactEmail), \(o.administrativeContactPhone), \(o.terms.vatRegime),
                        \(o.terms.paymentDays), \(o.terms.latePenaltyBasisPoints), \(o.terms.noShowChargePercent),
                        \(o.terms.reminderDays),
                        \(o.terms.iban), \(o.terms.bic))
                ON CONFLICT (singleton) DO UPDATE SET
                    name = EXCLUDED.name, siret = EXCLUDED.siret, activity_number = EXCLUDED.activity_number,
                    street = EXCLUDED.street, postal_code = EXCLUDED.postal_code, city = EXCLUDED.city,
                    email = EXCLUDED.email, phone = EXCLUDED.phone, website = EXCLUDED.website,
                    signatory_name = EXCLUDED.signatory_name, signatory_role = EXCLUDED.signatory_role,
                    disability_referent_name = EXCLUDED.disability_referent_name,
                    disability_referent_email = EXCLUDED.disability_referent_email,
                    disability_referent_phone = EXCLUDED.disability_referent_phone,
                    pedagogical_contact_name = EXCLUDED.pedagogical_contact_name,
                    pedagogical_contact_email = EXCLUDED.pedagogical_contact_email,
                    pedagogical_contact_phone = EXCLUDED.pedagogical_contact_phone,
                    administrative_contact_name = EXCLUDED.administrative_contact_name,
                    administrative_contact_email = EXCLUDED.administrative_contact_email,
                    administrative_contact_phone = EXCLUDED.administrative_contact_phone,
                    vat_regime = EXCLUDED.vat_regime, payment_days = EXCLUDED.payment_days,
                    late_penalty_basis_points = EXCLUDED.late_penalty_basis_points,
                    no_show_charge_percent = EXCLUDED.no_show_charge_percent,
                    payment_reminder_days = EXCLUDED.payment_reminder_days, iban = EXCLUDED.iban, bic = EXCLUDED.bic,
                    updated_at = now()
                """)
            try EventLog.append(OrganisationEdited(organisation: o.name), on: connection, jobs: store.jobs)
            return o
        }
    }
}
