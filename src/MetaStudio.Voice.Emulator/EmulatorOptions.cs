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
}
