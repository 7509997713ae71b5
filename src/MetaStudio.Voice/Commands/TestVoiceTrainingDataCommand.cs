using System;
using System.Management.Automation;
using MetaStudio.Voice.Data;
using MetaStudio.Voice.Model;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// <para type="synopsis">Checks training data (a folder, a .zip or a .wav) against an edition's rules before anything is uploaded.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "VoiceTrainingData")]
    [OutputType(typeof(VoiceTrainingDataReport))]
    public sealed class TestVoiceTrainingDataCommand : MetaStudioApiCmdlet
    {
        /// <summary>The data: a folder of .wav/.txt files, a .zip or a single .wav.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DataPath", "FullName")]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Premium (default), Basic, Advanced or ThirdParty.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public VoiceTrainingEdition Edition { get; set; } = VoiceTrainingEdition.Premium;

        /// <summary>Package (default) or Segment.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public VoiceTrainingCreateType CreateType { get; set; } = VoiceTrainingCreateType.Package;

        /// <summary>Only the defaults, even when connected (no request for the tenant's limits).</summary>
        [Parameter]
        public SwitchParameter Offline { get; set; }

        /// <summary>Also run the service's own quality assessment (a short VOICE_ASSESS job) on a sample of the first recording.</summary>
        [Parameter]
        public SwitchParameter Online { get; set; }

        /// <summary>How long the assessment sample is (seconds or a TimeSpan); default 30 s.</summary>
        [Parameter]
        [SecondsTransformation]
        public TimeSpan SampleLength { get; set; } = TimeSpan.FromSeconds(30);

        protected override void ProcessRecord()
        {
            var path = Path!;
            try
            {
                path = ResolvePath(Path!);
                if (!System.IO.File.Exists(path) && !System.IO.Directory.Exists(path))
                    throw new Client.MetaStudioException("TrainingDataNotFound", Client.MetaStudioErrorKind.NotFound,
                        $"The training data {path} does not exist. Pass a folder of .wav/.txt files, a .zip or a .wav.");
                if (Online && Offline)
                    throw new Client.MetaStudioException("ConflictingSwitches", Client.MetaStudioErrorKind.InvalidArgument, "Pass -Online or -Offline, not both.");
                var session = Online ? ResolveSession() : Offline ? null : TryResolveSession();
                var policy = PolicyFor(Edition, session);
                var report = Await(ct => System.Threading.Tasks.Task.Run(() => DatasetValidator.Validate(path, policy, CreateType, ct), ct));
                if (Online) Assess(report, path, session!);
                WriteObject(report);
            }
            catch (Exception ex)
            {
                WriteFailure(ex, path);
            }
        }

        private void Assess(VoiceTrainingDataReport report, string path, Session.MetaStudioSession session)
        {
            var assessor = new Lifecycle.VoiceAssessor(ApiFor(session), session.Uploader);
            var assessment = Await(ct => assessor.AssessDatasetAsync(path, SampleLength, session.AppUserId, Log, ct));
            if (assessment != null) report.AddAssessment(assessment);
            else WriteWarning($"{path} has no readable recording to assess; only the local checks ran.");
        }
    }
}
