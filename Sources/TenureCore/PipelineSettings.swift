/// How the bank's day runs: the `pipeline:` section of `tenure.yml`. Every setting has a
/// default, so the section is optional.
public struct PipelineSettings: Sendable, Equatable, Decodable {
    /// Where `tenure run` extracts from: a folder of exports, or `api` for the four systems' APIs.
    /// Nil: `sources.directory`.
    public var sources: String?
    /// When `tenure serve` runs the pipeline: Quartz (`0 0 7 * * ?`) or five-field cron; nil: never.
    public var schedule: String?
    /// The time zone the schedule is read in (an IANA name); nil: the machine's.
    public var timeZone: String?
    /// When the churn model is retrained.
    public var training = TrainingCadence.weekly
    /// Retrain also when the champion's ROC AUC on outcomes that came in after it was trained
    /// falls this far below its validation AUC (0 turns the check off).
    public var retrainOnAUCDrop = 0.05
    /// Where the executive report is written after scoring (relative to the project); nil: no report.
    public var reportDirectory: String? = "report"
    /// Where customers newly at HIGH risk are sent.
    public var alerts = AlertSettings()

    /// How often the churn model is retrained by the pipeline.
    public enum TrainingCadence: String, Sendable, Equatable, Decodable, CaseIterable {
        /// Every run.
        case daily
        /// When the last training is a week old or more.
        case weekly
        /// When the last training was in an earlier calendar month.
        case monthly
        /// Only by hand (`tenure model train`), or when there is no model yet.
        case never
    }

    /// The alerts to the retention team.
    public struct AlertSettings: Sendable, Equatable, Decodable {
        /// Where alerts go.
        public var channel = Channel.none
        /// The environment variable holding the webhook's URL (it may embed a token, so it is not
        /// written in `tenure.yml`).
        public var webhookURLVariable = "TENURE_ALERT_WEBHOOK_URL"
        /// A customer is alerted at most once in this many days.
        public var cooldownDays = 30
        /// The most alerts one run sends, the likeliest leavers first (the rest wait for the next run).
        public var maximumPerRun = 500

        /// Where alerts go.
        public enum Channel: String, Sendable, Equatable, Decodable, CaseIterable {
            /// Nowhere: alerts are off.
            case none
            /// A Task per customer in Salesforce, through its connector.
            case salesforce
            /// A JSON POST per customer to a webhook.
            case webhook
        }

        /// No alerts.
        public init() {}

        enum CodingKeys: String, CodingKey {
            case channel, webhookURLVariable = "webhook_url_env", cooldownDays = "cooldown_days", maximumPerRun = "maximum_per_run"
        }

        /// Reads the keys present, keeping the default for each one absent.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let defaults = AlertSettings()
            channel = try container.decodeIfPresent(Channel.self, forKey: .channel) ?? defaults.channel
            webhookURLVariable = try container.decodeIfPresent(String.self, forKey: .webhookURLVariable) ?? defaults.webhookURLVariable
            cooldownDays = try container.decodeIfPresent(Int.self, forKey: .cooldownDays) ?? defaults.cooldownDays
            maximumPerRun = try container.decodeIfPresent(Int.self, forKey: .maximumPerRun) ?? defaults.maximumPerRun
        }
    }

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case sources, schedule, timeZone = "time_zone", training, retrainOnAUCDrop = "retrain_on_auc_drop"
        case reportDirectory = "report_dir", alerts
    }

    /// Reads the keys present, keeping the default for each one absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = PipelineSettings()
        sources = try container.decodeIfPresent(String.self, forKey: .sources)
        schedule = try container.decodeIfPresent(String.self, forKey: .schedule)
        timeZone = try container.decodeIfPresent(String.self, forKey: .timeZone)
        training = try container.decodeIfPresent(TrainingCadence.self, forKey: .training) ?? defaults.training
        retrainOnAUCDrop = try container.decodeIfPresent(Double.self, forKey: .retrainOnAUCDrop) ?? defaults.retrainOnAUCDrop
        reportDirectory = container.contains(.reportDirectory)
            ? try container.decodeIfPresent(String.self, forKey: .reportDirectory) : defaults.reportDirectory
        alerts = try container.decodeIfPresent(AlertSettings.self, forKey: .alerts) ?? defaults.alerts
    }

    /// The first setting that makes no sense, said in one line; nil when all are usable.
    public var problem: String? {
        if !(0...1).contains(retrainOnAUCDrop) { return "pipeline.retrain_on_auc_drop must be between 0 and 1, not \(retrainOnAUCDrop)" }
        if alerts.cooldownDays < 0 { return "pipeline.alerts.cooldown_days must not be negative" }
        if alerts.maximumPerRun < 1 { return "pipeline.alerts.maximum_per_run must be at least 1" }
        if alerts.webhookURLVariable.isEmpty { return "pipeline.alerts.webhook_url_env must name an environment variable" }
        return nil
    }
}
