using System.Diagnostics;
using System.Management.Automation;
using System.Text;

namespace MetaStudio.Voice.Benchmarks;

internal sealed class Config
{
    public bool Quick { get; init; }
    public int Reps => Quick ? 2 : 5;
    public int BigReps => Quick ? 2 : 5;
    public long[] LargeSizes => Quick ? new[] { 1L << 20, 64L << 20 } : new[] { 1L << 20, 256L << 20, 2L << 30 };
    public long MemorySize => Quick ? 256L << 20 : 2L << 30;
    public int MemoryReps => Quick ? 1 : 3;
    public int SegmentJobs => Quick ? 2 : 10;
    public int SegmentReps => Quick ? 1 : 5;
    public int PollJobs => Quick ? 100 : 500;
    public TimeSpan PollWindow => Quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(60);
    public int PollJobsQuick => 100;
    public int ImportReps => Quick ? 2 : 7;
}

/// <summary>The six measurements. Each returns a finished <see cref="Section"/>.</summary>
internal sealed class Benchmarks
{
    private readonly Config _config;
    private readonly DataSet _data;
    private readonly Emulator _sink;

    public Benchmarks(Config config, DataSet data, Emulator sink)
    {
        _config = config;
        _data = data;
        _sink = sink;
    }

    private static void Log(string message) => Console.Error.WriteLine($"  [{DateTime.Now:HH:mm:ss}] {message}");

    // ---- 1. Large upload ---------------------------------------------------------------------------

    private (TimeSpan Elapsed, int Progress, TimeSpan ClientCpu, TimeSpan ServerCpu) ModuleSendPackage(PsSession ps, string zip, RawSinkProcess? sink)
    {
        ps.Set("zip", zip);
        var job = ps.Run("New-VoiceTrainingJob -VoiceName 'bench-large' -Edition Premium -Path $zip").Single();
        if (sink != null) RedirectPackageUrl(job, sink);
        var before = ps.Host.ProgressWrites;
        var server = sink?.ProcessId ?? _sink.ProcessId;
        TimeSpan cpu0 = default, srv0 = default;
        var t = ps.Time("Send-VoiceTrainingData", new Dictionary<string, object?> { ["InputObject"] = job, ["SkipValidation"] = null },
            before: () => { cpu0 = Cpu.Self(); srv0 = Cpu.Of(server); });
        var cpu = Cpu.Self() - cpu0;
        var srv = Cpu.Of(server) - srv0;
        if (t.Output.Count != 1) throw new InvalidOperationException("Send-VoiceTrainingData returned no job.");
        return (t.Elapsed, (int)(ps.Host.ProgressWrites - before), cpu, srv);
    }

    /// <summary>
    /// Points the job's package URL (internal VoiceTrainingJob.UploadTargets.TrainingData, reached by reflection: the
    /// benchmark does not compile against the module) at the raw sink, same path and query.
    /// </summary>
    private static void RedirectPackageUrl(PSObject job, RawSinkProcess sink)
    {
        const System.Reflection.BindingFlags Any = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic;
        var o = job.BaseObject;
        var targets = o.GetType().GetProperty("UploadTargets", Any)?.GetValue(o) ?? throw new InvalidOperationException("VoiceTrainingJob.UploadTargets not found");
        var prop = targets.GetType().GetProperty("TrainingData", Any) ?? throw new InvalidOperationException("UploadTargets.TrainingData not found");
        prop.SetValue(targets, sink.Redirect((Uri)prop.GetValue(targets)!));
    }

    private async Task<(TimeSpan Elapsed, TimeSpan ClientCpu, TimeSpan ServerCpu)> CurlPutAsync(string file, RawSinkProcess? sink)
    {
        var (_, url) = await _sink.CreatePackageJobAsync("bench-large-curl");
        if (sink != null) url = sink.Redirect(new Uri(url)).ToString();
        var server = sink?.ProcessId ?? _sink.ProcessId;
        var cpu0 = Cpu.Children();
        var srv0 = Cpu.Of(server);
        var r = Proc.Run("curl", new[] { "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-T", file, "-H", "Expect:", "-H", "Content-Type: application/zip", url });
        var cpu = Cpu.Children() - cpu0;
        var srv = Cpu.Of(server) - srv0;
        if (r.ExitCode != 0 || r.Stdout.Trim() != "200") throw new InvalidOperationException($"curl failed: exit {r.ExitCode}, HTTP {r.Stdout} {r.Stderr}");
        return (r.Elapsed, cpu, srv);
    }

    public async Task<Section> LargeAsync()
    {
        var s = new Section("large", "1. Large upload: Send-VoiceTrainingData vs curl");
        s.Intro.Add("One synthetic zip (\"PK\\x03\\x04\" + pseudo-random bytes) per size, PACKAGE job of the Premium edition. Module: `Send-VoiceTrainingData -SkipValidation` on a job made by `New-VoiceTrainingJob` beforehand (not timed), progress on. curl: `curl -sS -o /dev/null -T <file> -H \"Expect:\" -H \"Content-Type: application/zip\" <presigned URL>` of the same file, the URL from a job created through the REST API beforehand.");
        s.Intro.Add("");
        s.Intro.Add("Two servers: **emulator** = the emulator's OBS route (the measurement asked for, in sink mode with hashing off: it reads, checks and counts the bytes) and **raw sink** = a minimal HTTP/1.1 sink of this project (its own process, reads Content-Length bytes with 1 MiB reads, answers 100-continue, no hashing) to which the same presigned URLs are redirected (for the module: the job's internal package URL, rewritten by reflection before `Send`); it shows what each client can do when the server is not the limit.");
        s.Intro.Add("");
        s.Intro.Add("CPU columns: the client's CPU time (user+sys) per GB sent — the module's is the benchmark process's own (engine included), curl's from getrusage of the reaped child — and the server process's CPU as % of one core over the transfer: a server near 100 % is the limit, not the client.");
        s.Header = new[] { "server", "size", "reps", "module MB/s", "curl MB/s", "module/curl (throughput)", "module s", "curl s", "module CPU s/GB", "curl CPU s/GB", "server CPU % (module / curl)", "progress records/run" };
        using var ps = PsSession.Connected(_sink.BaseUri);
        using var raw = RawSinkProcess.Start(_data.Root);
        foreach (var size in _config.LargeSizes)
        {
            Log($"large: writing {Units.Size(size)}");
            var zip = _data.Zip(size);
            var reps = size >= 1L << 30 ? _config.BigReps : _config.Reps;
            foreach (var target in new[] { (Name: "emulator", Sink: (RawSinkProcess?)null), (Name: "raw sink", Sink: (RawSinkProcess?)raw) })
            {
                var mod = new Series(); var cur = new Series(); var ratio = new Series(); var modS = new Series(); var curS = new Series();
                var mCpu = new Series(); var cCpu = new Series(); var mSrv = new Series(); var cSrv = new Series();
                var progress = 0;
                for (var r = -1; r < reps; r++)
                {
                    (TimeSpan Elapsed, int Progress, TimeSpan ClientCpu, TimeSpan ServerCpu) mr;
                    (TimeSpan Elapsed, TimeSpan ClientCpu, TimeSpan ServerCpu) cr;
                    if (r % 2 == 0) { mr = ModuleSendPackage(ps, zip, target.Sink); cr = await CurlPutAsync(zip, target.Sink); }
                    else { cr = await CurlPutAsync(zip, target.Sink); mr = ModuleSendPackage(ps, zip, target.Sink); }
                    var m = mr.Elapsed; var c = cr.Elapsed; progress = mr.Progress;
                    if (r < 0) continue;
                    mod.Add(size / m.TotalSeconds / Units.MB); cur.Add(size / c.TotalSeconds / Units.MB);
                    ratio.Add(c.TotalSeconds / m.TotalSeconds); modS.Add(m.TotalSeconds); curS.Add(c.TotalSeconds);
                    mCpu.Add(mr.ClientCpu.TotalSeconds / (size / 1e9)); cCpu.Add(cr.ClientCpu.TotalSeconds / (size / 1e9));
                    mSrv.Add(mr.ServerCpu / m * 100); cSrv.Add(cr.ServerCpu / c * 100);
                    Log($"large {target.Name} {Units.Size(size)} rep {r + 1}/{reps}: module {m.TotalSeconds:0.000} s, curl {c.TotalSeconds:0.000} s");
                }
                s.Rows.Add(new[] { target.Name, Units.Size(size), reps.ToString(), mod.Format("0"), cur.Format("0"), ratio.Format("0.00") + "×", modS.Format("0.000"), curS.Format("0.000"),
                    Inv.F(mCpu.Median, "0.00"), Inv.F(cCpu.Median, "0.00"), $"{mSrv.Median:0} / {cSrv.Median:0}", progress.ToString() });
                if (size >= 256L << 20)
                    s.Bar($"{target.Name}, {Units.Size(size)}: module throughput ≥ 1.2× curl's", ratio.Median >= 1.2, $"median ratio {ratio.Median:0.00}×, module {mod.Median:0} MB/s vs curl {cur.Median:0} MB/s");
            }
            if (size > 1L << 20) _data.Delete(zip);
        }
        s.After.Add("- 1 MiB is latency-bound: both times are mostly fixed cost (curl: process start; module: pipeline, progress, response), so its ratio is shown but not held to the bar.");
        return s;
    }

    // ---- 2. Memory --------------------------------------------------------------------------------

    public Section Memory()
    {
        var size = _config.MemorySize;
        var s = new Section("memory", "2. Memory during a large upload");
        s.Intro.Add($"Peak resident memory growth of the benchmark process while `Send-VoiceTrainingData` uploads {Units.Size(size)}: VmRSS of /proc/self/status sampled every 10 ms on a separate thread, and VmHWM after resetting it (`echo 5 > /proc/self/clear_refs`) just before the upload; baseline = VmRSS after a full GC just before `Invoke`. The emulator runs in its own process, so none of its buffers count here. \"allocated\" = managed bytes allocated during the upload (GC.GetTotalAllocatedBytes).");
        s.Header = new[] { "run", "RSS before", "peak RSS (10 ms samples)", "growth (samples)", "growth (VmHWM)", "allocated" };
        using var ps = PsSession.Connected(_sink.BaseUri);
        Log($"memory: writing {Units.Size(size)}");
        var zip = _data.Zip(size);
        var growth = new Series();
        for (var r = -1; r < _config.MemoryReps; r++)
        {
            ps.Set("zip", zip);
            var job = ps.Run("New-VoiceTrainingJob -VoiceName 'bench-memory' -Edition Premium -Path $zip").Single();
            long baseline = 0, peak = 0, allocated0 = 0;
            var hwmReset = false;
            var stop = false;
            var sampler = new Thread(() =>
            {
                while (!Volatile.Read(ref stop))
                {
                    var rss = ProcStatus.Read("VmRSS");
                    if (rss > Interlocked.Read(ref peak)) Interlocked.Exchange(ref peak, rss);
                    Thread.Sleep(10);
                }
            }) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
            var t = ps.Time("Send-VoiceTrainingData", new Dictionary<string, object?> { ["InputObject"] = job, ["SkipValidation"] = null }, before: () =>
            {
                GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
                baseline = ProcStatus.Read("VmRSS");
                peak = baseline;
                hwmReset = ProcStatus.ResetPeak();
                allocated0 = GC.GetTotalAllocatedBytes(precise: true);
                sampler.Start();
            });
            Volatile.Write(ref stop, true);
            sampler.Join();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated0;
            var hwm = hwmReset ? ProcStatus.Read("VmHWM") - baseline : -1;
            var g = Math.Max(peak - baseline, hwm);
            Log($"memory rep {r + 1}: {t.Elapsed.TotalSeconds:0.00} s, growth {g / Units.MiB:0.0} MiB (samples {(peak - baseline) / Units.MiB:0.0}, HWM {hwm / Units.MiB:0.0}), allocated {allocated / Units.MiB:0.0} MiB");
            if (r < 0) continue;
            growth.Add(g / Units.MiB);
            s.Rows.Add(new[] { (r + 1).ToString(), $"{baseline / Units.MiB:0.0} MiB", $"{peak / Units.MiB:0.0} MiB", $"{(peak - baseline) / Units.MiB:0.0} MiB",
                hwmReset ? $"{hwm / Units.MiB:0.0} MiB" : "n/a (clear_refs refused)", $"{allocated / Units.MiB:0.0} MiB" });
        }
        s.Bar("peak RSS growth ≤ 32 MiB", growth.Max <= 32, $"worst of {growth.Count} runs {growth.Max:0.0} MiB, median {growth.Median:0.0} MiB");
        if (_config.MemoryReps < 5) s.After.Add($"- {_config.MemoryReps} measured runs (after a warm-up) instead of 5: each uploads {Units.Size(size)}; the bar is held against the worst run.");
        _data.Delete(zip);
        return s;
    }

    // ---- 3. Segments ------------------------------------------------------------------------------

    public async Task<Section> SegmentsAsync()
    {
        var jobs = _config.SegmentJobs;
        var s = new Section("segments", "3. Sentence (SEGMENT) upload: 100-pair Advanced jobs vs curl --parallel");
        Log($"segments: writing {jobs} x 100 sentence pairs");
        var folders = _data.SentenceFolders(jobs, 100);
        var files = folders.SelectMany(f => Directory.GetFiles(f)).ToList();
        var bytes = files.Sum(f => new FileInfo(f).Length);
        foreach (var f in files) DataSet.Warm(f);
        s.Intro.Add($"{jobs} Advanced SEGMENT jobs × 100 sentence pairs = {jobs * 100} pairs, {files.Count} files, {bytes / Units.MB:0} MB (wav 200–500 KiB with a 44-byte PCM header, txt ~80 B). " +
            "Module: the jobs (made by `New-VoiceTrainingJob -Edition Advanced -CreateType Segment` beforehand, not timed) piped into one `Send-VoiceTrainingData -SkipValidation` (default `-ThrottleLimit 4`): per job one segment-info GET, then per sentence i.wav + i.txt PUTs and one confirm POST. " +
            "curl: one `curl --parallel --parallel-max 8` process over all files (one `-T file URL` pair per file, Content-Type audio/wav or text/plain, `Expect:` off), fresh URLs from jobs created via REST; then (separately timed) the same confirm POSTs with `curl --parallel --parallel-max 8`. New jobs for every run (confirmed sentences would be skipped).");
        s.Header = new[] { "runs", "module s", "curl uploads s", "module / curl uploads", "curl uploads + confirms s", "module / (uploads + confirms)", "module files/s" };
        using var ps = PsSession.Connected(_sink.BaseUri);
        var mod = new Series(); var up = new Series(); var upc = new Series(); var r1 = new Series(); var r2 = new Series(); var fps = new Series();
        for (var r = -1; r < _config.SegmentReps; r++)
        {
            TimeSpan m, u, c;
            if (r % 2 == 0) { m = ModuleSegments(ps, folders); (u, c) = await CurlSegmentsAsync(folders); }
            else { (u, c) = await CurlSegmentsAsync(folders); m = ModuleSegments(ps, folders); }
            Log($"segments rep {r + 1}: module {m.TotalSeconds:0.00} s, curl uploads {u.TotalSeconds:0.00} s, confirms {c.TotalSeconds:0.00} s");
            if (r < 0) continue;
            mod.Add(m.TotalSeconds); up.Add(u.TotalSeconds); upc.Add((u + c).TotalSeconds);
            r1.Add(m / u); r2.Add(m / (u + c)); fps.Add(files.Count / m.TotalSeconds);
        }
        s.Rows.Add(new[] { mod.Count.ToString(), mod.Format("0.00"), up.Format("0.00"), r1.Format("0.00") + "×", upc.Format("0.00"), r2.Format("0.00") + "×", fps.Format("0") });
        s.Bar("module time ≤ 1.1× curl's (uploads only)", r1.Median <= 1.1, $"median {r1.Median:0.00}×");
        return s;
    }

    private static TimeSpan ModuleSegments(PsSession ps, List<string> folders)
    {
        var jobs = new List<PSObject>();
        foreach (var f in folders)
        {
            ps.Set("folder", f);
            jobs.Add(ps.Run("New-VoiceTrainingJob -VoiceName 'bench-segments' -Edition Advanced -CreateType Segment -Path $folder").Single());
        }
        var t = ps.Time("Send-VoiceTrainingData", new Dictionary<string, object?> { ["SkipValidation"] = null }, input: jobs);
        if (t.Output.Count != folders.Count) throw new InvalidOperationException($"Send-VoiceTrainingData returned {t.Output.Count} of {folders.Count} jobs.");
        return t.Elapsed;
    }

    private async Task<(TimeSpan Uploads, TimeSpan Confirms)> CurlSegmentsAsync(List<string> folders)
    {
        var uploads = new StringBuilder();
        var confirms = new StringBuilder();
        var count = 0;
        foreach (var f in folders)
        {
            var (jobId, audio, text) = await _sink.CreateSegmentJobAsync("bench-segments-curl");
            for (var i = 0; i < 100; i++)
            {
                Block(uploads, audio[i], Path.Combine(f, i + ".wav"), "audio/wav");
                Block(uploads, text[i], Path.Combine(f, i + ".txt"), "text/plain");
                confirms.Append($"url = \"{_sink.ConfirmUrl(jobId, i)}\"\nrequest = \"POST\"\ndata = \"\"\nheader = \"X-Auth-Token: {Emulator.Token}\"\noutput = \"/dev/null\"\nwrite-out = \"%{{http_code}}\\n\"\nnext\n");
                count++;
            }
        }
        // curl treats a trailing "next" as one more (empty) transfer.
        TrimNext(uploads); TrimNext(confirms);
        var u = RunCurlConfig(uploads.ToString(), count * 2);
        var c = RunCurlConfig(confirms.ToString(), count);
        return (u, c);

        static void TrimNext(StringBuilder sb) { if (sb.Length >= 5) sb.Length -= 5; }
        static void Block(StringBuilder sb, string url, string file, string type) =>
            sb.Append($"url = \"{url}\"\nupload-file = \"{file}\"\nheader = \"Content-Type: {type}\"\nheader = \"Expect:\"\noutput = \"/dev/null\"\nwrite-out = \"%{{http_code}}\\n\"\nnext\n");
    }

    private TimeSpan RunCurlConfig(string config, int expected)
    {
        var path = Path.Combine(_data.Root, "curl-" + Guid.NewGuid().ToString("N") + ".cfg");
        File.WriteAllText(path, config);
        try
        {
            var r = Proc.Run("curl", new[] { "-sS", "--parallel", "--parallel-max", "8", "-K", path });
            var codes = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (r.ExitCode != 0 || codes.Length != expected || codes.Any(c => c != "200"))
                throw new InvalidOperationException($"curl: exit {r.ExitCode}, {codes.Length} answers of {expected}, non-200: {string.Join(",", codes.Where(c => c != "200").Take(5))} {r.Stderr}");
            return r.Elapsed;
        }
        finally { _data.Delete(path); }
    }

    // ---- 4. Import-Module -------------------------------------------------------------------------

    /// <summary>The child side: prints "cold_ms warm_ms" for one manifest.</summary>
    public static int ImportChild(string manifest)
    {
        static double ImportOnce(string manifest)
        {
            using var ps = new PsSession();
            ps.Run("$null = Get-Command Get-Command; $null = Get-Module; $null = 1..3 | ForEach-Object { $_ }"); // engine warm-up, not timed
            return ps.Time("Import-Module", new Dictionary<string, object?> { ["Name"] = manifest, ["ErrorAction"] = ActionPreference.Stop }).Elapsed.TotalMilliseconds;
        }
        var cold = ImportOnce(manifest);
        var warm = ImportOnce(manifest);
        Console.WriteLine($"{cold.ToString(System.Globalization.CultureInfo.InvariantCulture)} {warm.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        return 0;
    }

    public Section Import()
    {
        var s = new Section("import", "4. Import-Module: MetaStudio.Voice vs an empty binary module");
        var emptyDir = Path.Combine(_data.Root, "EmptyModule");
        Directory.CreateDirectory(emptyDir);
        if (!File.Exists(Repo.EmptyModuleDll)) throw new FileNotFoundException("The empty module is not built: " + Repo.EmptyModuleDll);
        File.Copy(Repo.EmptyModuleDll, Path.Combine(emptyDir, "EmptyModule.dll"), overwrite: true);
        var emptyManifest = Path.Combine(emptyDir, "EmptyModule.psd1");
        File.WriteAllText(emptyManifest, "@{\n    RootModule = 'EmptyModule.dll'\n    ModuleVersion = '1.0.0'\n    GUID = '1d6f0b0e-3c57-4a53-9f54-6f2f3a1c9b21'\n    CompatiblePSEditions = @('Desktop', 'Core')\n    PowerShellVersion = '5.1'\n    CmdletsToExport = @('Get-Empty')\n    FunctionsToExport = @()\n    AliasesToExport = @()\n    VariablesToExport = @()\n}\n");
        // Diagnostic variant: the built module with the FormatsToProcess line removed from a copy of its manifest.
        var noFormatDir = Path.Combine(_data.Root, "MetaStudio.Voice.NoFormat", "MetaStudio.Voice");
        CopyDirectory(Path.GetDirectoryName(Repo.Manifest)!, noFormatDir);
        var noFormatManifest = Path.Combine(noFormatDir, "MetaStudio.Voice.psd1");
        File.WriteAllLines(noFormatManifest, File.ReadAllLines(noFormatManifest).Where(l => !l.TrimStart().StartsWith("FormatsToProcess", StringComparison.Ordinal)));
        s.Intro.Add("Each run is a fresh process of this benchmark (`--import-child`) that opens a runspace, warms the engine up (not timed), times `Import-Module <manifest>` (**cold**: the first import in the process, assembly load and JIT included, what a user waits for in a new pwsh), then opens a second fresh runspace and times the import again (**warm**: assembly already loaded). " +
            "Baseline: EmptyModule, a netstandard2.0 binary module with one empty cmdlet built like MetaStudio.Voice (`tests/MetaStudio.Voice.Benchmarks/EmptyModule`), with a manifest that exports it.");
        s.Header = new[] { "module", "runs", "cold import ms", "warm import ms" };
        var self = Environment.ProcessPath!;
        var prefix = Path.GetFileNameWithoutExtension(self) == "dotnet" ? new[] { typeof(Program).Assembly.Location } : Array.Empty<string>();
        (double, double) Child(string manifest)
        {
            var r = Proc.Run(self, prefix.Concat(new[] { "--import-child", manifest }));
            if (r.ExitCode != 0) throw new InvalidOperationException("import child failed: " + r.Stderr + r.Stdout);
            var parts = r.Stdout.Trim().Split('\n').Last().Split(' ');
            return (double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        var mc = new Series(); var mw = new Series(); var ec = new Series(); var ew = new Series(); var rc = new Series(); var rw = new Series();
        var nc = new Series(); var nw = new Series(); var rnc = new Series(); var rnw = new Series();
        for (var r = -1; r < _config.ImportReps; r++)
        {
            (double, double) m, e, nf;
            if (r % 2 == 0) { m = Child(Repo.Manifest); e = Child(emptyManifest); nf = Child(noFormatManifest); }
            else { nf = Child(noFormatManifest); e = Child(emptyManifest); m = Child(Repo.Manifest); }
            Log($"import rep {r + 1}: module {m.Item1:0.0}/{m.Item2:0.0} ms, empty {e.Item1:0.0}/{e.Item2:0.0} ms, no-format {nf.Item1:0.0}/{nf.Item2:0.0} ms");
            if (r < 0) continue;
            mc.Add(m.Item1); mw.Add(m.Item2); ec.Add(e.Item1); ew.Add(e.Item2); rc.Add(m.Item1 / e.Item1); rw.Add(m.Item2 / e.Item2);
            nc.Add(nf.Item1); nw.Add(nf.Item2); rnc.Add(nf.Item1 / e.Item1); rnw.Add(nf.Item2 / e.Item2);
        }
        s.Rows.Add(new[] { "MetaStudio.Voice", mc.Count.ToString(), mc.Format("0.0"), mw.Format("0.0") });
        s.Rows.Add(new[] { "EmptyModule", ec.Count.ToString(), ec.Format("0.0"), ew.Format("0.0") });
        s.Rows.Add(new[] { "ratio MetaStudio.Voice / EmptyModule (per run)", "", rc.Format("0.00") + "×", rw.Format("0.00") + "×" });
        s.Rows.Add(new[] { "diagnostic: MetaStudio.Voice without FormatsToProcess", nc.Count.ToString(), nc.Format("0.0"), nw.Format("0.0") });
        s.Rows.Add(new[] { "ratio without FormatsToProcess / EmptyModule", "", rnc.Format("0.00") + "×", rnw.Format("0.00") + "×" });
        s.After.Add($"- The diagnostic row imports a copy of the built module whose manifest lacks the `FormatsToProcess` line: the format file accounts for {mc.Median - nc.Median:0.0} ms of the cold import (median) and {mw.Median - nw.Median:0.0} ms of the warm one.");
        s.Bar("cold import ≤ 1.2× the empty module's", rc.Median <= 1.2, $"median {rc.Median:0.00}×, {mc.Median - ec.Median:0.0} ms more");
        s.Bar("warm import ≤ 1.2× the empty module's", rw.Median <= 1.2, $"median {rw.Median:0.00}×, {mw.Median - ew.Median:0.0} ms more");
        return s;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)), overwrite: true);
        foreach (var d in Directory.GetDirectories(from)) CopyDirectory(d, Path.Combine(to, Path.GetFileName(d)));
    }

    // ---- 5. Validation ----------------------------------------------------------------------------

    public Section Validation()
    {
        var s = new Section("validation", "5. Test-VoiceTrainingData");
        var folders = _data.SentenceFolders(_config.SegmentJobs, 100);
        var files = folders.Sum(f => Directory.GetFiles(f).Length);
        var small = Path.Combine(_data.Root, "small.wav");
        using (var fs = new FileStream(small, FileMode.Create))
        {
            fs.Write(DataSet.WavHeader((1 << 20) - 44, 48000));
            fs.Write(new byte[(1 << 20) - 44]);
        }
        var big = _data.SparseWav("big.wav", (2L << 30) - 2);
        s.Intro.Add($"(a) {folders.Count} Advanced folders of 100 pairs ({files} files, the sentence set of §3) piped into one `Test-VoiceTrainingData -Edition Advanced -Offline`. (b) `Test-VoiceTrainingData -Edition Premium -Offline` on a 1 MiB WAV and on a 2 GiB WAV (48 kHz 16-bit mono header, data written as a sparse file with SetLength). Fresh module session, files on tmpfs.");
        s.Header = new[] { "input", "runs", "time ms", "files/s", "verdict of the report" };
        using var ps = new PsSession();
        ps.Run($"Import-Module '{Repo.Manifest}' -ErrorAction Stop");
        var set = new Series();
        string verdict = "";
        for (var r = -1; r < _config.Reps; r++)
        {
            var t = ps.Time("Test-VoiceTrainingData", new Dictionary<string, object?> { ["Edition"] = "Advanced", ["Offline"] = null }, input: folders);
            if (t.Output.Count != folders.Count) throw new InvalidOperationException("Test-VoiceTrainingData returned " + t.Output.Count + " reports");
            verdict = $"{t.Output.Count(o => (bool)o.Properties["IsValid"].Value)} of {t.Output.Count} valid";
            if (r >= 0) set.Add(t.Elapsed.TotalMilliseconds);
        }
        s.Rows.Add(new[] { $"{folders.Count} folders × 100 pairs ({files} files)", set.Count.ToString(), set.Format("0.0"), Inv.F(files / (set.Median / 1000), "0"), verdict });
        var sm = new Series(); var bg = new Series(); var ratio = new Series();
        string vs = "", vb = "";
        for (var r = -1; r < _config.Reps; r++)
        {
            var a = ps.Time("Test-VoiceTrainingData", new Dictionary<string, object?> { ["Path"] = small, ["Edition"] = "Premium", ["Offline"] = null });
            var b = ps.Time("Test-VoiceTrainingData", new Dictionary<string, object?> { ["Path"] = big, ["Edition"] = "Premium", ["Offline"] = null });
            vs = Describe(a.Output.Single()); vb = Describe(b.Output.Single());
            if (r < 0) continue;
            sm.Add(a.Elapsed.TotalMilliseconds); bg.Add(b.Elapsed.TotalMilliseconds); ratio.Add(b.Elapsed / a.Elapsed);
        }
        s.Rows.Add(new[] { "1 MiB WAV", sm.Count.ToString(), sm.Format("0.00"), "", vs });
        s.Rows.Add(new[] { "2 GiB WAV (sparse)", bg.Count.ToString(), bg.Format("0.00"), "", vb });
        s.Bar("2 GiB WAV within 2× the 1 MiB WAV's time", ratio.Median <= 2, $"median ratio {ratio.Median:0.00}×");
        _data.Delete(small); _data.Delete(big);
        return s;

        static string Describe(PSObject report)
        {
            var valid = (bool)report.Properties["IsValid"].Value;
            var codes = ((System.Collections.IEnumerable)report.Properties["Problems"].Value).Cast<object>()
                .Select(p => PSObject.AsPSObject(p).Properties["Code"]?.Value?.ToString()).Where(c => c != null).Distinct();
            return valid ? "valid" : "invalid: " + string.Join(", ", codes) + " (expected for synthetic lengths)";
        }
    }

    // ---- 6. Polling -------------------------------------------------------------------------------

    public async Task<Section> PollingAsync()
    {
        var n = _config.PollJobs;
        var window = _config.PollWindow;
        var s = new Section("polling", "6. Polling cost: Wait-VoiceTrainingJob on many jobs");
        await using var em = await Emulator.StartAsync(_data.Root, stepDelay: "00:10:00");
        Log($"polling: creating, uploading and committing {n} jobs via REST");
        var zip = new byte[22];
        zip[0] = (byte)'P'; zip[1] = (byte)'K'; zip[2] = 5; zip[3] = 6;
        var ids = new string[n];
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var (id, url) = await em.CreatePackageJobAsync($"bench-poll-{i}");
            await em.PutAsync(url, zip, "application/zip");
            await em.CommitAsync(id);
            ids[i] = id;
        });
        s.Intro.Add($"{n} PACKAGE jobs created, uploaded and committed through the REST API (not timed) on an emulator with `--step-delay 00:10:00`, so none finishes within the window: the steady state of a long wait. " +
            $"Then `Wait-VoiceTrainingJob -JobId <{n} ids>` with the defaults (`-PollInterval 30`, `-MaxRequestsPerSecond 5`), stopped after a fixed {window.TotalSeconds:0} s window (`PowerShell.Stop()`, as Ctrl+C). The emulator counts the status requests (GET .../user/jobs/{{id}}); CPU = this process's TotalProcessorTime over the window, as % of one core. One run (the window is fixed).");
        s.Header = new[] { "jobs", "window s", "status requests", "requests/min", "requests/s", "module limit", "API limit (queries)", "module CPU % of one core", "emulator CPU % of one core" };
        using var ps = PsSession.Connected(em.BaseUri);
        await em.ClearRequestsAsync();
        var self = Process.GetCurrentProcess();
        var cpu0 = self.TotalProcessorTime;
        var emCpu0 = em.CpuTime;
        // -Timeout is not used to end the window: it is only checked between rounds over all due jobs (see the timeout row).
        // The pipeline is stopped after the window instead, as Ctrl+C would.
        var watch = Stopwatch.StartNew();
        using (var wait = PowerShell.Create())
        {
            wait.Runspace = ps.Runspace;
            wait.AddCommand("Wait-VoiceTrainingJob").AddParameter("JobId", ids);
            var async = wait.BeginInvoke();
            await Task.Delay(window);
            wait.Stop();
            try { wait.EndInvoke(async); } catch (PipelineStoppedException) { }
        }
        watch.Stop();
        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpu0).TotalSeconds / watch.Elapsed.TotalSeconds * 100;
        var emCpu = (em.CpuTime - emCpu0).TotalSeconds / watch.Elapsed.TotalSeconds * 100;
        var requests = (await em.RequestsAsync()).Where(r => r.Method == "GET" && System.Text.RegularExpressions.Regex.IsMatch(r.Path, "/user/jobs/[^/]+$")).ToList();
        var perSecond = requests.Count / watch.Elapsed.TotalSeconds;
        Log($"polling: {requests.Count} requests in {watch.Elapsed.TotalSeconds:0.0} s, CPU {cpu:0.0}%");
        s.Rows.Add(new[] { n.ToString(), Inv.F(watch.Elapsed.TotalSeconds), requests.Count.ToString(), Inv.F(perSecond * 60, "0"), Inv.F(perSecond, "0.00"), "5/s (300/min)", "~20/s (1200/min)", Inv.F(cpu, "0.0"), Inv.F(emCpu, "0.0") });
        s.Bar("status requests ≤ the module's default 5/s", perSecond <= 5.05, $"{perSecond:0.00}/s");
        s.Bar("status requests ≤ the API's ~20/s for queries", perSecond <= 20, $"{perSecond:0.00}/s");
        s.After.Add($"- {requests.Count(r => r.Status != 200)} of the status requests were not answered 200.");
        s.After.Add($"- At 5 requests/s, one round over {n} jobs takes {n / 5.0:0} s, longer than the 30 s poll interval: with this many jobs the rate limit, not the interval, sets the pace.");

        // Does -Timeout end the wait on time when one round over the jobs takes longer than the timeout?
        var tn = _config.Quick ? 50 : n;
        var timeout = TimeSpan.FromSeconds(_config.Quick ? 2 : 10);
        var t = ps.Time("Wait-VoiceTrainingJob", new Dictionary<string, object?>
        {
            ["JobId"] = ids.Take(tn).ToArray(), ["Timeout"] = timeout, ["ErrorAction"] = ActionPreference.Continue,
        }, allowErrors: true);
        var honoured = t.Elapsed < timeout + TimeSpan.FromSeconds(2);
        s.After.Add($"- `-Timeout {timeout.TotalSeconds:0}` on {tn} jobs returned after **{t.Elapsed.TotalSeconds:0.0} s** with {t.Errors} WaitTimeout errors " +
            (honoured ? "(on time)." : $"— {t.Elapsed.TotalSeconds / timeout.TotalSeconds:0}× the timeout: it is checked only after a whole round over all due jobs, which at 5 requests/s takes {tn / 5.0:0} s."));
        s.Bar($"-Timeout {timeout.TotalSeconds:0} on {tn} jobs ends within timeout + 2 s", honoured, $"{t.Elapsed.TotalSeconds:0.0} s");
        return s;
    }
}
