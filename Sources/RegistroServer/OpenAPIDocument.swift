import RegistroKit

/// The API's OpenAPI 3.1 description, served at `/api/openapi.json`. Written by hand, route by
/// route; a test checks it against the router, so a route cannot be added or removed without
/// this description following.
enum OpenAPIDocument {
    /// One operation of the API.
    struct Operation {
        let method: String
        let path: String
        let summary: String
        var query: [(name: String, required: Bool)] = []
        /// What a query parameter means, where its name does not say enough.
        var queryDescriptions: [String: String] = [:]
        var body: JSONValue? = nil
        /// The media type of the body.
        var bodyType = "application/json"
        /// The success status and what it returns.
        var success: (status: String, schema: JSONValue?) = ("200", .object([("type", .string("object"))]))
        /// Open without authentication.
        var open = false
    }

    /// Every operation, in the order the API documentation lists them.
    static let operations: [Operation] = [
        Operation(
            method: "post", path: "/api/session", summary: "Log in: sets the session cookie, returns the CSRF token",
            body: object(required: ["user", "password"], ["user", "password", "totp", "new_password"]),
            success: ("200", object(required: ["user", "org", "role", "csrf"], ["user", "org", "role", "csrf"])),
            open: true),
        Operation(method: "delete", path: "/api/session", summary: "Log out: ends the session", success: ("204", nil)),
        Operation(
            method: "post", path: "/api/tokens", summary: "Create an API token, shown once",
            body: object(required: ["name"], ["name"], integers: ["expires_in_days"]),
            success: ("201", object(required: ["id", "token", "expires_at"], ["id", "token", "expires_at"]))),
        Operation(method: "get", path: "/api/tokens", summary: "List your API tokens", success: ("200", array)),
        Operation(
            method: "delete", path: "/api/tokens/{id}", summary: "Revoke one of your API tokens",
            success: ("204", nil)),
        Operation(method: "get", path: "/api/me", summary: "Who you are logged in as"),
        Operation(
            method: "post", path: "/api/users",
            summary: "Add a user to your organisation (admin) with a one-time password",
            body: object(required: ["id", "name", "role"], ["id", "name", "role", "password"]),
            success: ("201", anyObject)),
        Operation(
            method: "get", path: "/api/users", summary: "The users of your organisation (admin)",
            success: ("200", array)),
        Operation(
            method: "post", path: "/api/users/{id}/password",
            summary: "Give a user of your organisation a one-time password",
            body: object(required: [], ["password"])),
        Operation(
            method: "post", path: "/api/users/{id}/disable", summary: "Disable a user of your organisation",
            success: ("204", nil)),
        Operation(
            method: "get", path: "/api/beneficiaries", summary: "Find a person's id by codice fiscale",
            query: [("cf", true)]),
        Operation(
            method: "post", path: "/api/beneficiaries", summary: "Record a person; returns the new pseudonymous id",
            body: object(required: [], RecordKeys.beneficiary, lists: ["vulnerabilities"]),
            success: ("201", anyObject)),
        Operation(
            method: "post", path: "/api/deliveries", summary: "Record a service delivered by your organisation",
            body: object(required: ["beneficiary"], RecordKeys.delivery, scalars: ["hours", "impact"]),
            success: ("201", anyObject)),
        Operation(
            method: "post", path: "/api/consents", summary: "Record a person's consent to share categories",
            body: object(
                required: ["beneficiary", "to", "purpose", "scope"],
                ["beneficiary", "to", "purpose", "expires", "evidence_ref", "notice_version"], lists: ["scope"],
                booleans: ["explicit", "refused"]),
            success: ("201", anyObject)),
        Operation(
            method: "post", path: "/api/imports", summary: "Import a spreadsheet of deliveries (the CSV as the body)",
            query: [("dry_run", false)], body: .object([("type", .string("string"))]), bodyType: "text/csv",
            success: ("201", anyObject)),
        Operation(
            method: "get", path: "/api/consents", summary: "A person's consent grants with their status now",
            query: [("beneficiary", true)], success: ("200", array)),
        Operation(
            method: "post", path: "/api/consents/{id}/revoke", summary: "Revoke a consent grant",
            body: object(required: ["reason"], ["reason"]), success: ("204", nil)),
        Operation(
            method: "get", path: "/api/cases/{id}", summary: "A person's case file as you may see it for a purpose",
            query: [("purpose", true)]),
        Operation(
            method: "post", path: "/api/cases/{id}/emergency",
            summary: "Break the glass: open an emergency access with its reason, and read the case",
            body: object(required: ["purpose", "reason"], ["purpose", "reason"], integers: ["hours"])),
        Operation(
            method: "get", path: "/api/explain", summary: "Why you may or may not read a category of a person's case",
            query: [("beneficiary", true), ("category", true), ("purpose", true)]),
        Operation(
            method: "get", path: "/api/audit", summary: "The audit log, filtered, one page at a time",
            query: [
                ("subject", false), ("actor", false), ("org", false), ("decision", false), ("since", false),
                ("until", false), ("page", false),
            ],
            queryDescriptions: [
                "since":
                    "the first day of the entries, YYYY-MM-DD or DD/MM/YYYY: a calendar day of the server's display "
                    + "time zone (its TZ), from that zone's midnight, as the command line and the pages count days; "
                    + "the entries' times stay in UTC",
                "until":
                    "the last day of the entries, YYYY-MM-DD or DD/MM/YYYY: a calendar day of the server's display "
                    + "time zone (its TZ), up to that zone's next midnight",
            ],
            success: ("200", array)),
        Operation(method: "post", path: "/api/audit/verify", summary: "Verify the audit log's chain and checkpoints"),
        Operation(
            method: "get", path: "/api/audit/subject-report/{id}",
            summary: "Who read, looked up or changed a person's data (GDPR art. 15)"),
        Operation(
            method: "get", path: "/api/emergency-accesses",
            summary: "The emergency accesses on your organisation's people, for review (privacy officer)",
            query: [("status", false), ("unreviewed", false)], success: ("200", array)),
        Operation(
            method: "post", path: "/api/emergency-accesses/{id}/review",
            summary: "Record your review of an emergency access (the owner's privacy officer)",
            body: object(required: ["note"], ["note"]), success: ("204", nil)),
        Operation(
            method: "get", path: "/api/reports/overlaps", summary: "People served on one axis by several organisations",
            query: [("axis", false), ("from", false), ("to", false), ("min_cell", false)]),
        Operation(
            method: "get", path: "/api/reports/scheda", summary: "An organisation's monitoring sheet",
            query: [("org", true), ("from", false), ("to", false), ("min_cell", false)]),
        Operation(method: "post", path: "/api/subjects/{id}/export", summary: "Export a person's data for them"),
        Operation(
            method: "post", path: "/api/subjects/{id}/restrict", summary: "Restrict a person's data (GDPR art. 18)",
            body: object(required: ["reason"], ["reason"]), success: ("204", nil)),
        Operation(
            method: "post", path: "/api/subjects/{id}/unrestrict", summary: "Lift a restriction",
            body: object(required: [], ["reason"]), success: ("204", nil)),
        Operation(
            method: "post", path: "/api/subjects/{id}/erase", summary: "Erase a person (GDPR art. 17)",
            body: object(required: ["reason"], ["reason"])),
        Operation(
            method: "get", path: "/api/reports/deliveries", summary: "A statistical report of deliveries",
            query: [
                ("by", true), ("measure", false), ("from", false), ("to", false), ("min_cell", false), ("exact", false),
            ]),
        Operation(method: "get", path: "/api/openapi.json", summary: "This description"),
        Operation(method: "get", path: "/health", summary: "Whether the server answers", open: true),
    ]

    /// The methods (upper-case) of the operations whose path matches `path`, a request's path
    /// with its ids filled in; none for a path the API does not have.
    static func methods(at path: String) -> [String] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return operations.filter { operation in
            let template = operation.path.split(separator: "/", omittingEmptySubsequences: false)
            return template.count == parts.count
                && zip(template, parts).allSatisfy { $0 == $1 || ($0.hasPrefix("{") && !$1.isEmpty) }
        }.map { $0.method.uppercased() }
    }

    /// The body keys of the record routes.
    private enum RecordKeys {
        static let beneficiary = [
            "given_name", "family_name", "codice_fiscale", "birth_date", "sex", "citizenship", "comune", "phone",
            "email",
            "address", "ref", "notes", "sensitive",
        ]
        static let delivery = ["beneficiary", "service_code", "date", "channel", "outcome", "project", "notes"]
    }

    /// The whole document.
    static var json: JSONValue {
        var paths: [(String, JSONValue)] = []
        for path in uniquePaths {
            let members = operations.filter { $0.path == path }.map { ($0.method, describe($0)) }
            paths.append((path, .object(members)))
        }
        return .object([
            ("openapi", .string("3.1.0")),
            ("info", .object([("title", .string("Registro API")), ("version", .string(registroVersion))])),
            ("paths", .object(paths)),
            (
                "components",
                .object([
                    ("schemas", .object([("Error", errorSchema)])),
                    (
                        "securitySchemes",
                        .object([
                            ("bearer", .object([("type", .string("http")), ("scheme", .string("bearer"))])),
                            (
                                "session",
                                .object([
                                    ("type", .string("apiKey")), ("in", .string("cookie")),
                                    ("name", .string("registro_session")),
                                ])
                            ),
                        ])
                    ),
                ])
            ),
            ("security", .array([.object([("bearer", .array([]))]), .object([("session", .array([]))])])),
        ])
    }

    /// The paths, each once, in the order of `operations`.
    private static var uniquePaths: [String] {
        var seen: Set<String> = []
        return operations.map(\.path).filter { seen.insert($0).inserted }
    }

    private static func describe(_ operation: Operation) -> JSONValue {
        var members: [(String, JSONValue)] = [("summary", .string(operation.summary))]
        var parameters: [JSONValue] = operation.query.map { parameter in
            .object(
                [
                    ("name", .string(parameter.name)), ("in", .string("query")),
                    ("required", .bool(parameter.required)),
                ]
                    + (operation.queryDescriptions[parameter.name].map { [("description", .string($0))] } ?? [])
                    + [("schema", .object([("type", .string("string"))]))])
        }
        if operation.path.contains("{id}") {
            parameters.insert(
                .object([
                    ("name", .string("id")), ("in", .string("path")), ("required", .bool(true)),
                    ("schema", .object([("type", .string("string"))])),
                ]), at: 0)
        }
        if !parameters.isEmpty { members.append(("parameters", .array(parameters))) }
        if let body = operation.body {
            members.append(
                (
                    "requestBody",
                    .object([
                        ("required", .bool(true)),
                        ("content", .object([(operation.bodyType, .object([("schema", body)]))])),
                    ])
                ))
        }
        var responses: [(String, JSONValue)] = [
            (
                operation.success.status,
                .object(
                    [("description", .string("success"))]
                        + (operation.success.schema.map {
                            [("content", .object([("application/json", .object([("schema", $0)]))]))]
                        } ?? []))
            )
        ]
        var errors = ["400", "403", "404", "405", "409", "413", "422", "429", "500", "503"]
        if !operation.open || operation.path == "/api/session" { errors.insert("401", at: 1) }
        if operation.path == "/health" { errors = [] }
        responses += errors.map { ($0, errorResponse) }
        members.append(("responses", .object(responses)))
        if operation.open { members.append(("security", .array([]))) }
        return .object(members)
    }

    private static let errorResponse: JSONValue = .object([
        ("description", .string("an error: one slug, one sentence")),
        (
            "content",
            .object([
                ("application/json", .object([("schema", .object([("$ref", .string("#/components/schemas/Error"))]))]))
            ])
        ),
    ])

    private static let errorSchema = object(required: ["error", "message"], ["error", "message"], closed: false)

    private static let anyObject: JSONValue = .object([("type", .string("object"))])

    private static let array: JSONValue = .object([("type", .string("array"))])

    /// An object schema with string members `strings`, and the other kinds named.
    private static func object(
        required: [String], _ strings: [String], integers: [String] = [], lists: [String] = [], scalars: [String] = [],
        booleans: [String] = [], closed: Bool = true
    ) -> JSONValue {
        var properties: [(String, JSONValue)] = strings.map { ($0, .object([("type", .string("string"))])) }
        properties += integers.map { ($0, .object([("type", .string("integer"))])) }
        properties += lists.map {
            ($0, .object([("type", .string("array")), ("items", .object([("type", .string("string"))]))]))
        }
        properties += scalars.map { ($0, .object([("type", .array([.string("string"), .string("number")]))])) }
        properties += booleans.map { ($0, .object([("type", .string("boolean"))])) }
        var members: [(String, JSONValue)] = [("type", .string("object")), ("properties", .object(properties))]
        if !required.isEmpty { members.append(("required", .array(required.map(JSONValue.string)))) }
        if closed { members.append(("additionalProperties", .bool(false))) }
        return .object(members)
    }
}
