// The crawler the CLI gives its workflow runner.
import TarnWorkflow

enum CLICrawler {
    /// Tarn's own crawler; `UnavailableCrawler` stands in for builds without one.
    static func make() -> CrawlerRunner { TarnCrawlerRunner() }
}
