import Foundation

/// A five-field cron schedule (`minute hour day-of-month month day-of-week`) in a time zone.
///
/// Grammar per field: `*`, `N`, `A-B`, any of them with `/STEP`, lists joined by `,`;
/// months `jan`–`dec` and weekdays `sun`–`sat` by name, Sunday as 0 or 7. The shorthands
/// `@hourly`, `@daily` (`@midnight`), `@weekly`, `@monthly` and `@yearly` (`@annually`)
/// stand for their usual expansions. As in Vixie cron, when both day fields are
/// restricted a day matching either one matches.
public struct CronSchedule: Sendable, Equatable, CustomStringConvertible {
    /// The expression as written.
    public let expression: String
    public let timeZone: TimeZone
    /// The time zone as written (`UTC`; Foundation may call it `GMT`).
    public let timeZoneName: String
    let minutes: UInt64
    let hours: UInt64
    let daysOfMonth: UInt64
    let months: UInt64
    let weekdays: UInt64
    let daysOfMonthRestricted: Bool
    let weekdaysRestricted: Bool

    static let shorthands: [String: String] = [
        "@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@weekly": "0 0 * * 0",
        "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *",
    ]

    /// Parses `expression`; throws `WorkflowError(.badSchedule)` naming the field at fault.
    public init(_ expression: String, timeZone: TimeZone = TimeZone(identifier: "UTC")!, timeZoneName: String? = nil) throws {
        self.expression = expression
        self.timeZone = timeZone
        self.timeZoneName = timeZoneName ?? timeZone.identifier
        let trimmed = expression.trimmingCharacters(in: .whitespaces)
        let expanded: String
        if trimmed.hasPrefix("@") {
            guard let known = Self.shorthands[trimmed.lowercased()] else {
                throw WorkflowError(.badSchedule, "unknown schedule shorthand '\(trimmed)' (use @hourly, @daily, @weekly, @monthly or @yearly)")
            }
            expanded = known
        } else {
            expanded = trimmed
        }
        let fields = expanded.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else {
            throw WorkflowError(.badSchedule, "cron expression '\(expression)' has \(fields.count) fields; it needs 5 (minute hour day-of-month month day-of-week) or a shorthand such as @daily")
        }
        minutes = try Self.parseField(fields[0], name: "minute", range: 0...59, names: [:])
        hours = try Self.parseField(fields[1], name: "hour", range: 0...23, names: [:])
        daysOfMonth = try Self.parseField(fields[2], name: "day-of-month", range: 1...31, names: [:])
        months = try Self.parseField(fields[3], name: "month", range: 1...12, names: Self.monthNames)
        var weekdayBits = try Self.parseField(fields[4], name: "day-of-week", range: 0...7, names: Self.weekdayNames)
        if weekdayBits & (1 << 7) != 0 { weekdayBits = (weekdayBits | 1) & ~(1 << 7) }   // 7 is Sunday too
        weekdays = weekdayBits
        daysOfMonthRestricted = !fields[2].hasPrefix("*")
        weekdaysRestricted = !fields[4].hasPrefix("*")
    }

    public var description: String { "\(expression) (\(timeZoneName))" }

    public static func == (a: CronSchedule, b: CronSchedule) -> Bool {
        a.expression == b.expression && a.timeZone.identifier == b.timeZone.identifier
    }

    static let monthNames = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
    static let weekdayNames = ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6]

    /// One field as a bit set of the allowed values.
    static func parseField(_ text: String, name: String, range: ClosedRange<Int>, names: [String: Int]) throws -> UInt64 {
        func fail(_ why: String) -> WorkflowError {
            WorkflowError(.badSchedule, "\(name) field '\(text)': \(why)")
        }
        func number(_ part: Substring) throws -> Int {
            if let value = Int(part) {
                guard range.contains(value) else { throw fail("\(value) is out of range \(range.lowerBound)-\(range.upperBound)") }
                return value
            }
            if let value = names[part.lowercased()] { return value }
            throw fail("'\(part)' is not a number\(names.isEmpty ? "" : " or a name")")
        }
        var bits: UInt64 = 0
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else { throw fail("empty list item") }
            let pieces = item.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { throw fail("more than one '/'") }
            var step = 1
            if pieces.count == 2 {
                guard let value = Int(pieces[1]), value > 0 else { throw fail("step '\(pieces[1])' must be a whole number above 0") }
                step = value
            }
            let base = pieces[0]
            var low: Int, high: Int
            if base == "*" {
                low = range.lowerBound
                high = range.upperBound
            } else if let dash = base.firstIndex(of: "-") {
                low = try number(base[..<dash])
                high = try number(base[base.index(after: dash)...])
                guard low <= high else { throw fail("range \(low)-\(high) runs backwards") }
            } else {
                low = try number(base)
                high = pieces.count == 2 ? range.upperBound : low
            }
            var value = low
            while value <= high {
                bits |= 1 << UInt64(value)
                value += step
            }
        }
        return bits
    }

    // MARK: - Matching

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// Whether the schedule fires in the minute holding `date`.
    public func matches(_ date: Date) -> Bool {
        let parts = calendar.dateComponents([.month, .day, .hour, .minute, .weekday], from: date)
        return months & (1 << UInt64(parts.month!)) != 0 && dayMatches(day: parts.day!, weekday: parts.weekday! - 1)
            && hours & (1 << UInt64(parts.hour!)) != 0 && minutes & (1 << UInt64(parts.minute!)) != 0
    }

    private func dayMatches(day: Int, weekday: Int) -> Bool {
        let dayOK = daysOfMonth & (1 << UInt64(day)) != 0
        let weekdayOK = weekdays & (1 << UInt64(weekday)) != 0
        if daysOfMonthRestricted && weekdaysRestricted { return dayOK || weekdayOK }
        return dayOK && weekdayOK
    }

    /// The first firing strictly after `date` (a whole minute), or nil when none comes in
    /// the next eight years (`0 0 30 2 *`: February has no 30th).
    public func nextFire(after date: Date) -> Date? {
        let calendar = self.calendar
        var time = Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60)
        let horizon = date.addingTimeInterval(8 * 366 * 86_400)
        // Skip whole months, days and hours that cannot match; minutes one by one within a
        // matching hour. Interval ends come from the calendar, so DST shifts are respected.
        while time < horizon {
            let parts = calendar.dateComponents([.month, .day, .hour, .minute, .weekday], from: time)
            if months & (1 << UInt64(parts.month!)) == 0 {
                time = calendar.dateInterval(of: .month, for: time)!.end
            } else if !dayMatches(day: parts.day!, weekday: parts.weekday! - 1) {
                time = calendar.dateInterval(of: .day, for: time)!.end
            } else if hours & (1 << UInt64(parts.hour!)) == 0 {
                time = calendar.dateInterval(of: .hour, for: time)!.end
            } else if minutes & (1 << UInt64(parts.minute!)) == 0 {
                time = time.addingTimeInterval(60)
            } else {
                return time
            }
        }
        return nil
    }

    /// The firings in `(after, through]`, oldest first, at most `limit`.
    public func fires(after start: Date, through end: Date, limit: Int = 10_000) -> [Date] {
        var result: [Date] = []
        var cursor = start
        while result.count < limit, let next = nextFire(after: cursor), next <= end {
            result.append(next)
            cursor = next
        }
        return result
    }
}
