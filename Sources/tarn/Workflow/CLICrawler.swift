// The crawler the CLI gives its workflow runner.
import TarnWorkflow

enum CLICrawler {
    /// Until the crawler module is part of this build, crawler nodes fail with "crawler not available".
    static func make() -> CrawlerRunner { UnavailableCrawler() }
}
