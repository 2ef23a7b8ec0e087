/// A template's data taken apart once, before rendering: structs become dictionaries, arrays
/// arrays of their elements taken apart, a `nil` optional an absent key — what Mustache would
/// find through `Mirror`, in the shape it reads fastest.
///
/// Mustache reaches a dictionary's entry directly but reflects on a struct at every tag, for
/// every level of the section stack it climbs: that reflection was two thirds of a
/// questionnaire page's time on the server. Taking the data apart reflects once per field.
public enum TemplateData {
    public static func tree(of value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.map { tree(of: $0.value) } ?? value
        case .collection:
            return mirror.children.map { tree(of: $0.value) }
        case .struct where !mirror.children.isEmpty:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label else { continue }
                let field = Mirror(reflecting: child.value)
                if field.displayStyle == .optional && field.children.isEmpty { continue }
                fields[label] = tree(of: child.value)
            }
            return fields
        default:
            return value
        }
    }
}
