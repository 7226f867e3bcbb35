import Foundation
import Testing
@testable import TarnWorkflow

/// Cron matching, next firings (time zones, DST, day-of-month OR day-of-week) and the
/// scheduler's catch-up, all on given times: nothing sleeps.
@Suite struct CronScheduleTests {
    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func fieldsAndShorthands() throws {
        let daily = try CronSchedule("@daily")
        #expect(daily.matches(Self.date("2024-03-05T00:00:00Z")))
        #expect(!daily.matches(Self.date("2024-03-05T00:01:00Z")))
        let everyQuarter = try CronSchedule("*/15 9-17 * * mon-fri")
        #expect(everyQuarter.matches(Self.date("2024-03-05T09:45:00Z")))   // a Tuesday
        #expect(!everyQuarter.matches(Self.date("2024-03-05T09:50:00Z")))
        #expect(!everyQuarter.matches(Self.date("2024-03-09T10:00:00Z")))  // a Saturday
        let sunday = try CronSchedule("0 12 * * 7")
        #expect(sunday.matches(Self.date("2024-03-10T12:00:00Z")))
        let lists = try CronSchedule("5,35 1 1,15 jan,jul *")
        #expect(lists.nextFire(after: Self.date("2024-02-01T00:00:00Z")) == Self.date("2024-07-01T01:05:00Z"))
    }

    @Test func dayOfMonthOrDayOfWeekWhenBothAreSet() throws {
        // Vixie cron: the 13th of the month, and every Friday.
        let schedule = try CronSchedule("0 0 13 * fri")
        #expect(schedule.matches(Self.date("2024-03-13T00:00:00Z")))   // a Wednesday the 13th
        #expect(schedule.matches(Self.date("2024-03-15T00:00:00Z")))   // a Friday
        #expect(!schedule.matches(Self.date("2024-03-14T00:00:00Z")))
    }

    @Test func nextFireIsStrictlyLaterAndSkipsImpossibleDays() throws {
        let daily = try CronSchedule("0 2 * * *")
        #expect(daily.nextFire(after: Self.date("2024-03-05T02:00:00Z")) == Self.date("2024-03-06T02:00:00Z"))
        #expect(daily.nextFire(after: Self.date("2024-03-05T01:59:30Z")) == Self.date("2024-03-05T02:00:00Z"))
        let leap = try CronSchedule("0 0 29 2 *")
        #expect(leap.nextFire(after: Self.date("2024-03-01T00:00:00Z")) == Self.date("2028-02-29T00:00:00Z"))
        #expect(try CronSchedule("0 0 30 2 *").nextFire(after: Self.date("2024-01-01T00:00:00Z")) == nil)
    }

    @Test func timeZonesAndDaylightSaving() throws {
        let paris = TimeZone(identifier: "Europe/Paris")!
        let schedule = try CronSchedule("0 2 * * *", timeZone: paris)
        // Winter: 02:00 in Paris is 01:00 UTC.
        #expect(schedule.nextFire(after: Self.date("2024-01-10T00:00:00Z")) == Self.date("2024-01-10T01:00:00Z"))
        // Summer: 00:00 UTC.
        #expect(schedule.nextFire(after: Self.date("2024-07-10T01:00:00Z")) == Self.date("2024-07-11T00:00:00Z"))
        // 31 March 2024 has no 02:00 in Paris (clocks jump from 02:00 to 03:00): the next is 1 April.
        let next = schedule.nextFire(after: Self.date("2024-03-30T23:00:00Z"))!
        #expect(next == Self.date("2024-04-01T00:00:00Z"))
    }

    @Test func errors() {
        for (expression, message) in [
            ("0 2 * *", "has 4 fields"), ("60 * * * *", "minute field '60': 60 is out of range 0-59"),
            ("* * * foo *", "month field 'foo': 'foo' is not a number or a name"), ("*/0 * * * *", "step '0'"),
            ("5-1 * * * *", "range 5-1 runs backwards"), ("@fortnightly", "unknown schedule shorthand"),
        ] {
            do {
                _ = try CronSchedule(expression)
                Issue.record("'\(expression)' was accepted")
            } catch let error as WorkflowError {
                #expect(error.kind == .badSchedule)
                #expect(error.message.contains(message), "\(error.message)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    // MARK: - Scheduler and catch-up

    static func scheduler(_ policy: CatchUpPolicy, last: String?, now: String) throws -> Scheduler {
        let entry = Scheduler.Entry(workflow: "w", trigger: "daily", schedule: try CronSchedule("0 2 * * *"))
        return Scheduler(entries: [entry], policy: policy, lastFires: last.map { ["w/daily": date($0)] } ?? [:], now: date(now))
    }

    @Test func catchUpAfterThreeMissedDays() throws {
        // Last ran for 1 March; the server starts on 4 March at noon: 2, 3 and 4 March were missed.
        var none = try Self.scheduler(.none, last: "2024-03-01T02:00:00Z", now: "2024-03-04T12:00:00Z")
        #expect(none.due(at: Self.date("2024-03-04T12:00:00Z")).isEmpty)
        #expect(none.nextFireDate == Self.date("2024-03-05T02:00:00Z"))

        var latest = try Self.scheduler(.latest, last: "2024-03-01T02:00:00Z", now: "2024-03-04T12:00:00Z")
        #expect(latest.due(at: Self.date("2024-03-04T12:00:00Z")).map(\.scheduledFor) == [Self.date("2024-03-04T02:00:00Z")])
        #expect(latest.due(at: Self.date("2024-03-04T12:00:05Z")).isEmpty)   // handed out once

        var all = try Self.scheduler(.all, last: "2024-03-01T02:00:00Z", now: "2024-03-04T12:00:00Z")
        let fires = all.due(at: Self.date("2024-03-04T12:00:00Z"))
        #expect(fires.map(\.scheduledFor) == ["2024-03-02", "2024-03-03", "2024-03-04"].map { Self.date("\($0)T02:00:00Z") })
        #expect(fires.allSatisfy { $0.isCatchUp })
    }

    @Test func onTimeFiringsAndAFirstStart() throws {
        // Never ran: nothing is missed; the next 02:00 fires on time.
        var scheduler = try Self.scheduler(.all, last: nil, now: "2024-03-04T12:00:00Z")
        #expect(scheduler.due(at: Self.date("2024-03-04T12:00:00Z")).isEmpty)
        #expect(scheduler.nextFireDate == Self.date("2024-03-05T02:00:00Z"))
        let fires = scheduler.due(at: Self.date("2024-03-05T02:00:01Z"))
        #expect(fires == [ScheduledFire(workflow: "w", trigger: "daily", scheduledFor: Self.date("2024-03-05T02:00:00Z"), isCatchUp: false)])
        // A wake-up two days late under `none`: both firings were missed; none runs.
        var late = try Self.scheduler(.none, last: nil, now: "2024-03-04T12:00:00Z")
        #expect(late.due(at: Self.date("2024-03-07T03:00:00Z")).isEmpty)
        #expect(late.nextFireDate == Self.date("2024-03-08T02:00:00Z"))
    }
}
