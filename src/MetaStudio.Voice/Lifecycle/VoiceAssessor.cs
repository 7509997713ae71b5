using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Voice.Client;
using MetaStudio.Voice.Data;
using MetaStudio.Voice.Model;
using MetaStudio.Voice.Upload;

namespace MetaStudio.Voice.Lifecycle
{
    /// <summary>
    /// The service's own quality check of a recording: a short VOICE_ASSESS job is created, a sample
    /// cut from the recording is uploaded, the job submitted and polled until it has an assess_result
    /// (speed, volume, SNR, reverb, DNSMOS — each expected vs actual, with the service's suggestion).
    /// </summary>
    internal sealed class VoiceAssessor
    {
        private readonly VoiceTrainingApi _api;
        private readonly ObjectUploader _uploader;

        public VoiceAssessor(VoiceTrainingApi api, ObjectUploader uploader)
        {
            _api = api;
            _uploader = uploader;
        }

        public async Task<VoiceAssessment> AssessAsync(Func<Stream> openRecording, WavInfo info, TimeSpan sampleLength, string? language,
            string? appUserId, TimeSpan pollInterval, TimeSpan timeout, IOperationLog log, CancellationToken ct)
        {
            Directory.CreateDirectory(TrainingDataUploader.TempDirectory);
            var zip = Path.Combine(TrainingDataUploader.TempDirectory, "assess-" + Guid.NewGuid().ToString("N") + ".zip");
            try
            {
                using (var source = openRecording())
                    await SampleClip.WriteZipAsync(source, info, sampleLength, zip, ct).ConfigureAwait(false);
                var job = await _api.CreateShortJobAsync(language, appUserId, log, ct).ConfigureAwait(false);
                log.Verbose($"Assessing a {Math.Min(sampleLength.TotalSeconds, info.Duration.TotalSeconds):0} s sample of {info.Name} (short job {job.JobId}).");
                await _uploader.PutFileAsync(new Uri(job.DataUploadingUrl!), zip, TrainingDataUploader.ZipContentType, null, log, ct).ConfigureAwait(false);
                await _api.CommitShortJobAsync(job.JobId!, appUserId, log, ct).ConfigureAwait(false);

                var deadline = DateTime.UtcNow + timeout;
                while (true)
                {
                    var shown = await _api.ShowShortJobAsync(job.JobId!, appUserId, log, ct).ConfigureAwait(false);
                    if (shown.State == "SUCCEED" || (shown.AssessResult != null && shown.AssessResult.Count > 0 && JobStates.IsTerminal(shown.State)))
                    {
                        var assessment = From(job.JobId!, shown.AssessResult);
                        assessment.File = info.Name;
                        return assessment;
                    }
                    if (JobStates.IsFailure(shown.State))
                        throw new MetaStudioException("AssessmentFailed", MetaStudioErrorKind.InvalidOperation,
                            $"The quality assessment (short job {job.JobId}) failed: {shown.JobFailedCode} {shown.JobFailedReason}. The local checks above still hold.");
                    if (DateTime.UtcNow > deadline)
                        throw new MetaStudioException("AssessmentTimeout", MetaStudioErrorKind.Timeout,
                            $"The quality assessment (short job {job.JobId}) did not finish within {timeout}. Run Test-VoiceTrainingData -Online again later.");
                    await Task.Delay(pollInterval, ct).ConfigureAwait(false);
                }
            }
            finally
            {
                TrainingPackage.TryDelete(zip);
            }
        }

        /// <summary>Assesses the first readable recording of a dataset (folder, zip or WAV); null when it has none.</summary>
        public async Task<VoiceAssessment?> AssessDatasetAsync(string path, TimeSpan sampleLength, string? appUserId,
            IOperationLog log, CancellationToken ct)
        {
            using var source = DataSource.Open(path);
            foreach (var entry in source.Entries.Where(e => !e.IsNested && e.Extension.Equals(".wav", StringComparison.OrdinalIgnoreCase)))
            {
                WavInfo info;
                using (var s = entry.Open()) info = WavReader.Read(s, entry.Name, entry.Size);
                if (!info.IsReadable) continue;
                return await AssessAsync(entry.Open, info, sampleLength, null, appUserId,
                    TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), log, ct).ConfigureAwait(false);
            }
            return null;
        }

        internal static VoiceAssessment From(string jobId, Dictionary<string, JsonElement>? result)
        {
            var items = new List<VoiceAssessmentItem>();
            string? suggestion = null;
            foreach (var kv in result ?? new Dictionary<string, JsonElement>())
            {
                if (kv.Value.ValueKind == JsonValueKind.String && kv.Key == "suggestion") { suggestion = kv.Value.GetString(); continue; }
                if (kv.Value.ValueKind != JsonValueKind.Object) continue;
                items.Add(new VoiceAssessmentItem
                {
                    Measure = kv.Key,
                    Expected = Text(kv.Value, "expected"),
                    Actual = Text(kv.Value, "actual"),
                    Suggestion = Text(kv.Value, "suggestion_en") ?? Text(kv.Value, "suggestion"),
                    Status = kv.Value.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var n) ? n : (int?)null,
                });
            }
            return new VoiceAssessment { JobId = jobId, Items = items, Suggestion = suggestion };
        }

        private static string? Text(JsonElement e, string name)
            => e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;
    }
}
