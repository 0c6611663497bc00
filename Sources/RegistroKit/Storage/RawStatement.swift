import Foundation
import GRDB
import GRDBSQLite

/// A prepared statement bound and stepped through the raw SQLite API, for the statements an
/// import runs for every row and the audit log's insert: binding through GRDB's
/// `StatementArguments` (a boxed value per argument, a statement lookup per call) costs more
/// than SQLite's own work there.
///
/// Parameters are numbered from 1, as in SQLite. A binding stays until it is bound again, so
/// values that are the same for every row are bound once. Nothing bound must outlive the call:
/// texts and blobs are copied into a buffer the statement keeps for each parameter (SQLite's own
/// copy costs a `malloc` and a `free` per value per row: a few percent of an import), which
/// SQLite reads in place until the parameter is bound again. Those buffers start as slots of
/// one allocation, `slotSize` bytes each, so that wrapping a statement of many parameters (an
/// insert of six audit entries has 126) costs one allocation rather than one a parameter.
///
/// A statement this type prepared itself (`init(_:sql:)`, which nothing else binds) remembers
/// what it bound to each parameter, and binding the same value again is skipped: SQLite's own
/// bind costs about as much as a b-tree step (its checks, releasing the old value), and an
/// import binds many values equal to those of the row before (the project, an empty field, the
/// import's id). A statement of GRDB's cache (`init(_:cachedSQL:)`) is bound every time, since
/// GRDB may bind it too.
final class RawStatement {
    private let statement: Statement
    private let raw: OpaquePointer
    private let db: Database
    /// The bytes of the text or blob bound to each parameter (index 0 unused), grown as needed:
    /// a pointer rather than an array, so that an import's binds (a dozen a row) pay neither a
    /// bounds check nor an exclusivity check of the statement's storage each.
    private let buffers: UnsafeMutablePointer<UnsafeMutableRawBufferPointer>
    /// How many parameters the statement has.
    let parameterCount: Int32
    /// The first buffer of every parameter: one slot of `slotSize` bytes each, in one allocation.
    private let slots: UnsafeMutableRawBufferPointer
    /// What this statement bound to each parameter (index 0 unused), when it remembers it
    /// (`remembersBindings`).
    private let bound: UnsafeMutablePointer<Binding>
    /// Whether binding a value equal to the one bound is skipped: only for a statement nothing
    /// else binds.
    private let remembersBindings: Bool

    /// A value bound to a parameter: its kind, and the integer, the real number's bits, or the
    /// text's or blob's length (its bytes are in the parameter's buffer).
    private struct Binding: Equatable {
        enum Kind: UInt8 {
            /// Not known: bound by someone else, or never.
            case unknown
            case null, integer, real, text, blob
        }

        var kind: Kind
        var bits: UInt64

        static let unknown = Binding(kind: .unknown, bits: 0)
    }

    /// The bytes each parameter's first buffer holds: an identifier, a time, a 32-byte hash.
    private static let slotSize = 32

    /// Prepares `sql` in `db`.
    ///
    /// - Throws: `DatabaseError` when the SQL does not compile.
    convenience init(_ db: Database, sql: String) throws {
        try self.init(db, statement: db.makeStatement(sql: sql), remembersBindings: true)
    }

    /// Wraps the statement of `sql` that `db` keeps prepared (GRDB's statement cache), compiled
    /// once per connection: for a statement each call runs a few times, in many calls. Only one
    /// `RawStatement` may wrap it at a time.
    ///
    /// - Throws: `DatabaseError` when the SQL does not compile.
    convenience init(_ db: Database, cachedSQL sql: String) throws {
        try self.init(db, statement: db.cachedStatement(sql: sql), remembersBindings: false)
    }

    private init(_ db: Database, statement: Statement, remembersBindings: Bool) {
        self.db = db
        self.statement = statement
        self.remembersBindings = remembersBindings
        raw = statement.sqliteStatement
        parameterCount = sqlite3_bind_parameter_count(raw)
        let count = Int(parameterCount)
        let slots = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1) * Self.slotSize, alignment: 8)
        self.slots = slots
        buffers = .allocate(capacity: count + 1)
        bound = .allocate(capacity: count + 1)
        bound.initialize(repeating: .unknown, count: count + 1)
        buffers.initialize(to: UnsafeMutableRawBufferPointer(start: nil, count: 0))
        for index in 0..<count {
            (buffers + index + 1).initialize(
                to: UnsafeMutableRawBufferPointer(rebasing: slots[index * Self.slotSize..<(index + 1) * Self.slotSize]))
        }
    }

    /// Whether `buffer` is one of the slots rather than an allocation of its own.
    private func isSlot(_ buffer: UnsafeMutableRawBufferPointer) -> Bool {
        guard let start = buffer.baseAddress, let first = slots.baseAddress else { return false }
        return start >= first && start < first + slots.count
    }

    deinit {
        sqlite3_reset(raw)
        // Nothing may point into the buffers once they are freed.
        sqlite3_clear_bindings(raw)
        for index in 0...Int(parameterCount) where !isSlot(buffers[index]) { buffers[index].deallocate() }
        buffers.deallocate()
        bound.deallocate()
        slots.deallocate()
    }

    /// Whether `binding` is what parameter `index` holds already; if not, notes that it is about
    /// to. Checked on every bind, so kept to a load and a comparison.
    private func isBound(_ index: Int32, to binding: Binding) -> Bool {
        guard remembersBindings else { return false }
        precondition(index > 0 && index <= parameterCount, "no such parameter")
        if bound[Int(index)] == binding { return true }
        bound[Int(index)] = binding
        return false
    }

    /// Binds an integer to parameter `index`.
    func bind(_ index: Int32, _ value: Int64) {
        if isBound(index, to: Binding(kind: .integer, bits: UInt64(bitPattern: value))) { return }
        sqlite3_bind_int64(raw, index, value)
    }

    /// Binds an integer, or NULL for `nil`, to parameter `index`.
    func bind(_ index: Int32, _ value: Int?) {
        if let value { bind(index, Int64(value)) } else { bindNull(index) }
    }

    /// Binds a 64-bit integer, or NULL for `nil`, to parameter `index`.
    func bind(_ index: Int32, _ value: Int64?) {
        if let value { bind(index, value) } else { bindNull(index) }
    }

    /// Binds a real number, or NULL for `nil`, to parameter `index`.
    func bind(_ index: Int32, _ value: Double?) {
        guard let value else { return bindNull(index) }
        if isBound(index, to: Binding(kind: .real, bits: value.bitPattern)) { return }
        sqlite3_bind_double(raw, index, value)
    }

    /// Binds NULL to parameter `index`.
    private func bindNull(_ index: Int32) {
        if isBound(index, to: Binding(kind: .null, bits: 0)) { return }
        sqlite3_bind_null(raw, index)
    }

    /// Binds a text, or NULL for `nil`, to parameter `index`.
    func bind(_ index: Int32, _ value: String?) {
        guard var value else { return bindNull(index) }
        value.withUTF8 { bind(index, text: UnsafeRawBufferPointer($0)) }
    }

    /// Binds the UTF-8 bytes `text` as a text to parameter `index`: copied into the parameter's
    /// own buffer, unless they are the bytes bound already.
    func bind(_ index: Int32, text: UnsafeRawBufferPointer) {
        bindBytes(index, text, kind: .text)
    }

    /// Binds `date` as the text `YYYY-MM-DD` (as `CalendarDate.description` writes it): an
    /// import binds one per row.
    func bind(_ index: Int32, date: CalendarDate) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { text in
            text.putISODate(year: date.year, month: date.month, day: date.day)
            bind(index, text: UnsafeRawBufferPointer(text))
        }
    }

    /// Binds `bytes` to parameter `index` as a text or a blob, copied into the parameter's own
    /// buffer, which SQLite reads in place; nothing when the statement remembers binding the
    /// same bytes there.
    private func bindBytes(_ index: Int32, _ bytes: UnsafeRawBufferPointer, kind: Binding.Kind) {
        precondition(index > 0 && index <= parameterCount, "no such parameter")
        if holds(index, bytes, kind: kind) { return }
        let count = bytes.count
        let buffer = ownBuffer(index, count: count)
        if let source = bytes.baseAddress { buffer.copyMemory(from: source, byteCount: count) }
        // No destructor (SQLITE_STATIC): SQLite reads the buffer in place.
        if kind == .text {
            sqlite3_bind_text(raw, index, buffer.assumingMemoryBound(to: CChar.self), Int32(count), nil)
        } else {
            sqlite3_bind_blob(raw, index, buffer, Int32(count), nil)
        }
        if remembersBindings { bound[Int(index)] = Binding(kind: kind, bits: UInt64(count)) }
    }

    /// The buffer of parameter `index`, at least `count` bytes long: the one it has, or a larger
    /// one replacing it.
    private func ownBuffer(_ index: Int32, count: Int) -> UnsafeMutableRawPointer {
        precondition(index > 0 && index <= parameterCount, "no such parameter")
        let buffer = buffers[Int(index)]
        if let start = buffer.baseAddress, buffer.count >= count { return start }
        // SQLite may point at the old buffer until the parameter is bound again.
        sqlite3_bind_null(raw, index)
        bound[Int(index)] = .unknown
        if !isSlot(buffer) { buffer.deallocate() }
        // At least one byte: a non-null pointer even for an empty text, which SQLite would
        // otherwise bind as NULL.
        let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 32), alignment: 8)
        buffers[Int(index)] = grown
        return grown.baseAddress!
    }

    /// Binds a blob, or NULL for `nil`, to parameter `index`: copied into the parameter's own
    /// buffer, which SQLite reads in place (as texts are, sparing SQLite's `malloc`, copy and
    /// `free` of each: a new person has a dozen sealed blobs).
    func bind(_ index: Int32, blob: UnsafeRawBufferPointer?) {
        guard let blob, blob.baseAddress != nil else { return bindNull(index) }
        bindBytes(index, blob, kind: .blob)
    }

    /// Binds a blob, or NULL for `nil`, to parameter `index`.
    func bind(_ index: Int32, blob: [UInt8]?) {
        guard let blob else { return bindNull(index) }
        blob.withUnsafeBytes { bind(index, blob: $0) }
    }

    /// Binds to parameters `1...count` of this statement what parameters `first..<first + count`
    /// of `source` hold, as `source` bound them: a queue of rows bound into a statement of many
    /// rows inserts the last few with one of fewer rows.
    func bind(_ count: Int32, parametersOf source: RawStatement, from first: Int32) {
        precondition(source.remembersBindings, "only a statement that remembers its bindings can be copied")
        for offset in 0..<count {
            let from = first + offset
            let binding = source.bound[Int(from)]
            switch binding.kind {
            case .null: bindNull(offset + 1)
            case .integer: bind(offset + 1, Int64(bitPattern: binding.bits))
            case .real: bind(offset + 1, Double(bitPattern: binding.bits))
            case .text, .blob:
                let bytes = UnsafeRawBufferPointer(
                    start: source.buffers[Int(from)].baseAddress, count: Int(binding.bits))
                bindBytes(offset + 1, bytes, kind: binding.kind)
            case .unknown: preconditionFailure("parameter \(from) was never bound")
            }
        }
    }

    /// Whether parameter `index` holds the text `text`, as this statement bound it. Always
    /// false on a statement that does not remember its bindings (one from GRDB's cache).
    func isBound(_ index: Int32, toText text: String) -> Bool {
        precondition(index > 0 && index <= parameterCount, "no such parameter")
        var text = text
        return text.withUTF8 { holds(index, UnsafeRawBufferPointer($0), kind: .text) }
    }

    /// Whether this statement remembers binding `bytes`, as a `kind`, to parameter `index`: the
    /// same kind and length, and the same bytes in the parameter's buffer.
    private func holds(_ index: Int32, _ bytes: UnsafeRawBufferPointer, kind: Binding.Kind) -> Bool {
        guard remembersBindings, bound[Int(index)] == Binding(kind: kind, bits: UInt64(bytes.count)) else {
            return false
        }
        return bytes.isEmpty || memcmp(buffers[Int(index)].baseAddress!, bytes.baseAddress!, bytes.count) == 0
    }

    /// Runs a statement that returns no row (an insert, an update) with the current bindings.
    ///
    /// - Throws: `DatabaseError` when SQLite fails, e.g. on a constraint.
    func execute() throws {
        defer { sqlite3_reset(raw) }
        let code = sqlite3_step(raw)
        guard code == SQLITE_DONE else { throw error(code) }
    }

    /// Runs a statement that returns no row, as `execute` does, but returns `false` when a
    /// uniqueness constraint (a primary key, a unique index) refuses it: for an insert of one
    /// row, SQLite then changed nothing.
    ///
    /// - Throws: `DatabaseError` when SQLite fails otherwise, another constraint included.
    func executeUnlessDuplicate() throws -> Bool {
        defer { sqlite3_reset(raw) }
        let code = sqlite3_step(raw)
        switch ResultCode(rawValue: code) {
        case .SQLITE_DONE: return true
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY: return false
        default: throw error(code)
        }
    }

    /// Runs a query with the current bindings and passes its first row to `read`, or returns
    /// `nil` when it has none. The row is valid only during `read`.
    ///
    /// - Throws: `DatabaseError` when SQLite fails.
    func first<T>(_ read: (RawStatement) throws -> T) throws -> T? {
        defer { sqlite3_reset(raw) }
        switch sqlite3_step(raw) {
        case SQLITE_ROW: return try read(self)
        case SQLITE_DONE: return nil
        case let code: throw error(code)
        }
    }

    /// Runs a query with the current bindings and passes each of its rows to `read`, in order.
    /// A row is valid only during `read`.
    ///
    /// - Throws: `DatabaseError` when SQLite fails.
    func forEachRow(_ read: (RawStatement) throws -> Void) throws {
        defer { sqlite3_reset(raw) }
        while true {
            switch sqlite3_step(raw) {
            case SQLITE_ROW: try read(self)
            case SQLITE_DONE: return
            case let code: throw error(code)
            }
        }
    }

    /// Whether column `index` of the current row is NULL.
    func isNull(_ index: Int32) -> Bool {
        sqlite3_column_type(raw, index) == SQLITE_NULL
    }

    /// The real number of column `index` of the current row (0 for NULL).
    func double(_ index: Int32) -> Double {
        sqlite3_column_double(raw, index)
    }

    /// The text of column `index` of the current row; `nil` for NULL.
    func text(_ index: Int32) -> String? {
        guard let pointer = sqlite3_column_text(raw, index) else { return nil }
        return String(
            decoding: UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(raw, index))), as: UTF8.self)
    }

    /// The bytes of column `index` of the current row; `nil` for NULL.
    func blob(_ index: Int32) -> [UInt8]? {
        guard let pointer = sqlite3_column_blob(raw, index) else { return nil }
        return Array(UnsafeRawBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(raw, index))))
    }

    /// The bytes of column `index` of the current row as `Data`, as GRDB reads a blob or a text
    /// into `Data` (an empty blob as empty `Data`); `nil` for NULL.
    func data(_ index: Int32) -> Data? {
        switch sqlite3_column_type(raw, index) {
        case SQLITE_NULL: return nil
        case SQLITE_TEXT:
            guard let pointer = sqlite3_column_text(raw, index) else { return Data() }
            return Data(bytes: pointer, count: Int(sqlite3_column_bytes(raw, index)))
        default:
            guard let pointer = sqlite3_column_blob(raw, index) else { return Data() }
            return Data(bytes: pointer, count: Int(sqlite3_column_bytes(raw, index)))
        }
    }

    /// The integer of column `index` of the current row (0 for NULL).
    func int64(_ index: Int32) -> Int64 {
        sqlite3_column_int64(raw, index)
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code),
            message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) },
            sql: statement.sql)
    }
}
