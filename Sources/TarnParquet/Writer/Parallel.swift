import Dispatch

/// Runs `body(0..<count)` spread over the cores (Dispatch's `concurrentPerform` picks one
/// worker per core), or in order on this thread when `threads == 1`.
///
/// The writer's parallel steps touch disjoint state per index (one column writer, one
/// result slot), so they need no locks.
func parallelFor(_ count: Int, threads: Int, _ body: (Int) -> Void) {
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
func parallelMap<T>(_ count: Int, threads: Int, _ body: (Int) throws -> T) throws -> [T] {
    var results = [Result<T, Error>?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { slots in
        nonisolated(unsafe) let slots = slots
        parallelFor(count, threads: threads) { i in slots[i] = Result { try body(i) } }
    }
    return try results.map { try $0!.get() }
}
