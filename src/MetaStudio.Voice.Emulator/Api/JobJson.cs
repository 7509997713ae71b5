using System.Text.Json.Nodes;

namespace MetaStudio.Voice.Emulator;

/// <summary>The JSON shapes of jobs (TrainingJobInfo, §1.4), audit results (§1.6) and op-logs (§1.9).</summary>
internal static class JobJson
{
    public static JsonObject Info(EmulatorJob job) => new JsonObject()
        .Put("job_type", job.JobType)
        .Put("job_id", job.JobId)
        .Put("app_user_id", job.AppUserId)
        .Put("voice_name", job.VoiceName)
        .Put("sex", job.Sex)
        .Put("language", job.Language)
        .Put("state", job.State)
        .Put("reject_times", job.RejectTimes)
        .Put("asset_id", job.AssetId)
        .Put("job_failed_code", job.JobFailedCode)
        .Put("job_failed_reason", job.JobFailedReason)
        .Put("create_time", job.CreateTime.ToUnixTimeMilliseconds())
        .Put("lastupdate_time", job.LastUpdateTime.ToUnixTimeMilliseconds())
        .Put("create_type", job.CreateType)
        .Put("tag", job.Tag)
        .Put("phone", job.Phone)
        .Put("dhtms_job_id", job.DhtmsJobId)
        .Put("batch_name", job.BatchName)
        .Put("output_language", job.OutputLanguage)
        .Put("is_ondemand_resource", job.IsOndemandResource)
        .Put("voice_authorization_url", job.VoiceAuthorizationUrl)
        .Put("training_input_source_url", job.TrainingInputSourceUrl);

    /// <summary>
    /// §1.6. system_audit_result appears once a system audit finished (errors empty when it passed);
    /// admin_audit_result once the manual audit finished. audit_time is epoch seconds (int32 range in the reference).
    /// </summary>
    public static JsonObject AuditResult(EmulatorJob job)
    {
        var result = new JsonObject();
        if (job.AuditTime is not { } auditTime) return result;
        var seconds = auditTime.ToUnixTimeSeconds();
        result["system_audit_result"] = new JsonObject
        {
            ["audit_time"] = seconds,
            ["errors"] = new JsonArray(job.AuditErrors.Select(e => (JsonNode?)new JsonObject()
                .Put("audio_name", e.AudioName)
                .Put("text_name", e.TextName)
                .Put("error_code", e.ErrorCode)
                .Put("error_message", e.ErrorMessage)).ToArray()),
        };
        if (job.State == JobStates.AuditFailed)
        {
            result["admin_audit_result"] = new JsonObject
            {
                ["message"] = "The training data did not pass the audit. Upload the data again and resubmit the job.",
                ["audit_time"] = seconds,
            };
        }
        else if (job.Operations.LastOrDefault(o => o.Action == "ADMIN_AUDIT_PASS") is { } pass)
        {
            result["admin_audit_result"] = new JsonObject
            {
                ["message"] = "approved",
                ["audit_time"] = pass.Time.ToUnixTimeSeconds(),
            };
        }
        return result;
    }

    public static JsonObject Operation(JobOperation op) => new()
    {
        ["time"] = op.Time.ToUnixTimeMilliseconds(),
        ["action"] = op.Action,
        ["operator"] = op.Operator,
    };
}
