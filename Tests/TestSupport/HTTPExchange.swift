import Foundation

/// A plain HTTP/1.1 exchange over a loopback socket, written out byte for byte, so that a test
/// can send what a browser, a scanner or an attacker would — malformed requests included — and
/// read exactly what the server answered.
public enum HTTPExchange {
    public struct Response: Sendable {
        public let status: Int
        /// Header names in lower case, as HTTP/1.1 makes them case-insensitive.
        public let headers: [String: String]
        public let body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    public enum Failure: Error, CustomStringConvertible {
        case socket(String)
        case malformed(String)
        public var description: String {
            switch self {
            case .socket(let why), .malformed(let why): why
            }
        }
    }

    /// Sends one request with `Connection: close` and reads the answer to the end.
    public static func send(
        to port: Int, method: String, path: String, headers: [(String, String)] = [], body: [UInt8] = []
    ) throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        return try exchange(port: port, bytes: Array((head + "\r\n").utf8) + body)
    }

    /// Sends `bytes` as they are and reads the answer until the server closes.
    public static func exchange(port: Int, bytes: [UInt8]) throws -> Response {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure.socket("socket: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure.socket("connect: \(String(cString: strerror(errno)))") }
        var sent = 0
        while sent < bytes.count {
            // A server that answers before the body's end (a refused body) is read at once, as
            // browsers and curl do, rather than sent into until its idle timeout.
            var ready = pollfd(fd: descriptor, events: Int16(POLLIN | POLLOUT), revents: 0)
            guard poll(&ready, 1, 5_000) > 0, ready.revents & Int16(POLLIN) == 0 else { break }
            // MSG_NOSIGNAL: a server that closes early (a refused body) is an answer, not a SIGPIPE.
            let written = bytes[sent..<min(sent + 65536, bytes.count)].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard written > 0 else { break }
            sent += written
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            answer += buffer[..<count]
        }
        return try parse(answer)
    }

    static func parse(_ answer: [UInt8]) throws -> Response {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = answer.indices.first(where: { answer[$0...].starts(with: separator) }) else {
            throw Failure.malformed("no complete head in \(answer.count) bytes")
        }
        let lines = String(decoding: answer[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusLine = lines.first, let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "")
        else { throw Failure.malformed("no status line") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: Array(answer[(end + separator.count)...]))
    }
}
