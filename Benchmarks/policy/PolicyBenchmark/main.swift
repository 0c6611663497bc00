// Measures policy decisions per second on one core: loads a policy set, entities and requests
// (outside the timed part), then decides the requests over and over on the calling thread.
//
// Usage: PolicyBenchmark POLICIES.cedar ENTITIES.json REQUESTS.jsonl [SECONDS]

import Foundation
import CedarSubset

let arguments = CommandLine.arguments
guard arguments.count >= 4 else {
    FileHandle.standardError.write(
        Data("usage: PolicyBenchmark POLICIES.cedar ENTITIES.json REQUESTS.jsonl [SECONDS]\n".utf8))
    exit(64)
}
let seconds = arguments.count > 4 ? Double(arguments[4]) ?? 3 : 3
do {
    let policies = try PolicyFiles.policySet(at: arguments[1])
    let entities = try PolicyFiles.entities(at: arguments[2])
    let requests = try PolicyFiles.requests(inLinesAt: arguments[3])
    let authorizer = Authorizer(policies: policies)

    var allowed = 0
    for request in requests where authorizer.authorize(request, entities: entities).isAllowed { allowed += 1 }

    let clock = ContinuousClock()
    var decisions = 0
    let start = clock.now
    let deadline = start + .milliseconds(Int(seconds * 1000))
    while clock.now < deadline {
        for request in requests {
            if authorizer.authorize(request, entities: entities).isAllowed { decisions &+= 0 }
        }
        decisions += requests.count
    }
    let elapsed = clock.now - start
    let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let rate = Double(decisions) / elapsedSeconds
    print(
        "policies: \(policies.count), entities: \(entities.count), distinct requests: \(requests.count), allowed: \(allowed)"
    )
    print(
        String(
            format: "%d decisions in %.2f s on one thread: %.0f decisions/s (%.2f µs each)", decisions, elapsedSeconds,
            rate, 1e6 / rate))
} catch {
    FileHandle.standardError.write(Data("PolicyBenchmark: \(error)\n".utf8))
    exit(65)
}
