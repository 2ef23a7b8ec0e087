import App
import ArgumentParser
import Training

/// `atelier venue …`.
struct VenueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "venue", abstract: "Keep the places where sessions are given.", subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a venue.",
            discussion: """
                Example: atelier venue add MDA-CAEN --name "Maison des associations" --street "8 rue Daniel Huet" \
                --postal-code 14000 --city Caen --step-free --access-notes "Tram A, arrêt Saint-Pierre"
                """)

        @Argument(help: "The venue's code, like MDA-CAEN.") var code: String
        @Option(help: "The name.") var name: String
        @Option(help: "The street address.") var street: String
        @Option(name: .customLong("postal-code"), help: "The postal code, 5 digits.") var postalCode: String
        @Option(help: "The city.") var city: String
        @Option(name: .customLong("access-notes"), help: "How to get there and in; printed in convocations.")
        var accessNotes = ""
        @Flag(name: .customLong("step-free"), help: "Reachable without steps.") var stepFree = false
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                var venue = Venue(code: code, name: name, street: street, postalCode: postalCode, city: city)
                venue.accessNotes = accessNotes
                venue.isStepFree = stepFree
                let added = try Catalogue(context.store()).addVenue(venue)
                print("Added the venue \(added.code): \(added.name), \(added.address).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the venues.", discussion: "Example: atelier venue list")

        @OptionGroup var output: OutputOptions
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try options.run { context in
                let venues = try Catalogue(context.store()).venues()
                if output.json { return try Terminal.printJSON(venues) }
                print(
                    Terminal.table(
                        [["CODE", "NAME", "ADDRESS", "STEP-FREE"]]
                            + venues.map {
                                [$0.code, $0.name, $0.address, $0.isStepFree ? "yes" : "no"]
                            }))
            }
        }
    }
}
