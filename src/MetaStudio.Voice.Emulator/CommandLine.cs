using System.Globalization;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// Parses: [--host 127.0.0.1] [--port 0] [--token TOKEN[=PROJECTID]]... [--data-dir DIR] [--step-delay 00:00:05]
/// [--url-lifetime 01:00:00] [--url-file PATH] [--discard-uploads] [--no-hash] [--verbose]
/// [--iam-user DOMAIN/USER=PASSWORD[@PROJECTID]]... [--access-key AK=SK[@PROJECTID]]... [--project-name REGION] [--rate-limit N].
/// </summary>
internal sealed class CommandLine
{
    public EmulatorOptions Options { get; } = new();
    public string? UrlFile { get; private set; }
    public bool ShowHelp { get; private set; }

    public const string Usage =
        "Usage: MetaStudio.Voice.Emulator [--host 127.0.0.1] [--port 0] [--token TOKEN[=PROJECTID]]... [--data-dir DIR]\n" +
        "       [--step-delay 00:00:05] [--url-lifetime 01:00:00] [--url-file PATH] [--discard-uploads] [--no-hash] [--verbose]\n" +
        "       [--iam-user DOMAIN/USER=PASSWORD[@PROJECTID]]... [--access-key AK=SK[@PROJECTID]]... [--project-name cn-north-4]\n" +
        "       [--rate-limit N]\n" +
        "       [--fault ROUTE:KIND:PROBABILITY[:FIRSTN][:skip=N][:afterBytes=N][:delayMs=N][:retryAfter=N]]... [--fault-seed N]\n" +
        "       [--receipt-checks off|lenient|strict]\n" +
        "  ROUTE: create commit show list delete uploading-address segment-confirm segment-info upload iam any\n" +
        "  KIND:  Status503 Status500 Status502 Status504 Throttle429 ObsRequestTimeout ObsSlowDown ObsInternalError\n" +
        "         DropConnection SlowRead ResponseLost ExpireToken";

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var result = new CommandLine();
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        var iamUsers = new List<EmulatorIamUser>();
        var accessKeys = new List<EmulatorAccessKey>();
        var faultRules = new List<FaultRule>(); // Fault injection, short jobs, receipt checks
        int? faultSeed = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            switch (arg)
            {
                case "--host": result.Options.Host = Value(); break;
                case "--port": result.Options.Port = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--token":
                    var spec = Value();
                    var eq = spec.IndexOf('=');
                    if (eq == 0) throw new ArgumentException("--token needs TOKEN or TOKEN=PROJECTID.");
                    tokens[eq < 0 ? spec : spec[..eq]] = eq < 0 ? EmulatorOptions.DefaultProjectId : spec[(eq + 1)..];
                    break;
                case "--data-dir": result.Options.DataDirectory = Value(); break;
                case "--step-delay": result.Options.StepDelay = TimeSpan.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--url-lifetime": result.Options.UploadUrlLifetime = TimeSpan.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--url-file": result.UrlFile = Value(); break;
                case "--discard-uploads": result.Options.DiscardUploads = true; break;
                case "--no-hash": result.Options.HashUploads = false; break;
                case "--verbose": result.Options.Verbose = true; break;
                // Authentication (IAM, AK/SK)
                case "--iam-user": iamUsers.Add(ParseIamUser(Value())); break;
                case "--access-key": accessKeys.Add(ParseAccessKey(Value())); break;
                case "--project-name": result.Options.ProjectName = Value(); break;
                case "--rate-limit": result.Options.RateLimitPerSecond = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture); break;
                // Fault injection, short jobs, receipt checks
                case "--fault": faultRules.Add(FaultRule.Parse(Value())); break;
                case "--fault-seed": faultSeed = int.Parse(Value(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture); break;
                case "--receipt-checks":
                    var mode = Value();
                    if (!Enum.TryParse<ReceiptCheckMode>(mode, ignoreCase: true, out var receiptMode) || int.TryParse(mode, out _))
                        throw new ArgumentException("--receipt-checks must be off, lenient or strict.");
                    result.Options.ReceiptChecks = receiptMode;
                    break;
                case "-h" or "--help" or "-?": result.ShowHelp = true; break;
                default: throw new ArgumentException($"Unknown argument '{arg}'.");
            }
        }
        if (tokens.Count > 0) result.Options.Tokens = tokens;
        if (iamUsers.Count > 0) result.Options.IamUsers = iamUsers;
        if (accessKeys.Count > 0) result.Options.AccessKeys = accessKeys;
        if (faultRules.Count > 0 || faultSeed is not null) result.Options.Faults = new FaultPlan { Seed = faultSeed ?? 0, Rules = faultRules };
        return result;
    }

    // Authentication (IAM, AK/SK)
    // A trailing "@PROJECTID" is taken as the project only when it is 32 hex characters, so passwords and secret keys
    // may contain '@'; without it the default project id is used.

    /// <summary>DOMAIN/USER=PASSWORD[@PROJECTID]</summary>
    private static EmulatorIamUser ParseIamUser(string spec)
    {
        var slash = spec.IndexOf('/');
        var eq = slash < 0 ? -1 : spec.IndexOf('=', slash + 1);
        if (slash <= 0 || eq <= slash + 1 || eq == spec.Length - 1)
            throw new ArgumentException("--iam-user needs DOMAIN/USER=PASSWORD[@PROJECTID].");
        var (password, project) = SplitProject(spec[(eq + 1)..]);
        return new EmulatorIamUser { DomainName = spec[..slash], UserName = spec[(slash + 1)..eq], Password = password, ProjectId = project };
    }

    /// <summary>AK=SK[@PROJECTID]</summary>
    private static EmulatorAccessKey ParseAccessKey(string spec)
    {
        var eq = spec.IndexOf('=');
        if (eq <= 0 || eq == spec.Length - 1) throw new ArgumentException("--access-key needs AK=SK[@PROJECTID].");
        var (secret, project) = SplitProject(spec[(eq + 1)..]);
        return new EmulatorAccessKey { AccessKey = spec[..eq], SecretKey = secret, ProjectId = project };
    }

    private static (string Secret, string ProjectId) SplitProject(string value)
    {
        var at = value.LastIndexOf('@');
        if (at > 0 && at == value.Length - 33 && value[(at + 1)..].All(Uri.IsHexDigit))
            return (value[..at], value[(at + 1)..]);
        return (value, EmulatorOptions.DefaultProjectId);
    }
}
