import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// The pixels of an 8-bit RGB or RGBA, non-interlaced PNG file (what Chromium's screenshots
/// are), decoded with the system's zlib loaded at run time.
struct PNGImage {
    /// Width in pixels.
    let width: Int
    /// Height in pixels.
    let height: Int
    /// Bytes per pixel: 3 (RGB) or 4 (RGBA).
    let channels: Int
    /// Unfiltered pixel rows, `width * channels` bytes each.
    let pixels: [UInt8]

    /// Why a PNG could not be read.
    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    /// Reads the PNG file at `path`.
    init(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        guard bytes.count > 8, bytes[0..<8] == [137, 80, 78, 71, 13, 10, 26, 10] else {
            throw Unreadable(description: "not a PNG file")
        }
        func bigEndian(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        var offset = 8
        var header: (width: Int, height: Int, depth: UInt8, colour: UInt8, interlace: UInt8)?
        var compressed: [UInt8] = []
        while offset + 8 <= bytes.count {
            let length = bigEndian(offset)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            let data = offset + 8
            if type == "IHDR" {
                header = (bigEndian(data), bigEndian(data + 4), bytes[data + 8], bytes[data + 9], bytes[data + 12])
            } else if type == "IDAT" {
                compressed += bytes[data..<data + length]
            } else if type == "IEND" {
                break
            }
            offset = data + length + 4
        }
        guard let header, header.depth == 8, header.colour == 2 || header.colour == 6, header.interlace == 0 else {
            throw Unreadable(description: "only 8-bit RGB or RGBA non-interlaced PNG files are read")
        }
        width = header.width
        height = header.height
        channels = header.colour == 6 ? 4 : 3
        let stride = width * channels
        let raw = try Self.inflate(compressed, expectedSize: height * (stride + 1))
        var pixels = [UInt8](repeating: 0, count: height * stride)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            let source = row * (stride + 1) + 1
            for index in 0..<stride {
                let x = raw[source + index]
                let left = index >= channels ? Int(pixels[row * stride + index - channels]) : 0
                let up = row > 0 ? Int(pixels[(row - 1) * stride + index]) : 0
                let upLeft = row > 0 && index >= channels ? Int(pixels[(row - 1) * stride + index - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = left
                case 2: predictor = up
                case 3: predictor = (left + up) / 2
                case 4:
                    let estimate = left + up - upLeft
                    let (a, b, c) = (abs(estimate - left), abs(estimate - up), abs(estimate - upLeft))
                    predictor = a <= b && a <= c ? left : (b <= c ? up : upLeft)
                default: throw Unreadable(description: "unknown PNG filter \(filter)")
                }
                pixels[row * stride + index] = UInt8(truncatingIfNeeded: Int(x) + predictor)
            }
        }
        self.pixels = pixels
    }

    /// How many pixels are within `tolerance` of the colour `red`, `green`, `blue`.
    func count(red: UInt8, green: UInt8, blue: UInt8, tolerance: Int = 6) -> Int {
        var count = 0
        var index = 0
        while index < pixels.count {
            if abs(Int(pixels[index]) - Int(red)) <= tolerance, abs(Int(pixels[index + 1]) - Int(green)) <= tolerance,
                abs(Int(pixels[index + 2]) - Int(blue)) <= tolerance
            {
                count += 1
            }
            index += channels
        }
        return count
    }

    private typealias Uncompress =
        @convention(c) (
            UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt>?, UnsafePointer<UInt8>?, UInt
        ) -> Int32

    /// `data` (a zlib stream) inflated by zlib's `uncompress`.
    private static func inflate(_ data: [UInt8], expectedSize: Int) throws -> [UInt8] {
        guard let library = dlopen("libz.so.1", RTLD_NOW) ?? dlopen("libz.so", RTLD_NOW),
            let symbol = dlsym(library, "uncompress")
        else {
            throw Unreadable(description: "zlib (libz.so.1) is not installed")
        }
        let uncompress = unsafeBitCast(symbol, to: Uncompress.self)
        var output = [UInt8](repeating: 0, count: expectedSize)
        var size = UInt(expectedSize)
        let status = output.withUnsafeMutableBufferPointer { out in
            data.withUnsafeBufferPointer { uncompress(out.baseAddress, &size, $0.baseAddress, UInt($0.count)) }
        }
        guard status == 0, Int(size) == expectedSize else {
            throw Unreadable(description: "the PNG data did not inflate (zlib status \(status))")
        }
        return output
    }
}
