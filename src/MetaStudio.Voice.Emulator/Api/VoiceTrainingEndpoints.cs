using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MetaStudio.Voice.Emulator;

/// <summary>The MetaStudio voice-training REST routes under /v1/{project_id}/voice-training-manage.</summary>
internal sealed class VoiceTrainingEndpoints(EmulatorServices s)
{
    private const string Root = "/v1/{project_id}/voice-training-manage";

    public void Map(IEndpointRouteBuilder app)
    {
        foreach (var edition in Editions.ByRoute.Keys)
        {
            var jobType = Editions.ByRoute[edition];
            app.MapPost($"{Root}/user/{edition}-jobs", Handle((c, p) => CreateAsync(c, p, jobType)));
        }
        app.MapPost($"{Root}/user/jobs/{{job_id}}", Handle(CommitAsync));
        app.MapGet($"{Root}/user/jobs/{{job_id}}", Handle(ShowAsync));
        app.MapDelete($"{Root}/user/jobs/{{job_id}}", Handle(DeleteAsync));
        app.MapGet($"{Root}/user/jobs", Handle(ListAsync));
        app.MapGet($"{Root}/user/jobs/{{job_id}}/uploading-address-url", Handle(UploadingAddressAsync));
        app.MapGet($"{Root}/user/jobs/{{job_id}}/audit-result", Handle(AuditResultAsync));
        app.MapGet($"{Root}/user/jobs/{{job_id}}/op-logs", Handle(OperationLogAsync));
        app.MapPost($"{Root}/user/training-segment", Handle(ConfirmSegmentAsync));
        app.MapGet($"{Root}/user/training-segment", Handle(SegmentInfoAsync));
        app.MapPut($"{Root}/user/batch", Handle(SetBatchAsync));
        app.MapGet($"{Root}/quotas", Handle(QuotasAsync));
        app.MapGet($"{Root}/user/tenant-duration-cfg", Handle(DurationConfigAsync));
    }

    private RequestDelegate Handle(Func<HttpContext, string, Task<JsonNode>> handler) => ProjectRoute.Handle(s, handler);

    private static string JobIdOf(HttpContext context) => ProjectRoute.JobIdOf(context);

    private async Task<JsonNode> CreateAsync(HttpContext context, string projectId, string jobType)
    {
        var appUserId = RequestReading.AppUserId(context);
        var body = (await RequestReading.ReadObjectAsync(context, optional: false))!.Value;

        var voiceName = RequestReading.String(body, "voice_name");
        if (string.IsNullOrWhiteSpace(voiceName)) throw ApiErrors.Validation("voice_name is required");
        var tag = RequestReading.Enum(body, "tag", RequestReading.Tags);
        var sex = RequestReading.Enum(body, "sex", RequestReading.Sexes) ?? "FEMALE";
        var language = RequestReading.Enum(body, "language", RequestReading.Languages) ?? "CN";
        var createType = RequestReading.Enum(body, "create_type", RequestReading.CreateTypes) ?? "PACKAGE";
        var services = RequestReading.EnumArray(body, "supported_service", RequestReading.SupportedServices);
        var ondemand = RequestReading.Bool(body, "is_ondemand_resource");
        if (createType == "SEGMENT" && !Editions.SupportsSegment(jobType))
            throw ApiErrors.Validation($"create_type SEGMENT is not supported by {jobType} jobs (only PACKAGE)");

        var now = s.Now;
        var job = new EmulatorJob
        {
            JobId = Guid.NewGuid().ToString(),
            ProjectId = projectId,
            JobType = jobType,
            VoiceName = voiceName,
            State = JobStates.Creating,
            CreateType = createType,
            Tag = tag,
            Sex = sex,
            Language = language,
            Description = RequestReading.String(body, "description"),
            Phone = RequestReading.String(body, "phone"),
            DhtmsJobId = RequestReading.String(body, "dhtms_job_id"),
            BatchName = RequestReading.String(body, "batch_name"),
            OutputLanguage = RequestReading.String(body, "output_language"),
            CustomText = RequestReading.String(body, "custom_text"),
            IsOndemandResource = ondemand,
            SupportedService = services,
            AppUserId = appUserId,
            CreateTime = now,
            LastUpdateTime = now,
            DataResetTime = now,
            SegmentCount = createType == "SEGMENT" ? Editions.SegmentCount(jobType) : 0,
        };
        job._operations.Add(new JobOperation(now, "CREATE_JOB", "USER"));
        s.Jobs.Add(job);
        s.Quotas.Consume(projectId, jobType, ondemand); // quotas count down per create (Throttling/QuotaLedger)

        var urls = s.Urls.For(job);
        var response = new JsonObject { ["job_id"] = job.JobId };
        response.Put("training_data_uploading_url", urls.Package);
        if (urls.Audio is not null)
        {
            response["segment_uploading_url"] = new JsonObject
            {
                ["audio_uploading_url"] = Json.ToArray(urls.Audio),
                ["txt_uploading_url"] = Json.ToArray(urls.Text!),
            };
        }
        response["authorization_letter_uploading_url"] = urls.Letter;
        return response;
    }

    private async Task<JsonNode> CommitAsync(HttpContext context, string projectId)
    {
        var appUserHeader = RequestReading.AppUserId(context);
        var body = await RequestReading.ReadObjectAsync(context, optional: true);
        string? tag = null, sex = null, language = null, voiceName = null, description = null, phone = null,
            appUserId = null, outputLanguage = null, customText = null;
        if (body is { } b)
        {
            tag = RequestReading.Enum(b, "tag", RequestReading.Tags);
            sex = RequestReading.Enum(b, "sex", RequestReading.Sexes);
            language = RequestReading.Enum(b, "language", RequestReading.Languages);
            voiceName = RequestReading.String(b, "voice_name");
            if (voiceName is not null && string.IsNullOrWhiteSpace(voiceName)) throw ApiErrors.Validation("voice_name must not be empty");
            description = RequestReading.String(b, "description");
            phone = RequestReading.String(b, "phone");
            appUserId = RequestReading.String(b, "app_user_id");
            if (appUserId is not null && appUserId.Any(c => c < 0x20 || c > 0x7E))
                throw ApiErrors.InvalidParameter("app_user_id must contain ASCII characters only");
            outputLanguage = RequestReading.String(b, "output_language");
            customText = RequestReading.String(b, "custom_text");
        }

        var jobId = JobIdOf(context);
        var receipt = ReceiptChecks.Inspect(s, projectId, jobId); // receipt checks (Jobs/ReceiptChecks.cs), read outside the lock
        s.Jobs.Update(projectId, jobId, job =>
        {
            if (job.State is not (JobStates.Creating or JobStates.AuditFailed))
                throw ApiErrors.Validation($"job in state {job.State} cannot be committed");
            EnsureTrainingDataUploaded(job);

            job.Tag = tag ?? job.Tag;
            job.Sex = sex ?? job.Sex;
            job.Language = language ?? job.Language;
            job.VoiceName = voiceName ?? job.VoiceName;
            job.Description = description ?? job.Description;
            job.Phone = phone ?? job.Phone;
            job.AppUserId = appUserId ?? appUserHeader ?? job.AppUserId;
            job.OutputLanguage = outputLanguage ?? job.OutputLanguage;
            job.CustomText = customText ?? job.CustomText;

            var letterKey = UploadLayout.LetterKey(job.ProjectId, job.JobId);
            if (s.Objects.Find(UploadLayout.Bucket, letterKey) is not null) job.VoiceAuthorizationUrl = s.Urls.PlainUrl(letterKey);
            job.TrainingInputSourceUrl = job.CreateType == "PACKAGE"
                ? s.Urls.PlainUrl(UploadLayout.PackageKey(job.ProjectId, job.JobId))
                : s.Urls.PlainUrl($"{job.ProjectId}/{job.JobId}/segments/");
            ReceiptChecks.BeforeCommit(job, receipt);
            JobStateMachine.Commit(job, s.Now);
            ReceiptChecks.AfterCommit(job, s.Options.StepDelay, s.Now);
            return 0;
        });
        return new JsonObject();
    }

    /// <summary>
    /// PACKAGE: data.zip uploaded since creation / the last audit failure. SEGMENT: every index confirmed since then.
    /// </summary>
    private void EnsureTrainingDataUploaded(EmulatorJob job)
    {
        var since = job.State == JobStates.AuditFailed ? " since the audit failure" : "";
        if (job.CreateType == "SEGMENT")
        {
            var missing = Enumerable.Range(0, job.SegmentCount)
                .Where(i => !job._confirmed.TryGetValue(i, out var at) || at < job.DataResetTime)
                .ToList();
            if (missing.Count > 0)
            {
                throw ApiErrors.Validation(
                    $"training data has not been uploaded{since}: {missing.Count} of {job.SegmentCount} segments are not confirmed (first missing index {missing[0]})");
            }
            return;
        }

        var zip = s.Objects.Find(UploadLayout.Bucket, UploadLayout.PackageKey(job.ProjectId, job.JobId));
        if (zip is null || zip.LastModified < job.DataResetTime)
            throw ApiErrors.Validation($"training data has not been uploaded{since}: upload the zip package to training_data_uploading_url first");
    }

    private Task<JsonNode> ShowAsync(HttpContext context, string projectId)
    {
        RequestReading.AppUserId(context);
        return Task.FromResult<JsonNode>(s.Jobs.Update(projectId, JobIdOf(context), JobJson.Info));
    }

    private Task<JsonNode> DeleteAsync(HttpContext context, string projectId)
    {
        RequestReading.AppUserId(context);
        s.Jobs.Remove(projectId, JobIdOf(context), job =>
        {
            if (job.State == JobStates.Processing) throw ApiErrors.Validation($"job in state {job.State} cannot be deleted");
        });
        return Task.FromResult<JsonNode>(new JsonObject());
    }

    private Task<JsonNode> ListAsync(HttpContext context, string projectId)
    {
        var appUserId = RequestReading.AppUserId(context);
        var query = JobListQuery.Parse(context);
        var matching = query.Sort(s.Jobs.Snapshot().Where(j => j.ProjectId == projectId && query.Matches(j, appUserId))).ToList();
        var page = matching.Skip(query.Offset).Take(query.Limit).Select(j => (JsonNode?)JobJson.Info(j)).ToArray();
        return Task.FromResult<JsonNode>(new JsonObject { ["count"] = matching.Count, ["jobs"] = new JsonArray(page) });
    }

    private Task<JsonNode> UploadingAddressAsync(HttpContext context, string projectId)
    {
        var urls = s.Jobs.Update(projectId, JobIdOf(context), s.Urls.For);
        var response = new JsonObject();
        if (urls.Audio is not null)
        {
            response["segment_url"] = new JsonObject
            {
                ["audio_uploading_url"] = Json.ToArray(urls.Audio),
                ["txt_uploading_url"] = Json.ToArray(urls.Text!),
            };
        }
        if (urls.Package is not null) response["package_url"] = new JsonObject { ["training_data_uploading_url"] = urls.Package };
        response["authorization_letter_uploading_url"] = urls.Letter;
        return Task.FromResult<JsonNode>(response);
    }

    private Task<JsonNode> AuditResultAsync(HttpContext context, string projectId) =>
        Task.FromResult<JsonNode>(s.Jobs.Update(projectId, JobIdOf(context), JobJson.AuditResult));

    private Task<JsonNode> OperationLogAsync(HttpContext context, string projectId)
    {
        var offset = RequestReading.QueryInt(context, "offset", 0, 0, int.MaxValue);
        var limit = RequestReading.QueryInt(context, "limit", 10, 1, 100);
        var ops = s.Jobs.Update(projectId, JobIdOf(context), job => job.Operations.ToList());
        return Task.FromResult<JsonNode>(new JsonObject
        {
            ["count"] = ops.Count,
            ["operations"] = new JsonArray(ops.Skip(offset).Take(limit).Select(o => (JsonNode?)JobJson.Operation(o)).ToArray()),
        });
    }

    private Task<JsonNode> ConfirmSegmentAsync(HttpContext context, string projectId)
    {
        var jobId = RequestReading.Query(context, "job_id") ?? throw ApiErrors.InvalidParameter("job_id is required");
        if (RequestReading.Query(context, "index") is null) throw ApiErrors.InvalidParameter("index is required");
        var index = RequestReading.QueryInt(context, "index", 0, int.MinValue, int.MaxValue);

        var result = s.Jobs.Update(projectId, jobId, job =>
        {
            if (job.CreateType != "SEGMENT") throw ApiErrors.Validation($"job {job.JobId} is not a SEGMENT job");
            if (index < 0 || index >= job.SegmentCount)
                throw ApiErrors.Validation($"index {index} is out of range 0..{job.SegmentCount - 1}");
            if (job.State is not (JobStates.Creating or JobStates.AuditFailed))
                throw ApiErrors.Validation($"job in state {job.State} cannot confirm segments");
            var audioKey = UploadLayout.SegmentAudioKey(job.ProjectId, job.JobId, index);
            var textKey = UploadLayout.SegmentTextKey(job.ProjectId, job.JobId, index);
            var missing = new[] { (audioKey, $"{index}.wav"), (textKey, $"{index}.txt") }
                .Where(k => s.Objects.Find(UploadLayout.Bucket, k.Item1) is null).Select(k => k.Item2).ToList();
            if (missing.Count > 0)
                throw ApiErrors.Validation($"segment {index} has not been uploaded: missing {string.Join(" and ", missing)}");

            // Deterministic emulation of the speech/text match check: a transcript containing UNMATCHED fails.
            var text = s.Objects.ReadText(UploadLayout.Bucket, textKey);
            if (text is not null && text.Contains("UNMATCHED", StringComparison.Ordinal))
            {
                job._confirmed.Remove(index);
                return (Confirmed: false, Unmatched: new[] { index });
            }
            job._confirmed[index] = s.Now;
            return (Confirmed: true, Unmatched: Array.Empty<int>());
        });
        return Task.FromResult<JsonNode>(new JsonObject
        {
            ["confirm_result"] = result.Confirmed,
            ["unmatched_index_hit"] = Json.ToArray(result.Unmatched),
        });
    }

    private Task<JsonNode> SegmentInfoAsync(HttpContext context, string projectId)
    {
        var jobId = RequestReading.Query(context, "job_id") ?? throw ApiErrors.InvalidParameter("job_id is required");
        var confirmed = s.Jobs.Update(projectId, jobId, job =>
            job._confirmed.Where(kv => kv.Value >= job.DataResetTime).Select(kv => kv.Key).Order().ToList());
        return Task.FromResult<JsonNode>(new JsonObject { ["confirmed_index"] = Json.ToArray(confirmed) });
    }

    private async Task<JsonNode> SetBatchAsync(HttpContext context, string projectId)
    {
        RequestReading.AppUserId(context);
        var body = (await RequestReading.ReadObjectAsync(context, optional: false))!.Value;
        var batchName = RequestReading.String(body, "batch_name");
        if (string.IsNullOrWhiteSpace(batchName)) throw ApiErrors.Validation("batch_name is required");
        var jobIds = RequestReading.StringArray(body, "job_ids");
        if (jobIds is null || jobIds.Count == 0) throw ApiErrors.Validation("job_ids is required");
        foreach (var id in jobIds) s.Jobs.Update(projectId, id, _ => 0); // all must exist before any changes
        foreach (var id in jobIds) s.Jobs.Update(projectId, id, job => job.BatchName = batchName);
        return new JsonObject();
    }

    /// <summary>
    /// Quota (§1.10): per project, EmulatorOptions.Quotas minus one per job created (see QuotaLedger); 0 stays 0.
    /// One resource per edition: BASIC, MIDDLE, ADVANCE, THIRD_PARTY (third_party_cmww), plus FLEXUS and the
    /// on-demand MIDDLE resource when their starting value is above 0.
    /// </summary>
    private Task<JsonNode> QuotasAsync(HttpContext context, string projectId)
    {
        int Left(string key) => s.Quotas.Available(projectId, key);
        var kinds = new List<(string Key, string Type, string Charge)>
        {
            ("basic", "BASIC", "PERIODIC"), ("middle", "MIDDLE", "PERIODIC"), ("advance", "ADVANCE", "PERIODIC"),
            ("third_party_cmww", "THIRD_PARTY", "PERIODIC"),
        };
        if (s.Quotas.Total("middle_on_demand") > 0) kinds.Add(("middle_on_demand", "MIDDLE", "ON_DEMAND"));
        if (s.Quotas.Total("flexus") > 0) kinds.Add(("flexus", "FLEXUS", "PERIODIC"));
        var resources = kinds.Select(k => (JsonNode?)new JsonObject
        {
            ["operation_type"] = "PURCHASE",
            ["resource_source"] = "PURCHASED",
            ["resource_id"] = $"emulator-{k.Key.Replace('_', '-')}",
            ["resource_nums"] = s.Quotas.Total(k.Key),
            ["resource_available_nums"] = Left(k.Key),
            ["resource_type"] = k.Type,
            ["charge_mode"] = k.Charge,
            ["expire_time"] = "2099-12-31T23:59:59Z",
            ["status"] = "NORMAL",
        }).ToArray();
        var available = new JsonObject();
        foreach (var key in QuotaLedger.Keys) available[key] = Left(key);
        return Task.FromResult<JsonNode>(new JsonObject
        {
            ["count"] = resources.Length,
            ["resource_available_nums"] = available,
            ["resources"] = new JsonArray(resources),
        });
    }

    /// <summary>Tenant duration config (§1.10), in seconds, from EmulatorOptions.DurationLimits.</summary>
    private Task<JsonNode> DurationConfigAsync(HttpContext context, string projectId)
    {
        var body = new JsonObject { ["tenant_id"] = projectId };
        foreach (var (key, seconds) in s.Options.DurationLimits) body[key] = seconds;
        return Task.FromResult<JsonNode>(body);
    }
}
