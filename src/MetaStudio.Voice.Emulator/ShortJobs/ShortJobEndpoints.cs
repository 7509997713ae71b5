using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// Short jobs (§1.10), job_type VOICE_ASSESS only, same auth as the other REST routes:
/// POST .../user/short-jobs {"job_type":"VOICE_ASSESS","language":"CN"|"EN"} → {job_id, data_uploading_url} (a zip,
/// signed for Content-Type application/zip, stored at {project}/short-jobs/{job_id}/data.zip);
/// POST .../user/short-jobs/{job_id} commits (400 MSS.10000003 before the zip is uploaded or when not CREATING);
/// GET .../user/short-jobs/{job_id} → {job_type, job_id, state, job_failed_code, job_failed_reason, create_time,
/// lastupdate_time, assess_result}. The assessment is <see cref="VoiceAssessment"/>'s deterministic rule.
/// </summary>
internal sealed class ShortJobEndpoints(EmulatorServices s, ShortJobStore store, Func<Uri> baseUri)
{
    private const string Root = "/v1/{project_id}/voice-training-manage/user/short-jobs";

    public static string DataKey(string projectId, string jobId) => $"{projectId}/short-jobs/{jobId}/data.zip";

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(Root, Handle(CreateAsync));
        app.MapPost(Root + "/{job_id}", Handle(CommitAsync));
        app.MapGet(Root + "/{job_id}", Handle(ShowAsync));
    }

    private RequestDelegate Handle(Func<HttpContext, string, Task<JsonNode>> handler) => ProjectRoute.Handle(s, handler);

    private static string JobIdOf(HttpContext context) => ProjectRoute.JobIdOf(context);

    private async Task<JsonNode> CreateAsync(HttpContext context, string projectId)
    {
        var appUserId = RequestReading.AppUserId(context);
        var body = (await RequestReading.ReadObjectAsync(context, optional: false))!.Value;
        var jobType = RequestReading.Enum(body, "job_type", [EmulatorShortJob.VoiceAssess])
            ?? throw ApiErrors.Validation("job_type is required");
        var language = RequestReading.Enum(body, "language", RequestReading.Languages) ?? "CN";
        var now = s.Now;
        var job = new EmulatorShortJob
        {
            JobId = Guid.NewGuid().ToString(),
            ProjectId = projectId,
            JobType = jobType,
            Language = language,
            AppUserId = appUserId,
            CreateTime = now,
            LastUpdateTime = now,
        };
        store.Add(job);
        var key = DataKey(projectId, job.JobId);
        var url = s.Signer.CreatePutUrl(baseUri(), UploadLayout.Bucket, key, UploadLayout.ZipContentType, now + s.Options.UploadUrlLifetime);
        return new JsonObject { ["job_id"] = job.JobId, ["data_uploading_url"] = url.AbsoluteUri };
    }

    private Task<JsonNode> CommitAsync(HttpContext context, string projectId)
    {
        RequestReading.AppUserId(context);
        var jobId = JobIdOf(context);
        var (state, createTime, language) = store.Update(projectId, jobId, j => (j.State, j.CreateTime, j.Language));
        if (state != JobStates.Creating) throw ApiErrors.Validation($"short job in state {state} cannot be committed");
        var upload = s.Objects.Find(UploadLayout.Bucket, DataKey(projectId, jobId));
        if (upload is null || upload.LastModified < createTime)
            throw ApiErrors.Validation("data has not been uploaded: upload the zip to data_uploading_url first");

        // Read the zip outside the store lock; the commit below re-checks the state.
        var outcome = VoiceAssessment.Assess(upload, language);
        store.Update(projectId, jobId, job =>
        {
            if (job.State != JobStates.Creating) throw ApiErrors.Validation($"short job in state {job.State} cannot be committed");
            var now = s.Now;
            job.State = JobStates.Processing;
            job.CommitTime = now;
            job.LastUpdateTime = now;
            job.Pending = outcome;
            store.Advance(job);
            return 0;
        });
        return Task.FromResult<JsonNode>(new JsonObject());
    }

    private Task<JsonNode> ShowAsync(HttpContext context, string projectId)
    {
        RequestReading.AppUserId(context);
        return Task.FromResult<JsonNode>(store.Update(projectId, JobIdOf(context), Info));
    }

    internal static JsonObject Info(EmulatorShortJob job) => new JsonObject()
        .Put("job_type", job.JobType)
        .Put("job_id", job.JobId)
        .Put("state", job.State)
        .Put("job_failed_code", job.JobFailedCode)
        .Put("job_failed_reason", job.JobFailedReason)
        .Put("create_time", job.CreateTime.ToUnixTimeMilliseconds())
        .Put("lastupdate_time", job.LastUpdateTime.ToUnixTimeMilliseconds())
        .Put("assess_result", job.AssessResult is { } r ? AssessJson(r) : null);

    private static JsonObject AssessJson(VoiceAssessResult r) => new()
    {
        ["speed"] = Property(r.Speed),
        ["sound"] = Property(r.Sound),
        ["snr"] = Property(r.Snr),
        ["reverb"] = Property(r.Reverb),
        ["dnsmos_ovrl"] = Property(r.DnsmosOvrl),
        ["dnsmos_bak"] = Property(r.DnsmosBak),
        ["suggestion"] = r.Suggestion,
    };

    private static JsonObject Property(AssessProperty p) => new()
    {
        ["expected"] = p.Expected,
        ["actual"] = p.Actual,
        ["suggestion"] = p.Suggestion,
        ["suggestion_en"] = p.SuggestionEn,
        ["status"] = p.Status,
    };
}
