import Testing
@testable import TarnCrawler

@Suite struct GlobPatternTests {
    @Test(arguments: [
        ("*.csv", "a.csv", true), ("*.csv", "x/a.csv", false), ("**/*.csv", "a.csv", true),
        ("**/*.csv", "x/y/a.csv", true), ("x/**", "x/y/a.csv", true), ("x/**", "xy/a", false),
        ("**/tmp/**", "a/tmp/b.csv", true), ("**/tmp/**", "tmp/b.csv", true), ("?.csv", "ab.csv", false),
        ("[ab].csv", "b.csv", true), ("[!ab].csv", "b.csv", false), ("[a-c]*.csv", "cat.csv", true),
        ("*.{csv,tsv}", "a.tsv", true), ("*.{csv,tsv}", "a.json", false), ("{a,b{c,d}}/x", "bd/x", true),
        ("logs", "logs", true), ("logs", "logs/a", false), ("a\\*b", "a*b", true), ("a\\*b", "axb", false),
        ("[unclosed", "[unclosed", true),
    ])
    func matches(_ pattern: String, _ path: String, _ expected: Bool) {
        #expect(GlobPattern(pattern).matches(path) == expected, "\(pattern) vs \(path)")
    }
}
