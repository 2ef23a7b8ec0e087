/// A catalogue entry: what a training is, before any session of it is scheduled.
public struct Module: Sendable, Hashable, Codable {
    public enum Modality: String, Sendable, Hashable, Codable, CaseIterable {
        case presentiel, distanciel, hybride

        public var label: String {
            switch self {
            case .presentiel: "présentiel"
            case .distanciel: "distanciel"
            case .hybride: "hybride"
            }
        }
    }

    /// The four natures of action of L.6313-1, as the certificate names them.
    public enum Nature: String, Sendable, Hashable, Codable, CaseIterable {
        case actionDeFormation = "action_de_formation"
        case bilanDeCompetences = "bilan_de_competences"
        case vae
        case apprentissage

        public var label: String {
            switch self {
            case .actionDeFormation: "action de formation"
            case .bilanDeCompetences: "bilan de compétences"
            case .vae: "action de VAE"
            case .apprentissage: "action de formation par apprentissage"
            }
        }
    }

    public var code: String
    public var title: String
    /// The operational objectives, one line each, each something an evaluation can check:
    /// `Identifier les aides à l'emploi mobilisables.`
    public var objectives: [String] = []
    /// The content and its running order, part by part.
    public var programme = ""
    /// Who it is for (the programme's « public »).
    public var audience = ""
    public var prerequisites = ""
    /// Teaching methods and means: `Apports, études de cas, mises en situation.`
    public var methods = ""
    /// How a person with a disability can follow it, and whom to ask.
    public var accessibility = ""
    /// The time to access it: `Inscription jusqu'à 15 jours avant le début.`
    public var accessDelay = ""
    /// What participants bring, said in the convocation: `Les statuts de votre association.`
    public var whatToBring = ""
    public var durationMinutes: Int
    public var modality = Modality.presentiel
    public var nature = Nature.actionDeFormation
    public var evaluationMethod = ""
    public var defaultCapacity = 12
    public var pricePerParticipant: Money?
    public var pricePerGroup: Money?
    /// Codes of the référentiel's competences the module develops (`PARTENARIAT-3`).
    public var competences: [String] = []
    public var archived = false

    /// Money goes out as integer cents, under names that say so.
    enum CodingKeys: String, CodingKey {
        case code, title, objectives, programme, audience, prerequisites, whatToBring, durationMinutes, modality, nature
        case methods, accessibility, accessDelay, evaluationMethod, defaultCapacity, competences, archived
        case pricePerParticipant = "pricePerParticipantCents"
        case pricePerGroup = "pricePerGroupCents"
    }

    public init(code: String, title: String, durationMinutes: Int) {
        self.code = code
        self.title = title
        self.durationMinutes = durationMinutes
    }

    /// As many as `is_objective_list` lets a module have (migration 0025).
    static let mostObjectives = 30

    /// The module with its fields trimmed and checked, or the first problem found.
    func validated() throws(TrainingError) -> Module {
        var module = self
        module.code = try Field.code(code, of: "module")
        module.title = try Field.required(title, "title", limit: 200)
        module.objectives = try objectives.map { objective throws(TrainingError) in
            try Field.required(objective, "objective", limit: 500)
        }
        guard module.objectives.count <= Self.mostObjectives else {
            throw .invalid(
                "A module has at most \(Self.mostObjectives) objectives; this one would have \(module.objectives.count)."
            )
        }
        module.programme = try Field.optional(programme, "programme", limit: 20000, lines: .many)
        module.audience = try Field.optional(audience, "audience", limit: 2000, lines: .many)
        module.prerequisites = try Field.optional(prerequisites, "prerequisites", limit: 2000, lines: .many)
        module.whatToBring = try Field.optional(whatToBring, "what to bring", limit: 2000, lines: .many)
        module.evaluationMethod = try Field.optional(evaluationMethod, "evaluation method", limit: 2000, lines: .many)
        module.methods = try Field.optional(methods, "teaching methods", limit: 5000, lines: .many)
        module.accessibility = try Field.optional(accessibility, "accessibility", limit: 2000, lines: .many)
        module.accessDelay = try Field.optional(accessDelay, "time to access", limit: 1000, lines: .many)
        module.durationMinutes = try Field.number(durationMinutes, "duration in minutes", in: 30...60000)
        module.defaultCapacity = try Field.number(defaultCapacity, "capacity", in: 1...500)
        module.competences = Array(Set(competences.map { $0.uppercased() })).sorted()
        return module
    }
}
