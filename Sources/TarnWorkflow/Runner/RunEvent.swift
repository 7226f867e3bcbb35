import Foundation
import TarnCatalog

/// What the runner tells an observer (the CLI prints these; tests collect them).
public enum RunEvent: Sendable {
    case runStarted(runID: String, workflow: String)
    case nodeStarted(node: String, attempt: Int)
    case nodeFinished(node: String, attempt: Int, state: NodeRunState, error: String?, seconds: Double)
    case retryScheduled(node: String, attempt: Int, delaySeconds: Double)
    case triggerFired(trigger: String, actions: [String])
    case jobProgress(node: String, progress: JobProgress)
    case runFinished(runID: String, state: WorkflowRunState)
}
