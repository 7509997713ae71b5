using System.Diagnostics;
using System.Management.Automation;
using MetaStudio.Voice.Emulator;
using MetaStudio.Voice.Model;
using MetaStudio.Voice.Tests.Infrastructure;

namespace MetaStudio.Voice.Tests.Engine;

/// <summary>Each injected fault on its own, with the number of attempts it should cost.</summary>
public sealed class FaultTests : IAsyncLifetime
{
    private MetaStudioEmulator _emulator = null!;
    private readonly TestData _data = new();
    private string _wav = "";

    public async Task InitializeAsync()
    {
        _emulator = await MetaStudioEmulator.StartAsync(new EmulatorOptions());
        _wav = _data.Wav("faults/voice.wav", 185);
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _data.Dispose();
    }

    private PsHarness Connect(string extra = "")
    {
        var ps = new PsHarness();
        ps.Set("endpoint", _emulator.BaseUri.ToString());
        ps.Set("token", Secrets.Secure(EmulatorFixture.Token));
        ps.Set("wav", _wav);
        ps.Run($"Connect-MetaStudio -Endpoint $endpoint -ProjectId {EmulatorFixture.ProjectId} -Token $token -RetryDelay 0.01 {extra}").ThrowOnError();
        return ps;
    }

    private void Faults(params FaultRule[] rules)
    {
        var plan = new FaultPlan { Seed = 7 };
        plan.Rules.AddRange(rules);
        _emulator.SetFaults(plan);
    }

    private int Count(string method, Func<RecordedRequest, bool> where) => _emulator.Requests.Count(r => r.Method == method && where(r));

    [Fact]
    public void A_503_on_create_is_looked_up_first_then_retried_once()
    {
        using var ps = Connect();
        Faults(new FaultRule { Route = FaultRoutes.Create, Kind = FaultKind.Status503, FirstN = 1, RetryAfterSeconds = 0 });
        var job = ps.Run("New-VoiceTrainingJob -VoiceName 'create 503'").ThrowOnError().Single<VoiceTrainingJob>();
        Assert.Equal(2, Count("POST", r => r.Body?.Contains("create 503") == true));
        Assert.Equal(1, Count("GET", r => r.Path.EndsWith("/user/jobs") && r.QueryString.Contains("create")));
        Assert.Single(_emulator.Jobs, j => j.VoiceName == "create 503");
        Assert.Equal(job.JobId, _emulator.Jobs.Single(j => j.VoiceName == "create 503").JobId);
    }

    [Fact]
    public void A_create_whose_answer_is_lost_is_adopted_not_duplicated_and_the_pipeline_goes_on()
    {
        using var ps = Connect();
        Faults(new FaultRule { Route = FaultRoutes.Create, Kind = FaultKind.ResponseLost, FirstN = 1 });
        var job = ps.Run("New-VoiceTrainingJob -VoiceName 'lost answer' -Path $wav | Send-VoiceTrainingData | Submit-VoiceTrainingJob").ThrowOnError().Single<VoiceTrainingJob>();
        Assert.Equal(1, Count("POST", r => r.Body?.Contains("lost answer") == true));
        Assert.Single(_emulator.Jobs, j => j.VoiceName == "lost answer");
        Assert.Equal("SYSTEM_AUDITING", job.State);
        Assert.Contains(_emulator.Requests, r => r.Path.EndsWith($"/jobs/{job.JobId}/uploading-address-url")); // the adopted job had no URLs yet
    }

    [Fact]
    public void Throttled_creates_are_retried_without_a_lookup_because_the_gateway_refused_them()
    {
        using var ps = Connect();
        Faults(new FaultRule { Route = FaultRoutes.Create, Kind = FaultKind.Throttle429, FirstN = 2, RetryAfterSeconds = 0 });
        ps.Run("New-VoiceTrainingJob -VoiceName 'throttled create'").ThrowOnError();
        Assert.Equal(3, Count("POST", r => r.Body?.Contains("throttled create") == true));
        Assert.Equal(0, Count("GET", r => r.Path.EndsWith("/user/jobs") && r.QueryString.Contains("throttled")));
    }

    [Theory]
    [InlineData(FaultKind.ObsRequestTimeout)]
    [InlineData(FaultKind.ObsSlowDown)]
    [InlineData(FaultKind.ObsInternalError)]
    [InlineData(FaultKind.DropConnection)]
    public void A_failed_upload_is_resent_whole_and_arrives_intact(FaultKind kind)
    {
        using var ps = Connect();
        var job = ps.Run($"New-VoiceTrainingJob -VoiceName 'upload {kind}'").ThrowOnError().Single<VoiceTrainingJob>();
        ps.Set("job", job);
        Faults(new FaultRule { Route = FaultRoutes.Upload, Kind = kind, FirstN = 1, AfterBytes = kind == FaultKind.DropConnection ? 100_000 : null, RetryAfterSeconds = 0 });
        ps.Run("$job | Send-VoiceTrainingData -Path $wav").ThrowOnError();
        Assert.Equal(2, Count("PUT", r => r.Path.Contains(job.JobId)));
        var stored = Assert.Single(_emulator.Objects, o => o.Key.Contains(job.JobId));
        using var zip = System.IO.Compression.ZipFile.OpenRead(stored.FilePath!);
        using var entry = zip.Entries.Single().Open();
        Assert.Equal(TestData.Md5(_wav), TestData.Md5(entry));
    }

    [Fact]
    public void A_stalled_upload_is_aborted_by_the_watchdog_and_retried()
    {
        using var ps = Connect("-StallTimeout 0.3");
        var job = ps.Run("New-VoiceTrainingJob -VoiceName 'stalled upload'").ThrowOnError().Single<VoiceTrainingJob>();
        ps.Set("job", job);
        Faults(new FaultRule { Route = FaultRoutes.Upload, Kind = FaultKind.SlowRead, FirstN = 1, AfterBytes = 65536, Delay = TimeSpan.FromSeconds(2) });
        var r = ps.Run("$job | Send-VoiceTrainingData -Path $wav -Verbose").ThrowOnError();
        Assert.Contains(r.Verbose, v => v.Contains("UploadStalled"));
        Assert.Single(_emulator.Objects, o => o.Key.Contains(job.JobId));
    }

    [Fact]
    public void A_commit_whose_answer_is_lost_is_checked_not_sent_again()
    {
        using var ps = Connect();
        var job = ps.Run("New-VoiceTrainingJob -VoiceName 'commit lost' -Path $wav | Send-VoiceTrainingData").ThrowOnError().Single<VoiceTrainingJob>();
        ps.Set("job", job);
        Faults(new FaultRule { Route = FaultRoutes.Commit, Kind = FaultKind.ResponseLost, FirstN = 1 });
        var submitted = ps.Run("$job | Submit-VoiceTrainingJob").ThrowOnError().Single<VoiceTrainingJob>();
        Assert.Equal("SYSTEM_AUDITING", submitted.State);
        Assert.Equal(1, Count("POST", r => r.Path.EndsWith($"/jobs/{job.JobId}")));
    }

    [Fact]
    public void Reads_are_retried_and_the_final_failure_says_how_many_attempts_it_took()
    {
        using var ps = Connect();
        var job = ps.Run("New-VoiceTrainingJob -VoiceName 'read retries'").ThrowOnError().Single<VoiceTrainingJob>();
        ps.Set("id", job.JobId);
        Faults(new FaultRule { Route = FaultRoutes.Show, Kind = FaultKind.Status502, FirstN = 2 });
        ps.Run("Get-VoiceTrainingJob -JobId $id").ThrowOnError();
        Assert.Equal(3, Count("GET", r => r.Path.EndsWith($"/jobs/{job.JobId}")));

        Faults(new FaultRule { Route = FaultRoutes.Show, Kind = FaultKind.Status503, RetryAfterSeconds = 0 });
        var error = Assert.Single(ps.Run("Get-VoiceTrainingJob -JobId $id -MaxRetry 2 -Verbose").Errors);
        Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
        Assert.Contains("Gave up after 3 attempts", error.Exception.Message);
        Assert.Equal(3, ((MetaStudio.Voice.Client.MetaStudioException)error.Exception).Attempts);
    }

    [Fact]
    public void A_token_that_expires_mid_run_is_reported_with_how_to_reconnect()
    {
        using var ps = Connect();
        // Each New-VoiceTrainingJob reads the quota first, then creates: the first job's two requests pass.
        Faults(new FaultRule { Route = FaultRoutes.Any, Kind = FaultKind.ExpireToken, SkipFirst = 2 });
        var r = ps.Run("1..3 | ForEach-Object { New-VoiceTrainingJob -VoiceName \"expiring $_\" }");
        Assert.Single(r.Output);
        Assert.Equal(2, r.Errors.Count);
        Assert.All(r.Errors, e => { Assert.Equal(ErrorCategory.AuthenticationError, e.CategoryInfo.Category); Assert.Contains("Connect-MetaStudio", e.Exception.Message); });
    }
}

/// <summary>A night-long batch in miniature: hundreds of uploads under 20 % injected faults.</summary>
[Collection(SerialCollection.Name)]
public sealed class SoakTests
{
    [Fact]
    public async Task Three_hundred_uploads_under_twenty_percent_faults_lose_nothing_and_duplicate_nothing()
    {
        var plan = new FaultPlan { Seed = 20261124 };
        plan.Rules.AddRange(new[]
        {
            new FaultRule { Route = FaultRoutes.Create, Kind = FaultKind.ResponseLost, Probability = 0.1 },
            new FaultRule { Route = FaultRoutes.Create, Kind = FaultKind.Status503, Probability = 0.1, RetryAfterSeconds = 0 },
            new FaultRule { Route = FaultRoutes.Commit, Kind = FaultKind.Status503, Probability = 0.2, RetryAfterSeconds = 0 },
            new FaultRule { Route = FaultRoutes.Upload, Kind = FaultKind.ObsRequestTimeout, Probability = 0.07 },
            new FaultRule { Route = FaultRoutes.Upload, Kind = FaultKind.DropConnection, Probability = 0.07, AfterBytes = 4096 },
            new FaultRule { Route = FaultRoutes.Upload, Kind = FaultKind.ObsSlowDown, Probability = 0.06, RetryAfterSeconds = 0 },
            new FaultRule { Route = FaultRoutes.SegmentConfirm, Kind = FaultKind.Status502, Probability = 0.2 },
            new FaultRule { Route = FaultRoutes.Any, Kind = FaultKind.Throttle429, Probability = 0.1, RetryAfterSeconds = 0 },
            new FaultRule { Route = FaultRoutes.Any, Kind = FaultKind.Status503, Probability = 0.1, RetryAfterSeconds = 0 },
        });
        await using var emulator = await MetaStudioEmulator.StartAsync(new EmulatorOptions { Faults = plan });
        using var data = new TestData();
        var random = new Random(5);
        var packages = Enumerable.Range(0, 100).Select(i =>
        {
            var path = Path.Combine(data.Root, $"pkg{i}.zip");
            var bytes = new byte[random.Next(2_000, 600_000)];
            random.NextBytes(bytes);
            bytes[0] = (byte)'P'; bytes[1] = (byte)'K'; bytes[2] = 3; bytes[3] = 4;
            File.WriteAllBytes(path, bytes);
            return path;
        }).ToList();
        var segmentFolders = Enumerable.Range(0, 5).Select(j =>
        {
            var folder = data.Folder($"seg{j}");
            for (var i = 0; i < 20; i++)
            {
                data.Wav($"seg{j}/{i}.wav", 5 + random.NextDouble() * 5, seed: j * 100 + i);
                data.Text($"seg{j}/{i}.txt", $"Sentence {i} of set {j}.");
            }
            return folder;
        }).ToList();

        using var ps = new PsHarness();
        ps.Set("endpoint", emulator.BaseUri.ToString());
        ps.Set("token", Secrets.Secure(EmulatorFixture.Token));
        ps.Set("packages", packages.ToArray());
        ps.Set("segments", segmentFolders.ToArray());
        ps.Run($"Connect-MetaStudio -Endpoint $endpoint -ProjectId {EmulatorFixture.ProjectId} -Token $token -MaxRetry 8 -RetryDelay 0.005").ThrowOnError();

        var watch = Stopwatch.StartNew();
        var r = ps.Run("""
            $i = 0
            $rows = @($packages | ForEach-Object { $i++; [pscustomobject]@{ VoiceName = "soak package $i"; Path = $_; Edition = 'Premium'; CreateType = 'Package' } }) +
                    @($segments | ForEach-Object { $i++; [pscustomobject]@{ VoiceName = "soak segments $i"; Path = $_; Edition = 'Basic'; CreateType = 'Segment' } })
            $rows | New-VoiceTrainingJob | Send-VoiceTrainingData -SkipValidation | Submit-VoiceTrainingJob
            """);
        watch.Stop();

        var done = r.Output.Select(o => (VoiceTrainingJob)o.BaseObject).ToList();
        var faults = emulator.InjectedFaults.Count;
        var puts = emulator.Requests.Count(q => q.Method == "PUT");
        Console.WriteLine($"soak: {done.Count} jobs submitted, {r.Errors.Count} reported failures, {emulator.Objects.Count} objects, {puts} PUTs, {faults} injected faults, {emulator.Requests.Count} requests, {watch.Elapsed.TotalSeconds:0.0} s");

        // Nothing unreported: every row ended as a submitted job or an error record.
        Assert.Equal(105, done.Count + r.Errors.Count);
        Assert.True(done.Count >= 100, string.Join("\n", r.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception.Message)));
        Assert.True(faults > 100, $"only {faults} faults were injected");
        // Nothing duplicated: one job per voice name.
        Assert.All(emulator.Jobs.GroupBy(j => j.VoiceName), g => Assert.Single(g));
        Assert.Equal(105, emulator.Jobs.Count);
        // Nothing lost: every object the emulator holds is byte-identical to its source.
        foreach (var job in done)
        {
            var objects = emulator.Objects.Where(o => o.Key.Contains(job.JobId)).ToList();
            if (job.CreateType == "PACKAGE")
                Assert.Equal(TestData.Md5(job.Path!), Assert.Single(objects).Md5Hex);
            else
            {
                Assert.Equal(40, objects.Count);
                foreach (var o in objects) Assert.Equal(TestData.Md5(Path.Combine(job.Path!, Path.GetFileName(o.Key))), o.Md5Hex);
            }
        }
    }
}

/// <summary>Ctrl+C during a long upload: stops within a second, leaves no temp file, and a re-run starts over cleanly.</summary>
[Collection(SerialCollection.Name)]
public sealed class CancellationDuringUploadTests
{
    [Fact]
    public async Task Stop_during_an_upload_is_prompt_and_tidy()
    {
        var plan = new FaultPlan();
        plan.Rules.Add(new FaultRule { Route = FaultRoutes.Upload, Kind = FaultKind.SlowRead, FirstN = 1, AfterBytes = 65536, Delay = TimeSpan.FromMilliseconds(200) });
        await using var emulator = await MetaStudioEmulator.StartAsync(new EmulatorOptions { Faults = plan });
        using var data = new TestData();
        var folder = data.Folder("cancel");
        data.Wav("cancel/voice.wav", 185);
        var tempDir = MetaStudio.Voice.Upload.TrainingDataUploader.TempDirectory;
        var before = Directory.Exists(tempDir) ? Directory.GetFiles(tempDir).ToHashSet() : new HashSet<string>();

        using var harness = new PsHarness();
        harness.Set("endpoint", emulator.BaseUri.ToString());
        harness.Set("token", Secrets.Secure(EmulatorFixture.Token));
        harness.Set("folder", folder);
        harness.Run($"Connect-MetaStudio -Endpoint $endpoint -ProjectId {EmulatorFixture.ProjectId} -Token $token; $job = New-VoiceTrainingJob -VoiceName 'cancelled' -Path $folder").ThrowOnError();

        using (var ps = PowerShell.Create())
        {
            ps.Runspace = harness.Runspace;
            ps.AddScript("$job | Send-VoiceTrainingData");
            var async = ps.BeginInvoke();
            SpinWait.SpinUntil(() => emulator.Requests.Any(q => q.Method == "PUT") || async.IsCompleted, TimeSpan.FromSeconds(5));
            Thread.Sleep(300); // the slow upload is under way
            Assert.False(async.IsCompleted);
            var watch = Stopwatch.StartNew();
            ps.Stop();
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"Stop took {watch.Elapsed}");
            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        }
        SpinWait.SpinUntil(() => !Directory.Exists(tempDir) || Directory.GetFiles(tempDir).All(before.Contains), TimeSpan.FromSeconds(2));
        Assert.True(!Directory.Exists(tempDir) || Directory.GetFiles(tempDir).All(before.Contains), "a temp zip was left behind");
        Assert.Empty(emulator.Objects);

        // Running it again starts the package over and completes.
        harness.Run("$job | Send-VoiceTrainingData | Submit-VoiceTrainingJob").ThrowOnError();
        Assert.Single(emulator.Objects);
    }
}

/// <summary>The secrets scan over a whole faulty run: retries, refreshes and failures with -Verbose -Debug.</summary>
public sealed class FaultySecretsTests
{
    [Fact]
    public async Task Nothing_secret_leaks_while_things_go_wrong()
    {
        var plan = new FaultPlan { Seed = 3 };
        plan.Rules.AddRange(new[]
        {
            new FaultRule { Route = FaultRoutes.Create, Kind = FaultKind.ResponseLost, FirstN = 1 },
            new FaultRule { Route = FaultRoutes.Upload, Kind = FaultKind.ObsRequestTimeout, FirstN = 1 },
            new FaultRule { Route = FaultRoutes.Upload, Kind = FaultKind.DropConnection, SkipFirst = 1, FirstN = 1, AfterBytes = 10_000 },
            new FaultRule { Route = FaultRoutes.Show, Kind = FaultKind.Status503, Probability = 0.5, RetryAfterSeconds = 0 },
            new FaultRule { Route = FaultRoutes.Commit, Kind = FaultKind.ResponseLost, FirstN = 1 },
        });
        await using var emulator = await MetaStudioEmulator.StartAsync(new EmulatorOptions { Faults = plan, UploadUrlLifetime = TimeSpan.FromSeconds(2) });
        using var data = new TestData();
        using var ps = new PsHarness();
        ps.Set("endpoint", emulator.BaseUri.ToString());
        ps.Set("token", Secrets.Secure(EmulatorFixture.Token));
        ps.Set("wav", data.Wav("faulty/voice.wav", 185));
        ps.Set("DebugPreference", "Continue");
        ps.Set("VerbosePreference", "Continue");
        ps.Run($$"""
            Connect-MetaStudio -Endpoint $endpoint -ProjectId {{EmulatorFixture.ProjectId}} -Token $token -RetryDelay 0.01 -MaxRetry 4
            $job = New-VoiceTrainingJob -VoiceName 'faulty secrets' -Path $wav
            [System.Threading.Thread]::Sleep(2200)   # the URLs expire: the upload refreshes them
            $job | Send-VoiceTrainingData | Submit-VoiceTrainingJob | Out-Default
            Get-VoiceTrainingJob -JobId $job.JobId -MaxRetry 0
            $Error | ForEach-Object { $_ | Out-Default; $_.Exception.ToString() }
            """);
        Assert.NotEmpty(emulator.InjectedFaults);
        Assert.Contains(ps.Transcript, t => t.Contains("retrying"));
        Assert.Contains(emulator.Requests, r => r.Path.EndsWith("/uploading-address-url"));
        var signatures = emulator.Requests.Where(r => r.Method == "PUT")
            .Select(r => System.Web.HttpUtility.ParseQueryString(r.QueryString)["Signature"]!)
            .SelectMany(s => new[] { s, Uri.EscapeDataString(s) }).Distinct().ToList();
        Assert.NotEmpty(signatures);
        Secrets.AssertAbsent(ps.Transcript, signatures.Append(EmulatorFixture.Token));
    }
}
