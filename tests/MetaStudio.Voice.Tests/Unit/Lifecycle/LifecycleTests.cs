using System.Text.Json;
using MetaStudio.Voice.Client;
using MetaStudio.Voice.Lifecycle;
using MetaStudio.Voice.Model;

namespace MetaStudio.Voice.Tests.Unit.Lifecycle;

public class LifecycleTests
{
    [Fact]
    public void Poll_schedule_backs_off_while_nothing_changes_and_resets_on_change_with_jitter()
    {
        var schedule = new PollSchedule(TimeSpan.FromSeconds(10), new Random(7));
        var delays = Enumerable.Range(0, 12).Select(_ => schedule.Next(changed: false)).ToList();
        Assert.All(delays, d => Assert.InRange(d.TotalSeconds, 8, 80 * 1.2));
        Assert.True(schedule.Current == TimeSpan.FromSeconds(80), "capped at 8x the base");
        var reset = schedule.Next(changed: true);
        Assert.InRange(reset.TotalSeconds, 8, 12);
        Assert.True(Enumerable.Range(0, 20).Select(_ => schedule.Next(true)).Distinct().Count() > 1, "jittered");
    }

    [Theory]
    [InlineData("SUCCEED", true, null)]
    [InlineData("FAILED", false, "VoiceTrainingFailed")]
    [InlineData("AUDIT_FAILED", false, "VoiceTrainingAuditFailed")]
    [InlineData("SPLIT_FAILED", false, "VoiceTrainingSplitFailed")]
    [InlineData("USER_REVIEW_REJECT", false, "VoiceTrainingRejected")]
    [InlineData("PROCESSING", false, null)]
    [InlineData("SOME_FUTURE_STATE", false, null)]
    public void States_are_classified_and_unknown_ones_mean_keep_waiting(string state, bool success, string? failureId)
    {
        Assert.Equal(success, JobStates.IsSuccess(state));
        Assert.Equal(failureId, JobStates.FailureErrorId(state));
        Assert.Equal(success || failureId != null, JobStates.IsTerminal(state));
    }

    [Fact]
    public void List_query_sends_every_filter_in_the_api_format()
    {
        var q = new JobListQuery
        {
            States = new[] { "failed", "WAITING" }, VoiceName = "v", Tag = "news", JobType = "ADVANCE", BatchName = "b",
            CreatedAfter = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), UpdatedBefore = new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc),
            SortKey = "update_time", SortDirection = "asc",
        };
        var pairs = new List<KeyValuePair<string, string?>>();
        q.AddTo(pairs);
        var map = pairs.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("FAILED,WAITING", map["state"]);
        Assert.Equal("NEWS", map["tag"]);
        Assert.Equal("2024-01-02T03:04:05Z", map["create_since"]);
        Assert.Equal("2024-02-01T00:00:00Z", map["update_until"]);
        Assert.False(map.ContainsKey("create_until"));
        Assert.Equal("update_time", map["sort_key"]);
    }

    [Fact]
    public void Quotas_and_durations_use_edition_names_and_pass_unknown_keys_through()
    {
        var quotas = JsonSerializer.Deserialize<QuotasResponse>("{\"count\":1,\"resource_available_nums\":{\"advance\":2,\"basic\":0,\"middle\":\"5\",\"new_thing\":1}}", MetaStudioClient.Json)!;
        var list = Quotas.From(quotas).ToDictionary(q => q.Edition, q => q.Available);
        Assert.Equal(2, list["Premium"]);
        Assert.Equal(0, list["Basic"]);
        Assert.Equal(5, list["Advanced"]);
        Assert.Equal(1, list["new_thing"]);
        Assert.Equal(0, Quotas.AvailableFor(quotas, VoiceTrainingEdition.Basic));
        Assert.Null(Quotas.AvailableFor(quotas, VoiceTrainingEdition.ThirdParty));

        var cfg = JsonSerializer.Deserialize<TenantDurationCfgResponse>("{\"tenant_id\":\"t\",\"basic_min_value\":60,\"basic_max_value\":600,\"basic_advice_value\":300,\"short_assess_min\":5}", MetaStudioClient.Json)!;
        var durations = Quotas.Durations(cfg).ToDictionary(d => d.Edition);
        Assert.Equal(TimeSpan.FromMinutes(1), durations["Basic"].Minimum);
        Assert.Equal(TimeSpan.FromMinutes(10), durations["Basic"].Maximum);
        Assert.Equal(TimeSpan.FromMinutes(5), durations["Basic"].Advised);
        Assert.Equal(TimeSpan.FromSeconds(5), durations["ShortAssess"].Minimum);
        Assert.False(durations.ContainsKey("tenant_id"));
    }

    [Fact]
    public void Failure_messages_say_what_failed_why_and_what_to_do()
    {
        var job = VoiceTrainingJob.FromInfo(new TrainingJobInfo { JobId = "j1", VoiceName = "v", State = "AUDIT_FAILED" }, null);
        var audit = VoiceTrainingAuditResult.From("j1", new AuditResultResponse
        {
            SystemAuditResult = new SystemAuditResult { Errors = new() { new AuditErrorInfo { AudioName = "3.wav", TextName = "3.txt", ErrorCode = "MSS.40000001", ErrorMessage = "text does not match" } } },
        });
        var message = VoiceTrainingJobFailedException.Describe(job, audit);
        Assert.Contains("3.wav/3.txt: MSS.40000001 text does not match", message);
        Assert.Contains("Send-VoiceTrainingData -JobId j1", message);
        Assert.Contains("Submit-VoiceTrainingJob -JobId j1", message);

        var failed = VoiceTrainingJob.FromInfo(new TrainingJobInfo { JobId = "j2", State = "FAILED", JobFailedCode = "MSS.1", JobFailedReason = "noise" }, null);
        Assert.Contains("MSS.1 noise", VoiceTrainingJobFailedException.Describe(failed, null));
    }
}
