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
        private readonly MetaStudioClient _client;

        public VoiceTrainingApi(MetaStudioClient client) => _client = client;

        /// <summary>CreateTraining{Basic,Middle,Advance,ThirdParty}Job.</summary>
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
            var call = new ApiCall(op, HttpMethod.Post, Base + EditionInfo.CreatePath(edition)) { Body = body, AppUserId = appUserId };
            var response = await _client.SendAsync<CreateTrainingJobResponse>(call, log, ct).ConfigureAwait(false);
            if (response == null || string.IsNullOrEmpty(response.JobId))
                throw new MetaStudioException("InvalidServiceResponse", MetaStudioErrorKind.InvalidResponse,
                    $"MetaStudio {op} succeeded but returned no job_id. List your jobs to see whether '{body.VoiceName}' was created before trying again.");
            return response;
        }

        /// <summary>CommitVoiceTrainingJob: starts review and training. The body is optional.</summary>
        public Task CommitVoiceTrainingJobAsync(string jobId, CommitJobRequest? body, string? appUserId, IOperationLog log, CancellationToken ct)
        {
            var call = new ApiCall("CommitVoiceTrainingJob", HttpMethod.Post, Base + "jobs/" + Escape(jobId))
            {
                Body = body == null || body.IsEmpty ? null : body,
                AppUserId = appUserId,
            };
            return _client.SendAsync<EmptyResponse>(call, log, ct);
        }

        /// <summary>ShowVoiceTrainingJob.</summary>
        public async Task<TrainingJobInfo> ShowVoiceTrainingJobAsync(string jobId, string? appUserId, IOperationLog log, CancellationToken ct)
        {
            var call = new ApiCall("ShowVoiceTrainingJob", HttpMethod.Get, Base + "jobs/" + Escape(jobId)) { AppUserId = appUserId };
            var info = await _client.SendAsync<TrainingJobInfo>(call, log, ct).ConfigureAwait(false);
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
            return await _client.SendAsync<UploadingAddressResponse>(call, log, ct).ConfigureAwait(false) ?? new UploadingAddressResponse();
        }

        /// <summary>ListVoiceTrainingJob: one page of jobs matching the query, with the total count.</summary>
        public async Task<ListVoiceTrainingJobResponse> ListVoiceTrainingJobAsync(JobListQuery query, int offset, int limit,
            string? appUserId, IOperationLog log, CancellationToken ct)
        {
            var call = new ApiCall("ListVoiceTrainingJob", HttpMethod.Get, Base + "jobs") { AppUserId = appUserId };
            call.Query.Add(Pair("offset", offset.ToString(CultureInfo.InvariantCulture)));
            call.Query.Add(Pair("limit", limit.ToString(CultureInfo.InvariantCulture)));
            query.AddTo(call.Query);
            return await _client.SendAsync<ListVoiceTrainingJobResponse>(call, log, ct).ConfigureAwait(false) ?? new ListVoiceTrainingJobResponse();
        }

        /// <summary>DeleteVoiceTrainingJob.</summary>
        public Task DeleteVoiceTrainingJobAsync(string jobId, string? appUserId, IOperationLog log, CancellationToken ct)
            => _client.SendAsync<EmptyResponse>(new ApiCall("DeleteVoiceTrainingJob", HttpMethod.Delete, Base + "jobs/" + Escape(jobId)) { AppUserId = appUserId }, log, ct);

        /// <summary>ShowJobAuditResult.</summary>
        public async Task<AuditResultResponse> ShowJobAuditResultAsync(string jobId, IOperationLog log, CancellationToken ct)
            => await _client.SendAsync<AuditResultResponse>(new ApiCall("ShowJobAuditResult", HttpMethod.Get, Base + "jobs/" + Escape(jobId) + "/audit-result"), log, ct).ConfigureAwait(false)
               ?? new AuditResultResponse();

        /// <summary>ListJobOperationLog: one page of a job's operation log.</summary>
        public async Task<OperationLogResponse> ListJobOperationLogAsync(string jobId, int offset, int limit, IOperationLog log, CancellationToken ct)
        {
            var call = new ApiCall("ListJobOperationLog", HttpMethod.Get, Base + "jobs/" + Escape(jobId) + "/op-logs");
            call.Query.Add(Pair("offset", offset.ToString(CultureInfo.InvariantCulture)));
            call.Query.Add(Pair("limit", limit.ToString(CultureInfo.InvariantCulture)));
            return await _client.SendAsync<OperationLogResponse>(call, log, ct).ConfigureAwait(false) ?? new OperationLogResponse();
        }

        /// <summary>SetJobBatchName: puts jobs into a named batch.</summary>
        public Task SetJobBatchNameAsync(string batchName, IReadOnlyCollection<string> jobIds, string? appUserId, IOperationLog log, CancellationToken ct)
            => _client.SendAsync<EmptyResponse>(new ApiCall("SetJobBatchName", HttpMethod.Put, Base + "batch")
            {
                Body = new SetJobBatchNameRequest { BatchName = batchName, JobIds = new List<string>(jobIds) },
                AppUserId = appUserId,
            }, log, ct);

        /// <summary>ShowVoiceTrainingQuotas (note: not under user/).</summary>
        public async Task<QuotasResponse> ShowVoiceTrainingQuotasAsync(IOperationLog log, CancellationToken ct)
        {
            var call = new ApiCall("ShowVoiceTrainingQuotas", HttpMethod.Get, "voice-training-manage/quotas");
            return await _client.SendAsync<QuotasResponse>(call, log, ct).ConfigureAwait(false) ?? new QuotasResponse();
        }

        /// <summary>ShowTenantDurationCfg: the tenant's audio duration limits, in seconds.</summary>
        public async Task<TenantDurationCfgResponse> ShowTenantDurationCfgAsync(IOperationLog log, CancellationToken ct)
            => await _client.SendAsync<TenantDurationCfgResponse>(new ApiCall("ShowTenantDurationCfg", HttpMethod.Get, Base + "tenant-duration-cfg"), log, ct).ConfigureAwait(false)
               ?? new TenantDurationCfgResponse();

        /// <summary>ConfirmTrainingSegment: confirms sentence {index} of a SEGMENT job after its upload.</summary>
        public async Task<ConfirmTrainingSegmentResponse> ConfirmTrainingSegmentAsync(string jobId, int index, IOperationLog log, CancellationToken ct)
        {
            var call = new ApiCall("ConfirmTrainingSegment", HttpMethod.Post, Base + "training-segment");
            call.Query.Add(Pair("job_id", jobId));
            call.Query.Add(Pair("index", index.ToString(CultureInfo.InvariantCulture)));
            return await _client.SendAsync<ConfirmTrainingSegmentResponse>(call, log, ct).ConfigureAwait(false) ?? new ConfirmTrainingSegmentResponse();
        }

        /// <summary>ShowTrainingSegmentInfo: which sentences of a SEGMENT job are confirmed.</summary>
        public async Task<TrainingSegmentInfoResponse> ShowTrainingSegmentInfoAsync(string jobId, IOperationLog log, CancellationToken ct)
        {
            var call = new ApiCall("ShowTrainingSegmentInfo", HttpMethod.Get, Base + "training-segment");
            call.Query.Add(Pair("job_id", jobId));
            return await _client.SendAsync<TrainingSegmentInfoResponse>(call, log, ct).ConfigureAwait(false) ?? new TrainingSegmentInfoResponse();
        }

        private static KeyValuePair<string, string?> Pair(string key, string? value) => new KeyValuePair<string, string?>(key, value);

        private static string Escape(string jobId) => Uri.EscapeDataString(jobId);
    }
}
