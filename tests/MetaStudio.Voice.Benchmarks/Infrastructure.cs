using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Security;
using System.Text;

namespace MetaStudio.Voice.Benchmarks;

/// <summary>Paths in the repository, found from the benchmark's binaries.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();
    public static string Manifest => Path.Combine(Root, "out", "MetaStudio.Voice", "MetaStudio.Voice.psd1");
    public static string Docs => Path.Combine(Root, "docs", "benchmarks.md");

    /// <summary>Release or Debug: the configuration this benchmark (and so its referenced projects) was built in.</summary>
    public static string Configuration { get; } = typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "Configuration")?.Value ?? "Release";

    public static string EmulatorDll => Path.Combine(Root, "src", "MetaStudio.Voice.Emulator", "bin", Configuration, "net10.0", "MetaStudio.Voice.Emulator.dll");
    public static string EmptyModuleDll => Path.Combine(Root, "tests", "MetaStudio.Voice.Benchmarks", "EmptyModule", "bin", Configuration, "netstandard2.0", "EmptyModule.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MetaStudio.sln"))) return dir.FullName;
        throw new InvalidOperationException("MetaStudio.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Median / min / max of repeated measurements.</summary>
internal sealed class Series
{
    private readonly List<double> _values = new();
    public void Add(double v) => _values.Add(v);
    public int Count => _values.Count;
    public IReadOnlyList<double> Values => _values;
    public double Min => _values.Count == 0 ? double.NaN : _values.Min();
    public double Max => _values.Count == 0 ? double.NaN : _values.Max();
    public double Median
    {
        get
        {
            if (_values.Count == 0) return double.NaN;
            var s = _values.OrderBy(v => v).ToList();
            return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
        }
    }

    /// <summary>"median (min–max)" with a number format.</summary>
    public string Format(string f) => Count == 0 ? "n/a" : Count == 1
        ? Median.ToString(f, CultureInfo.InvariantCulture)
        : $"{Median.ToString(f, CultureInfo.InvariantCulture)} ({Min.ToString(f, CultureInfo.InvariantCulture)}–{Max.ToString(f, CultureInfo.InvariantCulture)})";
}

/// <summary>One runspace on the PowerShell 7.6 engine, optionally with the built module imported and connected.</summary>
internal sealed class PsSession : IDisposable
{
    private readonly Runspace _runspace;

    public PsSession(BenchHost? host = null)
    {
        Host = host ?? new BenchHost();
        _runspace = RunspaceFactory.CreateRunspace(Host, InitialSessionState.CreateDefault2());
        _runspace.Open();
        _runspace.SessionStateProxy.Path.SetLocation(Path.GetTempPath());
    }

    public BenchHost Host { get; }
    public Runspace Runspace => _runspace;

    public static PsSession Connected(Uri endpoint)
    {
        var ps = new PsSession();
        ps.Run($"Import-Module '{Repo.Manifest}' -ErrorAction Stop");
        var token = new SecureString();
        foreach (var c in Emulator.Token) token.AppendChar(c);
        token.MakeReadOnly();
        ps.Set("token", token);
        ps.Set("endpoint", endpoint.ToString());
        ps.Set("project", Emulator.Project);
        ps.Run("Connect-MetaStudio -Endpoint $endpoint -ProjectId $project -Token $token");
        return ps;
    }

    public void Set(string name, object? value) => _runspace.SessionStateProxy.SetVariable(name, value);

    /// <summary>Runs a script; throws when it reported any error.</summary>
    public Collection<PSObject> Run(string script, bool allowErrors = false)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        var output = ps.Invoke();
        if (!allowErrors) ThrowOnErrors(ps, script);
        return output;
    }

    /// <summary>
    /// Invokes one command with parameters (no script to parse) and times only <see cref="PowerShell.Invoke()"/>.
    /// </summary>
    public (TimeSpan Elapsed, Collection<PSObject> Output, int Errors, int ProgressRecords) Time(string command,
        IDictionary<string, object?> parameters, System.Collections.IEnumerable? input = null, bool allowErrors = false,
        Action? before = null)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddCommand(command);
        foreach (var (name, value) in parameters)
        {
            if (value is null) ps.AddParameter(name);
            else ps.AddParameter(name, value);
        }
        before?.Invoke();
        var watch = Stopwatch.StartNew();
        var output = input is null ? ps.Invoke() : ps.Invoke(input);
        watch.Stop();
        if (!allowErrors) ThrowOnErrors(ps, command);
        return (watch.Elapsed, output, ps.Streams.Error.Count, ps.Streams.Progress.Count);
    }

    private static void ThrowOnErrors(PowerShell ps, string what)
    {
        if (!ps.HadErrors && ps.Streams.Error.Count == 0) return;
        var errors = string.Join("\n", ps.Streams.Error.Take(5).Select(e => e.FullyQualifiedErrorId + ": " + e));
        throw new InvalidOperationException($"PowerShell reported errors in '{what}':\n{errors}");
    }

    public void Dispose() => _runspace.Dispose();
}

/// <summary>
/// A minimal console-less host. Progress is "drawn" by formatting the record to text, so the cost of
/// WriteProgress calls reaching a host is part of every measurement (progress stays on, as a user has it).
/// </summary>
internal sealed class BenchHost : PSHost
{
    private readonly BenchUI _ui = new();
    public long ProgressWrites => Interlocked.Read(ref _ui.ProgressWrites);
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override string Name => "MetaStudio.Voice.Benchmarks";
    public override PSHostUserInterface UI => _ui;
    public override Version Version => new(1, 0);
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }

    private sealed class BenchUI : PSHostUserInterface
    {
        public long ProgressWrites;
        public int LastLength;
        private readonly BenchRawUI _raw = new();
        public override PSHostRawUserInterface RawUI => _raw;
        public override void Write(string value) { }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { }
        public override void WriteLine(string value) { }
        public override void WriteErrorLine(string value) { }
        public override void WriteDebugLine(string message) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
            Interlocked.Increment(ref ProgressWrites);
            LastLength = record.ToString().Length;
        }
        public override string ReadLine() => "";
        public override SecureString ReadLineAsSecureString() => new();
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw new NotSupportedException();
    }

    private sealed class BenchRawUI : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.White;
        public override Size BufferSize { get; set; } = new(120, 9999);
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => new(120, 50);
        public override Size MaxWindowSize => new(120, 50);
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get; set; } = new(120, 50);
        public override string WindowTitle { get; set; } = "";
        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}

/// <summary>Runs an external program and times it from start to exit.</summary>
internal static class Proc
{
    public static (TimeSpan Elapsed, int ExitCode, string Stdout, string Stderr) Run(string file, IEnumerable<string> args, string? stdin = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin != null,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var watch = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdoutTask = p.StandardOutput.ReadToEndAsync();
        var stderrTask = p.StandardError.ReadToEndAsync();
        if (stdin != null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }
        p.WaitForExit();
        watch.Stop();
        return (watch.Elapsed, p.ExitCode, stdoutTask.Result, stderrTask.Result);
    }

    public static string FirstLine(string file, params string[] args)
    {
        try
        {
            var r = Run(file, args);
            return (r.Stdout + r.Stderr).Split('\n')[0].Trim();
        }
        catch (Exception ex) { return "unavailable (" + ex.Message + ")"; }
    }
}

/// <summary>Memory figures of this process from /proc/self/status.</summary>
internal static class ProcStatus
{
    /// <summary>A field of /proc/self/status in bytes (VmRSS, VmHWM ...), or -1.</summary>
    public static long Read(string field, int pid = 0)
    {
        try
        {
            foreach (var line in File.ReadLines(pid == 0 ? "/proc/self/status" : $"/proc/{pid}/status"))
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                    return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
        return -1;
    }

    /// <summary>Resets VmHWM to the current RSS (Linux 4.0+: echo 5 > /proc/self/clear_refs). False if refused.</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return false; }
    }
}

/// <summary>CPU time of reaped child processes (getrusage RUSAGE_CHILDREN) and of a running process (/proc/PID/stat).</summary>
internal static class Cpu
{
    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, long[] usage);

    /// <summary>User + system CPU of all children this process has waited for.</summary>
    public static TimeSpan Children()
    {
        var u = new long[18];
        if (getrusage(-1, u) != 0) return TimeSpan.Zero;
        return TimeSpan.FromTicks((u[0] + u[2]) * TimeSpan.TicksPerSecond + (u[1] + u[3]) * 10);
    }

    /// <summary>User + system CPU of a live process from /proc/PID/stat.</summary>
    public static TimeSpan Of(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return TimeSpan.FromSeconds((long.Parse(f[11]) + long.Parse(f[12])) / 100.0);
        }
        catch (IOException) { return TimeSpan.Zero; }
    }

    public static TimeSpan Self() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
}

internal static class Units
{
    public const double MB = 1_000_000.0;
    public const double MiB = 1024.0 * 1024;
    public static string Size(long bytes) => bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):0.##} GiB"
        : bytes >= 1L << 20 ? $"{bytes / MiB:0.##} MiB" : $"{bytes / 1024.0:0.##} KiB";
}

internal static class Inv
{
    public static string F(double v, string f = "0.0") => v.ToString(f, CultureInfo.InvariantCulture);
}
