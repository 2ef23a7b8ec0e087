import Documents

extension Organisation {
    /// `SIRET … — déclaration d’activité n° …`: how the documents it issues name it in law.
    var registration: String { "SIRET \(siret) — déclaration d’activité n° \(activityNumber)" }

    /// The head of a document it issues: its name, its address and its registration.
    func letterhead(spaceAfter: Double = 24) -> [PDFBlock] {
        [
            .text(name, TextStyle(size: 11, weight: .bold, spaceAfter: 2)),
            .text("\(street), \(postalCode) \(city)\n\(registration)", TextStyle(size: 9, spaceAfter: spaceAfter)),
        ]
    }
}
