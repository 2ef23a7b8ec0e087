/// A login written into a URL (`https://user:secret@host/…`), which libcurl uses but people and
/// records must not see. Every URL that is printed, logged, queued or recorded goes through one
/// of these two: the password is shown as `********`, or the login is left out altogether.
public enum URLCredentials {
    /// `scheme://user:secret@host/…` → `scheme://user:********@host/…`: how a URL is shown.
    public static func masked(_ url: String) -> String {
        guard let (userInfo, _) = split(url), let colon = url[userInfo].firstIndex(of: ":") else { return url }
        var masked = url
        masked.replaceSubrange(url.index(after: colon)..<userInfo.upperBound, with: "********")
        return masked
    }

    /// `scheme://user:secret@host/…` → `scheme://host/…`: how a URL is recorded.
    public static func removed(_ url: String) -> String {
        guard let (userInfo, at) = split(url) else { return url }
        var removed = url
        removed.removeSubrange(userInfo.lowerBound...at)
        return removed
    }

    /// The login's range and its `@`, when the URL's authority has one. The authority ends at the
    /// first `/`, `?` or `#`; the login at its last `@` (a password may hold an `@` of its own).
    private static func split(_ url: String) -> (Range<String.Index>, String.Index)? {
        guard let scheme = url.range(of: "://") else { return nil }
        let authority = url[scheme.upperBound...].prefix { !"/?#".contains($0) }
        guard let at = authority.lastIndex(of: "@") else { return nil }
        return (scheme.upperBound..<at, at)
    }
}
