using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// What the fault middleware does to a request a <see cref="FaultRule"/> picked.
/// REST bodies are JSON <c>{"error_code","error_msg","request_id"}</c>; OBS (<c>upload</c>) bodies are OBS XML.
/// </summary>
public enum FaultKind
{
    /// <summary>HTTP 503 (REST: APIGW.0206 "Service unavailable"; OBS: XML ServiceUnavailable), with Retry-After.</summary>
    Status503,
    /// <summary>HTTP 500 (REST: MSS.00000001 "Internal error"; OBS: XML InternalError).</summary>
    Status500,
    /// <summary>HTTP 502 (REST: APIGW.0202 "Backend unavailable"; OBS: XML BadGateway).</summary>
    Status502,
    /// <summary>HTTP 504 (REST: APIGW.0203 "Backend timeout"; OBS: XML GatewayTimeout).</summary>
    Status504,
    /// <summary>HTTP 429, JSON APIGW.0308 (throttled), with Retry-After.</summary>
    Throttle429,
    /// <summary>HTTP 400 OBS XML Code RequestTimeout (retryable although it is a 4xx).</summary>
    ObsRequestTimeout,
    /// <summary>HTTP 503 OBS XML Code SlowDown, with Retry-After.</summary>
    ObsSlowDown,
    /// <summary>HTTP 500 OBS XML Code InternalError.</summary>
    ObsInternalError,
    /// <summary>Abort the connection without an answer; with <see cref="FaultRule.AfterBytes"/> after reading that many body bytes.</summary>
    DropConnection,
    /// <summary>Run the real handler but read the body slowly: <see cref="FaultRule.Delay"/> (default 100 ms) before each chunk of
    /// <see cref="FaultRule.AfterBytes"/> bytes (default 64 KiB).</summary>
    SlowRead,
    /// <summary>Run the real handler (the job is created, the upload stored, ...) then abort the connection without answering.</summary>
    ResponseLost,
    /// <summary>Treat the credential as expired: REST 401 APIGW.0301; OBS 403 AccessDenied "Request has expired".</summary>
    ExpireToken,
}

/// <summary>The route names a <see cref="FaultRule"/> can target.</summary>
public static class FaultRoutes
{
    public const string Create = "create";
    public const string Commit = "commit";
    public const string Show = "show";
    public const string List = "list";
    public const string Delete = "delete";
    public const string UploadingAddress = "uploading-address";
    public const string SegmentConfirm = "segment-confirm";
    public const string SegmentInfo = "segment-info";
    /// <summary>OBS presigned PUT (/obs/...).</summary>
    public const string Upload = "upload";
    /// <summary>IAM routes (/v3/...).</summary>
    public const string Iam = "iam";
    /// <summary>Every route (admin /_emulator routes are never faulted).</summary>
    public const string Any = "any";
    /// <summary>The other REST routes (audit-result, op-logs, quotas, batch, tenant-duration-cfg, unknown paths): only "any" matches them.</summary>
    public const string Other = "other";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Create, Commit, Show, List, Delete, UploadingAddress, SegmentConfirm, SegmentInfo, Upload, Iam, Any,
    };

    /// <summary>
    /// The route name of a request. Short jobs count as their voice-training peers: POST user/short-jobs = create,
    /// POST user/short-jobs/{id} = commit, GET user/short-jobs/{id} = show.
    /// </summary>
    public static string Classify(string method, string path)
    {
        if (path.StartsWith("/obs/", StringComparison.Ordinal)) return Upload;
        if (path.StartsWith("/v3/", StringComparison.Ordinal) || path == "/v3" || path.StartsWith("/iam/", StringComparison.Ordinal)) return Iam;
        const string marker = "/voice-training-manage/user/";
        var at = path.IndexOf(marker, StringComparison.Ordinal);
        if (!path.StartsWith("/v1/", StringComparison.Ordinal) || at < 0) return Other;
        var rest = path[(at + marker.Length)..].TrimEnd('/');
        var parts = rest.Split('/');
        var post = HttpMethods.IsPost(method);
        var get = HttpMethods.IsGet(method);
        switch (parts.Length)
        {
            case 1 when post && (parts[0].EndsWith("-jobs", StringComparison.Ordinal)): return Create;
            case 1 when get && parts[0] == "jobs": return List;
            case 1 when parts[0] == "training-segment": return post ? SegmentConfirm : get ? SegmentInfo : Other;
            case 2 when parts[0] is "jobs" or "short-jobs":
                if (post) return Commit;
                if (get) return Show;
                if (HttpMethods.IsDelete(method) && parts[0] == "jobs") return Delete;
                return Other;
            case 3 when get && parts[0] == "jobs" && parts[2] == "uploading-address-url": return UploadingAddress;
            default: return Other;
        }
    }
}

/// <summary>
/// One fault rule. Every request of <see cref="Route"/> (or every request when Route is "any") is counted by the rule;
/// requests number <c>SkipFirst+1 .. SkipFirst+FirstN</c> (all after SkipFirst when FirstN is null) are candidates, and
/// a candidate is hit when the rule's own seeded random draw is below <see cref="Probability"/> (1 = always).
/// When several rules hit the same request the first one in the plan wins (all of them still count it).
/// </summary>
public sealed class FaultRule
{
    public string Route { get; set; } = FaultRoutes.Any;
    public FaultKind Kind { get; set; }
    /// <summary>0..1; 1 hits every candidate.</summary>
    public double Probability { get; set; } = 1;
    /// <summary>Only the first N counted requests (after <see cref="SkipFirst"/>) are candidates; null = no limit.</summary>
    public int? FirstN { get; set; }
    /// <summary>The first SkipFirst matching requests pass untouched (e.g. "the token expires after the 5th call").</summary>
    public int SkipFirst { get; set; }
    /// <summary>DropConnection: body bytes to read before aborting. SlowRead: chunk size.</summary>
    public int? AfterBytes { get; set; }
    /// <summary>SlowRead: the pause before each chunk (default 100 ms).</summary>
    public TimeSpan? Delay { get; set; }
    /// <summary>Retry-After seconds on 429/503/SlowDown answers; 0 = no header.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    public FaultRule Clone() => (FaultRule)MemberwiseClone();

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range.</summary>
    public void Validate()
    {
        if (!FaultRoutes.All.Contains(Route))
            throw new ArgumentException($"Unknown fault route '{Route}'. Use one of: {string.Join(", ", FaultRoutes.All)}.");
        if (!Enum.IsDefined(Kind)) throw new ArgumentException($"Unknown fault kind {(int)Kind}.");
        if (double.IsNaN(Probability) || Probability < 0 || Probability > 1) throw new ArgumentException("Fault probability must be from 0 to 1.");
        if (FirstN < 0) throw new ArgumentException("Fault firstN must not be negative.");
        if (SkipFirst < 0) throw new ArgumentException("Fault skip must not be negative.");
        if (AfterBytes < 0 || (Kind == FaultKind.SlowRead && AfterBytes == 0)) throw new ArgumentException("Fault afterBytes must be positive.");
        if (Delay < TimeSpan.Zero) throw new ArgumentException("Fault delay must not be negative.");
        if (RetryAfterSeconds < 0) throw new ArgumentException("Fault retryAfter must not be negative.");
    }

    /// <summary>
    /// Parses the CLI form <c>route:kind:probability[:firstN][:name=value]...</c>; names are skip, afterBytes, delayMs
    /// and retryAfter, e.g. <c>upload:DropConnection:1:1:afterBytes=65536</c> or <c>create:Throttle429:0.3:retryAfter=2</c>.
    /// Kind names are case-insensitive.
    /// </summary>
    public static FaultRule Parse(string spec)
    {
        var parts = spec.Split(':');
        if (parts.Length < 3) throw new ArgumentException($"--fault '{spec}' must be route:kind:probability[:firstN][:name=value]...");
        if (!Enum.TryParse<FaultKind>(parts[1], ignoreCase: true, out var kind) || int.TryParse(parts[1], out _))
            throw new ArgumentException($"Unknown fault kind '{parts[1]}'. Use one of: {string.Join(", ", Enum.GetNames<FaultKind>())}.");
        var rule = new FaultRule
        {
            Route = parts[0].ToLowerInvariant(),
            Kind = kind,
            Probability = double.Parse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        var positional = 0;
        foreach (var part in parts.Skip(3))
        {
            var eq = part.IndexOf('=');
            if (eq < 0)
            {
                if (positional++ > 0) throw new ArgumentException($"--fault '{spec}': only firstN may be given without a name.");
                rule.FirstN = ParseInt(part);
                continue;
            }
            var value = part[(eq + 1)..];
            switch (part[..eq].ToLowerInvariant())
            {
                case "firstn": rule.FirstN = ParseInt(value); break;
                case "skip": rule.SkipFirst = ParseInt(value); break;
                case "afterbytes": rule.AfterBytes = ParseInt(value); break;
                case "delayms": rule.Delay = TimeSpan.FromMilliseconds(ParseInt(value)); break;
                case "retryafter": rule.RetryAfterSeconds = ParseInt(value); break;
                default: throw new ArgumentException($"--fault '{spec}': unknown setting '{part[..eq]}' (use firstN, skip, afterBytes, delayMs, retryAfter).");
            }
        }
        rule.Validate();
        return rule;

        static int ParseInt(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    public override string ToString()
    {
        var s = $"{Route}:{Kind}:{Probability.ToString(CultureInfo.InvariantCulture)}";
        if (FirstN is { } n) s += $":firstN={n}";
        if (SkipFirst > 0) s += $":skip={SkipFirst}";
        if (AfterBytes is { } b) s += $":afterBytes={b}";
        if (Delay is { } d) s += $":delayMs={(long)d.TotalMilliseconds}";
        if (RetryAfterSeconds != 1) s += $":retryAfter={RetryAfterSeconds}";
        return s;
    }
}

/// <summary>
/// A set of fault rules for one run. Each rule draws from its own <see cref="Random"/> seeded from
/// <see cref="Seed"/> and the rule's index, so a run with the same seed and the same request order per route
/// faults the same requests. Set at start (<see cref="EmulatorOptions.Faults"/>, --fault/--fault-seed), at run time
/// (<see cref="MetaStudioEmulator.SetFaults"/>, POST/DELETE /_emulator/faults); setting a plan restarts the counters.
/// </summary>
public sealed class FaultPlan
{
    public int Seed { get; set; }
    public List<FaultRule> Rules { get; set; } = new();

    public FaultPlan Clone() => new() { Seed = Seed, Rules = Rules.Select(r => r.Clone()).ToList() };

    public void Validate()
    {
        foreach (var rule in Rules) rule.Validate();
    }
}

/// <summary>One fault the emulator injected: route name, kind, method, path (no query) and when.</summary>
public sealed record InjectedFault(string Route, FaultKind Kind, string Method, string Path, DateTimeOffset Time);
