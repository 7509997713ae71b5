using System.Diagnostics;
using System.Management.Automation;
using MetaStudio.Voice.Emulator;
using MetaStudio.Voice.Lifecycle;
using MetaStudio.Voice.Model;
using MetaStudio.Voice.Tests.Infrastructure;

namespace MetaStudio.Voice.Tests.Engine;

/// <summary>An emulator whose jobs walk through review and training in milliseconds.</summary>
public sealed class FastEmulatorFixture : IAsyncLifetime
{
    public MetaStudioEmulator Emulator { get; private set; } = null!;
    public TestData Data { get; } = new();
    public string LongWav { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Emulator = await MetaStudioEmulator.StartAsync(new EmulatorOptions { StepDelay = TimeSpan.FromMilliseconds(40) });
        LongWav = Data.Wav("premium-3min.wav", 181);
    }

    public async Task DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Data.Dispose();
    }

    public PsHarness Connect()
    {
        var ps = new PsHarness();
        ps.Set("token", Secrets.Secure(EmulatorFixture.Token));
        ps.Set("endpoint", Emulator.BaseUri.ToString());
        ps.Set("wav", LongWav);
        ps.Run($"Connect-MetaStudio -Endpoint $endpoint -ProjectId {EmulatorFixture.ProjectId} -Token $token").ThrowOnError();
        return ps;
    }
}

public sealed class WaitTests : IClassFixture<FastEmulatorFixture>
{
    private readonly FastEmulatorFixture _fx;

    public WaitTests(FastEmulatorFixture fx) => _fx = fx;

    [Fact]
    public void Waiting_on_twenty_jobs_emits_the_successes_and_explains_each_failure()
    {
        using var ps = _fx.Connect();
        var r = ps.Run("""
            $names = (1..14 | ForEach-Object { "wait ok $_" }) + (1..3 | ForEach-Object { "wait audit-fail $_" }) + (1..3 | ForEach-Object { "wait train-fail $_" })
            $names | ForEach-Object { [pscustomobject]@{ VoiceName = $_; Path = $wav } } |
                New-VoiceTrainingJob | Send-VoiceTrainingData | Submit-VoiceTrainingJob |
                Wait-VoiceTrainingJob -PollInterval 0.05 -Timeout 60 -MaxRequestsPerSecond 20
            """);

        var done = r.Output.Select(o => (VoiceTrainingJob)o.BaseObject).ToList();
        Assert.Equal(14, done.Count);
        Assert.All(done, j => Assert.Equal("SUCCEED", j.State));
        Assert.All(done, j => Assert.False(string.IsNullOrEmpty(j.AssetId)));
        Assert.All(done, j => Assert.Equal(_fx.Emulator.GetJob(j.JobId)!.AssetId, j.AssetId));

        Assert.Equal(6, r.Errors.Count);
        var audit = r.Errors.Where(e => e.FullyQualifiedErrorId.StartsWith("VoiceTrainingAuditFailed,")).ToList();
        Assert.Equal(3, audit.Count);
        Assert.All(audit, e =>
        {
            var ex = Assert.IsType<VoiceTrainingJobFailedException>(e.Exception);
            Assert.NotNull(ex.AuditResult);
            Assert.NotEmpty(ex.AuditResult!.Errors);
            Assert.Contains(ex.AuditResult.Errors[0].ErrorCode!, ex.Message);
            Assert.Contains("Send-VoiceTrainingData -JobId", ex.Message);
            Assert.Equal(ErrorCategory.InvalidResult, e.CategoryInfo.Category);
            Assert.IsType<VoiceTrainingJob>(e.TargetObject);
        });
        var failed = r.Errors.Where(e => e.FullyQualifiedErrorId.StartsWith("VoiceTrainingFailed,")).ToList();
        Assert.Equal(3, failed.Count);
        Assert.All(failed, e => Assert.Contains(((VoiceTrainingJob)e.TargetObject).FailureCode!, e.Exception.Message));

        // Progress: an overall bar for all twenty, from the pipeline thread.
        Assert.Contains(r.Progress, p => p.ActivityId == 1 && p.StatusDescription.Contains("of 20 finished"));
    }

    [Fact]
    public void Resubmitting_after_an_audit_failure_works_after_a_reupload()
    {
        using var ps = _fx.Connect();
        var first = ps.Run("New-VoiceTrainingJob -VoiceName 'resubmit audit-fail' -Path $wav | Send-VoiceTrainingData | Submit-VoiceTrainingJob | Wait-VoiceTrainingJob -PollInterval 0.05 -Timeout 30");
        var error = Assert.Single(first.Errors);
        var job = (VoiceTrainingJob)error.TargetObject;
        Assert.Equal("AUDIT_FAILED", job.State);
        ps.Set("job", job);

        var audit = ps.Run("Get-VoiceTrainingAuditResult -JobId $job.JobId").ThrowOnError().Single<VoiceTrainingAuditResult>();
        Assert.NotEmpty(audit.Errors);

        var again = ps.Run("Send-VoiceTrainingData -JobId $job.JobId -Path $wav | Submit-VoiceTrainingJob").ThrowOnError().Single<VoiceTrainingJob>();
        Assert.NotEqual("AUDIT_FAILED", again.State);
        Assert.NotEqual("CREATING", again.State);
    }

    [Fact]
    public void Timeout_reports_each_unfinished_job()
    {
        using var slow = MetaStudioEmulator.StartAsync(new EmulatorOptions()).GetAwaiter().GetResult(); // committed jobs stay in review
        using var ps = new PsHarness();
        ps.Set("token", Secrets.Secure(EmulatorFixture.Token));
        ps.Set("endpoint", slow.BaseUri.ToString());
        ps.Set("wav", _fx.LongWav);
        ps.Run($"Connect-MetaStudio -Endpoint $endpoint -ProjectId {EmulatorFixture.ProjectId} -Token $token").ThrowOnError();
        var r = ps.Run("New-VoiceTrainingJob -VoiceName 'stuck' -Path $wav | Send-VoiceTrainingData | Submit-VoiceTrainingJob | Wait-VoiceTrainingJob -PollInterval 0.05 -Timeout 0.4");
        Assert.Empty(r.Output);
        var error = Assert.Single(r.Errors);
        Assert.StartsWith("WaitTimeout,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Contains("SYSTEM_AUDITING", error.Exception.Message);
        // A bar per job under the overall one, showing the state and the time in it.
        Assert.Contains(r.Progress, p => p.ParentActivityId == 1 && p.Activity == "stuck" && p.StatusDescription.StartsWith("SYSTEM_AUDITING for "));
        Assert.Contains(r.Progress, p => p.ActivityId == 1 && p.RecordType == ProgressRecordType.Completed);
    }

    [Fact]
    public void The_timeout_holds_even_when_the_rate_cap_makes_a_polling_round_long()
    {
        using var slow = MetaStudioEmulator.StartAsync(new EmulatorOptions()).GetAwaiter().GetResult();
        using var ps = new PsHarness();
        ps.Set("token", Secrets.Secure(EmulatorFixture.Token));
        ps.Set("endpoint", slow.BaseUri.ToString());
        ps.Run($"Connect-MetaStudio -Endpoint $endpoint -ProjectId {EmulatorFixture.ProjectId} -Token $token").ThrowOnError();
        ps.Run("$jobs = 1..50 | ForEach-Object { New-VoiceTrainingJob -VoiceName \"waiting $_\" }").ThrowOnError();
        var watch = Stopwatch.StartNew();
        // One round over 50 jobs at 2 requests/s would take 25 s; the 1 s timeout must cut it short.
        var r = ps.Run("$jobs | Wait-VoiceTrainingJob -PollInterval 0.05 -MaxRequestsPerSecond 2 -Timeout 1");
        watch.Stop();
        Assert.Equal(50, r.Errors.Count(e => e.FullyQualifiedErrorId.StartsWith("WaitTimeout,")));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the wait took {watch.Elapsed}");
    }

    [Fact]
    public void Ctrl_C_stops_a_wait_at_once()
    {
        using var slow = MetaStudioEmulator.StartAsync(new EmulatorOptions()).GetAwaiter().GetResult();
        using var harness = new PsHarness();
        harness.Set("token", Secrets.Secure(EmulatorFixture.Token));
        harness.Set("endpoint", slow.BaseUri.ToString());
        harness.Set("wav", _fx.LongWav);
        harness.Run($"Connect-MetaStudio -Endpoint $endpoint -ProjectId {EmulatorFixture.ProjectId} -Token $token; $job = New-VoiceTrainingJob -VoiceName 'waited on' -Path $wav | Send-VoiceTrainingData | Submit-VoiceTrainingJob").ThrowOnError();

        var jobId = ((VoiceTrainingJob)((PSObject)harness.Get("job")!).BaseObject).JobId;
        using var ps = PowerShell.Create();
        ps.Runspace = harness.Runspace;
        ps.AddScript("$job | Wait-VoiceTrainingJob -PollInterval 30");
        var async = ps.BeginInvoke();
        SpinWait.SpinUntil(() => slow.Requests.Count(q => q.Method == "GET" && q.Path.EndsWith("/jobs/" + jobId)) > 1, TimeSpan.FromSeconds(10));
        Thread.Sleep(200);
        var watch = Stopwatch.StartNew();
        ps.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"Stop took {watch.Elapsed}");
        Assert.True(async.IsCompleted);
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
    }

    [Fact]
    public void Remove_honours_WhatIf_and_Confirm_and_reports_what_the_service_refuses()
    {
        using var ps = _fx.Connect();
        var job = ps.Run("New-VoiceTrainingJob -VoiceName 'to remove'").ThrowOnError().Single<VoiceTrainingJob>();
        ps.Set("job", job);

        ps.Run("$job | Remove-VoiceTrainingJob -WhatIf").ThrowOnError();
        Assert.Contains(_fx.Emulator.Jobs, j => j.JobId == job.JobId);
        Assert.DoesNotContain(_fx.Emulator.Requests, q => q.Method == "DELETE" && q.Path.EndsWith(job.JobId));

        ps.Run("$job | Remove-VoiceTrainingJob -Confirm:$false").ThrowOnError();
        Assert.DoesNotContain(_fx.Emulator.Jobs, j => j.JobId == job.JobId);

        var again = ps.Run("Remove-VoiceTrainingJob -JobId $job.JobId -Force");
        var error = Assert.Single(again.Errors);
        Assert.StartsWith("MSS.", error.FullyQualifiedErrorId);
        Assert.Equal(job.JobId, error.TargetObject);
    }
}

public sealed class ListTests : IAsyncLifetime
{
    private MetaStudioEmulator _emulator = null!;
    private PsHarness _ps = null!;

    public async Task InitializeAsync()
    {
        _emulator = await MetaStudioEmulator.StartAsync(new EmulatorOptions());
        _ps = new PsHarness();
        _ps.Set("token", Secrets.Secure(EmulatorFixture.Token));
        _ps.Set("endpoint", _emulator.BaseUri.ToString());
        _ps.Run($"Connect-MetaStudio -Endpoint $endpoint -ProjectId {EmulatorFixture.ProjectId} -Token $token").ThrowOnError();
        _ps.Run("""
            1..250 | ForEach-Object {
                [pscustomobject]@{ VoiceName = "list $_"; Tag = @('NEWS', 'MARKETING')[$_ % 2]; Edition = @('Premium', 'Basic')[[int]($_ -gt 200)] }
            } | New-VoiceTrainingJob | Out-Null
            """).ThrowOnError();
    }

    public async Task DisposeAsync()
    {
        _ps.Dispose();
        await _emulator.DisposeAsync();
    }

    private IEnumerable<RecordedRequest> Lists() => _emulator.Requests.Where(r => r.Method == "GET" && r.Path.EndsWith("/voice-training-manage/user/jobs"));

    [Fact]
    public void Listing_pages_through_everything_with_the_largest_page()
    {
        _emulator.ClearRequests();
        var jobs = _ps.Run("Get-VoiceTrainingJob").ThrowOnError().Output;
        Assert.Equal(250, jobs.Count);
        Assert.Equal(250, jobs.Select(j => ((VoiceTrainingJob)j.BaseObject).JobId).Distinct().Count());
        var pages = Lists().Select(r => System.Web.HttpUtility.ParseQueryString(r.QueryString)).ToList();
        Assert.Equal(new[] { "0", "100", "200" }, pages.Select(p => p["offset"]));
        Assert.All(pages, p => Assert.Equal("100", p["limit"]));
        Assert.All(pages, p => Assert.Equal("desc", p["sort_dir"]));
    }

    [Fact]
    public void First_Skip_and_IncludeTotalCount_map_to_offset_and_limit()
    {
        _emulator.ClearRequests();
        var r = _ps.Run("Get-VoiceTrainingJob -First 5 -Skip 10 -Ascending -IncludeTotalCount").ThrowOnError();
        Assert.Equal(250UL, Convert.ToUInt64(r.Output[0].BaseObject));
        var names = r.Output.Skip(1).Select(o => ((VoiceTrainingJob)o.BaseObject).VoiceName).ToList();
        Assert.Equal(Enumerable.Range(11, 5).Select(i => $"list {i}"), names);
        var page = System.Web.HttpUtility.ParseQueryString(Assert.Single(Lists()).QueryString);
        Assert.Equal("10", page["offset"]);
        Assert.Equal("5", page["limit"]);
        Assert.Equal("asc", page["sort_dir"]);
    }

    [Fact]
    public void Filters_reach_the_service_in_its_own_terms()
    {
        _emulator.ClearRequests();
        var basic = _ps.Run("Get-VoiceTrainingJob -Edition Basic -Tag news -State CREATING,FAILED").ThrowOnError().Output.Select(o => (VoiceTrainingJob)o.BaseObject).ToList();
        Assert.Equal(25, basic.Count); // 201..250, even numbers
        Assert.All(basic, j => { Assert.Equal("Basic", j.Edition); Assert.Equal("NEWS", j.Tag); });
        var q = System.Web.HttpUtility.ParseQueryString(Assert.Single(Lists()).QueryString);
        Assert.Equal("BASIC", q["job_type"]);
        Assert.Equal("NEWS", q["tag"]);
        Assert.Equal("CREATING,FAILED", q["state"]);

        _emulator.ClearRequests();
        var named = _ps.Run("Get-VoiceTrainingJob -VoiceName 'list 7'").ThrowOnError().Output.Select(o => (VoiceTrainingJob)o.BaseObject).ToList();
        Assert.Contains(named, j => j.VoiceName == "list 7");
        Assert.All(named, j => Assert.Contains("list 7", j.VoiceName)); // the emulator matches names as substrings
        Assert.Equal("list 7", System.Web.HttpUtility.ParseQueryString(Assert.Single(Lists()).QueryString)["voice_name"]);

        _emulator.ClearRequests();
        var since = DateTime.UtcNow.AddMinutes(-5);
        _ps.Set("since", since);
        Assert.Equal(250, _ps.Run("Get-VoiceTrainingJob -CreatedAfter $since -SortBy UpdateTime").ThrowOnError().Output.Count);
        var q2 = System.Web.HttpUtility.ParseQueryString(Lists().First().QueryString);
        Assert.Equal(since.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), q2["create_since"]);
        Assert.Equal("update_time", q2["sort_key"]);
        Assert.Empty(_ps.Run("Get-VoiceTrainingJob -CreatedBefore $since").ThrowOnError().Output);
    }

    [Fact]
    public void Times_are_utc_datetimes_and_unknown_values_pass_through()
    {
        var job = _ps.Run("Get-VoiceTrainingJob -First 1").ThrowOnError().Single<VoiceTrainingJob>();
        Assert.Equal(DateTimeKind.Utc, job.CreatedAt!.Value.Kind);
        Assert.InRange(job.CreatedAt.Value, DateTime.UtcNow.AddMinutes(-10), DateTime.UtcNow.AddMinutes(1));
    }
}
