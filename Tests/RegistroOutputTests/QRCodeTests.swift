import Foundation
import RegistroOutput
import Testing

/// Where Debian's `zbarimg` is, if it is installed (`make test` installs `zbar-tools`).
private let zbarimg = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first {
    FileManager.default.isExecutableFile(atPath: $0)
}

@Suite("the QR code of a TOTP enrolment, decoded by zbarimg")
struct QRCodeTests {
    /// The code as a binary PGM image, `scale` pixels a module, with its quiet zone.
    static func pgm(_ code: QRCode, scale: Int = 4) -> Data {
        let side = (code.size + 8) * scale
        var pixels = [UInt8](repeating: 255, count: side * side)
        for (y, row) in code.modules.enumerated() {
            for (x, dark) in row.enumerated() where dark {
                for dy in 0..<scale {
                    for dx in 0..<scale { pixels[((y + 4) * scale + dy) * side + (x + 4) * scale + dx] = 0 }
                }
            }
        }
        return Data("P5\n\(side) \(side)\n255\n".utf8) + Data(pixels)
    }

    /// What zbarimg reads in `code`.
    static func decode(_ code: QRCode) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("registro-qr-\(UUID().uuidString).pgm")
        try pgm(code).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: zbarimg!)
        process.arguments = ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    /// An enrolment URI of a made-up user, about 120 bytes.
    static let uri =
        "otpauth://totp/Registro:coala-dpo?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Registro&algorithm=SHA1"
        + "&digits=6&period=30"

    @Test(
        "an otpauth URI comes back from zbarimg as it went in",
        .enabled(if: zbarimg != nil, "skipped: zbarimg is not installed (apt-get install zbar-tools; make test does)"))
    func otpauthURIDecodes() throws {
        let code = try QRCode(bytes: Array(Self.uri.utf8))
        #expect(code.version == 8, "\(Self.uri.utf8.count) bytes at level M need version 8")
        #expect(try Self.decode(code) == Self.uri)
    }

    @Test(
        "texts from 1 to 400 bytes, versions 1 to 15 with several blocks, all decode",
        .enabled(if: zbarimg != nil, "skipped: zbarimg is not installed (apt-get install zbar-tools; make test does)"))
    func manyLengthsDecode() throws {
        var versions = Set<Int>()
        for length in [1, 14, 20, 40, 62, 84, 106, 122, 140, 152, 180, 213, 251, 287, 331, 400] {
            let text = String((0..<length).map { index in Array("abcdefghijklmnopqrstuvwxyz0123456789")[index % 36] })
            let code = try QRCode(bytes: Array(text.utf8))
            versions.insert(code.version)
            #expect(try Self.decode(code) == text, "\(length) bytes, version \(code.version), mask \(code.mask)")
        }
        #expect(versions.count >= 12)
    }

    @Test("the smallest version is chosen, and too many bytes are refused in one sentence")
    func versionsAndLimits() throws {
        #expect(try QRCode(bytes: Array(repeating: 65, count: 14)).version == 1)
        #expect(try QRCode(bytes: Array(repeating: 65, count: 15)).version == 2)
        #expect(try QRCode(bytes: Array(repeating: 65, count: 2331)).version == 40)
        let error = try #require(throws: QRCodeTooLong.self) { try QRCode(bytes: Array(repeating: 65, count: 2332)) }
        #expect(error.description.contains("2332 bytes"))
    }

    @Test("the SVG has one path of dark modules, a quiet zone, an accessible name and no style attribute")
    func svgShape() throws {
        let code = try QRCode(bytes: Array(Self.uri.utf8))
        let svg = code.svg(label: "Codice QR per l'app")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 57 57\""))
        #expect(svg.contains("aria-label=\"Codice QR per l'app\""))
        #expect(!svg.contains("style"))
        let squares = svg.components(separatedBy: "h1v1h-1z").count - 1
        #expect(squares == code.modules.reduce(0) { $0 + $1.filter { $0 }.count })
    }
}
