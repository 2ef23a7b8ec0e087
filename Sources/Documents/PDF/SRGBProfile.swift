/// A small ICC version 2 display profile for sRGB (IEC 61966-2.1 primaries adapted to D50, a
/// gamma of 2.2): the output intent a PDF/A file names for the colours it uses. Built here, byte
/// by byte, so that no profile file has to be found on the machine.
enum SRGBProfile {
    static let bytes: [UInt8] = {
        let description = "sRGB IEC61966-2.1"
        var desc =
            signature("desc") + [0, 0, 0, 0] + uint32(description.utf8.count + 1) + Array(description.utf8) + [0]
        desc += uint32(0) + uint32(0) + [0, 0] + [0] + [UInt8](repeating: 0, count: 67)
        let cprt = signature("text") + [0, 0, 0, 0] + Array("No copyright, use freely".utf8) + [0]
        func xyz(_ x: Double, _ y: Double, _ z: Double) -> [UInt8] {
            signature("XYZ ") + [0, 0, 0, 0] + s15Fixed16(x) + s15Fixed16(y) + s15Fixed16(z)
        }
        // Gamma 2.2 as u8Fixed8: 563 / 256.
        let trc = signature("curv") + [0, 0, 0, 0] + uint32(1) + [0x02, 0x33]
        let tags: [(String, [UInt8])] = [
            ("desc", desc), ("cprt", cprt), ("wtpt", xyz(0.9642, 1.0, 0.8249)),
            ("rXYZ", xyz(0.4361, 0.2225, 0.0139)), ("gXYZ", xyz(0.3851, 0.7169, 0.0971)),
            ("bXYZ", xyz(0.1431, 0.0606, 0.7141)), ("rTRC", trc), ("gTRC", trc), ("bTRC", trc),
        ]
        var table = uint32(tags.count)
        var data: [UInt8] = []
        let dataStart = 128 + 4 + 12 * tags.count
        for (name, bytes) in tags {
            table += signature(name) + uint32(dataStart + data.count) + uint32(bytes.count)
            data += bytes
            while data.count % 4 != 0 { data.append(0) }
        }
        let size = dataStart + data.count
        var header = uint32(size) + [0, 0, 0, 0] + [0x02, 0x10, 0, 0] + signature("mntr") + signature("RGB ")
        header += signature("XYZ ") + uint16(2026) + uint16(1) + uint16(1) + uint16(0) + uint16(0) + uint16(0)
        header += signature("acsp") + [UInt8](repeating: 0, count: 24) + uint32(0)
        header += s15Fixed16(0.9642) + s15Fixed16(1.0) + s15Fixed16(0.8249)
        header += [UInt8](repeating: 0, count: 128 - header.count)
        return header + table + data
    }()

    private static func signature(_ text: String) -> [UInt8] { Array(text.utf8) }
    private static func uint32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8((value >> (24 - 8 * $0)) & 0xFF) } }
    private static func uint16(_ value: Int) -> [UInt8] { [UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)] }
    private static func s15Fixed16(_ value: Double) -> [UInt8] { uint32(Int((value * 65536).rounded())) }
}
