// The `tarn` command-line tool: dispatches to one small type per subcommand.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A subcommand: parses its own arguments, calls the library, prints.
protocol Command {
    static var name: String { get }
    static var summary: String { get }
    /// Runs with the arguments after the subcommand name; returns the exit code.
    static func run(_ arguments: [String]) throws -> Int32
}

/// Thrown for bad command-line usage; exits with status 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

let commands: [Command.Type] = [
    ConvertCommand.self,
    SchemaCommand.self,
    HeadCommand.self,
    CatalogCommand.self,
    CrawlCommand.self,
    WorkflowCommand.self,
    InspectCommand.self,
    WriteSampleCommand.self,
]

func printUsage() {
    var text = "usage: tarn <command> [options]\n\ncommands:\n"
    for command in commands {
        text += "  " + command.name.padding(toLength: 12, withPad: " ", startingAt: 0) + command.summary + "\n"
    }
    text += "\nRun 'tarn <command> --help' for a command's options.\n"
    FileHandle.standardError.write(Data(text.utf8))
}

func fail(_ message: String, code: Int32) -> Never {
    FileHandle.standardError.write(Data("tarn: \(message)\n".utf8))
    exit(code)
}

#if canImport(Glibc)
// Large buffers (a batch's columns, a row group's pages) come and go at different sizes;
// from glibc's heap they fragment it, and a long conversion's resident memory creeps up
// with the input (245 MB after 1.1 GB of CSV). Served by mmap above 1 MB, they go back to
// the system when freed: memory stays flat (104 MB for 1.1 GB, 107 MB for 2.2 GB of the
// same CSV; without this, 138 and 159 MB) for a little more time spent in page faults.
// (`mallopt` is in <malloc.h>, which Swift's Glibc module leaves out: looked up instead.)
if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    let M_MMAP_THRESHOLD: Int32 = -3
    _ = unsafeBitCast(symbol, to: Mallopt.self)(M_MMAP_THRESHOLD, 1 << 20)
}
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, name != "--help", name != "-h" else {
    printUsage()
    exit(arguments.isEmpty ? 2 : 0)
}
guard let command = commands.first(where: { $0.name == name }) else {
    printUsage()
    fail("unknown command '\(name)'", code: 2)
}
do {
    exit(try command.run(Array(arguments.dropFirst())))
} catch let error as UsageError {
    fail("\(error)\nRun 'tarn \(name) --help' for usage.", code: 2)
} catch {
    fail("\(error)", code: 1)
}
