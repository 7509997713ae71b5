using System.Text;

namespace MetaStudio.Voice.Benchmarks;

/// <summary>A measurement's result: text before the table, the table, and lines after it (bars, verdicts, notes).</summary>
internal sealed class Section
{
    public Section(string key, string title) { Key = key; Title = title; }
    public string Key { get; }
    public string Title { get; }
    public List<string> Intro { get; } = new();
    public string[] Header { get; set; } = Array.Empty<string>();
    public List<string[]> Rows { get; } = new();
    public List<string> After { get; } = new();
    public List<(string Bar, bool? Met, string Detail)> Bars { get; } = new();

    public void Bar(string bar, bool? met, string detail) => Bars.Add((bar, met, detail));
}

internal sealed class Report
{
    public const string NotesMarker = "<!-- Everything below this line is kept when the benchmark rewrites this file. -->";

    public List<(string Name, string Value)> Facts { get; } = new();
    public List<Section> Sections { get; } = new();
    public string Command { get; set; } = "";
    public DateTimeOffset Started { get; } = DateTimeOffset.Now;
    public TimeSpan Duration { get; set; }

    public static string Verdict(bool? met) => met switch { true => "met", false => "MISSED", null => "n/a" };

    public static void PrintSection(Section s)
    {
        var w = Console.Out;
        w.WriteLine();
        w.WriteLine("== " + s.Title + " ==");
        foreach (var line in s.Intro) w.WriteLine(line);
        if (s.Header.Length > 0)
        {
            var widths = s.Header.Select((h, i) => Math.Max(h.Length, s.Rows.Count == 0 ? 0 : s.Rows.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
            w.WriteLine(string.Join("  ", s.Header.Select((h, i) => h.PadRight(widths[i]))));
            w.WriteLine(string.Join("  ", widths.Select(x => new string('-', x))));
            foreach (var r in s.Rows) w.WriteLine(string.Join("  ", r.Select((c, i) => c.PadRight(widths[i]))));
        }
        foreach (var (bar, met, detail) in s.Bars) w.WriteLine($"Bar: {bar} -> {Verdict(met)} ({detail})");
        foreach (var line in s.After) w.WriteLine(line);
    }

    public void PrintFacts()
    {
        Console.WriteLine("== Machine ==");
        foreach (var (n, v) in Facts) Console.WriteLine($"{n,-22} {v}");
    }

    public string Markdown(string keptNotes)
    {
        var md = new StringBuilder();
        md.AppendLine("# Benchmarks");
        md.AppendLine();
        md.AppendLine("Written by the benchmark project `tests/MetaStudio.Voice.Benchmarks` (not part of `MetaStudio.sln`, so `dotnet test` never runs it). Run it with:");
        md.AppendLine();
        md.AppendLine("```sh");
        md.AppendLine("dotnet run -c Release --project tests/MetaStudio.Voice.Benchmarks -- [--quick] [--only large,memory,segments,import,validation,polling]");
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine("A full run (no `--quick`, no `--only`) rewrites this file; `--quick` (small sizes, 2 repetitions, under a minute) and `--only` print to the console and write a file only with `--out PATH`. `--help` prints the options.");
        md.AppendLine("Everything below the notes marker at the end is hand-written and kept across runs.");
        md.AppendLine();
        md.AppendLine($"This run: `{Command}` on {Started:yyyy-MM-dd HH:mm zzz}, {Duration.TotalMinutes:0.0} min.");
        md.AppendLine();
        md.AppendLine("## Machine");
        md.AppendLine();
        md.AppendLine("| | |");
        md.AppendLine("|---|---|");
        foreach (var (n, v) in Facts) md.AppendLine($"| {n} | {Escape(v)} |");
        md.AppendLine();
        md.AppendLine("## Method");
        md.AppendLine();
        md.AppendLine("- One server for every client: the emulator (`src/MetaStudio.Voice.Emulator`) as its own process on 127.0.0.1, HTTP/1.1, no TLS, in sink mode (`--discard-uploads --no-hash`: bodies are read and counted, neither hashed nor stored; signature, expiry, Content-Type and Content-Length are still checked, chunked bodies refused). The benchmark process holds only the PowerShell engine and the module, so its memory and CPU are the module's.");
        md.AppendLine("- The module is imported from `out/MetaStudio.Voice/MetaStudio.Voice.psd1` (what `dotnet build` lays out) into runspaces of the PowerShell 7.6 engine (`InitialSessionState.CreateDefault2()`); cmdlets run through `PowerShell.Invoke` with a host that receives progress records (progress on, as a user has it). Times are taken around `Invoke` only: the module import, `Connect-MetaStudio` and job creation are outside the clock.");
        md.AppendLine("- curl: the same files to the same emulator routes with fresh presigned URLs from jobs created through the REST API; the time is the curl process from start to exit.");
        md.AppendLine("- Payloads are written to /dev/shm (tmpfs) and read once before use, so no disk is involved. Each measurement: one warm-up run (discarded), then the stated number of repetitions, module and baseline alternating; cells read *median (min–max)*. MB = 10^6 bytes.");
        md.AppendLine();
        foreach (var s in Sections)
        {
            md.AppendLine("## " + s.Title);
            md.AppendLine();
            foreach (var line in s.Intro) md.AppendLine(line);
            if (s.Intro.Count > 0) md.AppendLine();
            if (s.Header.Length > 0)
            {
                md.AppendLine("| " + string.Join(" | ", s.Header.Select(Escape)) + " |");
                md.AppendLine("|" + string.Join("|", s.Header.Select(_ => "---")) + "|");
                foreach (var r in s.Rows) md.AppendLine("| " + string.Join(" | ", r.Select(Escape)) + " |");
                md.AppendLine();
            }
            foreach (var (bar, met, detail) in s.Bars) md.AppendLine($"- Bar: {bar} — **{Verdict(met)}** ({detail})");
            if (s.Bars.Count > 0) md.AppendLine();
            foreach (var line in s.After) md.AppendLine(line);
            if (s.After.Count > 0) md.AppendLine();
        }
        md.AppendLine(NotesMarker);
        md.Append(keptNotes);
        return md.ToString();
    }

    private static string Escape(string s) => s.Replace("|", "\\|");

    /// <summary>The hand-written part of an existing file (after the marker), or a stub.</summary>
    public static string KeptNotes(string path)
    {
        if (File.Exists(path))
        {
            var text = File.ReadAllText(path);
            var i = text.IndexOf(NotesMarker, StringComparison.Ordinal);
            if (i >= 0) return text[(i + NotesMarker.Length)..];
        }
        return "\n\n## Notes\n\n(Hand-written analysis goes here.)\n";
    }
}
