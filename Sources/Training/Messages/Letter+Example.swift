extension Letter {
    /// A letter with every value its kind provides, for checking templates: the Caen session of
    /// the seeds.
    static func example(for kind: JobKind) -> Letter {
        let days = [Day(date: "lundi 5 avril 2027", times: "de 9 h à 12 h 30 et de 14 h à 17 h 30")]
        return Letter(
            participant: Person(firstName: "Élodie", lastName: "Marchand", email: "elodie@asso.fr"),
            session: Session(
                code: "S-2027-001", title: "Accompagner la fonction employeur", objectives: ["Connaître le cadre."],
                hasObjectives: true,
                whatToBring: "Les statuts de votre association.", hours: "21 h", firstDay: "lundi 5 avril 2027",
                parts: [Part(number: 1, title: "Partie 1", days: days)], inParts: true,
                venue: Place(
                    name: "Maison des associations", address: "8 rue Daniel Huet, 14000 Caen", accessNotes: "Tram T1.",
                    stepFree: true),
                trainers: "Scop Le Triangle"),
            organisation: Organisation(
                name: "Atelier", email: "formation@atelier.test", phone: "02 31 00 00 00",
                disabilityReferent: Referent(
                    name: "Marie Durand", email: "referent@atelier.test", phone: "02 31 00 00 03"),
                pedagogicalContact: Referent(
                    name: "Claire Martin", email: "claire@atelier.test", phone: "02 31 00 00 01"),
                administrativeContact: Referent(
                    name: "Paul Leroy", email: "inscriptions@atelier.test", phone: "02 31 00 00 02")),
            reminder: kind.providesReminder ? Reminder(daysBefore: 1, when: "demain") : nil,
            waitlist: kind.providesWaitlist ? Waitlist(position: 1) : nil,
            questionnaireLink: kind.providesQuestionnaireLink ? "https://atelier.test/q/0123456789abcdef" : nil,
            signingLink: kind.providesSigningLink ? "https://atelier.test/s/0123456789abcdef" : nil,
            personalCode: kind.providesSigningLink ? "K7PM 3QXA" : nil,
            halfDay: kind.providesHalfDay ? days[0] : nil,
            certificate: kind == .certificate
                ? CertificateNote(hours: "3 h 30", replacesEarlier: true, withdrawn: true) : nil)
    }
}
