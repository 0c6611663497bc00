import Foundation
import Testing

@Suite("a social worker's everyday work: finding people, imports run twice, the codice fiscale against the rest")
struct EverydayWorkTests {
    /// A file of two deliveries: one to a person without a codice fiscale, one to a person with one.
    static let twoPeople = """
        codice_fiscale,ref,given_name,family_name,sex,service_code,date,hours
        ,AL-7,Maria,Dell'Acqua,F,RT.LAV01,2020-03-02,1
        RSSMRA85T50A479J,AL-8,Maria,Rossi,,RT.LAV01,2020-03-03,1.5

        """

    @Test("people without a codice fiscale are found by file number and by name, listed, and the import names them")
    func findPeopleWithoutCodiceFiscale() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let file = try registry.write("two.csv", Data(Self.twoPeople.utf8))
        let output = try registry.succeed(["import", "deliveries", file, "--as", "sw-alfa"])
        #expect(output.contains("2 new people"))
        let lines = output.split(separator: "\n").filter { $0.hasPrefix("line ") }
        #expect(lines.count == 2)
        let maria = try #require(lines.first?.split(separator: " ").dropFirst(2).first.map(String.init))
        #expect(lines.first == "line 2: \(maria) new")

        #expect(try registry.succeed(["beneficiary", "find", "--ref", "AL-7", "--as", "sw-alfa"]) == maria)
        #expect(try registry.succeed(["beneficiary", "find", "--name", "dellacqua", "--as", "sw-alfa"]) == maria)
        #expect(
            try registry.succeed(["beneficiary", "find", "--name", "DELL'ACQUA Maria", "--as", "sw-alfa"]) == maria)
        let both = try registry.succeed(["beneficiary", "find", "--name", "maria", "--as", "sw-alfa"])
        #expect(both.split(separator: "\n").count == 2)
        // Another organisation's people are not searched by ref or name.
        #expect(try registry.run(["beneficiary", "find", "--ref", "AL-7", "--as", "sw-beta"]).status == 1)
        let elsewhere = try registry.run(["beneficiary", "find", "--name", "dellacqua", "--as", "sw-beta"])
        #expect(elsewhere.status == 1)
        #expect(elsewhere.stdout.isEmpty)

        let list = try registry.succeed(["beneficiary", "list", "--as", "sw-alfa"])
        #expect(list.contains(maria))
        #expect(list.contains("AL-8"))
        #expect(list.hasSuffix("page 1 of 1, 2 people"))
        #expect(try registry.succeed(["beneficiary", "list", "--as", "sw-beta"]) == "page 1 of 1, 0 people")
        let pastTheEnd = try registry.run(["beneficiary", "list", "--page", "3", "--as", "sw-alfa"])
        #expect(pastTheEnd.status == 65)
        #expect(pastTheEnd.stderr.contains("--page"))
        // `audit list` is `audit log`, as other groups call their listings.
        let audit = try registry.succeed(["audit", "list", "--as", "dpo"])
        #expect(audit.contains("lookup"))
        #expect(!audit.contains("Acqua"))
        // A person whose data is restricted is not found.
        try registry.succeed(["subject", "restrict", maria, "--reason", "contestati", "--as", "dpo"])
        #expect(try registry.run(["beneficiary", "find", "--name", "dellacqua", "--as", "sw-alfa"]).status == 1)
        #expect(try registry.run(["beneficiary", "find", "--ref", "AL-7", "--as", "sw-alfa"]).status == 1)
    }

    @Test("import --ids writes each row's line, person and whether they were new")
    func importWritesIDs() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let file = try registry.write("two.csv", Data(Self.twoPeople.utf8))
        let idsPath = registry.directory.appendingPathComponent("ids.csv").path
        let output = try registry.succeed(["import", "deliveries", file, "--ids", idsPath, "--as", "sw-alfa"])
        #expect(!output.contains("line 2"))
        let ids = try String(contentsOfFile: idsPath, encoding: .utf8).split(separator: "\n")
        #expect(ids.count == 3)
        #expect(ids[0] == "line,beneficiary,person")
        #expect(ids[1].hasPrefix("2,B") && ids[1].hasSuffix(",new"))
        let found = try registry.succeed(["beneficiary", "find", "--cf", "RSSMRA85T50A479J", "--as", "sw-alfa"])
        #expect(ids[2] == "3,\(found),new")
    }

    @Test("a file imported before is refused, naming the earlier import, unless --again")
    func sameFileTwice() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let file = try registry.write("two.csv", Data(Self.twoPeople.utf8))
        try registry.succeed(["import", "deliveries", file, "--as", "sw-alfa"])
        let again = try registry.run(["import", "deliveries", file, "--as", "sw-alfa"])
        #expect(again.status == 65)
        #expect(again.stderr.contains("imported already"))
        #expect(again.stderr.contains("`sw-alfa`"))
        #expect(again.stderr.contains("--again"))
        let dryRun = try registry.run(["import", "deliveries", file, "--dry-run", "--as", "sw-alfa"])
        #expect(dryRun.status == 65)
        #expect(try registry.succeed(["beneficiary", "list", "--as", "sw-alfa"]).hasSuffix("2 people"))
        let forced = try registry.succeed(["import", "deliveries", file, "--again", "--as", "sw-alfa"])
        #expect(forced.contains("0 new people, 2 rows matched"))
    }

    @Test("a row identical to a stored delivery is warned of, in the dry run too, and imported")
    func rowsIdenticalToStoredDeliveries() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let first = try registry.write("two.csv", Data(Self.twoPeople.utf8))
        try registry.succeed(["import", "deliveries", first, "--as", "sw-alfa"])
        // A later export repeats the first row and adds a new date for the second person.
        let later = try registry.write(
            "later.csv",
            Data(
                """
                codice_fiscale,ref,given_name,family_name,sex,service_code,date,hours
                ,AL-7,Maria,Dell'Acqua,F,RT.LAV01,2020-03-02,1
                RSSMRA85T50A479J,AL-8,Maria,Rossi,,RT.LAV01,2020-04-03,1.5

                """.utf8))
        for extra in [["--dry-run"], []] {
            let result = try registry.run(["import", "deliveries", later] + extra + ["--as", "sw-alfa"])
            #expect(result.status == 0)
            #expect(result.stderr.contains("warning: \(later):2: the same service, date and hours"))
            #expect(!result.stderr.contains(":3:"))
            #expect(!result.stderr.contains("Acqua"))
        }
    }

    @Test("a birth date or sex that the codice fiscale contradicts is refused naming both; blanks come from the code")
    func codiceFiscaleAgainstTheOtherFields() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let wrongDate = try registry.run([
            "beneficiary", "add", "--given-name", "Zoe", "--family-name", "Cantone", "--cf", "CNTZOE03P42A479V",
            "--birth-date", "1990-01-01", "--as", "sw-alfa",
        ])
        #expect(wrongDate.status == 65)
        #expect(
            wrongDate.stderr.contains("--birth-date: does not agree with the birth date the codice_fiscale encodes"))
        #expect(!wrongDate.stderr.contains("1990"))
        let wrongSex = try registry.run([
            "beneficiary", "add", "--given-name", "Maria", "--family-name", "Rossi", "--cf", "RSSMRA85T50A479J",
            "--sex", "M", "--as", "sw-alfa",
        ])
        #expect(wrongSex.status == 65)
        #expect(wrongSex.stderr.contains("--sex: does not agree with the codice_fiscale"))
        // The same person written with an omocodic code agrees with her birth date.
        try registry.succeed([
            "beneficiary", "add", "--given-name", "Zoe", "--family-name", "Cantone", "--cf", "CNTZOE03P42A47VK",
            "--birth-date", "02/09/2003", "--sex", "F", "--as", "sw-alfa",
        ])
        // Left out, sex and birth year are taken from the code, as the report counts them.
        try registry.succeed([
            "beneficiary", "add", "--given-name", "Maria", "--family-name", "Rossi", "--cf", "RSSMRA85T50A479J",
            "--as", "sw-alfa",
        ])
        let csv = try registry.write(
            "row.csv",
            Data(
                """
                codice_fiscale,given_name,family_name,birth_date,service_code,date
                VRDLCU80A01A479X,Luca,Verdi,1980-01-02,RT.LAV01,2020-03-02

                """.utf8))
        let row = try registry.run(["import", "deliveries", csv, "--dry-run", "--as", "sw-alfa"])
        #expect(row.status == 65)
        #expect(row.stderr.contains(":2: birth_date: does not agree"))
    }

    @Test("a wrong check character is reported once, not also as an empty sex")
    func wrongCheckCharacterOnly() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let result = try registry.run([
            "beneficiary", "add", "--given-name", "Maria", "--family-name", "Rossi", "--cf", "RSSMRA85T50A479K",
            "--as", "sw-alfa",
        ])
        #expect(result.status == 65)
        #expect(result.stderr.contains("--cf"))
        #expect(!result.stderr.contains("--sex"))
    }
}
