import Synchronization
import Training

/// The organisation as every page names it, its name and its email, read from the database at
/// most once a minute: a change made with `atelier org edit` shows within the minute, and a
/// flood of unknown links costs no query each.
final class OrganisationCard: Sendable {
    struct Card: Sendable, Hashable {
        var name: String
        var email: String?
    }

    static let freshFor: Duration = .seconds(60)

    private let database: Database
    private let latest = Mutex<(card: Card, readAt: ContinuousClock.Instant)?>(nil)

    init(database: Database) { self.database = database }

    /// The card as last read, read again when it is older than a minute; while the database
    /// cannot be reached, the last one read, or none.
    func current() async -> Card? {
        let now = ContinuousClock.now
        let known = latest.withLock { $0 }
        if let known, now - known.readAt < Self.freshFor { return known.card }
        let read: Organisation?
        do {
            read = try await database.withStore { try OrganisationRecord($0).current() }
        } catch {
            return known?.card
        }
        let card = Card(name: read?.name ?? "", email: read.flatMap { $0.email.isEmpty ? nil : $0.email })
        latest.withLock { $0 = (card, now) }
        return card
    }
}
