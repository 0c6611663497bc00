import ArgumentParser
import RegistroKit
import RegistroOutput

extension Registro {
    /// `registro subject`: the rights of the people in the registry (GDPR arts. 15–20).
    struct Subject: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "subject",
            abstract: "Export, erase, restrict or unrestrict a person's data (GDPR arts. 15–20).",
            subcommands: [Export.self, Erase.self, Restrict.self, Unrestrict.self])

        /// `registro subject export`.
        struct Export: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "export",
                abstract: "Print everything the registry holds about a person, as JSON, for them (art. 15, 20).",
                discussion: """
                    Their personal and statistical data, every organisation's deliveries, their \
                    consent grants, and the organisations that received their data. Done by the \
                    owner's coordinators; recorded in the audit log.

                    Example:
                      registro subject export B7K3M9Q2X4TA --as coala-coord > export.json
                    """)

            @OptionGroup var registry: RegistryOptions
            @Argument(help: "The person's pseudonymous id.") var beneficiary: String

            func run() throws {
                try reportingErrors {
                    let export = try registry.session().subjectRights.exportSubject(beneficiary)
                    print(try SubjectExportView(export).rendered(as: .json), terminator: "")
                }
            }
        }

        /// `registro subject erase`.
        struct Erase: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "erase",
                abstract:
                    "Erase a person (art. 17) by destroying their data key and blind index; lists the recipients to inform.",
                discussion: """
                    Every personal field becomes unreadable everywhere at once; statistical facts \
                    of past deliveries remain for the reports. The organisations that received the \
                    person's data (from the audit log) are printed: tell them (art. 19). Done by \
                    privacy officers. Write the reason without personal data.

                    Example:
                      registro subject erase B7K3M9Q2X4TA --reason "art. 17 request, protocol 2026/311" --as coala-dpo
                    """)

            @OptionGroup var registry: RegistryOptions
            @Argument(help: "The person's pseudonymous id.") var beneficiary: String
            @Option(help: "Why, e.g. the request's protocol number (kept sealed).") var reason: String

            func run() throws {
                try reportingErrors {
                    let recipients = try registry.session().subjectRights.eraseSubject(beneficiary, reason: reason)
                    confirm("cli_done_erased", ["id": beneficiary])
                    if recipients.isEmpty {
                        confirm("cli_erased_no_recipients")
                    } else {
                        confirm("cli_erased_recipients", ["recipients": recipients.joined(separator: ", ")])
                    }
                }
            }
        }

        /// `registro subject restrict`.
        struct Restrict: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "restrict",
                abstract:
                    "Restrict a person's data (art. 18): kept, but used by nobody until a privacy officer lifts it.",
                discussion: """
                    Example:
                      registro subject restrict B7K3M9Q2X4TA --reason "accuracy contested" --as coala-coord
                    """)

            @OptionGroup var registry: RegistryOptions
            @Argument(help: "The person's pseudonymous id.") var beneficiary: String
            @Option(help: "Why (kept sealed).") var reason: String

            func run() throws {
                try reportingErrors {
                    try registry.session().subjectRights.restrictSubject(beneficiary, reason: reason)
                    confirm("cli_done_restricted", ["id": beneficiary])
                }
            }
        }

        /// `registro subject unrestrict`.
        struct Unrestrict: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "unrestrict",
                abstract: "Lift a restriction (privacy officers).",
                discussion: """
                    Example:
                      registro subject unrestrict B7K3M9Q2X4TA --as coala-dpo
                    """)

            @OptionGroup var registry: RegistryOptions
            @Argument(help: "The person's pseudonymous id.") var beneficiary: String

            func run() throws {
                try reportingErrors {
                    try registry.session().subjectRights.unrestrictSubject(beneficiary)
                    confirm("cli_done_unrestricted", ["id": beneficiary])
                }
            }
        }
    }
}
