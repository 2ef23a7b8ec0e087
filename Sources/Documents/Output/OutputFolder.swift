import Foundation

/// The folder a command writes several files into (`certificate export --out certificats/`),
/// created like `mkdir` when it does not exist yet: its parent must.
public enum OutputFolder {
    /// The folder's path ending in `/`, created if needed; a sentence when it is a file, or its
    /// parent is missing or closed to us.
    public static func prepare(_ path: String) throws(DocumentError) -> String {
        let folder = path.hasSuffix("/") ? path : path + "/"
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw DocumentError("Cannot write into \(path): it is a file, not a folder.")
            }
            return folder
        }
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isFolder), isFolder.boolValue else {
            throw DocumentError("Cannot create the folder \(path): the folder \(parent) does not exist.")
        }
        guard mkdir(path, 0o755) == 0 else {
            throw DocumentError("Cannot create the folder \(path): \(String(cString: strerror(errno))).")
        }
        return folder
    }
}
