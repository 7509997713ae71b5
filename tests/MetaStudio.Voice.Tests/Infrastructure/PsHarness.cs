using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;

namespace MetaStudio.Voice.Tests.Infrastructure;

/// <summary>
/// A runspace on the real PowerShell 7.6 engine with the built module imported from its manifest,
/// as a user would have it. Keeps every stream of every invocation for assertions and secret scans.
/// </summary>
public sealed class PsHarness : IDisposable
{
    private readonly Runspace _runspace;
    private readonly List<string> _transcript = new();

    public PsHarness(bool importModule = true)
    {
        _runspace = RunspaceFactory.CreateRunspace(Host, InitialSessionState.CreateDefault2());
        _runspace.Open();
        _runspace.SessionStateProxy.Path.SetLocation(Path.GetTempPath());
        if (importModule) Run($"Import-Module '{Repo.Manifest}' -ErrorAction Stop").ThrowOnError();
    }

    public Runspace Runspace => _runspace;

    /// <summary>What Out-Default printed: formatted views as a console would show them.</summary>
    public CapturingHost Host { get; } = new();

    public void Set(string name, object? value) => _runspace.SessionStateProxy.SetVariable(name, value);

    public object? Get(string name) => _runspace.SessionStateProxy.GetVariable(name);

    /// <summary>Runs a script; never throws for script errors (they are in the result).</summary>
    public PsResult Run(string script, Action<PowerShell>? configure = null)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        configure?.Invoke(ps);
        Collection<PSObject> output;
        Exception? terminating = null;
        try
        {
            output = ps.Invoke();
        }
        catch (RuntimeException ex)
        {
            output = new Collection<PSObject>();
            terminating = ex;
        }
        var result = new PsResult(output, ps.Streams, terminating, ps.HadErrors);
        _transcript.AddRange(result.AllText());
        return result;
    }

    /// <summary>Everything any invocation of this harness wrote, in every stream, as text.</summary>
    public IReadOnlyList<string> Transcript => _transcript.Append(Host.Text).ToList();

    public void Dispose() => _runspace.Dispose();
}

public sealed class PsResult
{
    public PsResult(Collection<PSObject> output, PSDataStreams streams, Exception? terminating, bool hadErrors)
    {
        Output = output;
        Errors = streams.Error.ToList();
        if (terminating is RuntimeException rt && rt.ErrorRecord != null) Errors.Add(rt.ErrorRecord);
        Verbose = streams.Verbose.Select(v => v.Message).ToList();
        Debug = streams.Debug.Select(v => v.Message).ToList();
        Warnings = streams.Warning.Select(v => v.Message).ToList();
        Information = streams.Information.Select(v => v.MessageData?.ToString() ?? "").ToList();
        Progress = streams.Progress.ToList();
        Terminating = terminating;
        HadErrors = hadErrors || terminating != null;
    }

    public Collection<PSObject> Output { get; }
    public List<ErrorRecord> Errors { get; }
    public List<string> Verbose { get; }
    public List<string> Debug { get; }
    public List<string> Warnings { get; }
    public List<string> Information { get; }
    public List<ProgressRecord> Progress { get; }
    public Exception? Terminating { get; }
    public bool HadErrors { get; }

    public T Single<T>() => (T)Assert.Single(Output).BaseObject;

    public PsResult ThrowOnError()
    {
        if (HadErrors)
            throw new Xunit.Sdk.XunitException("PowerShell reported errors:\n" + string.Join("\n", Errors.Select(e => e.FullyQualifiedErrorId + ": " + e)));
        return this;
    }

    /// <summary>Every piece of text a user could see or log: for secret scans.</summary>
    public IEnumerable<string> AllText()
    {
        foreach (var o in Output)
        {
            string? shown;
            try { shown = o?.ToString(); } catch (Exception) { shown = null; } // script ToString needs a runspace thread
            yield return shown ?? "";
            if (o?.BaseObject is object b)
                foreach (var p in o.Properties)
                {
                    string? text = null;
                    try { text = p.Value?.ToString(); } catch (Exception) { }
                    if (text != null) yield return p.Name + "=" + text;
                }
        }
        foreach (var e in Errors)
        {
            yield return e.ToString();
            yield return e.FullyQualifiedErrorId;
            yield return e.Exception?.ToString() ?? "";
            yield return e.TargetObject?.ToString() ?? "";
            yield return e.ErrorDetails?.Message ?? "";
            yield return e.CategoryInfo.ToString();
        }
        foreach (var s in Verbose.Concat(Debug).Concat(Warnings).Concat(Information)) yield return s;
        foreach (var p in Progress) yield return $"{p.Activity} {p.StatusDescription} {p.CurrentOperation}";
        if (Terminating != null) yield return Terminating.ToString();
    }
}
