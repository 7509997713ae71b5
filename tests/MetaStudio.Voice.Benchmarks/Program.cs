using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;

namespace MetaStudio.Voice.Benchmarks;

internal static class Program
{
    private static readonly string[] AllMeasurements = { "large", "memory", "segments", "import", "validation", "polling" };

    private const string Usage =
        "MetaStudio.Voice benchmarks: the module's cmdlets on the PowerShell 7.6 engine against curl and an empty module,\n" +
        "on a local emulator (its own process, sink mode). Results go to the console and, for a full run, to docs/benchmarks.md.\n\n" +
        "Usage: dotnet run -c Release --project tests/MetaStudio.Voice.Benchmarks -- [--quick] [--only large,memory,segments,import,validation,polling] [--out PATH]\n\n" +
        "  --quick      small sizes and 1-2 repetitions: a smoke run of under a minute (never written to docs/ unless --out)\n" +
        "  --only LIST  run only these measurements (comma-separated; not written to docs/ unless --out)\n" +
        "  --out PATH   write the markdown report here (default for a full run: docs/benchmarks.md)\n" +
        "  --help       this text\n\n" +
        "Measurements: large (Send-VoiceTrainingData vs curl, 1 MiB/256 MiB/2 GiB), memory (RSS growth during a 2 GiB upload),\n" +
        "segments (10 x 100 sentence pairs vs curl --parallel), import (Import-Module vs an empty binary module),\n" +
        "validation (Test-VoiceTrainingData: 1,000 pairs; 2 GiB vs 1 MiB WAV), polling (Wait-VoiceTrainingJob on 500 jobs).\n" +
        "Needs curl on PATH; about 3 GiB free in /dev/shm (or the temp folder) for a full run.";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "--import-child") return Benchmarks.ImportChild(args[1]);
        if (args.Length == 2 && args[0] == "--sink-child") return await RawSink.RunAsync(args[1]);

        var quick = false;
        string? outPath = null;
        var only = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": quick = true; break;
                case "--only" when i + 1 < args.Length:
                    only.AddRange(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()));
                    break;
                case "--out" when i + 1 < args.Length: outPath = Path.GetFullPath(args[++i]); break;
                case "-h" or "--help" or "-?": Console.WriteLine(Usage); return 0;
                default:
                    Console.Error.WriteLine($"Unknown argument '{args[i]}'.\n\n{Usage}");
                    return 2;
            }
        }
        var unknown = only.Except(AllMeasurements).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"Unknown measurement(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", AllMeasurements)}.");
            return 2;
        }
        var selected = only.Count == 0 ? AllMeasurements.ToList() : AllMeasurements.Where(only.Contains).ToList();
        if (outPath == null && !quick && only.Count == 0) outPath = Repo.Docs;
        if (!File.Exists(Repo.Manifest))
        {
            Console.Error.WriteLine($"The module is not built: {Repo.Manifest}. Run dotnet build first (dotnet run builds it).");
            return 1;
        }

        var config = new Config { Quick = quick };
        var report = new Report { Command = "dotnet run -c Release --project tests/MetaStudio.Voice.Benchmarks --" + (args.Length > 0 ? " " + string.Join(' ', args) : "") };
        var total = Stopwatch.StartNew();
        var needBytes = (selected.Contains("large") || selected.Contains("memory") ? config.LargeSizes.Max() : 0) + (config.SegmentJobs * 100L * 360 * 1024);
        using var data = new DataSet(needBytes);
        Facts(report, data);
        report.PrintFacts();

        var failures = 0;
        await using (var sink = await Emulator.StartAsync(data.Root))
        {
            var b = new Benchmarks(config, data, sink);
            foreach (var name in selected)
            {
                Console.Error.WriteLine($"Running {name} ...");
                Section section;
                try
                {
                    section = name switch
                    {
                        "large" => await b.LargeAsync(),
                        "memory" => b.Memory(),
                        "segments" => await b.SegmentsAsync(),
                        "import" => b.Import(),
                        "validation" => b.Validation(),
                        "polling" => await b.PollingAsync(),
                        _ => throw new InvalidOperationException(name),
                    };
                }
                catch (Exception ex)
                {
                    failures++;
                    section = new Section(name, $"{name}: FAILED");
                    section.After.Add("The measurement failed: " + ex.Message.Replace("\n", " "));
                    Console.Error.WriteLine(ex);
                }
                report.Sections.Add(section);
                Report.PrintSection(section);
            }
        }
        report.Duration = total.Elapsed;
        var load = report.Facts.FindIndex(f => f.Name.StartsWith("Load average", StringComparison.Ordinal));
        if (load >= 0)
            report.Facts[load] = (report.Facts[load].Name, report.Facts[load].Value + $", {LoadAverage()} at the end (on {Environment.ProcessorCount} cores; anything else running on the machine shows here and in the spread of the results)");

        Console.WriteLine();
        Console.WriteLine("== Bars ==");
        foreach (var s in report.Sections)
            foreach (var (bar, met, detail) in s.Bars)
                Console.WriteLine($"{Report.Verdict(met),-7} {bar} ({detail})");
        Console.WriteLine($"Total time: {total.Elapsed.TotalSeconds:0} s");
        if (outPath != null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
            File.WriteAllText(outPath, report.Markdown(Report.KeptNotes(outPath)));
            Console.WriteLine($"Wrote {outPath}");
        }
        return failures == 0 ? 0 : 1;
    }

    internal static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "unknown"; }
    }

    private static void Facts(Report report, DataSet data)
    {
        string Cpu()
        {
            try { return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "unknown"; }
            catch (IOException) { return "unknown"; }
        }
        string Os()
        {
            try
            {
                var pretty = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME="))?.Split('=', 2)[1].Trim('"');
                return $"{pretty ?? RuntimeInformation.OSDescription} (kernel {Environment.OSVersion.Version})";
            }
            catch (IOException) { return RuntimeInformation.OSDescription; }
        }
        string Engine()
        {
            using var ps = new PsSession();
            var v = ps.Run("$PSVersionTable.PSVersion.ToString()").Single().ToString();
            return $"{v} (System.Management.Automation, hosted in this process)";
        }
        var memTotal = 0L;
        try { memTotal = long.Parse(File.ReadLines("/proc/meminfo").First().Split(':')[1].Trim().Split(' ')[0]) * 1024; } catch (Exception) { }
        var commit = Proc.FirstLine("git", "-C", Repo.Root, "rev-parse", "--short", "HEAD");
        var dirty = Proc.Run("git", new[] { "-C", Repo.Root, "status", "--porcelain", "--", "src" }).Stdout.Trim().Length > 0;
        report.Facts.Add(("CPU", $"{Cpu()}, {Environment.ProcessorCount} cores (logical)"));
        report.Facts.Add(("Memory", Units.Size(memTotal)));
        report.Facts.Add(("OS", Os()));
        report.Facts.Add((".NET runtime", $"{RuntimeInformation.FrameworkDescription} ({(GCSettings.IsServerGC ? "server" : "workstation")} GC)"));
        report.Facts.Add(("PowerShell engine", Engine()));
        report.Facts.Add(("curl", Proc.FirstLine("curl", "--version")));
        report.Facts.Add(("Module", $"MetaStudio.Voice from {Path.GetRelativePath(Repo.Root, Repo.Manifest)}, {Repo.Configuration} build, commit {commit}{(dirty ? " + uncommitted changes under src/" : "")}"));
        report.Facts.Add(("Load average (1 min)", LoadAverage() + " at start"));
        report.Facts.Add(("Payload location", data.OnTmpfs ? "/dev/shm (tmpfs)" : Path.GetTempPath() + " (read once before use)"));
    }
}
