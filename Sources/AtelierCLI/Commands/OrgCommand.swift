import App
import ArgumentParser
import Training

/// `atelier org …`: the training organisation's own identity.
struct OrgCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org", abstract: "Show and set the training organisation's identity, printed on every document.",
        subcommands: [Show.self, Edit.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show the organisation's identity.", discussion: "Example: atelier org show")

        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                guard let o = try OrganisationRecord(context.store()).current() else {
                    throw TrainingError(
                        .notFound, "The organisation's identity is not set yet: set it with `atelier org edit`.")
                }
                if output.json { return try Terminal.printJSON(o) }
                print(o.name)
                print(
                    Terminal.table(
                        [
                            ["SIRET", o.siret], ["NDA", o.activityNumber],
                            ["Address", "\(o.street), \(o.postalCode) \(o.city)"],
                            ["Email", o.email], ["Phone", o.phone ?? ""], ["Website", o.website ?? ""],
                            ["Signatory", "\(o.signatoryName), \(o.signatoryRole)"],
                            [
                                "Référent handicap",
                                contact(o.disabilityReferentName, o.disabilityReferentEmail, o.disabilityReferentPhone),
                            ],
                            [
                                "Référent pédagogique",
                                contact(o.pedagogicalContactName, o.pedagogicalContactEmail, o.pedagogicalContactPhone),
                            ],
                            [
                                "Référent administratif",
                                contact(
                                    o.administrativeContactName, o.administrativeContactEmail,
                                    o.administrativeContactPhone),
                            ],
                            ["VAT", o.terms.vatRegime.sentence],
                            [
                                "Payment",
                                "\(o.terms.paymentDays) days; late penalties "
                                    + (o.terms.latePenaltyBasisPoints.map { "\(French.hundredths($0)) %" } ?? "not set")
                                    + "; dédit \(o.terms.noShowChargePercent) %; reminders after \(o.terms.reminderDays) days",
                            ],
                            ["Bank", [o.terms.iban, o.terms.bic].compactMap { $0 }.joined(separator: " ")],
                        ].filter { !$0[1].isEmpty }, indent: "  "))
            }
        }

        private func contact(_ parts: String?...) -> String { parts.compactMap { $0 }.joined(separator: ", ") }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Set fields of the identity; the first time, every required one.",
            discussion: """
                Example: atelier org edit --name "Maison des associations de Caen" --siret 73282932000074 \
                --activity-number 28140123414 --street "8 rue Daniel Huet" --postal-code 14000 --city Caen \
                --email formation@mda-caen.fr --signatory-name "Claire Martin" --signatory-role Directrice
                """)

        @Option(help: "The name.") var name: String?
        @Option(help: "The SIRET, 14 digits.") var siret: String?
        @Option(name: .customLong("activity-number"), help: "The numéro de déclaration d'activité, 11 digits.")
        var activityNumber: String?
        @Option(help: "The street address.") var street: String?
        @Option(name: .customLong("postal-code"), help: "The postal code.") var postalCode: String?
        @Option(help: "The city.") var city: String?
        @Option(help: "The contact email.") var email: String?
        @Option(help: "The phone number.") var phone: String?
        @Option(help: "The website.") var website: String?
        @Option(name: .customLong("signatory-name"), help: "Who signs certificates.") var signatoryName: String?
        @Option(name: .customLong("signatory-role"), help: "Their role, like Directrice.") var signatoryRole: String?
        @Option(name: .customLong("disability-referent-name"), help: "The référent handicap.")
        var disabilityReferentName: String?
        @Option(name: .customLong("disability-referent-email"), help: "Their email.") var disabilityReferentEmail:
            String?
        @Option(name: .customLong("disability-referent-phone"), help: "Their phone.") var disabilityReferentPhone:
            String?
        @Option(name: .customLong("pedagogical-contact-name"), help: "The référent pédagogique (empty to take off).")
        var pedagogicalContactName: String?
        @Option(name: .customLong("pedagogical-contact-email"), help: "Their email.") var pedagogicalContactEmail:
            String?
        @Option(name: .customLong("pedagogical-contact-phone"), help: "Their phone.") var pedagogicalContactPhone:
            String?
        @Option(
            name: .customLong("administrative-contact-name"), help: "The référent administratif (empty to take off).")
        var administrativeContactName: String?
        @Option(name: .customLong("administrative-contact-email"), help: "Their email.")
        var administrativeContactEmail: String?
        @Option(name: .customLong("administrative-contact-phone"), help: "Their phone.")
        var administrativeContactPhone: String?
        @Option(name: .customLong("vat-regime"), help: "The VAT regime, whose sentence every invoice carries.")
        var vatRegime: BillingTerms.VATRegime?
        @Option(name: .customLong("payment-days"), help: "Days from an invoice to its due date: 0 to 60.")
        var paymentDays: Int?
        @Option(name: .customLong("late-penalty-rate"), help: "The yearly late-penalty rate in percent, like 12,15.")
        var latePenaltyRate: String?
        @Option(
            name: .customLong("no-show-charge"),
            help: "The dédit on hours not attended, in percent of their price (0 for none).")
        var noShowCharge: Int?
        @Option(
            name: .customLong("payment-reminder-days"),
            help: "Days after the due date an unpaid invoice is recalled to its buyer, then to you.")
        var paymentReminderDays: Int?
        @Option(help: "The bank account payments go to (empty to take off).") var iban: String?
        @Option(help: "Its BIC.") var bic: String?
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let saved = try OrganisationRecord(context.store()).edit { o in
                    if let name { o.name = name }
                    if let siret { o.siret = siret }
                    if let activityNumber { o.activityNumber = activityNumber }
                    if let street { o.street = street }
                    if let postalCode { o.postalCode = postalCode }
                    if let city { o.city = city }
                    if let email { o.email = email }
                    if let phone { o.phone = phone }
                    if let website { o.website = website }
                    if let signatoryName { o.signatoryName = signatoryName }
                    if let signatoryRole { o.signatoryRole = signatoryRole }
                    if let disabilityReferentName { o.disabilityReferentName = disabilityReferentName }
                    if let disabilityReferentEmail { o.disabilityReferentEmail = disabilityReferentEmail }
                    if let disabilityReferentPhone { o.disabilityReferentPhone = disabilityReferentPhone }
                    if let pedagogicalContactName { o.pedagogicalContactName = pedagogicalContactName }
                    if let pedagogicalContactEmail { o.pedagogicalContactEmail = pedagogicalContactEmail }
                    if let pedagogicalContactPhone { o.pedagogicalContactPhone = pedagogicalContactPhone }
                    if let administrativeContactName { o.administrativeContactName = administrativeContactName }
                    if let administrativeContactEmail { o.administrativeContactEmail = administrativeContactEmail }
                    if let administrativeContactPhone { o.administrativeContactPhone = administrativeContactPhone }
                    if let vatRegime { o.terms.vatRegime = vatRegime }
                    if let paymentDays { o.terms.paymentDays = paymentDays }
                    if let latePenaltyRate {
                        o.terms.latePenaltyBasisPoints = try BillingTerms.basisPoints(latePenaltyRate)
                    }
                    if let noShowCharge { o.terms.noShowChargePercent = noShowCharge }
                    if let paymentReminderDays { o.terms.reminderDays = paymentReminderDays }
                    if let iban { o.terms.iban = iban }
                    if let bic { o.terms.bic = bic }
                }
                print("Saved the identity of \(saved.name).")
            }
        }
    }
}
