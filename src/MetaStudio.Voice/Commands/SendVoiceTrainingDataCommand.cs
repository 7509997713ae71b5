using System;
using System.IO;
using System.Management.Automation;
using MetaStudio.Voice.Client;
using MetaStudio.Voice.Model;
using MetaStudio.Voice.Session;
using MetaStudio.Voice.Upload;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// <para type="synopsis">Uploads a voice training job's data to its presigned upload URL.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "VoiceTrainingData", DefaultParameterSetName = InputObjectSet,
        SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(VoiceTrainingJob))]
    public sealed class SendVoiceTrainingDataCommand : MetaStudioApiCmdlet
    {
        private const string InputObjectSet = "InputObject";
        private const string JobIdSet = "JobId";
        private const int ProgressActivityId = 1;

        /// <summary>A job from New-VoiceTrainingJob or Get-VoiceTrainingJob.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        [ValidateNotNull]
        public VoiceTrainingJob? InputObject { get; set; }

        /// <summary>The id of the job; fresh upload URLs are fetched for it.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = JobIdSet)]
        [ValidateNotNullOrEmpty]
        public string? JobId { get; set; }

        /// <summary>The data: a .zip, a folder of .wav/.txt files, or a single .wav. Defaults to the job's Path.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("DataPath", "FullName")]
        public string? Path { get; set; }

        /// <summary>The signed authorization letter for the voice, uploaded to the job's letter URL.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? AuthorizationLetter { get; set; }

        protected override void ProcessRecord()
        {
            var job = InputObject;
            try
            {
                var session = ResolveSession(job);
                var dataPath = ResolveDataPath(job);
                if (job != null && string.Equals(job.CreateType, "SEGMENT", StringComparison.OrdinalIgnoreCase))
                    throw SegmentNotSupported(job.JobId);
                var package = TrainingPackage.Resolve(dataPath);
                foreach (var skipped in package.Skipped)
                    WriteWarning($"{skipped} in {package.SourcePath} is not training data (.wav/.txt) and is left out of the upload.");
                var letter = ResolveLetter();

                var jobId = job?.JobId ?? JobId!;
                if (!ShouldProcess($"voice training job {jobId}", $"Upload training data from {dataPath}"))
                    return;

                job ??= VoiceTrainingJob.FromInfo(Await(ct => session.Api.ShowVoiceTrainingJobAsync(jobId, session.AppUserId, Log, ct)), session);
                if (string.Equals(job.CreateType, "SEGMENT", StringComparison.OrdinalIgnoreCase))
                    throw SegmentNotSupported(job.JobId);
                var targets = job.UploadTargets;
                if (targets?.TrainingData == null || (letter != null && targets.AuthorizationLetter == null))
                    job.UploadTargets = targets = FetchUploadTargets(session, job.JobId);
                if (targets.TrainingData == null)
                    throw new MetaStudioException("NoUploadUrl", MetaStudioErrorKind.InvalidOperation,
                        $"MetaStudio gave no package upload URL for job {job.JobId} (state {job.State}). Data can be uploaded while a job is CREATING or AUDIT_FAILED; check the job with Get-VoiceTrainingJob.");

                var uploader = new TrainingDataUploader(session.Uploader);
                var progress = new TransferProgress();
                var activity = $"Uploading training data for {job.VoiceName ?? job.JobId}";
                var drawer = new ProgressDrawer(this, ProgressActivityId, activity, progress);
                var result = Await(ct => uploader.UploadPackageAsync(package, targets.TrainingData, progress, Log, ct), drawer.Draw);
                drawer.Complete();
                WriteVerbose($"Uploaded {result.Bytes} bytes for job {job.JobId} in {result.Elapsed.TotalSeconds:0.0} s.");

                if (letter != null)
                {
                    if (targets.AuthorizationLetter == null)
                        throw new MetaStudioException("NoUploadUrl", MetaStudioErrorKind.InvalidOperation,
                            $"MetaStudio gave no authorization letter upload URL for job {job.JobId}.");
                    var letterProgress = new TransferProgress();
                    var letterDrawer = new ProgressDrawer(this, ProgressActivityId, "Uploading authorization letter", letterProgress);
                    Await(ct => uploader.UploadAuthorizationLetterAsync(letter, targets.AuthorizationLetter, letterProgress, Log, ct), letterDrawer.Draw);
                    letterDrawer.Complete();
                }

                job.Path = dataPath;
                job.DataUploadedAt = DateTime.UtcNow;
                WriteObject(job);
            }
            catch (Exception ex)
            {
                WriteFailure(ex, (object?)job ?? JobId);
            }
        }

        private string ResolveDataPath(VoiceTrainingJob? job)
        {
            var path = string.IsNullOrEmpty(Path) ? job?.Path : Path;
            if (string.IsNullOrEmpty(path))
                throw new MetaStudioException("NoTrainingDataPath", MetaStudioErrorKind.InvalidArgument,
                    $"No training data given for job {job?.JobId ?? JobId}. Pass -Path, or give New-VoiceTrainingJob a -Path (or a Path column in the CSV).");
            return SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
        }

        private string? ResolveLetter()
        {
            if (string.IsNullOrEmpty(AuthorizationLetter)) return null;
            var letter = SessionState.Path.GetUnresolvedProviderPathFromPSPath(AuthorizationLetter);
            if (!File.Exists(letter))
                throw new MetaStudioException("AuthorizationLetterNotFound", MetaStudioErrorKind.NotFound,
                    $"The authorization letter {letter} does not exist. Pass the signed letter downloaded from the MetaStudio console.");
            return letter;
        }

        private UploadTargets FetchUploadTargets(MetaStudioSession session, string jobId)
        {
            var address = Await(ct => session.Api.ShowJobUploadingAddressAsync(jobId, Log, ct));
            return UploadTargets.From(address.PackageUrl?.TrainingDataUploadingUrl, address.SegmentUrl, address.AuthorizationLetterUploadingUrl);
        }

        private static MetaStudioException SegmentNotSupported(string jobId)
            => new MetaStudioException("SegmentUploadNotSupported", MetaStudioErrorKind.InvalidOperation,
                $"Job {jobId} takes its data sentence by sentence (SEGMENT), which this version of Send-VoiceTrainingData cannot upload yet. Create the job with -CreateType Package and upload a zip.");
    }
}
