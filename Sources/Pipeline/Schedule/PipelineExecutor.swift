import Dispatch

/// Threads of the pipeline's own, for runs inside the dashboard's process.
///
/// The heavy steps work synchronously for long stretches: parsing and hashing records, matching
/// people, XGBoost. On Swift's cooperative pool (one thread per core) they would leave the
/// dashboard's requests waiting behind them; on these threads the operating system shares the
/// cores between the two instead.
@available(macOS 15.0, *)
public final class PipelineExecutor: TaskExecutor {
    /// The executor scheduled runs use.
    public static let shared = PipelineExecutor()

    private let queue = DispatchQueue(label: "tenure.pipeline", qos: .utility, attributes: .concurrent)
    private static let marker = DispatchSpecificKey<Bool>()

    init() { queue.setSpecific(key: Self.marker, value: true) }

    /// Whether the caller runs on the pipeline's threads.
    public static var isCurrent: Bool { DispatchQueue.getSpecific(key: marker) ?? false }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
