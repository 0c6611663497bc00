import ArgumentParser
import Foundation
import RegistroKit
import RegistroOutput

extension Registro {
    /// `registro audit`: the tamper-evident audit log, for privacy officers.
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "Verify, checkpoint and read the tamper-evident audit log.",
            discussion: """
                Every decision on personal data (allowed and denied), every change and every \
                import is appended to a log whose entries are chained by BLAKE2b hashes; \
                signed checkpoints kept outside the registry also reveal a log cut short or \
                rolled back. Beneficiaries appear only by pseudonymous id. Only privacy \
                officers and admins (--as) may use these commands, and each use is itself \
                recorded. Docs/PRIVACY.md describes the format, for verifying it with your own \
                script.
                """,
            subcommands: [
                Verify.self, Checkpoint.self, Key.self, Log.self, SubjectReport.self, Overview.self, Emergency.self,
                Review.self,
            ])

        /// `registro audit verify`.
        struct Verify: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "verify",
                abstract: "Check every entry's chain hash, and the log against checkpoints.",
                discussion: """
                    Exits 0 when the log verifies; exits 1 naming the first entry that does \
                    not verify and why: its contents changed, an entry missing, a broken link, \
                    a checkpoint the log no longer reaches or no longer matches, or a \
                    checkpoint with a bad signature; or when the audit tables' triggers or \
                    schema are not exactly those registro made. Every line of the witness \
                    (--witness, default the database path with .witness appended, when it \
                    exists) is checked as a checkpoint.

                    Examples:
                      registro audit verify --as dpo
                      registro audit verify --checkpoint checkpoint-2026-11.json --as dpo
                      registro audit verify --witness /mnt/witness/registro.witness --as dpo
                    """)

            @OptionGroup var registry: RegistryOptions
            @OptionGroup var output: FormatOption<AuditVerificationView>

            @Option(help: ArgumentHelp("A checkpoint written by `audit checkpoint`.", valueName: "file"))
            var checkpoint: String?

            func run() throws {
                try reportingErrors {
                    let given = try checkpoint.map(readCheckpoint)
                    let verification = try registry.audit().verifyAuditLog(
                        against: given, named: checkpoint ?? "", witness: try chosenWitness(registry))
                    let view = AuditVerificationView(verification, language: CommandLanguage.current)
                    if output.format != .table || verification.isValid {
                        try output.print(view)
                    }
                    guard verification.isValid else {
                        throw RegistroError.checkFailed(view.summaryText)
                    }
                }
            }
        }

        /// `registro audit checkpoint`.
        struct Checkpoint: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "checkpoint",
                abstract: "Write a signed checkpoint of the log's head, to keep outside the registry.",
                discussion: """
                    The checkpoint holds the head's sequence number and hash, the time, the \
                    registry's audit public key and an Ed25519 signature. Keep it where whoever \
                    can change the database cannot: `audit verify --checkpoint` then detects \
                    entries deleted, rewritten or rolled back behind it. Never overwrites a file.

                    Example:
                      registro audit checkpoint --out checkpoint-2026-11.json --as dpo
                    """)

            @OptionGroup var registry: RegistryOptions

            @Option(help: ArgumentHelp("The file to write; it must not exist.", valueName: "file"))
            var out: String

            func run() throws {
                try reportingErrors {
                    var seq: Int64 = 0
                    try writeNewFile(out, option: "--out") {
                        let checkpoint = try registry.audit().makeAuditCheckpoint()
                        seq = checkpoint.seq
                        return checkpoint.json
                    }
                    confirm("cli_done_checkpoint", ["seq": String(seq), "file": out])
                }
            }
        }

        /// `registro audit key`.
        struct Key: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "key",
                abstract: "Show the public key that signs checkpoints, or give an older registry a key of its own.",
                discussion: """
                    Prints the Ed25519 public key in force, from which entry it signs, and \
                    where the signing key is. Note the public key somewhere safe: a checkpoint \
                    or witness line signed by another key is not this registry's. Registries \
                    made before audit keys of their own sign with a key derived from the root \
                    key, which every holder of the keyring could use: --create makes a random \
                    key in the database path with .audit-key appended (mode 0600), records its \
                    public key, and from then on every command appends checkpoints to the \
                    witness. Earlier checkpoints stay checked against the old key.

                    Examples:
                      registro audit key --as dpo
                      registro audit key --create --as admin
                    """)

            @OptionGroup var registry: RegistryOptions

            @Flag(help: "Create the registry's own signing key (once, for a registry made before them).")
            var create = false

            func run() throws {
                try reportingErrors {
                    let audit = try registry.audit()
                    let key = create ? try audit.createAuditKey() : try audit.auditKey()
                    confirm("cli_audit_key", ["key": Hex.encode(key.publicKey), "since": String(key.since)])
                    if !key.isOwn {
                        confirm("cli_audit_key_derived")
                    } else if create {
                        confirm("cli_done_audit_key_created", ["file": key.file])
                    } else {
                        confirm("cli_audit_key_file", ["file": key.file])
                    }
                }
            }
        }

        /// `registro audit log`.
        struct Log: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "log",
                abstract: "List audit entries, with filters.",
                discussion: """
                    Dates are days in UTC, YYYY-MM-DD or DD/MM/YYYY, both ends included. JSON \
                    and CSV hold every field of an entry; the table the ones a person reads. \
                    `audit list` is the same command.

                    Examples:
                      registro audit log --decision deny --since 2026-11-01 --as dpo
                      registro audit log --subject B7K3M9Q2X4TA --format json --as dpo
                    """,
                // `list`, as every other command group calls its listing.
                aliases: ["list"])

            @OptionGroup var registry: RegistryOptions
            @OptionGroup var output: FormatOption<AuditLogView>

            @Option(help: ArgumentHelp("Entries about this beneficiary (pseudonymous id).", valueName: "id"))
            var subject: String?

            @Option(help: ArgumentHelp("Entries by this user.", valueName: "user"))
            var actor: String?

            @Option(help: ArgumentHelp("Entries by users of this organisation.", valueName: "org"))
            var org: String?

            @Option(help: "allow or deny.")
            var decision: String?

            @Option(help: ArgumentHelp("Entries on or after this day.", valueName: "date"))
            var since: String?

            @Option(help: ArgumentHelp("Entries on or before this day.", valueName: "date"))
            var until: String?

            func run() throws {
                try reportingErrors {
                    let filter = AuditFilter(
                        subject: subject, actor: actor, org: org,
                        decision: try decision.map { try AuditDecision.parse($0, field: "--decision") },
                        since: try since.map { try parseDay($0, option: "--since") },
                        until: try until.map { try parseDay($0, option: "--until") },
                        zone: DisplayTime.current.zone)
                    let entries = try registry.audit().auditEntries(matching: filter)
                    try output.print(AuditLogView(entries, language: CommandLanguage.current))
                }
            }
        }

        /// `registro audit subject-report`.
        struct SubjectReport: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "subject-report",
                abstract: "Who read, looked up or changed a person's data (GDPR art. 15).",
                discussion: """
                    Lists every read, lookup and export of the person's data, allowed and \
                    denied, with when, by whom, for which purpose and on which basis (own \
                    record, consent grants, emergency access); then every change; then the \
                    organisations that received the data.

                    Example:
                      registro audit subject-report B7K3M9Q2X4TA --as coala-dpo
                    """)

            @OptionGroup var registry: RegistryOptions
            @OptionGroup var output: FormatOption<SubjectReportView>

            @Argument(help: "The beneficiary's pseudonymous id.")
            var beneficiary: String

            func run() throws {
                try reportingErrors {
                    let report = try registry.audit().subjectReport(beneficiary: beneficiary)
                    try output.print(SubjectReportView(report, language: CommandLanguage.current))
                }
            }
        }

        /// `registro audit overview`.
        struct Overview: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "overview",
                abstract: "A privacy officer's overview: denials, emergency accesses, sensitive reads.",
                discussion: """
                    Shows whether the log verifies; denials by organisation and by user; every \
                    emergency access; every read of the sensitive category; and reads that \
                    relied on a consent withdrawn since. With --html, also writes the overview \
                    as a standalone page (no script, nothing fetched) to archive or send.

                    Example:
                      registro audit overview --html audit-2026-11.html --as dpo
                    """)

            @OptionGroup var registry: RegistryOptions
            @OptionGroup var output: FormatOption<AuditOverviewView>

            @Option(
                help: ArgumentHelp(
                    "Also write the overview as an HTML page; the file must not exist.", valueName: "file"))
            var html: String?

            func run() throws {
                try reportingErrors {
                    guard let html else {
                        let (overview, verification) = try registry.audit().auditOverview()
                        try output.print(Self.view(overview, verification))
                        return
                    }
                    var view: AuditOverviewView?
                    try writeNewFile(html, option: "--html") {
                        let (overview, verification) = try registry.audit().auditOverview()
                        let made = Self.view(overview, verification)
                        view = made
                        return made.html.rendered()
                    }
                    if let view { try output.print(view) }
                    if output.format == .table { confirm("cli_done_overview_written", ["file": html]) }
                }
            }

            /// The overview's view, with the advice on making a checkpoint when none was made.
            private static func view(
                _ overview: AuditOverview, _ verification: AuditVerification
            ) -> AuditOverviewView {
                AuditOverviewView(
                    overview, verification: verification,
                    checkpointAdvice: CommandLanguage.catalogue["cli_overview_checkpoint_advice"],
                    language: CommandLanguage.current)
            }
        }
    }
}

/// The checkpoint in the file at `path`.
private func readCheckpoint(_ path: String) throws -> AuditCheckpoint {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw RegistroError.invalidData(worded("cli_checkpoint_unreadable", ["file": path]))
    }
    return try AuditCheckpoint.parse(data, source: path)
}

/// The witness `audit verify` checks: the one named by `--witness` or `REGISTRO_WITNESS`,
/// which must exist; else the default one beside the database, when it exists.
private func chosenWitness(_ options: RegistryOptions) throws -> AuditWitness? {
    let witness = AuditWitness(path: options.files.location.witness)
    if options.files.chosenWitness != nil, !witness.exists {
        throw RegistroError.invalidData(worded("cli_no_witness", ["file": witness.path]))
    }
    return witness.exists ? witness : nil
}

/// A day given to `option`, as YYYY-MM-DD or DD/MM/YYYY.
private func parseDay(_ text: String, option: String) throws -> CalendarDate {
    do throws(FieldProblem) {
        return try CalendarDate.parse(text)
    } catch {
        throw RegistroError.invalidData("\(option): \(error.message)")
    }
}
