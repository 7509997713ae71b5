using MetaStudio.Voice.Model;
using MetaStudio.Voice.Tests.Infrastructure;

namespace MetaStudio.Voice.Tests.Engine;

/// <summary>What a user sees: views rendered through Out-Default, tab completion, and the smaller lifecycle cmdlets.</summary>
public sealed class ViewTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _fx;
    private readonly TestData _data = new();

    public ViewTests(EmulatorFixture fx) => _fx = fx;

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Jobs_render_as_a_table_with_the_columns_admins_read()
    {
        using var ps = _fx.Connect();
        ps.Run("New-VoiceTrainingJob -VoiceName 'table view' | Out-Default").ThrowOnError();
        var lines = ps.Host.Text.Split('\n');
        var header = Assert.Single(lines, l => l.StartsWith("JobId"));
        foreach (var column in new[] { "VoiceName", "Edition", "State", "Updated", "AssetId" }) Assert.Contains(column, header);
        Assert.Contains(lines, l => l.Contains("table view") && l.Contains("Premium") && l.Contains("CREATING"));
    }

    [Fact]
    public void The_validation_report_groups_problems_by_file()
    {
        var folder = _data.Folder("report");
        _data.Wav("report/0.wav", 20);
        using var ps = new PsHarness();
        ps.Set("f", folder);
        ps.Run("Test-VoiceTrainingData $f -Edition Basic | Out-Default").ThrowOnError();
        var text = ps.Host.Text;
        Assert.Contains("INVALID", text);
        var lines = text.Split('\n').Select(l => l.TrimEnd()).ToList();
        var fileLine = lines.FindIndex(l => l.Trim() == "0.wav" || l.EndsWith(": 0.wav") || l.EndsWith(" 0.wav"));
        Assert.True(fileLine >= 0, text);
        Assert.Contains("ERROR ClipTooLong", lines[fileLine + 1]);
        Assert.Contains(lines, l => l.Contains("ERROR MissingTranscript"));
    }

    [Fact]
    public void Job_ids_complete_from_jobs_the_session_has_seen_without_a_request()
    {
        using var ps = _fx.Connect();
        var job = ps.Run("New-VoiceTrainingJob -VoiceName 'completion voice'").ThrowOnError().Single<VoiceTrainingJob>();
        var before = _fx.Emulator.Requests.Count;
        var r = ps.Run("$s = 'Get-VoiceTrainingJob -JobId completion'; (TabExpansion2 -inputScript $s -cursorColumn $s.Length).CompletionMatches | ForEach-Object CompletionText").ThrowOnError();
        Assert.Equal(job.JobId, Assert.Single(r.Output).BaseObject);
        var byId = ps.Run($"$s = 'Send-VoiceTrainingData -JobId {job.JobId[..6]}'; (TabExpansion2 -inputScript $s -cursorColumn $s.Length).CompletionMatches | ForEach-Object CompletionText").ThrowOnError();
        Assert.Contains(job.JobId, byId.Output.Select(o => (string)o.BaseObject));
        Assert.Equal(before, _fx.Emulator.Requests.Count);
    }

    [Fact]
    public void The_job_log_lists_each_operation_in_order()
    {
        using var ps = _fx.Connect();
        ps.Set("wav", _fx.LongWav);
        var job = ps.Run("New-VoiceTrainingJob -VoiceName 'logged' -Path $wav | Send-VoiceTrainingData | Submit-VoiceTrainingJob").ThrowOnError().Single<VoiceTrainingJob>();
        ps.Set("job", job);
        var entries = ps.Run("$job | Get-VoiceTrainingJobLog").ThrowOnError().Output.Select(o => (VoiceTrainingJobLogEntry)o.BaseObject).ToList();
        Assert.Equal(new[] { "CREATE_JOB", "COMMIT_JOB" }, entries.Select(e => e.Action).Take(2));
        Assert.All(entries, e => Assert.Equal(job.JobId, e.JobId));
        Assert.All(entries, e => Assert.Equal(DateTimeKind.Utc, e.Time!.Value.Kind));
        ps.Run("$job | Get-VoiceTrainingJobLog | Out-Default").ThrowOnError();
        Assert.Contains("COMMIT_JOB", ps.Host.Text);
    }

    [Fact]
    public void Duration_limits_and_quotas_use_edition_names()
    {
        using var ps = _fx.Connect();
        var limits = ps.Run("Get-VoiceTrainingDurationLimit").ThrowOnError().Output.Select(o => (VoiceTrainingDurationLimit)o.BaseObject).ToDictionary(l => l.Edition);
        Assert.Equal(TimeSpan.FromSeconds(_fx.Emulator.Options.DurationLimits["advance_min_value"]), limits["Premium"].Minimum);
        Assert.Equal(TimeSpan.FromSeconds(_fx.Emulator.Options.DurationLimits["basic_max_value"]), limits["Basic"].Maximum);
        var quotas = ps.Run("Get-VoiceTrainingQuota").ThrowOnError().Output.Select(o => (VoiceTrainingQuota)o.BaseObject).ToList();
        Assert.Contains(quotas, q => q.Edition == "Premium");
        Assert.Contains(quotas, q => q.Edition == "Advanced");
    }

    [Fact]
    public void Jobs_are_put_into_a_batch_in_one_request_and_the_batch_is_a_filter()
    {
        using var ps = _fx.Connect();
        var jobs = ps.Run("1..3 | ForEach-Object { New-VoiceTrainingJob -VoiceName \"batched $_\" }").ThrowOnError().Output.Select(o => (VoiceTrainingJob)o.BaseObject).ToList();
        ps.Set("jobs", jobs.ToArray());
        var batch = "night-" + Guid.NewGuid().ToString("N")[..6];
        ps.Set("batch", batch);
        ps.Run("$jobs | Set-VoiceTrainingJobBatch -BatchName $batch -WhatIf").ThrowOnError();
        Assert.DoesNotContain(_fx.Emulator.Requests, r => r.Method == "PUT" && r.Path.EndsWith("/batch") && r.Body!.Contains(batch));

        var passed = ps.Run("$jobs | Set-VoiceTrainingJobBatch -BatchName $batch -PassThru").ThrowOnError().Output.Select(o => (VoiceTrainingJob)o.BaseObject).ToList();
        Assert.All(passed, j => Assert.Equal(batch, j.BatchName));
        Assert.Single(_fx.Emulator.Requests, r => r.Method == "PUT" && r.Path.EndsWith("/batch") && r.Body!.Contains(batch));
        var listed = ps.Run("Get-VoiceTrainingJob -BatchName $batch").ThrowOnError().Output.Select(o => ((VoiceTrainingJob)o.BaseObject).JobId).OrderBy(x => x);
        Assert.Equal(jobs.Select(j => j.JobId).OrderBy(x => x), listed);
    }
}

public sealed class QuotaWarningTests
{
    [Fact]
    public async Task Creating_a_job_of_an_edition_with_no_quota_left_warns_once_per_command()
    {
        var options = new MetaStudio.Voice.Emulator.EmulatorOptions();
        options.Quotas["basic"] = 0;
        await using var emulator = await MetaStudio.Voice.Emulator.MetaStudioEmulator.StartAsync(options);
        using var ps = new PsHarness();
        ps.Set("endpoint", emulator.BaseUri.ToString());
        ps.Set("token", Secrets.Secure(EmulatorFixture.Token));
        ps.Run($"Connect-MetaStudio -Endpoint $endpoint -ProjectId {EmulatorFixture.ProjectId} -Token $token").ThrowOnError();

        var r = ps.Run("1..3 | ForEach-Object { [pscustomobject]@{ VoiceName = \"no quota $_\"; Edition = 'Basic' } } | New-VoiceTrainingJob").ThrowOnError();
        Assert.Equal(3, r.Output.Count); // on-demand billing: creating still works
        var warning = Assert.Single(r.Warnings);
        Assert.Contains("Basic", warning);
        Assert.Contains("Get-VoiceTrainingQuota", warning);
        Assert.Single(emulator.Requests, q => q.Path.EndsWith("/quotas"));
        Assert.Empty(ps.Run("New-VoiceTrainingJob -VoiceName 'has quota' -Edition Premium").ThrowOnError().Warnings);
    }
}

public sealed class AppUserIdTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;

    public AppUserIdTests(EmulatorFixture fx) => _fx = fx;

    [Fact]
    public void Every_job_command_sends_the_explicit_app_user_else_the_jobs_else_the_sessions()
    {
        using var ps = _fx.Connect("-AppUserId session-user");
        var job = ps.Run("New-VoiceTrainingJob -VoiceName 'app users' -AppUserId job-user").ThrowOnError().Single<VoiceTrainingJob>();
        ps.Set("job", job);
        _fx.Emulator.ClearRequests();

        ps.Run("$job | Set-VoiceTrainingJobBatch -BatchName b1").ThrowOnError();
        Assert.StartsWith("WaitTimeout,", Assert.Single(ps.Run("$job | Wait-VoiceTrainingJob -Timeout 0.2 -PollInterval 0.05").Errors).FullyQualifiedErrorId);
        Assert.All(_fx.RequestsFor("/voice-training-manage/").Where(r => r.Method != "PUT" || r.Path.EndsWith("/batch")),
            r => Assert.Equal("job-user", r.Headers["X-App-UserId"]));

        _fx.Emulator.ClearRequests();
        ps.Run("Send-VoiceTrainingData -JobId $job.JobId -Path $longWav -AppUserId explicit-user").ThrowOnError();
        Assert.Equal("explicit-user", _fx.Emulator.Requests.First(r => r.Method == "GET" && r.Path.EndsWith("/jobs/" + job.JobId)).Headers["X-App-UserId"]);

        ps.Run("Remove-VoiceTrainingJob -JobId $job.JobId -Force").ThrowOnError();
        Assert.Equal("session-user", _fx.Emulator.Requests.Single(r => r.Method == "DELETE").Headers["X-App-UserId"]);

        var bad = ps.Run("$job | Remove-VoiceTrainingJob -Force -AppUserId '用户'");
        Assert.StartsWith("InvalidAppUserId,", Assert.Single(bad.Errors).FullyQualifiedErrorId);
    }
}
