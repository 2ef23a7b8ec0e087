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
    public var objectives = ""
    public var programme = ""
    public var audience = ""
    public var prerequisites = ""
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
        case evaluationMethod, defaultCapacity, competences, archived
        case pricePerParticipant = "pricePerParticipantCents"
        case pricePerGroup = "pricePerGroupCents"
    }

    public init(code: String, title: String, durationMinutes: Int) {
        self.code = code
        self.title = title
        self.durationMinutes = durationMinutes
    }

    /// The module with its fields trimmed and checked, or the first problem found.
    func validated() throws(TrainingError) -> Module {
        var module = self
        module.code = try Field.code(code, of: "module")
        module.title = try Field.required(title, "title", limit: 200)
        module.objectives = try Field.optional(objectives, "objectives", limit: 5000, lines: .many)
        module.programme = try Field.optional(programme, "programme", limit: 20000, lines: .many)
        module.audience = try Field.optional(audience, "audience", limit: 2000, lines: .many)
        module.prerequisites = try Field.optional(prerequisites, "prerequisites", limit: 2000, lines: .many)
        module.whatToBring = try Field.optional(whatToBring, "what to bring", limit: 2000, lines: .many)
        module.evaluationMethod = try Field.optional(evaluationMethod, "evaluation method", limit: 2000, lines: .many)
        module.durationMinutes = try Field.number(durationMinutes, "duration in minutes", in: 30...60000)
        module.defaultCapacity = try Field.number(defaultCapacity, "capacity", in: 1...500)
        module.competences = Array(Set(competences.map { $0.uppercased() })).sorted()
        return module
    }
}
