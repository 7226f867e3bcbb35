import Dispatch

/// Runs `body(0..<count)` spread over the cores (Dispatch's `concurrentPerform` picks one
/// worker per core), or in order on this thread when `threads == 1`.
///
/// Shared by the stages that split work by index: the Parquet writer (one column writer per
/// index) and the CSV and JSON Lines readers (one part of a window per index). Each index
/// touches disjoint state (its own slot), so they need no locks.
package func parallelFor(_ count: Int, threads: Int, _ body: (Int) -> Void) {
    if threads == 1 || count <= 1 {
        for i in 0..<count { body(i) }
        return
    }
    withoutActuallyEscaping(body) { body in
        nonisolated(unsafe) let body = body
        DispatchQueue.concurrentPerform(iterations: count) { body($0) }
    }
}

/// Collects one result or error per index of a `parallelFor`, then rethrows the first error.
///
/// With `costs`, the most costly indices start first: workers take indices in order, so a
/// big column started last would leave the other cores idle while it runs alone.
package func parallelMap<T>(_ count: Int, threads: Int, costs: [Int]? = nil, _ body: (Int) throws -> T) throws -> [T] {
    let order = costs.map { costs in (0..<count).sorted { costs[$0] > costs[$1] } } ?? Array(0..<count)
    var results = [Result<T, Error>?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { slots in
        nonisolated(unsafe) let slots = slots
        parallelFor(count, threads: threads) { k in
            let i = order[k]
            slots[i] = Result { try body(i) }
        }
    }
    return try results.map { try $0!.get() }
}
