import Foundation
import Testing

/// The library names fields and hints in its own words; the command line names its options and
/// the commands to run.
@Suite("errors name the option and the command")
struct FieldErrorWordingTests {
    static let cases: [(arguments: [String], status: Int32, stderr: String)] = [
        (
            ["org", "add", "--id", "gamma", "--name", "Gamma", "--kind", "ets", "--network", "altrove"], 65,
            "registro: --network: no network `altrove`; create it with `registro network add` first\n"
        ),
        (
            ["user", "add", "--id", "nuovo", "--name", "Nuovo", "--org", "nessuna", "--role", "admin"], 65,
            "registro: --org: no organisation `nessuna`; add it with `registro org add` first\n"
        ),
        (
            ["report", "deliveries", "--by", "org", "--as", "nessuno"], 65,
            "registro: --as: no user `nessuno` in this registry; add one with `registro user add`\n"
        ),
        (
            ["report", "deliveries", "--by", "org"], 64,
            "registro: this command acts on behalf of a user; name one with --as USER or REGISTRO_USER\n"
        ),
        (
            ["org", "add", "--id", "gamma", "--name", "Gamma", "--kind", "public", "--runts-section", "odv"],
            65,
            "registro: --runts-section: only an organisation of kind `ets` has a RUNTS section; "
                + "drop the option or use --kind ets\n"
        ),
    ]

    @Test("a field's problem names its option, and its hint the command to run", arguments: cases.indices)
    func fieldProblemsNameTheOptionAndTheCommand(index: Int) throws {
        let (arguments, status, stderr) = Self.cases[index]
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let result = try registry.run(arguments)
        #expect(result.status == status)
        #expect(result.stderr == stderr)
    }

    @Test("an import's problem names the command that lists the codes")
    func importProblemsNameTheCodesCommand() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let path = try registry.write(
            "codici.csv", Data("given_name,family_name,sex,service_code,date\nAnna,Neri,F,XX.NOPE,2020-03-02\n".utf8))
        let result = try registry.run(["import", "deliveries", path, "--as", "sw-alfa"])
        #expect(result.status == 65)
        #expect(
            result.stderr.contains(
                "codici.csv:2: service_code: `XX.NOPE` is not a service code; see `registro codes service`\n"))
    }
}
