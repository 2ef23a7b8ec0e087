import Foundation

/// A trainee: usually employed by, or volunteering in, an association.
public struct Participant: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case salarie, benevole
        case dirigeantBenevole = "dirigeant_benevole"
        case demandeurEmploi = "demandeur_emploi"
        case autre

        public var label: String {
            switch self {
            case .salarie: "salarié"
            case .benevole: "bénévole"
            case .dirigeantBenevole: "dirigeant bénévole"
            case .demandeurEmploi: "demandeur d'emploi"
            case .autre: "autre"
            }
        }

        /// Reads a status as people write it: `salarié`, `Salariée`, `Dirigeant bénévole`, `demandeur_emploi`.
        public init(parsing text: String) throws(TrainingError) {
            let key = Self.normalized(text)
            let feminine: [String: Status] = [
                "salariee": .salarie, "dirigeantebenevole": .dirigeantBenevole,
                "demandeusedemploi": .demandeurEmploi,
            ]
            guard
                let status = feminine[key]
                    ?? Self.allCases.first(where: {
                        Self.normalized($0.rawValue) == key || Self.normalized($0.label) == key
                    })
            else {
                throw .invalid(
                    "The status “\(text)” is not one of: \(Self.allCases.map(\.label).joined(separator: ", ")).")
            }
            self = status
        }

        private static func normalized(_ text: String) -> String {
            text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .filter { $0.isLetter }
        }
    }

    public var firstName: String
    public var lastName: String
    public var email: EmailAddress
    public var phone: String?
    public var employer: Employer?
    public var status = Status.salarie
    public var accessibilityNeeds = ""

    public init(firstName: String, lastName: String, email: EmailAddress) {
        (self.firstName, self.lastName, self.email) = (firstName, lastName, email)
    }

    /// `Émilie LŒUVRE`, as lists and attendance sheets show names.
    public var displayName: String { "\(firstName) \(lastName.uppercased())" }

    func validated() throws(TrainingError) -> Participant {
        var participant = self
        participant.firstName = try Field.required(firstName, "first name", limit: 100)
        participant.lastName = try Field.required(lastName, "last name", limit: 100)
        participant.phone = try phone.map { phone throws(TrainingError) in try Field.optional(phone, "phone", limit: 30)
        }
        .flatMap { $0.isEmpty ? nil : $0 }
        participant.accessibilityNeeds = try Field.optional(
            accessibilityNeeds, "accessibility needs", limit: 2000, lines: .many)
        participant.employer = try employer?.validated()
        return participant
    }
}

/// The association a participant comes from.
public struct Employer: Sendable, Hashable, Codable {
    public var name: String
    public var siret: String?
    public var city: String?

    public init(name: String, siret: String? = nil, city: String? = nil) {
        (self.name, self.siret, self.city) = (name, siret, city)
    }

    func validated() throws(TrainingError) -> Employer {
        Employer(
            name: try Field.required(name, "organisation name", limit: 200),
            siret: try siret.flatMap { $0.isEmpty ? nil : $0 }.map { siret throws(TrainingError) in
                try Siret.validated(siret)
            },
            city: try city.map { city throws(TrainingError) in try Field.optional(city, "city", limit: 100) }.flatMap {
                $0.isEmpty ? nil : $0
            })
    }
}
