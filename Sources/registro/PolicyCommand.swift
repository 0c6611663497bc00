import ArgumentParser
import CedarSubset
import Foundation
import RegistroKit
import RegistroOutput

extension Registro {
    /// `registro policy …`: evaluate and check Cedar policies.
    struct Policy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "policy",
            abstract: "Evaluate and check access policies written in Registro's Cedar subset.",
            discussion: "See Docs/POLICY-LANGUAGE.md for the language, the schema format and examples.",
            subcommands: [Eval.self, Check.self, Test.self, Explain.self]
        )
    }
}

extension Registro.Policy {
    /// `registro policy eval`: decide one request, or a batch of requests, against policies.
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "Decide requests against policies and entities, as Cedar would.",
            discussion: """
                Prints {"decision": "Allow"|"Deny", "reasons": [...], "errors": [...]} for the \
                request; with --batch, one such line per request line, in order. Reasons are \
                positional policy ids (policy0, policy1, … in file order); "annotated_ids" gives \
                their @id annotations.
                """
        )

        @Option(help: "The Cedar policy file.")
        var policies: String

        @Option(help: "The entities, in Cedar's JSON entity format.")
        var entities: String

        @Option(help: "A JSON file holding one request.")
        var request: String?

        @Option(help: "A JSON Lines file holding one request per line.")
        var batch: String?

        @Option(help: "A schema in Cedar's JSON schema format to validate the policies against first.")
        var schema: String?

        func validate() throws {
            if (request == nil) == (batch == nil) {
                throw ValidationError(worded("cli_policy_eval_one_of"))
            }
        }

        func run() throws {
            try reportingErrors {
                let policySet = try PolicyTools.policySet(at: policies)
                if let schema {
                    try PolicyTools.validate(policySet, againstSchemaAt: schema)
                }
                let entityStore = try PolicyTools.entities(at: entities)
                let authorizer = Authorizer(policies: policySet)
                if let request {
                    let decision = authorizer.authorize(try PolicyTools.request(at: request), entities: entityStore)
                    print(DecisionJSON.line(for: decision))
                    return
                }
                let requests = try PolicyTools.requests(inLinesAt: batch ?? "")
                var output = StandardOutputBuffer()
                for request in requests {
                    output.append(DecisionJSON.line(for: authorizer.authorize(request, entities: entityStore)))
                    output.append("\n")
                }
                output.flush()
            }
        }
    }

    /// `registro policy check`: parse and validate every policy of a directory.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Parse every *.cedar file of a directory and validate it against the directory's schema.",
            discussion: """
                The schema is the file \(PolicyCheck.schemaFileName) in the same directory, in \
                Cedar's JSON schema format. Every problem is listed as FILE:LINE:COL: problem; \
                the exit status is 1 when there is any.
                """
        )

        @Option(help: "The directory holding the policies and their schema.")
        var dir: String = "Policies"

        func run() throws {
            try reportingErrors {
                let report = try PolicyTools.check(directory: dir)
                if report.foundNoPolicyFile {
                    throw RegistroError.checkFailed(worded("cli_policy_no_files", ["dir": dir]))
                }
                for problem in report.problems {
                    print(problem.description)
                }
                let count = report.problems.count
                if count > 0 {
                    throw RegistroError.checkFailed(
                        worded(
                            count == 1 ? "cli_policy_problems_one" : "cli_policy_problems",
                            ["n": String(count), "dir": dir]))
                }
                guard CommandLanguage.current == .english else {
                    confirm(
                        "cli_policy_checked",
                        ["policies": String(report.policyCount), "files": String(report.fileCount)])
                    return
                }
                print(
                    "\(report.policyCount) polic\(report.policyCount == 1 ? "y" : "ies") in \(report.fileCount) file\(report.fileCount == 1 ? "" : "s"): no problem"
                )
            }
        }
    }

    /// `registro policy test`: run the policy tests of a directory.
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Check a policy directory, then run its tests/*.test.json cases.",
            discussion: """
                Each case is a request with the decision (and, optionally, the determining \
                policies by @id) the policies must give; Policies/tests/README.md describes the \
                format. Every failing case is listed; the exit status is 1 when any fails.

                Examples:
                  registro policy test
                  registro policy test --dir my-policies
                """
        )

        @Option(help: "The directory holding the policies, their schema and tests/.")
        var dir: String = "Policies"

        func run() throws {
            try reportingErrors {
                let report = try PolicyTools.test(directory: dir)
                if report.check.foundNoPolicyFile {
                    throw RegistroError.checkFailed(worded("cli_policy_no_files", ["dir": dir]))
                }
                for problem in report.check.problems {
                    print(problem.description)
                }
                for failure in report.failures {
                    print(failure.description)
                }
                guard report.passed else {
                    let failed = report.failures.count
                    throw RegistroError.checkFailed(
                        report.check.problems.isEmpty
                            ? worded(
                                failed == 1 ? "cli_policy_cases_fail_one" : "cli_policy_cases_fail",
                                ["n": String(failed), "cases": String(report.cases), "dir": dir])
                            : worded("cli_policy_not_checked", ["dir": dir]))
                }
                confirm("cli_policy_cases_pass", ["cases": String(report.cases), "files": String(report.files)])
            }
        }
    }

    /// `registro policy explain`: why a user may or may not read a category of a person.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "explain",
            abstract: "Explain whether you may read a category of a person's case file for a purpose, and why.",
            discussion: """
                Prints the decision, the policies that made it, and the consent grants, \
                emergency access and restriction that fed it.

                Example:
                  registro policy explain --beneficiary B7K3M9Q2X4TA --category services \
                    --purpose presa_in_carico_condivisa --as jokko-sw
                """
        )

        @OptionGroup var registry: RegistryOptions
        @Option(help: "The person's pseudonymous id.") var beneficiary: String
        @Option(help: "identity, contact, needs, services, sensitive or notes.") var category: CaseCategory
        @Option(help: "The purpose (see `registro codes purpose`).") var purpose: String
        @OptionGroup var output: FormatOption<AccessExplanationView>

        func run() throws {
            try reportingErrors {
                let explanation = try registry.session().sharing.explainAccess(
                    beneficiary: beneficiary, category: category, purpose: purpose)
                try output.print(AccessExplanationView(explanation, language: CommandLanguage.current))
            }
        }
    }
}

/// Collects output and writes it to standard output in large chunks.
struct StandardOutputBuffer {
    private var buffer = ""

    mutating func append(_ text: String) {
        buffer += text
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer.utf8))
        buffer = ""
    }
}
