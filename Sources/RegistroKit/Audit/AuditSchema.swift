/// The schema of the audit tables (`audit_…`), their indexes and triggers, compared object by
/// object with the text the migrations in `Schema/` create. A trigger dropped, altered (say,
/// given a `WHEN` clause that never holds) or added, or a table rebuilt, is a sign that the
/// database was changed by hand.
enum AuditSchema {
    /// One object of `sqlite_master`.
    struct Object: Equatable, Sendable {
        let type: String
        let name: String
        let table: String
        let sql: String?
    }

    /// The audit objects as the migrations create them, in an empty in-memory database.
    static let expected: Result<[Object], any Error> = Result { try AuditSchemaCatalog.objectsAsMigrated() }

    /// The audit objects of `db`, by name.
    static func objects(_ db: RegistryDatabase.Connection) throws -> [Object] {
        try AuditSchemaCatalog.objects(db)
    }

    /// The first difference between the audit objects of `db` and the migrations'; `nil` when
    /// they are the same, text for text.
    static func difference(_ db: RegistryDatabase.Connection) throws -> AuditSchemaChange? {
        let expected = try expected.get()
        let found = Dictionary(try objects(db).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for object in expected {
            guard let actual = found[object.name] else {
                return object.type == "trigger"
                    ? AuditSchemaChange.triggerRemoved(name: object.name)
                    : AuditSchemaChange.removed(type: object.type, name: object.name)
            }
            if actual != object {
                return .altered(type: object.type, name: object.name)
            }
        }
        let names = Set(expected.map(\.name))
        if let added = found.values.filter({ !names.contains($0.name) }).map(\.name).min() {
            return .added(type: found[added]!.type, name: added)
        }
        return nil
    }
}
