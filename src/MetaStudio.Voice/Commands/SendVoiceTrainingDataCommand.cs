using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using MetaStudio.Voice.Client;
using MetaStudio.Voice.Data;
using MetaStudio.Voice.Model;
using MetaStudio.Voice.Session;
using MetaStudio.Voice.Upload;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// <para type="synopsis">Checks a voice training job's data, then uploads it: a package zip, or sentence by sentence.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "VoiceTrainingData", DefaultParameterSetName = InputObjectSet,
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(VoiceTrainingJob))]
    public sealed class SendVoiceTrainingDataCommand : MetaStudioApiCmdlet
    {
        private const string InputObjectSet = "InputObject";
        private const string JobIdSet = "JobId";
        private const int OverallActivityId = 1;
        private const int FileActivityId = 2;

        /// <summary>A job from New-VoiceTrainingJob or Get-VoiceTrainingJob.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        [ValidateNotNull]
        public VoiceTrainingJob? InputObject { get; set; }

        /// <summary>The id of the job; fresh upload URLs are fetched for it.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = JobIdSet)]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string? JobId { get; set; }

        /// <summary>The data: a .zip, a folder of .wav/.txt files, or a single .wav. Defaults to the job's Path.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("DataPath", "FullName")]
        public string? Path { get; set; }

        /// <summary>The signed authorization letter for the voice, uploaded to the job's letter URL.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? AuthorizationLetter { get; set; }

        /// <summary>Upload without checking the data first (Test-VoiceTrainingData's rules).</summary>
        [Parameter]
        public SwitchParameter SkipValidation { get; set; }

        /// <summary>Sentences uploaded at once in SEGMENT mode (default 4).</summary>
        [Parameter]
        [ValidateRange(1, 32)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>X-App-UserId for the requests (ASCII); defaults to the job's, else the session's.</summary>
        [Parameter]
        public string? AppUserId { get; set; }

        protected override void ProcessRecord()
        {
            var job = InputObject;
            try
            {
                ValidateAppUserId(AppUserId);
                var session = ResolveSession(job);
                var dataPath = ResolveDataPath(job);
                var letter = ResolveLetter();

                // -WhatIf sends nothing, so the checks (which may ask for the tenant's limits) come after it.
                var jobId = job?.JobId ?? JobId!;
                if (!ShouldProcess($"voice training job {jobId}", $"Upload training data from {dataPath}"))
                    return;

                job ??= VoiceTrainingJob.FromInfo(Await(ct => ApiFor(session).ShowVoiceTrainingJobAsync(jobId, AppUserIdFor(AppUserId, session), Log, ct)), session);
                Validate(job, dataPath, session);

                var uploader = new TrainingDataUploader(session.Uploader, RetryFor(session));
                var targets = new UploadTargetSource(
                    job.UploadTargets?.TrainingData != null || job.UploadTargets?.SegmentAudio.Count > 0 ? job.UploadTargets : null,
                    async ct => UploadTargetsFrom(await ApiFor(session).ShowJobUploadingAddressAsync(job.JobId, Log, ct).ConfigureAwait(false)));
                var progress = new TransferProgress();
                var drawer = new ProgressDrawer(this, OverallActivityId, FileActivityId, $"Uploading training data for {job.VoiceName ?? job.JobId}", progress);

                if (string.Equals(job.CreateType, "SEGMENT", StringComparison.OrdinalIgnoreCase))
                {
                    var segments = SegmentFiles.FromFolder(dataPath, job.JobId);
                    var result = Await(ct => uploader.UploadSegmentsAsync(job.JobId, segments, targets, ApiFor(session), ThrottleLimit, progress, Log, ct), drawer.Draw);
                    drawer.Complete();
                    foreach (var index in result.Unmatched)
                        WriteWarning($"Sentence {index} of job {job.JobId}: the service says the text of {index}.txt does not match the speech in {index}.wav. Fix the transcript or record again, then run Send-VoiceTrainingData again.");
                    foreach (var (index, error) in result.Failures)
                        WriteFailure(error, $"{job.JobId}/{index}");
                    WriteVerbose($"Job {job.JobId}: {result.Uploaded.Count} sentence(s) uploaded, {result.Skipped.Count} already confirmed, {result.Unmatched.Count} unmatched, {result.Failures.Count} failed.");
                    if (result.Failures.Count > 0) return; // the job is not ready; the errors above say which sentences to resend
                }
                else
                {
                    var package = TrainingPackage.Resolve(dataPath);
                    foreach (var skipped in package.Skipped)
                        WriteVerbose($"{skipped} in {package.SourcePath} is not training data (.wav/.txt) and is left out of the upload.");
                    var result = Await(ct => uploader.UploadPackageAsync(package, targets, progress, Log, ct), drawer.Draw);
                    drawer.Complete();
                    WriteVerbose($"Uploaded {result.Bytes} bytes for job {job.JobId} in {result.Elapsed.TotalSeconds:0.0} s.");
                }

                if (letter != null)
                {
                    var letterProgress = new TransferProgress();
                    letterProgress.Begin("Uploading authorization letter", new FileInfo(letter).Length);
                    var letterDrawer = new ProgressDrawer(this, OverallActivityId, FileActivityId, "Uploading authorization letter", letterProgress);
                    Await(ct => uploader.UploadAuthorizationLetterAsync(letter, targets, letterProgress, Log, ct), letterDrawer.Draw);
                    letterDrawer.Complete();
                }

                job.UploadTargets = targets.Current ?? job.UploadTargets;
                job.Path = dataPath;
                job.DataUploadedAt = DateTime.UtcNow;
                WriteObject(job);
            }
            catch (Exception ex)
            {
                WriteFailure(ex, (object?)job ?? JobId);
            }
        }

        /// <summary>
        /// Checks the data against the job's edition; warnings are shown, errors refuse the upload with
        /// the report. Jobs of an edition this module does not know are uploaded unchecked, with a warning.
        /// </summary>
        private void Validate(VoiceTrainingJob job, string dataPath, MetaStudioSession session)
        {
            if (SkipValidation) return;
            if (!Enum.TryParse<VoiceTrainingEdition>(job.Edition, ignoreCase: true, out var edition) || !Enum.IsDefined(typeof(VoiceTrainingEdition), edition))
            {
                WriteWarning($"Job {job.JobId} is of type {job.JobType}, whose data rules this module does not know; uploading without checking.");
                return;
            }
            var createType = string.Equals(job.CreateType, "SEGMENT", StringComparison.OrdinalIgnoreCase) ? VoiceTrainingCreateType.Segment : VoiceTrainingCreateType.Package;
            if (!File.Exists(dataPath) && !Directory.Exists(dataPath))
                throw new MetaStudioException("TrainingDataNotFound", MetaStudioErrorKind.NotFound,
                    $"The training data {dataPath} does not exist. Pass -Path with a .zip, a folder of .wav/.txt files or a .wav file.");
            var policy = PolicyFor(edition, session);
            var report = Await(ct => System.Threading.Tasks.Task.Run(() => DatasetValidator.Validate(dataPath, policy, createType, ct), ct));
            foreach (var warning in report.Problems.Where(p => p.Severity == VoiceTrainingDataSeverity.Warning))
                WriteWarning($"{job.VoiceName ?? job.JobId}: {warning}");
            if (!report.IsValid)
                throw new TrainingDataInvalidException(report,
                    $"The training data {dataPath} does not meet the {edition} rules ({report.ErrorCount} error(s)): " +
                    string.Join("; ", report.Problems.Where(p => p.Severity == VoiceTrainingDataSeverity.Error).Take(5).Select(p => (p.File != null ? p.File + ": " : "") + p.Message)) +
                    (report.ErrorCount > 5 ? "; ..." : "") + $" Run Test-VoiceTrainingData -Path '{dataPath}' -Edition {edition} for the full report, or -SkipValidation to upload anyway.");
        }

        private static UploadTargets UploadTargetsFrom(UploadingAddressResponse address)
            => UploadTargets.From(address.PackageUrl?.TrainingDataUploadingUrl, address.SegmentUrl, address.AuthorizationLetterUploadingUrl);

        private string ResolveDataPath(VoiceTrainingJob? job)
        {
            var path = string.IsNullOrEmpty(Path) ? job?.Path : Path;
            if (string.IsNullOrEmpty(path))
                throw new MetaStudioException("NoTrainingDataPath", MetaStudioErrorKind.InvalidArgument,
                    $"No training data given for job {job?.JobId ?? JobId}. Pass -Path, or give New-VoiceTrainingJob a -Path (or a Path column in the CSV).");
            return ResolvePath(path!);
        }

        private string? ResolveLetter()
        {
            if (string.IsNullOrEmpty(AuthorizationLetter)) return null;
            var letter = ResolvePath(AuthorizationLetter!);
            if (!File.Exists(letter))
                throw new MetaStudioException("AuthorizationLetterNotFound", MetaStudioErrorKind.NotFound,
                    $"The authorization letter {letter} does not exist. Pass the signed letter downloaded from the MetaStudio console.");
            return letter;
        }
    }

    /// <summary>The data failed the checks; the report says everything that is wrong.</summary>
    public sealed class TrainingDataInvalidException : MetaStudioException
    {
        internal TrainingDataInvalidException(VoiceTrainingDataReport report, string message)
            : base("TrainingDataInvalid", MetaStudioErrorKind.InvalidArgument, message) => Report = report;

        public VoiceTrainingDataReport Report { get; }
    }
}
