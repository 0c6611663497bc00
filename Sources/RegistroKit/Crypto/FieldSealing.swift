import CSodium

/// Where a sealed value lives: its table, column and row. The location is the associated data
/// of the seal, so a ciphertext copied to another row or column no longer opens.
public struct FieldLocation: Sendable, Hashable {
    /// The table holding the value, e.g. `beneficiary`.
    public var table: String
    /// The column holding the value, e.g. `given_name`.
    public var column: String
    /// The row's primary key as text, e.g. a beneficiary's pseudonymous id.
    public var row: String

    /// Creates the location of a value in `table`.`column` of the row `row`.
    public init(table: String, column: String, row: String) {
        self.table = table
        self.column = column
        self.row = row
    }

    /// The associated data bound to the seal: `registro/v1|TABLE|COLUMN|ROW` in UTF-8.
    var associatedData: [UInt8] {
        var bytes: [UInt8] = []
        appendAssociatedData(to: &bytes)
        return bytes
    }

    /// The length of the associated data, in bytes.
    var associatedDataCount: Int {
        Self.prefix.utf8.count + table.utf8.count + column.utf8.count + row.utf8.count + 2
    }

    /// Writes the associated data at `destination`, which has room for `associatedDataCount`
    /// bytes.
    func writeAssociatedData(at destination: UnsafeMutableRawPointer) {
        var end = Self.write(Self.prefix, at: destination)
        end = Self.write(table, at: end)
        end.storeBytes(of: UInt8(ascii: "|"), as: UInt8.self)
        end = Self.write(column, at: end + 1)
        end.storeBytes(of: UInt8(ascii: "|"), as: UInt8.self)
        _ = Self.write(row, at: end + 1)
    }

    /// The associated data's first bytes.
    private static let prefix = "registro/v1|"

    /// Writes the UTF-8 bytes of `text` at `destination`; returns the address after them.
    private static func write(_ text: String, at destination: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        var text = text
        return text.withUTF8 { bytes in
            if let source = bytes.baseAddress {
                destination.copyMemory(from: source, byteCount: bytes.count)
            }
            return destination + bytes.count
        }
    }

    /// Appends the associated data to `bytes`, as `writeAssociatedData(at:)` writes it.
    func appendAssociatedData(to bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: associatedDataCount))
        bytes.withUnsafeMutableBytes { writeAssociatedData(at: $0.baseAddress! + start) }
    }
}

/// Seals and opens personal fields: XChaCha20-Poly1305 (IETF) under a beneficiary's data key,
/// bound to the field's location. The byte layout is documented in `Docs/PRIVACY.md`:
/// `0x02 ‖ nonce (24) ‖ ciphertext ‖ tag (16)`, the plaintext padded with `sodium_pad` to a
/// multiple of 16 bytes so that the sealed length does not tell the value's length. Fields
/// sealed by older versions, `0x01`, unpadded, still open.
public enum FieldSealing {
    /// The first byte of every sealed field: the layout version.
    static let layoutVersion: UInt8 = 0x02
    /// The layout of older versions: the plaintext unpadded.
    static let unpaddedLayoutVersion: UInt8 = 0x01
    /// The block size plaintexts are padded to.
    static let paddingBlock = 16

    /// Seals the UTF-8 text `value` for `location` under `dataKey`: one field on its own (many
    /// fields are sealed with a `FieldSealer`).
    static func seal(_ value: String, at location: FieldLocation, with dataKey: SecretKey) -> [UInt8] {
        FieldSealer(random: RandomPool(capacity: AEAD.nonceLength)).seal(value, at: location, with: dataKey) {
            Array($0)
        }
    }

    /// Opens a field sealed by `seal(_:at:with:)`.
    ///
    /// - Throws: `RegistroError` (invalid data, as for any damaged database) when the bytes do
    ///   not open under `dataKey` at `location`: the database was altered or the value was
    ///   moved. The message names the location only, never the content.
    static func open(_ sealed: [UInt8], at location: FieldLocation, with dataKey: SecretKey) throws -> String {
        guard let version = sealed.first, version == layoutVersion || version == unpaddedLayoutVersion else {
            throw tampered(location)
        }
        let opened = sealed.withUnsafeBytes { bytes in
            location.associatedData.withUnsafeBytes { ad in
                AEAD.open(UnsafeRawBufferPointer(rebasing: bytes.dropFirst()), associatedData: ad, key: dataKey)
            }
        }
        guard var opened else { throw tampered(location) }
        defer { sodium_memzero(&opened, opened.count) }
        var length = opened.count
        if version == layoutVersion {
            guard sodium_unpad(&length, opened, opened.count, paddingBlock) == 0 else { throw tampered(location) }
        }
        guard let text = String(validating: opened[..<length], as: UTF8.self) else {
            throw tampered(location)
        }
        return text
    }

    private static func tampered(_ location: FieldLocation) -> RegistroError {
        .invalidData(
            "the sealed value in \(location.table).\(location.column) of row `\(location.row)` does not open: the database was altered; restore it from a backup"
        )
    }
}
