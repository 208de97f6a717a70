import ArgumentParser
import WikiClean

/// sysexits(3) codes used by the commands.
enum Exit {
    static let dataError = ExitCode(65)  // EX_DATAERR
    static let noInput = ExitCode(66)  // EX_NOINPUT
    static let software = ExitCode(70)  // EX_SOFTWARE
    static let cannotCreate = ExitCode(73)  // EX_CANTCREAT
    static let config = ExitCode(78)  // EX_CONFIG
}

/// Prints `error: …` to standard error and returns the exit code for an error.
func report(_ error: any Error) -> ExitCode {
    var stderr = StandardError()
    switch error {
    case let e as ConfigError:
        print("error: \(e)", to: &stderr)
        return Exit.config
    case let e as InputError:
        print("error: \(e)", to: &stderr)
        return Exit.noInput
    case let e as OutputError:
        print("error: \(e)", to: &stderr)
        return Exit.cannotCreate
    case let e as ExitCode:
        return e
    default:
        print("error: \(error)", to: &stderr)
        return Exit.software
    }
}
