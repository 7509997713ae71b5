using System.Globalization;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// Parses: [--host 127.0.0.1] [--port 0] [--token TOKEN[=PROJECTID]]... [--data-dir DIR] [--step-delay 00:00:05]
/// [--url-lifetime 01:00:00] [--url-file PATH] [--discard-uploads] [--verbose].
/// </summary>
internal sealed class CommandLine
{
    public EmulatorOptions Options { get; } = new();
    public string? UrlFile { get; private set; }
    public bool ShowHelp { get; private set; }

    public const string Usage =
        "Usage: MetaStudio.Voice.Emulator [--host 127.0.0.1] [--port 0] [--token TOKEN[=PROJECTID]]... [--data-dir DIR]\n" +
        "       [--step-delay 00:00:05] [--url-lifetime 01:00:00] [--url-file PATH] [--discard-uploads] [--verbose]";

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var result = new CommandLine();
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
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
                case "--verbose": result.Options.Verbose = true; break;
                case "-h" or "--help" or "-?": result.ShowHelp = true; break;
                default: throw new ArgumentException($"Unknown argument '{arg}'.");
            }
        }
        if (tokens.Count > 0) result.Options.Tokens = tokens;
        return result;
    }
}
