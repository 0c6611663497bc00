/// A QR code (ISO/IEC 18004) of some bytes: byte mode, error correction level M, the smallest
/// version (1 to 40) that holds them, and the mask with the lowest penalty. Used for the
/// `otpauth://` URI of a TOTP enrolment, which authenticator apps read with the camera.
public struct QRCode: Sendable, Equatable {
    /// The modules per side: 17 + 4 × version.
    public let size: Int
    /// The version, 1 to 40.
    public let version: Int
    /// The mask applied, 0 to 7.
    public let mask: Int
    /// The modules, row by row: `true` is dark.
    public let modules: [[Bool]]

    /// The QR code of `bytes`.
    ///
    /// - Throws: `QRCodeTooLong` when more than a version-40 code at level M holds (2331 bytes).
    public init(bytes: [UInt8]) throws {
        guard let version = (1...40).first(where: { Self.dataBits(bytes.count, $0) <= Self.dataCodewords($0) * 8 })
        else { throw QRCodeTooLong(count: bytes.count) }
        let codewords = Self.interleaved(Self.dataCodewords(bytes, version: version), version: version)
        var grid = QRGrid(version: version)
        grid.drawFunctionPatterns()
        grid.draw(codewords)
        var best: (mask: Int, grid: QRGrid, penalty: Int)?
        for mask in 0..<8 {
            var candidate = grid
            candidate.apply(mask: mask)
            candidate.drawFormatBits(mask: mask)
            let penalty = candidate.penalty()
            if best.map({ penalty < $0.penalty }) ?? true { best = (mask, candidate, penalty) }
        }
        self.version = version
        self.size = grid.size
        self.mask = best!.mask
        self.modules = best!.grid.modules
    }

    // MARK: Capacity (error correction level M)

    /// Error-correction codewords per block, by version (index 0 unused).
    static let eccPerBlock = [
        0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28,
        28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ]
    /// Error-correction blocks, by version (index 0 unused).
    static let blockCount = [
        0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29,
        31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
    ]

    /// The modules that hold codewords (data and error correction) in `version`.
    static func rawDataModules(_ version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignments = version / 7 + 2
            result -= (25 * alignments - 10) * alignments - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    /// The data codewords `version` holds at level M.
    static func dataCodewords(_ version: Int) -> Int {
        rawDataModules(version) / 8 - eccPerBlock[version] * blockCount[version]
    }

    /// The bits of a byte-mode segment of `count` bytes in `version`: mode, count, data.
    static func dataBits(_ count: Int, _ version: Int) -> Int {
        4 + (version <= 9 ? 8 : 16) + 8 * count
    }

    // MARK: Codewords

    /// The data codewords of `bytes` in `version`: the segment, its terminator, padding.
    static func dataCodewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) {
            for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
        }
        let capacity = dataCodewords(version) * 8
        append(0b0100, 4)
        append(bytes.count, version <= 9 ? 8 : 16)
        for byte in bytes { append(Int(byte), 8) }
        append(0, min(4, capacity - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var codewords = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
        var padding: UInt8 = 0xEC
        while codewords.count < dataCodewords(version) {
            codewords.append(padding)
            padding ^= 0xEC ^ 0x11
        }
        return codewords
    }

    /// The data split into blocks, each followed by its Reed–Solomon codewords, interleaved.
    static func interleaved(_ data: [UInt8], version: Int) -> [UInt8] {
        let blocks = blockCount[version]
        let eccLength = eccPerBlock[version]
        let raw = rawDataModules(version) / 8
        let shortBlocks = blocks - raw % blocks
        let shortLength = raw / blocks
        let divisor = ReedSolomon.divisor(degree: eccLength)
        var split: [[UInt8]] = []
        var start = 0
        for index in 0..<blocks {
            let length = shortLength - eccLength + (index < shortBlocks ? 0 : 1)
            var block = Array(data[start..<start + length])
            start += length
            let ecc = ReedSolomon.remainder(block, divisor: divisor)
            if index < shortBlocks { block.append(0) }
            split.append(block + ecc)
        }
        var result: [UInt8] = []
        for position in 0..<split[0].count {
            for (index, block) in split.enumerated() where position != shortLength - eccLength || index >= shortBlocks {
                result.append(block[position])
            }
        }
        return result
    }
}

/// Bytes too many for any QR code at level M.
public struct QRCodeTooLong: Error, CustomStringConvertible {
    /// How many bytes were given.
    public let count: Int

    /// One sentence.
    public var description: String {
        "\(count) bytes do not fit in a QR code at error correction level M (at most 2331); shorten the text"
    }
}

/// Reed–Solomon error correction over GF(256) with the QR code's polynomial 0x11D.
enum ReedSolomon {
    /// The product of `x` and `y` in GF(256).
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var result = 0
        for shift in stride(from: 7, through: 0, by: -1) {
            result = (result << 1) ^ ((result >> 7) * 0x11D)
            result ^= ((Int(y) >> shift) & 1) * Int(x)
        }
        return UInt8(result & 0xFF)
    }

    /// The generator polynomial of `degree`, its leading 1 left out, highest power first.
    static func divisor(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for index in 0..<degree {
                result[index] = multiply(result[index], root)
                if index + 1 < degree { result[index] ^= result[index + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    /// The remainder of `data` divided by `divisor`: the error-correction codewords.
    static func remainder(_ data: [UInt8], divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for index in result.indices { result[index] ^= multiply(divisor[index], factor) }
        }
        return result
    }
}
