using System.Net;
using System.Text.Json;
using MetaStudio.Voice.Emulator;

namespace MetaStudio.Voice.Tests.Emulator;

public class EmulatorLifecycleTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Commit_before_upload_is_400_and_after_upload_moves_to_system_auditing()
    {
        await using var c = await EmulatorTestClient.StartAsync(); // StepDelay null: stays in SYSTEM_AUDITING
        var created = await c.CreateAsync("advance", """{"voice_name":"v","tag":"NEWS"}""");
        var jobId = created.GetProperty("job_id").GetString()!;

        using (var early = await c.CommitAsync(jobId))
        {
            Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
            using var doc = JsonDocument.Parse(await early.Content.ReadAsStringAsync());
            JsonAssert.Error(doc.RootElement, "MSS.10000003", "training data has not been uploaded");
        }
        Assert.Equal("CREATING", await c.StateAsync(jobId));

        await c.UploadPackageAsync(created);
        using (var commit = await c.CommitAsync(jobId, """{"description":"updated","tag":"LIVE","app_user_id":"u7","sex":null}"""))
        {
            Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
            Assert.Equal("{}", await commit.Content.ReadAsStringAsync());
        }

        var info = await c.GetJobAsync(jobId);
        Assert.Equal("SYSTEM_AUDITING", info.GetProperty("state").GetString());
        Assert.Equal("LIVE", info.GetProperty("tag").GetString());
        Assert.Equal("u7", info.GetProperty("app_user_id").GetString());
        Assert.Equal("FEMALE", info.GetProperty("sex").GetString());
        Assert.EndsWith("/data.zip", info.GetProperty("training_input_source_url").GetString());
        Assert.Equal("updated", c.Emulator.GetJob(jobId)!.Description);

        await Task.Delay(50);
        Assert.Equal("SYSTEM_AUDITING", await c.StateAsync(jobId));
        using var twice = await c.CommitAsync(jobId);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
    }

    [Fact]
    public async Task Commit_body_is_validated()
    {
        await using var c = await EmulatorTestClient.StartAsync();
        var created = await c.CreateAsync("advance", """{"voice_name":"v"}""");
        await c.UploadPackageAsync(created);
        var jobId = created.GetProperty("job_id").GetString()!;
        var (bad, body) = await c.CallAsync(HttpMethod.Post, $"user/jobs/{jobId}", """{"language":"FR"}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        JsonAssert.Error(body, "MSS.10000003", "language");
        Assert.Equal("CREATING", await c.StateAsync(jobId));
    }

    [Fact]
    public async Task Step_delay_walks_to_succeed_with_asset_id()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var c = await EmulatorTestClient.StartAsync(o => { o.StepDelay = Step; o.TimeProvider = clock; });
        var created = await c.CreateAsync("basic", """{"voice_name":"happy voice"}""");
        var jobId = created.GetProperty("job_id").GetString()!;
        await c.UploadPackageAsync(created);
        using (var commit = await c.CommitAsync(jobId)) Assert.Equal(HttpStatusCode.OK, commit.StatusCode);

        var seen = new List<string> { await c.StateAsync(jobId) };
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(Step);
            seen.Add(await c.StateAsync(jobId));
        }
        Assert.Equal(["SYSTEM_AUDITING", "AUDITING", "WAITING", "PROCESSING", "SUCCEED", "SUCCEED"], seen);

        var info = await c.GetJobAsync(jobId);
        Assert.True(Guid.TryParse(info.GetProperty("asset_id").GetString(), out _));
        Assert.False(info.TryGetProperty("job_failed_code", out _));
        var job = c.Emulator.GetJob(jobId)!;
        Assert.Equal(job.CommitTime!.Value + 4 * Step, job.LastUpdateTime);
        Assert.Equal(info.GetProperty("asset_id").GetString(), (await c.GetJobAsync(jobId)).GetProperty("asset_id").GetString());

        var (_, logs) = await c.CallAsync(HttpMethod.Get, $"user/jobs/{jobId}/op-logs?limit=100");
        Assert.Equal(["CREATE_JOB", "COMMIT_JOB", "SYSTEM_AUDIT_PASS", "ADMIN_AUDIT_PASS", "TRAINING_FINISH", "COMPLETE_JOB"],
            logs.GetProperty("operations").EnumerateArray().Select(o => o.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Real_time_step_delay_reaches_succeed()
    {
        await using var c = await EmulatorTestClient.StartAsync(o => o.StepDelay = TimeSpan.FromMilliseconds(40));
        var created = await c.CreateAsync("third-party", """{"voice_name":"v"}""");
        var jobId = created.GetProperty("job_id").GetString()!;
        await c.UploadPackageAsync(created);
        using (var commit = await c.CommitAsync(jobId)) Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        for (var i = 0; i < 100 && await c.StateAsync(jobId) != "SUCCEED"; i++) await Task.Delay(20);
        Assert.Equal("SUCCEED", await c.StateAsync(jobId));
        Assert.NotNull(c.Emulator.GetJob(jobId)!.AssetId);
    }

    [Fact]
    public async Task Audit_fail_then_reupload_and_recommit_succeeds()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var c = await EmulatorTestClient.StartAsync(o => { o.StepDelay = Step; o.TimeProvider = clock; });
        var created = await c.CreateAsync("middle", """{"voice_name":"my audit-fail voice"}""");
        var jobId = created.GetProperty("job_id").GetString()!;
        await c.UploadPackageAsync(created);
        using (var commit = await c.CommitAsync(jobId)) Assert.Equal(HttpStatusCode.OK, commit.StatusCode);

        var (_, before) = await c.CallAsync(HttpMethod.Get, $"user/jobs/{jobId}/audit-result");
        Assert.Empty(JsonAssert.Names(before));

        clock.Advance(Step);
        Assert.Equal("AUDITING", await c.StateAsync(jobId));
        clock.Advance(Step);
        var failed = await c.GetJobAsync(jobId);
        Assert.Equal("AUDIT_FAILED", failed.GetProperty("state").GetString());
        Assert.Equal(1, failed.GetProperty("reject_times").GetInt32());
        clock.Advance(Step * 10);
        Assert.Equal("AUDIT_FAILED", await c.StateAsync(jobId));

        var (_, audit) = await c.CallAsync(HttpMethod.Get, $"user/jobs/{jobId}/audit-result");
        var error = Assert.Single(audit.GetProperty("system_audit_result").GetProperty("errors").EnumerateArray());
        Assert.Equal("0.wav", error.GetProperty("audio_name").GetString());
        Assert.Equal("0.txt", error.GetProperty("text_name").GetString());
        Assert.Equal("MSS.40000001", error.GetProperty("error_code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error_message").GetString()));
        Assert.True(audit.GetProperty("system_audit_result").GetProperty("audit_time").GetInt64() > 0);
        Assert.True(audit.TryGetProperty("admin_audit_result", out _));

        // The old upload does not count any more.
        using (var stale = await c.CommitAsync(jobId))
        {
            Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
            Assert.Contains("since the audit failure", await stale.Content.ReadAsStringAsync());
        }

        await c.UploadPackageAsync(created);
        using (var again = await c.CommitAsync(jobId)) Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("SYSTEM_AUDITING", await c.StateAsync(jobId));
        clock.Advance(Step * 4);
        var done = await c.GetJobAsync(jobId);
        Assert.Equal("SUCCEED", done.GetProperty("state").GetString());
        Assert.Equal(1, done.GetProperty("reject_times").GetInt32());
    }

    [Theory]
    [InlineData("voice train-fail", 4, "FAILED", "MSS.40000101")]
    [InlineData("voice split-fail", 1, "SPLIT_FAILED", "MSS.40000201")]
    public async Task Failure_outcomes_by_voice_name(string voiceName, int steps, string finalState, string code)
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var c = await EmulatorTestClient.StartAsync(o => { o.StepDelay = Step; o.TimeProvider = clock; });
        var created = await c.CreateAsync("advance", JsonSerializer.Serialize(new { voice_name = voiceName }));
        var jobId = created.GetProperty("job_id").GetString()!;
        await c.UploadPackageAsync(created);
        using (var commit = await c.CommitAsync(jobId)) Assert.Equal(HttpStatusCode.OK, commit.StatusCode);

        clock.Advance(Step * (steps - 1));
        Assert.NotEqual(finalState, await c.StateAsync(jobId));
        if (finalState == "FAILED") Assert.Equal("PROCESSING", await c.StateAsync(jobId));
        clock.Advance(Step);
        var info = await c.GetJobAsync(jobId);
        Assert.Equal(finalState, info.GetProperty("state").GetString());
        Assert.Equal(code, info.GetProperty("job_failed_code").GetString());
        Assert.False(string.IsNullOrEmpty(info.GetProperty("job_failed_reason").GetString()));
        Assert.False(info.TryGetProperty("asset_id", out _));
    }
}
