using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Voice.Model;

namespace MetaStudio.Voice.Client
{
    /// <summary>One method per voice-training REST operation (names as in the official SDKs).</summary>
    internal sealed class VoiceTrainingApi
    {
        private const string Base = "voice-training-manage/user/";
        /// <summary>How far the service's clock may be from ours when looking for a job we may have created.</summary>
        private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);
        private readonly MetaStudioClient _client;
        private readonly RetryPolicy _retry;

        public VoiceTrainingApi(MetaStudioClient client, RetryPolicy retry)
        {
            _client = client;
            _retry = retry;
        }

        public RetryPolicy Retry => _retry;

        private Task<T?> SendAsync<T>(ApiCall call, IOperationLog log, CancellationToken ct) where T : class
        {
            call.Retry ??= _retry;
            return _client.SendAsync<T>(call, log, ct);
        }

        /// <summary>
        /// CreateTraining{Basic,Middle,Advance,ThirdParty}Job. Creating a job may cost money, so it is
        /// never sent twice blindly: after a failure that may have happened once the request reached
        /// the service (a lost answer, a reset, a 5xx), the job is looked up by voice name and creation
        /// time, and adopted if it is there; only when it is not is the create tried again.
        /// </summary>
        public async Task<CreateTrainingJobResponse> CreateTrainingJobAsync(VoiceTrainingEdition edition,
            CreateTrainingJobRequest body, string? appUserId, IOperationLog log, CancellationToken ct)
        {
            var op = edition switch
            {
                VoiceTrainingEdition.Premium => "CreateTrainingAdvanceJob",
                VoiceTrainingEdition.Basic => "CreateTrainingBasicJob",
                VoiceTrainingEdition.Advanced => "CreateTrainingMiddleJob",
                _ => "CreateTrainingThirdPartyJob",
            };
            for (var attempt = 1; ; attempt++)
            {
                var started = DateTime.UtcNow;
                try
                {
                    var call = new ApiCall(op, HttpMethod.Post, Base + EditionInfo.CreatePath(edition)) { Body = body, AppUserId = appUserId, Idempotent = false };
                    var response = await SendAsync<CreateTrainingJobResponse>(call, log, ct).ConfigureAwait(false);
                    if (response == null || string.IsNullOrEmpty(response.JobId))
                        throw new MetaStudioException("InvalidServiceResponse", MetaStudioErrorKind.InvalidResponse,
                            $"MetaStudio {op} succeeded but returned no job_id. Run Get-VoiceTrainingJob -VoiceName '{body.VoiceName}' to see whether it was created before trying again.");
                    return response;
                }
                catch (MetaStudioException ex) when (RetryPolicy.IsTransient(ex) && !RetryPolicy.ProvablyNotApplied(ex))
                {
                    log.Verbose($"{op}: {ex.ErrorId} after the request may have reached the service; looking for job '{body.VoiceName}' before deciding.");
                    TrainingJobInfo? existing;
                    try
                    {
                        existing = await FindJobCreatedSinceAsync(body.VoiceName, EditionInfo.JobType(edition), started - ClockSkew, appUserId, log, ct).ConfigureAwait(false);
                    }
                    catch (MetaStudioException lookup) when (!(lookup is MetaStudioServiceException s && s.Kind == MetaStudioErrorKind.Authentication))
                    {
                        throw new MetaStudioException("CreateOutcomeUnknown", MetaStudioErrorKind.Network,
                            $"Creating job '{body.VoiceName}' failed ({ex.ErrorId}) after the request may have reached the service, and looking for the job failed too ({lookup.ErrorId}). " +
                            $"Run Get-VoiceTrainingJob -VoiceName '{body.VoiceName}' before trying again, so that the job is not created twice.", ex) { Attempts = attempt };
                    }
                    if (existing != null)
                    {
                        log.Verbose($"{op}: the job was created after all ({existing.JobId}); using it instead of creating another.");
                        return new CreateTrainingJobResponse { JobId = existing.JobId };
                    }
                    if (attempt >= _retry.MaxAttempts)
                    {
                        ex.Attempts = attempt;
                        throw;
                    }
                    var delay = _retry.DelayBefore(attempt, ex.RetryAfter);
                    log.Verbose($"{op}: no such job was created; retrying in {delay.TotalSeconds:0.0} s (attempt {attempt + 1} of {_retry.MaxAttempts}).");
                    await Task.Delay(delay, ct).ConfigureAwait(false);
                }
            }
        }

        /// <summary>The newest job of this name and type created since <paramref name="since"/>, still waiting for data.</summary>
        private async Task<TrainingJobInfo?> FindJobCreatedSinceAsync(string voiceName, string jobType, DateTime since, string? appUserId, IOperationLog log, CancellationToken ct)
        {
            var query = new JobListQuery { VoiceName = voiceName, JobType = jobType, CreatedAfter = since, SortKey = "create_time", SortDirection = "desc" };
            var page = await ListVoiceTrainingJobAsync(query, 0, 100, appUserId, log, ct).ConfigureAwait(false);
            var sinceMs = new DateTimeOffset(since).ToUnixTimeMilliseconds();
            foreach (var job in page.Jobs ?? new List<TrainingJobInfo>())
            {
                if (string.Equals(job.VoiceName, voiceName, StringComparison.Ordinal)
                    && (job.JobType == null || job.JobType == jobType)
                    && (job.State == null || job.State == "CREATING")
                    && (job.CreateTime == null || job.CreateTime >= sinceMs))
                    return job;
            }
            return null;
        }

        /// <summary>
        /// CommitVoiceTrainingJob: starts review and training. The body is optional. After a failure
        /// whose outcome is unknown, the job's state tells whether the commit went through.
        /// </summary>
        public async Task CommitVoiceTrainingJobAsync(string jobId, CommitJobRequest? body, string? appUserId, IOperationLog log, CancellationToken ct)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var call = new ApiCall("CommitVoiceTrainingJob", HttpMethod.Post, Base + "jobs/" + Escape(jobId))
                    {
                        Body = body == null || body.IsEmpty ? null : body,
                        AppUserId = appUserId,
                        Idempotent = false,
                    };
                    await SendAsync<EmptyResponse>(call, log, ct).ConfigureAwait(false);
                    return;
                }
                catch (MetaStudioException ex) when (RetryPolicy.IsTransient(ex) && !RetryPolicy.ProvablyNotApplied(ex))
                {
                    var info = await ShowVoiceTrainingJobAsync(jobId, appUserId, log, ct).ConfigureAwait(false);
                    if (info.State != "CREATING" && info.State != "AUDIT_FAILED")
                    {
                        log.Verbose($"CommitVoiceTrainingJob: the job is {info.State}, so the commit went through.");
                        return;
                    }
                    if (attempt >= _retry.MaxAttempts)
                    {
                        ex.Attempts = attempt;
                        throw;
                    }
                    await Task.Delay(_retry.DelayBefore(attempt, ex.RetryAfter), ct).ConfigureAwait(false);
                }
            }
        }

        /// <summary>ShowVoiceTrainingJob.</summary>
        public async Task<TrainingJobInfo> ShowVoiceTrainingJobAsync(string jobId, string? appUserId, IOperationLog log, CancellationToken ct)
        {
            var call = new ApiCall("ShowVoiceTrainingJob", HttpMethod.Get, Base + "jobs/" + Escape(jobId)) { AppUserId = appUserId };
            var info = await SendAsync<TrainingJobInfo>(call, log, ct).ConfigureAwait(false);
            if (info == null)
                throw new MetaStudioException("InvalidServiceResponse", MetaStudioErrorKind.InvalidResponse,
                    $"MetaStudio ShowVoiceTrainingJob returned an empty answer for job {jobId}. Try again.");
            info.JobId ??= jobId;
            return info;
        }

        /// <summary>ShowJobUploadingAddress: fresh presigned upload URLs for a job.</summary>
        public async Task<UploadingAddressResponse> ShowJobUploadingAddressAsync(string jobId, IOperationLog log, CancellationToken ct)
        {
            var call = new ApiCall("ShowJobUploadingAddress", HttpMethod.Get, Base + "jobs/" + Escape(jobId) + "/uploading-address-url");
            return await SendAsync<UploadingAddressResponse>(call, log, ct).ConfigureAwait(false) ?? new UploadingAddressResponse();
        }

        /// <summary>ListVoiceTrainingJob: one page of jobs matching the query, with the total count.</summary>
        public async Task<ListVoiceTrainingJobResponse> ListVoiceTrainingJobAsync(JobListQuery query, int offset, int limit,
            string? appUserId, IOperationLog log, CancellationToken ct)
        {
            var call = new ApiCall("ListVoiceTrainingJob", HttpMethod.Get, Base + "jobs") { AppUserId = appUserId };
            call.Query.Add(Pair("offset", offset.ToString(CultureInfo.InvariantCulture)));
            call.Query.Add(Pair("limit", limit.ToString(CultureInfo.InvariantCulture)));
            query.AddTo(call.Query);
            return await SendAsync<ListVoiceTrainingJobResponse>(call, log, ct).ConfigureAwait(false) ?? new ListVoiceTrainingJobResponse();
        }

        /// <summary>DeleteVoiceTrainingJob.</summary>
        public Task DeleteVoiceTrainingJobAsync(string jobId, string? appUserId, IOperationLog log, CancellationToken ct)
            => SendAsync<EmptyResponse>(new ApiCall("DeleteVoiceTrainingJob", HttpMethod.Delete, Base + "jobs/" + Escape(jobId)) { AppUserId = appUserId, Idempotent = false }, log, ct);

        /// <summary>ShowJobAuditResult.</summary>
        public async Task<AuditResultResponse> ShowJobAuditResultAsync(string jobId, IOperationLog log, CancellationToken ct)
            => await SendAsync<AuditResultResponse>(new ApiCall("ShowJobAuditResult", HttpMethod.Get, Base + "jobs/" + Escape(jobId) + "/audit-result"), log, ct).ConfigureAwait(false)
               ?? new AuditResultResponse();

        /// <summary>ListJobOperationLog: one page of a job's operation log.</summary>
        public async Task<OperationLogResponse> ListJobOperationLogAsync(string jobId, int offset, int limit, IOperationLog log, CancellationToken ct)
        {
            var call = new ApiCall("ListJobOperationLog", HttpMethod.Get, Base + "jobs/" + Escape(jobId) + "/op-logs");
            call.Query.Add(Pair("offset", offset.ToString(CultureInfo.InvariantCulture)));
            call.Query.Add(Pair("limit", limit.ToString(CultureInfo.InvariantCulture)));
            return await SendAsync<OperationLogResponse>(call, log, ct).ConfigureAwait(false) ?? new OperationLogResponse();
        }

        /// <summary>SetJobBatchName: puts jobs into a named batch.</summary>
        public Task SetJobBatchNameAsync(string batchName, IReadOnlyCollection<string> jobIds, string? appUserId, IOperationLog log, CancellationToken ct)
            => SendAsync<EmptyResponse>(new ApiCall("SetJobBatchName", HttpMethod.Put, Base + "batch")
            {
                Body = new SetJobBatchNameRequest { BatchName = batchName, JobIds = new List<string>(jobIds) },
                AppUserId = appUserId,
            }, log, ct);

        /// <summary>ShowVoiceTrainingQuotas (note: not under user/).</summary>
        public async Task<QuotasResponse> ShowVoiceTrainingQuotasAsync(IOperationLog log, CancellationToken ct)
        {
            var call = new ApiCall("ShowVoiceTrainingQuotas", HttpMethod.Get, "voice-training-manage/quotas");
            return await SendAsync<QuotasResponse>(call, log, ct).ConfigureAwait(false) ?? new QuotasResponse();
        }

        /// <summary>ShowTenantDurationCfg: the tenant's audio duration limits, in seconds.</summary>
        public async Task<TenantDurationCfgResponse> ShowTenantDurationCfgAsync(IOperationLog log, CancellationToken ct)
            => await SendAsync<TenantDurationCfgResponse>(new ApiCall("ShowTenantDurationCfg", HttpMethod.Get, Base + "tenant-duration-cfg"), log, ct).ConfigureAwait(false)
               ?? new TenantDurationCfgResponse();

        /// <summary>ConfirmTrainingSegment: confirms sentence {index} of a SEGMENT job after its upload.</summary>
        public async Task<ConfirmTrainingSegmentResponse> ConfirmTrainingSegmentAsync(string jobId, int index, IOperationLog log, CancellationToken ct)
        {
            var call = new ApiCall("ConfirmTrainingSegment", HttpMethod.Post, Base + "training-segment");
            call.Query.Add(Pair("job_id", jobId));
            call.Query.Add(Pair("index", index.ToString(CultureInfo.InvariantCulture)));
            return await SendAsync<ConfirmTrainingSegmentResponse>(call, log, ct).ConfigureAwait(false) ?? new ConfirmTrainingSegmentResponse();
        }

        /// <summary>ShowTrainingSegmentInfo: which sentences of a SEGMENT job are confirmed.</summary>
        public async Task<TrainingSegmentInfoResponse> ShowTrainingSegmentInfoAsync(string jobId, IOperationLog log, CancellationToken ct)
        {
            var call = new ApiCall("ShowTrainingSegmentInfo", HttpMethod.Get, Base + "training-segment");
            call.Query.Add(Pair("job_id", jobId));
            return await SendAsync<TrainingSegmentInfoResponse>(call, log, ct).ConfigureAwait(false) ?? new TrainingSegmentInfoResponse();
        }

        /// <summary>CreateShortJob: a VOICE_ASSESS job that rates a short sample's quality.</summary>
        public async Task<CreateShortJobResponse> CreateShortJobAsync(string? language, string? appUserId, IOperationLog log, CancellationToken ct)
        {
            var call = new ApiCall("CreateShortJob", HttpMethod.Post, Base + "short-jobs")
            {
                Body = new CreateShortJobRequest { Language = language },
                AppUserId = appUserId,
                Idempotent = false, // an assessment is free: a second one after a lost answer costs nothing but time
            };
            var response = await SendAsync<CreateShortJobResponse>(call, log, ct).ConfigureAwait(false);
            if (response == null || string.IsNullOrEmpty(response.JobId) || string.IsNullOrEmpty(response.DataUploadingUrl))
                throw new MetaStudioException("InvalidServiceResponse", MetaStudioErrorKind.InvalidResponse, "MetaStudio CreateShortJob returned no job_id or upload URL.");
            return response;
        }

        /// <summary>CommitShortJob.</summary>
        public Task CommitShortJobAsync(string jobId, string? appUserId, IOperationLog log, CancellationToken ct)
            => SendAsync<EmptyResponse>(new ApiCall("CommitShortJob", HttpMethod.Post, Base + "short-jobs/" + Escape(jobId)) { AppUserId = appUserId, Idempotent = false }, log, ct);

        /// <summary>ShowShortJob.</summary>
        public async Task<ShortJobInfo> ShowShortJobAsync(string jobId, string? appUserId, IOperationLog log, CancellationToken ct)
            => await SendAsync<ShortJobInfo>(new ApiCall("ShowShortJob", HttpMethod.Get, Base + "short-jobs/" + Escape(jobId)) { AppUserId = appUserId }, log, ct).ConfigureAwait(false)
               ?? new ShortJobInfo { JobId = jobId };

        private static KeyValuePair<string, string?> Pair(string key, string? value) => new KeyValuePair<string, string?>(key, value);

        private static string Escape(string jobId) => Uri.EscapeDataString(jobId);
    }
}
