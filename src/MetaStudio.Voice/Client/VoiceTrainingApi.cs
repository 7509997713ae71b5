using System;
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

        private static string Escape(string jobId) => Uri.EscapeDataString(jobId);
    }
}
