namespace MetaStudio.Voice.Emulator;

/// <summary>Settings of one emulator instance. Read once by <see cref="MetaStudioEmulator.StartAsync"/>.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The default project id the default token belongs to.</summary>
    public const string DefaultProjectId = "0123456789abcdef0123456789abcdef";

    /// <summary>The default IAM token accepted in <c>X-Auth-Token</c>.</summary>
    public const string DefaultToken = "emulator-token";

    /// <summary>Address to listen on (an IP address or "localhost").</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Port to listen on; 0 picks a free port.</summary>
    public int Port { get; set; } = 0;

    /// <summary>Accepted tokens: token -> project id.</summary>
    public Dictionary<string, string> Tokens { get; set; } = new(StringComparer.Ordinal) { [DefaultToken] = DefaultProjectId };

    /// <summary>Where uploaded objects are written; null = a fresh temp directory per instance, deleted on dispose.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>How long handed-out upload URLs stay valid (may be negative to hand out already-expired URLs).</summary>
    public TimeSpan UploadUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>null = a committed job stays in SYSTEM_AUDITING; otherwise it advances one state per delay.</summary>
    public TimeSpan? StepDelay { get; set; }

    /// <summary>Sink mode for benchmarks: count bytes (and MD5) but write nothing to disk.</summary>
    public bool DiscardUploads { get; set; }

    /// <summary>MD5 every upload (StoredObject.Md5Hex); off (--no-hash) for throughput benchmarks, where hashing would be the bottleneck.</summary>
    public bool HashUploads { get; set; } = true;

    /// <summary>Log one line per request to the console (the process's --verbose).</summary>
    public bool Verbose { get; set; }

    /// <summary>Clock used for job times, URL expiry and the state machine (tests may substitute it).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// What GET tenant-duration-cfg answers, in seconds (the emulator's own values; the real ones are per
    /// tenant). Basic follows the console guide's 3–10 min for one whole recording; as a total over
    /// sentences it starts at 1 min.
    /// </summary>
    public Dictionary<string, int> DurationLimits { get; set; } = new(StringComparer.Ordinal)
    {
        ["basic_min_value"] = 60, ["basic_max_value"] = 600, ["basic_advice_value"] = 300,
        ["middle_min_value"] = 300, ["middle_max_value"] = 3000, ["middle_advice_value"] = 1200,
        ["advance_min_value"] = 180, ["advance_max_value"] = 3600, ["advance_advice_value"] = 900,
        ["flexus_min_value"] = 10, ["flexus_max_value"] = 60, ["flexus_advice_value"] = 30,
        ["cmww_min_value"] = 180, ["cmww_max_value"] = 3600, ["cmww_advice_value"] = 900,
        ["ljzn_min_value"] = 180, ["ljzn_max_value"] = 3600, ["ljzn_advice_value"] = 900,
        ["short_assess_min_value"] = 10, ["short_assess_max_value"] = 60,
    };

    // Authentication (IAM, AK/SK)
    // (plus the throttling and quota settings added with them)

    /// <summary>Name of <see cref="DefaultProjectId"/> (Huawei Cloud project names are region ids).</summary>
    public string ProjectName { get; set; } = "cn-north-4";

    /// <summary>Users accepted by POST /v3/auth/tokens (password method).</summary>
    public List<EmulatorIamUser> IamUsers { get; set; } =
    [
        new()
        {
            DomainName = EmulatorIamUser.DefaultDomainName,
            UserName = EmulatorIamUser.DefaultUserName,
            Password = EmulatorIamUser.DefaultPassword,
            ProjectId = DefaultProjectId,
        },
    ];

    /// <summary>How long a token issued by POST /v3/auth/tokens is accepted (IAM: 24 h).</summary>
    public TimeSpan IamTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>More projects listed by GET /v3/projects to every caller (e.g. a second "cn-north-4" for ambiguity).</summary>
    public List<EmulatorProject> ExtraProjects { get; set; } = [];

    /// <summary>AK/SK pairs accepted for SDK-HMAC-SHA256 signed requests.</summary>
    public List<EmulatorAccessKey> AccessKeys { get; set; } =
    [
        new()
        {
            AccessKey = EmulatorAccessKey.DefaultAccessKey,
            SecretKey = EmulatorAccessKey.DefaultSecretKey,
            ProjectId = DefaultProjectId,
        },
    ];

    /// <summary>
    /// Requests per second per project on the MetaStudio REST routes (fixed 1-second windows of the emulator clock);
    /// over it: 429 APIGW.0308 with Retry-After: 1. null = no throttling; 0 = every request throttled.
    /// Read on every request, so tests (and POST /_emulator/throttle) may change it while running.
    /// </summary>
    public int? RateLimitPerSecond { get; set; }

    /// <summary>
    /// Starting resource_available_nums per project for GET .../quotas, keyed by the API names. Each create of an
    /// edition consumes one (never below 0: creating still succeeds then, as on-demand billing would).
    /// </summary>
    public Dictionary<string, int> Quotas { get; set; } = new(StringComparer.Ordinal)
    {
        ["advance"] = 100, ["basic"] = 100, ["middle"] = 100,
        ["middle_on_demand"] = 0, ["third_party_cmww"] = 100, ["flexus"] = 0,
    };

    // Fault injection, short jobs, receipt checks
    /// <summary>
    /// Faults injected from the start (see <see cref="FaultPlan"/>; CLI --fault / --fault-seed). Null = none. Can be
    /// replaced at run time with <see cref="MetaStudioEmulator.SetFaults"/> or POST /_emulator/faults.
    /// </summary>
    public FaultPlan? Faults { get; set; }

    /// <summary>What a commit checks in the uploaded training data (see <see cref="ReceiptCheckMode"/>); default Lenient.</summary>
    public ReceiptCheckMode ReceiptChecks { get; set; } = ReceiptCheckMode.Lenient;
}
